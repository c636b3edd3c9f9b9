"""Find the font file for a family (or a metric-compatible twin) and measure text with it."""

from __future__ import annotations

import hashlib
import logging
import os
import re
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
    """Folders searched for font files, most specific first: the usual ones, and every folder
    fontconfig's configuration names (``<dir>`` in ``fonts.conf`` and the files it includes)."""
    home = Path.home()
    dirs = [home / ".local/share/fonts", home / ".fonts", Path("/usr/local/share/fonts"),
            Path("/usr/share/fonts"), Path("/Library/Fonts"), home / "Library/Fonts",
            Path("/System/Library/Fonts")]
    if sys.platform == "win32":
        dirs.insert(0, Path(os.environ.get("WINDIR", "C:/Windows")) / "Fonts")
    dirs += _fontconfig_setup()[0]
    return [d for d in dict.fromkeys(dirs) if d.is_dir()]


@lru_cache(maxsize=1)
def _fontconfig_setup() -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    """The font folders fontconfig's configuration names, and the configuration files and
    folders it reads (``FONTCONFIG_FILE``, else ``fonts.conf`` in ``FONTCONFIG_PATH`` or
    ``/etc/fonts``, following ``<include>``).

    Kept in the per-user cache while none of those files and folders changed (40-odd files are
    read otherwise, a few milliseconds of every cold build)."""
    folder = Path(os.environ.get("FONTCONFIG_PATH") or "/etc/fonts")
    start = Path(os.environ.get("FONTCONFIG_FILE") or folder / "fonts.conf")
    if not start.is_absolute():
        start = folder / start
    from generator.cache import cache_dir, conforms, read_table, write_table

    context = "|".join([str(start), *(os.environ.get(v, "") for v in _XDG)])
    cache = cache_dir("fontconfig")
    file = None if cache is None else cache / (
        "setup-" + hashlib.sha1(context.encode()).hexdigest()[:20] + ".json")
    known = read_table(file, "fontconfig-setup", lambda key, value: conforms(
        value, dict[str, int] if key == "read" else list[str]))
    if (set(known) == {"read", "dirs"}
            and all(_mtime(path) == time for path, time in known["read"].items())):
        return tuple(Path(d) for d in known["dirs"]), tuple(Path(r) for r in known["read"])
    dirs, read = _read_fontconfig_setup(start)
    write_table(file, "fontconfig-setup", {"read": {str(r): _mtime(r) for r in read},
                                           "dirs": [str(d) for d in dirs]})
    return dirs, read


_XDG = ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "HOME")


def _read_fontconfig_setup(start: Path) -> tuple[tuple[Path, ...], tuple[Path, ...]]:
    dirs: list[Path] = []
    read: list[Path] = []
    pending = [start]
    while pending and len(read) < 500:
        path = pending.pop(0)
        if path in read:
            continue
        read.append(path)
        if path.is_dir():
            pending += sorted(p for p in path.glob("*.conf") if p.is_file())
            continue
        for kind, text, prefix in _config_entries(path):
            found = _config_path(kind, text, prefix, path.parent)
            if found is not None:
                (dirs if kind == "dir" else pending).append(found)
    return tuple(dirs), tuple(read)


_COMMENT = re.compile(r"<!--.*?-->", re.S)
_ENTRY = re.compile(r"<(dir|include)\b([^>]*)>([^<]*)</\1>")
_PREFIX = re.compile(r"""prefix\s*=\s*["']([^"']*)["']""")


def _config_entries(path: Path) -> list[tuple[str, str, str]]:
    """The ``<dir>`` and ``<include>`` elements of one fontconfig file: (kind, text, prefix).
    Read with a regular expression: a full XML parse of the 40-odd files costs a cold build
    5 ms more, and these elements hold only text."""
    try:
        text = _COMMENT.sub("", path.read_text(encoding="utf-8", errors="replace"))
    except OSError:
        return []
    out = []
    for kind, attributes, value in _ENTRY.findall(text):
        prefix = _PREFIX.search(attributes)
        if value.strip():
            out.append((kind, value.strip(), prefix.group(1) if prefix else ""))
    return out


