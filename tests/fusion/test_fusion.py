"""Cross-document event coreference: merges, look-alikes, increments, disputes."""

from __future__ import annotations

from typing import Any

import pytest

from detente.fusion import Records, compare, quantities_disagree, rules
from detente.model import Quantity
from detente.store import Store

from .builders import Article, cluster_of, day, month, year

SUMMIT = "2025-09-04"


def _summit_wire(store: Store) -> None:
    a = Article("wire", "Xi Jinping and Kim Jong Un held talks in Beijing on Thursday, state media said.",
                published="2025-09-04", source="Pacific Wire")
    a.event("Xi Jinping and Kim Jong Un held talks in Beijing on Thursday", "CONSULT", ["person:xi", "person:kim"],
            date=day(SUMMIT), mode="meeting", location="Beijing", location_country="CHN")
    a.add(store)


def test_same_event_across_articles_merges(store: Store) -> None:
    _summit_wire(store)
    b = Article("paper", "Kim met Xi in Beijing on Thursday for their first summit in years.",
                published="2025-09-05", source="Harbour Times")
    # the other outlet makes Kim the source and Xi the target: symmetric types allow the swap
    b.event("Kim met Xi in Beijing on Thursday", "CONSULT", ["person:kim"], ["person:xi"], date=day(SUMMIT),
            mode="meeting", location="Beijing", location_country="CHN")
    b.add(store)
    assert cluster_of(store, "ev-paper-0") == cluster_of(store, "ev-wire-0") == "ev-wire-0"
    events = store.events()
    assert len(events) == 1
    ev = events[0]
    assert {m.document for m in ev.mentions} == {"wire", "paper"}
    assert ev.sources == ["Pacific Wire", "Harbour Times"]
    assert ev.disputed == []
    assert ev.confidence > 0.6  # two independent outlets


def test_later_coarse_reference_joins_incrementally(store: Store) -> None:
    _summit_wire(store)
    later = Article("later", "Kim last visited Beijing in September, when he held talks with Xi.",
                    published="2026-01-20", source="Meridian Review")
    later.event("Kim last visited Beijing in September", "CONSULT", ["person:kim"], ["CHN"], date=month("2025-09"),
                mode="visit", location="Beijing", location_country="CHN")
    later.add(store)
    assert cluster_of(store, "ev-later-0") == "ev-wire-0"
    ev = store.events()[0]
    assert ev.date.value == SUMMIT  # the precise version leads
    assert [m.document for m in ev.mentions] == ["wire", "later"]


def test_two_visits_a_year_apart_stay_apart(store: Store) -> None:
    a = Article("v1", "Xi arrived in Pyongyang for a state visit.", published="2025-06-20")
    a.event("Xi arrived in Pyongyang for a state visit", "CONSULT", ["person:xi"], ["PRK"], date=day("2025-06-20"),
            mode="visit", location="Pyongyang", location_country="PRK")
    a.add(store)
    b = Article("v2", "Xi arrived in Pyongyang for another state visit.", published="2026-06-20")
    b.event("Xi arrived in Pyongyang for another state visit", "CONSULT", ["person:xi"], ["PRK"],
            date=day("2026-06-20"), mode="visit", location="Pyongyang", location_country="PRK")
    b.add(store)
    assert cluster_of(store, "ev-v2-0") == "ev-v2-0"
    assert len(store.events()) == 2


def test_meeting_and_dinner_after_it_stay_apart(store: Store) -> None:
    _summit_wire(store)
    d = Article("dinner", "The next evening Xi hosted Kim at a banquet in Beijing.", published="2025-09-06")
    d.event("Xi hosted Kim at a banquet in Beijing", "CONSULT", ["person:xi"], ["person:kim"],
            date=day("2025-09-05"), mode="banquet", location="Beijing", location_country="CHN")
    d.add(store)
    assert cluster_of(store, "ev-dinner-0") == "ev-dinner-0"


def test_other_pair_of_states_stays_apart(store: Store) -> None:
    _summit_wire(store)
    p = Article("putin", "Xi Jinping held talks with Putin in Beijing on Thursday.", published="2025-09-05")
    p.event("Xi Jinping held talks with Putin in Beijing on Thursday", "CONSULT", ["person:xi"], ["person:putin"],
            date=day(SUMMIT), mode="meeting", location="Beijing", location_country="CHN")
    p.add(store)
    assert cluster_of(store, "ev-putin-0") == "ev-putin-0"


