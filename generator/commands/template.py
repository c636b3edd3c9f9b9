"""``deck template inspect``: what a PowerPoint template offers and which slide kinds it serves."""

from __future__ import annotations

import argparse

from generator.commands.arguments import Command, Parser, existing_file
from generator.commands.terminal import echo


def declare_inspect_options(parser: Parser) -> None:
    """PATH of ``deck template inspect``."""
    parser.add_argument("path", type=existing_file, metavar="PATH",
                        help="The template: a .pptx or .potx file.")


def inspect_command(args: argparse.Namespace) -> None:
    """List the layouts and placeholders of template PATH, the layout each slide kind uses, and
    the template's Office Open XML findings with what the build repairs."""
    from generator.pptx.template import inspect_template
    from generator.pptx.validate import template_report

    echo(inspect_template(args.path))
    echo("\n".join(template_report(args.path)))


INSPECT = Command(
    "inspect", "List a template's layouts and placeholders and the layout each slide kind uses.",
    description=inspect_command.__doc__.replace("\n    ", "\n"), declare=declare_inspect_options,
    run=inspect_command, epilog="""\
Example:
  deck template inspect slides_src/corporate.pptx""")

TEMPLATE = Command("template",
                   "Work with your own PowerPoint templates (the deck's `template:` key).",
                   commands=[INSPECT])


def register(group: Command) -> None:
    """Add ``deck template`` to the ``deck`` group."""
    group.add(TEMPLATE)
