"""Build decks: load, theme, lay out, render, and write outputs atomically, skipping unchanged decks."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from . import __version__
from .errors import BuildError, DeckError, UsageError
from .model import Deck
from .themes import TEMPLATES_DIR, Theme

FORMATS = ("pptx", "html")
DEFAULT_SOURCE_DIR = Path("slides_src")
DEFAULT_OUTPUT_DIR = Path("output")
DECK_SUFFIXES = (".yaml", ".yml")
CACHE_DIR = ".deck-cache"
_PACKAGE_DIR = Path(__file__).resolve().parent


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
            found = sorted(p for p in path.iterdir()
                           if p.suffix in DECK_SUFFIXES and not p.name.startswith((".", "_")))
            if not found:
                raise UsageError(f"no deck files (*.yaml) in folder {path}")
            decks.extend(found)
        elif path.is_file():
            decks.append(path)
        else:
            hint = " (run it from the project folder, or name deck files)" if (
                path == DEFAULT_SOURCE_DIR) else ""
            raise UsageError(f"no such deck file or folder: {path}{hint}")
    return decks


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
               formats: Iterable[str] = FORMATS, theme: str | None = None,
               force: bool = False) -> BuildResult:
    """Build one deck file into ``out_dir``; problems come back in ``result.error``."""
    source = Path(source)
    started = time.perf_counter()
    try:
        outputs, skipped, slides = _build(source, Path(out_dir), tuple(formats), theme, force)
    except DeckError as err:
        return BuildResult(source, error=err, seconds=time.perf_counter() - started)
    return BuildResult(source, outputs, skipped, time.perf_counter() - started, slides=slides)


def _build(source: Path, out_dir: Path, formats: tuple[str, ...], theme_name: str | None,
           force: bool) -> tuple[tuple[Path, ...], bool, int]:
    from .layout import lay_out
    from .source import load_deck
    from .themes import theme_for

    deck = load_deck(source)
    theme = theme_for(deck, theme_name)
    targets = tuple(out_dir / f"{deck.name}.{fmt}" for fmt in formats)
    digest = input_digest(deck, theme, formats)
    stamp = out_dir / CACHE_DIR / f"{deck.name}.json"
    if not force and all(t.exists() for t in targets) and _read_stamp(stamp) == digest:
        return targets, True, 0
    layout = lay_out(deck, theme)
    rendered: list[tuple[Path, bytes]] = []
    for fmt, target in zip(formats, targets):
        rendered.append((target, render(fmt, layout)))
    _ensure_dir(out_dir)
    for target, data in rendered:
        write_atomic(target, data)
    _ensure_dir(stamp.parent)
    write_atomic(stamp, json.dumps({"digest": digest}).encode())
    return targets, False, len(layout.pages)


def render(fmt: str, layout) -> bytes:
    """Render a laid-out deck to the bytes of one output format."""
    if fmt == "pptx":
        from .render_pptx import render_pptx

        return render_pptx(layout)
    if fmt == "html":
        from .render_html import render_html

        return render_html(layout).encode("utf-8")
    raise UsageError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def input_digest(deck: Deck, theme: Theme, formats: tuple[str, ...]) -> str:
    """A hash of everything an output depends on: source, theme, images, templates, generator."""
    h = hashlib.sha256()
    h.update(f"{__version__}|{','.join(formats)}".encode())
    files = [deck.path, theme.source]
    files += [s.image.path for s in deck.slides if s.image is not None]
    if deck.template is not None:
        files.append(deck.template)
    files += sorted(p for p in TEMPLATES_DIR.rglob("*") if p.is_file())
    files += sorted(_PACKAGE_DIR.glob("*.py"))
    for path in files:
        h.update(str(path).encode())
        try:
            h.update(path.read_bytes())
        except OSError:
            h.update(b"<missing>")
    return h.hexdigest()


def _read_stamp(path: Path) -> str | None:
    try:
        return json.loads(path.read_text()).get("digest")
    except (OSError, ValueError, AttributeError):
        return None


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


def build_all(paths: Iterable[str | Path] = (), out_dir: str | Path = DEFAULT_OUTPUT_DIR,
              formats: Iterable[str] = FORMATS, theme: str | None = None, force: bool = False,
              on_result: Callable[[BuildResult], None] | None = None) -> list[BuildResult]:
    """Build every deck named by ``paths``; one failing deck does not stop the others."""
    results = []
    for deck in find_decks(paths):
        result = build_deck(deck, out_dir, formats, theme, force)
        results.append(result)
        if on_result is not None:
            on_result(result)
    return results
