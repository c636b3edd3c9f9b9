"""Blocks beyond bullets (docs/blocks.md): tables in the source, the layout, the PPTX, the HTML
and the importer."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import assert_valid_pptx, loaded_on_each_build
from lxml import etree
from pptx import Presentation
from test_source import problems_of, write

from generator.build import build_deck
from generator.errors import SourceError
from generator.html.render import box_style, render_html
from generator.importer import import_file
from generator.layout.code import token_colors
from generator.layout.pictures import cover_crop
from generator.layout.tables import quiet_style
from generator.layout.engine import lay_out
from generator.layout.measure import HEIGHT_SAFETY, INSET_X, Measure
from generator.layout.page import Box, ShapeFrame
from generator.source.reader import load_deck
from generator.source.schema import deck_schema
from generator.themes.theme import contrast_ratio, load_theme, theme_for

DECKS = Path(__file__).resolve().parent / "decks"
BLOCKS = DECKS / "blocks.yaml"
DOC = Path(__file__).resolve().parent.parent / "docs" / "blocks.md"
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main"}

SMALL = """title: T
slides:
  - title: Pacts
    table:
      header: [Year, Pact, Share]
      rows:
        - ["1922", Rapallo, "12.5 %"]
        - ["1939", "**Molotov**–Ribbentrop", ~]
      caption: Two pacts
"""


def laid_out(path: Path):
    deck = load_deck(path)
    return lay_out(deck, theme_for(deck))


def slide_number(pptx: Path, title: str) -> int:
    """The number of the first slide of ``pptx`` showing ``title`` (numbers move as the layout
    decides how many pages a block needs)."""
    for number, slide in enumerate(Presentation(str(pptx)).slides, 1):
        if any(s.has_text_frame and s.text_frame.text == title for s in slide.shapes):
            return number
    raise AssertionError(f"no slide shows {title!r} in {pptx}")


def slide_root(pptx: Path, title: str):
    """The XML of the first slide of ``pptx`` showing ``title``."""
    with zipfile.ZipFile(pptx) as z:
        return etree.fromstring(z.read(f"ppt/slides/slide{slide_number(pptx, title)}.xml"))


def rows_deck(tmp_path: Path, count: int, name: str = "deck.yaml") -> Path:
    rows = "".join(f'        - [Row {i}, "{1900 + i}", Note on row {i}]\n' for i in range(count))
    return write(tmp_path, "title: T\nslides:\n  - title: Long\n    table:\n"
                 "      header: [Name, Year, Note]\n      rows:\n" + rows, name)


class DescribeTablesInTheSource:
    def it_reads_header_rows_and_caption_and_right_aligns_numbers(self, tmp_path):
        table = load_deck(write(tmp_path, SMALL)).slides[0].blocks[0]
        assert table.header == ("Year", "Pact", "Share")
        assert table.rows == (("1922", "Rapallo", "12.5 %"), ("1939", "**Molotov**–Ribbentrop", ""))
        assert table.align == ("right", "left", "right")
        assert table.caption == "Two pacts"
        assert load_deck(write(tmp_path, SMALL)).slides[0].blocks == (table,)

    def it_takes_align_from_the_source(self, tmp_path):
        text = SMALL.replace("      caption", "      align: [center, right, left]\n      caption")
        assert load_deck(write(tmp_path, text)).slides[0].blocks[0].align == (
            "center", "right", "left")

    def it_reads_a_csv_file_beside_the_deck_with_its_first_line_as_header(self, tmp_path):
        (tmp_path / "data").mkdir()
        (tmp_path / "data" / "x.csv").write_text("\ufeffA,B\n1,\"two, three\"\n\n4,5\n",
                                                 encoding="utf-8")
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: C\n    table:\n"
                               "      csv: data/x.csv\n"))
        table = deck.slides[0].blocks[0]
        assert (table.header, table.rows, table.align) == (
            ("A", "B"), (("1", "two, three"), ("4", "5")), ("right", "left"))

    def it_reports_a_short_row_where_it_is_written(self, tmp_path):
        text = SMALL.replace('["1922", Rapallo, "12.5 %"]', '["1922", Rapallo]')
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:7:11: slide 1 'Pacts': this row has 2 cells but the header "
            "has 3 columns; every row needs one cell per column (write \"\" for an empty cell)"]

    def it_lists_the_valid_alignments_and_table_keys(self, tmp_path):
        text = SMALL.replace("      caption", "      align: [left, middle, left]\n"
                             "      captoin: x\n      caption")
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:10:7: slide 1 'Pacts': unknown key 'captoin' in a table; "
            "did you mean 'caption'? (valid keys: header, rows, csv, align, caption)",
            f"{tmp_path}/deck.yaml:9:21: slide 1 'Pacts': a column's 'align' must be one of "
            "'left', 'center', 'right'; got 'middle'"]

    def it_reports_a_missing_or_ragged_csv_file(self, tmp_path):
        base = "title: T\nslides:\n  - title: C\n    table: {csv: x.csv}\n"
        assert problems_of(write(tmp_path, base)) == [
            f"{tmp_path}/deck.yaml:4:18: slide 1 'C': CSV file not found: x.csv (looked for "
            f"{tmp_path / 'x.csv'})"]
        (tmp_path / "x.csv").write_text("A,B\n1,2\n3\n", encoding="utf-8")
        assert problems_of(write(tmp_path, base)) == [
            f"{tmp_path}/deck.yaml:4:18: slide 1 'C': x.csv, line 3: 1 cells, but the first "
            "(header) line has 2; every line needs one cell per column"]

    def it_sets_the_slide_s_bullets_before_its_table(self, tmp_path):
        text = SMALL.replace("    table:", "    bullets: [x]\n    table:")
        blocks = load_deck(write(tmp_path, text)).slides[0].blocks
        assert [type(b).__name__ for b in blocks] == ["BulletList", "Table"]

    def it_keeps_a_table_beside_a_body_in_the_body(self, tmp_path):
        text = SMALL.replace("    table:", "    body: [{text: x}]\n    table:")
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:5:5: slide 1 'Pacts': a slide with 'body' holds its table in "
            "a body: move it into the slide's 'body' as '- table: …'"]

    def it_needs_header_and_rows_or_csv(self, tmp_path):
        text = "title: T\nslides:\n  - title: C\n    table: {header: [A]}\n"
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:4:12: slide 1 'C': a table needs 'header' (a list of column "
            "headings) and 'rows' (a list of rows, each a list of cells), or 'csv' (a CSV file "
            "beside the deck)"]

    def it_is_described_by_the_schema(self, tmp_path):
        validator = jsonschema.Draft202012Validator(deck_schema())
        assert list(validator.iter_errors(yaml.safe_load(BLOCKS.read_text("utf-8")))) == []
        both = {"title": "T", "slides": [{"title": "A", "table": {
            "csv": "x.csv", "header": ["A"], "rows": [["1"]]}}]}
        assert list(validator.iter_errors(both)) != []


class DescribeTableLayout:
    def it_measures_column_widths_from_the_content_and_fills_the_body(self, tmp_path):
        layout = laid_out(write(tmp_path, SMALL))
        page = layout.pages[1]
        frame = page.table
        assert page.table is not None and page.parts == 1
        assert len(frame.widths) == 3 and frame.widths[1] > frame.widths[0]
        assert sum(frame.widths) == pytest.approx(layout.width - 2 * 48.0)
        assert frame.header == ("Year", "Pact", "Share") and len(frame.rows) == 2
        assert page.caption.paras[0].text == "Two pacts"
        assert page.caption.box.y == pytest.approx(frame.box.bottom + 4)

    def it_splits_sixty_rows_into_balanced_pages_with_the_header_repeated(self, tmp_path):
        layout = laid_out(rows_deck(tmp_path, 60))
        pages = layout.pages[1:]
        counts = [len(p.table.rows) for p in pages]
        assert len(pages) > 1 and max(counts) - min(counts) <= 1
        assert [row for p in pages for row in p.table.rows] == [
            (f"Row {i}", f"{1900 + i}", f"Note on row {i}") for i in range(60)]
        assert {p.table.header for p in pages} == {("Name", "Year", "Note")}
        assert {p.table.widths for p in pages} == {pages[0].table.widths}
        assert {p.table.size for p in pages} == {pages[0].table.size}
        assert [p.title_text for p in pages] == ["Long"] * len(pages)  # marked "2 / 7", not renamed
        assert [p.marker.paras[0].text for p in pages] == [
            f"· {i}/{len(pages)}" for i in range(1, len(pages) + 1)]
        assert [(p.part, p.parts) for p in pages] == [(i, len(pages))
                                                       for i in range(1, len(pages) + 1)]
        body = layout.boxes.body
        for p in pages:
            assert p.table.box.bottom <= body.bottom
            assert sum(p.table.heights) <= body.h * HEIGHT_SAFETY

    def it_keeps_a_short_table_on_one_page_at_the_largest_size(self, tmp_path):
        layout = laid_out(rows_deck(tmp_path, 3))
        assert len(layout.pages) == 2
        assert layout.pages[1].table.size == float(layout.theme.sizes["body"])

    def it_reports_a_row_too_tall_for_any_page_at_the_row(self, tmp_path):
        long = " ".join(["word"] * 900)
        text = SMALL.replace('"12.5 %"]', f'"{long}"]')
        with pytest.raises(SourceError) as caught:
            laid_out(write(tmp_path, text))
        message = str(caught.value.problems[0])
        assert message.startswith(f"{tmp_path}/deck.yaml:7:11: slide 1 'Pacts': table row 1 is "
                                  "too tall for a slide even at the minimum size")

    def it_sets_tables_in_a_quiet_style_a_rule_under_the_header_and_light_lines(self, tmp_path):
        frame = laid_out(write(tmp_path, SMALL)).pages[1].table
        assert (frame.header_color, frame.header_fill, frame.band_fill) == ("heading", None, None)
        assert (frame.rule_color, frame.rule, frame.line) == ("heading", 1.5, 0.75)
        assert frame.line_color == "#C7C8C9"  # classic's text a quarter strong on white
        dark = quiet_style({"text": "#E6EDF3", "background": "#14181F"})
        assert dark["line_color"] == "#484D54"  # a dark grey line on the dark slate
        assert contrast_ratio("#C7C8C9", "#FFFFFF") < 1.7  # light: it separates, not shouts


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The test deck built once: ``(pptx, html)``."""
    out = tmp_path_factory.mktemp("blocks")
    result = build_deck(BLOCKS, out, ("pptx", "html"))
    assert result.error is None, result.error
    return out / "blocks.pptx", out / "blocks.html"


