"""Server state: one store connection per thread for reads, one writer, ingest jobs.

SQLite in WAL mode lets readers go on while one writer commits, so every
request thread reads through its own connection (opened on first use) and all
writes go through one lock.  Ingest runs as a background job on a single
worker thread, which serialises writes; the extraction itself (spaCy and the
stages) runs in one worker process that keeps the model loaded between jobs, so
the server's own interpreter lock stays free for reads; clients poll the job
for progress.

Reads must stay answerable however many writers wait: a writer that asks to wait
for its job waits on the event loop (:meth:`AppState.wait`), holding no thread;
write work that blocks on the write lock (a delete during an ingest) runs on
threads of its own (:attr:`AppState.write_threads`), never on those serving
reads; and the job queue is bounded (:class:`QueueFull` when it is full).
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import shutil
import tempfile
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import anyio

from ..settings import Settings
from ..store import Store
from .jobs import JobProcess, JobResult, ingest_job, internal_error

if TYPE_CHECKING:
    from ..parallel import ProcessEngine

log = logging.getLogger("detente.api")

# finished jobs kept for polling; older ones are forgotten first
MAX_JOBS = 200
# jobs queued or running at once; one more is refused (503) rather than kept waiting for minutes
MAX_PENDING_JOBS = 16
# threads for write work that may block on the write lock; reads keep the default pool to themselves
WRITE_THREADS = 2


class QueueFull(Exception):
    """Too many ingest jobs are queued or running; the client should try again later."""


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
    # callbacks run (on the worker thread) when the job finishes: they wake writers waiting on the event loop
    on_done: list[Callable[[], None]] = field(default_factory=list, repr=False)

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
        # one ingest process, started with the first job and kept: reading, spaCy, the store's writes
        # and fusion never hold this process's GIL, and a worker that dies is replaced (see .jobs)
        self._process: JobProcess | None = None
        self._engine: ProcessEngine | None = None  # extraction only, for a memory store
        self.write_threads = anyio.CapacityLimiter(WRITE_THREADS)
        # called (on the worker thread) when a job finishes, before anyone is told: the read cache's acknowledge
        self.on_write: list[Callable[[], None]] = []

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
        if self._process is not None:
            self._process.close()
        if self._engine is not None:
            self._engine.close()
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
        """Queue an ingest of ``inputs``; ``cleanup`` (a temp folder) is removed afterwards.

        Raises :class:`QueueFull` (and removes ``cleanup``) when :data:`MAX_PENDING_JOBS` are pending.
        """
        with self._jobs_lock:
            if sum(not j.done_event.is_set() for j in self._jobs.values()) >= MAX_PENDING_JOBS:
                if cleanup is not None:
                    shutil.rmtree(cleanup, ignore_errors=True)
                raise QueueFull(f"{MAX_PENDING_JOBS} ingest jobs are queued or running")
            job = Job(id=f"job-{next(self._ids)}", kind=kind, label=label)
            self._jobs[job.id] = job
            while len(self._jobs) > MAX_JOBS:
                oldest = next(iter(self._jobs))
                if not self._jobs[oldest].done_event.is_set():
                    break
                self._jobs.popitem(last=False)
        self._worker.submit(self._run, job, list(inputs), dict(overrides), cleanup)
        return job

    async def wait(self, job: Job, timeout: float) -> bool:
        """Wait on the event loop, holding no thread, until ``job`` finishes; False after ``timeout`` seconds."""
        loop = asyncio.get_running_loop()
        finished: asyncio.Future[None] = loop.create_future()

        def settle() -> None:
            if not finished.done():
                finished.set_result(None)

        def wake() -> None:
            try:
                loop.call_soon_threadsafe(settle)
            except RuntimeError:  # the loop is closed: the server is shutting down
                pass

        with self._jobs_lock:
            if job.done_event.is_set():
                return True
            job.on_done.append(wake)
        try:
            await asyncio.wait_for(finished, timeout)
        except TimeoutError:
            return False
        finally:
            with self._jobs_lock:
                if wake in job.on_done:
                    job.on_done.remove(wake)
        return True

    def _run(self, job: Job, inputs: list[str], overrides: dict[str, object], cleanup: Path | None) -> None:
        job.status = job.stage = "running"
        started = time.perf_counter()
        status = "failed"
        try:
            result = self._ingest(job, inputs, overrides)
            job.errors.extend(result.errors)
            job.added, job.skipped, job.duplicates = result.added, result.skipped, result.duplicates
            job.words = result.words
            status = "failed" if result.errors and not job.documents else "done"
        except Exception as exc:  # noqa: BLE001 - a job must always finish and say why
            log.exception("ingest job %s failed", job.id)
            job.errors.append(internal_error(job.label, exc))
        finally:
            for written in self.on_write:  # before anyone can see the job finished (a poller, a waiting writer)
                try:
                    written()
                except Exception:  # noqa: BLE001 - the job is finished whatever the cache does
                    log.exception("after ingest job %s", job.id)
            job.status = job.stage = status
            job.seconds = time.perf_counter() - started
            job.finished = time.time()
            with self._jobs_lock:
                job.done_event.set()
                waiting = list(job.on_done)
            for wake in waiting:
                wake()
            if cleanup is not None:
                shutil.rmtree(cleanup, ignore_errors=True)

    def _ingest(self, job: Job, inputs: list[str], overrides: dict[str, object]) -> JobResult:
        """Run the job where it belongs: the worker process, or this thread for a memory store."""
        job.stage = "extracting"

        def stored(doc_id: str) -> None:
            job.stage = "stored"

        with self.write_lock:  # the server's own writes (deletes) wait for the job, as before
            if self._shared is not None:  # a memory store lives in this process: write here, extract there
                if self._engine is None:
                    from ..parallel import ProcessEngine  # here: serving reads never imports spaCy

                    self._engine = ProcessEngine(self.settings, workers=1, start_method="spawn")
                return ingest_job(self.settings, inputs, overrides, job.label, on_document=stored,
                                  store=self._shared, engine=self._engine)
            if self._process is None:
                self._process = JobProcess(self.settings)
            return self._process.run(inputs, overrides, job.label, on_document=stored)


def temp_folder() -> Path:
    """A private folder for an upload, removed by the job when it finishes."""
    return Path(tempfile.mkdtemp(prefix="detente-upload-"))
