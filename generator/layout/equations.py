"""Where each formula's picture goes for viewers without Office Math (the PPTX's fallback)."""

from __future__ import annotations

from dataclasses import replace

from generator.layout.measure import INSET_X, INSET_Y, LINE_ASCENT, LINE_DESCENT, Measure
from generator.layout.page import (
    FORMULA_GAP,
    Box,
    DrawnCell,
    Frame,
    InlineFormula,
    Page,
    Para,
    TableFrame,
    TextFrame,
)
from generator.source import formula, inline


# LibreOffice draws a character whose baseline is dropped (``a:rPr/@baseline``, negative) at
# this share of its size, and its line then reaches the drop plus that smaller descent below
# the baseline (measured in LibreOffice 7.x and later: editeng's DFLT_ESC_PROP).
DROPPED_SIZE = 0.58


def equations_drawn(page: Page, m: Measure, rtl: bool = False) -> Page:
    """``page`` with each displayed equation's ``drawn`` box (centred in the paragraph's width,
    less room for its label on both sides, and in the height measured for it, at its natural
    size or scaled down to that width when wider) and each inline formula's picture box."""
    if not any(isinstance(f, TextFrame) and any(p.display or "$" in p.text for p in f.paras)
               or isinstance(f, TableFrame) for f in (page.title, *page.frames)):
        return page
    return replace(page, title=_drawn(page.title, m, rtl),
                   frames=tuple(_frame_drawn(f, m, rtl) for f in page.frames))


def _frame_drawn(frame: Frame, m: Measure, rtl: bool) -> Frame:
    if isinstance(frame, TextFrame):
        return _drawn(frame, m, rtl)
    if isinstance(frame, TableFrame) and frame.direction == "ltr":
        return _table_drawn(frame, m)
    return frame


def _table_drawn(frame: TableFrame, m: Measure) -> TableFrame:
    """``frame`` with the pictures of its cells' inline formulas (a left-to-right table)."""
    drawn = []
    for row, column, text, box, header in frame.cells():
        if "$" not in text:
            continue
        para = Para(text, size=frame.size)
        placed, starts = inline_drawn(para, box, box.y + INSET_Y, "body", header,
                                      _CELL_ALIGN[frame.align[column]], m)
        if placed:
            drawn.append(DrawnCell(row, column, placed, starts))
    return replace(frame, drawn=tuple(drawn)) if drawn else frame


_CELL_ALIGN = {"left": "l", "center": "ctr", "right": "r"}


def _drawn(frame: TextFrame, m: Measure, rtl: bool) -> TextFrame:
    if not any(p.display or _has_formula(p) for p in frame.paras):
        return frame
    heights = [m.para_height(p, frame.box.w, frame.font, frame.bold) for p in frame.paras]
    y = frame.box.y + INSET_Y
    if frame.anchor == "ctr":  # as the renderers place the text (see measure.frame_height)
        y += (frame.box.h - frame.height) / 2
    elif frame.anchor == "b":
        y += frame.box.h - frame.height
    paras = []
    for para, height in zip(frame.paras, heights):
        if para.display:
            label = m.faces[("body", False, False)].width(f"   {para.label}", para.size) \
                if para.label else 0.0
            left = frame.box.x + INSET_X + m.margin_left(para) + label
            room = frame.box.right - INSET_X - para.right - label - left
            w_em, h_em = formula.size_em(para.text, True)
            w, h = w_em * para.size, h_em * para.size
            scale = min(1.0, room / w) if w > 0 else 1.0
            w, h = w * scale, h * scale
            rows = height - para.after
            para = replace(para, drawn=Box(left + (room - w) / 2, y + (rows - h) / 2, w, h),
                           height=rows, top=y)
        elif _has_formula(para):
            placed, starts = ((), ()) if (para.direction or ("rtl" if rtl else "ltr")) == \
                "rtl" else inline_drawn(para, frame.box, y, frame.font, frame.bold,
                                        frame.align, m)
            if placed:
                para = replace(para, inline=placed, breaks=starts, height=height - para.after,
                               top=y)
        paras.append(para)
        y += height
    return replace(frame, paras=tuple(paras))