def test_future_does_not_merge_with_asserted(store: Store) -> None:
    a = Article("done", "Xi visited Pyongyang in June.", published="2026-06-10")
    a.event("Xi visited Pyongyang in June", "CONSULT", ["person:xi"], ["PRK"], date=month("2026-06"), mode="visit")
    a.add(store)
    f = Article("plan", "Xi will visit Pyongyang in June, KCNA said.", published="2026-05-29")
    f.event("Xi will visit Pyongyang in June", "CONSULT", ["person:xi"], ["PRK"], date=month("2026-06"),
            mode="visit", modality="future")
    f.add(store)
    assert cluster_of(store, "ev-plan-0") == "ev-plan-0"


def test_directed_events_need_the_same_direction(store: Store) -> None:
    a = Article("acc1", "North Korea accused South Korea of provocations.", published="2025-08-18")
    a.event("North Korea accused South Korea", "ACCUSE", ["PRK"], ["KOR"], date=day("2025-08-18"))
    a.add(store)
    b = Article("acc2", "South Korea accused North Korea of provocations.", published="2025-08-18")
    b.event("South Korea accused North Korea", "ACCUSE", ["KOR"], ["PRK"], date=day("2025-08-18"))
    b.add(store)
    assert cluster_of(store, "ev-acc2-0") == "ev-acc2-0"


def test_coarse_mention_between_two_events_is_not_guessed(store: Store) -> None:
    for i, d in enumerate(["2025-03-10", "2025-10-10"]):
        a = Article(f"trip{i}", f"Kim travelled to Beijing (trip {i}).", published=d)
        a.event(f"Kim travelled to Beijing (trip {i})", "CONSULT", ["person:kim"], ["CHN"], date=day(d), mode="visit")
        a.add(store)
    c = Article("vague", "Kim visited Beijing twice in 2025.", published="2026-01-05")
    c.event("Kim visited Beijing twice in 2025", "CONSULT", ["person:kim"], ["CHN"], date=year("2025"), mode="visit")
    c.add(store)
    assert cluster_of(store, "ev-vague-0") == "ev-vague-0"


def test_a_coarse_mention_between_versions_of_one_event_joins_them(store: Store) -> None:
    # two loose versions of one trip, stored apart (neither is precise enough to join the other)
    for doc in ("a", "b"):
        v = Article(doc, f"Xi visited Pyongyang in June ({doc}).", published="2026-06-20")
        v.event(f"Xi visited Pyongyang in June ({doc})", "CONSULT", ["person:xi"], ["PRK"], date=month("2026-06"),
                mode="visit")
        v.add(store, fuse=False)
    c = Article("c", "Xi's June trip to North Korea.", published="2026-06-25")
    c.event("Xi's June trip to North Korea", "CONSULT", ["person:xi"], ["PRK"], date=month("2026-06"), mode="visit")
    c.add(store)
    # it fits both equally, but both could be the same trip: no choice between two events
    assert cluster_of(store, "ev-c-0") == "ev-a-0"


def test_date_dispute_is_flagged_and_every_version_kept(store: Store) -> None:
    _summit_wire(store)
    b = Article("wrongday", "Xi and Kim held talks in Beijing on Wednesday.", published="2025-09-05",
                source="Harbour Times")
    b.event("Xi and Kim held talks in Beijing on Wednesday", "CONSULT", ["person:xi", "person:kim"],
            date=day("2025-09-03"), mode="meeting", location="Beijing", location_country="CHN")
    b.add(store)
    assert cluster_of(store, "ev-wrongday-0") == "ev-wire-0"
    ev = store.events()[0]
    assert ev.disputed == ["date"]
    versions = {(m.source, m.event.date.value) for m in store.cluster_members(ev.id)}
    assert versions == {("Pacific Wire", SUMMIT), ("Harbour Times", "2025-09-03")}
    # the export carries every version with its source
    exported = {(v["source"], v["date"]["value"]) for v in ev.variants}
    assert exported == versions
    assert {v["document"] for v in ev.variants} == {"wire", "wrongday"}


