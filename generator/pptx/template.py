"""The base presentation a deck is drawn on: our designed master and layouts, or a template."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from generator import pictures
from generator.cache import cache_dir
from generator.errors import BuildError
from generator.layout.measure import INSET_X, INSET_Y
from generator.layout.page import Box, DeckLayout, SlideBoxes
from generator.layout.titles import TITLE_AUTHOR
from generator.pptx import xml as X
from generator.pptx.package import (
    PICTURE_CONTENT_TYPES,
    BasePackage,
    embedded,
    read_base,
    source_key,
    write_base,
)
from generator.themes.layouts import (  # read as a design there; the base is built here
    LAYOUT_FALLBACKS,
    LAYOUT_NAMES,
    SLIDE_EMU,
    _aspect,
    as_presentation as as_presentation,  # importer and tests read it here
    check_template_aspect,
    choose_master,
    find_layout,
    master_name,
    read_template,
)
from generator.themes.layouts import NAMED  # BasePackage.layouts keys of layouts by name
from generator.themes.theme import IMAGE_KINDS, Theme

if TYPE_CHECKING:  # python-pptx is imported only to build a base or open a template
    from pptx.presentation import Presentation

BULLETS = ("•", "–", "•", "–")
FOOTER_IDX, NUMBER_IDX = 11, 12


@dataclass(frozen=True)
class Geometry(SlideBoxes):
    """Where the designed layouts put things: the layout engine's slide-wide boxes, plus the
    slide's size and the footer and slide-number boxes (points)."""

    width: float
    height: float
    footer: Box
    number: Box


def geometry(layout: DeckLayout) -> Geometry:
    """The designed layouts' boxes: the slide-wide boxes the layout engine fits text into."""
    return Geometry(**vars(layout.boxes), width=layout.width, height=layout.height,
                    footer=layout.footer_box, number=layout.number_box)


_BASES: dict[str, BasePackage] = {}
_BASES_LIMIT = 16


def base_package(layout: DeckLayout) -> BasePackage:
    """The deck's slide size, theme and one layout per slide kind, as a package to write on.

    Built with python-pptx once per (theme, aspect, language, geometry, logo and background
    picture) and kept in the per-user cache, so a later build reads it without importing
    python-pptx; kept in-process too. The pictures are keyed by path and contents, so an edited
    logo is picked up by the next build.
    """
    theme = layout.theme
    key = (theme.name, repr(theme.tokens), layout.deck.aspect, layout.deck.language,
           geometry(layout), _picture_key(layout.logo), layout.logo_box,
           _picture_key(layout.background_image))
    return _cached_base(key, lambda: snapshot(_build_base_presentation(layout),
                                              _footer_boxes(layout)))


def template_package(path: Path, aspect: str | None = None,
                     master: str | None = None) -> BasePackage:
    """A user's template (``.pptx``/``.potx``, without its slides) as a package to write on,
    cached like :func:`base_package`; ``BuildError`` if unusable or not of ``aspect``.

    The template's slides may have any size of the deck's aspect ratio (within 1 %): 16:9 is
    13.33 x 7.5 in in PowerPoint 2013 and later, 10 x 5.625 in before. The renderer scales
    the laid-out deck to the template's size.
    """
    def build() -> BasePackage:
        from generator.pptx.repair import repair_template

        prs = open_template(path)
        if aspect is not None:
            check_template_aspect(path, prs.slide_width, prs.slide_height, aspect)
        notices, warnings = repair_template(prs, path.name)
        layouts = list(choose_master(prs, master).slide_layouts)
        return replace(snapshot(prs, layouts=layouts), notices=tuple(notices),
                       warnings=tuple(warnings))

    try:
        contents = hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError:
        return build()  # open_template reports it
    base = _cached_base(("template", str(path), contents, aspect, master), build)
    for notice in base.notices:  # on every build, cached base or not (shown with -v)
        logging.getLogger("generator.notice").info("%s", notice)
    for warning in base.warnings:
        logging.getLogger("generator").warning("%s", warning)
    return base


