"""The seed bulletin (shared corpus, read-only): China's move from demanding denuclearisation to silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.model import Document
from detente.positions.history import shifts
from detente.positions.predict import extract_with_positions

SEEDS = Path("/work/shared/corpus/seeds")
DATES = {"000": "2026-06-15", "001": "2025-09-05", "004": "2025-09-05"}

pytestmark = pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seed corpus not present")


def test_china_shift_from_demand_to_silence_with_both_citations() -> None:
    docs = [Document(id=p.stem, text=p.read_text(encoding="utf-8").strip(), published=DATES[p.name[:3]])
            for p in sorted(SEEDS.glob("*.txt")) if p.name[:3] in DATES]
    positions = [p for ex in extract_with_positions(docs) for p in ex.positions]
    found = [s for s in shifts(positions) if s.holder == "CHN" and s.issue == "korean-denuclearisation"
             and s.before_stance == "demands" and s.after_stance == "silent"]
    assert found
    s = found[0]
    assert s.before[-1].first.startswith("2019")
    assert s.before[-1].citations and s.after[0].citations
    # silence is never a statement: every silent position comes from a silence construction or claim
    assert all(p.origin == "silence" for p in positions if p.stance == "silent")
