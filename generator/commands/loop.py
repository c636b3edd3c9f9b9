"""The editing-loop commands ``watch``, ``serve``, ``check`` and ``new``, with shared printing."""

from __future__ import annotations

import json
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any, Callable

import click

from generator.build import (
    DEFAULT_FORMATS,
    DEFAULT_OUTPUT_DIR,
    VERBOSE,
    BuildOptions,
    BuildResult,
    parse_formats,
)
from generator.errors import DeckError, SourceError, UsageError

log = logging.getLogger("generator")
FuncT = Callable[..., Any]


# -- shared by build and watch ------------------------------------------------------------------

def deck_options(func: FuncT) -> FuncT:
    """PATHS, -o, --format, --theme, --strict and --force, as ``deck build`` takes them."""
    options = [
        click.argument("paths", nargs=-1, type=click.Path(path_type=Path)),
        click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path),
                     default=DEFAULT_OUTPUT_DIR, show_default=True,
                     help="Folder for the built files."),
        click.option("-f", "--format", "formats", default=",".join(DEFAULT_FORMATS),
                     show_default=True,
                     help="Comma-separated output formats: pptx, html, pdf (the PPTX through "
                     "LibreOffice), handout (the HTML with notes, through Chromium), steps "
                     "(a page per click of revealed slides, through Chromium)."),
        click.option("--theme", help="Theme name or theme file, replacing each deck's own."),
        click.option("--strict", is_flag=True, help="Treat warnings as errors."),
        click.option("--force", is_flag=True, help="Rebuild even when nothing changed."),
    ]
    for option in reversed(options):
        func = option(func)
    return func


def build_options(out_dir: Path, formats: str, theme: str | None, strict: bool,
                  force: bool) -> BuildOptions:
    """The ``BuildOptions`` of the parsed ``deck_options`` (a ``--theme`` file made absolute)."""
    from generator.themes.theme import theme_option

    return BuildOptions(out_dir, parse_formats(formats), theme_option(theme), force, strict)


def print_error(err: DeckError) -> None:
    """Print every problem of ``err`` on stderr, one ``error:`` line each."""
    problems = err.problems if isinstance(err, SourceError) else (err,)
    for problem in problems:
        click.echo(click.style("error: ", fg="red", bold=True) + str(problem), err=True)


def result_line(result: BuildResult) -> str:
    """One line saying what happened to a deck, with its time."""
    name = str(result.source)
    if result.error is not None:
        return f"{click.style('failed   ', fg='red', bold=True)} {name}  ({result.seconds:.2f} s)"
    if result.skipped:
        return f"{click.style('unchanged', fg='cyan')} {name}  (use --force to rebuild)"
    outs = ", ".join(str(p) for p in result.outputs)
    return (f"{click.style('built    ', fg='green', bold=True)} {name}  {result.slides} slides"
            f"  {result.seconds:.2f} s  → {outs}")


def report_details(result: BuildResult, debug: bool = False) -> None:
    """The warnings and errors of one result (after its line)."""
    for notice in result.notices:
        log.log(VERBOSE, "%s: %s", result.source, notice)
    for warning in result.warnings:
        log.warning("%s: %s", result.source, warning)
    if result.error is not None:
        print_error(result.error)
        if debug and result.trace:
            click.echo(result.trace, err=True, nl=False)


def report_result(result: BuildResult, debug: bool = False, stamp: bool = False) -> None:
    """Print one result: its line (unless quiet and all went well), then its details."""
    line = result_line(result)
    if stamp:
        line = click.style(time.strftime("%H:%M:%S"), dim=True) + " " + line
    if result.error is not None or log.isEnabledFor(logging.INFO):
        click.echo(line, err=result.error is not None)
    report_details(result, debug)


def _stop_on_sigterm() -> None:
    """Let ``kill`` end ``watch``/``serve`` like Ctrl-C does, so their clean-up runs."""
    import signal

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


