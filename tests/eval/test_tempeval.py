"""The TimeML reader and the TempEval-3 scorer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from detente.eval.tempeval import Timex, evaluate_tempeval, main, read_timeml, score
from tests.helpers import SHARED

TIMEML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>T1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2025-09-05" functionInDocument="CREATION_TIME">2025-09-05</TIMEX3></DCT>
<TEXT>
Leaders <EVENT eid="e1" class="OCCURRENCE">met</EVENT> <TIMEX3 tid="t1" type="DATE" value="2025-09-04">Thursday</TIMEX3> for <TIMEX3 tid="t2" type="DURATION" value="PT3H">three hours</TIMEX3> &amp; talked.
</TEXT>
</TimeML>
"""


def test_read_timeml() -> None:
    doc = read_timeml(TIMEML)
    assert doc.id == "T1" and doc.dct == dt.date(2025, 9, 5)
    assert [(t.text, t.value, t.type) for t in doc.timexes] == [
        ("Thursday", "2025-09-04", "DATE"),
        ("three hours", "PT3H", "DURATION"),
    ]
    for t in doc.timexes:
        assert doc.text[t.start : t.end] == t.text
    assert "& talked" in doc.text


def test_score_definitions() -> None:
    gold = [[Timex(0, 8, "Thursday", "2025-09-04", "DATE"), Timex(13, 24, "three hours", "PT3H", "DURATION")]]
    system = [
        [
            Timex(0, 8, "Thursday", "2025-09-04", "DATE"),  # strict, right value
            Timex(9, 24, "for three hours", "PT2H", "DURATION"),  # relaxed only, wrong value
            Timex(30, 35, "today", "2025-09-05", "DATE"),
        ]
    ]  # false alarm
    s = score(gold, system)
    assert s["strict_precision"] == pytest.approx(1 / 3) and s["strict_recall"] == pytest.approx(1 / 2)
    assert s["relaxed_precision"] == pytest.approx(2 / 3) and s["relaxed_recall"] == pytest.approx(1.0)
    assert s["value_accuracy"] == pytest.approx(1 / 2)
    assert s["value_f1"] == pytest.approx(2 * (1 / 3) * (1 / 2) / (1 / 3 + 1 / 2))


def test_decade_notation_is_equivalent() -> None:
    gold = [[Timex(0, 9, "the 1990s", "199", "DATE")]]
    system = [[Timex(0, 9, "the 1990s", "199X", "DATE")]]
    assert score(gold, system)["value_accuracy"] == 1.0


TE3 = SHARED / "eval" / "tempeval3"


@pytest.mark.skipif(not TE3.exists(), reason="TempEval-3 data not available")
def test_tempeval_on_a_few_files() -> None:
    result = evaluate_tempeval(TE3 / "AQUAINT", limit=6)
    assert result["gold"] > 10
    # a floor well under the full-corpus figures (docs/time.md); it only rises
    assert result["relaxed_f1"] > 0.8
    assert result["value_f1"] > 0.6


def test_command_line_scores_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "t1.tml").write_text(TIMEML, encoding="utf-8")
    assert main([str(tmp_path), "--json"]) == 0
    out = capsys.readouterr().out
    result = json.loads(out)["rules"]
    assert result["gold"] == 2 and result["strict_f1"] == 1.0 and result["value_f1"] == 1.0
    assert main([str(tmp_path / "missing")]) == 2
