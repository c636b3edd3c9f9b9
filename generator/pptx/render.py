"""Render a laid-out deck as a native, editable PowerPoint file (placeholders, levels, notes)."""

from __future__ import annotations

import datetime as dt
import os
import time
from dataclasses import dataclass, replace

from generator.errors import BuildError
from generator.layout.measure import INSET_X, INSET_Y, note_paragraphs
from generator.layout.page import (
    FORMULA_GAP,
    Box,
    CodeFrame,
    DeckLayout,
    DiagramFrame,
    Frame,
    InlineFormula,
    Page,
    PictureFrame,
    QRFrame,
    ShapeFrame,
    TableFrame,
    TextFrame,
    TimelineFrame,
    layout_key,
)
from generator.layout.reveal import para_ranges
from generator.layout.scripts import break_offsets, keeps_left_to_right, needs_uax14
from generator.pptx import blocks, figures
from generator.pptx import xml as X
from generator.pptx.package import BasePackage, DeckPackage
from generator.pptx.template import BULLETS, base_package, template_package
from generator.source import formula, inline
from generator.themes.theme import Theme

FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
LTR_EMBED = "\u202a%s\u202c"  # LEFT-TO-RIGHT EMBEDDING … POP DIRECTIONAL FORMATTING


class PH:
    """Placeholder types, as python-pptx's ``PP_PLACEHOLDER`` numbers them."""

    TITLE, BODY, CENTER_TITLE, SUBTITLE, VERTICAL_TITLE, VERTICAL_BODY = 1, 2, 3, 4, 5, 6
    OBJECT, VERTICAL_OBJECT, PICTURE = 7, 17, 18


TITLE_TYPES = (PH.TITLE, PH.CENTER_TITLE, PH.VERTICAL_TITLE)
TEXT_TYPES = (PH.BODY, PH.OBJECT, PH.SUBTITLE, PH.VERTICAL_BODY, PH.VERTICAL_OBJECT)


def _pieces(text: str) -> list[str]:
    """``text`` cut at each place a line may break without a space (UAX #14: after a
    zero-width space, between CJK characters…); text that breaks only at spaces stays whole."""
    if not needs_uax14(text):
        return [text]
    cuts = [0, *sorted(break_offsets(text)), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]


def _ink(frame: TextFrame, para) -> str:
    """The colour a formula's picture is drawn in: its paragraph's, else its frame's (as the
    layout chose it: on a template the text keeps the template's colour, which the theme
    holds), else the heading's or the text's."""
    return para.color or frame.color or ("heading" if frame.font == "heading" else "text")


def render_pptx(layout: DeckLayout) -> bytes:
    """The complete ``.pptx`` file for ``layout``; the same input always gives the same bytes.

    A deck on the built-in design is written on a cached base without importing python-pptx;
    python-pptx builds that base the first time, and opens a deck's ``template:``.
    """
    package = DeckPackage(_base(layout))
    drawer = _SlideDrawer(package, layout)
    for page in layout.pages:
        drawer.draw(page)
    return package.save(_core_properties(layout), _zip_date())


def _base(layout: DeckLayout) -> BasePackage:
    deck = layout.deck
    if deck.template is None:
        return base_package(layout)
    try:
        return template_package(deck.template, None, deck.template_master)  # size: layout's
    except BuildError as err:
        mark = deck.key_marks.get("template")
        if mark is None:
            raise
        raise BuildError(f"{mark}: {err}") from err


@dataclass(frozen=True)
class _Style:
    """How one text frame's colour is written: a theme colour name (``None``: the
    placeholder's own); ``left``: left-aligned, left to right, whatever the template's master
    says."""

    color: str | None
    left: bool = False


