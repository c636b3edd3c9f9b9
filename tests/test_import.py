"""Importing decks: PPTX (ours and foreign), text outlines and Markdown, back to deck YAML."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from conftest import run_deck
from PIL import Image
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.enum.chart import XL_CHART_TYPE
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.oxml.ns import qn
from pptx.util import Inches, Pt

from generator.build import build_deck
from generator.errors import SourceError, UsageError
from generator.importer import import_file
from generator.source.model import Deck, Slide, Timeline, slide_texts
from generator.source.model import Image as ImageBlock
from generator.source.reader import load_deck

ROOT = Path(__file__).resolve().parent.parent
LECTURE_YAML = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
LECTURE_TEXT = ROOT / "tests" / "fixtures" / "lecture_source.txt"
FIXTURES = ROOT / "tests" / "fixtures" / "import"

STRESS_DECK = """\
title: "Stress: a deck that tests the importer"
subtitle: Long bullets, deep levels, columns, notes
author: A. Lecturer
date: 2024-05-01
slides:
  - title: Long bullets
    bullets:
      - "Note: this bullet has a colon and space, and is long enough to wrap over several lines
        of the slide, which is the point of it; it goes on so that the fitter works hard"
      - "# starts with a hash, and [brackets], {braces}, a 'quote' and \\"double\\" quotes"
      - "- starts with a dash"
      - A bullet with **bold** and *italic* words and  two spaces
      - Level zero:
          - Level one:
              - Level two:
                  - Level three, the deepest we test
      - yes
      - "1939"
    notes: |
      First paragraph of the notes,
      wrapped in the source.

      Second paragraph, after a blank line.
  - title: Section two
    layout: section
    subtitle: Where things get longer
  - title: Many bullets
    bullets:
{many}
    notes: Notes of a slide that is split over pages.
  - title: Three columns
    text: A lead paragraph above the columns
    columns:
      - heading: First
        bullets: [a, b]
      - heading: Second
        text: Just text
      - bullets:
          - c:
              - d
  - title: A picture
    text: Words beside the picture
    image: map.png
    alt: A red rectangle standing in for a map
    caption: "Figure 1: the map"
    notes: Explain the map.
