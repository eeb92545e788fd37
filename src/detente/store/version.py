"""The store file's change counter, for a reader that keeps answers until the store changes.

``PRAGMA data_version`` on a private read-only connection changes whenever any
connection — this process's writer or another process's — commits to the file.
It is SQLite's alone: for an in-memory store or a PostgreSQL URL there is no
counter and :meth:`StoreVersion.current` says None.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger("detente.store")


class StoreVersion:
    """The store file's change counter (``PRAGMA data_version``), or None where it cannot be read."""

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
