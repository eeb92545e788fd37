"""A collective noun ("a group of members of X") names its members."""

from __future__ import annotations

from tests.events.helpers import sides


def test_a_group_of_members_of_congress_is_its_members() -> None:
    found = sides("Three senators led a group of five other members of the U.S. House in calling on Japan to act.", "REQUEST")
    assert found and found[0][0] and found[0][1] == ["JPN"], found
