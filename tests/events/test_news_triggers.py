"""Common news verbs and nouns the lexicon codes, and which entry wins when several fit."""

from __future__ import annotations

import pytest

from detente.events import EventStage
from detente.events.lexicon import load_lexicon
from tests.events.helpers import run


@pytest.mark.parametrize("text, etype, source, target", [
    # a warning about what someone's act will do is an alarm about them ...
    ("Japan warned that Russia's actions would divide Ukraine.", "ACCUSE", ["jpn"], ["rus"]),
    # ... a warning of one's own act, or of a response to come, is a threat
    ("Japan warned Russia of severe consequences.", "THREATEN", ["jpn"], ["rus"]),
    ("Japan barred the Russian envoy from entering the country.", "SANCTION", ["jpn"], ["rus"]),
    ("Russia launched missiles at Ukraine.", "ASSAULT", ["rus"], ["ukr"]),
    ("Japan sent peacekeepers to Ukraine.", "MOBILIZE", ["jpn"], ["ukr"]),
    ("Russia laid siege to Ukraine's second city.", "ASSAULT", ["rus"], None),
    ("Russia destroyed Ukraine's air force.", "ASSAULT", ["rus"], ["ukr"]),
    # the parser may read "by phone" after an active verb as a passive's agent
    ("South Korean President Lee Jae-myung and Chinese President Xi Jinping spoke by phone late last year.",
     "CONSULT", ["lee"], ["xi"]),
    # the senses the exclusions below leave standing: demands met, a briefing of a state, a pledge
    ("China met North Korea's demands for more food aid.", "CONCEDE", ["chn"], ["prk"]),
    ("Japan briefed Russia.", "CONSULT", ["jpn"], ["rus"]),
    ("Japan committed $5 billion to Ukraine.", "AGREE", ["jpn"], ["ukr"]),
])
def test_news_trigger(stage: EventStage, text: str, etype: str, source: list[str], target: list[str] | None) -> None:
    found = [(e.type, e.source, e.target) for e in run(stage, text)]
    assert any(t == etype and s == source and (target is None or g == target) for t, s, g in found), found


@pytest.mark.parametrize("text, etype", [
    ("Japan warned that it would retaliate.", "THREATEN"),
    ("Russia launched a missile on Monday.", "MOBILIZE"),  # a launch with no aim is a test
])
def test_not_the_other_sense(stage: EventStage, text: str, etype: str) -> None:
    found = [e.type for e in run(stage, text)]
    assert found and found[0] == etype, found


def test_the_most_constrained_fitting_entry_is_tried_first() -> None:
    entries = load_lexicon().verbs["launch"]
    fitting = [e for e in entries if "missile" in e.objects]
    assert fitting[0].type == "ASSAULT" and fitting[0].preps  # object + aim before object alone


def test_what_is_said_in_a_phone_call_is_the_call(stage: EventStage) -> None:
    found = [(e.type, e.source, e.target) for e in run(stage, "Xi said in a phone call with Putin that ties were strong.")]
    assert ("CONSULT", ["xi"], ["putin"]) in found, found


@pytest.mark.parametrize("text", [
    "Japan was charging 25% more for electricity sent to Russia.",
    "An emergency was declared at the hospital in Tokyo.",
])
def test_a_price_or_a_medical_emergency_is_no_event(stage: EventStage, text: str) -> None:
    assert [e.type for e in run(stage, text) if e.type in ("ACCUSE", "COERCE")] == []


@pytest.mark.parametrize("text, etype, target", [
    ("Japan called the Russian move illegal.", "ACCUSE", ["rus"]),
    ("Japan described the Chinese donation as a gesture of friendship.", "SUPPORT", ["chn"]),
])
def test_a_judgement_of_someone_is_coded_by_its_words(stage: EventStage, text: str, etype: str, target: list[str]) -> None:
    found = [(e.type, e.source, e.target) for e in run(stage, text)]
    assert (etype, ["jpn"], target) in found, found


def test_a_call_on_someone_stays_a_request(stage: EventStage) -> None:
    assert [e.type for e in run(stage, "Japan called on Russia to withdraw.")][0] == "REQUEST"


@pytest.mark.parametrize("text, etype", [
    # meeting a need is no meeting; briefing the press is none either
    ("Russia would turn to China to meet its defense requirements.", "CONSULT"),
    ("Japan met its emissions target on Monday.", "CONSULT"),
    ("Japan briefed reporters on Monday.", "CONSULT"),
    # committing a crime is no commitment, nor is a participle's noun ("crimes committed by X")
    ("Russia committed war crimes in Ukraine.", "AGREE"),
    ("Ukraine investigated crimes committed by Russian forces.", "AGREE"),
])
def test_the_word_in_this_sense_is_no_such_event(stage: EventStage, text: str, etype: str) -> None:
    assert [e.type for e in run(stage, text) if e.type == etype] == []
