"""The README and docs/: size, links, and every YAML example builds (decks) or loads (themes)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml

from generator.build import build_deck
from generator.errors import SourceError, ThemeError
from generator.source.reader import load_deck
from generator.themes.theme import load_theme

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
PAGES = [README, *sorted((ROOT / "docs").glob("*.md"))]
NOT_A_DECK = "<!-- not a deck -->"

# Files the examples name, relative to the deck file, and the repository file that stands in.
EXAMPLE_FILES = {
    "img/europe.png": "tests/decks/img/map.png",
    "img/map.png": "tests/decks/img/map.png",
    "img/divider.png": "tests/decks/img/map.png",
    "img/paper.png": "tests/decks/img/paper.png",
    "data/treaties.csv": "tests/decks/data/treaties.csv",
    "src/ledger.py": "tests/decks/src/ledger.py",
    "img/plot.svg": "tests/decks/pictures/enrolment_plot.svg",
    "img/photo.webp": "tests/decks/pictures/hopper.webp",
    "img/photo.tif": "tests/decks/pictures/hopper.tif",
    "corporate.pptx": "tests/templates/pandoc_reference-depth.pptx",  # 16:9, like format.md's deck
    "faculty.pptx": "tests/templates/office2010_default.pptx",  # 4:3, like validation.md's deck
    "works.bib": "tests/decks/citations/works.bib",  # thirty works, for citations.md
}

_FENCE = re.compile(r"^```.*?^```[ \t]*$", re.M | re.S)
_CODE_SPAN = re.compile(r"(`+)(.+?)\1", re.S)
_LINK = re.compile(r"!?\[[^\]]*\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)")


def name(page: Path) -> str:
    return page.relative_to(ROOT).as_posix()


def prose(page: Path) -> str:
    """The page without code blocks and code spans, where link-like text is only an example."""
    return _CODE_SPAN.sub("", _FENCE.sub("", page.read_text(encoding="utf-8")))


def links(page: Path) -> list[str]:
    return _LINK.findall(prose(page))


def relative_links(page: Path) -> list[str]:
    return [x for x in links(page) if not re.match(r"[a-z]+:", x)]


def anchors(page: Path) -> set[str]:
    """GitHub's anchors for the headings of a page."""
    headings = re.findall(r"^#+ (.+)$", _FENCE.sub("", page.read_text(encoding="utf-8")), re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower().replace("`", "")).replace(" ", "-")
            for h in headings}


def yaml_examples(page: Path) -> list[tuple[str, bool, str]]:
    """Each ```yaml block of a page: where it starts, whether it is marked not a deck, its text."""
    text = page.read_text(encoding="utf-8")
    found = []
    for match in re.finditer(r"^```yaml\n(.*?)^```", text, re.M | re.S):
        before = text[:match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        line = text.count("\n", 0, match.start()) + 1
        found.append((f"{name(page)}:{line}", before.strip() == NOT_A_DECK, match.group(1)))
    return found


EXAMPLES = [example for page in PAGES for example in yaml_examples(page)]


def example_file(text: str) -> Path | None:
    """The repository file a YAML example is a copy of: its first line names it
    (``# docs/examples/course/course.yaml``)."""
    found = re.match(r"# (docs/examples/\S+\.yaml)\n", text)
    return ROOT / found.group(1) if found else None


def kind(text: str) -> str:
    if example_file(text) is not None:
        return "copy"
    data = yaml.safe_load(text)
    if not isinstance(data, dict):
        return "other"
    if "slides" in data:
        return "deck"
    return "slide" if "title" in data else "theme"


def as_deck(text: str) -> str:
    """A deck holding the example: a deck as it is, one slide's keys as the deck's only slide."""
    if kind(text) == "deck":
        return text
    lines = text.splitlines()
    return "title: Example\nslides:\n" + "".join(
        ("  - " if i == 0 else "    ") + line + "\n" for i, line in enumerate(lines))


def leaves(data: dict, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], object]:
    found = {}
    for key, value in data.items():
        if isinstance(value, dict):
            found.update(leaves(value, (*path, key)))
        else:
            found[(*path, key)] = value
    return found


