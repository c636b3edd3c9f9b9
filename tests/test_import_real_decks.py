"""Importing real decks: every file in the tests imports, Mac pictures, hidden slides, alt text
that is a path, default deck titles, and the .potx/.ppsx/.pptm kinds of a PowerPoint file."""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path

import pytest
from conftest import run_deck
from lxml import etree
from pptx import Presentation
from pptx.util import Inches
from test_import import new_deck, png_bytes

from generator.build import build_deck
from generator.importer import import_file
from generator.source.reader import load_deck

TEMPLATES = Path(__file__).parent / "templates"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"
SHOW_MAIN = b"presentationml.slideshow.main+xml"
PRES_MAIN = b"presentationml.presentation.main+xml"


def repackaged(source: Path, target: Path, content_type: bytes | None = None,
               extra: dict[str, bytes] | None = None) -> Path:
    """``source`` copied to ``target`` with another main content type and extra parts."""
    with zipfile.ZipFile(source) as src, zipfile.ZipFile(target, "w") as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml" and content_type is not None:
                blob = blob.replace(PRES_MAIN, content_type)
            dst.writestr(info, blob)
        for name, blob in (extra or {}).items():
            dst.writestr(name, blob)
    return target


def picture_slide(prs, title: str, descr: str = "A green box"):
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = title
    pic = slide.shapes.add_picture(io.BytesIO(png_bytes()), Inches(1), Inches(2))
    pic._element.nvPicPr.cNvPr.set("descr", descr)
    return slide, pic


def slides_part(text: str) -> str:
    return text.split("slides:\n", 1)[1]


REAL_FILES = sorted(p for p in Path(__file__).parent.rglob("*")
                    if p.suffix.lower() in (".pptx", ".potx", ".ppsx", ".pptm")
                    and "import_corpus" not in p.parts)  # measured in test_import_corpus


class DescribeEveryPowerPointFileInTheTests:
    @pytest.mark.parametrize("path", REAL_FILES, ids=lambda p: p.name)
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_imports_with_exit_code_0_and_loads(self, tmp_path, capsys, path):
        out = tmp_path / "deck.yaml"
        code, stdout, stderr = run_deck(capsys, "import", str(path), "-o", str(out))
        assert (code, "Traceback" in stderr) == (0, False), stderr
        assert stdout.endswith(f"deck build {out}\n")
        assert load_deck(out).slides

    def it_finds_the_real_templates(self):
        assert {p.suffix for p in REAL_FILES} >= {".pptx", ".potx"}
        assert len(REAL_FILES) >= 9


class DescribeOtherKindsOfPowerPointFile:
    def it_imports_a_slide_show_ppsx_as_a_pptx(self, tmp_path):
        source = new_deck(tmp_path, lambda prs: picture_slide(prs, "Shown"))
        ppsx = repackaged(source, tmp_path / "show.ppsx", SHOW_MAIN)
        text = import_file(ppsx, tmp_path / "show.yaml").output.read_text(encoding="utf-8")
        assert slides_part(text) == ("  - title: Shown\n    image: show_media/slide1.png\n"
                                     "    alt: A green box\n")

    def it_imports_a_template_potx(self, tmp_path, capsys):
        out = tmp_path / "t.yaml"
        code, _, stderr = run_deck(capsys, "import", str(TEMPLATES / "poi_bug59273.potx"),
                                   "-o", str(out))
        assert code == 0, stderr

    def it_ignores_the_macros_of_a_pptm_and_says_so(self, tmp_path):
        source = new_deck(tmp_path, lambda prs: picture_slide(prs, "Macro"))
        pptm = repackaged(source, tmp_path / "m.pptm", None, {"ppt/vbaProject.bin": b"\x00macro"})
        result = import_file(pptm, tmp_path / "m.yaml")
        text = result.output.read_text(encoding="utf-8")
        assert text.startswith("# the file's macros were not imported (a deck has none)\n")
        assert "macros (VBA project)" in result.skipped

    def it_names_the_file_not_a_stream_when_a_package_is_no_presentation(self, tmp_path,
                                                                          capsys):
        source = new_deck(tmp_path, lambda prs: picture_slide(prs, "x"))
        odd = repackaged(source, tmp_path / "odd.pptx", b"wordprocessingml.document.main+xml")
        code, _, stderr = run_deck(capsys, "import", str(odd), "-o", str(tmp_path / "o.yaml"))
        assert code == 1
        assert "BytesIO" not in stderr and "Traceback" not in stderr
        assert stderr.startswith(f"error: {odd}: cannot read this file as a PowerPoint deck: ")


