"""Whole responses of the read endpoints, kept until the store changes.

A UI session asks the same few questions again and again (overview, timeline, a
relation) while the answers change only when a document is stored or deleted.  So a
``GET`` of a read endpoint is answered from memory as long as the SQLite file has not
changed since the answer was computed, which ``PRAGMA data_version`` on a private
read-only connection tells in microseconds — for commits by this server's writer and by
any other process alike (a ``detente ingest`` on the same file).  While an ingest runs,
reads that hit the cache cost the server almost nothing, which keeps them fast for
everyone (see benchmarks/bench_api_load.py).

Only SQLite files are cached (an in-memory or PostgreSQL store is not); only ``200``
answers of at most :data:`MAX_BODY` bytes; at most :data:`MAX_ENTRIES` of them and
:data:`MAX_TOTAL` bytes in all (the least recently used go first).  Jobs,
health and the export are never cached.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from ..store import StoreVersion

log = logging.getLogger("detente.api")

MAX_ENTRIES = 256
MAX_BODY = 2_000_000
MAX_TOTAL = 64_000_000  # however many distinct queries a client sends, the cache stays this small
# answers that are not a function of the store alone, or too big to keep
UNCACHED = ("/api/jobs", "/api/health", "/api/export")


@dataclass(frozen=True, slots=True)
class _Entry:
    version: int
    start: Message
    body: bytes


class ReadCache:
    """The ASGI middleware; ``version`` says whether a kept answer is still the store's."""

    def __init__(self, app: ASGIApp, *, version: StoreVersion):
        self.app = app
        self.version = version
        self._entries: OrderedDict[str, _Entry] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def _cacheable(self, scope: Scope) -> bool:
        path: str = scope.get("path", "")
        return (scope["type"] == "http" and scope.get("method") == "GET" and path.startswith("/api/")
                and not path.startswith(UNCACHED))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        version = self.version.current() if self._cacheable(scope) else None
        if version is None:
            await self.app(scope, receive, send)
            return
        key = scope["path"] + "?" + scope.get("query_string", b"").decode("latin-1")
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None and entry.version == version:
                self._entries.move_to_end(key)
            else:
                entry = None
        if entry is not None:
            await send(dict(entry.start, headers=list(entry.start.get("headers", []))))
            await send({"type": "http.response.body", "body": entry.body})
            return
        start: Message | None = None
        parts: list[bytes] = []
        size = 0

        async def keep(message: Message) -> None:
            nonlocal start, size
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
                        self._put(key, _Entry(version, start, b"".join(parts)))
            await send(message)

        await self.app(scope, receive, keep)

    def _put(self, key: str, entry: _Entry) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            self._bytes += len(entry.body) - (len(old.body) if old else 0)
            self._entries[key] = entry
            while len(self._entries) > MAX_ENTRIES or self._bytes > MAX_TOTAL:
                _, dropped = self._entries.popitem(last=False)
                self._bytes -= len(dropped.body)
