"""Golden files and the quote F1 gate for claims over the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from detente.eval.gold import _doc_map, score_claims
from tests.quantities.corpus import GOLD, check_golden, needs_corpus, predictions, update_golden

GOLDEN = Path(__file__).parent / "golden"
MIN_QUOTE_F1 = 0.85  # only ever raise this


def _compact(c: dict[str, Any]) -> dict[str, Any]:
    return {"kind": c["kind"], "speaker": c["speaker"], "attribution": c["attribution"],
            "mentions": [[m["start"], m["end"], m["text"]] for m in c["mentions"]],
            "about": c["about"], "stance": c["stance"], "issue": c["issue"]}


@needs_corpus
def test_golden_claims(request: pytest.FixtureRequest) -> None:
    pred = predictions()
    update = update_golden(request.config)
    for doc in pred["documents"]:
        current = [_compact(c) for c in pred["claims"] if c["mentions"][0]["document"] == doc["id"]]
        check_golden(GOLDEN / f"{doc['id']}.json", current, update)


@needs_corpus
def test_quote_f1_on_sample_gold() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    pred = predictions()
    scores = {s.name: s for s in score_claims(gold, pred, _doc_map(gold, pred))}
    quote = scores["claims quote"]
    assert quote.f1 >= MIN_QUOTE_F1, quote.as_dict()
    assert quote.extra["speaker_accuracy"] >= 0.85, quote.as_dict()
