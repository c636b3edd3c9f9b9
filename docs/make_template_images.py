"""Regenerate docs/templates.md's before/after pictures: the lecture's opening on real templates.

Usage (needs LibreOffice and poppler-utils):
    .venv/bin/python docs/make_template_images.py [--before OLD_CHECKOUT]

For each deck in tests/templates/ (on_*.yaml) named below, two slides (the title slide and the first
content slide) as LibreOffice renders the PPTX: built by this checkout (right) and, with
``--before``, by an older checkout of the generator (left; e.g. ``git archive ff3da11``).
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
            "on_md2pptx_Martin_Template": "template-martin.png"}
# Before, a 4:3 template needed the deck's aspect typed by hand.
BEFORE_KEYS = {"on_poi_bug60715": 'aspect: "4:3"\n'}
SLIDES = (1, 2)
WIDTH = 480


def render(generator: Path, deck: Path, out: Path) -> list[Image.Image]:
    """Build ``deck`` with the generator at ``generator`` and render SLIDES with LibreOffice."""
    out.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "PYTHONPATH": str(generator), "DECK_CACHE_DIR": str(out / "cache")}
    subprocess.run([sys.executable, "-m", "generator", "build", str(deck), "-o", str(out),
                    "--format", "pptx", "--force"], check=True, env=env, cwd=generator)
    return [image.resize((WIDTH, round(image.height * WIDTH / image.width)))
            for image in pptx_pngs(out / f"{deck.stem}.pptx", out, SLIDES)]


def sheet(rows: list[tuple[str, list[Image.Image]]]) -> Image.Image:
    """Rows of slides side by side, each row labelled."""
    pad, label = 8, 18
    height = sum(label + max(i.height for i in images) + pad for _, images in rows)
    width = max(len(images) for _, images in rows) * (WIDTH + pad) + pad
    out = Image.new("RGB", (width, height + pad), "white")
    draw = ImageDraw.Draw(out)
    y = pad
    for text, images in rows:
        draw.text((pad, y), text, fill="black")
        y += label
        for i, image in enumerate(images):
            out.paste(image, (pad + i * (WIDTH + pad), y))
        y += max(i.height for i in images) + pad
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
            sheet(rows).save(IMG / name)
            print(IMG / name)


if __name__ == "__main__":
    main()
