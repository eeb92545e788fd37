"""The store's layering: fusion's rules below it, driver details inside the dialect, mixins composed explicitly."""

from __future__ import annotations

import ast
from pathlib import Path

import detente.fusion
import detente.store
from detente.store import Store
from detente.store.queries import QueriesMixin
from detente.store.read import ReadMixin
from detente.store.write import WriteMixin

from ..conftest import make_extraction

STORE = Path(detente.store.__file__).parent
FUSION = Path(detente.fusion.__file__).parent


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text("utf-8"), str(path))


def _imported(tree: ast.AST) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add("." * node.level + (node.module or ""))
    return names


def test_fusion_imports_nothing_from_the_store() -> None:
    # not even for type checking: linking reaches the store through the FusionStore protocol
    for path in FUSION.glob("*.py"):
        assert not {n for n in _imported(_tree(path)) if "store" in n}, path.name


def test_the_store_imports_at_module_level_only() -> None:
    # a function-local import is how a cycle was dodged; there is no cycle left to dodge
    for path in STORE.glob("*.py"):
        for fn in ast.walk(_tree(path)):
            if isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                local = [n for n in ast.walk(fn) if isinstance(n, ast.Import | ast.ImportFrom)]
                allowed = path.name == "postgres.py" and all(  # the optional driver, on first use
                    isinstance(n, ast.Import) and [a.name for a in n.names] == ["psycopg"] for n in local)
                assert not local or allowed, f"{path.name}:{fn.name}"


def test_driver_details_stay_in_the_dialect() -> None:
    for path in STORE.glob("*.py"):
        if path.name in ("dialect.py", "postgres.py"):  # the dialects: where the drivers are spoken to
            continue
        tree = _tree(path)
        assert not {"sqlite3", "psycopg"} & _imported(tree), path.name
        names = [n for n in ast.walk(tree) if isinstance(n, ast.Compare) and isinstance(n.left, ast.Attribute)
                 and n.left.attr == "name" and ast.unparse(n.left.value).endswith(("dialect", "d"))]
        assert not names, f"{path.name}: {[ast.unparse(n) for n in names]}"


def test_mixins_compose_in_any_order(tmp_path: Path) -> None:
    # each mixin inherits what it uses; none stubs another's methods
    other = type("OtherStore", (WriteMixin, ReadMixin, QueriesMixin), {})
    s = other(tmp_path / "s.db")
    try:
        s.add(make_extraction(), content_hash="h1")
        assert {"CHN", "PRK"} <= set(s.actor_index())
        assert [e.type for e in s.events()] == ["AGREE"]
        assert s.near_duplicate_pairs() == []
    finally:
        s.close()
    assert Store.__mro__.index(QueriesMixin) >= 0
