"""The PowerPoint renderer: native slides, exact sizes, theme, notes, reproducible bytes."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import replace
from pathlib import Path

import pptx
import pytest
from conftest import loaded_on_each_build
from lxml import etree
from PIL import Image as PILImage
from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from generator.cache import cache_dir
from generator.errors import BuildError
from generator.layout.engine import lay_out
from generator.layout.page import PictureFrame
from generator.layout.page import DeckLayout
from generator.pptx import template as pptx_template
from generator.pptx import xml as pptx_xml
from generator.pptx.package import DeckPackage
from generator.pptx.render import render_pptx
from generator.pptx.template import base_package
from generator.source import inline
from generator.source.model import Image
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def build(path: Path) -> tuple[DeckLayout, bytes]:
    deck = load_deck(path)
    layout = lay_out(deck, theme_for(deck))
    return layout, render_pptx(layout)


def write_deck(tmp_path: Path, text: str, name: str = "deck.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def title_shape(slide):
    return next(ph for ph in slide.placeholders if ph.placeholder_format.type in TITLES)


def body_shape(slide):
    """The content placeholder (the largest text placeholder that is not the title)."""
    shapes = [s for s in slide.placeholders if s.placeholder_format.type
              in (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY) and s.has_text_frame]
    return max(shapes, key=lambda s: s.width * s.height)


@pytest.fixture(scope="module")
def lecture() -> tuple[DeckLayout, bytes, pptx.presentation.Presentation]:
    layout, data = build(LECTURE)
    return layout, data, pptx.Presentation(io.BytesIO(data))


class DescribeTheLecture:
    def it_has_one_slide_per_laid_out_page(self, lecture):
        layout, _, prs = lecture
        assert len(prs.slides) == len(layout.pages) == 13

    def it_puts_every_page_title_in_the_title_placeholder(self, lecture):
        layout, _, prs = lecture
        titles = [title_shape(slide).text_frame.text for slide in prs.slides]
        assert titles == [inline.plain(page.title_text) for page in layout.pages]
        assert titles[0] == "Soviet union foreign policy"
        assert titles[-1] == "So was stalin preparing the war?"

    def it_names_the_layouts_by_slide_kind(self, lecture):
        _, _, prs = lecture
        names = [slide.slide_layout.name for slide in prs.slides]
        assert names[0] == "Title Slide"
        assert names[1] == "Title and Content"
        assert names[-1] == "Two Columns"

    def it_keeps_paragraph_levels_and_bullets(self, lecture):
        layout, _, prs = lecture
        page = layout.pages[10]  # "Back to old school": bullets, sub-bullets, a paragraph
        body = body_shape(prs.slides[10])
        assert [p.level for p in body.text_frame.paragraphs] == [0, 0, 1, 1, 0]
        assert [p.level for p in page.body.paras] == [0, 0, 1, 1, 0]
        bullets = [p._p.find(f"{A}pPr").find(f"{A}buChar") is not None
                   for p in body.text_frame.paragraphs]
        assert bullets == [True, True, True, True, False]

    def it_indents_text_where_the_layout_measured_it(self, lecture):
        _, _, prs = lecture
        body = body_shape(prs.slides[10])
        ppr = [p._p.find(f"{A}pPr") for p in body.text_frame.paragraphs]
        assert [(int(p.get("marL")), int(p.get("indent"))) for p in ppr] == [
            (381000, -381000), (381000, -381000), (762000, -381000), (762000, -381000), (0, 0)]

    def it_gives_every_run_exactly_the_layout_size(self, lecture):
        layout, _, prs = lecture
        for page, slide in zip(layout.pages, prs.slides):
            title_runs = [r for p in title_shape(slide).text_frame.paragraphs for r in p.runs]
            assert {r.font.size.pt for r in title_runs} == {page.title.size}
            if page.body is not None:
                paras = body_shape(slide).text_frame.paragraphs
                assert [{r.font.size.pt for r in p.runs} for p in paras] == [
                    {para.size} for para in page.body.paras]

    def it_places_the_body_in_the_layout_box_with_the_layout_insets(self, lecture):
        layout, _, prs = lecture
        page, slide = layout.pages[1], prs.slides[1]
        body = body_shape(slide)
        assert (body.left, body.top, body.width, body.height) == tuple(
            round(v * 12700) for v in (page.body.box.x, page.body.box.y, page.body.box.w,
                                       page.body.box.h))
        body_pr = body.text_frame._txBody.find(f"{A}bodyPr")
        assert (body_pr.get("lIns"), body_pr.get("tIns"), body_pr.get("wrap")) == (
            "91440", "45720", "square")
        assert len(body_pr) == 0  # no autofit of its own: it inherits its layout's
        layout_pr = slide.slide_layout.placeholders[1].text_frame._txBody.find(f"{A}bodyPr")
        assert [child.tag for child in layout_pr] == [f"{A}normAutofit"]

    def it_spaces_paragraphs_by_the_theme(self, lecture):
        _, _, prs = lecture
        ppr = body_shape(prs.slides[1]).text_frame.paragraphs[0]._p.find(f"{A}pPr")
        assert ppr.find(f"{A}spcAft/{A}spcPts").get("val") == "1260"  # 0.45 × 28 pt
        assert ppr.find(f"{A}lnSpc/{A}spcPct").get("val") == "100000"

    def it_writes_speaker_notes_as_paragraphs(self, lecture):
        _, _, prs = lecture
        notes = prs.slides[1].notes_slide.notes_text_frame
        assert [p.text for p in notes.paragraphs] == [
            "The Spartacist uprising in Berlin was in January 1919; the Hungarian Soviet "
            "Republic lasted from March to August 1919. The Soviet–Polish war ended with the "
            "Treaty of Riga in March 1921."]
        assert not prs.slides[3].has_notes_slide  # "One against all" has no notes

    def it_numbers_content_slides_with_a_field_but_not_the_title_slide(self, lecture):
        _, _, prs = lecture
        def fields(slide):
            return slide.shapes._spTree.xpath(".//a:fld[@type='slidenum']")
        assert fields(prs.slides[0]) == []
        assert [len(fields(s)) for s in list(prs.slides)[1:]] == [1] * 12
        assert [fields(s)[0].findtext(f"{A}t") for s in list(prs.slides)[1:3]] == ["2", "3"]

    def it_writes_the_footer_on_content_slides(self, lecture):
        layout, _, prs = lecture
        def footer(slide):
            return [s for s in slide.shapes if s.is_placeholder
                    and s.placeholder_format.type == PP_PLACEHOLDER.FOOTER]
        assert footer(prs.slides[0]) == []
        found = footer(prs.slides[5])
        assert [s.text_frame.text for s in found] == ["Soviet union foreign policy"]
        box = layout.footer_box
        assert (found[0].left, found[0].top) == (round(box.x * 12700), round(box.y * 12700))

    def it_gives_every_shape_on_a_slide_a_unique_id(self, lecture):
        _, _, prs = lecture
        for slide in prs.slides:
            ids = [int(v) for v in slide.shapes._spTree.xpath(".//p:cNvPr/@id")]
            assert len(ids) == len(set(ids))

    def it_leaves_no_empty_placeholders(self, lecture):
        _, _, prs = lecture
        for slide in prs.slides:
            assert all(ph.text_frame.text.strip() for ph in slide.placeholders
                       if ph.has_text_frame)

    def it_tags_every_run_with_the_deck_language(self, lecture):
        _, data, _ = lecture
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in z.namelist():
                if name.startswith(("ppt/slides/slide", "ppt/notesSlides/")) and \
                        name.endswith(".xml"):
                    root = etree.fromstring(z.read(name))
                    langs = {el.get("lang") for tag in ("r/", "fld/", "")
                             for el in root.iter(f"{A}rPr" if tag else f"{A}endParaRPr")}
                    assert langs == {"en"}, name

    def it_writes_the_theme_colours_and_fonts_into_the_theme_part(self, lecture):
        layout, _, prs = lecture
        theme_part = prs.slide_master.part.part_related_by(RT.THEME)
        colors = pptx_xml.theme_colors(theme_part)
        assert colors["dk1"] == "1F2328"
        assert colors["lt1"] == "FFFFFF"
        assert colors["dk2"] == "1F3A68"
        assert colors["accent1"] == "2F6DB5"
        assert colors["hlink"] == "1F5FAD"
        assert pptx_xml.theme_fonts(theme_part) == ("Calibri", "Calibri")

    def it_refers_to_theme_colours_and_fonts_instead_of_hard_coding_them(self, lecture):
        _, _, prs = lecture
        run = body_shape(prs.slides[1]).text_frame.paragraphs[0].runs[0]
        rpr = run._r.find(f"{A}rPr")
        assert rpr.find(f"{A}solidFill/{A}schemeClr").get("val") == "tx1"
        assert rpr.find(f"{A}latin").get("typeface") == "+mn-lt"

    def it_sets_the_core_properties_from_the_deck(self, lecture):
        _, _, prs = lecture
        props = prs.core_properties
        assert props.title == "Soviet union foreign policy"
        assert props.subject == "From world revolution to the pact, 1917–1941"
        assert props.language == "en"
        assert props.created.year == 2000

    def it_is_a_16_by_9_deck(self, lecture):
        _, _, prs = lecture
        assert (prs.slide_width, prs.slide_height) == (12192000, 6858000)

    def it_builds_byte_identical_files(self, lecture):
        _, data, _ = lecture
        assert build(LECTURE)[1] == data

    def it_has_no_dangling_relationships_or_duplicate_parts(self, lecture):
        _, data, _ = lecture
        assert_clean_package(data)


def assert_clean_package(data: bytes) -> None:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        assert len(names) == len(set(names))
        assert names[:2] == ["[Content_Types].xml", "_rels/.rels"]
        assert {info.date_time for info in z.infolist()} == {(2000, 1, 1, 0, 0, 0)}
        targets = set()
        for name in names:
            if not name.endswith(".rels"):
                continue
            base = posixpath.dirname(posixpath.dirname(name))
            for rel in etree.fromstring(z.read(name)):
                if rel.get("TargetMode") == "External":
                    continue
                target = posixpath.normpath(posixpath.join(base, rel.get("Target"))).lstrip("/")
                assert target in names, f"{name} points at missing {target}"
                targets.add(target)
        parts = {n for n in names if not n.endswith(".rels") and n != "[Content_Types].xml"}
        assert parts - targets == set(), "parts nothing refers to"


def stress_deck(tmp_path: Path) -> Path:
    long = "This bullet is deliberately long so that it wraps over two or three lines of text"
    bullets = "\n".join(f"      - {long} ({i})" for i in range(12))
    column_bullets = "\n".join(f"          - {long} ({i})" for i in range(12))
    word = "x" * 60
    text = f"""\
