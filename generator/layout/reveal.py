"""Click-to-reveal: which parts of a laid-out page appear at each click (shared by all outputs)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.layout.engine import Page, TextFrame


@dataclass(frozen=True)
class Target:
    """What one click shows: paragraphs ``first``..``last`` of a frame, or the whole frame.

    ``frame`` names a part of the page: ``lead``, ``body``, ``heading1``/``column1`` (1-based
    column), ``image`` or ``caption``. ``first`` is ``None`` for the whole frame.
    """

    frame: str
    first: int | None = None
    last: int | None = None


Step = tuple[Target, ...]
DIM_OPACITY = 0.4  # how much of a dimmed item's colour is left (deck.css uses the same)


def reveal_steps(page: Page) -> tuple[Step, ...]:
    """The page's click steps in order; empty when nothing is revealed.

    ``bullets`` reveals each top-level bullet with its sub-bullets, ``all`` every bullet on its
    own, ``blocks`` each paragraph, bullet list, column and picture as a unit. Titles and plain
    paragraphs (outside ``blocks``) are always shown; every page of a split slide has its own
    steps.
    """
    source = page.source
    if source is None or source.reveal == "none" or page.kind in ("title", "section"):
        return ()
    mode = source.reveal
    frames = [("lead", page.lead), ("body", page.body)]
    steps: list[Step] = []
    for name, frame in frames:
        if frame is not None:
            steps.extend(_frame_steps(name, frame, mode))
    for number, column in enumerate(page.columns, start=1):
        if mode == "blocks":
            step = tuple(Target(name) for name, frame in ((f"heading{number}", column.heading),
                                                           (f"column{number}", column.body))
                         if frame is not None and frame.paras)
            if step:
                steps.append(step)
        else:
            steps.extend(_frame_steps(f"column{number}", column.body, mode))
    if mode == "blocks" and page.image is not None:
        steps.append((Target("image"),) + ((Target("caption"),) if page.caption else ()))
    return tuple(steps)


def page_parts(page: Page) -> dict[str, object]:
    """What each ``Target.frame`` name stands for on ``page``: a text frame, or its image."""
    parts: dict[str, object] = {"lead": page.lead, "body": page.body, "caption": page.caption,
                                "image": page.image}
    for number, column in enumerate(page.columns, start=1):
        parts[f"heading{number}"], parts[f"column{number}"] = column.heading, column.body
    return parts


def _frame_steps(name: str, frame: TextFrame, mode: str) -> list[Step]:
    """Paragraph-range steps in one text frame."""
    ranges: list[list[int]] = []  # [first, last] paragraph indices
    open_range = False
    for index, para in enumerate(frame.paras):
        if mode == "blocks":
            joins = para.bullet and open_range
            starts = not joins
        else:
            joins = para.bullet and open_range and mode == "bullets" and para.level > 0
            starts = para.bullet and not joins
        if joins:
            ranges[-1][1] = index
        elif starts:
            ranges.append([index, index])
        open_range = para.bullet and (joins or starts)
    return [(Target(name, first, last),) for first, last in ranges]


def step_count(page: Page) -> int:
    """How many clicks the page takes to show everything (0 when nothing is revealed)."""
    return len(reveal_steps(page))


def dim_color(text: str, background: str) -> str:
    """The colour of dimmed text: ``text`` at ``DIM_OPACITY`` over ``background`` (``#RRGGBB``)."""
    def channels(value: str) -> list[int]:
        value = value.lstrip("#")
        return [int(value[i:i + 2], 16) for i in (0, 2, 4)]

    mixed = (round(t * DIM_OPACITY + b * (1 - DIM_OPACITY))
             for t, b in zip(channels(text), channels(background)))
    return "".join(f"{c:02X}" for c in mixed)
