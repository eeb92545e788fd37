"""What changed: the latest period compared with what came before.

:func:`changes` compares a window with everything before it.  Without ``since``
the window is the store's latest period (:func:`detente.positions.history.default_window`
over the publication dates; ``Changes.window_reason`` says so in words).  What it
finds, in the order a briefing lists it:

1. **position shifts** (``shifts``): an actor's stance group on an issue moved
   (demanded → silent), each side with its citations;
2. **ties** (``ties``): a standing tie (treaty, alliance, …) named for the first
   time between two states, one broken (an event of ``changes.break_types`` naming
   it), a visit after a gap of years; and pairs interacting for the first time
   (``new_pairs``);
3. **trends** (``trends``): a pair's cooperation/conflict balance between the
   periods, only when both have enough events (``data/brief.yaml`` ``changes:``);
4. **new actors** (``new_actors``).

``new_events`` are the window's events; ``stances`` the claims-based stance moves
kept for earlier callers.  A claim's date is its report's publication date.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any, TypeVar

import yaml

from ..errors import InputError
from ..fusion import rules as fusion_rules
from ..fusion import tie_word
from ..model import Actor, Claim, Mention, Position
from ..positions import load_issues
from ..positions.history import Shift, Window, changed_in, default_window, shifts
from ..positions.render import shift_text, span
from ..store import DocumentRow, Store
from ..store.pasts import iso_day, side_parser
from .common import ASSERTED, TimelineEntry, actor_refs, date_bound, resolve_actor, span_overlaps, state_or_id
from .timeline import build_entries, cluster_ids, timeline, timeline_page


@lru_cache(maxsize=1)
def change_rules() -> dict[str, Any]:
    """The ``changes:`` section of ``data/brief.yaml`` (thresholds and event types)."""
    text = resources.files("detente").joinpath("data/brief.yaml").read_text("utf-8")
    rules: dict[str, Any] = (yaml.safe_load(text) or {}).get("changes") or {}
    return rules


@dataclass(slots=True)
class StanceChange:
    """A speaker's stance on an issue before the window and in it ("silent" if not voiced)."""

    speaker: str
    speaker_name: str
    issue: str
    before: str
    now: str
    before_claim: Claim
    before_document: DocumentRow
    now_claim: Claim | None  # for "silent": another claim by the speaker in the window
    now_document: DocumentRow | None


@dataclass(slots=True)
class PositionShift:
    """A holder's position on an issue before and now, each side with its dates and evidence."""

    holder: str
    holder_name: str
    issue: str
    issue_label: str
    target: str | None
    before: str  # the stance of the old side's latest step
    before_when: str
    before_mentions: list[Mention]
    now: str  # the stance of the new side's first step
    now_when: str
    now_mentions: list[Mention]
    text: str  # detente.positions.render.shift_text: a silence worded as an absence, never a statement


@dataclass(slots=True)
class TieChange:
    """A standing tie new or broken in the window, or a visit after a gap of years."""

    kind: str  # "new" | "broken" | "visit"
    a: str
    b: str
    tie: str | None  # the tie word ("treaty", "alliance", ...); None for a visit
    entry: TimelineEntry
    previous: TimelineEntry | None = None  # the earlier visit, or the event that named the broken tie
    years: int | None = None  # for a visit: whole years since the previous one


@dataclass(slots=True)
class TrendChange:
    """A pair's cooperation/conflict balance before the window and in it."""

    a: str
    b: str
    before: tuple[int, int]  # (cooperation, conflict) events
    now: tuple[int, int]
    direction: str  # "towards cooperation" | "towards conflict"
    entries: list[TimelineEntry] = field(default_factory=list)  # the window's events of the pair (or the first)
    entries_total: int = 0  # the window's events of the pair


@dataclass(slots=True)
class NewActor:
    actor: Actor
    first_seen: str
    mentions: list[Mention]


@dataclass(slots=True)
class NewPair:
    """Two states (or actors) interacting in the window and never before in the store."""

    a: str
    b: str
    first: TimelineEntry


@dataclass(slots=True)
class Changes:
    since: str
    until: str | None
    window_reason: str = ""  # how the window was chosen, for the output to state it
    shifts: list[PositionShift] = field(default_factory=list)
    ties: list[TieChange] = field(default_factory=list)
    new_pairs: list[NewPair] = field(default_factory=list)
    trends: list[TrendChange] = field(default_factory=list)
    new_actors: list[NewActor] = field(default_factory=list)
    new_events: list[TimelineEntry] = field(default_factory=list)  # one page of them when asked
    stances: list[StanceChange] = field(default_factory=list)
    new_events_total: int = 0  # the window's events (``new_events`` may be one page of them)
    ties_total: int = 0  # each list's length before ``top`` kept its first
    new_pairs_total: int = 0
    trends_total: int = 0
    new_actors_total: int = 0


def _issue(c: Claim, names: Mapping[str, str]) -> str:
    return c.issue or ("relations with " + ", ".join(sorted(names.get(a, a) for a in c.about)) if c.about else "")


def _sides(t: TimelineEntry, key: dict[str, str]) -> list[tuple[str, str]]:
    return _key_pairs(t.event.source, t.event.target, key)


def _pairs(entries: Sequence[TimelineEntry], key: dict[str, str]) -> dict[tuple[str, str], TimelineEntry]:
    out: dict[tuple[str, str], TimelineEntry] = {}
    for t in entries:
        for p in _sides(t, key):
            out.setdefault(p, t)
    return out


