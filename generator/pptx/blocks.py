"""Draw a page's blocks as native PowerPoint shapes: pictures, full bleed, table, timeline, code."""

from __future__ import annotations

import re
from typing import Protocol

from generator.errors import BuildError
from generator.layout.measure import INSET_X, INSET_Y
from generator.layout.page import (
    CodeFrame,
    InlineFormula,
    PictureFrame,
    ShapeFrame,
    TableFrame,
    TextFrame,
    TimelineFrame,
)
from generator.pptx import xml as X
from generator.pptx.package import DeckPackage
from generator.source import inline
from generator.themes.theme import IMAGE_KINDS, Theme


class Canvas(Protocol):
    """What the block drawers use of the slide being written (``render._SlideDrawer``).

    ``package`` and ``part``: where pictures are embedded; ``shapes``: the slide's shapes, in
    reading order; ``shape_ids``: ``id()`` of each drawn frame or image -> its shape id (for
    the click animations); ``fallback_targets``: ``id()`` of a frame drawn for viewers
    without Office Math -> the shapes that show it there; ``sx``, ``sy``, ``scale``: from the
    laid-out slide to this one (1 unless a template's slides are another size); ``line``: the
    theme's line spacing; ``mono``: the code font.
    """

    package: DeckPackage
    part: str
    shapes: X.SlideXml
    shape_ids: dict[int, int]
    fallback_targets: dict[int, list[list[tuple[int, int | None]]]]
    theme: Theme
    lang: str
    rtl: bool
    sx: float
    sy: float
    scale: float
    line: float
    mono: str

    @property
    def slide_size(self) -> tuple[int, int]:
        """The slide's width and height, EMU."""

    def box_emu(self, box) -> tuple[int, int, int, int]:
        """A laid-out box on the slide (EMU), scaled to the slide size."""

    def text_box(self, frame: TextFrame, shape_id: int | None = None) -> str | None:
        """``frame`` in a text box of its own (as XML, with ``shape_id``)."""

    def runs(self, text: str, size: float | None, font: str | None, color: str | None,
             bold: bool = False, linear_math: bool = False, rtl: bool = False,
             gaps: tuple[InlineFormula, ...] | None = None, breaks: tuple[int, ...] = ()
             ) -> str:
        """``text``'s inline markup as runs (``rtl``: in a right-to-left paragraph; ``gaps``
        and ``breaks``: its formulas as gaps for their pictures, lines broken there)."""

    def formula_picture(self, tex: str, size: float, color: str | None, box,
                        display: bool) -> tuple[str, int]:
        """A formula drawn as a picture where the layout put it, and its shape id."""

    def reserved(self) -> int:
        """A new shape id, taken now (its shape's XML comes later)."""

    def color(self, value: str) -> str:
        """A run's colour."""

    def paint(self, value: str, alpha: float | None = None) -> str:
        """A shape's colour (a theme colour name or hex), at ``alpha`` opacity if given."""

    def where(self) -> str:
        """The page, for messages: ``file:line:col: slide N 'Title'``."""


def _scaled(slide: Canvas, box) -> tuple[float, float, float, float]:
    return (box.x * slide.sx, box.y * slide.sy, box.w * slide.sx, box.h * slide.sy)


def full_bleed(slide: Canvas, frames: list) -> str:
    """A full-bleed page's picture (cropped around its focus to cover the slide) and the
    scrim under its title, as XML to put first on the slide."""
    out = []
    for frame in frames:
        shape_id = slide.shapes.next_id()
        slide.shapes.add(shape_id, "")  # the id is taken; the XML goes under the title
        slide.shape_ids[id(frame)] = shape_id
        if isinstance(frame, PictureFrame):
            width, height = slide.slide_size
            image = frame.image
            rid, _, _ = slide.package.add_image(slide.part, str(image.path), width, height)
            svg_rid = slide.package.svg_original(slide.part, image.path)
            out.append(X.picture_xml(shape_id, f"Picture: {inline.plain(image.alt)[:60]}",
                                     image.alt, rid, slide.box_emu(frame.box), image.decorative,
                                     frame.crop, svg_rid))
        else:
            out.append(_shape_xml(slide, shape_id, frame))
    return "".join(out)


def shape(slide: Canvas, frame: ShapeFrame) -> None:
    """A plain shape in a theme colour."""
    shape_id = slide.shapes.next_id()
    slide.shapes.add(shape_id, _shape_xml(slide, shape_id, frame))


def _shape_xml(slide: Canvas, shape_id: int, frame: ShapeFrame) -> str:
    fill = slide.paint(frame.color, frame.alpha if frame.alpha < 1 else None)
    return X.rectangle_xml(shape_id, frame.name, _scaled(slide, frame.box), fill, frame.kind,
                           lang=slide.lang)


