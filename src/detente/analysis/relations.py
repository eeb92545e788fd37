"""How two actors relate: events per period, the pair's summary, and their standing ties."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..errors import InputError
from ..fusion import rules, tie_signature, tie_word
from ..model import Actor, Date, Mention
from ..store import Store
from .common import ASSERTED, TimelineEntry, date_bound, format_value, resolve_actor, state_code, state_or_id
from .timeline import build_entries, cluster_ids, in_window, lead_order, timeline


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


Leads = Callable[[], list[dict[str, Any]]]  # a pair of states' window rows, read on first call


def _window_leads(store: Store, code_a: str, code_b: str, lo: str | None, hi: str | None) -> Leads:
    """The asserted real-world events between two states overlapping [lo, hi] with their lead's attributes
    (:meth:`Store.dyad_event_leads` rows), in timeline order; read once, when first asked for."""
    found: list[list[dict[str, Any]]] = []

    def leads() -> list[dict[str, Any]]:
        if not found:
            rows = [x for x in store.dyad_event_leads([(code_a, code_b)], modalities=ASSERTED, since=lo, until=hi)
                    if in_window(x, ASSERTED, lo, hi)]
            rows.sort(key=lead_order)
            found.append(rows)
        return found[0]
    return leads


def relations_and_summary(store: Store, a: str, b: str, by: str = "month", since: str | None = None,
                          until: str | None = None, key: int = 12) -> tuple[Relations, PairSummary]:
    """:func:`relations` and :func:`pair_summary` of one pair and window (the relations page asks both):
    the actors resolved once, and a pair of states' rows in the window read once for both."""
    if by not in ("month", "year"):
        raise InputError(by, "group by 'month' or 'year'", field="by")
    actor_a, actor_b = resolve_actor(store, a), resolve_actor(store, b)
    code_a, code_b = state_code(actor_a), state_code(actor_b)
    lo, hi = date_bound(since, name="since"), date_bound(until, end=True, name="until")
    leads = _window_leads(store, code_a, code_b, lo, hi) if code_a and code_b else None
    return (_relations(store, a, b, actor_a, actor_b, by, since, until, leads),
            _pair_summary(store, a, b, actor_a, actor_b, since, until, key, leads))


def relations(store: Store, a: str, b: str, by: str = "month", since: str | None = None,
              until: str | None = None) -> Relations:
    """How two actors interact over time, and the standing ties between them."""
    if by not in ("month", "year"):
        raise InputError(by, "group by 'month' or 'year'", field="by")
    actor_a, actor_b = resolve_actor(store, a), resolve_actor(store, b)
    return _relations(store, a, b, actor_a, actor_b, by, since, until, None)


