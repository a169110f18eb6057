"""The package's modules import one another without a circle (issue 10, item 19).

Imports inside functions count too: a circle there still couples two modules
and breaks as soon as one of them is imported at the other's top.
"""

from __future__ import annotations

import ast
import graphlib
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "converters"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _without_type_checking(tree: ast.Module) -> ast.Module:
    """``tree`` without its ``if TYPE_CHECKING:`` blocks: imports for the type checker only,
    never run, so they make no cycle."""
    for node in ast.walk(tree):
        for field in ("body", "orelse"):
            block = getattr(node, field, None)
            if isinstance(block, list):
                setattr(node, field, [s for s in block if not _is_type_checking(s)])
    return tree


def _is_type_checking(node: ast.AST) -> bool:
    return isinstance(node, ast.If) and ast.unparse(node.test) in {"TYPE_CHECKING", "typing.TYPE_CHECKING"}


def import_graph() -> dict[str, set[str]]:
    """``{module: the package's modules it imports}``, ``converters/__init__`` left out
    (``from converters import __version__`` names the package, not a module of it)."""
    modules = {_module_name(p): p for p in PACKAGE.rglob("*.py")}
    graph: dict[str, set[str]] = {}
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(_without_type_checking(ast.parse(path.read_text(encoding="utf-8")))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*up, base] if base else up)
                found.add(base)
                found.update(f"{base}.{alias.name}" for alias in node.names)
        graph[name] = {m for m in found if m in modules and m not in (name, "converters")}
    return graph


def test_the_graph_sees_function_level_imports() -> None:
    graph = import_graph()
    assert "converters.writers.markdown" in graph["converters.writers.docx"]  # imported inside render()
    assert "converters.fonts" in graph["converters.writers.epub"]


def test_no_import_cycles() -> None:
    try:
        tuple(graphlib.TopologicalSorter(import_graph()).static_order())
    except graphlib.CycleError as exc:
        raise AssertionError(f"import cycle: {' -> '.join(exc.args[1])}") from None


def test_writers_share_fonts_and_build_time_without_importing_each_other() -> None:
    graph = import_graph()
    assert "converters.writers.pdf" not in graph["converters.writers.epub"]
    assert "converters.writers.epub" not in graph["converters.writers.pdf"]
    assert {"converters.fonts", "converters.options"} <= graph["converters.writers.pdf"]
