from __future__ import annotations

import sqlite3

import pytest

from detente.errors import StoreError
from detente.store import SCHEMA_VERSION, Store

from .conftest import make_extraction


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
    assert store.document_with_hash("h1") == "d1"


def test_add_is_atomic(store: Store) -> None:
    ex = make_extraction()
    ex.times.append(ex.times[0])  # fine: same key is replaced
    ex.events[0].quad_class = 1
    bad = make_extraction("d2")
    bad.document.id = "d2"
    store.add(ex, content_hash="h1")
    # same content hash violates the unique index: nothing of d2 may land
    with pytest.raises(sqlite3.IntegrityError):
        store.add(bad, content_hash="h1")
    assert not store.has_document("d2")
    assert store.conn.execute("SELECT COUNT(*) FROM events WHERE document_id='d2'").fetchone()[0] == 0


def test_actors_merge_aliases_across_documents(store: Store) -> None:
    a = make_extraction("d1")
    b = make_extraction("d2", text="Pyongyang and Beijing met.")
    b.actors[1].aliases = ["Pyongyang"]
    store.add(a, content_hash="h1")
    store.add(b, content_hash="h2")
    prk = next(x for x in store.actors() if x.id == "PRK")
    assert prk.aliases == ["North Korea", "Pyongyang"]
    assert {m.document for m in prk.mentions} == {"d1", "d2"}


def test_delete_removes_derived_rows_and_orphan_actors(store: Store) -> None:
    store.add(make_extraction("d1"), content_hash="h1")
    store.add(make_extraction("d2", text="Another text about China."), content_hash="h2")
    assert store.delete_document("d1")
    assert not store.has_document("d1")
    assert store.delete_document("d1") is False
    counts = {t: store.conn.execute(f"SELECT COUNT(*) FROM {t} WHERE document_id='d1'").fetchone()[0]
              for t in ("events", "quantities", "claims", "times", "actor_mentions")}
    assert counts == dict.fromkeys(counts, 0)
    assert {a.id for a in store.actors()} >= {"CHN", "PRK"}  # still used by d2
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


def test_search_and_stats(store: Store) -> None:
    store.add(make_extraction(), content_hash="h1")
    assert [h["id"] for h in store.search("treaty")] == ["d1"]
    assert store.search('unbalanced "quote') == []
    s = store.stats()
    assert s["documents"] == 1 and s["events_by_type"] == {"AGREE": 1}


def test_migrations_recorded_and_reopen(tmp_path) -> None:
    path = tmp_path / "s.db"
    with Store(path) as s:
        s.add(make_extraction(), content_hash="h1")
        assert s.schema_version == SCHEMA_VERSION
    with Store(path) as s:
        assert s.has_document("d1")
        assert s.conn.execute("SELECT COUNT(*) FROM schema_migrations").fetchone()[0] == SCHEMA_VERSION


def test_not_a_store(tmp_path) -> None:
    bogus = tmp_path / "x.db"
    bogus.write_bytes(b"this is not sqlite at all" * 100)
    with pytest.raises(StoreError, match="x.db"):
        Store(bogus)


def test_missing_folder(tmp_path) -> None:
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "nope" / "s.db")


def test_resolve_document_id(store: Store) -> None:
    store.add(make_extraction("doc_abc123"), content_hash="h1")
    assert store.resolve_document_id("doc_abc") == "doc_abc123"
    assert store.resolve_document_id("zzz") is None
