"""The store's own errors: what a driver error means for the user, one line each.

Each dialect translates its driver's exceptions into these in one place
(:meth:`~.dialect.Dialect.error`), so the rest of the store and its callers
catch detente's errors, never ``sqlite3`` or ``psycopg`` ones.  Every message
names the store (``input``) and what to do.
"""

from __future__ import annotations

from ..errors import StoreError


class StoreQueryError(StoreError):
    """A statement the store could not run (SQL or full-text query syntax): a bug, or a search to rephrase."""

    def __init__(self, message: str, *, input: str | None = None):
        super().__init__(message, input=input, code="E201")


class StoreConstraintError(StoreError):
    """A write broke one of the store's keys or constraints; the transaction was rolled back."""

    def __init__(self, message: str, *, input: str | None = None):
        super().__init__(message, input=input, code="E202")


class StoreReadOnlyError(StoreError):
    """The store cannot be written (a read-only file, folder or mount, or a read-only URI)."""

    def __init__(self, message: str, *, input: str | None = None):
        super().__init__(message, input=input, code="E203")


class StoreFullError(StoreError):
    """The disk (or the database's size limit) is full; the transaction was rolled back."""

    def __init__(self, message: str, *, input: str | None = None):
        super().__init__(message, input=input, code="E204")


class StoreCorruptError(StoreError):
    """The store file is damaged (a corrupted page, or not a database at all)."""

    def __init__(self, message: str, *, input: str | None = None):
        super().__init__(message, input=input, code="E205")


class StoreBusyError(StoreError):
    """Another process held the store's lock for longer than the wait allowed."""

    def __init__(self, message: str, *, input: str | None = None):
        super().__init__(message, input=input, code="E206")


def one_line(exc: BaseException | str) -> str:
    """An error message on one line (a driver may spread its message over several)."""
    return " ".join(str(exc).split()) or type(exc).__name__


# what to do, by kind of failure; the message names the store (``input``) before it
_ADVICE = {
    StoreReadOnlyError: "the store cannot be written ({reason}); make the file, its folder and its -wal/-shm files"
                        " writable (or the mount read-write), or choose another --db",
    StoreFullError: "the disk is full ({reason}); nothing of the document being written was kept and every"
                    " document committed before is whole: free some space (or choose another --db) and rerun",
    StoreCorruptError: "the store file is damaged ({reason}); its answers cannot be trusted: run `detente --db"
                       " {label} check`, then restore a backup or re-ingest into a new --db",
    StoreBusyError: "the store stayed locked by another process ({reason}); wait for it to finish and rerun",
    StoreConstraintError: "a write broke the store's constraints ({reason}); nothing of it was kept",
    StoreQueryError: "the store could not run a query ({reason})",
}


def store_error(kind: type[StoreError], reason: BaseException | str, label: str) -> StoreError:
    """A store error of ``kind`` (for a driver exception, or a reason found by a check), with the advice for it."""
    return kind(_ADVICE[kind].format(reason=one_line(reason), label=label), input=label)


__all__ = ["StoreBusyError", "StoreConstraintError", "StoreCorruptError", "StoreError", "StoreFullError",
           "StoreQueryError", "StoreReadOnlyError", "one_line", "store_error"]
