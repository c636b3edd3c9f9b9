"""Lay out a deck: choose its one body size and title size, give every content slide the same
title band and body top, and flow each slide's blocks onto pages.

Both renderers draw exactly the pages, frames and sizes decided here (see ``page``), so the
PPTX and the HTML deck have the same slides with the same text sizes.
"""

from __future__ import annotations

import logging
import math
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import Problem, SourceError
from generator.layout.columns import Columns, column_headings, column_spans
from generator.layout.equations import equations_drawn
from generator.layout.flow import Flow
from generator.layout.geometry import deck_geometry
from generator.layout.measure import (
    HEIGHT_SAFETY,
    INSET_X,
    INSET_Y,
    SLIDE_SIZES,
    WIDTH_SAFETY,
    choose_script_fonts,
)
from generator.layout.page import (
    Box,
    DeckLayout,
    Frame,
    Page,
    Para,
    PictureFrame,
    TextFrame,
)
from generator.layout.pictures import full_bleed, page_background
from generator.layout.printing import handout_plans, print_look
from generator.layout.reveal import Clicks, dim_color
from generator.layout.segment import Context
from generator.layout.template_fit import aligned, page_backdrops, title_room
from generator.layout.text import Fitter
from generator.layout.titles import section_page, title_page
from generator.layout.typeset import typeset
from generator.source import inline
from generator.source.model import TEXT_BLOCKS, Deck, Paragraph, Slide, block_texts
from generator.themes.theme import Theme

if TYPE_CHECKING:  # read only for a deck on a template
    from generator.themes.template import TemplateDesign

log = logging.getLogger("generator")

MIN_TITLE_SIZE = 16.0
LAST_RESORT_SIZE = 8.0  # single-line texts (titles, captions) shrink below their floor only to fit
MARKER = "{part}/{parts}"  # the small continuation marker, e.g. "13 · 1/2" with the number
MARKER_AFTER_NUMBER = "· " + MARKER
TITLE_RATIO = 1.4  # a title is at least this many times the body text under it ...
TEMPLATE_TITLE_RATIO = 1.2  # ... on a template (its title band is its own), this many times
TITLE_LINES = 2  # a slide title takes at most this many lines at the deck's title size
REFERENCES = "References"  # the title of the reference slides a deck's 'references:' makes
SOURCE_GAP = 4.0  # between a slide's body and its 'source:' line
FOOT_SHARE = 0.4  # a slide's footnotes and source line take at most this share of its body


def lay_out(deck: Deck, theme: Theme) -> DeckLayout:
    """Turn the deck into pages whose every text block fits its box; on a ``template:``, in
    the template's size, placeholder boxes and fonts (see ``template_design``)."""
    design = None
    if deck.template is not None:
        from generator.themes.template import template_design

        design = template_design(deck)
        theme = design.themed(theme, deck)
    from generator.layout.measure import warn_missing_glyphs

    layout = DeckLayouter(deck, theme, design).run()
    warn_missing_glyphs(deck)
    return layout


