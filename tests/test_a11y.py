"""``deck check --a11y``: one deck per rule with its exact findings; decorative pictures in both
outputs; the lecture passes."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from conftest import run_deck

from generator.check.deck import RULES, CheckOptions, check_deck
from generator.html.render import render_html
from generator.layout.engine import lay_out
from generator.pptx.render import render_pptx
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
A11Y = ROOT / "tests" / "decks" / "a11y"
TIMED = ROOT / "tests" / "decks" / "timed.yaml"
TEMPLATES = ROOT / "tests" / "templates"
WIDE_TEMPLATES = ("md2pptx_Martin_Template.pptx", "pandoc_reference-depth.pptx")
OPTIONS = CheckOptions(spelling=False, a11y=True)

# Each deck under tests/decks/a11y/ is named after the rule it breaks; these are its findings.
EXPECTED = {
    "a11y-title": [
        "6:5: error: slide 2: title 'Causes' is also the title of slide 1: every slide needs its "
        "own title, which screen readers list to move between slides [a11y-title]"],
    "a11y-link": [
        "6:28: error: slide 1: link text 'click here' says nothing about where it goes: name the "
        "target, as in '[the 1939 pact](https://…)' (screen readers list links by their text) "
        "[a11y-link]",
        "7:11: error: slide 1: link text 'https://www.marxists.org' is the bare address: name "
        "the target, as in '[the 1939 pact](https://…)' (screen readers list links by their "
        "text) [a11y-link]"],
    "a11y-language": [
        "1:1: error: the deck does not say its language, so the outputs declare 'en': add "
        "'language:' (a BCP 47 tag such as en, en-GB, de, ru) so screen readers pronounce the "
        "text right [a11y-language]"],
    "a11y-contrast": [
        f"3:8: error: {token} {color} on the background picture half_dark.png has a contrast of "
        f"{ratio}:1 where the picture is #30343A; WCAG AA needs {needed}:1: choose a calmer "
        "picture or another text colour [a11y-contrast]"
        for token, color, ratio, needed in [
            ("colors.text", "#1F2328", "1.26", "4.5"), ("colors.heading", "#1F3A68", "1.11", "3"),
            ("colors.accent", "#2F6DB5", "2.36", "3"), ("colors.muted", "#5B6470", "2.08", "4.5"),
            ("colors.link", "#1F5FAD", "1.96", "4.5"), ("colors.lead", "#1F2328", "1.26", "4.5"),
            ("footer.color", "#5B6470", "2.08", "4.5")]],
    "a11y-dim": [
        "4:5: error: slide 1: 'dim: true' fades earlier points to #A5A7A9 on #FFFFFF, a "
        "contrast of 2.41:1 (WCAG AA needs 4.5:1): drop 'dim' so every point stays readable "
        "[a11y-dim]"],
    "a11y-size": [
        "3:10: error: the footer is set at 7 pt to stay on one line (the theme's footer size is "
        "12 pt): shorten 'footer:' [a11y-size]"],
    "alt-text": [
        "5:12: error: slide 1: alt text 'https://example.org/img/map.png' is an address: "
        "describe what the picture shows [alt-text]"],
}


class DescribeTheA11yRules:
    def it_has_a_test_deck_for_every_a11y_rule(self):
        rules = {name for name in RULES if name.startswith("a11y-")} | {"alt-text"}
        assert sorted(p.stem for p in A11Y.glob("*.yaml")) == sorted(rules) == sorted(EXPECTED)

    @pytest.mark.parametrize("rule", sorted(EXPECTED))
    def it_reports_each_rule_with_its_exact_message(self, rule):
        path = A11Y / f"{rule}.yaml"
        assert [str(f) for f in check_deck(path, OPTIONS)] == [
            f"{path}:{line}" for line in EXPECTED[rule]]

    def it_passes_the_lecture_and_the_timed_deck(self):
        for deck in (LECTURE, TIMED):
            assert [str(f) for f in check_deck(deck, OPTIONS) if f.severity == "error"] == []

    def it_reports_slide_text_below_the_themes_minimum(self, layout):
        from dataclasses import replace

        from generator.check.a11y import size_issues

        theme = layout.theme
        stricter = replace(theme, tokens={**theme.tokens, "sizes": {**theme.sizes,
                                                                    "minimum": 30}})
        assert [issue.message for issue in size_issues(replace(layout, theme=stricter))] == [
            "text set at 28 pt, below the theme's minimum of 30 pt: shorten it or split the "
            "slide"] * 3
        assert list(size_issues(layout)) == []

    def it_leaves_a11y_rules_out_without_the_option(self):
        findings = check_deck(A11Y / "a11y-title.yaml", CheckOptions(spelling=False))
        assert [f.rule for f in findings] == ["duplicate-title"]
        assert check_deck(A11Y / "a11y-link.yaml", CheckOptions(spelling=False)) == []

    def it_runs_from_the_command_line(self, capsys):
        path = A11Y / "a11y-language.yaml"
        code, out, err = run_deck(capsys, "check", "--a11y", "--no-spelling", str(path))
        assert (code, out.splitlines(), err.strip()) == (
            1, [f"{path}:{EXPECTED['a11y-language'][0]}"], "1 error, 0 warnings in 1 deck")


@pytest.fixture(scope="module")
def layout():
    deck = load_deck(TIMED)
    return lay_out(deck, theme_for(deck))


class DescribeDecorativePictures:
    def it_needs_no_alt_text(self, layout):
        image = layout.deck.slides[2].image
        assert (image.decorative, image.alt) == (True, "")
        assert check_deck(TIMED, CheckOptions(spelling=False)) == []

    def it_has_an_empty_alt_in_html(self, layout):
        assert re.findall(r'<img class="picture" src="data:[^"]*" alt="([^"]*)"',
                          render_html(layout)) == [""]

    def it_is_marked_decorative_in_the_pptx(self, layout):
        with zipfile.ZipFile(io.BytesIO(render_pptx(layout))) as package:
            slide = package.read("ppt/slides/slide4.xml").decode()
        [pic] = re.findall(r"<p:cNvPr [^>]*descr=[^>]*>.*?</p:cNvPr>", slide)
        assert 'descr=""' in pic
        assert ('<adec:decorative xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/'
                'decorative" val="1"/>') in pic

    def it_comes_back_from_an_imported_pptx(self, layout, tmp_path):
        import yaml

        from generator.importer import import_file

        (tmp_path / "timed.pptx").write_bytes(render_pptx(layout))
        import_file(tmp_path / "timed.pptx", tmp_path / "imported.yaml")
        slide = yaml.safe_load((tmp_path / "imported.yaml").read_text())["slides"][2]
        assert (slide["decorative"], "alt" in slide) == (True, False)
        assert load_deck(tmp_path / "imported.yaml").slides[2].image.decorative

    def it_still_needs_alt_text_when_not_decorative(self, tmp_path):
        (tmp_path / "map.png").write_bytes((ROOT / "tests" / "decks" / "img" / "map.png")
                                           .read_bytes())
        deck = tmp_path / "deck.yaml"
        deck.write_text("title: T\nslides:\n  - title: A\n    image: map.png\n"
                        "    decorative: false\n", encoding="utf-8")
        [finding] = check_deck(deck, CheckOptions(spelling=False))
        assert (finding.rule, finding.line, finding.message) == (
            "source", 4, "an image needs 'alt': a short description for screen readers and for "
            "anyone who cannot see the picture")


@pytest.fixture(scope="module")
def lecture_pptx() -> tuple[str, list[str]]:
    """The lecture's core properties and slide documents, in slide order."""
    deck = load_deck(LECTURE)
    with zipfile.ZipFile(io.BytesIO(render_pptx(lay_out(deck, theme_for(deck))))) as pptx:
        names = sorted((n for n in pptx.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n)),
                       key=lambda n: int(re.findall(r"\d+", n)[0]))
        return (pptx.read("docProps/core.xml").decode(),
                [pptx.read(name).decode() for name in names])


