"""Migration 11: what came before a window, per pair of states, for ``detente changes``.

:func:`detente.analysis.changes.changes` compares a window with everything before
it: per pair of states of the window's events, the cooperative and conflictual
events before (a pair with none never interacted), the earliest event naming each
standing tie and the latest visit.  Counted from the network roll-up's merged
events (:mod:`.links`) that is a read of every earlier event's sides (seconds at a
million events); these tables hold it per pair.

``pair_periods`` counts, per unordered pair ``a < b`` of state keys (the keys
``network_keys`` records, as :func:`.links.links_of` pairs an event's sides) and
calendar year (``unit`` 'year', period '2024') or month ('month', '2024-03') of
the merged start, the asserted dated real-world events, and those of them that
cooperate (quad classes 1-2) or conflict (3-4).  Everything before a day is then
at most the earlier years, the earlier months of its year and the days of its month
(those read from ``network_events``).

``pair_marks`` has one row per pair and asserted dated real-world event whose
merged version names a standing tie (:func:`detente.fusion.tie_word`, with the
rules ``store_meta`` records under :data:`META`), has a mode (a visit is one) or
whose evidence holds a tie word (a break names one): its dates, type, mode, tie
and first tie word, so that a pair's earlier ties and visits are one index range,
and a window's events that may name, break or visit are a range of days.

The writer keeps both: :func:`.links.refresh` calls :func:`refresh_counts` with the
network rows it takes back and adds, and :func:`refresh_marks` with the merged events
it rebuilt.  A reader falls back to the plain computation when the state keys are
stale (as the network does) or the tie rules changed since the marks were made.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..fusion.rules import rules, tie_signature, tie_word
from ..model import Event
from .dialect import DB, Dialect
from .leads import month_start

META = "pair_marks_rules"  # store_meta: the tie rules pair_marks was made with
Pair = tuple[str, str]
Query = Callable[[str, Sequence[Any]], Any]


def create_sql(d: Dialect) -> str:
    """The tables (no rows; :func:`backfill` fills them)."""
    t = d.text
    return f"""
        CREATE TABLE pair_periods (
            a {t} NOT NULL, b {t} NOT NULL,          -- state keys, a < b
            unit {t} NOT NULL,                       -- 'year' or 'month'
            period {t} NOT NULL,                     -- '2024' or '2024-03': of the merged start
            events INTEGER NOT NULL, cooperation INTEGER NOT NULL, conflict INTEGER NOT NULL,
            PRIMARY KEY (a, b, unit, period)
        ){d.table_options};
        CREATE TABLE pair_marks (
            a {t} NOT NULL, b {t} NOT NULL,          -- state keys, a < b
            day {t} NOT NULL, date_end {t},          -- the merged interval
            span INTEGER NOT NULL,                   -- 0 within one calendar month, 1 longer
            cluster_id {t} NOT NULL,
            type {t} NOT NULL, mode {t},             -- the merged event's type and mode,
            tie {t}, word {t},                       -- the tie it names, the first tie word its evidence holds
            PRIMARY KEY (a, b, day, cluster_id)
        ){d.table_options};
        CREATE INDEX pair_marks_cluster ON pair_marks(cluster_id);
        CREATE INDEX pair_marks_day ON pair_marks(span, day);
"""


def pairs_of(source: Iterable[str], target: Iterable[str], keys: dict[str, str]) -> set[Pair]:
    """The pairs of state keys an event links (:func:`.links.links_of` of its keyed sides)."""
    src = sorted({keys.get(x, x) for x in source})
    tgt = sorted({keys.get(x, x) for x in target})
    if tgt:
        return {(min(s, x), max(s, x)) for s in src for x in tgt if s != x}
    return {(s, x) for i, s in enumerate(src) for x in src[i + 1:]}


Delta = dict[tuple[str, str, str, str], list[int]]  # (a, b, unit, period) -> [events, cooperation, conflict]


def side_parser() -> Callable[[str], tuple[str, ...]]:
    """A reader of stored side lists (``network_events.source``/``target``, JSON arrays of actor ids):
    each distinct text parsed once, as a tuple the rows share (most rows name one state a side)."""
    return functools.cache(lambda text: tuple(json.loads(text)))


def _count(delta: Delta, keys: dict[str, str], row: Sequence[Any], sign: int) -> None:
    """Add (1) or take back (-1) one network row ``(span, start, end, quad, intensity, source, target)``."""
    span, start, quad = row[0], row[1], row[3]
    if span not in (0, 1) or not start:
        return
    coop, conflict = int(quad in (1, 2)), int(quad in (3, 4))
    for a, b in pairs_of(row[5], row[6], keys):
        for unit, period in (("year", start[:4]), ("month", start[:7])):
            v = delta.setdefault((a, b, unit, period), [0, 0, 0])
            v[0] += sign
            v[1] += sign * coop
            v[2] += sign * conflict


def refresh_counts(db: DB, gone: Iterable[Sequence[Any]], came: Iterable[Sequence[Any]],
                   keys: dict[str, str]) -> None:
    """Move the counts from the network rows taken back to those added (``keys``: each actor's state key
    as the network roll-up counts it)."""
    delta: Delta = {}
    for r in gone:
        _count(delta, keys, r, -1)
    for r in came:
        _count(delta, keys, r, 1)
    db.add_counts("pair_periods", ("a", "b", "unit", "period"), ("events", "cooperation", "conflict"), delta)


def _stored_keys(db: DB, actors: set[str]) -> dict[str, str]:
    if not actors:
        return {}
    cond, arg = db.dialect.in_list("actor_id", sorted(actors))
    return {r[0]: r[1] for r in db.execute(f"SELECT actor_id, state FROM network_keys WHERE {cond}", (arg,))}


def _word(ev: Event) -> str | None:
    """The first tie word the event's evidence holds (as :func:`detente.analysis.changes` reads a break)."""
    text = " ".join(m.text for m in ev.mentions).lower()
    return next((w for w in rules().tie_words if w in text), None)


