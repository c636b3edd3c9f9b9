"""Property tests: any deck the loader accepts builds both outputs, completely and reproducibly."""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

import pytest

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation

from generator.build import build_deck
from generator.source import inline
from generator.source.model import slide_texts
from generator.source.reader import load_deck

_ALPHABET = st.characters(blacklist_categories=("Cs", "Cc", "Co", "Cn", "Zl", "Zp"),
                          blacklist_characters="\u00ad\ufeff")
# Formulas ($…$) have their own property test in test_math.py.
words = st.text(alphabet=_ALPHABET, min_size=1, max_size=40).filter(
    lambda s: s.strip() and not any(inline.math_spans(s)))
special = st.sampled_from(["<script>alert(1)</script>", "a & b", "\"quoted\" 'text'",
                           "x < y > z", "**bold** and *it*", "[link](https://example.org)"])
texts = st.one_of(words, special)


def _bullets(depth: int):
    leaf = texts
    if depth == 0:
        return st.lists(leaf, min_size=1, max_size=4)
    node = st.one_of(leaf, st.builds(lambda k, v: {k: v}, texts, _bullets(depth - 1)))
    return st.lists(node, min_size=1, max_size=4)


content = st.fixed_dictionaries(
    {"title": texts},
    optional={"text": texts, "bullets": _bullets(2), "notes": texts})
columns = st.fixed_dictionaries({
    "title": texts,
    "columns": st.lists(st.fixed_dictionaries({}, optional={"heading": texts,
                                                             "bullets": _bullets(1)}),
                        min_size=2, max_size=3)})
section = st.fixed_dictionaries({"layout": st.just("section"), "title": texts},
                                optional={"subtitle": texts})
decks = st.fixed_dictionaries(
    {"title": texts, "slides": st.lists(st.one_of(content, columns, section), min_size=1,
                                        max_size=5)},
    optional={"subtitle": texts, "footer": texts, "aspect": st.sampled_from(["16:9", "4:3"]),
              "slide_numbers": st.booleans()})


def normalise(text: str) -> str:
    return " ".join(text.split())


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.chunks: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag, attrs):
        self.scripts += tag == "script"

    def handle_data(self, data):
        self.chunks.append(data)


def pptx_text(path: Path) -> str:
    chunks = []
    for slide in Presentation(path).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                chunks.append(shape.text_frame.text)
        if slide.has_notes_slide:
            chunks.append(slide.notes_slide.notes_text_frame.text)
    return normalise(" ".join(chunks))


def build_twice(tmp_path: Path, data: dict):
    src = tmp_path / "deck.yaml"
    src.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    deck = load_deck(src)
    outputs = []
    for run in ("a", "b"):
        result = build_deck(src, tmp_path / run, force=True)
        assert result.error is None, result.error
        outputs.append(result.outputs)
    return deck, outputs


@settings(max_examples=30, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@pytest.mark.slow
@given(data=decks)
def test_any_valid_deck_builds_both_outputs_completely_and_identically(tmp_path, data):
    deck, ((pptx_a, html_a), (pptx_b, html_b)) = build_twice(tmp_path, data)
    assert pptx_a.read_bytes() == pptx_b.read_bytes()
    assert html_a.read_bytes() == html_b.read_bytes()

    in_pptx = pptx_text(pptx_a)
    parser = _Text()
    parser.feed(html_a.read_text(encoding="utf-8"))
    in_html = normalise("".join(parser.chunks))
    items = [deck.title] + [t for s in deck.slides for t in slide_texts(s)]
    items += [s.notes for s in deck.slides if s.notes]
    for item in items:
        text = normalise(inline.plain(item))
        assert text in in_pptx, text
        assert text in in_html, text


def test_html_special_characters_in_a_bullet_are_shown_as_text(tmp_path):
    data = {"title": "T", "slides": [{"title": "A <b>", "bullets": ["<script>alert(1)</script>",
                                                                   "a & b"]}]}
    _, ((_, html_a), _) = build_twice(tmp_path, data)
    page = html_a.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert(1)</script>" not in page
    assert re.search(r"a &amp; b", page)
    baseline = _Text()
    baseline.feed(page)
    plain = {"title": "T", "slides": [{"title": "A", "bullets": ["x"]}]}
    (tmp_path / "plain").mkdir()
    _, ((_, html_plain), _) = build_twice(tmp_path / "plain", plain)
    reference = _Text()
    reference.feed(html_plain.read_text(encoding="utf-8"))
    assert baseline.scripts == reference.scripts  # no script element came from the user's text
