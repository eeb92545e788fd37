"""Golden files over the sample corpus, and the sample-gold event score gate.

Regenerate the golden files with ``DETENTE_UPDATE_GOLDEN=1 pytest tests/events``
and review the diff: every change in what the stage extracts shows up there.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest

from tests.events.sample_eval import GOLD, predict, score

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("DETENTE_UPDATE_GOLDEN") == "1"
# minimums only ever rise (measured 2025: see docs/events.md)
MIN_EVENT_F1 = 0.73
MIN_TYPE_F1 = 0.82

pytestmark = pytest.mark.skipif(not GOLD.exists(), reason="sample gold not present")


@pytest.fixture(scope="module")
def run() -> tuple[dict[str, Any], dict[str, Any]]:
    gold = json.loads(GOLD.read_text("utf-8"))
    return gold, predict(gold)


def _summary(pred: dict[str, Any], doc_id: str) -> list[dict[str, Any]]:
    actors = {a["id"]: a for a in pred["actors"]}

    def country(ids: list[str]) -> list[str]:
        return [actors.get(i, {}).get("country") or i for i in ids]

    rows = []
    for e in pred["events"]:
        m = e["mentions"][0]
        if m["document"] != doc_id:
            continue
        rows.append({
            "start": m["start"], "type": e["type"], "mode": e["mode"], "trigger": e["trigger"],
            "source": country(e["source"]), "target": country(e["target"]), "modality": e["modality"],
            "date": e["date"]["value"], "attribution": e["attribution"],
            "location": (e["location"] or {}).get("name"),
        })
    return rows


def test_golden_files(run: tuple[dict[str, Any], dict[str, Any]]) -> None:
    _, pred = run
    GOLDEN.mkdir(exist_ok=True)
    changed = []
    for d in pred["documents"]:
        path = GOLDEN / f"{d['id']}.json"
        got = _summary(pred, d["id"])
        if UPDATE:
            path.write_text(json.dumps(got, indent=1, ensure_ascii=False) + "\n", "utf-8")
            continue
        if not path.exists():
            pytest.fail(f"{path} missing: run DETENTE_UPDATE_GOLDEN=1 pytest tests/events")
        if json.loads(path.read_text("utf-8")) != got:
            changed.append(d["id"])
    assert not changed, f"events changed in {changed}; review and regenerate with DETENTE_UPDATE_GOLDEN=1"


def test_sample_gold_gate(run: tuple[dict[str, Any], dict[str, Any]]) -> None:
    gold, pred = run
    result = score(gold, pred)
    assert result["events"]["f1"] >= MIN_EVENT_F1
    assert result["events (type only)"]["f1"] >= MIN_TYPE_F1
