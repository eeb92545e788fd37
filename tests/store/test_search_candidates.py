"""Full-text search ranks a word's newest matches of each kind (migration 12): the same answer as ranking
every match, then keeping the best among the newest ``fts.CANDIDATES`` of them; and, with no more matches
than that, exactly the best of all.  Actors found by name are the ones the plain filter over every actor
finds.  On both backends.
"""

from __future__ import annotations

import random
from typing import Any

import pytest

from detente.model import Actor, ActorMention, Claim, Date, Document, Event, Extraction, Mention
from detente.store import Store, fts

WORDS = ("talks", "border", "sanctions", "trade", "visit", "summit", "army")


def _doc(rng: random.Random, n: int) -> Extraction:
    doc_id = f"d{n:03d}"
    text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 30))) + "."
    sent = Mention(doc_id, 0, len(text), text)
    events = [Event(id=f"ev-{doc_id}-{i}", type="CONSULT", mode=None, source=["USA"], target=["CHN"],
                    date=Date.unknown(), location=None, modality="asserted", attribution=None, quad_class=1,
                    intensity=1.0, confidence=0.6, mentions=[sent], trigger=rng.choice(WORDS))
              for i in range(rng.randint(0, 2))]
    claims = [Claim(id=f"cl-{doc_id}-{i}", kind="quote", speaker="USA", about=[], stance=None, mentions=[sent],
                    text=" ".join(rng.choice(WORDS) for _ in range(5))) for i in range(rng.randint(0, 2))]
    actors = [Actor(id="USA", name="United States", kind="state", code="USA", country="USA"),
              Actor(id="CHN", name="China", kind="state", code="CHN", country="CHN")]
    return Extraction(document=Document(id=doc_id, text=text, title=f"{rng.choice(WORDS)} {doc_id}",
                                        source="pub", published="2024-01-15", published_basis="metadata"),
                      actors=actors, actor_mentions=[ActorMention("USA", doc_id, 0, 3, "USA")],
                      events=events, claims=claims)


ORDER = {"sqlite": {"document": "SELECT rowid FROM documents WHERE id = ?", "claim": "SELECT rowid FROM claims"
                    " WHERE id = ?", "event": "SELECT MAX(rowid) FROM events WHERE cluster_id = ?"},
         "postgresql": {"document": "SELECT seq FROM documents WHERE id = ?",
                        "claim": "SELECT seq FROM claims WHERE id = ?",
                        "event": "SELECT MAX(seq) FROM events WHERE cluster_id = ?"}}


def _reference(store: Store, kind: str, query: str, limit: int, candidates: int) -> list[dict[str, Any]]:
    """Every match ranked (no bound), the newest ``candidates`` kept, the best ``limit`` of them."""
    saved = fts.CANDIDATES
    fts.CANDIDATES = 10 ** 9
    try:
        every = fts.search(store.db, (kind,), query, 10 ** 6)[kind]
    finally:
        fts.CANDIDATES = saved
    order = ORDER[store.dialect.name][kind]
    newest = sorted(every, key=lambda h: -store.db.execute(order, (h["id"],)).fetchone()[0])[:candidates]
    kept = {id(h) for h in newest}
    return [h for h in every if id(h) in kept][:limit]


def _key(hits: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(h["id"], round(float(h["rank"]), 9)) for h in hits]


@pytest.mark.parametrize("seed", [1, 2])
def test_newest_candidates_ranked(store: Store, seed: int, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    for n in range(40):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    store.delete_document("d005")  # a gap in the storing order
    for n in (7, 40):  # a re-ingest and a late document
        if store.has_document(f"d{n:03d}"):
            store.delete_document(f"d{n:03d}")
        store.add(_doc(rng, n), content_hash=f"h{n}-again")
    for candidates in (3, 10, 1000):
        monkeypatch.setattr(fts, "CANDIDATES", candidates)
        for query in ("talks", "summit OR army", "border trade", '"trade visit"'):
            for limit in (1, 5, 50):
                found = fts.search(store.db, ("document", "claim", "event"), query, limit)
                for kind in ("document", "claim", "event"):
                    ref = _reference(store, kind, query, limit, candidates)
                    assert _key(found[kind]) == _key(ref), (candidates, query, limit, kind)
                    assert all(h["snippet"] for h in found[kind])


def test_few_matches_are_exact(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(3)
    for n in range(12):
        store.add(_doc(rng, n), content_hash=f"h{n}")
    monkeypatch.setattr(fts, "CANDIDATES", 10 ** 9)
    exact = fts.search(store.db, ("document", "event"), "talks", 100)
    monkeypatch.setattr(fts, "CANDIDATES", 1000)
    assert _key(fts.search(store.db, ("document", "event"), "talks", 100)["document"]) == _key(exact["document"])
    assert _key(fts.search(store.db, ("document", "event"), "talks", 100)["event"]) == _key(exact["event"])


NAMES = ["United States", "Straße Group", "KELVIN Labs", "Ünited Front", 'The "Quoted" Club', "back\\slash",
         "Strauss Inc", "ﬁne Arts", "Istanbul", "İstanbul Office"]


@pytest.mark.parametrize("needle", ["united", "ss", "STRASSE", "k", "kelvin", "quoted", '"q', "\\", "fi", "ü",
                                    "istanbul", "i̇", "zzz", "e"])
def test_actors_matching_is_the_plain_filter(store: Store, needle: str) -> None:
    actors = [Actor(id=f"org:{i}", name=name, kind="organization", aliases=[f"alias {name[::-1]}"] if i % 2 else [])
              for i, name in enumerate(NAMES)]
    actors.append(Actor(id="org:k", name="Acme", kind="organization", aliases=["\u212aelvin"]))  # Kelvin sign
    text = "Report."
    ex = Extraction(document=Document(id="d1", text=text, title="t", source="pub", published="2024-01-01",
                                      published_basis="metadata"),
                    actors=actors, actor_mentions=[ActorMention(a.id, "d1", 0, 6, "Report") for a in actors[:4]])
    store.add(ex, content_hash="h1")
    folded = needle.casefold()
    for limit in (1, 3, 20):
        plain = [a for a in store.actors()
                 if folded in a.name.casefold() or any(folded in x.casefold() for x in a.aliases)][:limit]
        found = store.actors_matching(needle, limit)
        assert [(a.id, n) for a, n in found] == [(a.id, len(a.mentions)) for a in plain]
