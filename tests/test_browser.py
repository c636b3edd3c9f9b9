"""The real lecture's HTML deck driven in Debian's Chromium from file:// (Playwright)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import laid_out_html, open_deck, show_slide, wait_for

from generator.layout.page import DeckLayout

ROOT = Path(__file__).resolve().parent.parent
LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
VIEWPORTS = [(1280, 720), (1920, 1080), (1024, 768)]

OVERFLOWING_FRAMES = """() => [...document.querySelectorAll('.slide.is-current .frame')]
  .filter(f => f.scrollHeight > f.clientHeight + 1 || f.scrollWidth > f.clientWidth + 1)
  .map(f => f.className + ': ' + f.textContent.trim().slice(0, 60))"""
FITTED_FRAMES = """() => [...document.querySelectorAll('.slide.is-current .frame[data-fitted]')]
  .map(f => f.className + ' shrunk to ' + f.dataset.fitted)"""


def unfitted_frames(browser_context, deck: Path, folder: Path) -> list[tuple[int, str]]:
    """``(slide, frame)`` for every frame of ``deck``'s HTML, at 1280 x 720, that overflows its
    box or needed the player's shrink-to-fit."""
    layout, url = laid_out_html(deck, folder)
    page = open_deck(browser_context, url, 1280, 720)
    problems = []
    for number in range(1, len(layout.pages) + 1):
        show_slide(page, number)
        problems += [(number, f) for f in page.evaluate(OVERFLOWING_FRAMES)]
        problems += [(number, f) for f in page.evaluate(FITTED_FRAMES)]
    return problems


class DescribeTheAudienceView:
    def it_shows_every_layout_page_as_a_slide_with_its_title(self, deck_page, lecture):
        assert deck_page.locator("#deck > section.slide").count() == len(lecture.pages)
        titles = deck_page.eval_on_selector_all(
            "#deck > section.slide", "els => els.map(s => s.querySelector('h1, h2').textContent)")
        assert [t.strip() for t in titles] == [p.title_text for p in lecture.pages]

    def it_moves_with_the_keyboard(self, deck_page, lecture):
        last = len(lecture.pages)
        steps = [("ArrowRight", 2), ("Space", 3), ("PageDown", 4), ("ArrowDown", 5),
                 ("ArrowLeft", 4), ("PageUp", 3), ("Shift+Space", 2), ("End", last),
                 ("ArrowRight", last), ("Home", 1), ("ArrowLeft", 1)]
        for key, number in steps:
            deck_page.keyboard.press(key)
            assert _current(deck_page) == number, key
            assert deck_page.evaluate("location.hash") == f"#{number}"

    def it_moves_with_clicks_on_the_sides(self, deck_page):
        deck_page.mouse.click(1100, 360)
        assert _current(deck_page) == 2
        deck_page.mouse.click(100, 360)
        assert _current(deck_page) == 1

    def it_opens_a_deep_link_and_keeps_it_on_reload(self, deck_page, lecture_url):
        deck_page.goto(lecture_url + "#5")
        assert _current(deck_page) == 5
        deck_page.keyboard.press("ArrowRight")
        deck_page.reload()
        assert _current(deck_page) == 6
        deck_page.evaluate("location.hash = '#3'")
        wait_for(deck_page, "document.querySelector('.slide.is-current').id === 'slide-3'")

    def it_never_shows_speaker_notes(self, deck_page, lecture):
        for number in range(1, len(lecture.pages) + 1):
            deck_page.keyboard.press("End" if number == len(lecture.pages) else "Home")
            deck_page.goto(deck_page.url.split("#")[0] + f"#{number}")
            notes = deck_page.locator(".slide.is-current aside.notes")
            assert notes.count() == (1 if lecture.pages[number - 1].notes else 0)
            if notes.count():
                assert not notes.is_visible()

    def it_shows_an_overview_and_returns_from_it(self, deck_page, lecture):
        deck_page.keyboard.press("o")
        assert "overview" in deck_page.evaluate("document.documentElement.className")
        visible = deck_page.locator("#deck > section.slide:visible").count()
        assert visible == len(lecture.pages)
        deck_page.keyboard.press("ArrowRight")
        deck_page.keyboard.press("Enter")
        assert "overview" not in deck_page.evaluate("document.documentElement.className")
        assert _current(deck_page) == 2

    def it_prints_one_slide_per_page_and_notes_only_on_request(self, deck_page, lecture_url,
                                                                 lecture):
        deck_page.emulate_media(media="print")
        shown = deck_page.locator("#deck > section.slide:visible").count()
        assert shown == len(lecture.pages)
        assert deck_page.locator("aside.notes:visible").count() == 0
        deck_page.goto(lecture_url + "?notes")
        with_notes = sum(1 for p in lecture.pages if p.notes)
        assert deck_page.locator("aside.notes:visible").count() == with_notes

    @pytest.mark.parametrize("width,height", VIEWPORTS)
    def it_never_overflows_a_text_box(self, browser_context, lecture_url, lecture,
                                      artifacts_dir, width, height):
        page = open_deck(browser_context, lecture_url, width, height)
        overflowing, fitted = [], []
        for number in range(1, len(lecture.pages) + 1):
            show_slide(page, number)
            overflowing += [f"slide {number}: {f}" for f in page.evaluate(OVERFLOWING_FRAMES)]
            fitted += [f"slide {number}: {f}" for f in page.evaluate(FITTED_FRAMES)]
            if width == 1280 and number in (1, 2, 11, len(lecture.pages)):
                page.screenshot(path=str(artifacts_dir / f"html-slide-{number:02d}.png"),
                                animations="disabled")
        assert overflowing == []
        # The browser's line breaks agree with the layout's measurements: no frame needed the
        # player's shrink-to-fit safety net (which exists for viewers without the theme fonts).
        assert fitted == []


    def it_shrinks_a_frame_rather_than_overflow_when_fonts_differ(self, deck_page):
        deck_page.evaluate("""() => {
            const body = document.querySelector('#slide-3 .frame--body');
            body.style.fontFamily = 'DejaVu Serif';
            body.insertAdjacentHTML('beforeend', '<p class="para" style="font-size:calc(28pt *' +
                ' var(--fit, 1))">' + 'A much wider fallback font. '.repeat(8) + '</p>');
        }""")
        deck_page.keyboard.press("End")
        deck_page.evaluate("location.hash = '#3'")
        wait_for(deck_page, "document.querySelector('#slide-3 .frame--body[data-fitted]')")
        assert deck_page.evaluate(OVERFLOWING_FRAMES) == []


