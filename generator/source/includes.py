"""Slides included from another file: ``include: shared/outcomes.yaml#week-plan`` (the slide
whose ``id`` is ``week-plan``) or ``include: shared/exam.yaml`` (all its slides).

The included file is a deck, or a file holding only ``slides:``. Its slides are read as if
written where the ``include`` is (the including lecture's variables applied, pictures relative
to the included file), and a problem in them is located in the included file and names the
``include`` that brought it in.
"""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem, SourceError
from generator.source.keys import DECK, INCLUDE, SLIDE_ID
from generator.source.yamlnodes import Reader, did_you_mean, merged_pairs, read_yaml_source


@dataclass
class SharedFile:
    """A file slides are included from, read once per deck load."""

    path: Path
    display: str
    text: str = ""
    slides: list[Node] = field(default_factory=list)  # its slide nodes, in order
    ids: dict[str, Node] = field(default_factory=dict)  # slide nodes by 'id'
    problems: list[Problem] = field(default_factory=list)  # what is wrong with the file itself
    reported: bool = False  # its problems were reported (once, however often it is included)


class Includes:
    """The files a deck includes slides from (each read once), and what it took from them."""

    def __init__(self, root: Path) -> None:
        self.root = root  # included files must be inside this folder
        self.files: dict[Path, SharedFile] = {}
        self.taken = hashlib.sha256()  # the included slides' content, for the deck's digest

    def paths(self) -> tuple[Path, ...]:
        return tuple(self.files)

    def find(self, r: Reader, item: Node, base: Path) -> tuple[SharedFile, list[Node]] | None:
        """The file and the slide nodes an ``include`` item names (``base``: the including
        file's folder); ``None`` after recording a problem at the item."""
        keys = r.mapping(item, INCLUDE.names, INCLUDE.what, required=INCLUDE.required)
        if keys is None or "include" not in keys:
            return None
        node = keys["include"][1]
        spec = INCLUDE["include"].read(r, node)
        if spec is None:
            return None
        name, _, wanted = spec.partition("#")
        path = (base / name).resolve()
        if self.root != path and self.root not in path.parents:
            r.error(node, f"'include' may only name files inside {self.root}, the folder of "
                    f"the course or deck; {name} is outside it")
            return None
        if not path.is_file():
            r.error(node, f"included file not found: {name} (looked for {path})")
            return None
        shared = self.read(path, os.path.normpath(Path(r.path).parent / name))
        if shared.problems:
            return shared, []
        if not wanted:
            return shared, self.taken_from(shared, shared.slides)
        if wanted not in shared.ids:
            listed = ", ".join(shared.ids) or "none: give the slide an 'id'"
            r.error(node, f"{name} has no slide with id {wanted!r}"
                    f"{did_you_mean(wanted, shared.ids)} (its ids: {listed})")
            return None
        return shared, self.taken_from(shared, [shared.ids[wanted]])

    def taken_from(self, shared: SharedFile, nodes: list[Node]) -> list[Node]:
        """``nodes``, counted into what the deck took (before any variable is replaced)."""
        self.taken.update(str(shared.path).encode())
        for node in nodes:
            self.taken.update(_canonical(node).encode())
        return nodes

    def read(self, path: Path, display: str) -> SharedFile:
        """The included file at ``path``, read and indexed once."""
        if path in self.files:
            return self.files[path]
        shared = self.files[path] = SharedFile(path, display)
        try:
            root, shared.text = read_yaml_source(path, display, what="included")
            reader = Reader(display)
            reader.check_tags(root)
        except SourceError as err:
            shared.problems.extend(err.problems)
            return shared
        items = _slide_items(reader, root)
        for item in items:
            _index(reader, item, shared.ids)
        shared.slides = items
        shared.problems.extend(reader.problems)
        return shared


def _slide_items(reader: Reader, root: Node) -> list[Node]:
    """The items of an included file's ``slides:`` (problems with its shape on ``reader``)."""
    if not isinstance(root, MappingNode):
        reader.error(root, "a file slides are included from must be a mapping with 'slides' "
                     f"(a deck, or 'slides:' alone), got {reader.describe(root)}")
        return []
    keys = reader.mapping(root, DECK.names, "a file slides are included from",
                          required=("slides",))
    if keys is None or "slides" not in keys:
        return []
    return reader.sequence(keys["slides"][1], "'slides'") or []


def _index(reader: Reader, item: Node, ids: dict[str, Node]) -> None:
    """Add ``item`` to ``ids`` by its ``id``, if it has one (a duplicate is a problem)."""
    if not isinstance(item, MappingNode):
        return
    for key, value in merged_pairs(item):
        if not (isinstance(key, ScalarNode) and key.value == "id"):
            continue
        name = value.value if isinstance(value, ScalarNode) else None
        if name is None or not re.match(SLIDE_ID, name):
            continue  # reported where the slide is read
        if name in ids:
            reader.error(value, f"duplicate slide id {name!r} (also at line "
                         f"{ids[name].start_mark.line + 1}); ids name one slide each")
        else:
            ids[name] = item


def _canonical(node: Node, seen: frozenset[int] = frozenset()) -> str:
    """A node's content as text, independent of where it sits in its file (aliases
    expanded): two slides with the same keys and values give the same text."""
    if isinstance(node, ScalarNode):
        return f"{node.tag}:{node.value!r}"
    if id(node) in seen:
        return "<cycle>"
    inner = seen | {id(node)}
    if isinstance(node, SequenceNode):
        return "[" + ",".join(_canonical(n, inner) for n in node.value) + "]"
    if isinstance(node, MappingNode):
        return "{" + ",".join(f"{_canonical(k, inner)}={_canonical(v, inner)}"
                              for k, v in merged_pairs(node)) + "}"
    return repr(node)
