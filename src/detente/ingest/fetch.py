"""Safe fetching of one URL: http(s) only, bounded time, size and redirects, no private hosts.

Redirects are followed by hand so that every hop is checked: a public URL that
redirects to ``http://169.254.169.254/`` (cloud metadata) or ``http://localhost``
is refused like a direct request would be.

One deadline (``fetch_timeout``) covers the whole fetch — connecting, every redirect,
the headers and the body: httpx's own timeouts apply to each network wait, so a
server sending one header line every few seconds would otherwise hold a fetch for as
long as it likes.  Connections are direct (proxy environment variables are not used).

Known limit: the host is resolved for the check and again by httpx for the
connection, so a DNS server that answers differently the second time (DNS
rebinding) could slip past the check.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

import httpcore
import httpx

from detente.errors import InputError
from detente.ingest.text import printable
from detente.settings import Settings

MAX_REDIRECTS = 5
USER_AGENT = "detente/0.1 (news knowledge-graph builder; fetches only the URLs its user gives it)"

# Content types that are certainly not documents: refused from the headers, before the body.
_NOT_TEXT_PREFIXES: tuple[str, ...] = ("image/", "audio/", "video/", "font/", "model/")
_NOT_TEXT_TYPES: frozenset[str] = frozenset(
    {
        "application/octet-stream",
        "application/zip",
        "application/gzip",
        "application/x-gzip",
        "application/x-tar",
        "application/x-7z-compressed",
        "application/vnd.ms-excel",
        "application/msword",
        "application/wasm",
    }
)
_REDIRECT_CODES = frozenset({301, 302, 303, 307, 308})


@dataclass(slots=True)
class FetchResult:
    """A fetched body: the final URL after redirects, its media type, bytes and declared charset."""

    url_final: str
    content_type: str | None  # media type only, lower case ("text/html"), None when absent
    body: bytes
    encoding: str | None  # charset from the Content-Type header, None when absent


def forbidden_reason(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why fetching from ``ip`` is refused by default ("a loopback address"), or None."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return forbidden_reason(ip.ipv4_mapped)
    checks = (
        (ip.is_loopback, "a loopback address"),
        (ip.is_link_local, "a link-local address"),
        (ip.is_multicast, "a multicast address"),
        (ip.is_reserved, "a reserved address"),
        (ip.is_private, "a private-network address"),
        (ip.is_unspecified, "an unspecified address"),
        (not ip.is_global, "not a public address"),
    )
    for flag, reason in checks:
        if flag:
            return reason
    return None


def check_host(url: str, host: str, port: int) -> None:
    """Resolve ``host`` and raise InputError if any of its addresses is not public."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as exc:
        raise InputError(printable(url), f"cannot resolve host {host!r} ({exc})") from exc
    for info in infos:
        address = str(info[4][0]).split("%", 1)[0]  # drop an IPv6 zone id
        reason = forbidden_reason(ipaddress.ip_address(address))
        if reason:
            raise InputError(
                url,
                f"host {host!r} resolves to {address}, {reason}; refused by default "
                "(set DETENTE_ALLOW_PRIVATE_URLS=1 to allow it)",
            )


def _validate_url(original: str, url: str, settings: Settings) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise InputError(printable(original), f"only http and https URLs can be fetched, not {parts.scheme or 'no'} scheme")
    if not parts.hostname:
        raise InputError(printable(original), "the URL has no host")
    if not settings.allow_private_urls:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise InputError(printable(original), f"bad port in URL ({exc})") from exc
        check_host(original, parts.hostname, port)


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, _, params = header.partition(";")
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media.strip().lower() or None, charset


def is_not_text(content_type: str | None) -> bool:
    """True for media types that are certainly not documents (images, archives, octet streams)."""
    if content_type is None:
        return False
    return content_type.startswith(_NOT_TEXT_PREFIXES) or content_type in _NOT_TEXT_TYPES


