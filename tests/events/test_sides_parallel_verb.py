"""A verb repeating the governing verb, hung by the parser on a relative clause, has the governing subject."""

from __future__ import annotations

from tests.events.helpers import sides

TEXT = ("Police in Kenya said they killed four gunmen who stormed a school in the town "
        "and later killed 20 al-Shabab militants in airstrikes.")


def test_the_second_killing_is_the_police_s() -> None:
    found = sides(TEXT, "ASSAULT")
    assert any(source == ["KEN"] and any("shabaab" in t for t in target) for source, target in found), found


def test_a_different_verb_in_the_relative_clause_keeps_the_relative_subject() -> None:
    text = "Police in Kenya said they arrested four gunmen who stormed a school and killed 20 pupils."
    found = sides(text, "ASSAULT")
    assert all(source != ["KEN"] for source, _ in found), found
