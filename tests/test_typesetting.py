"""Typesetting: one type scale per deck, line breaking with care, continuations that read well,
and a PDF whose lines sit where the layout put them."""

from __future__ import annotations

import collections
import html
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pptx
import pytest
from conftest import require_tool, show_slide

from generator import pdf
from generator.html.render import render_html
from generator.layout.engine import lay_out
from generator.layout.measure import INSET_X, INSET_Y, Measure
from generator.layout.page import Para
from generator.layout.text import Fitter
from generator.layout.typeset import typeset
from generator.pptx.render import render_pptx
from generator.source.reader import load_deck
from generator.themes.theme import load_theme, theme_for

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
DOCS = ROOT / "docs" / "typesetting.md"
THEMES = ("classic", "academic", "dark", "contrast")
NBSP = "\u00a0"
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r"<page width=\"[\d.]+\" height=\"[\d.]+\">(.*?)</page>", re.S)


def lecture(theme: str):
    deck = load_deck(LECTURE)
    return lay_out(deck, theme_for(deck, theme))


def deck_from(tmp_path: Path, text: str, theme: str | None = None):
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    deck = load_deck(path)
    return lay_out(deck, theme_for(deck, theme))


def body_frames(page):
    return [f for f in page.of_role("body") if f.paras]


def wrapped(m: Measure, frame, para, exact: bool = False) -> list[str]:
    """The paragraph's lines as the layout measures them (tab stops count from its text), or
    as the renderers draw them (``exact``: without the layout's width safety)."""
    return m.wrap(para.text, para.size, m.usable(para, frame.box.w) * (1.03 if exact else 1),
                  frame.font, frame.bold)


def words(line: str) -> list[str]:
    return line.replace(NBSP, " ").split()


def bullet(text: str, m: Measure) -> Para:
    return m.with_margins(Para(text, 0, True, 28.0))


class DescribeLineBreaking:
    def it_narrows_a_paragraph_so_its_last_line_holds_two_words(self):
        m = Measure(load_theme("classic"))
        para = bullet("Trotsky idea (backed up by Lenin) was to export revolution to all of "
                      "Europe", m)
        assert m.wrap(para.text, 28, 864 - 2 * INSET_X - 30)[-1] == "Europe"
        set_ = typeset(m, para, 864)
        assert set_.text == para.text  # the text as written: no tie, no invisible character
        assert 0 < set_.right < 100
        usable = 864 - 2 * INSET_X - 30 - set_.right
        for lines in (m.wrap(para.text, 28, usable), m.wrap(para.text, 28, usable * 1.03)):
            assert len(lines) == 2 and lines[-1].endswith("of Europe")

    def it_leaves_a_last_line_of_two_words_and_a_one_line_paragraph_as_written(self):
        m = Measure(load_theme("classic"))
        two = bullet("Under this circumstances the only country that really took Russia "
                     "seriously was Germany", m)
        one = bullet("Germany needed an ally", m)
        assert typeset(m, two, 864) is two
        assert typeset(m, one, 864) is one

    def it_narrows_it_where_the_renderers_exact_widths_leave_one_word_alone(self):
        m = Measure(load_theme("classic"))
        text = "Initial Stalin goal – to involve more in domestic policy then outside the borders"
        usable = 864 - 2 * INSET_X - 30
        assert m.wrap(text, 28, usable)[-1] == "the borders"  # as measured, with the safety
        assert m.wrap(text, 28, usable * 1.03)[-1] == "borders"  # as LibreOffice draws it
        set_ = typeset(m, bullet(text, m), 864)
        assert set_.text == text
        assert m.wrap(text, 28, (usable - set_.right) * 1.03)[-1] == "the borders"

    def it_never_breaks_a_range_of_numbers_written_with_a_hyphen(self):
        m = Measure(load_theme("classic"))
        para = bullet("parties (1929-1933) from 1917–1941", m)
        assert typeset(m, para, 864).text == "parties (1929-1933) from 1917–1941"
        face = m.faces[("body", False, False)]
        width = face.width("parties (1929-19", 28) * 1.03
        assert m.wrap("parties (1929-1933)", 28, width) == ["parties", "(1929-1933)"]

    def it_breaks_after_a_hyphen_before_a_letter_as_libreoffice_and_browsers_do(self):
        from generator.layout.scripts import hyphen_breaks

        assert hyphen_breaks("(1924-1928)-peaceful Russo-Polish 1929-1933 a - b") == {12, 27}
        m = Measure(load_theme("classic"))
        assert m.wrap("(1924-1928)-peaceful", 28, 200) == ["(1924-1928)-", "peaceful"]

    def it_keeps_an_opening_bracket_with_the_word_after_it(self):
        m = Measure(load_theme("classic"))
        text = "Rapallo treaty 1922 ( mutual cooperation)"
        lines = m.wrap(text, 28, m.text_em(m.faces[("body", False, False)],
                                           "Rapallo treaty 1922 ( ") * 28 * 1.03 + 1)
        assert lines == ["Rapallo treaty 1922", "( mutual", "cooperation)"]

    def it_narrows_a_paragraph_with_markup_and_keeps_the_markup(self):
        m = Measure(load_theme("classic"))
        para = bullet("Trotsky idea (backed up by Lenin) was to export revolution to all of "
                      "**Europe**", m)
        set_ = typeset(m, para, 864)
        assert set_.text == para.text and set_.right > 0


