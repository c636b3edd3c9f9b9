"""The planted-strings course (tests/decks/course/) built in both editions, every format, one
command each: no byte of any student output holds instructor-only content, every instructor
edition holds all of it, lecture numbers and footers are right everywhere, and the index page
links every output and passes axe-core."""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest
from conftest import assert_valid_pptx, axe_violations, require_tool

from generator.pdf import find_chromium, find_soffice

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
COURSE = ROOT / "tests" / "decks" / "course"
FORMATS = "pptx,html,pdf,handout"
LECTURES = ("01-first", "02-second", "03-third", "04-fourth")
RELEASED = {"ZQXRELA", "ZQXRELB"}  # answers whose day has come: in both editions
# Where each instructor-only word is in the instructor edition: PPTX parts (slides, notes),
# HTML, PDF (LibreOffice's, of the PPTX) and handout (Chromium's, of the HTML). A hidden slide
# is only in the PPTX (kept there, not shown in the slide show); notes are not on the slides.
ON_SLIDES = ["handout", "html", "pdf", "pptx/slides"]
INSTRUCTOR_ONLY = {
    "ZQXNOTEA": ["handout", "html", "pptx/notesSlides"],  # speaker notes
    "ZQXNOTESH": ["handout", "html", "pptx/notesSlides"],  # notes of an included slide
    "ZQXINSTA": ON_SLIDES, "ZQXINSTB": ON_SLIDES,  # an 'instructor: true' slide
    "ZQXINSTC": ON_SLIDES,  # a table cell on one
    "ZQXALT": ["handout", "html", "pptx/slides"],  # a picture's alt text on one
    "ZQXCODE": ON_SLIDES,  # code on one
    "ZQXANSA": ON_SLIDES,  # an answer block never released
    "ZQXANSB": ON_SLIDES,  # an answer in a column, released in 2999
    "ZQXANSC": ON_SLIDES, "ZQXANSD": ON_SLIDES,  # an answer slide
    # an answer equation: in the PDF LibreOffice makes of the PPTX, a picture of it (the
    # fallback's drawn maths), so not in the PDF's text
    "ZQXMATHA": [where for where in ON_SLIDES if where != "pdf"],
    "ZQXHIDA": ["pptx/slides"],  # a hidden slide
}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    """Both editions of the course, each built with one command."""
    require_tool("LibreOffice", find_soffice() is not None, "soffice is not on PATH "
                 "(apt-get install libreoffice-impress)")
    require_tool("Chromium", find_chromium() is not None, "no Chromium (apt-get install "
                 "chromium)")
    out = tmp_path_factory.mktemp("course") / "out"
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    for edition in ("instructor", "student"):
        subprocess.run([sys.executable, "-m", "generator", "-q", "build", str(COURSE), "-o",
                        str(out), "-f", FORMATS, "--edition", edition], check=True, env=env,
                       cwd=ROOT, capture_output=True)
    return out


def contents(path: Path):
    """``(part, bytes)`` of every byte a file holds: the file itself; a PPTX's parts
    unzipped; a PDF's text (pdftotext) and its streams inflated."""
    data = path.read_bytes()
    yield "file", data
    if path.suffix == ".pptx":
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            for name in package.namelist():
                yield name, package.read(name)
    elif path.suffix == ".pdf":
        yield "text", subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                                     capture_output=True, check=True).stdout
        for stream in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", data, re.S):
            try:
                yield "stream", zlib.decompress(stream.group(1))
            except zlib.error:
                continue


def kind(path: Path, part: str) -> str:
    """What a file is (pptx, html, pdf, handout, md), and for a PPTX part its folder."""
    name = "handout" if path.name.endswith("-handout.pdf") else path.suffix[1:]
    if name == "pptx" and part.startswith("ppt/") and part.count("/") > 1:
        return f"pptx/{part.split('/')[1]}"
    return name


