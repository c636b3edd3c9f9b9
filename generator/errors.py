"""The project's one exception family: every error a user can cause is a ``DeckError``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we know."""

    path: str
    line: int | None
    column: int | None
    message: str
    slide: int | None = None
    slide_title: str | None = None

    def location(self) -> str:
        """``file:line:col`` (or as much of it as is known)."""
        parts = [self.path]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = self.location()
        if self.slide is not None:
            title = f" {self.slide_title!r}" if self.slide_title else ""
            where += f": slide {self.slide}{title}"
        return f"{where}: {self.message}"


class DeckError(Exception):
    """Base class of every error caused by the user's input or environment (no traceback shown)."""

    exit_code = 1


class UsageError(DeckError):
    """The command line itself is wrong (exit code 2)."""

    exit_code = 2


class SourceError(DeckError):
    """One or more problems in a deck or theme file; all are collected before raising."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class ThemeError(SourceError):
    """A theme file (or a deck's ``style:`` override) is invalid."""


class BuildError(DeckError):
    """Rendering or writing an output failed for a reason the user can fix."""