@pytest.mark.parametrize("theme", THEMES)
class DescribeTheLecture:
    def it_keeps_the_slide_count(self, theme):
        # contrast's titles (Arial, at least 1.4 x the body) take two lines in a band that
        # grows for every slide: its comparison continues over three pages
        assert len(lecture(theme).pages) == (15 if theme == "contrast" else 13)

    def it_ends_no_paragraph_with_a_one_word_line(self, theme):
        layout = lecture(theme)
        m = Measure(layout.theme, layout.script_fonts)
        for page in layout.pages:
            for frame in body_frames(page):
                for para in frame.paras:
                    lines = wrapped(m, frame, para)
                    if len(lines) > 1 and len(words(lines[-2])) > 1:
                        assert len(words(lines[-1])) > 1, (page.number, lines)

    def it_ends_no_line_with_an_opening_bracket(self, theme):
        layout = lecture(theme)
        m = Measure(layout.theme, layout.script_fonts)
        for page in layout.pages:
            for frame in body_frames(page):
                for para in frame.paras:
                    assert not any(line.rstrip().endswith("(")
                                   for line in wrapped(m, frame, para)), (page.number, para.text)

    def it_sets_titles_at_least_1_4_times_the_body(self, theme):
        for page in lecture(theme).pages:
            sizes = [p.size for f in body_frames(page) for p in f.paras if p.color != "lead"]
            if sizes:
                assert page.title.size >= 1.4 * max(sizes), page.number

    def it_sets_the_title_slide_s_title_at_least_twice_the_body(self, theme):
        layout = lecture(theme)
        [title_page] = [p for p in layout.pages if p.kind == "title"]
        body = max(p.size for page in layout.pages if page.kind == "content"
                   for f in body_frames(page) for p in f.paras)
        assert title_page.title.size >= 2 * body, (title_page.title.size, body)

    def it_sets_the_ordinary_slides_at_70_characters_a_line_or_fewer_on_average(self, theme):
        layout = lecture(theme)
        m = Measure(layout.theme, layout.script_fonts)
        lines = [line for page in layout.pages if page.kind == "content" and not page.columns
                 for frame in body_frames(page) for para in frame.paras
                 for line in wrapped(m, frame, para, exact=True)]
        assert len(lines) > 40  # the lecture's bullets, not a handful
        average = sum(len(line) for line in lines) / len(lines)
        longest = max(len(line) for line in lines)
        assert average <= 70 and longest <= 80, (average, longest)

    def it_sets_column_headings_no_smaller_than_the_text_under_them(self, theme):
        for page in lecture(theme).pages:
            for column in page.columns:
                if column.heading is not None:
                    assert column.body.paras, (page.number, "a heading with nothing below")
                    assert column.heading.size >= max(p.size for p in column.body.paras)

    def it_keeps_every_slide_but_the_comparison_at_24_pt_or_more(self, theme):
        for page in lecture(theme).pages:
            if page.body is not None:
                assert page.body.size >= 24, page.title_text

    def it_sets_the_comparison_on_one_slide_or_continues_it_at_20_pt_or_more(self, theme):
        layout = lecture(theme)
        pages = [p for p in layout.pages if p.column_count]
        assert len(pages) == (3 if theme == "contrast" else 1)
        minimum = float(layout.theme.sizes["minimum"])
        fit = Fitter(layout.theme)
        for page in pages:
            sizes = {p.size for f in body_frames(page) for p in f.paras if p.color != "lead"}
            assert min(sizes) >= (20 if len(pages) > 1 else minimum), sizes
            assert len(sizes) == 1  # the columns at one size ...
            assert {p.size for p in page.lead.paras} == {fit.lead_size(min(sizes))}  # the lead


@pytest.mark.parametrize("theme", THEMES)
def test_every_content_slide_has_its_title_and_body_at_one_place(theme):
    for aspect in ("16:9", "4:3"):
        deck = load_deck(LECTURE)
        from dataclasses import replace as with_
        layout = lay_out(with_(deck, aspect=aspect), theme_for(deck, theme))
        content = [p for p in layout.pages if p.kind == "content"]
        assert len({(p.title.box, p.title.size) for p in content}) == 1
        tops = {round(min(getattr(f, "box", p.title.box).y for f in p.frames), 1)
                for p in content}
        assert max(tops) - min(tops) <= 1.0, (aspect, sorted(tops))
        assert all(f.anchor == "t" for p in content for f in p.frames
                   if hasattr(f, "anchor") and f.role == "body")


@pytest.mark.parametrize("theme", THEMES)
def test_line_pitch_never_changes_within_a_size(theme):
    pitches = collections.defaultdict(set)
    for page in lecture(theme).pages:
        for frame in body_frames(page):
            for para in frame.paras:
                pitches[para.size].add(para.line)
    assert all(lines == {1.0} for lines in pitches.values()), dict(pitches)


def layout_measure(layout) -> Measure:
    return Measure(layout.theme, layout.script_fonts)


