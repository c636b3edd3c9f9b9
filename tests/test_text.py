"""Text as lecturers write it: line breaks, tabs and spaces, any script, right to left,
markup that survives splitting, and the YAML habits that would silently change text."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pytest
from conftest import require_tool, show_slide
from test_source import problems_of, write
from hypothesis import given, settings
from hypothesis import strategies as st

from generator.build import build_deck
from generator.check.deck import CheckOptions, check_deck
from generator.errors import SourceError
from generator.html.render import render_html
from generator.layout.engine import lay_out
from generator.layout.measure import Measure, _next_tab, choose_script_fonts
from generator.layout.fonts import face, font_source
from generator.source.reader import load_deck
from generator.source.yamlnodes import normalize_text
from generator.themes.theme import load_theme, theme_for

CORPUS = Path(__file__).parent / "decks" / "text"
NO_SPELLING = CheckOptions(spelling=False)


def slide_xml(pptx: Path, number: int) -> str:
    with zipfile.ZipFile(pptx) as z:
        return z.read(f"ppt/slides/slide{number}.xml").decode("utf-8")


class DescribeOneNormalisationAtLoadTime:
    @pytest.mark.parametrize("raw,clean", [
        ("a\r\nb", "a\nb"),  # Windows line ends
        ("a\rb", "a\nb"),  # old Mac line ends
        ("a\x85b", "a\nb"),  # NEXT LINE
        ("a\u2028b", "a\nb"),  # LINE SEPARATOR
        ("a\u2029b", "a\n\nb"),  # PARAGRAPH SEPARATOR: a blank line
        ("a\x0bb\x0cc\x00d\x1be\x7ff", "abcdef"),  # other controls are dropped
        ("a\ufffeb\uffff", "ab"),  # not characters
        ("Title\n", "Title"),  # the final newline of a block scalar
        ("\n\nx\n\n", "x"),
        ("line   \nnext\t\n", "line\nnext"),  # spaces and tabs before a break
        ("a\tb  c", "a\tb  c"),  # tabs and runs of spaces inside are kept
        ("cafe\u0301", "caf\u00e9"),  # normal form C
        ("\u00a0no-break\u00a0", "\u00a0no-break\u00a0"),
        ("👩‍🔬 é", "👩‍🔬 é"),
    ])
    def it_gives_every_later_stage_text_in_one_form(self, raw, clean):
        assert normalize_text(raw) == clean

    @pytest.mark.slow
    @settings(max_examples=150, deadline=None)
    @given(st.text(max_size=60))
    def it_never_gives_the_measurer_text_it_cannot_measure(self, raw):
        text = normalize_text(raw)
        assert not re.search("[\r\x85\u2028\u2029\x00-\x08\x0b\x0c\x0e-\x1f]", text)
        m = Measure(load_theme("classic"))
        assert len(m.wrap(text, 20, 300)) >= 1


class DescribeLineBreaksInEveryField:
    def it_reads_each_field_as_the_docs_say(self):
        deck = load_deck(CORPUS / "breaks.yaml")
        assert (deck.title, deck.subtitle, deck.author, deck.date) == (
            "Line breaks everywhere", "A subtitle\non two lines",
            "Ann Author\nDepartment of History", "1 March 2026")
        assert deck.footer == "History 201 Lecture 7"  # the footer is one line
        first = deck.slides[0]
        assert first.title == "A title\non two lines"
        assert [b.text for b in first.blocks[:2]] == [
            "First paragraph of a literal block,\nwith a line break inside.",
            "Second paragraph after a blank line."]
        bullets = first.blocks[2].items
        assert [b.text for b in bullets] == [
            "A bullet written as a literal block\nkeeps its line break",
            "Escaped breaks\nin a quoted bullet\nand a paragraph separator",
            "A folded bullet folds into one line",
            "Sub-bullet parent\non two lines:"]
        assert [c.text for c in bullets[3].children] == ["child one", "child two"]
        body = deck.slides[1].blocks
        assert deck.slides[1].title == "A folded title"
        # YAML folds a blank line in a '>' block into one line break (two make a paragraph).
        assert body[0].text == ("A folded paragraph with a blank line\n"
                                "and a more-indented line:\n  kept as written")
        assert deck.slides[2].subtitle == "A section subtitle\non two lines"
        assert [c.heading for c in deck.slides[3].columns] == ["PRO\nPLAN", "AGAINST"]
        assert deck.slides[4].image.caption == "Europe in 1939\nafter the pact"

    def it_writes_a_break_as_a_br_in_the_pptx_and_keeps_it_in_the_html(self, tmp_path):
        result = build_deck(CORPUS / "breaks.yaml", tmp_path, ("pptx", "html"))
        assert result.error is None
        xml = slide_xml(tmp_path / "breaks.pptx", 2)
        title = re.search(r"<p:sp>.*?</p:sp>", xml, re.S).group(0)
        assert re.findall(r"<a:t>([^<]*)</a:t>|(<a:br>)", title) == [
            ("A title", ""), ("", "<a:br>"), ("on two lines", "")]
        html = (tmp_path / "breaks.html").read_text(encoding="utf-8")
        assert ">A title\non two lines</span>" in html
        assert "white-space: pre-wrap; tab-size: 72pt;" in html

    def it_keeps_paragraphs_of_the_notes_and_joins_their_lines(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: S\n    text: x\n    notes: |\n"
                               "      one\n      two\n\n      three\n")
        layout = lay_out(load_deck(path), theme_for(load_deck(path)))
        from generator.layout.measure import note_paragraphs
        assert note_paragraphs(layout.pages[1].notes) == ["one two", "three"]


class DescribeTabsAndSpaces:
    def it_jumps_a_tab_to_the_next_inch(self):
        assert [_next_tab(x) for x in (0, 10, 71.9, 72, 150)] == [72, 72, 72, 144, 216]

    def it_measures_a_tab_as_the_distance_to_its_stop(self):
        m = Measure(load_theme("classic"))
        word = face("Calibri").width("October", 20)
        limit = (72 + word) * 1.03  # the layout pads widths by 3 %
        assert m.wrap("1917\tOctober", 20, limit + 0.5) == ["1917\tOctober"]
        assert m.wrap("1917\tOctober", 20, limit - 0.5) == ["1917\t", "October"]

    def it_counts_every_space_of_a_run(self):
        m = Measure(load_theme("classic"))
        one = sum(t[2] for t in m.tokens("a b", "body", False))
        five = sum(t[2] for t in m.tokens("a     b", "body", False))
        assert five == pytest.approx(one + 4 * face("Calibri").width(" ", 1.0))

    def it_fits_a_slide_of_dates_aligned_with_tabs(self, tmp_path):
        layout = lay_out(load_deck(CORPUS / "tabs.yaml"), load_theme("classic"))
        dates = [p for p in layout.pages if p.source and p.source.title == "Some dates"]
        assert len(dates) == 1
        m = Measure(layout.theme)
        frame = dates[0].body
        assert m.frame_height(frame.paras, frame.box.w) <= frame.box.h


class DescribeAnyScript:
    def it_finds_fonts_by_family_name_through_fontconfig_collections_included(self):
        found = font_source("Noto Sans CJK JP")
        require_tool("Noto CJK fonts", found is not None, "apt-get install fonts-noto-cjk")
        assert found[0].suffix == ".ttc"
        assert face("Noto Sans CJK JP").exact

    def it_picks_a_font_for_chinese_and_japanese_that_has_their_glyphs(self):
        require_tool("Noto CJK fonts", font_source("Noto Sans CJK SC") is not None,
                     "apt-get install fonts-noto-cjk")
        zh = load_deck(CORPUS / "cjk.yaml")
        assert choose_script_fonts(zh, load_theme("classic")) == {"ea": "Noto Sans CJK SC"}

    def it_measures_a_cjk_character_a_full_em_wide_not_at_the_missing_glyph_width(self):
        m = Measure(load_theme("classic"), {"ea": "Noto Sans CJK SC"})
        f = m.faces[("body", False, False)]
        assert m.text_em(f, "中国") == pytest.approx(2.0, abs=0.01)

    def it_breaks_chinese_between_characters_but_never_before_closing_punctuation(self):
        m = Measure(load_theme("classic"), {"ea": "Noto Sans CJK SC"})
        text = "托洛茨基的想法，得到列宁的支持。是将革命输出到整个欧洲。" * 3
        lines = m.wrap(text, 20, 200)
        assert len(lines) > 3
        assert "".join(lines) == text
        assert not any(line[0] in "，。、）」" for line in lines)

    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_names_the_measured_fonts_in_every_run_and_the_html_font_stack(self, tmp_path):
        result = build_deck(CORPUS / "cjk.yaml", tmp_path, ("pptx", "html"))
        assert result.error is None
        xml = slide_xml(tmp_path / "cjk.pptx", 2)
        runs = re.findall(r"<a:rPr[^>]*>.*?</a:rPr>", xml)
        assert runs and all('<a:ea typeface="Noto Sans CJK SC"/>' in r for r in runs)
        assert 'hangingPunct="0"' in xml  # CJK punctuation may not hang past the box
        html = (tmp_path / "cjk.html").read_text(encoding="utf-8")
        assert '--font-body: "Calibri", "Carlito", "Noto Sans CJK SC",' in html

    @pytest.mark.slow
    def it_builds_every_deck_of_the_corpus(self, tmp_path):
        for deck in sorted(CORPUS.glob("*.yaml")):
            result = build_deck(deck, tmp_path, ("pptx", "html"))
            assert result.error is None, f"{deck.name}: {result.error}"


class DescribeRightToLeft:
    @pytest.mark.parametrize("name", ["rtl_ar", "rtl_he"])
    def it_lays_out_paragraphs_right_to_left_in_both_outputs(self, tmp_path, name):
        result = build_deck(CORPUS / f"{name}.yaml", tmp_path, ("pptx", "html"))
        assert result.error is None
        xml = slide_xml(tmp_path / f"{name}.pptx", 2)
        paras = re.findall(r"<a:pPr [^>]*>", xml)
        assert paras and all('rtl="1"' in p for p in paras)
        assert all('algn="r" rtl="1"' in p for p in paras if "marL" in p)
        html = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        assert f'<html lang="{name[4:]}" dir="rtl" class="no-js">' in html

    def it_follows_an_explicit_direction_over_the_language(self, tmp_path):
        ltr = load_deck(write(tmp_path, "title: T\nlanguage: ar\ndirection: ltr\nslides:\n"
                                        "  - title: S\n"))
        rtl = load_deck(write(tmp_path, "title: T\ndirection: rtl\nslides:\n  - title: S\n",
                              "b.yaml"))
        assert (ltr.rtl, rtl.rtl, load_deck(CORPUS / "rtl_he.yaml").rtl) == (False, True, True)

    def it_names_the_valid_directions(self, tmp_path):
        path = write(tmp_path, "title: T\ndirection: rlt\nslides:\n  - title: S\n")
        assert problems_of(path) == [
            f"{path}:2:12: 'direction' must be one of 'ltr', 'rtl'; got 'rlt'; did you mean "
            "'rtl'?"]


class DescribeMarkup:
    @pytest.mark.slow  # over a fifth of a second: the full suite only
    def it_reads_three_stars_as_bold_italic_and_a_backslash_star_as_a_star(self, tmp_path):
        result = build_deck(CORPUS / "markup.yaml", tmp_path, ("pptx",))
        assert result.error is None
        xml = slide_xml(tmp_path / "markup.pptx", 2)
        assert re.search(r'<a:rPr sz="\d+" b="1" i="1" lang="en">.*?<a:t>Bold and italic</a:t>',
                         xml)
        texts = "".join(re.findall(r"<a:t>([^<]*)</a:t>", xml))
        assert "A literal *star* and a literal **double**" in texts

    def it_keeps_the_italics_of_a_quote_split_over_slides(self):
        layout = lay_out(load_deck(CORPUS / "markup.yaml"), load_theme("classic"))
        pages = [p for p in layout.pages if p.source and p.source.title == "A long italic quote"]
        assert len(pages) >= 2
        from generator.source import inline
        for page in pages:
            for para in page.body.paras:
                spans = [s for s in inline.parse(para.text) if s.text.strip()]
                assert spans and all(s.italic for s in spans), para.text[:60]


class DescribeNoTextEverCut:
    def it_refuses_a_caption_too_long_for_its_picture(self, tmp_path):
        (tmp_path / "map.png").write_bytes((CORPUS.parent / "img" / "map.png").read_bytes())
        caption = " ".join(["A very long caption that goes on and on."] * 120)
        path = write(tmp_path, f"title: T\nslides:\n  - title: Map\n    image: map.png\n"
                               f"    alt: A map of Europe\n    caption: {caption}\n")
        deck = load_deck(path)
        with pytest.raises(SourceError) as err:
            lay_out(deck, theme_for(deck))
        assert str(err.value.problems[0]).startswith(
            f"{path}:4:12: slide 1 'Map': the caption is too long to fit under its picture")

    def it_lets_the_html_footer_wrap_instead_of_clipping_it(self, tmp_path):
        deck = load_deck(CORPUS / "captions.yaml")
        html = render_html(lay_out(deck, theme_for(deck)))
        rule = re.search(r"\.footer, \.number \{(.*?)\}", html, re.S).group(1)
        assert "overflow" not in rule and "nowrap" not in rule and "ellipsis" not in rule


class DescribeYamlHabits:
    def it_warns_when_text_after_a_hash_was_dropped_as_a_comment(self, tmp_path):
        path = write(tmp_path, "title: Lecture #7\nslides:\n  - title: Stalin   # a comment\n"
                               "    bullets:\n      - Stalin was the #1 decision maker\n")
        findings = [str(f) for f in check_deck(path, NO_SPELLING)]
        assert findings == [
            f"{path}:1:16: warning: text after ' #' is a YAML comment and was dropped ('#7'); "
            "if it belongs to the text, put the text in double quotes: \"Lecture #7\" "
            "[yaml-text]",
            f"{path}:5:24: warning: text after ' #' is a YAML comment and was dropped "
            "('#1 decision maker'); if it belongs to the text, put the text in double quotes: "
            "\"Stalin was the #1 decision maker\" [yaml-text]"]

    def it_refuses_the_bare_tag_that_would_eat_an_exclamation_mark(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: S\n    bullets:\n"
                               "      - ! important point\n")
        assert problems_of(path) == [
            f"{path}:5:9: a '!' at the start of unquoted text is a YAML tag and "
            "would be dropped; put the text in double quotes: \"! important point\""]

    @pytest.mark.parametrize("line,quoted", [
        ("- *italic* first", '- "*italic* first"'),
        ("- **bold** first", '- "**bold** first"'),
        ("- [link](https://x.org) first", '- "[link](https://x.org) first"'),
        ("- `code` first", '- "`code` first"'),
        ('- "quoted" and more', '- "\\"quoted\\" and more"'),
        ("- | after", '- "| after"'),
        ("- > after", '- "> after"'),
        ("- % of votes", '- "% of votes"'),
        ("- @handle", '- "@handle"'),
        ("- Stalin: the man: more", '- "Stalin: the man: more"'),
    ])
    def it_says_to_quote_text_that_yaml_misread(self, tmp_path, line, quoted):
        path = write(tmp_path, f"title: T\nslides:\n  - title: S\n    bullets:\n      {line}\n")
        message = problems_of(path)[0]
        assert message.endswith(f"; if this is text, put it in double quotes: {quoted}")

    def it_says_to_quote_a_title_with_a_colon(self, tmp_path):
        path = write(tmp_path, "title: T\nslides:\n  - title: Stalin: the man\n")
        assert problems_of(path) == [
            f"{path}:3:18: YAML syntax error: mapping values are not allowed in this context; "
            "if this is text, put it in double quotes: - title: \"Stalin: the man\""]


CLIPPED_FOOTERS = """() => [...document.querySelectorAll('.slide.is-current .footer')]
  .filter(f => f.scrollHeight > f.clientHeight + 1 || f.scrollWidth > f.clientWidth + 1)
  .map(f => f.textContent.trim().slice(0, 60))"""


class DescribeTheCorpusInChromium:
    @pytest.mark.parametrize("width,height", [(1280, 720), (1920, 1080), (1024, 768)])
    def it_shows_every_slide_without_overflow_or_the_shrink_fallback(
            self, browser_context, tmp_path_factory, width, height):
        from test_browser import FITTED_FRAMES, OVERFLOWING_FRAMES

        out = tmp_path_factory.mktemp("corpus-html")
        page = browser_context.new_page()
        page.set_viewport_size({"width": width, "height": height})
        problems = []
        for deck in sorted(CORPUS.glob("*.yaml")):
            result = build_deck(deck, out, ("html",))
            assert result.error is None
            page.goto((out / f"{deck.stem}.html").as_uri())
            page.evaluate("document.fonts.ready")
            for number in range(1, result.slides + 1):
                show_slide(page, number)
                for script, what in ((OVERFLOWING_FRAMES, "overflows"),
                                     (FITTED_FRAMES, "needed the shrink fallback"),
                                     (CLIPPED_FOOTERS, "clips its footer")):
                    problems += [f"{deck.stem} slide {number} {what}: {x}"
                                 for x in page.evaluate(script)]
        assert problems == []


def test_every_yaml_example_in_the_text_doc_page_builds(tmp_path):
    doc = (Path(__file__).resolve().parent.parent / "docs" / "text.md").read_text("utf-8")
    examples = re.findall(r"```yaml\n(.*?)```", doc, re.S)
    assert len(examples) == 6
    for number, example in enumerate(examples):
        path = write(tmp_path, example, f"example{number}.yaml")
        result = build_deck(path, tmp_path / "out", ("pptx", "html"))
        assert result.error is None, f"example {number}: {result.error}"


def test_the_quote_hint_shown_in_the_text_doc_page_is_the_real_one(tmp_path):
    path = write(tmp_path, "title: x\nslides:\n  - title: y\n    bullets:\n"
                           "      - *italic* is nice\n")
    assert problems_of(path)[0].endswith(
        '; if this is text, put it in double quotes: - "*italic* is nice"')


def test_a_bullet_that_swallowed_its_sub_bullets_is_a_warning(tmp_path):
    path = write(tmp_path, "title: x\nslides:\n  - title: y\n    bullets:\n"
                           "      - 为此，俄国需要：\n          - 准备战争的时间\n")
    assert [str(f) for f in check_deck(path, NO_SPELLING)] == [
        f"{path}:5:9: warning: this text goes on over lines that start with '- ', which YAML "
        "joined into it; for sub-bullets end the bullet with ':' (\"- Text:\" followed by the "
        "indented list) [yaml-text]"]


def test_line_breaks_come_back_from_a_pptx_as_line_breaks(tmp_path):
    from generator.importer import import_file

    assert build_deck(CORPUS / "breaks.yaml", tmp_path, ("pptx",)).error is None
    import_file(tmp_path / "breaks.pptx", tmp_path / "back.yaml")
    yaml_text = (tmp_path / "back.yaml").read_text(encoding="utf-8")
    assert '  - title: |-\n      A title\n      on two lines\n' in yaml_text
    assert '      - "Sub-bullet parent\\non two lines:":\n          - child one\n' in yaml_text
    back = load_deck(tmp_path / "back.yaml")
    assert back.slides[0].title == "A title\non two lines"
    assert [b.text for b in back.slides[0].blocks[2].items] == [
        "A bullet written as a literal block\nkeeps its line break",
        "Escaped breaks\nin a quoted bullet\nand a paragraph separator",
        "A folded bullet folds into one line", "Sub-bullet parent\non two lines:"]
