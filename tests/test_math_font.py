"""The HTML deck's math font: a subset of the font that measures formulas, embedded in the deck."""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from generator.html import mathfont
from generator.html.render import render_html
from generator.layout.engine import lay_out
from generator.source import formula
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

CALCULUS = Path(__file__).resolve().parent / "decks" / "calculus.yaml"
FACE = re.compile(r'<style>@font-face \{ font-family: "Deck Math"; '
                  r"src: url\(data:font/woff;base64,([A-Za-z0-9+/=]+)\) "
                  r'format\("woff"\); \}</style>\n')
FENCES = "({|√∫"  # stretchy: drawn from larger variants or assembled from parts


@pytest.fixture(scope="module")
def calculus_html() -> str:
    deck = load_deck(CALCULUS)
    return render_html(lay_out(deck, theme_for(deck)))


def _font(data: bytes) -> TTFont:
    return TTFont(io.BytesIO(data))


def test_the_font_that_measures_formulas_is_the_font_ziamath_loads():
    from ziamath import zmath

    assert Path(zmath.fontname) == formula.math_font_file()
    names = _font(formula.math_font_file().read_bytes())["name"]
    assert names.getDebugName(1) == formula.MATH_FACE == "STIX Two Math"


def test_the_characters_of_a_formula_are_those_written_and_those_the_browser_adds():
    document = "<p>q</p>" + formula.mathml(r"\sqrt{h}-x \ln y") + formula.mathml("A", True)
    # the one-letter identifiers' italics (not ln's) and the root's radical sign; the TeX
    # annotation (with its backslashes and braces) is not drawn, nor the text outside
    assert mathfont.math_characters(document) == " Ahlnxyℎ−√𝐴𝑥𝑦"


def test_a_document_without_formulas_has_no_math_characters():
    assert mathfont.math_characters("<p>$5 and x</p><code>&lt;math&gt;</code>") == ""


def test_a_deck_without_formulas_embeds_no_font(tmp_path):
    (tmp_path / "plain.yaml").write_text(
        "title: Plain\nslides:\n  - title: Words\n    bullets: [Tickets cost $5 and $10]\n"
        "    notes: Nothing $ here\n", encoding="utf-8")
    deck = load_deck(tmp_path / "plain.yaml")
    html = render_html(lay_out(deck, theme_for(deck)))
    assert "<math" not in html
    assert "@font-face" not in html


@pytest.mark.slow  # cuts the font (a third of a second)
def test_the_calculus_deck_embeds_one_subset_with_every_character_of_its_formulas(
        calculus_html):
    [face] = FACE.findall(calculus_html)
    font = _font(base64.b64decode(face))
    chars = mathfont.math_characters(calculus_html)
    assert "𝑥" in chars and "∫" in chars and "√" in chars  # italics and the roots' radical
    assert "θ" in chars  # a formula only in the speaker notes
    cmap = font.getBestCmap()
    assert [c for c in chars if ord(c) not in cmap] == []
    # and only the few more that the closure reaches (the mirrored forms of < { ∈ ≤)
    assert sorted(chr(c) for c in cmap if chr(c) not in chars) == [">", "}", "∋", "≤"]
    assert "MATH" in font


@pytest.mark.slow  # cuts the font (a third of a second)
def test_the_subset_keeps_the_variants_and_parts_of_stretchy_fences_and_radicals(
        calculus_html):
    subset = _font(base64.b64decode(FACE.findall(calculus_html)[0]))
    full = _font(formula.math_font_file().read_bytes())

    def constructions(font: TTFont) -> dict[str, tuple[int, int]]:
        variants = font["MATH"].table.MathVariants
        cmap, covered = font.getBestCmap(), variants.VertGlyphCoverage.glyphs
        found = {}
        for char in FENCES:
            construction = variants.VertGlyphConstruction[covered.index(cmap[ord(char)])]
            parts = construction.GlyphAssembly.PartRecords if construction.GlyphAssembly else []
            found[char] = (construction.VariantCount, len(parts))
        return found

    assert constructions(subset) == constructions(full)
    assert constructions(subset)["("] == (13, 3)  # seven sizes… and top, extender, bottom
    glyphs = set(subset.getGlyphOrder())
    variants = subset["MATH"].table.MathVariants
    for construction in variants.VertGlyphConstruction:
        assert {r.VariantGlyph for r in construction.MathGlyphVariantRecord} <= glyphs
        if construction.GlyphAssembly:
            assert {p.glyph for p in construction.GlyphAssembly.PartRecords} <= glyphs


