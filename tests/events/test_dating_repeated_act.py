"""Dating: an act told with coordinated times ("in 2023 and again in January") is one event per time."""

from __future__ import annotations

from tests.events.helpers import events_of, of_type


def test_coordinated_times_give_one_event_each() -> None:
    events = of_type(events_of("Japan imposed sanctions on Russia in 2022 and again in February.", "2026-03-10"),
                     "SANCTION")
    assert sorted(e.date.value for e in events) == ["2022", "2026-02"]
    assert len({e.id for e in events}) == 2


def test_time_and_place_give_one_event() -> None:
    events = of_type(events_of("Japan imposed sanctions on Russia in 2022 in Tokyo.", "2026-03-10"), "SANCTION")
    assert [e.date.value for e in events] == ["2022"]