def _cached_base(key: tuple, build: Callable[[], BasePackage]) -> BasePackage:
    digest = hashlib.sha256(repr((source_key(), key)).encode("utf-8")).hexdigest()[:40]
    base = _BASES.get(digest)
    if base is not None:
        return base
    folder = cache_dir("pptx-base")
    path = folder / f"{digest}.zip" if folder is not None else None
    base = read_base(path) if path is not None and path.is_file() else None
    if base is None:
        base = build()
        if path is not None:
            write_base(path, base)
    if len(_BASES) >= _BASES_LIMIT:
        _BASES.clear()
    _BASES[digest] = base
    return base


def _footer_boxes(layout: DeckLayout) -> dict[str, tuple[int, int, int, int]]:
    """Where slides put the footer and slide number of the designed layouts (EMU)."""
    return {kind: (X.emu(b.x), X.emu(b.y), X.emu(b.w), X.emu(b.h))
            for kind, b in (("ftr", layout.footer_box), ("sldNum", layout.number_box))}


def snapshot(prs: Presentation,
             footer_boxes: dict[str, tuple[int, int, int, int]] | None = None,
             layouts: list | None = None) -> BasePackage:
    """``prs`` (without slides) as a :class:`BasePackage`. Slides copy the footer and slide
    number placeholders at ``footer_boxes`` (``"ftr"``, ``"sldNum"``), else where they are.

    ``prs`` is used up: it gets a notes master, core properties and a slide list.
    """
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    chosen = _chosen_layouts(prs, layouts)
    placeholders, copies = _layout_placeholders(chosen, footer_boxes)
    package = prs.part.package
    core = X.core_properties_template(prs.core_properties)
    core_part = str(package.part_related_by(RT.CORE_PROPERTIES).partname)
    slide_list = X.slide_list_template(prs.part._element)
    used_ids = [int(v) for v in prs.part._element.sldIdLst.xpath("./p:sldId/@id")]
    before = _parts(package)
    notes_master = prs.part.notes_master_part  # made now if missing: added with the first notes
    notes = X.notes_template(notes_master.notes_master)
    after = _parts(package)
    media, images = _media(package, after)
    rels = {"/": _rels(package._rels)}
    for name, part in after.items():
        rels[name] = _rels(part._rels)
    rels[str(prs.part.partname)] = [rel for rel in rels[str(prs.part.partname)]
                                    if rel[3] or rel[2] in before]
    return BasePackage(
        parts={name: part.blob for name, part in after.items()},
        content_types={name: part.content_type for name, part in after.items()},
        rels=rels,
        presentation=str(prs.part.partname),
        slide_size=(int(prs.slide_width), int(prs.slide_height)),
        slide_list=slide_list,
        next_slide_id=max([255, *used_ids]) + 1,
        slide_document=X.slide_document(),
        layouts={kind: str(slide_layout.part.partname) for kind, slide_layout in chosen.items()},
        placeholders=placeholders,
        copies=copies,
        notes=notes,
        notes_master=str(notes_master.partname),
        notes_master_parts=tuple(name for name in after if name not in before),
        media=tuple(sorted(media)),
        images=images,
        core_part=core_part,
        core=core,
    )


def _chosen_layouts(prs: Presentation, layouts: list | None) -> dict:
    """The slide layout for each kind of page (``LAYOUT_FALLBACKS``) and, on a template,
    for each of its master's layouts by name (``NAMED`` + the name, case-folded)."""
    chosen = {kind: find_layout(prs, kind, layouts) for kind in LAYOUT_FALLBACKS}
    if layouts is not None:  # a template: a slide may name any layout of its master
        for layout in layouts:
            chosen.setdefault(NAMED + (layout.name or "").casefold(), layout)
    return chosen


