"""The deck format as JSON Schema, for editors with YAML language support (``deck schema``)."""

from __future__ import annotations

from typing import Any

from .model import ASPECTS, DIRECTIONS, SLIDE_LAYOUTS

SCHEMA_ID = "https://lecture-deck.invalid/deck.schema.json"


def _text(description: str) -> dict[str, Any]:
    return {"type": ["string", "number", "boolean"], "description": description}


def _flag(description: str, default: bool) -> dict[str, Any]:
    """true/false, or a word the loader reads as one (yes, No, OFF, ...)."""
    return {"default": default, "description": description, "anyOf": [
        {"type": "boolean"},
        {"enum": [w for word in ("true", "false", "yes", "no", "on", "off")
                  for w in (word, word.capitalize(), word.upper())]}]}


def deck_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) describing a deck file."""
    paragraphs = {
        "description": "One paragraph, or a list of paragraphs, shown before any bullets.",
        "oneOf": [_text("A paragraph."), {"type": "array", "items": _text("A paragraph.")}],
    }
    bullets = {"type": "array", "description": "Bullet points; a one-key mapping "
               "'Text: [sub-bullets]' nests a list one level deeper.",
               "items": {"$ref": "#/$defs/bullet"}}
    equation = {"oneOf": [
        _text("An equation in LaTeX (without $); a blank line separates equations."),
        {"type": "object", "additionalProperties": False, "required": ["tex"],
         "properties": {"tex": _text("The equation in LaTeX."),
                        "label": _text("A label shown after it, e.g. (1).")}}]}
    math = {"description": "Displayed equations (LaTeX), each centred on its own line.",
            "oneOf": [equation, {"type": "array", "items": equation}]}
    body = {
        "type": "array",
        "description": "Ordered mix of paragraphs and bullet lists.",
        "items": {"type": "object", "additionalProperties": False, "minProperties": 1,
                  "maxProperties": 1,
                  "properties": {"text": paragraphs, "bullets": bullets, "math": math}},
    }
    column = {
        "type": "object", "additionalProperties": False,
        "properties": {"heading": _text("Column heading."), "text": paragraphs,
                       "bullets": bullets, "body": body, "math": math},
    }
    reveal = {"enum": [True, False, "true", "false", "all", "blocks"], "default": False,
              "description": "Click-to-reveal: true (top-level bullets one click at a time), "
              "all (every bullet), blocks (paragraphs, lists, columns, picture), false."}
    slide = {
        "type": "object", "additionalProperties": False, "required": ["title"],
        "properties": {
            "title": _text("Slide title (shown in the title placeholder)."),
            "layout": {"anyOf": [{"enum": list(SLIDE_LAYOUTS)}, {"type": "string"}],
                       "default": "content",
                       "description": "'section' makes a section divider; on a template, the "
                                      "name of one of its layouts."},
            "subtitle": _text("Subtitle of a section slide."),
            "text": paragraphs, "bullets": bullets, "body": body,
            "columns": {"type": "array", "minItems": 2, "maxItems": 3, "items": column,
                        "description": "Two or three columns, each with an optional heading."},
            "image": {"type": "string", "description": "Image file, relative to the deck file."},
            "alt": _text("Alternative text of the image (required with 'image')."),
            "decorative": _flag("The image is pure decoration: screen readers skip it "
                                "(no 'alt' needed).", False),
            "caption": _text("Caption under the image."),
            "reveal": reveal,
            "dim": _flag("Dim revealed items when the next one appears.", False),
            "notes": _text("Speaker notes, any length."),
            "math": math,
            "hidden": _flag("A hidden slide: kept in the PPTX (not shown in the slide show), "
                            "left out of the HTML.", False),
            "duration": {"type": "number", "minimum": 1, "maximum": 1440,
                         "description": "Minutes of the section a section slide opens."},
        },
        "if": {"required": ["image"],
               "not": {"properties": {"decorative": {"const": True}}, "required": ["decorative"]}},
        "then": {"required": ["alt"]},
    }
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Lecture deck",
        "type": "object", "additionalProperties": False, "required": ["title", "slides"],
        "properties": {
            "title": _text("Deck title, on the title slide."),
            "subtitle": _text("Subtitle on the title slide."),
            "author": _text("Author on the title slide and in the file properties."),
            "date": _text("Date on the title slide (free text)."),
            "language": {"type": "string", "default": "en",
                         "pattern": r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
                         "description": "BCP 47 language tag, e.g. en, en-GB, ru."},
            "theme": {"type": "string", "default": "classic",
                      "description": "Built-in theme name or a path to a theme file."},
            "style": {"type": "object", "description": "Partial theme overrides, deep-merged."},
            "footer": _text("Footer text on content slides."),
            "slide_numbers": _flag("Slide numbers on content slides.", True),
            "aspect": {"enum": list(ASPECTS), "default": "16:9"},
            "direction": {"enum": list(DIRECTIONS),
                          "description": "Text direction; default: rtl for ar, he, fa, ur "
                                         "(and other right-to-left languages), else ltr."},
            "template": {"oneOf": [
                {"type": "string", "description": "A .pptx/.potx template to build on."},
                {"type": "object", "additionalProperties": False, "required": ["file"],
                 "properties": {
                     "file": {"type": "string", "description": "The .pptx/.potx template."},
                     "master": {"type": ["integer", "string"],
                                "description": "Its slide master: number (1 = first) or name."},
                 }}]},
            "spelling": {"type": "array", "items": {"type": "string"},
                         "description": "Words the spell check accepts for this deck."},
            "reveal": {**reveal, "description": "Default 'reveal' of every slide."},
            "dim": _flag("Default 'dim' of every slide.", False),
            "duration": {"type": "number", "minimum": 1, "maximum": 1440,
                         "description": "Minutes the lecture should take (presenter timer)."},
            "slides": {"type": "array", "minItems": 1, "items": {"$ref": "#/$defs/slide"}},
        },
        "$defs": {
            "slide": slide,
            "bullet": {"oneOf": [
                _text("A bullet."),
                {"type": "object", "minProperties": 1, "maxProperties": 1,
                 "additionalProperties": {"type": ["array", "null"],
                                          "items": {"$ref": "#/$defs/bullet"}}},
            ]},
        },
    }
    return schema
