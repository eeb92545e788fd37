"""Analysis over the store: timelines, dyadic relations and the interaction network.

These are the library functions the CLI, the HTTP API and the web UI all call.
Every result keeps its evidence (event mentions, quantity and claim mentions),
so a face can always show where a figure came from.  Asserted events are the
default; other modalities (future, hypothetical, ...) only when asked, and then
labelled.  Actor references are ids, names, aliases or ISO3 codes; a state
stands for everyone acting for it (Xi Jinping counts as China).
What changed in a window, and search, are in :mod:`detente.changes`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from .errors import InputError
from .fusion import rules, tie_signature, tie_word
from .model import Actor, Date, Event, Mention, Quantity
from .store import Store

ASSERTED: tuple[str, ...] = ("asserted",)
T = TypeVar("T")

# -- parameters -----------------------------------------------------------------


def date_bound(value: str | None, *, end: bool = False, name: str = "date") -> str | None:
    """An ISO day from "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the last day of the period when ``end``)."""
    if value is None or value == "":
        return None
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", value.strip())
    try:
        if not m:
            raise ValueError
        y, mo, d = int(m[1]), int(m[2] or (12 if end else 1)), m[3]
        if d:
            return dt.date(y, mo, int(d)).isoformat()
        if end:
            nxt = dt.date(y + (mo == 12), mo % 12 + 1, 1)
            return (nxt - dt.timedelta(days=1)).isoformat()
        return dt.date(y, mo, 1).isoformat()
    except ValueError:
        raise InputError(value, "not a date; use YYYY, YYYY-MM or YYYY-MM-DD", field=name) from None


def resolve_actor(store: Store, ref: str) -> Actor:
    """The stored actor a name, alias, id or ISO3 code refers to (states first)."""
    found = store.find_actors(ref)
    code = ref.strip().upper()
    if not found and re.fullmatch(r"[A-Z]{3}", code) and code in store.actor_countries_known():
        # a state only present through the people acting for it (Putin, but never "Russia")
        return Actor(id=code, name=code, kind="state", code=code, country=code)
    if not found:
        raise InputError(ref, "no such actor in the store (try a name, alias or ISO3 code; see `detente actors`)",
                         field="actor")
    return found[0]


def _refs(actor: Actor) -> list[str]:
    """What an actor matches in event_actors: a state matches its code (everyone acting for it)."""
    return [actor.code or actor.country or actor.id] if actor.kind == "state" else [actor.id]


def _state_or_id(a: Actor | None, actor_id: str) -> str:
    """The state an actor is or acts for (its ISO3 code); the actor's own id when it has none."""
    if a is None:
        return actor_id
    return (a.code or a.country or a.id) if a.kind == "state" else (a.country or a.id)


# -- timeline -------------------------------------------------------------------


@dataclass(slots=True)
class TimelineEntry:
    """One real-world event on a timeline, with who did what and where it is reported."""

    event: Event
    date: Date
    label: str  # "" for asserted events, else the modality ("future", "hypothetical", ...)
    summary: str
    source_names: list[str]
    target_names: list[str]
    sources: list[str]  # publishers
    mentions: list[Mention]
    disputed: list[str] = field(default_factory=list)


def describe(ev: Event, names: dict[str, str]) -> str:
    """A short, deterministic description: "China, North Korea: CONSULT (meeting) in Beijing"."""
    src = ", ".join(names.get(a, a) for a in ev.source) or "unknown actor"
    tgt = ", ".join(names.get(a, a) for a in ev.target)
    what = ev.type + (f" ({ev.mode})" if ev.mode else "")
    where = f" in {ev.location.name}" if ev.location and ev.location.name else ""
    return f"{src} → {tgt}: {what}{where}" if tgt else f"{src}: {what}{where}"


def _overlaps(d: Date, since: str | None, until: str | None) -> bool:
    if not since and not until:
        return True
    if not d.start:
        return False
    return (not since or (d.end or d.start) >= since) and (not until or d.start <= until)


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
    ids = _cluster_ids(store, found, both, types or (), modality, since, until)
    return _entries(store, ids, since, until, modality)


def _state_code(actor: Actor) -> str | None:
    """The ISO3 code a state actor is matched by (None for other actors)."""
    return _refs(actor)[0] if actor.kind == "state" else None


