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
