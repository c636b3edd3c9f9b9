"""One Markdown slide's lines as deck blocks: title, paragraphs, bullets, code, tables, math,
pictures, quotes, columns and notes, with every dialect's extra markup taken out and counted."""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from urllib.parse import unquote

from generator.importer.draft import (Block, CodeBlock, MathBlock, PictureBlock, QuoteBlock, Row,
                                      TableBlock, TextBlock)
from generator.importer.report import Report
from generator.importer.texts import escape, inline_math, latex_problem, normalise_latex

_FENCE = re.compile(r"^[ \t]{0,3}(`{3,}|~{3,})")
_DIV_OPEN = re.compile(r"^[ \t]*(:{3,})[ \t]*(\{[^}]*\}|[\w-]+)[ \t]*(?:\{[^}]*\})?[ \t]*:*[ \t]*$")
_DIV_CLOSE = re.compile(r"^[ \t]*:{3,}[ \t]*$")
_REMARK_OPEN = re.compile(r"^[ \t]*\.([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*)\[[ \t]*(?P<rest>.*)$")
_REMARK_INLINE = re.compile(r"\.([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*)\[([^\[\]]*)\]")
_SLOT = re.compile(r"^[ \t]*::([\w-]+)::[ \t]*$")
_LATEX_LINE = re.compile(r"^[ \t]*\\[A-Za-z]+\*?(?:\[[^\]]*\]|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\})*"
                         r"[ \t]*(?:%.*)?$")
_HEADING_ATTRS = re.compile(r"^(#{1,6}[ \t]+.*?)[ \t]*\{[^{}]*\}[ \t]*$")
_LATEX_INLINE = re.compile(r"\\([A-Za-z]+)\*?(?:\{([^{}]*)\})?(?:\{([^{}]*)\})?")
_ATTR_AFTER = re.compile(r"^\{[^{}\n]*\}")
# a tag CommonMark does not read as HTML: a name with a colon (<carbon:edit/>), attributes
# written the Vue way (@click=, :count=, v-click)
_VUE_TAG = re.compile(r"</?[A-Za-z][\w-]*:[\w:.-]*(?:\s[^<>]*)?/?>|<[A-Za-z][\w-]*\s+[^<>]*"
                      r"(?:\s|^)(?:@|:|v-)[\w.:-]+[^<>]*>")
_TAG = re.compile(r"<(/?)([A-Za-z][\w:.-]*)((?:\s+[^>]*?)?)\s*(/?)>", re.DOTALL)
_MARP_IMAGE_WORDS = re.compile(
    r"^(?:bg|left|right|top|bottom|contain|cover|fit|auto|vertical|center|"
    r"(?:w|h|width|height|left|right|opacity|blur|brightness|contrast|drop-shadow|grayscale|"
    r"hue-rotate|invert|saturate|sepia|sizing)(?::\S*)?|\d+%|x\d+(?:\.\d+)?)$")
_INCLUDE_GRAPHICS = re.compile(r"^\s*(?:knitr::)?include_graphics\(\s*(?:c\()?(.*?)\)?\s*"
                               r"(?:,[^)]*)?\)\s*$", re.DOTALL)
_SAFE_LINK = ("http://", "https://", "mailto:")
# inline HTML tags that have a deck markup
_TAG_MARKUP = {"b": "**", "strong": "**", "i": "*", "em": "*", "s": "~~", "del": "~~",
               "strike": "~~", "sup": "^", "sub": "~"}
_CODE_TAGS = ("code", "kbd", "tt", "samp")
_LANGS = {"c++": "cpp", "js": "javascript", "ts": "typescript", "sh": "bash", "shell": "bash",
          "console": "console", "py": "python", "python3": "python", "rmd": "md",
          "vue": "html", "jsx": "jsx", "tsx": "tsx", "yml": "yaml", "plaintext": "text",
          "txt": "text", "math": "latex"}


def in_code(lines: list[str]) -> list[bool]:
    """For each line, whether it belongs to a fenced code block (its fences included): the
    lines no slide separator, heading or div is looked for in."""
    flags, fence = [], None
    for line in lines:
        opened = _FENCE.match(line)
        if fence is None and opened:
            fence = opened[1]
            flags.append(True)
        elif fence is not None:
            if line.strip().startswith(fence) and not line.strip().strip(fence[0]):
                fence = None
            flags.append(True)
        else:
            flags.append(False)
    return flags


@dataclass
class Picture:
    """A picture file a slide uses, to be copied beside the deck YAML (``block.src`` is set to its
    new name then)."""

    source: Path
    block: PictureBlock


