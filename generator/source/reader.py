"""Read a deck YAML file and validate it into the immutable ``Deck`` model."""

from __future__ import annotations

import re
from dataclasses import fields, replace
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, Iterable

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem, SourceError
from generator.source.apparatus import ApparatusSteps, cited, numbered_notes
from generator.source.editions import INSTRUCTOR, for_edition
from generator.source.lectures import LectureSteps, is_include
from generator.source.keys import (
    BLOCK_MODIFIERS,
    BODY_ITEM,
    CODE,
    COURSE_FILES,
    COLUMN,
    DECK,
    DIAGRAM,
    EQUATION,
    EVENT,
    IMAGE_ITEM,
    QR,
    QUOTE,
    SLIDE,
    TABLE,
    Group,
    shape_text,
)
from generator.source.settings import (
    NOT_INLINE_TEXT,
    Keys,
    SettingsReader,
)
from generator.source.model import (
    FileAccess,
    IMAGE_SIDES,
    SLIDE_LAYOUTS,
    TABLE_ALIGNS,
    Answer,
    Background,
    Block,
    Bullet,
    BulletList,
    Code,
    Column,
    Deck,
    Diagram,
    Equation,
    Event,
    Gallery,
    Image,
    Mark,
    Paragraph,
    QRCode,
    Quote,
    Slide,
    Table,
    Timeline,
)
from generator.source.yamlnodes import (
    Reader,
    comment_and_tag_warnings,
    did_you_mean,
    merged_pairs,
    read_yaml_source,
    scalar_position,
)
from generator.themes.theme import (
    IMAGE_SUFFIXES,
)

if TYPE_CHECKING:
    from generator.source.course import Course, Lecture

# The allowed keys of the main mappings, in declaration order (messages list them so).
DECK_KEYS = DECK.names
SLIDE_KEYS = SLIDE.names
COLUMN_KEYS = COLUMN.names
BODY_ITEM_KEYS = BODY_ITEM.names
MAX_LEVELS = 9
# Keys a section slide may not have; the slide-level blocks that are shorthands for a body item.
_CONTENT_KEYS = ("text", "bullets", "body", "columns", "image", "math", "table", "code", "quote",
                 "timeline", "images", "references")
_SHORTHAND_BLOCKS = ("table", "code", "quote", "timeline", "images")
# A picture beside text (the slide's 'image:' with other content): the text's and the picture's
# shares of the body width.
TEXT_SHARE, PICTURE_SHARE = 0.45, 0.55



def load_deck(path: str | Path, edition: str = INSTRUCTOR, as_of: date | None = None,
              root_folder: Path | None = None, allow_outside: Iterable[Path] = ()) -> Deck:
    """Read and validate the deck file at ``path``; raise ``SourceError`` listing every problem.

    A deck that a course file beside it (or in the folder above) lists is read as that
    lecture: with the course's settings as defaults and its variables replaced
    (docs/course.md). The model is the ``edition`` of the deck on the day ``as_of``
    (default: today; see ``source/editions.py``). The deck reads files (pictures, code, CSV,
    template, theme file, included slides) only inside ``root_folder`` (default: the course's
    folder for a lecture, else the deck's folder) and the ``allow_outside`` folders; a file
    elsewhere is a located problem.
    """
    display = str(path)
    path = Path(path)
    root, text = read_yaml_source(path, display)
    reader = Reader(display)
    reader.check_tags(root)
    notices = _yaml_habits(reader, root, text)
    lecture = _lecture(path)
    access = _access(path, lecture, root_folder, allow_outside)
    deck = _DeckReader(reader, path.resolve(), text, access, lecture, root_folder).deck(root)
    reader.raise_if_any()
    assert deck is not None
    deck = for_edition(deck, edition, as_of)
    return replace(deck, notices=tuple(notices)) if notices else deck


def _lecture(path: Path) -> tuple[Course, Lecture] | None:
    """The course that lists the deck at ``path``, and which lecture it is, when a course file
    is in the deck's folder or the one above (the course module is loaded only then)."""
    folder = path.resolve().parent
    if not any((f / name).is_file() for f in (folder, folder.parent) for name in COURSE_FILES):
        return None
    from generator.source.course import find_course

    return find_course(path)


