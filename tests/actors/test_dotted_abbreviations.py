"""States written as dotted abbreviations ("the C.A.R.", like "the U.S.") are found."""

from __future__ import annotations

from detente.pipeline import process_text


def test_a_dotted_state_abbreviation_names_the_state() -> None:
    x = process_text("The C.A.R. accused Chad of arming rebels on Monday.", published="2024-07-01")
    assert "CAF" in {m.actor for m in x.actor_mentions}
