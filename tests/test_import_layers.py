"""The package's imports run one way: no module imports another that (through any chain)
imports it back, and each layer of docs/architecture.md imports only from the layers below it.

Every import counts, also one inside a function: such an import only postpones a loop to
run time. `from package import name` counts as importing the package, unless the name is a
submodule; the implicit import of a module's parent packages does not count.
"""

from __future__ import annotations

import ast
from pathlib import Path

import riskcheck

PACKAGE = Path(riskcheck.__file__).parent

# Bottom to top, as docs/architecture.md draws them; "" is the package's own __init__ (the API).
LAYERS = [
    {"errors", "schema", "sport", "settings", "cache"},
    {"readers", "sampledata", "diary"},
    {"ingest"},
    {"load"},
    {"rules", "backtest"},
    {"config", "assess"},
    {"checking", "cluster"},
    {"evaluate"},
    {""},
    {"report"},
    {"output"},
    {"roster"},
    {"cli"},
]


def module_imports(root: Path, package: str) -> dict[str, set[str]]:
    """{module: the modules of the same package it imports}, for every .py under root."""
    modules = {}
    for path in root.rglob("*.py"):
        parts = [package, *path.relative_to(root).with_suffix("").parts]
        is_package = parts[-1] == "__init__"
        if is_package:
            parts.pop()
        modules[".".join(parts)] = (path, is_package)
    graph: dict[str, set[str]] = {name: set() for name in modules}
    for name, (path, is_package) in modules.items():
        here = name.split(".") if is_package else name.split(".")[:-1]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(here[:len(here) - node.level + 1] + [node.module or ""]).strip(".") \
                    if node.level else node.module or ""
                subs = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules]
                targets = subs if len(subs) == len(node.names) else [base, *subs]
            else:
                continue
            graph[name].update(t for t in targets if t in modules and t != name)
    return graph


def import_loops(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    loops = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    loops.append(sorted(component))
    return loops


def layer_breaches(graph: dict[str, set[str]]) -> list[str]:
    level = {top: i for i, layer in enumerate(LAYERS) for top in layer}

    def top(module: str) -> str:
        return module.split(".")[1] if "." in module else ""

    return sorted(f"{a} -> {b}" for a, targets in graph.items() for b in targets
                  if level[top(b)] > level[top(a)])


def test_no_import_loop_among_riskcheck_modules():
    assert import_loops(module_imports(PACKAGE, "riskcheck")) == []


def test_each_layer_imports_only_from_the_layers_below():
    graph = module_imports(PACKAGE, "riskcheck")
    tops = {m.split(".")[1] if "." in m else "" for m in graph}
    assert tops <= set().union(*LAYERS), "a new top-level module or package needs its layer here and in the docs"
    assert layer_breaches(graph) == []


def test_a_loop_through_a_function_level_import_is_found(tmp_path):
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from pkg.sub.b import B\n")
    (pkg / "a.py").write_text("def f():\n    from pkg.sub import b\n")
    (pkg / "sub" / "b.py").write_text("from ..a import f\nB = 1\n")
    (pkg / "c.py").write_text("from pkg.sub import B\n")  # a name, not a submodule: the package
    graph = module_imports(pkg, "pkg")
    assert graph["pkg.c"] == {"pkg.sub"}
    assert import_loops(graph) == [["pkg.a", "pkg.sub.b"]]
