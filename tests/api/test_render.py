"""Read endpoints write their answers once (``detente.api.render``): the JSON FastAPI wrote before."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import math
from pathlib import Path

import fastapi.routing
import pytest
from fastapi.encoders import jsonable_encoder
from fastapi.responses import JSONResponse

from detente.api.render import JSONBody, json_bytes
from detente.api.routes import analysis, system
from detente.store import Store
from tests.api.live import LiveServer, start


def test_the_answers_are_the_json_fastapi_wrote(live: LiveServer) -> None:
    with Store(live.db) as store:
        answers = {"/api/network": analysis.get_network(store, None, None, "state"),
                   "/api/changes": analysis.get_changes(store, None, None, [], 100, 0, 50, 5),
                   "/api/overview?top=8": system.overview(store, 8)}
    with live.client() as c:
        for path, data in answers.items():
            got = c.get(path)
            assert got.status_code == 200 and got.headers["content-type"] == "application/json"
            assert _same(got.content, JSONResponse(jsonable_encoder(data)).body), path


def _same(a: bytes, b: bytes) -> bool:
    """The same JSON, keys in the same order (written again by one writer)."""
    return json.dumps(json.loads(a)) == json.dumps(json.loads(b))


def test_what_json_cannot_write_is_written_as_fastapi_encodes_it() -> None:
    @dataclasses.dataclass
    class Span:
        start: dt.date
        tags: frozenset[str]

    data = {"span": Span(dt.date(2024, 3, 1), frozenset({"a"})), "ids": ("x", "é"), "n": 1.5, 3: [0.1, -4.0]}
    assert json_bytes(data) == JSONResponse(jsonable_encoder(data)).body
    assert json_bytes({"n": 2 ** 70}) == b'{"n":1180591620717411303424}'  # beyond orjson: json writes it
    assert JSONBody({"x": math.nan}).body == b'{"x":null}'  # not a number: no number


def test_the_endpoints_keep_their_parameters_and_answers_in_openapi(live: LiveServer) -> None:
    with live.client() as c:
        spec = c.get("/api/openapi.json").json()
    changes = spec["paths"]["/api/changes"]["get"]
    assert {"since", "until", "about", "limit", "offset", "top", "trend_entries"} <= {
        p["name"] for p in changes["parameters"]}
    assert changes["responses"]["200"]["content"]["application/json"]["schema"]["type"] == "object"


def test_a_plain_answer_is_not_encoded_again_by_fastapi(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(**_: object) -> None:
        raise AssertionError("FastAPI encoded the answer field by field")

    monkeypatch.setattr(fastapi.routing, "serialize_response", refuse)
    server = start(tmp_path / "s.db", token=None)
    try:
        with server.client() as c:
            for path in ("/api/network", "/api/changes?since=2024", "/api/overview", "/api/stats"):
                got = c.get(path)
                assert got.status_code == 200, (path, got.text)
    finally:
        server.stop()
