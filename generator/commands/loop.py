"""The editing-loop commands ``watch``, ``serve``, ``check`` and ``new``, with shared printing."""

from __future__ import annotations

import argparse
import json
import logging
import shutil
import sys
import tempfile
import time
from pathlib import Path

from generator.build import (
    DEFAULT_FORMATS,
    DEFAULT_OUTPUT_DIR,
    VERBOSE,
    BuildOptions,
    BuildResult,
    parse_formats,
)
from generator.commands.arguments import (
    Command,
    Parser,
    choice,
    choices_metavar,
    day,
    folder,
    int_range,
)
from generator.commands.terminal import echo, style
from generator.errors import DeckError, SourceError, UsageError
from generator.source.model import EDITIONS

log = logging.getLogger("generator")


# -- shared by build and watch ------------------------------------------------------------------

PATHS_HELP = "Deck files, or folders of them.  [default: slides_src/]"


def declare_deck_options(parser: Parser) -> None:
    """PATHS, -o, --format, --theme, --strict and --force, as ``deck build`` takes them."""
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATHS", help=PATHS_HELP)
    parser.add_argument("-o", "--output", dest="out_dir", type=Path, metavar="PATH",
                        default=DEFAULT_OUTPUT_DIR,
                        help=f"Folder for the built files.  [default: {DEFAULT_OUTPUT_DIR}]")
    parser.add_argument("-f", "--format", dest="formats", metavar="FORMATS",
                        default=",".join(DEFAULT_FORMATS),
                        help="Comma-separated output formats: pptx, html, pdf (the PPTX through "
                        "LibreOffice), handout (the HTML with notes, through Chromium), steps "
                        "(a page per click of revealed slides, through Chromium).  "
                        f"[default: {','.join(DEFAULT_FORMATS)}]")
    parser.add_argument("--theme", metavar="THEME",
                        help="Theme name or theme file, replacing each deck's own.")
    parser.add_argument("--strict", action="store_true", help="Treat warnings as errors.")
    parser.add_argument("--force", action="store_true",
                        help="Rebuild even when nothing changed.")
    declare_edition_options(parser)
    declare_allow_outside(parser)


def declare_edition_options(parser: Parser) -> None:
    """--edition and --as-of (docs/course.md)."""
    parser.add_argument("--edition", type=choice(*EDITIONS), default=EDITIONS[0],
                        metavar=choices_metavar(EDITIONS),
                        help="instructor: everything; student: without speaker notes, "
                        "instructor-only and hidden slides, and answers before their release "
                        "(into OUTPUT/student/).  [default: instructor]")
    parser.add_argument("--as-of", type=day, metavar="YYYY-MM-DD",
                        help="The day the student edition judges answers' 'release' by.  "
                        "[default: today]")


def declare_allow_outside(parser: Parser) -> None:
    """--allow-outside PATH (repeatable): a folder decks may read files from beyond their own."""
    parser.add_argument("--allow-outside", dest="allow_outside", action="append", type=Path,
                        default=[], metavar="PATH",
                        help="Let decks read pictures, code, CSV, template and theme files in "
                        "this folder too (repeatable); by default a deck reads only files "
                        "inside its own folder.")


def build_options(args: argparse.Namespace) -> BuildOptions:
    """The ``BuildOptions`` of the parsed deck options (a ``--theme`` file made absolute)."""
    from generator.themes.theme import theme_option

    return BuildOptions(args.out_dir, parse_formats(args.formats), theme_option(args.theme),
                        args.force, args.strict, edition=args.edition, as_of=args.as_of,
                        allow_outside=allowed_folders(args))


def allowed_folders(args: argparse.Namespace) -> tuple[Path, ...]:
    """The ``--allow-outside`` folders, made absolute where the user typed them."""
    return tuple(path.expanduser().resolve() for path in args.allow_outside)


def print_error(err: DeckError) -> None:
    """Print every problem of ``err`` on stderr, one ``error:`` line each."""
    problems = err.problems if isinstance(err, SourceError) else (err,)
    for problem in problems:
        echo(style("error: ", fg="red", bold=True) + str(problem), err=True)