def window_for(store: Store, since: str | None, until: str | None) -> Window:
    """The window to report on: [since, until] when given, else the store's latest period."""
    start = date_bound(since, name="since")
    end = date_bound(until, end=True, name="until")
    if start is not None:
        return Window(since=start, until=end or "9999-12-31", first=start,
                      reason=f"from {start} to {end or 'the latest report'}, as asked")
    if since is not None:  # given but empty
        raise InputError("--since", "give a date (YYYY, YYYY-MM or YYYY-MM-DD), or leave it out for the latest period")
    dates = [d for d in store.published_span() if d]
    if end is not None:
        dates = [d for d in dates if d <= end] + [end]
    found = default_window(dates)
    if found is None:
        raise InputError("--since", "the store has no dated reports to choose a window from; give --since")
    return found


def changes(store: Store, since: str | None = None, until: str | None = None, about: Sequence[str | Actor] = (), *,
            limit: int | None = None, offset: int = 0, window: Sequence[TimelineEntry] | None = None,
            window_ids: Sequence[str] | None = None, index: dict[str, Actor] | None = None,
            top: int | None = None, trend_entries: int | None = None, events: bool = True,
            rolled: bool | None = None) -> Changes:
    """What is new in [since, until] compared with before it; without ``since``, in the store's latest period.

    ``about`` limits everything to those actors (ids, names or codes, or actors already resolved).
    ``new_events`` is the page ``[offset:offset + limit]`` of the window's events (all of them when
    ``limit`` is None) and ``new_events_total`` their number.  ``window``: the window's asserted events
    involving ``about`` when the caller has built them (the timeline of ``about`` in the window), not
    built again;
    ``window_ids``: instead, the ids of real-world events among which they are (the asserted ones
    overlapping the window are), when the caller has them and not the events;
    ``index``: :meth:`Store.actor_facts` (or :meth:`Store.actor_index`) when the caller has read it.

    ``top``: at most this many ties, new pairs, trends and new actors (each list's ``*_total`` says how
    many there are): the most active new pairs and trends (by their events in the window), the first
    ties and the first new actors.  ``trend_entries``: at most this many of each trend's events (its
    first; ``entries_total`` says how many).  Both None: everything, new pairs and trends by pair.
    ``events`` False: neither ``new_events`` nor their number (a briefing shows neither).  ``rolled``:
    :meth:`Store.pasts_usable`, when the caller has asked it.
    With migration 20's per-pair roll-up (an unchanged store's state keys; no focus, or states and
    actors of no state) the window's pairs and their pasts are read from it and only the events shown
    are built; ``window`` and ``window_ids`` are then not needed.
    """
    if limit is not None and limit < 0 or offset < 0:
        raise InputError(f"{limit}/{offset}", "limit and offset must not be negative", field="limit")
    if top is not None and top < 0 or trend_entries is not None and trend_entries < 0:
        raise InputError(f"{top}/{trend_entries}", "top and trend_entries must not be negative", field="top")
    window_ = window_for(store, since, until)
    start = window_.since
    end = date_bound(until, end=True, name="until") if until else (window_.until if since is None else None)
    first = dt.date.fromisoformat(start)
    # the day before the window (a string before every stored day when the window starts on the first)
    day_before = (first - dt.timedelta(days=1)).isoformat() if first > dt.date.min else "0000-12-31"
    focus = [a if isinstance(a, Actor) else resolve_actor(store, a) for a in about]
    focus_refs = {r for a in focus for r in actor_refs(a)} | {a.id for a in focus}
    out = Changes(since=start, until=end, window_reason=window_.reason)

    # names and states: read when something is named or a focus kept (a window of pairs alone names nothing)
    facts: Mapping[str, Actor] = _Lazy(store.actor_facts) if index is None else index
    names: Mapping[str, str] = _Lazy(lambda: {k: a.name for k, a in facts.items()})

    def relevant(ids: Sequence[str]) -> bool:
        return not focus_refs or any(i in focus_refs or (a := facts.get(i)) is not None
                                     and state_or_id(a, i) in focus_refs for i in ids)

    rolled = store.pasts_usable() if rolled is None else rolled  # migration 11's per-pair past can answer
    rules = change_rules()
    breaks = set(rules.get("break_types") or [])
    visit_modes = set(rules.get("visit_modes") or ["visit"])
    least = int(rules.get("trend_min_events", 4))
    keyed_focus = all(_keyed(a) for a in focus)  # no focus, or states (actors of no state)
    if rolled and keyed_focus:
        # migration 20: the window's pairs and their pasts from the per-pair roll-up, only the events shown built
        counts = store.pair_window(start, end, least, sorted(focus_refs) if focus else None,
                                   float(rules.get("trend_min_change", 0.3)))
        now = {p: c[0] for p, c in counts.items()}  # new pairs, and those that may trend (of the focus's pairs)
        if events:
            out.new_events_total, out.new_events = _page(store, focus, start, end, limit, offset, rolled=True)
        moving = store.pair_moves_in(start, end, sorted(breaks))  # migration 23: each mark's past, as kept
        if moving is not None:
            moves = _flagged_moves(store, moving, start, day_before, relevant)
        else:
            marked = _mark_facts(store.pair_marks_in(start, end), breaks, visit_modes)
            named = {p for f in marked if f.tie or f.broken for p in f.pairs if relevant(p)}
            visited = {p for f in marked if f.mode in visit_modes for p in f.pairs if relevant(p)}
            moves = _tie_moves(earlier_marks(store, day_before, named, visited), marked, relevant, start)
        balance = {p: (c[1][1], c[1][2]) for p, c in counts.items()}
        window_balance = {p: (c[1], c[2]) for p, c in now.items()}
        fresh = [p for p in sorted(now) if not counts[p][1][0]]
        trending = _trending(balance, window_balance, {p for p, c in window_balance.items() if sum(c) >= least})
        out.new_pairs_total, out.trends_total, out.ties_total = len(fresh), len(trending), len(moves)
        fresh = _top(fresh, lambda p: -now[p][0], top)
        trending = _top(trending, lambda t: -now[t[0]][0], top)
        moves = moves[:top] if top is not None else moves
        firsts = store.pair_window_events(fresh, start, end, first_only=True)
        trend_ids = store.pair_window_events([p for p, _, _ in trending], start, end)
        totals = {p: len(ids) for p, ids in trend_ids.items()}
        trend_ids = {p: ids[:trend_entries] if trend_entries is not None else ids for p, ids in trend_ids.items()}
        wanted_ids = ({firsts[p][0] for p in fresh} | {c for ids in trend_ids.values() for c in ids}
                      | {i for m in moves for i in (m[4], m[5]) if i})
        built = {t.event.id: t for t in build_entries(store, sorted(wanted_ids), None, None, ASSERTED)}
        out.ties = [TieChange(kind, a, b, tie, built[now_id], built[then] if then else None, years)
                    for kind, a, b, tie, now_id, then, years in moves]
        out.new_pairs = [NewPair(p[0], p[1], built[firsts[p][0]]) for p in fresh]
        out.trends = [TrendChange(a, b, old, new, direction, [built[c] for c in trend_ids[(a, b)]], totals[(a, b)])
                      for (a, b), (old, new), direction in trending]
        out.shifts = position_shifts(store, window_, [a.id for a in focus], focus_refs, names, facts)
        _new_actors(store, out, start, end, names, relevant, top)
        out.stances = _stance_changes(store, start, day_before, end, names, relevant)
        return out

    state_key = {k: state_or_id(a, k) for k, a in facts.items()}  # every event's sides are keyed below
    if keyed_focus:  # the whole window's pairs, those with the actors kept; the page: the actors' events
        view = _store_view(store, start, end, rolled)
        if events:
            out.new_events_total, out.new_events = (view.page(limit, offset) if not focus
                                                    else _page(store, focus, start, end, limit, offset))
    else:  # the pairs of the actors' events
        if window_ids is None and window is None:  # their ids from their index
            window_ids = cluster_ids(store, focus, None, (), ASSERTED, start, end)
        view = (_ids_view(store, window_ids, start, end, rolled) if window_ids is not None
                else _entries_view(list(window or [])))
        if events:
            out.new_events_total, out.new_events = view.page(limit, offset)

    # the window's events per pair, in timeline order: balances, and the first event of each pair
    by_pair: dict[tuple[str, str], list[tuple[str, int | None]]] = {}
    keyed: dict[tuple[int, int], list[tuple[str, str]]] = {}  # by the side tuples' identity (rows share and hold them)
    for cluster, quad, source, target in view.rows:
        pairs = keyed.get((id(source), id(target)))
        if pairs is None:
            pairs = keyed[(id(source), id(target))] = _key_pairs(source, target, state_key)
        for p in pairs:
            by_pair.setdefault(p, []).append((cluster, quad))
    wanted = {p for p in by_pair if relevant(list(p))}
    marked = view.marked(breaks, visit_modes, state_key)  # those that may name or break a tie, or visit
    named = {p for f in marked if f.tie or f.broken for p in f.pairs if p in wanted}
    visited = {p for f in marked if f.mode in visit_modes for p in f.pairs if p in wanted}
    counted = {p for p in wanted if sum(1 for _, q in by_pair[p] if q in (1, 2, 3, 4)) >= least}  # may trend
    past = history(store, start, day_before, wanted, named, visited, state_key, rolled, counted)
    out.shifts = position_shifts(store, window_, [a.id for a in focus], focus_refs, names, facts)
    earlier = past.facts if past.facts is not None else [_facts(t, breaks, state_key) for t in past.entries]
    moves = _tie_moves(earlier, marked, relevant, start)
    window_balance = {p: (sum(1 for _, q in by_pair[p] if q in (1, 2)), sum(1 for _, q in by_pair[p] if q in (3, 4)))
                      for p in counted}
    trending = _trending(past.balance, window_balance, counted)
    fresh = [p for p in sorted(wanted) if p not in past.seen]
    out.new_pairs_total, out.trends_total, out.ties_total = len(fresh), len(trending), len(moves)
    fresh = _top(fresh, lambda p: -len(by_pair[p]), top)
    trending = _top(trending, lambda t: -len(by_pair[t[0]]), top)
    moves = moves[:top] if top is not None else moves
    shown_events = {p: [c for c, _ in by_pair[p]][:trend_entries] if trend_entries is not None
                    else [c for c, _ in by_pair[p]] for p, _, _ in trending}
    built = {t.event.id: t for t in view.load(sorted({by_pair[p][0][0] for p in fresh}
                                                     | {c for ids in shown_events.values() for c in ids}
                                                     | {i for m in moves for i in (m[4], m[5]) if i}))}
    shown = {**{t.event.id: t for t in past.entries}, **built}  # a break's tie may be named in the window
    missing = sorted({m[5] for m in moves if m[5] and m[5] not in shown})  # an earlier tie or visit
    shown.update({t.event.id: t for t in build_entries(store, missing, None, day_before, ASSERTED)} if missing else {})
    out.ties = [TieChange(kind, a, b, tie, built[now_id], shown[then] if then else None, years)
                for kind, a, b, tie, now_id, then, years in moves]
    out.new_pairs = [NewPair(p[0], p[1], built[by_pair[p][0][0]]) for p in fresh]
    out.trends = [TrendChange(a, b, old, new, direction, [built[c] for c in shown_events[(a, b)]], len(by_pair[(a, b)]))
                  for (a, b), (old, new), direction in trending]
    _new_actors(store, out, start, end, names, relevant, top)
    out.stances = _stance_changes(store, start, day_before, end, names, relevant)
    return out


