"""Inline markup: what becomes a span, which links are kept, where text may be cut."""

from __future__ import annotations

from generator.inline import Span, break_points, parse, plain


def test_only_web_and_mail_links_are_kept():
    assert parse("[a](https://x.org) [b](mailto:me@x.org) [c](#3) [d](javascript:alert(1))") == (
        Span("a", href="https://x.org"), Span(" "), Span("b", href="mailto:me@x.org"),
        Span(" c d"))


def test_break_points_never_fall_inside_markup():
    text = "one **two three** [four five](https://x.org) `six seven` eight"
    cuts = break_points(text)
    assert [text[:c] for c in cuts] == [
        "one", "one **two three**", "one **two three** [four five](https://x.org)",
        "one **two three** [four five](https://x.org) `six seven`"]
    assert plain(text) == "one two three four five six seven eight"
