"""A relative is not the person named as the possessor ("Sokolov's daughter"); an apposed
bare given name ("Sokolov's daughter Maria") is the person of the story it starts."""

from __future__ import annotations

from tests.events.helpers import sides as _sides

INTRO = "Jailed Russian activist Ivan Sokolov has been held for two years. "


def test_an_apposed_given_name_is_the_person_named_in_full() -> None:
    text = INTRO + ("Sokolov's daughter Maria met with U.S. lawmakers in Washington on Tuesday. "
                    "Maria Sokolova said her father was ill.")
    assert (["person:maria-sokolova"], ["USA"]) in _sides(text, "CONSULT", asserted_only=False)


def test_a_relative_is_not_the_possessor() -> None:
    text = INTRO + "Sokolov's daughter met with U.S. lawmakers in Washington on Tuesday."
    assert all(not any("sokolov" in a for a in s) for s, _ in _sides(text, "CONSULT", asserted_only=False))
