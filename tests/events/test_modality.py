"""Modality and attribution of events: negation, futures, hypotheticals, reported speech.

One written sentence (or short story) per construction.  Actors come from the
small gazetteer of tests/events/helpers.py; tests that need the time stage run
the whole pipeline (``process_text``).
"""

from __future__ import annotations

import pytest

from detente.events import EventStage
from detente.pipeline import process_text
from tests.events.helpers import find, of_type, run, the_event


def test_event_in_time_adjunct_is_presupposed(stage: EventStage) -> None:
    events = run(stage, "No agreements were signed by Russia during Xi's visit to Russia.")
    assert find(events, "CONSULT").modality == "asserted"
    assert find(events, "AGREE").modality == "negated"


@pytest.mark.parametrize(
    ("text", "etype", "modality"),
    [
        # asserted, including reported speech and REJECT itself
        ("Kim visited Russia last year.", "CONSULT", "asserted"),
        ("KCNA said Kim met Putin.", "CONSULT", "asserted"),
        ("Iran refused to meet the United States.", "REJECT", "asserted"),
        ("Kim pledged to support Russia.", "SUPPORT", "asserted"),
        # negated
        ("Iran refused to meet the United States.", "CONSULT", "negated"),
        ("Kim did not visit China.", "CONSULT", "negated"),
        ("Russia has never attacked Japan.", "ASSAULT", "negated"),
        ("No agreements were signed by China and Russia.", "AGREE", "negated"),
        ("Japan failed to meet China.", "CONSULT", "negated"),
        # hypothetical
        ("North Korea might attack South Korea.", "ASSAULT", "hypothetical"),
        ("A war could prompt Russia to attack Japan.", "ASSAULT", "hypothetical"),
        ("If China attacked Japan, the United States would respond.", "ASSAULT", "hypothetical"),
        ("The possibility of talks between Japan and China remains.", "CONSULT", "hypothetical"),
        ("Russia said it would reconsider its refusal to aid Iran.", "AID", "hypothetical"),
        # future / intended
        ("Xi will visit Seoul next month.", "CONSULT", "future"),
        ("China plans to impose sanctions on Japan.", "SANCTION", "future"),
        ("Russia is expected to attack Ukraine.", "ASSAULT", "future"),
        ("China said it would help North Korea.", "AID", "future"),
        ("Russia agreed to meet Japan.", "CONSULT", "future"),
        # prescriptive
        ("Europe should back sanctions against China.", "SUPPORT", "prescriptive"),
        ("Japan must condemn Russia.", "ACCUSE", "prescriptive"),
        ("Washington demanded that Beijing withdraw from Japan.", "RETREAT", "prescriptive"),
    ],
)
def test_modality(stage: EventStage, text: str, etype: str, modality: str) -> None:
    assert find(run(stage, text), etype).modality == modality


def test_own_clause_keeps_its_modality(stage: EventStage) -> None:
    # the negation of the first clause does not leak into the coordinated one
    events = run(stage, "Russia said it did not accept the plan and would continue its cooperation with Iran.")
    assert find(events, "COOPERATE").modality == "future"


@pytest.mark.parametrize(
    ("text", "attribution"),
    [
        ("Kim met Putin, according to KCNA.", "kcna"),
        ("According to Xinhua, Xi met Kim.", "xinhua"),
        ("Yonhap reported that Kim met Putin.", "yonhap"),
    ],
)
def test_attribution(stage: EventStage, text: str, attribution: str) -> None:
    assert find(run(stage, text), "CONSULT").attribution == attribution


@pytest.mark.parametrize(
    ("text", "etype", "modality"),
    [
        ("Iran had no plans to withdraw from the treaty.", "REJECT", "negated"),
        ("Japan has budgeted aid for Ukraine in 2026.", "AID", "future"),  # budgeting plans the aid
        ("Japan delivered aid to Ukraine in 2026.", "AID", "asserted"),
    ],
)
def test_modality_of_intentions_and_plans(stage: EventStage, text: str, etype: str, modality: str) -> None:
    assert find(run(stage, text), etype).modality == modality


@pytest.mark.parametrize(
    ("text", "etype", "modality"),
    [
        # a negated negative governor leaves the act open
        ("Russia does not rule out cooperation with North Korea.", "COOPERATE", "hypothetical"),
        ("Russia ruled out cooperation with North Korea.", "COOPERATE", "negated"),
        # a time modifier of the event noun or of its container
        ("The next round of talks between Japan and China opens in Tokyo.", "CONSULT", "future"),
        ("Officials prepared the upcoming summit between Xi and Putin.", "CONSULT", "future"),
        ("Analysts said Xi's expected visit to Pyongyang is aimed at boosting ties.", "CONSULT", "future"),
        ("Analysts said Xi's visit to Pyongyang was aimed at boosting ties.", "CONSULT", "asserted"),
        # "probably" is speculation
        ("Kim will probably visit Russia.", "CONSULT", "hypothetical"),
    ],
)
def test_modality_of_open_governors_time_modifiers_and_speculation(stage: EventStage, text: str, etype: str, modality: str) -> None:
    assert find(run(stage, text), etype).modality == modality


