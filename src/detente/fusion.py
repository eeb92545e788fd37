"""One event, many sources: cross-document event coreference and disputes.

After a document is committed, :func:`fuse_document` joins each of its event
mentions to the real-world event (cluster) it reports, if one is stored.  Two
mentions are one event when they share the event family and a compatible mode,
involve the same states, have overlapping dates and compatible places.  The
search is incremental: candidates come from an indexed store query (states +
a window of days around the mention's date), never from a scan of all events.

:func:`merge_cluster` turns the mentions of one cluster into the exported
:class:`~detente.model.Event`: the best-dated version leads, confidence grows
with independent sources, and fields on which sources disagree (date, location,
source, target) are named in ``Event.disputed``.  Every version stays stored per
mention (``Store.cluster_members``) so nothing a source said is lost.

Rules (which types are symmetric, which modes are compatible, the windows) are
data: ``detente/data/fusion.yaml``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

import yaml

from .model import Event, Extraction, Location, Quantity, to_json

if TYPE_CHECKING:
    from .store import Store


@dataclass(frozen=True)
class FusionRules:
    """The fusion knowledge loaded from ``data/fusion.yaml``."""

    symmetric_types: frozenset[str]
    family: dict[str, str]
    compatible_modes: frozenset[frozenset[str]]
    same_modes: frozenset[frozenset[str]]  # one act told from either side: score as the same mode
    block_days: int
    adjacent_days: int
    inferred_slack_days: dict[str, int]
    undated_days: int
    quantity_tolerance: dict[str, float]
    approximate_qualifiers: frozenset[str]
    lower_bound_qualifiers: frozenset[str]
    upper_bound_qualifiers: frozenset[str]
    tie_types: frozenset[str]
    tie_words: tuple[str, ...]
    trade_measure_words: tuple[str, ...]

    def family_of(self, event_type: str) -> str:
        return self.family.get(event_type, event_type)

    def family_types(self, event_type: str) -> list[str]:
        fam = self.family_of(event_type)
        return sorted({t for t, f in self.family.items() if f == fam} | {event_type})

    def modes_compatible(self, a: str | None, b: str | None) -> bool:
        return a is None or b is None or a == b or frozenset((a, b)) in self.compatible_modes

    def same_mode(self, a: str | None, b: str | None) -> bool:
        return a is not None and b is not None and (a == b or frozenset((a, b)) in self.same_modes)


@lru_cache(maxsize=1)
def rules() -> FusionRules:
    """The shipped fusion rules (loaded once)."""
    text = resources.files("detente").joinpath("data/fusion.yaml").read_text("utf-8")
    data: dict[str, Any] = yaml.safe_load(text) or {}
    family: dict[str, str] = {}
    for group in data.get("families", []):
        name = "+".join(sorted(group))
        for t in group:
            family[t] = name
    low = [str(x).lower() for x in data.get("approximate_qualifiers", [])]
    return FusionRules(
        symmetric_types=frozenset(data.get("symmetric_types", [])),
        family=family,
        compatible_modes=frozenset(frozenset(p) for p in data.get("compatible_modes", [])),
        same_modes=frozenset(frozenset(p) for p in data.get("same_modes", [])),
        block_days=int(data.get("block_days", 31)),
        adjacent_days=int(data.get("adjacent_days", 1)),
        inferred_slack_days={str(k): int(v) for k, v in (data.get("inferred_slack_days") or {}).items()},
        undated_days=int(data.get("undated_days", 30)),
        quantity_tolerance={str(k): float(v) for k, v in (data.get("quantity_tolerance") or {}).items()},
        approximate_qualifiers=frozenset(low),
        lower_bound_qualifiers=frozenset(str(x).lower() for x in data.get("lower_bound_qualifiers", [])),
        upper_bound_qualifiers=frozenset(str(x).lower() for x in data.get("upper_bound_qualifiers", [])),
        tie_types=frozenset(data.get("tie_types", [])),
        tie_words=tuple(str(x).lower() for x in data.get("tie_words", [])),
        trade_measure_words=tuple(str(x).lower() for x in data.get("trade_measure_words", [])),
    )


# -- one mention, as fusion sees it ---------------------------------------------


@dataclass(slots=True)
class Member:
    """One stored event mention with the document facts fusion needs."""

    event: Event
    document: str
    source: str | None = None  # publisher
    published: str | None = None
    cluster: str = ""


@dataclass(slots=True)
class _View:
    """A mention reduced to what matching compares."""

    member: Member
    sources: frozenset[str]  # states (ISO3) of the acting side
    targets: frozenset[str]
    interval: tuple[dt.date, dt.date] | None
    precise: bool  # an explicit single day
    place: str | None
    place_country: str | None
    location: Location | None
    persons: frozenset[str]  # participants that are not states (people, organisations)
    people: dict[str | None, frozenset[str]] = field(default_factory=dict)  # the persons by their state

    def other_people(self, other: _View) -> bool:
        """Whether the two mentions name different people for one side: "a minister's trip is not
        the leaders' summit".  People of different states do not contradict ("Xi visited North
        Korea" and "Kim attended" may be one occasion); people of unknown state contradict any."""
        if not (self.persons and other.persons) or self.persons & other.persons:
            return False
        if None in self.people or None in other.people:
            return True
        return any(not (people & other.people[state]) for state, people in self.people.items()
                   if state in other.people)

    @property
    def participants(self) -> frozenset[str]:
        return self.sources | self.targets


