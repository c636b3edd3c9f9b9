"""The ``deck import`` command: turn an existing PPTX, text outline or Markdown file into YAML."""

from __future__ import annotations

from pathlib import Path

import click

from generator.errors import DeckError, SourceError

EPILOG = """\b
Examples:
  deck import old_lecture.pptx                 writes slides_src/old_lecture.yaml
  deck import notes.md -o slides_src/week1.yaml
  deck import lecture.txt --force              replaces an earlier import
"""


@click.command("import", epilog=EPILOG)
@click.argument("source", type=click.Path(path_type=Path))
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="The deck YAML to write.  [default: slides_src/NAME.yaml]")
@click.option("--force", is_flag=True, help="Overwrite the output (and its pictures) if present.")
def import_command(source: Path, output: Path | None, force: bool) -> None:
    """Import SOURCE (.pptx, .txt or .md) as a deck YAML file, pictures beside it."""
    from generator.importer import import_file

    try:
        result = import_file(source, output, force=force)
    except DeckError as err:
        problems = err.problems if isinstance(err, SourceError) else (err,)
        for problem in problems:
            click.echo(click.style("error: ", fg="red", bold=True) + str(problem), err=True)
        raise click.exceptions.Exit(err.exit_code) from err
    pictures = f", {len(result.media)} pictures" if result.media else ""
    click.echo(f"{result.source} → {result.output}: {result.slides} slides, title slide "
               f"included{pictures}")
    if result.skipped:
        items = "1 item" if len(result.skipped) == 1 else f"{len(result.skipped)} items"
        click.echo(f"not imported: {items}, listed at the top of {result.output}")
    if result.guesses:
        click.echo(f"check the {result.guesses} guesses marked in comments, then: "
                   f"deck build {result.output}")
    else:
        click.echo(f"next: deck build {result.output}")


def register(group: click.Group) -> None:
    """Add ``import`` to the ``deck`` command group."""
    group.add_command(import_command)
