"""A domestic act (words.yaml `domestic_types`: PROTEST) with no one else named is aimed at the actors' own state."""

from __future__ import annotations

from detente.pipeline import process_text


def protests(text: str) -> list[tuple[list[str], list[str]]]:
    return [(e.source, e.target) for e in process_text(text, published="2026-03-10").events if e.type == "PROTEST"]


def test_a_protest_with_no_one_else_named_is_against_the_protesters_own_state() -> None:
    assert protests("Thousands of Chilean students marched in protest on Saturday.") == [(["CHL"], ["CHL"])]


def test_a_protest_against_another_state_keeps_it() -> None:
    assert protests("Iranian students protested against the United States outside the embassy on Sunday.") == [
        (["IRN"], ["USA"])]
