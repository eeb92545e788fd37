"""Migration 10: each real-world event's lead, once per event and once per state involved, in timeline order.

A timeline page (``/api/events``, the web UI's timeline) is a slice of real-world
events in the timeline's order: by the date of the version that speaks for the
event (its *lead*, :mod:`detente.fusion.lead`), then its end, then id; undated
events last.  Without a filter, or for one state over all time, that is every
event of the store or of the state (a million, or 280,000): grouping their
mentions per event to order them takes seconds.

``timeline_leads`` holds one row per real-world event under the key ``''``, and
one per state (``event_dyads`` key: an ISO3 code, or an actor id when the actor
has no state) that one of its mentions involves, clustered in the timeline's
order: ``(key, undated, lead_start, lead_end, cluster_id)``, with the lead's
modality and ``modalities``, one bit per modality of the key's mentions
(:data:`BITS`; any other modality sets :data:`OTHER`).  A page is then one range of
the key read in order, filtered in place:

* the timeline keeps an event when one of its mentions matching the filters
  (here: the key, a modality) exists and its merged version (whose modality and
  date are its lead's) has one of the modalities and overlaps the window;
* under ``''`` the lead itself is such a mention, so windows are served too
  (short leads, within one calendar month, are a range of start days from
  the first of ``since``'s month; ``long`` ones are few and read by a partial index);
  under a state the key's mentions need not be the lead, and their dates are not
  kept: only all time is served there.

``timeline_counts`` counts the rows per key, undated, lead modality, lead quad
class and modality bits, so that the total of an all-time page is a few rows.

Migration 13 rebuilt both tables with ``lead_quad`` (the lead's quad class, so the
merged event's; 0 when none: a quad class filter is one more condition on a range),
``types_asserted`` and ``types_known`` (bits, :data:`TYPE_BITS`, of the types of the
key's asserted mentions and of its mentions of a model modality: a type filter with
those modalities is one more condition on an all-time range, :func:`type_bits`) and one
key per pair of different states, ``'A B'`` (:func:`pair_key`), served like a state's
key: all time only.

Migration 15 rebuilt them again with ``reports`` and ``intensity`` on a pair's rows:
the event's mentions of the lead's modality involving both states, and their largest
absolute intensity (0 under the other keys).  A pair's most reported events (the
relations page's key events, :meth:`~detente.store.queries.QueriesMixin.dyad_most_reported`)
are then the first rows of the partial index ``timeline_leads_reported`` instead of a
grouping of every mention of the pair.

The writer keeps both in the transaction that changes events:
:func:`detente.store.dyads.refresh_clusters` calls :func:`refresh` with the
real-world events it rebuilds, after their dyad rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from ..model import MODALITIES, PLOVER_TYPES
from .dialect import DB, Dialect
from .lead import lead_sql

ALL = ""  # the key of every real-world event
BITS = {m: 1 << i for i, m in enumerate(MODALITIES)}
OTHER = 1 << len(MODALITIES)  # a modality the model does not name
TYPE_BITS = {t: 1 << i for i, t in enumerate(PLOVER_TYPES)}
OTHER_TYPE = 1 << len(PLOVER_TYPES)  # a type that is not PLOVER's


def month_start(day: str) -> str:
    """The first day of ``day``'s calendar month (an ISO day, or longer).

    An interval within one calendar month that overlaps ``day`` or a later day ends on or after
    ``day``, so it starts in that month or later: on or after this day.  The window reads of the
    short intervals (leads, dyads, network rows, marks) start their range of start days here.
    """
    return dt.date.fromisoformat(day[:10]).replace(day=1).isoformat()


Query = Callable[[str, Sequence[Any]], Any]


def create_sql(d: Dialect) -> str:
    """The tables and indexes (no rows; :func:`backfill_sql` fills them)."""
    t = d.text
    return f"""
        CREATE TABLE timeline_leads (
            key {t} NOT NULL,                      -- '' every event; a state: those involving it; 'A B': a pair
            undated INTEGER NOT NULL,              -- 1: the lead has no start (listed last)
            lead_start {t} NOT NULL,               -- '' when undated
            lead_end {t} NOT NULL,                 -- '' when none
            cluster_id {t} NOT NULL,
            lead_modality {t} NOT NULL,
            lead_quad INTEGER NOT NULL,            -- the lead's (the merged event's) quad class; 0 when none
            modalities INTEGER NOT NULL,           -- bits (leads.BITS) of the key's mentions' modalities
            types_asserted INTEGER NOT NULL,       -- bits (leads.TYPE_BITS) of the key's asserted mentions' types
            types_known INTEGER NOT NULL,          -- ... of its mentions of a model modality (leads.BITS)
            long INTEGER NOT NULL,                 -- 1: the lead runs past its start's calendar month
            reports INTEGER NOT NULL,              -- a pair's key: its mentions of the lead's modality (else 0)
            intensity {d.real} NOT NULL,           -- ... and the largest absolute intensity among them
            PRIMARY KEY (key, undated, lead_start, lead_end, cluster_id)
        ){d.table_options};
        CREATE INDEX timeline_leads_cluster ON timeline_leads(cluster_id);
        -- a pair's most reported events (migration 15): the relations page's key events, in their order
        CREATE INDEX timeline_leads_reported ON timeline_leads(key, lead_modality, reports DESC, intensity DESC,
                                                               cluster_id) WHERE reports > 0;
        -- the long leads still running at a window's start, by their end (every column read, long too)
        CREATE INDEX timeline_leads_long ON timeline_leads(key, lead_end, lead_start, cluster_id, lead_modality,
                                                           lead_quad, modalities, types_asserted, types_known, long)
                                                           WHERE long = 1;
        CREATE TABLE timeline_counts (
            key {t} NOT NULL, undated INTEGER NOT NULL, lead_modality {t} NOT NULL, lead_quad INTEGER NOT NULL,
            modalities INTEGER NOT NULL, types_asserted INTEGER NOT NULL, types_known INTEGER NOT NULL,
            events INTEGER NOT NULL,
            PRIMARY KEY (key, undated, lead_modality, lead_quad, modalities, types_asserted, types_known)
        ){d.table_options};
