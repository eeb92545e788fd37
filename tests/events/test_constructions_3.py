"""Constructions of the second quality pass (issue #6), one written sentence each.

Actors come from the small gazetteer of tests/events/helpers.py unless a test
needs the time stage, in which case the whole pipeline runs (`process_text`).
"""

from __future__ import annotations

import pytest
from helpers import make_ctx

from detente.events import EventStage
from detente.model import Actor, ActorMention, Event
from detente.pipeline import process_text


def run(stage: EventStage, text: str) -> list[Event]:
    ctx = make_ctx(text)
    stage(ctx)
    return ctx.events


def types(events: list[Event]) -> list[str]:
    return sorted(e.type for e in events)


def find(events: list[Event], etype: str) -> Event:
    hits = [e for e in events if e.type == etype]
    assert hits, f"no {etype} in {[(e.type, e.trigger) for e in events]}"
    return hits[0]


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
def test_other_senses_are_not_events(stage: EventStage, text: str, absent: str) -> None:
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
    ("text", "etype", "modality"),
    [
        # a negated negative governor leaves the act open
        ("Russia does not rule out cooperation with North Korea.", "COOPERATE", "hypothetical"),
        ("Russia ruled out cooperation with North Korea.", "COOPERATE", "negated"),
        # a time modifier of the event noun or of its container
        ("The next round of talks between Japan and China opens in Tokyo.", "CONSULT", "future"),
        ("Officials prepared the upcoming summit between Xi and Putin.", "CONSULT", "future"),
        # "probably" is speculation
        ("Kim will probably visit Russia.", "CONSULT", "hypothetical"),
    ],
)
def test_second_pass_modality(stage: EventStage, text: str, etype: str, modality: str) -> None:
    assert find(run(stage, text), etype).modality == modality


def test_stance_verb_object_is_the_subjects_act(stage: EventStage) -> None:
    e = find(run(stage, "Russia does not rule out cooperation with North Korea."), "COOPERATE")
    assert (e.source, e.target) == (["rus"], ["prk"])


def test_tariff_cut_is_a_retreat(stage: EventStage) -> None:
    e = find(run(stage, "The United States will lower the tariff on Chinese imports."), "RETREAT")
    assert (e.source, e.target, e.modality) == (["usa"], ["chn"], "future")


def test_commentators_do_not_threaten(stage: EventStage) -> None:
    text = "Analysts warned that Russia could attack Japan. Russia warned Japan."
    ctx = make_ctx(text)
    ctx.actors["group:analysts"] = Actor(id="group:analysts", name="analysts", kind="group")
    ctx.actor_mentions.append(ActorMention(actor="group:analysts", document="t", start=0, end=8, text="Analysts"))
    ctx.index_mentions()
    stage(ctx)
    threats = [e for e in ctx.events if e.type == "THREATEN"]
    assert [(e.source, e.target) for e in threats] == [(["rus"], ["jpn"])]


# --- with the time stage ---------------------------------------------------


def _events(text: str, published: str) -> list[Event]:
    return process_text(text, published=published).events


def test_days_after_a_dated_governor() -> None:
    events = _events(
        "Xi held talks with Kim in Beijing on Thursday.\n\n"
        "The talks came a day after Kim stood beside Xi at a military parade in Beijing.",
        "2025-09-05",
    )
    parade = find(events, "MOBILIZE")
    assert parade.date.value == "2025-09-03"


def test_when_clause_takes_the_time_told_after_it() -> None:
    events = _events(
        "When Xi last visited North Korea, in June 2019, China called on North Korea to hold talks.",
        "2026-06-09",
    )
    assert find(events, "CONSULT").date.value == "2019-06"


def test_since_phrase_does_not_date_a_first_trip() -> None:
    events = _events("Xi will visit North Korea in June. It will be his first trip to Pyongyang since 2019.", "2026-05-29")
    assert [e.date.value for e in events if e.type == "CONSULT"] == ["2026-06"]


def test_visits_in_both_directions_are_two_events() -> None:
    events = _events("Trump will visit China in April. Xi will later come to the United States.", "2025-10-30")
    consults = [(e.source, e.modality) for e in events if e.type == "CONSULT"]
    assert len(consults) == 2, consults


def test_joint_act_without_actors_takes_the_meetings_date() -> None:
    events = _events("Xi will visit North Korea in June, the Chinese foreign ministry said.\n\nNo joint statement is expected.", "2026-05-29")
    agree = find(events, "AGREE")
    assert (agree.modality, agree.date.value) == ("negated", "2026-06")


def test_own_possession_is_no_target(stage: EventStage) -> None:
    # "its firms" are the subject's own; "Japan's efforts" name the target
    assert find(run(stage, "China vowed to protect the rights of its firms in Japan."), "AID").target == []
    assert find(run(stage, "China praised Japan's efforts to improve its record."), "SUPPORT").target == ["jpn"]


def test_light_verb_without_named_agent_takes_the_nouns_owner(stage: EventStage) -> None:
    # unnamed "leaders" open the organisation's summit; held in a city, it targets no state
    text = "Leaders opened the European Union's summit in Tokyo on Sunday."
    e = find(run(stage, text), "CONSULT")
    assert (e.source, e.target) == (["eu"], [])
