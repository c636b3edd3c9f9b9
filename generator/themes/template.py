"""A lecturer's PowerPoint template read as a design: the size, placeholder boxes, fonts and
title style the layout stage lays the deck out in, with PowerPoint's inheritance resolved."""

from __future__ import annotations

import hashlib
import logging
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from generator.errors import BuildError
from generator.source.model import Deck
from generator.themes.layouts import NAMED
from generator.themes.drawing import (
    Backdrop,
    Scheme,
    colour_of,
    master_scheme,
    mix,
    mix_all,
)
from generator.themes.theme import BODY_TEXT, CONTRAST_PAIRS, Theme, contrast_ratio

log = logging.getLogger("generator")
notice = logging.getLogger("generator.notice")

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
HIERARCHY = 1.2  # a title is at least this many times the body text under it (and the title
# slide's title this many times its subtitle)
SMALL_BODY = 0.25  # a body box under this share of the free area below the title is repaired


@dataclass(frozen=True)
class TemplateDesign:
    """What a template's layouts draw, in points: the slide size, the box of each frame the
    layout fills (``None`` where the template's layout has no placeholder for it), the fonts
    its title and body text are set in, the title's size and capitals, its direction, and its
    look: what each layout shows behind the text (``backdrops``), its colours (``palette``)
    and where it centres its titles (``aligns``)."""

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
    # (layout key: a slide kind or "name:" + a layout's name in lower case, its backdrop)
    backdrops: tuple[tuple[str, Backdrop], ...] = ()
    palette: tuple[tuple[str, str], ...] = ()  # (dotted theme colour key, colour it reads)
    aligns: tuple[tuple[str, str], ...] = ()  # (frame, "ctr") where the template centres it
    bolds: tuple[str, ...] = ()  # the subtitle frames the template sets bold
    footer_size: float | None = None  # the size of the template's footer text
    art_foot: float | None = None  # the top of the art across the slide's foot (a band)
    bullet_colour: str | None = None  # the body's bullets, when the template colours them
    notices: tuple[str, ...] = ()  # what reading it changed (colours too faint), shown with -v

    def columns(self, kind: str) -> tuple[tuple[float, float], ...]:
        """The ``(x, width)`` of each column placeholder of the ``kind`` layout, left to right."""
        return dict(self.column_spans).get(kind, ())

    def align(self, frame: str) -> str:
        """``"ctr"`` where the template centres ``frame`` (e.g. ``"title"``), else ``"l"``."""
        return dict(self.aligns).get(frame, "l")

    def themed(self, theme: Theme, deck: Deck) -> Theme:
        """``theme`` with the template's fonts, colours, title sizes and weight (a deck's own
        ``style:`` fonts, colours, sizes and weights win), so the layout measures the text in
        what the template draws it in and both outputs show the template's colours; the sizes
        keep titles at least :data:`HIERARCHY` times the body."""
        style = deck.style or {}
        fonts, sizes = dict(theme.fonts), dict(theme.sizes)
        for role, font in (("heading", self.heading_font), ("body", self.body_font)):
            if font and role not in (style.get("fonts") or {}):
                fonts[role] = font
        for key, size in (("heading", self.heading_size), ("title", self.title_size)):
            if size and key not in (style.get("sizes") or {}):
                sizes[key] = size
        title = self.boxes.get("title")
        _keep_hierarchy(sizes, style.get("sizes") or {}, title[3] if title else None)
        weights = dict(theme["weights"])
        if "title" not in (style.get("weights") or {}):
            weights["title"] = "bold" if self.title_bold else "regular"
        tokens: dict[str, Any] = {**theme.tokens, "fonts": fonts, "sizes": sizes,
                                  "weights": weights}
        if self.palette and not style.get("colors"):
            tokens.update(_with_palette(tokens, dict(self.palette), self.align("title_page_title")))
        if self.footer_size and "size" not in (style.get("footer") or {}):
            tokens["footer"] = {**tokens["footer"], "size": self.footer_size}
        return Theme(theme.name, theme.source, tokens)


