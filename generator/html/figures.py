"""Draw diagrams and QR codes as inline SVG in the layout's geometry: the same shapes, lines
and label positions as the PPTX, coloured by the theme's CSS variables. The SVG fills the
element the frame's macro places at its box (templates/html/frames.html.j2)."""

from __future__ import annotations

from markupsafe import Markup, escape

from generator.layout.measure import INSET_Y
from generator.layout.page import Box, DiagramFrame, DiagramLabel, QRFrame

ROUNDING = 1 / 6  # a rounded box's corner radius, a share of its shorter side (PowerPoint's)


def _n(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _var(name: str) -> str:
    return f"var(--color-{name.replace('_', '-')})"


def diagram_svg(frame: DiagramFrame, uid: str) -> Markup:
    """``frame`` as one ``<svg>`` in the slide's coordinates (``uid`` names its arrowhead
    uniquely in the document); its description is the picture's accessible name."""
    box = frame.box
    line, fill = _var(frame.line), _var(frame.fill)
    width = _n(frame.line_width)
    out = [f'<svg class="diagram" viewBox="{_n(box.x)} {_n(box.y)} {_n(box.w)} {_n(box.h)}" '
           f'role="img" aria-label="{escape(frame.description)}">',
           f'<defs><marker id="arrow-{uid}" viewBox="0 0 10 10" refX="10" refY="5" '
           f'markerWidth="3" markerHeight="3" orient="auto-start-reverse">'
           f'<path d="M0,0 L10,5 L0,10 z" style="fill:{line}"/></marker></defs>']
    for node in frame.nodes:
        out.append(_shape(node.shape, node.box, f"fill:{fill};stroke:{line};stroke-width:"
                          f"{width}" + (";stroke-dasharray:4 3" if node.dashed else "")))
        out.append(_text(node.label, frame.text))
    for edge in frame.edges:
        (x0, y0), (x1, y1) = edge.start, edge.end
        marks = (f' marker-end="url(#arrow-{uid})"' if edge.head_arrow else "") + (
            f' marker-start="url(#arrow-{uid})"' if edge.tail_arrow else "")
        dash = ";stroke-dasharray:4 3" if edge.dashed else ""
        out.append(f'<line x1="{_n(x0)}" y1="{_n(y0)}" x2="{_n(x1)}" y2="{_n(y1)}" '
                   f'style="stroke:{line};stroke-width:{width}{dash}"{marks}/>')
        if edge.label is not None:
            b = edge.label.box
            out.append(f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" '
                       f'height="{_n(b.h)}" style="fill:var(--color-background)"/>')
            out.append(_text(edge.label, frame.text))
    out.append("</svg>")
    return Markup("".join(out))


def _shape(shape: str, b: Box, style: str) -> str:
    if shape == "text":
        return ""
    if shape == "ellipse":
        return (f'<ellipse cx="{_n(b.x + b.w / 2)}" cy="{_n(b.y + b.h / 2)}" rx="{_n(b.w / 2)}" '
                f'ry="{_n(b.h / 2)}" style="{style}"/>')
    if shape == "diamond":
        points = ((b.x + b.w / 2, b.y), (b.right, b.y + b.h / 2), (b.x + b.w / 2, b.bottom),
                  (b.x, b.y + b.h / 2))
        return (f'<polygon points="{" ".join(f"{_n(x)},{_n(y)}" for x, y in points)}" '
                f'style="{style}"/>')
    radius = f' rx="{_n(min(b.w, b.h) * ROUNDING)}"' if shape == "roundRect" else ""
    return (f'<rect x="{_n(b.x)}" y="{_n(b.y)}" width="{_n(b.w)}" height="{_n(b.h)}"{radius} '
            f'style="{style}"/>')


def _text(label: DiagramLabel, color: str) -> str:
    """A label's lines centred in its box, one ``tspan`` per line at the layout's pitch."""
    b = label.box
    pitch = (b.h - 2 * INSET_Y) / max(len(label.lines), 1)
    cx = _n(b.x + b.w / 2)
    spans = "".join(f'<tspan x="{cx}" y="{_n(b.y + INSET_Y + (i + 0.5) * pitch)}">'
                    f"{escape(line)}</tspan>" for i, line in enumerate(label.lines))
    return (f'<text text-anchor="middle" dominant-baseline="central" style="font-family:'
            f'var(--font-body);font-size:{_n(label.size)}px;fill:{_var(color)}">{spans}</text>')


def qr_svg(frame: QRFrame) -> Markup:
    """A QR code as an ``<svg>``: a light square and one path of its dark modules."""
    n = frame.modules
    path = "".join(f"M{x} {y}h{w}v{h}h-{w}z" for x, y, w, h in frame.rectangles)
    return Markup(f'<svg viewBox="0 0 {n} {n}" shape-rendering="crispEdges" role="img" '
                  f'aria-label="QR code: {escape(frame.url)}"><rect width="{n}" height="{n}" '
                  f'fill="{frame.light}"/><path d="{path}" fill="{frame.dark}"/></svg>')
