"""Migration 7: the interaction network's roll-up, kept by the writer with the dyad tables.

The network (:func:`detente.analysis.network`) counts, over every asserted
real-world event, who acts with whom.  Built from the timeline it loads and merges
every event of the store (minutes at a million events); these tables hold its
all-time answer so that it is one read of a few thousand rows.

``network_events`` has one row per real-world event whose merged version
(:func:`detente.fusion.merge_cluster`) is asserted: its merged source and target
actor ids (JSON lists), so that the event's old contribution can be taken back
when it changes.  ``network_links`` sums the contributions per level ('state':
actors counted under their state; 'actor') and unordered pair ``a < b`` of keys:
events, cooperative ones (quad classes 1-2), the others, and the summed intensity
in thousandths; a row with ``b = ''`` counts the events its key ``a`` takes part
in.  ``network_keys`` records the state key each actor was counted under and how
many rows of ``network_events`` name it: a reader compares it with the actors as
stored now, and falls back to the timeline when an actor's state has changed
since (its learned country, say), so the roll-up never answers with stale keys.

The writer keeps them in the transaction that changes events:
:func:`detente.store.dyads.refresh_clusters` calls :func:`refresh` with the
real-world events it rebuilds (an add, a cluster change, an actor merge, a
delete), which recomputes their contributions from ``events``.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import numpy as np

from ..fusion.members import Member
from ..fusion.merge import merge_cluster
from ..model import Event
from . import pasts
from .dialect import DB, Dialect
from .leads import month_start
from .members import select_members
from .pasts import side_parser

LEVELS = ("state", "actor")
_SUMS = ("events", "cooperation", "conflict", "milli", "inexact")  # what a link adds up, per pair
NODE = ""  # network_links.b of a node's own row

Delta = dict[tuple[str, str, str], list[int]]  # (level, a, b) -> [events, cooperation, conflict, milli, inexact]


def create_sql(d: Dialect) -> str:
    """The tables (no rows; :func:`backfill` fills them)."""
    t = d.text
    return f"""
        CREATE TABLE network_events (
            cluster_id {t} PRIMARY KEY,
            span INTEGER NOT NULL,                       -- 0 within one calendar month, 1 longer, 2 undated
            date_start {t}, date_end {t},                -- the merged event's interval
            quad_class INTEGER, intensity {d.real} NOT NULL,
            source {t} NOT NULL, target {t} NOT NULL     -- JSON lists of actor ids, as merged
        ){d.table_options};
        -- covering: a window reads the index range alone
        CREATE INDEX network_events_date ON network_events(span, date_start, date_end, quad_class, intensity,
                                                           source, target);
        CREATE TABLE network_links (
            level {t} NOT NULL,                          -- 'state' or 'actor'
            a {t} NOT NULL, b {t} NOT NULL,              -- a < b; b = '' : the events a takes part in
            events INTEGER NOT NULL, cooperation INTEGER NOT NULL, conflict INTEGER NOT NULL,
            milli INTEGER NOT NULL,                      -- summed intensity, thousandths
            inexact INTEGER NOT NULL,                    -- events whose intensity has more than 3 decimals
            PRIMARY KEY (level, a, b)
        ){d.table_options};
        CREATE TABLE network_keys (
            actor_id {t} PRIMARY KEY,
            state {t} NOT NULL,                          -- the key it was counted under at level 'state'
            uses INTEGER NOT NULL                        -- rows of network_events naming it
        ){d.table_options};
