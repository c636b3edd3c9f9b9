"""The HTML renderer's output, read as HTML (no browser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from generator.html.render import font_stack, inline_html, render_html
from generator.layout.engine import lay_out
from generator.layout.measure import note_paragraphs
from generator.layout.page import DeckLayout
from generator.source.model import Bullet, BulletList, Column, Deck, Image, Paragraph, Slide
from generator.source.reader import load_deck
from generator.themes.theme import load_theme, theme_for

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"


class DescribeTheLectureDeck:
    def it_has_one_section_per_layout_page(self, lecture: DeckLayout, lecture_doc: Document):
        assert len(lecture_doc.slides) == len(lecture.pages)

    def it_titles_every_slide_as_the_layout_does_in_order(self, lecture, lecture_doc):
        assert lecture_doc.titles() == [page.title_text for page in lecture.pages]

    def it_uses_one_h1_on_the_title_slide_and_one_h2_elsewhere(self, lecture_doc):
        first, *rest = lecture_doc.slides
        assert first.tags.count("h1") == 1 and "h2" not in first.tags
        for slide in rest:
            assert slide.tags.count("h2") == 1 and "h1" not in slide.tags

    def it_declares_the_deck_language(self, lecture, lecture_doc):
        assert lecture_doc.root_attrs["lang"] == lecture.deck.language

    def it_carries_theme_colours_and_fonts_as_css_custom_properties(self, lecture, lecture_html):
        root = _root_rule(lecture_html)
        for name, value in lecture.theme.colors.items():
            assert f"--color-{name.replace('_', '-')}: {value};" in root
        for role in ("heading", "body", "mono"):
            assert f'--font-{role}: "{lecture.theme.fonts[role]}"' in root
        assert '"Carlito"' in root  # Calibri's metric twin, the font the layout measured with
        assert "--slide-width: 960pt;" in root and "--slide-height: 540pt;" in root

    def it_requests_nothing_from_the_network(self, lecture_doc):
        urls = [value for _, name, value in lecture_doc.attributes if name in ("src", "href")]
        assert [u for u in urls if re.match(r"(?i)\s*(https?:)?//", u)] == []

    def it_keeps_speaker_notes_only_in_aside_notes(self, lecture, lecture_doc):
        for page, slide in zip(lecture.pages, lecture_doc.slides):
            if page.notes:
                assert "aside.notes" in slide.notes_containers
                assert " ".join(page.notes.split())[:40] in " ".join(slide.notes_text.split())
            else:
                assert slide.notes_text == ""

    def it_shows_footer_and_number_on_content_slides_only(self, lecture, lecture_doc):
        for page, slide in zip(lecture.pages, lecture_doc.slides):
            chrome = page.kind not in ("title", "section")
            assert ("footer" in slide.classes) is chrome
            assert ("number" in slide.classes) is chrome

    def it_places_frames_at_the_layout_boxes_in_points(self, lecture, lecture_html):
        box = lecture.pages[1].body.box
        assert f"left:{box.x:g}pt;top:{box.y:g}pt;width:{box.w:g}pt;height:{box.h:g}pt" in (
            lecture_html)

    def it_uses_the_layout_font_sizes(self, lecture, lecture_html):
        for page in lecture.pages:
            for para in page.body.paras if page.body else ():
                assert f"--size:{para.size:g}" in lecture_html


class DescribeUserText:
    def it_escapes_a_script_in_a_bullet(self, tmp_path):
        html = render_html(_layout(tmp_path, bullets=["<script>alert(1)</script> & more"]))
        assert "<script>alert(1)</script>" not in html
        assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; more" in html
        assert html.count("<script>") == 1  # the player itself

    def it_escapes_titles_notes_footer_and_alt_text(self, tmp_path):
        html = render_html(_layout(tmp_path, title="A <b>bold</b> claim", notes="<img src=x>",
                                   footer="</style><i>", alt='"><script>'))
        for raw in ("<b>bold</b>", "<img src=x>", "</style><i>", '"><script>'):
            assert raw not in html

    def it_turns_inline_markup_into_elements(self):
        html = inline_html("**bold** *it* `x<y` [site](https://example.org) [bad](javascript:x)")
        assert str(html) == (
            '<strong>bold</strong> <em>it</em> <code>x&lt;y</code> '
            '<a href="https://example.org" rel="noopener noreferrer" target="_blank">site</a> '
            "bad")

    def it_keeps_user_links_as_the_only_http_urls(self, tmp_path):
        html = render_html(_layout(tmp_path, bullets=["see [docs](https://example.org/a)"]))
        assert re.findall(r'(?:src|href)="(https?://[^"]*)"', html) == ["https://example.org/a"]

    def it_cannot_break_out_of_the_style_block_through_a_font_name(self):
        assert "<" not in font_stack("Evil</style><script>")

    def it_splits_notes_into_paragraphs(self):
        assert note_paragraphs("one\ntwo\n  \nthree\n") == ["one two", "three"]


class DescribeSlideKinds:
    def it_inlines_images_as_data_uris_with_alt_text(self, tmp_path):
        html = render_html(_layout(tmp_path, image=True))
        img = re.search(r"<img [^>]*>", html).group(0)
        assert 'src="data:image/png;base64,' in img
        assert 'alt="A red square"' in img
        assert 'class="frame frame--caption' in html

    def it_renders_section_slides_without_footer(self, tmp_path):
        doc = Document.parse(render_html(_layout(tmp_path, section=True)))
        section = [s for s in doc.slides if "slide--section" in s.section_classes][0]
        assert "footer" not in section.classes and section.tags.count("h2") == 1

    def it_renders_columns_with_headings(self, tmp_path):
        doc = Document.parse(render_html(_layout(tmp_path, columns=True)))
        slide = doc.slides[-1]
        assert slide.tags.count("h3") == 2 and slide.classes.count("frame--column") == 2

    def it_sizes_a_four_by_three_stage(self, tmp_path):
        html = render_html(_layout(tmp_path, aspect="4:3"))
        assert "--slide-width: 720pt;" in html and "size: 720.0pt 540.0pt" in html

    def it_reuses_one_jinja_environment(self):
        from generator.html.render import _environment

        assert _environment() is _environment()
        assert _environment().autoescape is True


# -- fixtures and helpers ------------------------------------------------------------------------

@pytest.fixture(scope="module")
def lecture() -> DeckLayout:
    deck = load_deck(LECTURE)
    return lay_out(deck, theme_for(deck))


@pytest.fixture(scope="module")
def lecture_html(lecture) -> str:
    return render_html(lecture)


@pytest.fixture(scope="module")
def lecture_doc(lecture_html) -> Document:
    return Document.parse(lecture_html)


def _root_rule(html: str) -> str:
    return re.search(r":root \{(.*?)\}", html, re.S).group(1)


def _layout(tmp_path: Path, title: str = "Slide", bullets=("One", "Two"), notes: str = "",
            footer: str | None = "Footer", alt: str = "A red square", image: bool = False,
            section: bool = False, columns: bool = False, aspect: str = "16:9") -> DeckLayout:
    slides = [Slide(1, title, blocks=(BulletList(tuple(Bullet(b) for b in bullets)),),
                    notes=notes)]
    if image or alt != "A red square":
        from PIL import Image as PILImage

        picture = tmp_path / "red.png"
        PILImage.new("RGB", (40, 30), "red").save(picture)
        slides.append(Slide(2, "Picture", blocks=(Image(picture, alt, "A caption"),)))
    if section:
        slides.append(Slide(len(slides) + 1, "Part two", layout="section", subtitle="Sub"))
    if columns:
        slides.append(Slide(len(slides) + 1, "Two sides", blocks=(Paragraph("Lead"),),
                            columns=(Column("Pro", (BulletList((Bullet("a"),)),)),
                                     Column("Contra", (BulletList((Bullet("b"),)),)))))
    deck = Deck(path=tmp_path / "deck.yaml", title="Deck <title>", slides=tuple(slides),
                footer=footer, aspect=aspect, language="de")
    return lay_out(deck, load_theme())


class SlideInfo:
    def __init__(self, classes: list[str]) -> None:
        self.section_classes = classes
        self.tags: list[str] = []
        self.classes: list[str] = []
        self.heading = ""
        self.notes_text = ""
        self.notes_containers: list[str] = []


class Document(HTMLParser):
    """Just enough of the output's structure for the tests: slides, headings, notes, attributes."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.slides: list[SlideInfo] = []
        self.attributes: list[tuple[str, str, str]] = []
        self.root_attrs: dict[str, str] = {}
        self._stack: list[tuple[str, list[str]]] = []
        self._in_heading = False

    @classmethod
    def parse(cls, html: str) -> Document:
        doc = cls()
        doc.feed(html)
        return doc

    def titles(self) -> list[str]:
        return [s.heading for s in self.slides]

    _VOID = {"meta", "img", "br", "hr", "link", "input"}

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        self.attributes.extend((tag, k, v) for k, v in attrs.items())
        classes = attrs.get("class", "").split()
        if tag == "html":
            self.root_attrs = attrs
        if tag == "section" and "slide" in classes:
            self.slides.append(SlideInfo(classes))
        elif self._in_slide():
            slide = self.slides[-1]
            slide.tags.append(tag)
            slide.classes.extend(classes)
            if tag in ("h1", "h2"):
                self._in_heading = True
            if tag == "aside" and "notes" in classes:
                slide.notes_containers.append("aside.notes")
        if tag not in self._VOID:
            self._stack.append((tag, classes))

    def handle_endtag(self, tag):
        if tag in ("h1", "h2"):
            self._in_heading = False
        while self._stack:
            if self._stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._in_slide():
            return
        if self._in_heading:
            self.slides[-1].heading += data.strip("\n")
        if any(t == "aside" and "notes" in c for t, c in self._stack):
            self.slides[-1].notes_text += data

    def _in_slide(self) -> bool:
        return any(t == "section" and "slide" in c for t, c in self._stack)
