"""Generate a synthetic detente store with N events (default 1,000,000) for query benchmarks.

Usage: python scripts/gen_events.py OUT.db [--events N] [--seed S]
       python scripts/gen_events.py OUT.db --postgres URL   # copy a generated store into PostgreSQL

The store is a real detente store (``Store(path)`` creates and migrates it, so
every index and trigger of the schema is there); rows are written in bulk with
the schema's own columns and detente/1 JSON, so ``Store`` and ``detente.analysis``
read it like an ingested one.  Distributions imitate event data from news
(GDELT/ICEWS-like), not any real article:

* actors — about 250 states (pycountry) whose share of coverage follows a Zipf
  law (a handful of powers and current conflicts dominate), about 2,000 people
  each belonging to a state, and 40 international organisations;
* dyads — each state has a few habitual partners (neighbours, allies, rivals)
  that take most of its events; the rest go to salience-weighted random states;
* types — consultations and statements dominate, force is rare (shares below);
* dates — 2015 to 2025, volume growing each year, fewer events at weekends,
  short bursts of activity around crises between one dyad; about 5% undated
  and 15% at month or year granularity;
* documents — 1 to 12 events each (5 on average), published a few days after
  their latest event; about a quarter of events repeat a recent event between
  the same dyad (another outlet's report) and share its cluster, as fusion does;
* actor mentions — each event's sentence names its two sides, and both names are
  stored as the document's actor mentions (two per event).

A change to the rows written here bumps ``GENERATED`` in ``benchmarks/bench_query.py``, so that
the benchmark does not reuse a store an older version wrote.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import random
import sys
import time
from bisect import bisect_right
from itertools import accumulate
from pathlib import Path

import pycountry

from detente.fusion import rules
from detente.store import Store

# Most covered states first (a rough news-salience order); the others follow in a
# seeded random order.  Only the shape matters: a few codes take a large share.
TOP_STATES = ("USA", "CHN", "RUS", "UKR", "ISR", "IRN", "GBR", "FRA", "DEU", "IND", "JPN", "KOR", "PRK", "TUR",
              "SAU", "PAK", "SYR", "AFG", "EGY", "TWN", "BRA", "MEX", "CAN", "AUS", "IRQ", "PSE", "LBN", "YEM",
              "VNM", "PHL", "IDN", "POL", "ITA", "ESP", "ZAF", "NGA", "ETH", "SDN", "VEN", "QAT")
# (type, quad class, intensity, share of events)
TYPES = (("CONSULT", 1, 1.0, 28), ("AGREE", 1, 3.0, 9), ("SUPPORT", 1, 3.5, 10), ("CONCEDE", 1, 4.0, 1),
         ("COOPERATE", 2, 6.0, 9), ("AID", 2, 7.0, 4), ("RETREAT", 2, 5.0, 1), ("REQUEST", 3, -2.0, 8),
         ("ACCUSE", 3, -3.0, 9), ("REJECT", 3, -4.0, 5), ("THREATEN", 3, -6.0, 4), ("PROTEST", 4, -6.5, 4),
         ("SANCTION", 4, -7.0, 3), ("MOBILIZE", 4, -7.0, 2), ("COERCE", 4, -8.0, 2), ("ASSAULT", 4, -10.0, 1))
MODALITIES = (("asserted", 85), ("future", 7), ("hypothetical", 3), ("negated", 3), ("prescriptive", 2))
PUBLISHERS = tuple(f"Outlet {i:02d}" for i in range(40))
START, END = dt.date(2015, 1, 1), dt.date(2025, 12, 31)


class Weighted:
    """Draw from a fixed discrete distribution in O(log n)."""

    def __init__(self, items: list[object], weights: list[float]):
        self.items, self.cum = items, list(accumulate(weights))

    def draw(self, rng: random.Random) -> object:
        return self.items[bisect_right(self.cum, rng.random() * self.cum[-1])]


def _states(rng: random.Random) -> list[str]:
    rest = sorted({c.alpha_3 for c in pycountry.countries} - set(TOP_STATES))
    rng.shuffle(rest)
    return list(TOP_STATES) + rest


def _days(rng: random.Random) -> tuple[list[dt.date], list[float]]:
    days, weights = [], []
    d = START
    while d <= END:
        growth = 1.08 ** (d.year - START.year)
        weekday = 0.6 if d.weekday() >= 5 else 1.0
        days.append(d)
        weights.append(growth * weekday * rng.uniform(0.8, 1.2))
        d += dt.timedelta(days=1)
    return days, weights


def generate(path: Path, n_events: int, seed: int = 9) -> dict[str, int]:
    """Write a store with ``n_events`` event mentions to ``path``; return counts."""
    rng = random.Random(seed)
    ties = rules()  # fusion.yaml's tie types and words, as the writer tests them
    if path.exists():
        path.unlink()
    store = Store(path)
    conn = store.conn
    states = _states(rng)
    state_pick = Weighted(list(states), [1.0 / (r + 1) ** 1.1 for r in range(len(states))])
    partners = {s: [state_pick.draw(rng) for _ in range(6)] for s in states}
    people = []
    for i in range(2000):
        country = str(state_pick.draw(rng))
        people.append((f"person:synthetic-{i:04d}", f"Person {i:04d}", "person", None, country))
    orgs = [(f"org:synthetic-{i:02d}", f"Organisation {i:02d}", "organisation", None, None) for i in range(40)]
    actor_rows = [(s, s, "state", s, s) for s in states] + people + orgs
    conn.execute("BEGIN")
    conn.executemany(
        "INSERT INTO actors(id, name, kind, code, country, data) VALUES (?,?,?,?,?,?)",
        [(a, n, k, c, co, json.dumps({"id": a, "name": n, "kind": k, "code": c, "country": co, "roles": [],
                                      "aliases": [n], "about": [], "affiliation": None}))
         for a, n, k, c, co in actor_rows])
    conn.execute("COMMIT")
    name_of = {a: n for a, n, _, _, _ in actor_rows}
    people_of: dict[str, list[str]] = {}
    country_of: dict[str, str | None] = {s: s for s in states}
    for pid, _, _, _, country in people:
        people_of.setdefault(str(country), []).append(pid)
        country_of[pid] = country
    types = Weighted(list(TYPES), [t[3] for t in TYPES])
    modalities = Weighted([m for m, _ in MODALITIES], [w for _, w in MODALITIES])
    days, day_weights = _days(rng)
    day_pick = Weighted(list(days), day_weights)
    # crises: a dyad with a burst of events over a few weeks
    crises = [(str(state_pick.draw(rng)), str(state_pick.draw(rng)), day_pick.draw(rng)) for _ in range(300)]
    recent: list[tuple[str, str, str, str | None, str | None, str, str]] = []  # for repeated reports

    def participant(state: str) -> str:
        r = rng.random()
        if r < 0.25 and people_of.get(state):
            return rng.choice(people_of[state])
        if r < 0.28:
            return rng.choice(orgs)[0]
        return state

    def one_date() -> tuple[str, str | None, str | None, str]:
        r = rng.random()
        day = day_pick.draw(rng)
        assert isinstance(day, dt.date)
        if r < 0.05:
            return "", None, None, "unknown"
        if r < 0.17:  # a month
            first = day.replace(day=1)
            last = (first + dt.timedelta(days=32)).replace(day=1) - dt.timedelta(days=1)
            return first.isoformat()[:7], first.isoformat(), last.isoformat(), "month"
        if r < 0.20:
            return str(day.year), f"{day.year}-01-01", f"{day.year}-12-31", "year"
        return day.isoformat(), day.isoformat(), day.isoformat(), "day"

    events = docs = 0
    t0 = time.perf_counter()
    conn.execute("BEGIN")
    while events < n_events:
        doc_id = f"syn-{docs:07d}"
        k = min(n_events - events, max(1, min(12, int(rng.expovariate(1 / 5)) + 1)))
        rows, actor_links, mention_rows, latest, text = [], [], [], START, ""
        for _ in range(k):
            ev_id = f"ev_syn{events:09d}"
            if recent and rng.random() < 0.25:  # another outlet reporting a recent event
                src, tgt, etype, start, end, value, cluster = rng.choice(recent)
                gran = "day" if start and start == end else ("unknown" if not start else "month")
                typ = next(t for t in TYPES if t[0] == etype)
            else:
                if rng.random() < 0.15:
                    a, b, peak = rng.choice(crises)
                    assert isinstance(peak, dt.date)
                    day = peak + dt.timedelta(days=int(rng.gauss(0, 10)))
                    value = start = end = min(END, max(START, day)).isoformat()
                    gran = "day"
                else:
                    a = str(state_pick.draw(rng))
                    b = str(rng.choice(partners[a])) if rng.random() < 0.6 else str(state_pick.draw(rng))
                    value, start, end, gran = one_date()  # type: ignore[assignment]
                if a == b:
                    b = str(state_pick.draw(rng))
                src, tgt = participant(a), participant(b)
                typ = types.draw(rng)  # type: ignore[assignment]
                etype, cluster = typ[0], ev_id
                recent.append((src, tgt, etype, start, end, value, cluster))
                if len(recent) > 5000:
                    recent.pop(0)
            if start:
                latest = max(latest, dt.date.fromisoformat(end or start))
            modality = str(modalities.draw(rng))
            # the sides named in the text, as mentions of the actors (what the actor list counts)
            names = (name_of[src], name_of[tgt])
            sentence = f"{names[0]} and {names[1]}: synthetic report of {etype.lower()} number {events}."
            if etype in ties.tie_types and events % 29 == 0:  # ~3% of agreements name a standing tie
                sentence = sentence[:-1] + f" under their {ties.tie_words[events % len(ties.tie_words)]}."
            offset, text = len(text), f"{text}{sentence} "
            second = offset + len(names[0]) + len(" and ")
            mention_rows += [(doc_id, src, offset, offset + len(names[0]), names[0]),
                             (doc_id, tgt, second, second + len(names[1]), names[1])]
            data = {
                "id": ev_id, "type": etype, "mode": None, "source": [src], "target": [tgt],
                "date": {"value": value, "granularity": gran, "start": start, "end": end,
                         "basis": "explicit" if start else "unknown"},
                "location": None, "modality": modality, "attribution": None, "quad_class": typ[1],
                "intensity": typ[2], "confidence": round(rng.uniform(0.5, 0.99), 3),
                "mentions": [{"document": doc_id, "start": offset, "end": offset + len(sentence), "text": sentence}],
                "trigger": etype.lower(), "disputed": [], "sources": [], "variants": [], "claims": [], "times": [],
            }
            rows.append((ev_id, doc_id, cluster, etype, modality, typ[1], start, end, json.dumps(data)))
            for role, actor in (("source", src), ("target", tgt)):
                actor_links.append((ev_id, actor, country_of.get(actor), role))
            events += 1
        published = (latest + dt.timedelta(days=rng.randint(0, 3))).isoformat()
        text = text.rstrip()
        conn.execute(
            "INSERT INTO documents(id, title, source, published, published_basis, text, content_hash, words,"
            " ingested_at) VALUES (?,?,?,?,?,?,?,?,?)",
            (doc_id, f"Synthetic {docs}", rng.choice(PUBLISHERS), published, "metadata", text,
             hashlib.sha256(doc_id.encode()).hexdigest(), len(text.split()), "2026-01-01T00:00:00+00:00"))
        conn.executemany("INSERT INTO events(id, document_id, cluster_id, type, modality, quad_class, date_start,"
                         " date_end, data) VALUES (?,?,?,?,?,?,?,?,?)", rows)
        conn.executemany("INSERT OR IGNORE INTO event_actors(event_id, actor_id, country, role) VALUES (?,?,?,?)",
                         actor_links)
        conn.executemany("INSERT OR IGNORE INTO actor_mentions(document_id, actor_id, start, \"end\", text)"
                         " VALUES (?,?,?,?,?)", mention_rows)
        docs += 1
        if docs % 20000 == 0:
            conn.execute("COMMIT")
            print(f"  {events:,} events, {docs:,} documents, {time.perf_counter() - t0:.0f}s", file=sys.stderr)
            conn.execute("BEGIN")
    conn.execute("COMMIT")
    fill_derived(store)
    # no ANALYZE: a store built by ingest has no planner statistics either
    store.close()
    return {"events": events, "documents": docs, "actors": len(actor_rows)}


def fill_derived(store: Store) -> None:
    """Build every table the schema derives from the base rows, as each migration's backfill does.

    The rows were written around ``Store.add`` (or copied in), and ``Store(target)`` ran the migrations
    on empty tables, so the writer's roll-ups are empty (or hold an empty store's totals).  A migration
    that adds a derived table adds its backfill here (``tests/store/test_gen_events.py`` finds one left
    empty, on both backends).
    """
    from detente.store import counts, dyads, firsts, fused, leads, links, mentioned, pasts, ranks, state_ranks

    d = store.dialect

    def script(sql: str) -> None:  # several statements, in one transaction
        if d.name == "sqlite":
            store.conn.executescript(f"BEGIN IMMEDIATE;{sql}COMMIT;")
        else:
            with store.transaction() as db:
                db.raw.execute(sql)

    script("".join(f"DELETE FROM {t};" for t in DERIVED))
    with store.transaction() as db:
        db.raw.execute(dyads.backfill_sql(d))  # migration 3
        dyads.fill_periods(db)
        dyads.refresh_ties(db)  # migration 4's column, as the writer keeps it
        links.backfill(db)  # 7
    script(counts.backfill_sql() + leads.backfill_sql(d) + firsts.backfill_sql()  # 8, 10/13, 11
           + mentioned.backfill_sql())  # 14
    with store.transaction() as db:
        pasts.backfill(db, links.merged_events)  # 11
        pasts.backfill_before(db)  # 20
        pasts.backfill_events(db)  # 20
        db.execute(pasts.backfill_periods_sql())  # 22
        links.backfill_months(db)  # 12
        fused.backfill(db)  # 16
        ranks.backfill(db)  # 17
        state_ranks.backfill(db)  # 18


# the tables fill_derived rebuilds (in an order foreign keys allow)
DERIVED = ("event_dyads", "dyad_periods", "network_months", "network_links", "network_keys", "network_events",
           "event_counts", "event_totals", "timeline_counts", "timeline_leads", "pair_periods", "pair_marks",
           "pair_events", "event_periods", "actor_firsts", "actor_counts", "fused_events", "event_ranks", "state_ranks")


# the columns gen_events writes (and the ties it computes); everything else is derived (search
# vectors, migration 3's tables)
COPIED = (("actors", "id, name, kind, code, country, data"),
          ("documents", "id, title, source, published, published_basis, text, content_hash, words, ingested_at"),
          ("events", "id, document_id, cluster_id, type, modality, quad_class, date_start, date_end, data, tie"),
          ("event_actors", "event_id, actor_id, country, role"),
          ("actor_mentions", 'document_id, actor_id, start, "end", text'))


def copy_to_postgres(src: Path, url: str) -> dict[str, float]:
    """Copy a synthetic SQLite store into an empty PostgreSQL database; returns seconds per step.

    The base tables go in with COPY; every derived table is then built by its migration's
    own backfill (:func:`fill_derived`), timed apart, and the planner gets its statistics
    (VACUUM ANALYZE, as autovacuum would after a bulk load).
    """
    import sqlite3

    times: dict[str, float] = {}
    store = Store(url)  # creates the schema (every migration, on empty tables)
    lite = sqlite3.connect(src)
    t0 = time.perf_counter()
    for table, cols in COPIED:
        with store.conn.transaction(), store.conn.cursor() as cur, cur.copy(f"COPY {table} ({cols}) FROM STDIN") as cp:
            for row in lite.execute(f"SELECT {cols} FROM {table}"):
                cp.write_row(row)
        print(f"  copied {table}: {time.perf_counter() - t0:.0f}s", file=sys.stderr, flush=True)
    times["copy"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    fill_derived(store)
    times["backfill"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    store.conn.execute("VACUUM ANALYZE")
    times["vacuum_analyze"] = time.perf_counter() - t0
    store.close()
    return times


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path, help="store file to create (replaced if it exists)")
    ap.add_argument("--events", type=int, default=1_000_000, help="event mentions to generate (default 1,000,000)")
    ap.add_argument("--seed", type=int, default=9)
    ap.add_argument("--postgres", metavar="URL", help="copy the existing store OUT.db into this (empty) database")
    args = ap.parse_args()
    t0 = time.perf_counter()
    if args.postgres:
        print(f"copied {args.out} into PostgreSQL: {copy_to_postgres(args.out, args.postgres)}")
        return
    counts = generate(args.out, args.events, args.seed)
    print(f"wrote {args.out}: {counts} in {time.perf_counter() - t0:.0f}s")


if __name__ == "__main__":
    main()
