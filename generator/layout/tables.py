"""Tables as a kind of block: column widths from their content, rows that never break a number
or a short word, split by rows onto balanced pages with the header repeated."""

from __future__ import annotations

import logging
from dataclasses import replace
from functools import lru_cache
from typing import Mapping

from generator.layout.measure import INSET_X, INSET_Y, WIDTH_SAFETY, Measure
from generator.layout.page import Box, Frame, Para, TableFrame, TextFrame
from generator.layout.segment import Atom, Context, Kind
from generator.source.model import Block, Table

log = logging.getLogger("generator")

_SLACK = 1.0  # points added to each measured column width, so rounding never wraps a word
TABLE_FLOOR = 12.0  # a table too wide at the body size is set down to this size, no smaller
CAPTION_GAP = 4.0


class TableMeasure:
    """Column widths and row heights of one table at a given size, in one theme's fonts."""

    def __init__(self, m: Measure, table: Table) -> None:
        self.m = m
        self.table = table

    def natural(self, text: str, size: float, bold: bool) -> tuple[float, float]:
        """``(widest line, widest word)`` of ``text`` at ``size``, cell insets included."""
        line = longest = word = 0.0
        for kind, _, em, *_ in self.m.tokens(text, "body", bold):
            if kind == "n":
                line = 0.0
            else:
                line += em * size
                word = max(word, em * size) if kind == "w" else word
            longest = max(longest, line)
        pad = 2 * INSET_X + _SLACK
        return longest * WIDTH_SAFETY + pad, word * WIDTH_SAFETY + pad

    def widths(self, size: float, room: float) -> tuple[float, ...] | None:
        """Column widths filling ``room``: each column gets its narrowest width (its longest
        word, so no word or number is ever broken) and the rest is shared in proportion to
        what each needs to set its cells on one line, as browsers lay out automatic tables;
        ``None`` when the words alone are wider than ``room``."""
        t = self.table
        rows = [(t.header, True)] + [(row, False) for row in t.rows]
        natural = [0.0] * len(t.header)
        narrow = [0.0] * len(t.header)
        for row, bold in rows:
            for i, text in enumerate(row):
                n, w = self.natural(text, size, bold)
                natural[i], narrow[i] = max(natural[i], n), max(narrow[i], w)
        if sum(narrow) > room:
            return None
        spare = room - sum(narrow)
        wants = [n - w for n, w in zip(natural, narrow)]
        if sum(wants) <= spare:  # everything on one line: share the rest by natural width
            extra = room - sum(natural)
            return tuple(n + extra * n / sum(natural) for n in natural)
        return tuple(w + spare * x / sum(wants) for w, x in zip(narrow, wants))

    def height(self, text: str, size: float, width: float, bold: bool) -> float:
        """A cell's height: its wrapped lines plus the cell's insets."""
        lines = self.m.lines(text, size, width - 2 * INSET_X, "body", bold)
        return (2 * INSET_Y + lines * self.m.line_height(size, text)
                + self.m.inline_extra(text, size, lines))

    def heights(self, size: float, widths: tuple[float, ...]) -> list[float]:
        """The header row's height, then each body row's (its tallest cell)."""
        t = self.table
        out = [max(self.height(x, size, w, True) for x, w in zip(t.header, widths))]
        out.extend(max(self.height(x, size, w, False) for x, w in zip(row, widths))
                   for row in t.rows)
        return out


@lru_cache(maxsize=512)
def table_setting(m: Measure, table: Table, size: float, width: float
                  ) -> tuple[float, tuple[float, ...], tuple[float, ...]]:
    """``(cell size, column widths, row heights)`` of ``table`` in ``width`` at body ``size``:
    the cells at ``size``, or smaller (down to :data:`TABLE_FLOOR`) until no word is wider
    than its column; a table whose words are too wide even then (see :func:`too_wide`) is set
    at the floor, each column as wide as its widest word's share."""
    tm = TableMeasure(m, table)
    cell = float(size)
    while cell >= TABLE_FLOOR:
        widths = tm.widths(cell, width)
        if widths is not None:
            return cell, widths, tuple(tm.heights(cell, widths))
        cell -= 1
    widths = _squeezed(tm, TABLE_FLOOR, width)
    return TABLE_FLOOR, widths, tuple(tm.heights(TABLE_FLOOR, widths))


def too_wide(m: Measure, table: Table, width: float) -> bool:
    """Whether the words of ``table`` are wider than ``width`` side by side at the floor."""
    return TableMeasure(m, table).widths(TABLE_FLOOR, width) is None


def _squeezed(tm: TableMeasure, size: float, room: float) -> tuple[float, ...]:
    """Widths when even the longest words do not fit side by side: each column in proportion
    to its longest word."""
    narrow = [max(tm.natural(text, size, r == 0)[1] for r, text in
                  enumerate([tm.table.header[i], *(row[i] for row in tm.table.rows)]))
              for i in range(len(tm.table.header))]
    return tuple(room * w / sum(narrow) for w in narrow)


