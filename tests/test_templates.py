"""Decks on templates: laid out in the template's boxes, size and fonts; text that inherits the
template's title style; footers that are never lost; right-to-left masters; warnings."""

from __future__ import annotations

import io
import logging
from pathlib import Path

import pptx
import pytest
from lxml import etree
from test_import import png_bytes
from test_pptx_template import plain_template
from test_render_pptx import A, write_deck

from generator.build import build_deck
from generator.layout.engine import lay_out
from generator.pptx.render import render_pptx
from generator.source.reader import load_deck
from generator.themes.template import template_design
from generator.themes.theme import theme_for

DECKS = sorted((Path(__file__).parent / "templates").glob("on_*.yaml"))
FOOTER = "Soviet union foreign policy"
PT = 12700
DECK = ("title: A lecture\nsubtitle: On a template\nfooter: History 201\nslides:\n"
        "  - title: First\n    bullets: [one, two]\n"
        "  - {layout: section, title: Part II}\n")


def built(deck: Path, tmp_path: Path) -> pptx.presentation.Presentation:
    result = build_deck(deck, tmp_path, ["pptx"], force=True)
    assert result.error is None, result.error
    return pptx.Presentation(str(result.outputs[0]))


def layout_boxes(slide) -> list[tuple[int, int, int, int]]:
    return [(p.left, p.top, p.width, p.height) for p in slide.slide_layout.placeholders
            if p.left is not None]


def inside(shape, box: tuple[int, int, int, int], slack: int = PT) -> bool:
    x, y, w, h = box
    return (shape.left >= x - slack and shape.top >= y - slack
            and shape.left + shape.width <= x + w + slack
            and shape.top + shape.height <= y + h + slack)


def grown_from(shape, box: tuple[int, int, int, int], slack: int = PT) -> bool:
    """``shape`` is ``box`` grown down or up (its left, width and one edge kept): a title or
    subtitle that took the free space next to its placeholder."""
    x, y, w, h = box
    return (abs(shape.left - x) <= slack and abs(shape.width - w) <= slack
            and (abs(shape.top - y) <= slack or abs(shape.top + shape.height - y - h) <= slack))


def overlap(a, b) -> bool:
    return (a.left < b.left + b.width and b.left < a.left + a.width
            and a.top < b.top + b.height and b.top < a.top + a.height)


def is_chrome(shape, number: int) -> bool:
    """A footer or slide number (drawn as a text box where the template has no placeholder)."""
    return shape.text_frame.text in (FOOTER, str(number))


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.stem)
@pytest.mark.slow  # real templates or dictionaries, each test a second or more
class DescribeTheLectureOnRealTemplates:
    def it_puts_titles_and_text_inside_the_layouts_placeholder_boxes(self, deck, tmp_path):
        """... or in a placeholder's box grown into the free space beside it (a long title, the
        title slide's author and date), overlapping no other text."""
        prs = built(deck, tmp_path)
        for number, slide in enumerate(prs.slides, start=1):
            columns = slide.shapes.title.text == "So was stalin preparing the war?"
            boxes = layout_boxes(slide)
            texts = [s for s in slide.shapes if s.has_text_frame and s.text_frame.text]
            for shape in slide.shapes:
                if shape.has_text_frame and not is_chrome(shape, number):
                    # a column heading on a layout without heading placeholders is a text box
                    assert shape.is_placeholder or columns, (number, shape.name)
                    if any(inside(shape, b) for b in boxes):
                        continue
                    assert any(grown_from(shape, b) for b in boxes), (number, shape.name)
                    assert not any(overlap(shape, other) for other in texts
                                   if other.shape_id != shape.shape_id), (number, shape.name)

    def it_writes_titles_without_colour_or_font_of_their_own(self, deck, tmp_path):
        prs = built(deck, tmp_path)
        for slide in prs.slides:
            runs = slide.shapes.title._element.findall(f".//{A}rPr")
            assert runs and [(r.find(f"{A}solidFill"), r.find(f"{A}latin")) for r in runs] == [
                (None, None)] * len(runs)

    def it_shows_the_footer_on_every_content_slide(self, deck, tmp_path):
        prs = built(deck, tmp_path)
        content = [s for s in list(prs.slides)[1:] if "Part II" not in s.shapes.title.text]
        assert len(content) == 3
        for slide in content:
            assert [s.text_frame.text for s in slide.shapes
                    if s.has_text_frame and s.text_frame.text == FOOTER] == [FOOTER]

    def it_lays_out_in_the_templates_size_and_fonts(self, deck):
        source = load_deck(deck)
        design = template_design(source)
        layout = lay_out(source, theme_for(source))
        assert (layout.width, layout.height) == (design.width, design.height)
        assert layout.theme.fonts["heading"] == design.heading_font
        assert layout.theme.fonts["body"] == design.body_font
        assert layout.pages[1].title.box.x == design.boxes["title"][0]