"""


# the state an actor is or acts for, as detente.analysis.common.state_or_id says it (in SQL)
STATE_KEY_SQL = ("CASE WHEN a.id IS NULL THEN k.actor_id"
                 " WHEN a.kind = 'state' THEN COALESCE(NULLIF(a.code, ''), NULLIF(a.country, ''), a.id)"
                 " ELSE COALESCE(NULLIF(a.country, ''), a.id) END")


def state_key(actor_id: str, row: Sequence[Any] | None) -> str:
    """The state key of an actor from its ``(kind, code, country)`` row (None: not stored)."""
    if row is None:
        return actor_id
    kind, code, country = row
    return (code or country or actor_id) if kind == "state" else (country or actor_id)


def links_of(source: Sequence[str], target: Sequence[str]) -> tuple[set[str], set[tuple[str, str]]]:
    """The nodes an event involves and the pairs it links: source to target, or sources together."""
    src, tgt = sorted(set(source)), sorted(set(target))
    nodes = set(src) | set(tgt)
    if tgt:
        return nodes, {(min(s, x), max(s, x)) for s in src for x in tgt if s != x}
    return nodes, {(s, x) for i, s in enumerate(src) for x in src[i + 1:]}


def _milli(intensity: float) -> tuple[int, int]:
    """The intensity in thousandths, and 1 when that loses digits (the roll-up then cannot sum it exactly)."""
    m = round(intensity * 1000)
    return m, int(round(intensity, 3) != intensity or abs(intensity) >= 1e9)


def _add(delta: Delta, keys: dict[str, str], row: tuple[Any, ...], sign: int, month: str | None = None) -> None:
    """Add (``sign`` 1) or take back (-1) one network event's contribution at both levels (``sign`` n: n
    such events); under ``month`` the keys are (level, month, a, b) (:data:`MonthDelta`)."""
    quad, intensity, source, target = row[-4:]
    milli, inexact = _milli(float(intensity))
    coop = int(quad in (1, 2))
    for level in LEVELS:
        def key(x: str, level: str = level) -> str:
            return keys[x] if level == "state" else x
        nodes, pairs = links_of([key(x) for x in source], [key(x) for x in target])
        at: tuple[str, ...] = (level,) if month is None else (level, month)
        for n in nodes:
            v = delta.setdefault((*at, n, NODE), [0, 0, 0, 0, 0])  # type: ignore[arg-type]
            v[0] += sign
        for a, b in pairs:
            v = delta.setdefault((*at, a, b), [0, 0, 0, 0, 0])  # type: ignore[arg-type]
            v[0] += sign
            v[1] += sign * coop
            v[2] += sign * (1 - coop)
            v[3] += sign * milli
            v[4] += sign * inexact


def _merged(db: DB, clusters: Sequence[str] | None) -> Iterable[Event]:
    """Merged real-world events (all of them when ``clusters`` is None), as :meth:`Store.events` merges them.

    Only source, target, modality, quad class and intensity are used here: they
    depend on the members alone (the actor facts and near duplicates a merge also
    takes only decide disputes and confidence).
    """
    current: str | None = None
    members: list[Member] = []
    for m in select_members(db.dialect, db.execute, clusters, "e.cluster_id"):
        if m.cluster != current and members:
            yield merge_cluster(current or "", members)
            members = []
        current = m.cluster
        members.append(m)
    if members:
        yield merge_cluster(current or "", members)


def _row(ev: Event) -> tuple[Any, ...]:
    """(span, start, end, quad class, intensity, source, target) of a merged event."""
    start, end = ev.date.start, ev.date.end
    span = 2 if start is None else 0 if (end or start)[:7] == start[:7] else 1
    return (span, start, end, ev.quad_class, float(ev.intensity or 0.0), list(ev.source), list(ev.target))


_COLUMNS = "cluster_id, span, date_start, date_end, quad_class, intensity, source, target"
_INSERT = f"INSERT INTO network_events({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"


def _record(cluster: str, r: tuple[Any, ...]) -> tuple[Any, ...]:
    return (cluster, *r[:5], json.dumps(r[5]), json.dumps(r[6]))


def _stored_keys(db: DB, actors: set[str]) -> dict[str, str]:
    if not actors:
        return {}
    cond, arg = db.dialect.in_list("actor_id", sorted(actors))
    return {r[0]: r[1] for r in db.execute(f"SELECT actor_id, state FROM network_keys WHERE {cond}", (arg,))}


def _new_keys(db: DB, actors: set[str]) -> dict[str, str]:
    """State keys of actors from the actors table as it is now."""
    if not actors:
        return {}
    cond, arg = db.dialect.in_list("id", sorted(actors))
    rows = {r[0]: (r[1], r[2], r[3]) for r in db.execute(
        f"SELECT id, kind, code, country FROM actors WHERE {cond}", (arg,))}
    return {x: state_key(x, rows.get(x)) for x in actors}


def _write(db: DB, delta: Delta, uses: dict[str, int], new_keys: dict[str, str]) -> None:
    db.add_counts("network_links", ("level", "a", "b"), _SUMS, delta)
    changed = [(x, n) for x, n in sorted(uses.items()) if n]
    if changed:
        db.executemany(
            "INSERT INTO network_keys(actor_id, state, uses) VALUES (?, ?, ?) ON CONFLICT (actor_id)"
            " DO UPDATE SET uses = network_keys.uses + excluded.uses",
            [(x, new_keys.get(x, x), n) for x, n in changed])
        db.execute("DELETE FROM network_keys WHERE uses <= 0")


def refresh(db: DB, clusters: Sequence[str], events: Iterable[Event]) -> None:
    """Recompute these real-world events' contributions (call after their events changed); ``events``:
    their merges (:func:`detente.store.fused.refresh` keeps and returns them)."""
    if not clusters:
        return
    cond, arg = db.dialect.in_list("cluster_id", clusters)
    old = {r[0]: (*r[1:6], json.loads(r[6]), json.loads(r[7])) for r in db.execute(
        f"SELECT {_COLUMNS} FROM network_events WHERE {cond}", (arg,))}
    merged = [ev for ev in events if ev.modality == "asserted"]
    new = {ev.id: _row(ev) for ev in merged}
    gone = {c: r for c, r in old.items() if new.get(c) != r}
    came = {c: r for c, r in new.items() if old.get(c) != r}
    if not gone and not came:
        pasts.refresh_marks(db, clusters, merged)  # migration 11: a tie word or a mode may have changed
        return
    actors_old = {x for r in gone.values() for x in (*r[5], *r[6])}
    actors_new = {x for r in came.values() for x in (*r[5], *r[6])}
    keys = _stored_keys(db, actors_old | actors_new)
    fresh = _new_keys(db, actors_new - set(keys))
    keys.update(fresh)
    delta: Delta = {}
    uses: dict[str, int] = {}
    for r in gone.values():
        _add(delta, keys, r, -1)
        for x in set(r[5]) | set(r[6]):
            uses[x] = uses.get(x, 0) - 1
    for r in came.values():
        _add(delta, keys, r, 1)
        for x in set(r[5]) | set(r[6]):
            uses[x] = uses.get(x, 0) + 1
    if gone:
        gcond, garg = db.dialect.in_list("cluster_id", sorted(gone))
        db.execute(f"DELETE FROM network_events WHERE {gcond}", (garg,))
    if came:
        db.executemany(_INSERT, [_record(c, r) for c, r in sorted(came.items())])
    _write(db, delta, uses, fresh)
    months: Delta = {}
    for rows, sign in ((gone, -1), (came, 1)):
        for r in rows.values():
            if r[0] == 0:  # within one calendar month (migration 12's rows)
                _add(months, keys, r, sign, r[1][:7])
    db.add_counts("network_months", ("level", "month", "a", "b"), _SUMS, months)
    pasts.refresh_counts(db, gone, came, keys)  # migrations 11 and 20's per-pair past
    pasts.refresh_marks(db, clusters, merged)


def merged_events(db: DB, clusters: Sequence[str]) -> Iterable[Event]:
    """The merged versions of these real-world events, as this roll-up merges them."""
    return _merged(db, clusters)


def backfill(db: DB) -> None:
    """Fill the tables from the stored events (migration 7; the tables are empty), streamed in batches."""
    delta: Delta = {}
    uses: dict[str, int] = {}
    keys: dict[str, str] = {}
    batch: list[tuple[Any, ...]] = []

    def flush() -> None:
        keys.update(_new_keys(db, {x for r in batch for x in (*r[6], *r[7])} - set(keys)))
        for r in batch:
            _add(delta, keys, r, 1)
            for x in set(r[6]) | set(r[7]):
                uses[x] = uses.get(x, 0) + 1
        db.executemany(_INSERT, [_record(r[0], r[1:]) for r in batch])
        batch.clear()

    for ev in _merged(db, None):
        if ev.modality == "asserted":
            batch.append((ev.id, *_row(ev)))
            if len(batch) >= 10_000:
                flush()
    if batch:
        flush()
    _write(db, delta, uses, keys)


def create_months_sql(d: Dialect) -> str:
    """Migration 12's ``network_months``: ``network_links`` per calendar month, of the events within one."""
    t = d.text
    return f"""
        CREATE TABLE network_months (
            level {t} NOT NULL, month {t} NOT NULL,      -- 'YYYY-MM' of events with span 0
            a {t} NOT NULL, b {t} NOT NULL,
            events INTEGER NOT NULL, cooperation INTEGER NOT NULL, conflict INTEGER NOT NULL,
            milli INTEGER NOT NULL, inexact INTEGER NOT NULL,
            PRIMARY KEY (level, month, a, b)
        ){d.table_options};
"""


