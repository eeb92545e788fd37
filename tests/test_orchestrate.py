"""The ingest orchestrator: ids, idempotence, duplicates, bad input, interruption safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from detente.orchestrate import ingest
from detente.pipeline import Pipeline
from detente.store import Store

ARTICLE = (
    "Seoul and Tokyo agreed on Tuesday to share missile warning data in real time, officials said.\n\n"
    "The two governments will hold a joint drill next month, according to the defence ministry."
)
OTHER = (
    "Brazil's foreign minister visited Pretoria last week and met his South African counterpart.\n\n"
    "The ministers signed a memorandum on agricultural research and promised more flights."
)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_ingest_is_idempotent(tmp_path: Path, pipeline: Pipeline) -> None:
    a = write(tmp_path / "a.txt", ARTICLE)
    b = write(tmp_path / "b.txt", OTHER)
    with Store(tmp_path / "s.db") as store:
        first = ingest([str(a), str(b)], store, pipeline=pipeline)
        assert len(first.added) == 2 and first.ok
        ids = sorted(d.id for d in store.documents())
        counts = store.stats()
        second = ingest([str(tmp_path)], store, pipeline=pipeline)
        assert second.added == [] and sorted(second.skipped) == ids
        assert store.stats() == counts
    # the same input gives the same id in another store
    with Store(tmp_path / "t.db") as other:
        ingest([str(a)], other, pipeline=pipeline)
        assert [d.id for d in other.documents()][0] in ids


def test_exact_duplicate_is_linked_not_stored(tmp_path: Path, pipeline: Pipeline) -> None:
    a = write(tmp_path / "a.txt", ARTICLE)
    b = write(tmp_path / "copy.txt", "  " + ARTICLE.replace("\n\n", "\r\n\r\n") + "\n\n")
    with Store(":memory:") as store:
        report = ingest([str(a), str(b)], store, pipeline=pipeline)
        assert len(report.added) == 1
        assert report.duplicates == [(str(b), report.added[0])]
        assert store.stats()["documents"] == 1
        assert store.duplicates()[0]["origin"] == str(b)


def test_near_duplicate_is_reported(tmp_path: Path, pipeline: Pipeline) -> None:
    long = " ".join([ARTICLE, OTHER] * 3)
    edited = long.replace("Tuesday", "Wednesday", 1).replace("officials said", "officials told reporters", 1)
    a = write(tmp_path / "a.txt", long)
    b = write(tmp_path / "b.txt", edited)
    with Store(":memory:") as store:
        report = ingest([str(a), str(b)], store, pipeline=pipeline)
        assert len(report.added) == 2
        assert [(x, y) for x, y, _ in report.near_duplicates] == [(report.added[1], report.added[0])]
        assert store.stats()["near_duplicate_pairs"] == 1


def test_a_reprint_links_to_its_most_similar_copies_only(tmp_path: Path, pipeline: Pipeline) -> None:
    from detente.orchestrate import NEAR_LINKS

    long = " ".join([ARTICLE, OTHER] * 3)
    copies = [write(tmp_path / f"c{i:02d}.txt", f"{long} (Reprint {i}.)") for i in range(NEAR_LINKS + 3)]
    with Store(":memory:") as store:
        report = ingest([str(p) for p in copies], store, pipeline=pipeline)
        assert len(report.added) == NEAR_LINKS + 3
        per_doc: dict[str, int] = {}
        for newer, _older, _sim in report.near_duplicates:
            per_doc[newer] = per_doc.get(newer, 0) + 1
        # each copy links to the earlier ones, up to NEAR_LINKS of them: linear, not quadratic
        assert [per_doc.get(d, 0) for d in report.added] == [min(i, NEAR_LINKS) for i in range(NEAR_LINKS + 3)]
        assert store.stats()["near_duplicate_pairs"] == len(report.near_duplicates)


def test_ingest_recomputes_ties_made_with_other_tie_words(tmp_path: Path, pipeline: Pipeline) -> None:
    from detente.fusion import tie_signature

    treaty = "Seoul and Tokyo signed a defence treaty on Tuesday, officials said."

    def ties(store: Store) -> set[tuple[str, str]]:
        return {(r[0], r[1]) for r in store.db.execute("SELECT id, tie FROM events WHERE tie IS NOT NULL")} | {
            (r[0], r[1]) for r in store.db.execute("SELECT event_id, tie FROM event_dyads WHERE tie IS NOT NULL")}

    with Store(str(tmp_path / "s.db")) as store:
        ingest([str(write(tmp_path / "a.txt", treaty))], store, pipeline=pipeline)
        assert store.tie_rules() == tie_signature()
        written = ties(store)
        assert {tie for _id, tie in written} == {"treaty"}
        # as if the ties had been computed with other tie words before fusion.yaml changed
        store.db.execute("UPDATE events SET tie = NULL")
        store.db.execute("UPDATE event_dyads SET tie = NULL")
        store.db.execute("UPDATE store_meta SET value = 'older words'")
        ingest([str(write(tmp_path / "b.txt", OTHER))], store, pipeline=pipeline)
        assert store.tie_rules() == tie_signature()
        assert written <= ties(store)


def test_bad_inputs_fail_alone(tmp_path: Path, pipeline: Pipeline) -> None:
    good = write(tmp_path / "good.txt", ARTICLE)
    empty = write(tmp_path / "empty.txt", "")
    binary = tmp_path / "bin.txt"
    binary.write_bytes(b"\x00\x01\x02\x03" * 50)
    with Store(tmp_path / "s.db") as store:
        report = ingest([str(empty), str(good), str(binary), str(tmp_path / "missing.txt")], store,
                        pipeline=pipeline)
        assert len(report.added) == 1
        assert len(report.errors) == 3
        messages = [str(e) for e in report.errors]
        assert any("empty.txt" in m for m in messages)
        assert any("bin.txt" in m for m in messages)
        assert any("missing.txt" in m for m in messages)


def test_manifest_ids_and_metadata(tmp_path: Path, pipeline: Pipeline) -> None:
    write(tmp_path / "a.txt", ARTICLE)
    manifest = tmp_path / "m.jsonl"
    manifest.write_text(
        json.dumps({"id": "alpha", "path": "a.txt", "source": "Wire", "published": "2026-01-06",
                    "title": "Warning data"}) + "\n"
        + json.dumps({"id": "beta", "text": OTHER}) + "\n"
    )
    with Store(":memory:") as store:
        report = ingest([str(manifest)], store, pipeline=pipeline)
        assert sorted(report.added) == ["alpha", "beta"]
        doc = store.get_document("alpha")
        assert doc is not None
        assert (doc.source, doc.published, doc.published_basis) == ("Wire", "2026-01-06", "metadata")


def test_a_document_and_its_fusion_land_together(tmp_path: Path, pipeline: Pipeline,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from detente import orchestrate as run

    a = write(tmp_path / "a.txt", "Brazil's foreign minister met his South African counterpart in Pretoria"
                                  " on 3 March 2026.")
    b = write(tmp_path / "b.txt", "On 3 March 2026 Brazil's foreign minister held talks in Pretoria with"
                                  " South Africa's foreign minister about agricultural research.")
    real = run.fuse_document

    def broken(store: Store, extraction: object, records: object = None) -> None:
        raise RuntimeError("fusion failed")

    with Store(tmp_path / "s.db") as store:
        ingest([str(a)], store, pipeline=pipeline)
        monkeypatch.setattr(run, "fuse_document", broken)
        with pytest.raises(RuntimeError):
            ingest([str(b)], store, pipeline=pipeline)
        # the document whose fusion failed is not stored unfused: it is not stored at all
        assert store.stats()["documents"] == 1
        monkeypatch.setattr(run, "fuse_document", real)
        report = ingest([str(a), str(b)], store, pipeline=pipeline)
        assert len(report.added) == 1 and len(report.skipped) == 1
        clusters, mentions = store.db.execute("SELECT COUNT(DISTINCT cluster_id), COUNT(*) FROM events").fetchone()
        assert clusters < mentions  # the rerun fused the second report with the first


KILL_SCRIPT = r"""
import sys, time
from detente import orchestrate as run
from detente.store import Store
def committed(doc_id, words):
    print("committed", flush=True)
    time.sleep(0.5)
