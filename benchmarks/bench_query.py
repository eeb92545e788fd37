"""Query latency on a store of synthetic events (default 1,000,000; target < 50 ms).

Usage: python benchmarks/bench_query.py [--events N] [--db FILE|URL] [--pairs A-B,...] [--repeat R] [--json FILE]

The store is made by ``scripts/gen_events.py`` and kept in
``benchmarks/.cache/events-N-vG.db`` (G: the generator's version; the first run takes several minutes for 1M);
``--db postgresql://…`` times a PostgreSQL copy of it (``gen_events.py OUT.db
--postgres URL``).  Opening a store made before migration 3 runs the migration
(its backfill is timed and printed).  For three pairs of states (by default the
busiest, a middling and a small one) it times, through the library functions the
API and UI call:

* ``analysis.timeline(pair=..., since/until one year)`` and the index query behind
  it alone (``Store.dyad_cluster_ids``);
* ``analysis.relations(by="month")`` over all time (the roll-up) and over one year;
* a state's timeline for one month, and fusion's candidate query for a busy state;
* every read endpoint of the HTTP API (``src/detente/api/routes``) that the web UI's
  pages (``src/detente/web/js/pages``) call, through the route function itself and
  the writing of its answer's bytes (:func:`detente.api.render.json_bytes`: the same
  queries, JSON building and writing, without HTTP and without the API's read cache,
  so a first request's cost): ``--no-endpoints`` leaves them out.

Each figure is the median of ``--repeat`` runs after one warm-up, in ms; a query
whose warm-up takes more than ``--slow`` seconds is reported from that one run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import re
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
ONLY: re.Pattern[str] | None = None
SKIP: re.Pattern[str] | None = None
PAIRS = "CHN-USA,FRA-SAU,BOL-GBR"  # ranks 1, ~40 and ~1,500 by events in the default synthetic store
# what scripts/gen_events.py writes, in the cached store's name: a store an older generator wrote is not
# reused (2: two actor mentions per event); bump it with the generator's rows
GENERATED = 2


def store_target(events: int, db: str | None) -> str:
    """The synthetic store, generated on first use."""
    if db and is_url(db):
        return db
    path = Path(db) if db else CACHE / f"events-{events}-v{GENERATED}.db"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        print(f"generating {events:,} synthetic events into {path} (once; minutes for 1M)...", flush=True)
        subprocess.run([sys.executable, str(ROOT / "scripts" / "gen_events.py"), str(path), "--events", str(events)],
                       check=True)
    return str(path)


def timed(fn: Callable[[], Any], repeat: int, slow_s: float = 5.0) -> tuple[float, Any]:
    """Median milliseconds over ``repeat`` runs after one warm-up, and the last result.

    A query slower than ``slow_s`` seconds is not repeated: its one run is the figure.
    """
    t0 = time.perf_counter()
    result = fn()
    first = time.perf_counter() - t0
    if first > slow_s:
        return first * 1000, result
    runs = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        result = fn()
        runs.append((time.perf_counter() - t0) * 1000)
    return statistics.median(runs), result


def size(result: Any) -> int:
    if isinstance(result, dict):  # an endpoint's JSON: its list of items, or its keys
        for key in ("items", "lines", "hits", "nodes", "periods", "new_events", "sections"):
            if isinstance(result.get(key), list):
                return len(result[key])
        return len(result)
    if hasattr(result, "total"):  # a timeline page: its entries
        return len(result.entries)
    if hasattr(result, "key_events"):
        return int(result.events)
    return len(getattr(result, "periods", result))


def endpoint_cases(store: Store, a: str, b: str, state: str) -> list[tuple[str, Callable[[], Any]]]:
    """(name, call) of each read endpoint the web UI's pages call, through its route function.

    Pages: overview (``/api/overview``), relations (``/api/overview``, ``/api/relations``),
    timeline (``/api/actors``, ``/api/events``, 100 at a time), event, actor, documents,
    document, network, briefing, positions, search; ``/api/timeline`` and
    ``/api/stats`` are the API's own.  ``/api/export`` is the whole store, not a query.
    """
    from detente.api.routes import actors, analysis, documents, events, positions, system

    first = str(store.stats()["published_from"] or f"{YEAR}-01")[:7]  # the store's first month

    def query(**kw: Any) -> Any:
        args: dict[str, Any] = {"actor": [], "pair": None, "type": [], "quad_class": [], "modality": [],
                                "date_from": None, "date_to": None, "publisher": [], "document": [], "q": None}
        return events.event_query(**{**args, **kw})

    busy_event = store.db.execute(
        "SELECT cluster_id FROM event_dyads WHERE a = ? AND b = ? AND span = 0 AND day >= ? ORDER BY day LIMIT 1",
        (a, b, f"{YEAR}-03-01")).fetchone()[0]
    doc = store.db.execute("SELECT document_id FROM events WHERE id = ?", (busy_event,)).fetchone()[0]
    pair = f"{a},{b}"
    cases: list[tuple[str, Callable[[], Any]]] = [
        ("GET /api/stats", partial(system.stats, store)),
        ("GET /api/overview?top=8", partial(system.overview, store, top=8)),
        ("GET /api/relations?a&b&by=month", partial(analysis.get_relations, store, a, b, "month", None, None)),
        (f"GET /api/relations?a&b&from={YEAR}&to={YEAR}",
         partial(analysis.get_relations, store, a, b, "month", YEAR, YEAR)),
        ("GET /api/timeline?pair (100, asc)",
         partial(events.get_timeline, store, query(pair=pair), "asc", 100, 0)),
        # the timeline page: 100 events at a time, unfiltered, one state, a window; "Show more" the next 100
        ("GET /api/events?limit=100 (timeline page)", partial(events.list_events, store, query(), "asc", 100, 0)),
        ("GET /api/events?limit=100&offset=100", partial(events.list_events, store, query(), "asc", 100, 100)),
        (f"GET /api/events?actor={state}&limit=100",
         partial(events.list_events, store, query(actor=[state]), "asc", 100, 0)),
        (f"GET /api/events?actor={state}&limit=100&order=desc",
         partial(events.list_events, store, query(actor=[state]), "desc", 100, 0)),
        (f"GET /api/events?from/to={YEAR}-03&limit=100",
         partial(events.list_events, store, query(date_from=f"{YEAR}-03", date_to=f"{YEAR}-03"), "asc", 100, 0)),
        (f"GET /api/events?actor={state}&from/to={YEAR}-03, 100",
         partial(events.list_events, store, query(actor=[state], date_from=f"{YEAR}-03", date_to=f"{YEAR}-03"),
                 "asc", 100, 0)),
        # the API's largest page (no UI page asks for it)
        ("GET /api/events?pair&limit=1000", partial(events.list_events, store, query(pair=pair), "asc", 1000, 0)),
        (f"GET /api/events?pair&quad_class=4&from/to={YEAR}",
         partial(events.list_events, store, query(pair=pair, quad_class=[4], date_from=YEAR, date_to=YEAR),
                 "asc", 100, 0)),
        ("GET /api/events/{id}", partial(events.get_event, busy_event, store)),
        ("GET /api/actors?limit=1000&sort=mentions",
         partial(actors.list_actors, store, None, None, None, "mentions", 1000, 0)),
        (f"GET /api/actors/{state} (its first page: 100 documents)", partial(actors.get_actor, state, store, 100, 0)),
        (f"GET /api/actors/{state}?documents_offset= (its last page)",
         partial(actors.get_actor, state, store, 100, max(0, store.actor_counts(state)[1] - 100))),
        ("GET /api/documents?limit=50", partial(documents.list_documents, store, 50, 0)),
        ("GET /api/documents/{id}", partial(documents.get_document, doc, store)),
        ("GET /api/network (states, all time)", partial(analysis.get_network, store, None, None, "state")),
        (f"GET /api/network?from/to={YEAR}-03", partial(analysis.get_network, store, f"{YEAR}-03", f"{YEAR}-03",
                                                        "state")),
        (f"GET /api/changes?since={YEAR}-03&until={YEAR}-03",
         partial(analysis.get_changes, store, f"{YEAR}-03", f"{YEAR}-03", [])),
        (f"GET /api/changes?since={first}&until={first} (the first month: every actor new)",
         partial(analysis.get_changes, store, first, first, [])),
        (f"GET /api/brief?about={state}&from/to={YEAR}-03",
         partial(analysis.get_brief, store, [state], f"{YEAR}-03", f"{YEAR}-03", "json")),
        # the pages' defaults: the briefing form left without dates (all time, "What changed" in the latest
        # period), and what changed without a window (the store's latest period: up to a year)
        (f"GET /api/brief?about={state} (all time)", partial(analysis.get_brief, store, [state], None, None, "json")),
        ("GET /api/changes (the store's latest period)", partial(analysis.get_changes, store, None, None, [])),
        (f"GET /api/positions?actor={state}", partial(positions.get_positions, store, state, None)),
        ("GET /api/search?q=consult&limit=50", partial(system.search, store, "consult", 50)),
        (f"GET /api/search?q={state} (a state's name)", partial(system.search, store, state, 20)),
    ]
    from detente.api.render import json_bytes  # (the server extra, as the routes above)

    return [(name, partial(_written, call, json_bytes)) for name, call in cases]


def _written(call: Callable[[], Any], write: Callable[[Any], bytes]) -> Any:
    """The route's answer, once written as the API writes it (the bytes are the cost, the answer the size);
    a briefing in Markdown or HTML is a ``Response`` its route wrote."""
    answer = call()
    if isinstance(answer, (dict, list)):
        write(answer)
    return answer


def run(events: int, db: str | None, pairs: str, repeat: int, endpoints: bool = True,
        slow_s: float = 5.0) -> dict[str, Any]:
    """Time every query; returns the figures (also printed)."""
    target = store_target(events, db)
    t0 = time.perf_counter()
    store = Store(target)
    opened = time.perf_counter() - t0
    # as `detente serve` does before serving, once the app and its routes are imported: what lives as long
    # as the process is not walked again by the collector
    from detente.api import create_app  # its routes are the endpoints timed below
    from detente.settings import Settings

    create_app(Settings(db=target))
    gc.freeze()
    figures: dict[str, Any] = {"store": mask_url(target), "backend": store.backend, "target_ms": TARGET_MS,
                               "open_s": round(opened, 1), "load": os.getloadavg(), "rows": []}
    with store:
        n = store.db.execute("SELECT COUNT(*) FROM events").fetchone()[0]
        figures["events"] = n
        print(f"query latency on {n:,} synthetic events ({store.backend}, {mask_url(target)}); opened in "
              f"{opened:.1f}s; median of {repeat} runs, ms; target < {TARGET_MS:.0f} ms; "
              f"load average {os.getloadavg()[0]:.1f}")
        print(f"{'query':52} {'pair':9} {'rows':>6} {'ms':>9}")
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
                if not _wanted(name):
                    continue
                ms, result = timed(fn, repeat, slow_s)
                _row(figures, name, f"{a}-{b}", size(result), ms)
        busy = chosen[0][1]
        for name, fn in (
                (f"analysis.pair_summary({YEAR})", partial(analysis.pair_summary, store, *chosen[0], since=YEAR,
                                                           until=YEAR)),
                (f"analysis.timeline(actor={busy}, {YEAR}-03)",
                 partial(analysis.timeline, store, actors=[busy], since=f"{YEAR}-03", until=f"{YEAR}-03")),
                (f"analysis.timeline_page(actor={busy}, {YEAR}-03), 100",
                 partial(analysis.timeline_page, store, actors=[busy], since=f"{YEAR}-03", until=f"{YEAR}-03",
                         limit=100)),
                (f"Store.fusion_candidates({busy}, CONSULT, 62 d)",
                 partial(store.fusion_candidates, [busy], ["CONSULT"], "asserted", f"{YEAR}-02-15",
                         f"{YEAR}-04-16")),
                # as fusion calls it during an ingest: records parsed before (fusion.Records) are reused
                ("  the same, records parsed before (as fusion runs it)",
                 partial(store.fusion_candidates, [busy], ["CONSULT"], "asserted", f"{YEAR}-02-15",
                         f"{YEAR}-04-16", parsed={}))):
            if not _wanted(name):
                continue
            ms, result = timed(fn, repeat, slow_s)
            _row(figures, name, busy, size(result), ms)
        if endpoints:
            a, b = chosen[0]
            for name, fn in endpoint_cases(store, a, b, busy):
                if not _wanted(name):
                    continue
                ms, result = timed(fn, repeat, slow_s)
                _row(figures, name, f"{a}-{b}", size(result), ms)
    return figures


def _wanted(name: str) -> bool:
    """Whether ``--only``/``--skip`` (regular expressions over the query names) keep this row."""
    return bool((ONLY is None or ONLY.search(name)) and (SKIP is None or not SKIP.search(name)))


def _row(figures: dict[str, Any], name: str, pair: str, n: int, ms: float) -> None:
    figures["rows"].append({"query": name, "pair": pair, "rows": n, "ms": round(ms, 1)})
    flag = "ok" if ms < TARGET_MS else "SLOW"
    print(f"{name:52} {pair:9} {n:6d} {ms:9.1f}  {flag}", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=int, default=1_000_000, help="synthetic events (default 1,000,000)")
    ap.add_argument("--db", help="use this synthetic store (a file, or a PostgreSQL URL) instead of the cached one")
    ap.add_argument("--pairs", default=PAIRS, help=f"pairs of states, A-B comma-separated (default {PAIRS})")
    ap.add_argument("--repeat", type=int, default=10, help="timed runs per query (default 10)")
    ap.add_argument("--json", help="also write the figures here")
    ap.add_argument("--no-endpoints", action="store_true", help="leave out the API endpoints' rows")
    ap.add_argument("--slow", type=float, default=5.0, help="seconds after which a query is timed once (default 5)")
    ap.add_argument("--only", help="time only the queries whose name matches this regular expression")
    ap.add_argument("--skip", help="leave out the queries whose name matches this regular expression")
    args = ap.parse_args()
    global ONLY, SKIP
    ONLY = re.compile(args.only) if args.only else None
    SKIP = re.compile(args.skip) if args.skip else None
    figures = run(args.events, args.db, args.pairs, args.repeat, not args.no_endpoints, args.slow)
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