def backfill_months(db: DB) -> None:
    """Fill ``network_months`` from ``network_events`` (migration 12), each event keyed as ``network_links``
    counted it (``network_keys``); events alike (month, class, intensity, sides) are counted together."""
    keys = {r[0]: r[1] for r in db.execute("SELECT actor_id, state FROM network_keys")}
    side = side_parser()
    delta: Delta = {}
    for month, quad, intensity, source, target, n in db.execute(
            "SELECT substr(date_start, 1, 7), quad_class, intensity, source, target, COUNT(*) FROM network_events"
            " WHERE span = 0 GROUP BY substr(date_start, 1, 7), quad_class, intensity, source, target").fetchall():
        _add(delta, keys, (quad, intensity, side(source), side(target)), int(n), month)
    db.add_counts("network_months", ("level", "month", "a", "b"), _SUMS, delta)


def months(q: Query, level: str, first: str, last: str) -> tuple[dict[str, int], Columns] | None:
    """The events within one calendar month from ``first`` to ``last`` ('YYYY-MM') summed at ``level``:
    events per node, and edges as :func:`read_columns` gives them; None when an intensity has more than
    three decimals.  Keyed as counted: the caller checks :func:`stale_keys`."""
    nodes: dict[str, int] = {}
    a: list[str] = []
    b: list[str] = []
    cols: list[list[int]] = [[], [], [], []]
    for r in q("SELECT a, b, SUM(events), SUM(cooperation), SUM(conflict), SUM(milli), SUM(inexact)"
               " FROM network_months WHERE level = ? AND month >= ? AND month <= ? GROUP BY a, b",
               (level, first, last)).fetchall():
        if r[1] == NODE:
            nodes[r[0]] = int(r[2])
            continue
        if int(r[6]):
            return None
        a.append(r[0])
        b.append(r[1])
        for i in range(4):
            cols[i].append(int(r[2 + i]))
    return nodes, (a, b, cols[0], cols[1], cols[2], cols[3])


