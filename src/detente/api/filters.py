"""Event filters the analysis layer does not take, applied in Python to its result.

:func:`detente.analysis.timeline` selects events by actors, pair, types, dates
and modality with indexed queries; quad class, publisher, reporting document
and words in the evidence are checked here on that (already small) result.
A page without publisher, document or words takes the quad class itself
(:func:`detente.analysis.timeline_page`: the store's rows carry it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from ..analysis import TimelineEntry
from ..model import Actor, Event
from ..store import ActorLabel


@dataclass(slots=True)
class EventQuery:
    """What a client may filter events by (all given conditions must hold)."""

    actors: list[str] = field(default_factory=list)  # any of them takes part
    pair: tuple[str, str] | None = None  # both take part, on opposite sides
    types: list[str] = field(default_factory=list)
    quad_classes: list[int] = field(default_factory=list)
    modalities: list[str] = field(default_factory=list)  # empty: the endpoint's default
    date_from: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    date_to: str | None = None
    publishers: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)
    text: str | None = None  # words that must all appear in the evidence


def post_filter(entries: Iterable[TimelineEntry], q: EventQuery) -> list[TimelineEntry]:
    """The entries also matching quad class, publisher, document and evidence words."""
    publishers = {p.casefold() for p in q.publishers}
    documents = set(q.documents)
    words = [w.casefold() for w in (q.text or "").split()]
    out = []
    for t in entries:
        ev = t.event
        if q.quad_classes and ev.quad_class not in q.quad_classes:
            continue
        if publishers and not publishers & {s.casefold() for s in t.sources}:
            continue
        if documents and not documents & {m.document for m in t.mentions}:
            continue
        if words:
            evidence = " ".join(m.text for m in t.mentions).casefold()
            if not all(w in evidence for w in words):
                continue
        out.append(t)
    return out


def names_for(events: Iterable[Event], actors: Mapping[str, Actor | ActorLabel]) -> dict[str, dict[str, str | None]]:
    """Name, kind and country of every actor the events refer to (for display)."""
    out: dict[str, dict[str, str | None]] = {}
    for ev in events:
        for a in [*ev.source, *ev.target, *([ev.attribution] if ev.attribution else [])]:
            if a not in out:
                actor = actors.get(a)
                out[a] = {"name": actor.name if actor else a, "kind": actor.kind if actor else None,
                          "country": actor.country if actor else None}
    return out


def ids_of(events: Sequence[Event]) -> set[str]:
    """Every actor id the events refer to."""
    return {a for ev in events for a in [*ev.source, *ev.target, *([ev.attribution] if ev.attribution else [])]}
