"""Pictures that are damaged or unpack to gigabytes: a clear message, never a traceback, and
memory under 500 MB in ``deck import``, ``deck check`` and ``deck build``."""

from __future__ import annotations

import io
import os
import struct
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pytest

from generator.untrusted import MAX_PIXELS, PictureError, PictureTooLarge, picture_info

ROOT = Path(__file__).resolve().parent.parent
MAP = ROOT / "tests" / "decks" / "img" / "map.png"
MEMORY_LIMIT_MB = 500


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def _zeros_deflated(count: int) -> bytes:
    """A zlib stream of ``count`` zero bytes, made in a moment: a fully flushed deflate block of
    16 MiB of zeros repeats, and the checksum of zeros has a closed form."""
    chunk = bytes(1 << 24)
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    blocks = [compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)]
    whole, rest = divmod(count, len(chunk))
    repeat = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    blocks += [repeat] * (whole - 1)
    blocks.append(compressor.compress(bytes(rest)) + compressor.flush())
    adler = ((count % 65521) << 16) | 1  # Adler-32 of zeros: A stays 1, B counts the bytes
    return b"\x78\xda" + b"".join(blocks) + struct.pack(">I", adler)


def bomb_png(side: int = 46341) -> bytes:
    """A grey PNG of ``side`` × ``side`` pixels, all black: about 2 MB that decode to 2 GB."""
    header = struct.pack(">IIBBBBB", side, side, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", _zeros_deflated((side + 1) * side)) + _chunk(b"IEND", b""))


def corrupt_png() -> bytes:
    """The map with its picture data garbled after the header."""
    data = bytearray(MAP.read_bytes())
    start = data.index(b"IDAT") + 4
    data[start:start + 200] = bytes(range(200))
    return bytes(data)


def pptx_with_picture(folder: Path, picture: bytes | None = None, stream_gb: float = 0) -> Path:
    """A one-slide .pptx holding the map, its bytes then replaced by ``picture``, or by a
    stream of ``stream_gb`` GB of zeros (a zip bomb)."""
    from pptx import Presentation
    from pptx.util import Inches

    prs = Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[5])
    slide.shapes.title.text = "A picture"
    slide.shapes.add_picture(str(MAP), Inches(1), Inches(1.5), Inches(4))
    plain = io.BytesIO()
    prs.save(plain)
    path = folder / "hostile.pptx"
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as src, \
            zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as dst:
        for info in src.infolist():
            if not info.filename.startswith("ppt/media/"):
                dst.writestr(info, src.read(info))
            elif stream_gb:
                with dst.open(info.filename, "w", force_zip64=True) as part:
                    for _ in range(int(stream_gb * 64)):
                        part.write(bytes(1 << 24))
            else:
                dst.writestr(info.filename, picture)
    return path


# A command run in a new process that then prints its own peak memory (MB) on the last line.
_MEASURED = """
import resource, sys
from generator.cli import main
try:
    main(sys.argv[1:])
except SystemExit as exit:
    code = exit.code
print(code if isinstance(code, int) else 0)
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024)
"""


def run_measured(*args: str, cwd: Path) -> tuple[int, str, int]:
    done = subprocess.run([sys.executable, "-c", _MEASURED, *args], capture_output=True,
                          text=True, cwd=cwd, timeout=600,
                          env={**os.environ, "DECK_CACHE_DIR": str(cwd / "cache")})
    *_, code, peak = done.stdout.split()
    return int(code), done.stderr, int(peak)


# -- the picture guard itself ----------------------------------------------------------------------

def test_a_picture_s_size_and_kind_come_from_its_header():
    assert picture_info(MAP.read_bytes()) == ("PNG", (800, 500))


@pytest.mark.slow  # over a fifth of a second: the full suite only
def test_a_picture_over_the_pixel_limit_is_refused_from_its_header():
    with pytest.raises(PictureTooLarge) as caught:
        picture_info(bomb_png(7000))
    assert str(caught.value) == ("it is 7,000 × 7,000 pixels (49 megapixels); pictures may have "
                                 "at most 40 megapixels: scale it down")
    assert 7000 * 7000 > MAX_PIXELS


