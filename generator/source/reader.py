"""Read a deck YAML file and validate it into the immutable ``Deck`` model."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem, SourceError, ThemeError
from generator.source import citations, footnotes, formula, inline
from generator.source.keys import (
    BODY_ITEM,
    CODE,
    COLUMN,
    DECK,
    DECK_GROUPS,
    EQUATION,
    EVENT,
    IMAGE_ITEM,
    QUOTE,
    SLIDE,
    TABLE,
    TEMPLATE,
    Group,
    Text,
    plain_words,
    shape_text,
)
from generator.source.model import (
    IMAGE_SIDES,
    SLIDE_LAYOUTS,
    TABLE_ALIGNS,
    Background,
    Block,
    Bullet,
    BulletList,
    Code,
    Column,
    Deck,
    Equation,
    Event,
    Image,
    Mark,
    Paragraph,
    Quote,
    Slide,
    Table,
    map_texts,
)
from generator.source.yamlnodes import (
    Reader,
    comment_and_tag_warnings,
    did_you_mean,
    merged_pairs,
    read_yaml_source,
)
from generator.themes.theme import (
    IMAGE_KINDS,
    check_style_nodes,
    is_readable_image,
    resolve_theme_path,
)

# The allowed keys of the main mappings, in declaration order (messages list them so).
DECK_KEYS = DECK.names
SLIDE_KEYS = SLIDE.names
COLUMN_KEYS = COLUMN.names
BODY_ITEM_KEYS = BODY_ITEM.names
# keys whose values are never inline markup
NOT_INLINE_TEXT = frozenset(plain_words(key for group in DECK_GROUPS for key in group))
MAX_LEVELS = 9
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")
# Keys a slide of one kind may not mix with (a section slide; a slide built around one block).
_CONTENT_KEYS = ("text", "bullets", "body", "columns", "image", "math", "table", "code", "quote",
                 "timeline", "references")
_ONE_BLOCK_KEYS = ("table", "code", "quote", "timeline", "images", "references")

Keys = dict[str, tuple[Node, Node]]


def load_deck(path: str | Path) -> Deck:
    """Read and validate the deck file at ``path``; raise ``SourceError`` listing every problem."""
    display = str(path)
    path = Path(path)
    root, text = read_yaml_source(path, display)
    reader = Reader(display)
    reader.check_tags(root)
    notices = _yaml_habits(reader, root, text)
    deck = _DeckReader(reader, path.resolve(), text).deck(root)
    reader.raise_if_any()
    assert deck is not None
    return replace(deck, notices=tuple(notices)) if notices else deck


def _yaml_habits(reader: Reader, root: Node, text: str) -> list[Problem]:
    """Report what YAML silently does to text: a bare ``!`` tag is an error, text after `` #``
    (a comment) a warning."""
    comments, bare_tags, joined = comment_and_tag_warnings(root, text)
    for node in bare_tags:
        reader.error(node, "a '!' at the start of unquoted text is a YAML tag and would be "
                     f"dropped; put the text in double quotes: \"! {node.value}\"")
    lines = text.split("\n")
    notices = []
    for node in comments:
        end = node.end_mark
        comment = lines[end.line][end.column:].strip()
        notices.append(Problem(reader.path, end.line + 1, end.column + 2,
                               f"text after ' #' is a YAML comment and was dropped "
                               f"({comment!r}); if it belongs to the text, put the text in "
                               f"double quotes: \"{node.value} {comment}\""))
    for node in joined:
        notices.append(Problem(reader.path, node.start_mark.line + 1, node.start_mark.column + 1,
                               "this text goes on over lines that start with '- ', which YAML "
                               "joined into it; for sub-bullets end the bullet with ':' (\"- "
                               "Text:\" followed by the indented list)"))
    return notices


def _model(cls: type, group: Group, values: dict[str, Any], **fixed: Any) -> Any:
    """``cls`` (``Deck`` or ``Slide``) from the values of ``group``'s simple keys and the ones
    its steps made: a value whose key names a field goes there, the rest (keys declared with no
    field of their own) into ``extra``, where an absent key has its declared default."""
    names = {f.name for f in fields(cls)}
    known = {k: v for k, v in values.items() if k in names and v is not None}
    extra = {key.field: values.get(key.field, key.default) for key in group.simple()
             if key.field not in names}
    if extra:
        known["extra"] = MappingProxyType(extra)
    return cls(**known, **fixed)


class _DeckReader:
    """Reads a deck's composed nodes into the model, one named step per key or group of keys.

    The steps are the ones :mod:`generator.source.keys` registers on its keys (``step=``); a
    key without one is read by :meth:`simple_values` from its declaration alone.
    """

    def __init__(self, reader: Reader, path: Path, text: str) -> None:
        self.r = reader
        self.path = path
        self.base = path.parent
        self.text = text  # the source as read: it locates a LaTeX error inside a scalar
        self.reveal, self.dim, self.has_template = "none", False, False

    def simple_values(self, group: Group, keys: Keys, check_math: bool = False
                      ) -> dict[str, Any]:
        """The value of every key of ``group`` that has no step of its own, read as declared
        (``check_math``: also check the ``$…$`` formulas of its text)."""
        values = {}
        for key in group.simple():
            if key.name in keys:
                node = keys[key.name][1]
                values[key.field] = key.read(self.r, node)
                if check_math and key.markup and isinstance(key, Text):
                    self.inline_math(node)
        return values

    # -- the deck -----------------------------------------------------------------------------
    def deck(self, root: Node) -> Deck | None:
        r = self.r
        if not isinstance(root, MappingNode):
            r.error(root, "a deck file must be a mapping with at least 'title' and 'slides', "
                    f"got {r.describe(root)}")
            return None
        keys = r.mapping(root, DECK.names, DECK.what, required=DECK.required)
        if keys is None:
            return None
        values = self.simple_values(DECK, keys, check_math=True)
        self.theme(keys, values)
        self.style(keys, values)
        self.template(keys, values)
        self.slide_defaults(keys)
        slides = self.slides(keys)
        r.slide = r.slide_title = None
        citing = self.bibliography(root, keys)
        self.reference_slides(slides)
        if r.problems:
            return None
        key_marks = MappingProxyType({k: r.mark(v) for k, (_, v) in keys.items()})
        deck = _model(Deck, DECK, values, path=self.path, slides=slides, mark=r.mark(root),
                      key_marks=key_marks)
        return _cited(deck, citing)

    # -- citations ----------------------------------------------------------------------------
    def bibliography(self, root: Node, keys: Keys) -> _Citing | None:
        """The works of ``bibliography:`` and the style of ``citation_style:``, every
        ``[@key]`` in the deck checked against the works (``None`` without a bibliography)."""
        r = self.r
        works: dict[str, Any] | None = None
        if "bibliography" in keys:
            works = self.works(keys["bibliography"][1])
        style_node = keys.get("citation_style", (None, None))[1]
        style = self.citation_style(style_node) if style_node is not None else \
            citations.style_file(citations.DEFAULT_STYLE)
        if style_node is not None and "bibliography" not in keys:
            r.error(style_node, "'citation_style' styles the citations of a 'bibliography': "
                    "add 'bibliography: works.bib' (a BibTeX or CSL-JSON file)")
        known = {key.lower(): key for key in works or {}}
        slides = keys.get("slides", (None, None))[1]
        parts = [(None, v) for name, (_, v) in keys.items() if name != "slides"] + (
            list(enumerate(slides.value, start=1)) if isinstance(slides, SequenceNode) else [])
        for number, part in parts:
            if number is not None:
                self.begin_slide(part, number)
            for scalar in _prose_scalars(part):
                for cite in citations.find(scalar.value):
                    for item in cite.items:
                        if item.key.lower() not in known:
                            self.unknown_work(scalar, item, works, known)
        r.slide = r.slide_title = None
        if works is None or style is None:
            return None
        return _Citing(works, style, r.mark(style_node) if style_node is not None else None)

    def works(self, node: Node) -> dict[str, Any] | None:
        """The works of the bibliography file ``node`` names; problems located in that file."""
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

    def unknown_work(self, scalar: ScalarNode, item: citations.CiteItem,
                     works: dict[str, Any] | None, known: dict[str, str]) -> None:
        """Report ``@key`` naming no work of the bibliography, at the key."""
        line, column = _located(self.text, scalar, item.offset)
        if works is None:
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
                self.r.path, mark.line if mark else None, mark.column if mark else None,
                f"the reference list is already on slide {placed[0].number}: one slide has "
                "'references: true'", slide.number, inline.plain(slide.title)))

    def theme(self, keys: Keys, values: dict[str, Any]) -> None:
        """``theme:``: a built-in theme's name or a theme file, which must exist."""
        if "theme" not in keys:
            return
        node = keys["theme"][1]
        values["theme"] = name = self.r.text(node, "deck 'theme'")
        if name is not None:
            try:
                resolve_theme_path(name, self.base)
            except ThemeError as err:
                self.r.error(node, err.problems[0].message)

    def style(self, keys: Keys, values: dict[str, Any]) -> None:
        """``style:``: theme overrides, checked against the theme keys."""
        if "style" not in keys:
            return
        node = keys["style"][1]
        check_style_nodes(self.r, node)
        if isinstance(node, MappingNode):
            values["style"] = _freeze(self.r.plain(node))

    def template(self, keys: Keys, values: dict[str, Any]) -> None:
        """``template: x.pptx`` or ``template: {file: x.pptx, master: 2}``."""
        if "template" not in keys:
            return
        r = self.r
        node = keys["template"][1]
        if isinstance(node, MappingNode):
            sub = r.mapping(node, TEMPLATE.names, TEMPLATE.what,
                            required=TEMPLATE.required) or {}
            node = sub.get("file", (None, None))[1]
            if "master" in sub:
                values["template_master"] = r.text(sub["master"][1], "template 'master'")
        name = r.text(node, "'template'") if node is not None else None
        if name is not None:
            values["template"] = self._existing_file(node, name, "template", (".pptx", ".potx"))
        self.has_template = "template" in values

    def slide_defaults(self, keys: Keys) -> None:
        """The deck's ``reveal:`` and ``dim:``: every slide's default."""
        self.reveal = self.reveal_mode(keys, "deck", "none")
        self.dim = bool(DECK["dim"].read(self.r, keys["dim"][1])) if "dim" in keys else False

    def slides(self, keys: Keys) -> tuple[Slide, ...]:
        r = self.r
        slides: list[Slide] = []
        node = keys.get("slides", (None, None))[1]
        if node is None:
            return ()
        items = r.sequence(node, "'slides'")
        if items is not None and not items:
            r.error(node, "'slides' is empty: a deck needs at least one slide")
        for number, item in enumerate(items or (), start=1):
            slide = self.slide(item, number)
            if slide is not None:
                slides.append(slide)
        return tuple(slides)

    # -- slides -------------------------------------------------------------------------------
    def slide(self, node: Node, number: int) -> Slide | None:
        r = self.r
        self.begin_slide(node, number)
        before = len(r.problems)
        self.inline_math(node)
        keys = r.mapping(node, SLIDE.names, SLIDE.what, required=SLIDE.required)
        if keys is None:
            return None
        values = self.simple_values(SLIDE, keys)
        layout, template_layout = self.layout(keys)
        subtitle = self.subtitle(keys, layout)
        blocks = self.blocks(keys, "the slide")
        columns = self.columns(keys["columns"][1]) if "columns" in keys else ()
        image = self.image(keys)
        table, code = self.table(keys), self.code(keys)
        quote, timeline = self.quote(keys), self.timeline(keys)
        self.slide_rules(keys, layout, image, columns)
        reveal = self.reveal_mode(keys, "slide", self.reveal)
        dim = SLIDE["dim"].read(r, keys["dim"][1]) if "dim" in keys else self.dim
        duration = self.duration(keys, layout)
        notes = self.footnotes(keys)
        if len(r.problems) > before or values.get("title") is None:
            return None
        slide = _model(Slide, SLIDE, values, number=number, layout=layout, subtitle=subtitle,
                       blocks=blocks, columns=columns, image=image,
                       reveal=reveal if layout != "section" else "none", dim=bool(dim),
                       mark=r.mark(node), template_layout=template_layout, duration=duration,
                       table=table, code=code, quote=quote, timeline=timeline,
                       background=self.background(keys), images=self.images(keys),
                       image_side=self.image_side(keys, layout, image))
        return _numbered_notes(slide, notes) if notes is not None else slide

    def footnotes(self, keys: Keys) -> dict[str, str] | None:
        """The slide's ``footnotes:`` by label, when it has them or its texts mark any: every
        ``[^label]`` checked against them, every one of them marked somewhere."""
        defined, where = self.footnote_definitions(keys)
        used: set[str] = set()
        marked = False
        for name, (_, value) in keys.items():
            if name in ("footnotes", "notes"):
                continue
            for scalar in _prose_scalars(value):
                for mark in footnotes.find(scalar.value):
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
            text = _lines(r.text(item, "a footnote"))
            if label is None or not label.strip() or any(c.isspace() or c == "]" for c in label):
                r.error(key_node, "a footnote's label is a word without spaces, like 1 or gulag")
            elif text is not None:
                defined[label], where[label] = text.strip(), key_node
        return defined, where

    def unknown_note(self, scalar: ScalarNode, mark: footnotes.NoteMark,
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

    def begin_slide(self, node: Node, number: int) -> None:
        """Name the slide in the problems found from here on (its title, when it has one)."""
        r = self.r
        r.slide, r.slide_title = number, None
        if isinstance(node, MappingNode):
            r.slide_title = next((v.value for k, v in merged_pairs(node)
                                  if isinstance(k, ScalarNode) and k.value == "title"
                                  and isinstance(v, ScalarNode)), None)

    def layout(self, keys: Keys) -> tuple[str, str | None]:
        """``(layout, template layout)``: one of ``SLIDE_LAYOUTS``, or on a deck with a
        template any other name (one of its layouts, checked when laid out)."""
        if "layout" not in keys:
            return "content", None
        node = keys["layout"][1]
        name = self.r.text(node, "'layout'") if self.has_template else None
        if name is not None and name not in SLIDE_LAYOUTS:
            return "content", name
        return self.r.choice(node, SLIDE_LAYOUTS, "'layout'") or "content", None

    def subtitle(self, keys: Keys, layout: str) -> str | None:
        """A section slide's ``subtitle`` (an error on any other slide)."""
        if "subtitle" not in keys:
            return None
        subtitle = SLIDE["subtitle"].read(self.r, keys["subtitle"][1])
        if subtitle is not None and layout != "section":
            self.r.error(keys["subtitle"][0], "'subtitle' is only used on section slides "
                         "(layout: section); put the text under 'text' instead")
        return subtitle

    def slide_rules(self, keys: Keys, layout: str, image: Image | None,
                    columns: tuple[Column, ...]) -> None:
        """The keys a slide may not combine: a section slide holds no content, a picture goes
        with text but not with columns, and a table, code, quote, timeline or pictures slide
        holds that block alone."""
        r = self.r
        if layout == "section":
            for key in (*_CONTENT_KEYS, "source"):
                if key in keys:
                    r.error(keys[key][0], f"a section slide has only 'title', 'subtitle' and "
                            f"'notes'; remove {key!r} or drop 'layout: section'")
        if image is not None and columns:
            r.error(keys["image"][0], "a slide can have 'image' or 'columns', not both")
        for block in _ONE_BLOCK_KEYS:
            for key in _CONTENT_KEYS:
                if block in keys and key in keys and key != block:
                    r.error(keys[key][0], f"a {block} slide has only 'title', {block!r} and "
                            f"'notes'; move {key!r} to a slide of its own")

    def duration(self, keys: Keys, layout: str) -> float | None:
        """A section slide's ``duration`` (minutes); an error on any other slide."""
        if "duration" not in keys:
            return None
        if layout != "section":
            self.r.error(keys["duration"][0], "'duration' (minutes) times a section: put it on "
                         "a section slide (layout: section), or at the top of the deck for the "
                         "whole talk")
            return None
        return SLIDE["duration"].read(self.r, keys["duration"][1])

    def reveal_mode(self, keys: dict[str, tuple[Node, Node]], where: str,
                    default: str) -> str:
        """``reveal:`` as a model mode: ``true`` is ``bullets``, ``false`` is ``none``."""
        if "reveal" not in keys:
            return default
        node = keys["reveal"][1]
        if isinstance(node, ScalarNode) and node.tag.endswith(":bool"):
            return "bullets" if self.r.flag(node, "'reveal'") else "none"
        choices = ("true", "false", "all", "blocks")
        value = self.r.choice(node, choices, f"{where} 'reveal'")
        return {"true": "bullets", "false": "none", None: default}.get(value, value)

    def blocks(self, keys: dict[str, tuple[Node, Node]], where: str) -> tuple[Block, ...]:
        """``text`` then ``bullets``, or the general ordered ``body`` form."""
        r = self.r
        out: list[Block] = []
        if "body" in keys:
            for key in ("text", "bullets", "math"):
                if key in keys:
                    r.error(keys[key][0], f"{where} has both 'body' and {key!r}: use 'body' alone "
                            "(its items can be '- text: …', '- bullets: […]' and '- math: …')")
            items = r.sequence(keys["body"][1], "'body'") or []
            for item in items:
                sub = r.mapping(item, BODY_ITEM.names, BODY_ITEM.what)
                if sub is None:
                    continue
                if len(sub) != 1:
                    r.error(item, "each 'body' item has exactly one key: 'text', 'bullets' or "
                            "'math'")
                    continue
                out.extend(self.blocks(sub, "a 'body' item"))
            return tuple(out)
        if "text" in keys:
            out.extend(self.paragraphs(keys["text"][1]))
        if "math" in keys:
            out.extend(self.equations(keys["math"][1]))
        if "bullets" in keys:
            node = keys["bullets"][1]
            items = r.sequence(node, "'bullets'")
            if items is not None:
                out.append(BulletList(self.bullets(items, 0), r.mark(node)))
        return tuple(out)

    def paragraphs(self, node: Node) -> list[Paragraph]:
        r = self.r
        nodes = node.value if isinstance(node, SequenceNode) else [node]
        out = []
        for n in nodes:
            text = r.text(n, "'text' (a paragraph)")
            if text is not None:  # a blank line starts a new paragraph
                out.extend(Paragraph(part.strip(), r.mark(n))
                           for part in _PARAGRAPH_BREAK.split(text) if part.strip())
        return out

    # -- mathematics --------------------------------------------------------------------------
    def equations(self, node: Node) -> list[Equation]:
        """``math:``: one equation or a list; an equation is LaTeX text or ``{tex, label}``.
        In one text, a blank line separates equations."""
        out = []
        for item in node.value if isinstance(node, SequenceNode) else [node]:
            out.extend(self.equation_item(item))
        return out

    def equation_item(self, item: Node) -> list[Equation]:
        """The equations of one item of ``math:``: LaTeX text (blank lines between equations)
        or ``{tex, label}`` (one equation)."""
        r = self.r
        label, tex_node = None, item
        if isinstance(item, MappingNode):
            keys = r.mapping(item, EQUATION.names, EQUATION.what, required=EQUATION.required)
            if keys is None or "tex" not in keys:
                return []
            tex_node = keys["tex"][1]
            if "label" in keys:
                label = EQUATION["label"].read(r, keys["label"][1])
        tex = EQUATION["tex"].read(r, tex_node)
        if tex is None:
            return []
        parts = re.split(r"\n[ \t]*\n", tex)
        if label is not None and sum(1 for p in parts if p.strip()) > 1:
            r.error(tex_node, "a 'label' names one equation: give each labelled equation its "
                    "own '- {tex: …, label: …}' item")
            return []
        out, start = [], 0
        for part in parts:
            offset = tex.index(part, start)
            start = offset + len(part)
            if part.strip() and self.formula(tex_node, part.strip(),
                                              offset + len(part) - len(part.lstrip())):
                out.append(Equation(part.strip(), label, r.mark(tex_node)))
        return out

    def inline_math(self, node: Node) -> None:
        """Check every ``$…$`` formula in the texts below ``node``."""
        for scalar in _prose_scalars(node):
            for offset, tex in inline.math_spans(scalar.value) if "$" in scalar.value else ():
                self.formula(scalar, tex, offset)

    def formula(self, node: Node, tex: str, offset: int) -> bool:
        """Whether ``tex`` (at ``offset`` in ``node``'s text) converts; if not, a problem located
        at the formula, or at the offending command when it is known."""
        try:
            formula.check(tex)
            return True
        except formula.FormulaError as err:
            at = offset + (err.offset or 0)
            line, column = _located(self.text, node, at)
            self.r.problems.append(Problem(self.r.path, line, column,
                                           f"bad LaTeX in {tex!r}: {err.message}", self.r.slide,
                                           self.r.slide_title))
            return False

    def bullets(self, items: list[Node], level: int) -> tuple[Bullet, ...]:
        """The bullets of a list at nesting ``level`` (0 for the top)."""
        out: list[Bullet] = []
        for item in items:
            if isinstance(item, MappingNode):
                bullet = self.parent_bullet(item, level)
            else:
                text = _lines(self.r.text(item, "a bullet"))
                bullet = Bullet(text.strip(), (), self.r.mark(item)) if text is not None else None
            if bullet is not None:
                out.append(bullet)
        return tuple(out)

    def parent_bullet(self, item: MappingNode, level: int) -> Bullet | None:
        """``- Text:`` followed by an indented list: a bullet with sub-bullets."""
        r = self.r
        if len(item.value) != 1:
            r.error(item, "a bullet with sub-bullets is a one-key mapping ('- Text:' followed "
                    "by an indented list); quote the text if it contains ': '")
            return None
        key, value = item.value[0]
        text = _lines(r.text(key, "a bullet"))
        if isinstance(value, ScalarNode) and not value.tag.endswith(":null"):
            r.error(item, f"this bullet reads as a mapping because of ': ' in it; quote the "
                    f"whole bullet: - \"{key.value}: {value.value}\"")
            return None
        children: tuple[Bullet, ...] = ()
        if isinstance(value, SequenceNode):
            if level + 1 >= MAX_LEVELS:
                r.error(value, f"bullets nest at most {MAX_LEVELS} levels deep")
                return None
            children = self.bullets(list(value.value), level + 1)
        elif not value.tag.endswith(":null"):
            r.error(value, f"sub-bullets must be a list, got {r.describe(value)}")
        return Bullet(text.strip(), children, r.mark(key)) if text is not None else None

    def columns(self, node: Node) -> tuple[Column, ...]:
        r = self.r
        items = r.sequence(node, "'columns'")
        if items is None:
            return ()
        if not 2 <= len(items) <= 3:
            r.error(node, f"'columns' must have 2 or 3 columns, got {len(items)}")
        out = []
        for item in items:
            keys = r.mapping(item, COLUMN.names, COLUMN.what)
            if keys is None:
                continue
            heading = COLUMN["heading"].read(r, keys["heading"][1]) if "heading" in keys else None
            out.append(Column(heading, self.blocks(keys, "a column"), r.mark(item)))
        return tuple(out)

    def image(self, keys: dict[str, tuple[Node, Node]]) -> Image | None:
        r = self.r
        if "image" not in keys:
            for key in ("alt", "caption", "decorative", "focus"):
                if key in keys:
                    r.error(keys[key][0],
                            f"{key!r} describes an image, but the slide has no 'image'")
            return None
        node = keys["image"][1]
        name = r.text(node, "'image'")
        decorative = (bool(SLIDE["decorative"].read(r, keys["decorative"][1]))
                      if "decorative" in keys else False)
        alt = SLIDE["alt"].read(r, keys["alt"][1]) if "alt" in keys else None
        if decorative and alt is None:
            alt = ""
        if "alt" not in keys and not decorative:
            r.error(keys["image"][0], "an image needs 'alt': a short description for screen "
                    "readers and for anyone who cannot see the picture")
        caption = SLIDE["caption"].read(r, keys["caption"][1]) if "caption" in keys else None
        if name is None:
            return None
        path = self._existing_file(node, name, "image", IMAGE_SUFFIXES)
        if self._unreadable_picture(node, name, path, "image"):
            return None
        focus = self.focus(keys)
        if path is None or alt is None or focus is None:
            return None
        return Image(path, alt.strip(), caption.strip() if caption else None, r.mark(node),
                     decorative=decorative, focus=focus)

    def focus(self, keys: dict[str, tuple[Node, Node]]) -> tuple[float, float] | None:
        """``focus: [x, y]``: the point of the picture (fractions of its width and height from
        the top left) that a crop keeps in view; the middle by default."""
        if "focus" not in keys:
            return (0.5, 0.5)
        node = keys["focus"][1]
        items = self.r.sequence(node, "'focus' ([x, y], each from 0 to 1)")
        if items is None or len(items) != 2:
            if items is not None:
                self.r.error(node, "'focus' is [x, y]: two numbers from 0 to 1 (0.5 is the "
                             f"middle), got {len(items)}")
            return None
        values = [self.r.number(i, "a 'focus' value", 0, 1) for i in items]
        return None if None in values else (values[0], values[1])

    # -- tables -------------------------------------------------------------------------------
    def block_mapping(self, keys: dict[str, tuple[Node, Node]], name: str, group
                      ) -> tuple[Node, dict[str, tuple[Node, Node]]] | None:
        """The slide's ``name`` block (a table or a code block) as its node and its checked
        keys; ``None`` when the slide has none or its keys are wrong (reported)."""
        if name not in keys:
            return None
        node = keys[name][1]
        sub = self.r.mapping(node, group.names, group.what)
        return None if sub is None else (node, sub)

    def table(self, keys: dict[str, tuple[Node, Node]]) -> Table | None:
        """``table: {header, rows, align, caption}`` or ``table: {csv: file}`` (the CSV's first
        row is the header); numbers are right-aligned unless ``align`` says otherwise."""
        found = self.block_mapping(keys, "table", TABLE)
        if found is None:
            return None
        r = self.r
        node, sub = found
        before = len(r.problems)
        if "csv" in sub:
            header, rows, marks = self.table_from_csv(sub)
        elif "header" not in sub or "rows" not in sub:
            header, rows, marks = [], [], []
            r.error(node, "a table needs 'header' (a list of column headings) and 'rows' (a list "
                    "of rows, each a list of cells), or 'csv' (a CSV file beside the deck)")
        else:
            header, rows, marks = self.table_cells(sub)
        if not header and len(r.problems) == before:
            r.error(node, "a table needs at least one column")
        if not rows and len(r.problems) == before:
            r.error(node, "a table needs at least one row below the header")
        align = self.table_align(sub, header, rows)
        caption = TABLE["caption"].read(r, sub["caption"][1]) if "caption" in sub else None
        if len(r.problems) > before:
            return None
        return Table(tuple(header), tuple(tuple(row) for row in rows), tuple(align),
                     caption.strip() if caption else None, r.mark(node), tuple(marks))

    def table_from_csv(self, sub: Keys) -> tuple[list[str], list[list[str]], list[Mark | None]]:
        """``(header, rows, row marks)`` of ``csv:`` (every row marked at the file name)."""
        r = self.r
        for key in ("header", "rows"):
            if key in sub:
                r.error(sub[key][0], f"a table has 'csv' or 'header' and 'rows', not both; "
                        f"remove {key!r}")
        read = self.csv_rows(sub["csv"][1])
        if not read:
            return [], [], []
        return read[0], read[1:], [r.mark(sub["csv"][1])] * (len(read) - 1)

    def table_cells(self, sub: Keys) -> tuple[list[str], list[list[str]], list[Mark | None]]:
        """``(header, rows, row marks)`` of ``header:`` and ``rows:``; a row as wide as the
        header or reported."""
        r = self.r
        header = [self.cell(n) for n in r.sequence(sub["header"][1], "table 'header'") or []]
        rows: list[list[str]] = []
        marks: list[Mark | None] = []
        for row in r.sequence(sub["rows"][1], "table 'rows'") or []:
            cells = r.sequence(row, "a table row (a list of cells)")
            if cells is None:
                continue
            if len(cells) != len(header):
                r.error(row, f"this row has {len(cells)} cells but the header has "
                        f"{len(header)} columns; every row needs one cell per column "
                        "(write \"\" for an empty cell)")
                continue
            rows.append([self.cell(c) for c in cells])
            marks.append(r.mark(row))
        return header, rows, marks

    def table_align(self, sub: Keys, header: list[str], rows: list[list[str]]) -> list[str]:
        """Each column's alignment: as ``align:`` says, else right for numbers."""
        r = self.r
        align = [_numeric_align(rows, i) for i in range(len(header))]
        if "align" in sub:
            items = r.sequence(sub["align"][1], "table 'align'") or []
            if len(items) != len(header) and header:
                r.error(sub["align"][1], f"'align' names {len(items)} columns but the table "
                        f"has {len(header)}; give one of left, center, right per column")
            for i, item in enumerate(items[:len(header)]):
                align[i] = r.choice(item, TABLE_ALIGNS, "a column's 'align'") or align[i]
        return align

    def image_side(self, keys: dict[str, tuple[Node, Node]], layout: str,
                   image: Image | None) -> str:
        """``image_side`` (where the picture goes beside text); checks ``layout: full``."""
        r = self.r
        if layout == "full":
            if image is None and "image" not in keys:
                r.error(keys["layout"][1], "'layout: full' shows a picture over the whole "
                        "slide: add 'image' and 'alt'")
            for key in ("text", "bullets", "body", "columns", "math", "table", "code", "quote",
                        "timeline", "images", "caption", "image_side"):
                if key in keys:
                    r.error(keys[key][0], f"a full-bleed picture slide (layout: full) has only "
                            f"'title', 'image', 'alt', 'focus' and 'notes'; remove {key!r}")
        if "image_side" not in keys:
            return "right"
        if "image" not in keys:
            r.error(keys["image_side"][0], "'image_side' places an 'image' beside text, but the "
                    "slide has no 'image'")
        return r.choice(keys["image_side"][1], IMAGE_SIDES, "'image_side'") or "right"

    def images(self, keys: dict[str, tuple[Node, Node]]) -> tuple[Image, ...]:
        """``images: [{src, alt, caption, credit}, …]``: two to four pictures."""
        if "images" not in keys:
            return ()
        r = self.r
        node = keys["images"][1]
        items = r.sequence(node, "'images' (a list of {src, alt, caption, credit})")
        if items is None:
            return ()
        if not 2 <= len(items) <= 4:
            r.error(node, f"'images' holds 2 to 4 pictures, got {len(items)} (one picture: "
                    "'image')")
        out = []
        for item in items:
            sub = r.mapping(item, IMAGE_ITEM.names, IMAGE_ITEM.what,
                            required=IMAGE_ITEM.required)
            if sub is None or "src" not in sub or "alt" not in sub:
                continue
            name = r.text(sub["src"][1], "a picture's 'src'")
            path = self._existing_file(sub["src"][1], name, "image", IMAGE_SUFFIXES) \
                if name else None
            if self._unreadable_picture(sub["src"][1], name, path, "image"):
                continue
            texts = {k: IMAGE_ITEM[k].read(r, sub[k][1]) for k in ("caption", "credit")
                     if k in sub}
            alt = IMAGE_ITEM["alt"].read(r, sub["alt"][1])
            if path is not None and alt:
                out.append(Image(path, alt, texts.get("caption"), r.mark(item),
                                 texts.get("credit")))
        return tuple(out)

    def background(self, keys: dict[str, tuple[Node, Node]]) -> Background | None:
        """``background: "#RRGGBB"`` or a picture file (relative to the deck)."""
        if "background" not in keys:
            return None
        node = keys["background"][1]
        value = self.r.text(node, "'background'")
        if value is None:
            return None
        if value.startswith("#"):
            if not _HEX.match(value):
                self.r.error(node, f"'background' must be a colour like \"#1A2B3C\" or a "
                             f"picture file, got {value!r}")
                return None
            return Background(color=value.upper(), mark=self.r.mark(node))
        path = self._existing_file(node, value, "background", IMAGE_SUFFIXES)
        if self._unreadable_picture(node, value, path, "background"):
            return None
        return Background(image=path, mark=self.r.mark(node)) if path else None

    def timeline(self, keys: dict[str, tuple[Node, Node]]) -> tuple[Event, ...]:
        """``timeline: [{date, text}, …]``, in the order written."""
        if "timeline" not in keys:
            return ()
        r = self.r
        node = keys["timeline"][1]
        items = r.sequence(node, "'timeline' (a list of {date, text})")
        if items is not None and not items:
            r.error(node, "'timeline' is empty: give at least one {date: …, text: …}")
        out = []
        for item in items or ():
            sub = r.mapping(item, EVENT.names, EVENT.what, required=EVENT.required)
            if sub is None or "date" not in sub or "text" not in sub:
                continue
            date = EVENT["date"].read(r, sub["date"][1])
            text = EVENT["text"].read(r, sub["text"][1])
            if date and text:
                out.append(Event(date, text.strip(), r.mark(item)))
        return tuple(out)

    def quote(self, keys: dict[str, tuple[Node, Node]]) -> Quote | None:
        """``quote: {text, by, source}``, or ``quote:`` the text alone."""
        if "quote" not in keys:
            return None
        r = self.r
        node = keys["quote"][1]
        if isinstance(node, ScalarNode):
            text = _lines(r.text(node, "a quote"))
            return Quote(text, mark=r.mark(node)) if text else None
        sub = r.mapping(node, QUOTE.names, QUOTE.what, required=QUOTE.required)
        if sub is None or "text" not in sub:
            return None
        values = {k: QUOTE[k].read(r, sub[k][1]) for k in sub}
        if any(v is None for v in values.values()):
            return None
        return Quote(values["text"], values.get("by"), values.get("source"), r.mark(node))

    # -- code ---------------------------------------------------------------------------------
    def code(self, keys: dict[str, tuple[Node, Node]]) -> Code | None:
        """``code: {lang, text}`` or ``code: {file, lines: 10-24}`` (``lang`` from the file name
        when not given), with optional ``numbers: true`` and ``highlight: [3, 5-7]``."""
        found = self.block_mapping(keys, "code", CODE)
        if found is None:
            return None
        r = self.r
        node, sub = found
        before = len(r.problems)
        text, start, origin, lang = None, 1, "", None
        if ("text" in sub) == ("file" in sub):
            r.error(node, "a code block needs 'text' (the code) or 'file' (a source file beside "
                    "the deck), one of the two")
        elif "text" in sub:
            text, origin = self.code_text(sub)
        else:
            text, start, origin, lang = self.code_file(sub)
        if "lang" in sub:
            lang = self.code_language(sub["lang"][1])
        elif "text" in sub:
            r.error(node, "a code block with 'text' needs 'lang' (python, java, c, sql, …; "
                    "'text' for no highlighting)")
        numbers = CODE["numbers"].read(r, sub["numbers"][1]) if "numbers" in sub else False
        highlight = self.code_highlight(sub, text, start) if text is not None else frozenset()
        if len(r.problems) > before or text is None or lang is None:
            return None
        return Code(text.rstrip("\n").expandtabs(4), lang, start, bool(numbers), highlight,
                    origin, r.mark(node))

    def code_text(self, sub: Keys) -> tuple[str | None, str]:
        """``(text, origin)`` of ``text:``, the origin naming the file line the code starts on."""
        r = self.r
        value = sub["text"][1]
        text = r.text(value, "the code's 'text'")
        block = value.style in ("|", ">")
        origin = f"{r.path}:{value.start_mark.line + 1 + (1 if block else 0)}"
        if "lines" in sub:
            r.error(sub["lines"][0], "'lines' picks lines of a 'file'; with 'text', write only "
                    "the lines to show")
        return text, origin

    def code_highlight(self, sub: Keys, text: str, start: int) -> frozenset[int]:
        """The line numbers ``highlight:`` names, each within the lines shown."""
        if "highlight" not in sub:
            return frozenset()
        r = self.r
        last = start + len(text.rstrip("\n").split("\n")) - 1
        highlight: set[int] = set()
        for item in r.sequence(sub["highlight"][1], "'highlight' (line numbers)") or []:
            span = _line_range(item.value if isinstance(item, ScalarNode) else "")
            if span is None or span[0] < start or span[1] > last:
                r.error(item, f"'highlight' takes line numbers or ranges like 5-7 between "
                        f"{start} and {last} (the lines shown), got {r.describe(item)}")
                continue
            highlight.update(range(span[0], span[1] + 1))
        return frozenset(highlight)

    def code_file(self, sub: dict[str, tuple[Node, Node]]) -> tuple[str | None, int, str,
                                                                     str | None]:
        """``(text, first line number, origin, language guessed from the name)`` of ``file``."""
        r = self.r
        node = sub["file"][1]
        name = r.text(node, "the code's 'file'")
        path = (self.base / name).resolve() if name else None
        if path is None or not path.is_file():
            if name:
                r.error(node, f"code file not found: {name} (looked for {path})")
            return None, 1, "", None
        try:
            lines = path.read_text(encoding="utf-8-sig").split("\n")
        except UnicodeDecodeError:
            r.error(node, f"code file {name} is not UTF-8 text")
            return None, 1, "", None
        if lines and lines[-1] == "":
            lines.pop()
        first, last = 1, len(lines)
        if "lines" in sub:
            value = sub["lines"][1]
            span = _line_range(value.value if isinstance(value, ScalarNode) else "")
            if span is None or span[1] > len(lines):
                r.error(value, f"'lines' must be a range like 10-24 within the file's "
                        f"{len(lines)} lines, got {r.describe(value)}")
                return None, 1, "", None
            first, last = span
        return ("\n".join(lines[first - 1:last]), first, f"{name}:{first}",
                _language_of(path.name))

    def code_language(self, node: Node) -> str | None:
        """A Pygments language name; unknown ones are reported with a suggestion."""
        from pygments.lexers import get_all_lexers

        name = self.r.text(node, "the code's 'lang'")
        if name is None:
            return None
        aliases = [a for _, names, _, _ in get_all_lexers() for a in names]
        if name.lower() not in aliases:
            hint = did_you_mean(name.lower(), aliases)
            self.r.error(node, f"unknown code language {name!r}{hint}; use a Pygments name "
                         "such as python, java, c, cpp, javascript, sql, bash or text "
                         "(all: pygmentize -L lexers)")
            return None
        return name.lower()

    def cell(self, node: Node) -> str:
        """A table cell's text; an empty YAML value (``- ``, ``~``) is an empty cell."""
        if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
            return ""
        return (_lines(self.r.text(node, "a table cell", allow_empty=True)) or "").strip()

    def csv_rows(self, node: Node) -> list[list[str]] | None:
        """The rows of the CSV file ``node`` names (UTF-8, with or without a BOM), all as wide
        as its first row."""
        import csv

        name = self.r.text(node, "table 'csv'")
        if name is None:
            return None
        path = self._existing_file(node, name, "CSV", (".csv",))
        if path is None:
            return None
        try:
            with path.open(encoding="utf-8-sig", newline="") as handle:
                rows = [row for row in csv.reader(handle) if row]
        except (UnicodeDecodeError, csv.Error) as err:
            self.r.error(node, f"cannot read {name} as a UTF-8 CSV file: {err}")
            return None
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != len(rows[0]):
                self.r.error(node, f"{name}, line {number}: {len(row)} cells, but the first "
                             f"(header) line has {len(rows[0])}; every line needs one cell "
                             "per column")
                return None
        if not rows:
            self.r.error(node, f"{name} is empty: the first line is the header")
            return None
        return [[_lines(cell.strip()) or "" for cell in row] for row in rows]

    def _unreadable_picture(self, node: Node, name: str, path: Path | None, what: str) -> bool:
        """Whether the picture file at ``path`` (found, of a picture's type) cannot be read as
        one; reported at ``node``."""
        if path is None or is_readable_image(path):
            return False
        self.r.error(node, f"{what} file {name} is not a readable image (expected {IMAGE_KINDS})")
        return True

    def _existing_file(self, node: Node, name: str, what: str,
                       suffixes: tuple[str, ...]) -> Path | None:
        path = (self.base / name).resolve()
        if not path.is_file():
            self.r.error(node, f"{what} file not found: {name} (looked for {path})")
            return None
        if path.suffix.lower() not in suffixes:
            self.r.error(node, f"{what} file {name} has an unsupported type; expected one of "
                         + ", ".join(suffixes))
            return None
        return path


@dataclass(frozen=True)
class _Citing:
    """What the citations of a deck are resolved with: its works, the CSL style's file and
    where the deck names it (for a style that cannot be used)."""

    works: dict[str, Any]
    style: Path
    style_mark: Mark | None


def _cited(deck: Deck, citing: _Citing | None) -> Deck:
    """``deck`` with its citations written in the style and the reference list (the works
    cited, then ``references:``) on the slide that asks for it, else at the end."""
    references = deck.references
    if citing is not None:
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


def _numbered_notes(slide: Slide, defined: dict[str, str]) -> Slide:
    """``slide`` with its footnote marks numbered in reading order (its speaker notes aside)
    and its notes in that order."""
    numbering = footnotes.Numbering(defined)
    slide = map_texts(slide, numbering, skip=("notes", "footnotes"))
    return replace(slide, footnotes=tuple(numbering.notes))


def _prose_scalars(node: Node):
    """Every scalar below ``node`` that may hold inline markup, in document order (each node
    once: aliases and merge keys may make the tree a graph, even a cycle)."""
    seen: set[int] = set()
    todo = [node]
    while todo:
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            yield node
        elif isinstance(node, MappingNode):
            children = [n for key, value in node.value for n in (key, value)
                        if n is key or not (isinstance(key, ScalarNode)
                                            and key.value in NOT_INLINE_TEXT)]
            todo.extend(reversed(children))
        elif isinstance(node, SequenceNode):
            todo.extend(reversed(node.value))


# What a line break means depends on the field (see "Line breaks, tabs and spaces" in the docs):
# in paragraphs a blank line starts a new paragraph; in titles, bullets, headings and captions
# every break is one line break; the footer and alt text are one line.
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _lines(text: str | None) -> str | None:
    """``text`` with runs of line breaks (blank lines) folded into one line break."""
    return shape_text(text, "lines")


def _one_line(text: str | None) -> str | None:
    """``text`` on one line: each line break (with the spaces around it) becomes a space."""
    return shape_text(text, "one_line")


def _located(buffer: str, node: Node, offset: int) -> tuple[int, int]:
    """1-based line and column of character ``offset`` of a scalar's value in the source text:
    found by searching the source for the value's text from there (quoting and block indents
    shift it); the scalar's own start when that text was written with escapes."""
    start, end = node.start_mark, node.end_mark
    needle = node.value[offset:].split("\n", 1)[0][:40]
    if buffer and needle:
        found = buffer.find(needle, start.index, end.index + 1)
        if found >= 0:
            line_start = buffer.rfind("\n", 0, found) + 1
            return buffer.count("\n", 0, found) + 1, found - line_start + 1
    return start.line + 1, start.column + 1


_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_RANGE = re.compile(r"^\s*(\d+)\s*(?:[-–]\s*(\d+)\s*)?$")


def _line_range(value: str) -> tuple[int, int] | None:
    """``"10-24"`` as ``(10, 24)``, ``"7"`` as ``(7, 7)``; ``None`` if it is not a range."""
    found = _RANGE.match(value)
    if not found:
        return None
    first, last = int(found.group(1)), int(found.group(2) or found.group(1))
    return (first, last) if 1 <= first <= last else None


def _language_of(file_name: str) -> str | None:
    """The Pygments language of a file, by its name (``None`` when unknown: 'lang' needed)."""
    from pygments.lexers import get_lexer_for_filename
    from pygments.util import ClassNotFound

    try:
        return get_lexer_for_filename(file_name).aliases[0]
    except (ClassNotFound, IndexError):
        return "text"


_NUMBER = re.compile(r"^[-+−]?[$€£¥]?\d[\d,.\u202f\u00a0 ]*%?$")


def _numeric_align(rows: list[list[str]], column: int) -> str:
    """``right`` for a column whose every non-empty body cell is a number, else ``left``."""
    cells = [row[column].strip() for row in rows if column < len(row) and row[column].strip()]
    return "right" if cells and all(_NUMBER.match(c) for c in cells) else "left"


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


__all__ = ["load_deck", "Problem", "SourceError"]
