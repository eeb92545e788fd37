from __future__ import annotations

import pytest

from tests.api.live import LiveServer, shared


@pytest.fixture(scope="session")
def live() -> LiveServer:
    """The running, seeded test server."""
    return shared()
