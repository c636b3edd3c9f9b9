"""The validated deck model: plain immutable data, the only thing renderers read."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass, replace
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar, Union


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
    credit: str | None = None  # who made the picture (in 'images:' items)
    focus: tuple[float, float] = (0.5, 0.5)  # the point (fractions across, down) kept in a crop
    decorative: bool = False  # pure ornament: alt="" in HTML, adec:decorative in PPTX


@dataclass(frozen=True)
class Table:
    """A table: a header row, body rows (every row as wide as the header), column alignments."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]  # one of TABLE_ALIGNS per column
    caption: str | None = None
    mark: Mark | None = field(default=None, compare=False)
    row_marks: tuple[Mark | None, ...] = field(default=(), compare=False)  # one per body row


TABLE_ALIGNS = ("left", "center", "right")


@dataclass(frozen=True)
class Background:
    """A slide's own background: a colour (``#RRGGBB``) or a picture (an absolute path)."""

    color: str | None = None
    image: Path | None = None
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Event:
    """One point of a timeline: a date (free text) and what happened."""

    date: str
    text: str
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Quote:
    """A quotation set large, with who said it and where (both optional)."""

    text: str
    by: str | None = None
    source: str | None = None
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Code:
    """A code listing: its lines (tabs expanded), Pygments language, first line number, whether
    line numbers show and which line numbers are highlighted."""

    text: str
    lang: str
    start: int = 1
    numbers: bool = False
    highlight: frozenset[int] = frozenset()
    origin: str = ""  # where line ``start`` is written ("file:line"), for errors naming a line
    mark: Mark | None = field(default=None, compare=False)
SLIDE_LAYOUTS = ("content", "section", "full")  # full: a full-bleed picture under the title
IMAGE_SIDES = ("left", "right")
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
    table: Table | None = None
    code: Code | None = None
    quote: Quote | None = None
    timeline: tuple[Event, ...] = ()
    source_line: str | None = None  # 'source:' — where the slide's content comes from
    background: Background | None = None
    images: tuple[Image, ...] = ()  # 'images:' — two to four pictures side by side or in a grid
    image_side: str = "right"  # where the picture goes beside text: one of IMAGE_SIDES
    footnotes: tuple[str, ...] = ()  # the notes its marks number (¹ is footnotes[0]), at its foot
    references: bool = False  # 'references: true': the reference list goes on this slide
    # values of declared keys the model has no field of its own for (see source/keys.py)
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def kind(self) -> str:
        """The slide kind a renderer needs: ``section``, ``columns``, ``image`` or ``content``."""
        if self.layout == "section":
            return "section"
        if self.layout == "full":
            return "full"
        if self.columns:
            return "columns"
        if self.image is not None:
            return "image"
        if self.table is not None:
            return "table"
        if self.code is not None:
            return "code"
        if self.quote is not None:
            return "quote"
        if self.timeline:
            return "timeline"
        if self.images:
            return "images"
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
    references: tuple[str, ...] = ()  # 'references:' — reference slides at the end
    # values of declared keys the model has no field of its own for (see source/keys.py)
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

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


T = TypeVar("T")
# Fields that hold no prose (names, choices, LaTeX, code), and fields read after the others of
# their object: a slide's speaker notes, and the deck's slides and references after its title.
_NOT_PROSE = frozenset({"path", "layout", "language", "theme", "aspect", "direction", "reveal",
                        "template_master", "template_layout", "image_side", "tex", "mark",
                        "key_marks", "style", "extra", "notices", "spelling"})
_READ_LAST = ("slides", "notes", "references")


def map_texts(value: T, change: Callable[[str], str], skip: tuple[str, ...] = ()) -> T:
    """``value`` (a deck, a slide or any part of one) with ``change`` applied to each text a
    reader sees, in reading order, except in fields named in ``skip``; code listings and
    formulas are left alone. Parts no text of which changed are returned as they were."""
    if isinstance(value, str):
        return change(value)
    if isinstance(value, tuple):
        changed = tuple(map_texts(item, change, skip) for item in value)
        return value if all(a is b for a, b in zip(changed, value)) else changed  # type: ignore
    if not is_dataclass(value) or isinstance(value, (Code, Mark, Background, type)):
        return value
    names = sorted((f.name for f in fields(value) if f.name not in _NOT_PROSE
                    and f.name not in skip), key=lambda name: name in _READ_LAST)
    changes = {}
    for name in names:
        old = getattr(value, name)
        new = map_texts(old, change, skip)
        if new is not old:
            changes[name] = new
    return replace(value, **changes) if changes else value  # type: ignore[type-var]


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
    if slide.table is not None:
        out.extend(slide.table.header)
        out.extend(cell for row in slide.table.rows for cell in row)
        if slide.table.caption:
            out.append(slide.table.caption)
    if slide.quote is not None:
        quote = slide.quote
        out.extend(t for t in (quote.text, quote.by, quote.source) if t)
    for event in slide.timeline:
        out.extend((event.date, event.text))
    if slide.source_line:
        out.append(slide.source_line)
    out.extend(slide.footnotes)
    for image in slide.images:
        out.extend(t for t in (image.caption, image.credit) if t)
    return out