class DescribeTablesInThePptx:
    @pytest.mark.slow
    def it_passes_the_ooxml_validator(self, built):
        assert_valid_pptx(built[0])

    def slide_xml(self, pptx: Path, number: int):
        with zipfile.ZipFile(pptx) as z:
            return etree.fromstring(z.read(f"ppt/slides/slide{number}.xml"))

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_writes_a_native_table_flagged_for_its_header_on_the_plain_style(self, built):
        root = self.slide_xml(built[0], 2)
        frames = root.xpath("//p:graphicFrame", namespaces=NS)
        assert len(frames) == 1
        data = frames[0].find("a:graphic/a:graphicData", NS)
        assert data.get("uri") == "http://schemas.openxmlformats.org/drawingml/2006/table"
        tbl_pr = data.find("a:tbl/a:tblPr", NS)
        assert (tbl_pr.get("firstRow"), tbl_pr.get("bandRow")) == ("1", None)
        assert tbl_pr.findtext("a:tableStyleId", namespaces=NS) == (
            "{2D5ABB26-0587-4C30-8999-92F81FD0307C}")  # No Style, No Grid
        assert len(data.findall("a:tbl/a:tblGrid/a:gridCol", NS)) == 3
        assert len(data.findall("a:tbl/a:tr", NS)) == 5

    def it_draws_the_quiet_style_and_sets_the_header_in_bold(self, built):
        rows = self.slide_xml(built[0], 2).xpath("//a:tr", namespaces=NS)
        assert all(tc.find("a:tcPr/a:noFill", NS) is not None
                   for tr in rows for tc in tr.findall("a:tc", NS))  # no fills, no zebra

        def lines(side: str) -> list[set[tuple[str, str]]]:
            return [{(tc.xpath(f"string(a:tcPr/a:{side}/@w)", namespaces=NS),
                      tc.xpath(f"string(a:tcPr/a:{side}//@val)", namespaces=NS))
                     for tc in tr.findall("a:tc", NS)} for tr in rows]

        rule, light = ("19050", "tx2"), ("9525", "C7C8C9")  # 1.5 pt heading, 0.75 pt light
        assert lines("lnB") == [{rule}, {light}, {light}, {light}, {light}]
        assert lines("lnT") == [{("0", "")}, {rule}, {light}, {light}, {light}]
        assert lines("lnL") == lines("lnR") == [{("0", "")}] * 5  # no vertical rules
        header_runs = rows[0].xpath(".//a:r/a:rPr", namespaces=NS)
        assert header_runs and all(r.get("b") == "1" for r in header_runs)
        assert {r.xpath("string(a:solidFill/a:schemeClr/@val)", namespaces=NS)
                for r in header_runs} == {"tx2"}  # the heading colour
        body_runs = rows[1].xpath(".//a:r/a:rPr", namespaces=NS)
        assert {r.xpath("string(a:solidFill/a:schemeClr/@val)", namespaces=NS)
                for r in body_runs} == {"tx1"}

    def it_keeps_inline_markup_and_alignment_in_cells(self, built):
        rows = self.slide_xml(built[0], 2).xpath("//a:tr", namespaces=NS)
        bold = rows[2].xpath(".//a:r[a:rPr/@b='1']/a:t/text()", namespaces=NS)
        assert bold == ["spheres of influence"]
        csv_row = self.slide_xml(built[0], 3).xpath("//a:tr", namespaces=NS)[1]
        assert [tc.xpath("string(.//a:pPr/@algn)", namespaces=NS)
                for tc in csv_row.findall("a:tc", NS)] == ["l", "l", "l", "r"]

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_sizes_the_frame_and_rows_as_the_layout_measured_them(self, built):
        frame = laid_out(BLOCKS).pages[1].table
        shape = next(s for s in Presentation(built[0]).slides[1].shapes if s.has_table)
        assert [round(c.width / 12700, 1) for c in shape.table.columns] == [
            round(w, 1) for w in frame.widths]
        assert [round(r.height / 12700, 1) for r in shape.table.rows] == [
            round(h, 1) for h in frame.heights]
        assert shape.table.cell(0, 1).text == "Rapallo (1922)"
        assert shape.table.first_row and not shape.table.horz_banding

    def it_repeats_the_header_on_every_continuation_slide(self, built):
        slides = Presentation(built[0]).slides
        title = "Treaties of the interwar years"
        tables = [next(s for s in slide.shapes if s.has_table).table for slide in slides
                  if any(s.has_text_frame and s.text_frame.text == title for s in slide.shapes)]
        assert len(tables) == 8
        assert {len(t.rows) - 1 for t in tables} == {7, 8}  # balanced
        assert {tuple(c.text for c in t.rows[0].cells) for t in tables} == {
            ("Year", "Treaty", "Partner", "Duration (years)")}
        assert sum(len(t.rows) - 1 for t in tables) == 60

    def it_writes_a_real_html_table_with_column_headers(self, built):
        html = built[1].read_text(encoding="utf-8")
        first = html.split('id="slide-2"', 1)[1].split("</section>", 1)[0]
        assert first.count('<th scope="col"') == 3
        assert first.count("<tr") == 5
        assert "<strong>spheres of influence</strong>" in first
        assert html.count('<th scope="col" class="cell--left">Year</th>') == 8


