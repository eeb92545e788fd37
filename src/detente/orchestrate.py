"""The ingest orchestrator: inputs -> documents -> pipeline -> store.

It sits above the input readers (:mod:`detente.ingest`), the pipeline, the store and
fusion, and is the only module that knows all of them.

Reading is lazy and extraction runs in batches through ``nlp.pipe``, in this
process or in worker processes or a Dask cluster (:mod:`detente.parallel`);
this process alone writes: each document is committed in input order, in its
own transaction with everything derived from it, so an interrupted run keeps
every document committed before the interruption and every engine gives the
same store.  A document whose extraction fails is reported and the run goes on.
Re-running the same ingest is idempotent: a document whose id is stored is not
processed again, and a text already stored under another input is linked as an
exact duplicate instead of being stored twice.  An id given again (a manifest's
``id``) with a *different* text is an error naming the id: the stored text is kept,
never silently replaced or silently kept — give the new text its own id, or delete
the stored document first.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from .errors import DetenteError, InputError
from .fusion import Records, fuse_document, tie_signature
from .ingest import NearDuplicateIndex, RawDocument, content_hash, read_inputs
from .ingest.text import printable
from .model import Document, Extraction
from .parallel import PARALLEL_CHUNK, Engine, ExtractionError, Failure, make_engine
from .pipeline import Pipeline
from .settings import Settings
from .store import Store
from .timex import infer_published


@dataclass
class IngestReport:
    """What an ingest run did, for the summary line and the exit status."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # already stored (same id)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (origin, stored document id)
    near_duplicates: list[tuple[str, str, float]] = field(default_factory=list)
    errors: list[DetenteError] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> str:
        rate = self.words / self.seconds if self.seconds else 0.0
        return (
            f"{len(self.added)} added, {len(self.skipped)} already stored, "
            f"{len(self.duplicates)} exact duplicates linked, {len(self.near_duplicates)} near-duplicate pairs, "
            f"{len(self.errors)} failed; {self.words} words in {self.seconds:.1f}s ({rate:,.0f} words/s)"
        )


def document_id(raw: RawDocument, text_hash: str) -> str:
    """The manifest's id if given, else one derived from the content."""
    return raw.id or f"doc_{text_hash[:16]}"


def to_document(raw: RawDocument, doc_id: str) -> Document:
    """A Document from a raw input, with the publication date found or inferred."""
    published, basis = raw.published, raw.published_basis
    if published:
        basis = basis if basis != "unknown" else "metadata"
    else:
        published, basis = _infer_published(raw.text)
    return Document(
        id=doc_id, text=raw.text, title=raw.title, source=raw.source, url=raw.url,
        published=published, published_basis=basis, authors=list(raw.authors or []), path=raw.path,
    )


def _infer_published(text: str) -> tuple[str | None, str]:
    return infer_published(text)


class _Prepared:
    __slots__ = ("raw", "doc", "hash")

    def __init__(self, raw: RawDocument, doc: Document, text_hash: str):
        self.raw, self.doc, self.hash = raw, doc, text_hash


def ingest(
    inputs: Sequence[str],
    store: Store,
    *,
    settings: Settings | None = None,
    glob: str | None = None,
    follow: bool = False,
    overrides: Mapping[str, object] | None = None,
    pipeline: Pipeline | None = None,
    on_document: Callable[[str, int], None] | None = None,
    on_error: Callable[[DetenteError], None] | None = None,
    workers: int | None = None,
    engine: str | Engine = "local",
    scheduler: str | None = None,
) -> IngestReport:
    """Read ``inputs``, extract everything and store each new document.

    ``on_document(doc_id, words)`` is called after each document is committed and
    ``on_error(error)`` for each input that failed; the run goes on after errors.

    Extraction runs where ``workers``/``engine``/``scheduler`` say (see
    :func:`detente.parallel.make_engine`; by default in this process with
    ``pipeline``); an :class:`~detente.parallel.Engine` instance may be passed
    too.  Wherever it runs, this process is the only writer: it commits each
    document in input order, so every engine gives the same store.
    """
    settings = settings or Settings()
    report = IngestReport()
    started = time.perf_counter()
    records = Records()  # stored event records fusion parsed, shared by this run's documents
    near = NearDuplicateIndex()
    for doc_id, sig in store.signatures():
        near.add_signature(doc_id, sig)
    _refresh_ties(store)

    def fail(err: DetenteError) -> None:
        report.errors.append(err)
        if on_error:
            on_error(err)

    seen = _Seen()
    deferred: list[tuple[str, RawDocument]] = []  # duplicates of documents not committed yet

    def prepared() -> Iterator[_Prepared]:
        # lazy: inputs are read only as fast as extraction asks for them
        for item in read_inputs(inputs, glob=glob, follow=follow, overrides=overrides, settings=settings):
            if isinstance(item, DetenteError):
                fail(item)
                continue
            prep = _prepare(item, store, seen, report, fail, deferred)
            _link_duplicates(store, deferred, report)
            if prep is not None:
                yield prep

    runner: Engine | None = engine if not isinstance(engine, str) else None
    owned = runner is None
    try:
        chunks = _chunks(prepared(), runner.chunk_size if runner else _chunk_size(settings, workers, engine))
        first = next(chunks, None)
        if first is not None:
            if runner is None:  # started only when there is work: no cluster for a no-op rerun
                runner = make_engine(settings, workers=workers, engine=str(engine), scheduler=scheduler,
                                     pipeline=pipeline)
            for batch, outcomes in runner.map(itertools.chain([first], chunks)):
                for prep, outcome in zip(batch, outcomes, strict=True):
                    if isinstance(outcome, Failure):
                        fail(ExtractionError(prep.raw.origin, f"document {prep.doc.id}: extraction failed "
                                             f"({outcome.message}); the other documents went on, rerun to retry"))
                    else:
                        _commit(prep, outcome, store, near, report, on_document, records)
                _link_duplicates(store, deferred, report)
        _link_duplicates(store, deferred, report)
    finally:
        if owned and runner is not None:
            runner.close()
        report.seconds = time.perf_counter() - started
    return report


