"""What an import could not carry over, where: located warnings and counts of dropped markup."""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

log = logging.getLogger("generator")


@dataclass(frozen=True)
class Dropped:
    """One thing not imported (or imported differently), at ``where`` (``file:line`` or
    ``file:slide N``)."""

    where: str
    what: str

    def __str__(self) -> str:
        return f"{self.where}: {self.what}"


@dataclass
class Report:
    """Collects an import's warnings as it reads, so none is lost and each says where.

    ``drop`` counts markup that has no meaning in a deck (a Marp directive, a CSS class, an
    HTML tag): it is never printed on a slide, and the summary says how much of each kind
    went and where it first was. ``warn`` records anything else the lecturer should check.
    """

    source: str
    dropped: list[Dropped] = field(default_factory=list)
    markup: Counter[str] = field(default_factory=Counter)
    first_seen: dict[str, str] = field(default_factory=dict)
    formulas_as_text: int = 0  # formulas the builder cannot read, kept as text

    def formula_as_text(self, where: str, why: str, formula: str) -> None:
        """Record a formula kept as text because the builder cannot read it."""
        self.formulas_as_text += 1
        self.warn(where, f"a formula the builder cannot read is kept as text ({why}): {formula}")

    def warn(self, where: str, what: str) -> None:
        """Record (and log) something not imported as it was."""
        self.dropped.append(Dropped(where, what))
        log.warning("import: %s: %s", where, what)

    def drop(self, kind: str, where: str, count: int = 1) -> None:
        """Count ``count`` pieces of markup of ``kind`` left out at ``where``."""
        if count <= 0:
            return
        self.markup[kind] += count
        self.first_seen.setdefault(kind, where)

    def markup_lines(self) -> list[str]:
        """One line per kind of dropped markup: how many, and where the first one was."""
        return [f"{count} {kind} (first at {self.first_seen[kind]})"
                for kind, count in sorted(self.markup.items(), key=lambda kv: (-kv[1], kv[0]))]

    def flush_markup(self) -> None:
        """Log the markup counts once, after the whole file was read."""
        for line in self.markup_lines():
            log.warning("import: %s: dropped markup with no meaning in a deck: %s",
                        self.source, line)