def _debug() -> bool:
    ctx = click.get_current_context(silent=True)
    return bool(ctx and ctx.find_root().obj and ctx.find_root().obj.get("debug"))


# -- watch --------------------------------------------------------------------------------------

@click.command(epilog="""\b
Examples:
  deck watch                          rebuild decks in slides_src/ whenever they change
  deck watch slides_src/lecture.yaml -f html -o out/
""")
@deck_options
def watch(paths: tuple[Path, ...], out_dir: Path, formats: str, theme: str | None,
          strict: bool, force: bool) -> None:
    """Build decks, then rebuild each one when its YAML, theme, images or templates change."""
    from generator.live.watch import watch_decks

    options = build_options(out_dir, formats, theme, strict, force)
    debug = _debug()
    _stop_on_sigterm()
    try:
        watch_decks(paths, options, lambda r: report_result(r, debug, stamp=True),
                    on_ready=lambda: log.info("watching for changes (Ctrl-C to stop)"))
    except KeyboardInterrupt:
        log.info("stopped watching")


# -- serve --------------------------------------------------------------------------------------

@click.command(epilog="""\b
Examples:
  deck serve                          serve slides_src/'s decks on http://127.0.0.1:8000/
  deck serve slides_src/lecture.yaml --port 9000
""")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("-p", "--port", type=click.IntRange(0, 65535), default=8000, show_default=True,
              help="Port on 127.0.0.1 (0: any free port).")
@click.option("-o", "--output", "out_dir", type=click.Path(path_type=Path), default=None,
              help="Keep the built HTML in this folder (default: a temporary folder).")
@click.option("--theme", help="Theme name or theme file, replacing each deck's own.")
def serve(paths: tuple[Path, ...], port: int, out_dir: Path | None, theme: str | None) -> None:
    """Serve the HTML deck on 127.0.0.1, rebuild on change and reload open pages."""
    from generator.live.serve import DeckServer, LiveDecks
    from generator.live.watch import watch_decks
    from generator.themes.theme import theme_option

    theme = theme_option(theme)

    temporary = out_dir is None
    out = Path(tempfile.mkdtemp(prefix="deck-serve-")) if out_dir is None else out_dir
    decks = LiveDecks(out)
    server = DeckServer(decks, port)
    server.start()
    debug = _debug()

    def on_result(result: BuildResult) -> None:
        decks.publish(result)
        report_result(result, debug, stamp=True)

    def on_ready() -> None:
        click.echo(f"serving on {server.url} (Ctrl-C to stop)")

    _stop_on_sigterm()
    try:
        watch_decks(paths, BuildOptions(out, ("html",), theme), on_result, on_ready=on_ready)
    except KeyboardInterrupt:
        log.info("stopped serving")
    finally:
        server.stop()
        if temporary:
            shutil.rmtree(out, ignore_errors=True)


# -- check --------------------------------------------------------------------------------------

@click.command(epilog="""\b
Findings are printed as file:line:col: severity: message [rule]. Exit code: 0 when no
finding is an error (warnings are printed but pass), 1 when one is (with --strict: when
there is any finding), 2 for a usage error.
\b
Rules: error: source, spelling, alt-text; warning: spelling-skipped (no dictionary
for the deck's language), shrunk, split, bullets, words, steps, duplicate-title, notes
(with --require-notes); ooxml (error): a .pptx file given as a PATH, or each deck's built
PPTX with --compat, breaks the Office Open XML rules (needs openxml-audit). With --a11y
(errors): a11y-title, a11y-link, a11y-language, a11y-contrast, a11y-dim, a11y-size
(docs/accessibility.md).
\b
Examples:
  deck check                          lint every deck in slides_src/
  deck check output/lecture.pptx      validate any PowerPoint file, whoever made it
  deck check --compat                 also validate the PPTX each deck would build
  deck check --a11y                   also check accessibility (titles, links, contrast, …)
  deck check slides_src/lecture.yaml --max-bullets 5 --require-notes
  deck check --format json > findings.json
""")
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--format", "output_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the findings.")
@click.option("--max-bullets", type=click.IntRange(1), default=6, show_default=True,
              help="Most bullets (all levels) on one slide.")
