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

import datetime as dt
import functools
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from importlib import resources
from typing import Any

import yaml

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


def refresh_counts(db: DB, gone: Mapping[str, Sequence[Any]], came: Mapping[str, Sequence[Any]],
                   keys: dict[str, str]) -> None:
    """Move the counts from the network rows taken back to those added (cluster -> row; ``keys``: each
    actor's state key as the network roll-up counts it), with migration 20's rows (:func:`refresh_events`)."""
    delta: Delta = {}
    for r in gone.values():
        _count(delta, keys, r, -1)
    for r in came.values():
        _count(delta, keys, r, 1)
    db.add_counts("pair_periods", ("a", "b", "unit", "period"), ("events", "cooperation", "conflict"), delta)
    refresh_events(db, gone, came, keys, [k for k, v in delta.items() if any(v)])
    db.add_counts("event_periods", ("unit", "period"), ("events",), _periods(gone.values(), came.values()))


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
    moved = [tuple(r) for r in db.execute(f"SELECT a, b, day FROM pair_marks WHERE {cond}", (arg,))]
    db.execute(f"DELETE FROM pair_marks WHERE {cond}", (arg,))
    events = [ev for ev in merged if _marked(ev)]
    if events:
        keys = _stored_keys(db, {x for ev in events for x in (*ev.source, *ev.target)})
        rows = _marks(events, keys)
        if rows:
            db.executemany(_INSERT_MARK, rows)
            moved += [r[:3] for r in rows]
    first: dict[Pair, str] = {}  # per pair, the first day whose marks changed
    for a, b, day in moved:
        if (a, b) not in first or day < first[(a, b)]:
            first[(a, b)] = day
    refresh_flags(db, first)  # migration 23: the later marks of these pairs see other earlier marks


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


def backfill_before(db: DB) -> None:
    """Migration 20's earlier counts of every ``pair_periods`` row (after :func:`backfill`)."""
    db.execute(_BEFORE)


def usable(q: Query) -> bool:
    """The marks were made with the tie rules in force now."""
    row = q("SELECT value FROM store_meta WHERE name = ?", (META,)).fetchone()
    return row is not None and row[0] == tie_signature()


def _pairs_join(d: Dialect, pairs: Sequence[Pair], table: str) -> tuple[str, list[Any]]:
    """A FROM clause joining ``table`` (alias ``t``) with these pairs (one index seek each), and its args."""
    rows, args = d.pair_rows(pairs)
    return f"{rows} {d.outer_first_join} {table} t ON t.a = j.a AND t.b = j.b", args


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


def marks_before(q: Query, d: Dialect, named: Sequence[Pair], visited: Sequence[Pair], modes: Sequence[str],
                 until: str) -> list[tuple[str, str, str, str | None, str, str | None, str | None]]:
    """Marks starting on or before ``until`` (an ISO day): of the ``named`` pairs, the earliest naming each
    tie (by day, end and id: the least of them written in one text, found in the database), and of the
    ``visited`` pairs, those in one of ``modes``: (a, b, day, end, cluster id, tie, mode)."""
    out: list[tuple[str, str, str, str | None, str, str | None, str | None]] = []
    if named:
        join, args = _pairs_join(d, sorted(set(named)), "pair_marks")
        for a, b, tie, first in q(f"SELECT t.a, t.b, t.tie, MIN(t.day || ' ' || COALESCE(t.date_end, '') || ' '"
                                  f" || t.cluster_id) FROM {join} WHERE t.day <= ? AND t.tie IS NOT NULL"
                                  " GROUP BY t.a, t.b, t.tie", (*args, until)).fetchall():
            day, end, cluster = first.split(" ", 2)  # a day and an end hold no space
            out.append((a, b, day, end or None, cluster, tie, None))
    if visited and modes:
        join, args = _pairs_join(d, sorted(set(visited)), "pair_marks")
        cond, arg = d.in_list("t.mode", sorted(modes))
        out += [tuple(r) for r in q(f"SELECT t.a, t.b, t.day, t.date_end, t.cluster_id, NULL, t.mode FROM {join}"
                                    f" WHERE t.day <= ? AND {cond}", (*args, until, arg)).fetchall()]
    return out


# -- migration 20: each period's counts before it, and each pair's events ------------------------

_BEFORE = ("UPDATE pair_periods SET (before_events, before_cooperation, before_conflict) = ("
           "SELECT COALESCE(SUM(t.events), 0), COALESCE(SUM(t.cooperation), 0), COALESCE(SUM(t.conflict), 0)"
           " FROM pair_periods t WHERE t.a = pair_periods.a AND t.b = pair_periods.b AND t.unit = pair_periods.unit"
           " AND t.period < pair_periods.period)")


