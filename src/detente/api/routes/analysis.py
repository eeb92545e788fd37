"""Analyses: relations between two actors, the interaction network, what changed in a window, briefings.

Each endpoint calls one function of :mod:`detente.analysis` (timeline, relations, network, changes
or brief) and returns its result as JSON; none holds logic of its own
beyond picking the key events of a relation for display.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query, Response

from ...analysis.brief import md_unescape
from ...analysis.changes import changes
from ...analysis.network import Network, NetworkTable, network_table
from ...analysis.relations import relations_and_summary
from ...model import to_json
from ...store import Store
from ..deps import read_store
from ..params import MAX_OFFSET
from ..problems import Problem
from ..render import JSONRoute
from .events import PERIOD, entry_json, timeline_entry_json

router = APIRouter(tags=["analysis"], route_class=JSONRoute)

Period = Annotated[str | None, Query(pattern=PERIOD, description="YYYY, YYYY-MM or YYYY-MM-DD")]
ActorRef = Annotated[str, Query(min_length=1, max_length=200, description="actor id, name, alias or ISO3 code")]
KEY_EVENTS = 12
TOP, TREND_ENTRIES, MAX_TOP = 50, 5, 1000  # /changes: each list's most active or first, each trend's first events
NEW_EVENTS, MAX_NEW_EVENTS = 100, 1000  # /changes: a page of the window's events by default, and at most
EDGES, MAX_EDGES = 2000, 1_000_000  # /network: the heaviest edges by default (a drawing's worth), and at most


def _actor(a: Any) -> dict[str, Any]:
    data: dict[str, Any] = to_json(a)
    data.pop("mentions", None)
    return data


@router.get("/relations", summary="How two actors interact over time, their standing ties and key events")
def get_relations(store: Annotated[Store, Depends(read_store)], a: ActorRef, b: ActorRef,
                  by: Literal["month", "year"] = "month", date_from: Annotated[Period, Query(alias="from")] = None,
                  date_to: Annotated[Period, Query(alias="to")] = None) -> dict[str, Any]:
    rel, summary = relations_and_summary(store, a, b, by=by, since=date_from, until=date_to, key=KEY_EVENTS)
    return {
        "a": _actor(rel.a), "b": _actor(rel.b), "by": rel.by, "undated": rel.undated,
        # to_json(rel.periods) written out: the busiest pair's periods list ~36,000 event ids
        "periods": [{"period": p.period, "counts": dict(p.counts), "intensity": p.intensity, "events": [*p.events]}
                    for p in rel.periods],
        "ties": to_json(rel.ties),
        "events": summary.events, "cooperation": summary.cooperation, "conflict": summary.conflict,
        "key_events": [entry_json(t) for t in summary.key_events],
    }


@router.get("/network", summary="Who interacts with whom: nodes, weighted edges and communities")
def get_network(store: Annotated[Store, Depends(read_store)],
                date_from: Annotated[Period, Query(alias="from")] = None,
                date_to: Annotated[Period, Query(alias="to")] = None,
                level: Annotated[Literal["state", "actor"], Query(description="states (people counted with "
                                                                  "their state) or every actor")] = "state",
                max_edges: Annotated[int, Query(ge=0, le=MAX_EDGES, description="at most this many edges, the "
                                                "heaviest (edges_total says how many there are; degrees and "
                                                "communities count them all)")] = EDGES,
                ) -> dict[str, Any]:
    table = network_table(store, since=date_from, until=date_to, level=level)
    data = table_json(table, max_edges)
    data["edges_total"] = len(table.edge_a)
    return data


def table_json(t: NetworkTable, max_edges: int | None = None) -> dict[str, Any]:
    """:func:`network_json` of ``t.network()``, written from its columns (no object per edge); ``max_edges``:
    only the first (the heaviest: the network's order) that many edges."""
    kept = len(t.edge_a) if max_edges is None else min(max_edges, len(t.edge_a))
    return {
        "nodes": [{"id": i, "name": name, "events": n, "degree": d, "weighted_degree": w, "community": c}
                  for i, name, n, d, w, c in zip(t.node_id, t.node_name, t.node_events, t.node_degree,
                                                 t.node_weighted, t.node_community, strict=True)],
        "edges": [{"a": a, "b": b, "events": n, "cooperation": coop, "conflict": conflict, "intensity": x}
                  for a, b, n, coop, conflict, x in zip(t.edge_a[:kept], t.edge_b[:kept], t.edge_events[:kept],
                                                        t.edge_cooperation[:kept], t.edge_conflict[:kept],
                                                        t.edge_intensity[:kept], strict=True)],
        "communities": [list(c) for c in t.communities],
    }


def network_json(net: Network) -> dict[str, Any]:
    """``to_json(net)`` written out: a whole network's tens of thousands of edges, one dict each, no reflection."""
    return {
        "nodes": [{"id": n.id, "name": n.name, "events": n.events, "degree": n.degree,
                   "weighted_degree": n.weighted_degree, "community": n.community} for n in net.nodes],
        "edges": [{"a": e.a, "b": e.b, "events": e.events, "cooperation": e.cooperation, "conflict": e.conflict,
                   "intensity": e.intensity} for e in net.edges],
        "communities": [list(c) for c in net.communities],
    }


@router.get("/changes", summary="What is new in a window compared with everything before it")
def get_changes(store: Annotated[Store, Depends(read_store)],
                since: Annotated[str | None, Query(pattern=PERIOD, description="start of the window (default: the "
                                                   "store's latest period, stated in window_reason)")] = None,
                until: Period = None,
                about: Annotated[list[str], Query(description="limit to these actors")] = [],  # noqa: B006
                limit: Annotated[int, Query(ge=0, le=MAX_NEW_EVENTS, description="new_events: how many "
                                            "(new_events_total says how many there are)")] = NEW_EVENTS,
                offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="new_events: how many to skip")] = 0,
                top: Annotated[int, Query(ge=0, le=MAX_TOP, description="at most this many ties, new pairs, "
                                          "trends and new actors: the most active new pairs and trends, the "
                                          "first ties and new actors (ties_total, new_pairs_total, trends_total "
                                          "and new_actors_total say how many there are)")] = TOP,
                trend_entries: Annotated[int, Query(ge=0, le=MAX_TOP, description="each trend's first events: "
                                                    "how many (entries_total says how many it has)")] = TREND_ENTRIES,
                ) -> dict[str, Any]:
    result = changes(store, since, until, about=[x.strip() for v in about for x in v.split(",") if x.strip()],
                     limit=limit, offset=offset, top=top, trend_entries=trend_entries)
    # the events of the page and each new pair's first are written as /api/events writes them, a trend's
    # events as reflection wrote them, field by field (a year's trends hold thousands)
    page, result.new_events = result.new_events, []
    pairs, result.new_pairs = result.new_pairs, []
    trends = [(t, t.entries) for t in result.trends]
    for t, _ in trends:
        t.entries = []
    data: dict[str, Any] = to_json(result)
    for written, (_, entries) in zip(data["trends"], trends, strict=True):
        written["entries"] = [timeline_entry_json(x) for x in entries]  # the last field: the order is kept
    data["new_events"] = [entry_json(t) for t in page]
    data["new_pairs"] = [{"a": p.a, "b": p.b, "first": entry_json(p.first)} for p in pairs]
    return data


