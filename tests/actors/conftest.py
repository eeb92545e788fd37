"""Shared fixtures: the actor base and a text -> mentions helper (spaCy loaded once)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from detente.actors import ActorBase, load_base
from detente.model import Extraction
from detente.pipeline import process_text


@pytest.fixture(scope="session")
def base() -> ActorBase:
    return load_base()


@pytest.fixture(scope="session")
def run() -> Callable[..., Extraction]:
    def _run(text: str, published: str | None = "2025-10-01") -> Extraction:
        return process_text(text, published=published)
    return _run