def upgrade_sql(d: Dialect) -> str:
    """Migration 20: ``pair_periods`` gains, per row, the pair's counts in the earlier periods of its unit
    (so that a window's first row of a pair says what came before it) and an index by period; and
    ``pair_events``, one row per pair of state keys and asserted dated real-world event (filled by
    :func:`backfill_events`)."""
    t = d.text
    return f"""
        ALTER TABLE pair_periods ADD COLUMN before_events INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE pair_periods ADD COLUMN before_cooperation INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE pair_periods ADD COLUMN before_conflict INTEGER NOT NULL DEFAULT 0;
        {_BEFORE};
        CREATE INDEX pair_periods_period ON pair_periods(unit, period, a, b, events, cooperation, conflict,
                                                         before_events, before_cooperation, before_conflict);
        CREATE TABLE pair_events (
            a {t} NOT NULL, b {t} NOT NULL,          -- state keys, a < b
            span INTEGER NOT NULL,                   -- 0 within one calendar month, 1 longer
            day {t} NOT NULL, date_end {t},          -- the merged interval
            cluster_id {t} NOT NULL,
            quad_class INTEGER,
            PRIMARY KEY (a, b, span, day, cluster_id)
        ){d.table_options};
        CREATE INDEX pair_events_cluster ON pair_events(cluster_id);
        CREATE INDEX pair_events_day ON pair_events(span, day, date_end, a, b, quad_class);
"""


def _event_rows(cluster: str, row: Sequence[Any], keys: dict[str, str]) -> list[tuple[Any, ...]]:
    """``pair_events`` rows of one network row ``(span, start, end, quad, intensity, source, target)``."""
    span, start, end, quad = row[0], row[1], row[2], row[3]
    if span not in (0, 1) or not start:
        return []
    return [(a, b, span, start, end, cluster, quad) for a, b in sorted(pairs_of(row[5], row[6], keys))]


_INSERT_EVENT = ("INSERT INTO pair_events(a, b, span, day, date_end, cluster_id, quad_class)"
                 " VALUES (?, ?, ?, ?, ?, ?, ?)")


def refresh_events(db: DB, gone: Mapping[str, Sequence[Any]], came: Mapping[str, Sequence[Any]],
                   keys: dict[str, str], touched: Iterable[tuple[str, str, str, str]]) -> None:
    """Migration 20's rows after :func:`refresh_counts`: the pair rows of the real-world events taken back
    (``gone``) and added (``came``, cluster -> network row), and the earlier counts of the ``pair_periods``
    rows at or after each ``touched`` key ``(a, b, unit, period)``."""
    if gone:
        cond, arg = db.dialect.in_list("cluster_id", sorted(gone))
        db.execute(f"DELETE FROM pair_events WHERE {cond}", (arg,))
    rows = [x for c, r in sorted(came.items()) for x in _event_rows(c, r, keys)]
    if rows:
        db.executemany(_INSERT_EVENT, rows)
    first: dict[tuple[str, str, str], str] = {}
    for a, b, unit, period in touched:
        k = (a, b, unit)
        if k not in first or period < first[k]:
            first[k] = period
    if first:
        db.executemany(f"{_BEFORE} WHERE a = ? AND b = ? AND unit = ? AND period >= ?",
                       [(*k, p) for k, p in sorted(first.items())])


def backfill_events(db: DB) -> None:
    """Fill ``pair_events`` (migration 20; it is empty) from migration 7's rows, keyed as they were counted."""
    keys = {r[0]: r[1] for r in db.execute("SELECT actor_id, state FROM network_keys")}
    side = side_parser()
    rows: list[tuple[Any, ...]] = []
    for cluster, span, start, end, quad, source, target in db.execute(
            "SELECT cluster_id, span, date_start, date_end, quad_class, source, target FROM network_events"
            " WHERE span IN (0, 1)").fetchall():
        rows += _event_rows(cluster, (span, start, end, quad, 0.0, side(source), side(target)), keys)
        if len(rows) >= 50_000:
            db.executemany(_INSERT_EVENT, rows)
            rows = []
    if rows:
        db.executemany(_INSERT_EVENT, rows)


Counts = tuple[int, int, int]  # events, cooperative (quad classes 1-2), conflictual (3-4)


