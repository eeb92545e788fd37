"""An agentless coercive act told with its place was done by that place's state; "the country" is the story's state."""

from __future__ import annotations

from tests.events.helpers import sides


def test_a_detention_told_with_its_place_is_that_states() -> None:
    assert any(s == ["IRN"] for s, _ in sides("Two Americans were detained in Tehran last week.", "COERCE", asserted_only=False))


def test_the_place_inside_a_place_phrase_counts() -> None:
    text = "Two Americans have been held in solitary confinement in Tehran since 2023."
    assert any(s == ["IRN"] for s, _ in sides(text, "COERCE", asserted_only=False))


def test_the_countrys_forces_are_the_home_states() -> None:
    text = ("Somalia held elections in Somalia on Monday. Somalia's president said Somalia would not bow. "
            "Officials in Somalia said the country's security forces killed 50 al-Shabaab militants on Tuesday.")
    assert any(s == ["SOM"] for s, _ in sides(text, "ASSAULT", asserted_only=False))
