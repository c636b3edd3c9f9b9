"""The real lecture: every line of the original slide text reaches the built PPTX, in order."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE_TYPE, PP_PLACEHOLDER

from generator.build import build_deck

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
SOURCE_TEXT = Path(__file__).parent / "fixtures" / "lecture_source.txt"
_MARKER = re.compile(r"^\s*[*\-−]\s*")


def normalise(text: str) -> str:
    return " ".join(text.replace("\u2060", "").split())  # a word joiner the layout added


def source_pages() -> list[list[str]]:
    """The original lecture's pages (split at runs of blank lines), bullet markers removed."""
    text = SOURCE_TEXT.read_text(encoding="utf-8")
    pages = re.split(r"\n\s*\n\s*\n\s*\n", text)
    out = []
    for page in pages:
        lines = [normalise(_MARKER.sub("", line)) for line in page.splitlines()]
        lines = [line for line in lines if line]
        if lines:
            out.append(lines)
    return out


def slide_texts(pptx_path: Path) -> list[tuple[str, str]]:
    """``(title, body)`` per slide, body being every other text on the slide joined by spaces."""
    out = []
    def shapes(group):  # in reading order, into groups (a timeline is one)
        for shape in group:
            if shape.shape_type == MSO_SHAPE_TYPE.GROUP:
                yield from shapes(shape.shapes)
            else:
                yield shape

    for slide in Presentation(pptx_path).slides:
        title = ""
        body = []
        for shape in shapes(slide.shapes):
            if not shape.has_text_frame:
                continue
            is_title = shape.is_placeholder and shape.placeholder_format.type in (
                PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
            if is_title:
                title = normalise(shape.text_frame.text)
            else:
                body.extend(normalise(p.text) for p in shape.text_frame.paragraphs if p.text)
        out.append((title, " ".join(body)))
    return out


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("out")
    result = build_deck(LECTURE, out, ("pptx",))
    assert result.error is None, result.error
    return out / "soviet_foreign_policy.pptx"


def test_the_source_text_has_the_fourteen_pages_of_the_original_deck():
    pages = source_pages()
    assert len(pages) == 14
    assert pages[0] == ["Soviet union foreign policy"]


def test_every_line_of_the_source_lecture_reaches_the_pptx_in_order(built):
    slides = slide_texts(built)
    cursor = 0  # index of the slide where the previous source page was found
    for page in source_pages():
        for start in range(cursor, len(slides)):
            title, body = slides[start]
            text = title + " " + body
            if all(line in text for line in page):
                break
        else:
            pytest.fail(f"source page starting {page[0]!r} is on no slide from {cursor + 1} on")
        # Within the page, body lines keep their order (the source prints titles after bodies).
        position = 0
        for line in page:
            found = body.find(line, position)
            if found >= 0:
                position = found + len(line)
            else:
                assert line in title, f"{line!r} is missing or out of order on slide {start + 1}"
        cursor = start


def test_every_slide_title_sits_in_a_title_placeholder(built):
    titles = [title for title, _ in slide_texts(built)]
    assert titles == [
        "Soviet union foreign policy",
        "Initial stage – Global Revolution",
        "Socialism in one country",
        "One against all",
        "When the only friend is your enemy",
        "When the only friend is your enemy (continued)",
        "How stalin helped hitler",
        "Will it mean another war?",
        "Old new friend",
        "Some dates",
        "Back to old school",
        "Soviet-nazi pact",
        "So was stalin preparing the war?",
    ]


def test_the_nested_list_on_back_to_old_school_stays_nested(built):
    slide = Presentation(built).slides[10]
    levels = [(p.level, normalise(p.text)) for shape in slide.placeholders
              if shape.placeholder_format.type not in (PP_PLACEHOLDER.TITLE,)
              and shape.has_text_frame for p in shape.text_frame.paragraphs if p.text]
    assert (0, "To do so Russia needed") in levels
    assert (1, "Time to prepare to war") in levels
    assert (1, "Buffer in case of aggression") in levels
