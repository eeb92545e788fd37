"""A time after "by" or "until" is a limit the story sets, not the day of a done act (dating.deadline)."""

from __future__ import annotations

from detente.pipeline import process_text
from tests.events.helpers import find


def test_a_done_act_is_not_dated_by_the_limit_it_sets() -> None:
    events = process_text("The European Union postponed the duties on Chinese steel until October 1.",
                          published="2025-06-10").events
    e = find(events, "RETREAT")
    assert (e.modality, e.date.value) == ("asserted", "2025-06-10")


def test_a_later_sentence_is_not_dated_from_a_deadline() -> None:
    story = ("The pullout of Rwandan troops was supposed to be completed by June 30. "
             "Uganda condemned Rwanda over the delay.")
    e = find(process_text(story, published="2024-07-09").events, "ACCUSE")
    assert e.date.value == "2024-07-09"


def test_a_planned_act_keeps_its_deadline() -> None:
    e = find(process_text("Rwanda will withdraw its troops from the border by June 30.", published="2024-06-10").events,
             "RETREAT")
    assert (e.modality, e.date.value) == ("future", "2024-06-30")
