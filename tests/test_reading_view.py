"""The reading view for phones (templates/html/reading.css): below 600 CSS px the HTML deck is a
page to scroll, with no sideways scrolling at 320 px, text at 16 px or more, every word and
every notes word there, notes behind a real button, and no axe-core violation, in every
built-in theme (WCAG 2.1, 1.4.10 Reflow)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import axe_violations, laid_out_html, open_deck, watched_context

from generator.layout.engine import lay_out
from generator.layout.measure import note_paragraphs
from generator.layout.page import CodeFrame, TableFrame, TextFrame, TimelineFrame
from generator.source import inline
from generator.source.reader import load_deck
from generator.themes.theme import builtin_themes

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
DECKS = ROOT / "tests" / "decks"
PHONES = [(320, 640), (390, 844)]
WIDE_TABLE = """title: A wide table
slides:
  - title: Treaties
    table:
      header: [Treaty, Year, Partner, Signed in, Duration, Outcome, Secret protocol]
      rows:
        - [Rapallo, "1922", Weimar Germany, Rapallo, open-ended, normal relations, none]
        - [Berlin, "1926", Weimar Germany, Berlin, five years, neutrality, none]
    notes: Read the table row by row.
"""

# Every visible text node's font size (px), leaving out what is smaller by design: a
# formula's scripts and sub- and superscripts.
SMALLEST_TEXT = """() => {
  const walk = document.createTreeWalker(document.querySelector('.deck'), NodeFilter.SHOW_TEXT);
  let smallest = Infinity, where = '';
  for (let node = walk.nextNode(); node; node = walk.nextNode()) {
    const el = node.parentElement;
    if (!node.textContent.trim() || el.closest('math, sub, sup')) continue;
    if (!el.getClientRects().length || getComputedStyle(el).visibility !== 'visible') continue;
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < smallest) { smallest = size; where = node.textContent.trim().slice(0, 40); }
  }
  return [smallest, where];
}"""
EXPAND_NOTES = """() => {
  const toggles = [...document.querySelectorAll('.notes-toggle')];
  toggles.forEach(b => b.click());
  return toggles.length;
}"""


def _words(layout) -> tuple[set[str], set[str]]:
    """The words of every page's text (titles, frames, tables, code, timelines, source lines)
    and of its notes, as a reader sees them (markup removed, formulas left out)."""
    def plain(text: str) -> list[str]:
        return " ".join(s.text for s in inline.parse(text) if not s.math).split()

    text, notes = set(), set()
    for page in layout.pages:
        if page.hidden:
            continue
        frames = [page.title, *page.frames, *([page.source_line] if page.source_line else [])]
        for frame in frames:
            if isinstance(frame, TextFrame):
                text.update(w for p in frame.paras if not p.display for w in plain(p.text))
            elif isinstance(frame, TableFrame):
                text.update(w for row in (frame.header, *frame.rows) for c in row
                            for w in plain(c))
            elif isinstance(frame, CodeFrame):
                text.update(w for line in frame.lines for w in line.text.split())
            elif isinstance(frame, TimelineFrame):
                text.update(w for f in (*frame.dates, *frame.labels) for p in f.paras
                            for w in plain(p.text))
        notes.update(w for p in note_paragraphs(page.notes) for w in plain(p))
    return text, notes


@pytest.fixture
def axe_context(browser):
    """A watched browser context with the deck's Content-Security-Policy set aside, for
    axe-core (as in test_browser_a11y.py); the player runs under it everywhere else."""
    yield from watched_context(browser, bypass_csp=True)


@pytest.fixture(scope="module")
def decks(tmp_path_factory):
    """The lecture and the composed-blocks deck laid out and written in every built-in theme."""
    folder = tmp_path_factory.mktemp("reading")
    return {(deck.stem, theme): laid_out_html(deck, folder, theme)
            for deck in (LECTURE, DECKS / "composed.yaml") for theme in sorted(builtin_themes())}


class DescribeTheReadingView:
    @pytest.mark.parametrize("theme", sorted(builtin_themes()))
    def it_reflows_every_slide_readably_at_phone_widths(self, theme, decks, axe_context,
                                                        axe_source):
        found = {}
        for name in ("soviet_foreign_policy", "composed"):
            layout, url = decks[(name, theme)]
            words, note_words = _words(layout)
            for width, height in PHONES:
                page = open_deck(axe_context, url, width, height)
                overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
                smallest, where = page.evaluate(SMALLEST_TEXT)
                shown = set(page.locator(".deck").inner_text().split())
                hidden_notes = note_words - shown
                page.evaluate(EXPAND_NOTES)
                after = set(page.locator(".deck").inner_text().split())
                found[(name, width)] = {
                    "sideways": overflow,
                    "small text": (smallest, where) if smallest < 16 else None,
                    "missing words": sorted(words - after),
                    "notes hidden at first": bool(hidden_notes) or not note_words,
                    "missing notes words": sorted(note_words - after),
                    "axe": axe_violations(page, axe_source),
                }
                page.close()
        expected = {"sideways": 0, "small text": None, "missing words": [],
                    "notes hidden at first": True, "missing notes words": [], "axe": []}
        assert {k: v for k, v in found.items() if v != expected} == {}

    def it_shows_every_reveal_step(self, browser_context, tmp_path):
        _, url = laid_out_html(DECKS / "reveal.yaml", tmp_path)
        page = open_deck(browser_context, url, 390, 844)
        states = page.evaluate("""() => [...document.querySelectorAll('[data-step]')].map(e =>
            [getComputedStyle(e).visibility, getComputedStyle(e).opacity])""")
        assert states and set(map(tuple, states)) == {("visible", "1")}

    def it_scales_pictures_to_the_width(self, decks, browser_context):
        _, url = decks[("composed", "classic")]
        page = open_deck(browser_context, url, 320, 640)
        widths = page.evaluate("""() => [...document.querySelectorAll('.picture')].map(p =>
            [p.getBoundingClientRect().width, p.closest('.slide__canvas').clientWidth,
             p.naturalWidth / p.naturalHeight, p.clientWidth / p.clientHeight])""")
        assert widths and all(w <= room + 0.5 and abs(a - b) < 0.02 for w, room, a, b in widths)

    def it_shows_a_split_comparisons_lead_once_over_its_joined_pages(self, decks,
                                                                    browser_context):
        _, url = decks[("soviet_foreign_policy", "contrast")]  # the comparison takes 3 pages
        page = open_deck(browser_context, url, 390, 844)
        leads = page.locator(".frame--lead", has_text="In other words")
        assert (leads.count(), [leads.nth(i).is_visible() for i in range(leads.count())]) == (
            3, [True, False, False])
        assert page.get_by_text("PRO PLAN").count() == 3  # each page's columns keep theirs

    def it_scrolls_a_wide_table_inside_its_own_box(self, browser_context, tmp_path):
        deck = tmp_path / "wide.yaml"
        deck.write_text(WIDE_TABLE, encoding="utf-8")
        _, url = laid_out_html(deck, tmp_path)
        page = open_deck(browser_context, url, 320, 640)
        box = page.evaluate("""() => { const t = document.querySelector('.frame--table');
            return [t.scrollWidth > t.clientWidth, t.getAttribute('tabindex'),
                    document.documentElement.scrollWidth - innerWidth]; }""")
        assert box == [True, "0", 0]  # scrolls itself, reachable by keyboard; the page does not


    @pytest.mark.parametrize("name", ["on_poi_bug60715", "on_poi_ececapstonespring2012",
                                      "on_office2010_default"])
    def it_reflows_a_deck_on_a_template_without_its_stage_art(self, name, axe_context,
                                                              axe_source, tmp_path):
        # the layouts' shapes stay on the stage; a picture background becomes its mean colour
        layout, url = laid_out_html(ROOT / "tests" / "templates" / f"{name}.yaml", tmp_path)
        words, _ = _words(layout)
        page = open_deck(axe_context, url, 390, 844)
        page.evaluate(EXPAND_NOTES)
        found = {
            "sideways": page.evaluate("document.documentElement.scrollWidth - innerWidth"),
            "small text": page.evaluate(SMALLEST_TEXT)[0] >= 16,
            "missing words": sorted(words - set(page.locator(".deck").inner_text().split())),
            "art shown": page.evaluate("""() => [...document.querySelectorAll('.layout-art')]
                .some(a => a.getClientRects().length > 0)"""),
            "pictures behind text": page.evaluate("""() => [...document.querySelectorAll(
                '.slide__canvas')].map(c => getComputedStyle(c).backgroundImage)
                .filter(b => b.includes('url(')).length"""),
            "axe": axe_violations(page, axe_source),
        }
        assert found == {"sideways": 0, "small text": True, "missing words": [],
                         "art shown": False, "pictures behind text": 0, "axe": []}


def test_titles_stay_large_text_only_where_a_colour_reads_only_as_large_text():
    from generator.html.render import large_text_only
    from generator.themes.theme import theme_for

    lecture = load_deck(LECTURE)
    on_template = {}
    for name in ("on_office2010_default", "on_poi_bug60715", "on_md2pptx_Martin_Template"):
        deck = load_deck(ROOT / "tests" / "templates" / f"{name}.yaml")
        on_template[name] = large_text_only(lay_out(deck, theme_for(deck)).theme)
    assert {t: large_text_only(theme_for(lecture, t)) for t in builtin_themes()} == dict.fromkeys(
        builtin_themes(), False)  # every pair at 4.5:1: the deck's own scale on a phone
    assert on_template == {"on_office2010_default": True, "on_poi_bug60715": True,
                           "on_md2pptx_Martin_Template": False}  # subtitles at 3.5 and 4.0:1


class DescribeTheNotesButton:
    def it_is_a_real_button_that_shows_and_hides_the_notes(self, decks, browser_context):
        _, url = decks[("soviet_foreign_policy", "classic")]
        page = open_deck(browser_context, url, 390, 844)
        button = page.get_by_role("button", name="Speaker notes").first
        notes_id = button.get_attribute("aria-controls")
        notes = page.locator(f"#{notes_id}")
        assert (button.get_attribute("aria-expanded"), notes.is_visible()) == ("false", False)
        button.focus()
        page.keyboard.press("Enter")
        assert (button.get_attribute("aria-expanded"), notes.is_visible()) == ("true", True)
        page.keyboard.press(" ")
        assert (button.get_attribute("aria-expanded"), notes.is_visible()) == ("false", False)

    def it_shows_the_notes_without_javascript(self, browser, decks):
        _, url = decks[("soviet_foreign_policy", "classic")]
        context = browser.new_context(viewport={"width": 390, "height": 844},
                                      java_script_enabled=False)
        try:
            page = context.new_page()
            page.goto(url)
            assert page.evaluate("document.documentElement.scrollWidth - innerWidth") == 0
            assert page.locator(".notes").first.is_visible()
            assert not page.locator(".notes-toggle").first.is_visible()
        finally:
            context.close()


class DescribeTheSlideView:
    def it_stays_for_anyone_who_asks_for_it(self, decks, browser_context):
        _, url = decks[("soviet_foreign_policy", "classic")]
        page = open_deck(browser_context, url, 320, 640)
        assert page.locator(".slide:visible").count() > 1  # the reading view: every slide
        page.get_by_role("button", name="Slide view").click()
        assert page.locator(".slide:visible").count() == 1
        assert page.evaluate("""() => { const bar = document.querySelector('.controls')
            .getBoundingClientRect(); return [document.documentElement.scrollWidth - innerWidth,
            bar.left >= 0 && bar.right <= innerWidth]; }""") == [0, True]
        page.get_by_role("button", name="Reading view").click()
        assert page.locator(".slide:visible").count() > 1
        page.goto(url + "?view=slides")
        assert page.locator(".slide:visible").count() == 1

    def it_keeps_the_stage_on_a_wide_screen(self, decks, browser_context):
        _, url = decks[("soviet_foreign_policy", "classic")]
        page = open_deck(browser_context, url, 1280, 720)
        assert page.locator(".slide:visible").count() == 1
        assert not page.get_by_role("button", name="Slide view").is_visible()

    def it_opens_the_slide_the_reader_had_reached(self, decks, browser_context):
        _, url = decks[("soviet_foreign_policy", "classic")]
        page = open_deck(browser_context, url, 390, 844)
        page.locator("#slide-5").scroll_into_view_if_needed()
        page.evaluate("document.querySelector('#slide-5').scrollIntoView()")
        page.get_by_role("button", name="Slide view").click()
        assert page.locator(".slide.is-current").get_attribute("id") == "slide-5"


def test_an_arabic_deck_reflows_right_to_left(axe_context, axe_source, tmp_path):
    _, url = laid_out_html(DECKS / "text" / "rtl_blocks.yaml", tmp_path)
    page = open_deck(axe_context, url, 320, 640)
    assert page.evaluate("document.documentElement.scrollWidth - innerWidth") == 0
    assert page.evaluate("getComputedStyle(document.querySelector('.frame--code')).direction"
                         ) == "ltr"
    assert axe_violations(page, axe_source) == []
