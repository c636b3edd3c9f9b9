"""Mathematics: $…$ and math: in the source, Office Math with a text fallback in the PPTX, MathML
in the HTML, formulas measured by the fitter, and bad LaTeX reported where it is written."""

from __future__ import annotations

import re
from dataclasses import replace
import zipfile
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from test_source import problems_of, write

from generator.build import build_deck
from generator.check.deck import words_to_check
from generator.html.render import render_html
from generator.layout.engine import lay_out
from generator.layout.measure import Measure
from generator.layout.page import Para, TableFrame
from generator.source import formula
from generator.source.inline import Span, cut_points, math_spans, parse, plain
from generator.source.model import BulletList, Equation, Paragraph, Table
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

DECKS = Path(__file__).resolve().parent / "decks"
CALCULUS = DECKS / "calculus.yaml"
DOC = Path(__file__).resolve().parent.parent / "docs" / "math.md"
NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
      "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
      "m": "http://schemas.openxmlformats.org/officeDocument/2006/math"}


class DescribeDollarMath:
    def it_reads_a_dollar_pair_as_one_math_span(self):
        assert parse(r"area $\pi r^2$, so") == (
            Span("area "), Span(r"\pi r^2", math=True), Span(", so"))

    def it_leaves_currency_as_text(self):
        assert parse("Tickets cost $5 and $10") == (Span("Tickets cost $5 and $10"),)
        assert parse("$5 $x$") == (Span("$5 "), Span("x", math=True))

    def it_needs_no_space_inside_the_dollars_and_no_digit_after(self):
        assert parse("$ x$ $x $ $x$5") == (Span("$ x$ $x $ $x$5"),)

    def it_reads_a_backslash_dollar_as_a_dollar(self):
        assert parse(r"costs \$5, and $x$ is") == (
            Span("costs $5, and "), Span("x", math=True), Span(" is"))
        assert parse(r"$\$5$") == (Span(r"\$5", math=True),)

    def it_keeps_math_in_bold_and_code_as_code(self):
        assert parse("**so $x^2$**") == (Span("so ", bold=True),
                                         Span("x^2", bold=True, math=True))
        assert parse("`$x$`") == (Span("$x$", code=True),)

    def it_never_cuts_inside_a_formula(self):
        text = r"a $x + y$ b"
        assert [plain(text)[:c] for c in cut_points(text)] == ["a", "a x + y"]

    def it_finds_each_formula_with_its_offset(self):
        text = r"**a $x$** [$y$](https://x.org) $z$"
        assert [(o, text[o:o + len(t)]) for o, t in math_spans(text)] == [
            (5, "x"), (12, "y"), (32, "z")]

    def it_does_not_spell_check_formulas(self):
        assert list(words_to_check(r"the $\mathrm{foo} + bar$ fraction")) == ["the", "fraction"]
        assert plain("$x$") == "x"


class DescribeTheSource:
    def it_reads_math_as_equations_in_order(self, tmp_path):
        deck = load_deck(write(tmp_path, r"""title: T
slides:
  - title: A
    text: Before
    math: |
      a^2 + b^2 = c^2

      e^{i\pi} + 1 = 0
    bullets: [After]
  - title: B
    body:
      - math: [{tex: "x = 1", label: "(1)"}, "y = 2"]
"""))
        a, b = deck.slides
        assert [type(x) for x in a.blocks] == [Paragraph, Equation, Equation, BulletList]
        assert [e.tex for e in a.blocks[1:3]] == ["a^2 + b^2 = c^2", r"e^{i\pi} + 1 = 0"]
        assert b.blocks == (Equation("x = 1", "(1)"), Equation("y = 2"))

    @pytest.mark.parametrize("slide,expected", [
        ("    bullets:\n      - Area is $\\pi r^2 + \\foo x$ here\n",
         ["5:28: slide 1 'A': bad LaTeX in '\\\\pi r^2 + \\\\foo x': unsupported command "
          "\\foo (docs/math.md lists what is supported)"]),
        ("    math: |\n      x = 1\n\n      \\frac{a}{b\n",
         ["7:15: slide 1 'A': bad LaTeX in '\\\\frac{a}{b': '{' is never closed"]),
        ('    notes: "see $\\\\frac{a}$"\n    columns:\n'
         '      - {math: "\\\\sqrt{", bullets: [ok]}\n      - {bullets: [fine $x^$]}\n',
         ["4:19: slide 1 'A': bad LaTeX in '\\\\frac{a}': \\frac is missing an argument",
          "7:26: slide 1 'A': bad LaTeX in 'x^': '^' or '_' needs something after it",
          "6:23: slide 1 'A': bad LaTeX in '\\\\sqrt{': '{' is never closed"]),
    ], ids=["bullet", "block equation", "notes and columns"])
    def it_locates_bad_latex_at_the_formula_or_the_command(self, tmp_path, slide, expected):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n" + slide)
        assert problems_of(path) == [f"{path}:{e}" for e in expected]

    def it_rejects_a_label_shared_by_several_equations(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    math:\n"
                               "      - tex: |\n          x = 1\n\n          y = 2\n"
                               "        label: (1)\n")
        assert problems_of(path) == [
            f"{path}:5:14: slide 1 'A': a 'label' names one equation: give each labelled "
            "equation its own '- {tex: …, label: …}' item"]

    def it_treats_currency_as_text_without_a_problem(self, tmp_path):
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: A\n"
                                         "    bullets: [$5 and $10]\n"))
        assert deck.slides[0].blocks[0].items[0].text == "$5 and $10"


