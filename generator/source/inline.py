"""Inline markup (``**bold**``, ``*italic*``, ```code```, ``[label](url)``, ``$math$``) parsed
into spans.

``***both***`` is bold italic and a backslash makes the next marker character literal
(``\\*`` is a star, ``\\$`` a dollar). :func:`cut` splits marked-up text anywhere and
:func:`markup` writes spans back as markup, so a passage split across slides keeps its styles.
"""

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
    math: bool = False  # ``text`` is LaTeX, written ``$…$``


# A star inside a word is not italic ("2*3*4"); beside Chinese or Japanese, which has no
# spaces between words, it is.
_CJK_FROM = "\u2e80"  # the first character of the ranges below
_WORDISH = "(?:(?![\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])[\\w*])"
_TOKEN_SOURCE = (
    r"(?P<escape>\\[\\`*_\[\]()#!])"
    r"|(?P<code>`[^`\n]+`)"
    r"|(?P<link>\[(?P<label>[^\]\n]+)\]\((?P<url>(?:[^()\s]|\([^()\s]*\))+)\))"
    r"|(?P<both>\*\*\*(?=[^\s*])[^*\n]+?(?<=[^\s*])\*\*\*(?!\*))"
    r"|(?P<bold>\*\*(?=\S)(?:[^*]|\*(?!\*))+?(?<=\S)\*\*)"
    r"|(?P<italic>(?<!%s)\*(?=[^\s*])[^*\n]+?(?<=\S)\*(?!%s))"
    # $…$ is math when the opening $ has no space after it and the closing $ no space before it
    # nor a digit after it (pandoc's rule), so "$5 and $10" stays text; \$ is a literal $.
    r"|(?P<dollar>\\\$)"
    r"|(?<![\\$])\$(?=[^\s$])(?P<math>(?:[^$\\\n]|\\.)+?)(?<=[^\s\\])\$(?!\d)"
)


def _token_pattern(text: str) -> re.Pattern[str]:
    """The markup pattern for ``text``. Compiling the ranges of Chinese, Japanese and Korean
    characters takes 4 ms, most of a cold start's regular expressions: text with none of them
    (every character before U+2E80) gets the pattern without the ranges, which finds the same."""
    if text and max(text) >= _CJK_FROM:
        return _compiled(_WORDISH)
    return _compiled("[\\w*]")


@lru_cache(maxsize=2)
def _compiled(wordish: str) -> re.Pattern[str]:
    return re.compile(_TOKEN_SOURCE % (wordish, wordish))


_SAFE_SCHEMES = ("http://", "https://", "mailto:")


@lru_cache(maxsize=4096)
def parse(text: str) -> tuple[Span, ...]:
    """Split ``text`` into spans; unmatched markers stay literal text."""
    return tuple(_merge(_parse(text, False, False, None)))


def plain(text: str) -> str:
    """The text as a reader sees it, markup removed."""
    return "".join(span.text for span in parse(text))


def formula_ranges(text: str) -> list[tuple[int, int]]:
    """Where the formulas are in ``plain(text)``: ``(start, end)`` offsets of each one's LaTeX."""
    out, pos = [], 0
    for span in parse(text):
        if span.math:
            out.append((pos, pos + len(span.text)))
        pos += len(span.text)
    return out


def cut_points(text: str) -> list[int]:
    """Offsets in ``plain(text)`` of the spaces and line breaks where a passage may be cut
    between words: anywhere but inside a formula (:func:`cut` reopens any other markup)."""
    plain_text = plain(text)
    formulas = formula_ranges(text)
    return [i for i, ch in enumerate(plain_text)
            if ch in " \n" and not any(a < i < b for a, b in formulas)]


def cut(text: str, start: int, end: int | None = None) -> str:
    """The marked-up text of characters ``start:end`` of ``plain(text)``, styles kept."""
    out: list[Span] = []
    pos = 0
    end = len(plain(text)) if end is None else end
    for span in parse(text):
        lo, hi = max(start, pos), min(end, pos + len(span.text))
        if lo < hi:
            out.append(Span(span.text[lo - pos:hi - pos], span.bold, span.italic, span.code,
                            span.href))
        pos += len(span.text)
    return markup(out)


_LITERAL = re.compile(r"([\\`*_\[\]$])")


def markup(spans: list[Span] | tuple[Span, ...]) -> str:
    """Spans written back as inline markup that :func:`parse` reads as the same spans."""
    out = []
    for span in spans:
        if span.math:
            text = f"${span.text}$"
        elif span.code and "`" not in span.text:
            text = f"`{span.text}`"
        else:
            text = _LITERAL.sub(r"\\\1", span.text)
        core = text.strip()
        if core and (span.bold or span.italic):
            marks = "*" * ((2 if span.bold else 0) + (1 if span.italic else 0))
            lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
            text = f"{lead}{marks}{core}{marks}{trail}"
        if span.href:
            text = f"[{text}]({span.href})"
        out.append(text)
    return "".join(out)


def _parse(text: str, bold: bool, italic: bool, href: str | None) -> list[Span]:
    out: list[Span] = []
    pos = 0
    for m in _token_pattern(text).finditer(text):
        if m.start() > pos:
            out.append(Span(text[pos:m.start()], bold, italic, False, href))
        if m.group("escape"):
            out.append(Span(m.group("escape")[1], bold, italic, False, href))
        elif m.group("dollar"):
            out.append(Span("$", bold, italic, False, href))
        elif m.group("math"):
            out.append(Span(m.group("math"), bold, italic, False, href, True))
        elif m.group("code"):
            out.append(Span(m.group("code")[1:-1], bold, italic, True, href))
        elif m.group("link"):
            url = m.group("url")
            safe = url if url.lower().startswith(_SAFE_SCHEMES) else None
            out.extend(_parse(m.group("label"), bold, italic, safe))
        elif m.group("both"):
            out.extend(_parse(m.group("both")[3:-3], True, True, href))
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
        if out and not (span.math or out[-1].math) and (
            out[-1].bold, out[-1].italic, out[-1].code, out[-1].href) == (
            span.bold, span.italic, span.code, span.href
        ):
            out[-1] = Span(out[-1].text + span.text, span.bold, span.italic, span.code, span.href)
        elif span.text:
            out.append(span)
    return out


def _tokens(text: str, base: int = 0):
    """Yield ``(match, base)`` for every piece of markup in ``text``, nested ones included
    (inside links, bold and italics); ``base`` is the offset of the text the match is in."""
    for m in _token_pattern(text).finditer(text):
        yield m, base
        for group, skip in (("label", 0), ("both", 3), ("bold", 2), ("italic", 1)):
            if m.group(group):
                inner = m.group(group)[skip:len(m.group(group)) - skip]
                yield from _tokens(inner, base + m.start(group) + skip)
                break


def literal_ranges(text: str, base: int = 0):
    """Yield ``(start, end)`` of every part of ``text`` that is not prose: code spans, formulas
    (with their ``$``), link addresses and escapes, markup included. Typographic rules (ties,
    joiners) must leave these as written."""
    for m, at in _tokens(text, base):
        if m.group("code") or m.group("math") or m.group("escape") or m.group("dollar"):
            yield at + m.start(), at + m.end()
        elif m.group("link"):
            yield at + m.start("url"), at + m.end("url")


def math_spans(text: str, base: int = 0):
    """Yield ``(offset, tex)`` for each ``$…$`` formula in ``text`` (offset of its LaTeX)."""
    for m, at in _tokens(text, base):
        if m.group("math"):
            yield at + m.start("math"), m.group("math")
