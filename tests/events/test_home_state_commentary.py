"""People with no office quoted at length (analysts) do not make a story about their state."""

from __future__ import annotations

from detente.pipeline import process_text


def test_a_quoted_foreign_analyst_does_not_outvote_the_story_state() -> None:
    text = ("Moroccan police detained five men on Monday. Morocco said the cell planned attacks. "
            "\"The threat is growing,\" said Dutch analyst Pieter Jansen. "
            "Jansen said the group recruits online. Jansen said it grows fast. "
            "Jansen added that the group spreads. Morocco's king praised the police. "
            "Authorities dismantled a second cell on Tuesday.")
    x = process_text(text, published="2025-03-12")
    second = [e for e in x.events if e.type == "COERCE" and "Tuesday" in e.mentions[0].text]
    assert all("NLD" not in e.source for e in second)
