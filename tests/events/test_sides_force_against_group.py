"""A force sent into a state to fight an armed group is aimed at the group."""

from __future__ import annotations

from tests.events.helpers import sides as _sides


def test_troops_sent_into_a_state_to_fight_a_group_are_aimed_at_the_group() -> None:
    text = ("Al-Shabaab militants attacked a Kenyan army base on Monday. "
            "Kenya sent soldiers into Somalia in 2011 to combat the militants.")
    assert (["KEN"], ["org:al-shabaab"]) in _sides(text, "MOBILIZE")


def test_troops_sent_into_a_state_to_protect_civilians_stay_aimed_at_that_state() -> None:
    text = "Kenya sent soldiers into Somalia in 2011 to protect civilians."
    assert (["KEN"], ["SOM"]) in _sides(text, "MOBILIZE")
