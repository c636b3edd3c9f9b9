"""``--format handout --handout-layout 1|2|3|4|6|notes``: A4 pages of slides (Chromium), with the
deck title, page numbers, text in reading order, light colours for dark themes, tagged PDF."""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import require_tool, run_deck

from generator.build import build_deck
from generator.html.render import handout_css
from generator.layout.engine import lay_out
from generator.pdf import HANDOUT_LAYOUTS
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
PER_PAGE = {"1": 1, "2": 2, "3": 3, "4": 4, "6": 6, "notes": 1}


def _pages(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@pytest.fixture(scope="module")
def lecture():
    deck = load_deck(LECTURE)
    return lay_out(deck, theme_for(deck))


@pytest.fixture(scope="module")
def handouts(tmp_path_factory, print_chromium, poppler) -> dict[str, Path]:
    """The lecture's handout in every layout, printed in the dark theme."""
    folder = tmp_path_factory.mktemp("handouts")
    built = {}
    for layout in HANDOUT_LAYOUTS:
        result = build_deck(LECTURE, folder / layout, ("handout",), theme="dark",
                            handout_layout=layout)
        assert result.error is None, result.error
        built[layout] = result.outputs[0]
    return built


class DescribeHandoutLayouts:
    @pytest.mark.parametrize("layout", HANDOUT_LAYOUTS)
    def it_prints_slides_per_page_with_the_title_and_page_numbers(self, layout, handouts,
                                                                   lecture):
        pages = _pages(handouts[layout])
        count = math.ceil(len(lecture.pages) / PER_PAGE[layout])
        assert len(pages) == count
        for number, text in enumerate(pages, start=1):
            assert text.startswith("Soviet union foreign policy ")
            assert re.findall(r"Page \d+ of \d+", text) == [f"Page {number} of {count}"]

    @pytest.mark.parametrize("layout", HANDOUT_LAYOUTS)
    def it_keeps_the_text_in_reading_order(self, layout, handouts, lecture):
        text = " ".join(_pages(handouts[layout]))
        titles = [" ".join(page.title.paras[0].text.split()) for page in lecture.pages[1:]]
        found = [text.find(title) for title in titles]
        assert -1 not in found, [t for t, at in zip(titles, found) if at == -1]
        assert found == sorted(found)

    @pytest.mark.parametrize("layout", HANDOUT_LAYOUTS)
    def it_is_a_tagged_pdf_with_title_and_language(self, layout, handouts):
        info = subprocess.run(["pdfinfo", str(handouts[layout])], capture_output=True,
                              text=True, check=True).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.M)
        assert re.search(r"^Title:\s+Soviet union foreign policy$", info, re.M)
        data = handouts[layout].read_bytes()
        assert b"/StructTreeRoot" in data and b"/Lang (en)" in data

    def it_prints_notes_under_their_slide(self, handouts, lecture):
        first = next(i for i, page in enumerate(lecture.pages) if page.notes)
        words = " ".join(lecture.pages[first].notes.split())[:60]
        assert words in _pages(handouts["notes"])[first]

    def it_prints_a_dark_theme_in_light_colours(self, handouts, tmp_path):
        require_tool("pdftoppm", shutil.which("pdftoppm") is not None,
                     "apt-get install poppler-utils")
        from PIL import Image, ImageStat

        subprocess.run(["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1",
                        str(handouts["6"]), str(tmp_path / "page")], check=True)
        [png] = tmp_path.glob("page*.png")
        with Image.open(png) as page:
            assert ImageStat.Stat(page.convert("L")).mean[0] > 235  # mostly white paper


class DescribeHandoutColours:
    def it_uses_the_light_themes_colours_only_for_dark_themes(self, lecture):
        deck = lecture.deck
        dark = str(handout_css(lay_out(deck, theme_for(deck, "dark"))))
        assert dark.startswith(".handout {\n")
        assert "  --color-background: #FFFFFF;" in dark.splitlines()
        assert str(handout_css(lecture)) == ""


class DescribeTheOption:
    def it_refuses_an_unknown_layout(self, capsys):
        code, _, err = run_deck(capsys, "build", str(LECTURE), "--format", "handout",
                                "--handout-layout", "5")
        assert code == 2
        assert "'5' is not one of '1', '2', '3', '4', '6', 'notes'" in err