title: Stress deck — проверка
language: ru
footer: Нагрузка
slides:
  - title: Twelve long bullets
    bullets:
{bullets}
  - title: Four levels, a long word and a long URL
    bullets:
      - Level one {word}
      - "[https://example.com/a/very/long/path/that/never/breaks/anywhere/at/all/index.html](https://example.com/a/very/long/path)"
      - Level one:
          - Level two:
              - Level three:
                  - Level four with a few words
  - title: Кириллица
    bullets:
      - Внешняя политика Советского Союза в 1917–1941 годах
      - Пакт Молотова — Риббентропа, **23 августа 1939**
  - title: Dense columns
    text: A lead paragraph that introduces both columns of this dense slide.
    columns:
      - heading: Left
        bullets:
{column_bullets}
      - heading: Right
        bullets:
{column_bullets}
"""
    return write_deck(tmp_path, text, "stress.yaml")


class DescribeAStressDeck:
    def it_builds_and_splits_dense_slides(self, tmp_path):
        layout, data = build(stress_deck(tmp_path))
        prs = pptx.Presentation(io.BytesIO(data))
        assert len(prs.slides) == len(layout.pages)
        assert len(layout.pages) > 1 + len(layout.deck.slides)
        assert_clean_package(data)

    def it_gives_every_run_its_layout_size_on_split_pages(self, tmp_path):
        layout, data = build(stress_deck(tmp_path))
        prs = pptx.Presentation(io.BytesIO(data))
        for page, slide in zip(layout.pages, prs.slides):
            if page.body is not None and page.layout in ("content", "continuation"):
                paras = body_shape(slide).text_frame.paragraphs
                assert [{r.font.size.pt for r in p.runs} for p in paras] == [
                    {para.size} for para in page.body.paras]

    def it_tags_cyrillic_text_with_the_deck_language(self, tmp_path):
        _, data = build(stress_deck(tmp_path))
        prs = pptx.Presentation(io.BytesIO(data))
        slide = next(s for s in prs.slides if title_shape(s).text_frame.text == "Кириллица")
        runs = [r for p in body_shape(slide).text_frame.paragraphs for r in p.runs]
        assert {r._r.find(f"{A}rPr").get("lang") for r in runs} == {"ru"}


class DescribeInlineMarkup:
    def it_turns_markup_into_styled_runs_and_links(self, tmp_path):
        path = write_deck(tmp_path, """\