def _keep_hierarchy(sizes: dict[str, Any], own: dict[str, Any],
                    title_height: float | None = None) -> None:
    """Titles at least :data:`HIERARCHY` times the body and the column headings: a template's
    small titles set larger where its title box holds a line that large (``title_height``),
    else the body smaller, down to the minimum; the title slide's title that many times its
    subtitle. Sizes the deck's ``style:`` sets are kept. (The layout stage measures the
    titles and may set the body smaller still, see ``layout.template_fit``.)"""
    heading, body = float(sizes["heading"]), float(sizes["body"])
    minimum = float(sizes["minimum"])
    wanted = float(math.ceil(HIERARCHY * body))
    if "heading" not in own and heading < wanted:
        one_line = math.floor((title_height * 0.96 - 7.2) / 1.2) if title_height else heading
        heading = sizes["heading"] = max(heading, min(wanted, float(one_line)))
    if "body" not in own and heading < wanted:
        sizes["body"] = max(minimum, float(math.floor(heading / HIERARCHY)))
    if "heading" not in own:
        sizes["heading"] = max(heading, float(math.ceil(HIERARCHY * float(sizes["body"]))))
    if "column_heading" not in own:  # under the title as the body is
        top = max(float(sizes["body"]), float(math.floor(float(sizes["heading"]) / HIERARCHY)))
        sizes["column_heading"] = min(float(sizes["column_heading"]), top)
    if "title" not in own:
        sizes["title"] = max(float(sizes["title"]),
                             float(math.ceil(HIERARCHY * float(sizes["subtitle"]))))


def _with_palette(tokens: dict[str, Any], palette: dict[str, str], align: str
                  ) -> dict[str, Any]:
    """The ``colors``, ``title_slide``, ``section_slide`` and ``footer`` tokens with the
    template's colours (``palette``, already checked by :func:`readable`) and its title
    slide's alignment."""
    out = {section: dict(tokens[section]) for section in
           ("colors", "title_slide", "section_slide", "footer")}
    for key, value in palette.items():
        section, name = key.split(".")
        out[section][name] = value
    out["title_slide"].update(look="plain", band="none",
                              align="center" if align == "ctr" else "left")
    return out


def readable(palette: dict[str, str]) -> tuple[dict[str, str], list[str]]:
    """``palette`` with each colour that fails its contrast on the background it sits on
    replaced by one that passes: the template's title or body colour, else black or white;
    and a notice for each."""
    out, notices = dict(palette), []
    for fg_key, bg_key, needed in CONTRAST_PAIRS:  # the built-in themes' pairs
        if bg_key.endswith(".band"):  # none on a template: the title is on its background
            bg_key = bg_key.replace(".band", ".background")
        fg, bg = out[fg_key], out[bg_key]
        if contrast_ratio(fg, bg) >= needed:
            continue
        candidates = [out["colors.heading"], out["colors.text"],
                      *sorted(("#000000", "#FFFFFF"), key=lambda c: -contrast_ratio(c, bg))]
        better = next((c for c in candidates if contrast_ratio(c, bg) >= needed),
                      max(candidates, key=lambda c: contrast_ratio(c, bg)))
        notices.append(f"the template's {fg_key} {fg} is hard to read on {bg_key} {bg} "
                       f"({contrast_ratio(fg, bg):.1f}:1, needs {needed:g}:1); using {better}")
        out[fg_key] = better
    return out, notices


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
        from generator.themes.layouts import check_template_aspect

        try:
            check_template_aspect(deck.template, round(design.width * EMU_PER_PT),
                                  round(design.height * EMU_PER_PT), deck.aspect)
        except BuildError as err:
            raise BuildError(f"{deck.key_marks['aspect']}: {err}") from err
    for warning in design.warnings:
        log.warning("%s", warning)
    for text in design.notices:
        notice.info("%s: %s", deck.template.name, text)
    left_out = sorted({what for _, backdrop in design.backdrops for what in backdrop.left_out})
    if left_out:
        notice.info("%s: the HTML leaves out what it cannot draw of the template's slide art: "
                    "%s", deck.template.name, ", ".join(left_out))
    return design