@pytest.mark.parametrize("data, message", [
    (b"GIF89a\x01", "the GIF file is damaged"),
    (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "the PNG file is damaged"),
    (b"hello", "expected PNG, JPEG, GIF, BMP, TIFF or WebP"),
])
def test_a_damaged_picture_is_a_picture_error_saying_so(data, message):
    with pytest.raises(PictureError) as caught:
        picture_info(data)
    assert str(caught.value).startswith(message)


def test_a_picture_with_damaged_data_is_refused_before_it_is_used():
    with pytest.raises(PictureError) as caught:
        picture_info(corrupt_png())
    assert str(caught.value).startswith("the PNG file is damaged")


# -- deck import, check and build --------------------------------------------------------------

@pytest.mark.slow  # over half a second: the full suite only
def test_importing_a_pptx_with_a_corrupt_picture_skips_it_with_a_warning(tmp_path):
    path = pptx_with_picture(tmp_path, corrupt_png())
    code, err, _ = run_measured("import", str(path), "-o", str(tmp_path / "out.yaml"),
                                cwd=tmp_path)
    assert code == 0, err
    assert "Traceback" not in err
    assert "slide 1: a picture that cannot be used (the PNG file is damaged" in err
    assert (tmp_path / "out.yaml").is_file()


@pytest.mark.slow
def test_importing_a_small_pptx_whose_picture_unpacks_to_2_gb_stays_under_500_mb(tmp_path):
    path = pptx_with_picture(tmp_path, bomb_png())
    assert path.stat().st_size < 3_000_000
    code, err, peak = run_measured("import", str(path), "-o", str(tmp_path / "out.yaml"),
                                   cwd=tmp_path)
    assert (code, "Traceback" in err, "DecompressionBomb" in err) == (0, False, False), err
    assert "it is 46,341 × 46,341 pixels (2,147 megapixels)" in err
    assert peak < MEMORY_LIMIT_MB


@pytest.mark.slow
def test_a_pptx_whose_part_unpacks_to_2_gb_is_refused_in_import_and_check(tmp_path):
    path = pptx_with_picture(tmp_path, stream_gb=2)
    for command in (["import", str(path), "-o", str(tmp_path / "out.yaml")],
                    ["check", str(path)]):
        code, err, peak = run_measured(*command, cwd=tmp_path)
        assert code == 1 and "Traceback" not in err, err
        assert peak < MEMORY_LIMIT_MB
    code, err, _ = run_measured("import", str(path), "-o", str(tmp_path / "out.yaml"),
                                cwd=tmp_path)
    assert ("the part ppt/media/image1.png unpacks to 2,048 MB; a part may unpack to at most "
            "256 MB") in err


@pytest.mark.slow
def test_checking_and_building_a_deck_with_a_picture_bomb_is_a_located_error(tmp_path):
    (tmp_path / "bomb.png").write_bytes(bomb_png())
    deck = tmp_path / "deck.yaml"
    deck.write_text("title: T\nslides:\n  - title: Big\n    image: bomb.png\n"
                    "    alt: A very large black square\n", encoding="utf-8")
    expected = (f"{deck}:4:12: slide 1 'Big': image file bomb.png is too large: it is "
                "46,341 × 46,341 pixels (2,147 megapixels); pictures may have at most 40 "
                "megapixels: scale it down")
    code, err, peak = run_measured("build", str(deck), "-o", str(tmp_path / "out"),
                                   cwd=tmp_path)
    assert (code, peak < MEMORY_LIMIT_MB) == (1, True) and f"error: {expected}" in err, err
    code, err, peak = run_measured("check", str(deck), cwd=tmp_path)
    assert (code, peak < MEMORY_LIMIT_MB, "Traceback" in err) == (1, True, False), err
