"""Dating: the story's narrative day is a clause's own time, not a time on a noun of the same sentence."""

from __future__ import annotations

from tests.events.helpers import events_of, find


def test_context_skips_a_time_on_a_noun() -> None:
    events = events_of(
        "Xi on Sunday praised the pullout of Russian troops, as the toll of the previous day's blasts rose. "
        "\u201cWe urge Russia to leave Ukraine,\u201d said Xi.",
        "2026-05-10",  # a Sunday
    )
    assert find(events, "REQUEST").date.value == "2026-05-10"
