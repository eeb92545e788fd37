"""Whether two mentions report one event, and how well a mention fits a cluster of them.

Pure: nothing here reads the store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from .members import View, places_contradict
from .rules import FusionRules, kin_stems, rules


@dataclass(slots=True)
class _Match:
    score: float
    conflicts: list[str] = field(default_factory=list)


def _actor_strength(a: View, b: View, symmetric: bool) -> int:
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
    ea, eb = a.member.event, b.member.event
    if set(ea.source) & set(eb.target) and not set(ea.source) & set(eb.source):
        return 0  # "3R attacked C.A.R." and "C.A.R. fought 3R": one state's sides, opposite directions
    return len(a.sources & b.sources) + len(a.targets & b.targets)


def _date_strength(a: View, b: View, r: FusionRules) -> tuple[int, bool]:
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


def _same_act_told(a: View, b: View, r: FusionRules) -> bool:
    """Whether two mentions dated only by their stories still tell one act: their triggers are
    one word family ("attacked", "the attack"), or their sentences share an anchor (a place
    both name, a figure both give: "killed at least 50").  "Declined to comment" and "the
    leaders disagreed", "still fighting" and "an airstrike" share only a dyad and a week.
    A mention without a trigger (an extraction from elsewhere) says nothing against it."""
    if not a.stems or not b.stems or kin_stems(a.stems, b.stems, r):
        return True
    return bool(a.anchors & b.anchors) or (a.place is not None and a.place == b.place)


def _only_by_slack(a: View, b: View) -> bool:
    """Whether the dates meet only through the slack given to an inferred date: the day the
    story dates one mention at lies outside the other's told date ("warned" on the 10th,
    "threatening", dated by its story on the 12th)."""
    if a.told is None or b.told is None:
        return False
    (s1, e1), (s2, e2) = a.told, b.told
    return not (s1 <= e2 and s2 <= e1)


def compare(a: View, b: View, r: FusionRules | None = None) -> _Match | None:
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
    if (a.inferred or b.inferred) and (a.inferred and b.inferred or _only_by_slack(a, b)) \
            and not _same_act_told(a, b, r):
        # the story's date on both: the same week of one dyad is not one act; nor is a
        # story-dated mention whose own day misses the other's told date
        return None
    place_conflict = False
    same_place = False
    if a.location and b.location and a.place and b.place:
        if a.place == b.place:
            same_place = True
        elif places_contradict(a.location, b.location):
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


def cluster_fit(new: View, members: Sequence[View], r: FusionRules) -> float | None:
    """The best score of ``new`` against a cluster, or None when it contradicts a firm member.

    A coarse mention must not bridge two distinct events, so a new mention that
    is incompatible with any precisely dated member of the cluster, or that names
    another person for one side than a member does, stays out.
    """
    if compare(new, lead_view(members), r) is None:
        return None  # the best-dated version defines the event; a loose member must not pull others in
    best: float | None = None
    seen: set[tuple[object, ...]] = set()
    for m in members:
        # a long report repeats one mention many times: each distinct mention is compared once
        signature = m.signature()
        if signature in seen:
            continue
        seen.add(signature)
        match = compare(new, m, r)
        if match is None:
            if m.precise and new.precise or new.other_people(m):
                return None  # a firm date or another person of one side: not this event
            continue
        best = match.score if best is None else max(best, match.score)
    return best


def lead_view(views: Sequence[View]) -> View:
    """The view of a cluster's lead version (:func:`~.members.lead_member`)."""
    return min(views, key=View.lead)  # lead_member's rule, with each key computed once per view


def one_occasion(clusters: Sequence[Sequence[View]], r: FusionRules) -> bool:
    """Whether the lead versions of these clusters could all report one event (then a
    mention that fits them equally joins the first: no choice between distinct events)."""
    # Leads with equal signatures compare alike: a long report's many unjoined repeats of one
    # mention are checked once against each other (repeat against itself) and once per other lead.
    distinct: dict[tuple[object, ...], tuple[View, int]] = {}
    for views in clusters:
        lead = lead_view(views)
        first, count = distinct.get(lead.signature(), (lead, 0))
        distinct[lead.signature()] = (first, count + 1)
    if any(count > 1 and compare(lead, lead, r) is None for lead, count in distinct.values()):
        return False
    leads = [lead for lead, _ in distinct.values()]
    # compare is symmetric (whether two mentions match does not depend on their order)
    return all(compare(a, b, r) is not None for i, a in enumerate(leads) for b in leads[i + 1:])
