"""--workers N: a process pool extracts, this process writes, and the store is the same as with one worker."""

from __future__ import annotations

import os
import signal
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detente.errors import InputError
from detente.model import Document
from detente.orchestrate import IngestReport, ingest
from detente.parallel import ExtractionError, LocalEngine, ProcessEngine, extract_documents, make_engine
from detente.pipeline import Pipeline
from detente.settings import Settings
from detente.store import Store

from .conftest import TOO_LONG, UNCHUNKED, comparable, corpus_lines, write_manifest


@pytest.fixture(scope="module")
def pool() -> Iterator[ProcessEngine]:
    # one document per task, so a handful of documents spreads over both workers
    engine = ProcessEngine(UNCHUNKED, workers=2, chunk_size=1)
    yield engine
    engine.close()


def test_two_workers_give_the_same_export(manifest: Path, reference: tuple[IngestReport, dict[str, Any]],
                                          tmp_path: Path) -> None:
    ref_report, ref_export = reference
    with Store(tmp_path / "w2.db") as store:
        report = ingest([str(manifest)], store, workers=2)
        assert report.ok, report.errors
        assert report.added == ref_report.added  # committed in input order
        assert comparable(store) == ref_export
    assert ref_export["events"], "the corpus must give events, or the comparison proves little"


def test_engine_instance_is_used_and_left_open(manifest: Path, reference: tuple[IngestReport, dict[str, Any]],
                                               pool: ProcessEngine, tmp_path: Path) -> None:
    with Store(tmp_path / "pool.db") as store:
        report = ingest([str(manifest)], store, engine=pool)
        assert report.ok and comparable(store) == reference[1]
    assert len(pool.worker_pids()) == 2  # both workers started and still there for the next run


@pytest.mark.parametrize("workers", [1, 2])
def test_a_failing_document_is_reported_and_the_rest_lands(workers: int, pool: ProcessEngine,
                                                           serial_pipeline: Pipeline, tmp_path: Path) -> None:
    lines = corpus_lines()[:3]
    lines.insert(1, {"id": "too-long", "text": TOO_LONG, "published": "2025-09-05"})
    manifest = write_manifest(tmp_path / "m.jsonl", lines)
    engine = pool if workers == 2 else LocalEngine(UNCHUNKED, serial_pipeline)
    with Store(tmp_path / "f.db") as store:
        report = ingest([str(manifest)], store, engine=engine)
        assert report.added == [x["id"] for x in lines if x["id"] != "too-long"]
        assert len(report.errors) == 1
        err = report.errors[0]
        assert isinstance(err, ExtractionError) and "too-long" in str(err) and err.input == f"{manifest}:2"
        assert not store.has_document("too-long")
        # a rerun retries only what is missing
        again = ingest([str(manifest)], store, engine=engine)
        assert again.added == [] and len(again.skipped) == 3 and len(again.errors) == 1


def test_extract_documents_isolates_a_bad_text(serial_pipeline: Pipeline) -> None:
    docs = [Document(id="a", text="France and Germany signed a treaty on Monday.", published="2025-01-08"),
            Document(id="b", text=TOO_LONG), Document(id="c", text="Japan protested to China.")]
    out = extract_documents(serial_pipeline, docs)
    assert [type(o).__name__ for o in out] == ["Extraction", "Failure", "Extraction"]
    assert out[1].document == "b" and "E088" in out[1].message  # type: ignore[union-attr]
    assert out[0] == next(serial_pipeline.process([docs[0]]))


def test_killed_pool_worker_is_survived_and_a_rerun_completes(pool: ProcessEngine, tmp_path: Path) -> None:
    # copies make the job long enough that work is in flight when the worker dies
    lines = [dict(x, id=f"{x['id']}-{i}", text=f"{x['text']}\n\n(Copy {i}.)") for i in range(3) for x in corpus_lines()]
    manifest = write_manifest(tmp_path / "m.jsonl", lines)
    restarts = pool.restarts
    killed: list[int] = []

    def kill_one(doc_id: str, words: int) -> None:
        if not killed:
            killed.append(pool.worker_pids()[0])
            os.kill(killed[0], signal.SIGKILL)

    with Store(tmp_path / "k.db") as store:
        report = ingest([str(manifest)], store, engine=pool, on_document=kill_one)
        assert killed and pool.restarts > restarts  # the pool noticed and was rebuilt
        failed = {e.message.split(":")[0].removeprefix("document ") for e in report.errors}
        assert set(report.added) | failed == {x["id"] for x in lines}
        assert all(isinstance(e, ExtractionError) for e in report.errors)
        again = ingest([str(manifest)], store, engine=pool)
        assert again.ok and set(again.added) == failed
        assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(lines)


def test_engine_options_are_checked() -> None:
    with pytest.raises(InputError, match="--engine dask"):
        make_engine(Settings(), scheduler="tcp://127.0.0.1:8786")
    with pytest.raises(InputError, match="unknown engine"):
        make_engine(Settings(), engine="ray")
    with pytest.raises(InputError, match="at least 1"):
        make_engine(Settings(), workers=0)
    assert isinstance(make_engine(Settings()), LocalEngine)
