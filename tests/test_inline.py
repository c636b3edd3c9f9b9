"""Inline markup: what becomes a span, which links are kept, how text is cut."""

from __future__ import annotations

from generator.source.inline import Span, cut, parse, plain


def test_only_web_and_mail_links_are_kept():
    assert parse("[a](https://x.org) [b](mailto:me@x.org) [c](#3) [d](javascript:alert(1))") == (
        Span("a", href="https://x.org"), Span(" "), Span("b", href="mailto:me@x.org"),
        Span(" c d"))


def test_a_cut_anywhere_closes_and_reopens_the_markup_around_it():
    text = "one **two three** [four five](https://x.org) `six seven` eight"
    assert plain(text) == "one two three four five six seven eight"
    assert [cut(text, a, b) for a, b in ((0, 7), (8, 23), (24, 39), (4, 33))] == [
        "one **two**", "**three** [four five](https://x.org)", "`six seven` eight",
        "**two three** [four five](https://x.org) `six seven`"]


def test_text_without_cjk_is_read_by_the_pattern_without_their_ranges_alike():
    from generator.source.inline import _WORDISH, _compiled, _token_pattern

    full = _compiled(_WORDISH)
    for text in ("2*3*4", "*a* b", "***x*** **y** *z*", "a*b*c", "é*x*ß", "Ж*x*", "$x$ and \\$",
                 "[label](https://x.org/a_(b)) `c*d*`", "x\u2e7f*y*", ""):
        assert _token_pattern(text) is _compiled("[\\w*]")
        assert ([m.groupdict() for m in _token_pattern(text).finditer(text)]
                == [m.groupdict() for m in full.finditer(text)])
    assert _token_pattern("中*文*") is full
