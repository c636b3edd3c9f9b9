"""The per-user cache folder, and the data tables a cold build reads instead of recomputing."""

from __future__ import annotations

import dataclasses
import functools
import json
import os
import stat
import sys
import tempfile
import types
import typing
from pathlib import Path
from typing import Any, Callable

from generator import __version__

# Raised whenever the layout of any table changes: a table of another format version is
# ignored (and rewritten by the next build), never misread.
TABLE_FORMAT = 2
_TABLE_MARK = "lecture-deck cache table"
MAX_TABLE_BYTES = 64 * 1024 * 1024
_PRIVATE = 0o700


def cache_dir(kind: str) -> Path | None:
    """``$XDG_CACHE_HOME/lecture-deck/VERSION/KIND``, or ``None`` when it cannot be used.

    ``DECK_CACHE_DIR`` overrides the base folder and ``DECK_CACHE_DIR=off`` turns caching off.
    The folders this makes are private (0700), and the version and kind folders are tightened to
    0700 when looser; a folder on the way that belongs to another user, or a base folder that
    others may write to, means no cache, so nothing another user planted is ever read.
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
    base_path = Path(base)
    path = base_path / __version__ / kind
    try:
        for folder, tighten in ((base_path, False), (base_path / __version__, True), (path, True)):
            if not _private_folder(folder, tighten):
                return None
    except OSError:
        return None
    return path


def _private_folder(folder: Path, tighten: bool) -> bool:
    """Make ``folder`` (0700) if missing; whether it is a real folder of the current user's
    that nobody else may write to (with ``tighten``, made 0700 when it is ours but looser)."""
    try:
        folder.mkdir(mode=_PRIVATE, parents=True)
    except FileExistsError:
        pass
    info = os.lstat(folder)
    if not stat.S_ISDIR(info.st_mode):
        return False
    if not _ours(info):
        return False
    if os.name != "nt" and info.st_mode & 0o077:
        if not tighten:
            return not info.st_mode & 0o022  # the user's own folder, writable by them only
        os.chmod(folder, _PRIVATE)
    return True


def _ours(info: os.stat_result) -> bool:
    return os.name == "nt" or info.st_uid == os.getuid()


def readable_cache_file(file: Path) -> bool:
    """Whether ``file`` is a regular file (not a link) of the current user's, safe to read."""
    try:
        info = os.lstat(file)
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and _ours(info) and info.st_size <= MAX_TABLE_BYTES


def read_kept(kind: str, name: str, magic: bytes) -> bytes | None:
    """The bytes kept as ``name`` in the ``kind`` cache folder (:func:`keep`) when that is a
    file of the current user's (not a link) that starts with ``magic``; ``None`` otherwise
    (no cache, missing, unreadable, another kind of file)."""
    folder = cache_dir(kind)
    file = folder / name if folder is not None else None
    if file is None or not readable_cache_file(file):
        return None
    try:
        data = file.read_bytes()
    except OSError:
        return None
    return data if data.startswith(magic) else None


def keep(kind: str, name: str, data: bytes) -> None:
    """Keep ``data`` as ``name`` in the ``kind`` cache folder (private, written aside, then
    renamed: parallel builds never read half a file); nothing without a cache."""
    folder = cache_dir(kind)
    if folder is not None:
        write_private(folder / name, data)


# -- tables ---------------------------------------------------------------------------------------

def read_table(file: Path | None, kind: str,
               valid: Callable[[str, Any], bool]) -> dict[str, Any]:
    """The entries of the table at ``file``; empty when missing, unreadable or not valid.

    A table is JSON: ``{"table": …, "format": TABLE_FORMAT, "kind": kind, "entries": {…}}``.
    It is taken only when its format and kind match and ``valid(key, value)`` holds for every
    entry; anything else (another version's table, a damaged file, values of the wrong type,
    a file another user owns) is ignored, and the next write replaces it. JSON rather than
    ``marshal``: it can hold only data (``marshal`` can hold code objects), and for tables of
    a few hundred entries it loads in well under a millisecond (see docs/architecture.md).
    """
    if file is None or not readable_cache_file(file):
        return {}
    try:
        with open(file, "rb", opener=_no_follow) as handle:
            loaded = json.loads(handle.read(MAX_TABLE_BYTES + 1))
    except (OSError, ValueError, RecursionError):
        return {}
    if not (isinstance(loaded, dict) and loaded.get("table") == _TABLE_MARK
            and loaded.get("format") == TABLE_FORMAT and loaded.get("kind") == kind):
        return {}
    entries = loaded.get("entries")
    if not isinstance(entries, dict):
        return {}
    try:
        if not all(valid(key, value) for key, value in entries.items()):
            return {}
    except Exception:  # a validator meeting a shape it does not expect: not valid
        return {}
    return entries


def write_table(file: Path | None, kind: str, entries: dict[str, Any]) -> None:
    """Write ``entries`` as the ``kind`` table at ``file`` (private: 0600), through a temporary
    file and a rename; failing is harmless."""
    if file is None:
        return
    data = json.dumps({"table": _TABLE_MARK, "format": TABLE_FORMAT, "kind": kind,
                       "entries": entries}, ensure_ascii=False, separators=(",", ":"))
    write_private(file, data.encode("utf-8"))


def write_private(file: Path, data: bytes) -> None:
    """Write ``data`` to ``file`` readable by its owner only, atomically (best effort)."""
    try:
        fd, tmp = tempfile.mkstemp(dir=file.parent, prefix=f".{file.name}.", suffix=".tmp")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:  # mkstemp makes the file 0600
            handle.write(data)
        os.replace(tmp, file)
    except (OSError, ValueError):
        Path(tmp).unlink(missing_ok=True)


def _no_follow(path: str, flags: int) -> int:
    return os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))


def is_float(_key: str, value: Any) -> bool:
    """A table entry that is a finite, non-negative float below a million."""
    return type(value) is float and 0.0 <= value < 1e6


def is_text(_key: str, value: Any) -> bool:
    """A table entry that is text."""
    return type(value) is str


def conforms(value: Any, hint: Any) -> bool:
    """Whether ``value`` (read back from the cache) has the type ``hint`` says, all the way
    down: ``int``, ``str``, ``bytes``, ``bool``, ``float``, ``None``, unions, ``dict[K, V]``,
    ``list[T]``, ``tuple[T, ...]``, ``tuple[A, B]`` and frozen dataclasses of those."""
    if isinstance(hint, type):
        if dataclasses.is_dataclass(hint):
            return type(value) is hint and all(
                conforms(getattr(value, name), field) for name, field in type_hints(hint).items())
        return type(value) is hint  # exact: a bool is not taken for an int
    if hint is None:
        return value is None
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        return any(conforms(value, arg) for arg in args)
    if origin is dict:
        return type(value) is dict and all(conforms(k, args[0]) and conforms(v, args[1])
                                           for k, v in value.items())
    if origin is list:
        return type(value) is list and all(conforms(v, args[0]) for v in value)
    if origin is tuple:
        if type(value) is not tuple:
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(conforms(v, args[0]) for v in value)
        return len(value) == len(args) and all(conforms(v, a) for v, a in zip(value, args))
    return False


@functools.lru_cache(maxsize=32)
def type_hints(cls: type) -> dict[str, Any]:
    """The field types of the dataclass ``cls``, its string annotations resolved."""
    module = sys.modules.get(cls.__module__)
    return typing.get_type_hints(cls, vars(module) if module else None)
