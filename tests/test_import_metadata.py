"""Importing a PPTX keeps the deck's metadata (author, date, footer, aspect, language) and
split columns whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu, Inches

from generator.build import build_deck
from generator.importer import import_file
from generator.importer.powerpoint import is_date
from generator.source.reader import load_deck

ROOT = Path(__file__).resolve().parent.parent
STRESS = ROOT / "tests" / "decks" / "stress.yaml"
STRESS_4X3 = ROOT / "tests" / "decks" / "stress_4x3.yaml"

RUSSIAN_DECK = """\
title: Внешняя политика СССР
language: ru
slides:
  - title: Пакт
    bullets: [Подписан в Москве 23 августа 1939 года]
"""


class DescribeDeckMetadataFromOurPptx:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_keeps_the_footer_and_the_4x3_aspect(self, tmp_path):
        back = load_deck(round_trip(STRESS_4X3, tmp_path))
        assert (back.footer, back.aspect) == ("Stress deck 4:3", "4:3")

    def it_keeps_the_language(self, tmp_path):
        source = tmp_path / "russian.yaml"
        source.write_text(RUSSIAN_DECK, encoding="utf-8")
        assert load_deck(round_trip(source, tmp_path)).language == "ru"

    def it_leaves_out_what_is_the_default(self, tmp_path):
        source = tmp_path / "plain.yaml"
        source.write_text("title: Plain\nslides:\n  - title: One\n    text: Words\n",
                          encoding="utf-8")
        text = round_trip(source, tmp_path).read_text(encoding="utf-8")
        assert text.startswith("title: Plain\n\nslides:\n")


class DescribeDeckMetadataFromForeignPptx:
    def it_takes_the_language_most_runs_have_when_the_file_declares_none(self, tmp_path):
        def build(prs):
            slide = prs.slides.add_slide(prs.slide_layouts[1])
            slide.shapes.title.text = "Titre"
            slide.placeholders[1].text_frame.text = "Un point\nUn autre point"
            for shape, lang in ((slide.shapes.title, "en-US"), (slide.placeholders[1], "fr-FR")):
                for paragraph in shape.text_frame.paragraphs:
                    paragraph.runs[0]._r.get_or_add_rPr().set("lang", lang)

        assert load_deck(import_pptx(tmp_path, build)).language == "fr-FR"

    @pytest.mark.parametrize("width,height,aspect", [(16, 10, "16:9"), (5, 4, "4:3")])
    def it_takes_the_nearest_aspect_for_other_slide_sizes_and_says_so(self, tmp_path, width,
                                                                        height, aspect):
        def build(prs):
            prs.slide_width, prs.slide_height = Inches(width), Inches(height)
            prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Wide"

        out = import_pptx(tmp_path, build)
        assert load_deck(out).aspect == aspect
        text = out.read_text(encoding="utf-8")
        assert (f"# the slides are {width:.2f} × {height:.2f} in ({width / height:.2f}:1), which "
                f"the deck format has no aspect for: imported as the nearest, {aspect}\n") in text

    def it_reads_a_16x9_deck_without_an_aspect_line(self, tmp_path):
        def build(prs):
            prs.slide_width, prs.slide_height = Emu(12192000), Emu(6858000)
            prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "Wide"

        assert "aspect" not in import_pptx(tmp_path, build).read_text(encoding="utf-8")


class DescribeTheTitleSlidesAuthorAndDate:
    def it_takes_a_name_as_the_author_and_a_date_as_the_date(self, tmp_path):
        out = import_pptx(tmp_path, title_slide("Sub\nJane Doe\n12 March 2024"))
        assert head(out) == (
            "# author/date guessed from the title slide's lines: Jane Doe; 12 March 2024\n"
            "title: Deck\nsubtitle: Sub\nauthor: Jane Doe\ndate: 12 March 2024\n")

    def it_takes_the_date_first_too(self, tmp_path):
        out = import_pptx(tmp_path, title_slide("Sub\n2024-03-12\nMark Marsh"))
        assert head(out) == (
            "# author/date guessed from the title slide's lines: 2024-03-12; Mark Marsh\n"
            "title: Deck\nsubtitle: Sub\nauthor: Mark Marsh\ndate: '2024-03-12'\n")

    def it_never_takes_a_name_that_starts_like_a_month_as_the_date(self, tmp_path):
        out = import_pptx(tmp_path, title_slide("Sub\nJane Doe"))
        assert head(out) == (
            "# author/date guessed from the title slide's lines: Jane Doe\n"
            "title: Deck\nsubtitle: Sub\nauthor: Jane Doe\n")

    @pytest.mark.parametrize("line", [
        "2024-03-12", "12.03.2024", "12/03/2024", "12 March 2024", "12th of March 2024",
        "March 12, 2024", "Sept. 3, 2024", "Tuesday, 12 March 2024", "March 2024", "12 March",
        "Spring 2024", "Winter 2025", "Autumn semester 2024/25", "2024", "2024/25",
        "Spring term", "Autumn semester", "Fall quarter", "Michaelmas term"])
    def it_knows_a_date(self, line):
        assert is_date(line)

    @pytest.mark.parametrize("line", [
        "Jane Doe", "Mark Smith", "Marie Curie", "Junior lecturer", "Augustine of Hippo",
        "Dr. June Lee", "May Smith", "Octavia Butler 2", "Janet 12 Smith", "Room 12",
        "Lecture 3", "1939", "Spring", "Department of History", "Decision theory"])
    def it_knows_what_is_not_a_date(self, line):
        assert not is_date(line)


class DescribeSplitColumns:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_gives_back_columns_split_over_pages_exactly(self, tmp_path):
        title = "Two unequal columns"
        back = load_deck(round_trip(STRESS, tmp_path))
        original = load_deck(STRESS)
        assert columns_of(back, title) == columns_of(original, title)

    def it_gives_back_columns_split_over_three_pages_in_4x3(self, tmp_path):
        title = "Two unequal columns"
        back = load_deck(round_trip(STRESS_4X3, tmp_path))
        assert columns_of(back, title) == columns_of(load_deck(STRESS_4X3), title)


# -- helpers -------------------------------------------------------------------------------------

def round_trip(source: Path, tmp_path: Path) -> Path:
    """Build ``source`` as PPTX with our builder and import it back; the imported YAML's path."""
    result = build_deck(source, tmp_path / "out", formats=("pptx",))
    assert result.error is None, result.error
    pptx = tmp_path / "out" / f"{source.stem}.pptx"
    return import_file(pptx, tmp_path / "back" / f"{source.stem}.yaml").output


