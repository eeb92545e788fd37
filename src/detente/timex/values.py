"""TIMEX3 values: construction, calendar arithmetic and day bounds.

A :class:`Value` is a normalised temporal expression: its TIMEX3 ``value``
string ("2025-09-04", "2025-W36", "2025-Q3", "196X", "P6Y", "PAST_REF"), the
granularity, the TIMEX3 type and the first and last day it covers.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

SEASON_MONTHS: dict[str, tuple[int, int]] = {
    # (first month, last month); winter starts in December of its year and
    # ends in February of the next, so "2025-WI" is Dec 2025 - Feb 2026.
    "SP": (3, 5),
    "SU": (6, 8),
    "FA": (9, 11),
    "WI": (12, 2),
}
SEASON_ORDER = ("WI", "SP", "SU", "FA")


@dataclass(slots=True)
class Value:
    """A normalised temporal expression."""

    value: str
    granularity: str = "unknown"
    type: str = "DATE"
    start: dt.date | None = None
    end: dt.date | None = None

    @property
    def resolved(self) -> bool:
        """True for a calendar date (not a reference, duration, set or unknown)."""
        return bool(self.value) and self.start is not None and self.type in ("DATE", "TIME")


def unknown(type_: str = "DATE") -> Value:
    """The value of a relative expression that cannot be anchored."""
    return Value("", "unknown", type_)


def last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def add_months(year: int, month: int, n: int) -> tuple[int, int]:
    k = year * 12 + (month - 1) + n
    return k // 12, k % 12 + 1


def day(d: dt.date, part: str = "") -> Value:
    """A day, optionally with a clock time ("10:35" -> "...T10:35", type TIME)
    or a TIMEX3 part of day ("MO", "AF", "EV", "NI" -> "...TEV").

    A part of day keeps the day granularity and the DATE type, so that it
    dates events as its day does; :func:`day_value` drops the suffix where a
    plain ISO day is needed (detente/1 Dates).
    """
    if part and part[0].isdigit():
        return Value(f"{d.isoformat()}T{part}", "day", "TIME", d, d)
    if part:
        return Value(f"{d.isoformat()}T{part}", "day", "DATE", d, d)
    return Value(d.isoformat(), "day", "DATE", d, d)


_PART_OF_DAY = re.compile(r"(\d{4}-\d\d-\d\d)T[A-Z]{2}")


def day_value(value: str) -> str:
    """A value without its part-of-day suffix ("2025-03-11TEV" -> "2025-03-11")."""
    m = _PART_OF_DAY.fullmatch(value)
    return m.group(1) if m else value


def week_of(d: dt.date) -> Value:
    y, w, _ = d.isocalendar()
    monday = d - dt.timedelta(days=d.isoweekday() - 1)
    return Value(f"{y:04d}-W{w:02d}", "week", "DATE", monday, monday + dt.timedelta(days=6))


def weekend_of(saturday: dt.date) -> Value:
    y, w, _ = saturday.isocalendar()
    return Value(f"{y:04d}-W{w:02d}-WE", "week", "DATE", saturday, saturday + dt.timedelta(days=1))


def month(year: int, m: int) -> Value:
    return Value(
        f"{year:04d}-{m:02d}", "month", "DATE", dt.date(year, m, 1), dt.date(year, m, last_day(year, m))
    )


def quarter(year: int, q: int) -> Value:
    first = 3 * (q - 1) + 1
    return Value(
        f"{year:04d}-Q{q}",
        "quarter",
        "DATE",
        dt.date(year, first, 1),
        dt.date(year, first + 2, last_day(year, first + 2)),
    )


def half(year: int, h: int) -> Value:
    # detente/1 has no "half" granularity; a half-year is reported at the
    # nearest finer one it lists, with exact day bounds.
    first = 1 if h == 1 else 7
    return Value(
        f"{year:04d}-H{h}",
        "quarter",
        "DATE",
        dt.date(year, first, 1),
        dt.date(year, first + 5, last_day(year, first + 5)),
    )


def season(year: int, code: str) -> Value:
    a, b = SEASON_MONTHS[code]
    end_year = year + 1 if b < a else year
    return Value(
        f"{year:04d}-{code}",
        "season",
        "DATE",
        dt.date(year, a, 1),
        dt.date(end_year, b, last_day(end_year, b)),
    )


def year(y: int) -> Value:
    return Value(f"{y:04d}", "year", "DATE", dt.date(y, 1, 1), dt.date(y, 12, 31))


def decade(first_year: int) -> Value:
    d = first_year - first_year % 10
    return Value(f"{d // 10:03d}X", "decade", "DATE", dt.date(d, 1, 1), dt.date(d + 9, 12, 31))


def century(n: int) -> Value:
    """The n-th century, TIMEX3 style: "the 20th century" -> "19" (1900-1999)."""
    c = n - 1
    # detente/1's coarsest granularity is the decade; a century is reported
    # there with its true day bounds.
    return Value(f"{c:02d}", "decade", "DATE", dt.date(max(c * 100, 1), 1, 1), dt.date(c * 100 + 99, 12, 31))


def season_of(d: dt.date) -> tuple[int, str]:
    """The season instance containing a day: (year it starts in, code)."""
    m = d.month
    if m in (1, 2):
        return d.year - 1, "WI"
    if m == 12:
        return d.year, "WI"
    return d.year, {3: "SP", 4: "SP", 5: "SP", 6: "SU", 7: "SU", 8: "SU"}.get(m, "FA")


_VALUE_FORMS: tuple[tuple[str, str], ...] = (
    (r"(\d{4})-(\d\d)-(\d\d)(?:T.*)?", "day"),
    (r"(\d{4})-W(\d\d)(-WE)?", "week"),
    (r"(\d{4})-(\d\d)", "month"),
    (r"(\d{4})-Q([1-4])", "quarter"),
    (r"(\d{4})-H([12])", "half"),
    (r"(\d{4})-(SP|SU|FA|WI)", "season"),
    (r"(\d{4})", "year"),
    (r"(\d{3})X", "decade"),
    (r"(\d\d)", "century"),
)


def from_string(value: str) -> Value | None:
    """Rebuild a Value (with day bounds) from a TIMEX3 date value string."""
    for pattern, form in _VALUE_FORMS:
        m = re.fullmatch(pattern, value)
        if not m:
            continue
        g = m.groups()
        try:
            if form == "day":
                v = day(dt.date(int(g[0]), int(g[1]), int(g[2])))
                if "T" in value:
                    v = day(v.start, value.split("T", 1)[1])  # type: ignore[arg-type]
                return v
            if form == "week":
                monday = dt.date.fromisocalendar(int(g[0]), int(g[1]), 1)
                return weekend_of(monday + dt.timedelta(days=5)) if g[2] else week_of(monday)
            if form == "month":
                return month(int(g[0]), int(g[1]))
            if form == "quarter":
                return quarter(int(g[0]), int(g[1]))
            if form == "half":
                return half(int(g[0]), int(g[1]))
            if form == "season":
                return season(int(g[0]), g[1])
            if form == "year":
                return year(int(g[0]))
            if form == "decade":
                return decade(int(g[0]) * 10)
            return century(int(g[0]) + 1)
        except ValueError:
            return None
    return None
