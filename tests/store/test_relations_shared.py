"""The relations page's two answers read together are what :func:`relations` and :func:`pair_summary` give apart."""

from __future__ import annotations

import json
import random

from detente.analysis import pair_summary, relations
from detente.analysis.relations import relations_and_summary
from detente.model import to_json
from detente.store import Store

from .test_network_rollup import _doc

PAIRS = [("CHN", "USA"), ("USA", "CHN"), ("PRK", "PRK"), ("CHN", "person:p0"), ("person:p1", "org:un")]
WINDOWS = [(None, None), ("2024-03", "2024-03"), ("2024", "2024"), (None, "2024-06"), ("2023", None)]


def test_relations_and_summary_together(store: Store) -> None:
    rng = random.Random(5)
    for n in range(14):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    ids = sorted(r[0] for r in store._q("SELECT id FROM events"))
    store.set_event_clusters({e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 3)})
    for a, b in PAIRS:
        for since, until in WINDOWS:
            for by in ("month", "year"):
                for key in (0, 3, 12):
                    rel, summary = relations_and_summary(store, a, b, by=by, since=since, until=until, key=key)
                    assert to_json(rel) == to_json(relations(store, a, b, by=by, since=since, until=until))
                    assert to_json(summary) == to_json(pair_summary(store, a, b, since=since, until=until, key=key))


def test_the_relations_answer_writes_periods_as_to_json_did(store: Store) -> None:
    from detente.api.routes.analysis import get_relations

    rng = random.Random(6)
    for n in range(10):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    for a, b in PAIRS:
        for since, until in WINDOWS:
            for by in ("month", "year"):
                got = get_relations(store, a, b, by, since, until)
                rel = relations(store, a, b, by=by, since=since, until=until)
                assert json.dumps(got["periods"]) == json.dumps(to_json(rel.periods))
