"""The request guard: what every request must pass before the app reads a byte of its body.

A pure ASGI middleware (no ``BaseHTTPMiddleware``): it decides from the request line and
headers alone, then counts the body as it streams, so neither a stranger nor an oversized
body costs the server any work.  In order:

1. **Parameters**: no control character (NUL, escape sequences) in the path or in any query
   parameter, and no parameter longer than :data:`MAX_PARAM_CHARS` → 422.
2. **Cross-site writes** (POST, PUT, PATCH, DELETE): a browser's ``Sec-Fetch-Site`` must say
   ``same-origin`` (or ``none``) and its ``Origin`` must be this server → otherwise 403
   ``cross-site``.  A page elsewhere therefore cannot make a visitor's browser write, even
   when writes need no token.
3. **Token**: when the server has one, a write without it is refused (401/403) here, before
   its body is read.
4. **Form-proof POSTs**: a POST must be JSON, carry ``Authorization`` or carry
   ``X-Requested-With`` — things an HTML form on another site cannot send (browsers that omit
   ``Origin`` are covered too) → otherwise 403 ``cross-site``.
5. **Body size**: a ``Content-Length`` above the limit is refused at once; a body without one
   (chunked) is counted while it arrives and refused with 413 as soon as it passes the limit.

Every response also gets the security headers (CSP and friends) here.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from urllib.parse import parse_qsl, urlsplit

from starlette.datastructures import Headers, MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import problems
from .deps import token_problem

WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
# Sec-Fetch-Site values of a request this origin's own pages (or the user) made
OWN_SITE = frozenset({"same-origin", "none"})
# a cross-site form can send only urlencoded, multipart or text/plain bodies; JSON needs a CORS preflight
FORM_PROOF_TYPES = frozenset({"application/json"})
FORM_PROOF_HEADER = "x-requested-with"
MAX_PARAM_CHARS = 1000  # any one query parameter (the longest real one, a search, is 500)
MAX_PATH_CHARS = 2048
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
DEFAULT_PORTS = {"http": 80, "https": 443}


class _BodyTooLarge(Exception):
    """Raised from ``receive`` when the body passes the limit (the app's answer is then replaced)."""


def same_origin(origin: str, host: str) -> bool:
    """Whether the browser's ``Origin`` names the server the ``Host`` header names (the scheme's port when absent)."""
    try:
        o, h = urlsplit(origin), urlsplit("//" + host)
        if o.scheme not in DEFAULT_PORTS or not o.hostname or o.hostname != h.hostname:
            return False
        default = DEFAULT_PORTS[o.scheme]
        return (o.port or default) == (h.port or default)
    except ValueError:  # a port that is not a number
        return False


def parameter_problem(scope: Scope) -> problems.Problem | None:
    """A 422 for a path or query parameter no endpoint should ever receive."""
    path: str = scope.get("path", "")
    if CONTROL.search(path) or len(path) > MAX_PATH_CHARS:
        return _invalid("path", "path", "the path has control characters or is longer than "
                        f"{MAX_PATH_CHARS} characters")
    raw: bytes = scope.get("query_string", b"")
    # decoded as Starlette decodes it, so that what is checked is what the endpoint gets
    for name, value in parse_qsl(raw.decode("latin-1"), keep_blank_values=True):
        if CONTROL.search(name) or CONTROL.search(value):
            return _invalid(name, "query", "control characters (such as NUL) are not allowed")
        if len(value) > MAX_PARAM_CHARS:
            return _invalid(name, "query", f"longer than {MAX_PARAM_CHARS} characters")
    return None


def _invalid(where: str, kind: str, message: str) -> problems.Problem:
    return problems.Problem(422, f"{where}: {message}", slug="invalid-parameters", title="Invalid parameters",
                            errors=[{"where": where, "in": kind, "message": message}])


def write_problem(method: str, headers: Headers, token: str | None) -> problems.Problem | None:
    """Steps 2–4 of the module docstring for one write: a 403/401 or None."""
    fetch_site = headers.get("sec-fetch-site")
    if fetch_site is not None and fetch_site.lower() not in OWN_SITE:
        return _cross_site(f"a write from another site (Sec-Fetch-Site: {fetch_site[:40]}) is refused")
    origin = headers.get("origin")
    if origin is not None and not same_origin(origin, headers.get("host", "")):
        return _cross_site(f"a write from another origin ({origin[:100]}) is refused")
    if token and (refused := token_problem(token, headers.get("authorization"))) is not None:
        return refused
    if method == "POST" and "authorization" not in headers and FORM_PROOF_HEADER not in headers:
        media = headers.get("content-type", "").split(";", 1)[0].strip().lower()
        if media not in FORM_PROOF_TYPES:
            return _cross_site("a POST must be JSON (Content-Type: application/json) or carry "
                               "'X-Requested-With' or an 'Authorization' header, so that no form on another "
                               "site can send it")
    return None


def _cross_site(detail: str) -> problems.Problem:
    return problems.Problem(403, detail, slug="cross-site", title="Cross-site request refused")


class Guard:
    """The ASGI middleware; ``token`` protects writes, ``max_body`` bounds every request body in bytes."""

    def __init__(self, app: ASGIApp, *, token: str | None, max_body: int, security_headers: Mapping[str, str]):
        self.app = app
        self.token = token
        self.max_body = max_body
        self.security_headers = dict(security_headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = self._decorated(scope, send)
        refused = self._check(scope)
        if refused is not None:
            await self._answer(refused, scope, receive, send)
            return
        received = 0
        too_large = False
        started = False

        async def counted() -> Message:
            nonlocal received, too_large
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body:
                    too_large = True
                    raise _BodyTooLarge
            return message

        async def watched(message: Message) -> None:
            nonlocal started
            if too_large:
                return  # the app's answer to a body it could not finish is replaced by the 413 below
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, watched)
        except Exception:
            # the app may wrap the exception (FastAPI answers 400 for an unreadable body): the flag decides
            if not too_large:
                raise
        if too_large and not started:
            await self._answer(self._too_large(), scope, receive, send)

    def _check(self, scope: Scope) -> problems.Problem | None:
        refused = parameter_problem(scope)
        if refused is not None:
            return refused
        headers = Headers(scope=scope)
        method = scope.get("method", "GET")
        if method in WRITE_METHODS and (refused := write_problem(method, headers, self.token)) is not None:
            return refused
        length = headers.get("content-length")
        if length is not None:
            if not length.strip().isdigit():
                return problems.Problem(400, "Content-Length is not a number")
            if int(length) > self.max_body:
                return self._too_large()
        return None

    def _too_large(self) -> problems.Problem:
        return problems.Problem(413, f"the request body is larger than the limit of {self.max_body} bytes",
                                slug="too-large")

    @staticmethod
    async def _answer(refused: problems.Problem, scope: Scope, receive: Receive, send: Send) -> None:
        response = problems.problem_response(refused.status, refused.detail, slug=refused.slug,
                                             title=refused.title, headers=refused.headers, **refused.extra)
        await response(scope, receive, send)

    def _decorated(self, scope: Scope, send: Send) -> Send:
        api = scope.get("path", "").startswith("/api/")

        async def decorated(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for key, value in self.security_headers.items():
                    headers.setdefault(key, value)
                if api:
                    headers.setdefault("Cache-Control", "no-store")
            await send(message)

        return decorated
