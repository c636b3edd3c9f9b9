"""Warnings and notices collected per build, behind the package's own logger (thread-safe)."""

from __future__ import annotations

import logging
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Iterator

LOGGER = "generator"
NOTICES = "generator.notice"  # what a build did for the lecturer unasked (a template repaired)


class Collected:
    """What one build said: its warnings (identical ones counted once, with their number) and
    notices, in the order first said, and the keys of the warnings given only once."""

    def __init__(self, capture: bool = True) -> None:
        self.capture = capture
        self.counts: dict[str, int] = {}
        self.notices: list[str] = []
        self.once: set[object] = set()

    def add(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if record.levelno >= logging.WARNING:
            self.counts[message] = self.counts.get(message, 0) + 1
        elif record.name == NOTICES:
            self.notices.append(message)

    @property
    def warnings(self) -> tuple[str, ...]:
        """Each warning once, with ``(said N times)`` after one said more than once."""
        return tuple(message if count == 1 else f"{message} (said {count:,} times)"
                     for message, count in self.counts.items())


_current: ContextVar[Collected | None] = ContextVar("deck_collected", default=None)
_outside = Collected(capture=False)  # warnings said outside any build: once-keys only


class _ToCurrentBuild(logging.Filter):
    """Takes a record into the current build's collection (and out of the logging system)
    while a build collects in this thread or task; lets it through otherwise."""

    def filter(self, record: logging.LogRecord) -> bool:
        collected = _current.get()
        if collected is None or not collected.capture:
            return True
        collected.add(record)
        return False


_FILTER = _ToCurrentBuild()


def _install() -> None:
    for name in (LOGGER, NOTICES):
        logger = logging.getLogger(name)
        if _FILTER not in logger.filters:
            logger.addFilter(_FILTER)
    notices = logging.getLogger(NOTICES)
    if notices.level == logging.NOTSET:
        notices.setLevel(logging.INFO)  # recorded whatever the CLI's verbosity


@contextmanager
def collecting(capture: bool = True) -> Iterator[Collected]:
    """Collect what the ``generator`` logger says in this thread (or task) until the block ends.

    With ``capture=False`` the records still reach the logging handlers; only the warnings
    said with :func:`warn_once` are given once within the block. Blocks nest: the innermost
    collects.
    """
    _install()
    collected = Collected(capture)
    token = _current.set(collected)
    try:
        yield collected
    finally:
        _current.reset(token)


def warn_once(logger: logging.Logger, key: object, message: str, *args: object) -> None:
    """``logger.warning(message, *args)``, unless a warning with ``key`` was already given in the
    current build (or, outside any build, in this process)."""
    collected = _current.get() or _outside
    if key in collected.once:
        return
    collected.once.add(key)
    logger.warning(message, *args)
