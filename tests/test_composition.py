"""Slides composed of any blocks (issue 24): the format, the page model, the grid, tables that
continue well, and text as written."""

from __future__ import annotations

import dataclasses
import io
import logging
import re
import typing
import zipfile
from pathlib import Path

import pptx
import pytest
from conftest import assert_valid_pptx
from lxml import etree
from test_browser import unfitted_frames
from test_source import problems_of, write

from generator.build import build_deck
from generator.html.render import render_html
from generator.layout import page as page_model
from generator.layout.engine import lay_out
from generator.layout.measure import Measure
from generator.layout.page import (
    CodeFrame,
    PictureFrame,
    TableFrame,
    TextFrame,
    TimelineFrame,
)
from generator.pptx.render import render_pptx
from generator.source.model import (
    BulletList,
    Code,
    Equation,
    Gallery,
    Image,
    Paragraph,
    Quote,
    Table,
    Timeline,
)
from generator.source.reader import load_deck
from generator.themes.drawing import Backdrop
from generator.themes.theme import theme_for

ROOT = Path(__file__).resolve().parent.parent
DECKS = Path(__file__).parent / "decks"
COMPOSED = DECKS / "composed.yaml"
NS = {"p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "a": "http://schemas.openxmlformats.org/drawingml/2006/main"}


def laid_out(path: Path, theme: str | None = None):
    deck = load_deck(path)
    return lay_out(deck, theme_for(deck, theme))


def kinds(blocks) -> list[str]:
    return [type(b).__name__ for b in blocks]


class DescribeTheFormat:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_reads_every_kind_of_block_in_a_body_in_order(self):
        deck = load_deck(COMPOSED)
        assert [kinds(s.blocks) for s in deck.slides[:4]] == [
            ["Paragraph", "Table"], ["Gallery", "BulletList"], ["Code", "Paragraph"],
            ["Equation", "Table"]]
        columns = deck.slides[4].columns
        assert [kinds(c.blocks) for c in columns] == [["Image"], ["BulletList"]]
        assert deck.slides[4].widths == (2.0, 1.0)

    def it_reads_a_quote_a_timeline_and_a_picture_item(self, tmp_path):
        (tmp_path / "map.png").write_bytes((DECKS / "img" / "map.png").read_bytes())
        deck = load_deck(write(tmp_path, """title: T
slides:
  - title: A
    body:
      - quote: {text: Peace is indivisible., by: Litvinov}
      - timeline: [{date: "1922", text: Rapallo}]
      - image: {src: map.png, alt: A map of Europe, caption: Europe}
      - code: {lang: python, text: "x = 1\\n"}
"""))
        quote, timeline, image, code = deck.slides[0].blocks
        assert (quote, timeline.events[0].date) == (Quote("Peace is indivisible.", "Litvinov"),
                                                    "1922")
        assert isinstance(timeline, Timeline) and isinstance(code, Code)
        assert (image.alt, image.caption, image.path.name) == ("A map of Europe", "Europe",
                                                               "map.png")

    def it_makes_the_slide_keys_shorthands_for_a_body(self, tmp_path):
        short = load_deck(write(tmp_path, "title: T\nslides:\n  - title: A\n    text: Lead\n"
                                "    table: {header: [A, B], rows: [[1, 2]]}\n", "a.yaml"))
        long = load_deck(write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                               "      - text: Lead\n"
                               "      - table: {header: [A, B], rows: [[1, 2]]}\n", "b.yaml"))
        assert short.slides[0].blocks == long.slides[0].blocks
        assert kinds(short.slides[0].blocks) == ["Paragraph", "Table"]

    def it_sets_a_picture_beside_text_as_two_columns(self, tmp_path):
        (tmp_path / "map.png").write_bytes((DECKS / "img" / "map.png").read_bytes())
        text = ("title: T\nslides:\n  - title: A\n    image: map.png\n    alt: A map of Europe\n"
                "    image_side: {}\n    bullets: [x]\n")
        right = load_deck(write(tmp_path, text.format("right"), "r.yaml")).slides[0]
        left = load_deck(write(tmp_path, text.format("left"), "l.yaml")).slides[0]
        assert [kinds(c.blocks) for c in right.columns] == [["BulletList"], ["Image"]]
        assert [kinds(c.blocks) for c in left.columns] == [["Image"], ["BulletList"]]
        assert (right.widths, left.widths) == ((0.45, 0.55), (0.55, 0.45))

    def it_reports_widths_that_do_not_match_the_columns(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    widths: [2, 1, 1]\n"
                     "    columns: [{bullets: [a]}, {bullets: [b]}]\n")
        assert problems_of(path) == [
            f"{path}:4:13: slide 1 'A': 'widths' needs one number per column: the slide has 2 "
            "columns, 'widths' has 3"]
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    widths: [2, 1]\n"
                     "    bullets: [a]\n")
        assert problems_of(path) == [
            f"{path}:4:5: slide 1 'A': 'widths' sets the widths of 'columns', but the slide has "
            "no 'columns'"]

    def it_lists_the_block_keys_when_an_item_has_two(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: A\n    body:\n"
                     "      - {text: a, bullets: [b]}\n")
        assert problems_of(path) == [
            f"{path}:5:9: slide 1 'A': each 'body' item has exactly one of the keys 'text', "
            "'bullets', 'math', 'table', 'code', 'image', 'images', 'quote', 'timeline', "
            "'diagram', 'qr' (and may have 'answer' and 'release')"]