def _dyad_pairs(actors: Sequence[Actor], pair: tuple[Actor, Actor] | None) -> list[tuple[str, str]] | None:
    """The ``event_dyads`` keys serving these filters: a pair of states, or states alone; else None."""
    if pair and not actors:
        codes = (_state_code(pair[0]), _state_code(pair[1]))
        if codes[0] and codes[1]:
            return [(codes[0], codes[1])]
    if actors and not pair:
        states = [_state_code(a) for a in actors]
        if all(states):
            return [(c, c) for c in states if c]
    return None


def _cluster_ids(store: Store, actors: Sequence[Actor], pair: tuple[Actor, Actor] | None, types: Sequence[str],
                 modality: Sequence[str], since: str | None, until: str | None) -> list[str]:
    """Ids of real-world events with a mention matching the filters (see :func:`timeline`).

    States alone (a pair of states, or states' timelines) are read from the
    ``event_dyads`` index, which carries the date; people and organisations go
    through ``event_actors``.
    """
    dyads = _dyad_pairs(actors, pair)
    if dyads is not None:
        return store.dyad_cluster_ids(dyads, types=types, modalities=modality, since=since, until=until)
    wanted = [ref for a in actors for ref in _refs(a)]
    sides = (_refs(pair[0]), _refs(pair[1])) if pair else None
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


def _lead_order(lead: dict[str, Any]) -> tuple[bool, str, str, str]:
    """The timeline's order of a :meth:`Store.dyad_event_leads` row: dated first, by start, end, id."""
    return (lead["start"] is None, lead["start"] or "", lead["end"] or "", lead["id"])


def _in_window(lead: dict[str, Any], modality: Sequence[str], since: str | None, until: str | None) -> bool:
    """A :meth:`Store.dyad_event_leads` row the timeline keeps: its modality, overlapping [since, until]."""
    return lead["modality"] in modality and _overlaps(Date(value="", start=lead["start"], end=lead["end"]),
                                                      since, until)


def timeline_page(store: Store, actors: Sequence[str] = (), pair: tuple[str, str] | None = None,
                  types: Sequence[str] | None = None, since: str | None = None, until: str | None = None,
                  modality: Sequence[str] = ASSERTED, *, limit: int = 100, offset: int = 0,
                  order: str = "asc") -> TimelinePage:
    """``timeline(...)[offset:offset + limit]`` (``order`` 'asc' or 'desc') and the full length.

    For states (a pair of states, or states alone) the index rows carry each
    event's lead date and modality, so only the page's events are loaded and
    merged: a page of the busiest pair costs about what a quiet pair's does.
    """
    if order not in ("asc", "desc"):
        raise InputError(order, "order must be 'asc' or 'desc'", field="order")
    if limit < 0 or offset < 0:
        raise InputError(f"{limit}/{offset}", "limit and offset must not be negative", field="limit")
    lo, hi = date_bound(since, name="since"), date_bound(until, end=True, name="until")
    found = [resolve_actor(store, a) for a in actors]
    both = (resolve_actor(store, pair[0]), resolve_actor(store, pair[1])) if pair else None
    dyads = _dyad_pairs(found, both)
    if dyads is None:  # people and organisations: few events, build them all
        entries = in_order(_entries(store, _cluster_ids(store, found, both, types or (), modality, lo, hi),
                                     lo, hi, modality), order)
        return TimelinePage(total=len(entries), entries=entries[offset:offset + limit])
    leads = [x for x in store.dyad_event_leads(dyads, types=types or (), modalities=modality, since=lo, until=hi)
             if _in_window(x, modality, lo, hi)]
    leads.sort(key=_lead_order)
    if order == "desc":
        leads = _latest_first(leads, lambda x: x["start"])
    wanted = [x["id"] for x in leads[offset:offset + limit]]
    built = {t.event.id: t for t in _entries(store, wanted, lo, hi, modality)}
    return TimelinePage(total=len(leads), entries=[built[i] for i in wanted if i in built])


def _entries(store: Store, ids: Sequence[str], since: str | None, until: str | None,
             modality: Sequence[str]) -> list[TimelineEntry]:
    """Timeline entries of these real-world events, those of ``modality`` overlapping [since, until]."""
    events = [e for e in store.events(ids) if _overlaps(e.date, since, until) and e.modality in modality]
    index = store.actor_index({a for e in events for a in (*e.source, *e.target)})
    names = {k: a.name for k, a in index.items()}
    out = [TimelineEntry(event=e, date=e.date, label="" if e.modality == "asserted" else e.modality,
                         summary=describe(e, names), source_names=[names.get(a, a) for a in e.source],
                         target_names=[names.get(a, a) for a in e.target], sources=list(e.sources),
                         mentions=list(e.mentions), disputed=list(e.disputed)) for e in events]
    out.sort(key=lambda t: (t.date.start is None, t.date.start or "", t.date.end or "", t.event.id))
    return out


