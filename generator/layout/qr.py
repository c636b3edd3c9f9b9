"""QR codes: a link encoded by segno, its dark modules merged into few rectangles, placed at
a size a phone reads from the back of a room, with the address as text beside it.

Size: the code (with its quiet zone) is at least :data:`MIN_SIDE` points on the slide, 5 cm of
the 33.9 cm-wide slide: projected 2 m wide, about 30 cm, which phones read from 3 m and more
(a code reads up to about ten times its width away).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from generator.layout.measure import Measure
from generator.layout.page import Box, Para, TextFrame
from generator.layout.typeset import typeset
from generator.source import inline

MIN_SIDE = 142.0  # points: 5 cm
QUIET = 4  # modules of light margin around the code, as the standard asks
ADDRESS_GAP = 18.0  # points between the code and its address
MIN_ADDRESS_SIZE = 10.0
ERROR_LEVEL = "m"  # 15 % of the code may be damaged (a pointer's dot, a reflection)


@dataclass(frozen=True)
class QrFrame:
    """A QR code in ``box`` (a square, quiet zone included): ``modules`` wide, its dark
    modules as rectangles ``(x, y, w, h)`` in module units (the quiet zone counted in);
    ``dark`` and ``light`` are colours (``#RRGGBB``)."""

    box: Box
    modules: int
    rectangles: tuple[tuple[int, int, int, int], ...]
    url: str
    dark: str = "#000000"
    light: str = "#FFFFFF"
    address: TextFrame | None = None  # the address beside the code, linked


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


def lay_out_qr(url: str, box: Box, dark: str = "#000000", side: float = MIN_SIDE,
               m: Measure | None = None, size: float = 18.0) -> QrFrame:
    """The code for ``url`` as a ``side``-point square at the top left of ``box`` (smaller
    only when the box is); measured with ``m``, the address beside it at ``size`` (smaller,
    to the minimum of 10 pt, when it needs more lines than the code is tall), linked and
    centred on the code."""
    matrix = qr_matrix(url)
    modules = len(matrix) + 2 * QUIET
    side = min(side, box.w, box.h)
    code = Box(box.x, box.y, side, side)
    address = _address(url, code, box, m, size) if m is not None else None
    return QrFrame(code, modules, merged_rectangles(matrix, QUIET), url, dark,
                   address=address)


def _address(url: str, code: Box, box: Box, m: Measure, size: float) -> TextFrame | None:
    """The address as a lecturer reads it out (without ``https://``), beside the code."""
    width = box.right - code.right - ADDRESS_GAP
    if width < 4 * size:
        return None
    shown = re.sub(r"^https?://", "", url).rstrip("/")
    text = f"[{inline.markup((inline.Span(shown),))}]({url})"
    while True:
        para = typeset(m, Para(text, 0, False, size), width)
        height = m.frame_height((para,), width)
        if height <= code.h or size <= MIN_ADDRESS_SIZE:
            break
        size -= 1
    top = code.y + max(0.0, (code.h - height) / 2)
    return TextFrame(Box(code.right + ADDRESS_GAP, top, width, height), (para,), size, "body",
                     height)
