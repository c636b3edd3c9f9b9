"""A template's slide art read as data: the backgrounds, pictures and simple shapes of its
masters and layouts (DrawingML), with theme colours and their modifiers resolved."""

from __future__ import annotations

import colorsys
import io
import logging
import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

log = logging.getLogger("generator")

EMU_PER_PT = 12700
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
FILLS = ("noFill", "solidFill", "gradFill", "blipFill", "pattFill", "grpFill")
# Pictures a browser shows as they are; others (EMF, WMF, TIFF) are drawn as PNG first.
WEB_IMAGES = {"image/png": "png", "image/jpeg": "jpeg", "image/gif": "gif", "image/svg+xml": "svg",
              "image/webp": "webp", "image/bmp": "bmp"}
DRAWN_IMAGES = {"image/x-emf": ".emf", "image/x-wmf": ".wmf", "image/emf": ".emf",
                "image/wmf": ".wmf", "image/tiff": ".tiff"}
PRESET_COLOURS = {"black": "#000000", "white": "#FFFFFF", "red": "#FF0000", "green": "#008000",
                  "blue": "#0000FF", "yellow": "#FFFF00", "gray": "#808080", "grey": "#808080",
                  "darkGray": "#A9A9A9", "lightGray": "#D3D3D3", "orange": "#FFA500",
                  "navy": "#000080", "silver": "#C0C0C0", "maroon": "#800000"}
SYSTEM_COLOURS = {"windowText": "#000000", "window": "#FFFFFF", "btnFace": "#F0F0F0",
                  "btnText": "#000000", "highlight": "#3399FF", "highlightText": "#FFFFFF"}


# -- the data ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Colour:
    """A resolved colour: ``#RRGGBB`` and its opacity (0 to 1)."""

    hex: str
    alpha: float = 1.0


@dataclass(frozen=True)
class Stop:
    """One stop of a gradient: where it is (0 to 1) and its colour."""

    position: float
    colour: Colour


@dataclass(frozen=True)
class Picture:
    """An image file's bytes as the template holds them, and its size."""

    data: bytes
    mime: str
    width: int  # pixels
    height: int
    dpi: float = 96.0

    @property
    def points(self) -> tuple[float, float]:
        """The picture's own size in points (as a tile is laid at its own size)."""
        return self.width / self.dpi * 72, self.height / self.dpi * 72


@dataclass(frozen=True)
class Fill:
    """How an area is filled: ``kind`` "solid" (``colour``), "gradient" (``stops``, a linear
    ``angle`` in degrees clockwise from left-to-right, or ``radial`` around ``centre``) or
    "picture" (``picture`` stretched over the area, or tiled at ``tile`` scale)."""

    kind: str
    colour: Colour | None = None
    stops: tuple[Stop, ...] = ()
    angle: float = 0.0
    radial: bool = False
    centre: tuple[float, float] = (0.5, 0.5)
    picture: Picture | None = None
    tile: tuple[float, float] | None = None  # (x scale, y scale) of a tiled picture
    crop: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)  # left, top, right, bottom
    opacity: float = 1.0  # a picture's own transparency

    def average(self, area: tuple[float, float] | None = None) -> str:
        """The colour the fill reads as from afar: its colour, its stops' mean, or its
        picture's mean colour (of the part a tiled picture shows in an ``area`` of that many
        points), over white where it is transparent."""
        if self.kind == "solid" and self.colour is not None:
            return _over_white(self.colour)
        if self.kind == "gradient" and self.stops:
            return _mix([(_over_white(s.colour), w) for s, w in _stop_weights(self.stops)])
        if self.kind == "picture" and self.picture is not None:
            shown = (1.0, 1.0)
            if self.tile is not None and area is not None:
                w, h = self.picture.points
                shown = (min(1.0, area[0] / (w * self.tile[0] or 1)),
                         min(1.0, area[1] / (h * self.tile[1] or 1)))
            return _picture_average(self.picture.data, shown)
        return "#FFFFFF"


@dataclass(frozen=True)
class Stroke:
    """A line's colour, width (pt) and dash pattern (``None``: solid)."""

    colour: Colour
    width: float
    dash: str | None = None


@dataclass(frozen=True)
class Shape:
    """A shape or picture of a master or layout, in points on the slide: its box, its
    outline as an SVG path in the box's own coordinates (``None``: a picture), its fill and
    line, and its rotation (degrees, clockwise) and flips."""

    box: tuple[float, float, float, float]
    path: str | None = None
    fill: Fill | None = None
    stroke: Stroke | None = None
    rotation: float = 0.0
    flip_h: bool = False
    flip_v: bool = False


