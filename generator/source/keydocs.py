"""Write docs/keys.md, the table of every deck and theme key, from the format's declaration.

Run ``python -m generator.source.keydocs`` after changing ``generator/source/keys.py``;
``--check`` exits with status 1 when docs/keys.md is stale (the tests check it too).
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from generator.source.keys import (
    COURSE_GROUPS,
    DECK_GROUPS,
    LOGO,
    THEME,
    Group,
    Key,
    Section,
    shown_value,
)

DOCS_FILE = Path(__file__).resolve().parent.parent.parent / "docs" / "keys.md"
COMMAND = "python -m generator.source.keydocs"
_HEADER = "| key | type | default | allowed | meaning | since |\n|---|---|---|---|---|---|\n"


def keys_markdown() -> str:
    """The whole of docs/keys.md."""
    parts = [
        "# Keys\n\n",
        f"<!-- Generated from generator/source/keys.py by `{COMMAND}`; do not edit. -->\n\n",
        "Every key a deck file, a course file or a theme file may hold, in the order error "
        "messages list them. Text keys take inline markup unless they name a file or a word "
        "from a list. *since* is the version that added the key.\n",
    ]
    for group in (*DECK_GROUPS, *COURSE_GROUPS):
        parts.append(f"\n## {group.name[:1].upper()}{group.name[1:]}\n\n")
        if group.intro:
            parts.append(f"{group.intro}\n\n")
        parts.append(_HEADER)
        parts.extend(_row(key.name, key, key.default_shown()) for key in group)
    parts.append("\n## Theme\n\n")
    parts.append(f"{THEME.intro} Every key is optional: a theme file is merged over the "
                 "default theme, `classic` (templates/themes/classic.yaml), whose values are "
                 "the defaults below. Sizes and lengths are in points.\n\n")
    parts.append(_HEADER)
    parts.extend(_theme_rows(THEME, (), _classic_tokens()))
    return "".join(parts)


def _theme_rows(group: Group, path: tuple[str, ...], defaults: Any) -> list[str]:
    rows = []
    for key in group:
        dotted = (*path, key.name)
        value = defaults.get(key.name) if isinstance(defaults, dict) else None
        if isinstance(key, Section) and not key.nullable:
            rows.extend(_theme_rows(key.group, dotted, value))
            continue
        shown = "null" if value is None and not path else shown_value(value)
        if group is LOGO:
            shown = key.default_shown()
        rows.append(_row(".".join(dotted), key, shown))
        if isinstance(key, Section):
            rows.extend(_theme_rows(key.group, dotted, None))
    return rows


def _row(name: str, key: Key, default: str) -> str:
    cells = (f"`{name}`", key.type_name, default, key.allowed(), key.description, key.since)
    return "| " + " | ".join(_cell(c) for c in cells) + " |\n"


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _classic_tokens() -> dict[str, Any]:
    from generator.themes.theme import default_tokens

    return default_tokens()


def main(argv: list[str] | None = None) -> int:
    """Write docs/keys.md, or with ``--check`` report whether it is up to date."""
    args = sys.argv[1:] if argv is None else argv
    text = keys_markdown()
    if "--check" in args:
        if DOCS_FILE.read_text(encoding="utf-8") != text:
            print(f"{DOCS_FILE} is stale: run {COMMAND}", file=sys.stderr)
            return 1
        return 0
    DOCS_FILE.write_text(text, encoding="utf-8")
    print(f"wrote {DOCS_FILE}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
