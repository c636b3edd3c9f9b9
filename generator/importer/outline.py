"""Read a plain-text outline (a lecture's slides as extracted text) into a draft deck.

The recognised layout, and the heuristics, in the order they are applied:

* Pages are separated by two or more blank lines (or a form feed).
* A line starting with ``*``, ``-``, ``−``, ``•`` (and ``▪ ◦ ● ○ ■ ➢ ► ‣``) or ``1.``/``1)`` is a
  bullet; the space after the marker is optional. Nesting comes from indentation; where the
  extraction lost the indentation, a new marker style under a bullet is one level deeper and a
  marker style seen before goes back to its level.
* Soft wraps: when the text marks wrapped lines with a trailing space (as PDF text extraction
  does), a line without a marker continues the previous item only if that item's last line ends
  with a space, and blank lines inside a page are wrap artefacts. Otherwise (a hand-written
  outline) a line without a marker continues the previous item, and a blank line ends it.
* Lines without a marker before, between or after the bullets are plain paragraphs.
* The title is the last line of the page when it is short, has no marker, starts with a capital
  letter or digit, does not end like a clause (``, ; : -``) and follows a blank line (or is the
  page's only line). Else it is the first line, when that line is title-like and followed by a
  blank line. A page without a title continues the previous slide: it is a new slide titled
  ``PREVIOUS (continued)``, or the next column when it starts with a column heading.
* A column heading is a short all-capitals line directly followed by a bullet, e.g. ``PRO PLAN``.
* The first page is the title page when it has no bullets and at most three short lines: the
  deck title, then the subtitle, then the author. A deck needs a slide: an outline with only a
  title page gets one placeholder slide titled like the deck.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from generator.importer.draft import DraftColumn, DraftDeck, DraftSlide, Row

_PAGE_BREAK = re.compile(r"\f|\n[ \t]*\n(?:[ \t]*\n)+")
_MARKER = re.compile(r"^(?P<indent>[ \t]*)(?P<marker>[*\-−•▪◦●○■➢►‣]|\d{1,2}[.)](?=\s))"
                     r"[ \t]*(?P<text>\S.*)$")
TITLE_MAX = 80
HEADING_MAX = 40
CONTINUED = " (continued)"


@dataclass(frozen=True)
class _Line:
    text: str  # without the trailing newline; trailing spaces kept
    blank_before: bool

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def soft(self) -> bool:
        return self.text.endswith((" ", "\t"))

    @property
    def marker(self) -> re.Match[str] | None:
        return _MARKER.match(self.text)


def read_outline(path: Path) -> DraftDeck:
    """Read the text outline at ``path``."""
    return parse_outline(path.read_text(encoding="utf-8-sig"), path.stem)


def parse_outline(text: str, name: str) -> DraftDeck:
    """Parse outline ``text``; ``name`` (the file's stem) titles a deck without a title page."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    pages = [_lines(page) for page in _PAGE_BREAK.split(text)]
    pages = [page for page in pages if page]
    soft_wraps = sum(1 for page in pages for line in page if line.soft) >= 2
    deck = DraftDeck(title=_humanise(name))
    had_title_page = bool(pages) and _is_title_page(pages[0])
    if had_title_page:
        first = [line.stripped for line in pages.pop(0)]
        deck.title = first[0]
        deck.subtitle = first[1] if len(first) > 1 else None
        deck.author = first[2] if len(first) > 2 else None
    else:
        deck.comments.append(f"deck title guessed from the file name {name!r}")
    for page in pages:
        _read_page(page, deck, soft_wraps)
    for slide in deck.slides:
        _single_column_as_rows(slide)
    if not deck.slides:
        deck.slides.append(DraftSlide(title=deck.title))
        deck.slides[0].comments.append("the deck had no slides besides its title slide"
                                       if had_title_page else "the file has no text")
    return deck


def _lines(page: str) -> list[_Line]:
    out: list[_Line] = []
    blank = True
    for raw in page.split("\n"):
        if not raw.strip():
            blank = True
            continue
        out.append(_Line(raw.expandtabs(4), blank and bool(out)))
        blank = False
    return out


def _humanise(name: str) -> str:
    words = re.sub(r"[_\-]+", " ", name).strip()
    return words[:1].upper() + words[1:] if words else "Imported deck"


def _is_title_page(page: list[_Line]) -> bool:
    return len(page) <= 3 and all(
        line.marker is None and len(line.stripped) <= TITLE_MAX for line in page)


def _title_like(line: _Line) -> bool:
    text = line.stripped
    return (line.marker is None and len(text) <= TITLE_MAX
            and (text[:1].isupper() or text[:1].isdigit())
            and not text.endswith((",", ";", ":", "-", "–")))


def _is_heading(lines: list[_Line], i: int) -> bool:
    text = lines[i].stripped
    letters = [c for c in text if c.isalpha()]
    return (lines[i].marker is None and len(text) <= HEADING_MAX and len(letters) >= 2
            and all(c.isupper() for c in letters) and i + 1 < len(lines)
            and lines[i + 1].marker is not None and (i == 0 or lines[i].blank_before))


def _split_title(page: list[_Line]) -> tuple[str | None, list[_Line]]:
    last, first = page[-1], page[0]
    if len(page) == 1 or (last.blank_before and _title_like(last)):
        return last.stripped, page[:-1]
    if page[1].blank_before and _title_like(first) and not first.soft:
        return first.stripped, page[1:]
    return None, page


def _read_page(page: list[_Line], deck: DraftDeck, soft_wraps: bool) -> None:
    title, body = _split_title(page)
    sections: list[tuple[str | None, list[_Line]]] = [(None, [])]
    for i, line in enumerate(body):
        if _is_heading(body, i):
            sections.append((line.stripped, []))
        else:
            sections[-1][1].append(line)
    lead = _rows(sections[0][1], soft_wraps)
    columns = [DraftColumn(heading, _rows(lines, soft_wraps)) for heading, lines in sections[1:]]
    previous = deck.slides[-1] if deck.slides else None
    if title is None and previous is not None and previous.columns and not lead and columns:
        previous.columns.extend(columns)
        return
    slide = DraftSlide(title=title or "", rows=lead, columns=columns)
    if title is None:
        base = previous.title.removesuffix(CONTINUED) if previous else "Untitled"
        slide.title = base + CONTINUED
        slide.comments.append("title guessed: the page had no title line, so it is named after "
                              "the slide before it")
    deck.slides.append(slide)


def _single_column_as_rows(slide: DraftSlide) -> None:
    """A lone "column" is just a heading line followed by bullets: keep them as rows."""
    if len(slide.columns) == 1:
        column = slide.columns.pop()
        slide.rows += [Row(column.heading, 0, False)] if column.heading else []
        slide.rows += column.rows


def _rows(lines: list[_Line], soft_wraps: bool) -> list[Row]:
    rows: list[Row] = []
    ends_soft = False
    levels: list[tuple[int, str]] = []
    for line in lines:
        match = line.marker
        if match is None:
            joins = rows and (ends_soft if soft_wraps else not line.blank_before)
            if joins:
                rows[-1] = Row(_join(rows[-1].text, line.stripped), rows[-1].level,
                               rows[-1].bullet)
            else:
                rows.append(Row(line.stripped, 0, False))
                levels = []
        else:
            indent, marker = len(match["indent"]), match["marker"]
            marker = "1." if marker[0].isdigit() else marker
            level = _level(levels, indent, marker)
            rows.append(Row(match["text"].strip(), level, True))
        ends_soft = line.soft
    return rows


def _level(levels: list[tuple[int, str]], indent: int, marker: str) -> int:
    """The nesting level of a bullet, updating the stack of ``(indent, marker)`` per level."""
    key = (indent, marker)
    if key in levels:
        level = levels.index(key)
    elif not levels or indent > levels[-1][0]:
        level = len(levels)
    elif any(m == marker for _, m in levels):
        level = max(i for i, (_, m) in enumerate(levels) if m == marker)
    elif indent == levels[-1][0]:
        level = len(levels)
    else:
        level = max((i for i, (ind, _) in enumerate(levels) if ind <= indent), default=0)
    del levels[level:]
    levels.append(key)
    return level


def _join(before: str, after: str) -> str:
    return f"{before} {after}"
