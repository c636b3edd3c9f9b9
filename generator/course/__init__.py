"""A course built as a whole: which lectures a build names, and the course's index page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Iterable

from generator.build import course_file
from generator.errors import UsageError

if TYPE_CHECKING:  # the course reader is loaded where a build has a course
    from generator.source.course import Course


def courses_named(paths: Iterable[str | Path]) -> list[Course]:
    """The courses among ``paths`` (read and checked); at most one, since two courses' index
    pages would overwrite each other in one output folder."""
    files = dict.fromkeys(c.resolve() for c in (course_file(Path(p)) for p in paths)
                          if c is not None)
    if not files:
        return []
    from generator.source.course import load_course

    found = [load_course(f) for f in files]
    if len(found) > 1:
        names = " and ".join(str(c.path) for c in found)
        raise UsageError(f"one build makes one course's index page, but {names} are two "
                         "courses; build them one at a time, each with its own -o folder")
    return found


def lecture_files(course_file: Path) -> list[Path]:
    """The deck files of a course's lectures, in the course's order (relative to where the
    course file is named from, as the user wrote it)."""
    from generator.source.course import load_course

    course = load_course(course_file)
    return [course_file.parent / lecture.path.relative_to(course.folder)
            for lecture in course.lectures]


__all__ = ["courses_named", "lecture_files"]
