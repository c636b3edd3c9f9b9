"""Tests for building decks on a user's PowerPoint template and inspecting templates."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pptx
import pytest
from lxml import etree
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from test_render_pptx import A, assert_clean_package, write_deck

from generator.errors import BuildError
from generator.layout.engine import lay_out
from generator.pptx.render import render_pptx
from generator.pptx.template import LAYOUT_FALLBACKS, find_layout, inspect_template, open_template
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def render(path: Path) -> bytes:
    deck = load_deck(path)
    return render_pptx(lay_out(deck, theme_for(deck)))


@pytest.fixture
def corporate(tmp_path: Path) -> Path:
    """A 16:9 template with two slides of its own (made by rendering a small deck)."""
    source = write_deck(tmp_path, "title: Corporate\nslides:\n  - title: Old slide\n"
                        "    bullets: [left over]\n", "corporate.yaml")
    path = tmp_path / "corporate.pptx"
    path.write_bytes(render(source))
    return path


class DescribeATemplateDeck:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_drops_the_templates_own_slides_and_uses_its_layouts(self, tmp_path, corporate):
        path = write_deck(tmp_path, "title: On a template\ntemplate: corporate.pptx\n"
                          "slides:\n  - title: First\n    bullets: [one, two]\n")
        data = render(path)
        prs = pptx.Presentation(io.BytesIO(data))
        titles = [s.shapes.title.text_frame.text for s in prs.slides]
        assert titles == ["On a template", "First"]
        assert [s.slide_layout.name for s in prs.slides] == ["Title Slide", "Title and Content"]
        assert_clean_package(data)

    def it_refuses_a_template_of_the_other_aspect(self, tmp_path, corporate):
        path = write_deck(tmp_path, "title: Square\naspect: \"4:3\"\ntemplate: corporate.pptx\n"
                          "slides:\n  - title: First\n    bullets: [one]\n")
        with pytest.raises(BuildError) as caught:
            render(path)
        assert str(caught.value) == (
            f"{path}:2:9: {corporate}: the template's slides are 13.33 x 7.50 in (16:9), but "
            "the deck's 'aspect' is 4:3 (10.00 x 7.50 in); remove 'aspect' to build in the "
            "template's size, or use a 4:3 template")

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_notices_an_edited_template(self, tmp_path, corporate):
        path = write_deck(tmp_path, "title: Wide\ntemplate: corporate.pptx\n"
                          "slides:\n  - title: First\n    bullets: [one]\n")
        assert render(path) == render(path)
        square = write_deck(tmp_path, "title: Square\naspect: \"4:3\"\nslides:\n"
                            "  - title: Old\n", "square.yaml")
        corporate.write_bytes(render(square))
        prs = pptx.Presentation(io.BytesIO(render(path)))  # the edited template's size
        assert (prs.slide_width, prs.slide_height) == (9144000, 6858000)

    def it_reports_a_file_that_is_not_a_template(self, tmp_path):
        bad = tmp_path / "broken.pptx"
        bad.write_text("not a zip", encoding="utf-8")
        with pytest.raises(BuildError) as caught:
            open_template(bad)
        assert str(caught.value).startswith(f"{bad}: not a usable PowerPoint template")


class DescribeLayoutLookup:
    def it_falls_back_to_office_layout_names(self):
        prs = pptx.Presentation()  # python-pptx's default template: Office names
        assert find_layout(prs, "columns2").name == "Two Content"
        assert find_layout(prs, "columns3").name == "Two Content"
        assert find_layout(prs, "continuation").name == "Title and Content"
        assert find_layout(prs, "image").name == "Picture with Caption"


class DescribeInspectTemplate:
    def it_lists_size_layouts_placeholders_and_choices(self, corporate):
        report = inspect_template(corporate)
        lines = report.splitlines()
        assert lines[1] == "slide size: 13.33 x 7.50 in (16:9)"
        assert "  3. Title and Content" in lines
        assert "  content: Title and Content" in lines
        assert "  columns3: Three Columns" in lines


class DescribeATemplateDeckWithNotes:
    def it_adds_slides_and_notes_after_the_templates_relationships(self, tmp_path, corporate):
        path = write_deck(tmp_path, "title: On a template\ntemplate: corporate.pptx\n"
                          "footer: Corp\nslides:\n" + "".join(
                              f"  - title: S{i}\n    bullets: [one]\n    notes: note {i}\n"
                              for i in range(5)))
        data = render(path)
        assert render(path) == data
        assert_clean_package(data)
        prs = pptx.Presentation(io.BytesIO(data))
        assert [s.shapes.title.text_frame.text for s in prs.slides] == [
            "On a template"] + [f"S{i}" for i in range(5)]
        assert [s.notes_slide.notes_text_frame.text for s in list(prs.slides)[1:]] == [
            f"note {i}" for i in range(5)]
        rids = [s.rId for s in prs.slides._sldIdLst.sldId_lst]
        assert len(set(rids)) == len(rids)


# -- templates made with python-pptx's default (Office) design, as the reviewer's repro ----------

P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
ANY_DECK = "slides:\n  - title: First\n    bullets: [one]\n"


def plain_template(tmp_path: Path, size: tuple[int, int] = (12192000, 6858000),
                   name: str = "plain.pptx", slides: int = 0) -> Path:
    """python-pptx's own white Office template at ``size`` (EMU), with ``slides`` slides."""
    prs = pptx.Presentation()
    prs.slide_width, prs.slide_height = size
    for i in range(slides):
        prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = f"Old {i}"
    path = tmp_path / name
    prs.save(str(path))
    return path


