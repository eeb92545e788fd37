"""Fixtures for ingest tests: the fixture folder and a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from detente.settings import Settings
from tests.ingest.documents import make_pdf

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"

HUGE_SIZE = 200_000  # bytes served by /huge*; tests set max_bytes below it
SLOW_SECONDS = 3.0  # /slow waits this long; tests set fetch_timeout well below it


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


class _Handler(BaseHTTPRequestHandler):
    """Routes of the test server; each one exercises one behaviour of fetch/read_inputs."""

    server_version = "detente-test/1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - keep pytest output quiet
        pass

    def _send(self, status: int, body: bytes, content_type: str | None, extra: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.end_headers()
        try:
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up first (timeout, size cap): that is the point of the test

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self.server.requests.append((self.path, self.headers.get("User-Agent", "")))  # type: ignore[attr-defined]
        path = self.path.split("?", 1)[0]
        routes = {
            "/article.html": (_read("article.html"), "text/html; charset=utf-8"),
            "/latin1.html": (_read("latin1.html"), "text/html; charset=ISO-8859-1"),
            "/feed.rss": (_read("feed.rss"), "application/rss+xml"),
            "/feed.atom": (_read("feed.atom"), "application/atom+xml"),
            "/feed-as-text": (_read("feed.rss"), "text/plain"),
            "/html-no-type": (_read("article.html"), None),
            "/plain.txt": (_read("plain.txt"), "text/plain; charset=utf-8"),
            "/notes.md": (_read("heading.md"), "text/markdown"),
            "/image.png": (_read("image.png"), "image/png"),
            "/octet": (b"just some bytes that claim to be octets", "application/octet-stream"),
            "/bulletin.pdf": (make_pdf([["Diplomats from Chile met in Lima on Monday."]]), "application/pdf"),
            "/png-as-html": (_read("image.png"), "text/html"),
            "/empty": (b"", "text/plain"),
            "/notext.html": (_read("notext.html"), "text/html"),
        }
        if path in routes:
            body, ctype = routes[path]
            self._send(200, body, ctype)
        elif path == "/follow-feed.rss":
            self._send(200, _follow_feed(self.server.server_address[1]), "application/rss+xml")  # type: ignore[attr-defined]
        elif path.startswith("/story/"):
            self._send(200, _story(path.rsplit("/", 1)[1]), "text/html; charset=utf-8")
        elif path == "/loop":
            self._send(302, b"", None, {"Location": "/loop"})
        elif path.startswith("/hop/"):
            remaining = int(path.rsplit("/", 1)[1])
            target = "/article.html" if remaining <= 1 else f"/hop/{remaining - 1}"
            self._send(302, b"", None, {"Location": target})
        elif path == "/to-ipv6-loopback":
            port = self.server.server_address[1]  # type: ignore[attr-defined]
            self._send(302, b"", None, {"Location": f"http://[::1]:{port}/article.html"})
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, b"too late", "text/plain")
        elif path == "/huge":
            self._send(200, b"a" * HUGE_SIZE, "text/plain")
        elif path == "/huge-stream":
            # no Content-Length: the size cap must be enforced while streaming
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                for _ in range(HUGE_SIZE // 1000):
                    self.wfile.write(b"b" * 1000)
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/missing-link":
            self._send(404, b"gone", "text/plain")
        else:
            self._send(404, b"not found", "text/plain")


def _story(slug: str) -> bytes:
    return (
        f"<html><head><title>Story {slug}</title><meta name='author' content='Page Author'>"
        "<meta property='og:site_name' content='Story Site'></head><body><article>"
        f"<p>This is the full article number {slug}. It tells much more than the feed summary did, "
        "with several sentences about a meeting of river commissioners.</p>"
        "<p>The commissioners agreed to meet again in the autumn.</p></article></body></html>"
    ).encode()


def _follow_feed(port: int) -> bytes:
    base = f"http://127.0.0.1:{port}"
    return f"""<?xml version="1.0"?>
<rss version="2.0"><channel><title>Follow Wire</title>
<item><title>Feed title one</title><link>{base}/story/1</link><pubDate>Mon, 01 Apr 2024 10:00:00 GMT</pubDate>
<description>Teaser one.</description></item>
<item><title>Feed title two</title><link>{base}/missing-link</link><description>Teaser two.</description></item>
</channel></rss>""".encode()


@dataclass
class LocalServer:
    base: str
    requests: list[tuple[str, str]]

    def url(self, path: str) -> str:
        return self.base + path


@pytest.fixture(scope="session")
def server() -> Iterator[LocalServer]:
    """A real HTTP server on 127.0.0.1 serving the routes above, for the whole session."""
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    httpd.block_on_close = False  # the /slow handler may still sleep at shutdown
    httpd.requests = []  # type: ignore[attr-defined]
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield LocalServer(base=f"http://127.0.0.1:{httpd.server_address[1]}", requests=httpd.requests)  # type: ignore[attr-defined]
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture
def local_settings() -> Settings:
    """Settings that may fetch from the local server, with small limits for fast tests."""
    return Settings(db=":memory:", allow_private_urls=True, fetch_timeout=1.0, max_bytes=100_000)


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES
