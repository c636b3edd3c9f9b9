"""Measure text with real font metrics, choose font sizes that fit, and split overflowing slides.

Both renderers draw exactly the pages, boxes and sizes decided here, so the PPTX and the HTML
deck have the same slides with the same text sizes. All lengths are points on a slide that is
960 × 540 pt (16:9) or 720 × 540 pt (4:3).
"""

from __future__ import annotations

import logging
import math
import re
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from generator.errors import Problem, SourceError
from generator.layout import scripts
from generator.layout.fonts import Face, face, fallback_source
from generator.layout.scripts import slot, slots_in
from generator.source import formula, inline
from generator.source.model import (
    Block,
    Bullet,
    Column,
    Deck,
    Equation,
    Image,
    Paragraph,
    Slide,
    slide_texts,
)
from generator.themes.theme import Theme

if TYPE_CHECKING:  # read only for a deck on a template
    from generator.themes.template import TemplateDesign

log = logging.getLogger("generator")

SLIDE_SIZES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
INSET_X = 7.2  # text-box insets, as PowerPoint's defaults (0.1 in, 0.05 in)
INSET_Y = 3.6
WIDTH_SAFETY = 1.03  # measured widths are padded by 3 % ...
HEIGHT_SAFETY = 0.96  # ... and only 96 % of a box's height is filled
FOOTER_HEIGHT = 24.0
MIN_TITLE_SIZE = 16.0
LAST_RESORT_SIZE = 8.0  # single-line texts (titles, captions) shrink below their floor only to fit
MARKER = "{part} / {parts}"  # the small continuation marker, e.g. "2 / 3", beside the number
CAPTION_GAP = 4.0  # points between a picture and its caption
TITLE_AUTHOR, TITLE_DATE = 0.8, 0.7  # the title slide's author and date, to its subtitle
STATEMENT_LINES = 3  # a statement slide's paragraph is set large if it takes at most this
TITLE_RATIO = 1.2  # a title is at least this many times the body text under it
REFERENCES = "References"  # the title of the reference slides a deck's 'references:' makes
CAPTION_SHARE = 0.35  # a caption takes at most this part of the picture's area ...
MIN_CAPTION_SIZE = 10.0  # ... at no less than this size, or the build says to shorten it
FOOT_SHARE = 0.4  # a slide's footnotes and source line take at most this share of its body


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points from the top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


@dataclass(frozen=True)
class Para:
    """One paragraph to draw: raw text (with inline markup), its level, bullet flag and size."""

    text: str
    level: int = 0
    bullet: bool = False
    size: float = 28.0
    after: float = 0.0  # space after the paragraph, in points
    display: bool = False  # ``text`` is a displayed equation's LaTeX
    label: str | None = None  # a displayed equation's label, e.g. "(1)"
    line: float = 1.0  # line pitch, a fraction of the theme's (``spacing.line_min`` when dense)
    color: str | None = None  # a theme colour name ("lead" for a lead paragraph); None: the frame's


@dataclass(frozen=True)
class TextFrame:
    """Paragraphs placed in a box, every size already chosen to fit."""

    box: Box
    paras: tuple[Para, ...]
    size: float  # the base (level-1) size chosen for this frame
    font: str  # "heading" or "body": which theme font renders it
    height: float = 0.0  # measured height of the text, insets included
    bold: bool = False  # set bold (titles and column headings, as the theme's weights say)
    anchor: str = "t"  # "t" top, or "ctr": short content and statements centred in their box
    # ("b": the title slide's title on its band's lower edge or rule, its author and date)
    align: str = "l"  # "l", or "ctr": the title slide's text in a theme whose title is centred


@dataclass(frozen=True)
class ColumnFrame:
    heading: TextFrame | None
    body: TextFrame


@dataclass(frozen=True)
class Page:
    """One output slide (a source slide may become several pages when split)."""

    kind: str  # "title", "section", "content", "columns" or "image"
    number: int
    title: TextFrame
    source: Slide | None = None
    subtitle: TextFrame | None = None
    byline: TextFrame | None = None  # the title slide's author and date
    lead: TextFrame | None = None
    body: TextFrame | None = None
    columns: tuple[ColumnFrame, ...] = ()
    image: Image | None = None
    image_box: Box | None = None
    caption: TextFrame | None = None
    part: int = 1
    parts: int = 1
    notes: str = ""
    marker: TextFrame | None = None  # "2 / 3" on a split slide's pages, in the muted colour
    table: object | None = None  # a blocks.TableFrame on "table" pages
    code: object | None = None  # a blocks.CodeFrame on "code" pages
    timeline: object | None = None  # a blocks.TimelineFrame on "timeline" pages
    source_line: TextFrame | None = None  # the slide's 'source:' line, above the footer
    background: object | None = None  # a blocks.PageBackground: the slide's own background
    pictures: tuple = ()  # blocks.Picture items on "images" pages
    full: object | None = None  # a blocks.FullBleed on "full" pages
    # a comparison that could try its compact title band and spacing.gap_min gaps before it
    # shrank or split (deck check names the rules tried)
    dense: bool = False

    @property
    def title_text(self) -> str:
        """The title as written (a two-line title's tie and joined ranges undone)."""
        return self.title.paras[0].text.replace(NBSP, " ").replace(WORD_JOINER, "")


@dataclass(frozen=True)
class SlideBoxes:
    """Where each kind of slide puts its text (what the PPTX layouts' placeholders use)."""

    title: Box
    body: Box
    title_page_title: Box
    title_page_subtitle: Box
    section_title: Box
    section_subtitle: Box
    title_page_byline: Box  # the title slide's author and date
    title_page_decoration: Box | None  # its band, block, rule or bar (see ``title_look``)
    title_page_anchor: str  # its title's anchor: "t", "ctr" or "b", as the look sets it