with Store(sys.argv[1]) as store:
    run.ingest([sys.argv[2]], store, settings=run.Settings(batch_size=1), on_document=committed)
"""


def test_kill_9_mid_ingest_leaves_whole_documents(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(8):
        write(folder / f"{i}.txt", f"{ARTICLE}\n\nUpdate number {i}: {OTHER}")
    db = tmp_path / "s.db"
    proc = subprocess.Popen([sys.executable, "-c", KILL_SCRIPT, str(db), str(folder)],
                            stdout=subprocess.PIPE, text=True, env={**os.environ, "PYTHONUNBUFFERED": "1"})
    assert proc.stdout is not None
    seen = 0
    deadline = time.time() + 240
    while seen < 3 and time.time() < deadline:
        if proc.stdout.readline().startswith("committed"):
            seen += 1
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert seen == 3
    with Store(db) as store:
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        docs = store.documents()
        assert 3 <= len(docs) < 8
        for d in docs:  # every stored document is whole: its text and its extraction
            ex = store.extraction(d.id)
            assert ex is not None and ex.document.text.startswith(ARTICLE[:40])
        # the rerun completes the corpus without duplicates
        report = ingest([str(folder)], store)
        assert len(report.skipped) == len(docs)
        assert store.stats()["documents"] == 8
