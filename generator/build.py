"""Build decks: load, theme, lay out, render, write atomically; skip decks that did not change."""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import re
import tempfile
import time
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any, Callable, Iterable

from generator import __version__
from generator.cache import cache_dir, read_table, write_table
from generator.collect import Collected, collecting
from generator.errors import BuildError, DeckError, SourceError, UsageError
from generator.source.keys import COURSE_FILES
from generator.source.model import EDITIONS, Deck
from generator.themes.theme import TEMPLATES_DIR, Theme

FORMATS = ("pptx", "html", "pdf", "handout", "steps")
SUFFIXES = {"handout": "-handout.pdf", "steps": "-steps.pdf"}  # others are NAME.FORMAT
DEFAULT_FORMATS = ("pptx", "html")
DEFAULT_SOURCE_DIR = Path("slides_src")
DEFAULT_OUTPUT_DIR = Path("output")
DECK_SUFFIXES = (".yaml", ".yml")
CACHE_DIR = ".deck-cache"
_PACKAGE_DIR = Path(__file__).resolve().parent
_log = logging.getLogger("generator")
# Notices (generator.collect.NOTICES): what a build did for the lecturer without being asked (a
# template repaired). They are kept on the result and printed with -v (level VERBOSE).
VERBOSE = 15


@dataclass(frozen=True)
class BuildOptions:
    """How to build: where to, which formats, which theme, and how strictly."""

    out_dir: Path = DEFAULT_OUTPUT_DIR
    formats: tuple[str, ...] = DEFAULT_FORMATS
    theme: str | None = None
    force: bool = False
    strict: bool = False
    handout_layout: str = "notes"  # --handout-layout: one of pdf.HANDOUT_LAYOUTS
    edition: str = EDITIONS[0]  # --edition: instructor or student (source/editions.py)
    as_of: date | None = None  # --as-of: the day answers' release is judged on (default today)
    allow_outside: tuple[Path, ...] = ()  # --allow-outside: folders decks may read beyond theirs


@dataclass(frozen=True)
class BuildResult:
    """What happened to one deck."""

    source: Path
    outputs: tuple[Path, ...] = ()
    skipped: bool = False
    seconds: float = 0.0
    error: DeckError | None = None
    slides: int = 0
    warnings: tuple[str, ...] = field(default=())
    notices: tuple[str, ...] = field(default=())
    inputs: tuple[Path, ...] = ()
    trace: str | None = None
    title: str = ""  # the deck's title as plain text (for a course's index page)
    date: str | None = None  # the deck's date

    @property
    def ok(self) -> bool:
        return self.error is None


def find_decks(paths: Iterable[str | Path] = ()) -> list[Path]:
    """Deck files named by ``paths`` (files, or folders whose ``*.yaml`` are decks)."""
    paths = list(paths) or [DEFAULT_SOURCE_DIR]
    decks: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = deck_files_in(path)
            if not found:
                raise UsageError(f"no deck files (*.yaml) in folder {path}")
            decks.extend(found)
        elif path.is_file():
            decks.extend(decks_in_file(path))
        else:
            hint = " (run it from the project folder, or name deck files)" if (
                path == DEFAULT_SOURCE_DIR) else ""
            raise UsageError(f"no such deck file or folder: {path}{hint}")
    decks = list(dict.fromkeys(decks))
    _refuse_clashing_names(decks)
    return decks


def deck_files_in(folder: Path) -> list[Path]:
    """The deck files directly inside ``folder``.

    Hidden and ``_``-prefixed files are left out, and so are theme files kept beside the decks
    (YAML with top-level ``colors:``, ``fonts:`` or ``sizes:`` and no ``slides:``). A course's
    folder (one with a ``course.yaml``) holds the course's lectures, in its order.
    """
    course = course_file(folder)
    if course is not None:
        from generator.course import lecture_files

        return lecture_files(course)
    return sorted(p for p in folder.iterdir()
                  if p.suffix.lower() in DECK_SUFFIXES and p.is_file()
                  and not p.name.startswith((".", "_")) and not _is_theme_file(p))