def import_pptx(tmp_path: Path, build) -> Path:
    """Save a python-pptx presentation made by ``build(prs)`` and import it."""
    prs = Presentation()
    build(prs)
    path = tmp_path / "foreign.pptx"
    prs.save(str(path))
    return import_file(path, tmp_path / "foreign.yaml").output


def title_slide(subtitle: str):
    """A ``build(prs)`` that adds a title slide titled "Deck" with the ``subtitle`` lines."""
    def build(prs):
        slide = prs.slides.add_slide(prs.slide_layouts[0])
        slide.shapes.title.text = "Deck"
        slide.placeholders[1].text = subtitle
        prs.slides.add_slide(prs.slide_layouts[5]).shapes.title.text = "One"

    return build


def head(out: Path) -> str:
    """The imported YAML down to the deck's last metadata line (aspect and after left out)."""
    text = out.read_text(encoding="utf-8").split("\naspect:", 1)[0].split("\n\nslides:", 1)[0]
    return text + "\n"


def columns_of(deck, title: str) -> tuple:
    return next(slide.columns for slide in deck.slides if slide.title == title)


def test_a_deck_built_without_slide_numbers_imports_without_them(tmp_path):
    from generator.build import build_deck
    from generator.importer import import_file
    from generator.source.reader import load_deck

    source = tmp_path / "plain.yaml"
    source.write_text("title: T\nslide_numbers: false\nslides:\n  - title: A\n    bullets: [b]\n",
                      encoding="utf-8")
    assert build_deck(source, tmp_path / "out", ("pptx",)).error is None
    out = tmp_path / "back.yaml"
    import_file(tmp_path / "out" / "plain.pptx", out)
    assert load_deck(out).slide_numbers is False
    numbered = tmp_path / "numbered.yaml"
    numbered.write_text("title: T\nslides:\n  - title: A\n    bullets: [b]\n", encoding="utf-8")
    assert build_deck(numbered, tmp_path / "out", ("pptx",)).error is None
    import_file(tmp_path / "out" / "numbered.pptx", tmp_path / "back2.yaml")
    assert "slide_numbers" not in (tmp_path / "back2.yaml").read_text(encoding="utf-8")
