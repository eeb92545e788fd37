"""Sourced briefings: what the store knows about some actors, every sentence cited.

:func:`brief` writes Markdown or HTML with six sections — key events by
importance (state visits, summits, treaties and attacks above casual mentions;
each merged with the same event's other versions), events reported without
their acting side, the numbers, who said what, what changed (position shifts
first; the store's latest period unless a window is given), what is disputed —
and a reference list.  Every sentence carries citations ``[n]``; each reference names
the document id and the character offsets whose slice of the stored text is the
quoted evidence, with the publisher and publication date.  Uncertainty is said
in words: inferred dates, single-source reports, planned or hypothetical events.

The briefing is deterministic (same store, same arguments, same text) and runs
offline; HTML output escapes all article text.  Phrases are data:
``detente/data/brief.yaml``.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import heapq
import html
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from operator import itemgetter
from typing import Any

import yaml

from ..errors import InputError
from ..model import JOINT_TYPES, MODALITIES, PLOVER_TYPES, Actor, Date, Event, Mention, Position
from ..positions import load_issues
from ..positions.render import PHRASES, position_text
from ..store import DocumentRow, Store, state_ranks
from ..store import ranks as ranks_
from ..store.ranks import heaviest_word, word_text
from .changes import changes, name_lookup, per_pair
from .common import (
    ASSERTED,
    TimelineEntry,
    actor_refs,
    date_bound,
    describe,
    format_value,
    resolve_actor,
    span_overlaps,
    state_or_id,
)
from .timeline import build_entries, cluster_ids, dyad_pairs

MAX_EVENTS, MAX_NUMBERS, MAX_CLAIMS, MAX_CITES, MAX_INCOMPLETE = 25, 15, 15, 3, 10


@lru_cache(maxsize=1)
def phrases() -> dict[str, Any]:
    """The shipped briefing phrases (``data/brief.yaml``), checked against the PLOVER ontology."""
    text = resources.files("detente").joinpath("data/brief.yaml").read_text("utf-8")
    return check_phrases(yaml.safe_load(text) or {}, "data/brief.yaml")


def check_phrases(data: dict[str, Any], source: str) -> dict[str, Any]:
    """``data`` if its verbs name exactly the PLOVER types and its modalities known ones; else InputError.

    A type added to :data:`detente.model.PLOVER_TYPES` needs its briefing phrase:
    this says so when the phrases load instead of writing the bare type name.
    """
    verbs = set(data.get("verbs") or {})
    unknown, missing = sorted(verbs - set(PLOVER_TYPES)), [t for t in PLOVER_TYPES if t not in verbs]
    if unknown or missing:
        raise InputError(source, (f"unknown PLOVER type(s) {', '.join(unknown)}; " if unknown else "")
                         + (f"no phrase for {', '.join(missing)}; " if missing else "")
                         + "the types are detente.model.PLOVER_TYPES", field="verbs")
    odd = sorted(set(data.get("modality") or {}) - set(MODALITIES))
    if odd:
        raise InputError(source, f"unknown modality {', '.join(odd)}; use {', '.join(MODALITIES)}", field="modality")
    return data


@dataclass(slots=True)
class Reference:
    n: int
    document: str
    start: int
    end: int
    evidence: str
    publisher: str | None
    published: str | None
    published_basis: str


@dataclass(slots=True)
class Line:
    """One bullet: parts of text, each followed by its citations; rendered as one sentence."""

    parts: list[tuple[str, list[int]]] = field(default_factory=list)


class _Citations:
    """Numbers evidence spans, checking that each slices its document's stored text."""

    def __init__(self, store: Store):
        self.store = store
        self.texts: dict[str, str] = {}
        self.docs: dict[str, DocumentRow] = {}
        self.refs: list[Reference] = []
        self._n: dict[tuple[str, int, int], int] = {}

    def cite(self, mentions: Sequence[Mention], limit: int = MAX_CITES) -> list[int]:
        """Citation numbers for up to ``limit`` mentions, one per document first."""
        missing = {m.document for m in mentions} - set(self.texts)
        if missing:
            self.texts.update(self.store.document_texts(missing))
            self.docs.update(self.store.document_rows(missing))
        ordered = list(mentions)  # as reported: earliest publication first
        firsts = list({m.document: m for m in reversed(ordered)}.values())[::-1]  # first mention per document
        out: list[int] = []
        for m in firsts + [m for m in ordered if m not in firsts]:
            text = self.texts.get(m.document)
            if text is None or not (0 <= m.start < m.end <= len(text)) or len(out) >= limit:
                continue  # evidence that does not resolve is never cited
            key = (m.document, m.start, m.end)
            if key not in self._n:
                row = self.docs.get(m.document)
                self.refs.append(Reference(len(self.refs) + 1, m.document, m.start, m.end, text[m.start:m.end],
                                           row.source if row else None, row.published if row else None,
                                           row.published_basis if row else "unknown"))
                self._n[key] = len(self.refs)
            if self._n[key] not in out:
                out.append(self._n[key])
        return out

    def published(self, doc_id: str) -> str | None:
        row = self.docs.get(doc_id)
        return row.published if row else None