def _page(store: Store, focus: Sequence[Actor], start: str, end: str | None, limit: int | None,
          offset: int, rolled: bool = False) -> tuple[int, list[TimelineEntry]]:
    """How many asserted events of the actors (all without) overlap the window, and the page
    ``[offset:offset + limit]`` of them (all when ``limit`` is None); ``rolled``: every event's count
    from migration 22's counts per period."""
    actors = [a.id for a in focus]
    if limit is None:
        entries = timeline(store, actors=actors, since=start, until=end, modality=ASSERTED)
        return len(entries), entries[offset:]
    total = store.window_events(start, end) if rolled and not focus else None
    if total is not None and limit == 0:
        return total, []
    page = timeline_page(store, actors=actors, since=start, until=end, modality=ASSERTED, limit=limit, offset=offset,
                         total=total)
    return page.total, page.entries


def per_pair(store: Store, actors: Sequence[Actor], rolled: bool | None = None) -> bool:
    """Whether :func:`changes` about these actors reads migration 20's per-pair roll-up (and needs neither
    ``window`` nor ``window_ids``); ``rolled``: :meth:`Store.pasts_usable`, when the caller has asked it."""
    return all(_keyed(a) for a in actors) and (store.pasts_usable() if rolled is None else rolled)


def _keyed(actor: Actor) -> bool:
    """An actor whose events are those of its state key (a state, or an actor of no state): migration 20's
    per-pair rows answer for it."""
    return actor_refs(actor)[0] == state_or_id(actor, actor.id)


