"""Lecture-deck generator: structured YAML lectures to editable PPTX and single-file HTML."""

__version__ = "0.1.0"

from generator.cache import keep_dataclass_code  # noqa: E402 (needs __version__)

keep_dataclass_code()
