"""The sample corpus and its compiled gold (src/detente/data/gold/sample.json) are valid.

The gold is the dev set every stage is measured against, so these tests check its
internal consistency: offsets slice to their text, ids resolve, enumerations are the
PLOVER / detente/1 ones, and scripts/build_gold.py reproduces the committed file.
"""

from __future__ import annotations

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

from detente.model import MODALITIES, PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "detente" / "data" / "corpus"
GOLD = ROOT / "src" / "detente" / "data" / "gold" / "sample.json"
SCRIPT = ROOT / "scripts" / "build_gold.py"

VALUE_RE = re.compile(
    r"^(|PAST_REF|PRESENT_REF|FUTURE_REF|\d{3}X|\d{4}(-(\d{2}(-\d{2}(T[A-Z]+)?)?|W\d{2}|Q[1-4]|SP|SU|FA|WI))?"
    r"(/\d{4}(-\d{2}(-\d{2})?)?)?|P(T)?\d+[YMWDH])$"
)
GRANULARITIES = {"day", "week", "month", "quarter", "season", "year", "decade", "unknown"}


def _load_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_gold", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def build_gold() -> ModuleType:
    return _load_script()


@pytest.fixture(scope="module")
def gold() -> dict[str, Any]:
    data: dict[str, Any] = json.loads(GOLD.read_text(encoding="utf-8"))
    return data


@pytest.fixture(scope="module")
def texts(gold: dict[str, Any]) -> dict[str, str]:
    return {d["id"]: d["text"] for d in gold["documents"]}


