"""Importing PowerPoint lectures: native equations as LaTeX (and a located warning for any that
cannot be), every picture placed but a template's logo, tables with the text beside them, run
formatting as inline markup, literal markup characters escaped, the text's own language; and a
round trip through our own PPTX."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pytest
from lxml import etree
from pptx.util import Inches
from test_import import build_pptx, new_deck, png_bytes

from generator.importer import import_file, read_source
from generator.importer.emit import deck_yaml
from generator.importer.omml import OmmlError, to_latex
from generator.source import formula
from generator.source.inline import markup, parse
from generator.source.reader import load_deck

MATH = "http://schemas.openxmlformats.org/officeDocument/2006/math"
A14 = "http://schemas.microsoft.com/office/drawing/2010/main"


def omml(body: str) -> etree._Element:
    return etree.fromstring(f'<m:oMath xmlns:m="{MATH}">{body}</m:oMath>')


def run(text: str, style: str = "") -> str:
    sty = f'<m:rPr><m:sty m:val="{style}"/></m:rPr>' if style else ""
    return f"<m:r>{sty}<m:t>{text}</m:t></m:r>"


class DescribeOfficeMathAsLatex:
    @pytest.mark.parametrize("body, latex", [
        (f"<m:f><m:num>{run('a')}</m:num><m:den>{run('b')}</m:den></m:f>", r"\frac{a}{b}"),
        (f"<m:sSup><m:e>{run('x')}</m:e><m:sup>{run('2')}</m:sup></m:sSup>", "{x}^{2}"),
        (f"<m:sSubSup><m:e>{run('x')}</m:e><m:sub>{run('i')}</m:sub><m:sup>{run('2')}</m:sup>"
         "</m:sSubSup>", "{x}_{i}^{2}"),
        (f"<m:rad><m:radPr><m:degHide m:val='1'/></m:radPr><m:deg/><m:e>{run('x')}</m:e>"
         "</m:rad>", r"\sqrt{x}"),
        (f"<m:nary><m:naryPr><m:chr m:val='∑'/></m:naryPr><m:sub>{run('i=1')}</m:sub>"
         f"<m:sup>{run('n')}</m:sup><m:e>{run('i')}</m:e></m:nary>", r"\sum_{i=1}^{n} {i}"),
        (f"<m:d><m:e>{run('a')}</m:e></m:d>", r"\left( a \right)"),
        (f"<m:func><m:fName>{run('sin', 'p')}</m:fName><m:e>{run('x')}</m:e></m:func>",
         r"\sin {x}"),
        (f"<m:acc><m:e>{run('x')}</m:e></m:acc>", r"\hat{x}"),
        (run("αβ≤∞"), r"\alpha \beta \leq \infty"),
        (run("W", "b"), r"\mathbf{W}"),
        (f"<m:limLow><m:e>{run('lim', 'p')}</m:e><m:lim>{run('n→∞')}</m:lim></m:limLow>",
         r"\lim_{n\to \infty}"),
        (f"<m:m><m:mr><m:e>{run('1')}</m:e><m:e>{run('2')}</m:e></m:mr><m:mr><m:e>{run('3')}"
         f"</m:e><m:e>{run('4')}</m:e></m:mr></m:m>",
         r"\begin{matrix} 1 & 2 \\ 3 & 4 \end{matrix}"),
    ])
    def it_converts_the_common_constructs(self, body, latex):
        assert to_latex(omml(body)) == [latex]
        formula.check(latex)

    def it_splits_an_equation_array_into_equations(self):
        array = f"<m:eqArr><m:e>{run('a=b')}</m:e><m:e>{run('c=d')}</m:e></m:eqArr>"
        assert to_latex(omml(array)) == ["a=b", "c=d"]

    def it_refuses_an_element_it_does_not_know(self):
        with pytest.raises(OmmlError, match="m:unknownThing"):
            to_latex(omml("<m:unknownThing/>"))


def math_paragraph(shape, inline_body: str | None = None, display_body: str | None = None,
                   before: str = "") -> None:
    """Replace the shape's text with ``before`` then an equation (inline or displayed), as
    PowerPoint writes it (``mc:AlternateContent`` holding ``a14:m``)."""
    body = shape.text_frame._txBody
    for p in body.findall("{http://schemas.openxmlformats.org/drawingml/2006/main}p"):
        body.remove(p)
    math = (f'<m:oMathPara><m:oMath>{display_body}</m:oMath></m:oMathPara>' if display_body
            else f"<m:oMath>{inline_body}</m:oMath>")
    xml = (f'<a:p xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
           f'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
           f'xmlns:a14="{A14}" xmlns:m="{MATH}">'
           f'<a:r><a:rPr lang="en-US"/><a:t>{before}</a:t></a:r>'
           f'<mc:AlternateContent><mc:Choice Requires="a14"><a14:m>{math}</a14:m></mc:Choice>'
           f'<mc:Fallback><a:r><a:t>x</a:t></a:r></mc:Fallback></mc:AlternateContent></a:p>')
    body.append(etree.fromstring(xml))


def text_slide(prs, title: str, text: str = "Body"):
    slide = prs.slides.add_slide(prs.slide_layouts[1])
    slide.shapes.title.text = title
    slide.placeholders[1].text = text
    return slide


class DescribeEquationsInSlides:
    def it_reads_inline_and_displayed_equations_as_math(self, tmp_path):
        def build(prs):
            slide = text_slide(prs, "Math")
            math_paragraph(slide.placeholders[1], before="Outcome ",
                           inline_body=f"<m:sSub><m:e>{run('Y')}</m:e><m:sub>{run('i')}</m:sub>"
                                       "</m:sSub>")
            slide = text_slide(prs, "Displayed")
            math_paragraph(slide.placeholders[1], display_body=f"<m:f><m:num>{run('1')}</m:num>"
                           f"<m:den>{run('2')}</m:den></m:f>")

        found = read_source(new_deck(tmp_path, build))
        assert deck_yaml(found.deck).split("slides:\n", 1)[1] == """\
  - title: Math
    bullets:
      - Outcome ${Y}_{i}$

  - title: Displayed
    math: \\frac{1}{2}
