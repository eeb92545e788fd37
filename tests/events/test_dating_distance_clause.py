"""Dating: "a day after X reported ..." with the distance hung on the after-clause itself."""

from __future__ import annotations

from tests.events.helpers import events_of, find


def test_distance_on_the_after_clause_shifts_its_event() -> None:
    events = events_of(
        "Xi met Kim in Beijing on Friday. Kim made the remark a day after Beijing announced "
        "that it had expelled North Korean diplomats.",
        "2026-11-21",  # a Saturday: Friday is 2026-11-20
    )
    assert find(events, "SANCTION").date.value == "2026-11-19"
