"""``deck watch`` as a user runs it: rebuilds on save, survives a broken edit, recovers."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import stop_process

from generator.build import BuildOptions
from generator.live.watch import DeckWatcher
from generator.themes.theme import TEMPLATES_DIR

ROOT = Path(__file__).resolve().parent.parent
DECK = "title: Watched deck\ntheme: {theme}\nslides:\n  - title: {title}\n    bullets: [A point]\n"
TIMEOUT = 30.0


class Running:
    """A ``python -m generator`` process whose output is read line by line in the background."""

    def __init__(self, *args: str, cwd: Path) -> None:
        env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONUNBUFFERED": "1"}
        self.proc = subprocess.Popen([sys.executable, "-m", "generator", *args], cwd=cwd,
                                     env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     stdin=subprocess.DEVNULL, text=True)
        self.lines: list[str] = []
        self.lock = threading.Lock()
        for stream in (self.proc.stdout, self.proc.stderr):
            threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream) -> None:
        for line in stream:
            with self.lock:
                self.lines.append(line.rstrip("\n"))

    def wait_for(self, test, what: str, timeout: float = TIMEOUT) -> str:
        """The first output line (from ``start``) for which ``test`` holds, within ``timeout``."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                for line in self.lines:
                    if test(line):
                        self.lines.remove(line)
                        return line
            if self.proc.poll() is not None:
                break
            time.sleep(0.02)
        raise AssertionError(f"no output line {what} within {timeout} s; got: {self.lines}")

    def stop(self) -> int:
        return stop_process(self.proc)


def wait_until(test, what: str, timeout: float = TIMEOUT) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if test():
            return
        time.sleep(0.02)
    raise AssertionError(f"{what} did not happen within {timeout} s")


@pytest.fixture
def watched(tmp_path):
    deck = tmp_path / "src" / "lecture.yaml"
    deck.parent.mkdir()
    deck.write_text(DECK.format(theme="classic", title="First title"), encoding="utf-8")
    running = Running("watch", "src", "-o", "out", "-f", "html", cwd=tmp_path)
    running.wait_for(lambda line: line == "watching for changes (Ctrl-C to stop)",
                     "'watching'")
    yield deck, tmp_path / "out" / "lecture.html", running
    assert running.stop() == 0


@pytest.mark.slow  # each test starts deck watch in a process of its own
class DescribeDeckWatch:
    def it_builds_at_start_and_rebuilds_after_an_edit(self, watched):
        deck, html, running = watched
        assert "First title" in html.read_text(encoding="utf-8")
        deck.write_text(DECK.format(theme="classic", title="Second title"), encoding="utf-8")
        wait_until(lambda: "Second title" in html.read_text(encoding="utf-8"), "the rebuild")
        running.wait_for(lambda line: line.endswith("→ out/lecture.html")
                         and " built     src/lecture.yaml  2 slides  " in line, "'built'")

    def it_keeps_the_last_good_output_after_a_broken_edit_then_rebuilds_on_the_fix(self, watched):
        deck, html, running = watched
        good = html.read_bytes()
        deck.write_text("title: Watched deck\nslides:\n  - title: [oops\n", encoding="utf-8")
        running.wait_for(lambda line: line.startswith(
            "error: src/lecture.yaml:4:1: YAML syntax error"), "with the error at file:line:col")
        assert html.read_bytes() == good
        deck.write_text(DECK.format(theme="classic", title="Fixed title"), encoding="utf-8")
        wait_until(lambda: "Fixed title" in html.read_text(encoding="utf-8"), "the rebuild")

    def it_rebuilds_a_deck_when_its_theme_file_changes(self, tmp_path):
        theme = tmp_path / "mine.yaml"
        theme.write_text('colors: {accent: "#2F6DB5"}\n', encoding="utf-8")
        deck = tmp_path / "lecture.yaml"
        deck.write_text(DECK.format(theme="mine.yaml", title="T"), encoding="utf-8")
        running = Running("watch", "lecture.yaml", "-o", "out", "-f", "html", cwd=tmp_path)
        try:
            running.wait_for(lambda line: line.startswith("watching"), "'watching'")
            theme.write_text('colors: {accent: "#B71C1C"}\n', encoding="utf-8")
            html = tmp_path / "out" / "lecture.html"
            wait_until(lambda: "#B71C1C" in html.read_text(encoding="utf-8"), "the rebuild")
        finally:
            running.stop()


class DescribeDeckWatcher:
    def it_maps_a_changed_theme_file_to_the_decks_that_use_it(self, tmp_path):
        (tmp_path / "themes").mkdir()
        theme = tmp_path / "themes" / "mine.yaml"
        theme.write_text('colors: {accent: "#2F6DB5"}\n', encoding="utf-8")
        (tmp_path / "a.yaml").write_text(DECK.format(theme="themes/mine.yaml", title="A"))
        (tmp_path / "b.yaml").write_text(DECK.format(theme="classic", title="B"))
        watcher = DeckWatcher([tmp_path], BuildOptions(tmp_path / "out", ("html",)))
        watcher.build(watcher.decks())
        assert watcher.affected([theme]) == [tmp_path / "a.yaml"]
        assert watcher.affected([tmp_path / "b.yaml"]) == [tmp_path / "b.yaml"]
        assert watcher.affected([TEMPLATES_DIR / "html" / "deck.css"]) == [
            tmp_path / "a.yaml", tmp_path / "b.yaml"]
        assert watcher.affected([tmp_path / "unrelated.txt"]) == []

    def it_watches_the_deck_folder_and_the_templates(self, tmp_path):
        (tmp_path / "a.yaml").write_text(DECK.format(theme="classic", title="A"))
        watcher = DeckWatcher([tmp_path / "a.yaml"], BuildOptions(tmp_path / "out", ("html",)))
        watcher.build(watcher.decks())
        assert watcher.roots() == {tmp_path.resolve(), TEMPLATES_DIR.resolve()}