def test_the_pptx_and_the_html_draw_the_lead_larger_in_its_colour_with_room_after_it():
    layout = lecture("classic")
    prs = pptx.Presentation(io.BytesIO(render_pptx(layout)))
    comparison = list(prs.slides)[12]
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    texts = [s for s in comparison.shapes if s.has_text_frame
             and s.text_frame.text not in ("", "PRO PLAN", "AGAINST", "13")
             and s != comparison.shapes.title]
    lead = [s for s in texts if s.text_frame.text.startswith("In other words")]
    assert len(texts) == 4 and len(lead) == 1  # the lead, two columns, the footer
    for shape in texts:
        if shape.text_frame.text == "Soviet union foreign policy":
            continue
        for para in shape.text_frame.paragraphs:
            assert para._p.pPr.find(f"{a}lnSpc/{a}spcPct").get("val") == "100000"
    [run] = lead[0].text_frame.paragraphs[0].runs
    assert run._r.rPr.find(f"{a}solidFill/{a}schemeClr").get("val") == "tx1"  # colors.lead
    other = list(prs.slides)[1].shapes.placeholders[1].text_frame.paragraphs[0]
    assert other._p.pPr.find(f"{a}lnSpc/{a}spcPct").get("val") == "100000"
    page = render_html(layout)
    slide = page[page.index('id="slide-13"'):]
    paras = re.findall(r'class="para[^"]*" style="([^"]*)"', slide[:slide.index("</section>")])
    assert sum("line-height" in style for style in paras) == 0
    assert sum("color:var(--color-lead)" in style for style in paras) == 1
    assert "--color-lead: #1F2328" in page  # classic's colors.lead: text
    body = [s for s in list(prs.slides)[3].shapes if s.has_text_frame
            and s.text_frame.text.startswith("Stalin believed")][0].text_frame.paragraphs
    assert [[r._r.rPr.find(f"{a}solidFill/{a}schemeClr").get("val") for r in p.runs]
            for p in body] == [["tx1"], ["tx1"], ["tx1"], ["tx1"]]  # the lead, 3 bullets
    assert [p.runs[0].font.size.pt for p in body] == [30.0, 28.0, 28.0, 28.0]  # sizes.lead
    # the lead ends with 0.9 of its size (spacing.lead_after), its bullets with 0.45 of theirs
    assert [p._p.pPr.find(f"{a}spcAft/{a}spcPts").get("val") for p in body] == [
        "2700", "1260", "1260", "1260"]
    four = page[page.index('id="slide-4"'):page.index('id="slide-5"')]
    assert re.findall(r'class="para[^"]*" style="--size:30;'
                      r'margin-bottom:calc\(27pt \* var\(--fit, 1\)\)[^"]*'
                      r'color:var\(--color-lead\)[^"]*">([^<]*)<',
                      four) == ["Stalin believed that USSR was treated by all other countries"]


def test_a_paragraph_before_bullets_is_the_lead_and_a_paragraph_alone_is_not(tmp_path):
    layout = deck_from(tmp_path, "title: T\nslides:\n  - title: Lead\n    text: The lead.\n"
                       "    bullets: [One, Two]\n  - title: Plain\n    text: Just a paragraph, "
                       "long enough not to be a statement slide at all, going on and on and on "
                       "and on, and then on for another line or two, and more, and more.\n")
    assert [(p.text, p.color) for p in layout.pages[1].body.paras] == [
        ("The lead.", "lead"), ("One", None), ("Two", None)]
    assert [p.color for p in layout.pages[2].body.paras] == [None]


class DescribeTwoLineTitles:
    LONG = "Why the Soviet union signed a pact with the state it had fought"
    LONGER = ("Why the Soviet union signed a pact with the state it had called its worst enemy "
              "for years and years and then some more words and more words")

    def it_keeps_the_title_size_and_moves_every_body_down_to_make_room(self, tmp_path):
        layout = deck_from(tmp_path, f"title: T\nslides:\n  - title: {self.LONG}\n"
                           "    bullets: [One, Two]\n  - title: Short\n    bullets: [One]\n")
        long, short = layout.pages[1:]
        # two lines even at 40 pt, the least size 1.4 x the body allows: the band grows for
        # two lines of that size
        assert (long.title.size, short.title.size) == (40.0, 40.0)
        assert long.title.height == pytest.approx(2 * 40 * 1.2 + 2 * INSET_Y)
        assert long.title.box == short.title.box == layout.boxes.title
        assert long.title.box.h == pytest.approx(long.title.height / 0.96, abs=0.02)
        assert long.body.box == short.body.box
        body = layout.boxes.body  # the text column starts at the body's corner
        assert (long.body.box.x, long.body.box.y, long.body.box.h) == (body.x, body.y, body.h)
        assert long.body.box.w <= body.w
        assert long.body.box.y == pytest.approx(long.title.box.bottom + 18)  # spacing.gap
        assert long.body.size == 28.0
        m = Measure(layout.theme)
        last = wrapped(m, long.title, long.title.paras[0])[-1]
        assert len(words(last)) > 1  # no one-word last line

    def it_steps_down_to_hold_a_longer_title_in_the_band_it_grows(self, tmp_path):
        layout = deck_from(tmp_path, f"title: T\nslides:\n  - title: {self.LONGER}\n"
                           "    bullets: [One, Two]\n")
        title, body = layout.pages[1].title, layout.pages[1].body
        assert title.size == 40.0  # the first whole size at least 1.4 × the 28 pt body
        assert title.height == pytest.approx(3 * 40 * 1.2 + 2 * INSET_Y)
        assert title.box.h == pytest.approx(title.height / 0.96, abs=0.02)
        assert title.size >= 1.4 * body.size


@pytest.mark.parametrize("theme", THEMES)
def test_the_lecture_uses_at_most_two_body_sizes(theme):
    sizes = {p.size for page in lecture(theme).pages for f in body_frames(page)
             for p in f.paras if p.level == 0 and p.color != "lead"}
    assert len(sizes) <= 2, sorted(sizes)


