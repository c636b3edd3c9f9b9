"""The ``deck import`` command: turn an existing PPTX, text outline or Markdown deck into YAML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from generator.commands.arguments import Command, Parser
from generator.commands.terminal import echo, style
from generator.errors import DeckError, SourceError

EPILOG = """\
Examples:
  deck import old_lecture.pptx                 writes slides_src/old_lecture.yaml
  deck import notes.md -o slides_src/week1.yaml
  deck import lecture3.qmd                     Quarto, R Markdown, Marp, Slidev, reveal.js …
  deck import lecture.txt --force              replaces an earlier import
"""


def declare_import_options(parser: Parser) -> None:
    """SOURCE, -o and --force of ``deck import``."""
    parser.add_argument("source", type=Path, metavar="SOURCE",
                        help="The file to import: .pptx (.potx, .ppsx, .pptm), .txt, or Markdown "
                        "(.md, .markdown, .qmd, .Rmd) in any slide dialect.")
    parser.add_argument("-o", "--output", type=Path, metavar="PATH",
                        help="The deck YAML to write.  [default: slides_src/NAME.yaml]")
    parser.add_argument("--force", action="store_true",
                        help="Overwrite the output (and its pictures) if present.")


def import_command(args: argparse.Namespace) -> None:
    """Import SOURCE (.pptx, .txt, .md, .qmd, .Rmd) as a deck YAML file, pictures beside it."""
    from generator.importer import import_file

    try:
        result = import_file(args.source, args.output, force=args.force)
    except DeckError as err:
        problems = err.problems if isinstance(err, SourceError) else (err,)
        for problem in problems:
            echo(style("error: ", fg="red", bold=True) + str(problem), err=True)
        sys.exit(err.exit_code)
    pictures = f", {len(result.media)} pictures" if result.media else ""
    echo(f"{result.source} → {result.output}: {result.slides} slides, title slide "
         f"included{pictures}")
    summary = result.summary
    as_text = f" ({summary.formulas_as_text} kept as text)" if summary.formulas_as_text else ""
    echo(f"  {summary.tables} tables, {summary.code} code blocks, {summary.formulas} formulas"
         f"{as_text}, {summary.notes_words} words of speaker notes"
         + (f"; read as {result.dialect}" if result.dialect else ""))
    for line in summary.markup:
        echo(f"  dropped markup: {line}")
    if result.skipped:
        items = "1 item" if len(result.skipped) == 1 else f"{len(result.skipped)} items"
        echo(f"not imported: {items}, listed at the top of {result.output}")
    if result.guesses:
        echo(f"check the {result.guesses} guesses marked in comments, then: "
             f"deck build {result.output}")
    else:
        echo(f"next: deck build {result.output}")


IMPORT = Command("import", import_command.__doc__, declare=declare_import_options,
                 run=import_command, epilog=EPILOG)


def register(group: Command) -> None:
    """Add ``import`` to the ``deck`` command group."""
    group.add(IMPORT)
