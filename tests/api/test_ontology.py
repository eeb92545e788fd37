"""GET /api/ontology: the event types, quad classes and modalities, from detente.model."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from detente.api import create_app
from detente.model import MODALITIES, PLOVER_QUAD_CLASS, QUAD_CLASSES
from detente.settings import Settings


def test_ontology_lists_the_model_types_in_order(tmp_path: Path) -> None:
    settings = Settings()
    settings.db = str(tmp_path / "o.db")
    with TestClient(create_app(settings, token="")) as client:
        r = client.get("/api/ontology")
    assert r.status_code == 200
    data = r.json()
    assert [(t["name"], t["quad_class"]) for t in data["types"]] == list(PLOVER_QUAD_CLASS.items())
    assert {q["id"]: q["name"] for q in data["quad_classes"]} == QUAD_CLASSES
    assert data["modalities"] == list(MODALITIES)
