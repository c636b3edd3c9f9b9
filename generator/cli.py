"""The ``deck`` command line: parses arguments, calls one library function, prints, exits."""

from __future__ import annotations

import argparse
import gc
import json
import logging
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator

from generator import __version__
from generator.commands.arguments import Command, Parser, choice, choices_metavar, int_range, parse
from generator.commands.loop import (
    build_options,
    declare_deck_options,
    print_error,
    report_details,
    report_result,
    result_line,
)
from generator.commands.terminal import echo, style
from generator.errors import DeckError

if TYPE_CHECKING:
    from generator.build import BuildOptions, BuildResult
    from generator.source.course import Course

log = logging.getLogger("generator")

EPILOG_BUILD = """\
Exit code: 0 all decks built (or unchanged), 1 a deck failed (the others are still built,
and a failed deck's previous outputs are left as they were), 2 usage error.

Examples:
  deck build                        build every deck in slides_src/ into output/
  deck build slides_src/lecture.yaml -o out/
  deck build --format pptx,html,pdf --theme dark --force
  deck build --theme my_theme.yaml --strict
  deck build hist201/ --edition student   a course's lectures and index page, for students
"""
HANDOUT_LAYOUTS = ("1", "2", "3", "4", "6", "notes")


class _Handler(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        colour = {"WARNING": "yellow", "ERROR": "red"}.get(record.levelname)
        prefix = f"{record.levelname.lower()}: " if record.levelno >= logging.WARNING else ""
        echo(style(prefix, fg=colour, bold=True) + record.getMessage(), err=True)


def _setup_logging(verbose: int, quiet: bool) -> None:
    from generator.build import VERBOSE  # -v: also what a build did unasked (a template repaired)

    level = logging.WARNING if quiet else (logging.DEBUG if verbose > 1 else
                                           VERBOSE if verbose else logging.INFO)
    handler = _Handler()
    if level > VERBOSE:  # a notice (what was done unasked) is for -v, also outside a build
        handler.addFilter(lambda record: record.name != "generator.notice")
    log.handlers[:] = [handler]
    log.setLevel(level)
    log.propagate = False


def declare_global_options(parser: Parser) -> None:
    """--version, -v, -q and --debug, given before the command."""
    parser.add_argument("--version", action="version", version=f"deck, version {__version__}",
                        help="Show the version and exit.")
    parser.add_argument("-v", "--verbose", action="count", default=0,
                        help="Say more (repeat for debug output).")
    parser.add_argument("-q", "--quiet", action="store_true",
                        help="Only print warnings and errors.")
    parser.add_argument("--debug", action="store_true", help="Show a traceback for every error.")


def declare_build_options(parser: Parser) -> None:
    """The deck options, -j and --handout-layout of ``deck build``."""
    declare_deck_options(parser)
    parser.add_argument("-j", "--jobs", type=int_range(1), metavar="INTEGER",
                        help="Decks built at once (default: one per core).")
    parser.add_argument("--handout-layout", type=choice(*HANDOUT_LAYOUTS), default="notes",
                        metavar=choices_metavar(HANDOUT_LAYOUTS),
                        help="--format handout: slides per A4 page (3: beside lines for notes), "
                        "or notes (each slide with its speaker notes).  [default: notes]")


def build(args: argparse.Namespace) -> None:
    """Build decks (files or folders; default: slides_src/) into OUTPUT."""
    from dataclasses import replace

    from generator.build import build_decks, find_decks

    options = replace(build_options(args), handout_layout=args.handout_layout)
    decks = find_decks(args.paths)
    courses = _courses(args.paths)
    progress = _Progress(decks, args.debug)
    with _cycle_collection_paused():
        results = build_decks(decks, options, progress.done, args.jobs)
    progress.finish()
    for course in courses:
        _write_index(course, results, options)
    failed = sum(1 for r in results if not r.ok)
    if failed:
        log.error("%d of %d decks failed", failed, len(results))
        sys.exit(1)


def _courses(paths: list[Path]) -> list[Course]:
    """The course the build's paths name (slides_src/ when none), announced in one line."""
    from generator.build import DEFAULT_SOURCE_DIR
    from generator.course import courses_named

    courses = courses_named(paths or [DEFAULT_SOURCE_DIR])
    for course in courses:
        if log.isEnabledFor(logging.INFO):
            name = " · ".join(filter(None, (course.code, course.title)))
            echo(f"{style('course   ', bold=True)} {name}: {len(course.lectures)} lectures")
    return courses


def _write_index(course: Course, results: list[BuildResult], options: BuildOptions) -> None:
    """Write the course's index page (HTML and Markdown) and say where."""
    from generator.course.index import write_index

    paths = write_index(course, results, options)
    if log.isEnabledFor(logging.INFO):
        echo(f"{style('index    ', fg='green', bold=True)} {options.edition} edition  → "
             + ", ".join(str(p) for p in paths))


@contextmanager
def _cycle_collection_paused() -> Iterator[None]:
    """Python's cycle collector paused while ``deck build`` builds (the command only).

    A build makes millions of objects that live until it ends, and almost no cycles (a few
    hundred objects for 5,000 slides): each full collection walks every one of them again, a
    tenth of the time of a 5,000-slide build, and a share that grows with the deck. Reference
    counting still frees everything else at once; the cycles wait for the collection after.
    The library never does this: a program that builds decks decides for its own process.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _Progress:
    """One line per deck with its time: redrawn in place on a terminal, appended when piped."""

    def __init__(self, decks: list[Path], debug: bool) -> None:
        self.decks = decks
        self.debug = debug
        self.live = (len(decks) > 1 and sys.stdout.isatty() and log.isEnabledFor(logging.INFO))
        self.finished: list = []
        if self.live:
            for deck in decks:
                echo(f"{style('building ', fg='blue')} {deck}  …")

    def done(self, result) -> None:
        if not self.live:
            report_result(result, self.debug)
            return
        up = len(self.decks) - self.decks.index(result.source)
        echo(f"\x1b[{up}A\r\x1b[2K{result_line(result)}\x1b[{up}B\r", nl=False)
        self.finished.append(result)

    def finish(self) -> None:
        for result in self.finished:
            report_details(result, self.debug)


def schema(args: argparse.Namespace) -> None:
    """Print the deck format as JSON Schema (for editor validation and completion)."""
    from generator.source.schema import course_schema, deck_schema

    echo(json.dumps(course_schema() if args.course else deck_schema(), indent=2,
                    ensure_ascii=False))


def declare_schema_options(parser: Parser) -> None:
    """--course of ``deck schema``."""
    parser.add_argument("--course", action="store_true",
                        help="The course file's format (course.yaml) instead of a deck's.")


DECK = Command(
    "deck", "Turn lecture decks written in YAML into editable PowerPoint and single-file HTML.",
    declare=declare_global_options, commands=[
        Command("build", build.__doc__, declare=declare_build_options, run=build,
                epilog=EPILOG_BUILD),
        Command("schema", schema.__doc__, declare=declare_schema_options, run=schema),
    ])

# Sub-command modules: each defines its commands and a ``register(group)`` function.
COMMAND_MODULES: tuple[str, ...] = ("loop", "themes", "importing", "template")


def _register_commands() -> None:
    import importlib

    for name in COMMAND_MODULES:
        importlib.import_module(f"generator.commands.{name}").register(DECK)


_register_commands()


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``deck`` console script: parse ``argv``, run the command, exit."""
    command, args = parse(DECK, sys.argv[1:] if argv is None else argv)
    _setup_logging(args.verbose, args.quiet)
    try:
        returned = command.run(args)
    except (KeyboardInterrupt, EOFError):
        echo(err=True)
        echo("aborted", err=True)
        sys.exit(130)
    except DeckError as err:
        if args.debug:
            raise
        print_error(err)
        sys.exit(err.exit_code)
    sys.exit(returned if isinstance(returned, int) and not isinstance(returned, bool) else 0)


def run() -> None:
    """The ``deck`` console script and ``python -m generator``: :func:`main`, then a quick exit.

    A normal exit takes the interpreter apart object by object, module by module: about 20 ms
    after a build, a tenth of a cold ``deck build``. What an exit must do still happens (the
    ``atexit`` handlers, such as logging's flush, and flushing the output); only that teardown is
    skipped, and only while no other thread runs and no profiler or tracer (``python -m
    cProfile``, coverage, a debugger) waits to report. Tests call :func:`main`, which exits
    normally.
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

    if threading.active_count() > 1 or _observed():
        return
    atexit._run_exitfuncs()  # runs each handler once and forgets it, as the normal exit would
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe (deck schema | head): the normal exit reports it
        return
    os._exit(code)


def _observed() -> bool:
    """Whether a profiler or tracer watches this process (it reports at the normal exit)."""
    if sys.getprofile() is not None or sys.gettrace() is not None:
        return True
    monitoring = getattr(sys, "monitoring", None)  # Python 3.12+: cProfile and coverage use it
    return monitoring is not None and any(
        monitoring.get_tool(tool) is not None for tool in range(6))