def _month_end(month: str) -> str:
    """The last day of a calendar month ('YYYY-MM')."""
    y, m = int(month[:4]), int(month[5:7])
    if m == 12:
        return f"{month}-31"
    return (dt.date(y, m + 1, 1) - dt.timedelta(days=1)).isoformat()


def _days(lo: str, up: str) -> int:
    """How many days [lo, up] holds (ISO days)."""
    return (dt.date.fromisoformat(up) - dt.date.fromisoformat(lo)).days + 1


def _day(day: str, shift: int) -> str:
    return (dt.date.fromisoformat(day) + dt.timedelta(days=shift)).isoformat()


def _pieces(first: str, last: str) -> list[tuple[str, str, str]]:
    """The calendar months ``first``..``last`` ('YYYY-MM') as (unit, from, to) ranges of ``pair_periods``:
    whole years as years, the rest as months."""
    fy = int(first[:4]) + (first[5:] != "01")
    ly = int(last[:4]) - (last[5:] != "12")
    if fy > ly:
        return [("month", first, last)]
    out = []
    if first < f"{fy:04d}-01":
        out.append(("month", first, f"{fy - 1:04d}-12"))
    out.append(("year", f"{fy:04d}", f"{ly:04d}"))
    if last > f"{ly:04d}-12":
        out.append(("month", f"{ly + 1:04d}-01", last))
    return out


def _months(piece: tuple[str, str, str]) -> int:
    """How many calendar months a piece of :func:`_pieces` covers."""
    unit, lo, up = piece
    if unit == "year":
        return 12 * (int(up) - int(lo) + 1)
    return int(up[:4]) * 12 + int(up[5:7]) - int(lo[:4]) * 12 - int(lo[5:7]) + 1


# -- migration 22: the events of each period ---------------------------------------------------


def periods_sql(d: Dialect) -> str:
    """Migration 22: ``event_periods``, the asserted dated real-world events per calendar year and month of
    their merged start (the events of every pair at once), filled from the network roll-up."""
    t = d.text
    return f"""
        CREATE TABLE event_periods (
            unit {t} NOT NULL, period {t} NOT NULL,  -- 'year' '2024' or 'month' '2024-03': of the merged start
            events INTEGER NOT NULL,
            PRIMARY KEY (unit, period)
        ){d.table_options};
        {backfill_periods_sql()};
"""


def backfill_periods_sql() -> str:
    """``event_periods`` from migration 7's rows (the table is empty)."""
    return ("INSERT INTO event_periods(unit, period, events) SELECT unit, period, COUNT(*) FROM ("
            "SELECT 'year' AS unit, substr(date_start, 1, 4) AS period FROM network_events WHERE span IN (0, 1)"
            " AND date_start IS NOT NULL AND date_start <> '' UNION ALL"
            " SELECT 'month', substr(date_start, 1, 7) FROM network_events WHERE span IN (0, 1)"
            " AND date_start IS NOT NULL AND date_start <> '') p GROUP BY unit, period")


def _periods(gone: Iterable[Sequence[Any]], came: Iterable[Sequence[Any]]) -> dict[tuple[str, str], int]:
    """The change of ``event_periods`` from the network rows taken back and added."""
    delta: dict[tuple[str, str], int] = {}
    for rows, sign in ((gone, -1), (came, 1)):
        for r in rows:
            if r[0] in (0, 1) and r[1]:
                for k in (("year", r[1][:4]), ("month", r[1][:7])):
                    delta[k] = delta.get(k, 0) + sign
    return delta


def window_total(q: Query, since: str, until: str | None) -> int:
    """How many asserted dated real-world events overlap [since, until] (ISO days; ``until`` None: no end):
    the events of the months covering it (``event_periods``, whole years as years), less those of the
    first and last months' days outside it, plus those started before it and running into it (counted in
    ``network_events``, a range of days each)."""
    hi = until or "9999-12-31"
    first, last = since[:7], hi[:7]
    month_first, last_day = first + "-01", _month_end(last)
    total = 0
    for unit, lo, up in _pieces(first, last):
        total += int(q("SELECT COALESCE(SUM(events), 0) FROM event_periods WHERE unit = ? AND period >= ?"
                       " AND period <= ?", (unit, lo, up)).fetchone()[0])

    def started(lo: str, up: str) -> int:
        return int(q("SELECT COUNT(*) FROM network_events WHERE span IN (0, 1) AND date_start >= ?"
                     " AND date_start <= ?", (lo, up)).fetchone()[0])

    if since > month_first:
        total -= started(month_first, _day(since, -1))
    if hi < last_day:
        total -= started(_day(hi, 1), last_day)
    return total + int(q(
        "SELECT (SELECT COUNT(*) FROM network_events WHERE span = 0 AND date_start >= ? AND date_start < ?"
        " AND COALESCE(date_end, date_start) >= ?) + (SELECT COUNT(*) FROM network_events WHERE span = 1"
        " AND date_start < ? AND COALESCE(date_end, date_start) >= ?)",
        (month_first, since, since, since, since)).fetchone()[0])


