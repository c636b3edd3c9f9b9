"""A deck fitted to its template: a title band that takes the room above the template's body
when the deck's titles need it, the title slide's lines kept at readable sizes, the template's
alignment carried onto the pages, and the backdrop of each layout the pages are drawn on."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Protocol

from generator.layout.measure import HEIGHT_SAFETY, Measure
from generator.layout.page import Box, Page, Para, SlideBoxes, TextFrame, layout_key
from generator.themes.theme import Theme

if TYPE_CHECKING:
    from generator.themes.drawing import Backdrop
    from generator.themes.template import TemplateDesign

ROOM_GAP = 9.0  # what a title band grown toward the body leaves between them


class Room(Protocol):
    """What finding room on the title slide uses of the deck's layouter."""

    theme: Theme
    m: Measure
    boxes: SlideBoxes
    footer_box: Box
    number_box: Box
    H: float
    margin: float


def title_room(title: Box, body: Box, needed: float) -> Box:
    """The template's title box ``title`` grown down to ``needed`` points, but no further
    than :data:`ROOM_GAP` above the ``body`` box under it (not at all beside it)."""
    below = body.y > title.bottom and body.x < title.right and title.x < body.right
    bottom = body.y - ROOM_GAP if below else title.bottom
    return Box(title.x, title.y, title.w, max(title.h, min(needed, bottom - title.y)))


def page_backdrops(design: TemplateDesign | None, pages: tuple[Page, ...]
                   ) -> dict[str, Backdrop]:
    """The backdrop of every layout ``pages`` are drawn on (none without a template)."""
    if design is None:
        return {}
    known = dict(design.backdrops)
    return {key: known[key] for key in dict.fromkeys(layout_key(p) for p in pages)
            if key in known}


def aligned(pages: list[Page], design: TemplateDesign | None) -> list[Page]:
    """``pages`` with their titles (and the title and section slides' subtitles) aligned as
    the template aligns them (centred where it centres them)."""
    if design is None:
        return pages
    keys = {"title": ("title_page_title", "title_page_subtitle"),
            "section": ("section_title", "section_subtitle")}
    out = []
    for page in pages:
        title_key, sub_key = keys.get(page.kind, ("title", None))
        frames = tuple(replace(f, align=design.align(sub_key))
                       if sub_key and isinstance(f, TextFrame) and f.role == "subtitle" else f
                       for f in page.frames)
        out.append(replace(page, title=replace(page.title, align=design.align(title_key)),
                           frames=frames))
    return out


def title_page_room(lay: Room, box: Box, lines: list[tuple[str, float]],
                    bold: bool = False) -> Box:
    """The template's subtitle box of the title slide, grown (down, else up) into the free
    space around it until its ``lines`` (text, scale of the subtitle size) fit with the
    smallest line at the theme's minimum: a template's one-line subtitle box would otherwise
    crush the author and date below a readable size."""
    if not lines:
        return box
    sizes = lay.theme.sizes
    size = max(float(sizes["subtitle"]), float(sizes["minimum"]) / min(k for _, k in lines))
    paras = tuple(Para(t, 0, False, round(size * k), lay.m.after * round(size * k))
                  for t, k in lines)
    needed = lay.m.frame_height(paras, box.w, "body", bold) / HEIGHT_SAFETY
    if needed <= box.h:
        return box
    title = lay.boxes.title_page_title
    foot = min(lay.footer_box.y, lay.number_box.y, lay.H - lay.margin / 2)
    below = title.y if title.y >= box.bottom else foot
    bottom = min(foot, below) - ROOM_GAP / 2
    top = box.y
    if top + needed > bottom:  # down is not enough: grow up too, to the title (or the top)
        above = title.bottom if title.bottom <= box.y else lay.margin / 2
        top = max(above + ROOM_GAP / 2, bottom - needed)
    return Box(box.x, top, box.w, max(box.h, min(bottom, top + needed) - top))


__all__ = ["aligned", "page_backdrops", "title_page_room", "title_room"]
