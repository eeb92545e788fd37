"""A foreign side's struggle with no opponent named hits no one; an armed group's release of
hostages, with no target named, falls on the home state."""

from __future__ import annotations

from tests.events.helpers import sides as _sides


def test_a_foreign_struggle_for_a_cause_is_no_attack_on_the_home_state() -> None:
    text = ("The United States paused aid on Monday. Washington said the United States would review it. "
            "The delay harms Ukrainians, who are fighting for independence.")
    assert not any("USA" in t for _, t in _sides(text, "ASSAULT"))


def test_the_home_armys_fight_still_falls_on_the_group_told_attacking() -> None:
    text = ("Al-Shabaab militants attacked an army base in central Somalia on Monday. "
            "The Somali army fought for hours on Tuesday.")
    assert any(t == ["org:al-shabaab"] for _, t in _sides(text, "ASSAULT"))


def test_hostages_released_by_the_attacking_group_are_released_to_the_home_state() -> None:
    text = ("Baloch Liberation Army militants attacked a train in Pakistan on Tuesday. "
            "Pakistan's army said Pakistan would respond. "
            "The militants released dozens of women and children on Wednesday.")
    assert (["org:bla"], ["PAK"]) in _sides(text, "RETREAT")


def test_help_with_no_recipient_named_goes_to_the_home_state() -> None:
    text = ("Pakistan's army said Pakistan would respond. Pakistan asked for patience on Monday. "
            "The European Union was providing assistance to a million people.")
    assert any(t == ["PAK"] for _, t in _sides(text, "AID"))