def _config_path(kind: str, text: str, prefix: str, base: Path) -> Path | None:
    """Where a ``<dir>`` or ``<include>`` points: ``prefix="xdg"`` is relative to the user's
    data folder (a dir) or configuration folder (an include), ``~`` to the home folder, and a
    relative path to the file's folder."""
    if prefix == "xdg":
        variable, default = (("XDG_DATA_HOME", ".local/share") if kind == "dir"
                             else ("XDG_CONFIG_HOME", ".config"))
        return Path(os.environ.get(variable) or Path.home() / default) / text
    if text.startswith("~"):
        return Path(text).expanduser()
    path = Path(text)
    return path if path.is_absolute() else base / path


def fonts_fingerprint() -> str:
    """A fingerprint of the installed fonts and fontconfig's configuration, read afresh: it
    changes when a font is added to or removed from any font folder (the folder's time
    changes) or the configuration changes. When it has changed since the fonts were last
    looked up, they are looked up again (in ``deck watch``, the next rebuild sees the font)."""
    fingerprint = _stamp(_scan()[2])
    if fingerprint != _scan()[1]:
        _forget_fonts()
        fingerprint = _scan()[1]
    return fingerprint


def _forget_fonts() -> None:
    _fontconfig_setup.cache_clear()
    _scan.cache_clear()
    for cached in (font_source, _face, _fontconfig_faces, fallback_source):
        cached.cache_clear()
    _tables.pop(_FC_KEY, None)


@lru_cache(maxsize=1)
def _scan() -> tuple[dict[str, Path], str, tuple[Path, ...]]:
    """Font files by lower-case stem, the fingerprint of the font folders and fontconfig's
    configuration (see :func:`fonts_fingerprint`), and the folders it stamps."""
    found: dict[str, Path] = {}
    folders: list[Path] = []
    for folder in font_dirs():
        for root, _, files in os.walk(folder):
            folders.append(Path(root))
            for name in files:
                if name.lower().endswith((".ttf", ".otf")):
                    key = name.lower().rsplit(".", 1)[0].replace(" ", "")
                    found.setdefault(key, Path(root) / name)
    config = Path(os.environ.get("XDG_CONFIG_HOME") or Path.home() / ".config") / "fontconfig"
    stamped = tuple(folders) + _fontconfig_setup()[1] + (config, config / "conf.d")
    return found, _stamp(stamped), stamped


def _stamp(paths: tuple[Path, ...]) -> str:
    stamps = [os.environ.get("FONTCONFIG_FILE", ""), os.environ.get("FONTCONFIG_PATH", "")]
    stamps += [f"{path}|{_mtime(path)}" for path in paths]
    return hashlib.sha1("\n".join(stamps).encode()).hexdigest()[:20]


def resolved_fonts(families: list[str]) -> list[str]:
    """For each of ``families``, the file that draws it (with its size and time), or that none
    does: what a deck's build digest records of its fonts."""
    out = []
    for family in families:
        found = font_source(family)
        if found is None:
            out.append(f"{family}|-")
            continue
        try:
            info = found[0].stat()
            out.append(f"{family}|{found[0]}|{found[1]}|{info.st_size}|{info.st_mtime_ns}")
        except OSError:
            out.append(f"{family}|{found[0]}|?")
    return out


def _mtime(path: str | Path) -> int:
    try:
        return os.stat(path).st_mtime_ns
    except OSError:
        return 0


def _index() -> dict[str, Path]:
    return _scan()[0]


def _lookup(family: str, bold: bool, italic: bool) -> Path | None:
    index = _index()
    stem = family.lower().replace(" ", "")
    for suffix in _STYLE_SUFFIXES[(bold, italic)]:
        path = index.get(stem + suffix)
        if path is not None:
            return path
    return None


def font_file(family: str, bold: bool = False, italic: bool = False) -> Path | None:
    """The file that renders ``family`` (or its metric twin); ``None`` when none is installed."""
    found = font_source(family, bold, italic)
    return found[0] if found is not None else None


@lru_cache(maxsize=64)
def font_source(family: str, bold: bool = False, italic: bool = False
                ) -> tuple[Path, int] | None:
    """The file and face index (in a ``.ttc`` collection) that renders ``family`` or its metric
    twin: found by file name first (fast), then by family name through fontconfig."""
    name = family.strip().lower()
    for candidate in (name, METRIC_TWINS.get(name)):
        if candidate:
            path = _lookup(candidate, bold, italic) or (
                _lookup(candidate, False, False) if (bold or italic) else None)
            if path is not None:
                return path, 0
    for candidate in (name, METRIC_TWINS.get(name)):
        if candidate:
            found = _fontconfig_family(candidate, bold, italic)
            if found is not None:
                return found
    return None


