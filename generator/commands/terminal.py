"""Printing for the ``deck`` command: colours only on a terminal, every write flushed at once."""

from __future__ import annotations

import re
import sys

_CODES = {"red": 31, "green": 32, "yellow": 33, "blue": 34, "cyan": 36}
_ANSI = re.compile(r"\033\[[;?0-9]*[a-zA-Z]")


def style(text: str, fg: str | None = None, bold: bool = False, dim: bool = False) -> str:
    """``text`` in colour ``fg`` (one of red, green, yellow, blue, cyan), bold or dim; the codes
    are dropped again by :func:`echo` when its stream is not a terminal."""
    codes = ([f"{_CODES[fg]}"] if fg else []) + (["1"] if bold else []) + (["2"] if dim else [])
    return f"\033[{';'.join(codes)}m{text}\033[0m" if codes else text


def echo(text: str = "", err: bool = False, nl: bool = True) -> None:
    """Write ``text`` (and a newline) to stdout, or stderr with ``err``, then flush, so that a
    piped ``deck watch`` shows each line when it happens. Colour and cursor codes are written
    only to a terminal."""
    stream = sys.stderr if err else sys.stdout
    if stream is None:  # no console at all (pythonw)
        return
    if not _isatty(stream):
        text = _ANSI.sub("", text)
    stream.write(text + "\n" if nl else text)
    stream.flush()


def _isatty(stream) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):  # a replaced or closed stream
        return False
