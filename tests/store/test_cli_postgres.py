"""`detente --db postgresql://...` end to end, as separate processes, against the SQLite result."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from .pgserver import Server

CORPUS = Path(__file__).resolve().parents[2] / "src" / "detente" / "data" / "corpus"
# a wire story and its reprint (near-duplicates whose events fuse), and a third report of the summit
FILES = [CORPUS / "01-xi-kim-summit-wire.txt", CORPUS / "02-xi-kim-summit-reprint.txt",
         CORPUS / "04-beijing-summit-analysis.txt"]


def detente(db: str, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    cmd = [sys.executable, "-c", "from detente.cli import main; main()", "--db", db, "-q", *args]
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    if check:
        assert r.returncode == 0, r.stderr
    return r


def comparable(export: dict[str, Any]) -> dict[str, Any]:
    """The detente/1 export without timestamps, every list in a fixed order."""

    def norm(x: Any) -> Any:
        if isinstance(x, dict):
            return {k: norm(v) for k, v in x.items() if k not in ("ingested_at", "seen_at", "exported_at")}
        if isinstance(x, list):
            items = [norm(v) for v in x]
            return sorted(items, key=lambda v: json.dumps(v, sort_keys=True))
        return x

    return norm(export)


def exported(db: str, out: Path) -> dict[str, Any]:
    detente(db, "export", "-o", str(out))
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def sqlite_export(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    folder = tmp_path_factory.mktemp("lite")
    db = str(folder / "s.db")
    detente(db, "ingest", *map(str, FILES[:2]))
    return exported(db, folder / "out.json")


def test_ingest_and_export_match_sqlite(pg_server: Server, sqlite_export: dict[str, Any], tmp_path: Path) -> None:
    url = pg_server.create_database("cli")
    r = detente(url, "ingest", *map(str, FILES[:2]))
    assert "2 added" in r.stdout + r.stderr
    data = exported(url, tmp_path / "pg.json")
    assert len(data["documents"]) == 2 and data["events"] and data["actors"]
    assert comparable(data) == comparable(sqlite_export)

    again = detente(url, "ingest", *map(str, FILES[:2]))  # a rerun stores nothing twice
    assert "0 added, 2 already stored" in again.stdout + again.stderr
    stats = json.loads(detente(url, "stats", "--json").stdout)
    assert stats["documents"] == 2 and stats["path"] == url and stats["near_duplicate_pairs"] == 1
    found = detente(url, "search", "summit").stdout
    assert all(d["id"] in found for d in data["documents"])


def test_two_processes_ingest_overlapping_inputs(pg_server: Server, tmp_path: Path) -> None:
    url = pg_server.create_database("race")
    detente(url, "stats")  # creates the schema
    cmd = [sys.executable, "-c", "from detente.cli import main; main()", "--db", url, "-q", "ingest"]
    first = subprocess.Popen([*cmd, *map(str, FILES[:2])], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen([*cmd, *map(str, FILES[1:])], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True)
    outs = [p.communicate(timeout=300) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], outs

    data = exported(url, tmp_path / "race.json")
    ids = [d["id"] for d in data["documents"]]
    assert len(ids) == len(set(ids)) == 3
    actor_ids = [a["id"] for a in data["actors"]]
    assert len(actor_ids) == len(set(actor_ids))
    # every row as many times as one process ingesting the three files in turn stores it.
    # Not compared: which events fuse (each process fuses against what was committed when it
    # wrote) and near-duplicate pairs (each ingest reads stored signatures once, at its start)
    counted = ("documents", "exact_duplicates", "actors", "actor_mentions", "event_mentions", "quantities",
               "claims", "times")
    got = json.loads(detente(url, "stats", "--json").stdout)
    lite = str(tmp_path / "one.db")
    detente(lite, "ingest", *map(str, FILES))
    want = json.loads(detente(lite, "stats", "--json").stdout)
    assert {k: got[k] for k in counted} == {k: want[k] for k in counted}