def window_pairs(q: Query, d: Dialect, since: str, until: str | None, least: int,
                 only: Sequence[str] | None = None, moved: float | None = None) -> dict[Pair, tuple[Counts, Counts]]:
    """The pairs of state keys (a < b) with an asserted dated real-world event overlapping [since, until]
    (ISO days; ``until`` None: no end) that had none before ``since`` or have at least ``least``
    cooperative or conflictual ones both in the window and before it: (their events overlapping the
    window, their events starting before ``since``), each as (events, cooperative, conflictual).
    ``only``: the pairs with one of these keys.  ``moved``: of the latter, only those whose share of
    cooperative ones moved by about that much or more (some that moved a hair less may come too).

    The window's whole calendar months are rows of ``pair_periods`` (whole years as years), each pair's
    first row saying what came before it; the days of its first and last month outside the window are
    taken back (rows of ``pair_events``, or the month's row less the days inside, whichever reads fewer
    days), and the events starting before ``since`` and still running on it added.  The pairs none of
    that touches are filtered in the database; the others are read whole and counted here.  Keyed
    as counted: the caller checks :func:`usable` and stale keys."""
    hi = until or "9999-12-31"
    first, last = since[:7], hi[:7]
    month_first, first_end = first + "-01", _month_end(first)
    last_first, last_day = last + "-01", _month_end(last)
    # a first month mostly before the window: its days in the window are read, not its row summed
    apart = since > month_first and first != last and _days(since, first_end) * 2 < _days(month_first, first_end)
    keep, keep_args = "", []
    if only is not None:
        ca, aa = d.in_list("a", sorted(set(only)))
        cb, ab = d.in_list("b", sorted(set(only)))
        keep, keep_args = f" AND ({ca} OR {cb})", [aa, ab]
    # what the days of the first and last months outside the window, and the events running into it,
    # change: per pair, [window events, cooperative, conflictual, the same before the window]
    delta: dict[Pair, list[Any]] = {}

    def add(p: Pair, c: Sequence[Any], sign: int, added: int) -> None:
        v = delta.get(p)
        if v is None:
            v = delta[p] = [0, 0, 0, 0, 0, 0]
        v[0] += sign * c[0]
        v[1] += sign * c[1]
        v[2] += sign * c[2]
        v[3] += added * c[0]
        v[4] += added * c[1]
        v[5] += added * c[2]

    cols = "a, b, events, cooperation, conflict, before_events, before_cooperation, before_conflict"

    def month_rows(period: str) -> list[Any]:
        return q(f"SELECT {cols} FROM pair_periods WHERE unit = 'month' AND period = ?{keep}",
                 (period, *keep_args)).fetchall()

    def started(lo: str, up: str, sign: int, added: int) -> None:  # the events starting in [lo, up]
        for r in q("SELECT a, b, COUNT(*), SUM(CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END),"
                   " SUM(CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END) FROM pair_events"
                   f" WHERE span IN (0, 1) AND day >= ? AND day <= ?{keep} GROUP BY a, b",
                   (lo, up, *keep_args)).fetchall():
            add((r[0], r[1]), r[2:5], sign, added)

    def outside(lo: str, up: str, inside: tuple[str, str], added: int) -> None:
        """Take back from the window the events starting in [lo, up], days of one month outside it (and
        add them to those before it when ``added``): read, or as the month's row less the days inside."""
        if _days(lo, up) * 2 <= _days(lo[:7] + "-01", _month_end(lo[:7])):
            started(lo, up, -1, added)
            return
        for r in month_rows(lo[:7]):
            add((r[0], r[1]), r[2:5], -1, added)
        started(*inside, 1, -added)

    def before_window(lo: str, up: str) -> None:
        """The events starting in [lo, up], days of the first month before the window: before it, and
        in it only when they run into it (read with them: the events running in are not read again)."""
        for r in q("SELECT a, b, COUNT(*), SUM(c), SUM(x), SUM(r), SUM(r * c), SUM(r * x) FROM (SELECT a, b,"
                   " CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END AS c,"
                   " CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END AS x,"
                   " CASE WHEN COALESCE(date_end, day) >= ? THEN 1 ELSE 0 END AS r FROM pair_events"
                   f" WHERE span IN (0, 1) AND day >= ? AND day <= ?{keep}) e GROUP BY a, b",
                   (since, lo, up, *keep_args)).fetchall():
            v = delta.get((r[0], r[1]))
            if v is None:
                v = delta[(r[0], r[1])] = [0, 0, 0, 0, 0, 0]
            v[0] -= r[2] - r[5]
            v[1] -= r[3] - r[6]
            v[2] -= r[4] - r[7]
            v[3] += r[2]
            v[4] += r[3]
            v[5] += r[4]

    running_from = since  # the events starting before this day that run into the window are read below
    if apart:  # the first month's days in the window, read: the whole months' past holds them
        started(since, first_end, 1, -1)
    elif since > month_first:  # the first month's days before the window: before it, not in it
        if _days(month_first, _day(since, -1)) * 2 <= _days(month_first, first_end):
            before_window(month_first, _day(since, -1))
            running_from = month_first
        else:
            outside(month_first, _day(since, -1), (since, first_end), 1)
    if hi < last_day:  # the last month's days after the window
        outside(_day(hi, 1), last_day, (last_first, hi), 0)
    # events starting before the window and running into it: in it (a month's events end in it)
    for r in q("SELECT a, b, COUNT(*), SUM(c), SUM(x) FROM (SELECT a, b,"
               " CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END AS c,"
               " CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END AS x FROM pair_events"
               " WHERE span = 0 AND day >= ? AND day < ? AND COALESCE(date_end, day) >= ? UNION ALL"
               " SELECT a, b, CASE WHEN quad_class IN (1, 2) THEN 1 ELSE 0 END,"
               " CASE WHEN quad_class IN (3, 4) THEN 1 ELSE 0 END FROM pair_events"
               f" WHERE span = 1 AND day < ? AND COALESCE(date_end, day) >= ?) r WHERE 1 = 1{keep} GROUP BY a, b",
               (month_first, running_from, since, running_from, since, *keep_args)).fetchall():
        add((r[0], r[1]), r[2:5], 1, 0)

    # the whole months' rows (a row of pair_periods counts before its period: a pair's least is what came
    # before the first of its rows). The piece of the most months is read for the pairs no edge and no
    # other piece touches that are new or may trend, then for every touched pair; the other pieces whole
    pieces = _pieces(_day(first_end, 1)[:7] if apart else first, last)
    main = max(pieces, key=_months)
    sums = ("SUM(events), SUM(cooperation), SUM(conflict), MIN(before_events), MIN(before_cooperation),"
            " MIN(before_conflict)")
    extra: dict[Pair, list[Any]] = {}  # per pair, the other pieces: [window counts, what came before them]
    for unit, lo, up in pieces:
        if (unit, lo, up) == main:
            continue
        if lo == up:
            found = q(f"SELECT {cols} FROM pair_periods WHERE unit = ? AND period = ?{keep}",
                      (unit, lo, *keep_args)).fetchall()
        else:
            found = q(f"SELECT a, b, {sums} FROM pair_periods WHERE unit = ? AND period >= ? AND period <= ?{keep}"
                      " GROUP BY a, b", (unit, lo, up, *keep_args)).fetchall()
        for r in found:
            x = extra.get((r[0], r[1]))
            extra[(r[0], r[1])] = list(r[2:]) if x is None else [
                x[0] + r[2], x[1] + r[3], x[2] + r[4], min(x[3], r[5]), min(x[4], r[6]), min(x[5], r[7])]
    unit, lo, up = main
    one = lo == up  # one month or year: one row per pair
    piece = "unit = ? AND period = ?" if one else "unit = ? AND period >= ? AND period <= ?"
    main_args = (unit, lo) if one else (unit, lo, up)
    touched = sorted(delta.keys() | extra.keys())
    sure: str = ""  # the touched pairs' rows, whatever they hold: counted here
    sure_args: list[Any] = []
    if touched:
        pairs_sql, sure_args = d.pair_rows(touched)
        sure = f" OR (a, b) IN (SELECT j.a, j.b FROM {pairs_sql})"
    ev, co, cf, bev, bco, bcf = (("events", "cooperation", "conflict", "before_events", "before_cooperation",
                                  "before_conflict") if one else
                                 ("SUM(events)", "SUM(cooperation)", "SUM(conflict)", "MIN(before_events)",
                                  "MIN(before_cooperation)", "MIN(before_conflict)"))
    wanted = f"{ev} > 0 AND ({bev} = 0 OR ({co} + {cf} >= ? AND {bco} + {bcf} >= ?"
    shift: list[Any] = [least, least]
    if moved is not None:  # (a hair below: the caller's own test in floating point decides)
        wanted += f" AND ABS({co} * 1.0 / NULLIF({co} + {cf}, 0) - {bco} * 1.0 / NULLIF({bco} + {bcf}, 0)) >= ?"
        shift.append(moved - 1e-9)
    wanted += "))"
    if one:
        found = q(f"SELECT {cols} FROM pair_periods WHERE {piece}{keep} AND (({wanted}){sure})",
                  (*main_args, *keep_args, *shift, *sure_args)).fetchall()
    else:
        found = q(f"SELECT a, b, {sums} FROM pair_periods WHERE {piece}{keep} GROUP BY a, b"
                  f" HAVING ({wanted}){sure}", (*main_args, *keep_args, *shift, *sure_args)).fetchall()
    out: dict[Pair, tuple[Counts, Counts]] = {}
    rows: dict[Pair, Sequence[Any]] = {}
    for r in found:
        p = (r[0], r[1])
        if p in delta or p in extra:
            rows[p] = r[2:]
        else:
            out[p] = ((r[2], r[3], r[4]), (r[5], r[6], r[7]))
    if touched:
        for p, x in extra.items():
            r = rows.get(p)
            rows[p] = x if r is None else (r[0] + x[0], r[1] + x[1], r[2] + x[2], min(r[3], x[3]), min(r[4], x[4]),
                                           min(r[5], x[5]))
    # a touched pair with no row in the whole months: what came before is its first month's row (what came
    # before it, and the month) when the first month is read apart, else what came before that month
    bare = [p for p in touched if p not in rows]
    base: dict[Pair, Sequence[Any]] = {}
    if bare and apart:
        join, args = _pairs_join(d, bare, "pair_periods")
        base = {(r[0], r[1]): (r[2] + r[5], r[3] + r[6], r[4] + r[7]) for r in q(
            f"SELECT t.a, t.b, t.events, t.cooperation, t.conflict, t.before_events, t.before_cooperation,"
            f" t.before_conflict FROM {join} WHERE t.unit = 'month' AND t.period = ?", (*args, first)).fetchall()}
    rest = [p for p in bare if p not in base]
    if rest:
        base.update(counts_before(q, d, rest, first))
    for p in touched:  # (integers on both backends: SUM and MIN of INTEGER columns)
        v, r = delta.get(p, (0, 0, 0, 0, 0, 0)), rows.get(p)
        if r is None:
            b = base.get(p, (0, 0, 0))
            r = (0, 0, 0, b[0], b[1], b[2])
        w = (r[0] + v[0], r[1] + v[1], r[2] + v[2])
        b = (r[3] + v[3], r[4] + v[4], r[5] + v[5])
        if w[0] > 0 and (not b[0] or w[1] + w[2] >= least and b[1] + b[2] >= least):
            out[p] = (w, b)
    return out


