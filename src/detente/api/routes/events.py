"""Events (the timeline): filtered and paged, and one event with its sources in context."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Query

from ...analysis import TimelineEntry, TimelinePage, in_order, timeline, timeline_page
from ...model import MODALITIES, PLOVER_TYPES, Event, to_json
from ...store import Store
from ..deps import read_store
from ..filters import EventQuery, ids_of, names_for, post_filter
from ..params import Offset
from ..problems import Problem
from ..render import JSONRoute

router = APIRouter(tags=["events"], route_class=JSONRoute)

PERIOD = r"^\d{4}(-\d{2}(-\d{2})?)?$"
CONTEXT = 280  # characters of article shown on each side of an evidence span


def invalid(detail: str) -> Problem:
    return Problem(422, detail, slug="invalid-parameters", title="Invalid parameters")


def _split(values: list[str]) -> list[str]:
    """Accept both ``?x=a&x=b`` and ``?x=a,b``."""
    return [v.strip() for value in values for v in value.split(",") if v.strip()]


def event_query(
    actor: Annotated[list[str], Query(description="actor id, name, alias or ISO3 code (a state includes "
                                      "everyone acting for it); repeat or comma-separate: any of them")] = [],  # noqa: B006
    pair: Annotated[str | None, Query(pattern=r"^[^,]+,[^,]+$", description="two actors, A,B: events "
                                      "between them")] = None,
    type: Annotated[list[str], Query(description="PLOVER type(s), any of")] = [],  # noqa: B006
    quad_class: Annotated[list[int], Query(description="1 verbal cooperation, 2 material cooperation, "
                                           "3 verbal conflict, 4 material conflict")] = [],  # noqa: B006
    modality: Annotated[list[str], Query(description="asserted, negated, hypothetical, future, prescriptive "
                                         "(default: see the endpoint)")] = [],  # noqa: B006
    date_from: Annotated[str | None, Query(pattern=PERIOD, alias="from", description="YYYY[-MM[-DD]]")] = None,
    date_to: Annotated[str | None, Query(pattern=PERIOD, alias="to", description="YYYY[-MM[-DD]]")] = None,
    publisher: Annotated[list[str], Query(description="publisher reporting it (any of)")] = [],  # noqa: B006
    document: Annotated[list[str], Query(description="document id reporting it (any of)")] = [],  # noqa: B006
    q: Annotated[str | None, Query(max_length=200, description="words in the evidence")] = None,
) -> EventQuery:
    """Parse and check the event filters."""
    types = [t.upper() for t in _split(type)]
    bad = [t for t in types if t not in PLOVER_TYPES]
    if bad:
        raise invalid(f"type: unknown event type(s) {', '.join(bad)}; use {', '.join(PLOVER_TYPES)}")
    mods = _split(modality)
    bad = [m for m in mods if m not in MODALITIES]
    if bad:
        raise invalid(f"modality: unknown {', '.join(bad)}; use {', '.join(MODALITIES)}")
    if any(c not in (1, 2, 3, 4) for c in quad_class):
        raise invalid("quad_class: must be 1, 2, 3 or 4")
    pair_t = None
    if pair:
        a, b = (p.strip() for p in pair.split(",", 1))
        pair_t = (a, b)
    return EventQuery(actors=_split(actor), pair=pair_t, types=types, quad_classes=list(quad_class),
                      modalities=mods, date_from=date_from, date_to=date_to, publishers=_split(publisher),
                      documents=_split(document), text=q)


def _checked_bounds(query: EventQuery) -> None:
    from ...analysis import date_bound

    since = date_bound(query.date_from, name="from")
    until = date_bound(query.date_to, end=True, name="to")
    if since and until and since > until:
        raise invalid(f"from ({query.date_from}) is after to ({query.date_to})")


def run_timeline(store: Store, query: EventQuery, default_modalities: tuple[str, ...]) -> list[TimelineEntry]:
    """The analysis timeline for ``query`` plus the filters it does not take."""
    _checked_bounds(query)
    entries = timeline(store, actors=query.actors, pair=query.pair, types=query.types or None,
                       since=query.date_from, until=query.date_to,
                       modality=tuple(query.modalities) or default_modalities)
    return post_filter(entries, query)


def page_timeline(store: Store, query: EventQuery, default_modalities: tuple[str, ...], order: str, limit: int,
                  offset: int) -> TimelinePage:
    """One page of the timeline for ``query``: built for the page alone unless Python-side filters are asked
    (quad class is the merged event's, which the index rows carry: the page takes it)."""
    if query.publishers or query.documents or query.text:
        entries = in_order(run_timeline(store, query, default_modalities), order)
        return TimelinePage(total=len(entries), entries=entries[offset:offset + limit])
    _checked_bounds(query)
    return timeline_page(store, actors=query.actors, pair=query.pair, types=query.types or None,
                         since=query.date_from, until=query.date_to,
                         modality=tuple(query.modalities) or default_modalities, limit=limit, offset=offset,
                         order=order, quad_classes=query.quad_classes)


def event_json(ev: Event) -> dict[str, Any]:
    """``to_json(ev)`` written out field by field: a page of a thousand events spent a quarter of its
    time in ``to_json``'s reflection.  The same keys in the same order (tests/api/test_entry_json.py
    compares the two on varied events and a real store)."""
    d, loc = ev.date, ev.location
    return {
        "id": ev.id, "type": ev.type, "mode": ev.mode, "source": [*ev.source], "target": [*ev.target],
        "date": {"value": d.value, "granularity": d.granularity, "start": d.start, "end": d.end, "basis": d.basis},
        "location": None if loc is None else {"name": loc.name, "country": loc.country, "kind": loc.kind},
        "modality": ev.modality, "attribution": ev.attribution, "quad_class": ev.quad_class,
        "intensity": ev.intensity, "confidence": ev.confidence,
        "mentions": [{"document": m.document, "start": m.start, "end": m.end, "text": m.text} for m in ev.mentions],
        "trigger": ev.trigger, "disputed": [*ev.disputed], "sources": [*ev.sources],
        "variants": to_json(ev.variants) if ev.variants else [],
    }


def entry_json(t: TimelineEntry) -> dict[str, Any]:
    """:func:`event_json` of the entry's event and the entry's wording, as the event lists write them."""
    data = event_json(t.event)
    data.update(summary=t.summary, label=t.label, source_names=t.source_names, target_names=t.target_names)
    return data


def timeline_entry_json(t: TimelineEntry) -> dict[str, Any]:
    """``to_json(t)`` written out field by field (a trend's events in "what changed": thousands of them in
    a year); the same keys in the same order (tests/api/test_entry_json.py)."""
    d = t.date
    return {"event": event_json(t.event),
            "date": {"value": d.value, "granularity": d.granularity, "start": d.start, "end": d.end,
                     "basis": d.basis},
            "label": t.label, "summary": t.summary, "source_names": [*t.source_names],
            "target_names": [*t.target_names], "sources": [*t.sources],
            "mentions": [{"document": m.document, "start": m.start, "end": m.end, "text": m.text} for m in t.mentions],
            "disputed": [*t.disputed]}


def _page(store: Store, page: TimelinePage, limit: int, offset: int) -> dict[str, Any]:
    events = [t.event for t in page.entries]
    return {"total": page.total, "limit": limit, "offset": offset, "items": [entry_json(t) for t in page.entries],
            "actors": names_for(events, store.actor_labels(ids_of(events)))}


Order = Annotated[Literal["asc", "desc"], Query(description="by date; undated events come last")]
Limit = Annotated[int, Query(ge=1, le=1000)]


@router.get("/events", summary="Events (real-world events, fused across articles), filtered and paged",
            description="Every modality unless `modality` is given; each non-asserted event is labelled.")
def list_events(store: Annotated[Store, Depends(read_store)], query: Annotated[EventQuery, Depends(event_query)],
                order: Order = "asc", limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return _page(store, page_timeline(store, query, MODALITIES, order, limit, offset), limit, offset)


@router.get("/timeline", summary="The timeline: asserted events in date order (same filters as /events)",
            description="Only asserted events unless `modality` asks for others.")
def get_timeline(store: Annotated[Store, Depends(read_store)], query: Annotated[EventQuery, Depends(event_query)],
                 order: Order = "asc", limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return _page(store, page_timeline(store, query, ("asserted",), order, limit, offset), limit, offset)


@router.get("/events/{event_id}", summary="One event with each source's evidence in its context")
def get_event(event_id: str, store: Annotated[Store, Depends(read_store)]) -> dict[str, Any]:
    found = store.events([event_id])
    if not found:
        raise Problem(404, f"no event with id {event_id!r}", slug="not-found")
    event = found[0]
    data: dict[str, Any] = to_json(event)
    rows = store.document_rows(m.document for m in event.mentions)
    texts = store.document_texts(m.document for m in event.mentions)
    sources = []
    for m in event.mentions:
        doc, text = rows.get(m.document), texts.get(m.document)
        if doc is None or text is None:
            continue
        start, end = max(0, min(m.start, len(text))), max(0, min(m.end, len(text)))
        before_at, after_to = max(0, start - CONTEXT), min(len(text), end + CONTEXT)
        sources.append({
            "document": doc.id, "title": doc.title, "source": doc.source, "published": doc.published,
            "url": doc.url, "start": start, "end": end,
            "before": text[before_at:start], "evidence": text[start:end], "after": text[end:after_to],
            "clipped_before": before_at > 0, "clipped_after": after_to < len(text),
        })
    data["evidence"] = sources
    data["actors"] = names_for([event], store.actor_labels(ids_of([event])))
    return data
