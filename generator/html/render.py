"""Render a laid-out deck as one self-contained HTML presentation that works offline."""

from __future__ import annotations

import base64
import json
import re
from functools import lru_cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined, pass_context
from markupsafe import Markup, escape

from generator import pictures
from generator.errors import BuildError
from generator.html import figures, mathfont
from generator.html.backdrop import Backdrops
from generator.layout.fonts import METRIC_TWINS
from generator.layout.measure import (
    INSET_X,
    INSET_Y,
    OPENING,
    SCRIPT_SHIFT,
    SCRIPT_SIZE,
    Measure,
    note_paragraphs,
)
from generator.layout.page import (
    Box,
    CodeFrame,
    DeckLayout,
    DiagramFrame,
    Frame,
    Page,
    Para,
    PictureFrame,
    QRFrame,
    TableFrame,
    TextFrame,
    TimelineFrame,
)
from generator.layout.scripts import keeps_left_to_right
from generator.source import formula, inline
from generator.themes.theme import (
    BODY_TEXT,
    CONTRAST_PAIRS,
    TEMPLATES_DIR,
    Theme,
    contrast_background,
    contrast_ratio,
    title_on_band,
)

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
    backdrops = Backdrops(layout)
    context = {
        "deck": layout.deck,
        "layout": layout,
        "pages": _mark_repeated_leads(
            [_with_backdrop(_page_view(page, layout, measure), backdrops, page)
             for page in layout.pages if not page.hidden]),  # hidden slides left out
        "root_css": root_css(css_variables(layout)),
        "large_text_only": large_text_only(layout.theme),
        "decor_css": decor_css(layout) + backdrops.css(),
        "handout_css": handout_css(layout),
        "handout_plans": handout_plans(layout),
        "handout_pages": handout_pages_css(layout),
        "styles": Markup(_asset("deck.css") + _asset("reading.css")),
        "script": Markup(_asset("deck.js")),
    }
    document = _environment().get_template("deck.html.j2").render(context)
    return with_content_security_policy(with_math_font(document))


def with_math_font(document: str) -> str:
    """``document`` with the math font its formulas are drawn in embedded in a ``<style>`` of
    its own at the end of its head (a deck without formulas unchanged): the subset of the font
    that measured them, as deck.css names it first for ``<math>`` (docs/math.md)."""
    face = mathfont.font_face_css(document)
    if not face:
        return document
    return document.replace("</head>", f"<style>{face}</style>\n</head>", 1)


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
    return {
        "page": page,
        "heading_tag": "h1" if page.kind == "title" else "h2",
        "title": {**_text_view(page.title, measure), "on_band": _title_on_band(page, layout)},
        "frames": [_frame_view(f, layout, measure, bool(page.column_count),
                               f"{page.number}-{i}") for i, f in enumerate(page.frames)],
        "source": _text_view(page.source_line, measure) if page.source_line else None,
        "marker": _text_view(page.marker, measure) if page.marker else None,
        "decoration_style": _decoration_style(page, layout),
        "footer": deck.footer if page.chrome and deck.footer else None,
        "footer_style": box_style(layout.footer_box) + (
            f";font-size:{_num(layout.footer_size)}pt"
            if layout.footer_size != float(layout.theme["footer"]["size"]) else ""),
        "show_number": page.chrome and deck.slide_numbers,
        "number_style": box_style(page.number_box or layout.number_box),
        "notes": note_paragraphs(page.notes),
        "background": _background_style(page.background),
        "steps": page.steps,
        "dim": page.dim is not None,
    }


def _title_on_band(page: Page, layout: DeckLayout) -> bool:
    """Whether ``page`` is the title slide and its title is drawn on the look's band (the
    reading view keeps the band's colour behind the title when it lets the band go)."""
    band = layout.boxes.title_page_decoration if layout.boxes else None
    box = page.title.box
    return (page.kind == "title" and band is not None and layout.deck.template is None
            and title_on_band(layout.theme["title_slide"])
            and band.x <= box.x + 1 and band.y <= box.y + 1 and box.right <= band.right + 1
            and box.bottom <= band.bottom + 1)