def test_the_comparison_continues_in_contrast_with_both_columns_and_the_lead_on_each_page():
    pages = [p for p in lecture("contrast").pages if p.column_count]
    assert [(p.part, p.parts) for p in pages] == [(1, 3), (2, 3), (3, 3)]
    assert {p.title_text for p in pages} == {"So was stalin preparing the war?"}
    for page in pages:
        assert page.lead.paras[0].text.startswith("In other words")
        assert [c.heading.paras[0].text for c in page.columns] == ["PRO PLAN", "AGAINST"]
        assert all(c.body.paras for c in page.columns)
        assert page.lead.size >= 20 and all(c.body.size >= 20 for c in page.columns)
    assert [p.marker.paras[0].text for p in pages] == ["· 1/3", "· 2/3", "· 3/3"]


class DescribeContinuationMarkers:
    DECK = ("title: T\nslides:\n  - title: Two unequal columns\n    text: The lead.\n"
            "    columns:\n      - {heading: SHORT, bullets: [One point]}\n"
            "      - heading: LONG\n        bullets:\n" + "".join(
                f"          - Point {i} of the long column, long enough to wrap twice in a "
                "column of its own\n" for i in range(14)))

    def it_draws_the_marker_in_the_number_colour_after_the_slide_number_in_the_pptx(
            self, tmp_path):
        layout = deck_from(tmp_path, self.DECK)
        parts = len(layout.pages) - 1
        assert parts > 1
        prs = pptx.Presentation(io.BytesIO(render_pptx(layout)))
        for number, slide in enumerate(list(prs.slides)[1:], start=1):
            [marker] = [s for s in slide.shapes if s.has_text_frame
                        and s.text_frame.text == f"· {number}/{parts}"]
            run = marker.text_frame.paragraphs[0].runs[0]
            assert run.font.size.pt == layout.footer_size
            assert run.font.color.theme_color is not None  # the footer's (the number's) colour
            assert "accent2" in marker._element.xml  # classic maps it to accent2
            assert slide.shapes.title.text == "Two unequal columns"
            assert marker.left + marker.width <= int(layout.number_box.right * 12700) + 1

    def it_draws_the_same_marker_in_the_html(self, tmp_path):
        layout = deck_from(tmp_path, self.DECK)
        page = render_html(layout)
        markers = re.findall(r'class="frame frame--marker[^"]*"[^>]*>\s*<p class="para"[^>]*>'
                             r"([^<]*)</p>", page)
        parts = len(layout.pages) - 1
        assert markers == [f"· {i}/{parts}" for i in range(1, parts + 1)]
        assert len(re.findall(r'class="frame frame--marker[^"]*" style="[^"]*'
                              r'color:var\(--footer-color\)', page)) == parts  # the number's


def test_the_pptx_and_the_html_carry_the_text_as_written_and_the_right_margin(tmp_path):
    layout = lecture("classic")
    data = render_pptx(layout)
    prs = pptx.Presentation(io.BytesIO(data))
    texts = [s.text_frame.text for s in list(prs.slides)[1].shapes if s.has_text_frame]
    assert any(t.endswith("revolt in 1919") for t in "\n".join(texts).split("\n"))
    body = list(prs.slides)[1].shapes.placeholders[1].text_frame.paragraphs[1]._p
    right = layout.pages[1].body.paras[1].right  # "… Hungarian / revolt in 1919"
    assert right > 0
    assert int(body.pPr.get("marR")) == round(right * 12700)
    page = render_html(layout)
    assert "revolt in 1919" in page and f"padding-inline-end:{right:g}pt" in page
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        xml = "".join(package.read(n).decode("utf-8") for n in package.namelist()
                      if n.endswith(".xml"))
    assert "\u2060" not in xml + page and "\u00a0" not in xml + page


# -- the PDF puts lines where the layout does --------------------------------------------------

def pdf_lines(data: bytes, tmp_path: Path) -> list[list[tuple[float, str]]]:
    """Each page's text lines as (top, text), from pdftotext's word boxes; bullet glyphs
    (drawn by another font, at another height) are left out."""
    path = tmp_path / "deck.pdf"
    path.write_bytes(data)
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = []
    for body in _PAGE.findall(out):
        lines: list[list] = []
        for x0, y0, _, _, text in _WORD.findall(body):
            text = html.unescape(text)
            if text in "•▪◦–":
                continue
            top = float(y0)
            if lines and abs(lines[-1][0] - top) < 3:
                lines[-1][1] += " " + text
            else:
                lines.append([top, text, float(x0)])
        pages.append([(top, text, x) for top, text, x in lines])
    return pages


def expected_lines(m: Measure, frame) -> list[tuple[float, str]]:
    """Where the layout puts each line of ``frame``: its top, as PowerPoint draws it."""
    y = frame.box.y + INSET_Y
    if frame.anchor == "ctr":  # centred: the text (less the last space after) mid-box
        y += (frame.box.h - frame.height + frame.paras[-1].after) / 2
    elif frame.anchor == "b":  # on the box's lower edge (titles)
        y += frame.box.h - frame.height + frame.paras[-1].after
    out = []
    for para in frame.paras:
        lines = wrapped(m, frame, para)
        height = m.line_height(para.size, para.text, para.line)
        out.extend((y + i * height, line) for i, line in enumerate(lines))
        y += len(lines) * height + para.after
    return out