def test_a_right_to_left_deck_runs_its_table_columns_from_the_right(tmp_path):
    text = SMALL.replace("title: T\n", "title: T\nlanguage: ar\n", 1)
    result = build_deck(write(tmp_path, text), tmp_path / "out", ("pptx",))
    assert result.error is None, result.error
    with zipfile.ZipFile(tmp_path / "out" / "deck.pptx") as z:
        root = etree.fromstring(z.read("ppt/slides/slide2.xml"))
    assert root.xpath("string(//a:tblPr/@rtl)", namespaces=NS) == "1"


CODE = """title: T
slides:
  - title: Pact
    code:
      lang: python
      numbers: true
      highlight: [2, 4-5]
      text: |
        def pact(year: int) -> str:
            \"\"\"Name the pact of a year.\"\"\"
            if year == 1939:
                return "Molotov"  # signed in August
            return f"none in {year}"
"""


class DescribeCodeInTheSource:
    def it_reads_language_text_numbers_and_highlighted_lines(self, tmp_path):
        code = load_deck(write(tmp_path, CODE)).slides[0].blocks[0]
        assert (code.lang, code.start, code.numbers, sorted(code.highlight)) == (
            "python", 1, True, [2, 4, 5])
        assert code.text.split("\n")[3] == '        return "Molotov"  # signed in August'
        assert code.origin == f"{tmp_path}/deck.yaml:9"

    def it_reads_lines_of_a_file_and_guesses_the_language_from_its_name(self, tmp_path):
        (tmp_path / "x.py").write_text("a = 1\nb = 2\nc = 3\n", encoding="utf-8")
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: C\n"
                               "    code: {file: x.py, lines: 2-3, highlight: [3]}\n"))
        code = deck.slides[0].blocks[0]
        assert (code.text, code.lang, code.start, code.highlight, code.origin) == (
            "b = 2\nc = 3", "python", 2, frozenset({3}), "x.py:2")

    def it_reports_an_unknown_language_with_a_suggestion(self, tmp_path):
        text = CODE.replace("lang: python", "lang: pyhton")
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:5:13: slide 1 'Pact': unknown code language 'pyhton'; did "
            "you mean 'python'?; use a Pygments name such as python, java, c, cpp, javascript, "
            "sql, bash or text (all: pygmentize -L lexers)"]

    def it_reports_bad_lines_and_highlights_where_they_are_written(self, tmp_path):
        (tmp_path / "x.py").write_text("a = 1\n", encoding="utf-8")
        text = ("title: T\nslides:\n  - title: C\n    code: {file: x.py, lines: 2-9}\n"
                "  - title: D\n    code: {lang: c, text: x, highlight: [2]}\n")
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:4:31: slide 1 'C': 'lines' must be a range like 10-24 within "
            "the file's 1 lines, got '2-9'",
            f"{tmp_path}/deck.yaml:6:42: slide 2 'D': 'highlight' takes line numbers or ranges "
            "like 5-7 between 1 and 1 (the lines shown), got '2'"]

    def it_needs_text_or_file_and_lang_with_text(self, tmp_path):
        text = "title: T\nslides:\n  - title: C\n    code: {text: x}\n"
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:4:11: slide 1 'C': a code block with 'text' needs 'lang' "
            "(python, java, c, sql, …; 'text' for no highlighting)"]


