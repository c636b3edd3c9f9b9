"""A template's masters and layouts read for a deck: which master a deck builds on, which
layout serves each slide kind, and whether its size agrees with the deck's ``aspect:``."""

from __future__ import annotations

import io
from pathlib import Path
from typing import TYPE_CHECKING

from generator.errors import BuildError

NAMED = "name:"  # the key of a template's layout by name (``layout: "Name"``), before its name

if TYPE_CHECKING:  # python-pptx is imported only to open a template
    from pptx.presentation import Presentation

P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"


def read_template(path: Path) -> Presentation:
    """A ``.pptx``/``.potx`` template opened with python-pptx (its slides left as they are);
    ``BuildError`` if it is not a usable PowerPoint package."""
    import pptx

    from generator.untrusted import check_package

    try:
        data = path.read_bytes()
        check_package(data)  # a zip bomb or a hostile package is refused before it is read
        if path.suffix.lower() != ".pptx":
            data = as_presentation(data)
        return pptx.Presentation(io.BytesIO(data))
    except Exception as err:  # python-pptx raises many kinds for a bad package
        raise BuildError(f"{path}: not a usable PowerPoint template ({err})") from err


SLIDE_EMU = {"16:9": (12192000, 6858000), "4:3": (9144000, 6858000)}


# Layout names, by the slide kind that uses them; templates are searched by the same names and
# then by the fallbacks below (the first layout whose name matches, case-insensitively).
LAYOUT_NAMES = {
    "title": "Title Slide",
    "section": "Section Header",
    "content": "Title and Content",
    "continuation": "Title and Content (continued)",
    "columns2": "Two Columns",
    "columns3": "Three Columns",
    "image": "Picture with Caption",
    "title_only": "Title Only",
    "blank": "Blank",
}


# PowerPoint's names come first, then LibreOffice's ("Title, Content"), which a template saved
# by Impress has.
LAYOUT_FALLBACKS = {
    "title": ("Title Slide", "Title"),
    "section": ("Section Header", "Section", "Title Slide"),
    "content": ("Title and Content", "Content", "Title and Text", "Title and Body",
                "Title, Content"),
    "continuation": ("Title and Content (continued)", "Title and Content", "Content",
                     "Title, Content"),
    "columns2": ("Two Columns", "Two Content", "Comparison", "Title, 2 Content", "Title Only",
                 "Title and Content", "Title, Content"),
    "columns3": ("Three Columns", "Two Columns", "Two Content", "Comparison",
                 "Title, 2 Content", "Title Only", "Title and Content", "Title, Content"),
    "image": ("Picture with Caption", "Title Only", "Title and Content", "Title, Content"),
    "title_only": ("Title Only", "Title and Content", "Title, Content"),
    "blank": ("Blank", "Blank Slide"),
}


def check_template_aspect(path: Path, width: int, height: int, aspect: str) -> None:
    """``BuildError`` unless slides of ``width`` x ``height`` EMU have the ratio of ``aspect``
    (within 1 %); the message gives the template's real size and ratio."""
    cx, cy = SLIDE_EMU[aspect]
    if width and height and abs((width / height) / (cx / cy) - 1) <= 0.01:
        return
    real = _aspect(width, height) if width and height else "no size"
    size = f"{width / 914400:.2f} x {height / 914400:.2f} in ({real})"
    wanted = f"{cx / 914400:.2f} x {cy / 914400:.2f} in"
    raise BuildError(f"{path}: the template's slides are {size}, but the deck's 'aspect' is "
                     f"{aspect} ({wanted}); remove 'aspect' to build in the template's size, "
                     f"or use a {aspect} template")


# The main part's content type of a template, a slide show and their macro-enabled kinds, and
# what it is in a presentation: the only thing in which those packages differ from a .pptx.
_MAIN_TYPES = (
    (b"presentationml.template.main+xml", b"presentationml.presentation.main+xml"),
    (b"presentationml.slideshow.main+xml", b"presentationml.presentation.main+xml"),
    (b"powerpoint.template.macroEnabled.main+xml",
     b"powerpoint.presentation.macroEnabled.main+xml"),
    (b"powerpoint.slideshow.macroEnabled.main+xml",
     b"powerpoint.presentation.macroEnabled.main+xml"),
)


