"""The seed bulletin (shared corpus, read-only): China's move from demanding denuclearisation to silence."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.eval.positions import extract_with_positions
from detente.model import Document
from detente.positions.history import shifts
from tests.helpers import SHARED

SEEDS = SHARED / "corpus" / "seeds"
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


def test_seed_brief_names_the_shift_first_and_never_states_a_silence(tmp_path: Path) -> None:
    import json
    import re

    from click.testing import CliRunner

    from detente.cli import main

    manifest = tmp_path / "seeds.jsonl"
    manifest.write_text("".join(json.dumps({"path": str(p), "published": DATES[p.name[:3]]}) + "\n"
                                for p in sorted(SEEDS.glob("*.txt")) if p.name[:3] in DATES), encoding="utf-8")
    db = str(tmp_path / "seeds.db")
    assert CliRunner().invoke(main, ["--db", db, "ingest", str(manifest)]).exit_code == 0
    result = CliRunner().invoke(main, ["--db", db, "brief", "--about", "China", "--about", "North Korea"])
    assert result.exit_code == 0, result.output
    text = result.output
    changed = [x for x in text.split("## What changed\n")[1].split("\n## ")[0].splitlines() if x.startswith("- ")]
    first = changed[0]
    assert first.startswith("- China demanded denuclearisation of the Korean Peninsula (2019) [")
    assert re.search(r"later it made no reference to denuclearisation .*2026-06-15\) \[\d+\]", first)
    # no line renders a silence as something said
    for line in text.splitlines():
        if re.search(r"\b(stated|said|assessed)\b", line):
            assert not re.search(r"(no references? to|absence of|did not mention|made no mention)", line), line
