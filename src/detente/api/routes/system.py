"""Health, statistics, the overview, search and export."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import tempfile
import zipfile
from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from ... import __version__
from ...analysis.changes import search as search_text
from ...analysis.network import busiest
from ...export import export_data, write_csv, write_jsonl
from ...model import to_json
from ...store import Store
from ..deps import read_store
from ..render import JSONRoute

router = APIRouter(route_class=JSONRoute)


@router.get("/health", tags=["system"], summary="Is the server up, and which version")
def health(store: Annotated[Store, Depends(read_store)]) -> dict[str, Any]:
    return {"status": "ok", "version": __version__, "schema_version": store.schema_version}


@router.get("/stats", tags=["system"], summary="Counts of what the store holds")
def stats(store: Annotated[Store, Depends(read_store)]) -> dict[str, Any]:
    data = store.stats()
    data.pop("path", None)  # the server's file layout is not the client's business
    return data


@router.get("/overview", tags=["system"], summary="Counts, latest documents, most active actors and state pairs")
def overview(store: Annotated[Store, Depends(read_store)],
             top: Annotated[int, Query(ge=1, le=50)] = 10) -> dict[str, Any]:
    data = store.stats()
    data.pop("path", None)
    tops = busiest(store, top)
    names = tops.names
    return {
        "stats": data,
        "latest_documents": [dataclasses.asdict(r) for r in store.documents(limit=top)],
        "top_actors": [{"id": n.id, "name": n.name, "events": n.events} for n in tops.actors],
        "top_pairs": [{"a": e.a, "b": e.b, "a_name": names.get(e.a, e.a), "b_name": names.get(e.b, e.b),
                       "events": e.events, "cooperation": e.cooperation, "conflict": e.conflict}
                      for e in tops.pairs],
    }


@router.get("/search", tags=["search"], summary="Full-text search over documents, quotes and event evidence, "
            "and actors by name")
def search(store: Annotated[Store, Depends(read_store)],
           q: Annotated[str, Query(min_length=1, max_length=500)],
           limit: Annotated[int, Query(ge=1, le=200)] = 20) -> dict[str, Any]:
    needle = q.strip()
    if not needle:
        return {"query": q, "hits": [], "actors": []}
    hits = [dict(to_json(hit), parts=snippet_parts(hit.snippet)) for hit in search_text(store, needle, limit=limit)]
    titles = store.document_rows(h["document"] for h in hits)
    for h in hits:
        row = titles.get(h["document"])
        h["title"] = h["title"] or (row.title if row else None)
    items = []
    for a, mentions in store.actors_matching(needle, limit):
        data = to_json(a)
        data.pop("mentions", None)
        data["mention_count"] = mentions
        items.append(data)
    return {"query": q, "hits": hits, "actors": items}


def snippet_parts(snippet: str) -> list[dict[str, Any]]:
    """A search snippet as text parts, the matched ones flagged, so clients never parse markup."""
    parts: list[dict[str, Any]] = []
    at = 0
    for m in re.finditer(r"\[([^\[\]]+)\]", snippet):
        if m.start() > at:
            parts.append({"text": snippet[at:m.start()], "match": False})
        parts.append({"text": m.group(1), "match": True})
        at = m.end()
    if at < len(snippet):
        parts.append({"text": snippet[at:], "match": False})
    return parts


@router.get("/export", tags=["export"], summary="The whole store in the detente/1 format",
            responses={200: {"content": {"application/json": {}, "application/x-ndjson": {},
                                         "application/zip": {}}}})
def export(store: Annotated[Store, Depends(read_store)],
           format: Literal["json", "jsonl", "csv"] = "json",  # noqa: A002 - the public parameter name
           text: Annotated[bool, Query(description="include document texts")] = True) -> Response:
    data = export_data(store, include_text=text)
    if format == "json":
        body = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
        return Response(body, media_type="application/json",
                        headers={"Content-Disposition": 'attachment; filename="detente.json"'})
    if format == "jsonl":
        buf = io.StringIO()
        write_jsonl(data, buf)
        return Response(buf.getvalue(), media_type="application/x-ndjson",
                        headers={"Content-Disposition": 'attachment; filename="detente.jsonl"'})
    out = io.BytesIO()
    with tempfile.TemporaryDirectory(prefix="detente-export-") as tmp:
        paths = write_csv(data, Path(tmp))
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in paths:
                zf.write(path, f"detente/{path.name}")
    return Response(out.getvalue(), media_type="application/zip",
                    headers={"Content-Disposition": 'attachment; filename="detente-csv.zip"'})
