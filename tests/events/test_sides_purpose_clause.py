"""An act with no target of its own is aimed at whom its purpose clause acts on."""

from __future__ import annotations

from tests.events.helpers import sides


def test_negotiating_to_import_from_a_state_targets_it() -> None:
    assert (["GHA"], ["UKR"]) in sides("Officials in Ghana say they are negotiating to buy wheat and seed from Ukraine.", "CONSULT")


def test_tests_in_an_effort_to_pressure_a_state_target_it() -> None:
    text = ("North Korea has raised tensions by conducting nine rounds of rocket tests since March "
            "in an effort to pressure Japan to lift its sanctions.")
    assert (["PRK"], ["JPN"]) in sides(text, "MOBILIZE")


def test_an_actor_inside_the_purpose_object_is_not_the_target() -> None:
    text = "Kenya deployed more troops on Monday to watch the warehouses of Chinese firms."
    assert all("CHN" not in target for _, target in sides(text, "MOBILIZE", asserted_only=False))
