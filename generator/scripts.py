"""Which font slot draws a character, where lines may break, and which way text runs.

PowerPoint keeps three fonts per run: ``latin`` (Latin, Greek, Cyrillic…), ``ea`` (Chinese,
Japanese, Korean) and ``cs`` (complex scripts: Arabic, Hebrew, Thai, Indic). The layout measures
each character with the font of its slot and the renderers name the same fonts, so what was
measured is what PowerPoint, LibreOffice and the browser draw.

Line-break opportunities follow Unicode's line-breaking algorithm (UAX #14, from the ``uniseg``
library) wherever a text has characters that break without spaces (Chinese and Japanese break
between characters, never before closing punctuation or after opening punctuation: kinsoku);
text that only breaks at spaces takes the fast path.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .model import RTL_LANGUAGES

# The character classes below take milliseconds to compile (the astral ranges): they are
# compiled on first use, and text below U+0590 (Latin, Greek, Cyrillic…) never needs them.
_PATTERNS = {
    # Blocks whose characters PowerPoint draws with the East Asian font.
    "ea": "[\u1100-\u11ff\u2e80-\u2fdf\u2ff0-\u303f\u3040-\u30ff\u3100-\u31ff\u3200-\u4dbf"
          "\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef"
          "\U00020000-\U0003ffff]",
    # Complex scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko, Indic, Thai, Lao, Tibetan…
    "cs": "[\u0590-\u08ff\u0900-\u0dff\u0e00-\u0fff\ufb1d-\ufdff\ufe70-\ufeff]",
    # Characters after which or before which UAX #14 breaks without a space.
    "uax14": "[\u0e00-\u0fff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u4dbf"
             "\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]",
}


@lru_cache(maxsize=None)
def _pattern(name: str) -> re.Pattern:
    return re.compile(_PATTERNS[name])


def _plain_latin(text: str) -> bool:
    """Whether every character of ``text`` is below U+0590 (no script that needs a slot)."""
    return text.isascii() or max(text) < "\u0590"



def slot(char: str) -> str:
    """``"ea"``, ``"cs"`` or ``"latin"``: which of a run's fonts draws ``char``."""
    if char < "\u0590":
        return "latin"
    if _pattern("ea").match(char):
        return "ea"
    if _pattern("cs").match(char):
        return "cs"
    return "latin"


def slots_in(text: str) -> set[str]:
    """The non-Latin slots ``text`` needs (``"ea"``, ``"cs"``)."""
    found: set[str] = set()
    if _plain_latin(text):
        return found
    if _pattern("ea").search(text):
        found.add("ea")
    if _pattern("cs").search(text):
        found.add("cs")
    return found


def language_of_slot(slot_name: str, text: str, deck_language: str) -> str:
    """The fontconfig language to look a fallback font up by, for ``slot_name``."""
    primary = deck_language.split("-")[0].lower()
    if slot_name == "ea":
        if primary in ("ja", "ko"):
            return primary
        if primary == "zh":
            return "zh-tw" if deck_language.lower() in ("zh-tw", "zh-hk", "zh-hant") else "zh-cn"
        if re.search("[\u3040-\u30ff]", text):
            return "ja"
        if re.search("[\u1100-\u11ff\uac00-\ud7af]", text):
            return "ko"
        return "zh-cn"
    if primary in RTL_LANGUAGES or primary in ("th", "hi"):
        return primary
    for pattern, lang in (("[\u0590-\u05ff\ufb1d-\ufb4f]", "he"), ("[\u0600-\u08ff]", "ar"),
                          ("[\u0e00-\u0e7f]", "th"), ("[\u0900-\u097f]", "hi")):
        if re.search(pattern, text):
            return lang
    return "ar"


def needs_uax14(text: str) -> bool:
    """Whether ``text`` has characters that may break without a space between them."""
    return not _plain_latin(text) and _pattern("uax14").search(text) is not None


_HYPHEN_BREAK = re.compile(r"(?<=[^\s(\[{-])-(?=[^\W\d_])")


def hyphen_breaks(text: str) -> frozenset[int]:
    """Offsets after a hyphen inside a word and before a letter ("Russo-|Polish",
    "(1924-1928)-|peaceful"): UAX #14 breaks there, and LibreOffice and browsers do; never
    between digits ("1929-1933"), the fast path for text that otherwise breaks at spaces."""
    return frozenset(found.end() for found in _HYPHEN_BREAK.finditer(text))


@lru_cache(maxsize=4096)
def break_offsets(text: str) -> frozenset[int]:
    """Offsets in ``text`` where UAX #14 allows a line break (a break before ``text[i]``).

    uniseg is pure Python (about 0.2 ms a character), and the layout measures many pieces
    of one long paragraph while it splits it: a piece of a recently broken text reuses that
    text's break points.
    """
    for whole, offsets in reversed(_recent):
        at = whole.find(text) if len(text) < len(whole) else -1
        if at >= 0:
            return frozenset(b - at for b in offsets if at < b < at + len(text))
    from uniseg.linebreak import line_break_boundaries

    found = frozenset(b for b in line_break_boundaries(text) if 0 < b < len(text))
    if len(text) > 40:
        _recent.append((text, found))
        del _recent[:-8]
    return found


_recent: list[tuple[str, frozenset[int]]] = []


def grapheme_offsets(text: str) -> list[int]:
    """Offsets between grapheme clusters (never inside an accented letter or emoji)."""
    if text.isascii():
        return list(range(1, len(text)))
    from uniseg.graphemecluster import grapheme_cluster_boundaries

    return [b for b in grapheme_cluster_boundaries(text) if 0 < b < len(text)]
