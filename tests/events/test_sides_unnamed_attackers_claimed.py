"""Unnamed attackers told before any group is named are the group the story then says claimed the attack."""

from __future__ import annotations

from detente.pipeline import process_text
from tests.events.helpers import sides

LATER = " Hezbollah later claimed responsibility for the attack, which killed four guards."


def test_gunmen_are_the_group_that_claimed_the_attack() -> None:
    text = "Gunmen stormed a police station in northern Israel on Monday." + LATER
    assert any(any("hezbollah" in a for a in s) for s, _ in sides(text, "ASSAULT")), sides(text, "ASSAULT")


def test_without_a_claim_the_gunmen_stay_unnamed() -> None:
    # the group is named later, but denying a part in the attack is no claim of it
    text = ("Gunmen stormed a police station in northern Israel on Monday. "
            "Hezbollah later denied any role in the attack, which killed four guards.")
    assert all(not any("hezbollah" in a for a in s) for s, _ in sides(text, "ASSAULT"))


def test_gunmen_set_apart_by_their_own_words_are_not_the_claimant() -> None:
    text = "Gunmen from a rival clan stormed a police station in northern Israel on Monday." + LATER
    stormed = [e for e in process_text(text, published="2025-03-12").events if e.trigger.startswith("stormed")]
    assert all(not any("hezbollah" in a for a in e.source) for e in stormed), [(e.source, e.target) for e in stormed]
