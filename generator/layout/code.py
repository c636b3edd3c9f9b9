"""Code listings as a kind of block: highlighted tokens, a size at which no line wraps, split
at line boundaries onto balanced pages (line numbers continue)."""

from __future__ import annotations

from functools import lru_cache

from generator.layout.measure import INSET_X, INSET_Y, WIDTH_SAFETY
from generator.layout.page import Box, CodeFrame, CodeLine, Frame
from generator.layout.segment import Atom, Context, Kind
from generator.source.model import Block, Code
from generator.themes.theme import Theme, contrast_ratio

# Code starts at the theme's sizes.code (or the body size, if smaller) and shrinks to no less
# than sizes.code_minimum so that its longest line fits; these are the values of a theme file
# written before those tokens existed.
CODE_LARGEST = 24.0
CODE_MINIMUM = 14.0
CONTRAST = 4.5  # WCAG AA for normal text: each token colour against the code background
HIGHLIGHT = ("accent", 0.14)  # a highlighted line's band: this colour at this opacity
# Token kinds, each with the theme colours to try in order (the first that contrasts enough
# with the code background wins; the text colour always does) and bold/italic: colour alone
# tells them apart, in the regular weight, so that a listing stays light to read.
TOKEN_STYLES = {
    "keyword": (("accent", "heading"), False, False),
    "name": (("heading", "accent"), False, False),
    "string": (("link", "heading"), False, False),
    "number": (("accent", "link"), False, False),
    "comment": (("muted",), False, True),
    "plain": ((), False, False),
}


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


@lru_cache(maxsize=64)
def highlight(code: Code) -> tuple[CodeLine, ...]:
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
    return tuple(CodeLine(code.start + i, tuple(tokens), code.start + i in code.highlight)
                 for i, tokens in enumerate(lines))


class CodeKind(Kind):
    """A code listing; its atoms are its lines."""

    name = "code"

    def atoms(self, ctx: Context, block: Block, index: int) -> list[Atom]:
        count = len(block.text.split("\n"))
        return [Atom("code", index, i, i + 1) for i in range(count)]

    def size(self, ctx: Context, code: Code, body: float, width: float) -> float | None:
        """The listing's size at body size ``body``: code has a scale of its own, from the
        theme's ``sizes.code`` (or the body size, if smaller) at the theme's body size down to
        ``sizes.code_minimum`` at its minimum, each body step mapped onto it; smaller still
        (down to the code minimum) until the longest line fits ``width`` unwrapped; ``None``
        if none does."""
        m = ctx.m
        lines = highlight(code)
        digits = len(str(lines[-1].number)) if code.numbers else 0
        widest = max(m.text_em(m.mono, (f"{line.number:>{digits}}  " if digits else "")
                               + line.text) for line in lines)
        sizes = ctx.theme.sizes
        smallest = float(sizes.get("code_minimum", CODE_MINIMUM))
        top, bottom = float(sizes["body"]), float(sizes["minimum"])
        largest = max(smallest, min(float(sizes.get("code", CODE_LARGEST)), top))
        share = (float(body) - bottom) / (top - bottom) if top > bottom else 1.0
        size = float(round(smallest + (largest - smallest) * min(1.0, max(0.0, share))))
        while size >= smallest:
            if widest * size * WIDTH_SAFETY + 2 * INSET_X <= width:
                return size
            size -= 1
        return None

    def height(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
               width: float, room: float) -> float | None:
        code = blocks[atoms[0].block]
        at = self.size(ctx, code, size, width)
        if at is None:
            return None
        return 2 * INSET_Y + (atoms[-1].end - atoms[0].start) * ctx.m.line_height(at)

    def place(self, ctx: Context, blocks: list[Block], atoms: list[Atom], size: float,
              box: Box) -> list[Frame]:
        code = blocks[atoms[0].block]
        at = self.size(ctx, code, size, box.w)
        lines = highlight(code)[atoms[0].start:atoms[-1].end]
        lh = ctx.m.line_height(at)
        digits = len(str(highlight(code)[-1].number)) if code.numbers else 0
        styles = tuple(sorted(token_colors(ctx.theme).items()))
        return [CodeFrame(Box(box.x, box.y, box.w, 2 * INSET_Y + len(lines) * lh), lines, at, lh,
                          digits, styles, band=HIGHLIGHT[0], band_alpha=HIGHLIGHT[1])]

    def check(self, ctx: Context, blocks: list[Block], atom: Atom, width: float,
              room: float) -> None:
        code = blocks[atom.block]
        if atom.start == 0 and self.size(ctx, code, ctx.fit.minimum, width) is None:
            self.too_wide(ctx, code, width)

    def too_wide(self, ctx: Context, code: Code, width: float) -> None:
        """The located error for a line that does not fit ``width`` at the code minimum."""
        m = ctx.m
        smallest = float(ctx.theme.sizes.get("code_minimum", CODE_MINIMUM))
        lines = highlight(code)
        digits = len(str(lines[-1].number)) if code.numbers else 0

        def needed(line: CodeLine) -> float:
            gutter = f"{line.number:>{digits}}  " if digits else ""
            return m.text_em(m.mono, gutter + line.text) * smallest * WIDTH_SAFETY + 2 * INSET_X

        line = max(lines, key=needed)
        path, _, first = code.origin.rpartition(":")
        where = f"{path}:{int(first) + line.number - code.start}" if first.isdigit() else ""
        raise ctx.error(code.mark, f"code line {line.number} ({where}) is too long for the "
                        f"slide even at {smallest:g} pt (it needs {needed(line):.0f} pt of "
                        f"{width:.0f} pt) and code lines never wrap: break it in the source: "
                        f"{line.text.strip()[:60]!r}")