def result_line(result: BuildResult) -> str:
    """One line saying what happened to a deck, with its time."""
    name = str(result.source)
    if result.error is not None:
        return f"{style('failed   ', fg='red', bold=True)} {name}  ({result.seconds:.2f} s)"
    if result.skipped:
        return f"{style('unchanged', fg='cyan')} {name}  (use --force to rebuild)"
    outs = ", ".join(str(p) for p in result.outputs)
    return (f"{style('built    ', fg='green', bold=True)} {name}  {result.slides} slides"
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
            echo(result.trace, err=True, nl=False)


def report_result(result: BuildResult, debug: bool = False, stamp: bool = False) -> None:
    """Print one result: its line (unless quiet and all went well), then its details."""
    line = result_line(result)
    if stamp:
        line = style(time.strftime("%H:%M:%S"), dim=True) + " " + line
    if result.error is not None or log.isEnabledFor(logging.INFO):
        echo(line, err=result.error is not None)
    report_details(result, debug)


def _stop_on_sigterm() -> None:
    """Let ``kill`` end ``watch``/``serve`` like Ctrl-C does, so their clean-up runs."""
    import signal

    def stop(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, stop)


# -- watch --------------------------------------------------------------------------------------

def watch(args: argparse.Namespace) -> None:
    """Build decks, then rebuild each one when its YAML, theme, images or templates change."""
    from generator.live.watch import watch_decks

    options = build_options(args)
    _stop_on_sigterm()
    try:
        watch_decks(args.paths, options, lambda r: report_result(r, args.debug, stamp=True),
                    on_ready=lambda: log.info("watching for changes (Ctrl-C to stop)"))
    except KeyboardInterrupt:
        log.info("stopped watching")


WATCH = Command("watch", watch.__doc__, declare=declare_deck_options, run=watch, epilog="""\
Examples:
  deck watch                          rebuild decks in slides_src/ whenever they change
  deck watch slides_src/lecture.yaml -f html -o out/
""")


# -- serve --------------------------------------------------------------------------------------

def declare_serve_options(parser: Parser) -> None:
    """PATHS, --port, -o and --theme of ``deck serve``."""
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATHS", help=PATHS_HELP)
    parser.add_argument("-p", "--port", type=int_range(0, 65535), default=8000,
                        metavar="INTEGER",
                        help="Port on 127.0.0.1 (0: any free port).  [default: 8000]")
    parser.add_argument("-o", "--output", dest="out_dir", type=Path, metavar="PATH",
                        help="Keep the built HTML in this folder (default: a temporary folder).")
    parser.add_argument("--theme", metavar="THEME",
                        help="Theme name or theme file, replacing each deck's own.")
    declare_edition_options(parser)
    declare_allow_outside(parser)


def serve(args: argparse.Namespace) -> None:
    """Serve the HTML deck on 127.0.0.1, rebuild on change and reload open pages."""
    from generator.live.serve import DeckServer, LiveDecks
    from generator.live.watch import watch_decks
    from generator.themes.theme import theme_option

    theme = theme_option(args.theme)

    temporary = args.out_dir is None
    out = Path(tempfile.mkdtemp(prefix="deck-serve-")) if temporary else args.out_dir
    decks = LiveDecks(out)
    server = DeckServer(decks, args.port)
    server.start()

    def on_result(result: BuildResult) -> None:
        decks.publish(result)
        report_result(result, args.debug, stamp=True)

    def on_ready() -> None:
        echo(f"serving on {server.url} (Ctrl-C to stop)")

    _stop_on_sigterm()
    try:
        watch_decks(args.paths, BuildOptions(out, ("html",), theme, edition=args.edition,
                                             as_of=args.as_of,
                                             allow_outside=allowed_folders(args)),
                    on_result, on_ready=on_ready)
    except KeyboardInterrupt:
        log.info("stopped serving")
    finally:
        server.stop()
        if temporary:
            shutil.rmtree(out, ignore_errors=True)


SERVE = Command("serve", serve.__doc__, declare=declare_serve_options, run=serve, epilog="""\
Examples:
  deck serve                          serve slides_src/'s decks on http://127.0.0.1:8000/
  deck serve slides_src/lecture.yaml --port 9000
""")


# -- check --------------------------------------------------------------------------------------

def declare_check_options(parser: Parser) -> None:
    """PATHS and the options of ``deck check``."""
    parser.add_argument("paths", nargs="*", type=Path, metavar="PATHS",
                        help="Deck files, folders of them, or PowerPoint files.  "
                        "[default: slides_src/]")
    parser.add_argument("--format", dest="output_format", type=choice("text", "json"),
                        default="text", metavar=choices_metavar(("text", "json")),
                        help="How to print the findings.  [default: text]")
    parser.add_argument("--max-bullets", type=int_range(1), default=6, metavar="INTEGER",
                        help="Most bullets (all levels) on one slide.  [default: 6]")
    parser.add_argument("--max-words", type=int_range(1), default=75, metavar="INTEGER",
                        help="Most words of body text on one slide.  [default: 75]")
    parser.add_argument("--max-steps", type=int_range(1), default=8, metavar="INTEGER",
                        help="Most click steps on one revealed slide ('reveal:').  "
                        "[default: 8]")
    parser.add_argument("--require-notes", action="store_true",
                        help="Report slides without speaker notes.")
    parser.add_argument("--no-spelling", action="store_true", help="Skip the spell check.")
    parser.add_argument("--theme", metavar="THEME",
                        help="Check with this theme instead of each deck's own.")
    parser.add_argument("--strict", action="store_true", help="Fail (exit 1) on warnings too.")
    parser.add_argument("--compat", action="store_true",
                        help="Also build each deck's PPTX in memory and validate it against the "
                        "Office Open XML rules.")
    parser.add_argument("--a11y", action="store_true",
                        help="Also check accessibility: unique titles, link texts, the deck's "
                        "language, colour contrast, dimmed steps.")
    declare_allow_outside(parser)


def check(args: argparse.Namespace) -> None:
    """Lint decks without writing outputs (spelling, crowded or shrunk slides, alt text, …)."""
    from generator.build import find_decks
    from generator.check.deck import PPTX_SUFFIXES, CheckOptions, check_deck, summary
    from generator.themes.theme import theme_option

    options = CheckOptions(args.max_bullets, args.max_words, args.require_notes,
                           not args.no_spelling, theme_option(args.theme), args.debug,
                           args.compat, args.max_steps, args.a11y, allowed_folders(args))
    paths = args.paths
    files = [p for p in paths if p.suffix.lower() in PPTX_SUFFIXES]  # checked as PowerPoint
    missing = [p for p in files if not p.is_file()]
    if missing:
        raise UsageError(f"no such PowerPoint file: {missing[0]}")
    others = [p for p in paths if p not in files]
    decks = (find_decks(others) if others or not files else []) + files
    findings = [f for deck in decks for f in check_deck(deck, options)]
    if args.output_format == "json":
        errors = sum(1 for f in findings if f.severity == "error")
        echo(json.dumps({"decks": [str(d) for d in decks],
                         "errors": errors, "warnings": len(findings) - errors,
                         "findings": [f.as_dict() for f in findings]},
                        indent=2, ensure_ascii=False))
    else:
        colours = {"error": "red", "warning": "yellow"}
        for finding in findings:
            text = str(finding)
            label = f": {finding.severity}:"
            styled = style(label, fg=colours[finding.severity], bold=True)
            echo(text.replace(label, styled, 1))
        log.info("%s", summary(findings, len(decks)))
    failing = [f for f in findings if args.strict or f.severity == "error"]
    if failing:
        sys.exit(1)


CHECK = Command("check", check.__doc__, declare=declare_check_options, run=check, epilog="""\
Findings are printed as file:line:col: severity: message [rule]. Exit code: 0 when no
finding is an error (warnings are printed but pass), 1 when one is (with --strict: when
there is any finding), 2 for a usage error.

Rules: error: source, spelling, alt-text; warning: spelling-skipped (no dictionary
for the deck's language), shrunk, split, bullets, words, steps, duplicate-title, notes
(with --require-notes); ooxml (error): a .pptx file given as a PATH, or each deck's built
PPTX with --compat, breaks the Office Open XML rules (needs openxml-audit). With --a11y
(errors): a11y-title, a11y-link, a11y-language, a11y-contrast, a11y-dim, a11y-size
(docs/accessibility.md).

Examples:
  deck check                          lint every deck in slides_src/
  deck check output/lecture.pptx      validate any PowerPoint file, whoever made it
  deck check --compat                 also validate the PPTX each deck would build
  deck check --a11y                   also check accessibility (titles, links, contrast, …)
  deck check slides_src/lecture.yaml --max-bullets 5 --require-notes
  deck check --format json > findings.json
""")


# -- new ----------------------------------------------------------------------------------------

def declare_new_options(parser: Parser) -> None:
    """NAME and --in of ``deck new``."""
    parser.add_argument("name", metavar="NAME", help="The deck's name (its folder and file).")
    parser.add_argument("--in", dest="parent", type=folder, default=Path("."), metavar="PATH",
                        help="Folder to create the deck folder in.  [default: .]")


def new(args: argparse.Namespace) -> None:
    """Create a starter deck NAME/NAME.yaml that shows every feature once and builds as is."""
    from generator.scaffold import new_deck

    path = new_deck(args.name, args.parent)
    echo(f"created {path} (and {path.parent / 'images'})")
    echo(f"next: deck build {path.parent}   or   deck serve {path}")


NEW = Command("new", new.__doc__, declare=declare_new_options, run=new, epilog="""\
Examples:
  deck new week-1                     create week-1/week-1.yaml and week-1/images/
  deck new week-1 && deck build week-1
""")


def register(group: Command) -> None:
    """Add ``watch``, ``serve``, ``check`` and ``new`` to the ``deck`` command group."""
    for command in (WATCH, SERVE, CHECK, NEW):
        group.add(command)
