"""Migration 7: event counts by type and modality, kept by the writer for ``Store.stats``.

Counting a million event mentions by modality and by type, and their real-world
events, reads the whole ``events`` table (seconds); these rows hold the answer.

``event_counts`` has, per real-world event (cluster), its mentions per type and
modality, so that a changed event's old counts can be taken back (a delete has
removed its mentions by then); ``event_totals`` sums them per type and modality,
and its row ``('', '')`` counts the real-world events.  Like the network roll-up
(:mod:`.links`) they are kept by :func:`detente.store.dyads.refresh_clusters`.
"""

from __future__ import annotations

from collections.abc import Sequence

from .dialect import DB, Dialect

EVENTS = ("", "")  # event_totals' key of the real-world event count


def create_sql(d: Dialect) -> str:
    """The tables and the index that lets ``SUM(words)`` skip the documents' texts (no rows)."""
    t = d.text
    return f"""
        CREATE TABLE event_counts (
            cluster_id {t} NOT NULL, type {t} NOT NULL, modality {t} NOT NULL,
            mentions INTEGER NOT NULL,
            PRIMARY KEY (cluster_id, type, modality)
        ){d.table_options};
        CREATE TABLE event_totals (
            type {t} NOT NULL, modality {t} NOT NULL,    -- ('', ''): the real-world events
            mentions INTEGER NOT NULL,
            PRIMARY KEY (type, modality)
        ){d.table_options};
        CREATE INDEX documents_words ON documents(words);
"""


def backfill_sql() -> str:
    """Fill the tables from the stored events (migration 7)."""
    return """
        INSERT INTO event_counts(cluster_id, type, modality, mentions)
        SELECT cluster_id, type, modality, COUNT(*) FROM events GROUP BY cluster_id, type, modality;
        INSERT INTO event_totals(type, modality, mentions)
        SELECT type, modality, SUM(mentions) FROM event_counts GROUP BY type, modality;
        INSERT INTO event_totals(type, modality, mentions) SELECT '', '', COUNT(DISTINCT cluster_id) FROM events;
"""


def refresh(db: DB, clusters: Sequence[str]) -> None:
    """Recount these real-world events' mentions (call after their events changed)."""
    if not clusters:
        return
    d = db.dialect
    cond, arg = d.in_list("cluster_id", clusters)
    old = {(r[0], r[1], r[2]): int(r[3]) for r in db.execute(
        f"SELECT cluster_id, type, modality, mentions FROM event_counts WHERE {cond}", (arg,))}
    new = {(r[0], r[1], r[2]): int(r[3]) for r in db.execute(
        f"SELECT cluster_id, type, modality, COUNT(*) FROM events WHERE {cond} GROUP BY cluster_id, type, modality",
        (arg,))}
    if old == new:
        return
    delta: dict[tuple[str, str], int] = {}
    for key in set(old) | set(new):
        n = new.get(key, 0) - old.get(key, 0)
        if n:
            delta[key[1:]] = delta.get(key[1:], 0) + n
    had, has = {k[0] for k in old}, {k[0] for k in new}
    delta[EVENTS] = delta.get(EVENTS, 0) + len(has - had) - len(had - has)
    db.execute(f"DELETE FROM event_counts WHERE {cond}", (arg,))
    db.executemany("INSERT INTO event_counts(cluster_id, type, modality, mentions) VALUES (?, ?, ?, ?)",
                   [(*k, n) for k, n in sorted(new.items())])
    db.add_counts("event_totals", ("type", "modality"), ("mentions",), delta)
