"""Read a Markdown slide deck in any of the dialects lecturers use into a draft deck.

The dialect is told from the file: Marp (``marp: true``, Marp directives), Slidev (per-slide
front matter, ``::right::``, Vue click components), Remark/xaringan (``???``, ``class:`` lines,
``.pull-left[``, ``xaringan`` output), reveal.js (``Note:``, ``--`` vertical slides), Quarto and
R Markdown (``.qmd``/``.Rmd``, ``format: revealjs``), pandoc (``::: notes``, headings), or a plain
outline. Each dialect says where slides break and where speaker notes are; the slides' content
is then read the same way for all (``markdown_blocks``). Nothing stops an import: what has no
place in a deck is dropped with a counted warning, never printed on a slide.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from generator.importer.draft import (DraftColumn, DraftDeck, DraftSlide, PictureBlock,
                                      TextBlock)
from generator.importer.markdown_blocks import Context, Picture, in_code, read_blocks
from generator.importer.report import Report
from generator.importer.texts import guess_language

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})[ \t]+(.*?)[ \t]*#*[ \t]*$")
_SETEXT = re.compile(r"^[ \t]{0,3}(=+|-+)[ \t]*$")
_RULE = re.compile(r"^[ \t]{0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_COMMENT = re.compile(r"<!--(.*?)-->", re.DOTALL)
_REFERENCE = re.compile(r"^[ \t]{0,3}\[(?!\^)([^\]]+)\]:[ \t]*\n?[ \t]*(\S+)(?:[ \t]+\"[^\"]*\")?"
                        r"[ \t]*$", re.MULTILINE)
_NOTES_LINE = re.compile(r"^(?:\?\?\?|notes?:|speaker notes:?)[ \t]*(?P<rest>.*)$",
                         re.IGNORECASE)
_NOTES_HEADING = re.compile(r"^#{1,6}[ \t]+(?:speaker[ \t]+)?notes[ \t]*:?[ \t]*$", re.IGNORECASE)
# Marp's directives (global and local, ``_`` for this slide only)
MARP_DIRECTIVES = frozenset((
    "theme", "style", "headingDivider", "lang", "size", "math", "title", "author",
    "description", "image", "keywords", "url", "marp", "paginate", "header", "footer", "class",
    "backgroundColor", "backgroundImage", "backgroundPosition", "backgroundRepeat",
    "backgroundSize", "color", "transition", "inlineSVG"))
REMARK_PROPERTIES = frozenset(("class", "name", "background-image", "background-size",
                               "background-position", "background-color", "background-repeat",
                               "layout", "template", "count", "exclude", "seal"))
SLIDEV_KEYS = frozenset(("layout", "class", "background", "image", "transition", "clicks",
                         "hide", "disabled", "preload", "level", "title", "hideInToc", "src",
                         "routeAlias", "zoom", "dragPos", "backgroundSize", "theme"))
DIALECTS = ("marp", "slidev", "remark", "reveal", "quarto", "rmarkdown", "pandoc", "outline")


@dataclass
class RawSlide:
    """One slide's Markdown as the dialect cut it: its lines, where they start (1-based),
    its notes and the properties written for it (Slidev front matter, Remark ``class:``)."""

    lines: list[str]
    start: int
    notes: list[str] = field(default_factory=list)
    props: dict[str, Any] = field(default_factory=dict)


@dataclass
class MarkdownDeck:
    """The draft deck, the pictures it needs copied, and the dialect it was read as."""

    deck: DraftDeck
    pictures: list[Picture] = field(default_factory=list)
    dialect: str = "outline"
    pending_notes: str = ""  # notes of a slide with nothing on it, for the next slide
    pending_comments: list[str] = field(default_factory=list)


def read_markdown(path: Path, report: Report) -> MarkdownDeck:
    """Read the Markdown deck at ``path`` (``.md``, ``.markdown``, ``.qmd``, ``.Rmd``)."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252", errors="replace")
        report.warn(path.name, "the file is not UTF-8: read as Windows-1252")
    return parse_markdown(text, path.stem, path.parent, report, path.suffix.lower())