class DescribeConversion:
    def it_writes_readable_linear_text(self):
        assert [formula.linear(t) for t in (
            r"\int_0^1 x^2\,dx = \frac{1}{3}",
            r"\sum_{n=1}^{\infty} \frac{1}{n^2} = \frac{\pi^2}{6}",
            r"\lim_{x \to 0} \frac{\sin x}{x} = 1",
            r"A = \begin{pmatrix} 1 & 2 \\ 3 & 4 \end{pmatrix}",
            r"\sqrt[3]{x + 1} + \sqrt{2}",
            r"\hat{x} + \vec{v}, x \in \mathbb{R}",
            r"f'(x) = \frac{d}{dx} x^{n-1}",
        )] == [
            "∫₀¹ x² dx = 1/3",
            "∑ₙ₌₁^∞ 1/n² = π²/6",
            "lim_(x→0) (sin x)/x = 1",
            "A = (1, 2; 3, 4)",
            "∛(x + 1) + √2",
            "x̂ + v⃗, x ∈ ℝ",
            "f′(x) = d/dx xⁿ⁻¹",
        ]

    def it_writes_mathml_with_the_source_for_screen_readers(self):
        assert formula.mathml(r"\frac{a}{b}<c", display=True) == (
            '<math xmlns="http://www.w3.org/1998/Math/MathML" display="block" '
            'alttext="\\frac{a}{b}&lt;c"><semantics><mrow><mrow><mfrac><mrow><mi>a</mi></mrow>'
            "<mrow><mi>b</mi></mrow></mfrac><mo>&lt;</mo><mi>c</mi></mrow></mrow>"
            '<annotation encoding="application/x-tex">\\frac{a}{b}&lt;c</annotation>'
            "</semantics></math>")

    def it_puts_the_limits_of_a_displayed_sum_under_and_over_it(self):
        assert "<munderover><mo>∑</mo>" in formula.mathml(r"\sum_{n=1}^N a_n", display=True)
        assert "<munder><mo>lim</mo>" in formula.mathml(r"\lim_{x \to 0} x", display=True)
        assert "<msubsup><mo>∑</mo>" in formula.mathml(r"\sum_{n=1}^N a_n")
        assert "<msubsup><mo>∫</mo>" in formula.mathml(r"\int_0^1 x", display=True)

    def it_writes_office_math_in_cambria_math(self):
        assert formula.omml(r"\hat{x}^2", False, 20, "en") == (
            '<m:oMath><m:sSup><m:e><m:acc><m:accPr><m:chr m:val="\u0302"/></m:accPr><m:e>'
            '<m:r><m:rPr><m:sty m:val="i"/></m:rPr><a:rPr lang="en" sz="2000">'
            '<a:latin typeface="Cambria Math"/><a:cs typeface="Cambria Math"/></a:rPr>'
            "<m:t>x</m:t></m:r></m:e></m:acc></m:e><m:sup><m:r><m:rPr><m:sty m:val=\"p\"/>"
            '</m:rPr><a:rPr lang="en" sz="2000"><a:latin typeface="Cambria Math"/>'
            '<a:cs typeface="Cambria Math"/></a:rPr><m:t>2</m:t></m:r></m:sup></m:sSup>'
            "</m:oMath>")

    def it_puts_a_limit_under_lim_and_wraps_display_math_in_a_math_paragraph(self):
        xml = formula.omml(r"\lim_{x \to 0} x", True, None, "en")
        assert xml.startswith('<m:oMathPara><m:oMathParaPr><m:jc m:val="centerGroup"/>'
                              "</m:oMathParaPr><m:oMath><m:limLow><m:e>")
        assert "<m:box>" not in xml and " sz=" not in xml

    def it_measures_taller_formulas_taller(self):
        x_w, x_h = formula.size_em("x")
        frac_w, frac_h = formula.size_em(r"\frac{a}{b}", True)
        assert 0.4 < x_w < 0.8 and 0.3 < x_h < 1.0
        assert frac_h > 1.5 * x_h
        assert formula.size_em(r"\frac{a}{b}", False)[1] < frac_h


@pytest.fixture(scope="module")
def layout():
    deck = load_deck(CALCULUS)
    return lay_out(deck, theme_for(deck))


@pytest.fixture(scope="module")
def pptx(tmp_path_factory):
    out = tmp_path_factory.mktemp("calculus")
    result = build_deck(CALCULUS, out, ("pptx", "html"))
    assert result.error is None, result.error
    return out / "calculus.pptx"