def _layout_placeholders(chosen: dict, footer_boxes: dict[str, tuple[int, int, int, int]] | None
                         ) -> tuple[dict, dict]:
    """By layout part name: its placeholders, and the copies slides make of its footer and
    slide number (the layout's, else its master's; at ``footer_boxes`` if given)."""
    placeholders, copies = {}, {}
    for slide_layout in chosen.values():
        name = str(slide_layout.part.partname)
        placeholders[name] = X.layout_placeholders(slide_layout)
        copies[name] = {}
        for ph_type in ("ftr", "sldNum"):
            source = X.find_layout_placeholder(slide_layout._element, ph_type)
            if source is None:
                source = X.find_layout_placeholder(slide_layout.slide_master._element, ph_type)
            if source is not None:
                box = footer_boxes[ph_type] if footer_boxes is not None else None
                copies[name][ph_type] = X.placeholder_copy(source, box)
    return placeholders, copies


def _media(package, parts: dict) -> tuple[list[int], dict[str, str]]:
    """The numbers of the package's ``/ppt/media/imageN`` parts, and its images' part names
    by SHA-1 (so a deck's picture already in the template is not added again)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    media, images = [], {}
    for part in parts.values():
        if part.partname.startswith("/ppt/media/image") and part.partname.idx is not None:
            media.append(part.partname.idx)
    for rel in package.iter_rels():
        if not rel.is_external and rel.reltype == RT.IMAGE and hasattr(rel.target_part, "sha1"):
            images.setdefault(rel.target_part.sha1, str(rel.target_part.partname))
    return media, images


def _parts(package) -> dict:
    return {str(part.partname): part for part in package.iter_parts()}


def _rels(rels) -> list[tuple[str, str, str, bool]]:
    return [(rid, rel.reltype, rel.target_ref if rel.is_external else str(rel.target_partname),
             rel.is_external) for rid, rel in rels._rels.items()]


def _picture_key(path: Path | None) -> tuple[str, str] | None:
    """A picture's identity for the base cache: its path and a hash of its bytes."""
    if path is None:
        return None
    try:
        return str(path), hashlib.sha1(path.read_bytes()).hexdigest()
    except OSError as err:
        raise BuildError(f"{path}: cannot read the theme's picture: {err}") from err


def _build_base_presentation(layout: DeckLayout) -> Presentation:
    import pptx
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    prs = pptx.Presentation()
    X.speed_up_partnames(prs.part.package)
    X.drop_package_relationship(prs.part.package, RT.THUMBNAIL)
    X.set_slide_size(prs.part._element, *SLIDE_EMU[layout.deck.aspect])
    theme, lang = layout.theme, layout.deck.language
    X.set_presentation_language(prs.part._element, lang)
    master = prs.slide_master
    X.write_theme(prs.part.package, master.part, theme.name, theme.colors,
                  theme.fonts["heading"], theme.fonts["body"])
    geo = geometry(layout)
    _design_master(master, theme, geo)
    _decorate_master(master, layout)
    designs = _layout_designs(theme, geo, lang, layout.background_image is not None)
    layouts = list(prs.slide_layouts)
    for layout_obj, (name, shapes, background) in zip(layouts, designs):
        X.replace_layout(layout_obj.part, name, shapes, background)
    for extra in layouts[len(designs):]:
        prs.slide_layouts.remove(extra)
    return prs


def _decorate_master(master, layout: DeckLayout) -> None:
    """The theme's logo as a picture on the master (so every slide shows it and it can be moved
    or replaced in Slide Master view) and its background picture as the master's background.
    Each image becomes one media part, related from the master part."""
    if layout.logo is None and layout.background_image is None:
        return
    images = X.ImageParts(master.part.package)

    def relate(path: Path, what: str) -> tuple[str, str | None]:
        """The rIds of the picture (a PNG for a kind PowerPoint does not show) and, for an
        SVG, of the SVG itself."""
        try:
            blob, ext = embedded(path)
            rid = images.add(master.part, blob, ext, PICTURE_CONTENT_TYPES[ext])[1]
        except Exception as err:  # PIL and resvg raise many kinds for a bad image
            raise BuildError(f"{path}: cannot embed the theme's {what} in the PowerPoint deck: "
                             f"it is not a {IMAGE_KINDS} image ({err})") from err
        if pictures.kind(path) != "svg":
            return rid, None
        return rid, images.add(master.part, path.read_bytes(), "svg",
                               PICTURE_CONTENT_TYPES["svg"])[1]

    if layout.background_image is not None:
        X.set_background_picture(master._element, *relate(layout.background_image,
                                                          "background_image"))
    if layout.logo is not None and layout.logo_box is not None:
        b = layout.logo_box
        rid, svg_rid = relate(layout.logo, "logo")
        X.add_master_picture(master._element, "Logo", "Logo", rid,
                             (X.emu(b.x), X.emu(b.y), X.emu(b.w), X.emu(b.h)), svg_rid)