def date_phrase(d: Date) -> str:
    """ "on 4 September 2025", "in September 2025", "in 2025", "on an unstated date"."""
    try:
        if d.granularity == "day" and d.start:
            day = dt.date.fromisoformat(d.start)
            text = f"on {day.day} {day:%B %Y}"
            if d.end and d.end != d.start:
                last = dt.date.fromisoformat(d.end)
                text = f"between {day.day} {day:%B %Y} and {last.day} {last:%B %Y}"
            return text
        if d.granularity == "month" and d.start:
            return f"in {dt.date.fromisoformat(d.start):%B %Y}"
        if d.granularity == "week" and d.start:
            first = dt.date.fromisoformat(d.start)
            return f"in the week of {first.day} {first:%B %Y}"
    except ValueError:
        pass
    if d.value:
        return f"in {d.value}"
    return "on an unstated date"


def _names(ids: Sequence[str], names: dict[str, str]) -> str:
    items = [names.get(i, i) for i in dict.fromkeys(ids)]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1] if items else "someone"


def event_sentence(ev: Event, names: dict[str, str]) -> str:
    """The claim a briefing makes about an event, with its uncertainty in words (no citations)."""
    p = phrases()
    verbs = p.get("modes", {}).get(ev.mode or "") or p.get("verbs", {}).get(ev.type, {})
    when = date_phrase(ev.date)
    if ev.target:
        verb = verbs.get("with", ev.type.lower())
        core = f"{_names(ev.source, names)} {verb} {_names(ev.target, names)}"
    else:
        core = f"{_names(ev.source, names)} {verbs.get('joint', ev.type.lower())}"
    said = {names.get(a, a) for a in (*ev.source, *ev.target)}
    where = f" in {ev.location.name}" if ev.location and ev.location.name and ev.location.name not in said else ""
    notes = []
    if ev.modality != "asserted":
        notes.append(p.get("modality", {}).get(ev.modality, f"reported as {ev.modality}"))
    if ev.date.basis != "explicit" or not ev.date.start:
        notes.append(p.get("basis", {}).get(ev.date.basis, "date uncertain"))
    docs = list(dict.fromkeys(m.document for m in ev.mentions))
    if len(ev.sources) > 1:
        notes.append(f"reported by {len(ev.sources)} outlets")
    elif len(docs) > 1:
        notes.append(f"reported in {len(docs)} documents" + (f", all from {ev.sources[0]}" if ev.sources else ""))
    else:  # one report: say whose, by publisher or else by document
        notes.append(f"single source: {ev.sources[0] if ev.sources else (docs[0] if docs else 'unknown')}")
    if ev.disputed:
        notes.append("sources disagree on the " + " and ".join(ev.disputed))
    text = f"{when[0].upper()}{when[1:]}, {core}{where}"
    return f"{text} ({'; '.join(notes)})"


def split_incomplete(entries: Sequence[TimelineEntry]) -> tuple[list[TimelineEntry], list[TimelineEntry]]:
    """Events whose acting side is named, and those reported without it (never written as "someone …")."""
    def whole(ev: Event) -> bool:
        # a joint act (met, agreed) needs two parties; any other act needs its actor
        return bool(ev.source) and (ev.type not in JOINT_TYPES or len({*ev.source, *ev.target}) > 1)

    return [t for t in entries if whole(t.event)], [t for t in entries if not whole(t.event)]


def incomplete_sentence(ev: Event, names: dict[str, str]) -> str:
    """A short line for an event without its acting side: what, to whom, when — and that the actor is unnamed."""
    p = phrases()
    verbs = p.get("modes", {}).get(ev.mode or "") or p.get("verbs", {}).get(ev.type, {})
    what = verbs.get("joint", ev.type.lower())
    whom = f" involving {_names([*ev.source, *ev.target], names)}" if ev.source or ev.target else ""
    missing = "the other side is not stated" if ev.source else "who acted is not stated"
    when = date_phrase(ev.date)
    note = p.get("modality", {}).get(ev.modality) if ev.modality != "asserted" else None
    return (f"{when[0].upper()}{when[1:]}, an event reported as “{what}”{whom}; {missing}"
            + (f" ({note})" if note else ""))


def importance(t: TimelineEntry, index: dict[str, Any], focus: set[str]) -> float:
    """How much an event matters to a briefing: its kind (state visit, summit, treaty, attack above a
    casual mention; ``data/brief.yaml`` ``importance``), the focus actors it joins, how widely it is reported."""
    rules = phrases().get("importance") or {}
    ev = t.event
    weight = heaviest_word(word_text(ev), ranks_.normalized(rules.get("words") or {}))
    score = ranks_.bare_score(rules, ev.type, ev.mode, ev.modality, bool(ev.target), weight)
    sides = {k for x in (*ev.source, *ev.target) for k in (x, state_or_id(index.get(x), x))}
    score += float(rules.get("per_focus_actor", 1)) * len(sides & focus)
    return score + ranks_.report_score(rules, max(len(ev.sources), len({m.document for m in ev.mentions})))