def _mark_repeated_leads(views: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``views`` with the lead a split comparison repeats above its columns on a later page
    marked ``repeat``: the reading view, which joins the pages under one title, shows it once."""
    for before, view in zip(views, views[1:]):
        page, previous = view["page"], before["page"]
        lead = page.lead
        if (page.part > 1 and lead is not None and previous.lead is not None
                and page.source is previous.source
                and [p.text for p in lead.paras] == [p.text for p in previous.lead.paras]):
            view["frames"][page.frames.index(lead)]["repeat"] = True
    return views


def large_text_only(theme: Theme) -> bool:
    """Whether a colour of ``theme`` reads only as large text on what it is set on (3:1 at
    least, as titles, subtitles and headings may, but under body text's 4.5:1): the reading
    view then keeps titles, subtitles and headings at a large-text size (reading.css)."""
    def colour(key: str) -> str | None:
        section, name = key.split(".")
        return theme.color(theme[section][name])

    for fg_key, bg_key, needed in CONTRAST_PAIRS:
        if needed >= BODY_TEXT:
            continue
        fg, bg = colour(fg_key), colour(contrast_background(theme, bg_key))
        if fg and bg and contrast_ratio(fg, bg) < BODY_TEXT:
            return True
    return False


def _decoration_style(page: Page, layout: DeckLayout) -> str:
    """Where the title or section slide's look draws its band, block, rule or bar ("": none)."""
    boxes = layout.boxes
    box = {"title": boxes.title_page_decoration, "section": boxes.section_decoration}.get(
        page.kind)
    return box_style(box) if box is not None else ""


def _with_backdrop(view: dict[str, Any], backdrops: Backdrops, page: Page) -> dict[str, Any]:
    """The page's view with the classes of its template layout's backdrop: the canvas's
    background and the art layer drawn behind the text."""
    view["backdrop"], view["backdrop_art"] = backdrops.canvas(page), backdrops.art(page)
    return view


def _frame_view(frame: Frame, layout: DeckLayout, measure: Measure,
                lead: bool = False, uid: str = "") -> dict[str, Any]:
    """One frame of a page as the template draws it (``type`` picks the macro; ``uid``
    names what it defines uniquely in the document)."""
    if isinstance(frame, TextFrame):
        return _text_view(frame, measure, lead)
    if isinstance(frame, TableFrame):
        return _table_view(frame)
    if isinstance(frame, CodeFrame):
        return _code_view(frame)
    if isinstance(frame, TimelineFrame):
        return _timeline_view(frame, measure)
    if isinstance(frame, DiagramFrame):
        return {"type": "diagram", "step": frame.step, "style": box_style(frame.box),
                "svg": figures.diagram_svg(frame, uid)}
    if isinstance(frame, QRFrame):
        return {"type": "qr", "step": frame.step, "style": box_style(frame.box),
                "url": frame.url, "svg": figures.qr_svg(frame)}
    if isinstance(frame, PictureFrame):
        image = frame.image
        cover = frame.crop != (0.0, 0.0, 0.0, 0.0)
        return {"type": "picture", "src": _data_uri(image.path),
                "alt": "" if image.decorative else image.alt, "step": frame.step,
                "style": box_style(frame.box) + (
                    ";object-fit:cover;object-position:{}% {}%".format(
                        *(_num(v) for v in frame.position)) if cover else "")}
    return {"type": "shape", "step": 0,
            "style": box_style(frame.box) + f";background:{_color_css(frame.color)}"
            + (f";opacity:{_num(frame.alpha)}" if frame.alpha < 1 else "")
            + (";border-radius:50%" if frame.kind == "ellipse" else "")}


def _color_css(token: str | None) -> str:
    """A colour token of the page model as CSS: a theme colour name is its variable, a
    title or section slide's colour its variable, ``#RRGGBB`` itself."""
    if not token:
        return ""
    if token.startswith("#"):
        return token
    return f"var(--{token.replace('.', '-').replace('_', '-')})" if "." in token else (
        f"var(--color-{token.replace('_', '-')})")


def _background_style(background) -> str:
    """The slide's own background as CSS: a colour, or a picture covering the slide (cropped
    around its centre, as in the PPTX)."""
    if background is None:
        return ""
    if background.color is not None:
        return f"background:{background.color}"
    return f"background:url({_data_uri(background.image)}) center / cover no-repeat"


def _timeline_view(frame: TimelineFrame, measure: Measure) -> dict[str, Any]:
    """A timeline: the axis, and per event its marker, date and label frames."""
    return {
        "type": "timeline",
        "step": frame.step,
        "axis": box_style(frame.axis) + f";background:{_color_css(frame.color)}",
        "vertical": frame.vertical,
        "events": [{"marker": box_style(marker) + f";background:{_color_css(frame.color)}",
                    "date": _text_view(date, measure), "label": _text_view(label, measure)}
                   for marker, date, label in zip(frame.markers, frame.dates, frame.labels)],
    }


def _code_view(frame: CodeFrame) -> dict[str, Any]:
    """A code listing: its box, size, line height and each line's tokens with their colours."""
    styles = {kind: f"color:{_color_css(name)}" + (";font-weight:bold" if bold else "")
              + (";font-style:italic" if italic else "")
              for kind, (name, bold, italic) in frame.styles}
    return {
        "type": "code",
        "step": frame.step,
        "direction": frame.direction,
        "style": box_style(frame.box) + f";--size:{_num(frame.size)}"
                 + f";--code-line:calc({_num(frame.line_height)}pt * var(--fit, 1))"
                 + f";--code-band:color-mix(in srgb, {_color_css(frame.band)} "
                 + f"{_num(frame.band_alpha * 100)}%, transparent)",
        "lines": [{"gutter": frame.gutter(line.number), "highlighted": line.highlighted,
                   "tokens": [(text, styles.get(kind, "")) for text, kind in line.tokens]}
                  for line in frame.lines],
    }


def _table_view(frame: TableFrame) -> dict[str, Any]:
    """A table: its box, column widths and rows as the layout measured them."""
    heights = [f"height:{_num(h)}pt" for h in frame.heights]
    return {
        "type": "table",
        "step": frame.step,
        "direction": frame.direction,
        "style": box_style(frame.box) + f";--size:{_num(frame.size)}"
                 + f";--table-head-color:{_color_css(frame.header_color)}"
                 + f";--table-head-fill:{_color_css(frame.header_fill) or 'transparent'}"
                 + f";--table-band-fill:{_color_css(frame.band_fill) or 'transparent'}"
                 + f";--table-rule:{_num(frame.rule)}pt;--table-rule-color:"
                 + _color_css(frame.rule_color)
                 + f";--table-line:{_num(frame.line)}pt;--table-line-color:"
                 + _color_css(frame.line_color),
        "widths": [f"width:{_num(w)}pt" for w in frame.widths],
        "header": list(zip(frame.header, frame.align)),
        "header_style": heights[0],
        "rows": [{"cells": list(zip(row, frame.align)), "style": heights[i + 1],
                  "band": (frame.first + i + 1) % 2 == 0}
                 for i, row in enumerate(frame.rows)],
    }


def _text_view(frame: TextFrame, measure: Measure, lead: bool = False) -> dict[str, Any]:
    """A text frame; its class names its role (a comparison's ``lead``, a ``column``'s text
    and its ``column-heading`` apart from running text)."""
    color = _color_css(frame.color)
    role = frame.role
    if frame.column is not None:
        role = "column-heading" if role == "heading" else "column" if role == "body" else role
    elif lead and role == "body":
        role = "lead"
    return {
        "type": "text",
        "role": role,
        "style": box_style(frame.box) + (f";color:{color}" if color else ""),
        "centred": frame.anchor == "ctr",
        "bottom": frame.anchor == "b",
        "align": {"ctr": "center", "r": "right"}.get(frame.align, ""),
        "font": frame.font,
        "bold": frame.bold,
        "step": frame.step,
        "paras": [{"para": p, "style": _para_style(p, measure), "step": p.step}
                  for p in frame.paras],
    }


def _para_style(para: Para, measure: Measure) -> str:
    style = f"--size:{_num(para.size)}"  # pt; deck.css sets the font size from it
    if para.after and abs(para.after - measure.after * para.size) > 0.01:  # tightened
        style += f";margin-bottom:calc({_num(para.after)}pt * var(--fit, 1))"
    if not para.after and not para.display:
        style += ";margin-bottom:0"
    if para.line != 1.0:  # a dense slide's closer lines, as the PPTX's line spacing
        style += f";line-height:{_num(1.2 * measure.line * para.line)}"
    if para.color:
        style += f";color:{_color_css(para.color)}"
    if para.margin:
        style += f";padding-inline-start:{_num(para.margin)}pt"
    if para.bullet:
        style += f";--bullet-at:{_num(para.margin - para.hanging)}pt"
    if para.right:
        style += f";padding-inline-end:{_num(para.right)}pt"
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


def inline_html(text: str, rtl: bool = False) -> Markup:
    """Inline markup as ``strong``/``em``/``code``/``a``/``sub``/``sup``/``u``/``s`` and a
    span in a theme colour; every piece of user text escaped. ``rtl``: in right-to-left text,
    code, formulas and addresses are isolated left to right (``dir="ltr"``, as the layout's
    ``keeps_left_to_right`` says)."""
    out = []
    for span in inline.parse(text):
        ltr = rtl and keeps_left_to_right(span)
        html = _kept_together(span.text) if not (span.math or span.code) else escape(span.text)
        if span.math:
            html = Markup(formula.mathml(span.text))  # built by ElementTree: escaped
            if ltr:
                html = Markup(str(html).replace("<math ", '<math dir="ltr" ', 1))
        elif span.code:
            html = Markup("<code%s>%s</code>") % (Markup(' dir="ltr"') if ltr else "", html)
        elif ltr:
            html = Markup('<span dir="ltr">%s</span>') % html
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


_OPEN_THEN_WORD = re.compile(r"(?<!\S)([" + "".join(sorted(OPENING)) + r"] +\S+)")


def _kept_together(text: str) -> Markup:
    """``text`` escaped, each opening bracket that stands before spaces kept on one line with
    the word after it, as the layout measured it (Unicode's line breaking, rule LB14, which
    LibreOffice follows and Chromium does not): the characters stay exactly as written."""
    if not any(c in OPENING for c in text):
        return escape(text)
    out, at = [], 0
    for found in _OPEN_THEN_WORD.finditer(text):
        out.append(escape(text[at:found.start()]))
        out.append(Markup('<span class="together">%s</span>') % found.group(1))
        at = found.end()
    out.append(escape(text[at:]))
    return Markup("").join(out)


def equation_html(para: Para) -> Markup:
    """A displayed equation: block MathML (scaled down when the layout scaled its picture
    down to fit the box), and its label (if any) after it."""
    math = formula.mathml(para.text, display=True)
    natural = formula.size_em(para.text, True)[0] * para.size
    if para.drawn is not None and natural and para.drawn.w < natural - 0.5:  # wider than its
        share = 100 * para.drawn.w / natural  # box: scaled down as the layout decided
        math = math.replace("<math ", f'<math style="font-size:{_num(share)}%" ', 1)
    html = Markup(math)
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
    import mimetypes  # a deck with pictures only

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
    if layout.deck.template is not None:  # the template's bullets: its colour, else the text's
        variables["bullet-color"] = layout.bullet_color or theme.colors["text"]
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
        "body-size": _num(layout.body_size),  # the reading view scales sizes by it
    })
    return variables


