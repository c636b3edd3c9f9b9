"""Import an existing deck (PowerPoint, text outline or any Markdown slide dialect) as deck YAML:
``import_file``, with a summary of what was imported and what was not."""

from __future__ import annotations

import logging
import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path

from generator.build import DEFAULT_SOURCE_DIR, write_atomic
from generator.errors import DeckError, Problem, SourceError, UsageError
from generator.importer.draft import (CodeBlock, DraftDeck, DraftSlide, MathBlock, PictureBlock,
                                      TableBlock, TextBlock)
from generator.importer.emit import deck_yaml
from generator.importer.report import Report
from generator.source import inline
from generator.source.reader import load_deck

log = logging.getLogger("generator")

SUFFIXES = (".pptx", ".potx", ".ppsx", ".pptm", ".txt", ".md", ".markdown", ".qmd", ".rmd")
POWERPOINT_SUFFIXES = (".pptx", ".potx", ".ppsx", ".pptm")


@dataclass(frozen=True)
class Summary:
    """What an import brought over, counted in the deck it wrote, and what it left out, where."""

    slides: int
    pictures: int = 0
    tables: int = 0
    code: int = 0
    formulas: int = 0
    notes_words: int = 0
    formulas_as_text: int = 0  # formulas the builder cannot read, kept as text (and listed)
    dropped: tuple[str, ...] = ()  # "file:where: what", one per thing not imported as it was
    markup: tuple[str, ...] = ()  # "N kind (first at file:line)", markup with no meaning here

    def lines(self) -> list[str]:
        """The summary as the command prints it."""
        as_text = f" ({self.formulas_as_text} more kept as text)" if self.formulas_as_text else ""
        out = [f"imported: {self.slides} slides (title slide included), {self.pictures} "
               f"pictures, {self.tables} tables, {self.code} code blocks, {self.formulas} "
               f"formulas{as_text}, {self.notes_words} words of speaker notes"]
        if self.markup:
            out.append("dropped markup that has no meaning in a deck:")
            out += [f"  {line}" for line in self.markup]
        if self.dropped:
            out.append(f"not imported as it was ({len(self.dropped)}):")
            out += [f"  {line}" for line in self.dropped]
        return out


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
    summary: Summary = field(default_factory=lambda: Summary(0))
    dialect: str = ""


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
    found = read_source(path, f"{out.stem}_media")
    deck, media, skipped = found.deck, found.media, found.skipped
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
    return ImportResult(path, out, slides, tuple(written), tuple(skipped), guesses,
                        found.summary, found.dialect)


@dataclass
class Imported:
    """A source read as a draft deck: the pictures to write beside it, what was left out, the
    summary, and the dialect (or kind of file) it was read as."""

    deck: DraftDeck
    media: list[tuple[str, bytes]]
    skipped: list[str]
    summary: Summary
    dialect: str


def read_source(path: Path, media_dir: str = "deck_media") -> Imported:
    """Read the deck at ``path`` (any kind ``import_file`` takes) without writing anything;
    pictures are named ``MEDIA_DIR/…``."""
    path = Path(path)
    report = Report(path.name)
    deck, media, skipped, dialect = _read(path, path.suffix.lower(), media_dir, report)
    return Imported(deck, media, skipped, summarise(deck, report), dialect)


def summarise(deck: DraftDeck, report: Report) -> Summary:
    """Count what ``deck`` holds (as its YAML will) and list what ``report`` says was left out."""
    counts = {"pictures": 0, "tables": 0, "code": 0, "formulas": 0}
    texts: list[str] = [deck.title, deck.subtitle or ""]

    def count_rows(rows) -> None:
        for row in rows:
            counts["formulas"] += len(row.math)
            counts["code"] += row.code is not None
            if row.code is None:
                texts.append(row.text)

    def count(blocks, rows) -> None:
        count_rows(rows)
        for block in blocks:
            if isinstance(block, PictureBlock):
                counts["pictures"] += 1
                texts.append(block.caption or "")
            elif isinstance(block, TableBlock):
                counts["tables"] += 1
                texts.extend(block.header + [c for row in block.rows for c in row])
            elif isinstance(block, CodeBlock):
                counts["code"] += 1
            elif isinstance(block, MathBlock):
                counts["formulas"] += len(block.tex)
            elif isinstance(block, TextBlock):
                count_rows(block.rows)
            else:
                texts.append(getattr(block, "text", ""))

    notes_words = 0
    for slide in deck.slides:
        texts += [slide.title, slide.subtitle or "", slide.caption or ""]
        count(slide.blocks, slide.rows)
        counts["pictures"] += slide.image is not None
        counts["tables"] += slide.table is not None
        if slide.table is not None:
            texts.extend(slide.table["header"] + [c for r in slide.table["rows"] for c in r])
        for column in slide.columns:
            texts.append(column.heading or "")
            count(column.blocks, column.rows)
        notes_words += len(slide.notes.split())
    counts["formulas"] += sum(1 for text in texts for span in inline.parse(text) if span.math)
    return Summary(1 + len(deck.slides), counts["pictures"], counts["tables"], counts["code"],
                   counts["formulas"], notes_words, report.formulas_as_text,
                   tuple(map(str, report.dropped)), tuple(report.markup_lines()))


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


def _read(path: Path, suffix: str, media_dir: str, report: Report
          ) -> tuple[DraftDeck, list[tuple[str, bytes]], list[str], str]:
    if suffix in POWERPOINT_SUFFIXES:
        from generator.importer.powerpoint import read_powerpoint

        found = read_powerpoint(path, media_dir, report)
        return (found.deck, [(m.name, m.data) for m in found.media], found.skipped,
                "powerpoint")
    if suffix == ".txt":
        from generator.importer.outline import read_outline

        return read_outline(path), [], [], "text outline"
    from generator.importer.markdown import read_markdown

    found = read_markdown(path, report)
    media: list[tuple[str, bytes]] = []
    names: dict[Path, str] = {}
    for picture in found.pictures:
        source = picture.source.resolve()
        if source not in names:
            stem = re.sub(r"[^\w.-]+", "-", picture.source.stem).strip("-") or "picture"
            name = f"{media_dir}/{stem}{picture.source.suffix.lower()}"
            taken = {n for n in names.values()}
            index = 2
            while name in taken:
                name = f"{media_dir}/{stem}-{index}{picture.source.suffix.lower()}"
                index += 1
            names[source] = name
            media.append((name, picture.source.read_bytes()))
        picture.block.src = names[source]
    for slide in found.deck.slides:
        _mark_missing_alt(slide)
    skipped = [str(item) for item in report.dropped]
    if skipped:
        found.deck.comments.append("Not imported as it was:\n" + "\n".join(
            f"- {item}" for item in skipped))
    if report.markup:
        found.deck.comments.append("Dropped markup that has no meaning in a deck:\n" + "\n".join(
            f"- {line}" for line in report.markup_lines()))
    return found.deck, media, skipped, found.dialect


def _mark_missing_alt(slide: DraftSlide) -> None:
    blocks = list(slide.blocks) + [b for c in slide.columns for b in c.blocks]
    if any(isinstance(b, PictureBlock) and not b.alt and not b.decorative for b in blocks):
        slide.comments.append("a picture has no alt text: describe it in 'alt'")


def _make_dir(path: Path) -> None:
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        raise DeckError(f"cannot create folder {path}: {err.strerror}") from err


__all__ = ["import_file", "read_source", "ImportResult", "Imported", "Summary",
           "default_output", "SUFFIXES"]
