"""What changed in a time window, and search over documents, quotes and events.

:func:`changes` compares a window with everything before it: events that
happened in the window, actors first reported in it, pairs of states that
interact for the first time, and stances that moved (a speaker who supported
something before and now opposes it, or has gone silent on it while still
speaking).  A claim's date is its report's publication date.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Actor, Claim, Mention
from ..store import DocumentRow, Store
from .common import TimelineEntry, actor_refs, date_bound, resolve_actor, state_or_id
from .timeline import timeline


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
    new_events: list[TimelineEntry] = field(default_factory=list)
    new_actors: list[NewActor] = field(default_factory=list)
    new_pairs: list[NewPair] = field(default_factory=list)
    stances: list[StanceChange] = field(default_factory=list)


def _issue(c: Claim, names: dict[str, str]) -> str:
    return c.issue or ("relations with " + ", ".join(sorted(names.get(a, a) for a in c.about)) if c.about else "")


def _pairs(entries: Sequence[TimelineEntry], key: dict[str, str]) -> dict[tuple[str, str], TimelineEntry]:
    out: dict[tuple[str, str], TimelineEntry] = {}
    for t in entries:
        src = {key.get(a, a) for a in t.event.source}
        tgt = {key.get(a, a) for a in t.event.target}
        sides = [(s, x) for s in src for x in tgt] if tgt else [(s, x) for s in src for x in src]
        for s, x in sides:
            if s != x:
                out.setdefault((min(s, x), max(s, x)), t)
    return out


def changes(store: Store, since: str, until: str | None = None, about: Sequence[str] = ()) -> Changes:
    """Events, actors, state pairs and stances new in [since, until] compared with before ``since``.

    ``about`` limits everything to those actors (ids, names or codes).
    """
    start = date_bound(since, name="since")
    if start is None:
        raise InputError("--since", "a start date is needed to compare a window with what came before")
    end = date_bound(until, end=True, name="until")
    day_before = (dt.date.fromisoformat(start) - dt.timedelta(days=1)).isoformat()
    focus = [resolve_actor(store, a) for a in about]
    focus_refs = {r for a in focus for r in actor_refs(a)} | {a.id for a in focus}
    out = Changes(since=start, until=end)
    out.new_events = timeline(store, actors=about, since=start, until=end)

    index = store.actor_index()
    names = {k: a.name for k, a in index.items()}
    state_key = {k: state_or_id(a, k) for k, a in index.items()}

    def relevant(ids: Sequence[str]) -> bool:
        return not focus_refs or any(i in focus_refs or state_key.get(i) in focus_refs for i in ids)

    before_pairs = _pairs(timeline(store, until=day_before), state_key)
    for p, t in sorted(_pairs(out.new_events, state_key).items()):
        if p not in before_pairs and relevant(list(p)):
            out.new_pairs.append(NewPair(p[0], p[1], t))

    first_seen = store.actor_first_seen()
    new_ids = [a for a, d in first_seen.items() if d >= start and (end is None or d <= end) and relevant([a])]
    if new_ids:
        firsts = store.actor_mentions_first(new_ids)
        for a in sorted(new_ids, key=lambda x: (first_seen[x], names.get(x, x))):
            if a in index:
                out.new_actors.append(NewActor(index[a], first_seen[a], firsts.get(a, [])))

    out.stances = _stance_changes(store, start, day_before, end, names, relevant)
    return out


def _stance_changes(store: Store, start: str, day_before: str, end: str | None, names: dict[str, str],
                    keep: Callable[[Sequence[str]], bool]) -> list[StanceChange]:
    before: dict[tuple[str, str], tuple[Claim, DocumentRow]] = {}
    for c, doc in store.claims_dated(until=day_before):
        if c.speaker and c.stance and keep([c.speaker, *c.about]):
            before[(c.speaker, _issue(c, names))] = (c, doc)  # the latest stance before the window wins
    now: dict[tuple[str, str], tuple[Claim, DocumentRow]] = {}
    spoke: dict[str, tuple[Claim, DocumentRow]] = {}
    for c, doc in store.claims_dated(since=start, until=end):
        if not c.speaker:
            continue
        spoke.setdefault(c.speaker, (c, doc))
        if c.stance:
            now[(c.speaker, _issue(c, names))] = (c, doc)
    out: list[StanceChange] = []
    for (speaker, issue), (old, old_doc) in sorted(before.items()):
        if (speaker, issue) in now:
            new, new_doc = now[(speaker, issue)]
            if new.stance == old.stance:
                continue
            stance: str = new.stance or "silent"
        elif speaker in spoke:
            (new, new_doc), stance = spoke[speaker], "silent"
        else:
            continue  # not heard from at all in the window: no evidence of a change
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
