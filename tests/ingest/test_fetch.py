"""fetch() and URL inputs against a real HTTP server on 127.0.0.1 (see conftest.py)."""

from __future__ import annotations

import importlib
import ipaddress
import socket
import time

import pytest

from detente.errors import InputError
from detente.ingest import RawDocument, fetch, read_inputs
from detente.settings import Settings

from . import conftest

# the module, not the function of the same name that detente.ingest re-exports
fetch_mod = importlib.import_module("detente.ingest.fetch")


def read_url(url: str, settings: Settings, **kw: object) -> list[RawDocument | InputError]:
    return list(read_inputs([url], settings=settings, **kw))  # type: ignore[arg-type]


# --- fetch() -------------------------------------------------------------------------------


def test_fetch_html(server, local_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    result = fetch(server.url("/article.html"), local_settings)
    assert result.url_final == server.url("/article.html")
    assert result.content_type == "text/html" and result.encoding == "utf-8"
    assert b"Coast guards open a hotline" in result.body


def test_fetch_sends_a_clear_user_agent(server, local_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    fetch(server.url("/plain.txt?ua"), local_settings)
    agents = [ua for path, ua in server.requests if path == "/plain.txt?ua"]
    assert agents and agents[-1].startswith("detente/")


def test_fetch_follows_a_few_redirects(server, local_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    result = fetch(server.url("/hop/5"), local_settings)  # exactly 5 redirects is allowed
    assert result.url_final == server.url("/article.html")


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/loop", "too many redirects (more than 5)"),
        ("/hop/6", "too many redirects"),
        ("/image.png", "is not a text document (content type image/png)"),
        ("/octet", "content type application/octet-stream"),
        ("/huge", "more than the limit of 100000"),  # refused from Content-Length
        ("/huge-stream", "larger than the limit of 100000"),  # refused while streaming
        ("/missing-link", "HTTP 404"),
        ("/slow", "timed out after 1 s"),
    ],
)
def test_fetch_failures(server, local_settings: Settings, path: str, message: str) -> None:  # type: ignore[no-untyped-def]
    url = server.url(path)
    started = time.monotonic()
    with pytest.raises(InputError) as info:
        fetch(url, local_settings)
    assert info.value.input == url
    assert message in info.value.message
    assert time.monotonic() - started < conftest.SLOW_SECONDS  # gave up before the server answered


def test_fetch_refuses_other_schemes(local_settings: Settings) -> None:
    with pytest.raises(InputError, match="only http and https"):
        fetch("ftp://127.0.0.1/file.txt", local_settings)


def test_fetch_connection_refused(local_settings: Settings) -> None:
    with socket.socket() as sock:  # a port that nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(InputError, match="could not be fetched"):
        fetch(f"http://127.0.0.1:{port}/", local_settings)


# --- private addresses ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("http://127.0.0.1/", "loopback"),
        ("http://localhost:8080/page", "loopback"),
        ("http://[::1]/", "loopback"),
        ("http://10.1.2.3/", "private-network"),
        ("http://192.168.0.10/", "private-network"),
        ("http://169.254.169.254/latest/meta-data/", "link-local"),
        ("http://[::ffff:127.0.0.1]/", "loopback"),
        ("http://0.0.0.0/", "address"),
        ("http://240.0.0.1/", "reserved"),
    ],
)
def test_private_addresses_refused_by_default(url: str, reason: str) -> None:
    settings = Settings(db=":memory:", allow_private_urls=False, fetch_timeout=1.0)
    with pytest.raises(InputError) as info:
        fetch(url, settings)
    assert reason in info.value.message and "refused" in info.value.message
    assert "DETENTE_ALLOW_PRIVATE_URLS" in info.value.message


def test_private_refusal_of_the_real_server(server) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(db=":memory:", allow_private_urls=False, fetch_timeout=1.0)
    results = read_url(server.url("/article.html?refused"), settings)
    assert len(results) == 1 and isinstance(results[0], InputError)
    assert "loopback" in results[0].message
    assert not any(path == "/article.html?refused" for path, _ in server.requests)  # never connected