@dataclass(frozen=True)
class DeckLayout:
    """The whole deck as laid out pages plus slide-wide geometry."""

    deck: Deck
    theme: Theme
    width: float
    height: float
    pages: tuple[Page, ...]
    footer_box: Box
    number_box: Box
    boxes: SlideBoxes | None = None
    footer_size: float = 12.0  # the footer text's size, shrunk from the theme's to fit one line
    logo: Path | None = None  # the theme's logo, drawn on every slide at ``logo_box``
    logo_box: Box | None = None
    background_image: Path | None = None  # the theme's background picture, slide-filling
    script_fonts: dict[str, str] = field(default_factory=dict)  # "ea"/"cs" slot -> family
    template_rtl: bool = False  # the deck's template writes right to left (its master's text)


# -- measuring ----------------------------------------------------------------------------------

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
        return self.indent * (para.level + 1) if para.bullet else self.indent * para.level

    def lines(self, text: str, size: float, width: float, role: str = "body",
              bold: bool = False) -> int:
        """How many lines ``text`` takes at ``size`` in a column ``width`` points wide."""
        return len(self.wrap(text, size, width, role, bold))

    def wrap(self, text: str, size: float, width: float, role: str = "body",
             bold: bool = False) -> list[str]:
        """Greedy line breaking at the allowed break points; a piece wider than the line breaks
        between characters, as in PowerPoint. Tab stops count from where the text starts."""
        key = (text, size, width, role, bold)
        lines = self._wraps.get(key)
        if lines is None:
            lines = self._wraps[key] = tuple(_wrap(self, text, size, width, role, bold))
        return list(lines)

    def tokens(self, text: str, role: str, bold: bool) -> tuple[_Token, ...]:
        """``text`` as words, spaces, tabs, line breaks and break opportunities, widths in em."""
        key = (text, role, bold)
        found = self._tokens.get(key)
        if found is None:
            found = self._tokens[key] = _tokens(self, text, role, bold)
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

    def para_height(self, para: Para, width: float, role: str = "body",
                    bold: bool = False) -> float:
        margin = self.margin_left(para)
        usable = width - 2 * INSET_X - margin
        if para.display:
            return self.equation_height(para, usable) + para.after
        n = self.lines(para.text, para.size, usable, role, bold)  # tab stops count from the text
        return (n * self.line_height(para.size, para.text, para.line) + para.after
                + self.math_extra(para.text, para.size))

    def math_extra(self, text: str, size: float) -> float:
        """Height that inline formulas taller than a line add (each counted once: a line
        holding one grows by that much)."""
        if "$" not in text:
            return 0.0
        return sum(max(0.0, formula.size_em(s.text)[1] * size * self.line - self.line_height(size))
                   for s in inline.parse(text) if s.math)

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


NBSP = "\u00a0"
WORD_JOINER = "\u2060"  # no line break here: "1929-1933" never breaks after its hyphen
_NUMBER_RANGE = re.compile(r"(?<=\d)[-–](?=\d)")
_OPEN_THEN_SPACE = re.compile(r"(?<!\S)([(\[{«“‘„]) +(?=\S)")  # a lone "(" before a word


def typeset(m: Measure, para: Para, width: float, role: str = "body",
            bold: bool = False) -> Para:
    """``para`` with the line-breaking rules applied to its text, measured as drawn.

    An opening bracket standing alone before a word is tied to it (no line ends with "("), a
    range of numbers ("1929-1933") is joined after its dash (U+2060, which LibreOffice and
    browsers keep together; they would break after the hyphen),
    and a last line of one word takes the word before it when the line above can give one: the
    two words are tied with a no-break space, which both renderers keep together.
    """
    if para.display:  # a displayed equation is LaTeX, not prose
        return para
    text = _outside_literals(para.text, _OPEN_THEN_SPACE,
                             lambda found: found.group(1) + NBSP)
    text = _outside_literals(text, _NUMBER_RANGE, lambda found: found.group(0) + WORD_JOINER)
    if " " in text and not scripts.needs_uax14(text):
        text = _tie_last_words(m, text, para, width, role, bold)
    return para if text == para.text else replace(para, text=text)


def _outside_literals(text: str, pattern: re.Pattern, replace) -> str:
    """``pattern.sub(replace, text)`` except inside code, formulas and link addresses."""
    if not pattern.search(text):
        return text
    literal = list(inline.literal_ranges(text))
    return pattern.sub(lambda found: found.group(0) if any(
        a <= found.start() < b for a, b in literal) else replace(found), text)


def _tie_last_words(m: Measure, text: str, para: Para, width: float, role: str,
                    bold: bool = False) -> str:
    """``text`` with its last two words tied when a last line of one word could take one.

    The lines are checked as measured (with the layout's width safety) and as the renderers
    draw them (exact widths: LibreOffice and Chromium fit a little more on a line), so neither
    leaves a word alone; the tie must not add a line to either.
    """
    margin = m.margin_left(para)
    usable = width - 2 * INSET_X - margin
    widths = (usable, usable * WIDTH_SAFETY)
    wrapped = [m.wrap(text, para.size, w, role, bold) for w in widths]
    if not any(len(lines) > 1 and " " not in lines[-1].strip() and " " in lines[-2].strip()
               for lines in wrapped):
        return text  # one line, or a last line of several words, or nothing to give
    at = text.rfind(" ")
    if at < 0 or "\n" in text[at:] or "\t" in text[at:] or any(
            a <= at < b for a, b in inline.literal_ranges(text)):
        return text  # no tie inside code or a formula
    tied = text[:at] + NBSP + text[at + 1:]
    plain = inline.plain(text)
    k = plain.rfind(" ")
    if inline.plain(tied) != plain[:k] + NBSP + plain[k + 1:]:
        return text  # the space was inside markup (a link's address), not between words
    for w, lines in zip(widths, wrapped):
        after = m.wrap(tied, para.size, w, role, bold)
        if len(after) != len(lines) or " " not in after[-1].replace(NBSP, " ").strip():
            return text
    return tied


