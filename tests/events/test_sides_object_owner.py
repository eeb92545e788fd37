"""The side an entry's own object gives: "expelled two Russian diplomats" falls on Russia."""

from __future__ import annotations

from detente.events import EventStage
from tests.events.helpers import find, run


def test_the_nationality_of_a_constrained_object_is_the_target(stage: EventStage) -> None:
    e = find(run(stage, "Japan expelled two Russian diplomats on Monday."), "SANCTION")
    assert (e.source, e.target) == (["jpn"], ["rus"])


def test_the_possessor_of_a_constrained_object_is_the_target(stage: EventStage) -> None:
    e = find(run(stage, "Japan expelled Russia's diplomats on Monday."), "SANCTION")
    assert (e.source, e.target) == (["jpn"], ["rus"])


def test_the_subjects_own_object_is_no_target(stage: EventStage) -> None:
    e = find(run(stage, "Japan expelled two Japanese diplomats on Monday."), "SANCTION")
    assert e.target == []


def test_a_named_addressee_wins_over_the_objects_maker(stage: EventStage) -> None:
    e = find(run(stage, "Russia sold Chinese missiles to Iran."), "AID")
    assert e.target == ["irn"]
