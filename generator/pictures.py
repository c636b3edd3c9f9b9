"""Picture files of every format lecturers have: which kind a file is, its size, and the PNG an
output draws where it cannot show the original.

PNG, JPEG, GIF, BMP, TIFF and WebP are read by Pillow; SVG is read as XML (its size from
``width``/``height`` or ``viewBox``) and drawn by resvg; EMF and WMF are sized from their headers
and, where a PNG is needed (the HTML deck), drawn by LibreOffice when it is installed. Drawn
pictures are kept in the per-user cache (:func:`generator.cache.cache_dir`), as PNG data.
"""

from __future__ import annotations

import io
import logging
import re
from functools import lru_cache
from pathlib import Path

log = logging.getLogger("generator")

SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".bmp", ".tif", ".tiff", ".webp", ".svg", ".emf",
            ".wmf")
KINDS = "PNG, JPEG, GIF, BMP, TIFF, WebP, SVG, EMF or WMF"
_PILLOW_KINDS = {"PNG": "png", "JPEG": "jpeg", "GIF": "gif", "BMP": "bmp", "TIFF": "tiff",
                 "WEBP": "webp"}
MAX_SVG_BYTES = 20_000_000  # an SVG is read whole to find its size
RASTER_SIDE = 2000  # pixels along the longer side of a drawn SVG, EMF or WMF
# CSS pixels per unit of an SVG length
_SVG_UNITS = {"": 1.0, "px": 1.0, "pt": 4 / 3, "pc": 16.0, "in": 96.0, "cm": 96 / 2.54,
              "mm": 96 / 25.4, "q": 96 / 101.6, "em": 16.0, "ex": 8.0}
_LENGTH = r"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*([a-zA-Z]*)\s*$"


class PictureError(Exception):
    """A picture file that cannot be read (its message says why)."""


def kind(path: Path) -> str | None:
    """The kind of picture in ``path`` from its content (``"png"``, ``"jpeg"``, ``"gif"``,
    ``"bmp"``, ``"tiff"``, ``"webp"``, ``"svg"``, ``"emf"`` or ``"wmf"``), or ``None`` when it
    is none of them or cannot be read. Raster pictures are checked by Pillow's ``verify`` (no
    pixels are decoded); an SVG must parse and have a size."""
    try:
        stat = Path(path).stat()
    except OSError:
        return None
    return _kind(str(path), stat.st_mtime, stat.st_size)


@lru_cache(maxsize=256)
def _kind(path: str, mtime: float, length: int) -> str | None:
    try:
        with open(path, "rb") as f:
            head = f.read(64)
    except OSError:
        return None
    metafile = _metafile_kind(head)
    if metafile is not None:
        return metafile if _metafile_size(path) is not None else None
    if _looks_like_xml(head):
        try:
            _svg_size(Path(path))
        except PictureError:
            return None
        return "svg"
    from PIL import Image

    try:
        with Image.open(path) as picture:
            found = picture.format
            picture.verify()
    except Exception:  # Pillow raises many types (OSError, SyntaxError, ValueError, …)
        return None
    return _PILLOW_KINDS.get(found)


def size(path: Path) -> tuple[float, float]:
    """The picture's own size (pixels; CSS pixels for an SVG): what its aspect ratio and a
    picture placed at its natural size follow."""
    found = kind(path)
    if found == "svg":
        return _svg_size(Path(path))
    if found in ("emf", "wmf"):
        return _metafile_size(path) or (1.0, 1.0)
    from PIL import Image

    with Image.open(path) as picture:
        return picture.size


# -- kinds from the header --------------------------------------------------------------------

def _metafile_kind(head: bytes) -> str | None:
    """``"emf"`` (record type 1 and the `` EMF`` signature at byte 40) or ``"wmf"`` (the
    placeable key, or a plain header: type 1 or 2, header size 9 words)."""
    if head[:4] == b"\x01\x00\x00\x00" and head[40:44] == b" EMF":
        return "emf"
    if head[:4] == b"\xd7\xcd\xc6\x9a" or head[:6] in (b"\x01\x00\x09\x00\x00\x03",
                                                       b"\x02\x00\x09\x00\x00\x03"):
        return "wmf"
    return None


def _metafile_size(path: Path) -> tuple[float, float] | None:
    """An EMF's or WMF's size as Pillow reads its header (its frame or bounding box)."""
    from PIL import Image

    try:
        with Image.open(path) as picture:
            width, height = picture.size
    except Exception:  # Pillow raises many types for a damaged header
        return None
    return (float(width), float(height)) if width > 0 and height > 0 else None


