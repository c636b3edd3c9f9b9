"""Tests for building decks on a user's PowerPoint template and inspecting templates."""

from __future__ import annotations

import io
from pathlib import Path

import pptx
import pytest

from generator.errors import BuildError
from generator.layout import lay_out
from generator.pptx_template import find_layout, inspect_template, open_template
from generator.render_pptx import render_pptx
from generator.source import load_deck
from generator.themes import theme_for

from test_render_pptx import assert_clean_package, write_deck


def render(path: Path) -> bytes:
    deck = load_deck(path)
    return render_pptx(lay_out(deck, theme_for(deck)))


@pytest.fixture
def corporate(tmp_path: Path) -> Path:
    """A 16:9 template with two slides of its own (made by rendering a small deck)."""
    source = write_deck(tmp_path, "title: Corporate\nslides:\n  - title: Old slide\n"
                        "    bullets: [left over]\n", "corporate.yaml")
    path = tmp_path / "corporate.pptx"
    path.write_bytes(render(source))
    return path


class DescribeATemplateDeck:
    def it_drops_the_templates_own_slides_and_uses_its_layouts(self, tmp_path, corporate):
        path = write_deck(tmp_path, "title: On a template\ntemplate: corporate.pptx\n"
                          "slides:\n  - title: First\n    bullets: [one, two]\n")
        data = render(path)
        prs = pptx.Presentation(io.BytesIO(data))
        titles = [s.shapes.title.text_frame.text for s in prs.slides]
        assert titles == ["On a template", "First"]
        assert [s.slide_layout.name for s in prs.slides] == ["Title Slide", "Title and Content"]
        assert_clean_package(data)

    def it_refuses_a_template_of_the_other_aspect(self, tmp_path, corporate):
        path = write_deck(tmp_path, "title: Square\naspect: \"4:3\"\ntemplate: corporate.pptx\n"
                          "slides:\n  - title: First\n    bullets: [one]\n")
        with pytest.raises(BuildError) as caught:
            render(path)
        assert "the template's slides are not 4:3" in str(caught.value)

    def it_notices_an_edited_template(self, tmp_path, corporate):
        path = write_deck(tmp_path, "title: Wide\ntemplate: corporate.pptx\n"
                          "slides:\n  - title: First\n    bullets: [one]\n")
        assert render(path) == render(path)
        square = write_deck(tmp_path, "title: Square\naspect: \"4:3\"\nslides:\n"
                            "  - title: Old\n", "square.yaml")
        corporate.write_bytes(render(square))
        with pytest.raises(BuildError) as caught:
            render(path)
        assert "the template's slides are not 16:9" in str(caught.value)

    def it_reports_a_file_that_is_not_a_template(self, tmp_path):
        bad = tmp_path / "broken.pptx"
        bad.write_text("not a zip", encoding="utf-8")
        with pytest.raises(BuildError) as caught:
            open_template(bad)
        assert str(caught.value).startswith(f"{bad}: not a usable PowerPoint template")


class DescribeLayoutLookup:
    def it_falls_back_to_office_layout_names(self):
        prs = pptx.Presentation()  # python-pptx's default template: Office names
        assert find_layout(prs, "columns2").name == "Two Content"
        assert find_layout(prs, "columns3").name == "Two Content"
        assert find_layout(prs, "continuation").name == "Title and Content"
        assert find_layout(prs, "image").name == "Picture with Caption"


class DescribeInspectTemplate:
    def it_lists_size_layouts_placeholders_and_choices(self, corporate):
        report = inspect_template(corporate)
        lines = report.splitlines()
        assert lines[1] == "slide size: 13.33 x 7.50 in (16:9)"
        assert "  3. Title and Content" in lines
        assert "  content: Title and Content" in lines
        assert "  columns3: Three Columns" in lines


class DescribeATemplateDeckWithNotes:
    def it_adds_slides_and_notes_after_the_templates_relationships(self, tmp_path, corporate):
        path = write_deck(tmp_path, "title: On a template\ntemplate: corporate.pptx\n"
                          "footer: Corp\nslides:\n" + "".join(
                              f"  - title: S{i}\n    bullets: [one]\n    notes: note {i}\n"
                              for i in range(5)))
        data = render(path)
        assert render(path) == data
        assert_clean_package(data)
        prs = pptx.Presentation(io.BytesIO(data))
        assert [s.shapes.title.text_frame.text for s in prs.slides] == [
            "On a template"] + [f"S{i}" for i in range(5)]
        assert [s.notes_slide.notes_text_frame.text for s in list(prs.slides)[1:]] == [
            f"note {i}" for i in range(5)]
        rids = [s.rId for s in prs.slides._sldIdLst.sldId_lst]
        assert len(set(rids)) == len(rids)