@pytest.mark.parametrize("theme", THEMES)
def test_libreoffice_draws_the_pptx_s_own_lines_where_the_layout_does_within_a_point(
        tmp_path, theme, libreoffice, poppler):
    """The .pptx as written (what a lecturer opens in Impress, and what --format pdf
    converts), not a copy stripped of anything."""
    layout = lecture(theme)
    m = Measure(layout.theme, layout.script_fonts)
    rendered = pdf_lines(pdf.pptx_to_pdf(render_pptx(layout), "lecture"), tmp_path)
    assert len(rendered) == len(layout.pages)
    compared = skipped = 0
    for page, lines in zip(layout.pages, rendered):
        for frame in [page.title, *body_frames(page), *page.of_role("subtitle")]:
            box = frame.box
            inside = [(top, text) for top, text, x in lines
                      if box.x - 2 <= x <= box.right and box.y - 4 <= top <= box.bottom]
            want = expected_lines(m, frame)
            if len(inside) != len(want):  # LibreOffice wrapped a line differently
                skipped += 1
                continue
            compared += 1
            # pdftotext's word boxes start at the font's ascent, a little below the line's
            # top: that offset is the font's (under 0.1 em); every later line of the frame
            # must then sit within 1 pt of where the layout put it.
            offset = inside[0][0] - want[0][0]
            assert abs(offset) <= 0.1 * frame.paras[0].size, (page.number, offset)
            for (top, text), (y, line) in zip(inside, want):
                assert abs(top - offset - y) <= 1.0, (page.number, text, round(top, 1), y)
    assert compared >= 4 * skipped and compared >= 10, (compared, skipped)


# -- LibreOffice's lines and Chromium's ------------------------------------------------------

BULLET_GLYPHS = set("•▪◦–‣")
HTML_LINES = r"""n => {
  const lines = [];
  document.querySelectorAll(`#slide-${n} .frame .para`).forEach(p => {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    let line = null, top = null;
    while (walker.nextNode()) {
      const node = walker.currentNode;
      for (let i = 0; i < node.data.length; i++) {
        const range = document.createRange();
        range.setStart(node, i);
        range.setEnd(node, i + 1);
        const rects = range.getClientRects();
        if (!rects.length) continue;
        const y = rects[0].top;
        if (top === null || Math.abs(y - top) > 3) {
          if (line !== null) lines.push(line);
          line = "";
          top = y;
        }
        line += node.data[i];
      }
    }
    if (line !== null) lines.push(line);
  });
  return lines;
}"""