def parse_markdown(text: str, name: str, base: Path, report: Report,
                   suffix: str = ".md") -> MarkdownDeck:
    """Parse Markdown ``text``; pictures are resolved against ``base``."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").replace("\t", "    ").split("\n")
    meta, offset = _front_matter(lines, report)
    lines = lines[offset:]
    dialect = detect_dialect(meta, "\n".join(lines), suffix)
    result = MarkdownDeck(DraftDeck(title=""), dialect=dialect)
    deck = result.deck
    _deck_meta(deck, meta, report)
    references = _references(lines)
    slides = split_slides(lines, offset + 1, dialect, meta, report)
    context = Context(report, base, references, dialect)
    for raw in slides:
        _read_slide(raw, result, context)
    result.pictures = context.pictures
    _title_slide(deck, meta, report)
    if not deck.language:
        words = " ".join(r.text for s in deck.slides for b in s.blocks
                         if isinstance(b, TextBlock) for r in b.rows)
        deck.language = guess_language(f"{deck.title} {words}")
    if not deck.title:
        deck.title = re.sub(r"[_\-]+", " ", name).strip().capitalize() or "Imported deck"
        deck.comments.append(f"deck title guessed from the file name {name!r}")
    if not deck.slides:
        deck.slides.append(DraftSlide(title=deck.title))
        deck.slides[0].comments.append("the file has no slides")
    report.flush_markup()
    return result


# -- the file's header ---------------------------------------------------------------------------

def _front_matter(lines: list[str], report: Report) -> tuple[dict[str, Any], int]:
    """The YAML front matter (``---`` … ``---`` or ``...``) and the number of lines it takes."""
    start = 0
    while start < len(lines) and (not lines[start].strip() or lines[start].lstrip().startswith(
            "<!--")):
        if "<!--" in lines[start] and "-->" not in lines[start]:  # a comment over several lines
            while start < len(lines) and "-->" not in lines[start]:
                start += 1
        start += 1
    if start >= len(lines) or lines[start].strip() != "---":
        return {}, 0
    for end in range(start + 1, len(lines)):
        if lines[end].strip() in ("---", "..."):
            block = "\n".join(lines[start + 1:end])
            try:
                meta = yaml.safe_load(block) if block.strip() else {}
            except yaml.YAMLError as err:
                report.warn(f"{report.source}:{start + 1}", f"the front matter is not valid YAML "
                            f"({type(err).__name__}): not imported")
                return {}, end + 1
            if not isinstance(meta, dict):
                return {}, 0  # a rule and a separator, not front matter
            return meta, end + 1
    return {}, 0


def detect_dialect(meta: dict[str, Any], text: str, suffix: str) -> str:
    """Which slide tool the Markdown was written for (one of :data:`DIALECTS`)."""
    output = str(meta.get("output", "")) + str(meta.get("format", ""))
    if meta.get("marp") is True or re.search(r"<!--\s*(?:marp\s*:\s*true|headingDivider\s*:|"
                                              r"_?class\s*:|_?paginate\s*:)", text):
        return "marp"
    slidev = re.search(r"^---\n(?:[\w-]+:.*\n)+---$", text, re.MULTILINE) or re.search(
        r"^::(?:right|left|default)::[ \t]*$|<v-clicks?\b|<v-click\b|<v-after\b", text,
        re.MULTILINE) or (set(meta) & {"highlighter", "drawings", "mdc", "colorSchema"})
    if "xaringan" in output or "moon_reader" in output or (not slidev and re.search(
            r"^(?:\?\?\?|class:[ \t]*\S.*|\.(?:pull-left|pull-right|left-column|right-column)\[)"
            r"[ \t]*$", text, re.MULTILINE)):
        return "remark"
    if suffix == ".qmd" or "revealjs" in output and "quarto" in output:
        return "quarto"
    if suffix == ".rmd":
        return "rmarkdown"
    if slidev:
        return "slidev"
    separators = re.search(r"^---[ \t]*$", text, re.MULTILINE)
    if (re.search(r"^Notes?:", text, re.MULTILINE) and separators) or re.search(
            r"^--[ \t]*$|<!--\s*\.slide:", text, re.MULTILINE) or "revealOptions" in meta:
        return "reveal"
    if re.search(r"^:{3,}[ \t]*\{?[ \t]*\.?(?:notes|columns)\b", text, re.MULTILINE) or any(
            k in meta for k in ("output", "format", "slide-level", "slide_level", "theme")):
        return "pandoc"
    return "outline"


def _deck_meta(deck: DraftDeck, meta: dict[str, Any], report: Report) -> None:
    from generator.importer.markdown_blocks import plain_inline

    for key in ("title", "subtitle", "author", "date"):
        value = meta.get(key)
        if value is None:
            continue
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            value = [v.get("name") for v in value if v.get("name")]
        text, comment = _meta_text(value)
        if text is None:
            report.warn(f"{report.source}:front matter", f"the front matter's {key!r} "
                        f"({comment}) is not imported")
            deck.comments.append(f"not imported: the front matter's {key!r} ({comment})")
            continue
        if key == "date" and text.startswith("`r "):  # an R expression: today's date
            report.warn(f"{report.source}:front matter", f"the date {text!r} is R code: "
                        "not imported")
            continue
        setattr(deck, key, plain_inline(text, report, f"{report.source}:front matter") or None)
        if comment:
            deck.comments.append(f"the front matter's {key!r} was {comment}")
    institute = meta.get("institute")
    if isinstance(institute, str) and institute.strip():
        deck.author = f"{deck.author}, {institute.strip()}" if deck.author else institute.strip()
    lang = meta.get("lang") or meta.get("language")
    if isinstance(lang, str) and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*", lang.strip()):
        deck.language = lang.strip()
    footer = meta.get("footer")
    if isinstance(footer, str) and footer.strip():
        deck.footer = plain_inline(re.sub(r"\s*\n\s*", " ", footer), report,
                                   f"{report.source}:front matter") or None
    if meta.get("paginate") is False:
        deck.slide_numbers = False
    size = str(meta.get("size", meta.get("aspectratio", "")))
    if size in ("4:3", "43"):
        deck.aspect = "4:3"


def _meta_text(value: Any) -> tuple[str | None, str | None]:
    """A front-matter value as text, and a comment when it was not text already."""
    if isinstance(value, str):
        return value.strip(), None
    if isinstance(value, datetime.date):
        return value.isoformat(), None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value), None
    if isinstance(value, list) and value and all(
            isinstance(v, (str, int, float)) and not isinstance(v, bool) for v in value):
        return ", ".join(map(str, value)), "a list, joined with commas"
    kind = {bool: "the true/false value", list: "a list", dict: "a mapping"}.get(type(value), "")
    return None, f"{kind} {value!r}, not text".lstrip()


def _references(lines: list[str]) -> str:
    """The file's link and picture reference definitions (``[name]: url``), which Marp decks
    keep at the end: every slide is read with them."""
    return "\n".join(f"[{m[1]}]: {m[2]}" for m in _REFERENCE.finditer("\n".join(lines)))


# -- cutting the file into slides ----------------------------------------------------------------

def split_slides(lines: list[str], first: int, dialect: str, meta: dict[str, Any],
                 report: Report) -> list[RawSlide]:
    """The file's lines (numbered from ``first``) cut into slides as ``dialect`` does."""
    chunks = _chunks(lines, first, dialect)
    if dialect == "marp":
        divider = _heading_divider(meta, lines)
        if divider:
            chunks = [part for chunk in chunks for part in _cut_at_headings(chunk, divider)]
    elif dialect in ("pandoc", "quarto", "rmarkdown", "outline", "reveal"):
        level = _slide_level(meta, chunks, dialect)
        chunks = [part for chunk in chunks for part in _cut_at_headings(chunk, level)]
    slides = []
    for chunk in chunks:
        raw = _slide_properties(chunk, dialect, report)
        if raw is None:
            continue
        _take_notes(raw, dialect)
        if any(line.strip() for line in raw.lines) or raw.notes or raw.props:
            slides.append(raw)
    return _merge_slidev_front_matter(slides) if dialect == "slidev" else slides


