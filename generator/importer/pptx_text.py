"""PowerPoint paragraphs as deck text: run formatting as inline markup, literal markup
characters escaped, native equations as LaTeX, monospace text boxes as code, bullets."""

from __future__ import annotations

import colorsys
import re
from collections import Counter
from itertools import groupby
from dataclasses import dataclass, field

from lxml import etree
from pptx.oxml.ns import qn

from generator.importer.draft import Row
from generator.importer.omml import M, OmmlError, text_of, to_latex
from generator.importer.report import Report
from generator.importer.texts import escape, latex_problem
from generator.pptx.xml import SCHEME_REFS

MONO_FONTS = ("mono", "courier", "consolas", "menlo", "code", "lucida console")
A14 = "{http://schemas.microsoft.com/office/drawing/2010/main}"
MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
# Office theme colour slots and the deck theme colour each stands for: the slots our own PPTX
# writes a theme colour to (so a round trip gives the name back), the other accents as accent.
SCHEME_COLORS = {**{f"accent{n}": "accent" for n in range(3, 7)},
                 **{ref: name for name, ref in SCHEME_REFS.items()
                    if name not in ("background", "code_background")},
                 "folHlink": "link", "dk2": "heading", "dk1": "text"}


@dataclass(frozen=True)
class Style:
    """A run's formatting, as far as the deck's inline markup can say it."""

    bold: bool = False
    italic: bool = False
    code: bool = False
    href: str | None = None
    baseline: int = 0  # > 0 superscript, < 0 subscript
    underline: bool = False
    strike: bool = False
    color: str | None = None  # a theme colour name (accent, link, muted, …); "" for none


@dataclass
class TextContext:
    """What reading a slide's text needs: where it is, for warnings, and the report."""

    report: Report
    where: str
    formulas: int = 0
    colors: Counter[str] = field(default_factory=Counter)


def paragraphs(shape, kind: str, context: TextContext | None) -> tuple[list[Row], float]:
    """The shape's paragraphs as rows (text, level, bullet; displayed equations as math rows,
    a text box set wholly in a monospace font as one code row) and its largest font size."""
    body = shape.text_frame._txBody
    ps = body.findall(qn("a:p"))
    size = 0.0
    for rpr in body.iter(qn("a:rPr")):
        if rpr.get("sz"):
            size = max(size, int(rpr.get("sz")) / 100)
    if kind in ("body", "box") and _is_code(shape, ps):
        lines = [_plain(p, keep_spaces=True).rstrip() for p in ps]
        code = "\n".join(lines).strip("\n")
        return ([Row(code + "\n", 0, False, code="text")] if code.strip() else []), size
    base = _base_color(shape, ps) if kind in ("body", "box") else None
    rows: list[Row] = []
    for p in ps:
        if kind in ("body", "box") and context is not None:
            text, displays = markup(shape, p, context, base)
        elif context is not None:
            text, displays = _escaped(p, context), []
        else:
            text, displays = _plain(p), []
        text = text.replace("\u00a0", " ").replace("\u2060", "")
        ppr = p.find(qn("a:pPr"))
        level = int(ppr.get("lvl", 0)) if ppr is not None else 0
        if text:
            rows.append(Row(text, level, kind != "title" and is_bullet(shape, p, level, kind)))
        if displays:
            rows.append(Row("", level, False, math=tuple(displays)))
    return rows, size


def plain(p) -> str:
    """A paragraph's text without markup (titles), equations in their own characters."""
    return _plain(p)


def _plain(p, keep_spaces: bool = False) -> str:
    parts = []
    for child in _children(p):
        tag = etree.QName(child).localname
        if tag in ("r", "fld"):
            parts.append(child.findtext(qn("a:t")) or "")
        elif tag == "br":
            parts.append("\n")
        elif tag == "m":
            parts.append(text_of(child))
    text = "".join(parts)
    return text.rstrip() if keep_spaces else one_line(text)


def _escaped(p, context: TextContext) -> str:
    """A title's text, escaped, without run formatting; its equations as ``$…$``."""
    parts = []
    for child in _children(p):
        tag = etree.QName(child).localname
        if tag in ("r", "fld"):
            parts.append(escape(child.findtext(qn("a:t")) or ""))
        elif tag == "br":
            parts.append("\n")
        elif tag == "m" and child.tag == f"{A14}m":
            inline, display = _equation(child, context)
            parts.append(inline or " ".join(f"${tex}$" for tex in display))
    return one_line("".join(parts))


def _children(p):
    """The paragraph's runs, breaks and equations, an equation stored in
    ``mc:AlternateContent`` taken from its choice (its fallback when it has none)."""
    for child in p:
        if child.tag == f"{MC}AlternateContent":
            choice = child.find(f"{MC}Choice")
            chosen = choice if choice is not None and len(choice) else child.find(f"{MC}Fallback")
            if chosen is not None:
                yield from chosen
        else:
            yield child