class DescribeTemplateDesigns:
    def it_reads_office_2010s_default_template(self):
        deck = load_deck(DECKS[[d.stem for d in DECKS].index("on_office2010_default")])
        design = template_design(deck)
        assert (design.width, design.height, design.heading_font, design.body_font,
                design.heading_size, design.title_size, design.caps, design.rtl) == (
            720.0, 540.0, "Calibri", "Calibri", 44.0, 44.0, ("section_title",), False)
        assert [round(v, 2) for v in design.boxes["title"]] == [36.0, 21.63, 648.0, 90.0]
        assert design.layouts == (("title", "Title Slide"), ("section", "Section Header"),
                                  ("content", "Title and Content"))


def styled_template(tmp_path: Path, title_rpr: str = "", ppr_attrs: str = "",
                    name: str = "styled.pptx") -> Path:
    """python-pptx's default template with the master's title style and level-1 paragraph
    properties changed (``title_rpr``: ``defRPr`` attributes and children)."""
    prs = pptx.Presentation()
    prs.slide_width = 12192000
    master = prs.slide_master._element
    styles = master.find(f"{{{P}}}txStyles")
    for style in styles:
        lvl1 = style.find(f"{A}lvl1pPr")
        for key, value in (a.split("=") for a in ppr_attrs.split()):
            lvl1.set(key, value.strip('"'))
    if title_rpr:
        title = styles.find(f"{{{P}}}titleStyle/{A}lvl1pPr")
        old = title.find(f"{A}defRPr")
        title.replace(old, etree.fromstring(
            f'<a:defRPr xmlns:a="{A[1:-1]}" {title_rpr}</a:defRPr>'))
    path = tmp_path / name
    prs.save(str(path))
    return path


P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class DescribeTitleStyles:
    def it_measures_titles_in_the_templates_font_and_leaves_it_to_the_template(self, tmp_path):
        styled_template(tmp_path, 'sz="4000"><a:solidFill><a:srgbClr val="222222"/>'
                        '</a:solidFill><a:latin typeface="Liberation Serif"/>')
        path = write_deck(tmp_path, "template: styled.pptx\n" + DECK)
        deck = load_deck(path)
        layout = lay_out(deck, theme_for(deck))
        assert (layout.theme.fonts["heading"], layout.pages[1].title.paras[0].size) == (
            "Liberation Serif", 40.0)
        slide = pptx.Presentation(io.BytesIO(render_pptx(layout))).slides[1]
        rpr = slide.shapes.title._element.find(f".//{A}rPr")
        assert (rpr.get("sz"), rpr.find(f"{A}latin"), rpr.find(f"{A}solidFill")) == (
            "4000", None, None)

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_measures_a_title_style_in_capitals_in_capitals(self, tmp_path):
        long_title = "title: " + "Foreign policy of the Soviet union " * 3 + "\n"
        sizes = []
        for caps in ("", 'cap="all"'):
            folder = tmp_path / (caps[:3] or "plain")
            folder.mkdir()
            styled_template(folder, f'sz="4400" {caps}>')
            path = write_deck(folder, "title: T\ntemplate: styled.pptx\nslides:\n  - " + long_title)
            deck = load_deck(path)
            sizes.append(lay_out(deck, theme_for(deck)).pages[1].title.paras[0].size)
        assert sizes[1] < sizes[0]

    def it_warns_when_the_templates_title_colour_is_unreadable_on_its_background(
            self, tmp_path, caplog):
        template = styled_template(tmp_path, '><a:solidFill><a:srgbClr val="EEEEEE"/>'
                                   '</a:solidFill>')
        path = write_deck(tmp_path, "template: styled.pptx\n" + DECK)
        deck = load_deck(path)
        with caplog.at_level(logging.WARNING, logger="generator"):
            lay_out(deck, theme_for(deck))
        assert f"{template}: the template's title colour #EEEEEE is hard to read on its " \
               "background #FFFFFF (1.2:1, layout 'Title and Content'); pick another master " \
               "or fix the title style in the template" in caplog.messages