def _relations(store: Store, a: str, b: str, actor_a: Actor, actor_b: Actor, by: str, since: str | None,
               until: str | None, leads: Leads | None) -> Relations:
    code_a, code_b = state_code(actor_a), state_code(actor_b)
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
    for key, quad, intensity, event_id in _relation_items(store, a, b, actor_a, actor_b, by, since, until, leads):
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
                    until: str | None, leads: Leads | None) -> list[tuple[str | None, int, float, str]]:
    """(period, quad class, intensity, event id) of the pair's asserted real-world events, in timeline order.

    For two states these come from the ``event_dyads`` index alone (each row carries
    its real-world event's lead attributes), without loading or merging any record.
    """
    code_a, code_b = state_code(actor_a), state_code(actor_b)
    if not (code_a and code_b):
        return [(_period(t.date, by), t.event.quad_class, t.event.intensity, t.event.id)
                for t in timeline(store, pair=(a, b), since=since, until=until)]
    if leads is None:
        lo, hi = date_bound(since, name="since"), date_bound(until, end=True, name="until")
        leads = _window_leads(store, code_a, code_b, lo, hi)
    return [(x[by], x["quad_class"], float(x["intensity"] or 0.0), x["id"]) for x in leads()]


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
    Over all time (the relations page's default) they are counted in the database:
    the counts from the roll-up, the key events grouped over an index.
    """
    actor_a, actor_b = resolve_actor(store, a), resolve_actor(store, b)
    return _pair_summary(store, a, b, actor_a, actor_b, since, until, key, None)


def _pair_summary(store: Store, a: str, b: str, actor_a: Actor, actor_b: Actor, since: str | None,
                  until: str | None, key: int, leads: Leads | None) -> PairSummary:
    code_a, code_b = state_code(actor_a), state_code(actor_b)
    lo, hi = date_bound(since, name="since"), date_bound(until, end=True, name="until")
    if code_a and code_b and code_a != code_b and not lo and not hi and key >= 0:
        counts = store.dyad_quad_counts(code_a, code_b, ASSERTED[0])
        entries = build_entries(store, store.dyad_most_reported(code_a, code_b, ASSERTED[0], key), lo, hi, ASSERTED)
        entries.sort(key=lambda t: (t.date.start is None, t.date.start or "", t.event.id))
        return PairSummary(events=sum(counts.values()), cooperation=counts.get(1, 0) + counts.get(2, 0),
                           conflict=counts.get(3, 0) + counts.get(4, 0), key_events=entries)
    if code_a and code_b:
        rows = (leads or _window_leads(store, code_a, code_b, lo, hi))()
        quads = [x["quad_class"] for x in rows]
        top = sorted(rows, key=lambda x: (-x["reports"], -abs(float(x["intensity"] or 0.0)), x["id"]))[:key]
        entries = build_entries(store, [x["id"] for x in top], lo, hi, ASSERTED)
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
    codes = (state_code(a), state_code(b))
    named: dict[str, dict[str, str | None]] = {}  # tie -> {real-world event: its start}
    if codes[0] and codes[1] and store.tie_rules() == tie_signature(r):
        # the writer stored each mention's tie in its dyad rows: one index range
        for tie, cluster, start in store.dyad_ties(codes[0], codes[1], types=sorted(r.tie_types),
                                                   modalities=ASSERTED):
            if not hi or (start is not None and start <= hi):
                named.setdefault(tie, {})[cluster] = start
    else:  # people or organisations, or ties computed with other tie words: test the merged events
        ids = cluster_ids(store, [], (a, b), sorted(r.tie_types), ASSERTED, None, hi)
        for entry in build_entries(store, store.clusters_with_words(ids, r.tie_words), None, hi, ASSERTED):
            word = tie_word(entry.event, r)
            if word:
                named.setdefault(word, {})[entry.event.id] = entry.date.start
    first = {tie: min(found.items(), key=lambda kv: (kv[1] is None, kv[1] or "", kv[0]))[0]
             for tie, found in named.items()}
    built = {t.event.id: t for t in build_entries(store, sorted(set(first.values())), None, hi, ASSERTED)}
    ties: list[Tie] = []
    for word in r.tie_words:
        lead = built.get(first.get(word, ""))
        if lead is not None:
            ties.append(Tie(kind=word, summary=lead.summary, date=lead.event.date, item=lead.event.id,
                            mentions=lead.event.mentions, events=len(named[word])))
    states = {state_or_id(a, a.id), state_or_id(b, b.id)}
    # quantities naming someone of each state (indexed by subject); the exact test follows
    reported = store.quantities_with_subjects([store.state_members(s) for s in sorted(states)], until=until)
    index = store.actor_index({s for q, _doc in reported for s in q.subjects})
    for q, _doc in reported:
        if q.modality != "asserted" or not any(w in q.measure.lower() for w in r.trade_measure_words):
            continue
        subj = {state_or_id(index.get(s), s) for s in q.subjects}
        if states <= subj:
            ties.append(Tie(kind="trade", summary=f"{q.measure}: {format_value(q)}", date=q.date, item=q.id,
                            mentions=q.mentions))
    return ties
