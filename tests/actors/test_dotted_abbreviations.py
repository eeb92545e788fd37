"""States written as dotted abbreviations ("the C.A.R.", like "the U.S.") are found."""

from __future__ import annotations

from detente.pipeline import process_text


def test_a_dotted_state_abbreviation_names_the_state() -> None:
    x = process_text("The C.A.R. accused Chad of arming rebels on Monday.", published="2024-07-01")
    assert "CAF" in {m.actor for m in x.actor_mentions}


def test_the_short_abbreviation_of_islamic_state_names_the_group() -> None:
    x = process_text("U.S. forces carried out airstrikes against IS in Syria in December.", published="2025-03-12")
    assert "org:islamic-state" in {m.actor for m in x.actor_mentions}