def _access(path: Path, lecture: tuple[Course, Lecture] | None, root_folder: Path | None,
            allow_outside: Iterable[Path]) -> FileAccess:
    """Where the deck may read files: its root (the one its slides are included from) and the
    folders the person building allowed."""
    folder = path.resolve().parent
    root = (Path(root_folder).resolve() if root_folder is not None
            else lecture[0].folder if lecture is not None else folder)
    label = "the deck's folder" if root == folder else "the course's folder"
    return FileAccess(root, tuple(Path(p).resolve() for p in allow_outside), label)


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


class _DeckReader(SettingsReader, LectureSteps, ApparatusSteps):
    """Reads a deck's composed nodes into the model, one named step per key or group of keys.

    The steps are the ones :mod:`generator.source.keys` registers on its keys (``step=``); a
    key without one is read by :meth:`simple_values` from its declaration alone.
    """

    def __init__(self, reader: Reader, path: Path, text: str, access: FileAccess,
                 lecture: tuple[Course, Lecture] | None = None, root: Path | None = None
                 ) -> None:
        super().__init__(reader, path, text, access)
        self.reveal, self.dim = "none", False
        self.skip_keys = NOT_INLINE_TEXT
        self.begin_lecture(lecture, root)  # a course's lecture, included slides: lectures.py

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
        self.replace_variables(root, keys)
        values = self.simple_values(DECK, keys, check_math=True)
        self.theme(keys, values)
        self.style(keys, values)
        self.template(keys, values)
        inherited = self.inherit(keys, values)
        self.slide_defaults(keys, inherited)
        citing = self.bibliography(keys)
        slides = self.slides(keys)
        r.slide = r.slide_title = None
        self.cited_works([v for name, (_, v) in keys.items() if name != "slides"])
        self.reference_slides(slides)
        if r.problems:
            return None
        key_marks = MappingProxyType({k: r.mark(v) for k, (_, v) in keys.items()})
        deck = _model(Deck, DECK, values, path=self.path, slides=slides, mark=r.mark(root),
                      key_marks=key_marks, context=self.context(), access=self.access)
        return cited(deck, citing)

    def slide_defaults(self, keys: Keys, inherited: dict[str, Any] | None = None) -> None:
        """The deck's ``reveal:`` and ``dim:`` (else its course's): every slide's default."""
        inherited = inherited or {}
        self.reveal = self.reveal_mode(keys, "deck", inherited.get("reveal", "none"))
        self.dim = (bool(DECK["dim"].read(self.r, keys["dim"][1])) if "dim" in keys
                    else bool(inherited.get("dim", False)))

    def slides(self, keys: Keys) -> tuple[Slide, ...]:
        r = self.r
        read: list[Slide | None] = []
        node = keys.get("slides", (None, None))[1]
        if node is None:
            return ()
        items = r.sequence(node, "'slides'")
        if items is not None and not items:
            r.error(node, "'slides' is empty: a deck needs at least one slide")
        ids: dict[str, Node] = {}
        for item in items or ():
            if is_include(item):
                read.extend(self.include(item, len(read) + 1))
                continue
            read.append(self.slide(item, len(read) + 1))
            self.slide_id(item, ids)
        return tuple(slide for slide in read if slide is not None)

    def slide_id(self, item: Node, ids: dict[str, Node]) -> None:
        """A slide's ``id`` is unique in its file."""
        found = next((v for k, v in merged_pairs(item) if isinstance(k, ScalarNode)
                      and k.value == "id"), None) if isinstance(item, MappingNode) else None
        if not isinstance(found, ScalarNode):
            return
        if found.value in ids:
            self.r.error(found, f"duplicate slide id {found.value!r} (also at line "
                         f"{ids[found.value].start_mark.line + 1}); ids name one slide each")
        ids[found.value] = found

    # -- slides -------------------------------------------------------------------------------
    def slide(self, node: Node, number: int) -> Slide | None:
        r = self.r
        self.begin_slide(node, number)
        before = len(r.problems)
        self.inline_markup(node)
        self.cited_works([node])
        keys = r.mapping(node, SLIDE.names, SLIDE.what, required=SLIDE.required)
        if keys is None:
            return None
        values = self.simple_values(SLIDE, keys)
        layout, template_layout = self.layout(keys)
        subtitle = self.subtitle(keys, layout)
        self.slide_rules(keys, layout, bool(values.get("references")))
        blocks = self.blocks(keys, "the slide") + self.shorthand_blocks(keys)
        columns = self.columns(keys["columns"][1]) if "columns" in keys else ()
        widths = self.widths(keys, len(columns))
        image = self.image(keys)
        image_side = self.image_side(keys, layout, image)
        reveal = self.reveal_mode(keys, "slide", self.reveal)
        dim = SLIDE["dim"].read(r, keys["dim"][1]) if "dim" in keys else self.dim
        duration = self.duration(keys, layout)
        background = self.background(keys)
        release = self.answer(keys)
        notes = self.footnotes(keys)
        if len(r.problems) > before or values.get("title") is None:
            return None
        if image is not None:
            blocks, columns, widths = _with_picture(blocks, image, layout, image_side)
        slide = _model(Slide, SLIDE, values, number=number, layout=layout, subtitle=subtitle,
                       release=release, blocks=blocks, columns=columns, widths=widths,
                       reveal=reveal if layout != "section" else "none", dim=bool(dim),
                       mark=r.mark(node), template_layout=template_layout, duration=duration,
                       background=background)
        return numbered_notes(slide, notes) if notes is not None else slide

    def shorthand_blocks(self, keys: Keys) -> tuple[Block, ...]:
        """The slide-level ``table``, ``code``, ``quote``, ``timeline`` and ``images``: each a
        one-item body after the slide's text."""
        return tuple(b for name in _SHORTHAND_BLOCKS if name in keys
                     for b in self.block_item({name: keys[name]}))

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

    def slide_rules(self, keys: Keys, layout: str, references: bool = False) -> None:
        """The keys a slide may not combine: a section slide holds no content, nor does the
        slide of the reference list; a picture goes beside text but not beside columns; with
        'body' or 'columns', the other blocks go into a body (the slide's, above the columns,
        or a column's)."""
        r = self.r
        if layout == "section":
            for key in (*_CONTENT_KEYS, "source"):
                if key in keys:
                    r.error(keys[key][0], f"a section slide has only 'title', 'subtitle' and "
                            f"'notes'; remove {key!r} or drop 'layout: section'")
            return
        for key in _CONTENT_KEYS if references else ():
            if key in keys and key != "references":
                r.error(keys[key][0], f"the reference list fills its slide ('references: "
                        f"true'): move {key!r} to a slide of its own")
        if "image" in keys and "columns" in keys:
            r.error(keys["image"][0], "a slide can have 'image' or 'columns', not both (put the "
                    "picture in a column's 'body': '- image: {src: …, alt: …}')")
        for block in _SHORTHAND_BLOCKS:
            if block not in keys:
                continue
            for holder in ("body", "columns"):
                if holder in keys:
                    r.error(keys[block][0], f"a slide with {holder!r} holds its {block} in a "
                            f"body: move it into {'the slide' if holder == 'body' else 'a column'}"
                            f"'s 'body' as '- {block}: …'")

    def answer(self, keys: Keys, what: str = "slide") -> date | None:
        """``answer: true`` and ``release:`` (a day, or true): the day an answer reaches the
        student edition (``date.max``: never); ``None`` for what is not an answer."""
        group = SLIDE if what == "slide" else BODY_ITEM
        marked = group["answer"].read(self.r, keys["answer"][1]) if "answer" in keys else None
        if "release" in keys:
            release = group["release"].read(self.r, keys["release"][1])
            if marked is False:
                self.r.error(keys["answer"][0], "'release' says when an answer is shown to "
                             "students, but 'answer' is false: remove one of them")
            return release
        return date.max if marked else None

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

    def blocks(self, keys: dict[str, tuple[Node, Node]], where: str) -> tuple[Block, ...]:
        """``text`` then ``math`` then ``bullets``, or the general ordered ``body`` form."""
        r = self.r
        out: list[Block] = []
        if "body" in keys:
            for key in ("text", "bullets", "math"):
                if key in keys:
                    r.error(keys[key][0], f"{where} has both 'body' and {key!r}: use 'body' alone "
                            "(its items can be '- text: …', '- bullets: […]', '- math: …', "
                            "'- table: …' and the other blocks)")
            items = r.sequence(keys["body"][1], "'body'") or []
            for item in items:
                sub = r.mapping(item, BODY_ITEM.names, BODY_ITEM.what)
                if sub is None:
                    continue
                block_keys = {k: v for k, v in sub.items() if k not in BLOCK_MODIFIERS}
                if len(block_keys) != 1:
                    r.error(item, "each 'body' item has exactly one of the keys "
                            + ", ".join(repr(n) for n in BODY_ITEM.names
                                        if n not in BLOCK_MODIFIERS)
                            + " (and may have 'answer' and 'release')")
                    continue
                blocks = tuple(self.block_item(block_keys))
                release = self.answer(sub, "body item")
                out.extend(blocks if release is None
                           else (Answer(blocks, release, r.mark(item)),))
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

    def block_item(self, sub: Keys) -> list[Block]:
        """The blocks of one ``body`` item (``{kind: value}``, one key)."""
        name = next(iter(sub))
        if name in ("text", "bullets", "math"):
            return list(self.blocks(sub, "a 'body' item"))
        if name == "image":
            picture = self.picture(sub["image"][1], "an 'image' in a body")
            return [picture] if picture is not None else []
        if name == "images":
            images = self.images(sub)
            return [Gallery(images, self.r.mark(sub["images"][1]))] if images else []
        if name == "timeline":
            events = self.timeline(sub)
            return [Timeline(events, self.r.mark(sub["timeline"][1]))] if events else []
        found = {"table": self.table, "code": self.code, "quote": self.quote,
                 "diagram": self.diagram, "qr": self.qr_code}[name](sub)
        return [found] if found is not None else []

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

    def widths(self, keys: Keys, count: int) -> tuple[float, ...]:
        """``widths: [2, 1]``: one positive number per column (their ratios count)."""
        if "widths" not in keys:
            return ()
        r = self.r
        node = keys["widths"][1]
        if "columns" not in keys:
            r.error(keys["widths"][0], "'widths' sets the widths of 'columns', but the slide "
                    "has no 'columns'")
            return ()
        items = r.sequence(node, "'widths' (one number per column, like [2, 1])")
        if items is None:
            return ()
        if count and len(items) != count:
            r.error(node, f"'widths' needs one number per column: the slide has {count} "
                    f"columns, 'widths' has {len(items)}")
            return ()
        values = [r.number(item, "a column width", 0.1, 100) for item in items]
        return () if None in values else tuple(float(v) for v in values)

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
        pictures = (self.picture(item, "a picture in 'images'") for item in items)
        return tuple(p for p in pictures if p is not None)

    def picture(self, node: Node, what: str) -> Image | None:
        """One picture written as ``{src, alt, caption, credit, decorative}``."""
        r = self.r
        sub = r.mapping(node, IMAGE_ITEM.names, what, required=IMAGE_ITEM.required)
        if sub is None or "src" not in sub or "alt" not in sub:
            return None
        name = r.text(sub["src"][1], "a picture's 'src'")
        path = self._existing_file(sub["src"][1], name, "image", IMAGE_SUFFIXES) \
            if name else None
        if self._unreadable_picture(sub["src"][1], name, path, "image"):
            return None
        texts = {k: IMAGE_ITEM[k].read(r, sub[k][1]) for k in ("caption", "credit") if k in sub}
        decorative = (bool(IMAGE_ITEM["decorative"].read(r, sub["decorative"][1]))
                      if "decorative" in sub else False)
        alt = r.text(sub["alt"][1], "a picture's 'alt'", allow_empty=decorative)
        alt = shape_text(alt, "one_line") if alt is not None else None
        if not decorative and alt is not None and not alt:
            r.error(sub["alt"][1], "a picture's 'alt' is empty: describe the picture, or mark "
                    "it 'decorative: true'")
            return None
        if path is None or alt is None:
            return None
        return Image(path, alt, texts.get("caption"), r.mark(node), texts.get("credit"),
                     decorative=decorative)

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

    # -- diagrams and QR codes ----------------------------------------------------------------
    def diagram(self, keys: Keys) -> Diagram | None:
        """``diagram: {dot, alt}`` or ``{flowchart, alt}``: a flowchart is converted to DOT
        here, what it cannot read located in its text; Graphviz reads the DOT when the slide
        is laid out."""
        r = self.r
        node = keys["diagram"][1]
        sub = r.mapping(node, DIAGRAM.names, DIAGRAM.what)
        if sub is None:
            return None
        before = len(r.problems)
        alt = DIAGRAM["alt"].read(r, sub["alt"][1]) if "alt" in sub else None
        if "alt" not in sub:
            r.error(node, "a diagram needs 'alt': a sentence saying what it shows, for screen "
                    "readers and for anyone who cannot see it")
        dot, line = None, 0
        if ("dot" in sub) == ("flowchart" in sub):
            r.error(node, "a diagram needs 'dot' (Graphviz DOT) or 'flowchart' (the Mermaid "
                    "flowchart subset), one of the two")
        elif "dot" in sub:
            dot, line = self.dot(sub["dot"][1])
        else:
            dot = self.flowchart(sub["flowchart"][1])
        if len(r.problems) > before or dot is None or not alt:
            return None
        return Diagram(dot, alt.strip(), r.mark(node), line)

    def dot(self, node: Node) -> tuple[str | None, int]:
        """``(DOT text, the file line of its first line)``; a text that is no graph reported."""
        dot = self.r.text(node, "a diagram's 'dot'")
        if dot is None:
            return None, 0
        if not _DOT_GRAPH.match(dot):
            self.r.error(node, "'dot' is a Graphviz graph: 'digraph { a -> b }' (arrows) or "
                         "'graph { a -- b }' (lines); for the Mermaid syntax use 'flowchart'")
            return None, 0
        block = isinstance(node, ScalarNode) and node.style in ("|", ">")
        return dot, node.start_mark.line + 1 + (1 if block else 0)

    def flowchart(self, node: Node) -> str | None:
        """The Mermaid flowchart as DOT; what the subset cannot read, located where it is."""
        from generator.source.flowchart import FlowchartError, to_dot

        text = self.r.text(node, "a diagram's 'flowchart'")
        if text is None:
            return None
        try:
            return to_dot(text)
        except FlowchartError as err:
            line, column = scalar_position(self.text, node, err.offset)
            self.r.problems.append(Problem(self.r.path, line, column, err.message,
                                           self.r.slide, self.r.slide_title))
            return None

    def qr_code(self, keys: Keys) -> QRCode | None:
        """``qr: https://…`` or ``qr: {url, caption}``."""
        r = self.r
        node = keys["qr"][1]
        url_node, caption = node, None
        if not isinstance(node, ScalarNode):
            sub = r.mapping(node, QR.names, QR.what, required=QR.required)
            if sub is None or "url" not in sub:
                return None
            url_node = sub["url"][1]
            if "caption" in sub:  # text with markup under 'qr', whose address has none
                self.inline_markup(sub["caption"][1])
                self.cited_works([sub["caption"][1]])
                caption = QR["caption"].read(r, sub["caption"][1])
                if caption is None:
                    return None
        url = _one_line(r.text(url_node, "a QR code's address"))
        if url is None:
            return None
        url = url.strip()
        if not _URL.match(url):
            bare = "https://" + url if "." in url and " " not in url else "https://example.org/"
            r.error(url_node, f"a QR code holds a full address with its scheme, like {bare} "
                    f"(or mailto:…), got {url!r}")
            return None
        return QRCode(url, caption.strip() if caption else None, r.mark(node))

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
        if path is not None and not self.access.permits(path):
            r.error(node, self.access.refusal("code file", name, self.base))
            return None, 1, "", None
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

