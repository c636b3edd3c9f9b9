"""How a deck prints: the colours its handouts put on paper, and each handout layout's A4 page.

A light theme prints as it is. A dark theme prints in light colours (the built-in
:data:`LIGHT_THEME`'s), so handouts do not empty a printer's toner; every text colour of the
title and section slides is then chosen again against what it is printed on, so no text is
lost: a title on a band keeps its band, a title on the slide's dark background turns dark on
white paper. Handout pages are planned here too: for each layout the orientation and grid of
an A4 page that show the slides largest (``HandoutPlan``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from generator.themes.theme import (
    Theme,
    contrast_ratio,
    load_theme,
    title_on_band,
)

LIGHT_THEME = "classic"  # whose colours a dark theme's handouts print in
PAPER = "#FFFFFF"
TEXT_CONTRAST, LARGE_CONTRAST = 4.5, 3.0  # WCAG AA: text, and large text (titles)

# The title and section slides' colour settings: which are surfaces, and which text is drawn
# on which surface (the title on the band where the look puts it there).
# Each text's contrast and the palette colour it takes when its own does not read.
_SLIDE_TEXTS = {
    "title_slide": (("title_color", LARGE_CONTRAST, "heading"),
                    ("subtitle_color", LARGE_CONTRAST, "text"),
                    ("byline_color", TEXT_CONTRAST, "muted")),
    "section_slide": (("title_color", LARGE_CONTRAST, "heading"),
                      ("subtitle_color", LARGE_CONTRAST, "text")),
}


@dataclass(frozen=True)
class PrintLook:
    """The colours a deck prints in and whether its slides' background pictures print.

    ``colors`` maps colour tokens as the page model names them (a theme colour name such as
    ``heading``, a title or section slide's setting such as ``title_slide.title_color``, and
    ``footer.color``) to ``#RRGGBB``; only those that differ from the screen's are listed, so
    a light theme's is empty. ``pictures`` is false when the slides' own backgrounds and the
    theme's background picture are left off paper (their text colours were chosen for them,
    and print in other colours).
    """

    colors: dict[str, str]
    pictures: bool = True


def is_dark(color: str) -> bool:
    """Whether light text reads better on ``color`` than dark text."""
    return contrast_ratio(color, "#FFFFFF") > contrast_ratio(color, "#000000")


def print_look(theme: Theme, band_drawn: bool) -> PrintLook:
    """How ``theme`` prints; ``band_drawn``: the title slide's band (or block, rule, bar) is
    drawn, so a title the look puts on it stays on it."""
    dark = is_dark(theme.colors["background"])
    palette = dict(_light_colors() if dark else theme.colors)
    for name, value in theme.colors.items():  # a colour the light theme lacks keeps its own
        palette.setdefault(name, value)

    names = {}  # a theme colour's value -> its name (the first name of a shared value)
    for name, value in theme.colors.items():
        names.setdefault(value.upper(), name)

    def resolve(value: str) -> str:
        """A setting (a theme colour, by name or value, or a hex of its own) as printed:
        a theme colour takes the print palette's."""
        name = value if value in theme.colors else names.get(str(value).upper())
        return palette[name] if name is not None else value

    printed = dict(palette)
    printed["footer.color"] = resolve(theme["footer"]["color"] or theme.colors["muted"])
    for slide, texts in _SLIDE_TEXTS.items():
        settings = theme[slide]
        background = resolve(settings["background"])
        if dark and is_dark(background):
            background = palette["background"]  # paper, not a dark slide's ink
        printed[f"{slide}.background"] = background
        band = theme.color(settings.get("band")) if slide == "title_slide" else None
        if band is not None:
            printed[f"{slide}.band"] = resolve(settings["band"])
        for key, needed, fallback in texts:
            on_band = (slide == "title_slide" and key == "title_color" and band_drawn
                       and band is not None and title_on_band(settings))
            under = printed[f"{slide}.band"] if on_band else background
            printed[f"{slide}.{key}"] = readable(resolve(settings[key]), under, needed,
                                                 [palette[fallback], palette["heading"],
                                                  palette["text"]])
    screen = _screen_colors(theme)
    changed = {k: v for k, v in printed.items() if screen.get(k, "").upper() != v.upper()}
    return PrintLook(changed, pictures=not dark)


def readable(color: str, under: str, needed: float, instead: list[str]) -> str:
    """``color`` if it reads on ``under`` (``needed``:1), else the first of ``instead``,
    white and black that does (the one of most contrast if none does)."""
    if contrast_ratio(color, under) >= needed:
        return color
    choices = [*instead, "#FFFFFF", "#000000"]
    return next((c for c in choices if contrast_ratio(c, under) >= needed),
                max(choices, key=lambda c: contrast_ratio(c, under)))


