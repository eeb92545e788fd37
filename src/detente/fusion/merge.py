"""One cluster of mentions as the exported Event: the lead speaks, sources add up, disputes are named.

Pure: nothing here reads the store, so the store's readers merge clusters with it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from typing import Any

from ..model import Event, Location, to_json
from .lead import is_precise
from .members import Member, lead_member, places_contradict


class _Groups:
    """Union-find over documents: reprints and one publisher's stories are one source."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def independent_sources(members: Sequence[Member], near_duplicates: Iterable[tuple[str, str]] = ()) -> dict[str, list[Member]]:
    """Members grouped by independent origin.

    Mentions attributed to one actor (two outlets repeating one agency), mentions
    from one publisher, and near-duplicate documents (a reprinted wire story)
    count as one source.
    """
    groups = _Groups()
    for a, b in near_duplicates:
        groups.union("doc:" + a, "doc:" + b)
    for m in members:
        if m.source:
            groups.union("doc:" + m.document, "pub:" + m.source)
        if m.event.attribution:
            groups.union("doc:" + m.document, "attr:" + m.event.attribution)
    out: dict[str, list[Member]] = {}
    for m in members:
        out.setdefault(groups.find("doc:" + m.document), []).append(m)
    return out


def merge_cluster(cluster_id: str, members: Sequence[Member], kinds: dict[str, str] | None = None,
                  countries: dict[str, str | None] | None = None,
                  near_duplicates: Iterable[tuple[str, str]] = ()) -> Event:
    """The exported Event of one cluster, with disputes flagged and confidence from independent sources."""
    kinds, countries = kinds or {}, countries or {}
    ordered = sorted(members, key=lambda m: (m.published or "9999", m.document, m.event.id))
    lead = lead_member(ordered)
    ev = dataclasses.replace(lead.event)
    ev.id = cluster_id
    ev.source, ev.target, ev.mentions = list(lead.event.source), list(lead.event.target), []
    for m in ordered:
        ev.mentions.extend(x for x in m.event.mentions if x not in ev.mentions)
        ev.source.extend(a for a in m.event.source if a not in ev.source and a not in ev.target)
        ev.target.extend(a for a in m.event.target if a not in ev.target and a not in ev.source)
        if ev.mode is None and m.event.mode:
            ev.mode = m.event.mode
        if m.event.location and (ev.location is None or _finer(m.event.location, ev.location)):
            ev.location = m.event.location
    ev.sources = list(dict.fromkeys(m.source for m in ordered if m.source)) or list(lead.event.sources)
    if len(members) > 1:
        groups = independent_sources(ordered, near_duplicates)
        miss = 1.0
        for group in groups.values():
            miss *= 1.0 - max(min(max(m.event.confidence, 0.0), 1.0) for m in group)
        ev.confidence = round(1.0 - miss, 4)
        ev.disputed = sorted(set(lead.event.disputed) | set(disputes(ordered, kinds, countries)))
        if ev.disputed:  # keep every version with its source, so the export shows the disagreement
            ev.variants = [variant(m) for m in ordered]
    return ev


def _finer(a: Location, b: Location) -> bool:
    """``a`` names a place inside the state ``b`` names ("Pyongyang" within "North Korea")."""
    return b.kind == "state" and a.kind != "state" and a.country is not None and a.country == b.country


def variant(m: Member) -> dict[str, Any]:
    """One source's version of a disputed event."""
    e = m.event
    return {
        "document": m.document,
        "source": m.source,
        "date": to_json(e.date),
        "location": to_json(e.location),
        "source_actors": list(e.source),
        "target_actors": list(e.target),
    }


def disputes(members: Sequence[Member], kinds: dict[str, str], countries: dict[str, str | None]) -> list[str]:
    """The fields on which the versions of one event disagree."""
    out: list[str] = []
    days = {m.event.date.start for m in members if is_precise(m.event)}
    if len(days) > 1:
        out.append("date")
    locations = [m.event.location for m in members if m.event.location and m.event.location.name]
    if any(places_contradict(x, y) for i, x in enumerate(locations) for y in locations[i + 1:]):
        out.append("location")
    for side in ("source", "target"):
        # persons or organisations acting for one state, named differently with no overlap
        per_state: dict[str, list[set[str]]] = {}
        for m in members:
            named: dict[str, set[str]] = {}
            for a in getattr(m.event, side):
                if kinds.get(a, "state") != "state" and countries.get(a):
                    named.setdefault(countries[a] or "", set()).add(a)
            for state, ids in named.items():
                per_state.setdefault(state, []).append(ids)
        for versions in per_state.values():
            if len(versions) > 1 and not set.intersection(*versions):
                out.append(side)
                break
    return out
