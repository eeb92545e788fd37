"""The stored versions of real-world events, read as fusion's :class:`Member` records.

One query for every reader that merges clusters: :meth:`Store.events` and the
network roll-up (:mod:`.links`) both read members through :func:`select_members`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ..fusion.members import Member
from ..model import event_from
from .dialect import Dialect

_SQL = ("SELECT e.cluster_id, e.document_id, e.data, d.source, d.published FROM events e"
        " JOIN documents d ON d.id = e.document_id")


def select_members(dialect: Dialect, run: Callable[[str, Sequence[Any]], Iterable[Sequence[Any]]],
                   clusters: Sequence[str] | None, order: str) -> Iterator[Member]:
    """Every stored event mention (of ``clusters`` when given) as a Member, in ``order`` (SQL)."""
    sql, args = _SQL, []
    if clusters is not None:
        cond, arg = dialect.in_list("e.cluster_id", clusters)
        sql += " WHERE " + cond
        args.append(arg)
    for cluster, doc_id, data, source, published in run(f"{sql} ORDER BY {order}", args):
        yield Member(event_from(json.loads(data)), doc_id, source, published, cluster)
