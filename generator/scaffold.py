"""Create a starter deck folder from ``templates/new_deck.yaml``, never overwriting anything."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.errors import BuildError, UsageError
from generator.themes.theme import TEMPLATES_DIR

STARTER = TEMPLATES_DIR / "new_deck.yaml"
IMAGE = Path("images") / "example.png"
_TITLE_LINE = re.compile(r"^title: My lecture(?=\s)", re.MULTILINE)
_NAME = re.compile(r"^[\w][\w .-]*$")


def new_deck(name: str, parent: str | Path = ".") -> Path:
    """Create folder ``parent/name`` with ``name.yaml`` and a sample image; return the deck file.

    Raises ``UsageError`` for a name that cannot be a file name and ``BuildError`` when the
    folder already exists (nothing is overwritten).
    """
    if not _NAME.match(name) or name in (".", ".."):
        raise UsageError(f"invalid deck name {name!r}: use letters, digits, spaces, '-', '_' or "
                         "'.', e.g. deck new week-1")
    folder = Path(parent) / name
    deck_file = folder / f"{name}.yaml"
    if folder.exists():
        raise BuildError(f"{folder} already exists; choose another name or remove it first "
                         "(deck new never overwrites)")
    try:
        (folder / IMAGE.parent).mkdir(parents=True)
        deck_file.write_text(starter_text(name), encoding="utf-8")
        write_example_image(folder / IMAGE)
    except OSError as err:
        raise BuildError(f"cannot create {folder}: {err.strerror}") from err
    return deck_file


def starter_text(name: str) -> str:
    """The starter deck's YAML with its title made from ``name`` (``week-1`` → ``Week 1``)."""
    title = re.sub(r"[-_]+", " ", name).strip() or name
    title = title[0].upper() + title[1:]
    return _TITLE_LINE.sub(f"title: {json.dumps(title, ensure_ascii=False)}",
                           STARTER.read_text(encoding="utf-8"), count=1)


def write_example_image(path: Path) -> None:
    """A small bar chart, drawn so the starter needs no file from anywhere else."""
    from PIL import Image, ImageDraw

    width, height = 640, 400
    image = Image.new("RGB", (width, height), "#FFFFFF")
    draw = ImageDraw.Draw(image)
    draw.line([(60, 340), (600, 340)], fill="#5B6470", width=3)
    draw.line([(60, 40), (60, 340)], fill="#5B6470", width=3)
    for i, bar in enumerate((110, 190, 270)):
        x = 110 + i * 170
        draw.rectangle([x, 340 - bar, x + 110, 338], fill="#2F6DB5")
    image.save(path, format="PNG", optimize=True)
