"""The validated deck model: plain immutable data, the only thing renderers read."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, is_dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable, Mapping, TypeVar, Union


@dataclass(frozen=True)
class FileAccess:
    """The folders a deck may read files from: its own folder (``root``; a course's folder
    when building a course), and any the user allowed (``deck build --allow-outside PATH``).

    A deck cannot widen this itself: a deck received from a colleague must not be able to
    read its reader's files, so only the person who runs ``deck`` can allow more.
    """

    root: Path
    allowed: tuple[Path, ...] = ()
    label: str = "the deck's folder"

    def permits(self, path: Path) -> bool:
        """Whether ``path`` (resolved: ``..`` and links followed) lies in an allowed folder."""
        resolved = Path(path).resolve()
        return any(resolved == folder or resolved.is_relative_to(folder)
                   for folder in (Path(self.root).resolve(),
                                  *(Path(a).resolve() for a in self.allowed)))

    def refusal(self, what: str, name: str, base: Path) -> str:
        """Why ``name`` (a ``what`` file written relative to ``base``) is not read, and how to
        allow it."""
        written, resolved = Path(base) / Path(name).expanduser(), (Path(base) / name).resolve()
        link = f" (a link to {resolved})" if ".." not in Path(name).parts and (
            Path(os.path.normpath(written)) != resolved) else ""
        return (f"{what} {name!r}{link} is outside {self.label} ({self.root}): a deck reads "
                "files only from its own folder; move the file into it, or allow its folder "
                "with --allow-outside PATH")

    def widened(self, root: Path, label: str) -> FileAccess:
        """The same permissions with another ``root`` (a theme file named on the command line
        reads its pictures from its own folder)."""
        return FileAccess(root, self.allowed, label)


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
@dataclass(frozen=True)
class Gallery:
    """Two to four pictures side by side or in a grid (``images:``)."""

    images: tuple[Image, ...]
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Timeline:
    """Dates on an axis, in the order written (``timeline:``)."""

    events: tuple[Event, ...]
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Diagram:
    """Boxes and arrows in Graphviz DOT (``diagram: {dot: …}``; a ``flowchart:`` is converted
    to DOT when read), described for screen readers by ``alt``."""

    dot: str
    alt: str
    mark: Mark | None = field(default=None, compare=False)
    # the file line of the DOT's first line, for Graphviz's errors (0: unknown)
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class QRCode:
    """A link drawn as a QR code, its address beside it (``qr:``), under an optional caption."""

    url: str
    caption: str | None = None
    mark: Mark | None = field(default=None, compare=False)


# Everything a slide's ``body:`` (or a column's) may hold, in the order written.
Block = Union[Paragraph, BulletList, Equation, Table, Code, Image, Gallery, Quote, Timeline,
              Diagram, QRCode]
TEXT_BLOCKS = (Paragraph, BulletList, Equation)  # the blocks set as running text


@dataclass(frozen=True)
class Answer:
    """Blocks marked as an answer or a solution (``answer: true`` on a ``body`` item).

    Only the reader makes these and only the edition step sees them (``source/editions.py``):
    it unwraps them in the instructor edition and, in the student edition, keeps them from
    their ``release`` day on and drops them before. No later stage meets an ``Answer``.
    """

    blocks: tuple[Block, ...]
    release: date = date.max  # the first day students see it (date.min: now, date.max: never)
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Column:
    """One column of a slide: an optional heading over blocks in order."""

    heading: str | None
    blocks: tuple[Block, ...]
    mark: Mark | None = field(default=None, compare=False)


# content: the body at the top of the slide; statement: its text set large and centred;
# section: a divider; full: one picture over the whole slide under the title
SLIDE_LAYOUTS = ("content", "section", "full", "statement")
IMAGE_SIDES = ("left", "right")
REVEAL_MODES = ("none", "bullets", "all", "blocks")  # source 'reveal:' false, true, all, blocks


@dataclass(frozen=True)
class Slide:
    """One slide as the lecturer wrote it (before any splitting for fit).

    ``blocks`` is the body in reading order (above the columns, if the slide has any: its
    lead); each column holds blocks the same way, ``widths`` gives their relative widths
    (empty: equal). The shorthands of the format (``table:``, ``image:`` beside text, …) are
    expanded into this form by the reader.
    """

    number: int
    title: str
    layout: str = "content"
    subtitle: str | None = None
    blocks: tuple[Block, ...] = ()
    columns: tuple[Column, ...] = ()
    widths: tuple[float, ...] = ()
    notes: str = ""
    reveal: str = "none"  # one of REVEAL_MODES: what appears one click at a time
    dim: bool = False  # earlier revealed items are dimmed when the next one appears
    mark: Mark | None = field(default=None, compare=False)
    hidden: bool = False  # a hidden slide in PPTX; left out of the HTML
    template_layout: str | None = None  # the template's layout by name (``layout: "Name"``)
    duration: float | None = None  # a section slide's minutes, for the presenter's pace
    source_line: str | None = None  # 'source:' — where the slide's content comes from
    background: Background | None = None
    id: str | None = None  # the name other files include the slide by ('include: FILE#ID')
    instructor: bool = False  # only in the instructor edition (source/editions.py)
    # an answer or solution slide ('answer: true'): the first day the student edition shows it
    # (date.min: now, date.max: never); None: not an answer
    release: date | None = None
    footnotes: tuple[str, ...] = ()  # the notes its marks number (¹ is footnotes[0]), at its foot
    references: bool = False  # 'references: true': the reference list goes on this slide
    # values of declared keys the model has no field of its own for (see source/keys.py)
    extra: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @property
    def all_blocks(self) -> tuple[Block, ...]:
        """Every block of the slide in reading order: the body, then each column's."""
        return self.blocks + tuple(b for column in self.columns for b in column.blocks)

    @property
    def image(self) -> Image | None:
        """The slide's first single picture (its ``image:``, or an ``image`` in a body)."""
        return next((b for b in self.all_blocks if isinstance(b, Image)), None)


