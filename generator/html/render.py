"""Render a laid-out deck as one self-contained HTML presentation that works offline."""

from __future__ import annotations

import base64
import mimetypes
import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape

from generator import pictures
from generator.errors import BuildError
from generator.layout.blocks import table_header_color, token_colors
from generator.layout.engine import (
    INSET_X,
    INSET_Y,
    SCRIPT_SHIFT,
    SCRIPT_SIZE,
    Box,
    DeckLayout,
    Measure,
    Page,
    Para,
    TextFrame,
    note_paragraphs,
)
from generator.layout.fonts import METRIC_TWINS
from generator.layout.reveal import reveal_steps
from generator.source import formula, inline
from generator.themes.theme import TEMPLATES_DIR, title_on_band

HTML_DIR = TEMPLATES_DIR / "html"
_CSS_UNSAFE = re.compile(r"[<>{};\\]")
_FONT_UNSAFE = re.compile(r"[^\w .\-]")
_A4_TEXT_WIDTH = 595.0 - 2 * 34.0 - 2  # portrait A4 in pt less the 12 mm margins of @page notes
_SERIF_HINTS = ("serif", "times", "georgia", "cambria", "caladea", "garamond", "palatino")
_MONO_HINTS = ("mono", "courier", "consolas", "menlo", "code")
_STACK_TAILS = {
    "sans-serif": ('"Segoe UI"', '"Helvetica Neue"', "Arial", '"Liberation Sans"', "sans-serif"),
    "serif": ("Georgia", '"Times New Roman"', '"Liberation Serif"', "serif"),
    "monospace": ("Consolas", "Menlo", '"Liberation Mono"', '"DejaVu Sans Mono"', "monospace"),
}


def render_html(layout: DeckLayout) -> str:
    """The whole deck as a complete HTML document (CSS, JS and images inlined)."""
    theme = layout.theme
    measure = Measure(theme)
    context = {
        "deck": layout.deck,
        "layout": layout,
        "pages": [_mark_steps(_page_view(page, layout, measure), page) for page in layout.pages
                  if page.source is None or not page.source.hidden],  # hidden slides left out
        "root_css": root_css(css_variables(layout)),
        "decor_css": decor_css(layout),
        "handout_css": handout_css(layout),
        "styles": Markup(_asset("deck.css")),
        "script": Markup(_asset("deck.js")),
    }
    return with_content_security_policy(
        _environment().get_template("deck.html.j2").render(context))


# -- Content-Security-Policy ----------------------------------------------------------------------

_INLINE = re.compile(r"<(script|style)>(.*?)</\1>", re.S)
CSP_META = '<meta http-equiv="Content-Security-Policy" content="{}">'


def content_security_policy(scripts: list[str], styles: list[str],
                            connect: str | None = None) -> str:
    """The deck's policy: nothing loaded from anywhere; its own ``<script>`` and ``<style>``
    elements allowed by their SHA-256 hashes, pictures only as ``data:`` addresses. Style
    attributes (the boxes of the slides) are allowed inline: they run no script, and what
    they could load is held by ``img-src`` and ``font-src``. ``connect``: a source the page may
    connect to (``deck serve``'s live reload)."""
    script_src = " ".join(_hash(text) for text in scripts) or "'none'"
    style_src = " ".join(_hash(text) for text in styles) or "'none'"
    return "; ".join(
        ["default-src 'none'", f"script-src {script_src}", f"style-src {style_src}",
         f"style-src-elem {style_src}", "style-src-attr 'unsafe-inline'", "img-src data:",
         "font-src data:", "base-uri 'none'", "form-action 'none'"]
        + ([f"connect-src {connect}"] if connect else []))


def with_content_security_policy(document: str, extra_scripts: tuple[str, ...] = (),
                                 connect: str | None = None) -> str:
    """``document`` with a Content-Security-Policy ``<meta>`` right after its ``charset``
    (replacing one it has) that allows exactly its inline scripts and styles (and
    ``extra_scripts`` about to be added)."""
    document = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">\n?', "",
                      document, count=1)
    found = _INLINE.findall(document)
    policy = content_security_policy(
        [text for kind, text in found if kind == "script"] + list(extra_scripts),
        [text for kind, text in found if kind == "style"], connect)
    meta = CSP_META.format(policy)
    head = document.find("<meta charset")
    cut = document.find(">", head) + 1 if head >= 0 else 0
    return document[:cut] + "\n" + meta + document[cut:]


