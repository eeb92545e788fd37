"""The two SQL dialects the store speaks: SQLite (a file) and PostgreSQL (a server).

The repository writes its SQL once, with ``?`` placeholders and portable syntax;
a :class:`Dialect` supplies the few pieces that differ (types, JSON lists,
upserts, full-text search, how a write transaction starts) and wraps the
driver connection in :class:`DB`, whose ``execute`` takes that portable SQL.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import parse_qsl, unquote, urlsplit, urlunsplit

from ..errors import StoreError
from .errors import (
    StoreBusyError,
    StoreConstraintError,
    StoreCorruptError,
    StoreFullError,
    StoreQueryError,
    StoreReadOnlyError,
    one_line,
    store_error,
)

T = TypeVar("T")
log = logging.getLogger("detente.store")

URL_SCHEMES = ("postgresql://", "postgres://")
# a SQLite store up to this size is checked (PRAGMA quick_check: 5-16 ms per MB measured on the 2-core
# dev machine, so at most ~130 ms) whenever it is opened; bigger ones by `detente check`
QUICK_CHECK_MAX_BYTES = 8 * 1024 * 1024
CREATE_MIGRATIONS_TABLE = (
    "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
)
# one key for the advisory lock that serialises PostgreSQL writers, as BEGIN IMMEDIATE
# does for SQLite; advisory locks are per database, so other databases are not affected
WRITE_LOCK_KEY = 0x64E7E47E  # "detente"


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def is_url(target: str) -> bool:
    """Whether ``--db`` names a PostgreSQL server rather than a SQLite file."""
    return target.strip().lower().startswith(URL_SCHEMES)


def mask_url(url: str) -> str:
    """The URL with any password replaced by ``***`` (for messages and ``stats``)."""
    try:
        parts = urlsplit(url)
        netloc = parts.netloc
        if "@" in netloc:
            cred, host = netloc.rsplit("@", 1)
            if ":" in cred:
                cred = cred.split(":", 1)[0] + ":***"
            netloc = f"{cred}@{host}"
        query = "&".join(f"{k}={'***' if k == 'password' else v}"
                         for k, v in parse_qsl(parts.query, keep_blank_values=True))
        return urlunsplit((parts.scheme, netloc, parts.path, query, parts.fragment))
    except ValueError:
        return re.sub(r"(//[^:/@]*:)[^@]*@", r"\1***@", url)


class Row:
    """A result row readable by position, by column name, and as a mapping (like ``sqlite3.Row``)."""

    __slots__ = ("_names", "_values")

    def __init__(self, names: dict[str, int], values: Sequence[Any]):
        self._names = names
        self._values = tuple(values)

    def __getitem__(self, key: int | str) -> Any:
        if isinstance(key, str):
            return self._values[self._names[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._names)

    def __iter__(self) -> Iterator[Any]:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._names, self._values, strict=True))!r})"


class DB:
    """A driver connection that takes the store's portable SQL (``?`` placeholders)."""

    def __init__(self, raw: Any, dialect: Dialect):
        self.raw = raw
        self.dialect = dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; returns the driver's cursor (iterable, ``fetchone``, ``rowcount``)."""
        return self.dialect.run(self.raw, sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""
        self.dialect.run_many(self.raw, sql, list(rows))

    def add_counts(self, table: str, keys: Sequence[str], values: Sequence[str],
                   delta: Mapping[tuple[Any, ...], int | Sequence[int]]) -> None:
        """Add ``delta`` (a key's column values -> its change of ``values``, one int or one per column) to
        the roll-up ``table`` (primary key ``keys``), then drop the rows whose first value came to 0."""
        rows = [(*k, *((v,) if isinstance(v, int) else v)) for k, v in sorted(delta.items())
                if (v if isinstance(v, int) else any(v))]
        if not rows:
            return
        cols = [*keys, *values]
        added = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in values)
        self.executemany(f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' for _ in cols)})"
                         f" ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {added}", rows)
        self.execute(f"DELETE FROM {table} WHERE {values[0]} = 0")