def _has_formula(para: Para) -> bool:
    return "$" in para.text and any(s.math for s in inline.parse(para.text))


def inline_drawn(para: Para, box: Box, top: float, font: str, bold: bool, align: str,
                 m: Measure) -> tuple[tuple[InlineFormula, ...], tuple[int, ...]]:
    """The pictures of the inline formulas of ``para`` (in a frame ``box`` in ``font``, its
    text starting at ``top``, aligned ``align``) and where its lines start (offsets in its
    text), as LibreOffice is to set the text around them: lines broken where the layout broke
    them, each formula in a gap as wide as its picture, on the line's baseline; a line that
    holds a formula reaching past it grows by as much (:func:`measure.formula_extra`): the
    gap's size raises its top, a dropped gap character lowers its bottom. Nothing for a
    paragraph whose formula is cut between lines: its formulas stay linear text."""
    usable = m.usable(para, box.w)
    trace = m.trace(para.text, para.size, usable, font, bold)
    if not trace.whole or not trace.formulas:
        return (), ()
    f = m.faces[(font, bold, False)]
    size = para.size
    count = len(trace.widths)
    above = [LINE_ASCENT * size] * count  # how far each line reaches above its baseline ...
    below = [LINE_DESCENT * size] * count  # ... and below it
    saved = [0.0] * count  # how much narrower than measured each line is so far
    placed = []
    for line, x, width, tex in trace.formulas:
        w_em, h_em, depth_em = formula.box_em(tex)
        w, h, depth = w_em * size, h_em * size, depth_em * size
        above[line] = max(above[line], h - depth)
        below[line] = max(below[line], depth)
        placed.append((line, x - saved[line], w, tex, h, depth))
        saved[line] += width - w
    baselines = _baselines(above, below, m.line * para.line, top)
    left = box.x + INSET_X + m.margin_left(para)
    out = []
    for line, x, w, tex, h, depth in placed:
        shift = 0.0
        if align in ("ctr", "r"):
            spare = usable - (trace.widths[line] - saved[line])
            shift = spare / 2 if align == "ctr" else spare
        gap_size = above[line] / LINE_ASCENT
        drop = max(0.0, below[line] / size - LINE_DESCENT * DROPPED_SIZE)
        drop = drop if below[line] > LINE_DESCENT * gap_size + 0.01 else 0.0
        spacing = w - f.width(FORMULA_GAP, gap_size) - (
            f.width(FORMULA_GAP, size * DROPPED_SIZE) if drop else 0.0)
        out.append(InlineFormula(tex, Box(left + shift + x, baselines[line] - (h - depth), w, h),
                                 gap_size, spacing, round(drop, 3)))
    return tuple(out), _starts(para.text, trace.lines)


def _starts(text: str, lines: list[str]) -> tuple[int, ...]:
    """Where each line after the first starts in ``text``'s plain text (its spans' texts, a
    formula counted by its LaTeX): the lines are pieces of it, in order."""
    plain = "".join(span.text for span in inline.parse(text))
    starts, at = [], 0
    for line in lines:
        found = plain.find(line, at) if line else at
        starts.append(max(found, at))
        at = starts[-1] + len(line)
    return tuple(starts[1:])


def _baselines(above: list[float], below: list[float], pitch: float, top: float
               ) -> list[float]:
    """The baseline of each line of a paragraph whose lines reach ``above`` and ``below``
    their baselines, as LibreOffice sets proportional spacing ``pitch`` (editeng: a line is
    its height times the pitch; a pitch over 1 adds its share above the text, one under 1
    lowers the ascent to at most 80 % of the line)."""
    out = []
    y = top
    for up, down in zip(above, below):
        height = up + down
        ascent = up + height * (pitch - 1.0) if pitch >= 1.0 else min(up, height * pitch * 0.8)
        out.append(y + ascent)
        y += height * pitch
    return out