def test_place_and_actor_disputes(store: Store) -> None:
    _summit_wire(store)
    b = Article("elsewhere", "Li Qiang and Kim held talks in Dalian on Thursday.", published="2025-09-05",
                source="Harbour Times")
    b.event("Li Qiang and Kim held talks in Dalian on Thursday", "CONSULT", ["person:li", "person:kim"],
            date=day(SUMMIT), mode="meeting", location="Dalian", location_country="CHN")
    b.add(store)
    ev = store.events()[0]
    assert len(store.events()) == 1
    assert ev.disputed == ["location", "source"]


def _visit(store: Store, doc_id: str, place: str, kind: str, source: str) -> None:
    a = Article(doc_id, f"Xi arrived in {place} on Monday for a state visit.", published="2026-06-09", source=source)
    a.event(f"Xi arrived in {place} on Monday", "CONSULT", ["person:xi"], ["PRK"], date=day("2026-06-08"),
            mode="visit", location=place, location_country="PRK", location_kind=kind)
    a.add(store)


def test_the_state_and_a_city_in_it_are_one_place(store: Store) -> None:
    _visit(store, "country", "North Korea", "state", "Pacific Wire")
    _visit(store, "city", "Pyongyang", "place", "Harbour Times")
    (ev,) = store.events()
    assert ev.disputed == []
    assert (ev.location.name, ev.location.kind) == ("Pyongyang", "place")  # the finer place speaks for it


def test_a_site_the_actor_layer_cannot_place_does_not_contradict_a_city(store: Store) -> None:
    _summit_wire(store)  # talks in Beijing (CHN)
    b = Article("hall", "Xi and Kim held talks at the Great Hall of the People.", published="2025-09-05",
                source="Harbour Times")
    b.event("Xi and Kim held talks at the Great Hall of the People", "CONSULT", ["person:xi", "person:kim"],
            date=day(SUMMIT, basis="context"), mode="meeting", location="Great Hall of the People")
    b.add(store)
    (ev,) = store.events()
    assert ev.disputed == []


def test_a_visit_prefers_its_hosts_event_to_another_meeting_that_week(store: Store) -> None:
    a = Article("host", "Xi hosted Kim in Beijing on Thursday. Kim met Putin on Tuesday.", published="2025-09-05")
    a.event("Xi hosted Kim in Beijing on Thursday", "CONSULT", ["person:xi"], ["person:kim"], date=day("2025-09-04"),
            mode="host")
    a.event("Kim met Putin on Tuesday", "CONSULT", ["person:kim"], ["person:putin"], date=day("2025-09-02"),
            mode="meeting")
    a.add(store)
    b = Article("trip", "His visit was his daughter's first trip abroad.", published="2025-09-05")
    b.event("His visit was his daughter's first trip abroad", "CONSULT", ["person:kim"],
            date=day("2025-09-04", basis="context"), mode="visit")
    b.add(store)
    assert cluster_of(store, "ev-trip-0") == "ev-host-0"


def test_two_names_of_one_state_are_one_place(store: Store) -> None:
    _visit(store, "name", "North Korea", "state", "Pacific Wire")
    _visit(store, "abbreviation", "DPRK", "state", "Harbour Times")
    (ev,) = store.events()
    assert ev.disputed == []


def test_two_cities_of_one_state_are_two_places(store: Store) -> None:
    _visit(store, "capital", "Pyongyang", "place", "Pacific Wire")
    _visit(store, "port", "Wonsan", "place", "Harbour Times")
    (ev,) = store.events()  # the same visit on the same day, told at two places: one event, disputed
    assert ev.disputed == ["location"]


def test_one_agency_repeated_counts_once(store: Store) -> None:
    def outlet(doc_id: str, source: str, attribution: str | None) -> None:
        a = Article(doc_id, "Kim inspected a missile test on Monday.", published="2025-09-02", source=source)
        a.event("Kim inspected a missile test on Monday", "MOBILIZE", ["person:kim"], ["PRK"],
                date=day("2025-09-01"), mode="military", attribution=attribution, confidence=0.5)
        a.add(store)

    outlet("o1", "Outlet One", "org:kcna")
    outlet("o2", "Outlet Two", "org:kcna")
    assert store.events()[0].confidence == pytest.approx(0.5)  # one origin: KCNA
    outlet("o3", "Outlet Three", None)
    assert store.events()[0].confidence == pytest.approx(0.75)  # a second, independent report


