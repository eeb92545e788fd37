"""Migration 16's merged events are the stored versions merged now, after every kind of write, on both
backends: adds (with near duplicates), fusion, actor merges, deletes, and an actor gaining a state."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from detente.model import Actor, ActorMention, Date, Document, Event, Extraction, Mention
from detente.store import Store

from .test_network_rollup import _doc, merge_delete_readd


def _same(store: Store) -> list[Event]:
    kept = store.events()
    assert kept == store.events_merged_now()
    assert len(kept) == store._q("SELECT COUNT(DISTINCT cluster_id) FROM events").fetchone()[0]
    some = [e.id for e in kept][::3] + ["no-such-event"]
    assert store.events(some) == store.events_merged_now(some)
    assert store.events([]) == []
    return kept


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_kept_merges_are_the_versions_merged(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(12):
        near = [(f"d{n - 1}", 0.93)] if n % 3 == 1 else []  # a reprint of the report before it
        store.add(_doc(rng, n), content_hash=f"h{n}", near_duplicates=near)
    _same(store)
    ids = sorted(r[0] for r in store._q("SELECT id FROM events"))
    store.set_event_clusters({e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 2)})
    merged = _same(store)
    # the comparison covers events of several versions, outlets and disagreements
    assert any(len(e.sources) > 1 for e in merged) and any(e.disputed for e in merged)
    merge_delete_readd(store, rng, lambda: _same(store))


def _report(n: int, person: Actor, published: str) -> Extraction:
    doc_id = f"r{n}"
    text = f"{person.name} held talks with the United States."
    day = Date(value="2024-05-02", granularity="day", start="2024-05-02", end="2024-05-02", basis="explicit")
    usa = Actor(id="USA", name="United States", kind="state", code="USA", country="USA")
    ev = Event(id=f"ev-{doc_id}", type="CONSULT", mode=None, source=[person.id], target=["USA"], date=day,
               location=None, modality="asserted", attribution=None, quad_class=1, intensity=1.0, confidence=0.6,
               mentions=[Mention(doc_id, 0, len(text), text)], trigger="talks")
    return Extraction(document=Document(id=doc_id, text=text, title=doc_id, source=f"outlet-{n}", published=published,
                                        published_basis="metadata"),
                      actors=[person, usa], actor_mentions=[ActorMention(person.id, doc_id, 0, 3, text[:3])],
                      events=[ev])


def test_an_actor_gaining_a_state_merges_its_events_again(store: Store) -> None:
    """Two reports name different envoys of no known state for one meeting: no dispute.  A later report
    places both in one state: the versions now name different people acting for it — disputed."""
    a = Actor(id="person:envoy-a", name="Envoy A", kind="person", country=None)
    b = Actor(id="person:envoy-b", name="Envoy B", kind="person", country=None)
    store.add(_report(1, a, "2024-05-03"), content_hash="h1")
    store.add(_report(2, b, "2024-05-04"), content_hash="h2")
    store.set_event_clusters({"ev-r2": "ev-r1"})
    (before,) = _same(store)
    assert before.source == [a.id, b.id] and "source" not in before.disputed
    placed = [Actor(id=x.id, name=x.name, kind="person", country="CHN") for x in (a, b)]
    later = _report(3, placed[0], "2024-06-01")
    later.actors.append(placed[1])
    store.add(later, content_hash="h3")
    kept = {e.id: e for e in _same(store)}
    assert "source" in kept["ev-r1"].disputed


def test_migration_16_merges_a_store_written_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    rng = random.Random(4)
    with Store(path) as store:
        for n in range(10):
            store.add(_doc(rng, n), content_hash=f"h{n}", near_duplicates=[(f"d{n - 1}", 0.9)] if n else [])
        ids = sorted(r[0] for r in store._q("SELECT id FROM events"))
        store.set_event_clusters({e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 2)})
        want = store.events_merged_now()
        store.conn.execute("DROP TABLE fused_events")  # as a store of migration 15 was
        store.conn.execute("DELETE FROM schema_migrations WHERE version = 16")
        store.conn.commit()
    with Store(path) as store:  # opening it runs migration 16's backfill
        assert store.events() == want and len(want) > 1