def presentation_xml(data: bytes) -> etree._Element:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return etree.fromstring(z.read("ppt/presentation.xml"))


def run_fills(shape) -> list[bool]:
    """Whether each run of ``shape`` sets its own colour."""
    return [r._r.find(f"{A}rPr/{A}solidFill") is not None
            for p in shape.text_frame.paragraphs for r in p.runs]


class DescribeTitleAndSectionColoursOnATemplate:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_leaves_the_colours_to_the_template_except_links(self, tmp_path):
        plain_template(tmp_path)
        path = write_deck(tmp_path, "title: White?\nsubtitle: Sub\ntheme: classic\n"
                          "template: plain.pptx\nslides:\n"
                          "  - {layout: section, title: Part, subtitle: 'See [x](https://x.org)'}\n")
        prs = pptx.Presentation(io.BytesIO(render(path)))
        title, section = prs.slides[0], prs.slides[1]
        assert [run_fills(s) for s in title.placeholders] == [[False], [False]]
        assert [run_fills(s) for s in section.placeholders] == [[False], [False, True]]

    def it_keeps_them_on_the_built_in_design(self, tmp_path):
        path = write_deck(tmp_path, "title: White\nsubtitle: Sub\ntheme: classic\n" + ANY_DECK)
        prs = pptx.Presentation(io.BytesIO(render(path)))
        assert [run_fills(s) for s in prs.slides[0].placeholders] == [[True], [True]]