T = TypeVar("T")
V = TypeVar("V")


class _Lazy(Mapping[str, V]):
    """A mapping made by ``make`` when first read."""

    def __init__(self, make: Callable[[], Mapping[str, V]]) -> None:
        self._make: Callable[[], Mapping[str, V]] | None = make
        self._found: Mapping[str, V] = {}

    def _all(self) -> Mapping[str, V]:
        if self._make is not None:
            self._found, self._make = self._make(), None
        return self._found

    def __getitem__(self, key: str) -> V:
        return self._all()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._all())

    def __len__(self) -> int:
        return len(self._all())


def _top(items: list[T], rank: Callable[[T], Any], top: int | None) -> list[T]:
    """``items`` as they are, or the ``top`` first by ``rank`` (then their order) when ``top`` is given."""
    if top is None:
        return items
    return [x for _, _, x in sorted((rank(x), i, x) for i, x in enumerate(items))[:top]]


def _new_actors(store: Store, out: Changes, start: str, end: str | None, names: Mapping[str, str],
                relevant: Callable[[Sequence[str]], bool], top: int | None) -> None:
    """The actors first seen in the window (the ``top`` first seen when given), each with its record."""
    first_seen = store.actors_first_seen_in(start, end)
    new_ids = sorted((a for a in first_seen if relevant([a])), key=lambda x: (first_seen[x], names.get(x, x)))
    out.new_actors_total = len(new_ids)
    new_ids = new_ids[:top] if top is not None else new_ids
    if new_ids:
        firsts = store.actor_mentions_first(new_ids)
        whole = store.actor_index(new_ids)  # the answer shows each new actor's record
        for a in new_ids:
            if a in whole:
                out.new_actors.append(NewActor(whole[a], first_seen[a], firsts.get(a, [])))


def _trending(before: dict[tuple[str, str], tuple[int, int]], now: dict[tuple[str, str], tuple[int, int]],
              wanted: set[tuple[str, str]]) -> list[tuple[tuple[str, str], tuple[tuple[int, int], tuple[int, int]], str]]:
    """:func:`trends_from` over each pair's (cooperation, conflict) events before and in the window:
    (pair, (before, now), direction), by pair."""
    rules = change_rules()
    least = int(rules.get("trend_min_events", 4))
    moved = float(rules.get("trend_min_change", 0.3))
    out = []
    for p in sorted(wanted):
        old_b, new_b = before.get(p, (0, 0)), now[p]
        if sum(old_b) < least or sum(new_b) < least:
            continue  # too few events on either side to speak of a trend
        share_old, share_new = old_b[0] / sum(old_b), new_b[0] / sum(new_b)
        if abs(share_new - share_old) >= moved:
            out.append((p, (old_b, new_b), "towards cooperation" if share_new > share_old else "towards conflict"))
    return out


@dataclass(frozen=True, slots=True)
class _Facts:
    """What :func:`tie_changes` reads of an event: its id, start, type and mode, the standing tie it names
    (:func:`detente.fusion.tie_word`), the tie word it breaks (:func:`_breaks`) and its pairs of state keys."""

    id: str
    start: str | None
    type: str
    mode: str | None
    tie: str | None
    broken: str | None
    pairs: tuple[tuple[str, str], ...]


def _facts(t: TimelineEntry, breaks: set[str], key: dict[str, str]) -> _Facts:
    return _Facts(t.event.id, t.date.start, t.event.type, t.event.mode, tie_word(t.event), _breaks(t, breaks),
                  tuple(_sides(t, key)))


def _marked(entries: Sequence[TimelineEntry], breaks: set[str], visit_modes: set[str],
            key: dict[str, str]) -> list[_Facts]:
    """The facts of those ``entries`` that name a tie, break one or are a visit."""
    found = (_facts(t, breaks, key) for t in entries)
    return [f for f in found if f.tie or f.broken or f.mode in visit_modes]