def wrap_in_alternate_content(element, fallback: bool = True) -> None:
    """Put ``element`` inside ``mc:AlternateContent`` (Choice, and a copy as Fallback)."""
    parent = element.getparent()
    alt = etree.SubElement(parent, f"{{{MC}}}AlternateContent", nsmap={"mc": MC})
    parent.remove(alt)
    parent.insert(parent.index(element), alt)
    choice = etree.SubElement(alt, f"{{{MC}}}Choice", Requires="p14")
    if fallback:
        etree.SubElement(alt, f"{{{MC}}}Fallback").append(copy.deepcopy(element))
    choice.append(element)


class DescribeMacPowerPointPictures:
    def it_reads_a_picture_stored_in_alternate_content(self, tmp_path, caplog):
        def build(prs):
            _, pic = picture_slide(prs, "Mac picture")
            wrap_in_alternate_content(pic._element)

        result = import_file(new_deck(tmp_path, build), tmp_path / "deck.yaml")
        assert slides_part(result.output.read_text(encoding="utf-8")) == (
            "  - title: Mac picture\n    image: deck_media/slide1.png\n    alt: A green box\n")
        assert result.skipped == ()
        assert (tmp_path / "deck_media" / "slide1.png").read_bytes() == png_bytes()

    def it_reads_a_picture_whose_blip_fill_is_in_alternate_content(self, tmp_path):
        def build(prs):
            _, pic = picture_slide(prs, "Wrapped fill")
            blip_fill = pic._element.find(f"{{{P}}}blipFill")
            wrap_in_alternate_content(blip_fill, fallback=False)

        result = import_file(new_deck(tmp_path, build), tmp_path / "deck.yaml")
        assert "image: deck_media/slide1.png\n" in result.output.read_text(encoding="utf-8")

    def it_lists_a_picture_whose_image_is_missing_instead_of_failing(self, tmp_path):
        def build(prs):
            _, pic = picture_slide(prs, "Missing")
            pic._element.blipFill.blip.set(
                "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}embed",
                "rId99")

        result = import_file(new_deck(tmp_path, build), tmp_path / "deck.yaml")
        assert result.skipped == ("slide 1: a linked or missing picture (not stored in the "
                                  "file) ('Picture 2')",)


class DescribeHiddenSlides:
    def it_imports_a_hidden_slide_as_hidden(self, tmp_path):
        def build(prs):
            picture_slide(prs, "Shown")
            slide, _ = picture_slide(prs, "Backup")
            slide._element.set("show", "0")

        text = import_file(new_deck(tmp_path, build), tmp_path / "deck.yaml").output.read_text(
            encoding="utf-8")
        assert slides_part(text).endswith("  - title: Backup\n    image: deck_media/slide2.png\n"
                                          "    alt: A green box\n    hidden: true\n")

    def it_round_trips_a_hidden_slide_through_the_pptx_and_leaves_it_out_of_the_html(
            self, tmp_path):
        deck = tmp_path / "hid.yaml"
        deck.write_text("title: Hidden things\nslides:\n  - {title: Shown, bullets: [one]}\n"
                        "  - {title: Backup, bullets: [two], hidden: true}\n"
                        "  - {title: Last, bullets: [three]}\n", encoding="utf-8")
        assert [s.hidden for s in load_deck(deck).slides] == [False, True, False]
        result = build_deck(deck, tmp_path / "out", ["pptx", "html"], force=True)
        assert result.error is None, result.error
        pptx, html = result.outputs
        shows = [s._element.get("show") for s in Presentation(str(pptx)).slides]
        assert shows == [None, None, "0", None]
        page = html.read_text(encoding="utf-8")
        assert ("Backup" in page, page.count('aria-roledescription="slide"\n'), "3 of 3" in page) \
            == (False, 3, True)
        again = import_file(pptx, tmp_path / "again.yaml").output.read_text(encoding="utf-8")
        assert "  - title: Backup\n    bullets:\n      - two\n    hidden: true\n" in again

    def it_rejects_a_hidden_value_that_is_not_a_flag(self, tmp_path):
        deck = tmp_path / "bad.yaml"
        deck.write_text("title: T\nslides:\n  - {title: A, hidden: maybe}\n", encoding="utf-8")
        with pytest.raises(Exception) as caught:
            load_deck(deck)
        assert "slide 'hidden'" in str(caught.value)


