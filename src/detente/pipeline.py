"""The extraction pipeline, assembled in one place.

A document's text is parsed by spaCy once; then each stage reads and writes a
shared :class:`~detente.stage.DocContext` in slot order:

    actors -> timex -> events -> quantities -> claims -> positions

Which implementation fills each slot is a setting (``Settings.stages``, names
registered in :mod:`detente.stage`); this module only assembles them.  Stages
hold their knowledge (actor base, lexicons) and are built once per process.
Extraction is a pure function from a document to an
:class:`~detente.model.Extraction`: it needs no database, so it runs the same in
one process, a process pool or a distributed worker.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from . import nlp
from .model import Document, Extraction
from .settings import Settings
from .stage import DocContext, Stage, build_stages

# DocContext and Stage live in detente.stage; re-exported while stages still import them from here.
__all__ = ["DocContext", "Pipeline", "Stage", "process_text"]


class Pipeline:
    """spaCy parsing plus detente's stages; build once, reuse for many documents."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.nlp = nlp.load(self.settings.model)
        self.stages: list[Stage] = build_stages(self.settings)

    def published_for(self, document: Document) -> dt.date | None:
        """The document's publication date, when its metadata gives one."""
        if document.published:
            return dt.date.fromisoformat(document.published)
        return None

    def process(self, documents: Iterable[Document]) -> Iterator[Extraction]:
        """Extract everything from each document, in input order."""
        docs = list(documents) if not isinstance(documents, list) else documents
        parsed = self.nlp.pipe((d.text for d in docs), batch_size=self.settings.batch_size)
        for document, doc in zip(docs, parsed, strict=True):
            yield self.run_stages(document, doc)

    def run_stages(self, document: Document, doc: Doc) -> Extraction:
        """Run every stage over one parsed document."""
        doc.user_data["detente.text"] = document.text  # what nlp.doc_text would rebuild
        ctx = DocContext(document=document, doc=doc, published=self.published_for(document))
        for stage in self.stages:
            stage(ctx)
        return ctx.extraction()


def process_text(text: str, published: str | None = None, doc_id: str = "doc", settings: Settings | None = None,
                 source: str | None = None) -> Extraction:
    """Convenience for tests and notebooks: run the whole pipeline over one text."""
    pipe = _default_pipeline(settings)
    document = Document(id=doc_id, text=text, published=published, source=source,
                        published_basis="metadata" if published else "unknown")
    return next(pipe.process([document]))


_PIPELINES: dict[object, Pipeline] = {}


def _default_pipeline(settings: Settings | None) -> Pipeline:
    key = settings.model if settings else None
    if key not in _PIPELINES or settings is not None:
        _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key]
