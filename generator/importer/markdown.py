"""Read a Markdown outline (headings, lists, paragraphs, quotes as notes) into a draft deck.

The recognised layout:

* YAML front matter (``---`` … ``---``) may give ``title``, ``subtitle``, ``author``, ``date``;
  a date (``2024-09-01``) or number is kept as text, a list of texts is joined with commas, and
  any other value is listed as not imported.
* With ``##`` headings: the first ``#`` heading is the deck title (front matter wins; a
  paragraph right under it is the subtitle), each ``##`` is a slide, and a later ``#`` is a
  section slide (``layout: section``, a paragraph under it is its subtitle). Without ``##``:
  each ``#`` is a slide. ``###`` headings inside a slide start columns (two or three; a
  lone ``###`` is text).
* ``-``, ``*``, ``+``, ``1.`` and ``1)`` lists are bullets; nesting follows indentation; an
  indented line without a marker continues the item above.
* Other lines are paragraphs (consecutive lines are joined; a blank line ends a paragraph).
* ``> `` lines, and everything after a line starting with ``Notes:``, are speaker notes.
* ``![alt](file "caption")`` is the slide's picture (copied beside the deck YAML).
* Code blocks, tables and raw HTML blocks are not imported: they are listed as comments.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.importer.draft import DraftColumn, DraftDeck, DraftSlide, Row

_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_ITEM = re.compile(r"^(?P<indent>[ \t]*)(?:[-*+]|\d{1,9}[.)])[ \t]+(?P<text>.*)$")
_IMAGE = re.compile(r'^!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)(?:\s+"(?P<caption>[^"]*)")?\)$')
_NOTES = re.compile(r"^notes?:[ \t]*(?P<text>.*)$", re.IGNORECASE)
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_TABLE = re.compile(r"^[ \t]*\|.*\|[ \t]*$")
_RULE = re.compile(r"^[ \t]*([-*_])([ \t]*\1){2,}[ \t]*$")


@dataclass
class Picture:
    """A picture a Markdown slide refers to, to be copied beside the deck YAML."""

    source: Path
    slide: DraftSlide


@dataclass
class MarkdownDeck:
    """The draft deck and the pictures it needs copied."""

    deck: DraftDeck
    pictures: list[Picture] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def read_markdown(path: Path) -> MarkdownDeck:
    """Read the Markdown outline at ``path``."""
    return parse_markdown(path.read_text(encoding="utf-8-sig"), path.stem, path.parent)


def parse_markdown(text: str, name: str, base: Path) -> MarkdownDeck:
    """Parse Markdown ``text``; pictures are resolved against ``base``."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta, lines = _front_matter(lines)
    result = MarkdownDeck(DraftDeck(title=""))
    deck = result.deck
    for key in ("title", "subtitle", "author", "date"):
        if meta.get(key) is None:
            continue
        value, comment = _meta_text(meta[key])
        if value is None:
            what = f"the front matter's {key!r} ({comment})"
            result.skipped.append(what)
            deck.comments.append(f"not imported: {what}")
        else:
            setattr(deck, key, value)
            if comment is not None:
                deck.comments.append(f"the front matter's {key!r} was {comment}")
    levels = {len(m[1]) for m in map(_HEADING.match, lines) if m}
    slide_level = 2 if 2 in levels else 1
    reader = _SlideReader(result, base)
    for line in lines:
        heading = _HEADING.match(line)
        if heading and not reader.in_fence and len(heading[1]) <= slide_level:
            reader.finish()
            text = heading[2]
            if len(heading[1]) < slide_level and not deck.slides and not reader.had_title:
                deck.title = deck.title or text
                reader.had_title = True
                reader.start(None)
            elif len(heading[1]) < slide_level:
                reader.start(DraftSlide(title=text, layout="section"))
            else:
                reader.start(DraftSlide(title=text))
        else:
            reader.line(line)
    reader.finish()
    if not deck.title:
        deck.title = re.sub(r"[_\-]+", " ", name).strip().capitalize() or "Imported deck"
        deck.comments.append(f"deck title guessed from the file name {name!r}")
    if not deck.slides:
        deck.slides.append(DraftSlide(title=deck.title))
        deck.slides[0].comments.append("the file has no slide headings")
    return result


def _meta_text(value: Any) -> tuple[str | None, str | None]:
    """A front-matter value as deck text, and a comment when it was not text already.

    YAML reads ``2024-09-01`` as a date: it is kept as written (ISO). Numbers become their
    digits; a list of texts is joined with commas (and says so). Anything else is not text:
    ``(None, what it is)``.
    """
    if isinstance(value, str):
        return value, None
    if isinstance(value, datetime.date):  # a datetime too
        return value.isoformat(), None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value), None
    if isinstance(value, list) and value and all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return ", ".join(map(str, value)), "a list, joined with commas"
    kind = {bool: "the true/false value", list: "a list", dict: "a mapping"}.get(type(value), "")
    return None, f"{kind} {value!r}, not text".lstrip()


