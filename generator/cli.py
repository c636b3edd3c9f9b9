"""The ``deck`` command line: parses arguments, calls one library function, prints, exits."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from . import __version__
from .errors import DeckError, SourceError

log = logging.getLogger("generator")

EPILOG_BUILD = """\b
Examples:
  deck build                        build every deck in slides_src/ into output/
  deck build slides_src/lecture.yaml -o out/
  deck build --format pptx --theme dark --force
"""


class _Handler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        colour = {"WARNING": "yellow", "ERROR": "red"}.get(record.levelname)
        prefix = f"{record.levelname.lower()}: " if record.levelno >= logging.WARNING else ""
        click.echo(click.style(prefix, fg=colour, bold=True) + record.getMessage(), err=True)


def _setup_logging(verbose: int, quiet: bool) -> None:
    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else logging.INFO)
    log.handlers[:] = [_Handler()]
    log.setLevel(level)
    log.propagate = False


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="deck")
@click.option("-v", "--verbose", count=True, help="Say more (repeat for debug output).")
@click.option("-q", "--quiet", is_flag=True, help="Only print warnings and errors.")
@click.option("--debug", is_flag=True, help="Show a traceback for every error.")
@click.pass_context
def cli(ctx: click.Context, verbose: int, quiet: bool, debug: bool) -> None:
    """Turn lecture decks written in YAML into editable PowerPoint and single-file HTML."""
    _setup_logging(verbose, quiet)
    ctx.obj = {"debug": debug}


@cli.command(epilog=EPILOG_BUILD)
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
              default=Path("output"), show_default=True, help="Folder for the built files.")
@click.option("-f", "--format", "formats", default="pptx,html", show_default=True,
              help="Comma-separated output formats.")
@click.option("--theme", help="Theme name or theme file, replacing each deck's own.")
@click.option("--force", is_flag=True, help="Rebuild even when nothing changed.")
def build(paths: tuple[Path, ...], out_dir: Path, formats: str, theme: str | None,
          force: bool) -> None:
    """Build decks (files or folders; default: slides_src/) into OUTPUT."""
    from .build import build_all, parse_formats

    chosen = parse_formats(formats)
    failed = 0

    def report(result) -> None:
        nonlocal failed
        name = str(result.source)
        if result.error is not None:
            failed += 1
            click.echo(click.style("failed ", fg="red", bold=True) + name, err=True)
            _print_error(result.error)
        elif result.skipped:
            log.info("%s  unchanged, skipped (use --force to rebuild)", name)
        else:
            outs = ", ".join(str(p) for p in result.outputs)
            log.info("%s  %d slides → %s  (%.2f s)", name, result.slides, outs, result.seconds)

    results = build_all(paths, out_dir, chosen, theme, force, on_result=report)
    if failed:
        log.error("%d of %d decks failed", failed, len(results))
        sys.exit(1)


@cli.command()
def schema() -> None:
    """Print the deck format as JSON Schema (for editor validation and completion)."""
    from .schema import deck_schema

    click.echo(json.dumps(deck_schema(), indent=2, ensure_ascii=False))


def _print_error(err: DeckError) -> None:
    if isinstance(err, SourceError):
        for problem in err.problems:
            click.echo(click.style("error: ", fg="red", bold=True) + str(problem), err=True)
    else:
        click.echo(click.style("error: ", fg="red", bold=True) + str(err), err=True)


# Sub-command modules: each defines click commands and a ``register(group)`` function.
COMMAND_MODULES: tuple[str, ...] = ()


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"generator.commands.{name}").register(cli)


_register_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``deck`` console script."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="deck", standalone_mode=False)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        click.echo("aborted", err=True)
        sys.exit(130)
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except DeckError as err:
        if debug:
            raise
        _print_error(err)
        sys.exit(err.exit_code)
    sys.exit(0)
