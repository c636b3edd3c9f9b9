"""Running text: paragraphs, bullets and displayed equations as items that stay together, the
deck's type scale, and the sizes and splits at which they fit a box."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from generator.layout import scripts
from generator.layout.measure import HEIGHT_SAFETY, INSET_X, WIDTH_SAFETY, Measure
from generator.layout.page import Box, Para, TextFrame
from generator.layout.typeset import typeset
from generator.source import inline
from generator.source.model import Block, Bullet, BulletList, Equation, Paragraph
from generator.themes.theme import Theme

SCALE_STEP = 2.0  # the deck's type scale: body sizes 2 pt apart, from the body size down
# The text an average character of the body font is measured on (spaces included), to turn
# the theme's measure (``spacing.measure``, in characters) into a column width, when a deck
# has too little running text of its own (fewer than SAMPLE_CHARACTERS characters).
MEASURE_SAMPLE = ("Lines of running text are kept short enough to read from across a room: "
                  "about sixty characters, spaces included, is a comfortable measure.")
SAMPLE_CHARACTERS = 400
SPLIT_EXTRA_PAGES = 1  # pages a continuation a step above the minimum may cost over the minimum


@dataclass(frozen=True)
class Item:
    """Text that should stay on one page: a paragraph, an equation, or a bullet with its
    sub-bullets; ``block`` is the index of the source block it comes from (click steps)."""

    rows: tuple[tuple[str, int, bool], ...]  # (text, level, bullet)
    equation: Equation | None = None  # a displayed equation: one row, never split
    lead: bool = False  # the slide's lead: set in the theme's ``colors.lead``
    block: int = 0


def items_of(blocks: tuple[Block, ...] | list[Block], first: int = 0) -> list[Item]:
    """The items of text blocks (paragraphs, bullet lists, equations), in order; ``first``
    numbers the first block."""
    out: list[Item] = []
    for index, block in enumerate(blocks, start=first):
        if isinstance(block, Paragraph):
            out.append(Item(((block.text, 0, False),), block=index))
        elif isinstance(block, Equation):
            out.append(Item(((block.tex, 0, False),), block, block=index))
        elif isinstance(block, BulletList):
            out.extend(Item(tuple(_bullet_rows(bullet, 0)), block=index)
                       for bullet in block.items)
    return out


def _bullet_rows(bullet: Bullet, level: int):
    yield bullet.text, level, True
    for child in bullet.children:
        yield from _bullet_rows(child, level + 1)


def with_lead(items: list[Item]) -> list[Item]:
    """A paragraph before bullets is the lead: set in the lead colour."""
    if (len(items) > 1 and len(items[0].rows) == 1 and not items[0].rows[0][2]
            and items[0].equation is None and any(r[2] for i in items for r in i.rows)):
        return [replace(items[0], lead=True)] + items[1:]
    return items


class Step(float):
    """A body size to try (a step of the type scale) with the space after its paragraphs, as a
    fraction of the size: the theme's ``spacing.paragraph``, then ``spacing.paragraph_min``, as
    a dense slide tightens its paragraphs (never its lines) before it is set a step smaller."""

    after: float

    def __new__(cls, size: float, after: float) -> Step:
        step = super().__new__(cls, size)
        step.after = after
        return step

    def __reduce__(self):
        return (Step, (float(self), self.after))


class Fitter:
    """The deck's type scale and the sizes at which text fits, in one theme."""

    def __init__(self, theme: Theme, script_fonts: dict[str, str] | None = None) -> None:
        self.theme = theme
        self.m = Measure(theme, script_fonts)
        sizes = theme.sizes
        self.body = float(sizes["body"])  # the deck's body size (the layout sets it)
        self.minimum = float(sizes["minimum"])
        self.levels = [float(s) for s in sizes["levels"]]
        self.lead_after = float(theme.spacing.get("lead_after", self.m.after))
        body = self.m.faces[("body", False, False)]
        self.char_em = self.m.text_em(body, MEASURE_SAMPLE) / len(MEASURE_SAMPLE)

    @property
    def theme_body(self) -> float:
        return float(self.theme.sizes["body"])

    def scale(self, top: float | None = None) -> list[float]:
        """The type scale: body sizes from ``top`` (the theme's body size) down to the
        minimum, :data:`SCALE_STEP` apart (the minimum is always a step)."""
        top = self.theme_body if top is None else top
        steps = [top - SCALE_STEP * i for i in range(int((top - self.minimum) // SCALE_STEP) + 1)]
        return steps + ([self.minimum] if steps[-1] != self.minimum else [])

    def candidates(self) -> list[float]:
        """What to try, largest first: each size of the scale from the deck's body size down,
        at the theme's paragraph spacing and then at its tightest (``spacing.paragraph_min``)."""
        m = self.m
        tightest = min(m.after, float(self.theme.spacing.get("paragraph_min", m.after)))
        spacings = [m.after] + ([tightest] if tightest < m.after else [])
        return [Step(size, after) for size in self.scale(self.body) for after in spacings]

    def split_candidates(self) -> list[float]:
        """The :meth:`candidates` a slide that continues on more pages tries, where its parts
        allow: down to a step of the scale above the minimum, so a continuation is not set in
        the deck's smallest text (the minimum serves only parts too large for the step)."""
        floor = min(self.body, self.minimum + SCALE_STEP)
        return [s for s in self.candidates() if s >= floor]

    @property
    def split_floor(self) -> float:
        """The smallest of :meth:`split_candidates` (at its tightest spacing)."""
        return self.split_candidates()[-1]

    def split_passes(self, pages_at: Callable[[float], int]) -> list[tuple[int, list[float]]]:
        """What a slide that continues tries in turn, as (pages, sizes): the pages the split
        floor needs at :meth:`split_candidates`, when that costs at most
        :data:`SPLIT_EXTRA_PAGES` more than the minimum would; then the minimum's pages at
        every candidate. ``pages_at`` counts the pages a size needs."""
        least = pages_at(self.minimum)
        passes = [(least, self.candidates())]
        if self.split_floor != self.minimum:
            count = pages_at(self.split_floor)
            if count <= least + SPLIT_EXTRA_PAGES:
                passes.insert(0, (count, self.split_candidates()))
        return passes

    def level_size(self, level: int, body: float) -> float:
        base = self.levels[min(level, len(self.levels) - 1)]
        return max(min(self.minimum, body), base - (self.levels[0] - body))

    def lead_size(self, body: float) -> float:
        """A lead's size at body size ``body``: the theme's ``sizes.lead`` (a step above its
        body size), moved with the body as the bullet levels are."""
        lead = float(self.theme.sizes.get("lead", self.theme_body))
        return max(float(body), lead - (self.theme_body - float(body)))

    def measure_characters(self, texts) -> None:
        """Take the average character (:attr:`char_em`) from ``texts``, the deck's running
        text (its first few thousand characters), when there is enough of it: a character of
        Chinese is about an em, one of English under half, and the measure counts either."""
        body = self.m.faces[("body", False, False)]
        width = count = 0.0
        for text in texts:
            for line in inline.plain(text).split("\n"):
                if line:
                    width += self.m.text_em(body, line) + self.m.text_em(body, " ")
                    count += len(line) + 1
            if count > 20 * SAMPLE_CHARACTERS:
                break
        if count >= SAMPLE_CHARACTERS:
            self.char_em = width / count

    def column(self, size: float, width: float) -> float:
        """The width running text is set in at body ``size`` where ``width`` is free: no wider
        than the theme's measure (``spacing.measure`` average characters of the body font,
        after a first-level bullet's indent), so lines stay short enough to read."""
        chars = self.theme.spacing.get("measure")
        if not chars:
            return width
        measure = float(chars) * self.char_em * float(size) * WIDTH_SAFETY
        return min(width, measure + 2 * INSET_X + self.m.indent)

    def paras(self, items: list[Item], body: float) -> tuple[Para, ...]:
        """The paragraphs of ``items`` at body size ``body``: bullets at their level's size,
        the theme's paragraph spacing after each, margins by level."""
        m = self.m
        after = getattr(body, "after", m.after)
        body = float(body)
        out = []
        for item in items:
            if item.equation is not None:
                out.append(Para(item.equation.tex, 0, False, body, m.after * body, True,
                                item.equation.label, direction="ltr"))  # as maths is set
                continue
            color = "lead" if item.lead else None
            for text, level, bullet in item.rows:
                if item.lead and not bullet:  # an introduction: larger, with room after it
                    size = self.lead_size(body)
                    space = self.lead_after * size * after / m.after if m.after else 0.0
                else:
                    size = self.level_size(level, body) if bullet else body
                    space = after * size
                margin, hanging = m.margins(level, bullet)  # built whole: no replace()
                out.append(Para(text, level, bullet, size, space, color=color, margin=margin,
                                hanging=hanging))
        return tuple(out)

    def height(self, items: list[Item], body: float, width: float,
               paras: tuple[Para, ...] | None = None) -> float:
        """The height of ``items`` at ``body`` in ``width`` (``paras``: their paragraphs at
        ``body``, where the caller has them already)."""
        return self.m.frame_height(self.paras(items, body) if paras is None else paras, width)

    def fits(self, items: list[Item], body: float, box: Box) -> bool:
        """Whether ``items`` fit ``box`` at ``body``, no word cut that a smaller permitted size
        would keep whole."""
        paras = self.paras(items, body)
        return (self.height(items, body, box.w, paras) <= box.h * HEIGHT_SAFETY
                and not self.cuts_words(items, body, box.w, paras))

    def cuts_words(self, items: list[Item], body: float, width: float,
                   paras: tuple[Para, ...] | None = None) -> bool:
        """Whether a word of ``items`` would be broken inside at ``body`` in ``width`` while it
        fits a line of its own at the minimum size (then a smaller size is better)."""
        m = self.m
        for para in self.paras(items, body) if paras is None else paras:
            if para.display:
                continue
            room = m.usable(para, width)
            widest = m.widest_word(para.text, para.size)
            if widest > room:
                smallest = m.widest_word(para.text, self.level_size(para.level, self.minimum)
                                         if para.bullet else self.minimum)
                if smallest <= room:
                    return True
        return False

    def best_size(self, items: list[Item], box: Box) -> float | None:
        for size in self.candidates():
            if self.fits(items, size, box):
                return size
        return None

    def frame(self, items: list[Item], size: float, box: Box, role: str = "body",
              color: str | None = "text") -> TextFrame:
        """``items`` at ``size`` in ``box``, each paragraph typeset (no one-word last line), a
        paragraph that needs it taking a line more where the box has room for one."""
        m = self.m
        paras = list(self.paras(items, size))
        spare = box.h * HEIGHT_SAFETY - m.frame_height(paras, box.w)
        for i, para in enumerate(paras):
            before = m.para_height(para, box.w)
            paras[i] = typeset(m, para, box.w, spare=spare)
            spare -= m.para_height(paras[i], box.w) - before
        return TextFrame(box, tuple(paras), float(size), "body",
                         m.frame_height(paras, box.w), role=role, color=color)

    # -- splitting ----------------------------------------------------------------------------
    def atomise(self, items: list[Item], box: Box) -> list[Item]:
        """Break items that cannot fit a page on their own even at the minimum size."""
        out: list[Item] = []
        for item in items:
            if self.fits([item], self.minimum, box) or item.equation is not None:
                out.append(item)
            elif len(item.rows) > 1:
                out.extend(self.atomise([replace(item, rows=(row,)) for row in item.rows], box))
            else:
                out.extend(self._split_text(item, box))
        return out

    def _split_text(self, item: Item, box: Box) -> list[Item]:
        """A paragraph too long for one page, cut into pieces that each fit at the minimum size.

        Cuts fall at spaces (between grapheme clusters inside a single word longer than a
        page); markup is closed and reopened around each cut, so italics, bold, code and links
        survive on every piece.
        """
        text, level, bullet = item.rows[0]
        plain = inline.plain(text)
        pieces: list[Item] = []
        start = 0
        while start < len(plain):
            end = self._longest_fitting(item, text, plain, start, box)
            pieces.append(replace(item, rows=((inline.cut(text, start, end).strip(), level,
                                               bullet),)))
            start = end
            while start < len(plain) and plain[start] in " \n":
                start += 1
        return pieces

    def _longest_fitting(self, item: Item, text: str, plain: str, start: int, box: Box) -> int:
        """The furthest cut after ``start`` that leaves a piece fitting ``box``: a space if any
        piece ending at a space fits, else a grapheme boundary (at least one cluster); never
        inside a formula."""
        _, level, bullet = item.rows[0]

        def fits(end: int) -> bool:
            piece = inline.cut(text, start, end)
            return (self.height([replace(item, rows=((piece, level, bullet),))], self.minimum,
                                box.w)
                    <= box.h * HEIGHT_SAFETY)

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


def usable_width(width: float) -> float:
    """A frame's text width (its insets taken off)."""
    return width - 2 * INSET_X