class DescribeAltTextAndTitles:
    @pytest.mark.parametrize("descr", [r"C:\Users\anna\Pictures\map.png",
                                       "https://example.org/img/map.png",
                                       "/home/anna/slides/map.jpg"])
    def it_drops_alt_text_that_is_a_path_or_an_address(self, tmp_path, descr):
        new = new_deck(tmp_path, lambda prs: picture_slide(prs, "Map", descr))
        text = import_file(new, tmp_path / "deck.yaml").output.read_text(encoding="utf-8")
        assert slides_part(text) == (
            f"  # the picture had a file path or address {descr!r} as alt text (dropped): "
            "describe it in 'alt'\n  - title: Map\n    image: deck_media/slide1.png\n"
            "    alt: 'TODO: describe this image'\n")

    def it_keeps_alt_text_that_describes(self, tmp_path):
        new = new_deck(tmp_path, lambda prs: picture_slide(prs, "Map", "Europe in 1939 / 1940"))
        text = import_file(new, tmp_path / "deck.yaml").output.read_text(encoding="utf-8")
        assert "    alt: Europe in 1939 / 1940\n" in text

    @pytest.mark.parametrize("generic", ["PowerPoint Presentation", "PowerPoint-Präsentation",
                                         "Folie 1", "Untitled presentation", "Presentation1"])
    def it_replaces_a_default_deck_title_by_the_first_slides_title(self, tmp_path, generic):
        def build(prs):
            prs.core_properties.title = generic
            picture_slide(prs, "The Treaty of Rapallo")

        text = import_file(new_deck(tmp_path, build), tmp_path / "d.yaml").output.read_text(
            encoding="utf-8")
        assert text.startswith(
            "# deck title taken from the file's properties\n"
            f"# the deck's title {generic!r} is a default name: the first slide's title is used "
            "instead\n")
        assert "\ntitle: The Treaty of Rapallo\n" in text

    def it_keeps_a_real_title_from_the_properties(self, tmp_path):
        def build(prs):
            prs.core_properties.title = "Soviet foreign policy"
            picture_slide(prs, "One")

        text = import_file(new_deck(tmp_path, build), tmp_path / "d.yaml").output.read_text(
            encoding="utf-8")
        assert "\ntitle: Soviet foreign policy\n" in text


class DescribeNothingDroppedSilently:
    def it_lists_text_it_has_no_place_for(self, tmp_path):
        def build(prs):
            slide, _ = picture_slide(prs, "Map")
            second = copy.deepcopy(slide.shapes.title._element)  # a second title placeholder
            second.find(f".//{{{P}}}cNvPr").set("id", "9")
            slide.shapes._spTree.append(second)
            slide.shapes[-1].text_frame.text = "Card title"

        result = import_file(new_deck(tmp_path, build), tmp_path / "deck.yaml")
        text = result.output.read_text(encoding="utf-8")
        assert result.skipped == ("slide 1: the text 'Card title'",)
        assert slides_part(text) == (
            "  # not imported: the text 'Card title'\n  - title: Map\n"
            "    image: deck_media/slide1.png\n    alt: A green box\n")
