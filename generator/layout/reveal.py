"""Click-to-reveal: the click (1, 2, …) that shows each part of a page, set on its frames and
paragraphs while the page is laid out, so every output reveals the same parts in one order.

``bullets`` reveals each top-level bullet with its sub-bullets, ``all`` every bullet on its
own, ``blocks`` each paragraph, bullet list, equation, table, picture, … as a unit (a column
of a comparison as one). Titles and plain paragraphs (outside ``blocks``) are always shown;
every page of a split slide counts its own clicks.
"""

from __future__ import annotations

from dataclasses import replace

from generator.layout.page import Frame, Para, TextFrame, TimelineFrame
from generator.layout.text import Item

DIM_OPACITY = 0.4  # how much of a dimmed item's colour is left (deck.css uses the same)


class Clicks:
    """The click count of the page being laid out."""

    def __init__(self, mode: str = "none") -> None:
        self.mode = mode
        self.count = 0

    def next(self) -> int:
        self.count += 1
        return self.count

    def text(self, frame: TextFrame, items: list[Item]) -> TextFrame:
        """``frame`` (the paragraphs of ``items``, in order) with each paragraph's click."""
        if self.mode == "none":
            return frame
        steps: list[int] = []
        block = None
        for item in items:
            if item.equation is not None:
                rows = [(None, 0, False)]
            else:
                rows = list(item.rows)
            if self.mode == "blocks":
                if item.block != block:
                    block, current = item.block, self.next()
                steps.extend(current for _ in rows)
            elif self.mode == "all":
                steps.extend(self.next() if bullet else 0 for _, _, bullet in rows)
            else:  # bullets: a top-level bullet with its sub-bullets
                step = self.next() if rows[0][2] else 0
                steps.extend(step for _ in rows)
        paras = tuple(replace(p, step=s) for p, s in zip(frame.paras, steps))
        return replace(frame, paras=paras)

    def whole(self, frames: list[Frame]) -> list[Frame]:
        """``frames`` (one block's) shown by one click, in ``blocks`` mode."""
        if self.mode != "blocks" or not frames:
            return frames
        step = self.next()
        return [_stepped(f, step) for f in frames]


def _stepped(frame: Frame, step: int) -> Frame:
    if isinstance(frame, TextFrame):
        return replace(frame, step=step, paras=tuple(replace(p, step=0) for p in frame.paras))
    if hasattr(frame, "step"):
        return replace(frame, step=step)
    return frame


def whole_step(frames: list[Frame], step: int) -> list[Frame]:
    """``frames`` all shown by click ``step`` (a comparison's column)."""
    return [_stepped(f, step) for f in frames]


def frame_steps(frame: Frame) -> set[int]:
    """The clicks a frame's parts appear on (0: shown from the start)."""
    steps = {getattr(frame, "step", 0)}
    if isinstance(frame, TextFrame):
        steps |= {p.step for p in frame.paras}
    return steps


def para_ranges(paras: tuple[Para, ...], step: int) -> list[tuple[int, int]]:
    """The ranges ``(first, last)`` of paragraphs shown by click ``step``."""
    out: list[tuple[int, int]] = []
    for i, para in enumerate(paras):
        if para.step == step:
            if out and out[-1][1] == i - 1:
                out[-1] = (out[-1][0], i)
            else:
                out.append((i, i))
    return out


def dim_color(text: str, background: str) -> str:
    """The colour of dimmed text: ``text`` at ``DIM_OPACITY`` over ``background`` (``#RRGGBB``)."""
    def channels(value: str) -> list[int]:
        value = value.lstrip("#")
        return [int(value[i:i + 2], 16) for i in (0, 2, 4)]

    mixed = (round(t * DIM_OPACITY + b * (1 - DIM_OPACITY))
             for t, b in zip(channels(text), channels(background)))
    return "".join(f"{c:02X}" for c in mixed)


__all__ = ["Clicks", "dim_color", "frame_steps", "para_ranges", "whole_step", "TimelineFrame"]