def _all_mentions(gold: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for kind in ("actors", "events", "quantities", "claims"):
        for item in gold[kind]:
            out += [(f"{kind}:{item['id']}", m) for m in item["mentions"]]
    out += [("times", t) for t in gold["times"]]
    return out


def test_build_reproduces_committed_json(build_gold: ModuleType) -> None:
    assert build_gold.dumps(build_gold.build()) == GOLD.read_text(encoding="utf-8"), \
        "sample.json is stale: run .venv/bin/python scripts/build_gold.py"


def test_schema_and_documents_match_manifest(gold: dict[str, Any], build_gold: ModuleType) -> None:
    assert gold["schema"] == "detente/1"
    manifest = [json.loads(x) for x in (CORPUS / "manifest.jsonl").read_text("utf-8").splitlines() if x.strip()]
    assert [d["id"] for d in gold["documents"]] == [r["id"] for r in manifest]
    for doc, row in zip(gold["documents"], manifest, strict=True):
        raw = (CORPUS / row["path"]).read_text(encoding="utf-8")
        assert doc["text"] == build_gold.normalise_text(raw)
        assert doc["published"] == row.get("published")
        assert doc["published_basis"] == ("metadata" if row.get("published") else "unknown")
        assert doc["title"] == raw.split("\n", 1)[0].strip()


def test_articles_are_short_news_articles(gold: dict[str, Any]) -> None:
    assert 16 <= len(gold["documents"]) <= 18
    for doc in gold["documents"]:
        headline, blank, _ = doc["text"].split("\n", 2)
        assert headline and blank == "", doc["id"]
        assert 150 <= len(doc["text"].split()) <= 400, doc["id"]
    assert sum(1 for d in gold["documents"] if d["published"] is None) in (1, 2)


def test_every_offset_slices_to_its_text(gold: dict[str, Any], texts: dict[str, str]) -> None:
    mentions = _all_mentions(gold)
    assert len(mentions) > 500
    for where, m in mentions:
        assert m["document"] in texts, where
        assert 0 <= m["start"] < m["end"] <= len(texts[m["document"]]), where
        assert texts[m["document"]][m["start"]:m["end"]] == m["text"], where


def test_every_referenced_actor_exists(gold: dict[str, Any]) -> None:
    ids = {a["id"] for a in gold["actors"]}
    for e in gold["events"]:
        assert set(e["source"]) | set(e["target"]) <= ids, e["id"]
        assert e["attribution"] is None or e["attribution"] in ids, e["id"]
    for q in gold["quantities"]:
        assert set(q["subjects"]) <= ids, q["id"]
    for c in gold["claims"]:
        assert c["speaker"] is None or c["speaker"] in ids, c["id"]
        assert set(c["about"]) <= ids, c["id"]


def test_actor_codes_and_countries(gold: dict[str, Any]) -> None:
    for a in gold["actors"]:
        assert a["kind"] in {"state", "person", "organization", "group"}
        if a["kind"] == "state":
            assert a["code"] == a["country"] == a["id"] and re.fullmatch(r"[A-Z]{3}", a["id"])
        else:
            assert a["code"] is None
            assert a["country"] is None or re.fullmatch(r"[A-Z]{3}", a["country"]), a["id"]


def test_no_overlapping_actor_mentions(gold: dict[str, Any]) -> None:
    spans: dict[str, list[tuple[int, int, str]]] = {}
    for a in gold["actors"]:
        for m in a["mentions"]:
            spans.setdefault(m["document"], []).append((m["start"], m["end"], a["id"]))
    for doc, items in spans.items():
        items.sort()
        for (_, e1, a1), (s2, _, a2) in zip(items, items[1:], strict=False):
            assert e1 <= s2, f"{doc}: {a1} and {a2} overlap"


def test_events_use_plover_and_valid_modality(gold: dict[str, Any], build_gold: ModuleType) -> None:
    for e in gold["events"]:
        assert e["type"] in PLOVER_TYPES, e["id"]
        assert e["modality"] in MODALITIES, e["id"]
        assert e["quad_class"] == build_gold.PLOVER_QUAD[e["type"]], e["id"]
        assert -10 <= e["intensity"] <= 10 and e["confidence"] == 1.0
        assert e["source"] or e["target"], e["id"]
        docs = [m["document"] for m in e["mentions"]]
        assert len(docs) == len(set(docs)), f"{e['id']}: one mention per document"
    types = Counter(e["type"] for e in gold["events"])
    assert len(types) >= 12, types
    assert set(MODALITIES) <= {e["modality"] for e in gold["events"]}


def test_dates_are_well_formed(gold: dict[str, Any]) -> None:
    dates = [e["date"] for e in gold["events"]] + [q["date"] for q in gold["quantities"] if q["date"]]
    for d in dates:
        assert VALUE_RE.match(d["value"]), d
        assert d["granularity"] in GRANULARITIES, d
        if d["start"]:
            assert d["end"] and d["start"] <= d["end"], d
    for t in gold["times"]:
        assert VALUE_RE.match(t["value"]), t
        assert t["type"] in {"DATE", "DURATION", "SET", "TIME"}, t


def test_undated_document_has_unresolved_relative_times(gold: dict[str, Any]) -> None:
    undated = {d["id"] for d in gold["documents"] if d["published"] is None}
    times = [t for t in gold["times"] if t["document"] in undated]
    assert times and all(t["value"] == "" and t["granularity"] == "unknown" for t in times)


def test_same_event_fused_across_outlets(gold: dict[str, Any]) -> None:
    by_id = {e["id"]: e for e in gold["events"]}
    summit = by_id["ev:xi-kim-beijing-summit"]
    assert len({m["document"] for m in summit["mentions"]}) >= 4
    assert len(summit["sources"]) >= 4
    assert "date" in by_id["ev:kim-putin-beijing-talks"]["disputed"]


def test_near_duplicate_is_marked(gold: dict[str, Any]) -> None:
    dups = [d for d in gold["documents"] if d.get("duplicate_of")]
    assert [(d["id"], d["duplicate_of"]) for d in dups] == [
        ("sample-02-xi-kim-summit-reprint", "sample-01-xi-kim-summit-wire")]


def test_quantities_and_claims_are_valid(gold: dict[str, Any]) -> None:
    for q in gold["quantities"]:
        assert isinstance(q["value"], (int, float)) and q["unit"], q["id"]
        assert q["modality"] in MODALITIES
        assert q["qualifier"] in (None, "about", "more than", "at least"), q["id"]
    for c in gold["claims"]:
        assert c["kind"] in {"quote", "assessment", "statement"}
        assert c["stance"] in {None, "support", "oppose", "silent"}
        if c["kind"] == "quote":
            joined = " ".join(m["text"] for m in c["mentions"])
            assert c["text"] == joined and '"' not in joined and "“" not in joined, c["id"]
    assert any(len(c["mentions"]) > 1 for c in gold["claims"] if c["kind"] == "quote")
    values = {q["value"] for q in gold["quantities"]}
    assert {2740000000, 12000, 28500, 95} <= values


# ----------------------------------------------------------------- the compiler itself

@pytest.mark.parametrize(
    ("spec", "expected"),
    [("Kim", None), ("Kim@2", "Kim"), ("[Kim] met", "Kim"), ("Kim Jong Un", "Kim Jong Un"), ("[Xi]", "Xi")],
)
def test_resolve_snippets(build_gold: ModuleType, spec: str, expected: str | None) -> None:
    text = "Kim Jong Un and Xi talked. Later Kim met Putin."
    if expected is None:
        with pytest.raises(build_gold.GoldError, match="ambiguous"):
            build_gold.resolve(text, spec, "t")
    else:
        s, e = build_gold.resolve(text, spec, "t")
        assert text[s:e] == expected


def test_resolve_fails_loudly_on_missing(build_gold: ModuleType) -> None:
    with pytest.raises(build_gold.GoldError, match="not found"):
        build_gold.resolve("Xi met Kim.", "Putin", "t")
    with pytest.raises(build_gold.GoldError, match="not found"):
        build_gold.resolve("Xinhua said.", "Xi", "t")  # whole words only


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-09-04", ("day", "2025-09-04", "2025-09-04")),
        ("2026-W01", ("week", "2025-12-29", "2026-01-04")),
        ("2024-02", ("month", "2024-02-01", "2024-02-29")),
        ("2026-Q1", ("quarter", "2026-01-01", "2026-03-31")),
        ("201X", ("decade", "2010-01-01", "2019-12-31")),
        ("2026-06-08/2026-06-09", ("day", "2026-06-08", "2026-06-09")),
        ("", ("unknown", None, None)),
    ],
)
def test_date_bounds(build_gold: ModuleType, value: str, expected: tuple[str, str | None, str | None]) -> None:
    assert build_gold.bounds(value) == expected


def test_normaliser_matches_ingest_rule(build_gold: ModuleType) -> None:
    assert build_gold.normalise_text("  Gusma\u0303o\r\nsaid\r \n") == "Gusm\u00e3o\nsaid"
