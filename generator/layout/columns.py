"""Columns: a lead (the slide's own body) over two or three columns of any blocks, each column
as wide as its share, split in parallel so that every page keeps every column with content."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from generator.layout.flow import Flow, Page
from generator.layout.measure import HEIGHT_SAFETY
from generator.layout.page import Box, Frame, Para, TextFrame
from generator.layout.reveal import frame_steps, whole_step
from generator.layout.segment import Context
from generator.source.model import Slide

log = logging.getLogger("generator")

LAST_RESORT_SIZE = 8.0
MIN_TITLE_SIZE = 16.0
LEAD_SHARE = 1 / 3  # a lead leaving the columns less than this share of the body goes first


@dataclass
class Headings:
    """The columns' headings: one size for all, and the height they take."""

    texts: list[str | None]
    size: float
    height: float
    bold: bool


class Columns:
    """One slide's lead and columns in ``body``, with the column spans ``spans``."""

    def __init__(self, ctx: Context, slide: Slide, body: Box,
                 spans: list[tuple[float, float]], headings: Headings) -> None:
        self.ctx, self.slide, self.body = ctx, slide, body
        self.spans = spans
        self.headings = headings
        self.lead = Flow(ctx, slide.blocks, body.w, lead=True)
        self.flows = [Flow(ctx, c.blocks, w) for c, (_, w) in zip(slide.columns, spans)]
        self.inner_gap = ctx.gap

    def lead_height(self, atoms: Page, size: float) -> float | None:
        if not atoms:
            return 0.0
        h = self.lead.height(atoms, size, self.body.h)
        return None if h is None else h / HEIGHT_SAFETY + self.inner_gap * 0.5

    def column_box(self, i: int, size: float, lead: Page) -> Box | None:
        """The box column ``i`` is fitted in under the ``lead`` at ``size`` and the headings."""
        lead_h = self.lead_height(lead, size)
        if lead_h is None:
            return None
        x, w = self.spans[i]
        top = self.body.y + lead_h + (self.headings.height if self.headings.texts[i] else 0.0)
        return Box(x, top, w, self.body.bottom - top) if top < self.body.bottom else None

    def fits(self, size: float, lead: Page, chunks: list[Page]) -> bool:
        """Whether the ``lead`` and each column's ``chunk`` fit one page at ``size``."""
        for i, (flow, chunk) in enumerate(zip(self.flows, chunks)):
            box = self.column_box(i, size, lead)
            if box is None or (chunk and not flow.fits(chunk, size, box)):
                return False
        return lead == [] or self.lead_height(lead, size) is not None

    def best_size(self, lead: Page, chunks: list[Page]) -> float | None:
        for size in self.ctx.fit.candidates():
            if self.fits(size, lead, chunks):
                return size
        return None

    def pages(self) -> list[tuple[float, list[Frame], int]]:
        """The slide's pages: everything on one at the largest size that fits; else the lead's
        own pages if it would crowd the columns out, then the columns split in parallel over
        the fewest pages the split floor needs (see ``Fitter.split_floor``), all at the
        largest size that fits every one of them."""
        lead = list(self.lead.atoms)
        whole = [list(f.atoms) for f in self.flows]
        size = self.best_size(lead, whole)
        if size is not None:
            return [(size, *self.frames(size, lead, whole, first=True))]
        fit = self.ctx.fit
        out: list[tuple[float, list[Frame], int]] = []
        box = self.column_box(0, fit.minimum, lead)
        if lead and (box is None or box.h < self.body.h * LEAD_SHARE):
            for s, atoms in self.lead.paginate(self.body):
                self.ctx.clicks.count = 0
                out.append((s, self.lead.place(atoms, s, self.body), self.ctx.clicks.count))
            lead = []
        atoms = []
        for i, flow in enumerate(self.flows):
            box = self.column_box(i, fit.minimum, lead) or self.body
            atoms.append(flow.atomised(box))
        per_column = None
        def count(size: float) -> int:
            return max(len(flow.pack(a, size, self.column_box(i, size, lead) or self.body))
                       for i, (flow, a) in enumerate(zip(self.flows, atoms)))
        for pages, sizes in fit.split_passes(count):
            per_column = self.split(atoms, lead, pages, sizes)
            if per_column is not None:
                break
        if per_column is None:
            per_column = [flow.pack(a, fit.minimum, self.column_box(i, fit.minimum, lead)
                                    or self.body)
                          for i, (flow, a) in enumerate(zip(self.flows, atoms))]
        pages = max(len(p) for p in per_column)
        chunks = [[p[k] if k < len(p) else [] for p in per_column] for k in range(pages)]
        size = next((s for s in fit.candidates() if all(self.fits(s, lead, c) for c in chunks)),
                    fit.minimum)  # the pages re-fitted together, at one size
        for k, page in enumerate(chunks):
            out.append((size, *self.frames(size, lead, page, first=k == 0 and not out)))
        return out

    def split(self, atoms: list[Page], lead: Page, count: int, sizes: list[float]
              ) -> list[list[Page]] | None:
        """Each column's atoms on ``count`` pages, spread so every page keeps every column
        that has parts left, at the largest of ``sizes`` that allows it; ``None`` if none
        does."""
        for size in sizes:
            tries = []
            for i, (flow, a) in enumerate(zip(self.flows, atoms)):
                box = self.column_box(i, size, lead)
                tries.append(None if box is None else spread(flow, a, size, box, count))
            if all(t is not None for t in tries):
                return tries
        return None

    def frames(self, size: float, lead: Page, chunks: list[Page], first: bool = False
               ) -> tuple[list[Frame], int]:
        """One page's frames and clicks: the lead over the columns; each column's heading
        (only over a column with something under it, but for a column that is a heading
        alone, on the ``first`` page) and its blocks; in ``blocks`` mode a heading appears
        with its column's first block."""
        clicks = self.ctx.clicks
        clicks.count = 0
        mode = clicks.mode
        out: list[Frame] = []
        body = self.body
        if lead:
            h = self.lead.height(lead, size, body.h) or 0.0
            out.extend(self.lead.place(lead, size, Box(body.x, body.y, body.w,
                                                       h / HEIGHT_SAFETY)))
        for i, (flow, chunk) in enumerate(zip(self.flows, chunks)):
            if not chunk and not (first and not flow.atoms):
                continue  # a column that has ended: no heading over nothing (a column of a
                # heading alone shows it on the first page)
            box = self.column_box(i, size, lead)
            column: list[Frame] = []
            text = self.headings.texts[i]
            if text:
                hs, hh = self.headings.size, self.headings.height
                para = Para(text, 0, False, hs)
                column.append(TextFrame(Box(box.x, box.y - hh, box.w, hh), (para,), hs,
                                        "heading", hh, self.headings.bold, anchor="b",
                                        role="heading", color="heading", column=i))
            placed = flow.place(chunk, size, box, column=i)
            earliest = min((s for f in placed for s in frame_steps(f) if s), default=0)
            if column and mode == "blocks":  # the heading appears with the column's first block
                column = whole_step(column, earliest)
            out.extend(column + placed)
        return out, clicks.count


