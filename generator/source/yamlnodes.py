"""Safe YAML reading into marked nodes, and typed accessors that collect located problems."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path
from typing import Iterable

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem, SourceError
from generator.source.model import Mark

MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ALIASES = 100
MAX_NODES = 500_000
MAX_QUOTED_LINE = 200  # an error message quotes the line it points at only up to this long

_STANDARD_TAGS = {
    "tag:yaml.org,2002:" + t
    for t in ("str", "int", "float", "bool", "null", "seq", "map", "timestamp", "merge", "binary")
}
# Control characters, and what XML 1.0 cannot hold at all (lone surrogates, U+FFFE, U+FFFF).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
# Every way of writing a line break becomes "\n"; a paragraph separator becomes a blank line.
_BREAKS = re.compile("\r\n|[\r\x85\u2028\ufdd0\ufdd1]")
# YAML 1.1 (PyYAML, libyaml) takes U+0085, U+2028 and U+2029 for line breaks, where editors
# (and YAML 1.2) see a character inside a line: before YAML reads the text, each becomes a
# noncharacter standing in for it, one for one, so every mark counts lines and columns as the
# editor does; the text of a value gets its break back (``normalize_text``).
_STAND_INS = str.maketrans({"\x85": "\ufdd0", "\u2028": "\ufdd1", "\u2029": "\ufdd2",
                            "\ufdd0": "\ufffd", "\ufdd1": "\ufffd", "\ufdd2": "\ufffd"})
_SEPARATORS = re.compile("[\x85\u2028\u2029\ufdd0-\ufdd2]")
_TRAILING = re.compile("[ \t]+(?=\n)")
_TRUE = {"true", "yes", "on"}
_FALSE = {"false", "no", "off"}


# libyaml's composer (C) is 10-20 times faster than PyYAML's; both keep marks and never expand
# aliases while composing (an alias is the same node object twice), so expansion is bounded
# by ``Reader.check_tags``, which counts every alias and every value it would expand to.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def mark_of(path: str, node: Node) -> Mark:
    """The 1-based position where ``node`` starts."""
    return Mark(path, node.start_mark.line + 1, node.start_mark.column + 1)


def read_yaml(path: Path, display: str, what: str = "deck") -> Node:
    """Read ``path`` and compose it into marked nodes, or raise ``SourceError``."""
    return read_yaml_source(path, display, what)[0]


def read_yaml_source(path: Path, display: str, what: str = "deck") -> tuple[Node, str]:
    """:func:`read_yaml`, and the file's text as it was read (for checks that look at the
    source lines themselves)."""
    try:
        size = path.stat().st_size
    except OSError as err:
        raise SourceError([Problem(display, None, None,
                                   f"cannot read {what} file: {err.strerror}")]) from err
    if size > MAX_FILE_BYTES:
        raise SourceError([Problem(display, None, None,
            f"{what} file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,} bytes")])
    text = as_editor_lines(_decoded(path.read_bytes(), display))
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
    except yaml.MarkedYAMLError as err:
        raise SourceError([_syntax_problem(err, text, display)]) from err
    except yaml.YAMLError as err:
        raise SourceError([Problem(display, None, None, f"YAML error: {err}")]) from err
    finally:
        loader.dispose()
    if node is None or (isinstance(node, ScalarNode) and node.tag.endswith(":null")):
        raise SourceError([Problem(display, 1, 1, f"{what} file is empty: expected a mapping "
            "with at least 'title' and 'slides'" if what == "deck" else f"{what} file is empty")])
    return node, text


def as_editor_lines(text: str) -> str:
    """``text`` with every line ending a ``\n`` (CR LF and a lone CR, as old Macs saved files,
    are line ends), and U+0085, U+2028 and U+2029 held by stand-ins (see ``_STAND_INS``): its
    lines are the lines an editor shows, and YAML's marks point into them."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _SEPARATORS.search(text):
        text = text.translate(_STAND_INS)
    return text