@dataclass
class Context:
    """What reading a slide needs from the whole file, and the pictures found so far."""

    report: Report
    base: Path
    references: str = ""
    dialect: str = "outline"
    pictures: list[Picture] = field(default_factory=list)

    def picture(self, src: str, alt: str, caption: str | None, where: str
                ) -> PictureBlock | None:
        """The picture at ``src`` (relative to the Markdown file), or ``None`` with a warning
        when it cannot be had (on the web, missing, a format no deck shows)."""
        from generator.source.reader import IMAGE_SUFFIXES

        src = src.strip().strip("<>")
        if re.match(r"^[a-z][a-z0-9+.-]*:", src, re.IGNORECASE):
            what = "an inline data picture" if src.startswith("data:") else f"the picture {src}"
            self.report.warn(where, f"{what} is on the web, not in the deck's folder: not "
                             "downloaded (save it beside the deck and add it)")
            return None
        path = self.base / unquote(src.split("?")[0].split("#")[0]).lstrip("/")
        if not path.is_file() and src.startswith("/"):
            path = self.base / "public" / unquote(src).lstrip("/")  # Slidev's public folder
        if not path.is_file():
            self.report.warn(where, f"the picture {src} is not found: not imported")
            return None
        if path.suffix.lower() not in IMAGE_SUFFIXES:
            self.report.warn(where, f"the picture {src} is a {path.suffix.lower() or 'typeless'} "
                             "file, which a deck cannot show: not imported (convert it to PNG)")
            return None
        block = PictureBlock(src=str(path), alt=_marp_alt(alt) or None, caption=caption or None)
        self.pictures.append(Picture(path, block))
        return block


@dataclass
class ColumnContent:
    heading: str | None
    blocks: list[Block]


@dataclass
class SlideContent:
    """What one slide holds: its title (and heading level), blocks, columns and notes."""

    title: str | None = None
    level: int = 0
    blocks: list[Block] = field(default_factory=list)
    columns: list[ColumnContent] = field(default_factory=list)
    widths: list[float] | None = None
    notes: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)


def read_blocks(lines: list[str], start: int, context: Context) -> SlideContent:
    """The slide made of ``lines`` (the first is line ``start`` of the file)."""
    where = f"{context.report.source}:{start}"
    lines = _prepared(lines, context, where)
    tree = _divs(lines, start)
    main: list[tuple[int, str]] = []
    columns: list[tuple[float | None, list[tuple[int, str]]]] = []
    notes: list[str] = []
    _flatten(tree, main, columns, notes, context, where)
    columns = _slot_columns(main, columns, context, where)
    if context.dialect == "outline" and not columns:
        columns = _heading_columns(main)
    content = SlideContent(notes=notes)
    reader = _TokenReader(context)
    content.blocks, content.title, content.level = reader.read(main, take_title=True)
    content.notes += reader.hidden
    if reader.hidden:
        content.comments.append("the notes hold code the source runs without showing it")
    read = [(width, *reader.read(lines, take_title=True)[:2]) for width, lines in columns]
    read = [(width, blocks, heading) for width, blocks, heading in read if blocks or heading]
    if 2 <= len(read) <= 3:
        for _, blocks, heading in read:
            content.columns.append(ColumnContent(heading, blocks))
        widths = [w for w, _, _ in read]
        if all(w is not None for w in widths) and len(set(widths)) > 1:
            content.widths = [round(w, 2) for w in widths]
    else:
        for _, blocks, heading in read:
            if heading:
                content.blocks.append(TextBlock([Row(f"**{heading}**", 0, False)]))
            content.blocks.extend(blocks)
    return content


# -- lines before parsing ------------------------------------------------------------------------

def _prepared(lines: list[str], context: Context, where: str) -> list[str]:
    """The slide's lines with what Markdown cannot parse made plain: grid tables as pipe tables,
    heading attributes and lines of LaTeX commands (``\\pause``, ``\\bigskip``) taken out."""
    out: list[str] = []
    math = False
    lines = _grid_tables(lines)
    for line, code in zip(lines, in_code(lines)):
        if code:
            out.append(line)
            continue
        if line.strip().startswith("$$") and line.strip().count("$$") == 1:
            math = not math
        if not math and _LATEX_LINE.match(line) and not line.strip().startswith(
                ("\\[", "\\]", "\\(")):
            context.report.drop("LaTeX commands", where)
            continue
        if re.match(r"^\s*(?:[-*]\s+)?<<<\s*@/", line):
            context.report.warn(where, f"a code snippet read from a file ({line.strip()}) is "
                                "not imported: paste the code")
            continue
        line = unwrap_remark(line, context.report, where)
        attrs = _HEADING_ATTRS.match(line)
        if attrs:
            context.report.drop("attributes ({…})", where)
            line = attrs[1]
        out.append(line)
    return out


def unwrap_remark(line: str, report: Report, where: str) -> str:
    """Remark's one-line content classes (``.footnote[Source: [x](y)]``) replaced by their
    content, brackets inside kept (each class counted as dropped markup); a class whose
    bracket closes on a later line is left for the block reader."""
    start = 0
    while True:
        found = re.compile(r"(?<![\w\\])\.([A-Za-z][\w-]*(?:\.[A-Za-z][\w-]*)*)\[").search(
            line, start)
        if not found:
            return line
        depth, end = 0, None
        for index in range(found.end() - 1, len(line)):
            if line[index] == "[":
                depth += 1
            elif line[index] == "]":
                depth -= 1
                if depth == 0:
                    end = index
                    break
        if end is None:
            start = found.end()
            continue
        report.drop("Remark content classes", where)
        line = line[:found.start()] + line[found.end():end] + line[end + 1:]
        start = found.start()


