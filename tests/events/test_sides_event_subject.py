"""Sources given through another phrase: an event noun's agent, a gerund adjunct's governing subject."""

from __future__ import annotations

from detente.events import EventStage
from tests.events.helpers import find, run


def test_an_event_noun_subject_acts_through_its_by_agent(stage: EventStage) -> None:
    events = run(stage, "Airstrikes by Russia killed 40 soldiers of Ukraine on Monday.")
    killed = [e for e in events if e.type == "ASSAULT" and e.trigger.startswith("killed")]
    assert killed and killed[0].source == ["rus"]


def test_an_event_noun_subject_acts_through_its_participle_agent(stage: EventStage) -> None:
    events = run(stage, "An offensive launched by Russia killed 40 soldiers of Ukraine.")
    killed = [e for e in events if e.type == "ASSAULT" and e.trigger.startswith("killed")]
    assert killed and killed[0].source == ["rus"]


def test_a_by_gerund_has_the_subject_of_the_verb_it_modifies(stage: EventStage) -> None:
    e = find(run(stage, "Japan responded by expelling Russia's diplomats."), "SANCTION")
    assert (e.source, e.target) == (["jpn"], ["rus"])


def test_destroying_armed_forces_is_an_assault(stage: EventStage) -> None:
    e = find(run(stage, "Russia responded by destroying Ukraine's air force."), "ASSAULT")
    assert (e.source, e.target) == (["rus"], ["ukr"])