def _hash(text: str) -> str:
    import hashlib

    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


# -- view model -----------------------------------------------------------------------------------

def _page_view(page: Page, layout: DeckLayout, measure: Measure) -> dict[str, Any]:
    deck = layout.deck
    chrome = page.kind not in ("title", "section")
    frames = {
        "subtitle": page.subtitle, "byline": page.byline, "lead": page.lead, "body": page.body,
        "caption": page.caption,
        "marker": page.marker,
        "source": page.source_line,
    }
    return {
        "page": page,
        "heading_tag": "h1" if page.kind == "title" else "h2",
        "title": _frame_view(page.title, measure),
        "frames": {name: _frame_view(f, measure) if f else None for name, f in frames.items()},
        "columns": [
            {"heading": _frame_view(c.heading, measure) if c.heading else None,
             "body": _frame_view(c.body, measure)}
            for c in page.columns
        ],
        "decoration_style": box_style(layout.boxes.title_page_decoration)
        if page.kind == "title" and layout.boxes.title_page_decoration is not None else "",
        "image_src": _data_uri(page.image.path) if page.image is not None else None,
        "image_style": (box_style(page.image_box) if page.image_box is not None else "") + (
            ";object-fit:cover;object-position:{}% {}%".format(
                *(_num(v) for v in page.full.position)) if page.full is not None else ""),
        "scrim_style": box_style(page.full.scrim) if page.full is not None else "",
        "footer": deck.footer if chrome and deck.footer else None,
        "footer_style": box_style(layout.footer_box) + (
            f";font-size:{_num(layout.footer_size)}pt"
            if layout.footer_size != float(layout.theme["footer"]["size"]) else ""),
        "show_number": chrome and deck.slide_numbers,
        "number_style": box_style(layout.number_box),
        "notes": note_paragraphs(page.notes),
        "table": _table_view(page, layout) if page.table is not None else None,
        "code": _code_view(page, layout) if page.code is not None else None,
        "timeline": _timeline_view(page, measure) if page.timeline is not None else None,
        "background": _background_style(page.background),
        "pictures": [{"src": _data_uri(p.image.path), "alt": p.image.alt,
                      "style": box_style(p.box),
                      "caption": _frame_view(p.caption, measure) if p.caption else None,
                      "credit": _frame_view(p.credit, measure) if p.credit else None}
                     for p in page.pictures],
    }


def _background_style(background) -> str:
    """The slide's own background as CSS: a colour, or a picture covering the slide (cropped
    around its centre, as in the PPTX)."""
    if background is None:
        return ""
    if background.color is not None:
        return f"background:{background.color}"
    return f"background:url({_data_uri(background.image)}) center / cover no-repeat"


def _timeline_view(page: Page, measure: Measure) -> dict[str, Any]:
    """A page's timeline: the axis, and per event its marker, date and label frames."""
    frame = page.timeline
    return {
        "axis": box_style(frame.axis),
        "vertical": frame.vertical,
        "events": [{"marker": box_style(marker), "date": _frame_view(date, measure),
                    "label": _frame_view(label, measure)}
                   for marker, date, label in zip(frame.markers, frame.dates, frame.labels)],
    }


def _code_view(page: Page, layout: DeckLayout) -> dict[str, Any]:
    """A page's code: its box, size, line height and each line's tokens with their colours."""
    frame = page.code
    styles = {kind: f"color:var(--color-{name.replace('_', '-')})"
              + (";font-weight:bold" if bold else "") + (";font-style:italic" if italic else "")
              for kind, (name, bold, italic) in token_colors(layout.theme).items()}
    return {
        "style": box_style(frame.box) + f";font-size:calc({_num(frame.size)}pt * var(--fit, 1))"
                 + f";--code-line:calc({_num(frame.line_height)}pt * var(--fit, 1))",
        "lines": [{"gutter": frame.gutter(line.number), "highlighted": line.highlighted,
                   "tokens": [(text, styles[kind]) for text, kind in line.tokens]}
                  for line in frame.lines],
    }