def _design_master(master, theme: Theme, geo: Geometry) -> None:
    from pptx.enum.shapes import PP_PLACEHOLDER

    colors = theme.colors
    X.set_background(master._element, X.color_xml("background", colors))
    boxes = {PP_PLACEHOLDER.TITLE: geo.title, PP_PLACEHOLDER.BODY: geo.body,
             PP_PLACEHOLDER.FOOTER: geo.footer, PP_PLACEHOLDER.SLIDE_NUMBER: geo.number}
    footer = theme["footer"]
    footer_color = X.color_xml(footer.get("color") or "muted", colors)
    footer_size = float(footer.get("size") or theme.sizes["footer"])
    for shape in list(master.placeholders):
        kind = shape.placeholder_format.type
        if kind not in boxes:
            X.remove_shape(shape._element)
            continue
        box = boxes[kind]
        shape.left, shape.top = X.emu(box.x), X.emu(box.y)
        shape.width, shape.height = X.emu(box.w), X.emu(box.h)
        anchor = {PP_PLACEHOLDER.TITLE: "b", PP_PLACEHOLDER.BODY: "t"}.get(kind, "ctr")
        X.set_body_pr(shape._element, INSET_X, INSET_Y, anchor)
        if kind in (PP_PLACEHOLDER.FOOTER, PP_PLACEHOLDER.SLIDE_NUMBER):
            align = "l" if kind == PP_PLACEHOLDER.FOOTER else "r"
            lst = shape._element.find(X.qn("p:txBody")).find(X.qn("a:lstStyle"))
            for child in list(lst):
                lst.remove(child)
            lst.append(X.parse_xml(
                f'<a:lvl1pPr {X.nsdecls("a")} algn="{align}"><a:defRPr sz="'
                f'{int(footer_size * 100)}"><a:solidFill>{footer_color}</a:solidFill>'
                f'<a:latin typeface="+mn-lt"/></a:defRPr></a:lvl1pPr>'))
    X.set_text_styles(master._element, _title_style(theme), _body_style(theme))


def _title_style(theme: Theme) -> str:
    size = int(float(theme.sizes["heading"]) * 100)
    line = int(float(theme.spacing["line"]) * 100000)
    return (f'<a:lvl1pPr algn="l" rtl="0"><a:lnSpc><a:spcPct val="{line}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="0"/></a:spcBef><a:buNone/><a:defRPr sz="{size}">'
            f'<a:solidFill><a:schemeClr val="tx2"/></a:solidFill><a:latin typeface="+mj-lt"/>'
            f'<a:ea typeface="+mj-ea"/><a:cs typeface="+mj-cs"/></a:defRPr></a:lvl1pPr>')


def _body_style(theme: Theme) -> str:
    indent = float(theme.spacing["indent"])
    line = int(float(theme.spacing["line"]) * 100000)
    after = float(theme.spacing["paragraph"])
    out = []
    for n in range(1, 10):
        size = theme.level_size(n - 1)
        out.append(
            f'<a:lvl{n}pPr marL="{X.emu(indent * n)}" indent="{-X.emu(indent)}" algn="l">'
            f'<a:lnSpc><a:spcPct val="{line}"/></a:lnSpc><a:spcBef><a:spcPts val="0"/>'
            f'</a:spcBef><a:spcAft><a:spcPts val="{int(round(after * size * 100))}"/></a:spcAft>'
            f'<a:buClr><a:schemeClr val="accent1"/></a:buClr><a:buFont typeface="Arial"/>'
            f'<a:buChar char="{BULLETS[(n - 1) % len(BULLETS)]}"/><a:defRPr sz="{int(size * 100)}">'
            f'<a:solidFill><a:schemeClr val="tx1"/></a:solidFill><a:latin typeface="+mn-lt"/>'
            f'<a:ea typeface="+mn-ea"/><a:cs typeface="+mn-cs"/></a:defRPr></a:lvl{n}pPr>')
    return "".join(out)