def decks_in_file(path: Path) -> list[Path]:
    """The deck a file is, or a course file's lectures."""
    if course_file(path) is None:
        return [path]
    from generator.course import lecture_files

    return lecture_files(path)


def course_file(path: Path) -> Path | None:
    """The course file ``path`` names (docs/course.md): a folder's ``course.yaml``, or the
    file itself."""
    if path.is_dir():
        return next((path / name for name in COURSE_FILES if (path / name).is_file()), None)
    return path if path.name.lower() in COURSE_FILES and path.is_file() else None


_TOP_KEY = re.compile(r"^(slides|colors|fonts|sizes)\s*:", re.M)


def _is_theme_file(path: Path) -> bool:
    try:
        keys = set(_TOP_KEY.findall(path.read_text(encoding="utf-8", errors="replace")))
    except OSError:
        return False
    return bool(keys) and "slides" not in keys


def _refuse_clashing_names(decks: list[Path]) -> None:
    by_name: dict[str, list[Path]] = {}
    for deck in decks:
        by_name.setdefault(deck.stem, []).append(deck)
    clashes = [paths for paths in by_name.values() if len(paths) > 1]
    if clashes:
        names = "; ".join(" and ".join(str(p) for p in paths) for paths in clashes)
        raise UsageError(f"decks with the same name would overwrite each other's outputs: {names}"
                         " (rename one, or build them into different folders with -o)")


def parse_formats(text: str | Iterable[str]) -> tuple[str, ...]:
    """``"pptx,html"`` → ``("pptx", "html")``, rejecting unknown names."""
    names = [n.strip().lower() for n in (text.split(",") if isinstance(text, str) else text)]
    names = [n for n in names if n]
    for name in names:
        if name not in FORMATS:
            raise UsageError(f"unknown format {name!r}; expected one or more of "
                             f"{', '.join(FORMATS)} (comma-separated)")
    if not names:
        raise UsageError(f"no format given; expected one or more of {', '.join(FORMATS)}")
    return tuple(dict.fromkeys(names))


def build_deck(source: str | Path, out_dir: str | Path = DEFAULT_OUTPUT_DIR,
               formats: Iterable[str] = DEFAULT_FORMATS, theme: str | None = None,
               force: bool = False, strict: bool = False,
               handout_layout: str = "notes",
               allow_outside: Iterable[str | Path] = ()) -> BuildResult:
    """Build one deck file into ``out_dir``; problems come back in ``result.error``. The deck
    reads files from its own folder and the ``allow_outside`` folders only."""
    options = BuildOptions(Path(out_dir), tuple(formats), theme, force, strict, handout_layout,
                           allow_outside=tuple(Path(p).resolve() for p in allow_outside))
    return build_one(source, options)


def build_one(source: str | Path, options: BuildOptions) -> BuildResult:
    """Build one deck file; problems (and unexpected failures) come back in ``result.error``."""
    source = Path(source)
    started = time.perf_counter()
    inputs: list[Path] = [source.resolve()]
    with collecting() as said:
        try:
            result = _build(source, options, inputs, said)
        except DeckError as err:  # the user's mistake: the traceback is shown only with --debug
            result = BuildResult(source, error=err, trace=_format_exc())
        except Exception as err:  # a bug, not the user's fault: keep the traceback for --debug
            result = BuildResult(source, error=BuildError(
                f"internal error while building {source}: {type(err).__name__}: {err} "
                "(run with --debug for the traceback, and please report it)"),
                trace=_format_exc())
    _save_generator_hashes()
    return replace(result, seconds=time.perf_counter() - started,
                   warnings=result.warnings or said.warnings, notices=tuple(said.notices),
                   inputs=tuple(inputs))


def _format_exc() -> str:
    import traceback

    return traceback.format_exc()