# -- relations ------------------------------------------------------------------


@dataclass(slots=True)
class PeriodStats:
    """Events between two actors in one period: counts per quad class and summed intensity."""

    period: str
    counts: dict[int, int]
    intensity: float
    events: list[str]


@dataclass(slots=True)
class Tie:
    """A standing tie between two actors: a treaty/alliance/pact, or a trade dependence figure."""

    kind: str
    summary: str
    date: Date | None
    item: str  # event or quantity id (for a treaty-type tie: the earliest event naming it)
    mentions: list[Mention]
    events: int = 1  # real-world events naming the tie (quantities: 1)


@dataclass(slots=True)
class Relations:
    a: Actor
    b: Actor
    by: str
    periods: list[PeriodStats]
    ties: list[Tie]
    undated: int


def _period(d: Date, by: str) -> str | None:
    if not d.start:
        return None
    coarse = {"quarter", "season", "year", "decade"} if by == "month" else {"decade"}
    if d.granularity in coarse or (d.end and d.end[:7 if by == "month" else 4] != d.start[:7 if by == "month" else 4]):
        return d.value or d.start[:4]  # a period coarser than the buckets is listed as itself
    return d.start[:7] if by == "month" else d.start[:4]


def relations(store: Store, a: str, b: str, by: str = "month", since: str | None = None,
              until: str | None = None) -> Relations:
    """How two actors interact over time, and the standing ties between them."""
    if by not in ("month", "year"):
        raise InputError(by, "group by 'month' or 'year'", field="by")
    actor_a, actor_b = resolve_actor(store, a), resolve_actor(store, b)
    code_a, code_b = _state_code(actor_a), _state_code(actor_b)
    if code_a and code_b and code_a != code_b and not since and not until:
        # two states, all time: the roll-up has each period ready (counts, intensity, ids in order)
        periods, undated = [], 0
        for period, n, intensity, counts, ids in store.dyad_periods(code_a, code_b, by, ASSERTED[0]):
            if period == "":
                undated = n
            else:
                periods.append(PeriodStats(period, counts, intensity, ids))
        return Relations(a=actor_a, b=actor_b, by=by, periods=periods,
                         ties=standing_ties(store, actor_a, actor_b, until=until), undated=undated)
    buckets: dict[str, PeriodStats] = {}
    undated = 0
    for key, quad, intensity, event_id in _relation_items(store, a, b, actor_a, actor_b, by, since, until):
        if key is None:
            undated += 1
            continue
        p = buckets.setdefault(key, PeriodStats(key, {1: 0, 2: 0, 3: 0, 4: 0}, 0.0, []))
        p.counts[quad] = p.counts.get(quad, 0) + 1
        p.intensity = round(p.intensity + intensity, 3)
        p.events.append(event_id)
    return Relations(a=actor_a, b=actor_b, by=by, periods=[buckets[k] for k in sorted(buckets)],
                     ties=standing_ties(store, actor_a, actor_b, until=until), undated=undated)


def _relation_items(store: Store, a: str, b: str, actor_a: Actor, actor_b: Actor, by: str, since: str | None,
                    until: str | None) -> list[tuple[str | None, int, float, str]]:
    """(period, quad class, intensity, event id) of the pair's asserted real-world events, in timeline order.

    For two states these come from the ``event_dyads`` index alone (each row carries
    its real-world event's lead attributes), without loading or merging any record.
    """
    code_a, code_b = _state_code(actor_a), _state_code(actor_b)
    if not (code_a and code_b):
        return [(_period(t.date, by), t.event.quad_class, t.event.intensity, t.event.id)
                for t in timeline(store, pair=(a, b), since=since, until=until)]
    lo, hi = date_bound(since, name="since"), date_bound(until, end=True, name="until")
    leads = [x for x in store.dyad_event_leads([(code_a, code_b)], modalities=ASSERTED, since=lo, until=hi)
             if _in_window(x, ASSERTED, lo, hi)]
    leads.sort(key=_lead_order)
    return [(x[by], x["quad_class"], float(x["intensity"] or 0.0), x["id"]) for x in leads]


@dataclass(slots=True)
class PairSummary:
    """A pair's asserted real-world events in a window: how many, of which kind, and the key ones."""

    events: int
    cooperation: int  # quad classes 1-2
    conflict: int  # quad classes 3-4
    key_events: list[TimelineEntry]  # the most widely reported, then the most intense, in date order