def test_every_redirect_hop_is_checked(server, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    # Treat 127.0.0.1 (the test server) as public; the redirect target [::1] stays forbidden.
    real = fetch_mod.forbidden_reason

    def allow_test_server(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        return None if ip == ipaddress.ip_address("127.0.0.1") else real(ip)

    monkeypatch.setattr(fetch_mod, "forbidden_reason", allow_test_server)
    settings = Settings(db=":memory:", allow_private_urls=False, fetch_timeout=1.0)
    assert b"hotline" in fetch(server.url("/article.html"), settings).body
    with pytest.raises(InputError, match=r"resolves to ::1, a loopback address"):
        fetch(server.url("/to-ipv6-loopback"), settings)


# --- URL inputs ----------------------------------------------------------------------------


def test_url_html_document(server, local_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    (doc,) = read_url(server.url("/article.html"), local_settings)
    assert isinstance(doc, RawDocument)
    assert doc.origin == server.url("/article.html")
    assert doc.title == "Coast guards open a hotline" and doc.source == "Example Herald"
    assert doc.published == "2024-06-02" and doc.published_basis == "metadata"
    assert doc.path is None and doc.url is not None
    assert "direct telephone line" in doc.text


@pytest.mark.parametrize("path", ["/feed.rss", "/feed-as-text"])  # by content type, and by sniffing
def test_url_feed(server, local_settings: Settings, path: str) -> None:  # type: ignore[no-untyped-def]
    results = read_url(server.url(path), local_settings)
    titles = [r.title for r in results if isinstance(r, RawDocument)]
    assert titles == ["Trade delegation arrives in Harbour City", "Border crossing reopens after floods"]
    assert results[0].origin == server.url(path) + "#1"


@pytest.mark.parametrize(
    ("path", "title", "snippet"),
    [
        ("/feed.atom", "Analysts expect a new round of talks", "Several analysts said"),
        ("/html-no-type", "Coast guards open a hotline", "direct telephone line"),  # sniffed
        ("/latin1.html", "Réunion à Genève", "réunies à Genève"),  # charset from the header
        ("/plain.txt", None, "Ministers from Norland"),
        ("/notes.md", "Parliament debates the border budget", "called the plan too expensive."),
        ("/bulletin.pdf", None, "Diplomats from Chile met in Lima on Monday."),  # application/pdf is read
    ],
)
def test_url_kinds(server, local_settings: Settings, path: str, title: str | None, snippet: str) -> None:  # type: ignore[no-untyped-def]
    doc = read_url(server.url(path), local_settings)[0]
    assert isinstance(doc, RawDocument), doc
    assert doc.title == title and snippet in doc.text


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/image.png", "not a text document"),
        ("/png-as-html", "is a PNG image, not an HTML page"),
        ("/empty", "empty body"),
        ("/notext.html", "no text found"),
        ("/loop", "too many redirects"),
        ("/slow", "timed out"),
        ("/huge-stream", "larger than the limit"),
    ],
)
def test_url_bad_inputs_are_yielded(server, local_settings: Settings, path: str, message: str) -> None:  # type: ignore[no-untyped-def]
    results = read_url(server.url(path), local_settings)
    assert len(results) == 1 and isinstance(results[0], InputError)
    assert results[0].input == server.url(path) and message in results[0].message


def test_follow_fetches_each_entry(server, local_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    url = server.url("/follow-feed.rss")
    without = read_url(url, local_settings)
    assert [r.text for r in without if isinstance(r, RawDocument)] == ["Teaser one.", "Teaser two."]
    story, missing = read_url(url, local_settings, follow=True)
    assert isinstance(story, RawDocument)
    assert story.text.startswith("This is the full article number 1.")
    assert "autumn" in story.text
    # the feed's metadata wins; the page fills what the feed lacks
    assert story.title == "Feed title one" and story.source == "Follow Wire"
    assert story.authors == ["Page Author"] and story.published == "2024-04-01"
    assert story.url == server.url("/story/1") and story.origin == url + "#1"
    assert isinstance(missing, InputError) and missing.input == url + "#2"
    assert "HTTP 404" in missing.message and "/missing-link" in missing.message