class DescribeThePptx:
    """What a screen reader and PowerPoint's accessibility checker read in the PPTX."""

    def it_has_the_title_and_language_in_the_core_properties(self, lecture_pptx):
        core, _ = lecture_pptx
        assert "<dc:title>Soviet union foreign policy</dc:title>" in core
        assert "<dc:language>en</dc:language>" in core

    def it_gives_every_slide_a_real_title_on_the_slide(self, lecture_pptx):
        for xml in lecture_pptx[1]:
            [title] = re.findall(r'<p:sp>(?:(?!</p:sp>).)*?<p:ph type="(?:ctr)?[tT]itle"'
                                 r'(?:(?!</p:sp>).)*</p:sp>', xml)
            assert re.search(r"<a:t>[^<]+</a:t>", title)
            offsets = re.findall(r'<a:off x="(-?\d+)" y="(-?\d+)"/>', title)
            assert all(int(x) >= 0 and int(y) >= 0 for x, y in offsets)

    @pytest.mark.slow
    @pytest.mark.parametrize("template", sorted(p.name for p in TEMPLATES.glob("*.p*tx")))
    def it_gives_every_slide_a_title_placeholder_on_any_template(self, template, tmp_path):
        shutil.copy(TEMPLATES / template, tmp_path)
        aspect = "16:9" if template in WIDE_TEMPLATES else "4:3"
        (tmp_path / "deck.yaml").write_text(LECTURE.read_text(encoding="utf-8").replace(
            'aspect: "16:9"', f'aspect: "{aspect}"\ntemplate: {template}'), encoding="utf-8")
        deck = load_deck(tmp_path / "deck.yaml")
        layout = lay_out(deck, theme_for(deck))
        with zipfile.ZipFile(io.BytesIO(render_pptx(layout))) as pptx:
            slides = [pptx.read(n).decode() for n in pptx.namelist()
                      if re.match(r"ppt/slides/slide\d+\.xml$", n)]
        assert len(slides) == len(layout.pages)
        assert [n for n, xml in enumerate(slides)
                if not re.search(r'<p:ph type="(?:ctrTitle|title)"', xml)] == []

    @pytest.mark.parametrize("source", [LECTURE, ROOT / "tests" / "decks" / "stress.yaml"])
    def it_keeps_shapes_in_reading_order(self, source):
        """No shape comes after one it sits above in the same column (a caption is read after
        its picture, columns one after the other); footer and slide number come last."""
        deck = load_deck(source)
        with zipfile.ZipFile(io.BytesIO(render_pptx(lay_out(deck, theme_for(deck))))) as pptx:
            names = [n for n in pptx.namelist() if re.match(r"ppt/slides/slide\d+\.xml$", n)]
            for name in names:
                shapes = [tuple(map(int, found)) for found in re.findall(
                    r'<a:off x="(-?\d+)" y="(-?\d+)"/><a:ext cx="(\d+)" cy="\d+"/>',
                    pptx.read(name).decode())]
                for i, (x1, y1, w1) in enumerate(shapes):
                    for x2, y2, w2 in shapes[i + 1:]:
                        if x1 < x2 + w2 and x2 < x1 + w1:  # one above the other
                            assert y1 <= y2, (name, shapes)


