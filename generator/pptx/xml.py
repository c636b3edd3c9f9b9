"""The one place that edits PPTX XML directly, for what python-pptx has no API for."""

from __future__ import annotations

import copy
import io
import posixpath
import re
import struct
import zipfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from lxml import etree

if TYPE_CHECKING:  # python-pptx is imported only where a base or a template is built
    from pptx.opc.package import OpcPackage
    from pptx.opc.packuri import PackURI
    from pptx.parts.image import ImagePart

EMU_PER_PT = 12700
SLIDE_NUMBER_FIELD_ID = "{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}"
ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)
NAMESPACES = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
              "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
              "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}
# python-pptx's parser options: a part parsed here serializes exactly as python-pptx saves it.
_PARSER = etree.XMLParser(remove_blank_text=True, resolve_entities=False)

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


def qn(tag: str) -> str:
    """``p:cSld`` as lxml's Clark notation, ``{namespace}cSld`` (python-pptx's ``qn``)."""
    prefix, name = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{name}"


def nsdecls(*prefixes: str) -> str:
    """``xmlns:`` declarations of ``prefixes`` (python-pptx's ``nsdecls``)."""
    return " ".join(f'xmlns:{prefix}="{NAMESPACES[prefix]}"' for prefix in prefixes)


def parse_xml(xml: str | bytes):
    """An element with python-pptx's element classes, to edit a base or template through it."""
    from pptx.oxml import parse_xml as pptx_parse_xml

    return pptx_parse_xml(xml)


@lru_cache(maxsize=512)  # in deck watch, the slides an edit did not touch come back unchanged
def part_blob(xml: str) -> bytes:
    """A part's bytes from its XML text, as python-pptx would parse and save them."""
    return etree.tostring(etree.fromstring(xml, _PARSER), encoding="UTF-8", standalone=True)


def emu(points: float) -> int:
    """Points to English Metric Units (1 pt = 12 700 EMU), rounded to whole units."""
    return int(round(points * EMU_PER_PT))


# -- colours and fonts ---------------------------------------------------------------------------

def color_xml(value: str, colors: Mapping[str, str], alpha: float | None = None) -> str:
    """A DrawingML colour element: a scheme reference for a theme colour, else ``srgbClr``;
    ``alpha``: its opacity (0–1), written when given.

    ``value`` is a theme colour name (``accent``) or a hex colour; a hex equal to a theme
    colour still becomes a scheme reference, so recolouring the theme recolours it.
    """
    ref = SCHEME_REFS.get(value) or next(
        (SCHEME_REFS[name] for name, hex_value in colors.items()
         if name in SCHEME_REFS and hex_value.upper() == value.upper()), None)
    tag, val = ("schemeClr", ref) if ref else ("srgbClr", value.lstrip("#").upper())
    if alpha is None:
        return f'<a:{tag} val="{val}"/>'
    return f'<a:{tag} val="{val}"><a:alpha val="{int(alpha * 100000)}"/></a:{tag}>'


def write_theme(package: OpcPackage, master_part, name: str, colors: Mapping[str, str],
                heading_font: str, body_font: str) -> None:
    """Write the deck theme's colour scheme and font scheme into the master's theme part."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

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


SVG_BLIP_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"
SVG_NAMESPACE = "http://schemas.microsoft.com/office/drawing/2016/SVG/main"


def blip_xml(rid: str, svg_rid: str | None = None) -> str:
    """``<a:blip>`` of the picture related as ``rid``; with ``svg_rid``, the SVG original in
    PowerPoint's ``asvg:svgBlip`` extension (``rid`` is then its PNG fallback, which clients
    without SVG show)."""
    if svg_rid is None:
        return f'<a:blip r:embed="{_attr(rid)}"/>'
    return (f'<a:blip r:embed="{_attr(rid)}"><a:extLst><a:ext uri="{SVG_BLIP_URI}">'
            f'<asvg:svgBlip xmlns:asvg="{SVG_NAMESPACE}" r:embed="{_attr(svg_rid)}"/>'
            "</a:ext></a:extLst></a:blip>")


def set_background_picture(c_sld_owner, rid: str, svg_rid: str | None = None) -> None:
    """Give a master, layout or slide a picture background: the image related as ``rid`` (an
    SVG's fallback when ``svg_rid`` is its original), stretched over the whole slide."""
    c_sld = c_sld_owner.find(qn("p:cSld"))
    old = c_sld.find(qn("p:bg"))
    if old is not None:
        c_sld.remove(old)
    bg = parse_xml(f'<p:bg {nsdecls("p", "a", "r")}><p:bgPr><a:blipFill>'
                   f'{blip_xml(rid, svg_rid)}<a:stretch><a:fillRect/></a:stretch></a:blipFill>'
                   f'<a:effectLst/></p:bgPr></p:bg>')
    c_sld.insert(0, bg)


def add_master_picture(c_sld_owner, name: str, descr: str, rid: str,
                       box_emu: tuple[int, int, int, int], svg_rid: str | None = None) -> None:
    """Put a picture (a logo) on a master or layout, on top of its other shapes, with the next
    free shape id. It is a user-drawn design shape, not a placeholder: slides show it from the
    master and never get a copy of it."""
    sp_tree = c_sld_owner.find(qn("p:cSld")).find(qn("p:spTree"))
    ids = [int(v) for v in sp_tree.xpath(".//p:cNvPr/@id") if str(v).isdigit()]
    shape_id = max([1, *ids]) + 1
    pic = parse_xml(
        f'<p:pic {nsdecls("p", "a", "r")}><p:nvPicPr><p:cNvPr id="{shape_id}" '
        f'name="{_attr(name)}" descr="{_attr(descr)}"/><p:cNvPicPr><a:picLocks '
        f'noChangeAspect="1"/></p:cNvPicPr><p:nvPr userDrawn="1"/></p:nvPicPr><p:blipFill>'
        f'{blip_xml(rid, svg_rid)}<a:stretch><a:fillRect/></a:stretch></p:blipFill>'
        f'<p:spPr>{_xfrm(box_emu)}'
        f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></p:spPr></p:pic>')
    ext_lst = sp_tree.find(qn("p:extLst"))
    if ext_lst is not None:
        ext_lst.addprevious(pic)
    else:
        sp_tree.append(pic)


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
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}"/><p:cNvSpPr>'
            f'<a:spLocks noGrp="1"/></p:cNvSpPr><p:nvPr><p:ph {ph}/></p:nvPr></p:nvSpPr>'
            f'<p:spPr>{_xfrm(tuple(emu(v) for v in box))}'
            f'</p:spPr><p:txBody>{body_pr or "<a:bodyPr/>"}<a:lstStyle>{lst_style}</a:lstStyle>'
            f'<a:p><a:r><a:rPr lang="{lang}"/><a:t>{_text(prompt)}</a:t></a:r></a:p>'
            f'</p:txBody></p:sp>')


