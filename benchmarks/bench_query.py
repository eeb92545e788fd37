"""Query latency on a store of synthetic events (default 1,000,000; target < 50 ms).

Usage: python benchmarks/bench_query.py [--events N] [--db FILE] [--repeat R] [--json FILE]

The store is made by ``scripts/gen_events.py`` and kept in
``benchmarks/.cache/events-N.db`` (the first run takes several minutes for 1M).
For three dyads (the busiest, a middling one and a small one) it times:

* the store path users take today: ``analysis.timeline(pair=..., since/until one
  year)`` and ``analysis.relations(by="month")``, which go through
  ``Store.event_cluster_ids`` and ``Store.events``;
* the same two questions as single SQL queries over the schema's indexes
  (event_actors by country, events by id);
* those queries again with one more index, the one proposed for a migration
  (created on the benchmark store and dropped afterwards).

Each figure is the median of ``--repeat`` runs after one warm-up, in ms.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from detente import analysis
from detente.store import Store

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
TARGET_MS = 50.0
YEAR = "2024"

# The index proposed for the next migration: lets a pair of states be intersected
# inside one index (seek country A, then probe (country B, event_id) per event).
PROPOSED_INDEX = "CREATE INDEX event_actors_country_event ON event_actors(country, event_id, role)"

PAIR_TIMELINE_SQL = """
SELECT e.id, e.cluster_id, e.type, e.quad_class, e.date_start, e.date_end
FROM event_actors a
JOIN event_actors b ON b.event_id = a.event_id AND b.country = :b AND b.role IN ('source', 'target')
JOIN events e ON e.id = a.event_id
WHERE a.country = :a AND a.role IN ('source', 'target') AND e.modality = 'asserted'
  AND e.date_start <= :until AND COALESCE(e.date_end, e.date_start) >= :since
ORDER BY e.date_start, e.id
"""

RELATIONS_PER_MONTH_SQL = """
SELECT substr(e.date_start, 1, 7) AS month, e.quad_class, COUNT(DISTINCT e.cluster_id) AS events
FROM event_actors a
JOIN event_actors b ON b.event_id = a.event_id AND b.country = :b AND b.role IN ('source', 'target')
JOIN events e ON e.id = a.event_id
WHERE a.country = :a AND a.role IN ('source', 'target') AND e.modality = 'asserted'
  AND e.date_start IS NOT NULL AND substr(e.date_start, 1, 7) = substr(COALESCE(e.date_end, e.date_start), 1, 7)
GROUP BY month, e.quad_class ORDER BY month, e.quad_class
"""


def store_path(events: int, db: str | None) -> Path:
    """The synthetic store, generated on first use."""
    path = Path(db) if db else CACHE / f"events-{events}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {events:,} synthetic events into {path} (once; minutes for 1M)...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_events.py"), str(path), "--events", str(events)],
                       check=True)
    return path


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median milliseconds over ``repeat`` runs after one warm-up, and the last result."""
    result = fn()
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs), result


def pairs(store: Store) -> list[tuple[str, str, int]]:
    """The busiest dyad, a middling one and a small one (by asserted events between two states)."""
    rows = store.conn.execute(
        "SELECT s.country, t.country, COUNT(*) FROM event_actors s JOIN event_actors t ON t.event_id = s.event_id"
        " AND t.role = 'target' WHERE s.role = 'source' AND s.country IS NOT NULL AND t.country IS NOT NULL"
        " AND s.country < t.country GROUP BY 1, 2 ORDER BY 3 DESC LIMIT 2000").fetchall()
    picks = [rows[0], rows[min(len(rows) - 1, 40)], rows[min(len(rows) - 1, 1500)]]
    return [(r[0], r[1], r[2]) for r in picks]


def run(events: int, db: str | None, repeat: int) -> dict[str, Any]:
    """Time every query; returns the figures (also printed)."""
    path = store_path(events, db)
    figures: dict[str, Any] = {"store": str(path), "target_ms": TARGET_MS, "rows": []}
    with Store(path) as store:
        n = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        figures["events"] = n
        print(f"query latency on {n:,} synthetic events ({path.name}); median of {repeat} runs, ms; "
              f"target < {TARGET_MS:.0f} ms")
        print(f"{'query':44} {'dyad':9} {'rows':>6} {'ms':>9}  ")
        chosen = pairs(store)
        for a, b, size in chosen:
            args = {"a": a, "b": b, "since": f"{YEAR}-01-01", "until": f"{YEAR}-12-31"}
            cases: list[tuple[str, Callable[[], Any]]] = [
                (f"analysis.timeline(pair, {YEAR})", partial(analysis.timeline, store, pair=(a, b), since=YEAR,
                                                             until=YEAR)),
                ("analysis.relations(by=month)", partial(analysis.relations, store, a, b, by="month")),
                (f"SQL pair timeline {YEAR}", partial(_sql, store, PAIR_TIMELINE_SQL, args)),
                ("SQL relations per month", partial(_sql, store, RELATIONS_PER_MONTH_SQL, args)),
            ]
            for name, fn in cases:
                # the whole-store paths take seconds: fewer repeats keep the benchmark short
                reps = repeat if name.startswith("SQL") else max(1, repeat // 5)
                ms, result = timed(fn, reps)
                _row(figures, name, a, b, size, len(getattr(result, "periods", result)), ms)
        store.conn.execute(PROPOSED_INDEX)
        try:
            for a, b, size in chosen:
                args = {"a": a, "b": b, "since": f"{YEAR}-01-01", "until": f"{YEAR}-12-31"}
                for name, sql in (("SQL pair timeline + proposed index", PAIR_TIMELINE_SQL),
                                  ("SQL relations/month + proposed index", RELATIONS_PER_MONTH_SQL)):
                    ms, result = timed(partial(_sql, store, sql, args), repeat)
                    _row(figures, name, a, b, size, len(result), ms)
        finally:
            store.conn.execute("DROP INDEX event_actors_country_event")
    print(f"proposed migration: {PROPOSED_INDEX};")
    return figures


def _sql(store: Store, sql: str, args: dict[str, str]) -> list[Any]:
    return store.conn.execute(sql, args).fetchall()


def _row(figures: dict[str, Any], name: str, a: str, b: str, size: int, n: int, ms: float) -> None:
    figures["rows"].append({"query": name, "pair": [a, b], "pair_events": size, "rows": n, "ms": ms})
    flag = "ok" if ms < TARGET_MS else "SLOW"
    print(f"{name:44} {a}-{b:5} {n:6d} {ms:9.1f}  {flag}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events (default 1,000,000)")
    ap.add_argument("--db", help="use this synthetic store instead of the cached one")
    ap.add_argument("--repeat", type=int, default=10, help="timed runs per query (default 10)")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    figures = run(args.events, args.db, args.repeat)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
