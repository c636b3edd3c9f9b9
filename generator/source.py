"""Read a deck YAML file and validate it into the immutable ``Deck`` model."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import formula, inline
from .errors import Problem, SourceError, ThemeError
from .model import (
    ASPECTS,
    DIRECTIONS,
    SLIDE_LAYOUTS,
    Block,
    Bullet,
    BulletList,
    Column,
    Deck,
    Equation,
    Image,
    Paragraph,
    Slide,
)
from .themes import IMAGE_KINDS, check_style_nodes, is_readable_image, resolve_theme_path
from .yamlnodes import Reader, comment_and_tag_warnings, merged_pairs, read_yaml

DECK_KEYS = (
    "title", "subtitle", "author", "date", "language", "theme", "style", "footer",
    "slide_numbers", "aspect", "direction", "template", "spelling", "reveal", "dim", "duration",
    "slides",
)
SLIDE_KEYS = (
    "title", "layout", "subtitle", "text", "bullets", "body", "columns", "image", "alt",
    "decorative", "caption", "reveal", "dim", "notes", "math", "hidden", "duration",
)
COLUMN_KEYS = ("heading", "text", "bullets", "body", "math")
BODY_ITEM_KEYS = ("text", "bullets", "math")
EQUATION_KEYS = ("tex", "label")
NOT_INLINE_TEXT = ("image", "layout", "math", "theme", "template", "style", "language", "aspect",
                   "spelling", "slide_numbers")  # keys whose values are never inline markup
MAX_LEVELS = 9
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


def load_deck(path: str | Path) -> Deck:
    """Read and validate the deck file at ``path``; raise ``SourceError`` listing every problem."""
    display = str(path)
    path = Path(path)
    root = read_yaml(path, display)
    reader = Reader(display)
    reader.check_tags(root)
    notices = _yaml_habits(reader, root, path.read_text(encoding="utf-8-sig"))
    deck = _DeckReader(reader, path.resolve()).deck(root)
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


class _DeckReader:
    def __init__(self, reader: Reader, path: Path) -> None:
        self.r = reader
        self.path = path
        self.base = path.parent
        self.text: str | None = None  # the source, read again only to locate a LaTeX error

    def deck(self, root: Node) -> Deck | None:
        r = self.r
        if not isinstance(root, MappingNode):
            r.error(root, "a deck file must be a mapping with at least 'title' and 'slides', "
                    f"got {r.describe(root)}")
            return None
        keys = r.mapping(root, DECK_KEYS, "the deck", required=("title", "slides"))
        if keys is None:
            return None
        values: dict[str, Any] = {}
        for name in ("title", "subtitle", "author", "date", "footer"):
            if name in keys:
                text = r.text(keys[name][1], f"deck {name!r}")
                values[name] = _one_line(text) if name == "footer" else _lines(text)
                self.inline_math(keys[name][1])
        if "language" in keys:
            node = keys["language"][1]
            lang = r.text(node, "deck 'language'")
            if lang is not None and not _LANGUAGE.match(lang):
                r.error(node, "language must be a BCP 47 tag such as 'en', 'en-GB' or 'ru', "
                        f"got {lang!r}")
            elif lang is not None:
                values["language"] = lang
        if "theme" in keys:
            node = keys["theme"][1]
            values["theme"] = name = r.text(node, "deck 'theme'")
            if name is not None:
                try:
                    resolve_theme_path(name, self.base)
                except ThemeError as err:
                    r.error(node, err.problems[0].message)
        if "style" in keys:
            node = keys["style"][1]
            check_style_nodes(r, node)
            if isinstance(node, MappingNode):
                values["style"] = _freeze(r.plain(node))
        if "slide_numbers" in keys:
            values["slide_numbers"] = r.flag(keys["slide_numbers"][1], "'slide_numbers'")
        if "aspect" in keys:
            values["aspect"] = r.choice(keys["aspect"][1], ASPECTS, "'aspect'")
        if "direction" in keys:
            values["direction"] = r.choice(keys["direction"][1], DIRECTIONS, "'direction'")
        if "template" in keys:
            node = keys["template"][1]
            if isinstance(node, MappingNode):  # template: {file: x.pptx, master: 2}
                sub = r.mapping(node, ("file", "master"), "'template'", required=("file",)) or {}
                node = sub.get("file", (None, None))[1]
                if "master" in sub:
                    values["template_master"] = r.text(sub["master"][1], "template 'master'")
            name = r.text(node, "'template'") if node is not None else None
            if name is not None:
                values["template"] = self._existing_file(node, name, "template", (".pptx", ".potx"))
        if "spelling" in keys:
            node = keys["spelling"][1]
            items = r.sequence(node, "'spelling' (words to accept)")
            if items is not None:
                words = (_one_line(r.text(i, "a spelling word")) for i in items)
                values["spelling"] = tuple(w for w in words if w)
        if "duration" in keys:
            values["duration"] = r.number(keys["duration"][1], "deck 'duration' (minutes)",
                                          1, 1440)
        self.reveal = self.reveal_mode(keys, "deck", "none")
        self.has_template = "template" in values
        self.dim = r.flag(keys["dim"][1], "deck 'dim'") if "dim" in keys else False
        slides: list[Slide] = []
        slides_node = keys.get("slides", (None, None))[1]
        if slides_node is not None:
            items = r.sequence(slides_node, "'slides'")
            if items is not None and not items:
                r.error(slides_node, "'slides' is empty: a deck needs at least one slide")
            for number, item in enumerate(items or (), start=1):
                slide = self.slide(item, number)
                if slide is not None:
                    slides.append(slide)
        r.slide = r.slide_title = None
        if r.problems:
            return None
        values = {k: v for k, v in values.items() if v is not None}
        key_marks = MappingProxyType({k: r.mark(v) for k, (_, v) in keys.items()})
        return Deck(path=self.path, slides=tuple(slides), mark=r.mark(root),
                    key_marks=key_marks, **values)

    # -- slides -------------------------------------------------------------------------------
    def slide(self, node: Node, number: int) -> Slide | None:
        r = self.r
        r.slide, r.slide_title = number, None
        if isinstance(node, MappingNode):
            r.slide_title = next((v.value for k, v in merged_pairs(node)
                                  if isinstance(k, ScalarNode) and k.value == "title"
                                  and isinstance(v, ScalarNode)), None)
        before = len(r.problems)
        self.inline_math(node)
        keys = r.mapping(node, SLIDE_KEYS, "a slide", required=("title",))
        if keys is None:
            return None
        title = _lines(r.text(keys["title"][1], "slide 'title'")) if "title" in keys else None
        layout, template_layout = "content", None
        if "layout" in keys:
            layout_node = keys["layout"][1]
            name = r.text(layout_node, "'layout'") if self.has_template else None
            if name is not None and name not in SLIDE_LAYOUTS:
                template_layout = name  # a layout of the template, checked when laid out
            else:
                layout = r.choice(layout_node, SLIDE_LAYOUTS, "'layout'") or "content"
        subtitle = _lines(r.text(keys["subtitle"][1], "'subtitle'")) if "subtitle" in keys else None
        if subtitle is not None and layout != "section":
            r.error(keys["subtitle"][0], "'subtitle' is only used on section slides "
                    "(layout: section); put the text under 'text' instead")
        notes = r.text(keys["notes"][1], "'notes'", allow_empty=True) if "notes" in keys else ""
        blocks = self.blocks(keys, "the slide")
        columns: tuple[Column, ...] = ()
        if "columns" in keys:
            columns = self.columns(keys["columns"][1])
        image = self.image(keys)
        if layout == "section":
            for key in ("text", "bullets", "body", "columns", "image", "math"):
                if key in keys:
                    r.error(keys[key][0], f"a section slide has only 'title', 'subtitle' and "
                            f"'notes'; remove {key!r} or drop 'layout: section'")
        if image is not None and columns:
            r.error(keys["image"][0], "a slide can have 'image' or 'columns', not both")
        reveal = self.reveal_mode(keys, "slide", self.reveal)
        dim = r.flag(keys["dim"][1], "slide 'dim'") if "dim" in keys else self.dim
        hidden = r.flag(keys["hidden"][1], "slide 'hidden'") if "hidden" in keys else False
        duration = None
        if "duration" in keys and layout != "section":
            r.error(keys["duration"][0], "'duration' (minutes) times a section: put it on a "
                    "section slide (layout: section), or at the top of the deck for the whole "
                    "talk")
        elif "duration" in keys:
            duration = r.number(keys["duration"][1], "section 'duration' (minutes)", 1, 1440)
        if len(r.problems) > before or title is None:
            return None
        return Slide(number=number, title=title, layout=layout, subtitle=subtitle,
                     blocks=blocks, columns=columns, image=image, notes=(notes or "").strip("\n"),
                     reveal=reveal if layout != "section" else "none", dim=bool(dim),
                     mark=r.mark(node), hidden=bool(hidden), template_layout=template_layout,
                     duration=duration)

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
                sub = r.mapping(item, BODY_ITEM_KEYS, "a 'body' item")
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
        r = self.r
        out = []
        for item in node.value if isinstance(node, SequenceNode) else [node]:
            label = None
            tex_node = item
            if isinstance(item, MappingNode):
                keys = r.mapping(item, EQUATION_KEYS, "an equation", required=("tex",))
                if keys is None or "tex" not in keys:
                    continue
                tex_node = keys["tex"][1]
                if "label" in keys:
                    label = r.text(keys["label"][1], "an equation's 'label'")
            tex = r.text(tex_node, "an equation (LaTeX)")
            if tex is None:
                continue
            parts = re.split(r"\n[ \t]*\n", tex)
            if label is not None and sum(1 for p in parts if p.strip()) > 1:
                r.error(tex_node, "a 'label' names one equation: give each labelled equation "
                        "its own '- {tex: …, label: …}' item")
                continue
            start = 0
            for part in parts:
                offset = tex.index(part, start)
                start = offset + len(part)
                if part.strip() and self.formula(tex_node, part.strip(),
                                                  offset + len(part) - len(part.lstrip())):
                    out.append(Equation(part.strip(), label, r.mark(tex_node)))
        return out

    def inline_math(self, node: Node) -> None:
        """Check every ``$…$`` formula in the texts below ``node`` (each node once: aliases
        and merge keys may make the tree a graph, even a cycle)."""
        seen: set[int] = set()
        todo = [node]
        while todo:
            node = todo.pop()
            if id(node) in seen:
                continue
            seen.add(id(node))
            if isinstance(node, ScalarNode):
                for offset, tex in inline.math_spans(node.value) if "$" in node.value else ():
                    self.formula(node, tex, offset)
            elif isinstance(node, MappingNode):
                children = [n for key, value in node.value for n in (key, value)
                            if n is key or not (isinstance(key, ScalarNode)
                                                and key.value in NOT_INLINE_TEXT)]
                todo.extend(reversed(children))
            elif isinstance(node, SequenceNode):
                todo.extend(reversed(node.value))

    def formula(self, node: Node, tex: str, offset: int) -> bool:
        """Whether ``tex`` (at ``offset`` in ``node``'s text) converts; if not, a problem located
        at the formula, or at the offending command when it is known."""
        try:
            formula.check(tex)
            return True
        except formula.FormulaError as err:
            at = offset + (err.offset or 0)
            if self.text is None:
                self.text = self.path.read_text("utf-8-sig")
            line, column = _located(self.text, node, at)
            self.r.problems.append(Problem(self.r.path, line, column,
                                           f"bad LaTeX in {tex!r}: {err.message}", self.r.slide,
                                           self.r.slide_title))
            return False

    def bullets(self, items: list[Node], level: int) -> tuple[Bullet, ...]:
        r = self.r
        out: list[Bullet] = []
        for item in items:
            if isinstance(item, MappingNode):
                if len(item.value) != 1:
                    r.error(item, "a bullet with sub-bullets is a one-key mapping "
                            "('- Text:' followed by an indented list); quote the text if it "
                            "contains ': '")
                    continue
                key, value = item.value[0]
                text = _lines(r.text(key, "a bullet"))
                if isinstance(value, ScalarNode) and not value.tag.endswith(":null"):
                    r.error(item, f"this bullet reads as a mapping because of ': ' in it; quote "
                            f"the whole bullet: - \"{key.value}: {value.value}\"")
                    continue
                children: tuple[Bullet, ...] = ()
                if isinstance(value, SequenceNode):
                    if level + 1 >= MAX_LEVELS:
                        r.error(value, f"bullets nest at most {MAX_LEVELS} levels deep")
                        continue
                    children = self.bullets(list(value.value), level + 1)
                elif not value.tag.endswith(":null"):
                    r.error(value, f"sub-bullets must be a list, got {r.describe(value)}")
                if text is not None:
                    out.append(Bullet(text.strip(), children, r.mark(key)))
            else:
                text = _lines(r.text(item, "a bullet"))
                if text is not None:
                    out.append(Bullet(text.strip(), (), r.mark(item)))
        return tuple(out)

    def columns(self, node: Node) -> tuple[Column, ...]:
        r = self.r
        items = r.sequence(node, "'columns'")
        if items is None:
            return ()
        if not 2 <= len(items) <= 3:
            r.error(node, f"'columns' must have 2 or 3 columns, got {len(items)}")
        out = []
        for item in items:
            keys = r.mapping(item, COLUMN_KEYS, "a column")
            if keys is None:
                continue
            heading = (_lines(r.text(keys["heading"][1], "column 'heading'"))
                       if "heading" in keys else None)
            out.append(Column(heading, self.blocks(keys, "a column"), r.mark(item)))
        return tuple(out)

    def image(self, keys: dict[str, tuple[Node, Node]]) -> Image | None:
        r = self.r
        if "image" not in keys:
            for key in ("alt", "caption", "decorative"):
                if key in keys:
                    r.error(keys[key][0],
                            f"{key!r} describes an image, but the slide has no 'image'")
            return None
        node = keys["image"][1]
        name = r.text(node, "'image'")
        decorative = (bool(r.flag(keys["decorative"][1], "'decorative'"))
                      if "decorative" in keys else False)
        alt = _one_line(r.text(keys["alt"][1], "'alt'")) if "alt" in keys else None
        if decorative and alt is None:
            alt = ""
        if "alt" not in keys and not decorative:
            r.error(keys["image"][0], "an image needs 'alt': a short description for screen "
                    "readers and for anyone who cannot see the picture")
        caption = _lines(r.text(keys["caption"][1], "'caption'")) if "caption" in keys else None
        if name is None:
            return None
        path = self._existing_file(node, name, "image", IMAGE_SUFFIXES)
        if path is not None and not is_readable_image(path):
            r.error(node, f"image file {name} is not a readable image (expected {IMAGE_KINDS})")
            return None
        if path is None or alt is None:
            return None
        return Image(path, alt.strip(), caption.strip() if caption else None, r.mark(node),
                     decorative)

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


# What a line break means depends on the field (see "Line breaks, tabs and spaces" in the docs):
# in paragraphs a blank line starts a new paragraph; in titles, bullets, headings and captions
# every break is one line break; the footer and alt text are one line.
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _lines(text: str | None) -> str | None:
    """``text`` with runs of line breaks (blank lines) folded into one line break."""
    return _PARAGRAPH_BREAK.sub("\n", text).strip() if text is not None else None


def _one_line(text: str | None) -> str | None:
    """``text`` on one line: each line break (with the spaces around it) becomes a space."""
    return re.sub(r"[ \t]*\n\s*", " ", text).strip() if text is not None else None


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


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return MappingProxyType({k: _freeze(v) for k, v in value.items()})
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return value


__all__ = ["load_deck", "Problem", "SourceError"]