class DescribeDroppingTheTemplatesSlides:
    def it_drops_sections_custom_shows_and_show_ranges_that_name_them(self, tmp_path):
        prs = pptx.Presentation()
        prs.slide_width = 12192000
        for i in range(2):
            prs.slides.add_slide(prs.slide_layouts[1]).shapes.title.text = f"Old {i}"
        root = prs.part._element
        ids = [(s.get("id"), s.rId) for s in prs.slides._sldIdLst]
        root.find(f"{{{P}}}defaultTextStyle").addprevious(etree.fromstring(
            f'<p:custShowLst xmlns:p="{P}" xmlns:r="{R}"><p:custShow name="Short" id="0">'
            f'<p:sldLst><p:sld r:id="{ids[1][1]}"/></p:sldLst></p:custShow></p:custShowLst>'))
        root.append(etree.fromstring(
            f'<p:extLst xmlns:p="{P}"><p:ext uri="{{521415D9-36F7-43E2-AB2F-B90AF26B5E84}}">'
            f'<p14:sectionLst xmlns:p14="{P14}"><p14:section name="Old" '
            'id="{11111111-2222-3333-4444-555555555555}"><p14:sldIdLst>'
            + "".join(f'<p14:sldId id="{i}"/>' for i, _ in ids)
            + "</p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst>"))
        props = prs.part.part_related_by(RT.PRES_PROPS)
        props.blob = re.sub(rb"(<p:presentationPr[^>]*>)",
                            rb'\1<p:showPr><p:custShow id="0"/></p:showPr>', props.blob)
        view = prs.part.part_related_by(RT.VIEW_PROPS)
        outline = "".join(f'<p:sld r:id="{view.relate_to(s.part, RT.SLIDE)}"/>'
                          for s in prs.slides)
        view.blob = re.sub(rb"(<p:notesTextViewPr>)", f'<p:outlineViewPr><p:cViewPr><p:scale><a:sx '
                           f'n="33" d="100"/><a:sy n="33" d="100"/></p:scale><p:origin '
                           f'x="0" y="0"/></p:cViewPr><p:sldLst>{outline}</p:sldLst>'
                           '</p:outlineViewPr>'.encode() + rb"\1", view.blob)
        assert b"<p:sldLst>" in view.blob
        prs.save(str(tmp_path / "plain.pptx"))
        deck = write_deck(tmp_path, "title: T\ntemplate: plain.pptx\n" + ANY_DECK)
        data = render(deck)
        root = presentation_xml(data)
        assert root.find(f"{{{P}}}custShowLst") is None
        assert root.find(f"{{{P}}}extLst") is None
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            assert b"custShow" not in z.read("ppt/presProps.xml")
            assert b"sldLst" not in z.read("ppt/viewProps.xml")
            assert "ppt/_rels/viewProps.xml.rels" not in z.namelist()
            assert sorted(n for n in z.namelist() if n.startswith("ppt/slides/slide")) == [
                "ppt/slides/slide1.xml", "ppt/slides/slide2.xml"]
        assert_clean_package(data)
        assert [s.shapes.title.text for s in pptx.Presentation(io.BytesIO(data)).slides] == [
            "T", "First"]


class DescribeTemplateSizes:
    def it_lays_out_in_a_16_9_template_of_10_by_5_625_inches_at_its_own_size(self, tmp_path):
        plain_template(tmp_path, (9144000, 5143500))
        path = write_deck(tmp_path, "title: Small\ntemplate: plain.pptx\n" + ANY_DECK)
        deck = load_deck(path)
        layout = lay_out(deck, theme_for(deck))
        assert (layout.width, layout.height) == (720, 405)
        prs = pptx.Presentation(io.BytesIO(render_pptx(layout)))
        assert (prs.slide_width, prs.slide_height) == (9144000, 5143500)
        page, slide = layout.pages[1], prs.slides[1]
        body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
        layout_body = slide.slide_layout.placeholders[1]  # the 4:3 box, past the slide's foot
        assert (body.left, body.top, body.width, body.height) == (
            layout_body.left, layout_body.top, layout_body.width,
            prs.slide_height - layout_body.top)
        assert body.text_frame.paragraphs[0].runs[0].font.size.pt == page.body.paras[0].size
        assert body.text_frame._txBody.find(f"{A}bodyPr").get("lIns") == "91440"

    def it_builds_a_template_of_any_size_when_the_deck_gives_no_aspect(self, tmp_path):
        plain_template(tmp_path, (12192000, 7620000))  # 16:10
        path = write_deck(tmp_path, "title: Wide\ntemplate: plain.pptx\n" + ANY_DECK)
        deck = load_deck(path)
        layout = lay_out(deck, theme_for(deck))
        assert (layout.width, layout.height) == (960, 600)
        prs = pptx.Presentation(io.BytesIO(render_pptx(layout)))
        assert (prs.slide_width, prs.slide_height) == (12192000, 7620000)

    def it_refuses_an_aspect_the_template_does_not_have_naming_both_sizes(self, tmp_path):
        template = plain_template(tmp_path, (12192000, 7620000))  # 16:10
        path = write_deck(tmp_path, "title: Wide\naspect: '16:9'\ntemplate: plain.pptx\n"
                          + ANY_DECK)
        with pytest.raises(BuildError) as caught:
            render(path)
        assert str(caught.value) == (
            f"{path}:2:9: {template}: the template's slides are 13.33 x 8.33 in (1.600:1), but "
            "the deck's 'aspect' is 16:9 (13.33 x 7.50 in); remove 'aspect' to build in the "
            "template's size, or use a 16:9 template")