def _chunk_size(settings: Settings, workers: int | None, engine: str | Engine) -> int:
    if engine == "local" and (workers or 1) == 1:
        return settings.batch_size
    return max(1, min(settings.batch_size, PARALLEL_CHUNK))


def _chunks(items: Iterator[_Prepared], size: int) -> Iterator[tuple[list[_Prepared], list[Document]]]:
    """Group prepared documents into chunks: (the orchestrator's view, what workers get)."""
    while batch := list(itertools.islice(items, size)):
        yield batch, [p.doc for p in batch]


class _Seen:
    """This run's texts, by hash and by id (both looked up once per input)."""

    __slots__ = ("by_hash", "by_id")

    def __init__(self) -> None:
        self.by_hash: dict[str, str] = {}  # hash -> id
        self.by_id: dict[str, tuple[str, str]] = {}  # id -> (origin, hash)


def _prepare(raw: RawDocument, store: Store, seen: _Seen, report: IngestReport,
             fail: Callable[[DetenteError], None], deferred: list[tuple[str, RawDocument]]) -> _Prepared | None:
    if not raw.text.strip():
        fail(InputError(raw.origin, "no text to ingest (empty after extraction)"))
        return None
    text_hash = content_hash(raw.text)
    doc_id = document_id(raw, text_hash)
    if doc_id in seen.by_id or store.has_document(doc_id):
        origin, stored_hash = seen.by_id[doc_id] if doc_id in seen.by_id else _stored(store, doc_id)
        if raw.id and stored_hash != text_hash:
            fail(InputError(raw.origin, f"id '{printable(doc_id)}' is already stored (from {printable(origin or '?')}) "
                            "with a different text; the stored text is kept. Give the new text its own id, "
                            f"or delete the stored one first (detente delete {printable(doc_id)})"))
            return None
        if raw.id or origin in (None, raw.origin):
            report.skipped.append(doc_id)  # this very input was ingested before
            return None
    existing = store.document_with_hash(text_hash) or seen.by_hash.get(text_hash)
    if existing:
        # the same text from another input: link it to the stored document, never store it twice
        deferred.append((existing, raw))
        return None
    try:
        doc = to_document(raw, doc_id)
    except DetenteError as err:
        fail(err)
        return None
    seen.by_hash[text_hash] = doc_id
    seen.by_id[doc_id] = (raw.origin, text_hash)
    return _Prepared(raw, doc, text_hash)


def _stored(store: Store, doc_id: str) -> tuple[str | None, str | None]:
    """The origin and text hash of a stored document."""
    stored = store.get_document(doc_id)
    return store.origin_of(doc_id), content_hash(stored.text) if stored is not None else None


def _link_duplicates(store: Store, deferred: list[tuple[str, RawDocument]], report: IngestReport) -> None:
    """Link duplicates whose original is committed; keep the others for later."""
    waiting = []
    for existing, raw in deferred:
        if not store.has_document(existing):
            waiting.append((existing, raw))
            continue
        store.link_duplicate(existing, raw.origin, alias_id=raw.id, title=raw.title, source=raw.source,
                             url=raw.url, published=raw.published)
        report.duplicates.append((raw.origin, existing))
    deferred[:] = waiting


NEAR_LINKS = 10  # near-duplicate links stored (and reported) per new document


def _commit(prepared: _Prepared, extraction: Extraction, store: Store, near: NearDuplicateIndex,
            report: IngestReport, on_document: Callable[[str, int], None] | None, records: Records) -> None:
    """Store one extracted document and fuse its events, in one transaction: both land or neither."""
    doc = prepared.doc
    sig = near.signature(doc.text)  # one MinHash per document, for the query and the store
    # linked to its most similar stored documents only: a wire story reprinted n times gives
    # O(n) links (enough to group the copies as one origin), not n^2 / 2
    similar = [(other, sim) for other, sim in near.query_signature(sig) if other != doc.id][:NEAR_LINKS]
    with store.transaction():
        if store.add(extraction, content_hash=prepared.hash, origin=prepared.raw.origin, signature=sig,
                     near_duplicates=similar):
            fuse_document(store, extraction, records)  # stored by another writer first: fused there already
    near.add_signature(doc.id, sig)
    words = len(doc.text.split())
    report.added.append(doc.id)
    report.words += words
    report.near_duplicates.extend((doc.id, other, sim) for other, sim in similar)
    if on_document:
        on_document(doc.id, words)


def _refresh_ties(store: Store) -> None:
    """Redo the stored ties when fusion.yaml's tie words changed since they were computed."""
    if store.tie_rules() != tie_signature():
        store.refresh_ties()
