"""Read a course file (``course.yaml``): the course's settings, variables and lectures in order."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping

from yaml.nodes import MappingNode, Node, ScalarNode

from generator.errors import SourceError
from generator.source.keys import COURSE, COURSE_FILES, DECK, LECTURE, VARIABLE_NAME
from generator.source.model import Mark
from generator.source.variables import substitute, substitute_nodes, unknown_message
from generator.source.yamlnodes import Reader, read_yaml_source
from generator.themes.theme import merged_style

DECK_SUFFIXES = (".yaml", ".yml")
# Built-in variables: the course's own, then the lecture's.
COURSE_VARIABLES = ("title", "code", "term", "lecturer")
LECTURE_VARIABLES = ("number", "date")
TEXT_SETTINGS = ("subtitle", "footer")  # the lectures' default texts, variables replaced
RESERVED = ("course", "lecture")  # not names of a course's own variables
INDEX_NAME = "index"  # the course's index page: index.html and index.md beside the lectures


@dataclass(frozen=True)
class Lecture:
    """One item of the course's ``lectures:``: a deck file and its number (from 1)."""

    path: Path  # absolute
    number: int
    date: str | None = None
    mark: Mark | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Course:
    """A course: its title and code, the deck settings every lecture starts from, its own
    variables and its lectures in order."""

    path: Path  # the course file, absolute
    title: str
    lectures: tuple[Lecture, ...]
    code: str | None = None
    term: str | None = None
    lecturer: str | None = None
    # deck settings by model field (only those the course file gives): theme and template
    # files and style pictures as absolute paths, 'reveal' as a model mode
    settings: Mapping[str, Any] = field(default_factory=dict)
    variables: Mapping[str, str] = field(default_factory=dict)  # the course's own
    mark: Mark | None = field(default=None, compare=False)
    key_marks: Mapping[str, Mark] = field(default_factory=dict, compare=False)  # its values

    @property
    def folder(self) -> Path:
        """The course's folder: the root its lectures and shared files live in."""
        return self.path.parent

    def lecture(self, deck: Path) -> Lecture | None:
        """The lecture whose deck file is ``deck``, if the course lists it."""
        deck = deck.resolve()
        return next((lecture for lecture in self.lectures if lecture.path == deck), None)

    def variables_for(self, lecture: Lecture, deck_date: str | None = None
                      ) -> dict[str, str | None]:
        """Every variable a lecture's text may use, by name (``None``: known, no value)."""
        out: dict[str, str | None] = {f"course.{name}": getattr(self, name)
                                      for name in COURSE_VARIABLES}
        out["lecture.number"] = str(lecture.number)
        out["lecture.date"] = lecture.date or deck_date
        out.update({name: substitute(text, out)[0] for name, text in self.variables.items()})
        return out

    def explain(self, name: str, lecture: Lecture, variables: Mapping[str, str | None]) -> str:
        """Why ``{name}`` cannot be replaced in ``lecture``'s text."""
        if name.startswith("course.") and name in variables:
            return (f"the variable {{{name}}} has no value: the course file "
                    f"{self.path.name} has no {name.split('.', 1)[1]!r}")
        if name == "lecture.date" and name in variables:
            return (f"the variable {{lecture.date}} has no value: give lecture "
                    f"{lecture.number} a date in {self.path.name} ('- {{file: "
                    f"{lecture.path.name}, date: …}}') or the deck a 'date'")
        return unknown_message(name, variables)

    def digest_for(self, lecture: Lecture) -> str:
        """A hash of everything the course gives ``lecture``: its settings, variables and the
        lecture's number and date (not the list of the other lectures)."""
        given = (self.title, self.code, self.term, self.lecturer, sorted(self.variables.items()),
                 sorted(self.settings.items()), lecture.number, lecture.date)
        return hashlib.sha256(repr(given).encode()).hexdigest()

    def inherit(self, lecture: Lecture, written: Mapping[str, Any], values: dict[str, Any],
                variables: Mapping[str, str | None]) -> list[tuple[str, str]]:
        """Fill ``values`` (a deck's, by model field) with the course's settings the deck
        does not give itself (``written``: the deck's top-level keys); a ``style`` is merged
        (the deck's values win) and ``spelling`` words add up. The default texts get the
        lecture's ``variables``; returns ``(key, name)`` of each variable without a value."""
        failed = []
        for name, value in self.settings.items():
            key = "template" if name == "template_master" else name
            if name in TEXT_SETTINGS and key not in written:
                values[name], missing = substitute(value, variables)
                failed.extend((name, ref) for _, ref in missing)
            elif name == "style" and "style" in values:
                values["style"] = merged_style(value, values["style"])
            elif name == "spelling" and "spelling" in values:
                values["spelling"] = tuple(dict.fromkeys((*value, *values["spelling"])))
            elif key not in written:
                values[name] = value
        if "author" not in written and self.lecturer:
            values["author"] = self.lecturer
        if "date" not in written and lecture.date:
            values["date"] = lecture.date
        return failed


