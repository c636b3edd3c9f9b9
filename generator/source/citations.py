"""Citations: ``[@key]`` in any text, resolved against the deck's bibliography (BibTeX or
CSL-JSON) in a CSL style by citeproc-py, into plain text with inline markup and a reference list.

The syntax is pandoc's: ``[@haslam1984]``, ``[@haslam1984, p. 12]``, ``[see @a, chap. 3; @b]``
and ``[-@a]`` (the year alone, after the author's name in the sentence). Everything here runs in
the source stage: the layout and the renderers only ever see the resolved text.
"""

from __future__ import annotations

import io
import json
import re
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any, Callable, Mapping, Sequence

from generator.source import inline
from generator.source.bibtex import BibliographyError
from generator.source.model import CITATION_STYLES

# The styles a deck names (``citation_style:``), bundled from the CSL project (templates/csl).
STYLES = dict(zip(CITATION_STYLES, ("apa.csl", "chicago-author-date.csl",
                                     "harvard-cite-them-right.csl", "ieee.csl",
                                     "nlm-citation-sequence.csl")))
DEFAULT_STYLE = "chicago-author-date"
BIBLIOGRAPHY_SUFFIXES = (".bib", ".json")

# A citation: brackets holding at least one @key, not escaped (\[) and not a link's label.
_CITE = re.compile(r"(?<!\\)\[(?P<body>[^\[\]\n]*@[^\[\]\n]*)\](?!\()")
_KEY = r"[\w](?:[\w:.#$%&+?<>~/-]*[\w])?"
_ITEM = re.compile(r"^(?P<prefix>(?:.*[\s(])?)(?P<minus>-?)@(?P<key>" + _KEY + r")(?P<rest>.*)$",
                   re.S)
# Locator labels as lecturers abbreviate them, to CSL's locator terms.
LOCATOR_LABELS = {
    "p": "page", "pp": "page", "page": "page", "pages": "page",
    "chap": "chapter", "ch": "chapter", "chapter": "chapter", "chapters": "chapter",
    "sec": "section", "section": "section", "sections": "section", "§": "section",
    "§§": "section",
    "fig": "figure", "figs": "figure", "figure": "figure", "figures": "figure",
    "vol": "volume", "vols": "volume", "volume": "volume", "volumes": "volume",
    "no": "issue", "nos": "issue", "issue": "issue",
    "para": "paragraph", "paras": "paragraph", "paragraph": "paragraph", "¶": "paragraph",
    "l": "line", "ll": "line", "line": "line", "lines": "line",
    "n": "note", "nn": "note", "note": "note", "notes": "note",
    "col": "column", "cols": "column", "column": "column",
    "pt": "part", "part": "part", "bk": "book", "book": "book",
    "v": "verse", "vv": "verse", "verse": "verse", "fol": "folio", "folio": "folio",
    "op": "opus", "opus": "opus", "s.v": "sub verbo", "sub verbo": "sub verbo",
}
_LOCATOR = re.compile(r"^(?P<label>[^\W\d]+(?:\.[^\W\d]+)?|§§?|¶)\.?\s*(?P<value>\S.*)$", re.S)


@dataclass(frozen=True)
class CiteItem:
    """One work cited: its key, where in it (a CSL locator label and value), and text around."""

    key: str
    offset: int  # where ``@key`` starts in the text (for located errors)
    locator: tuple[str, str] | None = None
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False


@dataclass(frozen=True)
class Cite:
    """A citation in a text: ``text[start:end]`` is ``[…]``, holding one or more items."""

    start: int
    end: int
    items: tuple[CiteItem, ...]


def find(text: str) -> list[Cite]:
    """The citations in ``text``, in order; none inside code, formulas or link addresses."""
    if "@" not in text:
        return []
    literal = list(inline.literal_ranges(text))
    out = []
    for m in _CITE.finditer(text):
        if any(a <= m.start() < b for a, b in literal):
            continue
        items = _items(m.group("body"), m.start("body"))
        if items:
            out.append(Cite(m.start(), m.end(), items))
    return out


def _items(body: str, base: int) -> tuple[CiteItem, ...]:
    """The items of a citation's ``body`` (split at ``;``); none when a part names no key."""
    out, at = [], base
    for part in body.split(";"):
        m = _ITEM.match(part)
        if m is None:
            return ()
        rest = m.group("rest")
        locator, suffix = None, rest.strip()
        if rest.startswith(","):
            locator, suffix = _locator(rest[1:].strip())
        out.append(CiteItem(m.group("key"), at + m.start("key") - 1, locator,
                            m.group("prefix").strip(), suffix, bool(m.group("minus"))))
        at += len(part) + 1
    return tuple(out)


