"""A course (course.yaml): its file, what lectures inherit, variables, included slides,
editions, builds of the whole course, its index page and watching it (docs/course.md)."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pytest
from conftest import run_deck

from generator.build import BuildOptions, build_decks, find_decks
from generator.course import courses_named
from generator.course.index import index_markdown, write_index
from generator.errors import SourceError, UsageError
from generator.live.watch import DeckWatcher
from generator.source.course import find_course, load_course
from generator.source.editions import for_edition
from generator.source.model import Answer, Paragraph, slide_texts
from generator.source.reader import load_deck
from generator.source.variables import substitute

ROOT = Path(__file__).resolve().parent.parent
PLANTED = ROOT / "tests" / "decks" / "course"
COURSE = """title: European History
code: HIST 201
term: Autumn 2025
lecturer: Dr. Ada Smith
footer: "{course.code} · Lecture {lecture.number}"
variables:
  textbook: "Judt, *Postwar*"
lectures:
  - {file: one.yaml, date: 2025-09-02}
  - two.yaml
"""
ONE = """title: "Lecture {lecture.number}: Revolutions"
slides:
  - title: Reading for week {lecture.number}
    bullets: ["{textbook}"]
"""
TWO = "title: Two\nslides:\n  - title: A slide\n    bullets: [b]\n"


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def course(tmp_path) -> Path:
    """A two-lecture course in tmp_path/hist; returns the folder."""
    folder = tmp_path / "hist"
    write(folder, "course.yaml", COURSE)
    write(folder, "one.yaml", ONE)
    write(folder, "two.yaml", TWO)
    return folder


def problems(path: Path, folder: Path | None = None) -> list[str]:
    with pytest.raises(SourceError) as caught:
        load_deck(path)
    shown = [str(p) for p in caught.value.problems]
    return [s.removeprefix(f"{folder}/") for s in shown] if folder else shown


def course_problems(path: Path) -> list[str]:
    with pytest.raises(SourceError) as caught:
        load_course(path)
    return [str(p).removeprefix(f"{path.parent}/") for p in caught.value.problems]


# -- the course file ----------------------------------------------------------------------------

class DescribeTheCourseFile:
    def it_reads_the_course_and_numbers_its_lectures_in_order(self, course):
        read = load_course(course / "course.yaml")
        assert (read.title, read.code, read.term, read.lecturer) == (
            "European History", "HIST 201", "Autumn 2025", "Dr. Ada Smith")
        assert [(lec.path.name, lec.number, lec.date) for lec in read.lectures] == [
            ("one.yaml", 1, "2025-09-02"), ("two.yaml", 2, None)]
        assert dict(read.variables) == {"textbook": "Judt, *Postwar*"}
        assert read.settings["footer"] == "{course.code} · Lecture {lecture.number}"

    def it_reports_each_problem_at_its_line_and_column(self, tmp_path):
        write(tmp_path, "one.yaml", TWO)
        path = write(tmp_path, "course.yaml", (
            "title: C\ncod: X\nfooter: \"{course.code} {lecture.numbr}\"\n"
            "variables: {course: x, 2bad: y}\n"
            "lectures:\n  - one.yaml\n  - missing.yaml\n  - one.yaml\n  - ../outside.yaml\n"
            "  - notes.txt\n"))
        assert course_problems(path) == [
            "course.yaml:2:1: unknown key 'cod' in the course; did you mean 'code'? (valid keys: "
            "title, code, term, lecturer, subtitle, language, theme, style, footer, aspect, "
            "slide_numbers, direction, template, spelling, reveal, dim, duration, variables, "
            "lectures)",
            "course.yaml:4:13: 'course' is taken by the built-in variables ({course.…}); choose "
            "another name",
            "course.yaml:4:24: a variable's name is letters, digits and '_' (not starting with a "
            "digit), got '2bad'",
            f"course.yaml:7:5: lecture file not found: missing.yaml (looked for "
            f"{tmp_path / 'missing.yaml'})",
            "course.yaml:8:5: one.yaml is listed twice (it is lecture 1)",
            f"course.yaml:9:5: lecture ../outside.yaml is outside the course's folder {tmp_path}: "
            "keep the course's decks inside its folder",
            "course.yaml:10:5: a lecture is a deck file (.yaml), got 'notes.txt'",
            "course.yaml:3:24: unknown variable {lecture.numbr}; did you mean 'lecture.number'? "
            "(variables: course.code, course.lecturer, course.term, course.title, lecture.date, "
            "lecture.number); write \\{ for a literal brace",
        ]

    def it_refuses_a_lecture_named_like_the_index_page(self, tmp_path):
        write(tmp_path, "index.yaml", TWO)
        path = write(tmp_path, "course.yaml", "title: C\nlectures: [index.yaml]\n")
        assert course_problems(path) == [
            "course.yaml:2:12: a lecture cannot be named index.yaml: the course's index page is "
            "index.html; rename the file"]

    def it_finds_the_course_in_the_lectures_folder_or_the_one_above(self, tmp_path):
        write(tmp_path, "course.yaml", "title: C\nlectures: [week1/a.yaml, b.yaml]\n")
        a = write(tmp_path, "week1/a.yaml", TWO)
        b = write(tmp_path, "b.yaml", TWO)
        unlisted = write(tmp_path, "c.yaml", TWO)
        assert [find_course(p)[1].number if find_course(p) else None
                for p in (a, b, unlisted)] == [1, 2, None]

    def it_lists_a_courses_lectures_in_order_for_its_folder_or_file(self, course):
        expected = [course / "one.yaml", course / "two.yaml"]
        assert find_decks([course]) == expected
        assert find_decks([course / "course.yaml"]) == expected

    def it_refuses_two_courses_in_one_build(self, course, tmp_path):
        other = tmp_path / "other"
        shutil.copytree(course, other)
        with pytest.raises(UsageError, match="are two courses; build them one at a time"):
            courses_named([course, other])


# -- what a lecture inherits --------------------------------------------------------------------

class DescribeALecture:
    def it_takes_the_courses_settings_and_its_number_and_date(self, course):
        write(course, "course.yaml", COURSE + "theme: dark\nlanguage: de\naspect: '4:3'\n"
              "spelling: [Judt]\nreveal: true\n")
        one = load_deck(course / "one.yaml")
        assert (one.title, one.footer, one.author, one.date, one.theme, one.language,
                one.aspect, one.spelling, one.slides[0].reveal) == (
            "Lecture 1: Revolutions", "HIST 201 · Lecture 1", "Dr. Ada Smith", "2025-09-02",
            "dark", "de", "4:3", ("Judt",), "bullets")
        assert one.context.course == (course / "course.yaml").resolve()
        assert one.context.number == 1
        two = load_deck(course / "two.yaml")
        assert (two.footer, two.date) == ("HIST 201 · Lecture 2", None)

    def it_keeps_its_own_values_merges_the_style_and_adds_up_spelling_words(self, course):
        write(course, "course.yaml", COURSE + "theme: dark\nspelling: [Judt]\n"
              "style: {colors: {accent: '#AA0000'}, sizes: {body: 26}}\n")
        write(course, "one.yaml", "title: T\ntheme: academic\nauthor: Guest\nfooter: Mine\n"
              "spelling: [Postwar]\nstyle: {sizes: {body: 24}}\nslides: [{title: A}]\n")
        one = load_deck(course / "one.yaml")
        assert (one.theme, one.author, one.footer, one.spelling) == (
            "academic", "Guest", "Mine", ("Judt", "Postwar"))
        assert {k: dict(v) for k, v in one.style.items()} == {
            "colors": {"accent": "#AA0000"}, "sizes": {"body": 24}}

    def it_finds_a_course_theme_file_from_a_lecture_in_another_folder(self, tmp_path):
        write(tmp_path, "themes/mine.yaml", 'colors: {accent: "#2F6DB5"}\n')
        write(tmp_path, "course.yaml", "title: C\ntheme: themes/mine.yaml\n"
              "lectures: [weeks/a.yaml]\n")
        deck = load_deck(write(tmp_path, "weeks/a.yaml", TWO))
        assert deck.theme == str((tmp_path / "themes" / "mine.yaml").resolve())

    def it_is_a_plain_deck_when_the_course_does_not_list_it(self, course):
        deck = load_deck(write(course, "draft.yaml", "title: '{x}'\nslides: [{title: A}]\n"))
        assert (deck.title, deck.footer, deck.context.course) == ("{x}", None, None)


# -- variables ----------------------------------------------------------------------------------

class DescribeVariables:
    VARIABLES = {"course.code": "HIST 201", "lecture.number": "3", "room": "Hall B"}

    @pytest.mark.parametrize("text, expected", [
        ("{course.code} · Lecture {lecture.number}", "HIST 201 · Lecture 3"),
        ("**{room}** and *{room}*", "**Hall B** and *Hall B*"),
        ("`{room}` stays code", "`{room}` stays code"),
        ("$\\{x\\} + {room}$ stays a formula", "$\\{x\\} + {room}$ stays a formula"),
        ("[in {room}](https://x.org/{room})", "[in Hall B](https://x.org/{room})"),
        ("a set {1, 2}, a span [red]{.accent}, an id {#top}", "a set {1, 2}, a span [red]{.accent},"
         " an id {#top}"),
        ("\\{room} is literal, \\\\{room} is not", "{room} is literal, \\\\Hall B is not"),
    ])
    def it_replaces_names_in_braces_outside_code_formulas_and_addresses(self, text, expected):
        assert substitute(text, self.VARIABLES) == (expected, [])

    def it_gives_back_where_each_unknown_name_is(self):
        assert substitute("{room} {rooms} {course.cod}", self.VARIABLES) == (
            "Hall B {rooms} {course.cod}", [(7, "rooms"), (15, "course.cod")])

    def it_replaces_in_every_text_of_a_lecture_but_not_in_code_or_math(self, course):
        write(course, "one.yaml", """title: "Lecture {lecture.number}"