def _grid_tables(lines: list[str]) -> list[str]:
    """Pandoc's grid tables (``+---+---+`` frames) as pipe tables, which Markdown reads."""
    out: list[str] = []
    index = 0
    border = re.compile(r"^[ \t]*\+(?:[-=:]+\+)+[ \t]*$")
    while index < len(lines):
        if not border.match(lines[index]):
            out.append(lines[index])
            index += 1
            continue
        end = index + 1
        while end < len(lines) and (border.match(lines[end]) or lines[end].strip().startswith("|")):
            end += 1
        frame = lines[index:end]
        cuts = [i for i, c in enumerate(frame[0].strip()) if c == "+"]
        rows: list[list[str]] = []
        current: list[list[str]] | None = None
        header_rows = 0
        for line in frame[1:]:
            text = line.strip()
            if border.match(line):
                if current is not None:
                    rows.append([" ".join(part for part in cell if part) for cell in current])
                    current = None
                if "=" in text:
                    header_rows = len(rows)
                continue
            cells = [text[a + 1:b].strip() for a, b in zip(cuts, cuts[1:])]
            if current is None:
                current = [[] for _ in cells]
            for cell, part in zip(current, cells):
                cell.append(part)
        if not rows:
            out.extend(frame)
            index = end
            continue
        header = rows[0] if header_rows else [""] * len(rows[0])
        body = rows[1:] if header_rows else rows
        out.append("| " + " | ".join(header) + " |")
        out.append("|" + "|".join("---" for _ in header) + "|")
        out.extend("| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |"
                   for row in body)
        out.append("")
        index = end
    return out


@dataclass
class _Div:
    classes: list[str]
    attrs: str
    start: int
    children: list = field(default_factory=list)  # (line number, text) pairs and _Divs
    remark: bool = False


def _divs(lines: list[str], start: int) -> _Div:
    """Pandoc's fenced divs (``::: {.columns}`` … ``:::``) and Remark's content classes
    (``.pull-left[`` … ``]``) as a tree; code blocks are never looked into."""
    root = _Div([], "", start)
    stack = [root]
    for offset, (line, code) in enumerate(zip(lines, in_code(lines))):
        number = start + offset
        if code:
            stack[-1].children.append((number, line))
            continue
        div = _DIV_OPEN.match(line)
        remark = _REMARK_OPEN.match(line)
        if div:
            spec = div[2]
            classes = re.findall(r"\.([\w-]+)", spec) if spec.startswith("{") else [spec]
            node = _Div(classes, spec, number)
            stack[-1].children.append(node)
            stack.append(node)
        elif _DIV_CLOSE.match(line) and len(stack) > 1 and not stack[-1].remark:
            stack.pop()
        elif remark and not _REMARK_INLINE.fullmatch(line.strip()) and (
                remark["rest"].count("]") <= remark["rest"].count("[")):
            node = _Div(remark[1].split("."), "", number, remark=True)
            stack[-1].children.append(node)
            stack.append(node)
            if remark["rest"].strip():
                node.children.append((number, remark["rest"]))
        elif line.strip() == "]" and len(stack) > 1 and stack[-1].remark:
            stack.pop()
        else:
            stack[-1].children.append((number, line))
    return root


_COLUMN_CLASSES = {"pull-left": 1.0, "pull-right": 1.0, "left-column": 1.0, "right-column": 3.0,
                   "column": None, "col": None}


def _flatten(node: _Div, main: list, columns: list, notes: list[str], context: Context,
             where: str) -> None:
    """Walk the div tree: notes divs to ``notes``, column divs to ``columns``, every other div
    unwrapped into ``main`` (its class counted as dropped markup)."""
    for child in node.children:
        if not isinstance(child, _Div):
            main.append(child)
            continue
        names = set(child.classes)
        if names & {"notes", "note"} and not child.remark:
            notes.append("\n".join(_text_of(child)))
        elif names & set(_COLUMN_CLASSES):
            width = _width(child)
            kind = next(n for n in child.classes if n in _COLUMN_CLASSES)
            if width is None:
                width = _COLUMN_CLASSES[kind]
            lines: list = []
            _flatten(child, lines, columns, notes, context, where)
            columns.append((width, lines))
        else:
            if not names & {"columns"}:
                kind = "Remark content classes" if child.remark else "fenced divs (:::)"
                context.report.drop(kind, f"{context.report.source}:{child.start}")
            _flatten(child, main, columns, notes, context, where)


def _width(div: _Div) -> float | None:
    found = re.search(r"width\s*=\s*[\"']?([\d.]+)\s*%?", div.attrs)
    return float(found[1]) if found else None


