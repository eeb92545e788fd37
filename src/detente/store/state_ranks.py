"""Migration 18: a state's real-world events in the order a briefing of all its time ranks them.

A briefing about one state without a window (:func:`detente.analysis.brief.brief`) lists the
most important of every event involving it: 280,000 on the 1M synthetic store for the busiest.
Ranking them all, even from migration 17's rows (:mod:`.ranks`), takes seconds.  ``state_ranks``
keeps, per state and real-world event involving it (an ``event_dyads`` row ``a = b`` of a version
told in one of the five modalities, :data:`detente.model.MODALITIES`, as a briefing reads), what the
ranking reads first, so that a briefing reads the events in (nearly) their final order and stops
as soon as no unread event can enter its list (:func:`detente.analysis.brief.rank_state_events`):

* ``whole``: the acting side is named (1, a key event) or not (0, "incompletely reported");
* ``bare``: the event's importance before the focus actors and its reports count (``data/brief.yaml``
  ``importance``: its kind, words, modality, target; :func:`.ranks.bare_score`), and ``reports``
  (what they add: :func:`.ranks.report_score`);
* ``grp``: the briefing's merge key (:func:`detente.analysis.brief.merge_versions`: type, mode,
  modality, date key, the states on each side, from the stored actors as the merge reads them).
  Events that one merge joins share a ``grp``; ``shared`` counts the state's rows of it (of the
  same ``whole``);
* ``ceiling``: the most any merge of the ``grp``'s events can score before the focus actors: the
  heaviest ``bare`` plus what all their reports would add (an event alone in its ``grp``: its own
  importance before the focus actors count);
* ``day``: the start date (``'~'`` undated: after every date) and ``ends`` the end date (``''`` none),
  the timeline's order.

The writer keeps the rows with migration 17's (:func:`refresh`, from :func:`.ranks.refresh`):
the rows of the events it re-ranked are written again, and the ceilings of every ``grp`` they
left or joined recomputed.  ``store_meta`` records the importance rules the scores were made with
(:data:`META`); a reader with other rules ranks as before (:func:`usable`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from ..model import JOINT_TYPES, MODALITIES, Actor, state_or_id
from . import ranks
from .dialect import DB, Dialect

META = "state_rank_rules"  # store_meta: the importance rules the scores were made with
BATCH = 5_000
UNDATED = "~"  # the day of an undated event: sorts after every ISO date
Query = Callable[[str, Sequence[Any]], Any]
COLUMNS = ("state", "cluster_id", "whole", "day", "ends", "grp", "bare", "reports", "ceiling", "shared")


def create_sql(d: Dialect) -> str:
    """The table and its indexes (no rows; :func:`backfill` fills it)."""
    t = d.text
    return f"""
        CREATE TABLE state_ranks (
            state {t} NOT NULL, cluster_id {t} NOT NULL,
            whole INTEGER NOT NULL,            -- 1: its acting side is named
            day {t} NOT NULL, ends {t} NOT NULL,  -- start ('~' undated), end ('' none)
            grp {t} NOT NULL,                  -- the merge key: type, mode, modality, date, sides
            bare {d.real} NOT NULL, reports INTEGER NOT NULL,
            ceiling {d.real} NOT NULL, shared INTEGER NOT NULL,
            PRIMARY KEY (state, cluster_id)
        ){d.table_options};
        CREATE INDEX state_ranks_order ON state_ranks(state, whole, ceiling DESC, day, cluster_id);
        CREATE INDEX state_ranks_timeline ON state_ranks(state, whole, day, ends, cluster_id);
        CREATE INDEX state_ranks_grp ON state_ranks(grp);
        CREATE INDEX state_ranks_cluster ON state_ranks(cluster_id);
"""


def signature(rules: dict[str, Any]) -> str:
    """What the scores depend on (the ``importance`` rules), as a short hash."""
    return hashlib.sha256(json.dumps(rules, sort_keys=True, default=str).encode()).hexdigest()[:16]


def usable(q: Query, rules: dict[str, Any] | None = None) -> bool:
    """The scores were made with these importance rules (the shipped ones when None)."""
    found = q("SELECT value FROM store_meta WHERE name = ?", (META,)).fetchone()
    return found is not None and found[0] == signature(ranks.importance_rules() if rules is None else rules)


def group_key(type_: str, mode: str | None, modality: str, start: str | None, value: str | None,
              source: Sequence[str], target: Sequence[str]) -> str:
    """The briefing's merge key (:func:`detente.analysis.brief.merge_versions`): type, mode, modality,
    date key and the states (:func:`detente.model.state_or_id`) on each side (both in one for a joint act)."""
    sides = ["\x1f".join(sorted(set(source))), "\x1f".join(sorted(set(target)))]
    if type_ in JOINT_TYPES:
        sides = ["\x1f".join(sorted({*source, *target})), ""]
    return "\t".join((type_, mode or "", modality, start or value or "", *sides))


def whole(type_: str, source: Sequence[str], target: Sequence[str]) -> bool:
    """The acting side is named: a joint act (met, agreed) needs two parties, any other act its actor."""
    return bool(source) and (type_ not in JOINT_TYPES or len({*source, *target}) > 1)


def _sides(rank_rows: Sequence[Sequence[Any]]) -> list[tuple[list[str], list[str]]]:
    out = []
    for r in rank_rows:
        source, target = r[7], r[8]
        out.append((json.loads(source), json.loads(target)) if isinstance(source, str) else (list(source), list(target)))
    return out


def _state_keys(db: DB, ids: Iterable[str]) -> dict[str, str]:
    """Each actor id's state key, from the stored actors (an id not stored stands for itself)."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    cond, arg = db.dialect.in_list("id", wanted)
    found = {r[0]: state_or_id(Actor(r[0], r[1], r[2], r[3], r[4]), r[0]) for r in db.execute(
        f"SELECT id, name, kind, code, country FROM actors WHERE {cond}", (arg,)).fetchall()}
    return {i: found.get(i, i) for i in wanted}