@click.option("--max-words", type=click.IntRange(1), default=75, show_default=True,
              help="Most words of body text on one slide.")
@click.option("--max-steps", type=click.IntRange(1), default=8, show_default=True,
              help="Most click steps on one revealed slide ('reveal:').")
@click.option("--require-notes", is_flag=True, help="Report slides without speaker notes.")
@click.option("--no-spelling", is_flag=True, help="Skip the spell check.")
@click.option("--theme", help="Check with this theme instead of each deck's own.")
@click.option("--strict", is_flag=True, help="Fail (exit 1) on warnings too.")
@click.option("--compat", is_flag=True, help="Also build each deck's PPTX in memory and "
              "validate it against the Office Open XML rules.")
@click.option("--a11y", is_flag=True, help="Also check accessibility: unique titles, link "
              "texts, the deck's language, colour contrast, dimmed steps.")
def check(paths: tuple[Path, ...], output_format: str, max_bullets: int, max_words: int,
          max_steps: int, require_notes: bool, no_spelling: bool, theme: str | None,
          strict: bool, compat: bool, a11y: bool) -> None:
    """Lint decks without writing outputs (spelling, crowded or shrunk slides, alt text, …)."""
    from generator.build import find_decks
    from generator.check.deck import PPTX_SUFFIXES, CheckOptions, check_deck, summary
    from generator.themes.theme import theme_option

    options = CheckOptions(max_bullets, max_words, require_notes, not no_spelling,
                           theme_option(theme), _debug(), compat, max_steps, a11y)
    files = [p for p in paths if p.suffix.lower() in PPTX_SUFFIXES]  # checked as PowerPoint
    missing = [p for p in files if not p.is_file()]
    if missing:
        raise UsageError(f"no such PowerPoint file: {missing[0]}")
    others = [p for p in paths if p not in files]
    decks = (find_decks(others) if others or not files else []) + files
    findings = [f for deck in decks for f in check_deck(deck, options)]
    if output_format == "json":
        errors = sum(1 for f in findings if f.severity == "error")
        click.echo(json.dumps({"decks": [str(d) for d in decks],
                               "errors": errors, "warnings": len(findings) - errors,
                               "findings": [f.as_dict() for f in findings]},
                              indent=2, ensure_ascii=False))
    else:
        colours = {"error": "red", "warning": "yellow"}
        for finding in findings:
            text = str(finding)
            label = f": {finding.severity}:"
            styled = click.style(label, fg=colours[finding.severity], bold=True)
            click.echo(text.replace(label, styled, 1))
        log.info("%s", summary(findings, len(decks)))
    failing = [f for f in findings if strict or f.severity == "error"]
    if failing:
        sys.exit(1)


# -- new ----------------------------------------------------------------------------------------

@click.command(epilog="""\b
Examples:
  deck new week-1                     create week-1/week-1.yaml and week-1/images/
  deck new week-1 && deck build week-1
""")
@click.argument("name")
@click.option("--in", "parent", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="Folder to create the deck folder in.")
def new(name: str, parent: Path) -> None:
    """Create a starter deck NAME/NAME.yaml that shows every feature once and builds as is."""
    from generator.scaffold import new_deck

    path = new_deck(name, parent)
    click.echo(f"created {path} (and {path.parent / 'images'})")
    click.echo(f"next: deck build {path.parent}   or   deck serve {path}")


def register(group: click.Group) -> None:
    """Add ``watch``, ``serve``, ``check`` and ``new`` to the ``deck`` command group."""
    for command in (watch, serve, check, new):
        group.add_command(command)