class Dialect:
    """What differs between the backends.  Subclasses fill every attribute."""

    name = ""
    text = "TEXT"
    blob = "BLOB"
    real = "REAL"
    no_limit: int | None = -1
    table_options = ""  # after a CREATE TABLE's column list
    # a join whose left table the planner reads first (a small table joined to a large one)
    outer_first_join = "JOIN"

    def __init__(self, target: str):
        self.target = target

    @property
    def label(self) -> str:
        """How messages name the store (a path, or the URL without its password)."""
        return self.target

    # -- connecting and running ------------------------------------------------

    def connect(self) -> Any:
        raise NotImplementedError

    def error(self, exc: BaseException) -> StoreError:
        """The store's own error (:mod:`.errors`) for an exception of the driver: the one place they are translated."""
        raise NotImplementedError

    def migrate(self, db: DB, migrations: Sequence[tuple[int, str, Callable[[Dialect], str]]],
                post: Mapping[int, Callable[[DB], None]], check: Callable[[set[int]], None]) -> None:
        """Apply the migrations not recorded yet, each with its Python step and record in one transaction.

        ``check`` sees the versions applied before (it refuses a store newer than this detente).
        """
        raise NotImplementedError

    def problems(self, db: DB, *, full: bool) -> list[str]:
        """What is damaged in the store (empty: nothing found).

        ``full`` False: only a check cheap enough to run whenever the store is opened
        (nothing, where no such check exists); True: everything the backend can check.
        """
        return []

    def run(self, raw: Any, sql: str, params: Sequence[Any]) -> Any:
        raise NotImplementedError

    def run_many(self, raw: Any, sql: str, rows: list[Sequence[Any]]) -> None:
        raise NotImplementedError

    @contextmanager
    def write_transaction(self, db: DB) -> Iterator[None]:
        """One write transaction, writers serialised: all of it lands, or none of it."""
        raise NotImplementedError
        yield  # pragma: no cover

    # -- SQL pieces -------------------------------------------------------------

    def in_list(self, column: str, values: Iterable[Any]) -> tuple[str, Any]:
        """``column`` is one of ``values``: a SQL fragment with one placeholder, and its argument."""
        raise NotImplementedError

    def pair_rows(self, pairs: Sequence[tuple[str, str]]) -> tuple[str, list[Any]]:
        """A table expression ``j`` with columns ``a``, ``b``: one row per pair, and its arguments."""
        raise NotImplementedError

    def json_field(self, column: str, key: str) -> str:
        """A top-level field of a JSON text column, as text."""
        raise NotImplementedError

    def json_array_has(self, column: str, key: str, condition: str) -> str:
        """Some element ``value`` of the JSON array at ``key`` meets ``condition``."""
        raise NotImplementedError

    def json_path(self, column: str, *keys: str) -> str:
        """A nested field of a JSON text column (``data.date.value``), as text."""
        raise NotImplementedError

    def json_number(self, column: str, key: str) -> str:
        """A top-level numeric field of a JSON text column, as a float."""
        raise NotImplementedError

    def json_array_values(self, column: str, key: str) -> str:
        """A table expression of the JSON array at ``key``: one row per element, column ``value``."""
        raise NotImplementedError

    def upsert(self, table: str, columns: Sequence[str], key: Sequence[str], *, replace: bool) -> str:
        """Insert a row; on a key conflict replace it (``replace``) or keep the stored one."""
        raise NotImplementedError

    def is_distinct(self) -> str:
        """Null-safe ``<>`` against a placeholder."""
        return "IS DISTINCT FROM ?"

    def like_any_case(self, expr: str) -> str:
        """``expr`` matches the LIKE pattern of a placeholder, ignoring case."""
        raise NotImplementedError

    def variant(self, *, sqlite: T, postgresql: T) -> T:
        """This backend's version of something written once per backend (full-text DDL and queries)."""
        raise NotImplementedError

    def search_queries(self, query: str) -> list[str]:
        """The full-text queries to try in turn for a user's ``query``, until one is valid syntax."""
        return [query]


class Cursor:
    """A SQLite cursor whose rows, read lazily, raise the store's errors (a damaged page is found late)."""

    __slots__ = ("_cur", "_dialect")

    def __init__(self, cur: sqlite3.Cursor, dialect: Dialect):
        self._cur = cur
        self._dialect = dialect

    def fetchone(self) -> Any:
        try:
            return self._cur.fetchone()
        except sqlite3.Error as exc:
            raise self._dialect.error(exc) from exc

    def fetchall(self) -> list[Any]:
        try:
            return self._cur.fetchall()
        except sqlite3.Error as exc:
            raise self._dialect.error(exc) from exc

    def __iter__(self) -> Iterator[Any]:
        try:
            yield from self._cur
        except sqlite3.Error as exc:
            raise self._dialect.error(exc) from exc

    @property
    def rowcount(self) -> int:
        return self._cur.rowcount


def quote(column: str) -> str:
    return f'"{column}"' if column == "end" else column


