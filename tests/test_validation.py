"""Every PPTX we write validates against the Office Open XML rules, templates are repaired where
PowerPoint would repair them, and ``deck check``/``deck template inspect`` report findings."""

from __future__ import annotations

import io
import re
import shutil
import struct
import zipfile
from pathlib import Path

import pptx
import pytest
from conftest import (
    assert_valid_pptx,
    built_pptx_files,
    loaded_on_each_build,
    run_deck,
    validate_outputs,
)

from generator.layout.engine import lay_out
from generator.pptx.render import render_pptx
from generator.pptx.validate import OoxmlFinding, validate_pptx
from generator.source.reader import load_deck
from generator.themes.theme import builtin_themes, theme_for

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
TEMPLATES = Path(__file__).resolve().parent / "templates"
REAL_TEMPLATES = sorted(p.name for p in TEMPLATES.glob("*.p[o]tx")) + sorted(
    p.name for p in TEMPLATES.glob("*.pptx"))
RT = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
CT = "application/vnd.openxmlformats-officedocument."
GUID = "6E9C02B4-35A0-4C3D-9F1B-2A7E5D8C4F60"

PROPS_FINDINGS = [
    OoxmlFinding("/ppt/presentation.xml", "/presentation[1]", f"Presentation is missing {name} "
                 "relationship — PowerPoint will trigger its 'unreadable content' repair dialog "
                 "when this part is absent") for name in ("presProps", "viewProps")]


def render(path: Path) -> bytes:
    deck = load_deck(path)
    return render_pptx(lay_out(deck, theme_for(deck)))


def lecture_as(tmp_path: Path, header: str, name: str = "lecture.yaml") -> Path:
    """The lecture with its ``theme:``/``aspect:`` lines replaced by ``header``."""
    text = LECTURE.read_text(encoding="utf-8")
    text = re.sub(r"^(theme|aspect): .*\n", "", text, flags=re.M)
    path = tmp_path / name
    path.write_text(header + text, encoding="utf-8")
    return path


def tiny_sfnt() -> bytes:
    """The smallest TrueType-shaped payload: an sfnt header and one table inside the data."""
    return (struct.pack(">IHHHH", 0x00010000, 1, 16, 0, 0)
            + struct.pack(">4sIII", b"head", 0, 28, 4) + b"\0\0\0\0")


def obfuscate(font: bytes, guid: str) -> bytes:
    """ECMA-376 Part 1 §17.8.1: XOR the first 32 bytes with the GUID's bytes, reversed."""
    key = bytes.fromhex(guid.replace("-", ""))[::-1]
    return bytes(b ^ key[i % 16] for i, b in enumerate(font[:32])) + font[32:]