class DescribeCodeLayout:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_splits_ninety_lines_into_balanced_pages_continuing_the_line_numbers(self):
        layout = laid_out(BLOCKS)
        pages = [p for p in layout.pages if p.code is not None and p.source.title.startswith(
            "A ninety")]
        counts = [len(p.code.lines) for p in pages]
        assert len(pages) > 1 and max(counts) - min(counts) <= 1
        assert [line.number for p in pages for line in p.code.lines] == list(range(1, 91))
        assert {p.code.size for p in pages} == {pages[0].code.size}
        assert {p.code.digits for p in pages} == {2}
        assert pages[0].code.gutter(7) == " 7  "
        body = layout.boxes.body
        assert all(p.code.box.bottom <= body.bottom for p in pages)

    def it_sets_code_at_the_largest_size_where_no_line_wraps(self, tmp_path):
        layout = laid_out(write(tmp_path, CODE))
        frame = layout.pages[1].code
        m = Measure(layout.theme)
        widest = max(m.text_em(m.mono, frame.gutter(line.number) + line.text)
                     for line in frame.lines)
        assert widest * frame.size * 1.03 + 2 * 7.2 <= frame.box.w
        assert frame.size == 24.0
        assert [line.highlighted for line in frame.lines] == [False, True, False, True, True]
        assert frame.lines[0].tokens[:3] == (("def", "keyword"), (" ", "plain"),
                                             ("pact", "name"))

    def it_names_a_line_too_long_for_the_slide(self, tmp_path):
        text = CODE.replace("# signed in August", "# " + "x" * 200)
        with pytest.raises(SourceError) as caught:
            laid_out(write(tmp_path, text))
        message = str(caught.value.problems[0])
        assert message.startswith(f"{tmp_path}/deck.yaml:5:7: slide 1 'Pact': code line 4 "
                                  f"({tmp_path}/deck.yaml:12) is too long for the slide even "
                                  "at 14 pt")

    @pytest.mark.parametrize("name", ["classic", "academic", "dark", "contrast"])
    def it_colours_tokens_from_the_theme_with_enough_contrast(self, name):
        theme = load_theme(name)
        for kind, (color, _, _) in token_colors(theme).items():
            ratio = contrast_ratio(theme.colors[color], theme.colors["code_background"])
            assert ratio >= 4.5, (kind, color, ratio)


class DescribeCodeInThePptxAndHtml:
    def it_writes_one_unbulleted_paragraph_per_line_coloured_per_token(self, built):
        root = slide_root(built[0], "A function with highlighted lines")
        box = root.xpath("//p:sp[p:nvSpPr/p:cNvSpPr/@txBox='1']", namespaces=NS)[-1]
        paragraphs = box.findall("p:txBody/a:p", NS)
        assert len(paragraphs) == 5
        assert all(p.find("a:pPr/a:buNone", NS) is not None for p in paragraphs)
        assert box.find("p:txBody/a:bodyPr", NS).get("wrap") == "none"

        def runs(p):
            return [(r.findtext("a:t", namespaces=NS),
                     r.xpath("string(a:rPr/a:solidFill/a:schemeClr/@val)", namespaces=NS),
                     r.find("a:rPr", NS).get("b"), r.find("a:rPr", NS).get("i"),
                     r.xpath("string(a:rPr/a:latin/@typeface)", namespaces=NS))
                    for r in p.findall("a:r", NS)]
        assert runs(paragraphs[0])[:3] == [
            ("1  ", "accent2", None, None, "Courier New"),
            ("def", "accent1", None, None, "Courier New"),  # coloured, regular weight
            (" ", "tx1", None, None, "Courier New")]
        assert ("# signed in August", "accent2", None, "1", "Courier New") in runs(
            paragraphs[3])

    def it_tints_each_highlighted_line_behind_the_text(self, built):
        root = slide_root(built[0], "A function with highlighted lines")
        names = root.xpath("//p:cNvPr/@name", namespaces=NS)
        assert [n for n in names if n.startswith("Highlighted line")] == [
            "Highlighted line 2", "Highlighted line 4", "Highlighted line 5"]
        tint = root.xpath("//p:sp[p:nvSpPr/p:cNvPr/@name='Highlighted line 2']//a:schemeClr",
                          namespaces=NS)[0]
        assert (tint.get("val"), tint.find("a:alpha", NS).get("val")) == ("accent1", "14000")

    def it_writes_pre_and_code_with_coloured_spans_in_the_html(self, built):
        html = built[1].read_text(encoding="utf-8")
        slide = html_slide(html, built[0], "A function with highlighted lines")
        assert '<pre class="frame frame--code"' in slide and "<code>" in slide
        assert slide.count('class="code-line') == 5
        assert slide.count("code-line--highlighted") == 3
        assert '<span style="color:var(--color-accent)">def</span>' in slide  # colour, no bold
        assert "--code-band:color-mix(in srgb, var(--color-accent) 14%, transparent)" in slide


@pytest.mark.slow
def test_pygments_is_imported_only_for_decks_with_code(tmp_path):
    lecture = DECKS.parent.parent / "slides_src" / "soviet_foreign_policy.yaml"
    assert loaded_on_each_build(lecture, tmp_path / "a", "pygments", 1) == [False]
    assert loaded_on_each_build(write(tmp_path, CODE), tmp_path / "b", "pygments", 1) == [True]


QUOTE = """title: T
slides:
  - title: Litvinov
    quote:
      text: Peace is indivisible.
      by: Maxim Litvinov
      source: 1936
"""