class DescribeLibreOfficeLayoutNames:
    NAMES = ("Title Slide", "Title, Content", "Centered Text", "Title, 2 Content",
             "Title, 2 Content over Content", "Title Only", "Blank Slide", "Title, 4 Content",
             "Title, 6 Content", "Title, Content over Content", "Title, Content and 2 Content")

    def it_finds_impress_names_for_every_slide_kind(self):
        prs = pptx.Presentation()
        for layout, name in zip(prs.slide_layouts, self.NAMES):
            layout._element.cSld.set("name", name)
        for layout in prs.slide_layouts:  # Impress writes no layout types of its own here
            layout._element.attrib.pop("type", None)
        chosen = {kind: find_layout(prs, kind).name for kind in LAYOUT_FALLBACKS}
        assert chosen == {"title": "Title Slide", "section": "Title Slide",
                          "content": "Title, Content", "continuation": "Title, Content",
                          "columns2": "Title, 2 Content", "columns3": "Title, 2 Content",
                          "image": "Title Only", "title_only": "Title Only",
                          "blank": "Blank Slide"}

    def it_matches_unknown_names_by_placeholders_never_a_subtitle_for_content(self):
        prs = pptx.Presentation()
        for i, layout in enumerate(prs.slide_layouts):
            layout._element.cSld.set("name", f"Layout {i + 1}")
            layout._element.attrib.pop("type", None)
        chosen = {kind: find_layout(prs, kind).name for kind in LAYOUT_FALLBACKS}
        assert chosen == {"title": "Layout 1", "section": "Layout 3",
                          "content": "Layout 2", "continuation": "Layout 2",
                          "columns2": "Layout 4", "columns3": "Layout 5",
                          "image": "Layout 9", "title_only": "Layout 6", "blank": "Layout 7"}


class DescribeLayoutTypesAndNamesElsewhere:
    def it_recognises_powerpoints_layout_types_before_names_whatever_the_language(self):
        prs = pptx.Presentation()  # Office's layouts, with their types, renamed in Swedish
        for layout, name in zip(prs.slide_layouts, (
                "Rubrikbild", "Rubrik och innehåll", "Avsnittsrubrik", "Två innehåll",
                "Jämförelse", "Endast rubrik", "Tom", "Innehåll med bildtext",
                "Bild med bildtext", "Rubrik och lodrät text", "Lodrät rubrik och text")):
            layout._element.cSld.set("name", name)
        chosen = {kind: find_layout(prs, kind).name for kind in LAYOUT_FALLBACKS}
        assert chosen == {"title": "Rubrikbild", "section": "Avsnittsrubrik",
                          "content": "Rubrik och innehåll", "continuation": "Rubrik och innehåll",
                          "columns2": "Två innehåll", "columns3": "Jämförelse",
                          "image": "Bild med bildtext", "title_only": "Endast rubrik",
                          "blank": "Tom"}

    def it_reads_google_slides_layout_names(self):
        prs = pptx.Presentation()
        google = ("TITLE", "TITLE_AND_BODY", "SECTION_HEADER", "TITLE_AND_TWO_COLUMNS",
                  "CAPTION_ONLY", "TITLE_ONLY", "BLANK", "ONE_COLUMN_TEXT", "MAIN_POINT",
                  "BIG_NUMBER", "SECTION_TITLE_AND_DESCRIPTION")
        for layout, name in zip(prs.slide_layouts, google):
            layout._element.cSld.set("name", name)
            layout._element.attrib.pop("type", None)
        chosen = {kind: find_layout(prs, kind).name for kind in
                  ("title", "section", "content", "columns2", "title_only", "blank")}
        assert chosen == {"title": "TITLE", "section": "SECTION_HEADER",
                          "content": "TITLE_AND_BODY", "columns2": "TITLE_AND_TWO_COLUMNS",
                          "title_only": "TITLE_ONLY", "blank": "BLANK"}