def rectangle_xml(shape_id: int, name: str, box: tuple[float, float, float, float],
                  fill_xml: str, geometry: str = "rect", lang: str = "en-US") -> str:
    """A plain filled rectangle (a design element on a layout: a band behind a title), or
    another preset ``geometry`` (``ellipse``); ``lang`` tags its empty paragraph (on a slide:
    the deck's language)."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}"/><p:cNvSpPr/>'
            f'<p:nvPr userDrawn="1"/></p:nvSpPr><p:spPr>{_xfrm(tuple(emu(v) for v in box))}'
            f'<a:prstGeom prst="{geometry}"><a:avLst/></a:prstGeom>'
            f'<a:solidFill>{fill_xml}</a:solidFill><a:ln><a:noFill/></a:ln></p:spPr>'
            f'<p:txBody><a:bodyPr rtlCol="0" anchor="ctr"/><a:lstStyle/><a:p>'
            f'<a:endParaRPr lang="{_attr(lang)}"/></a:p></p:txBody></p:sp>')


def body_pr_xml(inset_x: float, inset_y: float, anchor: str = "t", shrink: bool = False
                ) -> str:
    """``<a:bodyPr>`` with explicit insets, word wrap and anchoring; ``shrink``: PowerPoint's
    *Shrink text on overflow* (``<a:normAutofit/>``), which the layouts' placeholders carry.

    A slide's text frames carry no autofit element: a placeholder inherits its layout's (so
    PowerPoint shrinks text that outgrows it), while LibreOffice applies only an autofit the
    slide itself states, and would squeeze lines that fit (docs/pptx.md, *Autofit*)."""
    lr, tb = emu(inset_x), emu(inset_y)
    head = (f'<a:bodyPr vert="horz" wrap="square" lIns="{lr}" tIns="{tb}" rIns="{lr}" '
            f'bIns="{tb}" rtlCol="0" anchor="{anchor}"')
    return f"{head}><a:normAutofit/></a:bodyPr>" if shrink else f"{head}/>"


def set_body_pr(sp_el, inset_x: float, inset_y: float, anchor: str) -> None:
    """Replace a master placeholder's ``<a:bodyPr>`` by :func:`body_pr_xml` (shrinking text on
    overflow)."""
    tx_body = sp_el.find(qn("p:txBody"))
    old = tx_body.find(qn("a:bodyPr"))
    new = parse_xml(body_pr_xml(inset_x, inset_y, anchor, shrink=True).replace(
        "<a:bodyPr ", f"<a:bodyPr {nsdecls('a')} ", 1))
    old.addprevious(new)
    tx_body.remove(old)


def remove_shape(shape_el) -> None:
    """Take a shape (an unused placeholder) off its slide."""
    shape_el.getparent().remove(shape_el)


def find_layout_placeholder(layout_el, ph_type: str):
    """The layout's (or master's) ``<p:sp>`` whose placeholder type is ``ph_type``, or None."""
    found = layout_el.xpath(f".//p:sp[p:nvSpPr/p:nvPr/p:ph[@type='{ph_type}']]")
    return found[0] if found else None


# -- paragraphs and runs -------------------------------------------------------------------------
# A text frame's paragraphs are written as one XML string and parsed once with the rest of the
# slide: the same elements python-pptx's run/font/colour proxies would build, in schema order,
# without a proxy and an XPath search per attribute.

def ppr_xml(level: int, margin_left: float, indent: float, space_after: float, line: float,
            bullet: str | None, bullet_font: str = "Arial", bullet_color: str = "",
            rtl: bool = False, hanging: bool = True, align: str = "",
            margin_right: float = 0.0) -> str:
    """``<a:pPr>``: level, left margin and first-line indent (points), spacing, bullet and an
    optional alignment (``ctr``); ``rtl``: a right-to-left paragraph (right-aligned unless
    ``align`` says otherwise, its margin and bullet on the right); ``hanging`` false: East
    Asian punctuation may not hang past the box at a line end; ``margin_right``: a right
    margin (points) that narrows the paragraph's lines."""
    if bullet is None:
        bu = "<a:buNone/>"
    else:
        clr = f"<a:buClr>{bullet_color}</a:buClr>" if bullet_color else ""
        bu = (f'{clr}<a:buSzPct val="100000"/><a:buFont typeface="{_attr(bullet_font)}"/>'
              f'<a:buChar char="{_attr(bullet)}"/>')
    algn = align or ("r" if rtl else "")
    extra = (f' algn="{algn}"' if algn else "") + (' rtl="1"' if rtl else "") + (
        "" if hanging else ' hangingPunct="0"')
    # marR is written even when 0: LibreOffice carries a paragraph's right margin over to the
    # paragraphs after it that do not set their own
    return (f'<a:pPr marL="{emu(margin_left)}" marR="{emu(margin_right)}" lvl="{level}" '
            f'indent="{emu(indent)}"{extra}>'
            f'<a:lnSpc><a:spcPct val="{int(round(line * 100000))}"/></a:lnSpc>'
            f'<a:spcBef><a:spcPts val="0"/></a:spcBef>'
            f'<a:spcAft><a:spcPts val="{int(round(space_after * 100))}"/></a:spcAft>{bu}</a:pPr>')


# The baseline shift of a run (``a:rPr/@baseline``, thousandths of a percent of the font size)
# as PowerPoint's Subscript and Superscript buttons set it; both programs then draw it smaller.
BASELINES = {"sub": -25000, "sup": 30000}


def run_xml(text: str, size: float | None, bold: bool, italic: bool, lang: str,
            typeface: str | None, color: str | None = None, link_rid: str | None = None,
            script_fonts: Mapping[str, str] | None = None, highlight: str | None = None,
            script: str | None = None, underline: bool = False, strike: bool = False) -> str:
    """One ``<a:r>``: size (points), bold, italic, language, latin typeface (``None``: the
    placeholder's own), an optional colour element (:func:`color_xml`), an optional
    ``hlinkClick`` to relationship ``link_rid`` and the East Asian (``"ea"``) and complex
    script (``"cs"``) typefaces of ``script_fonts``; ``script`` ``"sub"`` or ``"sup"`` shifts
    its baseline, ``underline`` and ``strike`` draw a single line. A line break (``"\\n"``)
    in ``text`` becomes an ``<a:br>`` between runs of the same style."""
    attrs = f' sz="{int(size * EMU_PER_PT) // 127}"' if size is not None else ""
    if bold:
        attrs += ' b="1"'
    if italic:
        attrs += ' i="1"'
    if underline:
        attrs += ' u="sng"'
    if strike:
        attrs += ' strike="sngStrike"'
    if script:
        attrs += f' baseline="{BASELINES[script]}"'
    fill = f"<a:solidFill>{color}</a:solidFill>" if color else ""
    if highlight:  # a colour element behind the text (inline code), as the HTML shades it
        fill += f"<a:highlight>{highlight}</a:highlight>"
    fonts = f'<a:latin typeface="{_attr(typeface)}"/>' if typeface else ""
    for slot in ("ea", "cs"):
        if script_fonts and script_fonts.get(slot):
            fonts += f'<a:{slot} typeface="{_attr(script_fonts[slot])}"/>'
    link = f'<a:hlinkClick r:id="{link_rid}"/>' if link_rid else ""
    rpr = f'<a:rPr{attrs} lang="{_attr(lang)}">{fill}{fonts}{link}</a:rPr>'
    if "\n" not in text:
        return f'<a:r>{rpr}<a:t>{_run_text(text)}</a:t></a:r>'
    brk = f'<a:br><a:rPr{attrs} lang="{_attr(lang)}">{fill}{fonts}</a:rPr></a:br>'
    return brk.join(f'<a:r>{rpr}<a:t>{_run_text(line)}</a:t></a:r>' if line else ""
                    for line in text.split("\n"))


def gap_run_xml(char: str, size: float, spacing: float, bold: bool, lang: str,
                typeface: str | None, shift: float = 0.0) -> str:
    """The place of an inline formula in a fallback's text: ``char`` (a no-break space) at
    ``size`` points with ``spacing`` points of letter spacing (``a:rPr/@spc``), its baseline
    shifted by ``shift`` times its size (negative: down) where the formula reaches below."""
    attrs = f' sz="{int(size * EMU_PER_PT) // 127}" spc="{int(round(spacing * 100))}"'
    if shift:
        attrs += f' baseline="{int(round(shift * 100000))}"'
    if bold:
        attrs += ' b="1"'
    fonts = f'<a:latin typeface="{_attr(typeface)}"/>' if typeface else ""
    return f'<a:r><a:rPr lang="{_attr(lang)}"{attrs}>{fonts}</a:rPr><a:t>{char}</a:t></a:r>'


