"""The argparse layer of ``deck`` (lighter than click to import): commands, help, usage errors."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import Callable, NoReturn

Run = Callable[[argparse.Namespace], "int | None"]


class Command:
    """One ``deck`` command: its name, a one-line summary for the list of commands, a function
    that declares its arguments on a :class:`Parser` and the function it runs with the parsed
    arguments (its return value, if a number, is the exit code); or, with ``commands``, a group
    of commands (``deck`` itself, ``deck theme``) that takes a COMMAND name after its options,
    which are flags (they take no value)."""

    def __init__(self, name: str, summary: str, *, declare: Callable[[Parser], None] | None = None,
                 run: Run | None = None, description: str = "", epilog: str = "",
                 commands: list[Command] | None = None) -> None:
        self.name = name
        self.summary = summary
        self.declare = declare
        self.run = run
        self.description = description or summary
        self.epilog = epilog
        self.commands = None if commands is None else {c.name: c for c in commands}

    def add(self, command: Command) -> None:
        """Add ``command`` to this group."""
        self.commands[command.name] = command

    def parser(self, prog: str) -> Parser:
        """A new parser for this command, called ``prog`` (``deck theme copy``) in its help."""
        epilog = self.epilog
        if self.commands is not None:
            width = max(len(name) for name in self.commands)
            listing = "\n".join(f"  {name:<{width}}  {self.commands[name].summary}"
                                for name in sorted(self.commands))
            epilog = "Commands:\n" + listing + ("\n\n" + epilog if epilog else "")
        parser = Parser(prog=prog, description=self.description, epilog=epilog)
        if self.commands is not None:
            parser.add_argument("command", nargs="?", help=argparse.SUPPRESS)
            parser.usage = "%(prog)s [OPTIONS] COMMAND [ARGS]..."
        if self.declare is not None:
            self.declare(parser)
        parser.add_argument("-h", "--help", action="help", help="Show this message and exit.")
        return parser


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` with deck's help layout (``Usage:``, Arguments, Options, the
    examples as written) and usage errors that say what to do, exiting with code 2."""

    def __init__(self, prog: str, description: str, epilog: str) -> None:
        super().__init__(prog=prog, description=description, epilog=epilog,
                         formatter_class=_HelpFormatter, add_help=False, allow_abbrev=False,
                         exit_on_error=False)
        self._positionals.title = "Arguments"
        self._optionals.title = "Options"
        self.usage = "%(prog)s [OPTIONS]"
        self.option_names: list[str] = []

    def add_argument(self, *names: str, **kwargs) -> argparse.Action:
        """``ArgumentParser.add_argument``; an argument also joins the usage line (``NAME``,
        ``[PATHS]...`` for ``nargs="*"``), ``metavar`` being its name there and in errors."""
        action = super().add_argument(*names, **kwargs)
        self.option_names += action.option_strings
        if not action.option_strings and action.help is not argparse.SUPPRESS:
            name = action.metavar or action.dest.upper()
            self.usage += f" [{name}]..." if action.nargs == "*" else f" {name}"
        return action

    def error(self, message: str) -> NoReturn:
        """Print the usage, where to find help and what was wrong; exit with code 2."""
        self.exit(2, f"{self.format_usage()}Try '{self.prog} --help' for help.\n\n"
                     f"Error: {_explain(message)}\n")


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None) -> None:
        super().add_usage(usage, actions, groups, "Usage: " if prefix is None else prefix)

    def _format_action_invocation(self, action: argparse.Action) -> str:
        """``-o, --output PATH`` rather than ``-o PATH, --output PATH``."""
        if not action.option_strings or action.nargs == 0:
            return super()._format_action_invocation(action)
        value = self._format_args(action, self._get_default_metavar_for_optional(action))
        return f"{', '.join(action.option_strings)} {value}"


