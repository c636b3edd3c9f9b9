"""Where each displayed equation's picture goes: the PPTX draws it there for viewers without
Office Math (LibreOffice, older PowerPoint), in the room the layout measured for the equation."""

from __future__ import annotations

from dataclasses import replace

from generator.layout.measure import INSET_X, INSET_Y, Measure
from generator.layout.page import Box, Page, TextFrame
from generator.source import formula


def equations_drawn(page: Page, m: Measure) -> Page:
    """``page`` with each displayed equation's ``drawn`` box: centred in the paragraph's
    width (less room for its label on both sides) and in the height measured for it, at its
    natural size or scaled down to that width when wider."""
    if not any(isinstance(f, TextFrame) and any(p.display for p in f.paras)
               for f in page.frames):
        return page
    return replace(page, frames=tuple(_drawn(f, m) if isinstance(f, TextFrame) else f
                                      for f in page.frames))


def _drawn(frame: TextFrame, m: Measure) -> TextFrame:
    if not any(p.display for p in frame.paras):
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
                           height=rows)
        paras.append(para)
        y += height
    return replace(frame, paras=tuple(paras))
