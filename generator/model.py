"""The validated deck model: plain immutable data, the only thing renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Union


@dataclass(frozen=True)
class Mark:
    """Where a value starts in its source file (1-based line and column)."""

    path: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Bullet:
    """One bullet point, with optional sub-bullets one level deeper."""

    text: str
    children: tuple[Bullet, ...] = ()
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Paragraph:
    """A plain paragraph of text (no bullet marker)."""

    text: str
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class BulletList:
    """A list of bullets, possibly nested."""

    items: tuple[Bullet, ...]
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Equation:
    """A displayed formula (LaTeX), centred on its own line, with an optional label like (1)."""

    tex: str
    label: str | None = None
    mark: Mark | None = field(default=None, compare=False)


Block = Union[Paragraph, BulletList, Equation]


@dataclass(frozen=True)
class Column:
    """One column of a two- or three-column slide."""

    heading: str | None
    blocks: tuple[Block, ...]
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Image:
    """A picture on a slide; ``path`` is absolute, ``alt`` is required."""

    path: Path
    alt: str
    caption: str | None = None
    mark: Mark | None = field(default=None, compare=False)
    decorative: bool = False  # pure ornament: alt="" in HTML, adec:decorative in PPTX


SLIDE_LAYOUTS = ("content", "section")
REVEAL_MODES = ("none", "bullets", "all", "blocks")  # source 'reveal:' false, true, all, blocks


@dataclass(frozen=True)
class Slide:
    """One slide as the lecturer wrote it (before any splitting for fit)."""

    number: int
    title: str
    layout: str = "content"
    subtitle: str | None = None
    blocks: tuple[Block, ...] = ()
    columns: tuple[Column, ...] = ()
    image: Image | None = None
    notes: str = ""
    reveal: str = "none"  # one of REVEAL_MODES: what appears one click at a time
    dim: bool = False  # earlier revealed items are dimmed when the next one appears
    mark: Mark | None = field(default=None, compare=False)
    hidden: bool = False  # a hidden slide in PPTX; left out of the HTML
    template_layout: str | None = None  # the template's layout by name (``layout: "Name"``)
    duration: float | None = None  # a section slide's minutes, for the presenter's pace

    @property
    def kind(self) -> str:
        """The slide kind a renderer needs: ``section``, ``columns``, ``image`` or ``content``."""
        if self.layout == "section":
            return "section"
        if self.columns:
            return "columns"
        if self.image is not None:
            return "image"
        return "content"


# Languages written right to left (BCP 47 primary subtags).
RTL_LANGUAGES = ("ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb")
ASPECTS = ("16:9", "4:3")
DIRECTIONS = ("ltr", "rtl")


@dataclass(frozen=True)
class Deck:
    """A whole lecture: metadata plus its slides in order."""

    path: Path
    title: str
    slides: tuple[Slide, ...]
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    language: str = "en"
    theme: str | None = None
    style: Mapping[str, Any] = field(default_factory=dict, compare=False)
    footer: str | None = None
    slide_numbers: bool = True
    aspect: str = "16:9"
    template: Path | None = None
    template_master: str | None = None  # the template's master to use: its number or name
    spelling: tuple[str, ...] = ()
    duration: float | None = None  # minutes the lecture should take (the presenter's timer)
    direction: str | None = None  # "ltr" or "rtl"; None: as the language is written
    notices: tuple[Any, ...] = field(default=(), compare=False)  # warnings (errors.Problem)
    mark: Mark | None = field(default=None, compare=False)
    key_marks: Mapping[str, Mark] = field(default_factory=dict, compare=False)  # top-level keys

    @property
    def name(self) -> str:
        """The output base name: the source file name without its extension."""
        return self.path.stem

    @property
    def rtl(self) -> bool:
        """Whether the deck's text runs right to left (``direction``, else its language)."""
        if self.direction is not None:
            return self.direction == "rtl"
        return self.language.split("-")[0].lower() in RTL_LANGUAGES


def iter_bullets(items: tuple[Bullet, ...], level: int = 0):
    """Yield ``(level, bullet)`` for every bullet in document order, depth first."""
    for item in items:
        yield level, item
        yield from iter_bullets(item.children, level + 1)


def slide_texts(slide: Slide) -> list[str]:
    """Every piece of visible text on a slide, in reading order (used by tests and lint)."""
    out = [slide.title]
    if slide.subtitle:
        out.append(slide.subtitle)

    def blocks(bs: tuple[Block, ...]) -> None:
        for b in bs:
            if isinstance(b, Paragraph):
                out.append(b.text)
            elif isinstance(b, Equation):
                out.append(f"${b.tex}$")
            else:
                out.extend(bullet.text for _, bullet in iter_bullets(b.items))

    blocks(slide.blocks)
    for col in slide.columns:
        if col.heading:
            out.append(col.heading)
        blocks(col.blocks)
    if slide.image is not None and slide.image.caption:
        out.append(slide.image.caption)
    return out