def _text_of(div: _Div) -> list[str]:
    out = []
    for child in div.children:
        out.extend(_text_of(child) if isinstance(child, _Div) else [child[1]])
    return out


def _slot_columns(main: list[tuple[int, str]], columns: list, context: Context,
                  where: str) -> list:
    """Slidev's slots (``::left::``, ``::right::``) as columns; the lines before the first slot
    stay the slide's own (its title), except in a plain ``two-cols`` slide, where they are the
    left column."""
    slots = [i for i, (_, line) in enumerate(main) if _SLOT.match(line)]
    if not slots:
        return columns
    names = [_SLOT.match(main[i][1])[1] for i in slots]
    head, parts = main[:slots[0]], []
    for position, index in enumerate(slots):
        end = slots[position + 1] if position + 1 < len(slots) else len(main)
        parts.append((None, main[index + 1:end]))
    context.report.drop("Slidev slots (::name::)", where, len(slots))
    if names[0] == "right" and any(line.strip() for _, line in head):
        title_at = next((i for i, (_, line) in enumerate(head) if line.lstrip().startswith("#")),
                        None)
        if title_at is not None:
            left = head[title_at + 1:]
            head[:] = head[:title_at + 1]
        else:
            left = head[:]
            head.clear()
        parts.insert(0, (None, left))
    main[:] = head
    return columns + parts


def _heading_columns(main: list[tuple[int, str]]) -> list:
    """In a plain outline, two or three sub-headings under the slide's heading are columns
    (each heading the column's), the text above them the lead."""
    code = in_code([line for _, line in main])
    headings = [index for index, (_, line) in enumerate(main)
                if not code[index] and re.match(r"^#{1,6}[ \t]", line)]
    subs = headings[1:] if headings and not any(
        line.strip() for _, line in main[:headings[0]]) else headings
    if not 2 <= len(subs) <= 3:
        return []
    parts = [(None, main[a:b]) for a, b in zip(subs, subs[1:] + [len(main)])]
    main[:] = main[:subs[0]]
    return parts


# -- tokens to blocks ----------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _parser():
    from markdown_it import MarkdownIt
    from mdit_py_plugins.attrs import attrs_plugin
    from mdit_py_plugins.dollarmath import dollarmath_plugin
    from mdit_py_plugins.footnote import footnote_plugin

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    md.use(dollarmath_plugin, allow_space=False, allow_digits=False, double_inline=True)
    md.use(footnote_plugin).use(attrs_plugin, spans=True)
    return md


