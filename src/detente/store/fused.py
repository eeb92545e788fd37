"""Migration 16: each real-world event merged once, kept by the writer.

A real-world event is the merge (:func:`detente.fusion.merge_cluster`) of its stored
versions: the lead's date and sides, every version's evidence and outlet, the fields
the versions disagree on, a confidence from the independent sources.  Merged when
read, that is every version's record parsed and ranked for every event a page,
a timeline, a briefing or a window of "what changed" shows (about 0.1 ms per event:
a page of 1,000 events, a month of one state's 3,500).  ``fused_events`` holds each
real-world event's merge as its detente/1 record, so reading one is reading a row.

A merge depends on the event's versions (``events`` rows), their documents'
publisher and publication date, the near-duplicate pairs among those documents, and
the kind and state of the actors the versions name (``kinds``, ``countries``).  The
writer keeps the table in the transaction that changes any of them:
:func:`refresh` runs from :func:`detente.store.dyads.refresh_clusters` (a document
added or deleted, fusion moving versions, an actor merge) and for the events that
name an actor whose kind or state the actor upsert changed (:func:`naming`).
Documents are never edited, and a document's near-duplicate pairs are written
before its events.  ``tests/store/test_fused.py`` compares the table with the merge
computed from the versions after every kind of write, on both backends.

The merge rules are code: a release that changes them adds a migration that fills
the table again (:func:`backfill`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from ..fusion.members import Member
from ..fusion.merge import merge_cluster
from ..model import Event, event_from, to_json
from . import ranks
from .dialect import DB, Dialect
from .members import select_members

Query = Callable[[str, Sequence[Any]], Any]
BATCH = 5_000  # real-world events merged (and written) at a time by the backfill


def create_sql(d: Dialect) -> str:
    """The table (no rows; :func:`backfill` fills it)."""
    t = d.text
    return f"""
        CREATE TABLE fused_events (
            cluster_id {t} PRIMARY KEY,
            data {t} NOT NULL                    -- the merged Event, detente/1 JSON
        ){d.table_options};
"""


def facts(run: Query, dialect: Dialect, actors: Iterable[str]) -> tuple[dict[str, str], dict[str, str | None]]:
    """(kinds, countries) of these actors, as a merge takes them: an actor's state is its country, else its code."""
    wanted = sorted(set(actors))
    if not wanted:
        return {}, {}
    cond, arg = dialect.in_list("id", wanted)
    rows = run(f"SELECT id, kind, country, code FROM actors WHERE {cond}", (arg,)).fetchall()
    return {r[0]: r[1] for r in rows}, {r[0]: r[2] or r[3] for r in rows}


def near_pairs(run: Query, dialect: Dialect, documents: Iterable[str]) -> list[tuple[str, str]]:
    """The near-duplicate pairs among these documents."""
    ids = sorted(set(documents))
    if len(ids) < 2:
        return []
    in_a, arg_a = dialect.in_list("a", ids)
    in_b, arg_b = dialect.in_list("b", ids)
    return [(r[0], r[1]) for r in run(f"SELECT a, b FROM near_duplicates WHERE {in_a} AND {in_b}", (arg_a, arg_b))]


def merge_groups(run: Query, dialect: Dialect, groups: dict[str, list[Member]]) -> list[Event]:
    """Each cluster's versions merged, with the actor facts and near duplicates of the clusters that have
    several versions (a single version is its own merge)."""
    several = [m for ms in groups.values() if len(ms) > 1 for m in ms]
    kinds, countries = facts(run, dialect, {a for m in several for a in (*m.event.source, *m.event.target)})
    near = near_pairs(run, dialect, {m.document for m in several})
    return [merge_cluster(c, ms, kinds, countries, near) for c, ms in groups.items()]


def compute(run: Query, dialect: Dialect, clusters: Sequence[str] | None) -> list[Event]:
    """These real-world events (every one when None) merged from their stored versions now, by cluster id."""
    groups: dict[str, list[Member]] = {}
    for m in select_members(dialect, run, clusters, "e.cluster_id, d.published, e.id"):
        groups.setdefault(m.cluster, []).append(m)
    return merge_groups(run, dialect, groups)


def _dumps(ev: Event) -> str:
    return json.dumps(to_json(ev), ensure_ascii=False, separators=(",", ":"))


def refresh(db: DB, clusters: Sequence[str]) -> list[Event]:
    """Merge these real-world events again (call after their versions, or what a merge reads, changed);
    returns the merges, by cluster id (a cluster left without versions has none, and no row)."""
    if not clusters:
        return []
    merged = compute(db.execute, db.dialect, clusters)
    cond, arg = db.dialect.in_list("cluster_id", clusters)
    db.execute(f"DELETE FROM fused_events WHERE {cond}", (arg,))
    db.executemany("INSERT INTO fused_events(cluster_id, data) VALUES (?, ?)", [(e.id, _dumps(e)) for e in merged])
    ranks.refresh(db, clusters, merged)
    return merged


def naming(db: DB, actors: Iterable[str]) -> list[str]:
    """The real-world events whose versions name one of these actors (as a side or the attribution)."""
    wanted = sorted(set(actors))
    if not wanted:
        return []
    cond, arg = db.dialect.in_list("ea.actor_id", wanted)
    return sorted({r[0] for r in db.execute(
        f"SELECT DISTINCT e.cluster_id FROM event_actors ea JOIN events e ON e.id = ea.event_id WHERE {cond}",
        (arg,))})


def read(run: Query, dialect: Dialect, clusters: Sequence[str] | None) -> list[Event]:
    """The stored merges of these real-world events (every one when None), by cluster id."""
    if clusters is None:
        rows = run("SELECT data FROM fused_events ORDER BY cluster_id", ())
    else:
        if not clusters:
            return []
        cond, arg = dialect.in_list("cluster_id", clusters)
        rows = run(f"SELECT data FROM fused_events WHERE {cond} ORDER BY cluster_id", (arg,))
    return [event_from(json.loads(r[0])) for r in rows]


def _batches(db: DB) -> Iterator[dict[str, list[Member]]]:
    """Every cluster's versions, a batch of clusters at a time (streamed: a large store is not held whole)."""
    group: dict[str, list[Member]] = {}
    for m in select_members(db.dialect, db.execute, None, "e.cluster_id, d.published, e.id"):
        if m.cluster not in group and len(group) >= BATCH:
            yield group
            group = {}
        group.setdefault(m.cluster, []).append(m)
    if group:
        yield group


def backfill(db: DB) -> None:
    """Fill the table from the stored versions (migration 16; the table is empty)."""
    pending: list[tuple[str, str]] = []
    for group in _batches(db):
        pending += [(e.id, _dumps(e)) for e in merge_groups(db.execute, db.dialect, group)]
        if len(pending) >= BATCH:
            db.executemany("INSERT INTO fused_events(cluster_id, data) VALUES (?, ?)", pending)
            pending = []
    if pending:
        db.executemany("INSERT INTO fused_events(cluster_id, data) VALUES (?, ?)", pending)
