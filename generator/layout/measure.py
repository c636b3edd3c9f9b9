"""Measure text the way PowerPoint, LibreOffice and browsers set it: real font metrics, line
breaks at the places they break, each character in the font that draws it."""

from __future__ import annotations

import logging
import math
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path

from generator import pictures
from generator.layout import scripts
from generator.layout.fonts import Face, face, fallback_source
from generator.layout.page import Box, Para
from generator.layout.scripts import slot, slots_in
from generator.source import formula, inline
from generator.source.model import Deck, block_texts
from generator.themes.theme import Theme

log = logging.getLogger("generator")

SLIDE_SIZES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
INSET_X = 7.2  # text-box insets, as PowerPoint's defaults (0.1 in, 0.05 in)
INSET_Y = 3.6
WIDTH_SAFETY = 1.03  # measured widths are padded by 3 % ...
HEIGHT_SAFETY = 0.96  # ... and only 96 % of a box's height is filled
# Sub- and superscripts (H~2~O, x^2^): drawn at this share of the text's size, their baseline
# shifted by these shares of it (PowerPoint's baseline="-25000" and "30000"). PowerPoint draws
# them at about two thirds, LibreOffice at 58 % (editeng's DFLT_ESC_PROP); they are measured at
# the larger, and the HTML deck draws them so.
SCRIPT_SIZE = 2 / 3
SCRIPT_SHIFT = {"sub": -0.25, "sup": 0.30}
# LibreOffice lowers the next line by this share of the size under a line holding a subscript
# (its shifted descent, 0.58 x 0.2 + 0.25 em, passes the line's own 0.2 em); a superscript stays
# inside the line (0.58 + 0.30 em < 1 em). PowerPoint and the HTML deck keep the line's height.
SUBSCRIPT_LINE_EXTRA = 0.17


TAB_STOP = 72.0  # default tab stops: every inch from where the paragraph's text starts


