"""Positions for a set of documents without a store (measures, notebooks).

The pipeline runs the positions stage itself (``positions.rules``, after claims), so
this only runs it and gathers what the scorer reads.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Document, Extraction, to_json
from ..pipeline import Pipeline, _default_pipeline
from ..settings import Settings


def extract_with_positions(documents: Iterable[Document], settings: Settings | None = None) -> list[Extraction]:
    """Each document's extraction, ``positions`` included."""
    pipe = Pipeline(settings) if settings is not None else _default_pipeline(None)
    return list(pipe.process(list(documents)))


def predict(documents: Iterable[Document], settings: Settings | None = None) -> dict[str, Any]:
    """A detente/1-shaped object with the documents' actors and positions (what the scorer reads)."""
    actors: dict[str, Any] = {}
    positions: list[Any] = []
    for ex in extract_with_positions(documents, settings):
        for a in ex.actors:
            actors.setdefault(a.id, to_json(a))
        positions.extend(to_json(ex.positions))
    return {"schema": "detente/1", "actors": list(actors.values()), "positions": positions}