def flawed_template(props: bool = False, nameless: bool = False, master: bool = False,
                    fonts: tuple[tuple[str, bytes], ...] = ()) -> bytes:
    """python-pptx's default (4:3) template with the flaws found in real templates: no
    presProps/viewProps/tableStyles (LibreOffice), a nameless colour scheme, a second master
    without its layout list, embedded fonts (Google Slides' ``.fntdata``)."""
    buf = io.BytesIO()
    pptx.Presentation().save(buf)
    with zipfile.ZipFile(buf) as z:
        files = {n: z.read(n) for n in z.namelist()}

    def edit(name: str, change) -> None:
        files[name] = change(files[name].decode()).encode()

    if props:
        for part in ("presProps", "viewProps", "tableStyles"):
            del files[f"ppt/{part}.xml"]
            edit("ppt/_rels/presentation.xml.rels", lambda s, part=part: re.sub(
                rf'<Relationship [^>]*Target="{part}.xml"/>', "", s))
            edit("[Content_Types].xml", lambda s, part=part: re.sub(
                rf'<Override PartName="/ppt/{part}.xml"[^>]*/>', "", s))
    if nameless:
        edit("ppt/theme/theme1.xml",
             lambda s: s.replace('<a:clrScheme name="Office">', "<a:clrScheme>"))
    if master:
        files["ppt/slideMasters/slideMaster2.xml"] = re.sub(
            rb"<p:sldLayoutIdLst>.*?</p:sldLayoutIdLst>", b"",
            files["ppt/slideMasters/slideMaster1.xml"])
        files["ppt/slideMasters/_rels/slideMaster2.xml.rels"] = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{RT}slideLayout" '
            'Target="../slideLayouts/slideLayout12.xml"/>'
            f'<Relationship Id="rId2" Type="{RT}theme" Target="../theme/theme2.xml"/>'
            '</Relationships>').encode()
        files["ppt/slideLayouts/slideLayout12.xml"] = files["ppt/slideLayouts/slideLayout7.xml"]
        files["ppt/slideLayouts/_rels/slideLayout12.xml.rels"] = files[
            "ppt/slideLayouts/_rels/slideLayout7.xml.rels"].replace(b"slideMaster1",
                                                                    b"slideMaster2")
        files["ppt/theme/theme2.xml"] = files["ppt/theme/theme1.xml"]
        edit("ppt/_rels/presentation.xml.rels", lambda s: s.replace(
            "</Relationships>", f'<Relationship Id="rId90" Type="{RT}slideMaster" '
            'Target="slideMasters/slideMaster2.xml"/></Relationships>'))
        edit("ppt/presentation.xml", lambda s: s.replace(
            "</p:sldMasterIdLst>",
            '<p:sldMasterId id="2147483660" r:id="rId90"/></p:sldMasterIdLst>'))
        edit("[Content_Types].xml", lambda s: s.replace("</Types>", "".join(
            f'<Override PartName="/ppt/{name}" ContentType="{CT}{kind}+xml"/>' for name, kind in (
                ("slideMasters/slideMaster2.xml", "presentationml.slideMaster"),
                ("slideLayouts/slideLayout12.xml", "presentationml.slideLayout"),
                ("theme/theme2.xml", "theme"))) + "</Types>"))
    if fonts:
        rels, entries = [], []
        for i, (name, payload) in enumerate(fonts, start=1):
            files[f"ppt/fonts/{name}"] = payload
            rels.append(f'<Relationship Id="rId{80 + i}" Type="{RT}font" Target="fonts/{name}"/>')
            entries.append(f'<p:embeddedFont><p:font typeface="Font {i}"/>'
                           f'<p:regular r:id="rId{80 + i}"/></p:embeddedFont>')
        edit("ppt/_rels/presentation.xml.rels",
             lambda s: s.replace("</Relationships>", "".join(rels) + "</Relationships>"))
        edit("ppt/presentation.xml", lambda s: s.replace(
            "<p:defaultTextStyle>",
            f"<p:embeddedFontLst>{''.join(entries)}</p:embeddedFontLst><p:defaultTextStyle>"))
        edit("[Content_Types].xml", lambda s: s.replace(
            "</Types>", '<Default Extension="fntdata" ContentType="application/x-fontdata"/>'
            "</Types>"))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for name, blob in files.items():
            dst.writestr(name, blob)
    return out.getvalue()


def deck_on(tmp_path: Path, template: bytes, name: str = "flawed.pptx") -> Path:
    (tmp_path / name).write_bytes(template)
    path = tmp_path / "deck.yaml"
    path.write_text(f'title: On a template\naspect: "4:3"\ntemplate: {name}\nslides:\n'
                    "  - title: One\n    bullets: [a, b]\n    notes: A note.\n",
                    encoding="utf-8")
    return path


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {n: z.read(n) for n in z.namelist()}


def plant_body_pr_after_paragraph(data: bytes) -> bytes:
    """The lecture with an ``a:bodyPr`` moved after the first ``a:p`` of slide 2."""
    files = parts(data)
    xml = files["ppt/slides/slide2.xml"].decode()
    body_pr = re.search(r"<a:bodyPr[^>]*/>|<a:bodyPr.*?</a:bodyPr>", xml).group(0)
    xml = xml.replace(body_pr, "", 1)
    end = xml.index("</a:p>") + len("</a:p>")
    files["ppt/slides/slide2.xml"] = (xml[:end] + body_pr + xml[end:]).encode()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name, blob in files.items():
            z.writestr(name, blob)
    return out.getvalue()


