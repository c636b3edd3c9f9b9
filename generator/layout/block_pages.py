"""Lay out the pages of block slides: pictures, full bleed, tables, code, timelines, quotes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from generator.errors import Problem, SourceError
from generator.layout.engine import (
    CAPTION_GAP,
    CAPTION_SHARE,
    HEIGHT_SAFETY,
    MIN_CAPTION_SIZE,
    MIN_TITLE_SIZE,
    Box,
    Page,
    Para,
    TextFrame,
    _items,
    fit_image,
)
from generator.source import inline
from generator.source.model import Image, Slide

if TYPE_CHECKING:
    from generator.layout.engine import DeckLayouter


def block_pages(lay: DeckLayouter, slide: Slide) -> list[Page]:
    """The pages of a slide of one of the kinds in :data:`BLOCK_KINDS`."""
    return BLOCK_KINDS[slide.kind](lay, slide)


def table_pages(lay: DeckLayouter, slide: Slide) -> list[Page]:
    """A table (see ``blocks``) under the title, its caption below it on every page."""
    from generator.layout.blocks import table_frames

    table, body = slide.table, lay.body_box
    caption_h = 0.0
    if table.caption:
        size = float(lay.theme.sizes["caption"])
        caption_h = lay.single_height(Para(table.caption, 0, False, size), body.w, "body")
    area = Box(body.x, body.y, body.w, body.h - (caption_h + 4 if caption_h else 0))
    frames = table_frames(lay.fit, slide, area)
    parts = len(frames)
    pages = []
    for part, frame in enumerate(frames, start=1):
        caption = None
        if table.caption:
            caption = lay.single(table.caption, Box(body.x, frame.box.bottom + 4, body.w,
                                                    caption_h),
                                 float(lay.theme.sizes["caption"]), MIN_TITLE_SIZE, "body")
        pages.append(Page("table", 0, lay.slide_title(slide, part, parts), slide,
                          caption=caption, part=part, parts=parts, table=frame,
                          notes=slide.notes if part == 1 else "",
                          marker=lay.marker(part, parts)))
    return pages


def code_pages(lay: DeckLayouter, slide: Slide) -> list[Page]:
    """A code listing (see ``blocks``) under the title, split at line boundaries."""
    from generator.layout.blocks import code_frames

    frames = code_frames(lay.fit, slide, lay.body_box)
    return [Page("code", 0, lay.slide_title(slide, part, len(frames)), slide, part=part,
                 parts=len(frames), code=frame, notes=slide.notes if part == 1 else "",
                 marker=lay.marker(part, len(frames)))
            for part, frame in enumerate(frames, start=1)]


def timeline_pages(lay: DeckLayouter, slide: Slide) -> list[Page]:
    """A timeline (see ``blocks``) under the title, split between events."""
    from generator.layout.blocks import timeline_frames

    frames = timeline_frames(lay.fit, slide, lay.body_box)
    return [Page("timeline", 0, lay.slide_title(slide, i, len(frames)),
                 slide, part=i, parts=len(frames), timeline=frame,
                 notes=slide.notes if i == 1 else "",
                 marker=lay.marker(i, len(frames)))
            for i, frame in enumerate(frames, start=1)]


def full_page(lay: DeckLayouter, slide: Slide) -> list[Page]:
    """A full-bleed picture, its title on a scrim band across the slide."""
    from generator.layout.blocks import full_bleed

    title = lay.title_box
    band = Box(0, title.y - lay.margin * 0.25, lay.W, title.h + lay.margin * 0.5)
    full = full_bleed(slide, lay.theme, lay.W, lay.H, band)
    return [Page("full", 0, lay.slide_title(slide, 1, 1), slide,
                 image=slide.image, image_box=Box(0, 0, lay.W, lay.H),
                 full=full, notes=slide.notes)]


def pictures_page(lay: DeckLayouter, slide: Slide) -> list[Page]:
    """An ``images:`` slide: its pictures in a grid, each with its caption and credit."""
    from generator.layout.blocks import picture_grid

    return [Page("images", 0, lay.slide_title(slide, 1, 1), slide,
                 pictures=picture_grid(lay.fit, slide, lay.body_box),
                 notes=slide.notes)]


def quote_page(lay: DeckLayouter, slide: Slide) -> list[Page]:
    """A quotation and its credit."""
    from generator.layout.blocks import quote_frames

    body, credit = quote_frames(lay.fit, slide, lay.body_box)
    return [Page("quote", 0, lay.slide_title(slide, 1, 1), slide,
                 body=body, caption=credit, notes=slide.notes)]


def image_pages(lay: DeckLayouter, slide: Slide) -> list[Page]:
    """A picture beside the slide's text (or alone in the body), its caption under it; text
    that does not fit beside the picture follows on continuation pages."""
    image = slide.image
    assert image is not None
    text_frame, rest, area = _text_beside_picture(lay, slide)
    caption = None
    if image.caption:
        caption, area = _picture_caption(lay, slide, image, area)
    placed = fit_image(image.path, area)
    if caption is not None:  # right under the picture: the pair stays centred
        c = caption.box
        caption = TextFrame(Box(c.x, placed.bottom + CAPTION_GAP, c.w, c.h), caption.paras,
                            caption.size, caption.font, caption.height)
    parts = 1 + len(rest)
    pages = [Page("image", 0, lay.slide_title(slide, 1, parts), slide, body=text_frame,
                  image=image, image_box=placed, caption=caption, parts=parts,
                  notes=slide.notes, marker=lay.marker(1, parts))]
    for i, chunk in enumerate(rest, start=2):
        pages.append(Page("content", 0, lay.slide_title(slide, i, parts), slide,
                          body=lay.frame(chunk, text_frame.size, lay.body_box),
                          part=i, parts=parts, marker=lay.marker(i, parts)))
    return pages


def _text_beside_picture(lay: DeckLayouter, slide: Slide
                         ) -> tuple[TextFrame | None, list, Box]:
    """The slide's text in 45 % of the body beside the picture (``None`` without text), the
    chunks that did not fit there, and the area left for the picture."""
    body = lay.body_box
    items = _items(slide.blocks)
    if not items:
        return None, [], body
    text_w = body.w * 0.45
    left = slide.image_side == "left"  # the picture left of the text
    tbox = Box(body.right - text_w if left else body.x, body.y, text_w, body.h)
    size, chunks = lay.fit.split(items, tbox)
    text_frame = lay.frame(chunks[0], size, tbox)
    area = Box(body.x if left else body.x + text_w + lay.gap, body.y,
               body.w - text_w - lay.gap, body.h)
    return text_frame, list(chunks[1:]), area


def _picture_caption(lay: DeckLayouter, slide: Slide, image: Image, area: Box
                     ) -> tuple[TextFrame, Box]:
    """The picture's caption at the foot of ``area`` (in at most :data:`CAPTION_SHARE` of
    it, ``SourceError`` when that is too small) and the area left above it."""
    cap_size = float(lay.theme.sizes["caption"])
    cap_h = lay.single_height(Para(image.caption, 0, False, cap_size), area.w, "body")
    cap_h = min(cap_h, area.h * CAPTION_SHARE)
    caption = lay.single(image.caption, Box(area.x, area.y + area.h - cap_h, area.w,
                                            cap_h), cap_size, MIN_TITLE_SIZE, "body")
    if caption.size < MIN_CAPTION_SIZE or caption.height > cap_h / HEIGHT_SAFETY:
        raise SourceError([Problem(
            image.mark.path if image.mark else str(lay.deck.path),
            image.mark.line if image.mark else None,
            image.mark.column if image.mark else None,
            f"the caption is too long to fit under its picture (it would need "
            f"{caption.size:g} pt, below {MIN_CAPTION_SIZE:g} pt, in "
            f"{CAPTION_SHARE:.0%} of the picture area); shorten it, or put the "
            "longer text in 'text' beside the picture",
            slide.number, inline.plain(slide.title))])
    return caption, Box(area.x, area.y, area.w, area.h - cap_h - CAPTION_GAP)


BLOCK_KINDS: dict[str, Callable[[DeckLayouter, Slide], list[Page]]] = {
    "image": image_pages,
    "table": table_pages,
    "code": code_pages,
    "timeline": timeline_pages,
    "full": full_page,
    "images": pictures_page,
    "quote": quote_page,
}
