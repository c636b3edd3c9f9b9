"""Real client: LibreOffice renders our PPTX, and every word lands inside its own text box."""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE
from pptx.util import Emu

from generator.build import build_deck

ROOT = Path(__file__).resolve().parent.parent
DECKS = [
    ROOT / "slides_src" / "soviet_foreign_policy.yaml",
    Path(__file__).parent / "decks" / "composed.yaml",  # blocks composed on one slide (#24)
    Path(__file__).parent / "decks" / "stress.yaml",
    Path(__file__).parent / "decks" / "stress_4x3.yaml",
    Path(__file__).parent / "decks" / "calculus.yaml",  # formulas: LibreOffice shows fallbacks
    Path(__file__).parent / "decks" / "blocks.yaml",  # tables (each cell is a box)
    Path(__file__).parent / "decks" / "pictures.yaml",  # SVG, WebP, TIFF, EMF, WMF with captions
    Path(__file__).parent / "decks" / "figures.yaml",  # diagrams (labels in shapes), QR codes
    # Thirty works cited in two styles: the reference list split over slides, footnotes.
    *sorted((Path(__file__).parent / "decks" / "citations").glob("*.yaml")),
    # Text as lecturers write it: line breaks, tabs, CJK, right-to-left, emoji, long markup.
    *sorted((Path(__file__).parent / "decks" / "text").glob("*.yaml")),
    # The lecture's opening on real templates: their sizes, fonts and placeholder boxes.
    *sorted((Path(__file__).parent / "templates").glob("on_*.yaml")),
    # Diagrams, QR codes, citations and footnotes on a real 4:3 template.
    Path(__file__).parent / "templates" / "figures_on_capstone.yaml",
]
TOLERANCE = 2.0  # points: glyph bounding boxes may poke out of the line box a little
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
_PAGE = re.compile(r"<page width=\"([\d.]+)\" height=\"([\d.]+)\">(.*?)</page>", re.S)
_EMOJI = re.compile("[\U0001F000-\U0001FFFF\u2600-\u27BF\uFE0F]")
# Bullet glyphs are drawn by the client, not text; dashes are dropped on both sides of a match.
_BULLETS = re.compile("[•▪◦–‣·]")


@dataclass(frozen=True)
class TextBox:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str  # the shape's text with all whitespace removed
    words: tuple[str, ...]  # the shape's words, as written

    def holds(self, word: "PdfWord") -> bool:
        # pdftotext boxes span the font's whole ascent and descent, which may reach past the
        # line a little: allow a fifth of the word's height vertically.
        slack = TOLERANCE + 0.2 * (word.y1 - word.y0)
        return (self.x0 - TOLERANCE <= word.x0 and word.x1 <= self.x1 + TOLERANCE
                and self.y0 - slack <= word.y0 and word.y1 <= self.y1 + slack)


@dataclass(frozen=True)
class PdfWord:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def squash(text: str) -> str:
    # NFKC: Arabic comes out of the PDF as presentation forms, and a lam-alef ligature as its
    # two letters in either order: runs of lam and alef are compared as sorted letters.
    # Brackets are left out: in right-to-left text the renderer mirrors them.
    # Word joiners (U+2060, which the layout puts in "1929-1933") are invisible, and so are
    # the embeddings that keep code left to right in right-to-left text (U+202A…U+202E).
    text = _BRACKETS.sub("", unicodedata.normalize("NFKC", text)).replace("\u2060", "")
    text = re.sub("[\u202a-\u202e]", "", text)
    text = _LAM_ALEF.sub(lambda m: "".join(sorted(m.group(0))), text)
    return "".join(_BULLETS.sub("", _EMOJI.sub("", text)).split())


_BRACKETS = re.compile(r"[()\[\]]")
_LAM_ALEF = re.compile("[\u0644\u0627\u0623\u0625\u0622]{2,}")


def contains(text: str, word: str) -> bool:
    """Whether ``word`` is in ``text``. Right-to-left words come out of the PDF in visual
    order (:func:`logical` turns them back), and a word mixing directions as separate words
    in visual order: each of its runs of one direction is looked for."""
    if word in text or word.casefold() in text.casefold():  # a template may set capitals
        return True
    if _RTL.search(word) is None:
        return False
    return all(part in text for part in _DIRECTION_RUNS.findall(word))


_DIRECTION_RUNS = re.compile("[0-9A-Za-z.,:/%\u0660-\u0669]+|[^0-9A-Za-z.,:/%\u0660-\u0669]+")

_RTL = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR_RUN = re.compile("[0-9A-Za-z.,:/%\u0660-\u0669\u06f0-\u06f9]+")


def logical(visual: str) -> str:
    """A right-to-left word as pdftotext gives it (visual order: reversed, ligatures still
    whole) back in reading order; runs of digits and Latin letters stay left to right."""
    if not _RTL.search(visual):
        return visual
    return _LTR_RUN.sub(lambda m: m.group(0)[::-1], visual[::-1])


