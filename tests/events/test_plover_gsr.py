"""The PLOVER GSR scorer: label mapping, modality view, and a run on real records."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.eval.plover import OLD_LABELS, evaluate, main, plover_view
from detente.model import Date, Event

DEV = Path(__file__).resolve().parents[3] / "shared/eval/plover-gsr/dev.json"


def _event(etype: str, modality: str) -> Event:
    return Event("e", etype, None, [], [], Date.unknown(), None, modality, None, 1, 0.0, 1.0, [])


@pytest.mark.parametrize(
    ("etype", "modality", "expected"),
    [
        ("CONSULT", "asserted", {"CONSULT"}),
        ("CONSULT", "future", {"CONSULT", "AGREE"}),
        ("AID", "hypothetical", {"AID", "AGREE"}),
        ("SANCTION", "future", {"SANCTION", "THREATEN"}),
        ("RETREAT", "prescriptive", {"RETREAT", "REQUEST"}),
        ("COOPERATE", "negated", {"COOPERATE", "REJECT"}),
    ],
)
def test_plover_view(etype: str, modality: str, expected: set[str]) -> None:
    assert plover_view(_event(etype, modality)) == expected


def test_old_labels() -> None:
    assert OLD_LABELS == {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def test_missing_file_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main([str(tmp_path / "nope.json")]) == 2
    assert "no such file" in capsys.readouterr().err


@pytest.mark.skipif(not DEV.exists(), reason="../shared PLOVER GSR records not present")
def test_scores_on_records(tmp_path: Path) -> None:
    records = json.loads(DEV.read_text("utf-8"))[:40]
    sample = tmp_path / "dev40.json"
    sample.write_text(json.dumps(records), "utf-8")
    result = evaluate(sample)
    assert result["records"] == 40
    assert result["type_recall"] >= 40.0
    assert result["precision"] >= 60.0
    assert 0.0 <= result["full_recall"] <= result["type_recall"]
