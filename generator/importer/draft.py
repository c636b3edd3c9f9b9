"""The importers' shared draft of a deck: rows of text and ordered blocks that become the deck
YAML's data (the composed format: any block in ``body:``, columns holding blocks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from generator.source.keys import COLUMN, DECK, EVENT, SLIDE, TABLE, Group

TODO_ALT = "TODO: describe this image"
CODE_WIDTH = 80  # characters a code line may have on a slide (a deck never wraps code)
COLUMN_CODE_WIDTH = 40  # ... in a column


class OneLineKey(str):
    """A parent bullet's text: a mapping key, written on one line (line breaks as ``\\n``)."""


DEFAULTS = {key.name: key.default for key in DECK if key.name in ("language", "aspect")}


@dataclass(frozen=True)
class Row:
    """One paragraph as read from a source: its text, bullet level, and whether it is a bullet."""

    text: str
    level: int = 0
    bullet: bool = True
    math: tuple[str, ...] = ()  # a displayed equation (or several) instead of text
    code: str | None = None  # the language of a code listing held in ``text``


@dataclass
class TextBlock:
    """Paragraphs and bullets, in order (consecutive ones of a kind become one block)."""

    rows: list[Row] = field(default_factory=list)


@dataclass
class MathBlock:
    """Displayed equations, each LaTeX (checked: the builder can convert every one)."""

    tex: list[str] = field(default_factory=list)


@dataclass
class TableBlock:
    """A table: header cells, rows of cells (inline markup), optional alignment and caption."""

    header: list[str]
    rows: list[list[str]]
    align: list[str] | None = None
    caption: str | None = None


@dataclass
class CodeBlock:
    """A code listing: a Pygments language name (``text`` for none) and the code."""

    lang: str
    text: str


@dataclass
class PictureBlock:
    """A picture: its file (relative to the deck YAML once written), alt text, caption."""

    src: str
    alt: str | None = None
    caption: str | None = None
    decorative: bool = False


@dataclass
class QuoteBlock:
    """A quotation on the slide, and who said it."""

    text: str
    by: str | None = None


Block = TextBlock | MathBlock | TableBlock | CodeBlock | PictureBlock | QuoteBlock


@dataclass
class DraftColumn:
    """One column being read: an optional heading, its rows, then its other blocks."""

    heading: str | None = None
    rows: list[Row] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)


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
    blocks: list[Block] = field(default_factory=list)  # after ``rows``, before ``columns``
    widths: list[float] | None = None  # the columns' relative widths
    notes: str = ""
    comments: list[str] = field(default_factory=list)

    def absorb(self, other: DraftSlide) -> None:
        """Append a continuation slide's content to this one (it was split to fit a page): a
        listing or a table (with the same header) split over the pages becomes one again."""
        _join(self.rows, other.rows)
        blocks = list(other.blocks)
        if self.blocks and blocks and isinstance(self.blocks[-1], TableBlock) and isinstance(
                blocks[0], TableBlock) and self.blocks[-1].header == blocks[0].header:
            self.blocks[-1].rows.extend(blocks.pop(0).rows)
        if self.blocks and blocks and isinstance(self.blocks[-1], TextBlock) and isinstance(
                blocks[0], TextBlock):
            _join(self.blocks[-1].rows, blocks.pop(0).rows)
        self.blocks.extend(blocks)
        for i, column in enumerate(other.columns):
            if i < len(self.columns):
                self.columns[i].rows.extend(column.rows)
                self.columns[i].blocks.extend(column.blocks)
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


def _join(rows: list[Row], more: list[Row]) -> None:
    """``more`` appended to ``rows``; a code listing that goes on is one listing."""
    if rows and more and rows[-1].code and more[0].code:
        rows[-1] = Row(rows[-1].text + more[0].text, code=rows[-1].code)
        more = more[1:]
    rows.extend(more)


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