def test_the_readme_is_a_front_door_under_12000_bytes():
    assert len(README.read_bytes()) < 12_000


def test_the_readme_links_every_docs_page_and_the_benchmarks():
    expected = {name(page) for page in PAGES[1:]} | {"benchmarks/README.md"}
    linked = {x.split("#")[0] for x in relative_links(README)}
    assert expected - linked == set()


def test_the_readme_keeps_the_two_quick_start_commands():
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"```sh\n(.*?)```", quick, re.S) == [
        'python3 -m venv .venv && .venv/bin/pip install -q -e ".[test]" && .venv/bin/deck build\n',
        ".venv/bin/python -m pytest -q\n"]


@pytest.mark.parametrize("page", PAGES, ids=name)
def test_every_relative_link_points_to_an_existing_file_and_heading(page):
    broken = []
    for link in relative_links(page):
        target, _, anchor = link.partition("#")
        path = (page.parent / target).resolve() if target else page
        if not path.exists():
            broken.append(link)
        elif anchor and path.suffix == ".md" and anchor not in anchors(path):
            broken.append(link)
    assert broken == []


def test_the_link_finder_sees_links_with_parentheses_and_skips_code():
    page = ROOT / "docs" / "format.md"
    assert "keys.md" in links(page)
    assert "https://en.wikipedia.org/wiki/Treaty_of_Rapallo_(1922)" not in links(page)
    assert anchors(page) >= {"editor-support-json-schema", "errors", "the-slides"}


def test_only_the_marked_examples_are_not_decks():
    marked = [(where, text.splitlines()[0]) for where, skip, text in EXAMPLES if skip]
    assert marked == [
        ("docs/format.md:217", "# yaml-language-server: $schema=../deck.schema.json"),
        ("docs/themes.md:32",
         "theme: academic              # a built-in theme by name"),
    ]


def test_every_page_with_yaml_examples_has_examples_that_are_checked():
    checked = {where.split(":")[0] for where, skip, _ in EXAMPLES if not skip}
    with_yaml = {name(page) for page in PAGES if "```yaml" in page.read_text(encoding="utf-8")}
    assert with_yaml - checked == set()


@pytest.mark.parametrize("where, text", [pytest.param(w, t, id=w) for w, skip, t in EXAMPLES
                                         if not skip and kind(t) == "copy"])
def test_every_copy_of_an_example_file_is_the_file_as_it_is(where, text):
    assert example_file(text).read_text(encoding="utf-8") == text, where


def test_the_course_page_shows_every_file_of_the_worked_example():
    shown = {example_file(t) for _, _, t in EXAMPLES if kind(t) == "copy"}
    assert shown == set((ROOT / "docs" / "examples" / "course").rglob("*.yaml"))


def test_the_errors_in_course_md_are_the_real_messages(tmp_path, monkeypatch):
    course = tmp_path / "hist201"
    shutil.copytree(ROOT / "docs" / "examples" / "course", course)
    monkeypatch.chdir(tmp_path)
    lecture = course / "01-revolutions.yaml"
    lecture.write_text(lecture.read_text(encoding="utf-8").replace(
        "collapse of the", "collapse of {textbok} the"), encoding="utf-8")
    shared = course / "shared" / "common.yaml"
    shared.write_text(shared.read_text(encoding="utf-8").replace(
        "    bullets:\n      - Three", "    bulets:\n      - Three"), encoding="utf-8")
    page = (ROOT / "docs" / "course.md").read_text(encoding="utf-8")
    for path in ("hist201/01-revolutions.yaml", "hist201/03-problem-class.yaml"):
        with pytest.raises(SourceError) as caught:
            load_deck(path)
        [message] = [re.sub(r"\(valid keys: [^)]*\)", "(valid keys: …)", str(p))
                     for p in caught.value.problems]
        assert f"\n  {message}\n" in page


def test_the_theme_examples_are_the_faculty_theme():
    themes = [where for where, skip, text in EXAMPLES if not skip and kind(text) == "theme"]
    assert themes == ["docs/themes.md:65"]


