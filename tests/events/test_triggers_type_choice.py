"""Which PLOVER type a trigger gets when its object or preposition tells the sense,
and light verbs whose event noun the parser hides."""

from __future__ import annotations

import pytest

from detente.events import EventStage
from tests.events.helpers import run


@pytest.mark.parametrize("text, etype, source, target", [
    # a state's sovereignty or airspace violated is an attack; a deal violated is a rejection
    ("Russia violated the sovereignty of Ukraine again.", "ASSAULT", ["rus"], ["ukr"]),
    ("China violated the airspace of Japan on Monday.", "ASSAULT", ["chn"], ["jpn"]),
    ("Iran violated the agreement with Japan.", "REJECT", ["irn"], None),
    # money voted for someone is aid; voting for a text is an endorsement
    ("Japan voted $2 billion for Ukraine.", "AID", ["jpn"], ["ukr"]),
    ("Japan voted for the Chinese resolution.", "SUPPORT", ["jpn"], ["chn"]),
    # troops sent into a country go to fight there; troops sent to it help it
    ("Russia sent troops into Ukraine to fight the government.", "MOBILIZE", ["rus"], ["ukr"]),
    ("North Korea sent troops to Russia.", "AID", ["prk"], ["rus"]),
    # a light verb's object with a modified sense of its own: the sense is the event
    ("China imposed a trade ban on Japan.", "SANCTION", ["chn"], ["jpn"]),
    ("The United States granted sanctions relief to Iran.", "RETREAT", ["usa"], ["irn"]),
])
def test_type_follows_the_sense(stage: EventStage, text: str, etype: str, source: list[str],
                                target: list[str] | None) -> None:
    found = [(e.type, e.source, e.target) for e in run(stage, text)]
    assert any(t == etype and s == source and (target is None or g == target) for t, s, g in found), found


def test_the_other_sense_is_not_coded(stage: EventStage) -> None:
    assert "REJECT" not in [e.type for e in run(stage, "Russia violated the sovereignty of Ukraine again.")]
    assert "SUPPORT" not in [e.type for e in run(stage, "Japan voted $2 billion for Ukraine.")]
    assert "AID" not in [e.type for e in run(stage, "Russia sent troops into Ukraine to fight the government.")]


def test_event_noun_read_as_a_participle_subject_is_the_light_verbs_object(stage: EventStage) -> None:
    # the parser reads "drills encircling Taiwan" as a clause: the drills are still China's
    text = "China conducted the military drills encircling Japan on Monday. Experts discussed the drills."
    drills = [e for e in run(stage, text) if e.type == "MOBILIZE"]
    assert [e.source for e in drills] == [["chn"]], drills  # the later "the drills" is the same event


def test_relief_pressed_for_is_not_granted(stage: EventStage) -> None:
    text = "North Korea tested missiles to pressure the United States to grant sanctions relief."
    relief = [e for e in run(stage, text) if e.type == "RETREAT"]
    assert relief and all(e.modality != "asserted" for e in relief), relief


@pytest.mark.parametrize("text, etype", [
    ("Japan launched a mediation effort between China and Russia.", "CONSULT"),
    ("Japan undertook a mediation mission between China and Russia.", "CONSULT"),
])
def test_light_verb_object_named_by_its_compound(stage: EventStage, text: str, etype: str) -> None:
    found = [(e.type, e.source) for e in run(stage, text)]
    assert (etype, ["jpn"]) in found and "AGREE" not in [t for t, _ in found], found


def test_a_decision_about_an_act_is_not_the_act(stage: EventStage) -> None:
    assert "SANCTION" not in [e.type for e in run(stage, "Japan issued a string of tariff decisions on Monday.")]


def test_a_proposal_that_another_act_is_a_request_to_them(stage: EventStage) -> None:
    text = "Japan backed a Russian proposal for the European Union to lift sanctions on Iran."
    found = [(e.type, e.source, e.target) for e in run(stage, text)]
    assert ("REQUEST", ["rus"], ["eu"]) in found and "AGREE" not in [t for t, _, _ in found], found
