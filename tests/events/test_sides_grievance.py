"""An accusation lodged with someone over another's act is against whoever did it (targets.accused_over)."""

from __future__ import annotations

from detente.events import EventStage
from tests.events.helpers import find, run


def test_a_complaint_lodged_with_a_third_side_is_against_the_doer(stage: EventStage) -> None:
    e = find(run(stage, "Japan complained to the European Union over Chinese missile tests."), "ACCUSE")
    assert (e.source, e.target) == (["jpn"], ["chn"])


def test_a_complaint_over_ones_own_loss_stays_with_the_addressee(stage: EventStage) -> None:
    e = find(run(stage, "Japan protested to China about the detention of Japanese citizens."), "ACCUSE")
    assert (e.source, e.target) == (["jpn"], ["chn"])