@pytest.mark.slow  # real templates or dictionaries, each test a second or more
class DescribeEveryKindOfOutput:
    @pytest.mark.parametrize("aspect", ["16:9", "4:3"])
    @pytest.mark.parametrize("theme", sorted(builtin_themes()))
    def it_validates_the_lecture_in_every_theme_and_aspect(self, tmp_path, theme, aspect):
        assert_valid_pptx(render(lecture_as(tmp_path, f'theme: {theme}\naspect: "{aspect}"\n')))

    @pytest.mark.parametrize("name", ["stress.yaml", "stress_4x3.yaml"])
    def it_validates_the_stress_decks(self, name):
        assert_valid_pptx(render(Path(__file__).resolve().parent / "decks" / name))

    @pytest.mark.parametrize("template", REAL_TEMPLATES)
    def it_validates_the_lecture_built_on_each_real_template(self, tmp_path, template):
        prs = pptx.Presentation(io.BytesIO(parts_of_template(TEMPLATES / template)))
        ratio = prs.slide_width / prs.slide_height
        aspect = "16:9" if abs(ratio - 16 / 9) < 0.02 else "4:3"
        shutil.copy(TEMPLATES / template, tmp_path / template)
        path = lecture_as(tmp_path, f'template: {template}\naspect: "{aspect}"\n')
        assert_valid_pptx(render(path))

    def it_makes_a_libreoffice_template_without_props_parts_valid(self, tmp_path):
        template = TEMPLATES / "poi_ececapstonespring2012.pptx"
        assert validate_pptx(template) == PROPS_FINDINGS
        shutil.copy(template, tmp_path / template.name)
        data = render(lecture_as(tmp_path, f'template: {template.name}\naspect: "4:3"\n'))
        assert {"ppt/presProps.xml", "ppt/viewProps.xml", "ppt/tableStyles.xml"} <= set(
            parts(data))
        assert validate_pptx(data) == []


def parts_of_template(path: Path) -> bytes:
    """A template's bytes as python-pptx opens them (a .potx as a .pptx)."""
    from generator.pptx.template import as_presentation

    data = path.read_bytes()
    return as_presentation(data) if path.suffix == ".potx" else data


class DescribeTheCheckCanFail:
    @pytest.mark.slow  # over half a second: the full suite only
    def it_finds_a_body_pr_planted_after_a_paragraph(self):
        planted = plant_body_pr_after_paragraph(render(LECTURE))
        where = "/sld[1]/cSld[1]/spTree[1]/sp[1]/txBody[1]"
        assert validate_pptx(planted) == [
            OoxmlFinding("/ppt/slides/slide2.xml", where,
                         "Required element 'bodyPr' is missing (minOccurs=1, found=0)"),
            OoxmlFinding("/ppt/slides/slide2.xml", where, "Unexpected element 'bodyPr' found")]

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_fails_the_test_that_wrote_it(self):
        planted = plant_body_pr_after_paragraph(render(LECTURE))
        with pytest.raises(AssertionError) as caught:
            validate_outputs([planted])
        assert str(caught.value).splitlines() == [
            "the PPTX breaks the Office Open XML rules:",
            "  /ppt/slides/slide2.xml: /sld[1]/cSld[1]/spTree[1]/sp[1]/txBody[1]: Required "
            "element 'bodyPr' is missing (minOccurs=1, found=0)",
            "  /ppt/slides/slide2.xml: /sld[1]/cSld[1]/spTree[1]/sp[1]/txBody[1]: Unexpected "
            "element 'bodyPr' found"]


class DescribeTheGuard:
    def it_finds_what_deck_build_wrote_in_any_process(self, tmp_path, capsys):
        deck = lecture_as(tmp_path, "")
        assert run_deck(capsys, "build", str(deck), "-o", str(tmp_path / "out"))[0] == 0
        (tmp_path / "other.pptx").write_bytes(b"not ours")
        assert built_pptx_files(tmp_path) == [tmp_path / "out" / "lecture.pptx"]


