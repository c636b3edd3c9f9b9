"""The blocks test deck (docs/blocks.md) in Debian's Chromium: every block drawn, none
overflowing, at three window sizes."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import laid_out_html, open_deck, show_slide
from test_browser import FITTED_FRAMES, OVERFLOWING_FRAMES, VIEWPORTS

from generator.layout.page import DeckLayout

BLOCKS = Path(__file__).resolve().parent / "decks" / "blocks.yaml"

# Each table of the current slide: whether its rows grew past the heights the layout gave them
# (a cell's text needed more room than measured), and its header cells.
TABLES = """() => [...document.querySelectorAll('.slide.is-current .frame--table')].map(f => {
  const t = f.querySelector('table');
  const rows = [...t.rows].map(r => [r.getBoundingClientRect().height,
                                     parseFloat(r.style.height)]);
  const scale = f.getBoundingClientRect().height / f.offsetHeight;
  return {grown: rows.filter(([px, pt]) => px > pt * 4 / 3 * scale + 1).length,
          fits: t.getBoundingClientRect().bottom <= f.getBoundingClientRect().bottom + 1,
          th: [...t.querySelectorAll('th[scope=col]')].length};
})"""


@pytest.fixture(scope="module")
def blocks_html(tmp_path_factory) -> tuple[DeckLayout, str]:
    """The blocks deck's layout and the address of its HTML file."""
    return laid_out_html(BLOCKS, tmp_path_factory.mktemp("html"))


@pytest.mark.parametrize("width,height", VIEWPORTS)
def test_every_block_is_drawn_inside_its_box(browser_context, blocks_html, artifacts_dir,
                                             width, height):
    layout, url = blocks_html
    page = open_deck(browser_context, url, width, height)
    problems, fitted, tables = [], [], 0
    for number in range(1, len(layout.pages) + 1):
        show_slide(page, number)
        for table in page.evaluate(TABLES):
            tables += 1
            expected = len(layout.pages[number - 1].table.header)
            if table != {"grown": 0, "fits": True, "th": expected}:
                problems.append(f"slide {number}: table {table}")
        problems += [f"slide {number}: {f}" for f in page.evaluate(OVERFLOWING_FRAMES)]
        fitted += [f"slide {number}: {f}" for f in page.evaluate(FITTED_FRAMES)]
        if width == 1280:
            page.screenshot(path=str(artifacts_dir / f"html-blocks-{number:02d}.png"),
                            animations="disabled")
    assert tables == sum(1 for p in layout.pages if p.table is not None) == 9
    assert problems == []
    assert fitted == []
