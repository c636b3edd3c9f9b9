"""Render a laid-out deck as a native, editable PowerPoint file (placeholders, levels, notes)."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import time
from dataclasses import dataclass

from pptx.dml.color import RGBColor
from pptx.enum.dml import MSO_THEME_COLOR
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.presentation import Presentation
from pptx.util import Pt

from . import inline
from . import pptx_xml as X
from .errors import BuildError
from .layout import INSET_X, INSET_Y, DeckLayout, Page, TextFrame
from .pptx_template import (
    BULLETS,
    SLIDE_EMU,
    base_presentation,
    find_layout,
    open_template,
)
from .themes import Theme

FIXED_DATE = dt.datetime(2000, 1, 1, tzinfo=dt.timezone.utc)
TITLE_TYPES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE, PP_PLACEHOLDER.VERTICAL_TITLE)
TEXT_TYPES = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.SUBTITLE,
              PP_PLACEHOLDER.VERTICAL_BODY, PP_PLACEHOLDER.VERTICAL_OBJECT)
_THEME_COLORS = {
    "tx1": MSO_THEME_COLOR.TEXT_1, "bg1": MSO_THEME_COLOR.BACKGROUND_1,
    "tx2": MSO_THEME_COLOR.TEXT_2, "bg2": MSO_THEME_COLOR.BACKGROUND_2,
    "accent1": MSO_THEME_COLOR.ACCENT_1, "accent2": MSO_THEME_COLOR.ACCENT_2,
    "hlink": MSO_THEME_COLOR.HYPERLINK,
}


def render_pptx(layout: DeckLayout) -> bytes:
    """The complete ``.pptx`` file for ``layout``; the same input always gives the same bytes."""
    prs = _presentation(layout)
    drawer = _SlideDrawer(prs, layout)
    for page in layout.pages:
        drawer.draw(page)
    _set_core_properties(prs, layout)
    buffer = io.BytesIO()
    prs.save(buffer)
    return X.deterministic_zip(buffer.getvalue(), _zip_date())


def _presentation(layout: DeckLayout) -> Presentation:
    deck = layout.deck
    if deck.template is None:
        return base_presentation(layout)
    prs = open_template(deck.template)
    if (prs.slide_width, prs.slide_height) != SLIDE_EMU[deck.aspect]:
        other = "4:3" if deck.aspect == "16:9" else "16:9"
        raise BuildError(f"{deck.template}: the template's slides are not {deck.aspect} "
                         f"(the deck's 'aspect'); set aspect: \"{other}\" or use a "
                         f"{deck.aspect} template")
    return prs


@dataclass(frozen=True)
class _Style:
    """How one text frame is drawn: font role, colour token, anchor and paragraph spacing."""

    color: str | None
    anchor: str = "t"
    spaced: bool = True  # space after paragraphs (body text) or none (single-line titles)


class _SlideDrawer:
    """Adds one slide per page to a presentation."""

    def __init__(self, prs: Presentation, layout: DeckLayout) -> None:
        self.prs = prs
        self.layout = layout
        self.deck = layout.deck
        self.theme: Theme = layout.theme
        self.lang = layout.deck.language
        self.builtin = layout.deck.template is None
        self.colors: dict[str, object] = {}

    # -- one page -----------------------------------------------------------------------------
    def draw(self, page: Page) -> None:
        kind = self._layout_kind(page)
        slide = self.prs.slides.add_slide(find_layout(self.prs, kind))
        self.page = page
        self.slide = slide
        self.free = [ph for ph in slide.placeholders]
        ts, ss = self.theme["title_slide"], self.theme["section_slide"]
        if page.kind == "title":
            self.text(self.take(TITLE_TYPES), page.title, _Style(ts.get("title_color"), "ctr",
                                                                 False))
            if page.subtitle:
                self.text(self.take((PP_PLACEHOLDER.SUBTITLE,) + TEXT_TYPES), page.subtitle,
                          _Style(ts.get("subtitle_color")))
        elif page.kind == "section":
            self.text(self.take(TITLE_TYPES), page.title, _Style(ss.get("title_color"), "b",
                                                                 False))
            if page.subtitle:
                self.text(self.take(TEXT_TYPES), page.subtitle,
                          _Style(ss.get("subtitle_color"), "t", False))
        else:
            self.text(self.take(TITLE_TYPES), page.title, _Style("heading", "b", False))
            self.body_frames(page)
            self.footer()
        for ph in self.free:
            X.remove_shape(ph._element)
        if page.notes:
            self.notes(page.notes)

    def _layout_kind(self, page: Page) -> str:
        if page.kind == "columns":
            return "columns3" if len(page.columns) >= 3 else "columns2"
        if page.kind == "content" and page.part > 1:
            return "continuation"
        return page.kind

    def body_frames(self, page: Page) -> None:
        if page.kind == "columns":
            if page.lead:
                self.text(self.take((PP_PLACEHOLDER.BODY,), widest=True), page.lead,
                          _Style("text"))
            for column in page.columns:
                if column.heading:
                    self.text(self.take((PP_PLACEHOLDER.BODY,), leftmost=True), column.heading,
                              _Style("heading", "b", False))
                self.text(self.take((PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY), leftmost=True),
                          column.body, _Style("text"))
            return
        if page.kind == "image":
            self.picture(page)
            if page.caption:
                self.text(self.take((PP_PLACEHOLDER.BODY,)), page.caption,
                          _Style("muted", "t", False))
        if page.body is not None:
            self.text(self.take((PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY), widest=True),
                      page.body, _Style("text"))

    # -- placeholders -------------------------------------------------------------------------
    def take(self, types: tuple, widest: bool = False, leftmost: bool = False):
        """The first free placeholder of one of ``types`` (by type order, then top-left), or
        ``None`` when the layout has none left (the frame then becomes a text box)."""
        for kind in types:
            found = [ph for ph in self.free if ph.placeholder_format.type == kind]
            if found:
                if widest:
                    found.sort(key=lambda ph: -(ph.width or 0))
                else:
                    found.sort(key=lambda ph: ((ph.left or 0), (ph.top or 0)) if leftmost
                               else ((ph.top or 0), (ph.left or 0)))
                self.free.remove(found[0])
                return found[0]
        return None

    def text(self, shape, frame: TextFrame, style: _Style) -> None:
        """Fill ``shape`` (or a new text box) with ``frame``'s paragraphs at their exact sizes."""
        box = frame.box
        if shape is None:
            shape = self.slide.shapes.add_textbox(X.emu(box.x), X.emu(box.y), X.emu(box.w),
                                                  X.emu(box.h))
        shape.left, shape.top = X.emu(box.x), X.emu(box.y)
        shape.width, shape.height = X.emu(box.w), X.emu(box.h)
        X.set_body_pr(shape._element, INSET_X, INSET_Y, style.anchor)
        text_frame = shape.text_frame
        text_frame.clear()
        font = "+mj-lt" if frame.font == "heading" else "+mn-lt"
        for i, para in enumerate(frame.paras):
            p = text_frame.paragraphs[0] if i == 0 else text_frame.add_paragraph()
            self.paragraph(p, para, font, style)
        X.tag_language(text_frame._txBody, self.lang)

    def paragraph(self, p, para, font: str, style: _Style) -> None:
        indent = float(self.theme.spacing["indent"])
        after = float(self.theme.spacing["paragraph"]) * para.size if style.spaced else 0.0
        if para.bullet:
            margin, first = indent * (para.level + 1), -indent
            bullet = BULLETS[para.level % len(BULLETS)]
        else:
            margin, first, bullet = indent * para.level, 0.0, None
        X.paragraph_format(p._p, para.level, margin, first, after,
                           float(self.theme.spacing["line"]), bullet,
                           bullet_color=X.color_xml("accent", self.theme.colors))
        self.runs(p, para.text, para.size, font, style.color)
        X.set_end_size(p._p, para.size)

    def runs(self, p, text: str, size: float | None, font: str, color: str | None) -> None:
        for span in inline.parse(text):
            run = p.add_run()
            run.text = span.text
            f = run.font
            if size is not None:
                f.size = Pt(size)
            if span.bold:
                f.bold = True
            if span.italic:
                f.italic = True
            f.name = self.theme.fonts["mono"] if span.code else font
            if span.href:
                run.hyperlink.address = span.href
                self.color(f, "link")
            elif color:
                self.color(f, color)

    def color(self, font, value: str) -> None:
        """Colour a run with a theme colour reference, or the hex value the theme asks for."""
        if value not in self.colors:
            ref = X.color_xml(value, self.theme.colors)
            scheme = re.search(r'schemeClr val="(\w+)"', ref)
            if scheme and scheme.group(1) in _THEME_COLORS:
                self.colors[value] = _THEME_COLORS[scheme.group(1)]
            else:
                hex_value = self.theme.color(value) or "#000000"
                self.colors[value] = RGBColor.from_string(hex_value.lstrip("#").upper())
        color = self.colors[value]
        if isinstance(color, RGBColor):
            font.color.rgb = color
        else:
            font.color.theme_color = color

    # -- pictures, footers, notes -------------------------------------------------------------
    def picture(self, page: Page) -> None:
        image, box = page.image, page.image_box
        assert image is not None and box is not None
        placeholder = self.take((PP_PLACEHOLDER.PICTURE,))
        if placeholder is not None:
            X.remove_shape(placeholder._element)
        try:
            pic = self.slide.shapes.add_picture(str(image.path), X.emu(box.x), X.emu(box.y),
                                                X.emu(box.w), X.emu(box.h))
        except Exception as err:  # PIL and python-pptx raise many kinds for a bad image
            raise BuildError(f"{self.where()}: cannot embed image {image.path.name!r}: it is "
                             f"not a PNG, JPEG, GIF, BMP or TIFF image ({err})") from err
        X.set_alt_text(pic._element, image.alt, f"Picture: {inline.plain(image.alt)[:60]}")

    def where(self) -> str:
        source = self.page.source
        number = source.number if source is not None else 0
        mark = f"{source.mark}: " if source is not None and source.mark else ""
        return f"{mark}slide {number} {self.page.title_text!r}"

    def footer(self) -> None:
        layout_el = self.slide.slide_layout._element
        master_el = self.slide.slide_layout.slide_master._element
        tree = self.slide.shapes._spTree
        for ph_type, wanted, box in (("ftr", bool(self.deck.footer), self.layout.footer_box),
                                     ("sldNum", self.deck.slide_numbers, self.layout.number_box)):
            if not wanted:
                continue
            source = X.find_layout_placeholder(layout_el, ph_type)
            if source is None:
                source = X.find_layout_placeholder(master_el, ph_type)
            if source is None:
                continue
            emu_box = (X.emu(box.x), X.emu(box.y), X.emu(box.w), X.emu(box.h))
            sp = X.copy_placeholder(source, tree, emu_box if self.builtin else None)
            if ph_type == "ftr":
                X.fill_footer(sp, self.deck.footer or "", self.lang)
            else:
                X.fill_slide_number(sp, self.page.number, self.lang)

    def notes(self, notes: str) -> None:
        frame = self.slide.notes_slide.notes_text_frame
        frame.clear()
        size = float(self.theme.sizes.get("notes", 12))
        for i, text in enumerate(_note_paragraphs(notes)):
            p = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            self.runs(p, text, size, "+mn-lt", None)
        X.tag_language(frame._txBody, self.lang)


def _note_paragraphs(notes: str) -> list[str]:
    """Blank lines separate paragraphs; single line breaks inside one are wrapped text."""
    return [" ".join(line.strip() for line in block.splitlines() if line.strip())
            for block in re.split(r"\n\s*\n", notes.strip()) if block.strip()]


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


def _set_core_properties(prs: Presentation, layout: DeckLayout) -> None:
    deck = layout.deck
    props = prs.core_properties
    props.title = inline.plain(deck.title)
    props.subject = inline.plain(deck.subtitle or "")
    props.author = deck.author or ""
    props.last_modified_by = deck.author or ""
    props.keywords = "; ".join(inline.plain(s.title) for s in deck.slides if s.kind == "section")
    props.language = deck.language
    props.revision = 1
    when = _build_date().replace(tzinfo=None)
    props.created = when
    props.modified = when
    props.last_printed = when
    props.comments = ""
    props.category = ""
    props.content_status = ""
    props.identifier = ""
    props.version = ""


__all__ = ["render_pptx"]
