"""Dating: a month the clause tells is narrowed to the day the story puts on a noun of the same act."""

from __future__ import annotations

from tests.events.helpers import events_of, of_type


def test_month_narrowed_to_the_day_of_the_same_act() -> None:
    events = events_of(
        "Russia deported two Japanese diplomats last month. "
        "Japan called the March 12 deportation of its envoys a breach of treaty.",
        "2026-04-20",
    )
    assert [e.date.value for e in of_type(events, "SANCTION") + of_type(events, "COERCE")
            if e.trigger == "deported"] == ["2026-03-12"]


def test_two_days_of_the_act_leave_the_month() -> None:
    events = events_of(
        "Russia deported two Japanese diplomats last month. "
        "Japan called the March 12 deportation and the March 19 deportation a breach of treaty.",
        "2026-04-20",
    )
    assert [e.date.value for e in of_type(events, "SANCTION") + of_type(events, "COERCE")
            if e.trigger == "deported"] == ["2026-03"]