class DescribeRightToLeftMasters:
    def it_keeps_english_left_to_right_in_a_right_to_left_master(self, tmp_path):
        styled_template(tmp_path, ppr_attrs='algn="r" rtl="1"')
        path = write_deck(tmp_path, "template: styled.pptx\n" + DECK)
        deck = load_deck(path)
        layout = lay_out(deck, theme_for(deck))
        assert layout.template_rtl
        slide = pptx.Presentation(io.BytesIO(render_pptx(layout))).slides[1]
        body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
        title = slide.shapes.title
        assert [(p._p.pPr.get("algn"), p._p.pPr.get("rtl"))
                for p in body.text_frame.paragraphs] == [("l", "0"), ("l", "0")]
        assert [(p._p.pPr.get("algn"), p._p.pPr.get("rtl"))
                for p in title.text_frame.paragraphs] == [("l", "0")]

    def it_writes_rtl_0_and_leaves_the_alignment_on_a_left_to_right_master(self, tmp_path):
        plain_template(tmp_path)
        path = write_deck(tmp_path, "template: plain.pptx\n" + DECK)
        slide = pptx.Presentation(io.BytesIO(render_pptx(lay_out(
            load_deck(path), theme_for(load_deck(path)))))).slides[1]
        body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
        assert [(p._p.pPr.get("algn"), p._p.pPr.get("rtl"))
                for p in body.text_frame.paragraphs] == [(None, "0"), (None, "0")]


class DescribeFootersWithoutPlaceholders:
    def it_draws_footer_and_number_where_the_template_has_no_placeholder_for_them(
            self, tmp_path):
        prs = pptx.Presentation()
        for source in [prs.slide_master, *prs.slide_layouts]:
            for ph in list(source.placeholders):
                if ph.placeholder_format.type in (15, 13):  # footer, slide number
                    ph._element.getparent().remove(ph._element)
        prs.save(str(tmp_path / "bare.pptx"))
        path = write_deck(tmp_path, "template: bare.pptx\n" + DECK)
        deck = load_deck(path)
        layout = lay_out(deck, theme_for(deck))
        slide = pptx.Presentation(io.BytesIO(render_pptx(layout))).slides[1]
        boxes = [(s.name, s.is_placeholder, s.text_frame.text) for s in slide.shapes
                 if s.has_text_frame and s.text_frame.text in ("History 201", "2")]
        assert boxes == [("TextBox 3", False, "History 201"), ("TextBox 4", False, "2")]
        footer = next(s for s in slide.shapes if s.name == "TextBox 3")
        f = layout.footer_box
        assert (footer.left, footer.top) == (round(f.x * PT), round(f.y * PT))


THEMES = Path(__file__).parent / "templates" / "poi_themes.pptx"  # seven masters