class Measure:
    """Breaks lines and measures text in one theme's fonts, the way PowerPoint lays it out.

    ``script_fonts`` names the fonts that draw East Asian (``"ea"``) and complex-script
    (``"cs"``) characters, as the renderers write them into each run; any character none of
    the fonts has is measured with the font fontconfig falls back to for it.
    """

    def __init__(self, theme: Theme, script_fonts: dict[str, str] | None = None) -> None:
        self.theme = theme
        fonts = theme.fonts
        self.faces: dict[tuple[str, bool, bool], Face] = {}
        for role in ("heading", "body"):
            for bold in (False, True):
                for italic in (False, True):
                    self.faces[(role, bold, italic)] = face(fonts[role], bold, italic)
        self.mono = face(fonts["mono"])
        self._styles = {id(f): (bold, italic) for (_, bold, italic), f in self.faces.items()}
        self.line = float(theme.spacing["line"])
        self.after = float(theme.spacing["paragraph"])
        self.indent = float(theme.spacing["indent"])
        self.script_fonts = dict(script_fonts or {})
        self._base_factor = self.faces[("body", False, False)].line_factor()
        self._tall: dict[str, float] = {}
        # The tokens of a text depend on the text, role and weight only (not on the size or
        # width being tried), and the fitter tries many: each text is tokenized once.
        # Likewise the fitter asks for the same text at the same size and width again (each
        # try of a slide re-measures every frame): each wrapping is computed once. Both depend
        # only on the fonts, so measures with the same fonts share them: a rebuild in deck watch
        # measures only the texts an edit changed.
        self._tokens, self._wraps = _shared_measurements(
            (tuple(self.faces.items()), self.mono, tuple(sorted(self.script_fonts.items()))))

    def line_height(self, size: float, text: str = "", line: float = 1.0) -> float:
        """The height of one line at ``size``; taller where a fallback font with a taller line
        (a CJK font, say) draws part of ``text``, as PowerPoint's proportional spacing is;
        ``line``: a fraction of the theme's line pitch (a dense slide's tighter lines)."""
        factor = 1.2
        if text and not text.isascii() and self.script_fonts and slots_in(text):
            factor *= self._taller(text)
        return size * factor * self.line * line

    def _taller(self, text: str) -> float:
        ratio = 1.0
        for name in slots_in(text):
            if name not in self._tall:
                family = self.script_fonts.get(name)
                f = face(family) if family else None
                self._tall[name] = max(1.0, f.line_factor() / self._base_factor) if f else 1.25
            ratio = max(ratio, self._tall[name])
        return ratio

    def margin_left(self, para: Para) -> float:
        return self.margins(para.level, para.bullet)[0]

    def lines(self, text: str, size: float, width: float, role: str = "body",
              bold: bool = False) -> int:
        """How many lines ``text`` takes at ``size`` in a column ``width`` points wide."""
        return len(self.wrap(text, size, width, role, bold))

    def wrap(self, text: str, size: float, width: float, role: str = "body",
             bold: bool = False, ranges: bool = False) -> list[str]:
        """Greedy line breaking at the allowed break points; a piece wider than the line breaks
        between characters, as in PowerPoint. Tab stops count from where the text starts.
        ``ranges``: as LibreOffice breaks, also inside a number range ("1929-|1933")."""
        key = (text, size, width, role, bold, ranges)
        lines = self._wraps.get(key)
        if lines is None:
            lines = self._wraps[key] = tuple(_wrap(self, text, size, width, role, bold, ranges))
        return list(lines)

    def trace(self, text: str, size: float, width: float, role: str = "body",
              bold: bool = False) -> Trace:
        """Where :meth:`wrap` puts ``text``'s inline formulas and how wide its lines are."""
        found = Trace()
        found.lines = _wrap(self, text, size, width, role, bold, trace=found)
        return found

    def tokens(self, text: str, role: str, bold: bool, ranges: bool = False
               ) -> tuple[_Token, ...]:
        """``text`` as words, spaces, tabs, line breaks and break opportunities, widths in em
        (an opening bracket and the spaces after it joined to the next word); ``ranges``: a
        number range may break after its hyphen (as LibreOffice breaks it)."""
        key = (text, role, bold, ranges)
        found = self._tokens.get(key)
        if found is None:
            found = self._tokens[key] = _tokens(self, text, role, bold, ranges)
        return found

    def text_em(self, f: Face, text: str) -> float:
        """The width of ``text`` in em, each character measured with the font that draws it."""
        if text.isascii() or (max(text) < "\u0180"):
            return f.width(text, 1.0)
        total, run, run_face = 0.0, "", f
        for char in text:
            drawn = self._drawing_face(f, char)
            if drawn is not run_face and run:
                total += run_face.width(run, 1.0)
                run = ""
            run_face = drawn
            run += char
        return total + (run_face.width(run, 1.0) if run else 0.0)

    def _drawing_face(self, f: Face, char: str) -> Face:
        kind = slot(char)
        if kind != "latin":
            family = self.script_fonts.get(kind)
            if family:
                g = face(family, *self._styles.get(id(f), (False, False)))
                if g.covers(char):
                    return g
        if f.covers(char):
            return f
        return _fallback_face(char)

    def with_margins(self, para: Para) -> Para:
        """``para`` with the left margin and bullet hang its level and bullet give it."""
        margin, hanging = self.margins(para.level, para.bullet)
        return replace(para, margin=margin, hanging=hanging)

    def margins(self, level: int, bullet: bool) -> tuple[float, float]:
        """The left margin and the bullet's hang of a paragraph at ``level`` (pt)."""
        return (self.indent * (level + 1) if bullet else self.indent * level,
                self.indent if bullet else 0.0)

    def usable(self, para: Para, width: float) -> float:
        """The width a paragraph's lines may take in a frame ``width`` wide: less the frame's
        insets, the paragraph's left margin and its right margin."""
        return width - 2 * INSET_X - self.margin_left(para) - para.right

    def widest_word(self, text: str, size: float, role: str = "body", bold: bool = False
                    ) -> float:
        """The width of the widest piece of ``text`` that no line break may cut (pt, as
        measured, with the width safety)."""
        return max((em for kind, _, em, *_ in self.tokens(text, role, bold) if kind == "w"),
                   default=0.0) * size * WIDTH_SAFETY

    def para_height(self, para: Para, width: float, role: str = "body",
                    bold: bool = False) -> float:
        usable = self.usable(para, width)
        if para.display:
            return self.equation_height(para, usable) + para.after
        n = self.lines(para.text, para.size, usable, role, bold)  # tab stops count from the text
        return (n * self.line_height(para.size, para.text, para.line) + para.after
                + self.inline_extra(para.text, para.size, n))

    def inline_extra(self, text: str, size: float, lines: int) -> float:
        """Height that inline formulas reaching past a line add (each counted once: a line
        holding one grows by that much), and the lines of the ``lines`` that may hold a
        subscript (:data:`SUBSCRIPT_LINE_EXTRA`)."""
        extra = 0.0
        if "$" in text:
            extra += sum(formula_extra(s.text) * size * self.line
                         for s in inline.parse(text) if s.math)
        if "~" in text:
            subs = sum(1 for s in inline.parse(text) if s.script == "sub")
            extra += min(subs, lines) * SUBSCRIPT_LINE_EXTRA * size
        return extra

    def equation_height(self, para: Para, usable: float) -> float:
        """A displayed equation: the typeset formula, or its linear text as LibreOffice shows
        it, whichever is taller; wider than the box, it is counted once per box width."""
        w_em, h_em = formula.size_em(para.text, True)
        label = self.faces[("body", False, False)].width(f"  {para.label}", para.size) \
            if para.label else 0.0
        room = max(usable - 2 * label, para.size)
        typeset = h_em * para.size * math.ceil(w_em * para.size * WIDTH_SAFETY / room)
        text = formula.linear(para.text) + (f"  {para.label}" if para.label else "")
        linear = self.lines(text, para.size, usable) * self.line_height(para.size)
        return max(typeset * self.line, linear)

    def frame_height(self, paras: tuple[Para, ...] | list[Para], width: float,
                     role: str = "body", bold: bool = False) -> float:
        return 2 * INSET_Y + sum(self.para_height(p, width, role, bold) for p in paras)