@dataclass(slots=True)
class _View:
    """The window's asserted events as :func:`changes` reads them.

    ``rows``: (id, quad class, merged source, merged target) of every event, in timeline order;
    ``load``: the entries of some of them, in timeline order; ``marked(breaks, visit modes, state keys)``: the
    facts of those that name a tie, break one or are a visit, in timeline order;
    ``page(limit, offset)``: (how many, one page of entries).
    """

    rows: Sequence[tuple[str, int | None, Sequence[str], Sequence[str]]]
    load: Callable[[Sequence[str]], list[TimelineEntry]]
    marked: Callable[[set[str], set[str], dict[str, str]], list[_Facts]]
    page: Callable[[int | None, int], tuple[int, list[TimelineEntry]]]


def _entries_view(entries: list[TimelineEntry]) -> _View:
    """Events already built (an actor's few, or a caller's)."""
    by_id = {t.event.id: t for t in entries}

    def load(ids: Sequence[str]) -> list[TimelineEntry]:
        wanted = set(ids)
        return [t for t in entries if t.event.id in wanted] if len(wanted) < len(by_id) else list(entries)

    def marked(breaks: set[str], visit_modes: set[str], key: dict[str, str]) -> list[_Facts]:
        return _marked(entries, breaks, visit_modes, key)

    def page(limit: int | None, offset: int) -> tuple[int, list[TimelineEntry]]:
        return len(entries), entries[offset:] if limit is None else entries[offset:offset + limit]

    return _View([(t.event.id, t.event.quad_class, t.event.source, t.event.target) for t in entries], load,
                 marked, page)


def _mark_facts(marks: Iterable[Any], breaks: set[str], visit_modes: set[str]) -> list[_Facts]:
    """:func:`_marked` from migration 11's marks (one row per event and pair), in timeline order."""
    found: dict[str, list[Any]] = {}
    for a, b, day, date_end, cluster, kind, mode, tie, word in marks:
        f = found.setdefault(cluster, [day, date_end, kind, mode, tie, word, []])
        f[6].append((a, b))
    order = sorted(found, key=lambda c: (found[c][0], found[c][1] or "", c))
    facts = [_Facts(c, f[0], f[2], f[3] or None, f[4], f[5] if f[2] in breaks else None, tuple(sorted(f[6])))
             for c in order for f in (found[c],)]
    return [f for f in facts if f.tie or f.broken or f.mode in visit_modes]


def _rows_view(store: Store, rows: list[tuple[str, int | None, Sequence[str], Sequence[str]]], start: str,
               end: str | None, marks: Callable[[], Iterable[Any]] | None) -> _View:
    """Events given as network roll-up rows (migration 7: id, quad class, merged sides; in timeline order),
    entries built only for the events asked for (a page of them, those the answer shows); ``marks``:
    migration 11's marks of them, when they can answer, else the marked ones are found among the versions."""

    def load(ids: Sequence[str]) -> list[TimelineEntry]:
        return build_entries(store, ids, start, end, ASSERTED) if ids else []

    def marked(breaks: set[str], visit_modes: set[str], key: dict[str, str]) -> list[_Facts]:
        if marks is not None:  # the merged type, mode, tie, tie word and pairs, as the writer marked them
            return _mark_facts(marks(), breaks, visit_modes)
        ids = [row[0] for row in rows]
        r = fusion_rules()
        found = (store.clusters_naming(ids, r.tie_types, r.tie_words) | store.clusters_in_mode(ids, visit_modes)
                 | store.clusters_naming(ids, breaks, r.tie_words))  # a superset, read from the versions
        return _marked(load(sorted(found)), breaks, visit_modes, key)

    def page(limit: int | None, offset: int) -> tuple[int, list[TimelineEntry]]:
        return len(rows), load([r[0] for r in (rows[offset:] if limit is None else rows[offset:offset + limit])])

    return _View(rows, load, marked, page)


def _ids_view(store: Store, ids: Sequence[str], start: str, end: str | None, rolled: bool) -> _View:
    """The window's asserted events among ``ids`` (those a caller found for some actors)."""
    rows = [(r[0], r[3], r[5], r[6]) for r in sorted(
        (r for r in store.network_rows(ids) if span_overlaps(r[1], r[2], start, end)),
        key=lambda r: (r[1], r[2] or "", r[0]))]
    return _rows_view(store, rows, start, end, (lambda: store.pair_marks_of([r[0] for r in rows])) if rolled else None)


def _store_view(store: Store, start: str, end: str | None, rolled: bool) -> _View:
    """Every event of the window (the network roll-up's window, in timeline order)."""
    rows = [(r[0], r[3], r[5], r[6]) for r in store.network_window(start, end)]
    return _rows_view(store, rows, start, end, (lambda: store.pair_marks_in(start, end)) if rolled else None)


def name_lookup(store: Store, names: Mapping[str, str] | None = None,
                index: Mapping[str, Actor] | None = None) -> Callable[[str], str]:
    """Actor id or bare ISO3 code -> a name (a shift's holder is a state code when only an official was named);
    ``index``: :meth:`Store.actor_facts` (or :meth:`Store.actor_index`) when the caller has read it."""
    index = store.actor_facts() if index is None else index
    known = names if names is not None else {k: a.name for k, a in index.items()}
    by_code = {a.code: a.name for a in index.values() if a.kind == "state" and a.code}
    return lambda x: known.get(x) or by_code.get(x) or x


def position_shifts(store: Store, window: Window, focus_ids: Sequence[str], focus_refs: set[str],
                    names: Mapping[str, str], index: Mapping[str, Actor] | None = None) -> list[PositionShift]:
    """The shifts of positions whose new side falls in ``window`` and old side before it."""
    holders = sorted(focus_refs | set(focus_ids))
    positions: list[Position] = store.positions(holders=holders)
    if not positions:
        return []  # no shift (and no issue book to read)
    book = load_issues()
    name = name_lookup(store, names, index)
    out: list[PositionShift] = []
    for s in changed_in(window, shifts(positions, book, by_state=True)):
        if s.after[0].first > window.until:
            continue
        out.append(_position_shift(s, book, name))
    return out


