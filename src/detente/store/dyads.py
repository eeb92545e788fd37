"""The dyad tables of migration 3: events by pair of states, and their monthly roll-up.

``event_dyads`` has one row per event mention and unordered pair of its
participants' states ``(a, b)``, ``a <= b``.  A participant's state is its
``event_actors.country``, or its actor id when it has none (an ISO3 id stands for
the state itself).  Rows with ``a == b`` say that the mention involves that
state: they serve an actor's (state's) timeline and fusion candidates.  Every row
carries the mention's own filter columns (type, modality, dates) and the
attributes of its real-world event's *lead* version (the one
:mod:`detente.fusion.lead` lets speak for the event: date, modality,
quad class, intensity, and the month/year period a relations report files it
under), so a timeline or a relations report of a pair reads one index range and
loads nothing else.

Dates are keyed so that a window is an index range on both sides: ``span`` is 0
for a mention whose interval stays in one calendar month (overlapping a window,
its start lies between the first of ``since``'s month and ``until``), 1 for longer intervals (few:
years, quarters, ranges across months) and 2 for undated mentions, whose ``day``
is the publication date of their document (fusion's window for them).

``dyad_periods`` is the roll-up a relations report reads: per pair of different
states, period (by month and by year, as :func:`detente.analysis.relations` files
events; ``''`` undated) and modality, the real-world events with their count per
quad class, summed intensity and ids in timeline order.  The busiest pair's
all-time monthly report is then ~150 rows instead of ~50,000.

The writer keeps both in the transaction that changes events: a cluster whose
members change is rebuilt from ``events`` with the same SQL as the migration's
backfill (:func:`refresh_clusters`), and the roll-up rows it touched lose the
cluster's old contribution and gain its new one.

Migration 4 adds ``tie`` to both ``events`` and ``event_dyads``: the standing tie
(treaty, alliance, ...) an event mention names, computed by the writer with
:func:`detente.fusion.tie_word` and copied into the mention's dyad rows, so that a
relations report finds a pair's ties in its index range (:func:`refresh_ties` redoes
them all when ``fusion.yaml``'s tie words change).

:func:`refresh_clusters` also keeps migration 7's network roll-up (:mod:`.links`),
migration 8's event counts (:mod:`.counts`) and migration 10's timeline order (:mod:`.leads`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

from ..fusion.rules import rules, tie_signature, tie_word
from ..model import event_from
from . import counts, fused, links
from . import leads as timeline_order
from .dialect import DB, Dialect
from .lead import lead_sql

DYAD_COLUMNS = ("a", "b", "span", "day", "date_end", "event_id", "cluster_id", "type", "modality",
                "lead_modality", "quad_class", "intensity", "lead_start", "lead_end", "period_month",
                "period_year", "tie")

def create_sql(d: Dialect) -> str:
    """The tables and indexes (no rows)."""
    t = d.text
    return f"""
        CREATE TABLE event_dyads (
            a {t} NOT NULL, b {t} NOT NULL,      -- the two states, a <= b (a = b: the event involves a)
            span INTEGER NOT NULL,               -- 0 within one month, 1 longer, 2 undated
            day {t} NOT NULL,                    -- start day; an undated mention's publication day ('' unknown)
            date_end {t},                        -- last day (the start day when none)
            event_id {t} NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            cluster_id {t} NOT NULL,
            type {t} NOT NULL, modality {t} NOT NULL,
            lead_modality {t} NOT NULL, quad_class INTEGER, intensity {d.real},
            lead_start {t}, lead_end {t}, period_month {t}, period_year {t},
            PRIMARY KEY (a, b, span, day, event_id)
        ){d.table_options};
        CREATE INDEX event_dyads_event ON event_dyads(event_id);
        CREATE TABLE dyad_periods (
            a {t} NOT NULL, b {t} NOT NULL,      -- two different states, a < b
            unit {t} NOT NULL,                   -- 'month' or 'year'
            period {t} NOT NULL,                 -- the relations period: '2024-03', a coarser value, '' undated
            modality {t} NOT NULL,
            events INTEGER NOT NULL,             -- real-world events
            intensity {d.real} NOT NULL,         -- their summed intensity
            counts {t} NOT NULL,                 -- JSON [[quad class, events], ...]
            ids {t} NOT NULL,                    -- their ids, one a line, in timeline order
            keys {t} NOT NULL,                   -- per id: start, end, quad class, intensity (tab-separated)
            PRIMARY KEY (a, b, unit, period, modality)
        ){d.table_options};
