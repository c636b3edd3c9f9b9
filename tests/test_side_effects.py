"""Importing ``generator`` and building decks leave the interpreter as they found it, and each
build reports its own warnings (in two threads, or twice in a row)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from generator.build import build_deck
from generator.collect import collecting

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"

_SNAPSHOT = """
import dataclasses, gc, logging, sys, warnings
def state():
    return (sorted(vars(dataclasses)), gc.isenabled(), gc.get_threshold(), list(warnings.filters),
            warnings.showwarning, logging.root.handlers[:], logging.root.level,
            sorted(n for n in logging.Logger.manager.loggerDict
                   if not n.startswith("generator")), logging.lastResort)
before = state()
import generator, generator.build, generator.cli, generator.source.reader, generator.layout.engine
after = state()
print(before == after)
print([name for name, a, b in zip("dataclasses gc threshold filters showwarning handlers level "
                                  "loggers lastResort".split(), before, after) if a != b])
"""


def test_importing_generator_changes_nothing_in_the_interpreter_and_makes_no_folder(tmp_path):
    env = {**os.environ, "DECK_CACHE_DIR": str(tmp_path / "cache"),
           "XDG_CACHE_HOME": str(tmp_path / "xdg")}
    done = subprocess.run([sys.executable, "-c", _SNAPSHOT], capture_output=True, text=True,
                          env=env, cwd=tmp_path, check=True)
    assert done.stdout.split("\n")[:2] == ["True", "[]"]
    assert list(tmp_path.iterdir()) == []


def test_a_build_leaves_the_cycle_collector_and_the_logger_as_they_were(tmp_path):
    import gc
    import logging

    logger = logging.getLogger("generator")
    handlers, propagate, enabled = logger.handlers[:], logger.propagate, gc.isenabled()
    result = build_deck(LECTURE, tmp_path, force=True)
    assert result.ok
    assert (logger.handlers, logger.propagate, gc.isenabled()) == (handlers, propagate, enabled)


@pytest.mark.slow
def test_python_m_cprofile_prints_the_profile_of_a_build(tmp_path):
    done = subprocess.run(
        [sys.executable, "-m", "cProfile", "-s", "cumulative", "-m", "generator", "-q", "build",
         str(LECTURE), "-o", str(tmp_path), "--force"],
        capture_output=True, text=True, cwd=ROOT, timeout=300,
        env={**os.environ, "DECK_CACHE_DIR": str(tmp_path / "cache")})
    assert done.returncode == 0, done.stderr
    assert "function calls" in done.stdout and "Ordered by: cumulative time" in done.stdout


def _deck(folder: Path, name: str, font: str, slides: int = 1) -> Path:
    path = folder / f"{name}.yaml"
    items = "".join(f"  - title: Slide {n}\n    bullets: [one, two]\n" for n in range(slides))
    path.write_text(f"title: {name}\nstyle:\n  fonts: {{body: {font}, heading: {font}}}\n"
                    f"slides:\n{items}", encoding="utf-8")
    return path


def _font_warnings(result) -> list[str]:
    return [w.split(";")[0] for w in result.warnings if "is not installed" in w]


@pytest.mark.slow  # over a fifth of a second: the full suite only
def test_two_builds_in_two_threads_each_report_their_own_warnings(tmp_path):
    decks = [_deck(tmp_path, "alpha", "Nofont Alpha", 40), _deck(tmp_path, "beta", "Nofont Beta",
                                                                  40)]
    start = threading.Barrier(2)
    results: dict[str, object] = {}

    def build(deck: Path) -> None:
        start.wait()
        results[deck.stem] = build_deck(deck, tmp_path / "out", force=True)

    threads = [threading.Thread(target=build, args=(deck,)) for deck in decks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert _font_warnings(results["alpha"]) == ["font 'Nofont Alpha' is not installed"]
    assert _font_warnings(results["beta"]) == ["font 'Nofont Beta' is not installed"]


def test_two_builds_in_a_row_both_report_the_missing_font_and_strict_fails_both(tmp_path):
    deck = _deck(tmp_path, "gamma", "Nofont Gamma")
    first = build_deck(deck, tmp_path / "out", force=True)
    second = build_deck(deck, tmp_path / "out", force=True)
    assert _font_warnings(first) == _font_warnings(second) == [
        "font 'Nofont Gamma' is not installed"]
    strict = [build_deck(deck, tmp_path / "out", force=True, strict=True) for _ in range(2)]
    assert [r.ok for r in strict] == [False, False]


def test_the_missing_character_warning_comes_with_every_build(tmp_path):
    deck = tmp_path / "glyph.yaml"
    deck.write_text("title: Glyphs\nslides:\n  - title: A glyph no font has\n"
                    "    bullets: ['\U000e0101 here']\n", encoding="utf-8")
    results = [build_deck(deck, tmp_path / "out", force=True) for _ in range(2)]
    said = [[w for w in r.warnings if "no installed font has the character" in w]
            for r in results]
    assert said[0] == said[1] and len(said[0]) == 1 and "U+E0101" in said[0][0]


def test_identical_warnings_are_said_once_with_their_count():
    import logging

    log = logging.getLogger("generator")
    with collecting() as said:
        for _ in range(2079):
            log.warning("the banner's text needed %g pt", 9.5)
        log.warning("another")
    assert said.warnings == ("the banner's text needed 9.5 pt (said 2,079 times)", "another")


def test_a_warning_said_outside_a_build_reaches_the_loggers_handlers():
    import logging

    log = logging.getLogger("generator")
    heard: list[str] = []
    handler = logging.Handler(logging.WARNING)
    handler.emit = lambda record: heard.append(record.getMessage())
    log.addHandler(handler)
    try:
        with collecting() as said:
            log.warning("inside")
        log.warning("outside")
    finally:
        log.removeHandler(handler)
    assert said.warnings == ("inside",)
    assert heard == ["outside"]