def paragraph_xml(ppr: str, runs: str, lang: str, end_size: float | None = None) -> str:
    """``<a:p>`` from :func:`ppr_xml` and :func:`run_xml` strings, with its end-of-paragraph mark
    (sized like the paragraph, so an emptied line keeps its height)."""
    size = f' sz="{int(round(end_size * 100))}"' if end_size is not None else ""
    return f'<a:p>{ppr}{runs}<a:endParaRPr{size} lang="{_attr(lang)}"/></a:p>'


# Office Math in a slide: PowerPoint 2010+ reads the ``a14:m`` choice (an editable equation);
# LibreOffice and other clients without Office Math take the fallback runs (the formula as text).
# The choice names the a14 namespace through a second prefix, ``a14m``: an MCE reader resolves
# prefixes to namespaces (PowerPoint takes the choice), while LibreOffice matches the literal
# text "a14" (and would then drop the formula when its Math module is not installed).
MATH_NAMESPACES = {"mc": "http://schemas.openxmlformats.org/markup-compatibility/2006",
                   "a14": "http://schemas.microsoft.com/office/drawing/2010/main",
                   "a14m": "http://schemas.microsoft.com/office/drawing/2010/main",
                   "m": "http://schemas.openxmlformats.org/officeDocument/2006/math"}


def math_xml(omml: str, fallback_runs: str) -> str:
    """A formula inside a paragraph: ``<m:oMath>``/``<m:oMathPara>`` for clients that know
    Office Math, ``fallback_runs`` (``<a:r>`` elements) for the others."""
    return ('<mc:AlternateContent><mc:Choice Requires="a14m"><a14:m>'
            f"{omml}</a14:m></mc:Choice><mc:Fallback>{fallback_runs}</mc:Fallback>"
            "</mc:AlternateContent>")


def math_alternate_xml(choice: str, fallback: str) -> str:
    """A part of a slide written twice, as PowerPoint writes an equation's shape: ``choice``
    for clients that know Office Math (PowerPoint 2010+), ``fallback`` for the others. Used
    for a shape whose formulas the fallback draws as pictures (LibreOffice draws them), and
    for the slide's clicks, which in the fallback show those pictures and pieces."""
    return (f'<mc:AlternateContent><mc:Choice Requires="a14m">{choice}</mc:Choice>'
            f"<mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>")


def with_math_namespaces(xml: str) -> str:
    """A slide document with the namespaces of :func:`math_xml` declared on its root element,
    when it holds a formula (slides without one are left as they are)."""
    if "<mc:AlternateContent>" not in xml:
        return xml
    decls = "".join(f' xmlns:{k}="{v}"' for k, v in MATH_NAMESPACES.items())
    head = xml.index(">", xml.index("<p:"))
    return xml[:head] + decls + xml[head:]


def empty_paragraph_xml(lang: str) -> str:
    """The paragraph an empty text frame keeps."""
    return f'<a:p><a:endParaRPr lang="{_attr(lang)}"/></a:p>'


def font_color_xml(value: str, colors: Mapping[str, str], fallback_hex: str) -> str:
    """A run's colour: the theme reference :func:`color_xml` gives, else ``fallback_hex``."""
    ref = color_xml(value, colors)
    if ref.startswith("<a:schemeClr"):
        return ref
    return f'<a:srgbClr val="{fallback_hex.lstrip("#").upper()}"/>'


def slide_number_paragraph_xml(number: int, lang: str) -> str:
    """The paragraph of a slide-number placeholder: a ``<a:fld type="slidenum">`` field."""
    return (f'<a:p><a:fld id="{SLIDE_NUMBER_FIELD_ID}" type="slidenum">'
            f'<a:rPr lang="{_attr(lang)}"/><a:t>{number}</a:t></a:fld>'
            f'<a:endParaRPr lang="{_attr(lang)}" dirty="0"/></a:p>')


# -- slides, built as one XML string each --------------------------------------------------------
# python-pptx builds a slide by cloning every layout placeholder (an XPath search for the next
# shape id and name per shape) and then editing it through proxies. Here each layout's
# placeholders are cloned once, by python-pptx, into :class:`SlidePlaceholder` records when the
# base is built; a slide is then written as one string in the shape order and with the shape ids
# python-pptx would give, and parsed once.

_STD_DECL = re.compile(" xmlns:(?:%s)=\"(?:%s)\"" % (
    "|".join(NAMESPACES), "|".join(map(re.escape, NAMESPACES.values()))))


def _fragment(el) -> str:
    """``el`` as XML text to embed in a document that declares the a/p/r namespaces."""
    xml = etree.tostring(el, encoding=str)
    head_end = xml.index(">")
    return _STD_DECL.sub("", xml[:head_end]) + xml[head_end:]


def slide_document() -> tuple[str, str]:
    """A new slide's XML as python-pptx starts it, split where its shapes go: (opening up to
    the end of its shape tree, closing rest)."""
    from pptx.oxml.slide import CT_Slide

    xml = etree.tostring(CT_Slide.new(), encoding=str)
    cut = xml.index("</p:spTree>")
    return xml[:cut], xml[cut:]


@dataclass(frozen=True)
class SlidePlaceholder:
    """A placeholder as python-pptx clones it from a layout onto a new slide."""

    index: int              # position among the slide's placeholders (document order)
    shape_id: int
    type: int               # what ``placeholder_format.type`` reports (a ``PP_PLACEHOLDER``)
    left: int | None        # effective geometry, inherited from the layout (EMU)
    top: int | None
    width: int | None
    nv_xml: str             # its ``<p:nvSpPr>``
    height: int | None = None


_LAYOUT_CACHE: dict[tuple[bytes, bytes], tuple[SlidePlaceholder, ...]] = {}
_CACHE_LIMIT = 64


def _cached(cache: dict, key, make):
    """``cache[key]``, made by ``make()`` on a miss (the cache is emptied when it is full)."""
    value = cache.get(key)
    if value is None:
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        value = cache[key] = make()
    return value


def layout_placeholders(slide_layout) -> tuple[SlidePlaceholder, ...]:
    """The placeholders a new slide on ``slide_layout`` starts with. Kept in-process by the
    layout's and its master's XML (geometry can come from the master), as python-pptx's
    cloning and inheritance lookups cost more than a small deck's slides."""
    key = (etree.tostring(slide_layout._element),
           etree.tostring(slide_layout.slide_master._element))
    return _cached(_LAYOUT_CACHE, key, lambda: _layout_placeholders(slide_layout))


def _layout_placeholders(slide_layout) -> tuple[SlidePlaceholder, ...]:
    from pptx.oxml.slide import CT_Slide
    from pptx.shapes.shapetree import SlideShapes

    sld = CT_Slide.new()
    SlideShapes(sld.cSld.spTree, None).clone_layout_placeholders(slide_layout)
    # Each clone's geometry is its own layout placeholder's (clones come in layout order), not
    # the first of its idx: templates saved by LibreOffice give every body placeholder idx 0.
    sources = list(slide_layout.iter_cloneable_placeholders())
    out = []
    for i, sp in enumerate(sld.cSld.spTree.iter_ph_elms()):
        base = sources[i] if i < len(sources) else None
        out.append(SlidePlaceholder(
            i, int(sp.nvSpPr.cNvPr.get("id")), int(sp.ph_type),
            getattr(base, "left", None), getattr(base, "top", None), getattr(base, "width", None),
            _fragment(sp.nvSpPr), getattr(base, "height", None)))
    return tuple(out)


