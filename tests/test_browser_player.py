"""The player's details: the control bar never covers the slide, the continuation marker reads
with the slide number ("13 · 1/2") in both outputs, and a right-to-left deck's player mirrors."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import laid_out_html, open_deck, show_slide

from generator.layout.engine import lay_out
from generator.layout.measure import INSET_X, Measure
from generator.source.reader import load_deck
from generator.themes.theme import theme_for

ROOT = Path(__file__).resolve().parent.parent
DECKS = ROOT / "tests" / "decks"
BULLETS = "".join(f"      - Item {i} – a long bullet that keeps going and going to fill the "
                  "width of the slide twice over at least\n" for i in range(16))
SPLIT = ("title: Split\nfooter: History 201\n{extra}slides:\n  - title: Intro\n    bullets: [a]\n"
         "  - title: Dense\n    bullets:\n" + BULLETS)
WINDOWS = [(1280, 720), (1280, 800), (1024, 768), (800, 600), (1920, 1080), (1000, 900),
           (700, 700), (1440, 900)]


def _deck(tmp_path: Path, extra: str = "", name: str = "split") -> Path:
    path = tmp_path / f"{name}.yaml"
    path.write_text(SPLIT.format(extra=extra), encoding="utf-8")
    return path


class DescribeTheContinuationMarker:
    def it_follows_the_slide_number_as_one_label(self, tmp_path):
        deck = load_deck(_deck(tmp_path))
        layout = lay_out(deck, theme_for(deck))
        pages = [p for p in layout.pages if p.parts > 1]
        assert [(p.number, p.marker.paras[0].text) for p in pages] == [(3, "· 1/3"),
                                                                      (4, "· 2/3"),
                                                                      (5, "· 3/3")]
        m = Measure(layout.theme)
        face = m.faces[("body", False, False)]
        for page in pages:
            marker, number, deck_number = page.marker, page.number_box, layout.number_box
            size = marker.size
            assert marker.box.right == deck_number.right  # the label ends where numbers end
            assert (marker.align, number.y, number.h) == ("r", deck_number.y, deck_number.h)
            marker_left = marker.box.right - INSET_X - m.text_em(face, "· 1/2") * size
            digits_right = number.right - INSET_X
            space = m.text_em(face, " ") * size
            assert 0 <= marker_left - digits_right <= 2 * space  # "3 · 1/2": a space between

    def it_stands_alone_in_the_numbers_place_without_numbers(self, tmp_path):
        deck = load_deck(_deck(tmp_path, "slide_numbers: false\n"))
        layout = lay_out(deck, theme_for(deck))
        pages = [p for p in layout.pages if p.parts > 1]
        assert [p.marker.paras[0].text for p in pages] == ["1/3", "2/3", "3/3"]
        assert all(p.number_box is None and p.marker.box.right == layout.number_box.right
                   for p in pages)


@pytest.mark.slow
class DescribeTheControlBar:
    @pytest.mark.parametrize("aspect", ["16:9", "4:3"])
    def it_never_covers_the_slide_its_number_or_marker(self, aspect, browser_context,
                                                      tmp_path):
        extra = 'aspect: "4:3"\n' if aspect == "4:3" else ""
        _, url = laid_out_html(_deck(tmp_path, extra), tmp_path)
        placed = {}
        for width, height in WINDOWS:
            page = open_deck(browser_context, url + "#3", width, height)
            show_slide(page, 3)
            placed[(width, height)] = page.evaluate("""() => {
              const box = e => e.getBoundingClientRect();
              const slide = box(document.querySelector('.slide.is-current'));
              const bar = box(document.querySelector('.controls'));
              const apart = (a, b) => a.right <= b.left || b.right <= a.left ||
                                      a.bottom <= b.top || b.bottom <= a.top;
              const inside = slide.left >= -0.5 && slide.top >= -0.5 &&
                             slide.right <= innerWidth + 0.5 && slide.bottom <= innerHeight + 0.5;
              return apart(slide, bar) && inside && bar.width > 0;
            }""")
            page.close()
        assert placed == {window: True for window in WINDOWS}

    def it_shows_the_number_and_marker_together_in_the_browser(self, browser_context,
                                                              tmp_path):
        _, url = laid_out_html(_deck(tmp_path), tmp_path)
        page = open_deck(browser_context, url + "#3", 1280, 720)
        show_slide(page, 3)
        number, marker, space = page.evaluate("""() => {
          const slide = document.querySelector('.slide.is-current');
          const text = e => { const r = document.createRange(); r.selectNodeContents(e);
                              return r.getBoundingClientRect(); };
          const n = text(slide.querySelector('.number'));
          const m = text(slide.querySelector('.frame--marker .para'));
          const size = parseFloat(getComputedStyle(slide.querySelector('.number')).fontSize);
          return [[n.right, n.bottom], [m.left, m.bottom], size * 0.4];
        }""")
        assert 0 < marker[0] - number[0] <= 2.5 * space  # "3 · 1/2", a space apart
        assert abs(marker[1] - number[1]) <= 1.5  # on one line

    def it_hides_in_full_screen(self, browser_context, tmp_path):
        _, url = laid_out_html(_deck(tmp_path), tmp_path)
        page = open_deck(browser_context, url + "#2", 1280, 720)
        page.get_by_role("button", name="Full screen").click()
        page.wait_for_function("document.fullscreenElement !== null")
        assert not page.locator(".controls").is_visible()
        page.keyboard.press("ArrowRight")
        assert page.locator(".slide.is-current").get_attribute("id") == "slide-3"


@pytest.mark.slow
class DescribeARightToLeftPlayer:
    @pytest.fixture
    def page(self, browser_context, tmp_path):
        _, url = laid_out_html(DECKS / "text" / "rtl_ar.yaml", tmp_path)
        page = open_deck(browser_context, url + "#1", 1280, 800)  # the bar lies under it
        show_slide(page, 1)
        return page

    def it_goes_on_with_the_left_arrow_and_back_with_the_right(self, page):
        page.keyboard.press("ArrowLeft")
        show_slide_id = page.locator(".slide.is-current").get_attribute("id")
        page.keyboard.press("ArrowRight")
        assert (show_slide_id, page.locator(".slide.is-current").get_attribute("id")) == (
            "slide-2", "slide-1")

    def it_puts_the_bar_on_the_left_with_next_on_the_left(self, page):
        places = page.evaluate("""() => {
          const x = s => document.querySelector(s).getBoundingClientRect().left;
          return [x('.controls') < innerWidth / 2,
                  x('[data-action=next]') < x('[data-action=prev]')];
        }""")
        assert places == [True, True]