def text_boxes(pptx_path: Path) -> list[list[TextBox]]:
    """Every text-bearing shape of each slide, as a box in points with its text."""
    def shapes(group):  # into groups (a timeline is one), whose children keep slide positions
        for shape in group:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                yield from shapes(shape.shapes)
            else:
                yield shape

    def fallbacks(slide):  # what LibreOffice draws of a shape in mc:AlternateContent
        from pptx.shapes.autoshape import Shape
        from pptx.shapes.graphfrm import GraphicFrame

        mc = "http://schemas.openxmlformats.org/markup-compatibility/2006"
        p = "http://schemas.openxmlformats.org/presentationml/2006/main"
        fallback = f"{{{mc}}}AlternateContent/{{{mc}}}Fallback/"
        for sp in slide.shapes._spTree.findall(f"{fallback}{{{p}}}sp"):
            yield Shape(sp, slide.shapes)
        for frame in slide.shapes._spTree.findall(f"{fallback}{{{p}}}graphicFrame"):
            yield GraphicFrame(frame, slide.shapes)  # a table whose formulas are drawn

    slides = []
    for slide in Presentation(pptx_path).slides:
        boxes = []
        for shape in [*shapes(slide.shapes), *fallbacks(slide)]:
            if getattr(shape, "has_table", False):
                boxes.extend(cell_boxes(shape))
                continue
            if not shape.has_text_frame or not box_text(shape).strip():
                continue
            x, y = Emu(shape.left).pt, Emu(shape.top).pt
            text = box_text(shape)
            boxes.append(TextBox(x, y, x + Emu(shape.width).pt, y + Emu(shape.height).pt,
                                 squash(text), tuple(w for w in map(squash, text.split()) if w)))
        slides.append(boxes)
    return slides


def cell_boxes(frame) -> list[TextBox]:
    """Each non-empty cell of a table's graphic frame as a box: from the frame's position, the
    column widths and the row heights."""
    boxes = []
    y = Emu(frame.top).pt
    for row in frame.table.rows:
        x = Emu(frame.left).pt
        for column, cell in zip(frame.table.columns, row.cells):
            text = "\n".join("".join(p.xpath(".//a:t/text()"))
                             for p in cell._tc.xpath("./a:txBody/a:p"))
            w, h = Emu(column.width).pt, Emu(row.height).pt
            if text.strip():
                boxes.append(TextBox(x, y, x + w, y + h, squash(text),
                                     tuple(t for t in map(squash, text.split()) if t)))
            x += w
        y += Emu(row.height).pt
    return boxes


def box_text(shape) -> str:
    """A shape's text as a client without Office Math shows it: ``text_frame.text`` plus the
    fallback text of each formula (python-pptx skips ``mc:AlternateContent``)."""
    return "\n".join("".join(p.xpath(".//a:t/text()"))
                     for p in shape.text_frame._txBody.xpath("a:p"))


def pdf_words(pdf: Path) -> list[list[PdfWord]]:
    out = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], check=True,
                         capture_output=True, text=True).stdout
    pages = []
    for _, _, body in _PAGE.findall(out):
        words = []
        for x0, y0, x1, y1, text in _WORD.findall(body):
            text = squash(logical(html.unescape(text)))
            if text:
                words.append(PdfWord(float(x0), float(y0), float(x1), float(y1), text))
        pages.append(words)
    return pages


@pytest.fixture(scope="module")
def rendered(tmp_path_factory, libreoffice, poppler) -> dict[str, tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("lo")
    pptx_files = []
    for deck in DECKS:
        result = build_deck(deck, out, ("pptx",))
        assert result.error is None, result.error
        pptx_files.append(out / f"{deck.stem}.pptx")  # the file itself, as written
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
            for word in box.words:
                assert contains(page_text, word), (
                    f"slide {number}: {word!r} is missing from the render")


def picture_areas(pptx_path: Path) -> list[list[TextBox]]:
    """Each slide's pictures as boxes: the text a vector picture (EMF, WMF) draws is its own."""
    return [[TextBox(Emu(s.left).pt, Emu(s.top).pt, Emu(s.left + s.width).pt,
                     Emu(s.top + s.height).pt, "", ())
             for s in slide.shapes if s.shape_type == MSO_SHAPE_TYPE.PICTURE]
            for slide in Presentation(pptx_path).slides]


@pytest.mark.parametrize("name", [d.stem for d in DECKS])
def test_every_rendered_word_lies_inside_its_own_text_box(rendered, name):
    pptx_path, pdf = rendered[name]
    for number, (boxes, pictures, words) in enumerate(zip(
            text_boxes(pptx_path), picture_areas(pptx_path), pdf_words(pdf)), 1):
        for word in words:
            if any(p.holds(word) for p in pictures):
                continue
            owners = [b for b in boxes if contains(b.text, word.text)]
            assert owners, f"slide {number}: rendered {word.text!r} belongs to no text box"
            assert any(b.holds(word) for b in owners), (
                f"slide {number}: {word.text!r} at ({word.x0:.0f},{word.y0:.0f})-"
                f"({word.x1:.0f},{word.y1:.0f}) lies outside its text box "
                f"{[(round(b.x0), round(b.y0), round(b.x1), round(b.y1)) for b in owners]}")