def _table_view(page: Page, layout: DeckLayout) -> dict[str, Any]:
    """A page's table: its box, column widths and rows as the layout measured them."""
    frame = page.table
    head = table_header_color(layout.theme.colors).replace("_", "-")
    heights = [f"height:{_num(h)}pt" for h in frame.heights]
    return {
        "style": box_style(frame.box) + f";font-size:calc({_num(frame.size)}pt * var(--fit, 1))"
                 + f";--table-head-color:var(--color-{head})",
        "widths": [f"width:{_num(w)}pt" for w in frame.widths],
        "header": list(zip(frame.header, frame.align)),
        "header_style": heights[0],
        "rows": [{"cells": list(zip(row, frame.align)), "style": heights[i + 1],
                  "band": (frame.first + i + 1) % 2 == 0}
                 for i, row in enumerate(frame.rows)],
        "caption": page.caption.paras[0].text if page.caption else None,
    }


def _mark_steps(view: dict[str, Any], page: Page) -> dict[str, Any]:
    """Number the parts of a revealed page with the click (1, 2, ...) that shows them."""
    steps = reveal_steps(page)
    view["steps"], view["dim"] = len(steps), bool(steps) and page.source.dim
    frames = dict(view["frames"])
    for number, column in enumerate(view["columns"], start=1):
        frames[f"heading{number}"], frames[f"column{number}"] = column["heading"], column["body"]
    for number, step in enumerate(steps, start=1):
        for target in step:
            if target.frame == "image":
                view["image_step"] = number
            elif target.first is None:
                frames[target.frame]["step"] = number
            else:
                for para in frames[target.frame]["paras"][target.first:target.last + 1]:
                    para["step"] = number
    return view


def _frame_view(frame: TextFrame, measure: Measure) -> dict[str, Any]:
    return {
        "style": box_style(frame.box),
        "centred": frame.anchor == "ctr",
        "bottom": frame.anchor == "b",
        "align": "center" if frame.align == "ctr" else "",
        "font": frame.font,
        "bold": frame.bold,
        "paras": [{"para": p, "style": _para_style(p, measure)} for p in frame.paras],
    }


def _para_style(para: Para, measure: Measure) -> str:
    style = f"font-size:calc({_num(para.size)}pt * var(--fit, 1))"
    if para.after and abs(para.after - measure.after * para.size) > 0.01:  # tightened
        style += f";margin-bottom:calc({_num(para.after)}pt * var(--fit, 1))"
    if para.line != 1.0:  # a dense slide's closer lines, as the PPTX's line spacing
        style += f";line-height:{_num(1.2 * measure.line * para.line)}"
    if para.color:
        style += f";color:var(--color-{para.color.replace('_', '-')})"
    margin = measure.margin_left(para)
    if margin:
        style += f";padding-inline-start:{_num(margin)}pt"
    return style


def decor_css(layout: DeckLayout) -> Markup:
    """The theme's background picture and logo, inlined once as CSS (not once per slide)."""
    rules = []
    if layout.background_image is not None:
        rules.append(".slide:not(.slide--section) .slide__canvas { background-image: "
                     f"url('{_data_uri(layout.background_image)}'); background-size: cover; "
                     "background-position: center; }")
    if layout.logo is not None and layout.logo_box is not None:
        rules.append(f".logo {{ position: absolute; {box_style(layout.logo_box)}; "
                     f"background: url('{_data_uri(layout.logo)}') center / contain no-repeat; }}")
    return Markup("\n".join(rules))


def box_style(box: Box) -> str:
    """Absolute position and size of ``box`` in CSS points."""
    return (f"left:{_num(box.x)}pt;top:{_num(box.y)}pt;"
            f"width:{_num(box.w)}pt;height:{_num(box.h)}pt")


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


