"""Golden files and the F1 gate for quantities over the sample corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from detente.eval.gold import _doc_map, score_quantities
from tests.quantities.corpus import GOLD, check_golden, needs_corpus, predictions, update_golden

GOLDEN = Path(__file__).parent / "golden"
MIN_F1 = 0.85  # only ever raise this


def _compact(q: dict[str, Any]) -> dict[str, Any]:
    m = q["mentions"][0]
    return {"mention": [m["start"], m["end"], m["text"]], "value": q["value"], "unit": q["unit"],
            "measure": q["measure"], "subjects": q["subjects"], "qualifier": q["qualifier"],
            "modality": q["modality"], "attribution": q["attribution"],
            "date": q["date"]["value"] if q["date"] else None}


@needs_corpus
def test_golden_quantities(request: pytest.FixtureRequest) -> None:
    pred = predictions()
    update = update_golden(request.config)
    for doc in pred["documents"]:
        current = [_compact(q) for q in pred["quantities"] if q["mentions"][0]["document"] == doc["id"]]
        check_golden(GOLDEN / f"{doc['id']}.json", current, update)


@needs_corpus
def test_quantity_f1_on_sample_gold() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    pred = predictions()
    (score,) = score_quantities(gold, pred, _doc_map(gold, pred))
    assert score.f1 >= MIN_F1, score.as_dict()
