"""The deck format as JSON Schema, for editors with YAML language support (``deck schema``)."""

from __future__ import annotations

from typing import Any

from generator.source.keys import COURSE, DECK, INCLUDE, SLIDE, text_schema

SCHEMA_ID = "https://lecture-deck.invalid/deck.schema.json"
COURSE_SCHEMA_ID = "https://lecture-deck.invalid/course.schema.json"


def deck_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) describing a deck file, derived from the declaration in
    :mod:`generator.source.keys`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Lecture deck",
        **DECK.schema(),
        "$defs": {
            "slide": SLIDE.schema(),
            "include": INCLUDE.schema(),
            "bullet": {"oneOf": [
                text_schema("A bullet."),
                {"type": "object", "minProperties": 1, "maxProperties": 1,
                 "additionalProperties": {"type": ["array", "null"],
                                          "items": {"$ref": "#/$defs/bullet"}}},
            ]},
        },
    }


def course_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) describing a course file (``course.yaml``)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": COURSE_SCHEMA_ID,
        "title": "Lecture course",
        **COURSE.schema(),
    }