@pytest.mark.slow  # real templates or dictionaries, each test a second or more
class DescribeRepairingATemplate:
    def it_adds_missing_props_parts(self, tmp_path):
        template = flawed_template(props=True)
        assert validate_pptx(template) == PROPS_FINDINGS
        data = render(deck_on(tmp_path, template))
        files = parts(data)
        assert files["ppt/tableStyles.xml"].endswith(
            b'def="{5C22544A-7EE6-4342-B048-85BDC9FD1C3A}"/>')
        assert validate_pptx(data) == []

    def it_names_a_nameless_colour_scheme(self, tmp_path):
        template = flawed_template(nameless=True)
        assert [str(f) for f in validate_pptx(template)] == [
            "/ppt/theme/theme1.xml: /theme[1]/themeElements[1]/clrScheme[1]: Required attribute "
            "'name' is missing",
            "/ppt/theme/theme1.xml: /theme[1]: clrScheme missing required 'name' attribute"]
        data = render(deck_on(tmp_path, template))
        assert b'<a:clrScheme name="Office Theme">' in parts(data)["ppt/theme/theme1.xml"]
        assert validate_pptx(data) == []

    def it_lists_the_layouts_of_a_master_without_a_list(self, tmp_path):
        template = flawed_template(master=True)
        assert [str(f) for f in validate_pptx(template)] == [
            "/ppt/slideMasters/slideMaster2.xml: /sldMaster[1]: sldMaster missing required "
            "sldLayoutIdLst element"]
        data = render(deck_on(tmp_path, template))
        assert (b'<p:sldLayoutIdLst><p:sldLayoutId id="2147483661" r:id="rId1"/>'
                b'</p:sldLayoutIdLst>') in parts(data)["ppt/slideMasters/slideMaster2.xml"]
        assert validate_pptx(data) == []

    def it_says_what_it_repaired_with_v(self, tmp_path, capsys):
        deck = deck_on(tmp_path, flawed_template(props=True, nameless=True, master=True))
        code, _, err = run_deck(capsys, "-v", "build", str(deck), "-o", str(tmp_path / "out"),
                                "-f", "pptx")
        assert code == 0
        assert err.splitlines() == [f"{deck}: flawed.pptx: {notice}" for notice in (
            # first, as the layout reads the template: its colours too faint to read
            "the template's colors.lead #4F81BD is hard to read on colors.background #FFFFFF "
            "(4.0:1, needs 4.5:1); using #000000",
            "the template's title_slide.byline_color #898989 is hard to read on "
            "title_slide.background #FFFFFF (3.5:1, needs 4.5:1); using #000000",
            "added the missing presentation properties part (/ppt/presProps.xml) that "
            "PowerPoint requires",
            "added the missing view properties part (/ppt/viewProps.xml) that PowerPoint "
            "requires",
            "added the missing table styles part (/ppt/tableStyles.xml) that PowerPoint "
            "requires",
            "named the nameless clrScheme of /ppt/theme/theme1.xml",
            "named the nameless clrScheme of /ppt/theme/theme2.xml",
            "listed the 1 layout(s) of slide master /ppt/slideMasters/slideMaster2.xml, which "
            "had no layout list")]
        code, _, err = run_deck(capsys, "build", str(deck), "-o", str(tmp_path / "out"), "-f",
                                "pptx", "--force")
        assert (code, err) == (0, "")
        assert validate_pptx(tmp_path / "out" / "deck.pptx") == []

    @pytest.mark.slow
    def it_does_not_load_the_repairs_or_the_validator_for_a_deck_without_template(
            self, tmp_path):
        deck = lecture_as(tmp_path, "")
        assert loaded_on_each_build(deck, tmp_path, "generator.pptx.repair") == [False, False]
        assert loaded_on_each_build(deck, tmp_path, "openxml_audit") == [False, False]


