"""Resolve a deck's theme (built-in name or file) plus its ``style:`` overrides into tokens."""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Literal, Mapping

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode

from generator import pictures
from generator.errors import BuildError, Problem, SourceError, ThemeError, UsageError
from generator.source.keys import PORTABLE_FONTS as PORTABLE_FONTS  # declared there
from generator.source.keys import (
    LOGO,
    THEME,
    Color,
    Group,
    Key,
    Section,
    theme_image_paths,
    theme_key,
)
from generator.source.model import Deck, FileAccess, Mark
from generator.source.yamlnodes import Reader, did_you_mean, mark_of, merged_pairs, read_yaml

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"
if not TEMPLATES_DIR.is_dir():  # running from a source checkout
    TEMPLATES_DIR = Path(__file__).resolve().parent.parent.parent / "templates"
THEMES_DIR = TEMPLATES_DIR / "themes"
DEFAULT_THEME = "classic"
LOGO_DEFAULTS = {key.name: key.default for key in LOGO if not key.required}
IMAGE_SUFFIXES = pictures.SUFFIXES
IMAGE_KINDS = pictures.KINDS
BODY_TEXT = 4.5
LARGE_TEXT = 3.0
# (foreground, background, minimum ratio): every text colour on the surface it is drawn on.
CONTRAST_PAIRS = (
    ("colors.text", "colors.background", BODY_TEXT),
    ("colors.heading", "colors.background", LARGE_TEXT),
    ("colors.accent", "colors.background", LARGE_TEXT),  # bullets and column headings
    ("colors.muted", "colors.background", BODY_TEXT),
    ("colors.link", "colors.background", BODY_TEXT),
    ("colors.lead", "colors.background", BODY_TEXT),
    ("colors.text", "colors.code_background", BODY_TEXT),
    ("footer.color", "colors.background", BODY_TEXT),
    ("title_slide.title_color", "title_slide.band", LARGE_TEXT),
    ("title_slide.subtitle_color", "title_slide.background", LARGE_TEXT),
    ("title_slide.byline_color", "title_slide.background", BODY_TEXT),  # author and date
    ("colors.heading", "title_slide.background", LARGE_TEXT),  # the title slide's author line
    ("section_slide.title_color", "section_slide.band", LARGE_TEXT),  # in the title's look
    ("section_slide.subtitle_color", "section_slide.background", LARGE_TEXT),
)
ContrastMode = Literal["error", "warn"]
CONTRAST_MODES = ("error", "warn")

_HEX = re.compile(r"^#(?:[0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$")
_log = logging.getLogger("generator")


@dataclass(frozen=True)
class Theme:
    """Resolved design tokens shared by both renderers (colours as ``#RRGGBB``, sizes in pt)."""

    name: str
    source: Path
    tokens: Mapping[str, Any]

    def __getitem__(self, key: str) -> Any:
        return self.tokens[key]

    @property
    def fonts(self) -> Mapping[str, str]:
        return self.tokens["fonts"]

    @property
    def colors(self) -> Mapping[str, str]:
        return self.tokens["colors"]

    @property
    def sizes(self) -> Mapping[str, Any]:
        return self.tokens["sizes"]

    @property
    def spacing(self) -> Mapping[str, float]:
        return self.tokens["spacing"]

    def color(self, value: str | None) -> str | None:
        """A colour token value (hex, theme colour name or ``none``) as hex, or ``None``."""
        if value is None or value == "none":
            return None
        return self.colors.get(value, value)

    def level_size(self, level: int) -> float:
        """The font size in pt of bullet ``level`` (0-based; deeper levels reuse the last size)."""
        levels = self.sizes["levels"]
        return float(levels[min(level, len(levels) - 1)])


