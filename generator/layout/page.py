"""The typed page model: every decision the layout makes, and all that the renderers draw.

All lengths are points on a slide that is 960 × 540 pt (16:9) or 720 × 540 pt (4:3), or a
template's own size. A page holds its title and its frames in reading order; each frame kind
is a frozen dataclass that a renderer draws without deciding anything: boxes, sizes, line
breaks' room (``Para.right``), colours (theme colour names), click steps and anchors are set
here by the layout.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, NamedTuple, Union

from generator.layout.printing import HandoutPlan, PrintLook
from generator.source.model import Deck, Image, Slide
from generator.themes.layouts import NAMED
from generator.themes.theme import Theme

if TYPE_CHECKING:  # a template's art: imported where a deck has a template
    from generator.themes.drawing import Backdrop


@dataclass(frozen=True)
class Box:
    """A rectangle on the slide, in points from the top-left corner."""

    x: float
    y: float
    w: float
    h: float

    @property
    def right(self) -> float:
        return self.x + self.w

    @property
    def bottom(self) -> float:
        return self.y + self.h


FORMULA_GAP = "\u00a0"  # the character holding an inline formula's place (InlineFormula)


@dataclass(frozen=True)
class InlineFormula:
    """An inline formula as viewers without Office Math (LibreOffice) get it: its picture in
    ``box``, over a gap the text leaves for it, as wide as the picture: a no-break space set at
    ``size`` (larger than the text where the formula reaches higher than a line, so the line's
    top rises) with ``spacing`` points of letter spacing and, where the formula reaches below
    the line, another at the text's size dropped by ``drop`` times that size (its bottom falls).
    """

    tex: str
    box: Box
    size: float
    spacing: float
    drop: float = 0.0


@dataclass(frozen=True)
class DrawnCell:
    """A table cell's inline formulas as pictures (see :class:`InlineFormula`), its lines
    starting at ``breaks`` (offsets in its plain text)."""

    row: int  # 0: the header row
    column: int
    inline: tuple[InlineFormula, ...]
    breaks: tuple[int, ...]


@dataclass(frozen=True)
class Para:
    """One paragraph to draw: raw text (with inline markup), its level, bullet flag and size."""

    text: str
    level: int = 0
    bullet: bool = False
    size: float = 28.0
    after: float = 0.0  # space after the paragraph, in points
    display: bool = False  # ``text`` is a displayed equation's LaTeX
    label: str | None = None  # a displayed equation's label, e.g. "(1)"
    line: float = 1.0  # line pitch, a fraction of the theme's ``spacing.line``
    color: str | None = None  # a theme colour name ("lead" for a lead paragraph); None: the frame's
    step: int = 0  # the click that shows it (0: shown from the start)
    right: float = 0.0  # a right margin (pt) that moves a line break (no one-word last line)
    margin: float = 0.0  # the left margin of its text (pt): its level's indent
    hanging: float = 0.0  # how far its bullet hangs left of the text (pt); 0 without a bullet
    direction: str = ""  # "ltr" or "rtl" where it runs otherwise than the deck ("": the deck's)
    drawn: Box | None = None  # a displayed equation's picture (the PPTX's fallback): its box ...
    height: float = 0.0  # ... in the height measured for the equation (the space after left out)
    inline: tuple[InlineFormula, ...] = ()  # its inline formulas' pictures (the fallback's) ...
    breaks: tuple[int, ...] = ()  # ... in text whose lines start at these offsets of its plain text
    top: float = 0.0  # ... in a paragraph whose text starts here (set with ``drawn``/``inline``)


@dataclass(frozen=True)
class TextFrame:
    """Paragraphs placed in a box, every size already chosen to fit.

    ``role`` says what the text is (the PPTX puts a ``title`` in the title placeholder, a
    ``body`` in the body placeholder, …): title, subtitle, byline, body, lead, heading,
    caption, credit, marker, source, quote, attribution, date, label. ``color`` is a theme
    colour name, ``None`` where the template's own colour stays (a template's title slide).
    """

    box: Box
    paras: tuple[Para, ...]
    size: float  # the base (level-1) size chosen for this frame
    font: str  # "heading" or "body": which theme font renders it
    height: float = 0.0  # measured height of the text, insets included
    bold: bool = False  # set bold (titles and column headings, as the theme's weights say)
    anchor: str = "t"  # "t" top, "ctr" centred (statements), "b" on the box's lower edge
    align: str = "l"  # "l", "ctr" or "r"
    role: str = "body"
    color: str | None = "text"
    step: int = 0  # the click that shows the whole frame (0: shown from the start)
    column: int | None = None  # the column (0-based) it belongs to, if any


@dataclass(frozen=True)
class TableFrame:
    """One page's part of a table: the frame's box, column widths and row heights (the header
    row first), every cell's text and the size all cells are set at; and its quiet style: the
    header row's text colour (bold), an optional fill for the header and for every other body
    row, a ``rule`` (pt) in ``rule_color`` under the header and a ``line`` in ``line_color``
    under each body row; no vertical rules."""

    box: Box
    widths: tuple[float, ...]
    heights: tuple[float, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    align: tuple[str, ...]
    size: float
    first: int = 0  # index of this page's first body row in the source table
    step: int = 0
    column: int | None = None
    header_color: str = "heading"  # theme colour names (or #RRGGBB): the header row's text, ...
    header_fill: str | None = None  # ... its fill, ...
    band_fill: str | None = None  # ... every other body row's fill, ...
    rule_color: str = "heading"  # ... the rule under the header, ...
    line_color: str = "muted"  # ... and the light line under each body row
    rule: float = 1.5  # widths in points
    line: float = 0.75
    direction: str = "ltr"  # "rtl": the first column on the right (a right-to-left deck)
    drawn: tuple[DrawnCell, ...] = ()  # cells whose formulas the PPTX's fallback draws

    def cells(self):
        """``(row, column, text, box, is_header)`` for every cell, the header row first."""
        y = self.box.y
        for r, (row, h) in enumerate(zip((self.header, *self.rows), self.heights)):
            x = self.box.x
            for c, (text, w) in enumerate(zip(row, self.widths)):
                yield r, c, text, Box(x, y, w, h), r == 0
                x += w
            y += h


@dataclass(frozen=True)
class CodeLine:
    """One line of code: its number, its tokens as ``(text, kind)`` and whether it is
    highlighted; kinds are the keys of ``CodeFrame.styles``."""

    number: int
    tokens: tuple[tuple[str, str], ...]
    highlighted: bool = False

    @property
    def text(self) -> str:
        return "".join(text for text, _ in self.tokens)


@dataclass(frozen=True)
class CodeFrame:
    """One page's part of a code listing, set at ``size`` with lines ``line_height`` apart;
    ``digits`` is the width of the line-number gutter (0: no line numbers); ``styles`` maps
    each token kind to ``(theme colour name, bold, italic)``; a highlighted line lies on a
    band of ``band`` at ``band_alpha``."""

    box: Box
    lines: tuple[CodeLine, ...]
    size: float
    line_height: float
    digits: int = 0
    styles: tuple[tuple[str, tuple[str, bool, bool]], ...] = ()
    step: int = 0
    column: int | None = None
    direction: str = "ltr"  # code runs left to right, in a right-to-left deck too
    band: str = "accent"  # a highlighted line's band: a theme colour name ...
    band_alpha: float = 0.14  # ... at this opacity

    def gutter(self, number: int) -> str:
        """The line-number text before a line (right-aligned, two spaces after)."""
        return f"{number:>{self.digits}}  " if self.digits else ""

    def line_box(self, index: int, inset: float) -> Box:
        """Where the ``index``-th line of this page is drawn (for highlighted lines)."""
        return Box(self.box.x, self.box.y + inset + index * self.line_height, self.box.w,
                   self.line_height)

    def style(self, kind: str) -> tuple[str, bool, bool]:
        return dict(self.styles).get(kind, ("text", False, False))


@dataclass(frozen=True)
class PictureFrame:
    """A picture drawn in ``box`` (its own shape: never distorted); ``crop`` is the share cut
    from the left, top, right and bottom (a full-bleed picture covering the slide)."""

    box: Box
    image: Image
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)
    position: tuple[float, float] = (50.0, 50.0)  # the crop as a CSS object-position (per cent)
    step: int = 0
    column: int | None = None


@dataclass(frozen=True)
class TimelineFrame:
    """One page of a timeline: the axis, a marker per event, and each event's date and label
    text frames; ``vertical`` when the dates run down the slide. Drawn as one group."""

    axis: Box
    markers: tuple[Box, ...]
    dates: tuple[TextFrame, ...]
    labels: tuple[TextFrame, ...]
    vertical: bool = False
    first: int = 0  # index of this page's first event
    step: int = 0
    column: int | None = None
    color: str = "accent"  # the axis and markers

    @property
    def box(self) -> Box:
        """The box around the whole timeline."""
        boxes = [self.axis, *self.markers, *(f.box for f in (*self.dates, *self.labels))]
        x, y = min(b.x for b in boxes), min(b.y for b in boxes)
        return Box(x, y, max(b.right for b in boxes) - x, max(b.bottom for b in boxes) - y)


# The connection sites (top, left, bottom, right) of each shape a diagram draws, as a
# connector's ``a:stCxn idx`` counts them in PowerPoint's preset definitions (an ellipse has
# eight, counter-clockwise from its top).
DIAGRAM_SITES = {"rect": (0, 1, 2, 3), "roundRect": (0, 1, 2, 3), "diamond": (0, 1, 2, 3),
                 "ellipse": (0, 2, 4, 6), "text": (0, 1, 2, 3)}


@dataclass(frozen=True)
class DiagramLabel:
    """A label's lines (already broken) at a size, centred in ``box``."""

    box: Box
    lines: tuple[str, ...]
    size: float


