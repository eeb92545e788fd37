"""How a worker pool starts: forked from this process's loaded pipeline when no other thread
runs (no model load per worker), spawned otherwise; both give the single-process store."""

from __future__ import annotations

import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from detente.errors import InputError
from detente.orchestrate import IngestReport, ingest
from detente.parallel import ProcessEngine, fork_is_safe
from detente.pipeline import Pipeline
from detente.store import Store

from .conftest import UNCHUNKED, comparable

LINUX = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked only on Linux")


@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_forked_and_spawned_workers_give_the_same_store(method: str, manifest: Path, serial_pipeline: Pipeline,
                                                        reference: tuple[IngestReport, dict[str, Any]],
                                                        tmp_path: Path) -> None:
    if method == "fork" and not sys.platform.startswith("linux"):
        pytest.skip("workers are forked only on Linux")
    engine = ProcessEngine(UNCHUNKED, 2, chunk_size=1, pipeline=serial_pipeline, start_method=method)
    try:
        with Store(tmp_path / f"{method}.db") as store:
            report = ingest([str(manifest)], store, engine=engine)
            assert report.ok, report.errors
            assert report.added == reference[0].added
            assert comparable(store) == reference[1]
        assert engine.started_with == method
        assert len(engine.worker_pids()) == 2
    finally:
        engine.close()


@LINUX
def test_a_pool_is_forked_only_while_this_thread_runs_alone() -> None:
    if threading.active_count() > 1:
        pytest.skip("an earlier test left a thread running")
    assert fork_is_safe()
    release = threading.Event()
    other = threading.Thread(target=release.wait)  # a progress bar's refresh thread, a server's
    other.start()
    try:
        assert not fork_is_safe()
        engine = ProcessEngine(UNCHUNKED, 2)
        engine._executor()  # the pool is made, its workers start at the first task
        assert engine.started_with == "spawn"
        engine.close()
    finally:
        release.set()
        other.join()
    assert fork_is_safe()


def test_an_unknown_start_method_is_refused() -> None:
    with pytest.raises(InputError, match="start method"):
        ProcessEngine(UNCHUNKED, 2, start_method="forkserver")
