"""Dating: a dateless past clause continues the month or year of the sentence just before it."""

from __future__ import annotations

from tests.events.helpers import events_of, find


def test_past_clause_continues_previous_month() -> None:
    events = events_of(
        "Xi met Kim in Beijing on Monday. The two sides have disagreed since a summit held in March. "
        "There, Kim asked Xi for more food aid. Xi rejected the request.",
        "2026-11-20",
    )
    assert find(events, "REQUEST").date.value == "2026-03"
    assert find(events, "REJECT").date.value == "2026-03"


def test_present_clause_keeps_the_story_moment() -> None:
    events = events_of(
        "Xi met Kim in Beijing on Monday. The two sides have disagreed since a summit held in March. "
        "Kim asks Xi for more food aid.",
        "2026-11-20",
    )
    assert find(events, "REQUEST").date.value != "2026-03"


def test_this_year_is_not_a_narrative_past() -> None:
    events = events_of(
        "Kim met Xi on Monday. The agency needs more money this year. Kim urged Xi to help.",
        "2026-11-20",
    )
    assert find(events, "REQUEST").date.value != "2026"


def test_other_paragraph_does_not_carry_its_month() -> None:
    events = events_of(
        "Kim met Xi on Monday. Border clashes in July killed dozens.\n\nXi rejected Kim's request.",
        "2026-11-20",
    )
    assert find(events, "REJECT").date.value != "2026-07"



def test_present_perfect_conjunct_keeps_the_story_moment() -> None:
    events = events_of(
        "Xi met Kim in Beijing on Monday. The two sides have disagreed since a summit held in March. "
        "Japan has criticized China and urged Russia to stay out.",
        "2026-11-20",
    )
    assert find(events, "REQUEST").date.value != "2026-03"


def test_past_clause_under_a_present_sentence_keeps_the_story_moment() -> None:
    events = events_of(
        "Xi met Kim in Beijing on Monday. Trade rose sharply in March. "
        "North Korea has come to rely on Russian oil since it attacked Ukraine.",
        "2026-11-20",
    )
    assert all(e.date.value != "2026-03" for e in events if e.type == "ASSAULT")
