"""Fixtures of the temporal-layer tests: spaCy is loaded once per session."""

from __future__ import annotations

import pytest
from spacy.language import Language

from detente import nlp


@pytest.fixture(scope="session")
def spacy_nlp() -> Language:
    return nlp.load()