def _chunks(lines: list[str], first: int, dialect: str) -> list[RawSlide]:
    """Cut at the dialect's separator lines (never inside a code block)."""
    chunks = [RawSlide([], first)]
    for index, (line, code) in enumerate(zip(lines, in_code(lines))):
        if not code and _is_separator(line, lines, index, dialect):
            chunks.append(RawSlide([], first + index + 1))
            continue
        if not code and dialect == "remark" and line.strip() == "--":
            continue  # an incremental step: the same slide goes on
        chunks[-1].lines.append(line)
    return chunks


def _is_separator(line: str, lines: list[str], index: int, dialect: str) -> bool:
    stripped = line.strip()
    if dialect in ("marp", "slidev", "remark"):
        return stripped == "---" or (dialect == "marp" and stripped in ("***", "___"))
    if dialect == "reveal" and stripped in ("--", "---"):
        return True
    if not _RULE.match(line):
        return False
    previous = lines[index - 1].strip() if index else ""
    if stripped.startswith("-") and previous and not previous.startswith(("<", "|")):
        return False  # a setext heading's underline, not a rule
    return True


def _heading_divider(meta: dict[str, Any], lines: list[str]) -> int:
    """Marp's ``headingDivider`` (front matter or a comment directive): slides also break before
    every heading of this level or higher."""
    value = meta.get("headingDivider")
    found = re.search(r"headingDivider\s*:\s*(\d)", "\n".join(lines))
    if found:
        value = found[1]
    try:
        return int(value) if value is not None else 0
    except (TypeError, ValueError):
        return 0


