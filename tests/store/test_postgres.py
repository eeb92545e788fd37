"""PostgreSQL only: URLs, connection failures, a server that goes away, one schema for both."""

from __future__ import annotations

import hashlib
import socket
from collections.abc import Iterator
from typing import Any

import pytest

from detente.errors import StoreError
from detente.store import MIGRATIONS, Store, is_url, mask_url
from detente.store.dialect import SQLiteDialect
from detente.store.postgres import PostgresDialect

from ..conftest import make_extraction
from .pgserver import Server, why_unavailable


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])  # closed again when this returns: nobody listens there


def test_urls_select_postgresql() -> None:
    assert is_url("postgresql://u@h/db") and is_url("postgres://u@h/db") and is_url("PostgreSQL://h/db")
    assert not is_url("detente.db") and not is_url(":memory:") and not is_url("./postgresql.db")


def test_passwords_are_masked() -> None:
    assert mask_url("postgresql://me:s3cret@db.example:5432/news") == "postgresql://me:***@db.example:5432/news"
    assert mask_url("postgresql://db.example/news?password=s3cret&sslmode=require") == (
        "postgresql://db.example/news?password=***&sslmode=require")
    assert mask_url("postgresql://me@db.example/news") == "postgresql://me@db.example/news"


def test_shipped_sqlite_migrations_never_change() -> None:
    # migrations are append only: the SQLite SQL of shipped versions is what existing files ran
    d = SQLiteDialect(":memory:")
    digests = {v: hashlib.sha256(" ".join(f(d).split()).encode()).hexdigest()[:16] for v, _, f in MIGRATIONS}
    assert digests[1] == "8f4167a256c5745f"
    assert digests[2] == "409d60b6f3931581"


needs_pg = pytest.mark.skipif(why_unavailable() is not None, reason=f"PostgreSQL tests skipped: {why_unavailable()}")


@needs_pg
def test_unreachable_server_is_a_clear_store_error() -> None:
    url = f"postgresql://detente:s3cret@127.0.0.1:{_closed_port()}/news"
    with pytest.raises(StoreError) as err:
        Store(url)
    text = str(err.value)
    assert "cannot connect to PostgreSQL" in text and "127.0.0.1" in text
    assert "s3cret" not in text and "detente:***@" in text


@needs_pg
def test_malformed_url_is_a_clear_store_error() -> None:
    with pytest.raises(StoreError) as err:
        Store("postgresql://detente:s3cret@127.0.0.1:notaport/news")
    assert "cannot connect to PostgreSQL" in str(err.value) and "port" in str(err.value)
    assert "s3cret" not in str(err.value)


def test_postgres_dialect_of_a_url() -> None:
    pytest.importorskip("psycopg", reason="psycopg 3 not installed: pip install -e '.[postgres]'")
    d = PostgresDialect("postgres://me:pw@h/db")
    assert d.label == "postgres://me:***@h/db" and d.blob == "BYTEA"


def test_unknown_database_is_a_clear_store_error(pg_server: Server) -> None:
    with pytest.raises(StoreError, match='database "no_such_db" does not exist'):
        Store(pg_server.url("no_such_db"))


def test_the_same_tables_and_indexes_on_both_backends(pg_url: str, tmp_path: Any) -> None:
    with Store(pg_url) as pg, Store(tmp_path / "s.db") as lite:
        pg_tables = {r[0] for r in pg.db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")}
        pg_indexes = {r[0] for r in pg.db.execute("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")}
        lite_rows = list(lite.db.execute("SELECT type, name FROM sqlite_master WHERE sql IS NOT NULL"))
    lite_tables = {r[1] for r in lite_rows if r[0] == "table" and "_fts" not in r[1]}
    lite_indexes = {r[1] for r in lite_rows if r[0] == "index"}
    assert pg_tables == lite_tables
    # PostgreSQL names its primary keys; its full-text indexes replace SQLite's FTS5 tables, and its
    # storing order (migration 12) their rowids
    assert {i for i in pg_indexes if not i.endswith("_pkey")} == lite_indexes | {
        "documents_fts", "claims_fts", "events_fts", "documents_seq", "claims_seq", "events_seq"}


@pytest.fixture
def own_server() -> Iterator[Server]:
    """A server of this test's own, to stop under a writer."""
    server = Server()
    try:
        server.start()
        yield server
    finally:
        server.cleanup()


@needs_pg
def test_server_gone_mid_write(own_server: Server) -> None:
    url = own_server.create_database()
    store = Store(url)
    store.add(make_extraction("d1"), content_hash="h1")
    write = store._write_extraction

    def stop_then_write(db: Any, ex: Any) -> None:
        own_server.stop("immediate")  # the server goes away after the document row, before its events
        write(db, ex)

    store._write_extraction = stop_then_write  # type: ignore[method-assign]
    with pytest.raises(StoreError) as err:
        store.add(make_extraction("d2", text="Another text."), content_hash="h2")
    assert "stopped answering" in str(err.value) and "rerun" in str(err.value)
    assert own_server.url().split("@")[1].split("/")[0] in str(err.value)
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        store.has_document("d1")  # a read tries to reconnect, and says why it cannot

    own_server.start()
    assert store.has_document("d1") and not store.has_document("d2")  # the same store reads again
    store.close()
    with Store(url) as again:
        assert again.has_document("d1") and not again.has_document("d2")
        back = again.extraction("d1")
        assert back is not None and [e.id for e in back.events] == ["ev-d1"] and len(back.claims) == 1
        again.add(make_extraction("d2", text="Another text."), content_hash="h2")  # the rerun completes it
        assert again.stats()["documents"] == 2