@dataclass(frozen=True)
class DiagramNode:
    """A box, ellipse or diamond (``shape``: a preset name: ``rect``, ``roundRect``,
    ``ellipse``, ``diamond``, or ``text`` for a bare label) with its label."""

    name: str
    shape: str
    box: Box
    label: DiagramLabel
    dashed: bool = False

    def site(self, side: int) -> tuple[float, float]:
        """The point of connection site ``side`` (0 top, 1 left, 2 bottom, 3 right): the
        middle of that side."""
        b = self.box
        return ((b.x + b.w / 2, b.y), (b.x, b.y + b.h / 2), (b.x + b.w / 2, b.bottom),
                (b.right, b.y + b.h / 2))[side]

    def site_index(self, side: int) -> int:
        """``side`` as PowerPoint numbers this shape's connection sites."""
        return DIAGRAM_SITES[self.shape][side]


@dataclass(frozen=True)
class DiagramEdge:
    """A straight connector from node ``tail`` to node ``head`` (indices into the frame's
    nodes), from one connection site (``tail_side``) to another, with an arrowhead at either
    end or none, and a label on its middle."""

    tail: int
    head: int
    tail_side: int
    head_side: int
    start: tuple[float, float]
    end: tuple[float, float]
    head_arrow: bool
    tail_arrow: bool
    label: DiagramLabel | None = None
    dashed: bool = False


