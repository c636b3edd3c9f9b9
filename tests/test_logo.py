"""A theme's logo and background picture: placed clear of the text, drawn in both outputs."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from generator.layout import lay_out
from generator.render_html import render_html
from generator.source import load_deck
from generator.themes import theme_for


@pytest.fixture
def deck_with_logo(tmp_path: Path):
    def make(corner: str):
        Image.new("RGB", (200, 100), "#b71c1c").save(tmp_path / "logo.png")
        Image.new("RGB", (32, 18), "#fafafa").save(tmp_path / "paper.png")
        (tmp_path / "uni.yaml").write_text(
            f"logo: {{image: logo.png, corner: {corner}, height: 48}}\n"
            "background_image: paper.png\n", encoding="utf-8")
        (tmp_path / "talk.yaml").write_text(
            "title: T\ntheme: uni.yaml\nfooter: F\nslides:\n  - title: A\n    bullets: [b]\n",
            encoding="utf-8")
        deck = load_deck(tmp_path / "talk.yaml")
        return lay_out(deck, theme_for(deck))
    return make


def overlaps(a, b) -> bool:
    return a.x < b.x + b.w and b.x < a.x + a.w and a.y < b.y + b.h and b.y < a.y + a.h


@pytest.mark.parametrize("corner", ["top-left", "top-right", "bottom-left", "bottom-right"])
def test_the_logo_sits_in_its_corner_and_no_text_box_overlaps_it(deck_with_logo, corner):
    layout = deck_with_logo(corner)
    logo = layout.logo_box
    assert (logo.w, logo.h) == (96, 48)  # the picture's 2:1 aspect at the theme's height
    assert (logo.x < layout.width / 2) == corner.endswith("left")
    assert (logo.y < layout.height / 2) == corner.startswith("top")
    page = layout.pages[1]
    for box in (page.title.box, page.body.box, layout.footer_box, layout.number_box):
        assert not overlaps(box, logo), (corner, box)


def test_the_html_draws_the_logo_on_every_slide_and_inlines_both_pictures_once(deck_with_logo):
    layout = deck_with_logo("top-right")
    html = render_html(layout)
    assert html.count('<div class="logo" aria-hidden="true"></div>') == len(layout.pages)
    assert html.count("data:image/png;base64,") == 2
    assert "background-size: cover" in html