def _build(source: Path, options: BuildOptions, inputs: list[Path],
           said: Collected) -> BuildResult:
    from generator.layout.engine import lay_out
    from generator.layout.fonts import save_measurements
    from generator.source.formula import save_measurements as save_formulas
    from generator.source.reader import load_deck
    from generator.themes.theme import theme_for

    deck = load_deck(source, options.edition, options.as_of,
                     allow_outside=options.allow_outside)
    for notice in deck.notices:  # what YAML did to the text that the author may not expect
        _log.warning("%s", notice)
    theme = theme_for(deck, options.theme)
    inputs[:] = input_files(deck, theme) + list(deck.context.files)
    out_dir = edition_dir(options.out_dir, deck.edition, deck.context.course is not None)
    targets = tuple(out_dir / f"{deck.name}{SUFFIXES.get(fmt, '.' + fmt)}"
                    for fmt in options.formats)
    handout = (f"handout:{options.handout_layout}",) if "handout" in options.formats else ()
    digest = input_digest(deck, theme, options.formats + handout + context_key(deck))
    stamp = stamp_path(options.out_dir, out_dir, deck.name)
    about = _about(deck)
    if not options.force and all(t.exists() for t in targets):
        previous = _read_stamp(stamp)
        if previous.get("digest") == digest:
            old_warnings = tuple(previous.get("warnings", ()))
            _refuse_warnings_if_strict(options, old_warnings)
            return BuildResult(source, targets, skipped=True, slides=previous.get("slides", 0),
                               warnings=old_warnings, **about)
    layout = lay_out(deck, theme)
    save_measurements()  # widths measured for new words, for the next cold build
    save_formulas()  # ... and the formulas measured
    rendered = _render_all(options.formats, layout, options.handout_layout)
    warnings = said.warnings
    _refuse_warnings_if_strict(options, warnings)
    _ensure_dir(out_dir)
    for target, fmt in zip(targets, options.formats):
        write_atomic(target, rendered[fmt])
    _ensure_dir(stamp.parent)
    record = {"digest": digest, "slides": len(layout.pages), "warnings": list(warnings)}
    write_atomic(stamp, json.dumps(record).encode())
    return BuildResult(source, targets, slides=len(layout.pages), warnings=tuple(warnings),
                       **about)


# -- editions and courses (docs/course.md) -------------------------------------------------------
def edition_dir(out_dir: str | Path, edition: str, lecture: bool) -> Path:
    """Where a deck's ``edition`` goes: a course's lectures (``lecture``) into
    ``OUT/instructor/`` or ``OUT/student/``; another deck's instructor edition into ``OUT/``
    (as always), its student edition into ``OUT/student/``. The two editions never overwrite
    each other."""
    out = Path(out_dir)
    return out / edition if lecture or edition != EDITIONS[0] else out


def stamp_path(out_dir: str | Path, edition_folder: Path, name: str) -> Path:
    """Where a deck's build record goes: ``OUT/.deck-cache/NAME.json``, and for an edition's
    folder ``OUT/.deck-cache/EDITION/NAME.json``, so that ``OUT/student/`` holds only what
    students get (a record keeps the build's warnings, which quote the deck's text)."""
    out = Path(out_dir)
    if edition_folder == out:
        return out / CACHE_DIR / f"{name}.json"
    return out / CACHE_DIR / edition_folder.name / f"{name}.json"


def context_key(deck: Deck) -> tuple[str, ...]:
    """What an output depends on beyond the deck's own files: the edition (and which answers
    it shows), the course's settings and variables, the slides included from other files."""
    return (f"edition:{deck.edition}:{','.join(deck.released)}",
            f"context:{deck.context.digest}")


def _about(deck: Deck) -> dict[str, Any]:
    """The deck's title and date, for a result (a course's index page names its lectures)."""
    from generator.source.inline import plain

    return {"title": plain(deck.title), "date": deck.date}


def _refuse_warnings_if_strict(options: BuildOptions, warnings: tuple[str, ...]) -> None:
    if options.strict and warnings:
        count = f"{len(warnings)} warning{'s' if len(warnings) > 1 else ''}"
        raise BuildError(f"{count} treated as errors (--strict): " + "; ".join(warnings))


