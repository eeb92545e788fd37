"""Trigger words used in a sense that is no event between two actors: an origin ("hail
from"), a refusal to comment, school attendance, followers amassed, a warning that only
tells a state to come, a duty to protect."""

from __future__ import annotations

import pytest

from detente.events import EventStage
from tests.events.helpers import run


@pytest.mark.parametrize("text, etype", [
    ("Two engineers who hail from China were stopped at the airport in Japan.", "SUPPORT"),
    ("The Japanese ministry declined to comment on the Chinese report.", "REJECT"),
    ("Iran has barred girls from attending school since Monday.", "CONSULT"),
    ("The Chinese blogger amassed two million followers in Japan.", "MOBILIZE"),
    ("A Japanese analyst warned that the region could become a target of militants.", "THREATEN"),
    ("China called for a government in Iran that protects its minorities.", "AID"),
])
def test_other_sense_is_no_event(stage: EventStage, text: str, etype: str) -> None:
    assert [e.type for e in run(stage, text) if e.type == etype] == [], run(stage, text)


@pytest.mark.parametrize("text, etype, source, target", [
    # the same words in their event sense still count
    ("Japan hailed China for its help.", "SUPPORT", ["jpn"], ["chn"]),
    ("Japan declined the Chinese offer.", "REJECT", ["jpn"], ["chn"]),
    ("Xi attended the summit in Russia.", "CONSULT", ["xi"], ["rus"]),
    ("Russia amassed troops on the border with Ukraine.", "MOBILIZE", ["rus"], None),
    ("Japan warned Russia of severe consequences.", "THREATEN", ["jpn"], ["rus"]),
])
def test_event_sense_still_counts(stage: EventStage, text: str, etype: str, source: list[str],
                                  target: list[str] | None) -> None:
    found = [(e.type, e.source, e.target) for e in run(stage, text)]
    assert any(t == etype and s == source and (target is None or g == target) for t, s, g in found), found


@pytest.mark.parametrize("text, etype", [
    ("Japanese helicopters flew in tight formation on Monday.", "CONSULT"),
    ("The Japanese minister dismissed fears that Chinese tariffs would cause a recession.", "REJECT"),
])
def test_no_place_and_no_act_are_no_event(stage: EventStage, text: str, etype: str) -> None:
    assert [e.type for e in run(stage, text) if e.type == etype] == [], run(stage, text)


def test_travel_to_a_place_is_still_a_visit(stage: EventStage) -> None:
    found = [(e.type, e.source, e.target) for e in run(stage, "Putin flew to Beijing for talks on Monday.")]
    assert ("CONSULT", ["putin"], ["chn"]) in found, found