def test_quantity_disputes_flagged_on_both() -> None:
    with Store(":memory:") as store:
        a = Article("t1", "Trade reached $2.74 billion in 2025.", published="2026-01-20")
        a.quantity("$2.74 billion", "trade", 2.74e9, "USD", ["CHN", "PRK"], date=year("2025"))
        a.add(store)
        b = Article("t2", "Trade reached $2.2 billion in 2025.", published="2026-01-25")
        b.quantity("$2.2 billion", "trade", 2.2e9, "USD", ["PRK", "CHN"], date=year("2025"))
        c = Article("t3", "Trade came to about $2.8 billion in 2025.", published="2026-01-26")
        c.quantity("about $2.8 billion", "trade", 2.8e9, "USD", ["CHN", "PRK"], date=year("2025"), qualifier="about")
        b.add(store)
        c.add(store)
        flags = {q.id: q.disputed for q in store.quantities()}
        assert flags == {"q-t1-0": True, "q-t2-0": True, "q-t3-0": True}


def test_quantity_bounds() -> None:
    def q(value: float, qualifier: str | None = None) -> Quantity:
        return Quantity(id="x", measure="troops", value=value, unit="count", subjects=[], date=None,
                        modality="asserted", mentions=[], qualifier=qualifier)

    assert not quantities_disagree(q(12000, "about"), q(11000))
    assert quantities_disagree(q(12000), q(11000))
    assert not quantities_disagree(q(10000, "more than"), q(12000))
    assert quantities_disagree(q(13000, "more than"), q(12000))


def test_candidates_use_the_country_index(store: Store) -> None:
    plan = store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT DISTINCT e.id FROM event_actors ea JOIN events e ON e.id = ea.event_id"
        " WHERE ea.country IN (SELECT value FROM json_each(?)) AND ea.role IN ('source', 'target')",
        ('["CHN"]',)).fetchall()
    assert any("event_actors_country" in str(tuple(r)) for r in plan)


def test_rules_are_data() -> None:
    r = rules()
    assert "CONSULT" in r.symmetric_types
    assert r.modes_compatible("meeting", "visit") and not r.modes_compatible("meeting", "banquet")
    assert compare.__doc__


def test_other_people_of_the_same_states_stay_apart(store: Store) -> None:
    _summit_wire(store)
    m = Article("minister", "North Korea's foreign minister visited Beijing in September.", published="2026-05-29")
    m.event("North Korea's foreign minister visited Beijing in September", "CONSULT", ["person:choe"],
            date=month("2025-09"), mode="visit", location="Beijing", location_country="CHN")
    ex = m.extraction()
    from detente.model import Actor
    ex.actors.append(Actor(id="person:choe", name="Choe Son Hui", kind="person", country="PRK"))
    store.add(ex, content_hash="minister")
    from detente.fusion import fuse_document
    fuse_document(store, ex)
    assert cluster_of(store, "ev-minister-0") == "ev-minister-0"


def test_a_loose_member_does_not_pull_in_a_contradicting_mention(store: Store) -> None:
    _summit_wire(store)
    later = Article("later", "Kim was in China in September.", published="2026-01-20")
    later.event("Kim was in China in September", "CONSULT", ["person:kim"], ["CHN"], date=month("2025-09"), mode="visit")
    later.add(store)
    assert cluster_of(store, "ev-later-0") == "ev-wire-0"
    # the same month, same people, but a different city than the summit's: not the summit
    other = Article("other", "Kim held talks with Xi in Shanghai in September.", published="2026-02-01")
    other.event("Kim held talks with Xi in Shanghai in September", "CONSULT", ["person:kim"], ["person:xi"],
                date=month("2025-09"), mode="meeting", location="Shanghai", location_country="CHN")
    other.add(store)
    assert cluster_of(store, "ev-other-0") == "ev-other-0"


def test_a_three_state_occasion_is_not_the_two_state_summit(store: Store) -> None:
    _summit_wire(store)
    p = Article("parade", "Xi, Putin and Kim met at the parade on Thursday.", published="2025-09-05")
    p.event("Xi, Putin and Kim met at the parade on Thursday", "CONSULT", ["person:xi", "person:putin", "person:kim"],
            date=day(SUMMIT), mode="meeting")
    p.add(store)
    assert cluster_of(store, "ev-parade-0") == "ev-parade-0"


