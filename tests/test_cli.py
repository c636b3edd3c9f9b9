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
            "widths, image, alt, decorative, caption, reveal, dim, notes, math, hidden, duration, "
            "table, code, quote, timeline, source, background, images, image_side, focus, id, "
            "instructor, answer, release, footnotes, references)",
            "error: slides_src/broken.yaml:3:5: slide 1: a slide is missing required key 'title'",
            "error: 1 of 2 decks failed",
        ]
        assert (project / "output" / "small.html").exists()

    def it_exits_2_for_an_unknown_format(self, project, capsys):
        assert run_deck(capsys, "build", "-f", "docx") == (
            2, "", "error: unknown format 'docx'; expected one or more of pptx, html, pdf, "
            "handout, steps (comma-separated)\n")

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
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_runs_as_python_dash_m_generator(self, tmp_path):
        (tmp_path / "small.yaml").write_text(DECK, encoding="utf-8")
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "generator", "build", "small.yaml", "-f",
                               "html", "-o", "out"], cwd=tmp_path, capture_output=True,
                              text=True, env=env, timeout=120)
        assert done.returncode == 0, done.stderr
        assert done.stdout.startswith("built     small.yaml  2 slides")
        assert (tmp_path / "out" / "small.html").exists()

    def it_exits_at_once_after_the_atexit_handlers_with_the_commands_code(self, project,
                                                                           monkeypatch, capsys):
        import atexit
        import threading

        from generator import cli

        class QuickExit(Exception):
            pass

        def exit_now(code):
            raise QuickExit(code)

        ran = []  # the real handlers would end this test session's logging and clean-ups
        monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: ran.append("atexit handlers"))
        monkeypatch.setattr(os, "_exit", exit_now)
        monkeypatch.setattr(threading, "active_count", lambda: 1)  # earlier tests' threads
        for argv, code in ((["deck", "--version"], 0), (["deck", "build", "nope.yaml"], 2)):
            monkeypatch.setattr(sys, "argv", argv)
            with pytest.raises(QuickExit) as exited:
                cli.run()
            assert exited.value.args == (code,)
        assert ran == ["atexit handlers", "atexit handlers"]
        assert capsys.readouterr().out.startswith("deck, version ")

    def it_exits_normally_while_another_thread_runs(self, project, monkeypatch):
        import threading

        from generator import cli

        monkeypatch.setattr(os, "_exit", lambda code: pytest.fail("quick exit with a thread"))
        monkeypatch.setattr(sys, "argv", ["deck", "build", "nope.yaml"])
        stop = threading.Event()
        thread = threading.Thread(target=stop.wait)
        thread.start()
        try:
            with pytest.raises(SystemExit) as exited:
                cli.run()
        finally:
            stop.set()
            thread.join()
        assert exited.value.code == 2

    def it_lists_every_command_in_its_help(self, capsys):
        code, out, _ = run_deck(capsys, "--help")
        commands = out.split("Commands:")[1].split()
        assert code == 0
        assert {"build", "check", "new", "schema", "serve", "watch"} <= set(commands)


FACULTY = 'colors:\n  accent: "#7A1F2B"\n'


