"""Normalisers: one function per grammar ``kind``, from a match to a Value.

Relative expressions are resolved against the publication date (deictic:
"last week", "on Thursday") or against the reference time, the last date the
text mentioned (anaphoric: "the following day", "the previous year").  Tense
decides the direction of underspecified ones: "on Thursday" in a past-tense
clause is the Thursday on or before publication, in a future-tense clause the
one on or after.  Without a publication date, everything relative yields an
unknown value: nothing is ever guessed from the wall clock.  The date
arithmetic itself (stepping units, weekdays, durations) is in
:mod:`detente.timex.arithmetic`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

from . import values as V
from .arithmetic import choose, duration_value, shift, start_of, weekday_date, weekend
from .rules import Grammar, Match, grammar
from .values import Value, unknown


@dataclass(slots=True)
class Anchor:
    """What a relative expression is resolved against."""

    published: dt.date | None
    tense: str | None = None  # "past" | "present" | "future" | "modal" | None
    reference: Value | None = None  # the last date mentioned before
    quarter: Value | None = None  # the last quarter mentioned before
    after: str = ""  # a little of the text that follows the expression
    before: str = ""  # a little of the text that precedes it
    # (month, day) -> the day the text already gave it ("17 September 2020" ... "the
    # September 17 agreement"): a month and day told again are that day, not a guess
    told_days: dict[tuple[int, int], dt.date] | None = None


def _num(s: str, g: Grammar) -> float | str:
    """A number from digits or words; "X" when unspecified ("several")."""
    s = re.sub(r"\s+", " ", s.lower().strip())
    table = g.table("numbers")
    if re.fullmatch(r"\d+(?:\.\d+)?", s):
        return float(s)
    if s in table:
        v = table[s]
        return "X" if v == "X" else float(v)
    parts = re.split(r"[\s-]", s)
    if len(parts) == 2 and parts[0] in table and parts[1] in table:
        return float(table[parts[0]]) + float(table[parts[1]])
    return "X"


def _month_no(s: str, g: Grammar) -> int:
    s = s.lower().rstrip(".")
    return int(g.table("months").get(s) or g.table("month_abbrevs")[s])


def _weekday_no(s: str, g: Grammar) -> int:
    s = s.lower().rstrip(".")
    return int(g.table("weekdays").get(s) or g.table("weekday_abbrevs")[s])


def _day_no(s: str) -> int:
    return int(re.match(r"\d+", s).group())  # type: ignore[union-attr]


def _year_no(s: str) -> int:
    y = int(s)
    if len(s) == 2:  # '98 -> 1998, '05 -> 2005
        y += 2000 if y < 50 else 1900
    return y


def _rel_year(word: str, a: Anchor) -> int | None:
    """The year named by "this/last/next/the previous/the same year"."""
    word = re.sub(r"\s+", " ", word.lower())
    if word in ("this", "last", "next"):
        if a.published is None:
            return None
        return a.published.year + {"this": 0, "last": -1, "next": 1}[word]
    base = (
        a.reference.start.year
        if a.reference and a.reference.start
        else (a.published.year if a.published else None)
    )
    if base is None:
        return None
    return base + {"the previous": -1, "the following": 1}.get(word, 0)


def _rel_dir(word: str, g: Grammar) -> int:
    return int(g.table("relatives")[re.sub(r"\s+", " ", word.lower())])


# --- kinds -----------------------------------------------------------------


def _k_day(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    mnum = int(gr["mnum"]) if "mnum" in gr else _month_no(gr["month"], g)
    d = _day_no(gr["day"])
    part = g.table("day_parts").get(gr.get("part", "").lower(), "") if gr.get("part") else ""
    if "year" in gr:
        try:
            return V.day(dt.date(_year_no(gr["year"]), mnum, d), part)
        except ValueError:
            return None
    if a.told_days and (mnum, d) in a.told_days and "wd" not in gr:
        return V.day(a.told_days[(mnum, d)], part)
    if a.published is None:
        return unknown()
    cands = []
    for y in (a.published.year - 1, a.published.year, a.published.year + 1):
        try:
            cands.append(V.day(dt.date(y, mnum, d)))
        except ValueError:
            continue
    if "wd" in gr:
        # "Monday, Oct. 26": the weekday picks the year
        wd = _weekday_no(gr["wd"], g)
        cands = [c for c in cands if c.start and c.start.isoweekday() == wd] or cands
    if not cands:
        return None
    best = choose(cands, a.published, a.tense, _since(a, g), _located(a, g))
    return V.day(best.start, part) if part else best  # type: ignore[arg-type]


def _k_day_range(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    m2 = _month_no(gr["month2"], g) if "month2" in gr else _month_no(gr["month"], g)
    m1 = _month_no(gr["month"], g)
    d1, d2 = _day_no(gr["day"]), _day_no(gr["day2"])
    if "year" in gr:
        y = _year_no(gr["year"])
    elif a.published is not None:
        y = choose(
            [V.month(yy, m1) for yy in range(a.published.year - 1, a.published.year + 2)],
            a.published,
            a.tense,
        ).start.year  # type: ignore[union-attr]
    else:
        return unknown()
    try:
        first = dt.date(y, m1, d1)
        last = dt.date(y + (1 if m2 < m1 else 0), m2, d2)
    except ValueError:
        return None
    if last < first:
        return None
    v = V.day(first)
    v.end = last
    return v


def _k_month(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    mn = _month_no(gr["month"], g)
    if "year" in gr:
        return V.month(_year_no(gr["year"]), mn)
    if "yrel" in gr:
        y = _rel_year(gr["yrel"], a)
        return V.month(y, mn) if y is not None else unknown()
    pub = a.published
    if pub is None:
        return unknown()
    cands = [V.month(y, mn) for y in (pub.year - 1, pub.year, pub.year + 1)]
    if "rel" in gr:
        d = _rel_dir(gr["rel"], g)
        cur = (pub.year, pub.month)
        if d < 0:
            return max((c for c in cands if (start_of(c).year, start_of(c).month) < cur), key=start_of)
        if d > 0:
            return min((c for c in cands if (start_of(c).year, start_of(c).month) > cur), key=start_of)
        return V.month(pub.year, mn)
    return choose(cands, pub, a.tense, _since(a, g), _located(a, g))


def _since(a: Anchor, g: Grammar) -> bool:
    """Whether the expression follows "since" (an interval that began before)."""
    before = a.before.lower()
    return any(re.search(r"(?<![\w])" + re.escape(w) + r"\s+$", before) for w in g.lexicon["since_words"])


def _located(a: Anchor, g: Grammar) -> bool:
    """Whether the expression follows a locating preposition ("held in February",
    "met on Nov. 16"): it places the clause's event rather than a limit it moves to."""
    before = a.before.lower()
    return any(re.search(r"(?<![\w])" + re.escape(w) + r"\s+$", before) for w in g.lexicon["located_words"])


