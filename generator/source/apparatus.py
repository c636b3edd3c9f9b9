"""The deck reader's steps for the scholarly apparatus: the bibliography and its citation style,
``[@key]`` citations checked against it, the reference list's slide, and a slide's footnotes
(docs/citations.md).

The citation and footnote code (``source/citations``, ``source/footnotes``) is imported by the
step that meets a deck's first bibliography, ``@`` or ``^``: a deck without them never loads it.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem, SourceError
from generator.source import inline
from generator.source.keys import shape_text
from generator.source.model import Deck, Mark, Paragraph, Slide, map_texts
from generator.source.settings import prose_scalars
from generator.source.yamlnodes import Reader, did_you_mean, merged_pairs
from generator.source.yamlnodes import scalar_position as _located

if TYPE_CHECKING:  # imported where a deck cites or has footnotes
    from generator.source.citations import Cite, CiteItem
    from generator.source.footnotes import NoteMark

Keys = dict[str, tuple[Node, Node]]


@dataclass(frozen=True)
class Citing:
    """What the citations of a deck are resolved with: its works, the CSL style's file and
    where the deck names it (for a style that cannot be used)."""

    works: dict[str, Any]
    style: Path
    style_mark: Mark | None


class ApparatusSteps:
    """Mixed into the deck reader (``reader._DeckReader``), whose ``r``, ``text`` and
    ``_existing_file`` these steps use."""

    r: Reader
    text: str
    works: dict[str, Any] | None = None  # the bibliography's works, by key (None: none)

    if TYPE_CHECKING:  # the settings reader's
        def _existing_file(self, node: Node, name: str, what: str,
                           suffixes: tuple[str, ...]) -> Path | None: ...

    # -- citations ----------------------------------------------------------------------------
    def bibliography(self, keys: Keys) -> Citing | None:
        """The works of ``bibliography:`` and the style of ``citation_style:`` (``None``
        without a bibliography); the works are kept to check each slide's citations."""
        if "bibliography" not in keys and "citation_style" not in keys:
            return None
        from generator.source import citations

        r = self.r
        if "bibliography" in keys:
            self.works = self.read_works(keys["bibliography"][1])
        style_node = keys.get("citation_style", (None, None))[1]
        style = self.citation_style(style_node) if style_node is not None else \
            citations.style_file(citations.DEFAULT_STYLE)
        if style_node is not None and "bibliography" not in keys:
            r.error(style_node, "'citation_style' styles the citations of a 'bibliography': "
                    "add 'bibliography: works.bib' (a BibTeX or CSL-JSON file)")
        if self.works is None or style is None:
            return None
        return Citing(self.works, style, r.mark(style_node) if style_node is not None else None)

    def read_works(self, node: Node) -> dict[str, Any] | None:
        """The works of the bibliography file ``node`` names; problems located in that file."""
        from generator.source import citations

        name = self.r.text(node, "'bibliography'")
        path = self._existing_file(node, name, "bibliography", citations.BIBLIOGRAPHY_SUFFIXES) \
            if name else None
        if path is None:
            return None
        try:
            return citations.read_bibliography(path)
        except citations.BibliographyError as err:
            self.r.problems.append(Problem(str(path), err.line, None, f"cannot read the "
                                           f"bibliography {name}: {err.message}"))
            return None

    def citation_style(self, node: Node) -> Path | None:
        """A bundled style's file, or a ``.csl`` file beside the deck."""
        from generator.source import citations

        name = self.r.text(node, "'citation_style'")
        if name is None:
            return None
        if name in citations.STYLES:
            return citations.style_file(name)
        if name.lower().endswith(".csl"):
            return self._existing_file(node, name, "citation style", (".csl",))
        self.r.error(node, f"unknown citation style {name!r}{did_you_mean(name, citations.STYLES)}"
                     f"; use one of {', '.join(citations.STYLES)}, or a .csl file beside the "
                     "deck")
        return None

    def cited_works(self, nodes: list[Node]) -> None:
        """Every ``[@key]`` in the texts below ``nodes`` names a work of the bibliography."""
        known = {key.lower(): key for key in self.works or {}}
        for node in nodes:
            for scalar in prose_scalars(node):
                for cite in _citations_in(scalar.value):
                    for item in cite.items:
                        if item.key.lower() not in known:
                            self.unknown_work(scalar, item, known)

    def unknown_work(self, scalar: ScalarNode, item: CiteItem,
                     known: dict[str, str]) -> None:
        """Report ``@key`` naming no work of the bibliography, at the key."""
        line, column = _located(self.text, scalar, item.offset)
        if self.works is None:
            message = (f"[@{item.key}] cites a work, but the deck has no 'bibliography' (a "
                       "BibTeX or CSL-JSON file beside it); write \\[@ for a literal bracket")
        else:
            import difflib

            close = difflib.get_close_matches(item.key.lower(), list(known), n=1)
            hint = f"; did you mean @{known[close[0]]}?" if close else ""
            message = f"unknown work @{item.key}: the bibliography has no such key{hint}"
        self.r.problems.append(Problem(self.r.path, line, column, message, self.r.slide,
                                       self.r.slide_title))

    def reference_slides(self, slides: tuple[Slide, ...]) -> None:
        """At most one slide holds the reference list."""
        placed = [s for s in slides if s.references]
        for slide in placed[1:]:
            mark = slide.mark
            self.r.problems.append(Problem(
                mark.path if mark else self.r.path, mark.line if mark else None,
                mark.column if mark else None,
                f"the reference list is already on slide {placed[0].number}: one slide has "
                "'references: true'", slide.number, inline.plain(slide.title)))

    # -- footnotes ----------------------------------------------------------------------------
    def footnotes(self, keys: Keys) -> dict[str, str] | None:
        """The slide's ``footnotes:`` by label, when it has them or its texts mark any: every
        ``[^label]`` checked against them, every one of them marked somewhere."""
        defined, where = self.footnote_definitions(keys)
        used: set[str] = set()
        marked = False
        for name, (_, value) in keys.items():
            if name in ("footnotes", "notes"):
                continue
            for scalar in prose_scalars(value):
                for mark in _notes_in(scalar.value):
                    marked = True
                    if mark.label is not None and mark.label not in defined:
                        self.unknown_note(scalar, mark, defined)
                    used.add(mark.label or "")
        for label, node in where.items():
            if label not in used:
                self.r.error(node, f"footnote {label!r} is never marked: put [^{label}] in the "
                             "slide's text where it belongs, or remove the note")
        return defined if marked or defined else None

    def footnote_definitions(self, keys: Keys) -> tuple[dict[str, str], dict[str, Node]]:
        """``footnotes:`` as ``({label: note}, {label: its node})``: a mapping, or a list
        whose notes are labelled 1, 2, …"""
        r = self.r
        if "footnotes" not in keys:
            return {}, {}
        node = keys["footnotes"][1]
        if isinstance(node, SequenceNode):
            pairs = [(item, str(number), item) for number, item in enumerate(node.value, 1)]
        elif isinstance(node, MappingNode):
            pairs = [(k, k.value if isinstance(k, ScalarNode) else None, v)
                     for k, v in merged_pairs(node)]
        else:
            r.error(node, "'footnotes' is a mapping {label: note} or a list of notes (labels "
                    f"1, 2, …), got {r.describe(node)}")
            return {}, {}
        defined, where = {}, {}
        for key_node, label, item in pairs:
            text = shape_text(r.text(item, "a footnote"), "lines")
            if label is None or not label.strip() or any(c.isspace() or c == "]" for c in label):
                r.error(key_node, "a footnote's label is a word without spaces, like 1 or gulag")
            elif text is not None:
                defined[label], where[label] = text.strip(), key_node
        return defined, where

    def unknown_note(self, scalar: ScalarNode, mark: NoteMark,
                     defined: dict[str, str]) -> None:
        """Report ``[^label]`` naming no footnote of the slide, at the mark."""
        line, column = _located(self.text, scalar, mark.start)
        if defined:
            hint = did_you_mean(mark.label or "", defined)
            known = f"{hint} (the slide's footnotes: {', '.join(defined)})"
        else:
            known = "; define it in the slide's 'footnotes:' ({label: note}), or write the " \
                    "note in place as ^[note]"
        self.r.problems.append(Problem(self.r.path, line, column,
                                       f"unknown footnote [^{mark.label}]{known}",
                                       self.r.slide, self.r.slide_title))