def markup(shape, p, context: TextContext, base: str | None = None) -> tuple[str, list[str]]:
    """The paragraph in the deck's inline markup, and the displayed equations it holds
    (a paragraph that is only an ``m:oMathPara``)."""
    runs: list[tuple[str, Style | None]] = []  # style None: already markup (a formula)
    displays: list[str] = []
    for child in _children(p):
        tag = etree.QName(child).localname
        if tag in ("r", "fld"):
            text = child.findtext(qn("a:t")) or ""
            runs.append((text, _style(shape, child.find(qn("a:rPr")), base, context)))
        elif tag == "br":
            runs.append(("\n", Style()))
        elif tag == "m" and child.tag == f"{A14}m":
            inline, display = _equation(child, context)
            if display:
                displays.extend(display)
            elif inline:
                runs.append((inline, None))
    visible = [style for text, style in runs if text.strip() and style is not None]
    every_bold = bool(visible) and all(s.bold for s in visible)
    every_italic = bool(visible) and all(s.italic for s in visible)
    every_color = bool(visible) and len({s.color for s in visible}) == 1
    merged: list[list] = []
    for text, style in runs:
        if style is not None:  # a style over the whole paragraph is the paragraph's, not emphasis
            style = Style(style.bold and not every_bold, style.italic and not every_italic,
                          style.code, style.href, style.baseline, style.underline, style.strike,
                          None if every_color else style.color)
        if style is not None and not text.strip() and merged and merged[-1][1] is not None:
            merged[-1][0] += text
        elif merged and style is not None and merged[-1][1] == style:
            merged[-1][0] += text
        else:
            merged.append([text, style])
    out = []
    for outer, group in groupby(merged, key=lambda item: _outer(item[1])):
        text = "".join(t if style is None else _inner(t, style) for t, style in group)
        out.append(text if outer is None else _wrapped(text, outer, context))
    return one_line("".join(out)), displays


def _outer(style: Style | None) -> tuple | None:
    """The styles written around a run of runs that share them: link, underline, strike and
    colour (``None`` for a formula, already markup)."""
    if style is None:
        return None
    return style.href, style.underline, style.strike, style.color


def _inner(text: str, style: Style) -> str:
    """A run's text in the markup of its own styles (code, italic, bold, sub- or superscript),
    escaped; the spaces around it stay outside."""
    core = text.strip()
    if not core:
        return text
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    if style.code:
        core = f"`{core}`" if "`" not in core else escape(core)
    else:
        core = escape(core)
    if style.italic:
        core = f"*{core}*"
    if style.bold:
        core = f"**{core}**"
    if style.baseline:  # pandoc's rule: a space inside is escaped (a no-break space)
        mark = "^" if style.baseline > 0 else "~"
        core = mark + re.sub(r"\s", lambda _: "\\ ", core) + mark
    return lead + core + trail


def _wrapped(text: str, outer: tuple, context: TextContext) -> str:
    """Runs that share a link, underline, strike or colour, wrapped in its markup: strike
    innermost, then the classes, then the link."""
    href, underline, strike, color = outer
    core = text.strip()
    if not core:
        return text
    lead, trail = text[:len(text) - len(text.lstrip())], text[len(text.rstrip()):]
    if color == "":
        context.report.drop("text colours with no theme colour", context.where)
    if strike:
        core = f"~~{core}~~"
    classes = " ".join(c for c in (underline and not href and ".underline",
                                   color and not (href and color == "link") and f".{color}")
                       if c)
    if classes:
        core = f"[{core}]{{{classes}}}"
    if href:
        core = f"[{core}]({href})"
    return lead + core + trail


def _equation(m, context: TextContext) -> tuple[str | None, list[str]]:
    """An ``a14:m`` as inline markup ``$…$`` or as displayed equations; one that cannot be
    converted is kept as its text, with a located warning."""
    para = m.find(f"{M}oMathPara")
    element = para if para is not None else m.find(f"{M}oMath")
    if element is None:
        return None, []
    try:
        equations = to_latex(element)
        problems = [latex_problem(tex) for tex in equations]
        failed = next((p for p in problems if p), None)
    except OmmlError as err:
        failed = str(err)
        equations = []
    if failed or not equations:
        text = text_of(element)
        context.report.formula_as_text(context.where, failed or "it is empty", text)
        return (escape(text) if text.strip() else None), []
    context.formulas += len(equations)
    if para is not None:
        return None, equations
    tex = " ".join(equations)
    return f"${tex}$" if tex.strip() else None, []


def one_line(text: str) -> str:
    """The paragraph's text with its line breaks (``<a:br/>``, vertical tabs) as ``\\n``, which
    the deck format keeps as line breaks; tabs and other spacing as written."""
    return re.sub(r"[ \t]*[\n\v\r][ \t]*", "\n", text).strip()


