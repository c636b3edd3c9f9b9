"""Pictures as kinds of block (one picture with its caption and credit; two to four in a grid),
a full-bleed picture under a slide's title, and a slide's own background."""

from __future__ import annotations

from pathlib import Path

from generator import pictures
from generator.layout.measure import HEIGHT_SAFETY, INSET_X, fit_image, image_size
from generator.layout.page import (
    Box,
    Frame,
    PageBackground,
    Para,
    PictureFrame,
    ShapeFrame,
    TextFrame,
)
from generator.layout.segment import Atom, Context, Kind
from generator.source.model import Block, Gallery, Image, Slide
from generator.themes.theme import Theme, contrast_ratio

CAPTION_GAP = 4.0  # points between a picture and its caption
CAPTION_SHARE = 0.35  # a caption takes at most this part of the picture's area ...
MIN_CAPTION_SIZE = 10.0  # ... at no less than this size, or the build says to shorten it
LAST_RESORT_SIZE = 8.0
MIN_SHARE = 0.3  # a picture beside other blocks keeps at least this share of the height ...
MIN_HEIGHT = 72.0  # ... and at least this many points (or its whole height, if less)
SCRIM = 0.85  # the scrim under a full-bleed picture's title: the background at this opacity
LARGE_TEXT_CONTRAST = 3.0  # WCAG AA for large text (slide titles)
CONTRAST = 4.5  # WCAG AA for normal text


def _text_height(ctx: Context, text: str | None, size: float, width: float) -> float:
    if not text:
        return 0.0
    return ctx.m.frame_height((Para(text, 0, False, size),), width) / HEIGHT_SAFETY


def _aligned(picture: Box, y: float, h: float) -> Box:
    """The box of a text under ``picture`` whose lines start and end at the picture's edges:
    the text box's insets reach past them."""
    return Box(picture.x - INSET_X, y, picture.w + 2 * INSET_X, h)


def _places(count: int, rtl: bool) -> range:
    """The cells of a row's ``count`` pictures in reading order (right to left: from the right)."""
    return range(count - 1, -1, -1) if rtl else range(count)


def _under(ctx: Context, text: str | None, size: float, box: Box, role: str,
           color: str) -> TextFrame | None:
    if not text:
        return None
    para = Para(text, 0, False, size)
    return TextFrame(box, (para,), size, "body", ctx.m.frame_height((para,), box.w), role=role,
                     color=color)


class PictureKind(Kind):
    """One picture, as large as the height left over allows, its caption and credit under
    it (aligned to its edges)."""

    name = "picture"
    elastic = True

    def height(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
               width: float, room: float) -> float | None:
        image = blocks[atoms[0].block]
        texts = self._texts(ctx, image, width, room)
        natural = fit_image(image.path, Box(0, 0, width, max(room - texts, 1.0))).h
        return texts + min(natural, max(MIN_SHARE * room, MIN_HEIGHT))

    def _texts(self, ctx: Context, image: Image, width: float, room: float) -> float:
        sizes = ctx.theme.sizes
        caption = _text_height(ctx, image.caption, float(sizes["caption"]), width)
        credit = _text_height(ctx, image.credit, float(sizes["footer"]), width)
        if caption > room * CAPTION_SHARE:
            raise ctx.error(image.mark, "the caption is too long to fit under its picture (it "
                            f"would need more than {CAPTION_SHARE:.0%} of the picture area at "
                            f"{sizes['caption']:g} pt); shorten it, or put the longer text in "
                            "'text' beside the picture")
        return caption + credit + (CAPTION_GAP if caption or credit else 0.0)

    def place(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
              box: Box) -> list[Frame]:
        image = blocks[atoms[0].block]
        return place_picture(ctx, image, box)


def place_picture(ctx: Context, image: Image, box: Box) -> list[Frame]:
    """``image`` at the top of ``box``, centred across it, as large as fits with its caption
    and credit under it; the texts measured at the picture's own width."""
    sizes = ctx.theme.sizes
    cap, cred = float(sizes["caption"]), float(sizes["footer"])
    width = box.w
    for _ in range(2):  # measure the texts at the picture's width, then fit it again
        texts = (_text_height(ctx, image.caption, cap, width + 2 * INSET_X)
                 + _text_height(ctx, image.credit, cred, width + 2 * INSET_X))
        gap = CAPTION_GAP if texts else 0.0
        placed = fit_image(image.path, Box(box.x, box.y, box.w, max(box.h - texts - gap, 1.0)))
        width = placed.w
    placed = Box(placed.x, box.y, placed.w, placed.h)  # at the top
    out: list[Frame] = [PictureFrame(placed, image)]
    y = placed.bottom + CAPTION_GAP
    width = placed.w + 2 * INSET_X
    caption_h = _text_height(ctx, image.caption, cap, width)
    for text, s, h, role, color in ((image.caption, cap, caption_h, "caption", "muted"),
                                    (image.credit, cred, _text_height(ctx, image.credit, cred,
                                                                      width),
                                     "credit", "muted")):
        frame = _under(ctx, text, s, _aligned(placed, y, h), role, color)
        if frame is not None:
            if frame.size < MIN_CAPTION_SIZE:
                raise ctx.error(image.mark, "the caption is too long to fit under its picture")
            out.append(frame)
            y += h
    return out


