"""The two SQL dialects the store speaks: SQLite (a file) and PostgreSQL (a server).

The repository writes its SQL once, with ``?`` placeholders and portable syntax;
a :class:`Dialect` supplies the few pieces that differ (types, JSON lists,
upserts, full-text search, how a write transaction starts) and wraps the
driver connection in :class:`DB`, whose ``execute`` takes that portable SQL.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from ..errors import StoreError

URL_SCHEMES = ("postgresql://", "postgres://")
# one key for the advisory lock that serialises PostgreSQL writers, as BEGIN IMMEDIATE
# does for SQLite; advisory locks are per database, so other databases are not affected
WRITE_LOCK_KEY = 0x64E7E47E  # "detente"


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


class Dialect:
    """What differs between the backends.  Subclasses fill every attribute."""

    name = ""
    text = "TEXT"
    blob = "BLOB"
    real = "REAL"
    no_limit: int | None = -1
    # errors of the driver, for callers that tell a constraint failure from others
    integrity_error: type[Exception] = sqlite3.IntegrityError

    def __init__(self, target: str):
        self.target = target

    @property
    def label(self) -> str:
        """How messages name the store (a path, or the URL without its password)."""
        return self.target

    # -- connecting and running ------------------------------------------------

    def connect(self) -> Any:
        raise NotImplementedError

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


def quote(column: str) -> str:
    return f'"{column}"' if column == "end" else column


class SQLiteDialect(Dialect):
    """A SQLite file (WAL journal) or ``:memory:``."""

    name = "sqlite"

    def connect(self) -> sqlite3.Connection:
        if self.target != ":memory:":
            parent = Path(self.target).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"folder {parent} does not exist; create it or choose another --db",
                                 input=self.target)
        try:
            conn = sqlite3.connect(self.target, isolation_level=None, check_same_thread=False, timeout=30)
            conn.row_factory = sqlite3.Row
            conn.execute("PRAGMA foreign_keys = ON")
            if self.target != ":memory:":
                conn.execute("PRAGMA journal_mode = WAL")
                conn.execute("PRAGMA synchronous = NORMAL")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"not a usable detente store ({exc}); choose another --db", input=self.target) from exc
        return conn

    def run(self, raw: sqlite3.Connection, sql: str, params: Sequence[Any]) -> sqlite3.Cursor:
        return raw.execute(sql, params)

    def run_many(self, raw: sqlite3.Connection, sql: str, rows: list[Sequence[Any]]) -> None:
        raw.executemany(sql, rows)

    @contextmanager
    def write_transaction(self, db: DB) -> Iterator[None]:
        db.raw.execute("BEGIN IMMEDIATE")  # take the write lock now, not at the first write
        try:
            yield
        except BaseException:
            db.raw.execute("ROLLBACK")
            raise
        else:
            db.raw.execute("COMMIT")

    def in_list(self, column: str, values: Iterable[Any]) -> tuple[str, Any]:
        return f"{column} IN (SELECT value FROM json_each(?))", json.dumps(list(values))

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


def _pg_errors() -> Any:
    try:
        import psycopg
    except ImportError as exc:  # pragma: no cover - depends on the installed extras
        raise StoreError("PostgreSQL support needs psycopg 3: pip install 'detente[postgres]'") from exc
    return psycopg


class PostgresDialect(Dialect):
    """A PostgreSQL database named by a ``postgresql://`` URL (psycopg 3)."""

    name = "postgresql"
    # byte order, as SQLite compares text: the same ORDER BY results on both backends, and
    # btree indexes serve LIKE 'prefix%' whatever the database's locale
    text = 'TEXT COLLATE "C"'
    blob = "BYTEA"
    real = "DOUBLE PRECISION"
    no_limit = None

    def __init__(self, target: str):
        super().__init__(target)
        psycopg = _pg_errors()
        self.psycopg = psycopg
        self.integrity_error = psycopg.IntegrityError

    @property
    def label(self) -> str:
        return mask_url(self.target)

    def connect(self) -> Any:
        psycopg = self.psycopg
        url = self.target
        if url.lower().startswith("postgres://"):
            url = "postgresql://" + url[len("postgres://"):]
        kwargs: dict[str, Any] = {"autocommit": True, "row_factory": _row_factory}
        try:
            if "connect_timeout" not in url:
                kwargs["connect_timeout"] = 10  # an unreachable host fails in seconds, not minutes
            return psycopg.connect(url, **kwargs)
        except psycopg.Error as exc:
            raise StoreError(f"cannot connect to PostgreSQL: {self._reason(exc)}", input=self.label) from exc

    def _reason(self, exc: BaseException) -> str:
        """The driver's message on one line, never showing a password."""
        text = " ".join(str(exc).split()) or type(exc).__name__
        password = urlsplit(self.target).password if "@" in self.target else None
        if password:
            text = text.replace(password, "***")
        if "does not exist" in text and "database" in text:
            text += " (create it, e.g. createdb, or fix the URL)"
        return text

    def lost(self, exc: BaseException) -> StoreError:
        """A StoreError for a connection that failed while in use."""
        return StoreError(
            f"the PostgreSQL server stopped answering ({self._reason(exc)}); every document committed "
            "before is whole, the one being written was rolled back; rerun to continue",
            input=self.label)

    def _sql(self, sql: str) -> str:
        # psycopg takes %s placeholders, so a literal % must be doubled
        return sql.replace("%", "%%").replace("?", "%s")

    def run(self, raw: Any, sql: str, params: Sequence[Any]) -> Any:
        try:
            return raw.execute(self._sql(sql), params)
        except (self.psycopg.OperationalError, self.psycopg.InterfaceError) as exc:
            if raw.closed or raw.broken:
                raise self.lost(exc) from exc
            raise

    def run_many(self, raw: Any, sql: str, rows: list[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            with raw.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        except (self.psycopg.OperationalError, self.psycopg.InterfaceError) as exc:
            if raw.closed or raw.broken:
                raise self.lost(exc) from exc
            raise

    @contextmanager
    def write_transaction(self, db: DB) -> Iterator[None]:
        psycopg = self.psycopg
        try:
            with db.raw.transaction():
                # serialise writers across processes: a document's check-then-insert and an
                # actor's read-merge-write see every earlier commit, and no two writers deadlock
                db.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
                yield
        except (psycopg.OperationalError, psycopg.InterfaceError) as exc:
            if db.raw.closed or db.raw.broken:
                raise self.lost(exc) from exc
            raise

    def in_list(self, column: str, values: Iterable[Any]) -> tuple[str, Any]:
        # = ANY(array) lets the planner use the column's index with a real row estimate
        return f"{column} = ANY(CAST(? AS text[]))", [str(v) for v in values]

    def json_field(self, column: str, key: str) -> str:
        return f"(CAST({column} AS jsonb) ->> '{key}')"

    def json_array_has(self, column: str, key: str, condition: str) -> str:
        return (f"EXISTS (SELECT 1 FROM jsonb_array_elements_text(CAST({column} AS jsonb) -> '{key}') j(value)"
                f" WHERE {condition})")

    def json_path(self, column: str, *keys: str) -> str:
        path = "".join(f" -> '{k}'" for k in keys[:-1])
        return f"(CAST({column} AS jsonb){path} ->> '{keys[-1]}')"

    def json_number(self, column: str, key: str) -> str:
        return f"CAST(CAST({column} AS jsonb) ->> '{key}' AS DOUBLE PRECISION)"

    def json_array_values(self, column: str, key: str) -> str:
        # a scalar or missing field yields no rows, as json_each does
        return (f"jsonb_array_elements_text(CASE WHEN jsonb_typeof(CAST({column} AS jsonb) -> '{key}') = 'array'"
                f" THEN CAST({column} AS jsonb) -> '{key}' ELSE '[]'::jsonb END) j(value)")

    def upsert(self, table: str, columns: Sequence[str], key: Sequence[str], *, replace: bool) -> str:
        cols = ", ".join(quote(c) for c in columns)
        sql = (f"INSERT INTO {table}({cols}) VALUES ({', '.join('?' for _ in columns)})"
               f" ON CONFLICT ({', '.join(quote(k) for k in key)})")
        rest = [c for c in columns if c not in key]
        if replace and rest:
            return sql + " DO UPDATE SET " + ", ".join(f"{quote(c)} = EXCLUDED.{quote(c)}" for c in rest)
        return sql + " DO NOTHING"


def _row_factory(cursor: Any) -> Any:
    """psycopg row factory making :class:`Row` objects."""
    names = {d.name: i for i, d in enumerate(cursor.description or [])}

    def make(values: Sequence[Any]) -> Row:
        return Row(names, values)

    return make


def dialect_for(target: str) -> Dialect:
    """The dialect of a ``--db`` value: a PostgreSQL URL, else a SQLite file."""
    return PostgresDialect(target) if is_url(target) else SQLiteDialect(target)