def _rows(db: DB, rank_rows: Sequence[Sequence[Any]], rules: dict[str, Any]) -> list[list[Any]]:
    """This table's rows (ceiling and shared still to fill) of migration 17's rows, per state involved."""
    if not rank_rows:
        return []
    sides = _sides(rank_rows)
    keys = _state_keys(db, {a for s, t in sides for a in (*s, *t)})
    states = _states(db, [r[0] for r in rank_rows])
    out = []
    for r, (source, target) in zip(rank_rows, sides, strict=True):
        cluster, type_, mode, modality, start, end, value, _, _, reports, weight = r[:11]
        bare = ranks.bare_score(rules, type_, mode, modality, bool(target), weight)
        alone = bare + ranks.report_score(rules, int(reports))  # the ceiling while no other event shares its key
        flag = 1 if whole(type_, source, target) else 0
        grp = group_key(type_, mode, modality, start, value, [keys[a] for a in source], [keys[a] for a in target])
        for state in states.get(cluster, ()):
            out.append([state, cluster, flag, start or UNDATED, end or "", grp, bare, int(reports), alone, 1])
    return out


def _ceilings(rules: dict[str, Any], members: Sequence[tuple[float, int]]) -> float:
    """The most a merge of some of these (bare, reports) can score: the heaviest bare, every report."""
    return max(b for b, _ in members) + ranks.report_score(rules, sum(n for _, n in members))


def _fill_groups(rows: list[list[Any]], rules: dict[str, Any]) -> None:
    """Set ceiling and shared of rows that hold every row of their (state, grp)."""
    groups: dict[tuple[str, int, str], list[list[Any]]] = {}
    for row in rows:
        groups.setdefault((row[0], row[2], row[5]), []).append(row)
    for members in groups.values():
        if len(members) > 1:
            ceiling = _ceilings(rules, [(m[6], m[7]) for m in members])
            for m in members:
                m[8], m[9] = ceiling, len(members)


def _states(db: DB, clusters: Sequence[str]) -> dict[str, list[str]]:
    """The states each of these real-world events involves (its ``event_dyads`` rows ``a = b`` of a version
    in one of :data:`MODALITIES`)."""
    cond, arg = db.dialect.in_list("cluster_id", clusters)
    mcond, marg = db.dialect.in_list("modality", MODALITIES)
    out: dict[str, list[str]] = {}
    for a, cluster in db.execute(f"SELECT DISTINCT a, cluster_id FROM event_dyads WHERE a = b AND {mcond}"
                                 f" AND event_id IN (SELECT id FROM events WHERE {cond})", (marg, arg)).fetchall():
        out.setdefault(cluster, []).append(a)
    return out


_INSERT = f"INSERT INTO state_ranks({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def refresh(db: DB, clusters: Sequence[str], rank_rows: Sequence[Sequence[Any]]) -> None:
    """Rewrite these real-world events' rows from their ranking rows (migration 17's, just written), then
    the ceilings of every group they left or joined."""
    if not clusters:
        return
    rules = ranks.importance_rules()
    d = db.dialect
    cond, arg = d.in_list("cluster_id", clusters)
    touched = {(r[0], r[1]) for r in db.execute(f"SELECT DISTINCT grp, state FROM state_ranks WHERE {cond}",
                                                (arg,)).fetchall()}
    db.execute(f"DELETE FROM state_ranks WHERE {cond}", (arg,))
    rows = _rows(db, rank_rows, rules)
    if rows:
        db.executemany(_INSERT, rows)
    touched |= {(r[5], r[0]) for r in rows}
    if not touched:
        return
    gcond, garg = d.in_list("grp", sorted({g for g, _ in touched}))
    found: dict[tuple[str, str, int], list[tuple[str, float, int]]] = {}
    for state, cluster, flag, grp, bare, reports in db.execute(
            f"SELECT state, cluster_id, whole, grp, bare, reports FROM state_ranks WHERE {gcond}", (garg,)):
        if (grp, state) in touched:
            found.setdefault((state, grp, flag), []).append((cluster, float(bare), int(reports)))
    updates = []
    for (state, _, _), members in found.items():
        ceiling = _ceilings(rules, [(b, n) for _, b, n in members]) if len(members) > 1 else None
        for cluster, bare, reports in members:
            updates.append((ceiling if ceiling is not None else bare + ranks.report_score(rules, reports), len(members),
                            state, cluster))
    db.executemany("UPDATE state_ranks SET ceiling = ?, shared = ? WHERE state = ? AND cluster_id = ?", updates)


