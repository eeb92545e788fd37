"""Whole responses of the read endpoints, kept until the store changes, computed once per change.

A UI session asks the same few questions again and again (overview, timeline, a
relation) while the answers change only when a document is stored or deleted.  So a
``GET`` of a read endpoint is answered from memory as long as the SQLite file has not
changed since the answer was computed, which ``PRAGMA data_version`` on a private
read-only connection tells in microseconds — for commits by this server's writer and by
any other process alike (a ``detente ingest`` on the same file).

While an ingest commits, many clients ask the same questions at once; computing each
answer once per client would multiply the server's work by the number of clients just
when it has the least to spare (issue #16, item 5).  So, per answer (path and query):

* **Coalesced**: when the answer must be computed, one request computes it and every
  identical request that arrives meanwhile waits for that one and gets its bytes.
* **Stale while revalidating**: when the store changed but no write was *acknowledged*
  since the kept answer was computed, the kept answer is served at once and one
  recomputation runs in the background.  A served answer is never older than
  :data:`MAX_STALE` seconds (older ones are recomputed before answering, coalesced).
* **Read your writes**: when this server acknowledges a write — an ingest job finishes
  (:meth:`ReadCache.acknowledge`, called by the job runner), or a write request (``POST``,
  ``DELETE``…) answers — every answer computed before it is recomputed before it is
  served again.  A client that saw its job finish, or its delete answered, therefore
  never reads the store as it was before.  Stale answers are only ever served for commits
  nobody was told about yet: another process's ingest, or a job still running.

Only SQLite files are cached (an in-memory or PostgreSQL store is not); only ``200``
answers of at most :data:`MAX_BODY` bytes; at most :data:`MAX_ENTRIES` of them and
:data:`MAX_TOTAL` bytes in all (the least recently used go first).  Jobs,
health and the export are never cached.
"""

from __future__ import annotations

import asyncio
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..store import StoreVersion

log = logging.getLogger("detente.api")

MAX_ENTRIES = 256
MAX_BODY = 2_000_000
MAX_TOTAL = 64_000_000  # however many distinct queries a client sends, the cache stays this small
# seconds: the oldest answer ever served while the store changes under it (measured from the start of its computation)
MAX_STALE = 2.0
# answers that are not a function of the store alone, or too big to keep
UNCACHED = ("/api/jobs", "/api/health", "/api/export")
# answers computed again before a write is acknowledged: those asked for in the last HOT_SECONDS, at most
# HOT_KEYS, SETTLE_CONCURRENCY at a time; the writer waits at most SETTLE_SECONDS for them
HOT_SECONDS = 30.0
HOT_KEYS = 64
SETTLE_CONCURRENCY = 4
SETTLE_SECONDS = 10.0
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


@dataclass(frozen=True, slots=True)
class _Entry:
    version: int  # the store's change counter when the computation started
    started: float  # time.monotonic() when the computation started
    start: Message
    body: bytes
    scope: Scope  # the request's, to compute it again before a write is acknowledged


