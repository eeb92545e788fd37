"""How a worker pool starts: forked from this process's loaded pipeline when no other thread
runs (no model load per worker), spawned otherwise; both give the single-process store."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from detente.errors import InputError
from detente.orchestrate import IngestReport, ingest
from detente.parallel import ProcessEngine
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


_ALONE = """
import threading
from detente.parallel import ProcessEngine, fork_is_safe
from detente.settings import Settings

assert fork_is_safe(), "this thread runs alone"
release = threading.Event()
other = threading.Thread(target=release.wait)  # a progress bar's refresh thread, a server's
other.start()
try:
    assert not fork_is_safe()
    engine = ProcessEngine(Settings(), 2)
    engine._executor()  # the pool is made, its workers start at the first task
    assert engine.started_with == "spawn", engine.started_with
    engine.close()
finally:
    release.set()
    other.join()
assert fork_is_safe()
print("ok")
"""


@LINUX
def test_a_pool_is_forked_only_while_this_thread_runs_alone() -> None:
    # in a fresh interpreter: a test run has threads of its own (the live test server's), so this one
    # would never start alone
    done = subprocess.run([sys.executable, "-c", _ALONE], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0 and done.stdout.strip() == "ok", done.stderr[-2000:]


def test_an_unknown_start_method_is_refused() -> None:
    with pytest.raises(InputError, match="start method"):
        ProcessEngine(UNCHUNKED, 2, start_method="forkserver")