"""


# -- helpers -------------------------------------------------------------------------------------

def png_bytes(size: tuple[int, int] = (60, 40), color: tuple[int, int, int] = (0, 128, 0)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, "PNG")
    return buffer.getvalue()


def build_pptx(deck: Path, out_dir: Path) -> Path:
    result = build_deck(deck, out_dir, ["pptx"], force=True)
    assert result.error is None, result.error
    return result.outputs[0]


def notes_paragraphs(notes: str) -> list[str]:
    return [" ".join(block.split()) for block in re.split(r"\n\s*\n", notes) if block.strip()]


def without_timeline_dates(slide: Slide) -> list[str]:
    """``slide_texts`` less the dates of a timeline: the lecturer put "Some dates" on an axis,
    adding a year beside each line of the source text (the lines themselves are unchanged)."""
    dates = [e.date for b in slide.blocks if isinstance(b, Timeline) for e in b.events]
    texts = slide_texts(slide)
    for date in dates:
        texts.remove(date)
    return texts


def comparable(deck: Deck) -> tuple:
    """A deck's content without marks, absolute paths and notes' line wrapping."""
    def block(b) -> object:
        if isinstance(b, ImageBlock):
            return ("image", b.path.read_bytes(), b.alt, b.caption)
        if isinstance(b, Timeline):
            return ("timeline", [(e.date, e.text) for e in b.events])
        return b

    def slide(s: Slide) -> tuple:
        columns = [(c.heading, [block(b) for b in c.blocks]) for c in s.columns]
        return (s.title, s.layout, s.subtitle, [block(b) for b in s.blocks], columns, s.widths,
                notes_paragraphs(s.notes))

    return (deck.title, deck.subtitle, deck.author, deck.date, [slide(s) for s in deck.slides])


def built_lines(pptx: Path) -> list[str]:
    """Every paragraph of text on every slide, in order, footers and slide numbers left out."""
    chrome = (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER, PP_PLACEHOLDER.DATE)
    lines = []
    for slide in Presentation(str(pptx)).slides:
        for shape in slide.shapes:
            if not shape.has_text_frame or (
                    shape.is_placeholder and shape.placeholder_format.type in chrome):
                continue
            lines += [" ".join(p.text.split()) for p in shape.text_frame.paragraphs
                      if p.text.strip()]
    return lines


def import_text(tmp_path: Path, source: Path, name: str = "deck.yaml") -> str:
    result = import_file(source, tmp_path / name)
    return result.output.read_text(encoding="utf-8")


def new_deck(tmp_path: Path, build) -> Path:
    """Save a python-pptx presentation made by ``build(prs)`` as ``foreign.pptx``."""
    prs = Presentation()
    build(prs)
    path = tmp_path / "foreign.pptx"
    prs.save(str(path))
    return path


def slide_yaml(text: str, title: str) -> str:
    """The YAML lines of the slide titled ``title``, comments above it included."""
    blocks = text.split("slides:\n", 1)[1].split("\n\n")
    return next(b for b in blocks if f"- title: {title}\n" in b + "\n").strip("\n") + "\n"


# -- round trips through our own PPTX -------------------------------------------------------------

class DescribeRoundTripThroughOurPptx:
    def it_gives_back_the_lecture_from_its_own_build(self, tmp_path):
        pptx = build_pptx(LECTURE_YAML, tmp_path / "out")
        back = load_deck(import_file(pptx, tmp_path / "back" / "lecture.yaml").output)
        assert comparable(back) == comparable(load_deck(LECTURE_YAML))

    def it_gives_back_a_stress_deck_with_levels_columns_notes_section_and_image(self, tmp_path):
        many = "\n".join(f"      - Bullet {n} that says something long about the history of "
                         "the period in question" for n in range(1, 16))
        many += ("\n      - A parent at the end:\n          - with a child\n"
                 "          - and another child")
        source = tmp_path / "stress.yaml"
        source.write_text(STRESS_DECK.replace("{many}", many), encoding="utf-8")
        (tmp_path / "map.png").write_bytes(png_bytes((320, 200), (200, 40, 40)))
        pptx = build_pptx(source, tmp_path / "out")
        assert len(Presentation(str(pptx)).slides) > 6  # "Many bullets" was split over pages
        result = import_file(pptx, tmp_path / "back" / "stress.yaml")
        back = load_deck(result.output)
        assert comparable(back) == comparable(load_deck(source))
        # the picture's slide is the 8th: "Many bullets" takes three pages in its measure
        assert result.media == (tmp_path / "back" / "stress_media" / "slide8.png",)


# -- text outlines -------------------------------------------------------------------------------

class DescribeTextOutlines:
    def it_reads_the_lecture_text_into_the_lecture_yamls_slides(self, tmp_path):
        back = load_deck(import_file(LECTURE_TEXT, tmp_path / "lecture.yaml").output)
        lecture = load_deck(LECTURE_YAML)
        assert back.title == lecture.title
        assert [s.title for s in back.slides] == [s.title for s in lecture.slides]
        assert [slide_texts(s) for s in back.slides] == [
            without_timeline_dates(s) for s in lecture.slides]

    def its_build_has_every_line_of_the_lecture_yamls_build_in_the_same_order(self, tmp_path):
        """Exactly: the two builds have the same lines except the YAML's subtitle.

        The subtitle is the lecturer's addition (the source text has none). The builds differ
        in form, not words: where the text lost its bullet markers the importer writes
        paragraphs, and the text's PRO PLAN/AGAINST pages come back as one two-column slide.
        """
        imported = import_file(LECTURE_TEXT, tmp_path / "lecture.yaml").output
        ours = built_lines(build_pptx(imported, tmp_path / "a"))
        theirs = built_lines(build_pptx(LECTURE_YAML, tmp_path / "b"))
        lecture = load_deck(LECTURE_YAML)
        added = {lecture.subtitle} | {e.date for s in lecture.slides for e in s.timeline}
        assert [line for line in theirs if line not in added] == ours

    def it_marks_the_title_it_had_to_guess(self, tmp_path):
        text = import_text(tmp_path, LECTURE_TEXT)
        assert slide_yaml(text, "When the only friend is your enemy (continued)").startswith(
            "  # title guessed: the page had no title line, so it is named after the slide "
            "before it\n")

    def it_reads_a_hand_written_outline_with_indented_levels(self, tmp_path):
        assert import_text(tmp_path, FIXTURES / "hand_outline.txt") == """\
