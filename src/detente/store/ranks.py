"""Migration 17: what a briefing ranks each real-world event by, kept beside its merge.

:func:`detente.analysis.brief.brief` lists a window's most important events about
some actors (:func:`detente.analysis.brief.importance`: the event's kind, mode and
words, the focus actors it names, how widely it is reported) after merging the
versions of one event that fusion kept apart.  Read from the merged records, that is
every event of the window parsed (a month of one state: 3,500 records; all of its
time: 280,000 on the 1M synthetic store).  ``event_ranks`` keeps, per real-world
event, the merged record's fields the ranking and the merge read: type, mode,
modality, dates, sides (JSON lists of actor ids), reports (outlets or documents,
whichever are more) and ``weight``: the heaviest of ``data/brief.yaml``'s importance
words in the trigger and first three mentions (NULL when none is), so that a
briefing parses only the events it shows.

The writer keeps the table with ``fused_events`` (:func:`refresh`, called by
:func:`detente.store.fused.refresh` with the merges it made).  ``store_meta`` records
the importance words the weights were made with (:data:`META`); a reader whose words
differ ranks from the records instead (:func:`usable`).  A release that changes the
words adds a migration that fills the table again, as for the merge rules.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Sequence
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from ..model import JOINT_TYPES, Event, event_from
from . import state_ranks
from .dialect import DB, Dialect

META = "event_rank_words"  # store_meta: the importance words the weights were made with
BATCH = 5_000
Query = Callable[[str, Sequence[Any]], Any]
COLUMNS = ("cluster_id", "type", "mode", "modality", "date_start", "date_end", "date_value", "source", "target",
           "reports", "weight")


def create_sql(d: Dialect) -> str:
    """The table (no rows; :func:`backfill` fills it)."""
    t = d.text
    return f"""
        CREATE TABLE event_ranks (
            cluster_id {t} PRIMARY KEY,
            type {t} NOT NULL, mode {t}, modality {t} NOT NULL,
            date_start {t}, date_end {t}, date_value {t},
            source {t} NOT NULL, target {t} NOT NULL,  -- JSON lists of actor ids, as merged
            reports INTEGER NOT NULL,                  -- outlets or documents, whichever are more
            weight REAL                                -- the heaviest importance word, NULL for none
        ){d.table_options};
"""


def normalized(found: dict[str, Any]) -> tuple[tuple[str, float], ...]:
    """Importance words (``importance: words:`` of ``data/brief.yaml``) as the weights are made from them."""
    return tuple((str(w).lower(), float(v)) for w, v in found.items())


@lru_cache(maxsize=1)
def words() -> tuple[tuple[str, float], ...]:
    """``data/brief.yaml``'s importance words and their weights."""
    text = resources.files("detente").joinpath("data/brief.yaml").read_text("utf-8")
    return normalized(((yaml.safe_load(text) or {}).get("importance") or {}).get("words") or {})


def signature(found: tuple[tuple[str, float], ...] | None = None) -> str:
    """What the weights depend on, as a short hash."""
    return hashlib.sha256(json.dumps(found if found is not None else words()).encode()).hexdigest()[:16]


@lru_cache(maxsize=4)
def word_patterns(found: tuple[tuple[str, float], ...]) -> list[tuple[re.Pattern[str], float]]:
    """Importance words as one pattern per weight, heaviest first (a word starts at a word boundary)."""
    by_weight: dict[float, list[str]] = {}
    for word, weight in found:
        by_weight.setdefault(float(weight), []).append(re.escape(str(word).lower()))
    return [(re.compile(rf"\b(?:{'|'.join(ws)})"), w) for w, ws in sorted(by_weight.items(), reverse=True)]


def word_text(ev: Event) -> str:
    """What the importance words are searched in: the trigger and the first three mentions, lower case."""
    return " ".join([ev.trigger or "", *(m.text for m in ev.mentions[:3])]).lower()


def heaviest_word(text: str, found: tuple[tuple[str, float], ...]) -> float | None:
    """The weight of the heaviest of these importance words in ``text`` (at a word's start), or None."""
    return next((w for pattern, w in word_patterns(found) if pattern.search(text)), None)


