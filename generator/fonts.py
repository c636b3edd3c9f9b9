"""Find the font file for a family (or a metric-compatible twin) and measure text with it."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

log = logging.getLogger("generator")

# Metric-compatible open fonts for common proprietary families (same advance widths).
METRIC_TWINS: dict[str, str] = {
    "calibri": "carlito",
    "cambria": "caladea",
    "arial": "liberation sans",
    "helvetica": "liberation sans",
    "times new roman": "liberation serif",
    "times": "liberation serif",
    "courier new": "liberation mono",
    "courier": "liberation mono",
}
_STYLE_SUFFIXES = {
    (False, False): ("-regular", "regular", "", "-roman", "book"),
    (True, False): ("-bold", "bold", "bd", "b"),
    (False, True): ("-italic", "italic", "i", "-oblique", "oblique"),
    (True, True): ("-bolditalic", "bolditalic", "bi", "z", "-boldoblique"),
}
FALLBACK_FAMILY = "dejavu sans"
_REFERENCE_SIZE = 1000


def font_dirs() -> list[Path]:
    """Folders searched for font files, most specific first."""
    home = Path.home()
    dirs = [home / ".local/share/fonts", home / ".fonts", Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"), Path("/Library/Fonts"), home / "Library/Fonts",
            Path("/System/Library/Fonts")]
    if sys.platform == "win32":
        dirs.insert(0, Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts")
    return [d for d in dirs if d.is_dir()]


@lru_cache(maxsize=1)
def _index() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in font_dirs():
        for root, _, files in os.walk(folder):
            for name in files:
                if name.lower().endswith((".ttf", ".otf")):
                    key = name.lower().rsplit(".", 1)[0].replace(" ", "")
                    found.setdefault(key, Path(root) / name)
    return found


def _lookup(family: str, bold: bool, italic: bool) -> Path | None:
    index = _index()
    stem = family.lower().replace(" ", "")
    for suffix in _STYLE_SUFFIXES[(bold, italic)]:
        path = index.get(stem + suffix)
        if path is not None:
            return path
    return None


@lru_cache(maxsize=64)
def font_file(family: str, bold: bool = False, italic: bool = False) -> Path | None:
    """The file that renders ``family`` (or its metric twin); ``None`` when none is installed."""
    name = family.strip().lower()
    for candidate in (name, METRIC_TWINS.get(name)):
        if candidate:
            path = _lookup(candidate, bold, italic) or (
                _lookup(candidate, False, False) if (bold or italic) else None)
            if path is not None:
                return path
    return None


@dataclass(frozen=True)
class Face:
    """A measurable font: advance widths from its file, in em units."""

    family: str
    path: Path | None
    exact: bool

    def width(self, text: str, size: float) -> float:
        """Advance width of ``text`` at ``size`` points, in points."""
        return _width_em(self.path, text) * size


def _width_em(path: Path | None, text: str) -> float:
    if path is None:
        return 0.62 * len(text)  # conservative: wider than any common sans at this size
    table = _widths(path)
    width = table.get(text)
    if width is None:
        width = table[text] = _pil_font(path).getlength(text) / _REFERENCE_SIZE
        _dirty.add(path)
    return width


@lru_cache(maxsize=32)
def _pil_font(path: Path):
    from PIL import ImageFont

    return ImageFont.truetype(str(path), _REFERENCE_SIZE)


# Measured widths outlive the process in the per-user cache, one JSON table per font file:
# a cold build of a deck measured before needs neither Pillow nor the font file. The values
# are the very floats Pillow returned, so a cached and a fresh measurement agree exactly.
_tables: dict[Path, dict[str, float]] = {}
_dirty: set[Path] = set()
MAX_CACHED_WORDS = 200_000


def _table_file(path: Path) -> Path | None:
    from .cache import cache_dir

    folder = cache_dir("font-widths")
    if folder is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    key = hashlib.sha1(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:20]
    return folder / f"{path.stem}-{key}.json"


def _widths(path: Path) -> dict[str, float]:
    table = _tables.get(path)
    if table is None:
        table = {}
        file = _table_file(path)
        if file is not None and file.is_file():
            try:
                loaded = json.loads(file.read_text(encoding="utf-8"))
                if isinstance(loaded, dict):
                    table = loaded
            except (OSError, ValueError):
                table = {}
        _tables[path] = table
    return table


def save_measurements() -> None:
    """Write the widths measured since the last save to the per-user cache (best effort)."""
    for path in sorted(_dirty):
        table = _tables.get(path, {})
        if len(table) > MAX_CACHED_WORDS:
            table.clear()
        file = _table_file(path)
        if file is None:
            continue
        tmp = file.with_name(f".{file.name}.{os.getpid()}.tmp")
        try:
            tmp.write_text(json.dumps(table, ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, file)
        except OSError:
            tmp.unlink(missing_ok=True)
    _dirty.clear()


_warned: set[str] = set()


@lru_cache(maxsize=64)
def face(family: str, bold: bool = False, italic: bool = False) -> Face:
    """A ``Face`` for measuring ``family``; falls back (with one warning) when it is missing."""
    path = font_file(family, bold, italic)
    if path is not None:
        return Face(family, path, True)
    fallback = font_file(FALLBACK_FAMILY, bold, italic)
    if family not in _warned:
        _warned.add(family)
        twin = METRIC_TWINS.get(family.lower())
        hint = f" (or its metric twin {twin.title()})" if twin else ""
        log.warning("font %r%s is not installed; measuring text with %s, which is wider, so "
                    "text may come out a little smaller than it could", family, hint,
                    fallback.name if fallback else "a conservative estimate")
    return Face(family, fallback, False)
