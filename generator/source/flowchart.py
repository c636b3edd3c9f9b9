"""The flowchart syntax lecturers know from Mermaid (``flowchart LR``, ``A[Text] -->|yes|
B{Decision}``), the subset docs/diagrams.md lists, converted to Graphviz DOT.

Mermaid's styling statements (``style``, ``classDef``, ``class``, ``linkStyle``, ``click``)
are read and left out: a deck's diagrams take the theme's colours. Anything else outside the
subset is an error located at its offset in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

DIRECTIONS = {"TB": "TB", "TD": "TB", "BT": "BT", "LR": "LR", "RL": "RL"}
# Mermaid's node shapes (opening, closing) to Graphviz attributes; longest openings first.
SHAPES = (
    ("([", "])", 'shape=box, style=rounded'),  # stadium
    ("[[", "]]", "shape=box"),  # subroutine
    ("[(", ")]", "shape=cylinder"),  # database
    ("((", "))", "shape=circle"),
    ("{{", "}}", "shape=box"),  # hexagon
    ("[/", "/]", "shape=box"),  # parallelogram (input, output)
    ("[\\", "\\]", "shape=box"),  # parallelogram, leaning left
    ("[/", "\\]", "shape=box"),  # trapezoid
    ("[\\", "/]", "shape=box"),  # trapezoid, upside down
    ("[", "]", "shape=box"),
    ("(", ")", "shape=box, style=rounded"),
    ("{", "}", "shape=diamond"),
    (">", "]", "shape=box"),  # asymmetric
)
IGNORED = ("style", "classDef", "class", "linkStyle", "click")
_HEADER = re.compile(r"^\s*(flowchart|graph)(?:\s+(\w+))?\s*;?\s*$")
_ID = re.compile(r"[A-Za-z0-9_][\w-]*")
# A link: a plain arrow or line, optionally |text|; or text inside one (-- text -->).
_LINK = re.compile(
    r"\s*(?:(?P<open>--|-\.|==)\s*(?P<inner>[^\s>|-][^|>]*?)\s*(?P<close>-->|---|\.->|\.-|==>|"
    r"===)|(?P<plain><-->|<-\.->|<==>|-->|---|-\.->|-\.-|==>|===))\s*(?:\|(?P<text>[^|]*)\|)?"
    r"\s*")


class FlowchartError(Exception):
    """A flowchart outside the subset; ``offset`` is where in its text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass
class _Chart:
    direction: str | None = None
    nodes: dict[str, str] = field(default_factory=dict)  # id -> Graphviz attributes
    edges: list[str] = field(default_factory=list)


def to_dot(text: str) -> str:
    """The flowchart ``text`` as a DOT digraph (no ``rankdir`` when it names no direction:
    the layout then picks the one that fits best)."""
    chart = _Chart()
    lines = text.split("\n")
    start = 0
    header_seen = False
    for line in lines:
        for piece, at in _statements(line, start):
            if not header_seen:
                chart.direction = _header(piece, at)
                header_seen = True
            else:
                _statement(chart, piece, at)
        start += len(line) + 1
    if not header_seen:
        raise FlowchartError("a flowchart starts with 'flowchart' (or 'graph') and a "
                             "direction: TD, LR, BT or RL", 0)
    body = "".join(f'  "{name}" [{attrs}];\n' for name, attrs in chart.nodes.items())
    body += "".join(f"  {edge};\n" for edge in chart.edges)
    rankdir = f"  rankdir={chart.direction};\n" if chart.direction else ""
    return f"digraph {{\n{rankdir}{body}}}\n"


def _statements(line: str, start: int):
    """The statements of one line (``;`` separates them; ``%%`` starts a comment), each with
    the offset in the whole text where it starts."""
    code = line.split("%%", 1)[0]
    at = 0
    for piece in _split_outside_text(code):
        if piece.strip():
            yield piece, start + at
        at += len(piece) + 1


def _split_outside_text(code: str) -> list[str]:
    """``code`` split at ``;`` not inside a quoted label."""
    pieces, current, quoted = [], "", False
    for char in code:
        if char == '"':
            quoted = not quoted
        if char == ";" and not quoted:
            pieces.append(current)
            current = ""
        else:
            current += char
    return pieces + [current]


def _header(piece: str, at: int) -> str | None:
    m = _HEADER.match(piece)
    if m is None:
        raise FlowchartError("a flowchart starts with 'flowchart' (or 'graph') and a "
                             f"direction: TD, LR, BT or RL; got {piece.strip()!r}",
                             at + len(piece) - len(piece.lstrip()))
    if m.group(2) is None:
        return None
    if m.group(2).upper() not in DIRECTIONS:
        raise FlowchartError(f"unknown flowchart direction {m.group(2)!r}: use TD (or TB), LR, "
                             "BT or RL", at + m.start(2))
    return DIRECTIONS[m.group(2).upper()]