def _font(rpr) -> str:
    latin = rpr.find(qn("a:latin")) if rpr is not None else None
    return (latin.get("typeface", "") if latin is not None else "").lower()


def _is_code(shape, ps) -> bool:
    """A text box (not a placeholder) whose every run with text is set in a monospace font."""
    if getattr(shape, "is_placeholder", False):
        return False
    fonts = [_font(r.find(qn("a:rPr"))) for p in ps for r in p.iter(qn("a:r"))
             if (r.findtext(qn("a:t")) or "").strip()]
    if not fonts:
        return False
    default = shape._element.find(".//" + qn("a:defRPr"))
    default_mono = default is not None and any(m in _font(default) for m in MONO_FONTS)
    return all(any(m in f for m in MONO_FONTS) or (not f and default_mono) for f in fonts)


def _style(shape, rpr, base: str | None, context: TextContext) -> Style:
    if rpr is None:
        return Style()
    href = None
    link = rpr.find(qn("a:hlinkClick"))
    if link is not None and link.get(qn("r:id")):
        try:
            href = shape.part.target_ref(link.get(qn("r:id")))
        except KeyError:
            href = None
        if href and not href.startswith(("http://", "https://", "mailto:")):
            href = None
    baseline = int(rpr.get("baseline", "0") or 0)
    color = None
    found = _color_of(rpr)
    if found is not None and found != base:
        color = _theme_color(found, base) or ""  # "": a colour with no theme colour
    return Style(rpr.get("b") in ("1", "true"), rpr.get("i") in ("1", "true"),
                 any(m in _font(rpr) for m in MONO_FONTS), href,
                 1 if baseline > 0 else -1 if baseline < 0 else 0,
                 rpr.get("u") not in (None, "none"),
                 rpr.get("strike") not in (None, "noStrike"), color)


def _color_of(rpr) -> str | None:
    """A run's own colour: ``scheme:accent1`` or ``#RRGGBB``, or ``None`` when it inherits."""
    fill = rpr.find(qn("a:solidFill")) if rpr is not None else None
    if fill is None:
        return None
    scheme = fill.find(qn("a:schemeClr"))
    if scheme is not None:
        return f"scheme:{scheme.get('val')}"
    rgb = fill.find(qn("a:srgbClr"))
    if rgb is not None and rgb.get("val"):
        return "#" + rgb.get("val").upper()
    return None


def _base_color(shape, ps) -> str | None:
    """The colour most of the shape's characters have (their colour is the text's own, not an
    emphasis): runs that inherit count as ``None``."""
    counts: Counter[str | None] = Counter()
    for p in ps:
        for run in p.iter(qn("a:r")):
            counts[_color_of(run.find(qn("a:rPr")))] += len((run.findtext(qn("a:t")) or "")
                                                            .strip())
    return counts.most_common(1)[0][0] if counts else None


def _theme_color(found: str, base: str | None) -> str | None:
    """The deck theme colour nearest to a run's colour, when it reads as emphasis: a theme
    accent is ``accent``, a hyperlink colour ``link``, a saturated colour ``accent`` and a grey
    lighter than black ``muted``; the text and background colours (and anything else) are
    none."""
    if found.startswith("scheme:"):
        name = SCHEME_COLORS.get(found[7:])
        return None if name == "text" and base is None else name
    red, green, blue = (int(found[i:i + 2], 16) / 255 for i in (1, 3, 5))
    _, saturation, value = colorsys.rgb_to_hsv(red, green, blue)
    if saturation >= 0.35 and value >= 0.25:
        return "accent"
    if saturation < 0.15 and 0.3 <= value <= 0.75:
        return "muted"
    return None


def is_bullet(shape, p, level: int, kind: str) -> bool:
    """Whether the paragraph shows a bullet: its own properties, then inherited list styles."""
    found = _bullet_in(p.find(qn("a:pPr")))
    if found is not None:
        return found
    if kind == "box":
        return False
    lvl = f"a:lvl{min(level, 8) + 1}pPr"
    styles = [shape._element.find(qn("p:txBody")).find(qn("a:lstStyle"))]
    base = shape
    for _ in range(2):
        base = getattr(base, "_base_placeholder", None)
        if base is None:
            break
        body = base._element.find(qn("p:txBody"))
        styles.append(body.find(qn("a:lstStyle")) if body is not None else None)
    try:
        master = shape.part.slide_layout.slide_master._element
        styles.append(master.find(qn("p:txStyles")).find(qn("p:bodyStyle")))
    except AttributeError:
        pass
    for style in styles:
        if style is not None:
            found = _bullet_in(style.find(qn(lvl)))
            if found is not None:
                return found
    return kind == "body"


def _bullet_in(ppr) -> bool | None:
    if ppr is None:
        return None
    if ppr.find(qn("a:buNone")) is not None:
        return False
    if any(ppr.find(qn(t)) is not None for t in ("a:buChar", "a:buAutoNum", "a:buBlip")):
        return True
    return None