# -- briefing ---------------------------------------------------------------------

_REF = re.compile(r"^\[(\d+)\] (\S+) (\d+)–(\d+) “(.*)” — (.*)$")
_CITES = re.compile(r"((?:\[\d+\])+)")


def parse_brief(markdown: str) -> dict[str, Any]:
    """The Markdown briefing as data: sections of lines of (text, citation numbers), and references.

    Lets the web UI link every citation to its evidence without rendering HTML.
    """
    out: dict[str, Any] = {"title": "", "window": "", "sections": [], "references": []}
    section: dict[str, Any] | None = None
    for line in markdown.splitlines():
        if line.startswith("# "):
            out["title"] = md_unescape(line[2:].strip())
        elif line.startswith("*Window: "):
            out["window"] = md_unescape(line.strip("*").split(".", 1)[0].removeprefix("Window: "))
        elif line.startswith("## "):
            name = line[3:].strip()
            section = None if name == "References" else {"name": name, "lines": []}
            if section is not None:
                out["sections"].append(section)
        elif line.startswith("- ") and section is not None:
            body = line[2:].rstrip()
            body = body[:-1] if body.endswith(".") else body
            parts, pending = [], ""
            for piece in _CITES.split(body):
                if _CITES.fullmatch(piece):
                    cites = [int(n) for n in re.findall(r"\d+", piece)]
                    parts.append({"text": md_unescape(pending), "cites": cites})
                    pending = ""
                else:
                    pending += piece
            if pending.strip():
                parts.append({"text": md_unescape(pending), "cites": []})
            section["lines"].append(parts)
        elif (m := _REF.match(line)) is not None:
            publisher, _, published = m[6].rpartition(", ")
            out["references"].append({"n": int(m[1]), "document": md_unescape(m[2]), "start": int(m[3]), "end": int(m[4]),
                                      "evidence": md_unescape(m[5]), "publisher": md_unescape(publisher or m[6]),
                                      "published": md_unescape(published)})
    return out


@router.get("/brief", summary="A briefing about some actors in which every sentence cites its evidence",
            responses={200: {"content": {"application/json": {}, "text/markdown": {}, "text/html": {}}}})
def get_brief(store: Annotated[Store, Depends(read_store)],
              about: Annotated[list[str], Query(min_length=1, description="actors (repeat or comma-separate)")],
              date_from: Annotated[Period, Query(alias="from")] = None,
              date_to: Annotated[Period, Query(alias="to")] = None,
              format: Literal["json", "md", "html"] = "json",  # noqa: A002 - the public parameter name
              ) -> Any:
    from ...analysis.brief import brief

    refs = [x.strip() for v in about for x in v.split(",") if x.strip()]
    if not refs:
        raise Problem(422, "about: name at least one actor", slug="invalid-parameters", title="Invalid parameters")
    if format == "json":
        data = parse_brief(brief(store, refs, since=date_from, until=date_to, fmt="md"))
        data["about"] = refs
        return data
    text = brief(store, refs, since=date_from, until=date_to, fmt=format)
    media = "text/markdown; charset=utf-8" if format == "md" else "text/html; charset=utf-8"
    # served as a download: the HTML is escaped, but it is never rendered inside this origin's pages
    return Response(text, media_type=media,
                    headers={"Content-Disposition": f'attachment; filename="briefing.{format}"'})
