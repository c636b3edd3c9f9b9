"""The deck reader's steps for a course's lecture and for included slides: the lecture's
variables, the course's settings, and slides read from another file (docs/course.md)."""

from __future__ import annotations

import hashlib
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from yaml.nodes import MappingNode, Node, ScalarNode

from generator.errors import Problem
from generator.source.model import DeckContext, Slide
from generator.source.yamlnodes import Reader, merged_pairs

if TYPE_CHECKING:
    from generator.source.course import Course, Lecture
    from generator.source.includes import Includes, SharedFile

Keys = dict[str, tuple[Node, Node]]


class LectureSteps:
    """Mixed into the deck reader (``reader._DeckReader``), whose ``r``, ``base``, ``text``,
    ``slide`` and ``begin_slide`` these steps use."""

    r: Reader
    base: Path
    text: str
    has_template: bool
    lecture: tuple[Course, Lecture] | None  # the course the deck is a lecture of, and which
    root: Path  # the folder the deck may include slides from
    skip_keys: frozenset[str]  # keys whose values are not text with variables

    def begin_lecture(self, lecture: tuple[Course, Lecture] | None, root: Path | None) -> None:
        self.lecture = lecture
        self.variables: dict[str, str | None] | None = None  # the lecture's, in a course
        self.root = (root.resolve() if root is not None
                     else lecture[0].folder if lecture is not None else self.base)
        self.includes: Includes | None = None  # the files slides are included from

    def replace_variables(self, root: Node, keys: Keys) -> None:
        """In a course's lecture: replace the variables in every text of the deck."""
        if self.lecture is None:
            return
        course, lecture = self.lecture
        date_node = keys.get("date", (None, None))[1]
        deck_date = date_node.value if isinstance(date_node, ScalarNode) else None
        self.variables = course.variables_for(lecture, deck_date or None)
        self.replace_variables_in(root)

    def replace_variables_in(self, node: Node) -> None:
        """Replace the lecture's variables in the texts below ``node`` (problems on ``r``)."""
        from generator.source.variables import substitute_nodes

        if self.lecture is None or self.variables is None:
            return
        course, lecture = self.lecture
        variables = self.variables
        substitute_nodes(self.r, node, variables, self.skip_keys, self.text,
                         lambda name: course.explain(name, lecture, variables))

    def inherit(self, keys: Keys, values: dict[str, Any]) -> dict[str, Any]:
        """In a course's lecture: the course's settings where the deck gives none (returned,
        for the slide defaults); a default text's variable without a value is a problem
        located in the course file."""
        if self.lecture is None:
            return {}
        course, lecture = self.lecture
        variables = self.variables or {}
        for key, name in course.inherit(lecture, keys, values, variables):
            mark = course.key_marks.get(key)
            self.r.problems.append(Problem(
                mark.path if mark else str(course.path), mark.line if mark else None,
                mark.column if mark else None,
                f"{course.explain(name, lecture, variables)} (lecture {lecture.number}, "
                f"{self.r.path}, uses the course's {key!r})"))
        self.has_template = "template" in values
        return dict(course.settings)

    def context(self) -> DeckContext:
        """What the deck took from other files: its course, and the slides it included."""
        files = self.includes.paths() if self.includes is not None else ()
        if self.lecture is None and not files:
            return DeckContext()
        digest = hashlib.sha256(self.includes.taken.digest() if self.includes else b"")
        course, number = None, None
        if self.lecture is not None:
            course, number = self.lecture[0].path, self.lecture[1].number
            digest.update(self.lecture[0].digest_for(self.lecture[1]).encode())
            files = (course, *files)
        return DeckContext(course, number, files, digest.hexdigest())

    def include(self, item: Node, number: int) -> list[Slide | None]:
        """The slides an ``include: FILE#ID`` item brings in (``None`` for one that failed),
        read in the included file: its problems are located there and name the include."""
        where = f"{self.r.path}:{item.start_mark.line + 1}:{item.start_mark.column + 1}"
        self.begin_slide(item, number)
        if self.includes is None:
            from generator.source.includes import Includes

            self.includes = Includes(self.root)
        found = self.includes.find(self.r, item, self.base)
        if found is None:
            return []
        shared, nodes = found
        nested = next((n for n in nodes if is_include(n)), None)
        if nested is not None:
            spec = next(v for k, v in merged_pairs(item) if k.value == "include")
            self.r.error(spec, f"{spec.value.partition('#')[0]} includes slides itself (at line "
                         f"{nested.start_mark.line + 1}); includes do not nest: include its "
                         "slides by id")
            return []
        if shared.problems and not shared.reported:
            shared.reported = True
            self.r.problems.extend(_included_at(p, where) for p in shared.problems)
        slides: list[Slide | None] = []
        with self.reading(shared) as reader:
            for node in nodes:
                self.replace_variables_in(node)
                slides.append(self.slide(node, number + len(slides)))
        self.r.problems.extend(_included_at(p, where) for p in reader.problems)
        return slides

    @contextmanager
    def reading(self, shared: SharedFile) -> Iterator[Reader]:
        """Read nodes of the included file ``shared`` (problems located there, pictures
        relative to it) with the reader this yields."""
        saved = self.r, self.base, self.text
        self.r = Reader(shared.display)
        self.base, self.text = shared.path.parent, shared.text
        try:
            yield self.r
        finally:
            self.r, self.base, self.text = saved


def is_include(node: Node) -> bool:
    """Whether a ``slides:`` item is an ``include`` item."""
    return isinstance(node, MappingNode) and any(
        isinstance(k, ScalarNode) and k.value == "include" for k, _ in merged_pairs(node))


def _included_at(problem: Problem, where: str) -> Problem:
    """A problem found in an included file, saying which ``include`` brought it in."""
    return replace(problem, message=f"{problem.message} (in the slides included at {where})")