def handout_css(layout: DeckLayout) -> Markup:
    """The colours the handouts print in, where they differ from the screen's (a dark
    theme's: see ``layout.printing``), as CSS variables set on the handout's pages; without
    the slides' background pictures when the layout leaves them off paper. Empty for a light
    theme."""
    look = layout.print_look
    if not look.colors and look.pictures:
        return Markup("")
    variables = {_color_css(token)[len("var(--"):-1]: value
                 for token, value in look.colors.items()}
    css = root_css(variables).replace(":root", ".handout", 1)
    if not look.pictures:
        css += "\n.handout .slide__canvas { background-image: none !important; }"
    return Markup(css)


def handout_pages_css(layout: DeckLayout) -> Markup:
    """The handouts' A4 pages as CSS named pages, ``handout-portrait`` and
    ``handout-landscape`` (``layout.printing``): the margins, the deck title in the header's
    page-margin box and "Page N of M" in the foot's."""
    from generator.layout.printing import FOOTER, HEADER, MARGIN

    margins = " ".join(f"{_num(v)}mm" for v in (MARGIN + HEADER, MARGIN, MARGIN + FOOTER,
                                                 MARGIN))
    title = _css_string(" ".join(inline.plain(layout.deck.title).split()))
    return Markup("\n".join(
        f"@page handout-{orientation} {{ size: A4 {orientation}; margin: {margins};\n"
        f"  @top-left {{ content: {title}; font: bold 10pt/1.2 var(--font-body); "
        "color: #1f2328; vertical-align: bottom; padding-bottom: 2mm; }\n"
        '  @bottom-center { content: "Page " counter(page) " of " counter(pages); '
        "font: 10pt/1.2 var(--font-body); color: #444; vertical-align: top; "
        "padding-top: 2mm; } }" for orientation in ("portrait", "landscape")))


