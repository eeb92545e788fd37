"""Legislators named by a party label that belongs to one state are that state's."""

from __future__ import annotations

from detente.pipeline import process_text


def test_republican_lawmakers_act_for_the_united_states() -> None:
    x = process_text("Republican lawmakers praised Japan for its strong stance.", published="2025-03-12")
    assert any(e.type == "SUPPORT" and e.source == ["USA"] for e in x.events)


def test_a_label_on_a_noun_that_names_no_legislator_is_no_state() -> None:
    x = process_text("Republican ideas praised Japan for its strong stance.", published="2025-03-12")
    assert not any(e.source == ["USA"] for e in x.events)