# What a line break means depends on the field (see "Line breaks, tabs and spaces" in the docs):
# in paragraphs a blank line starts a new paragraph; in titles, bullets, headings and captions
# every break is one line break; the footer and alt text are one line.
_PARAGRAPH_BREAK = re.compile(r"\n{2,}")


def _with_picture(blocks: tuple[Block, ...], image: Image, layout: str, side: str
                  ) -> tuple[tuple[Block, ...], tuple[Column, ...], tuple[float, ...]]:
    """A slide's ``image:`` shorthand expanded: alone (or full bleed) the picture is the body;
    beside other blocks it and they are two columns, the picture on ``side``."""
    if layout == "full" or not blocks:
        return blocks + (image,), (), ()
    text = Column(None, blocks, blocks[0].mark)
    picture = Column(None, (image,), image.mark)
    share = (TEXT_SHARE, PICTURE_SHARE)
    if side == "left":
        return (), (picture, text), share[::-1]
    return (), (text, picture), share


def _lines(text: str | None) -> str | None:
    """``text`` with runs of line breaks (blank lines) folded into one line break."""
    return shape_text(text, "lines")


def _one_line(text: str | None) -> str | None:
    """``text`` on one line: each line break (with the spaces around it) becomes a space."""
    return shape_text(text, "one_line")


_HEX = re.compile(r"^#[0-9A-Fa-f]{6}$")
_URL = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:(//)?[^\s/]\S*$")
# A DOT graph, perhaps after comments: [strict] (di)graph [name] {
_DOT_GRAPH = re.compile(r"^(?:\s+|//[^\n]*|#[^\n]*|/\*.*?\*/)*(?:strict\s+)?(?:di)?graph\b[^{]*\{",
                        re.S | re.I)
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


__all__ = ["load_deck", "Problem", "SourceError"]
