"""A sanction or threat told with its source only is aimed at the other state of the story's current pair."""

from __future__ import annotations

from detente.events import EventStage
from tests.events.helpers import find, run


def test_a_sanction_without_target_goes_to_the_other_side_of_the_pair(stage: EventStage) -> None:
    e = find(run(stage, "Japan accused China of spying on Monday. Japan also imposed new sanctions."), "SANCTION")
    assert (e.source, e.target) == (["jpn"], ["chn"])


def test_a_threat_without_target_goes_to_the_other_side_of_the_pair(stage: EventStage) -> None:
    e = find(run(stage, "Japan accused China of spying on Monday. Japan threatened to retaliate."), "THREATEN")
    assert (e.source, e.target) == (["jpn"], ["chn"])


def test_a_bare_government_acting_on_one_side_of_the_pair_is_the_other(stage: EventStage) -> None:
    text = "Japan accused China of spying on Monday. The government demanded that China release the men."
    events = [e for e in run(stage, text) if e.type == "REQUEST"]
    assert [(e.source, e.target) for e in events] == [(["jpn"], ["chn"])]


def test_an_indefinite_government_is_not_the_pairs(stage: EventStage) -> None:
    text = "Japan accused China of spying on Monday. A foreign government demanded that China release the men."
    requests = [e for e in run(stage, text) if e.type == "REQUEST"]
    assert requests and all(e.source != ["jpn"] for e in requests)
