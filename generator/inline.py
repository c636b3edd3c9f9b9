"""Inline markup (``**bold**``, ``*italic*``, ```code```, ``[label](url)``) parsed into spans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class Span:
    """A run of text with one combination of inline styles."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None


_TOKEN = re.compile(
    r"(?P<code>`[^`\n]+`)"
    r"|(?P<link>\[(?P<label>[^\]\n]+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)\))"
    r"|(?P<bold>\*\*(?=\S)(?:[^*]|\*(?!\*))+?(?<=\S)\*\*)"
    r"|(?P<italic>(?<![\w*])\*(?=[^\s*])[^*\n]+?(?<=\S)\*(?![\w*]))"
)
_SAFE_SCHEMES = ("http://", "https://", "mailto:")


@lru_cache(maxsize=4096)
def parse(text: str) -> tuple[Span, ...]:
    """Split ``text`` into spans; unmatched markers stay literal text."""
    return tuple(_merge(_parse(text, False, False, None)))


def plain(text: str) -> str:
    """The text as a reader sees it, markup removed."""
    return "".join(span.text for span in parse(text))


def break_points(text: str) -> list[int]:
    """Indices of the spaces in ``text`` where it may be cut without splitting any markup."""
    inside = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
    return [i for i, ch in enumerate(text)
            if ch == " " and not any(start < i < end for start, end in inside)]


def _parse(text: str, bold: bool, italic: bool, href: str | None) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for m in _TOKEN.finditer(text):
        if m.start() > pos:
            out.append(Span(text[pos:m.start()], bold, italic, False, href))
        if m.group("code"):
            out.append(Span(m.group("code")[1:-1], bold, italic, True, href))
        elif m.group("link"):
            url = m.group("url")
            safe = url if url.lower().startswith(_SAFE_SCHEMES) else None
            out.extend(_parse(m.group("label"), bold, italic, safe))
        elif m.group("bold"):
            out.extend(_parse(m.group("bold")[2:-2], True, italic, href))
        else:
            out.extend(_parse(m.group("italic")[1:-1], bold, True, href))
        pos = m.end()
    if pos < len(text):
        out.append(Span(text[pos:], bold, italic, False, href))
    return out


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and (out[-1].bold, out[-1].italic, out[-1].code, out[-1].href) == (
            span.bold, span.italic, span.code, span.href
        ):
            out[-1] = Span(out[-1].text + span.text, span.bold, span.italic, span.code, span.href)
        elif span.text:
            out.append(span)
    return out
