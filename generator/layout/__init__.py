"""Measure text and choose sizes, breaks and pages: the one layout both renderers draw."""
