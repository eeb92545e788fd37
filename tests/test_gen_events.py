"""scripts/gen_events.py: the synthetic store the query benchmark reads has every derived table filled."""

from __future__ import annotations

import importlib.util
import sqlite3
import sys
from pathlib import Path

import pytest

from detente import analysis
from detente.store import Store

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "gen_events.py"

# tables gen_events has no rows for: what ingest extracts besides events (claims, quantities,
# times, positions, mentions), the dedup indexes, and the tables only some events fill
NOT_GENERATED = {"actor_mentions", "claims", "duplicates", "near_duplicates", "positions", "quantities",
                 "quantity_subjects", "signatures", "times", "store_meta", "pair_marks"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("gen_events", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["gen_events"] = module
    spec.loader.exec_module(module)
    path = tmp_path_factory.mktemp("gen") / "events.db"
    module.generate(path, 3_000)
    return path


def test_every_derived_table_is_filled(generated: Path) -> None:
    conn = sqlite3.connect(generated)
    tables = [r[0] for r in conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%'"
        " AND name NOT LIKE 'sqlite_%' AND name <> 'schema_migrations'")]
    empty = [t for t in tables if t not in NOT_GENERATED and not conn.execute(f"SELECT 1 FROM {t} LIMIT 1").fetchone()]
    assert empty == []


def test_the_roll_ups_agree_with_the_events(generated: Path) -> None:
    store = Store(str(generated))
    try:
        stats = store.stats()
        conn = sqlite3.connect(generated)
        assert stats["event_mentions"] == conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        assert stats["events"] == conn.execute("SELECT COUNT(DISTINCT cluster_id) FROM events").fetchone()[0]
        # the network's all-time answer (migration 7's roll-up) holds every dated event a window over
        # all days counts (migration 12's months and the events around them), and the undated ones too
        rolled = {(e.a, e.b): e.events for e in analysis.network(store, level="state").edges}
        dated = {(e.a, e.b): e.events for e in analysis.network(store, "0001-01-01", "9999-12-31").edges}
        assert dated and all(rolled.get(pair, 0) >= n for pair, n in dated.items())
        assert sum(rolled.values()) > sum(dated.values())
    finally:
        store.close()
