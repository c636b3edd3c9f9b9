"""``deck serve`` in a real browser: an edit reloads the open page on the same slide."""

from __future__ import annotations

from conftest import wait_for
from test_serve import DECK, Server


def test_a_saved_edit_reloads_the_open_page_and_keeps_the_current_slide(browser, tmp_path):
    deck = tmp_path / "talk.yaml"
    deck.write_text(DECK.format(title="First title") + "  - title: Second slide\n",
                    encoding="utf-8")
    server = Server(tmp_path, "talk.yaml")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(server.url + "#2")
        wait_for(page, "document.querySelector('.slide.is-current')?.id === 'slide-2'")
        page.evaluate("window.__notReloaded = true")
        deck.write_text(DECK.format(title="Edited title") + "  - title: Second slide\n",
                        encoding="utf-8")
        wait_for(page, "window.__notReloaded === undefined")
        wait_for(page, "document.querySelector('.slide.is-current')?.id === 'slide-2'")
        assert "#2" in page.url
        assert page.locator("#slide-2 h2").inner_text() == "Edited title"

        deck.write_text("title: T\nslides:\n  - titel: x\n", encoding="utf-8")
        page.wait_for_selector("#deck-live-error", timeout=30_000)
        assert "unknown key 'titel'" in page.locator("#deck-live-error").inner_text()
        assert page.locator("#slide-2 h2").inner_text() == "Edited title"  # last good deck
    finally:
        page.close()
        server.stop()
