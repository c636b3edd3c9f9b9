"""The HTML templates shipped compiled: fresh, used, and never used once stale."""

from __future__ import annotations

import json
from pathlib import Path

from jinja2 import FileSystemLoader, ModuleLoader

from generator.html import precompiled
from generator.html.render import HTML_DIR, environment, render_html
from generator.layout.engine import lay_out
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"


def test_the_shipped_compiled_templates_match_the_templates():
    assert precompiled.is_fresh(HTML_DIR), (
        "a template changed: regenerate the compiled templates with "
        "`.venv/bin/python -m generator.html.render` (a build still works meanwhile, "
        "compiling the templates in memory)")


def test_fresh_compiled_templates_are_used_and_render_what_the_sources_render():
    assert isinstance(precompiled.template_loader(HTML_DIR), ModuleLoader)
    deck = load_deck(LECTURE)
    layout = lay_out(deck, theme_for(deck))
    compiled = render_html(layout)
    fresh = environment(FileSystemLoader(str(HTML_DIR)))
    from generator.html import render

    original = render._environment
    try:
        render._environment = lambda: fresh
        assert render_html(layout) == compiled
    finally:
        render._environment = original


def test_a_template_that_changed_is_read_from_its_source(tmp_path):
    for template in HTML_DIR.glob("*.j2"):
        (tmp_path / template.name).write_text(template.read_text(encoding="utf-8") + "\n")
    assert not precompiled.is_fresh(tmp_path)
    assert isinstance(precompiled.template_loader(tmp_path), FileSystemLoader)
    manifest = json.loads(precompiled.MANIFEST.read_text(encoding="utf-8"))
    assert set(manifest["templates"]) == {p.name for p in HTML_DIR.glob("*.j2")}