class DescribeEmbeddedFonts:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_keeps_truetype_and_guid_obfuscated_fonts_and_checks_their_payload(self, tmp_path):
        font = tiny_sfnt()
        obfuscated = obfuscate(font, GUID)
        assert obfuscated[:4] != b"\x00\x01\x00\x00"
        template = flawed_template(fonts=(("font1.fntdata", font),
                                          (f"{{{GUID}}}.fntdata", obfuscated)))
        data = render(deck_on(tmp_path, template))
        files = parts(data)
        assert files["ppt/fonts/font1.fntdata"] == font
        kept = files[f"ppt/fonts/{{{GUID}}}.fntdata"]
        # our own payload check: the key from the part name restores a TrueType header
        key = bytes.fromhex(GUID.replace("-", ""))[::-1]
        restored = bytes(b ^ key[i % 16] for i, b in enumerate(kept[:32])) + kept[32:]
        assert restored == font and restored[:4] == b"\x00\x01\x00\x00"
        assert files["ppt/presentation.xml"].count(b"<p:embeddedFont>") == 2
        assert validate_pptx(data) == []

    def it_shows_that_openxml_audit_rejects_a_valid_obfuscated_font(self, tmp_path):
        from openxml_audit import OpenXmlValidator

        template = flawed_template(fonts=((f"{{{GUID}}}.fntdata", obfuscate(tiny_sfnt(), GUID)),))
        (tmp_path / "t.pptx").write_bytes(template)
        raw = OpenXmlValidator().validate(tmp_path / "t.pptx")
        assert [(e.part_uri, e.description) for e in raw.errors] == [
            (f"/ppt/fonts/{{{GUID}}}.fntdata", "Invalid font payload.")]
        assert validate_pptx(template) == []

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_drops_a_font_that_is_not_a_font_with_a_warning(self, tmp_path, capsys):
        template = flawed_template(fonts=(("font1.fntdata", tiny_sfnt()),
                                          ("font2.fntdata", b"not a font " * 8)))
        assert [str(f) for f in validate_pptx(template)] == [
            "/ppt/fonts/font2.fntdata: Invalid font payload."]
        deck = deck_on(tmp_path, template)
        code, _, err = run_deck(capsys, "build", str(deck), "-o", str(tmp_path / "out"),
                                "-f", "pptx")
        assert code == 0
        assert err.splitlines() == [
            f"warning: {deck}: flawed.pptx: dropped the embedded font 'Font 2' (regular, "
            "/ppt/fonts/font2.fntdata): neither a TrueType/OpenType nor an Embedded OpenType "
            "font; viewers use an installed font instead"]
        files = parts((tmp_path / "out" / "deck.pptx").read_bytes())
        assert "ppt/fonts/font2.fntdata" not in files
        assert files["ppt/presentation.xml"].count(b"<p:embeddedFont>") == 1
        assert validate_pptx(tmp_path / "out" / "deck.pptx") == []


def eot(font: bytes, flags: int = 0) -> bytes:
    """``font`` in an Embedded OpenType file (version 2.1 header, no names)."""
    head = struct.pack("<IIII", 0, len(font), 0x00020001, flags) + bytes(18) + b"LP" + bytes(46)
    total = len(head) + len(font)
    return struct.pack("<I", total) + head[4:] + font


class DescribeTheFontPayloadCheck:
    @pytest.mark.parametrize("name, data, problem", [
        ("font.fntdata", tiny_sfnt(), None),
        ("font.fntdata", eot(tiny_sfnt()), None),
        ("font.fntdata", eot(bytes(b ^ 0x50 for b in tiny_sfnt()), 0x10000000), None),
        ("font.fntdata", eot(b"MicroType Express data", 0x4), None),
        (f"{{{GUID}}}.fntdata", obfuscate(tiny_sfnt(), GUID), None),
        ("font.fntdata", obfuscate(tiny_sfnt(), GUID),
         "neither a TrueType/OpenType nor an Embedded OpenType font"),
        ("font.fntdata", tiny_sfnt()[:20], "a damaged TrueType/OpenType font (no table directory)"),
        ("font.fntdata", eot(b"not a font at all"), "an Embedded OpenType file whose font data "
         "is not a font (no TrueType/OpenType signature)"),
        (f"{{{GUID}}}.odttf", b"x" * 40, "not a font, also not once de-obfuscated with the key "
         "in its name (no TrueType/OpenType signature)"),
    ])
    def it_accepts_fonts_and_says_what_is_wrong_otherwise(self, name, data, problem):
        from generator.pptx.repair import font_payload_problem

        assert font_payload_problem(f"/ppt/fonts/{name}", data) == problem


