"""Pictures of every format lecturers have (SVG, WebP, TIFF, EMF, WMF besides PNG, JPEG, GIF and
BMP): recognised by content, sized for the layout, embedded in the PPTX as PowerPoint writes
them, inlined in the HTML, and visible in LibreOffice and Chromium."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from conftest import require_tool, show_slide
from PIL import Image
from test_source import problems_of, write

from generator import pictures
from generator.build import build_deck
from generator.source.reader import load_deck

PICTURES = Path(__file__).parent / "decks" / "pictures"
DECK = Path(__file__).parent / "decks" / "pictures.yaml"
SVG_URI = "{96DAC541-7B7A-43D3-8B79-37D633B846F1}"


def parts(pptx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(pptx) as z:
        return {name: z.read(name) for name in z.namelist()}


class DescribeRecognisingPictures:
    @pytest.mark.parametrize("name,kind,size", [
        ("enrolment_plot.svg", "svg", (640.0, 400.0)),  # width="100%": the viewBox
        ("text_anchors.svg", "svg", (1000.0, 400.0)),  # width and height (viewBox in mm)
        ("hopper.webp", "webp", (128, 128)),
        ("hopper.tif", "tiff", (128, 128)),
        ("pca_scores.emf", "emf", (560.0, 420.0)),  # its frame, from the header
        ("drawing.wmf", "wmf", (82.0, 82.0)),  # its placeable header's box
    ])
    def it_knows_each_real_files_kind_and_size_from_its_content(self, name, kind, size):
        assert pictures.kind(PICTURES / name) == kind
        assert pictures.size(PICTURES / name) == size

    @pytest.mark.parametrize("attributes,size", [
        ('width="4in" height="3in"', (384.0, 288.0)),
        ('width="120mm" viewBox="0 0 40 20"', (120 * 96 / 25.4, 60 * 96 / 25.4)),
        ('height="30pt" viewBox="0 0 4 1"', (160.0, 40.0)),
        ('width="100%" height="100%" viewBox="0,0,300,200"', (300.0, 200.0)),
        ("", (300.0, 150.0)),  # no size at all: what browsers give it
    ])
    def it_sizes_an_svg_from_width_height_and_viewbox(self, tmp_path, attributes, size):
        svg = write(tmp_path, f'<svg xmlns="http://www.w3.org/2000/svg" {attributes}/>',
                    "x.svg")
        assert pictures.size(svg) == pytest.approx(size)

    def it_refuses_files_whose_content_is_no_picture_whatever_their_name(self, tmp_path):
        assert pictures.kind(write(tmp_path, "<html><body/></html>", "page.svg")) is None
        assert pictures.kind(write(tmp_path, "<svg", "broken.svg")) is None
        assert pictures.kind(write(tmp_path, "not a picture", "text.png")) is None
        half = tmp_path / "half.emf"
        half.write_bytes((PICTURES / "pca_scores.emf").read_bytes()[:30])
        assert pictures.kind(half) is None

    def it_never_expands_an_svgs_entities(self, tmp_path):
        bomb = write(tmp_path, '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa">'
                     '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
                     '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="5">&b;</svg>',
                     "bomb.svg")
        assert pictures.size(bomb) == (10.0, 5.0)


class DescribeReadingDecks:
    def it_accepts_every_format_for_image_images_and_background(self):
        deck = load_deck(DECK)
        from generator.check.deck import pictures as of_slide

        used = {p.path.name for s in deck.slides for p in of_slide(s)}
        used |= {s.background.image.name for s in deck.slides
                 if s.background and s.background.image}
        assert used == {p.name for p in PICTURES.iterdir() if p.suffix != ".tsv"}

    @pytest.mark.parametrize("name,content,message", [
        ("plot.svg", "<html/>", "is not a readable image (expected PNG, JPEG, GIF, BMP, TIFF, "
         "WebP, SVG, EMF or WMF)"),
        ("plot.pdf", "x", "has an unsupported type; expected one of .png, .jpg, .jpeg, .gif, "
         ".bmp, .tif, .tiff, .webp, .svg, .emf, .wmf"),
    ])
    def it_reports_a_file_that_is_no_picture_at_its_line_naming_the_formats(
            self, tmp_path, name, content, message):
        write(tmp_path, content, name)
        path = write(tmp_path, f"title: T\nslides:\n  - title: One\n    image: {name}\n"
                     "    alt: A plot\n")
        assert problems_of(path) == [f"{path}:4:12: slide 1 'One': image file {name} {message}"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("pictures")
    result = build_deck(DECK, out, ("pptx",))
    assert result.error is None, result.error
    return parts(out / "pictures.pptx")


class DescribeThePowerPointDeck:
    def it_writes_an_svg_as_powerpoint_does_the_svg_beside_a_png_fallback(self, built):
        slide = built["ppt/slides/slide2.xml"].decode()
        rels = built["ppt/slides/_rels/slide2.xml.rels"].decode()
        blip = re.search(r'<a:blip r:embed="(rId\d+)"><a:extLst><a:ext uri="([^"]+)">'
                         r'<asvg:svgBlip xmlns:asvg="([^"]+)" r:embed="(rId\d+)"/>', slide)
        assert blip is not None
        assert blip.group(2, 3) == (
            SVG_URI, "http://schemas.microsoft.com/office/drawing/2016/SVG/main")
        targets = dict(re.findall(r'Id="(rId\d+)" Type="[^"]+/image" Target="([^"]+)"', rels))
        fallback, svg = targets[blip.group(1)], targets[blip.group(4)]
        assert svg.endswith(".svg") and fallback.endswith(".png")
        assert built["ppt" + svg[2:]] == (PICTURES / "enrolment_plot.svg").read_bytes()
        with Image.open(io.BytesIO(built["ppt" + fallback[2:]])) as png:
            assert png.size == (2000, 1250)  # the SVG's 640 x 400 drawn 2000 pixels wide
        assert f'<Override PartName="/ppt{svg[2:]}" ContentType="image/svg+xml"/>' in built[
            "[Content_Types].xml"].decode()

    def it_embeds_webp_as_png_and_tiff_emf_and_wmf_as_they_are(self, built):
        media = {name.rsplit("/", 1)[1]: data for name, data in built.items()
                 if name.startswith("ppt/media/")}
        assert sorted(media) == ["image1.png", "image2.svg", "image3.png", "image4.tiff",
                                 "image5.emf", "image6.wmf", "image7.png", "image8.svg"]
        with Image.open(io.BytesIO(media["image3.png"])) as webp:
            assert webp.size == (128, 128)  # the WebP photograph
        assert media["image4.tiff"] == (PICTURES / "hopper.tif").read_bytes()
        assert media["image5.emf"] == (PICTURES / "pca_scores.emf").read_bytes()
        assert media["image6.wmf"] == (PICTURES / "drawing.wmf").read_bytes()
        types = built["[Content_Types].xml"].decode()
        for ext, mime in (("emf", "image/x-emf"), ("wmf", "image/x-wmf"),
                          ("tiff", "image/tiff")):
            assert f'<Default Extension="{ext}" ContentType="{mime}"/>' in types

    def it_draws_an_svg_background_with_its_svg_original(self, built):
        slide = built["ppt/slides/slide7.xml"].decode()
        assert re.search(r'<p:bg><p:bgPr><a:blipFill dpi="0" rotWithShape="1"><a:blip '
                         r'r:embed="rId\d+"><a:extLst><a:ext uri="' + re.escape(SVG_URI), slide)

    def it_puts_a_themes_svg_logo_and_webp_background_on_the_master(self, tmp_path):
        shutil.copy(PICTURES / "text_anchors.svg", tmp_path / "logo.svg")
        shutil.copy(PICTURES / "hopper.webp", tmp_path / "paper.webp")
        write(tmp_path, "logo: {image: logo.svg}\nbackground_image: paper.webp\n", "mine.yaml")
        deck = write(tmp_path, "title: T\ntheme: mine.yaml\nslides:\n  - title: One\n")
        result = build_deck(deck, tmp_path / "out", ("pptx",))
        assert result.error is None, result.error
        built = parts(tmp_path / "out" / "deck.pptx")
        master = built["ppt/slideMasters/slideMaster1.xml"].decode()
        assert master.count(SVG_URI) == 1 and "<p:bg><p:bgPr><a:blipFill><a:blip" in master
        assert sorted(n for n in built if n.startswith("ppt/media/")) == [
            "ppt/media/image1.png", "ppt/media/image2.png", "ppt/media/image3.svg"]


class DescribeTheHtmlDeck:
    def it_inlines_an_svg_as_it_is_and_a_webp_as_it_is(self, tmp_path):
        for name in ("enrolment_plot.svg", "hopper.webp"):
            shutil.copy(PICTURES / name, tmp_path / name)
        deck = write(tmp_path, "title: T\nslides:\n  - title: Two\n    images:\n"
                     "      - {src: enrolment_plot.svg, alt: A plot}\n"
                     "      - {src: hopper.webp, alt: A photo}\n")
        result = build_deck(deck, tmp_path / "out", ("html",))
        assert result.error is None, result.error
        html = (tmp_path / "out" / "deck.html").read_text(encoding="utf-8")
        sources = re.findall(r'<img class="picture" src="data:([^;]+);base64,', html)
        assert sources == ["image/svg+xml", "image/webp"]

    def it_shows_an_empty_frame_and_says_why_when_nothing_can_draw_an_emf(
            self, tmp_path, monkeypatch):
        monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path / "cache"))
        monkeypatch.setenv("DECK_SOFFICE", str(tmp_path / "no-such-program"))
        shutil.copy(PICTURES / "pca_scores.emf", tmp_path / "chart.emf")
        deck = write(tmp_path, "title: T\nslides:\n  - title: A chart\n    image: chart.emf\n"
                     "    alt: A chart\n")
        result = build_deck(deck, tmp_path / "out", ("pptx", "html"))
        assert result.error is None, result.error
        assert result.warnings == (
            f"{tmp_path / 'chart.emf'}: the HTML deck cannot show this EMF picture: drawing it "
            "needs LibreOffice, which was not found (install libreoffice-impress); the HTML "
            "shows an empty frame in its place (the PowerPoint deck shows the picture)",)
        html = (tmp_path / "out" / "deck.html").read_text(encoding="utf-8")
        assert '<img class="picture" src="data:image/svg+xml;base64,' in html
        assert "ppt/media/image1.emf" in parts(tmp_path / "out" / "deck.pptx")


def soffice() -> str:
    found = shutil.which("soffice")
    require_tool("LibreOffice", found is not None,
                 "soffice is not on PATH (apt-get install libreoffice-impress)")
    return found


@pytest.mark.slow
class DescribeDrawingMetafilesWithLibreOffice:
    def it_draws_an_emf_as_a_png_of_its_own_shape_once(self, tmp_path, monkeypatch):
        soffice()
        monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path / "cache"))
        data = pictures.png(PICTURES / "pca_scores.emf")
        with Image.open(io.BytesIO(data)) as png:
            assert png.size == (2000, 1500)  # 560 x 420, 2000 pixels wide
            colours = png.convert("RGB").getcolors(2000 * 1500)
        assert len(colours) > 50  # a chart, not an empty page
        monkeypatch.setenv("DECK_SOFFICE", str(tmp_path / "no-such-program"))
        assert pictures.png(PICTURES / "pca_scores.emf") == data  # from the cache


def picture_boxes(pptx: Path) -> list[list[tuple[float, float, float, float]]]:
    """Each slide's pictures (and picture background) as boxes in points."""
    from pptx import Presentation
    from pptx.util import Emu

    prs = Presentation(str(pptx))
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    slides = []
    for slide in prs.slides:
        boxes = [(Emu(s.left).pt, Emu(s.top).pt, Emu(s.left + s.width).pt,
                  Emu(s.top + s.height).pt) for s in slide.shapes if s.shape_type == 13]
        if slide._element.find(".//{*}bg/{*}bgPr/{*}blipFill") is not None:
            boxes.append((0.0, 0.0, width, height))
        slides.append(boxes)
    return slides


