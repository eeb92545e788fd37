"""An exercise or drill is held by whoever takes part in it (words.yaml `exercise_types`)."""

from __future__ import annotations

from detente.events import EventStage
from tests.events.helpers import of_type, run


def test_who_takes_part_in_an_exercise_holds_it(stage: EventStage) -> None:
    found = of_type(run(stage, "Russian warships sailed near Japan during naval drills on Monday."), "MOBILIZE")
    assert [e.source for e in found] == [["rus"]]


def test_a_passive_subject_holds_nothing(stage: EventStage) -> None:
    found = of_type(run(stage, "Russian warships were spotted near Japan during naval drills on Monday."), "MOBILIZE")
    assert all(e.source != ["rus"] for e in found)
