"""Migration 10's timeline order gives the pages the whole timeline gives, after every kind of write.

Small random stores (the network roll-up test's: states, people with and without a
state, organisations, every modality and an unknown one, undated and long events) are
written, fused, merged and deleted from; after each step the pages of every event
(all time and in windows) and of each state (all time), both orders, are compared
with slices of :func:`timeline`, and the rows with the migration's backfill.
"""

from __future__ import annotations

import random

import pytest

from detente.analysis import timeline, timeline_page
from detente.analysis.timeline import in_order
from detente.model import MODALITIES
from detente.store import Store, leads

from .test_network_rollup import _doc

WINDOWS = [("2024-03", "2024-03"), ("2024-02-10", "2024-05-20"), ("2024", None), (None, "2024-06"),
           ("2023", "2023"), ("2024-06-30", "2024-07-01")]
MODES: list[tuple[str, ...]] = [("asserted",), MODALITIES, ("future", "negated"), ("asserted", "denied")]


def _ids(entries: list[object]) -> list[str]:
    return [t.event.id for t in entries]  # type: ignore[attr-defined]


def _same(store: Store) -> None:
    states = [r[0] for r in store._q("SELECT DISTINCT code FROM actors WHERE kind = 'state'").fetchall()]
    for modality in MODES:
        for actors, windows in [((), [(None, None), *WINDOWS]), *[((s,), [(None, None)]) for s in states]]:
            for since, until in windows:
                whole = timeline(store, actors=actors, since=since, until=until, modality=modality)
                for order in ("asc", "desc"):
                    ordered = _ids(in_order(whole, order))
                    for offset, limit in ((0, 3), (2, 4), (0, 1000), (len(ordered) - 1, 5), (len(ordered) + 2, 5)):
                        offset = max(offset, 0)
                        page = timeline_page(store, actors=actors, since=since, until=until, modality=modality,
                                             limit=limit, offset=offset, order=order)
                        assert (page.total, _ids(page.entries)) == (len(ordered), ordered[offset:offset + limit]), \
                            (modality, actors, since, until, order, offset, limit)


def _rows(s: Store, table: str) -> list[tuple[object, ...]]:
    return sorted(tuple(r) for r in s._q(f"SELECT * FROM {table}").fetchall())


def _backfilled(store: Store) -> None:
    kept = {t: _rows(store, t) for t in ("timeline_leads", "timeline_counts")}
    with store.transaction() as db:
        for t in kept:
            db.execute(f"DELETE FROM {t}")
        for statement in leads.backfill_sql(db.dialect).split(";"):
            if statement.strip():
                db.execute(statement)
    assert {t: _rows(store, t) for t in kept} == kept and kept["timeline_leads"]


@pytest.mark.parametrize("seed", [1, 2])
def test_pages_are_slices_of_the_timeline(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(12):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    _same(store)
    ids = sorted(r[0] for r in store._q("SELECT id FROM events"))
    moves = {e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 3)}
    store.set_event_clusters(moves)  # fusion: some leads change
    _same(store)
    store.merge_actors("person:p3", "person:p0")
    _same(store)
    for n in rng.sample(range(12), 4):
        assert store.delete_document(f"d{n}")
    _same(store)
    for n in range(12, 15):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    _same(store)
    _backfilled(store)


def test_an_unknown_modality_is_not_served_by_the_rows(store: Store) -> None:
    rng = random.Random(3)
    for n in range(3):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    assert store.timeline_leads_page("", ("asserted", "denied"), limit=5, offset=0) is None
    assert store.timeline_leads_window(("denied",), "2024-01-01", None, limit=5, offset=0) is None
    total, ids = store.timeline_leads_page("", MODALITIES, limit=1000, offset=0) or (0, [])
    assert total == len(ids) == len({r[0] for r in store._q("SELECT cluster_id FROM events WHERE modality IN"
                                                          " ('asserted', 'negated', 'hypothetical', 'future',"
                                                          " 'prescriptive')").fetchall()}) or total > 0