def course_file_in(folder: Path) -> Path | None:
    """The course file of ``folder``, if it has one."""
    return next((folder / name for name in COURSE_FILES if (folder / name).is_file()), None)


def find_course(deck: Path) -> tuple[Course, Lecture] | None:
    """The course that lists ``deck`` as a lecture and that lecture: the course file is
    looked for in the deck's folder, then in the folder above it."""
    deck = deck.resolve()
    for folder in (deck.parent, deck.parent.parent):
        found = course_file_in(folder)
        if found is None:
            continue
        course = load_course(found)
        lecture = course.lecture(deck)
        if lecture is not None:
            return course, lecture
    return None


_loaded: dict[Path, tuple[tuple[int, int], Course]] = {}  # the last read of each course file


def load_course(path: str | Path) -> Course:
    """Read and check the course file at ``path``; raise ``SourceError`` listing every
    problem. A file read before and unchanged since (size and time) is not read again."""
    path = Path(path)
    resolved = path.resolve()
    try:
        stat = resolved.stat()
        key = (stat.st_size, stat.st_mtime_ns)
    except OSError:
        key = (-1, -1)
    known = _loaded.get(resolved)
    if known is not None and known[0] == key:
        return known[1]
    course = _read_course(path)
    _loaded[resolved] = (key, course)
    return course


def _read_course(path: Path) -> Course:
    from generator.source.settings import read_settings

    display = str(path)
    root, text = read_yaml_source(path, display, what="course")
    reader = Reader(display)
    reader.check_tags(root)
    course = _CourseReader(reader, path.resolve(), text).course(root, read_settings)
    reader.raise_if_any()
    assert course is not None
    return course


