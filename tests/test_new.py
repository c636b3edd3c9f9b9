"""``deck new``: a starter deck that builds as is, passes ``deck check``, never overwrites."""

from __future__ import annotations

import pytest
from conftest import run_deck

from generator.scaffold import STARTER, starter_text


@pytest.fixture
def empty(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    return tmp_path


class DescribeDeckNew:
    def it_creates_a_deck_that_builds_from_an_empty_folder(self, empty, capsys):
        code, out, _ = run_deck(capsys, "new", "week-1")
        assert (code, out) == (0, "created week-1/week-1.yaml (and week-1/images)\n"
                                  "next: deck build week-1   or   deck serve week-1/week-1.yaml\n")
        code, out, err = run_deck(capsys, "build", "week-1")
        assert (code, err) == (0, "")
        assert out.startswith("built     week-1/week-1.yaml  14 slides  ")
        assert sorted(p.name for p in (empty / "output").iterdir()) == [
            ".deck-cache", "week-1.html", "week-1.pptx"]

    def it_makes_a_deck_that_check_finds_nothing_wrong_with(self, empty, capsys):
        run_deck(capsys, "new", "week-1")
        assert run_deck(capsys, "check", "week-1", "--require-notes") == (
            0, "", "0 errors, 0 warnings in 1 deck\n")

    def it_titles_the_deck_after_its_name(self):
        assert 'title: "Week 1"' in starter_text("week-1").splitlines()[6]

    def it_refuses_to_overwrite_an_existing_folder(self, empty, capsys):
        (empty / "week-1").mkdir()
        (empty / "week-1" / "week-1.yaml").write_text("mine")
        assert run_deck(capsys, "new", "week-1") == (
            1, "", "error: week-1 already exists; choose another name or remove it first "
            "(deck new never overwrites)\n")
        assert (empty / "week-1" / "week-1.yaml").read_text() == "mine"

    def it_exits_2_for_a_name_that_is_not_a_file_name(self, empty, capsys):
        assert run_deck(capsys, "new", "a/b")[0] == 2

    def it_ships_a_starter_with_a_comment_on_every_feature(self):
        text = STARTER.read_text(encoding="utf-8")
        for feature in ("layout: section", "bullets:", "body:", "columns:", "image:", "alt:",
                        "caption:", "notes:", "style:", "spelling:", "footer:", "**bold**",
                        "`deck build", "[the Python website]("):
            assert feature in text