class DescribeDeckCheckOnPowerPointFiles:
    def it_lists_findings_with_part_and_xml_path(self, tmp_path, capsys):
        planted = tmp_path / "other-tool.pptx"
        planted.write_bytes(plant_body_pr_after_paragraph(render(LECTURE)))
        code, out, _ = run_deck(capsys, "check", str(planted))
        assert code == 1
        assert out.splitlines() == [
            f"{planted}: error: /ppt/slides/slide2.xml: /sld[1]/cSld[1]/spTree[1]/sp[1]/"
            "txBody[1]: Required element 'bodyPr' is missing (minOccurs=1, found=0) [ooxml]",
            f"{planted}: error: /ppt/slides/slide2.xml: /sld[1]/cSld[1]/spTree[1]/sp[1]/"
            "txBody[1]: Unexpected element 'bodyPr' found [ooxml]"]

    def it_passes_a_clean_file(self, tmp_path, capsys):
        clean = tmp_path / "lecture.pptx"
        clean.write_bytes(render(LECTURE))
        code, out, _ = run_deck(capsys, "check", str(clean))
        assert (code, out) == (0, "")

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_validates_the_built_pptx_with_compat(self, tmp_path, capsys):
        deck = deck_on(tmp_path, flawed_template(props=True, nameless=True))
        code, out, err = run_deck(capsys, "check", "--compat", "--no-spelling", str(deck))
        assert (code, out, err) == (0, "", "0 errors, 0 warnings in 1 deck\n")

    def it_refuses_a_missing_file(self, tmp_path, capsys):
        code, _, err = run_deck(capsys, "check", str(tmp_path / "nope.pptx"))
        assert code == 2
        assert f"no such PowerPoint file: {tmp_path / 'nope.pptx'}" in err


class DescribeTemplateInspect:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_reports_the_templates_findings_and_what_the_build_repairs(self, tmp_path, capsys):
        path = tmp_path / "flawed.pptx"
        path.write_bytes(flawed_template(props=True, nameless=True,
                                         fonts=(("font1.fntdata", b"junk" * 20),)))
        code, out, _ = run_deck(capsys, "template", "inspect", str(path))
        assert code == 0
        report = out.splitlines()
        assert report[report.index("  blank: Blank") + 1:] == [
            "validation (Office Open XML rules): 5 findings in the template",
            "  /ppt/fonts/font1.fntdata: Invalid font payload. [repaired by the build]",
            "  /ppt/theme/theme1.xml: /theme[1]/themeElements[1]/clrScheme[1]: Required "
            "attribute 'name' is missing [repaired by the build]",
            "  /ppt/presentation.xml: /presentation[1]: Presentation is missing presProps "
            "relationship — PowerPoint will trigger its 'unreadable content' repair dialog when "
            "this part is absent [repaired by the build]",
            "  /ppt/presentation.xml: /presentation[1]: Presentation is missing viewProps "
            "relationship — PowerPoint will trigger its 'unreadable content' repair dialog when "
            "this part is absent [repaired by the build]",
            "  /ppt/theme/theme1.xml: /theme[1]: clrScheme missing required 'name' attribute "
            "[repaired by the build]",
            "the build repairs:",
            "  added the missing presentation properties part (/ppt/presProps.xml) that "
            "PowerPoint requires",
            "  added the missing view properties part (/ppt/viewProps.xml) that PowerPoint "
            "requires",
            "  added the missing table styles part (/ppt/tableStyles.xml) that PowerPoint "
            "requires",
            "  named the nameless clrScheme of /ppt/theme/theme1.xml",
            "  dropped the embedded font 'Font 1' (regular, /ppt/fonts/font1.fntdata): neither a "
            "TrueType/OpenType nor an Embedded OpenType font; viewers use an installed font "
            "instead (warning)"]

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_reports_a_clean_template(self, capsys):
        code, out, _ = run_deck(capsys, "template", "inspect",
                                str(TEMPLATES / "office2010_default.pptx"))
        assert code == 0
        assert out.splitlines()[-3:] == [
            "validation (Office Open XML rules): no findings in the template",
            "the build repairs:", "  nothing"]


class DescribeTheDocPage:
    @pytest.mark.slow  # over half a second: the full suite only
    def it_builds_every_yaml_example_of_docs_validation(self, tmp_path):
        page = (ROOT / "docs" / "validation.md").read_text(encoding="utf-8")
        examples = re.findall(r"```yaml\n(.*?)```", page, flags=re.S)
        assert examples
        for i, example in enumerate(examples):
            (tmp_path / "faculty.pptx").write_bytes(flawed_template(props=True, nameless=True))
            path = tmp_path / f"example{i}.yaml"
            path.write_text(example, encoding="utf-8")
            assert_valid_pptx(render(path))
