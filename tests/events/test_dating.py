"""Dating: the date of an event from the time told in, around or before its clause (the time stage runs).

One written sentence (or short story) per construction.  Actors come from the
small gazetteer of tests/events/helpers.py; tests that need the time stage run
the whole pipeline (``process_text``).
"""

from __future__ import annotations

import pytest

from detente.events import EventStage
from detente.pipeline import process_text
from tests.events.helpers import events_of, find


@pytest.mark.parametrize(
    ("text", "etype", "value"),
    [
        # a "when" clause shares its governor's time
        ("The rift began last September, when Kim Jong Un travelled to Beijing.", "CONSULT", "2025-09"),
        # a relative clause shares the time of the noun phrase it hangs from
        ("Japan noted a visit to Seoul in April by Xi, who held talks with Lee Jae-myung.", "CONSULT", "2026-04"),
    ],
)
def test_dates_from_governing_phrase(stage: EventStage, text: str, etype: str, value: str) -> None:
    from detente.pipeline import process_text

    ex = process_text(text, published="2026-05-29")
    hits = [e for e in ex.events if e.type == etype and e.trigger in ("travelled", "held talks")]
    assert hits and hits[0].date.value == value


def test_days_after_a_dated_governor() -> None:
    events = events_of(
        "Xi held talks with Kim in Beijing on Thursday.\n\n"
        "The talks came a day after Kim stood beside Xi at a military parade in Beijing.",
        "2025-09-05",
    )
    parade = find(events, "MOBILIZE")
    assert parade.date.value == "2025-09-03"


def test_when_clause_takes_the_time_told_after_it() -> None:
    events = events_of(
        "When Xi last visited North Korea, in June 2019, China called on North Korea to hold talks.",
        "2026-06-09",
    )
    assert find(events, "CONSULT").date.value == "2019-06"


def test_since_phrase_does_not_date_a_first_trip() -> None:
    events = events_of("Xi will visit North Korea in June. It will be his first trip to Pyongyang since 2019.", "2026-05-29")
    assert [e.date.value for e in events if e.type == "CONSULT"] == ["2026-06"]


def test_joint_act_without_actors_takes_the_meetings_date() -> None:
    events = events_of("Xi will visit North Korea in June, the Chinese foreign ministry said.\n\nNo joint statement is expected.", "2026-05-29")
    agree = find(events, "AGREE")
    assert (agree.modality, agree.date.value) == ("negated", "2026-06")


STORY = "Xi Jinping received Kim Jong Un in Beijing last week.\n\nTrade between the two neighbours has grown.\n\n"


@pytest.mark.parametrize("later", [
    "During the summit between the two countries, the Chinese side made no reference to denuclearisation.",
    "Xi's talks with Kim were followed by a banquet.",
])
def test_a_definite_meeting_of_a_dated_pair_is_that_meeting(later: str) -> None:
    # dated by the week of the meeting told before, not by the day of writing
    events = process_text(STORY + later, published="2025-09-08").events
    told = [e for e in events if e.type == "CONSULT" and e.mentions[0].start >= len(STORY)]
    assert len(told) == 1
    assert (told[0].date.value, told[0].date.basis) == ("2025-W36", "context")


@pytest.mark.parametrize("later", [
    "Japan's talks with India were followed by a banquet.",  # another pair of states
    "Xi's talks with Kim next month will be followed by a banquet.",  # a time of its own
])
def test_other_meetings_are_not_tied_to_the_dated_one(later: str) -> None:
    events = process_text(STORY + later, published="2025-09-08").events
    told = [e for e in events if e.type == "CONSULT" and e.mentions[0].start >= len(STORY)]
    assert told and all(e.date.value != "2025-W36" for e in told)


@pytest.mark.parametrize(
    ("text", "etype", "value"),
    [
        # a coordinated verb shares the time fronted before its sibling
        ("In February, Peru closed the border and detained Chilean sailors.", "COERCE", "2026-02"),
        # the content of a dated announcement happened then
        ("In January, Peru announced it was cutting ties with Chile.", "SANCTION", "2026-01"),
    ],
)
def test_clause_shares_its_governors_time(text: str, etype: str, value: str) -> None:
    (e,) = [x for x in events_of(text, "2026-03-10") if x.type == etype]
    assert e.date.value == value


@pytest.mark.parametrize(
    "text",
    [
        # a modal complement tells something later than the saying
        "On Monday, Peru said it would cut ties with Chile.",
        # a clause of its own does not take its sibling's time
        "Peru said it cut ties with Chile in January and that Bolivia would cut ties with Chile.",
    ],
)
def test_clause_with_its_own_tense_keeps_its_time(text: str) -> None:
    later = [x for x in events_of(text, "2026-03-10") if x.type == "SANCTION" and x.modality == "future"]
    assert later
    # not dated by the saying's (or the sibling's) own time expression
    assert not [x for x in later if x.date.basis == "explicit" and x.date.value in ("2026-03-09", "2026-01")]


def test_story_anchor_is_never_a_date_after_publication() -> None:
    # the deadline is what the story looks forward to; the denunciation is told as past
    events = events_of("Peru met Chile on March 2. Peru set a deadline of March 20. Chile denounced the delay.", "2026-03-10")
    dates = [e.date.value for e in events if e.type == "ACCUSE"]
    assert dates and "2026-03-20" not in dates


def test_a_means_shares_the_time_of_its_act() -> None:
    # "by imposing sanctions" tells how the retaliation was done: at its time
    events = events_of(
        "China retaliated against Japan in March by imposing sanctions on Japan.\n\nTalks resumed on Friday.",
        "2026-05-29",
    )
    assert [e.date.value for e in events if e.type == "SANCTION"] == ["2026-03"]


def test_a_time_on_another_noun_does_not_date_the_event() -> None:
    # "the March 3 vote" is the vote's date; the urging is told on Tuesday
    events = events_of(
        "On Tuesday, Japan's parliament passed a resolution, urging China to review the March 3 vote.",
        "2026-05-29",
    )
    assert [e.date.value for e in events if e.type == "REQUEST"] == ["2026-05-26"]


def test_when_clause_of_a_since_time_is_that_time_not_the_interval() -> None:
    # the fighting runs from 2011 to the report; the sending of troops happened in 2011
    events = events_of("Militants have been attacking Kenyan troops since 2011, when the government sent soldiers "
                       "into Somalia to fight them.", "2020-02-17")
    sent = find(events, "MOBILIZE")
    assert (sent.date.value, sent.date.start, sent.date.end) == ("2011", "2011-01-01", "2011-12-31")
    fighting = find(events, "ASSAULT")
    assert (fighting.date.start, fighting.date.end) == ("2011-01-01", "2020-02-17")
