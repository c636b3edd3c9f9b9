"""The ``deck`` command line: parses arguments, calls one library function, prints, exits."""

from __future__ import annotations

import json
import logging
import sys
from pathlib import Path

import click

from generator import __version__
from generator.commands.loop import (
    build_options,
    deck_options,
    print_error,
    report_details,
    report_result,
    result_line,
)
from generator.errors import DeckError

log = logging.getLogger("generator")

EPILOG_BUILD = """\b
Exit code: 0 all decks built (or unchanged), 1 a deck failed (the others are still built,
and a failed deck's previous outputs are left as they were), 2 usage error.
\b
Examples:
  deck build                        build every deck in slides_src/ into output/
  deck build slides_src/lecture.yaml -o out/
  deck build --format pptx,html,pdf --theme dark --force
  deck build --theme my_theme.yaml --strict
"""


class _Handler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        colour = {"WARNING": "yellow", "ERROR": "red"}.get(record.levelname)
        prefix = f"{record.levelname.lower()}: " if record.levelno >= logging.WARNING else ""
        click.echo(click.style(prefix, fg=colour, bold=True) + record.getMessage(), err=True)


def _setup_logging(verbose: int, quiet: bool) -> None:
    from generator.build import VERBOSE  # -v: also what a build did unasked (a template repaired)

    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else
                                           VERBOSE if verbose else logging.INFO)
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
@deck_options
@click.option("-j", "--jobs", type=click.IntRange(1), default=None,
              help="Decks built at once (default: one per core).")
@click.option("--handout-layout", type=click.Choice(["1", "2", "3", "4", "6", "notes"]),
              default="notes", show_default=True,
              help="--format handout: slides per A4 page (3: beside lines for notes), or notes "
              "(each slide with its speaker notes).")
@click.pass_context
def build(ctx: click.Context, paths: tuple[Path, ...], out_dir: Path, formats: str,
          theme: str | None, strict: bool, force: bool, jobs: int | None,
          handout_layout: str) -> None:
    """Build decks (files or folders; default: slides_src/) into OUTPUT."""
    from dataclasses import replace

    from generator.build import build_decks, find_decks

    options = replace(build_options(out_dir, formats, theme, strict, force),
                      handout_layout=handout_layout)
    decks = find_decks(paths)
    progress = _Progress(decks, ctx.obj["debug"])
    results = build_decks(decks, options, progress.done, jobs)
    progress.finish()
    failed = sum(1 for r in results if not r.ok)
    if failed:
        log.error("%d of %d decks failed", failed, len(results))
        sys.exit(1)


class _Progress:
    """One line per deck with its time: redrawn in place on a terminal, appended when piped."""

    def __init__(self, decks: list[Path], debug: bool) -> None:
        self.decks = decks
        self.debug = debug
        self.live = (len(decks) > 1 and sys.stdout.isatty() and log.isEnabledFor(logging.INFO))
        self.finished: list = []
        if self.live:
            for deck in decks:
                click.echo(f"{click.style('building ', fg='blue')} {deck}  …")

    def done(self, result) -> None:
        if not self.live:
            report_result(result, self.debug)
            return
        up = len(self.decks) - self.decks.index(result.source)
        click.echo(f"\x1b[{up}A\r\x1b[2K{result_line(result)}\x1b[{up}B\r", nl=False)
        self.finished.append(result)

    def finish(self) -> None:
        for result in self.finished:
            report_details(result, self.debug)


@cli.command()
def schema() -> None:
    """Print the deck format as JSON Schema (for editor validation and completion)."""
    from generator.source.schema import deck_schema

    click.echo(json.dumps(deck_schema(), indent=2, ensure_ascii=False))


# Sub-command modules: each defines click commands and a ``register(group)`` function.
COMMAND_MODULES: tuple[str, ...] = ("loop", "themes", "importing", "template")


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"generator.commands.{name}").register(cli)


_register_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``deck`` console script."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        returned = cli.main(args=argv, prog_name="deck", standalone_mode=False)
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
        print_error(err)
        sys.exit(err.exit_code)
    # Without standalone mode, click returns a command's ``Exit(code)`` (and its return value).
    sys.exit(returned if isinstance(returned, int) and not isinstance(returned, bool) else 0)


def run() -> None:
    """The ``deck`` console script and ``python -m generator``: :func:`main`, then a quick exit.

    A normal exit takes the interpreter apart object by object, module by module: about 20 ms
    after a build, a tenth of a cold ``deck build``. What an exit must do still happens (the
    ``atexit`` handlers, such as logging's flush, and flushing the output); only that teardown is
    skipped, and only while no other thread runs. Tests call :func:`main`, which exits normally.
    """
    try:
        main()
    except SystemExit as exit:
        code = 0 if exit.code is None else exit.code
        if isinstance(code, int) and not isinstance(code, bool):
            _exit_now(code)
        raise


def _exit_now(code: int) -> None:
    import atexit
    import os
    import threading

    if threading.active_count() > 1:
        return
    atexit._run_exitfuncs()  # runs each handler once and forgets it, as the normal exit would
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (deck schema | head): the normal exit reports it
        return
    os._exit(code)
