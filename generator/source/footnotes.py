"""Footnotes: ``[^label]`` marks a note the slide's ``footnotes:`` defines and ``^[text]`` is a
note written in place; numbered per slide in reading order, each mark becomes a superscript
number and the notes go to the slide's foot."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

from generator.source import inline

_NOTE = re.compile(r"(?<!\\)(?:\[\^(?P<label>[^\]\s]+)\]"
                   r"|\^\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\])")
_SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


@dataclass(frozen=True)
class NoteMark:
    """A footnote mark in a text: ``text[start:end]``, naming a defined note (``label``) or
    holding its own (``note``)."""

    start: int
    end: int
    label: str | None
    note: str | None


def find(text: str) -> list[NoteMark]:
    """The footnote marks in ``text``, in order; none inside code, formulas or addresses."""
    if "^" not in text:
        return []
    literal = list(inline.literal_ranges(text))
    return [NoteMark(m.start(), m.end(), m.group("label"), m.group("text"))
            for m in _NOTE.finditer(text) if not any(a <= m.start() < b for a, b in literal)]


def superscript(number: int) -> str:
    """``12`` as ``¹²``: a footnote's mark in the text and before its note."""
    return str(number).translate(_SUPERSCRIPT)


class Numbering:
    """Numbers one slide's notes as its texts are read in order: a label's first mark gets the
    next number (later marks of it the same), every in-place note a number of its own."""

    def __init__(self, defined: Mapping[str, str]) -> None:
        self.defined = defined
        self.numbers: dict[str, int] = {}
        self.notes: list[str] = []

    def __call__(self, text: str) -> str:
        """``text`` with its marks as superscript numbers."""
        marks = find(text)
        if not marks:
            return text
        pieces, at = [], 0
        for mark in marks:
            pieces.extend((text[at:mark.start], superscript(self.number(mark))))
            at = mark.end
        return "".join(pieces) + text[at:]

    def number(self, mark: NoteMark) -> int:
        if mark.label is None:
            self.notes.append((mark.note or "").strip())
            return len(self.notes)
        if mark.label not in self.numbers:
            self.notes.append(self.defined[mark.label])
            self.numbers[mark.label] = len(self.notes)
        return self.numbers[mark.label]
