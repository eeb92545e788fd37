"""Dating: a relative clause on a dated event noun ("the 2004 bombing that killed ...") shares the noun's time."""

from __future__ import annotations

from tests.events.helpers import events_of


def test_relative_clause_on_dated_event_noun_under_a_verb() -> None:
    events = events_of(
        "A court in Tokyo opened hearings on Monday over the 2019 attack on a Japanese embassy "
        "that killed two Chinese diplomats.",
        "2026-11-20",
    )
    assert [e.date.value for e in events if e.type == "ASSAULT"] == ["2019"]
