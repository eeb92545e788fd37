"""Rejecting a charge told in a relative clause ("a charge X rejected") answers whoever made it."""

from __future__ import annotations

from tests.events.helpers import sides


def test_a_charge_rejected_in_a_relative_answers_the_accuser_of_the_sentence() -> None:
    text = "Japanese officials blamed China, accusing it of helping the rebels, a charge Beijing quickly rejected."
    assert (["CHN"], ["JPN"]) in sides(text, "REJECT")


def test_a_charge_set_beside_a_clause_is_that_clause_subject_s() -> None:
    text = ("Japan repeated the claim that the attack was planned by rebels with bases in China, "
            "a charge Chinese foreign ministry spokesperson Mao Ning rejected Thursday.")
    found = sides(text, "REJECT")
    assert any(target == ["JPN"] for _, target in found), found


def test_rejecting_accusations_while_responding_to_someone_answers_them() -> None:
    text = ("Japan's foreign ministry has accused China of lying. A spokesman for President Xi Jinping rejected "
            "the charges while responding to the remarks by the Russian president.")
    found = sides(text, "REJECT")
    assert any(target and "putin" in target[0] for _, target in found), found
