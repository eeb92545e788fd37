"""Vague durations, ages, parts of day and the other TimeML conventions of
real news: each rule on sentences of our own."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.model import TimeMention
from detente.timex import extract, normalize
from detente.timex.extract import is_age, timebank_view
from detente.timex.values import day_value

WED = dt.date(2025, 6, 11)  # a Wednesday
DEC = dt.date(2019, 12, 18)


def _found(text: str, published: dt.date = WED) -> dict[str, tuple[str, str]]:
    return {t.text: (t.value, t.type) for t in extract(text, published)}


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("The mayor met a 41-year-old teacher.", "41-year-old", "P41Y"),
        ("Thirty-year-old Ana Lopes spoke first.", "Thirty-year-old", "P30Y"),
        ("The farmer, 63 years old, lost his herd.", "63 years old", "P63Y"),
        ("Boys ages 9 and older were sent home.", "ages 9", "P9Y"),
        ("Most victims were under the age of seven.", "the age of seven", "P7Y"),
    ],
)
def test_ages_are_durations_in_years(sentence: str, extent: str, value: str) -> None:
    assert _found(sentence)[extent] == (value, "DURATION")


def test_the_age_of_a_non_number_is_not_an_age() -> None:
    assert not any("age" in t.text for t in extract("It is the age of reason.", WED))


def test_timebank_view_leaves_ages_out_and_keeps_other_durations() -> None:
    ms = extract("A 41-year-old clerk waited six years.", WED)
    assert [m.text for m in ms if is_age(m)] == ["41-year-old"]
    assert [m.text for m in timebank_view(ms)] == ["six years"]


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("The court will hold a weeklong hearing.", "weeklong", "P1W"),
        ("They ended a yearlong dispute.", "yearlong", "P1Y"),
        ("The army completed an hourslong operation.", "hourslong", "PTXH"),
        ("It could take years to rebuild the port.", "years", "PXY"),
        ("Over the months, the two sides drifted apart.", "the months", "PXM"),
        ("They faced decades of neglect.", "decades", "PXDE"),
        ("The pact has held for decades.", "decades", "PXDE"),
        ("Prices climbed in recent months.", "recent months", "PXM"),
        ("Days later, the rebels withdrew.", "Days", "PXD"),
        ("The convoy was hit hours after it crossed.", "hours", "PTXH"),
        ("Some detainees stayed for days or weeks.", "weeks", "PXW"),
    ],
)
def test_vague_and_written_out_durations(sentence: str, extent: str, value: str) -> None:
    assert _found(sentence)[extent] == (value, "DURATION")


def test_a_vague_amount_later_is_a_duration_but_ago_stays_a_reference() -> None:
    assert _found("A few hours later the road reopened.")["A few hours later"] == ("PTXH", "DURATION")
    assert _found("Several years ago the road was closed.")["Several years ago"] == ("PAST_REF", "DATE")


def test_days_after_an_ordinal_or_of_are_not_durations() -> None:
    found = _found("In the first days after the vote, a matter of days before the count.")
    assert "days" not in found


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("Fighters attacked on Tuesday. Troops worked through the night.", "the night", "2025-06-10TNI"),
        ("Fighters attacked on Tuesday. At night, they fled.", "night", "2025-06-10TNI"),
        ("He spoke from Lima, where it was evening.", "evening", "2025-06-11TEV"),
        ("The bomb went off during the evening rush hour.", "the evening", "2025-06-11TEV"),
        ("The talks resumed Tuesday afternoon.", "Tuesday afternoon", "2025-06-10TAF"),
        ("The tariffs will take effect Thursday morning.", "Thursday morning", "2025-06-12TMO"),
        ("Gunmen stormed the hotel this morning.", "this morning", "2025-06-11TMO"),
    ],
)
def test_parts_of_day_are_written_into_the_value(sentence: str, extent: str, value: str) -> None:
    assert _found(sentence)[extent] == (value, "DATE")


def test_a_clock_reading_in_the_morning_is_not_a_part_of_day() -> None:
    assert "the morning" not in _found("The shelling began at 4 in the morning.")


def test_day_value_drops_the_part_of_day_only() -> None:
    assert day_value("2025-06-10TNI") == "2025-06-10"
    assert day_value("2025-06-10T10:35") == "2025-06-10T10:35"
    assert day_value("2025-W24") == "2025-W24"


def test_an_event_dated_by_a_part_of_day_gets_the_plain_day(spacy_nlp: object) -> None:
    from detente.timex.dating import _as_date

    t = TimeMention(
        "d", 0, 17, "Tuesday afternoon", "2025-06-10TAF", "day", "DATE", "2025-06-10", "2025-06-10"
    )
    d = _as_date(t, "explicit")
    assert (d.value, d.start, d.end) == ("2025-06-10", "2025-06-10", "2025-06-10")


@pytest.mark.parametrize(
    ("sentence", "extent", "value"),
    [
        ("Parliament passed the budget for the coming fiscal year.", "the coming fiscal year", "FY2026"),
        ("Spending fell in the last fiscal year.", "the last fiscal year", "FY2024"),
        ("The deadline is the end-of-the-year summit.", "end-of-the-year", "2025"),
        ("Will it come after the New Year?", "New Year", "2026-01-01"),
        ("We cannot comment at this time.", "at this time", "PRESENT_REF"),
    ],
)
def test_fiscal_years_year_end_new_year_and_present(sentence: str, extent: str, value: str) -> None:
    assert _found(sentence)[extent][0] == value


def test_fiscal_year_after_october_is_the_next_one() -> None:
    assert _found("This fiscal year looks tight.", dt.date(2025, 11, 3))["This fiscal year"][0] == "FY2026"


def test_another_calendars_new_year_is_not_january_first() -> None:
    assert "New Year" not in _found("Families gathered for the Lunar New Year.")


@pytest.mark.parametrize(
    ("sentence", "value"), [("Tests resumed since May.", "2019-05"), ("Exports rose since July.", "2019-07")]
)
def test_since_a_month_looks_back_even_when_a_near_one_is_ahead(sentence: str, value: str) -> None:
    # published 18 December: "since May" began in the May before, not the one to come
    assert [t.value for t in extract(sentence, DEC) if t.text in ("May", "July")] == [value]


def test_normalize_reads_an_age_on_its_own() -> None:
    t = normalize("a 12-year-old", "2025-06-11")
    assert t is not None and (t.value, t.type) == ("P12Y", "DURATION")


def test_the_previous_year_counts_from_the_last_date_mentioned() -> None:
    found = _found("In July, officers said raids had doubled over the previous year.", dt.date(2025, 3, 14))
    assert found["July"][0] == "2024-07"
    assert found["the previous year"][0] == "2023"


def test_an_approximate_amount_later_is_a_duration_but_an_exact_one_is_a_date() -> None:
    found = _found("The siege began in 2004. Nearly two decades later, the case reopened.")
    assert found["Nearly two decades later"] == ("P20Y", "DURATION")
    assert _found("The siege began in 2004. Two years later, it ended.")["Two years later"] == (
        "2006",
        "DATE",
    )
