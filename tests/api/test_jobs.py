"""The server's ingest jobs run in a kept worker process (detente.api.jobs), which writes the store itself."""

from __future__ import annotations

import os
import signal
import threading
import time
from pathlib import Path

import pytest

from detente.api.jobs import JobProcess, JobResult
from detente.api.state import AppState
from detente.settings import Settings
from detente.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "src" / "detente" / "data" / "corpus"


def test_the_worker_writes_reports_progress_and_is_replaced_when_it_dies(tmp_path: Path) -> None:
    db = tmp_path / "s.db"
    Store(str(db)).close()
    story = tmp_path / "story.txt"
    story.write_text("Japan and South Korea signed a fisheries agreement in Seoul on 4 March 2025.", encoding="utf-8")
    process = JobProcess(Settings(db=str(db)))
    stored: list[str] = []
    try:
        first = process.run([str(story)], {}, "story", on_document=stored.append)
        assert first.added and stored == first.added and not first.errors
        worker = process.worker_pid()
        assert worker is not None and worker != os.getpid()  # written by the worker, not here
        with Store(str(db)) as store:
            assert store.has_document(first.added[0])

        # a long job, and its worker killed under it: the job fails and says so; the next job gets a new worker
        long = tmp_path / "long.txt"
        long.write_text("\n\n".join(p.read_text(encoding="utf-8") for p in sorted(CORPUS.glob("*.txt"))) * 3,
                        encoding="utf-8")
        outcome: list[JobResult] = []
        runner = threading.Thread(target=lambda: outcome.append(process.run([str(long)], {}, "long", stored.append)))
        runner.start()
        time.sleep(1.0)
        os.kill(worker, signal.SIGKILL)
        runner.join(timeout=120)
        assert outcome and not outcome[0].added
        assert "worker process died" in str(outcome[0].errors[0]["message"])
        again = tmp_path / "again.txt"
        again.write_text("France and Spain held talks in Madrid on 3 May 2025.", encoding="utf-8")
        assert process.run([str(again)], {}, "again", on_document=stored.append).added
        assert process.worker_pid() not in (None, worker)
    finally:
        process.close()


def test_the_read_cache_hears_of_a_finished_job_before_anyone_can_see_it_finished(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    state = AppState(Settings(db=str(tmp_path / "s.db")))
    monkeypatch.setattr(AppState, "_ingest", lambda self, job, inputs, overrides: JobResult(added=["doc-1"]))
    seen: list[tuple[str, bool]] = []
    state.on_write.append(lambda: seen.extend((j.status, j.done_event.is_set()) for j in state.jobs()))
    try:
        job = state.submit("text", "a story", ["unused.txt"], {})
        assert job.done_event.wait(30)
        assert seen == [("running", False)] and job.status == "done" and job.added == ["doc-1"]
    finally:
        state.close()
