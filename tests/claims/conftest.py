"""Fixtures for the claims tests: run the whole pipeline over a short text."""

from __future__ import annotations

import pytest

from detente.model import Claim, Extraction
from detente.pipeline import process_text
from tests.claims.helpers import Run


@pytest.fixture(scope="session")
def run() -> Run:
    """``run(text)`` -> (claims, actor id -> canonical name); spaCy loads once per session."""

    def _run(text: str, published: str = "2025-09-05") -> tuple[list[Claim], dict[str, str]]:
        ex: Extraction = process_text(text, published=published, doc_id="t")
        return ex.claims, {a.id: a.name for a in ex.actors}

    return _run
