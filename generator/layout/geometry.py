"""Place a deck's fixed boxes: title band, body, footer, slide number, logo, title-slide parts."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from generator.layout.measure import INSET_X, image_size
from generator.layout.page import Box, SlideBoxes
from generator.source.model import Deck
from generator.themes.theme import Theme

if TYPE_CHECKING:  # read only for a deck on a template
    from generator.themes.template import TemplateDesign

FOOTER_HEIGHT = 24.0


@dataclass(frozen=True)
class DeckGeometry:
    """Where every slide of a deck puts its title, body, footer, slide number and logo, and
    where the title and section slides put their parts (``boxes``)."""

    title_box: Box
    body_box: Box
    footer_box: Box
    number_box: Box
    boxes: SlideBoxes
    logo: Path | None
    logo_box: Box | None


def deck_geometry(deck: Deck, theme: Theme, width: float, height: float,
                  design: TemplateDesign | None = None) -> DeckGeometry:
    """The boxes of a ``width`` x ``height`` pt deck in the theme's spacing, clear of its
    logo; on a template (``design``), the template's placeholder boxes where it has them."""
    placed = _Placement(deck, theme, width, height)
    if design is not None:
        placed.use_design(design)
    return DeckGeometry(placed.title_box, placed.body_box, placed.footer_box, placed.number_box,
                        placed.boxes, placed.logo, placed.logo_box)


class _Placement:
    """The boxes while they are placed: the theme's, then moved clear of the logo."""

    def __init__(self, deck: Deck, theme: Theme, width: float, height: float) -> None:
        self.W, self.H = width, height
        sp = theme.spacing
        self.margin = float(sp["margin"])
        self.gap = float(sp["gap"])
        self.title_box = Box(self.margin, self.margin * 0.6, self.W - 2 * self.margin,
                             float(sp["title_height"]))
        has_footer = bool(deck.footer) or deck.slide_numbers
        bottom = self.H - (self.margin * 0.5 + FOOTER_HEIGHT + 6 if has_footer else self.margin)
        top = self.title_box.y + self.title_box.h + self.gap
        fy = self.H - self.margin * 0.5 - FOOTER_HEIGHT
        self.footer_box = Box(self.margin, fy, self.W * 0.6, FOOTER_HEIGHT)
        self.number_box = Box(self.W - self.margin - 96, fy, 96, FOOTER_HEIGHT)
        self.logo: Path | None = None
        self.logo_box: Box | None = None
        if theme["logo"]:
            bottom = self.place_logo(theme["logo"], bottom)
            if self.logo_box.y < self.H / 2:  # a top logo taller than the title band
                top = max(top, self.logo_box.y + self.logo_box.h + self.gap / 2)
        self.body_box = Box(self.margin, top, self.W - 2 * self.margin, bottom - top)
        ts = theme["title_slide"]
        look = title_look(ts["look"], self.W, self.H, self.margin, self.gap,
                          ts["align"] == "center")
        self.boxes = SlideBoxes(
            self.title_box, self.body_box,
            title_page_title=self.clear_of_logo(look.title),
            title_page_subtitle=self.clear_of_logo(look.subtitle),
            section_title=self.clear_of_logo(look.title),
            section_subtitle=self.clear_of_logo(look.subtitle),
            title_page_byline=self.clear_of_logo(look.byline, beside=True),
            title_page_decoration=look.decoration if theme.color(ts["band"]) else None,
            title_page_anchor=look.anchor,
            section_decoration=look.decoration if theme.color(
                theme["section_slide"].get("band", "none")) else None)

    def use_design(self, design: TemplateDesign) -> None:
        """Lay out in the template's placeholder boxes (ours where it has none)."""
        def box(name: str, ours: Box) -> Box:
            found = design.boxes.get(name)
            return Box(*found) if found else ours

        self.title_box, self.body_box = box("title", self.title_box), box("body", self.body_box)
        if design.art_foot is not None:  # ours (where it has none) above the template's band
            self.footer_box, self.number_box = (_above(self.footer_box, design.art_foot),
                                                _above(self.number_box, design.art_foot))
        self.footer_box, self.number_box = (box("footer", self.footer_box),
                                            box("number", self.number_box))
        b = self.boxes
        self.boxes = SlideBoxes(
            self.title_box, self.body_box, box("title_page_title", b.title_page_title),
            box("title_page_subtitle", b.title_page_subtitle),
            box("section_title", b.section_title), box("section_subtitle", b.section_subtitle),
            b.title_page_byline, None,  # the template's own title layout, undecorated
            b.title_page_anchor, None)

    def clear_of_logo(self, box: Box, beside: bool = False) -> Box:
        """``box`` kept clear of the logo: shortened above a bottom logo, narrowed beside a top
        one (or moved below it when narrowing would leave less than half the width);
        ``beside``: narrowed beside a bottom logo too (the title slide's author and date)."""
        logo = self.logo_box
        if logo is None or not _overlap(box, logo, self.gap / 2):
            return box
        room = box.w - (logo.w + self.gap)
        if logo.y >= self.H / 2 and not (beside and room >= box.w / 2):
            return Box(box.x, box.y, box.w, max(0.0, logo.y - self.gap / 2 - box.y))
        if room >= box.w / 2:
            left = logo.x < self.W / 2
            return Box(box.x + (logo.w + self.gap if left else 0), box.y, room, box.h)
        top = logo.y + logo.h + self.gap / 2
        return Box(box.x, top, box.w, max(0.0, box.y + box.h - top))

    def place_logo(self, logo: dict, bottom: float) -> float:
        """Put the logo in its corner and keep the title, body and footer clear of it."""
        self.logo = Path(logo["image"])
        height = float(logo["height"])
        iw, ih = image_size(self.logo)
        width = height * iw / ih
        left = logo["corner"].endswith("left")
        x = self.margin if left else self.W - self.margin - width
        if logo["corner"].startswith("top"):
            y = self.title_box.y
            t = self.title_box
            self.title_box = Box(t.x + (width + self.gap if left else 0), t.y,
                                 t.w - width - self.gap, t.h)
        else:
            y = self.H - self.margin * 0.5 - height
            f, n = self.footer_box, self.number_box
            if left:
                self.footer_box = Box(f.x + width + self.gap, f.y, f.w - width - self.gap, f.h)
            else:
                self.number_box = Box(n.x - width - self.gap, n.y, n.w, n.h)
            bottom = min(bottom, y - self.gap / 2)
        self.logo_box = Box(x, y, width, height)
        return bottom


def _above(box: Box, top: float, pad: float = 4.0) -> Box:
    """``box`` moved up to end ``pad`` above ``top`` (where it reaches below it)."""
    return Box(box.x, min(box.y, top - pad - box.h), box.w, box.h)


def _overlap(a: Box, b: Box, pad: float = 0.0) -> bool:
    """Whether ``a`` and ``b`` overlap, or come within ``pad`` of each other."""
    return (a.x < b.x + b.w + pad and b.x < a.x + a.w + pad
            and a.y < b.y + b.h + pad and b.y < a.y + a.h + pad)


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
