"""Variables in a lecture's text: ``{course.code}``, ``{lecture.number}``, the course's own.

A reference is a name in braces: words of letters, digits and ``_`` joined by dots. It is
replaced in every text that takes inline markup (titles, bullets, paragraphs, notes, the
footer, captions, cells …), but never inside a code span (`` `…` ``), a formula (``$…$``), a
link's address, or a key whose value is not markup (``code:``, ``math:``, file names). Braces
that do not hold such a name (``{1, 2}``, ``[text]{.accent}``) stay as written; ``\\{`` is a
literal ``{`` (so ``\\{lecture.number}`` shows the braces and the name). An unknown name is a
located error with a suggestion.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Mapping

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import Problem
from generator.source import inline
from generator.source.yamlnodes import Reader, did_you_mean, scalar_position

# an escaped backslash (kept as it is), an escaped brace, or a reference
_TOKEN = re.compile(r"\\\\|\\\{|\{([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\}", re.ASCII)

# name -> its text; None for a name the course knows but has no value for (``course.term``
# when the course file gives no term): using it is an error that says so
Variables = Mapping[str, "str | None"]


def substitute(text: str, variables: Variables) -> tuple[str, list[tuple[int, str]]]:
    """``text`` with its references replaced, and ``(offset, name)`` of each reference that
    could not be (unknown, or without a value), left as written."""
    if "{" not in text:
        return text, []
    literal = [range(start, end) for start, end in inline.literal_ranges(text)]
    out: list[str] = []
    failed: list[tuple[int, str]] = []
    done = 0
    for match in _TOKEN.finditer(text):
        token = match.group(0)
        if token == "\\\\" or any(match.start() in span for span in literal):
            continue
        out.append(text[done:match.start()])
        done = match.end()
        name = match.group(1)
        value = variables.get(name) if name is not None else "{"
        if value is None:
            failed.append((match.start(), name))
            out.append(token)
        else:
            out.append(value)
    out.append(text[done:])
    return "".join(out), failed


def substitute_nodes(reader: Reader, root: Node, variables: Variables, skip_keys: Iterable[str],
                     source: str, explain: Callable[[str], str]) -> None:
    """Replace the references in every text below ``root`` (in place: the nodes are this
    load's own), except under the keys ``skip_keys``; each reference that fails is a problem
    on ``reader`` located at it in ``source`` (the file's text; ``explain`` says why a name
    failed)."""
    skip = frozenset(skip_keys)
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        if id(node) in seen:  # aliases: the same node is met again, and was replaced once
            continue
        seen.add(id(node))
        if isinstance(node, ScalarNode):
            if "{" in node.value and node.tag.endswith(":str"):
                _replace(reader, node, variables, source, explain)
        elif isinstance(node, MappingNode):
            for key, value in reversed(node.value):
                if isinstance(key, ScalarNode) and key.value in skip:
                    continue
                todo.extend((value, key))
        elif isinstance(node, SequenceNode):
            todo.extend(reversed(node.value))


def _replace(reader: Reader, node: ScalarNode, variables: Variables, source: str,
             explain: Callable[[str], str]) -> None:
    value, failed = substitute(node.value, variables)
    for offset, name in failed:
        line, column = scalar_position(source, node, offset)
        reader.problems.append(Problem(reader.path, line, column, explain(name)))
    node.value = value


def unknown_message(name: str, variables: Variables) -> str:
    """Why ``{name}`` cannot be replaced: unknown (with a suggestion and the known names), or
    known without a value."""
    if name in variables:
        return f"the variable {{{name}}} has no value here"
    known = ", ".join(sorted(variables))
    return (f"unknown variable {{{name}}}{did_you_mean(name, variables)} (variables: {known}); "
            f"write \\{{ for a literal brace")