def spread(flow: Flow, atoms: Page, size: float, box: Box, count: int) -> list[Page] | None:
    """``atoms`` on exactly ``count`` pages (or one page per atom, if fewer), the fullest
    page as empty as whole atoms allow; ``None`` if they do not fit ``count`` pages at
    ``size``. A column of a comparison so keeps something on every page of the slide."""
    pages = flow.balance(atoms, size, box, count)
    if pages is None:
        return None
    pages = [p for p in pages if p]
    while len(pages) < min(count, len(atoms)):
        i = max(range(len(pages)), key=lambda k: (len(pages[k]) > 1,
                                                  flow.height(pages[k], size, box.h) or 0))
        page = pages[i]
        if len(page) < 2:
            break
        total = flow.height(page, size, box.h) or 0.0
        cut = next((j for j in range(1, len(page))
                    if (flow.height(page[:j], size, box.h) or 0.0) >= total / 2),
                   len(page) - 1)
        pages[i:i + 1] = [page[:cut], page[cut:]]
    return pages


def column_spans(body: Box, count: int, widths: tuple[float, ...], gap: float,
                 template: list[tuple[float, float]] | None = None) -> list[tuple[float, float]]:
    """Each column's ``(x, width)``: by ``widths`` (relative), else the template's column
    placeholders where its layout has one per column inside the body, else equal shares."""
    if not widths and template is not None and len(template) == count and all(
            body.x - 1 <= x and x + w <= body.right + 1 for x, w in template):
        return list(template)
    shares = widths or (1.0,) * count
    room = body.w - gap * (count - 1)
    out, x = [], body.x
    for share in shares:
        w = room * share / sum(shares)
        out.append((x, w))
        x += w + gap
    return out


def column_headings(ctx: Context, headings: list[str | None], width: float, body: Box,
                    single_height, largest: float | None = None) -> Headings:
    """One size for all column headings (at most ``largest``: under the title), shrunk until
    each fits a quarter of the body."""
    bold = ctx.theme["weights"]["heading"] == "bold"
    texts = [h for h in headings if h]
    if not texts:
        return Headings(list(headings), 0.0, 0.0, bold)
    limit = body.h / 4
    size = min(float(ctx.theme.sizes["column_heading"]), largest or float("inf"))
    while True:
        height = max(single_height(Para(t, 0, False, size), width, "heading", bold)
                     for t in texts)
        if height <= limit or size <= LAST_RESORT_SIZE:
            break
        size -= 1
    if size < MIN_TITLE_SIZE:
        log.warning("column headings %s needed %g pt to fit (below the %g pt floor); "
                    "consider shortening them", texts, size, MIN_TITLE_SIZE)
    return Headings(list(headings), size, height, bold)
