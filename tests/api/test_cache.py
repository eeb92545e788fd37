"""The read cache (detente.api.cache) on its own: what it keeps, for how long, and how much."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path
from typing import Any

import httpx
import pytest

from detente.api import cache
from detente.api.cache import ReadCache, StoreVersion


class App:
    """An ASGI app answering ``size`` bytes (status from the path), counting its calls."""

    def __init__(self, size: int = 10):
        self.calls = 0
        self.size = size

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        self.calls += 1
        status = 404 if scope["path"].endswith("/missing") else 200
        await send({"type": "http.response.start", "status": status, "headers": [(b"content-type", b"text/plain")]})
        await send({"type": "http.response.body", "body": b"x" * self.size})


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


def test_an_answer_is_kept_until_the_store_changes(db: Path) -> None:
    inner = App()
    app = ReadCache(inner, version=StoreVersion(str(db)))
    assert get_all(app, ["/api/stats", "/api/stats", "/api/stats?x=1"]) == [200, 200, 200]
    assert inner.calls == 2  # the repeat came from memory; another query is another answer
    with sqlite3.connect(db) as conn:
        conn.execute("INSERT INTO t VALUES (1)")
    get_all(app, ["/api/stats"])
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
