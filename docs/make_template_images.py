"""Regenerate docs/templates.md's before/after pictures: the lecture's opening on real templates.

Usage (needs LibreOffice, poppler-utils, Chromium and Playwright):
    .venv/bin/python docs/make_template_images.py [--before OLD_CHECKOUT]

For each deck in tests/templates/ (on_*.yaml) named below, the title slide and a content slide, each
as LibreOffice renders the PPTX and as Chromium shows the HTML (1280 x 720 window, the player
hidden, the slide cut out): built by this checkout (bottom row) and, with ``--before``, by an
older checkout of the generator (top row; e.g. ``git archive 392bf75 | tar -x -C /tmp/old``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from make_images import pptx_pngs  # the same LibreOffice rendering as the theme pictures
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parent.parent
DECKS = ROOT / "tests" / "templates"
IMG = ROOT / "docs" / "img"
PICTURES = {"on_poi_bug60715": "template-swedish.png",
            "on_poi_ececapstonespring2012": "template-capstone.png",
            "on_md2pptx_Martin_Template": "template-martin.png"}
# Before, a 4:3 template needed the deck's aspect typed by hand.
BEFORE_KEYS = {"on_poi_bug60715": 'aspect: "4:3"\n'}
SLIDES = (1, 2)
WIDTH = 320
HIDE_PLAYER = ".controls, .progress, .skip-hint, .skip-link { display: none !important; }"


def build(generator: Path, deck: Path, out: Path) -> tuple[Path, Path]:
    """Build ``deck`` with the generator at ``generator``: its PPTX and HTML."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(generator), "DECK_CACHE_DIR": str(out / "cache")}
    subprocess.run([sys.executable, "-m", "generator", "build", str(deck), "-o", str(out),
                    "--format", "pptx,html", "--force"], check=True, env=env, cwd=generator)
    return out / f"{deck.stem}.pptx", out / f"{deck.stem}.html"


def html_slides(html: Path, out: Path, slides: tuple[int, ...]) -> list[Image.Image]:
    """``slides`` of the HTML deck as Chromium shows them, each cut out of the window."""
    from playwright.sync_api import sync_playwright

    images = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run"])
        page = browser.new_page(viewport={"width": 1280, "height": 720}, reduced_motion="reduce",
                                bypass_csp=True)  # the style that hides the player is ours
        for n in slides:
            page.goto(f"{html.as_uri()}#{n}")
            page.add_style_tag(content=HIDE_PLAYER)
            page.wait_for_timeout(300)
            box = page.eval_on_selector(".slide.is-current .slide__canvas",
                                        "e => { const r = e.getBoundingClientRect(); "
                                        "return {x: r.x, y: r.y, width: r.width, "
                                        "height: r.height}; }")
            shot = out / f"{html.stem}-html-{n}.png"
            page.screenshot(path=str(shot), clip=box)
            images.append(Image.open(shot).convert("RGB"))
        browser.close()
    return images


def render(generator: Path, deck: Path, out: Path) -> list[Image.Image]:
    """SLIDES of ``deck`` built by ``generator``: for each, LibreOffice's and Chromium's."""
    pptx, html = build(generator, deck, out)
    pairs = zip(pptx_pngs(pptx, out, SLIDES), html_slides(html, out, SLIDES))
    return [image.resize((WIDTH, round(image.height * WIDTH / image.width)))
            for pair in pairs for image in pair]


def sheet(rows: list[tuple[str, list[Image.Image]]]) -> Image.Image:
    """Rows of slides side by side, each row labelled, each slide captioned by its medium."""
    pad, label = 8, 18
    height = sum(2 * label + max(i.height for i in images) + pad for _, images in rows)
    width = max(len(images) for _, images in rows) * (WIDTH + pad) + pad
    out = Image.new("RGB", (width, height + pad), "white")
    draw = ImageDraw.Draw(out)
    y = pad
    for text, images in rows:
        draw.text((pad, y), text, fill="black")
        y += label
        for i, image in enumerate(images):
            x = pad + i * (WIDTH + pad)
            draw.text((x, y), "PPTX in LibreOffice" if i % 2 == 0 else "HTML in Chromium",
                      fill="#555555")
            out.paste(image, (x, y + label))
        y += label + max(i.height for i in images) + pad
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, help="an older checkout of the generator")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        for stem, name in PICTURES.items():
            deck = DECKS / f"{stem}.yaml"
            rows = []
            if args.before is not None:
                copy = Path(scratch) / "before-decks"
                shutil.copytree(ROOT / "tests", copy, dirs_exist_ok=True)
                old = copy / "templates" / deck.name
                old.write_text(BEFORE_KEYS.get(stem, "") + deck.read_text(encoding="utf-8"),
                               encoding="utf-8")
                rows.append(("before", render(args.before.resolve(), old,
                                              Path(scratch) / "before" / stem)))
            rows.append(("after", render(ROOT, deck, Path(scratch) / "after" / stem)))
            sheet(rows).save(IMG / name, optimize=True)
            print(IMG / name)


if __name__ == "__main__":
    main()