class _DeadlineStream(httpcore.NetworkStream):
    """A connection whose every wait ends at the fetch's deadline, not only after its own timeout."""

    def __init__(self, inner: httpcore.NetworkStream, deadline: float):
        self._inner = inner
        self._deadline = deadline

    def _clamp(self, timeout: float | None) -> float:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0:
            raise httpcore.ReadTimeout("the fetch deadline passed")
        return remaining if timeout is None else min(timeout, remaining)

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._inner.read(max_bytes, self._clamp(timeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._inner.write(buffer, self._clamp(timeout))

    def close(self) -> None:
        self._inner.close()

    def start_tls(self, ssl_context: Any, server_hostname: str | None = None,
                  timeout: float | None = None) -> httpcore.NetworkStream:
        inner = self._inner.start_tls(ssl_context, server_hostname, self._clamp(timeout))
        return _DeadlineStream(inner, self._deadline)

    def get_extra_info(self, info: str) -> Any:
        return self._inner.get_extra_info(info)


class _DeadlineBackend(httpcore.SyncBackend):
    def __init__(self, deadline: float):
        self._deadline = deadline

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        remaining = max(0.001, self._deadline - time.monotonic())
        timeout = remaining if timeout is None else min(timeout, remaining)
        stream = super().connect_tcp(host, port, timeout, local_address, socket_options)
        return _DeadlineStream(stream, self._deadline)


class _DeadlineTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose sockets obey one deadline."""

    def __init__(self, deadline: float):
        super().__init__()
        # httpx builds its pool without a way to pass a network backend; httpcore's pool takes one
        self._pool = httpcore.ConnectionPool(
            ssl_context=httpx.create_ssl_context(), network_backend=_DeadlineBackend(deadline)
        )


def fetch(url: str, settings: Settings | None = None) -> FetchResult:
    """GET ``url`` safely and return its body; raise InputError naming the URL on any failure.

    Enforces: http/https only; ``settings.fetch_timeout`` for the whole fetch, headers
    included; at most 5 redirects; ``settings.max_bytes`` while streaming;
    public addresses only unless ``settings.allow_private_urls``; text-like content only.
    """
    settings = settings or Settings()
    timeout = httpx.Timeout(settings.fetch_timeout)
    deadline = time.monotonic() + settings.fetch_timeout
    current = url
    name = printable(url)  # the URL as messages show it: no raw control characters
    try:
        with httpx.Client(
            follow_redirects=False, timeout=timeout, headers={"User-Agent": USER_AGENT},
            transport=_DeadlineTransport(deadline),
        ) as client:
            for _hop in range(MAX_REDIRECTS + 1):
                _validate_url(url, current, settings)
                with client.stream("GET", current) as response:
                    location = response.headers.get("location")
                    if response.status_code in _REDIRECT_CODES and location:
                        current = urljoin(current, location)
                        continue
                    return _read_body(url, current, response, settings, deadline)
    except httpx.TimeoutException as exc:
        raise InputError(name, f"timed out after {settings.fetch_timeout:g} s ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise InputError(name, f"could not be fetched: {printable(str(exc)) or type(exc).__name__}") from exc
    raise InputError(name, f"too many redirects (more than {MAX_REDIRECTS}); last one pointed to {printable(current)}")


def _read_body(
    url: str, current: str, response: httpx.Response, settings: Settings, deadline: float
) -> FetchResult:
    if response.status_code >= 400:
        raise InputError(printable(url), f"the server answered HTTP {response.status_code} {printable(response.reason_phrase)}")
    if response.status_code >= 300:
        raise InputError(printable(url), f"the server answered HTTP {response.status_code} without a usable redirect")
    content_type, charset = _media_type(response.headers.get("content-type"))
    if is_not_text(content_type):
        raise InputError(printable(url), f"is not a text document (content type {printable(content_type or '')})")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise InputError(printable(url), f"is {int(declared)} bytes, more than the limit of {settings.max_bytes} (max_bytes)")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise InputError(printable(url), f"is larger than the limit of {settings.max_bytes} bytes (max_bytes)")
        if time.monotonic() > deadline:
            raise InputError(printable(url), f"timed out after {settings.fetch_timeout:g} s (download too slow)")
        chunks.append(chunk)
    return FetchResult(url_final=str(response.url), content_type=content_type, body=b"".join(chunks), encoding=charset)
