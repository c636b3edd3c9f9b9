"""The importers' shared draft of a deck: flat rows of text that become the deck YAML's data."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.source.keys import COLUMN, DECK, EVENT, SLIDE, TABLE, Group

TODO_ALT = "TODO: describe this image"
class OneLineKey(str):
    """A parent bullet's text: a mapping key, written on one line (line breaks as ``\\n``)."""


DEFAULTS = {key.name: key.default for key in DECK if key.name in ("language", "aspect")}


@dataclass(frozen=True)
class Row:
    """One paragraph as read from a source: its text, bullet level, and whether it is a bullet."""

    text: str
    level: int = 0
    bullet: bool = True


@dataclass
class DraftColumn:
    """One column being read: an optional heading and its rows."""

    heading: str | None = None
    rows: list[Row] = field(default_factory=list)


@dataclass
class DraftSlide:
    """One slide being read; ``comments`` are written above it in the YAML."""

    title: str
    layout: str = "content"
    subtitle: str | None = None
    rows: list[Row] = field(default_factory=list)
    columns: list[DraftColumn] = field(default_factory=list)
    image: str | None = None
    alt: str | None = None
    decorative: bool = False  # the picture is ornament ('decorative: true', no 'alt')
    caption: str | None = None
    reveal: bool | str | None = None  # the deck format's 'reveal:' value (True, "all", "blocks")
    hidden: bool = False  # a hidden slide (not shown in the slide show)
    table: dict[str, Any] | None = None  # the deck format's 'table:' ({header, rows})
    timeline: list[dict[str, str]] = field(default_factory=list)  # [{date, text}, …]
    notes: str = ""
    comments: list[str] = field(default_factory=list)

    def absorb(self, other: DraftSlide) -> None:
        """Append a continuation slide's content to this one (it was split to fit a page)."""
        self.rows.extend(other.rows)
        for i, column in enumerate(other.columns):
            if i < len(self.columns):
                self.columns[i].rows.extend(column.rows)
            else:
                self.columns.append(column)
        if other.table is not None and self.table is not None and (
                other.table["header"] == self.table["header"]):
            self.table["rows"].extend(other.table["rows"])
        self.timeline.extend(other.timeline)
        if other.image is not None and self.image is None:
            self.image, self.alt, self.caption = other.image, other.alt, other.caption
            self.decorative = other.decorative
        if other.notes:
            self.notes = f"{self.notes}\n{other.notes}" if self.notes else other.notes
        self.comments.extend(other.comments)


@dataclass
class DraftDeck:
    """A deck being read; ``comments`` are written at the top of the YAML."""

    title: str
    slides: list[DraftSlide] = field(default_factory=list)
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    language: str | None = None
    footer: str | None = None
    aspect: str | None = None
    slide_numbers: bool = True
    comments: list[str] = field(default_factory=list)


def bullet_tree(rows: list[Row]) -> list[Any]:
    """Rows of one bullet list as YAML data: a string, or ``{text: [children]}`` for a parent.

    A row more than one level deeper than the row before it is attached one level deeper
    (the deck format has no way to skip a level).
    """
    root: list[tuple[str, list]] = []
    stack: list[list[tuple[str, list]]] = [root]
    for row in rows:
        depth = min(row.level, len(stack) - 1)
        del stack[depth + 1:]
        node: tuple[str, list] = (row.text, [])
        stack[depth].append(node)
        stack.append(node[1])

    def data(nodes: list[tuple[str, list]]) -> list[Any]:
        return [{OneLineKey(text): data(children)} if children else text
                for text, children in nodes]

    return data(root)


def block_data(rows: list[Row]) -> dict[str, Any]:
    """The keys a slide or column uses for its rows: ``text``/``bullets``, or ordered ``body``."""
    groups: list[tuple[str, list[Row]]] = []
    for row in rows:
        kind = "bullets" if row.bullet else "text"
        if groups and groups[-1][0] == kind:
            groups[-1][1].append(row)
        else:
            groups.append((kind, [row]))
    values = [(kind, _group_value(kind, group)) for kind, group in groups]
    if not values:
        return {}
    kinds = [kind for kind, _ in values]
    if kinds in (["text"], ["bullets"], ["text", "bullets"]):
        return dict(values)
    return {"body": [{kind: value} for kind, value in values]}


def _group_value(kind: str, rows: list[Row]) -> Any:
    if kind == "bullets":
        return bullet_tree(rows)
    texts = [row.text for row in rows]
    return texts[0] if len(texts) == 1 else texts


def in_declared_order(data: dict[str, Any], group: Group) -> dict[str, Any]:
    """``data`` with its keys in the order the format declares them (``generator.source.keys``)."""
    return {name: data[name] for name in group.names if name in data}


def slide_data(slide: DraftSlide) -> dict[str, Any]:
    """One slide as the mapping the deck format expects, keys in the declared order."""
    out: dict[str, Any] = {"title": slide.title}
    if slide.layout == "section":
        out["layout"] = "section"
        if slide.subtitle:
            out["subtitle"] = slide.subtitle
    else:
        out.update(block_data(slide.rows))
        if slide.columns:
            columns = []
            for column in slide.columns:
                col: dict[str, Any] = {}
                if column.heading:
                    col["heading"] = column.heading
                col.update(block_data(column.rows))
                columns.append(in_declared_order(col, COLUMN))
            out["columns"] = columns
        if slide.image is not None:
            out["image"] = slide.image
            if slide.decorative:
                out["decorative"] = True
            else:
                out["alt"] = slide.alt or TODO_ALT
            if slide.caption:
                out["caption"] = slide.caption
        if slide.table is not None:
            out["table"] = in_declared_order(slide.table, TABLE)
        if slide.timeline:
            out["timeline"] = [in_declared_order(event, EVENT) for event in slide.timeline]
        if slide.reveal:
            out["reveal"] = slide.reveal
    if slide.hidden:
        out["hidden"] = True
    if slide.notes.strip():
        out["notes"] = slide.notes.strip("\n") + "\n"
    return in_declared_order(out, SLIDE)


def deck_data(deck: DraftDeck) -> dict[str, Any]:
    """The deck's metadata mapping (without ``slides``, which are written one by one); a value
    equal to the deck format's default is left out."""
    out: dict[str, Any] = {"title": deck.title}
    for key in ("subtitle", "author", "date", "language", "footer", "aspect"):
        value = getattr(deck, key)
        if value and value != DEFAULTS.get(key):
            out[key] = value
    if not deck.slide_numbers:
        out["slide_numbers"] = False
    return in_declared_order(out, DECK)