"""


def upgrade_sql(d: Dialect) -> str:
    """Migrations 13 and 15: migration 10's tables rebuilt as :func:`create_sql` has them now (13: the lead's
    quad class and a key per pair of states; 15: a pair's reports and intensity per event)."""
    return "DROP TABLE timeline_counts; DROP TABLE timeline_leads;" + create_sql(d) + backfill_sql(d)


def pair_key(a: str, b: str) -> str | None:
    """The key of the real-world events between two different states (or actors without one), as the rows
    spell it; None when an id holds the separator (its key could be another's: not served)."""
    if " " in a or " " in b or a == b:
        return None
    return f"{min(a, b)} {max(a, b)}"


def _bit_sql(column: str) -> str:
    whens = " ".join(f"WHEN '{m}' THEN {bit}" for m, bit in BITS.items())
    return f"CASE {column} {whens} ELSE {OTHER} END"


def _types_sql(modalities: str) -> str:
    """The bits of a mention's type when its modality is one of ``modalities`` (SQL list), else 0."""
    whens = " ".join(f"WHEN '{t}' THEN {bit}" for t, bit in TYPE_BITS.items())
    return f"CASE WHEN modality IN ({modalities}) THEN CASE type {whens} ELSE {OTHER_TYPE} END ELSE 0 END"


# a pair's mentions of the lead's modality and their largest absolute intensity: what
# Store.dyad_most_reported ranks a pair's events by (migration 15)
_REPORTS = ("SUM(CASE WHEN modality = lead_modality THEN 1 ELSE 0 END),"
            " MAX(CASE WHEN modality = lead_modality THEN ABS(COALESCE(intensity, 0)) END)")
_KNOWN = ", ".join(f"'{m}'" for m in MODALITIES)
_SUMS = (f"SUM(DISTINCT {_bit_sql('modality')}), SUM(DISTINCT {_types_sql(repr('asserted'))}),"
         f" SUM(DISTINCT {_types_sql(_KNOWN)})")


def _select_sql(d: Dialect, cond: str | None) -> str:
    """The rows of ``timeline_leads`` for every real-world event with a mention meeting ``cond`` (alias-free,
    over ``events``; None: every event)."""
    where = "" if cond is None else f" WHERE {cond}"
    among = "" if cond is None else f" AND event_id IN (SELECT id FROM events{where})"
    return f"""
        WITH l AS (
            SELECT cluster_id, date_start, date_end, modality, quad_class FROM (
                SELECT e.cluster_id, e.date_start, e.date_end, e.modality, e.quad_class,
                       ROW_NUMBER() OVER (PARTITION BY e.cluster_id ORDER BY {lead_sql(d)}) AS rn
                FROM events e JOIN documents d ON d.id = e.document_id
                {"" if cond is None else f"WHERE e.cluster_id IN (SELECT cluster_id FROM events{where})"}
            ) x WHERE rn = 1
        ),
        k AS (
            SELECT '' AS key, cluster_id, {_SUMS.replace("),", ") AS bits,", 1).replace("),", ") AS ta,", 1)} AS tk,
                   0 AS rp, 0.0 AS ri
            FROM events{where} GROUP BY cluster_id
            UNION ALL
            SELECT a, cluster_id, {_SUMS}, 0, 0.0 FROM event_dyads WHERE a = b{among} GROUP BY a, cluster_id
            UNION ALL
            SELECT a || ' ' || b, cluster_id, {_SUMS}, {_REPORTS} FROM event_dyads WHERE a < b{among}
            GROUP BY a, b, cluster_id
        )
        SELECT k.key, CASE WHEN l.date_start IS NULL THEN 1 ELSE 0 END, COALESCE(l.date_start, ''),
               COALESCE(l.date_end, ''), k.cluster_id, l.modality, COALESCE(l.quad_class, 0), k.bits, k.ta, k.tk,
               CASE WHEN l.date_start IS NOT NULL
                         AND substr(COALESCE(l.date_end, l.date_start), 1, 7) <> substr(l.date_start, 1, 7)
                    THEN 1 ELSE 0 END, k.rp, COALESCE(k.ri, 0.0)
        FROM k JOIN l ON l.cluster_id = k.cluster_id
"""


