"""Lecture-deck generator: structured YAML lectures to editable PPTX and single-file HTML."""

__version__ = "0.1.0"
