"""Ingest throughput beside bare spaCy ``nlp.pipe`` on the same texts.

Usage: python benchmarks/bench_ingest.py [--repeat N] [--json FILE]

The corpus is the bundled sample corpus repeated N times with a numbered
suffix per copy (so every copy is a new document, not a duplicate).  Prints
documents/s and words/s for (a) bare spaCy, (b) the detente pipeline without
the store, (c) a full ingest into a fresh SQLite store, and each as a ratio to
bare spaCy, plus per-stage time so later stages can see what they cost.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from detente import nlp
from detente.ingest.run import ingest
from detente.model import Document
from detente.pipeline import DocContext, Pipeline
from detente.settings import Settings
from detente.store import Store

CORPUS = Path(__file__).resolve().parents[1] / "src" / "detente" / "data" / "corpus"


def corpus_texts(repeat: int) -> list[str]:
    base = [p.read_text(encoding="utf-8").strip() for p in sorted(CORPUS.glob("*.txt"))]
    return [f"{t}\n\n(Copy {i}.)" for i in range(repeat) for t in base]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repeat", type=int, default=6, help="copies of the sample corpus (default 6)")
    ap.add_argument("--json", help="also write the figures here")
    args = ap.parse_args()
    texts = corpus_texts(args.repeat)
    words = sum(len(t.split()) for t in texts)
    settings = Settings()
    model = nlp.load(settings.model)
    list(model.pipe(texts[:8]))  # warm up

    t0 = time.perf_counter()
    parsed = list(model.pipe(texts, batch_size=settings.batch_size))
    bare = time.perf_counter() - t0

    pipe = Pipeline(settings)
    stage_time = {s.name: 0.0 for s in pipe.stages}
    t0 = time.perf_counter()
    for i, doc in enumerate(parsed):
        document = Document(id=f"b{i}", text=texts[i], published="2025-09-05", published_basis="metadata")
        ctx = DocContext(document=document, doc=doc, published=pipe.published_for(document))
        for stage in pipe.stages:
            s0 = time.perf_counter()
            stage(ctx)
            stage_time[stage.name] += time.perf_counter() - s0
    stages_total = time.perf_counter() - t0

    with tempfile.TemporaryDirectory() as tmp:
        manifest = Path(tmp) / "m.jsonl"
        with manifest.open("w") as fh:
            for i, t in enumerate(texts):
                fh.write(json.dumps({"text": t, "published": "2025-09-05", "id": f"bench-{i}"}) + "\n")
        with Store(Path(tmp) / "b.db") as store:
            t0 = time.perf_counter()
            report = ingest([str(manifest)], store, settings=settings, pipeline=pipe)
            full = time.perf_counter() - t0
    assert not report.errors, report.errors[:3]

    n = len(texts)
    rows = {
        "bare spaCy nlp.pipe": bare,
        "spaCy + detente stages": bare + stages_total,
        "full ingest (read, extract, store)": full,
    }
    figures = {"documents": n, "words": words, "model": nlp.resolve_model_name(settings.model),
               "rows": {}, "stages_seconds": stage_time}
    print(f"{n} documents, {words} words, model {figures['model']}")
    print(f"{'':38} {'docs/s':>8} {'words/s':>10} {'vs bare':>8}")
    for name, secs in rows.items():
        figures["rows"][name] = {"seconds": secs, "docs_per_s": n / secs, "words_per_s": words / secs,
                                 "ratio_to_bare": bare / secs}
        print(f"{name:38} {n / secs:8.1f} {words / secs:10,.0f} {bare / secs:8.2f}")
    print("stage cost as a share of bare spaCy time:")
    for name, secs in stage_time.items():
        print(f"  {name:12} {secs:7.2f}s  {100 * secs / bare:5.1f}%")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n")


if __name__ == "__main__":
    main()