def _fc(*args: str) -> str:
    """What a fontconfig command prints ("" when fontconfig is not installed).

    Answers are kept in the per-user cache while the installed fonts stay the same, so a cold
    build does not start ``fc-match`` again for the characters no deck font has.
    """
    answers = _fc_answers()
    key = "\x1f".join(args)
    out = answers.get(key)
    if out is None:
        import subprocess

        try:
            out = subprocess.run(args, capture_output=True, text=True, timeout=20,
                                 check=False).stdout
        except (OSError, subprocess.SubprocessError):
            return ""
        answers[key] = out
        _dirty.add(_FC_KEY)
    return out


_FC_KEY = (Path("fontconfig"), -1)  # the fontconfig answers' entry in _tables and _dirty


def _fc_answers() -> dict[str, str]:
    answers = _tables.get(_FC_KEY)
    if answers is None:
        from generator.cache import is_text, read_table

        answers = _tables[_FC_KEY] = read_table(_fc_file(), "fontconfig", is_text)
    return answers


def _fc_file() -> Path | None:
    from generator.cache import cache_dir

    folder = cache_dir("fontconfig")
    return None if folder is None else folder / f"answers-{_scan()[1]}.json"


@lru_cache(maxsize=1)
def _fontconfig_faces() -> tuple[tuple[str, Path, int, int, int], ...]:
    """Every installed face as ``(family in lower case, file, index, weight, slant)``."""
    out = []
    for line in _fc("fc-list", "--format", "%{family}\t%{file}\t%{index}\t%{weight}\t%{slant}\n"
                    ).splitlines():
        parts = line.split("\t")
        if len(parts) != 5:
            continue
        families, file, index, weight, slant = parts
        try:
            numbers = int(index), int(float(weight.split()[0])), int(float(slant.split()[0]))
        except (ValueError, IndexError):
            continue
        for fam in families.split(","):
            out.append((fam.strip().lower(), Path(file), *numbers))
    return tuple(out)


def _fontconfig_family(family: str, bold: bool, italic: bool) -> tuple[Path, int] | None:
    """A face of ``family`` as fontconfig lists it, the closest to the wanted style."""
    faces = [f for f in _fontconfig_faces() if f[0] == family]
    if not faces:
        return None

    def distance(f: tuple[str, Path, int, int, int]) -> tuple[int, int]:
        return abs(f[3] - (200 if bold else 80)), abs(f[4] - (100 if italic else 0))

    best = min(faces, key=distance)
    return best[1], best[2]


@lru_cache(maxsize=32)
def fallback_source(pattern: str) -> tuple[str, Path, int] | None:
    """The family, file and index fontconfig draws ``pattern`` with (for example
    ``sans-serif:lang=zh-cn`` or ``sans-serif:charset=1f600``), or ``None``."""
    line = _fc("fc-match", "-f", "%{family[0]}\t%{file}\t%{index}", pattern)
    parts = line.split("\t")
    if len(parts) != 3 or not parts[1]:
        return None
    try:
        return parts[0], Path(parts[1]), int(parts[2] or 0)
    except ValueError:
        return None


@dataclass(frozen=True)
class Face:
    """A measurable font: advance widths from its file, in em units."""

    family: str
    path: Path | None
    exact: bool
    index: int = 0  # the face's index in a .ttc collection

    def width(self, text: str, size: float) -> float:
        """Advance width of ``text`` at ``size`` points, in points."""
        return _width_em(self.path, self.index, text) * size

    def covers(self, char: str) -> bool:
        """Whether the font has a glyph for ``char`` (Latin-1 and Latin Extended-A: always)."""
        if ord(char) < 0x180 or self.path is None:
            return True
        return _covers(self.path, self.index, char)

    def line_factor(self) -> float:
        """The font's natural line height (ascent, descent and line gap) in em."""
        if self.path is None:
            return 1.2
        table = _widths(self.path, self.index)
        value = table.get(_LINE_KEY)
        if value is None:
            font = _pil_font(self.path, self.index)
            value = table[_LINE_KEY] = font.font.height / font.size  # ascent + descent + gap
            _dirty.add((self.path, self.index))
        return value


