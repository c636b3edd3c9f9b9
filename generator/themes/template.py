"""A lecturer's PowerPoint template read as a design: the size, placeholder boxes, fonts and
title style the layout stage lays the deck out in, with PowerPoint's inheritance resolved."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.errors import BuildError
from generator.source.model import Deck
from generator.themes.theme import Theme, contrast_ratio

log = logging.getLogger("generator")

EMU_PER_PT = 12700
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
MIN_TITLE_CONTRAST = 3.0  # WCAG's minimum for large text
# Placeholder types (python-pptx's PP_PLACEHOLDER numbers), in the order the PPTX renderer
# takes them for each frame, so the layout measures in the box the text is written into.
TITLE, BODY, CENTER_TITLE, SUBTITLE, VERTICAL_TITLE, VERTICAL_BODY, OBJECT = 1, 2, 3, 4, 5, 6, 7
VERTICAL_OBJECT = 17
TITLE_TYPES = (TITLE, CENTER_TITLE, VERTICAL_TITLE)
TEXT_TYPES = (BODY, OBJECT, SUBTITLE, VERTICAL_BODY, VERTICAL_OBJECT)


@dataclass(frozen=True)
class TemplateDesign:
    """What a template's layouts draw, in points: the slide size, the box of each frame the
    layout fills (``None`` where the template's layout has no placeholder for it), the fonts
    its title and body text are set in, the title's size and capitals, and its direction."""

    width: float
    height: float
    boxes: dict[str, tuple[float, float, float, float] | None]  # frame -> (x, y, w, h)
    heading_font: str | None = None
    body_font: str | None = None
    heading_size: float | None = None  # the content slides' title size
    title_size: float | None = None  # the title slide's title size
    caps: tuple[str, ...] = ()  # the title boxes whose style sets capitals (cap="all")
    title_bold: bool = False  # the content slides' title style is bold (b="1")
    rtl: bool = False  # the master writes right to left
    layouts: tuple[tuple[str, str], ...] = ()  # (slide kind, layout name)
    named: tuple[tuple[str, Any, Any], ...] = ()  # every layout: (name, title box, body box)
    warnings: tuple[str, ...] = ()
    # ("columns2"/"columns3", each column placeholder's (x, width), left to right)
    column_spans: tuple[tuple[str, tuple[tuple[float, float], ...]], ...] = ()

    def columns(self, kind: str) -> tuple[tuple[float, float], ...]:
        """The ``(x, width)`` of each column placeholder of the ``kind`` layout, left to right."""
        return dict(self.column_spans).get(kind, ())

    def themed(self, theme: Theme, deck: Deck) -> Theme:
        """``theme`` with the template's fonts, title sizes and title weight (a deck's own
        ``style:`` fonts, sizes and weights win), so the layout measures the text in what the
        template draws it in and the titles keep the template's weight."""
        style = deck.style or {}
        fonts, sizes = dict(theme.fonts), dict(theme.sizes)
        for role, font in (("heading", self.heading_font), ("body", self.body_font)):
            if font and role not in (style.get("fonts") or {}):
                fonts[role] = font
        for key, size in (("heading", self.heading_size), ("title", self.title_size)):
            if size and key not in (style.get("sizes") or {}):
                sizes[key] = size
        weights = dict(theme["weights"])
        if "title" not in (style.get("weights") or {}):
            weights["title"] = "bold" if self.title_bold else "regular"
        tokens: dict[str, Any] = {**theme.tokens, "fonts": fonts, "sizes": sizes,
                                  "weights": weights}
        return Theme(theme.name, theme.source, tokens)


def template_design(deck: Deck) -> TemplateDesign:
    """The design of ``deck``'s template; ``BuildError`` (at the deck's ``template``/``aspect``
    key) if it cannot be read, or when the deck's ``aspect:`` disagrees with its size."""
    assert deck.template is not None
    mark = deck.key_marks.get("template")
    try:
        digest = hashlib.sha1(deck.template.read_bytes()).hexdigest()
    except OSError as err:
        raise BuildError(f"{mark or deck.path}: cannot read the template {deck.template}: "
                         f"{err.strerror}") from err
    try:
        design = _read(str(deck.template), digest, deck.template_master)
    except BuildError as err:
        raise BuildError(f"{mark}: {err}" if mark else str(err)) from err
    if "aspect" in deck.key_marks:
        from generator.pptx.template import check_template_aspect

        try:
            check_template_aspect(deck.template, round(design.width * EMU_PER_PT),
                                  round(design.height * EMU_PER_PT), deck.aspect)
        except BuildError as err:
            raise BuildError(f"{deck.key_marks['aspect']}: {err}") from err
    for warning in design.warnings:
        log.warning("%s", warning)
    return design


@lru_cache(maxsize=8)
def _read(path: str, digest: str, master: str | None = None) -> TemplateDesign:
    from generator.pptx.template import choose_master, find_layout, open_template

    prs = open_template(Path(path))
    width, height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    layouts = list(choose_master(prs, master).slide_layouts)
    chosen = {kind: find_layout(prs, kind, layouts) for kind in ("title", "section", "content")}
    content, title_layout = chosen["content"], chosen["title"]
    boxes = {
        "title": _box(_take(content, TITLE_TYPES)),
        "body": _box(_take(content, (OBJECT, BODY), widest=True)),
        "title_page_title": _box(_take(title_layout, TITLE_TYPES)),
        "title_page_subtitle": _box(_take(title_layout, (SUBTITLE,) + TEXT_TYPES)),
        "section_title": _box(_take(chosen["section"], TITLE_TYPES)),
        "section_subtitle": _box(_take(chosen["section"], TEXT_TYPES)),
        "footer": _box(_master_placeholder(content, "ftr")),
        "number": _box(_master_placeholder(content, "sldNum")),
    }
    column_spans = {}
    for kind in ("columns2", "columns3"):  # the area the columns layout's text placeholders span
        found = find_layout(prs, kind, layouts)
        boxes[kind] = _span(found, prs.slide_height / EMU_PER_PT)
        column_spans[kind] = _columns(found, prs.slide_height / EMU_PER_PT)
    master = content.slide_master
    fonts = _theme_fonts(master)
    title = _title_chain(content)
    heading = _font(title, fonts, "+mj-lt")
    body_chain = [_level1(master._element.find(f"{P}txStyles/{P}bodyStyle"))]
    body = _font(body_chain, fonts, "+mn-lt")
    contrast = title_contrast(content)
    warnings = [f"{path}: {contrast}"] if contrast else []
    rtl = any(_attr([_level1(master._element.find(f"{P}txStyles/{P}{s}"))], "rtl",
                    parent=True) == "1" for s in ("titleStyle", "bodyStyle"))
    caps = tuple(name for name, kind in (("title", "content"), ("title_page_title", "title"),
                                         ("section_title", "section"))
                 if _attr(_title_chain(chosen[kind]), "cap") == "all")
    named = tuple((layout.name, _box(_take(layout, TITLE_TYPES)),
                   _box(_take(layout, (OBJECT, BODY), widest=True))) for layout in layouts)
    return TemplateDesign(
        width, height, boxes, heading, body, _size(title), _size(_title_chain(title_layout)),
        caps, _attr(title, "b") in ("1", "true"), rtl,
        tuple((k, v.name) for k, v in chosen.items()), named=named,
        warnings=tuple(warnings), column_spans=tuple(column_spans.items()))


def title_contrast(layout) -> str | None:
    """A warning when the title colour of ``layout`` is hard to read on its master's plain
    background (below 3:1); ``None`` when readable or not a plain colour."""
    master = layout.slide_master
    colour, background = _title_colour(_title_chain(layout), master), _background(master)
    if not colour or not background:
        return None
    ratio = contrast_ratio(colour, background)
    if ratio >= MIN_TITLE_CONTRAST:
        return None
    return (f"the template's title colour {colour} is hard to read on its background "
            f"{background} ({ratio:.1f}:1, layout {layout.name!r}); pick another master or "
            "fix the title style in the template")


# -- placeholders ------------------------------------------------------------------------------

def _take(layout, types: tuple[int, ...], widest: bool = False):
    """The placeholder of ``layout`` the renderer fills for a frame of ``types``."""
    placeholders = list(layout.placeholders)
    for kind in types:
        found = [ph for ph in placeholders if int(ph.placeholder_format.type) == kind]
        if found:
            if widest:
                return max(found, key=lambda ph: ph.width or 0)
            return min(found, key=lambda ph: ((ph.top or 0), (ph.left or 0)))
    return None


def _master_placeholder(layout, ph_type: str):
    """The layout's footer/slide-number placeholder, else its master's."""
    for source in (layout, layout.slide_master):
        for ph in source.placeholders:
            ph_el = ph._element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")
            if ph_el is not None and ph_el.get("type") == ph_type:
                return ph
    return None


def _span(layout, height: float) -> tuple[float, float, float, float] | None:
    """The box around ``layout``'s body and content placeholders (text strips left out: under
    8 % of the slide high), where the layout stage splits the columns; ``None`` if none."""
    found = [b for ph in layout.placeholders
             if int(ph.placeholder_format.type) in (OBJECT, BODY)
             and (b := _box(ph)) is not None and b[3] >= 0.08 * height]
    if not found:
        return None
    x, y = min(b[0] for b in found), min(b[1] for b in found)
    right, bottom = max(b[0] + b[2] for b in found), max(b[1] + b[3] for b in found)
    return (x, y, right - x, bottom - y)


def _columns(layout, height: float) -> tuple[tuple[float, float], ...]:
    """Each column placeholder's ``(x, width)``, left to right: the layout's body and content
    placeholders (no text strips) that sit side by side; empty when they overlap across."""
    found = sorted({(b[0], b[2]) for ph in layout.placeholders
                    if int(ph.placeholder_format.type) in (OBJECT, BODY)
                    and (b := _box(ph)) is not None and b[3] >= 0.08 * height})
    if any(x + w > nx + 1 for (x, w), (nx, _) in zip(found, found[1:])):
        return ()
    return tuple(found)


def _box(ph) -> tuple[float, float, float, float] | None:
    if ph is None or None in (ph.left, ph.top, ph.width, ph.height):
        return None
    if not ph.width or not ph.height:
        return None
    return (ph.left / EMU_PER_PT, ph.top / EMU_PER_PT, ph.width / EMU_PER_PT,
            ph.height / EMU_PER_PT)


# -- text styles: the layout's title placeholder, the master's, then the master's title style ---

def _level1(style):
    return style.find(f"{A}lvl1pPr") if style is not None else None


def _title_chain(layout) -> list:
    """The ``a:lvl1pPr`` elements a title on ``layout`` inherits from, nearest first."""
    chain = []
    for source in (layout, layout.slide_master):
        ph = _take(source, TITLE_TYPES)
        if ph is not None:
            chain.append(_level1(ph._element.find(f"{P}txBody/{A}lstStyle")))
    chain.append(_level1(layout.slide_master._element.find(f"{P}txStyles/{P}titleStyle")))
    return chain


def _attr(chain: list, name: str, parent: bool = False) -> str | None:
    """The first ``name`` attribute of the chain's ``defRPr`` (``parent``: of the ``pPr``)."""
    for ppr in chain:
        if ppr is None:
            continue
        element = ppr if parent else ppr.find(f"{A}defRPr")
        if element is not None and element.get(name) is not None:
            return element.get(name)
    return None


def _size(chain: list) -> float | None:
    value = _attr(chain, "sz")
    return int(value) / 100 if value and value.isdigit() else None


def _theme_fonts(master) -> dict[str, str]:
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    out = {}
    for slot, tag in (("+mj-lt", "majorFont"), ("+mn-lt", "minorFont")):
        latin = theme.find(f".//{A}fontScheme/{A}{tag}/{A}latin")
        if latin is not None and latin.get("typeface"):
            out[slot] = latin.get("typeface")
    return out


def _font(chain: list, fonts: dict[str, str], default: str) -> str | None:
    for ppr in chain:
        latin = ppr.find(f"{A}defRPr/{A}latin") if ppr is not None else None
        if latin is not None and latin.get("typeface"):
            face = latin.get("typeface")
            return fonts.get(face) if face.startswith("+") else face
    return fonts.get(default)


# -- colours -------------------------------------------------------------------------------------

def _scheme(master) -> dict[str, str]:
    """The master's colour names (tx1, bg1, accent1 …) as ``#RRGGBB``, through its colour map."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        return {}
    colours = {}
    scheme = theme.find(f".//{A}clrScheme")
    for child in scheme if scheme is not None else ():
        name = etree.QName(child).localname
        value = child.find(f"{A}srgbClr")
        sys_clr = child.find(f"{A}sysClr")
        if value is not None:
            colours[name] = "#" + value.get("val", "000000").upper()
        elif sys_clr is not None and sys_clr.get("lastClr"):
            colours[name] = "#" + sys_clr.get("lastClr").upper()
    mapping = master._element.find(f"{P}clrMap")
    if mapping is not None:
        for alias, target in mapping.attrib.items():
            if target in colours:
                colours[alias] = colours[target]
    return colours


def _colour(fill, scheme: dict[str, str]) -> str | None:
    if fill is None:
        return None
    srgb, named = fill.find(f"{A}srgbClr"), fill.find(f"{A}schemeClr")
    if srgb is not None:
        return "#" + srgb.get("val", "000000").upper()
    if named is not None and not len(named):  # a tinted or shaded colour is not worked out
        return scheme.get(named.get("val"))
    return None


def _title_colour(chain: list, master) -> str | None:
    for ppr in chain:
        fill = ppr.find(f"{A}defRPr/{A}solidFill") if ppr is not None else None
        if fill is not None:
            return _colour(fill, _scheme(master))
    return None


def _background(master) -> str | None:
    """The master's background colour, when it is a plain colour."""
    scheme = _scheme(master)
    bg = master._element.find(f"{P}cSld/{P}bg")
    if bg is None:
        return scheme.get("bg1")
    fill = bg.find(f"{P}bgPr/{A}solidFill")
    if fill is not None:
        return _colour(fill, scheme)
    ref = bg.find(f"{P}bgRef")
    if ref is not None:
        return _colour(ref, scheme)
    return None


__all__ = ["TemplateDesign", "template_design"]
