"""A deck reads files only from its own folder, unless the person building it allows more."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_deck

from generator.errors import SourceError
from generator.source.reader import load_deck

ROOT = Path(__file__).resolve().parent.parent
PICTURE = ROOT / "tests" / "decks" / "img" / "map.png"


@pytest.fixture
def folders(tmp_path):
    """``deck/`` (where decks are written) beside ``other/`` (a picture and a theme file)."""
    (tmp_path / "deck").mkdir()
    (tmp_path / "other").mkdir()
    shutil.copy(PICTURE, tmp_path / "other" / "map.png")
    (tmp_path / "other" / "theme.yaml").write_text("colors: {accent: '#aa0000'}\n")
    return tmp_path


def _deck(folders: Path, slide: str, top: str = "") -> Path:
    path = folders / "deck" / "d.yaml"
    path.write_text(f"title: T\n{top}slides:\n  - title: S\n{slide}", encoding="utf-8")
    return path


def _problems(path: Path) -> list[str]:
    with pytest.raises(SourceError) as caught:
        load_deck(path)
    return [str(p) for p in caught.value.problems]


def _outside(folders: Path, what: str, name: str, link: str = "") -> str:
    return (f"{what} {name!r}{link} is outside the deck's folder ({folders / 'deck'}): a deck "
            "reads files only from its own folder; move the file into it, or allow its folder "
            "with --allow-outside PATH")


def test_a_code_file_given_by_an_absolute_path_is_a_located_error(folders):
    deck = _deck(folders, "    code: {file: /etc/passwd, lang: text}\n")
    assert _problems(deck) == [
        f"{deck}:4:18: slide 1 'S': " + _outside(folders, "code file", "/etc/passwd")]


def test_a_picture_up_and_out_of_the_folder_is_a_located_error(folders):
    deck = _deck(folders, "    image: ../other/map.png\n    alt: A map\n")
    assert _problems(deck) == [
        f"{deck}:4:12: slide 1 'S': " + _outside(folders, "image file", "../other/map.png")]


def test_a_link_that_leads_out_of_the_folder_is_a_located_error(folders):
    (folders / "deck" / "map.png").symlink_to(folders / "other" / "map.png")
    deck = _deck(folders, "    image: map.png\n    alt: A map\n")
    assert _problems(deck) == [f"{deck}:4:12: slide 1 'S': " + _outside(
        folders, "image file", "map.png", f" (a link to {folders / 'other' / 'map.png'})")]


def test_a_theme_file_table_and_background_outside_are_located_errors(folders):
    deck = _deck(folders, "    table: {csv: ../other/t.csv}\n  - title: B\n"
                 "    background: ../other/map.png\n", top="theme: ../other/theme.yaml\n")
    assert _problems(deck) == [
        f"{deck}:2:8: " + _outside(folders, "theme file", "../other/theme.yaml"),
        f"{deck}:5:18: slide 1 'S': " + _outside(folders, "CSV file", "../other/t.csv"),
        f"{deck}:7:17: slide 2 'B': " + _outside(folders, "background file",
                                                  "../other/map.png"),
    ]


def test_a_picture_a_theme_file_names_outside_the_deck_folder_is_a_located_error(folders):
    (folders / "deck" / "theme.yaml").write_text("logo: {image: ../other/map.png}\n")
    deck = _deck(folders, "    bullets: [a]\n", top="theme: theme.yaml\n")
    from generator.errors import ThemeError
    from generator.themes.theme import theme_for

    with pytest.raises(ThemeError) as caught:
        theme_for(load_deck(deck))
    assert [p.message for p in caught.value.problems] == [
        _outside(folders, "logo.image picture", "../other/map.png")]
    assert (caught.value.problems[0].line, caught.value.problems[0].column) == (1, 15)


def test_a_picture_in_style_outside_the_deck_folder_is_a_located_error(folders):
    deck = _deck(folders, "    bullets: [a]\n",
                 top="style:\n  logo: {image: ../other/map.png}\n")
    assert _problems(deck) == [
        f"{deck}:3:17: " + _outside(folders, "logo.image picture", "../other/map.png")]


def test_allow_outside_lets_the_builder_allow_a_folder(folders, capsys):
    deck = _deck(folders, "    image: ../other/map.png\n    alt: A map of Europe in 1939\n",
                 top="theme: ../other/theme.yaml\n")
    out = folders / "out"
    code, _, err = run_deck(capsys, "build", str(deck), "-o", str(out))
    assert code == 1 and "is outside the deck's folder" in err
    code, _, err = run_deck(capsys, "build", str(deck), "-o", str(out), "--allow-outside",
                            str(folders / "other"))
    assert code == 0, err
    code, _, err = run_deck(capsys, "check", str(deck), "--no-spelling", "--allow-outside",
                            str(folders / "other"))
    assert code == 0 and "outside" not in err, err


def test_a_course_folder_can_be_the_root_instead_of_the_deck_folder(folders):
    deck = _deck(folders, "    image: ../other/map.png\n    alt: A map\n")
    loaded = load_deck(deck, root_folder=folders)
    assert loaded.slides[0].image.path == folders / "other" / "map.png"


@pytest.mark.slow  # over half a second: the full suite only
def test_an_error_never_shows_the_process_environment(tmp_path):
    deck = tmp_path / "env.yaml"
    deck.write_text("title: T\ntheme: /proc/self/environ\nslides:\n  - title: A\n"
                    "    bullets: [a]\n")
    for extra in ([], ["--allow-outside", "/proc"]):
        done = subprocess.run([sys.executable, "-m", "generator", "build", str(deck), "-o",
                               str(tmp_path / "out")] + extra, capture_output=True, text=True,
                              env={**os.environ, "DECK_TEST_SECRET": "s3cr3t-v4lue"}, cwd=ROOT)
        assert done.returncode == 1
        assert "s3cr3t" not in done.stdout + done.stderr and "DECK_TEST" not in done.stderr
