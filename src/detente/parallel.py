"""Where extraction runs: in this process, in a process pool, or on a Dask cluster.

Extraction is a pure function ``Document -> Extraction`` (:mod:`detente.pipeline`):
it needs no database, so it can run anywhere that has detente and the spaCy
model installed.  The store stays with one writer, the ingest orchestrator
(:mod:`detente.orchestrate`), which commits each document in its own transaction
in input order.  An engine therefore only has one job: take chunks of documents
in order and hand back, in the same order, what each document gave.

Engines (all offer :meth:`Engine.map` and :meth:`Engine.close`):

* :class:`LocalEngine` — the default: the caller's own :class:`Pipeline`, in this
  process, in ``settings.batch_size`` batches.  Nothing else is started.
* :class:`ProcessEngine` — ``--workers N``: a ``ProcessPoolExecutor`` of N
  worker processes, each with one :class:`Pipeline`: forked from this process's
  loaded pipeline when that is safe (no other thread runs here), else spawned,
  each loading its own.
* :class:`DaskEngine` — ``--engine dask``: a ``distributed`` cluster, a
  ``LocalCluster`` of worker processes unless a scheduler address is given.

Workers return :class:`Failure` records (plain data, never exceptions, which do
not always pickle) for documents whose extraction raised, so one bad document is
reported by the writer and the rest of the job goes on.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import threading
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Any, Protocol, TypeVar

from .errors import DetenteError, InputError
from .model import Document, Extraction
from .pipeline import Pipeline
from .settings import Settings

K = TypeVar("K")

ENGINES = ("local", "dask")
# Documents per task for the parallel engines: small enough that the last tasks of a
# small corpus spread over every worker (40 stories are 10 tasks, not 5), large
# enough that nlp.pipe batches and IPC stay cheap (spaCy's CPU cost per document is
# the same at 2 to 32 documents per batch, and 20% higher at 1).
PARALLEL_CHUNK = 4
# Seconds to wait for a Dask scheduler to answer before giving up.
CONNECT_TIMEOUT = 10.0


@dataclass(slots=True)
class Failure:
    """A document whose extraction raised, as plain (picklable) data."""

    document: str
    message: str


Outcome = Extraction | Failure


class ExtractionError(InputError):
    """A document that could not be extracted; the rest of the run went on."""

    def __init__(self, input: str, message: str):
        super().__init__(input, message, code="E110")


class SchedulerError(DetenteError):
    """A Dask scheduler that cannot be reached or has no workers."""

    def __init__(self, address: str, message: str):
        super().__init__("E310", message, input=address)


# -- the pure part: documents in, outcomes out ---------------------------------------


def extract_documents(pipeline: Pipeline, documents: Sequence[Document]) -> list[Outcome]:
    """Run the pipeline over ``documents``; a document that raises becomes a :class:`Failure`.

    The same calls as :meth:`Pipeline.process` (``nlp.pipe`` then the stages), so
    every engine gives the same records.
    """
    try:
        parsed = list(pipeline.parse(documents))
    except Exception as exc:  # noqa: BLE001 - one bad text must not sink its batch
        if len(documents) == 1:
            return [_failure(documents[0], exc)]
        return [out for d in documents for out in extract_documents(pipeline, [d])]
    outcomes: list[Outcome] = []
    for document, doc in zip(documents, parsed, strict=True):
        try:
            outcomes.append(pipeline.run_stages(document, doc))
        except Exception as exc:  # noqa: BLE001 - reported by the writer, the job goes on
            outcomes.append(_failure(document, exc))
    return outcomes


def _failure(document: Document, exc: BaseException) -> Failure:
    return Failure(document.id, f"{type(exc).__name__}: {exc}")


# One Pipeline per worker process, built on first use (or by the pool initializer)
# and kept for every later task: loading spaCy and the actor base costs seconds.
_WORKER_PIPELINES: dict[str, Pipeline] = {}


def _settings_key(settings: Settings) -> str:
    return repr((settings.model, [str(p) for p in settings.actor_files], settings.batch_size, settings.chunk_chars))


def worker_pipeline(settings: Settings) -> Pipeline:
    """This process's pipeline for ``settings`` (built once per process)."""
    key = _settings_key(settings)
    if key not in _WORKER_PIPELINES:
        _WORKER_PIPELINES[key] = Pipeline(settings)
    return _WORKER_PIPELINES[key]


