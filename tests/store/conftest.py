"""Store tests run on both backends: a SQLite file and a private PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.store import Store

from .pgserver import Server, why_unavailable

BACKENDS = ["sqlite", "postgresql"]


@pytest.fixture(scope="session")
def pg_server() -> Iterator[Server]:
    """One PostgreSQL server for the session (skipped, with the reason, where none can run)."""
    reason = why_unavailable()
    if reason:
        pytest.skip(f"PostgreSQL tests skipped: {reason}")
    server = Server()
    try:
        server.start()
        yield server
    finally:
        server.cleanup()


@pytest.fixture
def pg_url(pg_server: Server) -> Iterator[str]:
    """A fresh, empty PostgreSQL database for one test."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=BACKENDS)
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where a fresh store lives: a SQLite file, or a new PostgreSQL database's URL."""
    if request.param == "sqlite":
        return str(tmp_path / "store.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(target: str) -> Iterator[Store]:
    s = Store(target)
    yield s
    s.close()