_COLUMNS = ("key, undated, lead_start, lead_end, cluster_id, lead_modality, lead_quad, modalities, types_asserted,"
            " types_known, long, reports, intensity")
_COUNTED = "key, undated, lead_modality, lead_quad, modalities, types_asserted, types_known"


def backfill_sql(d: Dialect) -> str:
    """Fill the tables from the stored events and dyad rows (migration 10; the tables are empty)."""
    return f"""
        INSERT INTO timeline_leads({_COLUMNS}) {_select_sql(d, None)};
        INSERT INTO timeline_counts({_COUNTED}, events)
        SELECT {_COUNTED}, COUNT(*) FROM timeline_leads
        GROUP BY {_COUNTED};
"""


def _counted(db: DB, cond: str, arg: Any) -> dict[tuple[Any, ...], int]:
    out: dict[tuple[Any, ...], int] = {}
    for r in db.execute(f"SELECT {_COUNTED} FROM timeline_leads WHERE {cond}", (arg,)):
        k = (r[0], int(r[1]), r[2], *(int(x) for x in r[3:7]))
        out[k] = out.get(k, 0) + 1
    return out


def refresh(db: DB, clusters: Sequence[str]) -> None:
    """Rebuild these real-world events' rows and move the counts (call after their events and dyad rows changed)."""
    if not clusters:
        return
    d = db.dialect
    cond, arg = d.in_list("cluster_id", clusters)
    old = _counted(db, cond, arg)
    db.execute(f"DELETE FROM timeline_leads WHERE {cond}", (arg,))
    db.execute(f"INSERT INTO timeline_leads({_COLUMNS}) {_select_sql(d, cond)}", (arg, arg, arg, arg))
    new = _counted(db, cond, arg)
    delta = {k: new.get(k, 0) - old.get(k, 0) for k in set(old) | set(new)}
    db.add_counts("timeline_counts", _COUNTED.split(", "), ("events",), delta)


def bits(modalities: Sequence[str]) -> int | None:
    """The bits of these modalities; None when one is not a model modality (the rows cannot tell it apart)."""
    if any(m not in BITS for m in modalities):
        return None
    out = 0
    for m in modalities:
        out |= BITS[m]
    return out


def type_bits(types: Sequence[str], modalities: Sequence[str]) -> tuple[str, int] | None:
    """The column and bits that say a key's event has a mention of one of ``types`` and of one of
    ``modalities``: asserted alone (/api/timeline) or every model modality (/api/events); None when
    the rows cannot tell (other modalities, or a type that is not PLOVER's)."""
    kinds = {t.upper() for t in types}
    if any(t not in TYPE_BITS for t in kinds):
        return None
    mods = set(modalities)
    column = "types_asserted" if mods == {"asserted"} else "types_known" if mods == set(MODALITIES) else None
    if column is None:
        return None
    mask = 0
    for t in kinds:
        mask |= TYPE_BITS[t]
    return column, mask


def _filters(modalities: Sequence[str], mask: int, quads: Sequence[int],
             typed: tuple[str, int] | None) -> tuple[str, list[Any]]:
    mods = sorted(set(modalities))
    cond = f" AND lead_modality IN ({', '.join('?' for _ in mods)}) AND (modalities & ?) <> 0"
    args: list[Any] = [*mods, mask]
    if quads:
        kinds = sorted(set(quads))
        cond += f" AND lead_quad IN ({', '.join('?' for _ in kinds)})"
        args += kinds
    if typed:
        cond += f" AND ({typed[0]} & ?) <> 0"
        args.append(typed[1])
    return cond, args


