"""The deck format as JSON Schema, for editors with YAML language support (``deck schema``)."""

from __future__ import annotations

from typing import Any

from generator.source.model import ASPECTS, DIRECTIONS, SLIDE_LAYOUTS, TABLE_ALIGNS

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
    cell = {**_text("A cell (inline markup allowed); empty when left blank."),
            "type": ["string", "number", "boolean", "null"]}
    table = {
        "type": "object", "additionalProperties": False,
        "description": "A table: 'header' and 'rows', or 'csv' (a file; its first line is the "
                       "header). Split by rows onto continuation slides, the header repeated.",
        "properties": {
            "header": {"type": "array", "minItems": 1, "items": cell,
                       "description": "The column headings."},
            "rows": {"type": "array", "minItems": 1, "description": "Rows, each one cell per "
                     "column.", "items": {"type": "array", "items": cell}},
            "csv": {"type": "string", "description": "A CSV file, relative to the deck file."},
            "align": {"type": "array", "items": {"enum": list(TABLE_ALIGNS)},
                      "description": "Alignment per column; default: right for numbers."},
            "caption": _text("A caption under the table."),
        },
        "oneOf": [{"required": ["header", "rows"], "not": {"required": ["csv"]}},
                  {"required": ["csv"], "not": {"anyOf": [{"required": ["header"]},
                                                          {"required": ["rows"]}]}}],
    }
    code = {
        "type": "object", "additionalProperties": False,
        "description": "Highlighted code: 'lang' and 'text', or 'file' (and 'lines'). Lines "
                       "never wrap; long code splits at line boundaries.",
        "properties": {
            "lang": {"type": "string", "description": "A Pygments language name (python, "
                     "java, sql, …; text for none); with 'file', guessed from its name."},
            "text": {"type": "string", "description": "The code (use a | block)."},
            "file": {"type": "string", "description": "A source file, relative to the deck."},
            "lines": {"type": ["string", "integer"], "pattern": r"^\s*\d+\s*(-\s*\d+\s*)?$",
                      "description": "The lines of 'file' to show, e.g. 10-24."},
            "numbers": _flag("Show line numbers.", False),
            "highlight": {"type": "array", "items": {"type": ["string", "integer"]},
                          "description": "Line numbers or ranges (5-7) to highlight."},
        },
        "oneOf": [{"required": ["text", "lang"], "not": {"required": ["file"]}},
                  {"required": ["file"], "not": {"required": ["text"]}}],
    }
    quote = {"description": "A quotation set large, with its attribution.", "oneOf": [
        _text("The quotation alone."),
        {"type": "object", "additionalProperties": False, "required": ["text"],
         "properties": {"text": _text("The quotation (without quote marks)."),
                        "by": _text("Who said or wrote it."),
                        "source": _text("Where: a work, a speech, a year.")}}]}
    timeline = {
        "type": "array", "minItems": 1, "description": "Dates on an axis with labels, in order; "
        "vertical when the labels are long, split when there are many.",
        "items": {"type": "object", "additionalProperties": False, "required": ["date", "text"],
                  "properties": {"date": _text("The date, as free text (1922, May 1935)."),
                                 "text": _text("What happened.")}}}
    slide = {
        "type": "object", "additionalProperties": False, "required": ["title"],
        "properties": {
            "title": _text("Slide title (shown in the title placeholder)."),
            "layout": {"anyOf": [{"enum": list(SLIDE_LAYOUTS)}, {"type": "string"}],
                       "default": "content",
                       "description": "'section' makes a section divider, 'full' a picture "
                                      "covering the slide under its title; on a template, the "
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
            "table": table,
            "code": code,
            "quote": quote,
            "timeline": timeline,
            "source": _text("Where the slide's content comes from: a small line above the "
                            "footer."),
            "background": {"type": "string", "description": "The slide's own background: a "
                           "colour \"#RRGGBB\" or a picture file (relative to the deck)."},
            "images": {"type": "array", "minItems": 2, "maxItems": 4, "description": "Two to "
                       "four pictures side by side or in a grid.",
                       "items": {"type": "object", "additionalProperties": False,
                                 "required": ["src", "alt"], "properties": {
                                     "src": {"type": "string", "description": "Image file, "
                                             "relative to the deck file."},
                                     "alt": _text("Alternative text (required)."),
                                     "caption": _text("Caption under the picture."),
                                     "credit": _text("Who made the picture (small, muted).")}}},
            "image_side": {"enum": ["left", "right"], "default": "right",
                           "description": "Where the picture goes beside text."},
            "focus": {"type": "array", "minItems": 2, "maxItems": 2,
                      "items": {"type": "number", "minimum": 0, "maximum": 1},
                      "description": "The point [x, y] (0 to 1) of the picture a crop keeps."},
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
            "references": {"type": "array", "items": _text("One reference (inline markup "
                                                             "allowed)."),
                           "description": "References, on slides of their own at the end."},
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