class DescribeThePageModel:
    def it_types_every_field_of_the_page_model(self):
        hints = {}
        for name in ("Page", "TextFrame", "TableFrame", "CodeFrame", "PictureFrame",
                     "TimelineFrame", "DiagramFrame", "DiagramNode", "DiagramEdge",
                     "DiagramLabel", "QRFrame", "ShapeFrame", "DeckLayout", "Para"):
            cls = getattr(page_model, name)
            hints.update({f"{name}.{k}": v for k, v in typing.get_type_hints(
                cls, localns={"Backdrop": Backdrop}).items()})  # imported for type checks only
        assert [k for k, v in hints.items() if v in (object, typing.Any)] == []

    def it_gives_every_block_of_a_composed_slide_a_frame_in_reading_order(self):
        layout = laid_out(COMPOSED)
        types = [[type(f).__name__ for f in p.frames if not isinstance(f, TextFrame)
                  or f.role != "caption"] for p in layout.pages[1:]]
        assert types == [
            ["TextFrame", "TableFrame"], ["PictureFrame", "PictureFrame", "TextFrame"],
            ["CodeFrame", "TextFrame"], ["TextFrame", "TableFrame"],
            ["PictureFrame", "TextFrame", "TextFrame"]]

    def it_sets_one_type_size_for_the_text_of_a_composed_slide(self):
        layout = laid_out(COMPOSED)
        for page in layout.pages[1:]:
            sizes = {p.size for f in page.of_role("body") for p in f.paras if p.level == 0}
            assert len(sizes) <= 1, (page.title_text, sizes)
            assert sizes <= {layout.body_size}, (page.title_text, sizes)

    def it_stacks_the_blocks_from_the_top_of_the_body_without_overlap(self):
        layout = laid_out(COMPOSED)
        for page in layout.pages[1:]:
            boxes = sorted((f.box for f in page.frames if f.column is None),
                           key=lambda b: b.y)
            if not boxes:
                continue  # all in columns
            assert boxes[0].y == pytest.approx(layout.boxes.body.y)
            for above, below in zip(boxes, boxes[1:]):
                if above.x < below.right and below.x < above.right:  # in one column
                    assert above.bottom <= below.y + 0.01, page.title_text
            assert all(b.bottom <= layout.boxes.body.bottom + 0.01 for b in boxes)

    def it_draws_the_wide_column_twice_as_wide_as_the_narrow_one(self):
        layout = laid_out(COMPOSED)
        page = layout.pages[5]
        body, gap = layout.boxes.body, 18.0
        narrow = (body.w - gap) / 3
        heading, text = page.columns[1]
        assert (text.box.x, text.box.w) == (pytest.approx(body.right - narrow),
                                            pytest.approx(narrow))
        assert heading.box.x == text.box.x
        picture = page.first(PictureFrame)
        assert picture.box.x >= body.x and picture.box.right <= body.x + 2 * narrow + 0.01


