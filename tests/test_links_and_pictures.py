"""Inline links with parentheses in the URL, and pictures browsers cannot show, in both outputs."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from PIL import Image

from generator.build import build_deck
from generator.source import inline

RAPALLO = "https://en.wikipedia.org/wiki/Treaty_of_Rapallo_(1922)"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    return path


class DescribeLinksWithParentheses:
    def it_keeps_one_level_of_balanced_parentheses_in_the_url(self):
        assert inline.parse(f"See [the pact]({RAPALLO}) now.") == (
            inline.Span("See "), inline.Span("the pact", href=RAPALLO), inline.Span(" now."))

    def it_still_ends_a_link_at_the_first_unbalanced_parenthesis(self):
        assert inline.parse("(see [docs](https://x.org/a))") == (
            inline.Span("(see "), inline.Span("docs", href="https://x.org/a"), inline.Span(")"))

    def it_links_the_full_url_in_the_pptx_and_the_html(self, tmp_path):
        deck = write(tmp_path, f"title: T\nslides:\n  - title: One\n    bullets:\n"
                     f"      - \"Read [the pact]({RAPALLO}) first\"\n")
        result = build_deck(deck, tmp_path / "out", ("pptx", "html"))
        assert result.ok, result.error
        html = (tmp_path / "out" / "deck.html").read_text(encoding="utf-8")
        assert f'href="{RAPALLO}"' in html
        assert "</a>)" not in html
        with zipfile.ZipFile(tmp_path / "out" / "deck.pptx") as package:
            rels = "".join(package.read(n).decode() for n in package.namelist()
                           if re.match(r"ppt/slides/_rels/slide\d+\.xml\.rels$", n))
            slides = "".join(package.read(n).decode() for n in package.namelist()
                             if re.match(r"ppt/slides/slide\d+\.xml$", n))
        assert f'Target="{RAPALLO}"' in rels
        assert "<a:t>the pact</a:t>" in slides and "<a:t>) first</a:t>" not in slides


class DescribePicturesBrowsersCannotShow:
    @pytest.mark.parametrize("name", ["map.tif", "map.bmp"])
    def it_inlines_tiff_and_bmp_as_png_in_the_html(self, tmp_path, name):
        Image.new("RGB", (40, 20), "red").save(tmp_path / name)
        deck = write(tmp_path, f"title: T\nslides:\n  - title: Map\n    image: {name}\n"
                     "    alt: A red map of Europe\n")
        result = build_deck(deck, tmp_path / "out", ("html",))
        assert result.ok, result.error
        html = (tmp_path / "out" / "deck.html").read_text(encoding="utf-8")
        assert "data:image/png;base64," in html
        assert "data:image/tiff" not in html and "data:image/bmp" not in html