title: Markup
slides:
  - title: Runs
    bullets:
      - plain **bold** *italic* `code` [link](https://example.com/x)
""")
        _, data = build(path)
        prs = pptx.Presentation(io.BytesIO(data))
        runs = body_shape(prs.slides[1]).text_frame.paragraphs[0].runs
        assert [r.text for r in runs] == ["plain ", "bold", " ", "italic", " ", "code", " ",
                                          "link"]
        assert runs[1].font.bold is True
        assert runs[3].font.italic is True
        assert runs[5].font.name == "Courier New"
        assert runs[7].hyperlink.address == "https://example.com/x"


class DescribePictures:
    def it_puts_the_alt_text_in_the_picture_description(self, tmp_path):
        PILImage.new("RGB", (400, 200), (47, 109, 181)).save(tmp_path / "chart.png")
        path = write_deck(tmp_path, """\
title: Pictures
slides:
  - title: A chart
    image: chart.png
    alt: A blue rectangle standing in for a chart
    caption: Figure 1. The chart
""")
        layout, data = build(path)
        prs = pptx.Presentation(io.BytesIO(data))
        pictures = [s for s in prs.slides[1].shapes if s.shape_type == 13]
        assert len(pictures) == 1
        c_nv_pr = pictures[0]._element.nvPicPr.cNvPr
        assert c_nv_pr.get("descr") == "A blue rectangle standing in for a chart"
        box = layout.pages[1].pictures[0].box
        assert pictures[0].left == round(box.x * 12700)
        texts = [s.text_frame.text for s in prs.slides[1].placeholders
                 if s.placeholder_format.type != PP_PLACEHOLDER.SLIDE_NUMBER]
        assert texts == ["A chart", "Figure 1. The chart"]

    def it_names_the_slide_when_the_image_is_not_an_image(self, tmp_path):
        PILImage.new("RGB", (40, 20)).save(tmp_path / "chart.png")
        path = write_deck(tmp_path, """\
title: Pictures
slides:
  - title: A chart
    image: chart.png
    alt: A chart
""")
        deck = load_deck(path)
        layout = lay_out(deck, theme_for(deck))
        bad = tmp_path / "notes.png"
        bad.write_text("not a picture", encoding="utf-8")
        page = layout.pages[1]
        broken = replace(page, frames=tuple(replace(f, image=Image(bad, "A chart"))
                                            if isinstance(f, PictureFrame) else f
                                            for f in page.frames))
        layout = replace(layout, pages=(layout.pages[0], broken))
        with pytest.raises(BuildError) as caught:
            render_pptx(layout)
        assert "slide 1 'A chart': cannot embed image 'notes.png'" in str(caught.value)


class DescribeReproducibility:
    def it_dates_the_file_from_source_date_epoch(self, tmp_path, monkeypatch):
        monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
        _, data = build(LECTURE)
        prs = pptx.Presentation(io.BytesIO(data))
        assert prs.core_properties.modified.isoformat() == "2023-11-14T22:13:20"
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert {i.date_time for i in z.infolist()} == {(2023, 11, 14, 22, 13, 20)}

    def it_rewrites_a_zip_in_a_fixed_order_with_fixed_times(self):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as z:
            z.writestr("b.xml", "b")
            z.writestr("[Content_Types].xml", "t")
            z.writestr("a.xml", "a")
        out = pptx_xml.deterministic_zip(buffer.getvalue())
        with zipfile.ZipFile(io.BytesIO(out)) as z:
            assert z.namelist() == ["[Content_Types].xml", "a.xml", "b.xml"]
            assert {i.date_time for i in z.infolist()} == {(1980, 1, 1, 0, 0, 0)}


class DescribeFourByThree:
    def it_sizes_the_slides_for_the_deck_aspect(self, tmp_path):
        path = write_deck(tmp_path, """\
title: Square
aspect: "4:3"
slides:
  - title: One
    bullets: [a, b]
""")
        layout, data = build(path)
        prs = pptx.Presentation(io.BytesIO(data))
        assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)
        body = body_shape(prs.slides[1])
        assert body.left + body.width <= prs.slide_width


class DescribeThePartnameAllocator:
    def it_scans_the_package_once_per_template_and_counts_up(self):
        prs = pptx.Presentation()
        package = prs.part.package
        scans = []
        original = package.iter_parts
        package.iter_parts = lambda: (scans.append(1), original())[1]
        allocate = pptx_xml.speed_up_partnames(package)
        names = [str(package.next_partname("/ppt/notesSlides/notesSlide%d.xml"))
                 for _ in range(3)]
        assert names == ["/ppt/notesSlides/notesSlide1.xml", "/ppt/notesSlides/notesSlide2.xml",
                         "/ppt/notesSlides/notesSlide3.xml"]
        assert len(scans) == 1
        assert str(allocate("/ppt/theme/theme%d.xml")) == "/ppt/theme/theme2.xml"

    @pytest.mark.slow
    def it_writes_a_notes_slide_for_each_of_a_thousand_slides(self, tmp_path):
        lines = ["title: Big", "footer: Big", "slides:"]
        for i in range(1000):
            lines += [f"  - title: Slide {i}", "    bullets: [one, two]", f"    notes: note {i}"]
        path = write_deck(tmp_path, "\n".join(lines) + "\n")
        deck = load_deck(path)
        layout = lay_out(deck, theme_for(deck))
        data = render_pptx(layout)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            notes = sorted(n for n in z.namelist() if n.startswith("ppt/notesSlides/notesSlide"))
        assert notes == sorted(f"ppt/notesSlides/notesSlide{i}.xml" for i in range(1, 1001))


class DescribeTheDeckPackage:
    """Slides added to a base: part names, rIds and slide ids as python-pptx gives them."""

    def it_adds_300_slides_with_python_pptx_names_ids_and_relationships(self, lecture):
        layout, _, _ = lecture
        base = base_package(layout)
        package = DeckPackage(base)
        first_rid = len(base.rels[base.presentation]) + 1
        content = base.layouts["content"]
        parts = []
        for _ in range(300):
            part = package.add_slide(content)
            package.set_xml(part, pptx_xml.SlideXml(base.placeholders[content],
                                                    base.slide_document).xml())
            parts.append(part)
        assert parts == [f"/ppt/slides/slide{i}.xml" for i in range(1, 301)]
        prs = pptx.Presentation(io.BytesIO(package.save(render_pptx_core(layout),
                                                        pptx_xml.ZIP_EPOCH)))
        sld_ids = prs.slides._sldIdLst.sldId_lst
        assert [s.rId for s in sld_ids] == [f"rId{first_rid + i}" for i in range(300)]
        assert [s.id for s in sld_ids] == list(range(256, 556))
        assert [str(prs.part.related_part(s.rId).partname) for s in sld_ids] == parts
        assert {s.slide_layout.name for s in prs.slides} == {"Title and Content"}

    def it_skips_relationship_ids_that_are_taken(self, lecture):
        layout, _, _ = lecture
        base = base_package(layout)
        rels = list(base.rels[base.presentation])
        taken = f"rId{len(rels) + 2}"
        rels[0] = (taken, *rels[0][1:])
        package = DeckPackage(replace(base, rels={**base.rels, base.presentation: rels}))
        for _ in range(3):
            package.add_slide(base.layouts["content"])
        rids = [rid for _, rid in package.slide_ids]
        assert taken not in rids and len(set(rids)) == 3
        assert rids == [f"rId{len(rels) + 1}", f"rId{len(rels) + 3}", f"rId{len(rels) + 4}"]

    def it_numbers_and_names_placeholders_as_python_pptx_does(self, lecture):
        layout, _, _ = lecture
        from generator.pptx.template import _build_base_presentation

        prs = _build_base_presentation(layout)
        base = base_package(layout)
        for slide_layout in prs.slide_layouts:
            fast = base.placeholders.get(str(slide_layout.part.partname))
            if fast is None:
                continue
            slide = prs.slides.add_slide(slide_layout)  # python-pptx's own clone
            slow = list(slide.placeholders)
            assert [(p.shape_id, p.type, p.left, p.top, p.width) for p in fast] == [
                (s.shape_id, s.placeholder_format.type, s.left, s.top, s.width) for s in slow]
            assert [p.nv_xml for p in fast] == [
                re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(s._element.nvSpPr, encoding=str))
                for s in slow]

    def it_writes_what_python_pptx_reads_and_saves_unchanged(self, lecture, tmp_path):
        PILImage.new("RGB", (40, 20), "blue").save(tmp_path / "chart.png")
        path = write_deck(tmp_path, """\
title: Round trip
slides:
  - title: A
    image: chart.png
    alt: A chart
    notes: See [the source](https://example.org/notes?a=1&b=2).
  - title: B
    bullets: ["[a link](https://example.org/b)"]
""")
        for data in (lecture[1], build(path)[1]):
            saved = io.BytesIO()
            pptx.Presentation(io.BytesIO(data)).save(saved)
            again = pptx_xml.deterministic_zip(saved.getvalue(), (2000, 1, 1, 0, 0, 0))
            with zipfile.ZipFile(io.BytesIO(data)) as ours, \
                    zipfile.ZipFile(io.BytesIO(again)) as theirs:
                assert ours.namelist() == theirs.namelist()
                for name in ours.namelist():
                    if name != "docProps/core.xml":  # python-pptx re-reads <a></a> as <a/>
                        assert ours.read(name) == theirs.read(name), name

    def it_keeps_python_pptx_constants(self):
        from pptx.enum.shapes import PP_PLACEHOLDER
        from pptx.opc.constants import CONTENT_TYPE as CT
        from pptx.opc.spec import default_content_types, image_content_types

        from generator.pptx import package as P
        from generator.pptx.render import PH

        assert P.IMAGE_CONTENT_TYPES == image_content_types
        assert P.DEFAULT_CONTENT_TYPES == set(default_content_types)
        assert (P.RT_SLIDE, P.RT_SLIDE_LAYOUT, P.RT_NOTES_SLIDE, P.RT_NOTES_MASTER, P.RT_IMAGE,
                P.RT_HYPERLINK) == (RT.SLIDE, RT.SLIDE_LAYOUT, RT.NOTES_SLIDE, RT.NOTES_MASTER,
                                    RT.IMAGE, RT.HYPERLINK)
        assert (P.CT_SLIDE, P.CT_NOTES_SLIDE) == (CT.PML_SLIDE, CT.PML_NOTES_SLIDE)
        for name, value in vars(PH).items():
            if name.isupper():
                assert getattr(PP_PLACEHOLDER, name) == value


def render_pptx_core(layout: DeckLayout) -> dict[str, str]:
    from generator.pptx.render import _core_properties

    return _core_properties(layout)


class DescribeTheXmlWriters:
    def it_writes_rels_byte_for_byte_as_python_pptx(self, lecture):
        _, data, prs = lecture
        slide_part = prs.slides[1].part
        slide_part.relate_to("https://example.org/a?b=1&c=<2>\"", RT.HYPERLINK, is_external=True)
        for part in (prs.part, slide_part, prs.slides[0].part):
            rels = [(rid, rel.reltype, rel.target_ref, rel.is_external)
                    for rid, rel in part.rels._rels.items()]
            assert pptx_xml.relationships_xml(rels) == part.rels.xml

    def it_writes_runs_as_python_pptx_proxies_do(self):
        from pptx.util import Pt

        prs = pptx.Presentation()
        slide = prs.slides.add_slide(prs.slide_layouts[6])
        p = slide.shapes.add_textbox(0, 0, 10, 10).text_frame.paragraphs[0]
        texts = [" ", "a\tb  c\x07d\re", "<&>\"'", ""]
        for text in texts:
            run = p.add_run()
            run.text = text
            run.font.size = Pt(22.35)
            run.font.bold = True
            run.font.name = "+mn-lt"
        for r in p.runs:
            r.font._rPr.set("lang", "ru")
        def xml(el) -> str:
            return re.sub(r' xmlns:\w+="[^"]*"', "", etree.tostring(el, encoding=str))

        # An empty run's text: python-pptx leaves "" (<a:t></a:t>), a parse gives <a:t/>.
        expected = "".join(xml(r._r) for r in p.runs).replace("<a:t></a:t>", "<a:t/>")
        fast = pptx_xml.parse_xml(
            f'<a:p {pptx_xml.nsdecls("a")}>'
            + "".join(pptx_xml.run_xml(t, 22.35, True, False, "ru", "+mn-lt") for t in texts)
            + "</a:p>")
        got = "".join(xml(r) for r in fast)
        assert got == expected

    def it_writes_a_line_break_as_a_br_between_runs_of_the_same_style(self):
        got = pptx_xml.run_xml("one\ntwo", 20, True, False, "en", None)
        assert got == ('<a:r><a:rPr sz="2000" b="1" lang="en"></a:rPr><a:t>one</a:t></a:r>'
                       '<a:br><a:rPr sz="2000" b="1" lang="en"></a:rPr></a:br>'
                       '<a:r><a:rPr sz="2000" b="1" lang="en"></a:rPr><a:t>two</a:t></a:r>')

    def it_names_the_east_asian_and_complex_script_fonts_on_each_run(self):
        got = pptx_xml.run_xml("x", 20, False, False, "ja", "+mn-lt", None, None,
                               {"ea": "Noto Sans CJK JP", "cs": "DejaVu Sans"})
        assert got == ('<a:r><a:rPr sz="2000" lang="ja"><a:latin typeface="+mn-lt"/>'
                       '<a:ea typeface="Noto Sans CJK JP"/><a:cs typeface="DejaVu Sans"/>'
                       '</a:rPr><a:t>x</a:t></a:r>')

    def it_keeps_a_space_only_run_between_styled_words(self, tmp_path):
        path = write_deck(tmp_path, "title: Spaces\nslides:\n  - title: One\n"
                          "    bullets: ['**bold** *italic*']\n")
        _, data = build(path)
        prs = pptx.Presentation(io.BytesIO(data))
        runs = body_shape(prs.slides[1]).text_frame.paragraphs[0].runs
        assert [r.text for r in runs] == ["bold", " ", "italic"]


class DescribeNotesLinksAndSharedImages:
    def it_links_from_notes_and_shares_one_image_part(self, tmp_path):
        PILImage.new("RGB", (40, 20), "blue").save(tmp_path / "chart.png")
        path = write_deck(tmp_path, """\
title: Shared
slides:
  - title: A
    image: chart.png
    alt: A chart
    notes: See [the source](https://example.org/notes?a=1&b=2).
  - title: B
    image: chart.png
    alt: The same chart
""")
        _, data = build(path)
        assert_clean_package(data)
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert [n for n in z.namelist() if n.startswith("ppt/media/")] == [
                "ppt/media/image1.png"]
        prs = pptx.Presentation(io.BytesIO(data))
        notes = prs.slides[1].notes_slide
        run = [r for p in notes.notes_text_frame.paragraphs for r in p.runs
               if r.hyperlink.address][0]
        assert run.hyperlink.address == "https://example.org/notes?a=1&b=2"
        assert run.text == "the source"


class DescribeTheBaseCache:
    def it_keeps_one_base_per_design_and_never_changes_it(self, lecture):
        layout, data, _ = lecture
        base = base_package(layout)
        parts = dict(base.parts)
        assert base_package(layout) is base
        assert render_pptx(layout) == data
        assert base.parts == parts

    def it_reads_the_base_back_from_the_per_user_cache(self, lecture, monkeypatch):
        layout, data, _ = lecture
        monkeypatch.setattr(pptx_template, "_BASES", {})
        files = list(cache_dir("pptx-base").glob("*.zip"))
        assert files
        built = pptx_template._build_base_presentation
        monkeypatch.setattr(pptx_template, "_build_base_presentation",
                            lambda *a: pytest.fail("the cached base was not used"))
        assert render_pptx(layout) == data
        monkeypatch.setattr(pptx_template, "_build_base_presentation", built)
        for file in files:
            file.write_bytes(b"not a zip")
        monkeypatch.setattr(pptx_template, "_BASES", {})
        assert render_pptx(layout) == data  # a broken file is rebuilt

    def it_builds_the_same_file_without_a_cache(self, lecture, monkeypatch):
        layout, data, _ = lecture
        monkeypatch.setenv("DECK_CACHE_DIR", "off")
        monkeypatch.setattr(pptx_template, "_BASES", {})
        assert render_pptx(layout) == data

    @pytest.mark.slow
    def it_does_not_import_python_pptx_once_the_base_is_cached(self, tmp_path):
        deck = write_deck(tmp_path, "title: Cold\nslides:\n  - title: One\n    bullets: [a]\n"
                          "    notes: n\n")
        assert loaded_on_each_build(deck, tmp_path, "pptx") == [True, False]
        assert (tmp_path / "out" / "deck.pptx").is_file()


def test_a_title_longer_than_office_allows_in_a_property_still_builds(tmp_path):
    title = "A very long lecture title " * 12
    path = tmp_path / "deck.yaml"
    path.write_text(f"title: {title}\nslides:\n" + "".join(
        f"  - {{layout: section, title: Section {i} with a longish name}}\n" for i in range(20)),
        encoding="utf-8")
    deck = load_deck(path)
    data = render_pptx(lay_out(deck, theme_for(deck)))
    from pptx import Presentation

    props = Presentation(io.BytesIO(data)).core_properties
    assert props.title == title.strip()[:254] + "…"
    assert len(props.keywords) == 255 and props.keywords.endswith("…")


STRESS = ROOT / "tests" / "decks" / "stress.yaml"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def presentation_root(data: bytes):
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("ppt/presentation.xml"))


def placeholder_texts(slide) -> dict[str, str]:
    """The slide's text placeholders' texts, by the name of their layout placeholder."""
    layout = slide.slide_layout.placeholders
    return {layout.get(idx=s.placeholder_format.idx).name: s.text_frame.text
            for s in slide.placeholders if s.has_text_frame}


class DescribeColumnPlaceholders:
    def it_puts_headings_and_columns_in_their_own_placeholders_without_a_lead(self):
        _, data = build(STRESS)
        prs = pptx.Presentation(io.BytesIO(data))
        slide = next(s for s in prs.slides if title_shape(s).text_frame.text == "Three columns")
        texts = placeholder_texts(slide)
        assert "Lead Text" not in texts
        assert [texts[f"Column {i} Heading"] for i in (1, 2, 3)] == ["One", "Two", "Three"]
        assert texts["Column 1"] == "Alpha\nBeta"
        assert texts["Column 3"] == "Gamma\nDelta\nEpsilon"
        assert all(s.is_placeholder for s in slide.shapes)  # no text box took a heading

    def it_leaves_out_a_column_that_ended_on_an_earlier_page(self):
        _, data = build(STRESS)
        prs = pptx.Presentation(io.BytesIO(data))
        slides = [s for s in prs.slides
                  if title_shape(s).text_frame.text == "Two unequal columns"]
        assert len(slides) >= 2  # the title is kept as written on the continuation
        texts = placeholder_texts(slides[1])
        assert "Column 1 Heading" not in texts  # no heading over a column with nothing below
        assert texts["Column 2 Heading"] == "LONG"
        assert "Column 1" not in texts
        assert texts["Lead Text"] == "A lead sentence above two columns of very different lengths."
        assert all(text.strip() for text in texts.values())

    def it_matches_placeholders_by_their_place_on_the_layout(self):
        from generator.pptx.render import PH, column_placeholders

        def ph(i, type, left, top, width):
            return pptx_xml.SlidePlaceholder(i, i + 2, type, left, top, width, "")

        lead = ph(0, PH.BODY, 100, 100, 900)
        heads = [ph(1 + 2 * i, PH.BODY, 100 + 300 * i, 200, 280) for i in range(3)]
        bodies = [ph(2 + 2 * i, PH.OBJECT, 100 + 300 * i, 260, 280) for i in range(3)]
        free = [lead, *reversed(heads), *bodies]
        assert column_placeholders(free) == (lead, list(zip(heads, bodies)))
        two_content = [ph(0, PH.OBJECT, 500, 100, 400), ph(1, PH.OBJECT, 100, 100, 400)]
        assert column_placeholders(two_content) == (
            None, [(None, two_content[1]), (None, two_content[0])])


class DescribeThePresentationPart:
    def it_lists_the_notes_master_after_the_slide_masters(self, lecture):
        _, data, prs = lecture
        root = presentation_root(data)
        names = [etree.QName(el).localname for el in root]
        assert names[:3] == ["sldMasterIdLst", "notesMasterIdLst", "sldIdLst"]
        rid = root.find(f"{P}notesMasterIdLst/{P}notesMasterId").get(R_ID)
        assert prs.part.related_part(rid) is prs.notes_master.part

    def it_lists_no_notes_master_when_no_slide_has_notes(self, tmp_path):
        _, data = build(write_deck(tmp_path, "title: T\nslides:\n  - title: A\n"))
        assert presentation_root(data).find(f"{P}notesMasterIdLst") is None

    def it_marks_only_4_by_3_slides_as_screen4x3(self, lecture, tmp_path):
        assert presentation_root(lecture[1]).find(f"{P}sldSz").attrib == {
            "cx": "12192000", "cy": "6858000"}
        _, data = build(write_deck(tmp_path, 'title: T\naspect: "4:3"\nslides:\n  - title: A\n'))
        assert presentation_root(data).find(f"{P}sldSz").attrib == {
            "cx": "9144000", "cy": "6858000", "type": "screen4x3"}


class DescribeTheFooter:
    def it_turns_the_footers_markup_into_runs_and_a_link(self, tmp_path):
        path = write_deck(tmp_path, 'title: T\nfooter: "Footer [link](https://example.org) '
                          '**b** `c`"\nslides:\n  - title: A\n    bullets: [x]\n')
        _, data = build(path)
        prs = pptx.Presentation(io.BytesIO(data))
        footer = next(s for s in prs.slides[1].placeholders
                      if s.placeholder_format.type == PP_PLACEHOLDER.FOOTER)
        runs = footer.text_frame.paragraphs[0].runs
        assert [r.text for r in runs] == ["Footer ", "link", " ", "b", " ", "c"]
        assert runs[1].hyperlink.address == "https://example.org"
        assert runs[3].font.bold is True
        assert runs[5].font.name == "Courier New"
        assert runs[0].font.name is None  # the footer placeholder's own font
        assert_clean_package(data)


class DescribeSpeakerNotesParagraphs:
    def it_separates_paragraphs_at_lines_that_hold_only_spaces(self, tmp_path):
        path = write_deck(tmp_path, 'title: T\nslides:\n  - title: A\n'
                          '    notes: "one\\n   \\ntwo\\nwrapped\\n\\n\\tthree"\n')
        _, data = build(path)
        notes = pptx.Presentation(io.BytesIO(data)).slides[1].notes_slide.notes_text_frame
        assert [p.text for p in notes.paragraphs] == ["one", "two wrapped", "three"]


@pytest.mark.slow  # over a fifth of a second: the full suite only
def test_every_run_and_shape_of_every_block_kind_has_the_deck_language(tmp_path):
    """Tables, code backgrounds, timeline axes and markers, scrims: no stray language tag."""
    deck = Path(__file__).parent / "decks" / "blocks.yaml"
    _, data = build(deck)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        for name in z.namelist():
            if name.startswith("ppt/slides/slide") and name.endswith(".xml"):
                root = etree.fromstring(z.read(name))
                langs = {el.get("lang") for tag in (f"{A}rPr", f"{A}endParaRPr")
                         for el in root.iter(tag)}
                assert langs <= {"en"}, name