def as_presentation(data: bytes) -> bytes:
    """A ``.potx``, ``.ppsx`` or ``.pptm`` package as one python-pptx opens as a presentation:
    they differ from a ``.pptx`` only in the main part's content type."""
    import zipfile

    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            blob = src.read(info)
            if info.filename == "[Content_Types].xml":
                for old, new in _MAIN_TYPES:
                    blob = blob.replace(old, new)
            dst.writestr(info, blob)
    return out.getvalue()


# A layout's ``type`` (what PowerPoint made it as, kept when it is renamed or translated),
# by the slide kinds that use it, best first.
LAYOUT_TYPES = {
    "title": ("title",),
    "section": ("secHead",),
    "content": ("obj", "tx"),
    "continuation": ("obj", "tx"),
    "columns2": ("twoObj", "twoTxTwoObj"),
    "columns3": (),
    "image": ("picTx",),
    "title_only": ("titleOnly",),
    "blank": ("blank",),
}


# Names other tools and languages give the layouts: Google Slides (TITLE_AND_BODY), and
# PowerPoint's German, French, Spanish, Swedish, Russian and Chinese names.
LAYOUT_NAMES_ELSEWHERE = {
    "title": ("Title", "Titelfolie", "Diapositive de titre", "Diapositiva de título",
              "Rubrikbild", "Titelbild", "Титульный слайд", "标题幻灯片"),
    "section": ("Section header", "Section title and description", "Abschnittsüberschrift",
                "En-tête de section", "Encabezado de sección", "Avsnittsrubrik",
                "Заголовок раздела", "节标题"),
    "content": ("Title and body", "Titel und Inhalt", "Titre et contenu", "Título y objetos",
                "Rubrik och innehåll", "Заголовок и объект", "标题和内容"),
    "columns2": ("Title and two columns", "Zwei Inhalte", "Deux contenus", "Dos objetos",
                 "Två innehåll", "Два объекта", "两栏内容", "Vergleich", "Comparaison",
                 "Comparación", "Jämförelse", "Сравнение", "比较"),
    "title_only": ("Title only", "Nur Titel", "Titre seul", "Solo el título", "Endast rubrik",
                   "Только заголовок", "仅标题"),
    "blank": ("Leer", "Vide", "En blanco", "Tom", "Пустой слайд", "空白"),
}


def _layout_key(name: str) -> str:
    """A layout name as names are compared: case, ``_`` and spacing ignored."""
    return " ".join(name.replace("_", " ").split()).casefold()


def find_layout(prs: Presentation, kind: str, layouts=None):
    """The layout of ``layouts`` (default: the first master's) for ``kind`` (a key of
    ``LAYOUT_FALLBACKS``): our own name, then PowerPoint's layout type, then the names
    PowerPoint, LibreOffice and Google Slides give it (in several languages), else the layout
    whose placeholders fit best."""
    layouts = list(prs.slide_layouts if layouts is None else layouts)
    return _recognised(layouts, kind) or _layout_by_placeholders(prs, kind, layouts)


def _recognised(layouts: list, kind: str):
    """The layout made for ``kind``, by our name, its type or a known name; else ``None``."""
    by_name: dict[str, object] = {}
    for layout in layouts:
        by_name.setdefault(_layout_key(layout.name or ""), layout)
    own = _layout_key(LAYOUT_NAMES[kind])
    if own in by_name:
        return by_name[own]
    for layout_type in LAYOUT_TYPES[kind]:
        for layout in layouts:
            if layout._element.get("type") == layout_type:
                return layout
    names = LAYOUT_NAMES_ELSEWHERE.get(kind, ()) + LAYOUT_FALLBACKS[kind]
    if kind == "continuation":
        names += LAYOUT_NAMES_ELSEWHERE["content"]
    for name in names:
        if _layout_key(name) in by_name:
            return by_name[_layout_key(name)]
    return None


def master_name(master) -> str:
    """A slide master's name: its own, else its theme's."""
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    from lxml import etree

    name = master._element.find(f"{P}cSld").get("name", "")
    if not name:
        try:
            theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
            name = theme.get("name", "")
        except (KeyError, ValueError, etree.XMLSyntaxError):
            name = ""
    return name.strip()