@pytest.mark.parametrize("text, modality", [
    # what is missing is the reference; the statements it is missing from were issued
    ("Analysts noted the absence of any reference to sanctions in joint Chinese-Russian statements since 2024.",
     "asserted"),
    # the statements themselves are what is missing
    ("Analysts noted the absence of joint Chinese-Russian statements since 2024.", "negated"),
])
def test_absence_negates_what_is_missing_not_where(text: str, modality: str) -> None:
    assert the_event(text, "AGREE", published="2026-06-12").modality == modality


@pytest.mark.parametrize("text, modality", [
    ("The resumption of talks between Seoul and Tokyo remains a possibility.", "hypothetical"),
    ("A new round of talks between Seoul and Tokyo seems unlikely this year.", "hypothetical"),
    # a copula with nothing of possibility said: the talks happened
    ("Talks between Seoul and Tokyo remained tense on Monday.", "asserted"),
])
def test_what_a_copula_says_of_an_event_sets_its_modality(text: str, modality: str) -> None:
    assert the_event(text, "CONSULT").modality == modality


@pytest.mark.parametrize("text, etype, modality", [
    # the parser hangs the infinitive as an adverbial clause; it is still what was sworn or offered
    ("Ethnic Albanians have sworn to fight until they gain control of the villages.", "ASSAULT", "future"),
    ("Syria has again offered its troops to Lebanon's president to help him oust the general.", "AID", "future"),
    ("China sent troops to Mali to help the government fight rebels.", "AID", "asserted"),
])
def test_an_infinitive_under_a_commissive_is_its_content(text: str, etype: str, modality: str) -> None:
    events = of_type(process_text(text, published="2026-03-10").events, etype)
    assert modality in {e.modality for e in events}
    assert all(e.modality == modality for e in events if e.trigger in ("fight", "help"))


def test_an_opposed_act_is_not_happening() -> None:
    assert the_event("Brazil is opposed to French mediation in the border dispute.", "CONSULT").modality == "negated"


def test_a_warnings_own_condition_is_its_content() -> None:
    # "warned of consequences if ...": the warning was given; the consequence stays open
    from tests.events.helpers import the_event

    e = the_event("Peru is warning Chile of severe consequences if it signs the deal.", "THREATEN")
    assert e.modality == "asserted"


@pytest.mark.parametrize("text, etype, modality", [
    # "for X to do Y" has its own subject but no tense: the doing is what was called for
    ("The envoy called for Iran to release the detained sailors.", "RETREAT", "prescriptive"),
    # an evaluative copula with a purpose infinitive reports neither the aid nor the talks
    ("Japan's aid is vital for Ukraine to negotiate with Russia.", "CONSULT", "hypothetical"),
    # a dash-set conjunct belongs with its nearer twin, under "calls for"
    ("Leaders met on Monday after calls for arming Japan — and boosting aid for Ukraine — amid fears of war.",
     "AID", "prescriptive"),
    # the mandative subjunctive: what is demanded, not what was done
    ("Iran is demanding that sanctions on its banks be lifted by the United States.", "RETREAT", "prescriptive"),
])
def test_content_of_a_call_or_a_condition_is_not_asserted(text: str, etype: str, modality: str) -> None:
    events = of_type(process_text(text, published="2026-03-10").events, etype)
    assert events
    assert all(e.modality == modality for e in events)


@pytest.mark.parametrize("text, modality", [
    # an allegation reports the charge, not the act
    ("Russia was accused of attacking Ukraine.", "hypothetical"),
    ("Russia attacked Ukraine.", "asserted"),
])
def test_the_act_of_an_allegation_is_not_asserted(text: str, modality: str) -> None:
    assert the_event(text, "ASSAULT", published="2026-03-10").modality == modality


def test_an_ordinary_purpose_clause_stays_asserted() -> None:
    # no evaluative copula: the aid was sent, its purpose is told
    events = of_type(process_text("Japan sent aid to Ukraine to help it rebuild.", published="2026-03-10").events, "AID")
    assert [e.modality for e in events if e.trigger.startswith("sent")] == ["asserted"]
