"""Inline markup (``**bold**``, ``*italic*``, ```code```, ``[label](url)``, ``$math$``,
``H~2~O``, ``x^2^``, ``~~struck~~``, ``[text]{.underline}``, ``[text]{.accent}``) parsed into
spans.

``***both***`` is bold italic and a backslash makes the next marker character literal
(``\\*`` is a star, ``\\$`` a dollar, ``\\~`` a tilde). Sub- and superscripts follow
pandoc: no unescaped space inside (``\\ `` is a no-break space there), so ``~5 km`` stays text.
:func:`cut` splits marked-up text anywhere and :func:`markup` writes spans back as markup, so a
passage split across slides keeps its styles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import groupby


@dataclass(frozen=True)
class Span:
    """A run of text with one combination of inline styles."""

    text: str
    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    math: bool = False  # ``text`` is LaTeX, written ``$…$``
    script: str | None = None  # "sub" (``H~2~O``) or "sup" (``x^2^``)
    underline: bool = False  # ``[text]{.underline}``
    strike: bool = False  # ``~~text~~``
    color: str | None = None  # a theme colour's name (``[text]{.accent}``)

    @property
    def style(self) -> tuple:
        """Everything but the text: spans with the same style read as one."""
        return (self.bold, self.italic, self.code, self.href, self.math, self.script,
                self.underline, self.strike, self.color)


UNDERLINE = "underline"  # the class of ``[text]{.underline}``; any other class names a colour
NBSP = "\u00a0"


@lru_cache(maxsize=1)
def color_classes() -> tuple[str, ...]:
    """The classes that colour a span: the names of the theme's colours (``accent``, …)."""
    from generator.source.keys import THEME

    return tuple(THEME["colors"].group.names)


def span_classes(attributes: str) -> tuple[list[str], list[tuple[int, str]]]:
    """The classes of a span's ``{…}`` (``".underline .accent"`` -> ``underline``, ``accent``)
    and what is wrong in it: ``(offset in attributes, message)`` for each item that is not a
    known class, and for a second colour."""
    classes, problems, colors = [], [], 0
    for item in re.finditer(r"\S+", attributes):
        name = item.group().removeprefix(".")
        valid = (UNDERLINE, *color_classes())
        if not item.group().startswith(".") or name not in valid:
            problems.append((item.start(), _unknown_class(item.group(), valid)))
            continue
        if name != UNDERLINE:
            colors += 1
            if colors > 1:
                problems.append((item.start(), f"'{{{attributes}}}' names two colours; a span "
                                 "has one colour"))
                continue
        classes.append(name)
    if not attributes.strip():
        problems.append((0, "empty '{}' after [text]; expected a class such as {.underline} or "
                         "{.accent}"))
    return classes, problems


def _unknown_class(written: str, valid: tuple[str, ...]) -> str:
    import difflib

    close = difflib.get_close_matches(written.lstrip("."), valid, n=1, cutoff=0.6)
    hint = f"; did you mean '.{close[0]}'?" if close else ""
    return (f"unknown class {written!r} in [text]{{…}}{hint} (valid classes: "
            f"{', '.join('.' + v for v in valid)}; a literal '[' is written '\\[')")


