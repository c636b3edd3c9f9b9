"""QR codes: a link encoded by segno, its dark modules merged into few rectangles, placed at
a size a phone reads from the back of a room, with the address as text beside it.

Size: the code (with its quiet zone) is at least :data:`MIN_SIDE` points on the slide, 5 cm of
the 33.9 cm-wide slide: projected 2 m wide, about 30 cm, which phones read from 3 m and more
(a code reads up to about ten times its width away).
"""

from __future__ import annotations

import math
import re
from dataclasses import replace
from typing import Mapping

from generator.layout.measure import HEIGHT_SAFETY
from generator.layout.page import Box, Frame, Para, QRFrame, TextFrame
from generator.layout.segment import Atom, Context, Kind
from generator.layout.typeset import typeset
from generator.source import inline
from generator.source.model import Block, QRCode

MIN_SIDE = 142.0  # points: 5 cm
QUIET = 4  # modules of light margin around the code, as the standard asks
ADDRESS_GAP = 6.0  # points between the code's quiet zone and its address
BESIDE_EMS = 6  # the address goes beside the code when that leaves it this many ems, else under
ERROR_LEVEL = "m"  # 15 % of the code may be damaged (a pointer's dot, a reflection)


def qr_matrix(url: str) -> tuple[tuple[bool, ...], ...]:
    """The code's modules, dark ``True``, without a quiet zone."""
    import segno

    code = segno.make_qr(url, error=ERROR_LEVEL, boost_error=False)
    return tuple(tuple(bool(cell) for cell in row) for row in code.matrix)


def merged_rectangles(matrix: tuple[tuple[bool, ...], ...], offset: int = 0
                      ) -> tuple[tuple[int, int, int, int], ...]:
    """The dark modules as few rectangles (keeps a drawing's path small): runs along the rows
    or along the columns, whichever gives fewer, each continued over the rows (columns) after
    it that have the same run."""
    across = _merged(matrix, offset)
    columns = tuple(zip(*matrix))
    down = tuple(sorted(((y, x, h, w) for x, y, w, h in _merged(columns, offset)),
                        key=lambda r: (r[1], r[0])))
    return down if len(down) < len(across) else across


def _merged(matrix, offset: int) -> tuple[tuple[int, int, int, int], ...]:
    """Runs along each row, each continued down the rows below that have the same run."""
    runs: dict[tuple[int, int], tuple[int, int]] = {}  # (x, width) -> (top row, height) open
    out: list[tuple[int, int, int, int]] = []
    for y, row in enumerate((*matrix, ())):
        here = set(_runs(row))
        for key in list(runs):
            if key not in here:
                top, height = runs.pop(key)
                out.append((key[0] + offset, top + offset, key[1], height))
        for key in sorted(here):
            top, height = runs.get(key, (y, 0))
            runs[key] = (top, height + 1)
    return tuple(sorted(out, key=lambda r: (r[1], r[0])))


def _runs(row: tuple[bool, ...]):
    start = None
    for x, dark in enumerate((*row, False)):
        if dark and start is None:
            start = x
        elif not dark and start is not None:
            yield start, x - start
            start = None


def qr_dark(colors: Mapping[str, str]) -> str:
    """The modules' colour: the theme's text colour when it is dark enough on white for
    scanners (7:1), else black; the code always sits on its own white square."""
    from generator.themes.theme import contrast_ratio

    return colors["text"] if contrast_ratio(colors["text"], "#FFFFFF") >= 7 else "#000000"


def lay_out_qr(url: str, box: Box, dark: str = "#000000", side: float = MIN_SIDE) -> QRFrame:
    """The code for ``url`` as a ``side``-point square at the top left of ``box`` (smaller
    only when the box is)."""
    matrix = qr_matrix(url)
    side = min(side, box.w, box.h)
    return QRFrame(Box(box.x, box.y, side, side), len(matrix) + 2 * QUIET,
                   merged_rectangles(matrix, QUIET), url, dark)