def _slide_level(meta: dict[str, Any], chunks: list[RawSlide], dialect: str) -> int:
    """The heading level that starts a slide: as set, else ``##`` in an outline, Quarto or
    R Markdown deck that has any and no ``---`` rules between its slides (``#`` makes section
    slides there), else pandoc's rule: the highest heading level followed directly by content
    (not by another heading)."""
    for key in ("slide-level", "slide_level"):
        if str(meta.get(key, "")).isdigit():
            return int(meta[key])
    output = meta.get("output")
    if isinstance(output, dict):
        for value in output.values():
            if isinstance(value, dict) and str(value.get("slide_level", "")).isdigit():
                return int(value["slide_level"])
    if dialect in ("outline", "quarto", "rmarkdown") and len(chunks) < 3 and any(
            level == 2 for chunk in chunks for _, level in _headings(chunk.lines)):
        return 2  # without --- rules between slides: ## slides, # sections
    levels = []
    for chunk in chunks:
        headings = _headings(chunk.lines)
        for position, (index, level) in enumerate(headings):
            following = chunk.lines[index + 1:headings[position + 1][0]] if (
                position + 1 < len(headings)) else chunk.lines[index + 1:]
            if any(line.strip() for line in following):
                levels.append(level)
    return min(levels) if levels else 1


def _headings(lines: list[str]) -> list[tuple[int, int]]:
    """``(line index, level)`` of each ATX heading outside code blocks."""
    out = []
    for index, (line, code) in enumerate(zip(lines, in_code(lines))):
        found = None if code else _HEADING.match(line)
        if found:
            out.append((index, len(found[1])))
    return out


def _cut_at_headings(chunk: RawSlide, level: int) -> list[RawSlide]:
    """``chunk`` cut before each heading of ``level`` or higher (a heading above ``level`` is a
    slide of its own, as pandoc makes section slides)."""
    cuts = [index for index, found in _headings(chunk.lines) if found <= level]
    if not cuts:
        return [chunk]
    parts = []
    starts = ([0] if cuts[0] else []) + cuts
    for start, end in zip(starts, starts[1:] + [len(chunk.lines)]):
        parts.append(RawSlide(chunk.lines[start:end], chunk.start + start))
    if parts and parts[0].start == chunk.start and not any(
            line.strip() for line in parts[0].lines):
        parts.pop(0)
    return parts


