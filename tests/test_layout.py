"""The fitting engine: real font metrics, comfortable sizes first, splitting before shrinking."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from conftest import loaded_on_each_build

from generator import __version__
from generator.layout.engine import lay_out

from generator.layout.measure import HEIGHT_SAFETY, INSET_X, Measure

from generator.layout.page import Para, all_frames
from generator.layout.fonts import face, font_file
from generator.source.reader import load_deck
from generator.themes.theme import load_theme, theme_for

LECTURE = Path(__file__).resolve().parent.parent / "slides_src" / "soviet_foreign_policy.yaml"


def deck_from(tmp_path: Path, text: str):
    path = tmp_path / "deck.yaml"
    path.write_text(text, encoding="utf-8")
    deck = load_deck(path)
    return lay_out(deck, theme_for(deck))


def frame_fits(measure: Measure, frame) -> bool:
    role = frame.font
    height = measure.frame_height(frame.paras, frame.box.w, role)
    return height <= frame.box.h + 0.01


class DescribeFontMetrics:
    def it_measures_calibri_with_its_metric_twin_carlito(self):
        path = font_file("Calibri")
        if path is None:
            pytest.skip("Carlito (fonts-crosextra-carlito) is not installed")
        assert path.name == "Carlito-Regular.ttf"
        assert font_file("Calibri", bold=True).name == "Carlito-Bold.ttf"

    def it_measures_wider_text_as_wider(self):
        f = face("Calibri")
        assert f.width("WWWW", 20) > f.width("iiii", 20) > 0
        assert f.width("abc", 40) == pytest.approx(2 * f.width("abc", 20))

    def it_falls_back_with_a_warning_for_an_unknown_font(self, caplog):
        f = face("No Such Font Family 123")
        assert f.exact is False
        assert "font 'No Such Font Family 123' is not installed" in caplog.text


class DescribeWrapping:
    def it_wraps_words_greedily_and_breaks_an_unbreakable_word(self):
        m = Measure(load_theme("classic"))
        assert m.wrap("one two three", 20, 1000) == ["one two three"]
        lines = m.wrap("x" * 200, 20, 300)
        assert len(lines) > 1 and "".join(lines) == "x" * 200
        assert all(m.faces[("body", False, False)].width(line, 20) <= 300 for line in lines)

    def it_measures_bold_text_with_the_bold_face(self):
        m = Measure(load_theme("classic"))
        plain = sum(w for _, _, w, *_ in m.tokens("heavy words here", "body", False))
        bold = sum(w for _, _, w, *_ in m.tokens("**heavy words here**", "body", False))
        assert bold > plain

    def it_counts_paragraph_height_from_lines_and_spacing(self):
        theme = load_theme("classic")
        m = Measure(theme)
        para = Para("short", 0, False, 20, after=7)
        expected = 20 * 1.2 * theme.spacing["line"] + 7
        assert m.para_height(para, 500) == pytest.approx(expected)
        assert m.margin_left(Para("b", 2, True, 20)) == 3 * theme.spacing["indent"]
        assert INSET_X > 0


class DescribeTheLectureLayout:
    @pytest.fixture(scope="class")
    @classmethod
    def layout(cls):
        deck = load_deck(LECTURE)
        return lay_out(deck, theme_for(deck))

    def it_has_a_title_page_then_one_page_per_slide(self, layout):
        titles = [p.title_text for p in layout.pages]
        assert titles[0] == "Soviet union foreign policy"
        assert titles[1:] == [s.title for s in layout.deck.slides]

    def it_fits_every_text_frame_in_its_box(self, layout):
        m = Measure(layout.theme)
        for page in layout.pages:
            for frame in all_frames(page):
                assert frame_fits(m, frame), (page.number, frame.paras[0].text)

    def it_keeps_bullet_slides_at_a_readable_size(self, layout):
        sizes = [p.body.size for p in layout.pages if p.body is not None]
        assert min(sizes) >= layout.theme.sizes["minimum"]
        assert sorted(sizes)[len(sizes) // 2] == layout.theme.sizes["body"]  # median: comfortable


class DescribeSplitting:
    def it_uses_the_comfortable_size_for_a_short_slide(self, tmp_path):
        layout = deck_from(tmp_path,
                           "title: T\nslides:\n  - title: A\n    bullets: [one, two, three]\n")
        page = layout.pages[1]
        assert page.body.size == 28 and page.parts == 1
        assert [p.size for p in page.body.paras] == [28, 28, 28]

    def it_tightens_paragraph_spacing_before_it_shrinks(self, tmp_path):
        bullets = "".join(f"      - Bullet number {i} with a few more words to read\n"
                          for i in range(8))
        layout = deck_from(tmp_path, f"title: T\nslides:\n  - title: A\n    bullets:\n{bullets}")
        page = layout.pages[1]
        assert len(layout.pages) == 2
        assert page.body.size == 28  # at 0.45 em after each bullet it would not fit
        assert [p.after for p in page.body.paras] == [0.2 * 28] * 8

    def it_shrinks_a_step_of_the_scale_before_it_splits(self, tmp_path):
        bullets = "".join(f"      - Bullet number {i} with a few more words to read\n"
                          for i in range(10))
        layout = deck_from(tmp_path, f"title: T\nslides:\n  - title: A\n    bullets:\n{bullets}")
        page = layout.pages[1]
        assert len(layout.pages) == 2
        assert page.body.size in (26, 24, 22, 20, 18)  # the scale: 2 pt steps from 28

    def it_splits_a_dense_slide_into_continuation_pages_without_cutting_bullets(self, tmp_path):
        bullets = "".join(f"      - Item {i}: " .replace(":", " –") +
                          "a long bullet that keeps going and going to fill the width "
                          "of the slide twice over at least\n" for i in range(16))
        layout = deck_from(tmp_path,
                           f"title: T\nslides:\n  - title: Dense\n    bullets:\n{bullets}")
        pages = layout.pages[1:]
        assert len(pages) >= 2
        assert [p.title_text for p in pages] == ["Dense"] * len(pages)
        assert [p.marker.paras[0].text for p in pages] == [
            f"· {i}/{len(pages)}" for i in range(1, len(pages) + 1)]
        assert all(p.parts == len(pages) for p in pages)
        texts = [para.text for p in pages for para in p.body.paras]
        assert texts == [f"Item {i} – a long bullet that keeps going and going to fill the width "
                         "of the slide twice over at least" for i in range(16)]
        sizes = {p.body.size for p in pages}
        assert len(sizes) == 1 and sizes.pop() >= layout.theme.sizes["minimum"]
        m = Measure(layout.theme)
        assert all(frame_fits(m, p.body) for p in pages)

    def it_keeps_a_bullet_with_its_sub_bullets_together(self, tmp_path):
        items = "".join(f"      - Parent {i} with enough words to wrap onto a second line:\n"
                        f"          - Child {i}a\n          - Child {i}b\n" for i in range(7))
        layout = deck_from(tmp_path, f"title: T\nslides:\n  - title: Nest\n    bullets:\n{items}")
        for page in layout.pages[1:]:
            paras = page.body.paras
            assert paras[0].level == 0  # no page starts with an orphaned child
            assert sum(1 for p in paras if p.level == 0) * 3 == len(paras)

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_splits_a_paragraph_too_long_for_one_page(self, tmp_path):
        words = " ".join(f"word{i}" for i in range(900))
        layout = deck_from(tmp_path, f"title: T\nslides:\n  - title: Wall\n    text: {words}\n")
        pages = layout.pages[1:]
        assert len(pages) > 1
        assert " ".join(p.body.paras[0].text for p in pages) == words
        m = Measure(layout.theme)
        assert all(frame_fits(m, p.body) for p in pages)

    def it_splits_dense_columns_in_parallel(self, tmp_path):
        col = "".join(f"          - Column point {i} that is long enough to wrap in a column\n"
                      for i in range(14))
        layout = deck_from(tmp_path, "title: T\nslides:\n  - title: Cols\n    text: Lead\n"
                           f"    columns:\n      - heading: A\n        bullets:\n{col}"
                           "      - heading: B\n        bullets: [short]\n")
        pages = layout.pages[1:]
        assert len(pages) >= 2 and all(p.layout == "columns2" for p in pages)
        assert [p.lead.paras[0].text for p in pages] == ["Lead"] * len(pages)  # repeated
        assert [len(p.columns) for p in pages] == [2] * len(pages)
        # column B ended on the first page: its heading is not repeated over an empty column
        assert [bool(p.columns[1].heading) for p in pages] == [True] + [False] * (len(pages) - 1)
        assert [bool(p.columns[0].heading) for p in pages] == [True] * len(pages)
        m = Measure(layout.theme)
        for page in pages:
            for column in page.columns:
                if column.body is not None:  # a column that ended is left out
                    assert frame_fits(m, column.body)
                    assert column.body.size >= layout.theme.sizes["minimum"]


def test_height_safety_leaves_a_margin():
    assert 0.9 <= HEIGHT_SAFETY < 1


class DescribeTheWidthCache:
    def it_measures_the_same_from_the_cache_as_from_the_font(self, tmp_path, monkeypatch):
        import generator.layout.fonts as fonts

        monkeypatch.setenv("DECK_CACHE_DIR", str(tmp_path))
        monkeypatch.setattr(fonts, "_tables", {})
        monkeypatch.setattr(fonts, "_dirty", set())
        f = face("Calibri")
        fresh = [f.width(w, 1.0) for w in ("Rapallo", "treaty", "1922", "Кириллица")]
        fonts.save_measurements()
        [saved] = list((tmp_path / __version__ / "font-widths").glob("*.json"))
        monkeypatch.setattr(fonts, "_tables", {})
        monkeypatch.setattr(fonts, "_pil_font", lambda path: pytest.fail("font file opened"))
        assert [f.width(w, 1.0) for w in ("Rapallo", "treaty", "1922", "Кириллица")] == fresh
        assert saved.parent.name == "font-widths"

    @pytest.mark.slow
    def it_spares_a_cold_build_of_a_measured_deck_from_loading_pillow(self, tmp_path):
        assert loaded_on_each_build(LECTURE, tmp_path, "PIL") == [True, False]

    @pytest.mark.slow
    def it_asks_fontconfig_once_for_a_character_no_deck_font_has(self, tmp_path):
        deck = tmp_path / "deck.yaml"
        deck.write_text("title: Greetings\nslides:\n  - title: Hello\n    bullets:\n"
                        "      - 你好 in Chinese\n", encoding="utf-8")
        assert loaded_on_each_build(deck, tmp_path, "subprocess") == [True, False]

    def it_asks_fontconfig_again_once_a_font_is_installed(self, tmp_path, monkeypatch):
        import generator.layout.fonts as fonts

        monkeypatch.setattr(fonts, "font_dirs", lambda: [tmp_path])
        fonts._scan.cache_clear()
        before = fonts._scan()[1]
        (tmp_path / "noto").mkdir()
        os.utime(tmp_path / "noto", ns=(0, 0))  # as if made long ago: a new file changes it
        fonts._scan.cache_clear()
        between = fonts._scan()[1]
        (tmp_path / "noto" / "NotoSansCJK-Regular.otf").write_bytes(b"")
        fonts._scan.cache_clear()
        after = fonts._scan()[1]
        fonts._scan.cache_clear()
        assert len({before, between, after}) == 3


class DescribeHardCases:
    """Inputs a reviewer found: each must fit, and no text may go missing."""

    def it_breaks_an_unbreakable_word_where_the_line_is_full_not_by_character_count(self):
        m = Measure(load_theme("classic"))
        word = "W" * 20 + "i" * 300
        lines = m.wrap(word, 18, 200)
        assert "".join(lines) == word
        limit = (200 - 0) / 1.03
        assert all(m.faces[("body", False, False)].width(line, 18) <= limit for line in lines)
        assert m.faces[("body", False, False)].width(lines[0] + "i", 18) > limit  # full lines

    def it_gives_a_lead_too_long_for_the_columns_pages_of_its_own(self, tmp_path):
        lead = " ".join(["The lead sentence goes on and on about the question at hand."] * 30)
        layout = deck_from(tmp_path, "title: T\nslides:\n  - title: Cols\n"
                           f"    text: {lead}\n    columns:\n"
                           "      - {heading: PRO, bullets: [one point, another point, a third]}\n"
                           "      - {heading: CON, bullets: [one point, another point]}\n")
        pages = layout.pages[1:]
        lead_text = " ".join(p.text for page in pages[:-1] for p in page.lead.paras)
        assert lead_text == lead  # on pages of its own, as written
        assert pages[-1].layout == "columns2" and pages[-1].lead is None
        assert [p.title_text for p in pages] == ["Cols"] * len(pages)
        m = Measure(layout.theme)
        for page in pages:
            for frame in all_frames(page):
                assert frame_fits(m, frame)

    def it_shrinks_long_column_headings_to_keep_room_for_the_columns(self, tmp_path):
        heading = " ".join(["Heading"] * 40)
        layout = deck_from(tmp_path, 'title: T\naspect: "4:3"\nslides:\n  - title: Cols\n'
                           f"    columns:\n      - {{heading: {heading}, bullets: [a, b]}}\n"
                           "      - {heading: Two, bullets: [c]}\n      - {heading: Three, "
                           "bullets: [d]}\n")
        [page] = layout.pages[1:]
        m = Measure(layout.theme)
        for column in page.columns:
            assert column.heading.box.h <= layout.pages[1].columns[0].body.box.h
            assert frame_fits(m, column.heading) and frame_fits(m, column.body)
            assert column.body.box.y + column.body.box.h <= layout.height

    def it_shrinks_a_crowded_title_slide_until_it_fits(self, tmp_path, caplog):
        subtitle = " ".join(["A subtitle that says a great deal about the lecture"] * 6)
        layout = deck_from(tmp_path, f'title: T\naspect: "4:3"\nsubtitle: {subtitle}\n'
                           f"author: {'Several Authors of the Department, ' * 6}\n"
                           "date: Tuesday, 14:00, Room 101\nslides:\n  - title: A\n")
        page = layout.pages[0]
        assert frame_fits(Measure(layout.theme), page.subtitle)
        assert frame_fits(Measure(layout.theme), page.byline)


def test_a_paragraph_split_over_pages_keeps_its_inline_markup(tmp_path):
    words = " ".join(f"word{i}" for i in range(260))
    text = (f"**Key point:** {words} see [the treaty](https://example.org/treaty) and "
            "`code()` to end")
    layout = deck_from(tmp_path, f"title: T\nslides:\n  - title: Wall\n    text: '{text}'\n")
    pages = layout.pages[1:]
    assert len(pages) > 1
    assert " ".join(p.body.paras[0].text for p in pages) == text
    m = Measure(layout.theme)
    assert all(frame_fits(m, p.body) for p in pages)


def test_a_word_longer_than_a_page_is_cut_without_inserting_spaces(tmp_path):
    word = "x" * 6000
    layout = deck_from(tmp_path, f"title: T\nslides:\n  - title: Wall\n    text: {word}\n")
    pages = layout.pages[1:]
    assert "".join(p.body.paras[0].text for p in pages) == word
    m = Measure(layout.theme)
    assert all(frame_fits(m, p.body) for p in pages)


def test_a_long_footer_shrinks_to_stay_on_one_line_in_both_outputs(tmp_path):
    import re
    import zipfile

    from generator.build import build_deck

    footer = "History 201 · Lecture 7 · Soviet foreign policy 1917–1941 · Professor A. Lecturer" * 2
    path = tmp_path / "deck.yaml"
    path.write_text(f"title: T\nfooter: {footer}\nslides:\n  - title: A\n    bullets: [b]\n",
                    encoding="utf-8")
    layout = lay_out(load_deck(path), theme_for(load_deck(path)))
    m = Measure(layout.theme)
    assert 6 <= layout.footer_size < 12
    assert m.lines(footer, layout.footer_size, layout.footer_box.w - 2 * INSET_X) == 1
    pptx, html = build_deck(path, tmp_path / "out").outputs
    size = f"{layout.footer_size:g}"
    assert f"font-size:{size}pt" in html.read_text(encoding="utf-8")
    slide = zipfile.ZipFile(pptx).read("ppt/slides/slide2.xml").decode()
    assert re.search(rf'sz="{round(layout.footer_size * 100)}"[^>]*>.*History 201', slide)


class DescribeMeasurementsSharedBetweenBuilds:
    """deck watch lays the same deck out again and again: texts are measured once per font set."""

    @staticmethod
    def tokenized(monkeypatch, deck, theme) -> list[str]:
        import generator.layout.measure as engine

        seen: list[str] = []
        real = engine._tokens

        def counting(m, text, role, bold, ranges=False):
            seen.append(text)
            return real(m, text, role, bold, ranges)

        monkeypatch.setattr(engine, "_tokens", counting)
        lay_out(deck, theme)
        return seen

    def it_measures_no_text_again_when_the_same_deck_is_laid_out_again(self, monkeypatch):
        deck = load_deck(LECTURE)
        theme = theme_for(deck)
        lay_out(deck, theme)
        assert self.tokenized(monkeypatch, deck, theme) == []

    def it_measures_the_texts_again_in_other_fonts_and_gives_the_same_layout(self, monkeypatch):
        import generator.layout.measure as engine

        monkeypatch.setattr(engine, "_SHARED", {})  # nothing measured by earlier tests
        deck = load_deck(LECTURE)
        classic, academic = theme_for(deck), theme_for(deck, "academic")
        lay_out(deck, classic)
        assert "Civil war era intervention" in self.tokenized(monkeypatch, deck, academic)
        cached = lay_out(deck, classic).pages
        monkeypatch.setattr(engine, "_SHARED", {})
        assert lay_out(deck, classic).pages == cached
