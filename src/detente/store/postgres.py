"""The PostgreSQL dialect of the store: a server named by a ``postgresql://`` URL (psycopg 3).

What it shares with SQLite (the portable SQL, :class:`~detente.store.dialect.DB`,
rows and cursors) lives in :mod:`.dialect`; this module holds only what PostgreSQL
does differently.  psycopg is imported when a store is opened, so SQLite users
need not install it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlsplit

from ..errors import StoreError
from .dialect import CREATE_MIGRATIONS_TABLE, DB, WRITE_LOCK_KEY, Dialect, Row, T, _now, mask_url, quote
from .errors import (
    StoreBusyError,
    StoreConstraintError,
    StoreCorruptError,
    StoreFullError,
    StoreQueryError,
    StoreReadOnlyError,
    store_error,
)


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

    # SQLSTATE codes (or their two-character classes) by what they mean for the user
    _KINDS: dict[str, type[StoreError]] = {
        "53100": StoreFullError,  # disk_full
        "25006": StoreReadOnlyError, "42501": StoreReadOnlyError,  # read_only_sql_transaction, insufficient_privilege
        "XX001": StoreCorruptError, "XX002": StoreCorruptError,  # data_corrupted, index_corrupted
        "40P01": StoreBusyError, "55P03": StoreBusyError,  # deadlock_detected, lock_not_available
        "23": StoreConstraintError,  # integrity constraint violations
    }

    def __init__(self, target: str):
        super().__init__(target)
        psycopg = _pg_errors()
        self.psycopg = psycopg

    def error(self, exc: BaseException) -> StoreError:
        if isinstance(exc, StoreError):
            return exc
        raw_state = getattr(exc, "sqlstate", None)
        state = raw_state if isinstance(raw_state, str) else ""
        kind = self._KINDS.get(state) or self._KINDS.get(state[:2], StoreQueryError)
        return store_error(kind, exc, self.label)

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

    def _translated(self, raw: Any, exc: BaseException) -> StoreError:
        if isinstance(exc, (self.psycopg.OperationalError, self.psycopg.InterfaceError)) and (raw.closed or raw.broken):
            return self.lost(exc)
        return self.error(exc)

    def run(self, raw: Any, sql: str, params: Sequence[Any]) -> Any:
        try:
            return raw.execute(self._sql(sql), params)
        except self.psycopg.Error as exc:
            raise self._translated(raw, exc) from exc

    def run_many(self, raw: Any, sql: str, rows: list[Sequence[Any]]) -> None:
        if not rows:
            return
        try:
            with raw.cursor() as cur:
                cur.executemany(self._sql(sql), rows)
        except self.psycopg.Error as exc:
            raise self._translated(raw, exc) from exc

    @contextmanager
    def write_transaction(self, db: DB) -> Iterator[None]:
        try:
            with db.raw.transaction():
                # serialise writers across processes: a document's check-then-insert and an
                # actor's read-merge-write see every earlier commit, and no two writers deadlock
                db.raw.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))
                yield
        except self.psycopg.Error as exc:
            raise self._translated(db.raw, exc) from exc

    def migrate(self, db: DB, migrations: Sequence[tuple[int, str, Callable[[Dialect], str]]],
                post: Mapping[int, Callable[[DB], None]], check: Callable[[set[int]], None]) -> None:
        # DDL is transactional in PostgreSQL: each migration and its record land together,
        # under the writers' lock so that two processes opening a new database do not both migrate
        for version, name, make in migrations:
            with self.write_transaction(db):
                db.execute(CREATE_MIGRATIONS_TABLE)
                done = {r[0] for r in db.execute("SELECT version FROM schema_migrations")}
                check(done)
                if version in done:
                    continue
                try:
                    db.raw.execute(make(self))  # raw: the DDL's own % and ? are not placeholders
                except self.psycopg.Error as exc:
                    raise self._translated(db.raw, exc) from exc
                if version in post:
                    post[version](db)
                db.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                           (version, name, _now()))

    def pair_rows(self, pairs: Sequence[tuple[str, str]]) -> tuple[str, list[Any]]:
        return ("unnest(CAST(? AS text[]), CAST(? AS text[])) AS j(a, b)",
                [[p[0] for p in pairs], [p[1] for p in pairs]])

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

    def like_any_case(self, expr: str) -> str:
        return f"{expr} ILIKE ?"

    def variant(self, *, sqlite: T, postgresql: T) -> T:
        return postgresql


def _row_factory(cursor: Any) -> Any:
    """psycopg row factory making :class:`Row` objects."""
    names = {d.name: i for i, d in enumerate(cursor.description or [])}

    def make(values: Sequence[Any]) -> Row:
        return Row(names, values)

    return make