def _screen_colors(theme: Theme) -> dict[str, str]:
    """The same tokens as :func:`print_look` gives, as the screen shows them."""
    out = dict(theme.colors)
    out["footer.color"] = theme.color(theme["footer"]["color"]) or theme.colors["muted"]
    for slide in _SLIDE_TEXTS:
        for key, value in theme[slide].items():
            color = theme.color(value) if isinstance(value, str) else None
            if color is not None and color.startswith("#"):
                out[f"{slide}.{key}"] = color
    return out


@lru_cache(maxsize=1)
def _light_colors() -> dict[str, str]:
    return dict(load_theme(LIGHT_THEME).colors)


# -- handout pages ---------------------------------------------------------------------------
A4 = (210.0, 297.0)  # mm, portrait
MARGIN = 12.0  # mm around the printable area
HEADER, FOOTER = 9.0, 8.0  # mm of the printable area the deck title and page number take
GAP = 6.0  # mm between slides
LINES_SHARE = 0.45  # layout 3: the share of the width the ruled lines take beside each slide
NOTES_SLIDE = 0.5  # layout notes: at most this share of the content height is the slide
PORTRAIT_BIAS = 0.05  # landscape only when it shows the slides more than 5 % wider


@dataclass(frozen=True)
class HandoutPlan:
    """One handout layout on A4: its ``orientation`` (``portrait`` or ``landscape``), a grid
    of ``columns`` × ``rows`` cells filling the page, and each slide's size in the cell
    (``slide``: width and height, mm); ``lines``: ruled lines beside each slide (layout 3),
    ``notes``: the slide's speaker notes under it, continued on the next pages when long."""

    kind: str
    orientation: str
    columns: int
    rows: int
    slide: tuple[float, float]
    lines: bool = False
    notes: bool = False

    @property
    def page(self) -> tuple[float, float]:
        """The page's width and height, mm."""
        return A4 if self.orientation == "portrait" else (A4[1], A4[0])

    @property
    def printable(self) -> tuple[float, float]:
        """The printable area (the page less its margins), mm."""
        w, h = self.page
        return w - 2 * MARGIN, h - 2 * MARGIN

    @property
    def content(self) -> tuple[float, float]:
        """The area the grid fills: the printable area less the header and the footer, mm."""
        w, h = self.printable
        return w, h - HEADER - FOOTER

    @property
    def per_page(self) -> int:
        return self.columns * self.rows

    @property
    def fill(self) -> float:
        """The share of the printable area the page's slides cover."""
        w, h = self.printable
        return self.per_page * self.slide[0] * self.slide[1] / (w * h)


# Each layout's possible grids (columns, rows); the plan takes the one that shows the slides
# largest, in whichever orientation.
_GRIDS = {"1": ((1, 1),), "2": ((1, 2), (2, 1)), "3": ((1, 3),), "4": ((2, 2),),
          "6": ((2, 3), (3, 2)), "notes": ((1, 1),)}


def handout_plan(kind: str, width: float, height: float) -> HandoutPlan:
    """The A4 page of handout layout ``kind`` (one of :data:`_GRIDS`) for slides ``width`` ×
    ``height`` (any unit): the orientation and grid that show them largest (portrait, as
    binders and PowerPoint's handouts are, unless landscape shows them clearly larger).
    Layout 3 and the notes layout stay portrait (ruled lines or notes need the page's
    length)."""
    aspect = width / height
    best = None
    for orientation in ("portrait", "landscape"):
        if kind in ("3", "notes") and orientation == "landscape":
            continue
        for columns, rows in _GRIDS[kind]:
            plan = HandoutPlan(kind, orientation, columns, rows, (0.0, 0.0), kind == "3",
                               kind == "notes")
            cw, ch = plan.content
            cell_w = (cw - GAP * (columns - 1)) / columns * (1 - LINES_SHARE if plan.lines
                                                             else 1)
            cell_h = (ch - GAP * (rows - 1)) / rows * (NOTES_SLIDE if plan.notes else 1)
            w = min(cell_w, cell_h * aspect)
            plan = HandoutPlan(kind, orientation, columns, rows, (round(w, 2),
                                                                  round(w / aspect, 2)),
                               plan.lines, plan.notes)
            if best is None or plan.slide[0] > best.slide[0] * (1 + PORTRAIT_BIAS):
                best = plan
    assert best is not None
    return best


def handout_plans(width: float, height: float) -> tuple[HandoutPlan, ...]:
    """Every handout layout's plan for slides ``width`` × ``height``."""
    return tuple(handout_plan(kind, width, height) for kind in _GRIDS)


HANDOUT_KINDS = tuple(_GRIDS)

__all__ = ["HANDOUT_KINDS", "HandoutPlan", "PrintLook", "handout_plan", "handout_plans",
           "print_look", "readable"]
