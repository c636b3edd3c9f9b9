"""The deck's math font for the HTML: a subset of the font that measured the formulas, embedded."""

from __future__ import annotations

import base64
import hashlib
import re
from functools import lru_cache
from pathlib import Path

from generator.source import formula

# The private family name of the embedded subset: listed first for <math> in deck.css, so no
# installed font of the same name can stand in for it.
FAMILY = "Deck Math"
# Layout features kept beside fontTools' defaults: the script-size forms, the flat accents
# over capitals and the dotless i and j under accents that a math renderer may ask for.
_MATH_FEATURES = ("ssty", "flac", "dtls")
_SUBSET_FORMAT = 1  # raised when what the subset keeps changes: older cached subsets unused
_MATH_ELEMENT = re.compile(r"<math\b.*?</math>", re.S)
_MATHML = f"{{{formula.MATHML_NS}}}"


def math_characters(document: str) -> str:
    """Every character the ``<math>`` elements of ``document`` (an HTML deck) draw, sorted;
    ``""`` when it has none. Besides the written characters: the mathematical italic letter
    a browser draws for a one-letter ``<mi>`` (MathML Core's automatic italic) and the radical
    sign of a root. The TeX annotations are not drawn: left out."""
    found: set[str] = set()
    elements = _MATH_ELEMENT.findall(document)
    if elements:  # (for math only, as everywhere: the cold start of a plain deck stays light)
        from xml.etree import ElementTree
    for element in elements:
        try:
            root = ElementTree.fromstring(element)
        except ElementTree.ParseError:  # not written by formula.mathml: nothing to draw
            continue
        for el in root.iter():
            tag = el.tag.removeprefix(_MATHML)
            if tag in ("msqrt", "mroot"):
                found.add("\u221a")  # drawn by the browser from the font, written nowhere
            if tag == "annotation" or not el.text:
                continue
            found.update(el.text)
            if tag == "mi" and len(el.text.strip()) == 1 and el.get("mathvariant") is None:
                found.update(_italic(el.text.strip()))
    if found:
        found.add(" ")
    return "".join(sorted(c for c in found if c.isprintable() or c == " "))


def _italic(char: str) -> str:
    """The mathematical italic form of ``char`` (``x`` → ``𝑥``), or ``""`` when it has none."""
    if char == "h":
        return "\u210e"  # Planck's constant stands for the italic h
    import unicodedata

    name = unicodedata.name(char, "")
    for plain, italic in (("LATIN ", "MATHEMATICAL ITALIC "), ("GREEK ", "MATHEMATICAL ITALIC "),
                          ("", "MATHEMATICAL ITALIC ")):
        if name.startswith(plain):
            wanted = italic + name[len(plain):].replace(" LETTER", "").replace("LETTER ", "")
            try:
                return unicodedata.lookup(wanted)
            except KeyError:
                continue
    return ""


def font_face_css(document: str) -> str:
    """An ``@font-face`` rule that embeds, as a ``data:`` address, the subset of the math font
    (:func:`formula.math_font_file`) holding every character the formulas of ``document``
    draw; ``""`` for a deck without formulas or when the font cannot be read."""
    chars = math_characters(document)
    if not chars:
        return ""
    data = subset(chars)
    if data is None:
        return ""
    return (f'@font-face {{ font-family: "{FAMILY}"; '
            f'src: url(data:font/woff;base64,{base64.b64encode(data).decode("ascii")}) '
            'format("woff"); }')


@lru_cache(maxsize=8)
def subset(chars: str) -> bytes | None:
    """The math font cut down to ``chars``, as a WOFF, keeping its MATH table and everything it
    reaches: the larger variants and the parts of the stretchy fences, radicals, integrals and
    big operators. Kept in the per-user cache under its characters and the font file's stamp.
    ``None`` when the font file is missing."""
    file = formula.math_font_file()
    if file is None:
        return None
    try:
        info = file.stat()
    except OSError:
        return None
    from importlib.metadata import version

    key = hashlib.sha256(
        f"math font {_SUBSET_FORMAT} {file.name} {info.st_size} {info.st_mtime_ns} "
        f"fonttools {version('fonttools')}\n{chars}".encode()).hexdigest()
    from generator.cache import keep, read_kept

    kept = read_kept("fonts", f"{key}.woff", b"wOFF")  # only a file of the user's, a WOFF
    if kept is not None:
        return kept
    data = _cut(file, chars)
    keep("fonts", f"{key}.woff", data)
    return data


def _cut(file: Path, chars: str) -> bytes:
    """The subset as a WOFF with zlib (WOFF 2 would need brotli): zlib shrinks the calculus
    deck's subset from 42 kB as TrueType to 27 kB, and WOFF keeps a table uncompressed where
    zlib would not shrink it, so it is never larger than the TrueType but for its header."""
    import io

    from fontTools import subset as fonttools_subset
    from fontTools.ttLib import TTFont

    options = fonttools_subset.Options()
    options.layout_features = [*options.layout_features, *_MATH_FEATURES]
    options.hinting = False  # drawn large on a slide: outlines only, two thirds of the size
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 7, 13, 14]  # its copyright and OFL licence kept
    options.notdef_outline = True
    options.flavor = "woff"
    # only the glyphs kept are read (a third of the time); the font keeps its own date, so
    # the same deck always gives the same subset, and the same HTML
    font = TTFont(file, lazy=True, recalcTimestamp=False)
    subsetter = fonttools_subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(c) for c in chars])
    subsetter.subset(font)
    font.flavor = "woff"
    out = io.BytesIO()
    font.save(out)
    return out.getvalue()
