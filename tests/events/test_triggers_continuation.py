"""Keeping or maintaining a measure is the measure's event: the verb is a light verb of its noun."""

from __future__ import annotations

from detente.pipeline import process_text
from tests.events.helpers import sides


def test_tariffs_kept_in_place_are_a_sanction() -> None:
    text = "Japan is keeping new tariffs in place on Chilean salmon to press Santiago over fishing quotas."
    assert any(s == ["JPN"] for s, _ in sides(text, "SANCTION")), sides(text, "SANCTION")


def test_sanctions_someone_must_maintain_are_prescribed() -> None:
    events = process_text("Norway said the council must maintain sanctions on Chile.", published="2025-03-12").events
    assert [e.modality for e in events if e.type == "SANCTION"] == ["prescriptive"], events


def test_keeping_quiet_is_no_event() -> None:
    assert process_text("Japan kept quiet about the talks in its statement.", published="2025-03-12").events == []
