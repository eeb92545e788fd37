"""GET /api/positions against the running, seeded server: step lines with their sources, problems for bad input."""

from __future__ import annotations

import httpx

from tests.api.live import LiveServer
from tests.api.test_api import get, problem


def test_positions_are_step_lines_with_sources(live: LiveServer) -> None:
    found = [(a, get(live, "/api/positions", actor=a)) for a in ("CHN", "PRK", "USA", "KOR", "RUS")]
    actor, data = next((a, d) for a, d in found if d["lines"])
    assert data["actor"] == actor
    for line in data["lines"]:
        assert {"holder", "holder_name", "issue", "issue_label", "target", "steps", "shifts"} <= set(line)
        firsts = [st["first"] for st in line["steps"]]
        assert firsts == sorted(firsts)  # steps in time order
        for st in line["steps"]:
            assert st["when"] and st["evidence"]
            if st["stance"] == "silent":
                assert st["text"].startswith("made no reference to")
            for e in st["evidence"]:
                text = get(live, f"/api/documents/{e['document']}")["document"]["text"]
                assert " ".join(text[e["start"]:e["end"]].split()) == e["text"]
    one = data["lines"][0]["issue"]
    only = get(live, "/api/positions", actor=actor, issue=one)
    assert {line["issue"] for line in only["lines"]} == {one}


def test_positions_bad_input_is_a_problem(live: LiveServer) -> None:
    problem(httpx.get(live.url + "/api/positions", timeout=60), 422)  # no actor
    problem(httpx.get(live.url + "/api/positions", params={"actor": "CHN", "issue": "no-such-issue-here"},
                      timeout=60), 422)
    problem(httpx.get(live.url + "/api/positions", params={"actor": "Atlantis"}, timeout=60), 422)
