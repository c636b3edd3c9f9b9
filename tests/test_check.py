"""``deck check``: every rule with its file:line:col, the lecture's misspellings, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from generator.check.deck import CheckOptions, alt_text_problem, check_deck
from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"


def run(capsys, *args: str) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as caught:
        main(list(args))
    out, err = capsys.readouterr()
    return caught.value.code, out, err


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def rules(findings) -> list[tuple[str, int | None]]:
    return [(f.rule, f.line) for f in findings]


@pytest.mark.slow  # over half a second: the full suite only
class DescribeCheckingTheLecture:
    def it_reports_the_misspellings_promices_and_furher_with_their_lines(self, capsys):
        code, out, _ = run(capsys, "check", str(LECTURE))
        assert code == 1
        lines = out.splitlines()
        assert (f"{LECTURE}:68:85: error: slide 6: unknown word 'Furher' (did you mean "
                "'Fuhrer'?); if it is right, add it to the deck's 'spelling:' list [spelling]"
                in lines)
        assert (f"{LECTURE}:86:80: error: slide 8: unknown word 'promices' (did you mean "
                "'promises'?); if it is right, add it to the deck's 'spelling:' list [spelling]"
                in lines)

    def it_accepts_the_words_listed_under_spelling(self):
        words = {f.message.split("'")[1] for f in check_deck(LECTURE) if f.rule == "spelling"}
        assert not words & {"spartakian", "Litvinov", "Rapallo", "Versailles", "bessarabia"}

    def it_prints_json_with_format_json(self, capsys):
        code, out, _ = run(capsys, "check", str(LECTURE), "--format", "json")
        data = json.loads(out)
        assert code == 1
        assert data["decks"] == [str(LECTURE)]
        furher = next(f for f in data["findings"] if "'Furher'" in f["message"])
        assert {k: furher[k] for k in ("path", "line", "column", "rule", "severity", "slide")} == {
            "path": str(LECTURE), "line": 68, "column": 85, "rule": "spelling",
            "severity": "error", "slide": 6}


class DescribeRules:
    def it_finds_crowded_split_and_duplicate_slides(self, tmp_path):
        bullets = "\n".join(f"      - Point number {i} with a few words in it" for i in range(15))
        deck = write(tmp_path, f"title: T\nslides:\n  - title: Same\n    bullets:\n{bullets}\n"
                     "  - title: same\n    text: Short.\n")
        found = rules(check_deck(deck, CheckOptions(max_words=60)))
        assert found == [("bullets", 3), ("split", 3), ("words", 3), ("duplicate-title", 20)]

    def it_finds_text_shrunk_below_the_comfortable_size(self, tmp_path):
        bullets = "\n".join(f"      - Point number {i} with a few words in it" for i in range(10))
        deck = write(tmp_path, f"title: T\nslides:\n  - title: Ten\n    bullets:\n{bullets}\n"
                     "  - title: Short\n    bullets: [One point]\n")
        options = CheckOptions(max_bullets=10, max_words=100)
        assert [str(f) for f in check_deck(deck, options)] == [
            f"{deck}:3:5: warning: slide 1: text set at 22 pt, 3 steps of the type scale below "
            "the deck's 28 pt body size: it does not fit at the body size; shorten it or split "
            "the slide [shrunk]"]

    def it_explains_the_lecture_s_dense_comparison_by_the_rules_it_tried(self):
        lecture = LECTURE
        options = CheckOptions(spelling=False, theme="contrast")
        assert [f.message for f in check_deck(lecture, options)
                if f.rule in ("shrunk", "split")] == [
            "text set at 26 pt, 1 step of the type scale below the deck's 28 pt body size: it "
            "does not fit at the body size; shorten it or split the slide",
            "text set at 26 pt, 1 step of the type scale below the deck's 28 pt body size: it "
            "does not fit at the body size; shorten it or split the slide",
            "too long for one slide even at the theme's 20 pt minimum: split between its "
            "blocks, bullets or rows into 3 balanced slides, marked 1 / 3 to the slide number"]
        classic = check_deck(lecture, CheckOptions(spelling=False))
        assert [f.message for f in classic if f.rule in ("shrunk", "split")] == [
            "text set at 18 pt, 5 steps of the type scale below the deck's 28 pt body size: it "
            "does not fit at the body size; shorten it or split the slide"]

    def it_reports_missing_notes_only_when_asked(self, tmp_path):
        deck = write(tmp_path, "title: T\nslides:\n  - title: One\n    text: Hello.\n")
        assert check_deck(deck) == []
        [finding] = check_deck(deck, CheckOptions(require_notes=True))
        assert str(finding) == (f"{deck}:3:5: warning: slide 1: no speaker notes ('notes:') "
                                "[notes]")

    def it_reports_alt_text_that_is_only_the_file_name(self, tmp_path):
        (tmp_path / "map.png").write_bytes((ROOT / "tests" / "decks" / "img" / "map.png")
                                           .read_bytes())
        deck = write(tmp_path, "title: T\nslides:\n  - title: Europe\n    image: map.png\n"
                     "    alt: map\n")
        [finding] = check_deck(deck)
        assert str(finding) == (f"{deck}:4:12: error: slide 1: alt text 'map' is just the file "
                                "name: describe what the picture shows [alt-text]")

    def it_explains_what_is_wrong_with_short_or_generic_alt_text(self):
        assert alt_text_problem("image", Path("x.png")) == (
            "alt text 'image' says nothing about the picture: describe what it shows")
        assert alt_text_problem("Red dot", Path("x.png")) == (
            "alt text 'Red dot' is very short (7 characters): describe what the picture shows "
            "in a sentence")
        assert alt_text_problem("Map of Europe in 1939", Path("map.png")) is None

    def it_skips_code_urls_and_acronyms_when_spell_checking(self, tmp_path):
        deck = write(tmp_path, "title: T\nslides:\n  - title: One\n    bullets:\n"
                     "      - Run `pip instal foo` and see https://exmaple.org in the USSR\n")
        assert check_deck(deck) == []

    def it_reports_an_invalid_deck_as_source_errors(self, tmp_path):
        deck = write(tmp_path, "title: T\nslides:\n  - titel: x\n")
        assert rules(check_deck(deck)) == [("source", 3), ("source", 3)]


class DescribeExitCodes:
    def it_exits_0_when_there_are_only_warnings(self, tmp_path, capsys):
        deck = write(tmp_path, "title: T\nslides:\n  - title: One\n  - title: One\n")
        code, out, err = run(capsys, "check", str(deck))
        assert code == 0
        assert out == (f"{deck}:4:5: warning: slide 2: title 'One' is also the title of slide 1;"
                       " make titles distinct so the outline reads well [duplicate-title]\n")
        assert err == "0 errors, 1 warning in 1 deck\n"

    def it_exits_1_on_warnings_with_strict(self, tmp_path, capsys):
        deck = write(tmp_path, "title: T\nslides:\n  - title: One\n  - title: One\n")
        assert run(capsys, "check", "--strict", str(deck))[0] == 1

    def it_exits_2_for_a_missing_file(self, tmp_path, capsys):
        assert run(capsys, "check", str(tmp_path / "nope.yaml")) == (
            2, "", f"error: no such deck file or folder: {tmp_path / 'nope.yaml'}\n")


class DescribeLanguages:
    @pytest.mark.parametrize("language", ["uk", "pl", "zh"])
    def it_warns_once_when_there_is_no_dictionary_and_passes(self, tmp_path, capsys, language,
                                                             monkeypatch):
        import generator.check.spelling

        monkeypatch.delenv("DICPATH", raising=False)  # only chunspell's own en_US is found
        monkeypatch.setattr(generator.check.spelling, "SYSTEM_FOLDERS", ())
        deck = write(tmp_path, f"title: T\nlanguage: {language}\nslides:\n  - title: Один\n")
        code, out, err = run(capsys, "check", str(deck))
        assert (code, err) == (0, "0 errors, 1 warning in 1 deck\n")
        assert out == (f"{deck}:1:1: warning: spelling not checked: no Hunspell dictionary for "
                       f"{language!r} (install one, such as a Debian hunspell-* package, or put "
                       "its .dic and .aff files in a folder on DICPATH); available: en "
                       "[spelling-skipped]\n")

    @pytest.mark.parametrize("language", ["en-GB", "en-AU"])
    def it_accepts_regional_spellings_for_regional_english(self, tmp_path, language):
        deck = write(tmp_path, f"title: T\nlanguage: {language}\nslides:\n  - title: One\n"
                     "    bullets:\n      - The colour and behaviour of an organised programme\n"
                     "      - Centres analysed the defence of their favourite organisations\n")
        assert check_deck(deck) == []

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_still_flags_misspellings_in_regional_english(self, tmp_path):
        deck = write(tmp_path, "title: T\nlanguage: en-GB\nslides:\n  - title: One\n"
                     "    bullets:\n      - The colour of promices\n")
        assert rules(check_deck(deck)) == [("spelling", 6)]

    def it_flags_british_spellings_in_plain_english(self, tmp_path):
        deck = write(tmp_path, "title: T\nslides:\n  - title: One\n    bullets:\n"
                     "      - The colour\n")
        assert [f.message.split("'")[1] for f in check_deck(deck)] == ["colour"]


class DescribeUnreadableInput:
    def it_reports_a_picture_that_is_not_an_image_as_a_source_error(self, tmp_path, capsys):
        (tmp_path / "fake.png").write_text("x\n", encoding="utf-8")
        deck = write(tmp_path, "title: T\nslides:\n  - title: One\n    image: fake.png\n"
                     "    alt: A map of Europe in 1922\n")
        assert run(capsys, "check", str(deck)) == (
            1, f"{deck}:4:12: error: slide 1: image file fake.png is not a readable image "
            "(expected PNG, JPEG, GIF, BMP, TIFF, WebP, SVG, EMF or WMF) [source]\n",
            "1 error, 0 warnings in 1 deck\n")

    def it_turns_an_unexpected_failure_into_a_finding_without_a_traceback(self, tmp_path,
                                                                          monkeypatch, capsys):
        import generator.layout.engine

        def lay_out(deck, theme):
            raise RuntimeError("boom")

        monkeypatch.setattr(generator.layout.engine, "lay_out", lay_out)
        deck = write(tmp_path, "title: T\nslides:\n  - title: One\n")
        assert run(capsys, "check", str(deck)) == (
            1, f"{deck}: error: internal error while checking {deck}: RuntimeError: boom (run "
            "with --debug for the traceback, and please report it) [source]\n",
            "1 error, 0 warnings in 1 deck\n")

    def it_raises_the_unexpected_failure_with_debug(self, tmp_path, monkeypatch):
        import generator.layout.engine

        def lay_out(deck, theme):
            raise RuntimeError("boom")

        monkeypatch.setattr(generator.layout.engine, "lay_out", lay_out)
        deck = write(tmp_path, "title: T\nslides:\n  - title: One\n")
        with pytest.raises(RuntimeError, match="boom"):
            main(["--debug", "check", str(deck)])