class GalleryKind(Kind):
    """Two to four pictures in one row, or in two rows, whichever draws them larger."""

    name = "gallery"
    elastic = True

    def height(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
               width: float, room: float) -> float | None:
        gallery = blocks[atoms[0].block]
        rows = picture_grid(ctx, gallery, Box(0, 0, width, room))
        natural = max(f.box.bottom for f in rows)
        return min(natural, max(MIN_SHARE * room * 1.5, MIN_HEIGHT * 2))

    def place(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
              box: Box) -> list[Frame]:
        return list(picture_grid(ctx, blocks[atoms[0].block], box))


def picture_grid(ctx: Context, gallery: Gallery, box: Box) -> tuple[Frame, ...]:
    """Two to four pictures in one row, or in two rows, whichever draws them larger (their
    areas summed); in each row the captions start on one line, the pictures standing on it."""
    images = gallery.images
    n = len(images)
    arrangements = [(1, n), (2, -(-n // 2))] if n > 2 else [(1, n), (2, 1)]
    best, best_area = None, -1.0
    for rows, cols in arrangements:
        placed = _grid(ctx, images, rows, cols, box)
        area = sum(f.box.w * f.box.h for f in placed if isinstance(f, PictureFrame)) \
            if placed else -1.0
        if area > best_area:
            best, best_area = placed, area
    if best is None:
        raise ctx.error(gallery.mark, "the captions and credits leave no room for the "
                        "pictures; shorten them")
    return best


def _grid(ctx: Context, images, rows: int, cols: int, box: Box) -> tuple[Frame, ...] | None:
    sizes = ctx.theme.sizes
    gap = float(ctx.theme.spacing["gap"])
    cell_w = (box.w - gap * (cols - 1)) / cols
    cell_h = (box.h - gap * (rows - 1)) / rows
    cap, cred = float(sizes["caption"]), float(sizes["footer"])
    out: list[Frame] = []
    for row in range(rows):
        members = images[row * cols:(row + 1) * cols]
        if not members:
            continue
        y = box.y + row * (cell_h + gap)
        left = box.x + (box.w - len(members) * cell_w - gap * (len(members) - 1)) / 2
        widths = [cell_w + 2 * INSET_X] * len(members)
        for _ in range(2):  # measure the texts at the pictures' widths, then fit them again
            texts = [(_text_height(ctx, img.caption, cap, w),
                      _text_height(ctx, img.credit, cred, w)) for img, w in zip(members, widths)]
            text_h = max(c + d for c, d in texts)
            room = cell_h - text_h - (CAPTION_GAP if text_h else 0)
            if room < cell_h / 2:
                return None
            # right to left: the first picture on the right
            placed = [fit_image(img.path, Box(left + at * (cell_w + gap), y, cell_w, room))
                      for at, img in zip(_places(len(members), ctx.rtl), members)]
            widths = [p.w + 2 * INSET_X for p in placed]
        texts = [(_text_height(ctx, img.caption, cap, w), _text_height(ctx, img.credit, cred, w))
                 for img, w in zip(members, widths)]  # at the pictures' final widths ...
        if max(c + d for c, d in texts) > text_h:  # ... taller: the pictures shrink to fit
            text_h = max(c + d for c, d in texts)
            room = cell_h - text_h - CAPTION_GAP
            if room < cell_h / 2:
                return None
            placed = [fit_image(img.path, Box(p.x, y, p.w, room)) for img, p in zip(members,
                                                                                   placed)]
        line = y + room + CAPTION_GAP
        for img, fitted, (ch, _) in zip(members, placed, texts):
            fitted = Box(fitted.x, y + room - fitted.h, fitted.w, fitted.h)  # on the line
            out.append(PictureFrame(fitted, img))
            for frame in (_under(ctx, img.caption, cap, _aligned(fitted, line, ch), "caption",
                                 "text"),
                          _under(ctx, img.credit, cred, _aligned(fitted, line + ch, text_h - ch),
                                 "credit", "muted")):
                if frame is not None:
                    out.append(frame)
    return tuple(out)


# -- a full-bleed picture ------------------------------------------------------------------------

def cover_crop(size: tuple[int, int], focus: tuple[float, float], width: float,
               height: float) -> tuple[tuple[float, float, float, float], tuple[float, float]]:
    """How to crop a picture of ``size`` (pixels) to cover a ``width`` × ``height`` box
    without distortion, keeping ``focus`` as near the middle as the picture allows:
    ``((left, top, right, bottom), (x %, y %))``."""
    ratio = (size[0] / size[1]) / (width / height)
    keep_x, keep_y = (1 / ratio, 1.0) if ratio > 1 else (1.0, ratio)
    left = min(max(focus[0] - keep_x / 2, 0.0), 1 - keep_x)
    top = min(max(focus[1] - keep_y / 2, 0.0), 1 - keep_y)
    position = (100 * left / (1 - keep_x) if keep_x < 1 else 50.0,
                100 * top / (1 - keep_y) if keep_y < 1 else 50.0)
    return (left, top, 1 - keep_x - left, 1 - keep_y - top), position


def full_bleed(ctx: Context, image: Image, width: float, height: float,
               band: Box) -> tuple[PictureFrame, ShapeFrame]:
    """The full-bleed picture covering the slide and the scrim ``band`` under its title,
    checked: the title colour needs 3:1 on the scrim over any picture (over black and white)."""
    colors = ctx.theme.colors
    for under in ("#000000", "#FFFFFF"):
        mixed = _mix(colors["background"], under, SCRIM)
        ratio = contrast_ratio(colors["heading"], mixed)
        if ratio < LARGE_TEXT_CONTRAST:
            raise ctx.error(image.mark, f"the title ({colors['heading']}) would be hard to read "
                            f"over the picture: on the scrim ({colors['background']} at "
                            f"{SCRIM:.0%}) over {under} it has {ratio:.1f}:1 of the "
                            f"{LARGE_TEXT_CONTRAST:g}:1 titles need; choose a theme whose "
                            "heading colour contrasts more with its background")
    crop, position = cover_crop(image_size(image.path), image.focus, width, height)
    return (PictureFrame(Box(0, 0, width, height), image, crop, position),
            ShapeFrame(band, "background", alpha=SCRIM, name="Title scrim"))


def _mix(top: str, under: str, alpha: float) -> str:
    a = [int(top.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    b = [int(under.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(x * alpha + y * (1 - alpha)):02X}" for x, y in zip(a, b))


# -- backgrounds ---------------------------------------------------------------------------------

def page_background(ctx: Context, slide: Slide, theme: Theme, width: float,
                    height: float) -> PageBackground:
    """``slide``'s background, checked against the theme's text and heading colours: body text
    needs 4.5:1 and titles 3:1 on the colour, or on a picture's average colour."""
    background = slide.background
    assert background is not None
    crop = (0.0, 0.0, 0.0, 0.0)
    if background.color is not None:
        color, what = background.color, f"the background {background.color}"
    else:
        iw, ih = image_size(background.image)
        color = average_color(background.image, theme.colors["background"])
        what = f"the background picture (on average {color})"
        ratio = (iw / ih) / (width / height)
        if ratio > 1:  # wider than the slide: cut the sides
            crop = ((1 - 1 / ratio) / 2, 0.0, (1 - 1 / ratio) / 2, 0.0)
        elif ratio < 1:
            crop = (0.0, (1 - ratio) / 2, 0.0, (1 - ratio) / 2)
    colors = theme.colors
    text = contrast_ratio(colors["text"], color)
    title = contrast_ratio(colors["heading"], color)
    if text < CONTRAST or title < LARGE_TEXT_CONTRAST:
        raise ctx.error(background.mark,
                        f"the theme's text ({colors['text']}, {text:.1f}:1) and titles "
                        f"({colors['heading']}, {title:.1f}:1) are hard to read on {what}: "
                        f"text needs {CONTRAST:g}:1 and titles {LARGE_TEXT_CONTRAST:g}:1; "
                        f"choose a {'darker' if _light(colors['text']) else 'lighter'} "
                        "background or another theme")
    return PageBackground(background.color, background.image, crop)


def average_color(image: Path, under: str) -> str:
    """The average colour of the picture at ``image`` (transparent parts over ``under``, as
    a slide shows them); ``under`` when nothing can draw it (an EMF without LibreOffice)."""
    from PIL import Image as PILImage

    img = pictures.pixels(image)
    if img is None:
        return under
    small = img.convert("RGBA").resize((16, 16), PILImage.Resampling.BOX)
    flat = PILImage.new("RGBA", small.size, under)
    flat.alpha_composite(small)
    r, g, b = flat.convert("RGB").resize((1, 1), PILImage.Resampling.BOX).getpixel((0, 0))
    return f"#{r:02X}{g:02X}{b:02X}"


def _light(color: str) -> bool:
    return contrast_ratio(color, "#000000") > contrast_ratio(color, "#FFFFFF")
