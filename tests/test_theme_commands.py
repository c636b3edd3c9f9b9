"""``deck themes`` and ``deck theme copy`` as a user runs them."""

from __future__ import annotations

import subprocess
import sys

import pytest


def deck(*args: str, cwd=None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *args], capture_output=True,
                          text=True, cwd=cwd)


def test_deck_themes_lists_every_built_in_theme_with_its_description():
    result = deck("themes")
    assert result.returncode == 0, result.stderr
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == ["classic", "academic", "contrast", "dark"]
    assert all(len(line.split(None, 1)) == 2 for line in result.stdout.splitlines())


@pytest.mark.slow
def test_deck_theme_copy_writes_a_theme_a_deck_can_use(tmp_path):
    result = deck("theme", "copy", "dark", "faculty.yaml", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout == ("wrote faculty.yaml; use it with `theme: faculty.yaml` in a deck "
                             "beside it\n")
    (tmp_path / "deck.yaml").write_text("title: T\ntheme: faculty.yaml\nslides:\n  - title: A\n")
    built = deck("build", "deck.yaml", "-o", "out", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "out" / "deck.pptx").is_file()


@pytest.mark.slow  # over a fifth of a second: the full suite only
def test_deck_theme_copy_refuses_to_overwrite_and_suggests_a_name(tmp_path):
    (tmp_path / "faculty.yaml").write_text("x")
    again = deck("theme", "copy", "dark", "faculty.yaml", cwd=tmp_path)
    assert again.returncode == 1
    assert again.stderr == ("error: faculty.yaml: file already exists; choose another name or "
                            "delete it first\n")
    typo = deck("theme", "copy", "drak", "x.yaml", cwd=tmp_path)
    assert typo.returncode == 2  # a wrong command-line argument, as for `deck build --theme`
    assert "no built-in theme 'drak'" in typo.stderr and "did you mean 'dark'?" in typo.stderr
