"""A dotted state abbreviation written without its final period ("the C.A.R is") is still the state."""

from __future__ import annotations

from detente.pipeline import process_text


def test_a_dotted_abbreviation_missing_its_final_period_names_the_state() -> None:
    x = process_text("Chad closed its border on Monday. The C.A.R is urging refugees to come home.", published="2024-07-01")
    assert "CAF" in {m.actor for m in x.actor_mentions}


def test_a_two_letter_word_with_inner_dots_is_left_alone() -> None:
    x = process_text("The A.B team met on Monday in a small town.", published="2024-07-01")
    assert not {m.actor for m in x.actor_mentions}
