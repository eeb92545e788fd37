"""Read endpoints' answers written as JSON once, by ``orjson``.

FastAPI checks and re-encodes a plain answer (a dict) field by field with
``jsonable_encoder`` before writing it: 240 ms for the all-time network of a million
events (23,000 edges), 35 ms for the latest period's "what changed", where writing the
same dict takes 28 and 4 with ``json`` (4 and 0.6 with ``orjson``).  The routers'
:class:`JSONRoute` writes a plain answer of a synchronous endpoint with :class:`JSONBody`
instead: the JSON ``JSONResponse`` writes (UTF-8, compact, keys in order), what neither
writer knows (a set, an object) as FastAPI encodes it; a number that is not one (NaN) is
written ``null``.  OpenAPI still describes the endpoint's answer from its annotation.
Endpoints that return a ``Response`` themselves, take one to set headers on, or are
asynchronous (the writers) are left as FastAPI runs them.
"""

from __future__ import annotations

import functools
import inspect
import json
from collections.abc import Callable
from typing import Any

import orjson
from fastapi.encoders import jsonable_encoder
from fastapi.routing import APIRoute
from starlette.responses import Response


def json_bytes(content: Any) -> bytes:
    """``content`` as JSON: UTF-8, compact, keys in order; by ``orjson`` (a tenth of ``json.dumps``' time on
    a network's 23,000 edges), by ``json`` what it cannot write (an integer beyond 64 bits)."""
    try:
        return orjson.dumps(content, default=jsonable_encoder, option=orjson.OPT_NON_STR_KEYS)
    except TypeError:
        return json.dumps(content, ensure_ascii=False, allow_nan=False, indent=None, separators=(",", ":"),
                          default=jsonable_encoder).encode("utf-8")


class JSONBody(Response):
    """A JSON answer written by :func:`json_bytes`."""

    media_type = "application/json"

    def render(self, content: Any) -> bytes:
        return json_bytes(content)


def _takes_response(endpoint: Callable[..., Any]) -> bool:
    """A parameter of the endpoint is FastAPI's response (to set headers or a status on)."""
    return any(p.annotation is Response or str(p.annotation).endswith("Response")
               for p in inspect.signature(endpoint).parameters.values())


def _direct(endpoint: Callable[..., Any], status: int) -> Callable[..., Any]:
    @functools.wraps(endpoint)  # FastAPI reads the parameters and the answer's annotation through it
    def answer(*args: Any, **kwargs: Any) -> Any:
        out = endpoint(*args, **kwargs)
        return out if isinstance(out, Response) else JSONBody(out, status_code=status)

    return answer


class JSONRoute(APIRoute):
    """An API route whose synchronous endpoint's plain answer is written by :class:`JSONBody`."""

    def __init__(self, path: str, endpoint: Callable[..., Any], **kwargs: Any) -> None:
        if not inspect.iscoroutinefunction(endpoint) and not _takes_response(endpoint):
            endpoint = _direct(endpoint, kwargs.get("status_code") or 200)
        super().__init__(path, endpoint, **kwargs)