@dataclass(frozen=True)
class Backdrop:
    """What a slide on one layout shows behind its text: the background (the layout's, else
    its master's) and the master's and layout's pictures and shapes, back to front."""

    background: Fill | None
    shapes: tuple[Shape, ...] = ()
    left_out: tuple[str, ...] = ()  # what the reading could not draw (for the notice)

    def colour(self, area: tuple[float, float] | None = None) -> str:
        """The background's colour as read from afar on a slide of ``area`` (points); white
        where there is none."""
        return self.background.average(area) if self.background is not None else "#FFFFFF"


# -- colours -------------------------------------------------------------------------------------

@dataclass
class Scheme:
    """A master's colours by every name DrawingML uses for them (``accent1``, ``dk1``, and
    through its colour map ``tx1``, ``bg1`` ...), and its theme's format styles."""

    colours: dict[str, str]
    fills: list = field(default_factory=list)  # a:fillStyleLst children
    lines: list = field(default_factory=list)  # a:lnStyleLst children
    backgrounds: list = field(default_factory=list)  # a:bgFillStyleLst children

    def mapped(self, override) -> Scheme:
        """The scheme under a layout's ``p:clrMapOvr`` (``override``: its mapping element)."""
        if override is None:
            return self
        colours = dict(self.colours)
        for alias, target in override.attrib.items():
            base = self.colours.get(f"theme:{target}")
            if base is not None:
                colours[alias] = base
        return Scheme(colours, self.fills, self.lines, self.backgrounds)


def master_scheme(master) -> Scheme:
    """The colour scheme and format styles of ``master`` (a python-pptx slide master)."""
    from lxml import etree
    from pptx.opc.constants import RELATIONSHIP_TYPE as RT

    try:
        theme = etree.fromstring(master.part.part_related_by(RT.THEME).blob)
    except (KeyError, etree.XMLSyntaxError):
        theme = None
    colours: dict[str, str] = {}
    scheme = theme.find(f".//{A}clrScheme") if theme is not None else None
    for child in scheme if scheme is not None else ():
        name = etree.QName(child).localname
        value = _base_colour(child[0], {}) if len(child) else None
        if value is not None:
            colours[name] = colours[f"theme:{name}"] = value
    mapping = master._element.find(f"{P}clrMap")
    defaults = {"bg1": "lt1", "tx1": "dk1", "bg2": "lt2", "tx2": "dk2"}
    attrs = dict(defaults, **(dict(mapping.attrib) if mapping is not None else {}))
    for alias, target in attrs.items():
        if target in colours:
            colours[alias] = colours[target]
    fmt = theme.find(f".//{A}fmtScheme") if theme is not None else None

    def styles(tag: str) -> list:
        found = fmt.find(f"{A}{tag}") if fmt is not None else None
        return list(found) if found is not None else []

    return Scheme(colours, styles("fillStyleLst"), styles("lnStyleLst"), styles("bgFillStyleLst"))


def colour_of(element, scheme: Scheme, placeholder: Colour | None = None) -> Colour | None:
    """The colour a DrawingML colour element (``a:srgbClr``, ``a:schemeClr`` ... or a parent
    holding one, such as ``a:solidFill``) stands for, modifiers applied; ``placeholder``
    is what ``phClr`` means in a style."""
    if element is None:
        return None
    tag = element.tag.split("}")[-1]
    if tag not in ("srgbClr", "schemeClr", "sysClr", "prstClr", "scrgbClr", "hslClr"):
        for child in element:
            found = colour_of(child, scheme, placeholder)
            if found is not None:
                return found
        return None
    if tag == "schemeClr" and element.get("val") == "phClr":
        if placeholder is None:
            return None
        rgb, alpha = _rgb(placeholder.hex), placeholder.alpha
    else:
        base = _base_colour(element, scheme.colours)
        if base is None:
            return None
        rgb, alpha = _rgb(base), 1.0
    return _modified(rgb, alpha, element)


