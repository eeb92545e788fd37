"""Positions through time: step lines, shifts and the default comparison window.

Pure functions over :class:`~detente.model.Position` lists (one document's or a whole
store's); they back ``detente positions``, ``/api/positions`` and the brief's
"What changed".  Only asserted positions with a known date make steps: a stance
someone *should* take is not one it holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..model import Date, Mention, Position
from .issues import IssueBook, load_issues


@dataclass(slots=True)
class Step:
    """One stance held over a stretch of time, with every position (and citation) behind it."""

    stance: str
    first: str  # sort key of the earliest position ("0000" for an undated past, PAST_REF)
    last: str
    positions: list[Position] = field(default_factory=list)

    @property
    def citations(self) -> list[Mention]:
        """The evidence of every position in the step, one per document and sentence."""
        seen: dict[tuple[str, int], Mention] = {}
        for p in self.positions:
            for m in p.mentions:
                seen.setdefault((m.document, m.start), m)
        return list(seen.values())

    @property
    def dates(self) -> list[Date]:
        return [p.date for p in self.positions]


Line = tuple[str, str, str | None]  # (holder, issue, target: the state a per-target issue concerns)


@dataclass(slots=True)
class Shift:
    """A change of stance group on one issue: the run of steps before and the run after."""

    holder: str
    issue: str
    before: list[Step]
    after: list[Step]
    target: str | None = None

    @property
    def before_stance(self) -> str:
        return self.before[-1].stance

    @property
    def after_stance(self) -> str:
        return self.after[0].stance


@dataclass(frozen=True, slots=True)
class Window:
    """The latest period compared with what came before, and why it was chosen."""

    since: str
    until: str
    first: str
    reason: str


def date_key(d: Date) -> str | None:
    """A sortable day for a position's date: its first day; ``0000`` for an undated past; None if unknown."""
    if d.value == "PAST_REF":
        return "0000"
    if d.start:
        return d.start
    if d.value and d.value[:4].isdigit():
        return d.value
    return None


def holder_of(p: Position, by_state: bool) -> str:
    """Whose line a position goes on: the holder, or with ``by_state`` the state an official speaks for."""
    return (p.state or p.actor) if by_state else p.actor


def step_lines(positions: Iterable[Position], *, by_state: bool = True,
               holder: Callable[[Position], str] | None = None) -> dict[Line, list[Step]]:
    """Each (holder, issue, target)'s dated steps: consecutive positions with one stance make one step.

    ``target`` is set for issues held per target (``sanctions`` on Iran and on North
    Korea are two lines), else None.  Positions on the same day with different
    stances are ordered by stance so the result is deterministic.
    """
    pick = holder or (lambda p: holder_of(p, by_state))
    by_line: dict[Line, list[tuple[str, Position]]] = {}
    for p in positions:
        key = date_key(p.date)
        if key is None or p.modality != "asserted":
            continue
        by_line.setdefault((pick(p), p.issue, p.target), []).append((key, p))
    lines: dict[Line, list[Step]] = {}
    for line, items in sorted(by_line.items(), key=lambda kv: (kv[0][0], kv[0][1], kv[0][2] or "")):
        items.sort(key=lambda kp: (kp[0], kp[1].stance, kp[1].id))
        steps: list[Step] = []
        for key, p in items:
            if steps and steps[-1].stance == p.stance:
                steps[-1].last = max(steps[-1].last, key)
                steps[-1].positions.append(p)
            else:
                steps.append(Step(p.stance, key, key, [p]))
        lines[line] = steps
    return lines


def shifts(positions: Iterable[Position], book: IssueBook | None = None, *, by_state: bool = True,
           period: int = 7) -> list[Shift]:
    """Every change of stance group (``issues.yaml`` ``group``) along each line, oldest first.

    "demands" then "silent" is a shift (for -> dropped); "silent" then "abandoned" is
    not (both dropped).  Positions are first pooled by period (``period`` = the
    number of characters of the ISO day kept: 7 = a month, 4 = a year): a period
    counts for the group most of its positions take (the latest one on a tie), so
    two readings of one month (a silence and a "rejection") make no shift.  Each
    side of a shift carries its steps of that group, hence its citations.
    """
    book = book or load_issues()
    out: list[Shift] = []
    for (who, issue, target), steps in step_lines(positions, by_state=by_state).items():
        periods: list[tuple[str, list[Step]]] = []
        for st in steps:
            key = st.first[:period]
            if periods and periods[-1][0] == key:
                periods[-1][1].append(st)
            else:
                periods.append((key, [st]))
        runs: list[tuple[str, list[Step]]] = []  # (group, its steps)
        for _, pst in periods:
            group = _dominant(pst, book)
            mine = [st for st in pst if book.group(st.stance) == group]
            if runs and runs[-1][0] == group:
                runs[-1][1].extend(mine)
            else:
                runs.append((group, mine))
        for (_, before), (_, after) in zip(runs, runs[1:], strict=False):
            out.append(Shift(who, issue, before, after, target))
    return out


def _dominant(steps: list[Step], book: IssueBook) -> str:
    """The group most positions of a period take; on a tie, the latest step's."""
    counts: dict[str, int] = {}
    for st in steps:
        counts[book.group(st.stance)] = counts.get(book.group(st.stance), 0) + len(st.positions)
    best = max(counts.values())
    return next(book.group(st.stance) for st in reversed(steps) if counts[book.group(st.stance)] == best)


def default_window(dates: Iterable[str], *, share: float = 0.25, min_days: int = 30,
                   max_days: int = 365) -> Window | None:
    """The latest period to compare with what came before, from the dates present.

    The latest quarter (``share``) of the span the dates cover, at least ``min_days``
    and at most ``max_days`` long, ending at the last date.  None without dates.
    """
    days = sorted(dt.date.fromisoformat(d[:10]) for d in dates if len(d) >= 10 and d[:4].isdigit())
    if not days:
        return None
    first, last = days[0], days[-1]
    span = (last - first).days
    length = max(min_days, min(max_days, round(span * share)))
    since = last - dt.timedelta(days=min(length, last.toordinal() - 1))  # not before the first day there is
    reason = (f"the latest {length} days of the dates present ({first.isoformat()} to {last.isoformat()}): "
              f"a quarter of the span, at least {min_days} and at most {max_days} days")
    return Window(since=since.isoformat(), until=last.isoformat(), first=first.isoformat(), reason=reason)


def changed_in(window: Window, found: Iterable[Shift]) -> list[Shift]:
    """The shifts whose new side has a step inside ``window`` and whose old side lies before it."""
    return [s for s in found
            if any(step.last >= window.since for step in s.after) and s.before[0].first < window.since]
