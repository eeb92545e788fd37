"""The repository on both backends (the ``store`` and ``target`` fixtures are parametrized)."""

from __future__ import annotations

from typing import Any

import pytest

from detente.errors import StoreError
from detente.store import MIGRATIONS, SCHEMA_VERSION, Store
from detente.store.errors import StoreConstraintError

from ..conftest import make_extraction


def count(store: Store, sql: str, *args: Any) -> int:
    return int(store.db.execute(sql, args).fetchone()[0])


def test_add_and_read_back(store: Store) -> None:
    ex = make_extraction()
    store.add(ex, content_hash="h1")
    back = store.extraction("d1")
    assert back is not None
    assert back.document.text == ex.document.text
    assert back.document.authors == ["A. Writer"]
    assert [e.type for e in back.events] == ["AGREE"]
    assert back.events[0].date.start == "2025-09-01"
    assert [m.text for m in back.actor_mentions] == ["China", "North Korea"]
    assert back.quantities[0].value == 2.74e9
    assert back.times[0].value == "2025-09-01"
    assert back.claims[0].text == "a treaty"
    assert {a.id for a in back.actors} == {"CHN", "PRK"}
    assert store.document_with_hash("h1") == "d1"
    assert store.get_document("d1") == back.document


def test_add_is_atomic(store: Store) -> None:
    ex = make_extraction()
    ex.times.append(ex.times[0])  # fine: same key is replaced
    store.add(ex, content_hash="h1")
    bad = make_extraction("d2", text="Another text.")
    bad.events[0].type = None  # type: ignore[assignment]  # NOT NULL fails after the document row is written
    with pytest.raises(StoreConstraintError):  # the driver's error, translated by the dialect
        store.add(bad, content_hash="h2")
    assert not store.has_document("d2")
    for table in ("events", "quantities", "claims", "times", "actor_mentions", "signatures"):
        assert count(store, f"SELECT COUNT(*) FROM {table} WHERE document_id = ?", "d2") == 0
    assert store.search("Another") == []
    store.add(make_extraction("d2", text="Another text."), content_hash="h2")  # the store is still writable
    assert store.has_document("d2")


def test_add_again_is_idempotent(store: Store) -> None:
    store.add(make_extraction(), content_hash="h1")
    before = store.stats()
    store.add(make_extraction(), content_hash="h1")  # e.g. another writer stored it first
    assert store.stats() == before


def test_same_text_under_another_id_is_linked(store: Store) -> None:
    store.add(make_extraction(), content_hash="h1")
    store.add(make_extraction("d2"), content_hash="h1", origin="second.txt")
    assert not store.has_document("d2")
    assert [(d["document_id"], d["origin"], d["alias_id"]) for d in store.duplicates()] == [
        ("d1", "second.txt", "d2")]


def test_another_text_under_a_stored_id_is_refused(store: Store) -> None:
    store.add(make_extraction(), content_hash="h1")
    with pytest.raises(StoreError, match="d1 is already stored with a different text"):
        store.add(make_extraction(text="Something else entirely."), content_hash="h9")
    assert store.get_document("d1").text.startswith("China")  # type: ignore[union-attr]


def test_actors_merge_aliases_across_documents(store: Store) -> None:
    a = make_extraction("d1")
    b = make_extraction("d2", text="Pyongyang and Beijing met.")
    b.actors[1].aliases = ["Pyongyang"]
    store.add(a, content_hash="h1")
    store.add(b, content_hash="h2")
    prk = next(x for x in store.actors() if x.id == "PRK")
    assert prk.aliases == ["North Korea", "Pyongyang"]
    assert {m.document for m in prk.mentions} == {"d1", "d2"}
    assert [x.id for x in store.find_actors("pyongyang")] == ["PRK"]


def test_delete_removes_derived_rows_and_orphan_actors(store: Store) -> None:
    store.add(make_extraction("d1"), content_hash="h1")
    store.add(make_extraction("d2", text="Another text about China."), content_hash="h2")
    assert store.delete_document("d1")
    assert not store.has_document("d1")
    assert store.delete_document("d1") is False
    counts = {t: count(store, f"SELECT COUNT(*) FROM {t} WHERE document_id = ?", "d1")
              for t in ("events", "quantities", "claims", "times", "actor_mentions")}
    assert counts == dict.fromkeys(counts, 0)
    assert {a.id for a in store.actors()} >= {"CHN", "PRK"}  # still used by d2
    assert store.search("Korea") == [] and store.search_all("Korea") == []
    store.delete_document("d2")
    assert store.actors() == []


def test_events_share_cluster(store: Store) -> None:
    store.add(make_extraction("d1"), content_hash="h1")
    store.add(make_extraction("d2", text="China, North Korea: treaty signed on Monday.", source="Other"),
              content_hash="h2")
    assert len(store.events()) == 2
    store.set_event_clusters({"ev-d2": "ev-d1"})
    events = store.events()
    assert len(events) == 1
    assert {m.document for m in events[0].mentions} == {"d1", "d2"}
    assert events[0].sources == ["Wire", "Other"]
    assert store.stats()["events"] == 1
    assert [m.document for m in store.cluster_members("ev-d1")] == ["d1", "d2"]