def pair_summary(store: Store, a: str, b: str, since: str | None = None, until: str | None = None,
                 key: int = 12) -> PairSummary:
    """Counts and key events of the asserted events between ``a`` and ``b`` (the relations page's header).

    For two states the counts and the choice of key events come from the index rows
    (reports = the event's mentions involving both states); only the key events are loaded.
    """
    actor_a, actor_b = resolve_actor(store, a), resolve_actor(store, b)
    code_a, code_b = _state_code(actor_a), _state_code(actor_b)
    lo, hi = date_bound(since, name="since"), date_bound(until, end=True, name="until")
    if code_a and code_b:
        leads = [x for x in store.dyad_event_leads([(code_a, code_b)], modalities=ASSERTED, since=lo, until=hi)
                 if _in_window(x, ASSERTED, lo, hi)]
        quads = [x["quad_class"] for x in leads]
        top = sorted(leads, key=lambda x: (-x["reports"], -abs(float(x["intensity"] or 0.0)), x["id"]))[:key]
        entries = _entries(store, [x["id"] for x in top], lo, hi, ASSERTED)
    else:
        everything = timeline(store, pair=(a, b), since=since, until=until)
        quads = [t.event.quad_class for t in everything]
        entries = sorted(everything, key=lambda t: (-len(t.mentions), -abs(t.event.intensity), t.event.id))[:key]
    entries.sort(key=lambda t: (t.date.start is None, t.date.start or "", t.event.id))
    return PairSummary(events=len(quads), cooperation=sum(1 for q in quads if q in (1, 2)),
                       conflict=sum(1 for q in quads if q in (3, 4)), key_events=entries)


def standing_ties(store: Store, a: Actor, b: Actor, until: str | None = None) -> list[Tie]:
    """Treaties, alliances and pacts between a and b (signed before ``until``), and trade-share figures.

    One tie per kind of tie: the earliest asserted event naming it, with how many name it.
    """
    r = rules()
    hi = date_bound(until, end=True, name="until")
    codes = (_state_code(a), _state_code(b))
    named: dict[str, dict[str, str | None]] = {}  # tie -> {real-world event: its start}
    if codes[0] and codes[1] and store.tie_rules() == tie_signature(r):
        # the writer stored each mention's tie in its dyad rows: one index range
        for tie, cluster, start in store.dyad_ties(codes[0], codes[1], types=sorted(r.tie_types),
                                                   modalities=ASSERTED):
            if not hi or (start is not None and start <= hi):
                named.setdefault(tie, {})[cluster] = start
    else:  # people or organisations, or ties computed with other tie words: test the merged events
        ids = _cluster_ids(store, [], (a, b), sorted(r.tie_types), ASSERTED, None, hi)
        for entry in _entries(store, store.clusters_with_words(ids, r.tie_words), None, hi, ASSERTED):
            word = tie_word(entry.event, r)
            if word:
                named.setdefault(word, {})[entry.event.id] = entry.date.start
    first = {tie: min(found.items(), key=lambda kv: (kv[1] is None, kv[1] or "", kv[0]))[0]
             for tie, found in named.items()}
    built = {t.event.id: t for t in _entries(store, sorted(set(first.values())), None, hi, ASSERTED)}
    ties: list[Tie] = []
    for word in r.tie_words:
        lead = built.get(first.get(word, ""))
        if lead is not None:
            ties.append(Tie(kind=word, summary=lead.summary, date=lead.event.date, item=lead.event.id,
                            mentions=lead.event.mentions, events=len(named[word])))
    states = {_state_or_id(a, a.id), _state_or_id(b, b.id)}
    # quantities naming someone of each state (indexed by subject); the exact test follows
    reported = store.quantities_with_subjects([store.state_members(s) for s in sorted(states)], until=until)
    index = store.actor_index({s for q, _doc in reported for s in q.subjects})
    for q, _doc in reported:
        if q.modality != "asserted" or not any(w in q.measure.lower() for w in r.trade_measure_words):
            continue
        subj = {_state_or_id(index.get(s), s) for s in q.subjects}
        if states <= subj:
            ties.append(Tie(kind="trade", summary=f"{q.measure}: {format_value(q)}", date=q.date, item=q.id,
                            mentions=q.mentions))
    return ties