class DescribeQuotes:
    def it_reads_text_by_and_source_or_the_text_alone(self, tmp_path):
        quote = load_deck(write(tmp_path, QUOTE)).slides[0].blocks[0]
        assert (quote.text, quote.by, quote.source) == ("Peace is indivisible.",
                                                        "Maxim Litvinov", "1936")
        alone = QUOTE.split("    quote:")[0] + "    quote: Peace is indivisible.\n"
        quote = load_deck(write(tmp_path, alone)).slides[0].blocks[0]
        assert (quote.text, quote.by, quote.source) == ("Peace is indivisible.", None, None)

    def it_needs_the_text(self, tmp_path):
        text = QUOTE.replace("      text: Peace is indivisible.\n", "")
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:5:7: slide 1 'Litvinov': a quote is missing required key "
            "'text'"]

    def it_sets_the_quote_large_in_quote_marks_above_its_attribution(self, tmp_path):
        layout = laid_out(write(tmp_path, QUOTE))
        page = layout.pages[1]
        [quote] = page.of_role("quote")
        assert quote.paras[0].text == "“Peace is indivisible.”"
        assert quote.size == float(layout.theme.sizes["statement"])
        assert page.caption.paras[0].text == "— Maxim Litvinov, 1936"
        assert page.caption.box.y > quote.box.bottom
        assert quote.box.y == layout.boxes.body.y  # at the top of the body, as every block

    def it_shrinks_a_long_quote_and_refuses_one_too_long_for_a_slide(self, tmp_path):
        text = QUOTE.replace("Peace is indivisible.", " ".join(["Peace is indivisible."] * 12))
        page = laid_out(write(tmp_path, text)).pages[1]
        assert page.of_role("quote")[0].size < 48
        text = QUOTE.replace("Peace is indivisible.", " ".join(["Peace is indivisible."] * 90))
        with pytest.raises(SourceError) as caught:
            laid_out(write(tmp_path, text))
        assert str(caught.value.problems[0]) == (
            f"{tmp_path}/deck.yaml:5:7: slide 1 'Litvinov': the quote is too long for one slide "
            "even at 18 pt; shorten it (a quote is never split)")

    def it_draws_the_quote_and_attribution_as_text_in_theme_colours(self, built):
        root = slide_root(built[0], "Litvinov on collective security")
        runs = [(r.findtext("a:t", namespaces=NS),
                 r.xpath("string(a:rPr/a:solidFill/a:schemeClr/@val)", namespaces=NS))
                for r in root.xpath("//p:sp[p:nvSpPr/p:cNvSpPr/@txBox='1']//a:r",
                                    namespaces=NS)]
        assert runs == [("“Peace is indivisible.”", "tx2"),
                        ("— Maxim Litvinov, speech to the League of Nations, 1936", "accent2")]


def timeline_deck(tmp_path: Path, events: list[tuple[str, str]]) -> Path:
    items = "".join(f'      - date: "{d}"\n        text: {t}\n' for d, t in events)
    return write(tmp_path, "title: T\nslides:\n  - title: Dates\n    timeline:\n" + items)


class DescribeTimelines:
    def it_reads_dates_and_labels_in_order(self, tmp_path):
        deck = load_deck(timeline_deck(tmp_path, [("1922", "Rapallo"), ("1939", "Pact")]))
        [timeline] = deck.slides[0].blocks
        assert [(e.date, e.text) for e in timeline.events] == [
            ("1922", "Rapallo"), ("1939", "Pact")]

    def it_reports_an_event_without_a_date_or_with_an_unknown_key(self, tmp_path):
        text = ("title: T\nslides:\n  - title: D\n    timeline:\n      - {text: x}\n"
                "      - {date: '1', text: y, when: z}\n")
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:5:9: slide 1 'D': a timeline event is missing required key "
            "'date'",
            f"{tmp_path}/deck.yaml:6:30: slide 1 'D': unknown key 'when' in a timeline event "
            "(valid keys: date, text)"]

    def it_puts_short_labels_across_under_their_dates_on_one_axis(self, tmp_path):
        layout = laid_out(timeline_deck(tmp_path, [("1922", "Rapallo"), ("1926", "Berlin"),
                                                   ("1939", "Pact")]))
        frame = layout.pages[1].timeline
        assert not frame.vertical and len(layout.pages) == 2
        assert [d.paras[0].text for d in frame.dates] == ["1922", "1926", "1939"]
        assert [d.box.x for d in frame.dates] == [label.box.x for label in frame.labels]
        xs = [d.box.x for d in frame.dates]
        assert xs == sorted(xs) and len({round(b - a, 3) for a, b in zip(xs, xs[1:])}) == 1
        axis_middle = frame.axis.y + frame.axis.h / 2
        for date, marker, label in zip(frame.dates, frame.markers, frame.labels):
            assert date.box.bottom < marker.y and marker.bottom < label.box.y
            assert marker.y + marker.h / 2 == pytest.approx(axis_middle)
        assert frame.dates[0].size == float(layout.theme.sizes["body"])

    def it_splits_many_events_evenly_across_pages(self, tmp_path):
        events = [(str(1920 + i), f"Event {i}") for i in range(7)]
        pages = laid_out(timeline_deck(tmp_path, events)).pages[1:]
        assert [len(p.timeline.dates) for p in pages] == [4, 3]
        assert [d.paras[0].text for p in pages for d in p.timeline.dates] == [
            d for d, _ in events]
        assert [p.title_text for p in pages] == ["Dates", "Dates"]
        assert [p.marker.paras[0].text for p in pages] == ["· 1/2", "· 2/2"]

    def it_runs_down_the_slide_when_labels_are_long(self, tmp_path):
        long = "a treaty " * 40
        layout = laid_out(timeline_deck(tmp_path, [("1922", long), ("1939", "Pact")]))
        frame = layout.pages[1].timeline
        assert frame.vertical
        assert frame.dates[0].box.right <= frame.axis.x < frame.labels[0].box.x
        assert frame.labels[0].box.bottom <= frame.labels[1].box.y
        assert frame.axis.bottom <= layout.boxes.body.bottom

    def it_draws_an_editable_axis_markers_and_text_boxes(self, built):
        root = slide_root(built[0], "Treaties with long descriptions")
        shapes = {n: g for n, g in zip(
            root.xpath("//p:sp/p:nvSpPr/p:cNvPr/@name", namespaces=NS),
            [sp.xpath("string(p:spPr/a:prstGeom/@prst)", namespaces=NS)
             for sp in root.xpath("//p:sp", namespaces=NS)])}
        assert shapes["Timeline axis"] == "rect"
        assert [shapes[f"Timeline marker {i}"] for i in (1, 2, 3)] == ["ellipse"] * 3
        texts = root.xpath("//p:sp[p:nvSpPr/p:cNvSpPr/@txBox='1']//a:t/text()", namespaces=NS)
        assert texts[:2] == ["1922", "Rapallo treaty between Weimar Germany and Soviet Russia "
                             "restoring diplomatic relations and renouncing claims"]

    def it_writes_an_ordered_list_in_the_html(self, built):
        html = built[1].read_text(encoding="utf-8")
        slide = html_slide(html, built[0], "Some dates")
        assert slide.count('<ol class="timeline timeline--vertical">') == 1
        assert slide.count("<li>") == 3 and slide.count("timeline-marker") == 3
        assert "joined League." in slide


