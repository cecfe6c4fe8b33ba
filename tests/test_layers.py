"""The package is layered, and the layers are kept (read from the source, nothing imported).

From the bottom: the base utilities, ``domain`` (the model; standard library
only), ``ingest`` and ``checks.analysis`` (siblings that never import each
other), the check kinds, the rule ``catalog``, ``report``, the ``engine``, and
the command line on top.  A module imports only from its own layer or below;
check families never import each other; there is no import cycle, counting
imports inside functions; and an import inside a function is there for a
start-up reason that a comment names.
"""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "perflint"

#: (layer, module prefixes) from the bottom up; the longest matching prefix wins
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    (
        "base",
        (
            "perflint._version",
            "perflint.resources",
            "perflint.exitcodes",
            "perflint.i18n",
            "perflint.messages",
            "perflint.plugins",
            "perflint.safe_regex",
        ),
    ),
    ("domain", ("perflint.domain",)),
    ("reading", ("perflint.ingest", "perflint.checks.analysis")),
    ("checks", ("perflint.checks",)),
    ("catalog", ("perflint.catalog",)),
    ("report", ("perflint.report",)),
    ("engine", ("perflint.engine",)),
    (
        "app",
        ("perflint.cli", "perflint.launcher", "perflint._typer_values", "perflint._regex_cache", "perflint.__main__"),
    ),
]
RANK = {name: i for i, (name, _) in enumerate(LAYERS)}
#: ``import perflint`` gives the public API; it may reach the engine, lazily
FACADE = "perflint"
STDLIB = set(sys.stdlib_module_names)


def _modules() -> dict[str, Path]:
    out = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        out[name] = path
    return out


MODULES = _modules()


def layer_of(module: str) -> str:
    best, size = "", -1
    for name, prefixes in LAYERS:
        for prefix in prefixes:
            if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > size:
                best, size = name, len(prefix)
    assert best, f"{module} belongs to no layer: add it to LAYERS"
    return best


def _imports(module: str, path: Path) -> list[tuple[str, int, bool]]:
    """(imported module, line, inside a function) for every import of ``module``."""
    tree = ast.parse(path.read_text("utf-8"))
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    inner = {
        id(node)
        for fn in ast.walk(tree)
        if isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef))
        for node in ast.walk(fn)
    }
    out = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            subs = [f"{base}.{alias.name}" for alias in node.names]
            names = [s for s in subs if s in MODULES] or [base]
        for name in names:
            out.append((name, node.lineno, id(node) in inner))
    return out


def _internal(name: str) -> str | None:
    """The perflint module ``name`` is or lives in, None for other packages."""
    while name and name not in MODULES:
        name = name.rpartition(".")[0]
    return name or None


GRAPH = {m: [(_internal(n), n, line, inner) for n, line, inner in _imports(m, p)] for m, p in MODULES.items()}


def test_every_module_has_a_layer():
    for module in MODULES:
        if module != FACADE:
            layer_of(module)


@pytest.mark.parametrize("module", sorted(m for m in MODULES if m != FACADE))
def test_imports_stay_in_their_layer_or_below(module):
    mine = layer_of(module)
    for target, _name, line, _inner in GRAPH[module]:
        if target is None or target == FACADE:
            continue
        theirs = layer_of(target)
        assert RANK[theirs] <= RANK[mine], f"{module}:{line} ({mine}) imports {target} ({theirs})"
        if mine == theirs == "reading":  # ingest and checks.analysis are siblings
            assert target.split(".")[1] == module.split(".")[1], f"{module}:{line} imports {target}"
        if mine == theirs == "checks":  # families share only checks.base
            assert target in ("perflint.checks.base",) or module == "perflint.checks", (
                f"{module}:{line} imports another check family {target}"
            )


def test_the_domain_uses_the_standard_library_only():
    for module, edges in GRAPH.items():
        if layer_of(module) not in ("base", "domain") if module != FACADE else True:
            continue
        for target, name, line, _inner in edges:
            if target is None:
                assert name.split(".")[0] in STDLIB, f"{module}:{line} imports {name}"


def test_no_import_cycles_counting_imports_inside_functions():
    edges = {m: sorted({t for t, *_ in GRAPH[m] if t is not None and t != m}) for m in MODULES}
    # `import perflint.x` runs perflint/__init__ first, but that is the facade's lazy
    # attribute, not an edge: only explicit imports count
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    cycles: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                cycles.append(sorted(comp))

    for module in MODULES:
        if module not in index:
            visit(module)
    assert cycles == []


def test_imports_inside_functions_name_their_start_up_reason():
    for module, path in MODULES.items():
        lines = path.read_text("utf-8").split("\n")
        for _target, name, line, inner in GRAPH[module]:
            if not inner:
                continue
            # the reason is on the import's line or on the comment/import lines just above it
            window = [lines[line - 1]]
            k = line - 2
            while k >= 0 and lines[k].strip().startswith(("#", "import ", "from ")):
                window.append(lines[k])
                k -= 1
            assert any("start-up" in text for text in window), f"{module}:{line} imports {name} inside a function"