class DescribeTheHelp:
    def it_opens_from_the_skip_link_on_the_current_slide(self, deck_page, lecture_url):
        deck_page.goto(lecture_url + "#5")
        deck_page.keyboard.press("Tab")
        assert deck_page.evaluate("document.activeElement.className") == "skip-hint"
        deck_page.keyboard.press("Enter")
        assert deck_page.locator("#deck-help").is_visible()
        assert _current(deck_page) == 5
        assert deck_page.evaluate("location.hash") == "#5"

    def it_opens_from_a_link_to_it_and_keeps_the_slide(self, deck_page, lecture_url):
        deck_page.goto(lecture_url + "#5")
        deck_page.evaluate("location.hash = '#deck-help'")
        wait_for(deck_page, "location.hash === '#5'")
        assert deck_page.locator("#deck-help").is_visible()
        assert _current(deck_page) == 5

    def it_keeps_the_slide_for_a_hash_that_names_no_slide(self, deck_page, lecture_url):
        deck_page.goto(lecture_url + "#5")
        deck_page.evaluate("location.hash = '#abc'")
        wait_for(deck_page, "location.hash === '#5'")
        assert _current(deck_page) == 5
        assert not deck_page.locator("#deck-help").is_visible()

    def it_keeps_the_slides_still_while_open_and_closes_with_esc(self, deck_page, lecture_url):
        deck_page.goto(lecture_url + "#5")
        deck_page.keyboard.press("?")
        for key in ("ArrowRight", "ArrowLeft", "Space", "PageDown", "End", "Home", "n", "o"):
            deck_page.keyboard.press(key)
            assert _current(deck_page) == 5, key
            assert deck_page.locator("#deck-help").is_visible(), key
        assert "overview" not in deck_page.evaluate("document.documentElement.className")
        deck_page.keyboard.press("Escape")
        assert not deck_page.locator("#deck-help").is_visible()
        assert "overview" not in deck_page.evaluate("document.documentElement.className")
        deck_page.keyboard.press("ArrowRight")
        assert _current(deck_page) == 6

    def it_closes_with_its_button_and_gives_the_focus_back(self, deck_page, lecture_url):
        deck_page.goto(lecture_url + "#5")
        deck_page.keyboard.press("Tab")
        deck_page.keyboard.press("Enter")
        deck_page.locator(".help__close").click()
        assert not deck_page.locator("#deck-help").is_visible()
        assert deck_page.evaluate("document.activeElement.className") == "skip-hint"
        assert _current(deck_page) == 5