def _marked(ev: Event) -> bool:
    return ev.modality == "asserted" and bool(ev.date.start) and bool(ev.mode or tie_word(ev) or _word(ev))


def _marks(events: Iterable[Event], keys: dict[str, str]) -> list[tuple[Any, ...]]:
    out = []
    for ev in events:
        if not _marked(ev):
            continue
        start, end = ev.date.start or "", ev.date.end
        span = 0 if (end or start)[:7] == start[:7] else 1
        tie, mode, word = tie_word(ev), ev.mode or None, _word(ev)
        for a, b in sorted(pairs_of(ev.source, ev.target, keys)):
            out.append((a, b, start, end, span, ev.id, ev.type, mode, tie, word))
    return out


_INSERT_MARK = ("INSERT INTO pair_marks(a, b, day, date_end, span, cluster_id, type, mode, tie, word)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def refresh_marks(db: DB, clusters: Sequence[str], merged: Iterable[Event]) -> None:
    """Rebuild the marks of these real-world events from their merged versions (after ``network_keys``
    counts their actors)."""
    if not clusters:
        return
    cond, arg = db.dialect.in_list("cluster_id", clusters)
    db.execute(f"DELETE FROM pair_marks WHERE {cond}", (arg,))
    events = [ev for ev in merged if _marked(ev)]
    if events:
        keys = _stored_keys(db, {x for ev in events for x in (*ev.source, *ev.target)})
        rows = _marks(events, keys)
        if rows:
            db.executemany(_INSERT_MARK, rows)


def backfill(db: DB, merged: Callable[[DB, Sequence[str]], Iterable[Event]]) -> None:
    """Fill the tables (migration 11; they are empty) from migration 7's rows and the merged events that
    may name a tie (a version of a tie type, a version whose text holds a tie word) or have a mode."""
    keys = {r[0]: r[1] for r in db.execute("SELECT actor_id, state FROM network_keys")}
    delta: Delta = {}
    side = side_parser()
    for span, start, end, quad, source, target in db.execute(
            "SELECT span, date_start, date_end, quad_class, source, target FROM network_events"
            " WHERE span IN (0, 1)").fetchall():
        _count(delta, keys, (span, start, end, quad, 0.0, side(source), side(target)), 1)
    db.add_counts("pair_periods", ("a", "b", "unit", "period"), ("events", "cooperation", "conflict"), delta)
    r = rules()
    d = db.dialect
    said = " OR ".join(["LOWER(data) LIKE ?"] * len(r.tie_words)) or "0 = 1"
    mode = d.json_field("data", "mode")
    candidates = {row[0] for row in db.execute(
        f"SELECT DISTINCT cluster_id FROM events WHERE {mode} IS NOT NULL AND {mode} <> ''")}
    worded = {row[0] for row in db.execute(f"SELECT DISTINCT cluster_id FROM events WHERE {said}",
                                           [f"%{w.lower()}%" for w in r.tie_words])} if r.tie_words else set()
    candidates |= worded  # a tie named needs a word too; a break is read from the words alone
    asserted = {row[0] for row in db.execute("SELECT cluster_id FROM network_events WHERE span IN (0, 1)")}
    wanted = sorted(candidates & asserted)
    for i in range(0, len(wanted), 5_000):
        rows = _marks(merged(db, wanted[i:i + 5_000]), keys)
        if rows:
            db.executemany(_INSERT_MARK, rows)
    db.execute(d.upsert("store_meta", ("name", "value"), ("name",), replace=True), (META, tie_signature(r)))


def usable(q: Query) -> bool:
    """The marks were made with the tie rules in force now."""
    row = q("SELECT value FROM store_meta WHERE name = ?", (META,)).fetchone()
    return row is not None and row[0] == tie_signature()


def _pairs_join(d: Dialect, pairs: Sequence[Pair], table: str) -> tuple[str, list[Any]]:
    """A FROM clause joining ``table`` (alias ``t``) with these pairs (one index seek each), and its args."""
    rows, args = d.pair_rows(pairs)
    return f"{rows} JOIN {table} t ON t.a = j.a AND t.b = j.b", args


def counts_before(q: Query, d: Dialect, pairs: Sequence[Pair], month: str) -> dict[Pair, tuple[int, int, int]]:
    """Per pair (a < b): (events, cooperative, conflictual) of the whole years and months before ``month``
    ('YYYY-MM'); pairs with none are left out."""
    if not pairs:
        return {}
    join, args = _pairs_join(d, sorted(set(pairs)), "pair_periods")
    # two index ranges per pair: its earlier years, and its year's earlier months
    sums = f"SELECT t.a, t.b, SUM(t.events), SUM(t.cooperation), SUM(t.conflict) FROM {join}"
    rows = q(f"{sums} WHERE t.unit = 'year' AND t.period < ? GROUP BY t.a, t.b UNION ALL"
             f" {sums} WHERE t.unit = 'month' AND t.period >= ? AND t.period < ? GROUP BY t.a, t.b",
             (*args, month[:4], *args, month[:4] + "-01", month)).fetchall()
    out: dict[Pair, tuple[int, int, int]] = {}
    for a, b, events, coop, conflict in rows:
        old = out.get((a, b), (0, 0, 0))
        out[(a, b)] = (old[0] + int(events), old[1] + int(coop), old[2] + int(conflict))
    return {p: c for p, c in out.items() if c[0]}


def seen_before(q: Query, d: Dialect, pairs: Sequence[Pair], month: str) -> set[Pair]:
    """The pairs (a < b) with an event starting in a month before ``month`` ('YYYY-MM'): those
    :func:`counts_before` gives, told apart without summing their years (one index seek each)."""
    if not pairs:
        return set()
    rows, args = d.pair_rows(sorted(set(pairs)))
    return {(r[0], r[1]) for r in q(
        f"SELECT j.a, j.b FROM {rows} WHERE EXISTS (SELECT 1 FROM pair_periods t WHERE t.a = j.a AND t.b = j.b"
        " AND t.unit = 'month' AND t.period < ? AND t.events > 0)", (*args, month)).fetchall()}


Mark = tuple[str, str, str, str | None, str, str, str | None, str | None, str | None]


def marks_in(q: Query, since: str, until: str | None) -> list[Mark]:
    """The marks of events whose merged interval overlaps [since, until] (ISO days), one row per pair:
    (a, b, day, end, cluster id, type, mode, tie, word).  Short ones are a range of starts from the first
    of ``since``'s month; the few longer ones are read by their start."""
    lo = month_start(since)
    hi = until or "9999-12-31"
    cols = "a, b, day, date_end, cluster_id, type, mode, tie, word"
    rows = q(f"SELECT {cols} FROM pair_marks WHERE span = 0 AND day >= ? AND day <= ?"
             f" UNION ALL SELECT {cols} FROM pair_marks WHERE span = 1 AND day <= ? AND COALESCE(date_end, day) >= ?",
             (lo, hi, hi, since)).fetchall()
    return [tuple(r) for r in rows if (r[3] or r[2]) >= since and r[2] <= hi]  # type: ignore[misc]


def marks_of(q: Query, d: Dialect, clusters: Sequence[str]) -> list[Mark]:
    """:func:`marks_in`'s rows of these real-world events."""
    if not clusters:
        return []
    cond, arg = d.in_list("cluster_id", clusters)
    rows = q(f"SELECT a, b, day, date_end, cluster_id, type, mode, tie, word FROM pair_marks WHERE {cond}",
             (arg,)).fetchall()
    return [tuple(r) for r in rows]  # type: ignore[misc]


def marks_before(q: Query, d: Dialect, pairs: Sequence[Pair], until: str,
                 ) -> list[tuple[str, str, str, str | None, str, str | None, str | None]]:
    """The marks of these pairs starting on or before ``until`` (an ISO day): (a, b, day, end, cluster id,
    tie, mode)."""
    if not pairs:
        return []
    join, args = _pairs_join(d, sorted(set(pairs)), "pair_marks")
    return [tuple(r) for r in q(f"SELECT t.a, t.b, t.day, t.date_end, t.cluster_id, t.tie, t.mode FROM {join}"
                                f" WHERE t.day <= ?", (*args, until)).fetchall()]
