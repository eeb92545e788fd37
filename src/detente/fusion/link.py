"""Linking a new document's mentions to the stored real-world events (the step above the store).

After a document is committed, :func:`fuse_document` joins each of its event
mentions to the stored cluster it reports, if any, and flags disputed figures.
It reads and writes through the few store methods of :class:`FusionStore`
(:class:`detente.store.Store` has them), so this module imports nothing from
the store while the store imports fusion's pure rules below it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from typing import Any, Protocol

from ..model import Actor, Event, Extraction, Quantity
from .match import cluster_fit, one_occasion
from .members import Member, View, view
from .quantities import quantities_disagree, subject_states
from .rules import FusionRules, rules


class FusionStore(Protocol):
    """What linking needs from the store (:class:`detente.store.Store` provides it)."""

    def fusion_candidates(self, countries: Sequence[str], types: Sequence[str], modality: str,
                          date_from: str, date_to: str, limit: int = 1000,
                          parsed: dict[str, Any] | None = None) -> list[Member]: ...

    def set_event_clusters(self, assignments: dict[str, str]) -> None: ...

    def actor_index(self, ids: Iterable[str] | None = None) -> dict[str, Actor]: ...

    def actor_countries(self, ids: Iterable[str]) -> dict[str, str | None]: ...

    def quantities_by_measure_on(self, measure: str, date_value: str,
                                 exclude_document: str | None = None) -> list[Quantity]: ...

    def mark_quantities_disputed(self, ids: Sequence[str]) -> None: ...


class Records(OrderedDict[str, Event]):
    """Stored event records parsed by fusion, kept across the documents of one ingest run.

    Consecutive documents tell of the same weeks and states, so their candidate
    windows overlap: each stored record is parsed once, not once per document, and
    so is its :class:`View` (in ``views``, with the facts it was built from: see
    :func:`_candidate_view`).  Holds the ``size`` most recently used records
    (bounded memory however long the run).
    """

    def __init__(self, size: int = 8192):
        super().__init__()
        self.size = size
        self.views: dict[str, tuple[tuple[str | None, ...], View]] = {}

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self:
            return default
        self.move_to_end(key)
        return self[key]

    def __setitem__(self, key: str, value: Event) -> None:
        super().__setitem__(key, value)
        if len(self) > self.size:
            gone, _ = self.popitem(last=False)
            self.views.pop(gone, None)


def fuse_document(store: FusionStore, extraction: Extraction, records: Records | None = None) -> None:
    """Join the new document's event mentions to stored real-world events; flag disputed quantities.

    Called after the document is written (in its transaction).  Only mentions of the
    same modality merge (asserted with asserted).  Each mention joins the best-fitting
    cluster; a coarse mention that fits several clusters equally well stays apart, unless
    those could be one event (:func:`~.match.one_occasion`).
    ``records``: the parsed stored records of earlier calls (one ingest run shares them).
    """
    r = rules()
    doc = extraction.document
    ids = {a for ev in extraction.events for a in (*ev.source, *ev.target)}
    countries = {a.id: a.country or a.code for a in extraction.actors}
    kinds = {a.id: a.kind for a in extraction.actors}
    _learn(store, ids, countries, kinds)
    assigned: dict[str, str] = {}
    parsed = Records() if records is None else records  # shared by its events' queries
    views: dict[str, View] = {}  # a stored mention's view, built once however many events it is a candidate of
    for ev in extraction.events:
        me = view(Member(ev, doc.id, doc.source, doc.published, ev.id), countries, r, kinds)
        if me.interval is None or not me.participants:
            continue
        lo = me.interval[0] - dt.timedelta(days=r.block_days)
        hi = me.interval[1] + dt.timedelta(days=r.block_days)
        candidates = [c for c in store.fusion_candidates(
            sorted(me.participants), r.family_types(ev.type), ev.modality, lo.isoformat(), hi.isoformat(),
            parsed=parsed)
            if c.event.id != ev.id]
        if not candidates:
            continue
        for c in candidates:
            c.cluster = assigned.get(c.event.id, c.cluster)
        # the actors of candidates seen by an earlier event of this document are known already
        _learn(store, {a for c in candidates if c.event.id not in views for a in (*c.event.source, *c.event.target)},
               countries, kinds)
        by_cluster: dict[str, list[View]] = {}
        for c in candidates:
            v = views.get(c.event.id)
            if v is None:
                v = views[c.event.id] = _candidate_view(c, countries, kinds, r, parsed.views)
            by_cluster.setdefault(c.cluster, []).append(v)
        scored = sorted(((s, cl) for cl, views in by_cluster.items()
                         if (s := cluster_fit(me, views, r)) is not None), key=lambda x: (-x[0], x[1]))
        if not scored:
            continue
        tied = [cl for score, cl in scored if score == scored[0][0]]
        if len(tied) > 1 and not me.precise and not one_occasion([by_cluster[cl] for cl in tied], r):
            continue  # a coarse mention fitting two distinct events equally: do not guess
        assigned[ev.id] = scored[0][1]
    if assigned:
        store.set_event_clusters(assigned)
    _flag_quantity_disputes(store, extraction, countries, r)


def _candidate_view(c: Member, countries: dict[str, str | None], kinds: dict[str, str], r: FusionRules,
                    built: dict[str, tuple[tuple[str | None, ...], View]]) -> View:
    """A stored mention's view, reused from an earlier document when it would come out the same.

    A view reads the stored record (unchanged while stored), its report's date and
    id, and the state and kind of each of its actors, which the document being fused
    decides (its own actors first): the view is reused when all of these are equal.
    The cluster is not part of a view (fusion groups by the member's own).
    """
    ev = c.event
    actors = (*ev.source, *ev.target)
    facts = (c.document, c.published, *[countries.get(a) for a in actors], *[kinds.get(a, "state") for a in actors])
    known = built.get(ev.id)
    if known is not None and known[0] == facts:
        return known[1]
    v = view(c, countries, r, kinds)
    built[ev.id] = (facts, v)
    return v


def _learn(store: FusionStore, ids: set[str], countries: dict[str, str | None], kinds: dict[str, str]) -> None:
    """Fill in the state and kind of actors not seen yet (one indexed query)."""
    missing = ids - set(kinds)
    if missing:
        for actor in store.actor_index(missing).values():
            countries[actor.id] = actor.country or actor.code
            kinds[actor.id] = actor.kind
        for a in missing - set(kinds):  # not stored: an ISO3 id stands for the state itself
            kinds[a] = "state"
            countries.setdefault(a, a if re.fullmatch(r"[A-Z]{3}", a) else None)


def _flag_quantity_disputes(store: FusionStore, extraction: Extraction, countries: dict[str, str | None],
                            r: FusionRules) -> None:
    doc_id = extraction.document.id
    disputed: set[str] = set()
    for q in extraction.quantities:
        if not q.date or not q.date.value or not q.subjects or q.modality != "asserted":
            continue
        # only figures for the same date can dispute this one: the query is bounded by it (indexed)
        others = store.quantities_by_measure_on(q.measure, q.date.value, exclude_document=doc_id)
        if not others:
            continue
        ids = {a for o in others for a in o.subjects} | set(q.subjects)
        countries.update(store.actor_countries(ids - set(countries)))
        for o in others:
            if (o.unit == q.unit and o.modality == "asserted" and o.date and o.date.value == q.date.value
                    and subject_states(o, countries) == subject_states(q, countries)
                    and quantities_disagree(q, o, r)):
                disputed.update((q.id, o.id))
    if disputed:
        store.mark_quantities_disputed(sorted(disputed))
        for q in extraction.quantities:
            if q.id in disputed:
                q.disputed = True