@pytest.mark.slow  # real templates or dictionaries, each test a second or more
class DescribeMasters:
    @pytest.mark.slow
    def it_lists_every_master_with_its_layouts_and_warnings(self):
        from generator.pptx.template import inspect_template

        lines = inspect_template(THEMES).splitlines()
        assert [line for line in lines if line.startswith("master ")] == [
            "master 1: Office Theme (the default: its layouts serve the slide kinds best)",
            "master 2: Custom Design", "master 3: Austin", "master 4: 1_Custom Design",
            "master 5: Trek", "master 6: 2_Custom Design", "master 7: Tradeshow"]
        assert ("  - the template's title colour #FFFFFF is hard to read on its background "
                "#82B0C3 (2.3:1, layout 'Title and Content'); pick another master or fix the "
                "title style in the template") in lines
        assert lines[-10:-8] == ["slide kinds use (master 1):", "  title: Title Slide"]

    @pytest.mark.parametrize("master", ["3", "Austin", "austin"])
    def it_builds_on_the_master_the_deck_names(self, tmp_path, master):
        (tmp_path / "themes.pptx").write_bytes(THEMES.read_bytes())
        path = write_deck(tmp_path, f"template: {{file: themes.pptx, master: '{master}'}}\n"
                          + DECK)
        prs = built(path, tmp_path / "out")
        masters = list(prs.slide_masters)
        assert [masters.index(s.slide_layout.slide_master) for s in prs.slides] == [2, 2, 2]

    def it_names_the_masters_when_the_deck_asks_for_one_the_template_lacks(self, tmp_path):
        (tmp_path / "themes.pptx").write_bytes(THEMES.read_bytes())
        path = write_deck(tmp_path, "template: {file: themes.pptx, master: Austen}\n" + DECK)
        result = build_deck(path, tmp_path / "out", ["pptx"], force=True)
        assert str(result.error) == (
            f"{path}:1:11: the template has no master 'Austen'; did you mean 'Austin'? (its "
            "masters: 1 'Office Theme', 2 'Custom Design', 3 'Austin', 4 '1_Custom Design', "
            "5 'Trek', 6 '2_Custom Design', 7 'Tradeshow')")

    def it_prefers_the_master_whose_layouts_serve_the_slide_kinds(self, tmp_path):
        from generator.pptx.template import remove_all_slides

        prs = pptx.Presentation(str(THEMES))
        remove_all_slides(prs)
        first = prs.slide_masters[0].slide_layouts
        for layout in [la for la in first if la.name != "Title Slide"]:
            first.remove(layout)  # the first master keeps a cover layout only
        prs.save(str(tmp_path / "covers.pptx"))
        path = write_deck(tmp_path, "template: covers.pptx\n" + DECK)
        prs = built(path, tmp_path / "out")
        assert {list(prs.slide_masters).index(s.slide_layout.slide_master)
                for s in prs.slides} == {1}


OFFICE = Path(__file__).parent / "templates" / "office2010_default.pptx"