def _base_colour(element, colours: dict[str, str]) -> str | None:
    tag = element.tag.split("}")[-1]
    if tag == "srgbClr":
        return "#" + (element.get("val") or "000000").upper()
    if tag == "sysClr":
        last = element.get("lastClr")
        return "#" + last.upper() if last else SYSTEM_COLOURS.get(element.get("val", ""))
    if tag == "schemeClr":
        return colours.get(element.get("val", ""))
    if tag == "prstClr":
        return PRESET_COLOURS.get(element.get("val", ""))
    if tag == "scrgbClr":
        return _hex(tuple(_srgb(int(element.get(k, "0")) / 100000) for k in "rgb"))
    if tag == "hslClr":
        r, g, b = colorsys.hls_to_rgb(int(element.get("hue", "0")) / 21600000,
                                      int(element.get("lum", "0")) / 100000,
                                      int(element.get("sat", "0")) / 100000)
        return _hex((r, g, b))
    return None


def _modified(rgb: tuple[float, float, float], alpha: float, element) -> Colour:
    """``rgb`` with the element's colour modifiers, in their order."""
    for mod in element:
        name, value = mod.tag.split("}")[-1], int(mod.get("val", "0")) / 100000
        if name == "alpha":
            alpha = value
        elif name == "alphaMod":
            alpha *= value
        elif name == "alphaOff":
            alpha += value
        elif name == "tint":  # that much of the colour, the rest white (in linear light)
            rgb = tuple(_srgb(_linear(c) * value + (1 - value)) for c in rgb)
        elif name == "shade":  # that much of the colour, the rest black (in linear light)
            rgb = tuple(_srgb(_linear(c) * value) for c in rgb)
        elif name in ("lumMod", "lumOff", "satMod", "satOff", "hueMod", "hueOff"):
            h, lum, s = colorsys.rgb_to_hls(*rgb)
            if name == "lumMod":
                lum *= value
            elif name == "lumOff":
                lum += value
            elif name == "satMod":
                s *= value
            elif name == "satOff":
                s += value
            elif name == "hueMod":
                h = (h * value) % 1.0
            else:
                h = (h + int(mod.get("val", "0")) / 21600000) % 1.0
            rgb = colorsys.hls_to_rgb(h, min(1.0, max(0.0, lum)), min(1.0, max(0.0, s)))
        elif name == "comp":
            h, lum, s = colorsys.rgb_to_hls(*rgb)
            rgb = colorsys.hls_to_rgb((h + 0.5) % 1.0, lum, s)
        elif name == "inv":
            rgb = tuple(1 - c for c in rgb)
        elif name == "gray":
            grey = 0.299 * rgb[0] + 0.587 * rgb[1] + 0.114 * rgb[2]
            rgb = (grey, grey, grey)
    return Colour(_hex(rgb), max(0.0, min(1.0, alpha)))


def _linear(c: float) -> float:
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def _srgb(c: float) -> float:
    c = max(0.0, min(1.0, c))
    return 12.92 * c if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


def _rgb(hex_colour: str) -> tuple[float, float, float]:
    return tuple(int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5))


def _hex(rgb) -> str:
    return "#%02X%02X%02X" % tuple(round(max(0.0, min(1.0, c)) * 255) for c in rgb)


def _over_white(colour: Colour) -> str:
    return _mix([(colour.hex, colour.alpha), ("#FFFFFF", 1 - colour.alpha)])


def _mix(weighted: list[tuple[str, float]]) -> str:
    total = sum(w for _, w in weighted) or 1.0
    return _hex(tuple(sum(_rgb(c)[i] * w for c, w in weighted) / total for i in range(3)))


def mix(a: str, b: str, share_of_b: float) -> str:
    """``a`` with ``share_of_b`` (0 to 1) of ``b`` mixed in."""
    return _mix([(a, 1 - share_of_b), (b, share_of_b)])


def mix_all(colours: list[str]) -> str:
    """The mean of ``colours``."""
    return _mix([(c, 1.0) for c in colours])


def _stop_weights(stops: tuple[Stop, ...]) -> list[tuple[Stop, float]]:
    """Each stop with the share of the gradient's length it colours: half of each segment
    beside it, and all of the length before the first stop and after the last."""
    last = len(stops) - 1
    out = []
    for i, stop in enumerate(stops):
        before = (stop.position - stops[i - 1].position) / 2 if i else stop.position
        after = (stops[i + 1].position - stop.position) / 2 if i < last else 1 - stop.position
        out.append((stop, max(0.0, before + after) + 1e-6))
    return out


