"""``deck check`` spelling with Hunspell: Russian, Arabic and English decks, words by script."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import loaded_on_each_build, require_tool

from generator.check import spelling
from generator.check.deck import check_deck

ROOT = Path(__file__).resolve().parent.parent
DECKS = ROOT / "tests" / "decks"
SYSTEM = Path("/usr/share/hunspell")
# The Debian packages .ci/run installs for these tests, by the dictionary each one brings.
PACKAGES = {"en_US": "hunspell-en-us", "en_GB": "hunspell-en-gb", "ru_RU": "hunspell-ru",
            "ar": "hunspell-ar"}


def need(*names: str) -> None:
    """Skip (fail under DECK_REQUIRE_TOOLS=1) unless Debian's dictionaries ``names`` are there."""
    for name in names:
        require_tool(f"the Hunspell dictionary {name}", (SYSTEM / f"{name}.dic").is_file(),
                     f"apt-get install {PACKAGES[name]}")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def only(tmp_path: Path, monkeypatch, *names: str) -> None:
    """Let ``deck check`` find only the system dictionaries ``names`` (and chunspell's en_US)."""
    folder = tmp_path / "dictionaries"
    folder.mkdir()
    for name in names:
        for suffix in (".dic", ".aff"):
            (folder / f"{name}{suffix}").symlink_to(SYSTEM / f"{name}{suffix}")
    monkeypatch.delenv("DICPATH", raising=False)
    monkeypatch.setattr(spelling, "SYSTEM_FOLDERS", (str(folder),))


def messages(findings) -> list[str]:
    return [f"{f.line}:{f.column}: {f.message}" for f in findings]


@pytest.mark.slow  # real templates or dictionaries, each test a second or more
class DescribeCorrectDecks:
    @pytest.mark.parametrize("name", ["spelling_ru.yaml", "spelling_ar.yaml",
                                      "spelling_en.yaml"])
    def it_reports_nothing_for_a_correct_russian_arabic_or_english_lecture(self, name):
        need("ru_RU", "ar", "en_US")
        assert check_deck(DECKS / name) == []

    def it_checks_the_english_deck_s_russian_word_against_the_russian_dictionary(self, tmp_path):
        need("ru_RU", "en_US")
        text = (DECKS / "spelling_en.yaml").read_text(encoding="utf-8")
        deck = write(tmp_path, text.replace("the ресторан", "the рестаран"))
        assert messages(check_deck(deck)) == [
            "26:47: unknown word 'рестаран' (did you mean 'ресторан'?) (checked with the ru_RU "
            "dictionary); if it is right, add it to the deck's 'spelling:' list"]


class DescribeMisspellings:
    @pytest.mark.slow
    def it_reports_an_inflected_russian_word_misspelt(self, tmp_path):
        need("ru_RU")
        deck = write(tmp_path, "title: Лекция\nlanguage: ru\nslides:\n  - title: Договоры\n"
                     "    bullets:\n      - Развитие сотруднечества между странами\n")
        assert messages(check_deck(deck)) == [
            "6:18: unknown word 'сотруднечества' (did you mean 'сотрудничества'?); if it is "
            "right, add it to the deck's 'spelling:' list"]

    @pytest.mark.slow  # over half a second: the full suite only
    def it_reports_an_arabic_word_misspelt_behind_its_prefixes(self, tmp_path):
        need("ar")
        deck = write(tmp_path, "title: العلوم\nlanguage: ar\nslides:\n  - title: الطب\n"
                     "    bullets:\n      - وبالمستشفيات تعلم الأطباء\n"
                     "      - زار الطلاب المكتبه\n")
        assert messages(check_deck(deck)) == [
            "7:20: unknown word 'المكتبه' (did you mean 'المكتبة'?); if it is right, add it to "
            "the deck's 'spelling:' list"]

    def it_reports_an_english_word_misspelt_across_a_soft_hyphen(self, tmp_path):
        deck = write(tmp_path, 'title: T\nslides:\n  - title: One\n    bullets:\n'
                     '      - "Police in\\u00adform\\u00aders and their prom\\u00adices"\n')
        assert messages(check_deck(deck)) == [
            "5:49: unknown word 'promices' (did you mean 'promises'?); if it is right, add it to "
            "the deck's 'spelling:' list"]

    def it_reports_a_decomposed_accent_misspelt_as_one_word_where_it_is_written(self, tmp_path):
        deck = write(tmp_path, 'title: T\nslides:\n  - title: One\n'
                     '    text: "A cafe\\u0301 and a cafe\\u0301e"\n'
                     '    bullets: [Police in\u00adform\u00aders, a cafe\u0301e]\n')
        assert [(f.line, f.column, f.message.split("'")[1]) for f in check_deck(deck)] == [
            (4, 31, "caf\u00e9e"), (5, 37, "caf\u00e9e")]


class DescribeForeignScripts:
    DECK = ("title: T\nslides:\n  - title: Words\n    bullets:\n"
            "      - The Russian word рестаран and the Greek οικονομιαα\n")

    def it_skips_a_foreign_word_whose_script_has_no_dictionary(self, tmp_path, monkeypatch):
        need("en_US")
        only(tmp_path, monkeypatch, "en_US")
        assert check_deck(write(tmp_path, self.DECK)) == []

    @pytest.mark.slow
    def it_checks_a_foreign_word_once_its_script_has_a_dictionary(self, tmp_path, monkeypatch):
        need("en_US", "ru_RU")
        only(tmp_path, monkeypatch, "en_US", "ru_RU")
        assert [f.message.split("'")[1] for f in check_deck(write(tmp_path, self.DECK))] == [
            "рестаран"]

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_checks_a_latin_name_in_a_russian_deck_against_english(self, tmp_path):
        need("ru_RU", "en_US")
        deck = write(tmp_path, "title: Лекция\nlanguage: ru\nslides:\n  - title: Мюнхен\n"
                     "    text: Премьер Neville Chamberlian прилетел в Мюнхен\n")
        assert [f.message.split("'")[1] for f in check_deck(deck)] == ["Chamberlian"]


