"""Shared corpus and helpers for the parallel-ingest tests (kept small: spaCy on 2 shared cores is slow)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from detente.export import export_data
from detente.orchestrate import IngestReport, ingest
from detente.pipeline import Pipeline
from detente.settings import Settings
from detente.store import Store

CORPUS = Path(__file__).resolve().parents[2] / "src" / "detente" / "data" / "corpus"
# Related articles (one summit reported by several outlets, and an announcement of
# a visit), so fusion joins events across documents and commit order matters.
PICK = ("sample-01-xi-kim-summit-wire", "sample-02-xi-kim-summit-reprint",
        "sample-05-xi-pyongyang-visit-wire", "sample-17-xi-visit-announced", "sample-10-busan-trade-truce")
# spaCy refuses texts longer than nlp.max_length (1,000,000 characters): a real
# per-document failure that no reader catches.  detente parses a long text in
# chunks (Settings.chunk_chars), so the engines here are set never to chunk, and
# TOO_LONG reaches spaCy whole.
TOO_LONG = "Delegates met again. " * 50_000
UNCHUNKED = Settings(chunk_chars=10 * len(TOO_LONG))


def corpus_lines() -> list[dict[str, Any]]:
    """Manifest lines (inline text) for the picked sample articles."""
    out = []
    for line in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        if meta["id"] in PICK:
            meta["text"] = (CORPUS / meta.pop("path")).read_text(encoding="utf-8")
            out.append(meta)
    assert len(out) == len(PICK)
    return out


def write_manifest(path: Path, lines: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(x) + "\n" for x in lines), encoding="utf-8")
    return path


def comparable(store: Store) -> dict[str, Any]:
    """The detente/1 export without timestamps (which differ between any two runs)."""

    def strip(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: strip(v) for k, v in x.items() if k not in ("ingested_at", "seen_at", "exported_at")}
        if isinstance(x, list):
            return [strip(v) for v in x]
        return x

    return strip(export_data(store))


@pytest.fixture(scope="session")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_manifest(tmp_path_factory.mktemp("corpus") / "m.jsonl", corpus_lines())


@pytest.fixture(scope="session")
def serial_pipeline() -> Pipeline:
    return Pipeline(UNCHUNKED)


@pytest.fixture(scope="session")
def reference(manifest: Path, serial_pipeline: Pipeline, tmp_path_factory: pytest.TempPathFactory
              ) -> tuple[IngestReport, dict[str, Any]]:
    """The single-process ingest every engine must reproduce."""
    with Store(tmp_path_factory.mktemp("ref") / "ref.db") as store:
        report = ingest([str(manifest)], store, pipeline=serial_pipeline)
        assert report.ok and len(report.added) == len(PICK)
        return report, comparable(store)