_Token = tuple  # (kind, text, width_em, face): kind "w" word, "s" spaces, "t" tab, "n" break,
#                 "z" a break opportunity between two words with no space (CJK)
_PIECES = re.compile(r"\n|\t| +|[^ \t\n]+")


@lru_cache(maxsize=256)
def _fallback_face(char: str) -> Face:
    """The face fontconfig would draw ``char`` with when no deck font has it."""
    found = fallback_source(f"sans-serif:charset={ord(char):x}")
    if found is not None:
        f = Face(found[0], found[1], False, found[2])
        if f.covers(char):
            return f
    _warn_no_font(char)
    return Face("none", None, False)  # measured conservatively (0.62 em a character)


_no_font_warned: set[str] = set()


def _warn_no_font(char: str) -> None:
    name = f"U+{ord(char):04X}"
    if not _no_font_warned:
        log.warning("no installed font has the character %s (%r); it is measured "
                    "conservatively and may show as a box: install a font for its script "
                    "(for example fonts-noto-cjk for Chinese and Japanese)", name, char)
    _no_font_warned.add(name)


def _tokens(m: Measure, text: str, role: str, bold: bool) -> tuple[_Token, ...]:
    spans = inline.parse(text)
    plain = "".join(span.text for span in spans)
    opportunities = (scripts.break_offsets(plain) if scripts.needs_uax14(plain)
                     else scripts.hyphen_breaks(plain) if "-" in plain else frozenset())
    out: list[list] = []
    offset = 0
    for span in spans:
        f = m.mono if span.code else m.faces[(role, bold or span.bold, span.italic)]
        if span.math:  # one unbreakable word: the typeset formula or its linear text
            w = max(formula.size_em(span.text)[0], f.width(formula.linear(span.text), 1.0))
            offset += len(span.text)
            if out and out[-1][0] == "w":
                out[-1][1] += span.text
                out[-1][2] += w
            else:
                out.append(["w", span.text, w, f])
            continue
        for piece in _PIECES.findall(span.text):
            start, offset = offset, offset + len(piece)
            if piece == "\n":
                out.append(["n", piece, 0.0, f])
            elif piece == "\t":
                out.append(["t", piece, 0.0, f])
            elif piece[0] == " ":
                out.append(["s", piece, m.text_em(f, piece), f])
            else:
                cuts = [i - start for i in sorted(opportunities) if start <= i < offset]
                for a, b in zip([0] + cuts, cuts + [len(piece)]):
                    part = piece[a:b]
                    if not part:
                        continue
                    if a > 0 or (start in opportunities and out and out[-1][0] == "w"):
                        out.append(["z", "", 0.0, f])
                    if out and out[-1][0] == "w":  # glued to the previous span's word
                        out[-1][1] += part
                        out[-1][2] += m.text_em(f, part)
                        out[-1][3] = f
                    else:
                        out.append(["w", part, m.text_em(f, part), f])
    return tuple(tuple(t) for t in out)


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


def _wrap(m: Measure, text: str, size: float, width: float, role: str, bold: bool
          ) -> list[str]:
    limit = max(width, size) / WIDTH_SAFETY
    lines: list[str] = []
    current: list[str] = []
    x = pending = 0.0  # the line's width so far; spaces not yet followed by a word
    gap = ""
    filled = False
    for kind, piece, em, f in m.tokens(text, role, bold):
        if kind == "n":
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
                lines.append("".join(current))
                current, x, filled = [], 0.0, False
                stop = _next_tab(0.0)
            current.append(gap + piece)
            x, pending, gap, filled = stop, 0.0, "", True
        else:
            w = em * size
            if filled and x + pending + w > limit:
                lines.append("".join(current))
                current, x, pending, gap = [], 0.0, 0.0, ""
            if x + pending + w > limit:  # wider than a whole line: break between characters
                piece, w = _break_long(m, f, piece, size, limit - x - pending, limit, lines,
                                       current, gap)
                current, gap = [], ""
                x = pending = 0.0
            current.append(gap + piece)
            x, pending, gap, filled = x + pending + w, 0.0, "", True
    if current or not lines or not filled:
        lines.append("".join(current))
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


# -- flattening the model ------------------------------------------------------------------------

@dataclass(frozen=True)
class _Item:
    """Text units that should stay on one page: a paragraph, or a bullet with its sub-bullets."""

    rows: tuple[tuple[str, int, bool], ...]  # (text, level, bullet)
    equation: Equation | None = None  # a displayed equation: one row, never split
    lead: bool = False  # the slide's lead: set in the theme's ``colors.lead``


def _items(blocks: tuple[Block, ...]) -> list[_Item]:
    out: list[_Item] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            out.append(_Item(((block.text, 0, False),)))
        elif isinstance(block, Equation):
            out.append(_Item(((block.tex, 0, False),), block))
        else:
            for bullet in block.items:
                out.append(_Item(tuple(_bullet_rows(bullet, 0))))
    return out


def _bullet_rows(bullet: Bullet, level: int):
    yield bullet.text, level, True
    for child in bullet.children:
        yield from _bullet_rows(child, level + 1)


SCALE_STEP = 2.0  # the deck's type scale: body sizes 2 pt apart, from the body size down


class Step(float):
    """A body size to try (a step of the type scale) with the space after its paragraphs, as
    a fraction of the size, and the line pitch, as a fraction of the theme's: the theme's
    ``spacing.paragraph`` at full pitch; then ``paragraph_min``; then ``paragraph_min`` with
    lines at ``spacing.line_min``, as a dense slide tightens before its text is set a step
    smaller."""

    after: float
    line: float

    def __new__(cls, size: float, after: float, line: float = 1.0) -> Step:
        step = super().__new__(cls, size)
        step.after = after
        step.line = line
        return step

    @property
    def tight(self) -> bool:
        """Whether this step's lines are closer than the theme's pitch."""
        return self.line < 1.0