def _statement(chart: _Chart, piece: str, at: int) -> None:
    """One statement: nodes joined by links (``A --> B -->|no| C``, ``A & B --> C``)."""
    word = piece.split(None, 1)[0]
    pos = len(piece) - len(piece.lstrip())
    if word in IGNORED:
        return
    if word in ("subgraph", "end", "direction"):
        raise FlowchartError(f"'{word}' is not part of the flowchart subset deck reads "
                             "(docs/diagrams.md): boxes around groups of nodes are not drawn",
                             at + pos)
    group, pos = _group(chart, piece, pos, at)
    while pos < len(piece.rstrip()):
        m = _LINK.match(piece, pos)
        if m is None:
            raise FlowchartError("expected a link (-->, ---, -.->, ==>, optionally with "
                                 "|text|) or the end of the statement", at + pos)
        pos = m.end()
        following, pos = _group(chart, piece, pos, at)
        for tail in group:
            for head in following:
                chart.edges.append(_edge(tail, head, m))
        group = following


def _group(chart: _Chart, piece: str, pos: int, at: int) -> tuple[list[str], int]:
    """Nodes joined by ``&`` from ``pos``: their ids and where the group ends."""
    names = []
    while True:
        name, pos = _node(chart, piece, pos, at)
        names.append(name)
        rest = piece[pos:]
        if not rest.lstrip().startswith("&"):
            return names, pos
        pos += len(rest) - len(rest.lstrip()) + 1
        pos += len(piece[pos:]) - len(piece[pos:].lstrip())


def _node(chart: _Chart, piece: str, pos: int, at: int) -> tuple[str, int]:
    """A node id with an optional shape and label, recorded on first sight (a later mention
    with a label relabels it, as in Mermaid)."""
    pos += len(piece[pos:]) - len(piece[pos:].lstrip())
    m = _ID.match(piece, pos)
    if m is None:
        raise FlowchartError("expected a node: an id such as A or step_2, optionally with its "
                             "text in [ ], ( ), { } or (( ))", at + pos)
    name, pos = m.group(0), m.end()
    unclosed = None
    for opening, closing, attrs in SHAPES:
        if piece.startswith(opening, pos):
            end = _closing(piece, pos + len(opening), closing)
            if end < 0:
                unclosed = unclosed or closing
                continue
            label = piece[pos + len(opening):end].strip()
            if len(label) > 1 and label[0] == label[-1] == '"':
                label = label[1:-1]
            chart.nodes[name] = f'label="{_escaped(label)}", {attrs}'
            return name, end + len(closing)
    if unclosed is not None:
        raise FlowchartError(f"this node's text is not closed: expected {unclosed!r}", at + pos)
    chart.nodes.setdefault(name, f'label="{_escaped(name)}", shape=box')
    return name, pos


def _closing(piece: str, start: int, closing: str) -> int:
    """Where ``closing`` ends a label that starts at ``start`` (quotes may hide brackets)."""
    if piece.startswith('"', start):
        quote = piece.find('"', start + 1)
        if quote >= 0:
            found = piece.find(closing, quote + 1)
            return found
    return piece.find(closing, start)


def _edge(tail: str, head: str, m: re.Match[str]) -> str:
    arrow = m.group("plain") or m.group("close")
    attrs = []
    text = m.group("text") if m.group("text") is not None else m.group("inner")
    if text and text.strip():
        label = text.strip()
        if len(label) > 1 and label[0] == label[-1] == '"':
            label = label[1:-1]
        attrs.append(f'label="{_escaped(label)}"')
    if "." in arrow or (m.group("open") or "") == "-.":
        attrs.append("style=dashed")
    if "=" in arrow:
        attrs.append("penwidth=2")
    if arrow.startswith("<"):
        attrs.append("dir=both")
    elif not arrow.endswith(">"):
        attrs.append("arrowhead=none")
    return f'"{tail}" -> "{head}"' + (f" [{', '.join(attrs)}]" if attrs else "")


def _escaped(text: str) -> str:
    """Label text as a DOT string: quotes and backslashes escaped, ``<br>`` a line break."""
    text = text.replace("\\", "\\\\").replace('"', '\\"')
    return re.sub(r"<br\s*/?>", r"\\n", text, flags=re.I)
