"""The events stage's modality cues (``data/events/modality.yaml``).

The walk itself is the shared one of :mod:`detente.modality`, which the
quantities and positions stages call with their own cues; this module only
names the events stage's data file.
"""

from __future__ import annotations

from typing import Any

from ..modality import PRIORITY, Cues, Reading, read_modality
from ..modality import load_cues as _load

__all__ = ["PRIORITY", "Cues", "Reading", "load_cues", "read_modality"]


def load_cues(extra: dict[str, Any] | None = None) -> Cues:
    """Load the shipped cue lists, updated with ``extra`` (same layout).

    ``speech_verbs`` extends the base speech verbs of ``data/linguistics.yaml``.
    """
    return _load("events/modality.yaml", extra)