def block_data(rows: list[Row], blocks: list[Block] = (), image: dict[str, Any] | None = None,
               beside: bool = True) -> dict[str, Any]:
    """The keys a slide or column uses for its content, as readable as the format allows.

    Only paragraphs and bullets: ``text``/``bullets`` (or an ordered ``body``). Paragraphs and
    bullets followed by one picture: ``image``/``alt``/``caption`` beside them (``image`` is the
    slide's legacy picture; never in a column, where ``beside`` is false). One block alone: its
    own key (``table:``, ``code:``, ``math:``, ``quote:``; a column has only ``math:``). Anything
    else: ``body``, one block per item, in order.
    """
    items = _row_groups(rows)
    for block in blocks:
        if isinstance(block, TextBlock):
            items.extend(_row_groups(block.rows))
        else:
            items.append(_block_item(block))
    items = [_wrapped_code(item, CODE_WIDTH if beside else COLUMN_CODE_WIDTH)
             for item in _merged(items)]
    if image is not None:
        items.append(_block_item(_picture(image)))
    kinds = [next(iter(item)) for item in items]
    if not items:
        return {}
    if kinds in (["text"], ["bullets"], ["text", "bullets"]):
        return {kind: item[kind] for kind, item in zip(kinds, items)}
    if beside and kinds[-1] == "image" and set(kinds[:-1]) <= {"text", "bullets"} and (
            kinds[:-1] in ([], ["text"], ["bullets"], ["text", "bullets"])):
        picture = items[-1]["image"]
        out = {kind: item[kind] for kind, item in zip(kinds[:-1], items[:-1])}
        out["image"] = picture["src"]
        if picture.get("decorative"):
            out["decorative"] = True
        else:
            out["alt"] = picture.get("alt") or TODO_ALT
        if picture.get("caption"):
            out["caption"] = picture["caption"]
        return out
    if len(items) == 1 and kinds[0] in (("table", "code", "math", "quote", "images") if beside
                                        else ("math",)):
        return dict(items[0])
    return {"body": items}


def _row_groups(rows: list[Row]) -> list[dict[str, Any]]:
    groups: list[tuple[str, list[Row]]] = []
    for row in rows:
        kind = "math" if row.math else "code" if row.code else "bullets" if row.bullet else "text"
        if groups and groups[-1][0] == kind and kind != "code":
            groups[-1][1].append(row)
        else:
            groups.append((kind, [row]))
    return [{kind: _group_value(kind, group)} for kind, group in groups]