@lru_cache(maxsize=8)
def _read(path: str, digest: str, master: str | None = None) -> TemplateDesign:
    from generator.themes.layouts import (
        LAYOUT_FALLBACKS,
        choose_master,
        find_layout,
        read_template,
    )

    prs = read_template(Path(path))
    if not any(len(m.slide_layouts) for m in prs.slide_masters):
        raise BuildError(f"{path}: the template has no slide layouts")
    width, height = prs.slide_width / EMU_PER_PT, prs.slide_height / EMU_PER_PT
    layouts = list(choose_master(prs, master).slide_layouts)
    chosen = {kind: find_layout(prs, kind, layouts) for kind in LAYOUT_FALLBACKS}
    content, title_layout = chosen["content"], chosen["title"]
    boxes, column_spans = _boxes(chosen, height)
    boxes, repairs = sane_boxes(boxes, width, height, _chrome_top(content, height))
    master_obj = content.slide_master
    fonts = _theme_fonts(master_obj)
    title = _title_chain(content)
    heading = _font(title, fonts, "+mj-lt")
    body_chain = [_level1(master_obj._element.find(f"{P}txStyles/{P}bodyStyle"))]
    body = _font(body_chain, fonts, "+mn-lt")
    backdrops = _backdrops(chosen, layouts)
    palette, notices = readable(_palette(chosen, dict(backdrops), (width, height)))
    contrast = title_contrast(content, dict(backdrops)["content"], (width, height))
    warnings = [f"{path}: {contrast}"] if contrast else []
    warnings += [f"{path}: {repair}" for repair in repairs]
    rtl = any(_attr([_level1(master_obj._element.find(f"{P}txStyles/{P}{s}"))], "rtl",
                    parent=True) == "1" for s in ("titleStyle", "bodyStyle"))
    caps = tuple(name for name, kind in (("title", "content"), ("title_page_title", "title"),
                                         ("section_title", "section"))
                 if _attr(_title_chain(chosen[kind]), "cap") == "all")
    named = tuple((layout.name, _box(_take(layout, TITLE_TYPES)),
                   _box(_take(layout, (OBJECT, BODY), widest=True))) for layout in layouts)
    return TemplateDesign(
        width, height, boxes, heading, body, _size(title), _size(_title_chain(title_layout)),
        caps, _attr(title, "b") in ("1", "true"), rtl,
        tuple((k, chosen[k].name) for k in ("title", "section", "content")), named=named,
        warnings=tuple(warnings), column_spans=tuple(column_spans.items()),
        backdrops=backdrops, palette=tuple(palette.items()), notices=tuple(notices),
        aligns=_aligns(chosen), bullet_colour=_bullet_colour(content),
        footer_size=_size([_level1(_lst_style(ph)) for ph in _chrome(content, "ftr")]),
        art_foot=_art_foot(dict(backdrops)["content"], width, height),
        bolds=tuple(frame for frame, kind, types in (
            ("title_page_subtitle", "title", (SUBTITLE,) + TEXT_TYPES),
            ("section_subtitle", "section", TEXT_TYPES))
            if _attr(_body_chain(chosen[kind], types), "b") in ("1", "true")))


def _art_foot(backdrop: Backdrop, width: float, height: float) -> float | None:
    """The top of the pictures and shapes that run across the foot of the slide (over half its
    width, down to its bottom edge), which a footer of our own keeps above; ``None``: none."""
    tops = [shape.box[1] for shape in backdrop.shapes
            if shape.box[2] > width / 2 and shape.box[1] + shape.box[3] >= height * 0.97
            and shape.box[1] > height * 0.75]
    return min(tops, default=None)


def _boxes(chosen: dict, height: float) -> tuple[dict[str, Rect | None], dict]:
    """The box of each frame in the chosen layouts (``None`` where a layout has no placeholder
    for it), and the ``(x, width)`` of each column placeholder of the columns layouts."""
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
        boxes[kind] = _span(chosen[kind], height)
        column_spans[kind] = _columns(chosen[kind], height)
    return boxes, column_spans


def box_repairs(chosen: dict, width: float, height: float) -> list[str]:
    """What a build repairs of the boxes of ``chosen`` (slide kind -> layout) on slides of
    ``width`` x ``height`` points (see :func:`sane_boxes`)."""
    boxes, _ = _boxes(chosen, height)
    return sane_boxes(boxes, width, height, _chrome_top(chosen["content"], height))[1]


def _backdrops(chosen: dict, layouts: list) -> tuple[tuple[str, Backdrop], ...]:
    """The backdrop of each slide kind's layout and of every layout by name (each read once)."""
    from generator.themes.drawing import read_backdrop

    read: dict[int, Backdrop] = {}

    def of(layout) -> Backdrop:
        if id(layout) not in read:
            read[id(layout)] = read_backdrop(layout)
        return read[id(layout)]

    out = [(kind, of(layout)) for kind, layout in chosen.items()]
    out += [(NAMED + (layout.name or "").casefold(), of(layout)) for layout in layouts]
    return tuple(dict(out).items())


