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
import unicodedata
from bisect import bisect_right
from functools import lru_cache

from generator.source.model import RTL_LANGUAGES

# Unicode blocks as code point ranges (a character class of them takes milliseconds to compile
# as a regular expression; a lookup in sorted ranges costs nothing at start-up).
_EA = (  # what PowerPoint draws with the East Asian font
    (0x1100, 0x11FF), (0x2E80, 0x2FDF), (0x2FF0, 0x303F), (0x3040, 0x30FF), (0x3100, 0x31FF),
    (0x3200, 0x4DBF), (0x4E00, 0x9FFF), (0xA960, 0xA97F), (0xAC00, 0xD7FF), (0xF900, 0xFAFF),
    (0xFE30, 0xFE4F), (0xFF00, 0xFFEF), (0x20000, 0x3FFFF))
_CS = (  # complex scripts: Hebrew, Arabic, Syriac, Thaana, N'Ko, Indic, Thai, Lao, Tibetan…
    (0x0590, 0x08FF), (0x0900, 0x0DFF), (0x0E00, 0x0FFF), (0xFB1D, 0xFDFF), (0xFE70, 0xFEFF))
_UAX14 = (  # characters that break without a space between them (CJK, Thai…, U+200B)
    (0x0E00, 0x0FFF), (0x200B, 0x200B), (0x2E80, 0x2FDF), (0x3000, 0x30FF), (0x3100, 0x31FF),
    (0x3200, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xFE30, 0xFE4F), (0xFF00, 0xFFEF),
    (0x20000, 0x3FFFF))


def _within(ranges: tuple[tuple[int, int], ...], char: str) -> bool:
    code = ord(char)
    at = bisect_right(ranges, (code, 0x10FFFF)) - 1
    return at >= 0 and ranges[at][0] <= code <= ranges[at][1]


def _plain_latin(text: str) -> bool:
    """Whether every character of ``text`` is below U+0590 (no script that needs a slot)."""
    return text.isascii() or max(text) < "\u0590"


def slot(char: str) -> str:
    """``"ea"``, ``"cs"`` or ``"latin"``: which of a run's fonts draws ``char``."""
    if char < "\u0590":
        return "latin"
    if _within(_EA, char):
        return "ea"
    if _within(_CS, char):
        return "cs"
    return "latin"


def slots_in(text: str) -> set[str]:
    """The non-Latin slots ``text`` needs (``"ea"``, ``"cs"``)."""
    if _plain_latin(text):
        return set()
    return {slot(char) for char in text if char >= "\u0590"} - {"latin"}


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
    return not _plain_latin(text) and any(
        _within(_UAX14, char) for char in text if char >= "\u0e00")


_HYPHEN_BREAK = re.compile(r"(?<=[^\s(\[{-])-(?=[^\W\d_])")
_RANGE_BREAK = re.compile(r"(?<=\d)-(?=\d)")


def hyphen_breaks(text: str, ranges: bool = False) -> frozenset[int]:
    """Offsets after a hyphen inside a word and before a letter ("Russo-|Polish",
    "(1924-1928)-|peaceful"): UAX #14 breaks there, and LibreOffice and browsers do; never
    between digits ("1929-1933"), the fast path for text that otherwise breaks at spaces.
    ``ranges``: between digits too, as LibreOffice breaks a range that does not fit the end
    of a line ("(1929-|1933)"), which browsers keep whole."""
    found = {m.end() for m in _HYPHEN_BREAK.finditer(text)}
    if ranges:
        found.update(m.end() for m in _RANGE_BREAK.finditer(text))
    return frozenset(found)


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


# -- direction --------------------------------------------------------------------------------
_URL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:(?://)?|www\.)\S+\s*$", re.I)
_RTL_SCRIPTS = (("[\u0590-\u05ff\ufb1d-\ufb4f]", "he"),)  # else an RTL text is Arabic-script
QUOTES = {"ltr": ("\u201c", "\u201d"),  # “…”
          "he": ("\u201d", "\u201d"),  # ”…” (CLDR he)
          "ar": ("\u201d", "\u201c")}  # ”…“, which a right-to-left line shows as “…” mirrored


def text_direction(text: str) -> str | None:
    """``"rtl"`` or ``"ltr"``: the direction of ``text``'s first strong character (the
    Unicode bidirectional algorithm's rule P2, as ``dir="auto"`` decides), ``None`` for text
    without one (digits and punctuation only)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind == "L":
            return "ltr"
        if kind in ("R", "AL"):
            return "rtl"
    return None


def quotation_marks(text: str) -> tuple[str, str]:
    """The opening and closing marks a quotation of ``text`` takes, by its own direction and
    script (the CLDR's: Hebrew ”…”, Arabic script ”…“, else “…”)."""
    if text_direction(text) != "rtl":
        return QUOTES["ltr"]
    script = next((name for pattern, name in _RTL_SCRIPTS if re.search(pattern, text)), "ar")
    return QUOTES[script]


def keeps_left_to_right(span) -> bool:
    """Whether an inline span (``source.inline.Span``) stays left to right inside right-to-left
    text, isolated from the words around it: code, a formula, or an address (a link whose
    text is a URL, or text that is one)."""
    return bool(span.code or span.math or _URL.match(span.text))
