"""A counted reference ("the two presidents") points back to the people named in the
sentence before when they are exactly that many, ahead of an older pair of the story."""

from __future__ import annotations

from tests.events.helpers import sides as _sides


def test_the_two_presidents_are_the_pair_just_named() -> None:
    text = ("Donald Trump met Xi Jinping in Beijing on Monday. "
            "Russian President Vladimir Putin is courting Xi. "
            "The two presidents are cooperating ever more closely on energy.")
    pairs = [sorted(s + t) for s, t in _sides(text, "COOPERATE", asserted_only=False)]
    assert ["person:vladimir-putin", "person:xi-jinping"] in pairs, pairs


def test_three_people_before_fall_back_to_the_storys_pair() -> None:
    text = ("Donald Trump met Xi Jinping in Beijing on Monday. "
            "Vladimir Putin said Trump and Xi had talked. "
            "The two presidents are cooperating ever more closely on energy.")
    pairs = [sorted(s + t) for s, t in _sides(text, "COOPERATE", asserted_only=False)]
    assert all("person:vladimir-putin" not in p for p in pairs), pairs
