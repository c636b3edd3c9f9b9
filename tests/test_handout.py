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
from generator.layout.printing import (
    GAP,
    HANDOUT_KINDS,
    LARGE_CONTRAST,
    MARGIN,
    TEXT_CONTRAST,
    handout_plan,
    print_look,
)
from generator.pdf import HANDOUT_LAYOUTS
from generator.source.reader import load_deck
from generator.themes.theme import builtin_themes, contrast_ratio, load_theme, theme_for

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


class DescribeHandoutPlans:
    @pytest.mark.parametrize("size", [(960, 540), (720, 540)], ids=["16:9", "4:3"])
    def it_fills_at_least_60_percent_of_a_one_up_page(self, size):
        plan = handout_plan("1", *size)
        assert (plan.orientation, plan.per_page) == ("landscape", 1)
        assert plan.fill >= 0.6

    @pytest.mark.parametrize("size", [(960, 540), (720, 540)], ids=["16:9", "4:3"])
    @pytest.mark.parametrize("kind", HANDOUT_KINDS)
    def it_sizes_every_grid_to_its_page(self, kind, size):
        plan = handout_plan(kind, *size)
        width, height = plan.content
        cell_w = (width - GAP * (plan.columns - 1)) / plan.columns
        cell_h = (height - GAP * (plan.rows - 1)) / plan.rows
        w, h = plan.slide
        assert plan.per_page == PER_PAGE[kind]
        assert abs(w / h - size[0] / size[1]) < 0.01  # never distorted
        assert w <= cell_w + 0.01 and h <= cell_h + 0.01
        assert w >= cell_w * (0.55 if plan.lines else 1) - 0.01 or h >= cell_h * (
            0.5 if plan.notes else 1) - 0.01  # as large as its cell allows
        assert plan.printable == (plan.page[0] - 2 * MARGIN, plan.page[1] - 2 * MARGIN)

    def it_chooses_landscape_only_where_the_slides_get_clearly_larger(self):
        plans = {kind: handout_plan(kind, 960, 540).orientation for kind in HANDOUT_KINDS}
        assert plans == {"1": "landscape", "2": "portrait", "3": "portrait",
                         "4": "landscape", "6": "portrait", "notes": "portrait"}


class DescribePrintColours:
    @pytest.mark.parametrize("theme", sorted(builtin_themes()))
    def it_never_prints_a_title_slide_or_section_text_it_cannot_read(self, theme):
        loaded = load_theme(theme)
        look = print_look(loaded, band_drawn=True)

        def printed(token: str) -> str:
            if token in look.colors:
                return look.colors[token]
            section, key = token.split(".")
            return loaded.color(loaded[section][key])

        for slide, texts in (("title_slide", ("title_color", "subtitle_color", "byline_color")),
                             ("section_slide", ("title_color", "subtitle_color"))):
            on_band = (slide == "title_slide" and loaded[slide]["look"] in ("band", "block"))
            for key in texts:
                under = printed(f"{slide}.band" if on_band and key == "title_color"
                                else f"{slide}.background")
                needed = TEXT_CONTRAST if key == "byline_color" else LARGE_CONTRAST
                assert contrast_ratio(printed(f"{slide}.{key}"), under) >= needed, (
                    theme, slide, key)

    def it_turns_the_dark_themes_title_dark_on_white_paper(self):
        look = print_look(load_theme("dark"), band_drawn=True)
        assert (look.colors["title_slide.background"], look.colors["title_slide.title_color"],
                look.colors["section_slide.background"], look.pictures) == (
            "#FFFFFF", "#1F3A68", "#FFFFFF", False)

    def it_keeps_a_title_on_its_band(self):
        classic = load_theme("classic")
        assert print_look(classic, band_drawn=True).colors == {}  # white on the blue band

    def it_prints_a_light_theme_as_the_screen_shows_it(self):
        for theme in ("classic", "academic", "contrast"):
            assert print_look(load_theme(theme), band_drawn=True).colors == {}


