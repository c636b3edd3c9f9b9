"""The pipeline's shape: imports run one way, inside every package and between the stages."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GENERATOR = ROOT / "generator"
# The stages after the source: each imports only the ones before it (the source stage and the
# themes share the format's declaration, source/keys.py, and stay out of this rule).
STAGES = ("themes", "layout", "pptx", "html")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path) -> set[str]:
    """Every ``generator`` module ``path`` imports, anywhere in it (functions, type checking)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module.startswith("generator"):
                for alias in node.names:
                    candidate = f"{node.module}.{alias.name}"
                    found.add(candidate if _exists(candidate) else node.module)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("generator"))
    return found


def _exists(module: str) -> bool:
    base = ROOT / Path(*module.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


@functools.cache  # read once for the tests below
def graph() -> dict[str, set[str]]:
    return {module_name(p): imports_of(p) for p in GENERATOR.rglob("*.py")}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """The cycles of a directed graph (one per strongly connected component of more than one
    node, or a node importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    out: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                component.append(top)
                if top == node:
                    break
            if len(component) > 1 or node in edges.get(node, ()):
                out.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return out


def test_no_package_of_the_generator_has_an_import_circle():
    edges = graph()
    found = []
    for package in {m.rsplit(".", 1)[0] for m in edges if m.count(".") == 2}:
        inside = {m: {n for n in targets if n.startswith(package + ".")}
                  for m, targets in edges.items() if m.startswith(package + ".")}
        found.extend(cycles(inside))
    assert found == []


def test_the_stages_import_one_way():
    edges = graph()
    between: dict[str, set[str]] = {stage: set() for stage in STAGES}
    for module, targets in edges.items():
        stage = module.split(".")[1] if module.count(".") >= 1 else ""
        if stage not in STAGES:
            continue
        for target in targets:
            other = target.split(".")[1] if target.count(".") >= 1 else ""
            if other in STAGES and other != stage:
                between[stage].add(other)
    assert cycles(between) == []
    assert "html" not in between["pptx"] and "pptx" not in between["html"]


def test_nothing_imports_the_command_line():
    edges = graph()
    assert sorted(m for m, targets in edges.items() if "generator.cli" in targets
                  and not m.startswith(("generator.cli", "generator.__main__"))) == []


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": set()}) == []