def _position_shift(s: Shift, book: Any, name: Callable[[str], str]) -> PositionShift:
    old, new = s.before[-1], s.after[0]
    label = book.issues[s.issue].label if s.issue in book.issues else s.issue
    return PositionShift(holder=s.holder, holder_name=name(s.holder), issue=s.issue, issue_label=label,
                         target=s.target, before=old.stance, before_when=span(s.before),
                         before_mentions=[m for st in s.before for m in st.citations],
                         now=new.stance, now_when=span(s.after), now_mentions=[m for st in s.after for m in st.citations],
                         text=shift_text(s, book, name))


def _day(start: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(start) if start else None
    except ValueError:
        return None


def tie_changes(before: Sequence[TimelineEntry], window: Sequence[TimelineEntry], key: dict[str, str],
                relevant: Callable[[Sequence[str]], bool], since: str | None = None) -> list[TieChange]:
    """Standing ties named for the first time or broken in the window, and visits after a gap of years;
    ``since``: the window's first day (its events starting before it are among ``before`` too)."""
    rules = change_rules()
    breaks = set(rules.get("break_types") or [])
    visit_modes = set(rules.get("visit_modes") or ["visit"])
    by_id = {t.event.id: t for t in (*before, *window)}
    moves = _tie_moves([_facts(t, breaks, key) for t in before], _marked(window, breaks, visit_modes, key), relevant,
                       since)
    return [TieChange(kind, a, b, tie, by_id[now], by_id[then] if then else None, years)
            for kind, a, b, tie, now, then, years in moves]


TieMove = tuple[str, str, str, str | None, str, str | None, int | None]  # TieChange with event ids


def _tie_moves(before: Sequence[_Facts], window: Sequence[_Facts],
               relevant: Callable[[Sequence[str]], bool], since: str | None = None) -> list[TieMove]:
    """:func:`tie_changes` from the facts of the earlier events and of the window's marked ones (both in
    timeline order): (kind, a, b, tie, the window's event, the earlier event or None, years).

    A window's event starting before ``since`` is an earlier event too: it names no tie for the first
    time and is no visit after a gap (its visit is among the earlier ones), but may break a tie."""
    rules = change_rules()
    forming = set(rules.get("forming_types") or ["AGREE"])
    visit_modes = set(rules.get("visit_modes") or ["visit"])
    gap = int(rules.get("visit_gap_years", 2))
    named: dict[tuple[str, str], dict[str, str]] = {}  # pair -> tie word -> the earliest event naming it
    visits: dict[tuple[str, str], tuple[str, dt.date]] = {}  # pair -> the latest visit before, and its day
    for f in before:
        for p in f.pairs:
            if f.tie is not None:
                named.setdefault(p, {}).setdefault(f.tie, f.id)
            if f.mode in visit_modes and (day := _day(f.start)) is not None:
                visits[p] = (f.id, day)
    out: list[TieMove] = []
    for f in window:
        running = since is not None and f.start is not None and f.start < since
        for a, b in f.pairs:
            if not relevant([a, b]):
                continue
            earlier = named.get((a, b), {})
            # a tie is new when an agreement forms it, or when the pair had no standing tie at all:
            # cooperation "within the alliance" between old allies is no new alliance
            if f.tie is not None and f.tie not in earlier and (f.type in forming or not earlier):
                out.append(("new", a, b, f.tie, f.id, None, None))
            if f.tie is not None:
                named.setdefault((a, b), {}).setdefault(f.tie, f.id)
            if f.broken is not None:
                out.append(("broken", a, b, f.broken, f.id, named.get((a, b), {}).get(f.broken), None))
            if f.mode in visit_modes and not running and (day := _day(f.start)) is not None:
                prev = visits.get((a, b))
                if prev is not None and (day - prev[1]).days >= 365 * gap:
                    out.append(("visit", a, b, None, f.id, prev[0], round((day - prev[1]).days / 365.25)))
                visits[(a, b)] = (f.id, day)
    return out


def _flagged_moves(store: Store, rows: Sequence[Any], since: str, day_before: str,
                   relevant: Callable[[Sequence[str]], bool]) -> list[TieMove]:
    """:func:`_tie_moves` from migration 23's marks (:meth:`Store.pair_moves_in`): each says whether it
    names its tie first for the pair, whether a tie was named before it and the pair's visit before it;
    a break's earlier event is the first naming its tie up to it (up to ``day_before`` for one starting
    before ``since``: it is an earlier event too)."""
    rules = change_rules()
    forming = set(rules.get("forming_types") or ["AGREE"])
    breaks = set(rules.get("break_types") or [])
    visit_modes = set(rules.get("visit_modes") or ["visit"])
    gap = int(rules.get("visit_gap_years", 2))
    rows = [r for r in rows if relevant([r[0], r[1]])]
    firsts = store.pair_first_naming(sorted({((r[0], r[1]), r[8]) for r in rows if r[5] in breaks and r[8]}))
    out: list[TieMove] = []
    for a, b, day, end, cluster, type_, mode, tie, word, first, tied, prev, prev_day in rows:
        inside = day >= since
        if inside and first and tie is not None and (type_ in forming or not tied):
            out.append(("new", a, b, tie, cluster, None, None))
        if type_ in breaks and word is not None:
            named = firsts.get(((a, b), word))
            if named is not None and not (named <= (day, end or "", cluster) if inside else named[0] <= day_before):
                named = None
            out.append(("broken", a, b, word, cluster, named[2] if named else None, None))
        if (inside and prev is not None and prev_day is not None and mode in visit_modes
                and (now := _day(day)) is not None and (then := _day(prev_day)) is not None
                and (now - then).days >= 365 * gap):
            out.append(("visit", a, b, None, cluster, prev, round((now - then).days / 365.25)))
    return out


def _breaks(t: TimelineEntry, breaks: set[str]) -> str | None:
    """The tie word an event of ``changes.break_types`` says is broken (the first its evidence holds), if any."""
    if t.event.type not in breaks:
        return None
    text = " ".join(m.text for m in t.event.mentions).lower()
    return next((x for x in fusion_rules().tie_words if x in text), None)


def _balance(entries: Sequence[TimelineEntry]) -> tuple[int, int]:
    coop = sum(1 for t in entries if t.event.quad_class in (1, 2))
    conflict = sum(1 for t in entries if t.event.quad_class in (3, 4))
    return coop, conflict


def trend_changes(before: Sequence[TimelineEntry], window: Sequence[TimelineEntry], key: dict[str, str],
                  relevant: Callable[[Sequence[str]], bool]) -> list[TrendChange]:
    """Pairs whose cooperation share moved between the periods, when both periods have enough events."""
    by_pair: dict[tuple[str, str], list[TimelineEntry]] = {}
    for t in before:
        for p in _sides(t, key):
            by_pair.setdefault(p, []).append(t)
    return trends_from({p: _balance(old) for p, old in by_pair.items()}, window, key, relevant)


def trends_from(before: dict[tuple[str, str], tuple[int, int]], window: Sequence[TimelineEntry],
                key: dict[str, str], relevant: Callable[[Sequence[str]], bool]) -> list[TrendChange]:
    """:func:`trend_changes` from each pair's (cooperation, conflict) events before the window."""
    rules = change_rules()
    least = int(rules.get("trend_min_events", 4))
    moved = float(rules.get("trend_min_change", 0.3))
    by_pair: dict[tuple[str, str], list[TimelineEntry]] = {}
    for t in window:
        for p in _sides(t, key):
            by_pair.setdefault(p, []).append(t)
    out: list[TrendChange] = []
    for (a, b), new in sorted(by_pair.items()):  # a pair with no event in the window has no trend
        old_b, new_b = before.get((a, b), (0, 0)), _balance(new)
        if sum(old_b) < least or sum(new_b) < least or not relevant([a, b]):
            continue  # too few events on either side to speak of a trend
        share_old, share_new = old_b[0] / sum(old_b), new_b[0] / sum(new_b)
        if abs(share_new - share_old) >= moved:
            direction = "towards cooperation" if share_new > share_old else "towards conflict"
            out.append(TrendChange(a, b, old_b, new_b, direction, list(new)))
    return out


@dataclass(slots=True)
class History:
    """What came before a window, for the pairs of its events: the pairs that interacted before (``seen``;
    a pair missing never did), the (cooperation, conflict) events of those asked for, and the earlier
    events that may name a tie or be a visit: built (``entries``), or only what :func:`tie_changes` reads
    of them (``facts``, in timeline order; each event is built when the answer shows it)."""

    balance: dict[tuple[str, str], tuple[int, int]]
    entries: list[TimelineEntry]
    seen: set[tuple[str, str]] = field(default_factory=set)
    facts: list[_Facts] | None = None  # what tie_changes reads of the earlier events, when they are not built


def history(store: Store, start: str, day_before: str, wanted: set[tuple[str, str]],
            named: set[tuple[str, str]], visited: set[tuple[str, str]], key: dict[str, str],
            rolled: bool | None = None, counted: set[tuple[str, str]] | None = None) -> History:
    """The part of ``timeline(store, until=day_before)`` that :func:`changes` reads, without building it:
    which ``wanted`` pairs interacted before and the balances of the ``counted`` ones (all of them when
    None), and the earlier events of the ``named`` pairs that may name a tie and of the ``visited`` pairs
    that may be a visit.

    From migration 11's per-pair roll-up (:mod:`detente.store.pasts`) when it can answer (state keys
    and tie rules as stored; ``rolled`` when the caller asked :meth:`Store.pasts_usable`), else by
    :func:`history_scan`.
    """
    if not (store.pasts_usable() if rolled is None else rolled):
        return history_scan(store, day_before, wanted, named, visited, key)
    month = start[:7]
    summed = wanted if counted is None else wanted & counted
    counts = {p: [c[1], c[2]] for p, c in store.pair_counts_before(sorted(summed), month).items()}
    seen = set(counts) | store.pairs_seen_before(sorted(wanted - summed), month)  # the others: only whether
    if day_before >= month:  # the window starts within a month: its days before (any start in it), one by one
        for source, target, coop, conflict in store.network_started_between(month, day_before):
            for p in _key_pairs(json.loads(source), json.loads(target), key):
                if p in wanted:
                    seen.add(p)
                if p in summed:
                    c = counts.setdefault(p, [0, 0])
                    c[0] += coop
                    c[1] += conflict
    return History({p: (c[0], c[1]) for p, c in counts.items()}, [], seen,
                   earlier_marks(store, day_before, named, visited))


def earlier_marks(store: Store, day_before: str, named: set[tuple[str, str]],
                  visited: set[tuple[str, str]]) -> list[_Facts]:
    """What :func:`tie_changes` reads of the events up to ``day_before``, from migration 11's marks: the
    earliest event naming each tie of the ``named`` pairs and the latest visit of the ``visited`` ones, in
    timeline order."""
    facts: list[tuple[tuple[str, str, str], _Facts]] = []
    if named or visited:
        visit_modes = set(change_rules().get("visit_modes") or ["visit"])
        first: dict[tuple[tuple[str, str], str], tuple[str, str, str]] = {}  # (pair, tie) -> earliest (day, end, id)
        last: dict[tuple[str, str], tuple[tuple[str, str, str], str]] = {}  # pair -> latest visit (day, end, id), mode
        for a, b, day, end, cluster, tie, mode in store.pair_marks_before(sorted(named), sorted(visited),
                                                                          sorted(visit_modes), day_before):
            order = (day, end or "", cluster)
            if tie is not None and (a, b) in named:
                earliest = first.get(((a, b), tie))
                if earliest is None or order < earliest:
                    first[((a, b), tie)] = order
            if mode in visit_modes and (a, b) in visited and iso_day(day):
                latest = last.get((a, b))
                if latest is None or order > latest[0]:
                    last[(a, b)] = (order, mode)
        # what tie_changes reads of them (not their type): the tie each names first for a pair, the latest
        # visit of each pair
        facts = [(o, _Facts(o[2], o[0], "", None, tie, None, (p,))) for (p, tie), o in first.items()]
        facts += [(o, _Facts(o[2], o[0], "", mode, None, None, (p,))) for p, (o, mode) in last.items()]
    facts.sort(key=lambda x: x[0])
    return [f for _, f in facts]


def history_scan(store: Store, day_before: str, wanted: set[tuple[str, str]], named: set[tuple[str, str]],
                 visited: set[tuple[str, str]], key: dict[str, str]) -> History:
    """:func:`history` from the network roll-up's merged sides and quad classes, counted per pair of
    sides in the database (no event loaded); the events a tie or a visit needs (:func:`tie_changes`)
    are loaded only for the ``named`` and ``visited`` pairs (among earlier events whose merged type and
    text could name a tie, or whose merged mode could be a visit)."""
    visit_modes = set(change_rules().get("visit_modes") or ["visit"])
    counts: dict[tuple[str, str], list[int]] = {}
    tie_sides: set[tuple[str, str]] = set()
    visit_sides: set[tuple[str, str]] = set()
    ids = side_parser()
    for source, target, coop, conflict in store.network_before(day_before):
        for p in _key_pairs(ids(source), ids(target), key):
            if p not in wanted:
                continue
            c = counts.setdefault(p, [0, 0])
            c[0] += coop
            c[1] += conflict
            if p in named:
                tie_sides.add((source, target))
            if p in visited:
                visit_sides.add((source, target))
    entries: list[TimelineEntry] = []
    if tie_sides or visit_sides:
        r = fusion_rules()
        ties = store.clusters_naming(store.network_clusters_before(day_before, tie_sides), r.tie_types, r.tie_words)
        visits = store.clusters_in_mode(store.network_clusters_before(day_before, visit_sides), visit_modes)
        entries = build_entries(store, sorted(ties | visits), None, day_before, ASSERTED)
    return History({p: (c[0], c[1]) for p, c in counts.items()}, entries, set(counts))


def _key_pairs(source: Sequence[str], target: Sequence[str], key: dict[str, str]) -> list[tuple[str, str]]:
    """:func:`_sides` of an event with these merged sides."""
    if len(source) == 1 and len(target) == 1:  # most events: one actor a side
        s, x = key.get(source[0], source[0]), key.get(target[0], target[0])
        return [] if s == x else [(min(s, x), max(s, x))]
    src = {key.get(a, a) for a in source}
    tgt = {key.get(a, a) for a in target}
    sides = [(s, x) for s in src for x in tgt] if tgt else [(s, x) for s in src for x in src]
    return sorted({(min(s, x), max(s, x)) for s, x in sides if s != x})


def _stance_changes(store: Store, start: str, day_before: str, end: str | None, names: Mapping[str, str],
                    keep: Callable[[Sequence[str]], bool]) -> list[StanceChange]:
    now: dict[tuple[str, str], tuple[Claim, DocumentRow]] = {}
    spoke: dict[str, tuple[Claim, DocumentRow]] = {}
    for c, doc in store.claims_dated(since=start, until=end):
        if not c.speaker:
            continue
        spoke.setdefault(c.speaker, (c, doc))
        if c.stance:
            now[(c.speaker, _issue(c, names))] = (c, doc)
    # a speaker not heard from in the window shows no change: only the window's speakers' past is read
    before: dict[tuple[str, str], tuple[Claim, DocumentRow]] = {}
    for c, doc in store.spoken_claims_before(day_before, spoke):
        if c.speaker and c.stance and keep([c.speaker, *c.about]):
            before[(c.speaker, _issue(c, names))] = (c, doc)  # the latest stance before the window wins
    out: list[StanceChange] = []
    for (speaker, issue), (old, old_doc) in sorted(before.items()):
        if (speaker, issue) in now:
            new, new_doc = now[(speaker, issue)]
            if new.stance == old.stance:
                continue
            stance: str = new.stance or "silent"
        else:  # heard from in the window (every speaker read before is), on other things
            (new, new_doc), stance = spoke[speaker], "silent"
        if stance == old.stance:
            continue  # "silent" before and still silent is no change
        out.append(StanceChange(speaker=speaker, speaker_name=names.get(speaker, speaker), issue=issue,
                                before=old.stance or "", now=stance, before_claim=old, before_document=old_doc,
                                now_claim=new, now_document=new_doc))
    return out


# -- search -----------------------------------------------------------------------


@dataclass(slots=True)
class SearchHit:
    kind: str  # "document" | "claim" | "event"
    id: str  # document, claim or (real-world) event id
    document: str
    title: str | None
    snippet: str


def search(store: Store, q: str, limit: int = 20) -> list[SearchHit]:
    """Full-text search over documents, quotes and event evidence (FTS5 syntax; plain words work)."""
    if not q.strip():
        raise InputError("query", "give some words to search for")
    return [SearchHit(kind=h["kind"], id=h["id"], document=h["document"], title=h.get("title"),
                      snippet=h["snippet"]) for h in store.search_all(q, limit=limit)]
