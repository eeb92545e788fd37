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


def test_a_clause_told_days_after_another_is_its_day_shifted() -> None:
    # the anchor (May 20) tells the other act, the taking of office: the drills are three days later
    events = events_of(
        "Delegations attended the inauguration of the new president in Taipei on May 20. "
        "Three days after the president took office, China held military drills around Taiwan.",
        "2024-06-02",
    )
    assert find(events, "MOBILIZE").date.value == "2024-05-23"


def test_days_after_a_dated_noun() -> None:
    events = events_of("North Korea fired a missile toward Japan three days after the March 3 summit.", "2025-03-20")
    assert find(events, "ASSAULT").date.value == "2025-03-06"


def test_an_anchor_telling_this_act_is_its_day() -> None:
    # the anchor (Thursday) tells a meeting: the meeting told a day after the launch keeps it,
    # and the launch is the day before
    events = events_of(
        "Xi met Kim in Beijing on Thursday. Xi met Kim again a day after North Korea fired a missile toward Japan.",
        "2025-09-06",  # a Saturday: Thursday is 2025-09-04
    )
    assert find(events, "ASSAULT").date.value == "2025-09-03"
    meetings = [e for e in events if e.type == "CONSULT"]
    assert len(meetings) == 2 and {e.date.value for e in meetings} == {"2025-09-04"}


def test_a_clause_with_its_own_day_is_not_shifted() -> None:
    events = events_of("The new president was sworn in on May 20. On Monday, three days after the president "
                       "took office, China held military drills around Taiwan.", "2024-05-28")  # a Tuesday
    assert find(events, "MOBILIZE").date.value == "2024-05-27"
