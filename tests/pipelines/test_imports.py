"""The project's modules import one another without a cycle, counting the imports made inside
functions too.
"""

import ast
from pathlib import Path

from tests.conftest import REPO

PACKAGES = ("pipelines", "assets")


def _module(path: Path) -> str:
    return ".".join(path.relative_to(REPO).with_suffix("").parts)


def _imports(path: Path, modules: set[str]) -> set[str]:
    """The project modules a file imports, anywhere in it (`from pipelines import config` names a
    module too).
    """
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found & modules


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """A cycle of the graph, if it has one (depth-first, with the path on a stack)."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                return path[path.index(target) :] + [target]
            if target not in state and (found := visit(target)):
                return found
        state[node] = 2
        path.pop()
        return None

    return next(
        (found for node in sorted(graph) if node not in state and (found := visit(node))), None
    )


def test_no_module_imports_itself_back():
    files = [path for package in PACKAGES for path in (REPO / package).rglob("*.py")]
    modules = {_module(path) for path in files} | {_module(path.parent) for path in files}
    graph = {_module(path): _imports(path, modules) - {_module(path)} for path in files}
    graph.update({module: set() for module in modules - set(graph)})
    assert _cycle(graph) is None, " -> ".join(_cycle(graph))


def test_the_cycle_finder_finds_a_cycle():
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b"}, "b": set()}) is None
