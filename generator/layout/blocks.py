"""Measure and split the set pieces beyond text: tables (column widths, row heights, pages) and
code listings (highlighted tokens, a size at which no line wraps, pages at line boundaries)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator import pictures
from generator.errors import Problem, SourceError
from generator.layout.engine import (
    HEIGHT_SAFETY,
    INSET_X,
    INSET_Y,
    WIDTH_SAFETY,
    Box,
    Fitter,
    Measure,
    Para,
    TextFrame,
    image_size,
)
from generator.source import inline
from generator.source.model import Code, Image, Slide, Table
from generator.themes.theme import Theme, contrast_ratio

_SLACK = 1.0  # points added to each measured column width, so rounding never wraps a word


@dataclass(frozen=True)
class TableFrame:
    """One page's part of a table: the graphic frame's box, column widths and row heights
    (the header row first), every cell's text and the size all cells are set at."""

    box: Box
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]
    size: float
    first: int = 0  # index of this page's first body row in the source table

    def cells(self):
        """``(row, column, text, box, is_header)`` for every cell, the header row first."""
        y = self.box.y
        for r, (row, h) in enumerate(zip((self.header, *self.rows), self.heights)):
            x = self.box.x
            for c, (text, w) in enumerate(zip(row, self.widths)):
                yield r, c, text, Box(x, y, w, h), r == 0
                x += w
            y += h


class TableMeasure:
    """Column widths and row heights of one table at a given size, in one theme's fonts."""

    def __init__(self, m: Measure, table: Table) -> None:
        self.m = m
        self.table = table

    def natural(self, text: str, size: float, bold: bool) -> tuple[float, float]:
        """``(widest line, widest word)`` of ``text`` at ``size``, cell insets included."""
        line = longest = word = 0.0
        for kind, _, em, _ in self.m.tokens(text, "body", bold):
            if kind == "n":
                line = 0.0
            else:
                line += em * size
                word = max(word, em * size) if kind == "w" else word
            longest = max(longest, line)
        pad = 2 * INSET_X + _SLACK
        return longest * WIDTH_SAFETY + pad, word * WIDTH_SAFETY + pad

    def widths(self, size: float, room: float) -> tuple[float, ...] | None:
        """Column widths filling ``room``: each column gets its narrowest width (its longest
        word) and the rest is shared in proportion to what each needs to set its cells on one
        line, as browsers lay out automatic tables; ``None`` when the words alone are wider."""
        t = self.table
        rows = [(t.header, True)] + [(row, False) for row in t.rows]
        natural = [0.0] * len(t.header)
        narrow = [0.0] * len(t.header)
        for row, bold in rows:
            for i, text in enumerate(row):
                n, w = self.natural(text, size, bold)
                natural[i], narrow[i] = max(natural[i], n), max(narrow[i], w)
        if sum(narrow) > room:
            return None
        spare = room - sum(narrow)
        wants = [n - w for n, w in zip(natural, narrow)]
        if sum(wants) <= spare:  # everything on one line: share the rest by natural width
            extra = room - sum(natural)
            return tuple(n + extra * n / sum(natural) for n in natural)
        return tuple(w + spare * x / sum(wants) for w, x in zip(narrow, wants))

    def height(self, text: str, size: float, width: float, bold: bool) -> float:
        """A cell's height: its wrapped lines plus the cell's insets."""
        lines = self.m.lines(text, size, width - 2 * INSET_X, "body", bold)
        return (2 * INSET_Y + lines * self.m.line_height(size, text)
                + self.m.inline_extra(text, size, lines))

    def heights(self, size: float, widths: tuple[float, ...]) -> list[float]:
        """The header row's height, then each body row's (its tallest cell)."""
        t = self.table
        out = [max(self.height(x, size, w, True) for x, w in zip(t.header, widths))]
        out.extend(max(self.height(x, size, w, False) for x, w in zip(row, widths))
                   for row in t.rows)
        return out