class DescribeTheFit:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_lays_display_math_out_as_centred_equations(self, layout):
        series = next(p for p in layout.pages if p.title_text == "Series")
        para = series.body.paras[1]
        assert replace(para, drawn=None, height=0.0, top=0.0) == Para(
            r"\sum_{n=1}^{\infty} \frac{1}{n^2} = \frac{\pi^2}{6}", 0, False,
            series.body.size, para.after, True, None, direction="ltr")
        # its picture (the PPTX's fallback): at its typeset size, centred in the body's width
        w, h = formula.size_em(para.text, True)
        box = series.body.box
        assert (para.drawn.w, para.drawn.h) == pytest.approx((w * para.size, h * para.size))
        assert para.drawn.x - box.x == pytest.approx(box.right - para.drawn.right)
        assert para.height >= para.drawn.h

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_scales_a_displayed_equation_wider_than_its_box_down_to_the_box(self, tmp_path):
        wide = " + ".join(rf"\frac{{x^{{{i}}}}}{{{i}!}}" for i in range(1, 30))
        deck = load_deck(write(tmp_path, f"title: T\nslides:\n  - title: Wide\n    math: "
                               f"'e^x = {wide}'\n"))
        page = lay_out(deck, theme_for(deck)).pages[1]
        [para] = page.body.paras
        assert para.drawn.x >= page.body.box.x and para.drawn.right <= page.body.box.right
        w, h = formula.size_em(para.text, True)
        assert para.drawn.w / para.drawn.h == pytest.approx(w / h)
        assert para.drawn.w < w * para.size

    def it_counts_a_displayed_formula_at_its_typeset_height(self, layout):
        from generator.layout.measure import Measure

        m = Measure(layout.theme)
        para = Para(r"\sum_{n=1}^{\infty} \frac{1}{n^2}", size=20.0, display=True)
        text = Para("x", size=20.0)
        assert m.para_height(para, 800) == pytest.approx(
            formula.size_em(para.text, True)[1] * 20 * m.line)
        assert m.para_height(para, 800) > 1.5 * m.para_height(text, 800)

    def it_adds_the_height_of_a_tall_inline_formula(self, layout):
        from generator.layout.measure import Measure

        m = Measure(layout.theme)
        plain_h = m.para_height(Para("a b", size=20.0), 800)
        assert m.para_height(Para(r"a $\frac{\frac{1}{2}}{3}$", size=20.0), 800) > plain_h
        assert m.para_height(Para("a $b$", size=20.0), 800) == plain_h

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_splits_between_equations_never_inside_one(self, tmp_path):
        equations = "\n\n".join(rf"\int_0^{{{i}}} \frac{{x^2}}{{1 + x^{i}}}\,dx = c_{{{i}}}"
                                for i in range(1, 13))
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: Many\n    math: |\n"
                               + "".join(f"      {line}\n" for line in equations.splitlines())))
        layout = lay_out(deck, theme_for(deck))
        pages = [p for p in layout.pages if p.source is not None]
        assert len(pages) > 1
        texts = [para.text for p in pages for para in p.body.paras]
        assert texts == [e.tex for e in deck.slides[0].blocks]
        assert all(para.display for p in pages for para in p.body.paras)


class DescribeTheMathml:
    def it_writes_primes_as_upright_operators_after_what_they_mark(self):
        assert "<mi>f</mi><mo>\u2032</mo><mo stretchy" in formula.mathml("f'(x)")
        assert "<mi>f</mi><mo>\u2033</mo><mo stretchy" in formula.mathml("f''(x)")
        assert '<mo stretchy="false">)</mo><mo>\u2032</mo>' in formula.mathml(r"(f \circ g)'")
        assert "msup" not in formula.mathml("f'(x)")
        assert "<msup><mi>x</mi><mn>2</mn></msup>" in formula.mathml("x^2")

    @pytest.mark.parametrize(("tex", "mark"), [(r"\hat{x}", "\u02c6"), (r"\bar{x}", "\u00af"),
                                               (r"\vec{v}", "\u2192"), (r"\tilde{a}", "\u02dc"),
                                               (r"\dot{x}", "\u02d9")])
    def it_sets_an_accent_on_one_letter_as_an_accent_not_stretched(self, tex, mark):
        letter = tex[-2]
        assert (f'<mover accent="true"><mrow><mi>{letter}</mi></mrow>'
                f'<mo stretchy="false">{mark}</mo></mover>') in formula.mathml(tex)

    def it_puts_a_thin_space_between_a_function_and_its_argument_as_tex_does(self):
        space = '<mspace width="0.1667em" />'
        assert f"<mi>sin</mi>{space}<mi>x</mi>" in formula.mathml(r"\sin x")
        assert f"<msup><mi>sin</mi><mn>2</mn></msup>{space}<mi>x</mi>" in formula.mathml(
            r"\sin^2 x")
        assert "<mi>cos</mi><mo stretchy=\"false\">(</mo>" in formula.mathml(r"\cos(x)")
        assert f"<msub><mi>log</mi><mn>2</mn></msub>{space}<mi>n</mi>" in formula.mathml(
            r"\log_2 n")
        assert space not in formula.mathml(r"\sin") + formula.mathml("s i n x")

    def it_leaves_a_line_over_several_letters_stretched(self):
        assert '<mover accent="true"><mrow><mi>x</mi><mo>+</mo>' not in formula.mathml(
            r"\overline{x+y}")


def _slide_xml(pptx: Path, number: int) -> bytes:
    with zipfile.ZipFile(pptx) as z:
        return z.read(f"ppt/slides/slide{number}.xml")