def _css_string(text: str) -> str:
    """``text`` as a quoted CSS string, every character but letters, digits and spaces
    escaped (nothing in it can end the string, the rule or the ``<style>`` element)."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):06X}" for c in text) + '"'


def handout_plans(layout: DeckLayout) -> str:
    """Each handout layout's A4 page (``layout.printing``) as JSON for the player, which
    builds the handout's pages with ``?handout=KIND``: orientation, grid, the slides' size
    and the grid's area, in mm."""
    return json.dumps({plan.kind: {
        "orientation": plan.orientation, "columns": plan.columns, "rows": plan.rows,
        "slide": list(plan.slide), "lines": plan.lines, "notes": plan.notes,
        "content": [round(v, 2) for v in plan.content]}
        for plan in layout.handouts}, separators=(",", ":"))


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
    env.filters["inline"] = _inline_filter
    env.filters["equation"] = equation_html
    return env


@pass_context
def _inline_filter(context, text: str) -> Markup:
    """The ``inline`` filter: :func:`inline_html` in the direction of the page's deck."""
    deck = context.get("deck")
    return inline_html(text, rtl=bool(deck is not None and deck.rtl))


@lru_cache(maxsize=8)
def _asset(name: str) -> str:
    """A CSS or JS file from the HTML template folder, to be inlined into the document."""
    text = (HTML_DIR / name).read_text(encoding="utf-8")
    return text.replace("</", "<\\/") if name.endswith(".js") else text


__all__ = ["render_html", "css_variables", "font_stack", "inline_html"]


def compile_templates() -> Path:
    """Compile the HTML templates into the package (``python -m generator.html.render``)."""
    from generator.html.precompiled import write

    return write(environment(FileSystemLoader(str(HTML_DIR))), HTML_DIR)


if __name__ == "__main__":
    print(compile_templates())