def choose_master(prs: Presentation, wanted: str | None = None):
    """The slide master to build on: ``wanted`` (its number from 1, or its name), else the one
    whose layouts serve the slide kinds best (a content layout with a title and a body first,
    then the most kinds it has a layout made for); ``BuildError`` for an unknown ``wanted``."""
    masters = list(prs.slide_masters)
    if wanted is not None:
        text = str(wanted).strip()
        if text.isdigit() and 1 <= int(text) <= len(masters):
            return masters[int(text) - 1]
        by_name = {master_name(m).casefold(): m for m in masters}
        if text.casefold() in by_name:
            return by_name[text.casefold()]
        import difflib

        names = [master_name(m) for m in masters]
        close = difflib.get_close_matches(text, names, n=1)
        hint = f"did you mean {close[0]!r}? " if close else ""
        listed = ", ".join(f"{i} {n!r}" for i, n in enumerate(names, start=1))
        raise BuildError(f"the template has no master {text!r}; {hint}(its masters: {listed})")

    def score(master) -> tuple[bool, int]:
        layouts = list(master.slide_layouts)
        content = _recognised(layouts, "content")
        usable = content is not None and _has_title_and_body(content)
        kinds = ("title", "section", "content", "columns2", "image", "title_only")
        return usable, sum(_recognised(layouts, k) is not None for k in kinds)

    best = max(range(len(masters)), key=lambda i: (score(masters[i]), -i))
    return masters[best]


def _has_title_and_body(layout) -> bool:
    from pptx.enum.shapes import PP_PLACEHOLDER as PP

    types = [ph.placeholder_format.type for ph in layout.placeholders]
    return (any(t in (PP.TITLE, PP.CENTER_TITLE) for t in types)
            and any(t in (PP.OBJECT, PP.BODY) for t in types))


def _layout_by_placeholders(prs: Presentation, kind: str, layouts=None):
    """The layout that fits ``kind`` best by its placeholders: it has a title (``blank``: none),
    as many of the wanted placeholders as it can (content kinds need a body or content
    placeholder; a subtitle or a text strip does not count), then the fewest left unused, then
    the preferred types (a section's subtitle in a body placeholder); the first wins a tie."""
    from pptx.enum.shapes import PP_PLACEHOLDER as PP

    titles = (PP.TITLE, PP.CENTER_TITLE)
    chrome = (PP.DATE, PP.FOOTER, PP.SLIDE_NUMBER, PP.HEADER)
    content = (PP.OBJECT, PP.BODY)  # an Office "Content" placeholder first
    wanted = {
        "title": (((PP.SUBTITLE, PP.BODY, PP.OBJECT), 1),),
        "section": (((PP.BODY, PP.SUBTITLE, PP.OBJECT), 1),),
        "content": ((content, 1),),
        "continuation": ((content, 1),),
        "columns2": ((content, 2),),
        "columns3": ((content, 3),),
        "image": ((content, 1), ((PP.PICTURE,), 1)),
    }.get(kind, ())
    needs_content = any(types == content for types, _ in wanted)

    strip = (prs.slide_height or 6858000) * 0.08

    def fit(layout) -> tuple[bool, int, int, int] | None:
        # A text strip (a subheading or a caption line, under 8 % of the slide high)
        # holds no slide body.
        types = [ph.placeholder_format.type for ph in layout.placeholders
                 if not (ph.placeholder_format.type in content and ph.height is not None
                         and ph.height < strip)]
        if any(t in titles for t in types) == (kind == "blank"):
            return None
        pool = [t for t in types if t not in titles and t not in chrome]
        missing = rank = 0
        for group, count in wanted:
            for _ in range(count):
                found = min((t for t in pool if t in group), key=group.index, default=None)
                if found is None:
                    missing += 1
                else:
                    pool.remove(found)
                    rank += group.index(found)
        lacks_content = needs_content and not any(t in content for t in types)
        return lacks_content, missing, len(pool), rank

    layouts = list(prs.slide_layouts if layouts is None else layouts)
    if not layouts:  # a master without layouts: its first master's, else the presentation's
        layouts = [layout for master in prs.slide_masters for layout in master.slide_layouts]
        if not layouts:
            raise BuildError("the template has no slide layouts")
    scored = [(score, i) for i, layout in enumerate(layouts)
              if (score := fit(layout)) is not None]
    if not scored:
        return layouts[0]
    return layouts[min(scored)[1]]


def _aspect(w: int, h: int) -> str:
    ratio = w / h
    if abs(ratio - 16 / 9) < 0.01:
        return "16:9"
    if abs(ratio - 4 / 3) < 0.01:
        return "4:3"
    return f"{ratio:.3f}:1"