@dataclass(frozen=True)
class DiagramFrame:
    """A laid-out diagram: its shapes and connectors inside ``box``, its labels' size and its
    lines' weight; colours are theme colour names (``fill`` behind labels, ``line`` for
    outlines and connectors, ``text`` for labels); ``description`` is its alternative text.
    Drawn as one group."""

    box: Box
    nodes: tuple[DiagramNode, ...]
    edges: tuple[DiagramEdge, ...]
    size: float  # the labels' size
    line_width: float  # outlines and connectors, in points
    fill: str = "code_background"
    line: str = "accent"
    text: str = "text"
    description: str = ""
    step: int = 0
    column: int | None = None


@dataclass(frozen=True)
class QRFrame:
    """A QR code in the square ``box`` (its quiet zone included): ``modules`` wide, its dark
    modules as rectangles ``(x, y, w, h)`` in modules (the quiet zone counted in), ``dark``
    on ``light`` (``#RRGGBB``), linked to ``url``. Its address is a text frame beside it."""

    box: Box
    modules: int
    rectangles: tuple[tuple[int, int, int, int], ...]
    url: str
    dark: str = "#000000"
    light: str = "#FFFFFF"
    step: int = 0
    column: int | None = None


@dataclass(frozen=True)
class ShapeFrame:
    """A plain filled rectangle, ellipse or band (a title slide's band, a scrim, a rule) in a
    theme colour (``alpha``: its opacity), drawn under the text it decorates."""

    box: Box
    color: str
    kind: str = "rect"  # "rect" or "ellipse"
    alpha: float = 1.0
    name: str = "Decoration"