def merge_versions(entries: Sequence[TimelineEntry], index: dict[str, Any]) -> list[TimelineEntry]:
    """Entries that are versions of one event (same type, mode, modality, day and states on each side)
    merged into the first, with every version's evidence and outlets."""
    out: dict[tuple[Any, ...], TimelineEntry] = {}
    for t in entries:
        ev = t.event

        def states(ids: Sequence[str]) -> frozenset[str]:
            return frozenset(state_or_id(index.get(x), x) for x in ids)

        sides = (states(ev.source), states(ev.target))
        if ev.type in JOINT_TYPES:
            sides = (sides[0] | sides[1], frozenset())
        key = (ev.type, ev.mode, ev.modality, ev.date.start or ev.date.value, sides)
        if key not in out:
            out[key] = t
            continue
        lead = out[key]
        mentions = list({(m.document, m.start, m.end): m for m in (*lead.mentions, *t.mentions)}.values())
        sources = list(dict.fromkeys((*lead.event.sources, *ev.sources)))
        merged = dataclasses.replace(lead.event, mentions=mentions, sources=sources)
        out[key] = dataclasses.replace(lead, event=merged, mentions=mentions, sources=sources)
    return list(out.values())


def key_events(entries: Sequence[TimelineEntry], index: dict[str, Any], focus: set[str]) -> list[TimelineEntry]:
    """Entries merged with their other versions, most important first (then by date)."""
    merged = merge_versions(entries, index)
    return sorted(merged, key=lambda t: (-importance(t, index, focus), t.date.start is None, t.date.start or "",
                                         t.event.id))


BRIEF_MODALITIES = ("asserted", "future", "hypothetical", "negated", "prescriptive")  # the key events'


def rank_events(store: Store, ids: Sequence[str], since: str | None, until: str | None, index: dict[str, Any],
                focus: set[str]) -> tuple[list[TimelineEntry], list[TimelineEntry]] | None:
    """``key_events(complete)[:MAX_EVENTS]`` and ``incomplete[:MAX_INCOMPLETE]`` of :func:`split_incomplete`
    of the window's entries of these real-world events, building only those: ranked from what migration 17
    keeps of each merge (:meth:`Store.event_ranks`).  None when it cannot answer.

    An event alone in its merge key (:func:`merge_versions`) has its importance from its row; a key shared
    by several events is merged from their built entries, and only when its bound (the heaviest of their
    words, the sum of their reports) could place it among those shown.
    """
    rules = phrases().get("importance") or {}
    if ranks_.normalized(rules.get("words") or {}) != ranks_.words():  # the weights were made from other words
        return None
    rows = store.event_ranks(ids)
    if rows is None:
        return None
    per_focus = float(rules.get("per_focus_actor", 1))
    kept = [r for r in rows if r[3] in BRIEF_MODALITIES and span_overlaps(r[4], r[5], since, until)]

    def timeline_order(r: ranks_.Rank) -> tuple[bool, str, str, str]:
        return (r[4] is None, r[4] or "", r[5] or "", r[0])

    # what depends only on an event's sides, once per pair of side tuples (events share them: read
    # once per distinct text): whether the acting side is named, merge_versions' sides, the focus actors
    per_sides: dict[tuple[int, int, bool], tuple[bool, Any, int]] = {}  # by the lists' identity (shared, held)

    def sides_of(r: ranks_.Rank) -> tuple[bool, Any, int]:
        joint = r[1] in JOINT_TYPES
        found = per_sides.get((id(r[7]), id(r[8]), joint))
        if found is None:
            source = frozenset(state_or_id(index.get(x), x) for x in r[7])
            target = frozenset(state_or_id(index.get(x), x) for x in r[8])
            whole = bool(r[7]) and (not joint or len({*r[7], *r[8]}) > 1)
            named = len(({*r[7], *r[8]} | source | target) & focus)
            found = per_sides[(id(r[7]), id(r[8]), joint)] = (whole, (source | target, frozenset()) if joint
                                                      else (source, target), named)
        return found

    missing: list[ranks_.Rank] = []  # events whose acting side is not named
    groups: dict[tuple[Any, ...], list[ranks_.Rank]] = {}  # merge_versions' key -> its rows
    named: dict[str, int] = {}  # the focus actors a key's first row names
    for r in kept:
        whole, sides, focused = sides_of(r)
        if not whole:
            missing.append(r)
            continue
        members = groups.get(key := (r[1], r[2], r[3], r[4] or r[6], sides))
        if members is None:
            groups[key] = [r]
            named[r[0]] = focused
        else:
            members.append(r)
    incomplete = [r[0] for r in heapq.nsmallest(MAX_INCOMPLETE, missing, key=timeline_order)]
    for members in groups.values():  # each key's rows in timeline order: its first leads (most keys have one)
        if len(members) > 1:
            members.sort(key=timeline_order)
            named.setdefault(members[0][0], sides_of(members[0])[2])

    def score(lead: ranks_.Rank, weight: float | None, reports: int) -> float:
        return (ranks_.bare_score(rules, lead[1], lead[2], lead[3], bool(lead[8]), weight)
                + per_focus * named[lead[0]] + ranks_.report_score(rules, reports))

    def order(value: float, lead: ranks_.Rank) -> tuple[Any, ...]:
        return (-value, lead[4] is None, lead[4] or "", lead[0])

    # every key by its importance, or by a bound of it when several events share it (merged, the words of
    # their first three mentions are among theirs and their reports at most their sum): the least first,
    # a bound merged and put back with its importance when it comes up
    keys = list(groups.values())
    heap: list[tuple[tuple[Any, ...], int, bool]] = []
    for n, members in enumerate(keys):
        lead = members[0]
        if len(members) == 1:
            heap.append((order(score(lead, lead[10], lead[9]), lead), n, True))
        else:
            weights = [r[10] for r in members if r[10] is not None]
            heap.append((order(score(lead, max(weights) if weights else None, sum(r[9] for r in members)), lead),
                         n, False))
    heapq.heapify(heap)
    merged: dict[int, TimelineEntry] = {}  # the merged entries of shared keys
    chosen: list[tuple[str, TimelineEntry | None]] = []  # (lead id, its merged entry for a shared key)
    while heap and len(chosen) < MAX_EVENTS:
        key, n, exact = heapq.heappop(heap)
        if exact:
            chosen.append((keys[n][0][0], merged.get(n)))
            continue
        found = merge_versions(build_entries(store, [r[0] for r in keys[n]], since, until, BRIEF_MODALITIES), index)
        if len(found) != 1:  # the rows and the records disagree (cannot happen while the writer keeps both)
            return None
        merged[n] = found[0]
        heapq.heappush(heap, ((-importance(found[0], index, focus), *key[1:]), n, True))
    singles = {t.event.id: t for t in build_entries(store, [i for i, t in chosen if t is None] + incomplete,
                                                      since, until, BRIEF_MODALITIES)}
    return ([t if t is not None else singles[i] for i, t in chosen],
            [singles[i] for i in incomplete if i in singles])


