"""Headless Chromium (Debian's /usr/bin/chromium) driven by Playwright, against the live test server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.api.live import LiveServer, shared

CHROMIUM = Path("/usr/bin/chromium")
# flags a closed network needs: no background connections, no GPU, no sandbox as root
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]



@pytest.fixture(scope="session")
def live() -> LiveServer:
    return shared()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    # skipped here, not at import: a module-level skip in a conftest aborts `pytest tests/ui`
    if not CHROMIUM.exists():
        pytest.skip("UI tests need Debian's Chromium at /usr/bin/chromium (scripts/install-system-deps.sh installs it)")
    sync_api = pytest.importorskip("playwright.sync_api", reason="UI tests need the playwright package (dev extra)")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    """A fresh page that records console errors and uncaught exceptions."""
    context = browser.new_context(viewport={"width": 1366, "height": 860})
    pg = context.new_page()
    pg.errors = []  # type: ignore[attr-defined]
    pg.on("pageerror", lambda e: pg.errors.append(f"pageerror: {e}"))
    pg.on("console", lambda m: pg.errors.append(f"console: {m.text}") if m.type == "error" else None)
    yield pg
    context.close()
