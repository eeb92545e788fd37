"""Run the pipeline plus the positions stage over documents (for measures and notebooks).

Until the positions stage is wired into :mod:`detente.pipeline` (phase 2), this is how
positions are obtained for a set of documents without a store.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Document, Extraction, to_json
from ..pipeline import DocContext, Pipeline
from ..settings import Settings
from . import positions_for
from .issues import IssueBook


def extract_with_positions(documents: Iterable[Document], settings: Settings | None = None,
                           book: IssueBook | None = None) -> list[Extraction]:
    """Each document's extraction with its ``positions`` filled in."""
    pipe = Pipeline(settings) if settings is not None else _pipeline()
    out: list[Extraction] = []
    for document in documents:
        doc = pipe.nlp(document.text)
        doc.user_data["detente.text"] = document.text
        ctx = DocContext(document=document, doc=doc, published=pipe.published_for(document))
        for stage in pipe.stages:
            stage(ctx)
        ex = ctx.extraction()
        ex.positions = positions_for(ctx, book)
        out.append(ex)
    return out


def predict(documents: Iterable[Document], settings: Settings | None = None) -> dict[str, Any]:
    """A detente/1-shaped object with the documents' actors and positions (what the scorer reads)."""
    actors: dict[str, Any] = {}
    positions: list[Any] = []
    for ex in extract_with_positions(documents, settings):
        for a in ex.actors:
            actors.setdefault(a.id, to_json(a))
        positions.extend(to_json(ex.positions))
    return {"schema": "detente/1", "actors": list(actors.values()), "positions": positions}


_PIPE: list[Pipeline] = []


def _pipeline() -> Pipeline:
    if not _PIPE:
        from ..pipeline import _default_pipeline

        _PIPE.append(_default_pipeline(None))
    return _PIPE[0]