def address_text(url: str) -> str:
    """The address as a lecturer reads it out (without ``https://``), linked; its path may
    break where a style guide breaks addresses (:func:`breakable_address`)."""
    shown = breakable_address(re.sub(r"^https?://", "", url).rstrip("/"))
    return f"[{inline.markup((inline.Span(shown),))}]({url})"


# After a slash, before the punctuation that joins a path's words (Chicago 14.18): without
# these a long path is one word, and a narrow column cuts it between any two letters.
_PATH_BREAK = re.compile(r"(?<=/)(?=[^/])|(?<=[^\W_])(?=[._?#&=(~%]\S)")
ZERO_WIDTH_SPACE = "\u200b"


def breakable_address(shown: str) -> str:
    """``shown`` (an address without its scheme) with a zero-width space where its path may
    break: after each ``/`` and before ``. _ ? # & = ( ~ %`` (UAX #14 already breaks after
    a hyphen). The host stays whole, and the text links to the address itself, so the
    breaks are never part of the link."""
    host, slash, path = shown.partition("/")
    return host + slash + _PATH_BREAK.sub(ZERO_WIDTH_SPACE, path)


class QRKind(Kind):
    """A QR code :data:`MIN_SIDE` square at the left of its column, its caption and linked
    address beside it (under it in a narrow column), at the body size or, beside the code,
    smaller (to the theme's minimum) until they are no taller than the code; never split."""

    name = "qr"

    def height(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
               width: float, room: float) -> float | None:
        frames = self.frames(ctx, blocks[atoms[0].block], Box(0, 0, width, room), size)
        return max(f.box.bottom for f in frames)

    def place(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
              box: Box) -> list[Frame]:
        return self.frames(ctx, blocks[atoms[0].block], box, size)

    def frames(self, ctx: Context, code: QRCode, box: Box, size: float) -> list[Frame]:
        """The code and its texts in ``box``; a located error for what no code can hold."""
        try:
            qr = lay_out_qr(code.url, box, qr_dark(ctx.theme.colors))
        except ValueError as err:  # segno's DataOverflowError: more than any code holds
            raise ctx.error(code.mark, f"the address is too long for a QR code "
                            f"({len(code.url)} characters); shorten it (a link shortener "
                            "makes any address short)") from err
        texts = [Para(code.caption, 0, False, size)] if code.caption else []
        texts.append(Para(address_text(code.url), 0, False, size))
        width = box.right - qr.box.right - ADDRESS_GAP
        found = self.shrunk(ctx, texts, width, qr.box.h) if width >= BESIDE_EMS * size else None
        if found is not None:  # beside the code, centred on it
            paras, height = found
            tall = height / HEIGHT_SAFETY
            at = Box(qr.box.right + ADDRESS_GAP, qr.box.y + max(0.0, (qr.box.h - tall) / 2),
                     width, tall)
        else:  # under it
            paras, height = self.shrunk(ctx, texts, box.w, math.inf) or self.typeset(
                ctx, texts, box.w, ctx.fit.minimum)
            at = Box(box.x, qr.box.bottom, box.w, height / HEIGHT_SAFETY)
        return [qr, TextFrame(at, paras, paras[-1].size, "body", height, role="caption")]

    def shrunk(self, ctx: Context, texts: list[Para], width: float, tall: float
               ) -> tuple[tuple[Para, ...], float] | None:
        """``texts`` typeset in ``width`` at their size or smaller (to the theme's minimum)
        until they are no taller than ``tall`` and no word is cut, with their measured height;
        ``None`` when a word is cut even at the minimum."""
        size = texts[0].size
        while True:
            paras, height = self.typeset(ctx, texts, width, size)
            whole = all(ctx.m.widest_word(p.text, size) <= ctx.m.usable(p, width)
                        for p in paras)
            if whole and height <= tall * HEIGHT_SAFETY:
                return paras, height
            if size <= ctx.fit.minimum:
                return (paras, height) if whole else None
            size = max(ctx.fit.minimum, size - 1)

    def typeset(self, ctx: Context, texts: list[Para], width: float, size: float
                ) -> tuple[tuple[Para, ...], float]:
        paras = tuple(typeset(ctx.m, replace(p, size=size), width) for p in texts)
        return paras, ctx.m.frame_height(paras, width)
