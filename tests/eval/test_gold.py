"""The evaluator's matching rules, on hand-made gold and predictions."""

from __future__ import annotations

import copy
import io
import json

import pytest

from detente.eval.gold import evaluate, format_table, same_actor
from detente.export import export
from detente.store import Store
from tests.helpers import make_extraction


@pytest.fixture
def gold() -> dict:
    s = Store(":memory:")
    s.add(make_extraction("d1"), content_hash="h1")
    s.add(make_extraction("d2", text="Beijing and Pyongyang signed a pact on Monday.", source="B"),
          content_hash="h2")
    s.set_event_clusters({"ev-d2": "ev-d1"})
    buf = io.StringIO()
    export(s, "json", out=buf)
    return json.loads(buf.getvalue())


def scores(result: dict) -> dict[str, dict]:
    return {s["name"]: s for s in result["scores"]}


def test_perfect_prediction_scores_one(gold: dict) -> None:
    r = scores(evaluate(gold, copy.deepcopy(gold)))
    for name in ("actor mentions", "actor country", "events", "times (value)", "quantities", "claims",
                 "event fusion (pairwise)"):
        assert r[name]["f1"] == 1.0, name
    assert r["events"]["non_asserted_emitted_as_asserted"] == 0


def test_modality_must_agree_and_leaks_are_counted(gold: dict) -> None:
    gold["events"][0]["modality"] = "hypothetical"
    pred = copy.deepcopy(gold)
    pred["events"][0]["modality"] = "asserted"
    r = scores(evaluate(gold, pred))
    assert r["events"]["matched"] == 0
    assert r["events (type only)"]["matched"] == 2
    assert r["events"]["non_asserted_emitted_as_asserted"] == 2


def test_event_date_must_overlap(gold: dict) -> None:
    pred = copy.deepcopy(gold)
    pred["events"][0]["date"] = {"value": "2024-01", "granularity": "month", "start": "2024-01-01",
                                 "end": "2024-01-31"}
    assert scores(evaluate(gold, pred))["events"]["matched"] == 0
    pred["events"][0]["date"] = {"value": "2025-09", "granularity": "month", "start": "2025-09-01",
                                 "end": "2025-09-30"}
    assert scores(evaluate(gold, pred))["events"]["matched"] == 2


def test_unfused_prediction_loses_fusion_recall(gold: dict) -> None:
    pred = copy.deepcopy(gold)
    ev = pred["events"][0]
    second = copy.deepcopy(ev)
    second["id"] = "other"
    second["mentions"] = ev["mentions"][1:]
    ev["mentions"] = ev["mentions"][:1]
    pred["events"].append(second)
    r = scores(evaluate(gold, pred))
    assert r["events"]["f1"] == 1.0
    assert r["event fusion (pairwise)"]["recall"] == 0.0


def test_wrong_actor_and_country(gold: dict) -> None:
    pred = copy.deepcopy(gold)
    for a in pred["actors"]:
        if a["id"] == "PRK":
            a["code"] = a["country"] = "KOR"
    r = scores(evaluate(gold, pred))
    assert r["actor mentions"]["accuracy"] == 0.5
    assert r["events"]["matched"] == 0  # target state is now wrong


def test_quantity_value_tolerance(gold: dict) -> None:
    pred = copy.deepcopy(gold)
    pred["quantities"][0]["value"] = 2.74e9 * 1.005
    assert scores(evaluate(gold, pred))["quantities"]["f1"] == 1.0
    pred["quantities"][0]["value"] = 2.9e9
    assert scores(evaluate(gold, pred))["quantities"]["recall"] == 0.5  # the other document still matches


def test_documents_matched_by_text_when_ids_differ(gold: dict) -> None:
    pred = copy.deepcopy(gold)
    text = json.dumps(pred).replace('"d1"', '"other-id"')
    r = evaluate(gold, json.loads(text))
    assert r["documents"]["matched"] == 2
    assert scores(r)["quantities"]["f1"] == 1.0
    assert "actor mentions" in format_table(r)


@pytest.mark.parametrize(("g", "p", "same"), [
    ({"id": "PRK", "kind": "state", "code": "PRK", "name": "North Korea"},
     {"id": "x", "kind": "state", "code": "PRK", "name": "DPRK"}, True),
    ({"id": "a", "kind": "person", "name": "Kim Jong Un", "aliases": []},
     {"id": "b", "kind": "person", "name": "Kim Jong-un", "aliases": []}, True),
    ({"id": "a", "kind": "person", "name": "Kim Jong Un", "aliases": []},
     {"id": "b", "kind": "person", "name": "Kim Yo Jong", "aliases": ["Kim"]}, False),
    ({"id": "a", "kind": "person", "name": "Wang Yi", "aliases": ["Foreign Minister Wang"]},
     {"id": "b", "kind": "person", "name": "Foreign Minister Wang", "aliases": []}, True),
])
def test_same_actor(g: dict, p: dict, same: bool) -> None:
    assert same_actor(g, p) is same