def norm(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").replace("\u2060", "").split())


def libreoffice_lines(layout, tmp_path: Path) -> list[list[list[str]]]:
    """LibreOffice's lines of each text frame of each page (``all_frames`` order), from the
    PDF ``--format pdf`` makes; bullet glyphs (set apart from their text) are left out."""
    from generator.layout.page import all_frames

    path = tmp_path / "lecture.pdf"
    path.write_bytes(pdf.pptx_to_pdf(render_pptx(layout), "lecture"))
    out = subprocess.run(["pdftotext", "-bbox", str(path), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = []
    for page, body in zip(layout.pages, _PAGE.findall(out)):
        frames = all_frames(page)
        owned: list[list[tuple[float, float, float, str]]] = [[] for _ in frames]
        for x0, y0, x1, _, text in _WORD.findall(body):
            x0, y0, x1 = float(x0), float(y0), float(x1)
            for i, f in enumerate(frames):
                if f.box.x - 3 <= x0 <= f.box.right and f.box.y - 6 <= y0 <= f.box.bottom:
                    owned[i].append((y0, x0, x1, html.unescape(text)))
                    break
        frame_lines = []
        for words in owned:
            lines: list[list[tuple[float, float, str]]] = []
            top = None
            for y, x0, x1, text in sorted(words):
                if top is None or abs(y - top) > 3:
                    lines.append([])
                    top = y
                lines[-1].append((x0, x1, text))
            texts = []
            for line in lines:
                line.sort()
                if len(line) > 1 and line[0][2] in BULLET_GLYPHS and line[1][0] - line[0][1] > 10:
                    line = line[1:]  # the bullet, a tab stop before its text
                texts.append(norm(" ".join(text for _, _, text in line)))
            frame_lines.append(texts)
        pages.append(frame_lines)
    return pages


@pytest.mark.parametrize("theme", THEMES)
def test_libreoffice_leaves_no_word_alone_on_a_last_line(tmp_path, theme, libreoffice, poppler):
    from generator.layout.page import all_frames
    from generator.source import inline

    layout = lecture(theme)
    m = Measure(layout.theme, layout.script_fonts)
    for page, frames in zip(layout.pages, libreoffice_lines(layout, tmp_path)):
        for frame, lines in zip(all_frames(page), frames):
            whole = {norm(inline.plain(p.text)) for p in frame.paras}
            for i, line in enumerate(lines):
                if " " in line or line in whole:
                    continue
                # a word too long to share a line with the word before or after it is alone
                # wherever it is set
                room = max(m.usable(p, frame.box.w) for p in frame.paras) * 1.03
                size = min(p.size for p in frame.paras)
                neighbours = [f"{lines[i - 1].split()[-1]} {line}"] if i else []
                neighbours += [f"{line} {lines[i + 1].split()[0]}"] if i + 1 < len(lines) else []
                assert neighbours and all(
                    len(m.wrap(text, size, room, frame.font, frame.bold)) > 1
                    for text in neighbours), (page.number, line, lines)


@pytest.mark.parametrize("theme", THEMES)
def test_the_html_breaks_the_lecture_s_lines_where_libreoffice_does(tmp_path, theme, browser,
                                                                   libreoffice, poppler):
    layout = lecture(theme)
    rendered = libreoffice_lines(layout, tmp_path)
    page_file = tmp_path / "lecture.html"
    page_file.write_text(render_html(layout), encoding="utf-8")
    tab = browser.new_page(viewport={"width": 1280, "height": 720})
    tab.goto(page_file.as_uri())
    tab.evaluate("document.fonts.ready")
    total = matched = 0
    differ = []
    for number, frames in enumerate(rendered, start=1):
        show_slide(tab, number)
        ours = [line for line in map(norm, tab.evaluate(HTML_LINES, number)) if line]
        theirs = [line for lines in frames for line in lines]
        both = collections.Counter(ours) & collections.Counter(theirs)
        total += len(theirs)
        matched += sum(both.values())
        differ += [(number, line) for line in (collections.Counter(theirs) - both).elements()]
    tab.close()
    assert total > 90
    assert matched >= 0.99 * total, differ


_FONTSPEC = re.compile(r'<fontspec id="(\d+)" size="(\d+)"')
_TEXT = re.compile(r'<text top="(-?\d+)" left="(-?\d+)" width="\d+" height="\d+" '
                   r'font="(\d+)">(.*?)</text>')


def libreoffice_sizes(layout, tmp_path: Path) -> list[list[tuple[float, float, float]]]:
    """Each page's pieces of text as LibreOffice draws them: (top, left, font size in pt),
    from ``pdftohtml -xml`` of the PDF ``--format pdf`` makes; bullet glyphs left out."""
    require_tool("poppler", shutil.which("pdftohtml") is not None,
                 "pdftohtml is not on PATH (apt-get install poppler-utils)")
    path = tmp_path / "lecture.pdf"
    path.write_bytes(pdf.pptx_to_pdf(render_pptx(layout), "lecture"))
    out = subprocess.run(["pdftohtml", "-xml", "-zoom", "1", "-i", "-stdout", str(path)],
                         check=True, capture_output=True, text=True).stdout
    sizes = {font: float(size) for font, size in _FONTSPEC.findall(out)}
    return [[(float(top), float(left), sizes[font])
             for top, left, font, text in _TEXT.findall(page)
             if re.sub("<[^>]+>", "", text).strip() not in BULLET_GLYPHS]
            for page in out.split("<page ")[1:]]


@pytest.mark.parametrize("theme", THEMES)
def test_libreoffice_draws_the_lecture_at_the_sizes_the_issue_asks_for(tmp_path, theme,
                                                                       libreoffice, poppler):
    layout = lecture(theme)
    rendered = libreoffice_sizes(layout, tmp_path)
    assert len(rendered) == (15 if theme == "contrast" else 13)

    def drawn(texts, frame) -> list[float]:
        box = frame.box
        return [size for top, left, size in texts
                if box.x - 3 <= left <= box.right and box.y - 6 <= top <= box.bottom]

    body_sizes = set()
    minimum = float(layout.theme.sizes["minimum"])
    for page, texts in zip(layout.pages, rendered):
        leads = {p.size for f in body_frames(page) for p in f.paras if p.color == "lead"}
        sizes = [size for frame in body_frames(page) for size in drawn(texts, frame)
                 if size not in leads]  # a lead is set a step above its body
        if page.kind != "content" or not sizes:
            continue
        body_sizes.add(max(sizes))
        continued = page.parts > 1
        assert min(sizes) >= (24 if not page.column_count else 20 if continued else minimum), (
            page.number, sizes)
        assert min(drawn(texts, page.title)) >= 1.4 * max(sizes), page.number
        for column in page.columns:
            if column.heading is not None:
                assert drawn(texts, column.heading) and drawn(texts, column.body), page.number
    assert len(body_sizes) <= 2, sorted(body_sizes)


def test_slides_state_no_autofit_and_their_layouts_shrink_text_on_overflow():
    data = render_pptx(lecture("classic"))
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        slides = [z.read(n).decode() for n in z.namelist()
                  if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        layout = z.read("ppt/slideLayouts/slideLayout2.xml").decode()
    assert len(slides) == 13
    assert not any("Autofit" in xml or "AutoFit" in xml for xml in slides)
    assert layout.count("<a:normAutofit/>") == 2  # its title and body placeholders


class DescribeWeights:
    @pytest.mark.parametrize(("theme", "title", "heading"), [
        ("classic", True, True), ("academic", False, True), ("dark", True, True),
        ("contrast", True, True)])
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_sets_titles_and_column_headings_in_the_theme_s_weights(self, theme, title, heading):
        layout = lecture(theme)
        prs = pptx.Presentation(io.BytesIO(render_pptx(layout)))
        slides = list(prs.slides)
        assert {r.font.bold for p in slides[1].shapes.title.text_frame.paragraphs
                for r in p.runs} == {True if title else None}
        comparison = slides[12]
        headings = [s for s in comparison.shapes if s.has_text_frame
                    and s.text_frame.text in ("PRO PLAN", "AGAINST")]
        assert len(headings) == 2
        assert {r.font.bold for s in headings for r in s.text_frame.paragraphs[0].runs} == {
            True if heading else None}
        page = render_html(layout)
        bold_titles = re.findall(r'<h2 class="frame frame--title font-heading frame--bold[ "]',
                                 page)
        assert len(bold_titles) == (len(layout.pages) - 1 if title else 0)

    def it_measures_bold_titles_with_the_bold_face(self, tmp_path):
        title = "A title long enough that the bold face needs a second line or a smaller size"
        text = f"title: T\nslides:\n  - title: {title}\n    bullets: [one]\n"
        bold = deck_from(tmp_path, text, "classic").pages[1].title
        regular = deck_from(tmp_path, text, "academic").pages[1].title
        assert bold.bold and not regular.bold
        m = Measure(load_theme("classic"))
        assert bold.height == m.frame_height(bold.paras, bold.box.w, "heading", True)

    def it_rejects_a_line_pitch_tighter_than_four_fifths(self, tmp_path):
        from generator.errors import ThemeError

        path = tmp_path / "mine.yaml"
        path.write_text("spacing: {line_min: 0.5}\n", encoding="utf-8")
        with pytest.raises(ThemeError) as err:
            load_theme(str(path))
        assert str(err.value) == f"{path}:1:21: spacing.line_min must be between 0.8 and 1, got 0.5"

    def it_keeps_the_theme_s_line_pitch_on_a_dense_slide(self, tmp_path):
        deck = ("title: T\nstyle: {spacing: {line_min: 0.9}}\nslides:\n  - title: Nine\n"
                "    bullets:\n" + "".join(f"      - Point number {i} with a few words in it\n"
                                          for i in range(9)))
        paras = deck_from(tmp_path, deck).pages[1].body.paras
        assert {(p.size, p.line, p.after) for p in paras} == {(26.0, 1.0, 5.2)}

    def it_rejects_a_weight_that_is_neither_bold_nor_regular(self, tmp_path):
        from generator.errors import ThemeError

        path = tmp_path / "mine.yaml"
        path.write_text("weights: {title: heavy}\n", encoding="utf-8")
        with pytest.raises(ThemeError) as err:
            load_theme(str(path))
        assert str(err.value) == (f"{path}:1:18: weights.title must be one of bold, regular, "
                                  "got 'heavy'")


class DescribeTheSameDecorations:
    DECK = "title: T\nslides:\n  - title: Code\n    bullets: ['Call `deck build` twice']\n"

    @pytest.mark.slow
    def it_shades_inline_code_at_full_size_in_both_outputs(self, tmp_path):
        from conftest import assert_valid_pptx

        layout = deck_from(tmp_path, self.DECK)
        data = render_pptx(layout)
        assert_valid_pptx(data)
        prs = pptx.Presentation(io.BytesIO(data))
        body = [s for s in list(prs.slides)[1].shapes if s.text_frame.text.startswith("Call")][0]
        runs = body.text_frame.paragraphs[0].runs
        code = [r for r in runs if r.text == "deck build"][0]
        assert code.font.size == runs[0].font.size  # full size, as measured
        a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
        [shade] = code._r.rPr.findall(f"{a}highlight/{a}srgbClr")
        assert shade.get("val") == "F1F3F5"  # classic's colors.code_background
        assert all(r._r.rPr.find(f"{a}highlight") is None for r in runs if r is not code)
        page = render_html(layout)
        rule = re.search(r"\.slide code \{[^}]*\}", page).group(0)
        assert "font-size" not in rule and "padding" not in rule
        assert "background: var(--color-code-background)" in rule

    def it_draws_no_title_rule_in_the_html_as_the_pptx_has_none(self, tmp_path):
        page = render_html(deck_from(tmp_path, self.DECK))
        assert "title-rule" not in page


class DescribeBalance:
    def it_sets_a_statement_large_and_centred_in_both_outputs(self, tmp_path):
        layout = deck_from(tmp_path, "title: T\nslides:\n  - title: Why it matters\n"
                           "    layout: statement\n    text: The pact bought time, not safety.\n")
        body, kicker = layout.pages[1].body, layout.pages[1].title
        assert (body.size, body.anchor, body.box) == (54.0, "ctr", layout.boxes.body)
        # the title is a small kicker where every title stands: the statement is what is read
        assert (kicker.size, kicker.color, kicker.anchor) == (24.0, "accent", "b")
        assert kicker.box == layout.boxes.title
        prs = pptx.Presentation(io.BytesIO(render_pptx(layout)))
        [shape] = [s for s in list(prs.slides)[1].shapes
                   if s.has_text_frame and s.text_frame.text.startswith("The pact")]
        assert shape._element.txBody.bodyPr.get("anchor") == "ctr"
        assert shape.text_frame.paragraphs[0].runs[0].font.size.pt == 54
        assert list(prs.slides)[1].shapes.title.text_frame.paragraphs[0].runs[0].font.size.pt == 24
        assert 'frame frame--body font-body frame--centred"' in render_html(layout)

    def it_sets_a_statement_longer_than_three_lines_at_the_body_size(self, tmp_path):
        text = " ".join(["A paragraph that goes on well past three lines at the larger size."] * 4)
        layout = deck_from(tmp_path, f"title: T\nslides:\n  - title: Long\n"
                           f"    layout: statement\n    text: {text}\n")
        assert layout.pages[1].body.size == 28.0

    def it_sets_a_short_paragraph_at_the_top_as_any_slide_unless_it_is_a_statement(
            self, tmp_path):
        deck = "title: T\nslides:\n  - title: Short\n    text: The pact bought time.\n"
        plain = deck_from(tmp_path, deck).pages[1].body
        assert (plain.size, plain.anchor) == (28.0, "t")

    def it_never_centres_short_content(self, tmp_path):
        deck = "slides:\n  - title: Short\n    bullets: [One, Two, Three]\n"
        top = deck_from(tmp_path, "title: T\n" + deck).pages[1].body
        old = deck_from(tmp_path, "title: T\nstyle: {spacing: {center_short: 0.9}}\n" + deck)
        assert top.anchor == "t" and old.pages[1].body.anchor == "t"


def test_a_caption_sits_right_under_its_picture_on_its_edges(tmp_path):
    from PIL import Image as PILImage

    PILImage.new("RGB", (400, 100), "white").save(tmp_path / "wide.png")
    layout = deck_from(tmp_path, "title: T\nslides:\n  - title: Map\n    image: wide.png\n"
                       "    alt: A wide picture\n    caption: The caption\n")
    page = layout.pages[1]
    picture, caption, body = page.pictures[0].box, page.caption.box, layout.boxes.body
    assert caption.y == pytest.approx(picture.bottom + 4)
    # its lines start and end at the picture's edges: the text box's insets reach past them
    assert (caption.x + INSET_X, caption.w - 2 * INSET_X) == pytest.approx((picture.x, picture.w))
    assert picture.y == body.y  # at the top, as every block


class DescribeTheDocPage:
    def examples(self) -> list[str]:
        return re.findall(r"```yaml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)

    def it_builds_the_comparison_as_described_in_every_built_in_theme(self, tmp_path):
        from generator.build import build_deck

        comparison = self.examples()[0]
        for theme in THEMES:
            pages = deck_from(tmp_path, comparison, theme).pages[1:]
            assert [p.marker.paras[0].text if p.marker else None for p in pages] == (
                ["· 1/3", "· 2/3", "· 3/3"] if theme == "contrast" else [None])
            for page in pages:
                assert page.title_text == "So was stalin preparing the war?"
                assert page.lead is not None
                sizes = {p.size for f in body_frames(page) for p in f.paras
                         if p.color != "lead"}
                assert len(sizes) == 1 and min(sizes) >= (20 if len(pages) > 1 else 18)
                assert [c.heading.paras[0].text for c in page.columns] == ["PRO PLAN", "AGAINST"]
        result = build_deck(tmp_path / "deck.yaml", tmp_path / "out", ("pptx", "html"))
        assert result.error is None, result.error

    def it_builds_the_statement_and_the_centred_slide(self, tmp_path):
        from generator.build import build_deck

        layout = deck_from(tmp_path, self.examples()[1])
        statement, points = (p.body for p in layout.pages[1:])
        assert (statement.size, statement.anchor) == (54.0, "ctr")
        assert (points.size, points.anchor) == (28.0, "t")
        assert layout.theme["weights"] == {"title": "bold", "heading": "regular"}
        result = build_deck(tmp_path / "deck.yaml", tmp_path / "out", ("pptx", "html"))
        assert result.error is None, result.error

    def it_quotes_the_check_message_deck_check_gives(self, tmp_path):
        from generator.check.deck import CheckOptions, check_deck

        bullets = "\n".join(f"      - Point number {i} with a few words in it" for i in range(10))
        path = tmp_path / "lecture.yaml"
        path.write_text(f"title: T\nslides:\n  - title: Ten\n    bullets:\n{bullets}\n"
                        "  - title: Short\n    bullets: [One point]\n", encoding="utf-8")
        [finding] = check_deck(path, CheckOptions(max_bullets=10, max_words=100))
        message = str(finding).replace(str(path), "lecture.yaml")
        assert f"\n{message}\n" in DOCS.read_text(encoding="utf-8")


def test_importing_our_own_split_slide_gives_back_the_slide_as_written(tmp_path):
    from generator.build import build_deck
    from generator.importer import import_file

    result = build_deck(LECTURE, tmp_path / "out", ("pptx",), theme="contrast")
    assert result.error is None, result.error
    back = import_file(tmp_path / "out" / f"{LECTURE.stem}.pptx", tmp_path / "back.yaml").output
    text = back.read_text(encoding="utf-8")
    assert NBSP not in text and " / 2" not in text  # ties undone, markers left out
    original, imported = load_deck(LECTURE), load_deck(back)
    assert [s.title for s in imported.slides] == [s.title for s in original.slides]
    assert imported.slides[-1].columns == original.slides[-1].columns
    assert imported.slides[-1].blocks == original.slides[-1].blocks  # the lead, once


def test_the_title_slide_sets_subtitle_author_and_date_in_steps(tmp_path):
    layout = deck_from(tmp_path, "title: T\nsubtitle: The pact\nauthor: A. Lecturer\n"
                       "date: Spring 2026\nslides:\n  - title: One\n    bullets: [a]\n")
    page = layout.pages[0]
    assert [(p.text, p.size) for p in page.subtitle.paras] == [("The pact", 32)]
    assert [(p.text, p.size) for p in page.byline.paras] == [
        ("A. Lecturer", 26), ("Spring 2026", 22)]


def test_dark_is_built_around_one_accent_with_a_dark_title_slide():
    theme = load_theme("dark")
    assert theme["title_slide"]["look"] == "bar"  # one short amber bar, no bright band
    assert theme["title_slide"]["band"] == theme.colors["accent"]
    assert theme["title_slide"]["background"] == theme.colors["background"]
    assert theme["title_slide"]["title_color"] == theme.colors["heading"]
    assert theme["section_slide"]["title_color"] == theme.colors["heading"]
    assert theme.colors["accent"] == "#F5B642"  # amber, the headings' family
