"""Opening a store: the connection, write transactions and migrations."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import StoreError
from ..model import to_json
from .dialect import DB, Dialect, SQLiteDialect, is_url
from .errors import StoreCorruptError, store_error
from .postgres import PostgresDialect
from .schema import MIGRATIONS, POST_MIGRATION, SCHEMA_VERSION


def dialect_for(target: str) -> Dialect:
    """The dialect of a ``--db`` value: a PostgreSQL URL, else a SQLite file."""
    return PostgresDialect(target) if is_url(target) else SQLiteDialect(target)


@dataclass(slots=True)
class DocumentRow:
    """A stored document's metadata as listed by :meth:`Store.documents`."""

    id: str
    title: str | None
    source: str | None
    published: str | None
    published_basis: str
    words: int
    path: str | None
    url: str | None


@dataclass(frozen=True, slots=True)
class ActorLabel:
    """What a page shows of an actor it refers to, read from the ``actors`` columns (no record parsed)."""

    name: str
    kind: str
    code: str | None
    country: str | None


DOCUMENT_ROW_COLUMNS = "id, title, source, published, published_basis, words, path, url"
DOCUMENT_COLUMNS = ("id, title, source, url, published, published_basis, authors, path, origin, text,"
                    " content_hash, words, ingested_at")


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _dumps(obj: Any) -> str:
    return json.dumps(to_json(obj), ensure_ascii=False, sort_keys=True)


class StoreBase:
    """The connection and its transactions; the query mixins build on this."""

    def __init__(self, path: str | Path = "detente.db", *, verify: bool = True):
        target = str(path)
        self.dialect: Dialect = dialect_for(target)
        # how messages and stats name the store: the file, or the URL without its password
        self.path = self.dialect.label
        self.conn: Any = self.dialect.connect()  # the driver's own connection (sqlite3 or psycopg)
        self.db = DB(self.conn, self.dialect)
        self._depth = 0  # open write transactions (an inner one joins the outer)
        try:
            self.dialect.migrate(self.db, MIGRATIONS, POST_MIGRATION, self._check_version)
            # a damaged store must not answer in part: checked on open where that is cheap
            damage = self.dialect.problems(self.db, full=False) if verify else []
            if damage:
                raise store_error(StoreCorruptError, damage[0], self.path)
        except StoreError:
            self.conn.close()
            raise

    # -- lifecycle ---------------------------------------------------------

    @property
    def backend(self) -> str:
        """``"sqlite"`` or ``"postgresql"``."""
        return self.dialect.name

    def close(self) -> None:
        """Close the connection (a store is unusable afterwards)."""
        self.conn.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[DB]:
        """One write transaction: all of it lands, or none of it.

        Writers are serialised (SQLite's write lock; an advisory lock on PostgreSQL),
        so what a transaction reads before it writes is not changed under it.  A
        transaction opened inside another joins it: both land with the outer one.
        """
        if self._depth:
            yield self.db
            return
        self._depth += 1
        try:
            with self.dialect.write_transaction(self.db):
                yield self.db
        finally:
            self._depth -= 1

    def _q(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one portable statement outside a write transaction.

        A read on a PostgreSQL connection that was lost (a server restart under a
        long-lived store, such as the web API's) reconnects once and runs again.
        """
        try:
            return self.db.execute(sql, params)
        except StoreError:
            if not getattr(self.conn, "broken", False) or self._depth:
                raise  # inside a transaction a new connection would not see (or commit) its writes
            self.conn = self.dialect.connect()  # a StoreError naming the URL if the server is still away
            self.db = DB(self.conn, self.dialect)
            return self.db.execute(sql, params)

    def check(self) -> list[str]:
        """Every problem the backend's full check finds (SQLite: ``integrity_check`` and the
        full-text indexes' own check); empty when the store is whole.  Reads the whole store."""
        return self.dialect.problems(self.db, full=True)

    def _check_version(self, done: set[int]) -> None:
        if done and max(done) > SCHEMA_VERSION:
            raise StoreError(
                f"store schema version {max(done)} is newer than this detente ({SCHEMA_VERSION}); upgrade detente",
                input=self.path,
            )

    @property
    def schema_version(self) -> int:
        """The version of the newest migration applied to this store."""
        row = self._q("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)