def table_frames(fit: Fitter, slide: Slide, box: Box) -> list[TableFrame]:
    """The table of ``slide`` in ``box``: all of it at the largest size that fits, else split
    by rows (never inside one) into as few pages as the minimum size needs, balanced, each
    with the header repeated, at the largest size that keeps that many pages."""
    table = slide.table
    assert table is not None
    tm = TableMeasure(fit.m, table)
    usable = box.h * HEIGHT_SAFETY
    sizes = fit.candidates()
    measured = []
    for size in sizes:
        widths = tm.widths(size, box.w)
        if widths is None:
            continue
        heights = tm.heights(size, widths)
        if sum(heights) <= usable:
            return [_frame(table, box, size, widths, heights, 0, len(table.rows))]
        measured.append((size, widths, heights))
    if not measured:
        widths = _squeezed(tm, fit.minimum, box.w)
        measured = [(fit.minimum, widths, tm.heights(fit.minimum, widths))]
    _check_rows(slide, measured[-1][2], usable)
    fewest = len(_pack(measured[-1][2][1:], usable - measured[-1][2][0]))
    for size, widths, heights in measured:
        if max(heights[1:]) > usable - heights[0]:
            continue
        chunks = _balance(heights[1:], usable - heights[0], fewest)
        if chunks is not None:
            return [_frame(table, box, size, widths, heights, start, end)
                    for start, end in chunks]
    raise AssertionError("the minimum size always packs")  # pragma: no cover


def table_header_color(colors: dict[str, str]) -> str:
    """The header row's text colour token: ``background`` or ``text``, whichever contrasts
    more with the ``accent`` the header row is filled with."""
    return max(("background", "text"), key=lambda name: contrast_ratio(colors[name],
                                                                       colors["accent"]))


def _frame(table: Table, box: Box, size: float, widths: tuple[float, ...],
           heights: list[float], start: int, end: int) -> TableFrame:
    rows_h = (heights[0], *heights[1 + start:1 + end])
    return TableFrame(Box(box.x, box.y, sum(widths), sum(rows_h)), widths, rows_h,
                      table.header, table.rows[start:end], table.align, size, start)


def _squeezed(tm: TableMeasure, size: float, room: float) -> tuple[float, ...]:
    """Widths when even the longest words do not fit side by side: each column in proportion
    to its longest word (long words then break between characters, as in PowerPoint)."""
    narrow = [max(tm.natural(text, size, r == 0)[1] for r, text in
                  enumerate([tm.table.header[i], *(row[i] for row in tm.table.rows)]))
              for i in range(len(tm.table.header))]
    return tuple(room * w / sum(narrow) for w in narrow)


def _check_rows(slide: Slide, heights: list[float], usable: float) -> None:
    """A row taller than a page (with the header) at the minimum size is an error at the row."""
    table = slide.table
    assert table is not None
    for index, h in enumerate(heights[1:]):
        if h > usable - heights[0]:
            mark = (table.row_marks[index] if index < len(table.row_marks) else None) or table.mark
            raise SourceError([Problem(
                mark.path if mark else "", mark.line if mark else None,
                mark.column if mark else None,
                f"table row {index + 1} is too tall for a slide even at the minimum size "
                f"(it needs {h:.0f} pt of {usable - heights[0]:.0f} pt); shorten its cells or "
                "split it into several rows", slide.number, inline.plain(slide.title))])


def _pack(heights: list[float], limit: float) -> list[tuple[int, int]]:
    """Rows into pages no taller than ``limit``, greedily: ``(start, end)`` per page."""
    pages: list[tuple[int, int]] = []
    start, acc = 0, 0.0
    for i, h in enumerate(heights):
        if i > start and acc + h > limit:
            pages.append((start, i))
            start, acc = i, 0.0
        acc += h
    pages.append((start, len(heights)))
    return pages


def _balance(heights: list[float], limit: float, count: int) -> list[tuple[int, int]] | None:
    """``count`` pages of rows (or fewer), each as near the average page height as whole rows
    allow, none taller than ``limit``; ``None`` when ``count`` pages cannot hold the rows."""
    if len(_pack(heights, limit)) > count:
        return None
    pages: list[tuple[int, int]] = []
    start = 0
    for left in range(count, 0, -1):
        if start >= len(heights):
            break
        target = sum(heights[start:]) / left
        end, acc = start + 1, heights[start]
        while end < len(heights) and acc + heights[end] <= limit and (
                acc + heights[end] / 2 <= target
                or len(_pack(heights[end:], limit)) > left - 1):
            acc += heights[end]
            end += 1
        pages.append((start, end))
        start = end
    return pages if start >= len(heights) else None