class SlideXml:
    """One slide's shapes as XML strings: filled layout placeholders in layout order, then added
    shapes in the order they were added. Shape ids follow python-pptx: one more than the largest
    id on the slide at the time (placeholders not yet removed count)."""

    def __init__(self, placeholders: Sequence[SlidePlaceholder],
                 document: tuple[str, str]) -> None:
        self.placeholders = placeholders
        self.document = document
        self.present = {ph.index: ph.shape_id for ph in placeholders}
        self.filled: dict[int, str] = {}
        self.added: list[tuple[int, str]] = []
        self.before: dict[int, list[tuple[int, str]]] = {}  # read before a placeholder (index)

    def next_id(self) -> int:
        early = (i for shapes in self.before.values() for i, _ in shapes)
        return max([1, *self.present.values(), *(i for i, _ in self.added), *early]) + 1

    def fill(self, ph: SlidePlaceholder, xml: str) -> None:
        self.filled[ph.index] = xml

    def remove(self, ph: SlidePlaceholder) -> None:
        self.present.pop(ph.index, None)
        self.filled.pop(ph.index, None)

    def replace(self, shape_id: int, xml: str) -> None:
        """Give an added shape (reserved with empty XML) its XML."""
        self.added = [(i, xml if i == shape_id else x) for i, x in self.added]

    def add(self, shape_id: int, xml: str, before: SlidePlaceholder | None = None) -> None:
        """Add a shape at the end, or (for the reading order) just ``before`` a placeholder."""
        if before is not None:
            self.before.setdefault(before.index, []).append((shape_id, xml))
        else:
            self.added.append((shape_id, xml))

    def xml(self) -> str:
        """The slide document; placeholders never filled are left out (removed)."""
        opening, closing = self.document
        shapes = [xml for i in sorted(self.filled)
                  for xml in [*(x for _, x in self.before.get(i, ())), self.filled[i]]]
        return "".join([opening, *shapes, *(xml for _, xml in self.added), closing])


def _xfrm(box_emu: tuple[int, int, int, int]) -> str:
    x, y, w, h = box_emu
    return f'<a:xfrm><a:off x="{x}" y="{y}"/><a:ext cx="{w}" cy="{h}"/></a:xfrm>'


def with_xfrm(sp_xml: str, box_emu: tuple[int, int, int, int]) -> str:
    """A shape's XML (``<p:sp>…``) placed at ``box_emu``: its ``a:xfrm`` replaced, or one
    added where it had none (a placeholder placed by its layout)."""
    xfrm = _xfrm(box_emu)
    found = re.search(r"<a:xfrm>.*?</a:xfrm>|<a:xfrm/>", sp_xml)
    if found:
        return sp_xml[:found.start()] + xfrm + sp_xml[found.end():]
    if "<p:spPr/>" in sp_xml:
        return sp_xml.replace("<p:spPr/>", f"<p:spPr>{xfrm}</p:spPr>", 1)
    return re.sub(r"<p:spPr([^>]*)>", lambda m: f"<p:spPr{m.group(1)}>{xfrm}", sp_xml, count=1)


def placeholder_sp_xml(ph: SlidePlaceholder, box_emu: tuple[int, int, int, int], body_pr: str,
                       paragraphs: str) -> str:
    """A cloned placeholder, placed at ``box_emu``, with ``body_pr`` and ``paragraphs``."""
    return (f'<p:sp>{ph.nv_xml}<p:spPr>{_xfrm(box_emu)}</p:spPr><p:txBody>{body_pr}'
            f'<a:lstStyle/>{paragraphs}</p:txBody></p:sp>')


def group_xml(shape_id: int, name: str, box_emu: tuple[int, int, int, int],
              children: str, descr: str = "") -> str:
    """A group of shapes (``p:grpSp``) that moves as one object; its children keep their own
    slide coordinates (the group's child extents equal its own); ``descr`` is its alt text."""
    x, y, w, h = box_emu
    alt = f' descr="{_attr(descr)}"' if descr else ""
    return (f'<p:grpSp><p:nvGrpSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}"{alt}/>'
            f'<p:cNvGrpSpPr/><p:nvPr/></p:nvGrpSpPr><p:grpSpPr><a:xfrm><a:off x="{x}" y="{y}"/>'
            f'<a:ext cx="{w}" cy="{h}"/><a:chOff x="{x}" y="{y}"/><a:chExt cx="{w}" cy="{h}"/>'
            f'</a:xfrm></p:grpSpPr>{children}</p:grpSp>')


def textbox_xml(shape_id: int, box_emu: tuple[int, int, int, int], body_pr: str,
                paragraphs: str) -> str:
    """A text box (python-pptx's ``add_textbox``) with ``body_pr`` and ``paragraphs``."""
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="TextBox {shape_id - 1}"/>'
            f'<p:cNvSpPr txBox="1"/><p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(box_emu)}'
            f'<a:prstGeom prst="rect"><a:avLst/></a:prstGeom><a:noFill/></p:spPr>'
            f'<p:txBody>{body_pr}<a:lstStyle/>{paragraphs}</p:txBody></p:sp>')


DECORATIVE_EXT = ('<a:extLst><a:ext uri="{C183D7F6-B498-43B3-948B-1728B52AA6E4}">'
                  '<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/'
                  '2017/decorative" val="1"/></a:ext></a:extLst>')


def picture_xml(shape_id: int, name: str, alt: str, rid: str,
                box_emu: tuple[int, int, int, int], decorative: bool = False,
                crop: tuple[float, float, float, float] | None = None,
                svg_rid: str | None = None) -> str:
    """A picture (python-pptx's ``add_picture``) with its alternative text in ``descr``; a
    decorative one has PowerPoint's "Mark as decorative" flag instead; ``crop``: the shares
    cut from its left, top, right and bottom (``a:srcRect``); ``svg_rid``: its SVG original
    (:func:`blip_xml`)."""
    flag = f">{DECORATIVE_EXT}</p:cNvPr>" if decorative else "/>"
    src = "" if crop is None else '<a:srcRect l="{}" t="{}" r="{}" b="{}"/>'.format(
        *(int(round(c * 100000)) for c in crop))
    return (f'<p:pic><p:nvPicPr><p:cNvPr id="{shape_id}" name="{_attr(name)}" '
            f'descr="{_attr("" if decorative else alt)}"{flag}'
            f'<p:cNvPicPr><a:picLocks noChangeAspect="1"/></p:cNvPicPr>'
            f'<p:nvPr/></p:nvPicPr><p:blipFill>{blip_xml(rid, svg_rid)}{src}<a:stretch>'
            f'<a:fillRect/>'
            f'</a:stretch></p:blipFill><p:spPr>{_xfrm(box_emu)}<a:prstGeom prst="rect">'
            f'<a:avLst/></a:prstGeom></p:spPr></p:pic>')


TABLE_URI = "http://schemas.openxmlformats.org/drawingml/2006/table"
# PowerPoint's built-in "No Style, No Grid": the table style adds nothing, so the cells' own
# lines and fills (the quiet style the layout chose) are all that is drawn.
TABLE_STYLE_ID = "{2D5ABB26-0587-4C30-8999-92F81FD0307C}"


def table_xml(shape_id: int, name: str, box_emu: tuple[int, int, int, int],
              widths: Sequence[int], rows: Sequence[tuple[int, str]], rtl: bool = False) -> str:
    """A native table (``p:graphicFrame`` holding an ``a:tbl``) with its header row flagged,
    on PowerPoint's plain table style (the cells carry their own lines and fills); ``rows``
    are ``(height, cells_xml)`` pairs; ``rtl``: columns run from right to left."""
    grid = "".join(f'<a:gridCol w="{w}"/>' for w in widths)
    direction = ' rtl="1"' if rtl else ""
    trs = "".join(f'<a:tr h="{h}">{cells}</a:tr>' for h, cells in rows)
    return (f'<p:graphicFrame><p:nvGraphicFramePr><p:cNvPr id="{shape_id}" '
            f'name="{_attr(name)}"/><p:cNvGraphicFramePr><a:graphicFrameLocks noGrp="1"/>'
            f'</p:cNvGraphicFramePr><p:nvPr/></p:nvGraphicFramePr>'
            f'<p:xfrm><a:off x="{box_emu[0]}" y="{box_emu[1]}"/>'
            f'<a:ext cx="{box_emu[2]}" cy="{box_emu[3]}"/></p:xfrm>'
            f'<a:graphic><a:graphicData uri="{TABLE_URI}"><a:tbl>'
            f'<a:tblPr{direction} firstRow="1">'
            f'<a:tableStyleId>{TABLE_STYLE_ID}</a:tableStyleId></a:tblPr><a:tblGrid>{grid}</a:tblGrid>{trs}</a:tbl></a:graphicData></a:graphic>'
            f'</p:graphicFrame>')


