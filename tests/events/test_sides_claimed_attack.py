"""A group claiming responsibility for an attack is the story's attacker: the home state's force falls on it."""

from __future__ import annotations

from tests.events.helpers import sides


def test_forces_killing_attackers_target_the_group_that_claimed_the_attack() -> None:
    text = ("Police in Kenya said they killed four gunmen who stormed a school in Garissa on Monday. "
            "Kenyan officials said the assault lasted six hours, and Kenya's interior minister visited the school. "
            "Al-Shabab claimed responsibility for the school attack on Tuesday.")
    found = sides(text, "ASSAULT")
    assert any(source == ["KEN"] and any("shabaab" in t for t in target) for source, target in found), found