Frame = Union[TextFrame, TableFrame, CodeFrame, PictureFrame, TimelineFrame, DiagramFrame, QRFrame,
              ShapeFrame]


@dataclass(frozen=True)
class PageBackground:
    """A slide's own background as drawn: a colour, or a picture cropped (never stretched) to
    cover the slide; ``crop`` is the share cut from the left, top, right and bottom."""

    color: str | None = None
    image: Path | None = None
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


class ColumnView(NamedTuple):
    """A column of a page: its heading and its running text."""

    heading: TextFrame | None
    body: TextFrame | None


@dataclass(frozen=True)
class Page:
    """One output slide (a source slide may become several pages when split).

    ``kind`` is ``title``, ``section``, ``content``, ``statement`` or ``full``; ``frames``
    is everything under the title in reading order; ``layout`` names the kind of PowerPoint
    layout the page is drawn on (``content``, ``continuation``, ``columns2``, ``columns3``,
    ``image``, ``title_only``, ``title``, ``section``); ``steps`` counts its clicks.
    """

    kind: str
    number: int
    title: TextFrame
    frames: tuple[Frame, ...] = ()
    source: Slide | None = None
    part: int = 1
    parts: int = 1
    notes: str = ""
    marker: TextFrame | None = None  # "· 2/3" after a split slide's number, in its colour
    source_line: TextFrame | None = None  # the slide's 'source:' line, above the footer
    background: PageBackground | None = None
    layout: str = "content"
    column_count: int = 0  # the columns the body is set in (0: one)
    steps: int = 0
    dim: str | None = None  # the colour (#RRGGBB) earlier steps dim to, when they dim
    chrome: bool = True  # the footer and slide number are drawn
    hidden: bool = False  # kept in the PPTX (not shown in a slide show), left out of the HTML
    number_box: Box | None = None  # where its slide number goes, if not the deck's number box

    @property
    def title_text(self) -> str:
        """The title as written."""
        return self.title.paras[0].text if self.title.paras else ""

    def texts(self) -> list[TextFrame]:
        """Every text frame of the page (the title, the frames', the marker), in order."""
        out = [self.title]
        for f in self.frames:
            if isinstance(f, TextFrame):
                out.append(f)
            elif isinstance(f, TimelineFrame):
                for date, label in zip(f.dates, f.labels):
                    out.extend((date, label))
        out.extend(f for f in (self.source_line, self.marker) if f is not None)
        return out

    # -- the frames by role, for checks and tests (renderers walk ``frames``) ------------------
    @property
    def body(self) -> TextFrame | None:
        """The running text outside any column (on a page without columns)."""
        return None if self.column_count else self._role("body")

    @property
    def lead(self) -> TextFrame | None:
        """The text above a comparison's columns."""
        return self._role("body") if self.column_count else None

    @property
    def subtitle(self) -> TextFrame | None:
        return self._role("subtitle")

    @property
    def byline(self) -> TextFrame | None:
        return self._role("byline")

    @property
    def caption(self) -> TextFrame | None:
        return next(iter(self.of_role("caption") + self.of_role("attribution")), None)

    @property
    def columns(self) -> tuple[ColumnView, ...]:
        """Each column's heading and running text (``None`` where it has none)."""
        out = []
        for i in range(self.column_count):
            texts = [f for f in self.frames if isinstance(f, TextFrame) and f.column == i]
            out.append(ColumnView(next((f for f in texts if f.role == "heading"), None),
                                  next((f for f in texts if f.role == "body"), None)))
        return tuple(out)

    @property
    def table(self) -> TableFrame | None:
        return self.first(TableFrame)

    @property
    def code(self) -> CodeFrame | None:
        return self.first(CodeFrame)

    @property
    def timeline(self) -> TimelineFrame | None:
        return self.first(TimelineFrame)

    @property
    def pictures(self) -> list[PictureFrame]:
        return [f for f in self.frames if isinstance(f, PictureFrame)]

    def _role(self, role: str) -> TextFrame | None:
        return next((f for f in self.frames if isinstance(f, TextFrame) and f.role == role
                     and f.column is None), None)

    def of_role(self, role: str) -> list[TextFrame]:
        """The page's text frames of one ``role``, in reading order."""
        return [f for f in self.frames if isinstance(f, TextFrame) and f.role == role]

    def first(self, kind: type) -> Frame | None:
        """The page's first frame of a kind (``TableFrame``, ``PictureFrame``, …)."""
        return next((f for f in self.frames if isinstance(f, kind)), None)


