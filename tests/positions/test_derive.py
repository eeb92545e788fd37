"""Positions read from syntax, claims and events (detente.positions.derive)."""

from __future__ import annotations

import pytest

from detente.pipeline import process_text
from tests.positions.helpers import positions_of, summary


def test_demand_inside_an_event_sentence_takes_the_event_year() -> None:
    ps = positions_of("On a trip to Seoul in 2017, Japan openly demanded the denuclearisation of the peninsula.")
    assert ("JPN", "korean-denuclearisation", "demands", "2017") in summary(ps)


def test_anaphoric_abandonment_takes_the_issue_of_the_position_before() -> None:
    ps = positions_of("In 2018 Japan called for the denuclearisation of the peninsula, "
                      "but it has since abandoned that position.")
    got = summary(ps)
    assert ("JPN", "korean-denuclearisation", "demands", "2018") in got
    assert ("JPN", "korean-denuclearisation", "abandoned", "2026-03-10") in got
    assert [p.origin for p in ps if p.stance == "abandoned"] == ["abandonment"]


def test_no_longer_is_abandonment() -> None:
    ps = positions_of("Tokyo no longer calls for the denuclearisation of the peninsula.")
    assert ("JPN", "korean-denuclearisation", "abandoned", "2026-03-10") in summary(ps)


@pytest.mark.parametrize("text, actor", [
    ("Moscow made no reference to denuclearisation at the talks.", "RUS"),
    ("A Japanese readout of the call did not mention denuclearisation.", "JPN"),
    ("Tokyo's silence on the nuclear issue surprised the delegates.", "JPN"),
])
def test_silence_reported_as_news_is_silent_never_a_statement(text: str, actor: str) -> None:
    ps = positions_of(text)
    assert [(p.actor, p.stance, p.origin) for p in ps] == [(actor, "silent", "silence")]


def test_absence_in_named_statements_is_held_by_the_actors_named() -> None:
    ps = positions_of("The change shows in the absence of any references to denuclearisation "
                      "in joint Russian statements since 2023.")
    assert {(p.actor, p.stance, p.date.value) for p in ps} == {("RUS", "silent", "2023")}


def test_relative_clause_dates_the_earlier_demand() -> None:
    ps = positions_of("The minister made no mention of denuclearisation, which Tokyo demanded as recently as 2016.")
    got = summary(ps)
    assert ("JPN", "korean-denuclearisation", "demands", "2016") in got


def test_opposing_interference_over_taiwan_supports_one_china() -> None:
    ps = positions_of("Vietnam firmly opposes any outside interference over Taiwan, its foreign ministry said.")
    assert {(p.actor, p.issue, p.stance) for p in ps} == {("VNM", "taiwan", "supports")}


def test_prescriptions_are_not_held_positions() -> None:
    ps = positions_of("Seoul should ask Tokyo to restate its commitment to a nuclear-free peninsula.")
    assert all(p.modality != "asserted" for p in ps)


def test_commentators_hold_no_positions() -> None:
    ps = positions_of("Analysts said Japan should drop its demand for sanctions.")
    assert all(p.actor != "group:analysts" for p in ps)


def test_a_support_asked_for_is_not_held() -> None:
    ps = positions_of("Seoul has sought Tokyo's support for sanctions on the North.")
    assert ("JPN", "sanctions", "supports") not in {(p.actor, p.issue, p.stance) for p in ps}


def test_the_pipeline_runs_the_positions_stage() -> None:
    ex = process_text("Japan demanded sanctions on the North.", published="2026-01-01")
    assert [(p.actor, p.issue, p.stance) for p in ex.positions] == [("JPN", "sanctions", "demands")]
    assert "JPN" in {a.id for a in ex.actors}  # the holder is among the extraction's actors