_LINE_KEY = "\x00line"
_COVER_KEY = "\x00has:"


def _width_em(path: Path | None, index: int, text: str) -> float:
    if path is None:
        return 0.62 * len(text)  # conservative: wider than any common sans at this size
    table = _widths(path, index)
    width = table.get(text)
    if width is None:
        font = _pil_font(path, index)
        width = table[text] = font.getlength(text) / font.size
        _dirty.add((path, index))
    return width


def _covers(path: Path, index: int, char: str) -> bool:
    table = _widths(path, index)
    key = _COVER_KEY + char
    known = table.get(key)
    if known is None:
        known = table[key] = 1.0 if ord(char) in _cmap(path, index) else 0.0
        _dirty.add((path, index))
    return known == 1.0


@lru_cache(maxsize=16)
def _cmap(path: Path, index: int) -> frozenset[int]:
    """The code points ``path`` has glyphs for (fontTools reads the font's cmap table)."""
    from fontTools.ttLib import TTFont

    try:
        font = TTFont(str(path), fontNumber=index, lazy=True)
        return frozenset(font.getBestCmap() or ())
    except Exception:  # an unreadable font covers nothing we can rely on
        return frozenset()


@lru_cache(maxsize=32)
def _pil_font(path: Path, index: int = 0):
    from PIL import ImageFont

    try:
        return ImageFont.truetype(str(path), _REFERENCE_SIZE, index=index)
    except OSError:  # a bitmap font (Noto Color Emoji) opens only at its one strike size
        return ImageFont.truetype(str(path), _BITMAP_SIZE, index=index)


_BITMAP_SIZE = 109


# Measured widths outlive the process in the per-user cache, one table per font file:
# a cold build of a deck measured before needs neither Pillow nor the font file. The values
# are the very floats Pillow returned, so a cached and a fresh measurement agree exactly.
_tables: dict[tuple[Path, int], dict[str, float]] = {}
_dirty: set[tuple[Path, int]] = set()
MAX_CACHED_WORDS = 200_000


def _table_file(path: Path, index: int = 0) -> Path | None:
    from generator.cache import cache_dir

    folder = cache_dir("font-widths")
    if folder is None:
        return None
    try:
        stat = path.stat()
    except OSError:
        return None
    key = hashlib.sha1(f"{path}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:20]
    return folder / f"{path.stem}-{index}-{key}.json"


def _widths(path: Path, index: int = 0) -> dict[str, float]:
    table = _tables.get((path, index))
    if table is None:
        from generator.cache import is_float, read_table

        table = _tables[(path, index)] = read_table(_table_file(path, index), "font-widths",
                                                    is_float)
    return table


def save_measurements() -> None:
    """Write the widths measured (and fontconfig's answers) since the last save to the per-user
    cache (best effort; private to the user, as they hold the words of the decks)."""
    from generator.cache import write_table

    for path, index in sorted(_dirty):
        table = _tables.get((path, index), {})
        if len(table) > MAX_CACHED_WORDS:
            table.clear()
        if (path, index) == _FC_KEY:
            write_table(_fc_file(), "fontconfig", table)
        else:
            write_table(_table_file(path, index), "font-widths", table)
    _dirty.clear()


def face(family: str, bold: bool = False, italic: bool = False) -> Face:
    """A ``Face`` for measuring ``family``; falls back (with a warning, once per build) when it
    is missing."""
    found = _face(family, bold, italic)
    if not found.exact:
        from generator.collect import warn_once

        twin = METRIC_TWINS.get(family.lower())
        hint = f" (or its metric twin {twin.title()})" if twin else ""
        warn_once(log, ("font", family), "font %r%s is not installed; measuring text with %s, "
                  "which is wider, so text may come out a little smaller than it could", family,
                  hint, found.path.name if found.path else "a conservative estimate")
    return found


@lru_cache(maxsize=64)
def _face(family: str, bold: bool, italic: bool) -> Face:
    found = font_source(family, bold, italic)
    if found is not None:
        return Face(family, found[0], True, found[1])
    return Face(family, font_file(FALLBACK_FAMILY, bold, italic), False)
