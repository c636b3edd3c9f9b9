"""Right to left done fully: code, addresses and formulas stay left to right inside a
right-to-left deck; columns, timelines, tables and galleries mirror (decided by the layout);
a quotation follows its own direction; and both outputs draw it so (PPTX through LibreOffice,
HTML in Chromium)."""

from __future__ import annotations

import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import laid_out_html, open_deck, require_tool, show_slide

from generator.build import build_deck
from generator.html.render import inline_html
from generator.layout.columns import column_spans
from generator.layout.engine import lay_out
from generator.layout.measure import INSET_X
from generator.layout.page import Box, CodeFrame, TableFrame, TextFrame
from generator.layout.scripts import keeps_left_to_right, quotation_marks, text_direction
from generator.pdf import with_mirrored_tables
from generator.source import inline
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

ROOT = Path(__file__).resolve().parent.parent
BLOCKS = ROOT / "tests" / "decks" / "text" / "rtl_blocks.yaml"
LRE, PDF = "\u202a", "\u202c"
QUOTES = """title: Quotes in two directions
language: en
slides:
  - title: A Hebrew quote
    quote: {text: הכול צפוי והרשות נתונה, by: רבי עקיבא}
  - title: An English quote
    quote: {text: Everything is foreseen, by: Rabbi Akiva}
"""


def _layout(path: Path):
    deck = load_deck(path)
    return lay_out(deck, theme_for(deck))


def _slide_xml(pptx: Path, number: int) -> str:
    with zipfile.ZipFile(pptx) as z:
        return z.read(f"ppt/slides/slide{number}.xml").decode("utf-8")


@pytest.fixture(scope="module")
def blocks():
    return _layout(BLOCKS)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("rtl")
    result = build_deck(BLOCKS, folder, ("pptx", "html"))
    assert result.error is None, result.error
    return folder


class DescribeDirections:
    def it_takes_a_texts_direction_from_its_first_strong_letter(self):
        assert [text_direction(t) for t in ("1939: שלום", "(Hello) مرحبا", "12 – 34", "")] == [
            "rtl", "ltr", None, None]

    def it_quotes_each_script_with_its_own_marks(self):
        assert [quotation_marks(t) for t in ("שלום", "مرحبا", "hello", "1939")] == [
            ("”", "”"), ("”", "“"), ("“", "”"), ("“", "”")]

    def it_keeps_code_formulas_and_addresses_left_to_right(self):
        spans = inline.parse("نص `x = 1;` و $E=mc^2$ و [https://a.org/](https://a.org/) "
                             "و [رابط](https://a.org/)")
        assert [(s.text, keeps_left_to_right(s)) for s in spans if s.text.strip() != "و"] == [
            ("نص ", False), ("x = 1;", True), ("E=mc^2", True), ("https://a.org/", True),
            ("رابط", False)]


