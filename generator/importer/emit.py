"""Write a draft deck as readable deck YAML: block style, quotes only where needed, comments."""

from __future__ import annotations

from typing import Any

import yaml

from generator.importer.draft import DraftDeck, OneLineKey, deck_data, long_code, slide_data

WIDTH = 92


class _Literal(str):
    """A string written as a ``|`` literal block (speaker notes keep their line breaks)."""


class _Dumper(yaml.SafeDumper):
    """Block style with indented sequences, long one-line keys, and literal blocks for notes."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def check_simple_key(self) -> bool:
        # PyYAML writes keys longer than 128 characters as '? key'; a long parent bullet is
        # still one readable line (YAML allows implicit keys up to 1024 characters).
        event = self.event
        if isinstance(event, yaml.ScalarEvent) and (
                event.style == '"' or not self.analysis_multiline(event)):
            return len(event.value) <= 1000
        return super().check_simple_key()

    def analysis_multiline(self, event: yaml.ScalarEvent) -> bool:
        if self.analysis is None:
            self.analysis = self.analyze_scalar(event.value)
        return self.analysis.multiline


def _represent_literal(dumper: yaml.SafeDumper, value: _Literal) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value), style="|")


class _Flow(list):
    """A list written on one line, ``[a, b, c]`` (a table's header and each of its rows)."""


def _represent_flow(dumper: yaml.SafeDumper, value: _Flow) -> yaml.SequenceNode:
    """One line; a cell with a line break is double-quoted with ``\\n`` (not folded)."""
    items = [dumper.represent_scalar("tag:yaml.org,2002:str", item, style='"')
             if "\n" in item else dumper.represent_data(item) for item in value]
    return yaml.SequenceNode("tag:yaml.org,2002:seq", items, flow_style=True)


def _represent_text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    """Text with line breaks as a literal block, so each break reads as one in the file."""
    return dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                   style="|" if "\n" in value else None)


def _represent_key(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(value),
                                   style='"' if "\n" in value else None)


_Dumper.add_representer(_Literal, _represent_literal)
_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(OneLineKey, _represent_key)


def dump(data: Any) -> str:
    """``data`` as block-style YAML text."""
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True,
                     default_flow_style=False, width=WIDTH, indent=2)


def comment_lines(comments: list[str], indent: str = "") -> str:
    """Comments as ``# …`` lines (each comment may span several lines)."""
    out = []
    for comment in comments:
        for line in comment.splitlines() or [""]:
            out.append(f"{indent}# {line}".rstrip())
    return "".join(line + "\n" for line in out)


def deck_yaml(deck: DraftDeck) -> str:
    """The whole deck file: header comments, metadata, then each slide with its comments."""
    parts = [comment_lines(deck.comments), dump(deck_data(deck)), "\nslides:\n"]
    for index, slide in enumerate(deck.slides):
        data = slide_data(slide)
        if "notes" in data:
            data["notes"] = _Literal(data["notes"])
        data = _with_flow_tables(data)
        if index:
            parts.append("\n")
        comments = slide.comments + (["long code lines are broken to fit the slide (a deck "
                                      "never wraps code)"] if long_code(slide) else [])
        parts.append(comment_lines(comments, "  "))
        parts.append(_indent(dump([data]), "  "))
    return "".join(parts)


def _with_flow_tables(data: Any) -> Any:
    """``data`` with every table's header and rows written one line each."""
    if isinstance(data, list):
        return [_with_flow_tables(item) for item in data]
    if not isinstance(data, dict):
        return data
    out = {}
    for key, value in data.items():
        if key == "table" and isinstance(value, dict) and "header" in value:
            value = {**value, "header": _Flow(value["header"]),
                     "rows": [_Flow(row) for row in value["rows"]]}
            if "align" in value:
                value["align"] = _Flow(value["align"])
        out[key] = _with_flow_tables(value) if key != "table" else value
    return out


def _indent(text: str, prefix: str) -> str:
    return "".join(prefix + line if line.strip() else line
                   for line in text.splitlines(keepends=True))
