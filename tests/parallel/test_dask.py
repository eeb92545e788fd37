"""--engine dask: a real local Dask cluster extracts, this process writes the same store."""

from __future__ import annotations

import importlib.util
import os
import signal
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from detente.errors import DetenteError
from detente.orchestrate import IngestReport, ingest
from detente.parallel import DaskEngine, ExtractionError, SchedulerError
from detente.store import Store

from .conftest import TOO_LONG, UNCHUNKED, comparable, corpus_lines, write_manifest

pytestmark = pytest.mark.skipif(importlib.util.find_spec("distributed") is None,
                                reason="Dask is not installed (pip install 'detente[scale]')")


@pytest.fixture(scope="module")
def cluster() -> Iterator[DaskEngine]:
    # a LocalCluster of two single-threaded worker processes, one document per task
    engine = DaskEngine(UNCHUNKED, workers=2, chunk_size=1)
    yield engine
    engine.close()


def test_local_cluster_gives_the_same_export(cluster: DaskEngine, manifest: Path,
                                             reference: tuple[IngestReport, dict[str, Any]],
                                             tmp_path: Path) -> None:
    assert len(cluster.worker_pids()) == 2
    with Store(tmp_path / "dask.db") as store:
        report = ingest([str(manifest)], store, engine=cluster)
        assert report.ok, report.errors
        assert report.added == reference[0].added
        assert comparable(store) == reference[1]


def test_a_failing_document_is_reported_and_the_rest_lands(cluster: DaskEngine, tmp_path: Path) -> None:
    lines = corpus_lines()[:2] + [{"id": "too-long", "text": TOO_LONG, "published": "2025-09-05"}]
    manifest = write_manifest(tmp_path / "m.jsonl", lines)
    with Store(tmp_path / "f.db") as store:
        report = ingest([str(manifest)], store, engine=cluster)
        assert report.added == [x["id"] for x in lines[:2]]
        assert len(report.errors) == 1 and isinstance(report.errors[0], ExtractionError)
        assert "too-long" in str(report.errors[0]) and "E088" in str(report.errors[0])


def test_killed_worker_is_retried_or_reported_and_a_rerun_completes(cluster: DaskEngine, tmp_path: Path) -> None:
    lines = [dict(x, id=f"{x['id']}-{i}", text=f"{x['text']}\n\n(Copy {i}.)") for i in range(3) for x in corpus_lines()]
    manifest = write_manifest(tmp_path / "m.jsonl", lines)
    killed: list[int] = []

    def kill_one(doc_id: str, words: int) -> None:
        if not killed:  # after the first commit, while other tasks are running
            killed.append(sorted(cluster.worker_pids().values())[0])
            os.kill(killed[0], signal.SIGKILL)

    with Store(tmp_path / "k.db") as store:
        report = ingest([str(manifest)], store, engine=cluster, on_document=kill_one)
        assert killed
        failed = {e.message.split(":")[0].removeprefix("document ") for e in report.errors}
        assert set(report.added) | failed == {x["id"] for x in lines}
        again = ingest([str(manifest)], store, engine=cluster)
        assert again.ok and set(again.added) == failed
        assert store.conn.execute("SELECT COUNT(*) FROM documents").fetchone()[0] == len(lines)
        assert store.conn.execute("SELECT COUNT(*) FROM documents WHERE id LIKE '%-_'").fetchone()[0] == len(lines)
    # the nanny replaced the killed process
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and (len(cluster.worker_pids()) < 2 or killed[0] in cluster.worker_pids().values()):
        time.sleep(0.5)
    assert killed[0] not in cluster.worker_pids().values()


def test_unreachable_scheduler_is_a_clear_error(manifest: Path, tmp_path: Path) -> None:
    address = "tcp://127.0.0.1:9"  # the discard port: nothing listens there
    t0 = time.monotonic()
    with Store(tmp_path / "u.db") as store, pytest.raises(SchedulerError) as info:
        ingest([str(manifest)], store, engine="dask", scheduler=address)
    assert address in str(info.value) and "cannot reach the Dask scheduler" in str(info.value)
    assert isinstance(info.value, DetenteError)  # the CLI turns it into one line and exit status 1
    assert time.monotonic() - t0 < 60