def page(q: Query, key: str, modalities: Sequence[str], *, limit: int, offset: int,
         order: str, quads: Sequence[int] = (), types: Sequence[str] = ()) -> tuple[int, list[str]] | None:
    """(how many, one page of ids) of the key's real-world events over all time, in the timeline's order
    (``desc``: the dated ones latest first, the undated still last); None when a modality is unknown.
    ``quads``: only those whose lead has one of these quad classes (the merged event's), when given;
    ``types``: those with a mention of one of them (of the key and of the modalities; :func:`type_bits`
    says when the rows can tell: None otherwise)."""
    mask = bits(modalities)
    if mask is None or not modalities:
        return None if mask is None else (0, [])
    typed = type_bits(types, modalities) if types else None
    if types and typed is None:
        return None
    wanted, kinds = set(modalities), set(quads)
    column = 5 if typed is None or typed[0] == "types_asserted" else 6
    per_undated = {0: 0, 1: 0}
    for row in q("SELECT undated, lead_modality, lead_quad, modalities, events, types_asserted, types_known"
                 " FROM timeline_counts WHERE key = ?", (key,)).fetchall():
        if (row[1] in wanted and int(row[3]) & mask and (not kinds or int(row[2]) in kinds)
                and (typed is None or int(row[column]) & typed[1])):
            per_undated[int(row[0])] += int(row[4])
    total = per_undated[0] + per_undated[1]
    cond, args = _filters(modalities, mask, quads, typed)
    if order != "desc":
        rows = q(f"SELECT cluster_id FROM timeline_leads WHERE key = ?{cond}"
                 " ORDER BY key, undated, lead_start, lead_end, cluster_id LIMIT ? OFFSET ?",
                 (key, *args, limit, offset)).fetchall()
        return total, [r[0] for r in rows]
    dated = per_undated[0]
    ids: list[str] = []
    if offset < dated:
        ids = [r[0] for r in q(f"SELECT cluster_id FROM timeline_leads WHERE key = ? AND undated = 0{cond}"
                               " ORDER BY key DESC, undated DESC, lead_start DESC, lead_end DESC, cluster_id DESC"
                               " LIMIT ? OFFSET ?", (key, *args, limit, offset)).fetchall()]
    if len(ids) < limit:
        ids += [r[0] for r in q(f"SELECT cluster_id FROM timeline_leads WHERE key = ? AND undated = 1{cond}"
                                " ORDER BY key, undated, lead_start, lead_end, cluster_id LIMIT ? OFFSET ?",
                                (key, *args, limit - len(ids), max(0, offset - dated))).fetchall()]
    return total, ids


def window_page(q: Query, modalities: Sequence[str], since: str | None, until: str | None, *, limit: int,
                offset: int, order: str, quads: Sequence[int] = (), count: bool = True) -> tuple[int, list[str]] | None:
    """(how many, one page of ids) of every real-world event (key ``''``) of these modalities whose lead
    overlaps [since, until] (ISO days, at least one given), in the timeline's order (``desc``: latest first);
    None when a modality is unknown; ``quads`` as in :func:`page`.

    The long leads that started before ``since``'s month and still run come first in that
    order (a short one that started then has ended): they are few, read by their end and sorted here;
    the others are one range of starts, counted and paged in the database.
    """
    mask = bits(modalities)
    if mask is None or not modalities:
        return None if mask is None else (0, [])
    cond, args = _filters(modalities, mask, quads, None)
    hi = until or "9999-12-31"
    lo = month_start(since) if since else ""
    early = sorted((r[0], r[1], r[2]) for r in q(
        "SELECT lead_start, lead_end, cluster_id FROM timeline_leads WHERE key = '' AND long = 1"
        f" AND lead_end >= ? AND lead_start < ? AND lead_start <= ?{cond}", (since or "", lo, hi, *args)).fetchall())
    ends = "CASE WHEN lead_end = '' THEN lead_start ELSE lead_end END"
    rest = (f"FROM timeline_leads WHERE key = '' AND undated = 0 AND lead_start >= ? AND lead_start <= ?"
            f" AND {ends} >= ?{cond}")
    rest_args = (lo, hi, since or "", *args)
    # (``count`` False: the caller knows how many; an ascending page needs no count)
    total = (len(early) + int(q(f"SELECT COUNT(*) {rest}", rest_args).fetchone()[0])
             if count or order != "asc" else -1)
    first = [r[2] for r in early]
    ordering = "key, undated, lead_start, lead_end, cluster_id"
    if order == "desc":
        first.reverse()
        ordering = "key DESC, undated DESC, lead_start DESC, lead_end DESC, cluster_id DESC"
        main = total - len(early)
        ids = [r[0] for r in q(f"SELECT cluster_id {rest} ORDER BY {ordering} LIMIT ? OFFSET ?",
                               (*rest_args, limit, offset)).fetchall()] if offset < main else []
        return total, ids + first[max(0, offset - main):][:limit - len(ids)]
    ids = first[offset:offset + limit]
    if len(ids) < limit:
        ids += [r[0] for r in q(f"SELECT cluster_id {rest} ORDER BY {ordering} LIMIT ? OFFSET ?",
                                (*rest_args, limit - len(ids), max(0, offset - len(early)))).fetchall()]
    return total, ids
