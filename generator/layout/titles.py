"""Lay out the title slide and the section dividers in the theme's look (or the template's)."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from generator.layout.measure import HEIGHT_SAFETY, INSET_X, Measure
from generator.layout.page import Box, Page, Para, SlideBoxes, TextFrame
from generator.layout.typeset import typeset
from generator.source.model import Deck, Slide
from generator.themes.theme import Theme

if TYPE_CHECKING:  # read only for a deck on a template
    from generator.themes.template import TemplateDesign

log = logging.getLogger("generator")

MIN_TITLE_SIZE = 16.0
LAST_RESORT_SIZE = 8.0
TITLE_AUTHOR, TITLE_DATE = 0.8, 0.7  # the title slide's author and date, to its subtitle


class TitleMaker(Protocol):
    """What laying out the title and section slides uses of the deck's layouter."""

    deck: Deck
    theme: Theme
    boxes: SlideBoxes
    m: Measure
    caps: frozenset[str]
    on_template: bool
    design: TemplateDesign | None
    title_anchor: str
    footer_box: Box  # (and the slide's height and margin: the room around a template's boxes)
    number_box: Box
    H: float
    margin: float

    def single(self, text: str, box: Box, largest: float, smallest: float,
               font: str = "heading", caps: bool = False, bold: bool = False) -> TextFrame: ...

    def bold(self, role: str) -> bool: ...


def title_page(lay: TitleMaker) -> Page:
    """The title slide in the theme's look: the title, then the subtitle under it, and the
    author and date together at the foot of the slide; on a template, the subtitle,
    author and date share the template's subtitle placeholder, as its layout has it."""
    d, s = lay.deck, lay.theme.sizes
    ts = {} if lay.on_template else lay.theme["title_slide"]
    title = lay.single(d.title, lay.boxes.title_page_title, float(s["title"]),
                       MIN_TITLE_SIZE, caps="title_page_title" in lay.caps,
                       bold=lay.bold("title"))
    own = _template_colours(lay)  # else None: the template's own, inherited
    title = replace(_typeset(lay, title), role="title",
                    color="title_slide.title_color" if own else None)
    subtitle = [(d.subtitle, 1.0)] if d.subtitle else []
    byline = [(x, scale) for x, scale in ((d.author, TITLE_AUTHOR), (d.date, TITLE_DATE))
              if x]
    if lay.on_template:
        from generator.layout.template_fit import title_page_room

        bold = "title_page_subtitle" in lay.design.bolds  # as the template's subtitle style
        box = title_page_room(lay, lay.boxes.title_page_subtitle, subtitle + byline, bold)
        [sub] = title_lines(lay, [(box, subtitle + byline, "t", "l")], bold)
        title = replace(title, anchor="ctr")
        frames = (replace(sub, role="subtitle",
                          color="title_slide.subtitle_color" if own else None),) if sub else ()
        return Page("title", 0, title, frames, layout="title", chrome=False)
    align = "ctr" if ts["align"] == "center" else "l"
    title = replace(title, anchor=lay.title_anchor, align=align)
    sub, by = title_lines(lay, [(lay.boxes.title_page_subtitle, subtitle, "t", align),
                                (lay.boxes.title_page_byline, byline, "b", align)])
    frames = tuple(replace(f, role=role, color=f"title_slide.{color}")
                   for f, role, color in ((sub, "subtitle", "subtitle_color"),
                                          (by, "byline", "byline_color")) if f is not None)
    return Page("title", 0, title, frames, layout="title", chrome=False)


def title_lines(lay: TitleMaker, groups: list[tuple[Box, list[tuple[str, float]], str, str]],
                bold: bool = False) -> list[TextFrame | None]:
    """A frame per group of the title slide's lines (``(box, [(text, scale)], anchor,
    align)``; ``None`` for a group without lines). Every line is set at its scale of one
    size, the theme's subtitle size, or smaller until every group fits its box, so the
    steps between subtitle, author and date stay; ``bold``: set (and measured) bold."""
    size = float(lay.theme.sizes["subtitle"])
    while True:
        frames: list[TextFrame | None] = []
        for box, lines, anchor, align in groups:
            paras = tuple(Para(t, 0, False, round(size * k),
                               lay.m.after * round(size * k) if i < len(lines) - 1 else 0.0)
                          for i, (t, k) in enumerate(lines))
            frames.append(TextFrame(box, paras, size, "body",
                                    lay.m.frame_height(paras, box.w, "body", bold), bold,
                                    anchor=anchor, align=align) if paras else None)
        if size <= LAST_RESORT_SIZE or all(f.height <= f.box.h * HEIGHT_SAFETY
                                           for f in frames if f is not None):
            break
        size -= 1
    if size < MIN_TITLE_SIZE:
        log.warning("the title slide's subtitle, author and date needed %g pt to fit "
                    "(below the %g pt floor); consider shortening them", size,
                    MIN_TITLE_SIZE)
    return frames


def _template_colours(lay: TitleMaker) -> bool:
    """Whether the title and section slides' colours are the theme's tokens: off a template,
    and on one (whose colours the tokens then are, see ``TemplateDesign.themed``) unless the
    deck's ``style:`` sets colours: the theme's title slide colours go with its own looks."""
    return not (lay.on_template and (lay.deck.style or {}).get("colors"))


def section_page(lay: TitleMaker, slide: Slide) -> Page:
    """A section divider in the title slide's look (its decoration in the section slide's
    ``band`` colour, the title where the title slide has it, the subtitle under it), on the
    section slide's own colours; on a template, in the template's section layout."""
    s = lay.theme.sizes
    section = "section_slide" if _template_colours(lay) else None
    title = lay.single(slide.title, lay.boxes.section_title, float(s["title"]),
                       MIN_TITLE_SIZE, caps="section_title" in lay.caps,
                       bold=lay.bold("title"))
    title = replace(_typeset(lay, title), role="title",
                    color=section and f"{section}.title_color",
                    anchor="b" if lay.on_template else lay.title_anchor)
    frames = []
    if slide.subtitle:
        bold = lay.design is not None and "section_subtitle" in lay.design.bolds
        sub = lay.single(slide.subtitle, lay.boxes.section_subtitle, float(s["subtitle"]),
                         MIN_TITLE_SIZE, "body", bold=bold)
        frames.append(replace(sub, role="subtitle", color=section and f"{section}.subtitle_color"))
    if not lay.on_template and lay.theme["title_slide"]["align"] == "center":
        title = replace(title, align="ctr")
        frames = [replace(f, align="ctr") for f in frames]
    return Page("section", 0, title, tuple(frames), slide, notes=slide.notes, layout="section",
                chrome=False, hidden=slide.hidden)


def _typeset(lay: TitleMaker, title: TextFrame) -> TextFrame:
    """A title of several lines typeset like body text: no word alone on its last line."""
    if len(title.paras) != 1 or lay.m.lines(title.paras[0].text, title.size,
                                           title.box.w - 2 * INSET_X, title.font,
                                           title.bold) < 2:
        return title
    para = typeset(lay.m, title.paras[0], title.box.w, title.font, title.bold)
    return replace(title, paras=(para,))
