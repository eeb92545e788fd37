"""The read cache (detente.api.cache) on its own: what it keeps, for how long, and how much."""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path
from typing import Any

import httpx
import pytest

from detente.api import cache
from detente.api.cache import ReadCache, StoreVersion


class App:
    """An ASGI app answering ``size`` bytes that start with its call count (status from the path)."""

    def __init__(self, size: int = 10, delay: float = 0.0):
        self.calls = 0
        self.size = size
        self.delay = delay

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        await asyncio.sleep(self.delay)
        status = 404 if scope["path"].endswith("/missing") else 200
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]})
        # the body says which call made it, so a test can tell a kept answer from a new one
        await send({"type": "http.response.body", "body": str(self.calls).encode().ljust(self.size, b"x")})


def get_all(app: ReadCache, paths: list[str]) -> list[int]:
    async def run() -> list[int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            return [(await c.get(p)).status_code for p in paths]
    return asyncio.run(run())


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "s.db"
    with sqlite3.connect(path) as conn:
        conn.execute("PRAGMA journal_mode=WAL")
        conn.execute("CREATE TABLE t(x)")
    return path


def change(db: Path) -> None:
    """A commit by another connection (another process's ingest, as far as the cache can tell)."""
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO t VALUES (1)")


def test_an_answer_is_kept_until_the_store_changes(db: Path) -> None:
    inner = App()
    app = ReadCache(inner, version=StoreVersion(str(db)), max_stale=0)
    assert get_all(app, ["/api/stats", "/api/stats", "/api/stats?x=1"]) == [200, 200, 200]
    assert inner.calls == 2  # the repeat came from memory; another query is another answer
    change(db)
    get_all(app, ["/api/stats"])
    assert inner.calls == 3


def test_a_changed_store_is_served_stale_once_and_recomputed_in_the_background(db: Path) -> None:
    inner = App()
    app = ReadCache(inner, version=StoreVersion(str(db)))

    async def run() -> list[bytes]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            first = (await c.get("/api/stats")).content
            change(db)
            stale = (await c.get("/api/stats")).content  # the kept answer, at once
            await asyncio.sleep(0.1)  # recomputed once, meanwhile
            return [first, stale, (await c.get("/api/stats")).content, (await c.get("/api/stats")).content]
    assert [b[:1] for b in asyncio.run(run())] == [b"1", b"1", b"2", b"2"]
    assert inner.calls == 2


def test_an_answer_older_than_the_bound_is_recomputed_before_it_is_served(db: Path) -> None:
    inner = App()
    app = ReadCache(inner, version=StoreVersion(str(db)), max_stale=0.05)
    get_all(app, ["/api/stats"])
    time.sleep(0.1)
    change(db)
    get_all(app, ["/api/stats"])
    assert inner.calls == 2


def test_an_acknowledged_write_is_read_by_the_next_request(db: Path) -> None:
    inner = App()
    subscribed: list[Any] = []
    app = ReadCache(inner, version=StoreVersion(str(db)), subscribe=subscribed.append)
    assert subscribed == [app.acknowledge]

    async def run() -> list[bytes]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            answers = [(await c.get("/api/stats")).content]
            change(db)
            app.acknowledge()  # what the job runner does when a job finishes
            answers.append((await c.get("/api/stats")).content)  # computed before answering
            change(db)
            await c.delete("/api/documents/x")  # call 3; a write's answer acknowledges what it did
            answers.append((await c.get("/api/stats")).content)
            return answers
    assert [b[:1] for b in asyncio.run(run())] == [b"1", b"2", b"4"]


def test_identical_requests_are_computed_once(db: Path) -> None:
    inner = App(delay=0.2)
    app = ReadCache(inner, version=StoreVersion(str(db)))

    async def run() -> list[int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            answers = await asyncio.gather(*(c.get("/api/network") for _ in range(10)))
            return [r.status_code for r in answers if r.content[:1] == b"1"]
    assert asyncio.run(run()) == [200] * 10
    assert inner.calls == 1


def test_an_error_is_not_shared_with_the_requests_that_waited(db: Path) -> None:
    inner = App(delay=0.1)
    app = ReadCache(inner, version=StoreVersion(str(db)))

    async def run() -> list[int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            return [r.status_code for r in await asyncio.gather(*(c.get("/api/x/missing") for _ in range(3)))]
    assert asyncio.run(run()) == [404] * 3
    assert inner.calls == 3


def test_errors_jobs_and_other_stores_are_never_kept(db: Path, tmp_path: Path) -> None:
    inner = App()
    app = ReadCache(inner, version=StoreVersion(str(db)))
    get_all(app, ["/api/documents/missing"] * 2 + ["/api/jobs"] * 2 + ["/api/export"] * 2 + ["/"] * 2)
    assert inner.calls == 8
    for store in (":memory:", "postgresql://u@h/db", str(tmp_path / "absent.db")):
        assert StoreVersion(store).current() is None


def test_the_cache_stays_within_its_bounds(db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "MAX_TOTAL", 50_000)
    inner = App(size=10_000)
    app = ReadCache(inner, version=StoreVersion(str(db)))
    get_all(app, [f"/api/events?offset={n}" for n in range(20)])
    assert len(app._entries) == 5 and app._bytes == 50_000
    monkeypatch.setattr(cache, "MAX_BODY", 5_000)
    big = ReadCache(App(size=10_000), version=StoreVersion(str(db)))
    get_all(big, ["/api/events"])
    assert not big._entries


def test_answers_in_use_are_computed_again_before_a_job_is_acknowledged(db: Path) -> None:
    """The job runner acknowledges from its own thread: readers then find the new answers kept, never wait."""
    inner = App(delay=0.05)
    app = ReadCache(inner, version=StoreVersion(str(db)))

    async def run() -> list[bytes]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
            await c.get("/api/stats")
            await c.get("/api/network")
            change(db)
            await asyncio.get_running_loop().run_in_executor(None, app.acknowledge)
            assert inner.calls == 4  # both computed again before acknowledge() returned
            return [(await c.get(p)).content for p in ("/api/stats", "/api/network")]
    assert {b[:1] for b in asyncio.run(run())} <= {b"3", b"4"}  # the new answers (computed side by side)
    assert inner.calls == 4