def test_two_undated_mentions_stay_apart(store: Store) -> None:
    a = Article("u1", "Kim inspected a factory. Kim inspected a farm.", published="2026-06-12")
    a.event("Kim inspected a factory", "CONSULT", ["person:kim"], mode="visit")
    a.event("Kim inspected a farm", "CONSULT", ["person:kim"], mode="visit")
    a.add(store)
    assert cluster_of(store, "ev-u1-1") == "ev-u1-1"


def test_parsed_records_are_kept_most_recently_used_first() -> None:

    records = Records(size=2)
    art = Article("lru", "China and Russia met. China and Russia met. China and Russia met.")
    a, b, c = (art.event("China and Russia met", "CONSULT", ["CHN", "RUS"]) for _ in range(3))
    records["a"], records["b"] = a, b
    assert records.get("a") is a  # used: b is now the oldest
    records["c"] = c
    assert list(records) == ["a", "c"] and records.get("b") is None


def _with_people(article: Article, **countries: str) -> Any:
    from detente.model import Actor

    ex = article.extraction()
    ex.actors.extend(Actor(id=f"person:{name}", name=name.title(), kind="person", country=code)
                     for name, code in countries.items())
    return ex


def test_people_of_different_states_may_tell_one_occasion(store: Store) -> None:
    from detente.fusion import fuse_document

    v = Article("visit", "Xi arrived in Pyongyang in June for a state visit.", published="2026-06-10")
    v.event("Xi arrived in Pyongyang in June", "CONSULT", ["person:xi"], ["PRK"], date=month("2026-06"), mode="visit")
    k = Article("host", "Kim held talks with the Chinese side in June.", published="2026-06-11")
    k.event("Kim held talks with the Chinese side in June", "CONSULT", ["person:kim"], ["CHN"],
            date=month("2026-06"), mode="meeting")
    c = Article("choe", "North Korea's foreign minister held talks with China in June.", published="2026-06-12")
    c.event("North Korea's foreign minister held talks with China in June", "CONSULT", ["person:choe"], ["CHN"],
            date=month("2026-06"), mode="meeting")
    for art, people in ((v, {"xi": "CHN"}), (k, {"kim": "PRK"}), (c, {"choe": "PRK"})):
        ex = _with_people(art, **people)
        store.add(ex, content_hash=art.doc.id)
        fuse_document(store, ex)
    # Xi's visit and Kim's talks name people of different states: one occasion
    assert cluster_of(store, "ev-host-0") == cluster_of(store, "ev-visit-0")
    # the minister is not Kim: another North Korean in the talks is another event
    assert cluster_of(store, "ev-choe-0") == "ev-choe-0"


def test_a_run_reuses_a_stored_mentions_view_only_while_its_facts_are_equal(store: Store) -> None:
    from detente.fusion import fuse_document

    records = Records()
    first = Article("v1", "Xi met Kim in Beijing on Thursday.", published="2025-09-04")
    first.event("Xi met Kim in Beijing on Thursday", "CONSULT", ["person:xi", "person:kim"], date=day(SUMMIT),
                mode="meeting", location="Beijing", location_country="CHN")
    ex = first.extraction()
    store.add(ex, content_hash="v1")
    fuse_document(store, ex, records)
    later = []
    for n, kim in enumerate(("PRK", "PRK", "RUS")):  # the third report puts "Kim" in another state
        art = Article(f"v{n + 2}", "Kim and Xi met in Beijing on Thursday.", published="2025-09-05")
        art.event("Kim and Xi met in Beijing on Thursday", "CONSULT", ["person:kim", "person:xi"], date=day(SUMMIT),
                  mode="meeting", location="Beijing", location_country="CHN")
        ex = _with_people(art)
        for actor in ex.actors:
            if actor.id == "person:kim":
                actor.country = kim
        store.add(ex, content_hash=art.doc.id)
        fuse_document(store, ex, records)
        later.append(records.views["ev-v1-0"][1])
    assert later[0] is later[1]  # the same facts: built once for both documents
    assert later[2] is not later[1] and later[2].sources == frozenset({"CHN", "RUS"})  # what this document says
    assert cluster_of(store, "ev-v2-0") == cluster_of(store, "ev-v3-0") == "ev-v1-0"