subtitle: "{course.term}"
slides:
  - title: "{course.title}"
    text: "In {textbook}"
    bullets: [{"Week {lecture.number}": ["{course.lecturer}"]}]
    notes: Remind {course.code}
  - title: Table
    table: {header: ["{course.code}"], rows: [["{lecture.number}"]]}
  - title: Code
    code: {lang: python, text: "print('{course.code}')"}
  - title: Math
    math: '\\{ x \\}'
""")
        deck = load_deck(course / "one.yaml")
        texts = [slide_texts(s) for s in deck.slides]
        assert (deck.title, deck.subtitle) == ("Lecture 1", "Autumn 2025")
        assert texts[0] == ["European History", "In Judt, *Postwar*", "Week 1", "Dr. Ada Smith"]
        assert deck.slides[0].notes == "Remind HIST 201"
        assert texts[1] == ["Table", "HIST 201", "1"]
        assert deck.slides[2].blocks[0].text == "print('{course.code}')"
        assert deck.slides[3].blocks[0].tex == "\\{ x \\}"

    def it_reports_an_unknown_name_where_it_is_written_with_a_suggestion(self, course):
        write(course, "one.yaml", "title: T\nslides:\n  - title: A\n    bullets:\n"
              "      - 'See {textbok} for {lecture.number}'\n")
        assert problems(course / "one.yaml", course) == [
            "one.yaml:5:14: unknown variable {textbok}; did you mean 'textbook'? (variables: "
            "course.code, course.lecturer, course.term, course.title, lecture.date, "
            "lecture.number, textbook); write \\{ for a literal brace"]

    def it_says_which_setting_a_name_without_a_value_needs(self, tmp_path):
        write(tmp_path, "course.yaml", "title: C\nlectures: [a.yaml]\n")
        write(tmp_path, "a.yaml", "title: '{course.term} {lecture.date}'\nslides: [{title: A}]\n")
        assert problems(tmp_path / "a.yaml", tmp_path) == [
            "a.yaml:1:9: the variable {course.term} has no value: the course file course.yaml "
            "has no 'term'",
            "a.yaml:1:23: the variable {lecture.date} has no value: give lecture 1 a date in "
            "course.yaml ('- {file: a.yaml, date: …}') or the deck a 'date'"]

    def it_locates_a_missing_value_of_the_courses_footer_in_the_course_file(self, tmp_path):
        write(tmp_path, "course.yaml", "title: C\nfooter: 'On {lecture.date}'\n"
              "lectures: [a.yaml]\n")
        write(tmp_path, "a.yaml", TWO)
        assert problems(tmp_path / "a.yaml", tmp_path) == [
            "course.yaml:2:9: the variable {lecture.date} has no value: give lecture 1 a date in "
            "course.yaml ('- {file: a.yaml, date: …}') or the deck a 'date' (lecture 1, "
            f"{tmp_path}/a.yaml, uses the course's 'footer')"]

    def it_lets_the_courses_own_variables_use_the_built_in_ones(self, course):
        write(course, "course.yaml", COURSE.replace('"Judt, *Postwar*"',
                                                    '"{course.code} reader"'))
        assert slide_texts(load_deck(course / "one.yaml").slides[0])[1] == "HIST 201 reader"

    def it_explains_that_text_starting_with_a_brace_needs_quotes(self, course):
        write(course, "one.yaml", "title: {course.code}\nslides: [{title: A}]\n")
        assert problems(course / "one.yaml", course) == [
            "one.yaml:1:8: deck 'title' must be text, got a mapping: YAML reads a value that "
            "starts with '{' as one; put the text in double quotes, as in \"{course.code} · "
            "Lecture {lecture.number}\""]
        write(course, "one.yaml", "title: {course.code} intro\nslides: [{title: A}]\n")
        assert problems(course / "one.yaml", course)[0].endswith(
            "if this is text, put it in double quotes: title: \"{course.code} intro\"")


# -- included slides ----------------------------------------------------------------------------

SHARED = """slides:
  - id: plan
    title: "Week {lecture.number} plan"
    bullets: ["{course.code}", "{textbook}"]
  - id: rules
    title: Rules
    bullets: [No phones]