def planted_words(folder: Path) -> dict[str, list[str]]:
    """Every ZQX… word in any byte of any file under ``folder`` (the build stamps too), and
    the kinds of output it is in."""
    found: dict[str, set[str]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        for part, data in contents(path):
            for word in set(re.findall(rb"ZQX[A-Z]+", data)):
                found.setdefault(word.decode(), set()).add(kind(path, part))
    return {word: sorted(kinds) for word, kinds in found.items()}


class DescribeTheStudentEdition:
    def it_holds_only_the_outputs_and_the_index(self, out):
        assert sorted(p.name for p in (out / "student").iterdir()) == sorted(
            [f"{name}{suffix}" for name in LECTURES
             for suffix in (".pptx", ".html", ".pdf", "-handout.pdf")]
            + ["index.html", "index.md"])

    def it_holds_no_instructor_only_word_in_any_byte_of_any_output(self, out):
        found = planted_words(out / "student")
        assert sorted(found) == sorted(RELEASED)
        assert [name for name in INSTRUCTOR_ONLY if name in found] == []

    def it_holds_the_released_answers_in_every_output(self, out):
        found = planted_words(out / "student")
        assert {word: found[word] for word in RELEASED} == {
            word: ON_SLIDES for word in RELEASED}

    def it_has_no_notes_pages_and_a_valid_package(self, out):
        for name in LECTURES:
            pptx = out / "student" / f"{name}.pptx"
            with zipfile.ZipFile(pptx) as package:
                assert [n for n in package.namelist() if "notesSlide" in n] == []
            assert_valid_pptx(pptx)


class DescribeTheInstructorEdition:
    def it_holds_every_planted_word_where_it_belongs(self, out):
        found = planted_words(out / "instructor")
        assert {word: found.get(word) for word in INSTRUCTOR_ONLY} == INSTRUCTOR_ONLY
        assert {word: found.get(word) for word in RELEASED} == {
            word: ON_SLIDES for word in RELEASED}

    def it_builds_valid_packages(self, out):
        for name in LECTURES:
            assert_valid_pptx(out / "instructor" / f"{name}.pptx")


def text_of(path: Path) -> str:
    """The text a reader sees in an output (the PPTX: its slides' text runs)."""
    if path.suffix == ".pdf":
        return subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"],
                              capture_output=True, check=True, text=True).stdout
    if path.suffix == ".pptx":
        with zipfile.ZipFile(path) as package:
            slides = sorted((n for n in package.namelist()
                             if re.match(r"ppt/slides/slide\d+\.xml$", n)),
                            key=lambda n: int(re.search(r"\d+", n).group()))
            return "\n".join(" ".join(re.findall(r"<a:t>([^<]*)</a:t>", package.read(n)
                                                 .decode())) for n in slides)
    return path.read_text(encoding="utf-8")


class DescribeNumbersAndFooters:
    @pytest.mark.parametrize("edition", ["instructor", "student"])
    def they_are_the_lectures_own_in_every_output(self, out, edition):
        wrong = []
        for number, name in enumerate(LECTURES, start=1):
            for suffix in (".pptx", ".html", ".pdf", "-handout.pdf"):
                text = text_of(out / edition / f"{name}{suffix}")
                footers = set(re.findall(r"PLNT 101 · Lecture (\d)", text))
                titles = set(re.findall(r"Lecture (\d): [A-Z]", text))
                plans = set(re.findall(r"Week (\d) plan", text))
                if footers != {str(number)} or titles != {str(number)} or plans not in (
                        set(), {str(number)}):
                    wrong.append((name, suffix, footers, titles, plans))
        assert wrong == []


class DescribeTheIndexPage:
    @pytest.mark.parametrize("edition", ["instructor", "student"])
    def it_links_every_output_of_every_lecture_and_every_link_resolves(self, out, edition):
        html = (out / edition / "index.html").read_text(encoding="utf-8")
        hrefs = re.findall(r'<a href="([^"]+)"', html)
        assert hrefs == [f"{name}{suffix}" for name in LECTURES
                         for suffix in (".html", ".pptx", ".pdf", "-handout.pdf")]
        assert [h for h in hrefs if not (out / edition / h).is_file()] == []
        markdown = (out / edition / "index.md").read_text(encoding="utf-8")
        assert re.findall(r"\]\(([^)]+)\)", markdown) == hrefs
        assert f"{edition.capitalize()} edition" in html and f"{edition.capitalize()} " \
            "edition" in markdown

    @pytest.mark.parametrize("edition", ["instructor", "student"])
    def it_opens_each_lecture_without_a_request_or_a_console_error(self, out, edition,
                                                                    browser_context):
        page = browser_context.new_page()
        page.goto((out / edition / "index.html").as_uri())
        page.click("text=Slides (HTML) of lecture 3")
        page.wait_for_url(re.compile(r"03-third\.html"))
        assert page.title() == "Lecture 3: Turns"

    @pytest.mark.parametrize("edition", ["instructor", "student"])
    def it_has_no_accessibility_violation(self, out, edition, browser, axe_source):
        context = browser.new_context(bypass_csp=True)  # axe-core is a script the page's
        try:                                            # policy refuses
            page = context.new_page()
            page.goto((out / edition / "index.html").as_uri())
            assert axe_violations(page, axe_source) == []
        finally:
            context.close()