@pytest.mark.parametrize("text, expected", [
    ("Tehran called the embargo \"illegal\" and vowed to resist.", ("IRN", "sanctions", "opposes")),
    ("Hungary said it did not consider the sanctions binding.", ("HUN", "sanctions", "opposes")),
    ("Seoul now treats North Korea's nuclear arsenal as a fact of life.",
     ("KOR", "north-korea-nuclear-weapons", "accepts")),
])
def test_judgements_of_an_issue(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in {(p.actor, p.issue, p.stance) for p in positions_of(text)}


def test_negated_intent_nouns() -> None:
    got = {(p.actor, p.issue, p.stance) for p in positions_of(
        "Pyongyang said it had no interest in talks with the South. "
        "Iran said it had no plans to withdraw from the Nuclear Non-Proliferation Treaty.")}
    assert ("PRK", "inter-korean-dialogue", "opposes") in got
    assert ("IRN", "nuclear-non-proliferation", "supports") in got
    assert ("IRN", "nuclear-non-proliferation", "abandoned") not in got


def test_a_noun_standing_for_an_issue_named_just_before() -> None:
    ps = positions_of("Brussels adopted new sanctions against Belarus on Monday.\n\nMinsk dismissed the measures.")
    assert ("BLR", "sanctions", "opposes") in {(p.actor, p.issue, p.stance) for p in ps}
    # without the issue named before, the same noun is no issue
    assert positions_of("Minsk dismissed the measures.") == []


def test_neither_side_is_the_story_pair() -> None:
    ps = positions_of("Xi Jinping met Kim Jong Un in Pyongyang on Monday. "
                      "Neither side's account referred to the nuclear issue.")
    assert {(p.state or p.actor, p.stance) for p in ps if p.issue == "korean-denuclearisation"} == {
        ("CHN", "silent"), ("PRK", "silent")}


def test_if_clause_is_hypothetical() -> None:
    ps = positions_of("If Tokyo opposed the sanctions, it would say so.")
    assert ps and all(p.modality == "hypothetical" for p in ps)


def test_blocking_head_is_no_stance_on_the_issue() -> None:
    ps = positions_of("Tokyo came to accept the improbability of denuclearisation.")
    assert not [p for p in ps if p.issue == "korean-denuclearisation" and p.stance == "accepts"]


def test_sanctions_are_held_per_target() -> None:
    ps = positions_of("Ankara said it opposes the sanctions on Iran.")
    assert [(p.actor, p.target) for p in ps if p.issue == "sanctions"] == [("TUR", "IRN")]


def test_asking_for_relief_from_sanctions_opposes_them() -> None:
    ps = positions_of("Iranian President Masoud Pezeshkian asked the Europeans for sanctions relief.")
    assert {(p.state or p.actor, p.issue, p.stance) for p in ps} == {("IRN", "sanctions", "opposes")}


def test_coordinated_acts_keep_their_own_objects() -> None:
    ps = positions_of("Japan rejected the offer and asked instead for full denuclearisation of the peninsula.")
    got = {(p.actor, p.issue, p.stance) for p in ps}
    assert ("JPN", "korean-denuclearisation", "demands") in got
    assert ("JPN", "korean-denuclearisation", "opposes") not in got


def test_whether_clause_is_hypothetical() -> None:
    ps = positions_of("It is unclear whether Tokyo will drop its demand for sanctions next month.")
    assert ps and all(p.modality != "asserted" for p in ps)


@pytest.mark.parametrize("text", [
    "Washington opposed the Countering Rivals Through Sanctions Act, officials said.",
    "The senators rejected the Regional Tariffs Reform Bill on Tuesday.",
])
def test_issue_words_inside_a_named_law_carry_no_stance(text: str) -> None:
    # the law's name contains the issue's words; opposing the law is no stance on the issue itself
    assert positions_of(text) == []


def test_issue_words_written_as_words_still_carry_a_stance() -> None:
    assert ("USA", "sanctions", "opposes") in {(p.actor, p.issue, p.stance) for p in positions_of(
        "Washington opposed new sanctions on the region, officials said.")}


def test_issue_words_in_a_clause_of_time_are_not_the_stance_words_object() -> None:
    # "before granting any easing of X": the demand is for disarmament; X belongs to the later clause
    got = {(p.actor, p.issue, p.stance) for p in positions_of(
        "President Donald Trump asked for full denuclearization before granting any relaxation of sanctions.")}
    assert ("person:donald-trump", "korean-denuclearisation", "demands") in got
    assert not [x for x in got if x[1] == "sanctions"]
