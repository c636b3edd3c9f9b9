"""The per-user cache of work that outlives a process (templates, bases, tables, class code)."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import CodeType

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


# -- compiled dataclass methods -------------------------------------------------------------------
# Creating a dataclass compiles its methods (__init__, __repr__, __eq__, __hash__, and for a frozen
# one __setattr__ and __delattr__) from generated source text, in every new process: about 250
# small compiles for the classes a build imports, 15-30 ms of a cold `deck build`. Like the Jinja
# bytecode, the compiled code is kept in the per-user cache; the text is the key, so a changed
# class compiles afresh, and the classes come out exactly as `dataclasses` makes them.

_codes: dict[str, object] | None = None  # source text -> code object, once loaded
_unsaved = False


def keep_dataclass_code() -> None:
    """Let ``dataclasses`` take the compiled methods of this package's classes from the cache."""
    import dataclasses

    dataclasses.exec = _exec  # the module's only use of exec(): dataclasses._create_fn


def _exec(source, globals=None, locals=None) -> None:
    global _codes, _unsaved
    if not isinstance(source, str) or not str((globals or {}).get("__name__", "")).startswith(
            "generator."):
        exec(source, globals, locals)
        return
    if _codes is None:
        _codes = _load_codes()
    code = _codes.get(source)
    if not isinstance(code, CodeType):  # not cached (or not code: a damaged table)
        code = _codes[source] = compile(source, "<string>", "exec")
        _unsaved = True
    exec(code, globals, locals)


def _codes_file() -> Path | None:
    folder = cache_dir("dataclasses")
    if folder is None:
        return None
    return folder / f"{sys.implementation.cache_tag}-{sys.version.split()[0]}.marshal"


def _load_codes() -> dict[str, object]:
    return read_table(_codes_file())


def save_dataclass_code() -> None:
    """Write the methods compiled in this process to the per-user cache (best effort)."""
    global _unsaved
    if _unsaved and _codes is not None:
        write_table(_codes_file(), _codes)
        _unsaved = False


# -- tables ---------------------------------------------------------------------------------------

def read_table(file: Path | None) -> dict:
    """A dictionary kept in the cache with :func:`write_table`; empty when missing or unreadable.

    Written with ``marshal``: three times faster to load than JSON, exact for floats and able
    to hold code objects. The cache folder is the user's own, as for Python's bytecode.
    """
    import marshal

    try:
        loaded = marshal.loads(file.read_bytes()) if file is not None else {}
    except (OSError, ValueError, EOFError, TypeError):
        return {}
    return loaded if isinstance(loaded, dict) else {}


def write_table(file: Path | None, table: dict) -> None:
    """Write ``table`` to ``file`` through a temporary file and a rename (best effort)."""
    import marshal

    if file is None:
        return
    tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
    try:
        tmp.write_bytes(marshal.dumps(table))
        os.replace(tmp, file)
    except (OSError, ValueError):
        tmp.unlink(missing_ok=True)
