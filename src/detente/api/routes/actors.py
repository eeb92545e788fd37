"""Actors: states, people, organisations and groups found in the articles."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from ...model import to_json
from ...store import Store
from ..deps import read_store
from ..params import Offset
from ..problems import Problem
from ..render import JSONRoute

router = APIRouter(tags=["actors"], route_class=JSONRoute)

Kind = Literal["state", "person", "organization", "group"]


def _summary(actor: Any, mentions: int, documents: int) -> dict[str, Any]:
    data: dict[str, Any] = to_json(actor)
    data.pop("mentions", None)
    data["mention_count"] = mentions
    data["document_count"] = documents
    return data


@router.get("/actors", summary="Actors, optionally filtered by kind, country or name")
def list_actors(
    store: Annotated[Store, Depends(read_store)],
    kind: Kind | None = None,
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3")] = None,
    q: Annotated[str | None, Query(max_length=200, description="part of a name or alias")] = None,
    sort: Literal["name", "mentions"] = "name",
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    offset: Offset = 0,
) -> dict[str, Any]:
    rows = store.actor_summaries(kind, country)  # by name, with the counts the store keeps (no mention read)
    if q:
        needle = q.casefold()
        rows = [r for r in rows if needle in r[0].name.casefold() or any(needle in x.casefold() for x in r[0].aliases)]
    if sort == "mentions":
        rows.sort(key=lambda r: (-r[1], r[0].name))
    return {"total": len(rows), "limit": limit, "offset": offset,
            "items": [_summary(*r) for r in rows[offset:offset + limit]]}


@router.get("/actors/{actor_id:path}", summary="One actor with its mention counts and the mentions in a page of its documents")
def get_actor(
    actor_id: str,
    store: Annotated[Store, Depends(read_store)],
    documents_limit: Annotated[int, Query(ge=1, le=1000, description=(
        "the mentions in this many of the documents mentioning it (in id order); page on with documents_offset"))] = 100,
    documents_offset: Offset = 0,
) -> dict[str, Any]:
    actor = store.actor(actor_id, documents_limit, documents_offset)
    if actor is None:
        raise Problem(404, f"no actor with id {actor_id!r}", slug="not-found")
    data: dict[str, Any] = to_json(actor)
    # the totals, not the page's: a state may be mentioned in tens of thousands of documents
    data["mention_count"], data["document_count"] = store.actor_counts(actor.id)
    data["documents_limit"], data["documents_offset"] = documents_limit, documents_offset
    return data
