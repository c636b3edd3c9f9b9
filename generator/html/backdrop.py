"""Draw a template's backdrops (what its layouts show behind the text) as CSS: each layout's
background, and its pictures and shapes as one SVG picture, written once per deck."""

from __future__ import annotations

import base64
import math
from typing import TYPE_CHECKING
from urllib.parse import quote

from markupsafe import Markup

from generator.layout.page import DeckLayout, Page

if TYPE_CHECKING:  # a template's art, read by themes.drawing only for decks with a template
    from generator.themes.drawing import Backdrop, Colour, Fill, Shape, Stroke

_DASHES = {"dash": "4 3", "sysDash": "3 1", "dot": "1 1", "sysDot": "1 1", "lgDash": "8 3",
           "dashDot": "4 3 1 3", "lgDashDot": "8 3 1 3", "lgDashDotDot": "8 3 1 3 1 3",
           "sysDashDot": "3 1 1 1", "sysDashDotDot": "3 1 1 1 1 1"}


class Backdrops:
    """The CSS classes of a deck's backdrops: ``canvas(page)`` for the slide's canvas (its
    background), ``art(page)`` for the layer of pictures and shapes over it."""

    def __init__(self, layout: DeckLayout) -> None:
        self.layout = layout
        self.names: dict[Backdrop, str] = {}
        for backdrop in layout.backdrops.values():
            self.names.setdefault(backdrop, f"backdrop-{len(self.names) + 1}")

    def canvas(self, page: Page) -> str:
        backdrop = self.layout.backdrop(page)
        return self.names[backdrop] if backdrop is not None else ""

    def art(self, page: Page) -> str:
        backdrop = self.layout.backdrop(page)
        return f"{self.names[backdrop]}-art" if backdrop is not None and backdrop.shapes else ""

    def css(self) -> Markup:
        """One rule for each backdrop's background and one for its art layer."""
        if not self.names:
            return Markup("")
        size = (self.layout.width, self.layout.height)
        rules = [".layout-art { position: absolute; inset: 0; pointer-events: none; }"]
        for backdrop, name in self.names.items():
            if backdrop.background is not None:
                css = background_css(backdrop.background, size)
                rules.append(f".slide .{name} {{ background: {css}; }}")
                if backdrop.background.kind == "picture":  # a phone's page: its colour
                    rules.append(f"@media screen and (max-width: 600px) {{ :root:not("
                                 f".view-slides) .slide .{name} {{ background: "
                                 f"{backdrop.background.average(size)} !important; }} }}")
            if backdrop.shapes:
                svg = art_svg(backdrop, size)
                rules.append(f".{name}-art {{ background: url(\"data:image/svg+xml,"
                             f"{quote(svg, safe=' /=:;,._-()')}\") 0 0 / 100% 100% no-repeat; }}")
        return Markup("\n".join(rules))


# -- backgrounds as CSS --------------------------------------------------------------------------

def background_css(fill: Fill, size: tuple[float, float]) -> str:
    """A layout's background fill as a CSS ``background`` value."""
    if fill.kind == "solid" and fill.colour is not None:
        return _rgba(fill.colour)
    if fill.kind == "gradient":
        stops = ", ".join(f"{_rgba(s.colour)} {_num(s.position * 100)}%" for s in fill.stops)
        if fill.radial:
            x, y = fill.centre
            return (f"radial-gradient(circle farthest-corner at {_num(x * 100)}% "
                    f"{_num(y * 100)}%, {stops})")
        return f"linear-gradient({_num(fill.angle + 90)}deg, {stops})"
    if fill.kind == "picture" and fill.picture is not None:
        url = f"url({_data_uri(fill.picture.data, fill.picture.mime)})"
        if fill.tile is not None:
            w, h = fill.picture.points
            return (f"{url} 0 0 / {_num(w * fill.tile[0])}pt {_num(h * fill.tile[1])}pt repeat, "
                    f"{fill.average(size)}")
        return f"{url} 0 0 / 100% 100% no-repeat, {fill.average(size)}"
    return "transparent"


# -- pictures and shapes as SVG ------------------------------------------------------------------

def art_svg(backdrop: Backdrop, size: tuple[float, float]) -> str:
    """The backdrop's pictures and shapes, back to front, as an SVG picture of the slide's
    ``size`` (points)."""
    width, height = size
    defs: list[str] = []
    body = [_shape_svg(shape, i, defs) for i, shape in enumerate(backdrop.shapes)]
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(width)} {_num(height)}" '
            f'width="{_num(width)}" height="{_num(height)}" preserveAspectRatio="none">'
            f'<defs>{"".join(defs)}</defs>{"".join(body)}</svg>')