def format_value(q: Quantity) -> str:
    """A quantity as a reader writes it: "about 2.74 billion USD", "98 percent"."""
    v = float(q.value)
    for size, word in ((1e12, "trillion"), (1e9, "billion"), (1e6, "million")):
        if abs(v) >= size:
            num = f"{v / size:,.2f}".rstrip("0").rstrip(".") + f" {word}"
            break
    else:
        num = f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"
    unit = {"percent": "percent", "count": ""}.get(q.unit, q.unit)
    return " ".join(x for x in (q.qualifier, num, unit) if x)


# -- network --------------------------------------------------------------------


@dataclass(slots=True)
class Node:
    id: str
    name: str
    events: int  # real-world events it takes part in
    degree: int
    weighted_degree: float
    community: int = -1


@dataclass(slots=True)
class Edge:
    a: str
    b: str
    events: int
    cooperation: int  # quad classes 1-2
    conflict: int  # quad classes 3-4
    intensity: float


@dataclass(slots=True)
class Network:
    nodes: list[Node]
    edges: list[Edge]
    communities: list[list[str]]


def network(store: Store, since: str | None = None, until: str | None = None, level: str = "state") -> Network:
    """Who interacts with whom: actors (states by default) as nodes, asserted events as edges.

    Communities come from weighted label propagation over cooperative ties only
    (adversaries who clash often are not a community); centrality is degree and
    weighted degree (events per tie).
    """
    entries = timeline(store, since=since, until=until)
    index = store.actor_index()

    def key(actor_id: str) -> str:
        return _state_or_id(index.get(actor_id), actor_id) if level == "state" else actor_id

    edges: dict[tuple[str, str], Edge] = {}
    involved: dict[str, int] = defaultdict(int)
    for t in entries:
        ev = t.event
        src, tgt = sorted({key(x) for x in ev.source}), sorted({key(x) for x in ev.target})
        for n in set(src) | set(tgt):
            involved[n] += 1
        pairs = {tuple(sorted((s, x))) for s in src for x in tgt if s != x} if tgt else \
            {(s, x) for i, s in enumerate(src) for x in src[i + 1:]}
        for p in sorted(pairs):
            e = edges.setdefault(p, Edge(p[0], p[1], 0, 0, 0, 0.0))  # type: ignore[arg-type]
            e.events += 1
            e.intensity = round(e.intensity + ev.intensity, 3)
            if ev.quad_class in (1, 2):
                e.cooperation += 1
            else:
                e.conflict += 1
    names = {(a.code or a.id) if level == "state" and a.kind == "state" else a.id: a.name for a in index.values()}
    nodes = {n: Node(n, names.get(n, n), c, 0, 0.0) for n, c in involved.items()}
    for e in edges.values():
        for n in (e.a, e.b):
            nodes[n].degree += 1
            nodes[n].weighted_degree += e.events
    communities = label_propagation(sorted(nodes), [(e.a, e.b, float(e.cooperation)) for e in edges.values()])
    for i, members in enumerate(communities):
        for n in members:
            nodes[n].community = i
    ordered = sorted(nodes.values(), key=lambda n: (-n.weighted_degree, n.id))
    return Network(nodes=ordered, edges=sorted(edges.values(), key=lambda e: (-e.events, e.a, e.b)),
                   communities=communities)


def label_propagation(nodes: Sequence[str], edges: Iterable[tuple[str, str, float]],
                      max_rounds: int = 100) -> list[list[str]]:
    """Deterministic weighted label propagation: each node takes its neighbours' heaviest label.

    Ties go to the smallest label, nodes are visited in sorted order, so the
    result is reproducible.  Returns communities, largest first.
    """
    adj: dict[str, dict[str, float]] = {n: {} for n in nodes}
    for a, b, w in edges:
        if w > 0 and a != b:
            adj[a][b] = adj[a].get(b, 0.0) + w
            adj[b][a] = adj[b].get(a, 0.0) + w
    label = {n: n for n in nodes}
    for _ in range(max_rounds):
        changed = False
        for n in sorted(nodes):
            if not adj[n]:
                continue
            weight: dict[str, float] = defaultdict(float)
            for m, w in adj[n].items():
                weight[label[m]] += w
            best = max(weight.values())
            choice = min(lbl for lbl, w in weight.items() if w == best)
            if label[n] not in weight or weight[label[n]] < best:
                label[n], changed = choice, True
        if not changed:
            break
    groups: dict[str, list[str]] = defaultdict(list)
    for n in sorted(nodes):
        groups[label[n]].append(n)
    return sorted(groups.values(), key=lambda g: (-len(g), g[0]))
