"""Migration 10's timeline order gives the pages the whole timeline gives, after every kind of write.

Small random stores (the network roll-up test's: states, people with and without a
state, organisations, every modality and an unknown one, undated and long events) are
written, fused, merged and deleted from; after each step the pages of every event
(all time and in windows) and of each state (all time), both orders, are compared
with slices of :func:`timeline`, and the rows with the migration's backfill.

The API's pages (``/api/events``) are compared with what it answered before it paged
filtered timelines: the whole timeline, Python-filtered, sliced; for every kind of
filter it takes (actors, a pair, types, quad classes, dates, modalities) and
combinations of them, on events of several types and quad classes.
"""

from __future__ import annotations

import random

import pytest

from detente.analysis import timeline, timeline_page
from detente.analysis.timeline import in_order
from detente.api.filters import EventQuery
from detente.api.routes.events import page_timeline, run_timeline
from detente.model import MODALITIES, Extraction
from detente.store import Store, leads

from .test_network_rollup import _doc, merge_delete_readd

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


TYPES = ("CONSULT", "ASSAULT", "AID", "PROVIDE_AID")  # the last is not PLOVER's
# (actors, pair): states, several states, people with and without a state, an organisation, pairs of each
SELECTORS: list[tuple[tuple[str, ...], tuple[str, str] | None]] = [
    ((), None), (("CHN",), None), (("CHN", "USA"), None), (("person:p1",), None), (("person:p4",), None),
    (("org:un",), None), (("USA", "person:p4"), None), ((), ("CHN", "USA")), ((), ("USA", "USA")),
    ((), ("CHN", "person:p0")), ((), ("person:p4", "org:un")), (("RUS",), ("CHN", "USA"))]
QUADS: list[list[int]] = [[], [4], [1, 3], [2, 3, 4]]
KINDS: list[list[str]] = [[], ["CONSULT"], ["ASSAULT", "AID"], ["aid"], ["ASSAULT", "PROVIDE_AID"]]
PERIODS: list[tuple[str | None, str | None]] = [(None, None), ("2024-03", "2024-03"), ("2024", None),
                                                 ("2023", "2023"), (None, "2024-06")]


def _typed(x: Extraction, rng: random.Random) -> Extraction:
    """The network test's document with events of several types."""
    for e in x.events:
        e.type = rng.choice(TYPES)
    return x


def _filtered_same(store: Store, rng: random.Random) -> None:
    """Each API page of a filtered timeline is the slice the whole filtered timeline gave."""
    known = {r[0] for r in store._q("SELECT id FROM actors").fetchall()}
    for actors, pair in SELECTORS:
        if any(a not in known and len(a) != 3 for a in (*actors, *(pair or ()))):
            continue  # merged away
        for quads in QUADS:
            for _ in range(3):
                since, until = rng.choice(PERIODS)
                query = EventQuery(actors=list(actors), pair=pair, types=rng.choice(KINDS), quad_classes=quads,
                                   modalities=rng.choice([[], ["asserted"], ["future", "negated"]]),
                                   date_from=since, date_to=until)
                default = rng.choice([MODALITIES, ("asserted",)])
                whole = run_timeline(store, query, default)
                for order in ("asc", "desc"):
                    ordered = _ids(in_order(whole, order))
                    for offset, limit in ((0, 3), (2, 4), (0, 1000), (max(len(ordered) - 1, 0), 5)):
                        page = page_timeline(store, query, default, order, limit, offset)
                        assert (page.total, _ids(page.entries)) == (len(ordered), ordered[offset:offset + limit]), \
                            (query, default, order, offset, limit)


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
    merge_delete_readd(store, rng, lambda: _same(store))
    _backfilled(store)


@pytest.mark.parametrize("seed", [4])
def test_filtered_pages_are_slices_of_the_filtered_timeline(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(12):
        store.add(_typed(_doc(rng, n), rng), content_hash=f"h{n}")
    _filtered_same(store, rng)
    ids = sorted(r[0] for r in store._q("SELECT id FROM events"))
    moves = {e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 3)}
    store.set_event_clusters(moves)  # fusion: some leads (and so quad classes) change
    _filtered_same(store, rng)
    store.merge_actors("person:p3", "person:p0")
    _filtered_same(store, rng)
    gone = rng.sample(range(12), 4)
    for n in gone:
        assert store.delete_document(f"d{n}")
    _filtered_same(store, rng)
    for n in (*gone[:2], 12, 13):  # re-ingests and new documents
        store.add(_typed(_doc(rng, n), rng), content_hash=f"h{n}-again")
    _filtered_same(store, rng)
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


def test_a_window_reads_short_intervals_from_the_first_of_its_month() -> None:
    from detente.store.leads import month_start
    assert month_start("2024-03-17") == "2024-03-01" and month_start("2024-03-01T12:00") == "2024-03-01"
    assert month_start("0001-01-31") == "0001-01-01"
    with pytest.raises(ValueError):
        month_start("2024")


def _most_reported_same(store: Store) -> int:
    """Every pair's most reported events from migration 15's rows are those the grouping of its dyad rows gives;
    returns how many pairs were compared."""
    pairs = [(r[0], r[1]) for r in store._q("SELECT DISTINCT a, b FROM event_dyads WHERE a < b ORDER BY a, b")]
    for a, b in pairs:
        for modality in ("asserted", "future"):
            for limit in (1, 3, 50):
                assert store.dyad_most_reported(b, a, modality, limit) == \
                    store.dyad_most_reported_scan(a, b, modality, limit), (a, b, modality, limit)
    return len(pairs)


@pytest.mark.parametrize("seed", [1, 5])
def test_a_pairs_most_reported_events_are_the_grouped_ones(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    for n in range(14):
        store.add(_doc(random.Random(seed * 100 + n), n), content_hash=f"h{n}")
    assert _most_reported_same(store) > 3
    # other outlets' reports of the first six: the same events again (d14 repeats d0, ...), fused with them
    fused: dict[str, str] = {}
    for n in range(6):
        again = _doc(random.Random(seed * 100 + n), n + 14)
        store.add(again, content_hash=f"h{n + 14}")
        fused.update({e.id: f"ev-d{n}-{i}" for i, e in enumerate(again.events)})
    store.set_event_clusters(fused)
    assert store._q("SELECT MAX(reports) FROM timeline_leads").fetchone()[0] > 1  # some event reported twice
    _most_reported_same(store)
    ids = sorted(r[0] for r in store._q("SELECT id FROM events"))
    store.set_event_clusters({e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 3)})  # and moved about
    _most_reported_same(store)
    store.merge_actors("person:p3", "person:p0")
    _most_reported_same(store)
    for n in rng.sample(range(20), 6):
        assert store.delete_document(f"d{n}")
    _most_reported_same(store)
    _backfilled(store)
