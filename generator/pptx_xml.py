"""The one place that edits PPTX XML directly, for what python-pptx has no API for."""

from __future__ import annotations

import copy
import io
import re
import zipfile
from typing import Iterable, Mapping

from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.package import OpcPackage
from pptx.opc.packuri import PackURI
from pptx.oxml import parse_xml
from pptx.oxml.ns import nsdecls, qn

EMU_PER_PT = 12700
SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)

# Where each theme colour token lives in the Office colour scheme; shapes refer to the slot.
SCHEME_SLOTS = {
    "text": "dk1",
    "background": "lt1",
    "heading": "dk2",
    "code_background": "lt2",
    "accent": "accent1",
    "muted": "accent2",
    "link": "hlink",
}
# What a shape writes to use a token: the mapped names (tx1/bg1/...) of the master's clrMap.
SCHEME_REFS = {
    "text": "tx1",
    "background": "bg1",
    "heading": "tx2",
    "code_background": "bg2",
    "accent": "accent1",
    "muted": "accent2",
    "link": "hlink",
}


def emu(points: float) -> int:
    """Points to English Metric Units (1 pt = 12 700 EMU), rounded to whole units."""
    return int(round(points * EMU_PER_PT))


# -- colours and fonts ---------------------------------------------------------------------------

def color_xml(value: str, colors: Mapping[str, str]) -> str:
    """A DrawingML colour element: a scheme reference for a theme colour, else ``srgbClr``.

    ``value`` is a theme colour name (``accent``) or a hex colour; a hex equal to a theme
    colour still becomes a scheme reference, so recolouring the theme recolours it.
    """
    if value in SCHEME_REFS:
        return f'<a:schemeClr val="{SCHEME_REFS[value]}"/>'
    for name, hex_value in colors.items():
        if name in SCHEME_REFS and hex_value.upper() == value.upper():
            return f'<a:schemeClr val="{SCHEME_REFS[name]}"/>'
    return f'<a:srgbClr val="{value.lstrip("#").upper()}"/>'


def write_theme(package: OpcPackage, master_part, name: str, colors: Mapping[str, str],
                heading_font: str, body_font: str) -> None:
    """Write the deck theme's colour scheme and font scheme into the master's theme part."""
    theme_part = master_part.part_related_by(RT.THEME)
    root = etree.fromstring(theme_part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root.set("name", name)
    scheme = root.find(f"{a}themeElements/{a}clrScheme")
    scheme.set("name", name)
    for child in list(scheme):
        scheme.remove(child)
    slots = color_scheme(colors)
    for slot in ("dk1", "lt1", "dk2", "lt2", "accent1", "accent2", "accent3", "accent4",
                 "accent5", "accent6", "hlink", "folHlink"):
        el = etree.SubElement(scheme, f"{a}{slot}")
        etree.SubElement(el, f"{a}srgbClr").set("val", slots[slot])
    fonts = root.find(f"{a}themeElements/{a}fontScheme")
    fonts.set("name", name)
    fonts.find(f"{a}majorFont/{a}latin").set("typeface", heading_font)
    fonts.find(f"{a}minorFont/{a}latin").set("typeface", body_font)
    theme_part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                      standalone=True)


def color_scheme(colors: Mapping[str, str]) -> dict[str, str]:
    """The twelve Office scheme slots (hex without ``#``) filled from the theme's colours."""
    def hex_of(name: str) -> str:
        return colors[name].lstrip("#").upper()

    slots = {slot: hex_of(name) for name, slot in SCHEME_SLOTS.items()}
    slots.update(accent3=hex_of("heading"), accent4=hex_of("link"), accent5=hex_of("text"),
                 accent6=hex_of("code_background"), folHlink=hex_of("link"))
    return slots


