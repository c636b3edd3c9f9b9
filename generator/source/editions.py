"""Editions of a deck: the instructor's (everything) and the students' (no notes, no
instructor-only or hidden slides, answers only from their release day on).

The student edition is made here, on the model, before anything is laid out: what it leaves
out is not in the model any output is drawn from, so no output can hold it.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from generator.source.model import EDITIONS, Answer, Block, Column, Deck, Slide

INSTRUCTOR, STUDENT = EDITIONS


def for_edition(deck: Deck, edition: str = INSTRUCTOR, as_of: date | None = None) -> Deck:
    """``deck`` as ``edition`` shows it on the day ``as_of`` (default: today).

    Both editions unwrap the answers the reader marked; the student edition also drops speaker
    notes, slides marked ``instructor`` or ``hidden``, and answers (blocks or slides) whose
    release day is after ``as_of``.
    """
    if edition not in EDITIONS:
        raise ValueError(f"edition must be one of {', '.join(EDITIONS)}, got {edition!r}")
    day = as_of or date.today()
    student = edition == STUDENT
    released: set[date] = set()

    def shown(release: date) -> bool:
        if not student:
            return True
        if release <= day:
            released.add(release)
            return True
        return False

    slides = []
    for slide in deck.slides:
        if student and (slide.instructor or slide.hidden):
            continue
        if slide.release is not None and not shown(slide.release):
            continue
        slides.append(_slide(slide, shown, student))
    return replace(deck, slides=tuple(slides), edition=edition,
                   released=tuple(_shown_day(d) for d in sorted(released)))


def _slide(slide: Slide, shown, student: bool) -> Slide:
    blocks = _blocks(slide.blocks, shown)
    columns = tuple(replace(c, blocks=_blocks(c.blocks, shown)) for c in slide.columns)
    changed = blocks != slide.blocks or columns != slide.columns
    if student and slide.notes:
        return replace(slide, blocks=blocks, columns=columns, notes="")
    return replace(slide, blocks=blocks, columns=columns) if changed else slide


def _blocks(blocks: tuple[Block | Answer, ...], shown) -> tuple[Block, ...]:
    """``blocks`` with each answer replaced by its blocks, or left out when not shown."""
    if not any(isinstance(b, Answer) for b in blocks):
        return blocks  # type: ignore[return-value]
    out: list[Block] = []
    for block in blocks:
        if not isinstance(block, Answer):
            out.append(block)
        elif shown(block.release):
            out.extend(block.blocks)
    return tuple(out)


def _shown_day(day: date) -> str:
    return "now" if day == date.min else day.isoformat()


def has_answers(column_or_slide: Slide | Column) -> bool:
    """Whether a slide (or column) holds answer blocks (before the edition step)."""
    return any(isinstance(b, Answer) for b in column_or_slide.blocks)
