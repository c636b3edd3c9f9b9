"""Diagrams: Graphviz DOT laid out by Graphviz's ``dot`` around labels measured in the theme's
font, scaled into a box, as a renderer-neutral frame of shapes and connectors.

Graphviz places the nodes (ranks, order, crossings); the labels are measured here, so every
node is sized for its own text; each edge becomes a straight connector between connection
sites of its two shapes (the middle of a side, where PowerPoint's connectors attach), the
same line in the PPTX and in the HTML's SVG.
"""

from __future__ import annotations

import logging
import math
import re
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Mapping

from generator.layout.measure import HEIGHT_SAFETY, INSET_X, INSET_Y, WIDTH_SAFETY, Measure
from generator.layout.page import (
    Box,
    DiagramEdge,
    DiagramFrame,
    DiagramLabel,
    DiagramNode,
    Frame,
)
from generator.layout.segment import Atom, Context, Kind
from generator.source.model import Block, Diagram, Mark

DOT_TIMEOUT = 20  # seconds Graphviz may take to lay out one diagram
INSTALL_HINT = ("install Graphviz: apt-get install graphviz (Debian, Ubuntu), dnf install "
                "graphviz (Fedora), brew install graphviz (macOS), or from graphviz.org")
# Graphviz shapes to the shapes drawn (PowerPoint's preset geometry names).
SHAPES = {
    "box": "rect", "rect": "rect", "rectangle": "rect", "square": "rect", "note": "rect",
    "tab": "rect", "folder": "rect", "component": "rect", "box3d": "rect", "cylinder": "rect",
    "ellipse": "ellipse", "oval": "ellipse", "circle": "ellipse", "doublecircle": "ellipse",
    "point": "ellipse", "egg": "ellipse",
    "diamond": "diamond", "Mdiamond": "diamond", "rhombus": "diamond",
    "plaintext": "text", "plain": "text", "none": "text", "underline": "text",
}
TOP, LEFT, BOTTOM, RIGHT = range(4)
LABEL_WIDTH = 8.0  # a node's label wraps at this many ems
LINE_EM = 1 / 16  # connector and outline weight, a share of the label size (1.5 pt at 24 pt)
MIN_LINE = 0.75  # points

log = logging.getLogger("generator")


