"""What an act "met with" is its reception, and the agent of a one-sided act's participle is its source."""

from __future__ import annotations

from detente.events import EventStage
from detente.pipeline import process_text
from tests.events.helpers import of_type, run


def test_the_agent_of_an_act_told_by_a_participle_does_it() -> None:
    x = process_text("An offensive launched by Nigeria against Boko Haram met with success.", published="2025-03-14")
    names = {a.id: a.name for a in x.actors}
    assert [([names[a] for a in e.source], [names[a] for a in e.target]) for e in x.events if e.type == "ASSAULT"] \
        == [(["Nigeria"], ["Boko Haram"])]
    assert [e for e in x.events if e.type == "CONSULT"] == []  # the offensive met no one


def test_a_policy_met_with_criticism_is_no_meeting(stage: EventStage) -> None:
    assert of_type(run(stage, "Japan's new policy met with criticism from China."), "CONSULT") == []


def test_people_meeting_with_people_still_meet(stage: EventStage) -> None:
    assert [e.source for e in of_type(run(stage, "Xi met with Putin in Beijing on Monday."), "CONSULT")] == [["xi"]]