def _citations_in(text: str) -> list[Cite]:
    """The citations in ``text`` (``citations.find``; the module is loaded at a first ``@``)."""
    if "@" not in text:
        return []
    from generator.source import citations

    return citations.find(text)


def _notes_in(text: str) -> list[NoteMark]:
    """The footnote marks in ``text`` (``footnotes.find``; the module is loaded at a first
    ``^``)."""
    if "^" not in text:
        return []
    from generator.source import footnotes

    return footnotes.find(text)


def cited(deck: Deck, citing: Citing | None) -> Deck:
    """``deck`` with its citations written in the style and the reference list (the works
    cited, then ``references:``) on the slide that asks for it, else at the end."""
    references = deck.references
    if citing is not None:
        from generator.source import citations

        found: list[str] = []

        def collect(text: str) -> str:
            if "@" in text:
                found.append(text)
            return text

        map_texts(deck, collect)
        try:
            resolved = citations.resolve(found, citing.works, citing.style, deck.language)
        except Exception as err:  # citeproc-py and lxml raise many kinds for a bad style
            mark = citing.style_mark
            raise SourceError([Problem(mark.path if mark else str(deck.path),
                                       mark.line if mark else None,
                                       mark.column if mark else None,
                                       f"cannot use the citation style {citing.style.name}: "
                                       f"{err}")]) from err
        texts = iter(resolved.texts)
        deck = map_texts(deck, lambda text: next(texts) if "@" in text else text)
        references = resolved.references + deck.references
    placed = next((i for i, s in enumerate(deck.slides) if s.references), None)
    if placed is None:
        return replace(deck, references=references) if references != deck.references else deck
    slides = list(deck.slides)
    if not references:
        mark = slides[placed].mark
        raise SourceError([Problem(mark.path if mark else str(deck.path),
                                   mark.line if mark else None, mark.column if mark else None,
                                   "this slide holds the reference list ('references: true'), "
                                   "but the deck cites no work and has no 'references:'",
                                   slides[placed].number, inline.plain(slides[placed].title))])
    slides[placed] = replace(slides[placed], blocks=tuple(Paragraph(r) for r in references))
    return replace(deck, slides=tuple(slides), references=())


def numbered_notes(slide: Slide, defined: dict[str, str]) -> Slide:
    """``slide`` with its footnote marks numbered in reading order (its speaker notes aside)
    and its notes in that order."""
    from generator.source import footnotes

    numbering = footnotes.Numbering(defined)
    slide = map_texts(slide, numbering, skip=("notes", "footnotes"))
    return replace(slide, footnotes=tuple(numbering.notes))
