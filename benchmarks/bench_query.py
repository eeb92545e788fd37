"""Query latency on a store of synthetic events (default 1,000,000; target < 50 ms).

Usage: python benchmarks/bench_query.py [--events N] [--db FILE|URL] [--pairs A-B,...] [--repeat R] [--json FILE]

The store is made by ``scripts/gen_events.py`` and kept in
``benchmarks/.cache/events-N.db`` (the first run takes several minutes for 1M);
``--db postgresql://…`` times a PostgreSQL copy of it (``gen_events.py OUT.db
--postgres URL``).  Opening a store made before migration 3 runs the migration
(its backfill is timed and printed).  For three pairs of states (by default the
busiest, a middling and a small one) it times, through the library functions the
API and UI call:

* ``analysis.timeline(pair=..., since/until one year)`` and the index query behind
  it alone (``Store.dyad_cluster_ids``);
* ``analysis.relations(by="month")`` over all time (the roll-up) and over one year;
* a state's timeline for one month, and fusion's candidate query for a busy state.

Each figure is the median of ``--repeat`` runs after one warm-up, in ms.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from detente import analysis
from detente.store import Store, is_url, mask_url

ROOT = Path(__file__).resolve().parents[1]
CACHE = ROOT / "benchmarks" / ".cache"
TARGET_MS = 50.0
YEAR = "2024"
PAIRS = "CHN-USA,FRA-SAU,BOL-GBR"  # ranks 1, ~40 and ~1,500 by events in the default synthetic store


def store_target(events: int, db: str | None) -> str:
    """The synthetic store, generated on first use."""
    if db and is_url(db):
        return db
    path = Path(db) if db else CACHE / f"events-{events}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {events:,} synthetic events into {path} (once; minutes for 1M)...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_events.py"), str(path), "--events", str(events)],
                       check=True)
    return str(path)


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median milliseconds over ``repeat`` runs after one warm-up, and the last result."""
    result = fn()
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs), result


def size(result: Any) -> int:
    if hasattr(result, "total"):  # a timeline page: its entries
        return len(result.entries)
    if hasattr(result, "key_events"):
        return int(result.events)
    return len(getattr(result, "periods", result))


def run(events: int, db: str | None, pairs: str, repeat: int) -> dict[str, Any]:
    """Time every query; returns the figures (also printed)."""
    target = store_target(events, db)
    t0 = time.perf_counter()
    store = Store(target)
    opened = time.perf_counter() - t0
    figures: dict[str, Any] = {"store": mask_url(target), "backend": store.backend, "target_ms": TARGET_MS,
                               "open_s": round(opened, 1), "load": os.getloadavg(), "rows": []}
    with store:
        n = store.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        figures["events"] = n
        print(f"query latency on {n:,} synthetic events ({store.backend}, {mask_url(target)}); opened in "
              f"{opened:.1f}s; median of {repeat} runs, ms; target < {TARGET_MS:.0f} ms; "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'query':44} {'pair':9} {'rows':>6} {'ms':>9}")
        chosen = [tuple(p.split("-")) for p in pairs.split(",")]
        for a, b in chosen:
            cases: list[tuple[str, Callable[[], Any]]] = [
                (f"analysis.timeline(pair, {YEAR})",
                 partial(analysis.timeline, store, pair=(a, b), since=YEAR, until=YEAR)),
                (f"analysis.timeline_page(pair, {YEAR}), 100",
                 partial(analysis.timeline_page, store, pair=(a, b), since=YEAR, until=YEAR, limit=100)),
                (f"  its index query (dyad_cluster_ids, {YEAR})",
                 partial(store.dyad_cluster_ids, [(a, b)], modalities=["asserted"], since=f"{YEAR}-01-01",
                         until=f"{YEAR}-12-31")),
                ("analysis.relations(by=month)", partial(analysis.relations, store, a, b, by="month")),
                (f"analysis.relations(by=month, {YEAR})",
                 partial(analysis.relations, store, a, b, by="month", since=YEAR, until=YEAR)),
                ("analysis.pair_summary (counts, key events)", partial(analysis.pair_summary, store, a, b)),
            ]
            for name, fn in cases:
                ms, result = timed(fn, repeat)
                _row(figures, name, f"{a}-{b}", size(result), ms)
        busy = chosen[0][1]
        for name, fn in (
                (f"analysis.timeline(actor={busy}, {YEAR}-03)",
                 partial(analysis.timeline, store, actors=[busy], since=f"{YEAR}-03", until=f"{YEAR}-03")),
                (f"analysis.timeline_page(actor={busy}, {YEAR}-03), 100",
                 partial(analysis.timeline_page, store, actors=[busy], since=f"{YEAR}-03", until=f"{YEAR}-03",
                         limit=100)),
                (f"Store.fusion_candidates({busy}, CONSULT, 62 d)",
                 partial(store.fusion_candidates, [busy], ["CONSULT"], "asserted", f"{YEAR}-02-15",
                         f"{YEAR}-04-16"))):
            ms, result = timed(fn, repeat)
            _row(figures, name, busy, size(result), ms)
    return figures


def _row(figures: dict[str, Any], name: str, pair: str, n: int, ms: float) -> None:
    figures["rows"].append({"query": name, "pair": pair, "rows": n, "ms": round(ms, 1)})
    flag = "ok" if ms < TARGET_MS else "SLOW"
    print(f"{name:44} {pair:9} {n:6d} {ms:9.1f}  {flag}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events (default 1,000,000)")
    ap.add_argument("--db", help="use this synthetic store (a file, or a PostgreSQL URL) instead of the cached one")
    ap.add_argument("--pairs", default=PAIRS, help=f"pairs of states, A-B comma-separated (default {PAIRS})")
    ap.add_argument("--repeat", type=int, default=10, help="timed runs per query (default 10)")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    figures = run(args.events, args.db, args.pairs, args.repeat)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