def init_worker(settings: Settings) -> int:
    """Pool initializer / Dask warm-up: build the pipeline now; returns the worker's pid."""
    worker_pipeline(settings)
    return os.getpid()


def adopt_pipeline(settings: Settings, pipeline: Pipeline) -> int:
    """Pool initializer of a forked worker: keep the pipeline inherited from the parent."""
    _WORKER_PIPELINES[_settings_key(settings)] = pipeline
    return os.getpid()


def fork_is_safe() -> bool:
    """Whether worker processes may be forked from this one.

    Forking copies every lock as it is at that moment, and a lock another thread
    holds then (logging, a progress bar's console, a server's) is never released in
    the child.  With this thread alone, nothing is held; and only Linux, where
    fork is the platform's own default (macOS's system libraries are not fork-safe).
    """
    return (sys.platform.startswith("linux") and threading.active_count() == 1
            and "fork" in multiprocessing.get_all_start_methods())


def extract_chunk(settings: Settings, documents: list[Document]) -> list[Outcome]:
    """The task a worker runs: extract one chunk with this process's pipeline."""
    return extract_documents(worker_pipeline(settings), documents)


# -- engines ---------------------------------------------------------------------------


class Engine(Protocol):
    """Runs extraction over chunks of documents, results in input order."""

    chunk_size: int

    def map(self, chunks: Iterable[tuple[K, list[Document]]]) -> Iterator[tuple[K, list[Outcome]]]:
        """Extract each chunk; yield ``(key, outcomes)`` in the order the chunks came."""
        ...

    def close(self) -> None:
        """Release workers and clusters this engine started."""
        ...


class LocalEngine:
    """Extraction in this process with one pipeline: the simple, default case."""

    def __init__(self, settings: Settings, pipeline: Pipeline | None = None):
        self.settings = settings
        self.chunk_size = settings.batch_size
        self._pipeline = pipeline

    def map(self, chunks: Iterable[tuple[K, list[Document]]]) -> Iterator[tuple[K, list[Outcome]]]:
        for key, documents in chunks:
            # built on first use, so a run with nothing new never loads spaCy
            self._pipeline = self._pipeline or Pipeline(self.settings)
            yield key, extract_documents(self._pipeline, documents)

    def close(self) -> None:
        pass


