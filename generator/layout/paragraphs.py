"""Running text as a kind of block: paragraphs, bullet lists and displayed equations, one text
frame for consecutive text blocks; a statement slide's text set large."""

from __future__ import annotations

import math

from generator.layout.measure import HEIGHT_SAFETY, INSET_X
from generator.layout.page import Box, Frame, Para, TextFrame
from generator.layout.segment import Atom, Context, Kind
from generator.layout.text import items_of
from generator.layout.typeset import typeset
from generator.source.model import Block

STATEMENT_LINES = 3  # a statement's text is set large if it takes at most this many lines
LARGE = 1.4  # ... and only at this many times the body size or more (else it is body text)


class TextKind(Kind):
    """Paragraphs, bullets and equations; atoms are items (a bullet with its sub-bullets),
    set in a column no wider than the theme's measure (``Fitter.column``); a lead over
    columns spans the columns it introduces."""

    name = "text"

    def atoms(self, ctx: Context, block: Block, index: int) -> list[Atom]:
        return [Atom("text", index, item=item) for item in items_of([block], index)]

    def height(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
               width: float, room: float) -> float | None:
        fit = ctx.fit
        items = [a.item for a in atoms]
        big = statement_size(ctx, items, width) if ctx.statement else None
        if big is not None:
            return fit.m.frame_height(_statement_paras(ctx, items, big), width)
        width = _column(fit, items, size, width)
        paras = fit.paras(items, size)
        if fit.cuts_words(items, size, width, paras):
            return None
        return fit.height(items, size, width, paras)

    def place(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
              box: Box) -> list[Frame]:
        fit = ctx.fit
        items = [a.item for a in atoms]
        big = statement_size(ctx, items, box.w) if ctx.statement else None
        if big is not None:
            paras = tuple(typeset(fit.m, p, box.w) for p in _statement_paras(ctx, items, big))
            return [TextFrame(box, paras, float(big), "body", fit.m.frame_height(paras, box.w),
                              anchor="ctr")]
        width = _column(fit, items, size, box.w)
        x = box.right - width if ctx.rtl else box.x  # the column on the side lines start
        return [fit.frame(items, size, Box(x, box.y, width, box.h))]


def _column(fit, items, size: float, width: float) -> float:
    """The width ``items`` are set in: the measure's column, or all of ``width`` for the lead
    over a slide's columns (only a columns slide's lead is all lead)."""
    return width if all(i.lead for i in items) else fit.column(size, width)


def statement_size(ctx: Context, items, width: float) -> float | None:
    """A statement's size: the largest even size from the theme's ``sizes.statement`` down
    to :data:`LARGE` times the body size at which the text, paragraphs without bullets,
    takes at most :data:`STATEMENT_LINES` lines (``None``: it is set as body text)."""
    if not items or any(r[2] for i in items for r in i.rows) or any(
            i.equation is not None for i in items):
        return None
    top = math.floor(float(ctx.theme.sizes["statement"]) / 2) * 2
    floor = LARGE * ctx.fit.body
    m = ctx.m
    for size in range(int(top), 0, -2):
        if size < floor:
            return None
        lines = sum(m.lines(r[0], size, width - 2 * INSET_X) for i in items for r in i.rows)
        if lines <= STATEMENT_LINES:
            return float(size)
    return None


def _statement_paras(ctx: Context, items, size: float) -> tuple[Para, ...]:
    m = ctx.m
    rows = [r for i in items for r in i.rows]
    return tuple(Para(text, 0, False, size, m.after * size if k < len(rows) - 1 else 0.0)
                 for k, (text, _, _) in enumerate(rows))


def fits_box(height: float, box: Box) -> bool:
    return height <= box.h * HEIGHT_SAFETY