def _layout_designs(theme: Theme, geo: Geometry, lang: str,
                    picture_background: bool = False) -> list[tuple[str, list[str], str | None]]:
    """``(name, shapes, background)`` of every designed layout, in ``LAYOUT_NAMES`` order.

    With a background picture on the master (``picture_background``) the title layout shows it
    (no colour of its own, as in the HTML deck), and the section layout keeps a solid colour:
    its own, else the theme's background colour, so the picture never shows behind it.
    """
    design = _LayoutDesign(theme, geo, lang)
    title_fill, section_fill = design.backgrounds(picture_background)
    return [
        (LAYOUT_NAMES["title"], design.title_slide(), title_fill),
        (LAYOUT_NAMES["section"], design.section_slide(), section_fill),
        (LAYOUT_NAMES["content"], design.content(), None),
        (LAYOUT_NAMES["continuation"], design.content(), None),
        (LAYOUT_NAMES["columns2"], design.columns(2), None),
        (LAYOUT_NAMES["columns3"], design.columns(3), None),
        (LAYOUT_NAMES["image"], design.image(), None),
        (LAYOUT_NAMES["title_only"], [design.title(geo.title)] + design.footers(3), None),
        (LAYOUT_NAMES["blank"], design.footers(2), None),
    ]


def _box(b: Box) -> tuple[float, float, float, float]:
    return (b.x, b.y, b.w, b.h)


