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
_NUDGE = 1.0  # points past the width that still held the word ...
_NUDGE_SHARE = 0.01  # ... and this share of it: renderers kern a little tighter than measured


def typeset(m: Measure, para: Para, width: float, role: str = "body",
            bold: bool = False) -> Para:
    """``para`` with a right margin that keeps its last line from holding one word alone, if
    one can without adding a line, as measured and as the renderers draw it (exact widths:
    LibreOffice and Chromium fit a little more on a line)."""
    if para.display or " " not in para.text or scripts.needs_uax14(para.text):
        return para
    usable = m.usable(para, width)
    if _acceptable(m, para, usable, 0.0, None):
        return para
    counts = [len(m.wrap(para.text, para.size, w, role, bold))
              for w in (usable, usable * WIDTH_SAFETY)]
    for right in _candidates(m, para, usable, role, bold):
        if right > usable * MAX_RIGHT_SHARE:
            break
        if _acceptable(m, para, usable, right, counts, role, bold):
            return replace(para, right=round(right, 2))
    return para


def _acceptable(m: Measure, para: Para, usable: float, right: float,
                counts: list[int] | None, role: str = "body", bold: bool = False) -> bool:
    """Whether, with ``right`` taken off the measure, the last line holds more than one word
    at both widths (and, with ``counts``, the paragraph keeps its number of lines)."""
    for i, w in enumerate((usable - right, (usable - right) * WIDTH_SAFETY)):
        lines = m.wrap(para.text, para.size, w, role, bold)
        if counts is not None and len(lines) != counts[i]:
            return False
        if len(lines) > 1 and _one_word(lines[-1]) and " " in lines[-2].strip():
            return False
    return True


def _one_word(line: str) -> bool:
    return " " not in line.strip()


def _candidates(m: Measure, para: Para, usable: float, role: str, bold: bool) -> list[float]:
    """Right margins to try, smallest first: each one just too wide for the line before the
    last (at either width) to keep its last word."""
    out = set()
    for w, scale in ((usable, 1.0), (usable * WIDTH_SAFETY, 1 / WIDTH_SAFETY)):
        lines = m.wrap(para.text, para.size, w, role, bold)
        for line in lines[:-1]:  # as measured (scale 1) and as drawn (without the safety)
            drawn = line_width(m, line.rstrip(), para.size, role, bold) * scale
            out.add(max(0.0, usable - drawn * (1 - _NUDGE_SHARE) + _NUDGE))
    return sorted(out)


def line_width(m: Measure, text: str, size: float, role: str = "body", bold: bool = False
               ) -> float:
    """The measured width (pt) of one line of text, trailing spaces left out."""
    total = pending = 0.0
    for kind, _, em, _ in m.tokens(text, role, bold):
        if kind == "s":
            pending += em
        elif kind == "w":
            total += pending + em
            pending = 0.0
    return total * size * WIDTH_SAFETY
