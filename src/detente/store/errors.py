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


__all__ = ["StoreBusyError", "StoreConstraintError", "StoreCorruptError", "StoreError", "StoreFullError",
           "StoreQueryError", "StoreReadOnlyError"]