def table_cell_xml(paragraphs: str, inset_x: float, inset_y: float, fill: str | None,
                   top: tuple[float, str] | None = None,
                   bottom: tuple[float, str] | None = None) -> str:
    """One ``a:tc``: its paragraphs, margins (points), an optional fill colour element, and
    the lines over and under it as ``(width pt, colour element)`` (none at its sides)."""
    fill_xml = f"<a:solidFill>{fill}</a:solidFill>" if fill else "<a:noFill/>"
    return (f'<a:tc><a:txBody><a:bodyPr/><a:lstStyle/>{paragraphs}</a:txBody>'
            f'<a:tcPr marL="{emu(inset_x)}" marR="{emu(inset_x)}" marT="{emu(inset_y)}" '
            f'marB="{emu(inset_y)}">{_cell_line("lnL")}{_cell_line("lnR")}'
            f'{_cell_line("lnT", top)}{_cell_line("lnB", bottom)}{fill_xml}</a:tcPr></a:tc>')


def _cell_line(side: str, line: tuple[float, str] | None = None) -> str:
    """A cell border: ``(width pt, colour element)``, or none."""
    if line is None:
        return f'<a:{side} w="0"><a:noFill/></a:{side}>'
    width, color = line
    return (f'<a:{side} w="{emu(width)}" cap="flat" cmpd="sng" algn="ctr"><a:solidFill>'
            f'{color}</a:solidFill><a:prstDash val="solid"/></a:{side}>')


_ID_MARK = "4242424242"
_TEXT_MARK = "<a:p><a:r><a:t>@@text@@</a:t></a:r></a:p>"


@dataclass(frozen=True)
class PlaceholderCopy:
    """A layout's (or master's) footer/slide-number/date placeholder as slides copy it, split
    where its shape id and its paragraphs go."""

    head: str
    middle: str
    tail: str

    def xml(self, shape_id: int, paragraphs: str) -> str:
        return f'{self.head}id="{shape_id}"{self.middle}{paragraphs}{self.tail}'


def placeholder_copy(layout_sp, box_emu: tuple[int, int, int, int] | None) -> PlaceholderCopy:
    """The :class:`PlaceholderCopy` of ``layout_sp``: its position cleared (or set to
    ``box_emu``) and its paragraphs taken out."""
    sp = copy.deepcopy(layout_sp)
    sp.find(qn("p:nvSpPr")).find(qn("p:cNvPr")).set("id", _ID_MARK)
    sp_pr = sp.find(qn("p:spPr"))
    for child in list(sp_pr):
        sp_pr.remove(child)
    if box_emu is not None:
        sp_pr.append(parse_xml(_xfrm(box_emu).replace("<a:xfrm>",
                                                      f"<a:xfrm {nsdecls('a')}>", 1)))
    tx_body = sp.find(qn("p:txBody"))
    for p in tx_body.findall(qn("a:p")):
        tx_body.remove(p)
    tx_body.append(parse_xml(_TEXT_MARK.replace("<a:p>", f"<a:p {nsdecls('a')}>", 1)))
    xml = _fragment(sp)
    head, rest = xml.split(f'id="{_ID_MARK}"', 1)
    middle, tail = rest.split(_TEXT_MARK)
    return PlaceholderCopy(head, middle, tail)


@dataclass(frozen=True)
class NotesTemplate:
    """A notes slide as python-pptx makes it from the notes master (its slide image, notes and
    slide-number placeholders), split where the notes paragraphs go."""

    head: str
    tail: str
    has_text: bool  # False when the master has no notes placeholder: the notes stay empty

    def xml(self, paragraphs: str) -> str:
        return f"{self.head}{paragraphs}{self.tail}"


def notes_template(notes_master) -> NotesTemplate:
    """The :class:`NotesTemplate` of python-pptx's ``notes_master``."""
    from pptx.oxml.slide import CT_NotesSlide
    from pptx.slide import NotesSlide

    el = CT_NotesSlide.new()
    notes = NotesSlide(el, None)
    notes.clone_master_placeholders(notes_master)
    body = notes.notes_placeholder
    if body is not None:
        tx_body = body._element.get_or_add_txBody()
        for p in tx_body.findall(qn("a:p")):
            tx_body.remove(p)
        tx_body.append(parse_xml(_TEXT_MARK.replace("<a:p>", f"<a:p {nsdecls('a')}>", 1)))
    head, _, tail = etree.tostring(el, encoding=str).partition(_TEXT_MARK)
    return NotesTemplate(head, tail, body is not None)


class ImageParts:
    """Image parts of a python-pptx package by SHA1, so adding a picture does not walk the
    whole package (python-pptx walks every relationship twice per picture)."""

    def __init__(self, package: OpcPackage) -> None:
        self.package = package
        self.by_sha1: dict[str, ImagePart] | None = None
        self.used: set[int] = set()
        self.next = 1

    def _scan(self) -> dict[str, ImagePart]:
        from pptx.opc.constants import RELATIONSHIP_TYPE as RT

        if self.by_sha1 is None:
            self.by_sha1 = {}
            for part in self.package.iter_parts():
                if part.partname.startswith("/ppt/media/image") and part.partname.idx is not None:
                    self.used.add(part.partname.idx)
            for rel in self.package.iter_rels():
                if not rel.is_external and rel.reltype == RT.IMAGE:
                    part = rel.target_part
                    if hasattr(part, "sha1"):
                        self.by_sha1.setdefault(part.sha1, part)
        return self.by_sha1

    def add(self, slide_part, blob: bytes, ext: str, content_type: str) -> tuple[ImagePart, str]:
        """The image part holding ``blob`` (an existing one with the same bytes if any; a new
        one named with ``ext`` and of ``content_type``) and the id of ``slide_part``'s
        relationship to it."""
        import hashlib

        from pptx.opc.constants import RELATIONSHIP_TYPE as RT
        from pptx.opc.packuri import PackURI
        from pptx.parts.image import ImagePart

        by_sha1 = self._scan()
        sha1 = hashlib.sha1(blob).hexdigest()
        part = by_sha1.get(sha1)
        if part is None:
            while self.next in self.used:
                self.next += 1
            self.used.add(self.next)
            partname = PackURI(f"/ppt/media/image{self.next}.{ext}")
            part = ImagePart(partname, content_type, self.package, blob)
            by_sha1[sha1] = part
        return part, slide_part.relate_to(part, RT.IMAGE)


def set_presentation_language(presentation_el, lang: str) -> None:
    """The default language of new text in the presentation (``defaultTextStyle``)."""
    for def_ppr in presentation_el.iter(qn("a:defPPr")):
        for def_rpr in def_ppr.iter(qn("a:defRPr")):
            def_rpr.set("lang", lang)


def set_slide_size(presentation_el, cx: int, cy: int) -> None:
    """The slide size (EMU). ``type="screen4x3"`` is kept only for a 10 x 7.5 in slide, as
    PowerPoint writes it; its own 16:9 default (13.33 x 7.5 in) has no ``type``."""
    sld_sz = presentation_el.find(qn("p:sldSz"))
    sld_sz.set("cx", str(cx))
    sld_sz.set("cy", str(cy))
    if (cx, cy) == (9144000, 6858000):
        sld_sz.set("type", "screen4x3")
    else:
        sld_sz.attrib.pop("type", None)


