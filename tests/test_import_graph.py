"""The package's imports run one way: extraction below aggregation below article, corpus, plots,
report and CLI. Every ``import`` statement counts, also inside functions and under
``TYPE_CHECKING``, because a lazy upward import is still an upward dependency."""

from __future__ import annotations

import ast
import functools
from pathlib import Path

import pytest

import newsframe

PACKAGE = Path(newsframe.__file__).parent

# module (dotted, without "newsframe.") -> layer; a module may import only modules of its own
# layer or below, and never in a cycle. Packages' __init__ files are facades: importing one
# counts as importing everything it imports.
LAYERS: dict[str, int] = {
    # 0: facts every layer uses
    "errors": 0,
    "paths": 0,
    "text": 0,
    "names": 0,
    "collector": 0,
    # 1: reading text and its structure; the frame contract (which names the sections)
    "frames": 1,
    "reading": 1,
    "sentences": 1,
    "sections": 1,
    "gazetteer": 1,
    "webpage": 1,
    "tabular": 1,
    # 2: extraction (text and sentences in, one frame out)
    "places": 2,
    "dates": 2,
    "sentiment.scoring": 2,
    # 3: aggregation (frames in, tables out)
    "coverage": 3,
    "dates.density": 3,
    "sentiment.summary": 3,
    "compare": 3,
    # 4-5: one article, many articles
    "article": 4,
    "dataset": 5,
    "corpus": 5,
    # 6: what reads articles to score or draw them
    "evaluation": 6,
    "plots": 6,
    # 7: entry points
    "report": 7,
    "cli": 7,
    "lab": 7,
    "__main__": 7,
}


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


@functools.cache
def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _resolve(current: str, is_package: bool, node: ast.ImportFrom | ast.Import) -> list[str]:
    """Package-relative names of the newsframe modules one import statement loads."""
    known = _modules()
    if isinstance(node, ast.Import):
        names = [a.name for a in node.names if a.name.startswith("newsframe")]
        return [n.removeprefix("newsframe").lstrip(".") for n in names]
    if node.level == 0:
        if not (node.module or "").startswith("newsframe"):
            return []
        base = node.module.removeprefix("newsframe").lstrip(".")  # type: ignore[union-attr]
    else:
        parts = current.split(".") if current else []
        if not is_package:
            parts = parts[:-1]
        parts = parts[: len(parts) - (node.level - 1)] if node.level > 1 else parts
        base = ".".join([*parts, *([node.module] if node.module else [])])
    out = []
    for alias in node.names:
        sub = f"{base}.{alias.name}" if base else alias.name
        out.append(sub if sub in known else base)
    return out


@functools.cache
def _edges() -> dict[str, set[str]]:
    modules = _modules()
    edges: dict[str, set[str]] = {}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        targets: set[str] = set()
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                targets.update(_resolve(name, path.name == "__init__.py", node))
        edges[name] = {t for t in targets if t != name and t != ""}
    return edges


def _layer(module: str, edges: dict[str, set[str]], seen: frozenset[str] = frozenset()) -> int:
    """A module's layer: its own entry (the longest matching prefix), or for a package facade
    the highest layer among what it imports."""
    facade = (PACKAGE / module.replace(".", "/") / "__init__.py").is_file()
    parts = module.split(".")
    own = 0
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in LAYERS and (n == len(parts) or key != module):
            own = LAYERS[key]
            break
    else:
        if not facade:
            raise AssertionError(f"newsframe.{module} has no layer in LAYERS")
    if module in seen:
        return own
    if facade:
        inner = [_layer(t, edges, seen | {module}) for t in edges.get(module, ())]
        return max([own, *inner])
    return own


def test_every_module_has_a_layer() -> None:
    for module in _modules():
        if module:
            _layer(module, _edges())


def test_no_import_runs_upward() -> None:
    edges = _edges()
    upward = []
    for source, targets in edges.items():
        if not source:  # newsframe/__init__: the lazy public facade
            continue
        if (PACKAGE / source.replace(".", "/") / "__init__.py").is_file():
            continue  # a facade's imports are charged to whoever imports it
        mine = _layer(source, edges)
        for target in sorted(targets):
            if _layer(target, edges) > mine:
                upward.append(f"{source} ({mine}) -> {target} ({_layer(target, edges)})")
    assert not upward, "imports that run upward:\n" + "\n".join(upward)


def test_no_import_cycle() -> None:
    edges = _edges()
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                pytest.fail("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for module in sorted(edges):
        if module and module not in state:
            visit(module)


def test_the_checker_sees_an_upward_import(tmp_path: Path) -> None:
    source = "from ..article import Article\n"
    node = ast.parse(source).body[0]
    assert isinstance(node, ast.ImportFrom)
    assert _resolve("sentiment.summary", False, node) == ["article"]
    assert _layer("article", _edges()) > _layer("sentiment.summary", _edges())