def column_groups(m: Measure, table: Table, width: float) -> list[Table]:
    """``table`` as tables of fewer columns, each as wide as ``width`` allows at the table
    floor, the first column (the rows' names) repeated in every group."""
    tm = TableMeasure(m, table)
    narrow = []
    for i in range(len(table.header)):
        cells = [(table.header[i], True)] + [(row[i], False) for row in table.rows]
        narrow.append(max(tm.natural(text, TABLE_FLOOR, bold)[1] for text, bold in cells))
    groups: list[list[int]] = []
    used = narrow[0]
    current: list[int] = []
    for i in range(1, len(narrow)):
        if current and used + narrow[i] > width:
            groups.append(current)
            current, used = [], narrow[0]
        current.append(i)
        used += narrow[i]
    groups.append(current)
    return [replace(table, header=tuple(table.header[i] for i in [0, *g]),
                    rows=tuple(tuple(row[i] for i in [0, *g]) for row in table.rows),
                    align=tuple(table.align[i] for i in [0, *g]))
            for g in groups]


HEADER_RULE = 1.5  # pt: the rule under a table's header row ...
BODY_LINE = 0.75  # ... and the light line under each body row
LINE_SHARE = 0.25  # the light line: this share of the text colour over the background


def quiet_style(colors: Mapping[str, str]) -> dict[str, object]:
    """A table's quiet style in a theme's ``colors`` (``TableFrame``'s fields): the header in
    bold in the heading colour over a rule of it, light lines between body rows (the text
    colour a quarter strong over the background), no fills, no vertical rules."""
    return {"header_color": "heading", "header_fill": None, "band_fill": None,
            "rule_color": "heading", "rule": HEADER_RULE,
            "line_color": mixed(colors["text"], colors["background"], LINE_SHARE),
            "line": BODY_LINE}


def mixed(color: str, background: str, share: float) -> str:
    """``color`` at ``share`` opacity over ``background``, as ``#RRGGBB``."""
    def channels(value: str) -> list[int]:
        value = value.lstrip("#")
        return [int(value[i:i + 2], 16) for i in (0, 2, 4)]

    return "#" + "".join(f"{round(c * share + b * (1 - share)):02X}"
                         for c, b in zip(channels(color), channels(background)))


class TableKind(Kind):
    """A table; its atoms are its body rows (the header repeats on every page)."""

    name = "table"

    def atoms(self, ctx: Context, block: Block, index: int) -> list[Atom]:
        return [Atom("table", index, r, r + 1) for r in range(len(block.rows))]

    def height(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
               width: float, room: float) -> float | None:
        table = blocks[atoms[0].block]
        _, _, heights = table_setting(ctx.m, table, size, width)
        start, end = atoms[0].start, atoms[-1].end
        return heights[0] + sum(heights[1 + start:1 + end]) + self._caption(ctx, table, width)

    def _caption(self, ctx: Context, table: Table, width: float) -> float:
        if not table.caption:
            return 0.0
        size = float(ctx.theme.sizes["caption"])
        return ctx.m.frame_height((Para(table.caption, 0, False, size),), width) + CAPTION_GAP

    def place(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
              box: Box) -> list[Frame]:
        table = blocks[atoms[0].block]
        cell, widths, heights = table_setting(ctx.m, table, size, box.w)
        start, end = atoms[0].start, atoms[-1].end
        rows_h = (heights[0], *heights[1 + start:1 + end])
        if cell < ctx.fit.minimum and start == 0:
            log.warning("%s: the table is set at %g pt (below the %g pt minimum) to fit the "
                        "slide's width; give it fewer or narrower columns", ctx.where(
                            table.mark), cell, ctx.fit.minimum)
        x = box.right - sum(widths) if ctx.rtl else box.x  # at the side its lines start
        frame = TableFrame(Box(x, box.y, sum(widths), sum(rows_h)), widths, rows_h,
                           table.header, table.rows[start:end], table.align, cell, start,
                           direction="rtl" if ctx.rtl else "ltr", **quiet_style(ctx.theme.colors))
        out: list[Frame] = [frame]
        if table.caption:
            csize = float(ctx.theme.sizes["caption"])
            para = Para(table.caption, 0, False, csize)
            h = ctx.m.frame_height((para,), box.w)
            out.append(TextFrame(Box(box.x, frame.box.bottom + CAPTION_GAP, box.w, h), (para,),
                                 csize, "body", h, role="caption", color="muted"))
        return out

    def check(self, ctx: Context, blocks: list[Block], atom: Atom, width: float,
              room: float) -> None:
        table = blocks[atom.block]
        heights = table_setting(ctx.m, table, ctx.fit.minimum, width)[2]
        h = heights[1 + atom.start]
        usable = room - heights[0] - self._caption(ctx, table, width)
        if h > usable:
            index = atom.start
            mark = (table.row_marks[index] if index < len(table.row_marks) else None) \
                or table.mark
            raise ctx.error(mark, f"table row {index + 1} is too tall for a slide even at the "
                            f"minimum size (it needs {h:.0f} pt of {usable:.0f} pt); shorten "
                            "its cells or split it into several rows")
