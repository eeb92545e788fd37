"""Run the pipeline over the sample corpus and score its events against the gold.

``python -m tests.events.sample_eval [--diff]`` (from the repository root) prints the event scores (the
rules of ``detente.eval.gold.score_events``); ``--diff`` lists unmatched gold and
predicted events per document.  Used by the golden-file test too.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path
from typing import Any

from detente.model import Document, to_json
from detente.pipeline import Pipeline

ev = importlib.import_module("detente.eval.gold")

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "src/detente/data/gold/sample.json"


def predict(gold: dict[str, Any], pipe: Pipeline | None = None) -> dict[str, Any]:
    """detente/1 data for the gold's documents, extracted by the pipeline."""
    pipe = pipe or Pipeline()
    docs = [Document(**{k: d.get(k) for k in ("id", "text", "title", "source", "published")}) for d in gold["documents"]]
    out: dict[str, Any] = {"schema": "detente/1", "documents": [], "actors": {}, "events": []}
    for ex in pipe.process(docs):
        out["documents"].append(to_json(ex.document))
        for a in ex.actors:
            out["actors"][a.id] = to_json(a)
        out["events"].extend(to_json(e) for e in ex.events)
    out["actors"] = list(out["actors"].values())
    return out


def score(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    docs = {d["id"]: d["id"] for d in pred["documents"]}
    return {s.name: s.as_dict() for s in ev.score_events(gold, pred, docs)}


def main() -> None:
    gold = json.loads(GOLD.read_text("utf-8"))
    pred = predict(gold)
    result = score(gold, pred)
    for name in ("events", "events (type only)"):
        print(name, result[name])
    for name, s in result.items():
        if name.startswith("events ") and name != "events (type only)":
            print(f"  {name:22} gold={s.get('gold')} pred={s.get('predicted')} matched={s.get('matched')}")
    if "--diff" in sys.argv:
        ga = {a["id"]: a for a in gold["actors"]}
        pa = {a["id"]: a for a in pred["actors"]}

        def c(ids: list[str], base: dict[str, Any]) -> str:
            return ",".join(str((base.get(i) or {}).get("country") or (base.get(i) or {}).get("code") or i) for i in ids)

        for d in gold["documents"]:
            did = d["id"]
            print("=" * 20, did)
            rows = []
            for e in gold["events"]:
                for m in e["mentions"]:
                    if m["document"] == did:
                        rows.append((m["start"], "G", e, m, ga))
            for e in pred["events"]:
                m = e["mentions"][0]
                if m["document"] == did:
                    rows.append((m["start"], "P", e, m, pa))
            for start, side, e, _m, base in sorted(rows, key=lambda r: (r[0], r[1])):
                print(f"{side} {start:5} {e['type']:9} {c(e['source'], base)}->{c(e['target'], base)} {e['modality']:12} {e['date'].get('value')!s:12} trig={e.get('trigger')!r}")


if __name__ == "__main__":
    main()
