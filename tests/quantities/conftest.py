"""Fixtures for the quantities tests: run the whole pipeline over a sentence."""

from __future__ import annotations

import pytest

from detente.model import Extraction, Quantity
from detente.pipeline import process_text
from tests.quantities.helpers import Run


@pytest.fixture(scope="session")
def run() -> Run:
    """``run(text)`` -> (quantities, actor id -> canonical name); spaCy loads once per session."""

    def _run(text: str, published: str = "2025-09-05") -> tuple[list[Quantity], dict[str, str]]:
        ex: Extraction = process_text(text, published=published, doc_id="t")
        return ex.quantities, {a.id: a.name for a in ex.actors}

    return _run
