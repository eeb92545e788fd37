"""Safe fetching of one URL: http(s) only, bounded time, size and redirects, no private hosts.

Redirects are followed by hand so that every hop is checked: a public URL that
redirects to ``http://169.254.169.254/`` (cloud metadata) or ``http://localhost``
is refused like a direct request would be.

Known limit: the host is resolved for the check and again by httpx for the
connection, so a DNS server that answers differently the second time (DNS
rebinding) could slip past the check.
"""

from __future__ import annotations

import ipaddress
import socket
import time
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from detente.errors import InputError
from detente.settings import Settings

MAX_REDIRECTS = 5
USER_AGENT = "detente/0.1 (news knowledge-graph builder; fetches only the URLs its user gives it)"

# Content types that are certainly not documents: refused from the headers, before the body.
_NOT_TEXT_PREFIXES: tuple[str, ...] = ("image/", "audio/", "video/", "font/", "model/")
_NOT_TEXT_TYPES: frozenset[str] = frozenset(
    {
        "application/octet-stream",
        "application/pdf",
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
        raise InputError(url, f"cannot resolve host {host!r} ({exc})") from exc
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
        raise InputError(original, f"only http and https URLs can be fetched, not {parts.scheme or 'no'} scheme")
    if not parts.hostname:
        raise InputError(original, "the URL has no host")
    if not settings.allow_private_urls:
        try:
            port = parts.port or (443 if parts.scheme == "https" else 80)
        except ValueError as exc:
            raise InputError(original, f"bad port in URL ({exc})") from exc
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


def fetch(url: str, settings: Settings | None = None) -> FetchResult:
    """GET ``url`` safely and return its body; raise InputError naming the URL on any failure.

    Enforces: http/https only; ``settings.fetch_timeout`` for each network wait and for
    the whole download; at most 5 redirects; ``settings.max_bytes`` while streaming;
    public addresses only unless ``settings.allow_private_urls``; text-like content only.
    """
    settings = settings or Settings()
    timeout = httpx.Timeout(settings.fetch_timeout)
    deadline = time.monotonic() + settings.fetch_timeout
    current = url
    try:
        with httpx.Client(
            follow_redirects=False, timeout=timeout, headers={"User-Agent": USER_AGENT}
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
        raise InputError(url, f"timed out after {settings.fetch_timeout:g} s ({type(exc).__name__})") from exc
    except httpx.HTTPError as exc:
        raise InputError(url, f"could not be fetched: {exc or type(exc).__name__}") from exc
    raise InputError(url, f"too many redirects (more than {MAX_REDIRECTS}); last one pointed to {current}")


def _read_body(
    url: str, current: str, response: httpx.Response, settings: Settings, deadline: float
) -> FetchResult:
    if response.status_code >= 400:
        raise InputError(url, f"the server answered HTTP {response.status_code} {response.reason_phrase}")
    if response.status_code >= 300:
        raise InputError(url, f"the server answered HTTP {response.status_code} without a usable redirect")
    content_type, charset = _media_type(response.headers.get("content-type"))
    if is_not_text(content_type):
        raise InputError(url, f"is not a text document (content type {content_type})")
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > settings.max_bytes:
        raise InputError(url, f"is {int(declared)} bytes, more than the limit of {settings.max_bytes} (max_bytes)")
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > settings.max_bytes:
            raise InputError(url, f"is larger than the limit of {settings.max_bytes} bytes (max_bytes)")
        if time.monotonic() > deadline:
            raise InputError(url, f"timed out after {settings.fetch_timeout:g} s (download too slow)")
        chunks.append(chunk)
    return FetchResult(url_final=str(response.url), content_type=content_type, body=b"".join(chunks), encoding=charset)
