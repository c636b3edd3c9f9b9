"""The per-user cache folder for work that outlives one process (compiled templates, bases)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from generator import __version__


def cache_dir(kind: str) -> Path | None:
    """``$XDG_CACHE_HOME/lecture-deck/VERSION/KIND`` (created), or ``None`` if it cannot be made.

    ``DECK_CACHE_DIR`` overrides the base folder and ``DECK_CACHE_DIR=off`` turns caching off.
    A cache is only ever a speed-up: every caller works the same without one.
    """
    base = os.environ.get("DECK_CACHE_DIR")
    if base == "off":
        return None
    if not base:
        if sys.platform == "win32":
            root = Path(os.environ.get("LOCALAPPDATA", Path.home() / "AppData" / "Local"))
        else:
            root = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        base = str(root / "lecture-deck")
    path = Path(base) / __version__ / kind
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return path if os.access(path, os.W_OK) else None
