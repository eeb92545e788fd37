"""Evaluation gate on voa-dev (issue #15): real news scored by its own scorer, minimums only rise.

Reads ``../shared/eval/voa-dev`` (beside the repository)
and skips cleanly when it is absent. Raise a minimum when a change lifts the score; never lower one.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from detente import Store, export_data, ingest

REPO = Path(__file__).resolve().parents[2]
VOA = next((p for p in (REPO.parent / "shared" / "eval" / "voa-dev",) if p.is_dir()), None)

# minimum scores on voa-dev (main at 9590269 scored actors 0.386, events recall 0.137, precision 0.239,
# quantities 0.816, claims 0.594, times 0.846, with 2 traps emitted as facts)
MINIMUMS = {
    "actors": 0.94,
    "events_recall": 0.665,  # 0.679 (159/234) on 2026-12-04 (night)
    "events_precision": 0.795,  # 0.810 on 2026-12-04 (night)
    "quantities": 0.98,
    "claims": 0.90,
    "times": 0.965,  # 0.971 on 2026-12-03
}
MAX_TRAPS = 0  # non-asserted statements emitted as facts: only ever lower


def _scorer() -> ModuleType:
    assert VOA is not None
    spec = importlib.util.spec_from_file_location("voa_score", VOA / "score.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def summary() -> dict[str, Any]:
    if VOA is None or not (VOA / "manifest.jsonl").exists():
        pytest.skip("voa-dev not available (../shared/eval/voa-dev)")
    scorer = _scorer()
    store = Store(":memory:")
    try:
        report = ingest([str(VOA / "manifest.jsonl")], store)
        assert not report.errors, report.errors
        data = export_data(store)
    finally:
        store.close()
    res, _log = scorer.score(data, scorer.load_gold(str(VOA / "gold")))
    out: dict[str, Any] = {k: v[0] / v[1] for k, v in res.items() if isinstance(v, tuple) and v[1]}
    out["traps_emitted"] = res["traps_emitted"]
    return out


@pytest.mark.parametrize("metric", sorted(MINIMUMS))
def test_voa_dev_scores_do_not_fall(summary: dict[str, Any], metric: str) -> None:
    assert summary[metric] >= MINIMUMS[metric], f"{metric} {summary[metric]:.3f} < {MINIMUMS[metric]}"


def test_voa_dev_emits_no_trap_as_a_fact(summary: dict[str, Any]) -> None:
    assert summary["traps_emitted"] <= MAX_TRAPS
