"""Title slides: every built-in theme its own look (band, rule, bar, block), one hierarchy of
title, subtitle, author and date, drawn alike in the PPTX and the HTML, every word in its box."""

from __future__ import annotations

import html
import io
import re
import shutil
import subprocess
from pathlib import Path

import pptx
import pytest
from test_libreoffice import contains, pdf_words, text_boxes

from generator.errors import ThemeError
from generator.html.render import box_style, render_html
from generator.layout.engine import lay_out
from generator.layout.measure import HEIGHT_SAFETY, Measure
from generator.pptx.render import render_pptx
from generator.pptx.xml import SCHEME_REFS
from generator.source.reader import load_deck
from generator.source.keys import TITLE_LOOKS
from generator.themes.theme import load_theme, theme_for

THEMES = ("classic", "academic", "dark", "contrast")
LOOKS = {"classic": ("band", "left"), "academic": ("rule", "left"), "dark": ("bar", "center"),
         "contrast": ("block", "left")}
DECK = ("title: Soviet union foreign policy\nsubtitle: From world revolution to the pact, "
        "1917–1941\nauthor: Dr. Anna Petrova\ndate: Spring term 2026\nslides:\n"
        "  - title: One\n    bullets: [a]\n")
LONG = ("title: The foreign policy of the Soviet union between the two world wars, from the "
        "revolution of 1917 to the pact of 1939 and the attack of 1941\nsubtitle: From world "
        "revolution through collective security to the pact with Germany, and what it cost\n"
        "author: Dr. Anna Petrova and Prof. Ivan Sidorov, Department of History\n"
        "date: Spring term 2026, Tuesdays 14:00, Room 101\nslides:\n"
        "  - title: One\n    bullets: [a]\n")
EMU = 12700  # per point


def title_page(tmp_path: Path, theme: str, text: str = DECK, aspect: str = "16:9"):
    path = tmp_path / f"{theme}.yaml"
    path.write_text(f'aspect: "{aspect}"\n' + text, encoding="utf-8")
    deck = load_deck(path)
    layout = lay_out(deck, theme_for(deck, theme))
    return layout, layout.pages[0]


def emu_box(box) -> tuple[int, int, int, int]:
    return tuple(round(v * EMU) for v in (box.x, box.y, box.w, box.h))


def shape_box(shape) -> tuple[int, int, int, int]:
    return (shape.left, shape.top, shape.width, shape.height)


def fill_hex(element, colors) -> str:
    """The hex colour of a shape's solid fill (a scheme reference resolved by the theme)."""
    [fill] = element.xpath("./p:spPr/a:solidFill/*")
    value = fill.get("val")
    if fill.tag.endswith("schemeClr"):
        return colors[{ref: name for name, ref in SCHEME_REFS.items()}[value]]
    return "#" + value


# -- the looks ---------------------------------------------------------------------------------
@pytest.mark.parametrize("theme", THEMES)
def test_every_built_in_theme_has_its_own_title_slide_look(theme):
    ts = load_theme(theme)["title_slide"]
    assert (ts["look"], ts["align"]) == LOOKS[theme]


def test_the_four_title_slides_differ_in_composition(tmp_path):
    layouts = [title_page(tmp_path, theme)[0] for theme in THEMES]
    compositions = {(b.title_page_decoration, b.title_page_title, b.title_page_subtitle)
                    for b in (layout.boxes for layout in layouts)}
    assert len(compositions) == len(THEMES)
    band, rule, bar, block = (layout.boxes.title_page_decoration for layout in layouts)
    assert (band.x, band.w) == (0, 960) and band.y > 0  # across the slide, above the middle
    assert (block.x, block.y, block.w) == (0, 0, 960) and block.h > 540 / 2  # the upper part
    assert rule.h <= 2 and rule.w > 800  # a hairline across the text
    assert (bar.w, bar.h) == (64, 5) and bar.x + bar.w / 2 == 480  # short, thick, centred


@pytest.mark.parametrize("theme", THEMES)
def test_the_title_slide_steps_down_from_title_to_subtitle_to_author_to_date(tmp_path, theme):
    layout, page = title_page(tmp_path, theme)
    author, date = page.byline.paras
    sizes = [page.title.size, page.subtitle.paras[0].size, author.size, date.size]
    assert sizes == sorted(set(sizes), reverse=True)  # strictly smaller, step by step
    assert page.title.size >= 1.5 * page.subtitle.paras[0].size
    ts = layout.theme["title_slide"]
    assert ts["byline_color"] == layout.theme.colors["muted"] != ts["subtitle_color"]
    # the subtitle hangs from the title, the author and date stand at the foot of the slide
    assert page.subtitle.box.y >= page.title.box.bottom
    assert page.byline.anchor == "b"
    assert page.byline.box.bottom == layout.height - layout.theme.spacing["margin"]
    assert page.byline.box.y >= page.subtitle.box.bottom


