"""Fixtures for the events tests: one spaCy pipeline and one stage per session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from detente.events import EventStage, make_stage  # noqa: E402
from detente.settings import Settings  # noqa: E402


@pytest.fixture(scope="session")
def stage() -> EventStage:
    return make_stage(Settings())
