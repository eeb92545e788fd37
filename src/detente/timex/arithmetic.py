"""Calendar arithmetic for the normalisers: stepping units, weekdays, weekends, durations.

Pure functions of dates and numbers, with no grammar and no text: which Thursday
"on Thursday" is, the weekend or quarter ``n`` steps away, which year an
undated day falls in by tense, and how an amount of time is written as a TIMEX3
duration.  :mod:`detente.timex.normalize` reads the words and calls these.
"""

from __future__ import annotations

import datetime as dt

from . import values as V
from .values import Value


def _fmt(n: float) -> str:
    """A number as TIMEX3 writes it: no ".0" on whole amounts."""
    return str(int(n)) if float(n).is_integer() else f"{n:g}"


def start_of(v: Value) -> dt.date:
    """A resolved value's first day (sort key)."""
    assert v.start is not None
    return v.start


# A date written without its year lies near the publication date (wire style
# omits the year only for the current year or nearby dates): one that the
# tense would put more than half a year away loses to one within two months
# on the other side ("was extended to Nov. 16" published 30 Oct) -- unless a
# locating preposition ties it to the past event itself: "the summit held in
# February" in a December story is the February just gone.
_FAR_DAYS = 183
_NEAR_DAYS = 62


def choose(
    cands: list[Value], pub: dt.date, tense: str | None, since: bool = False, located: bool = False
) -> Value:
    """Pick among yearly candidates by tense: past -> latest starting on/before
    publication, future -> earliest ending on/after it, else the nearest.

    ``located``: the expression says when the clause's event happened ("held
    in February"), not a limit it moves to ("extended to Nov. 16"), so a
    past tense is trusted however far back the date lies (within the year)."""

    def distance(c: Value) -> int:
        assert c.start and c.end
        if c.start <= pub <= c.end:
            return 0
        return min(abs((c.start - pub).days), abs((c.end - pub).days))

    nearest = min(cands, key=distance)
    best: Value | None = None
    if since:
        tense = "past"  # "since May": an interval that began before publication
    if tense == "past":
        ok = [c for c in cands if c.start and c.start <= pub]
        best = max(ok, key=start_of) if ok else None
    elif tense == "future":
        ok = [c for c in cands if c.end and c.end >= pub]
        best = min(ok, key=start_of) if ok else None
    if best is None:
        return nearest
    if not since and not (located and tense == "past") and distance(best) > _FAR_DAYS and distance(nearest) <= _NEAR_DAYS:
        return nearest
    return best


def shift(unit: str, base: dt.date, n: int) -> Value:
    """The calendar unit ``n`` steps from the one containing ``base``."""
    if unit == "year":
        return V.year(base.year + n)
    if unit == "month":
        return V.month(*V.add_months(base.year, base.month, n))
    if unit in ("week", "fortnight"):
        return V.week_of(base + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1)))
    if unit == "day":
        return V.day(base + dt.timedelta(days=n))
    if unit == "quarter":
        y, mth = V.add_months(base.year, base.month, 3 * n)
        return V.quarter(y, (mth - 1) // 3 + 1)
    if unit == "decade":
        return V.decade(base.year + 10 * n)
    if unit == "century":
        return V.century(base.year // 100 + 1 + n)
    if unit == "weekend":
        sat = base + dt.timedelta(days=(6 - base.isoweekday()) % 7) + dt.timedelta(weeks=n)
        return V.weekend_of(sat)
    return V.day(base)  # hours, minutes: the day they fall in


def weekend(pub: dt.date, n: int, tense: str | None) -> Value:
    back = (pub.isoweekday() - 6) % 7  # days since the last Saturday (0 on Saturday)
    last_sat = pub - dt.timedelta(days=back)
    if n < 0:
        # "last weekend": the one before the current one when we are in it
        return V.weekend_of(last_sat - dt.timedelta(weeks=1) if back <= 1 else last_sat)
    if n > 0 or tense == "future":
        return V.weekend_of(last_sat if back <= 1 else last_sat + dt.timedelta(weeks=1))
    return V.weekend_of(last_sat)


def weekday_date(wd: int, pub: dt.date, rel: int | None, tense: str | None) -> dt.date:
    """The date of a weekday named relative to ``pub``.

    ``rel`` -1 ("last Thursday") is strictly before, +1 ("next Thursday")
    strictly after; 0 ("this Thursday") or None follows the tense: on or after
    the publication date in future clauses, the nearest one in present-tense
    or modal clauses ("they meet Monday", "could come Tuesday"), and on or
    before it otherwise (news reports what has happened).
    """
    back = (pub.isoweekday() - wd) % 7
    fwd = (wd - pub.isoweekday()) % 7
    if rel == -1:
        return pub - dt.timedelta(days=back or 7)
    if rel == 1:
        return pub + dt.timedelta(days=fwd or 7)
    if tense in ("modal", "present") and rel is None:
        return pub + dt.timedelta(days=fwd) if fwd < back else pub - dt.timedelta(days=back)
    if tense == "future" or (rel == 0 and tense != "past"):
        return pub + dt.timedelta(days=fwd)
    return pub - dt.timedelta(days=back)


# A fractional amount is written in the next smaller unit: 2.5 years -> P2Y6M.
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "TH": ("TM", 60), "TM": ("TS", 60)}


def duration_value(n: float | str, designator: str, mult: int) -> str:
    """A TIMEX3 duration: P6Y, PT24H, PXM, P2Y6M."""
    prefix = "PT" if designator.startswith("T") else "P"
    letter = designator.lstrip("T")
    if n == "X":
        # "decades" is PXDE in TimeML (a decade is otherwise counted in years)
        return f"{prefix}X{ {10: 'DE', 100: 'CE'}.get(mult, letter) }"
    amount = float(n) * mult
    whole = int(amount)
    frac = amount - whole
    if frac and designator in _SMALLER:
        small, per = _SMALLER[designator]
        rest = f"{_fmt(frac * per)}{small.lstrip('T')}"
        if small == "H" and prefix == "P":
            return f"P{whole}DT{rest}" if whole else f"PT{rest}"
        return f"{prefix}{whole}{letter}{rest}" if whole else f"{prefix}{rest}"
    return f"{prefix}{_fmt(amount)}{letter}"
