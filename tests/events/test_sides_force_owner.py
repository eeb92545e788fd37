"""A force's owner: placed in the home state, named by a pronoun owner, deployed in a passive."""

from __future__ import annotations

from tests.events.helpers import sides as _sides


def test_forces_placed_in_the_home_state_are_its_own() -> None:
    text = ("Security forces in Somalia said that they killed four militants during the night. "
            "Somalia's government said the siege was over. Somalia's president thanked the army.")
    assert any(s == ["SOM"] for s, _ in _sides(text, "ASSAULT"))


def test_forces_placed_in_another_state_stay_unread() -> None:
    told = "Somalia's president met officials in Mogadishu. Somalia's government praised Somalia's army. "
    act = "Troops in {} say they killed four attackers on Monday."
    # the same sentence placed in the home state is read as its forces: only the place differs
    assert any(s == ["SOM"] for s, _ in _sides(told + act.format("Somalia"), "ASSAULT"))
    assert not any(s == ["SOM"] for s, _ in _sides(told + act.format("Kenya"), "ASSAULT"))


def test_his_forces_are_those_of_the_officer_named_by_his_role() -> None:
    text = "The Afghan army chief told reporters that his forces killed 40 Taliban fighters in a raid."
    assert (["AFG"], ["org:taliban"]) in _sides(text, "ASSAULT")


def test_troops_deployed_in_a_passive_are_deployed_by_their_owner() -> None:
    assert any(s == ["KEN"] for s, _ in _sides("Kenyan troops were deployed to Somalia in 2011.", "MOBILIZE"))
