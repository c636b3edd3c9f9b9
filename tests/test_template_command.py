"""``deck template inspect`` as a user runs it."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pptx import Presentation


@pytest.mark.slow
def test_deck_template_inspect_lists_layouts_and_the_layout_each_slide_kind_uses(tmp_path):
    template = tmp_path / "corporate.pptx"
    Presentation().save(template)
    result = subprocess.run([sys.executable, "-m", "generator", "template", "inspect",
                             str(template)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == str(template)
    assert lines[1] == "slide size: 10.00 x 7.50 in (4:3)"
    assert "  1. Title Slide" in lines
    assert "slide kinds use:" in lines
    assert "  title: Title Slide" in lines


def test_deck_template_inspect_refuses_a_missing_file(tmp_path):
    result = subprocess.run([sys.executable, "-m", "generator", "template", "inspect",
                             str(tmp_path / "nope.pptx")], capture_output=True, text=True)
    assert result.returncode == 2
    assert "does not exist" in result.stderr