# A line of text reaches 1.0 em above its baseline and 0.2 em below it (the 1.2 em line of
# PowerPoint's and LibreOffice's single spacing, whatever the font): an inline formula set on
# the baseline that reaches further grows its line by as much (see layout/equations.py).
LINE_ASCENT = 1.0
LINE_DESCENT = 0.2


def formula_extra(tex: str) -> float:
    """How far (em) the inline formula ``tex``, on the baseline, reaches above and below a
    line of text: the height it adds to its line (as far as the browser draws it, where that
    is further: :func:`formula.browser_reach_em`)."""
    _, height, depth = formula.box_em(tex)
    up, down = formula.browser_reach_em(tex)
    return max(0.0, height - depth + up - LINE_ASCENT) + max(0.0, depth + down - LINE_DESCENT)


_Token = tuple  # (kind, text, width_em, face, formulas): kind "w" word, "s" spaces, "t" tab,
#                 "n" break, "z" a break opportunity between two words with no space (CJK);
#                 formulas: a word's inline formulas as (offset_em, width_em, tex)
_PIECES = re.compile(r"\n|\t| +|[^ \t\n]+")


@lru_cache(maxsize=256)
def _fallback_face(char: str) -> Face:
    """The face fontconfig would draw ``char`` with when no deck font has it."""
    found = fallback_source(f"sans-serif:charset={ord(char):x}")
    if found is not None:
        f = Face(found[0], found[1], False, found[2])
        if f.covers(char):
            return f
    _NO_FONT.add(char)
    return Face("none", None, False)  # measured conservatively (0.62 em a character)