"""


def select_sql(d: Dialect, where: str | None, tie: bool = True, only: str | None = None) -> str:
    """Rows of ``event_dyads`` for the events of every cluster with an event (alias ``e``) meeting ``where``.

    ``where`` None: every event (the backfill).  ``tie``: with migration 4's column.
    ``only``: a condition on the mention (alias ``m``): rows of those mentions only
    (the lead is still chosen among every member of their clusters).
    """
    gran = d.json_path("e.data", "date", "granularity")
    value = d.json_path("e.data", "date", "value")
    # the lead rule (generated from detente.fusion.lead), and analysis._period's buckets, in SQL
    lead_order = lead_sql(d)
    coarse_month = ("l.gran IN ('quarter', 'season', 'year', 'decade')"
                    " OR substr(COALESCE(l.date_end, l.date_start), 1, 7) <> substr(l.date_start, 1, 7)")
    coarse_year = "l.gran = 'decade' OR substr(COALESCE(l.date_end, l.date_start), 1, 4) <> substr(l.date_start, 1, 4)"
    whole = "COALESCE(NULLIF(l.dvalue, ''), substr(l.date_start, 1, 4))"
    return f"""
        WITH m AS (
            SELECT e.id, e.cluster_id, e.type, e.modality, e.quad_class, e.date_start, e.date_end,
                   {"e.tie" if tie else "NULL"} AS tie, d.published, {gran} AS gran, {value} AS dvalue, {d.json_number('e.data', 'intensity')} AS intensity,
                   ROW_NUMBER() OVER (PARTITION BY e.cluster_id ORDER BY {lead_order}) AS rn
            FROM events e JOIN documents d ON d.id = e.document_id
            {"" if where is None else f"WHERE e.cluster_id IN (SELECT e.cluster_id FROM events e WHERE {where})"}
        ),
        p AS (
            SELECT DISTINCT ea.event_id, COALESCE(ea.country, ea.actor_id) AS k
            FROM event_actors ea WHERE ea.role IN ('source', 'target')
            AND ea.event_id IN (SELECT id FROM m{"" if only is None else f" WHERE {only}"})
        )
        SELECT pa.k, pb.k,
               CASE WHEN m.date_start IS NULL THEN 2
                    WHEN substr(COALESCE(m.date_end, m.date_start), 1, 7) = substr(m.date_start, 1, 7) THEN 0
                    ELSE 1 END,
               COALESCE(m.date_start, m.published, ''), COALESCE(m.date_end, m.date_start),
               m.id, m.cluster_id, m.type, m.modality,
               l.modality, l.quad_class, l.intensity, l.date_start, l.date_end,
               CASE WHEN l.date_start IS NULL THEN NULL WHEN {coarse_month} THEN {whole}
                    ELSE substr(l.date_start, 1, 7) END,
               CASE WHEN l.date_start IS NULL THEN NULL WHEN {coarse_year} THEN {whole}
                    ELSE substr(l.date_start, 1, 4) END{", m.tie" if tie else ""}
        FROM m JOIN m l ON l.cluster_id = m.cluster_id AND l.rn = 1
        JOIN p pa ON pa.event_id = m.id
        JOIN p pb ON pb.event_id = m.id AND pa.k <= pb.k
