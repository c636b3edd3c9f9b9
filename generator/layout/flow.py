"""Flow any blocks into pages: measure them at each step of the type scale, choose the largest
that fits, and where nothing fits, split them onto the fewest balanced pages, each re-fitted at
the largest step that fits it."""

from __future__ import annotations

import logging
from dataclasses import replace

from generator.layout.code import CodeKind
from generator.layout.diagram import DiagramKind
from generator.layout.measure import HEIGHT_SAFETY
from generator.layout.page import Box, Frame
from generator.layout.paragraphs import TextKind
from generator.layout.pictures import GalleryKind, PictureKind
from generator.layout.qr import QRKind
from generator.layout.quotes import QuoteKind
from generator.layout.segment import Atom, Context, Kind
from generator.layout.tables import TABLE_FLOOR, TableKind, column_groups, too_wide
from generator.layout.text import with_lead
from generator.layout.timelines import TimelineKind
from generator.source.model import (
    Block,
    BulletList,
    Code,
    Diagram,
    Equation,
    Gallery,
    Image,
    Paragraph,
    QRCode,
    Quote,
    Table,
    Timeline,
)

log = logging.getLogger("generator")

_TEXT = TextKind()
KINDS: dict[type, Kind] = {Paragraph: _TEXT, BulletList: _TEXT, Equation: _TEXT,
                           Table: TableKind(), Code: CodeKind(), Image: PictureKind(),
                           Gallery: GalleryKind(), Quote: QuoteKind(), Timeline: TimelineKind(),
                           Diagram: DiagramKind(), QRCode: QRKind()}
BY_NAME: dict[str, Kind] = {kind.name: kind for kind in KINDS.values()}
GAP_SHARE = 0.75  # the space between two blocks, a share of the theme's gap

Page = list[Atom]  # the atoms of one page


