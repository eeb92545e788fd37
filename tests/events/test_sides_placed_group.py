"""A definite armed group with an "in <place>" phrase is the group already told; a bare placed one is another."""

from __future__ import annotations

from tests.events.helpers import sides

TOLD = "Al-Shabab militants attacked a base in Kenya on Monday, killing 20 soldiers. "


def test_the_militants_in_a_capital_are_the_told_group() -> None:
    text = TOLD + "Last year Japan negotiated with the militants in Qatar's capital, Doha, to free two aid workers."
    assert any(source == ["JPN"] and any("shabaab" in t for t in target) for source, target in sides(text, "CONSULT")), \
        sides(text, "CONSULT")


def test_bare_militants_placed_elsewhere_are_others() -> None:
    text = TOLD + "Last year Japan negotiated with militants in Qatar to free two aid workers."
    assert all(not any("shabaab" in t for t in target) for _, target in sides(text, "CONSULT"))
