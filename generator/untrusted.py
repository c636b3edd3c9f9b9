"""Pictures and zip packages from others, opened in bounded memory with our own clear errors."""

from __future__ import annotations

import io
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Iterator

# Pixels a picture may have: 40 megapixels (7,750 × 5,160, more than most cameras take). Decoded
# in RGBA that is 160 MB, and converting it once more stays well under 500 MB; it is also below
# Pillow's own limit (89 megapixels), so Pillow never warns of a "decompression bomb".
MAX_PIXELS = 40_000_000
PICTURE_FORMATS = ("PNG", "JPEG", "GIF", "BMP", "TIFF", "WEBP")  # Pillow's names
# What one part of a zip package (a .pptx or .potx) may unpack to, and the whole package.
MAX_PART_BYTES = 256 * 1024 * 1024
MAX_PACKAGE_BYTES = 1024 * 1024 * 1024


class PictureError(ValueError):
    """A picture that is not one (damaged, of another kind) or is too large to open; the
    message says which, in the lecturer's words."""


class PictureTooLarge(PictureError):
    """A picture with more than :data:`MAX_PIXELS` pixels (refused before any is decoded)."""


class PackageError(ValueError):
    """A zip package whose parts would unpack to more than the limits allow."""


def picture_info(source: Path | bytes) -> tuple[str, tuple[int, int]]:
    """The format (``"PNG"``, ``"JPEG"``, …) and pixel size of a picture file or its bytes,
    read from its header (no pixels decoded); ``PictureError`` when it is not a readable
    picture of :data:`PICTURE_FORMATS` or has more than :data:`MAX_PIXELS` pixels.

    The file's structure is checked too (Pillow's ``verify``: chunk checksums, no decoding).
    """
    with _stream(source) as fp:
        picture = _identify(fp)
        kind, size = picture.format, picture.size
        _check_size(size)
        try:
            picture.verify()
        except Exception as err:  # Pillow raises many types (OSError, SyntaxError, …)
            raise PictureError(f"the {kind} file is damaged ({_reason(err)})") from err
    return kind, size


@contextmanager
def open_picture(source: Path | bytes) -> Iterator:
    """A Pillow image of the picture, opened only after its size passed :data:`MAX_PIXELS`;
    ``PictureError`` as :func:`picture_info` says, or when its pixels cannot be decoded."""
    with _stream(source) as fp:
        picture = _identify(fp)
        _check_size(picture.size)
        try:
            picture.load()
        except Exception as err:
            raise PictureError(f"the {picture.format} file is damaged ({_reason(err)})") from err
        yield picture


def check_package(source: Path | bytes | IO[bytes]) -> None:
    """``PackageError`` unless every part of the zip package unpacks to at most
    :data:`MAX_PART_BYTES` and all of them to at most :data:`MAX_PACKAGE_BYTES` (read from the
    zip's directory: nothing is unpacked). A file that is not a zip passes (others say so)."""
    try:
        with zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source) as z:
            infos = z.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > MAX_PART_BYTES:
            raise PackageError(f"the part {info.filename} unpacks to "
                               f"{_megabytes(info.file_size)}; a part may unpack to at most "
                               f"{_megabytes(MAX_PART_BYTES)} (a damaged or hostile file?)")
    if total > MAX_PACKAGE_BYTES:
        raise PackageError(f"the package unpacks to {_megabytes(total)}; at most "
                           f"{_megabytes(MAX_PACKAGE_BYTES)} are read (a damaged or hostile "
                           "file?)")


@contextmanager
def _stream(source: Path | bytes) -> Iterator[IO[bytes]]:
    if isinstance(source, bytes):
        yield io.BytesIO(source)
        return
    try:
        with open(source, "rb") as fp:
            yield fp
    except OSError as err:
        raise PictureError(f"cannot read it: {err.strerror}") from err


def _identify(fp: IO[bytes]):
    """The picture in ``fp`` opened by the Pillow plugin of its format (header only).

    Not ``PIL.Image.open``: that warns of a "decompression bomb" through Python's warnings
    before the size can be checked here; the size is checked right after this instead.
    """
    from PIL import Image, TiffImagePlugin  # noqa: F401 (TIFF registers itself on import)

    Image.preinit()
    if "WEBP" not in Image.OPEN:
        try:
            from PIL import WebPImagePlugin  # noqa: F401 (registers itself)
        except ImportError:  # a Pillow built without WebP
            pass
    head = fp.read(16)
    for kind in PICTURE_FORMATS:
        if kind not in Image.OPEN:
            continue
        factory, accept = Image.OPEN[kind]
        if accept is not None and not accept(head):
            continue
        fp.seek(0)
        try:
            return factory(fp, "")
        except Exception as err:
            raise PictureError(f"the {kind} file is damaged ({_reason(err)})") from err
    raise PictureError("expected PNG, JPEG, GIF, BMP, TIFF or WebP")


def raster(data: bytes) -> bool:
    """Whether ``data`` starts as a picture of :data:`PICTURE_FORMATS` does (by its signature)."""
    return data[:8] == b"\x89PNG\r\n\x1a\n" or data[:3] == b"\xff\xd8\xff" or data[:6] in (
        b"GIF87a", b"GIF89a") or data[:2] == b"BM" or data[:4] in (b"II*\x00", b"MM\x00*") or (
        data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def _check_size(size: tuple[int, int]) -> None:
    width, height = size
    if width <= 0 or height <= 0:
        raise PictureError(f"it claims a size of {width} × {height} pixels")
    if width * height > MAX_PIXELS:
        raise PictureTooLarge(f"it is {width:,} × {height:,} pixels ({width * height / 1e6:,.0f} "
                           f"megapixels); pictures may have at most {MAX_PIXELS // 1_000_000} "
                           "megapixels: scale it down")


def _reason(err: Exception) -> str:
    return str(err).strip() or type(err).__name__


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):,.0f} MB"