class DescribeTheDocPage:
    DOC = ROOT / "docs" / "accessibility.md"

    def example(self, tmp_path: Path) -> Path:
        [example, *_] = re.findall(r"```yaml\n(.*?)```", self.DOC.read_text(encoding="utf-8"),
                                   re.S)
        (tmp_path / "img").mkdir()
        (tmp_path / "img" / "divider.png").write_bytes(
            (ROOT / "tests" / "decks" / "img" / "map.png").read_bytes())
        path = tmp_path / "accessible.yaml"
        path.write_text(example, encoding="utf-8")
        return path

    def it_builds_the_example_and_finds_nothing(self, tmp_path):
        from generator.build import build_deck

        path = self.example(tmp_path)
        assert check_deck(path, CheckOptions(a11y=True)) == []
        assert build_deck(path, tmp_path / "out", ("pptx", "html")).error is None
        deck = load_deck(path)
        assert (deck.duration, deck.slides[1].image.decorative) == (10, True)

    def it_shows_the_finding_a_vague_link_gives(self, tmp_path):
        path = self.example(tmp_path)
        text = path.read_text(encoding="utf-8").replace("[ADA Title II rule of 2024]",
                                                        "[click here]")
        path.write_text(text, encoding="utf-8")
        [finding] = check_deck(path, OPTIONS)
        shown = str(finding).replace(str(path), "slides_src/accessible.yaml")
        assert f"\n{shown}\n" in self.DOC.read_text(encoding="utf-8")


class DescribeSectionDurations:
    def it_reads_a_section_duration(self, tmp_path):
        path = tmp_path / "deck.yaml"
        path.write_text("title: T\nduration: 30\nslides:\n  - {layout: section, title: A, "
                        "duration: 10}\n", encoding="utf-8")
        assert load_deck(path).slides[0].duration == 10

    def it_refuses_one_on_a_content_slide(self, tmp_path):
        from generator.errors import SourceError

        path = tmp_path / "deck.yaml"
        path.write_text("title: T\nslides:\n  - title: A\n    duration: 10\n", encoding="utf-8")
        with pytest.raises(SourceError) as caught:
            load_deck(path)
        assert [str(p) for p in caught.value.problems] == [
            f"{path}:4:5: slide 1 'A': 'duration' (minutes) times a section: put it on a section "
            "slide (layout: section), or at the top of the deck for the whole talk"]


class DescribeTheSchema:
    def it_accepts_decorative_pictures_and_a_duration(self):
        import jsonschema
        import yaml

        from generator.source.schema import deck_schema

        validator = jsonschema.Draft202012Validator(deck_schema())
        data = yaml.safe_load(TIMED.read_text(encoding="utf-8"))
        assert list(validator.iter_errors(data)) == []
        del data["slides"][2]["decorative"]
        assert [e.message for e in validator.iter_errors(data)] == ["'alt' is a required property"]