@pytest.mark.parametrize("theme", THEMES)
@pytest.mark.parametrize("aspect", ["16:9", "4:3"])
def test_a_long_title_subtitle_author_and_date_still_fit_their_boxes(tmp_path, theme, aspect):
    layout, page = title_page(tmp_path, theme, LONG, aspect)
    m = Measure(layout.theme)
    for frame in (page.title, page.subtitle, page.byline):
        bold = frame.bold
        assert m.frame_height(frame.paras, frame.box.w, frame.font, bold) <= (
            frame.box.h * HEIGHT_SAFETY)
    assert page.title.size > page.subtitle.paras[0].size > page.byline.paras[1].size


# -- the PPTX and the HTML draw the same ---------------------------------------------------------
@pytest.mark.parametrize("theme", THEMES)
def test_the_pptx_draws_the_look_the_layout_decided(tmp_path, theme):
    layout, page = title_page(tmp_path, theme)
    prs = pptx.Presentation(io.BytesIO(render_pptx(layout)))
    slide = prs.slides[0]
    assert slide.slide_layout.name == "Title Slide"
    colors = layout.theme.colors
    ts = layout.theme["title_slide"]
    look = ts["look"]
    [decoration] = [s for s in slide.slide_layout.shapes if not s.is_placeholder]
    assert decoration.name == f"Title {look.title()}"
    assert shape_box(decoration) == emu_box(layout.boxes.title_page_decoration)
    assert fill_hex(decoration._element, colors) == ts["band"]
    title = slide.shapes.title
    assert title.placeholder_format.type == 3  # the centre-title placeholder, editable
    assert shape_box(title) == emu_box(page.title.box)
    texts = {s.placeholder_format.idx: s for s in slide.placeholders}
    subtitle, byline = texts[1], texts[2]
    assert subtitle.placeholder_format.type == 4  # the subtitle placeholder
    assert shape_box(subtitle) == emu_box(page.subtitle.box)
    assert shape_box(byline) == emu_box(page.byline.box)
    assert [p.text for p in byline.text_frame.paragraphs] == ["Dr. Anna Petrova",
                                                             "Spring term 2026"]
    for shape, frame in ((title, page.title), (subtitle, page.subtitle), (byline, page.byline)):
        sizes = [p.runs[0].font.size.pt for p in shape.text_frame.paragraphs]
        assert sizes == [p.size for p in frame.paras]
        aligns = {p._p.pPr.get("algn") for p in shape.text_frame.paragraphs}
        assert aligns == ({"ctr"} if ts["align"] == "center" else {None})
        anchor = shape.text_frame._txBody.bodyPr.get("anchor")
        assert anchor == (frame.anchor if frame.anchor != "t" else "t")
    assert bool(title.text_frame.paragraphs[0].runs[0].font.bold) is (
        layout.theme["weights"]["title"] == "bold")


def frame_style(page_html: str, role: str) -> str:
    found = re.search(rf'<[a-z0-9]+ class="frame frame--{role} ([^"]*)" style="([^"]*)"',
                      page_html)
    assert found, role
    return found.group(1) + "|" + found.group(2)


@pytest.mark.parametrize("theme", THEMES)
def test_the_html_draws_the_same_look_in_the_same_places(tmp_path, theme):
    layout, page = title_page(tmp_path, theme)
    document = render_html(layout)
    first = document[document.index('id="slide-1"'):document.index('id="slide-2"')]
    look = layout.theme["title_slide"]["look"]
    [band] = re.findall(r'<div class="band band--(\w+)" aria-hidden="true" style="([^"]*)">',
                        first)
    assert band == (look, box_style(layout.boxes.title_page_decoration))
    assert 'class="band' not in document[document.index('id="slide-2"'):]
    for role, frame in (("title", page.title), ("subtitle", page.subtitle),
                        ("byline", page.byline)):
        classes, style = frame_style(first, role).split("|")
        color = f"var(--title-slide-{role.replace('title', 'title')}-color)"
        assert style == f"{box_style(frame.box)};color:{color}"
        assert ("frame--align-center" in classes) == (frame.align == "ctr")
        assert ("frame--bottom" in classes) == (frame.anchor == "b")
        assert ("frame--centred" in classes) == (frame.anchor == "ctr")
    sizes = re.findall(r'class="frame frame--byline.*?</div>', first, re.S)[0]
    assert re.findall(r"--size:([\d.]+)", sizes) == [
        f"{p.size:g}" for p in page.byline.paras]
    assert f"--title-slide-byline-color: {layout.theme['title_slide']['byline_color']};" in (
        document)


# -- LibreOffice: every word of every title slide inside its box ---------------------------------
def test_libreoffice_draws_every_word_of_the_title_slides_inside_its_box(tmp_path, libreoffice,
                                                                          poppler):
    files = []
    for theme in THEMES:
        for name, text in (("short", DECK), ("long", LONG)):
            layout, _ = title_page(tmp_path, theme, text)
            path = tmp_path / f"{theme}-{name}.pptx"
            path.write_bytes(render_pptx(layout))
            files.append(path)
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path / 'profile'}",
                    "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path),
                    *map(str, files)], check=True, capture_output=True, timeout=300)
    for path in files:
        boxes, words = text_boxes(path)[0], pdf_words(path.with_suffix(".pdf"))[0]
        page_text = "".join(w.text for w in words)
        for box in boxes:
            for word in box.words:
                assert contains(page_text, word), (path.name, word)
        for word in words:
            owners = [b for b in boxes if contains(b.text, word.text)]
            assert any(b.holds(word) for b in owners), (path.name, word)


