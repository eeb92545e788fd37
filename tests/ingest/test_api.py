"""The public surface of detente.ingest: every name in __all__ exists and is documented."""

from __future__ import annotations

import importlib

# the package, not detente.ingest the function that detente/__init__ exports
ingest = importlib.import_module("detente.ingest")


def test_all_names_exist_and_have_docstrings() -> None:
    for name in ingest.__all__:
        obj = getattr(ingest, name)
        if callable(obj):
            assert obj.__doc__, f"{name} has no docstring"


def test_interface_the_orchestrator_relies_on() -> None:
    assert {"RawDocument", "read_inputs", "fetch", "FetchResult", "content_hash",
            "normalise_for_hash", "NearDuplicateIndex"} <= set(ingest.__all__)
    doc = ingest.RawDocument(text="t", origin="o")
    assert (doc.id, doc.title, doc.source, doc.url, doc.published, doc.authors, doc.path, doc.published_basis) == (
        None, None, None, None, None, [], None, "unknown"
    )
    assert not hasattr(doc, "__dict__")  # slotted


def _ingest_imports() -> dict[str, set[str]]:
    """Module -> the detente modules it imports, for every module of detente/ingest (static)."""
    import ast
    from pathlib import Path

    folder = Path(ingest.__file__).parent
    graph: dict[str, set[str]] = {}
    for path in folder.glob("*.py"):
        name = f"detente.ingest.{path.stem}" if path.stem != "__init__" else "detente.ingest"
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                base = node.module if node.level == 0 else "detente.ingest." + node.module
                found.add(base)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
        graph[name] = {m for m in found if m.startswith("detente")}
    return graph


def test_readers_never_import_the_layers_above_them() -> None:
    above = ("detente.orchestrate", "detente.pipeline", "detente.parallel", "detente.store", "detente.fusion")
    for module, imports in _ingest_imports().items():
        assert not {m for m in imports if m.startswith(above)}, module


def test_no_import_cycle_inside_ingest() -> None:
    graph = _ingest_imports()

    def reaches(start: str, target: str, seen: set[str]) -> bool:
        for nxt in graph.get(start, set()):
            if nxt == target or (nxt not in seen and reaches(nxt, target, seen | {nxt})):
                return True
        return False

    for module in graph:
        if module != "detente.ingest":
            assert not reaches(module, module, {module}), f"{module} imports itself through a cycle"


def test_a_format_is_one_table_entry() -> None:
    from detente.ingest.readers import SUPPORTED_EXTENSIONS

    for kind, fmt in ingest.FORMATS.items():
        assert fmt.description and callable(fmt.read)
        assert all(SUPPORTED_EXTENSIONS[ext] == kind for ext in fmt.extensions)
    assert {"text", "markdown", "html", "feed", "pdf", "docx"} <= set(ingest.FORMATS)
