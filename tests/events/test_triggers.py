"""Triggers: which words are events, in which sense (and which are not).

One written sentence (or short story) per construction.  Actors come from the
small gazetteer of tests/events/helpers.py; tests that need the time stage run
the whole pipeline (``process_text``).
"""

from __future__ import annotations

import pytest

from detente.events import EventStage
from detente.pipeline import process_text
from tests.events.helpers import find, of_type, run, the_event, types


@pytest.mark.parametrize(
    "text",
    [
        "The visit demonstrated China's commitment.",  # "demonstrate" = show, not a protest
        "The estimates yielded 60 warheads.",  # "yield" = produce, not concede
    ],
)
def test_other_senses_are_notevents_of(stage: EventStage, text: str) -> None:
    assert not [e for e in run(stage, text) if e.type in ("PROTEST", "CONCEDE")]


@pytest.mark.parametrize(
    "text",
    [
        "The talks lasted two hours.",  # no actor: no event
        "China urged restraint.",  # a REQUEST needs an addressee
        "Trade with China grew.",  # structure, not an event
    ],
)
def test_no_event(stage: EventStage, text: str) -> None:
    assert run(stage, text) == []


def test_joint_only_entry_needs_two_participants(stage: EventStage) -> None:
    assert not [e for e in run(stage, "Trump talked about China.") if e.type == "CONSULT"]
    assert find(run(stage, "Trump and Xi talked for an hour."), "CONSULT").target == ["xi"]


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # a gerund subject states a principle, it reports no act
        ("Kim told Putin that helping Russia was a duty.", "AID"),
        # phrasal verbs have their own sense: giving up weapons is no gift
        ("Analysts say North Korea will never give up its weapons.", "AID"),
        # "return" without an object is travel
        ("Kim returned home from Russia on Friday.", "RETREAT"),
        ("Japan urged North Korea to return to talks.", "RETREAT"),
        # releasing images is no release of prisoners
        ("Japan released satellite images of the North Korean launch site.", "RETREAT"),
        # a negated "rule out" is no rejection
        ("Russia does not rule out cooperation with North Korea.", "REJECT"),
    ],
)
def test_other_senses_of_trigger_words_are_notevents_of(stage: EventStage, text: str, absent: str) -> None:
    events = run(stage, text)
    assert absent not in types(events), [(e.type, e.trigger) for e in events]


def test_phrasal_verb_entry_wins(stage: EventStage) -> None:
    e = find(run(stage, "North Korea gave up its missiles."), "RETREAT")
    assert e.mode == "disarm" and e.source == ["prk"]
    assert find(run(stage, "Russia returned the prisoners to Ukraine."), "RETREAT").target == ["ukr"]


@pytest.mark.parametrize(
    ("text", "source", "target"),
    [
        ("Xi told Kim that China's policy towards North Korea will not change.", ["xi"], ["kim"]),
        ("Putin said the friendship with North Korea can never be shaken.", ["putin"], ["prk"]),
    ],
)
def test_assurance_of_continuity_is_support(stage: EventStage, text: str, source: list[str], target: list[str]) -> None:
    e = find(run(stage, text), "SUPPORT")
    assert (e.source, e.target, e.modality) == (source, target, "asserted")


def test_continuity_needs_a_negated_change(stage: EventStage) -> None:
    assert "SUPPORT" not in types(run(stage, "Xi told Kim that China's policy towards North Korea will change."))


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Japan was alarmed by North Korea's missile launch on Sunday.", ["jpn"], ["prk"]),  # a passive
        ("The European Union is deeply concerned about China's military drills.", ["eu"], ["chn"]),  # "be" + adjective
        ("Washington said it was troubled by Beijing's support for Moscow.", ["usa"], ["chn"]),  # whose support
    ],
)
def test_displeasure_told_as_a_state_is_an_accusation(stage: EventStage, text: str, source: list[str],
                                                       target: list[str]) -> None:
    e = find(run(stage, text), "ACCUSE")
    assert (e.source, e.target, e.mode, e.modality) == (source, target, "disapprove", "asserted")


