"""The HTML player's accessibility (axe-core, run inside Chromium) and its chrome: the control
bar, the counter, overview numbers, presenter timer labels and reduced motion."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import axe_violations, laid_out_html, wait_for, watched_context

from generator.themes.theme import builtin_themes

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
TEST_DECKS = sorted((ROOT / "tests" / "decks").glob("*.yaml")) + sorted(
    (ROOT / "tests" / "decks" / "text").glob("*.yaml"))
# 30 minutes: part I has 10 of them, the title slide and part II share the other 20 by their
# slides (1 and 3): the title 05:00, part I 10:00, part II 15:00.
SECTIONS = """title: Paced
language: en
duration: 30
slides:
  - {layout: section, title: Part I, duration: 10}
  - {title: One, bullets: [a]}
  - {layout: section, title: Part II}
  - {title: Two, bullets: [b]}
  - {title: Three, bullets: [c]}
"""


def _write(deck_path: Path, theme: str | None, folder: Path) -> str:
    return laid_out_html(deck_path, folder, theme)[1]


@pytest.fixture
def axe_context(browser):
    """``browser_context`` with the deck's Content-Security-Policy set aside: axe-core is added
    to the page as a script and compiles its messages with ``new Function``, both of which the
    policy refuses (the player itself runs under it: test_browser_csp.py)."""
    yield from watched_context(browser, bypass_csp=True)


@pytest.fixture(scope="module")
def lecture_url(tmp_path_factory) -> str:
    return _write(LECTURE, None, tmp_path_factory.mktemp("a11y"))


@pytest.fixture
def page(browser_context, lecture_url):
    page = browser_context.new_page()
    page.goto(lecture_url)
    return page


def _current(page) -> int:
    return int(page.locator(".slide.is-current").get_attribute("data-number"))


class DescribeAxe:
    @pytest.mark.parametrize("theme", sorted(builtin_themes()))
    def it_finds_no_violation_in_the_lecture_and_the_test_decks(self, theme, axe_context,
                                                               axe_source, tmp_path):
        page = axe_context.new_page()
        found = {}
        for deck in [LECTURE, *TEST_DECKS]:
            # A deck that paints a slide's own background (blocks.yaml) chose it for its own
            # theme: in another, the build refuses it for contrast (tested in test_blocks.py).
            own = "background:" in deck.read_text(encoding="utf-8")
            page.goto(_write(deck, None if own else theme, tmp_path))
            if deck == LECTURE:
                found[f"{deck.stem} slide 1"] = axe_violations(page, axe_source)
            page.keyboard.press("o")  # the overview shows every slide (and the controls)
            found[f"{deck.stem} overview"] = axe_violations(page, axe_source)
        assert {k: v for k, v in found.items() if v} == {}

    @pytest.mark.parametrize("theme", sorted(builtin_themes()))
    def it_finds_none_in_the_help_and_the_presenter_view(self, theme, axe_context,
                                                        axe_source, tmp_path):
        page = axe_context.new_page()
        url = _write(ROOT / "tests" / "decks" / "timed.yaml", theme, tmp_path)
        page.goto(url + "#2")
        page.keyboard.press("?")
        assert page.locator(".backdrop").is_visible()
        help_open = axe_violations(page, axe_source)
        page.goto(url.replace(".html", ".html?presenter") + "#2")
        assert {"help": help_open, "presenter": axe_violations(page, axe_source)} == {
            "help": [], "presenter": []}


class DescribeScreenReaderSupport:
    def it_never_uses_role_application(self, page):
        assert page.locator("[role=application]").count() == 0

    def it_hides_off_screen_slides_from_the_tab_order_and_screen_readers(self, page):
        page.keyboard.press("ArrowRight")
        states = page.evaluate("""() => [...document.querySelectorAll('.slide')].map(s =>
            [s.dataset.number, s.inert, s.getAttribute('aria-hidden')])""")
        assert [s for s in states if s[0] == "2"] == [["2", False, "false"]]
        assert all(s[1:] == [True, "true"] for s in states if s[0] != "2")

    def it_announces_the_slide_and_focuses_its_heading(self, page):
        page.keyboard.press("ArrowRight")
        title = page.locator("#slide-2 h2").inner_text().strip()
        total = page.locator(".slide").count()
        assert page.locator(".sr-status").inner_text() == f"Slide 2 of {total}: {title}"
        assert page.evaluate("document.activeElement.closest('.slide').id") == "slide-2"
        assert page.evaluate("document.activeElement.tagName") == "H2"

    def it_has_a_skip_link_to_the_current_slide(self, browser_context, lecture_url):
        page = browser_context.new_page()
        page.goto(lecture_url + "#4")
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Skip to the current slide"
        page.keyboard.press("Enter")
        assert page.evaluate("document.activeElement.closest('.slide').id") == "slide-4"


class DescribeTheControlBar:
    def it_moves_with_clicks_and_counts_slides(self, page):
        total = page.locator(".slide").count()
        assert page.locator(".controls__counter").inner_text() == f"1 / {total}"
        page.get_by_role("button", name="Next").click()
        page.get_by_role("button", name="Next").click()
        assert (_current(page), page.locator(".controls__counter").inner_text()) == (
            3, f"3 / {total}")
        page.get_by_role("button", name="Previous").click()
        assert _current(page) == 2
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == "Previous"

    def it_opens_the_overview_and_the_help(self, page):
        page.get_by_role("button", name="Overview").click()
        assert "overview" in page.evaluate("document.documentElement.className")
        page.get_by_role("button", name="Overview").click()
        assert "overview" not in page.evaluate("document.documentElement.className")
        page.get_by_role("button", name="Keyboard shortcuts").click()
        assert page.locator("#deck-help").is_visible() and page.locator(".backdrop").is_visible()
        page.locator(".backdrop").click(position={"x": 5, "y": 5})
        assert not page.locator("#deck-help").is_visible()

    def it_opens_the_presenter_view(self, page):
        with page.expect_popup() as popup:
            page.get_by_role("button", name="Presenter view").click()
        assert "presenter" in popup.value.url

    def it_fades_when_idle_and_returns_on_a_move(self, page):
        page.mouse.move(100, 100)
        wait_for(page, "document.documentElement.classList.contains('chrome-idle') && "
                 "getComputedStyle(document.querySelector('.controls')).opacity === '0'",
                 timeout=5)
        page.mouse.move(300, 300)
        assert not page.evaluate("document.documentElement.classList.contains('chrome-idle')")

    def it_works_by_touch(self, browser, lecture_url):
        context = browser.new_context(viewport={"width": 800, "height": 600}, has_touch=True,
                                      is_mobile=True)
        try:
            page = context.new_page()
            page.goto(lecture_url)
            page.locator("[data-action=next]").tap()
            assert _current(page) == 2
            box = page.locator(".controls__button").first.bounding_box()
            assert (box["width"], box["height"]) == (44, 44)  # a comfortable touch target
            swipe = """(dx) => {
              const deck = document.getElementById('deck');
              const at = (x) => [new Touch({identifier: 1, target: deck, clientX: x,
                                            clientY: 300})];
              deck.dispatchEvent(new TouchEvent('touchstart', {touches: at(400),
                changedTouches: at(400), bubbles: true}));
              deck.dispatchEvent(new TouchEvent('touchend', {touches: [],
                changedTouches: at(400 + dx), bubbles: true, cancelable: true}));
            }"""
            page.evaluate(swipe, -200)
            assert _current(page) == 3
            page.evaluate(swipe, 200)
            assert _current(page) == 2
        finally:
            context.close()


class DescribeTheOverview:
    def it_numbers_every_thumbnail_and_dims_none(self, page):
        page.goto(page.url.split("#")[0] + "#3")
        page.keyboard.press("o")
        marks = page.evaluate("""() => [...document.querySelectorAll('.slide')].map(s =>
            [getComputedStyle(s, '::after').content, getComputedStyle(s).opacity])""")
        assert marks == [[f'"{n}"', "1"] for n in range(1, len(marks) + 1)]
        current = page.locator(".slide.is-current")
        assert current.get_attribute("aria-current") == "true"
        assert current.get_attribute("data-number") == "3"
        assert page.evaluate("getComputedStyle(document.querySelector('.slide.is-current'))"
                             ".outlineStyle") == "solid"


class DescribeThePresenterTimer:
    def it_labels_elapsed_time_and_time_of_day(self, page, lecture_url):
        page.goto(lecture_url + "?presenter#1")
        labels = page.locator(".presenter__time:visible .presenter__label").all_text_contents()
        assert [label.strip() for label in labels] == ["Elapsed", "Time of day"]
        assert page.locator(".presenter__time--remaining").is_hidden()
        assert page.get_by_role("button", name="Elapsed 00:00:00").is_visible()

    def it_shows_remaining_time_and_pace_with_a_duration(self, browser_context, tmp_path):
        page = browser_context.new_page()
        page.clock.install()
        page.goto(_write(ROOT / "tests" / "decks" / "timed.yaml", None, tmp_path)
                  + "?presenter#1")
        labels = page.locator(".presenter__time:visible .presenter__label").all_text_contents()
        assert [label.strip() for label in labels] == ["Elapsed", "Remaining", "Pace",
                                                       "Time of day"]
        page.clock.run_for(90_000)
        assert page.locator(".presenter__remaining").inner_text() == "08:30"
        assert page.locator(".presenter__pace").inner_text() == "01:30 behind"

    def it_paces_each_section_by_its_own_duration(self, browser_context, tmp_path):
        deck = tmp_path / "sections.yaml"
        deck.write_text(SECTIONS, encoding="utf-8")
        page = browser_context.new_page()
        page.clock.install()
        page.goto(_write(deck, None, tmp_path) + "?presenter#4")  # part II starts at 15:00
        page.clock.run_for(600_000)
        assert (page.locator(".presenter__remaining").inner_text(),
                page.locator(".presenter__pace").inner_text()) == ("20:00", "05:00 ahead")
        page.keyboard.press("ArrowLeft")  # part I's second slide should start at 10:00
        assert page.locator(".presenter__pace").inner_text() == "on time"
        page.keyboard.press("ArrowLeft")  # part I itself at 05:00
        assert page.locator(".presenter__pace").inner_text() == "05:00 behind"

    def it_scales_the_notes(self, page, lecture_url):
        page.goto(lecture_url + "?presenter#2")
        notes = page.locator(".presenter__notes")
        before = notes.evaluate("n => parseFloat(getComputedStyle(n).fontSize)")
        page.get_by_role("button", name="Larger").click()
        page.keyboard.press("+")
        after = notes.evaluate("n => parseFloat(getComputedStyle(n).fontSize)")
        assert (before, round(after, 2)) == (22, round(22 * 1.15 ** 2, 2))
        page.get_by_role("button", name="Smaller").click()
        assert notes.evaluate("n => parseFloat(getComputedStyle(n).fontSize)") == 25.3


class DescribeRevealedSlides:
    def it_dims_nothing_when_every_step_shows(self, browser_context, tmp_path):
        page = browser_context.new_page()
        page.goto(_write(ROOT / "tests" / "decks" / "reveal.yaml", None, tmp_path) + "#3.3")
        opacities = """() => Array.from(document.querySelectorAll(
            '.slide.is-current [data-step]')).map(e => getComputedStyle(e).opacity)"""
        assert page.evaluate(opacities) == ["0.4", "0.4", "1"]  # the last click: earlier dimmed
        page.keyboard.press("a")
        assert page.evaluate(opacities) == ["1", "1", "1"]


class DescribeReducedMotion:
    @pytest.mark.parametrize("motion, animation, transition", [
        ("no-preference", "deck-fade-in", "0.4s"), ("reduce", "none", "0s")])
    def it_animates_only_when_motion_is_welcome(self, browser, lecture_url, motion, animation,
                                                transition):
        context = browser.new_context(reduced_motion=motion)
        try:
            page = context.new_page()
            page.goto(lecture_url)
            page.keyboard.press("ArrowRight")
            styles = page.evaluate("""() => [
              getComputedStyle(document.querySelector('.slide.is-current')).animationName,
              getComputedStyle(document.querySelector('.controls')).transitionDuration]""")
            assert styles == [animation, transition]
        finally:
            context.close()


def test_the_axe_checks_see_a_real_violation(axe_context, axe_source, tmp_path):
    """The axe run is not vacuous: a slide with grey-on-white text is reported."""
    page = axe_context.new_page()
    page.goto(_write(LECTURE, None, tmp_path) + "#2")
    page.evaluate("document.querySelector('#slide-2 h2').style.color = '#d0d0d0'")
    assert [v.split(" ")[0] for v in axe_violations(page, axe_source)] == ["color-contrast"]
    assert json.dumps(axe_violations(page, axe_source)).count("color-contrast") == 1