title: Intro to statistics
subtitle: Week 1
author: Dr. Example

slides:
  - title: Why statistics?
    body:
      - bullets:
          - Data is everywhere:
              - in science
              - in everyday life, from weather to sport
          - We need tools
      - text: A closing paragraph that is wrapped over two lines.

  - title: Averages
    bullets:
      - First point
      - Second point
"""

    def it_gives_an_outline_with_only_a_title_page_one_placeholder_slide(self, tmp_path):
        source = tmp_path / "title_only.txt"
        source.write_text("Intro to statistics\nWeek 1\nDr. Example\n", encoding="utf-8")
        text = import_text(tmp_path, source)
        assert text == """\
title: Intro to statistics
subtitle: Week 1
author: Dr. Example

slides:
  # the deck had no slides besides its title slide
  - title: Intro to statistics
"""
        assert [s.title for s in load_deck(tmp_path / "deck.yaml").slides] == [
            "Intro to statistics"]


# -- markdown -------------------------------------------------------------------------------------

class DescribeMarkdownOutlines:
    def it_reads_headings_lists_quotes_notes_columns_code_and_pictures(self, tmp_path, caplog):
        with caplog.at_level(logging.WARNING, logger="generator"):
            text = import_text(tmp_path, FIXTURES / "outline.md")
        assert text == """\
title: Cells and tissues
subtitle: An introduction in one hour
author: Dr. Example

slides:
  - title: What is a cell?
    body:
      - text: A cell is the smallest unit of life.
      - bullets:
          - Membrane:
              - Lipid bilayer with proteins in it
          - Nucleus
          - Numbered items are bullets too
      - quote: Ask who has used a microscope.

  - title: Part two
    layout: section
    subtitle: Tissues

  - title: Two kinds
    columns:
      - heading: Plant
        bullets:
          - Cell wall
      - heading: Animal
        bullets:
          - No wall
    notes: |
      Compare with the slide before.

      Then take questions.

  - title: Code is not imported
    body:
      - code:
          lang: python
          text: |
            print("hello")
      - text: 'Text after the code: stays.'

  - title: A picture
    image: deck_media/cell.png
    alt: A cell under a microscope
    caption: 'Figure 1: a cell'
"""
        assert (tmp_path / "deck_media" / "cell.png").read_bytes() == (
            FIXTURES / "cell.png").read_bytes()
        assert caplog.messages == []

    def it_keeps_a_front_matter_date_as_written(self, tmp_path):
        source = tmp_path / "dated.md"
        source.write_text("---\ntitle: Dated\ndate: 2024-09-01\n---\n## One\n- a point\n",
                          encoding="utf-8")
        assert import_text(tmp_path, source) == """\
title: Dated
date: '2024-09-01'

slides:
  - title: One
    bullets:
      - a point
"""
        assert load_deck(tmp_path / "deck.yaml").date == "2024-09-01"

    def it_keeps_a_front_matter_date_and_time_as_iso_text(self, tmp_path):
        source = tmp_path / "timed.md"
        source.write_text("---\ntitle: Timed\ndate: 2024-09-01 10:30:00\n---\n## One\n",
                          encoding="utf-8")
        assert load_deck(import_file(source, tmp_path / "deck.yaml").output).date == (
            "2024-09-01T10:30:00")

    def it_joins_a_list_of_authors_and_says_what_it_did_not_import(self, tmp_path, caplog):
        source = tmp_path / "meta.md"
        source.write_text("---\ntitle: Meta\nauthor: [A. One, B. Two]\nsubtitle: {a: 1}\n"
                          "---\n## One\n", encoding="utf-8")
        with caplog.at_level(logging.WARNING, logger="generator"):
            text = import_text(tmp_path, source)
        assert text == """\
# not imported: the front matter's 'subtitle' (a mapping {'a': 1}, not text)
# the front matter's 'author' was a list, joined with commas
# Not imported as it was:
# - meta.md:front matter: the front matter's 'subtitle' (a mapping {'a': 1}, not text) is not \
imported
title: Meta
author: A. One, B. Two

slides:
  - title: One
