"""Server state: one store connection per thread for reads, one writer, ingest jobs.

SQLite in WAL mode lets readers go on while one writer commits, so every
request thread reads through its own connection (opened on first use) and all
writes go through one lock.  Ingest runs as a background job on a single
worker thread, which serialises writes and keeps spaCy loaded once per process;
clients poll the job for progress.
"""

from __future__ import annotations

import itertools
import logging
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DetenteError
from ..settings import Settings
from ..store import Store

log = logging.getLogger("detente.api")

# finished jobs kept for polling; older ones are forgotten first
MAX_JOBS = 200


@dataclass
class Job:
    """One ingest request and what became of it."""

    id: str
    kind: str  # "text" | "file" | "url"
    label: str  # what the user gave: a title, a file name or a URL
    status: str = "queued"  # queued -> running -> done | failed
    stage: str = "queued"  # finer progress for the UI: queued, reading, extracting, stored
    created: float = field(default_factory=time.time)
    finished: float | None = None
    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    errors: list[dict[str, str | None]] = field(default_factory=list)
    words: int = 0
    seconds: float = 0.0
    done_event: threading.Event = field(default_factory=threading.Event, repr=False)

    @property
    def documents(self) -> list[str]:
        """Every stored document this job resolved to (new, already stored or duplicated)."""
        return list(dict.fromkeys(self.added + self.skipped + [d["document"] for d in self.duplicates]))

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id, "kind": self.kind, "label": self.label, "status": self.status, "stage": self.stage,
            "created": self.created, "finished": self.finished, "added": self.added, "skipped": self.skipped,
            "duplicates": self.duplicates, "documents": self.documents, "errors": self.errors,
            "words": self.words, "seconds": round(self.seconds, 3),
        }


def error_json(err: DetenteError) -> dict[str, str | None]:
    return {"code": err.code, "input": err.input, "field": err.field, "message": err.message}


class AppState:
    """Stores, the write lock and the ingest worker of one running app."""

    def __init__(self, settings: Settings, token: str | None = None):
        self.settings = settings
        self.token = token or None
        self.write_lock = threading.Lock()
        self._local = threading.local()
        self._all: list[Store] = []
        self._all_lock = threading.Lock()
        self._shared: Store | None = None
        if settings.db == ":memory:":
            # a memory database exists once per connection: share one, serialised by the lock
            self._shared = Store(":memory:")
        else:
            Store(settings.db).close()  # create and migrate now: fail at start, not on first request
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="detente-ingest")
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._jobs_lock = threading.Lock()
        self._ids = itertools.count(1)
        self._pipeline: Any = None

    # -- stores -----------------------------------------------------------

    def reader(self) -> Store:
        """This thread's read connection (opened once per thread)."""
        if self._shared is not None:
            return self._shared
        store: Store | None = getattr(self._local, "store", None)
        if store is None:
            store = Store(self.settings.db)
            self._local.store = store
            with self._all_lock:
                self._all.append(store)
        return store

    @contextmanager
    def writer(self) -> Iterator[Store]:
        """The one writer: a store used under the write lock."""
        with self.write_lock:
            if self._shared is not None:
                yield self._shared
                return
            store = Store(self.settings.db)
            try:
                yield store
            finally:
                store.close()

    @contextmanager
    def reading(self) -> Iterator[Store]:
        """A store for reading; serialised only for a shared memory store."""
        if self._shared is not None:
            with self.write_lock:
                yield self._shared
        else:
            yield self.reader()

    def close(self) -> None:
        self._worker.shutdown(wait=True, cancel_futures=True)
        with self._all_lock:
            for store in self._all:
                try:
                    store.close()
                except Exception:  # noqa: BLE001 - closing on shutdown must not raise
                    pass
            self._all.clear()
        if self._shared is not None:
            self._shared.close()

    # -- jobs -------------------------------------------------------------

    def job(self, job_id: str) -> Job | None:
        with self._jobs_lock:
            return self._jobs.get(job_id)

    def jobs(self) -> list[Job]:
        with self._jobs_lock:
            return list(reversed(self._jobs.values()))

    def submit(self, kind: str, label: str, inputs: Sequence[str], overrides: Mapping[str, object],
               cleanup: Path | None = None) -> Job:
        """Queue an ingest of ``inputs``; ``cleanup`` (a temp folder) is removed afterwards."""
        job = Job(id=f"job-{next(self._ids)}", kind=kind, label=label)
        with self._jobs_lock:
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                oldest = next(iter(self._jobs))
                if not self._jobs[oldest].done_event.is_set():
                    break
                self._jobs.popitem(last=False)
        self._worker.submit(self._run, job, list(inputs), dict(overrides), cleanup)
        return job

    def _run(self, job: Job, inputs: list[str], overrides: dict[str, object], cleanup: Path | None) -> None:
        from ..orchestrate import ingest

        job.status = job.stage = "running"
        started = time.perf_counter()
        try:
            if self._pipeline is None:
                job.stage = "loading language model"
                from ..pipeline import Pipeline

                self._pipeline = Pipeline(self.settings)
            job.stage = "extracting"

            def on_document(doc_id: str, words: int) -> None:
                job.stage = "stored"

            def on_error(err: DetenteError) -> None:
                job.errors.append(error_json(err))

            with self.writer() as store:
                report = ingest(inputs, store, settings=self.settings, overrides=overrides,
                                pipeline=self._pipeline, on_document=on_document, on_error=on_error)
            job.added, job.skipped = list(report.added), list(report.skipped)
            job.duplicates = [{"origin": o, "document": d} for o, d in report.duplicates]
            job.words = report.words
            job.status = "failed" if report.errors and not job.documents else "done"
        except DetenteError as err:
            job.errors.append(error_json(err))
            job.status = "failed"
        except Exception as exc:  # noqa: BLE001 - a job must always finish and say why
            log.exception("ingest job %s failed", job.id)
            job.errors.append({"code": "E500", "input": job.label, "field": None,
                               "message": f"internal error while ingesting: {type(exc).__name__}"})
            job.status = "failed"
        finally:
            job.stage = job.status
            job.seconds = time.perf_counter() - started
            job.finished = time.time()
            job.done_event.set()
            if cleanup is not None:
                shutil.rmtree(cleanup, ignore_errors=True)


def temp_folder() -> Path:
    """A private folder for an upload, removed by the job when it finishes."""
    return Path(tempfile.mkdtemp(prefix="detente-upload-"))