Query = Callable[[str, Sequence[Any]], Any]


def stale_keys(q: Query) -> int:
    """Actors whose state key in the roll-up is no longer the one the actors table gives."""
    return int(q(f"SELECT COUNT(*) FROM network_keys k LEFT JOIN actors a ON a.id = k.actor_id"
                 f" WHERE k.state <> {STATE_KEY_SQL}", ()).fetchone()[0])


def read(q: Query, level: str) -> tuple[dict[str, int], list[tuple[str, str, int, int, int, float]]] | None:
    """The all-time network at ``level``: events per node, and edges (a, b, events, cooperation, conflict,
    intensity), unordered; None when the roll-up cannot answer exactly (stale state keys, unexact
    intensities).  Nodes and edges are two reads of the level's range, so that neither is told apart
    row by row in Python (a whole network has tens of thousands of edges).
    """
    if level == "state" and stale_keys(q):
        return None
    if q("SELECT 1 FROM network_links WHERE level = ? AND b <> '' AND inexact <> 0 LIMIT 1", (level,)).fetchone():
        return None
    nodes = {a: n for a, n in q("SELECT a, events FROM network_links WHERE level = ? AND b = ''", (level,)).fetchall()}
    edges = [(a, b, n, coop, conflict, round(milli / 1000, 3)) for a, b, n, coop, conflict, milli in q(
        "SELECT a, b, events, cooperation, conflict, milli FROM network_links WHERE level = ? AND b <> ''",
        (level,)).fetchall()]
    return nodes, edges


# a, b, events, cooperation, conflict, milli: the numbers as lists or int64 arrays
Columns = tuple[list[str], list[str], Any, Any, Any, Any]

# every edge of a level as one row of columns (a list's values joined), with its row count and inexact
# sum: tens of thousands of edges as a handful of strings, not a Python row each (PostgreSQL orders
# each aggregate alike; SQLite feeds every aggregate of a query the same rows in the same order)
_COLUMNS_SQL = {
    "sqlite": "SELECT group_concat(a, char(31)), group_concat(b, char(31)), group_concat(events),"
              " group_concat(cooperation), group_concat(conflict), group_concat(milli), COUNT(*),"
              " COALESCE(SUM(inexact <> 0), 0) FROM network_links WHERE level = ? AND b <> ''",
    "postgresql": "SELECT string_agg(a, chr(31) ORDER BY a, b), string_agg(b, chr(31) ORDER BY a, b),"
                  " string_agg(CAST(events AS text), ',' ORDER BY a, b),"
                  " string_agg(CAST(cooperation AS text), ',' ORDER BY a, b),"
                  " string_agg(CAST(conflict AS text), ',' ORDER BY a, b),"
                  " string_agg(CAST(milli AS text), ',' ORDER BY a, b), COUNT(*),"
                  " COALESCE(SUM(CASE WHEN inexact <> 0 THEN 1 ELSE 0 END), 0)"
                  " FROM network_links WHERE level = ? AND b <> ''",
}