"""
        assert caplog.messages == ["import: meta.md:front matter: the front matter's 'subtitle' "
                                   "(a mapping {'a': 1}, not text) is not imported"]


# -- foreign decks --------------------------------------------------------------------------------

def _levels_slide(prs):
    s = prs.slides.add_slide(prs.slide_layouts[0])
    s.shapes.title.text = "Foreign deck"
    s.placeholders[1].text = "Made elsewhere"
    s = prs.slides.add_slide(prs.slide_layouts[1])
    s.shapes.title.text = "Levels"
    frame = s.placeholders[1].text_frame
    frame.text = "Top"
    for text, level in (("Second level", 1), ("Third level", 2), ("Fourth level", 3)):
        p = frame.add_paragraph()
        p.text, p.level = text, level
    p = frame.add_paragraph()
    p.text = "A plain paragraph"
    p._p.get_or_add_pPr().append(p._p.makeelement(qn("a:buNone"), {}))
    s.notes_slide.notes_text_frame.text = "Say hello."


class DescribeForeignDecks:
    def it_reads_the_title_slide_levels_plain_paragraphs_and_notes(self, tmp_path):
        text = import_text(tmp_path, new_deck(tmp_path, _levels_slide))
        assert text == """\
title: Foreign deck
subtitle: Made elsewhere
aspect: '4:3'
slide_numbers: false

slides:
  - title: Levels
    body:
      - bullets:
          - Top:
              - Second level:
                  - Third level:
                      - Fourth level
      - text: A plain paragraph
    notes: |
      Say hello.
"""

    def it_guesses_the_title_of_plain_text_boxes_from_the_largest_text(self, tmp_path):
        def build(prs):
            s = prs.slides.add_slide(prs.slide_layouts[6])
            for top, text, size in ((2, "Small words", 18), (0.5, "Big words", 40)):
                box = s.shapes.add_textbox(Inches(1), Inches(top), Inches(8), Inches(1))
                box.text_frame.text = text
                box.text_frame.paragraphs[0].runs[0].font.size = Pt(size)

        text = import_text(tmp_path, new_deck(tmp_path, build))
        assert slide_yaml(text, "Big words") == (
            "  # title guessed from largest text\n  - title: Big words\n    text: Small words\n")

    def it_recurses_into_groups_and_reads_side_by_side_text_as_columns(self, tmp_path):
        def build(prs):
            s = prs.slides.add_slide(prs.slide_layouts[5])
            s.shapes.title.text = "Grouped"
            group = s.shapes.add_group_shape()
            for left, text in ((1, "Left in a group"), (5, "Right in a group")):
                box = group.shapes.add_textbox(Inches(left), Inches(2), Inches(3), Inches(1))
                box.text_frame.text = text

        text = import_text(tmp_path, new_deck(tmp_path, build))
        assert slide_yaml(text, "Grouped") == """\
  - title: Grouped
    columns:
      - text: Left in a group
      - text: Right in a group
"""

    def it_reads_two_content_and_comparison_layouts_as_columns(self, tmp_path):
        def build(prs):
            s = prs.slides.add_slide(prs.slide_layouts[3])
            s.shapes.title.text = "Two content"
            s.placeholders[1].text, s.placeholders[2].text = "Left", "Right"
            s = prs.slides.add_slide(prs.slide_layouts[4])
            s.shapes.title.text = "Comparison"
            for idx, words in zip((1, 2, 3, 4), ("Pros", "Cheap", "Cons", "Slow")):
                s.placeholders[idx].text = words

        text = import_text(tmp_path, new_deck(tmp_path, build))
        assert text.split("slides:\n", 1)[1] == """\
  - title: Two content
    columns:
      - bullets:
          - Left
      - bullets:
          - Right

  - title: Comparison
    columns:
      - heading: Pros
        bullets:
          - Cheap
      - heading: Cons
        bullets:
          - Slow