# Languages written right to left (BCP 47 primary subtags).
RTL_LANGUAGES = ("ar", "he", "fa", "ur", "yi", "ps", "sd", "ug", "dv", "ckb")
ASPECTS = ("16:9", "4:3")
# The citation styles bundled from the CSL project (source/citations.py names their files).
CITATION_STYLES = ("apa", "chicago-author-date", "harvard", "ieee", "vancouver")
DIRECTIONS = ("ltr", "rtl")


EDITIONS = ("instructor", "student")


@dataclass(frozen=True)
class DeckContext:
    """What a deck took from files other than its own: the course it is a lecture of (its
    settings and variables) and the slides it included from other files."""

    course: Path | None = None  # the course file (source/course.py), if the deck is a lecture
    number: int | None = None  # the lecture's number in the course's list
    files: tuple[Path, ...] = ()  # the course file and every file slides were included from
    digest: str = ""  # a hash of all the deck took from them (what a rebuild depends on)


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
    context: DeckContext = field(default=DeckContext(), compare=False)
    edition: str = "instructor"  # one of EDITIONS: who the outputs are for
    released: tuple[str, ...] = ()  # the student edition: release days of the answers it shows
    access: FileAccess | None = field(default=None, compare=False)  # where it may read files
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
                        "template_master", "template_layout", "tex", "mark", "key_marks",
                        "style", "extra", "notices", "spelling", "id", "context", "edition",
                        "released", "align", "row_marks", "url", "dot", "alt"})
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


def block_texts(block: Block) -> list[str]:
    """Every piece of visible text of one block, in reading order (a formula as ``$tex$``)."""
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Equation):
        return [f"${block.tex}$"]
    if isinstance(block, BulletList):
        return [bullet.text for _, bullet in iter_bullets(block.items)]
    if isinstance(block, Table):
        return [*block.header, *(cell for row in block.rows for cell in row),
                *((block.caption,) if block.caption else ())]
    if isinstance(block, Quote):
        return [t for t in (block.text, block.by, block.source) if t]
    if isinstance(block, Timeline):
        return [t for event in block.events for t in (event.date, event.text)]
    if isinstance(block, Image):
        return [t for t in (block.caption, block.credit) if t]
    if isinstance(block, Gallery):
        return [t for image in block.images for t in (image.caption, image.credit) if t]
    if isinstance(block, QRCode):
        return [block.caption] if block.caption else []
    return []  # code, a diagram: their text is not prose


def slide_texts(slide: Slide) -> list[str]:
    """Every piece of visible text on a slide, in reading order (used by tests and lint)."""
    out = [slide.title]
    if slide.subtitle:
        out.append(slide.subtitle)
    for block in slide.blocks:
        out.extend(block_texts(block))
    for col in slide.columns:
        if col.heading:
            out.append(col.heading)
        for block in col.blocks:
            out.extend(block_texts(block))
    if slide.source_line:
        out.append(slide.source_line)
    out.extend(slide.footnotes)
    return out


def slide_text_marks(slide: Slide) -> list[tuple[str, Mark | None]]:
    """Every visible text of a slide with where it is written, title first."""
    out: list[tuple[str, Mark | None]] = [(slide.title, slide.mark)]
    if slide.subtitle:
        out.append((slide.subtitle, slide.mark))

    def blocks(items: tuple[Block, ...]) -> None:
        for block in items:
            if isinstance(block, BulletList):
                out.extend((b.text, b.mark or block.mark) for _, b in iter_bullets(block.items))
            else:
                out.extend((text, block.mark or slide.mark) for text in block_texts(block))

    blocks(slide.blocks)
    for column in slide.columns:
        if column.heading:
            out.append((column.heading, column.mark))
        blocks(column.blocks)
    out.extend((note, slide.mark) for note in slide.footnotes)
    return out