def _k_season(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    code = str(g.table("seasons")[gr["season"].lower()])
    if "year" in gr:
        return V.season(_year_no(gr["year"]), code)
    pub = a.published
    if pub is None:
        return unknown()
    cands = [V.season(y, code) for y in (pub.year - 2, pub.year - 1, pub.year, pub.year + 1)]
    cur = V.season(*V.season_of(pub))
    if "rel" in gr:
        d = _rel_dir(gr["rel"], g)
        if d < 0:
            return max((c for c in cands if start_of(c) < start_of(cur)), key=start_of)
        if d > 0:
            return min((c for c in cands if start_of(c) > start_of(cur)), key=start_of)
        return next(
            (c for c in cands if c.start and c.end and c.start.year == pub.year and code != "WI"),
            choose(cands, pub, None),
        )
    return choose(cands, pub, a.tense)


def _k_quarter(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    q = int(gr["qnum"]) if "qnum" in gr else int(g.table("ordinals")[gr["ord"].lower()])
    if "year" in gr or "year0" in gr:
        return V.quarter(_year_no(gr.get("year") or gr["year0"]), q)
    if "yrel" in gr or "yrel0" in gr:
        y = _rel_year(gr.get("yrel") or gr["yrel0"], a)
        return V.quarter(y, q) if y is not None else unknown()
    pub = a.published
    if pub is None:
        return unknown()
    # A quarter named without a year is the latest one of that number that has
    # begun (results are reported after the fact), unless the clause is future.
    v = V.quarter(pub.year, q)
    if v.start and v.start > pub and a.tense != "future":
        v = V.quarter(pub.year - 1, q)
    return v


def _last_quarter(pub: dt.date) -> tuple[int, int]:
    q = (pub.month - 1) // 3 + 1
    return (pub.year, q - 1) if q > 1 else (pub.year - 1, 4)


def _k_latest_quarter(m: Match, a: Anchor, g: Grammar) -> Value | None:
    if (
        a.reference is not None
        and a.reference.granularity == "quarter"
        and re.fullmatch(r"\d{4}-Q\d", a.reference.value)
    ):
        return V.from_string(a.reference.value)
    if a.published is None:
        return unknown()
    return V.quarter(*_last_quarter(a.published))


def _k_year_ago_quarter(m: Match, a: Anchor, g: Grammar) -> Value | None:
    if a.reference is not None and re.fullmatch(r"\d{4}-Q\d", a.reference.value):
        y, q = int(a.reference.value[:4]), int(a.reference.value[-1])
    elif a.published is not None:
        y, q = _last_quarter(a.published)
    else:
        return unknown()
    return V.quarter(y - 1, q)


def _k_half(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    h = 1 if gr["half"].lower() == "first" else 2
    if "year" in gr:
        return V.half(_year_no(gr["year"]), h)
    word = gr["yrel"].lower()
    y = _rel_year("this" if word == "the" else word, a)
    return V.half(y, h) if y is not None else unknown()


def _k_year(m: Match, a: Anchor, g: Grammar) -> Value | None:
    return V.year(_year_no(m.groups["year"]))


_WORD_NUMBERS = {
    w: i
    for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
        "seventeen eighteen nineteen".split()
    )
}
_WORD_NUMBERS.update(
    {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
)


def _k_spelled_year(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = {k: re.sub(r"\s+", " ", v.lower()) for k, v in m.groups.items()}
    if "sp_century" in gr:
        base = {"eighteen": 1800, "nineteen": 1900, "twenty": 2000}[gr["sp_century"]]
    else:
        base = 2000
    n = sum(
        _WORD_NUMBERS[gr[k]] for k in ("sp_tens", "sp_ones", "sp_teen", "sp_teen2", "sp_ones2") if k in gr
    )
    return V.year(base + n)


def _k_year_range(m: Match, a: Anchor, g: Grammar) -> Value | None:
    y1 = _year_no(m.groups["year"])
    s2 = m.groups["year2"]
    y2 = int(s2) if len(s2) == 4 else (y1 // 100) * 100 + int(s2)
    if y2 <= y1 or y2 - y1 > 50:
        return None  # "1990-95" must go forward; "2019-2020" style only
    v = V.year(y1)
    v.end = dt.date(y2, 12, 31)
    return v


def _k_decade(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    if "decade" in gr:
        return V.decade(int(gr["decade"]))
    if "decade_word" in gr:
        return V.decade(int(g.table("decade_words")[gr["decade_word"].lower()]))
    d = int(gr["decade2"])
    # "the 20s" in 2025 is the 2020s; "the '90s" is always the 1990s.
    if a.published is not None and a.published.year >= 2000 and 2000 + d <= a.published.year:
        return V.decade(2000 + d)
    return V.decade(1900 + d)


def _k_century(m: Match, a: Anchor, g: Grammar) -> Value | None:
    return V.century(int(m.groups["century"]))


def _k_rel_unit(m: Match, a: Anchor, g: Grammar) -> Value | None:
    if a.published is None:
        return unknown()
    gr = m.groups
    n = _rel_dir(gr["rel"], g) if "rel" in gr else 0
    unit = gr["unit"].lower()
    if unit == "weekend":
        return weekend(a.published, n, a.tense)
    return shift(unit, a.published, n)


def _k_weekend(m: Match, a: Anchor, g: Grammar) -> Value | None:
    if a.published is None:
        return unknown()
    rel = m.groups.get("rel")
    n = _rel_dir(rel, g) if rel else 0
    if rel and rel.lower() == "this":
        n = 0 if a.tense == "past" else 1
    return weekend(a.published, n, a.tense)


def _part(gr: dict[str, str], g: Grammar) -> str:
    p = gr.get("part")
    return str(g.table("day_parts").get(re.sub(r"\s+", " ", p.lower()), "")) if p else ""


def _k_weekday(m: Match, a: Anchor, g: Grammar) -> Value | None:
    if a.published is None:
        return unknown()
    gr = m.groups
    rel = _rel_dir(gr["rel"], g) if "rel" in gr else None
    tense = a.tense
    if re.match(r"['’]s\b", a.after) and tense != "future":
        tense = "past"  # "Thursday's ruling", "Monday's closing price": already there
    d = weekday_date(_weekday_no(gr["wd"], g), a.published, rel, tense)
    return V.day(d, _part(gr, g))


def _k_deictic(m: Match, a: Anchor, g: Grammar) -> Value | None:
    if a.published is None:
        return unknown()
    gr = m.groups
    offset, part = g.table("deictic_days")[re.sub(r"\s+", " ", gr["deictic"].lower())]
    return V.day(a.published + dt.timedelta(days=int(offset)), _part(gr, g) or str(part))


def _k_clock(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    if "hour_word" in gr:
        hm = "24:00" if gr["hour_word"].lower() == "midnight" else "12:00"
    else:
        h = int(gr["hour"]) % 12 + (12 if gr["ampm"].lower().startswith("p") else 0)
        hm = f"{h:02d}:{gr.get('minute', '00')}"
    base: dt.date | None = None
    if a.published is not None and "wd" in gr:
        base = weekday_date(_weekday_no(gr["wd"], g), a.published, None, a.tense)
    elif a.published is not None and "deictic" in gr:
        base = a.published + dt.timedelta(days=int(g.table("deictic_days")[gr["deictic"].lower()][0]))
    elif a.reference is not None and a.reference.granularity == "day" and a.reference.start:
        base = a.reference.start
    elif a.published is not None:
        base = a.published
    if base is None:
        return unknown("TIME")
    return V.day(base, hm)


def _k_holiday(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    name = re.sub(r"\s+", " ", gr["holiday"].lower())
    if name == "new year" and re.search(
        r"(?:" + "|".join(map(re.escape, g.lexicon["other_new_years"])) + r")\s+$", a.before.lower()
    ):
        return None  # the Lunar New Year, Nowruz: not 1 January

    def on(y: int) -> dt.date:
        fixed = g.table("holidays").get(name)
        if fixed:
            mm, dd = map(int, str(fixed).split("-"))
            return dt.date(y, mm, dd)
        mm, wd, nth = g.table("floating_holidays")[name]
        if nth > 0:
            first = dt.date(y, mm, 1)
            return first + dt.timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
        last = dt.date(y, mm, V.last_day(y, mm))
        return last - dt.timedelta(days=(last.isoweekday() - wd) % 7)

    if "year" in gr:
        return V.day(on(_year_no(gr["year"])))
    if a.published is None:
        return unknown()
    return choose(
        [V.day(on(y)) for y in range(a.published.year - 1, a.published.year + 2)], a.published, a.tense
    )


def _unit(gr: dict[str, str]) -> str:
    u = gr.get("unit") or gr.get("unit_pl", "")
    u = u.lower()
    return {"centuries": "century"}.get(u, u.rstrip("s") if u.endswith("s") and u != "s" else u)


def _k_offset(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    unit = _unit(gr)
    n = _num(gr["num"], g) if "num" in gr else 1.0
    direction, how = g.table("offset_words")[re.sub(r"\s+", " ", gr["offset"].lower())]
    if n == "X" and how == "deictic":
        return Value("PAST_REF" if direction < 0 else "FUTURE_REF", "unknown")
    if n == "X" or ("approx" in gr and how == "anaphoric"):
        # "a few hours later", "nearly five years later": counted from a reference
        # the text leaves loose, no date can be named; TimeML marks the vague or
        # approximate amount as a duration (PTXH, P5Y).  "Several years ago"
        # stays PAST_REF (above), as TimeBank has it.
        designator, mult, gran = g.table("units")[unit]
        return Value(duration_value(n, designator, int(mult)), str(gran), "DURATION")
    steps = int(round(float(n))) * int(direction)
    ref = a.reference if how == "anaphoric" and a.reference is not None and a.reference.start else None
    base = ref.start if ref else a.published
    if base is None:
        return unknown()
    mult = {"decade": ("year", 10), "century": ("year", 100)}.get(unit, (unit, 1))
    # "a year ago/earlier" in a text about a quarter compares quarters
    # (results, growth figures): that quarter, a year before.
    q = a.quarter
    if (
        unit == "year"
        and q is not None
        and q.granularity == "quarter"
        and q.start
        and re.fullmatch(r"\d{4}-Q\d", q.value)
    ):
        return shift("quarter", q.start, 4 * steps)
    return shift(mult[0], base, steps * mult[1])


def _k_anaphoric(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    unit = _unit(gr)
    if "arel" in gr:
        n = int(g.table("anaphoric_relatives")[re.sub(r"\s+", " ", gr["arel"].lower())])
    elif "arel_word" in gr:
        n = -1 if gr["arel_word"].lower() == "before" else 1
    else:
        # "the year", "of the year", "earlier in the year": in news, the
        # current one (the reference time is often a past year mentioned in
        # passing, "returning to 2019 levels")
        if a.published is None:
            return unknown()
        return shift(unit, a.published, 0)
    order = ["day", "week", "month", "quarter", "year", "decade"]
    ref = a.reference
    if (
        ref is not None
        and ref.start
        and ref.granularity in order
        and order.index(ref.granularity) <= order.index(unit)
    ):
        return shift(unit, ref.start, n)
    if a.published is None:
        return unknown()
    return shift(unit, a.published, n)


def _k_duration(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    unit = _unit(gr)
    if "age" in gr:
        n: float | str = _num(gr["age"], g)
        if n == "X":
            return None  # "the age of reason"
        return Value(duration_value(n, "Y", 1), "year", "DURATION")
    if "unit_pl" in gr:
        n = "X"
    elif "num" in gr:
        n = _num(gr["num"], g)
    else:
        n = 1.0
    if (
        unit in ("quarter", "second", "minute")
        and gr.get("num", "").lower() in ("a", "an", "one")
        and re.match(r"\s+(?:of|time|round|term|chance|half)\b", a.after)
    ):
        return None  # "a quarter of", "a second time": not durations
    if unit == "quarter" and re.search(r"-quarters\b", m.text, re.I):
        return None  # "three-quarters": a fraction
    if n != "X" and ("half" in gr or "half2" in gr):  # "two and a half", "2 1/2"
        n = float(n) + 0.5
    designator, mult, gran = g.table("units")[unit]
    return Value(duration_value(n, designator, int(mult)), str(gran), "DURATION")


def _k_part_of_day(m: Match, a: Anchor, g: Grammar) -> Value | None:
    """A part of day on its own ("through the night"): of the day last mentioned,
    else of the publication day."""
    ref = a.reference
    if ref is not None and ref.granularity == "day" and ref.start:
        base = ref.start
    elif a.published is not None:
        base = a.published
    else:
        return unknown()
    return V.day(base, _part(m.groups, g))


def _k_fiscal_year(m: Match, a: Anchor, g: Grammar) -> Value | None:
    """ "the coming fiscal year" -> FY2025: a fiscal year is named after the
    calendar year it ends in; the current one is taken to end in the
    publication year unless that year's autumn has begun (the U.S. federal year
    starts in October).  Its bounds vary by country, so it dates nothing."""
    if a.published is None:
        return unknown()
    current = a.published.year + (1 if a.published.month >= 10 else 0)
    rel = m.groups["rel"].lower()
    n = {"new": 1, "upcoming": 1}.get(rel, None)
    n = _rel_dir(rel, g) if n is None else n
    return Value(f"FY{current + n}", "year", "DATE")


def _k_set(m: Match, a: Anchor, g: Grammar) -> Value | None:
    gr = m.groups
    if "freq" in gr:
        return Value(str(g.table("frequencies")[re.sub(r"\s+", " ", gr["freq"].lower())]), "unknown", "SET")
    if "wd" in gr:
        return Value(f"XXXX-WXX-{_weekday_no(gr['wd'], g)}", "day", "SET")
    if "month" in gr:
        return Value(f"XXXX-{_month_no(gr['month'], g):02d}", "month", "SET")
    designator, mult, gran = g.table("units")[_unit(gr)]
    prefix = "PT" if designator.startswith("T") else "P"
    return Value(f"{prefix}{mult}{designator.lstrip('T')}", str(gran), "SET")


def _k_reference(m: Match, a: Anchor, g: Grammar) -> Value | None:
    return Value(str(g.table("references")[re.sub(r"\s+", " ", m.groups["ref"].lower())]), "unknown", "DATE")


KINDS: dict[str, Callable[[Match, Anchor, Grammar], Value | None]] = {
    "day": _k_day,
    "day_range": _k_day_range,
    "month": _k_month,
    "season": _k_season,
    "quarter": _k_quarter,
    "latest_quarter": _k_latest_quarter,
    "year_ago_quarter": _k_year_ago_quarter,
    "half": _k_half,
    "year": _k_year,
    "year_range": _k_year_range,
    "spelled_year": _k_spelled_year,
    "decade": _k_decade,
    "century": _k_century,
    "rel_unit": _k_rel_unit,
    "weekend": _k_weekend,
    "weekday": _k_weekday,
    "deictic": _k_deictic,
    "clock": _k_clock,
    "holiday": _k_holiday,
    "offset": _k_offset,
    "anaphoric": _k_anaphoric,
    "duration": _k_duration,
    "set": _k_set,
    "reference": _k_reference,
    "part_of_day": _k_part_of_day,
    "fiscal_year": _k_fiscal_year,
}

# Kinds whose value depends on the tense of the clause.
TENSE_KINDS = frozenset(
    {"day", "day_range", "month", "season", "quarter", "weekend", "weekday", "holiday", "clock"}
)


def normalise_match(m: Match, anchor: Anchor) -> Value | None:
    """The Value of a grammar match, or None if the match is not temporal after all."""
    try:
        return KINDS[m.pattern.kind](m, anchor, grammar())
    except (ValueError, KeyError, OverflowError):
        return None
