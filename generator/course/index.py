"""A course's index page: one offline HTML page in the course's look, and the same as Markdown
for a course platform, naming each lecture and linking every output built for it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable
from urllib.parse import quote

from generator.build import SUFFIXES, BuildOptions, BuildResult, edition_dir, write_atomic
from generator.source.course import INDEX_NAME, Course
from generator.source.model import EDITIONS
from generator.themes.theme import TEMPLATES_DIR, Theme

# The outputs a lecture may have, in the order the page lists them, and their link text.
OUTPUTS = (("html", "Slides"), ("pptx", "PowerPoint"), ("pdf", "Slides"),
           ("handout", "Handout"), ("steps", "Steps"))
FORMAT_NAMES = {"html": "HTML", "pptx": "PPTX", "pdf": "PDF", "handout": "PDF", "steps": "PDF"}
EDITION_NAMES = {"instructor": "Instructor edition", "student": "Student edition"}


@dataclass(frozen=True)
class Link:
    """One output of a lecture: its link text, what kind of file it is, its address."""

    label: str
    kind: str
    href: str


@dataclass(frozen=True)
class Entry:
    """One lecture on the index page."""

    number: int
    title: str
    date: str | None
    links: tuple[Link, ...]


def write_index(course: Course, results: Iterable[BuildResult], options: BuildOptions
                ) -> tuple[Path, Path]:
    """Write ``index.html`` and ``index.md`` beside the lectures' outputs of this edition
    (each only when it changed); return their paths."""
    folder = edition_dir(options.out_dir, options.edition, True)
    entries = index_entries(course, results, folder)
    html_path, md_path = folder / f"{INDEX_NAME}.html", folder / f"{INDEX_NAME}.md"
    folder.mkdir(parents=True, exist_ok=True)
    for path, text in ((html_path, index_html(course, entries, options.edition)),
                       (md_path, index_markdown(course, entries, options.edition))):
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            write_atomic(path, data)
    return html_path, md_path


def index_entries(course: Course, results: Iterable[BuildResult], folder: Path) -> list[Entry]:
    """Each lecture, titled as its last build found it (its file's name if it never built),
    with a link to every output of it in ``folder``."""
    by_path = {Path(r.source).resolve(): r for r in results}
    entries = []
    for lecture in course.lectures:
        result = by_path.get(lecture.path)
        name = lecture.path.stem
        links = tuple(Link(label, fmt, quote(f"{name}{SUFFIXES.get(fmt, '.' + fmt)}"))
                      for fmt, label in OUTPUTS
                      if (folder / f"{name}{SUFFIXES.get(fmt, '.' + fmt)}").is_file())
        title = result.title if result is not None and result.title else name
        date = lecture.date or (result.date if result is not None else None)
        entries.append(Entry(lecture.number, title, date, links))
    return entries


def index_html(course: Course, entries: list[Entry], edition: str) -> str:
    """The index page as one HTML file (no outside resources), in the course theme's colours
    and fonts."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined
    from markupsafe import Markup

    from generator.html.render import font_stack, root_css

    theme = course_theme(course)
    variables = {f"color-{name.replace('_', '-')}": value for name, value in theme.colors.items()}
    variables["font-heading"] = font_stack(theme.fonts["heading"])
    variables["font-body"] = font_stack(theme.fonts["body"])
    env = Environment(loader=FileSystemLoader(str(TEMPLATES_DIR / "course")), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    language = str(course.settings.get("language", "en"))
    return env.get_template("index.html.j2").render(
        course=course, entries=entries, edition=EDITION_NAMES[edition], language=language,
        rtl=_rtl(course, language), root_css=Markup(root_css(variables)),
        formats=FORMAT_NAMES)


def index_markdown(course: Course, entries: list[Entry], edition: str) -> str:
    """The index page as Markdown: a heading, the course's details and a table of lectures."""
    heading = " · ".join(_md(t) for t in (course.code, course.title) if t)
    details = " · ".join(_md(t) for t in (course.term, course.lecturer) if t)
    lines = [f"# {heading}", "", " · ".join(filter(None, (details, EDITION_NAMES[edition]))),
             "", "| No. | Lecture | Date | Files |", "|---:|---|---|---|"]
    for entry in entries:
        files = " · ".join(f"[{link.label} ({FORMAT_NAMES[link.kind]})]({link.href})"
                           for link in entry.links) or "not built yet"
        lines.append(f"| {entry.number} | {_md(entry.title)} | {_md(entry.date or '')} | "
                     f"{files} |")
    return "\n".join(lines) + "\n"


def course_theme(course: Course) -> Theme:
    """The course's theme with its style (as its lectures start from)."""
    from generator.themes.theme import load_theme

    return load_theme(course.settings.get("theme"), course.folder, course.settings.get("style"),
                      str(course.path), contrast="warn")


def _rtl(course: Course, language: str) -> bool:
    from generator.source.model import RTL_LANGUAGES

    direction = course.settings.get("direction")
    if direction is not None:
        return direction == "rtl"
    return language.split("-")[0].lower() in RTL_LANGUAGES


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#])")


def _md(text: str) -> str:
    """``text`` as literal Markdown (its markup characters escaped, one line)."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


__all__ = ["EDITIONS", "index_entries", "index_html", "index_markdown", "write_index"]