def theme_colors(theme_part) -> dict[str, str]:
    """``{slot: hex}`` of a theme part's colour scheme (``sysClr`` read as its last colour)."""
    root = etree.fromstring(theme_part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    out = {}
    for el in root.find(f"{a}themeElements/{a}clrScheme"):
        value = el[0].get("val") if el[0].tag == f"{a}srgbClr" else el[0].get("lastClr")
        out[etree.QName(el).localname] = value
    return out


def theme_fonts(theme_part) -> tuple[str, str]:
    """``(major, minor)`` latin typefaces of a theme part."""
    root = etree.fromstring(theme_part.blob)
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    scheme = root.find(f"{a}themeElements/{a}fontScheme")
    return (scheme.find(f"{a}majorFont/{a}latin").get("typeface"),
            scheme.find(f"{a}minorFont/{a}latin").get("typeface"))


def set_background(c_sld_owner, fill_xml: str) -> None:
    """Give a master, layout or slide a solid background (``fill_xml`` is a colour element)."""
    c_sld = c_sld_owner.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    bg = parse_xml(f"<p:bg {nsdecls('p', 'a')}><p:bgPr><a:solidFill>{fill_xml}</a:solidFill>"
                   f"<a:effectLst/></p:bgPr></p:bg>")
    c_sld.insert(0, bg)


def set_text_styles(master_el, title_style: str, body_style: str) -> None:
    """Replace the master's title and body text styles (``lvlNpPr`` XML strings)."""
    styles = master_el.find(qn("p:txStyles"))
    for tag, inner in (("p:titleStyle", title_style), ("p:bodyStyle", body_style)):
        old = styles.find(qn(tag))
        new = parse_xml(f"<{tag} {nsdecls('p', 'a')}>{inner}</{tag}>")
        old.addprevious(new)
        styles.remove(old)


# -- layouts and placeholders --------------------------------------------------------------------

def replace_layout(layout_part, name: str, shapes_xml: Iterable[str],
                   background_xml: str | None = None) -> None:
    """Rewrite a slide layout part from scratch: its name, shapes and optional background."""
    bg = (f"<p:bg><p:bgPr><a:solidFill>{background_xml}</a:solidFill><a:effectLst/></p:bgPr>"
          f"</p:bg>" if background_xml else "")
    xml = (f'<p:sldLayout {nsdecls("a", "r", "p")} preserve="1"><p:cSld name="{_attr(name)}">'
           f'{bg}<p:spTree><p:nvGrpSpPr><p:cNvPr id="1" name=""/><p:cNvGrpSpPr/><p:nvPr/>'
           f'</p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/>'
           f'<a:chOff x="0" y="0"/><a:chExt cx="0" cy="0"/></a:xfrm></p:grpSpPr>'
           f'{"".join(shapes_xml)}</p:spTree></p:cSld><p:clrMapOvr><a:masterClrMapping/>'
           f'</p:clrMapOvr></p:sldLayout>')
    fresh = parse_xml(xml)
    element = layout_part._element  # edited in place: python-pptx proxies keep pointing at it
    for child in list(element):
        element.remove(child)
    for name_, value in fresh.attrib.items():
        element.set(name_, value)
    for key in [k for k in element.attrib if k not in fresh.attrib]:
        del element.attrib[key]
    for child in list(fresh):
        element.append(child)


def placeholder_xml(shape_id: int, name: str, ph: str, box: tuple[float, float, float, float],
                    prompt: str, lang: str, body_pr: str = "", lst_style: str = "") -> str:
    """A layout placeholder ``<p:sp>``; ``ph`` is the ``<p:ph>`` attributes, box in points."""
    x, y, w, h = (emu(v) for v in box)
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>'
            f'<p:spPr><a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'
            f'</p:spPr><p:txBody>{body_pr or "<a:bodyPr/>"}<a:lstStyle>{lst_style}</a:lstStyle>'
            f'<a:p><a:r><a:rPr lang="{lang}"/><a:t>{_text(prompt)}</a:t></a:r></a:p>'
            f'</p:txBody></p:sp>')


def rectangle_xml(shape_id: int, name: str, box: tuple[float, float, float, float],
                  fill_xml: str) -> str:
    """A plain filled rectangle (a design element on a layout: a band behind a title)."""
    x, y, w, h = (emu(v) for v in box)
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}"/><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr><a:xfrm><a:off x="{x}" y="{y}"/>'
            f'<a:ext cx="{w}" cy="{h}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom>'
            f'<a:solidFill>{fill_xml}</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p>'
            f'<a:endParaRPr lang="en-US"/></a:p></p:txBody></p:sp>')


def body_pr_xml(inset_x: float, inset_y: float, anchor: str = "t") -> str:
    """``<a:bodyPr>`` with explicit insets, word wrap, anchoring and shrink-on-overflow."""
    lr, tb = emu(inset_x), emu(inset_y)
    return (f'<a:bodyPr vert="horz" wrap="square" lIns="{lr}" tIns="{tb}" rIns="{lr}" '
            f'bIns="{tb}" rtlCol="0" anchor="{anchor}"><a:normAutofit/></a:bodyPr>')