# -- the theme key -------------------------------------------------------------------------------
def test_a_look_that_does_not_exist_is_a_located_error_listing_the_looks(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("title_slide:\n  look: wave\n  align: middle\n", encoding="utf-8")
    with pytest.raises(ThemeError) as caught:
        load_theme(str(path), tmp_path)
    assert str(caught.value).splitlines() == [
        f"{path}:2:9: title_slide.look must be one of {', '.join(TITLE_LOOKS)}, got 'wave'",
        f"{path}:3:10: title_slide.align must be one of left, center, got 'middle'",
    ]


def test_a_title_beside_a_rule_is_checked_against_the_slide_background(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("title_slide:\n  look: rule\n", encoding="utf-8")
    with pytest.raises(ThemeError) as caught:
        load_theme(str(path), tmp_path)
    assert str(caught.value) == (
        f"{path}:2:9: title_slide.title_color '#FFFFFF' on title_slide.background '#FFFFFF' "
        "has contrast 1.00:1; WCAG AA needs 3:1 for large text")


def test_a_theme_that_draws_no_decoration_has_none_in_either_output(tmp_path):
    layout, page = title_page(tmp_path, "classic", DECK.replace(
        "slides:", "style: {title_slide: {look: plain, title_color: heading}}\nslides:"))
    assert layout.boxes.title_page_decoration is None
    prs = pptx.Presentation(io.BytesIO(render_pptx(layout)))
    assert [s.name for s in prs.slides[0].slide_layout.shapes if not s.is_placeholder] == []
    assert 'class="band' not in render_html(layout)
    assert page.title.anchor == "b" and page.subtitle.box.y > page.title.box.bottom


def test_on_a_template_the_template_s_title_layout_wins(tmp_path):
    template = Path(__file__).parent / "templates" / "md2pptx_Martin_Template.pptx"
    path = tmp_path / "deck.yaml"
    shutil.copy(template, tmp_path / "t.pptx")
    path.write_text("template: t.pptx\n" + DECK, encoding="utf-8")
    deck = load_deck(path)
    layout = lay_out(deck, theme_for(deck))
    page = layout.pages[0]
    assert layout.boxes.title_page_decoration is None and page.byline is None
    assert [p.text for p in page.subtitle.paras] == [
        "From world revolution to the pact, 1917–1941", "Dr. Anna Petrova", "Spring term 2026"]
    assert page.subtitle.align == "ctr"  # as the template's subtitle style
    document = render_html(layout)
    assert 'class="band' not in document
    assert html.escape("Dr. Anna Petrova") in document
    # the template's title colour (its title style's accent1), not classic's white for its band
    assert "--title-slide-title-color: #4472C4;" in document


def test_the_html_keeps_the_title_colour_meant_for_the_band_when_the_band_is_drawn():
    deck = load_deck(Path(__file__).resolve().parent.parent / "slides_src"
                     / "soviet_foreign_policy.yaml")
    assert "--title-slide-title-color: #FFFFFF;" in render_html(lay_out(deck, theme_for(deck)))


# -- the doc page --------------------------------------------------------------------------------
DOCS = Path(__file__).resolve().parent.parent / "docs" / "typesetting.md"


def test_the_doc_page_lists_every_look_and_its_example_builds_as_described(tmp_path):
    text = DOCS.read_text(encoding="utf-8")
    assert [look for look in TITLE_LOOKS if f"\n| `{look}` |" in text] == list(TITLE_LOOKS)
    [example] = [e for e in re.findall(r"```yaml\n(.*?)```", text, re.S) if "title_slide" in e]
    layout, page = title_page(tmp_path, "classic", example)
    bar = layout.boxes.title_page_decoration
    assert (bar.w, bar.h, bar.x + bar.w / 2) == (64, 5, 480)
    assert {f.align for f in (page.title, page.subtitle, page.byline)} == {"ctr"}
    assert [p.text for p in page.byline.paras] == ["Dr. Anna Petrova", "Spring term 2026"]


@pytest.mark.parametrize("theme", THEMES)
def test_section_slides_are_aligned_as_the_theme_s_title_slide_in_both_outputs(tmp_path, theme):
    layout, _ = title_page(tmp_path, theme, DECK + "  - {layout: section, title: Part II, "
                           "subtitle: The pact}\n")
    section = layout.pages[2]
    centred = layout.theme["title_slide"]["align"] == "center"
    assert {section.title.align, section.subtitle.align} == {"ctr" if centred else "l"}
    slide = pptx.Presentation(io.BytesIO(render_pptx(layout))).slides[2]
    aligns = {p._p.pPr.get("algn") for s in slide.placeholders for p in s.text_frame.paragraphs}
    assert aligns == ({"ctr"} if centred else {None})
    document = render_html(layout)
    third = document[document.index('id="slide-3"'):]
    assert third.count("frame--align-center") == (2 if centred else 0)
