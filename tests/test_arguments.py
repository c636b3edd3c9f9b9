"""The ``deck`` command line as argparse reads it: help on every level, usage errors, the docs."""

from __future__ import annotations

import io
import re
import shlex
from pathlib import Path

import pytest
from conftest import loaded_on_each_build, run_deck

from generator.cli import DECK
from generator.commands.arguments import Command, parse
from generator.commands.terminal import echo, style

ROOT = Path(__file__).resolve().parent.parent
COMMANDS_DOC = ROOT / "docs" / "commands.md"


def command_paths(group: Command = DECK, path: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    """Every command and group below ``group``, as the words that name it: ``("theme", "copy")``."""
    paths = [path]
    for name, command in (group.commands or {}).items():
        paths += command_paths(command, path + (name,)) if command.commands else [path + (name,)]
    return paths


def usage_error(capsys, *args: str) -> str:
    """The last line of what ``deck ARGS`` prints, which must be a usage error (code 2)."""
    code, out, err = run_deck(capsys, *args)
    assert (code, out) == (2, "")
    return err.splitlines()[-1]


class DescribeTheHelp:
    @pytest.mark.parametrize("words", command_paths(), ids=" ".join)
    def it_answers_dash_h_on_every_level(self, capsys, words):
        code, out, err = run_deck(capsys, *words, "-h")
        assert (code, err) == (0, "")
        assert out.startswith(" ".join(("Usage: deck",) + words + ("[OPTIONS]",)))
        assert "  -h, --help  " in out or "  -h, --help            Show" in out

    def it_shows_each_option_once_with_its_value_and_default(self, capsys):
        _, out, _ = run_deck(capsys, "build", "--help")
        assert out.splitlines()[:3] == ["Usage: deck build [OPTIONS] [PATHS]...", "",
                                        "Build decks (files or folders; default: slides_src/) "
                                        "into OUTPUT."]
        assert "  -o, --output PATH     Folder for the built files. [default: output]" in out
        assert "  --handout-layout [1|2|3|4|6|notes]" in out
        assert "  --edition [instructor|student]" in out
        assert out.endswith("  deck build hist201/ --edition student   a course's lectures and "
                            "index page, for students\n")

    def it_lists_the_commands_of_a_group(self, capsys):
        _, out, _ = run_deck(capsys, "theme", "-h")
        assert out.splitlines()[-2:] == [
            "Commands:",
            "  copy  Write an editable copy of built-in theme NAME to PATH (a .yaml file or a "
            "folder).",
        ]

    def it_prints_the_help_and_exits_2_when_given_nothing(self, capsys):
        code, out, err = run_deck(capsys)
        assert (code, err) == (2, "")
        assert out.startswith("Usage: deck [OPTIONS] COMMAND [ARGS]...\n")

    def it_prints_the_version(self, capsys):
        from generator import __version__

        assert run_deck(capsys, "--version") == (0, f"deck, version {__version__}\n", "")


class DescribeUsageErrors:
    def it_shows_the_commands_usage_and_where_help_is(self, capsys):
        assert run_deck(capsys, "theme", "copy", "classic") == (2, "", (
            "Usage: deck theme copy [OPTIONS] NAME PATH\n"
            "Try 'deck theme copy --help' for help.\n\n"
            "Error: Missing argument 'PATH'.\n"))

    @pytest.mark.parametrize("args, message", [
        (("buil",), "No such command 'buil'. Did you mean 'build'?"),
        (("bogus",), "No such command 'bogus'."),
        (("-v",), "Missing command."),
        (("-x", "build"), "No such option '-x'."),
        (("build", "--colr"), "No such option '--colr'. Did you mean '--force'?"),
        (("build", "--colour=red"), "No such option '--colour'."),
        (("new", "a", "b"), "Got unexpected extra argument (b)"),
        (("build", "-o"), "Option '-o' / '--output' requires an argument."),
        (("build", "-j", "0"), "Invalid value for '-j' / '--jobs': 0 is not in the range x>=1."),
        (("build", "-j", "x"), "Invalid value for '-j' / '--jobs': 'x' is not a valid integer."),
        (("serve", "-p", "70000"),
         "Invalid value for '-p' / '--port': 70000 is not in the range 0<=x<=65535."),
        (("check", "--format", "xml"),
         "Invalid value for '--format': 'xml' is not one of 'text', 'json'."),
        (("template", "inspect", "nope.pptx"),
         "Invalid value for 'PATH': File 'nope.pptx' does not exist."),
    ])
    def it_says_what_is_wrong(self, capsys, tmp_path, monkeypatch, args, message):
        monkeypatch.chdir(tmp_path)
        assert usage_error(capsys, *args) == f"Error: {message}"

    def it_refuses_a_folder_as_a_template_and_a_file_as_a_parent_folder(self, capsys, tmp_path):
        (tmp_path / "file").write_text("x", encoding="utf-8")
        assert usage_error(capsys, "template", "inspect", str(tmp_path)) == (
            f"Error: Invalid value for 'PATH': File '{tmp_path}' is a directory.")
        assert usage_error(capsys, "new", "week-1", "--in", str(tmp_path / "file")) == (
            f"Error: Invalid value for '--in': Directory '{tmp_path / 'file'}' is a file.")

    def it_does_not_take_an_abbreviated_option(self, capsys):
        assert usage_error(capsys, "build", "--forc") == (
            "Error: No such option '--forc'. (Possible options: --force, --format)")


class DescribeParsing:
    def it_reads_global_options_before_the_command(self):
        command, args = parse(DECK, ["-vv", "-q", "--debug", "build"])
        assert command.name == "build"
        assert (args.verbose, args.quiet, args.debug) == (2, True, True)

    def it_takes_options_between_the_paths(self):
        _, args = parse(DECK, ["build", "a.yaml", "-f", "html", "b.yaml", "--force", "-j2"])
        assert (args.paths, args.formats, args.force, args.jobs) == (
            [Path("a.yaml"), Path("b.yaml")], "html", True, 2)

    def it_takes_paths_that_look_like_options_after_a_double_dash(self):
        _, args = parse(DECK, ["build", "a.yaml", "--", "-b.yaml"])
        assert args.paths == [Path("a.yaml"), Path("-b.yaml")]
        _, args = parse(DECK, ["new", "--", "-week"])
        assert args.name == "-week"

    @pytest.mark.slow
    def it_builds_without_importing_click(self, tmp_path):
        lecture = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
        assert loaded_on_each_build(lecture, tmp_path, "click", 1) == [False]

    def it_gives_each_option_its_default(self):
        _, args = parse(DECK, ["check"])
        assert vars(args) == {
            "verbose": 0, "quiet": False, "debug": False, "paths": [], "output_format": "text",
            "max_bullets": 6, "max_words": 75, "max_steps": 8, "require_notes": False,
            "no_spelling": False, "theme": None, "strict": False, "compat": False,
            "a11y": False, "allow_outside": []}


def documented_invocations() -> list[list[str]]:
    """The ``deck`` command lines of docs/commands.md's shell examples, comments and ``>``
    redirections removed, ``&&`` chains split."""
    blocks = re.findall(r"```sh\n(.*?)```", COMMANDS_DOC.read_text(encoding="utf-8"), re.S)
    lines = [line.split("#")[0] for block in blocks for line in block.splitlines()]
    commands = [part.split(">")[0] for line in lines for part in line.split("&&")]
    return [shlex.split(c)[1:] for c in commands if c.strip()]


def parser_options(group: Command = DECK, prog: str = "deck") -> set[str]:
    """Every option string of every command below ``group``."""
    names = set(group.parser(prog).option_names)
    for name, command in (group.commands or {}).items():
        names |= parser_options(command, f"{prog} {name}")
    return names


class DescribeTheCommandsPage:
    def it_has_shell_examples_of_every_command(self):
        documented = {words[0] for words in documented_invocations()}
        assert documented == {"build", "watch", "serve", "check", "new", "import"}

    @pytest.mark.parametrize("argv", documented_invocations(), ids=" ".join)
    def it_documents_invocations_that_parse(self, argv):
        command, _ = parse(DECK, argv)
        assert command.run is not None

    def it_names_only_long_options_that_exist(self):
        text = COMMANDS_DOC.read_text(encoding="utf-8")
        libreoffice = {"--headless", "--convert-to"}  # soffice's, quoted in the page
        named = set(re.findall(r"(?<![\w-])(--[a-z][a-z0-9-]*)", text)) - libreoffice
        assert named - parser_options() == set()
        assert {"--handout-layout", "--max-steps", "--compat", "--a11y", "--version"} <= named


class DescribeColours:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    def it_colours_only_on_a_terminal(self, monkeypatch):
        terminal, pipe = self.Terminal(), io.StringIO()
        for stream in (terminal, pipe):
            monkeypatch.setattr("sys.stdout", stream)
            echo(style("built", fg="green", bold=True) + " deck")
        assert terminal.getvalue() == "\x1b[32;1mbuilt\x1b[0m deck\n"
        assert pipe.getvalue() == "built deck\n"