def backfill(db: DB) -> None:
    """Fill the table from migration 17's rows (migration 18; the table is empty), a batch of events at a time."""
    rules = ranks.importance_rules()
    after = ""
    while True:
        batch = db.execute(f"SELECT {', '.join(ranks.COLUMNS)} FROM event_ranks WHERE cluster_id > ?"
                           f" ORDER BY cluster_id LIMIT {BATCH}", (after,)).fetchall()
        if not batch:
            break
        rows = _rows(db, batch, rules)
        if rows:
            db.executemany(_INSERT, rows)
        after = batch[-1][0]
    after = ""  # then every group's ceiling, a batch of group keys at a time
    while True:
        keys = [r[0] for r in db.execute("SELECT DISTINCT grp FROM state_ranks WHERE grp > ? ORDER BY grp"
                                         f" LIMIT {BATCH}", (after,)).fetchall()]
        if not keys:
            break
        gcond, garg = db.dialect.in_list("grp", keys)
        rows = [list(r) for r in db.execute(f"SELECT {', '.join(COLUMNS)} FROM state_ranks WHERE {gcond}",
                                            (garg,)).fetchall()]
        _fill_groups(rows, rules)
        db.executemany("UPDATE state_ranks SET ceiling = ?, shared = ? WHERE state = ? AND cluster_id = ?",
                       [(r[8], r[9], r[0], r[1]) for r in rows if r[9] > 1])
        after = keys[-1]
    db.execute(db.dialect.upsert("store_meta", ("name", "value"), ("name",), replace=True), (META, signature(rules)))


def ordered(q: Query, state: str, complete: bool, limit: int, offset: int) -> list[tuple[str, float, str, int]]:
    """A page of the state's events: the complete ones by ceiling (highest first), then day and id; the
    others in timeline order.  (cluster id, ceiling, day, shared) each."""
    order = "ceiling DESC, day, cluster_id" if complete else "day, ends, cluster_id"
    return [(r[0], float(r[1]), r[2], int(r[3])) for r in q(
        f"SELECT cluster_id, ceiling, day, shared FROM state_ranks WHERE state = ? AND whole = ?"
        f" ORDER BY {order} LIMIT {int(limit)} OFFSET {int(offset)}", (state, 1 if complete else 0)).fetchall()]


Row = tuple[str, int, str, str, str, float, int]  # cluster id, whole, day, ends, grp, ceiling, shared


def day_index_sql() -> str:
    """Migration 21: the state's rows by start day, with what a briefing ranks them by (covering)."""
    return "CREATE INDEX state_ranks_day ON state_ranks(state, day, ends, whole, grp, ceiling, shared, cluster_id);"


def of(q: Query, d: Dialect, state: str, cluster_ids: Sequence[str], since: str | None = None,
       until: str | None = None) -> list[Row]:
    """The state's rows of these events: (cluster id, whole, day, ends, grp, ceiling, shared).  With a
    window (ISO days) that the events overlap, those starting in it are one range of migration 21's
    index and only the others (started before it) are looked up one by one."""
    if not cluster_ids:
        return []
    cols = "cluster_id, whole, day, ends, grp, ceiling, shared"
    rows: list[Any] = []
    rest = cluster_ids
    if since and until:
        wanted = set(cluster_ids)
        rows = [r for r in q(f"SELECT {cols} FROM state_ranks WHERE state = ? AND day >= ? AND day <= ?",
                             (state, since, until)).fetchall() if r[0] in wanted]
        found = {r[0] for r in rows}
        rest = [c for c in cluster_ids if c not in found]
    if rest:
        cond, arg = d.in_list("cluster_id", rest)
        rows += q(f"SELECT {cols} FROM state_ranks WHERE state = ? AND {cond}", (state, arg)).fetchall()
    return [(r[0], int(r[1]), r[2], r[3], r[4], float(r[5]), int(r[6])) for r in rows]


def group_members(q: Query, d: Dialect, state: str, cluster_ids: Sequence[str]) -> list[str]:
    """Every event of the state sharing a merge key with one of these (themselves included)."""
    if not cluster_ids:
        return []
    cond, arg = d.in_list("cluster_id", cluster_ids)
    keys = sorted({(r[0], int(r[1])) for r in q(f"SELECT grp, whole FROM state_ranks WHERE state = ? AND {cond}",
                                                 (state, arg)).fetchall()})
    gcond, garg = d.in_list("grp", sorted({g for g, _ in keys}))
    # by the key alone (its index; a key's rows are its events' few states), the state's kept here
    return sorted({r[0] for r in q(f"SELECT cluster_id, grp, whole, state FROM state_ranks WHERE {gcond}",
                                   (garg,)).fetchall() if r[3] == state and (r[1], int(r[2])) in keys})
