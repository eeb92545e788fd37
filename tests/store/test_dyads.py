"""Migration 3's dyad tables stay consistent with ``events`` on both backends.

After every kind of write (add, cluster changes, actor merge, delete) the rows of
``event_dyads`` and the ``dyad_periods`` roll-up are compared with a
recomputation from the stored events in Python (participants from
``event_actors``, each real-world event's lead from :func:`Store.events`), and the
indexed queries with the scan-based ones they replace.
"""

from __future__ import annotations

from typing import Any

import pytest

from detente.analysis import (
    pair_summary,
    relations,
    resolve_actor,
    standing_ties,
    timeline,
    timeline_page,
)
from detente.analysis.relations import _period
from detente.model import Actor, ActorMention, Date, Document, Event, Extraction, Mention, Quantity
from detente.store import MIGRATIONS, Store

STATES = {c: Actor(id=c, name=c, kind="state", code=c, country=c) for c in ("CHN", "PRK", "USA", "RUS")}
PEOPLE = {
    "person:xi": Actor(id="person:xi", name="Xi", kind="person", country="CHN"),
    "person:kim": Actor(id="person:kim", name="Kim", kind="person", country="PRK"),
    "person:nobody": Actor(id="person:nobody", name="Nobody", kind="person", country=None),
}


def day(d: str) -> Date:
    return Date(value=d, granularity="day", start=d, end=d, basis="explicit")


def month(m: str, last: str) -> Date:
    return Date(value=m, granularity="month", start=f"{m}-01", end=f"{m}-{last}", basis="explicit")


def year(y: str) -> Date:
    return Date(value=y, granularity="year", start=f"{y}-01-01", end=f"{y}-12-31", basis="explicit")


def doc(doc_id: str, published: str, events: list[tuple[Any, ...]], quantities: list[Quantity] = ()) -> Extraction:
    """A document with events (id suffix, type, source, target, date, modality, quad class, intensity)."""
    text = f"Report {doc_id} with some words about treaty talks."
    sent = Mention(doc_id, 0, len(text), text)
    evs = []
    used: set[str] = set()
    for suffix, typ, src, tgt, date, modality, quad, intensity in events:
        used |= set(src) | set(tgt)
        evs.append(Event(id=f"ev-{doc_id}-{suffix}", type=typ, mode=None, source=list(src), target=list(tgt),
                         date=date, location=None, modality=modality, attribution=None, quad_class=quad,
                         intensity=intensity, confidence=0.7, mentions=[sent], trigger="talks"))
    for q in quantities:
        used |= set(q.subjects)
    actors = [a for k, a in {**STATES, **PEOPLE}.items() if k in used]
    return Extraction(document=Document(id=doc_id, text=text, title=doc_id, source=f"pub-{doc_id}",
                                        published=published, published_basis="metadata"),
                      actors=actors, actor_mentions=[ActorMention(actors[0].id, doc_id, 0, 6, "Report")],
                      events=evs, quantities=list(quantities))


def world(store: Store) -> None:
    store.add(doc("a", "2024-03-05", [
        ("1", "CONSULT", ["CHN"], ["PRK"], day("2024-03-04"), "asserted", 1, 1.0),
        ("2", "COOPERATE", ["USA", "RUS"], [], day("2024-03-02"), "asserted", 2, 6.0),  # symmetric, no target
        ("3", "ACCUSE", ["person:kim"], ["USA"], month("2024-02", "29"), "asserted", 3, -3.0),
        ("4", "THREATEN", ["PRK"], ["USA"], Date.unknown(), "asserted", 3, -6.0),  # undated
        ("5", "AGREE", ["person:xi"], ["PRK"], year("2023"), "future", 1, 3.0),
    ]), content_hash="ha")
    store.add(doc("b", "2024-03-07", [
        ("1", "CONSULT", ["person:xi"], ["person:kim"], day("2024-03-04"), "asserted", 1, 1.0),
        ("2", "ACCUSE", ["PRK"], ["USA"], day("2024-02-10"), "asserted", 3, -3.5),
        ("3", "AID", ["person:nobody"], ["PRK"], Date(value="2024-W10", granularity="week", start="2024-02-28",
                                                       end="2024-03-05", basis="explicit"), "asserted", 2, 7.0),
        ("4", "CONSULT", ["CHN"], ["CHN"], day("2024-04-01"), "asserted", 1, 1.0),
    ], [Quantity(id="q-b", measure="trade", value=2.0e9, unit="USD", subjects=["CHN", "person:kim"],
                 date=year("2023"), modality="asserted", mentions=[])]), content_hash="hb")
    store.add(doc("c", "2024-05-01", [
        ("1", "CONSULT", ["CHN"], ["PRK"], month("2024-03", "31"), "asserted", 1, 1.0),
        ("2", "ACCUSE", ["PRK"], ["USA"], day("2025-01-02"), "negated", 3, -3.0),
    ]), content_hash="hc")