"""


def _insert_sql(d: Dialect, where: str | None, tie: bool = True, only: str | None = None) -> str:
    cols = ", ".join(DYAD_COLUMNS if tie else DYAD_COLUMNS[:-1])
    return f"INSERT INTO event_dyads({cols}) {select_sql(d, where, tie, only)}"


def backfill_sql(d: Dialect, tie: bool = True) -> str:
    """Fill ``event_dyads`` from the stored events (the roll-up follows in :func:`fill_periods`).

    ``tie`` False: the table as migration 3 made it (before the ``tie`` column).
    """
    return f"{_insert_sql(d, None, tie)} ORDER BY 1, 2, 3, 4, 6;"


TIE_RULES_KEY = "tie_rules"


def refresh_ties(db: DB) -> None:
    """Recompute every event's ``tie`` (and its dyad rows') with the current fusion rules; record them."""
    r = rules()
    cond, arg = db.dialect.in_list("type", sorted(r.tie_types))
    # streamed: only the (tie, id) pairs found are kept, not every record
    found = [(tie, row[0]) for row in db.execute(f"SELECT id, data FROM events WHERE {cond}", (arg,))
             if (tie := tie_word(event_from(json.loads(row[1])), r)) is not None]
    db.execute("UPDATE events SET tie = NULL WHERE tie IS NOT NULL")
    db.execute("UPDATE event_dyads SET tie = NULL WHERE tie IS NOT NULL")
    if found:
        db.executemany("UPDATE events SET tie = ? WHERE id = ?", found)
        db.execute("UPDATE event_dyads SET tie = (SELECT e.tie FROM events e WHERE e.id = event_dyads.event_id)"
                   " WHERE event_id IN (SELECT id FROM events WHERE tie IS NOT NULL)")
    db.execute(db.dialect.upsert("store_meta", ("name", "value"), ("name",), replace=True),
               (TIE_RULES_KEY, tie_signature(r)))


# -- the roll-up ----------------------------------------------------------------------

# what one real-world event contributes to the roll-up rows of one pair: only versions
# between the two states that have the event's own modality count (so the asserted rows
# are exactly what relations() counts), and never a state with itself
_CONTRIBUTIONS = ("SELECT DISTINCT a, b, cluster_id, lead_modality, period_month, period_year, lead_start, lead_end,"
                  " quad_class, intensity FROM event_dyads WHERE a < b AND modality = lead_modality")

RowKey = tuple[str, str, str, str, str]  # a, b, unit, period ('' undated), modality
Token = tuple[str, str | None, str | None, int | None, float]  # cluster id, start, end, quad class, intensity


def _contributions(rows: Iterable[Any]) -> dict[RowKey, dict[str, Token]]:
    out: dict[RowKey, dict[str, Token]] = {}
    for a, b, cluster, modality, month, year, start, end, quad, intensity in rows:
        token: Token = (cluster, start, end, quad, float(intensity or 0.0))
        for unit, period in (("month", month), ("year", year)):
            out.setdefault((a, b, unit, period or "", modality), {})[cluster] = token
    return out


def _contributions_of(db: DB, clusters: Sequence[str]) -> dict[RowKey, dict[str, Token]]:
    cond, arg = db.dialect.in_list("cluster_id", clusters)
    return _contributions(db.execute(
        f"{_CONTRIBUTIONS} AND event_id IN (SELECT id FROM events WHERE {cond})", (arg,)).fetchall())


def _order(token: Token) -> tuple[bool, str, str, str]:
    # the timeline's order: dated first, by start, end, id
    return (token[1] is None, token[1] or "", token[2] or "", token[0])


def _render(tokens: Iterable[Token]) -> tuple[int, float, str, str, str]:
    """(events, intensity, counts, ids, keys) of one roll-up row, summed as relations() sums."""
    ordered = sorted(tokens, key=_order)
    counts: dict[int | None, int] = {1: 0, 2: 0, 3: 0, 4: 0}
    intensity = 0.0
    for t in ordered:
        counts[t[3]] = counts.get(t[3], 0) + 1
        intensity = round(intensity + t[4], 3)
    keys = "\n".join(f"{t[1] or ''}\t{t[2] or ''}\t{'' if t[3] is None else t[3]}\t{t[4]!r}" for t in ordered)
    return (len(ordered), intensity, json.dumps([[q, n] for q, n in counts.items()]),
            "\n".join(t[0] for t in ordered), keys)


def _parse(ids: str, keys: str) -> dict[str, Token]:
    out: dict[str, Token] = {}
    if not ids:
        return out
    for cluster, key in zip(ids.split("\n"), keys.split("\n"), strict=True):
        start, end, quad, intensity = key.split("\t")
        out[cluster] = (cluster, start or None, end or None, int(quad) if quad else None, float(intensity))
    return out


_ROW_WHERE = "a = ? AND b = ? AND unit = ? AND period = ? AND modality = ?"


def _write_rows(db: DB, old: dict[RowKey, dict[str, Token]], new: dict[RowKey, dict[str, Token]]) -> None:
    """Move the roll-up from the ``old`` contribution of some real-world events to their ``new`` one."""
    for key in sorted(set(old) | set(new)):
        before, after = old.get(key, {}), new.get(key, {})
        if before == after:
            continue
        row = db.execute(f"SELECT ids, keys FROM dyad_periods WHERE {_ROW_WHERE}", key).fetchone()
        tokens = _parse(row[0], row[1]) if row else {}
        for cluster in before:
            tokens.pop(cluster, None)
        tokens.update(after)
        if not tokens:
            db.execute(f"DELETE FROM dyad_periods WHERE {_ROW_WHERE}", key)
        elif row:
            db.execute(f"UPDATE dyad_periods SET events = ?, intensity = ?, counts = ?, ids = ?, keys = ?"
                       f" WHERE {_ROW_WHERE}", (*_render(tokens.values()), *key))
        else:
            db.execute("INSERT INTO dyad_periods(a, b, unit, period, modality, events, intensity, counts, ids, keys)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", (*key, *_render(tokens.values())))


def fill_periods(db: DB) -> None:
    """Build the roll-up from ``event_dyads`` (migration 3's backfill; the table is empty), one pair at a time."""
    pairs = [tuple(r) for r in db.execute("SELECT DISTINCT a, b FROM event_dyads WHERE a < b").fetchall()]
    for a, b in pairs:
        rows = db.execute(f"{_CONTRIBUTIONS} AND a = ? AND b = ?", (a, b)).fetchall()
        # the table starts empty: insert each pair's rows in one batch (one round trip on PostgreSQL)
        db.executemany("INSERT INTO dyad_periods(a, b, unit, period, modality, events, intensity, counts, ids, keys)"
                       " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       [(*key, *_render(tokens.values())) for key, tokens in sorted(_contributions(rows).items())])


def contribution_of_clusters(db: DB, clusters: Iterable[str]) -> dict[RowKey, dict[str, Token]]:
    """The roll-up contribution of these real-world events as stored now (taken before a delete)."""
    wanted = sorted(set(clusters))
    return _contributions_of(db, wanted) if wanted else {}


def leads(db: DB, clusters: Iterable[str]) -> dict[str, str]:
    """The lead mention of each of these real-world events (cluster id -> event id), as stored now."""
    wanted = sorted(set(clusters))
    if not wanted:
        return {}
    cond, arg = db.dialect.in_list("e.cluster_id", wanted)
    return {r[0]: r[1] for r in db.execute(
        f"SELECT cluster_id, id FROM (SELECT e.cluster_id, e.id, ROW_NUMBER() OVER"
        f" (PARTITION BY e.cluster_id ORDER BY {lead_sql(db.dialect)}) AS rn"
        f" FROM events e JOIN documents d ON d.id = e.document_id WHERE {cond}) x WHERE rn = 1", (arg,))}


def refresh_clusters(db: DB, clusters: Iterable[str], old: dict[RowKey, dict[str, Token]] | None = None,
                     *, moved: Iterable[str] = (), leads_before: dict[str, str] | None = None) -> None:
    """Rebuild the dyad rows of these real-world events from ``events``, and move the roll-up.

    Call inside the write transaction, after the events changed.  A delete removes
    the deleted events' rows by cascade, so it passes the events' roll-up
    contribution from before the delete as ``old`` (:func:`contribution_of_clusters`).

    When only some mentions changed cluster (fusion), the caller passes them as
    ``moved`` and each cluster's lead from before the change (:func:`leads`): a
    cluster that kept its lead keeps its other members' rows (they carry that lead's
    attributes), so only the moved mentions' rows are rebuilt there.  Fusion mostly
    adds a loosely dated report to a known event, so this is the common case.
    """
    wanted = sorted(set(clusters))
    if not wanted:
        return
    d = db.dialect
    if old is None:
        old = _contributions_of(db, wanted)
    if leads_before is None:
        cond, arg = d.in_list("cluster_id", wanted)
        db.execute(f"DELETE FROM event_dyads WHERE event_id IN (SELECT id FROM events WHERE {cond})", (arg,))
        ecnd, earg = d.in_list("e.cluster_id", wanted)
        db.execute(_insert_sql(d, ecnd), (earg,))
    else:
        after = leads(db, wanted)
        whole = [c for c in wanted if leads_before.get(c) != after.get(c)]
        events = set(moved)
        if whole:
            cond, arg = d.in_list("cluster_id", whole)
            events.update(r[0] for r in db.execute(f"SELECT id FROM events WHERE {cond}", (arg,)))
        if events:
            cond, arg = d.in_list("event_id", sorted(events))
            db.execute(f"DELETE FROM event_dyads WHERE {cond}", (arg,))
            ecnd, earg = d.in_list("e.cluster_id", wanted)
            ocnd, oarg = d.in_list("m.id", sorted(events))
            db.execute(_insert_sql(d, ecnd, only=ocnd), (earg, oarg))
    _write_rows(db, old, _contributions_of(db, wanted))
    merged = fused.refresh(db, wanted)  # migration 16's merged events
    links.refresh(db, wanted, merged)  # migration 7's network roll-up
    counts.refresh(db, wanted)  # migration 8's event counts
    timeline_order.refresh(db, wanted)  # migration 10's timeline order