class _LayoutDesign:
    """The shapes of the designed slide layouts for one theme, geometry and language."""

    def __init__(self, theme: Theme, geo: Geometry, lang: str) -> None:
        self.theme, self.geo, self.lang = theme, geo, lang
        self.colors, self.sizes = theme.colors, theme.sizes
        self.gap = float(theme.spacing["gap"])
        self.body_pr = X.body_pr_xml(INSET_X, INSET_Y, "t", shrink=True)
        self.align = ' algn="ctr"' if theme["title_slide"]["align"] == "center" else ""
        self.plain = f'<a:lvl1pPr marL="0" indent="0"{self.align}><a:buNone/>'

    def colored(self, color: str | None, size: float | None = None, font: str = "") -> str:
        """A first-level text style: ``size`` (pt), theme colour ``color``, ``font``."""
        attrs = f' sz="{int(size * 100)}"' if size else ""
        fill = f"<a:solidFill>{X.color_xml(color, self.colors)}</a:solidFill>" if color else ""
        latin = f'<a:latin typeface="{font}"/>' if font else ""
        return f'<a:lvl1pPr><a:defRPr{attrs}>{fill}{latin}</a:defRPr></a:lvl1pPr>'

    def title(self, b: Box, ph: str = 'type="title"', style: str = "", anchor: str = "b") -> str:
        """A title placeholder in ``b``."""
        return X.placeholder_xml(2, "Title", ph, _box(b), "Click to edit title", self.lang,
                                 X.body_pr_xml(INSET_X, INSET_Y, anchor, shrink=True), style)

    def footers(self, start: int) -> list[str]:
        """The footer and slide number placeholders, shape ids from ``start``."""
        return [X.placeholder_xml(start, "Footer", f'type="ftr" sz="quarter" idx="{FOOTER_IDX}"',
                                  _box(self.geo.footer), "", self.lang),
                X.placeholder_xml(start + 1, "Slide Number",
                                  f'type="sldNum" sz="quarter" idx="{NUMBER_IDX}"',
                                  _box(self.geo.number), "‹#›", self.lang)]

    def title_slide(self) -> list[str]:
        """The title slide: the look's decoration, then title, subtitle, author and date."""
        theme, geo, sizes, colors = self.theme, self.geo, self.sizes, self.colors
        ts = theme["title_slide"]
        shapes = []
        if geo.title_page_decoration is not None:  # the look's band, block, rule or bar
            shapes.append(X.rectangle_xml(4, f"Title {ts['look'].title()}",
                                          _box(geo.title_page_decoration),
                                          X.color_xml(ts["band"], colors)))
        return shapes + [
            self.title(geo.title_page_title, 'type="ctrTitle"',
                       self.colored(ts.get("title_color"), float(sizes["title"])).replace(
                           "<a:lvl1pPr>", f"<a:lvl1pPr{self.align}>"), geo.title_page_anchor),
            X.placeholder_xml(3, "Subtitle", 'type="subTitle" idx="1"',
                              _box(geo.title_page_subtitle), "Click to edit subtitle", self.lang,
                              self.body_pr,
                              self.colored(ts.get("subtitle_color"),
                                           float(sizes["subtitle"])).replace("<a:lvl1pPr>",
                                                                             self.plain)),
            X.placeholder_xml(5, "Author and Date", 'type="body" idx="2"',
                              _box(geo.title_page_byline), "Click to add author and date",
                              self.lang, X.body_pr_xml(INSET_X, INSET_Y, "b", shrink=True),
                              self.colored(ts.get("byline_color"),
                                           round(float(sizes["subtitle"]) * TITLE_AUTHOR)
                                           ).replace("<a:lvl1pPr>", self.plain)),
        ]

    def section_slide(self) -> list[str]:
        """The section slide in the title slide's look: its decoration (in the section's band
        colour), title and subtitle, aligned as the title slide's."""
        geo, sizes = self.geo, self.sizes
        ss = self.theme["section_slide"]
        shapes = []
        if geo.section_decoration is not None:  # the title slide look's band, rule or bar
            shapes.append(X.rectangle_xml(4, f"Section {self.theme['title_slide']['look'].title()}",
                                          _box(geo.section_decoration),
                                          X.color_xml(ss["band"], self.colors)))
        return shapes + [
            self.title(geo.section_title,
                       style=self.colored(ss.get("title_color"), float(sizes["title"])
                                          ).replace("<a:lvl1pPr>", f"<a:lvl1pPr{self.align}>"),
                       anchor=geo.title_page_anchor),
            X.placeholder_xml(3, "Subtitle", 'type="body" idx="1"', _box(geo.section_subtitle),
                              "Click to edit subtitle", self.lang, self.body_pr,
                              self.colored(ss.get("subtitle_color"),
                                           float(sizes["subtitle"])).replace("<a:lvl1pPr>",
                                                                             self.plain)),
        ]

    def backgrounds(self, picture_background: bool) -> tuple[str | None, str | None]:
        """The title and section layouts' own background fills (``None``: the master's)."""
        theme, colors = self.theme, self.colors
        ts, ss = theme["title_slide"], theme["section_slide"]
        section_bg = theme.color(ss.get("background"))
        title_bg = theme.color(ts.get("background")) and not picture_background
        section_fill = (X.color_xml(ss["background"], colors) if section_bg else
                        X.color_xml("background", colors) if picture_background else None)
        return (X.color_xml(ts["background"], colors) if title_bg else None), section_fill

    def content(self) -> list[str]:
        """A title, one content placeholder and the footers."""
        return [self.title(self.geo.title),
                X.placeholder_xml(3, "Content", 'idx="1"', _box(self.geo.body),
                                  "Click to add text", self.lang, self.body_pr)] + self.footers(4)

    def columns(self, n: int) -> list[str]:
        """A title, a lead text across the top, and ``n`` columns of a heading over a body."""
        b, gap, sizes, lang, body_pr = self.geo.body, self.gap, self.sizes, self.lang, self.body_pr
        col_w = (b.w - gap * (n - 1)) / n
        lead_h = b.h * 0.18
        head_h = float(sizes["column_heading"]) * 1.2 + 2 * INSET_Y
        top = b.y + lead_h + gap * 0.5
        heading_style = ('<a:lvl1pPr marL="0" indent="0"><a:buNone/><a:defRPr sz="'
                         f'{int(float(sizes["column_heading"]) * 100)}"><a:solidFill>'
                         f'{X.color_xml("heading", self.colors)}</a:solidFill>'
                         f'<a:latin typeface="+mj-lt"/></a:defRPr></a:lvl1pPr>')
        shapes = [self.title(self.geo.title),
                  X.placeholder_xml(3, "Lead Text", 'type="body" idx="1"',
                                    (b.x, b.y, b.w, lead_h), "Click to add lead text", lang,
                                    body_pr, '<a:lvl1pPr marL="0" indent="0"><a:buNone/>'
                                    '</a:lvl1pPr>')]
        for i in range(n):
            x = b.x + i * (col_w + gap)
            shapes.append(X.placeholder_xml(4 + 2 * i, f"Column {i + 1} Heading",
                                            f'type="body" idx="{2 + 2 * i}"',
                                            (x, top, col_w, head_h), "Column heading", lang,
                                            body_pr, heading_style))
            shapes.append(X.placeholder_xml(5 + 2 * i, f"Column {i + 1}", f'idx="{3 + 2 * i}"',
                                            (x, top + head_h, col_w, b.y + b.h - top - head_h),
                                            "Click to add text", lang, body_pr))
        return shapes + self.footers(4 + 2 * n)

    def image(self) -> list[str]:
        """A title, text on the left, a picture with its caption on the right, footers."""
        b, gap, sizes, lang, body_pr = self.geo.body, self.gap, self.sizes, self.lang, self.body_pr
        text_w = b.w * 0.45
        area = Box(b.x + text_w + gap, b.y, b.w - text_w - gap, b.h)
        cap_h = float(sizes["caption"]) * 1.2 * 2 + 2 * INSET_Y
        caption_style = self.colored("muted", float(sizes["caption"])).replace(
            "<a:lvl1pPr>", '<a:lvl1pPr marL="0" indent="0"><a:buNone/>')
        return [self.title(self.geo.title),
                X.placeholder_xml(3, "Text", 'idx="1"', (b.x, b.y, text_w, b.h),
                                  "Click to add text", lang, body_pr),
                X.placeholder_xml(4, "Picture", 'type="pic" idx="2"',
                                  (area.x, area.y, area.w, area.h - cap_h - 4),
                                  "Click icon to add picture", lang, body_pr),
                X.placeholder_xml(5, "Caption", 'type="body" idx="3"',
                                  (area.x, area.y + area.h - cap_h, area.w, cap_h),
                                  "Click to add caption", lang, body_pr, caption_style)
                ] + self.footers(6)


