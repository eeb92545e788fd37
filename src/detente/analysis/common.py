"""What the analysis functions share: parameters, actor references, timeline entries, wording.

Actor references are ids, names, aliases or ISO3 codes; a state stands for
everyone acting for it (Xi Jinping counts as China).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass, field

from ..errors import InputError
from ..model import Actor, Date, Event, Mention, Quantity
from ..model import state_or_id as state_or_id  # where it always was for the analysis modules
from ..store import Store

ASSERTED: tuple[str, ...] = ("asserted",)

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
        if end:  # the month's last day (calendar.monthrange: no next month needed, so 9999-12 ends too)
            return dt.date(y, mo, calendar.monthrange(y, mo)[1]).isoformat()
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


def actor_refs(actor: Actor) -> list[str]:
    """What an actor matches in event_actors: a state matches its code (everyone acting for it)."""
    return [actor.code or actor.country or actor.id] if actor.kind == "state" else [actor.id]


def state_code(actor: Actor) -> str | None:
    """The ISO3 code a state actor is matched by (None for other actors)."""
    return actor_refs(actor)[0] if actor.kind == "state" else None


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


def overlaps(d: Date, since: str | None, until: str | None) -> bool:
    return span_overlaps(d.start, d.end, since, until)


def span_overlaps(start: str | None, end: str | None, since: str | None, until: str | None) -> bool:
    """An interval [start, end] (ISO days; end None: the start day) overlaps [since, until] (either None: open);
    without a window every interval does, undated ones included; with one, an undated one does not."""
    if not since and not until:
        return True
    if not start:
        return False
    return (not since or (end or start) >= since) and (not until or start <= until)


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


