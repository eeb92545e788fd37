"""Timelines, relations, the network, changes and search over a hand-made world."""

from __future__ import annotations

import pytest

from detente.analysis import date_bound, label_propagation, network, relations, timeline
from detente.analysis.changes import changes, search
from detente.errors import InputError
from detente.store import Store
from tests.analysis.scenario import build_world


@pytest.fixture
def world(store: Store) -> Store:
    return build_world(store)


def test_timeline_in_date_order_with_sources(world: Store) -> None:
    entries = timeline(world, actors=["China"])
    assert [t.date.value for t in entries] == ["2025-09-04", "2026-06-08", "2026-06-08"]
    summit = entries[0]
    assert summit.sources == ["Pacific Wire", "Harbour Times"]
    assert summit.disputed == ["date"]
    assert {m.document for m in summit.mentions} == {"summit-wire", "summit-paper"}
    assert all(t.label == "" for t in entries)


def test_timeline_non_asserted_only_when_asked_and_labelled(world: Store) -> None:
    entries = timeline(world, actors=["Xi Jinping"], modality=("asserted", "future"))
    labels = {t.date.value: t.label for t in entries}
    assert labels == {"2025-09-04": "", "2026-06": "future", "2026-06-08": ""}


def test_timeline_filters(world: Store) -> None:
    assert [t.event.type for t in timeline(world, pair=("North Korea", "KOR"))] == ["ACCUSE"]
    assert [t.date.value for t in timeline(world, actors=["PRK"], since="2026", until="2026-12")] == \
        ["2026-06-08", "2026-06-08"]
    assert [t.event.type for t in timeline(world, actors=["PRK"], types=["AID"])] == ["AID"]


@pytest.mark.parametrize("bad", ["2025-13", "yesterday", "2025-02-30"])
def test_bad_dates_are_input_errors(world: Store, bad: str) -> None:
    with pytest.raises(InputError, match="YYYY"):
        timeline(world, since=bad)


def test_unknown_actor_is_an_input_error(world: Store) -> None:
    with pytest.raises(InputError, match="no such actor"):
        timeline(world, actors=["Atlantis"])


def test_date_bounds() -> None:
    assert date_bound("2024-02", end=True) == "2024-02-29"
    assert date_bound("2025", end=True) == "2025-12-31"
    assert date_bound("2025") == "2025-01-01"


def test_relations_by_month_and_ties(world: Store) -> None:
    rel = relations(world, "China", "North Korea", by="month")
    assert [p.period for p in rel.periods] == ["2025-09", "2026-06"]
    june = rel.periods[1]
    assert june.counts == {1: 1, 2: 1, 3: 0, 4: 0} and june.intensity == 8.0
    assert [(t.kind, t.item) for t in rel.ties] == [("trade", "q-trade-0"), ("trade", "q-visit-0")]
    russia = relations(world, "RUS", "PRK", by="year")
    assert [p.period for p in russia.periods] == ["2024"]
    assert [t.kind for t in russia.ties] == ["treaty"]


def test_relations_rejects_bad_grouping(world: Store) -> None:
    with pytest.raises(InputError):
        relations(world, "CHN", "PRK", by="week")


def test_network_communities_follow_cooperation(world: Store) -> None:
    net = network(world)
    assert sorted(net.communities) == [["CHN", "PRK", "RUS"], ["KOR", "USA"]]
    nodes = {n.id: n for n in net.nodes}
    assert nodes["PRK"].degree == 3  # China, Russia, South Korea
    assert nodes["PRK"].weighted_degree == 5  # summit, visit and aid with China; treaty; accusation
    assert net.nodes[0].id == "PRK"
    edge = next(e for e in net.edges if (e.a, e.b) == ("KOR", "PRK"))
    assert (edge.cooperation, edge.conflict) == (0, 1)


def test_label_propagation_is_deterministic() -> None:
    edges = [("a", "b", 2.0), ("b", "c", 2.0), ("a", "c", 1.0), ("d", "e", 1.0), ("c", "d", 0.1)]
    first = label_propagation("abcde", edges)
    assert first == label_propagation("edcba", list(reversed(edges)))
    assert first == [["a", "b", "c"], ["d", "e"]]


def test_changes_in_a_window(world: Store) -> None:
    ch = changes(world, since="2026-01-01")
    assert [t.event.type for t in ch.new_events] == ["CONSULT", "AID"]
    assert ch.new_pairs == []  # China and North Korea interacted before
    assert [a.actor.id for a in ch.new_actors] == ["org:kcna", "person:li"]
    assert ch.new_actors[1].mentions[0].document == "visit"
    stances = [(s.speaker, s.issue, s.before, s.now) for s in ch.stances]
    assert stances == [("CHN", "denuclearisation", "support", "silent")]


def test_changes_new_pairs(world: Store) -> None:
    ch = changes(world, since="2025-08-01", until="2025-08-31")
    assert sorted((p.a, p.b) for p in ch.new_pairs) == [("KOR", "PRK"), ("KOR", "USA")]
    with pytest.raises(InputError):
        changes(world, since="")


def test_search_documents_quotes_and_events(world: Store) -> None:
    kinds = {(h.kind, h.document) for h in search(world, "friendship")}
    assert ("claim", "summit-wire") in kinds and ("document", "summit-wire") in kinds
    hits = search(world, "pledged")
    assert ("event", "visit") in {(h.kind, h.document) for h in hits}
    assert search(world, 'unbalanced "quote') == []


def test_tie_words_match_whole_words(store: Store) -> None:
    from tests.fusion.builders import Article, day

    a = Article("acc", "China and North Korea cooperated on rail, according to officials.", published="2026-03-31")
    a.event("China and North Korea cooperated on rail, according to officials", "COOPERATE", ["CHN", "PRK"],
            date=day("2026-03-30"), quad_class=2)
    a.add(store)
    b = Article("acc2", "China and North Korea signed a trade accord.", published="2026-04-02")
    b.event("China and North Korea signed a trade accord", "AGREE", ["CHN", "PRK"], date=day("2026-04-01"))
    b.add(store)
    assert [t.item for t in relations(store, "CHN", "PRK").ties] == ["ev-acc2-0"]


def test_one_tie_per_kind_the_earliest_with_a_count(store: Store) -> None:
    from tests.fusion.builders import Article, day

    for doc_id, when, text in (("t1", "2024-06-19", "Russia and North Korea signed a defence treaty."),
                               ("t2", "2025-06-19", "Russia and North Korea marked a year of their treaty."),
                               ("t3", "2025-07-01", "Russia and North Korea deepened their alliance.")):
        a = Article(doc_id, text, published=when)
        a.event(text[:-1], "AGREE" if doc_id == "t1" else "COOPERATE", ["RUS", "PRK"], date=day(when))
        a.add(store)
    ties = [(t.kind, t.item, t.events, t.date.value if t.date else None) for t in relations(store, "RUS", "PRK").ties]
    assert ties == [("treaty", "ev-t1-0", 2, "2024-06-19"), ("alliance", "ev-t3-0", 1, "2025-07-01")]
    before = [(t.kind, t.events) for t in relations(store, "RUS", "PRK", until="2024-12").ties]
    assert before == [("treaty", 1)]