def _exact_key(rules: dict[str, Any], r: ranks_.Rank, index: dict[str, Any], focus: set[str]) -> tuple[Any, ...]:
    """The ranking key (importance, highest first; then the timeline's order) of an event alone in its merge
    key, from its migration 17 row."""
    sides = {*r[7], *r[8]}
    named = len((sides | {state_or_id(index.get(x), x) for x in sides}) & focus)
    value = (ranks_.bare_score(rules, r[1], r[2], r[3], bool(r[8]), r[10])
             + float(rules.get("per_focus_actor", 1)) * named + ranks_.report_score(rules, r[9]))
    return (-value, r[4] is None, r[4] or "", r[0])


def rank_state_events(store: Store, state: str, index: dict[str, Any],
                      focus: set[str]) -> tuple[list[TimelineEntry], list[TimelineEntry]] | None:
    """:func:`rank_events` of every event involving one state (ISO3), over all its time, from the first
    events of migration 18's order (:meth:`Store.state_ranked`); None when it cannot answer.

    Events come by ``ceiling`` (the most any merge of theirs can score before the focus actors
    count), then day and id.  An event alone in its group has its exact importance; once
    :data:`MAX_EVENTS` of those rank before the best that any unread event could reach (its ceiling
    plus every focus actor, at the last read day and id), no unread one can enter the list: the
    events read, every event of their groups, and the first incompletely reported ones are ranked
    as :func:`rank_events` ranks a window's.
    """
    rules = phrases().get("importance") or {}
    if ranks_.normalized(rules.get("words") or {}) != ranks_.words():
        return None
    per_focus = float(rules.get("per_focus_actor", 1))
    lift = per_focus * len(focus)  # the most the focus actors add to an event
    known: list[tuple[Any, ...]] = []  # the timeline keys of events alone in their group, exact
    candidates: set[str] = set()
    offset, size = 0, 4 * MAX_EVENTS
    while True:
        page = store.state_ranked(state, complete=True, limit=size, offset=offset, rules=rules)
        if page is None:
            return None
        alone = [c for c, _, _, shared in page if shared == 1]
        rows = store.event_ranks(alone)
        if rows is None:
            return None
        known += [_exact_key(rules, r, index, focus) for r in rows]
        candidates.update(alone, store.state_rank_groups(state, [c for c, _, _, shared in page if shared > 1]))
        if len(page) < size:
            break  # every event read
        last, ceiling, day, _ = page[-1]
        best_unread = (-(ceiling + lift), day == state_ranks.UNDATED, "" if day == state_ranks.UNDATED else day,
                       last)
        if len(known) >= MAX_EVENTS and heapq.nsmallest(MAX_EVENTS, known)[-1] <= best_unread:
            break
        offset, size = offset + size, size * 2
    first = store.state_ranked(state, complete=False, limit=MAX_INCOMPLETE, rules=rules) or []
    return rank_events(store, sorted(candidates | {c for c, *_ in first}), None, None, index, focus)