class DescribeTheMirroredLayout:
    def it_puts_the_first_column_on_the_right(self):
        body = Box(48, 100, 864, 400)
        assert column_spans(body, 2, (), 18, rtl=True) == [(489.0, 423.0), (48.0, 423.0)]
        assert column_spans(body, 2, (2, 1), 18, rtl=True) == [(348.0, 564.0), (48.0, 282.0)]
        assert column_spans(body, 2, (), 18) == [(48.0, 423.0), (489.0, 423.0)]

    def it_sets_the_columns_from_the_right(self, blocks):
        page = blocks.pages[2]
        headings = [page.columns[i].heading for i in range(2)]
        assert headings[0].box.x > headings[1].box.right
        assert headings[0].box.right == pytest.approx(page.lead.box.right)

    def it_runs_the_timeline_from_the_right(self, blocks):
        timeline = blocks.pages[3].timeline
        dates = [d.box for d in timeline.dates]
        assert [d.x for d in dates] == sorted((d.x for d in dates), reverse=True)
        for date, marker in zip(dates, timeline.markers):  # each marker where its date starts
            assert date.x < marker.x and marker.right == pytest.approx(date.right - INSET_X)

    def it_mirrors_a_vertical_timeline(self, tmp_path):
        events = "".join(f"      - {{date: '19{i}0', text: {'حدث طويل جدا يشرح ما حدث ' * 12}}}\n"
                         for i in range(1, 4))
        path = tmp_path / "down.yaml"
        path.write_text(f"title: T\nlanguage: ar\nslides:\n  - title: تواريخ\n    timeline:\n"
                        f"{events}", encoding="utf-8")
        timeline = _layout(path).pages[1].timeline
        assert timeline.vertical
        for date, label in zip(timeline.dates, timeline.labels):
            assert label.box.right < timeline.axis.x < date.box.x

    def it_flags_the_table_and_keeps_code_and_equations_left_to_right(self, blocks):
        table = blocks.pages[4].table
        frames = blocks.pages[1].frames
        assert isinstance(table, TableFrame) and table.direction == "rtl"
        assert table.box.right == pytest.approx(blocks.boxes.body.right)
        assert [f.direction for f in frames if isinstance(f, CodeFrame)] == ["ltr"]

    def it_sets_an_equation_left_to_right(self, tmp_path):
        path = tmp_path / "eq.yaml"
        path.write_text("title: T\nlanguage: ar\nslides:\n  - title: معادلة\n    body:\n"
                        "      - math: E = mc^2\n", encoding="utf-8")
        [para] = [p for f in _layout(path).pages[1].frames if isinstance(f, TextFrame)
                  for p in f.paras]
        assert (para.display, para.direction) == (True, "ltr")

    def it_quotes_in_the_quotations_own_direction(self, tmp_path):
        path = tmp_path / "quotes.yaml"
        path.write_text(QUOTES, encoding="utf-8")
        layout = _layout(path)
        hebrew, english = ([(p.text, p.direction) for f in page.frames for p in f.paras]
                           for page in layout.pages[1:])
        assert hebrew == [("”הכול צפוי והרשות נתונה”", "rtl"), ("— רבי עקיבא", "rtl")]
        assert english == [("“Everything is foreseen”", ""), ("— Rabbi Akiva", "")]


class DescribeThePptx:
    def it_writes_code_paragraphs_left_to_right(self, built):
        xml = _slide_xml(built / "rtl_blocks.pptx", 2)
        code = re.findall(r'<a:pPr marL="0" indent="0"[^>]*>', xml)
        assert code and all('algn="l" rtl="0"' in p for p in code)

    def it_embeds_inline_code_addresses_and_formulas_left_to_right(self, built):
        xml = _slide_xml(built / "rtl_blocks.pptx", 2)
        texts = re.findall(r"<a:t>([^<]*)</a:t>", xml)
        assert f"{LRE}greet(name){PDF}" in texts
        assert f"{LRE}https://example.org/greet.py{PDF}" in texts
        assert f"{LRE}E = mc²{PDF}" in texts  # the formula's fallback text

    def it_flags_the_table_right_to_left(self, built):
        xml = _slide_xml(built / "rtl_blocks.pptx", 5)
        assert '<a:tblPr rtl="1" firstRow="1">' in xml  # the quiet style: no banded rows
        assert xml.index("المعاهدة") < xml.index("السنة") < xml.index("الشريك")  # logical

    def it_starts_each_cells_text_on_the_right_and_its_numbers_on_the_left(self, built):
        xml = _slide_xml(built / "rtl_blocks.pptx", 5)
        aligns = {word: re.search(r'<a:pPr [^>]*algn="(\w+)"[^>]*>(?:(?!</a:p>).)*' + word,
                                  xml).group(1) for word in ("المعاهدة", "رابالو", "1922")}
        assert aligns == {"المعاهدة": "r", "رابالو": "r", "1922": "l"}  # as the HTML's start/end

    def it_puts_each_column_in_the_placeholder_at_its_place(self, built):
        xml = _slide_xml(built / "rtl_blocks.pptx", 3)
        first, second = (re.search(r'<a:off x="(\d+)"[^<]*/>(?:(?!</p:sp>).)*' + word, xml)
                         for word in ("العمود الأول", "العمود الثاني"))
        assert int(first.group(1)) > int(second.group(1))

    def it_writes_a_hebrew_quote_right_to_left_in_an_english_deck(self, tmp_path):
        path = tmp_path / "quotes.yaml"
        path.write_text(QUOTES, encoding="utf-8")
        result = build_deck(path, tmp_path, ("pptx", "html"))
        assert result.error is None, result.error
        xml = _slide_xml(tmp_path / "quotes.pptx", 2)
        assert re.search(r'<a:pPr [^>]*algn="r" rtl="1"[^>]*>(?:(?!</a:p>).)*”הכול', xml)
        html = (tmp_path / "quotes.html").read_text(encoding="utf-8")
        assert re.search(r'<p class="para" [^>]*dir="rtl">”הכול', html)

    def it_mirrors_the_tables_libreoffice_draws(self, built):
        mirrored = with_mirrored_tables((built / "rtl_blocks.pptx").read_bytes())
        with zipfile.ZipFile(__import__("io").BytesIO(mirrored)) as z:
            xml = z.read("ppt/slides/slide5.xml").decode("utf-8")
        assert 'rtl="1" firstRow' not in xml
        assert xml.index("الشريك") < xml.index("السنة") < xml.index("المعاهدة")
        widths = re.findall(r'<a:gridCol w="(\d+)"/>', xml)
        original = re.findall(r'<a:gridCol w="(\d+)"/>', _slide_xml(built / "rtl_blocks.pptx",
                                                                      5))
        assert widths == original[::-1]


