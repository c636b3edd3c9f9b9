"""The measure protocol every kind of block follows, so that one paginator flows any blocks.

A block is cut into *atoms*, the smallest parts that may start a new page (a bullet with its
sub-bullets, a table row, a code line, a timeline event; a picture or a quote is one atom).
Consecutive atoms of one block (of consecutive text blocks, for running text) on one page
make a *segment*, which its kind measures (height for a width at a body size) and places
(frames in a box).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from generator.errors import Problem, SourceError
from generator.layout.page import Box, Frame
from generator.layout.reveal import Clicks
from generator.layout.text import Fitter, Item
from generator.source import inline
from generator.source.model import Block, Mark, Slide
from generator.themes.theme import Theme


@dataclass(frozen=True)
class Atom:
    """The smallest part of a block that may start a page: ``block`` is its block's index in
    the flow, ``start``/``end`` its range of rows, lines or events, ``item`` its text."""

    kind: str
    block: int
    start: int = 0
    end: int = 1
    item: Item | None = None

    @property
    def segment(self) -> tuple[str, int]:
        """Atoms with the same key on one page form one segment (running text is one)."""
        return (self.kind, -1 if self.kind == "text" else self.block)


@dataclass
class Context:
    """What laying out one slide's blocks needs: the fitter, the theme, the gap between
    blocks, and the slide (for located errors)."""

    fit: Fitter
    theme: Theme
    gap: float
    slide: Slide
    statement: bool = False  # text set large (a statement slide)
    alone: bool = False  # the flow is one block on its slide (a quote then sets large)
    rtl: bool = False  # the deck reads right to left (a narrow text column sits on the right)
    clicks: Clicks = field(default_factory=Clicks)  # the page's click-to-reveal steps
    rtl: bool = False  # the deck runs right to left: columns, timelines and tables mirror

    @property
    def m(self):
        return self.fit.m

    def error(self, mark: Mark | None, message: str) -> SourceError:
        """A located error about this slide, at ``mark`` (or the slide)."""
        mark = mark or self.slide.mark
        return SourceError([Problem(mark.path if mark else "", mark.line if mark else None,
                                    mark.column if mark else None, message,
                                    self.slide.number, inline.plain(self.slide.title))])

    def where(self, mark: Mark | None) -> str:
        """``file:line:col: slide N 'Title'`` for warnings."""
        mark = mark or self.slide.mark
        at = f"{mark}: " if mark else ""
        return f"{at}slide {self.slide.number} {inline.plain(self.slide.title)!r}"


class Kind:
    """How one kind of block is cut into atoms, measured and placed."""

    name: ClassVar[str] = ""
    elastic: ClassVar[bool] = False  # takes the height left over (pictures), down to a minimum

    def atoms(self, ctx: Context, block: Block, index: int) -> list[Atom]:
        return [Atom(self.name, index)]

    def height(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
               width: float, room: float) -> float | None:
        """The segment's height at body ``size`` in ``width`` (for an elastic kind: the least
        it needs; ``room``: the height of the whole box), or ``None`` if it cannot be set at
        that size in that width."""
        raise NotImplementedError

    def place(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
              box: Box) -> list[Frame]:
        """The segment's frames in ``box`` (as tall as measured, or the share of the height
        left over for an elastic kind)."""
        raise NotImplementedError

    def check(self, ctx: Context, blocks: list[Block], atom: Atom, width: float,
              room: float) -> None:
        """Raise a located ``SourceError`` when ``atom`` cannot fit a page even at the
        minimum size (a table row, a timeline event taller than a page)."""