def _looks_like_xml(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    return text.startswith(b"<")


def _svg_size(path: Path) -> tuple[float, float]:
    """The size of an SVG: its ``width`` and ``height`` (in CSS pixels), one of them from the
    ``viewBox``'s aspect when missing or a percentage, both from the ``viewBox`` when neither
    is given, else the 300 × 150 every browser gives it."""
    root = _svg_root(path)
    box = _view_box(root.get("viewBox"))
    width, height = _svg_length(root.get("width")), _svg_length(root.get("height"))
    if width and height:
        return width, height
    if box is not None:
        if width:
            return width, width * box[1] / box[0]
        if height:
            return height * box[0] / box[1], height
        return box
    return (width or 300.0, height or 150.0)


@lru_cache(maxsize=64)
def _svg_root_cached(path: str, mtime: float, length: int):
    from lxml import etree

    data = Path(path).read_bytes()
    if len(data) > MAX_SVG_BYTES:
        raise PictureError(f"an SVG of {len(data):,} bytes is larger than "
                           f"{MAX_SVG_BYTES:,} bytes")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as err:
        raise PictureError(f"not well-formed XML ({err})") from err
    if root is None or etree.QName(root).localname != "svg":
        raise PictureError("its root element is not <svg>")
    return root


def _svg_root(path: Path):
    try:
        stat = path.stat()
    except OSError as err:
        raise PictureError(str(err)) from err
    return _svg_root_cached(str(path), stat.st_mtime, stat.st_size)


def _svg_length(value: str | None) -> float | None:
    found = re.match(_LENGTH, value or "")
    if found is None or found.group(2).lower() not in _SVG_UNITS:
        return None  # missing, a percentage or unknown: the viewBox decides
    length = float(found.group(1)) * _SVG_UNITS[found.group(2).lower()]
    return length if length > 0 else None


def _view_box(value: str | None) -> tuple[float, float] | None:
    parts = re.split(r"[\s,]+", (value or "").strip())
    try:
        width, height = float(parts[2]), float(parts[3])
    except (IndexError, ValueError):
        return None
    return (width, height) if width > 0 and height > 0 else None


# -- drawing as PNG ---------------------------------------------------------------------------

def png(path: Path) -> bytes | None:
    """The picture as PNG: raster pictures through Pillow, an SVG drawn by resvg, an EMF or WMF
    drawn by LibreOffice (``None``, with a warning, when LibreOffice is not installed). The
    longer side of a drawn picture is :data:`RASTER_SIDE` pixels. Kept in the per-user cache."""
    import hashlib

    path = Path(path)
    found = kind(path)
    if found is None:
        raise PictureError(f"{path}: not a {KINDS} picture")
    data = path.read_bytes()
    if found not in ("svg", "emf", "wmf"):
        return _pillow_png(data)
    tool = _svg_tool() if found == "svg" else "libreoffice"
    key = hashlib.sha256(f"{found} {tool} {RASTER_SIDE}\n".encode() + data).hexdigest()
    cached = from_cache(key)
    if cached is not None:
        return cached
    width, height = size(path)
    scale = RASTER_SIDE / max(width, height)
    pixels = (max(1, round(width * scale)), max(1, round(height * scale)))
    drawn = _svg_png(path, pixels) if found == "svg" else _metafile_png(data, found, pixels,
                                                                         path)
    if drawn is None:
        return None
    drawn = _pillow_png(drawn)  # the same bytes for the same pixels: no tool's metadata
    to_cache(key, drawn)
    return drawn


def pixels(path: Path):
    """The picture as a loaded Pillow image (a drawn one for SVG, EMF and WMF), or ``None``
    when nothing can draw it (:func:`png`)."""
    from PIL import Image

    if kind(path) in ("svg", "emf", "wmf"):
        data = png(path)
        if data is None:
            return None
        source = io.BytesIO(data)
    else:
        source = path
    with Image.open(source) as picture:
        picture.load()
        return picture.copy() if picture.format else picture


def _pillow_png(data: bytes) -> bytes:
    from PIL import Image

    with Image.open(io.BytesIO(data)) as picture:
        if picture.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
            picture = picture.convert("RGBA")
        out = io.BytesIO()
        picture.save(out, "PNG")
    return out.getvalue()


def _svg_tool() -> str:
    import resvg_py

    return f"resvg-py {getattr(resvg_py, '__version__', '?')}"


def _svg_png(path: Path, pixels: tuple[int, int]) -> bytes:
    """An SVG drawn by resvg at ``pixels``; its external pictures are looked up beside it."""
    import resvg_py

    try:
        return bytes(resvg_py.svg_to_bytes(svg_string=path.read_text(encoding="utf-8"),
                                           width=pixels[0], height=pixels[1],
                                           resources_dir=str(path.parent)))
    except (ValueError, UnicodeDecodeError) as err:
        raise PictureError(f"{path}: resvg cannot draw this SVG ({err})") from err



# A one-page drawing the size of the picture, the picture filling it: LibreOffice exports the
# page as PNG (opening the metafile itself would put it on an A4 page).
_DRAWING = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" \
xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" \
xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" \
xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" \
xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" office:version="1.3" \
office:mimetype="application/vnd.oasis.opendocument.graphics">
<office:styles/><office:automatic-styles><style:page-layout style:name="pm">\
<style:page-layout-properties fo:margin-top="0in" fo:margin-bottom="0in" fo:margin-left="0in" \
fo:margin-right="0in" fo:page-width="{w}in" fo:page-height="{h}in"/></style:page-layout>\
<style:style style:name="dp" style:family="drawing-page"><style:drawing-page-properties \
draw:fill="none"/></style:style></office:automatic-styles><office:master-styles>\
<style:master-page style:name="m" style:page-layout-name="pm" draw:style-name="dp"/>\
</office:master-styles><office:body><office:drawing><draw:page draw:name="p1" \
draw:master-page-name="m"><draw:frame svg:x="0in" svg:y="0in" svg:width="{w}in" \
svg:height="{h}in"><draw:image draw:mime-type="{mime}"><office:binary-data>{data}\
</office:binary-data></draw:image></draw:frame></draw:page></office:drawing></office:body>
</office:document>
"""


def _metafile_png(data: bytes, found: str, pixels: tuple[int, int], path: Path) -> bytes | None:
    """An EMF or WMF drawn by LibreOffice at ``pixels``; ``None`` (warned once per file) when
    LibreOffice is not installed."""
    import base64
    import tempfile

    from generator.pdf import find_soffice, run_program

    soffice = find_soffice()
    if soffice is None:
        from generator.collect import warn_once

        warn_once(log, ("no-converter", str(path)), "%s: the HTML deck cannot show this %s "
                  "picture: drawing it needs LibreOffice, which was not found (install "
                  "libreoffice-impress); the HTML shows an empty frame in its place (the "
                  "PowerPoint deck shows the picture)", path, found.upper())
        return None
    inches = (pixels[0] / 96, pixels[1] / 96)
    options = ('png:draw_png_Export:{"PixelWidth":{"type":"long","value":"%d"},'
               '"PixelHeight":{"type":"long","value":"%d"}}' % pixels)
    with tempfile.TemporaryDirectory(prefix="deck-picture-") as tmp:
        work = Path(tmp)
        source = work / "picture.fodg"
        source.write_text(_DRAWING.format(
            w=f"{inches[0]:.4f}", h=f"{inches[1]:.4f}", mime=f"image/x-{found}",
            data=base64.b64encode(data).decode("ascii")), encoding="utf-8")
        command = [soffice, f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--headless", "--norestore", "--convert-to", options, "--outdir", str(work),
                   str(source)]
        return run_program(command, "LibreOffice", f"drawing {path.name} as PNG",
                    work / "picture.png")


def placeholder_svg(width: float, height: float) -> bytes:
    """An empty light grey frame of the picture's aspect: what the HTML shows for a picture
    nothing could draw."""
    return (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width:g} {height:g}">'
            f'<rect width="{width:g}" height="{height:g}" fill="#eeeeee" stroke="#bbbbbb"/>'
            "</svg>").encode("ascii")


def from_cache(key: str) -> bytes | None:
    """A drawn picture kept in the cache under ``key`` (a hex digest of what drew it): only a
    file of the current user's that is a PNG."""
    from generator.cache import read_kept

    return read_kept("pictures", f"{key}.png", b"\x89PNG\r\n\x1a\n")


def to_cache(key: str, data: bytes) -> None:
    """Keep the drawn picture ``data`` in the cache under ``key``."""
    from generator.cache import keep

    keep("pictures", f"{key}.png", data)
