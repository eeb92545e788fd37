"""scripts/gen_events.py: the synthetic store the query benchmark reads has every derived table filled."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from detente import analysis
from detente.store import Store
from tests.helpers import load_script

# tables gen_events has no rows for: what ingest extracts besides events (claims, quantities,
# times, positions) and the dedup indexes
NOT_GENERATED = {"claims", "duplicates", "near_duplicates", "positions", "quantities",
                 "quantity_subjects", "signatures", "times"}


def _script() -> Any:
    return load_script("gen_events")


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("gen") / "events.db"
    _script().generate(path, 3_000)
    return path


def _empty_tables(store: Store) -> list[str]:
    """The schema's tables (full-text index tables aside) without a row, but those gen_events has none for."""
    q = store._q
    if store.dialect.name == "sqlite":
        names = [r[0] for r in q("SELECT name FROM sqlite_master WHERE type = 'table'")]
    else:
        names = [r[0] for r in q("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()")]
    tables = [t for t in names if "fts" not in t and not t.startswith("sqlite_") and t != "schema_migrations"]
    return sorted(t for t in tables if t not in NOT_GENERATED and not q(f"SELECT 1 FROM {t} LIMIT 1").fetchone())


def test_every_derived_table_is_filled(generated: Path) -> None:
    with Store(str(generated)) as store:
        assert _empty_tables(store) == []


def test_a_postgresql_copy_has_every_derived_table_and_the_same_counts(generated: Path, pg_url: str) -> None:
    _script().copy_to_postgres(generated, pg_url)
    with Store(pg_url) as pg, Store(str(generated)) as lite:
        assert _empty_tables(pg) == []
        for table in ("network_links", "network_months", "timeline_leads", "pair_periods", "event_totals",
                      "actor_counts", "state_ranks"):
            assert pg._q(f"SELECT COUNT(*) FROM {table}").fetchone()[0] == \
                lite._q(f"SELECT COUNT(*) FROM {table}").fetchone()[0], table
        assert pg.stats() | {"path": ""} == lite.stats() | {"path": ""}


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
