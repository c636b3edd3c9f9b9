"""Accessibility rules of ``deck check --a11y``: titles, links, language, contrast, dimming."""

from __future__ import annotations

import re
from typing import Iterator, NamedTuple

from generator import pictures
from generator.source import inline
from generator.source.model import Deck, slide_text_marks

# Link texts that say nothing about where the link goes (compared case-insensitively, without
# punctuation).
VAGUE_LINK_TEXTS = frozenset({
    "click here", "click", "here", "link", "this link", "this", "more", "read more", "learn more",
    "see more", "details", "website", "web site", "page", "this page", "go", "source",
})
_URL_LIKE = re.compile(r"^(?:https?://|mailto:|www\.)", re.IGNORECASE)


class Issue(NamedTuple):
    """One accessibility problem: its rule, message and the text to find in the source."""

    rule: str
    message: str
    slide: int | None = None
    text: str | None = None  # where to point in the source (None: the slide or deck itself)


def title_issues(deck: Deck) -> Iterator[Issue]:
    """Slides whose title another slide already has: a screen reader's list of slides (and
    PowerPoint's outline) cannot tell them apart."""
    seen: dict[str, int] = {}
    for slide in deck.slides:
        key = " ".join(inline.plain(slide.title).casefold().split())
        if key in seen:
            yield Issue("a11y-title", f"title {slide.title!r} is also the title of slide "
                        f"{seen[key]}: every slide needs its own title, which screen readers "
                        "list to move between slides", slide.number)
        else:
            seen[key] = slide.number


def link_issues(deck: Deck) -> Iterator[Issue]:
    """Links whose text does not say where they go ("click here", a bare address)."""

    for slide in deck.slides:
        for text, _ in slide_text_marks(slide):
            for label, href in links(text):
                words = " ".join(re.sub(r"[^\w\s]", " ", label.casefold()).split())
                if _URL_LIKE.match(label.strip()) or label.strip() == href:
                    why = "is the bare address"
                elif words in VAGUE_LINK_TEXTS:
                    why = "says nothing about where it goes"
                else:
                    continue
                yield Issue("a11y-link", f"link text {label!r} {why}: name the target, as in "
                            "'[the 1939 pact](https://…)' (screen readers list links by their "
                            "text)", slide.number, label)


def links(text: str) -> list[tuple[str, str]]:
    """``(label, href)`` of every link in the inline markup ``text``."""
    found: list[tuple[str, str]] = []
    previous = None
    for span in inline.parse(text):
        if span.href is None:
            previous = None
            continue
        if previous == span.href:
            found[-1] = (found[-1][0] + span.text, span.href)
        else:
            found.append((span.text, span.href))
        previous = span.href
    return found


def language_issues(deck: Deck) -> Iterator[Issue]:
    """A deck that does not say its language (the outputs then claim English)."""
    if "language" not in deck.key_marks:
        yield Issue("a11y-language", "the deck does not say its language, so the outputs "
                    f"declare {deck.language!r}: add 'language:' (a BCP 47 tag such as en, "
                    "en-GB, de, ru) so screen readers pronounce the text right")


def contrast_issues(layout) -> Iterator[Issue]:
    """Text colours that do not stand out from the theme's background picture (WCAG AA) where
    the picture is darkest or lightest. (Colour pairs of the theme itself are checked whenever a
    theme loads: see themes.CONTRAST_PAIRS.)"""
    from generator.themes.theme import CONTRAST_PAIRS, contrast_ratio

    if layout.background_image is None:
        return
    theme = layout.theme
    cells = picture_colors(layout.background_image)
    if not cells:  # nothing can draw it (an EMF without LibreOffice)
        return
    name = layout.background_image.name
    for fg_key, bg_key, needed in CONTRAST_PAIRS:
        if bg_key != "colors.background":
            continue
        section, field = fg_key.split(".")
        fg = theme.color(theme[section][field]) or theme.colors["muted"]
        ratio, cell = min((contrast_ratio(fg, cell), cell) for cell in cells)
        if ratio < needed:
            yield Issue("a11y-contrast", f"{fg_key} {fg} on the background picture {name} has "
                        f"a contrast of {int(ratio * 100) / 100:.2f}:1 where the picture is "
                        f"{cell}; WCAG AA needs {needed:g}:1: choose a calmer picture or "
                        "another text colour")


def dim_issues(layout) -> Iterator[Issue]:
    """Revealed slides with ``dim: true`` whose dimmed points fall below AA contrast."""
    from generator.layout.reveal import dim_color
    from generator.themes.theme import BODY_TEXT, contrast_ratio

    theme = layout.theme
    background = theme.colors["background"]
    dimmed = "#" + dim_color(theme.colors["text"], background)
    ratio, need = contrast_ratio(dimmed, background), BODY_TEXT
    if ratio >= need:
        return
    for slide in layout.deck.slides:
        if slide.dim and slide.reveal != "none":
            shown = f"{int(ratio * 100) / 100:.2f}"
            yield Issue("a11y-dim", f"'dim: true' fades earlier points to {dimmed} on "
                        f"{background}, a contrast of {shown}:1 (WCAG AA needs {need:g}:1): "
                        "drop 'dim' so every point stays readable", slide.number)


def picture_colors(image) -> list[str]:
    """The colours of the picture at ``image`` averaged over a 16 × 9 grid, as ``#RRGGBB``
    (none when nothing can draw it)."""
    from PIL import Image

    picture = pictures.pixels(image)
    if picture is None:
        return []
    small = picture.convert("RGB").resize((16, 9), Image.Resampling.BOX)
    return sorted({"#%02X%02X%02X" % small.getpixel((x, y))
                   for x in range(16) for y in range(9)})


def size_issues(layout) -> Iterator[Issue]:
    """Text set smaller than the theme asks: the footer shrunk to stay on one line, or any
    text of a slide below the theme's minimum size."""
    theme = layout.theme
    designed = float(theme["footer"].get("size") or theme.sizes["footer"])
    if layout.deck.footer and layout.footer_size < designed:
        yield Issue("a11y-size", f"the footer is set at {layout.footer_size:g} pt to stay on one "
                    f"line (the theme's footer size is {designed:g} pt): shorten 'footer:'",
                    None, layout.deck.footer)
    minimum = float(theme.sizes["minimum"])
    reported: set[int] = set()
    for page in layout.pages:
        frames = page.of_role("body")
        smallest = min((p.size for f in frames for p in f.paras), default=minimum)
        if smallest < minimum and page.source is not None and page.source.number not in reported:
            reported.add(page.source.number)
            yield Issue("a11y-size", f"text set at {smallest:g} pt, below the theme's minimum "
                        f"of {minimum:g} pt: shorten it or split the slide", page.source.number)
