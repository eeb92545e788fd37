"""The store: a SQLite file or a PostgreSQL database, behind one class.

``Store("detente.db")`` opens (and creates) a SQLite file; ``Store("postgresql://…")``
a PostgreSQL database, through the same repository code: the schema is defined
once (:mod:`.schema`) and a small dialect layer (:mod:`.dialect`) supplies what
differs.  Every document is written in one transaction together with everything
derived from it, so an interrupted run leaves each earlier document whole.  The
schema is versioned; migrations are functions recorded in ``schema_migrations``
and applied in order when a store is opened.

Extracted records are kept as their detente/1 JSON (``data`` columns) next to
the few columns that queries filter and join on, so the data model stays in
one place (:mod:`detente.model`) and the store does not mirror every field.
"""

from __future__ import annotations

from ..errors import StoreError
from .base import ActorLabel, DocumentRow
from .dialect import StoreVersion, is_url, mask_url
from .errors import (
    StoreBusyError,
    StoreConstraintError,
    StoreCorruptError,
    StoreFullError,
    StoreQueryError,
    StoreReadOnlyError,
)
from .queries import QueriesMixin
from .read import ReadMixin
from .schema import MIGRATIONS, SCHEMA_VERSION
from .write import WriteMixin


class Store(QueriesMixin, ReadMixin, WriteMixin):
    """The detente store: a SQLite file (``":memory:"`` for a throwaway store) or a PostgreSQL URL.

    A wrong URL, an unreachable server or a file that is not a store raise
    :class:`StoreError` naming the store (a URL's password masked); a read-only,
    full or damaged store raises its subclass (:mod:`.errors`).  A small SQLite
    file is checked for damage when opened (``verify=False`` skips it);
    :meth:`check` reads the whole store.
    """


__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "ActorLabel", "DocumentRow", "Store", "StoreBusyError", "StoreConstraintError",
           "StoreCorruptError", "StoreError", "StoreFullError", "StoreQueryError", "StoreReadOnlyError", "StoreVersion",
           "is_url", "mask_url"]
