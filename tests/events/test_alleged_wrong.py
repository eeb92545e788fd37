"""A wrong told of another (lexicon `alleged_wrong`): "X said Y committed war crimes" is an ACCUSE X -> Y."""

from __future__ import annotations

import pytest

from detente.events import EventStage
from tests.events.helpers import of_type, run


@pytest.mark.parametrize("text, source, target", [
    ("Ukraine said Russia committed war crimes near Kyiv.", ["ukr"], ["rus"]),
    ("Japan said China violated the fishing agreement.", ["jpn"], ["chn"]),
])
def test_a_wrong_told_of_another_accuses_them(stage: EventStage, text: str, source: list[str],
                                              target: list[str]) -> None:
    found = [(e.source, e.target) for e in of_type(run(stage, text), "ACCUSE")]
    assert found == [(source, target)]


@pytest.mark.parametrize("text", [
    "Japan said China did not violate the agreement.",  # denied
    "Ukraine said Russia carried out the attack on Monday.",  # an act attributed, no wrong named
    "Russia said it committed no crimes.",  # its own
])
def test_no_accusation_without_a_wrong_told_of_another(stage: EventStage, text: str) -> None:
    assert of_type(run(stage, text), "ACCUSE") == []


def test_both_sides_are_the_two_sides_of_the_act_just_told(stage: EventStage) -> None:
    text = "North Korea has been shelling South Korea for weeks, and Japan says both sides committed atrocities."
    found = [(e.source, e.target) for e in of_type(run(stage, text), "ACCUSE")]
    assert found == [(["jpn"], ["prk", "kor"])]