# -- timelines -----------------------------------------------------------------------------------

ACROSS = 5  # at most this many events side by side on one page of a horizontal timeline
LABEL_LINES = 4  # a label needing more lines than this (in its column) makes the timeline vertical
MARKER = 12.0  # a marker's diameter, points
AXIS = 3.0  # the axis line's thickness, points
SPACE = 8.0  # between dates, axis and labels (and between the rows of a vertical timeline)


@dataclass(frozen=True)
class TimelineFrame:
    """One page of a timeline: the axis, a marker per event, and each event's date and label
    text frames; ``vertical`` when the dates run down the slide."""

    axis: Box
    markers: tuple[Box, ...]
    dates: tuple[TextFrame, ...]
    labels: tuple[TextFrame, ...]
    vertical: bool = False
    first: int = 0  # index of this page's first event


def timeline_frames(fit: Fitter, slide: Slide, box: Box) -> list[TimelineFrame]:
    """Dates on an axis across the slide, labels under them (at most ``ACROSS`` a page, the
    events shared evenly between pages), at the largest size at which every label fits in
    ``LABEL_LINES`` lines; when labels are too long for that even at the minimum size, a
    vertical timeline (dates left of a downward axis, labels right of it) split by height."""
    events = slide.timeline
    pages = -(-len(events) // ACROSS)
    chunks, start = [], 0
    for page in range(pages):
        count = (len(events) - start) // (pages - page)
        chunks.append((start, start + count))
        start += count
    for size in fit.candidates():
        frames = [_across(fit, events, a, b, size, box) for a, b in chunks]
        if all(f is not None for f in frames):
            return frames
    return _down(fit, slide, box)


def _para_frame(m: Measure, text: str, size: float, box: Box, font: str) -> TextFrame:
    para = Para(text, 0, False, size)
    return TextFrame(box, (para,), size, font, m.frame_height((para,), box.w, font))


def _across(fit: Fitter, events, start: int, end: int, size: float,
            box: Box) -> TimelineFrame | None:
    m = fit.m
    width = box.w / (end - start)
    dates = [e.date for e in events[start:end]]
    date_h = max(m.frame_height((Para(d, 0, False, size),), width, "heading") for d in dates)
    axis_y = box.y + date_h + SPACE + MARKER / 2
    top = axis_y + MARKER / 2 + SPACE
    room = box.bottom - top
    out_dates, out_labels, markers = [], [], []
    for i, event in enumerate(events[start:end]):
        x = box.x + i * width
        label = _para_frame(m, event.text, size, Box(x, top, width, room), "body")
        lines = m.lines(event.text, size, width - 2 * INSET_X)
        if label.height > room * HEIGHT_SAFETY or lines > LABEL_LINES:
            return None
        out_labels.append(label)
        out_dates.append(_para_frame(m, event.date, size, Box(x, box.y, width, date_h),
                                     "heading"))
        markers.append(Box(x + INSET_X, axis_y - MARKER / 2, MARKER, MARKER))
    axis = Box(box.x, axis_y - AXIS / 2, box.w, AXIS)
    return TimelineFrame(axis, tuple(markers), tuple(out_dates), tuple(out_labels), False,
                         start)


def _down(fit: Fitter, slide: Slide, box: Box) -> list[TimelineFrame]:
    """The vertical timeline: one row per event, split at rows like a table."""
    m, events = fit.m, slide.timeline
    usable = box.h * HEIGHT_SAFETY

    def measure(size: float):
        date_w = min(box.w * 0.3, max(m.text_em(m.faces[("heading", False, False)], e.date)
                                      for e in events) * size * WIDTH_SAFETY + 2 * INSET_X + 1)
        label_x = date_w + SPACE * 2 + MARKER
        rows = []
        for e in events:
            d = m.frame_height((Para(e.date, 0, False, size),), date_w, "heading")
            t = m.frame_height((Para(e.text, 0, False, size),), box.w - label_x)
            rows.append(max(d, t) + SPACE)
        return date_w, label_x, rows

    sizes = fit.candidates()
    chosen = None
    for size in sizes:
        date_w, label_x, rows = measure(size)
        if sum(rows) <= usable:
            chosen = (size, date_w, label_x, rows, [(0, len(rows))])
            break
    if chosen is None:
        date_w, label_x, rows = measure(sizes[-1])
        if max(rows) > usable:
            event = events[rows.index(max(rows))]
            mark = event.mark
            raise SourceError([Problem(
                mark.path if mark else "", mark.line if mark else None,
                mark.column if mark else None,
                f"the timeline event {event.date!r} is too long for a slide even at "
                f"{sizes[-1]:g} pt; shorten its text", slide.number, inline.plain(slide.title))])
        fewest = len(_pack(rows, usable))
        for size in sizes:
            date_w, label_x, rows = measure(size)
            chunks = _balance(rows, usable, fewest) if max(rows) <= usable else None
            if chunks is not None:
                chosen = (size, date_w, label_x, rows, chunks)
                break
    size, date_w, label_x, rows, chunks = chosen
    frames = []
    axis_x = box.x + date_w + SPACE + MARKER / 2
    for start, end in chunks:
        y = box.y
        dates, labels, markers = [], [], []
        for event, h in zip(events[start:end], rows[start:end]):
            dates.append(_para_frame(m, event.date, size, Box(box.x, y, date_w, h - SPACE),
                                     "heading"))
            labels.append(_para_frame(m, event.text, size, Box(box.x + label_x, y,
                                                               box.w - label_x, h - SPACE),
                                      "body"))
            middle = y + INSET_Y + m.line_height(size) / 2
            markers.append(Box(axis_x - MARKER / 2, middle - MARKER / 2, MARKER, MARKER))
            y += h
        axis = Box(axis_x - AXIS / 2, box.y, AXIS, y - SPACE - box.y)
        frames.append(TimelineFrame(axis, tuple(markers), tuple(dates), tuple(labels), True,
                                    start))
    return frames


# -- several pictures ----------------------------------------------------------------------------

@dataclass(frozen=True)
class Picture:
    """One picture of an ``images:`` slide: where it is drawn (its own shape, never distorted)
    and its caption and credit frames under it."""

    image: Image
    box: Box
    caption: TextFrame | None = None
    credit: TextFrame | None = None


def picture_grid(fit: Fitter, slide: Slide, box: Box) -> tuple[Picture, ...]:
    """Two to four pictures in one row, or in two rows, whichever draws them larger (their
    areas summed); in each row the captions start on one line, the pictures standing on it."""
    images = slide.images
    n = len(images)
    arrangements = [(1, n), (2, -(-n // 2))] if n > 2 else [(1, n), (2, 1)]
    best, best_area = None, -1.0
    for rows, cols in arrangements:
        placed = _grid(fit, images, rows, cols, box)
        area = sum(p.box.w * p.box.h for p in placed) if placed else -1.0
        if area > best_area:
            best, best_area = placed, area
    if best is None:
        mark = images[0].mark
        raise SourceError([Problem(
            mark.path if mark else "", mark.line if mark else None, mark.column if mark else None,
            "the captions and credits leave no room for the pictures; shorten them",
            slide.number, inline.plain(slide.title))])
    return best


def _grid(fit: Fitter, images, rows: int, cols: int, box: Box) -> tuple[Picture, ...] | None:
    from generator.layout.engine import fit_image

    m, sizes = fit.m, fit.theme.sizes
    gap = float(fit.theme.spacing["gap"])
    cell_w = (box.w - gap * (cols - 1)) / cols
    cell_h = (box.h - gap * (rows - 1)) / rows
    out = []
    for row in range(rows):
        members = images[row * cols:(row + 1) * cols]
        y = box.y + row * (cell_h + gap)
        texts = [(_under(m, img.caption, float(sizes["caption"]), cell_w),
                  _under(m, img.credit, float(sizes["footer"]), cell_w)) for img in members]
        text_h = max(c + d for (_, c), (_, d) in texts)
        room = cell_h - text_h - (4 if text_h else 0)
        if room < cell_h / 2:
            return None
        left = box.x + (box.w - len(members) * cell_w - gap * (len(members) - 1)) / 2
        for i, (img, ((caption, ch), (credit, _))) in enumerate(zip(members, texts)):
            x = left + i * (cell_w + gap)
            placed = fit_image(img.path, Box(x, y, cell_w, room))
            placed = Box(placed.x, y + room - placed.h, placed.w, placed.h)  # on the line
            line = y + room + 4
            out.append(Picture(
                img, placed,
                _text_frame(m, caption, float(sizes["caption"]), Box(x, line, cell_w, ch)),
                _text_frame(m, credit, float(sizes["footer"]),
                            Box(x, line + ch, cell_w, text_h - ch))))
    return tuple(out)


def _under(m: Measure, text: str | None, size: float, width: float) -> tuple[str | None, float]:
    if not text:
        return None, 0.0
    return text, m.frame_height((Para(text, 0, False, size),), width) / HEIGHT_SAFETY


def _text_frame(m: Measure, text: str | None, size: float, box: Box) -> TextFrame | None:
    if not text:
        return None
    para = Para(text, 0, False, size)
    return TextFrame(box, (para,), size, "body", m.frame_height((para,), box.w))


# -- a full-bleed picture ------------------------------------------------------------------------

SCRIM = 0.85  # the scrim under the title: the theme's background colour at this opacity


@dataclass(frozen=True)
class FullBleed:
    """A picture covering the slide: the share of it cut from the left, top, right and
    bottom (around its focus), the same as a CSS ``object-position`` (per cent), and the band
    (scrim) under the title."""

    crop: tuple[float, float, float, float]
    position: tuple[float, float]
    scrim: Box


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


def full_bleed(slide: Slide, theme: Theme, width: float, height: float,
               band: Box) -> FullBleed:
    """The full-bleed picture of ``slide`` and its scrim ``band``, checked: the title colour
    needs 3:1 on the scrim over any picture (over black and over white)."""
    image = slide.image
    assert image is not None
    colors = theme.colors
    for under in ("#000000", "#FFFFFF"):
        mixed = _mix(colors["background"], under, SCRIM)
        ratio = contrast_ratio(colors["heading"], mixed)
        if ratio < LARGE_TEXT_CONTRAST:
            mark = image.mark
            raise SourceError([Problem(
                mark.path if mark else "", mark.line if mark else None,
                mark.column if mark else None,
                f"the title ({colors['heading']}) would be hard to read over the picture: on "
                f"the scrim ({colors['background']} at {SCRIM:.0%}) over {under} it has "
                f"{ratio:.1f}:1 of the {LARGE_TEXT_CONTRAST:g}:1 titles need; choose a theme "
                "whose heading colour contrasts more with its background",
                slide.number, inline.plain(slide.title))])
    crop, position = cover_crop(image_size(image.path), image.focus, width, height)
    return FullBleed(crop, position, band)


def _mix(top: str, under: str, alpha: float) -> str:
    a = [int(top.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    b = [int(under.lstrip("#")[i:i + 2], 16) for i in (0, 2, 4)]
    return "#" + "".join(f"{round(x * alpha + y * (1 - alpha)):02X}" for x, y in zip(a, b))


# -- backgrounds ---------------------------------------------------------------------------------

LARGE_TEXT_CONTRAST = 3.0  # WCAG AA for large text (slide titles)


@dataclass(frozen=True)
class PageBackground:
    """A slide's own background as drawn: a colour, or a picture cropped (never stretched) to
    cover the slide; ``crop`` is the share cut from the left, top, right and bottom."""

    color: str | None = None
    image: Path | None = None
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


def page_background(slide: Slide, theme: Theme, width: float, height: float) -> PageBackground:
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
        mark = background.mark
        raise SourceError([Problem(
            mark.path if mark else "", mark.line if mark else None, mark.column if mark else None,
            f"the theme's text ({colors['text']}, {text:.1f}:1) and titles "
            f"({colors['heading']}, {title:.1f}:1) are hard to read on {what}: text needs "
            f"{CONTRAST:g}:1 and titles {LARGE_TEXT_CONTRAST:g}:1; choose a "
            f"{'darker' if _light(colors['text']) else 'lighter'} background or another theme",
            slide.number, inline.plain(slide.title))])
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


# -- quotes --------------------------------------------------------------------------------------

def quote_frames(fit: Fitter, slide: Slide, box: Box) -> tuple[TextFrame, TextFrame | None]:
    """A quotation in typographic quotes at the largest size from the theme's ``title``
    down to its ``minimum`` that fits ``box`` above its attribution ("— by, source", at the
    caption size), the two centred in ``box`` as a block; too long even at the minimum, an
    error: a quote is never split."""
    quote = slide.quote
    assert quote is not None
    m, sizes = fit.m, fit.theme.sizes
    credit = None
    credit_h = 0.0
    who = ", ".join(t for t in (quote.by, quote.source) if t)
    if who:
        size = float(sizes["caption"])
        para = Para(f"— {who}", 0, False, size)
        credit_h = m.frame_height((para,), box.w)
        credit = (para, credit_h)
    room = (box.h - credit_h - fit.m.after * fit.body) * HEIGHT_SAFETY
    text = f"“{quote.text}”"
    size = float(sizes["title"])
    while size > fit.minimum and m.frame_height((Para(text, 0, False, size),), box.w) > room:
        size -= 1
    para = Para(text, 0, False, size)
    height = m.frame_height((para,), box.w)
    if height > room:
        mark = quote.mark
        raise SourceError([Problem(
            mark.path if mark else "", mark.line if mark else None, mark.column if mark else None,
            f"the quote is too long for one slide even at {fit.minimum:g} pt; shorten it (a "
            "quote is never split)", slide.number, inline.plain(slide.title))])
    top = box.y + (box.h - height / HEIGHT_SAFETY - credit_h - fit.m.after * fit.body) / 2
    body = TextFrame(Box(box.x, top, box.w, height / HEIGHT_SAFETY), (para,), size, "heading",
                     height)
    attribution = None
    if credit is not None:
        y = body.box.bottom + fit.m.after * fit.body
        attribution = TextFrame(Box(box.x, y, box.w, credit[1]), (credit[0],), credit[0].size,
                                "body", credit[1])
    return body, attribution


# -- code ----------------------------------------------------------------------------------------

# Code starts at the theme's sizes.code (or its body size, if smaller) and shrinks to no less
# than sizes.code_minimum so that its longest line fits; these are the values of a theme file
# written before those tokens existed.
CODE_LARGEST = 24.0
CODE_MINIMUM = 14.0
CONTRAST = 4.5  # WCAG AA for normal text: each token colour against the code background
# Token kinds, each with the theme colours to try in order (the first that contrasts enough
# with the code background wins; the text colour always does) and bold/italic.
TOKEN_STYLES = {
    "keyword": (("accent", "heading"), True, False),
    "name": (("heading", "accent"), True, False),
    "string": (("link", "heading"), False, False),
    "number": (("accent", "link"), False, False),
    "comment": (("muted",), False, True),
    "plain": ((), False, False),
}


@dataclass(frozen=True)
class CodeLine:
    """One line of code: its number, its tokens as ``(text, kind)`` and whether it is
    highlighted; kinds are ``TOKEN_STYLES`` keys."""

    number: int
    tokens: tuple[tuple[str, str], ...]
    highlighted: bool = False

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.tokens)


@dataclass(frozen=True)
class CodeFrame:
    """One page's part of a code listing, set at ``size`` with lines ``line_height`` apart;
    ``digits`` is the width of the line-number gutter (0: no line numbers)."""

    box: Box
    lines: tuple[CodeLine, ...]
    size: float
    line_height: float
    digits: int = 0

    def gutter(self, number: int) -> str:
        """The line-number text before a line (right-aligned, two spaces after)."""
        return f"{number:>{self.digits}}  " if self.digits else ""

    def line_box(self, index: int) -> Box:
        """Where the ``index``-th line of this page is drawn (for highlighted lines)."""
        return Box(self.box.x, self.box.y + INSET_Y + index * self.line_height, self.box.w,
                   self.line_height)


def token_colors(theme: Theme) -> dict[str, tuple[str, bool, bool]]:
    """Each token kind's ``(colour name, bold, italic)`` in ``theme``: its preferred theme
    colours in order, the first with at least 4.5:1 contrast on ``code_background``, else
    ``text``."""
    colors = theme.colors
    out = {}
    for kind, (names, bold, italic) in TOKEN_STYLES.items():
        chosen = next((n for n in names if contrast_ratio(colors[n], colors["code_background"])
                       >= CONTRAST), "text")
        out[kind] = (chosen, bold, italic)
    return out


def highlight(code: Code) -> list[CodeLine]:
    """``code`` as lines of ``(text, kind)`` tokens, by Pygments."""
    from pygments import lex
    from pygments.lexers import get_lexer_by_name
    from pygments.token import Comment, Keyword, Name, Number, String

    lexer = get_lexer_by_name(code.lang, stripnl=False, stripall=False, ensurenl=False)
    kinds = ((Comment, "comment"), (Keyword, "keyword"), (String, "string"),
             (Number, "number"), (Name.Function, "name"), (Name.Class, "name"),
             (Name.Decorator, "name"))
    lines: list[list[tuple[str, str]]] = [[]]
    for ttype, value in lex(code.text, lexer):
        kind = next((k for t, k in kinds if ttype in t), "plain")
        for i, part in enumerate(value.split("\n")):
            if i:
                lines.append([])
            if part:
                if lines[-1] and lines[-1][-1][1] == kind:
                    lines[-1][-1] = (lines[-1][-1][0] + part, kind)
                else:
                    lines[-1].append((part, kind))
    count = len(code.text.split("\n"))
    lines = (lines + [[] for _ in range(count)])[:count]
    return [CodeLine(code.start + i, tuple(tokens), code.start + i in code.highlight)
            for i, tokens in enumerate(lines)]


def code_frames(fit: Fitter, slide: Slide, box: Box) -> list[CodeFrame]:
    """The code of ``slide`` in ``box``: at the largest size (from the theme's ``sizes.code``
    down to its ``sizes.code_minimum``) at which its longest line fits unwrapped; all on one page
    when a size down to the minimum allows, else split at line boundaries into as few
    balanced pages as the minimum size needs (line numbers continue)."""
    code = slide.code
    assert code is not None
    m = fit.m
    lines = highlight(code)
    digits = len(str(lines[-1].number)) if code.numbers else 0

    def width(line: CodeLine, size: float) -> float:
        gutter = f"{line.number:>{digits}}  " if digits else ""
        return m.text_em(m.mono, gutter + line.text) * size * WIDTH_SAFETY + 2 * INSET_X

    theme_sizes = fit.theme.sizes
    smallest = float(theme_sizes.get("code_minimum", CODE_MINIMUM))
    largest = max(smallest, min(float(theme_sizes.get("code", CODE_LARGEST)), fit.body))
    sizes = [largest - i for i in range(int(largest - smallest) + 1)]
    sizes = [s for s in sizes if max(width(line, s) for line in lines) <= box.w]
    if not sizes:
        widest = max(lines, key=lambda line: width(line, smallest))
        _code_error(slide, widest, box.w, width(widest, smallest), smallest)
    usable = box.h * HEIGHT_SAFETY - 2 * INSET_Y

    def frames(size: float, chunks: list[tuple[int, int]]) -> list[CodeFrame]:
        lh = m.line_height(size)
        return [CodeFrame(Box(box.x, box.y, box.w, 2 * INSET_Y + (end - start) * lh),
                          tuple(lines[start:end]), size, lh, digits) for start, end in chunks]

    for size in sizes:
        if len(lines) * m.line_height(size) <= usable:
            return frames(size, [(0, len(lines))])
    fewest = len(_pack([m.line_height(sizes[-1])] * len(lines), usable))
    for size in sizes:
        chunks = _balance([m.line_height(size)] * len(lines), usable, fewest)
        if chunks is not None:
            return frames(size, chunks)
    raise AssertionError("the smallest size always packs")  # pragma: no cover


def _code_error(slide: Slide, line: CodeLine, room: float, needed: float,
                smallest: float) -> None:
    code = slide.code
    path, _, first = code.origin.rpartition(":")
    where = f"{path}:{int(first) + line.number - code.start}" if first.isdigit() else ""
    mark = code.mark
    raise SourceError([Problem(
        mark.path if mark else "", mark.line if mark else None, mark.column if mark else None,
        f"code line {line.number} ({where}) is too long for the slide even at "
        f"{smallest:g} pt (it needs {needed:.0f} pt of {room:.0f} pt) and code lines never "
        f"wrap: break it in the source: {line.text.strip()[:60]!r}",
        slide.number, inline.plain(slide.title))])


__all__ = ["CodeFrame", "CodeLine", "TableFrame", "TableMeasure", "code_frames", "highlight",
           "quote_frames", "table_frames", "table_header_color", "timeline_frames",
           "token_colors", "TimelineFrame", "PageBackground", "page_background", "Picture",
           "picture_grid", "FullBleed", "full_bleed", "cover_crop"]
