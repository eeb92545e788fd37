"""Migration 14's actor counts are what the mentions count, after every kind of write, on both backends;
the actor list and one actor's page read them, not every mention of the store."""

from __future__ import annotations

import random
from pathlib import Path

import httpx
import pytest

from detente.model import ActorMention, Extraction
from detente.store import Store, queries
from tests.api.live import start

from .test_network_rollup import ACTORS, _doc


def _mentioning(rng: random.Random, n: int) -> Extraction:
    """A report whose text names some actors, some several times (and one mention repeated verbatim,
    which the store keeps once)."""
    ex = _doc(rng, n)
    words = [rng.choice(ACTORS).id for _ in range(rng.randint(0, 6))]
    ex.document.text = " ".join(["Report"] + words) + "."
    at, mentions = 7, [ActorMention(ex.actors[0].id, ex.document.id, 0, 6, "Report")]
    for w in words:
        mentions.append(ActorMention(w, ex.document.id, at, at + len(w), w))
        at += len(w) + 1
    ex.actor_mentions = mentions + mentions[:1]
    ex.actors = list({a.id: a for a in [*ex.actors, *(a for a in ACTORS if a.id in words)]}.values())
    return ex


def _counted(store: Store) -> dict[str, tuple[int, int]]:
    """Each actor's (mentions, documents) counted from the mentions themselves."""
    return {r[0]: (int(r[1]), int(r[2])) for r in store._q(
        "SELECT actor_id, COUNT(*), COUNT(DISTINCT document_id) FROM actor_mentions GROUP BY actor_id")}


def _first_mentions(store: Store) -> dict[str, list[tuple[str, int]]]:
    """Each actor's mentions in the earliest-published document mentioning it, read from every mention."""
    rows = store._q('SELECT m.actor_id, m.document_id, m.start FROM actor_mentions m JOIN documents d'
                    " ON d.id = m.document_id ORDER BY m.actor_id, d.published IS NULL, d.published, m.document_id,"
                    " m.start")
    out: dict[str, list[tuple[str, int]]] = {}
    first: dict[str, str] = {}
    for actor, doc, at in rows:
        if first.setdefault(actor, doc) == doc:
            out.setdefault(actor, []).append((doc, int(at)))
    return out


def _same(store: Store) -> None:
    kept = {r[0]: (int(r[1]), int(r[2])) for r in store._q("SELECT actor_id, mentions, documents FROM actor_counts")}
    assert kept == _counted(store)
    everyone = [r[0] for r in store._q("SELECT id FROM actors")]
    firsts = store.actor_mentions_first(everyone)  # by each actor's first day (or read whole)
    assert {a: [(m.document, m.start) for m in ms] for a, ms in firsts.items()} == _first_mentions(store)
    want = _counted(store)
    for actor, mentions, documents in store.actor_summaries():
        assert (mentions, documents) == want.get(actor.id, (0, 0))
        assert actor.mentions == []  # the list reads no mention
        one = store.actor(actor.id)
        assert one is not None and len(one.mentions) == mentions
        assert len({m.document for m in one.mentions}) == documents
        assert store.actor_counts(actor.id) == (mentions, documents)
        paged = [m for k in range(0, documents + 1, 3) for m in store.actor(actor.id, 3, k).mentions]  # type: ignore[union-attr]
        assert paged == one.mentions
        # every page, early ones read from the first document and late ones counted back from the last
        docs = sorted({m.document for m in one.mentions})
        for size in (1, 2, 5):
            for k in range(documents + 2):
                page = store.actor(actor.id, size, k)
                assert page is not None
                assert [m for m in page.mentions] == [m for m in one.mentions if m.document in docs[k:k + size]]


@pytest.mark.parametrize("seed", [1, 2])
def test_actor_counts_are_the_mentions_counted(store: Store, seed: int) -> None:
    rng = random.Random(seed)
    _same(store)  # empty
    for n in range(12):
        store.add(_mentioning(rng, n), content_hash=f"h{n}")
    _same(store)
    assert store._q("SELECT COUNT(*) FROM actor_counts").fetchone()[0] > 0  # the check compares something
    store.add(_mentioning(rng, 3), content_hash="h3")  # the same document again: nothing counted twice
    _same(store)
    for n in rng.sample(range(12), 5):
        store.delete_document(f"d{n}")
        _same(store)
    kept = [a.id for a, mentions, _ in store.actor_summaries() if mentions]
    store.merge_actors(kept[0], kept[-1])
    _same(store)
    store.merge_actors(kept[-1], "person:someone-new")  # renamed: the counts move with the mentions
    _same(store)
    for n in range(12, 15):
        store.add(_mentioning(rng, n), content_hash=f"h{n}")
    _same(store)


def _written(path: Path, seed: int, documents: int) -> Store:
    """A store file with some reports mentioning actors."""
    rng = random.Random(seed)
    store = Store(path)
    for n in range(documents):
        store.add(_mentioning(rng, n), content_hash=f"h{n}")
    return store