"""


class DescribeIncludedSlides:
    def it_includes_a_slide_by_id_with_the_including_lectures_variables(self, course):
        write(course, "shared/common.yaml", SHARED)
        write(course, "two.yaml", "title: T\nslides:\n  - title: First\n"
              "  - include: shared/common.yaml#plan\n  - title: Last\n")
        deck = load_deck(course / "two.yaml")
        assert [slide_texts(s) for s in deck.slides] == [
            ["First"], ["Week 2 plan", "HIST 201", "Judt, *Postwar*"], ["Last"]]
        assert [s.number for s in deck.slides] == [1, 2, 3]
        assert deck.context.files == ((course / "course.yaml").resolve(),
                                      (course / "shared" / "common.yaml").resolve())

    def it_includes_every_slide_of_a_file_named_without_an_id(self, course):
        write(course, "shared/common.yaml", SHARED)
        write(course, "two.yaml", "title: T\nslides:\n  - include: shared/common.yaml\n")
        assert [s.title for s in load_deck(course / "two.yaml").slides] == [
            "Week 2 plan", "Rules"]

    def it_works_in_a_deck_outside_a_course_without_replacing_braces(self, tmp_path):
        write(tmp_path, "shared.yaml", SHARED)
        deck = load_deck(write(tmp_path, "a.yaml",
                               "title: A\nslides: [{include: shared.yaml#plan}]\n"))
        assert deck.slides[0].title == "Week {lecture.number} plan"

    def it_reports_an_unknown_id_at_the_include_with_the_ids_the_file_has(self, course):
        write(course, "shared/common.yaml", SHARED)
        write(course, "two.yaml", "title: T\nslides:\n  - title: A\n"
              "  - include: shared/common.yaml#plans\n")
        assert problems(course / "two.yaml", course) == [
            "two.yaml:4:14: slide 2: shared/common.yaml has no slide with id 'plans'; did you "
            "mean 'plan'? (its ids: plan, rules)"]

    def it_locates_a_problem_of_an_included_slide_in_its_file_and_names_the_include(self, course):
        write(course, "shared/common.yaml", SHARED.replace("bullets: [No", "bulets: [No")
              .replace('"{textbook}"', '"{textbok}"'))
        write(course, "two.yaml", "title: T\nslides:\n  - include: shared/common.yaml\n")
        where = f"{course}/two.yaml:3:5"
        assert problems(course / "two.yaml", course) == [
            "shared/common.yaml:4:33: unknown variable {textbok}; did you mean 'textbook'? "
            "(variables: course.code, course.lecturer, course.term, course.title, lecture.date, "
            "lecture.number, textbook); write \\{ for a literal brace (in the slides included "
            f"at {where})",
            "shared/common.yaml:7:5: slide 2 'Rules': unknown key 'bulets' in a slide; did you "
            "mean 'bullets'? (valid keys: title, layout, subtitle, text, bullets, body, columns, "
            "widths, image, alt, decorative, caption, reveal, dim, notes, math, hidden, duration, "
            "table, code, quote, timeline, source, background, images, image_side, focus, id, "
            "instructor, answer, release, footnotes, references) (in the slides included at "
            f"{where})"]

    def it_reads_an_included_slides_pictures_beside_the_included_file(self, course):
        write(course, "shared/common.yaml", "slides:\n  - {id: map, title: Map, image: "
              "img/map.png, alt: A map}\n")
        (course / "shared" / "img").mkdir()
        shutil.copyfile(ROOT / "tests" / "decks" / "img" / "map.png",
                        course / "shared" / "img" / "map.png")
        write(course, "two.yaml", "title: T\nslides: [{include: shared/common.yaml#map}]\n")
        assert load_deck(course / "two.yaml").slides[0].image.path == (
            course / "shared" / "img" / "map.png").resolve()

    @pytest.mark.parametrize("shared, include, expected", [
        (None, "../elsewhere.yaml#a", "two.yaml:3:14: slide 1: 'include' may only name files "
         "inside {folder}, the folder of the course or deck; ../elsewhere.yaml is outside it"),
        (None, "nowhere.yaml#a", "two.yaml:3:14: slide 1: included file not found: "
         "nowhere.yaml (looked for {folder}/nowhere.yaml)"),
        ("slides:\n  - include: other.yaml\n", "s.yaml", "two.yaml:3:14: slide 1: s.yaml "
         "includes slides itself (at line 2); includes do not nest: include its slides by id"),
        ("slides:\n  - {id: a, title: A}\n  - {id: a, title: B}\n", "s.yaml#a",
         "s.yaml:3:10: duplicate slide id 'a' (also at line 2); ids name one slide each (in the "
         "slides included at {folder}/two.yaml:3:5)"),
    ])
    def it_reports_what_cannot_be_included(self, course, shared, include, expected):
        if shared:
            write(course, "s.yaml", shared)
        write(course, "two.yaml", f"title: T\nslides:\n  - include: {include}\n")
        assert problems(course / "two.yaml", course) == [expected.format(folder=course)]

    def it_reports_a_duplicate_id_in_a_deck(self, tmp_path):
        path = write(tmp_path, "a.yaml", "title: A\nslides:\n  - {id: x, title: A}\n"
                     "  - {id: x, title: B}\n")
        assert problems(path, tmp_path) == [
            "a.yaml:4:10: slide 2 'B': duplicate slide id 'x' (also at line 3); ids name one "
            "slide each"]


# -- editions -----------------------------------------------------------------------------------

EDITIONS_DECK = """title: T
slides:
  - title: Exercise
    body:
      - text: Question
      - {text: Answer never, answer: true}
      - {text: Answer from October, release: 2025-10-14}
      - {text: Answer now, release: true}
    notes: A note
  - title: Columns
    columns:
      - {body: [{text: Left}]}
      - {body: [{text: Right answer, answer: yes}]}
  - {title: Mine, instructor: true}
  - {title: Hidden, hidden: true}
  - {title: Solution, answer: true}
  - {title: Solution from October, release: 2025-10-14}