def pair_window_events(q: Query, d: Dialect, pairs: Sequence[Pair], since: str, until: str | None,
                       first_only: bool = False) -> dict[Pair, list[str]]:
    """Per pair of state keys: the ids of its asserted dated real-world events overlapping [since, until],
    in timeline order (start, end, id); ``first_only``: only the first of those starting in the window."""
    if not pairs:
        return {}
    hi = until or "9999-12-31"
    join, args = _pairs_join(d, sorted(set(pairs)), "pair_events")
    if first_only:
        sql = (f"SELECT t.a, t.b, t.day, t.date_end, t.cluster_id FROM {join}"
               " WHERE t.span IN (0, 1) AND t.day >= ? AND t.day <= ?")
        params = [*args, since, hi]
    else:
        sql = (f"SELECT t.a, t.b, t.day, t.date_end, t.cluster_id FROM {join} WHERE t.span = 0 AND t.day >= ?"
               " AND t.day <= ? AND COALESCE(t.date_end, t.day) >= ?"
               f" UNION ALL SELECT t.a, t.b, t.day, t.date_end, t.cluster_id FROM {join} WHERE t.span = 1"
               " AND t.day <= ? AND COALESCE(t.date_end, t.day) >= ?")
        params = [*args, month_start(since), hi, since, *args, hi, since]
    found: dict[Pair, list[tuple[str, str, str]]] = {}
    for a, b, day, end, cluster in q(sql, params).fetchall():
        found.setdefault((a, b), []).append((day, end or "", cluster))
    out = {}
    for p, rows in found.items():
        rows.sort()
        out[p] = [rows[0][2]] if first_only else [r[2] for r in rows]
    return out