class Fitter:
    """Chooses sizes and splits for one deck in one theme."""

    def __init__(self, theme: Theme, script_fonts: dict[str, str] | None = None) -> None:
        self.theme = theme
        self.m = Measure(theme, script_fonts)
        sizes = theme.sizes
        self.body = float(sizes["body"])
        self.minimum = float(sizes["minimum"])
        self.levels = [float(s) for s in sizes["levels"]]
        spacing = theme.spacing
        tightest = min(self.m.after, float(spacing.get("paragraph_min", self.m.after)))
        line_min = min(1.0, float(spacing.get("line_min", 1.0)))
        self.spacings = [(self.m.after, 1.0)] + (
            [(tightest, 1.0)] if tightest < self.m.after else []) + (
            [(tightest, line_min)] if line_min < 1.0 else [])

    def scale(self, top: float | None = None) -> list[float]:
        """The type scale: body sizes from ``top`` (the theme's body size) down to the
        minimum, :data:`SCALE_STEP` apart (the minimum is always a step)."""
        top = self.theme_body if top is None else top
        steps = [top - SCALE_STEP * i for i in range(int((top - self.minimum) // SCALE_STEP) + 1)]
        return steps + ([self.minimum] if steps[-1] != self.minimum else [])

    @property
    def theme_body(self) -> float:
        return float(self.theme.sizes["body"])

    def candidates(self) -> list[Step]:
        """What to try, in order: each step of the scale from the deck's body size down, at
        the theme's spacing, then with paragraphs and then lines at their tightest."""
        return [s for size in self.scale(self.body) for s in self.steps(size)]

    def steps(self, size: float) -> list[Step]:
        """``size`` at each allowed spacing, loosest first."""
        return [Step(size, after, line) for after, line in self.spacings]

    def fits_at_size(self, items: list[_Item], size: float, box: Box) -> bool:
        """Whether ``items`` fit ``box`` at ``size`` with some allowed spacing."""
        return any(self.fits(items, step, box) for step in self.steps(size))

    def level_size(self, level: int, body: float) -> float:
        base = self.levels[min(level, len(self.levels) - 1)]
        return max(min(self.minimum, body), base - (self.levels[0] - body))

    def paras(self, items: list[_Item], body: float) -> tuple[Para, ...]:
        after = getattr(body, "after", self.m.after)
        line = getattr(body, "line", 1.0)
        out = []
        for item in items:
            if item.equation is not None:
                out.append(Para(item.equation.tex, 0, False, body, self.m.after * body, True,
                                item.equation.label))
                continue
            color = "lead" if item.lead else None
            for text, level, bullet in item.rows:
                size = self.level_size(level, body) if bullet else float(body)
                out.append(Para(text, level, bullet, size, after * size, line=line,
                                color=color))
        return tuple(out)

    def height(self, items: list[_Item], body: float, width: float) -> float:
        return self.m.frame_height(self.paras(items, body), width)

    def fits(self, items: list[_Item], body: float, box: Box) -> bool:
        return self.height(items, body, box.w) <= box.h * HEIGHT_SAFETY

    def best_size(self, items: list[_Item], box: Box) -> float | None:
        for size in self.candidates():
            if self.fits(items, size, box):
                return size
        return None

    def pack(self, items: list[_Item], body: float, box: Box) -> list[list[_Item]]:
        pages: list[list[_Item]] = [[]]
        for item in items:
            if pages[-1] and not self.fits(pages[-1] + [item], body, box):
                pages.append([])
            pages[-1].append(item)
        return pages

    def atomise(self, items: list[_Item], box: Box) -> list[_Item]:
        """Break items that cannot fit a page on their own even at the minimum size."""
        out: list[_Item] = []
        for item in items:
            if self.fits([item], self.minimum, box) or item.equation is not None:
                out.append(item)
            elif len(item.rows) > 1:
                out.extend(self.atomise([_Item((row,)) for row in item.rows], box))
            else:
                out.extend(self._split_text(item, box))
        return out

    def _split_text(self, item: _Item, box: Box) -> list[_Item]:
        """A paragraph too long for one page, cut into pieces that each fit at the minimum size.

        Cuts fall at spaces (between grapheme clusters inside a single word longer than a
        page); markup is closed and reopened around each cut, so italics, bold, code and links
        survive on every piece.
        """
        text, level, bullet = item.rows[0]
        plain = inline.plain(text)
        pieces: list[_Item] = []
        start = 0
        while start < len(plain):
            end = self._longest_fitting(text, plain, start, level, bullet, box)
            pieces.append(_Item(((inline.cut(text, start, end).strip(), level, bullet),)))
            start = end
            while start < len(plain) and plain[start] in " \n":
                start += 1
        return pieces

    def _longest_fitting(self, text: str, plain: str, start: int, level: int, bullet: bool,
                         box: Box) -> int:
        """The furthest cut after ``start`` that leaves a piece fitting ``box``: a space if any
        piece ending at a space fits, else a grapheme boundary (at least one cluster); never
        inside a formula."""
        def fits(end: int) -> bool:
            piece = inline.cut(text, start, end)
            return self.fits([_Item(((piece, level, bullet),))], self.minimum, box)

        def at_spaces() -> list[int]:
            return [i for i in inline.cut_points(text) if i > start] + [len(plain)]

        def at_graphemes() -> list[int]:
            formulas = inline.formula_ranges(text)
            return [start + c for c in scripts.grapheme_offsets(plain[start:])
                    if not any(a < start + c < b for a, b in formulas)] + [len(plain)]

        for candidates_at in (at_spaces, at_graphemes):
            candidates = candidates_at()
            low, high = -1, len(candidates) - 1
            while low < high:
                mid = (low + high + 1) // 2
                if fits(candidates[mid]):
                    low = mid
                else:
                    high = mid - 1
            if low >= 0:
                return candidates[low]
        return start + (scripts.grapheme_offsets(plain[start:]) or [len(plain) - start])[0]

    def split(self, items: list[_Item], box: Box) -> tuple[float, list[list[_Item]]]:
        """The largest size at which the items fit in as few pages as possible, and the pages."""
        if not items:
            return self.body, [[]]
        size = self.best_size(items, box)
        if size is not None:
            return size, [items]
        items = self.atomise(items, box)
        fewest = len(self.pack(items, self.minimum, box))
        for size in self.candidates():
            pages = self.balance(items, size, box, fewest)
            if pages is not None:
                return size, pages
        return self.minimum, self.pack(items, self.minimum, box)

    def balance(self, items: list[_Item], size: float, box: Box,
                count: int) -> list[list[_Item]] | None:
        """Split into ``count`` pages of similar height at ``size``, or ``None`` if impossible."""
        if len(self.pack(items, size, box)) > count:
            return None
        heights = [self.height([i], size, box.w) for i in items]
        target = sum(heights) / count
        pages: list[list[_Item]] = [[]]
        acc = 0.0
        for item, h in zip(items, heights):
            remaining_pages = count - len(pages)
            if pages[-1] and remaining_pages > 0 and (
                acc + h / 2 > target * len(pages) or not self.fits(pages[-1] + [item], size, box)
            ):
                pages.append([])
            pages[-1].append(item)
            acc += h
        if any(not self.fits(p, size, box) for p in pages):
            pages = self.pack(items, size, box)
        if any(not self.fits(p, size, box) for p in pages):
            return None
        return pages


# -- laying out the deck -------------------------------------------------------------------------

@dataclass(frozen=True)
class TitleLook:
    """Where a title slide look puts the title, the subtitle, the author and date (the
    byline), and its one decoration, drawn in the theme's ``title_slide.band`` colour."""

    title: Box
    subtitle: Box
    byline: Box
    decoration: Box | None
    anchor: str  # the title's anchor in its box: "ctr" in a band, else "b" (on its rule)


RULE_WEIGHT = 1.5  # the ``rule`` look's hairline, in pt
BAR_SIZE = (64.0, 5.0)  # the ``bar`` look's accent bar, in pt


def title_look(look: str, width: float, height: float, margin: float, gap: float,
               center: bool = False) -> TitleLook:
    """The boxes of title slide ``look`` (``title_slide.look``) on a ``width`` × ``height``
    slide. Every look keeps the same reading order and steps: the title largest, the
    subtitle right under it (or under its band or block), and the author and date set
    smaller at the foot of the slide, on the margin.

    - ``band``: a full-width band across the upper middle, the title centred in it;
    - ``block``: the upper 55 % of the slide one solid block, the title on its lower edge;
    - ``rule``: the title above a hairline rule across the text width;
    - ``bar``: the title above a short, thick accent bar (centred with ``center``);
    - ``plain``: the title alone on the background.
    """
    full = width - 2 * margin
    byline = Box(margin, height - margin - height * 0.15, full, height * 0.15)

    def subtitle(top: float) -> Box:  # under the title, down to the byline
        return Box(margin, top, full, min(height * 0.17, byline.y - gap / 2 - top))

    if look == "band":
        band = Box(0, height * 0.22, width, height * 0.30)
        title = Box(margin, band.y + margin / 4, full, band.h - margin / 2)
        return TitleLook(title, subtitle(band.bottom + gap), byline, band, "ctr")
    if look == "block":
        block = Box(0, 0, width, height * 0.55)
        title = Box(margin, margin, full, block.h - margin * 1.5)
        return TitleLook(title, subtitle(block.bottom + gap), byline, block, "b")
    title = Box(margin, height * 0.16, full, height * 0.34)
    if look == "rule":
        rule = Box(margin + INSET_X, title.bottom + 8, full - 2 * INSET_X, RULE_WEIGHT)
        return TitleLook(title, subtitle(rule.bottom + 8), byline, rule, "b")
    if look == "bar":
        w, h = BAR_SIZE
        x = (width - w) / 2 if center else margin + INSET_X
        bar = Box(x, title.bottom + 12, w, h)
        return TitleLook(title, subtitle(bar.bottom + 12), byline, bar, "b")
    return TitleLook(title, subtitle(title.bottom + gap), byline, None, "b")


def lay_out(deck: Deck, theme: Theme) -> DeckLayout:
    """Turn the deck into pages whose every text block fits its box; on a ``template:``, in
    the template's size, placeholder boxes and fonts (see ``template_design``)."""
    design = None
    if deck.template is not None:
        from generator.themes.template import template_design

        design = template_design(deck)
        theme = design.themed(theme, deck)
    return DeckLayouter(deck, theme, design).run()


class DeckLayouter:
    """Lays out one deck, page by page, in its slide's title and body boxes.

    The boxes every slide starts from are placed by ``geometry``. Content slides are laid
    out here; the title slide and section dividers by ``titles``, columns slides by
    ``columns``, and pictures, tables, code, timelines and quotes by ``block_pages``:
    functions that take this layouter and use its boxes (``title_box``, ``body_box``,
    ``boxes``), fitter (``fit``, ``m``) and pieces (``single``,
    ``single_height``, ``slide_title``, ``marker``, ``frame``, ``bold``).
    """

    def __init__(self, deck: Deck, theme: Theme, design: TemplateDesign | None = None) -> None:
        from generator.layout.geometry import deck_geometry

        self.deck = deck
        self.theme = theme
        self.script_fonts = choose_script_fonts(deck, theme)
        self.fit = Fitter(theme, self.script_fonts)
        self.m = self.fit.m
        self.W, self.H = SLIDE_SIZES[deck.aspect]
        self.caps = frozenset(design.caps if design is not None else ())  # capital titles
        self.template_rtl = design is not None and design.rtl
        if design is not None:
            self.W, self.H = design.width, design.height
        sp = theme.spacing
        self.margin = float(sp["margin"])
        self.gap = float(sp["gap"])
        self.inner_gap = self.gap  # between columns, and between a lead and its columns
        self.gap_min = min(self.gap, float(sp.get("gap_min", self.gap)))
        g = deck_geometry(deck, theme, self.W, self.H, design)
        self.title_box, self.body_box = g.title_box, g.body_box
        self.footer_box, self.number_box = g.footer_box, g.number_box
        self.boxes, self.title_anchor = g.boxes, g.boxes.title_page_anchor
        self.logo, self.logo_box = g.logo, g.logo_box
        self.design = design
        self.pages: list[Page] = []
        self._footer_size: float | None = None
        self.fit.body = self.deck_body_size()

    def run(self) -> DeckLayout:
        from generator.layout.titles import title_page

        self.pages.append(title_page(self))
        slides = self.deck.slides
        if self.deck.references:  # reference slides at the end, split like any text
            slides += (Slide(len(slides) + 1, REFERENCES, blocks=tuple(
                Paragraph(ref) for ref in self.deck.references)),)
        for slide in slides:
            start = len(self.pages)
            ours = self.title_box, self.body_box
            if slide.template_layout is not None:
                self.title_box, self.body_box = self._named_boxes(slide)
            elif slide.kind == "columns" and self.design is not None:  # its layout's columns
                span = self.design.boxes.get("columns3" if len(slide.columns) >= 3
                                             else "columns2")
                self.body_box = Box(*span) if span else self.body_box
            if self.design is None and slide.kind != "section":
                self.title_band(slide)
            if slide.source_line or slide.footnotes:  # reserved before the body is fitted
                self.with_source_line(slide)
            else:
                self.slide_pages(slide)
            self.title_box, self.body_box = ours
            if slide.background is not None:
                from generator.layout.blocks import page_background

                background = page_background(slide, self.theme, self.W, self.H)
                self.pages[start:] = [replace(p, background=background)
                                      for p in self.pages[start:]]
        return self._finish()

    def _named_boxes(self, slide: Slide) -> tuple[Box, Box]:
        """The title and body boxes of the template layout a slide names (``layout: "Name"``);
        ``SourceError`` naming the template's layouts when it has none of that name."""
        found = {name.casefold(): (t, b) for name, t, b in (self.design.named if self.design
                                                            else ())}
        wanted = (slide.template_layout or "").casefold()
        if wanted not in found:
            import difflib

            names = [name for name, _, _ in (self.design.named if self.design else ())]
            close = difflib.get_close_matches(slide.template_layout or "", names, n=1)
            hint = f"did you mean {close[0]!r}? " if close else ""
            mark = slide.mark
            raise SourceError([Problem(
                mark.path if mark else str(self.deck.path), mark.line if mark else None,
                mark.column if mark else None,
                f"the template has no layout {slide.template_layout!r}; {hint}(its layouts: "
                f"{', '.join(names)}; or 'content', 'section')", slide.number,
                inline.plain(slide.title))])
        title, body = found[wanted]
        return (Box(*title) if title else self.title_box, Box(*body) if body else self.body_box)

    def _finish(self) -> DeckLayout:
        pages = tuple(_renumber(p, i) for i, p in enumerate(self.pages, start=1))
        footer_size = self.footer_size()
        background = self.theme["background_image"]
        return DeckLayout(self.deck, self.theme, self.W, self.H, pages, self.footer_box,
                          self.number_box, self.boxes, footer_size, self.logo, self.logo_box,
                          Path(background) if background else None, self.script_fonts,
                          self.template_rtl)

    def with_source_line(self, slide: Slide) -> None:
        """The slide's pages above its foot: its footnotes (each after its superscript
        number) and its ``source:`` line, small and muted over the footer, measured first and
        taken off the bottom of the body for every page of the slide."""
        body = self.body_box
        if slide.footnotes:
            frame = self.foot(slide, body)
            height = frame.box.h
        else:
            size = float(self.theme.sizes["footer"])
            height = self.single_height(Para(slide.source_line, 0, False, size), body.w,
                                         "body") / HEIGHT_SAFETY
            frame = self.single(slide.source_line, Box(body.x, body.bottom - height, body.w,
                                                       height), size, LAST_RESORT_SIZE, "body")
        self.body_box = Box(body.x, body.y, body.w, body.h - height - 4)
        start = len(self.pages)
        try:
            self.slide_pages(slide)
        finally:
            self.body_box = body
        self.pages[start:] = [replace(p, source_line=frame) for p in self.pages[start:]]

    def foot(self, slide: Slide, body: Box) -> TextFrame:
        """A slide's footnotes and source line at the footer's size, or smaller (to 8 pt) so
        they take at most :data:`FOOT_SHARE` of the body's height."""
        from generator.source.footnotes import superscript

        texts = [f"{superscript(n)}\u2009{note}" for n, note in enumerate(slide.footnotes, 1)]
        texts += [slide.source_line] if slide.source_line else []
        size = float(self.theme.sizes["footer"])
        while True:
            paras = tuple(typeset(self.m, Para(text, 0, False, size), body.w) for text in texts)
            height = self.m.frame_height(paras, body.w) / HEIGHT_SAFETY
            if height <= body.h * FOOT_SHARE or size <= LAST_RESORT_SIZE:
                break
            size -= 1
        if height > body.h * FOOT_SHARE:
            log.warning("%s: slide %d's footnotes take %.0f%% of its body even at %g pt; "
                        "shorten them", slide.mark or self.deck.path, slide.number,
                        100 * height / body.h, size)
        box = Box(body.x, body.bottom - height, body.w, height)
        return TextFrame(box, paras, size, "body", height * HEIGHT_SAFETY)

    def slide_pages(self, slide: Slide) -> None:
        """Lay out one source slide, appending its pages."""
        from generator.layout.block_pages import BLOCK_KINDS, block_pages
        from generator.layout.columns import columns_pages
        from generator.layout.titles import section_page

        kind = slide.kind
        if kind == "section":
            self.pages.append(section_page(self, slide))
        elif kind == "columns":
            self.pages.extend(columns_pages(self, slide))
        elif kind in BLOCK_KINDS:
            self.pages.extend(block_pages(self, slide))
        else:
            self.pages.extend(self.content_pages(slide))

    def footer_size(self) -> float:
        """The theme's footer size, or smaller (down to 6 pt) so the footer stays on one line."""
        if self._footer_size is not None:
            return self._footer_size
        self._footer_size = self._fitted_footer_size()
        return self._footer_size

    def _fitted_footer_size(self) -> float:
        size = float(self.theme["footer"].get("size") or self.theme.sizes["footer"])
        text = self.deck.footer
        if not text:
            return size
        width = self.footer_box.w - 2 * INSET_X
        while size > 6 and self.m.lines(text, size, width) > 1:
            size -= 0.5
        if self.m.lines(text, size, width) > 1:
            log.warning("the footer %r does not fit on one line even at %g pt; shorten it", text,
                        size)
        return size

    # -- pieces -------------------------------------------------------------------------------
    def single(self, text: str, box: Box, largest: float, smallest: float,
               font: str = "heading", caps: bool = False, bold: bool = False) -> TextFrame:
        """One paragraph (a title) at the largest size that fits ``box``; ``caps``: measured in
        capitals, as the template's style sets it; ``bold``: set in the bold face."""
        measured = text.upper() if caps else text
        size = largest
        while size > LAST_RESORT_SIZE:
            para = Para(measured, 0, False, size)
            if self.single_height(para, box.w, font, bold) <= box.h * HEIGHT_SAFETY:
                break
            size -= 1
        if size < smallest:
            log.warning("%r needed %g pt to fit its box (below the %g pt floor for this kind of "
                        "text); consider shortening it", text, size, smallest)
        height = self.single_height(Para(measured, 0, False, size), box.w, font, bold)
        return TextFrame(box, (Para(text, 0, False, size),), size, font, height, bold)

    def single_height(self, para: Para, width: float, font: str, bold: bool = False) -> float:
        return self.m.frame_height((para,), width, font, bold)

    def bold(self, role: str) -> bool:
        """Whether the theme sets ``role`` (``"title"`` or ``"heading"``) bold."""
        return self.theme["weights"][role] == "bold"

    def title_band(self, slide: Slide) -> None:
        """Make room for a title that needs two lines at the theme's title size: the title
        band grows to hold both lines and the body below starts that much lower, so the title
        keeps its size. A title that needs more lines steps down (1 pt at a time) until it
        takes two, but not below :data:`TITLE_RATIO` times the deck's body size: there it may
        take three lines. A longer one is set smaller in the usual band."""
        box, bold = self.title_box, self.bold("title")
        text = slide.title.upper() if "title" in self.caps else slide.title
        size = float(self.theme.sizes["heading"])
        floor = min(size, math.ceil(TITLE_RATIO * self.fit.body))
        while True:
            lines = self.m.lines(text, size, box.w - 2 * INSET_X, "heading", bold)
            if lines <= 2 or size <= floor:
                break
            size -= 1
        para = Para(text, 0, False, size)
        needed = self.single_height(para, box.w, "heading", bold) / HEIGHT_SAFETY + 0.01
        if needed <= box.h or lines > 3:
            return
        grow = needed - box.h
        b = self.body_box
        self.title_box = Box(box.x, box.y, box.w, needed)
        self.body_box = Box(b.x, b.y + grow, b.w, b.h - grow)

    def dense_geometry(self, slide: Slide) -> tuple[Box, Box] | None:
        """The title and body boxes of a dense comparison: a one-line title in a band just
        one line high, the body ``spacing.gap_min`` below it (``None`` when the title takes
        more lines, on a template, or under a top logo)."""
        if self.design is not None or (self.logo_box is not None
                                       and self.logo_box.y < self.H / 2):
            return None
        title = self.slide_title(slide, 1, 1)
        if self.m.lines(title.paras[0].text, title.size, title.box.w - 2 * INSET_X, "heading",
                        title.bold) != 1 or title.size < float(self.theme.sizes["heading"]):
            return None
        t, b = self.title_box, self.body_box
        band = title.height / HEIGHT_SAFETY + 0.01
        top = t.y + band + self.gap_min
        if band >= t.h or top >= b.y:
            return None
        return Box(t.x, t.y, t.w, band), Box(b.x, top, b.w, b.bottom - top)

    @contextmanager
    def geometry(self, title: Box, body: Box, gap: float) -> Iterator[None]:
        """Lay out in other title and body boxes, with another gap inside the body (between
        a lead and its columns and between columns); the slide's own are restored after."""
        ours = self.title_box, self.body_box, self.inner_gap
        self.title_box, self.body_box, self.inner_gap = title, body, gap
        try:
            yield
        finally:
            self.title_box, self.body_box, self.inner_gap = ours

    def slide_title(self, slide: Slide, part: int, parts: int) -> TextFrame:
        """The title as written on every page of a split slide (the marker counts pages);
        a title of several lines is typeset like body text (no one-word last line)."""
        title = self.single(slide.title, self.title_box, float(self.theme.sizes["heading"]),
                            MIN_TITLE_SIZE, caps="title" in self.caps, bold=self.bold("title"))
        if "title" in self.caps or title.height <= self.m.line_height(title.size) * 1.5 + (
                2 * INSET_Y):
            return title
        para = typeset(self.m, title.paras[0], title.box.w, "heading", title.bold)
        return replace(title, paras=(para,))

    def marker(self, part: int, parts: int) -> TextFrame | None:
        """The "2 / 3" marker of a split slide's page, at the footer's size just left of the
        slide number (``None`` on a slide that was not split)."""
        if parts < 2:
            return None
        text = MARKER.format(part=part, parts=parts)
        size = self.footer_size()
        width = self.m.text_em(self.m.faces[("body", False, False)], text) * size * (
            WIDTH_SAFETY ** 2) + 2 * INSET_X
        n = self.number_box
        box = Box(n.x - width, n.y, width, n.h)
        para = Para(text, 0, False, size)
        return TextFrame(box, (para,), size, "body", self.single_height(para, box.w, "body"))

    def frame(self, items: list[_Item], size: float, box: Box) -> TextFrame:
        paras = tuple(typeset(self.m, p, box.w) for p in self.fit.paras(items, size))
        return TextFrame(box, paras, float(size), "body", self.m.frame_height(paras, box.w))

    def deck_body_size(self) -> float:
        """The deck's one body size: the largest step of the scale at which nearly every text
        slide (all but one in ten) fits on one slide; the others go down the scale."""
        slides = [items for items in (_items(s.blocks) for s in self.deck.slides
                                      if s.kind == "content" and s.blocks)
                  if self.fit.fits_at_size(items, self.fit.minimum, self.body_box)]
        allowed = max(1, len(slides) // 10)  # slides that split anyway do not count
        for size in self.fit.scale():
            misses = 0
            for items in slides:
                misses += not self.fit.fits_at_size(items, size, self.body_box)
                if misses > allowed:
                    break
            if misses <= allowed:
                return size
        return self.fit.minimum

    # -- slide kinds --------------------------------------------------------------------------
    def content_pages(self, slide: Slide) -> list[Page]:
        items = _items(slide.blocks)
        if (len(items) > 1 and len(items[0].rows) == 1 and not items[0].rows[0][2]
                and items[0].equation is None and any(r[2] for i in items for r in i.rows)):
            items[0] = replace(items[0], lead=True)  # a paragraph before bullets: the lead
        title = self.slide_title(slide, 1, 1)
        statement = self.statement(items, title.size)
        if statement is not None:
            return [Page("content", 0, title, slide, body=statement, notes=slide.notes)]
        size, chunks = self.fit.split(items, self.body_box)
        parts = len(chunks)
        return [Page("content", 0, self.slide_title(slide, i, parts), slide,
                     body=self.balanced(self.frame(chunk, size, self.body_box)), part=i,
                     parts=parts, notes=slide.notes if i == 1 else "",
                     marker=self.marker(i, parts))
                for i, chunk in enumerate(chunks, start=1)]

    def statement(self, items: list[_Item], title: float) -> TextFrame | None:
        """A statement slide (one short paragraph, no bullets) set large and centred: at the
        largest even size a title still tops by a fifth, in at most
        :data:`STATEMENT_LINES` lines; ``None`` for any other slide."""
        if len(items) != 1 or len(items[0].rows) != 1 or items[0].rows[0][2]:
            return None
        size = math.floor(title / TITLE_RATIO / 2) * 2
        if size <= self.fit.body:
            return None
        box = self.body_box
        para = typeset(self.m, Para(items[0].rows[0][0], 0, False, float(size)), box.w)
        if self.m.lines(para.text, para.size, box.w - 2 * INSET_X) > STATEMENT_LINES:
            return None
        height = self.m.frame_height((para,), box.w)
        if height > box.h * HEIGHT_SAFETY:
            return None
        return TextFrame(box, (para,), float(size), "body", height, anchor="ctr")

    def balanced(self, frame: TextFrame) -> TextFrame:
        """``frame`` centred vertically in its box when its text fills less than the theme's
        ``spacing.center_short`` share of it (0: always at the top)."""
        share = float(self.theme.spacing.get("center_short", 0))
        if share <= 0 or not frame.paras or frame.height > frame.box.h * share:
            return frame

        return replace(frame, anchor="ctr")


def deck_texts(deck: Deck):
    """Every piece of text the deck shows (titles, body, headings, captions, footer, notes)."""
    yield from (t for t in (deck.title, deck.subtitle, deck.author, deck.date, deck.footer) if t)
    yield from deck.references
    for slide in deck.slides:
        yield slide.title
        if slide.source_line:
            yield slide.source_line
        yield from (t for t in (slide.subtitle, slide.notes) if t)
        if slide.image is not None and slide.image.caption:
            yield slide.image.caption
        if slide.table is not None:
            yield from (t for t in slide_texts(slide)[1:] if t)
        blocks = list(slide.blocks)
        for column in slide.columns:
            if column.heading:
                yield column.heading
            blocks.extend(column.blocks)
        for item in _items(tuple(blocks)):
            yield from (text for text, _, _ in item.rows)


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


def _renumber(page: Page, number: int) -> Page:
    return replace(page, number=number)


@lru_cache(maxsize=256)
def image_size(path: Path) -> tuple[int, int]:
    """Pixel size of an image file (reads the header only)."""
    from PIL import Image as PILImage

    with PILImage.open(path) as img:
        return img.size


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


def all_frames(page: Page) -> list[TextFrame]:
    """Every text frame of a page (for tests and lint)."""
    frames = [page.title]
    for f in (page.subtitle, page.byline, page.lead, page.body, page.caption, page.marker):
        if f is not None:
            frames.append(f)
    for col in page.columns:
        if col.heading:
            frames.append(col.heading)
        frames.append(col.body)
    return frames


__all__ = ["lay_out", "DeckLayout", "Page", "TextFrame", "ColumnFrame", "Para", "Box",
           "Measure", "Fitter", "SLIDE_SIZES", "INSET_X", "INSET_Y", "all_frames", "Column"]
