"""Real client: LibreOffice renders our PPTX, and every word lands inside its own text box."""

from __future__ import annotations

import html
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Emu

from conftest import require_tool
from generator.build import build_deck

ROOT = Path(__file__).resolve().parent.parent
DECKS = [
    ROOT / "slides_src" / "soviet_foreign_policy.yaml",
    Path(__file__).parent / "decks" / "stress.yaml",
    Path(__file__).parent / "decks" / "stress_4x3.yaml",
]
TOLERANCE = 2.0  # points: glyph bounding boxes may poke out of the line box a little
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", re.S)
_EMOJI = re.compile("[\U0001F000-\U0001FFFF\u2600-\u27BF\uFE0F]")


@dataclass(frozen=True)
class TextBox:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str  # the shape's text with all whitespace removed

    def holds(self, word: "PdfWord") -> bool:
        return (self.x0 - TOLERANCE <= word.x0 and word.x1 <= self.x1 + TOLERANCE
                and self.y0 - TOLERANCE <= word.y0 and word.y1 <= self.y1 + TOLERANCE)


@dataclass(frozen=True)
class PdfWord:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def squash(text: str) -> str:
    return "".join(_EMOJI.sub("", text).split())


def text_boxes(pptx_path: Path) -> list[list[TextBox]]:
    """Every text-bearing shape of each slide, as a box in points with its text."""
    slides = []
    for slide in Presentation(pptx_path).slides:
        boxes = []
        for shape in slide.shapes:
            if not shape.has_text_frame or not shape.text_frame.text.strip():
                continue
            x, y = Emu(shape.left).pt, Emu(shape.top).pt
            boxes.append(TextBox(x, y, x + Emu(shape.width).pt, y + Emu(shape.height).pt,
                                 squash(shape.text_frame.text)))
        slides.append(boxes)
    return slides


def pdf_words(pdf: Path) -> list[list[PdfWord]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = []
    for _, _, body in _PAGE.findall(out):
        words = []
        for x0, y0, x1, y1, text in _WORD.findall(body):
            text = squash(html.unescape(text))
            if text:
                words.append(PdfWord(float(x0), float(y0), float(x1), float(y1), text))
        pages.append(words)
    return pages


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    require_tool("LibreOffice", shutil.which("soffice") is not None,
                 "soffice is not on PATH (apt-get install libreoffice-impress)")
    require_tool("poppler", shutil.which("pdftotext") is not None,
                 "pdftotext is not on PATH (apt-get install poppler-utils)")
    out = tmp_path_factory.mktemp("lo")
    pptx_files = []
    for deck in DECKS:
        result = build_deck(deck, out, ("pptx",))
        assert result.error is None, result.error
        pptx_files.append(out / f"{deck.stem}.pptx")
    profile = out / "profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), *map(str, pptx_files)],
                   check=True, capture_output=True, timeout=300)
    return {p.stem: (p, p.with_suffix(".pdf")) for p in pptx_files}


@pytest.mark.parametrize("name", [d.stem for d in DECKS])
def test_libreoffice_renders_one_page_per_slide(rendered, name):
    pptx_path, pdf = rendered[name]
    assert len(pdf_words(pdf)) == len(Presentation(pptx_path).slides)


@pytest.mark.parametrize("name", [d.stem for d in DECKS])
def test_every_word_of_every_text_box_is_on_its_page(rendered, name):
    pptx_path, pdf = rendered[name]
    for number, (boxes, words) in enumerate(zip(text_boxes(pptx_path), pdf_words(pdf)), 1):
        page_text = "".join(w.text for w in words)
        for box in boxes:
            for token in re.findall(r"\S{1,40}", box.text):
                assert token in page_text, f"slide {number}: {token!r} is missing from the render"


@pytest.mark.parametrize("name", [d.stem for d in DECKS])
def test_every_rendered_word_lies_inside_its_own_text_box(rendered, name):
    pptx_path, pdf = rendered[name]
    for number, (boxes, words) in enumerate(zip(text_boxes(pptx_path), pdf_words(pdf)), 1):
        for word in words:
            owners = [b for b in boxes if word.text in b.text]
            assert owners, f"slide {number}: rendered {word.text!r} belongs to no text box"
            assert any(b.holds(word) for b in owners), (
                f"slide {number}: {word.text!r} at ({word.x0:.0f},{word.y0:.0f})-"
                f"({word.x1:.0f},{word.y1:.0f}) lies outside its text box "
                f"{[(round(b.x0), round(b.y0), round(b.x1), round(b.y1)) for b in owners]}")
