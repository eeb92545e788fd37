"""A demand told as what another must do (lexicon `modal_demand`): "X said Y must Z" is a REQUEST X -> Y."""

from __future__ import annotations

import pytest

from detente.events import EventStage
from tests.events.helpers import of_type, run


@pytest.mark.parametrize("text, source, target", [
    ("Japan said China must ensure the safety of its citizens.", ["jpn"], ["chn"]),
    ("Russia reiterated that Ukraine should do more for peace.", ["rus"], ["ukr"]),
    ("Japan said China needs to ensure the safety of its citizens.", ["jpn"], ["chn"]),  # a verb of obligation
    # an act of the lexicon demanded is demanded once
    ("Japan said China must lift the sanctions on its seafood.", ["jpn"], ["chn"]),
    ('"Pyongyang must stop its missile tests," South Korea declared on Monday.', ["kor"], ["prk"]),
])
def test_what_another_must_do_is_demanded_of_it(stage: EventStage, text: str, source: list[str],
                                                target: list[str]) -> None:
    found = [(e.source, e.target, e.modality) for e in of_type(run(stage, text), "REQUEST")]
    assert found == [(source, target, "asserted")]


@pytest.mark.parametrize("text", [
    "China said sanctions must be lifted.",  # a passive asks no one
    "Xi said China and Russia should talk more often.",  # the speaker's own side too: a proposal
    "Japan said China should know the risks of its policy.",  # a warning, not a demand
    "Japan said China will lift the sanctions.",  # no obligation
    "Japan said China has yet to respond to the request.",  # "has yet to": not an obligation
])
def test_no_demand_without_another_obliged(stage: EventStage, text: str) -> None:
    assert of_type(run(stage, text), "REQUEST") == []