class _TokenReader:
    """Markdown tokens as deck blocks."""

    def __init__(self, context: Context) -> None:
        self.context = context
        self.report = context.report
        self.hidden: list[str] = []  # code the source runs without showing it

    def read(self, numbered: list[tuple[int, str]], take_title: bool
             ) -> tuple[list[Block], str | None, int]:
        if not any(line.strip() for _, line in numbered):
            return [], None, 0
        first = numbered[0][0]
        text = "\n".join(line for _, line in numbered)
        if self.context.references:
            text += "\n\n" + self.context.references
        self.numbers = [n for n, _ in numbered]
        self.first = first
        tokens = _parser().parse(text)
        self.blocks: list[Block] = []
        self.title: str | None = None
        self.level = 0
        self.take_title = take_title
        self.footnotes: list[str] = []
        self._walk(tokens)
        if self.footnotes:
            self._rows([Row(note, 0, False) for note in self.footnotes])
        return self.blocks, self.title, self.level

    def where(self, token) -> str:
        line = self.first
        if token is not None and token.map:
            index = min(token.map[0], len(self.numbers) - 1)
            line = self.numbers[index] if self.numbers else self.first
        return f"{self.report.source}:{line}"

    def _rows(self, rows: list[Row]) -> None:
        if self.blocks and isinstance(self.blocks[-1], TextBlock):
            self.blocks[-1].rows.extend(rows)
        else:
            self.blocks.append(TextBlock(list(rows)))

    def _walk(self, tokens) -> None:
        index = 0
        depth = 0  # list nesting
        item_row: list[int | None] = []  # per open list item: its row's index in its block
        while index < len(tokens):
            token = tokens[index]
            kind = token.type
            if kind in ("bullet_list_open", "ordered_list_open"):
                depth += 1
            elif kind in ("bullet_list_close", "ordered_list_close"):
                depth -= 1
            elif kind == "list_item_open":
                item_row.append(None)
            elif kind == "list_item_close":
                item_row.pop()
            elif kind == "heading_open":
                index += 1
                self._heading(token, tokens[index])
            elif kind == "paragraph_open":
                index += 1
                self._paragraph(tokens[index], depth, item_row)
            elif kind in ("fence", "code_block"):
                self._code(token)
            elif kind == "table_open":
                end = _closing(tokens, index, "table_close")
                self._table(tokens[index:end + 1])
                index = end
            elif kind == "blockquote_open":
                end = _closing(tokens, index, "blockquote_close")
                self._quote(tokens[index + 1:end], token)
                index = end
            elif kind in ("math_block", "math_block_label"):
                self._display_math(token.content, token)
            elif kind == "html_block":
                self._html_block(token)
            elif kind == "footnote_block_open":
                end = _closing(tokens, index, "footnote_block_close")
                self._footnotes(tokens[index:end + 1])
                index = end
            index += 1

    # -- each kind of block ---------------------------------------------------------------------
    def _heading(self, token, inline) -> None:
        level = int(token.tag[1])
        text, pictures, displays = self.inline(inline)
        only_pictures_before = all(isinstance(b, (PictureBlock, CodeBlock)) for b in self.blocks)
        if self.take_title and self.title is None and only_pictures_before and text:
            self.title = _one_line(text)
            self.level = level
        elif text:
            self._rows([Row(text if text.startswith("**") else f"**{text}**", 0, False)])
        self.blocks.extend(pictures)
        for tex in displays:
            self._display_math(tex, token)

    def _paragraph(self, inline, depth: int, item_row: list[int | None]) -> None:
        text, pictures, displays = self.inline(inline)
        text = text.strip()
        if text and not _only_punctuation(text):
            in_item = bool(item_row)
            if in_item and item_row[-1] is not None and self.blocks and isinstance(
                    self.blocks[-1], TextBlock) and item_row[-1] < len(self.blocks[-1].rows):
                block = self.blocks[-1]
                row = block.rows[item_row[-1]]
                block.rows[item_row[-1]] = Row(f"{row.text}\n{text}", row.level, row.bullet)
            else:
                self._rows([Row(text, max(depth - 1, 0), in_item)])
                if in_item:
                    item_row[-1] = len(self.blocks[-1].rows) - 1
        self.blocks.extend(pictures)
        for tex in displays:
            self._display_math(tex, inline)

    def _code(self, token) -> None:
        where = self.where(token)
        info = token.info.strip()
        code = token.content
        if re.match(r"^\{=\w+\}$", info):  # pandoc's raw block for one output format
            self.report.drop("raw LaTeX and HTML blocks", where)
            return
        if re.match(r"^\{[^}]*\bchild\s*=", info):
            self.report.warn(where, f"an R Markdown child document ({info}) is not imported: "
                             "import that file on its own")
            return
        options = [line for line in code.split("\n") if re.match(r"^\s*#\|", line)]
        if options:
            code = "\n".join(line for line in code.split("\n")
                             if not re.match(r"^\s*#\|", line))
            self.report.drop("code chunk options (#|)", where, len(options))
        if re.search(r"\binclude\s*=\s*(?:FALSE|F)\b", info) or any(
                re.match(r"^\s*#\|\s*include:\s*false", line) for line in options):
            self.hidden.append(code.strip("\n"))  # the source shows nothing of it
            self.report.drop("hidden code chunks (include: false), kept in the notes", where)
            return
        graphics = _INCLUDE_GRAPHICS.match(code.strip()) if info.startswith("{") else None
        if graphics:
            caption = re.search(r"fig[.-]cap\s*[=:]\s*[\"']([^\"']*)", info + "\n".join(options))
            for src in re.findall(r"[\"']([^\"']+)[\"']", graphics[1]):
                picture = self.context.picture(src, "", caption[1] if caption else None, where)
                if picture is not None:
                    self.blocks.append(picture)
            return
        code = "\n".join(line.rstrip() for line in code.strip("\n").split("\n"))
        if code.strip():
            self.blocks.append(CodeBlock(code_lang(info), code + "\n"))
        if info.startswith("{"):  # the chunk shows a picture it includes
            for call in re.findall(r"include_graphics\(\s*(?:c\()?([^)]*)\)", code):
                for src in re.findall(r"[\"']([^\"']+)[\"']", call):
                    picture = self.context.picture(src, "", None, where)
                    if picture is not None:
                        self.blocks.append(picture)

    def _table(self, tokens) -> None:
        header: list[str] = []
        rows: list[list[str]] = []
        align: list[str] = []
        current: list[str] | None = None
        in_head = False
        for token in tokens:
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                current = []
            elif token.type == "tr_close" and current is not None:
                if in_head:
                    header = current
                else:
                    rows.append(current)
            elif token.type in ("th_open", "td_open") and in_head:
                style = token.attrs.get("style", "")
                found = re.search(r"text-align:\s*(left|right|center)", str(style))
                align.append(found[1] if found else "")
            elif token.type == "inline" and current is not None:
                text, pictures, _ = self.inline(token)
                current.append(text.strip())
                if pictures:
                    self.report.warn(self.where(token), "a picture inside a table cell is put "
                                     "after the table")
                    self.blocks.extend(pictures)
        self._add_table(header, rows, align, tokens[0])

    def _add_table(self, header: list[str], rows: list[list[str]], align: list[str],
                   token) -> None:
        width = max([len(header)] + [len(r) for r in rows]) if (header or rows) else 0
        if not width:
            return
        header = header + [""] * (width - len(header))
        rows = [r + [""] * (width - len(r)) for r in rows]
        if not rows:  # a header alone: the deck needs rows, so it is the one row
            rows, header = [header], [""] * width
        if not any(header) and rows and len(rows) > 1 and all(rows[0]):
            header, rows = rows[0], rows[1:]
        from generator.source.model import TABLE_ALIGNS

        aligns = [a if a in TABLE_ALIGNS else "left" for a in align[:width]]
        use_align = aligns if any(a and a != "left" for a in align) and len(aligns) == width \
            else None
        self.blocks.append(TableBlock(header, rows, use_align))

    def _quote(self, tokens, token) -> None:
        texts = []
        for inner in tokens:
            if inner.type == "inline":
                text, pictures, _ = self.inline(inner)
                if text.strip():
                    texts.append(text.strip())
                self.blocks.extend(pictures)
        if not texts:
            return
        by = None
        last = texts[-1]
        found = re.match(r"^(?:—|–|--|-)\s*(.+)$", last)
        if found and len(texts) > 1:
            by = found[1]
            texts = texts[:-1]
        self.blocks.append(QuoteBlock("\n".join(texts), by))

    def _display_math(self, tex: str, token) -> None:
        where = self.where(token)
        tex = re.sub(r"^\s*\{[\w|,\s-]*\}\s*\n", "", tex)  # Slidev's steps: $$ {1|3|all}
        equations = normalise_latex(tex)
        good, bad = [], []
        for equation in equations:
            problem = latex_problem(equation)
            if problem is None:
                good.append(equation)
            else:
                bad.append((equation, problem))
        if good:
            if self.blocks and isinstance(self.blocks[-1], MathBlock):
                self.blocks[-1].tex.extend(good)
            else:
                self.blocks.append(MathBlock(good))
        for equation, problem in bad:
            self.report.formula_as_text(where, problem, equation)
            self._rows([Row(escape(equation), 0, False)])

    def _html_block(self, token) -> None:
        where = self.where(token)
        content = token.content
        for tag in ("style", "script"):
            found = re.findall(rf"<{tag}\b.*?</{tag}>|<{tag}\b.*$", content,
                               re.DOTALL | re.IGNORECASE)
            if found:
                self.report.drop("CSS and script blocks", where, len(found))
                content = re.sub(rf"<{tag}\b.*?</{tag}>|<{tag}\b.*$", "", content,
                                 flags=re.DOTALL | re.IGNORECASE)
        content = re.sub(r"<!--.*?-->", "", content, flags=re.DOTALL)
        if re.search(r"<table\b", content, re.IGNORECASE):
            content = self._html_table(content, token)
        for media in re.findall(r"<(iframe|video|audio|object|embed)\b", content, re.IGNORECASE):
            self.report.warn(where, f"an embedded {media.lower()} is not imported (a deck cannot "
                             "play it): link to it instead")
        text, pictures, _ = self.html_inline(content, where)
        for line in text.split("\n\n"):
            line = line.strip()
            if line and not _only_punctuation(line):
                self._rows([Row(line, 0, False)])
        self.blocks.extend(pictures)

    def _html_table(self, content: str, token) -> str:
        table = re.search(r"<table\b.*?</table>", content, re.DOTALL | re.IGNORECASE)
        if table is None:
            return content
        header: list[str] = []
        rows: list[list[str]] = []
        where = self.where(token)
        for row in re.findall(r"<tr\b.*?</tr>", table[0], re.DOTALL | re.IGNORECASE):
            cells = re.findall(r"<(t[hd])\b[^>]*>(.*?)</t[hd]>", row, re.DOTALL | re.IGNORECASE)
            texts = [self.html_inline(cell, where)[0].strip().replace("\n", " ")
                     for _, cell in cells]
            if cells and all(kind.lower() == "th" for kind, _ in cells) and not header:
                header = texts
            elif texts:
                rows.append(texts)
        self._add_table(header, rows, [], token)
        return content[:table.start()] + content[table.end():]

    def _footnotes(self, tokens) -> None:
        label = None
        for token in tokens:
            if token.type == "footnote_open":
                label = str(token.meta.get("label") or token.meta.get("id", 0) + 1)
            elif token.type == "inline" and label is not None:
                text, pictures, _ = self.inline(token)
                self.footnotes.append(f"^{escape_label(label)}^ {text.strip()}")
                self.blocks.extend(pictures)
                label = None

    # -- inline text ----------------------------------------------------------------------------
    def inline(self, token) -> tuple[str, list[PictureBlock], list[str]]:
        """The inline token's children as deck markup, the pictures in it, and display formulas
        (``$$…$$`` inside a paragraph)."""
        return _Inline(self.context, self.where(token)).render(token.children or [])

    def html_inline(self, content: str, where: str) -> tuple[str, list[PictureBlock], list[str]]:
        """HTML with Markdown inside (a block of HTML) as deck markup: each tag that has a
        meaning here as its markup, every other tag (Vue's too) dropped and counted."""
        converter = _Inline(self.context, where)
        content = _TAG.sub(lambda m: converter.html_tag(m[0], block=True), content)
        paragraphs = []
        for part in re.split(r"\n\s*\n", content):
            if not part.strip():
                continue
            tokens = _parser().parseInline(part.strip())
            text, _, displays = _Inline(self.context, where).render(tokens[0].children or [])
            for tex in displays:
                self._display_math(tex, None)
            paragraphs.append(text)
        return "\n\n".join(paragraphs), converter.pictures, []


