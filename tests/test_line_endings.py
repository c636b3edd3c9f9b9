"""Every way of ending a line builds, and errors name the line an editor shows."""

from __future__ import annotations

import pytest

from generator.build import build_deck
from generator.check.deck import CheckOptions, check_deck
from generator.errors import SourceError
from generator.source.reader import load_deck

DECK = ("title: Separators\nslides:\n  - title: One #7\n    bullets:\n"
        "      - first{sep}second\n      - third\n  - title: Two\n    notes: a{sep}b\n")
BAD = DECK + "  - title: Three\n    bogus: 1\n"


def _write(tmp_path, text: str, newline: str = "\n"):
    path = tmp_path / "deck.yaml"
    path.write_bytes(text.replace("\n", newline).encode("utf-8"))
    return path


@pytest.mark.parametrize("newline", ["\r", "\r\n"], ids=["cr", "crlf"])
def test_a_deck_saved_with_cr_or_crlf_line_ends_builds_with_the_same_text(tmp_path, newline):
    path = _write(tmp_path, DECK.format(sep=" "), newline)
    deck = load_deck(path)
    assert [b.text for b in deck.slides[0].blocks[0].items] == ["first second", "third"]
    assert [str(n).split(": ", 1)[0] for n in deck.notices] == [f"{path}:3:16"]  # the "#7"
    assert build_deck(path, tmp_path / "out", force=True).ok


@pytest.mark.parametrize("sep", ["\x85", "\u2028", "\u2029"], ids=["nel", "ls", "ps"])
def test_a_pasted_line_or_paragraph_separator_breaks_the_text_and_the_deck_builds(
        tmp_path, sep):
    path = _write(tmp_path, DECK.format(sep=sep))
    deck = load_deck(path)
    assert [b.text for b in deck.slides[0].blocks[0].items] == ["first\nsecond", "third"]
    assert deck.slides[1].notes == ("a\n\nb" if sep == "\u2029" else "a\nb")
    assert build_deck(path, tmp_path / "out", force=True).ok
    assert [f.rule for f in check_deck(path, CheckOptions(spelling=False))] == ["yaml-text"]


@pytest.mark.parametrize("sep", ["\x85", "\u2028", "\u2029", "\r"],
                         ids=["nel", "ls", "ps", "cr"])
def test_an_error_after_a_separator_names_the_line_an_editor_shows(tmp_path, sep):
    text = BAD.format(sep=sep) if sep != "\r" else BAD.format(sep=" ").replace("\n", "\r")
    path = _write(tmp_path, text)
    with pytest.raises(SourceError) as caught:
        load_deck(path)
    [problem] = caught.value.problems
    assert (problem.line, problem.column) == (10, 5)
    assert "unknown key 'bogus'" in problem.message


def test_a_yaml_syntax_error_after_a_line_separator_is_located_on_its_editor_line(tmp_path):
    path = _write(tmp_path, "title: A\u2028B\nslides:\n  - title: [unclosed\n")
    with pytest.raises(SourceError) as caught:
        load_deck(path)
    assert [(p.line, p.column) for p in caught.value.problems] == [(4, 1)]