SOURCED = """title: T
footer: F
references:
  - Haslam, J. *Collective Security*. 1984.
  - Roberts, G. *Origins*. 1995.
slides:
  - title: Sourced
    source: "Source: Haslam (1984)"
    bullets: [One, Two]
"""


class DescribeSourcesAndReferences:
    def it_reads_a_slide_source_and_the_deck_references(self, tmp_path):
        deck = load_deck(write(tmp_path, SOURCED))
        assert deck.slides[0].source_line == "Source: Haslam (1984)"
        assert deck.references == ("Haslam, J. *Collective Security*. 1984.",
                                   "Roberts, G. *Origins*. 1995.")

    def it_reserves_the_source_line_above_the_footer_before_fitting(self, tmp_path):
        layout = laid_out(write(tmp_path, SOURCED))
        page = layout.pages[1]
        line = page.source_line
        assert line.paras[0].text == "Source: Haslam (1984)"
        assert line.size == float(layout.theme.sizes["footer"])
        assert line.box.bottom == pytest.approx(layout.boxes.body.bottom)
        assert page.body.box.bottom <= line.box.y - 4 + 1e-6
        assert line.box.bottom <= layout.footer_box.y

    def it_puts_the_source_on_every_page_of_a_split_slide(self, tmp_path):
        text = rows_deck(tmp_path, 60).read_text("utf-8").replace(
            "    table:", "    source: Made up\n    table:")
        pages = laid_out(write(tmp_path, text)).pages[1:]
        assert len(pages) > 1
        assert {p.source_line.paras[0].text for p in pages} == {"Made up"}
        assert all(p.table.box.bottom <= p.source_line.box.y for p in pages)

    def it_adds_reference_slides_at_the_end_that_split_like_text(self, tmp_path):
        refs = "".join(f"  - Author {i}. *A long title of study number {i}*. Press, 19{i:02d}.\n"
                       for i in range(40))
        text = SOURCED.replace("references:\n", "references:\n" + refs)
        pages = laid_out(write(tmp_path, text)).pages
        reference_pages = [p for p in pages if p.title_text.startswith("References")]
        assert len(reference_pages) > 1 and pages[-1] is reference_pages[-1]
        texts = [para.text for p in reference_pages for para in p.body.paras]
        assert texts[0] == "Author 0. *A long title of study number 0*. Press, 1900."
        assert texts[-1] == "Roberts, G. *Origins*. 1995." and len(texts) == 42

    def it_draws_the_source_line_muted_in_pptx_and_html(self, built):
        root = etree.fromstring(zipfile.ZipFile(built[0]).read("ppt/slides/slide2.xml"))
        runs = root.xpath("//p:sp[p:nvSpPr/p:cNvSpPr/@txBox='1']//a:r", namespaces=NS)
        source = [r for r in runs if r.findtext("a:t", namespaces=NS).startswith("Source:")]
        assert [r.xpath("string(a:rPr/a:solidFill/a:schemeClr/@val)", namespaces=NS)
                for r in source] == ["accent2"]
        html = built[1].read_text(encoding="utf-8")
        slide = html.split('id="slide-2"', 1)[1].split("</section>", 1)[0]
        assert 'class="frame frame--source' in slide


class DescribeBackgrounds:
    def it_reads_a_colour_or_a_picture(self, tmp_path):
        (tmp_path / "p.png").write_bytes((DECKS / "img" / "paper.png").read_bytes())
        text = ("title: T\nslides:\n  - title: A\n    background: '#fff4d6'\n"
                "  - title: B\n    background: p.png\n")
        deck = load_deck(write(tmp_path, text))
        assert deck.slides[0].background.color == "#FFF4D6"
        assert deck.slides[1].background.image == tmp_path / "p.png"

    def it_reports_a_bad_colour_or_a_missing_picture(self, tmp_path):
        text = ("title: T\nslides:\n  - title: A\n    background: '#fff'\n"
                "  - title: B\n    background: nope.png\n")
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:4:17: slide 1 'A': 'background' must be a colour like "
            "\"#1A2B3C\" or a picture file, got '#fff'",
            f"{tmp_path}/deck.yaml:6:17: slide 2 'B': background file not found: nope.png "
            f"(looked for {tmp_path / 'nope.png'})"]

    def it_refuses_a_background_the_theme_text_is_hard_to_read_on(self, tmp_path):
        text = "title: T\nslides:\n  - title: A\n    background: '#202020'\n    text: x\n"
        with pytest.raises(SourceError) as caught:
            laid_out(write(tmp_path, text))
        assert str(caught.value.problems[0]) == (
            f"{tmp_path}/deck.yaml:4:17: slide 1 'A': the theme's text (#1F2328, 1.0:1) and "
            "titles (#1F3A68, 1.4:1) are hard to read on the background #202020: text needs "
            "4.5:1 and titles 3:1; choose a lighter background or another theme")

    def it_crops_a_picture_to_cover_the_slide_and_checks_its_average_colour(self, tmp_path):
        (tmp_path / "p.png").write_bytes((DECKS / "img" / "paper.png").read_bytes())
        text = "title: T\nslides:\n  - title: A\n    background: p.png\n    text: x\n"
        background = laid_out(write(tmp_path, text)).pages[1].background
        # 400 x 300 on a 16:9 slide: a quarter of the height is cut, half at top and bottom
        assert background.crop == pytest.approx((0.0, 0.125, 0.0, 0.125))

    def it_writes_the_slide_background_in_pptx_and_html(self, built):
        colour = slide_root(built[0], "A slide on its own colour")
        assert colour.xpath("string(//p:cSld/p:bg/p:bgPr/a:solidFill/a:srgbClr/@val)",
                            namespaces=NS) == "FFF4D6"
        picture = slide_root(built[0], "A slide on paper")
        crop = picture.xpath("//p:cSld/p:bg/p:bgPr/a:blipFill/a:srcRect", namespaces=NS)[0]
        assert (crop.get("t"), crop.get("b"), crop.get("l")) == ("12500", "12500", "0")
        html = built[1].read_text(encoding="utf-8")
        assert '<div class="slide__canvas" style="background:#FFF4D6">' in html
        assert 'style="background:url(data:image/png;base64,' in html


