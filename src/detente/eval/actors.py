"""Mention-to-actor accuracy of extractions against gold annotations (detente/1 JSON).

A gold actor mention counts as resolved when a predicted mention in the same
document overlaps it and names the same actor (same ISO3 code for states, else
same id, same normalised name, or one's name among the other's aliases — the
rule of :mod:`detente.eval.gold`, :func:`~detente.eval.gold.same_actor`).  ``country`` accuracy is over gold actors
matched at least once: the predicted actor's ``country`` equals the gold one.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Extraction, to_json
from .gold import same_actor

Record = dict[str, Any]


def score(gold: Record, extraction: Extraction | Iterable[Extraction] | Record) -> dict[str, Any]:
    """Accuracy of actor mentions and of actor ``country``; ``errors`` lists the misses."""
    extractions = [extraction] if isinstance(extraction, Extraction) else extraction
    pred_docs: dict[str, list[tuple[Record, Record]]] = {}
    texts = {d.get("text"): d["id"] for d in gold.get("documents", []) if d.get("text")}
    gold_ids = {d["id"] for d in gold.get("documents", [])}
    if isinstance(extractions, dict):  # a detente/1 export
        for a in extractions["actors"]:
            for m in a.get("mentions", []):
                pred_docs.setdefault(m["document"], []).append((m, a))
    else:
        for ex in extractions:
            doc_id = ex.document.id if ex.document.id in gold_ids else texts.get(ex.document.text, ex.document.id)
            actors = {a.id: to_json(a) for a in ex.actors}
            for m in ex.actor_mentions:
                if m.actor in actors:
                    pred_docs.setdefault(doc_id, []).append((to_json(m), actors[m.actor]))
    total = hit = 0
    errors: list[dict[str, Any]] = []
    matched: dict[str, Record] = {}
    for g in gold.get("actors", []):
        for gm in g.get("mentions", []):
            total += 1
            cands = [p for m, p in pred_docs.get(gm["document"], []) if m["start"] < gm["end"] and gm["start"] < m["end"]]
            right = [p for p in cands if same_actor(g, p)]
            if right:
                hit += 1
                matched.setdefault(g["id"], right[0])
            else:
                errors.append({"document": gm["document"], "text": gm.get("text"), "gold": g["id"],
                               "predicted": [p["id"] for p in cands]})
    by_id = {g["id"]: g for g in gold.get("actors", [])}
    right_country = sum(1 for gid, p in matched.items() if (by_id[gid].get("country") or None) == (p.get("country") or None))
    country_errors = [{"gold": gid, "gold_country": by_id[gid].get("country"), "predicted": p["id"], "country": p.get("country")}
                      for gid, p in matched.items() if (by_id[gid].get("country") or None) != (p.get("country") or None)]
    return {
        "mentions": total, "resolved": hit, "accuracy": hit / total if total else 0.0,
        "actors_matched": len(matched),
        "country_accuracy": right_country / len(matched) if matched else 0.0,
        "errors": errors, "country_errors": country_errors,
    }


def score_sample(gold_path: str | None = None) -> dict[str, Any]:
    """Run the pipeline over the gold's documents and score the actor layer."""
    import json
    from importlib import resources

    from ..model import Document
    from ..pipeline import _default_pipeline

    path = gold_path or str(resources.files("detente") / "data" / "gold" / "sample.json")
    with open(path, encoding="utf-8") as fh:
        gold = json.load(fh)
    docs = [Document(id=d["id"], text=d["text"], published=d.get("published"), published_basis="metadata",
                     source=d.get("source"), title=d.get("title"), authors=list(d.get("authors") or []))
            for d in gold["documents"]]
    return score(gold, list(_default_pipeline(None).process(docs)))


if __name__ == "__main__":  # python -m detente.eval.actors
    result = score_sample()
    for err in result["errors"]:
        print("MISS", err)
    for err in result["country_errors"]:
        print("COUNTRY", err)
    print({k: v for k, v in result.items() if not k.endswith("errors")})