# -- migration 23: what each mark is to the pair's earlier marks -------------------------------

FLAGS_META = "pair_marks_visits"  # store_meta: the visit modes the marks' earlier visits were found with
FLAGS = ("first_tie", "tied_before", "prev_visit", "prev_day")


def flags_sql(d: Dialect) -> str:
    """Migration 23: each mark says whether it names its tie first for the pair, whether an earlier mark
    of the pair names a tie, and (a visit) the pair's latest earlier visit: a window's ties and visits
    are then its marks alone, not a read of every earlier mark of its pairs (:func:`backfill_flags`)."""
    t = d.text
    return f"""
        ALTER TABLE pair_marks ADD COLUMN first_tie INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE pair_marks ADD COLUMN tied_before INTEGER NOT NULL DEFAULT 0;
        ALTER TABLE pair_marks ADD COLUMN prev_visit {t};
        ALTER TABLE pair_marks ADD COLUMN prev_day {t};
"""


@functools.lru_cache(maxsize=1)
def visit_modes() -> tuple[str, ...]:
    """``data/brief.yaml``'s ``changes: visit_modes``: the modes of a visit, sorted."""
    text = resources.files("detente").joinpath("data/brief.yaml").read_text("utf-8")
    found = ((yaml.safe_load(text) or {}).get("changes") or {}).get("visit_modes") or ["visit"]
    return tuple(sorted({str(m) for m in found}))