def _locator(text: str) -> tuple[tuple[str, str] | None, str]:
    """``("page", "12")`` from ``p. 12``; a bare number is a page; anything else a suffix."""
    m = _LOCATOR.match(text)
    if m is not None and m.group("label").lower() in LOCATOR_LABELS:
        return (LOCATOR_LABELS[m.group("label").lower()], m.group("value").strip()), ""
    if text[:1].isdigit():
        return ("page", text), ""
    return None, text


# -- the bibliography ---------------------------------------------------------------------------

def read_bibliography(path: Path) -> dict[str, dict[str, Any]]:
    """The works of a BibTeX (``.bib``) or CSL-JSON (``.json``) file as CSL-JSON items, by
    their key as written."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise BibliographyError(f"{path.name} is not UTF-8 text ({err.reason})") from err
    if path.suffix.lower() == ".json":
        return _csl_json(text)
    from generator.source.bibtex import bibtex_items

    return bibtex_items(text)


def _csl_json(text: str) -> dict[str, dict[str, Any]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise BibliographyError(f"not valid JSON: {err.msg} (column {err.colno})",
                                err.lineno) from err
    if isinstance(data, dict) and isinstance(data.get("items"), list):
        data = data["items"]
    if not isinstance(data, list):
        raise BibliographyError("a CSL-JSON bibliography is a list of works, each with 'id' "
                                "and 'type'")
    out = {}
    for number, item in enumerate(data, start=1):
        if not isinstance(item, dict) or "id" not in item or "type" not in item:
            raise BibliographyError(f"work {number} of the list needs 'id' and 'type' (CSL-JSON)")
        out[str(item["id"])] = item
    return out


# -- styles and the processor -------------------------------------------------------------------

def style_file(name: str) -> Path:
    """The bundled CSL file of a style named in :data:`STYLES`."""
    from generator.themes.theme import TEMPLATES_DIR

    return TEMPLATES_DIR / "csl" / STYLES[name]


def _locale(language: str) -> str:
    """The CSL locale closest to a BCP 47 tag that citeproc-py has (``ru`` -> ``ru-RU``)."""
    from citeproc import LOCALES_PATH

    names = sorted(p.name[len("locales-"):-len(".xml")] for p in Path(LOCALES_PATH).glob(
        "locales-*.xml"))
    wanted = language.lower()
    primary = wanted.split("-")[0]
    for name in names:
        if name.lower() == wanted:
            return name
    preferred = {"en": "en-US", "pt": "pt-PT", "zh": "zh-CN", "de": "de-DE", "fr": "fr-FR"}
    if preferred.get(primary) in names:
        return preferred[primary]
    return next((n for n in names if n.lower().split("-")[0] == primary), "en-US")


def style_xml(path: Path) -> bytes:
    """A CSL style as citeproc-py reads it right: it does not know CSL 1.0.2's
    ``initialize="false"`` (Chicago's full given names), so a style-wide ``initialize-with``
    moves onto the names that do initialise."""
    from lxml import etree

    root = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False)
                       ).getroot()
    ns = {"cs": "http://purl.org/net/xbiblio/csl"}
    mark = root.get("initialize-with")
    if mark is None or root.xpath("cs:citation[@initialize-with]|cs:bibliography"
                                  "[@initialize-with]", namespaces=ns):
        return etree.tostring(root)
    del root.attrib["initialize-with"]
    for name in root.xpath("//cs:name[not(@initialize-with)]", namespaces=ns):
        if name.get("initialize") != "false":
            name.set("initialize-with", mark)
    return etree.tostring(root)


_SUPERSCRIPT = str.maketrans("0123456789+-=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁼⁽⁾ⁿ")


def _escaped(text: str) -> str:
    return inline.markup((inline.Span(str(text)),))


def _styled(marks: str) -> Callable[[str], str]:
    """A formatter style that wraps text in ``marks`` (``*`` italic, ``**`` bold), leaving
    spaces at either end outside them."""
    def wrap(text: str) -> str:
        text = str(text)
        core = text.strip()
        if not core or marks in core:
            return text
        lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
        return f"{lead}{marks}{core}{marks}{trail}"
    return wrap


def _superscript(text: str) -> str:
    text = str(text)
    mapped = text.translate(_SUPERSCRIPT)
    return mapped if all(ord(c) > 127 for c in mapped if not c.isspace()) else text


# citeproc-py's formatter protocol: text is escaped for our inline markup, styles become it.
MARKUP_FORMATTER = SimpleNamespace(
    preformat=_escaped, Italic=_styled("*"), Oblique=_styled("*"), Bold=_styled("**"),
    Light=str, Underline=str, Superscript=_superscript, Subscript=str, SmallCaps=str)

_URL = re.compile(r"https?://[^\s\[\]<>]+")


def _linked(entry: str) -> str:
    """Web addresses in a reference as links (a DOI opens from the slide)."""
    def link(m: re.Match[str]) -> str:
        url = m.group(0).rstrip(".,;")
        if url.count("(") != url.count(")"):
            return m.group(0)
        plain_url = url.replace("\\", "")
        return f"[{url}]({plain_url})" + m.group(0)[len(url):]
    return _URL.sub(link, entry)


@dataclass(frozen=True)
class Resolved:
    """Texts with their citations replaced, and the reference list (one entry per work)."""

    texts: tuple[str, ...]
    references: tuple[str, ...]


def resolve(texts: Sequence[str], works: Mapping[str, Mapping[str, Any]], style: Path,
            language: str = "en") -> Resolved:
    """Every citation in ``texts`` (in reading order: numeric styles number works as they are
    first cited) rendered in ``style``, and the entries of the works cited. Every key cited
    must be one of ``works`` (the reader checks that first)."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle
    from citeproc.source import Locator
    from citeproc.source.json import CiteProcJSON

    cites = [find(text) for text in texts]
    with warnings.catch_warnings():  # citeproc-py warns about CSL it only partly supports
        warnings.simplefilter("ignore")
        source = CiteProcJSON([{**item, "id": key} for key, item in works.items()])
        csl = CitationStylesStyle(io.BytesIO(style_xml(style)), locale=_locale(language),
                                  validate=False)
        bibliography = CitationStylesBibliography(csl, source, MARKUP_FORMATTER)
        citations = []
        for found in cites:
            for cite in found:
                citation = Citation([CitationItem(item.key, **_options(item, Locator))
                                     for item in cite.items])
                bibliography.register(citation)
                citations.append((cite, citation))
        bibliography.sort()
        rendered = iter([_without_author(str(bibliography.cite(c, lambda item: None)), cite)
                         for cite, c in citations])
        entries = tuple(_labelled(str(entry)) for entry in bibliography.bibliography())
    out = []
    for text, found in zip(texts, cites):
        pieces, at = [], 0
        for cite in found:
            pieces.extend((text[at:cite.start], next(rendered)))
            at = cite.end
        out.append("".join(pieces) + text[at:])
    return Resolved(tuple(out), tuple(_linked(e) for e in entries))


def _options(item: CiteItem, locator: type) -> dict[str, Any]:
    """citeproc-py's options of a cited work: its locator, and the text before and after it."""
    out: dict[str, Any] = {}
    if item.locator:
        out["locator"] = locator(*item.locator)
    if item.prefix:
        out["prefix"] = item.prefix + " "
    if item.suffix:
        out["suffix"] = ("" if item.suffix[:1] in ",;." else ", ") + item.suffix
    return out


_AUTHOR_PART = re.compile(r"^([(\[]?)[^\d(\[\]]*?(?:,\s*|\s+)(?=(?:\d|n\.d\.))")


def _without_author(rendered: str, cite: Cite) -> str:
    """A ``[-@a]`` citation of one work without its author, ``(1984, 12)`` for ``(Haslam
    1984, 12)``, when the sentence names the author."""
    if len(cite.items) != 1 or not cite.items[0].suppress_author:
        return rendered
    return _AUTHOR_PART.sub(r"\1", rendered, count=1)


_LABEL = re.compile(r"^(\[\d+\]|\(\d+\)|\d+\.)(?=\S)")


def _labelled(entry: str) -> str:
    """A numbered entry's label set off by a space: citeproc-py joins ``[1]`` and the
    entry that CSL puts in a margin beside it."""
    return _LABEL.sub(r"\1 ", entry.strip(), count=1)