class _SlideDrawer:
    """Adds one slide per page to a package.

    Each slide is written as one XML string (see ``pptx_xml``: placeholders as python-pptx
    clones them, paragraphs and runs as python-pptx's proxies would write them) and parsed once.

    On a template whose slides are another size of the same aspect ratio (10 x 5.625 in for
    16:9), the laid-out deck is scaled to it: x and widths by the ratio of the widths, y and
    heights by the ratio of the heights, and font sizes, insets, indents and spacing by the
    smaller of the two, so the text fits its box as it did in the layout.

    It draws the pages' text (titles, bodies, columns, captions, footers, notes) and their
    click animations; the blocks (pictures, full bleed, table, timeline, code, backgrounds)
    are drawn by ``pptx.blocks``, which uses what its ``Canvas`` protocol lists of this class.
    """

    def __init__(self, package: DeckPackage, layout: DeckLayout) -> None:
        self.package = package
        self.base = package.base
        self.layout = layout
        self.deck = layout.deck
        self.theme: Theme = layout.theme
        self.lang = layout.deck.language
        self.rtl = layout.deck.rtl
        self.plain_ppr = '<a:pPr rtl="1"/>' if self.rtl else ""  # footer and notes paragraphs
        self.colors: dict[str, str] = {}
        spacing = self.theme.spacing
        self.line = float(spacing["line"])
        self.bullet_color = X.color_xml("accent", self.theme.colors)
        self.notes_size = float(self.theme.sizes.get("notes", 12))
        self.mono = self.theme.fonts["mono"]
        self.code_shade = '<a:srgbClr val="%s"/>' % self.theme.colors["code_background"].lstrip(
            "#").upper()
        self.part = ""  # the part being written (slide or notes slide), for hyperlinks
        width, height = self.base.slide_size
        self.sx, self.sy = width / X.emu(layout.width), height / X.emu(layout.height)
        self.scale = min(self.sx, self.sy)
        self.on_template = layout.deck.template is not None
        if self.on_template and not self.rtl:  # left to right, even in a right-to-left master
            self.plain_ppr = '<a:pPr rtl="0"/>'
        # On a template the text keeps the template's colours and fonts (links excepted),
        # unless the deck's style: sets colours or fonts.
        style = self.deck.style or {}
        self.own_colors = not self.on_template or bool(style.get("colors"))
        self.own_fonts = not self.on_template or bool(style.get("fonts"))

    # -- one page -----------------------------------------------------------------------------
    def draw(self, page: Page) -> None:
        slide_layout = self.base.layouts[layout_key(page)]
        self.page = page
        self.slide_layout = slide_layout
        self.part = slide_part = self.package.add_slide(slide_layout)
        self.shapes = X.SlideXml(self.base.placeholders[slide_layout], self.base.slide_document)
        self.free = list(self.shapes.placeholders)
        self.shape_ids: dict[int, int] = {}  # id() of a drawn frame -> its shape id
        # id() of a frame drawn in pieces for viewers without Office Math -> per paragraph,
        # the shapes (and paragraphs in them) that show it there, for its click steps
        self.fallback_targets: dict[int, list[list[tuple[int, int | None]]]] = {}
        self.text(self.take(TITLE_TYPES), page.title, _Style(page.title.color))
        under = []  # a full-bleed picture and its scrim go under everything else
        if page.kind == "full":
            under = [f for f in page.frames if isinstance(f, (PictureFrame, ShapeFrame))]
        self.body(page, [f for f in page.frames if not any(f is u for u in under)])
        if page.source_line is not None:
            self.text(None, page.source_line, _Style(page.source_line.color))
        if page.chrome:
            self.footer()
        if page.marker is not None:
            self.text(None, page.marker, _Style(page.marker.color))
        xml = self.shapes.xml()  # unused placeholders are left out
        if under:
            opening = self.shapes.document[0]
            xml = opening + blocks.full_bleed(self, under) + xml[len(opening):]
        if page.hidden:
            xml = xml.replace("<p:sld ", '<p:sld show="0" ', 1)  # a hidden slide
        if page.background is not None:
            xml = blocks.with_background(self, xml, page.background)
        self.package.set_xml(slide_part, X.with_math_namespaces(self.with_timing(xml, page)))
        if page.notes:
            self.notes(slide_part, page.notes)

    def body(self, page: Page, frames: list[Frame]) -> None:
        """The page's frames under its title, in reading order: text in the layout's
        placeholders where the page's layout has them (its body, its columns, its subtitle),
        every other frame a shape of its own."""
        if page.layout in ("columns2", "columns3"):
            lead, slots = column_placeholders(self.free, self.base.slide_size)
            by_column = self.column_slots(frames, slots)
            for frame in frames:
                if frame.column is None:
                    self.text(self.claim(lead), frame, _Style(frame.color))
                    lead = None
                    continue
                heading, body = by_column.get(frame.column, (None, None))
                self.text(self.claim(heading if frame.role == "heading" else body), frame,
                          _Style(frame.color))
            return
        if page.layout == "image":  # the picture is read before its caption and the text
            picture = next(f for f in frames if isinstance(f, PictureFrame))
            captions = [f for f in frames if isinstance(f, TextFrame) and f.role != "body"]
            caption = self.take((PH.BODY,)) if captions else None
            placeholder = self.take((PH.PICTURE,))
            if placeholder is not None:
                self.shapes.remove(placeholder)
            blocks.place_picture(self, picture, caption)
            for frame in frames:
                if frame is picture:
                    continue
                if frame.role == "body":
                    self.text(self.take((PH.OBJECT, PH.BODY), widest=True), frame,
                              _Style(frame.color))
                else:
                    self.text(caption, frame, _Style(frame.color))
                    caption = None
            return
        placeholders = {"title": (PH.SUBTITLE,) + TEXT_TYPES, "section": TEXT_TYPES,
                        "content": (PH.OBJECT, PH.BODY), "continuation": (PH.OBJECT, PH.BODY),
                        "named": (PH.OBJECT, PH.BODY)}.get(page.layout)
        for frame in frames:
            shape = None
            if isinstance(frame, TextFrame) and placeholders and frame.role in (
                    "body", "subtitle", "byline"):
                shape = self.take(placeholders, widest=page.layout not in ("title", "section"))
                if page.layout == "title":  # the byline goes in the next text placeholder
                    placeholders = TEXT_TYPES
            self.frame(shape, frame)

    def column_slots(self, frames: list[Frame], slots: list) -> dict[int, tuple]:
        """Each column's ``(heading, body)`` placeholders: those nearest where the layout put
        the column (a right-to-left deck's first column is on the right), each used once."""
        lefts: dict[int, int] = {}
        for frame in frames:
            if frame.column is not None:
                x = self.box_emu(frame.box)[0]
                lefts[frame.column] = min(lefts.get(frame.column, x), x)
        free = list(range(len(slots)))
        out = {}
        for column in sorted(lefts, key=lefts.get):
            if not free:
                break
            best = min(free, key=lambda i: abs((slots[i][1].left or 0) - lefts[column]))
            free.remove(best)
            out[column] = slots[best]
        return out

    def frame(self, shape: X.SlidePlaceholder | None, frame: Frame) -> None:
        """One frame: text (in ``shape``, or a text box of its own) or a block's shapes."""
        if isinstance(frame, TextFrame):
            self.text(shape, frame, _Style(frame.color))
        elif isinstance(frame, TableFrame):
            blocks.table(self, frame)
        elif isinstance(frame, CodeFrame):
            blocks.code(self, frame)
        elif isinstance(frame, PictureFrame):
            blocks.place_picture(self, frame)
        elif isinstance(frame, TimelineFrame):
            blocks.timeline(self, frame)
        elif isinstance(frame, DiagramFrame):
            figures.diagram(self, frame)
        elif isinstance(frame, QRFrame):
            figures.qr(self, frame)
        elif isinstance(frame, ShapeFrame):
            blocks.shape(self, frame)

    def with_timing(self, xml: str, page: Page) -> str:
        """``xml`` with the click animations of a revealed page, if any: each click shows
        the paragraphs and frames the layout gave that step."""
        if not page.steps:
            return xml
        frames = [f for f in page.frames if id(f) in self.shape_ids]
        timing = self.timing(page, frames, {})
        if any(id(f) in self.fallback_targets for f in frames):  # the pieces' own clicks
            timing = X.math_alternate_xml(timing, self.timing(page, frames,
                                                           self.fallback_targets))
        cut = xml.rindex("</p:sld>")
        return xml[:cut] + timing + xml[cut:]

    def timing(self, page: Page, frames: list[Frame],
               pieces: dict[int, list[list[tuple[int, int | None]]]]) -> str:
        """The ``p:timing`` of ``frames``' click steps; ``pieces``: the shapes that show each
        paragraph of a frame drawn in pieces (a fallback), which the clicks show instead."""
        clicks, by_para, whole = [], {}, {}
        for step in range(1, page.steps + 1):
            click: list[tuple[int, int | None]] = []
            for frame in frames:
                spid = self.shape_ids[id(frame)]
                shown = pieces.get(id(frame))
                if getattr(frame, "step", 0) == step:
                    for target, para in ([t for targets in shown for t in targets] if shown
                                         else [(spid, 0)]):
                        if (target, None) not in click:
                            click.append((target, None))
                            if isinstance(frame, TextFrame) and para is not None:
                                whole[target] = None  # a text shape, built whole
                elif isinstance(frame, TextFrame):
                    for first, last in para_ranges(frame.paras, step):
                        level = _build_level(frame.paras, first)
                        for i in range(first, last + 1):
                            for target, para in (shown[i] if shown else [(spid, i)]):
                                if para is not None:
                                    by_para[target] = max(by_para.get(target, 1), level)
                                click.append((target, para))
            clicks.append(click)
        return X.timing_xml(clicks, by_para, whole, page.dim)

    # -- placeholders -------------------------------------------------------------------------
    def claim(self, placeholder: X.SlidePlaceholder | None) -> X.SlidePlaceholder | None:
        """``placeholder`` (if any), no longer free."""
        if placeholder is not None:
            self.free.remove(placeholder)
        return placeholder

    def take(self, types: tuple, widest: bool = False):
        """The first free placeholder of one of ``types`` (by type order, then top-left or
        the widest), or ``None`` when the layout has none left (the frame then becomes a text
        box)."""
        for kind in types:
            found = [ph for ph in self.free if ph.type == kind]
            if found:
                if widest:
                    found.sort(key=lambda ph: -(ph.width or 0))
                else:
                    found.sort(key=lambda ph: ((ph.top or 0), (ph.left or 0)))
                self.free.remove(found[0])
                return found[0]
        return None

    @property
    def slide_size(self) -> tuple[int, int]:
        """The slide's width and height, EMU."""
        return self.base.slide_size

    def box_emu(self, box) -> tuple[int, int, int, int]:
        """A laid-out box on the slide (EMU), scaled to the slide size."""
        return (X.emu(box.x * self.sx), X.emu(box.y * self.sy), X.emu(box.w * self.sx),
                X.emu(box.h * self.sy))

    def text(self, shape: X.SlidePlaceholder | None, frame: TextFrame, style: _Style) -> None:
        """Fill ``shape`` (or a new text box) with ``frame``'s paragraphs at their exact sizes.
        A frame with no text (a column that ended on an earlier page) draws nothing, so no
        empty placeholder shows its prompt."""
        if not frame.paras:
            return
        xml, shape_id = self.text_xml(shape, frame, style)
        self.shape_ids[id(frame)] = shape_id
        if shape is None:
            self.shapes.replace(shape_id, xml)  # reserved by text_xml
        else:
            self.shapes.fill(shape, xml)

    def text_xml(self, shape: X.SlidePlaceholder | None, frame: TextFrame, style: _Style,
                 shape_id: int | None = None, drawn: bool = False) -> tuple[str, int]:
        """``frame`` as a filled ``shape`` (or a new text box) and its shape id; ``drawn``:
        its inline formulas as gaps for their pictures (a piece of a fallback)."""
        box_emu = self.box_emu(frame.box)
        body_pr = X.body_pr_xml(INSET_X * self.scale, INSET_Y * self.scale, frame.anchor)
        if shape is None and shape_id is None:  # reserved: its fallback's shapes follow it
            shape_id = self.reserved()
        font: str | None = "+mj-lt" if frame.font == "heading" else "+mn-lt"
        if self.on_template:
            is_title = shape is not None and shape.type in TITLE_TYPES
            if not self.own_fonts and (is_title or frame.font != "heading"):
                font = None
            else:  # the theme's family: "+mj-lt" would be the template's
                font = self.theme.fonts[frame.font]
            if not self.own_colors and shape is not None:  # a text box keeps its colour
                style = _Style(None)
            if self.layout.template_rtl and not self.rtl and not (
                    is_title and self.page.kind in ("title", "section")):
                style = _Style(style.color, True)
        paragraphs = "".join(self.paragraph(para, font, style, frame.bold, frame.align, drawn)
                             for para in frame.paras)

        def sp(paragraphs: str, box: Box = frame.box) -> str:
            at = box_emu if box is frame.box else self.box_emu(box)
            if shape is None:
                return X.textbox_xml(shape_id, at, body_pr, paragraphs)
            return X.placeholder_sp_xml(shape, at, body_pr, paragraphs)

        xml = sp(paragraphs)
        spid = shape_id if shape is None else shape.shape_id
        if not drawn and any(p.drawn is not None or p.inline for p in frame.paras):
            xml = X.math_alternate_xml(xml, self.equations_drawn(frame, font, style, sp, spid))
        return xml, spid

    def text_box(self, frame: TextFrame, shape_id: int | None = None) -> str | None:
        """``frame`` in a text box of its own; with ``shape_id``, returned as XML (a part of
        a group) instead of added."""
        if shape_id is None:
            self.text(None, frame, _Style(frame.color))
            return None
        return self.text_xml(None, frame, _Style(frame.color), shape_id)[0]

    def paragraph(self, para, font: str, style: _Style, bold: bool = False,
                  align: str = "l", drawn: bool = False) -> str:
        """One paragraph; ``drawn``: its inline formulas as the gaps their pictures cover
        (``para.inline``), for the fallback of viewers without Office Math."""
        size = para.size * self.scale
        after = para.after * self.scale  # as the layout spaced it
        margin, first = para.margin * self.scale, -para.hanging * self.scale
        bullet = BULLETS[para.level % len(BULLETS)] if para.bullet else None
        if para.display:  # left to right, as maths is set, in a right-to-left deck too
            ppr = X.ppr_xml(0, 0.0, 0.0, after, self.line, None, align="ctr")
            if self.rtl or self.on_template:
                ppr = ppr.replace("<a:pPr ", '<a:pPr rtl="0" ', 1)
            return X.paragraph_xml(ppr, self.equation(para, size, font, style.color),
                                   self.lang, size)
        # a lead's own colour (on a template too: the theme's colours are the template's)
        color = para.color if para.color and (style.color or self.on_template) else style.color
        rtl = para.direction == "rtl" if para.direction else self.rtl
        ppr = X.ppr_xml(para.level, margin, first, after, self.line * para.line, bullet,
                        bullet_color=self.bullet_color if self.own_colors else "", rtl=rtl,
                        hanging="ea" not in self.layout.script_fonts,
                        align=align if align != "l" else "",
                        margin_right=para.right * self.scale)
        if not rtl and (self.rtl or self.on_template):  # a right-to-left deck or master
            # would flip it; left-aligned only where the layout (not the template) says so
            ppr = ppr.replace("<a:pPr ", '<a:pPr algn="l" rtl="0" ' if align == "l" and (
                style.left or self.rtl) else '<a:pPr rtl="0" ', 1)
        return X.paragraph_xml(ppr, self.runs(para.text, size, font, color, bold, rtl=rtl,
                                              gaps=para.inline if drawn else None,
                                              breaks=para.breaks), self.lang, size)

    def equation(self, para, size: float, font: str, color: str | None) -> str:
        """A displayed equation (``m:oMathPara``; with a label, an ``m:oMath`` and the label as
        text after it), with its linear text as the fallback."""
        run_color = self.color(color) if color else None
        label = f"   {para.label}" if para.label else ""
        fallback = X.run_xml(formula.linear(para.text), size, False, False, self.lang, font,
                             run_color)
        xml = X.math_xml(formula.omml(para.text, not label, size, self.lang, run_color or ""),
                         fallback)
        if label:
            xml += X.run_xml(label, size, False, False, self.lang, font, run_color)
        return xml

    def equations_drawn(self, frame: TextFrame, font: str | None, style: _Style,
                        first, spid: int) -> str:
        """The fallback of a frame holding formulas: its text in pieces, each displayed
        equation between them a picture where the layout put it (``para.drawn``), with its
        label beside it, and each paragraph with inline formulas a piece of its own, its
        formulas pictures over the gaps its text leaves (``para.inline``). Each piece starts
        where the layout put its first paragraph, so no text wrapping above moves it. Where
        each paragraph went is kept in ``fallback_targets`` (its click steps)."""
        out: list[str] = []
        pieces: list[tuple[list, bool, float]] = []  # paragraphs, one with inline formulas, top
        targets: list[list[tuple[int, int | None]]] = []  # per paragraph: pictures, labels
        after = frame.box.y
        for para in frame.paras:
            targets.append([])
            if para.drawn is None and not para.inline:
                if not pieces or pieces[-1][1]:
                    pieces.append(([], False, after))
                pieces[-1][0].append(para)
                continue
            if para.inline:
                pieces.append(([para], True, para.top - INSET_Y))
                for placed in para.inline:
                    xml, picture_id = self.formula_picture(placed.tex, para.size,
                                                           _ink(frame, para), placed.box, False)
                    out.append(xml)
                    targets[-1].append((picture_id, None))
            else:
                xml, picture_id = self.formula_picture(para.text, para.size, _ink(frame, para),
                                                       para.drawn, True)
                out.append(xml)
                targets[-1].append((picture_id, None))
                if para.label:
                    label = replace(frame, box=Box(frame.box.x, para.top - INSET_Y,
                                                   frame.box.w, para.height + 2 * INSET_Y),
                                    paras=(replace(para, text=para.label, display=False,
                                                   drawn=None, after=0.0),),
                                    anchor="ctr", align="r")
                    xml, label_id = self.text_xml(None, label, style, self.reserved())
                    out.append(xml)
                    targets[-1].append((label_id, None))
            after = para.top + para.height + para.after - INSET_Y  # the text after it ...
            if not para.inline:
                pieces.append(([], False, after))  # ... starts a piece of its own
        pieces = [p for p in pieces if p[0]]
        bottoms = [p[2] for p in pieces[1:]] + [frame.box.bottom]
        index = {id(p): i for i, p in enumerate(frame.paras)}
        for n, ((paras, drawn, y), bottom) in enumerate(zip(pieces, bottoms)):
            box = Box(frame.box.x, y, frame.box.w, max(bottom - y, 1.0))
            text = "".join(self.paragraph(p, font, style, frame.bold, frame.align, drawn)
                           for p in paras)
            if n == 0:  # the placeholder keeps the first piece
                body_pr = X.body_pr_xml(INSET_X * self.scale, INSET_Y * self.scale, "t")
                out.insert(0, first(text, box).replace(
                    X.body_pr_xml(INSET_X * self.scale, INSET_Y * self.scale, frame.anchor),
                    body_pr, 1))
                piece_id = spid
            else:
                piece = replace(frame, paras=tuple(paras), anchor="t", box=box)
                xml, piece_id = self.text_xml(None, piece, style, self.reserved(), drawn)
                out.append(xml)
            for j, para in enumerate(paras):
                targets[index[id(para)]].insert(0, (piece_id, j))
        self.fallback_targets[id(frame)] = targets
        return "".join(out)

    def reserved(self) -> int:
        """A new shape id, taken now: its shape lies in a fallback (added by its owner)."""
        shape_id = self.shapes.next_id()
        self.shapes.add(shape_id, "")
        return shape_id

    def formula_picture(self, tex: str, size: float, color: str | None, box: Box,
                        display: bool) -> tuple[str, int]:
        """A formula (``display``: a displayed equation) drawn as a picture where the layout
        put it (``box``), in ``color``, its LaTeX as the alternative text; and its shape id."""
        hex_value = self.theme.color(color or "text") or self.theme.colors["text"]
        blob = formula.png(tex, size * self.scale, hex_value, display)
        rid = self.package.add_png(self.part, blob)
        shape_id = self.reserved()
        name = f"{'Equation' if display else 'Formula'} {shape_id}"
        return X.picture_xml(shape_id, name, tex, rid, self.box_emu(box)), shape_id

    def runs(self, text: str, size: float | None, font: str | None, color: str | None,
             bold: bool = False, linear_math: bool = False, rtl: bool = False,
             gaps: tuple[InlineFormula, ...] | None = None, breaks: tuple[int, ...] = ()
             ) -> str:
        """``text``'s inline markup as runs; ``font`` ``None`` keeps the placeholder's font;
        ``bold``: every run bold (a heading in a bold theme). A formula is Office Math with its
        linear text as fallback, or only that text when ``linear_math`` (speaker notes).
        ``rtl``: in a right-to-left paragraph, code, formulas and addresses are embedded left
        to right (Unicode's LRE … PDF around their text: no character of theirs moves).
        ``gaps``: each formula as the gap its picture covers (:class:`InlineFormula`), the
        lines broken at ``breaks`` (offsets in the spans' texts) as the layout broke them."""
        out = []
        formulas = iter(gaps or ())
        plain = 0
        for span in inline.parse(text):
            ltr = rtl and keeps_left_to_right(span)
            if gaps:
                cuts = [b - plain for b in breaks if plain <= b < plain + len(span.text)]
                plain += len(span.text)
                if span.math:
                    gap = next(formulas)
                    out.append(("<a:br/>" if cuts else "") + X.gap_run_xml(
                        FORMULA_GAP, gap.size * self.scale, gap.spacing * self.scale, bold,
                        self.lang, font))
                    if gap.drop:
                        out.append(X.gap_run_xml(FORMULA_GAP, size, 0.0, bold, self.lang,
                                                 font, -gap.drop))
                    continue
                for cut in reversed(cuts):
                    span = replace(span, text=span.text[:cut] + "\n" + span.text[cut:])
            if span.math:
                run_color = self.color(span.color or color) if span.color or color else None
                linear = formula.linear(span.text)
                run = X.run_xml(LTR_EMBED % linear if ltr else linear, size, span.bold,
                                span.italic, self.lang, font, run_color)
                out.append(run if linear_math else X.math_xml(
                    formula.omml(span.text, False, size, self.lang, run_color or ""), run))
                continue
            rid = self.package.link(self.part, span.href) if span.href else None
            named = span.color or ("link" if span.href else color)
            # LibreOffice reads a linked run as one field that wraps anywhere: a link's text
            # is cut into runs where the layout lets it break (UAX #14, zero-width spaces).
            for piece in _pieces(span.text) if rid else (span.text,):
                out.append(X.run_xml(LTR_EMBED % piece if ltr else piece, size,
                                     span.bold or bold, span.italic, self.lang,
                                     self.mono if span.code else font,
                                     self.color(named) if named else None, rid,
                                     self.layout.script_fonts,
                                     self.code_shade if span.code else None, span.script,
                                     span.underline, span.strike))
        return "".join(out)

    def paint(self, value: str, alpha: float | None = None) -> str:
        """A shape's colour (a theme colour name or hex), at ``alpha`` opacity if given: a
        scheme reference for a theme colour, so recolouring the theme recolours it; on a
        template, the colour itself (the template's scheme slots mean other colours)."""
        if self.on_template:
            return X.color_xml(self.theme.color(value) or value, {}, alpha)
        return X.color_xml(value, self.theme.colors, alpha)

    def color(self, token: str) -> str:
        """A run's colour: a theme colour reference, or the hex value the theme asks for;
        ``token`` is a theme colour name, ``#RRGGBB``, or a title or section slide's colour
        (``title_slide.title_color``)."""
        if token not in self.colors:
            value = token
            if "." in token:  # a title or section slide's colour: a name or hex itself
                section, key = token.split(".", 1)
                value = self.theme[section][key]
            hex_value = self.theme.color(value) or "#000000"
            self.colors[token] = (  # on a template, a scheme colour would be the template's
                f'<a:srgbClr val="{hex_value.lstrip("#").upper()}"/>' if self.on_template
                else X.font_color_xml(value if value in X.SCHEME_REFS else hex_value,
                                      self.theme.colors, hex_value))  # lead: accent's ref
        return self.colors[token]

    # -- picture, footers, notes -------------------------------------------------------------
    def where(self) -> str:
        source = self.page.source
        number = source.number if source is not None else 0
        mark = f"{source.mark}: " if source is not None and source.mark else ""
        return f"{mark}slide {number} {self.page.title_text!r}"

    def footer(self) -> None:
        for ph_type, wanted in (("ftr", bool(self.deck.footer)),
                                ("sldNum", self.deck.slide_numbers)):
            if not wanted:
                continue
            copy = self.base.copies[self.slide_layout].get(ph_type)
            if copy is None and not self.on_template:
                continue
            if ph_type == "ftr":
                fitted = self.layout.footer_size
                size = fitted if fitted != float(self.theme["footer"]["size"]) else None
                color = self.theme["footer"]["color"] if copy is None else None  # a text box's
                runs = self.runs(self.deck.footer or "", size, None, color)
                paragraph = X.paragraph_xml(self.plain_ppr, runs, self.lang)
            else:
                paragraph = X.slide_number_paragraph_xml(self.page.number, self.lang)
            shape_id = self.shapes.next_id()
            if copy is None:  # neither the template's layout nor its master has one
                box = self.layout.footer_box if ph_type == "ftr" else (
                    self.page.number_box or self.layout.number_box)
                body_pr = X.body_pr_xml(INSET_X * self.scale, INSET_Y * self.scale, "ctr")
                if ph_type == "sldNum":
                    paragraph = paragraph.replace("<a:p>", '<a:p><a:pPr algn="r"/>', 1)
                self.shapes.add(shape_id, X.textbox_xml(shape_id, self.box_emu(box), body_pr,
                                                        paragraph))
                continue
            xml = copy.xml(shape_id, paragraph)
            if ph_type == "sldNum" and self.page.number_box is not None:  # beside a marker
                xml = X.with_xfrm(xml, self.box_emu(self.page.number_box))
            self.shapes.add(shape_id, xml)

    def notes(self, slide_part: str, notes: str) -> None:
        template = self.base.notes
        self.part = notes_part = self.package.add_notes_slide(slide_part)
        paragraphs = ""
        if template.has_text:
            paragraphs = "".join(
                X.paragraph_xml(self.plain_ppr,
                                self.runs(text, self.notes_size, "+mn-lt", None,
                                          linear_math=True),
                                self.lang)
                for text in note_paragraphs(notes)) or X.empty_paragraph_xml(self.lang)
        self.package.set_xml(notes_part, template.xml(paragraphs))


