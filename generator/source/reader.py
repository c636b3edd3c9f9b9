"""Read a deck YAML file and validate it into the immutable ``Deck`` model."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from types import MappingProxyType
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem, SourceError, ThemeError
from generator.source import formula, inline
from generator.source.model import (
    ASPECTS,
    DIRECTIONS,
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

DECK_KEYS = (
    "title", "subtitle", "author", "date", "language", "theme", "style", "footer",
    "slide_numbers", "aspect", "direction", "template", "spelling", "reveal", "dim", "duration",
    "slides", "references",
)
SLIDE_KEYS = (
    "title", "layout", "subtitle", "text", "bullets", "body", "columns", "image", "alt",
    "decorative", "caption", "reveal", "dim", "notes", "math", "hidden", "duration", "table",
    "code", "quote", "timeline", "source", "background", "images", "image_side", "focus",
)
IMAGE_ITEM_KEYS = ("src", "alt", "caption", "credit")
EVENT_KEYS = ("date", "text")
QUOTE_KEYS = ("text", "by", "source")
CODE_KEYS = ("lang", "text", "file", "lines", "numbers", "highlight")
TABLE_KEYS = ("header", "rows", "csv", "align", "caption")
COLUMN_KEYS = ("heading", "text", "bullets", "body", "math")
BODY_ITEM_KEYS = ("text", "bullets", "math")
EQUATION_KEYS = ("tex", "label")
# keys whose values are never inline markup
NOT_INLINE_TEXT = ("background", "code", "image", "src", "layout", "math", "theme", "template",
                   "style", "language", "aspect", "spelling", "slide_numbers")
MAX_LEVELS = 9
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff")
_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$")


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


class _DeckReader:
    def __init__(self, reader: Reader, path: Path, text: str) -> None:
        self.r = reader
        self.path = path
        self.base = path.parent
        self.text = text  # the source as read: it locates a LaTeX error inside a scalar

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
        if "references" in keys:
            node = keys["references"][1]
            items = r.sequence(node, "'references' (a list of references)")
            refs = (_lines(r.text(i, "a reference")) for i in items or ())
            values["references"] = tuple(ref.strip() for ref in refs if ref)
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
        table = self.table(keys)
        code = self.code(keys)
        quote = self.quote(keys)
        timeline = self.timeline(keys)
        source_line = (_one_line(r.text(keys["source"][1], "the slide's 'source'"))
                       if "source" in keys else None)
        if layout == "section":
            for key in ("text", "bullets", "body", "columns", "image", "math", "table", "code",
                        "quote", "timeline", "source"):
                if key in keys:
                    r.error(keys[key][0], f"a section slide has only 'title', 'subtitle' and "
                            f"'notes'; remove {key!r} or drop 'layout: section'")
        if image is not None and columns:
            r.error(keys["image"][0], "a slide can have 'image' or 'columns', not both")
        for block in ("table", "code", "quote", "timeline", "images"):
            for key in ("text", "bullets", "body", "columns", "image", "math", "table", "code",
                        "quote", "timeline"):
                if block in keys and key in keys and key != block:
                    r.error(keys[key][0], f"a {block} slide has only 'title', {block!r} and "
                            f"'notes'; move {key!r} to a slide of its own")
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
                     duration=duration, table=table, code=code, quote=quote,
                     timeline=timeline, source_line=source_line,
                     background=self.background(keys), images=self.images(keys),
                     image_side=self.image_side(keys, layout, image))

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
            for key in ("alt", "caption", "decorative", "focus"):
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
    def table(self, keys: dict[str, tuple[Node, Node]]) -> Table | None:
        """``table: {header, rows, align, caption}`` or ``table: {csv: file}`` (the CSV's first
        row is the header); numbers are right-aligned unless ``align`` says otherwise."""
        if "table" not in keys:
            return None
        r = self.r
        node = keys["table"][1]
        sub = r.mapping(node, TABLE_KEYS, "a table")
        if sub is None:
            return None
        before = len(r.problems)
        header: list[str] = []
        rows: list[list[str]] = []
        marks: list[Mark | None] = []
        if "csv" in sub:
            for key in ("header", "rows"):
                if key in sub:
                    r.error(sub[key][0], f"a table has 'csv' or 'header' and 'rows', not both; "
                            f"remove {key!r}")
            read = self.csv_rows(sub["csv"][1])
            if read:
                header, rows = read[0], read[1:]
                marks = [r.mark(sub["csv"][1])] * len(rows)
        elif "header" not in sub or "rows" not in sub:
            r.error(node, "a table needs 'header' (a list of column headings) and 'rows' (a list "
                    "of rows, each a list of cells), or 'csv' (a CSV file beside the deck)")
        else:
            header = [self.cell(n) for n in r.sequence(sub["header"][1], "table 'header'") or []]
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
        if not header and len(r.problems) == before:
            r.error(node, "a table needs at least one column")
        if not rows and len(r.problems) == before:
            r.error(node, "a table needs at least one row below the header")
        align = [_numeric_align(rows, i) for i in range(len(header))]
        if "align" in sub:
            items = r.sequence(sub["align"][1], "table 'align'") or []
            if len(items) != len(header) and header:
                r.error(sub["align"][1], f"'align' names {len(items)} columns but the table "
                        f"has {len(header)}; give one of left, center, right per column")
            for i, item in enumerate(items[:len(header)]):
                align[i] = r.choice(item, TABLE_ALIGNS, "a column's 'align'") or align[i]
        caption = (_lines(r.text(sub["caption"][1], "a table's 'caption'"))
                   if "caption" in sub else None)
        if len(r.problems) > before:
            return None
        return Table(tuple(header), tuple(tuple(row) for row in rows), tuple(align),
                     caption.strip() if caption else None, r.mark(node), tuple(marks))

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
            sub = r.mapping(item, IMAGE_ITEM_KEYS, "a picture in 'images'",
                            required=("src", "alt"))
            if sub is None or "src" not in sub or "alt" not in sub:
                continue
            name = r.text(sub["src"][1], "a picture's 'src'")
            path = self._existing_file(sub["src"][1], name, "image", IMAGE_SUFFIXES) \
                if name else None
            if path is not None and not is_readable_image(path):
                r.error(sub["src"][1], f"image file {name} is not a readable image (expected "
                        f"{IMAGE_KINDS})")
                continue
            texts = {k: _lines(r.text(sub[k][1], f"a picture's {k!r}")) for k in
                     ("caption", "credit") if k in sub}
            alt = _one_line(r.text(sub["alt"][1], "a picture's 'alt'"))
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
        if path is not None and not is_readable_image(path):
            self.r.error(node, f"background file {value} is not a readable image (expected "
                         f"{IMAGE_KINDS})")
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
            sub = r.mapping(item, EVENT_KEYS, "a timeline event", required=("date", "text"))
            if sub is None or "date" not in sub or "text" not in sub:
                continue
            date = _one_line(r.text(sub["date"][1], "an event's 'date'"))
            text = _lines(r.text(sub["text"][1], "an event's 'text'"))
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
        sub = r.mapping(node, QUOTE_KEYS, "a quote", required=("text",))
        if sub is None or "text" not in sub:
            return None
        values = {k: _lines(r.text(sub[k][1], f"the quote's {k!r}")) for k in sub}
        if any(v is None for v in values.values()):
            return None
        return Quote(values["text"], values.get("by"), values.get("source"), r.mark(node))

    # -- code ---------------------------------------------------------------------------------
    def code(self, keys: dict[str, tuple[Node, Node]]) -> Code | None:
        """``code: {lang, text}`` or ``code: {file, lines: 10-24}`` (``lang`` from the file name
        when not given), with optional ``numbers: true`` and ``highlight: [3, 5-7]``."""
        if "code" not in keys:
            return None
        r = self.r
        node = keys["code"][1]
        sub = r.mapping(node, CODE_KEYS, "a code block")
        if sub is None:
            return None
        before = len(r.problems)
        text, start, origin, lang = None, 1, "", None
        if ("text" in sub) == ("file" in sub):
            r.error(node, "a code block needs 'text' (the code) or 'file' (a source file beside "
                    "the deck), one of the two")
        elif "text" in sub:
            text = r.text(sub["text"][1], "the code's 'text'")
            value = sub["text"][1]
            block = value.style in ("|", ">")
            origin = f"{r.path}:{value.start_mark.line + 1 + (1 if block else 0)}"
            if "lines" in sub:
                r.error(sub["lines"][0], "'lines' picks lines of a 'file'; with 'text', write "
                        "only the lines to show")
        else:
            text, start, origin, lang = self.code_file(sub)
        if "lang" in sub:
            lang = self.code_language(sub["lang"][1])
        elif "text" in sub:
            r.error(node, "a code block with 'text' needs 'lang' (python, java, c, sql, …; "
                    "'text' for no highlighting)")
        numbers = r.flag(sub["numbers"][1], "'numbers'") if "numbers" in sub else False
        highlight: set[int] = set()
        if "highlight" in sub and text is not None:
            last = start + len(text.rstrip("\n").split("\n")) - 1
            for item in r.sequence(sub["highlight"][1], "'highlight' (line numbers)") or []:
                span = _line_range(item.value if isinstance(item, ScalarNode) else "")
                if span is None or span[0] < start or span[1] > last:
                    r.error(item, f"'highlight' takes line numbers or ranges like 5-7 between "
                            f"{start} and {last} (the lines shown), got {r.describe(item)}")
                    continue
                highlight.update(range(span[0], span[1] + 1))
        if len(r.problems) > before or text is None or lang is None:
            return None
        return Code(text.rstrip("\n").expandtabs(4), lang, start, bool(numbers),
                    frozenset(highlight), origin, r.mark(node))

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