"""


class DescribeEditions:
    def it_shows_the_instructor_everything_with_the_answers_unwrapped(self, tmp_path):
        deck = load_deck(write(tmp_path, "d.yaml", EDITIONS_DECK))
        assert [s.title for s in deck.slides] == [
            "Exercise", "Columns", "Mine", "Hidden", "Solution", "Solution from October"]
        assert slide_texts(deck.slides[0]) == [
            "Exercise", "Question", "Answer never", "Answer from October", "Answer now"]
        assert deck.slides[0].notes == "A note"
        assert not any(isinstance(b, Answer) for s in deck.slides for b in s.blocks)
        assert (deck.edition, deck.released) == ("instructor", ())

    @pytest.mark.parametrize("as_of, shown, slides", [
        (date(2025, 10, 13), ["Question", "Answer now"], ["Exercise", "Columns"]),
        (date(2025, 10, 14), ["Question", "Answer from October", "Answer now"],
         ["Exercise", "Columns", "Solution from October"]),
    ])
    def it_leaves_out_of_the_students_edition_what_is_not_theirs_yet(self, tmp_path, as_of,
                                                                      shown, slides):
        deck = load_deck(write(tmp_path, "d.yaml", EDITIONS_DECK), "student", as_of)
        assert [s.title for s in deck.slides] == slides
        assert slide_texts(deck.slides[0])[1:] == shown
        assert slide_texts(deck.slides[1]) == ["Columns", "Left"]
        assert all(s.notes == "" for s in deck.slides)
        assert deck.edition == "student"
        assert deck.released == (("now", "2025-10-14") if len(shown) == 3 else ("now",))

    def it_makes_editions_of_the_model_itself(self, tmp_path):
        deck = load_deck(write(tmp_path, "d.yaml", "title: T\nslides: [{title: A}]\n"))
        answer = Answer((Paragraph("secret"),), date(2030, 1, 1))
        raw = replace(deck, slides=(replace(deck.slides[0], blocks=(answer,), notes="n"),))
        student = for_edition(raw, "student", date(2029, 12, 31))
        assert (student.slides[0].blocks, student.slides[0].notes) == ((), "")
        assert for_edition(raw).slides[0].blocks == (Paragraph("secret"),)
        with pytest.raises(ValueError, match="edition must be one of instructor, student"):
            for_edition(raw, "teacher")

    @pytest.mark.parametrize("item, expected", [
        ("{text: A, release: next week}", "d.yaml:4:31: slide 1 'E': an item's 'release' must be "
         "a day like 2025-10-14 (year-month-day), or true (now) or false (never), got "
         "'next week'"),
        ("{text: A, answer: false, release: 2025-01-01}", "d.yaml:4:22: slide 1 'E': 'release' "
         "says when an answer is shown to students, but 'answer' is false: remove one of them"),
        ("{text: A, bullets: [b], answer: true}", "d.yaml:4:12: slide 1 'E': each 'body' item "
         "has exactly one of the keys 'text', 'bullets', 'math', 'table', 'code', 'image', "
         "'images', 'quote', 'timeline', 'diagram', 'qr' (and may have 'answer' and "
         "'release')"),
    ])
    def it_reports_a_bad_answer_where_it_is_written(self, tmp_path, item, expected):
        path = write(tmp_path, "d.yaml", f"title: T\nslides:\n  - title: E\n    body: [{item}]\n")
        assert problems(path, tmp_path) == [expected]


# -- building a course --------------------------------------------------------------------------

def built(results) -> list[str]:
    """The lectures a build made (not skipped), by file name."""
    return sorted(Path(r.source).name for r in results if r.ok and not r.skipped)


class DescribeBuildingACourse:
    def it_builds_every_lecture_and_the_index_with_one_command(self, course, tmp_path, capsys,
                                                              monkeypatch):
        monkeypatch.chdir(tmp_path)
        code, out, err = run_deck(capsys, "build", "hist", "-f", "html")
        assert (code, err) == (0, "")
        lines = out.splitlines()
        assert lines[0] == "course    HIST 201 · European History: 2 lectures"
        assert sorted(re.match(r"built +\S+", line).group(0) for line in lines[1:3]) == [
            "built     hist/one.yaml", "built     hist/two.yaml"]
        assert lines[3] == ("index     instructor edition  → output/instructor/index.html, "
                            "output/instructor/index.md")
        assert sorted(p.name for p in (tmp_path / "output" / "instructor").iterdir()) == [
            "index.html", "index.md", "one.html", "two.html"]
        assert sorted(p.name for p in (tmp_path / "output" / ".deck-cache" / "instructor")
                      .iterdir()) == ["one.json", "two.json"]

    def it_reports_a_broken_course_file_with_its_location(self, course, tmp_path, capsys,
                                                         monkeypatch):
        monkeypatch.chdir(tmp_path)
        write(course, "course.yaml", COURSE.replace("lecturer:", "lecturr:"))
        code, out, err = run_deck(capsys, "build", "hist", "-f", "html")
        assert (code, out) == (1, "")
        assert err.startswith("error: hist/course.yaml:4:1: unknown key 'lecturr' in the "
                              "course; did you mean 'lecturer'?")

    def it_builds_the_other_lectures_and_the_index_when_one_fails(self, course, tmp_path,
                                                                  capsys, monkeypatch):
        monkeypatch.chdir(tmp_path)
        write(course, "two.yaml", "title: Two\nslides:\n  - titel: x\n")
        code, out, err = run_deck(capsys, "build", "hist", "-f", "html")
        assert code == 1
        assert err.splitlines()[-1] == "error: 1 of 2 decks failed"
        index = (tmp_path / "output" / "instructor" / "index.md").read_text(encoding="utf-8")
        assert index.splitlines()[-2:] == [
            "| 1 | Lecture 1: Revolutions | 2025-09-02 | [Slides (HTML)](one.html) |",
            "| 2 | two |  | not built yet |"]

    def it_builds_the_course_in_slides_src_with_no_argument(self, tmp_path, capsys, monkeypatch):
        monkeypatch.chdir(tmp_path)
        write(tmp_path, "slides_src/course.yaml", COURSE)
        write(tmp_path, "slides_src/one.yaml", ONE)
        write(tmp_path, "slides_src/two.yaml", TWO)
        code, out, _ = run_deck(capsys, "-q", "build", "-f", "html", "--edition", "student")
        assert (code, out) == (0, "")
        assert sorted(p.name for p in (tmp_path / "output" / "student").iterdir()
                      if p.is_file()) == [
            "index.html", "index.md", "one.html", "two.html"]

    def it_puts_the_editions_in_folders_of_their_own(self, course, tmp_path):
        out = tmp_path / "out"
        for edition in ("instructor", "student"):
            options = BuildOptions(out, ("html",), edition=edition)
            results = build_decks(find_decks([course]), options, jobs=1)
            assert [r.outputs for r in results] == [
                (out / edition / "one.html",), (out / edition / "two.html",)]

    def it_puts_a_single_decks_student_edition_beside_the_instructors(self, tmp_path):
        deck = write(tmp_path, "talk.yaml", TWO)
        out = tmp_path / "out"
        results = [build_decks([deck], BuildOptions(out, ("html",), edition=e))[0]
                   for e in ("instructor", "student")]
        assert [r.outputs for r in results] == [(out / "talk.html",),
                                                (out / "student" / "talk.html",)]

    def it_rebuilds_exactly_the_lectures_that_include_an_edited_shared_slide(self, course,
                                                                            tmp_path):
        write(course, "shared/common.yaml", SHARED)
        write(course, "three.yaml", "title: Three\nslides: [{include: shared/common.yaml#rules}]\n")
        write(course, "two.yaml", TWO + "  - include: shared/common.yaml#plan\n")
        write(course, "one.yaml", ONE + "  - include: shared/common.yaml#plan\n")
        write(course, "course.yaml", COURSE + "  - three.yaml\n")
        options = BuildOptions(tmp_path / "out", ("html",))
        assert built(build_decks(find_decks([course]), options, jobs=1)) == [
            "one.yaml", "three.yaml", "two.yaml"]
        write(course, "shared/common.yaml", SHARED.replace("plan\"", "outline\""))
        assert built(build_decks(find_decks([course]), options, jobs=1)) == [
            "one.yaml", "two.yaml"]
        write(course, "shared/common.yaml", SHARED.replace("No phones", "No laptops"))
        assert built(build_decks(find_decks([course]), options, jobs=1)) == [
            "one.yaml", "three.yaml", "two.yaml"]  # plan back as it was, rules changed

    def it_rebuilds_only_an_edited_lecture_or_what_a_course_change_touches(self, course,
                                                                          tmp_path):
        options = BuildOptions(tmp_path / "out", ("html",))
        build_decks(find_decks([course]), options, jobs=1)
        write(course, "two.yaml", TWO.replace("[b]", "[c]"))
        assert built(build_decks(find_decks([course]), options, jobs=1)) == ["two.yaml"]
        write(course, "three.yaml", TWO)
        write(course, "course.yaml", COURSE + "  - three.yaml\n# a comment\n")
        assert built(build_decks(find_decks([course]), options, jobs=1)) == ["three.yaml"]
        write(course, "course.yaml", COURSE.replace("HIST 201", "HIST 202") + "  - three.yaml\n")
        assert built(build_decks(find_decks([course]), options, jobs=1)) == [
            "one.yaml", "three.yaml", "two.yaml"]

    def it_rebuilds_the_students_edition_when_an_answers_day_comes(self, tmp_path):
        write(tmp_path, "course.yaml", "title: C\nlectures: [a.yaml]\n")
        write(tmp_path, "a.yaml", "title: A\nslides:\n  - title: E\n    body:\n"
              "      - {text: Later, release: 2025-10-14}\n")
        def build(day):
            options = BuildOptions(tmp_path / "out", ("html",), edition="student", as_of=day)
            return build_decks([tmp_path / "a.yaml"], options)
        assert built(build(date(2025, 10, 1))) == ["a.yaml"]
        assert built(build(date(2025, 10, 2))) == []
        assert built(build(date(2025, 10, 14))) == ["a.yaml"]
        assert "Later" in (tmp_path / "out" / "student" / "a.html").read_text()

    def it_builds_the_lectures_in_worker_processes(self, course, tmp_path):
        options = BuildOptions(tmp_path / "out", ("html",))
        results = build_decks(find_decks([course]), options, jobs=2)
        assert [(Path(r.source).name, r.title, r.ok) for r in results] == [
            ("one.yaml", "Lecture 1: Revolutions", True), ("two.yaml", "Two", True)]


# -- the index page -----------------------------------------------------------------------------

class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        if tag == "a":
            self.hrefs.append(dict(attrs)["href"])

    def handle_data(self, data) -> None:
        self.text.append(data)


def links_of(html: str) -> _Links:
    parser = _Links()
    parser.feed(html)
    return parser


class DescribeTheIndexPage:
    @pytest.fixture
    def index(self, course, tmp_path):
        options = BuildOptions(tmp_path / "out", ("html", "pptx"), edition="student")
        results = build_decks(find_decks([course]), options, jobs=1)
        return write_index(load_course(course / "course.yaml"), results, options)

    def it_links_every_output_of_every_lecture_and_every_link_resolves(self, index):
        html, markdown = index
        hrefs = links_of(html.read_text(encoding="utf-8")).hrefs
        assert hrefs == ["one.html", "one.pptx", "two.html", "two.pptx"]
        assert all((html.parent / href).is_file() for href in hrefs)
        md_links = re.findall(r"\]\(([^)]+)\)", markdown.read_text(encoding="utf-8"))
        assert md_links == hrefs

    def it_names_the_course_the_edition_and_each_lecture(self, index):
        text = " ".join(" ".join(links_of(index[0].read_text(encoding="utf-8")).text).split())
        assert "HIST 201 European History Autumn 2025 · Dr. Ada Smith · Student edition" in text
        assert "1 Lecture 1: Revolutions 2025-09-02 Slides (HTML) of lecture 1" in text
        assert "2 Two Slides (HTML) of lecture 2" in text

    def it_writes_the_same_as_markdown(self, index):
        assert index[1].read_text(encoding="utf-8") == (
            "# HIST 201 · European History\n\n"
            "Autumn 2025 · Dr. Ada Smith · Student edition\n\n"
            "| No. | Lecture | Date | Files |\n|---:|---|---|---|\n"
            "| 1 | Lecture 1: Revolutions | 2025-09-02 | [Slides (HTML)](one.html) · "
            "[PowerPoint (PPTX)](one.pptx) |\n"
            "| 2 | Two |  | [Slides (HTML)](two.html) · [PowerPoint (PPTX)](two.pptx) |\n")

    def it_escapes_markdown_in_titles_and_says_what_is_not_built(self, course):
        read = load_course(course / "course.yaml")
        from generator.course.index import Entry
        text = index_markdown(read, [Entry(1, "A | *B* [c]", None, ())], "instructor")
        assert text.splitlines()[-1] == "| 1 | A \\| \\*B\\* \\[c\\] |  | not built yet |"

    def it_is_in_the_courses_colours_and_language(self, course, tmp_path):
        write(course, "course.yaml", COURSE + "theme: dark\nlanguage: de\n")
        options = BuildOptions(tmp_path / "out", ("html",))
        html, _ = write_index(load_course(course / "course.yaml"), [], options)
        page = html.read_text(encoding="utf-8")
        assert '<html lang="de" dir="ltr">' in page
        assert ("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                "style-src 'unsafe-inline'\">") in page  # no script, nothing fetched
        assert "--color-background: #14181F;" in page
        assert "not built yet" in page


# -- watching a course --------------------------------------------------------------------------

class DescribeWatchingACourse:
    def it_rebuilds_exactly_the_lectures_a_change_affects_and_the_index(self, course, tmp_path):
        write(course, "shared/common.yaml", SHARED)
        write(course, "one.yaml", ONE + "  - include: shared/common.yaml#plan\n")
        watcher = DeckWatcher([course], BuildOptions(tmp_path / "out", ("html",)))
        watcher.build(watcher.decks())
        shared = course / "shared" / "common.yaml"
        assert watcher.affected([shared]) == [course / "one.yaml"]
        assert watcher.affected([course / "two.yaml"]) == [course / "two.yaml"]
        assert watcher.affected([course / "course.yaml"]) == [course / "one.yaml",
                                                               course / "two.yaml"]
        write(course, "two.yaml", TWO.replace("title: Two", "title: Second"))
        assert built(watcher.build(watcher.affected([course / "two.yaml"]))) == ["two.yaml"]
        index = (tmp_path / "out" / "instructor" / "index.md").read_text(encoding="utf-8")
        assert "| 2 | Second |" in index

    def it_builds_a_lecture_added_to_the_course(self, course, tmp_path):
        watcher = DeckWatcher([course], BuildOptions(tmp_path / "out", ("html",)))
        watcher.build(watcher.decks())
        write(course, "three.yaml", TWO)
        write(course, "course.yaml", COURSE + "  - three.yaml\n")
        affected = watcher.affected([course / "course.yaml"])
        assert affected[-1] == course / "three.yaml"
        assert built(watcher.build(affected)) == ["three.yaml"]

    def it_keeps_the_lectures_while_the_course_file_is_broken(self, course, tmp_path):
        watcher = DeckWatcher([course], BuildOptions(tmp_path / "out", ("html",)))
        watcher.build(watcher.decks())
        write(course, "course.yaml", "title: C\nlectures: [nothere.yaml]\n")
        assert watcher.decks() == [course / "one.yaml", course / "two.yaml"]
        assert "lecture file not found: nothere.yaml" in str(watcher.problem.error)


# -- the worked example of docs/course.md -------------------------------------------------------

EXAMPLE = ROOT / "docs" / "examples" / "course"


class DescribeTheWorkedExample:
    @pytest.mark.parametrize("edition, as_of, slides", [
        ("instructor", None, {"01-revolutions": 4, "02-settlement": 4, "03-problem-class": 4}),
        ("student", date(2026, 10, 15), {"01-revolutions": 3, "02-settlement": 3,
                                         "03-problem-class": 4}),
    ])
    def it_builds_both_editions_with_the_index(self, tmp_path, edition, as_of, slides):
        options = BuildOptions(tmp_path / "out", ("pptx", "html"), edition=edition, as_of=as_of)
        results = build_decks(find_decks([EXAMPLE]), options, jobs=1)
        assert {Path(r.source).stem: r.slides for r in results if r.ok} == slides
        html, _ = write_index(load_course(EXAMPLE / "course.yaml"), results, options)
        assert len(links_of(html.read_text(encoding="utf-8")).hrefs) == 6

    @pytest.mark.parametrize("as_of, shown", [
        (date(2026, 10, 15), ["Why did the Treaty of Rapallo (1922) alarm Britain and France?"]),
        (date(2026, 10, 16), ["Why did the Treaty of Rapallo (1922) alarm Britain and France?",
                              "It joined the two outcasts of Versailles: Germany and Soviet "
                              "Russia gave up claims on each other and opened the way to secret "
                              "military cooperation."]),
    ])
    def it_shows_students_the_first_answer_from_its_day_and_never_the_second(self, as_of,
                                                                           shown):
        deck = load_deck(EXAMPLE / "03-problem-class.yaml", "student", as_of)
        assert [slide_texts(s)[1:] for s in deck.slides[1:]] == [
            shown, ["Name two aims of the League of Nations."]]
        assert [s.notes for s in deck.slides] == ["", "", ""]
        assert slide_texts(load_deck(EXAMPLE / "01-revolutions.yaml").slides[0]) == [
            "Week 1: where we are",
            "Before next week, read Hobsbawm, *The Age of Extremes*, chapters 1–4",
            "Office hours: Thursdays 14:00–15:00, room B204"]


class DescribeTheSchemas:
    @pytest.mark.slow
    def it_validates_the_worked_examples_course_and_lectures(self):
        import jsonschema
        import yaml

        from generator.source.schema import course_schema, deck_schema

        class DaysAsText(yaml.SafeLoader):
            """YAML as an editor's language server reads it: 2026-10-16 is text."""

        DaysAsText.yaml_implicit_resolvers = {
            first: [r for r in resolvers if not r[0].endswith(":timestamp")]
            for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}

        def read(path: Path):
            return yaml.load(path.read_text(encoding="utf-8"), DaysAsText)

        jsonschema.validate(read(EXAMPLE / "course.yaml"), course_schema())
        for path in [*EXAMPLE.glob("0*.yaml"), PLANTED / "02-second.yaml"]:
            jsonschema.validate(read(path), deck_schema())

    @pytest.mark.parametrize("which, data, message", [
        ("course", {"title": "C", "lectures": ["a.yaml"], "cod": "X"},
         "Additional properties are not allowed ('cod' was unexpected)"),
        ("course", {"title": "C", "lectures": ["a.yaml"], "variables": {"2x": "y"}},
         "'2x' does not match '^[A-Za-z_][A-Za-z0-9_]*$'"),
        ("deck", {"title": "T", "slides": [{"include": "s.yaml#a", "title": "A"}]},
         "Additional properties are not allowed ('title' was unexpected)"),
        ("deck", {"title": "T", "slides": [{"title": "A", "body": [{"answer": True}]}]},
         "{'answer': True} is not valid under any of the given schemas"),
    ])
    def it_rejects_what_the_loader_rejects(self, which, data, message):
        import jsonschema

        from generator.source.schema import course_schema, deck_schema

        schema = course_schema() if which == "course" else deck_schema()
        errors = [e.message for e in jsonschema.Draft202012Validator(schema).iter_errors(data)]
        assert errors == [message]

    def it_prints_the_course_schema(self, capsys):
        import json

        code, out, _ = run_deck(capsys, "schema", "--course")
        assert code == 0 and json.loads(out)["title"] == "Lecture course"