def column_placeholders(free: list[X.SlidePlaceholder], slide: tuple[int, int] | None = None
                        ) -> tuple[X.SlidePlaceholder | None,
                                   list[tuple[X.SlidePlaceholder | None, X.SlidePlaceholder]]]:
    """The roles of a columns layout's text placeholders: ``(lead, [(heading, body), ...])``,
    columns from left to right. With the ``slide`` size, a text strip across the slide (over
    half its width, under 8 % of its height: a template's subheading or caption line) is no
    column's and no lead.

    The lead is the one much wider than the others and above them all. The rest are grouped
    into columns by their left edge; in a column, the top one is the heading and the next one
    the body, and a column of one placeholder has no heading.
    """
    texts = [ph for ph in free if ph.type in (PH.BODY, PH.OBJECT) and not (
        slide is not None and (ph.width or 0) > slide[0] / 2 and ph.height is not None
        and ph.height < 0.08 * slide[1])]
    lead = None
    if len(texts) > 1:
        widest = max(texts, key=lambda ph: ph.width or 0)
        others = [ph for ph in texts if ph is not widest]
        if ((widest.width or 0) > 1.5 * max(ph.width or 0 for ph in others)
                and (widest.top or 0) < min(ph.top or 0 for ph in others)):
            lead = widest
    columns: list[list[X.SlidePlaceholder]] = []
    for ph in sorted((ph for ph in texts if ph is not lead),
                     key=lambda ph: (ph.left or 0, ph.top or 0)):
        if columns and abs((ph.left or 0) - (columns[-1][0].left or 0)) < min(
                ph.width or 0, columns[-1][0].width or 0) / 2:
            columns[-1].append(ph)
        else:
            columns.append([ph])
    slots = []
    for stack in columns:
        stack.sort(key=lambda ph: (ph.top or 0))
        slots.append((stack[0], stack[1]) if len(stack) > 1 else (None, stack[0]))
    return lead, slots