"""

    def it_extracts_pictures_with_their_alt_text_or_a_todo(self, tmp_path):
        def build(prs):
            for title, descr in (("Described", "A green box"), ("Undescribed", "")):
                s = prs.slides.add_slide(prs.slide_layouts[5])
                s.shapes.title.text = title
                pic = s.shapes.add_picture(io.BytesIO(png_bytes()), Inches(1), Inches(2))
                pic._element.nvPicPr.cNvPr.set("descr", descr)

        text = import_text(tmp_path, new_deck(tmp_path, build))
        assert text.split("slides:\n", 1)[1] == """\
  - title: Described
    image: deck_media/slide1.png
    alt: A green box

  # the picture had no alt text: describe it in 'alt'
  - title: Undescribed
    image: deck_media/slide2.png
    alt: 'TODO: describe this image'
"""
        assert (tmp_path / "deck_media" / "slide2.png").read_bytes() == png_bytes()

    def it_treats_a_file_name_as_missing_alt_text(self, tmp_path):
        def build(prs):
            s = prs.slides.add_slide(prs.slide_layouts[5])
            s.shapes.title.text = "Named"
            s.shapes.add_picture(io.BytesIO(png_bytes()), Inches(1), Inches(2))  # descr: image.png

        text = import_text(tmp_path, new_deck(tmp_path, build))
        assert "  # the picture had only its file name 'image.png' as alt text: describe it in " \
               "'alt'\n" in text

    def it_lists_charts_and_warns_instead_of_dropping_them(self, tmp_path, caplog):
        def build(prs):
            s = prs.slides.add_slide(prs.slide_layouts[5])
            s.shapes.title.text = "Chart"
            data = CategoryChartData()
            data.categories = ["a", "b"]
            data.add_series("S", (1, 2))
            s.shapes.add_chart(XL_CHART_TYPE.COLUMN_CLUSTERED, Inches(1), Inches(2), Inches(4),
                               Inches(3), data)

        with caplog.at_level(logging.WARNING, logger="generator"):
            text = import_text(tmp_path, new_deck(tmp_path, build))
        assert text == """\
# deck title guessed from the file name 'foreign'
# Not imported (the deck format has no place for them; see the slides' comments):
# - slide 1: a chart ('Chart 2')
title: Foreign
aspect: '4:3'
slide_numbers: false

slides:
  # not imported: a chart ('Chart 2')
  - title: Chart
"""
        assert caplog.messages == [
            "import: foreign.pptx:slide 1: a chart ('Chart 2') is not imported",
        ]

    def it_brings_a_native_table_back_as_table_with_its_markup(self, tmp_path):
        def build(prs):
            s = prs.slides.add_slide(prs.slide_layouts[5])
            s.shapes.title.text = "Table"
            table = s.shapes.add_table(3, 2, Inches(1), Inches(2), Inches(4), Inches(2)).table
            for r, row in enumerate([["Year", "Event"], ["1922", "Rapallo"], ["1939", ""]]):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            paragraph = table.cell(1, 1).text_frame.paragraphs[0]
            paragraph.runs[0].font.italic = True
            paragraph.add_run().text = " treaty"
            table.cell(2, 1).text_frame.text = "Pact\nsigned"

        text = import_text(tmp_path, new_deck(tmp_path, build))
        assert slide_yaml(text, "Table") == """\
  - title: Table
    table:
      header: [Year, Event]
      rows:
        - ['1922', '*Rapallo* treaty']
        - ['1939', "Pact\\nsigned"]
"""
        [table] = load_deck(tmp_path / "deck.yaml").slides[0].blocks
        assert table.rows == (("1922", "*Rapallo* treaty"), ("1939", "Pact\nsigned"))

    def it_reads_section_headers_and_merges_continued_slides(self, tmp_path):
        def build(prs):
            s = prs.slides.add_slide(prs.slide_layouts[2])
            s.shapes.title.text = "Part two"
            s.placeholders[1].text = "The sequel"
            s = prs.slides.add_slide(prs.slide_layouts[1])
            s.shapes.title.text = "Split"
            frame = s.placeholders[1].text_frame
            frame.text = "one"
            p = frame.add_paragraph()
            p.text, p.level = "child", 1
            s = prs.slides.add_slide(prs.slide_layouts[1])
            s.shapes.title.text = "Split (cont.)"
            frame = s.placeholders[1].text_frame
            frame.text = "grandchild"
            frame.paragraphs[0].level = 2
            frame.add_paragraph().text = "two"

        text = import_text(tmp_path, new_deck(tmp_path, build))
        assert text.split("slides:\n", 1)[1] == """\
  - title: Part two
    layout: section
    subtitle: The sequel

  - title: Split
    bullets:
      - one:
          - child:
              - grandchild
      - two
