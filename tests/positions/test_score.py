"""Position and shift scores (detente.eval.positions) and the sample gold's figures."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from detente.eval.positions import dates_compatible, evaluate_positions, score_positions

GOLD = Path(__file__).resolve().parents[2] / "src" / "detente" / "data" / "gold" / "sample.json"


def _pos(actor: str, stance: str, value: str, doc: str = "d") -> dict[str, Any]:
    return {"actor": actor, "issue": "sanctions", "stance": stance, "modality": "asserted",
            "date": {"value": value, "start": None, "end": None},
            "mentions": [{"document": doc, "start": 0, "end": 3, "text": "abc"}]}


def test_matching_needs_holder_state_stance_and_month() -> None:
    gold = {"actors": [{"id": "person:x", "country": "JPN"}, {"id": "JPN", "country": "JPN"}],
            "positions": [_pos("person:x", "supports", "2025-03-02"), _pos("JPN", "opposes", "2019")]}
    pred = {"actors": [{"id": "JPN", "country": "JPN"}],
            "positions": [_pos("JPN", "supports", "2025-03-20"), _pos("JPN", "supports", "2019")]}
    s = score_positions(gold, pred)
    assert (s.gold, s.predicted, s.matched) == (2, 2, 1)


@pytest.mark.parametrize("a, b, ok", [("PAST_REF", "PAST_REF", True), ("PAST_REF", "2019", False),
                                      ("2019-06", "2019", True), ("2019", "2020-01-01", False)])
def test_dates_compatible(a: str, b: str, ok: bool) -> None:
    assert dates_compatible({"value": a}, {"value": b}) is ok


def test_sample_gold_has_positions_shifts_silences_and_event_sentences() -> None:
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    ps = gold["positions"]
    assert len(ps) >= 30
    assert any(p["stance"] == "silent" and p["origin"] == "silence" for p in ps)
    assert any(p["origin"] == "event" for p in ps)
    assert gold["position_shifts"]


def test_sample_figures() -> None:
    """Measured on the sample corpus: the floor only rises (docs/positions.md gives today's figures)."""
    from detente.eval.positions import predict
    from detente.model import document_from

    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    pred = predict([document_from(d) for d in gold["documents"]])
    positions, found = evaluate_positions(gold, pred)
    assert positions.precision >= 0.95 and positions.f1 >= 0.90
    assert found.recall == 1.0