def _build_date() -> dt.datetime:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc)
    return FIXED_DATE


def _zip_date() -> tuple[int, ...]:
    when = _build_date()
    if when.year < 1980:
        return X.ZIP_EPOCH
    return tuple(time.gmtime(when.timestamp())[:6])


def _core_properties(layout: DeckLayout) -> dict[str, str]:
    """The deck's core properties, by slot of ``pptx_xml.core_properties_template``; values are
    cut to the 255 characters Office allows in a property (a long title still builds)."""
    deck = layout.deck
    values = {
        "title": inline.plain(deck.title),
        "subject": inline.plain(deck.subtitle or ""),
        "author": deck.author or "",
        "last_modified_by": deck.author or "",
        "keywords": "; ".join(inline.plain(s.title) for s in deck.slides if s.layout == "section"),
        "language": deck.language,
    }
    for key, value in values.items():
        if len(value) > 255:
            values[key] = value[:254] + "…"
    values["date"] = _build_date().replace(tzinfo=None).strftime("%Y-%m-%dT%H:%M:%SZ")
    return values


__all__ = ["render_pptx"]


def _build_level(paras, first: int) -> int:
    """PowerPoint's "By Nth level paragraphs" level that gives paragraph ``first`` a click of
    its own: 1 for a top-level paragraph, its level + 1 for a sub-bullet."""
    return paras[first].level + 1