@dataclass(frozen=True)
class SlideBoxes:
    """Where each kind of slide puts its text (what the PPTX layouts' placeholders use)."""

    title: Box
    body: Box
    title_page_title: Box
    title_page_subtitle: Box
    section_title: Box
    section_subtitle: Box
    title_page_byline: Box  # the title slide's author and date
    title_page_decoration: Box | None  # its band, block, rule or bar (see ``title_look``)
    title_page_anchor: str  # its title's anchor: "t", "ctr" or "b", as the look sets it
    section_decoration: Box | None  # a section slide's, in the title slide's look


@dataclass(frozen=True)
class DeckLayout:
    """The whole deck as laid out pages plus slide-wide geometry."""

    deck: Deck
    theme: Theme
    width: float
    height: float
    pages: tuple[Page, ...]
    footer_box: Box
    number_box: Box
    boxes: SlideBoxes | None = None
    footer_size: float = 12.0  # the footer text's size, shrunk from the theme's to fit one line
    logo: Path | None = None  # the theme's logo, drawn on every slide at ``logo_box``
    logo_box: Box | None = None
    background_image: Path | None = None  # the theme's background picture, slide-filling
    script_fonts: dict[str, str] = field(default_factory=dict)  # "ea"/"cs" slot -> family
    template_rtl: bool = False  # the deck's template writes right to left (its master's text)
    body_size: float = 28.0  # the deck's one body size (continuations may step down)
    title_size: float = 36.0  # every content slide's title size
    print_look: PrintLook = PrintLook({})  # the colours the handouts print in (``printing``)
    handouts: tuple[HandoutPlan, ...] = ()  # each handout layout's A4 page (``printing``)
    # on a template: what each slide layout the pages use shows behind the text (by
    # layout_key), and the colour of the body's bullets where the template sets one
    backdrops: Mapping[str, Backdrop] = field(default_factory=dict)
    bullet_color: str | None = None

    def backdrop(self, page: Page) -> Backdrop | None:
        """What ``page``'s slide layout shows behind its text (``None`` off a template)."""
        return self.backdrops.get(layout_key(page))


def layout_key(page: Page) -> str:
    """The slide layout ``page`` is drawn on: its ``layout`` (``"content"``, ``"columns2"``,
    ``"title_only"``, …) or, for a slide that names a template layout, ``NAMED`` + its name
    in lower case."""
    if page.layout == "named" and page.source is not None and page.source.template_layout:
        return NAMED + page.source.template_layout.casefold()
    return page.layout


def all_frames(page: Page) -> list[TextFrame]:
    """Every text frame of a page (for tests and lint)."""
    return page.texts()