def _word_boxes(pdf: Path, page: int) -> list[tuple[str, float, float, float, float]]:
    """``(word, x0, y0, x1, y1)`` of every word on ``page`` (points), from pdftotext -bbox."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], capture_output=True, text=True, check=True).stdout
    return [(w, *map(float, box)) for *box, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        html)]


def _page_png(pdf: Path, page: int, folder: Path, dpi: int = 100):
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", str(dpi), "-png", "-f", str(page), "-l", str(page),
                    str(pdf), str(folder / f"page{page}")], check=True)
    [png] = folder.glob(f"page{page}*.png")
    with Image.open(png) as image:
        return image.convert("RGB")


@pytest.mark.slow
class DescribePrintedPages:
    def it_prints_the_dark_title_slides_title_visibly(self, handouts, lecture, tmp_path):
        pdf = handouts["notes"]
        words = _word_boxes(pdf, 1)
        title = lecture.deck.title.split()
        n = len(title)
        header, on_slide = words[:n], words[n:2 * n]  # the running header, then the slide
        assert ([w for w, *_ in header], [w for w, *_ in on_slide]) == (title, title)
        assert on_slide[0][2] > header[0][4] + 10  # the slide's title, well under the header
        x0, y0 = min(b[1] for b in on_slide), min(b[2] for b in on_slide)
        x1, y1 = max(b[3] for b in on_slide), max(b[4] for b in on_slide)
        image = _page_png(pdf, 1, tmp_path).convert("L")
        scale = image.width / 595.0
        crop = image.crop((int(x0 * scale), int(y0 * scale), int(x1 * scale) + 1,
                           int(y1 * scale) + 1))
        darkest, lightest = crop.getextrema()
        luminance = [((v / 255) ** 2.2) for v in (darkest, lightest)]
        ratio = (max(luminance) + 0.05) / (min(luminance) + 0.05)
        assert ratio >= 3.0  # the title's letters stand out from the paper

    def it_fills_a_one_up_page_with_the_slide(self, tmp_path, print_chromium, poppler):
        result = build_deck(LECTURE, tmp_path, ("handout",), theme="academic",
                            handout_layout="1")
        assert result.error is None, result.error
        pdf = result.outputs[0]
        image = _page_png(pdf, 2, tmp_path, dpi=50)
        paper = load_theme("academic").colors["background"]
        target = tuple(int(paper[i:i + 2], 16) for i in (1, 3, 5))
        pixels = image.load()
        found = [(x, y) for y in range(image.height) for x in range(image.width)
                 if all(abs(a - b) <= 2 for a, b in zip(pixels[x, y], target))]
        xs, ys = [x for x, _ in found], [y for _, y in found]
        slide = (max(xs) - min(xs) + 1) * (max(ys) - min(ys) + 1)
        mm = image.width / 297.0  # landscape A4
        printable = (297 - 2 * MARGIN) * (210 - 2 * MARGIN) * mm * mm
        assert slide / printable >= 0.6

    def it_prints_every_word_of_long_notes_over_as_many_pages_as_they_need(
            self, tmp_path, print_chromium, poppler):
        words = [f"w{i:04d}" for i in range(5000)]
        cuts = [0, 40, 340, 2840, 2900, 3700, 5000]  # one paragraph of 2,500 words
        paras = [" ".join(words[a:b]) for a, b in zip(cuts, cuts[1:])]
        deck = tmp_path / "long.yaml"
        deck.write_text("title: Long notes\nslides:\n  - title: A slide with long notes\n"
                        "    bullets: [One point]\n    notes: |\n" + "\n\n".join(
                            "      " + p for p in paras) + "\n  - title: The next slide\n"
                        "    bullets: [Another point]\n    notes: Short notes.\n",
                        encoding="utf-8")
        result = build_deck(deck, tmp_path / "out", ("handout",), handout_layout="notes")
        assert result.error is None, result.error
        pages = _pages(result.outputs[0])
        text = " ".join(pages)
        assert re.findall(r"w\d{4}", text) == words  # every word, once, in order
        assert len(pages) > 3
        assert pages[-1].startswith("Long notes The next slide")
        assert all(re.search(rf"Page {i} of {len(pages)}$", page)
                   for i, page in enumerate(pages, start=1))


class DescribeTheOption:
    def it_refuses_an_unknown_layout(self, capsys):
        code, _, err = run_deck(capsys, "build", str(LECTURE), "--format", "handout",
                                "--handout-layout", "5")
        assert code == 2
        assert "'5' is not one of '1', '2', '3', '4', '6', 'notes'" in err
