"""Draw diagrams and QR codes as native PowerPoint shapes: a diagram is one group of preset
shapes with their labels and straight connectors glued to them (move a box in PowerPoint and
its arrows follow); a QR code is one shape whose path is its dark modules."""

from __future__ import annotations

from generator.layout.page import DiagramFrame, DiagramLabel, QRFrame
from generator.pptx import xml as X
from generator.pptx.blocks import Canvas


def diagram(slide: Canvas, frame: DiagramFrame) -> int:
    """``frame`` as one group on the slide; returns the group's shape id."""
    group_id = slide.shapes.next_id()
    next_id = group_id + 1
    fill, line = slide.color(frame.fill), slide.color(frame.line)
    ids: list[int] = []
    children: list[str] = []
    for node in frame.nodes:
        ids.append(next_id)
        text_only = node.shape == "text"
        children.append(X.preset_shape_xml(
            next_id, f"{_kind(node.shape)}: {' '.join(node.label.lines)}"[:80],
            slide.box_emu(node.box), "rect" if text_only else node.shape,
            None if text_only else fill,
            X.line_xml(frame.line_width * slide.scale, None if text_only else line,
                       node.dashed), _label(slide, node.label, frame.text),
            (0.0, 0.0)))
        next_id += 1
    for number, edge in enumerate(frame.edges, start=1):
        tail, head = frame.nodes[edge.tail], frame.nodes[edge.head]
        children.append(X.connector_xml(
            next_id, f"Connector {number}: {tail.name} to {head.name}",
            _point(slide, edge.start), _point(slide, edge.end),
            (ids[edge.tail], tail.site_index(edge.tail_side)),
            (ids[edge.head], head.site_index(edge.head_side)),
            X.line_xml(frame.line_width * slide.scale, line, edge.dashed, edge.tail_arrow,
                       edge.head_arrow)))
        next_id += 1
        if edge.label is not None:
            children.append(X.preset_shape_xml(
                next_id, f"Label: {' '.join(edge.label.lines)}"[:80],
                slide.box_emu(edge.label.box), "rect", slide.color("background"),
                X.line_xml(0, None), _label(slide, edge.label, frame.text), (0.0, 0.0)))
            next_id += 1
    slide.shapes.add(next_id - 1, X.group_xml(
        group_id, f"Diagram {group_id}", slide.box_emu(frame.box), "".join(children),
        frame.description))
    slide.shape_ids[id(frame)] = group_id
    return group_id


def _kind(shape: str) -> str:
    return {"rect": "Box", "roundRect": "Box", "ellipse": "Ellipse", "diamond": "Decision",
            "text": "Text"}[shape]


def _point(slide: Canvas, point: tuple[float, float]) -> tuple[int, int]:
    return X.emu(point[0] * slide.sx), X.emu(point[1] * slide.sy)


def _label(slide: Canvas, label: DiagramLabel, color: str) -> str:
    """A label's lines as one centred paragraph, broken where the layout broke them."""
    size = label.size * slide.scale
    ppr = '<a:pPr algn="ctr" marL="0" indent="0"><a:lnSpc><a:spcPct val="100000"/></a:lnSpc>' \
          '<a:spcBef><a:spcPts val="0"/></a:spcBef><a:spcAft><a:spcPts val="0"/></a:spcAft>' \
          '<a:buNone/></a:pPr>'
    runs = X.run_xml("\n".join(label.lines), size, False, False, slide.lang, "+mn-lt",
                     slide.color(color))
    return X.paragraph_xml(ppr, runs, slide.lang, size)


def qr(slide: Canvas, frame: QRFrame) -> int:
    """A QR code as one group: its light square and one shape whose path is every dark
    module (a click on it in the slide show opens the link); returns the group's id. Its
    address is a text frame of its own."""
    group_id = slide.shapes.next_id()
    box = slide.box_emu(frame.box)
    light = f'<a:srgbClr val="{frame.light.lstrip("#").upper()}"/>'
    dark = f'<a:srgbClr val="{frame.dark.lstrip("#").upper()}"/>'
    rid = slide.package.link(slide.part, frame.url)
    children = (X.rectangle_xml(group_id + 1, "QR code background", _emu_box(box), light,
                                lang=slide.lang)
                + X.path_shape_xml(group_id + 2, "QR code", f"QR code: {frame.url}", box,
                                   (frame.modules, frame.modules), frame.rectangles, dark, rid))
    slide.shapes.add(group_id + 2, X.group_xml(group_id, f"QR code {group_id}", box, children,
                                               f"QR code: {frame.url}"))
    slide.shape_ids[id(frame)] = group_id
    return group_id


def _emu_box(box: tuple[int, int, int, int]) -> tuple[float, float, float, float]:
    """An EMU box in points, as ``rectangle_xml`` takes it."""
    return tuple(v / X.EMU_PER_PT for v in box)  # type: ignore[return-value]
