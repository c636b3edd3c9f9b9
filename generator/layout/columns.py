"""Lay out a columns slide: a lead over two or three columns, split in parallel across pages."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.layout.engine import (
    HEIGHT_SAFETY,
    LAST_RESORT_SIZE,
    MIN_TITLE_SIZE,
    Box,
    ColumnFrame,
    Page,
    Para,
    Step,
    TextFrame,
    _Item,
    _items,
)
from generator.source.model import Slide

if TYPE_CHECKING:
    from generator.layout.engine import DeckLayouter

log = logging.getLogger("generator")


def columns_pages(lay: DeckLayouter, slide: Slide) -> list[Page]:
    """Lead text above two or three columns; split in parallel when they do not fit.

    A lead so long that it would leave the columns less than a third of the body gets
    pages of its own before the columns.
    """
    columns = _Columns(lay, slide)
    return columns.on_one_page() or columns.split()


class _Columns:
    """One columns slide being laid out by ``lay`` (its body box, gaps, fitter and pieces)."""

    def __init__(self, lay: DeckLayouter, slide: Slide) -> None:
        self.lay, self.slide = lay, slide
        self.spans = column_spans(lay, len(slide.columns))
        self.col_w = min(w for _, w in self.spans)  # fitted in the narrowest: every column fits
        self.lead_items = [replace(i, lead=True) for i in _items(slide.blocks)]
        self.col_items = [_items(c.blocks) for c in slide.columns]
        self.head_size, self.head_h = column_headings(lay, [c.heading for c in slide.columns],
                                                      self.col_w)
        self.dense = lay.dense_geometry(slide)  # the compact title band, where it can be had

    def column_box(self, size: float, lead: list[_Item]) -> Box:
        """The box every column is fitted in, under the ``lead`` at ``size`` and the headings
        (in the layouter's current body box)."""
        lay, body = self.lay, self.lay.body_box
        lead_h = lay.fit.height(lead, size, body.w) / HEIGHT_SAFETY if lead else 0.0
        top = body.y + (lead_h + lay.inner_gap * 0.5 if lead else 0.0) + self.head_h
        return Box(0, top, self.col_w, body.y + body.h - top)

    def fits_one_page(self, step: Step) -> bool:
        """Whether every column fits under the whole lead at ``step``."""
        col_box = self.column_box(step, self.lead_items)
        return col_box.h > 0 and all(self.lay.fit.fits(items, step, col_box)
                                     for items in self.col_items)

    def on_one_page(self) -> list[Page] | None:
        """Everything on one page at the largest size that fits, trying each size also in a
        dense comparison's compact title band with the smallest gaps; ``None`` if none fits."""
        lay = self.lay
        whole = [[i] for i in self.col_items]
        dense = self.dense
        for size in lay.fit.scale(lay.fit.body):
            for step in lay.fit.steps(size):
                if self.fits_one_page(step):
                    return self.pages([], self.lead_items, whole, step, self.spans)
            if dense is not None:  # a compact title band and the smallest gaps
                step = lay.fit.steps(size)[-1]
                with lay.geometry(*dense, lay.gap_min):
                    if self.fits_one_page(step):
                        return self.pages([], self.lead_items, whole, step,
                                          column_spans(lay, len(self.slide.columns)))
        return None

    def split(self) -> list[Page]:
        """The columns split in parallel over the fewest pages, at the largest size that keeps
        that number; a lead that would leave them under a third of the body goes first, on
        pages of its own."""
        lay, body = self.lay, self.lay.body_box
        fit = lay.fit
        lead_items = self.lead_items
        lead_pages: list[list[_Item]] = []
        lead_size = fit.minimum
        if lead_items and self.column_box(fit.minimum, lead_items).h < body.h / 3:
            lead_size, lead_pages = fit.split(lead_items, body)
            lead_items = []
        col_box = self.column_box(fit.minimum, lead_items)
        atoms = [fit.atomise(items, col_box) for items in self.col_items]
        fewest = max(len(fit.pack(items, fit.minimum, col_box)) for items in atoms)
        size = fit.minimum
        per_column = [fit.pack(items, size, col_box) for items in atoms]
        for candidate in fit.candidates():
            box = self.column_box(candidate, lead_items)
            if box.h <= 0:
                continue
            tries = [fit.balance(items, candidate, box, fewest) if items else [[]]
                     for items in atoms]
            if all(t is not None and len(t) <= fewest for t in tries):
                size, per_column = candidate, tries
                break
        lead_frames = [lay.frame(chunk, lead_size, body) for chunk in lead_pages]
        return self.pages(lead_frames, lead_items, per_column, size, self.spans)

    def pages(self, lead_frames: list[TextFrame], lead_items: list[_Item],
              per_column: list[list[list[_Item]]], size: float,
              spans: list[tuple[float, float]]) -> list[Page]:
        """The lead's own pages, then a page per chunk of the columns, the lead (if it was
        fitted with them) repeated above the columns on every page."""
        lay, slide, head_size, head_h = self.lay, self.slide, self.head_size, self.head_h
        body = lay.body_box
        parts = len(lead_frames) + max(len(p) for p in per_column)
        pages = [Page("content", 0, lay.slide_title(slide, i, parts), slide, body=frame,
                      part=i, parts=parts, notes=slide.notes if i == 1 else "",
                      marker=lay.marker(i, parts), dense=self.dense is not None)
                 for i, frame in enumerate(lead_frames, start=1)]
        lead_h = lay.fit.height(lead_items, size, body.w) / HEIGHT_SAFETY if lead_items else 0
        for index in range(max(len(p) for p in per_column)):
            part = len(lead_frames) + index + 1
            lead = None
            top = body.y + head_h
            if lead_items:  # repeated above the columns on every page (they were fitted so)
                lead = lay.frame(lead_items, size, Box(body.x, body.y, body.w, lead_h))
                top += lead_h + lay.inner_gap * 0.5
            frames = []
            for i, column in enumerate(slide.columns):
                x, col_w = spans[i]
                chunk = per_column[i][index] if index < len(per_column[i]) else []
                heading = None
                if column.heading and (chunk or index == 0):  # no heading with nothing under it
                    para = Para(column.heading, 0, False, head_size)
                    heading = TextFrame(Box(x, top - head_h, col_w, head_h), (para,), head_size,
                                        "heading", head_h, lay.bold("heading"))
                frames.append(ColumnFrame(heading, lay.frame(
                    chunk, size, Box(x, top, col_w, body.y + body.h - top))))
            pages.append(Page("columns", 0, lay.slide_title(slide, part, parts), slide,
                              lead=lead, columns=tuple(frames), part=part, parts=parts,
                              notes=slide.notes if part == 1 else "",
                              marker=lay.marker(part, parts), dense=self.dense is not None))
        return pages


def column_spans(lay: DeckLayouter, n: int) -> list[tuple[float, float]]:
    """Each column's ``(x, width)``: the template's column placeholders where its columns
    layout has one per column inside the body, else equal shares of the body."""
    body = lay.body_box
    if lay.design is not None:
        found = lay.design.columns("columns3" if n >= 3 else "columns2")
        if len(found) == n and all(body.x - 1 <= x and x + w <= body.right + 1
                                   for x, w in found):
            return list(found)
    col_w = (body.w - lay.inner_gap * (n - 1)) / n
    return [(body.x + i * (col_w + lay.inner_gap), col_w) for i in range(n)]


def column_headings(lay: DeckLayouter, headings: list[str | None], width: float
                    ) -> tuple[float, float]:
    """One size for all column headings, shrunk until each fits a quarter of the body."""
    texts = [h for h in headings if h]
    if not texts:
        return 0.0, 0.0
    limit = lay.body_box.h / 4
    size = float(lay.theme.sizes["column_heading"])
    while True:
        height = max(lay.single_height(Para(t, 0, False, size), width, "heading",
                                       lay.bold("heading"))
                     for t in texts)
        if height <= limit or size <= LAST_RESORT_SIZE:
            break
        size -= 1
    if size < MIN_TITLE_SIZE:
        log.warning("column headings %s needed %g pt to fit (below the %g pt floor); "
                    "consider shortening them", texts, size, MIN_TITLE_SIZE)
    return size, height