def test_deck_check_locates_a_finding_of_an_included_slide_in_its_own_file(course):
    from generator.check.deck import CheckOptions, check_deck

    write(course, "shared/common.yaml", "slides:\n  - id: a\n    title: Rules\n"
          "    bullets: [Bring a pencill]\n")
    write(course, "two.yaml", "title: Two\nslides:\n  - title: First\n"
          "  - include: shared/common.yaml#a\n")
    findings = [f for f in check_deck(course / "two.yaml", CheckOptions())
                if f.rule == "spelling"]
    assert [(Path(f.path).relative_to(course), f.line, f.column) for f in findings] == [
        (Path("shared/common.yaml"), 4, 23)]


def test_a_deck_includes_only_from_inside_the_root_folder_it_is_given(tmp_path):
    write(tmp_path, "shared.yaml", SHARED)
    deck = write(tmp_path, "talks/a.yaml", "title: A\nslides: [{include: ../shared.yaml#rules}]\n")
    assert problems(deck, tmp_path)[0].endswith("../shared.yaml is outside it")
    assert load_deck(deck, root_folder=tmp_path).slides[0].title == "Rules"


@pytest.mark.slow
def test_deck_watch_on_a_course_rebuilds_exactly_the_lectures_an_edit_affects(course, tmp_path):
    from test_watch import Running

    write(course, "shared/common.yaml", SHARED)
    write(course, "one.yaml", ONE + "  - include: shared/common.yaml#plan\n")
    write(course, "two.yaml", TWO + "  - include: shared/common.yaml#rules\n")
    running = Running("watch", "hist", "-o", "out", "-f", "html", cwd=tmp_path)
    try:
        running.wait_for(lambda line: line.startswith("watching"), "'watching'")
        running.lines.clear()
        write(course, "shared/common.yaml", SHARED.replace("plan\"", "outline\""))
        running.wait_for(lambda line: " built     hist/one.yaml " in line, "lecture 1 built")
        running.wait_for(lambda line: " unchanged hist/two.yaml " in line, "lecture 2 unchanged")
        assert "Week 1 outline" in (tmp_path / "out" / "instructor" / "one.html").read_text(
            encoding="utf-8")
    finally:
        assert running.stop() == 0