SECTION_LIST_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"  # p14:sectionLst (PowerPoint 2010)
_P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"


def drop_slide_references(presentation_el) -> None:
    """Remove what lists slides by id beside the slide list itself: the custom shows
    (``p:custShowLst``) and the sections (``p14:sectionLst`` in the ``p:extLst``). Done when a
    template's slides are dropped, so the deck's new slides (which may get the same ids) are
    not filed into the template's sections or shows."""
    for shows in presentation_el.findall(qn("p:custShowLst")):
        presentation_el.remove(shows)
    ext_lst = presentation_el.find(qn("p:extLst"))
    if ext_lst is None:
        return
    for ext in list(ext_lst):
        if ext.get("uri") == SECTION_LIST_URI or ext.find(f"{{{_P14}}}sectionLst") is not None:
            ext_lst.remove(ext)
    if not len(ext_lst):
        presentation_el.remove(ext_lst)


def drop_show_slide_range(pres_props: bytes) -> bytes:
    """``presProps.xml`` without a slide show limited to a slide range or a custom show
    (``p:sldRg``, ``p:custShow``): after the template's slides are dropped, the show is all
    slides. Returned unchanged (the same bytes) when there is nothing to drop."""
    root = etree.fromstring(pres_props, _PARSER)
    found = root.xpath("./p:showPr/p:sldRg | ./p:showPr/p:custShow", namespaces=NAMESPACES)
    if not found:
        return pres_props
    for el in found:
        el.getparent().remove(el)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


def drop_outline_slide_list(view_props: bytes) -> tuple[bytes, tuple[str, ...]]:
    """``viewProps.xml`` without the outline view's list of slides (``p:outlineViewPr/
    p:sldLst``), and the rIds that list referred to (relationships to the dropped slides)."""
    root = etree.fromstring(view_props, _PARSER)
    found = root.xpath("./p:outlineViewPr/p:sldLst", namespaces=NAMESPACES)
    if not found:
        return view_props, ()
    rids = tuple(str(v) for el in found for v in el.xpath("./p:sld/@r:id", namespaces=NAMESPACES))
    for el in found:
        el.getparent().remove(el)
    return etree.tostring(root, encoding="UTF-8", standalone=True), rids


def with_notes_master_id(presentation: bytes, rid: str) -> bytes:
    """The presentation part listing its notes master (``p:notesMasterIdLst``, right after
    ``p:sldMasterIdLst`` in schema order) as relationship ``rid``. python-pptx relates a new
    notes master without listing it; Keynote only finds a listed one. Unchanged if listed."""
    root = etree.fromstring(presentation, _PARSER)
    if root.find(qn("p:notesMasterIdLst")) is not None:
        return presentation
    id_list = etree.Element(qn("p:notesMasterIdLst"))
    etree.SubElement(id_list, qn("p:notesMasterId")).set(qn("r:id"), rid)
    masters = root.find(qn("p:sldMasterIdLst"))
    if masters is not None:
        masters.addnext(id_list)
    else:
        root.insert(0, id_list)
    return etree.tostring(root, encoding="UTF-8", standalone=True)


# -- the package: markers that split its changing parts, and the zip -----------------------------

_SLIDE_ID_MARK, _SLIDE_RID_MARK = "987654321", "rIdSLIDE"


def slide_list_template(presentation_el) -> tuple[str, str, str]:
    """The presentation part's XML split where its slides are listed: (up to the end of the
    slide list so far, one ``sldId`` with ``{id}`` and ``{rid}`` to fill in, the rest). The
    element gets a slide list if it has none, as adding a slide would give it."""
    id_list = presentation_el.get_or_add_sldIdLst()
    sld_id = id_list.makeelement(qn("p:sldId"), {})
    sld_id.set("id", _SLIDE_ID_MARK)
    sld_id.set(qn("r:id"), _SLIDE_RID_MARK)
    ext_lst = id_list.find(qn("p:extLst"))
    if ext_lst is not None:
        ext_lst.addprevious(sld_id)
    else:
        id_list.append(sld_id)
    xml = etree.tostring(presentation_el, encoding="UTF-8", standalone=True).decode("utf-8")
    id_list.remove(sld_id)
    match = re.search(f"<[^<>]*{_SLIDE_RID_MARK}[^<>]*>", xml)
    assert match is not None
    item = match.group(0).replace(_SLIDE_ID_MARK, "{id}").replace(_SLIDE_RID_MARK, "{rid}")
    return xml[:match.start()], item, xml[match.end():]


def slide_list_xml(template: tuple[str, str, str], slides: Iterable[tuple[int, str]],
                   empty: bytes) -> bytes:
    """The presentation part listing ``slides`` (``(id, rId)``), from
    :func:`slide_list_template`; ``empty`` is the part with no slide added."""
    head, item, tail = template
    items = [item.format(id=sld_id, rid=rid) for sld_id, rid in slides]
    return (head + "".join(items) + tail).encode("utf-8") if items else empty


CORE_TEXT = ("title", "subject", "author", "last_modified_by", "keywords", "language")


def core_properties_template(props) -> tuple[str, ...]:
    """python-pptx's core-properties part with every deck-dependent value as a slot:
    ``(text, slot, text, slot, ..., text)``, the slots named as in :data:`CORE_TEXT` or
    ``date``. ``props`` (python-pptx's ``CoreProperties``) gets the deck-independent values."""
    import datetime as dt

    marks = {name: f"@@core-{name}@@" for name in CORE_TEXT}
    for name, mark in marks.items():
        setattr(props, name, mark)
    date_mark = dt.datetime(1234, 5, 6, 7, 8, 9)
    props.revision = 1
    props.created = props.modified = props.last_printed = date_mark
    for name in ("comments", "category", "content_status", "identifier", "version"):
        setattr(props, name, "")
    marks["date"] = date_mark.strftime("%Y-%m-%dT%H:%M:%SZ")
    xml = etree.tostring(props._element, encoding="UTF-8", standalone=True).decode("utf-8")
    by_mark = {mark: name for name, mark in marks.items()}
    pieces = re.split(f"({'|'.join(map(re.escape, by_mark))})", xml)
    return tuple(by_mark.get(piece, piece) if i % 2 else piece for i, piece in enumerate(pieces))


def core_properties_xml(template: Sequence[str], values: Mapping[str, str]) -> bytes:
    """The core-properties part from :func:`core_properties_template` and a value per slot,
    escaped as python-pptx (lxml) writes element text; a value lxml refuses raises its
    ``ValueError``."""
    escaped = {name: _element_text(value) for name, value in values.items()}
    return "".join(escaped[piece] if i % 2 else piece
                   for i, piece in enumerate(template)).encode("utf-8")


def _element_text(value: str) -> str:
    holder = etree.Element("v")
    holder.text = value
    return etree.tostring(holder, encoding=str)[3:-4]


_RELS_HEAD = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<Relationships "
              'xmlns="http://schemas.openxmlformats.org/package/2006/relationships">')


def relationships_xml(rels: Iterable[tuple[str, str, str, bool]]) -> bytes:
    """A ``.rels`` item from ``(rId, type, target, external)``, byte for byte as python-pptx's
    ``_Relationships.xml`` writes it (rIds in numerical order); ``target`` is the reference
    written (relative for a part, as is for an external one)."""
    def order(rel: tuple[str, str, str, bool]) -> tuple[int, str]:
        rid = rel[0]
        return (int(rid[3:]) if rid.startswith("rId") and rid[3:].isdigit() else 0, rid)

    out = [_RELS_HEAD]
    for rid, reltype, target, external in sorted(rels, key=order):
        mode = ' TargetMode="External"' if external else ""
        out.append(f'<Relationship Id="{_attr(rid)}" Type="{_attr(reltype)}" '
                   f'Target="{_attr(target)}"{mode}/>')
    out.append("</Relationships>")
    return "".join(out).encode("utf-8")