@lru_cache(maxsize=16)
def _picture_average(data: bytes, shown: tuple[float, float] = (1.0, 1.0)) -> str:
    """The mean colour of a picture (of the top-left ``shown`` share of it), over white."""
    from PIL import Image

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.draft("RGB", (image.width // 8 or 1, image.height // 8 or 1))  # JPEG: faster
            rgba = _as_rgba(image)
    except Exception:  # Pillow raises many kinds for an image it cannot read
        return "#FFFFFF"
    if shown != (1.0, 1.0):  # the top-left part a tile shows
        rgba = rgba.crop((0, 0, max(1, round(rgba.width * shown[0])),
                          max(1, round(rgba.height * shown[1]))))
    white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    r, g, b, _ = Image.alpha_composite(white, rgba).resize((1, 1), Image.Resampling.BOX
                                                            ).getpixel((0, 0))
    return f"#{r:02X}{g:02X}{b:02X}"


def _as_rgba(image):
    """``image`` as RGBA; 16-bit grey scaled down (Pillow would clip it to white)."""
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.convert("I").point(lambda v: v * (1 / 256)).convert("L")
    return image.convert("RGBA")


# -- fills and lines -----------------------------------------------------------------------------

class _Reader:
    """Reads the fills, lines and shapes of one master or layout part."""

    def __init__(self, part, scheme: Scheme) -> None:
        self.part, self.scheme = part, scheme
        self.left_out: list[str] = []

    def fill(self, holder, placeholder: Colour | None = None) -> Fill | None:
        """The fill of ``holder`` (an element holding one of ``FILLS``), or ``None``: no fill
        element (inherit); a ``noFill`` is a fill of kind "none"."""
        if holder is None:
            return None
        for child in holder:
            tag = child.tag.split("}")[-1]
            if tag not in FILLS:
                continue
            if tag == "noFill":
                return Fill("none")
            if tag == "solidFill":
                colour = colour_of(child, self.scheme, placeholder)
                return Fill("solid", colour) if colour is not None else None
            if tag == "gradFill":
                return self._gradient(child, placeholder)
            if tag == "blipFill":
                return self._picture(child)
            if tag == "pattFill":  # a pattern reads as its two colours mixed
                fg = colour_of(child.find(f"{A}fgClr"), self.scheme, placeholder)
                bg = colour_of(child.find(f"{A}bgClr"), self.scheme, placeholder)
                if fg is None or bg is None:
                    return None
                return Fill("solid", Colour(mix(fg.hex, bg.hex, 0.5)))
            return None  # grpFill: the group's, not drawn on its own
        return None

    def _gradient(self, element, placeholder: Colour | None) -> Fill | None:
        stops = []
        for stop in element.iterfind(f"{A}gsLst/{A}gs"):
            colour = colour_of(stop, self.scheme, placeholder)
            if colour is not None:
                stops.append(Stop(int(stop.get("pos", "0")) / 100000, colour))
        if not stops:
            return None
        stops.sort(key=lambda s: s.position)
        lin, path = element.find(f"{A}lin"), element.find(f"{A}path")
        if path is not None:
            rect = path.find(f"{A}fillToRect")
            left, top, right, bottom = (
                (int(rect.get(k, "0")) / 100000 for k in "ltrb") if rect is not None
                else (0.5, 0.5, 0.5, 0.5))
            return Fill("gradient", stops=tuple(stops), radial=True,
                        centre=((left + 1 - right) / 2, (top + 1 - bottom) / 2))
        angle = int(lin.get("ang", "0")) / 60000 if lin is not None else 90.0
        return Fill("gradient", stops=tuple(stops), angle=angle)

    def _picture(self, element) -> Fill | None:
        blip = element.find(f"{A}blip")
        picture = self.picture(blip)
        if picture is None:
            return None
        src = element.find(f"{A}srcRect")
        crop = tuple(int(src.get(k, "0")) / 100000 for k in "ltrb") if src is not None else (
            0.0, 0.0, 0.0, 0.0)
        opacity = 1.0
        fix = blip.find(f"{A}alphaModFix")
        if fix is not None:
            opacity = int(fix.get("amt", "100000")) / 100000
        tile = element.find(f"{A}tile")
        scale = None
        if tile is not None:
            scale = (int(tile.get("sx", "100000")) / 100000, int(tile.get("sy", "100000")) / 100000)
        return Fill("picture", picture=picture, tile=scale, crop=crop, opacity=opacity)

    def picture(self, blip) -> Picture | None:
        """The image a ``a:blip`` embeds, if a browser can show it."""
        rid = blip.get(f"{R}embed") if blip is not None else None
        if not rid:
            return None
        try:
            image_part = self.part.related_part(rid)
        except KeyError:
            return None
        mime = image_part.content_type
        if mime in DRAWN_IMAGES:  # a logo as EMF, WMF or TIFF: drawn as PNG (pictures.png)
            drawn = _drawn(image_part.blob, str(image_part.partname).rsplit("/", 1)[-1],
                           DRAWN_IMAGES[mime])
            if drawn is None:
                self.left_out.append(f"a {mime} picture")
                return None
            return _picture_data(drawn, "image/png")
        if mime not in WEB_IMAGES:
            self.left_out.append(f"a {mime} picture")
            return None
        return _picture_data(image_part.blob, mime)

    def stroke(self, line, placeholder: Colour | None = None, base: Stroke | None = None
               ) -> Stroke | None:
        """The line ``a:ln`` draws (over the style's ``base`` line), or ``None``."""
        if line is None:
            return base
        if line.find(f"{A}noFill") is not None:
            return None
        width = int(line.get("w")) / EMU_PER_PT if line.get("w") else (
            base.width if base else 0.75)
        fill = self.fill(line, placeholder)
        colour = base.colour if base else None
        if fill is not None and fill.kind == "solid":
            colour = fill.colour
        elif fill is not None and fill.kind == "gradient":
            colour = Colour(fill.average())
        dash = line.find(f"{A}prstDash")
        pattern = dash.get("val") if dash is not None and dash.get("val") != "solid" else None
        if colour is None:
            return None
        return Stroke(colour, width, pattern or (base.dash if base else None))

    def style_refs(self, style) -> tuple[Fill | None, Stroke | None]:
        """The fill and line a shape's ``p:style`` refers to in the theme."""
        if style is None:
            return None, None
        fill = line = None
        ref = style.find(f"{A}fillRef")
        if ref is not None:
            fill = self.styled(ref, "fill")
        ref = style.find(f"{A}lnRef")
        if ref is not None:
            index = int(ref.get("idx", "0"))
            if 0 < index <= len(self.scheme.lines):
                line = self.stroke(self.scheme.lines[index - 1], colour_of(ref, self.scheme))
        return fill, line

    def styled(self, ref, what: str) -> Fill | None:
        """The fill of a ``fillRef``/``bgRef``: idx 1-999 the theme's fills, 1001 and up its
        background fills, with ``phClr`` standing for the reference's own colour."""
        index = int(ref.get("idx", "0"))
        styles = self.scheme.fills
        if index >= 1001:
            styles, index = self.scheme.backgrounds, index - 1000
        if not 0 < index <= len(styles):
            return None
        holder = _wrapped(styles[index - 1])
        return self.fill(holder, colour_of(ref, self.scheme))


def _wrapped(fill_element):
    """A fill element under a parent, as ``_Reader.fill`` reads fills from their holder."""
    from lxml import etree

    holder = etree.Element(f"{A}spPr")
    holder.append(_copy(fill_element))
    return holder


def _copy(element):
    from copy import deepcopy

    return deepcopy(element)


def _drawn(blob: bytes, name: str, suffix: str) -> bytes | None:
    """A picture the browser cannot show, as PNG (kept in the per-user cache), or ``None``."""
    import tempfile
    from pathlib import Path

    from generator.pictures import PictureError, png

    with tempfile.TemporaryDirectory(prefix="deck-template-picture-") as tmp:
        path = Path(tmp) / (Path(name).stem + suffix)
        path.write_bytes(blob)
        try:
            return png(path)
        except PictureError:
            return None


def _picture_data(blob: bytes, mime: str) -> Picture | None:
    from PIL import Image

    try:
        with Image.open(io.BytesIO(blob)) as image:
            width, height = image.size
            dpi = image.info.get("dpi", (96, 96))[0] or 96
    except Exception:  # Pillow raises many kinds for an image it cannot read
        return None
    return Picture(blob, mime, width, height, float(dpi) if 30 <= float(dpi) <= 1200 else 96.0)


# -- geometry ------------------------------------------------------------------------------------

def _fmt(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".") or "0"


def _polygon(points: list[tuple[float, float]]) -> str:
    return "M" + " L".join(f"{_fmt(x)} {_fmt(y)}" for x, y in points) + " Z"


def preset_path(name: str, w: float, h: float, adjust: dict[str, float]) -> str | None:
    """The outline of a preset shape ``name`` in a ``w`` x ``h`` box as an SVG path (the
    common shapes of slide masters: rectangles, rounded rectangles, ellipses, lines,
    triangles, diamonds, hexagons, parallelograms, trapezoids, chevrons); ``None`` for others."""
    ss = min(w, h)

    def adj(key: str, default: float) -> float:
        return adjust.get(key, default) / 100000

    if name in ("rect", "flowChartProcess", "snip1Rect") or name.startswith("flowChartAlt"):
        return f"M0 0 H{_fmt(w)} V{_fmt(h)} H0 Z"
    if name == "roundRect":
        r = min(ss * adj("adj", 16667), w / 2, h / 2)
        return (f"M{_fmt(r)} 0 H{_fmt(w - r)} A{_fmt(r)} {_fmt(r)} 0 0 1 {_fmt(w)} {_fmt(r)} "
                f"V{_fmt(h - r)} A{_fmt(r)} {_fmt(r)} 0 0 1 {_fmt(w - r)} {_fmt(h)} "
                f"H{_fmt(r)} A{_fmt(r)} {_fmt(r)} 0 0 1 0 {_fmt(h - r)} V{_fmt(r)} "
                f"A{_fmt(r)} {_fmt(r)} 0 0 1 {_fmt(r)} 0 Z")
    if name in ("ellipse", "flowChartConnector"):
        rx, ry = w / 2, h / 2
        return (f"M0 {_fmt(ry)} A{_fmt(rx)} {_fmt(ry)} 0 1 1 {_fmt(w)} {_fmt(ry)} "
                f"A{_fmt(rx)} {_fmt(ry)} 0 1 1 0 {_fmt(ry)} Z")
    if name in ("line", "straightConnector1"):
        return f"M0 0 L{_fmt(w)} {_fmt(h)}"
    if name == "triangle":
        return _polygon([(w * adj("adj", 50000), 0), (w, h), (0, h)])
    if name == "rtTriangle":
        return _polygon([(0, 0), (w, h), (0, h)])
    if name == "diamond":
        return _polygon([(w / 2, 0), (w, h / 2), (w / 2, h), (0, h / 2)])
    if name == "hexagon":
        x = ss * adj("adj", 25000)
        return _polygon([(0, h / 2), (x, 0), (w - x, 0), (w, h / 2), (w - x, h), (x, h)])
    if name == "parallelogram":
        x = ss * adj("adj", 25000)
        return _polygon([(x, 0), (w, 0), (w - x, h), (0, h)])
    if name == "trapezoid":
        x = ss * adj("adj", 25000)
        return _polygon([(x, 0), (w - x, 0), (w, h), (0, h)])
    if name == "homePlate":
        x = w - ss * adj("adj", 50000)
        return _polygon([(0, 0), (x, 0), (w, h / 2), (x, h), (0, h)])
    if name == "chevron":
        x = ss * adj("adj", 50000)
        return _polygon([(0, 0), (w - x, 0), (w, h / 2), (w - x, h), (0, h), (x, h / 2)])
    return None


def custom_path(geometry, w: float, h: float) -> str | None:
    """A custom geometry (``a:custGeom``) as an SVG path in a ``w`` x ``h`` box; ``None`` when
    it uses guides (formulas) this reading does not work out."""
    out = []
    for path in geometry.iterfind(f"{A}pathLst/{A}path"):
        pw, ph = int(path.get("w", "0")) or None, int(path.get("h", "0")) or None
        sx, sy = (w / pw if pw else 1 / EMU_PER_PT), (h / ph if ph else 1 / EMU_PER_PT)
        x = y = 0.0
        for step in path:
            tag = step.tag.split("}")[-1]
            try:
                points = [(float(pt.get("x")) * sx, float(pt.get("y")) * sy)
                          for pt in step.iterfind(f"{A}pt")]
            except (TypeError, ValueError):
                return None  # a point given by a guide's name
            if tag == "moveTo":
                x, y = points[0]
                out.append(f"M{_fmt(x)} {_fmt(y)}")
            elif tag == "lnTo":
                x, y = points[0]
                out.append(f"L{_fmt(x)} {_fmt(y)}")
            elif tag == "cubicBezTo" and len(points) == 3:
                out.append("C" + " ".join(f"{_fmt(a)} {_fmt(b)}" for a, b in points))
                x, y = points[2]
            elif tag == "quadBezTo" and len(points) == 2:
                out.append("Q" + " ".join(f"{_fmt(a)} {_fmt(b)}" for a, b in points))
                x, y = points[1]
            elif tag == "arcTo":
                try:
                    wr, hr = float(step.get("wR")) * sx, float(step.get("hR")) * sy
                    start, swing = int(step.get("stAng")) / 60000, int(step.get("swAng")) / 60000
                except (TypeError, ValueError):
                    return None
                x, y, arc = _arc(x, y, wr, hr, start, swing)
                out.append(arc)
            elif tag == "close":
                out.append("Z")
    return " ".join(out) or None


def _arc(x: float, y: float, wr: float, hr: float, start: float, swing: float
         ) -> tuple[float, float, str]:
    """DrawingML's ``arcTo`` from ``(x, y)`` as an SVG arc: the ellipse's angle ``start`` is
    where the pen is, and it turns by ``swing`` degrees (clockwise when positive)."""
    def point(angle: float) -> tuple[float, float]:
        rad = math.radians(angle)
        return wr * math.cos(rad), hr * math.sin(rad)

    sx, sy = point(start)
    cx, cy = x - sx, y - sy
    ex, ey = point(start + swing)
    end = (cx + ex, cy + ey)
    large = 1 if abs(swing) > 180 else 0
    sweep = 1 if swing > 0 else 0
    return end[0], end[1], (f"A{_fmt(wr)} {_fmt(hr)} 0 {large} {sweep} "
                            f"{_fmt(end[0])} {_fmt(end[1])}")


# -- shapes --------------------------------------------------------------------------------------

@dataclass(frozen=True)
class _Frame:
    """How a group maps its children's coordinates (EMU) onto the slide (points)."""

    dx: float = 0.0
    dy: float = 0.0
    sx: float = 1 / EMU_PER_PT
    sy: float = 1 / EMU_PER_PT

    def box(self, x: int, y: int, cx: int, cy: int) -> tuple[float, float, float, float]:
        return (self.dx + x * self.sx, self.dy + y * self.sy, cx * self.sx, cy * self.sy)


def _xfrm(sp_pr) -> tuple[Any, int, int, int, int] | None:
    xfrm = sp_pr.find(f"{A}xfrm") if sp_pr is not None else None
    if xfrm is None:
        return None
    off, ext = xfrm.find(f"{A}off"), xfrm.find(f"{A}ext")
    if off is None or ext is None:
        return None
    return (xfrm, int(off.get("x", "0")), int(off.get("y", "0")), int(ext.get("cx", "0")),
            int(ext.get("cy", "0")))


def _shapes(reader: _Reader, tree, frame: _Frame) -> list[Shape]:
    out: list[Shape] = []
    for element in tree:
        tag = element.tag.split("}")[-1]
        if tag in ("sp", "cxnSp"):
            if element.find(f"{P}nvSpPr/{P}nvPr/{P}ph") is not None:
                continue  # a placeholder is where a slide's text goes, not art
            shape = _shape(reader, element, frame)
        elif tag == "pic":
            if element.find(f"{P}nvPicPr/{P}nvPr/{P}ph") is not None:
                continue
            shape = _picture_shape(reader, element, frame)
        elif tag == "grpSp":
            out.extend(_group(reader, element, frame))
            continue
        elif tag in ("graphicFrame", "contentPart"):
            reader.left_out.append("a chart, table or diagram")
            continue
        else:
            continue
        if shape is not None:
            out.append(shape)
    return out


def _group(reader: _Reader, group, frame: _Frame) -> list[Shape]:
    found = _xfrm(group.find(f"{P}grpSpPr"))
    if found is None:
        return _shapes(reader, group, frame)
    xfrm, x, y, cx, cy = found
    child_off, child_ext = xfrm.find(f"{A}chOff"), xfrm.find(f"{A}chExt")
    if child_off is None or child_ext is None:
        return _shapes(reader, group, frame)
    chx, chy = int(child_off.get("x", "0")), int(child_off.get("y", "0"))
    chcx, chcy = int(child_ext.get("cx", "0")) or 1, int(child_ext.get("cy", "0")) or 1
    sx, sy = frame.sx * cx / chcx, frame.sy * cy / chcy
    inner = _Frame(frame.dx + x * frame.sx - chx * sx, frame.dy + y * frame.sy - chy * sy, sx, sy)
    return _shapes(reader, group, inner)


def _placed(element_pr, frame: _Frame) -> tuple[tuple[float, float, float, float], float, bool,
                                                bool] | None:
    found = _xfrm(element_pr)
    if found is None:
        return None
    xfrm, x, y, cx, cy = found
    return (frame.box(x, y, cx, cy), int(xfrm.get("rot", "0")) / 60000,
            xfrm.get("flipH") in ("1", "true"), xfrm.get("flipV") in ("1", "true"))


def _shape(reader: _Reader, element, frame: _Frame) -> Shape | None:
    sp_pr = element.find(f"{P}spPr")
    placed = _placed(sp_pr, frame)
    if placed is None:
        return None
    box, rotation, flip_h, flip_v = placed
    style_fill, style_line = reader.style_refs(element.find(f"{P}style"))
    fill = reader.fill(sp_pr)
    fill = style_fill if fill is None else fill
    stroke = reader.stroke(sp_pr.find(f"{A}ln"), None, style_line)
    if fill is not None and fill.kind == "none":
        fill = None
    w, h = box[2], box[3]
    preset, custom = sp_pr.find(f"{A}prstGeom"), sp_pr.find(f"{A}custGeom")
    if preset is not None:
        adjust = {}
        for guide in preset.iterfind(f"{A}avLst/{A}gd"):
            formula = (guide.get("fmla") or "").split()
            if len(formula) == 2 and formula[0] == "val":
                adjust[guide.get("name")] = float(formula[1])
        path = preset_path(preset.get("prst", ""), w, h, adjust)
        if path is None:
            reader.left_out.append(f"a {preset.get('prst')!r} shape")
            return None
    elif custom is not None:
        path = custom_path(custom, w, h)
        if path is None:
            reader.left_out.append("a custom shape drawn with formulas")
            return None
    else:
        return None
    if preset is not None and preset.get("prst") in ("line", "straightConnector1"):
        fill = None
    if fill is None and stroke is None:
        return None
    return Shape(box, path, fill, stroke, rotation, flip_h, flip_v)


def _picture_shape(reader: _Reader, element, frame: _Frame) -> Shape | None:
    placed = _placed(element.find(f"{P}spPr"), frame)
    blip_fill = element.find(f"{P}blipFill")
    if placed is None or blip_fill is None:
        return None
    fill = reader._picture(blip_fill)
    if fill is None:
        return None
    box, rotation, flip_h, flip_v = placed
    stroke = reader.stroke(element.find(f"{P}spPr/{A}ln"))
    return Shape(box, None, Fill("picture", picture=fill.picture, crop=fill.crop,
                                 opacity=fill.opacity), stroke, rotation, flip_h, flip_v)


# -- backdrops -----------------------------------------------------------------------------------

def _background(reader: _Reader, element) -> Fill | None:
    """The fill of a part's ``p:cSld/p:bg`` (``None``: it has none of its own)."""
    bg = element.find(f"{P}cSld/{P}bg")
    if bg is None:
        return None
    pr = bg.find(f"{P}bgPr")
    if pr is not None:
        return reader.fill(pr)
    ref = bg.find(f"{P}bgRef")
    return reader.styled(ref, "background") if ref is not None else None


def read_backdrop(layout) -> Backdrop:
    """What a slide on ``layout`` (a python-pptx slide layout) shows behind its text."""
    master = layout.slide_master
    scheme = master_scheme(master)
    override = layout._element.find(f"{P}clrMapOvr/{A}overrideClrMapping")
    master_reader = _Reader(master.part, scheme)
    layout_reader = _Reader(layout.part, scheme.mapped(override))
    background = _background(layout_reader, layout._element)
    if background is None:
        background = _background(master_reader, master._element)
    shapes: list[Shape] = []
    if layout._element.get("showMasterSp") not in ("0", "false"):
        shapes += _shapes(master_reader, master._element.find(f"{P}cSld/{P}spTree"), _Frame())
    shapes += _shapes(layout_reader, layout._element.find(f"{P}cSld/{P}spTree"), _Frame())
    if background is not None and background.kind == "none":
        background = None
    left_out = tuple(dict.fromkeys(master_reader.left_out + layout_reader.left_out))
    return Backdrop(background, tuple(shapes), left_out)


__all__ = ["Backdrop", "Colour", "Fill", "Picture", "Scheme", "Shape", "Stop", "Stroke",
           "colour_of", "master_scheme", "mix", "mix_all", "read_backdrop"]
