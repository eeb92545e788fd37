"""One stored mention as fusion sees it: the mention and its report, and what matching compares.

Pure: nothing here reads the store, so the store imports :class:`Member` at module level.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model import Event, Location
from .lead import LeadFacts, is_precise, lead_key
from .rules import FusionRules, rules, trigger_stems


@dataclass(slots=True)
class Member:
    """One stored event mention with the document facts fusion needs."""

    event: Event
    document: str
    source: str | None = None  # publisher
    published: str | None = None
    cluster: str = ""


@dataclass(slots=True)
class View:
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
    # the date is the story's (context, publication), not told in the mention's own clause
    inferred: bool = False
    stems: frozenset[str] = frozenset()  # the trigger's word stems ("attack", "hostage")
    anchors: frozenset[str] = frozenset()  # figures the evidence sentence tells ("50", "25%")
    told: tuple[dt.date, dt.date] | None = None  # the days the date says, before any slack for inference
    # computed on first use: a mention is compared with thousands of others in a long report
    _lead: tuple[int | str, ...] | None = field(default=None, repr=False, compare=False)
    _signature: tuple[Any, ...] | None = field(default=None, repr=False, compare=False)

    def lead(self) -> tuple[int | str, ...]:
        """The lead rule's key of this mention (:func:`~.lead.lead_key`), computed once."""
        if self._lead is None:
            m = self.member
            self._lead = lead_key(LeadFacts.of(m.event, m.published, m.document))
        return self._lead

    def signature(self) -> tuple[Any, ...]:
        """Everything :func:`~.match.compare` reads of a mention: equal signatures compare alike."""
        if self._signature is None:
            ev, loc = self.member.event, self.location
            self._signature = (ev.modality, ev.type, ev.mode, bool(ev.date.start), self.sources, self.targets,
                               self.interval, self.precise, self.place, self.place_country,
                               (loc.name, loc.country, loc.kind) if loc else None, self.persons,
                               frozenset(self.people.items()), self.inferred, self.stems, self.anchors, self.told)
        return self._signature

    def other_people(self, other: View) -> bool:
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


def told_interval(event: Event) -> tuple[dt.date, dt.date] | None:
    """The days an event's date says, without the slack :func:`date_interval` adds."""
    start, end = _day(event.date.start), _day(event.date.end) or _day(event.date.start)
    return (start, end) if start and end else None


def norm(text: str | None) -> str | None:
    """A place name as compared: lower case, punctuation as spaces, without a leading "the"."""
    if not text:
        return None
    return re.sub(r"[^a-z0-9]+", " ", text.casefold()).strip().removeprefix("the ") or None


def view(m: Member, countries: dict[str, str | None], r: FusionRules, kinds: dict[str, str] | None = None) -> View:
    """The mention as matching compares it: states by side, date interval, place, people."""
    ev = m.event
    kinds = kinds or {}

    def states(ids: Iterable[str]) -> frozenset[str]:
        return frozenset(c for c in (countries.get(a) for a in ids) if c)

    loc = ev.location
    persons = frozenset(a for a in (*ev.source, *ev.target) if kinds.get(a, "state") != "state")
    people: dict[str | None, set[str]] = {}
    for a in persons:
        people.setdefault(countries.get(a), set()).add(a)
    return View(member=m, sources=states(ev.source), targets=states(ev.target),
                 interval=date_interval(ev, m.published, r), precise=is_precise(ev),
                 place=norm(loc.name) if loc else None, place_country=loc.country if loc else None,
                 location=loc, persons=persons, people={k: frozenset(v) for k, v in people.items()},
                 inferred=ev.date.basis in r.inferred_bases, stems=trigger_stems(ev, r), anchors=figures(ev),
                 told=told_interval(ev))


_FIGURE = re.compile(r"(?<![\w.])\d[\d,.]*%?")


def figures(ev: Event) -> frozenset[str]:
    """The figures of an event's evidence sentences ("killed at least 50": {"50"}), years aside:
    two reports of one act tell its toll or its rate, two acts of one story share only its year."""
    out: set[str] = set()
    for m in ev.mentions:
        for f in _FIGURE.findall(m.text):
            f = f.rstrip(".,")
            if f and not re.fullmatch(r"(19|20)\d\d", f):
                out.add(f)
    return frozenset(out)


def places_contradict(a: Location, b: Location) -> bool:
    """Two named places that cannot be one: different names, both put in states by the actor layer,
    and neither the whole state the other lies in ("North Korea" and "Pyongyang" agree; so do a site
    the actor layer cannot place, "the Great Hall of the People", and "Beijing")."""
    if norm(a.name) == norm(b.name) or not (a.country and b.country):
        return False
    return not (a.country == b.country and "state" in (a.kind, b.kind))


def lead_member(members: Sequence[Member]) -> Member:
    """The version that speaks for the event (:mod:`.lead`'s rule)."""
    if len(members) == 1:  # most real-world events have one version: nothing to rank
        return members[0]
    return min(members, key=lambda m: lead_key(LeadFacts.of(m.event, m.published, m.document)))
