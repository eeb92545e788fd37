"""Migration 8's event counts are what a scan of ``events`` counts, after every kind of write."""

from __future__ import annotations

import random
from typing import Any

import pytest

from detente.store import Store

from .test_network_rollup import _doc


def _scanned(store: Store) -> dict[str, Any]:
    q = store._q
    published = sorted(r[0] for r in q("SELECT published FROM documents") if r[0] is not None)
    return {
        "published_from": published[0] if published else None,
        "published_to": published[-1] if published else None,
        "event_mentions": int(q("SELECT COUNT(*) FROM events").fetchone()[0]),
        "events": int(q("SELECT COUNT(DISTINCT cluster_id) FROM events").fetchone()[0]),
        "events_by_modality": {r[0]: int(r[1]) for r in q("SELECT modality, COUNT(*) FROM events GROUP BY modality"
                                                          " ORDER BY modality")},
        "events_by_type": {r[0]: int(r[1]) for r in q("SELECT type, COUNT(*) FROM events GROUP BY type"
                                                      " ORDER BY 2 DESC, 1")},
    }


def _same(store: Store) -> None:
    got = store.stats()
    want = _scanned(store)
    assert {k: got[k] for k in want} == want
    assert list(got["events_by_type"]) == list(want["events_by_type"])  # the order too


@pytest.mark.parametrize("seed", [1, 2])
def test_stats_counts_are_the_scans(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    _same(store)  # empty
    for n in range(10):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    _same(store)
    ids = sorted(r[0] for r in store._q("SELECT id FROM events"))
    store.set_event_clusters({e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 3)})
    _same(store)
    for n in rng.sample(range(10), 4):
        store.delete_document(f"d{n}")
        _same(store)
    store.add(_doc(rng, 20), content_hash="h20")
    _same(store)
    undated = _doc(rng, 21)
    undated.document.published = None  # a report without a date is not the earliest nor the latest
    store.add(undated, content_hash="h21")
    _same(store)
