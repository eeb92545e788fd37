"""Request dependencies: the app state, a read store, and the write guard."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

from fastapi import Request

from ..store import Store
from .problems import Problem
from .state import AppState

# shortest write token `serve` and create_app accept: a guessable token protects nothing
MIN_TOKEN_CHARS = 16


def get_state(request: Request) -> AppState:
    """The running app's state."""
    state: AppState = request.app.state.detente
    return state


def read_store(request: Request) -> Iterator[Store]:
    """A store for reading, private to the thread serving this request."""
    with get_state(request).reading() as store:
        yield store


def token_problem(token: str, authorization: str | None) -> Problem | None:
    """401 without ``Authorization: Bearer TOKEN``, 403 with another token, None with this one."""
    scheme, _, given = (authorization or "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return Problem(401, "this server requires 'Authorization: Bearer TOKEN' for writes and jobs",
                       slug="unauthorized", headers={"WWW-Authenticate": 'Bearer realm="detente"'})
    if not secrets.compare_digest(given.strip().encode(), token.encode()):
        return Problem(403, "the bearer token is not valid for this server", slug="forbidden",
                       headers={"WWW-Authenticate": 'Bearer realm="detente", error="invalid_token"'})
    return None


def require_writer(request: Request) -> None:
    """Refuse a request unless it carries ``Authorization: Bearer TOKEN`` (when a token is set).

    The request guard (:mod:`detente.api.guard`) already checks writes before their body is
    read; this dependency keeps each write endpoint safe on its own, and protects the job
    endpoints, whose labels (URLs, file names) are the writers' business.
    """
    token = get_state(request).token
    if token and (refused := token_problem(token, request.headers.get("authorization"))) is not None:
        raise refused