def _slide_properties(raw: RawSlide, dialect: str, report: Report) -> RawSlide | None:
    """Take the slide's own settings out of its lines: Remark's ``class:`` lines, Marp's
    directive comments. ``None`` for a slide that is not shown (Remark's ``exclude: true``,
    a ``layout: true`` template)."""
    where = f"{report.source}:{raw.start}"
    if dialect == "remark":
        kept, index, code = [], 0, in_code(raw.lines)
        while index < len(raw.lines):
            line = raw.lines[index]
            if not code[index] and line.strip():
                found = re.match(r"^([\w-]+):[ \t]*(.*)$", line)
                if not found or found[1] not in REMARK_PROPERTIES:
                    break
                raw.props[found[1]] = found[2].strip()
                report.drop("Remark slide properties", f"{report.source}:{raw.start + index}")
                index += 1
                continue
            kept.append(line)
            index += 1
        raw.lines = kept + raw.lines[index:]
        if raw.props.get("exclude") == "true":
            report.warn(where, "a slide marked 'exclude: true' (not shown) is not imported")
            return None
        if raw.props.get("layout") == "true":
            report.warn(where, "a Remark template slide ('layout: true') is not imported: its "
                        "content is the frame of the slides after it")
            return None
    text = "\n".join(raw.lines)
    kept = []
    for found in _COMMENT.finditer(text):
        body = found[1].strip()
        if _is_directive(body):
            report.drop("Marp directives", where, len(body.splitlines()))
            kept.append((found.start(), found.end(), ""))
    for start, end, replacement in reversed(kept):
        text = text[:start] + replacement + text[end:]
    raw.lines = text.split("\n")
    return raw


def _is_directive(body: str) -> bool:
    """Whether an HTML comment holds only Marp directives (``_class: lead``) or a reveal.js
    slide attribute (``.slide: data-background=…``, ``.element: class=…``)."""
    if re.match(r"^\.(?:slide|element)\s*:", body):
        return True
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    return bool(lines) and all(
        re.match(r"^_?(\w+)\s*:", line) and re.match(r"^_?(\w+)", line)[1] in MARP_DIRECTIVES
        for line in lines)


def _take_notes(raw: RawSlide, dialect: str) -> None:
    """Move the speaker notes out of the slide's lines: after ``???`` (Remark), ``Note:``
    (reveal.js), a "Speaker notes" heading; Marp and Slidev's HTML comments."""
    for index, (line, code) in enumerate(zip(raw.lines, in_code(raw.lines))):
        if code:
            continue
        stripped = line.strip()
        found = _NOTES_LINE.match(stripped)
        is_notes = found is not None and not line.startswith(" ") and (
            (stripped.startswith("???") and dialect == "remark")
            or (re.match(r"^notes?:", stripped, re.IGNORECASE) and dialect == "reveal")
            or re.match(r"^(?:speaker notes|notes):", stripped, re.IGNORECASE))
        if is_notes or _NOTES_HEADING.match(stripped):
            rest = found["rest"] if found else ""
            raw.notes += ([rest] if rest else []) + raw.lines[index + 1:]
            raw.lines = raw.lines[:index]
            break
    text = "\n".join(raw.lines)
    comments = [m for m in _COMMENT.finditer(text) if m[1].strip()]
    if comments:
        for found in comments:
            raw.notes.append(found[1].strip())
        text = _COMMENT.sub("", text)
        raw.lines = text.split("\n")


def _merge_slidev_front_matter(slides: list[RawSlide]) -> list[RawSlide]:
    """Slidev writes a slide's settings between two separators (``---`` ``layout: center``
    ``---``): such a piece is the next slide's front matter, not a slide."""
    out: list[RawSlide] = []
    pending: dict[str, Any] | None = None
    for raw in slides:
        body = [line for line in raw.lines if line.strip()]
        settings = None
        if body and all(re.match(r"^#?[\w-]+\s*:", line) or line.startswith((" ", "#"))
                        for line in body) and re.match(r"^[\w-]+\s*:", body[0]):
            try:
                loaded = yaml.safe_load("\n".join(raw.lines))
            except yaml.YAMLError:
                loaded = None
            if isinstance(loaded, dict) and set(loaded) & SLIDEV_KEYS:
                settings = loaded
        if settings is not None and not raw.notes:
            pending = {**(pending or {}), **settings}
            continue
        if pending is not None:
            raw.props.update(pending)
            pending = None
        out.append(raw)
    return out


# -- one slide -----------------------------------------------------------------------------------

