"""An act its own side says it will do is announced: a threat (threats._reported_own)."""

from __future__ import annotations

import pytest

from detente.events import EventStage
from tests.events.helpers import of_type, run


@pytest.mark.parametrize("text", [
    "Russia said Ukraine will be punished by Russian forces.",
    "Russia said Ukraine will be crushed by Russian forces.",  # "crush": force against an armed side
])
def test_an_act_said_to_come_by_its_own_side_threatens(stage: EventStage, text: str) -> None:
    found = of_type(run(stage, text), "THREATEN")
    assert [(e.source, e.target, e.modality) for e in found] == [(["rus"], ["ukr"], "asserted")]


@pytest.mark.parametrize("text", [
    "Japan said North Korea will attack South Korea.",  # a third side's forecast
    "Russia said it would punish Ukraine.",  # a reported "would" tells a decision
])
def test_no_threat_from_a_forecast_or_a_decision(stage: EventStage, text: str) -> None:
    assert of_type(run(stage, text), "THREATEN") == []
