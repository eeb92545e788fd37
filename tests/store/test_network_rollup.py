"""Migration 7's network roll-up gives exactly what the timeline gives, after every kind of write.

Small random stores (states, people acting for them, people with no state,
organisations; every modality, quad classes with None, symmetric events) are
written, fused, merged and deleted from; after each step the network read from the
roll-up is compared with :func:`network_of_timeline`, its reference, at both levels.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable

import pytest

from detente.analysis.network import busiest, network, network_of_timeline, network_table
from detente.api.routes.analysis import network_json, table_json
from detente.model import Actor, ActorMention, Date, Document, Event, Extraction, Mention
from detente.store import Store, links

STATES = [Actor(id=c, name=f"State {c}", kind="state", code=c, country=c) for c in ("CHN", "PRK", "USA", "RUS", "FRA")]
PEOPLE = [Actor(id=f"person:p{i}", name=f"Person {i}", kind="person", country=c)
          for i, c in enumerate(("CHN", "USA", "RUS", None, None, "PRK"))]
ORGS = [Actor(id="org:un", name="UN", kind="organization", country=None)]
ACTORS = STATES + PEOPLE + ORGS
MODALITIES = ("asserted", "asserted", "asserted", "future", "denied")


def _date(rng: random.Random) -> Date:
    m = rng.randint(1, 12)
    kind = rng.random()
    if kind < 0.6:
        d = f"2024-{m:02d}-{rng.randint(1, 28):02d}"
        return Date(value=d, granularity="day", start=d, end=d, basis="explicit")
    if kind < 0.8:
        return Date(value=f"2024-{m:02d}", granularity="month", start=f"2024-{m:02d}-01", end=f"2024-{m:02d}-28",
                    basis="explicit")
    if kind < 0.9:
        return Date(value="2023", granularity="year", start="2023-01-01", end="2023-12-31", basis="explicit")
    return Date.unknown()


def _doc(rng: random.Random, n: int, *, exact: bool = True) -> Extraction:
    doc_id = f"d{n}"
    text = f"Report {doc_id} about talks."
    sent = Mention(doc_id, 0, len(text), text)
    events = []
    for i in range(rng.randint(1, 5)):
        src = rng.sample(ACTORS, rng.choice((1, 1, 2)))
        rest = [a for a in ACTORS if a not in src]
        tgt = rng.sample(rest, rng.choice((0, 1, 1, 2)))
        intensity = rng.choice((1.0, -3.5, 6.0, 0.1, -0.7, 2.25))
        if not exact and i == 0:
            intensity = 0.123456
        events.append(Event(id=f"ev-{doc_id}-{i}", type="CONSULT", mode=None, source=[a.id for a in src],
                            target=[a.id for a in tgt], date=_date(rng), location=None,
                            modality=rng.choice(MODALITIES), attribution=None, quad_class=rng.choice((1, 2, 3, 4, None)),
                            intensity=intensity, confidence=0.6, mentions=[sent], trigger="talks"))
    used = {x for e in events for x in (*e.source, *e.target)}
    actors = [a for a in ACTORS if a.id in used]
    return Extraction(document=Document(id=doc_id, text=text, title=doc_id, source=f"pub-{n % 3}",
                                        published=f"2024-{rng.randint(1, 12):02d}-15", published_basis="metadata"),
                      actors=actors, actor_mentions=[ActorMention(actors[0].id, doc_id, 0, 6, "Report")],
                      events=events)


def merge_delete_readd(store: Store, rng: random.Random, check: Callable[[], object]) -> None:
    """The writes after a store of the reports ``d0``..``d11`` (:func:`_doc`): an actor merge (a person with
    no state now acts for CHN's person), four deletes, three new reports; ``check`` after each step."""
    store.merge_actors("person:p3", "person:p0")
    check()
    for n in rng.sample(range(12), 4):
        assert store.delete_document(f"d{n}")
        check()
    for n in range(12, 15):  # re-adding after deletes
        store.add(_doc(rng, n), content_hash=f"h{n}")
    check()


WINDOWS = [("2024-03", "2024-03"), ("2024-02-10", "2024-05-20"), ("2024", None), (None, "2024-06"),
           ("2023", "2023"), ("2024-06-30", "2024-07-01")]


def _old_overview(store: Store, top: int) -> tuple[list[object], list[object]]:
    """What the home page's top actors and pairs were before the roll-up (the whole networks)."""
    actors, states = network_of_timeline(store, level="actor"), network_of_timeline(store, level="state")
    names = {n.id: n.name for n in states.nodes}
    return ([(n.id, n.name, n.events) for n in sorted(actors.nodes, key=lambda n: (-n.events, n.name))[:top]],
            [(e.a, e.b, names.get(e.a, e.a), names.get(e.b, e.b), e.events, e.cooperation, e.conflict)
             for e in states.edges[:top]])


def _same(store: Store, *, rollup: bool = True) -> None:
    for top in (1, 3, 10):
        got = busiest(store, top)
        assert ([(n.id, n.name, n.events) for n in got.actors],
                [(e.a, e.b, got.names.get(e.a, e.a), got.names.get(e.b, e.b), e.events, e.cooperation, e.conflict)
                 for e in got.pairs]) == _old_overview(store, top), top
    for level in ("state", "actor"):
        assert network(store, level=level) == network_of_timeline(store, level=level), level
        assert table_json(network_table(store, level=level)) == network_json(network_of_timeline(store, level=level))
        assert (store.network_links(level) is not None) == rollup, level
        for since, until in WINDOWS:
            assert network(store, since, until, level) == network_of_timeline(store, since, until, level), \
                (level, since, until)
            assert table_json(network_table(store, since, until, level)) == \
                network_json(network_of_timeline(store, since, until, level)), (level, since, until)


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_rollup_network_is_the_timeline_network(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(12):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    _same(store)
    assert store.network_links("state")[1], "the stores have edges"
    # fusion: mentions join other real-world events, some leads change
    ids = sorted(r[0] for r in store._q("SELECT id FROM events"))
    moves = {e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 3)}
    store.set_event_clusters(moves)
    _same(store)
    merge_delete_readd(store, rng, lambda: _same(store))


def test_an_actor_gaining_a_state_falls_back_to_the_timeline(store: Store) -> None:
    rng = random.Random(7)
    for n in range(4):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    stateless = next(a for a in PEOPLE if a.country is None)
    ext = _doc(rng, 10)
    ev = dataclasses.replace(ext.events[0], source=[stateless.id], target=["USA"], modality="asserted")
    ext = dataclasses.replace(ext, events=[ev], actors=[stateless, STATES[2]])
    store.add(ext, content_hash="h10")
    _same(store)
    # a later report says which state the person acts for: every earlier event of theirs moves
    learned = dataclasses.replace(stateless, country="FRA")
    ext2 = dataclasses.replace(_doc(rng, 11), actors=[learned, STATES[2]])
    ev2 = dataclasses.replace(ext2.events[0], source=[learned.id], target=["USA"])
    store.add(dataclasses.replace(ext2, events=[ev2]), content_hash="h11")
    assert links.stale_keys(store._q) > 0
    assert store.network_links("state") is None and store.network_links("actor") is not None
    assert network(store) == network_of_timeline(store)
    assert network(store, "2024") == network_of_timeline(store, "2024")
    got = busiest(store, 3)
    assert [(n.id, n.events) for n in got.actors] == [x[::2] for x in _old_overview(store, 3)[0]]


def test_intensities_with_more_decimals_fall_back(store: Store) -> None:
    rng = random.Random(5)
    for n in range(4):
        store.add(_doc(rng, n, exact=n != 2), content_hash=f"h{n}")
    for level in ("state", "actor"):
        assert network(store, level=level) == network_of_timeline(store, level=level)
        for since, until in WINDOWS:
            assert network(store, since, until, level) == network_of_timeline(store, since, until, level)


def _rows(s: Store, table: str) -> list[tuple[object, ...]]:
    return sorted(tuple(r) for r in s._q(f"SELECT * FROM {table}").fetchall())


def test_the_migration_fills_the_rollup_as_the_writer_keeps_it(store: Store) -> None:
    rng = random.Random(11)
    for n in range(10):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    store.set_event_clusters({"ev-d1-0": "ev-d2-0", "ev-d3-0": "ev-d2-0"})
    assert store.delete_document("d4")
    kept = {t: _rows(store, t) for t in ("network_events", "network_links", "network_keys", "network_months")}
    # the migrations' backfills (7, then 12's months), from the same events
    with store.transaction() as db:
        for t in kept:
            db.execute(f"DELETE FROM {t}")
        links.backfill(db)
        links.backfill_months(db)
    assert {t: _rows(store, t) for t in kept} == kept and kept["network_links"] and kept["network_months"]


def test_whole_months_of_a_window() -> None:
    from detente.analysis.network import _whole_months
    assert _whole_months("2024-03-01", "2024-03-31") == ("2024-03", "2024-03")
    assert _whole_months("2024-02-10", "2024-05-20") == ("2024-03", "2024-04")
    assert _whole_months("2024-06-30", "2024-07-01") is None
    assert _whole_months(None, "2024-06-30") == ("0000-01", "2024-06")
    assert _whole_months("2024-01-01", None) == ("2024-01", "9999-12")
    assert _whole_months("2024-02-01", "2024-02-28") is None and _whole_months("2024-02-01", "2024-02-29") == \
        ("2024-02", "2024-02")
    assert _whole_months("2023-12-02", "2024-01-31") == ("2024-01", "2024-01")
    assert _whole_months("2023-11-30", "2024-01-30") == ("2023-12", "2023-12")
    assert _whole_months("0001-01-01", "9999-12-31") == ("0001-01", "9999-12")  # the extremes stay in range
    assert _whole_months("9999-12-02", None) is None


def test_random_windows_are_the_timeline_network(store: Store) -> None:
    # whole months from the month roll-up, the days around them and longer events from the event rows
    rng = random.Random(21)
    for n in range(10):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    days = ["2023-01-01", "2023-06-15", "2023-12-31", "2024-01-01", "2024-01-31", "2024-02-01", "2024-02-29",
            "2024-03-01", "2024-03-15", "2024-04-30", "2024-06-01", "2024-09-30", "2024-12-31", "2025-01-01"]
    for _ in range(25):
        since, until = sorted(rng.sample(days, 2))
        since_or = None if rng.random() < 0.15 else since
        until_or = None if rng.random() < 0.15 else until
        for level in ("state", "actor"):
            assert table_json(network_table(store, since_or, until_or, level)) == \
                network_json(network_of_timeline(store, since_or, until_or, level)), (since_or, until_or, level)


def test_names_of_the_nodes_are_the_whole_names(store: Store) -> None:
    from detente.analysis.network import _names, _names_of
    rng = random.Random(4)
    for n in range(3):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    keys = {"CHN", "USA", "person:p3", "org:un", "FRA", "nobody"}
    for level in ("state", "actor"):
        whole = _names(store, level)
        assert _names_of(store, level, keys) == {k: whole[k] for k in keys if k in whole}
    # two actors naming one key (a state's code and another state's id): the whole table decides
    twin = Actor(id="state:china", name="China (PRC)", kind="state", code="CHN", country="CHN")
    ext = dataclasses.replace(_doc(rng, 9), actors=[twin], events=[])
    store.add(ext, content_hash="h9")
    for level in ("state", "actor"):
        whole = _names(store, level)
        assert _names_of(store, level, keys | {"state:china"}) == \
            {k: whole[k] for k in keys | {"state:china"} if k in whole}