def participants(store: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for event_id, key in store.db.execute("SELECT event_id, COALESCE(country, actor_id) FROM event_actors"
                                          " WHERE role IN ('source', 'target')"):
        out.setdefault(event_id, set()).add(key)
    return out


def expected_dyads(store: Store) -> set[tuple[Any, ...]]:
    merged = {e.id: e for e in store.events()}
    parts = participants(store)
    out = set()
    for event_id, cluster in store.db.execute("SELECT id, cluster_id FROM events"):
        lead = merged[cluster]
        keys = sorted(parts.get(event_id, ()))
        for i, a in enumerate(keys):
            for b in keys[i:]:
                out.add((a, b, event_id, cluster, lead.modality, lead.date.start, lead.date.end,
                         _period(lead.date, "month"), _period(lead.date, "year"), lead.quad_class, lead.intensity))
    return out


def stored_dyads(store: Store) -> set[tuple[Any, ...]]:
    return {tuple(r) for r in store.db.execute(
        "SELECT a, b, event_id, cluster_id, lead_modality, lead_start, lead_end, period_month, period_year,"
        " quad_class, intensity FROM event_dyads")}


def expected_periods(store: Store) -> dict[tuple[str, str, str, str], list[tuple[Any, ...]]]:
    merged = {e.id: e for e in store.events()}
    parts = participants(store)
    members: dict[tuple[str, str, str], set[str]] = {}
    for event_id, cluster, modality in store.db.execute("SELECT id, cluster_id, modality FROM events"):
        if modality != merged[cluster].modality:
            continue  # only versions with the event's own modality place it between two states
        keys = sorted(parts.get(event_id, ()))
        for i, a in enumerate(keys):
            for b in keys[i + 1:]:
                members.setdefault((a, b, modality), set()).add(cluster)
    out: dict[tuple[str, str, str, str], list[tuple[Any, ...]]] = {}
    for (a, b, modality), clusters in members.items():
        for unit in ("month", "year"):
            events = sorted((merged[c] for c in clusters),
                            key=lambda e: (e.date.start is None, e.date.start or "", e.date.end or "", e.id))
            rows: dict[str, list[Any]] = {}
            for e in events:
                key = _period(e.date, unit) or ""
                row = rows.setdefault(key, [key, 0, 0.0, {1: 0, 2: 0, 3: 0, 4: 0}, []])
                row[1] += 1
                row[2] = round(row[2] + e.intensity, 3)
                row[3][e.quad_class] = row[3].get(e.quad_class, 0) + 1
                row[4].append(e.id)
            out[(a, b, unit, modality)] = [tuple(rows[k]) for k in sorted(rows)]
    return out


def stored_periods(store: Store) -> dict[tuple[str, str, str, str], list[tuple[Any, ...]]]:
    keys = store.db.execute("SELECT DISTINCT a, b, unit, modality FROM dyad_periods").fetchall()
    return {(a, b, unit, m): [tuple(r) for r in store.dyad_periods(a, b, unit, m)] for a, b, unit, m in keys}


def assert_consistent(store: Store) -> None:
    assert stored_dyads(store) == expected_dyads(store)
    assert stored_periods(store) == expected_periods(store)
    # the indexed queries give what the scan-based one gives
    for a, b in (("CHN", "PRK"), ("PRK", "USA"), ("RUS", "USA"), ("CHN", "CHN"), ("PRK", "PRK")):
        for kw in ({}, {"modalities": ["asserted"]}, {"since": "2024-03-01", "until": "2024-03-31"},
                   {"since": "2024-03-05"}, {"until": "2024-02-29", "types": ["accuse"]},
                   {"since": "2023-06-01", "until": "2023-06-30", "modalities": ["future"]}):
            assert store.dyad_cluster_ids([(a, b)], **kw) == store.event_cluster_ids(pair=([a], [b]), **kw), (a, b, kw)
        assert store.dyad_cluster_ids([(a, a)]) == store.event_cluster_ids(countries=[a], actors=[a])


def roll_up_relations(store: Store, a: str, b: str, by: str) -> Any:
    return relations(store, a, b, by=by)


def scan_relations(store: Store, a: str, b: str, by: str) -> list[tuple[Any, ...]]:
    """relations' periods as the pre-migration code computed them: from the timeline."""
    buckets: dict[str, list[Any]] = {}
    for t in timeline(store, pair=(a, b)):
        key = _period(t.date, by)
        if key is None:
            continue
        p = buckets.setdefault(key, [key, {1: 0, 2: 0, 3: 0, 4: 0}, 0.0, []])
        p[1][t.event.quad_class] = p[1].get(t.event.quad_class, 0) + 1
        p[2] = round(p[2] + t.event.intensity, 3)
        p[3].append(t.event.id)
    return [tuple(buckets[k]) for k in sorted(buckets)]


@pytest.fixture
def filled(store: Store) -> Store:
    world(store)
    return store


def test_tables_follow_add(filled: Store) -> None:
    assert_consistent(filled)
    # the symmetric event (two sources, no target) is between its two states
    assert filled.dyad_cluster_ids([("USA", "RUS")]) == ["ev-a-2"]
    # a person's state stands for them; a person without one is keyed by their id
    assert "ev-a-3" in filled.dyad_cluster_ids([("PRK", "USA")])
    assert filled.dyad_cluster_ids([("PRK", "person:nobody")]) == ["ev-b-3"]
    # the week across February and March is found from either side of its window
    assert "ev-b-3" in filled.dyad_cluster_ids([("PRK", "PRK")], since="2024-03-05", until="2024-03-09")
    assert "ev-b-3" in filled.dyad_cluster_ids([("PRK", "PRK")], since="2024-02-01", until="2024-02-28")


def test_tables_follow_cluster_changes(filled: Store) -> None:
    before = {r[0] for r in filled.dyad_periods("CHN", "PRK")}
    # the month-dated version joins the day-dated one: the day leads, the March month row
    # loses an event, and a relations report now files it under the day's month
    filled.set_event_clusters({"ev-c-1": "ev-a-1", "ev-b-1": "ev-a-1"})
    assert_consistent(filled)
    periods = {r[0]: r for r in filled.dyad_periods("CHN", "PRK")}
    assert periods["2024-03"][1] == 1 and periods["2024-03"][4] == ["ev-a-1"]
    assert before == {"2024-03"}
    # and it leaves again
    filled.set_event_clusters({"ev-c-1": "ev-c-1"})
    assert_consistent(filled)
    assert filled.dyad_periods("CHN", "PRK")[0][4] == ["ev-c-1", "ev-a-1"]  # March 1st first


def test_tables_follow_actor_merge(filled: Store) -> None:
    # the person without a state becomes the state itself: their events move to its pairs
    filled.merge_actors("person:nobody", "RUS")
    assert_consistent(filled)
    assert "ev-b-3" in filled.dyad_cluster_ids([("PRK", "RUS")])
    assert filled.dyad_cluster_ids([("PRK", "person:nobody")]) == []
    got = filled.quantities_with_subjects([["CHN"], ["PRK", "person:kim"]])
    assert [q.id for q, _doc in got] == ["q-b"]


def test_tables_follow_delete(filled: Store) -> None:
    filled.set_event_clusters({"ev-c-1": "ev-a-1"})
    filled.delete_document("a")  # the cluster's lead goes: the month version leads again
    assert_consistent(filled)
    assert [r[0] for r in filled.dyad_periods("CHN", "PRK")] == ["2024-03"]
    assert filled.dyad_cluster_ids([("RUS", "USA")]) == []
    filled.delete_document("b")
    filled.delete_document("c")
    for table in ("event_dyads", "dyad_periods", "quantity_subjects"):
        assert filled.db.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == 0


def test_relations_from_the_roll_up_equal_the_timeline(filled: Store) -> None:
    filled.set_event_clusters({"ev-c-1": "ev-a-1"})
    for a, b in (("CHN", "PRK"), ("PRK", "USA"), ("USA", "RUS")):
        for by in ("month", "year"):
            rel = roll_up_relations(filled, a, b, by)
            assert [(p.period, p.counts, p.intensity, p.events) for p in rel.periods] == scan_relations(
                filled, a, b, by)
    assert relations(filled, "PRK", "USA").undated == 1


@pytest.mark.parametrize("query", [
    {"pair": ("CHN", "PRK")}, {"pair": ("PRK", "USA")}, {"actors": ["PRK"]}, {"actors": ["USA", "RUS"]},
    {"pair": ("Xi", "Kim")}, {"actors": ["PRK"], "since": "2024-03", "until": "2024-03"},
    {"actors": ["PRK"], "modality": ("asserted", "future", "negated")},
])
def test_a_timeline_page_is_a_slice_of_the_timeline(filled: Store, query: dict[str, Any]) -> None:
    filled.set_event_clusters({"ev-c-1": "ev-a-1"})
    full = [t.event.id for t in timeline(filled, **query)]
    dated = [t.event.id for t in timeline(filled, **query) if t.date.start]
    latest_first = dated[::-1] + full[len(dated):]
    assert full, "the query must find something for the test to mean anything"
    for limit, offset in ((1, 0), (2, 1), (100, 0), (3, len(full) - 1), (5, len(full) + 2)):
        page = timeline_page(filled, **query, limit=limit, offset=offset)
        assert page.total == len(full)
        assert [t.event.id for t in page.entries] == full[offset:offset + limit]
        desc = timeline_page(filled, **query, limit=limit, offset=offset, order="desc")
        assert [t.event.id for t in desc.entries] == latest_first[offset:offset + limit]


@pytest.mark.parametrize("pair", [("CHN", "PRK"), ("PRK", "USA"), ("USA", "RUS"), ("Xi", "Kim")])
def test_pair_summary_counts_what_the_timeline_holds(filled: Store, pair: tuple[str, str]) -> None:
    entries = timeline(filled, pair=pair)
    summary = pair_summary(filled, *pair, key=2)
    assert summary.events == len(entries)
    assert summary.cooperation == sum(1 for t in entries if t.event.quad_class in (1, 2))
    assert summary.conflict == sum(1 for t in entries if t.event.quad_class in (3, 4))
    assert {t.event.id for t in summary.key_events} <= {t.event.id for t in entries}
    assert len(summary.key_events) == min(2, len(entries))
    dates = [(t.date.start is None, t.date.start or "") for t in summary.key_events]
    assert dates == sorted(dates)


@pytest.mark.parametrize("words", [["treaty"], ["TALKS"], ["alliance", "report"], ["alliance"]])
def test_tie_word_prefilter(filled: Store, words: list[str]) -> None:
    filled.set_event_clusters({"ev-c-1": "ev-a-1"})
    ids = filled.dyad_cluster_ids([("PRK", "USA")], modalities=["asserted"])
    assert ids
    # every event's evidence reads "... some words about treaty talks."; no event names an alliance
    assert filled.clusters_with_words(ids, words) == ([] if words == ["alliance"] else ids)
    assert filled.clusters_with_words(ids[:1], words) == ([] if words == ["alliance"] else ids[:1])


@pytest.mark.parametrize("pair, kinds", [
    (("CHN", "PRK"), []), (("PRK", "USA"), []), (("RUS", "USA"), ["treaty"]), (("Xi", "Kim"), []),
])
def test_standing_ties_from_the_index_equal_the_word_test(filled: Store, pair: tuple[str, str],
                                                           kinds: list[str]) -> None:
    filled.set_event_clusters({"ev-c-1": "ev-a-1"})
    a, b = (resolve_actor(filled, x) for x in pair)
    indexed = standing_ties(filled, a, b)
    assert [t.kind for t in indexed if t.kind != "trade"] == kinds
    filled.db.execute("UPDATE store_meta SET value = 'other words'")  # as if fusion.yaml changed since
    assert filled.tie_rules() == "other words"
    tested = standing_ties(filled, a, b)
    assert [(t.kind, t.item, t.events) for t in indexed] == [(t.kind, t.item, t.events) for t in tested]
    filled.refresh_ties()
    assert filled.tie_rules() != "other words"
    assert [(t.kind, t.item, t.events) for t in standing_ties(filled, a, b)] == \
        [(t.kind, t.item, t.events) for t in indexed]


def test_migration_backfills_existing_rows(tmp_path: Any) -> None:
    path = str(tmp_path / "old.db")
    with Store(path) as s:
        world(s)
        s.set_event_clusters({"ev-c-1": "ev-a-1"})
        want_dyads, want_periods = stored_dyads(s), stored_periods(s)
        want_ties = {tuple(r) for r in s.db.execute("SELECT id, tie FROM events WHERE tie IS NOT NULL")}
        assert want_ties  # the COOPERATE and AGREE reports name a "treaty"
        # back to a version-2 store holding the same events: migrations 3 and 4 must rebuild the rest
        s.conn.execute("DROP TABLE event_dyads")
        s.conn.execute("DROP TABLE dyad_periods")
        s.conn.execute("DROP TABLE quantity_subjects")
        s.conn.execute("DROP INDEX quantities_measure_date")
        s.conn.execute("DROP TABLE store_meta")
        s.conn.execute("ALTER TABLE events DROP COLUMN tie")
        s.conn.execute("DELETE FROM schema_migrations WHERE version IN (3, 4)")
    with Store(path) as s:
        assert s.schema_version == MIGRATIONS[-1][0]
        assert {tuple(r) for r in s.db.execute("SELECT id, tie FROM events WHERE tie IS NOT NULL")} == want_ties
        assert s.tie_rules() is not None
        assert stored_dyads(s) == want_dyads
        assert stored_periods(s) == want_periods
        assert_consistent(s)
        assert [q.id for q, _doc in s.quantities_with_subjects([["CHN"], ["person:kim"]])] == ["q-b"]


def test_find_actors_by_alias_with_special_characters(store: Store) -> None:
    # the plain-text pre-filter must not lose aliases that JSON escapes or LIKE treats specially
    odd = Actor(id="org:odd", name="Odd Group", kind="organisation", aliases=['The "Odd" 100%_Group', "Back\\slash"])
    other = Actor(id="org:other", name="Other", kind="organisation", aliases=["100x Group"],
                  about=["The Odd 100%_Group"])
    ex = doc("s", "2024-01-01", [("1", "CONSULT", ["CHN"], [], day("2024-01-01"), "asserted", 1, 1.0)])
    ex.actors = [odd, other]
    ex.actor_mentions = [ActorMention("org:odd", "s", 0, 6, "Report")]
    store.add(ex, content_hash="hs")
    assert [a.id for a in store.find_actors('the "ODD" 100%_group')] == ["org:odd"]
    assert [a.id for a in store.find_actors("back\\SLASH")] == ["org:odd"]
    assert store.find_actors("100%") == []
    assert store.find_actors("the odd 100%_group") == []  # in the record, but not an alias


def test_a_version_joining_an_event_that_keeps_its_lead(filled: Store) -> None:
    from detente.store import dyads

    # the month-dated version joins the day-dated one, which still leads: only its rows change
    lead = dyads.leads(filled.db, ["ev-a-1"])
    filled.set_event_clusters({"ev-c-1": "ev-a-1"})
    assert dyads.leads(filled.db, ["ev-a-1"]) == lead == {"ev-a-1": "ev-a-1"}
    assert_consistent(filled)
    # a day-dated version joining the month-dated event takes the lead: the whole event is redone
    filled.set_event_clusters({"ev-c-1": "ev-c-1"})
    filled.set_event_clusters({"ev-a-1": "ev-c-1"})
    assert dyads.leads(filled.db, ["ev-c-1"]) == {"ev-c-1": "ev-a-1"}
    assert_consistent(filled)


# -- migration 6: the queries grouped in the database equal the scans they replace ---------

def random_world(store: Store, seed: int, documents: int = 24) -> None:
    """Documents of random events between a few states and people, then random fusion."""
    import random

    rng = random.Random(seed)
    who = ["CHN", "PRK", "USA", "RUS", "person:xi", "person:kim", "person:nobody"]
    types = [("CONSULT", 1, 1.0), ("AID", 2, 7.0), ("ACCUSE", 3, -3.0), ("THREATEN", 3, -6.0),
             ("ASSAULT", 4, -10.0), ("AGREE", 1, 3.0), ("SUPPORT", 1, 3.5)]
    for n in range(documents):
        events = []
        for k in range(rng.randint(1, 5)):
            typ, quad, intensity = rng.choice(types)
            d = rng.choice([day(f"2024-03-{rng.randint(1, 28):02d}"), day(f"2024-04-{rng.randint(1, 9):02d}"),
                            month("2024-03", "31"), year("2024"), Date.unknown()])
            events.append((str(k), typ, [rng.choice(who)], [rng.choice(who)], d,
                           rng.choice(["asserted", "asserted", "asserted", "future", "negated"]), quad, intensity))
        store.add(doc(f"r{n:02d}", f"2024-03-{rng.randint(1, 28):02d}", events), content_hash=f"hr{n}")
    ids = [r[0] for r in store.db.execute("SELECT id FROM events ORDER BY id")]
    # fusion: a third of the mentions join another one's real-world event
    store.set_event_clusters({i: rng.choice(ids) for i in rng.sample(ids, len(ids) // 3)})


def scanned_pair_summary(store: Store, a: str, b: str, key: int) -> tuple[int, int, int, list[str]]:
    """pair_summary over all time as it was computed before migration 6: from every index row, in Python."""
    from detente.analysis.timeline import in_window

    leads = [x for x in store.dyad_event_leads([(a, b)], modalities=["asserted"])
             if in_window(x, ("asserted",), None, None)]
    top = sorted(leads, key=lambda x: (-x["reports"], -abs(float(x["intensity"] or 0.0)), x["id"]))[:key]
    entries = [t for t in timeline(store, pair=(a, b)) if t.event.id in {x["id"] for x in top}]
    quads = [x["quad_class"] for x in leads]
    return (len(quads), sum(1 for q in quads if q in (1, 2)), sum(1 for q in quads if q in (3, 4)),
            [t.event.id for t in entries])


def summarised(store: Store, a: str, b: str, key: int) -> tuple[int, int, int, list[str]]:
    s = pair_summary(store, a, b, key=key)
    return s.events, s.cooperation, s.conflict, [t.event.id for t in s.key_events]


PAIRS = [("CHN", "PRK"), ("PRK", "USA"), ("USA", "RUS"), ("CHN", "USA"), ("PRK", "CHN"), ("RUS", "PRK")]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_pair_summary_all_time_equals_the_scan(store: Store, seed: int) -> None:
    random_world(store, seed)
    found = 0
    for a, b in PAIRS:
        for key in (1, 3, 12):
            want = scanned_pair_summary(store, a, b, key)
            assert summarised(store, a, b, key) == want, (a, b, key)
            found += want[0]
    assert found, "the random world must hold events between the pairs"
    # after documents are deleted (their events leave, other versions may lead) and fusion redone
    for n in (0, 3, 7, 11):
        assert store.delete_document(f"r{n:02d}")
    ids = [r[0] for r in store.db.execute("SELECT id FROM events ORDER BY id")]
    store.set_event_clusters({i: ids[0] for i in ids[::5]} | {ids[1]: ids[1]})
    for a, b in PAIRS:
        assert summarised(store, a, b, 12) == scanned_pair_summary(store, a, b, 12), (a, b)


def scanned_fusion_candidates(store: Store, states: list[str], types: list[str], modality: str,
                              since: str, until: str) -> list[str]:
    """Mention ids fusion's candidate query returns, computed from every stored mention in Python."""
    parts = participants(store)
    rows = store.db.execute("SELECT e.id, e.type, e.modality, e.date_start, e.date_end, d.published FROM events e"
                            " JOIN documents d ON d.id = e.document_id").fetchall()
    out = []
    for event_id, typ, mod, start, end, published in rows:
        if typ not in types or mod != modality or not parts.get(event_id, set()) & set(states):
            continue
        if start is not None and not ((end or start) >= since and start <= until):
            continue
        if start is None and not (published and since <= published <= until):
            continue
        out.append((published, event_id))
    return [i for _p, i in sorted(out)]


@pytest.mark.parametrize("seed", [4, 5])
def test_fusion_candidates_equal_the_scan(store: Store, seed: int) -> None:
    random_world(store, seed, documents=30)
    checked = 0
    for states, types, modality, since, until in (
            (["CHN"], ["CONSULT"], "asserted", "2024-03-01", "2024-03-20"),
            (["PRK", "USA"], ["ACCUSE", "THREATEN"], "asserted", "2024-02-15", "2024-04-16"),
            (["RUS"], ["AGREE", "SUPPORT", "CONSULT"], "future", "2024-03-10", "2024-03-12"),
            (["USA"], ["AID", "ASSAULT"], "asserted", "2024-01-01", "2024-12-31")):
        want = scanned_fusion_candidates(store, states, types, modality, since, until)
        got = [m.event.id for m in store.fusion_candidates(states, types, modality, since, until)]
        assert got == want
        assert [m.event.id for m in store.fusion_candidates(states, types, modality, since, until, limit=2)] \
            == want[:2]
        checked += len(want)
    assert checked


@pytest.mark.parametrize("seed", [6, 7])
def test_timeline_pages_of_all_time_are_slices_of_the_timeline(store: Store, seed: int) -> None:
    random_world(store, seed)

    def check() -> int:
        seen = 0
        for query in ({"pair": ("CHN", "PRK")}, {"pair": ("USA", "RUS")}, {"actors": ["PRK"]},
                      {"actors": ["USA", "CHN"]}, {"actors": ["RUS"], "types": ["ACCUSE", "consult"]},
                      {"pair": ("PRK", "USA"), "modality": ("asserted", "future", "negated")},
                      {"actors": ["CHN"], "modality": ("future",)}):
            full = [t.event.id for t in timeline(store, **query)]
            dated = [t.event.id for t in timeline(store, **query) if t.date.start]
            latest_first = dated[::-1] + full[len(dated):]
            for limit, offset in ((100, 0), (3, 0), (4, 2), (2, max(0, len(full) - 1)), (5, len(full) + 1)):
                for order, want in (("asc", full), ("desc", latest_first)):
                    page = timeline_page(store, **query, limit=limit, offset=offset, order=order)
                    assert page.total == len(full), (query, order)
                    assert [t.event.id for t in page.entries] == want[offset:offset + limit], (query, order)
            seen += len(full)
        return seen

    assert check()
    for n in (1, 2, 5):
        store.delete_document(f"r{n:02d}")
    check()
