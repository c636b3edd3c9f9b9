"""Break control without touching the text: a right margin that keeps a paragraph's last line
from holding one word alone.

The text of the outputs is exactly the text written. Where a paragraph would end with one word
alone on its last line while the line above could give it company, the layout narrows that
paragraph's measure with a right margin (``a:pPr marR`` in the PPTX, the same padding in the
HTML), so the line above gives up its last word, as a typesetter would.
"""

from __future__ import annotations

from dataclasses import replace

from generator.layout import scripts
from generator.layout.measure import WIDTH_SAFETY, Measure
from generator.layout.page import Para

MAX_RIGHT_SHARE = 0.35  # a right margin never takes more than this share of the line
MAX_TRIES = 40  # right margins tried before the paragraph is left as it is
_NUDGE = 1.0  # points past the width that still held the word ...
_NUDGE_SHARE = 0.01  # ... and this share of it: renderers kern a little tighter than measured
RENDERER_SPREAD = 0.005  # LibreOffice and Chromium set a line this share narrower or wider


def typeset(m: Measure, para: Para, width: float, role: str = "body",
            bold: bool = False, spare: float = 0.0) -> Para:
    """``para`` with a right margin that keeps its last line from holding one word alone, if
    one can without adding a line to the ones measured (or only as many as ``spare`` points
    of height hold), as measured and as the renderers draw it (exact widths: LibreOffice and
    Chromium fit a little more on a line)."""
    if para.display or " " not in para.text.strip() or scripts.needs_uax14(para.text):
        return para
    usable = m.usable(para, width)
    if _acceptable(m, para, usable, 0.0, None, role, bold):
        return para
    extra = int(spare // m.line_height(para.size, para.text, para.line)) if spare > 0 else 0
    counts = [len(m.wrap(para.text, para.size, usable, role, bold)), extra]
    for stable in (True, False):  # the renderers alike if a margin can, else each alone
        right = _search(m, para, usable, counts, role, bold, stable)
        if right is not None:
            return replace(para, right=round(right, 2))
    return para


def _search(m: Measure, para: Para, usable: float, counts: list[int], role: str, bold: bool,
            stable: bool) -> float | None:
    """The smallest right margin :func:`_acceptable` takes, if one is found."""
    tried: set[float] = set()
    todo = _candidates(m, para, usable, 0.0, role, bold)
    while todo:
        right = todo.pop(0)
        if right > usable * MAX_RIGHT_SHARE or len(tried) > MAX_TRIES:
            break
        if right in tried:
            continue
        tried.add(right)
        if _acceptable(m, para, usable, right, counts, role, bold, stable):
            return right
        todo = sorted(set(todo) | {r for r in _candidates(m, para, usable, right, role, bold)
                                   if r > right})
    return None


def _acceptable(m: Measure, para: Para, usable: float, right: float,
                counts: list[int] | None, role: str = "body", bold: bool = False,
                stable: bool = True) -> bool:
    """Whether, with ``right`` taken off the measure, the last line holds more than one word
    as measured and as the renderers draw it, and every renderer draws the same lines; with
    ``counts`` (the lines measured without a margin, and the lines it may add), the
    paragraph is measured and drawn in no more lines than that.

    The renderers set a line at its exact width, give or take their kerning
    (:data:`RENDERER_SPREAD`), and LibreOffice breaks a number range after its hyphen when it
    does not fit a line's end ("1929-|1933") where browsers keep it whole: a margin that
    leaves a line's last word at the edge, where one renderer would keep it and another not,
    is not taken (unless ``stable`` is false: no margin keeps the renderers alike)."""
    exact = (usable - right) * WIDTH_SAFETY
    drawn = []
    for w, ranges in ((usable - right, False),
                      *((exact * (1 + k * RENDERER_SPREAD), ranges)
                        for k in (-1, 1) for ranges in (False, True))):
        lines = m.wrap(para.text, para.size, w, role, bold, ranges)
        most = counts[0] + counts[1] if counts is not None else 0
        if counts is not None and len(lines) > most:
            return False  # no more lines (than ``spare`` holds) as measured, nor as drawn
        if len(lines) > 1 and _one_word(lines[-1]) and " " in lines[-2].strip():
            return False
        drawn.append(lines)
    return not stable or all(lines == drawn[1] for lines in drawn[2:])


def _one_word(line: str) -> bool:
    return " " not in line.strip()


def _candidates(m: Measure, para: Para, usable: float, right: float, role: str,
                bold: bool) -> list[float]:
    """Right margins to try, smallest first: each one just too wide for a line set with the
    margin ``right`` (at either width) to keep its last word."""
    out = set()
    room = usable - right
    for w, scale in ((room, 1.0), (room * WIDTH_SAFETY, 1 / WIDTH_SAFETY)):
        if "$" in para.text:  # a line's text alone no longer tells its formulas' widths
            widths = [x * WIDTH_SAFETY for x in
                      m.trace(para.text, para.size, w, role, bold).widths[:-1]]
        else:
            widths = [line_width(m, line.rstrip(), para.size, role, bold)
                      for line in m.wrap(para.text, para.size, w, role, bold)[:-1]]
        for width in widths:
            drawn = width * scale
            out.add(max(0.0, usable - drawn * (1 - _NUDGE_SHARE) + _NUDGE))
    return sorted(out)


def line_width(m: Measure, text: str, size: float, role: str = "body", bold: bool = False
               ) -> float:
    """The measured width (pt) of one line of text, trailing spaces left out."""
    total = pending = 0.0
    for kind, _, em, *_ in m.tokens(text, role, bold):
        if kind == "s":
            pending += em
        elif kind == "w":
            total += pending + em
            pending = 0.0
    return total * size * WIDTH_SAFETY
