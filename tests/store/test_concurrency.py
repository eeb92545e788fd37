"""Several processes writing one store at once: nothing duplicated, nothing lost, nobody fails."""

from __future__ import annotations

import multiprocessing as mp
import random
from typing import Any

from detente.store import Store

from ..conftest import make_extraction

DOCS = 12
WRITERS = 3


def _writer(target: str, seed: int, barrier: Any) -> None:
    """Add every document (and a same-text copy under another id) in an order of its own."""
    jobs = [(f"d{i}", f"h{i}") for i in range(DOCS)] + [(f"copy{i}", f"h{i}") for i in range(0, DOCS, 3)]
    random.Random(seed).shuffle(jobs)
    with Store(target) as store:
        barrier.wait(timeout=60)  # all writers start together
        for doc_id, content_hash in jobs:
            i = content_hash[1:]
            store.add(make_extraction(doc_id, text=f"China and North Korea signed treaty number {i}."),
                      content_hash=content_hash, origin=f"{doc_id}.txt")
            store.set_event_clusters({f"ev-{doc_id}": f"ev-{doc_id}"})


def test_concurrent_writers(target: str) -> None:
    Store(target).close()  # the schema first, as `detente` does before starting workers
    ctx = mp.get_context("spawn")  # a fresh interpreter per writer, as separate `detente` processes are
    barrier = ctx.Barrier(WRITERS)
    procs = [ctx.Process(target=_writer, args=(target, seed, barrier)) for seed in range(WRITERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=240)
    assert [p.exitcode for p in procs] == [0] * WRITERS

    with Store(target) as store:
        stats = store.stats()
        assert stats["documents"] == stats["event_mentions"] == stats["claims"] == stats["quantities"] == DOCS
        assert stats["actor_mentions"] == 2 * DOCS and stats["times"] == DOCS
        assert stats["actors"] == 3
        assert len({store.document_with_hash(f"h{i}") for i in range(DOCS)}) == DOCS
        roles = store.db.execute("SELECT COUNT(*) FROM event_actors").fetchone()[0]
        assert roles == 2 * DOCS
        # a copy is linked to whichever id won its text, once per input
        links = store.duplicates()
        exact = [d for d in links if d["kind"] == "exact"]
        assert len({(d["document_id"], d["origin"]) for d in exact}) == len(exact)
        for d in exact:
            assert store.has_document(d["document_id"]) and d["alias_id"] != d["document_id"]
        stored = {r.id for r in store.documents()}
        for i in range(0, DOCS, 3):
            assert len(stored & {f"d{i}", f"copy{i}"}) == 1
        prk = next(a for a in store.actors() if a.id == "PRK")
        assert prk.aliases == ["North Korea"]  # merged, not repeated