def _front_matter(lines: list[str]) -> tuple[dict, list[str]]:
    if not lines or lines[0].strip() != "---":
        return {}, lines
    for end in range(1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            try:
                meta = yaml.safe_load("\n".join(lines[1:end]))
            except yaml.YAMLError:
                return {}, lines
            return (meta if isinstance(meta, dict) else {}), lines[end + 1:]
    return {}, lines


class _SlideReader:
    """Collects one heading's lines into rows, columns, notes and a picture."""

    def __init__(self, result: MarkdownDeck, base: Path) -> None:
        self.result = result
        self.base = base
        self.slide: DraftSlide | None = None
        self.in_fence = False
        self.had_title = False
        self.start(None)

    def start(self, slide: DraftSlide | None) -> None:
        self.slide = slide
        self.lead: list[Row] = []
        self.columns: list[DraftColumn] = []
        self.rows = self.lead
        self.notes: list[str] = []
        self.in_notes = False
        self.indents: list[int] = []
        self.open = False  # the last row may take continuation lines

    def line(self, line: str) -> None:
        where = self.slide.title if self.slide else "the deck title"
        if _FENCE.match(line):
            if not self.in_fence:
                self.skip(f"a code block under {where!r}")
            self.in_fence = not self.in_fence
            return
        if self.in_fence:
            return
        stripped = line.strip()
        heading = _HEADING.match(line)
        if self.in_notes and not heading:
            self.notes.append(line.rstrip())
            return
        if not stripped or _RULE.match(line):
            self.open = False
            return
        if stripped.startswith(">"):
            self.notes.append(stripped[1:].strip())
            return
        notes = _NOTES.match(stripped)
        if notes:
            self.in_notes = True
            if notes["text"]:
                self.notes.append(notes["text"])
            return
        if heading:
            self.columns.append(DraftColumn(heading[2]))
            self.rows = self.columns[-1].rows
            self.indents, self.open = [], False
            return
        if _TABLE.match(line):
            self.skip(f"a table row under {where!r}: {stripped[:40]}")
            return
        image = _IMAGE.match(stripped)
        if image:
            self.picture(image)
            return
        item = _ITEM.match(line)
        if item:
            indent = len(item["indent"].expandtabs(4))
            while self.indents and indent < self.indents[-1]:
                self.indents.pop()
            if not self.indents or indent > self.indents[-1]:
                self.indents.append(indent)
            self.rows.append(Row(item["text"].strip(), len(self.indents) - 1, True))
            self.open = True
        elif self.open and self.rows:
            last = self.rows[-1]
            self.rows[-1] = Row(f"{last.text} {stripped}", last.level, last.bullet)
        else:
            self.rows.append(Row(stripped, 0, False))
            self.indents, self.open = [], True

    def picture(self, match: re.Match[str]) -> None:
        slide = self.slide
        if slide is None:
            self.skip(f"the picture {match['src']} above the first slide")
            return
        if slide.image is not None:
            self.skip(f"a second picture on slide {slide.title!r}: {match['src']}")
            return
        slide.image = match["src"]
        slide.alt = match["alt"].strip() or None
        slide.caption = (match["caption"] or "").strip() or None
        self.result.pictures.append(Picture(self.base / match["src"], slide))

    def skip(self, what: str) -> None:
        self.result.skipped.append(what)
        self.result.deck.comments.append(f"not imported: {what}")
        if self.slide is not None:
            self.slide.comments.append(f"not imported: {what}")

    def finish(self) -> None:
        deck = self.result.deck
        notes = "\n".join(self.notes).strip("\n")
        if self.slide is None:
            if self.lead and not deck.subtitle:
                deck.subtitle = self.lead.pop(0).text
            if self.lead or self.columns or notes:
                self.skip("text under the deck title (a deck has a title and subtitle only)")
            return
        slide = self.slide
        slide.notes = notes
        columns = [c for c in self.columns if c.heading or c.rows]
        if slide.layout == "section":
            rows = self.lead + [r for c in columns for r in ([Row(c.heading, 0, False)]
                                                             if c.heading else []) + c.rows]
            if rows and not rows[0].bullet and len(rows) == 1 and slide.image is None:
                slide.subtitle = rows[0].text
            elif rows or slide.image is not None:
                slide.layout = "content"
                slide.comments.append("a '#' heading with more than a subtitle under it: "
                                      "imported as a content slide, not a section")
        if slide.layout != "section":
            if 2 <= len(columns) <= 3 and slide.image is None:
                slide.rows, slide.columns = self.lead, columns
            else:
                slide.rows = self.lead + [r for c in columns for r in (
                    [Row(c.heading, 0, False)] if c.heading else []) + c.rows]
        deck.slides.append(slide)