def read_columns(q: Query, dialect: Dialect, level: str) -> tuple[dict[str, int], Columns] | None:
    """:func:`read` as columns: events per node, and the edges' a, b, events, cooperation, conflict and
    summed intensity in thousandths, unordered; None when :func:`read` gives None."""
    if level == "state" and stale_keys(q):
        return None
    row = q(dialect.variant(sqlite=_COLUMNS_SQL["sqlite"], postgresql=_COLUMNS_SQL["postgresql"]),
            (level,)).fetchone()
    if int(row[7]):
        return None
    count = int(row[6])
    nodes = {a: int(n) for a, n in q("SELECT a, events FROM network_links WHERE level = ? AND b = ''",
                                     (level,)).fetchall()}
    if not count:
        return nodes, ([], [], [], [], [], [])
    a, b = row[0].split("\x1f"), row[1].split("\x1f")
    if len(a) != count or len(b) != count:  # a key holding the separator: the rows one by one
        rows = q("SELECT a, b, events, cooperation, conflict, milli FROM network_links WHERE level = ? AND b <> ''",
                 (level,)).fetchall()
        return nodes, ([r[0] for r in rows], [r[1] for r in rows], [int(r[2]) for r in rows],
                       [int(r[3]) for r in rows], [int(r[4]) for r in rows], [int(r[5]) for r in rows])
    ints = [_ints(row[i], count) for i in (2, 3, 4, 5)]
    return nodes, (a, b, ints[0], ints[1], ints[2], ints[3])


def _ints(text: str, count: int) -> Any:
    """``count`` whole numbers written with commas, as an int64 array (parsed in C)."""
    found = np.fromstring(text, dtype=np.int64, sep=",")
    if len(found) != count:  # not read to its end (cannot happen with SQL's integers; the plain way)
        found = np.array(list(map(int, text.split(","))), dtype=np.int64)
    return found


def window(q: Query, since: str | None, until: str | None) -> list[tuple[Any, ...]]:
    """Asserted real-world events whose interval overlaps [since, until] (ISO days, either may be None),
    in timeline order: (cluster id, start, end, quad class, intensity, source ids, target ids); the id
    tuples are shared between events naming the same sides.

    Short events are an index range on their start (from the first of ``since``'s month); the few
    longer ones are read by their start alone.
    """
    lo, after = (month_start(since), since) if since else ("", "")
    hi = until or "9999-12-31"
    rows = q(f"SELECT {_COLUMNS} FROM network_events WHERE span = 0 AND date_start >= ? AND date_start <= ?"
             f" AND COALESCE(date_end, date_start) >= ? UNION ALL SELECT {_COLUMNS} FROM network_events"
             f" WHERE span = 1 AND date_start <= ? AND COALESCE(date_end, date_start) >= ?",
             (lo, hi, after, hi, after)).fetchall()
    out = _window_rows(rows)
    out.sort(key=lambda r: (r[1], r[2] or "", r[0]))  # dated: every start is a day
    return out


def _window_rows(rows: Iterable[Sequence[Any]]) -> list[tuple[Any, ...]]:
    """:func:`window`'s rows from ``network_events`` rows (``_COLUMNS``); the id tuples shared between events
    naming the same sides (most events name one state a side)."""
    side = side_parser()
    return [(r[0], r[2], r[3], r[4], float(r[5]), side(r[6]), side(r[7])) for r in rows]


def rows_of(q: Query, d: Dialect, clusters: Sequence[str]) -> list[tuple[Any, ...]]:
    """:func:`window`'s rows of these real-world events (those asserted), unordered."""
    if not clusters:
        return []
    cond, arg = d.in_list("cluster_id", clusters)
    return _window_rows(q(f"SELECT {_COLUMNS} FROM network_events WHERE {cond}", (arg,)).fetchall())


Group = tuple[tuple[str, ...], tuple[str, ...], int, int, int]  # source ids, target ids, coop, milli, events


