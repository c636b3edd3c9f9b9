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