class ReadCache:
    """The ASGI middleware; ``version`` says whether a kept answer is still the store's."""

    def __init__(self, app: ASGIApp, *, version: StoreVersion, max_stale: float | None = None,
                 subscribe: Callable[[Callable[[], None]], None] | None = None):
        """``subscribe(callback)``, if given, registers :meth:`acknowledge` with the job runner."""
        self.app = app
        self.version = version
        self.max_stale = MAX_STALE if max_stale is None else max_stale
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        # the store's change counter at the last write this server acknowledged: older answers are not served
        self._floor = 0
        self._used: dict[str, float] = {}  # key -> time.monotonic() of its last request
        self._loop: asyncio.AbstractEventLoop | None = None  # the server's, for acknowledge() from other threads
        # answers being computed: key -> (the version it started at, its entry or None when not kept)
        self._flights: dict[str, tuple[int, asyncio.Future[_Entry | None]]] = {}
        self._tasks: set[asyncio.Task[None]] = set()  # background recomputations, kept from the collector
        if subscribe is not None:
            subscribe(self.acknowledge)

    def acknowledge(self) -> None:
        """A write is about to be acknowledged to a client: answers computed before it are not served again.

        Called by the job runner (on its own thread) before it reports a job finished.  The
        answers in use (:data:`HOT_SECONDS`, at most :data:`HOT_KEYS`) are computed again
        first, so readers keep getting the kept answers meanwhile instead of waiting for new
        ones, and the writer waits (at most :data:`SETTLE_SECONDS`) instead.
        """
        loop = self._loop
        if loop is not None and not loop.is_closed() and not _running_on(loop):
            try:
                asyncio.run_coroutine_threadsafe(self._settle(), loop).result(SETTLE_SECONDS)
                return
            except Exception as exc:  # noqa: BLE001 - a timeout, a loop that stopped: just stop serving the old
                log.debug("answers not computed again before a write was acknowledged: %r", exc)
        self._raise_floor()

    def _raise_floor(self, version: int | None = None) -> None:
        now = self.version.current() if version is None else version
        if now is not None:
            with self._lock:
                self._floor = max(self._floor, now)

    async def _settle(self) -> None:
        """Compute the answers in use again at the store's current version, then stop serving older ones."""
        version = self.version.current()
        if version is None:
            return
        now = time.monotonic()
        with self._lock:
            hot = [(key, entry) for key, entry in reversed(self._entries.items())
                   if entry.version < version and now - self._used.get(key, 0.0) <= HOT_SECONDS][:HOT_KEYS]
        limit = asyncio.Semaphore(SETTLE_CONCURRENCY)

        async def again(key: str, entry: _Entry) -> None:
            async with limit:
                flight = self._flights.get(key)
                if flight is not None and flight[0] >= version:
                    await asyncio.shield(flight[1])
                else:
                    await self._compute(dict(entry.scope), _empty_body(), _discard, key, version)

        await asyncio.gather(*(again(key, entry) for key, entry in hot), return_exceptions=True)
        self._raise_floor(version)

    def _cacheable(self, scope: Scope) -> bool:
        path: str = scope.get("path", "")
        return (scope["type"] == "http" and scope.get("method") == "GET" and path.startswith("/api/")
                and not path.startswith(UNCACHED))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope.get("method") in WRITE_METHODS:
            await self.app(scope, receive, self._acknowledging(send))
            return
        version = self.version.current() if self._cacheable(scope) else None
        if version is None:
            await self.app(scope, receive, send)
            return
        key = scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")
        self._loop = asyncio.get_running_loop()
        while True:
            entry, floor = self._get(key)
            if entry is not None and entry.version == version:
                await _replay(entry, send)
                return
            flight = self._flights.get(key)
            if entry is not None and entry.version >= floor and time.monotonic() - entry.started <= self.max_stale:
                # the store changed, but nobody was told about it yet: the kept answer, and one recomputation
                if flight is None:
                    self._refresh(scope, key, version)
                await _replay(entry, send)
                return
            if flight is None or flight[0] < floor:
                await self._compute(scope, receive, send, key, version)
                return
            kept = await asyncio.shield(flight[1])
            if kept is None:  # not kept (an error, too big): compute this one's own answer
                await self.app(scope, receive, send)
                return
            if kept.version >= floor:
                await _replay(kept, send)
                return
            # a write was acknowledged while it was computed: look again

    def _get(self, key: str) -> tuple[_Entry | None, int]:
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
                self._used[key] = time.monotonic()
            return entry, self._floor

    def _acknowledging(self, send: Send) -> Send:
        async def acknowledged(message: Message) -> None:
            if message["type"] == "http.response.start":
                await self._settle()  # the write (if any) has committed before its answer starts
            await send(message)
        return acknowledged

    async def _compute(self, scope: Scope, receive: Receive, send: Send, key: str, version: int) -> None:
        """Compute the answer for this request, keeping it; identical requests meanwhile wait for it."""
        flight: asyncio.Future[_Entry | None] = asyncio.get_running_loop().create_future()
        self._flights[key] = (version, flight)
        kept: _Entry | None = None
        try:
            kept = await self._record(scope, receive, send, key, version)
        finally:
            if self._flights.get(key, (0, None))[1] is flight:
                del self._flights[key]
            flight.set_result(kept)

    def _refresh(self, scope: Scope, key: str, version: int) -> None:
        """Recompute ``key`` in the background (the request that noticed gets the kept answer)."""
        async def run() -> None:
            await self._compute(dict(scope), _empty_body(), _discard, key, version)

        task = asyncio.get_running_loop().create_task(run())
        self._tasks.add(task)
        task.add_done_callback(self._done)

    def _done(self, task: asyncio.Task[None]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.warning("background recomputation failed: %r", task.exception())

    async def _record(self, scope: Scope, receive: Receive, send: Send, key: str, version: int) -> _Entry | None:
        """Run the app for this request, sending its answer on; the answer if it was kept."""
        started = time.monotonic()
        pristine = dict(scope)  # as it came: routing adds to the scope
        start: Message | None = None
        parts: list[bytes] = []
        size = 0
        kept: _Entry | None = None

        async def keep(message: Message) -> None:
            nonlocal start, size, kept
            if message["type"] == "http.response.start":
                # a copy: the middlewares outside add their headers to the message itself
                start = dict(message, headers=list(message.get("headers", []))) if message.get("status") == 200 \
                    else None
            elif message["type"] == "http.response.body" and start is not None:
                body: bytes = message.get("body", b"")
                size += len(body)
                if size > MAX_BODY:
                    start, parts[:] = None, []
                else:
                    parts.append(body)
                    if not message.get("more_body", False):
                        kept = _Entry(version, started, start, b"".join(parts), pristine)
                        self._put(key, kept)
            await send(message)

        await self.app(scope, receive, keep)
        return kept

    def _put(self, key: str, entry: _Entry) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None and old.version > entry.version:
                entry = old  # a newer answer landed meanwhile: keep it
            self._bytes += len(entry.body) - (len(old.body) if old else 0)
            self._entries[key] = entry
            self._used.setdefault(key, time.monotonic())
            while len(self._entries) > MAX_ENTRIES or self._bytes > MAX_TOTAL:
                gone, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)
                self._used.pop(gone, None)


async def _replay(entry: _Entry, send: Send) -> None:
    await send(dict(entry.start, headers=list(entry.start.get("headers", []))))
    await send({"type": "http.response.body", "body": entry.body})


async def _discard(message: Message) -> None:
    """The ``send`` of a recomputation nobody asked for."""


def _running_on(loop: asyncio.AbstractEventLoop) -> bool:
    try:
        return asyncio.get_running_loop() is loop
    except RuntimeError:
        return False


def _empty_body() -> Receive:
    """The ``receive`` of a recomputation nobody asked for: an empty body, then a disconnect."""
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": b"", "more_body": False}
    return receive
