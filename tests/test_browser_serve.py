"""``deck serve`` in a real browser: an edit reloads the open page on the same slide."""

from __future__ import annotations

import time

from test_serve import DECK, Server


def wait_until(page, expression: str, timeout: float = 30.0) -> None:
    """Poll ``expression`` in the page until it is true. Not ``wait_for_function``: Playwright
    evaluates its string with ``eval``, which the served deck's Content-Security-Policy
    refuses after a reload (``page.evaluate`` goes through the debugging protocol instead)."""
    from playwright.sync_api import Error

    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            if page.evaluate(expression):
                return
        except Error:  # the page is reloading: its old document is gone
            pass
        time.sleep(0.05)
    raise AssertionError(f"still false after {timeout} s: {expression}")


def test_a_saved_edit_reloads_the_open_page_and_keeps_the_current_slide(browser, tmp_path):
    deck = tmp_path / "talk.yaml"
    deck.write_text(DECK.format(title="First title") + "  - title: Second slide\n",
                    encoding="utf-8")
    server = Server(tmp_path, "talk.yaml")
    page = browser.new_page(viewport={"width": 1280, "height": 720})
    try:
        page.goto(server.url + "#2")
        wait_until(page, "document.querySelector('.slide.is-current')?.id === 'slide-2'")
        page.evaluate("window.__notReloaded = true")
        deck.write_text(DECK.format(title="Edited title") + "  - title: Second slide\n",
                        encoding="utf-8")
        wait_until(page, "window.__notReloaded === undefined")
        wait_until(page, "document.querySelector('.slide.is-current')?.id === 'slide-2'")
        assert "#2" in page.url
        assert page.locator("#slide-2 h2").inner_text() == "Edited title"

        deck.write_text("title: T\nslides:\n  - titel: x\n", encoding="utf-8")
        page.wait_for_selector("#deck-live-error", timeout=30_000)
        assert "unknown key 'titel'" in page.locator("#deck-live-error").inner_text()
        assert page.locator("#slide-2 h2").inner_text() == "Edited title"  # last good deck
    finally:
        page.close()
        server.stop()
