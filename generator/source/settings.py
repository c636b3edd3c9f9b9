"""The steps of reading a file's settings that a deck and a course file share: the simple keys,
the theme, the style, the template, reveal, and the inline markup of their texts."""

from __future__ import annotations

from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterator

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem, ThemeError
from generator.source import formula, inline
from generator.source.keys import DECK_GROUPS, TEMPLATE, Group, Text, plain_words
from generator.source.yamlnodes import Reader
from generator.source.yamlnodes import scalar_position as _located
from generator.source.model import FileAccess
from generator.themes.theme import (
    check_style_nodes,
    picture_problem,
    resolve_theme_path,
)

# keys whose values are never inline markup
NOT_INLINE_TEXT = frozenset(plain_words(key for group in DECK_GROUPS for key in group))

Keys = dict[str, tuple[Node, Node]]


class SettingsReader:
    """Reads the settings of a deck or a course file, one named step per key or group of
    keys, collecting located problems on ``reader``."""

    def __init__(self, reader: Reader, path: Path, text: str, access: FileAccess) -> None:
        self.r = reader
        self.path = path
        self.base = path.parent
        self.access = access  # where the file may read other files (pictures, theme, template)
        self.text = text  # the source as read: it locates a LaTeX error inside a scalar
        self.has_template = False

    def simple_values(self, group: Group, keys: Keys, check_math: bool = False
                      ) -> dict[str, Any]:
        """The value of every key of ``group`` that has no step of its own, read as declared
        (``check_math``: also check the inline markup of its text: formulas, span classes)."""
        values = {}
        for key in group.simple():
            if key.name in keys:
                node = keys[key.name][1]
                values[key.field] = key.read(self.r, node)
                if check_math and key.markup and isinstance(key, Text):
                    self.inline_markup(node)
        return values

    def theme(self, keys: Keys, values: dict[str, Any]) -> None:
        """``theme:``: a built-in theme's name or a theme file, which must exist."""
        if "theme" not in keys:
            return
        node = keys["theme"][1]
        values["theme"] = name = self.r.text(node, "deck 'theme'")
        if name is not None:
            try:
                resolve_theme_path(name, self.base, self.access)
            except ThemeError as err:
                self.r.error(node, err.problems[0].message)

    def style(self, keys: Keys, values: dict[str, Any]) -> None:
        """``style:``: theme overrides, checked against the theme keys."""
        if "style" not in keys:
            return
        node = keys["style"][1]
        check_style_nodes(self.r, node, self.access)
        if isinstance(node, MappingNode):
            values["style"] = _freeze(self.r.plain(node))

    def template(self, keys: Keys, values: dict[str, Any]) -> None:
        """``template: x.pptx`` or ``template: {file: x.pptx, master: 2}``."""
        if "template" not in keys:
            return
        r = self.r
        node = keys["template"][1]
        if isinstance(node, MappingNode):
            sub = r.mapping(node, TEMPLATE.names, TEMPLATE.what,
                            required=TEMPLATE.required) or {}
            node = sub.get("file", (None, None))[1]
            if "master" in sub:
                values["template_master"] = r.text(sub["master"][1], "template 'master'")
        name = r.text(node, "'template'") if node is not None else None
        if name is not None:
            values["template"] = self._existing_file(node, name, "template", (".pptx", ".potx"))
        self.has_template = "template" in values

    def reveal_mode(self, keys: dict[str, tuple[Node, Node]], where: str,
                    default: str) -> str:
        """``reveal:`` as a model mode: ``true`` is ``bullets``, ``false`` is ``none``."""
        if "reveal" not in keys:
            return default
        node = keys["reveal"][1]
        if isinstance(node, ScalarNode) and node.tag.endswith(":bool"):
            return "bullets" if self.r.flag(node, "'reveal'") else "none"
        choices = ("true", "false", "all", "blocks")
        value = self.r.choice(node, choices, f"{where} 'reveal'")
        return {"true": "bullets", "false": "none", None: default}.get(value, value)

    def inline_markup(self, node: Node) -> None:
        """Check every ``$…$`` formula and every ``[text]{.class}`` span's classes in the texts
        below ``node``."""
        for scalar in prose_scalars(node):
            for offset, tex in inline.math_spans(scalar.value) if "$" in scalar.value else ():
                self.formula(scalar, tex, offset)
            for offset, message in (inline.class_problems(scalar.value)
                                    if "]{" in scalar.value else ()):
                line, column = _located(self.text, scalar, offset)
                self.r.problems.append(Problem(self.r.path, line, column, message,
                                               self.r.slide, self.r.slide_title))

    def formula(self, node: Node, tex: str, offset: int) -> bool:
        """Whether ``tex`` (at ``offset`` in ``node``'s text) converts; if not, a problem located
        at the formula, or at the offending command when it is known."""
        try:
            formula.check(tex)
            return True
        except formula.FormulaError as err:
            at = offset + (err.offset or 0)
            line, column = _located(self.text, node, at)
            self.r.problems.append(Problem(self.r.path, line, column,
                                           f"bad LaTeX in {tex!r}: {err.message}", self.r.slide,
                                           self.r.slide_title))
            return False

    def _unreadable_picture(self, node: Node, name: str, path: Path | None, what: str) -> bool:
        """Whether the picture file at ``path`` (found, of a picture's type) cannot be read as
        one; reported at ``node``."""
        problem = picture_problem(path) if path is not None else None
        if problem is None:
            return False
        self.r.error(node, f"{what} file {name} {problem}")
        return True

    def _existing_file(self, node: Node, name: str, what: str,
                       suffixes: tuple[str, ...]) -> Path | None:
        path = (self.base / name).resolve()
        if not self.access.permits(path):
            self.r.error(node, self.access.refusal(f"{what} file", name, self.base))
            return None
        if not path.is_file():
            self.r.error(node, f"{what} file not found: {name} (looked for {path})")
            return None
        if path.suffix.lower() not in suffixes:
            self.r.error(node, f"{what} file {name} has an unsupported type; expected one of "
                         + ", ".join(suffixes))
            return None
        return path


def read_settings(reader: Reader, path: Path, text: str, keys: Keys, group: Group
                  ) -> dict[str, Any]:
    """The values of the deck settings among ``keys`` (a course file's mapping, read by
    ``group``'s declaration), read as a deck's: by model field, ``reveal`` as a mode."""
    deck_reader = SettingsReader(reader, path, text,
                                 FileAccess(path.resolve().parent, label="the course's folder"))
    values = deck_reader.simple_values(group, keys, check_math=True)
    deck_reader.theme(keys, values)
    deck_reader.style(keys, values)
    deck_reader.template(keys, values)
    if "reveal" in keys:
        values["reveal"] = deck_reader.reveal_mode(keys, "course", "none")
    if "dim" in keys:
        values["dim"] = group["dim"].read(reader, keys["dim"][1])
    return values


def prose_scalars(node: Node) -> Iterator[ScalarNode]:
    """Every scalar below ``node`` that may hold inline markup, in document order (each node
    once: aliases and merge keys may make the tree a graph, even a cycle)."""
    seen: set[int] = set()
    todo = [node]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            yield node
        elif isinstance(node, MappingNode):
            children = [n for key, value in node.value for n in (key, value)
                        if n is key or not (isinstance(key, ScalarNode)
                                            and key.value in NOT_INLINE_TEXT)]
            todo.extend(reversed(children))
        elif isinstance(node, SequenceNode):
            todo.extend(reversed(node.value))


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value
