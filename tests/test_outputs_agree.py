"""Both outputs agree: same slides and titles; every theme reaches both PPTX XML and HTML CSS."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.enum.shapes import PP_PLACEHOLDER

from generator.build import build_deck
from generator.themes.theme import list_themes, load_theme

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
STRESS = Path(__file__).parent / "decks" / "stress.yaml"
TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def built(deck: Path, out: Path, theme: str | None = None) -> tuple[Path, Path]:
    result = build_deck(deck, out, ("pptx", "html"), theme=theme, force=True)
    assert result.error is None, result.error
    return result.outputs


def pptx_titles(path: Path) -> list[str]:
    return [next(s.text_frame.text for s in slide.placeholders
                 if s.placeholder_format.type in TITLES) for slide in Presentation(path).slides]


def html_titles(path: Path) -> list[str]:
    page = path.read_text(encoding="utf-8")
    sections = re.findall(r'<section class="slide[^"]*".*?</section>', page, re.S)
    titles = []
    for section in sections:
        heading = re.search(r"<h([12])[^>]*>(.*?)</h\1>", section, re.S)[2]
        titles.append(re.sub(r"<[^>]+>", "", heading).strip())
    return [re.sub(r"\s+", " ", t.replace("&amp;", "&")) for t in titles]


def theme_xml(pptx: Path) -> str:
    with zipfile.ZipFile(pptx) as z:
        return z.read("ppt/theme/theme1.xml").decode("utf-8")


@pytest.mark.parametrize("deck", [LECTURE, STRESS], ids=lambda p: p.stem)
@pytest.mark.slow  # over a fifth of a second: the full suite only
def test_the_pptx_and_the_html_have_the_same_slides_with_the_same_titles(tmp_path, deck):
    pptx, html = built(deck, tmp_path)
    assert pptx_titles(pptx) == html_titles(html)
    assert len(pptx_titles(pptx)) == len(Presentation(pptx).slides)


@pytest.mark.parametrize("name", [name for name, _ in list_themes()])
@pytest.mark.slow  # over half a second: the full suite only
def test_each_built_in_theme_reaches_the_pptx_theme_part_and_the_html_css(tmp_path, name):
    pptx, html = built(LECTURE, tmp_path, theme=name)
    theme = load_theme(name)
    xml, page = theme_xml(pptx), html.read_text(encoding="utf-8")
    for token in ("background", "text", "heading", "accent"):
        value = theme.colors[token].lstrip("#").upper()
        assert re.search(rf'<a:srgbClr val="{value}"', xml, re.I), (token, value)
        assert re.search(rf"--color-{token}:\s*#{value}\b", page, re.I), (token, value)
    assert f'<a:latin typeface="{theme.fonts["heading"]}"' in xml  # major (heading) font
    assert f'<a:latin typeface="{theme.fonts["body"]}"' in xml  # minor (body) font
    assert re.search(rf"--font-heading:\s*\"?{theme.fonts['heading']}", page)
    assert re.search(rf"--font-body:\s*\"?{theme.fonts['body']}", page)


def test_a_custom_theme_file_and_a_style_override_reach_both_outputs(tmp_path):
    (tmp_path / "faculty.yaml").write_text(
        'fonts: {heading: Cambria}\ncolors: {heading: "#4A148C"}\n', encoding="utf-8")
    deck = tmp_path / "talk.yaml"
    deck.write_text('title: Talk\ntheme: faculty.yaml\nstyle:\n  colors:\n    accent: "#B71C1C"\n'
                    "slides:\n  - title: One\n    bullets: [a point]\n", encoding="utf-8")
    pptx, html = built(deck, tmp_path / "out")
    xml, page = theme_xml(pptx), html.read_text(encoding="utf-8")
    assert 'val="4A148C"' in xml and 'val="B71C1C"' in xml
    assert '<a:latin typeface="Cambria"' in xml
    assert re.search(r"--color-heading:\s*#4A148C", page, re.I)
    assert re.search(r"--color-accent:\s*#B71C1C", page, re.I)
    assert re.search(r'--font-heading:\s*"?Cambria', page)
