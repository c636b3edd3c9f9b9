"""Rebuild decks in one warm process whenever their YAML, theme, images or templates change."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Iterable

from generator.build import (
    DEFAULT_SOURCE_DIR,
    BuildOptions,
    BuildResult,
    build_one,
    course_file,
    deck_files_in,
    decks_in_file,
    find_decks,
)
from generator.errors import SourceError, UsageError
from generator.themes.theme import TEMPLATES_DIR

DEBOUNCE_MS = 400  # the longest a burst of events is gathered before rebuilding
STEP_MS = 30  # a burst ends after this long without a new event
TIMEOUT_MS = 250  # how often the loop wakes up without events (to notice it is ready)

OnResult = Callable[[BuildResult], None]


class DeckWatcher:
    """Knows which files each deck depends on and rebuilds exactly the affected decks."""

    def __init__(self, paths: Iterable[str | Path], options: BuildOptions) -> None:
        self.paths = [Path(p) for p in paths] or [DEFAULT_SOURCE_DIR]
        self.options = options
        self.inputs: dict[Path, set[Path]] = {}
        self.templates = TEMPLATES_DIR.resolve()
        self.listed = find_decks(self.paths)  # a usage error (no such file) before watching
        self.courses = [c for c in (course_file(p) for p in self.paths) if c is not None]
        self.latest: dict[Path, BuildResult] = {}  # each deck's last result (index pages)
        self.problem: BuildResult | None = None  # a course file that cannot be read now

    def decks(self) -> list[Path]:
        """The deck files named now (folders are listed again: new decks join in, and a
        course's list is read again); while a course file is broken, the decks listed before
        (its problems are kept in ``problem``)."""
        decks: list[Path] = []
        try:
            for path in self.paths:
                if path.is_dir():
                    decks.extend(deck_files_in(path))
                elif path.is_file():
                    decks.extend(decks_in_file(path))
        except SourceError as err:
            path = Path(err.problems[0].path) if err.problems else self.paths[0]
            self.problem = BuildResult(path, error=err)
            return self.listed
        self.problem, self.listed = None, decks
        return decks

    def build(self, decks: Iterable[Path]) -> list[BuildResult]:
        """Build ``decks`` in this process, remembering each one's input files; then write
        the index page of a course being watched."""
        results = []
        for deck in decks:
            result = build_one(deck, self.options)
            known = self.inputs.setdefault(deck, set())
            known.add(deck.resolve())
            if result.ok:
                self.inputs[deck] = set(result.inputs) | {deck.resolve()}
            else:  # keep watching what it used before the bad edit, and whatever it named now
                known.update(result.inputs)
            results.append(result)
            self.latest[deck] = result
        self.write_indexes()
        return results

    def write_indexes(self) -> None:
        """Rewrite the index page of each course being watched (when its content changed)."""
        from generator.course.index import write_index
        from generator.source.course import load_course

        for path in self.courses:
            try:
                write_index(load_course(path), self.latest.values(), self.options)
            except SourceError:
                continue  # reported as the course file's problem

    def roots(self) -> set[Path]:
        """The folders to watch: every input's folder, the named folders, the templates."""
        roots = {self.templates}
        for path in self.paths:
            roots.add((path if path.is_dir() else path.parent).resolve())
        for files in self.inputs.values():
            roots.update(f.parent for f in files if f.parent.is_dir())
        return _outermost(roots)

    def affected(self, changed: Iterable[Path]) -> list[Path]:
        """The decks that depend on any of the ``changed`` files, in deck order."""
        changed = {Path(p).resolve() for p in changed}
        decks = self.decks()
        if any(self.templates in c.parents for c in changed):
            return decks
        hit = []
        for deck in decks:
            files = self.inputs.get(deck)
            if files is None or files & changed:  # a deck never built yet: new in a list
                hit.append(deck)
        return hit

    def run(self, on_result: OnResult, stop: threading.Event | None = None,
            on_ready: Callable[[], None] | None = None) -> None:
        """Build every deck once, then rebuild affected decks on each change until ``stop``."""
        from watchfiles import watch

        for result in self.build(self.decks()):
            on_result(result)
        stop = stop or threading.Event()
        while not stop.is_set():
            roots = self.roots()
            for changes in watch(*sorted(roots), stop_event=stop, debounce=DEBOUNCE_MS,
                                 step=STEP_MS, yield_on_timeout=True, rust_timeout=TIMEOUT_MS,
                                 watch_filter=_not_ours):
                if on_ready is not None:  # the watcher is running: saves from now on are seen
                    on_ready()
                    on_ready = None
                if not changes:
                    continue
                for result in self.build(self.affected(Path(p) for _, p in changes)):
                    on_result(result)
                if self.problem is not None:
                    on_result(self.problem)
                if self.roots() != roots:
                    break  # a deck now uses a file in another folder: watch that one too


def _not_ours(_change: object, path: str) -> bool:
    """Ignore editor swap files, our own temporary files and the build cache."""
    name = Path(path).name
    return not (name.startswith(".") and name.endswith((".tmp", ".swp", ".swx"))
                or name.endswith("~") or ".deck-cache" in path)


def _outermost(folders: set[Path]) -> set[Path]:
    """Drop folders inside another watched folder (watching is recursive)."""
    return {f for f in folders if not any(other in f.parents for other in folders)}


def watch_decks(paths: Iterable[str | Path], options: BuildOptions, on_result: OnResult,
                stop: threading.Event | None = None,
                on_ready: Callable[[], None] | None = None) -> None:
    """Build the decks named by ``paths`` and keep rebuilding them as their files change."""
    if not list(paths) and not DEFAULT_SOURCE_DIR.exists():
        raise UsageError(f"no such deck file or folder: {DEFAULT_SOURCE_DIR} (run it from the "
                         "project folder, or name deck files)")
    DeckWatcher(paths, options).run(on_result, stop, on_ready)
