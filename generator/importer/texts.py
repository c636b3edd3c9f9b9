"""Text as the deck format reads it: literal characters escaped, LaTeX checked, language guessed."""

from __future__ import annotations

import re
from collections import Counter

from generator.source import citations, footnotes

# A backslash the deck would read as an escape (it makes the next character literal).
_BACKSLASH = re.compile(r"\\(?=[\\`*_\[\]()#!$~^])")
_LINKISH = re.compile(r"\[[^\]\n]*\]\s*[({]")  # [label](url) and [text]{.class}


def escape(text: str) -> str:
    """``text`` (plain, not markup) written so the deck prints it exactly: stars, backticks and
    dollars escaped always, brackets where they would read as a link or a span, tildes and
    carets where two could pair up as a sub- or superscript, and what would read as a
    citation (``[@key]``) or a footnote (``[^1]``, ``^[note]``)."""
    text = _BACKSLASH.sub(r"\\\\", text)
    text = text.replace("*", r"\*").replace("`", r"\`").replace("$", r"\$")
    if _LINKISH.search(text):
        text = text.replace("[", r"\[").replace("]", r"\]")
    if re.search(r"~[^~\s]*~|~~", text):
        text = text.replace("~", r"\~")
    if re.search(r"\^[^\^\s]+\^", text):
        text = text.replace("^", r"\^")
    for marks in (citations.find, footnotes.find):  # each escaped at its opening character
        for start in sorted((mark.start for mark in marks(text)), reverse=True):
            text = text[:start] + "\\" + text[start:]
    return text


# -- LaTeX ---------------------------------------------------------------------------------------

_ENVIRONMENT = re.compile(r"\\begin\{(aligned|align\*?|eqnarray\*?|gather\*?|split|multline\*?)\}"
                          r"(?P<body>.*?)\\end\{\1\}", re.DOTALL)
_DROPPED_COMMANDS = re.compile(r"\\(?:label|tag)\{[^{}]*\}|\\(?:nonumber|notag|displaystyle|"
                               r"textstyle|scriptstyle|limits|nolimits)\b\s*")


def normalise_latex(tex: str) -> list[str]:
    """``tex`` as equations the builder reads: an ``aligned`` (``align``, ``gather`` …)
    environment becomes one equation per line without its ``&``; ``\\mathop{X}`` becomes ``{X}``,
    ``\\bm`` ``\\boldsymbol``, and labels, ``\\displaystyle`` and ``\\nonumber`` go (a deck
    numbers nothing); outer ``\\[…\\]`` delimiters are removed."""
    tex = tex.strip()
    if tex.startswith(r"\[") and tex.endswith(r"\]"):
        tex = tex[2:-2].strip()
    tex = _DROPPED_COMMANDS.sub("", tex)
    tex = re.sub(r"\\mathop\s*\{", "{", tex)
    tex = re.sub(r"\\bm\s*\{", r"\\boldsymbol{", tex)
    tex = re.sub(r"\\operatorname\*", r"\\operatorname", tex)
    found = _ENVIRONMENT.fullmatch(tex)
    if found:
        lines = [line.replace("&", " ").strip() for line in re.split(r"\\\\", found["body"])]
        return [line for line in lines if line]
    return [tex] if tex else []


def latex_problem(tex: str) -> str | None:
    """Why the builder cannot convert ``tex`` (its own check), or ``None`` when it can."""
    from generator.source.formula import FormulaError, check

    try:
        check(tex)
    except FormulaError as err:
        return err.message
    return None


def inline_math(tex: str) -> tuple[str | None, str | None]:
    """``tex`` as inline deck markup ``$…$`` (normalised), or ``(None, why)`` when the builder
    cannot read it (the caller keeps it as text)."""
    parts = normalise_latex(tex)
    if len(parts) != 1:
        return None, "an inline formula with several lines"
    body = parts[0].replace("$", r"\$")
    if "\n" in body:
        body = re.sub(r"\s*\n\s*", " ", body)
    problem = latex_problem(body)
    if problem is not None:
        return None, problem
    if body != body.strip() or not body:
        return None, "an empty formula"
    return f"${body}$", None


# -- language --------------------------------------------------------------------------------

_STOPWORDS = {
    "en": "the and of to is in that for are with as this on be by it or not from",
    "de": "der die das und ist nicht mit ein eine den zu von für auf sich des im auch werden",
    "fr": "le la les et des est une un du pour que dans qui par pas sur ce avec sont",
    "es": "el la los las y de que en es un una por para con se del al como",
    "it": "il la di che e un una per non con sono del della gli le",
    "pt": "o a os as de que em um uma para com não do da dos é",
    "nl": "de het een en van is dat op te in niet zijn met voor",
    "ru": "и в не на что с как это по для к из то у от",
    "uk": "і в не на що з як це та до для від у є",
}
_WORD = re.compile(r"[^\W\d_]+")


def guess_language(text: str) -> str | None:
    """The language most of ``text`` is written in (a few common function words per language,
    and the script for Chinese, Japanese, Korean), or ``None`` when it cannot tell."""
    counts: Counter[str] = Counter()
    cjk = sum(1 for c in text if "\u4e00" <= c <= "\u9fff")
    kana = sum(1 for c in text if "\u3040" <= c <= "\u30ff")
    hangul = sum(1 for c in text if "\uac00" <= c <= "\ud7af")
    letters = sum(1 for c in text if c.isalpha())
    if letters and max(cjk, kana, hangul) > 0.3 * letters:
        return "ja" if kana > 0.1 * cjk else ("ko" if hangul > cjk else "zh")
    words = [w.lower() for w in _WORD.findall(text)]
    sets = {lang: set(ws.split()) for lang, ws in _STOPWORDS.items()}
    for word in words:
        for lang, stop in sets.items():
            if word in stop:
                counts[lang] += 1
    if "ru" in counts or "uk" in counts:  # the same script: Ukrainian has letters Russian lacks
        ukrainian = sum(text.count(c) for c in "іїєґІЇЄҐ")
        russian = sum(text.count(c) for c in "ыэъЫЭЪ")
        if ukrainian + russian:
            counts["uk" if ukrainian > russian else "ru"] += len(words)
    if not counts:
        return None
    lang, hits = counts.most_common(1)[0]
    return lang if hits >= 3 else None
