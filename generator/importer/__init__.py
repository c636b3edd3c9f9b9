"""Import an existing deck (PowerPoint, text outline or Markdown) as deck YAML: ``import_file``."""

from __future__ import annotations

import logging
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from generator.build import DEFAULT_SOURCE_DIR, write_atomic
from generator.errors import DeckError, Problem, SourceError, UsageError
from generator.importer.draft import DraftDeck
from generator.importer.emit import deck_yaml
from generator.source.reader import IMAGE_SUFFIXES, load_deck

log = logging.getLogger("generator")

SUFFIXES = (".pptx", ".potx", ".ppsx", ".pptm", ".txt", ".md", ".markdown")
POWERPOINT_SUFFIXES = (".pptx", ".potx", ".ppsx", ".pptm")


@dataclass(frozen=True)
class ImportResult:
    """What an import wrote: the deck YAML, the pictures beside it, and what was left out."""

    source: Path
    output: Path
    slides: int
    """Slides as ``deck build`` counts them: the title slide and each slide of the YAML (a build
    shows more when a slide's content is split over pages)."""
    media: tuple[Path, ...] = ()
    skipped: tuple[str, ...] = ()
    guesses: int = 0


def default_output(source: Path) -> Path:
    """``slides_src/NAME.yaml`` for an input ``NAME.pptx`` (or ``.txt``/``.md``)."""
    return DEFAULT_SOURCE_DIR / f"{source.stem}.yaml"


def import_file(path: Path, out: Path | None = None, force: bool = False) -> ImportResult:
    """Convert the deck at ``path`` into deck YAML at ``out`` (default ``slides_src/NAME.yaml``).

    Pictures are written to ``NAME_media/`` beside the YAML. An existing output is only
    replaced with ``force``. The YAML is loaded (with its pictures, in a scratch folder) before
    anything is written: an import that would not load writes nothing and raises ``SourceError``.
    """
    path = Path(path)
    out = Path(out) if out is not None else default_output(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"cannot import {path}: expected one of {', '.join(SUFFIXES)}, "
                         f"got {suffix or 'a file without an extension'!r}")
    if not path.is_file():
        raise UsageError(f"no such file: {path}")
    if out.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"the output must be a .yaml file, got {out}")
    if out.exists() and not force:
        raise UsageError(f"{out} already exists; use --force to overwrite it")
    media_dir = f"{out.stem}_media"
    deck, media, skipped = _read(path, suffix, media_dir)
    text = deck_yaml(deck)
    _check_loads(text, media, out)
    _make_dir(out.parent)
    written = []
    for name, data in media:
        target = out.parent / name
        _make_dir(target.parent)
        write_atomic(target, data)
        written.append(target)
    write_atomic(out, text.encode("utf-8"))
    guesses = text.count("guessed") + text.count("TODO")
    slides = 1 + len(deck.slides)
    log.debug("%s → %s: %d slides, %d pictures", path, out, slides, len(written))
    return ImportResult(path, out, slides, tuple(written), tuple(skipped), guesses)


def _check_loads(text: str, media: list[tuple[str, bytes]], out: Path) -> None:
    """Load the deck YAML ``text`` with its pictures from a scratch folder, as if written at
    ``out``; a deck that does not load raises ``SourceError`` (its problems located at ``out``)."""
    try:
        with tempfile.TemporaryDirectory(prefix="deck-import-") as scratch:
            folder = Path(scratch)
            trial = folder / out.name
            for name, data in media:
                (folder / name).parent.mkdir(parents=True, exist_ok=True)
                (folder / name).write_bytes(data)
            trial.write_text(text, encoding="utf-8")
            try:
                load_deck(trial)
            except SourceError as err:
                problems = [_relocated(p, trial, out) for p in err.problems]
                problems.append(Problem(str(out), None, None, (
                    "nothing written: the imported YAML is not a valid deck (the problems "
                    "above); this is a bug in deck import, please report it with the file")))
                raise SourceError(problems) from err
    except OSError as err:
        raise DeckError(f"cannot check the imported deck in a scratch folder: "
                        f"{err.strerror}") from err


def _relocated(problem: Problem, trial: Path, out: Path) -> Problem:
    """``problem`` as found in the scratch copy ``trial``, told about ``out`` instead."""
    message = problem.message.replace(str(trial.parent.resolve()), str(out.parent.resolve()))
    path = str(out) if problem.path == str(trial) else problem.path
    return replace(problem, path=path, message=message)


def _read(path: Path, suffix: str, media_dir: str) -> tuple[DraftDeck, list[tuple[str, bytes]],
                                                             list[str]]:
    if suffix in POWERPOINT_SUFFIXES:
        from generator.importer.powerpoint import read_powerpoint

        found = read_powerpoint(path, media_dir)
        return found.deck, [(m.name, m.data) for m in found.media], found.skipped
    if suffix == ".txt":
        from generator.importer.outline import read_outline

        return read_outline(path), [], []
    from generator.importer.markdown import read_markdown

    found = read_markdown(path)
    media = []
    for index, picture in enumerate(found.pictures, start=1):
        slide = picture.slide
        ext = picture.source.suffix.lower()
        if not picture.source.is_file() or ext not in IMAGE_SUFFIXES:
            why = "not found" if not picture.source.is_file() else f"a {ext or 'typeless'} file"
            slide.comments.append(f"not imported: the picture {slide.image} ({why})")
            found.skipped.append(f"the picture {slide.image} on {slide.title!r} ({why})")
            log.warning("import: the picture %s on slide %r is not imported (%s)",
                        slide.image, slide.title, why)
            slide.image = slide.alt = slide.caption = None
            continue
        name = f"{media_dir}/picture{index}{ext}"
        media.append((name, picture.source.read_bytes()))
        slide.image = name
        if slide.alt is None and not slide.decorative:
            slide.comments.append("the picture has no alt text: describe it in 'alt'")
    for item in found.skipped:
        log.warning("import: %s: %s is not imported", path, item)
    return found.deck, media, found.skipped


def _make_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DeckError(f"cannot create folder {path}: {err.strerror}") from err


__all__ = ["import_file", "ImportResult", "default_output", "SUFFIXES"]
