"""``deck themes`` and ``deck theme copy``: list the built-in themes, start a custom one."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("themes")
def themes_command() -> None:
    """List the built-in themes with a one-line description."""
    from generator.themes.theme import list_themes

    rows = list_themes()
    width = max(len(name) for name, _ in rows)
    for name, description in rows:
        click.echo(f"{name:<{width}}  {description}")


@click.group("theme")
def theme_group() -> None:
    """Work with theme files."""


@theme_group.command("copy", epilog="""\b
Example:
  deck theme copy classic slides_src/faculty.yaml
  then set `theme: faculty.yaml` in a deck next to it""")
@click.argument("name")
@click.argument("path", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
def copy_command(name: str, path: Path, force: bool) -> None:
    """Write an editable copy of built-in theme NAME to PATH (a .yaml file or a folder)."""
    from generator.themes.theme import copy_theme

    written = copy_theme(name, path, overwrite=force)
    click.echo(f"wrote {written}; use it with `theme: {written.name}` in a deck beside it")


def register(group: click.Group) -> None:
    """Add the theme commands to the ``deck`` group."""
    group.add_command(themes_command)
    group.add_command(theme_group)
