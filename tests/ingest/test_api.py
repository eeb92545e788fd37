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
