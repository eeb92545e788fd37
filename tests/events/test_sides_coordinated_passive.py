"""A bare participle coordinated with a passive verb shares its auxiliary: "rebels were
killed or captured" says the rebels were captured, not that they captured anyone."""

from __future__ import annotations

from detente.linguistics import subject_tokens
from tests.events.helpers import make_ctx


def test_a_bare_coordinated_participle_is_passive() -> None:
    doc = make_ctx("Several rebels were either killed or captured by Russian troops.").doc
    captured = next(t for t in doc if t.lower_ == "captured")
    subj, passive = subject_tokens(captured)
    assert passive and [t.lower_ for t in subj] == ["rebels"]


def test_a_coordinated_active_verb_stays_active() -> None:
    doc = make_ctx("Russian troops attacked the village and captured several rebels.").doc
    captured = next(t for t in doc if t.lower_ == "captured")
    subj, passive = subject_tokens(captured)
    assert not passive and [t.lower_ for t in subj] == ["troops"]