class DescribeThePowerPointFile:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_writes_every_formula_as_office_math_with_a_text_fallback(self, pptx):
        deck = load_deck(CALCULUS)
        expected = {s.number + 1: _formulas(s) for s in deck.slides}
        for number, formulas in expected.items():
            root = etree.fromstring(_slide_xml(pptx, number))
            blocks = root.xpath(".//a:p/mc:AlternateContent[not(ancestor::mc:Fallback)]",
                                namespaces=NS)
            assert len(blocks) == len(formulas), number
            for block, tex in zip(blocks, formulas):
                choice, = block.findall("mc:Choice", NS)
                assert choice.get("Requires") == "a14m"
                assert choice.find("a14:m/m:oMath", NS) is not None or choice.find(
                    "a14:m/m:oMathPara/m:oMath", NS) is not None
                fallback = "".join(block.xpath("mc:Fallback/a:r/a:t/text()", namespaces=NS))
                assert fallback == formula.linear(tex)

    def it_declares_the_math_namespaces_on_the_slide_root(self, pptx):
        head = _slide_xml(pptx, 2).split(b">", 2)[1]
        for prefix in ("mc", "a14", "a14m", "m"):
            uri = NS.get(prefix, NS["a14"]).encode()
            assert b' xmlns:%s="%s"' % (prefix.encode(), uri) in head
        assert b"AlternateContent" not in _slide_xml(pptx, 1)
        assert b"xmlns:mc" not in _slide_xml(pptx, 1)

    def it_draws_every_equation_as_a_picture_for_viewers_without_office_math(
            self, pptx, layout):
        for number in range(2, 8):
            root = etree.fromstring(_slide_xml(pptx, number))
            page = layout.pages[number - 1]
            texts = [f for f in page.texts() if any(p.display or p.inline for p in f.paras)]
            tables = [f for f in page.frames if isinstance(f, TableFrame) and f.drawn]
            shapes = root.xpath("//p:spTree/mc:AlternateContent", namespaces=NS)
            assert len(shapes) == len(texts) + len(tables), number
            placed = [(p.text, p.drawn) for f in texts for p in f.paras if p.display] + [
                (f.tex, f.box) for frame in texts for p in frame.paras for f in p.inline] + [
                (f.tex, f.box) for t in tables for cell in t.drawn for f in cell.inline]
            drawn = [(pic.xpath("p:nvPicPr/p:cNvPr/@descr", namespaces=NS)[0],
                      tuple(int(v) for v in pic.find("p:spPr/a:xfrm/a:off", NS).values()))
                     for pic in root.xpath("//mc:Fallback/p:pic", namespaces=NS)]
            assert sorted(drawn) == sorted(
                (tex, (round(box.x * 12700), round(box.y * 12700))) for tex, box in placed)
            for shape in shapes:  # PowerPoint: the whole text, the equations as Office Math
                [choice] = shape.xpath("mc:Choice", namespaces=NS)
                assert choice.get("Requires") == "a14m" and len(choice) == 1
                assert len(choice.xpath(".//a14:m", namespaces=NS)) == len(
                    shape.xpath("mc:Fallback/p:pic", namespaces=NS)) >= 1
                assert not shape.xpath("mc:Fallback//a14:m", namespaces=NS)
        for number in range(2, 8):  # one id per shape among the shapes a viewer reads
            root = etree.fromstring(_slide_xml(pptx, number))
            for branch in ("Choice", "Fallback"):
                ids = root.xpath(f"//p:cNvPr[not(ancestor::mc:AlternateContent) or "
                                 f"ancestor::mc:{branch}]/@id", namespaces=NS)
                assert len(ids) == len(set(ids)), (number, branch)

    def it_leaves_each_inline_formula_a_gap_as_wide_as_its_picture(self, pptx, layout):
        root = etree.fromstring(_slide_xml(pptx, 2))
        [fallback] = root.xpath("//mc:Fallback[.//a:p[.//a:t='Squeeze it between ']]",
                                namespaces=NS)
        para = next(p for f in layout.pages[1].texts() for p in f.paras
                    if p.text.startswith("Squeeze"))
        runs = fallback.xpath(".//a:p[.//a:t='Squeeze it between ']/a:r", namespaces=NS)
        assert ["".join(r.xpath("a:t/text()", namespaces=NS)) for r in runs] == [
            "Squeeze it between ", "\u00a0", " and ", "\u00a0", " near ", "\u00a0"]
        gaps = [r.find("a:rPr", NS) for r in runs[1::2]]
        m = Measure(layout.theme)
        for rpr, placed in zip(gaps, para.inline):
            width = m.faces[("body", False, False)].width("\u00a0", placed.size) + int(
                rpr.get("spc")) / 100
            assert width == pytest.approx(placed.box.w, abs=0.01)
            assert int(rpr.get("sz")) == round(placed.size * 100)
        assert "cos x" not in "".join(fallback.xpath(".//a:t/text()", namespaces=NS))

    def it_breaks_a_fallback_s_lines_where_the_layout_broke_them(self, pptx, layout):
        root = etree.fromstring(_slide_xml(pptx, 6))
        para = next(p for f in layout.pages[5].texts() for p in f.paras
                    if p.text.startswith("Continuous"))
        assert len(para.breaks) == 1
        [p] = root.xpath("//mc:Fallback//a:p[a:r/a:t[starts-with(., 'Continuous')]]",
                         namespaces=NS)
        texts = [etree.QName(el).localname if etree.QName(el).localname == "br"
                 else el.findtext("a:t", namespaces=NS) for el in p if el.tag != f"{{{NS['a']}}}pPr"
                 and etree.QName(el).localname in ("r", "br")]
        plain = "Continuous but not differentiable at "
        assert texts == [plain[:para.breaks[0]], "br", plain[para.breaks[0]:], "\u00a0"]

    @pytest.mark.slow
    def it_shows_every_equation_drawn_in_libreoffice(self, calculus_pdf, layout):
        import subprocess

        listed = subprocess.run(["pdfimages", "-list", str(calculus_pdf)], check=True,
                                capture_output=True, text=True).stdout.splitlines()[2:]
        per_page = [0] * len(layout.pages)
        for row in listed:
            per_page[int(row.split()[0]) - 1] += 1
        text = subprocess.run(["pdftotext", str(calculus_pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
        deck = load_deck(CALCULUS)
        assert sum(len(_drawn(page)) for page in layout.pages) == sum(
            len(_formulas(slide)) for slide in deck.slides)
        for page in layout.pages:
            tex = [tex for tex, _ in _drawn(page)]
            # each equation a picture (an image and its transparency mask) ...
            assert per_page[page.number - 1] in (len(tex), 2 * len(tex)), page.number
            for each in tex:  # ... and not its linear text
                linear = formula.linear(each)
                assert len(linear) < 3 or linear not in text, linear
        assert "(1)" in text  # a label stays text

    @pytest.mark.slow
    def it_sets_each_inline_formula_in_its_gap_on_the_baseline_in_libreoffice(
            self, calculus_pdf, layout):
        assert _check_gaps(calculus_pdf, layout) >= 25

    @pytest.mark.slow
    def it_makes_room_above_and_below_a_tall_formula_inside_a_paragraph_in_libreoffice(
            self, tmp_path, libreoffice, poppler):
        deep = r"$\frac{1}{\frac{x}{y + \frac{1}{z}}}$"
        tall = r"$\int_0^{\pi} \sin x\,dx$"
        source = tmp_path / "deep.yaml"
        source.write_text(yaml.safe_dump({"title": "Deep", "slides": [{
            "title": "Formulas inside paragraphs",
            "text": f"Words before {deep} and many more words after it, enough to run this "
                    f"paragraph over three lines, with {tall} in its middle and more words "
                    f"after that to fill the last line of it {deep} at its end",
            "bullets": [f"A bullet with {tall} and {deep} on its first line, then more "
                        "words to take it onto a second line"]}]}), encoding="utf-8")
        result = build_deck(source, tmp_path, ("pptx",))
        assert result.error is None, result.error
        deck = load_deck(source)
        laid = lay_out(deck, theme_for(deck))
        drawn = [p for f in laid.pages[1].texts() for p in f.paras if p.inline]
        assert [len(p.breaks) for p in drawn] == [3, 1]
        assert any(f.drop > 0 for p in drawn for f in p.inline)  # the deep ones reach below
        assert any(f.size > p.size for p in drawn for f in p.inline)  # the tall ones above
        pdf = _libreoffice_pdf(tmp_path / "deep.pptx", tmp_path / "pdf", libreoffice)
        assert _check_gaps(pdf, laid) >= 8

    def it_sets_formulas_in_cambria_math_in_the_colour_of_their_text(self, pptx):
        root = etree.fromstring(_slide_xml(pptx, 2))
        title = root.xpath(".//p:sp[.//p:ph/@type='title']", namespaces=NS)[0]
        colour = ".//{}/a:rPr/a:solidFill/a:schemeClr/@val"
        assert title.xpath(colour.format("a:r"), namespaces=NS) == ["tx2", "tx2"]  # + fallback
        assert title.xpath(colour.format("m:r"), namespaces=NS) == ["tx2"] * 3  # sin, x, x
        assert set(title.xpath(".//m:r/a:rPr/a:latin/@typeface", namespaces=NS)) == {
            "Cambria Math"}

    def it_writes_a_label_after_its_equation(self, pptx):
        root = etree.fromstring(_slide_xml(pptx, 3))
        para, = root.xpath(".//a:p[a:r/a:t='   (1)']", namespaces=NS)
        assert para.find("a:pPr", NS).get("algn") == "ctr"
        assert para.xpath("mc:AlternateContent/following-sibling::a:r/a:t/text()",
                          namespaces=NS) == ["   (1)"]

    def it_writes_math_in_notes_as_linear_text(self, pptx):
        with zipfile.ZipFile(pptx) as z:
            notes = z.read("ppt/notesSlides/notesSlide1.xml").decode()
        assert "AlternateContent" not in notes
        texts = re.findall(r"<a:t>([^<]*)</a:t>", notes)
        assert "lim_(x→0) (sin x)/x = 1" in texts and "1/2 r²θ" in texts

    def it_writes_mathml_into_the_html(self, pptx):
        html = (pptx.parent / "calculus.html").read_text(encoding="utf-8")
        deck = load_deck(CALCULUS)
        every = [t for s in deck.slides for t in _formulas(s)]
        assert html.count("<math ") == len(every) + 1 + 3  # + the title twice; + notes
        assert 'display="block" alttext="\\int_0^1 x^2\\,dx = \\frac{1}{3}"' in html
        assert '<span class="equation__label">(1)</span>' in html
        assert "<script src" not in html and "mathjax" not in html.lower()


def _drawn(page) -> list[tuple[str, object]]:
    """Every formula of ``page`` the PPTX's fallback draws, with its box."""
    return [(p.text, p.drawn) for f in page.texts() for p in f.paras if p.display] + [
        (tex, box) for tex, box, _ in _inline_drawn(page)]


def _inline_drawn(page) -> list[tuple[str, object, float]]:
    """Every inline formula of ``page`` the PPTX's fallback draws: its LaTeX, box and size."""
    return [(f.tex, f.box, p.size) for frame in page.texts() for p in frame.paras
            for f in p.inline] + [
        (f.tex, f.box, t.size) for t in page.frames if isinstance(t, TableFrame)
        for cell in t.drawn for f in cell.inline]


@pytest.fixture(scope="module")
def calculus_pdf(pptx, tmp_path_factory, libreoffice, poppler) -> Path:
    """The calculus deck's PPTX as LibreOffice draws it (converted to PDF)."""
    return _libreoffice_pdf(pptx, tmp_path_factory.mktemp("calculus_pdf"), libreoffice)


def _libreoffice_pdf(pptx: Path, out: Path, libreoffice: str) -> Path:
    import subprocess

    subprocess.run([libreoffice, f"-env:UserInstallation=file://{out / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(out), str(pptx)],
                   check=True, capture_output=True, timeout=300)
    return out / f"{pptx.stem}.pdf"


def _check_gaps(pdf: Path, layout) -> int:
    """Check that LibreOffice drew the text of ``pdf`` around the inline formulas' pictures
    where ``layout`` put them: no word under a picture, the words beside each a space away and
    on its baseline. Returns how many neighbouring words were checked."""
    import subprocess

    boxes = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                           capture_output=True, text=True).stdout.split("<page ")[1:]
    ratios, neighbours = [], 0
    for page, words_xml in zip(layout.pages, boxes):
        words = [(*map(float, box), word) for *box, word in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<',
            words_xml) if word.strip("\u00a0") not in ("", "•", "–")]  # not bullets
        for tex, box, size in _inline_drawn(page):
            baseline = box.bottom - formula.box_em(tex)[2] * size
            for x0, y0, x1, y1, word in words:  # no word under the picture
                middle = (y1 - y0) * 0.3
                assert not (x0 < box.right - 1.5 and x1 > box.x + 1.5
                            and y0 + middle < box.bottom and y1 - middle > box.y), (
                    page.number, tex, word)
            line = [w for w in words if w[1] < baseline < w[3]]
            before = sorted(w for w in line if box.x - 20 < w[2] <= box.x + 1)[-1:]
            after = sorted(w for w in line if box.right - 1 <= w[0] < box.right + 20)[:1]
            for x0, y0, x1, y1, word in before:  # the words beside it: a space away ...
                assert 0.5 < box.x - x1 < 12, (page.number, tex, word)
                ratios.append((baseline - y0) / (y1 - y0))  # ... on its baseline
            for x0, _, _, _, word in after:
                assert -1 < x0 - box.right < 12, (page.number, tex, word)
            neighbours += len(before) + len(after)
    # pdftotext's word box spans the font's ascent and descent: the baseline lies at one share
    # of it for every word of a font; every formula's baseline there, within 0.5 pt
    assert ratios and 0.6 < min(ratios) and max(ratios) - min(ratios) < 0.5 / 36
    return neighbours


def _formulas(slide) -> list[str]:
    """Each formula of a slide in drawing order: title, then frames top to bottom."""
    out = [tex for _, tex in math_spans(slide.title)]

    def blocks(items):
        for block in items:
            if isinstance(block, Equation):
                out.append(block.tex)
            elif isinstance(block, Paragraph):
                out.extend(tex for _, tex in math_spans(block.text))
            elif isinstance(block, Table):  # cell by cell, row by row, the header first
                for row in (block.header, *block.rows):
                    for cell in row:
                        out.extend(tex for _, tex in math_spans(cell))
            else:
                from generator.source.model import iter_bullets

                for _, bullet in iter_bullets(block.items):
                    out.extend(tex for _, tex in math_spans(bullet.text))

    blocks(slide.blocks)
    for column in slide.columns:
        blocks(column.blocks)
    return out


def test_math_in_a_table_cell_is_office_math_in_the_pptx_and_mathml_in_the_html(pptx):
    deck = load_deck(CALCULUS)
    table = next(s for s in deck.slides if any(isinstance(b, Table) for b in s.blocks))
    root = etree.fromstring(_slide_xml(pptx, table.number + 1))
    cells = root.xpath(".//mc:Choice//a:tbl/a:tr/a:tc", namespaces=NS)
    assert len(cells) == 10
    in_cells = [c.find(".//mc:AlternateContent/mc:Choice/a14:m/m:oMath", NS) is not None
                for c in cells]
    assert in_cells == [False, False] + [True] * 8  # the header is text, every cell a formula
    html = render_html(lay_out(deck, theme_for(deck)))
    body = html[html.index("<tbody>"):html.index("</tbody>")]
    assert body.count('<td class="cell--left"><math ') == 8


def test_the_html_renderer_needs_no_layout_change_for_math():
    deck = load_deck(CALCULUS)
    html = render_html(lay_out(deck, theme_for(deck)))
    assert html.count('<div class="para equation"') == 7


def _doc_examples() -> list[str]:
    return re.findall(r"```yaml\n(.*?)```", DOC.read_text(encoding="utf-8"), re.S)


def test_the_doc_page_has_examples():
    assert len(_doc_examples()) >= 3


@pytest.mark.parametrize("index", range(len(_doc_examples())))
def test_every_yaml_example_in_the_doc_page_builds(tmp_path, index):
    text = _doc_examples()[index]
    data = yaml.safe_load(text)
    if "slides" not in data:  # a fragment: one slide's keys
        text = "title: Example\nslides:\n" + "".join(
            ("  - " if i == 0 else "    ") + line + "\n"
            for i, line in enumerate(text.splitlines()))
    deck = tmp_path / "example.yaml"
    deck.write_text(text, encoding="utf-8")
    result = build_deck(deck, tmp_path / "out", ("pptx", "html"))
    assert result.error is None, result.error


@pytest.mark.slow  # over a fifth of a second: the full suite only
def test_every_latex_example_in_the_doc_page_converts():
    table = DOC.read_text(encoding="utf-8").split("| kind | examples |", 1)[1].split("\n\n")[0]
    examples = [e for row in table.splitlines()[2:]
                for e in re.findall(r"`([^`]+)`", row.split("|")[2]) if "\\" in e or "^" in e
                or "_" in e or "'" in e]
    assert len(examples) > 40
    for tex in examples:
        formula.check(tex)
        assert formula.linear(tex) or tex.startswith(("\\,", "\\;", "\\quad", "\\qquad"))


class DescribeImporting:
    @pytest.mark.slow  # over half a second: the full suite only
    def it_imports_our_own_build_giving_back_each_formula_as_math(self, pptx, tmp_path):
        from generator.importer import import_file

        result = import_file(pptx, tmp_path / "back.yaml")
        back = load_deck(result.output)
        assert [s.title for s in back.slides][:2] == ["The limit of $\\frac{\\sin x}{x}$",
                                                     "Derivatives"]
        deck = load_deck(CALCULUS)

        def linear(d):  # the same formula, whatever braces and spacing it is written with
            return ["".join(formula.linear(tex).split()) for s in d.slides for tex in _formulas(s)]

        assert linear(back) == linear(deck)
        assert (result.summary.formulas, result.summary.formulas_as_text) == (37, 0)

    def it_escapes_dollars_from_powerpoint_that_would_read_as_math(self, tmp_path):
        from pptx import Presentation

        from generator.importer import import_file

        prs = Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[1])
        slide.shapes.title.text = "Prices"
        slide.placeholders[1].text_frame.text = "between $a$ and $5 or $6"
        prs.save(str(tmp_path / "foreign.pptx"))
        back = load_deck(import_file(tmp_path / "foreign.pptx", tmp_path / "f.yaml").output)
        text = back.slides[0].blocks[0].items[0].text
        assert text == r"between \$a\$ and \$5 or \$6"
        assert parse(text) == (Span("between $a$ and $5 or $6"),)


@pytest.mark.slow
def test_decks_without_formulas_never_import_the_math_libraries(tmp_path):
    from conftest import loaded_on_each_build

    lecture = Path(__file__).resolve().parent.parent / "slides_src" / "soviet_foreign_policy.yaml"
    assert loaded_on_each_build(lecture, tmp_path / "a", "latex2mathml", 1) == [False]
    assert loaded_on_each_build(CALCULUS, tmp_path / "b", "latex2mathml", 1) == [True]


@pytest.mark.slow  # fresh processes: the full suite only
def test_a_deck_measured_and_drawn_before_builds_without_the_math_typesetter(tmp_path):
    from conftest import loaded_on_each_build

    assert loaded_on_each_build(CALCULUS, tmp_path, "ziamath", 2) == [True, False]
    cache = tmp_path / "cache"
    tables = list(cache.rglob("formulas/measured-*.json"))
    assert len(tables) == 1
    first = (tmp_path / "out" / "calculus.pptx").read_bytes()
    for picture in cache.rglob("pictures/*.png"):  # the drawn formulas, drawn again ...
        picture.unlink()
    tables[0].write_text("{}", encoding="utf-8")  # ... and measured again
    assert loaded_on_each_build(CALCULUS, tmp_path, "ziamath", 1) == [True]
    assert (tmp_path / "out" / "calculus.pptx").read_bytes() == first


_LATEX = st.lists(st.one_of(
    st.sampled_from([r"\frac", r"\sqrt", r"\sum", r"\int", r"\begin{pmatrix}", r"\end{pmatrix}",
                     r"\begin{cases}", r"\end{cases}", r"\hat", r"\left(", r"\right)", r"\text{",
                     "\\\\", r"\lim", r"\vec", r"\mathbb", r"\alpha", r"\,", r"\limits",
                     r"\overline", r"\binom", r"\left|", r"\right.", "'", r"\sqrt[", r"\det",
                     r"\to", r"\infty", r"\{", r"\}"]),
    st.sampled_from(list("{}[]^_abx12+-=()&| "))), min_size=1, max_size=12).map("".join)


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(tex=_LATEX)
def test_any_formula_is_either_rejected_at_load_or_converts_everywhere(tex):
    try:
        formula.check(tex)
    except formula.FormulaError as err:
        assert err.message
        return
    assert formula.mathml(tex, True).startswith("<math ")
    assert formula.omml(tex, True, 20, "en").startswith("<m:oMathPara>")
    assert isinstance(formula.linear(tex), str)
    assert all(v >= 0 for v in formula.size_em(tex, True) + formula.size_em(tex))


REVEALED = {"title": "Reveal with maths", "slides": [
    {"title": "Steps", "reveal": True, "math": r"\int_0^1 x\,dx = \frac{1}{2}",
     "bullets": ["First $x^2$ plain", r"Second with $\frac{1}{2}$ here", "Third plain bullet"]},
    {"title": "Table step", "reveal": "blocks", "text": "A table follows",
     "table": {"header": ["a", "b"], "rows": [["$x^n$", "$n x^{n-1}$"]]}}]}


@pytest.fixture(scope="module")
def revealed(tmp_path_factory) -> Path:
    """A deck whose clicks reveal paragraphs and a table holding formulas, built."""
    out = tmp_path_factory.mktemp("revealed")
    source = out / "revealed.yaml"
    source.write_text(yaml.safe_dump(REVEALED), encoding="utf-8")
    assert build_deck(source, out, ("pptx",)).error is None
    return out / "revealed.pptx"


def _clicks(timing) -> list[list[tuple[str, str | None]]]:
    """Each click of a ``p:timing``: its targets as ``(spid, paragraph or None)``."""
    return [[(t.get("spid"), (t.xpath("p:txEl/p:pRg/@st", namespaces=NS) or [None])[0])
             for t in click.xpath(".//p:spTgt", namespaces=NS)]
            for click in timing.xpath("p:tnLst/p:par/p:cTn/p:childTnLst/p:seq/p:cTn/"
                                      "p:childTnLst/p:par", namespaces=NS)]


def test_each_click_shows_a_paragraph_s_formula_pictures_with_it_where_office_math_is_missing(
        revealed):
    root = etree.fromstring(_slide_xml(revealed, 2))
    [timing] = root.xpath("p:timing|mc:AlternateContent[mc:Choice/p:timing]", namespaces=NS)
    [choice] = timing.xpath("mc:Choice/p:timing", namespaces=NS)
    [fallback] = timing.xpath("mc:Fallback/p:timing", namespaces=NS)
    body = root.xpath("//mc:Choice/p:sp[.//a:t='First ']/p:nvSpPr/p:cNvPr/@id",
                      namespaces=NS)[0]
    assert _clicks(choice) == [[(body, "1")], [(body, "2")], [(body, "3")]]
    shapes = {el.get("id"): el.getparent().getparent() for el in root.xpath(
        "//mc:Fallback/*/*/p:cNvPr", namespaces=NS)}

    def shown(spid, para):
        shape = shapes[spid]
        if para is None:
            return shape.xpath("p:nvPicPr/p:cNvPr/@descr", namespaces=NS)[0]
        return "".join(shape.xpath(f".//a:p[{int(para) + 1}]//a:t/text()", namespaces=NS))

    assert [[shown(*target) for target in click] for click in _clicks(fallback)] == [
        ["First \u00a0 plain", "x^2"], ["Second with \u00a0\u00a0 here", r"\frac{1}{2}"],
        ["Third plain bullet"]]


def test_a_table_s_formula_pictures_appear_with_the_table(revealed):
    root = etree.fromstring(_slide_xml(revealed, 3))
    [fallback] = root.xpath("mc:AlternateContent/mc:Fallback/p:timing", namespaces=NS)
    table = root.xpath("//mc:Choice/p:graphicFrame/p:nvGraphicFramePr/p:cNvPr/@id",
                       namespaces=NS)[0]
    pictures = root.xpath("//mc:Fallback/p:pic/p:nvPicPr/p:cNvPr/@id", namespaces=NS)
    assert len(pictures) == 2
    assert _clicks(fallback)[1] == [(table, None), *((p, None) for p in pictures)]


@pytest.mark.slow
def test_libreoffice_reveals_each_formula_picture_with_its_paragraph(revealed, tmp_path,
                                                                     libreoffice):
    import subprocess

    subprocess.run([libreoffice, f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "odp", "--outdir", str(tmp_path),
                    str(revealed)], check=True, capture_output=True, timeout=300)
    with zipfile.ZipFile(tmp_path / "revealed.odp") as z:
        content = etree.fromstring(z.read("content.xml"))
    ns = {"draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
          "anim": "urn:oasis:names:tc:opendocument:xmlns:animation:1.0",
          "smil": "urn:oasis:names:tc:opendocument:xmlns:smil-compatible:1.0",
          "xml": "http://www.w3.org/XML/1998/namespace"}
    page = content.xpath("//draw:page", namespaces=ns)[1]
    ids = {el.get("{http://www.w3.org/XML/1998/namespace}id"): el
           for el in page.iter() if el.get("{http://www.w3.org/XML/1998/namespace}id")}

    def shown(el):  # a formula's picture by its name, a text by its words
        name = el.get(f"{{{ns['draw']}}}name") or ""
        return "formula" if name.startswith("Formula") else " ".join(
            "".join(el.itertext()).replace("\u00a0", " ").split())

    clicks = page.xpath(".//anim:par[@smil:begin='next']", namespaces=ns)
    assert [[shown(ids[t]) for t in click.xpath(".//@smil:targetElement", namespaces=ns)]
            for click in clicks] == [["First plain", "formula"],
                                     ["Second with here", "formula"], ["Third plain bullet"]]


@pytest.mark.slow  # over a fifth of a second: the full suite only
def test_importing_a_deck_whose_clicks_have_a_fallback_gives_back_every_formula(revealed,
                                                                                  tmp_path):
    from generator.importer import import_file

    result = import_file(revealed, tmp_path / "back.yaml")
    back = load_deck(result.output)
    assert [s.title for s in back.slides] == ["Steps", "Table step"]
    def linear(tex: str) -> str:  # the same formula, whatever braces and spacing it has
        return "".join(formula.linear(tex).split())

    assert [linear(tex) for s in back.slides for tex in _formulas(s)] == [
        linear(tex) for tex in (r"\int_0^1 x\,dx = \frac{1}{2}", "x^2", r"\frac{1}{2}",
                                "x^n", "n x^{n-1}")]
    assert result.skipped == ()  # the clicks' fallback is no object left out


def test_plain_text_after_a_displayed_equation_starts_under_its_picture(tmp_path):
    source = tmp_path / "after.yaml"
    source.write_text(yaml.safe_dump({"title": "T", "slides": [{"title": "After", "body": [
        {"text": "Before the equation."}, {"math": r"e^{i\pi} + 1 = 0"},
        {"text": "After the equation, plain words."}, {"bullets": ["a bullet"]}]}]}),
        encoding="utf-8")
    assert build_deck(source, tmp_path, ("pptx",)).error is None
    root = etree.fromstring(_slide_xml(tmp_path / "after.pptx", 2))
    [fallback] = root.xpath("//mc:Fallback[p:pic]", namespaces=NS)

    def box(shape):
        off, ext = shape.find(".//a:xfrm/a:off", NS), shape.find(".//a:xfrm/a:ext", NS)
        return int(off.get("y")), int(off.get("y")) + int(ext.get("cy"))

    [picture] = fallback.xpath("p:pic", namespaces=NS)
    [after] = fallback.xpath("p:sp[.//a:t='After the equation, plain words.']", namespaces=NS)
    assert after.xpath(".//a:t/text()", namespaces=NS) == [
        "After the equation, plain words.", "a bullet"]
    assert box(after)[0] >= box(picture)[1] - 12700 * 4  # under it (within its insets)


def test_every_shape_a_viewer_reads_has_an_id_of_its_own(tmp_path):
    source = tmp_path / "boxes.yaml"  # text boxes and a table beside each other, with formulas
    source.write_text(yaml.safe_dump({"title": "T", "slides": [{
        "title": "Composed", "text": r"A sentence with $\frac{a}{b}$ beside a table.",
        "math": r"e^{i\pi} + 1 = 0",
        "table": {"header": ["f", "f'"], "rows": [["$x^2$", "$2x$"]]}}]}), encoding="utf-8")
    assert build_deck(source, tmp_path, ("pptx",)).error is None
    with zipfile.ZipFile(tmp_path / "boxes.pptx") as z:
        slides = [n for n in z.namelist() if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
        roots = [etree.fromstring(z.read(n)) for n in slides]
    drawn = 0
    for root in roots:
        drawn += len(root.xpath("//mc:Fallback/p:pic", namespaces=NS))
        for branch in ("Choice", "Fallback"):  # PowerPoint reads the one, LibreOffice the other
            ids = root.xpath(f"//p:cNvPr[not(ancestor::mc:AlternateContent) or "
                             f"ancestor::mc:{branch}]/@id", namespaces=NS)
            assert len(ids) == len(set(ids)), branch
    assert drawn == 4
