"""Timelines as a kind of block: dates on an axis with their labels under them (at most
:data:`ACROSS` a page), or down the slide when the labels are long; split between events."""

from __future__ import annotations

from functools import lru_cache

from generator.layout.measure import INSET_X, INSET_Y, WIDTH_SAFETY, Measure
from generator.layout.page import Box, Frame, Para, TextFrame, TimelineFrame
from generator.layout.segment import Atom, Context, Kind
from generator.source.model import Block, Event, Timeline

ACROSS = 5  # at most this many events side by side on one page of a horizontal timeline
LABEL_LINES = 4  # a label needing more lines than this (in its column) makes the timeline vertical
MARKER = 12.0  # a marker's diameter, points
AXIS = 3.0  # the axis line's thickness, points
SPACE = 8.0  # between dates, axis and labels (and between the rows of a vertical timeline)
DATE_SPACE = 4.0  # between a date and the axis it stands on (across the slide)


def _frame(m: Measure, text: str, size: float, box: Box, font: str, role: str,
           color: str, align: str = "l") -> TextFrame:
    para = Para(text, 0, False, size)
    return TextFrame(box, (para,), size, font, m.frame_height((para,), box.w, font), role=role,
                     color=color, align=align)


def _chunks(count: int) -> list[tuple[int, int]]:
    """``count`` events shared evenly between as few pages as hold :data:`ACROSS` each."""
    pages = -(-count // ACROSS)
    chunks, start = [], 0
    for page in range(pages):
        n = (count - start) // (pages - page)
        chunks.append((start, start + n))
        start += n
    return chunks


def _labels_fit(m: Measure, events: tuple[Event, ...], size: float, width: float) -> bool:
    column = width / len(events)
    return all(m.lines(e.text, size, column - 2 * INSET_X) <= LABEL_LINES for e in events)


@lru_cache(maxsize=256)
def _across_at(m: Measure, timeline: Timeline, sizes: tuple[float, ...], width: float) -> bool:
    """Whether the timeline runs across the slide: at some size every page's labels fit
    :data:`LABEL_LINES` lines in their columns."""
    events = timeline.events
    return any(all(_labels_fit(m, events[a:b], s, width) for a, b in _chunks(len(events)))
               for s in sizes)


class TimelineKind(Kind):
    """A timeline; its atoms are its events."""

    name = "timeline"

    def atoms(self, ctx: Context, block: Block, index: int) -> list[Atom]:
        return [Atom("timeline", index, i, i + 1) for i in range(len(block.events))]

    def across(self, ctx: Context, timeline: Timeline, width: float) -> bool:
        return _across_at(ctx.m, timeline, tuple(ctx.fit.candidates()), width)

    def height(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
               width: float, room: float) -> float | None:
        timeline = blocks[atoms[0].block]
        events = timeline.events[atoms[0].start:atoms[-1].end]
        m = ctx.m
        if self.across(ctx, timeline, width):
            if len(events) > ACROSS or not _labels_fit(m, events, size, width):
                return None
            column = width / len(events)
            date_h = max(m.frame_height((Para(e.date, 0, False, size),), column, "heading")
                         for e in events)
            label_h = max(m.frame_height((Para(e.text, 0, False, size),), column)
                          for e in events)
            return date_h + DATE_SPACE + MARKER + SPACE + label_h
        _, _, rows = self._rows(m, timeline, size, width)
        return sum(rows[atoms[0].start:atoms[-1].end]) - SPACE

    def _rows(self, m: Measure, timeline: Timeline, size: float, width: float
              ) -> tuple[float, float, list[float]]:
        """A vertical timeline's date column width, where its labels start, and each event's
        row height (``SPACE`` below it included)."""
        events = timeline.events
        date_w = min(width * 0.3, max(m.text_em(m.faces[("heading", False, False)], e.date)
                                      for e in events) * size * WIDTH_SAFETY + 2 * INSET_X + 1)
        label_x = date_w + SPACE * 2 + MARKER
        rows = []
        for e in events:
            d = m.frame_height((Para(e.date, 0, False, size),), date_w, "heading")
            t = m.frame_height((Para(e.text, 0, False, size),), width - label_x)
            rows.append(max(d, t) + SPACE)
        return date_w, label_x, rows

    def place(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
              box: Box) -> list[Frame]:
        timeline = blocks[atoms[0].block]
        start, end = atoms[0].start, atoms[-1].end
        if self.across(ctx, timeline, box.w):
            return [self._across(ctx, timeline.events, start, end, size, box)]
        return [self._down(ctx, timeline, start, end, size, box)]

    def _across(self, ctx: Context, events, start: int, end: int, size: float,
                box: Box) -> TimelineFrame:
        m = ctx.m
        width = box.w / (end - start)
        shown = events[start:end]
        date_h = max(m.frame_height((Para(e.date, 0, False, size),), width, "heading")
                     for e in shown)
        axis_y = box.y + date_h + DATE_SPACE + MARKER / 2
        top = axis_y + MARKER / 2 + SPACE
        room = max(box.bottom - top, 0.0)
        dates, labels, markers = [], [], []
        for i, event in enumerate(shown):
            # right to left: the first event on the right, its marker where its date starts
            x = box.right - (i + 1) * width if ctx.rtl else box.x + i * width
            labels.append(_frame(m, event.text, size, Box(x, top, width, room), "body", "label",
                                 "text"))
            dates.append(_frame(m, event.date, size, Box(x, box.y, width, date_h), "heading",
                                "date", "accent"))
            marker_x = x + width - INSET_X - MARKER if ctx.rtl else x + INSET_X
            markers.append(Box(marker_x, axis_y - MARKER / 2, MARKER, MARKER))
        axis = Box(box.x, axis_y - AXIS / 2, box.w, AXIS)
        return TimelineFrame(axis, tuple(markers), tuple(dates), tuple(labels), False, start)

    def _down(self, ctx: Context, timeline: Timeline, start: int, end: int, size: float,
              box: Box) -> TimelineFrame:
        m = ctx.m
        date_w, label_x, rows = self._rows(m, timeline, size, box.w)
        # right to left, mirrored: the dates on the right, the labels left of the axis
        date_x = box.right - date_w if ctx.rtl else box.x
        label_box_x = box.x if ctx.rtl else box.x + label_x
        axis_x = (box.right - date_w - SPACE - MARKER / 2 if ctx.rtl
                  else box.x + date_w + SPACE + MARKER / 2)
        y = box.y
        dates, labels, markers = [], [], []
        for event, h in zip(timeline.events[start:end], rows[start:end]):
            # a date set against the axis (left to right: aligned right; right to left, the
            # start of its line is the axis side already)
            dates.append(_frame(m, event.date, size, Box(date_x, y, date_w, h - SPACE),
                                "heading", "date", "accent", "l" if ctx.rtl else "r"))
            labels.append(_frame(m, event.text, size, Box(label_box_x, y,
                                                          box.w - label_x, h - SPACE),
                                 "body", "label", "text"))
            middle = y + INSET_Y + m.line_height(size) / 2
            markers.append(Box(axis_x - MARKER / 2, middle - MARKER / 2, MARKER, MARKER))
            y += h
        axis = Box(axis_x - AXIS / 2, box.y, AXIS, y - SPACE - box.y)
        return TimelineFrame(axis, tuple(markers), tuple(dates), tuple(labels), True, start)

    def check(self, ctx: Context, blocks: list[Block], atom: Atom, width: float,
              room: float) -> None:
        timeline = blocks[atom.block]
        if self.across(ctx, timeline, width):
            return
        _, _, rows = self._rows(ctx.m, timeline, ctx.fit.minimum, width)
        if rows[atom.start] - SPACE > room:
            event = timeline.events[atom.start]
            raise ctx.error(event.mark, f"the timeline event {event.date!r} is too long for a "
                            f"slide even at {ctx.fit.minimum:g} pt; shorten its text")
