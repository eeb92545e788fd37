"""A role held for a person or body ("a spokesman for X") acts for them."""

from __future__ import annotations

from tests.events.helpers import sides


def test_a_spokesman_for_a_leader_speaks_for_the_leader() -> None:
    found = sides("A spokesman for President Xi Jinping rejected the accusations by Japan on Monday.", "REJECT")
    assert found and found[0][0] and found[0][0][0].endswith("xi-jinping")


def test_a_spokeswoman_for_a_ministry_speaks_for_the_ministry() -> None:
    found = sides("A spokeswoman for the Chinese Foreign Ministry rejected the accusations by Japan on Monday.", "REJECT")
    assert found and found[0][0] and "ministry" in found[0][0][0]
