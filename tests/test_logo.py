"""A theme's logo and background picture: placed clear of the text, drawn in both outputs."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace
from pathlib import Path

import pptx
import pytest
from PIL import Image
from test_package import package_problems

from generator.html.render import render_html
from generator.layout.engine import lay_out
from generator.pptx.render import render_pptx
from generator.source.reader import load_deck
from generator.themes.theme import theme_for


@pytest.fixture
def deck_with_logo(tmp_path: Path):
    def make(corner: str, more_slides: str = "", height: int = 48):
        Image.new("RGB", (200, 100), "#b71c1c").save(tmp_path / "logo.png")
        Image.new("RGB", (32, 18), "#fafafa").save(tmp_path / "paper.png")
        (tmp_path / "uni.yaml").write_text(
            f"logo: {{image: logo.png, corner: {corner}, height: {height}}}\n"
            "background_image: paper.png\n", encoding="utf-8")
        (tmp_path / "talk.yaml").write_text(
            "title: T\nsubtitle: S\nauthor: A. Lecturer\ntheme: uni.yaml\nfooter: F\nslides:\n"
            "  - title: A\n    bullets: [b]\n" + more_slides, encoding="utf-8")
        deck = load_deck(tmp_path / "talk.yaml")
        return lay_out(deck, theme_for(deck))
    return make


def overlaps(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@pytest.mark.parametrize("corner", ["top-left", "top-right", "bottom-left", "bottom-right"])
def test_the_logo_sits_in_its_corner_and_no_text_box_overlaps_it(deck_with_logo, corner):
    layout = deck_with_logo(corner)
    logo = layout.logo_box
    assert (logo.w, logo.h) == (96, 48)  # the picture's 2:1 aspect at the theme's height
    assert (logo.x < layout.width / 2) == corner.endswith("left")
    assert (logo.y < layout.height / 2) == corner.startswith("top")
    title_page, page = layout.pages[0], layout.pages[1]
    boxes = [page.title.box, page.body.box, layout.footer_box, layout.number_box,
             title_page.title.box, title_page.subtitle.box, title_page.byline.box]
    for box in boxes:
        assert not overlaps(box, logo), (corner, box)


def test_the_html_draws_the_logo_on_every_slide_and_inlines_both_pictures_once(deck_with_logo):
    layout = deck_with_logo("top-right")
    html = render_html(layout)
    assert html.count('<div class="logo" aria-hidden="true"></div>') == len(layout.pages)
    assert html.count("data:image/png;base64,") == 2
    assert "background-size: cover" in html


# -- PowerPoint: the logo on the slide master, the background picture as the master's fill ------

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
EMU = 12700


def pptx_of(layout) -> tuple[bytes, pptx.presentation.Presentation]:
    data = render_pptx(layout)
    return data, pptx.Presentation(io.BytesIO(data))


def pictures(shapes) -> list:
    return [s for s in shapes if s._element.tag == f"{P}pic"]


def test_the_pptx_has_the_logo_once_on_the_master_at_the_logo_box(deck_with_logo):
    layout = deck_with_logo("top-right")
    _, prs = pptx_of(layout)
    master = prs.slide_master
    logos = pictures(master.shapes)
    assert [(s.name, s._element.nvPicPr.cNvPr.get("descr")) for s in logos] == [("Logo", "Logo")]
    box = layout.logo_box
    assert (logos[0].left, logos[0].top, logos[0].width, logos[0].height) == tuple(
        round(v * EMU) for v in (box.x, box.y, box.w, box.h))
    assert logos[0].image.blob == layout.logo.read_bytes()
    ids = [int(i) for i in master._element.xpath(".//p:cNvPr/@id")]
    assert len(ids) == len(set(ids))
    for slide_layout in prs.slide_layouts:  # every layout shows the master's shapes
        assert slide_layout._element.get("showMasterSp") in (None, "1", "true")
        assert pictures(slide_layout.shapes) == []
    for slide in prs.slides:  # never copied onto a slide
        assert pictures(slide.shapes) == []


def test_the_pptx_master_background_is_the_picture_and_sections_keep_their_colour(
        deck_with_logo):
    layout = deck_with_logo("bottom-left", "  - {layout: section, title: Part II}\n")
    _, prs = pptx_of(layout)
    master = prs.slide_master
    fill = master._element.find(f"{P}cSld/{P}bg/{P}bgPr/{A}blipFill")
    assert fill is not None and fill.find(f"{A}stretch/{A}fillRect") is not None
    image = master.part.related_part(fill.find(f"{A}blip").get(f"{R}embed"))
    assert image.content_type == "image/png"
    assert image.blob == layout.background_image.read_bytes()
    by_name = {sl.name: sl for sl in prs.slide_layouts}
    section_bg = by_name["Section Header"]._element.find(f"{P}cSld/{P}bg/{P}bgPr")
    assert section_bg is not None and section_bg.find(f"{A}solidFill") is not None
    # the title slide shows the picture (as the HTML deck does); the other layouts inherit it
    for name, slide_layout in by_name.items():
        if name != "Section Header":
            assert slide_layout._element.find(f"{P}cSld/{P}bg") is None, name
    assert [s.slide_layout.name for s in prs.slides] == [
        "Title Slide", "Title and Content", "Section Header"]


def test_the_pptx_package_holds_each_picture_once_stays_clean_and_rebuilds_identically(
        deck_with_logo, tmp_path):
    layout = deck_with_logo("top-left")
    data, _ = pptx_of(layout)
    path = tmp_path / "talk.pptx"
    path.write_bytes(data)
    assert package_problems(path) == []
    with zipfile.ZipFile(path) as z:
        media = sorted(n for n in z.namelist() if n.startswith("ppt/media/"))
        types = z.read("[Content_Types].xml").decode()
    assert len(media) == 2 and all(n.endswith(".png") for n in media)
    assert 'Extension="png" ContentType="image/png"' in types
    assert pptx_of(layout)[0] == data
    assert pptx_of(deck_with_logo("top-left"))[0] == data  # laid out again: same bytes


def test_the_same_picture_as_logo_and_background_is_stored_once(deck_with_logo, tmp_path):
    layout = deck_with_logo("top-right")
    _, prs = pptx_of(replace(layout, background_image=layout.logo))
    parts = [p for p in prs.part.package.iter_parts() if p.partname.startswith("/ppt/media/")]
    assert len(parts) == 1


def test_an_edited_logo_is_picked_up_by_the_next_build(deck_with_logo, tmp_path):
    first = deck_with_logo("top-right")
    _, prs = pptx_of(first)
    old = pictures(prs.slide_master.shapes)[0].image.blob
    Image.new("RGB", (200, 100), "#1b5e20").save(tmp_path / "logo.png")  # same path and size
    deck = load_deck(tmp_path / "talk.yaml")
    _, prs = pptx_of(lay_out(deck, theme_for(deck)))
    new = pictures(prs.slide_master.shapes)[0].image.blob
    assert new != old and new == (tmp_path / "logo.png").read_bytes()


def test_a_theme_without_logo_or_background_renders_exactly_as_before(deck_with_logo, tmp_path):
    layout = deck_with_logo("top-right", "  - {layout: section, title: Part II}\n")
    plain = replace(layout, logo=None, logo_box=None, background_image=None)
    data, prs = pptx_of(plain)
    assert pptx_of(plain)[0] == data
    assert data != pptx_of(layout)[0]  # the base presentations are cached apart
    assert [p for p in prs.part.package.iter_parts() if p.partname.startswith("/ppt/media/")] == []
    assert pictures(prs.slide_master.shapes) == []
    assert all(s.is_placeholder for s in prs.slide_master.shapes)
    assert prs.slide_master._element.find(f"{P}cSld/{P}bg/{P}bgPr/{A}solidFill") is not None
    by_name = {sl.name: sl for sl in prs.slide_layouts}  # the title slide keeps its own colour
    assert by_name["Title Slide"]._element.find(f"{P}cSld/{P}bg/{P}bgPr/{A}solidFill") is not None
    assert "r:embed" not in zipfile.ZipFile(io.BytesIO(data)).read(
        "ppt/slideMasters/slideMaster1.xml").decode()


def test_a_template_deck_gets_no_logo_or_background_from_the_theme(deck_with_logo, tmp_path):
    """A template has its own design: the theme's pictures are not added to it."""
    layout = deck_with_logo("top-right")
    template = tmp_path / "corporate.pptx"
    template.write_bytes(pptx_of(replace(layout, logo=None, logo_box=None,
                                         background_image=None))[0])
    _, prs = pptx_of(replace(layout, deck=replace(layout.deck, template=template)))
    assert pictures(prs.slide_master.shapes) == []
    assert [p for p in prs.part.package.iter_parts() if p.partname.startswith("/ppt/media/")] == []


@pytest.mark.parametrize("corner", ["top-left", "top-right", "bottom-left", "bottom-right"])
def test_a_tall_logo_pushes_the_text_aside_on_every_kind_of_page(deck_with_logo, corner):
    layout = deck_with_logo(corner, "  - {layout: section, title: Part II, subtitle: Pact}\n",
                            height=130)
    logo = layout.logo_box
    for page in layout.pages:
        for frame in [page.title, page.subtitle, page.byline, page.body]:
            if frame is not None:
                assert not overlaps(frame.box, logo), (corner, page.kind, frame.box)
                assert frame.box.w > 0 and frame.box.h > 0