def _shape_svg(shape: Shape, index: int, defs: list[str]) -> str:
    x, y, w, h = shape.box
    transform = [f"translate({_num(x)} {_num(y)})"]
    if shape.rotation:
        transform.append(f"rotate({_num(shape.rotation)} {_num(w / 2)} {_num(h / 2)})")
    if shape.flip_h or shape.flip_v:
        dx, dy = (w if shape.flip_h else 0), (h if shape.flip_v else 0)
        transform.append(f"translate({_num(dx)} {_num(dy)}) "
                         f"scale({-1 if shape.flip_h else 1} {-1 if shape.flip_v else 1})")
    outline = shape.path if shape.path is not None else f"M0 0 H{_num(w)} V{_num(h)} H0 Z"
    stroke = _stroke(shape.stroke)
    fill = shape.fill
    parts = []
    if fill is not None and fill.kind == "picture" and fill.picture is not None:
        clip = f"clip{index}"
        defs.append(f'<clipPath id="{clip}"><path d="{outline}"/></clipPath>')
        parts.append(f'<g clip-path="url(#{clip})">{_picture_svg(fill, w, h)}</g>')
        if stroke:
            parts.append(f'<path d="{outline}" fill="none"{stroke}/>')
    else:
        parts.append(f'<path d="{outline}"{_paint(fill, f"fill{index}", defs)}{stroke}/>')
    return f'<g transform="{" ".join(transform)}">{"".join(parts)}</g>'


def _picture_svg(fill: Fill, w: float, h: float) -> str:
    """A picture stretched over a ``w`` x ``h`` box, less what its crop cuts off each side."""
    left, top, right, bottom = fill.crop
    full_w, full_h = w / max(0.01, 1 - left - right), h / max(0.01, 1 - top - bottom)
    opacity = f' opacity="{_num(fill.opacity)}"' if fill.opacity < 1 else ""
    picture = fill.picture
    assert picture is not None
    return (f'<image x="{_num(-left * full_w)}" y="{_num(-top * full_h)}" '
            f'width="{_num(full_w)}" height="{_num(full_h)}" preserveAspectRatio="none"'
            f'{opacity} href="{_data_uri(picture.data, picture.mime)}"/>')


def _paint(fill: Fill | None, ident: str, defs: list[str]) -> str:
    """The ``fill`` attributes of a shape's outline (a gradient defined in ``defs``)."""
    if fill is not None and fill.kind == "solid" and fill.colour is not None:
        alpha = fill.colour.alpha
        return f' fill="{fill.colour.hex}"' + (f' fill-opacity="{_num(alpha)}"' if alpha < 1
                                               else "")
    if fill is not None and fill.kind == "gradient" and fill.stops:
        stops = "".join(f'<stop offset="{_num(s.position)}" stop-color="{s.colour.hex}"'
                        f'{_stop_opacity(s.colour)}/>' for s in fill.stops)
        if fill.radial:
            cx, cy = fill.centre
            defs.append(f'<radialGradient id="{ident}" cx="{_num(cx)}" cy="{_num(cy)}" r="0.75">'
                        f'{stops}</radialGradient>')
        else:
            dx, dy = math.cos(math.radians(fill.angle)), math.sin(math.radians(fill.angle))
            defs.append(f'<linearGradient id="{ident}" x1="{_num(0.5 - dx / 2)}" '
                        f'y1="{_num(0.5 - dy / 2)}" x2="{_num(0.5 + dx / 2)}" '
                        f'y2="{_num(0.5 + dy / 2)}">{stops}</linearGradient>')
        return f' fill="url(#{ident})"'
    return ' fill="none"'


def _stroke(stroke: Stroke | None) -> str:
    if stroke is None:
        return ""
    out = f' stroke="{stroke.colour.hex}" stroke-width="{_num(stroke.width)}"'
    if stroke.colour.alpha < 1:
        out += f' stroke-opacity="{_num(stroke.colour.alpha)}"'
    if stroke.dash in _DASHES:
        out += ' stroke-dasharray="{}"'.format(
            " ".join(_num(float(d) * stroke.width) for d in _DASHES[stroke.dash].split()))
    return out


def _stop_opacity(colour: Colour) -> str:
    return f' stop-opacity="{_num(colour.alpha)}"' if colour.alpha < 1 else ""


def _rgba(colour: Colour) -> str:
    if colour.alpha >= 1:
        return colour.hex
    r, g, b = (int(colour.hex[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r}, {g}, {b}, {_num(colour.alpha)})"


def _data_uri(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


def _num(value: float) -> str:
    return f"{value:.3f}".rstrip("0").rstrip(".") or "0"


__all__ = ["Backdrops", "art_svg", "background_css"]
