"""The deck and theme formats declared once, key by key: every reader, schema and doc table
derives from here."""

from __future__ import annotations

import copy
import re
from datetime import date
from typing import Any, Callable, Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.pictures import KINDS as PICTURE_KINDS
from generator.source.model import (
    ASPECTS,
    CITATION_STYLES,
    DIRECTIONS,
    IMAGE_SIDES,
    SLIDE_LAYOUTS,
    TABLE_ALIGNS,
)
from generator.source.yamlnodes import Reader, did_you_mean

SINCE = "0.1"  # the first version: every key it had
FLAG_WORDS = ("true", "false", "yes", "no", "on", "off")
REVEAL_CHOICES = ("true", "false", "all", "blocks")
# Fonts that exist, or have a metric-compatible free twin, on Windows, macOS and Linux, and that
# cover Latin and Cyrillic: the name a theme uses, mapped to the Linux twin that stands in for it.
PORTABLE_FONTS = {
    "Calibri": "Carlito",
    "Cambria": "Caladea",
    "Arial": "Liberation Sans",
    "Times New Roman": "Liberation Serif",
    "Courier New": "Liberation Mono",
}
SIZE_RANGE = (8, 96)  # a font size in pt: sizes.*, sizes.levels items, footer.size
WEIGHTS = ("bold", "regular")
LOGO_CORNERS = ("top-left", "top-right", "bottom-left", "bottom-right")
_HEX_COLOR = r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$"
COURSE_FILES = ("course.yaml", "course.yml")  # a course file's name, in its course's folder
SLIDE_ID = r"^[A-Za-z0-9][A-Za-z0-9_.-]*$"  # a slide's 'id', as 'include: FILE#ID' names it
VARIABLE_NAME = r"^[A-Za-z_][A-Za-z0-9_]*$"  # a course's own variable, written {name}


def text_schema(description: str) -> dict[str, Any]:
    """What YAML may write where the loader reads text: a number or yes/no stays text."""
    return {"type": ["string", "number", "boolean"], "description": description}


def _flag_schema(description: str, default: bool) -> dict[str, Any]:
    """true/false, or a word the loader reads as one (yes, No, OFF, ...)."""
    return {"default": default, "description": description, "anyOf": [
        {"type": "boolean"},
        {"enum": [w for word in FLAG_WORDS for w in (word, word.capitalize(), word.upper())]}]}


# -- kinds of key ------------------------------------------------------------------------------
class Key:
    """One key of a mapping: its name, meaning, default, the version that added it, and how it
    is read.

    A key with a ``step`` is read by the hand-written ``_DeckReader`` method of that name
    (complex values and rules that look at other keys); one without is read by its kind's
    :meth:`read` alone, and its value reaches the model's field of the same name (``field``
    when it differs) or, when the model has none, the ``extra`` mapping of the deck or slide.
    ``markup`` is false for keys whose text is never inline markup (not checked for ``$…$``).
    """

    type_name = "mapping or list"

    def __init__(self, name: str, description: str, *, default: Any = None,
                 label: str | None = None, required: bool = False, step: str | None = None,
                 field: str | None = None, markup: bool = True, since: str = SINCE,
                 schema: Callable[[], dict[str, Any]] | None = None,
                 type_name: str | None = None, allowed: str = "",
                 default_text: str | None = None) -> None:
        self.name = name
        self.description = description
        self.default = default
        self.label = label or f"{name!r}"
        self.required = required
        self.step = step
        self.field = field or name
        self.markup = markup
        self.since = since
        self._schema = schema
        if type_name is not None:
            self.type_name = type_name
        self._allowed = allowed
        self._default_text = default_text

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r})"

    def read(self, reader: Reader, node: Node, label: str | None = None) -> Any:
        """The value of ``node``, or ``None`` after recording a located problem on ``reader``."""
        raise NotImplementedError(f"{self.name!r} is read by the step {self.step!r}")

    def check(self, reader: Reader, node: Node, where: str, path: tuple[str, ...]) -> None:
        """Record a problem on ``reader`` if ``node`` is not a valid theme value (``where`` is
        its dotted name in messages, ``path`` its place in the theme)."""
        raise NotImplementedError(f"{self.name!r} is checked by the step {self.step!r}")

    def schema(self) -> dict[str, Any]:
        """This key's JSON Schema (draft 2020-12)."""
        out = self._schema() if self._schema is not None else self.value_schema()
        if "description" not in out:
            out = {**out, "description": self.description}
        return out

    def value_schema(self) -> dict[str, Any]:
        return {"description": self.description}

    def allowed(self) -> str:
        """The allowed values, as the docs show them."""
        return self._allowed

    def default_shown(self) -> str:
        """The default, as the docs show it."""
        if self._default_text is not None:
            return self._default_text
        if self.required:
            return "(required)"
        return shown_value(self.default)


def shown_value(value: Any) -> str:
    if value is None or value == ():
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(shown_value(v) for v in value) + "]"
    return f"{value:g}" if isinstance(value, float) else str(value)


class Text(Key):
    """Text exactly as written (``1939`` stays text), optionally matching a pattern.

    ``form``: ``lines`` folds blank lines into one line break, ``one_line`` makes every break a
    space, ``raw`` keeps it (speaker notes).
    """

    type_name = "text"

    def __init__(self, name: str, description: str, *, form: str = "lines",
                 allow_empty: bool = False, pattern: str | None = None, expected: str = "",
                 **kwargs: Any) -> None:
        super().__init__(name, description, **kwargs)
        self.form = form
        self.allow_empty = allow_empty
        self.pattern = pattern  # compiled on first use: nothing is compiled at import
        self.expected = expected

    def read(self, reader: Reader, node: Node, label: str | None = None) -> str | None:
        value = reader.text(node, label or self.label, allow_empty=self.allow_empty)
        if value is None:
            return None
        if self.pattern is not None and not re.match(self.pattern, value):
            reader.error(node, f"{self.name} must be {self.expected}, got {value!r}")
            return None
        return shape_text(value, self.form)

    def value_schema(self) -> dict[str, Any]:
        if self.pattern is not None:
            return {"type": "string", "pattern": self.pattern, "description": self.description,
                    **({"default": self.default} if self.default is not None else {})}
        return text_schema(self.description)

    def allowed(self) -> str:
        return self._allowed or (self.expected if self.pattern else "")