def rank_state_window(store: Store, state: str, ids: Sequence[str], since: str | None, until: str | None,
                      index: dict[str, Any], focus: set[str]) -> tuple[list[TimelineEntry], list[TimelineEntry]] | None:
    """:func:`rank_events` of these events of one state (ISO3) in a window, from their rows of migration
    18's order (:meth:`Store.state_ranks_of`) as :func:`rank_state_events` reads a state's whole time: by
    ceiling, the exact importance of the events alone in their group, until no unread one can enter the
    list; then those read, every event of the window in their groups, and the first incompletely
    reported ones are ranked by :func:`rank_events`.  None when it cannot answer."""
    rules = phrases().get("importance") or {}
    if ranks_.normalized(rules.get("words") or {}) != ranks_.words():
        return None
    rows = store.state_ranks_of(state, ids, rules=rules, since=since, until=until)
    if rows is None:
        return None
    per_focus = float(rules.get("per_focus_actor", 1))
    lift = per_focus * len(focus)  # the most the focus actors add to an event
    complete = sorted((r for r in rows if r[1]), key=itemgetter(2, 0))  # by ceiling (highest first), day, id
    complete.sort(key=itemgetter(5), reverse=True)  # (stable: day and id order the ties)
    groups: dict[str, list[str]] = {}
    for r in complete:
        if r[6] > 1:
            groups.setdefault(r[4], []).append(r[0])
    first = heapq.nsmallest(MAX_INCOMPLETE, (r for r in rows if not r[1]), key=lambda r: (r[2], r[3], r[0]))
    known: list[tuple[Any, ...]] = []  # the timeline keys of events alone in their group, exact
    candidates: set[str] = set()
    start, size = 0, 4 * MAX_EVENTS
    while start < len(complete):
        page = complete[start:start + size]
        exact = store.event_ranks([r[0] for r in page if r[6] == 1])
        if exact is None:
            return None
        known += [_exact_key(rules, r, index, focus) for r in exact]
        candidates.update(r[0] for r in page if r[6] == 1)
        candidates.update(c for r in page if r[6] > 1 for c in groups[r[4]])
        start += size
        if start >= len(complete):
            break  # every event read
        last = page[-1]
        best_unread = (-(last[5] + lift), last[2] == state_ranks.UNDATED,
                       "" if last[2] == state_ranks.UNDATED else last[2], last[0])
        if len(known) >= MAX_EVENTS and heapq.nsmallest(MAX_EVENTS, known)[-1] <= best_unread:
            break
        size *= 2
    return rank_events(store, sorted(candidates | {r[0] for r in first}), since, until, index, focus)


def brief(store: Store, about: Sequence[str], since: str | None = None, until: str | None = None,
          fmt: str = "md") -> str:
    """A cited briefing about ``about`` (names, aliases, ids or codes) in [since, until], as "md" or "html"."""
    if fmt not in ("md", "html"):
        raise InputError(fmt, "briefing format is 'md' or 'html'", field="format")
    if not about:
        raise InputError("--about", "name at least one actor to brief about")
    actors = [resolve_actor(store, a) for a in about]
    start, end = date_bound(since, name="since"), date_bound(until, end=True, name="until")
    index = store.actor_facts()  # names and states
    names = {k: a.name for k, a in index.items()}
    focus = {r for a in actors for r in actor_refs(a)} | {a.id for a in actors}
    cites = _Citations(store)
    sections: list[tuple[str, list[Line]]] = []
    rolled = store.pasts_usable()  # "What changed" reads the per-pair roll-ups (asked once)

    # the window's events: every modality the key events show; "What changed" reads the asserted ones
    # (the timeline of the asserted mentions: a subset of the events)
    ranked = None
    states = dyad_pairs(actors, None)
    if (start is None and end is None and states is not None and len(states) == 1
            and set(BRIEF_MODALITIES) == set(MODALITIES)):  # one state's whole time, as migration 18 keeps it
        ranked = rank_state_events(store, states[0][0], index, focus)
    found: list[str] = []  # the window's events, when they are ranked from their rows or built
    if ranked is None:
        found = cluster_ids(store, actors, None, (), BRIEF_MODALITIES, start, end)
        if states is not None and len(states) == 1 and set(BRIEF_MODALITIES) == set(MODALITIES):
            ranked = rank_state_window(store, states[0][0], found, start, end, index, focus)  # one state's window
        if ranked is None:
            ranked = rank_events(store, found, start, end, index, focus)
    asserted: list[TimelineEntry] | None = None
    asserted_ids: list[str] | None = None
    if ranked is not None:  # only the events shown are built
        chosen, incomplete = ranked
        if start is not None and not per_pair(store, actors, rolled):  # "What changed" reads these
            asserted_ids = cluster_ids(store, actors, None, (), ASSERTED, start, end)
    else:
        entries = build_entries(store, found, start, end, BRIEF_MODALITIES)
        complete, incomplete = split_incomplete(entries)
        chosen = key_events(complete, index, focus)[:MAX_EVENTS]
        if start is not None and not per_pair(store, actors, rolled):
            # else "What changed" reads the store's latest period (another window), or the per-pair roll-up
            ids = set(cluster_ids(store, actors, None, (), ASSERTED, start, end))
            asserted = [t for t in entries if t.event.id in ids and t.event.modality in ASSERTED]

    # what moved comes first: the analyst's first question about a relationship (issue #17)
    what_changed, window_note = _changes(store, cites, actors, start, end, names, asserted, index, asserted_ids,
                                         rolled)
    sections.append(("What changed", what_changed))

    # key events: the most important first (data/brief.yaml `importance`), each merged with the
    # other versions of the same event; events whose acting side is not named are listed apart
    lines = []
    for t in chosen:
        nums = cites.cite(t.mentions)
        if nums:
            lines.append(Line([(event_sentence(t.event, names), nums)]))
    sections.append(("Key events", lines))
    lines = []
    for t in incomplete[:MAX_INCOMPLETE]:
        nums = cites.cite(t.mentions, 1)
        if nums:
            lines.append(Line([(incomplete_sentence(t.event, names), nums)]))
    sections.append(("Incompletely reported", lines))

    sections.append(("The numbers", _numbers(store, cites, focus, index, names, start, end)))
    sections.append(("Who said what", _claims(store, cites, focus, index, names, start, end)))
    sections.append(("What is disputed", _disputed(store, cites, [t.event for t in chosen], names)))
    title = "Briefing: " + ", ".join(a.name for a in actors)
    window = f"{start or 'the earliest report'} to {end or 'the latest report'}"
    if window_note:
        window += f"; what changed: {window_note}"
    return (_html if fmt == "html" else _markdown)(title, window, sections, cites.refs)


