"""Positions: an actor's position on each issue as a dated step line, the sources behind every step."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from ...analysis.positions import position_lines
from ...model import to_json
from ...store import Store
from ..deps import read_store
from ..render import JSONRoute

router = APIRouter(tags=["positions"], route_class=JSONRoute)


@router.get("/positions", summary="An actor's positions on each issue through time, every step with its sources")
def get_positions(
    store: Annotated[Store, Depends(read_store)],
    actor: Annotated[str, Query(min_length=1, max_length=200,
                                description="name, alias, id or ISO3 code; a state includes its officials")],
    issue: Annotated[str | None, Query(max_length=100, description="issue id or a word of its label")] = None,
) -> dict[str, Any]:
    lines = position_lines(store, actor, issue)
    return {"actor": actor, "issue": issue, "lines": to_json(lines)}