_RELATIVE: dict[tuple[str, str], str] = {}


def relative_ref(partname: str, base_uri: str) -> str:
    """``PackURI.relative_ref``: ``partname`` as seen from the folder ``base_uri``, remembered."""
    key = (partname, base_uri)
    ref = _RELATIVE.get(key)
    if ref is None:
        ref = partname[1:] if base_uri == "/" else posixpath.relpath(partname, base_uri)
        if len(_RELATIVE) > 100_000:
            _RELATIVE.clear()
        _RELATIVE[key] = ref
    return ref


_TYPES_HEAD = ("<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n<Types "
               'xmlns="http://schemas.openxmlformats.org/package/2006/content-types">')


def content_types_xml(defaults: Mapping[str, str], overrides: Mapping[str, str]) -> bytes:
    """``[Content_Types].xml`` as python-pptx writes it: defaults by extension, then overrides
    by part name, each sorted."""
    out = [_TYPES_HEAD]
    out += [f'<Default Extension="{_attr(ext)}" ContentType="{_attr(ct)}"/>'
            for ext, ct in sorted(defaults.items())]
    out += [f'<Override PartName="{_attr(name)}" ContentType="{_attr(ct)}"/>'
            for name, ct in sorted(overrides.items())]
    out.append("</Types>")
    return "".join(out).encode("utf-8")


class PartnameAllocator:
    """Hands out the next free part name per template, scanning the package once per template.

    python-pptx's ``OpcPackage.next_partname`` walks every part of the package on every call,
    so adding n parts costs O(n²). This keeps a counter per template instead; it stays correct
    because parts are only added while a base is built.
    """

    def __init__(self, package: OpcPackage) -> None:
        self.package = package
        self.scan = package.next_partname  # the original, slow method
        self.used: dict[str, set[str]] = {}
        self.next: dict[str, int] = {}

    def __call__(self, tmpl: str) -> PackURI:
        from pptx.opc.packuri import PackURI

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
    return zip_entries(entries, date_time)


def zip_entries(entries: Mapping[str, bytes], date_time: tuple[int, ...] = ZIP_EPOCH) -> bytes:
    """A zip of ``entries`` (member name -> bytes) as :func:`deterministic_zip` writes it.

    Byte for byte what ``zipfile`` writes for these entries (level-6 deflate, no data
    descriptors, permissions 0600, made on MS-DOS), written here so that parts that come back
    unchanged (the base presentation's, in every rebuild of ``deck watch``) are not compressed
    again: their compressed form is remembered.
    """
    first = ["[Content_Types].xml", "_rels/.rels"]
    names = [n for n in first if n in entries] + sorted(n for n in entries if n not in first)
    if len(names) >= _MAX_PLAIN_ENTRIES or sum(len(d) for d in entries.values()) > _ZIP64_FROM:
        return _zip_with_zipfile(names, entries, date_time)  # ZIP64 records: zipfile's job
    dosdate = (date_time[0] - 1980) << 9 | date_time[1] << 5 | date_time[2]
    dostime = date_time[3] << 11 | date_time[4] << 5 | (date_time[5] // 2)
    out: list[bytes] = []
    central: list[bytes] = []
    offset = 0
    for name in names:
        data = entries[name]
        crc, packed = _deflated(data)
        try:
            encoded, flags = name.encode("ascii"), 0
        except UnicodeEncodeError:
            encoded, flags = name.encode("utf-8"), 0x800
        fields = (20, 0, flags, zipfile.ZIP_DEFLATED, dostime, dosdate, crc, len(packed),
                  len(data), len(encoded))
        header = struct.pack("<4s2B4HL2L2H", b"PK\003\004", *fields, 0) + encoded
        central.append(struct.pack("<4s4B4HL2L5H2L", b"PK\001\002", 20, 0, *fields, 0, 0, 0,
                                   0, 0o600 << 16, offset) + encoded)
        out += (header, packed)
        offset += len(header) + len(packed)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, len(names), len(names), len(directory),
                      offset, 0)
    return b"".join(out) + directory + end


_ZIP64_FROM = 1 << 30  # well below zipfile's limit, as deflate can make data a little larger
_MAX_PLAIN_ENTRIES = 0xFFFF  # the end record counts entries in 16 bits: more need ZIP64


def _zip_with_zipfile(names: list[str], entries: Mapping[str, bytes],
                      date_time: tuple[int, ...]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name in names:
            info = zipfile.ZipInfo(name, date_time=date_time)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = 0
            info.external_attr = 0
            dst.writestr(info, entries[name], compresslevel=6)
    return out.getvalue()


_DEFLATED: dict[bytes, tuple[int, bytes]] = {}  # part bytes -> CRC-32 and level-6 raw deflate


def _deflated(data: bytes) -> tuple[int, bytes]:
    known = _DEFLATED.get(data)
    if known is None:
        compressor = zlib.compressobj(6, zlib.DEFLATED, -15)
        known = zlib.crc32(data), compressor.compress(data) + compressor.flush()
        if len(data) >= 2048:  # the base's parts are the big ones; slides change anyway
            if len(_DEFLATED) > 1000:
                _DEFLATED.clear()
            _DEFLATED[data] = known
    return known


_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def _text(value: str) -> str:
    value = _XML_BAD.sub("", value)
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace("\r", "&#13;"))


def _attr(value: str) -> str:
    """An attribute value; tabs and line breaks as references, so parsing keeps them."""
    return (_text(value).replace('"', "&quot;").replace("\t", "&#9;").replace("\n", "&#10;")
            .replace("\r", "&#13;"))


_RUN_CTRL = re.compile("[\x00-\x08\x0b-\x1f]")