def _read_slide(raw: RawSlide, result: MarkdownDeck, context: Context) -> None:
    deck = result.deck
    report = context.report
    where = f"{report.source}:{raw.start}"
    content = read_blocks(raw.lines, raw.start, context)
    notes = "\n".join(raw.notes + content.notes).strip("\n")
    title = content.title
    previous = deck.slides[-1].title if deck.slides else None
    slide = DraftSlide(title=title or "", notes=_tidy_notes(notes, context, where))
    slide.blocks = content.blocks
    slide.columns = [DraftColumn(c.heading, [], c.blocks) for c in content.columns]
    slide.widths = content.widths
    slide.comments += content.comments
    for picture in _prop_pictures(raw.props, context, where):
        slide.blocks.append(picture)
    if raw.props.get("hide") is True or raw.props.get("disabled") is True:
        slide.hidden = True
    if context.dialect != "remark":  # Remark's were counted as they were read
        _drop_props(raw.props, report, where)
    has_content = bool(slide.blocks or slide.columns)
    if result.pending_notes:
        slide.notes = "\n\n".join(filter(None, [result.pending_notes, slide.notes]))
        slide.comments[:0] = result.pending_comments
        result.pending_notes, result.pending_comments = "", []
    if not title:
        if not has_content:  # notes of a slide that shows nothing go on to the next
            result.pending_notes, result.pending_comments = slide.notes, slide.comments
            return
        if previous is None:
            slide.title = deck.title or "Introduction"
            slide.comments.append("this slide had no heading: its title is the deck's")
        else:
            slide.title = previous
            slide.comments.append("this slide had no heading: it continues the one before")
    elif not has_content and content.level == 1 or (
            not has_content and raw.props.get("layout") in ("section", "cover", "intro")):
        slide.layout = "section"
    elif content.level == 1 and _only_subtitle(slide):
        slide.layout = "section"
        slide.subtitle = slide.blocks[0].rows[0].text
        slide.blocks = []
    deck.slides.append(slide)


def _only_subtitle(slide: DraftSlide) -> bool:
    blocks = slide.blocks
    return (not slide.columns and len(blocks) == 1 and isinstance(blocks[0], TextBlock)
            and len(blocks[0].rows) == 1 and not blocks[0].rows[0].bullet
            and "\n" not in blocks[0].rows[0].text and len(blocks[0].rows[0].text) <= 120)


def _tidy_notes(notes: str, context: Context, where: str) -> str:
    """Notes as plain lines: Markdown inside them stays as written (the notes are not
    rendered as markup beyond the deck's inline markup)."""
    from generator.importer.markdown_blocks import plain_inline

    lines = [plain_inline(line, context.report, where, keep_markup=True)
             for line in notes.split("\n")]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()


def _prop_pictures(props: dict[str, Any], context: Context, where: str) -> list[PictureBlock]:
    """Pictures a slide names in its settings: Slidev's ``image:`` (``image-right`` layouts),
    Remark's ``background-image: url(…)``."""
    out = []
    for key in ("image", "background-image", "background"):
        value = props.get(key)
        if not isinstance(value, str):
            continue
        found = re.search(r"url\(\s*['\"]?([^'\")]+)['\"]?\s*\)", value)
        src = found[1] if found else value.strip()
        if key == "background" and not re.search(r"\.(png|jpe?g|gif|svg|webp|bmp|tiff?)\b",
                                                 src, re.IGNORECASE):
            continue
        picture = context.picture(src, "", None, where)
        if picture is not None:
            out.append(picture)
    return out


def _drop_props(props: dict[str, Any], report: Report, where: str) -> None:
    kept = {"hide", "disabled", "image", "background-image", "background"}
    count = sum(1 for key in props if key not in kept)
    report.drop("slide settings (layout, class, transition)", where, count)


def _title_slide(deck: DraftDeck, meta: dict[str, Any], report: Report) -> None:
    """The deck's title: the front matter's, else the first slide's heading. A first slide that
    holds nothing but its heading (and a line under it) becomes the title slide."""
    if not deck.slides:
        return
    first = deck.slides[0]
    title_only = first.layout == "section" or (not first.blocks and not first.columns)
    if deck.title:
        if title_only and first.title.strip() == deck.title.strip():
            if first.subtitle and not deck.subtitle:
                deck.subtitle = first.subtitle
            if first.notes:
                deck.comments.append("the title slide's speaker notes (a deck has no notes "
                                     "of its own):\n" + first.notes)
            deck.slides.pop(0)
        return
    deck.title = first.title
    if title_only:
        if first.subtitle:
            deck.subtitle = deck.subtitle or first.subtitle
        if first.notes:
            deck.comments.append("the title slide's speaker notes (a deck has no notes "
                                 "of its own):\n" + first.notes)
        deck.slides.pop(0)