class DeckLayouter:
    """Lays out one deck: the deck-wide sizes and boxes first, then each slide's pages.

    Every content slide has the same title box and body box (the grid): the title band is
    as tall as the deck's longest title needs at the deck's one title size, the body starts
    under it and its blocks start at its top. The title slide and section dividers are laid
    out by ``titles``, a slide's blocks by ``flow`` (and ``columns`` for a comparison).
    """

    def __init__(self, deck: Deck, theme: Theme, design: TemplateDesign | None = None) -> None:
        self.deck = deck
        self.theme = theme
        self.script_fonts = choose_script_fonts(deck, theme)
        self.fit = Fitter(theme, self.script_fonts)
        self.fit.measure_characters(t for s in deck.slides for b in s.all_blocks
                                    if isinstance(b, TEXT_BLOCKS) for t in block_texts(b))
        self.m = self.fit.m
        self.W, self.H = SLIDE_SIZES[deck.aspect]
        self.caps = frozenset(design.caps if design is not None else ())  # capital titles
        self.template_rtl = design is not None and design.rtl
        if design is not None:
            self.W, self.H = design.width, design.height
        self.design = design
        self.on_template = design is not None
        sp = theme.spacing
        self.margin = float(sp["margin"])
        self.gap = float(sp["gap"])
        g = deck_geometry(deck, theme, self.W, self.H, design)
        self.title_box, self.body_box = g.title_box, g.body_box
        self.footer_box, self.number_box = g.footer_box, g.number_box
        self.boxes, self.title_anchor = g.boxes, g.boxes.title_page_anchor
        self.logo, self.logo_box = g.logo, g.logo_box
        self.pages: list[Page] = []
        self._footer_size: float | None = None
        self.fit.body = self.deck_body_size()
        self.title_size = self.deck_title_size()

    # -- the deck's sizes and grid ------------------------------------------------------------
    def slides(self) -> tuple[Slide, ...]:
        """The deck's slides, and its reference slides at the end (split like any text)."""
        slides = self.deck.slides
        if self.deck.references:
            slides += (Slide(len(slides) + 1, REFERENCES, blocks=tuple(
                Paragraph(ref) for ref in self.deck.references)),)
        return slides

    def deck_body_size(self) -> float:
        """The deck's one body size: the largest step of the scale at which nearly every slide
        of running text (all but one in ten) fits on one slide; the others go down the scale
        or split."""
        flows = []
        for slide in self.deck.slides:
            if (slide.layout == "content" and slide.blocks and not slide.columns
                    and all(isinstance(b, TEXT_BLOCKS) for b in slide.blocks)):
                flow = Flow(self.context(slide), slide.blocks, self.body_box.w)
                if flow.fits(flow.atoms, self.fit.minimum, self.body_box):
                    flows.append(flow)
        allowed = max(1, len(flows) // 10)  # slides that split anyway do not count
        for size in self.fit.scale():
            misses = 0
            for flow in flows:
                misses += not flow.fits(flow.atoms, size, self.body_box)
                if misses > allowed:
                    break
            if misses <= allowed:
                return size
        return self.fit.minimum

    def deck_title_size(self) -> float:
        """Every content slide's title size: the largest from the theme's ``sizes.heading``
        down to :data:`TITLE_RATIO` times the body size at which every title fits the theme's
        title band (on a template, down to :data:`TEMPLATE_TITLE_RATIO` times); if none does,
        the smallest (so that the band grows least; on a template, whose band cannot grow, the
        largest at which every title takes at most :data:`TITLE_LINES` lines), the band
        growing, for every slide, to hold the tallest title (up to :data:`TITLE_LINES` + 1
        lines): every title and every body starts at one place. A title longer still is set
        smaller in the band, with a warning. (A statement slide's title is a small kicker.)"""
        titles = [s.title for s in self.slides()
                  if s.layout not in ("section", "full", "statement")]
        box, bold = self.title_box, self.bold("title")
        caps = "title" in self.caps
        top = float(self.theme.sizes["heading"])
        ratio = TITLE_RATIO if self.design is None else TEMPLATE_TITLE_RATIO
        floor = min(top, math.ceil(ratio * self.fit.body))
        sizes = [top - i for i in range(int(top - floor) + 1)]

        def height(text: str, at: float) -> float:
            return self.single_height(Para(text.upper() if caps else text, 0, False, at), box.w,
                                      "heading", bold)

        def lines(text: str, at: float) -> int:
            return self.m.lines(text.upper() if caps else text, at, box.w - 2 * INSET_X,
                                "heading", bold)

        for size in sizes:
            if all(height(t, size) <= box.h * HEIGHT_SAFETY for t in titles):
                return size
        size = sizes[-1]
        if self.design is not None:  # a band that cannot grow: the largest size at which
            size = next((s for s in sizes  # every title takes at most TITLE_LINES lines
                         if all(lines(t, s) <= TITLE_LINES for t in titles)), size)
        most = max((min(lines(t, size), TITLE_LINES + 1) for t in titles), default=1)
        needed = (2 * INSET_Y + most * self.m.line_height(size)) / HEIGHT_SAFETY + 0.01
        if needed > box.h and self.design is None:
            grow = needed - box.h
            b = self.body_box
            self.title_box = Box(box.x, box.y, box.w, needed)
            self.body_box = Box(b.x, b.y + grow, b.w, b.h - grow)
            self.boxes = replace(self.boxes, title=self.title_box, body=self.body_box)
        elif needed > box.h:  # a template's title box takes the room above its body
            self.title_box = title_room(box, self.body_box, needed)
            self.boxes = replace(self.boxes, title=self.title_box)
        return float(size)

    # -- the deck -----------------------------------------------------------------------------
    def run(self) -> DeckLayout:
        self.pages.append(title_page(self))
        for slide in self.slides():
            start = len(self.pages)
            self.pages.extend(self.slide_pages(slide))
            if slide.background is not None:
                background = page_background(self.context(slide), slide, self.theme, self.W,
                                             self.H)
                self.pages[start:] = [replace(p, background=background)
                                      for p in self.pages[start:]]
        return self._finish()

    def _finish(self) -> DeckLayout:
        pages = tuple(self.numbered(equations_drawn(p, self.m, self.deck.rtl), i)
                      for i, p in enumerate(aligned(self.pages, self.design), start=1))
        background = self.theme["background_image"]
        return DeckLayout(self.deck, self.theme, self.W, self.H, pages, self.footer_box,
                          self.number_box, self.boxes, self.footer_size(), self.logo,
                          self.logo_box, Path(background) if background else None,
                          self.script_fonts, self.template_rtl, self.fit.body, self.title_size,
                          print_look(self.theme, self.boxes.title_page_decoration is not None),
                          handout_plans(self.W, self.H),
                          page_backdrops(self.design, pages),
                          self.design.bullet_colour if self.design else None)

    def context(self, slide: Slide) -> Context:
        """What laying out ``slide``'s blocks needs (see ``segment.Context``)."""
        return Context(self.fit, self.theme, self.gap, slide,
                       statement=slide.layout == "statement",
                       alone=len(slide.all_blocks) == 1, clicks=Clicks(slide.reveal),
                       rtl=self.deck.rtl)

    def slide_pages(self, slide: Slide) -> list[Page]:
        """The pages of one source slide."""
        if slide.layout == "section":
            return [section_page(self, slide)]
        title_box, body_box = self.title_box, self.body_box
        if slide.template_layout is not None:
            title_box, body_box = self._named_boxes(slide)
        elif slide.columns and self.design is not None and not slide.widths:
            span = self.design.boxes.get("columns3" if len(slide.columns) >= 3 else "columns2")
            body_box = Box(*span) if span else body_box
        if slide.layout == "full":
            return [self.full_page(slide, title_box)]
        source = None
        if slide.source_line or slide.footnotes:  # reserved before the body is fitted
            source, body_box = self.source_line(slide, body_box)
        ctx = self.context(slide)
        if slide.columns:
            pages = self.columns_pages(ctx, slide, body_box)
        else:
            flow = Flow(ctx, slide.blocks, body_box.w)
            pages = []
            for size, atoms in flow.paginate(body_box):
                ctx.clicks.count = 0
                pages.append((size, flow.place(atoms, size, body_box), ctx.clicks.count))
        parts = len(pages)
        out = []
        statement = slide.layout == "statement"
        title = (self.kicker if statement else self.slide_title)(slide, title_box)
        for part, (size, frames, steps) in enumerate(pages, start=1):
            out.append(Page(
                "statement" if statement else "content", 0,
                title, tuple(frames), slide, part, parts,
                slide.notes if part == 1 else "", None, source,
                layout=self.pptx_layout(slide, frames, part), column_count=len(slide.columns),
                steps=steps, dim=self.dim(slide, steps), hidden=slide.hidden))
        return out

    def columns_pages(self, ctx: Context, slide: Slide, body: Box
                      ) -> list[tuple[float, list[Frame], int]]:
        """A comparison's pages (see ``columns``); in ``blocks`` mode each column is shown by
        one click."""
        design = self.design
        template = (design.columns("columns3" if len(slide.columns) >= 3 else "columns2")
                    if design is not None else None)
        spans = column_spans(body, len(slide.columns), slide.widths, self.gap, template,
                             rtl=self.deck.rtl)
        headings = column_headings(ctx, [c.heading for c in slide.columns],
                                   min(w for _, w in spans), body, self.single_height,
                                   float(math.floor(self.title_size / TITLE_RATIO)))
        return Columns(ctx, slide, body, spans, headings).pages()

    def full_page(self, slide: Slide, title_box: Box) -> Page:
        """A full-bleed picture, its title on a scrim band across the slide."""
        band = Box(0, title_box.y - self.margin * 0.25, self.W, title_box.h + self.margin * 0.5)
        picture, scrim = full_bleed(self.context(slide), slide.image, self.W, self.H, band)
        return Page("full", 0, self.slide_title(slide, title_box), (picture, scrim), slide,
                    notes=slide.notes, layout="title_only", hidden=slide.hidden)

    def source_line(self, slide: Slide, body: Box) -> tuple[TextFrame, Box]:
        """The slide's foot (small, muted, over the footer): its footnotes, each after its
        superscript number, and its ``source:`` line, measured first; and the body box left
        above it for every page of the slide."""
        if slide.footnotes:
            frame = self.foot(slide, body)
        else:
            size = float(self.theme.sizes["footer"])
            height = self.single_height(Para(slide.source_line or "", 0, False, size), body.w,
                                        "body") / HEIGHT_SAFETY
            frame = self.single(slide.source_line or "",
                                Box(body.x, body.bottom - height, body.w, height),
                                size, LAST_RESORT_SIZE, "body")
        frame = replace(frame, role="source", color="muted")
        height = frame.box.h
        return frame, Box(body.x, body.y, body.w, body.h - height - SOURCE_GAP)

    def foot(self, slide: Slide, body: Box) -> TextFrame:
        """A slide's footnotes and source line at the footer's size, or smaller (to 8 pt) so
        they take at most :data:`FOOT_SHARE` of the body's height."""
        from generator.source.footnotes import superscript

        texts = [f"{superscript(n)}\u2009{note}" for n, note in enumerate(slide.footnotes, 1)]
        texts += [slide.source_line] if slide.source_line else []
        size = float(self.theme.sizes["footer"])
        while True:
            paras = tuple(typeset(self.m, Para(text, 0, False, size), body.w) for text in texts)
            height = self.m.frame_height(paras, body.w) / HEIGHT_SAFETY
            if height <= body.h * FOOT_SHARE or size <= LAST_RESORT_SIZE:
                break
            size -= 1
        if height > body.h * FOOT_SHARE:
            log.warning("%s: slide %d's footnotes take %.0f%% of its body even at %g pt; "
                        "shorten them", slide.mark or self.deck.path, slide.number,
                        100 * height / body.h, size)
        box = Box(body.x, body.bottom - height, body.w, height)
        return TextFrame(box, paras, size, "body", height * HEIGHT_SAFETY)

    def pptx_layout(self, slide: Slide, frames: list[Frame], part: int) -> str:
        """The kind of PowerPoint layout a content page is drawn on: its text in the body
        placeholder (``content``, ``continuation``), its lead and columns in a columns
        layout's placeholders, a picture beside text (``image``), or a title only with every
        block a shape of its own."""
        if slide.template_layout is not None:
            return "named"
        texts = [f for f in frames if isinstance(f, TextFrame)]
        if len(frames) == 1 and texts and texts[0].role == "body":
            return "content" if part == 1 else "continuation"
        if slide.columns and len(texts) == len(frames) and all(
                t.role in ("body", "heading") for t in texts):
            return "columns3" if len(slide.columns) >= 3 else "columns2"
        pictures = [f for f in frames if isinstance(f, PictureFrame)]
        bodies = [t for t in texts if t.role == "body"]
        if (len(pictures) == 1 and len(bodies) <= 1 and texts
                and len(frames) == len(texts) + 1
                and all(t.role in ("body", "caption", "credit") for t in texts)):
            return "image"  # a picture with its caption, and the text beside it
        return "title_only"

    def dim(self, slide: Slide, steps: int) -> str | None:
        if not (slide.dim and steps):
            return None
        colors = self.theme.colors
        return dim_color(colors["text"], colors["background"])

    def _named_boxes(self, slide: Slide) -> tuple[Box, Box]:
        """The title and body boxes of the template layout a slide names (``layout: "Name"``);
        ``SourceError`` naming the template's layouts when it has none of that name."""
        named = self.design.named if self.design else ()
        found = {name.casefold(): (t, b) for name, t, b in named}
        wanted = (slide.template_layout or "").casefold()
        if wanted not in found:
            import difflib  # for the message only

            names = [name for name, _, _ in named]
            close = difflib.get_close_matches(slide.template_layout or "", names, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            mark = slide.mark
            raise SourceError([Problem(
                mark.path if mark else str(self.deck.path), mark.line if mark else None,
                mark.column if mark else None,
                f"the template has no layout {slide.template_layout!r}; {hint}(its layouts: "
                f"{', '.join(names)}; or 'content', 'section')", slide.number,
                inline.plain(slide.title))])
        title, body = found[wanted]
        return (Box(*title) if title else self.title_box, Box(*body) if body else self.body_box)

    # -- pieces -------------------------------------------------------------------------------
    def footer_size(self) -> float:
        """The theme's footer size, or smaller (down to 6 pt) so the footer stays on one line."""
        if self._footer_size is None:
            size = float(self.theme["footer"].get("size") or self.theme.sizes["footer"])
            text = self.deck.footer
            width = self.footer_box.w - 2 * INSET_X
            while text and size > 6 and self.m.lines(text, size, width) > 1:
                size -= 0.5
            if text and self.m.lines(text, size, width) > 1:
                log.warning("the footer %r does not fit on one line even at %g pt; shorten it",
                            text, size)
            self._footer_size = size
        return self._footer_size

    def single(self, text: str, box: Box, largest: float, smallest: float,
               font: str = "heading", caps: bool = False, bold: bool = False) -> TextFrame:
        """One paragraph (a title) at the largest size that fits ``box``; ``caps``: measured in
        capitals, as the template's style sets it; ``bold``: set in the bold face."""
        measured = text.upper() if caps else text
        size = largest
        while size > LAST_RESORT_SIZE:
            para = Para(measured, 0, False, size)
            if self.single_height(para, box.w, font, bold) <= box.h * HEIGHT_SAFETY:
                break
            size -= 1
        if size < smallest:
            log.warning("%r needed %g pt to fit its box (below the %g pt floor for this kind of "
                        "text); consider shortening it", text, size, smallest)
        height = self.single_height(Para(measured, 0, False, size), box.w, font, bold)
        return TextFrame(box, (Para(text, 0, False, size),), size, font, height, bold)

    def single_height(self, para: Para, width: float, font: str, bold: bool = False) -> float:
        return self.m.frame_height((para,), width, font, bold)

    def bold(self, role: str) -> bool:
        """Whether the theme sets ``role`` (``"title"`` or ``"heading"``) bold."""
        return self.theme["weights"][role] == "bold"

    def slide_title(self, slide: Slide, box: Box) -> TextFrame:
        """A content slide's title at the deck's title size (smaller only if it cannot fit
        the band), on the band's lower edge; a title of several lines is typeset like body
        text (no one-word last line)."""
        title = self.single(slide.title, box, self.title_size, MIN_TITLE_SIZE,
                            caps="title" in self.caps, bold=self.bold("title"))
        title = replace(title, anchor="b", role="title", color="heading")
        if "title" in self.caps or title.height <= self.m.line_height(title.size) * 1.5 + (
                2 * 3.6):
            return title
        para = typeset(self.m, title.paras[0], title.box.w, "heading", title.bold)
        return replace(title, paras=(para,))

    def kicker(self, slide: Slide, box: Box) -> TextFrame:
        """A statement slide's title: small (the theme's ``sizes.kicker``) in the accent colour,
        where every title stands, so that the statement under it is what the room reads."""
        size = float(self.theme.sizes.get("kicker", self.fit.body))
        title = self.single(slide.title, box, size, min(size, MIN_TITLE_SIZE),
                            caps="title" in self.caps, bold=self.bold("title"))
        return replace(title, anchor="b", role="title", color="accent")

    def numbered(self, page: Page, number: int) -> Page:
        """``page`` as slide ``number``; a split slide's page with its continuation marker
        (see :meth:`marker`)."""
        if page.parts < 2:
            return replace(page, number=number)
        marker, number_box = self.marker(page)
        return replace(page, number=number, marker=marker, number_box=number_box)

    def marker(self, page: Page) -> tuple[TextFrame, Box | None]:
        """The continuation marker of a split slide's page and where its number then goes:
        the two read as one label, "13 · 1/2", the marker at the number's size where the
        number ends (its right-aligned box's edge) and the number moved left to stand a space
        before it; "1/2" alone in the number's place where no number is drawn."""
        size = float(self.theme["footer"]["size"])
        face = self.m.faces[("body", False, False)]
        n = self.number_box
        numbered = page.chrome and self.deck.slide_numbers
        text = (MARKER_AFTER_NUMBER if numbered else MARKER).format(part=page.part,
                                                                    parts=page.parts)
        text_w = self.m.text_em(face, text) * size * WIDTH_SAFETY ** 2
        width = text_w + 2 * INSET_X
        box = Box(n.right - width, n.y, width, n.h)
        para = Para(text, 0, False, size, direction="ltr")  # a numeric label, in any deck
        marker = TextFrame(box, (para,), size, "body", self.single_height(para, box.w, "body"),
                           anchor="ctr", align="r", role="marker", color="footer.color")
        if not numbered:
            return marker, None
        shift = text_w + self.m.text_em(face, " ") * size
        return marker, Box(n.x - shift, n.y, n.w, n.h)


__all__ = ["lay_out", "DeckLayout", "DeckLayouter"]
