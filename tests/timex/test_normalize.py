"""Normalisation of single expressions against a publication date."""

from __future__ import annotations

import pytest

from detente.timex import normalize

# Publication dates on different weekdays and across month/year boundaries.
MON_NEW_YEAR = "2026-01-05"  # a Monday, first week of the year
THU = "2025-09-04"  # a Thursday
SUN_MONTH_END = "2025-08-31"  # a Sunday, last day of a month


@pytest.mark.parametrize(
    ("text", "published", "value", "granularity"),
    [
        # weekdays, resolved by tense
        ("last Thursday", MON_NEW_YEAR, "2026-01-01", "day"),
        ("They met on Thursday.", MON_NEW_YEAR, "2026-01-01", "day"),
        ("They met on Thursday.", THU, "2025-09-04", "day"),
        ("They met on Friday.", THU, "2025-08-29", "day"),
        ("They will meet on Monday.", THU, "2025-09-08", "day"),
        ("They will meet on Monday.", SUN_MONTH_END, "2025-09-01", "day"),
        ("next Thursday", THU, "2025-09-11", "day"),
        ("Kim left late Thursday.", THU, "2025-09-04", "day"),
        ("last Friday", SUN_MONTH_END, "2025-08-29", "day"),
        # deictic days
        ("yesterday", MON_NEW_YEAR, "2026-01-04", "day"),
        ("tomorrow", SUN_MONTH_END, "2025-09-01", "day"),
        ("today", THU, "2025-09-04", "day"),
        # last/this/next + unit
        ("last month", MON_NEW_YEAR, "2025-12", "month"),
        ("last month", THU, "2025-08", "month"),
        ("next month", SUN_MONTH_END, "2025-09", "month"),
        ("last year", MON_NEW_YEAR, "2025", "year"),
        ("this year", MON_NEW_YEAR, "2026", "year"),
        ("next year", THU, "2026", "year"),
        ("last week", MON_NEW_YEAR, "2026-W01", "week"),
        ("this week", THU, "2025-W36", "week"),
        ("earlier this week", THU, "2025-W36", "week"),
        ("next week", SUN_MONTH_END, "2025-W36", "week"),
        ("this quarter", THU, "2025-Q3", "quarter"),
        ("last quarter", MON_NEW_YEAR, "2025-Q4", "quarter"),
        # months named relatively
        ("last October", MON_NEW_YEAR, "2025-10", "month"),
        ("last October", THU, "2024-10", "month"),
        ("next October", THU, "2025-10", "month"),
        ("in March of this year", MON_NEW_YEAR, "2026-03", "month"),
        ("in September last year", MON_NEW_YEAR, "2025-09", "month"),
        ("in April this year", THU, "2025-04", "month"),
        ("Talks resumed in December.", MON_NEW_YEAR, "2025-12", "month"),
        # a yearless date stays near publication even in a past-tense clause
        ("The deadline was extended to Nov. 16.", "2025-10-30", "2025-11-16", "day"),
        ("The talks were held on Nov. 16.", "2025-12-10", "2025-11-16", "day"),
        # ... but a locating preposition in a past clause places the past event
        ("The summit was held in February.", "2025-12-18", "2025-02", "month"),
        ("The envoys met on Feb. 3.", "2025-12-18", "2025-02-03", "day"),
        ("The vote was moved to February.", "2025-12-18", "2026-02", "month"),
        # anaphoric and offsets
        ("the previous year", MON_NEW_YEAR, "2025", "year"),
        ("two years ago", THU, "2023", "year"),
        ("three days ago", MON_NEW_YEAR, "2026-01-02", "day"),
        ("six months ago", THU, "2025-03", "month"),
        # absolute expressions
        ("September 2025", MON_NEW_YEAR, "2025-09", "month"),
        ("Sept. 3", THU, "2025-09-03", "day"),
        ("Dec. 29", MON_NEW_YEAR, "2025-12-29", "day"),
        ("on 4 September 2025", None, "2025-09-04", "day"),
        ("Sept. 4, 2025", None, "2025-09-04", "day"),
        ("2025-09-04", None, "2025-09-04", "day"),
        ("in 2019", None, "2019", "year"),
        ("the 1990s", None, "199X", "decade"),
        ("the 1960s", None, "196X", "decade"),
        ("summer 2025", None, "2025-SU", "season"),
        ("the third quarter of 2025", None, "2025-Q3", "quarter"),
        ("Q3 2025", None, "2025-Q3", "quarter"),
        ("nineteen ninety-six", None, "1996", "year"),
        ("last summer", MON_NEW_YEAR, "2025-SU", "season"),
    ],
)
def test_dates(text: str, published: str | None, value: str, granularity: str) -> None:
    t = normalize(text, published)
    assert t is not None
    assert (t.value, t.granularity, t.type) == (value, granularity, "DATE")


