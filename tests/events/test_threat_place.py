"""A threat whose content places the act in another state is aimed at that state (targets.threatened_place)."""

from __future__ import annotations

from detente.pipeline import process_text


def threat_targets(text: str) -> list[list[str]]:
    return [e.target for e in process_text(text, published="2026-03-10").events if e.type == "THREATEN"]


def test_an_act_threatened_in_another_state_threatens_it() -> None:
    assert ["CYP"] in threat_targets("Hezbollah threatened on Monday to resume its activities in Cyprus.")


def test_an_act_threatened_at_home_threatens_no_one_there() -> None:
    assert all("RUS" not in t for t in threat_targets("Russia threatened to deploy missiles in Kaliningrad."))
