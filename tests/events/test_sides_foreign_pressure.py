"""A foreign state's sanction or threat told with no target presses the story's home state
(``home_pressure_types``); the home state's own, or one with its target named, is left alone."""

from __future__ import annotations

from tests.events.helpers import sides

STORY = ("Botswana's government said on Monday that Botswana would defend its hunting rules. "
         "Botswana is home to the largest elephant population, and Botswana earns millions from licensed hunts. "
         "Canada and Belgium have recently banned imports of hunting trophies. "
         "The United States warned that it would impose sanctions.")


def test_a_foreign_ban_with_no_target_falls_on_the_home_state() -> None:
    assert (["CAN", "BEL"], ["BWA"]) in sides(STORY, "SANCTION")


def test_a_foreign_threat_with_no_target_falls_on_the_home_state() -> None:
    assert (["USA"], ["BWA"]) in sides(STORY, "THREATEN", asserted_only=False)


def test_the_home_states_own_ban_gets_no_target_from_it() -> None:
    story = STORY.replace("Canada and Belgium have recently banned", "Botswana has recently banned")
    assert all(target != ["BWA"] for _, target in sides(story, "SANCTION"))


def test_a_named_target_stays() -> None:
    story = STORY + " Canada also imposed sanctions on Russia."
    assert (["CAN"], ["RUS"]) in sides(story, "SANCTION")