def shapes_in_order(slide):
    """The slide's shapes in document order, a shape in ``mc:AlternateContent`` (a text with
    displayed equations) as PowerPoint takes it: its ``mc:Choice``."""
    from pptx.shapes.shapetree import SlideShapeFactory

    for el in slide.shapes._spTree.iterchildren():
        if el.tag.endswith("}AlternateContent"):
            el = el[0][0]
        if el.tag.rpartition("}")[2] in ("sp", "pic", "graphicFrame", "grpSp", "cxnSp"):
            yield SlideShapeFactory(el, slide.shapes)


class DescribeTheRenderersDrawThePageModel:
    @pytest.mark.slow
    def it_writes_each_block_in_reading_order_in_the_pptx(self):
        layout = laid_out(COMPOSED)
        data = render_pptx(layout)
        assert_valid_pptx(data)
        prs = pptx.Presentation(io.BytesIO(data))
        order = []
        for slide in list(prs.slides)[1:]:
            shapes = []
            for shape in shapes_in_order(slide):
                if shape.is_placeholder and shape.placeholder_format.type in (1, 3):
                    continue  # the title
                if shape.has_text_frame and "oMath" not in shape._element.xml and (
                        shape.text_frame.text in ("", "History 201 · Composition")
                        or shape.text_frame.text.isdigit()):
                    continue  # footer, slide number, code background
                shapes.append("table" if shape.has_table else "picture"
                              if shape.shape_type == 13 else "math"
                              if "oMath" in shape._element.xml else shape.text_frame.text[:12])
            order.append(shapes)
        assert order == [
            ["Seventeen ye", "table"], ["picture", "Europe in 19", "picture", "The steppe",
                                        "Buffer state"],
            ["treaties = {", "The loop pri"], ["math", "table"],
            ["picture", "Spheres of i", "The protocol", "Finland, Est"]]

    def it_takes_click_steps_colours_and_title_geometry_from_the_page_model(self):
        layout = laid_out(DECKS / "reveal.yaml")
        page = layout.pages[1]
        title = dataclasses.replace(page.title, align="ctr", color="accent")
        body = page.body
        paras = tuple(dataclasses.replace(p, step=1) for p in body.paras)
        changed = dataclasses.replace(page, title=title, steps=1, frames=(dataclasses.replace(
            body, paras=paras, color="muted"),))
        layout = dataclasses.replace(layout, pages=(layout.pages[0], changed))
        html = render_html(layout)
        slide = html.split('id="slide-2"', 1)[1].split("</section>", 1)[0]
        assert 'frame--align-center" style="' in slide and "color:var(--color-accent)" in slide
        assert "color:var(--color-muted)" in slide
        assert slide.count('data-step="1"') == len(paras) and 'data-steps="1"' in html
        with zipfile.ZipFile(io.BytesIO(render_pptx(layout))) as package:
            root = etree.fromstring(package.read("ppt/slides/slide2.xml"))
        clicks = root.xpath("//p:timing//p:par[p:cTn/p:stCondLst/p:cond/@delay='indefinite']",
                            namespaces=NS)
        assert len(clicks) == 1
        assert root.xpath("string(//p:sp[1]//a:pPr/@algn)", namespaces=NS) == "ctr"


