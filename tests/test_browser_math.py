"""The calculus deck's MathML in Debian's Chromium: every formula drawn, none overflowing."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import laid_out_html, open_deck, show_slide
from test_browser import FITTED_FRAMES, OVERFLOWING_FRAMES, VIEWPORTS

from generator.layout.page import DeckLayout
from generator.source.inline import math_spans
from generator.source.model import slide_texts

CALCULUS = Path(__file__).resolve().parent / "decks" / "calculus.yaml"

# Each formula of the current slide: its size, and whether it pokes out of its text frame.
FORMULAS = """() => [...document.querySelectorAll(
    '.slide.is-current .frame math, .slide.is-current table math')].map(m => {
  const r = m.getBoundingClientRect();
  const f = (m.closest('td, th') || m.closest('.frame')).getBoundingClientRect();
  return {tex: m.getAttribute('alttext'), w: r.width, h: r.height,
          inside: r.left >= f.left - 1 && r.right <= f.right + 1 && r.top >= f.top - 1
                  && r.bottom <= f.bottom + 1};
})"""


@pytest.fixture(scope="module")
def calculus_html(tmp_path_factory) -> tuple[DeckLayout, str]:
    """The calculus deck's layout and the address of its HTML file."""
    return laid_out_html(CALCULUS, tmp_path_factory.mktemp("html"))


@pytest.mark.parametrize("width,height", VIEWPORTS)
def test_every_formula_is_drawn_inside_its_frame(browser_context, calculus_html, artifacts_dir,
                                                 width, height):
    calculus, calculus_url = calculus_html
    page = open_deck(browser_context, calculus_url, width, height)
    drawn, problems, fitted = 0, [], []
    for number in range(1, len(calculus.pages) + 1):
        show_slide(page, number)
        for f in page.evaluate(FORMULAS):
            drawn += 1
            if not (f["w"] > 0 and f["h"] > 0 and f["inside"]):
                problems.append(f"slide {number}: {f}")
        problems += [f"slide {number}: {f}" for f in page.evaluate(OVERFLOWING_FRAMES)]
        fitted += [f"slide {number}: {f}" for f in page.evaluate(FITTED_FRAMES)]
        if width == 1280:
            page.screenshot(path=str(artifacts_dir / f"html-math-{number:02d}.png"),
                            animations="disabled")
    assert drawn == sum(len(list(math_spans(text))) for slide in calculus.deck.slides
                        for text in slide_texts(slide)) == 37
    assert problems == []
    assert fitted == []  # the fitter's formula measurements were large enough for Chromium


WIDE = ("title: T\nslides:\n  - title: A wide equation\n    math: 'e^x = "
        + " + ".join(rf"\frac{{x^{{{i}}}}}{{{i}!}}" for i in range(1, 30)) + "'\n")


def test_a_displayed_equation_wider_than_its_box_is_scaled_down_inside_it(
        browser_context, tmp_path):
    (tmp_path / "wide.yaml").write_text(WIDE, encoding="utf-8")
    layout, url = laid_out_html(tmp_path / "wide.yaml", tmp_path)
    [para] = layout.pages[1].body.paras
    from generator.source import formula

    assert para.drawn.w < formula.size_em(para.text, True)[0] * para.size  # scaled down
    page = open_deck(browser_context, url, 1280, 720)
    show_slide(page, 2)
    [f] = page.evaluate(FORMULAS)
    assert f["w"] > 0 and f["inside"], f
    assert page.evaluate(OVERFLOWING_FRAMES) == []


# The fonts Chromium drew the current slide's formulas in (family, whether embedded: glyphs),
# as its debugging protocol reports them for each token of each formula.
TOKENS = ".slide.is-current math :is(mi, mo, mn, mtext)"


def _formula_fonts(page) -> dict[tuple[str, bool], int]:
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
    used: dict[tuple[str, bool], int] = {}
    for node in session.send("DOM.querySelectorAll", {"nodeId": root,
                                                      "selector": TOKENS})["nodeIds"]:
        for font in session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]:
            key = (font["familyName"], bool(font.get("isCustomFont")))
            used[key] = used.get(key, 0) + font["glyphCount"]
    session.detach()
    return used


def test_every_formula_is_drawn_in_the_embedded_math_font(browser_context, calculus_html):
    calculus, calculus_url = calculus_html
    page = open_deck(browser_context, calculus_url, 1280, 720)
    assert page.evaluate("[...document.fonts].map(f => f.family + ' ' + f.status)") == [
        "Deck Math loaded"]  # loaded under the deck's Content-Security-Policy
    used: dict[tuple[str, bool], int] = {}
    for number in range(1, len(calculus.pages) + 1):
        show_slide(page, number)
        for key, glyphs in _formula_fonts(page).items():
            used[key] = used.get(key, 0) + glyphs
    assert list(used) == [("STIX Two Math", True)]  # the embedded subset, nothing else
    assert used[("STIX Two Math", True)] > 150


# Each inline formula's drawn width in ems of its font size (the slide's scaling to the window
# taken out), with its source.
INLINE_WIDTHS = """() => [...document.querySelectorAll(
    '.slide.is-current .frame math[display=inline], .slide.is-current table math')].map(m => {
  const slide = m.closest('.slide');
  const scale = slide.getBoundingClientRect().width / slide.offsetWidth;
  return [m.getAttribute('alttext'), m.getBoundingClientRect().width / scale
                                     / parseFloat(getComputedStyle(m).fontSize)];
})"""


def test_the_browser_draws_inline_formulas_about_as_wide_as_the_layout_measured_them(
        browser_context, calculus_html):
    from statistics import median, quantiles

    from generator.source import formula

    calculus, calculus_url = calculus_html
    page = open_deck(browser_context, calculus_url, 1280, 720)
    ratios = []
    for number in range(1, len(calculus.pages) + 1):
        show_slide(page, number)
        ratios += [drawn / formula.size_em(tex)[0] for tex, drawn in page.evaluate(INLINE_WIDTHS)]
    assert len(ratios) == 30
    # ziamath and Chromium set each formula a little differently (a function's space, a
    # root's gap, an arrow's width), but in the same font: half of the formulas within 7 %,
    # and on the whole as wide (in DejaVu Math TeX Gyre, Chromium drew them 17 % wider)
    ratios.sort()
    first, _, third = quantiles(ratios, n=4)
    assert 0.9 < first and third < 1.1, ratios
    assert abs(median(ratios) - 1) < 0.03, ratios
