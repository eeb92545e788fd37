"""A sentence-opening personal pronoun: the previous sentence's subject, never its own conjunct."""

from __future__ import annotations

from tests.events.helpers import sides


def test_she_opening_a_sentence_is_the_previous_role_subject() -> None:
    text = "The UNICEF director told reporters her agency was short of funds. She and Guterres both urged the council to press Russia."
    found = sides(text, "REQUEST")
    assert any("org:unicef" in source for source, _ in found), found


def test_a_pronoun_is_not_its_own_conjunct() -> None:
    text = ("Tom Fletcher spoke to the council. The UNICEF director told reporters her agency was short of funds. "
            "She and Fletcher both urged the council to press Russia.")
    found = sides(text, "REQUEST")
    assert found and all(source != ["person:tom-fletcher"] for source, _ in found), found