@lru_cache(maxsize=1)
def importance_rules() -> dict[str, Any]:
    """``data/brief.yaml``'s ``importance`` section: what a key event's importance is made of."""
    text = resources.files("detente").joinpath("data/brief.yaml").read_text("utf-8")
    found: dict[str, Any] = (yaml.safe_load(text) or {}).get("importance") or {}
    return found


def bare_score(rules: dict[str, Any], type_: str, mode: str | None, modality: str, has_target: bool,
               weight: float | None) -> float:
    """An event's importance before the focus actors and the reports count (:func:`detente.analysis.brief.
    importance`): its kind (type, mode, or its heaviest word when that outweighs them), less the
    not-asserted and one-sided amounts."""
    value = max(float((rules.get("types") or {}).get(type_, 1)), float((rules.get("modes") or {}).get(mode or "", 0)))
    if weight is not None and weight > value:
        value = weight
    if modality != "asserted":
        value += float(rules.get("not_asserted", -3))
    if not has_target and type_ not in JOINT_TYPES:
        value += float(rules.get("no_target", -1))
    return value


def report_score(rules: dict[str, Any], reports: int) -> float:
    """What further reports add to an event's importance (up to four count)."""
    return float(rules.get("per_report", 0.5)) * min(reports - 1, 4)


def word_weight(ev: Event) -> float | None:
    """The heaviest importance word in :func:`word_text`, or None."""
    return heaviest_word(word_text(ev), words())


def row(ev: Event) -> tuple[Any, ...]:
    """The ranking's row of a merged event."""
    reports = max(len(ev.sources), len({m.document for m in ev.mentions}))
    return (ev.id, ev.type, ev.mode, ev.modality, ev.date.start, ev.date.end, ev.date.value,
            json.dumps(list(ev.source)), json.dumps(list(ev.target)), reports, word_weight(ev))


_INSERT = f"INSERT INTO event_ranks({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})"


def refresh(db: DB, clusters: Sequence[str], merged: Iterable[Event]) -> None:
    """Rewrite these real-world events' rows from their merges (a cluster without one has no row)."""
    if not clusters:
        return
    cond, arg = db.dialect.in_list("cluster_id", clusters)
    db.execute(f"DELETE FROM event_ranks WHERE {cond}", (arg,))
    rows = [row(ev) for ev in merged]
    if rows:
        db.executemany(_INSERT, rows)
    state_ranks.refresh(db, clusters, rows)  # migration 18's order per state follows


def backfill(db: DB) -> None:
    """Fill the table from ``fused_events`` (migration 17; the table is empty)."""
    after = ""
    while True:  # a batch of merges at a time, in id order (a large store is not held whole)
        batch = db.execute("SELECT cluster_id, data FROM fused_events WHERE cluster_id > ? ORDER BY cluster_id"
                           f" LIMIT {BATCH}", (after,)).fetchall()
        if not batch:
            break
        db.executemany(_INSERT, [row(event_from(json.loads(r[1]))) for r in batch])
        after = batch[-1][0]
    db.execute(db.dialect.upsert("store_meta", ("name", "value"), ("name",), replace=True), (META, signature()))


def usable(q: Query) -> bool:
    """The weights were made with the importance words in force now."""
    found = q("SELECT value FROM store_meta WHERE name = ?", (META,)).fetchone()
    return found is not None and found[0] == signature()


Rank = tuple[str, str, str | None, str, str | None, str | None, str | None, tuple[str, ...], tuple[str, ...], int,
             float | None]


def read(q: Query, d: Dialect, clusters: Sequence[str]) -> list[Rank]:
    """The rows of these real-world events (those that have one), unordered; sides as tuples of ids."""
    if not clusters:
        return []
    cond, arg = d.in_list("cluster_id", clusters)
    side: dict[str, tuple[str, ...]] = {}

    def ids(text: str) -> tuple[str, ...]:
        found = side.get(text)
        if found is None:
            found = side[text] = tuple(json.loads(text))
        return found

    return [(r[0], r[1], r[2], r[3], r[4], r[5], r[6], ids(r[7]), ids(r[8]), int(r[9]),
             None if r[10] is None else float(r[10]))
            for r in q(f"SELECT {', '.join(COLUMNS)} FROM event_ranks WHERE {cond}", (arg,)).fetchall()]
