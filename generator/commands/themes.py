"""``deck themes`` and ``deck theme copy``: list the built-in themes, start a custom one."""

from __future__ import annotations

import argparse
from pathlib import Path

from generator.commands.arguments import Command, Parser
from generator.commands.terminal import echo


def themes_command(args: argparse.Namespace) -> None:
    """List the built-in themes with a one-line description."""
    from generator.themes.theme import list_themes

    rows = list_themes()
    width = max(len(name) for name, _ in rows)
    for name, description in rows:
        echo(f"{name:<{width}}  {description}")


def declare_copy_options(parser: Parser) -> None:
    """NAME, PATH and --force of ``deck theme copy``."""
    parser.add_argument("name", metavar="NAME", help="A built-in theme (see deck themes).")
    parser.add_argument("path", type=Path, metavar="PATH",
                        help="The copy: a .yaml file, or an existing folder to write it in.")
    parser.add_argument("--force", action="store_true", help="Overwrite an existing file.")


def copy_command(args: argparse.Namespace) -> None:
    """Write an editable copy of built-in theme NAME to PATH (a .yaml file or a folder)."""
    from generator.themes.theme import copy_theme

    written = copy_theme(args.name, args.path, overwrite=args.force)
    echo(f"wrote {written}; use it with `theme: {written.name}` in a deck beside it")


THEMES = Command("themes", themes_command.__doc__, run=themes_command)

COPY = Command("copy", copy_command.__doc__, declare=declare_copy_options, run=copy_command,
               epilog="""\
Example:
  deck theme copy classic slides_src/faculty.yaml
  then set `theme: faculty.yaml` in a deck next to it""")

THEME = Command("theme", "Work with theme files.", commands=[COPY])


def register(group: Command) -> None:
    """Add the theme commands to the ``deck`` group."""
    group.add(THEMES)
    group.add(THEME)
