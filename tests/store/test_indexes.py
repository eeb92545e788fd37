"""The queries the API and UI use are served by indexes on both backends.

Each store method is run once with its statements recorded, then every
statement is explained: on PostgreSQL with sequential scans disabled (the
planner still picks one when no index can serve the query), on SQLite with
EXPLAIN QUERY PLAN.  No statement may read a whole table of events, event
actors, documents, quantities, claims or state ranks.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from detente import analysis
from detente.store import Store

from ..conftest import make_extraction

BIG = ("events", "event_actors", "documents", "quantities", "claims", "state_ranks")


def recorded(store: Store, call: Callable[[], Any]) -> list[tuple[str, tuple[Any, ...]]]:
    seen: list[tuple[str, tuple[Any, ...]]] = []
    run = store.dialect.run

    def spy(raw: Any, sql: str, params: Any) -> Any:
        seen.append((sql, tuple(params)))
        return run(raw, sql, params)

    store.dialect.run = spy  # type: ignore[method-assign]
    try:
        call()
    finally:
        store.dialect.run = run  # type: ignore[method-assign]
    return [(sql, p) for sql, p in seen if sql.lstrip().upper().startswith("SELECT")]


def full_scans(store: Store, sql: str, params: tuple[Any, ...]) -> list[str]:
    """Tables the statement reads whole (a sequential scan, or an index read end to end)."""
    if store.backend == "postgresql":
        plan = store.db.execute("EXPLAIN (FORMAT JSON) " + sql, params).fetchone()[0]
        plan = json.loads(plan) if isinstance(plan, str) else plan
        found: list[str] = []

        def walk(node: dict[str, Any]) -> None:
            kind, table = node.get("Node Type", ""), node.get("Relation Name")
            whole = kind == "Seq Scan" or (kind in ("Index Scan", "Index Only Scan") and "Index Cond" not in node)
            if whole and table in BIG:
                found.append(f"{kind} on {table}")
            for child in node.get("Plans", []):
                walk(child)

        walk(plan[0]["Plan"])
        return found
    plan = [r["detail"] for r in store.db.execute("EXPLAIN QUERY PLAN " + sql, params)]
    # SEARCH is a lookup by key; SCAN reads a whole table or index (FTS5 and json_each are virtual)
    return [d for d in plan if d.startswith("SCAN ") and "VIRTUAL TABLE" not in d]


@pytest.fixture
def filled(store: Store) -> Store:
    for i in range(1, 4):
        store.add(make_extraction(f"d{i}", text=f"China and North Korea signed treaty number {i}."),
                  content_hash=f"h{i}")
    if store.backend == "postgresql":
        store.db.execute("SET enable_seqscan = off")
    return store


QUERIES: dict[str, Callable[[Store], Any]] = {
    "pair of states in a date range": lambda s: s.event_cluster_ids(
        pair=(["CHN"], ["PRK"]), since="2025-08-01", until="2025-09-30"),
    "an actor's timeline": lambda s: s.event_cluster_ids(actors=["CHN"], countries=["CHN"], modalities=["asserted"]),
    "events of a window": lambda s: s.event_cluster_ids(since="2025-09-01", until="2025-09-02"),
    "merged events by id": lambda s: s.events(["ev-d1", "ev-d2"]),
    "fusion candidates": lambda s: s.fusion_candidates(["CHN"], ["AGREE"], "asserted", "2025-08-25", "2025-09-05"),
    "versions of an event": lambda s: s.cluster_members("ev-d1"),
    "quantity disputes": lambda s: s.quantities_by_measure("trade", exclude_document="d1"),
    "claims of a week": lambda s: s.claims_dated(since="2025-09-01", until="2025-09-07"),
    # migration 19: a speaker's claims before a window, by the claims' own date
    "a speaker's claims before a day": lambda s: s.spoken_claims_before("2025-09-01", ["person:kim-jong-un"]),
    # migration 18: a state's events in a briefing's order, the events of a merge key
    "a state's events in a briefing's order": lambda s: s.state_ranked("CHN", complete=True, limit=10),
    "a state's first incompletely reported events": lambda s: s.state_ranked("CHN", complete=False, limit=10),
    "the events of a briefing's merge key": lambda s: s.state_rank_groups("CHN", ["ev-d1", "ev-d2"]),
    "documents by id": lambda s: s.document_rows(["d1", "d2"]),
    "full-text search": lambda s: s.search_all("treaty"),
    "a document": lambda s: s.extraction("d2"),
    # migration 3: the dyad table carries the date, the roll-up is keyed by pair
    "pair of states by dyad (window)": lambda s: s.dyad_cluster_ids(
        [("CHN", "PRK")], types=["agree"], modalities=["asserted"], since="2025-08-01", until="2025-09-30"),
    "pair of states by dyad (all time)": lambda s: s.dyad_cluster_ids([("PRK", "CHN")], modalities=["asserted"]),
    "a state's timeline by dyad": lambda s: s.dyad_cluster_ids([("CHN", "CHN")], since="2025-09-01"),
    "relations of a window": lambda s: s.dyad_event_leads([("CHN", "PRK")], modalities=["asserted"],
                                                          since="2025-01-01", until="2025-12-31"),
    "relations roll-up": lambda s: s.dyad_periods("CHN", "PRK", "month"),
    "quantity disputes on a date": lambda s: s.quantities_by_measure_on("trade", "2025", exclude_document="d1"),
    "trade figures of a pair": lambda s: s.quantities_with_subjects([["CHN"], ["PRK", "person:kim-jong-un"]],
                                                                    until="2025-12-31"),
    "tie words in events": lambda s: s.clusters_with_words(["ev-d1", "ev-d3"], ["treaty", "pact"]),
    # migration 6: a pair's counts from the roll-up, its key events grouped over an index
    "a pair's counts by quad class": lambda s: s.dyad_quad_counts("PRK", "CHN"),
    "a pair's most reported events": lambda s: s.dyad_most_reported("CHN", "PRK", limit=12),
    "a page of a pair's events, all time": lambda s: s.dyad_leads_page([("CHN", "PRK")], modalities=["asserted"],
                                                                      limit=100, offset=0, order="desc"),
    # migration 10: pages of every event, and of a state over all time, in the timeline's order
    "a page of every event": lambda s: s.timeline_leads_page("", ["asserted", "future"], limit=100, offset=0),
    "a late page of a state's events": lambda s: s.timeline_leads_page("CHN", ["asserted"], limit=10, offset=1,
                                                                        order="desc"),
    "every event in a window": lambda s: s.timeline_leads_window(["asserted"], "2025-03-01", "2025-03-31",
                                                                  limit=100, offset=0),
    "every event in a window, latest first": lambda s: s.timeline_leads_window(["asserted"], None, "2025-03-31",
                                                                                limit=10, offset=2, order="desc"),
}

# the library functions the API and UI call, end to end
LIBRARY: dict[str, Callable[[Store], Any]] = {
    "pair timeline": lambda s: analysis.timeline(s, pair=("CHN", "PRK"), since="2025", until="2025"),
    "state timeline": lambda s: analysis.timeline(s, actors=["CHN"], since="2025-09"),
    "relations per month": lambda s: analysis.relations(s, "CHN", "PRK", by="month"),
    "relations of a year": lambda s: analysis.relations(s, "CHN", "PRK", since="2025", until="2025"),
    "pair summary, all time": lambda s: analysis.pair_summary(s, "CHN", "PRK"),
    "pair summary of a year": lambda s: analysis.pair_summary(s, "CHN", "PRK", since="2025", until="2025"),
    "pair timeline page, all time": lambda s: analysis.timeline_page(s, pair=("CHN", "PRK"), limit=100),
    "state timeline page, all time": lambda s: analysis.timeline_page(s, actors=["CHN"], limit=100, order="desc"),
    "timeline page, every event": lambda s: analysis.timeline_page(s, limit=100),
    "timeline page, every event in a window": lambda s: analysis.timeline_page(s, since="2025-03", until="2025-09"),
}


def _resolves_a_name(sql: str) -> bool:
    # name resolution reads the actors table (aliases are JSON), not events: outside this check
    return " FROM actors " in sql and "JOIN" not in sql and "event" not in sql


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_query_uses_indexes(filled: Store, name: str) -> None:
    statements = recorded(filled, lambda: QUERIES[name](filled))
    assert statements, "the query ran no SELECT"
    for sql, params in statements:
        assert full_scans(filled, sql, params) == [], sql


@pytest.mark.parametrize("name", sorted(LIBRARY))
def test_library_queries_use_indexes(filled: Store, name: str) -> None:
    statements = [(sql, p) for sql, p in recorded(filled, lambda: LIBRARY[name](filled)) if not _resolves_a_name(sql)]
    assert any(table in sql for sql, _p in statements for table in ("event_dyads", "dyad_periods", "timeline_leads"))
    for sql, params in statements:
        assert full_scans(filled, sql, params) == [], sql


def test_a_full_scan_is_seen(filled: Store) -> None:
    statements = recorded(filled, filled.quantities)  # every quantity, on purpose
    assert [full_scans(filled, sql, params) for sql, params in statements] != [[]]


def test_fusion_candidates_read_only_their_types(filled: Store) -> None:
    # migration 6: the state's mentions of the asked types, not all of its mentions in the window
    if filled.backend != "sqlite":
        pytest.skip("the PostgreSQL planner picks by its statistics, which a three-document store lacks")
    statements = recorded(filled, lambda: QUERIES["fusion candidates"](filled))
    plans = [r["detail"] for sql, params in statements if "event_dyads" in sql
             for r in filled.db.execute("EXPLAIN QUERY PLAN " + sql, params)]
    dyad_reads = [d for d in plans if "event_dyads" in d]
    assert dyad_reads and all("event_dyads_type" in d for d in dyad_reads), dyad_reads


def test_key_events_are_grouped_over_the_index(filled: Store) -> None:
    if filled.backend != "sqlite":
        pytest.skip("the PostgreSQL planner picks by its statistics, which a three-document store lacks")
    for call in (lambda: filled.dyad_most_reported_scan("CHN", "PRK"),
                 lambda: filled.dyad_leads_page([("CHN", "PRK")], modalities=["asserted"])):
        statements = recorded(filled, call)
        plans = [r["detail"] for sql, params in statements
                 for r in filled.db.execute("EXPLAIN QUERY PLAN " + sql, params)]
        assert any("COVERING INDEX event_dyads_lead" in d for d in plans), plans
        assert not any("TEMP B-TREE FOR GROUP BY" in d for d in plans), plans


def test_a_pairs_key_events_are_the_first_rows_of_their_index(filled: Store) -> None:
    # migration 15: the relations page's key events, in their order, without a sort
    if filled.backend != "sqlite":
        pytest.skip("the PostgreSQL planner picks by its statistics, which a three-document store lacks")
    statements = recorded(filled, lambda: filled.dyad_most_reported("CHN", "PRK"))
    plans = [r["detail"] for sql, params in statements for r in filled.db.execute("EXPLAIN QUERY PLAN " + sql, params)]
    assert any("INDEX timeline_leads_reported" in d for d in plans), plans
    assert not any("TEMP B-TREE" in d for d in plans), plans
    assert filled.dyad_most_reported("CHN", "PRK") == filled.dyad_most_reported_scan("CHN", "PRK") != []


def test_the_home_page_and_network_windows_read_their_indexes(filled: Store) -> None:
    # migrations 7 and 9: a window of the network is one covering index range; the latest
    # documents and the busiest network rows are the first entries of their indexes
    if filled.backend != "sqlite":
        pytest.skip("the PostgreSQL planner picks by its statistics, which a three-document store lacks")
    wanted = {
        "COVERING INDEX network_events_date": lambda: filled.network_window("2025-09-01", "2025-09-30"),
        "INDEX documents_latest": lambda: filled.documents(limit=8),
        "INDEX network_links_nodes": lambda: filled.network_top("actor", True, 8),
        "INDEX network_links_edges": lambda: filled.network_top("state", False, 8),
    }
    for index, call in wanted.items():
        statements = [(sql, p) for sql, p in recorded(filled, call) if "network_keys" not in sql]
        plans = [r["detail"] for sql, params in statements
                 for r in filled.db.execute("EXPLAIN QUERY PLAN " + sql, params)]
        assert any(index in d for d in plans), (index, plans)
        assert not any(d.startswith("SCAN network_") or "TEMP B-TREE" in d for d in plans), (index, plans)