def place_picture(slide: Canvas, frame: PictureFrame,
                  before: X.SlidePlaceholder | None = None) -> None:
    """A picture in its box (its own shape, ahead of the ``before`` placeholder in reading
    order), its alternative text in ``descr``."""
    image, box = frame.image, frame.box
    x, y, w, h = slide.box_emu(box)
    cx, cy = X.emu(box.w * slide.scale), X.emu(box.h * slide.scale)  # keeps its aspect
    try:
        rid, width, height = slide.package.add_image(slide.part, str(image.path), cx, cy)
        svg_rid = slide.package.svg_original(slide.part, image.path)
    except Exception as err:  # PIL and resvg raise many kinds for a bad image
        raise BuildError(f"{slide.where()}: cannot embed image {image.path.name!r}: it is "
                         f"not a {IMAGE_KINDS} image ({err})") from err
    shape_id = slide.shape_ids[id(frame)] = slide.shapes.next_id()
    slide.shapes.add(shape_id, X.picture_xml(
        shape_id, f"Picture: {inline.plain(image.alt)[:60]}", image.alt, rid,
        (x + (w - cx) // 2, y + (h - cy) // 2, width, height), image.decorative,
        svg_rid=svg_rid), before)


_BOLD_RPR = re.compile(r'<a:rPr(?![^>]*\bb="1")')


def table(slide: Canvas, frame: TableFrame) -> None:
    """A table as a native, editable ``a:tbl``: the header row bold in its colour over its
    rule, light lines between body rows, every row as tall as the layout measured it."""
    shape_id = slide.shape_ids[id(frame)] = slide.reserved()  # its fallback's pictures follow

    def graphic(drawn: bool) -> str:
        rows = [(X.emu(frame.heights[r] * slide.sy), _table_row(slide, frame, r, row, drawn))
                for r, row in enumerate((frame.header, *frame.rows))]
        return X.table_xml(shape_id, f"Table {shape_id - 1}", slide.box_emu(frame.box),
                           [X.emu(w * slide.sx) for w in frame.widths], rows,
                           frame.direction == "rtl")

    xml = graphic(False)
    if frame.drawn:  # for viewers without Office Math: each formula a picture over its gap
        pictures, shown = [], [(shape_id, None)]
        for cell in frame.drawn:
            for placed in cell.inline:
                picture, picture_id = slide.formula_picture(
                    placed.tex, frame.size, frame.header_color if cell.row == 0 else "text",
                    placed.box, False)
                pictures.append(picture)
                shown.append((picture_id, None))
        xml = X.math_alternate_xml(xml, graphic(True) + "".join(pictures))
        slide.fallback_targets[id(frame)] = [shown]
    slide.shapes.replace(shape_id, xml)


def _table_row(slide: Canvas, frame: TableFrame, r: int, row, drawn: bool = False) -> str:
    """Row ``r`` of the table (0: the header) as its cells' XML: the header's rule under it,
    a light line under each body row (the lines the layout chose); ``drawn``: the cells'
    formulas as gaps for their pictures (``frame.drawn``)."""
    cells_drawn = {(cell.row, cell.column): cell for cell in frame.drawn} if drawn else {}
    cells = []
    band = r > 0 and (frame.first + r) % 2 == 0
    # the layout's left and right are the start and end (the HTML's text-align); DrawingML's
    # algn is physical, so a right-to-left table's text starts on the right, its numbers left
    sides = ({"left": "r", "center": "ctr", "right": "l"} if frame.direction == "rtl"
             else {"left": "l", "center": "ctr", "right": "r"})

    def line(row: int) -> tuple[float, str] | None:  # the line under row ``row``
        if row < 0:
            return None
        width, color = (frame.rule, frame.rule_color) if row == 0 else (frame.line,
                                                                       frame.line_color)
        return (width * slide.scale, slide.paint(color)) if width else None

    for c, (text, align) in enumerate(zip(row, frame.align)):
        ppr = X.ppr_xml(0, 0.0, 0.0, 0.0, slide.line, None, rtl=slide.rtl, align=sides[align])
        size = frame.size * slide.scale
        cell = cells_drawn.get((r, c))
        runs = slide.runs(text, size, "+mn-lt", frame.header_color if r == 0 else "text",
                          rtl=slide.rtl, gaps=cell.inline if cell else None,
                          breaks=cell.breaks if cell else ())
        if r == 0:
            runs = _BOLD_RPR.sub('<a:rPr b="1"', runs)
        name = frame.header_fill if r == 0 else frame.band_fill if band else None
        fill = slide.paint(name) if name else None
        cells.append(X.table_cell_xml(X.paragraph_xml(ppr, runs, slide.lang, size),
                                      INSET_X * slide.scale, INSET_Y * slide.scale, fill,
                                      line(r - 1), line(r)))
    return "".join(cells)


def with_background(slide: Canvas, xml: str, background) -> str:
    """``xml`` with the slide's own ``p:bg``: a colour (a theme reference when it is a
    theme colour), or a picture cropped to the slide's shape (``a:srcRect``)."""
    if background.color is not None:
        fill = f"<a:solidFill>{slide.paint(background.color)}</a:solidFill>"
    else:
        width, height = slide.slide_size
        rid, _, _ = slide.package.add_image(slide.part, str(background.image), width, height)
        svg_rid = slide.package.svg_original(slide.part, background.image)
        left, top, right, bottom = (int(round(c * 100000)) for c in background.crop)
        fill = (f'<a:blipFill dpi="0" rotWithShape="1">{X.blip_xml(rid, svg_rid)}'
                f'<a:srcRect l="{left}" t="{top}" r="{right}" b="{bottom}"/><a:stretch>'
                '<a:fillRect/></a:stretch></a:blipFill>')
    at = xml.index(">", xml.index("<p:cSld")) + 1
    return f"{xml[:at]}<p:bg><p:bgPr>{fill}<a:effectLst/></p:bgPr></p:bg>{xml[at:]}"


def timeline(slide: Canvas, frame: TimelineFrame) -> None:
    """A timeline as native, editable shapes grouped as one object: the axis (a thin
    rectangle), a circle per event, and text boxes for the dates and labels."""
    group_id = slide.shape_ids[id(frame)] = slide.shapes.next_id()
    slide.shapes.add(group_id, "")
    fill = slide.paint(frame.color)
    children = []
    for name, box, geometry in ([("Timeline axis", frame.axis, "rect")]
                                + [(f"Timeline marker {frame.first + i + 1}", b, "ellipse")
                                   for i, b in enumerate(frame.markers)]):
        shape_id = slide.shapes.next_id()
        slide.shapes.add(shape_id, "")
        children.append(X.rectangle_xml(shape_id, name, _scaled(slide, box), fill, geometry,
                                        slide.lang))
    for date, label in zip(frame.dates, frame.labels):
        for text in (date, label):
            shape_id = slide.shapes.next_id()
            slide.shapes.add(shape_id, "")
            children.append(slide.text_box(text, shape_id))
    slide.shapes.replace(group_id, X.group_xml(group_id, f"Timeline {group_id - 1}",
                                               slide.box_emu(frame.box), "".join(children)))


def code(slide: Canvas, frame: CodeFrame) -> None:
    """A code listing: a rectangle in the code background, one tinted in the accent behind
    each highlighted line, and a text box on top with one paragraph per line (exactly
    the layout's line height apart, never wrapping), runs coloured per token."""
    _code_background(slide, frame)
    size = frame.size * slide.scale
    direction = ' algn="l" rtl="0"' if frame.direction == "ltr" and slide.rtl else ""
    ppr = (f'<a:pPr marL="0" indent="0"{direction}><a:lnSpc><a:spcPts val="'
           f'{int(round(frame.line_height * slide.scale * 100))}"/></a:lnSpc>'
           '<a:spcBef><a:spcPts val="0"/></a:spcBef><a:spcAft><a:spcPts val="0"/>'
           '</a:spcAft><a:buNone/></a:pPr>')
    paragraphs = []
    for line in frame.lines:
        runs = []
        if frame.digits:
            runs.append(X.run_xml(frame.gutter(line.number), size, False, False, slide.lang,
                                  slide.mono, slide.color("muted")))
        for text, kind in line.tokens:
            name, bold, italic = frame.style(kind)
            runs.append(X.run_xml(text, size, bold, italic, slide.lang, slide.mono,
                                  slide.color(name)))
        paragraphs.append(X.paragraph_xml(ppr, "".join(runs), slide.lang, size))
    body_pr = X.body_pr_xml(INSET_X * slide.scale, INSET_Y * slide.scale, "t").replace(
        'wrap="square"', 'wrap="none"')
    shape_id = slide.shape_ids[id(frame)] = slide.shapes.next_id()
    slide.shapes.add(shape_id, X.textbox_xml(shape_id, slide.box_emu(frame.box), body_pr,
                                             "".join(paragraphs)))


def _code_background(slide: Canvas, frame) -> None:
    """The listing's background rectangle and an accent tint behind each highlighted line."""
    shape_id = slide.shapes.next_id()
    slide.shapes.add(shape_id, X.rectangle_xml(shape_id, f"Code background {shape_id - 1}",
                                               _scaled(slide, frame.box),
                                               slide.paint("code_background"),
                                               lang=slide.lang))
    tint = slide.paint(frame.band, frame.band_alpha)
    for index, line in enumerate(frame.lines):
        if line.highlighted:
            shape_id = slide.shapes.next_id()
            slide.shapes.add(shape_id, X.rectangle_xml(
                shape_id, f"Highlighted line {line.number}",
                _scaled(slide, frame.line_box(index, INSET_Y)), tint, lang=slide.lang))