def _closing(tokens, index: int, kind: str) -> int:
    opened = tokens[index].type
    depth = 0
    for end in range(index, len(tokens)):
        if tokens[end].type == opened:
            depth += 1
        elif tokens[end].type == kind:
            depth -= 1
            if depth == 0:
                return end
    return len(tokens) - 1


class _Inline:
    """One run of inline tokens as deck markup."""

    def __init__(self, context: Context, where: str) -> None:
        self.context = context
        self.report = context.report
        self.where = where
        self.pictures: list[PictureBlock] = []
        self.displays: list[str] = []
        self.links: list[str | None] = []
        self.spans: list[str] = []  # what closes each open span
        self.code = 0

    def render(self, children) -> tuple[str, list[PictureBlock], list[str]]:
        parts: list[str] = []
        previous = None
        for child in children:
            parts.append(self.token(child, previous))
            previous = child
        text = "".join(parts)
        text = re.sub(r"[ \t]*\n[ \t]*", "\n", text)
        return text.strip(" \t"), self.pictures, self.displays

    def token(self, child, previous) -> str:
        kind = child.type
        if kind == "text":
            content = child.content
            if previous is not None and previous.type == "image" and _ATTR_AFTER.match(content):
                self.report.drop("attributes ({…})", self.where)
                content = _ATTR_AFTER.sub("", content, count=1)
            return self.text(content)
        if kind == "softbreak":
            return " "
        if kind == "hardbreak":
            return "\n"
        if kind in ("strong_open", "strong_close"):
            return "**"
        if kind in ("em_open", "em_close"):
            return "*"
        if kind in ("s_open", "s_close"):
            return "~~"
        if kind == "code_inline":
            return _code_span(child.content)
        if kind == "link_open":
            href = child.attrs.get("href", "")
            self.links.append(href if str(href).startswith(_SAFE_LINK) else None)
            return "[" if self.links[-1] else ""
        if kind == "link_close":
            href = self.links.pop() if self.links else None
            return f"]({href})" if href else ""
        if kind == "image":
            alt = "".join(c.content for c in (child.children or [])) or child.content
            picture = self.context.picture(str(child.attrs.get("src", "")), alt,
                                           child.attrs.get("title") or None, self.where)
            if picture is not None:
                self.pictures.append(picture)
            return ""
        if kind == "math_inline":
            markup, problem = inline_math(child.content)
            if markup is None:
                self.report.formula_as_text(self.where, problem, child.content)
                return escape(child.content)
            return markup
        if kind == "math_inline_double":
            self.displays.append(child.content)
            return ""
        if kind == "html_inline":
            return self.html_tag(child.content)
        if kind == "footnote_ref":
            label = child.meta.get("label") or child.meta.get("id", 0) + 1
            return f"^{escape_label(str(label))}^"
        if kind in ("span_open", "span_close"):
            return self.span(child)
        return self.text(child.content)

    def span(self, child) -> str:
        """A pandoc span ``[text]{.class}``: an underline stays one, any other class goes
        (counted), its text kept."""
        if child.type == "span_close":
            return self.spans.pop() if self.spans else ""
        classes = str(child.attrs.get("class", "")).split()
        if "underline" in classes or "ul" in classes:
            self.spans.append("]{.underline}")
            return "["
        self.spans.append("")
        self.report.drop("attributes ({…})", self.where)
        return ""

    def text(self, content: str) -> str:
        if self.code:
            return content
        vue = _VUE_TAG.findall(content)
        if vue:
            self.report.drop("HTML and Vue tags", self.where, len(vue))
            content = _VUE_TAG.sub("", content)
        content = self._remark_inline(content)
        return self._latex_inline(content)

    def _remark_inline(self, content: str) -> str:
        found = _REMARK_INLINE.findall(content)
        while found:
            self.report.drop("Remark content classes", self.where, len(found))
            content = _REMARK_INLINE.sub(r"\2", content)
            found = _REMARK_INLINE.findall(content)
        return content

    def _latex_inline(self, content: str) -> str:
        """Text with LaTeX text commands as deck markup (``\\textbf{x}`` is ``**x**``) and
        every other command dropped (counted); the rest escaped."""
        out, pos = [], 0
        for found in _LATEX_INLINE.finditer(content):
            if found.start() > 0 and content[found.start() - 1] == "\\":
                continue
            out.append(escape(content[pos:found.start()]))
            name, first, second = found[1], found[2], found[3]
            self.report.drop("LaTeX commands", self.where)
            if name in ("textbf", "mathbf", "bf") and first:
                out.append(f"**{escape(first)}**")
            elif name in ("emph", "textit", "it") and first:
                out.append(f"*{escape(first)}*")
            elif name in ("texttt", "verb") and first:
                out.append(_code_span(first))
            elif name == "href" and first and second:
                out.append(f"[{escape(second)}]({first})" if first.startswith(_SAFE_LINK)
                           else escape(second))
            elif name in ("cite", "citep", "citet", "ref", "label", "footnotemark"):
                out.append(f"[{escape(first)}]" if first and name.startswith("cite") else "")
            elif first is not None:
                out.append(escape(first) + (escape(second) if second else ""))
            pos = found.end()
        out.append(escape(content[pos:]))
        return "".join(out)

    def html_tag(self, tag: str, block: bool = False) -> str:
        """A tag as deck markup (``<b>`` is ``**``, ``<img>`` a picture); any other is
        dropped and counted. In a block of HTML (``block``) the markup is Markdown, read next;
        paragraph and division tags there separate paragraphs."""
        found = _TAG.match(tag.strip())
        if tag.strip().startswith("<!--"):
            return ""
        if not found:
            return self.text(tag)
        closing, name, attrs = found[1] == "/", found[2].lower(), found[3]
        if name == "br":
            return "  \n" if block else "\n"
        if block and name in ("p", "div", "section", "center", "li", "ul", "ol", "h1", "h2", "h3",
                              "h4", "h5", "h6", "tr", "table", "blockquote"):
            self.report.drop("HTML and Vue tags", self.where)
            return "\n\n"
        if name == "img":
            src = re.search(r"src\s*=\s*[\"']([^\"']+)[\"']", attrs)
            alt = re.search(r"alt\s*=\s*[\"']([^\"']*)[\"']", attrs)
            if src:
                picture = self.context.picture(src[1], alt[1] if alt else "", None, self.where)
                if picture is not None:
                    self.pictures.append(picture)
            return ""
        if name in _TAG_MARKUP:
            return _TAG_MARKUP[name]
        if name in ("u", "ins"):
            return "]{.underline}" if closing else "["
        if name in _CODE_TAGS:
            if block:
                return "`"
            self.code += -1 if closing else 1
            self.code = max(self.code, 0)
            return "`"
        self.report.drop("HTML and Vue tags", self.where)
        return ""


