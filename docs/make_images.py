"""Regenerate the README's pictures from real outputs of the lecture.

Usage (needs LibreOffice, poppler-utils, Chromium and Playwright):
    .venv/bin/python docs/make_images.py

- docs/img/theme-NAME.png: for each built-in theme, two slides of the lecture's PPTX rendered
  by LibreOffice (left) and of its HTML in headless Chromium (right), side by side;
- docs/img/contact-sheet.png: every slide of the lecture's PPTX, rendered by LibreOffice;
- docs/img/html-slide.png and docs/img/html-presenter.png: the HTML deck and its presenter view;
- docs/img/html-phone.png: the reading view on a 390 x 844 phone;
- docs/img/math.png: two slides of the calculus test deck, its PPTX rendered by LibreOffice
  (every formula drawn from the PPTX's fallback pictures) beside its HTML in Chromium.

``.venv/bin/python docs/make_images.py math`` makes docs/img/math.png alone.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.build import build_deck  # noqa: E402
from generator.themes.theme import list_themes  # noqa: E402

LECTURE = ROOT / "slides_src" / "soviet_foreign_policy.yaml"
CALCULUS = ROOT / "tests" / "decks" / "calculus.yaml"
MATH_SLIDES = (2, 3)  # the limit (a formula in the title, text and bullets), derivatives
IMG = ROOT / "docs" / "img"
# The title slide and the comparison "So was stalin preparing the war?" (lead, two columns);
# in contrast, whose larger minimum splits the comparison, its continuation ("2 / 2") too.
SLIDES = (1, 13)
SPLIT_SLIDES = {"contrast": (1, 13, 14)}
WIDTH = 640


def pptx_pngs(pptx: Path, out: Path, slides: tuple[int, ...] = SLIDES) -> list[Image.Image]:
    profile = out / "lo-profile"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{profile}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(out), str(pptx)], check=True,
                   capture_output=True)
    images = []
    for n in slides:
        prefix = out / f"{pptx.stem}-{n}"
        subprocess.run(["pdftoppm", "-png", "-r", "96", "-f", str(n), "-l", str(n),
                        "-singlefile", str(pptx.with_suffix(".pdf")), str(prefix)], check=True)
        images.append(Image.open(f"{prefix}.png").convert("RGB"))
    return images


def html_pngs(html: Path, out: Path, slides: tuple[int, ...] = SLIDES) -> list[Image.Image]:
    from playwright.sync_api import sync_playwright

    images = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        for n in slides:
            page.goto(f"{html.as_uri()}#{n}")
            page.wait_for_timeout(400)
            shot = out / f"{html.stem}-html-{n}.png"
            page.screenshot(path=str(shot))
            images.append(Image.open(shot).convert("RGB"))
        browser.close()
    return images


def side_by_side(name: str, left: list[Image.Image], right: list[Image.Image],
                 path: Path | None = None) -> Path:
    def fit(img: Image.Image) -> Image.Image:
        return img.resize((WIDTH, round(img.height * WIDTH / img.width)))

    rows = [(fit(a), fit(b)) for a, b in zip(left, right)]
    gap, label = 12, 28
    height = label + sum(max(a.height, b.height) + gap for a, b in rows)
    sheet = Image.new("RGB", (2 * WIDTH + 3 * gap, height), "#d0d4da")
    draw = ImageDraw.Draw(sheet)
    draw.text((gap, 8), f"{name}: PPTX rendered by LibreOffice", fill="#111")
    draw.text((2 * gap + WIDTH, 8), f"{name}: HTML in Chromium", fill="#111")
    y = label
    for a, b in rows:
        sheet.paste(a, (gap, y))
        sheet.paste(b, (2 * gap + WIDTH, y))
        y += max(a.height, b.height) + gap
    path = path or IMG / f"theme-{name}.png"
    sheet.save(path, optimize=True)
    return path


def math_pair(tmp: Path) -> Path:
    """The calculus deck's formulas in LibreOffice (from the PPTX) and in Chromium (MathML)."""
    out = tmp / "calculus"
    result = build_deck(CALCULUS, out, ("pptx", "html"), force=True)
    if result.error is not None:
        raise SystemExit(str(result.error))
    pptx, html = result.outputs
    return side_by_side("calculus", pptx_pngs(pptx, out, MATH_SLIDES),
                        html_pngs(html, out, MATH_SLIDES), IMG / "math.png")


def contact_sheet(pptx: Path, out: Path, columns: int = 4, width: int = 540) -> Path:
    """Every slide of ``pptx`` (rendered by LibreOffice) on one sheet."""
    pdf = pptx.with_suffix(".pdf")
    if not pdf.exists():
        pptx_pngs(pptx, out)
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / "sheet")], check=True)
    pages = [Image.open(p).convert("RGB") for p in sorted(out.glob("sheet-*.png"))]
    pages = [p.resize((width, round(p.height * width / p.width))) for p in pages]
    gap = 10
    rows = -(-len(pages) // columns)
    sheet = Image.new("RGB", (columns * (width + gap) + gap,
                              rows * (pages[0].height + gap) + gap), "#c8ccd2")
    for i, page in enumerate(pages):
        sheet.paste(page, (gap + (i % columns) * (width + gap),
                           gap + (i // columns) * (page.height + gap)))
    path = IMG / "contact-sheet.png"
    sheet.save(path, optimize=True)
    return path


def html_views(html: Path) -> list[Path]:
    """A content slide of the HTML deck, and its presenter view on a slide with notes."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1280, "height": 720})
        page.goto(f"{html.as_uri()}?steps=all#11")  # every click step shown
        page.wait_for_timeout(400)
        page.screenshot(path=str(IMG / "html-slide.png"))
        phone = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2)
        phone.goto(f"{html.as_uri()}#4")  # the reading view, scrolled to slide 4
        phone.wait_for_timeout(400)
        phone.screenshot(path=str(IMG / "html-phone.png"))
        presenter = browser.new_page(viewport={"width": 1280, "height": 800})
        presenter.goto(f"{html.as_uri()}?presenter#2")
        presenter.wait_for_timeout(400)
        presenter.screenshot(path=str(IMG / "html-presenter.png"))
        browser.close()
    return [IMG / "html-slide.png", IMG / "html-presenter.png", IMG / "html-phone.png"]


def main() -> None:
    IMG.mkdir(parents=True, exist_ok=True)
    if sys.argv[1:] == ["math"]:
        with tempfile.TemporaryDirectory() as tmp:
            print(math_pair(Path(tmp)))
        return
    with tempfile.TemporaryDirectory() as tmp:
        print(math_pair(Path(tmp)))
        out = Path(tmp) / "lecture"
        result = build_deck(LECTURE, out, ("pptx", "html"), force=True)
        if result.error is not None:
            raise SystemExit(str(result.error))
        print(contact_sheet(result.outputs[0], out))
        for path in html_views(result.outputs[1]):
            print(path)
        for name, _ in list_themes():
            out = Path(tmp) / name
            result = build_deck(LECTURE, out, ("pptx", "html"), theme=name, force=True)
            if result.error is not None:
                raise SystemExit(f"{name}: {result.error}")
            pptx, html = result.outputs
            slides = SPLIT_SLIDES.get(name, SLIDES)
            print(side_by_side(name, pptx_pngs(pptx, out, slides), html_pngs(html, out, slides)))


if __name__ == "__main__":
    main()
