"""Errors as RFC 9457 problem details: ``{"type", "title", "status", "detail"}``.

Every error the API returns, from a bad query parameter to an unexpected
exception, has this shape and ``Content-Type: application/problem+json``; an
unexpected exception is logged and answered with a 500 that reveals nothing of
the server's internals.
"""

from __future__ import annotations

import logging
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..errors import DetenteError, InputError, StoreError
from ..store.errors import StoreConstraintError, StoreQueryError

log = logging.getLogger("detente.api")

PROBLEM_TYPE = "https://detente.invalid/problems/"  # documented in docs/api.md
MEDIA_TYPE = "application/problem+json"


class Problem(Exception):
    """Raise to answer with a problem document."""

    def __init__(self, status: int, detail: str, *, slug: str | None = None, title: str | None = None,
                 headers: dict[str, str] | None = None, **extra: Any):
        self.status = status
        self.detail = detail
        self.slug = slug or _slug(status)
        self.title = title or HTTPStatus(status).phrase
        self.headers = headers
        self.extra = extra
        super().__init__(detail)


def _slug(status: int) -> str:
    return HTTPStatus(status).phrase.lower().replace(" ", "-").replace("'", "")


def problem_response(status: int, detail: str, *, slug: str | None = None, title: str | None = None,
                     headers: dict[str, str] | None = None, **extra: Any) -> JSONResponse:
    """A problem+json response."""
    body: dict[str, Any] = {
        "type": PROBLEM_TYPE + (slug or _slug(status)),
        "title": title or HTTPStatus(status).phrase,
        "status": status,
        "detail": detail,
        **extra,
    }
    return JSONResponse(body, status_code=status, media_type=MEDIA_TYPE, headers=headers)


def _location(loc: tuple[Any, ...] | list[Any]) -> str:
    parts = [str(p) for p in loc if p not in ("body", "query", "path", "header")] or [str(p) for p in loc]
    return ".".join(parts)


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem document."""

    @app.exception_handler(Problem)
    async def _problem(_: Request, exc: Problem) -> JSONResponse:
        return problem_response(exc.status, exc.detail, slug=exc.slug, title=exc.title, headers=exc.headers,
                                **exc.extra)

    @app.exception_handler(RequestValidationError)
    async def _validation(_: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"where": _location(e.get("loc", ())), "in": (e.get("loc") or ["?"])[0],
                   "message": e.get("msg", "invalid")} for e in exc.errors()]
        detail = "; ".join(f"{e['where']}: {e['message']}" for e in errors) or "invalid request"
        return problem_response(422, detail, slug="invalid-parameters", title="Invalid parameters", errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        detail = exc.detail if isinstance(exc.detail, str) else HTTPStatus(exc.status_code).phrase
        return problem_response(exc.status_code, detail, headers=getattr(exc, "headers", None))

    @app.exception_handler(InputError)
    async def _input(_: Request, exc: InputError) -> JSONResponse:
        # a parameter the library could not use (an unknown actor, a date that is not one)
        extra: dict[str, Any] = {"code": exc.code}
        if exc.field:
            extra["field"] = exc.field
        return problem_response(422, str(exc), slug="invalid-parameters", title="Invalid parameters", **extra)

    @app.exception_handler(StoreQueryError)
    @app.exception_handler(StoreConstraintError)
    async def _store_bug(request: Request, exc: StoreError) -> JSONResponse:
        # a bad statement or a broken constraint is a bug of ours, not an unavailable store
        log.error("store error on %s %s: %s", request.method, request.url.path, exc)
        return problem_response(500, "an unexpected error occurred; the server log has the details",
                                slug="internal-error", title="Internal Server Error")

    @app.exception_handler(StoreError)
    async def _store(_: Request, exc: StoreError) -> JSONResponse:
        log.error("store error: %s", exc)
        return problem_response(503, "the store is not available", slug="store-unavailable",
                                title="Store unavailable", code=exc.code)

    @app.exception_handler(DetenteError)
    async def _detente(_: Request, exc: DetenteError) -> JSONResponse:
        return problem_response(400, str(exc), slug="bad-input", title="Bad input", code=exc.code)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return problem_response(500, "an unexpected error occurred; the server log has the details",
                                slug="internal-error", title="Internal Server Error")