"""


# -- the command ----------------------------------------------------------------------------------

class DescribeTheImportCommand:
    def it_writes_the_yaml_and_says_what_next(self, tmp_path, capsys):
        out = tmp_path / "hand.yaml"
        code, stdout, stderr = run_deck(capsys, "import", str(FIXTURES / "hand_outline.txt"),
                                        "-o", str(out))
        assert (code, stderr) == (0, "")
        assert stdout == (f"{FIXTURES / 'hand_outline.txt'} → {out}: 3 slides, "
                          "title slide included\n  0 tables, 0 code blocks, 0 formulas, 0 words "
                          f"of speaker notes; read as text outline\nnext: deck build {out}\n")
        assert load_deck(out).title == "Intro to statistics"

    def it_counts_the_slides_as_the_build_does(self, tmp_path):
        result = import_file(FIXTURES / "hand_outline.txt", tmp_path / "hand.yaml")
        built = build_deck(result.output, tmp_path / "out", ["html"], force=True)
        assert (result.slides, built.slides) == (3, 3)

    def it_refuses_to_overwrite_without_force(self, tmp_path, capsys):
        out = tmp_path / "hand.yaml"
        out.write_text("keep me", encoding="utf-8")
        args = ["import", str(FIXTURES / "hand_outline.txt"), "-o", str(out)]
        assert run_deck(capsys, *args) == (
            2, "", f"error: {out} already exists; use --force to overwrite it\n")
        assert out.read_text(encoding="utf-8") == "keep me"
        assert run_deck(capsys, *args, "--force")[0] == 0

    def it_lists_the_formats_it_can_import(self, tmp_path, capsys):
        source = tmp_path / "slides.key"
        source.write_bytes(b"")
        code, _, stderr = run_deck(capsys, "import", str(source))
        assert (code, stderr) == (
            2, f"error: cannot import {source}: expected one of .pptx, .potx, .ppsx, .pptm, .txt, "
               ".md, .markdown, .qmd, .rmd, got '.key'\n")

    def it_defaults_to_slides_src(self, tmp_path, monkeypatch):
        monkeypatch.chdir(tmp_path)
        result = import_file(FIXTURES / "hand_outline.txt")
        assert result.output == Path("slides_src/hand_outline.yaml")
        assert result.output.is_file()

    def it_reports_a_file_that_is_not_a_pptx(self, tmp_path):
        fake = tmp_path / "fake.pptx"
        fake.write_text("not a zip", encoding="utf-8")
        with pytest.raises(SourceError) as caught:
            import_file(fake, tmp_path / "fake.yaml")
        assert str(caught.value) == (
            f"{fake}: cannot read this file as a PowerPoint deck: {fake} is not a PowerPoint file "
            "(.pptx files are zip packages; this one is not)")
        assert not isinstance(caught.value, UsageError)

    def it_says_a_file_that_is_not_a_zip_package_is_not_a_pptx(self, tmp_path, capsys,
                                                                monkeypatch):
        monkeypatch.chdir(tmp_path)
        Path("bad.pptx").write_text("not a zip", encoding="utf-8")
        assert run_deck(capsys, "import", "bad.pptx") == (1, "", (
            "error: bad.pptx: cannot read this file as a PowerPoint deck: bad.pptx is not a "
            "PowerPoint file (.pptx files are zip packages; this one is not)\n"))
        assert not Path("slides_src").exists()

    def it_writes_nothing_when_the_imported_yaml_would_not_load(self, tmp_path, capsys,
                                                                monkeypatch):
        monkeypatch.setattr("generator.importer.deck_yaml", lambda deck: "title: T\nslides:\n")
        out = tmp_path / "hand.yaml"
        assert run_deck(capsys, "import", str(FIXTURES / "hand_outline.txt"), "-o", str(out)) == (
            1, "", (
            f"error: {out}:2:8: 'slides' must be a list (items starting with '- '), got nothing "
            "(null)\n"
            f"error: {out}: nothing written: the imported YAML is not a valid deck (the problems "
            "above); this is a bug in deck import, please report it with the file\n"))
        assert list(tmp_path.iterdir()) == []
