"""Shared fixtures.  spaCy is loaded once per test session."""

from __future__ import annotations

import pytest

from detente.store import Store
from tests.helpers import CORPUS, GOLD, REPO, SHARED, make_extraction

__all__ = ["CORPUS", "GOLD", "REPO", "SHARED", "make_extraction"]  # re-exported for tests not yet moved to tests.helpers


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="Rewrite golden files from current output.")


@pytest.fixture
def store() -> Store:
    s = Store(":memory:")
    yield s
    s.close()
