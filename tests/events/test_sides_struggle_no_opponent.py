"""A struggle told with no opponent is no assault when it is told as done; an announced one stays."""

from __future__ import annotations

from detente.events import EventStage
from tests.events.helpers import of_type, run


def test_fighting_for_a_cause_with_no_opponent_is_no_assault(stage: EventStage) -> None:
    assert of_type(run(stage, "Ukraine is still fighting for its freedom."), "ASSAULT") == []


def test_fighting_an_opponent_is_an_assault(stage: EventStage) -> None:
    e = of_type(run(stage, "Ukraine is fighting Russia in the east."), "ASSAULT")
    assert [(x.source, x.target) for x in e] == [(["ukr"], ["rus"])]


def test_a_struggle_vowed_is_kept_for_the_threat_it_makes(stage: EventStage) -> None:
    e = of_type(run(stage, "Ukraine vowed to fight until it wins."), "ASSAULT")
    assert [x.modality for x in e] == ["future"]
