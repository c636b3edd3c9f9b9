"""``deck schema``: the JSON Schema agrees with the loader on what a deck file may contain."""

from __future__ import annotations

from pathlib import Path

import jsonschema
import yaml

from generator.source.reader import BODY_ITEM_KEYS, COLUMN_KEYS, DECK_KEYS, SLIDE_KEYS
from generator.source.schema import deck_schema

LECTURE = Path(__file__).resolve().parent.parent / "slides_src" / "soviet_foreign_policy.yaml"


def test_the_schema_names_exactly_the_keys_the_loader_accepts():
    schema = deck_schema()
    slide = schema["$defs"]["slide"]
    column = slide["properties"]["columns"]["items"]
    body = slide["properties"]["body"]["items"]
    assert list(schema["properties"]) == list(DECK_KEYS)
    assert list(slide["properties"]) == list(SLIDE_KEYS)
    assert list(column["properties"]) == list(COLUMN_KEYS)
    assert list(body["properties"]) == list(BODY_ITEM_KEYS)


def test_the_lecture_validates_against_the_schema():
    data = yaml.safe_load(LECTURE.read_text(encoding="utf-8"))
    jsonschema.validate(data, deck_schema())


def test_the_schema_rejects_a_misspelt_key():
    data = {"title": "T", "slides": [{"title": "A", "bulets": ["x"]}]}
    errors = list(jsonschema.Draft202012Validator(deck_schema()).iter_errors(data))
    assert len(errors) == 1
    assert "'bulets' was unexpected" in errors[0].message or any(
        "'bulets' was unexpected" in e.message for e in errors[0].context)


def test_the_schema_accepts_the_quoted_flags_the_loader_accepts():
    validator = jsonschema.Draft202012Validator(deck_schema())
    for value in (True, "yes", "No", "OFF"):
        data = {"title": "T", "slide_numbers": value, "slides": [{"title": "A"}]}
        assert list(validator.iter_errors(data)) == [], value
    bad = {"title": "T", "slide_numbers": "maybe", "slides": [{"title": "A"}]}
    assert list(validator.iter_errors(bad)) != []


def test_the_calculus_deck_validates_against_the_schema():
    deck = Path(__file__).resolve().parent / "decks" / "calculus.yaml"
    jsonschema.validate(yaml.safe_load(deck.read_text(encoding="utf-8")), deck_schema())