def _numbers(store: Store, cites: _Citations, focus: set[str], index: dict[str, Any], names: dict[str, str],
             start: str | None, end: str | None) -> list[Line]:
    lines: list[Line] = []
    # those with a subject of the focus, or acting for one of its states (by the subjects' index)
    members = focus | {k for k, a in index.items() if state_or_id(a, k) in focus}
    for q, doc in store.quantities_with_subjects([sorted(members)], since=start, until=end):
        subj = list(q.subjects)
        if len(lines) >= MAX_NUMBERS:
            break
        if not {k for s in subj for k in (s, state_or_id(index.get(s), s))} & focus:
            continue
        nums = cites.cite(q.mentions)
        if not nums:
            continue
        when = f" {date_phrase(q.date)}" if q.date and q.date.value else " (period not stated)"
        if q.date and q.date.value and q.date.basis != "explicit":
            when += f" ({phrases().get('basis', {}).get(q.date.basis, 'date uncertain')})"
        who = f" for {_names(subj, names)}" if subj else ""
        notes = [f"reported by {doc.source or doc.id}"]
        if q.attribution:
            notes.append(f"according to {names.get(q.attribution, q.attribution)}")
        if q.modality != "asserted":
            notes.append(phrases().get("modality", {}).get(q.modality, q.modality))
        if q.disputed:
            notes.append("other sources give a different figure")
        lines.append(Line([(f"{q.measure.capitalize()}{who}{when}: {format_value(q)} ({'; '.join(notes)})", nums)]))
    return lines


def _overlaps(a: Mention, b: Mention) -> bool:
    return a.document == b.document and a.start < b.end and b.start < a.end


def _claims(store: Store, cites: _Citations, focus: set[str], index: dict[str, Any], names: dict[str, str],
            start: str | None, end: str | None) -> list[Line]:
    lines: list[Line] = []
    verbs = {"quote": "said", "assessment": "assessed", "statement": "stated"}
    per_doc: dict[str, list[Any]] = {}
    for c, doc in store.claims_dated(since=start, until=end):
        people = [c.speaker] if c.speaker else []
        if {k for x in (*people, *c.about) for k in (x, state_or_id(index.get(x), x))} & focus:
            per_doc.setdefault(doc.id, []).append((c, doc))
    # absences reported as news: a claim reading one is worded from the silence, never as a statement
    silences: dict[str, list[Position]] = {}
    for p in store.positions(holders=sorted(focus)):
        if p.stance == "silent":
            for m in p.mentions:
                silences.setdefault(m.document, []).append(p)
    book = load_issues()
    said_silence: set[str] = set()
    # take claims from every report in turn, so one long article does not fill the section
    picked = [item for rnd in itertools.zip_longest(*per_doc.values()) for item in rnd if item][:MAX_CLAIMS]
    picked.sort(key=lambda x: (x[1].published or "", x[1].id, x[0].mentions[0].start if x[0].mentions else 0))
    for c, doc in picked:
        silent = [p for p in silences.get(doc.id, []) if any(_overlaps(m, cm) for m in p.mentions
                                                             for cm in c.mentions)]
        when = f"{doc.source or doc.id}, {doc.published or 'date unknown'}"
        if c.kind == "statement" and (silent or c.stance == "silent"):
            # a statement of nobody: the report notes an absence; say so, once per position
            for p in silent:
                nums = cites.cite(p.mentions, 1)
                if p.id not in said_silence and nums:
                    said_silence.add(p.id)
                    who = names.get(p.actor) or names.get(p.state or "", p.actor)
                    lines.append(Line([(f"{position_text(who, p, book)} ({when})", nums)]))
            continue
        nums = cites.cite(c.mentions)
        if not nums:
            continue
        who = names.get(c.speaker, c.speaker) if c.speaker else "An unnamed source"
        shown = c.stance if c.stance and c.stance != "silent" and not silent else None
        stance = f", a stance of {shown}" + (f" on {c.issue}" if c.issue else "") if shown else ""
        lines.append(Line([(f"{who} {verbs.get(c.kind, 'said')}: “{' '.join(c.text.split())}” "
                            f"({when}{stance})", nums)]))
    return lines


