"""Fixtures for the events tests: one events stage per session."""

from __future__ import annotations

import pytest

from detente.events import EventStage, make_stage
from detente.settings import Settings


@pytest.fixture(scope="session")
def stage() -> EventStage:
    """The shipped events stage, built once (its lexicon loads once)."""
    return make_stage(Settings())
