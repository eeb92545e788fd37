"""Peak memory (RSS) of an ingest, this process and its worker processes included.

Usage: python benchmarks/bench_memory.py [--docs N] [--workers W] [--json FILE]

Ingests N documents (default 1,000; the figure in docs/scale.md is for
``--docs 10000``) made from the sample corpus, into a fresh store, with W
extraction worker processes (default 1: in this process).  Memory is read from
``/proc`` (no psutil): a sampler sums VmRSS over this process and all its
descendants every 0.2 s and keeps the largest sum; the peak of each process
(VmHWM) is read too, and ``resource.getrusage`` gives the kernel's own peak for
this process.  Run it in a fresh process: a peak, once reached, never falls.

Copy k of the corpus has every year in its text and its publication date moved
forward by k mod 70 years (and a numbered suffix), so the copies tell events of
different years: 10,000 stories rather than 588 reprints of each of 17, which
would time fusion's worst case (see bench_ingest.py for that) instead of memory.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import tempfile
import threading
import time
from pathlib import Path

from detente.orchestrate import ingest
from detente.parallel import LocalEngine, ProcessEngine
from detente.settings import Settings
from detente.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "corpus"


def _status_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (children of all its threads, recursively)."""
    out: list[int] = []
    todo = [pid]
    while todo:
        p = todo.pop()
        try:
            tasks = list(Path(f"/proc/{p}/task").iterdir())
        except OSError:
            continue
        for task in tasks:
            try:
                kids = [int(x) for x in (task / "children").read_text().split()]
            except OSError:
                continue
            out.extend(kids)
            todo.extend(kids)
    return out


class PeakSampler(threading.Thread):
    """Largest total RSS of a process tree, sampled every ``interval`` seconds."""

    def __init__(self, pid: int, interval: float = 0.2):
        super().__init__(daemon=True)
        self.pid, self.interval = pid, interval
        self.peak_kb = 0
        self.hwm_kb: dict[int, int] = {}
        self._halt = threading.Event()

    def sample(self) -> None:
        pids = [self.pid, *descendants(self.pid)]
        total = 0
        for p in pids:
            total += _status_kb(p, "VmRSS")
            self.hwm_kb[p] = max(self.hwm_kb.get(p, 0), _status_kb(p, "VmHWM"))
        self.peak_kb = max(self.peak_kb, total)

    def run(self) -> None:
        while not self._halt.is_set():
            self.sample()
            self._halt.wait(self.interval)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def _shift_years(text: str, years: int) -> str:
    """Every year 1900-2099 in ``text`` moved forward by ``years`` (kept below 2100)."""
    return re.sub(r"\b(19|20)\d\d\b", lambda m: str(min(2099, int(m.group()) + years)), text)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=1000, help="documents to ingest (default 1,000; full: 10000)")
    ap.add_argument("--workers", type=int, default=1, help="extraction worker processes (default 1)")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    base = [p.read_text(encoding="utf-8").strip() for p in sorted(CORPUS.glob("*.txt"))]
    settings = Settings()
    sampler = PeakSampler(os.getpid())
    sampler.start()
    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "m.jsonl"
        with manifest.open("w") as fh:
            for i in range(args.docs):
                copy = i // len(base)
                text = f"{_shift_years(base[i % len(base)], copy % 70)}\n\n(Copy {copy}.)"
                published = f"{2025 + copy % 70}-09-05"
                fh.write(json.dumps({"text": text, "published": published, "id": f"mem-{i}"}) + "\n")
        engine = LocalEngine(settings) if args.workers == 1 else ProcessEngine(settings, args.workers)
        t0 = time.perf_counter()
        try:
            with Store(Path(tmp) / "m.db") as store:
                report = ingest([str(manifest)], store, settings=settings, engine=engine)
            sampler.sample()  # the workers' peaks, before they exit
        finally:
            engine.close()
        seconds = time.perf_counter() - t0
        db_mb = sum(f.stat().st_size for f in Path(tmp).glob("m.db*")) / 2**20
    sampler.stop()
    self_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    workers_hwm = sum(v for p, v in sampler.hwm_kb.items() if p != sampler.pid)
    figures = {
        "documents": len(report.added), "workers": args.workers, "errors": len(report.errors),
        "seconds": seconds, "words": report.words,
        "peak_tree_rss_mb": sampler.peak_kb / 1024, "writer_peak_rss_mb": self_kb / 1024,
        "largest_child_peak_rss_mb": children_kb / 1024, "sum_worker_peaks_mb": workers_hwm / 1024,
        "store_mb": db_mb,
    }
    print(f"peak memory of a {figures['documents']:,}-document ingest ({report.words:,} words, "
          f"{args.workers} worker{'s' if args.workers > 1 else ''}, {seconds:.0f}s):")
    print(f"  whole process tree (sampled VmRSS sum): {figures['peak_tree_rss_mb']:8.0f} MB")
    print(f"  writer process (getrusage ru_maxrss):   {figures['writer_peak_rss_mb']:8.0f} MB")
    if args.workers > 1:
        print(f"  worker processes (sum of VmHWM):        {figures['sum_worker_peaks_mb']:8.0f} MB")
    print(f"  store on disk: {db_mb:.0f} MB")
    print("  full figure: python benchmarks/bench_memory.py --docs 10000 [--workers 2]")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
