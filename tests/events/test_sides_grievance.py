"""An accusation lodged with someone over another's act is against whoever did it (targets.accused_over)."""

from __future__ import annotations

from detente.events import EventStage
from detente.pipeline import process_text
from tests.events.helpers import find, run


def test_a_complaint_lodged_with_a_third_side_is_against_the_doer(stage: EventStage) -> None:
    e = find(run(stage, "Japan complained to the European Union over Chinese missile tests."), "ACCUSE")
    assert (e.source, e.target) == (["jpn"], ["chn"])


def test_a_complaint_over_ones_own_loss_stays_with_the_addressee() -> None:
    # the grievance names only the complainant's own people: the addressee stays the target
    e = find(process_text("Japan protested to China about the detention of Japanese citizens on Monday.",
                          published="2026-03-10").events, "ACCUSE")
    assert (e.source, e.target) == (["JPN"], ["CHN"])