class SQLiteDialect(Dialect):
    """A SQLite file (WAL journal) or ``:memory:``."""

    name = "sqlite"
    # a clustered table: rows live in their primary key's b-tree
    table_options = " WITHOUT ROWID"
    outer_first_join = "CROSS JOIN"  # SQLite keeps a CROSS JOIN's order

    # SQLite's primary result codes (the low byte of ``sqlite_errorcode``) by what they mean for the user
    _KINDS: dict[int, type[StoreError]] = {
        3: StoreReadOnlyError, 8: StoreReadOnlyError, 14: StoreReadOnlyError,  # PERM, READONLY, CANTOPEN
        13: StoreFullError,  # FULL
        11: StoreCorruptError, 26: StoreCorruptError,  # CORRUPT, NOTADB
        5: StoreBusyError, 6: StoreBusyError,  # BUSY, LOCKED
        19: StoreConstraintError,  # CONSTRAINT
    }

    def error(self, exc: BaseException) -> StoreError:
        code = getattr(exc, "sqlite_errorcode", None)
        kind = self._KINDS.get(code & 0xFF, StoreQueryError) if isinstance(code, int) else StoreQueryError
        if isinstance(exc, sqlite3.IntegrityError):
            kind = StoreConstraintError
        elif kind is StoreQueryError and isinstance(exc, sqlite3.OperationalError) and "disk" in str(exc):
            kind = StoreFullError if "full" in str(exc) else StoreCorruptError  # "disk I/O error" and kin
        return store_error(kind, exc, self.label)

    @property
    def file(self) -> Path | None:
        """The store's file (None for ``:memory:``); a ``file:`` URI (``file:x.db?mode=ro``) names one too."""
        if self.target == ":memory:" or self.target.startswith("file::memory:"):
            return None
        if self.target.startswith("file:"):
            return Path(unquote(urlsplit(self.target).path))
        return Path(self.target).expanduser()

    def connect(self) -> sqlite3.Connection:
        file = self.file
        if file is not None:
            parent = file.resolve().parent
            if not parent.is_dir():
                raise StoreError(f"folder {parent} does not exist; create it or choose another --db",
                                 input=self.target)
        try:
            conn = sqlite3.connect(self.target, isolation_level=None, check_same_thread=False, timeout=30,
                                   uri=self.target.startswith("file:"))
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            if file is not None:
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.Error as exc:
            raise self.error(exc) from exc
        return conn

    def run(self, raw: sqlite3.Connection, sql: str, params: Sequence[Any]) -> Cursor:
        try:
            return Cursor(raw.execute(sql, params), self)
        except sqlite3.Error as exc:
            raise self.error(exc) from exc

    def run_many(self, raw: sqlite3.Connection, sql: str, rows: list[Sequence[Any]]) -> None:
        try:
            raw.executemany(sql, rows)
        except sqlite3.Error as exc:
            raise self.error(exc) from exc

    @staticmethod
    def _rollback(raw: sqlite3.Connection) -> None:
        # SQLite rolls back by itself after some errors (a full disk, a damaged page):
        # a second ROLLBACK would fail and hide the first error
        if raw.in_transaction:
            raw.execute("ROLLBACK")

    @contextmanager
    def write_transaction(self, db: DB) -> Iterator[None]:
        db.execute("BEGIN IMMEDIATE")  # take the write lock now, not at the first write
        try:
            yield
        except BaseException:
            try:
                self._rollback(db.raw)
            except sqlite3.Error:
                pass  # the connection is unusable: the error that got us here says why
            raise
        else:
            try:
                db.raw.execute("COMMIT")
            except sqlite3.Error as exc:
                self._rollback(db.raw)
                raise self.error(exc) from exc

    def migrate(self, db: DB, migrations: Sequence[tuple[int, str, Callable[[Dialect], str]]],
                post: Mapping[int, Callable[[DB], None]], check: Callable[[set[int]], None]) -> None:
        raw = db.raw
        try:
            raw.execute(CREATE_MIGRATIONS_TABLE)
            done = {r[0] for r in raw.execute("SELECT version FROM schema_migrations")}
        except sqlite3.Error as exc:
            raise self.error(exc) from exc
        check(done)
        for version, name, make in migrations:
            if version in done:
                continue
            # executescript commits a pending transaction first, so the script opens its own;
            # the Python step and the version record follow in it: a migration lands whole or not at all
            try:
                raw.executescript(f"BEGIN IMMEDIATE;\n{make(self)}")
                if version in post:
                    post[version](db)
                raw.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                            (version, name, _now()))
                raw.execute("COMMIT")
            except BaseException as exc:
                self._rollback(raw)
                if isinstance(exc, sqlite3.Error):
                    raise self.error(exc) from exc
                raise

    def in_list(self, column: str, values: Iterable[Any]) -> tuple[str, Any]:
        return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(list(values))

    def pair_rows(self, pairs: Sequence[tuple[str, str]]) -> tuple[str, list[Any]]:
        return ("(SELECT json_extract(value, '$[0]') AS a, json_extract(value, '$[1]') AS b FROM json_each(?)) j",
                [json.dumps([list(p) for p in pairs])])

    def json_field(self, column: str, key: str) -> str:
        return f"json_extract({column}, '$.{key}')"

    def json_array_has(self, column: str, key: str, condition: str) -> str:
        return f"EXISTS (SELECT 1 FROM json_each({column}, '$.{key}') j WHERE {condition})"

    def json_path(self, column: str, *keys: str) -> str:
        return f"json_extract({column}, '$.{'.'.join(keys)}')"

    def json_number(self, column: str, key: str) -> str:
        return f"CAST(json_extract({column}, '$.{key}') AS REAL)"

    def json_array_values(self, column: str, key: str) -> str:
        return f"json_each({column}, '$.{key}') j"

    def upsert(self, table: str, columns: Sequence[str], key: Sequence[str], *, replace: bool) -> str:
        # INSERT OR REPLACE as the store has always written: the FTS triggers of
        # migration 2 are built for it (a replaced row is deleted, then inserted)
        verb = "INSERT OR REPLACE" if replace else "INSERT OR IGNORE"
        cols = ", ".join(quote(c) for c in columns)
        return f"{verb} INTO {table}({cols}) VALUES ({', '.join('?' for _ in columns)})"

    def is_distinct(self) -> str:
        return "IS NOT ?"

    def problems(self, db: DB, *, full: bool) -> list[str]:
        file = self.file
        if file is None:
            return []
        if not full:
            try:
                if file.stat().st_size > QUICK_CHECK_MAX_BYTES:
                    return []  # too big to read whole at every open: `detente check` does it
            except OSError:
                return []
        try:
            found = [str(r[0]) for r in db.execute("PRAGMA integrity_check" if full else "PRAGMA quick_check")]
        except StoreCorruptError as exc:  # damage the check itself cannot read past
            return [one_line(exc.__cause__ or exc.message)]
        found = [p for p in found if p != "ok"]
        if full and not found:
            # the full-text indexes against their text: a damaged index answers searches in part
            for table in ("documents_fts", "claims_fts", "events_fts"):
                try:
                    db.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
                except StoreReadOnlyError:
                    break  # a read-only open cannot run this check; the page check above has run
                except (StoreCorruptError, StoreQueryError) as exc:
                    found.append(f"{table}: {one_line(exc.__cause__ or exc.message)}")
        return found

    def like_any_case(self, expr: str) -> str:
        # SQLite's LIKE ignores ASCII case already (no lowered copy of each record)
        return f"{expr} LIKE ?"

    def variant(self, *, sqlite: T, postgresql: T) -> T:
        return sqlite

    def search_queries(self, query: str) -> list[str]:
        # FTS5 syntax first; when it is not valid syntax (an unbalanced quote, a stray
        # operator), the plain words, each an FTS5 string so that no character is syntax
        return [query, " ".join('"' + w.replace('"', '""') + '"' for w in query.split())]


class StoreVersion:
    """A SQLite store file's change counter, for readers that keep answers until the store changes.

    ``PRAGMA data_version`` on a private read-only connection changes whenever any
    connection (this process's writer or another process's) commits to the file.
    An in-memory store or a PostgreSQL URL has no counter: :meth:`current` is None.
    """

    def __init__(self, db: str):
        self._conn: sqlite3.Connection | None = None
        self._lock = threading.Lock()
        if db != ":memory:" and Path(db).is_file():
            try:
                self._conn = sqlite3.connect(f"file:{Path(db).resolve()}?mode=ro", uri=True,
                                             check_same_thread=False)
                self.current()
            except sqlite3.Error as exc:  # not a SQLite file (a PostgreSQL URL never gets here)
                log.warning("no change counter for %s: %s", db, exc)
                self._conn = None

    def current(self) -> int | None:
        if self._conn is None:
            return None
        with self._lock:
            try:
                return int(self._conn.execute("PRAGMA data_version").fetchone()[0])
            except sqlite3.Error:
                return None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
