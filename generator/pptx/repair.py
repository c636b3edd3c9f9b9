"""Repair what PowerPoint would repair in a user's template, before a deck is built on it."""

from __future__ import annotations

import re
import struct
from typing import TYPE_CHECKING

from generator.pptx import xml as X

if TYPE_CHECKING:
    from pptx.presentation import Presentation

_PML = "application/vnd.openxmlformats-officedocument.presentationml."
# The parts PowerPoint writes in every presentation and repairs when they are missing:
# (relationship type, part name, content type, minimal XML, what it is).
_RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
REQUIRED_PARTS = (
    (_RT + "presProps", "/ppt/presProps.xml", _PML + "presProps+xml",
     f'<p:presentationPr {X.nsdecls("a", "r", "p")}/>', "presentation properties"),
    (_RT + "viewProps", "/ppt/viewProps.xml", _PML + "viewProps+xml",
     f'<p:viewPr {X.nsdecls("a", "r", "p")}/>', "view properties"),
    (_RT + "tableStyles", "/ppt/tableStyles.xml", _PML + "tableStyles+xml",
     f'<a:tblStyleLst {X.nsdecls("a")} def="{{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}}"/>',
     "table styles"),
)
FONT_FACES = ("regular", "bold", "italic", "boldItalic")
_SFNT_TAGS = (b"\x00\x01\x00\x00", b"OTTO", b"true")
_GUID = re.compile(r"\{?([0-9a-fA-F]{8})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-([0-9a-fA-F]{4})-"
                   r"([0-9a-fA-F]{12})\}?$")
_EOT_VERSIONS = (0x00010000, 0x00020001, 0x00020002)
_EOT_COMPRESSED, _EOT_XOR = 0x4, 0x10000000


def repair_template(prs: Presentation, name: str) -> tuple[list[str], list[str]]:
    """Make the template ``prs`` (called ``name`` in messages) valid where PowerPoint would
    otherwise show its repair prompt; return ``(notices, warnings)``: what was repaired, and
    what was dropped (embedded fonts that are not fonts)."""
    notices = [f"{name}: {done}" for done in (*_add_required_parts(prs), *_name_schemes(prs),
                                              *_list_master_layouts(prs))]
    warnings = [f"{name}: {dropped}" for dropped in _drop_broken_fonts(prs)]
    return notices, warnings


def _add_required_parts(prs: Presentation) -> list[str]:
    from pptx.opc.package import Part
    from pptx.opc.packuri import PackURI

    related = {rel.reltype for rel in prs.part.rels.values()}
    taken = {str(part.partname) for part in prs.part.package.iter_parts()}
    done = []
    for reltype, partname, content_type, xml, what in REQUIRED_PARTS:
        if reltype in related:
            continue
        stem, n = partname[:-4], 1
        while partname in taken:
            n += 1
            partname = f"{stem}{n}.xml"
        part = Part(PackURI(partname), content_type, prs.part.package, X.part_blob(xml))
        prs.part.relate_to(part, reltype)
        done.append(f"added the missing {what} part ({partname}) that PowerPoint requires")
    return done


def _name_schemes(prs: Presentation) -> list[str]:
    """Give every theme's colour and font scheme the name the schema requires."""
    from lxml import etree

    done = []
    for part in prs.part.package.iter_parts():
        if not part.content_type.endswith(".theme+xml"):
            continue
        root = etree.fromstring(part.blob)
        fixed = []
        for tag in ("a:clrScheme", "a:fontScheme"):
            for scheme in root.iter(X.qn(tag)):
                if not scheme.get("name"):
                    scheme.set("name", root.get("name") or "Custom")
                    fixed.append(tag[2:])
        if fixed:
            part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                        standalone=True)
            done.append(f"named the nameless {' and '.join(fixed)} of {part.partname}")
    return done