def _decoded(raw: bytes, display: str) -> str:
    """The file's bytes as text (a UTF-8 BOM dropped), or a ``SourceError`` at the bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        before = raw[: err.start]
        line = before.count(b"\n") + 1
        column = err.start - (before.rfind(b"\n") + 1) + 1
        raise SourceError([Problem(display, line, column,
            f"file is not valid UTF-8 (byte 0x{raw[err.start]:02x}); "
            "save it with UTF-8 encoding")]) from err


def _syntax_problem(err: yaml.MarkedYAMLError, text: str, display: str) -> Problem:
    """A YAML syntax error as a located problem, with advice for tabs and unquoted text."""
    mark = err.problem_mark or err.context_mark
    detail = err.problem or ""
    if err.context:
        started = ""
        if err.context_mark is not None and err.context_mark is not mark:
            started = (f" (started at line {err.context_mark.line + 1}, "
                       f"column {err.context_mark.column + 1})")
        detail = f"{err.context}{started}: {detail}"
    if mark is not None and _is_tab_at(text, mark.line, mark.column):
        detail += "; YAML does not allow tabs for indentation, use spaces"
    elif mark is not None:
        detail += quote_hint(text, mark.line)
    return Problem(display, mark.line + 1 if mark else None, mark.column + 1 if mark else None,
                   f"YAML syntax error: {detail}")


# A value that YAML reads as something other than text when it is not quoted: it starts with
# a character YAML gives a meaning to, or holds ": " (which makes a mapping).
_VALUE = re.compile(r"^(?P<lead>\s*(?:-\s+)*(?:[a-z_]+:\s+)?)(?P<value>\S.*?)\s*$")
_SPECIAL_START = "*[`\"&!|>%@{'"


def quote_hint(text: str, line: int) -> str:
    """``"; if this is text, …"`` advice for the YAML error on 0-based ``line`` of ``text``,
    when the line's value looks like text YAML misread; else ``""``."""
    lines = text.split("\n")
    if line >= len(lines) or len(lines[line]) > MAX_QUOTED_LINE or _CONTROL.search(lines[line]):
        return ""  # not a line of a deck: never quote it (it may be any file's content)
    m = _VALUE.match(lines[line])
    if m is None:
        return ""
    value = m.group("value")
    if value[0] not in _SPECIAL_START and ": " not in value:
        return ""
    quoted = '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return (f"; if this is text, put it in double quotes: {m.group('lead').strip()} {quoted}"
            .replace(":  ", ": ").rstrip())


def comment_and_tag_warnings(root: Node, text: str
                             ) -> tuple[list[Node], list[Node], list[Node]]:
    """Plain scalars followed by `` #…`` on their line (YAML drops it as a comment: likely
    meant as text, as in ``title: Lecture #7``), plain scalars with the bare ``!`` tag
    (``- ! important`` loses its ``!``), and plain scalars that go on over a line starting
    with ``- `` (meant as sub-bullets, but YAML joined them into the text)."""
    lines = text.split("\n")
    comments, bare_tags, joined = [], [], []
    stack = [root]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if not node.style:  # plain (PyYAML says None, libyaml "")
                end = node.end_mark
                rest = lines[end.line][end.column:] if end.line < len(lines) else ""
                if re.match(r" #\S", rest):
                    comments.append(node)
                start = node.start_mark
                if lines[start.line][start.column:start.column + 2] in ("! ", "!"):
                    bare_tags.append(node)
                if any(lines[i].lstrip().startswith("- ")
                       for i in range(start.line + 1, min(end.line + 1, len(lines)))):
                    joined.append(node)
        else:
            stack.extend(_children(node))
    return comments, bare_tags, joined


def _is_tab_at(text: str, line: int, column: int) -> bool:
    """True when the 0-based ``line``/``column`` of ``text`` holds a tab."""
    lines = text.split("\n")
    return line < len(lines) and lines[line][column:column + 1] == "\t"


def merged_pairs(node: MappingNode, merging: frozenset[int] = frozenset()
                 ) -> list[tuple[Node, Node]]:
    """The key/value pairs of ``node`` with YAML merge keys (``<<``) applied.

    Explicit keys override merged ones, and in ``<<: [*a, *b]`` the earlier mapping wins. A
    ``<<`` whose value is not a mapping (or a list of them) is kept as a pair, for the caller
    to report. A mapping that merges itself (through an alias) is merged once.
    """
    merging = merging | {id(node)}
    explicit = [(k, v) for k, v in node.value if not k.tag.endswith(":merge")]
    taken = {k.value for k, _ in explicit if isinstance(k, ScalarNode)}
    pairs: list[tuple[Node, Node]] = []
    for key, value in node.value:
        if not key.tag.endswith(":merge"):
            pairs.append((key, value))
            continue
        sources = value.value if isinstance(value, SequenceNode) else [value]
        if not all(isinstance(m, MappingNode) for m in sources):
            pairs.append((key, value))
            continue
        for source in sources:
            if id(source) in merging:
                continue
            for k, v in merged_pairs(source, merging):
                if isinstance(k, ScalarNode) and not k.tag.endswith(":merge"):
                    if k.value in taken:
                        continue
                    taken.add(k.value)
                pairs.append((k, v))
    return pairs


