"""Modality: a verb that judges a known act in a small clause ("consider the withdrawal a good step")."""

from __future__ import annotations

from detente.events import EventStage
from tests.events.helpers import find, run


def test_judged_definite_act_is_asserted(stage: EventStage) -> None:
    events = run(stage, "Japan considers the withdrawal of troops by Russia from Ukraine a good step.")
    assert find(events, "RETREAT").modality == "asserted"


def test_deliberated_act_stays_hypothetical(stage: EventStage) -> None:
    events = run(stage, "Japan is considering sanctions against Russia.")
    assert find(events, "SANCTION").modality == "hypothetical"


def test_hedge_on_a_definite_act_names_it(stage: EventStage) -> None:
    events = run(stage, "The biggest worry? Probably the Russian attack on Ukraine.")
    assert find(events, "ASSAULT").modality == "asserted"


def test_hedge_on_a_verb_stays_hypothetical(stage: EventStage) -> None:
    events = run(stage, "Russia will probably attack Ukraine.")
    assert find(events, "ASSAULT").modality in ("hypothetical", "future")
    assert find(events, "ASSAULT").modality != "asserted"