def _run_text(value: str) -> str:
    """A run's text as python-pptx writes it: control characters other than tab and line feed
    as ``_xHHHH_`` escapes, then XML-escaped."""
    if _RUN_CTRL.search(value):
        value = _RUN_CTRL.sub(lambda m: "_x%04X_" % ord(m.group(0)), value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def timing_xml(steps: Sequence[Sequence[tuple[int, int | None]]], text_builds: Mapping[int, int],
               shape_builds: Iterable[int], dim: str | None = None) -> str:
    """A slide's ``p:timing``: one click per step, each showing its targets with PowerPoint's
    Appear entrance effect, as PowerPoint writes "By paragraph" builds.

    A target is ``(shape_id, paragraph)``, or ``(shape_id, None)`` for the whole shape. The first
    target of a step starts on the click, the others with it. ``text_builds`` maps the shapes
    built by paragraph (``bldP build="p"``) to the paragraph level down to which paragraphs get
    clicks of their own (``bldLvl``, 1 by default), ``shape_builds`` lists text shapes built
    whole. With
    ``dim`` (``RRGGBB``), each target takes that colour on the next click, as PowerPoint's
    "After animation" dim colour writes it.
    """
    ids = iter(range(3, 1_000_000))
    clicks = []
    for step in steps:
        outer, inner = next(ids), next(ids)  # ids in document order, as PowerPoint numbers them
        effects = []
        for n, (spid, para) in enumerate(step):
            rng = "" if para is None else f'<p:txEl><p:pRg st="{para}" end="{para}"/></p:txEl>'
            node = "clickEffect" if n == 0 else "withEffect"
            target = f'<p:tgtEl><p:spTgt spid="{spid}">{rng}</p:spTgt></p:tgtEl>'
            after = "" if dim is None else (
                '<p:subTnLst><p:animClr clrSpc="rgb" dir="cw"><p:cBhvr override="childStyle">'
                '<p:cTn dur="1" fill="hold" display="0" masterRel="nextClick" afterEffect="1"/>'
                f'{target}<p:attrNameLst><p:attrName>ppt_c</p:attrName></p:attrNameLst>'
                f'</p:cBhvr><p:to><a:srgbClr val="{dim}"/></p:to></p:animClr></p:subTnLst>')
            effect_id, set_id = next(ids), next(ids)
            effects.append(
                f'<p:par><p:cTn id="{effect_id}" presetID="1" presetClass="entr" '
                f'presetSubtype="0" fill="hold" grpId="0" nodeType="{node}"><p:stCondLst>'
                f'<p:cond delay="0"/></p:stCondLst><p:childTnLst><p:set><p:cBhvr>'
                f'<p:cTn id="{set_id}" dur="1" fill="hold"><p:stCondLst><p:cond delay="0"/>'
                f'</p:stCondLst></p:cTn>{target}<p:attrNameLst>'
                f'<p:attrName>style.visibility</p:attrName></p:attrNameLst></p:cBhvr><p:to>'
                f'<p:strVal val="visible"/></p:to></p:set></p:childTnLst>{after}</p:cTn></p:par>')
        clicks.append(
            f'<p:par><p:cTn id="{outer}" fill="hold"><p:stCondLst><p:cond delay="indefinite"/>'
            f'</p:stCondLst><p:childTnLst><p:par><p:cTn id="{inner}" fill="hold"><p:stCondLst>'
            f'<p:cond delay="0"/></p:stCondLst><p:childTnLst>{"".join(effects)}</p:childTnLst>'
            f'</p:cTn></p:par></p:childTnLst></p:cTn></p:par>')
    builds = [f'<p:bldP spid="{spid}" grpId="0" build="p"'
              + (f' bldLvl="{level}"' if level > 1 else '') + '/>'
              for spid, level in text_builds.items()]
    builds += [f'<p:bldP spid="{spid}" grpId="0" animBg="1"/>' for spid in shape_builds]
    slide = '<p:tgtEl><p:sldTgt/></p:tgtEl>'
    return ('<p:timing><p:tnLst><p:par><p:cTn id="1" dur="indefinite" restart="never" '
            'nodeType="tmRoot"><p:childTnLst><p:seq concurrent="1" nextAc="seek">'
            f'<p:cTn id="2" dur="indefinite" nodeType="mainSeq"><p:childTnLst>{"".join(clicks)}'
            '</p:childTnLst></p:cTn><p:prevCondLst><p:cond evt="onPrev" delay="0">'
            f'{slide}</p:cond></p:prevCondLst><p:nextCondLst><p:cond evt="onNext" delay="0">'
            f'{slide}</p:cond></p:nextCondLst></p:seq></p:childTnLst></p:cTn></p:par></p:tnLst>'
            + (f'<p:bldLst>{"".join(builds)}</p:bldLst>' if builds else '') + '</p:timing>')


# -- diagrams and QR codes: shapes, connectors, a group, one path ---------------------------------

def line_xml(width: float, color: str | None, dashed: bool = False, head: bool = False,
             tail: bool = False) -> str:
    """``<a:ln>``: ``width`` points in colour element ``color`` (``None``: no line), dashed or
    not, with a triangle arrowhead at the line's start (``head``) or end (``tail``)."""
    if color is None:
        return "<a:ln><a:noFill/></a:ln>"
    dash = '<a:prstDash val="dash"/>' if dashed else ""
    ends = ('<a:headEnd type="triangle"/>' if head else "") + (
        '<a:tailEnd type="triangle"/>' if tail else "")
    return f'<a:ln w="{emu(width)}"><a:solidFill>{color}</a:solidFill>{dash}{ends}</a:ln>'


def preset_shape_xml(shape_id: int, name: str, box_emu: tuple[int, int, int, int],
                     geometry: str, fill: str | None, line: str, paragraphs: str,
                     inset: tuple[float, float]) -> str:
    """A preset shape (``rect``, ``roundRect``, ``ellipse``, ``diamond``) filled with colour
    element ``fill`` (``None``: none), outlined by ``line`` (:func:`line_xml`), holding
    ``paragraphs`` centred and unwrapped (their lines are broken already)."""
    fill_xml = f"<a:solidFill>{fill}</a:solidFill>" if fill else "<a:noFill/>"
    lr, tb = emu(inset[0]), emu(inset[1])
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}"/><p:cNvSpPr/>'
            f'<p:nvPr/></p:nvSpPr><p:spPr>{_xfrm(box_emu)}<a:prstGeom prst="{geometry}">'
            f'<a:avLst/></a:prstGeom>{fill_xml}{line}</p:spPr><p:txBody><a:bodyPr wrap="none" '
            f'lIns="{lr}" tIns="{tb}" rIns="{lr}" bIns="{tb}" rtlCol="0" anchor="ctr">'
            f'<a:noAutofit/></a:bodyPr><a:lstStyle/>{paragraphs}</p:txBody></p:sp>')


def connector_xml(shape_id: int, name: str, start: tuple[int, int], end: tuple[int, int],
                  begin: tuple[int, int], finish: tuple[int, int], line: str) -> str:
    """A straight connector (``p:cxnSp``) from ``start`` to ``end`` (EMU), glued to connection
    site ``begin`` = (shape id, site index) and ``finish``, so it follows when they move."""
    (x0, y0), (x1, y1) = start, end
    flips = (' flipH="1"' if x1 < x0 else "") + (' flipV="1"' if y1 < y0 else "")
    return (f'<p:cxnSp><p:nvCxnSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}"/>'
            f'<p:cNvCxnSpPr><a:stCxn id="{begin[0]}" idx="{begin[1]}"/><a:endCxn '
            f'id="{finish[0]}" idx="{finish[1]}"/></p:cNvCxnSpPr><p:nvPr/></p:nvCxnSpPr>'
            f'<p:spPr><a:xfrm{flips}><a:off x="{min(x0, x1)}" y="{min(y0, y1)}"/><a:ext '
            f'cx="{abs(x1 - x0)}" cy="{abs(y1 - y0)}"/></a:xfrm><a:prstGeom '
            f'prst="straightConnector1"><a:avLst/></a:prstGeom>{line}</p:spPr></p:cxnSp>')


def path_shape_xml(shape_id: int, name: str, descr: str, box_emu: tuple[int, int, int, int],
                   grid: tuple[int, int], rectangles: Iterable[tuple[int, int, int, int]],
                   fill: str, link_rid: str | None = None) -> str:
    """One shape whose custom geometry is a path of filled rectangles ``(x, y, w, h)`` on a
    ``grid`` (width, height) stretched over ``box_emu``: a QR code's dark modules; a click on
    it in the slide show follows relationship ``link_rid``."""
    cells = "".join(f'<a:moveTo><a:pt x="{x}" y="{y}"/></a:moveTo><a:lnTo><a:pt x="{x + w}" '
                    f'y="{y}"/></a:lnTo><a:lnTo><a:pt x="{x + w}" y="{y + h}"/></a:lnTo>'
                    f'<a:lnTo><a:pt x="{x}" y="{y + h}"/></a:lnTo><a:close/>'
                    for x, y, w, h in rectangles)
    link = f'><a:hlinkClick r:id="{link_rid}"/></p:cNvPr>' if link_rid else "/>"
    return (f'<p:sp><p:nvSpPr><p:cNvPr id="{shape_id}" name="{_attr(name)}" '
            f'descr="{_attr(descr)}"{link}<p:cNvSpPr/><p:nvPr/></p:nvSpPr><p:spPr>'
            f'{_xfrm(box_emu)}<a:custGeom><a:avLst/><a:gdLst/><a:ahLst/><a:cxnLst/>'
            f'<a:rect l="0" t="0" r="r" b="b"/><a:pathLst><a:path w="{grid[0]}" '
            f'h="{grid[1]}" stroke="0">{cells}'
            f'</a:path></a:pathLst></a:custGeom><a:solidFill>{fill}</a:solidFill><a:ln>'
            f'<a:noFill/></a:ln></p:spPr></p:sp>')