"""
        assert found.summary.formulas == 2

    def it_keeps_an_equation_it_cannot_convert_as_text_with_the_slide_it_is_on(
            self, tmp_path, caplog):
        def build(prs):
            slide = text_slide(prs, "Odd")
            math_paragraph(slide.placeholders[1], before="Outcome ",
                           inline_body=f"<m:unknownThing>{run('Y')}</m:unknownThing>")

        with caplog.at_level(logging.WARNING, logger="generator"):
            found = read_source(new_deck(tmp_path, build))
        assert [r.text for r in found.deck.slides[0].rows] == ["Outcome Y"]
        assert "import: foreign.pptx:slide 1: a formula the builder cannot read is kept as " \
               "text (the equation element m:unknownThing is not supported): Y" in caplog.messages
        assert found.summary.formulas_as_text == 1

    @pytest.mark.slow  # over half a second: the full suite only
    def it_reads_equations_pandoc_writes_with_an_undeclared_prefix(self):
        corpus = Path(__file__).parent / "import_corpus" / "dev"
        found = read_source(corpus / "pptx-pandoc-reduced-complexity" /
                            "nlp_22-reduced_complexity.pptx")
        assert (found.summary.formulas, found.summary.formulas_as_text) == (61, 0)


class DescribePictures:
    def it_leaves_out_a_logo_repeated_on_most_slides_and_says_so_once(self, tmp_path, caplog):
        logo = png_bytes((20, 20), (200, 0, 0))

        def build(prs):
            for number in range(5):
                slide = text_slide(prs, f"S{number}")
                slide.shapes.add_picture(io.BytesIO(logo), Inches(9), Inches(0.1))
            slide.shapes.add_picture(io.BytesIO(png_bytes()), Inches(5), Inches(2))

        with caplog.at_level(logging.WARNING, logger="generator"):
            found = read_source(new_deck(tmp_path, build))
        assert found.summary.pictures == 1
        assert [b.src for b in found.deck.slides[4].blocks if hasattr(b, "src")] == [
            "deck_media/slide5.png"]
        assert caplog.messages == [
            "import: foreign.pptx: a picture repeated on 5 slides (a logo or ornament of the "
            "template) is not put on each slide: give it to the theme as its logo if you want it"]

    def it_places_every_picture_of_a_slide(self, tmp_path):
        def build(prs):
            slide = prs.slides.add_slide(prs.slide_layouts[5])
            slide.shapes.title.text = "Two"
            slide.shapes.add_picture(io.BytesIO(png_bytes()), Inches(1), Inches(2))
            slide.shapes.add_picture(io.BytesIO(png_bytes(color=(0, 0, 200))), Inches(5),
                                     Inches(2))

        found = read_source(new_deck(tmp_path, build))
        assert found.summary.pictures == 2
        assert "images:" in deck_yaml(found.deck)


class DescribeTablesWithText:
    def it_keeps_the_text_beside_a_table(self, tmp_path):
        def build(prs):
            slide = prs.slides.add_slide(prs.slide_layouts[5])
            slide.shapes.title.text = "Results"
            box = slide.shapes.add_textbox(Inches(0.5), Inches(1.5), Inches(3), Inches(2))
            box.text_frame.text = "The numbers speak."
            table = slide.shapes.add_table(2, 2, Inches(5), Inches(1.5), Inches(4),
                                           Inches(1)).table
            for (r, c), text in {(0, 0): "Year", (0, 1): "Event", (1, 0): "1922",
                                 (1, 1): "Rapallo"}.items():
                table.cell(r, c).text = text

        found = read_source(new_deck(tmp_path, build))
        assert deck_yaml(found.deck).split("slides:\n", 1)[1] == """\
  - title: Results
    columns:
      - text: The numbers speak.
      - body:
          - table:
              header: [Year, Event]
              rows:
                - ['1922', Rapallo]