# A star inside a word is not italic ("2*3*4"); beside Chinese or Japanese, which has no
# spaces between words, it is.
_CJK_FROM = "\u2e80"  # the first character of the ranges below
_WORDISH = "(?:(?![\u2e80-\u9fff\uac00-\ud7af\uf900-\ufaff\uff00-\uffef])[\\w*])"
# A link's or span's label may hold one bracketed span or link of its own
# ("[[H~2~O]{.accent}](url)", "[[the pact](url)]{.underline}"); a link's label may also hold a
# lone "[", as it always could.
_URL = r"(?:[^()\s]|\([^()\s]*\))+"
_NESTED = r"\[(?:\\[^\n]|[^\[\]\n\\])*\](?:\{[^{}\n]*\}|\(" + _URL + r"\))"
_TOKEN_SOURCE = (
    r"(?P<escape>\\[\\`*_\[\]()#!~^])"
    r"|(?P<code>`[^`\n]+`)"
    r"|(?P<span>\[(?P<slabel>(?:" + _NESTED + r"|\\[^\n]|[^\[\]\n\\])+)\]\{(?P<attrs>[^{}\n]*)\})"
    r"|(?P<link>\[(?P<label>(?:" + _NESTED + r"|\\[^\n]|[^\]\n\\])+)\]\((?P<url>" + _URL + r")\))"
    # ~~struck~~; its last word may be a subscript ("~~see H~2~~~")
    r"|(?P<strike>~~(?=\S)(?:\\.|[^~\\]|~(?!~))+?~?(?<=\S)~~(?!~))"
    # H~2~O and x^2^ as pandoc reads them: no unescaped space inside, so "~5 km" stays text
    r"|(?P<sub>(?<!(?<!\\)~)~(?!~)(?:[^\s~\\]|\\[^\n])+~)"
    r"|(?P<sup>\^(?:[^\s^\\]|\\[^\n])+\^)"
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
    return tuple(_merge(_parse(text, _PLAIN)))


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
            out.append(replace(span, text=span.text[lo - pos:hi - pos]))
        pos += len(span.text)
    return markup(out)


_LITERAL = re.compile(r"([\\`*_\[\]$~^])")
_SCRIPT_MARKS = {"sub": "~", "sup": "^"}


def markup(spans: list[Span] | tuple[Span, ...]) -> str:
    """Spans written back as inline markup that :func:`parse` reads as the same spans: a link,
    a ``[…]{…}`` span and a strike-through around each run of spans that share them."""
    out = []
    for (href, classes, strike), group in groupby(_merge(list(spans)), key=_outer):
        text = _wrapped("".join(_span_markup(span) for span in group), "~~" if strike else "")
        if classes and text.strip():
            text = f"[{text}]{{{classes}}}"
        if href:
            text = f"[{text}]({href})"
        out.append(text)
    return "".join(out)


def _outer(span: Span) -> tuple[str | None, str, bool]:
    """The styles :func:`markup` writes around runs of spans: link, classes, strike-through."""
    classes = ([f".{UNDERLINE}"] if span.underline else []) + (
        [f".{span.color}"] if span.color else [])
    return span.href, " ".join(classes), span.strike


def _span_markup(span: Span) -> str:
    """One span's text with its own markup: code or formula, stars, sub- or superscript."""
    if span.math:
        text = f"${span.text}$"
    elif span.code and "`" not in span.text:
        text = f"`{span.text}`"
    else:
        text = _LITERAL.sub(r"\\\1", span.text)
    if span.script:  # no space inside: each one escaped (a no-break space)
        text = re.sub(r"\s", lambda _: "\\ ", text)
    text = _wrapped(text, "*" * ((2 if span.bold else 0) + (1 if span.italic else 0)))
    if span.script:  # outside the stars: "~**2**~" would read "**2**" as a word with stars
        text = f"{_SCRIPT_MARKS[span.script]}{text}{_SCRIPT_MARKS[span.script]}"
    return text


def _wrapped(text: str, marks: str) -> str:
    """``text`` between ``marks``, the spaces around it left outside."""
    core = text.strip()
    if not core or not marks:
        return text
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    return f"{lead}{marks}{core}{marks}{trail}"


_PLAIN = Span("")


def _parse(text: str, style: Span) -> list[Span]:
    """The spans of ``text``, each starting from the styles of ``style`` (the markup around
    ``text``)."""
    out: list[Span] = []
    pos = 0
    for m in _token_pattern(text).finditer(text):
        if m.start() > pos:
            out.append(replace(style, text=text[pos:m.start()]))
        out.extend(_parse_token(m, style))
        pos = m.end()
    if pos < len(text):
        out.append(replace(style, text=text[pos:]))
    return out


def _parse_token(m: re.Match, style: Span) -> list[Span]:
    """The spans of one piece of markup ``m`` inside ``style``."""
    if m.group("escape"):
        return [replace(style, text=m.group("escape")[1])]
    if m.group("dollar"):
        return [replace(style, text="$")]
    if m.group("math"):
        return [replace(style, text=m.group("math"), math=True)]
    if m.group("code"):
        return [replace(style, text=m.group("code")[1:-1], code=True)]
    if m.group("link"):
        url = m.group("url")
        return _parse(m.group("label"), replace(
            style, href=url if url.lower().startswith(_SAFE_SCHEMES) else None))
    if m.group("span"):
        classes = span_classes(m.group("attrs"))[0]
        color = next((c for c in classes if c != UNDERLINE), style.color)
        return _parse(m.group("slabel"), replace(
            style, underline=style.underline or UNDERLINE in classes, color=color))
    if m.group("strike"):
        return _parse(m.group("strike")[2:-2], replace(style, strike=True))
    for script in ("sub", "sup"):
        if m.group(script):
            inner = re.sub(r"\\\s", NBSP, m.group(script)[1:-1])  # "\ ": a no-break space
            return _parse(inner, replace(style, script=script))
    if m.group("both"):
        return _parse(m.group("both")[3:-3], replace(style, bold=True, italic=True))
    if m.group("bold"):
        return _parse(m.group("bold")[2:-2], replace(style, bold=True))
    return _parse(m.group("italic")[1:-1], replace(style, italic=True))


def _merge(spans: list[Span]) -> list[Span]:
    out: list[Span] = []
    for span in spans:
        if out and not (span.math or out[-1].math) and out[-1].style == span.style:
            out[-1] = replace(span, text=out[-1].text + span.text)
        elif span.text:
            out.append(span)
    return out


def _tokens(text: str, base: int = 0):
    """Yield ``(match, base)`` for every piece of markup in ``text``, nested ones included
    (inside links, spans, bold, italics, strike-through, sub- and superscripts); ``base`` is the
    offset of the text the match is in."""
    for m in _token_pattern(text).finditer(text):
        yield m, base
        for group, skip in (("label", 0), ("slabel", 0), ("strike", 2), ("sub", 1), ("sup", 1),
                            ("both", 3), ("bold", 2), ("italic", 1)):
            if m.group(group):
                inner = m.group(group)[skip:len(m.group(group)) - skip]
                yield from _tokens(inner, base + m.start(group) + skip)
                break


def literal_ranges(text: str, base: int = 0):
    """Yield ``(start, end)`` of every part of ``text`` that is not prose: code spans, formulas
    (with their ``$``), link addresses, a span's ``{…}`` and escapes, markup included.
    Typographic rules (ties, joiners) must leave these as written."""
    for m, at in _tokens(text, base):
        if m.group("code") or m.group("math") or m.group("escape") or m.group("dollar"):
            yield at + m.start(), at + m.end()
        elif m.group("link"):
            yield at + m.start("url"), at + m.end("url")
        elif m.group("span"):
            yield at + m.start("attrs") - 1, at + m.end("attrs") + 1


def class_problems(text: str, base: int = 0):
    """Yield ``(offset, message)`` for each unknown class (or second colour) in the ``{…}`` of
    a ``[text]{.class}`` span in ``text``; ``offset`` is where the class is written."""
    for m, at in _tokens(text, base):
        if m.group("span"):
            for offset, message in span_classes(m.group("attrs"))[1]:
                yield at + m.start("attrs") + offset, message


def math_spans(text: str, base: int = 0):
    """Yield ``(offset, tex)`` for each ``$…$`` formula in ``text`` (offset of its LaTeX)."""
    for m, at in _tokens(text, base):
        if m.group("math"):
            yield at + m.start("math"), m.group("math")
