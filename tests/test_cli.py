"""``deck build`` as a user runs it: printed lines, exit codes 0/1/2, quiet mode."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import run_deck

ROOT = Path(__file__).resolve().parent.parent
DECK = "title: Small deck\nslides:\n  - title: One\n    bullets: [First point]\n"




@pytest.fixture
def project(tmp_path, monkeypatch):
    """An empty project folder as the working directory, with one valid deck in slides_src/."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "slides_src").mkdir()
    (tmp_path / "slides_src" / "small.yaml").write_text(DECK, encoding="utf-8")
    return tmp_path


class DescribeDeckBuild:
    def it_builds_slides_src_and_prints_one_plain_line_per_deck(self, project, capsys):
        code, out, err = run_deck(capsys, "build", "-f", "html")
        assert code == 0 and err == ""
        assert out.startswith("built     slides_src/small.yaml  2 slides  ")
        assert out.endswith(" s  → output/small.html\n")
        assert "\x1b[" not in out

    def it_says_an_unchanged_deck_was_skipped(self, project, capsys):
        run_deck(capsys, "build", "-f", "html")
        code, out, _ = run_deck(capsys, "build", "-f", "html")
        assert (code, out) == (0, "unchanged slides_src/small.yaml  (use --force to rebuild)\n")

    def it_prints_nothing_with_quiet_when_all_is_well(self, project, capsys):
        assert run_deck(capsys, "-q", "build", "-f", "html") == (0, "", "")

    def it_exits_1_when_a_deck_fails_and_still_builds_the_others(self, project, capsys):
        (project / "slides_src" / "broken.yaml").write_text("title: B\nslides:\n  - titel: x\n")
        code, out, err = run_deck(capsys, "build", "-f", "html")
        assert code == 1
        assert "built     slides_src/small.yaml" in out
        assert err.splitlines()[0].startswith("failed    slides_src/broken.yaml  (")
        assert err.splitlines()[1:] == [
            "error: slides_src/broken.yaml:3:5: slide 1: unknown key 'titel' in a slide; did you "
            "mean 'title'? (valid keys: title, layout, subtitle, text, bullets, body, columns, "
            "image, alt, caption, notes)",
            "error: slides_src/broken.yaml:3:5: slide 1: a slide is missing required key 'title'",
            "error: 1 of 2 decks failed",
        ]
        assert (project / "output" / "small.html").exists()

    def it_exits_2_for_an_unknown_format(self, project, capsys):
        assert run_deck(capsys, "build", "-f", "docx") == (
            2, "", "error: unknown format 'docx'; expected one or more of pptx, html, pdf, "
            "handout (comma-separated)\n")

    def it_exits_2_for_a_missing_deck_file(self, project, capsys):
        assert run_deck(capsys, "build", "nope.yaml") == (
            2, "", "error: no such deck file or folder: nope.yaml\n")

    def it_exits_2_for_an_unknown_option(self, project, capsys):
        code, _, err = run_deck(capsys, "build", "--colour")
        assert code == 2 and "Error: No such option '--colour'." in err

    def it_exits_1_with_strict_when_the_theme_warns(self, project, capsys, monkeypatch):
        import logging

        from generator import build as build_module

        def render(fmt, layout):
            logging.getLogger("generator").warning("font 'Nope' is not installed")
            return b"x"

        monkeypatch.setattr(build_module, "render", render)
        code, _, err = run_deck(capsys, "build", "-f", "html", "--strict")
        assert code == 1
        assert ("error: 1 warning treated as errors (--strict): font 'Nope' is not installed"
                in err.splitlines())


class DescribeTheModuleEntryPoint:
    def it_runs_as_python_dash_m_generator(self, tmp_path):
        (tmp_path / "small.yaml").write_text(DECK, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "generator", "build", "small.yaml", "-f",
                               "html", "-o", "out"], cwd=tmp_path, capture_output=True,
                              text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("built     small.yaml  2 slides")
        assert (tmp_path / "out" / "small.html").exists()

    def it_lists_every_command_in_its_help(self, capsys):
        code, out, _ = run_deck(capsys, "--help")
        commands = out.split("Commands:")[1].split()
        assert code == 0
        assert {"build", "check", "new", "schema", "serve", "watch"} <= set(commands)
