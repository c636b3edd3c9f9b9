"""Lay out the title slide and the section dividers in the theme's look (or the template's)."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import TYPE_CHECKING

from generator.layout.engine import (
    HEIGHT_SAFETY,
    LAST_RESORT_SIZE,
    MIN_TITLE_SIZE,
    TITLE_AUTHOR,
    TITLE_DATE,
    Box,
    Page,
    Para,
    TextFrame,
)
from generator.source.model import Slide

if TYPE_CHECKING:
    from generator.layout.engine import DeckLayouter

log = logging.getLogger("generator")


def title_page(lay: DeckLayouter) -> Page:
    """The title slide in the theme's look: the title, then the subtitle under it, and the
    author and date together at the foot of the slide; on a template, the subtitle,
    author and date share the template's subtitle placeholder, as its layout has it."""
    d, s = lay.deck, lay.theme.sizes
    title = lay.single(d.title, lay.boxes.title_page_title, float(s["title"]),
                       MIN_TITLE_SIZE, caps="title_page_title" in lay.caps,
                       bold=lay.bold("title"))
    subtitle = [(d.subtitle, 1.0)] if d.subtitle else []
    byline = [(x, scale) for x, scale in ((d.author, TITLE_AUTHOR), (d.date, TITLE_DATE))
              if x]
    if lay.design is not None:
        [sub] = title_lines(lay, [(lay.boxes.title_page_subtitle, subtitle + byline, "t",
                                   "l")])
        return Page("title", 0, title, subtitle=sub)
    align = "ctr" if lay.theme["title_slide"]["align"] == "center" else "l"
    title = replace(title, anchor=lay.title_anchor, align=align)
    sub, by = title_lines(lay, [(lay.boxes.title_page_subtitle, subtitle, "t", align),
                                (lay.boxes.title_page_byline, byline, "b", align)])
    return Page("title", 0, title, subtitle=sub, byline=by)


def title_lines(lay: DeckLayouter, groups: list[tuple[Box, list[tuple[str, float]], str, str]]
                ) -> list[TextFrame | None]:
    """A frame per group of the title slide's lines (``(box, [(text, scale)], anchor,
    align)``; ``None`` for a group without lines). Every line is set at its scale of one
    size, the theme's subtitle size, or smaller until every group fits its box, so the
    steps between subtitle, author and date stay."""
    size = float(lay.theme.sizes["subtitle"])
    while True:
        frames: list[TextFrame | None] = []
        for box, lines, anchor, align in groups:
            paras = tuple(Para(t, 0, False, round(size * k),
                               lay.m.after * round(size * k) if i < len(lines) - 1 else 0.0)
                          for i, (t, k) in enumerate(lines))
            frames.append(TextFrame(box, paras, size, "body",
                                    lay.m.frame_height(paras, box.w), anchor=anchor,
                                    align=align) if paras else None)
        if size <= LAST_RESORT_SIZE or all(f.height <= f.box.h * HEIGHT_SAFETY
                                           for f in frames if f is not None):
            break
        size -= 1
    if size < MIN_TITLE_SIZE:
        log.warning("the title slide's subtitle, author and date needed %g pt to fit "
                    "(below the %g pt floor); consider shortening them", size,
                    MIN_TITLE_SIZE)
    return frames


def section_page(lay: DeckLayouter, slide: Slide) -> Page:
    """A section divider, aligned as the theme's title slide (on a template, as the
    template's layout)."""
    s = lay.theme.sizes
    title = lay.single(slide.title, lay.boxes.section_title, float(s["title"]),
                       MIN_TITLE_SIZE, caps="section_title" in lay.caps,
                       bold=lay.bold("title"))
    sub = None
    if slide.subtitle:
        sub = lay.single(slide.subtitle, lay.boxes.section_subtitle, float(s["subtitle"]),
                         MIN_TITLE_SIZE, "body")
    if lay.design is None and lay.theme["title_slide"]["align"] == "center":
        title = replace(title, align="ctr")
        sub = replace(sub, align="ctr") if sub is not None else None
    return Page("section", 0, title, slide, subtitle=sub, notes=slide.notes)
