"""Run the pipeline over the sample corpus once per session (shared by the golden tests)."""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path
from typing import Any

import pytest

from detente.model import Document, to_json
from detente.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "src" / "detente" / "data" / "corpus"
GOLD = REPO / "src" / "detente" / "data" / "gold" / "sample.json"

needs_corpus = pytest.mark.skipif(not (CORPUS / "manifest.jsonl").exists() or not GOLD.exists(),
                                  reason="sample corpus or gold not present")


def update_golden(config: pytest.Config) -> bool:
    """Rewrite golden files: env DETENTE_UPDATE_GOLDEN=1 or pytest --update-golden."""
    flag = bool(config.getoption("--update-golden", default=False))
    return flag or os.environ.get("DETENTE_UPDATE_GOLDEN") == "1"


@cache
def predictions() -> dict[str, Any]:
    """The detente/1 export (documents, actors, quantities, claims) of the sample corpus."""
    docs = []
    for line in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        m = json.loads(line)
        docs.append(Document(id=m["id"], text=(CORPUS / m["path"]).read_text(encoding="utf-8"),
                             published=m.get("published"), published_basis="metadata"))
    out: dict[str, Any] = {"documents": [], "actors": [], "quantities": [], "claims": []}
    seen: set[str] = set()
    for ex in Pipeline().process(docs):
        out["documents"].append(to_json(ex.document))
        for a in ex.actors:
            if a.id not in seen:
                seen.add(a.id)
                out["actors"].append(to_json(a))
        out["quantities"] += to_json(ex.quantities)
        out["claims"] += to_json(ex.claims)
    return out


def check_golden(path: Path, current: Any, update: bool) -> None:
    """Compare ``current`` with the golden file at ``path`` (or rewrite it)."""
    text = json.dumps(current, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
    if update or not path.exists():
        path.write_text(text, encoding="utf-8")
        return
    assert json.loads(path.read_text(encoding="utf-8")) == current, (
        f"{path.name} differs from the current output; review and regenerate with DETENTE_UPDATE_GOLDEN=1")