class _CourseReader:
    """Reads a course file's nodes, one step per key that needs more than its kind (the deck
    settings among them are read by the deck reader's own steps)."""

    def __init__(self, reader: Reader, path: Path, text: str) -> None:
        self.r = reader
        self.path = path
        self.text = text

    def course(self, root: Node, read_settings) -> Course | None:
        r = self.r
        if not isinstance(root, MappingNode):
            r.error(root, "a course file must be a mapping with at least 'title' and "
                    f"'lectures', got {r.describe(root)}")
            return None
        keys = r.mapping(root, COURSE.names, COURSE.what, required=COURSE.required)
        if keys is None:
            return None
        values = read_settings(r, self.path, self.text, keys, COURSE)
        variables = self.variables(keys)
        lectures = self.lectures(keys)
        self.check_references(keys, variables)
        if r.problems or values.get("title") is None:
            return None
        own = {name: values.pop(name, None) for name in ("title", *COURSE_VARIABLES[1:])}
        settings = {key.field: values[key.field] for key in DECK if key.field in values}
        if "template_master" in values:
            settings["template_master"] = values["template_master"]
        self.absolute(settings)
        marks = {key: r.mark(value) for key, (_, value) in keys.items()}
        return Course(self.path, own["title"], lectures, own["code"], own["term"],
                      own["lecturer"], MappingProxyType(settings), MappingProxyType(variables),
                      r.mark(root), MappingProxyType(marks))

    def check_references(self, keys: dict[str, tuple[Node, Node]], variables: dict[str, str]
                         ) -> None:
        """The variables the course's own texts use (the lectures' defaults, the values of
        its variables) exist; a variable's value may use the built-in variables only."""
        built_in = {f"course.{name}": "" for name in COURSE_VARIABLES}
        built_in.update({f"lecture.{name}": "" for name in LECTURE_VARIABLES})
        every = {**built_in, **{name: "" for name in variables}}
        for name in TEXT_SETTINGS:
            if name in keys:
                substitute_nodes(self.r, keys[name][1], every, (), self.text,
                                 lambda ref: unknown_message(ref, every))
        if "variables" in keys and isinstance(keys["variables"][1], MappingNode):
            for _, value in keys["variables"][1].value:
                substitute_nodes(self.r, value, built_in, (), self.text,
                                 lambda ref: unknown_message(ref, built_in) + " (a variable's "
                                 "text may use the built-in variables only)")

    def absolute(self, settings: dict[str, Any]) -> None:
        """Make the files the settings name absolute (they are relative to the course file,
        and lectures may sit in other folders): a theme file, the style's pictures."""
        from generator.source.keys import theme_image_paths
        from generator.themes.theme import builtin_themes

        theme = settings.get("theme")
        if theme is not None and theme not in builtin_themes():
            settings["theme"] = str((self.path.parent / theme).resolve())
        style = settings.get("style")
        if style:
            settings["style"] = plain = merged_style(style)
            for dotted in theme_image_paths():
                holder = plain
                for name in dotted[:-1]:
                    holder = holder.get(name) if isinstance(holder, dict) else None
                if isinstance(holder, dict) and isinstance(holder.get(dotted[-1]), str):
                    holder[dotted[-1]] = str((self.path.parent / holder[dotted[-1]]).resolve())

    def variables(self, keys: dict[str, tuple[Node, Node]]) -> dict[str, str]:
        """``variables:``: the course's own, ``name: text``."""
        if "variables" not in keys:
            return {}
        r = self.r
        node = keys["variables"][1]
        if not isinstance(node, MappingNode):
            r.error(node, "'variables' must be a mapping of names to texts, like "
                    f"'textbook: \"Judt, Postwar\"', got {r.describe(node)}")
            return {}
        out = {}
        for key, value in node.value:
            name = key.value if isinstance(key, ScalarNode) else None
            if name is None or not re.match(VARIABLE_NAME, name):
                r.error(key, "a variable's name is letters, digits and '_' (not starting with a "
                        f"digit), got {r.describe(key)}")
            elif name in RESERVED:
                r.error(key, f"{name!r} is taken by the built-in variables ({{{name}.…}}); "
                        "choose another name")
            elif name in out:
                r.error(key, f"duplicate variable {name!r}")
            else:
                text = r.text(value, f"the variable {name!r}", allow_empty=True)
                if text is not None:
                    out[name] = text
        return out

    def lectures(self, keys: dict[str, tuple[Node, Node]]) -> tuple[Lecture, ...]:
        """``lectures:``: deck files inside the course's folder, each once, numbered from 1."""
        if "lectures" not in keys:
            return ()
        r = self.r
        node = keys["lectures"][1]
        items = r.sequence(node, "'lectures' (the lectures' deck files, in order)")
        if items is not None and not items:
            r.error(node, "'lectures' is empty: list the lectures' deck files")
        out: list[Lecture] = []
        for item in items or ():
            lecture = self.lecture(item, len(out) + 1, out)
            if lecture is not None:
                out.append(lecture)
        return tuple(out)

    def lecture(self, item: Node, number: int, before: list[Lecture]) -> Lecture | None:
        r = self.r
        date, file_node = None, item
        if isinstance(item, MappingNode):
            sub = r.mapping(item, LECTURE.names, LECTURE.what, required=LECTURE.required)
            if sub is None or "file" not in sub:
                return None
            file_node = sub["file"][1]
            if "date" in sub:
                date = LECTURE["date"].read(r, sub["date"][1])
        name = LECTURE["file"].read(r, file_node)
        if name is None:
            return None
        path = (self.path.parent / name).resolve()
        problem = _lecture_problem(name, path, self.path.parent, before)
        if problem:
            r.error(file_node, problem)
            return None
        return Lecture(path, number, date, r.mark(item))


def _lecture_problem(name: str, path: Path, folder: Path, before: list[Lecture]) -> str:
    """What is wrong with a lecture's deck file, or ``""``."""
    if path.suffix.lower() not in DECK_SUFFIXES:
        return f"a lecture is a deck file (.yaml), got {name!r}"
    if folder not in path.parents:
        return (f"lecture {name} is outside the course's folder {folder}: keep the course's "
                "decks inside its folder")
    if not path.is_file():
        return f"lecture file not found: {name} (looked for {path})"
    if path.stem.lower() == INDEX_NAME:
        return (f"a lecture cannot be named {path.name}: the course's index page is "
                f"{INDEX_NAME}.html; rename the file")
    same = next((lecture for lecture in before if lecture.path == path), None)
    if same is not None:
        return f"{name} is listed twice (it is lecture {same.number})"
    clash = next((lecture for lecture in before if lecture.path.stem == path.stem), None)
    if clash is not None:
        return (f"{name} and lecture {clash.number} ({clash.path.name}) have the same name, so "
                "their outputs would overwrite each other; rename one")
    return ""


__all__ = ["Course", "Lecture", "find_course", "load_course", "SourceError"]