def _marp_alt(alt: str) -> str:
    """Alt text without Marp's picture keywords (``bg``, ``right:40%``, ``w:950``)."""
    words = alt.split()
    kept = [w for w in words if not _MARP_IMAGE_WORDS.match(w)]
    return " ".join(kept) if len(kept) < len(words) or words else alt


def _code_span(content: str) -> str:
    content = content.strip("\n")
    if "`" in content or not content.strip():
        return escape(content)
    return f"`{content}`"


def escape_label(label: str) -> str:
    return re.sub(r"\s+", "", label).replace("^", "")


def _one_line(text: str) -> str:
    return re.sub(r"\s*\n\s*", " ", text).strip()


def _only_punctuation(text: str) -> bool:
    return not re.search(r"\w", text)


def code_lang(info: str) -> str:
    """A code fence's language as a Pygments name (``text`` when Pygments does not know it):
    ``{r label, echo=FALSE}`` is ``r``, ``c++`` is ``cpp``, ``ts {2-3|5}`` is ``typescript``."""
    found = re.match(r"^\{?\s*\.?([\w+#.-]+)", info.strip())
    if not found:
        return "text"
    name = found[1].lower()
    name = _LANGS.get(name, name)

    if name in _known_lexers():
        return name
    return "text"


@lru_cache(maxsize=1)
def _known_lexers() -> frozenset[str]:
    from pygments.lexers import get_all_lexers

    return frozenset(a for _, names, _, _ in get_all_lexers() for a in names)


def plain_inline(text: str, report: Report, where: str, keep_markup: bool = False) -> str:
    """One line of Markdown (a front-matter value, a note) as deck text: tags dropped and
    counted, HTML entities decoded; with ``keep_markup`` the Markdown stays as written."""
    text = str(text)
    if "<" in text:
        tags = _TAG.findall(text)
        if tags:
            report.drop("HTML and Vue tags", where, len(tags))
            text = re.sub(r"<br\s*/?>", " ", text, flags=re.IGNORECASE)
            text = _TAG.sub("", text)
    text = html.unescape(text)
    if keep_markup:
        return text.rstrip()
    text = re.sub(r"!?\[([^\]]*)\](?:\([^)]*\)|\[[^\]]*\])", r"\1", text)  # links: their label
    tokens = _parser().parseInline(text.strip())
    context = Context(report, Path("."), "", "outline")
    rendered, _, _ = _Inline(context, where).render(tokens[0].children or [] if tokens else [])
    return re.sub(r"\s*\n\s*", " ", rendered).strip()
