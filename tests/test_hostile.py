"""Hostile input and faults: a corpus of bad theme files, unwritable outputs, a crash mid-build."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import generator.build as build_module
from generator.build import build_deck
from generator.errors import ThemeError
from generator.themes.theme import load_theme

BAD_THEMES = Path(__file__).parent / "bad_themes"
DECK = "title: T\nslides:\n  - title: One\n    bullets: [a point]\n"

THEME_MESSAGES = {
    "bad_colour": ["2:11: colors.accent must be a colour like '#1F3A68' or one of background, "
                   "text, heading, muted, code_background, link, lead, got 'blue-ish'"],
    "bad_size": ["2:9: sizes.body must be a number, got 'large'"],
    "low_contrast": [
        "2:9: colors.text '#777777' on colors.background '#FFFFFF' has contrast 4.48:1; WCAG AA "
        "needs 4.5:1 for body text",
        "2:9: colors.text '#777777' on colors.code_background '#F1F3F5' has contrast 4.03:1; "
        "WCAG AA needs 4.5:1 for body text"],
    "not_a_mapping": ["1:1: a theme file must be a mapping of tokens, got a list (valid keys: "
                      "description, fonts, colors, sizes, spacing, title_slide, section_slide, "
                      "footer, logo, background_image, weights)"],
    "python_tag": ["1:8: tag 'tag:yaml.org,2002:python/name:os.system' is not allowed: deck and "
                   "theme files are plain data (no Python objects or custom tags)"],
    "syntax_error": ["2:1: YAML syntax error: while parsing a flow mapping (started at line 1, "
                     "column 9): did not find expected ',' or '}'"],
    "typo_key": ["2:3: unknown theme key 'acent' in colors; did you mean 'accent'? (valid keys: "
                 "background, text, heading, accent, muted, code_background, link, lead)"],
    "typo_section": ["1:1: unknown theme key 'colours' in the theme; did you mean 'colors'? "
                     "(valid keys: description, fonts, colors, sizes, spacing, title_slide, "
                     "section_slide, footer, logo, background_image, weights)"],
}


def test_the_bad_theme_corpus_is_covered_by_the_expected_messages():
    assert sorted(p.stem for p in BAD_THEMES.glob("*.yaml")) == sorted(THEME_MESSAGES)


@pytest.mark.parametrize("name", sorted(THEME_MESSAGES))
def test_each_bad_theme_file_fails_with_its_exact_message(name):
    path = BAD_THEMES / f"{name}.yaml"
    with pytest.raises(ThemeError) as caught:
        load_theme(str(path))
    shown = path.relative_to(Path.cwd()) if path.is_relative_to(Path.cwd()) else path
    assert [str(p) for p in caught.value.problems] == [
        f"{shown}:{message}" for message in THEME_MESSAGES[name]]


def test_a_deck_naming_a_bad_theme_fails_its_build_and_writes_nothing(tmp_path):
    deck = tmp_path / "talk.yaml"
    shutil.copy(BAD_THEMES / "typo_key.yaml", tmp_path / "typo_key.yaml")
    deck.write_text("theme: typo_key.yaml\n" + DECK, encoding="utf-8")
    result = build_deck(deck, tmp_path / "out")
    assert isinstance(result.error, ThemeError)
    assert not (tmp_path / "out" / "talk.pptx").exists()


def test_an_unwritable_output_folder_gives_a_clear_error(tmp_path):
    if os.geteuid() == 0:
        target = tmp_path / "file-in-the-way"
        target.write_text("not a folder")  # root ignores permissions; a file blocks the folder
        out = target / "out"
        expected = f"cannot create output folder {out}: Not a directory"
    else:
        out = tmp_path / "locked"
        out.mkdir(mode=0o500)
        expected = f"cannot write to output folder {out}: Permission denied"
    deck = tmp_path / "talk.yaml"
    deck.write_text(DECK, encoding="utf-8")
    result = build_deck(deck, out)
    assert result.error is not None
    assert str(result.error) == expected


def test_a_renderer_crash_part_way_leaves_the_previous_outputs_untouched(tmp_path, monkeypatch):
    deck = tmp_path / "talk.yaml"
    deck.write_text(DECK, encoding="utf-8")
    out = tmp_path / "out"
    assert build_deck(deck, out).error is None
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    real_render = build_module.render

    def crash_in_html(fmt, layout):
        if fmt == "html":
            raise RuntimeError("killed part-way")
        return real_render(fmt, layout)

    monkeypatch.setattr(build_module, "render", crash_in_html)
    deck.write_text(DECK.replace("a point", "an edited point"), encoding="utf-8")
    result = build_deck(deck, out)
    assert result.error is not None and "killed part-way" in str(result.error)
    after = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert after == before  # the PPTX rendered before the crash was not written either
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