class Flag(Key):
    """true or false (also yes/no, on/off in any case)."""

    type_name = "true/false"

    def __init__(self, name: str, description: str, *, default: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(name, description, default=default, **kwargs)

    def read(self, reader: Reader, node: Node, label: str | None = None) -> bool | None:
        return reader.flag(node, label or self.label)

    def value_schema(self) -> dict[str, Any]:
        return _flag_schema(self.description, self.default)

    def allowed(self) -> str:
        return self._allowed or "true, false"


class Choice(Key):
    """One word of a fixed list."""

    type_name = "choice"

    def __init__(self, name: str, description: str, *, choices: tuple[str, ...],
                 **kwargs: Any) -> None:
        super().__init__(name, description, **kwargs)
        self.choices = tuple(choices)

    def read(self, reader: Reader, node: Node, label: str | None = None) -> str | None:
        return reader.choice(node, self.choices, label or self.label)

    def check(self, reader: Reader, node: Node, where: str, path: tuple[str, ...]) -> None:
        """The theme files' form of the check (their message lists the choices bare)."""
        if not _single_value(reader, node, where):
            return
        if _is_null(node) or node.value not in self.choices:
            reader.error(node, f"{where} must be one of {', '.join(self.choices)}, got "
                         f"{reader.describe(node)}")

    def value_schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"enum": list(self.choices), "description": self.description}
        if self.default is not None:
            out["default"] = self.default
        return out

    def allowed(self) -> str:
        return self._allowed or ", ".join(self.choices)


class Number(Key):
    """A number between ``minimum`` and ``maximum`` (inclusive)."""

    type_name = "number"

    def __init__(self, name: str, description: str, *, minimum: float, maximum: float,
                 **kwargs: Any) -> None:
        super().__init__(name, description, **kwargs)
        self.minimum = minimum
        self.maximum = maximum

    def read(self, reader: Reader, node: Node, label: str | None = None) -> float | None:
        return reader.number(node, label or self.label, self.minimum, self.maximum)

    def check(self, reader: Reader, node: Node, where: str, path: tuple[str, ...]) -> None:
        if _single_value(reader, node, where):
            reader.number(node, where, self.minimum, self.maximum)

    def value_schema(self) -> dict[str, Any]:
        return {"type": "number", "minimum": self.minimum, "maximum": self.maximum,
                "description": self.description}

    def allowed(self) -> str:
        return self._allowed or f"{shown_value(self.minimum)} to {shown_value(self.maximum)}"


