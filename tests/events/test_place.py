"""Place: where an event happened and whether the place is a whole state.

One written sentence (or short story) per construction.  Actors come from the
small gazetteer of tests/events/helpers.py; tests that need the time stage run
the whole pipeline (``process_text``).
"""

from __future__ import annotations

import pytest

from detente.events import EventStage
from detente.pipeline import process_text
from tests.events.helpers import find, run


def test_location_from_in_phrase(stage: EventStage) -> None:
    e = find(run(stage, "Xi met Kim in Beijing."), "CONSULT")
    assert e.location is not None and e.location.name == "Beijing"


@pytest.mark.parametrize("place, kind", [("North Korea", "state"), ("Pyongyang", "place")])
def test_a_location_says_whether_it_is_a_whole_state(place: str, kind: str) -> None:
    events = process_text(f"Xi Jinping arrived in {place} on Monday for a state visit.", published="2026-06-12").events
    (visit,) = [e for e in events if e.type == "CONSULT"]
    assert visit.location is not None
    assert (visit.location.name, visit.location.country, visit.location.kind) == (place, "PRK", kind)