def _list_master_layouts(prs: Presentation) -> list[str]:
    """Give every slide master without one the list of its layouts (``sldLayoutIdLst``)."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    masters = [rel.target_part for rel in prs.part.rels.values()
               if not rel.is_external and rel.reltype == RT.SLIDE_MASTER]
    ids = [int(i) for i in prs.part._element.xpath("./p:sldMasterIdLst/p:sldMasterId/@id")]
    for master in masters:
        ids += [int(i) for i in master._element.xpath("./p:sldLayoutIdLst/p:sldLayoutId/@id")]
    next_id = max([2147483647, *ids]) + 1
    done = []
    for master in masters:
        element = master._element
        if element.find(X.qn("p:sldLayoutIdLst")) is not None:
            continue
        rids = [rid for rid, rel in master.rels.items()
                if not rel.is_external and rel.reltype == RT.SLIDE_LAYOUT]
        entries = "".join(f'<p:sldLayoutId id="{next_id + i}" r:id="{rid}"/>'
                          for i, rid in enumerate(rids))
        next_id += len(rids)
        element.find(X.qn("p:clrMap")).addnext(
            X.parse_xml(f'<p:sldLayoutIdLst {X.nsdecls("p", "r")}>{entries}</p:sldLayoutIdLst>'))
        done.append(f"listed the {len(rids)} layout(s) of slide master {master.partname}, "
                    "which had no layout list")
    return done


def _drop_broken_fonts(prs: Presentation) -> list[str]:
    """Drop embedded font faces whose data is not a font (PowerPoint would repair them away)."""
    fonts = prs.part._element.find(X.qn("p:embeddedFontLst"))
    if fonts is None:
        return []
    dropped, rids = [], []
    for entry in list(fonts):
        font = entry.find(X.qn("p:font"))
        typeface = font.get("typeface") if font is not None else "?"
        for face in FONT_FACES:
            element = entry.find(X.qn(f"p:{face}"))
            if element is None:
                continue
            rid = element.get(X.qn("r:id"))
            rel = prs.part.rels.get(rid) if rid else None
            if rel is not None and not rel.is_external:
                part = rel.target_part
                problem = font_payload_problem(str(part.partname), part.blob)
                where = str(part.partname)
            else:
                problem, where = "its font part is missing", rid or "?"
            if problem is None:
                continue
            entry.remove(element)
            rids.append(rid)
            dropped.append(f"dropped the embedded font {typeface!r} ({face}, {where}): "
                           f"{problem}; viewers use an installed font instead")
        if not any(entry.find(X.qn(f"p:{face}")) is not None for face in FONT_FACES):
            fonts.remove(entry)
    if not len(fonts):
        fonts.getparent().remove(fonts)
    for rid in rids:
        if rid and rid in prs.part.rels:
            prs.part.drop_rel(rid)
    return dropped


def font_payload_problem(partname: str, data: bytes) -> str | None:
    """``None`` if ``data`` is an embedded font PowerPoint can use, else what is wrong.

    Accepted: a TrueType/OpenType file (``.ttf``/``.otf``, the ``sfnt`` structure); an
    Embedded OpenType (EOT) file as PowerPoint writes ``.fntdata``, whose font data is such a
    file (also XOR-encrypted as the EOT flags say; MicroType Express compressed data is
    accepted on its header alone); and a font obfuscated as ECMA-376 Part 1 §17.8.1 and XPS
    describe, with the GUID key in its part name (``{GUID}.fntdata``, ``.odttf``).
    """
    if sfnt_problem(data) is None:
        return None
    eot = _eot_problem(data)
    if eot is None:
        return None
    key = obfuscation_key(partname)
    if key is not None:
        problem = sfnt_problem(deobfuscate(data, key))
        if problem is None:
            return None
        return f"not a font, also not once de-obfuscated with the key in its name ({problem})"
    if data[:4] in (*_SFNT_TAGS, b"ttcf"):
        return f"a damaged TrueType/OpenType font ({sfnt_problem(data)})"
    if eot.startswith("an Embedded OpenType"):
        return eot
    return "neither a TrueType/OpenType nor an Embedded OpenType font"


def sfnt_problem(data: bytes) -> str | None:
    """``None`` if ``data`` is a TrueType/OpenType font file whose tables lie inside it."""
    if data[:4] == b"ttcf":
        return None if len(data) >= 12 else "a font collection cut short"
    if data[:4] not in _SFNT_TAGS:
        return "no TrueType/OpenType signature"
    if len(data) < 12:
        return "cut short in its header"
    tables = struct.unpack(">H", data[4:6])[0]
    if not tables or len(data) < 12 + 16 * tables:
        return "no table directory"
    for i in range(tables):
        offset, length = struct.unpack(">II", data[20 + 16 * i:28 + 16 * i])
        if offset + length > len(data):
            return "a table lies outside the file"
    return None


def _eot_problem(data: bytes) -> str | None:
    """``None`` if ``data`` is an Embedded OpenType file holding a font."""
    if len(data) < 36:
        return "too short for an Embedded OpenType header"
    total, size, version, flags = struct.unpack("<IIII", data[:16])
    magic = struct.unpack("<H", data[34:36])[0]
    if magic != 0x504C or version not in _EOT_VERSIONS or total != len(data):
        return "no Embedded OpenType header"
    if not 0 < size <= total - 36:
        return "an Embedded OpenType file with a wrong font size"
    if flags & _EOT_COMPRESSED:
        return None
    font = data[total - size:]
    if flags & _EOT_XOR:
        font = bytes(b ^ 0x50 for b in font)
    problem = sfnt_problem(font)
    return None if problem is None else (f"an Embedded OpenType file whose font data is not a "
                                         f"font ({problem})")


def obfuscation_key(partname: str) -> bytes | None:
    """The 16-byte key of a font part named by a GUID: the GUID's bytes in reverse order."""
    stem = partname.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    match = _GUID.match(stem)
    return bytes.fromhex("".join(match.groups()))[::-1] if match else None


def deobfuscate(data: bytes, key: bytes) -> bytes:
    """Undo (or apply: it is its own inverse) the XOR of the first 32 bytes with ``key``."""
    head = bytes(b ^ key[i % 16] for i, b in enumerate(data[:32]))
    return head + data[32:]