# -- user templates ------------------------------------------------------------------------------

def open_template(path: Path) -> Presentation:
    """Open a ``.pptx``/``.potx`` template, without its own slides; ``BuildError`` if unusable."""
    prs = read_template(path)
    X.speed_up_partnames(prs.part.package)
    remove_all_slides(prs)
    if not len(prs.slide_layouts):
        raise BuildError(f"{path}: the template has no slide layouts")
    return prs


def remove_all_slides(prs: Presentation) -> None:
    """Delete every slide: its ``sldId`` entry and its relationship, so no part is orphaned,
    and everything else that names the slides: sections, custom shows, a slide show limited
    to some slides, the outline view's slide list."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    id_list = prs.slides._sldIdLst
    for sld_id in list(id_list):
        rId = sld_id.rId
        id_list.remove(sld_id)
        prs.part.drop_rel(rId)
    X.drop_slide_references(prs.part._element)
    for rel in list(prs.part.rels.values()):
        if rel.is_external:
            continue
        part = rel.target_part
        if rel.reltype == RT.PRES_PROPS:
            part.blob = X.drop_show_slide_range(part.blob)
        elif rel.reltype == RT.VIEW_PROPS:
            part.blob, rids = X.drop_outline_slide_list(part.blob)
            for rid in rids:
                if rid in part.rels:
                    part.rels.pop(rid)


def inspect_template(path: Path) -> str:
    """A readable summary of a template: slide size, every master with its layouts and their
    placeholders, the slide kinds each layout serves, warnings, and the layout each slide kind
    uses on the master a deck gets by default."""
    from generator.themes.template import box_repairs, title_contrast

    prs = open_template(Path(path))
    w, h = prs.slide_width, prs.slide_height
    size = f"slide size: {w / 914400:.2f} x {h / 914400:.2f} in ({_aspect(w, h)})"
    if _aspect(w, h) not in SLIDE_EMU:
        size += " — an unusual size: a deck without 'aspect:' is built in it"
    lines = [f"{path}", size]
    default = choose_master(prs)
    masters = list(prs.slide_masters)
    for number, master in enumerate(masters, start=1):
        layouts = list(master.slide_layouts)
        chosen = {kind: find_layout(prs, kind, layouts) for kind in LAYOUT_FALLBACKS}
        note = " (the default: its layouts serve the slide kinds best)" if (
            master is default and len(masters) > 1) else ""
        lines.append(f"master {number}: {master_name(master) or '(no name)'}{note}")
        lines.append("layouts:")
        warnings = []
        for i, layout in enumerate(layouts, start=1):
            lines.append(f"  {i}. {layout.name}")
            serves = [kind for kind, found in chosen.items() if found is layout]
            if serves:
                lines.append(f"       serves: {', '.join(serves)}")
            for ph in layout.placeholders:
                pf = ph.placeholder_format
                kind = str(pf.type).split(".")[-1].split(" ")[0].lower()
                pos = ""
                if ph.left is not None and ph.width is not None:
                    pos = (f" at {ph.left / 12700:.0f},{ph.top / 12700:.0f} pt, "
                           f"{ph.width / 12700:.0f} x {ph.height / 12700:.0f} pt")
                lines.append(f"       - {kind} (idx {pf.idx}){pos}")
            warnings += _layout_warnings(layout, serves)
        contrast = title_contrast(chosen["content"], area=(w / 12700, h / 12700))
        if contrast is not None:
            warnings.append(contrast)
        warnings += box_repairs(chosen, w / 12700, h / 12700)
        lines += ["warnings:"] + [f"  - {w}" for w in warnings] if warnings else []
    lines.append(f"slide kinds use (master {masters.index(default) + 1}):"
                 if len(masters) > 1 else "slide kinds use:")
    for kind in LAYOUT_FALLBACKS:
        lines.append(f"  {kind}: {find_layout(prs, kind, list(default.slide_layouts)).name}")
    return "\n".join(lines)


def _layout_warnings(layout, serves: list[str]) -> list[str]:
    """What a lecturer should know about a layout that serves ``serves``: it has no title
    placeholder, or a picture lies behind its body area."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PP

    out = []
    types = [ph.placeholder_format.type for ph in layout.placeholders]
    if serves and "blank" not in serves and not any(
            t in (PP.TITLE, PP.CENTER_TITLE, PP.VERTICAL_TITLE) for t in types):
        out.append(f"layout {layout.name!r} has no title placeholder: titles become text boxes")
    bodies = [ph for ph in layout.placeholders if ph.placeholder_format.type in (PP.OBJECT, PP.BODY)
              and ph.width and ph.height]
    if serves and bodies:
        body = max(bodies, key=lambda ph: ph.width * ph.height)
        for source in (layout, layout.slide_master):
            for pic in source._element.iter(X.qn("p:pic")):
                off, ext = pic.find(".//" + X.qn("a:off")), pic.find(".//" + X.qn("a:ext"))
                if off is None or ext is None:
                    continue
                x, y = int(off.get("x", 0)), int(off.get("y", 0))
                cx, cy = int(ext.get("cx", 0)), int(ext.get("cy", 0))
                ox = max(0, min(x + cx, body.left + body.width) - max(x, body.left))
                oy = max(0, min(y + cy, body.top + body.height) - max(y, body.top))
                if ox * oy > 0.25 * body.width * body.height:
                    out.append(f"layout {layout.name!r}: a picture lies behind its body area")
                    break
    return out