_NO_FONT: set[str] = set()  # the characters no installed font has, as _fallback_face found


def warn_missing_glyphs(deck: Deck) -> None:
    """Warn (once per build) about the first character of the deck that no installed font has:
    said after every layout, as measurements of earlier builds are reused without asking."""
    if not _NO_FONT:
        return
    from generator.collect import warn_once

    missing = {ch for text in deck_texts(deck) if not text.isascii() for ch in text} & _NO_FONT
    if missing:
        char = min(missing)
        warn_once(log, "no-font", "no installed font has the character %s (%r); it is measured "
                  "conservatively and may show as a box: install a font for its script (for "
                  "example fonts-noto-cjk for Chinese and Japanese)", f"U+{ord(char):04X}", char)


def _tokens(m: Measure, text: str, role: str, bold: bool, ranges: bool = False
            ) -> tuple[_Token, ...]:
    spans = inline.parse(text)
    plain = "".join(span.text for span in spans)
    opportunities = (scripts.break_offsets(plain) if scripts.needs_uax14(plain)
                     else scripts.hyphen_breaks(plain, ranges) if "-" in plain
                     else frozenset())
    out: list[list] = []
    offset = 0
    for span in spans:
        f = m.mono if span.code else m.faces[(role, bold or span.bold, span.italic)]
        scale = SCRIPT_SIZE if span.script else 1.0
        if span.math:  # one unbreakable word: the typeset formula or its linear text
            w = max(formula.size_em(span.text)[0], f.width(formula.linear(span.text), 1.0))
            offset += len(span.text)
            if out and out[-1][0] == "w":
                out[-1][4] += ((out[-1][2], w, span.text),)
                out[-1][1] += span.text
                out[-1][2] += w
            else:
                out.append(["w", span.text, w, f, ((0.0, w, span.text),)])
            continue
        for piece in _PIECES.findall(span.text):
            start, offset = offset, offset + len(piece)
            if piece == "\n":
                out.append(["n", piece, 0.0, f, ()])
            elif piece == "\t":
                out.append(["t", piece, 0.0, f, ()])
            elif piece[0] == " ":
                out.append(["s", piece, m.text_em(f, piece) * scale, f, ()])
            else:
                cuts = [i - start for i in sorted(opportunities) if start <= i < offset]
                for a, b in zip([0] + cuts, cuts + [len(piece)]):
                    part = piece[a:b]
                    if not part:
                        continue
                    if a > 0 or (start in opportunities and out and out[-1][0] == "w"):
                        out.append(["z", "", 0.0, f, ()])
                    if out and out[-1][0] == "w":  # glued to the previous span's word
                        out[-1][1] += part
                        out[-1][2] += m.text_em(f, part) * scale
                        out[-1][3] = f
                    else:
                        out.append(["w", part, m.text_em(f, part) * scale, f, ()])
    return tuple(tuple(t) for t in _glued(out))


OPENING = frozenset("([{«“‘„¿¡")  # opening brackets and quotes (UAX #14 class OP)


def _glued(tokens: list[list]) -> list[list]:
    """``tokens`` with each opening bracket (or quote) that stands before spaces joined to the
    word after them: no line breaks there (UAX #14, rule LB14), so "( mutual" stays together
    as LibreOffice and browsers keep it."""
    out: list[list] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if (token[0] == "w" and token[1] and all(c in OPENING for c in token[1])
                and i + 2 < len(tokens) and tokens[i + 1][0] == "s" and tokens[i + 2][0] == "w"):
            space, word = tokens[i + 1], tokens[i + 2]
            shift = token[2] + space[2]
            out.append(["w", token[1] + space[1] + word[1], token[2] + space[2] + word[2],
                        word[3], tuple((at + shift, w, tex) for at, w, tex in word[4])])
            i += 3
            continue
        out.append(token)
        i += 1
    return out


