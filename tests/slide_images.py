"""Compare two pictures of one slide as a viewer would see them from the back of the room:
structural similarity (SSIM) of small grey copies, and the colour around the slide's edge."""

from __future__ import annotations

from PIL import Image, ImageOps

SIZE = 160  # the width the pictures are compared at (about what a thumbnail shows)
WINDOW = 7  # SSIM's square window, in pixels of that size
C1, C2 = (0.01 * 255) ** 2, (0.03 * 255) ** 2  # SSIM's stabilising constants for 8-bit grey


def grey(image: Image.Image, width: int = SIZE) -> Image.Image:
    """``image`` in grey, ``width`` pixels wide (its aspect kept), averaged down (box filter)."""
    height = max(WINDOW, round(image.height * width / image.width))
    return ImageOps.grayscale(image.convert("RGB")).resize((width, height), Image.Resampling.BOX)


Area = tuple[float, float, float, float]  # left, top, width, height: shares of the picture's


def ssim(a: Image.Image, b: Image.Image, width: int = SIZE, leave_out: list[Area] = ()
         ) -> float:
    """The mean structural similarity of two pictures (1: the same; 0: unrelated), computed on
    grey copies ``width`` pixels wide with a :data:`WINDOW`-pixel square window; windows that
    touch one of the ``leave_out`` areas (text, whose lines two renderers may break or space
    differently) do not count."""
    x, y = grey(a, width), grey(b.resize(a.size), width)
    w, h = x.size
    px, py = list(x.tobytes()), list(y.tobytes())  # one byte a pixel: grey
    sums = [_integral(values, w, h) for values in
            (px, py, [v * v for v in px], [v * v for v in py], [u * v for u, v in zip(px, py)])]
    n = WINDOW * WINDOW
    total, count = 0.0, 0
    out = [(ax * w, ay * h, (ax + aw) * w, (ay + ah) * h) for ax, ay, aw, ah in leave_out]
    for top in range(h - WINDOW + 1):
        for left in range(w - WINDOW + 1):
            right, bottom = left + WINDOW, top + WINDOW
            if any(x0 < right and left < x1 and y0 < bottom and top < y1
                   for x0, y0, x1, y1 in out):
                continue
            sx, sy, sxx, syy, sxy = (_window(s, w, left, top) for s in sums)
            mx, my = sx / n, sy / n
            vx, vy, cov = sxx / n - mx * mx, syy / n - my * my, sxy / n - mx * my
            total += ((2 * mx * my + C1) * (2 * cov + C2)) / (
                (mx * mx + my * my + C1) * (vx + vy + C2))
            count += 1
    return total / count if count else 1.0


def _integral(values: list[float], w: int, h: int) -> list[float]:
    """The summed-area table of a ``w`` x ``h`` picture, one row and column of zeros first."""
    table = [0.0] * ((w + 1) * (h + 1))
    for row in range(h):
        running = 0.0
        for col in range(w):
            running += values[row * w + col]
            table[(row + 1) * (w + 1) + col + 1] = table[row * (w + 1) + col + 1] + running
    return table


def _window(table: list[float], w: int, left: int, top: int) -> float:
    stride = w + 1
    right, bottom = left + WINDOW, top + WINDOW
    return (table[bottom * stride + right] - table[top * stride + right]
            - table[bottom * stride + left] + table[top * stride + left])


def edge_colour(image: Image.Image, share: float = 0.04) -> tuple[int, int, int]:
    """The median colour of the slide's outer edge (``share`` of its width and height on each
    side): its background where no text goes, and any band or picture along the edge."""
    rgb = image.convert("RGB").resize((200, round(200 * image.height / image.width)),
                                      Image.Resampling.BOX)
    w, h = rgb.size
    dx, dy = max(1, round(w * share)), max(1, round(h * share))
    pixels = [rgb.getpixel((x, y)) for y in range(h) for x in range(w)
              if x < dx or x >= w - dx or y < dy or y >= h - dy]
    return tuple(sorted(p[i] for p in pixels)[len(pixels) // 2] for i in range(3))


def colour_distance(a: tuple[int, int, int], b: tuple[int, int, int]) -> float:
    """How far apart two colours are: the largest difference of a channel (0 to 255)."""
    return max(abs(u - v) for u, v in zip(a, b))