def iso_day(day: str) -> bool:
    """``day`` is an ISO calendar day."""
    try:
        dt.date.fromisoformat(day)
    except ValueError:
        return False
    return True


def _pair_flags(marks: Sequence[Sequence[Any]], modes: set[str], named: set[str],
                last: tuple[str, str] | None) -> list[tuple[Any, ...]]:
    """The flags of one pair's marks ``(day, end, cluster id, mode, tie)`` in timeline order (day, end,
    id), after the ties ``named`` and the latest visit ``last`` (cluster id, day) before them:
    (first_tie, tied_before, prev_visit, prev_day) each."""
    named = set(named)
    out = []
    for day, _end, cluster, mode, tie in marks:
        prev: tuple[str, str] | None = None
        if mode in modes and iso_day(day):
            prev, last = last, (cluster, day)
        out.append((int(tie is not None and tie not in named), int(bool(named)),
                    prev[0] if prev else None, prev[1] if prev else None))
        if tie is not None:
            named.add(tie)
    return out


_FLAG_COLUMNS = "day, date_end, cluster_id, mode, tie, first_tie, tied_before, prev_visit, prev_day"
_SET_FLAGS = ("UPDATE pair_marks SET first_tie = ?, tied_before = ?, prev_visit = ?, prev_day = ?"
              " WHERE a = ? AND b = ? AND day = ? AND cluster_id = ?")


def _changed(pair: Pair, rows: list[tuple[Any, ...]], modes: set[str], named: set[str],
             last: tuple[str, str] | None) -> list[tuple[Any, ...]]:
    """The updates of those of ``rows`` (one pair's marks, as :data:`_FLAG_COLUMNS`) whose flags change."""
    rows.sort(key=lambda r: (r[0], r[1] or "", r[2]))
    return [(*flags, *pair, r[0], r[2])
            for r, flags in zip(rows, _pair_flags([r[:5] for r in rows], modes, named, last), strict=True)
            if tuple(r[5:]) != flags]


def refresh_flags(db: DB, first: Mapping[Pair, str]) -> None:
    """Recompute the flags of the marks of these pairs from the first day whose marks changed: the
    marks before it keep theirs, and say what came before it (the ties they named first, the latest
    visit), so a write reads a pair's marks from that day on, not its whole history."""
    modes = set(visit_modes())
    visits = f"mode IN ({', '.join('?' * len(modes))})" if modes else "0 = 1"
    changed: list[tuple[Any, ...]] = []
    for (a, b), day in sorted(first.items()):
        named = {r[0] for r in db.execute("SELECT tie FROM pair_marks WHERE a = ? AND b = ? AND day < ?"
                                          " AND first_tie = 1", (a, b, day))}
        last = None
        for cluster, seen in db.execute(f"SELECT cluster_id, day FROM pair_marks WHERE a = ? AND b = ? AND day < ?"
                                        f" AND {visits} ORDER BY day DESC, COALESCE(date_end, '') DESC,"
                                        " cluster_id DESC", (a, b, day, *sorted(modes))):
            if iso_day(seen):
                last = (cluster, seen)
                break
        rows = [tuple(r) for r in db.execute(f"SELECT {_FLAG_COLUMNS} FROM pair_marks WHERE a = ? AND b = ?"
                                             " AND day >= ?", (a, b, day))]
        changed += _changed((a, b), rows, modes, named, last)
    if changed:
        db.executemany(_SET_FLAGS, changed)