def picture_problem(path: Path) -> str | None:
    """Why the picture file at ``path`` cannot be used (``"is not a readable image (…)"`` or
    ``"is too large: …"``), or ``None`` when it can. A raster picture's size is read from its
    header and one over :data:`generator.untrusted.MAX_PIXELS` refused before Pillow opens it;
    then :func:`generator.pictures.kind` checks the kind and structure (no pixels decoded)."""
    from generator.untrusted import PictureError, PictureTooLarge, picture_info

    try:
        picture_info(path)
    except PictureTooLarge as err:
        return f"is too large: {err}"
    except PictureError:
        pass  # not a raster picture it knows, or damaged: pictures.kind says which
    if pictures.kind(path) is None:
        return f"is not a readable image (expected {IMAGE_KINDS})"
    return None


# -- finding themes ----------------------------------------------------------------------------
def builtin_themes() -> dict[str, Path]:
    """Built-in theme names mapped to their files."""
    return {p.stem: p for p in sorted(THEMES_DIR.glob("*.yaml"))}


def theme_description(path: Path) -> str:
    """The one-line ``description`` of a theme file (without validating the rest)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("description:"):
            try:
                value = yaml.safe_load(line)["description"]
            except yaml.YAMLError:
                value = line.split(":", 1)[1]
            return str(value).strip() if value is not None else ""
    return ""


def list_themes() -> list[tuple[str, str]]:
    """``(name, description)`` of every built-in theme, default first, then by name."""
    themes = builtin_themes()
    names = sorted(themes, key=lambda n: (n != DEFAULT_THEME, n))
    return [(name, theme_description(themes[name])) for name in names]


def resolve_theme_path(name: str, base: Path, access: FileAccess | None = None) -> Path:
    """A built-in theme name or a path relative to ``base`` (the deck's folder); with
    ``access``, a theme file outside the folders it permits is a ``ThemeError``."""
    themes = builtin_themes()
    if name in themes:
        return themes[name]
    candidate = (base / name).expanduser().resolve()
    if access is not None and not access.permits(candidate):
        raise ThemeError([Problem(name, None, None, access.refusal("theme file", name, base))])
    if candidate.is_file():
        return candidate
    choices = ", ".join(themes)
    hint = did_you_mean(name, themes)
    looked = f" (looked for {candidate})" if any(c in name for c in "/\\.") else ""
    raise ThemeError([Problem(name, None, None, f"no theme {name!r}: expected a built-in theme "
                              f"({choices}) or a path to a theme file{looked}{hint}")])


def theme_option(value: str | None, cwd: Path | None = None) -> str | None:
    """A ``--theme`` value made ready for every deck: a built-in name as is, a file made absolute.

    The file is looked for relative to ``cwd`` (default: the current folder), where the user
    typed it, not relative to each deck. Raises ``UsageError`` naming the built-in themes when
    there is no such theme.
    """
    if value is None or value in builtin_themes():
        return value
    try:
        return str(resolve_theme_path(value, cwd or Path.cwd()))
    except ThemeError as err:
        raise UsageError(err.problems[0].message) from err


def copy_theme(name: str, dest: Path, overwrite: bool = False) -> Path:
    """Copy built-in theme ``name`` to ``dest`` (a ``.yaml`` file or an existing folder) to edit.

    Returns the written file. Raises ``UsageError`` for an unknown name or a destination that
    is not a ``.yaml`` file, ``BuildError`` if it exists or cannot be written.
    """
    themes = builtin_themes()
    if name not in themes:
        hint = did_you_mean(name, themes)
        raise UsageError(f"no built-in theme {name!r}: expected one of "
                         f"{', '.join(themes)}{hint}")
    dest = Path(dest).expanduser()
    if dest.is_dir():
        dest = dest / f"{name}.yaml"
    elif dest.suffix.lower() not in (".yaml", ".yml"):
        raise UsageError(f"{dest}: expected a theme file path ending in .yaml or an existing "
                         f"folder, got {dest.name!r}")
    if dest.exists() and not overwrite:
        raise BuildError(f"{dest}: file already exists; choose another name or delete it first")
    try:
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(themes[name], dest)
    except OSError as err:
        raise BuildError(f"{dest}: cannot write the theme file: {err.strerror}") from err
    return dest


# -- loading -----------------------------------------------------------------------------------
@dataclass
class _Layer:
    """One source of tokens (the defaults, a theme file or a ``style:`` override)."""

    tokens: dict[str, Any]
    marks: dict[str, Mark]  # dotted key -> where its value was written
    base: Path  # folder that relative image paths in this layer are relative to


_DEFAULTS: _Layer | None = None


def _default_layer() -> _Layer:
    global _DEFAULTS
    if _DEFAULTS is None:
        path = builtin_themes()[DEFAULT_THEME]
        root = _read_theme_file(path, str(path))
        _DEFAULTS = _Layer(Reader(str(path)).plain(root), _marks(str(path), root), path.parent)
    return _DEFAULTS


def default_tokens() -> dict[str, Any]:
    """The default theme's tokens: every theme is merged over these, and they define the schema."""
    return _thaw(_default_layer().tokens)


def load_theme(name_or_path: str | None = None, base: Path | None = None,
               style: Mapping[str, Any] | None = None,
               style_origin: str = "style", contrast: ContrastMode = "error",
               style_node: Node | None = None, access: FileAccess | None = None,
               theme_access: FileAccess | None = None) -> Theme:
    """Resolve a theme by name or path, merge ``style`` overrides, validate, and return tokens.

    ``style_origin`` names the file the overrides came from; pass the deck's ``style:`` node as
    ``style_node`` and problems in it are located as ``file:line:col``. With ``contrast="warn"``
    a colour pair below WCAG AA is logged on the ``generator`` logger instead of raised.
    ``theme_access`` says where the theme file and its pictures may be, ``access`` where the
    pictures ``style`` names may be (default: anywhere).
    """
    if contrast not in CONTRAST_MODES:
        raise ValueError(f"contrast must be one of {', '.join(CONTRAST_MODES)}, got {contrast!r}")
    base = base or Path.cwd()
    path = resolve_theme_path(name_or_path or DEFAULT_THEME, base, theme_access)
    layers = [_default_layer()]
    if path != builtin_themes()[DEFAULT_THEME]:
        builtin = path in builtin_themes().values()
        layers.append(_theme_layer(path, None if builtin else theme_access))
    if style:
        layers.append(_style_layer(style, style_origin, style_node, base, access))
    tokens = _thaw(layers[0].tokens)
    for layer in layers[1:]:
        _deep_merge(tokens, layer.tokens)
    marks = {key: (rank, mark) for rank, layer in enumerate(layers)
             for key, mark in layer.marks.items()}
    _check_minimum_size(tokens, marks)
    chains = _resolve_colors(tokens, marks)
    _complete_logo(tokens)
    problems = contrast_problems(tokens, chains, marks)
    if problems and contrast == "error":
        raise ThemeError(problems)
    for problem in problems:
        _log.warning("%s", problem)
    return Theme(name=path.stem, source=path, tokens=tokens)


def _check_minimum_size(tokens: Mapping[str, Any], marks: Mapping[str, tuple[int, Mark]]) -> None:
    """The fitter shrinks from ``sizes.body`` down to ``sizes.minimum``: the two must agree."""
    minimum, body = float(tokens["sizes"]["minimum"]), float(tokens["sizes"]["body"])
    if minimum > body:
        raise ThemeError([_located(["sizes.minimum", "sizes.body"], marks,
                                   f"sizes.minimum {minimum:g} is larger than sizes.body "
                                   f"{body:g}: the fitter would start below its own minimum; "
                                   "make minimum at most the body size")])


def theme_for(deck: Deck, override: str | None = None,
              contrast: ContrastMode = "error") -> Theme:
    """The resolved theme of ``deck`` (``override`` replaces its ``theme:`` key).

    The deck's theme file and the pictures it and ``style:`` name are read only where the deck
    may read (``deck.access``); a theme file named by ``override`` (``--theme``, the user's own
    choice) reads its pictures from its own folder.
    """
    base = deck.path.parent
    node = _deck_style_node(deck) if deck.style else None
    display = deck.mark.path if deck.mark is not None else str(deck.path)
    access = deck.access or FileAccess(base)
    theme_access = access
    if override and override not in builtin_themes():
        theme_access = access.widened(Path(override).parent, "the theme file's folder")
    return load_theme(override or deck.theme, base, deck.style, display, contrast, node,
                      access=access, theme_access=theme_access)


def _shown(path: Path) -> str:
    """A theme file's path as messages show it: relative to the current folder when inside it."""
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def _read_theme_file(path: Path, display: str) -> Node:
    try:
        root = read_yaml(path, display, what="theme")
        Reader(display).check_tags(root)
    except ThemeError:
        raise
    except SourceError as err:
        raise ThemeError(list(err.problems)) from err
    return root


def _theme_layer(path: Path, access: FileAccess | None = None) -> _Layer:
    display = _shown(path)
    root = _read_theme_file(path, display)
    reader = Reader(display)
    if not isinstance(root, MappingNode):
        reader.error(root, f"a theme file must be a mapping of tokens, got {reader.describe(root)}"
                     f" (valid keys: {', '.join(THEME.names)})")
    else:
        _check_mapping(reader, root, THEME, (), "")
    reader.raise_if_any(ThemeError)
    layer = _Layer(_drop_empty_sections(reader.plain(root)), _marks(display, root), path.parent)
    _resolve_paths(layer, reader, root, access)
    reader.raise_if_any(ThemeError)
    return layer


def check_style_nodes(reader: Reader, node: Node, access: FileAccess | None = None) -> None:
    """Check a deck's ``style:`` node against the theme schema, recording problems on ``reader``.

    Same rules and messages as theme files (keys, types, colours, image files relative to the
    deck file's folder); problems carry the deck file's ``line:col``. Does not raise.
    """
    if not isinstance(node, MappingNode):
        reader.error(node, f"'style' must be a mapping of theme overrides, got "
                     f"{reader.describe(node)} (valid keys: {', '.join(THEME.names)})")
        return
    before = len(reader.problems)
    _check_mapping(reader, node, THEME, (), "style")
    if len(reader.problems) == before:
        base = Path(reader.path).resolve().parent
        layer = _Layer(_drop_empty_sections(reader.plain(node)), {}, base)
        _resolve_paths(layer, reader, node, access)


def _style_layer(style: Mapping[str, Any], origin: str, node: Node | None, base: Path,
                 access: FileAccess | None = None) -> _Layer:
    plain = _thaw(style)
    located = node is not None
    if node is None:
        # No marks: compose the plain data so the one schema check applies, then drop positions.
        node = yaml.compose(yaml.safe_dump(plain, allow_unicode=True, sort_keys=False))
    reader = Reader(origin)
    _check_mapping(reader, node, THEME, (), "style")
    layer = _Layer(_drop_empty_sections(plain), _marks(origin, node) if located else {}, base)
    if not reader.problems:
        _resolve_paths(layer, reader, node, access)
    if reader.problems and not located:
        reader.problems = [Problem(p.path, None, None, p.message) for p in reader.problems]
    reader.raise_if_any(ThemeError)
    return layer


def _deck_style_node(deck: Deck) -> Node | None:
    """The deck file's ``style:`` node, if the file still holds exactly ``deck.style``."""
    try:
        root = read_yaml(deck.path, str(deck.path))
    except (SourceError, OSError):
        return None
    if not isinstance(root, MappingNode):
        return None
    for key, value in root.value:
        if isinstance(key, ScalarNode) and key.value == "style" and isinstance(value, MappingNode):
            try:
                same = Reader(str(deck.path)).plain(value) == _thaw(deck.style)
            except (SourceError, RecursionError):
                return None
            return value if same else None
    return None


# -- schema ------------------------------------------------------------------------------------
def _pairs(node: MappingNode) -> Iterator[tuple[Node, Node]]:
    yield from merged_pairs(node)


def _label(path: tuple[str, ...], prefix: str) -> str:
    if not path:
        return prefix or "the theme"
    return ".".join((prefix, *path) if prefix else path)


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag.endswith(":null")


def _check_against(reader: Reader, node: Node, key: Key, path: tuple[str, ...],
                   prefix: str = "") -> None:
    """Record a problem for every key, type or colour in ``node`` that the declared theme
    ``key`` (see :data:`generator.source.keys.THEME`) does not allow.

    ``path`` is the dotted key of ``node`` in the theme; ``prefix`` (``"style"`` for a deck's
    overrides) is put in front of it in messages.
    """
    where = _label(path, prefix)
    if key.step is not None:
        _THEME_STEPS[key.step](reader, node, where)
    elif isinstance(key, Section):
        _check_mapping(reader, node, key.group, path, prefix)
    else:
        key.check(reader, node, where, path)


def _check_mapping(reader: Reader, node: Node, group: Group, path: tuple[str, ...],
                   prefix: str) -> None:
    where = _label(path, prefix)
    if not isinstance(node, MappingNode):
        if path and _is_null(node):
            return  # an empty section overrides nothing
        reader.error(node, f"{where} must be a mapping of keys to values, got "
                     f"{reader.describe(node)} (valid keys: {', '.join(group.names)})")
        return
    seen: set[str] = set()
    for key_node, value_node in _pairs(node):
        if not isinstance(key_node, ScalarNode):
            reader.error(key_node, f"keys in {where} must be plain words")
            continue
        key = key_node.value
        if key not in group:
            hint = did_you_mean(str(key), group.names)
            reader.error(key_node, f"unknown theme key {key!r} in {where}{hint} "
                         f"(valid keys: {', '.join(group.names)})")
            continue
        if key in seen:
            reader.error(key_node, f"duplicate key {key!r} in {where}")
            continue
        seen.add(key)
        _check_against(reader, value_node, group[key], (*path, key), prefix)


def _check_logo(reader: Reader, node: Node, where: str) -> None:
    """``logo:``: null, or a mapping read key by key as :data:`generator.source.keys.LOGO`
    declares (``image`` required)."""
    if _is_null(node):
        return
    keys = reader.mapping(node, LOGO.names, where, required=LOGO.required)
    if keys is None:
        return
    for key in LOGO:
        if key.name in keys:
            key.read(reader, keys[key.name][1], f"{where}.{key.name}")


# The hand-written checks the theme declaration registers on its keys (``step=``).
_THEME_STEPS = {"check_logo": _check_logo}


def _resolve_paths(layer: _Layer, reader: Reader, root: Node,
                   access: FileAccess | None = None) -> None:
    """Make this layer's image paths absolute (relative to its file) and check they exist,
    and (with ``access``) that they lie where the deck may read."""
    for path in theme_image_paths():
        holder: Any = layer.tokens
        for key in path[:-1]:
            holder = holder.get(key) if isinstance(holder, dict) else None
        if not isinstance(holder, dict) or not isinstance(holder.get(path[-1]), str):
            continue
        written = holder[path[-1]]
        found = (layer.base / written).expanduser().resolve()
        node = _find(root, path)
        where = ".".join(path)
        if access is not None and not access.permits(found):
            reader.error(node, access.refusal(f"{where} picture", written, layer.base))
        elif found.suffix.lower() not in IMAGE_SUFFIXES:
            reader.error(node, f"{where} must be an image file ({', '.join(IMAGE_SUFFIXES)}), "
                         f"got {written!r}")
        elif not found.is_file():
            reader.error(node, f"{where} {written!r} not found (looked for {found})")
        elif (problem := picture_problem(found)) is not None:
            reader.error(node, f"{where} {written!r} {problem}")
        else:
            holder[path[-1]] = str(found)


def _find(node: Node, path: tuple[str, ...]) -> Node | None:
    found: Node | None = node
    for key in path:
        if not isinstance(found, MappingNode):
            return None
        found = next((v for k, v in _pairs(found) if k.value == key), None)
    return found


def _marks(display: str, node: Node, prefix: str = "") -> dict[str, Mark]:
    """Dotted key of every value under ``node`` mapped to where the value starts."""
    out: dict[str, Mark] = {}
    if isinstance(node, MappingNode):
        for key, value in _pairs(node):
            if isinstance(key, ScalarNode):
                dotted = f"{prefix}{key.value}"
                out[dotted] = mark_of(display, value)
                out.update(_marks(display, value, dotted + "."))
    return out


# -- colours and contrast ----------------------------------------------------------------------
def _hex(value: str) -> str:
    value = value.upper()
    if len(value) == 4:
        value = "#" + "".join(c * 2 for c in value[1:])
    return value


def _resolve_colors(tokens: dict[str, Any],
                    marks: Mapping[str, tuple[int, Mark]]) -> dict[str, list[str]]:
    """Replace colour names with hex in place; return each colour field's chain of dotted keys."""
    colors = tokens["colors"]
    chains: dict[str, list[str]] = {}

    def follow(key: str, value: str) -> str:
        chain = [key]
        while not _HEX.match(value):
            if value == "none":
                chain.append("colors.background")
                value = colors["background"]
                continue
            ref = f"colors.{value}"
            if ref in chain:
                raise ThemeError([_located(chain, marks, f"{' -> '.join(chain + [ref])}: colour "
                                           "names refer to each other in a circle; give one "
                                           "of them a hex value like '#1F3A68'")])
            chain.append(ref)
            value = colors[value]
        chains[key] = chain
        return _hex(value)

    resolved = {name: follow(f"colors.{name}", value) for name, value in colors.items()}
    tokens["colors"] = resolved
    for section in ("title_slide", "section_slide", "footer"):
        for field, value in tokens[section].items():
            if isinstance(theme_key((section, field)), Color) and isinstance(value, str):
                if field == "band" and value == "none":
                    continue
                tokens[section][field] = follow(f"{section}.{field}", value)
    return chains


def contrast_ratio(foreground: str, background: str) -> float:
    """The WCAG 2 contrast ratio of two ``#RRGGBB`` colours (1.0 to 21.0)."""
    lighter, darker = sorted((_luminance(foreground), _luminance(background)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def _luminance(color: str) -> float:
    color = _hex(color)
    channels = []
    for i in (1, 3, 5):
        c = int(color[i:i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    red, green, blue = channels
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def _ratio_text(ratio: float, needed: float) -> str:
    shown = f"{ratio:.2f}"
    if float(shown) >= needed > ratio:  # never print a failing ratio as if it passed
        shown = f"{int(ratio * 100) / 100:.2f}"
    return shown


def contrast_problems(tokens: Mapping[str, Any], chains: Mapping[str, list[str]] | None = None,
                      marks: Mapping[str, tuple[int, Mark]] | None = None) -> list[Problem]:
    """Every text/background pair of resolved ``tokens`` below WCAG AA, located where it was set.

    Body text needs 4.5:1 and large titles 3:1; the title slide's title is checked on its band
    (or on the slide background when ``band`` is ``none`` or the look puts the title beside
    a rule or a bar rather than on a band; see :func:`title_on_band`). A combination of two
    colours that fails is reported once, under the first pair that uses it.
    """
    chains = chains or {}
    marks = marks or {}
    problems = []
    failed: set[tuple[str, str]] = set()
    for fg_key, pair_bg, needed in CONTRAST_PAIRS:
        also: list[str] = []
        bg_key = contrast_background(tokens, pair_bg)
        if bg_key != pair_bg:  # `none` or the look chose it
            slide = pair_bg.partition(".")[0]
            also = [f"{slide}.band" if tokens[slide]["band"] == "none" else "title_slide.look"]
        fg = _token(tokens, fg_key)
        bg = _token(tokens, bg_key)
        ratio = contrast_ratio(fg, bg)
        if ratio >= needed or (fg, bg) in failed:
            continue  # each failing combination of colours is reported once
        failed.add((fg, bg))
        kind = "body text" if needed == BODY_TEXT else "large text"
        message = (f"{fg_key} {fg!r} on {bg_key} {bg!r} has contrast "
                   f"{_ratio_text(ratio, needed)}:1; WCAG AA needs {needed:g}:1 for {kind}")
        keys = chains.get(fg_key, [fg_key]) + chains.get(bg_key, [bg_key]) + also
        problems.append(_located(keys, marks, message))
    return problems


def contrast_background(tokens: Mapping[str, Any], bg_key: str) -> str:
    """The key of the colour a contrast pair's text is set on: a title or section slide's
    title is on its ``band`` only where :func:`title_on_band` says so, else on the slide."""
    slide = bg_key.partition(".")[0]
    if bg_key.endswith(".band") and not title_on_band(tokens[slide], tokens["title_slide"]):
        return f"{slide}.background"
    return bg_key


def title_on_band(slide: Mapping[str, Any], title_slide: Mapping[str, Any] | None = None
                  ) -> bool:
    """Whether the title of a title slide (or of a section slide, composed in the
    ``title_slide``'s look) is drawn on its ``band`` colour: in the ``band`` and ``block``
    looks, unless ``band`` is ``none`` (a rule or a bar only sets off the title)."""
    look = (title_slide or slide)["look"]
    return slide.get("band", "none") != "none" and look in ("band", "block")


def _located(keys: list[str], marks: Mapping[str, tuple[int, Mark]], message: str) -> Problem:
    """A problem placed where the latest layer (style over theme over defaults) set ``keys``."""
    found = [marks[k] for k in keys if k in marks]
    if not found:
        return Problem("theme", None, None, message)
    mark = max(found, key=lambda rank_mark: rank_mark[0])[1]
    return Problem(mark.path, mark.line, mark.column, message)


def _token(tokens: Mapping[str, Any], dotted: str) -> Any:
    section, field = dotted.split(".")
    return tokens[section][field]


# -- merging -----------------------------------------------------------------------------------
def _complete_logo(tokens: dict[str, Any]) -> None:
    if isinstance(tokens.get("logo"), dict):
        tokens["logo"] = {**LOGO_DEFAULTS, **tokens["logo"]}


def _drop_empty_sections(tokens: Any) -> dict[str, Any]:
    """``colors:`` left empty means "no overrides", not "no colours"."""
    if not isinstance(tokens, dict):
        return {}
    return {k: v for k, v in tokens.items()
            if not (v is None and isinstance(theme_key((k,)), Section)
                    and not theme_key((k,)).nullable)}


def merged_style(*styles: Mapping[str, Any]) -> dict[str, Any]:
    """``styles`` merged in order, each over the ones before as the theme's layers are (a logo
    is replaced whole), as plain data: a course's style under a lecture's."""
    out: dict[str, Any] = {}
    for style in styles:
        _deep_merge(out, style)
    return out


def _deep_merge(into: dict[str, Any], other: Mapping[str, Any]) -> None:
    for key, value in other.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict) and key != "logo":
            _deep_merge(into[key], value)
        else:
            into[key] = _thaw(value)


def _thaw(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {k: _thaw(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_thaw(v) for v in value]
    return value