def set_body_pr(sp_el, inset_x: float, inset_y: float, anchor: str) -> None:
    """Replace a shape's ``<a:bodyPr>`` by :func:`body_pr_xml`."""
    tx_body = sp_el.find(qn("p:txBody"))
    old = tx_body.find(qn("a:bodyPr"))
    new = parse_xml(body_pr_xml(inset_x, inset_y, anchor).replace(
        "<a:bodyPr ", f"<a:bodyPr {nsdecls('a')} ", 1))
    old.addprevious(new)
    tx_body.remove(old)


def remove_shape(shape_el) -> None:
    """Take a shape (an unused placeholder) off its slide."""
    shape_el.getparent().remove(shape_el)


def copy_placeholder(layout_sp, slide_spTree, box_emu: tuple[int, int, int, int] | None) -> object:
    """Copy a layout's footer/slide-number/date placeholder onto a slide with a fresh shape id."""
    sp = copy.deepcopy(layout_sp)
    ids = [int(v) for v in slide_spTree.xpath(".//p:cNvPr/@id")]
    sp.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", str(max(ids, default=1) + 1))
    sp_pr = sp.find(qn("p:spPr"))
    for child in list(sp_pr):
        sp_pr.remove(child)
    if box_emu is not None:
        x, y, w, h = box_emu
        sp_pr.append(parse_xml(f'<a:xfrm {nsdecls("a")}><a:off x="{x}" y="{y}"/>'
                               f'<a:ext cx="{w}" cy="{h}"/></a:xfrm>'))
    tx_body = sp.find(qn("p:txBody"))
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    slide_spTree.append(sp)
    return sp


def fill_footer(sp, text: str, lang: str) -> None:
    """Put plain ``text`` into a copied footer placeholder."""
    sp.find(qn("p:txBody")).append(parse_xml(
        f'<a:p {nsdecls("a")}><a:r><a:rPr lang="{lang}" dirty="0"/><a:t>{_text(text)}</a:t>'
        f'</a:r><a:endParaRPr lang="{lang}" dirty="0"/></a:p>'))


def fill_slide_number(sp, number: int, lang: str) -> None:
    """Put a slide-number field (``<a:fld type="slidenum">``) into a copied placeholder."""
    sp.find(qn("p:txBody")).append(parse_xml(
        f'<a:p {nsdecls("a")}><a:fld id="{SLIDE_NUMBER_FIELD_ID}" type="slidenum">'
        f'<a:rPr lang="{lang}"/><a:t>{number}</a:t></a:fld>'
        f'<a:endParaRPr lang="{lang}" dirty="0"/></a:p>'))


def find_layout_placeholder(layout_el, ph_type: str):
    """The layout's (or master's) ``<p:sp>`` whose placeholder type is ``ph_type``, or None."""
    found = layout_el.xpath(f".//p:sp[p:nvSpPr/p:nvPr/p:ph[@type='{ph_type}']]")
    return found[0] if found else None


# -- paragraphs and runs -------------------------------------------------------------------------

def paragraph_format(p_el, level: int, margin_left: float, indent: float,
                     space_after: float, line: float, bullet: str | None,
                     bullet_font: str = "Arial", bullet_color: str = "") -> None:
    """Set a paragraph's level, left margin and first-line indent (points), spacing and bullet."""
    old = p_el.find(qn("a:pPr"))
    if old is not None:
        p_el.remove(old)
    if bullet is None:
        bu = "<a:buNone/>"
    else:
        clr = f"<a:buClr>{bullet_color}</a:buClr>" if bullet_color else ""
        bu = (f'{clr}<a:buSzPct val="100000"/><a:buFont typeface="{_attr(bullet_font)}"/>'
              f'<a:buChar char="{_attr(bullet)}"/>')
    ppr = parse_xml(
        f'<a:pPr {nsdecls("a")} marL="{emu(margin_left)}" lvl="{level}" indent="{emu(indent)}">'
        f'<a:lnSpc><a:spcPct val="{int(round(line * 100000))}"/></a:lnSpc>'
        f'<a:spcBef><a:spcPts val="0"/></a:spcBef>'
        f'<a:spcAft><a:spcPts val="{int(round(space_after * 100))}"/></a:spcAft>{bu}</a:pPr>')
    p_el.insert(0, ppr)