@pytest.mark.parametrize("text", [
    "Japan is deeply concerned about the economy.",  # no one is its cause
    "The dispute concerns China and Japan.",  # the active verb: a topic, not a displeasure
    "As far as Beijing is concerned, the matter is closed.",
    "The officials concerned met Kim in Pyongyang.",  # the participle names who is involved
])
def test_displeasure_needs_its_state_and_its_cause(stage: EventStage, text: str) -> None:
    assert "ACCUSE" not in types(run(stage, text))


STORY_OF_ZAMBIA = ("Zambia's parliament approved a bill extending the president's term on Monday, officials in "
                   "Lusaka said. Zambian opposition leaders denounced Zambia's government over the vote. ")


def test_a_foreign_displeasure_with_an_act_of_no_one_named_is_with_the_story_state() -> None:
    events = process_text(STORY_OF_ZAMBIA + "Japan is alarmed over the passage of the law.",
                          published="2021-04-14").events
    assert [(e.source, e.target) for e in events if e.type == "ACCUSE" and e.mode == "disapprove"] == [
        (["JPN"], ["ZMB"])]


def test_the_story_states_own_displeasure_names_no_one() -> None:
    events = process_text(STORY_OF_ZAMBIA + "Zambia's president is alarmed over the passage of the law.",
                          published="2021-04-14").events
    assert [e for e in events if e.type == "ACCUSE" and e.mode == "disapprove"] == []


def test_welcoming_a_withdrawal_is_support_not_hosting(stage: EventStage) -> None:
    found = [(e.type, e.source, e.target) for e in run(stage, "Japan welcomed the pullout of Russian troops on Monday.")]
    assert found == [("SUPPORT", ["jpn"], ["rus"])]


def test_tariff_cut_is_a_retreat(stage: EventStage) -> None:
    e = find(run(stage, "The United States will lower the tariff on Chinese imports."), "RETREAT")
    assert (e.source, e.target, e.modality) == (["usa"], ["chn"], "future")


@pytest.mark.parametrize("text, events_wanted", [
    ("Protesters in Santiago threw rocks at Argentine diplomats on Friday.", 1),
    ("The pitcher threw the ball at the Argentine batter.", 0),  # no stones, bottles or bricks
])
def test_throwing_stones_is_a_violent_protest(text: str, events_wanted: int) -> None:
    events = process_text(text, published="2026-03-10").events
    riots = [e for e in events if e.type == "PROTEST" and e.mode == "riot"]
    assert len(riots) == events_wanted
    for e in riots:
        assert (e.source, e.target) == (["CHL"], ["ARG"])


@pytest.mark.parametrize("text, etype, count", [
    # a situation that threatens is no threat
    ("Analysts said that China's cooperation with North Korea directly threatens European security.", "THREATEN", 0),
    ("Russia threatened Ukraine with new strikes on Monday.", "THREATEN", 1),
    # a time is no prepositional argument
    ("Qatar's emir launched a mediation effort on Saturday between the Emirates and Saudi Arabia.", "ASSAULT", 0),
    ("North Korean troops fired on South Korean guard posts on Tuesday.", "ASSAULT", 1),
])
def test_what_is_no_act(text: str, etype: str, count: int) -> None:
    assert len(of_type(process_text(text, published="2026-03-10").events, etype)) == count


@pytest.mark.parametrize("text, modality", [
    ("The alliance strengthens North Korea's position, enabling it to exert pressure on Russia.", "hypothetical"),
    ("North Korea exerted pressure on Russia in May.", "asserted"),
])
def test_an_ability_given_is_no_act(text: str, modality: str) -> None:
    assert the_event(text, "COERCE").modality == modality


@pytest.mark.parametrize("text, etype", [
    ("Japan denied visas to Chinese officials on Monday.", "SANCTION"),
    ("Russia denied the accusations made by Ukraine.", "REJECT"),
])
def test_denying_entry_is_a_sanction(text: str, etype: str) -> None:
    events = process_text(text, published="2026-03-10").events
    assert [e.type for e in events] == [etype]
