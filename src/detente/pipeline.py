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

A document longer than ``Settings.chunk_chars`` is parsed and extracted in
paragraph-aligned chunks whose offsets are moved back into the whole text
(:mod:`detente.chunking`), so its cost is linear in its length and spaCy's
``max_length`` is never reached.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence

from spacy.tokens import Doc

from . import chunking, nlp
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
        for document, doc in zip(docs, self.parse(docs), strict=True):
            yield self.run_stages(document, doc)

    def parse(self, documents: Sequence[Document]) -> Iterator[Doc | None]:
        """spaCy's parse of each document in batches; ``None`` for a long one.

        A document longer than ``settings.chunk_chars`` is parsed chunk by chunk
        when :meth:`run_stages` is given ``None`` for it, so that only one batch of
        its chunks is ever in memory.
        """
        limit = self.settings.chunk_chars
        short = [d.text for d in documents if len(d.text) <= limit]
        parsed = iter(self.nlp.pipe(short, batch_size=self.settings.batch_size))
        for d in documents:
            yield next(parsed) if len(d.text) <= limit else None

    def run_stages(self, document: Document, doc: Doc | None) -> Extraction:
        """Run every stage over one parsed document (``doc`` None: parse it in chunks)."""
        if doc is None:
            return self._run_chunks(document)
        doc.user_data["detente.text"] = document.text  # what nlp.doc_text would rebuild
        ctx = DocContext(document=document, doc=doc, published=self.published_for(document))
        for stage in self.stages:
            stage(ctx)
        return ctx.extraction()

    def _run_chunks(self, document: Document) -> Extraction:
        """Parse and extract a long document chunk by chunk (:mod:`detente.chunking`)."""
        spans = chunking.split(document.text, self.settings.chunk_chars)
        # a few chunks per batch: each is as long as many short documents
        texts = (document.text[start:end] for start, end in spans)
        parsed = self.nlp.pipe(texts, batch_size=_CHUNK_BATCH)
        parts = []
        for (start, end), doc in zip(spans, parsed, strict=True):
            parts.append((start, self.run_stages(chunking.chunk_document(document, start, end), doc)))
        return chunking.merge(document, parts)


def process_text(text: str, published: str | None = None, doc_id: str = "doc", settings: Settings | None = None,
                 source: str | None = None) -> Extraction:
    """Convenience for tests and notebooks: run the whole pipeline over one text."""
    pipe = _default_pipeline(settings)
    document = Document(id=doc_id, text=text, published=published, source=source,
                        published_basis="metadata" if published else "unknown")
    return next(pipe.process([document]))


# Chunks of one long document parsed per nlp.pipe batch: bounds the Docs held at once.
_CHUNK_BATCH = 4

_PIPELINES: dict[object, Pipeline] = {}


def _default_pipeline(settings: Settings | None) -> Pipeline:
    key = settings.model if settings else None
    if key not in _PIPELINES or settings is not None:
        _PIPELINES[key] = Pipeline(settings)
    return _PIPELINES[key]