class Reader:
    """Walks composed nodes, converting values and collecting problems with their marks."""

    def __init__(self, display: str) -> None:
        self.path = display
        self.problems: list[Problem] = []
        self.slide: int | None = None
        self.slide_title: str | None = None

    # -- problems -----------------------------------------------------------------------------
    def error(self, node: Node | None, message: str) -> None:
        """Record a problem located at ``node``."""
        line = node.start_mark.line + 1 if node is not None else None
        column = node.start_mark.column + 1 if node is not None else None
        self.problems.append(Problem(self.path, line, column, message, self.slide,
                                     self.slide_title))

    def raise_if_any(self, cls: type[SourceError] = SourceError) -> None:
        """Raise all collected problems together, if there are any."""
        if self.problems:
            raise cls(self.problems)

    def mark(self, node: Node) -> Mark:
        return mark_of(self.path, node)

    def _fail(self, node: Node, message: str) -> None:
        raise SourceError([Problem(self.path, node.start_mark.line + 1,
                                   node.start_mark.column + 1, message)])

    def check_tags(self, node: Node) -> None:
        """Reject non-standard tags below ``node``, and bound aliases and their expansion."""
        sizes: dict[int, int] = {}  # id(node) -> values in its expanded subtree
        open_ids: set[int] = set()  # collections whose children are still being walked
        aliases = expanded = 0
        stack: list[tuple[Node, Node | None, bool]] = [(node, None, False)]
        while stack:
            current, parent, done = stack.pop()
            key = id(current)
            if done:
                open_ids.discard(key)
                sizes[key] = 1 + sum(sizes.get(id(c), 1) for c in _children(current))
            elif key in sizes or key in open_ids:  # an alias: the same node met again
                aliases += 1
                expanded += sizes.get(key, 1)
                self._check_expansion(parent or current, aliases, expanded)
            else:
                expanded += 1
                self._check_value(current, expanded)
                open_ids.add(key)
                stack.append((current, parent, True))
                stack.extend((child, current, False) for child in reversed(_children(current)))

    def _check_expansion(self, where: Node, aliases: int, expanded: int) -> None:
        """Stop at too many aliases, or at more values than a file may expand to."""
        if aliases > MAX_ALIASES:
            self._fail(where, f"too many aliases (more than {MAX_ALIASES}); alias "
                       "expansion is capped to protect against 'billion laughs' files")
        if expanded > MAX_NODES:
            self._fail(where, f"file expands to more than {MAX_NODES:,} values "
                       "(too many aliases?)")

    def _check_value(self, node: Node, count: int) -> None:
        """Stop at the value past the limit, or at a tag that is not plain data."""
        if count > MAX_NODES:
            self._fail(node, f"file has more than {MAX_NODES:,} values")
        if node.tag not in _STANDARD_TAGS:
            self._fail(node, f"tag {node.tag!r} is not allowed: deck and theme files "
                       "are plain data (no Python objects or custom tags)")

    # -- shapes -------------------------------------------------------------------------------
    @staticmethod
    def describe(node: Node) -> str:
        if isinstance(node, MappingNode):
            return "a mapping"
        if isinstance(node, SequenceNode):
            return "a list"
        if node.tag.endswith(":null"):
            return "nothing (null)"
        return f"{node.value!r}"

    def mapping(self, node: Node, allowed: Iterable[str], what: str,
                required: Iterable[str] = ()) -> dict[str, tuple[Node, Node]] | None:
        """Check that ``node`` is a mapping with only ``allowed`` keys; return ``{key: (k, v)}``."""
        if not isinstance(node, MappingNode):
            self.error(node,
                       f"{what} must be a mapping of keys to values, got {self.describe(node)}")
            return None
        allowed = list(allowed)
        out: dict[str, tuple[Node, Node]] = {}
        for key_node, value_node in merged_pairs(node):
            key = self._accepted_key(key_node, value_node, out, allowed, what)
            if key is not None:
                out[key] = (key_node, value_node)
        for key in required:
            if key not in out:
                self.error(node, f"{what} is missing required key {key!r}")
        return out

    def _accepted_key(self, key_node: Node, value_node: Node, seen: Iterable[str],
                      allowed: list[str], what: str) -> str | None:
        """The key of one pair of a mapping, or ``None`` after reporting why it is not taken:
        not a word, a ``<<`` of something other than mappings, a duplicate, or unknown."""
        if not isinstance(key_node, ScalarNode):
            self.error(key_node, f"keys in {what} must be plain words")
            return None
        key = key_node.value
        if key_node.tag.endswith(":merge"):
            self.error(value_node, f"'<<' merges mappings into this one: expected an alias of a "
                       f"mapping like *defaults, or a list of them, got "
                       f"{self.describe(value_node)}")
        elif key in seen:
            self.error(key_node, f"duplicate key {key!r} in {what}")
        elif key not in allowed:
            self.error(key_node, unknown_key_message(key, allowed, what))
        else:
            return key
        return None

    def sequence(self, node: Node, what: str) -> list[Node] | None:
        if not isinstance(node, SequenceNode):
            self.error(node, f"{what} must be a list (items starting with '- '), "
                       f"got {self.describe(node)}")
            return None
        return list(node.value)

    def text(self, node: Node, what: str, allow_empty: bool = False) -> str | None:
        """A scalar as text exactly as written (``1939`` stays ``"1939"``), minus control chars."""
        if isinstance(node, MappingNode) and node.flow_style:
            self.error(node, f"{what} must be text, got a mapping: YAML reads a value that "
                       "starts with '{' as one; put the text in double quotes, as in "
                       "\"{course.code} · Lecture {lecture.number}\"")
            return None
        if not isinstance(node, ScalarNode) or node.tag.endswith(":null"):
            self.error(node, f"{what} must be text, got {self.describe(node)}")
            return None
        value = normalize_text(node.value)
        if not allow_empty and not value.strip():
            self.error(node, f"{what} must not be empty")
            return None
        return value

    def flag(self, node: Node, what: str) -> bool | None:
        if isinstance(node, ScalarNode) and node.value.lower() in _TRUE | _FALSE:
            return node.value.lower() in _TRUE
        self.error(node, f"{what} must be true or false, got {self.describe(node)}")
        return None

    def number(self, node: Node, what: str, minimum: float | None = None,
               maximum: float | None = None) -> float | None:
        try:
            if not isinstance(node, ScalarNode) or node.tag.endswith((":bool", ":null")):
                raise ValueError
            value = float(node.value)
        except ValueError:
            self.error(node, f"{what} must be a number, got {self.describe(node)}")
            return None
        if (minimum is not None and value < minimum) or (maximum is not None and value > maximum):
            self.error(node, f"{what} must be between {minimum} and {maximum}, got {node.value}")
            return None
        return value

    def choice(self, node: Node, choices: Iterable[str], what: str) -> str | None:
        choices = list(choices)
        value = node.value if isinstance(node, ScalarNode) else None
        if value in choices:
            return value
        listed = ", ".join(repr(c) for c in choices)
        hint = did_you_mean(str(value), choices) if value is not None else ""
        self.error(node, f"{what} must be one of {listed}; got {self.describe(node)}{hint}")
        return None

    def plain(self, node: Node) -> object:
        """Convert a node to plain Python data with the same rules as ``text`` for scalars."""
        if isinstance(node, MappingNode):
            return {k.value: self.plain(v) for k, v in merged_pairs(node)}
        if isinstance(node, SequenceNode):
            return [self.plain(v) for v in node.value]
        return _scalar(node)


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [n for pair in node.value for n in pair]
    return []