class DiagramError(Exception):
    """A diagram Graphviz cannot lay out; ``line`` counts from the diagram's first line."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def run_dot(source: str, timeout: float = DOT_TIMEOUT) -> dict:
    """Graphviz's layout of DOT ``source`` as its JSON (``dot -Tjson0``); each source is laid
    out once per process (a slide is measured at several sizes and widths)."""
    import json

    return json.loads(_dot_json(source, timeout))


@lru_cache(maxsize=256)
def _dot_json(source: str, timeout: float) -> str:
    import shutil
    import subprocess  # only for decks with a diagram: a cold build of others never loads it

    dot = shutil.which("dot")
    if dot is None:
        raise DiagramError(f"diagrams need Graphviz's 'dot' program, which is not on the PATH: "
                           f"{INSTALL_HINT}")
    try:
        done = subprocess.run([dot, "-Tjson0"], input=source, capture_output=True, text=True,
                              timeout=timeout)
    except subprocess.TimeoutExpired as err:
        raise DiagramError(f"Graphviz took more than {timeout:g} s to lay out the diagram; "
                           "simplify it") from err
    if done.returncode != 0:
        message = done.stderr.strip().splitlines()[0] if done.stderr.strip() else "no output"
        line = re.search(r"line (\d+)", message)
        message = re.sub(r"^(Error|Warning): (<stdin>: )?", "", message)
        raise DiagramError(f"Graphviz cannot read the diagram: {message}",
                           int(line.group(1)) if line else None)
    return done.stdout


@dataclass(frozen=True)
class _Node:
    name: str
    lines: tuple[str, ...]
    shape: str
    dashed: bool


def lay_out_diagram(source: str, box: Box, m: Measure, size: float) -> DiagramFrame:
    """The DOT ``source`` laid out at the top of ``box``, centred across it, with labels at
    ``size`` or smaller: scaled down (never up) until the whole diagram fits. The frame's
    ``box`` is what it covers, its ``size`` how small its labels had to get (the caller warns
    below the theme's minimum)."""
    first = run_dot(source)
    nodes = [_read_node(obj, first.get("name", "")) for obj in first.get("objects", ())
             if "nodes" not in obj]  # subgraphs list their nodes; nodes do not
    sizes = {n.name: _node_size(m, n, size) for n in nodes}
    directions = ("",) if "rankdir" in first else ("TB", "LR")  # the lecturer's, or the fitter
    frames = [_frame(run_dot(_with_sizes(source, sizes, size, first, rankdir)), nodes, box, m,
                     size, first.get("directed", True)) for rankdir in directions]
    fill, line = diagram_colors(m.theme.colors)
    return replace(max(frames, key=lambda frame: frame.size), fill=fill, line=line)


def diagram_colors(colors: Mapping[str, str]) -> tuple[str, str]:
    """The theme colours of a diagram's shapes and lines: labels (``text``) sit on
    ``code_background`` when they keep 4.5:1 contrast there (else on ``background``), and
    outlines and connectors are ``accent`` when it keeps 3:1 against the slide (WCAG's rule
    for graphics), else ``text``."""
    from generator.themes.theme import BODY_TEXT, contrast_ratio

    fill = "code_background" if contrast_ratio(colors["text"], colors["code_background"]) \
        >= BODY_TEXT else "background"
    line = "accent" if contrast_ratio(colors["accent"], colors["background"]) >= 3 else "text"
    return fill, line


def size_warning(frame: DiagramFrame, minimum: float, where: str) -> str | None:
    """What to tell the lecturer when a diagram's labels had to go below the theme's
    ``minimum`` to fit (``None`` when they did not)."""
    if frame.size >= minimum - 0.05:
        return None
    return (f"{where}: the diagram fits only with its labels at {frame.size:.1f} pt, below the "
            f"theme's minimum of {minimum:g} pt; give it a slide of its own, shorten its labels "
            "or split it in two")


def _read_node(obj: dict, graph_name: str) -> _Node:
    """A node as the lecturer wrote it: its label's lines (DOT's ``\\n``, ``\\l``, ``\\r``
    break them), shape and style."""
    name = obj.get("name", "")
    label = obj.get("label", "\\N")
    label = label.replace("\\N", name).replace("\\G", graph_name)
    if label.startswith("<") and label.endswith(">"):  # an HTML-like label: its text only
        label = re.sub(r"<br\s*/?>", "\\n", label[1:-1], flags=re.I)
        label = re.sub(r"<[^>]+>", "", label)
    lines = tuple(part.replace("\\\\", "\\").strip() for part in re.split(r"\\[nlr]", label))
    style = obj.get("style", "")
    shape = SHAPES.get(obj.get("shape", "ellipse"), "rect")
    if shape == "rect" and "rounded" in style:
        shape = "roundRect"
    return _Node(name, tuple(line for line in lines if line) or ("",), shape,
                 "dashed" in style or "dotted" in style)


def _text_width(m: Measure, text: str, size: float) -> float:
    return m.text_em(m.faces[("body", False, False)], text) * size * WIDTH_SAFETY


def _wrapped(m: Measure, lines: tuple[str, ...], size: float) -> tuple[str, ...]:
    """A label's lines, each longer than :data:`LABEL_WIDTH` ems broken between words."""
    out: list[str] = []
    for line in lines:
        out.extend(m.wrap(line, size, LABEL_WIDTH * size) if line else [""])
    return tuple(out)


def _label_box(m: Measure, lines: tuple[str, ...], size: float) -> tuple[float, float]:
    """The width and height a label's lines take at ``size``, with a text box's insets."""
    width = max((_text_width(m, line, size) for line in lines), default=0.0)
    return width + 2 * INSET_X, len(lines) * m.line_height(size) + 2 * INSET_Y


def _node_size(m: Measure, node: _Node, size: float) -> tuple[float, float]:
    """A node's width and height in points: its label's box, with room around it in a box,
    and the box circumscribed by an ellipse or a diamond."""
    w, h = _label_box(m, _wrapped(m, node.lines, size), size)
    if node.shape in ("rect", "roundRect"):
        return w + size * 0.6, h + size * 0.4
    if node.shape == "ellipse":
        return w * math.sqrt(2) + size * 0.2, h * math.sqrt(2) + size * 0.2
    if node.shape == "diamond":
        return 2 * w, 2 * h
    return w, h


def _quoted(name: str) -> str:
    return '"' + name.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _with_sizes(source: str, sizes: dict[str, tuple[float, float]], size: float,
                graph: dict, rankdir: str) -> str:
    """``source`` with each node fixed at its measured size (inches), edge labels set at
    ``size``, the gaps between nodes and ranks in proportion to it (unless the diagram sets
    them) and the flow's direction when the fitter chooses it, written as statements after
    the graph's own (later attributes win in DOT)."""
    opening = _body_start(source)
    closing = source.rstrip().rfind("}")
    defaults = f"edge [fontsize={size:.2f}, fontname=\"Helvetica\"]; "
    gaps = {"nodesep": 0.6 * size / 72, "ranksep": 0.7 * size / 72}
    defaults += "".join(f"{name}={value:.3f}; " for name, value in gaps.items()
                        if name not in graph)
    defaults += f"rankdir={rankdir}; " if rankdir else ""
    fixed = "".join(f"{_quoted(name)} [fixedsize=true, width={w / 72:.4f}, "
                    f"height={h / 72:.4f}]; " for name, (w, h) in sizes.items())
    return (source[:opening] + defaults + source[opening:closing] + "\n" + fixed
            + source[closing:])


def _body_start(source: str) -> int:
    """The offset just after the graph's opening brace (outside quoted names)."""
    quoted = False
    for i, char in enumerate(source):
        if char == '"' and (i == 0 or source[i - 1] != "\\"):
            quoted = not quoted
        elif char == "{" and not quoted:
            return i + 1
    raise DiagramError("a DOT diagram is 'digraph { … }' or 'graph { … }': no '{' found")


def _frame(data: dict, nodes: list[_Node], box: Box, m: Measure, size: float,
           directed: bool) -> DiagramFrame:
    """The laid-out graph scaled (down only) to fit ``box``, at its top and centred across
    it, y pointing down; the frame's box is the one around its shapes, labels and lines."""
    x0, y0, x1, y1 = (float(v) for v in data.get("bb", "0,0,0,0").split(","))
    width, height = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    scale = min(box.w / width, box.h / height, 1.0)
    left = box.x + (box.w - width * scale) / 2
    top = box.y

    def at(x: float, y: float) -> tuple[float, float]:
        return left + (x - x0) * scale, top + (y1 - y) * scale

    by_name = {n.name: n for n in nodes}
    placed: list[DiagramNode] = []
    index: dict[int, int] = {}
    label_size = size * scale
    for obj in data.get("objects", ()):
        node = by_name.get(obj.get("name", "")) if "pos" in obj else None
        if node is None:
            continue
        cx, cy = at(*(float(v) for v in obj["pos"].split(",")))
        w, h = float(obj["width"]) * 72 * scale, float(obj["height"]) * 72 * scale
        shape_box = Box(cx - w / 2, cy - h / 2, w, h)
        lines = _wrapped(m, node.lines, size)
        lw, lh = _label_box(m, lines, label_size)
        label = DiagramLabel(Box(cx - lw / 2, cy - lh / 2, lw, lh), lines, label_size)
        index[obj["_gvid"]] = len(placed)
        placed.append(DiagramNode(node.name, node.shape, shape_box, label, node.dashed))
    edges = tuple(e for e in (_edge(obj, index, placed, m, label_size, directed)
                              for obj in data.get("edges", ())) if e is not None)
    weight = max(MIN_LINE, label_size * LINE_EM * 1.5)
    return DiagramFrame(_bounds(placed, edges, box, weight), tuple(placed), edges, label_size,
                        weight)


def _bounds(nodes: list[DiagramNode], edges: tuple[DiagramEdge, ...], box: Box,
            weight: float) -> Box:
    """The box around every shape, label and line (``weight`` wide) of a diagram, within
    ``box``."""
    boxes = [n.box for n in nodes] + [e.label.box for e in edges if e.label is not None]
    if not boxes:
        return Box(box.x, box.y, box.w, 0.0)
    points = [p for e in edges for p in (e.start, e.end)]
    half = weight / 2
    x0 = max(box.x, min([b.x for b in boxes] + [p[0] for p in points]) - half)
    y0 = max(box.y, min([b.y for b in boxes] + [p[1] for p in points]) - half)
    x1 = min(box.right, max([b.right for b in boxes] + [p[0] for p in points]) + half)
    y1 = min(box.bottom, max([b.bottom for b in boxes] + [p[1] for p in points]) + half)
    return Box(x0, y0, x1 - x0, y1 - y0)


def _edge(obj: dict, index: dict[int, int], nodes: list[DiagramNode], m: Measure,
          size: float, directed: bool) -> DiagramEdge | None:
    """An edge as a connector between the facing sides of its nodes; a loop on one node is
    left out (PowerPoint connectors join two shapes)."""
    tail, head = index.get(obj.get("tail")), index.get(obj.get("head"))
    if tail is None or head is None or tail == head:
        return None
    tail_side, head_side = _facing(nodes[tail].box, nodes[head].box)
    direction = obj.get("dir", "forward" if directed else "none")
    head_arrow = direction in ("forward", "both") and obj.get("arrowhead") != "none"
    tail_arrow = direction in ("back", "both") and obj.get("arrowtail") != "none"
    start, end = nodes[tail].site(tail_side), nodes[head].site(head_side)
    label = None
    lines = tuple(t.strip() for t in re.split(r"\\[nlr]", obj.get("label", "")) if t.strip())
    if lines:  # on the middle of the line, which it interrupts
        cx, cy = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
        lw, lh = _label_box(m, lines, size)
        label = DiagramLabel(Box(cx - lw / 2, cy - lh / 2, lw, lh), lines, size)
    style = obj.get("style", "")
    return DiagramEdge(tail, head, tail_side, head_side, start, end, head_arrow, tail_arrow,
                       label, "dashed" in style or "dotted" in style)


def _facing(a: Box, b: Box) -> tuple[int, int]:
    """The sides of ``a`` and ``b`` that face each other: top and bottom when ``b`` lies
    more above or below ``a`` than beside it (for their sizes), else left and right."""
    dx = (b.x + b.w / 2) - (a.x + a.w / 2)
    dy = (b.y + b.h / 2) - (a.y + a.h / 2)
    if abs(dy) * (a.w + b.w) >= abs(dx) * (a.h + b.h):
        return (BOTTOM, TOP) if dy > 0 else (TOP, BOTTOM)
    return (RIGHT, LEFT) if dx > 0 else (LEFT, RIGHT)


# -- the diagram as a block ----------------------------------------------------------------------

LABEL_SHARE = 0.75  # beside other blocks, labels keep at least this share of the body size


class DiagramKind(Kind):
    """A diagram: as large as the height left over allows (labels at most at the body size),
    shrinking beside other blocks until its labels reach :data:`LABEL_SHARE` of the body size
    (and never below the theme's minimum); never split."""

    name = "diagram"
    elastic = True

    def height(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
               width: float, room: float) -> float | None:
        diagram = blocks[atoms[0].block]
        whole = self.lay_out(ctx, diagram, Box(0, 0, width, room * HEIGHT_SAFETY), size)
        least = max(ctx.fit.minimum, LABEL_SHARE * size)
        if whole.size <= least:
            return whole.box.h
        return whole.box.h * least / whole.size

    def place(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
              box: Box) -> list[Frame]:
        diagram = blocks[atoms[0].block]
        frame = self.lay_out(ctx, diagram, box, size)
        warning = size_warning(frame, ctx.fit.minimum, ctx.where(diagram.mark))
        if warning is not None:
            log.warning("%s", warning)
        return [frame]

    def lay_out(self, ctx: Context, diagram: Diagram, box: Box, size: float) -> DiagramFrame:
        """``diagram`` laid out in ``box``; Graphviz's errors located in the deck."""
        try:
            frame = lay_out_diagram(diagram.dot, box, ctx.m, size)
        except DiagramError as err:
            raise ctx.error(_error_mark(diagram, err), err.message) from err
        return replace(frame, description=diagram.alt)


def _error_mark(diagram: Diagram, err: DiagramError) -> Mark | None:
    """Where Graphviz's error is in the deck: its line of the DOT, else the diagram."""
    mark = diagram.mark
    if mark is None or not (diagram.line and err.line):
        return mark
    return Mark(mark.path, diagram.line + err.line - 1, 1)
