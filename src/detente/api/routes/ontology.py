"""The PLOVER ontology the store is coded in: event types, quad classes, modalities.

The web UI builds its filters from this instead of a copy of the lists.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from ...model import MODALITIES, PLOVER_QUAD_CLASS, QUAD_CLASSES
from ..render import JSONRoute

router = APIRouter(route_class=JSONRoute)


@router.get("/ontology", tags=["system"], summary="Event types with their quad classes, and the modalities")
def ontology() -> dict[str, Any]:
    return {
        "types": [{"name": t, "quad_class": q} for t, q in PLOVER_QUAD_CLASS.items()],
        "quad_classes": [{"id": q, "name": name} for q, name in QUAD_CLASSES.items()],
        "modalities": list(MODALITIES),
    }
