"""A threat whose content is a passive falls on that clause's subject."""

from __future__ import annotations

from tests.events.helpers import sides

TOLD = "Al-Shabab militants attacked a base in Kenya on Monday, and China and Japan condemned it. "


def test_warning_that_the_told_group_will_not_be_spared_targets_it() -> None:
    text = TOLD + "\"This changes the rules,\" Japanese army spokesman Ken Sato said, warning that the attackers would not be forgiven."
    found = sides(text, "THREATEN")
    assert any(any("shabaab" in t for t in target) for _, target in found), found
