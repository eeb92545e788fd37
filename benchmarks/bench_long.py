"""One long article against the same text as many short ones: time and peak memory of a full ingest.

Usage: python benchmarks/bench_long.py [--mb 1] [--articles 100] [--json FILE]

The text is the bundled sample corpus, paragraph by paragraph and cycled, cut
into ``--articles`` articles of about ``--mb`` MB / ``--articles`` each (each
opens with a numbered line, so no two are duplicates).  The same text is then
ingested twice into fresh SQLite stores, each run in a fresh process: once as
those articles, once joined into one article of ``--mb`` MB.  Each child loads
the pipeline before its clock starts, then runs ``detente.ingest`` (read,
extract, store, fuse) and reports its wall time; its peak RSS is the kernel's
(``wait4``).  Target (issue #16): the long article takes at most 1.5 x the time
of the short ones, with a peak RSS under 1 GB.  The load average is printed:
the figures mean little on a machine that is busy with other work.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path
from typing import Any

CORPUS = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "corpus"
PUBLISHED = "2025-09-05"


def articles(total_chars: int, count: int) -> list[str]:
    """``count`` articles of the sample corpus's paragraphs, about ``total_chars`` in all."""
    paragraphs = [p for f in sorted(CORPUS.glob("*.txt")) for p in f.read_text("utf-8").split("\n") if p.strip()]
    size = total_chars // count
    out, i = [], 0
    for k in range(count):
        parts = [f"Part {k + 1} of the report."]
        length = len(parts[0])
        while length < size:
            parts.append(paragraphs[i % len(paragraphs)])
            length += len(parts[-1]) + 2
            i += 1
        out.append("\n\n".join(parts))
    return out


CHILD = textwrap.dedent("""
    import json, sys, time
    from detente.orchestrate import ingest
    from detente.pipeline import Pipeline
    from detente.settings import Settings
    from detente.store import Store
    manifest, db = sys.argv[1], sys.argv[2]
    pipeline = Pipeline(Settings())
    with Store(db) as store:
        started = time.perf_counter()
        report = ingest([manifest], store, pipeline=pipeline)
        seconds = time.perf_counter() - started
        events = store.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    print(json.dumps({"seconds": seconds, "added": len(report.added), "errors": [str(e) for e in report.errors],
                      "events": events}))
""")


def run(manifest: Path, db: Path) -> dict[str, Any]:
    """Ingest ``manifest`` in a fresh process; its figures plus its peak RSS in MB."""
    errors = db.with_suffix(".stderr")
    with errors.open("w") as err_file:
        proc = subprocess.Popen([sys.executable, "-c", CHILD, str(manifest), str(db)],
                                stdout=subprocess.PIPE, stderr=err_file, text=True)
        out = proc.stdout.read()  # type: ignore[union-attr]
        # wait4 gives this child's own rusage (RUSAGE_CHILDREN would keep the largest of all children)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"ingest of {manifest} failed:\n{errors.read_text()[-3000:]}")
    result: dict[str, Any] = json.loads(out.strip().splitlines()[-1])
    result["peak_rss_mb"] = round(usage.ru_maxrss / 1024)
    return result


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=1.0, help="size of the long article, in MB of text")
    ap.add_argument("--articles", type=int, default=100, help="how many articles the same text makes")
    ap.add_argument("--json", type=Path, help="also write the figures to this file")
    args = ap.parse_args()
    parts = articles(int(args.mb * 1_000_000), args.articles)
    whole = "\n\n".join(parts)
    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-long-") as tmp:
        many = Path(tmp, "many.jsonl")
        many.write_text("".join(json.dumps({"id": f"part-{k}", "text": t, "published": PUBLISHED}) + "\n"
                                for k, t in enumerate(parts)), encoding="utf-8")
        one = Path(tmp, "one.jsonl")
        one.write_text(json.dumps({"id": "whole", "text": whole, "published": PUBLISHED}) + "\n", encoding="utf-8")
        short = run(many, Path(tmp, "many.db"))
        long = run(one, Path(tmp, "one.db"))
    ratio = long["seconds"] / short["seconds"]
    figures = {"chars": len(whole), "articles": args.articles, "short": short, "long": long,
               "time_ratio": round(ratio, 2), "load_average_before": load_before,
               "load_average_after": os.getloadavg()}
    print(f"text: {len(whole):,} characters; load average {load_before[0]:.1f} before, {os.getloadavg()[0]:.1f} after")
    print(f"{args.articles} articles : {short['seconds']:7.1f} s, peak RSS {short['peak_rss_mb']:5} MB, "
          f"{short['events']} events")
    print(f"1 article    : {long['seconds']:7.1f} s, peak RSS {long['peak_rss_mb']:5} MB, {long['events']} events")
    target = "met" if ratio <= 1.5 and long["peak_rss_mb"] < 1024 else "NOT met"
    print(f"long / short : {ratio:.2f} x the time (target <= 1.5 x, peak RSS < 1 GB: {target})")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