def _scalar(node: ScalarNode) -> object:
    tag = node.tag.rsplit(":", 1)[-1]
    if tag == "null":
        return None
    if tag == "bool":
        return node.value.lower() in _TRUE
    if tag == "int":
        try:
            return int(node.value.replace("_", ""), 0)
        except ValueError:
            return node.value
    if tag == "float":
        try:
            return float(node.value.replace("_", ""))
        except ValueError:
            return node.value
    return normalize_text(node.value)


def normalize_text(value: str) -> str:
    """Text in the one form every later stage can measure and draw.

    Line breaks of any kind (``\\r\\n``, ``\\r``, U+0085, U+2028) become ``\\n`` and a paragraph
    separator (U+2029) a blank line; spaces and tabs before a line break and the breaks at
    either end (the final newline of a YAML block scalar) go; characters a PPTX cannot hold
    are dropped; the result is in Unicode normal form C (a decomposed accent is one character).
    Tabs and runs of spaces inside the text are kept.
    """
    value = _BREAKS.sub("\n", value.replace("\u2029", "\n\n").replace("\ufdd2", "\n\n"))
    value = _TRAILING.sub("", _CONTROL.sub("", value)).strip("\n")
    return unicodedata.normalize("NFC", value) if not value.isascii() else value


def scalar_position(buffer: str, node: Node, offset: int) -> tuple[int, int]:
    """1-based line and column of character ``offset`` of a scalar's value in the source text:
    found by searching the source for the value's text from there (quoting and block indents
    shift it); the scalar's own start when that text was written with escapes."""
    start, end = node.start_mark, node.end_mark
    needle = node.value[offset:].split("\n", 1)[0][:40]
    if buffer and needle:
        found = buffer.find(needle, start.index, end.index + 1)
        if found >= 0:
            line_start = buffer.rfind("\n", 0, found) + 1
            return buffer.count("\n", 0, found) + 1, found - line_start + 1
    return start.line + 1, start.column + 1


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean 'bullets'?"`` when a choice is close to ``word``, else ``""``."""
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""


def unknown_key_message(key: str, allowed: Iterable[str], what: str) -> str:
    allowed = list(allowed)
    hint = did_you_mean(key, allowed)
    listed = ", ".join(allowed)
    return f"unknown key {key!r} in {what}{hint} (valid keys: {listed})"