def differing_share(page: Image.Image, box: tuple[float, float, float, float], scale: float,
                    background: tuple[int, int, int]) -> float:
    """The share of ``box`` (points; ``scale`` pixels a point) on the rendered ``page`` that
    differs clearly from the slide's ``background`` colour."""
    from PIL import ImageChops

    crop = page.crop(tuple(round(v * scale) for v in box)).convert("RGB")
    diff = ImageChops.difference(crop, Image.new("RGB", crop.size, background)).convert("L")
    return diff.point(lambda v: 255 if v > 24 else 0).histogram()[255] / (
        crop.width * crop.height)


def shows_a_picture(page: Image.Image, box, scale: float, background) -> bool:
    """Whether a picture shows in ``box``: at least 3 % of it differs from the background (a
    line plot on white has little ink; an empty frame or a missing picture has none)."""
    return differing_share(page, box, scale, background) >= 0.03


@pytest.mark.slow
def test_libreoffice_shows_every_picture_of_every_format(tmp_path):
    soffice()
    require_tool("poppler", shutil.which("pdftoppm") is not None,
                 "pdftoppm is not on PATH (apt-get install poppler-utils)")
    result = build_deck(DECK, tmp_path, ("pptx",))
    assert result.error is None, result.error
    exact = tmp_path / "pictures.pptx"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(exact)],
                   check=True, capture_output=True, timeout=300)
    subprocess.run(["pdftoppm", "-r", "36", "-png", str(tmp_path / "pictures.pdf"),
                    str(tmp_path / "page")], check=True)
    boxes = picture_boxes(exact)
    assert [len(b) for b in boxes] == [0, 1, 2, 1, 3, 1, 1]
    for number, slide_boxes in enumerate(boxes, 1):
        if not slide_boxes:
            continue
        page = Image.open(next(tmp_path.glob(f"page-{number}.png")))
        for box in slide_boxes:
            assert shows_a_picture(page, box, 0.5, (255, 255, 255)), (number, box)