# <sub> and <sup> at the size and shift the layout measured, without growing the line (the
# style is written on each, so decks without them keep their stylesheet)
_SCRIPT_TAGS = {
    script: Markup('<{0} style="font-size:{1}em;line-height:0;vertical-align:baseline;'
                   'position:relative;top:{2}em">%s</{0}>').format(
        script, _num(SCRIPT_SIZE), _num(-shift / SCRIPT_SIZE))
    for script, shift in SCRIPT_SHIFT.items()}


def inline_html(text: str) -> Markup:
    """Inline markup as ``strong``/``em``/``code``/``a``/``sub``/``sup``/``u``/``s`` and a
    span in a theme colour; every piece of user text escaped."""
    out = []
    for span in inline.parse(text):
        html = escape(span.text)
        if span.math:
            html = Markup(formula.mathml(span.text))  # built by ElementTree: escaped
        elif span.code:
            html = Markup("<code>%s</code>") % html
        if span.script:
            html = _SCRIPT_TAGS[span.script] % html
        if span.italic:
            html = Markup("<em>%s</em>") % html
        if span.bold:
            html = Markup("<strong>%s</strong>") % html
        if span.underline:
            html = Markup("<u>%s</u>") % html
        if span.strike:
            html = Markup("<s>%s</s>") % html
        if span.color:
            html = Markup('<span style="color:var(--color-%s)">%s</span>') % (
                span.color.replace("_", "-"), html)
        if span.href:
            html = Markup('<a href="%s" rel="noopener noreferrer" target="_blank">%s</a>') % (
                span.href, html)
        out.append(html)
    return Markup("").join(out)


def equation_html(para: Para) -> Markup:
    """A displayed equation: block MathML, and its label (if any) after it."""
    html = Markup(formula.mathml(para.text, display=True))
    if para.label:
        html += Markup('<span class="equation__label">%s</span>') % para.label
    return html


_BROWSER_CANNOT_SHOW = ("tiff", "bmp", "emf", "wmf")  # inlined as PNG instead
_MIME = {"svg": "image/svg+xml", "webp": "image/webp"}


def _data_uri(path: Path) -> str:
    """The image file as a ``data:`` URI, so the deck needs no file beside it.

    An SVG goes in as it is (a browser shows it as a picture: its scripts never run); TIFF,
    BMP, EMF and WMF, which browsers do not show, are converted to PNG first (EMF and WMF by
    LibreOffice: without it, an empty frame of the picture's shape stands in, with a warning).
    """
    path = Path(path)
    kind = pictures.kind(path)
    mime = _MIME.get(kind or "") or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    try:
        if kind in _BROWSER_CANNOT_SHOW:
            data, mime = pictures.png(path), "image/png"
            if data is None:
                data, mime = pictures.placeholder_svg(*pictures.size(path)), _MIME["svg"]
        else:
            data = path.read_bytes()
    except (OSError, pictures.PictureError) as err:
        raise BuildError(f"{path}: cannot read image for the HTML deck: {err}") from err
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# -- theme as CSS ---------------------------------------------------------------------------------

def css_variables(layout: DeckLayout) -> dict[str, str]:
    """Theme tokens and slide geometry as CSS custom properties (name without ``--``)."""
    theme = layout.theme
    variables = {f"color-{name.replace('_', '-')}": value
                 for name, value in theme.colors.items()}
    for role in ("heading", "body", "mono"):
        variables[f"font-{role}"] = font_stack(theme.fonts[role], role == "mono",
                                               tuple(layout.script_fonts.values()))
    for name in ("title_slide", "section_slide"):
        for key, value in theme[name].items():
            if key in ("background", "band", "title_color", "subtitle_color", "byline_color"):
                css = theme.color(value) or "transparent"
                variables[f"{name}-{key}".replace("_", "-")] = css
    if layout.boxes.title_page_decoration is None and title_on_band(theme["title_slide"]):
        # the title was coloured for a band that is not drawn (a template's own title layout):
        # set it in the heading colour, as on the slide background
        variables["title-slide-title-color"] = theme.colors["heading"]
    footer = theme["footer"]
    variables["footer-color"] = theme.color(footer["color"]) or theme.colors["muted"]
    variables["footer-size"] = f"{_num(float(footer['size']))}pt"
    spacing = theme.spacing
    variables.update({
        "slide-width": f"{_num(layout.width)}pt",
        "slide-height": f"{_num(layout.height)}pt",
        "inset-x": f"{_num(INSET_X)}pt",
        "inset-y": f"{_num(INSET_Y)}pt",
        "indent": f"{_num(float(spacing['indent']))}pt",
        "line-height": _num(1.2 * float(spacing["line"])),
        "paragraph-space": _num(float(spacing["paragraph"])),
        "print-notes-zoom": _num(min(1.0, _A4_TEXT_WIDTH / layout.width)),
    })
    return variables


