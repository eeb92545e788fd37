"""The extraction pipeline, chained explicitly in one place.

A document's text is parsed by spaCy once; then each stage reads and writes a
shared :class:`DocContext` in order:

    actors -> time -> events -> quantities -> claims

Each stage is a small callable (``Stage``) built by its module's
``make_stage(settings)``; stages hold their knowledge (actor base, lexicons)
and are built once per process.  Extraction is a pure function from a document
to an :class:`~detente.model.Extraction`: it needs no database, so it runs the
same in one process, a process pool or a distributed worker.
"""

from __future__ import annotations

import datetime as dt
import importlib
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc, Span

from . import nlp
from .model import (
    Actor,
    ActorMention,
    Claim,
    Document,
    Event,
    Extraction,
    Quantity,
    TimeMention,
)
from .settings import Settings


@dataclass
class DocContext:
    """What the stages know about one document while it is processed."""

    document: Document
    doc: Doc
    published: dt.date | None
    actors: dict[str, Actor] = field(default_factory=dict)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def index_mentions(self) -> None:
        """Sort actor mentions by offset so lookups are binary searches."""
        self.actor_mentions.sort(key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.actor_mentions]

    def mentions_in(self, start: int, end: int) -> list[ActorMention]:
        """Actor mentions lying inside the character range [start, end)."""
        if len(self._starts) != len(self.actor_mentions):
            self.index_mentions()
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.actor_mentions) and self.actor_mentions[i].start < end:
            m = self.actor_mentions[i]
            if m.end <= end:
                out.append(m)
            i += 1
        return out

    def mention_for(self, span: Span) -> ActorMention | None:
        """The actor mention of a token span: the one covering the span's head.

        In "Chinese President Xi Jinping" the head is "Jinping", so the person is
        returned, not the state named by the modifier "Chinese".
        """
        found = self.mentions_in(span.start_char, span.end_char)
        head = span.root
        for m in found:
            if m.start <= head.idx < m.end:
                return m
        if found:
            return found[-1]  # English noun phrases are head-final
        for m in self.actor_mentions:  # a mention that contains the span
            if m.start <= span.start_char and span.end_char <= m.end:
                return m
        return None

    def times_in(self, start: int, end: int) -> list[TimeMention]:
        """Temporal expressions inside the character range [start, end)."""
        return [t for t in self.times if t.start >= start and t.end <= end]

    def extraction(self) -> Extraction:
        used = {m.actor for m in self.actor_mentions}
        for e in self.events:
            used.update(e.source, e.target)
            if e.attribution:
                used.add(e.attribution)
        for q in self.quantities:
            used.update(q.subjects)
            if q.attribution:
                used.add(q.attribution)  # a name when unresolved: not in self.actors, so ignored
        for c in self.claims:
            used.update(c.about)
            used.update(a for a in (c.speaker, c.attribution) if a)
        actors = [a for aid, a in sorted(self.actors.items()) if aid in used]
        return Extraction(
            document=self.document,
            actors=actors,
            actor_mentions=list(self.actor_mentions),
            events=list(self.events),
            quantities=list(self.quantities),
            claims=list(self.claims),
            times=list(self.times),
        )


class Stage(Protocol):
    """One pipeline stage: reads and extends the context of one document."""

    name: str

    def __call__(self, ctx: DocContext) -> None: ...


# The stages, in order.  Each module offers ``make_stage(settings) -> Stage``.
STAGE_MODULES: tuple[str, ...] = (
    "detente.actors",
    "detente.timex",
    "detente.events",
    "detente.quantities",
    "detente.claims",
)


class Pipeline:
    """spaCy parsing plus detente's stages; build once, reuse for many documents."""

    def __init__(self, settings: Settings | None = None):
        self.settings = settings or Settings()
        self.nlp = nlp.load(self.settings.model)
        self.stages: list[Stage] = []
        for modname in STAGE_MODULES:
            try:
                module = importlib.import_module(modname)
            except ModuleNotFoundError as exc:
                if exc.name != modname:
                    raise
                continue  # a stage not built yet: the rest still runs
            self.stages.append(module.make_stage(self.settings))

    def published_for(self, document: Document) -> dt.date | None:
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