def _day(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def date_interval(event: Event, published: str | None, r: FusionRules | None = None) -> tuple[dt.date, dt.date] | None:
    """The days an event mention may lie on, widened where the date was inferred."""
    r = r or rules()
    start, end = _day(event.date.start), _day(event.date.end) or _day(event.date.start)
    if start and end:
        slack = r.inferred_slack_days.get(event.date.basis, 0)
        return start - dt.timedelta(days=slack), end
    pub = _day(published)
    if pub:  # undated: somewhere shortly before the report
        return pub - dt.timedelta(days=r.undated_days), pub
    return None


def is_precise(event: Event) -> bool:
    """An explicit single-day date (a date sources can disagree on)."""
    d = event.date
    return d.granularity == "day" and d.basis == "explicit" and bool(d.start) and (d.end in (None, d.start))


def _norm(text: str | None) -> str | None:
    if not text:
        return None
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip().removeprefix("the ") or None


def _view(m: Member, countries: dict[str, str | None], r: FusionRules, kinds: dict[str, str] | None = None) -> _View:
    ev = m.event
    kinds = kinds or {}

    def states(ids: Iterable[str]) -> frozenset[str]:
        return frozenset(c for c in (countries.get(a) for a in ids) if c)

    loc = ev.location
    persons = frozenset(a for a in (*ev.source, *ev.target) if kinds.get(a, "state") != "state")
    people: dict[str | None, set[str]] = {}
    for a in persons:
        people.setdefault(countries.get(a), set()).add(a)
    return _View(member=m, sources=states(ev.source), targets=states(ev.target),
                 interval=date_interval(ev, m.published, r), precise=is_precise(ev),
                 place=_norm(loc.name) if loc else None, place_country=loc.country if loc else None,
                 location=loc, persons=persons, people={k: frozenset(v) for k, v in people.items()})


# -- matching ---------------------------------------------------------------------


@dataclass(slots=True)
class _Match:
    score: float
    conflicts: list[str] = field(default_factory=list)


def _actor_strength(a: _View, b: _View, symmetric: bool) -> int:
    """How many states the two mentions share on matching sides (0: not the same actors)."""
    if symmetric:
        pa, pb = a.participants, b.participants
        if not pa or not pb:
            return 0
        # a one-state mention ("Kim held talks") may join a meeting of that state; mentions
        # naming several states must name the same ones (a summit is not the parade before it)
        if len(pa) > 1 and len(pb) > 1:
            return len(pa) if pa == pb else 0
        return 1 if pa & pb else 0
    if not (a.sources & b.sources):
        return 0
    if a.targets and b.targets and not (a.targets & b.targets):
        return 0
    return len(a.sources & b.sources) + len(a.targets & b.targets)


def _date_strength(a: _View, b: _View, r: FusionRules) -> tuple[int, bool]:
    """(strength, conflict): 3 same explicit day, 2 overlapping, 1 adjacent days (a dispute), 0 apart."""
    if a.interval is None or b.interval is None:
        return 0, False
    if not a.member.event.date.start and not b.member.event.date.start:
        return 0, False  # two undated mentions: nothing says they are the same occasion
    (s1, e1), (s2, e2) = a.interval, b.interval
    if s1 <= e2 and s2 <= e1:
        return (3 if a.precise and b.precise and s1 == s2 else 2), False
    if a.precise and b.precise and abs((s1 - s2).days) <= r.adjacent_days:
        return 1, True
    return 0, False


def compare(a: _View, b: _View, r: FusionRules | None = None) -> _Match | None:
    """Whether two mentions report one event, with a score (None: they do not)."""
    r = r or rules()
    ea, eb = a.member.event, b.member.event
    if ea.modality != eb.modality or r.family_of(ea.type) != r.family_of(eb.type):
        return None
    if not r.modes_compatible(ea.mode, eb.mode):
        return None
    symmetric = ea.type in r.symmetric_types and eb.type in r.symmetric_types
    actors = _actor_strength(a, b, symmetric)
    if not actors:
        return None
    if a.other_people(b):
        return None  # the same states but different people: a minister's trip is not the leaders' summit
    date, date_conflict = _date_strength(a, b, r)
    if not date:
        return None
    place_conflict = False
    same_place = False
    if a.location and b.location and a.place and b.place:
        if a.place == b.place:
            same_place = True
        elif _places_contradict(a.location, b.location):
            place_conflict = True
    elif a.place_country and b.place_country and a.place_country != b.place_country:
        place_conflict = True
    same_mode = r.same_mode(ea.mode, eb.mode)
    if date_conflict and not (same_place and same_mode):
        return None  # a day apart is a dispute only when everything else agrees
    if place_conflict and date < 3:
        return None  # two places on loosely known dates: two events
    if date_conflict and place_conflict:
        return None
    conflicts = (["date"] if date_conflict else []) + (["location"] if place_conflict else [])
    score = actors + date + (1 if same_place else 0) + (1 if same_mode else 0) + (1 if ea.type == eb.type else 0)
    return _Match(score=float(score), conflicts=conflicts)


def _cluster_fit(new: _View, members: Sequence[_View], r: FusionRules) -> float | None:
    """The best score of ``new`` against a cluster, or None when it contradicts a firm member.

    A coarse mention must not bridge two distinct events, so a new mention that
    is incompatible with any precisely dated member of the cluster, or that names
    another person for one side than a member does, stays out.
    """
    if compare(new, _lead_view(members), r) is None:
        return None  # the best-dated version defines the event; a loose member must not pull others in
    best: float | None = None
    for m in members:
        match = compare(new, m, r)
        if match is None:
            if m.precise and new.precise or new.other_people(m):
                return None  # a firm date or another person of one side: not this event
            continue
        best = match.score if best is None else max(best, match.score)
    return best


def _lead_view(views: Sequence[_View]) -> _View:
    """The view of a cluster's lead version (:func:`_lead`)."""
    first = _lead([v.member for v in views])
    return next(v for v in views if v.member is first)


def _one_occasion(clusters: Sequence[Sequence[_View]], r: FusionRules) -> bool:
    """Whether the lead versions of these clusters could all report one event (then a
    mention that fits them equally joins the first: no choice between distinct events)."""
    leads = [_lead_view(views) for views in clusters]
    return all(compare(a, b, r) is not None for i, a in enumerate(leads) for b in leads[i + 1:])


def tie_word(ev: Event, r: FusionRules | None = None) -> str | None:
    """The standing tie an event names ("treaty", "alliance", ...): the first of ``tie_words`` that its
    trigger or evidence contains as a word (or its plural in s), for an event of ``tie_types``; else None."""
    r = r or rules()
    if ev.type not in r.tie_types:
        return None
    words = " ".join([ev.trigger or "", *(m.text for m in ev.mentions)]).lower()
    return next((w for w in r.tie_words if re.search(rf"\b{re.escape(w)}s?\b", words)), None)


def tie_signature(r: FusionRules | None = None) -> str:
    """What the stored tie of each event was computed with (types and words): changes when fusion.yaml does."""
    r = r or rules()
    return json.dumps({"types": sorted(r.tie_types), "words": list(r.tie_words)})


class Records(OrderedDict[str, Event]):
    """Stored event records parsed by fusion, kept across the documents of one ingest run.

    Consecutive documents tell of the same weeks and states, so their candidate
    windows overlap: each stored record is parsed once, not once per document.
    Holds the ``size`` most recently used records (bounded memory however long the run).
    """

    def __init__(self, size: int = 8192):
        super().__init__()
        self.size = size

    def get(self, key: str, default: Any = None) -> Any:
        if key not in self:
            return default
        self.move_to_end(key)
        return self[key]

    def __setitem__(self, key: str, value: Event) -> None:
        super().__setitem__(key, value)
        if len(self) > self.size:
            self.popitem(last=False)


def fuse_document(store: Store, extraction: Extraction, records: Records | None = None) -> None:
    """Join the new document's event mentions to stored real-world events; flag disputed quantities.

    Called after the document is written (in its transaction).  Only mentions of the
    same modality merge (asserted with asserted).  Each mention joins the best-fitting
    cluster; a coarse mention that fits several clusters equally well stays apart, unless
    those could be one event (:func:`_one_occasion`).
    ``records``: the parsed stored records of earlier calls (one ingest run shares them).
    """
    r = rules()
    doc = extraction.document
    ids = {a for ev in extraction.events for a in (*ev.source, *ev.target)}
    countries = {a.id: a.country or a.code for a in extraction.actors}
    kinds = {a.id: a.kind for a in extraction.actors}
    _learn(store, ids, countries, kinds)
    assigned: dict[str, str] = {}
    parsed: dict[str, Event] = Records() if records is None else records  # shared by its events' queries
    for ev in extraction.events:
        me = _view(Member(ev, doc.id, doc.source, doc.published, ev.id), countries, r, kinds)
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
        _learn(store, {a for c in candidates for a in (*c.event.source, *c.event.target)}, countries, kinds)
        by_cluster: dict[str, list[_View]] = {}
        for c in candidates:
            by_cluster.setdefault(c.cluster, []).append(_view(c, countries, r, kinds))
        scored = sorted(((s, cl) for cl, views in by_cluster.items()
                         if (s := _cluster_fit(me, views, r)) is not None), key=lambda x: (-x[0], x[1]))
        if not scored:
            continue
        tied = [cl for score, cl in scored if score == scored[0][0]]
        if len(tied) > 1 and not me.precise and not _one_occasion([by_cluster[cl] for cl in tied], r):
            continue  # a coarse mention fitting two distinct events equally: do not guess
        assigned[ev.id] = scored[0][1]
    if assigned:
        store.set_event_clusters(assigned)
    _flag_quantity_disputes(store, extraction, countries, r)


def _learn(store: Store, ids: set[str], countries: dict[str, str | None], kinds: dict[str, str]) -> None:
    """Fill in the state and kind of actors not seen yet (one indexed query)."""
    missing = ids - set(kinds)
    if missing:
        for actor in store.actor_index(missing).values():
            countries[actor.id] = actor.country or actor.code
            kinds[actor.id] = actor.kind
        for a in missing - set(kinds):  # not stored: an ISO3 id stands for the state itself
            kinds[a] = "state"
            countries.setdefault(a, a if re.fullmatch(r"[A-Z]{3}", a) else None)


# -- quantities ---------------------------------------------------------------------


def _bounds(q: Quantity, r: FusionRules) -> tuple[float, float]:
    """The values a stated figure allows, given its qualifier."""
    v = float(q.value)
    qual = (q.qualifier or "").lower().strip()
    tol = r.quantity_tolerance.get("approximate" if qual in r.approximate_qualifiers else "exact", 0.01)
    lo, hi = v - abs(v) * tol, v + abs(v) * tol
    if qual in r.lower_bound_qualifiers:
        hi = float("inf")
    if qual in r.upper_bound_qualifiers:
        lo = float("-inf")
    return lo, hi


def quantities_disagree(a: Quantity, b: Quantity, r: FusionRules | None = None) -> bool:
    """Whether two figures for one measure contradict each other."""
    r = r or rules()
    (lo1, hi1), (lo2, hi2) = _bounds(a, r), _bounds(b, r)
    return not (lo1 <= hi2 and lo2 <= hi1)


def _subject_states(q: Quantity, countries: dict[str, str | None]) -> frozenset[str]:
    return frozenset(countries.get(a) or a for a in q.subjects)


def _flag_quantity_disputes(store: Store, extraction: Extraction, countries: dict[str, str | None],
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
                    and _subject_states(o, countries) == _subject_states(q, countries)
                    and quantities_disagree(q, o, r)):
                disputed.update((q.id, o.id))
    if disputed:
        store.mark_quantities_disputed(sorted(disputed))
        for q in extraction.quantities:
            if q.id in disputed:
                q.disputed = True


# -- merging a cluster into one Event ----------------------------------------------


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


def _lead(members: Sequence[Member]) -> Member:
    """The version that speaks for the event: explicit day dates first, then finer, then earliest report."""
    rank = {"day": 0, "week": 1, "month": 2, "quarter": 3, "season": 3, "year": 4, "decade": 5}
    return min(members, key=lambda m: (
        0 if is_precise(m.event) else 1, rank.get(m.event.date.granularity, 9),
        0 if m.event.date.basis == "explicit" else 1, m.published or "9999", m.document, m.event.id))


def merge_cluster(cluster_id: str, members: Sequence[Member], kinds: dict[str, str] | None = None,
                  countries: dict[str, str | None] | None = None,
                  near_duplicates: Iterable[tuple[str, str]] = ()) -> Event:
    """The exported Event of one cluster, with disputes flagged and confidence from independent sources."""
    kinds, countries = kinds or {}, countries or {}
    ordered = sorted(members, key=lambda m: (m.published or "9999", m.document, m.event.id))
    lead = _lead(ordered)
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


def _places_contradict(a: Location, b: Location) -> bool:
    """Two named places that cannot be one: different names, both put in states by the actor layer,
    and neither the whole state the other lies in ("North Korea" and "Pyongyang" agree; so do a site
    the actor layer cannot place, "the Great Hall of the People", and "Beijing")."""
    if _norm(a.name) == _norm(b.name) or not (a.country and b.country):
        return False
    return not (a.country == b.country and "state" in (a.kind, b.kind))


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
    if any(_places_contradict(x, y) for i, x in enumerate(locations) for y in locations[i + 1:]):
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