def _palette(chosen: dict, backdrops: dict[str, Backdrop], area: tuple[float, float]
             ) -> dict[str, str]:
    """The template's colours as dotted theme keys: its content layout's background, body,
    title, accent and link colours; its title and section layouts' backgrounds and title and
    subtitle colours; its footer's colour. Colours it does not set are worked out from these."""
    content = chosen["content"]
    scheme = _layout_scheme(content)
    colours = scheme.colours
    background = backdrops["content"].colour(area)
    text = (_chain_colour(_body_chain(content, (OBJECT, BODY)), scheme)
            or colours.get("tx1") or "#000000")
    heading = _chain_colour(_title_chain(content), scheme) or text
    accent = colours.get("accent1") or heading
    muted = _chain_colour([_level1(_lst_style(_master_placeholder(content, "ftr")))], scheme)
    if muted is None or contrast_ratio(muted, background) < BODY_TEXT:
        muted = mix(text, background, 0.3)
    palette = {
        "colors.background": background, "colors.text": text, "colors.heading": heading,
        "colors.accent": accent, "colors.lead": accent, "colors.muted": muted,
        "colors.link": colours.get("hlink") or accent,
        "colors.code_background": mix(background, text, 0.06), "footer.color": muted,
    }
    for kind, section in (("title", "title_slide"), ("section", "section_slide")):
        layout = chosen[kind]
        scheme = _layout_scheme(layout)
        title_colour = _chain_colour(_title_chain(layout), scheme) or heading
        sub = _chain_colour(_body_chain(layout, (SUBTITLE,) + TEXT_TYPES), scheme) or text
        palette[f"{section}.background"] = backdrops[kind].colour(area)
        palette[f"{section}.title_color"] = title_colour
        palette[f"{section}.subtitle_color"] = sub
        if kind == "title":
            palette["title_slide.byline_color"] = sub
    return palette


def _aligns(chosen: dict) -> tuple[tuple[str, str], ...]:
    """The frames whose text the template centres."""
    chains = {"title": _title_chain(chosen["content"]),
              "title_page_title": _title_chain(chosen["title"]),
              "title_page_subtitle": _body_chain(chosen["title"], (SUBTITLE,) + TEXT_TYPES),
              "section_title": _title_chain(chosen["section"]),
              "section_subtitle": _body_chain(chosen["section"], TEXT_TYPES)}
    return tuple((frame, "ctr") for frame, chain in chains.items()
                 if _attr(chain, "algn", parent=True) == "ctr")


def _bullet_colour(layout) -> str | None:
    """The colour the template's body style gives its first-level bullets, if it sets one."""
    for ppr in _body_chain(layout, (OBJECT, BODY)):
        found = ppr.find(f"{A}buClr") if ppr is not None else None
        if found is not None:
            colour = colour_of(found, _layout_scheme(layout))
            return colour.hex if colour is not None else None
    return None


def _layout_scheme(layout) -> Scheme:
    override = layout._element.find(f"{P}clrMapOvr/{A}overrideClrMapping")
    return master_scheme(layout.slide_master).mapped(override)


def _chain_colour(chain: list, scheme: Scheme) -> str | None:
    """The first text colour the chain's ``defRPr`` sets (a plain fill; a gradient's mean)."""
    for ppr in chain:
        rpr = ppr.find(f"{A}defRPr") if ppr is not None else None
        if rpr is None:
            continue
        fill = rpr.find(f"{A}solidFill")
        if fill is not None:
            colour = colour_of(fill, scheme)
            return colour.hex if colour is not None else None
        gradient = rpr.find(f"{A}gradFill")
        if gradient is not None:  # text in a gradient reads as its stops' mean
            stops = [c.hex for c in (colour_of(gs, scheme)
                                     for gs in gradient.iterfind(f"{A}gsLst/{A}gs")) if c]
            return mix_all(stops) if stops else None
    return None


def title_contrast(layout, backdrop: Backdrop | None = None,
                   area: tuple[float, float] | None = None) -> str | None:
    """A warning when the title colour of ``layout`` is hard to read on its background (below
    3:1; a gradient or picture read as its mean colour); ``None`` when readable or unset."""
    if backdrop is None:
        from generator.themes.drawing import read_backdrop

        backdrop = read_backdrop(layout)
    colour = _chain_colour(_title_chain(layout), _layout_scheme(layout))
    if not colour or backdrop.background is None:
        return None
    background = backdrop.colour(area)
    ratio = contrast_ratio(colour, background)
    if ratio >= MIN_TITLE_CONTRAST:
        return None
    return (f"the template's title colour {colour} is hard to read on its background "
            f"{background} ({ratio:.1f}:1, layout {layout.name!r}); pick another master or "
            "fix the title style in the template")


