"""A plural object pronoun points back to the list of actors earlier in its sentence
("tariffs on A, B and C to pressure them"), never to its own clause's subject."""

from __future__ import annotations

from tests.events.helpers import sides as _sides


def test_them_is_the_list_before_it() -> None:
    text = ("Donald Trump is keeping new tariffs on Japan, Russia and China to pressure them "
            "to block the flow of drugs, his adviser said.")
    targets = [t for _, t in _sides(text, "COERCE", asserted_only=False)]
    assert ["JPN", "RUS", "CHN"] in targets, targets


def test_them_is_not_the_listed_subject() -> None:
    text = "Japan and Russia imposed tariffs on steel to pressure them, Donald Trump said."
    targets = [t for _, t in _sides(text, "COERCE", asserted_only=False)]
    assert all("JPN" not in t and "RUS" not in t for t in targets), targets
