"""Where the server's ingest jobs run: a kept worker process that reads, extracts *and writes*.

The server process only reads.  Everything an ingest costs — reading and fetching the
inputs, spaCy and the stages, the near-duplicate index, the store's writes and fusion
with the stored events — runs in one worker process, spawned with the first job and
kept (the language model loads once).  Python threads share one interpreter lock, so
any of that work done on a thread of the server would hold the lock against the
threads answering reads for as long as it runs (issue #16, item 5); in a process of its
own it competes with them only for a CPU.

The worker writes the store file itself (SQLite in WAL mode: the server's readers go on
while it commits).  An in-memory store exists in one process only, so it is ingested on
the server's own job thread (:func:`ingest_job` called directly).  Progress (each stored
document) comes back over a queue; a worker that dies fails its job with a clear
message and is replaced by the next job (the documents it committed stay committed).
"""

from __future__ import annotations

import logging
import multiprocessing
import queue
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..errors import DetenteError
from ..settings import Settings
from ..store import Store

if TYPE_CHECKING:
    from ..parallel import Engine

log = logging.getLogger("detente.api")

# seconds between looks at the progress queue while a job runs
POLL_SECONDS = 0.2


@dataclass
class JobResult:
    """What an ingest job did, as plain (picklable) data."""

    added: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    duplicates: list[dict[str, str]] = field(default_factory=list)
    errors: list[dict[str, str | None]] = field(default_factory=list)
    words: int = 0


def error_json(err: DetenteError) -> dict[str, str | None]:
    return {"code": err.code, "input": err.input, "field": err.field, "message": err.message}


# the worker process's progress queue (set by the pool initializer; None in the server's own process)
_PROGRESS: Any = None


def init_job_worker(settings: Settings, progress: Any) -> None:
    """Pool initializer: load the pipeline now and keep the progress queue."""
    from ..parallel import init_worker

    global _PROGRESS
    _PROGRESS = progress
    init_worker(settings)


def ingest_job(settings: Settings, inputs: Sequence[str], overrides: Mapping[str, object], label: str,
               on_document: Callable[[str], None] | None = None, store: Store | None = None,
               engine: Engine | None = None) -> JobResult:
    """Ingest ``inputs`` into ``store`` (default: ``settings.db`` opened here) with ``engine``.

    In the worker process the defaults apply: the process's kept pipeline extracts, and
    progress goes to the pool's queue.  Never raises: an error becomes an entry of
    :attr:`JobResult.errors` (exceptions do not always pickle).
    """
    from ..orchestrate import ingest
    from ..parallel import worker_pipeline

    result = JobResult()

    def stored(doc_id: str, words: int) -> None:
        if on_document is not None:
            on_document(doc_id)
        elif _PROGRESS is not None:
            _PROGRESS.put(doc_id)

    def run(target: Store) -> None:
        where: dict[str, Any] = {"engine": engine} if engine is not None else {"pipeline": worker_pipeline(settings)}
        report = ingest(list(inputs), target, settings=settings, overrides=overrides, on_document=stored,
                        on_error=lambda err: result.errors.append(error_json(err)), **where)
        result.added, result.skipped = list(report.added), list(report.skipped)
        result.duplicates = [{"origin": o, "document": d} for o, d in report.duplicates]
        result.words = report.words

    try:
        if store is not None:
            run(store)
        else:
            with Store(settings.db) as own:
                run(own)
    except DetenteError as err:
        result.errors.append(error_json(err))
    except Exception as exc:  # noqa: BLE001 - a job must always finish and say why
        log.exception("ingest of %s failed", label)
        result.errors.append(internal_error(label, exc))
    return result


def internal_error(label: str, exc: BaseException) -> dict[str, str | None]:
    return {"code": "E500", "input": label, "field": None,
            "message": f"internal error while ingesting: {type(exc).__name__}"}


class JobProcess:
    """The kept worker process (a one-process pool, spawned: the server runs threads)."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._context = multiprocessing.get_context("spawn")
        self._progress: Any = None
        self._pool: ProcessPoolExecutor | None = None

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            self._progress = self._context.Queue()
            self._pool = ProcessPoolExecutor(1, mp_context=self._context, initializer=init_job_worker,
                                             initargs=(self.settings, self._progress))
        return self._pool

    def run(self, inputs: Sequence[str], overrides: Mapping[str, object], label: str,
            on_document: Callable[[str], None]) -> JobResult:
        """Run one job in the worker and wait for it (on the caller's thread, which holds no lock meanwhile)."""
        try:
            future: Future[JobResult] = self._executor().submit(ingest_job, self.settings, list(inputs),
                                                                dict(overrides), label)
        except BrokenProcessPool:  # the worker died while idle: start a new one
            self._restart()
            future = self._executor().submit(ingest_job, self.settings, list(inputs), dict(overrides), label)
        try:
            while True:
                self._drain(on_document)
                try:
                    result = future.result(timeout=POLL_SECONDS)
                    break
                except TimeoutError:
                    continue
        except BrokenProcessPool:
            self._restart()
            return JobResult(errors=[{"code": "E500", "input": label, "field": None,
                                      "message": "the ingest worker process died during this job; documents it "
                                                 "stored before are kept, post the rest again"}])
        self._drain(on_document)
        return result

    def worker_pid(self) -> int | None:
        """The worker process's pid, if one runs (for tests and monitoring)."""
        pids = [p.pid for p in getattr(self._pool, "_processes", {}).values() if p.pid]
        return pids[0] if pids else None

    def _drain(self, on_document: Callable[[str], None]) -> None:
        while self._progress is not None:
            try:
                on_document(self._progress.get_nowait())
            except (queue.Empty, OSError, ValueError):
                return

    def _restart(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