class DescribeTheThemeOption:
    """``--theme`` names a built-in theme or a file relative to where the command is run."""

    def it_finds_a_theme_file_relative_to_the_current_folder_not_the_decks(self, project,
                                                                           capsys):
        (project / "themes").mkdir()
        (project / "themes" / "faculty.yaml").write_text(FACULTY, encoding="utf-8")
        code, _, err = run_deck(capsys, "build", "-f", "html", "--theme", "themes/faculty.yaml")
        assert (code, err) == (0, "")
        assert "--color-accent: #7A1F2B;" in (project / "output" / "small.html").read_text()

    def it_checks_with_a_theme_file_relative_to_the_current_folder(self, project, capsys):
        (project / "themes").mkdir()
        (project / "themes" / "faculty.yaml").write_text(FACULTY, encoding="utf-8")
        code, out, err = run_deck(capsys, "check", "--theme", "themes/faculty.yaml")
        assert (code, out, err) == (0, "", "0 errors, 0 warnings in 1 deck\n")

    @pytest.mark.parametrize("command", ["build", "check"])
    def it_exits_2_for_a_missing_theme_naming_the_built_in_ones(self, project, capsys, command):
        assert run_deck(capsys, command, "--theme", "themes/nope.yaml") == (
            2, "", "error: no theme 'themes/nope.yaml': expected a built-in theme (academic, "
            "classic, contrast, dark) or a path to a theme file (looked for "
            f"{project / 'themes' / 'nope.yaml'})\n")

    def it_exits_2_for_an_unknown_theme_name_with_a_suggestion(self, project, capsys):
        assert run_deck(capsys, "build", "--theme", "drak") == (
            2, "", "error: no theme 'drak': expected a built-in theme (academic, classic, "
            "contrast, dark) or a path to a theme file; did you mean 'dark'?\n")


class DescribeDeckFilesInAFolder:
    def it_finds_decks_whatever_the_case_of_their_suffix(self, project, capsys):
        (project / "slides_src" / "Lecture.YAML").write_text(DECK, encoding="utf-8")
        code, _, _ = run_deck(capsys, "build", "-f", "html")
        assert code == 0
        assert (project / "output" / "Lecture.html").exists()


class DescribeAPictureThatIsNotAnImage:
    def it_fails_the_build_with_the_place_the_file_is_named(self, project, capsys):
        (project / "slides_src" / "fake.png").write_text("x\n", encoding="utf-8")
        (project / "slides_src" / "small.yaml").write_text(
            DECK + "    image: fake.png\n    alt: A map of Europe in 1922\n", encoding="utf-8")
        code, _, err = run_deck(capsys, "build", "-f", "html")
        assert code == 1
        assert err.splitlines()[1:] == [
            "error: slides_src/small.yaml:5:12: slide 1 'One': image file fake.png is not a "
            "readable image (expected PNG, JPEG, GIF, BMP, TIFF, WebP, SVG, EMF or WMF)",
            "error: 1 of 1 decks failed",
        ]


class DescribeImportExitCodes:
    def it_exits_2_for_a_missing_file(self, project, capsys):
        assert run_deck(capsys, "import", "nosuch.pptx") == (
            2, "", "error: no such file: nosuch.pptx\n")

    def it_exits_1_for_a_file_that_is_not_a_pptx(self, project, capsys):
        (project / "fake.pptx").write_text("not a zip", encoding="utf-8")
        code, out, err = run_deck(capsys, "import", "fake.pptx")
        assert (code, out) == (1, "")
        assert err.startswith("error: fake.pptx: cannot read this file as a PowerPoint deck")

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_exits_non_zero_from_the_installed_command_too(self, project):
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        done = subprocess.run([sys.executable, "-m", "generator", "import", "nosuch.pptx"],
                              cwd=project, capture_output=True, text=True, env=env, timeout=120,
                              check=False)
        assert (done.returncode, done.stderr) == (2, "error: no such file: nosuch.pptx\n")


class DescribeTheEntryPoint:
    def it_exits_with_a_commands_non_zero_return_value(self, capsys):
        from generator import cli as cli_module
        from generator.commands.arguments import Command

        cli_module.DECK.add(Command("fails-quietly", "Return 3.", run=lambda args: 3))
        try:
            assert run_deck(capsys, "fails-quietly") == (3, "", "")
        finally:
            cli_module.DECK.commands.pop("fails-quietly")

    def it_says_aborted_and_exits_130_on_ctrl_c(self, capsys):
        from generator import cli as cli_module
        from generator.commands.arguments import Command

        def interrupted(args):
            raise KeyboardInterrupt

        cli_module.DECK.add(Command("interrupted", "Ctrl-C.", run=interrupted))
        try:
            assert run_deck(capsys, "interrupted") == (130, "", "\naborted\n")
        finally:
            cli_module.DECK.commands.pop("interrupted")