def backfill_flags(db: DB) -> None:
    """Fill the flags of every mark (migration 23), a batch of pairs at a time, and record the visit modes
    they were found with."""
    modes = set(visit_modes())
    pairs = [(r[0], r[1]) for r in db.execute("SELECT DISTINCT a, b FROM pair_marks").fetchall()]
    for i in range(0, len(pairs), 500):
        join, args = _pairs_join(db.dialect, pairs[i:i + 500], "pair_marks")
        found: dict[Pair, list[tuple[Any, ...]]] = {}
        cols = ", ".join(f"t.{c.strip()}" for c in _FLAG_COLUMNS.split(","))
        for r in db.execute(f"SELECT t.a, t.b, {cols} FROM {join}", args).fetchall():
            found.setdefault((r[0], r[1]), []).append(tuple(r[2:]))
        changed = [u for p, rows in found.items() for u in _changed(p, rows, modes, set(), None)]
        if changed:
            db.executemany(_SET_FLAGS, changed)
    db.execute(db.dialect.upsert("store_meta", ("name", "value"), ("name",), replace=True),
               (FLAGS_META, json.dumps(visit_modes())))


def flags_usable(q: Query) -> bool:
    """The marks' earlier visits were found with the visit modes in force now."""
    row = q("SELECT value FROM store_meta WHERE name = ?", (FLAGS_META,)).fetchone()
    return row is not None and row[0] == json.dumps(visit_modes())


Moving = tuple[str, str, str, str | None, str, str, str | None, str | None, str | None, int, int, str | None,
               str | None]


def moves_in(q: Query, since: str, until: str | None, breaks: Sequence[str]) -> list[Moving]:
    """The marks of :func:`marks_in` that may change a tie or be a visit after a gap: those naming their
    tie first for the pair, visits with an earlier one, and those of ``breaks`` holding a tie word, in
    timeline order then by pair: (a, b, day, end, cluster id, type, mode, tie, word, first_tie,
    tied_before, prev_visit, prev_day)."""
    lo = month_start(since)
    hi = until or "9999-12-31"
    cols = ("a, b, day, date_end, cluster_id, type, mode, tie, word, first_tie, tied_before, prev_visit,"
            " prev_day")
    kinds = sorted(set(breaks))
    broken = f"word IS NOT NULL AND type IN ({', '.join('?' * len(kinds))})" if kinds else "0 = 1"
    marked = f"(first_tie = 1 OR prev_visit IS NOT NULL OR ({broken}))"
    rows = q(f"SELECT {cols} FROM pair_marks WHERE span = 0 AND day >= ? AND day <= ? AND {marked}"
             f" UNION ALL SELECT {cols} FROM pair_marks WHERE span = 1 AND day <= ?"
             f" AND COALESCE(date_end, day) >= ? AND {marked}", (lo, hi, *kinds, hi, since, *kinds)).fetchall()
    out = [tuple(r) for r in rows if (r[3] or r[2]) >= since and r[2] <= hi]
    out.sort(key=lambda r: (r[2], r[3] or "", r[4], r[0], r[1]))
    return out  # type: ignore[return-value]


def first_naming(q: Query, d: Dialect,
                 keys: Sequence[tuple[Pair, str]]) -> dict[tuple[Pair, str], tuple[str, str, str]]:
    """Per (pair, tie word): the earliest mark of the pair naming that tie, as (day, end or '', cluster id)."""
    pairs = sorted({p for p, _ in keys})
    if not pairs:
        return {}
    wanted = set(keys)
    join, args = _pairs_join(d, pairs, "pair_marks")
    out: dict[tuple[Pair, str], tuple[str, str, str]] = {}
    for a, b, tie, day, end, cluster in q(f"SELECT t.a, t.b, t.tie, t.day, t.date_end, t.cluster_id FROM {join}"
                                          " WHERE t.tie IS NOT NULL", args).fetchall():
        k = ((a, b), tie)
        order = (day, end or "", cluster)
        if k in wanted and (k not in out or order < out[k]):
            out[k] = order
    return out