class DescribeLayoutsByName:
    def it_puts_a_slide_on_the_template_layout_it_names(self, tmp_path):
        (tmp_path / "office.pptx").write_bytes(OFFICE.read_bytes())
        path = write_deck(tmp_path, "title: T\ntemplate: office.pptx\nslides:\n"
                          "  - {title: Wide, bullets: [one, two]}\n"
                          "  - {title: Narrow, layout: Two Content, bullets: [one, two]}\n"
                          "  - {title: Same, layout: title and content, text: three}\n")
        deck = load_deck(path)
        assert [s.template_layout for s in deck.slides] == [
            None, "Two Content", "title and content"]
        layout = lay_out(deck, theme_for(deck))
        prs = pptx.Presentation(io.BytesIO(render_pptx(layout)))
        assert [s.slide_layout.name for s in prs.slides] == [
            "Title Slide", "Title and Content", "Two Content", "Title and Content"]
        left = prs.slides[2].slide_layout.placeholders[1]
        body = layout.pages[2].body.box
        assert (body.x, body.y, body.w, body.h) == (
            left.left / PT, left.top / PT, left.width / PT, left.height / PT)

    def it_names_the_templates_layouts_for_a_layout_it_lacks(self, tmp_path):
        (tmp_path / "office.pptx").write_bytes(OFFICE.read_bytes())
        path = write_deck(tmp_path, "title: T\ntemplate: office.pptx\nslides:\n"
                          "  - {title: Wide, layout: Comparisn, bullets: [one]}\n")
        result = build_deck(path, tmp_path / "out", ["pptx"], force=True)
        assert str(result.error) == (
            f"{path}:4:5: slide 1 'Wide': the template has no layout 'Comparisn'; did you mean "
            "'Comparison'? (its layouts: Title Slide, Title and Content, Section Header, "
            "Two Content, Comparison, Title Only, Blank, Content with Caption, "
            "Picture with Caption, Title and Vertical Text, Vertical Title and Text; or "
            "'content', 'section')")

    def it_keeps_layout_a_choice_of_content_and_section_without_a_template(self, tmp_path):
        path = write_deck(tmp_path, "title: T\nslides:\n  - {title: A, layout: Comparison}\n")
        with pytest.raises(Exception) as caught:
            load_deck(path)
        assert "'layout' must be one of 'content', 'section'" in str(caught.value)


class DescribeTheDocPage:
    DOC = Path(__file__).parent.parent / "docs" / "templates.md"

    def examples(self) -> list[str]:
        import re

        return re.findall(r"```yaml\n(.*?)```", self.DOC.read_text(encoding="utf-8"), re.S)

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_builds_every_example_on_a_real_template(self, tmp_path):
        (tmp_path / "corporate.pptx").write_bytes(OFFICE.read_bytes())
        first, second = self.examples()
        layouts = []
        for number, example in enumerate((first, second)):
            path = write_deck(tmp_path, example, f"example{number}.yaml")
            prs = built(path, tmp_path / "out")
            layouts.append([s.slide_layout.name for s in prs.slides])
            assert "corporate" in str(load_deck(path).template)
        assert layouts == [["Title Slide", "Title and Content", "Section Header"],
                           ["Title Slide", "Two Content", "Title and Content"]]
        assert [s._element.get("show") for s in prs.slides] == [None, None, "0"]

    def it_shows_pictures_that_exist(self):
        import re

        for name in re.findall(r"\]\((img/[^)]+)\)", self.DOC.read_text(encoding="utf-8")):
            assert (self.DOC.parent / name).is_file(), name


class DescribeColumnsOnATemplate:
    def it_keeps_a_text_strip_across_the_slide_out_of_the_columns(self):
        from generator.pptx.render import PH, column_placeholders
        from generator.pptx.xml import SlidePlaceholder

        def ph(i, kind, left, top, width, height):
            return SlidePlaceholder(i, i + 2, kind, left, top, width, "", height)

        slide = (9144000, 6858000)
        strip_top = ph(1, PH.BODY, 749300, 1282700, 7620000, 457200)
        left = ph(2, PH.OBJECT, 749300, 1727200, 3822700, 4216400)
        right = ph(3, PH.OBJECT, 4775200, 1727200, 3606800, 4216400)
        strip_bottom = ph(4, PH.BODY, 749300, 5956300, 7620000, 508000)
        free = [strip_top, left, right, strip_bottom]
        assert column_placeholders(free, slide) == (None, [(None, left), (None, right)])
        unsized = [p for pair in column_placeholders(free)[1] for p in pair]
        assert strip_top in unsized  # without the slide size: a column's heading