class DescribeThePresenterView:
    def it_opens_with_notes_and_follows_the_audience(self, deck_page, lecture, artifacts_dir):
        first_notes = next(i for i, p in enumerate(lecture.pages, start=1) if p.notes)
        show_slide(deck_page, first_notes)
        with deck_page.expect_popup() as popup_info:
            deck_page.keyboard.press("s")
        presenter = popup_info.value
        presenter.wait_for_load_state()
        presenter.set_viewport_size({"width": 1280, "height": 800})
        assert "presenter" in presenter.url
        assert presenter.locator(".presenter").is_visible()
        notes = presenter.locator(".presenter__notes")
        wait_for(presenter,  # the notes arrive once the view has synced its slide
                 "document.querySelector('.presenter__notes').innerText.trim().length > 0")
        expected = " ".join(lecture.pages[first_notes - 1].notes.split())
        assert " ".join(notes.inner_text().split()) == expected
        assert presenter.locator(".slide.is-current").get_attribute("id") == (
            f"slide-{first_notes}")
        assert presenter.locator(".slide.is-next").is_visible()
        assert presenter.locator(".presenter__timer").inner_text().count(":") == 2
        presenter.screenshot(path=str(artifacts_dir / "html-presenter.png"), animations="disabled")

        deck_page.keyboard.press("ArrowRight")
        wait_for(presenter,
                 f"document.querySelector('.slide.is-current').id === 'slide-{first_notes + 1}'")

        presenter.keyboard.press("End")
        wait_for(deck_page,
                 f"document.querySelector('.slide.is-current').id === "
                 f"'slide-{len(lecture.pages)}'")
        assert not deck_page.locator("aside.notes").first.is_visible()


# -- fixtures and helpers ------------------------------------------------------------------------

def _current(page) -> int:
    return int(page.locator(".slide.is-current").get_attribute("data-number"))


@pytest.fixture(scope="module")
def lecture_html(tmp_path_factory) -> tuple[DeckLayout, str]:
    return laid_out_html(LECTURE, tmp_path_factory.mktemp("html"))


@pytest.fixture(scope="module")
def lecture(lecture_html) -> DeckLayout:
    return lecture_html[0]


@pytest.fixture(scope="module")
def lecture_url(lecture_html) -> str:
    return lecture_html[1]


@pytest.fixture
def deck_page(browser_context, lecture_url):
    page = browser_context.new_page()
    page.goto(lecture_url)
    return page


class DescribeRequireTool:
    def it_skips_when_a_tool_is_missing(self, monkeypatch):
        from conftest import require_tool

        monkeypatch.delenv("DECK_REQUIRE_TOOLS", raising=False)
        with pytest.raises(pytest.skip.Exception) as info:
            require_tool("LibreOffice", False, "soffice is not on PATH")
        assert "LibreOffice is not available: soffice is not on PATH" in str(info.value)

    def it_fails_instead_when_tools_are_required(self, monkeypatch):
        from conftest import require_tool

        monkeypatch.setenv("DECK_REQUIRE_TOOLS", "1")
        with pytest.raises(pytest.fail.Exception) as info:
            require_tool("LibreOffice", False, "soffice is not on PATH")
        assert "DECK_REQUIRE_TOOLS=1" in str(info.value)

    def it_does_nothing_when_the_tool_is_there(self, monkeypatch):
        from conftest import require_tool

        monkeypatch.setenv("DECK_REQUIRE_TOOLS", "1")
        require_tool("LibreOffice", True, "unused")