class DescribeTheHtml:
    def it_isolates_code_formulas_and_addresses_left_to_right(self):
        html = str(inline_html("نص `x;` و $x$ و [https://a.org/](https://a.org/)", rtl=True))
        assert '<code dir="ltr">x;</code>' in html and '<math dir="ltr" ' in html
        assert '<span dir="ltr">https://a.org/</span>' in html
        assert "dir=" not in str(inline_html("text `x;` and $x$", rtl=False))

    def it_writes_code_left_to_right(self, built):
        html = (built / "rtl_blocks.html").read_text(encoding="utf-8")
        assert re.search(r'<pre class="frame frame--code" style="[^"]*" dir="ltr">', html)
        assert '<code dir="ltr">greet(name)</code>' in html


def _words(pdf: Path, page: int) -> dict[str, float]:
    """Each word on ``page`` and the x of its left edge (the first occurrence); poppler gives
    right-to-left words in the order they are drawn, so each is also listed reversed."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], capture_output=True, text=True, check=True).stdout
    out: dict[str, float] = {}
    for x, word in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>', html):
        out.setdefault(word, float(x))
        out.setdefault(word[::-1], float(x))
    return out


@pytest.mark.slow
class DescribeBothOutputs:
    def it_reads_right_to_left_in_libreoffice(self, tmp_path):
        require_tool("LibreOffice", shutil.which("soffice") is not None,
                     "soffice is not on PATH (apt-get install libreoffice-impress)")
        require_tool("poppler", shutil.which("pdftotext") is not None,
                     "apt-get install poppler-utils")
        result = build_deck(BLOCKS, tmp_path, ("pdf",))
        assert result.error is None, result.error
        pdf = tmp_path / "rtl_blocks.pdf"
        code, columns, timeline, table = (_words(pdf, n) for n in (2, 3, 4, 5))
        assert code["def"] < code["greet(name):"]  # the code's line starts on the left
        assert columns["اختار"] > columns["التطهير"]  # column 1 (its first bullet) on the right
        assert timeline["1922"] > timeline["1926"] > timeline["1939"]  # the first event, too
        assert table["المعاهدة"] > table["السنة"] > table["الشريك"]  # and the first column

    def it_reads_right_to_left_in_chromium(self, browser_context, tmp_path):
        _, url = laid_out_html(BLOCKS, tmp_path)
        page = open_deck(browser_context, url + "#2", 1280, 720)
        found = {}
        for number in (2, 3, 4, 5):
            show_slide(page, number)
            found[number] = page.evaluate("""() => {
              const slide = document.querySelector('.slide.is-current');
              const left = e => e.getBoundingClientRect().left;
              const code = slide.querySelector('.frame--code');
              const line = code && code.querySelector('.code-line');
              const text = line && document.createRange();
              if (text) text.selectNodeContents(line);
              return {
                code: code && [getComputedStyle(code).direction,
                               text.getBoundingClientRect().left - left(code) < 20],
                headings: [...slide.querySelectorAll('.frame--column-heading')].map(left),
                dates: [...slide.querySelectorAll('.frame--date')].map(left),
                header: [...slide.querySelectorAll('th')].map(left),
              };
            }""")
        assert found[2]["code"] == ["ltr", True]
        for number, key in ((3, "headings"), (4, "dates"), (5, "header")):
            xs = found[number][key]
            assert len(xs) >= 2 and xs == sorted(xs, reverse=True), (number, key, xs)