class Flow:
    """Blocks set one under the other in a column ``width`` wide."""

    def __init__(self, ctx: Context, blocks: tuple[Block, ...] | list[Block], width: float,
                 lead: bool = False) -> None:
        self.ctx = ctx
        self.width = width
        self.blocks: list[Block] = _narrow_enough(ctx, list(blocks), width)
        atoms = [a for i, b in enumerate(self.blocks) for a in KINDS[type(b)].atoms(ctx, b, i)]
        self.atoms = _leads(atoms, lead)
        self.gap = ctx.gap * GAP_SHARE
        self._heights: dict[tuple, float | None] = {}

    def __bool__(self) -> bool:
        return bool(self.atoms)

    # -- measuring ----------------------------------------------------------------------------
    def segments(self, atoms: Page) -> list[Page]:
        """``atoms`` grouped into segments: consecutive atoms of one block, or of running text."""
        out: list[Page] = []
        for atom in atoms:
            if out and out[-1][-1].segment == atom.segment:
                out[-1].append(atom)
            else:
                out.append([atom])
        return out

    def segment_height(self, atoms: Page, size: float, room: float) -> float | None:
        key = (tuple(atoms), float(size), getattr(size, "after", None), room)
        if key not in self._heights:
            kind = BY_NAME[atoms[0].kind]
            self._heights[key] = kind.height(self.ctx, self.blocks, atoms, size, self.width,
                                             room)
        return self._heights[key]

    def height(self, atoms: Page, size: float, room: float) -> float | None:
        """The height of ``atoms`` on one page at body ``size`` (``None``: they cannot be set
        at that size, a word or a line being too wide)."""
        total = 0.0
        segments = self.segments(atoms)
        for segment in segments:
            h = self.segment_height(segment, size, room)
            if h is None:
                return None
            total += h
        return total + self.gap * (len(segments) - 1)

    def fits(self, atoms: Page, size: float, box: Box) -> bool:
        h = self.height(atoms, size, box.h)
        return h is not None and h <= box.h * HEIGHT_SAFETY

    def best_size(self, atoms: Page, box: Box) -> float | None:
        """The largest step of the type scale (from the deck's body size) at which ``atoms``
        fit ``box``."""
        for size in self.ctx.fit.candidates():
            if self.fits(atoms, size, box):
                return size
        return None

    # -- pages --------------------------------------------------------------------------------
    def paginate(self, box: Box) -> list[tuple[float, Page]]:
        """The pages of the flow in ``box``: one at the largest size that fits; else the
        fewest pages the split floor needs (a step above the minimum, unless parts are too
        large for it or it costs more than a page extra: see ``Fitter.split_passes``),
        balanced (the fullest as empty as can be), at the largest size that keeps that many,
        then all set at the largest size at which every page fits (the balanced pages are
        re-fitted together: one size per slide)."""
        if not self.atoms:
            return [(self.ctx.fit.body, [])]
        size = self.best_size(self.atoms, box)
        if size is not None:
            return [(size, list(self.atoms))]
        atoms = self.atomised(box)
        fit = self.ctx.fit
        pages = None
        for fewest, sizes in fit.split_passes(lambda s: len(self.pack(atoms, s, box))):
            pages = next((p for p in (self.balance(atoms, s, box, fewest) for s in sizes)
                          if p is not None), None)
            if pages is not None:
                break
        if pages is None:
            pages = self.pack(atoms, fit.minimum, box)
        size = next((s for s in fit.candidates() if all(self.fits(p, s, box) for p in pages)),
                    fit.minimum)
        return [(size, page) for page in pages]

    def atomised(self, box: Box) -> Page:
        """The atoms, each text item too long for a page on its own cut into pieces that fit
        at the minimum size; an atom of another kind that cannot fit a page is an error."""
        fit, room = self.ctx.fit, box.h * HEIGHT_SAFETY
        out: Page = []
        for atom in self.atoms:
            if atom.kind == "text":  # in the column the text is set in at the minimum
                column = self.width if atom.item.lead else fit.column(fit.minimum, self.width)
                items = fit.atomise([atom.item], Box(0, 0, column, box.h))
                out.extend(replace(atom, item=item) for item in items)
            else:
                BY_NAME[atom.kind].check(self.ctx, self.blocks, atom, self.width, room)
                out.append(atom)
        return out

    def pack(self, atoms: Page, size: float, box: Box, limit: float | None = None
             ) -> list[Page]:
        """``atoms`` onto pages greedily, each no taller than ``limit`` (the box's usable
        height by default); an atom that fits nowhere gets a page of its own."""
        limit = box.h * HEIGHT_SAFETY if limit is None else limit
        pages: list[Page] = [[]]
        for atom in atoms:
            if pages[-1]:
                h = self.height(pages[-1] + [atom], size, box.h)
                if h is None or h > limit:
                    pages.append([])
            pages[-1].append(atom)
        return pages

    def balance(self, atoms: Page, size: float, box: Box, count: int) -> list[Page] | None:
        """``atoms`` on ``count`` pages (or fewer) at ``size``, of similar heights: each page
        ends where it would pass its share of the whole; failing that (parts of very
        different sizes), the fullest page as empty as whole atoms allow. ``None`` when
        ``count`` pages cannot hold them at ``size``."""
        if len(self.pack(atoms, size, box)) > count:
            return None
        heights = [self.height([a], size, box.h) or 0.0 for a in atoms]
        target = sum(heights) / count
        pages: list[Page] = [[]]
        acc = 0.0
        for atom, h in zip(atoms, heights):
            if pages[-1] and len(pages) < count and (
                    acc + h / 2 > target * len(pages) or not self.fits(pages[-1] + [atom], size,
                                                                       box)):
                pages.append([])
            pages[-1].append(atom)
            acc += h
        if all(self.fits(p, size, box) for p in pages):
            return pages
        low, high = 0.0, box.h * HEIGHT_SAFETY
        for _ in range(20):
            middle = (low + high) / 2
            if len(self.pack(atoms, size, box, middle)) <= count:
                high = middle
            else:
                low = middle
        pages = self.pack(atoms, size, box, high)
        return pages if all(self.fits(p, size, box) for p in pages) else None

    # -- placing ------------------------------------------------------------------------------
    def place(self, atoms: Page, size: float, box: Box, column: int | None = None
              ) -> list[Frame]:
        """The frames of ``atoms`` at ``size`` in ``box``, from its top: each block as tall as
        it measures (with the usual slack), pictures sharing the height left over."""
        segments = self.segments(atoms)
        heights = [self.segment_height(s, size, box.h) or 0.0 for s in segments]
        elastic = [BY_NAME[s[0].kind].elastic for s in segments]
        fixed = sum(h / HEIGHT_SAFETY for h, e in zip(heights, elastic) if not e)
        gaps = self.gap * (len(segments) - 1)
        share = max(0.0, box.h - fixed - gaps) / max(1, sum(elastic))
        frames: list[Frame] = []
        y = box.y
        for i, (segment, h, stretch) in enumerate(zip(segments, heights, elastic)):
            last = i == len(segments) - 1
            tall = share if stretch else (box.bottom - y if last and not any(elastic)
                                          else h / HEIGHT_SAFETY)
            kind = BY_NAME[segment[0].kind]
            placed = kind.place(self.ctx, self.blocks, segment, size, Box(box.x, y, box.w, tall))
            if kind is _TEXT and len(placed) == 1 and not self.ctx.statement:
                placed = [self.ctx.clicks.text(placed[0], [a.item for a in segment])]
            else:
                placed = self.ctx.clicks.whole(placed)
            frames.extend(replace(f, column=column) if hasattr(f, "column") else f
                          for f in placed)
            y += tall + self.gap
        return frames


def _leads(atoms: list[Atom], lead: bool) -> list[Atom]:
    """The atoms with the lead marked: every text item of a ``lead`` flow (a columns slide's
    text above its columns), else a paragraph opening running text that goes on in bullets."""
    if lead:
        return [replace(a, item=replace(a.item, lead=True)) if a.item is not None else a
                for a in atoms]
    run = []
    for atom in atoms:
        if atom.kind != "text":
            break
        run.append(atom.item)
    marked = with_lead(run)
    if marked and marked[0] is not run[0]:
        return [replace(atoms[0], item=marked[0])] + atoms[1:]
    return atoms


def _narrow_enough(ctx: Context, blocks: list[Block], width: float) -> list[Block]:
    """``blocks`` with each table too wide for ``width`` even at the table floor continued
    by column groups (the first column repeated), with a located warning."""
    out: list[Block] = []
    for block in blocks:
        if isinstance(block, Table) and too_wide(ctx.m, block, width):
            groups = column_groups(ctx.m, block, width)
            log.warning("%s: the table's %d columns do not fit the slide's width even at %g pt;"
                        " it continues in %d parts of fewer columns (its first column "
                        "repeated): give it fewer columns, or split it", ctx.where(block.mark),
                        len(block.header), TABLE_FLOOR, len(groups))
            out.extend(groups)
        else:
            out.append(block)
    return out