class ProcessEngine:
    """Extraction in ``workers`` processes on this machine (``concurrent.futures``).

    Up to ``2 * workers`` chunks are in flight, so workers never wait for the
    writer and memory stays bounded however long the input is.  A worker that
    dies breaks the pool: the pool is rebuilt and the chunks in flight are sent
    once more; documents of a chunk that breaks it twice are reported as failed.

    How workers start (``start_method``; by default ``fork`` when
    :func:`fork_is_safe`, else ``spawn``): forked workers inherit this process's
    loaded pipeline (``pipeline``, or one built here once), so a pool starts in
    milliseconds and its workers share the model's memory; spawned workers each
    load spaCy and the actor base (seconds, and as much memory again per worker).
    A caller that runs threads (a progress bar, a server) gets spawned workers:
    forking a threaded process can deadlock.
    """

    def __init__(self, settings: Settings, workers: int, chunk_size: int = PARALLEL_CHUNK,
                 pipeline: Pipeline | None = None, start_method: str | None = None):
        if workers < 1:
            raise InputError("--workers", f"needs at least 1 worker, got {workers}")
        if start_method not in (None, "fork", "spawn"):
            raise InputError("start_method", f"unknown start method {start_method!r}; choose fork or spawn")
        self.settings = settings
        self.workers = workers
        self.chunk_size = max(1, min(settings.batch_size, chunk_size))
        self.start_method = start_method
        self._pipeline = pipeline
        self._pool: ProcessPoolExecutor | None = None
        self.started_with: str | None = None  # how the current pool's workers were started
        self.restarts = 0  # pools rebuilt after a worker died

    def _executor(self) -> ProcessPoolExecutor:
        if self._pool is None:
            method = self.start_method or ("fork" if fork_is_safe() else "spawn")
            if method == "fork":
                # the workers are copies of this process: its pipeline, built once, is theirs
                self._pipeline = self._pipeline or Pipeline(self.settings)
                self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("fork"),
                                                 initializer=adopt_pipeline, initargs=(self.settings, self._pipeline))
            else:
                self._pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"),
                                                 initializer=init_worker, initargs=(self.settings,))
            self.started_with = method
        return self._pool

    def worker_pids(self) -> list[int]:
        """Pids of the live worker processes (for tests and monitoring)."""
        pool = self._executor()
        return [p.pid for p in getattr(pool, "_processes", {}).values() if p.pid]

    def map(self, chunks: Iterable[tuple[K, list[Document]]]) -> Iterator[tuple[K, list[Outcome]]]:
        pending: deque[tuple[K, list[Document], Future[list[Outcome]], int]] = deque()
        source = iter(chunks)
        exhausted = False
        while True:
            while not exhausted and len(pending) < 2 * self.workers:
                try:
                    key, documents = next(source)
                except StopIteration:
                    exhausted = True
                    break
                pending.append((key, documents, self._submit(documents), 0))
            if not pending:
                return
            key, documents, future, tries = pending[0]
            try:
                outcomes = future.result()
            except BrokenProcessPool:
                # every chunk in flight is lost with the pool: send each once more, on a new pool
                self._restart()
                pending = deque(
                    (k, docs, self._submit(docs) if t == 0 else _failed(docs, "a worker process died on it twice"),
                     t + 1) for k, docs, _, t in pending)
                continue
            pending.popleft()
            yield key, outcomes

    def _submit(self, documents: list[Document]) -> Future[list[Outcome]]:
        try:
            return self._executor().submit(extract_chunk, self.settings, documents)
        except BrokenProcessPool:  # a worker died while idle: the pool refuses new work
            self._restart()
            return self._executor().submit(extract_chunk, self.settings, documents)

    def _restart(self) -> None:
        self.restarts += 1
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        self._pipeline = None  # the model is freed with the engine, not kept for the process's life


def _failed(documents: Sequence[Document], why: str) -> Future[list[Outcome]]:
    done: Future[list[Outcome]] = Future()
    done.set_result([Failure(d.id, why) for d in documents])
    return done