"""


def styled_runs(slide, runs: list[tuple[str, dict]]) -> None:
    frame = slide.placeholders[1].text_frame
    frame.text = ""
    paragraph = frame.paragraphs[0]
    for text, attrs in runs:
        run_ = paragraph.add_run()
        run_.text = text
        rpr = run_._r.get_or_add_rPr()
        for key, value in attrs.items():
            if key == "color":
                fill = etree.SubElement(rpr, "{http://schemas.openxmlformats.org/drawingml/2006/"
                                             "main}solidFill")
                etree.SubElement(fill, "{http://schemas.openxmlformats.org/drawingml/2006/main}"
                                       "srgbClr", val=value)
            else:
                rpr.set(key, value)


class DescribeRunFormatting:
    def it_writes_sub_and_superscripts_underline_strike_and_emphasis_colours(self, tmp_path):
        def build(prs):
            slide = text_slide(prs, "Styles")
            styled_runs(slide, [("H", {}), ("2", {"baseline": "-25000"}), ("O and x", {}),
                                ("2", {"baseline": "30000"}), (" is ", {}),
                                ("key", {"u": "sng"}), (", ", {}), ("old", {"strike": "sngStrike"}),
                                (", ", {}), ("red", {"color": "C00000"}), (" and ", {}),
                                ("grey", {"color": "808080"}), (".", {})])

        found = read_source(new_deck(tmp_path, build))
        assert found.deck.slides[0].rows[0].text == (
            "H~2~O and x^2^ is [key]{.underline}, ~~old~~, [red]{.accent} and [grey]{.muted}.")

    def it_escapes_markup_characters_written_as_text(self, tmp_path):
        def build(prs):
            text_slide(prs, "Literal", "*H*0 costs $5 or $x$, `code` and [a](b)")

        found = read_source(new_deck(tmp_path, build))
        assert found.deck.slides[0].rows[0].text == (
            "\\*H\\*0 costs \\$5 or \\$x\\$, \\`code\\` and \\[a\\](b)")


class DescribeLanguage:
    @pytest.mark.parametrize("lang, text, expected", [
        ("de-DE", "Die Folien sind für die Studierenden und nicht für das Publikum", "de-DE"),
        ("sv-SE", "The slides are for the students and not for the audience of the talk", "en"),
    ])
    def it_takes_the_language_the_text_is_written_in(self, tmp_path, lang, text, expected):
        def build(prs):
            slide = text_slide(prs, "Sprache")
            styled_runs(slide, [(text, {"lang": lang})])

        assert read_source(new_deck(tmp_path, build)).deck.language == expected


ROUND_TRIP = """\
title: Round trip
language: en
slides:
  - title: Markup
    bullets:
      - Plain, **bold**, *italic*, `code` and [a link](https://example.org)
      - Literal \\*stars\\* and a \\$5 note
      - H~2~O, x^2^, ~~gone~~, [under]{.underline} and [loud]{.accent}
  - title: Math
    text: Inline $\\frac{a}{b}$ and $x^{2}$
    math: \\sum_{i=1}^{n} i = \\frac{n(n+1)}{2}
  - title: Table and code
    body:
      - table: {header: [Year, Event], rows: [["1922", Rapallo], ["1939", Pact]]}
      - code: {lang: python, text: "print('hi')\\n"}
"""


class DescribeRoundTrip:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_gives_back_text_markup_math_tables_and_code(self, tmp_path):
        source = tmp_path / "round.yaml"
        source.write_text(ROUND_TRIP, encoding="utf-8")
        pptx = build_pptx(source, tmp_path / "out")
        back = load_deck(import_file(pptx, tmp_path / "back" / "round.yaml").output)
        original = load_deck(source)
        assert [s.title for s in back.slides] == [s.title for s in original.slides]
        for mine, theirs in zip(back.slides, original.slides):
            assert [_content(b) for b in mine.blocks] == [_content(b) for b in theirs.blocks]


def _same_math(text: str) -> str:
    """Text whose formulas are written as their linear text (the same formula written with
    other braces or spacing is the same)."""
    return "".join("$" + "".join(formula.linear(span.text).split()) + "$" if span.math
                   else markup((span,)) for span in parse(text))


def _content(block) -> object:
    """A block's content without marks, formulas compared by what they say."""
    if hasattr(block, "items"):
        return [_same_math(item.text) for item in block.items]
    if hasattr(block, "tex"):
        return "".join(formula.linear(block.tex).split())
    if hasattr(block, "header"):
        return (list(block.header), [list(r) for r in block.rows])
    if hasattr(block, "code"):
        return block.code.text
    return _same_math(block.text) if hasattr(block, "text") else repr(block)