_SHARED: dict[tuple, tuple[dict, dict]] = {}  # fonts -> (tokens, wrappings), newest last
_SHARED_FONT_SETS = 4  # font sets kept (a deck and its theme variants in deck watch)
_SHARED_ENTRIES = 200_000  # wrappings kept per font set before they are dropped


def _shared_measurements(fonts: tuple) -> tuple[dict, dict]:
    """The token and wrapping caches of the measures of ``fonts`` (bounded: the font sets used
    least recently, and a set's caches that grew past ``_SHARED_ENTRIES``, are dropped)."""
    caches = _SHARED.pop(fonts, None)
    if caches is None or len(caches[1]) > _SHARED_ENTRIES:
        caches = ({}, {})
    _SHARED[fonts] = caches
    while len(_SHARED) > _SHARED_FONT_SETS:
        del _SHARED[next(iter(_SHARED))]
    return caches


class Trace:
    """Where :func:`_wrap` put things: its ``lines``, each inline formula as ``(line, x, width,
    tex)`` (x from where the line starts, pt) and each line's width (pt, its trailing spaces
    left out); ``whole`` turns false when a formula had to be cut between characters."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.formulas: list[tuple[int, float, float, str]] = []
        self.widths: list[float] = []
        self.whole = True


def _wrap(m: Measure, text: str, size: float, width: float, role: str, bold: bool,
          ranges: bool = False, trace: Trace | None = None) -> list[str]:
    limit = max(width, size) / WIDTH_SAFETY
    lines: list[str] = []
    current: list[str] = []
    x = pending = 0.0  # the line's width so far; spaces not yet followed by a word
    gap = ""
    filled = False
    for kind, piece, em, f, formulas in m.tokens(text, role, bold, ranges):
        if kind == "n":
            if trace is not None:
                trace.widths.append(x)
            lines.append("".join(current))
            current, x, pending, gap, filled = [], 0.0, 0.0, "", False
        elif kind == "s":
            pending += em * size
            gap += piece
        elif kind == "z":
            gap += ""
        elif kind == "t":
            stop = _next_tab(x + pending)
            if filled and stop > limit:
                if trace is not None:
                    trace.widths.append(x)
                lines.append("".join(current))
                current, x, filled = [], 0.0, False
                stop = _next_tab(0.0)
            current.append(gap + piece)
            x, pending, gap, filled = stop, 0.0, "", True
        else:
            w = em * size
            if filled and x + pending + w > limit:
                if trace is not None:
                    trace.widths.append(x)
                lines.append("".join(current))
                current, x, pending, gap = [], 0.0, 0.0, ""
            if x + pending + w > limit:  # wider than a whole line: break between characters
                piece, w = _break_long(m, f, piece, size, limit - x - pending, limit, lines,
                                       current, gap)
                current, gap = [], ""
                x = pending = 0.0
                if trace is not None:  # the lines it filled are full
                    trace.widths.extend([limit] * (len(lines) - len(trace.widths)))
                    trace.whole = trace.whole and not formulas
            elif trace is not None:
                trace.formulas.extend((len(lines), x + pending + at * size, fw * size, tex)
                                      for at, fw, tex in formulas)
            current.append(gap + piece)
            x, pending, gap, filled = x + pending + w, 0.0, "", True
    if current or not lines or not filled:
        lines.append("".join(current))
        if trace is not None:
            trace.widths.append(x)
    return lines


def _next_tab(position: float) -> float:
    return (math.floor(position / TAB_STOP + 1e-9) + 1) * TAB_STOP


def _break_long(m: Measure, f: Face, word: str, size: float, room: float, limit: float,
                lines: list[str], current: list[str], gap: str) -> tuple[str, float]:
    """Put the leading parts of ``word`` on full lines; return the rest and its width."""
    first = True
    while True:
        width = m.text_em(f, word) * size
        space = room if first else limit
        if width <= space:
            return word, width
        cut = _longest_prefix(m, f, word, space / size)
        if first and current:
            lines.append("".join(current) + gap + word[:cut])
        else:
            lines.append(word[:cut])
        word = word[cut:]
        first = False


def _longest_prefix(m: Measure, f: Face, word: str, limit_em: float) -> int:
    """How many leading characters of ``word`` fit in ``limit_em``: a whole number of grapheme
    clusters, at least one."""
    cuts = scripts.grapheme_offsets(word) + [len(word)]
    low, high = 0, len(cuts) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if m.text_em(f, word[:cuts[mid]]) <= limit_em:
            low = mid
        else:
            high = mid - 1
    return cuts[low]


@lru_cache(maxsize=256)
def image_size(path: Path) -> tuple[float, float]:
    """A picture's own size (pixels; an SVG's from its width, height or viewBox, an EMF's or
    WMF's from its header): only its aspect ratio matters."""
    return pictures.size(path)


