"""The events stage's modality cues (``data/events/modality.yaml``).

The walk itself is the shared one of :mod:`detente.modality`, which the
quantities and positions stages call with their own cues; this module only
names the events stage's data file.  The file's ``threats`` section is not a
cue of the walk: it says which not-yet-done acts a speaker's statement makes a
threat (:class:`ThreatCues`, read by :mod:`detente.events.threats`).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ..datafiles import build, read_yaml
from ..modality import PRIORITY, Cues, Reading, read_modality
from ..modality import load_cues as _load

__all__ = ["PRIORITY", "Cues", "Reading", "ThreatCues", "load_cues", "read_modality", "threat_cues"]

_FILE = "events/modality.yaml"
_THREATS = "threats"


def load_cues(extra: dict[str, Any] | None = None) -> Cues:
    """Load the shipped cue lists, updated with ``extra`` (same layout).

    ``speech_verbs`` extends the base speech verbs of ``data/linguistics.yaml``.
    """
    return _load(_FILE, extra, skip=(_THREATS,))  # the threats section is no cue of the walk


@dataclass(frozen=True, slots=True)
class ThreatCues:
    """The ``threats`` section of ``data/events/modality.yaml`` (each key documented there)."""

    types: frozenset[str]  # acts whose announcement is a threat: SANCTION, COERCE, ASSAULT
    modalities: frozenset[str]  # the act's readings that are not yet done: future, hypothetical
    auxiliaries: frozenset[str]  # "will", "would": the act announced
    announcers: frozenset[str]  # "vow", "ready", "hesitate": governing words announcing one's own act
    negated_announcers: frozenset[str]  # "will not hesitate to": a negation that announces
    condition_marks: frozenset[str]  # "if", "unless"
    first_person: frozenset[str]  # "I", "we": the speaker is the actor
    climb: frozenset[str]  # dependency links from the act up to its report frame
    frames: frozenset[str]  # report verbs ("said"): extends the events stage's speech verbs
    # auxiliaries of a reported act that, said by its own side, announce it ("Bogotá said the rebels
    # will be crushed by its forces"); "would" is not among them: a reported "would" tells a decision
    reported_auxiliaries: frozenset[str] = frozenset()


@cache
def threat_cues() -> ThreatCues:
    """The threat section (read once per process); ``frames`` adds the speech verbs."""
    data, source = read_yaml(_FILE)
    section = dict(data.get(_THREATS) or {})
    return build(ThreatCues, section, f"{source} ({_THREATS})", extends={"frames": load_cues().speech_verbs})