def _render_all(formats: tuple[str, ...], layout, handout_layout: str = "notes"
                ) -> dict[str, bytes]:
    rendered: dict[str, bytes] = {}
    for fmt in formats:
        if fmt == "pdf":
            from generator.pdf import pptx_to_pdf

            pptx = rendered.get("pptx") or render("pptx", layout)
            rendered[fmt] = pptx_to_pdf(pptx, layout.deck.name)
        elif fmt in ("handout", "steps"):
            from generator import pdf

            html = rendered.get("html") or render("html", layout)
            if fmt == "handout":
                rendered[fmt] = pdf.html_to_handout(html, layout.deck.name, handout_layout)
            else:
                rendered[fmt] = pdf.html_to_steps(html, layout.deck.name)
        else:
            rendered[fmt] = render(fmt, layout)
    return rendered


def render(fmt: str, layout) -> bytes:
    """Render a laid-out deck to the bytes of one output format (``pptx`` or ``html``)."""
    if fmt == "pptx":
        from generator.pptx.render import render_pptx

        return render_pptx(layout)
    if fmt == "html":
        from generator.html.render import render_html

        return render_html(layout).encode("utf-8")
    raise UsageError(f"unknown format {fmt!r}; expected one of pptx, html")


def input_files(deck: Deck, theme: Theme) -> list[Path]:
    """The lecturer's files an output depends on: deck, theme file, images, PPTX template."""
    files = [deck.path, theme.source]
    files += [s.image.path for s in deck.slides if s.image is not None]
    if deck.template is not None:
        files.append(deck.template)
    files += sorted(_token_files(theme.tokens))
    return list(dict.fromkeys(Path(f).resolve() for f in files))


def _token_files(value: Any) -> set[Path]:
    """Files named by absolute paths inside theme tokens (background image, logo, …)."""
    if isinstance(value, str):
        if os.path.isabs(value) and os.path.isfile(value):
            return {Path(value)}
        return set()
    if isinstance(value, dict) or hasattr(value, "values"):
        return set().union(*(_token_files(v) for v in value.values())) if value else set()
    if isinstance(value, (list, tuple)):
        return set().union(*(_token_files(v) for v in value)) if value else set()
    return set()


@functools.lru_cache(maxsize=1)
def generator_files() -> tuple[Path, ...]:
    """Files of the generator itself whose change invalidates every output (listed once per
    process: their contents are checked on every build, by size and time)."""
    return tuple(sorted(p for p in TEMPLATES_DIR.rglob("*") if p.is_file())
                 + sorted(_PACKAGE_DIR.rglob("*.py")))