class TextList(Key):
    """A list of texts; empty items are left out."""

    type_name = "list of text"

    def __init__(self, name: str, description: str, *, item_label: str, form: str = "lines",
                 item_schema: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(name, description, default=(), **kwargs)
        self.item_label = item_label
        self.form = form
        self.item_schema = item_schema or {"type": "string"}

    def read(self, reader: Reader, node: Node, label: str | None = None) -> tuple[str, ...] | None:
        items = reader.sequence(node, label or self.label)
        if items is None:
            return None
        texts = (shape_text(reader.text(item, self.item_label), self.form) for item in items)
        return tuple(text for text in texts if text)

    def value_schema(self) -> dict[str, Any]:
        return {"type": "array", "items": self.item_schema, "description": self.description}


class Release(Key):
    """When an answer reaches the student edition: a day (``2025-10-14``), ``true`` (now) or
    ``false`` (never); read as a ``date`` (``date.min``: now, ``date.max``: never)."""

    type_name = "date or true/false"

    def read(self, reader: Reader, node: Node, label: str | None = None) -> date | None:
        value = node.value if isinstance(node, ScalarNode) else None
        if isinstance(value, str) and value.lower() in FLAG_WORDS:
            return date.min if reader.flag(node, label or self.label) else date.max
        try:
            return date.fromisoformat(value.strip()) if isinstance(value, str) else None
        except ValueError:
            pass
        reader.error(node, f"{label or self.label} must be a day like 2025-10-14 (year-month-"
                     f"day), or true (now) or false (never), got {reader.describe(node)}")
        return None

    def value_schema(self) -> dict[str, Any]:
        return {"description": self.description, "anyOf": [
            {"type": "boolean"}, {"type": "string", "format": "date"}]}

    def allowed(self) -> str:
        return self._allowed or "YYYY-MM-DD, true, false"


# -- theme kinds: checked in place (a theme is validated, then merged as plain data) -----------
class Color(Key):
    """A colour: ``"#RRGGBB"`` (or ``"#RGB"``), the name of a ``colors:`` entry, or ``none``
    where ``may_be_none``."""

    type_name = "colour"

    def __init__(self, name: str, description: str, *, may_be_none: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(name, description, **kwargs)
        self.may_be_none = may_be_none

    def check(self, reader: Reader, node: Node, where: str, path: tuple[str, ...]) -> None:
        if not _single_value(reader, node, where):
            return
        names = THEME["colors"].group.names
        allowed = [n for n in names if path != ("colors", n)]
        choices = ", ".join(allowed) + (" or none" if self.may_be_none else "")
        if _is_null(node):
            reader.error(node, f"{where} must be a colour like '#1F3A68' or one of {choices}, "
                         "got nothing (null); put hex colours in quotes: an unquoted # starts "
                         "a comment")
            return
        value = str(node.value) if isinstance(node, ScalarNode) else ""
        if (re.match(_HEX_COLOR, value) or value in allowed
                or (self.may_be_none and value == "none")):
            return
        hint = did_you_mean(value, allowed) if not value.startswith("#") else ""
        reader.error(node, f"{where} must be a colour like '#1F3A68' or one of {choices}, "
                     f"got {value!r}{hint}")

    def allowed(self) -> str:
        return "\"#RRGGBB\", a colors name" + (", none" if self.may_be_none else "")


class Font(Key):
    """A font name (one of :data:`PORTABLE_FONTS` travels well)."""

    type_name = "font name"

    def check(self, reader: Reader, node: Node, where: str, path: tuple[str, ...]) -> None:
        if not _single_value(reader, node, where):
            return
        names = ", ".join(PORTABLE_FONTS)
        if _is_null(node) or not str(node.value).strip():
            reader.error(node, f"{where} must be a font name such as {names}, "
                         f"got {reader.describe(node)}")
        elif not node.tag.endswith(":str"):
            reader.error(node, f"{where} must be a font name such as {names}, got "
                         f"{node.value}; put a name that looks like a number or a yes/no in "
                         "quotes")

    def allowed(self) -> str:
        return "any; portable: " + ", ".join(PORTABLE_FONTS)


class Sizes(Key):
    """A non-empty list of font sizes in pt."""

    type_name = "list of numbers"

    def check(self, reader: Reader, node: Node, where: str, path: tuple[str, ...]) -> None:
        if not isinstance(node, SequenceNode) or not node.value:
            reader.error(node, f"{where} must be a list of font sizes in pt, like [28, 24, 22], "
                         f"got {reader.describe(node)}")
            return
        for item in node.value:
            reader.number(item, f"{where} item", *SIZE_RANGE)

    def allowed(self) -> str:
        return f"each {SIZE_RANGE[0]} to {SIZE_RANGE[1]}"


class ImagePath(Key):
    """A picture file (relative to the file that names it), or null for none."""

    type_name = "image file"

    def read(self, reader: Reader, node: Node, label: str | None = None) -> str | None:
        return reader.text(node, label or self.label)

    def check(self, reader: Reader, node: Node, where: str, path: tuple[str, ...]) -> None:
        if not _is_null(node):
            reader.text(node, f"{where} (an image path or null)")

    def allowed(self) -> str:
        return self._allowed or f"{PICTURE_KINDS} file, or null"


class ThemeText(Key):
    """Free text (not null)."""

    type_name = "text"

    def check(self, reader: Reader, node: Node, where: str, path: tuple[str, ...]) -> None:
        if _single_value(reader, node, where) and _is_null(node):
            reader.error(node, f"{where} must be text, got nothing (null)")


class Section(Key):
    """A mapping of its own keys (a group), checked key by key. Left empty (null), a section
    overrides nothing; a ``nullable`` one's null means "none" (a theme's ``logo: null``)."""

    type_name = "mapping"

    def __init__(self, name: str, description: str, *, group: Group, nullable: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(name, description, **kwargs)
        self.group = group
        self.nullable = nullable

    def value_schema(self) -> dict[str, Any]:
        return {**self.group.schema(), "description": self.description}


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


def _single_value(reader: Reader, node: Node, where: str) -> bool:
    if isinstance(node, (MappingNode, SequenceNode)):
        reader.error(node, f"{where} must be a single value, got {reader.describe(node)}")
        return False
    return True


def shape_text(text: str | None, form: str) -> str | None:
    """``text`` in the form a key keeps it (see :class:`Text`)."""
    if text is None or form == "raw":
        return text
    if form == "one_line":
        return re.sub(r"[ \t]*\n\s*", " ", text).strip()
    return re.sub(r"\n{2,}", "\n", text).strip()


# -- groups of keys ----------------------------------------------------------------------------
class Group:
    """The keys one YAML mapping may hold, in the order messages and docs list them."""

    def __init__(self, name: str, what: str, keys: tuple[Key, ...], *, intro: str = "",
                 step: str | None = None, schema_extra: Callable[[], dict[str, Any]] | None = None
                 ) -> None:
        self.name = name
        self.what = what  # as messages name it: "a slide"
        self.keys = keys
        self.intro = intro
        self.step = step  # the reader step that reads this whole mapping, if any
        self._schema_extra = schema_extra
        self._index: tuple[tuple[Key, ...], dict[str, Key]] = ((), {})

    @property
    def _by_name(self) -> dict[str, Key]:
        """The keys by name, rebuilt when ``keys`` is replaced (a test's temporary key)."""
        if self._index[0] is not self.keys:
            self._index = (self.keys, {key.name: key for key in self.keys})
        return self._index[1]

    def __repr__(self) -> str:
        return f"Group({self.name!r}, {self.names})"

    def __getitem__(self, name: str) -> Key:
        return self._by_name[name]

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __iter__(self) -> Iterator[Key]:
        return iter(self.keys)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._by_name)

    @property
    def required(self) -> tuple[str, ...]:
        return tuple(key.name for key in self.keys if key.required)

    def simple(self) -> tuple[Key, ...]:
        """The keys read by their kind alone (no hand-written step)."""
        return tuple(key for key in self.keys if key.step is None)

    def schema(self) -> dict[str, Any]:
        out: dict[str, Any] = {"type": "object", "additionalProperties": False}
        if self.required:
            out["required"] = list(self.required)
        out["properties"] = {key.name: key.schema() for key in self.keys}
        if self._schema_extra is not None:
            out.update(self._schema_extra())
        return out


# -- the deck format ---------------------------------------------------------------------------
def _paragraphs() -> dict[str, Any]:
    return {"description": "One paragraph, or a list of paragraphs, shown before any bullets.",
            "oneOf": [text_schema("A paragraph."),
                      {"type": "array", "items": text_schema("A paragraph.")}]}


def _bullets() -> dict[str, Any]:
    return {"type": "array", "description": "Bullet points; a one-key mapping "
            "'Text: [sub-bullets]' nests a list one level deeper.",
            "items": {"$ref": "#/$defs/bullet"}}


def _math() -> dict[str, Any]:
    equation = {"oneOf": [
        text_schema("An equation in LaTeX (without $); a blank line separates equations."),
        EQUATION.schema()]}
    return {"description": "Displayed equations (LaTeX), each centred on its own line.",
            "oneOf": [equation, {"type": "array", "items": equation}]}


def _body() -> dict[str, Any]:
    blocks = [key.name for key in BODY_ITEM if key.name not in BLOCK_MODIFIERS]
    return {"type": "array", "description": "Blocks in order: text, bullets, math, table, code, "
            "image, images, quote, timeline, diagram, qr.",
            "items": {**BODY_ITEM.schema(), "oneOf": [{"required": [name]} for name in blocks]}}


def _reveal(description: str) -> Callable[[], dict[str, Any]]:
    return lambda: {"enum": [True, False, *REVEAL_CHOICES], "default": False,
                    "description": description}


_CELL = {"type": ["string", "number", "boolean", "null"],
         "description": "A cell (inline markup allowed); empty when left blank."}

EQUATION = Group("equation", "an equation", (
    Text("tex", "The equation in LaTeX.", required=True, step="equations", form="raw",
         label="an equation (LaTeX)"),
    Text("label", "A label shown after it, e.g. (1).", step="equations", form="raw",
         label="an equation's 'label'"),
), intro="An item of `math:` written as a mapping.", step="equations")

IMAGE_ITEM = Group("picture", "a picture in 'images'", (
    Key("src", "Image file, relative to the deck file.", required=True, step="images",
        markup=False, type_name="image file",
        schema=lambda: {"type": "string", "description": "Image file, relative to the deck "
                        "file."}),
    Text("alt", "Alternative text (required).", required=True, step="images",
         form="one_line", markup=False, label="a picture's 'alt'"),
    Text("caption", "Caption under the picture.", step="images", label="a picture's 'caption'"),
    Text("credit", "Who made the picture (small, muted).", step="images",
         label="a picture's 'credit'"),
    Flag("decorative", "Pure decoration: screen readers skip it ('alt' may be empty).",
         step="images"),
), intro="A picture: each item of `images:`, and `image:` in a `body:`.", step="images")

EVENT = Group("event", "a timeline event", (
    Text("date", "The date, as free text (1922, May 1935).", required=True, step="timeline",
         form="one_line", label="an event's 'date'"),
    Text("text", "What happened.", required=True, step="timeline", label="an event's 'text'"),
), intro="Each item of `timeline:`.", step="timeline")

QUOTE = Group("quote", "a quote", (
    Text("text", "The quotation (without quote marks).", required=True, step="quote",
         label="the quote's 'text'"),
    Text("by", "Who said or wrote it.", step="quote", label="the quote's 'by'"),
    Text("source", "Where: a work, a speech, a year.", step="quote",
         label="the quote's 'source'"),
), intro="`quote:` as a mapping (or the quotation alone as text).", step="quote")

CODE = Group("code", "a code block", (
    Key("lang", "A Pygments language name (python, java, sql, …; text for none); with "
        "'file', guessed from its name.", step="code", type_name="text",
        schema=lambda: {"type": "string"}),
    Key("text", "The code (use a | block).", step="code", type_name="text",
        schema=lambda: {"type": "string"}),
    Key("file", "A source file, relative to the deck.", step="code", type_name="file",
        schema=lambda: {"type": "string"}),
    Key("lines", "The lines of 'file' to show, e.g. 10-24.", step="code",
        type_name="line range", allowed="N or N-M",
        schema=lambda: {"type": ["string", "integer"], "pattern": r"^\s*\d+\s*(-\s*\d+\s*)?$"}),
    Flag("numbers", "Show line numbers.", step="code"),
    Key("highlight", "Line numbers or ranges (5-7) to highlight.", step="code",
        type_name="list of line ranges",
        schema=lambda: {"type": "array", "items": {"type": ["string", "integer"]}}),
), intro="`code:` — 'lang' and 'text', or 'file' (and 'lines'). Lines never wrap; long code "
   "splits at line boundaries.", step="code",
   schema_extra=lambda: {
       "description": "Highlighted code: 'lang' and 'text', or 'file' (and 'lines'). Lines "
                      "never wrap; long code splits at line boundaries.",
       "oneOf": [{"required": ["text", "lang"], "not": {"required": ["file"]}},
                 {"required": ["file"], "not": {"required": ["text"]}}]})

DIAGRAM = Group("diagram", "a diagram", (
    Key("dot", "The diagram in Graphviz DOT: 'digraph { a -> b }' (use a | block).",
        step="diagram", markup=False, type_name="text", schema=lambda: {"type": "string"}),
    Key("flowchart", "The diagram in the Mermaid flowchart subset: 'flowchart LR' and lines "
        "like 'A[Text] --> B{Decision}' (docs/diagrams.md).", step="diagram", markup=False,
        type_name="text", schema=lambda: {"type": "string"}),
    Text("alt", "What the diagram shows, for screen readers (required).", required=True,
         step="diagram", form="one_line", markup=False, label="a diagram's 'alt'"),
), intro="`diagram:` — 'dot' or 'flowchart', and 'alt'. Drawn as shapes and connectors "
   "(docs/diagrams.md).", step="diagram",
   schema_extra=lambda: {"oneOf": [{"required": ["dot"], "not": {"required": ["flowchart"]}},
                                   {"required": ["flowchart"], "not": {"required": ["dot"]}}]})

QR = Group("QR code", "a QR code", (
    Key("url", "The address the code opens (https://…, mailto:…).", required=True, step="qr_code",
        markup=False, type_name="address", schema=lambda: {"type": "string"}),
    Text("caption", "A line beside the code, above its address.", step="qr_code",
         label="a QR code's 'caption'"),
), intro="`qr:` as a mapping (or the address alone as text): a QR code 5 cm square with its "
   "address beside it (docs/diagrams.md).", step="qr_code")

TABLE = Group("table", "a table", (
    Key("header", "The column headings.", step="table", type_name="list of cells",
        schema=lambda: {"type": "array", "minItems": 1, "items": _CELL}),
    Key("rows", "Rows, each one cell per column.", step="table", type_name="list of lists",
        schema=lambda: {"type": "array", "minItems": 1,
                        "items": {"type": "array", "items": _CELL}}),
    Key("csv", "A CSV file, relative to the deck file.", step="table", type_name="file",
        schema=lambda: {"type": "string"}),
    Key("align", "Alignment per column; default: right for numbers.", step="table",
        type_name="list of choices", allowed=", ".join(TABLE_ALIGNS),
        schema=lambda: {"type": "array", "items": {"enum": list(TABLE_ALIGNS)}}),
    Text("caption", "A caption under the table.", step="table", label="a table's 'caption'"),
), intro="`table:` — 'header' and 'rows', or 'csv' (a file; its first line is the header).",
   step="table",
   schema_extra=lambda: {
       "description": "A table: 'header' and 'rows', or 'csv' (a file; its first line is the "
                      "header). Split by rows onto continuation slides, the header repeated.",
       "oneOf": [{"required": ["header", "rows"], "not": {"required": ["csv"]}},
                 {"required": ["csv"], "not": {"anyOf": [{"required": ["header"]},
                                                         {"required": ["rows"]}]}}]})

BODY_ITEM = Group("body item", "a 'body' item", (
    Key("text", "One paragraph, or a list of paragraphs.", step="blocks", schema=_paragraphs,
        type_name="text or list of text"),
    Key("bullets", "Bullet points (sub-bullets as 'Text: [list]').", step="blocks",
        schema=_bullets, type_name="list"),
    Key("math", "Displayed equations.", step="blocks", schema=_math, markup=False,
        type_name="text, list or mapping"),
    Key("table", "A table (see the table keys).", step="blocks", type_name="mapping",
        schema=lambda: TABLE.schema()),
    Key("code", "Highlighted code (see the code keys).", step="blocks", markup=False,
        type_name="mapping", schema=lambda: CODE.schema()),
    Key("image", "One picture: {src, alt, caption, credit}.", step="blocks",
        type_name="picture", schema=lambda: IMAGE_ITEM.schema()),
    Key("images", "Two to four pictures side by side or in a grid.", step="blocks",
        type_name="list of pictures", allowed="2 to 4 pictures",
        schema=lambda: {"type": "array", "minItems": 2, "maxItems": 4,
                        "items": IMAGE_ITEM.schema()}),
    Key("quote", "A quotation with its attribution.", step="blocks",
        type_name="text or mapping",
        schema=lambda: {"oneOf": [text_schema("The quotation alone."), QUOTE.schema()]}),
    Key("timeline", "Dates on an axis with labels, in order.", step="blocks",
        type_name="list of events",
        schema=lambda: {"type": "array", "minItems": 1, "items": EVENT.schema()}),
    Key("diagram", "Boxes and arrows in Graphviz DOT or a Mermaid flowchart, drawn as shapes "
        "and connectors (see the diagram keys).", step="blocks", type_name="mapping",
        schema=lambda: DIAGRAM.schema()),
    Key("qr", "A link as a QR code with its address beside it: the address, or {url, "
        "caption}.", step="blocks", type_name="text or mapping", markup=False,
        schema=lambda: {"oneOf": [{"type": "string", "description": "The address."},
                                  QR.schema()]}),
    Flag("answer", "The block is an answer or solution: the student edition leaves it out "
         "until its 'release' (docs/course.md).", step="blocks", label="an item's 'answer'"),
    Release("release", "The day (2025-10-14) the student edition starts showing the answer, "
            "or true (now); implies 'answer'.", step="blocks", label="an item's 'release'",
            default_text="never"),
), intro="Each item of `body:` (a slide's or a column's) holds exactly one block key; the "
   "blocks are set one under the other, in order. `answer` and `release` may mark the block "
   "as an answer.", step="blocks")
BLOCK_MODIFIERS = ("answer", "release")  # body item keys that say something about its block

COLUMN = Group("column", "a column", (
    Text("heading", "Column heading.", step="columns", label="column 'heading'"),
    Key("text", "One paragraph, or a list of paragraphs.", step="blocks", schema=_paragraphs,
        type_name="text or list of text"),
    Key("bullets", "Bullet points.", step="blocks", schema=_bullets, type_name="list"),
    Key("body", "Blocks in order (any 'body' item: text, bullets, math, table, code, image, "
        "images, quote, timeline, diagram, qr).", step="blocks", schema=_body, type_name="list"),
    Key("math", "Displayed equations.", step="blocks", schema=_math, markup=False,
        type_name="text, list or mapping"),
), intro="Each item of `columns:`.", step="columns")

TEMPLATE = Group("template", "'template'", (
    Key("file", "The .pptx/.potx template.", required=True, step="template",
        type_name="file", schema=lambda: {"type": "string"}),
    Key("master", "Its slide master: number (1 = first) or name.", step="template",
        type_name="number or text", schema=lambda: {"type": ["integer", "string"]}),
), intro="`template:` as a mapping (or the file name alone).", step="template")

SLIDE = Group("slide", "a slide", (
    Text("title", "Slide title (shown in the title placeholder).", required=True,
         label="slide 'title'"),
    Choice("layout", "'section' makes a section divider, 'full' a picture covering the slide "
           "under its title, 'statement' one short text set large in the middle of the slide; "
           "on a template, the name of one of its layouts.",
           choices=SLIDE_LAYOUTS, default="content", step="layout", markup=False,
           allowed=", ".join(SLIDE_LAYOUTS) + ", or a template layout's name",
           schema=lambda: {"anyOf": [{"enum": list(SLIDE_LAYOUTS)}, {"type": "string"}],
                           "default": "content"}),
    Text("subtitle", "Subtitle of a section slide.", step="subtitle"),
    Key("text", "One paragraph, or a list of paragraphs, shown before any bullets.",
        step="blocks", schema=_paragraphs, type_name="text or list of text"),
    Key("bullets", "Bullet points; a one-key mapping 'Text: [sub-bullets]' nests a list one "
        "level deeper (up to 9 levels).", step="blocks", schema=_bullets, type_name="list"),
    Key("body", "Blocks in order, one under the other: text, bullets, math, table, code, "
        "image, images, quote, timeline, diagram, qr (instead of 'text'/'bullets'/…).",
        step="blocks", schema=_body, type_name="list"),
    Key("columns", "Two or three columns, each with an optional heading.", step="columns",
        type_name="list of columns", allowed="2 or 3 columns",
        schema=lambda: {"type": "array", "minItems": 2, "maxItems": 3,
                        "items": COLUMN.schema()}),
    Key("widths", "Relative widths of the columns, e.g. [2, 1] (default: equal).",
        step="columns", type_name="list of numbers", allowed="one positive number per column",
        schema=lambda: {"type": "array", "minItems": 2, "maxItems": 3,
                        "items": {"type": "number", "exclusiveMinimum": 0}}),
    Key("image", "Image file, relative to the deck file.", step="image", markup=False,
        type_name="image file", allowed=PICTURE_KINDS,
        schema=lambda: {"type": "string"}),
    Text("alt", "Alternative text of the image (required with 'image').", step="image",
         form="one_line", markup=False),
    Flag("decorative", "The image is pure decoration: screen readers skip it (no 'alt' "
         "needed).", step="image"),
    Text("caption", "Caption under the image.", step="image"),
    Key("reveal", "Click-to-reveal: true (top-level bullets one click at a time), all (every "
        "bullet), blocks (paragraphs, lists, columns, picture), false.", step="reveal_mode",
        type_name="choice", allowed=", ".join(REVEAL_CHOICES), default_text="the deck's",
        schema=_reveal("Click-to-reveal: true (top-level bullets one click at a time), all "
                       "(every bullet), blocks (paragraphs, lists, columns, picture), false.")),
    Flag("dim", "Dim revealed items when the next one appears.", label="slide 'dim'",
         step="slide", default_text="the deck's"),
    Text("notes", "Speaker notes, any length.", form="raw", allow_empty=True, default=""),
    Key("math", "Displayed equations (LaTeX), each centred on its own line.", step="blocks",
        schema=_math, markup=False, type_name="text, list or mapping"),
    Flag("hidden", "A hidden slide: kept in the PPTX (not shown in the slide show), left out "
         "of the HTML; left out of the student edition.", label="slide 'hidden'"),
    Number("duration", "Minutes of the section a section slide opens.", minimum=1,
           maximum=1440, label="section 'duration' (minutes)", step="duration"),
    Key("table", "A table (see the table keys).", step="table", type_name="mapping",
        schema=TABLE.schema),
    Key("code", "Highlighted code (see the code keys).", step="code", markup=False,
        type_name="mapping", schema=CODE.schema),
    Key("quote", "A quotation set large, with its attribution.", step="quote",
        type_name="text or mapping",
        schema=lambda: {"oneOf": [text_schema("The quotation alone."), QUOTE.schema()]}),
    Key("timeline", "Dates on an axis with labels, in order; vertical when the labels are "
        "long, split when there are many.", step="timeline", type_name="list of events",
        schema=lambda: {"type": "array", "minItems": 1, "items": EVENT.schema()}),
    Text("source", "Where the slide's content comes from: a small line above the footer.",
         form="one_line", field="source_line", label="the slide's 'source'"),
    Key("background", "The slide's own background: a colour \"#RRGGBB\" or a picture file "
        "(relative to the deck).", step="background", markup=False, type_name="colour or file",
        schema=lambda: {"type": "string"}),
    Key("images", "Two to four pictures side by side or in a grid.", step="images",
        type_name="list of pictures", allowed="2 to 4 pictures",
        schema=lambda: {"type": "array", "minItems": 2, "maxItems": 4,
                        "items": IMAGE_ITEM.schema()}),
    Choice("image_side", "Where the picture goes beside text.", choices=IMAGE_SIDES,
           default="right", step="image_side"),
    Key("focus", "The point [x, y] (0 to 1) of the picture a crop keeps.", step="image",
        type_name="[x, y]", allowed="two numbers, 0 to 1", default_text="[0.5, 0.5]",
        schema=lambda: {"type": "array", "minItems": 2, "maxItems": 2,
                        "items": {"type": "number", "minimum": 0, "maximum": 1}}),
    Text("id", "A name for the slide, unique in its file, by which other files include it: "
         "'include: FILE#ID' (docs/course.md).", form="one_line", markup=False,
         pattern=SLIDE_ID, expected="letters, digits, '.', '-' and '_', starting with a letter "
         "or a digit", label="slide 'id'"),
    Flag("instructor", "Only in the instructor edition: the student edition leaves the slide "
         "out (docs/course.md).", label="slide 'instructor'"),
    Flag("answer", "An answer or solution slide: the student edition leaves it out until its "
         "'release'.", step="answer", label="slide 'answer'"),
    Release("release", "The day (2025-10-14) the student edition starts showing the answer "
            "slide, or true (now); implies 'answer'.", step="answer", label="slide 'release'",
            default_text="never"),
    Key("footnotes", "The notes that '[^label]' marks in the slide's text name: a mapping "
        "{label: note} or a list (labels 1, 2, …); numbered per slide, set small at its foot "
        "(docs/citations.md).", step="footnotes", type_name="mapping or list of text",
        schema=lambda: {"oneOf": [
            {"type": "object", "additionalProperties": text_schema("A footnote's text.")},
            {"type": "array", "items": text_schema("A footnote's text.")}]}),
    Flag("references", "This slide holds the reference list (the works cited, then the "
         "deck's 'references:'), split over as many slides as it needs, instead of slides "
         "at the end.", label="slide 'references'"),
), intro="Each item of `slides:`.", step="slide",
   schema_extra=lambda: {
       "if": {"required": ["image"], "not": {"properties": {"decorative": {"const": True}},
                                             "required": ["decorative"]}},
       "then": {"required": ["alt"]}})

DECK = Group("deck", "the deck", (
    Text("title", "Deck title, on the title slide.", required=True, label="deck 'title'"),
    Text("subtitle", "Subtitle on the title slide.", label="deck 'subtitle'"),
    Text("author", "Author on the title slide and in the file properties.",
         label="deck 'author'"),
    Text("date", "Date on the title slide (free text).", label="deck 'date'"),
    Text("language", "BCP 47 language tag, e.g. en, en-GB, ru.", default="en",
         label="deck 'language'", markup=False, form="raw",
         pattern=r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
         expected="a BCP 47 tag such as 'en', 'en-GB' or 'ru'"),
    Key("theme", "Built-in theme name or a path to a theme file.", default="classic",
        step="theme", markup=False, type_name="text", allowed="a built-in theme or a file",
        schema=lambda: {"type": "string", "default": "classic"}),
    Key("style", "Partial theme overrides, deep-merged.", step="style", markup=False,
        type_name="mapping", allowed="the theme keys",
        schema=lambda: {"type": "object"}),
    Text("footer", "Footer text on content slides.", form="one_line", label="deck 'footer'"),
    Choice("aspect", "The slide's shape: width to height.", choices=ASPECTS, default="16:9",
           markup=False),
    Flag("slide_numbers", "Slide numbers on content slides.", default=True, markup=False),
    Choice("direction", "Text direction; default: rtl for ar, he, fa, ur (and other "
           "right-to-left languages), else ltr.", choices=DIRECTIONS,
           default_text="as the language"),
    Key("template", "A .pptx/.potx template to build on (or {file, master}).", step="template",
        markup=False, type_name="file or mapping", allowed=".pptx or .potx",
        schema=lambda: {"oneOf": [
            {"type": "string", "description": "A .pptx/.potx template to build on."},
            TEMPLATE.schema()]}),
    TextList("spelling", "Words the spell check accepts for this deck.",
             item_label="a spelling word", form="one_line", markup=False,
             label="'spelling' (words to accept)"),
    Key("reveal", "Default 'reveal' of every slide.", step="slide_defaults",
        type_name="choice", allowed=", ".join(REVEAL_CHOICES), default_text="false",
        schema=_reveal("Default 'reveal' of every slide.")),
    Flag("dim", "Default 'dim' of every slide.", label="deck 'dim'", step="slide_defaults"),
    Number("duration", "Minutes the lecture should take (presenter timer).", minimum=1,
           maximum=1440, label="deck 'duration' (minutes)"),
    Key("slides", "The slides, in order; an item may include slides from another file "
        "('include').", required=True, step="slides",
        type_name="list of slides", allowed="at least one",
        schema=lambda: {"type": "array", "minItems": 1, "items": {
            "if": {"type": "object", "required": ["include"]},
            "then": {"$ref": "#/$defs/include"}, "else": {"$ref": "#/$defs/slide"}}}),
    TextList("references", "References, on slides of their own at the end.",
             item_label="a reference", label="'references' (a list of references)",
             item_schema=text_schema("One reference (inline markup allowed).")),
    Key("bibliography", "The works '[@key]' cites: a BibTeX (.bib) or CSL-JSON (.json) file "
        "in the deck's folder (docs/citations.md).", step="bibliography", markup=False,
        type_name="file", allowed=".bib or .json", schema=lambda: {"type": "string"}),
    Key("citation_style", "How citations and the reference list are written: a bundled CSL "
        "style, or a .csl file in the deck's folder.", step="bibliography", markup=False,
        type_name="choice or file", default="chicago-author-date",
        allowed=", ".join(CITATION_STYLES) + ", or a .csl file",
        schema=lambda: {"anyOf": [{"enum": list(CITATION_STYLES)},
                                  {"type": "string", "pattern": r"\.csl$"}],
                        "default": "chicago-author-date"}),
), intro="The top level of a deck file.", step="deck")

INCLUDE = Group("include", "an included slide", (
    Text("include", "FILE#ID: the slide whose 'id' is ID in FILE (relative to this file), or "
         "FILE: every slide of FILE; with the course's variables applied.", required=True,
         form="one_line", markup=False, label="'include'", step="include"),
), intro="An item of `slides:` that takes its slides from another file (docs/course.md): it "
   "holds `include` alone.", step="include")

DECK_GROUPS = (DECK, SLIDE, INCLUDE, COLUMN, BODY_ITEM, EQUATION, IMAGE_ITEM, EVENT, QUOTE, CODE,
               DIAGRAM, QR, TABLE, TEMPLATE)


# -- the course format -------------------------------------------------------------------------
def _course_key(name: str) -> Key:
    """The deck key ``name`` as a course file holds it: the lectures' default."""
    key = copy.copy(DECK[name])
    key.label = key.label.replace("deck '", "course '")
    key.description = f"{key.description} The lectures' default."
    return key


# The deck keys a course file may set for all its lectures (a lecture's own value wins).
COURSE_SETTINGS = ("subtitle", "language", "theme", "style", "footer", "aspect", "slide_numbers",
                   "direction", "template", "spelling", "reveal", "dim", "duration")

LECTURE = Group("lecture", "a lecture", (
    Text("file", "The lecture's deck file, relative to the course file.", required=True,
         form="one_line", markup=False, label="a lecture's 'file'"),
    Text("date", "When it is given (free text, e.g. 2025-09-02): {lecture.date}, the index "
         "page, and the deck's 'date' unless it has one.", form="one_line",
         label="a lecture's 'date'"),
), intro="An item of `lectures:` written as a mapping (or the file name alone).",
   step="lectures")

COURSE = Group("course", "the course", (
    Text("title", "The course's title: the index page's title and {course.title}.",
         required=True, label="course 'title'"),
    Text("code", "The course's code, e.g. HIST 201: {course.code}.", form="one_line",
         label="course 'code'"),
    Text("term", "The term, e.g. Autumn 2025: {course.term}.", form="one_line",
         label="course 'term'"),
    Text("lecturer", "Who teaches it: {course.lecturer}, and each lecture's 'author' unless it "
         "has one.", form="one_line", label="course 'lecturer'"),
    *(_course_key(name) for name in COURSE_SETTINGS),
    Key("variables", "Your own variables, name: text; {name} in any text of a lecture is "
        "replaced by the text.", step="variables", markup=False, type_name="mapping",
        allowed="names of letters, digits and _",
        schema=lambda: {"type": "object", "propertyNames": {"pattern": VARIABLE_NAME},
                        "additionalProperties": text_schema("The variable's text.")}),
    Key("lectures", "The lectures in order, numbered from 1: deck files (relative to the "
        "course file), or {file, date}.", required=True, step="lectures",
        type_name="list of lectures", allowed="at least one",
        schema=lambda: {"type": "array", "minItems": 1, "items": {"oneOf": [
            {"type": "string", "description": "The lecture's deck file."}, LECTURE.schema()]}}),
), intro="A course file, `course.yaml` in the course's folder (docs/course.md). Its settings "
   "are every lecture's defaults.", step="course")

COURSE_GROUPS = (COURSE, LECTURE)


def plain_words(keys: Iterator[Key] | tuple[Key, ...]) -> tuple[str, ...]:
    """Names of keys whose text is never inline markup."""
    return tuple(key.name for key in keys if not key.markup)


# -- the theme format --------------------------------------------------------------------------
def _spacing(name: str, description: str, minimum: float, maximum: float) -> Number:
    return Number(name, description, minimum=minimum, maximum=maximum)


def _size(name: str, description: str, minimum: float = SIZE_RANGE[0],
          maximum: float = SIZE_RANGE[1]) -> Number:
    return Number(name, f"{description} (pt).", minimum=minimum, maximum=maximum)


def _slide_colors(name: str, description: str, band: bool) -> Section:
    look = (Choice("look", "How the title slide is composed: a full-width band, a block over "
                   "the top of the slide, a rule or a short bar under the title, or plain "
                   "(docs/typesetting.md).", choices=TITLE_LOOKS, default="band"),
            Choice("align", "Where the title slide's title, subtitle, author and date (and the "
                   "section slides' title and subtitle) are aligned.", choices=TITLE_ALIGNS,
                   default="left"))
    keys: tuple[Key, ...] = (
        *(look if band else ()),
        Color("background", "Colour of the slide (`background` = the normal slide background).",
              may_be_none=True),
        Color("band", "Colour of the look's band, block, rule or bar, or none for no "
              "decoration" + ("." if band else " (section slides are composed in the title "
                              "slide's look)."), may_be_none=True),
        Color("title_color", "The title, drawn on the band in the band and block looks (else "
              "on the background)."),
        Color("subtitle_color", "Subtitle."),
        *((Color("byline_color", "The author and the date."),) if band else ()),
    )
    return Section(name, description, group=Group(name, name, keys))


# The title slide's composition (see docs/typesetting.md) and how its text is aligned.
TITLE_LOOKS = ("band", "block", "rule", "bar", "plain")
TITLE_ALIGNS = ("left", "center")


LOGO = Group("logo", "logo", (
    ImagePath("image", "The logo picture, relative to the file that names it.",
              required=True, markup=False, allowed=f"{PICTURE_KINDS} file"),
    Choice("corner", "The corner it sits in.", choices=LOGO_CORNERS, default="top-right"),
    Number("height", "Its height in pt.", minimum=8, maximum=200, default=40),
), intro="`logo:` in a theme — null for none.")

THEME = Group("theme", "the theme", (
    ThemeText("description", "One line shown by `deck themes`."),
    Section("fonts", "Font names; see the portable fonts.", group=Group("fonts", "fonts", (
        Font("heading", "Slide titles."),
        Font("body", "All other text."),
        Font("mono", "Inline `code` and code listings."),
    ))),
    Section("colors", "The named colours; a colour elsewhere may name one of them.",
            group=Group("colors", "colors", (
                Color("background", "The slide background."),
                Color("text", "Body text and code text."),
                Color("heading", "Slide titles, and the first line under the title on the "
                      "title slide."),
                Color("accent", "Bullets, column headings and the title band."),
                Color("muted", "Captions and other secondary text."),
                Color("code_background", "The box behind inline code."),
                Color("link", "Hyperlinks."),
                Color("lead", "A slide's lead: the text above its columns or before its "
                      "bullets."),
            ))),
    Section("sizes", "Font sizes in pt.", group=Group("sizes", "sizes", (
        _size("title", "Title slide and section slide titles"),
        _size("subtitle", "Title and section slide subtitles"),
        _size("heading", "Slide titles (the deck's one title size starts here)"),
        _size("body", "The size the fitter starts body text at"),
        Sizes("levels", "Bullet levels 1, 2, 3, …; deeper levels reuse the last entry."),
        _size("lead", "A slide's lead (the paragraph that introduces its bullets or columns) "
              "at the theme's body size; it moves with the body, as the levels do"),
        _size("statement", "A statement slide's text, and a quote alone on its slide, start "
              "here"),
        _size("kicker", "A statement slide's title, set small above its text"),
        _size("minimum", "The fitter never shrinks text below this (at most `body`); it "
              "splits the slide instead", 8, 48),
        _size("column_heading", "Column headings"),
        _size("caption", "Captions"),
        _size("code", "Code listings start here"),
        _size("code_minimum", "Code listings shrink to no less than this"),
        _size("footer", "Footer text and slide numbers"),
        _size("notes", "Speaker notes"),
    ))),
    Section("spacing", "Lengths in pt of the slide (960 × 540 at 16:9), and ratios.",
            group=Group("spacing", "spacing", (
                _spacing("margin", "Slide margin on every side (pt).", 0, 120),
                _spacing("title_height", "Height of the slide-title box (pt).", 24, 200),
                _spacing("gap", "Between the title and the body, and between columns (pt).",
                         0, 72),
                _spacing("paragraph", "Space after a paragraph, as a fraction of its font "
                         "size.", 0, 2),
                _spacing("paragraph_min", "The tightest 'paragraph' spacing a dense slide may "
                         "use before its text is set a step smaller (lines keep their pitch).",
                         0, 2),
                _spacing("center_short", "No longer used (0.2): only statement slides are "
                         "centred; accepted in older theme files.", 0, 1),
                _spacing("line_min", "No longer used (0.2): lines keep their pitch on every "
                         "slide; accepted in older theme files.", 0.8, 1),
                _spacing("gap_min", "No longer used (0.2): every slide keeps the theme's "
                         "gaps; accepted in older theme files.", 0, 72),
                _spacing("line", "Line-spacing multiplier (1.0 = single).", 0.8, 2.0),
                _spacing("indent", "Extra left indent per bullet level (pt).", 0, 72),
                _spacing("measure", "The longest line of running text, in characters of the "
                         "deck's text (an average character, spaces included): the text column "
                         "is no wider (docs/typesetting.md).", 20, 200),
                _spacing("lead_after", "Space after a lead, as a fraction of its size.", 0, 3),
            ))),
    _slide_colors("title_slide", "Colours of the title slide.", band=True),
    _slide_colors("section_slide", "Colours of section divider slides.", band=False),
    Section("footer", "The footer text and slide numbers.", group=Group("footer", "footer", (
        Color("color", "Their colour."),
        _size("size", "Their size"),
    ))),
    Section("logo", "null, or a picture on every slide: {image, corner, height}.", group=LOGO,
            step="check_logo", nullable=True),
    ImagePath("background_image", "A picture drawn behind every slide except section slides "
              "(relative to the file that names it), or null.", markup=False),
    Section("weights", "Font weights.", group=Group("weights", "weights", (
        Choice("title", "Slide titles and the title and section slides' titles.",
               choices=WEIGHTS),
        Choice("heading", "Column headings.", choices=WEIGHTS),
    ))),
), intro="A theme file, and a deck's `style:`.")


def theme_key(path: tuple[str, ...]) -> Key | None:
    """The declared theme key at dotted ``path`` (``("colors", "accent")``), or ``None``."""
    group, key = THEME, None
    for name in path:
        if group is None or name not in group:
            return None
        key = group[name]
        group = key.group if isinstance(key, Section) else None
    return key


def theme_image_paths() -> tuple[tuple[str, ...], ...]:
    """Dotted paths of the theme keys that name a picture file."""
    out = []
    for key in THEME:
        if isinstance(key, ImagePath):
            out.append((key.name,))
        elif isinstance(key, Section):
            out.extend((key.name, sub.name) for sub in key.group if isinstance(sub, ImagePath))
    return tuple(out)
