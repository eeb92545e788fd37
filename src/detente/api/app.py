"""The FastAPI application: JSON API under ``/api``, the web UI at ``/``.

``create_app(settings)`` builds one app around one store file.  Reads run on
per-thread connections while ingest jobs write through a single worker (see
:mod:`detente.api.state`); every error is an RFC 9457 problem document (see
:mod:`detente.api.problems`).  The web UI is static files shipped in the
package, served with a strict Content-Security-Policy.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.middleware.trustedhost import TrustedHostMiddleware

from .. import __version__
from ..settings import Settings
from . import problems
from .cache import ReadCache, StoreVersion
from .deps import MIN_TOKEN_CHARS
from .guard import Guard
from .routes import actors, analysis, documents, events, ontology, positions, system
from .state import AppState

WEB = Path(__file__).resolve().parent.parent / "web"

# no inline script or style, nothing from elsewhere: article text is untrusted
CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
       "font-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
}
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "::1", "[::1]"]
# a request body may hold one article (max_bytes) and its form fields
BODY_SLACK = 64 * 1024

DESCRIPTION = """\
The detente HTTP API: documents, actors, events and analyses of the store.
Errors are RFC 9457 problem documents (`application/problem+json`).
Write endpoints need `Authorization: Bearer TOKEN` when the server has a token.
See docs/api.md.
"""


def create_app(settings: Settings | None = None, *, token: str | None = None,
               allowed_hosts: Sequence[str] | None = None) -> FastAPI:
    """The detente web app for the store ``settings.db``.

    ``token`` (default: env ``DETENTE_TOKEN``) protects write endpoints;
    ``allowed_hosts`` restricts the Host header (the ``serve`` command passes the
    loopback names when bound to loopback, against DNS rebinding).
    """
    settings = settings or Settings()
    token = token if token is not None else os.environ.get("DETENTE_TOKEN")
    if token and len(token) < MIN_TOKEN_CHARS:
        raise ValueError(f"the write token must be at least {MIN_TOKEN_CHARS} characters long "
                         f"(it has {len(token)}); 'detente serve --token generate' makes one")
    state = AppState(settings, token=token)
    version = StoreVersion(settings.db)  # after AppState: the store file exists now

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        state.close()
        version.close()

    app = FastAPI(title="detente", version=__version__, description=DESCRIPTION, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/api/openapi.json")
    app.state.detente = state
    problems.install(app)

    # outermost last: the Host check, then the guard, before anything reads the request; then the cache
    app.add_middleware(ReadCache, version=version, subscribe=state.on_write.append)
    app.add_middleware(Guard, token=state.token, max_body=settings.max_bytes + BODY_SLACK,
                       security_headers=SECURITY_HEADERS)
    if allowed_hosts:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts))

    for module in (system, documents, actors, events, analysis, ontology, positions):
        app.include_router(module.router, prefix="/api")

    app.mount("/static", StaticFiles(directory=WEB), name="static")

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(WEB / "index.html", media_type="text/html")

    return app
