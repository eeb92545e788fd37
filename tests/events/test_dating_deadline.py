"""A time after "by" or "until" is a limit the story sets, not the day of a done act (dating.deadline)."""

from __future__ import annotations

from detente.pipeline import process_text
from tests.events.helpers import find


def test_a_done_act_is_not_dated_by_the_limit_it_sets() -> None:
    events = process_text("The United States delayed the tariffs on Chinese goods until April 2.",
                          published="2025-03-09").events
    e = find(events, "RETREAT")
    assert (e.modality, e.date.value) == ("asserted", "2025-03-09")


def test_a_later_sentence_is_not_dated_from_a_deadline() -> None:
    story = ("The withdrawal of Russian troops was supposed to be completed by May 1. "
             "Ukraine condemned Russia over the delay.")
    e = find(process_text(story, published="2021-05-09").events, "ACCUSE")
    assert e.date.value == "2021-05-09"


def test_a_planned_act_keeps_its_deadline() -> None:
    e = find(process_text("China will withdraw its troops from the border by May 1.", published="2021-04-20").events,
             "RETREAT")
    assert (e.modality, e.date.value) == ("future", "2021-05-01")
