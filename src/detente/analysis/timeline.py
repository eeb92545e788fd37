"""Timelines: real-world events in date order, filtered by actors, pair, types, dates and modality.

Asserted events are the default; other modalities (future, hypothetical, ...)
only when asked, and then labelled.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ..errors import InputError
from ..model import Actor
from ..store import Store
from ..store.leads import pair_key
from .common import (
    ASSERTED,
    TimelineEntry,
    actor_refs,
    date_bound,
    describe,
    overlaps,
    resolve_actor,
    span_overlaps,
    state_code,
)

T = TypeVar("T")


def timeline(store: Store, actors: Sequence[str] = (), pair: tuple[str, str] | None = None,
             types: Sequence[str] | None = None, since: str | None = None, until: str | None = None,
             modality: Sequence[str] = ASSERTED) -> list[TimelineEntry]:
    """Real-world events in date order (undated last), filtered by actors, a pair, types, dates, modality.

    ``actors``: events involving any of them; ``pair``: events involving both.
    ``since``/``until`` accept YYYY, YYYY-MM or YYYY-MM-DD; undated events are
    left out when a range is given.
    """
    since, until = date_bound(since, name="since"), date_bound(until, end=True, name="until")
    found = [resolve_actor(store, a) for a in actors]
    both = (resolve_actor(store, pair[0]), resolve_actor(store, pair[1])) if pair else None
    ids = cluster_ids(store, found, both, types or (), modality, since, until)
    return build_entries(store, ids, since, until, modality)


def dyad_pairs(actors: Sequence[Actor], pair: tuple[Actor, Actor] | None) -> list[tuple[str, str]] | None:
    """The ``event_dyads`` keys serving these filters: a pair of states, or states alone; else None."""
    if pair and not actors:
        codes = (state_code(pair[0]), state_code(pair[1]))
        if codes[0] and codes[1]:
            return [(codes[0], codes[1])]
    if actors and not pair:
        states = [state_code(a) for a in actors]
        if all(states):
            return [(c, c) for c in states if c]
    return None


def cluster_ids(store: Store, actors: Sequence[Actor], pair: tuple[Actor, Actor] | None, types: Sequence[str],
                 modality: Sequence[str], since: str | None, until: str | None) -> list[str]:
    """Ids of real-world events with a mention matching the filters (see :func:`timeline`).

    States alone (a pair of states, or states' timelines) are read from the
    ``event_dyads`` index, which carries the date; people and organisations go
    through ``event_actors``.
    """
    dyads = dyad_pairs(actors, pair)
    if dyads is not None:
        return store.dyad_cluster_ids(dyads, types=types, modalities=modality, since=since, until=until)
    wanted = [ref for a in actors for ref in actor_refs(a)]
    sides = (actor_refs(pair[0]), actor_refs(pair[1])) if pair else None
    return store.event_cluster_ids(actors=wanted, countries=wanted, pair=sides, types=types,
                                   modalities=modality, since=since, until=until)


@dataclass(slots=True)
class TimelinePage:
    """One page of a timeline and the number of entries in the whole of it."""

    total: int
    entries: list[TimelineEntry]


def _latest_first(items: list[T], start: Callable[[T], str | None]) -> list[T]:
    """Items in timeline order reversed for the dated ones; undated ones stay last."""
    dated = [x for x in items if start(x)]
    return dated[::-1] + [x for x in items if not start(x)]


def in_order(entries: list[TimelineEntry], order: str) -> list[TimelineEntry]:
    """``asc`` as :func:`timeline` gives them; ``desc``: latest first, undated still last."""
    return _latest_first(entries, lambda t: t.date.start) if order == "desc" else entries


def lead_order(lead: dict[str, Any]) -> tuple[bool, str, str, str]:
    """The timeline's order of a :meth:`Store.dyad_event_leads` row: dated first, by start, end, id."""
    return (lead["start"] is None, lead["start"] or "", lead["end"] or "", lead["id"])


def in_window(lead: dict[str, Any], modality: Sequence[str], since: str | None, until: str | None) -> bool:
    """A :meth:`Store.dyad_event_leads` row the timeline keeps: its modality, overlapping [since, until]
    (:func:`overlaps` of its dates, without making a Date of each of a busy pair's thousands of rows)."""
    return lead["modality"] in modality and span_overlaps(lead["start"], lead["end"], since, until)


def timeline_page(store: Store, actors: Sequence[str] = (), pair: tuple[str, str] | None = None,
                  types: Sequence[str] | None = None, since: str | None = None, until: str | None = None,
                  modality: Sequence[str] = ASSERTED, *, limit: int = 100, offset: int = 0,
                  order: str = "asc", quad_classes: Sequence[int] = (), total: int | None = None) -> TimelinePage:
    """``timeline(...)[offset:offset + limit]`` (``order`` 'asc' or 'desc') and the full length.

    ``quad_classes``: only the events whose (merged) quad class is one of them, when given.
    ``total``: the full length when the caller has counted it (not counted again where it need not be).
    For states (a pair of states, or states alone) the index rows carry each
    event's lead date, modality and quad class (the merged event's), so only the
    page's events are loaded and merged: a page of the busiest pair costs about
    what a quiet pair's does.
    """
    if order not in ("asc", "desc"):
        raise InputError(order, "order must be 'asc' or 'desc'", field="order")
    if limit < 0 or offset < 0:
        raise InputError(f"{limit}/{offset}", "limit and offset must not be negative", field="limit")
    lo, hi = date_bound(since, name="since"), date_bound(until, end=True, name="until")
    found = [resolve_actor(store, a) for a in actors]
    both = (resolve_actor(store, pair[0]), resolve_actor(store, pair[1])) if pair else None
    quads = sorted(set(quad_classes))
    fast = _lead_page(store, found, both, types or (), modality, lo, hi, limit, offset, order, quads, total)
    if fast is not None:
        return fast
    dyads = dyad_pairs(found, both)
    if dyads is None:  # people and organisations: few events, build them all
        entries = in_order(build_entries(store, cluster_ids(store, found, both, types or (), modality, lo, hi),
                                         lo, hi, modality), order)
        if quads:
            entries = [t for t in entries if t.event.quad_class in quads]
        return TimelinePage(total=len(entries), entries=entries[offset:offset + limit])
    if lo is None and hi is None:  # all time: grouped, ordered and paged in the database
        total, wanted = store.dyad_leads_page(dyads, types=types or (), modalities=modality, limit=limit,
                                              offset=offset, order=order, quad_classes=quads)
        built = {t.event.id: t for t in build_entries(store, wanted, lo, hi, modality)}
        return TimelinePage(total=total, entries=[built[i] for i in wanted if i in built])
    leads = [x for x in store.dyad_event_leads(dyads, types=types or (), modalities=modality, since=lo, until=hi,
                                               quad_classes=quads) if in_window(x, modality, lo, hi)]
    leads.sort(key=lead_order)
    if order == "desc":
        leads = _latest_first(leads, lambda x: x["start"])
    wanted = [x["id"] for x in leads[offset:offset + limit]]
    built = {t.event.id: t for t in build_entries(store, wanted, lo, hi, modality)}
    return TimelinePage(total=len(leads), entries=[built[i] for i in wanted if i in built])


def _lead_page(store: Store, actors: Sequence[Actor], pair: tuple[Actor, Actor] | None, types: Sequence[str],
               modality: Sequence[str], lo: str | None, hi: str | None, limit: int, offset: int,
               order: str, quads: Sequence[int], known: int | None = None) -> TimelinePage | None:
    """The page from the store's timeline order (migrations 10 and 13) when it can give it: every event
    (any window; with types, all time), or one state or one pair of states over all time.  None: another way."""
    if actors and pair is not None:
        return None
    key = ""
    if actors or pair is not None:
        dyads = dyad_pairs(actors, pair)
        if dyads is None or len(dyads) != 1 or lo is not None or hi is not None:
            return None
        a, b = dyads[0]
        one = pair_key(a, b) if a != b else None if " " in a else a  # a space: another key's separator
        if one is None:
            return None
        key = one
    if lo is None and hi is None:
        found = store.timeline_leads_page(key, modality, limit=limit, offset=offset, order=order, quads=quads,
                                          types=types)
    elif types:
        return None
    else:
        found = store.timeline_leads_window(modality, lo, hi, limit=limit, offset=offset, order=order,
                                            quads=quads, count=known is None)
    if found is None:
        return None
    total, wanted = found
    total = known if total < 0 and known is not None else total
    built = {t.event.id: t for t in build_entries(store, wanted, lo, hi, modality)}
    return TimelinePage(total=total, entries=[built[i] for i in wanted if i in built])


def build_entries(store: Store, ids: Sequence[str], since: str | None, until: str | None,
             modality: Sequence[str]) -> list[TimelineEntry]:
    """Timeline entries of these real-world events, those of ``modality`` overlapping [since, until]."""
    events = [e for e in store.events(ids) if overlaps(e.date, since, until) and e.modality in modality]
    names = {k: a.name for k, a in store.actor_labels({a for e in events for a in (*e.source, *e.target)}).items()}
    out = [TimelineEntry(event=e, date=e.date, label="" if e.modality == "asserted" else e.modality,
                         summary=describe(e, names), source_names=[names.get(a, a) for a in e.source],
                         target_names=[names.get(a, a) for a in e.target], sources=list(e.sources),
                         mentions=list(e.mentions), disputed=list(e.disputed)) for e in events]
    out.sort(key=lambda t: (t.date.start is None, t.date.start or "", t.date.end or "", t.event.id))
    return out