def tag_language(txBody_el, lang: str) -> None:
    """Set ``lang`` on every run, field and end-of-paragraph property in a text body."""
    for tag in ("a:r", "a:fld"):
        for r in txBody_el.iter(qn(tag)):
            rpr = r.find(qn("a:rPr"))
            if rpr is None:
                rpr = etree.SubElement(r, qn("a:rPr"))
                r.insert(0, rpr)
            rpr.set("lang", lang)
    for p in txBody_el.iter(qn("a:p")):
        end = p.find(qn("a:endParaRPr"))
        if end is None:
            end = etree.SubElement(p, qn("a:endParaRPr"))
        end.set("lang", lang)


def set_end_size(p_el, size: float) -> None:
    """Give a paragraph's end mark the paragraph's size (so an emptied line keeps its height)."""
    end = p_el.find(qn("a:endParaRPr"))
    if end is None:
        end = etree.SubElement(p_el, qn("a:endParaRPr"))
    end.set("sz", str(int(round(size * 100))))


def set_alt_text(pic_el, alt: str, name: str | None = None) -> None:
    """Put the picture's alternative text in ``descr`` (never the file name)."""
    c_nv_pr = pic_el.find(qn("p:nvPicPr")).find(qn("p:cNvPr"))
    c_nv_pr.set("descr", alt)
    if name:
        c_nv_pr.set("name", name)


def set_presentation_language(presentation_el, lang: str) -> None:
    """The default language of new text in the presentation (``defaultTextStyle``)."""
    for def_ppr in presentation_el.iter(qn("a:defPPr")):
        for def_rpr in def_ppr.iter(qn("a:defRPr")):
            def_rpr.set("lang", lang)


# -- package -------------------------------------------------------------------------------------

class PartnameAllocator:
    """Hands out the next free part name per template, scanning the package once per template.

    python-pptx's ``OpcPackage.next_partname`` walks every part of the package on every call,
    so adding n notes slides costs O(n²). This keeps a counter per template instead; it stays
    correct because parts are only added while a deck is rendered.
    """

    def __init__(self, package: OpcPackage) -> None:
        self.package = package
        self.scan = package.next_partname  # the original, slow method
        self.used: dict[str, set[str]] = {}
        self.next: dict[str, int] = {}

    def __call__(self, tmpl: str) -> PackURI:
        if tmpl not in self.used:
            prefix = tmpl[: (tmpl % 42).find("42")]
            self.used[tmpl] = {str(p.partname) for p in self.package.iter_parts()
                               if p.partname.startswith(prefix)}
            self.next[tmpl] = 1
        n = self.next[tmpl]
        while tmpl % n in self.used[tmpl]:
            n += 1
        self.used[tmpl].add(tmpl % n)
        self.next[tmpl] = n + 1
        return PackURI(tmpl % n)


def speed_up_partnames(package: OpcPackage) -> PartnameAllocator:
    """Replace ``package.next_partname`` (this package only) by a :class:`PartnameAllocator`."""
    allocator = PartnameAllocator(package)
    package.next_partname = allocator  # type: ignore[method-assign]
    return allocator


def drop_package_relationship(package: OpcPackage, reltype: str) -> None:
    """Remove package-level relationships of ``reltype`` (e.g. a stale template thumbnail)."""
    for rId, rel in list(package._rels.items()):
        if rel.reltype == reltype:
            package._rels.pop(rId)


def deterministic_zip(data: bytes, date_time: tuple[int, ...] = ZIP_EPOCH) -> bytes:
    """Rewrite a zip with entries in a fixed order and fixed timestamps and attributes.

    ``[Content_Types].xml`` comes first and ``_rels/.rels`` second (as Office writes them);
    the remaining entries follow in name order.
    """
    with zipfile.ZipFile(io.BytesIO(data)) as src:
        entries = {info.filename: src.read(info) for info in src.infolist()}
    first = ["[Content_Types].xml", "_rels/.rels"]
    names = [n for n in first if n in entries] + sorted(n for n in entries if n not in first)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    value = _XML_BAD.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _attr(value: str) -> str:
    return _text(value).replace('"', "&quot;")