VISIBLE_PICTURES = """() => [...document.querySelectorAll('.slide.is-current img.picture')]
  .map(img => { const r = img.getBoundingClientRect();
    return [img.complete && img.naturalWidth > 0, r.x, r.y, r.width, r.height]; })"""


@pytest.mark.slow
def test_chromium_shows_every_picture_of_every_format_and_fits_its_text(browser_context,
                                                                        tmp_path):
    from test_browser import FITTED_FRAMES, OVERFLOWING_FRAMES

    result = build_deck(DECK, tmp_path, ("html",))
    assert result.error is None, result.error
    page = browser_context.new_page()
    # room under the 16:9 slide for the control bar: the slide is drawn at its full 1280 px
    # (a thin line plot's ink, measured below, thins out when the slide is drawn smaller)
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto((tmp_path / "pictures.html").as_uri())
    seen = []
    for number in range(2, result.slides + 1):
        show_slide(page, number)
        assert page.evaluate(OVERFLOWING_FRAMES) == page.evaluate(FITTED_FRAMES) == []
        shot = Image.open(io.BytesIO(page.screenshot()))
        for loaded, x, y, w, h in page.evaluate(VISIBLE_PICTURES):
            assert loaded, number
            assert shows_a_picture(shot, (x, y, x + w, y + h), 1.0, (255, 255, 255)), number
            seen.append(number)
    assert seen == [2, 3, 3, 4, 5, 5, 5, 6]


def test_the_picture_sources_are_recorded_with_their_licences():
    rows = [line.split("\t") for line in
            (PICTURES / "SOURCES.tsv").read_text(encoding="utf-8").splitlines()[1:]]
    assert sorted(row[0] for row in rows) == sorted(
        p.name for p in PICTURES.iterdir() if p.suffix != ".tsv")
    assert all(len(row) == 6 and row[4] for row in rows)