# -- boxes that cannot be used as they are --------------------------------------------------------

Rect = tuple[float, float, float, float]


def sane_boxes(boxes: dict[str, Rect | None], width: float, height: float, bottom: float
               ) -> tuple[dict[str, Rect | None], list[str]]:
    """``boxes`` with the ones a deck cannot use as they are repaired, and what was repaired:
    a box reaching past the slide's edge is cut to the slide; a body box under
    :data:`SMALL_BODY` of the free area below the title (down to ``bottom``, the top of the
    footer placeholders) becomes that area, inset as the title is."""
    out, repairs = dict(boxes), []
    names = {"title": "title", "body": "body", "title_page_title": "title slide's title",
             "title_page_subtitle": "title slide's subtitle", "section_title": "section title",
             "section_subtitle": "section subtitle", "columns2": "columns",
             "columns3": "three columns"}
    for name, what in names.items():
        box = out.get(name)
        if box is None:
            continue
        inside = _clip(box, width, height)
        if inside != box:
            out[name] = inside
            repairs.append(f"the {what} box reaches past the slide's edge "
                           f"({_pt(box)}); cut to the slide ({_pt(inside)})")
    usable = _usable(out.get("title"), width, height, bottom)
    for name in ("body", "columns2", "columns3"):
        box = out.get(name)
        if box is None or usable is None:
            continue
        if box[2] * box[3] < SMALL_BODY * usable[2] * usable[3]:
            out[name] = usable
            repairs.append(f"the {names[name]} box ({_pt(box)}) is too small for a slide's "
                           f"text (under {SMALL_BODY:.0%} of the area below the title); "
                           f"using the area below the title ({_pt(usable)})")
    return out, repairs


def _usable(title: Rect | None, width: float, height: float, bottom: float) -> Rect | None:
    """The free area below the title: the title's width (the slide's, less a margin of a
    twentieth of its width, without a title), from under the title to ``bottom``."""
    margin = width / 20
    x, w = (title[0], title[2]) if title else (margin, width - 2 * margin)
    top = title[1] + title[3] + height / 40 if title else margin
    bottom -= height / 60
    return (x, top, w, bottom - top) if bottom - top > height / 6 else None


def _clip(box: Rect, width: float, height: float) -> Rect:
    x, y = max(0.0, box[0]), max(0.0, box[1])
    right, bottom = min(width, box[0] + box[2]), min(height, box[1] + box[3])
    if right - x < 1 or bottom - y < 1:
        return box  # wholly outside: left for the size check
    if (x, y, right - x, bottom - y) == box or (abs(right - x - box[2]) < 0.5
                                                 and abs(bottom - y - box[3]) < 0.5):
        return box
    return (x, y, right - x, bottom - y)


def _pt(box: Rect) -> str:
    return f"{box[0]:.0f},{box[1]:.0f} pt, {box[2]:.0f} x {box[3]:.0f} pt"


def _chrome_top(layout, height: float) -> float:
    """The top of the layout's footer, date and slide-number placeholders in the lower part of
    the slide (the slide's foot when it has none)."""
    tops = [b[1] for ph_type in ("ftr", "dt", "sldNum")
            if (b := _box(_master_placeholder(layout, ph_type))) is not None
            and b[1] > height * 0.7]
    return min(tops, default=height)


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
    return next(iter(_chrome(layout, ph_type)), None)


def _chrome(layout, ph_type: str) -> list:
    """The layout's and then its master's placeholders of ``ph_type`` (``"ftr"``, ...)."""
    return [ph for source in (layout, layout.slide_master) for ph in source.placeholders
            if (ph_el := ph._element.find(f"{P}nvSpPr/{P}nvPr/{P}ph")) is not None
            and ph_el.get("type") == ph_type]


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


def _lst_style(ph):
    return ph._element.find(f"{P}txBody/{A}lstStyle") if ph is not None else None


def _body_chain(layout, types: tuple[int, ...]) -> list:
    """The ``a:lvl1pPr`` elements text in ``layout``'s placeholder of ``types`` inherits from:
    that placeholder's, its master's body placeholder's, the master's body style."""
    master = layout.slide_master
    return [_level1(_lst_style(_take(layout, types))),
            _level1(_lst_style(_take(master, (BODY, OBJECT)))),
            _level1(master._element.find(f"{P}txStyles/{P}bodyStyle"))]


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


__all__ = ["NAMED", "TemplateDesign", "template_design"]