class DescribeTablesThatContinue:
    def deck(self, tmp_path: Path, rows: int, columns: int) -> Path:
        header = ", ".join(f"Col {c}" for c in range(columns))
        body = "".join("        - [" + ", ".join(f'"{r * columns + c}"' for c in range(columns))
                       + "]\n" for r in range(rows))
        return write(tmp_path, f"title: T\nslides:\n  - title: Numbers\n    table:\n"
                     f"      header: [{header}]\n      rows:\n{body}")

    def it_continues_sixty_rows_on_few_balanced_pages_with_numbers_whole(self, tmp_path):
        layout = laid_out(self.deck(tmp_path, 60, 8))
        pages = layout.pages[1:]
        frames = [p.first(TableFrame) for p in pages]
        counts = [len(f.rows) for f in frames]
        assert sum(counts) == 60 and len(pages) == 7, counts
        assert max(counts) - min(counts) <= 1
        assert all(f.header == frames[0].header for f in frames)  # the header repeated
        m = Measure(layout.theme)
        for frame in frames:
            for (_, _, text, box, header) in frame.cells():
                assert m.lines(text, frame.size, box.w - 14.4, "body", header) == 1, text
        # not the minimum (18): a step above it costs one page more than 18 pt would need
        assert {f.size for f in frames} == {22.0}

    def it_continues_a_table_too_wide_for_the_slide_by_column_groups_with_a_warning(
            self, tmp_path, caplog):
        with caplog.at_level(logging.WARNING, logger="generator"):
            layout = laid_out(self.deck(tmp_path, 3, 40))
        [warning] = [r.getMessage() for r in caplog.records if "columns do not fit" in
                     r.getMessage()]
        assert warning == (f"{tmp_path}/deck.yaml:5:7: slide 1 'Numbers': the table's 40 "
                           "columns do not fit the slide's width even at 12 pt; it continues in "
                           "2 parts of fewer columns (its first column repeated): give it fewer "
                           "columns, or split it")
        frames = [f for p in layout.pages[1:] for f in p.frames if isinstance(f, TableFrame)]
        assert len(frames) > 1
        assert all(f.header[0] == "Col 0" for f in frames)  # the first column repeated
        assert sorted({h for f in frames for h in f.header}) == sorted(
            f"Col {c}" for c in range(40))


class DescribeTextAsWritten:
    @pytest.mark.parametrize("deck", [ROOT / "slides_src" / "soviet_foreign_policy.yaml",
                                      DECKS / "stress.yaml", DECKS / "blocks.yaml",
                                      COMPOSED])
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_writes_no_joiner_or_no_break_space_the_source_lacks(self, deck, tmp_path):
        result = build_deck(deck, tmp_path, ("pptx", "html"))
        assert result.error is None, result.error
        source = deck.read_text(encoding="utf-8")
        pptx_file, html_file = result.outputs
        with zipfile.ZipFile(pptx_file) as package:
            xml = "".join(package.read(n).decode("utf-8") for n in package.namelist()
                          if n.endswith(".xml"))
        text = xml + html_file.read_text(encoding="utf-8")
        for char in ("\u2060", "\u00a0"):
            assert (char in text) <= (char in source), repr(char)


def test_a_timeline_is_one_group_in_the_pptx(tmp_path):
    layout = laid_out(ROOT / "slides_src" / "soviet_foreign_policy.yaml")
    number = next(i for i, p in enumerate(layout.pages, 1) if p.first(TimelineFrame))
    with zipfile.ZipFile(io.BytesIO(render_pptx(layout))) as package:
        root = etree.fromstring(package.read(f"ppt/slides/slide{number}.xml"))
    [group] = root.xpath("//p:grpSp", namespaces=NS)
    names = group.xpath(".//p:cNvPr/@name", namespaces=NS)
    assert names[:2] == [f"Timeline {names[0].split()[-1]}", "Timeline axis"]
    assert names[1] == "Timeline axis" and sum(n.startswith("Timeline marker") for n in names) == 3
    assert len(group.xpath(".//a:t", namespaces=NS)) >= 6  # three dates, three labels


def test_composed_slides_overflow_nothing_in_chromium(browser_context, tmp_path):
    assert unfitted_frames(browser_context, COMPOSED, tmp_path) == []


def test_the_code_and_pictures_of_a_composed_slide_are_drawn_where_the_layout_put_them():
    layout = laid_out(COMPOSED)
    code = layout.pages[3].first(CodeFrame)
    text = layout.pages[3].of_role("body")[0]
    assert code.box.bottom < text.box.y
    pictures = layout.pages[2].pictures
    assert len(pictures) == 2 and all(isinstance(p.image, Image) for p in pictures)
    assert {type(b) for b in load_deck(COMPOSED).slides[3].blocks} == {Equation, Table}
    assert {type(b) for b in load_deck(COMPOSED).slides[1].blocks} == {Gallery, BulletList}
    assert isinstance(load_deck(COMPOSED).slides[0].blocks[0], Paragraph)


def test_html_of_a_composed_slide_holds_every_block():
    html = render_html(laid_out(COMPOSED))
    assert html.count('class="frame frame--table"') == 2
    assert html.count('<pre class="frame frame--code"') == 1
    assert len(re.findall(r'<img class="picture"', html)) == 3