LIGHT_THEME = "classic"  # whose colours print a dark theme's handout


def handout_css(layout: DeckLayout) -> Markup:
    """A dark theme's handout prints in light colours (those of the built-in ``LIGHT_THEME``):
    its colour variables, set on the handout's pages. Empty for a light theme."""
    from generator.themes.theme import contrast_ratio, load_theme

    background = layout.theme.colors["background"]
    if contrast_ratio(background, "#000000") >= contrast_ratio(background, "#FFFFFF"):
        return Markup("")
    light = css_variables(replace(layout, theme=load_theme(LIGHT_THEME)))
    colours = {k: v for k, v in light.items()
               if k.startswith(("color-", "title-slide-", "section-slide-", "footer-color"))}
    return Markup(root_css(colours).replace(":root", ".handout", 1))


def root_css(variables: dict[str, str]) -> Markup:
    """A ``:root`` rule declaring ``variables``; values are stripped of anything that could end
    the ``<style>`` element (a style block is raw text, so HTML escaping would not help)."""
    lines = [f"  --{name}: {_CSS_UNSAFE.sub('', value)};" for name, value in variables.items()]
    return Markup(":root {\n" + "\n".join(lines) + "\n}")


def font_stack(family: str, mono: bool = False, scripts: tuple[str, ...] = ()) -> str:
    """A CSS font-family list: the theme's family, its metric twin, the fonts the layout
    measured East Asian and complex-script text with, then sensible fallbacks."""
    family = _FONT_UNSAFE.sub("", family).strip() or "sans-serif"
    names = [family, METRIC_TWINS.get(family.strip().lower(), "").title()]
    names += [_FONT_UNSAFE.sub("", s).strip() for s in scripts]
    lowered = family.lower()
    if mono or any(h in lowered for h in _MONO_HINTS):
        kind = "monospace"
    elif any(h in lowered for h in _SERIF_HINTS) and "sans" not in lowered:
        kind = "serif"
    else:
        kind = "sans-serif"
    stack: list[str] = []
    for name in names:
        if name and name.lower() not in (s.strip('"').lower() for s in stack):
            stack.append(f'"{name}"')
    for tail in _STACK_TAILS[kind]:
        if tail.strip('"').lower() not in (s.strip('"').lower() for s in stack):
            stack.append(tail)
    return ", ".join(stack)


# -- templates ------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _environment() -> Environment:
    from generator.html.precompiled import template_loader

    return environment(template_loader(HTML_DIR))


def environment(loader=None) -> Environment:
    """The Jinja environment of the HTML templates (default: read from ``templates/html/``).

    No bytecode cache in the per-user cache (that would be code; the cache holds data only):
    the templates come compiled with the package instead, see ``precompiled``."""
    env = Environment(loader=loader or FileSystemLoader(str(HTML_DIR)), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["inline"] = inline_html
    env.filters["equation"] = equation_html
    return env


@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    """A CSS or JS file from the HTML template folder, to be inlined into the document."""
    text = (HTML_DIR / name).read_text(encoding="utf-8")
    return text.replace("</", "<\\/") if name.endswith(".js") else text


__all__ = ["render_html", "css_variables", "font_stack", "inline_html"]