class DescribeInspectWarnings:
    def it_warns_of_a_picture_behind_the_body_and_a_layout_without_a_title(self, tmp_path):
        from generator.pptx.template import inspect_template

        prs = pptx.Presentation()
        content, title_only = prs.slide_layouts[1], prs.slide_layouts[5]
        from generator.pptx import xml as X

        _, rid = content.part.get_or_add_image_part(io.BytesIO(png_bytes()))
        content.shapes._spTree.append(X.parse_xml(X.picture_xml(
            20, "Photo", "", rid, (0, 0, prs.slide_width, prs.slide_height)).replace(
            "<p:pic>", f'<p:pic xmlns:p="{P}" xmlns:a="{A[1:-1]}" xmlns:r="{R}">', 1)))
        title_only.shapes._spTree.remove(title_only.placeholders[0]._element)
        prs.save(str(tmp_path / "photo.pptx"))
        lines = inspect_template(tmp_path / "photo.pptx").splitlines()
        start = lines.index("warnings:")
        assert lines[start:start + 3] == [
            "warnings:",
            "  - layout 'Title and Content': a picture lies behind its body area",
            "  - layout 'Title Only' has no title placeholder: titles become text boxes"]

    def it_says_when_the_slide_size_is_unusual(self, tmp_path):
        from generator.pptx.template import inspect_template

        template = plain_template(tmp_path, (12192000, 7620000))
        assert inspect_template(template).splitlines()[1] == (
            "slide size: 13.33 x 8.33 in (1.600:1) — an unusual size: a deck without "
            "'aspect:' is built in it")


class DescribeTheDecksOwnStyleOnATemplate:
    def it_writes_colours_and_fonts_the_decks_style_asks_for(self, tmp_path):
        plain_template(tmp_path)
        path = write_deck(tmp_path, "template: plain.pptx\nstyle: {colors: {heading: '#112233'}"
                          ", fonts: {heading: Liberation Serif}}\n" + DECK)
        deck = load_deck(path)
        layout = lay_out(deck, theme_for(deck))
        assert layout.theme.fonts["heading"] == "Liberation Serif"
        slide = pptx.Presentation(io.BytesIO(render_pptx(layout))).slides[1]
        rpr = slide.shapes.title._element.find(f".//{A}rPr")
        assert (rpr.find(f"{A}latin").get("typeface"),
                rpr.find(f"{A}solidFill/{A}srgbClr").get("val")) == ("Liberation Serif", "112233")


class DescribeTitleWeight:
    """On a template, titles keep the template's weight; the deck's style: may set one."""

    @staticmethod
    def title_runs_bold(tmp_path: Path, style: str) -> list[str | None]:
        plain_template(tmp_path)
        path = write_deck(tmp_path, f"title: Weights\ntemplate: plain.pptx\n{style}"
                          "slides:\n  - {title: First, bullets: [one]}\n")
        prs = built(path, tmp_path / "out")
        return [run.font._rPr.get("b") if run.font._rPr is not None else None
                for slide in prs.slides for run in slide.shapes.title.text_frame.paragraphs[0].runs]

    def it_writes_no_bold_over_a_template_whose_titles_are_regular(self, tmp_path):
        assert self.title_runs_bold(tmp_path, "") == [None, None]

    def it_sets_titles_bold_when_the_deck_s_style_asks_for_it(self, tmp_path):
        assert self.title_runs_bold(tmp_path, "style: {weights: {title: bold}}\n") == ["1", "1"]

    def it_measures_titles_bold_when_the_template_s_title_style_is_bold(self, tmp_path):
        prs = pptx.Presentation()
        master = prs.slide_masters[0]._element
        ns = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
              "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}
        master.find("p:txStyles/p:titleStyle/a:lvl1pPr/a:defRPr", ns).set("b", "1")
        prs.save(str(tmp_path / "bold.pptx"))
        path = write_deck(tmp_path, "title: T\ntemplate: bold.pptx\nslides:\n  - {title: One}\n")
        deck = load_deck(path)
        assert template_design(deck).title_bold is True
        assert [page.title.bold for page in lay_out(deck, theme_for(deck)).pages] == [True, True]