def input_digest(deck: Deck, theme: Theme, formats: tuple[str, ...]) -> str:
    """A hash of everything an output depends on: source, theme, images, templates, generator."""
    h = hashlib.sha256()
    h.update(f"{__version__}|{','.join(formats)}".encode())
    h.update(json.dumps(_plain(theme.tokens), sort_keys=True, default=str).encode())
    h.update("\n".join(_font_stamps(theme)).encode())
    for path in input_files(deck, theme):
        h.update(str(path).encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
    for path in generator_files():
        h.update(str(path).encode())
        h.update(_generator_file_hash(path).encode())
    return h.hexdigest()


def _font_stamps(theme: Theme) -> list[str]:
    """The installed fonts as the digest sees them: the fingerprint of every font folder and
    of fontconfig's configuration (installing a font rebuilds), and the file that draws each of
    the theme's fonts (replacing one rebuilds)."""
    from generator.layout.fonts import fonts_fingerprint, resolved_fonts

    families = sorted({str(f) for f in theme.fonts.values() if isinstance(f, str)})
    return [fonts_fingerprint(), *resolved_fonts(families)]


_generator_hashes: dict[str, list] | None = None  # path: [size, time, SHA-256 in hex]
_generator_hashes_changed = False


def _generator_file_hash(path: Path) -> str:
    """The SHA-256 of one of the generator's own files, read again only when its size or time
    changes: kept in the per-user cache, so neither a cold build nor a rebuild in ``deck watch``
    reads the whole generator."""
    global _generator_hashes, _generator_hashes_changed
    try:
        stat = path.stat()
    except OSError:
        return "<missing>"
    if _generator_hashes is None:
        _generator_hashes = read_table(_generator_hashes_file(), "generator-files",
                                       _is_file_hash)
    known = _generator_hashes.get(str(path))
    if known is None or known[:2] != [stat.st_size, stat.st_mtime_ns]:
        try:
            digest = hashlib.sha256(path.read_bytes()).hexdigest()
        except OSError:
            return "<missing>"
        known = _generator_hashes[str(path)] = [stat.st_size, stat.st_mtime_ns, digest]
        _generator_hashes_changed = True
    return known[2]


_HEX_DIGEST = re.compile(r"[0-9a-f]{64}")


def _is_file_hash(_path: str, value: Any) -> bool:
    return (type(value) is list and len(value) == 3 and type(value[0]) is int
            and type(value[1]) is int and type(value[2]) is str
            and _HEX_DIGEST.fullmatch(value[2]) is not None)


def _generator_hashes_file() -> Path | None:
    folder = cache_dir("build")
    return None if folder is None else folder / "generator-files.json"


def _save_generator_hashes() -> None:
    global _generator_hashes_changed
    if _generator_hashes_changed and _generator_hashes is not None:
        write_table(_generator_hashes_file(), "generator-files", _generator_hashes)
        _generator_hashes_changed = False


def _plain(value: Any) -> Any:
    if hasattr(value, "items"):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _read_stamp(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _ensure_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise BuildError(f"cannot create output folder {path}: {err.strerror}") from err


def write_atomic(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` via a temporary file and a rename: never a half-written file."""
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as err:
        raise BuildError(f"cannot write to output folder {target.parent}: {err.strerror}") from err
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, target)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise BuildError(f"cannot write {target}: {err.strerror}") from err


def build_all(paths: Iterable[str | Path] = (), options: BuildOptions = BuildOptions(),
              on_result: Callable[[BuildResult], None] | None = None,
              jobs: int | None = None) -> list[BuildResult]:
    """Build every deck named by ``paths``; one failing deck does not stop the others.

    One deck is built in this process; several are spread over ``jobs`` worker processes
    (default: one per core). Results arrive in ``on_result`` as each deck finishes and are
    returned in the order of the decks.
    """
    decks = find_decks(paths)
    return build_decks(decks, options, on_result, jobs)


def build_decks(decks: list[Path], options: BuildOptions = BuildOptions(),
                on_result: Callable[[BuildResult], None] | None = None,
                jobs: int | None = None) -> list[BuildResult]:
    """Build the given deck files (see ``build_all``)."""
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(decks)))
    if jobs == 1:
        results = []
        for deck in decks:
            results.append(build_one(deck, options))
            if on_result is not None:
                on_result(results[-1])
        return results
    from concurrent.futures import ProcessPoolExecutor, as_completed  # only for several decks

    by_deck: dict[Path, BuildResult] = {}
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        futures = {pool.submit(_build_portable, deck, options): deck for deck in decks}
        for future in as_completed(futures):
            result = _restore(future.result())
            by_deck[futures[future]] = result
            if on_result is not None:
                on_result(result)
    return [by_deck[deck] for deck in decks]


def _build_portable(source: Path, options: BuildOptions) -> tuple[BuildResult, tuple | None]:
    """``build_deck`` in a worker process, with the error in a form that survives pickling."""
    result = build_one(source, options)
    err = result.error
    if err is None:
        return result, None
    problems = tuple(err.problems) if isinstance(err, SourceError) else None
    return replace(result, error=None), (type(err), problems, str(err))


def _restore(shipped: tuple[BuildResult, tuple | None]) -> BuildResult:
    result, err = shipped
    if err is None:
        return result
    cls, problems, message = err
    error: DeckError
    if problems is not None:
        error = cls(list(problems))
    else:
        try:
            error = cls(message)
        except TypeError:
            error = BuildError(message)
    return replace(result, error=error)


__all__ = ["BuildOptions", "BuildResult", "build_all", "build_deck", "build_decks", "build_one",
           "find_decks", "parse_formats", "FORMATS"]