def html_slide(html: str, pptx: Path, title: str) -> str:
    """The HTML of the slide titled ``title`` (numbered as in ``pptx``)."""
    return html.split(f'id="slide-{slide_number(pptx, title)}"', 1)[1].split("</section>", 1)[0]


def pictures_deck(tmp_path: Path, names: list[str], extra: str = "") -> Path:
    for name in set(names):
        (tmp_path / name).write_bytes((DECKS / "img" / name).read_bytes())
    items = "".join(f"      - {{src: {n}, alt: Picture {i}, caption: Caption {i}}}\n"
                    for i, n in enumerate(names))
    return write(tmp_path, "title: T\nslides:\n  - title: P\n    images:\n" + items + extra)


class DescribeSeveralPictures:
    def it_reads_each_picture_with_alt_caption_and_credit(self, tmp_path):
        (tmp_path / "wide.png").write_bytes((DECKS / "img" / "wide.png").read_bytes())
        text = ("title: T\nslides:\n  - title: P\n    images:\n"
                "      - {src: wide.png, alt: A, caption: C, credit: D}\n"
                "      - {src: wide.png, alt: B}\n")
        [gallery] = load_deck(write(tmp_path, text)).slides[0].blocks
        images = gallery.images
        assert [(i.path.name, i.alt, i.caption, i.credit) for i in images] == [
            ("wide.png", "A", "C", "D"), ("wide.png", "B", None, None)]

    def it_needs_two_to_four_pictures_each_with_alt(self, tmp_path):
        (tmp_path / "wide.png").write_bytes((DECKS / "img" / "wide.png").read_bytes())
        text = "title: T\nslides:\n  - title: P\n    images:\n      - {src: wide.png}\n"
        assert problems_of(write(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:5:7: slide 1 'P': 'images' holds 2 to 4 pictures, got 1 "
            "(one picture: 'image')",
            f"{tmp_path}/deck.yaml:5:9: slide 1 'P': a picture in 'images' is missing required "
            "key 'alt'"]

    def it_puts_the_pictures_in_a_row_on_one_caption_line_never_distorted(self, tmp_path):
        layout = laid_out(pictures_deck(tmp_path, ["wide.png", "tall.png"]))
        page = layout.pages[1]
        pictures, captions = page.pictures, page.of_role("caption")
        assert len(pictures) == 2 and len(captions) == 2
        assert len({c.box.y for c in captions}) == 1
        for p, c, (w, h) in zip(pictures, captions, [(640, 360), (300, 400)]):
            assert p.box.w / p.box.h == pytest.approx(w / h)
            assert p.box.bottom == pytest.approx(c.box.y - 4)
        assert pictures[0].box.right <= pictures[1].box.x
        body = layout.boxes.body
        assert all(c.box.bottom <= body.bottom + 1e-6 for c in captions)

    @pytest.mark.parametrize("names", [["wide.png"], ["wide.png", "tall.png"],
                                       ["tall.png"] * 4, ["wide.png"] * 3])
    def it_starts_and_ends_each_caption_s_lines_at_its_picture_s_edges(self, tmp_path, names):
        if len(names) == 1:  # one picture: 'image', its caption long enough to wrap
            (tmp_path / names[0]).write_bytes((DECKS / "img" / names[0]).read_bytes())
            path = write(tmp_path, f"title: T\nslides:\n  - title: P\n    image: {names[0]}\n"
                         f"    alt: A\n    caption: {'A caption of many words ' * 6}\n")
        else:
            path = pictures_deck(tmp_path, names)
        layout = laid_out(path)
        page = layout.pages[1]
        pictures, captions = page.pictures, page.of_role("caption")
        assert len(pictures) == len(captions) == len(names)
        m = Measure(layout.theme)
        for p, c in zip(pictures, captions):
            assert c.box.x + INSET_X == pytest.approx(p.box.x)  # the text's left edge
            assert c.box.right - INSET_X == pytest.approx(p.box.right)
            assert m.frame_height(c.paras, c.box.w) <= c.box.h * HEIGHT_SAFETY + 1e-6
        body = layout.boxes.body
        assert all(c.box.bottom <= body.bottom + 1e-6 for c in captions)
        html = render_html(layout)
        for c in captions:  # drawn in a box of the same place, inset as the PPTX's text box
            assert f'style="{box_style(c.box)}' in html
        assert "padding: var(--inset-y) var(--inset-x);" in html

    def it_chooses_a_grid_when_it_draws_the_pictures_larger(self, tmp_path):
        pictures = laid_out(pictures_deck(tmp_path, ["tall.png"] * 4)).pages[1].pictures
        assert len({round(p.box.y) for p in pictures}) == 1  # tall pictures: one row
        pictures = laid_out(pictures_deck(tmp_path, ["wide.png"] * 4)).pages[1].pictures
        assert len({round(p.box.y) for p in pictures}) == 2  # wide ones: two rows of two

    def it_writes_pictures_with_descr_and_the_credit_muted(self, built):
        root = slide_root(built[0], "Two pictures side by side")
        assert root.xpath("//p:pic/p:nvPicPr/p:cNvPr/@descr", namespaces=NS) == [
            "A green rectangle with a white circle in the middle",
            "A blue upright rectangle with a white circle in the middle"]
        credit = root.xpath("//a:r[a:t=\"Drawing: the deck's tests\"]/a:rPr/a:solidFill/"
                            "a:schemeClr/@val", namespaces=NS)
        assert credit == ["accent2"]
        html = built[1].read_text(encoding="utf-8")
        slide = html_slide(html, built[0], "Two pictures side by side")
        assert slide.count('<img class="picture"') == 2
        assert 'alt="A blue upright rectangle with a white circle in the middle"' in slide


FULL = """title: T
slides:
  - title: Sky
    layout: full
    image: landscape.png
    alt: A blue sky with a yellow sun above a green field
    focus: [0.75, 0.25]
"""


class DescribeFullBleedAndSidePictures:
    def deck(self, tmp_path: Path, text: str = FULL) -> Path:
        for name in ("landscape.png", "tall.png"):
            (tmp_path / name).write_bytes((DECKS / "img" / name).read_bytes())
        return write(tmp_path, text)

    def it_crops_to_cover_the_slide_around_the_focus(self):
        # a square picture on a 16:9 slide keeps 56.25 % of its height
        crop, position = cover_crop((800, 800), (0.75, 0.25), 960, 540)
        assert crop == pytest.approx((0.0, 0.0, 0.0, 0.4375))
        assert position == pytest.approx((50.0, 0.0))
        crop, position = cover_crop((800, 800), (0.5, 0.5), 960, 540)
        assert crop == pytest.approx((0.0, 0.21875, 0.0, 0.21875))
        crop, position = cover_crop((1600, 400), (0.9, 0.5), 960, 540)  # wide: cut the sides
        assert crop[0] + crop[2] == pytest.approx(1 - (960 / 540) / 4)
        assert crop[2] == pytest.approx(0.0) and position == pytest.approx((100.0, 50.0))

    def it_lays_the_picture_over_the_whole_slide_under_a_scrimmed_title(self, tmp_path):
        layout = laid_out(self.deck(tmp_path))
        page = layout.pages[1]
        assert page.kind == "full"
        assert page.pictures[0].box == Box(0, 0, layout.width, layout.height)
        scrim = page.first(ShapeFrame).box
        assert scrim.x == 0 and scrim.w == layout.width
        assert scrim.y <= page.title.box.y and page.title.box.bottom <= scrim.bottom

    def it_checks_the_title_contrast_on_the_scrim(self, tmp_path):
        text = FULL.replace("title: T\n", "title: T\nstyle: {colors: {heading: '#8A8A8A'}, "
                            "section_slide: {background: '#1F3A68'}}\n")
        with pytest.raises(SourceError) as caught:
            laid_out(self.deck(tmp_path, text))
        assert "the title (#8A8A8A) would be hard to read over the picture" in str(
            caught.value.problems[0])

    def it_reports_a_full_slide_without_a_picture_or_with_text(self, tmp_path):
        text = "title: T\nslides:\n  - title: S\n    layout: full\n    bullets: [x]\n"
        assert problems_of(self.deck(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:4:13: slide 1 'S': 'layout: full' shows a picture over the "
            "whole slide: add 'image' and 'alt'",
            f"{tmp_path}/deck.yaml:5:5: slide 1 'S': a full-bleed picture slide (layout: full) "
            "has only 'title', 'image', 'alt', 'focus' and 'notes'; remove 'bullets'"]

    def it_reports_a_focus_outside_the_picture(self, tmp_path):
        text = FULL.replace("[0.75, 0.25]", "[1.5, 0.25]")
        assert problems_of(self.deck(tmp_path, text)) == [
            f"{tmp_path}/deck.yaml:7:13: slide 1 'Sky': a 'focus' value must be between 0 and 1, "
            "got 1.5"]

    def it_puts_the_picture_left_of_its_text_with_image_side_left(self, tmp_path):
        text = ("title: T\nslides:\n  - title: S\n    image: tall.png\n    alt: A\n"
                "    image_side: {}\n    bullets: [x]\n")
        left = laid_out(self.deck(tmp_path, text.format("left"))).pages[1]
        right = laid_out(self.deck(tmp_path, text.format("right"))).pages[1]
        assert left.pictures[0].box.right < left.columns[1].body.box.x
        assert right.columns[0].body.box.right < right.pictures[0].box.x

    def it_writes_the_crop_rect_and_descr_in_the_pptx_and_object_position_in_html(self, built):
        root = slide_root(built[0], "A full-bleed picture")
        pic = root.xpath("//p:pic", namespaces=NS)[0]
        assert root.xpath("//p:spTree/*", namespaces=NS)[2] is pic  # under everything else
        assert pic.xpath("string(p:nvPicPr/p:cNvPr/@descr)", namespaces=NS).startswith(
            "A blue sky with a yellow sun")
        crop = pic.find("p:blipFill/a:srcRect", NS)
        assert (crop.get("l"), crop.get("t"), crop.get("r"), crop.get("b")) == (
            "0", "0", "0", "43750")
        scrim = root.xpath("//p:sp[p:nvSpPr/p:cNvPr/@name='Title scrim']//a:schemeClr",
                           namespaces=NS)[0]
        assert (scrim.get("val"), scrim.find("a:alpha", NS).get("val")) == ("bg1", "85000")
        html = built[1].read_text(encoding="utf-8")
        slide = html_slide(html, built[0], "A full-bleed picture")
        assert "object-fit:cover;object-position:50% 0%" in slide
        assert '<div class="shape" aria-hidden="true"' in slide


class DescribeImportingTables:
    def it_brings_a_split_table_back_as_one_table(self, tmp_path):
        deck = rows_deck(tmp_path, 60, "long.yaml")
        result = build_deck(deck, tmp_path / "out", ("pptx",))
        assert result.error is None, result.error
        imported = import_file(tmp_path / "out" / "long.pptx", tmp_path / "back.yaml")
        table = load_deck(imported.output).slides[0].blocks[0]
        assert table == load_deck(deck).slides[0].blocks[0]


def _doc_examples() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_doc_page_has_examples():
    assert len(_doc_examples()) >= 2


@pytest.mark.parametrize("index", range(len(_doc_examples())))
@pytest.mark.slow  # over half a second: the full suite only
def test_every_yaml_example_in_the_doc_page_builds(tmp_path, index):
    text = _doc_examples()[index]
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "treaties.csv").write_bytes((DECKS / "data" / "treaties.csv").read_bytes())
    (tmp_path / "img").mkdir()
    (tmp_path / "img" / "paper.png").write_bytes((DECKS / "img" / "paper.png").read_bytes())
    for name, source in (("plot.svg", "enrolment_plot.svg"), ("photo.webp", "hopper.webp"),
                         ("photo.tif", "hopper.tif")):
        (tmp_path / "img" / name).write_bytes((DECKS / "pictures" / source).read_bytes())
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "ledger.py").write_bytes((DECKS / "src" / "ledger.py").read_bytes())
    path = write(tmp_path, text)
    result = build_deck(path, tmp_path / "out", ("pptx", "html"))
    assert result.error is None, result.error
    assert render_html(laid_out(path))


def test_code_sizes_come_from_the_theme(tmp_path):
    (tmp_path / "deck.yaml").write_text(
        "title: T\nstyle: {sizes: {code: 20, code_minimum: 12}}\nslides:\n  - title: Code\n"
        "    code: {lang: python, text: 'print(1)'}\n", encoding="utf-8")
    from generator.layout.engine import lay_out
    from generator.source.reader import load_deck
    from generator.themes.theme import theme_for

    deck = load_deck(tmp_path / "deck.yaml")
    assert lay_out(deck, theme_for(deck)).pages[1].code.size == 20