class DescribeRegionalEnglish:
    def it_uses_the_british_dictionary_for_en_gb(self, tmp_path, monkeypatch):
        need("en_GB", "en_US")
        only(tmp_path, monkeypatch, "en_US", "en_GB")
        assert spelling.dictionary_name("en-GB") == "en_GB"
        deck = write(tmp_path, "title: T\nlanguage: en-GB\nslides:\n  - title: One\n"
                     "    text: A grey tyre, a cheque and a colour programme\n")
        assert check_deck(deck) == []

    def it_falls_back_to_american_english_with_british_rules(self, tmp_path, monkeypatch):
        need("en_US")
        only(tmp_path, monkeypatch, "en_US")
        assert spelling.dictionary_name("en-GB") == "en_US"
        deck = write(tmp_path, "title: T\nlanguage: en-GB\nslides:\n  - title: One\n"
                     "    text: The colour of an organised programme\n")
        assert check_deck(deck) == []


class DescribeDictionaries:
    def it_finds_a_dictionary_by_language_tag(self, tmp_path, monkeypatch):
        need("en_US", "ru_RU", "ar")
        only(tmp_path, monkeypatch, "en_US", "ru_RU", "ar")
        found = {tag: spelling.dictionary_name(tag)
                 for tag in ("en", "en-US", "en-AU", "ru", "ru-RU", "ar", "ar-EG", "uk", "zh")}
        assert found == {"en": "en_US", "en-US": "en_US", "en-AU": "en_US", "ru": "ru_RU",
                         "ru-RU": "ru_RU", "ar": "ar", "ar-EG": "ar", "uk": None, "zh": None}
        assert spelling.available_languages() == ("ar", "en", "ru")

    def it_searches_the_folders_on_dicpath_first(self, tmp_path, monkeypatch):
        need("en_US")
        only(tmp_path, monkeypatch)
        mine = tmp_path / "mine"
        mine.mkdir()
        (mine / "uk_UA.aff").write_text("SET UTF-8\n", encoding="utf-8")
        (mine / "uk_UA.dic").write_text("2\nлекція\nкиїв\n", encoding="utf-8")
        monkeypatch.setenv("DICPATH", str(mine))
        deck = write(tmp_path, "title: T\nlanguage: uk\nslides:\n  - title: лекція\n"
                     "    text: лекція київ лекцыя\n")
        assert [f.message.split("'")[1] for f in check_deck(deck)] == ["лекцыя"]

    @pytest.mark.slow
    def it_loads_hunspell_only_in_deck_check_not_in_deck_build(self, tmp_path):
        assert loaded_on_each_build(DECKS / "spelling_en.yaml", tmp_path, "hunspell") == [
            False, False]


class DescribeWords:
    def it_drops_soft_hyphens_and_composes_accents(self):
        assert spelling.clean("in\u00adform\u00aders at the cafe\u0301") == (
            "informers at the caf\u00e9")

    def it_keeps_arabic_vowel_marks_and_stress_marks_inside_their_word(self):
        assert list(spelling.words("العِلْمُ نُورٌ; ударе\u0301ние")) == [
            "العِلْمُ", "نُورٌ", "ударе\u0301ние"]

    def it_keeps_inner_apostrophes_and_leaves_out_words_touching_digits(self):
        assert list(spelling.words("Stalin’s pact of 23rd August, the 1930s, rock 'n' roll")) == [
            "Stalin’s", "pact", "of", "August", "the", "rock", "n", "roll"]

    def it_names_the_script_of_a_word(self):
        assert [spelling.script_of(w) for w in ("café", "ресторан", "الكتاب", "οικονομία")] == [
            "LATIN", "CYRILLIC", "ARABIC", "GREEK"]


class DescribeTheDocs:
    @pytest.mark.parametrize("index", [0, 1])
    def it_builds_and_finds_nothing_in_each_deck_of_docs_spelling_md(self, tmp_path, index):
        import re

        from generator.cli import main

        need("ru_RU", "en_US")
        text = (ROOT / "docs" / "spelling.md").read_text(encoding="utf-8")
        examples = re.findall(r"```yaml\n(.*?)```", text, re.S)
        assert len(examples) == 2
        deck = write(tmp_path, examples[index])
        with pytest.raises(SystemExit) as built:
            main(["-q", "build", str(deck), "-o", str(tmp_path / "out")])
        assert built.value.code == 0
        assert (tmp_path / "out" / "deck.pptx").is_file()
        assert (tmp_path / "out" / "deck.html").is_file()
        assert check_deck(deck) == []

    @pytest.mark.slow
    def it_shows_the_message_a_foreign_misspelling_gets(self, tmp_path, monkeypatch):
        need("ru_RU", "en_US")
        only(tmp_path, monkeypatch, "en_US", "ru_RU")
        deck = write(tmp_path, DescribeForeignScripts.DECK)
        line = next(x for x in (ROOT / "docs" / "spelling.md").read_text(encoding="utf-8")
                    .splitlines() if "'рестаран'" in x)
        assert [str(f) for f in check_deck(deck)] == [line.replace("deck.yaml", str(deck))]
