"""``deck template inspect``: what a PowerPoint template offers and which slide kinds it serves."""

from __future__ import annotations

from pathlib import Path

import click


@click.group("template")
def template_group() -> None:
    """Work with your own PowerPoint templates (the deck's `template:` key)."""


@template_group.command("inspect", epilog="""\b
Example:
  deck template inspect slides_src/corporate.pptx""")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
def inspect_command(path: Path) -> None:
    """List the layouts and placeholders of template PATH, the layout each slide kind uses, and
    the template's Office Open XML findings with what the build repairs."""
    from generator.pptx.template import inspect_template
    from generator.pptx.validate import template_report

    click.echo(inspect_template(path))
    click.echo("\n".join(template_report(path)))


def register(group: click.Group) -> None:
    """Add ``deck template`` to the ``deck`` group."""
    group.add_command(template_group)