@pytest.mark.parametrize(
    ("text", "value", "type_"),
    [
        ("six years", "P6Y", "DURATION"),
        ("his first visit in seven years", "P7Y", "DURATION"),
        ("a two-year deal", "P2Y", "DURATION"),
        ("the past 24 hours", "PT24H", "DURATION"),
        ("two and a half years", "P2Y6M", "DURATION"),
        ("two decades", "P20Y", "DURATION"),
        ("for years", "PXY", "DURATION"),
        ("every year", "P1Y", "SET"),
        ("daily", "P1D", "SET"),
        ("twice a year", "P1Y", "SET"),
        ("every Thursday", "XXXX-WXX-4", "SET"),
        ("recently", "PAST_REF", "DATE"),
        ("now", "PRESENT_REF", "DATE"),
        ("in the coming months", "FUTURE_REF", "DATE"),
        ("in recent years", "PXY", "DURATION"),
        ("in recent days", "PAST_REF", "DATE"),
    ],
)
def test_durations_sets_references(text: str, value: str, type_: str) -> None:
    # these never depend on the publication date
    for published in (THU, None):
        t = normalize(text, published)
        assert t is not None
        assert (t.value, t.type) == (value, type_)


def test_interval_has_day_range() -> None:
    t = normalize("the visit on 8–9 June", "2025-09-04")
    assert t is not None
    assert (t.text, t.value, t.range_start, t.range_end) == (
        "8–9 June",
        "2025-06-08",
        "2025-06-08",
        "2025-06-09",
    )


def test_since_marks_open_interval() -> None:
    t = normalize("suspended since 2020", "2026-01-05")
    assert t is not None
    assert (t.text, t.value, t.range_start, t.range_end) == ("2020", "2020", "2020-01-01", "2026-01-05")


def test_month_bounds() -> None:
    t = normalize("last month", "2024-03-10")
    assert t is not None
    assert (t.range_start, t.range_end) == ("2024-02-01", "2024-02-29")  # leap year


@pytest.mark.parametrize(
    "text",
    [
        "last Thursday",
        "last month",
        "two years ago",
        "on Thursday",
        "Sept. 3",
        "next week",
        "the previous year",
        "this summer",
    ],
)
def test_relative_without_publication_date_is_unknown(text: str) -> None:
    t = normalize(text, None)
    assert t is not None
    assert (t.value, t.granularity) == ("", "unknown")


@pytest.mark.parametrize(
    "text",
    [
        "The army may march on",
        "a 6-year-old boy",
        "about three-quarters of voters",
        "He won 2000 votes",
        "a fall in prices",
        "the current account",
    ],
)
def test_not_dates(text: str) -> None:
    t = normalize(text, THU)
    assert t is None or t.type != "DATE" or t.value == "PRESENT_REF" and "current" in text


def test_weekday_with_date_picks_year() -> None:
    # 26 Oct is a Monday in 2026, not in 2025: the weekday decides
    t = normalize("Monday, Oct. 26", "2026-01-05")
    assert t is not None and t.value == "2026-10-26"


@pytest.mark.parametrize(
    ("text", "value"),
    [("2025/09/04", "2025-09-04"), ("04.09.2025", "2025-09-04"), ("4-Sep-2025", "2025-09-04")],
)
def test_formats_outside_running_text(text: str, value: str) -> None:
    # the grammar's numeric formats, and dateparser for what it cannot read
    t = normalize(text, None)
    assert t is not None and (t.value, t.granularity) == (value, "day")


def test_the_year_is_the_current_one() -> None:
    t = normalize("his first trip abroad of the year", "2026-06-12")
    assert t is not None and t.value == "2026"


@pytest.mark.parametrize(
    ("text", "published", "value", "first", "last"),
    [
        # a part word narrows the range (which dates events), not the value
        ("since late 2020", "2025-03-13", "2020", "2020-07-01", "2025-03-13"),
        ("in early March", "2025-06-01", "2025-03", "2025-03-01", "2025-03-16"),
        # "earlier this year" ends, "later this month" starts, at publication
        ("earlier this year", "2021-05-15", "2021", "2021-01-01", "2021-05-15"),
        ("later this month", "2021-05-15", "2021-05", "2021-05-15", "2021-05-31"),
        ("this year", "2021-05-15", "2021", "2021-01-01", "2021-12-31"),
    ],
)
def test_ranges(text: str, published: str, value: str, first: str, last: str) -> None:
    t = normalize(text, published)
    assert t is not None
    assert (t.value, t.range_start, t.range_end) == (value, first, last)


@pytest.mark.parametrize(
    ("text", "published", "value"),
    [
        # a present passive and a scheduled participle are not past tense
        ("They will appeal if the case is heard in May.", "2025-03-29", "2025-05"),
        ("The issue is expected to dominate a summit set for Berlin in April.", "2025-03-12", "2025-04"),
    ],
)
def test_tense_of_participles(text: str, published: str, value: str) -> None:
    import datetime as dt

    from detente import nlp
    from detente.timex.extract import extract

    mentions = extract(text, dt.date.fromisoformat(published), doc=nlp.load()(text))
    assert mentions[0].value == value