def parse(group: Command, argv: list[str]) -> tuple[Command, argparse.Namespace]:
    """The command that ``argv`` names below ``group`` and the values of every option on the way
    (``deck -v build -f html`` gives ``build`` with ``verbose`` and ``formats``). A usage error,
    ``-h`` or ``--version`` prints and exits (code 2, 0, 0); so does a group given nothing."""
    values: dict = {}
    command, prog = group, group.name
    while command.commands is not None:
        parser = command.parser(prog)
        # a group's options are flags: the first word that is not an option names the command
        cut = next((i + 1 for i, word in enumerate(argv) if not word.startswith("-")), len(argv))
        known = _parse(parser, parser.parse_known_args, argv[:cut])
        name, given, argv = known.pop("command"), argv, argv[cut:]
        values.update(known)
        if name is None and not given:
            parser.print_help()
            parser.exit(2)
        if name is None:
            parser.error("Missing command.")
        if name not in command.commands:
            parser.error(f"No such command {name!r}.{_suggestion(name, list(command.commands))}")
        command, prog = command.commands[name], f"{prog} {name}"
    parser = command.parser(prog)
    # options between paths (``a.yaml -f html b.yaml``), unless ``--`` ends the options
    method = parser.parse_known_args if "--" in argv else parser.parse_known_intermixed_args
    values.update(_parse(parser, method, argv))
    return command, argparse.Namespace(**values)


def _parse(parser: Parser, method, argv: list[str]) -> dict:
    """The values ``method`` parses from ``argv``; a usage error for what it cannot."""
    try:
        namespace, extras = method(argv)
    except argparse.ArgumentError as err:
        parser.error(_invalid(err))
    if extras:
        parser.error(_unknown(parser, extras))
    return vars(namespace)


def _invalid(err: argparse.ArgumentError) -> str:
    if err.argument_name is None:
        return err.message
    names = " / ".join(f"'{name}'" for name in err.argument_name.split("/"))
    if err.message == "expected one argument":
        return f"Option {names} requires an argument."
    return f"Invalid value for {names}: {err.message}"


def _explain(message: str) -> str:
    missing = "the following arguments are required: "
    if message.startswith(missing):
        return f"Missing argument '{message[len(missing):].split(',')[0]}'."
    return message


def _unknown(parser: Parser, extras: list[str]) -> str:
    option = extras[0].split("=")[0]
    if option.startswith("-") and option != "-":
        return f"No such option '{option}'.{_suggestion(option, parser.option_names, 'options')}"
    plural = "s" if len(extras) > 1 else ""
    return f"Got unexpected extra argument{plural} ({' '.join(extras)})"


def _suggestion(word: str, choices: list[str], kind: str = "commands") -> str:
    from difflib import get_close_matches

    close = get_close_matches(word, choices)
    if len(close) == 1:
        return f" Did you mean '{close[0]}'?"
    return f" (Possible {kind}: {', '.join(sorted(close))})" if close else ""


# -- value types: each raises ArgumentTypeError with a message that names the valid values ------

def int_range(low: int, high: int | None = None) -> Callable[[str], int]:
    """An ``argparse`` type: a whole number from ``low`` to ``high`` (no limit when ``None``)."""
    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"{text!r} is not a valid integer.") from None
        if value < low or (high is not None and value > high):
            bounds = f"x>={low}" if high is None else f"{low}<=x<={high}"
            raise argparse.ArgumentTypeError(f"{value} is not in the range {bounds}.")
        return value
    return convert


def day(text: str) -> date:
    """An ``argparse`` type: a day written year-month-day (2025-10-14)."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day like 2025-10-14.") from None


def choice(*values: str) -> Callable[[str], str]:
    """An ``argparse`` type: one of ``values`` (give ``metavar=choices_metavar(values)``)."""
    def convert(text: str) -> str:
        if text not in values:
            listed = ", ".join(repr(v) for v in values)
            raise argparse.ArgumentTypeError(f"{text!r} is not one of {listed}.")
        return text
    return convert


def choices_metavar(values: tuple[str, ...]) -> str:
    """How the help shows a :func:`choice` option's value: ``[text|json]``."""
    return "[" + "|".join(values) + "]"


def existing_file(text: str) -> Path:
    """An ``argparse`` type: a path to a file that exists."""
    path = Path(text)
    if not path.exists():
        raise argparse.ArgumentTypeError(f"File {text!r} does not exist.")
    if path.is_dir():
        raise argparse.ArgumentTypeError(f"File {text!r} is a directory.")
    return path


def folder(text: str) -> Path:
    """An ``argparse`` type: a path that is not a file (a folder, or nothing yet)."""
    path = Path(text)
    if path.exists() and not path.is_dir():
        raise argparse.ArgumentTypeError(f"Directory {text!r} is a file.")
    return path
