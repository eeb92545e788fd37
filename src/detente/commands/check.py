"""`detente check`: read the whole store and report damage (a corrupted page, a broken search index)."""

from __future__ import annotations

from typing import Any

import click

from ..store import Store
from .common import err_console, fail, guard

SHOWN = 20  # problems listed before the summary line


@click.command()
@click.pass_obj
@guard
def check(obj: Any) -> None:
    """Check the store for damage: every page (SQLite's integrity_check) and the full-text indexes.

    Exit status 0 when the store is whole, 1 when it is damaged (the problems are
    listed).  Opening a store runs a quicker check when the file is small; this
    command reads all of it, whatever its size.  PostgreSQL checks its own pages.
    """
    with Store(obj.settings.db, verify=False) as store:
        problems = store.check()
        label, backend = store.path, store.backend
    if problems:
        for p in problems[:SHOWN]:
            err_console.print(f"  {' '.join(p.split())}", highlight=False, markup=False)
        more = f" (and {len(problems) - SHOWN} more)" if len(problems) > SHOWN else ""
        fail(f"{label}: the store file is damaged: {len(problems)} problem(s) found{more}; its answers cannot"
             " be trusted: restore a backup, or re-ingest the inputs into a new --db")
    click.echo(f"ok: {label} is whole ({backend})")


COMMANDS = [check]
