"""GET /api/ontology: the event types, quad classes and modalities, from detente.model."""

from __future__ import annotations

import httpx

from detente.model import MODALITIES, PLOVER_QUAD_CLASS, QUAD_CLASSES
from tests.api.live import LiveServer


def test_ontology_lists_the_model_types_in_order(live: LiveServer) -> None:
    r = httpx.get(live.url + "/api/ontology", timeout=60)
    assert r.status_code == 200
    data = r.json()
    assert [(t["name"], t["quad_class"]) for t in data["types"]] == list(PLOVER_QUAD_CLASS.items())
    assert {q["id"]: q["name"] for q in data["quad_classes"]} == QUAD_CLASSES
    assert data["modalities"] == list(MODALITIES)
