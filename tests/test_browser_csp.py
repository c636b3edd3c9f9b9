"""The HTML deck's Content-Security-Policy: the player works under it, and it blocks loads."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import laid_out_html

ROOT = Path(__file__).resolve().parent.parent
DECKS = [ROOT / "slides_src" / "soviet_foreign_policy.yaml", ROOT / "tests" / "decks" /
         "blocks.yaml", ROOT / "tests" / "decks" / "calculus.yaml"]
# Every violation of the page's policy, kept on the window as the browser reports it.
RECORD_VIOLATIONS = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
"""


@pytest.fixture
def csp_page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720})
    context.add_init_script(RECORD_VIOLATIONS)
    console: list[str] = []
    page = context.new_page()
    page.on("console", lambda message: console.append(message.text))
    page.console = console
    yield page
    context.close()


@pytest.mark.parametrize("deck", DECKS, ids=lambda p: p.stem)
def test_the_player_works_under_its_policy_without_a_single_violation(csp_page, tmp_path, deck):
    layout, url = laid_out_html(deck, tmp_path)
    assert len(layout.pages) > 3
    csp_page.goto(url)
    policy = csp_page.get_attribute('meta[http-equiv="Content-Security-Policy"]', "content")
    assert policy.startswith("default-src 'none'; script-src 'sha256-")
    assert csp_page.evaluate("document.documentElement.classList.contains('no-js')") is False
    for _ in range(len(layout.pages) + 3):  # through slides and their click steps
        csp_page.keyboard.press("ArrowRight")
    csp_page.keyboard.press("End")
    assert csp_page.evaluate("document.querySelector('.slide.is-current') === "
                             "[...document.querySelectorAll('#deck > .slide')].pop()")
    csp_page.keyboard.press("o")
    csp_page.keyboard.press("Escape")
    csp_page.keyboard.press("?")
    csp_page.emulate_media(media="print")
    assert csp_page.evaluate("window.__violations") == []
    assert [m for m in csp_page.console if "Content Security Policy" in m] == []


def test_the_policy_blocks_a_picture_from_the_network(csp_page, tmp_path):
    _, url = laid_out_html(DECKS[0], tmp_path)
    answered: list[str] = []  # requests that reached the network and came back
    csp_page.on("requestfinished", lambda request: answered.append(request.url))
    csp_page.goto(url)
    csp_page.evaluate("""() => { const img = document.createElement('img');
        img.src = 'https://example.invalid/tracker.png'; document.body.append(img); }""")
    csp_page.wait_for_function("window.__violations.length > 0")
    assert csp_page.evaluate("window.__violations") == [
        "img-src https://example.invalid/tracker.png"]
    assert [url for url in answered if url.startswith("http")] == []