@pytest.mark.slow  # cuts the font (a third of a second)
def test_the_embedded_font_adds_little_to_the_calculus_deck(calculus_html):
    [whole] = [m.group() for m in FACE.finditer(calculus_html)]
    assert len(whole) < 40_000  # 35.5 kB on a 133 kB deck (docs/math.md)
    assert len(calculus_html) - len(whole) < 100_000


def test_a_subset_is_kept_in_the_cache_and_read_back_without_fonttools(monkeypatch, tmp_path):
    monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path))
    mathfont.subset.cache_clear()
    first = mathfont.subset("x+1")
    assert first.startswith(b"wOFF")
    [kept] = (tmp_path).rglob("*.woff")
    assert kept.read_bytes() == first
    mathfont.subset.cache_clear()

    def no_cutting(*_args):
        raise AssertionError("cut again")

    monkeypatch.setattr(mathfont, "_cut", no_cutting)
    assert mathfont.subset("x+1") == first
    kept.write_bytes(b"not a font")  # a damaged file is not taken: cut again
    mathfont.subset.cache_clear()
    with pytest.raises(AssertionError, match="cut again"):
        mathfont.subset("x+1")
    mathfont.subset.cache_clear()


def test_the_same_characters_always_give_the_same_subset_dated_as_the_font():
    whole = TTFont(formula.math_font_file(), lazy=True)
    cut = _font(mathfont._cut(formula.math_font_file(), "x+1"))
    assert cut["head"].modified == whole["head"].modified  # not the moment it was cut
    assert mathfont._cut(formula.math_font_file(), "x+1") == mathfont._cut(
        formula.math_font_file(), "x+1")


@pytest.mark.slow  # two decks built in a fresh interpreter
def test_the_subsetter_is_imported_only_for_a_deck_with_formulas():
    import os
    import subprocess
    import sys

    script = ("import sys\nfrom pathlib import Path\n"
              "from generator.html.render import render_html\n"
              "from generator.layout.engine import lay_out\n"
              "from generator.source.reader import load_deck\n"
              "from generator.themes.theme import theme_for\n"
              "for name in sys.argv[1:]:\n"
              "    deck = load_deck(Path(name))\n"
              "    render_html(lay_out(deck, theme_for(deck)))\n"
              "    print('fontTools.subset' in sys.modules)\n")
    decks = Path(__file__).resolve().parent / "decks"
    out = subprocess.run([sys.executable, "-c", script, str(decks / "blocks.yaml"),
                          str(CALCULUS)], capture_output=True, text=True, check=True,
                         env={**os.environ, "DECK_CACHE_DIR": "off"})
    assert out.stdout == "False\nTrue\n"


def test_how_much_further_a_browser_sets_a_fraction_comes_from_the_math_font():
    from ziamath import zmath

    consts = zmath.loadedfonts["default"].math.consts
    descent = -_font(formula.math_font_file().read_bytes())["hhea"].descent
    assert consts.fractionDenominatorShiftDown == consts.fractionNumeratorShiftUp
    scale = consts.scriptPercentScaleDown / 100
    shift = (1 - scale) * consts.fractionNumeratorShiftUp / 1000
    assert formula.FRACTION_REACH == pytest.approx((shift, shift + scale * descent / 1000))
    assert formula.browser_reach_em(r"x^2 + \frac{1}{2}") == formula.FRACTION_REACH
    assert formula.browser_reach_em(r"x^2 + 1/2") == (0.0, 0.0)