def fit_image(path: Path, area: Box) -> Box:
    """The largest box with the image's aspect ratio inside ``area``, centred."""
    w, h = image_size(path)
    scale = min(area.w / w, area.h / h)
    bw, bh = w * scale, h * scale
    return Box(area.x + (area.w - bw) / 2, area.y + (area.h - bh) / 2, bw, bh)


def note_paragraphs(notes: str) -> list[str]:
    """Speaker notes as paragraphs: blank lines (or lines of only spaces) separate them, and the
    lines of one paragraph are joined (they are the wrapping of the YAML source)."""
    return [" ".join(line.strip() for line in block.splitlines() if line.strip())
            for block in re.split(r"\n\s*\n", notes.strip()) if block.strip()]


def deck_texts(deck: Deck):
    """Every piece of text the deck shows (titles, body, headings, captions, footer, notes)."""
    yield from (t for t in (deck.title, deck.subtitle, deck.author, deck.date, deck.footer) if t)
    yield from deck.references
    for slide in deck.slides:
        yield slide.title
        yield from (t for t in (slide.subtitle, slide.notes, slide.source_line) if t)
        yield from (column.heading for column in slide.columns if column.heading)
        for block in slide.all_blocks:
            yield from block_texts(block)


def choose_script_fonts(deck: Deck, theme: Theme) -> dict[str, str]:
    """The fonts for the deck's East Asian and complex-script text: the theme's body font when
    it has the glyphs, else the font fontconfig picks for the script (``fonts-noto-cjk``'s
    for Chinese and Japanese), else none (with a warning; measured conservatively)."""
    texts = [t for t in deck_texts(deck) if not t.isascii()]
    if not texts:
        return {}
    joined = "\n".join(texts)
    chosen: dict[str, str] = {}
    body = theme.fonts["body"]
    serif = any(h in body.lower() for h in ("serif", "times", "cambria", "georgia")) and (
        "sans" not in body.lower())
    for name in sorted(slots_in(joined)):
        sample = next(ch for ch in joined if slot(ch) == name)
        if face(body).exact and face(body).covers(sample):
            chosen[name] = body
            continue
        lang = scripts.language_of_slot(name, joined, deck.language)
        found = None
        for kind in (("serif", "sans-serif") if serif else ("sans-serif",)):
            found = fallback_source(f"{kind}:lang={lang}")
            if found is not None and Face(found[0], found[1], True, found[2]).covers(sample):
                break
            found = None
        if found is None:
            log.warning("no installed font draws the deck's %s text (%r); it is measured "
                        "conservatively: install a font for it (for example fonts-noto-cjk)",
                        "East Asian" if name == "ea" else "complex-script", sample)
            continue
        chosen[name] = found[0]
    return chosen