@pytest.mark.parametrize("where, text", [pytest.param(w, t, id=w) for w, skip, t in EXAMPLES
                                         if not skip and kind(t) in ("deck", "slide")])
@pytest.mark.slow  # over half a second: the full suite only
def test_every_deck_example_builds_pptx_and_html(tmp_path, where, text):
    for file, source in EXAMPLE_FILES.items():
        (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / source, tmp_path / file)
    deck = tmp_path / "example.yaml"
    deck.write_text(as_deck(text), encoding="utf-8")
    result = build_deck(deck, tmp_path / "out", ("pptx", "html"))
    assert result.error is None, f"{where}: {result.error}"
    assert sorted(p.name for p in (tmp_path / "out").glob("example.*")) == [
        "example.html", "example.pptx"]


@pytest.mark.parametrize("where, text", [pytest.param(w, t, id=w) for w, skip, t in EXAMPLES
                                         if not skip and kind(t) == "theme"])
def test_every_theme_example_loads_with_its_values(tmp_path, where, text):
    path = tmp_path / "faculty.yaml"
    path.write_text(text, encoding="utf-8")
    theme = load_theme(str(path), base=tmp_path)
    expected = {k: v for k, v in leaves(yaml.safe_load(text)).items() if k != ("description",)}
    assert {k: _token(theme.tokens, k) for k in expected} == expected


def _token(tokens, path: tuple[str, ...]):
    for key in path:
        tokens = tokens[key]
    return tokens


def _messages(error: Exception, path: Path, shown: str) -> list[str]:
    return [str(p).replace(str(path), shown) for p in error.problems]


def test_the_unknown_key_error_in_format_md_is_the_real_message(tmp_path):
    path = tmp_path / "lecture.yaml"
    path.write_text("title: T\nslides:\n  - title: One\n    bulets: [Point]\n", encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        load_deck(path)
    [message] = _messages(caught.value, path, "slides_src/lecture.yaml")
    assert f"\n{message}\n" in (ROOT / "docs" / "format.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("theme, shown", [
    ("description: Faculty\ncolors:\n  text: '#1F3A68'\n  acent: '#7A1F2B'\n",
     "\n{}\n"),
    ("description: Faculty\ncolors: {heading: '#1F3A68'}\nfonts: {heading: Cambria}\nsizes:\n"
     "  body: 28\nspacing:\n  gap: 20\n  title_height: 60\n  line: 1.1\n  indent: 20\n"
     "  paragraph: 0.4\n  margin: 400\n", "(`{}`)"),
    ("description: Faculty\nfonts: {heading: Cambria}\nsizes: {body: 28}\nspacing: {gap: 20}\n"
     "weights: {title: bold}\nfooter: {size: 12}\ncolors:\n  background: '#FFFFFF'\n"
     "  text: '#777777'\n", "\n{}\n"),
], ids=["unknown key", "range", "contrast"])
def test_the_theme_errors_in_themes_md_are_the_real_messages(tmp_path, theme, shown):
    path = tmp_path / "faculty.yaml"
    path.write_text(theme, encoding="utf-8")
    with pytest.raises(ThemeError) as caught:
        load_theme(str(path), base=tmp_path)
    message = _messages(caught.value, path, "faculty.yaml")[0]
    assert shown.format(message) in (ROOT / "docs" / "themes.md").read_text(encoding="utf-8")


def test_the_architecture_page_names_every_package_and_module_of_the_generator():
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    table = page[page.index("| package / module | job |"):page.index("Renderers never import")]
    generator = ROOT / "generator"
    packages = {p.name for p in generator.iterdir() if (p / "__init__.py").is_file()}
    # the stages' modules are named in their package's row; top-level modules have rows of their own
    modules = {p.stem for p in generator.glob("*/*.py") if p.stem != "__init__"
               and p.parent.name not in ("commands", "importer")}
    top = {p.stem for p in generator.glob("*.py")} - {"__init__", "__main__", "errors"}
    assert {n for n in packages if f"`{n}/`" not in table} == set()
    assert {n for n in modules | top if f"`{n}`" not in table} == set()