def test_search_and_stats(store: Store) -> None:
    store.add(make_extraction(), content_hash="h1")
    hits = store.search("treaty")
    assert [h["id"] for h in hits] == ["d1"]
    assert "[treaty]" in hits[0]["snippet"]
    assert store.search('unbalanced "quote') == []
    assert store.search("") == []
    s = store.stats()
    assert s["documents"] == 1 and s["events_by_type"] == {"AGREE": 1}
    assert s["schema_version"] == SCHEMA_VERSION


def test_search_all_finds_quotes_and_event_evidence(store: Store) -> None:
    store.add(make_extraction(), content_hash="h1")
    kinds = {(h["kind"], h["id"]) for h in store.search_all("treaty")}
    assert kinds == {("document", "d1"), ("claim", "c-d1"), ("event", "ev-d1")}
    assert {h["kind"] for h in store.search_all("signed")} == {"document", "event"}


def test_analysis_queries(store: Store) -> None:
    store.add(make_extraction("d1"), content_hash="h1",
              signature=b"\x00\x01sig", near_duplicates=())
    store.add(make_extraction("d2", text="China and North Korea signed it.", source="Other"), content_hash="h2",
              near_duplicates=[("d1", 0.9)])
    assert store.event_cluster_ids(pair=(["CHN"], ["PRK"]), since="2025-08-01", until="2025-09-30") == [
        "ev-d1", "ev-d2"]
    assert store.event_cluster_ids(countries=["USA"]) == []
    assert store.event_cluster_ids(actors=["CHN"], types=["agree"], modalities=["asserted"]) == ["ev-d1", "ev-d2"]
    found = store.fusion_candidates(["CHN"], ["AGREE"], "asserted", "2025-08-25", "2025-09-05")
    assert [m.document for m in found] == ["d1", "d2"]
    assert store.near_duplicate_pairs({"d1", "d2"}) == [("d1", "d2")]
    assert dict(store.signatures()) == {"d1": b"\x00\x01sig"}
    assert store.actor_countries(["CHN", "person:kim-jong-un", "nobody"]) == {"CHN": "CHN", "person:kim-jong-un": "PRK"}
    assert store.actor_countries_known() == {"CHN", "PRK"}
    assert set(store.actor_first_seen()) == {"CHN", "PRK"}
    assert [q.id for q in store.quantities_by_measure("trade", exclude_document="d1")] == ["q-d2"]
    store.mark_quantities_disputed(["q-d1"])
    assert [q.disputed for q in store.quantities()] == [True, False]
    assert [c.id for c, doc in store.claims_dated(since="2025-09-01")] == ["c-d1", "c-d2"]
    assert store.document_texts(["d2"]) == {"d2": "China and North Korea signed it."}
    assert store.document_rows(["d1"])["d1"].words == 9
    assert [m.text for m in store.actor_mentions_first(["PRK"])["PRK"]] == ["North Korea"]
    assert [d.id for d in store.documents(limit=1)] == ["d1"] and len(store.documents()) == 2


def test_merge_actors(store: Store) -> None:
    store.add(make_extraction("d1"), content_hash="h1")
    assert store.merge_actors("PRK", "DPRK") > 0
    assert {a.id for a in store.actors()} == {"CHN", "DPRK", "person:kim-jong-un"}
    ev = store.extraction("d1").events[0]  # type: ignore[union-attr]
    assert ev.target == ["DPRK"]
    assert store.event_cluster_ids(actors=["DPRK"]) == ["ev-d1"]


def test_migrations_recorded_and_reopen(target: str) -> None:
    with Store(target) as s:
        s.add(make_extraction(), content_hash="h1")
        assert s.schema_version == SCHEMA_VERSION
    with Store(target) as s:
        assert s.has_document("d1")
        assert count(s, "SELECT COUNT(*) FROM schema_migrations") == len(MIGRATIONS)


def test_newer_schema_is_refused(target: str) -> None:
    with Store(target) as s, s.transaction() as db:
        db.execute("INSERT INTO schema_migrations(version, name, applied_at) VALUES (?, ?, ?)",
                   (SCHEMA_VERSION + 1, "future", "2099-01-01"))
    with pytest.raises(StoreError, match="newer than this detente"):
        Store(target)


def test_resolve_document_id(store: Store) -> None:
    store.add(make_extraction("doc_abc123"), content_hash="h1")
    assert store.resolve_document_id("doc_abc") == "doc_abc123"
    assert store.resolve_document_id("doc%") is None
    assert store.resolve_document_id("zzz") is None


def test_not_a_store(tmp_path) -> None:
    bogus = tmp_path / "x.db"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="x.db"):
        Store(bogus)


def test_missing_folder(tmp_path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "s.db")
