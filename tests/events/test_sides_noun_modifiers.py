"""An event noun's sides: coordinated state modifiers, and the phrases of a participle after it."""

from __future__ import annotations

from detente.events import EventStage
from detente.pipeline import process_text
from tests.events.helpers import find, run


def test_coordinated_modifiers_are_all_the_source(stage: EventStage) -> None:
    e = find(run(stage, "A South Korean and Chinese proposal for the European Union to scrap its tariffs drew "
                        "objections."), "REQUEST")
    assert (e.source, e.target) == (["kor", "chn"], ["eu"])


def test_a_participle_after_the_noun_names_whom_it_is_aimed_at() -> None:
    x = process_text("A Mexican proposal tabled last week for the U.N. Security Council to send monitors to Haiti "
                     "was debated on Tuesday.", published="2026-03-10")
    names = {a.id: a.name for a in x.actors}
    e = find(x.events, "REQUEST")
    assert ([names[a] for a in e.source], [names[a] for a in e.target]) == (
        ["Mexico"], ["United Nations Security Council"])


def test_the_agent_of_such_a_participle_is_no_party_to_talks(stage: EventStage) -> None:
    # the broker of talks is not one of the sides talking
    assert [e for e in run(stage, "Peace talks brokered by Washington have stalled since December.")
            if e.type == "CONSULT" and e.source == ["usa"]] == []
