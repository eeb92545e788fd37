"""Import cycles and upward imports between detente's modules.

Usage: ``python scripts/check_imports.py [--strict]``.

Reads every module under ``src/detente`` with :mod:`ast`, counting imports made
inside functions too (a function-local import is still a dependency: it only
hides a cycle from the interpreter).  Prints each cycle (a strongly connected
set of modules) and each import from a lower layer into a higher one (layers as
in docs/architecture.md).  Exit status 1 with ``--strict`` when there is either.
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterable
from pathlib import Path

SRC = Path(__file__).resolve().parents[1] / "src"

# Lowest first; a module may import from its own layer and those before it.  The
# first matching prefix wins, so subpackages come before their parent.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("base", ("detente.model", "detente.settings", "detente.errors", "detente.nlp", "detente.datafiles")),
    ("contract", ("detente.stage", "detente.linguistics", "detente.modality")),
    ("stages", ("detente.actors", "detente.timex", "detente.events", "detente.quantities", "detente.claims",
                "detente.positions")),
    ("extraction", ("detente.pipeline", "detente.chunking")),
    ("fusion rules", ("detente.fusion.rules", "detente.fusion.lead", "detente.fusion.members",
                      "detente.fusion.match", "detente.fusion.merge", "detente.fusion.quantities")),
    ("storage", ("detente.store",)),
    ("orchestration", ("detente.ingest", "detente.orchestrate", "detente.parallel", "detente.fusion",
                       "detente.export")),
    ("read side", ("detente.analysis", "detente.eval")),
    ("faces", ("detente.cli", "detente.commands", "detente.api", "detente")),
]


def module_name(path: Path) -> str:
    """``src/detente/a/b.py`` -> ``detente.a.b`` (a package's ``__init__`` is the package)."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path, modules: set[str]) -> set[str]:
    """The detente modules ``path`` imports, anywhere in the file."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.add(target)
            found.update(f"{target}.{a.name}" for a in node.names)  # `from . import x` imports module x
    out = set()
    for target in found:
        while target and target not in modules:
            target = target.rpartition(".")[0]
        if target and target != name:
            out.add(target)
    return out


def graph() -> dict[str, set[str]]:
    """Module -> the detente modules it imports."""
    files = sorted((SRC / "detente").rglob("*.py"))
    modules = {module_name(f) for f in files}
    return {module_name(f): imports(f, modules) for f in files}


def cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected sets of more than one module (Tarjan), each sorted.

    A package's ``__init__`` importing its own submodules is not a cycle of interest
    (the submodule importing ``..package`` would be), so parent -> child edges are dropped.
    """
    edges = {m: {t for t in ts if not t.startswith(m + ".")} for m, ts in edges.items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    out: list[list[str]] = []
    counter = [0]

    def visit(v: str) -> None:
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on.add(v)
        for w in edges.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            group = []
            while True:
                w = stack.pop()
                on.discard(w)
                group.append(w)
                if w == v:
                    break
            if len(group) > 1:
                out.append(sorted(group))

    sys.setrecursionlimit(10_000)
    for v in sorted(edges):
        if v not in index:
            visit(v)
    return sorted(out)


def layer(module: str) -> int:
    """The index of ``module``'s layer in :data:`LAYERS`."""
    best, rank = -1, len(LAYERS)
    for i, (_name, prefixes) in enumerate(LAYERS):
        for p in prefixes:
            if (module == p or module.startswith(p + ".")) and len(p) > best:
                best, rank = len(p), i
    return rank


def upward(edges: dict[str, set[str]]) -> Iterable[tuple[str, str]]:
    """(importer, imported) pairs where the imported module sits in a higher layer."""
    for m, targets in sorted(edges.items()):
        for t in sorted(targets):
            if t != "detente" and layer(t) > layer(m):
                yield m, t


def main(argv: list[str]) -> int:
    """Print cycles and upward imports; with ``--strict`` exit 1 when there are any."""
    edges = graph()
    found = cycles(edges)
    ups = list(upward(edges))
    for group in found:
        print("cycle:", " <-> ".join(group))
    for m, t in ups:
        print(f"upward: {m} ({LAYERS[layer(m)][0]}) imports {t} ({LAYERS[layer(t)][0]})")
    if not found and not ups:
        print(f"{len(edges)} modules: no import cycle, no upward import")
    return 1 if "--strict" in argv and (found or ups) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
