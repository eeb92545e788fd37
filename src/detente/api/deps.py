"""Request dependencies: the app state, a read store, and the write guard."""

from __future__ import annotations

import secrets
from collections.abc import Iterator

from fastapi import Request

from ..store import Store
from .problems import Problem
from .state import AppState


def get_state(request: Request) -> AppState:
    """The running app's state."""
    state: AppState = request.app.state.detente
    return state


def read_store(request: Request) -> Iterator[Store]:
    """A store for reading, private to the thread serving this request."""
    with get_state(request).reading() as store:
        yield store


def require_writer(request: Request) -> None:
    """Refuse a write unless it carries ``Authorization: Bearer TOKEN`` (when a token is set)."""
    token = get_state(request).token
    if not token:
        return
    header = request.headers.get("authorization", "")
    scheme, _, given = header.partition(" ")
    if scheme.lower() != "bearer" or not given:
        raise Problem(401, "this server requires 'Authorization: Bearer TOKEN' for writes", slug="unauthorized",
                      headers={"WWW-Authenticate": 'Bearer realm="detente"'})
    if not secrets.compare_digest(given.strip().encode(), token.encode()):
        raise Problem(403, "the bearer token is not valid for this server", slug="forbidden",
                      headers={"WWW-Authenticate": 'Bearer realm="detente", error="invalid_token"'})