def _changes(store: Store, cites: _Citations, about: Sequence[Actor], start: str | None, end: str | None,
             names: dict[str, str], window: list[TimelineEntry] | None = None,
             index: dict[str, Any] | None = None, window_ids: list[str] | None = None,
             rolled: bool | None = None) -> tuple[list[Line], str]:
    """The "What changed" lines (shifts, ties, trends, new actors) and how the window was chosen;
    ``window``: the window's asserted events about them (or ``window_ids``, ids among which they are),
    ``index`` the actors, ``rolled`` :meth:`Store.pasts_usable`, when the caller has read them."""
    ch = changes(store, since=start, until=end, about=about, window=window, window_ids=window_ids, index=index,
                 trend_entries=5, events=False, rolled=rolled)  # a trend cites two reports of its first events
    name = name_lookup(store, names, index)
    lines = []
    for sh in ch.shifts:
        before = cites.cite(_latest_first(sh.before_mentions), 2)
        now = cites.cite(_latest_first(sh.now_mentions), 2)
        if before and now:
            target = f" ({name(sh.target)})" if sh.target else ""
            was = position_phrase(sh.before, sh.issue_label + target)
            is_now = position_phrase(sh.now, sh.issue_label + target)
            lines.append(Line([(f"{sh.holder_name} {was} ({sh.before_when})", before),
                               (f"; later it {is_now} ({sh.now_when})", now)]))
    claimed = {(s.holder, s.issue) for s in ch.shifts}
    for s in ch.stances:  # stance moves read from claims alone, where no position shift says more
        if (s.speaker, s.issue) in claimed or s.now == "silent" and any(x.holder == s.speaker for x in ch.shifts):
            continue
        before = cites.cite(s.before_claim.mentions, 1)
        now = cites.cite(s.now_claim.mentions, 1) if s.now_claim else []
        if before and now:
            lines.append(Line([(f"{s.speaker_name} had taken a stance of {s.before} on {s.issue} before "
                                f"{ch.since}", before),
                               (f", but {'has not addressed it' if s.now == 'silent' else 'now takes one of ' + s.now}"
                                " in the window's reports", now)]))
    for t in ch.ties:
        nums = cites.cite(t.entry.mentions, 1)
        if not nums:
            continue
        pair = f"{name(t.a)} and {name(t.b)}"
        if t.kind == "visit":
            prev = cites.cite(t.previous.mentions, 1) if t.previous else []
            parts = [(f"First visit between {pair} in {t.years} years: {event_sentence(t.entry.event, names)}", nums)]
            if prev:
                parts.append((f"; the previous one: {event_sentence(t.previous.event, names)}", prev))  # type: ignore[union-attr]
            lines.append(Line(parts))
        else:
            verb = "a new" if t.kind == "new" else "a broken"
            lines.append(Line([(f"{verb.capitalize()} {t.tie} between {pair}: {event_sentence(t.entry.event, names)}",
                                nums)]))
    for p in ch.new_pairs:
        nums = cites.cite(p.first.mentions, 1)
        if nums:
            lines.append(Line([(f"{name(p.a)} and {name(p.b)} interact for the first time in "
                                f"the stored reports: {event_sentence(p.first.event, names)}", nums)]))
    for tr in ch.trends:
        nums = cites.cite([m for t in tr.entries for m in t.mentions], 2)
        if nums:
            lines.append(Line([(f"Relations between {name(tr.a)} and {name(tr.b)} moved {tr.direction}: "
                                f"{tr.now[0]} cooperative and {tr.now[1]} conflictual events in the window against "
                                f"{tr.before[0]} and {tr.before[1]} before it", nums)]))
    for a in [x for x in ch.new_actors if x.actor.id not in about][:10]:
        nums = cites.cite(a.mentions, 1)
        if nums:
            lines.append(Line([(f"{a.actor.name} appears in the reports for the first time ({a.first_seen})", nums)]))
    note = f"{ch.since} to {ch.until or 'the latest report'} against what came before"
    if not start:
        note += f" ({ch.window_reason})"
    return lines, note


def _latest_first(mentions: Sequence[Mention]) -> list[Mention]:
    # the newest report first: "now" is best shown by the latest evidence, "before" by its latest too
    return list(reversed(mentions))


def position_phrase(stance: str, label: str) -> str:
    """A stance worded after its holder (``positions.render``): a silence as an absence, never a statement."""
    return PHRASES.get(stance, stance + " {issue}").format(issue=label)


