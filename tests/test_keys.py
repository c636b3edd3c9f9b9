"""The format's one declaration (generator/source/keys.py): readers, schema and docs follow it."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path

import jsonschema
import pytest
from test_source import problems_of, write

from generator.errors import ThemeError
from generator.importer.draft import DraftSlide, Row, slide_data
from generator.source import keydocs
from generator.source.keys import (
    DECK,
    DECK_GROUPS,
    SLIDE,
    THEME,
    Choice,
    Flag,
    Key,
    Section,
    TextList,
    theme_key,
)
from generator.source.model import Deck, Slide
from generator.source.reader import _DeckReader, load_deck
from generator.source.schema import deck_schema
from generator.themes.theme import _THEME_STEPS, default_tokens, load_theme

ROOT = Path(__file__).resolve().parent.parent


class DescribeTheDeclaration:
    def it_registers_only_steps_the_deck_reader_has(self):
        steps = {key.step for group in DECK_GROUPS for key in group if key.step}
        steps |= {group.step for group in DECK_GROUPS if group.step}
        assert sorted(s for s in steps if not callable(getattr(_DeckReader, s, None))) == []

    def it_registers_only_steps_the_theme_checker_has(self):
        def steps(group):
            for key in group:
                if key.step:
                    yield key.step
                if isinstance(key, Section):
                    yield from steps(key.group)

        assert set(steps(THEME)) == set(_THEME_STEPS)

    def it_gives_every_key_read_without_a_step_a_kind_that_reads_it(self):
        for group in (DECK, SLIDE):
            for key in group.simple():
                assert type(key).read is not Key.read, key

    def it_gives_every_theme_value_a_kind_that_checks_it(self):
        def values(group):
            for key in group:
                if isinstance(key, Section) and key.step is None:
                    yield from values(key.group)
                elif key.step is None:
                    yield key

        assert [k for k in values(THEME) if type(k).check is Key.check] == []

    def it_gives_each_simple_key_the_default_its_model_field_has(self):
        for group, model in ((DECK, Deck), (SLIDE, Slide)):
            defaults = {f.name: f.default for f in fields(model)}
            for key in group.simple():
                if not key.required:
                    assert defaults[key.field] == key.default, key

    def it_declares_exactly_the_keys_of_the_default_theme_in_its_order(self):
        def tree(group):
            return [(key.name, tree(key.group) if isinstance(key, Section) and not key.nullable
                     else None) for key in group]

        def tokens_tree(tokens):
            return [(name, tokens_tree(value) if isinstance(value, dict) else None)
                    for name, value in tokens.items()]

        assert tree(THEME) == tokens_tree(default_tokens())

    def it_finds_theme_keys_by_their_dotted_path(self):
        assert theme_key(("colors", "accent")).name == "accent"
        assert theme_key(("logo", "height")).maximum == 200
        assert theme_key(("colors", "nope")) is None


class DescribeTheGeneratedDocs:
    def it_keeps_docs_keys_md_up_to_date(self):
        written = (ROOT / "docs" / "keys.md").read_text(encoding="utf-8")
        assert written == keydocs.keys_markdown(), (
            f"docs/keys.md is stale: run {keydocs.COMMAND}")

    def it_has_a_row_for_every_key_of_every_kind(self):
        text = keydocs.keys_markdown()
        for group in DECK_GROUPS:
            for key in group:
                assert f"| `{key.name}` |" in text, (group.name, key.name)
        assert "| `sizes.minimum` | number | 18 | 8 to 48 |" in text
        assert "| `logo.corner` | choice | top-right | top-left, top-right, bottom-left, " \
               "bottom-right |" in text

    def it_reports_a_stale_file_with_the_command_that_fixes_it(self, tmp_path, monkeypatch,
                                                               capsys):
        stale = write(tmp_path, "# Keys\n", "keys.md")
        monkeypatch.setattr(keydocs, "DOCS_FILE", stale)
        assert keydocs.main(["--check"]) == 1
        assert capsys.readouterr().err == (
            f"{stale} is stale: run python -m generator.source.keydocs\n")
        assert keydocs.main([]) == 0
        assert keydocs.main(["--check"]) == 0


# A key added the way a contributor adds one: to the declaration only.
SPOTLIGHT = Flag("spotlight", "Darken everything but the slide's picture.", since="0.2")
MOOD = Choice("mood", "The deck's colour mood.", choices=("calm", "loud"), default="calm",
              since="0.2")
SLIDE_VALID = ("title, layout, subtitle, text, bullets, body, columns, widths, image, alt, "
               "decorative, caption, reveal, dim, notes, math, hidden, duration, table, code, "
               "quote, timeline, source, background, images, image_side, focus, id, instructor, "
               "answer, release, footnotes, references, spotlight")


@pytest.fixture
def added_keys(monkeypatch):
    """The declaration with one more slide flag and one more deck choice, for this test only."""
    monkeypatch.setattr(SLIDE, "keys", (*SLIDE.keys, SPOTLIGHT))
    monkeypatch.setattr(DECK, "keys", (*DECK.keys, MOOD))


class DescribeAddingAKeyToTheDeclarationOnly:
    def it_reads_the_value_into_the_models_extra(self, added_keys, tmp_path):
        deck = load_deck(write(tmp_path, "title: T\nmood: loud\nslides:\n"
                                         "  - {title: A, spotlight: yes}\n  - title: B\n"))
        assert deck.extra == {"mood": "loud"}
        assert [s.extra["spotlight"] for s in deck.slides] == [True, False]

    def it_gives_the_declared_default_when_the_key_is_absent(self, added_keys, tmp_path):
        deck = load_deck(write(tmp_path, "title: T\nslides:\n  - title: A\n"))
        assert deck.extra == {"mood": "calm"}

    def it_suggests_the_key_for_a_typo(self, added_keys, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - {title: A, spotlite: yes}\n")
        assert problems_of(path) == [
            f"{path}:3:16: slide 1 'A': unknown key 'spotlite' in a slide; did you mean "
            f"'spotlight'? (valid keys: {SLIDE_VALID})"]

    def it_locates_a_bad_value(self, added_keys, tmp_path):
        path = write(tmp_path, "title: T\nmood: grumpy\nslides:\n"
                               "  - {title: A, spotlight: maybe}\n")
        assert problems_of(path) == [
            f"{path}:2:7: 'mood' must be one of 'calm', 'loud'; got 'grumpy'",
            f"{path}:4:27: slide 1 'A': 'spotlight' must be true or false, got 'maybe'"]

    def it_appears_in_the_json_schema(self, added_keys):
        schema = deck_schema()
        assert schema["properties"]["mood"] == {
            "enum": ["calm", "loud"], "default": "calm", "description": "The deck's colour mood."}
        validator = jsonschema.Draft202012Validator(schema)
        good = {"title": "T", "mood": "calm", "slides": [{"title": "A", "spotlight": "yes"}]}
        assert list(validator.iter_errors(good)) == []
        bad = {"title": "T", "slides": [{"title": "A", "spotlight": "maybe"}]}
        assert len(list(validator.iter_errors(bad))) == 1

    def it_appears_in_the_docs_table(self, added_keys):
        text = keydocs.keys_markdown()
        assert ("| `spotlight` | true/false | false | true, false | Darken everything but the "
                "slide's picture. | 0.2 |\n") in text
        assert "| `mood` | choice | calm | calm, loud | The deck's colour mood. | 0.2 |\n" in text


class DescribeTheSimpleKinds:
    def it_reads_a_list_of_text_each_item_shaped_as_declared(self, tmp_path):
        deck = load_deck(write(tmp_path, "title: T\nspelling: [Molotov, \"Rib\\nbentrop\"]\n"
                                         "references: [\"A.\\n\\nB.\"]\n"
                                         "slides:\n  - title: A\n"))
        assert isinstance(DECK["spelling"], TextList)
        assert (deck.spelling, deck.references) == (("Molotov", "Rib bentrop"), ("A.\nB.",))

    def it_checks_a_pattern_with_the_declared_wording(self, tmp_path):
        path = write(tmp_path, "title: T\nlanguage: english!\nslides:\n  - title: A\n")
        assert problems_of(path) == [
            f"{path}:2:11: language must be a BCP 47 tag such as 'en', 'en-GB' or 'ru', "
            "got 'english!'"]


class DescribeThemeKeysFromTheDeclaration:
    def it_checks_a_declared_range(self, tmp_path):
        path = write(tmp_path, "spacing:\n  gap: 100\n", "t.yaml")
        with pytest.raises(ThemeError) as caught:
            load_theme(str(path))
        assert [p.message for p in caught.value.problems] == [
            "spacing.gap must be between 0 and 72, got 100"]

    def it_keeps_a_null_logo_as_no_logo(self, tmp_path):
        logo = tmp_path / "crest.png"
        from PIL import Image

        Image.new("RGB", (4, 4)).save(logo)
        with_logo = write(tmp_path, "logo: {image: crest.png}\n", "t.yaml")
        theme = load_theme(str(with_logo), style={"logo": None})
        assert theme["logo"] is None


class DescribeTheImportersKeyOrder:
    def it_writes_a_slides_keys_in_the_declared_order(self):
        slide = DraftSlide(title="T", rows=[Row("a")], hidden=True, notes="n", reveal="all")
        data = slide_data(slide)
        assert list(data) == ["title", "bullets", "reveal", "notes", "hidden"]
        table = slide_data(DraftSlide(title="T", table={"rows": [["1"]], "header": ["h"]}))
        assert list(table["table"]) == ["header", "rows"]

    def it_follows_a_key_moved_in_the_declaration(self, monkeypatch):
        moved = tuple(k for k in SLIDE.keys if k.name != "title") + (SLIDE["title"],)
        monkeypatch.setattr(SLIDE, "keys", moved)
        assert list(slide_data(DraftSlide(title="T", hidden=True))) == ["hidden", "title"]