def window_groups(q: Query, since: str | None, until: str | None,
                  without: tuple[str, str] | None = None) -> list[Group] | None:
    """The events :func:`window` gives, counted in the database per (source ids, target ids, cooperative
    (quad class 1-2) or not, intensity): (source ids, target ids, 1 or 0, intensity in thousandths,
    events), unordered; the id tuples are shared between groups naming the same sides.  None when an
    intensity has more than three decimals (the thousandths would not sum to what the timeline sums).

    A window holds thousands of events but far fewer such groups (most events name one state a side
    and a handful of intensities), so the caller adds up groups, not events.  ``without`` ('YYYY-MM'
    first and last) leaves out the events within one of those calendar months (read from
    :func:`months` instead).
    """
    lo = month_start(since) if since else ""
    hi, after = until or "9999-12-31", since or ""
    coop = "CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END"
    short = (f"SELECT source, target, {coop} AS coop, intensity FROM network_events WHERE span = 0"
             " AND date_start >= ? AND date_start <= ? AND COALESCE(date_end, date_start) >= ?")
    args: list[Any] = [lo, hi, after]
    if without is not None:  # the days before the first month and after the last: two ranges
        first, last = without
        end = _next_month(last)
        short = (f"{short} AND date_start < ? UNION ALL SELECT source, target, {coop}, intensity FROM network_events"
                 " WHERE span = 0 AND date_start >= ? AND date_start <= ? AND COALESCE(date_end, date_start) >= ?")
        args = [lo, hi, after, f"{first}-01", max(lo, end), hi, after]
    rows = q(f"SELECT source, target, coop, intensity, COUNT(*) FROM ({short}"
             f" UNION ALL SELECT source, target, {coop}, intensity"
             " FROM network_events WHERE span = 1 AND date_start <= ? AND COALESCE(date_end, date_start) >= ?"
             ") w GROUP BY source, target, coop, intensity", (*args, hi, after)).fetchall()
    side = side_parser()
    millis: dict[float, int] = {}
    out: list[Group] = []
    for source, target, coop, intensity, n in rows:
        src, tgt = side(source), side(target)
        m = millis.get(intensity)
        if m is None:
            m, inexact = _milli(float(intensity))
            if inexact:
                return None
            millis[intensity] = m
        out.append((src, tgt, int(coop), m, int(n)))
    return out


def _next_month(month: str) -> str:
    """The first day of the month after ``month`` ('YYYY-MM'), ISO."""
    if month >= "9999-12":
        return "9999-12-32"  # after every ISO day
    y, m = int(month[:4]), int(month[5:7])
    return f"{y + m // 12:04d}-{m % 12 + 1:02d}-01"


def top(q: Query, level: str, nodes: bool, n: int) -> list[tuple[str, str, int, int, int]] | None:
    """The rows of the ``n`` busiest nodes (``nodes``) or edges at ``level`` and every row tied with the
    last: (a, b, events, cooperation, conflict), unordered (the caller orders them as the network does,
    which SQL collations need not).  None when state keys are stale (see :func:`read`)."""
    if level == "state" and stale_keys(q):
        return None
    side = "b = ''" if nodes else "b <> ''"
    row = q(f"SELECT events FROM network_links WHERE level = ? AND {side} ORDER BY events DESC LIMIT 1 OFFSET ?",
            (level, max(n - 1, 0))).fetchone()
    least = int(row[0]) if row else 0
    return [(r[0], r[1], int(r[2]), int(r[3]), int(r[4])) for r in q(
        f"SELECT a, b, events, cooperation, conflict FROM network_links WHERE level = ? AND {side} AND events >= ?",
        (level, least))]



def before(q: Query, until: str) -> list[tuple[str, str, int, int]]:
    """Asserted real-world events whose merged interval starts on or before ``until`` (an ISO day), counted
    per pair of merged sides: (source ids, target ids -- as stored, JSON lists --, cooperative events
    (quad classes 1-2), conflictual ones (3-4)), unordered.  What :func:`detente.analysis.changes` needs
    of "what came before": who acted with whom, and how (an index range, grouped in the database)."""
    return [(r[0], r[1], int(r[2]), int(r[3])) for r in q(
        "SELECT source, target, SUM(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END) FROM network_events"
        " WHERE span IN (0, 1) AND date_start <= ? GROUP BY source, target", (until,)).fetchall()]


def started_between(q: Query, since: str, until: str) -> list[tuple[str, str, int, int]]:
    """:func:`before` of the events whose merged interval starts in [since, until] (ISO days)."""
    return [(r[0], r[1], int(r[2]), int(r[3])) for r in q(
        "SELECT source, target, SUM(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END),"
        " SUM(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END) FROM network_events"
        " WHERE span IN (0, 1) AND date_start >= ? AND date_start <= ? GROUP BY source, target",
        (since, until)).fetchall()]
