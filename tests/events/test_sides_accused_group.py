"""A told group ("the insurgent group") right after an armed group was accused is that
group, not the story's latest attacker; denying involvement answers the accuser."""

from __future__ import annotations

from tests.events.helpers import sides as _sides

STORY = ("Islamic State claimed an attack on a mosque in Kabul last year. "
         "The Afghan ministry accused the Taliban of staging the blast at the school. "
         "It was one of the deadliest attacks this year. "
         "The insurgent group denied involvement.")


def test_the_told_group_is_the_group_just_accused() -> None:
    assert [s for s, _ in _sides(STORY, "REJECT", asserted_only=False)] == [["org:taliban"]]


def test_a_told_group_with_no_accusation_before_is_the_attacker() -> None:
    text = ("Islamic State militants attacked a mosque in Kabul on Friday. "
            "The insurgent group later threatened more attacks on the city.")
    assert all("org:islamic-state" in s for s, _ in _sides(text, "THREATEN", asserted_only=False))


def test_denying_involvement_answers_the_latest_accuser() -> None:
    assert (["org:taliban"], ["AFG"]) in _sides(STORY, "REJECT", asserted_only=False)


def test_a_told_group_matched_to_a_states_unit_is_the_storys_attacker() -> None:
    text = ("Baloch Liberation Army militants attacked a train in Balochistan on Tuesday. "
            "Pakistan's Special Services Group commandos freed the passengers on Wednesday. "
            "The group has long opposed Chinese projects in the region.")
    assert (["org:bla"], ["CHN"]) in _sides(text, "REJECT", asserted_only=False)
