"""Building decks: incremental skips, atomic outputs, parallel builds and --strict."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from generator import build as build_module
from generator.build import BuildOptions, build_all, build_deck, build_decks, find_decks
from generator.errors import BuildError, SourceError, UsageError

DECK = """\
title: Small deck
theme: {theme}
slides:
  - title: One
    bullets: [First point, Second point]
  - title: Two
    text: A paragraph.
"""
THEME = """\
description: A test theme
colors:
  accent: "#2F6DB5"
"""


def write_deck(folder: Path, name: str = "small.yaml", theme: str = "classic") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(DECK.format(theme=theme), encoding="utf-8")
    return path


class DescribeIncrementalBuilds:
    def it_skips_an_unchanged_deck(self, tmp_path):
        deck = write_deck(tmp_path / "src")
        first = build_deck(deck, tmp_path / "out", ("html",))
        second = build_deck(deck, tmp_path / "out", ("html",))
        assert (first.ok, first.skipped, second.ok, second.skipped) == (True, False, True, True)
        assert second.outputs == (tmp_path / "out" / "small.html",)

    def it_rebuilds_after_an_edit_to_its_theme_file(self, tmp_path):
        theme = tmp_path / "src" / "mine.yaml"
        deck = write_deck(tmp_path / "src", theme="mine.yaml")
        theme.write_text(THEME, encoding="utf-8")
        build_deck(deck, tmp_path / "out", ("html",))
        theme.write_text(THEME.replace("#2F6DB5", "#B71C1C"), encoding="utf-8")
        again = build_deck(deck, tmp_path / "out", ("html",))
        assert (again.ok, again.skipped) == (True, False)
        assert "#B71C1C" in (tmp_path / "out" / "small.html").read_text(encoding="utf-8")

    def it_rebuilds_everything_with_force(self, tmp_path):
        deck = write_deck(tmp_path / "src")
        build_deck(deck, tmp_path / "out", ("html",))
        assert build_deck(deck, tmp_path / "out", ("html",), force=True).skipped is False

    def it_rebuilds_when_an_output_was_deleted(self, tmp_path):
        deck = write_deck(tmp_path / "src")
        build_deck(deck, tmp_path / "out", ("html",))
        (tmp_path / "out" / "small.html").unlink()
        assert build_deck(deck, tmp_path / "out", ("html",)).skipped is False

    def it_lists_the_deck_theme_and_images_as_inputs(self, tmp_path):
        deck = write_deck(tmp_path / "src")
        result = build_deck(deck, tmp_path / "out", ("html",))
        assert result.inputs[0] == deck.resolve()
        assert result.inputs[1].name == "classic.yaml"


class DescribeAFailedBuild:
    def it_leaves_the_previous_outputs_byte_identical(self, tmp_path):
        deck = write_deck(tmp_path / "src")
        build_deck(deck, tmp_path / "out", ("html",))
        before = (tmp_path / "out" / "small.html").read_bytes()
        deck.write_text(DECK.format(theme="classic").replace("bullets:", "bulets:"))
        result = build_deck(deck, tmp_path / "out", ("html",))
        assert isinstance(result.error, SourceError)
        assert [str(p) for p in result.error.problems][0].startswith(f"{deck}:5:5: slide 1 'One'")
        assert (tmp_path / "out" / "small.html").read_bytes() == before
        assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [".deck-cache", "small.html"]

    def it_turns_an_unexpected_exception_into_an_error_with_a_traceback(self, tmp_path,
                                                                        monkeypatch):
        def broken(fmt, layout):
            raise ZeroDivisionError("boom")

        monkeypatch.setattr(build_module, "render", broken)
        result = build_deck(write_deck(tmp_path), tmp_path / "out", ("html",))
        assert isinstance(result.error, BuildError)
        assert str(result.error).startswith(f"internal error while building {tmp_path}/small.yaml:"
                                            " ZeroDivisionError: boom")
        assert "Traceback" in result.trace


class DescribeStrictBuilds:
    @pytest.fixture
    def warning_render(self, monkeypatch):
        def render(fmt, layout):
            logging.getLogger("generator").warning("font 'Nope' is not installed")
            return b"<html></html>"

        monkeypatch.setattr(build_module, "render", render)

    def it_reports_warnings_and_still_writes(self, tmp_path, warning_render):
        result = build_deck(write_deck(tmp_path), tmp_path / "out", ("html",))
        assert (result.ok, result.warnings) == (True, ("font 'Nope' is not installed",))
        assert (tmp_path / "out" / "small.html").exists()

    def it_turns_warnings_into_errors_and_writes_nothing(self, tmp_path, warning_render):
        result = build_deck(write_deck(tmp_path), tmp_path / "out", ("html",), strict=True)
        assert str(result.error) == ("1 warning treated as errors (--strict): font 'Nope' is "
                                     "not installed")
        assert not (tmp_path / "out" / "small.html").exists()

    def it_remembers_the_warnings_of_an_unchanged_deck(self, tmp_path, warning_render):
        deck = write_deck(tmp_path)
        build_deck(deck, tmp_path / "out", ("html",))
        again = build_deck(deck, tmp_path / "out", ("html",), strict=True)
        assert str(again.error).startswith("1 warning treated as errors (--strict)")


class DescribeSeveralDecks:
    def it_builds_them_in_worker_processes_and_keeps_a_failure_apart(self, tmp_path):
        good = [write_deck(tmp_path / "src", f"d{i}.yaml") for i in range(3)]
        bad = tmp_path / "src" / "bad.yaml"
        bad.write_text("title: Bad\nslides: []\n")
        results = build_all([tmp_path / "src"], BuildOptions(tmp_path / "out", ("html",)), jobs=2)
        assert [r.source.name for r in results] == ["bad.yaml", "d0.yaml", "d1.yaml", "d2.yaml"]
        assert [r.ok for r in results] == [False, True, True, True]
        assert isinstance(results[0].error, SourceError)
        assert str(results[0].error.problems[0]) == (f"{bad}:2:9: 'slides' is empty: a deck "
                                                     "needs at least one slide")
        assert all((tmp_path / "out" / f"{p.stem}.html").exists() for p in good)

    def it_calls_back_once_per_deck(self, tmp_path):
        decks = [write_deck(tmp_path / "src", f"d{i}.yaml") for i in range(2)]
        seen = []
        build_decks(decks, BuildOptions(tmp_path / "out", ("html",)), seen.append, jobs=2)
        assert sorted(r.source.name for r in seen) == ["d0.yaml", "d1.yaml"]

    def it_refuses_two_decks_with_the_same_name(self, tmp_path):
        a = write_deck(tmp_path / "a")
        b = write_deck(tmp_path / "b")
        with pytest.raises(UsageError) as caught:
            find_decks([a, b])
        assert str(caught.value) == (f"decks with the same name would overwrite each other's "
                                     f"outputs: {a} and {b} (rename one, or build them into "
                                     "different folders with -o)")

    def it_says_when_a_folder_has_no_decks(self, tmp_path):
        with pytest.raises(UsageError) as caught:
            find_decks([tmp_path])
        assert str(caught.value) == f"no deck files (*.yaml) in folder {tmp_path}"


def test_a_theme_file_kept_beside_the_decks_is_not_built_as_a_deck(tmp_path):
    from generator.build import deck_files_in

    (tmp_path / "lecture.yaml").write_text("title: T\nslides:\n  - title: A\n")
    (tmp_path / "faculty.yaml").write_text("colors:\n  accent: '#b71c1c'\n")
    (tmp_path / "broken.yaml").write_text("title: no slides yet\n")
    assert [p.name for p in deck_files_in(tmp_path)] == ["broken.yaml", "lecture.yaml"]


def test_deck_build_pauses_the_cycle_collector_while_it_builds_but_the_library_does_not(
        tmp_path, monkeypatch, capsys):
    import gc

    import generator.layout.engine as engine
    from conftest import run_deck

    seen = []
    real_lay_out = engine.lay_out

    def lay_out(*args, **kwargs):
        seen.append(gc.isenabled())
        return real_lay_out(*args, **kwargs)

    monkeypatch.setattr(engine, "lay_out", lay_out)
    result = build_deck(write_deck(tmp_path), tmp_path / "out", force=True)
    code, _, err = run_deck(capsys, "build", str(write_deck(tmp_path)), "-o",
                            str(tmp_path / "out"), "--force")
    assert (result.error, code, seen, gc.isenabled()) == (None, 0, [True, False], True), err


def test_a_generator_file_is_hashed_again_when_it_changes(tmp_path, monkeypatch):
    import hashlib

    monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(build_module, "_generator_hashes", None)
    module = tmp_path / "module.py"
    module.write_text("a = 1\n")
    first = build_module._generator_file_hash(module)
    build_module._save_generator_hashes()
    monkeypatch.setattr(build_module, "_generator_hashes", None)  # as in a new process
    with monkeypatch.context() as unread:
        read = Path.read_bytes
        unread.setattr(Path, "read_bytes",
                       lambda self: pytest.fail("read again") if self == module else read(self))
        again = build_module._generator_file_hash(module)
    module.write_text("a = 22\n")
    assert (first, again, build_module._generator_file_hash(module)) == (
        hashlib.sha256(b"a = 1\n").hexdigest(), hashlib.sha256(b"a = 1\n").hexdigest(),
        hashlib.sha256(b"a = 22\n").hexdigest())


# What a cold build of a plain deck (the lecture: no citations, footnotes or course) leaves
# out: the reader's citation and footnote steps' code, the course reader, and the standard
# library's did-you-mean and MIME tables (benchmarks/README.md, "Importing less at start").
LAZY_FOR_A_PLAIN_DECK = ["generator.source.citations", "generator.source.bibtex",
                         "generator.source.footnotes", "generator.source.course",
                         "generator.source.variables", "difflib", "mimetypes",
                         "xml.etree.ElementTree"]  # for math only (the HTML's math font too)
CITING = """\
title: Cites
bibliography: works.json
slides:
  - title: One
    text: "As argued [@w1], it held^[A note.]."
"""


@pytest.mark.slow
def test_a_plain_deck_never_imports_the_citation_footnote_or_course_code(tmp_path):
    from conftest import imported_on_each_build

    lecture = Path(__file__).resolve().parent.parent / "slides_src" / "soviet_foreign_policy.yaml"
    assert imported_on_each_build(lecture, tmp_path / "a", LAZY_FOR_A_PLAIN_DECK) == [[]]
    folder = tmp_path / "citing"
    folder.mkdir()
    (folder / "works.json").write_text('[{"id": "w1", "type": "book", "title": "A Book", '
                                       '"issued": {"date-parts": [[2001]]}}]', encoding="utf-8")
    (folder / "cites.yaml").write_text(CITING, encoding="utf-8")
    assert imported_on_each_build(folder / "cites.yaml", tmp_path / "b", LAZY_FOR_A_PLAIN_DECK[:3]
                                  ) == [LAZY_FOR_A_PLAIN_DECK[:3]]
    course = Path(__file__).resolve().parent / "decks" / "course" / "course.yaml"
    assert imported_on_each_build(course, tmp_path / "c", LAZY_FOR_A_PLAIN_DECK[3:5]) == [
        LAZY_FOR_A_PLAIN_DECK[3:5]]