def test_migration_14_counts_a_store_written_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with _written(path, 3, 6) as store:
        want = _counted(store)
        store.conn.execute("DROP TABLE actor_counts")  # as a store of migration 13 was
        store.conn.execute("DROP INDEX actor_mentions_actor")
        store.conn.execute("CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id)")
        store.conn.execute("DELETE FROM schema_migrations WHERE version = 14")
        store.conn.commit()
    with Store(path) as store:  # opening it runs migration 14's backfill
        assert {r[0]: (int(r[1]), int(r[2])) for r in store._q(
            "SELECT actor_id, mentions, documents FROM actor_counts")} == want
        columns = [r[2] for r in store._q("PRAGMA index_info(actor_mentions_actor)")]
        assert columns == ["actor_id", "document_id", "start"]


def test_the_actor_list_and_page_answer_with_the_counts(tmp_path: Path) -> None:
    path = tmp_path / "api.db"
    with _written(path, 5, 8) as store:
        want = _counted(store)
        names = {a.id: a.name for a in store.actors()}
    server = start(path, token=None)
    try:
        _ask(server.client(), want, names)
    finally:
        server.stop()


def _ask(client: httpx.Client, want: dict[str, tuple[int, int]], names: dict[str, str]) -> None:
    listed = client.get("/api/actors", params={"sort": "mentions", "limit": 3}).json()
    assert listed["total"] == len(names)
    counts = [(x["mention_count"], x["document_count"]) for x in listed["items"]]
    assert counts == [want.get(x["id"], (0, 0)) for x in listed["items"]]
    best = sorted(names, key=lambda i: (-want.get(i, (0, 0))[0], names[i]))[:3]
    assert [x["id"] for x in listed["items"]] == best and "mentions" not in listed["items"][0]
    by_name = client.get("/api/actors", params={"limit": 1000}).json()["items"]
    assert [x["name"] for x in by_name] == sorted(names.values())
    top = listed["items"][0]
    page = client.get(f"/api/actors/{top['id']}").json()  # a page of 100 documents: here, every one
    assert (page["documents_limit"], page["documents_offset"]) == (100, 0)
    assert page["mention_count"] == top["mention_count"] == len(page["mentions"])
    assert client.get("/api/actors/nobody").status_code == 404
    # a page of its documents: the totals stay the actor's, the pages together are every mention
    pages, offset = [], 0
    while True:
        part = client.get(f"/api/actors/{top['id']}", params={"documents_limit": 2, "documents_offset": offset}).json()
        assert (part["mention_count"], part["document_count"]) == (page["mention_count"], page["document_count"])
        assert len({m["document"] for m in part["mentions"]}) <= 2
        if not part["mentions"]:
            break
        pages += part["mentions"]
        offset += 2
    assert pages == page["mentions"] and offset >= page["document_count"]
    bad = client.get(f"/api/actors/{top['id']}", params={"documents_limit": 0})
    assert bad.status_code == 422 and "documents_limit" in bad.text


@pytest.mark.parametrize("day_read", [1, 10**6])  # every first day read at once / every actor probed
def test_first_mentions_read_by_day_or_by_actor_are_the_same(store: Store, monkeypatch: pytest.MonkeyPatch,
                                                               day_read: int) -> None:
    monkeypatch.setattr(queries, "DAY_READ_ACTORS", day_read)
    rng = random.Random(6)
    for n in range(40):  # about three reports a day (the 15th of each month)
        store.add(_mentioning(rng, n), content_hash=f"h{n}")
    everyone = [r[0] for r in store._q("SELECT id FROM actors")]
    want = _first_mentions(store)
    # the comparison means something: actors first seen in several reports of one day
    shared = store._q("SELECT COUNT(*) FROM actor_firsts f JOIN documents d ON d.published = f.published"
                      " JOIN actor_mentions m ON m.document_id = d.id AND m.actor_id = f.actor_id"
                      " GROUP BY f.actor_id HAVING COUNT(DISTINCT d.id) > 1").fetchall()
    assert len(want) > 3 and shared
    firsts = store.actor_mentions_first(everyone)
    assert {a: [(m.document, m.start) for m in ms] for a, ms in firsts.items()} == want


def test_actor_facts_and_labels_say_what_the_records_say(store: Store) -> None:
    rng = random.Random(8)
    for n in range(10):
        store.add(_mentioning(rng, n), content_hash=f"h{n}")
    kept = [a.id for a, mentions, _ in store.actor_summaries() if mentions]
    store.merge_actors(kept[0], kept[-1])  # a merge rewrites the kept actor's record
    whole = store.actor_index()
    facts = store.actor_facts()
    assert set(facts) == set(whole) and len(whole) > 3
    for key, a in whole.items():
        f = facts[key]
        assert (f.id, f.name, f.kind, f.code, f.country) == (a.id, a.name, a.kind, a.code, a.country)
    labels = store.actor_labels([*whole, "nobody"])
    assert {k: (x.name, x.kind, x.code, x.country) for k, x in labels.items()} == \
        {k: (a.name, a.kind, a.code, a.country) for k, a in whole.items()}
