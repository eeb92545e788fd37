"""A judgement in a comma "which" relative is on the act of the clause before it."""

from __future__ import annotations

from tests.events.helpers import sides


def test_praise_of_a_donation_targets_the_donor() -> None:
    text = "The deal came after Japan donated vaccines to Vietnam in March, which Vietnamese President To Lam described as a gesture of friendship."
    assert (["VNM"], ["JPN"]) in sides(text, "SUPPORT")


def test_a_restrictive_relative_is_not_read_as_a_judgement() -> None:
    text = "Japan donated the ships which Vietnam described as old."
    assert all(target != ["JPN"] for _, target in sides(text, "SUPPORT", asserted_only=False))
