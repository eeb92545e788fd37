"""A real detente server for the API and UI tests: uvicorn on a free loopback port.

One server per test session (a module-level singleton, shared by tests/api and
tests/ui), with a temporary store seeded once through the API itself: sample
articles are posted as text and ingested by the real pipeline (spaCy loads once).
"""

from __future__ import annotations

import atexit
import json
import shutil
import socket
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import uvicorn

from detente.api import create_app
from detente.settings import Settings

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "src" / "detente" / "data" / "corpus"
TOKEN = "test-token-7f3a-91c2"
MAX_BYTES = 200_000
# articles that share events (two wire versions of one summit) and cover several pairs of states
SEED = ("01-xi-kim-summit-wire.txt", "02-xi-kim-summit-reprint.txt", "05-xi-pyongyang-visit-wire.txt",
        "07-putin-pyongyang-treaty.txt", "10-busan-trade-truce.txt", "15-china-nk-trade-2025.txt")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class LiveServer:
    """A running server: its base URL, store file and the documents seeded into it."""

    url: str
    db: Path
    token: str | None
    server: uvicorn.Server
    thread: threading.Thread
    seeded: list[str] = field(default_factory=list)

    def client(self, auth: bool = True, timeout: float = 120.0) -> httpx.Client:
        headers = {"Authorization": f"Bearer {self.token}"} if auth and self.token else {}
        return httpx.Client(base_url=self.url, headers=headers, timeout=timeout)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start(db: Path, *, token: str | None = TOKEN, **settings: Any) -> LiveServer:
    """Start uvicorn in a thread on a free port and wait until it answers."""
    config = Settings(db=str(db), **settings)
    app = create_app(config, token=token or "", allowed_hosts=["127.0.0.1", "localhost"])
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, name=f"uvicorn-{port}", daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/api/health", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.1)
    else:
        raise RuntimeError("the test server did not start")
    return LiveServer(url=url, db=db, token=token, server=server, thread=thread)


def manifest() -> dict[str, dict[str, Any]]:
    """Metadata of the sample corpus, by file name."""
    out = {}
    for line in (CORPUS / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            entry = json.loads(line)
            out[Path(entry["path"]).name] = entry
    return out


def seed(live: LiveServer, names: tuple[str, ...] = SEED) -> list[str]:
    """Post sample articles as text and wait for each ingest; the stored document ids."""
    meta = manifest()
    ids: list[str] = []
    with live.client() as c:
        for name in names:
            m = meta.get(name, {})
            body = {"text": (CORPUS / name).read_text(encoding="utf-8"), "title": m.get("title"),
                    "source": m.get("source"), "published": m.get("published")}
            r = c.post("/api/documents", params={"wait": "true"},
                       json={k: v for k, v in body.items() if v is not None})
            r.raise_for_status()
            ids.extend(r.json()["documents"])
    return ids


_live: LiveServer | None = None
_lock = threading.Lock()


def shared() -> LiveServer:
    """The session's seeded server (started on first use, stopped at exit)."""
    global _live
    with _lock:
        if _live is None:
            folder = Path(tempfile.mkdtemp(prefix="detente-api-test-"))
            live = start(folder / "store.db", max_bytes=MAX_BYTES)
            live.seeded = seed(live)
            _live = live

            def _stop() -> None:
                live.stop()
                shutil.rmtree(folder, ignore_errors=True)

            atexit.register(_stop)
        return _live