class DaskEngine:
    """Extraction on a Dask cluster; the writer stays here.

    With no ``scheduler`` a :class:`distributed.LocalCluster` of ``workers``
    single-threaded worker processes is started (and stopped by :meth:`close`);
    with an address (``tcp://host:8786``) that cluster is used, and its workers
    must have detente and the spaCy model installed.  Workers need no database.
    Tasks stream back with ``as_completed`` and are put back in input order; a
    worker that dies has its tasks rerun elsewhere by the scheduler (up to
    ``distributed.scheduler.allowed-failures`` times), after which the chunk's
    documents are reported as failed.
    """

    def __init__(self, settings: Settings, scheduler: str | None = None, workers: int = 2,
                 chunk_size: int = PARALLEL_CHUNK, connect_timeout: float = CONNECT_TIMEOUT):
        try:
            from distributed import Client, LocalCluster
        except ImportError as exc:
            raise DetenteError("E311", "--engine dask needs Dask: pip install 'detente[scale]'") from exc
        self.settings = settings
        self.chunk_size = max(1, min(settings.batch_size, chunk_size))
        self.scheduler = scheduler
        self._cluster: Any = None
        if scheduler:
            try:
                self.client = Client(scheduler, timeout=connect_timeout, set_as_default=False)
            except (OSError, TimeoutError) as exc:
                raise SchedulerError(scheduler, f"cannot reach the Dask scheduler at {scheduler} within "
                                     f"{connect_timeout:g}s ({exc}); start it with `dask scheduler` or leave "
                                     "out --scheduler to use a local cluster") from exc
        else:
            self._cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                         dashboard_address=None, silence_logs=logging.ERROR)
            self.client = Client(self._cluster, set_as_default=False)
        try:
            self.client.wait_for_workers(1, timeout=connect_timeout)
            # load the model on every worker now, in parallel, so a worker without it fails here
            self.client.run(init_worker, settings)
        except Exception as exc:
            self.close()
            where = scheduler or "the local cluster"
            raise SchedulerError(where, f"Dask workers at {where} are not usable ({type(exc).__name__}: {exc}); "
                                 "each worker needs detente and the spaCy model installed") from exc
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))

    def worker_pids(self) -> dict[str, int]:
        """Pid of each worker process by worker address (for tests and monitoring)."""
        return dict(self.client.run(os.getpid))

    def map(self, chunks: Iterable[tuple[K, list[Document]]]) -> Iterator[tuple[K, list[Outcome]]]:
        from distributed import as_completed

        window = 2 * self.workers
        source = iter(chunks)
        exhausted = False
        futures: dict[Any, int] = {}  # future -> chunk number
        keys: dict[int, tuple[K, list[Document]]] = {}
        ready: dict[int, list[Outcome]] = {}
        sent = next_out = 0
        running = as_completed(loop=self.client.loop)

        def fill() -> None:
            nonlocal sent, exhausted
            # the reorder buffer counts too: one slow chunk must not let the others pile up
            while not exhausted and sent - next_out < window:
                try:
                    key, documents = next(source)
                except StopIteration:
                    exhausted = True
                    return
                future = self.client.submit(extract_chunk, self.settings, documents, pure=False)
                futures[future] = sent
                keys[sent] = (key, documents)
                running.add(future)
                sent += 1

        fill()
        while next_out < sent:
            future = next(running)
            n = futures.pop(future)
            ready[n] = self._outcomes(future, keys[n][1])
            future.release()
            while next_out in ready:
                key, _ = keys.pop(next_out)
                yield key, ready.pop(next_out)
                next_out += 1
                fill()

    @staticmethod
    def _outcomes(future: Any, documents: Sequence[Document]) -> list[Outcome]:
        try:
            result: list[Outcome] = future.result()
            return result
        except Exception as exc:  # noqa: BLE001 - KilledWorker, lost connection: report these documents
            return [Failure(d.id, f"Dask task failed ({type(exc).__name__}: {exc})") for d in documents]

    def close(self) -> None:
        try:
            self.client.close()
        finally:
            if self._cluster is not None:
                self._cluster.close()
                self._cluster = None


def make_engine(settings: Settings, *, workers: int | None = None, engine: str = "local",
                scheduler: str | None = None, pipeline: Pipeline | None = None) -> Engine:
    """The engine for ``--workers``/``--engine``/``--scheduler``.

    ``local`` with one worker (the default) runs in this process; ``local`` with
    more starts a process pool (forked from ``pipeline`` when that is safe, see
    :class:`ProcessEngine`); ``dask`` starts a 2-worker local cluster, or uses
    the cluster at ``scheduler``.
    """
    if engine not in ENGINES:
        raise InputError("--engine", f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
    if workers is not None and workers < 1:
        raise InputError("--workers", f"needs at least 1 worker, got {workers}")
    if scheduler and engine != "dask":
        raise InputError("--scheduler", "a scheduler address needs --engine dask")
    if engine == "dask":
        return DaskEngine(settings, scheduler=scheduler, workers=workers or 2)
    if (workers or 1) == 1:
        return LocalEngine(settings, pipeline)
    return ProcessEngine(settings, workers or 1, pipeline=pipeline)
