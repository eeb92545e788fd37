"""An armed group the actor base ties to the state it fights in is still the story's attacker."""

from __future__ import annotations

from tests.events.helpers import sides as _sides


def test_the_home_army_fights_the_group_told_attacking() -> None:
    text = ("Al-Shabaab militants attacked an army base in central Somalia on Monday. "
            "The Somali army killed 30 of the militants on Tuesday.")
    assert any(t == ["org:al-shabaab"] for _, t in _sides(text, "ASSAULT"))


def test_the_group_is_the_attacker_a_later_agentless_attack_belongs_to() -> None:
    text = ("Al-Shabaab militants attacked a hotel in central Somalia on Monday, officials said. "
            "Seven soldiers were killed in the siege.")
    assert all("org:al-shabaab" in s for s, _ in _sides(text, "ASSAULT"))


def test_militants_placed_on_a_states_soil_are_that_states() -> None:
    text = "Islamabad blamed last week's bombings on militants present on Afghan territory."
    assert (["PAK"], ["AFG"]) in _sides(text, "ACCUSE")
    # the land's owner named by a possessive
    text = "Islamabad blamed last week's bombings on militants present on Afghanistan's territory."
    assert (["PAK"], ["AFG"]) in _sides(text, "ACCUSE")


def test_militants_based_in_a_state_are_that_states() -> None:
    assert (["PAK"], ["AFG"]) in _sides("Pakistan accused militants based in Afghanistan of the attack.", "ACCUSE")
