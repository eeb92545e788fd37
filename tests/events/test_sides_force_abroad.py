"""A force one state places in another is aimed at (sent to) that state."""

from __future__ import annotations

from tests.events.helpers import sides


def test_soldiers_arriving_in_another_state_target_it() -> None:
    assert sides("Additional French soldiers arrived in Mali on Tuesday to reinforce the mission.", "MOBILIZE") \
        == [(["FRA"], ["MLI"])]


def test_a_force_placed_at_home_gets_no_foreign_target() -> None:
    found = sides("French soldiers were deployed in Paris on Tuesday after the riots.", "MOBILIZE", asserted_only=False)
    assert found and all(target != ["MLI"] and "FRA" not in target[1:] for _, target in found)


def test_a_stateless_force_deployed_with_no_place_is_in_the_home_state() -> None:
    text = ("Rebels attacked ten villages in Kenya this week, Kenyan officials said. Kenya's army fought back on Tuesday. "
            "Forces of the United Nations have been deployed to protect civilians.")
    found = sides(text, "MOBILIZE")
    assert any(target == ["KEN"] for _, target in found), found
