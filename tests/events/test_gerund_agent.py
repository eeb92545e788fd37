"""The agent of a gerund hung from a clause by a preposition: the clause's subject, or its object."""

from __future__ import annotations

from detente.events import EventStage
from tests.events.helpers import run


def test_a_by_gerund_takes_the_subject_of_its_clause(stage: EventStage) -> None:
    events = run(stage, "Japan retaliated by imposing sanctions on Russia.")
    assert [(e.type, e.source, e.target) for e in events if e.type == "SANCTION"] == [("SANCTION", ["jpn"], ["rus"])]


def test_an_object_controls_the_gerund_before_the_subject(stage: EventStage) -> None:
    events = run(stage, "Ukraine accused Russia of attacking Japan.")
    assert [e.source for e in events if e.type == "ASSAULT"] == [["rus"]]