def _merged(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Adjacent paragraphs (or bullet lists, or equations) as one item; two to four adjacent
    pictures as one ``images`` item."""
    out: list[dict[str, Any]] = []
    for item in items:
        kind = next(iter(item))
        last = next(iter(out[-1])) if out else None
        if kind == last == "text":
            out[-1]["text"] = _as_list(out[-1]["text"]) + _as_list(item["text"])
        elif kind == last == "bullets":
            out[-1]["bullets"] = out[-1]["bullets"] + item["bullets"]
        elif kind == last == "math":
            out[-1]["math"] = _as_list(out[-1]["math"]) + _as_list(item["math"])
        else:
            out.append(dict(item))
    grouped: list[dict[str, Any]] = []
    for item in out:
        kind = next(iter(item))
        if kind == "image" and grouped and next(iter(grouped[-1])) == "image":
            grouped[-1] = {"images": [grouped[-1]["image"], item["image"]]}
        elif (kind == "image" and grouped and next(iter(grouped[-1])) == "images"
              and len(grouped[-1]["images"]) < 4):
            grouped[-1]["images"].append(item["image"])
        else:
            grouped.append(item)
    for item in grouped:
        if "images" in item:
            item["images"] = [{k: v for k, v in p.items() if k != "decorative"}
                              | ({"alt": p.get("alt") or TODO_ALT}) for p in item["images"]]
    return grouped


def _wrapped_code(item: dict[str, Any], width: int) -> dict[str, Any]:
    """A code item with lines longer than ``width`` broken (a deck never wraps code, and a
    build refuses a line too long for the slide)."""
    if "code" not in item:
        return item
    return {"code": {**item["code"], "text": wrap_code(item["code"]["text"], width)}}


def wrap_code(text: str, width: int) -> str:
    """``text`` with each line longer than ``width`` broken — after a comma outside quotes if
    one is near, else at a space outside quotes, else at any space — the continuation indented
    four spaces more than the line it continues."""
    out = []
    for line in text.split("\n"):
        indent = line[:len(line) - len(line.lstrip())] + "    "
        while len(line) > width:
            cut = _break_at(line, len(indent), width)
            out.append(line[:cut].rstrip())
            line = indent + line[cut:].lstrip()
        out.append(line)
    return "\n".join(out)


def _break_at(line: str, start: int, width: int) -> int:
    commas, spaces, any_space, quote = [], [], [], None
    for index, char in enumerate(line[:width + 1]):
        if quote is None and char in "\"'":
            quote = char
        elif char == quote and line[index - 1] != "\\":
            quote = None
        if index <= start or char != " ":
            continue
        any_space.append(index)
        if quote is None:
            spaces.append(index)
            if line[index - 1] == ",":
                commas.append(index)
    for found in (commas, spaces, any_space):
        if found and found[-1] > start + (width - start) // 3:
            return found[-1]
    return width


def long_code(slide: DraftSlide) -> bool:
    """Whether any code of ``slide`` has a line longer than a slide shows (it is wrapped)."""
    texts = [r.text for r in slide.rows if r.code]
    texts += [b.text for b in slide.blocks if isinstance(b, CodeBlock)]
    texts += [r.text for b in slide.blocks if isinstance(b, TextBlock) for r in b.rows if r.code]
    limit = COLUMN_CODE_WIDTH if slide.columns else CODE_WIDTH
    for column in slide.columns:
        texts += [r.text for r in column.rows if r.code]
        texts += [b.text for b in column.blocks if isinstance(b, CodeBlock)]
    return any(len(line) > limit for text in texts for line in text.split("\n"))


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _block_item(block: Block) -> dict[str, Any]:
    """One non-text block as a ``body`` item."""
    if isinstance(block, MathBlock):
        return {"math": block.tex[0] if len(block.tex) == 1 else list(block.tex)}
    if isinstance(block, TableBlock):
        table: dict[str, Any] = {"header": block.header, "rows": block.rows}
        if block.align:
            table["align"] = block.align
        if block.caption:
            table["caption"] = block.caption
        return {"table": in_declared_order(table, TABLE)}
    if isinstance(block, CodeBlock):
        return {"code": {"lang": block.lang, "text": block.text}}
    if isinstance(block, QuoteBlock):
        return {"quote": {"text": block.text, "by": block.by} if block.by else block.text}
    picture: dict[str, Any] = {"src": block.src}
    if block.decorative:
        picture["decorative"] = True
    else:
        picture["alt"] = block.alt or TODO_ALT
    if block.caption:
        picture["caption"] = block.caption
    return {"image": picture}


def _group_value(kind: str, rows: list[Row]) -> Any:
    if kind == "math":
        tex = [t for row in rows for t in row.math]
        return tex[0] if len(tex) == 1 else tex
    if kind == "code":
        return {"lang": rows[0].code, "text": rows[0].text}
    if kind == "bullets":
        return bullet_tree(rows)
    texts = [row.text for row in rows]
    return texts[0] if len(texts) == 1 else texts


def in_declared_order(data: dict[str, Any], group: Group) -> dict[str, Any]:
    """``data`` with its keys in the order the format declares them (``generator.source.keys``);
    a key the declaration does not know yet goes last, never dropped."""
    known = {name: data[name] for name in group.names if name in data}
    return known | {name: value for name, value in data.items() if name not in known}


def slide_data(slide: DraftSlide) -> dict[str, Any]:
    """One slide as the mapping the deck format expects, keys in the declared order."""
    out: dict[str, Any] = {"title": slide.title}
    if slide.layout == "section":
        out["layout"] = "section"
        if slide.subtitle:
            out["subtitle"] = slide.subtitle
    else:
        image = None
        if slide.image is not None:
            image = {"src": slide.image, "alt": slide.alt, "caption": slide.caption,
                     "decorative": slide.decorative}
        blocks = list(slide.blocks)
        if slide.table is not None:
            blocks.append(TableBlock(slide.table["header"], slide.table["rows"],
                                     slide.table.get("align"), slide.table.get("caption")))
        if slide.columns and image is not None:
            blocks.append(_picture(image))
            image = None
        content = block_data(slide.rows, blocks, image)
        if slide.columns and set(content) - {"text", "bullets", "math", "body"}:
            content = {"body": _as_body(content)}
        out.update(content)
        if slide.columns:
            columns = []
            for column in slide.columns:
                col: dict[str, Any] = {}
                if column.heading:
                    col["heading"] = column.heading
                col.update(block_data(column.rows, column.blocks, beside=False))
                columns.append(in_declared_order(col, COLUMN))
            out["columns"] = columns
            if slide.widths:
                out["widths"] = [int(w) if float(w).is_integer() else w for w in slide.widths]
        if slide.timeline:
            out["timeline"] = [in_declared_order(event, EVENT) for event in slide.timeline]
        if slide.reveal:
            out["reveal"] = slide.reveal
    if slide.hidden:
        out["hidden"] = True
    if slide.notes.strip():
        out["notes"] = slide.notes.strip("\n") + "\n"
    out = in_declared_order(out, SLIDE)
    if "widths" in out and "widths" not in SLIDE:  # beside the columns until it is declared
        widths = out.pop("widths")
        out = {k: v for key, value in out.items()
               for k, v in ([(key, value), ("widths", widths)] if key == "columns"
                            else [(key, value)])}
    return out


def _picture(image: dict[str, Any]) -> PictureBlock:
    return PictureBlock(image["src"], image.get("alt"), image.get("caption"),
                        bool(image.get("decorative")))


def _as_body(content: dict[str, Any]) -> list[dict[str, Any]]:
    """Slide-level keys (a shorthand) as ``body`` items, so columns can follow them."""
    if "body" in content:
        return content["body"]
    items = []
    for key in ("text", "math", "bullets"):
        if key in content:
            items.append({key: content.pop(key)})
    if "image" in content:
        picture = {"src": content.pop("image")}
        for key in ("alt", "caption", "decorative"):
            if key in content:
                picture[key] = content.pop(key)
        items.append({"image": picture})
    items.extend({key: value} for key, value in content.items())
    return items


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