def _disputed(store: Store, cites: _Citations, events: Sequence[Event], names: dict[str, str]) -> list[Line]:
    lines = []
    for ev in events:
        if not ev.disputed:
            continue
        parts: list[tuple[str, list[int]]] = []
        seen: set[tuple[str, str]] = set()
        for m in store.cluster_members(ev.id):
            e = m.event
            if any(not getattr(e, f, None) for f in ev.disputed if f in ("location", "source", "target")) or \
                    ("date" in ev.disputed and not e.date.start):
                continue  # a version silent on the disputed field takes no side
            version = {"date": date_phrase(e.date).removeprefix("on ").removeprefix("in "),
                       "location": e.location.name if e.location else "no place",
                       "source": _names(e.source, names), "target": _names(e.target, names)}
            said = ", ".join(f"the {f} as {version.get(f, '?')}" for f in ev.disputed)
            if (m.source or m.document, said) in seen:
                continue
            seen.add((m.source or m.document, said))
            nums = cites.cite(e.mentions, 1)
            if nums:
                lead = (f"Sources differ on the {' and '.join(ev.disputed)} of “{describe(ev, names)}”: "
                        if not parts else "; ")
                parts.append((f"{lead}{m.source or m.document} gives {said}", nums))
        if len(parts) > 1:
            lines.append(Line(parts))
    # figures: one measure for the same subjects and period, different values
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for q, doc in store.quantities_disputed():
            groups.setdefault((q.measure, tuple(sorted(q.subjects)), q.date.value if q.date else ""), []).append((q, doc))
    for (measure, subjects, period), items in sorted(groups.items()):
        parts = []
        for q, doc in items:
            nums = cites.cite(q.mentions, 1)
            if nums:
                lead = (f"Figures for {measure} ({_names(list(subjects), names)}, {period or 'period not stated'}) "
                        f"differ: " if not parts else "; ")
                parts.append((f"{lead}{doc.source or doc.id} gives {format_value(q)}", nums))
        if len(parts) > 1:
            lines.append(Line(parts))
    return lines


# -- rendering -------------------------------------------------------------------

_NOTHING = "Nothing in the stored reports for this section."


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_MD_CHARS = r"[\\`*_\[\]<>#|~]"  # what Markdown could read as syntax or HTML
_MD_SPECIAL, _MD_ESCAPED = re.compile(f"({_MD_CHARS})"), re.compile(rf"\\({_MD_CHARS})")


def md_escape(text: str) -> str:
    """Article text made inert in Markdown: every character Markdown could read as syntax or HTML is escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def md_unescape(text: str) -> str:
    """The article text :func:`md_escape` was given."""
    return _MD_ESCAPED.sub(r"\1", text)


def md_field(text: str) -> str:
    """A stored field (id, name, publisher, date) as one inert Markdown line: escaped, line breaks as spaces."""
    return md_escape(" ".join(text.splitlines()))


def _ref_line(r: Reference, escape: Callable[[str], str] = str) -> str:
    # every field is escaped, ids included: a document id comes from an input file (issue #16)
    basis = " (inferred)" if r.published_basis == "inferred" else ""
    return (f"{escape(r.document)} {r.start}–{r.end} “{escape(' '.join(r.evidence.split()))}” — "
            f"{escape(r.publisher or 'publisher unknown')}, {escape(r.published or 'date unknown')}{basis}")


def _markdown(title: str, window: str, sections: list[tuple[str, list[Line]]], refs: list[Reference]) -> str:
    out = [f"# {md_field(title)}", "",
           f"*Window: {md_field(window)}. Every sentence cites its evidence; references at the end.*", ""]
    for name, lines in sections:
        out += [f"## {name}", ""]
        if not lines:
            out.append(f"*{_NOTHING}*")
        for line in lines:
            out.append("- " + _cap("".join(md_escape(text) + " " + "".join(f"[{n}]" for n in nums)
                                           for text, nums in line.parts)) + ".")
        out.append("")
    out += ["## References", ""]
    out += [f"[{r.n}] {_ref_line(r, md_field)}" for r in refs]
    return "\n".join(out) + "\n"


def _html(title: str, window: str, sections: list[tuple[str, list[Line]]], refs: list[Reference]) -> str:
    e = html.escape
    out = ["<!doctype html>", '<html lang="en"><head><meta charset="utf-8">', f"<title>{e(title)}</title></head>",
           "<body>", f"<h1>{e(title)}</h1>", f"<p><em>Window: {e(window)}. Every sentence cites its evidence.</em></p>"]
    for name, lines in sections:
        out.append(f"<h2>{e(name)}</h2>")
        if not lines:
            out.append(f"<p><em>{e(_NOTHING)}</em></p>")
            continue
        out.append("<ul>")
        for line in lines:
            body = "".join(e(text) + " " + "".join(f'<a href="#ref-{n}">[{n}]</a>' for n in nums)
                           for text, nums in line.parts)
            out.append(f"<li>{_cap(body)}.</li>")
        out.append("</ul>")
    out += ["<h2>References</h2>", "<ol>"]
    out += [f'<li id="ref-{r.n}" value="{r.n}">{e(_ref_line(r))}</li>' for r in refs]
    out += ["</ol>", "</body></html>"]
    return "\n".join(out) + "\n"
