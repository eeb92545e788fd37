"""The HTTP API against a real running server (uvicorn in a thread, temp store seeded by real ingest)."""

from __future__ import annotations

import io
import json
import sqlite3
import threading
import time
import zipfile
from typing import Any

import httpx
import pytest

from detente.api import cache
from tests.api.live import MAX_BYTES, TOKEN, LiveServer

PROBLEM_KEYS = {"type", "title", "status", "detail"}


def problem(r: httpx.Response, status: int) -> dict[str, Any]:
    """Assert ``r`` is an RFC 9457 problem document with ``status``; return it."""
    assert r.status_code == status, r.text
    assert r.headers["content-type"].startswith("application/problem+json")
    body: dict[str, Any] = r.json()
    assert PROBLEM_KEYS <= set(body)
    assert body["status"] == status
    assert body["detail"]
    return body


def get(live: LiveServer, path: str, **params: Any) -> Any:
    r = httpx.get(live.url + path, params=params, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()


# -- system ----------------------------------------------------------------------


def test_health_and_security_headers(live: LiveServer) -> None:
    r = httpx.get(live.url + "/api/health")
    assert r.json()["status"] == "ok"
    csp = r.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp and "default-src 'none'" in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    index = httpx.get(live.url + "/")
    assert index.status_code == 200 and "text/html" in index.headers["content-type"]
    assert index.headers["content-security-policy"] == csp
    assert "<script>" not in index.text  # only external module scripts
    assert httpx.get(live.url + "/static/js/app.js").status_code == 200


def test_openapi_describes_every_endpoint(live: LiveServer) -> None:
    paths = get(live, "/api/openapi.json")["paths"]
    for path in ("/api/documents", "/api/documents/{doc_id}", "/api/documents/upload", "/api/documents/url",
                 "/api/jobs/{job_id}", "/api/actors", "/api/actors/{actor_id}", "/api/events",
                 "/api/events/{event_id}", "/api/timeline", "/api/relations", "/api/network", "/api/changes",
                 "/api/brief", "/api/search", "/api/stats", "/api/overview", "/api/export"):
        assert path in paths, path


def test_stats_and_overview_agree(live: LiveServer) -> None:
    stats = get(live, "/api/stats")
    assert "path" not in stats  # no server file layout leaks
    assert stats["documents"] >= len(set(live.seeded)) > 0
    assert stats["events"] > 0
    ov = get(live, "/api/overview", top=3)
    assert ov["stats"]["documents"] == stats["documents"]
    assert 0 < len(ov["latest_documents"]) <= 3
    assert ov["top_actors"] and all(a["events"] > 0 for a in ov["top_actors"])
    assert [p["events"] for p in ov["top_pairs"]] == sorted((p["events"] for p in ov["top_pairs"]), reverse=True)


def eventually(read: Any, expected: Any, seconds: float) -> float:
    """Seconds until ``read()`` gives ``expected`` (fails after ``seconds``)."""
    started = time.monotonic()
    while (got := read()) != expected:
        assert time.monotonic() - started < seconds, (got, expected)
        time.sleep(0.05)
    return time.monotonic() - started


def test_reads_follow_every_write_to_the_store(live: LiveServer) -> None:
    """Read answers may be kept in memory, but once the store file has changed, whoever changed it, only
    within the cache's staleness bound (another process's commits were told to nobody)."""
    doc_id = live.seeded[0]
    first = get(live, f"/api/documents/{doc_id}")["document"]["title"]
    assert get(live, f"/api/documents/{doc_id}")["document"]["title"] == first
    bound = cache.MAX_STALE + 5.0  # the bound, and time for a loaded machine to recompute

    def title() -> str:
        return str(get(live, f"/api/documents/{doc_id}")["document"]["title"])

    def listed() -> bool:
        return any(d["title"] == "Changed elsewhere" for d in get(live, "/api/documents", limit=500)["items"])

    with sqlite3.connect(live.db) as conn:  # another connection, as another process would write
        conn.execute("UPDATE documents SET title = ? WHERE id = ?", ("Changed elsewhere", doc_id))
    try:
        eventually(title, "Changed elsewhere", bound)
        eventually(listed, True, bound)
    finally:
        with sqlite3.connect(live.db) as conn:
            conn.execute("UPDATE documents SET title = ? WHERE id = ?", (first, doc_id))
    eventually(title, first, bound)


def test_unknown_path_is_a_problem(live: LiveServer) -> None:
    problem(httpx.get(live.url + "/api/nothing-here"), 404)


# -- documents -------------------------------------------------------------------


def test_documents_list_and_get_with_extraction(live: LiveServer) -> None:
    page = get(live, "/api/documents", limit=2)
    assert page["total"] >= len(set(live.seeded)) and len(page["items"]) == 2
    doc_id = live.seeded[0]
    data = get(live, f"/api/documents/{doc_id}")
    text = data["document"]["text"]
    assert data["document"]["id"] == doc_id
    assert data["actor_mentions"], "the summit article mentions actors"
    for m in data["actor_mentions"]:
        assert text[m["start"]:m["end"]] == m["text"]
    for t in data["times"]:
        assert text[t["start"]:t["end"]] == t["text"]
    assert data["events"]
    known = {a["id"] for a in data["actors"]}
    assert {a for e in data["events"] for a in e["source"] + e["target"]} <= known


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"offset": -1}, {"limit": "many"}])
def test_documents_bad_paging(live: LiveServer, params: dict[str, Any]) -> None:
    body = problem(httpx.get(live.url + "/api/documents", params=params), 422)
    assert body["errors"][0]["where"] in params


def test_missing_items_are_404(live: LiveServer) -> None:
    with live.client() as c:  # with the token: jobs are shown to writers only
        for path in ("/api/documents/nope", "/api/events/nope", "/api/actors/nope", "/api/jobs/job-999999"):
            problem(c.get(path), 404)


# -- actors ----------------------------------------------------------------------


def test_actors_filters(live: LiveServer) -> None:
    states = get(live, "/api/actors", kind="state", limit=1000)["items"]
    assert states and all(a["kind"] == "state" for a in states)
    prk = get(live, "/api/actors", country="prk")["items"]
    assert prk and all(a["country"] == "PRK" for a in prk)
    named = get(live, "/api/actors", q="korea")["items"]
    assert named and all("korea" in (a["name"] + " ".join(a["aliases"])).lower() for a in named)
    ranked = get(live, "/api/actors", sort="mentions")["items"]
    counts = [a["mention_count"] for a in ranked]
    assert counts == sorted(counts, reverse=True)
    one = get(live, f"/api/actors/{ranked[0]['id']}")
    assert one["mention_count"] == len(one["mentions"]) == ranked[0]["mention_count"]
    problem(httpx.get(live.url + "/api/actors", params={"kind": "planet"}), 422)
    problem(httpx.get(live.url + "/api/actors", params={"country": "Korea"}), 422)


# -- events ----------------------------------------------------------------------


def test_events_filters(live: LiveServer) -> None:
    every = get(live, "/api/events", limit=1000)
    assert every["total"] == len(every["items"]) > 0
    consult = get(live, "/api/events", type="CONSULT", limit=1000)["items"]
    assert consult and all(e["type"] == "CONSULT" for e in consult)
    asserted = get(live, "/api/events", modality="asserted", limit=1000)["items"]
    assert all(e["modality"] == "asserted" for e in asserted)
    conflict = get(live, "/api/events", quad_class=[3, 4], limit=1000)["items"]
    assert all(e["quad_class"] in (3, 4) for e in conflict)
    assert len(conflict) + len(get(live, "/api/events", quad_class="1", limit=1000)["items"]) \
        + len(get(live, "/api/events", quad_class="2", limit=1000)["items"]) == every["total"]
    dated = get(live, "/api/events", **{"from": "2025-09-01", "to": "2025-09-30"}, limit=1000)["items"]
    assert dated and all(e["date"]["start"] <= "2025-09-30" and (e["date"]["end"] or e["date"]["start"])
                         >= "2025-09-01" for e in dated)
    pair = get(live, "/api/events", pair="CHN,PRK", limit=1000)
    assert pair["items"]
    for e in pair["items"]:
        countries = {pair["actors"][a]["country"] for a in e["source"] + e["target"]}
        assert {"CHN", "PRK"} <= countries
    first = get(live, "/api/events", limit=2)
    second = get(live, "/api/events", limit=2, offset=2)
    assert [e["id"] for e in first["items"] + second["items"]] == [e["id"] for e in every["items"][:4]]
    doc = live.seeded[0]
    in_doc = get(live, "/api/events", document=doc, limit=1000)["items"]
    assert in_doc and all(any(m["document"] == doc for m in e["mentions"]) for e in in_doc)


def test_timeline_is_asserted_by_default(live: LiveServer) -> None:
    items = get(live, "/api/timeline", limit=1000)["items"]
    assert items and all(e["modality"] == "asserted" and e["label"] == "" for e in items)
    starts = [e["date"]["start"] for e in items if e["date"]["start"]]
    assert starts == sorted(starts)


@pytest.mark.parametrize("params", [
    {"type": "DANCE"}, {"modality": "rumoured"}, {"quad_class": 5}, {"from": "2025-13-01"},
    {"from": "2025-09-30", "to": "2025-09-01"}, {"actor": "Atlantis"}, {"pair": "CHN"}, {"limit": 100000},
])
def test_events_bad_parameters(live: LiveServer, params: dict[str, Any]) -> None:
    problem(httpx.get(live.url + "/api/events", params=params), 422)


def test_event_detail_evidence_is_the_article_text(live: LiveServer) -> None:
    items = get(live, "/api/events", limit=1000)["items"]
    ev = max(items, key=lambda e: len(e["mentions"]))
    detail = get(live, f"/api/events/{ev['id']}")
    assert len(detail["evidence"]) == len(ev["mentions"]) >= 1
    for src in detail["evidence"]:
        text = get(live, f"/api/documents/{src['document']}")["document"]["text"]
        assert text[src["start"]:src["end"]] == src["evidence"]
        assert text[:src["start"]].endswith(src["before"]) and text[src["end"]:].startswith(src["after"])
    assert set(detail["actors"]) >= set(ev["source"] + ev["target"])


# -- analyses --------------------------------------------------------------------


def test_relations(live: LiveServer) -> None:
    rel = get(live, "/api/relations", a="China", b="North Korea")
    assert rel["a"]["code"] == "CHN" and rel["b"]["code"] == "PRK"
    assert rel["events"] == rel["cooperation"] + rel["conflict"] > 0
    assert sum(sum(p["counts"].values()) for p in rel["periods"]) + rel["undated"] == rel["events"]
    assert rel["key_events"]
    yearly = get(live, "/api/relations", a="CHN", b="PRK", by="year")
    assert all(len(p["period"]) == 4 for p in yearly["periods"])
    problem(httpx.get(live.url + "/api/relations", params={"a": "CHN"}), 422)
    problem(httpx.get(live.url + "/api/relations", params={"a": "CHN", "b": "Atlantis"}), 422)
    problem(httpx.get(live.url + "/api/relations", params={"a": "CHN", "b": "PRK", "by": "week"}), 422)


def test_network(live: LiveServer) -> None:
    net = get(live, "/api/network")
    ids = {n["id"] for n in net["nodes"]}
    assert {"CHN", "PRK"} <= ids
    assert all(e["a"] in ids and e["b"] in ids for e in net["edges"])
    assert all(n["community"] >= 0 for n in net["nodes"])
    assert net["edges_total"] == len(net["edges"]) > 2
    # the heaviest edges only: the degrees and communities still count them all
    two = get(live, "/api/network", max_edges=2)
    assert two["edges"] == net["edges"][:2] and two["edges_total"] == net["edges_total"]
    assert two["edges"][0]["events"] >= two["edges"][1]["events"] >= max(e["events"] for e in net["edges"][2:])
    assert two["nodes"] == net["nodes"] and two["communities"] == net["communities"]
    early = get(live, "/api/network", to="1800")
    assert early["nodes"] == [] and early["edges"] == [] and early["edges_total"] == 0
    problem(httpx.get(live.url + "/api/network", params={"level": "galaxy"}), 422)
    for bad in ("-1", "1000001", "many"):
        problem(httpx.get(live.url + "/api/network", params={"max_edges": bad}), 422)


def test_changes(live: LiveServer) -> None:
    ch = get(live, "/api/changes", since="2025-09")
    assert ch["since"] == "2025-09-01"
    assert all((e["date"]["end"] or e["date"]["start"]) >= "2025-09-01" for e in ch["new_events"])
    default = get(live, "/api/changes")  # no since: the store's latest period, and the answer says how it chose it
    assert default["since"] and default["window_reason"]
    problem(httpx.get(live.url + "/api/changes", params={"since": "yesterday"}), 422)
    # new_events are paged: every page together is the whole list, and the total says how long it is
    whole = get(live, "/api/changes", since="2025", limit=1000)
    assert whole["new_events_total"] == len(whole["new_events"]) > 3
    pages = [get(live, "/api/changes", since="2025", limit=2, offset=n)
             for n in range(0, whole["new_events_total"], 2)]
    assert [e for p in pages for e in p["new_events"]] == whole["new_events"]
    assert all(p["new_events_total"] == whole["new_events_total"] for p in pages)
    assert {k: v for k, v in pages[0].items() if k != "new_events"} == \
        {k: v for k, v in whole.items() if k != "new_events"}
    problem(httpx.get(live.url + "/api/changes", params={"limit": 1001}), 422)


def test_brief_citations_resolve(live: LiveServer) -> None:
    data = get(live, "/api/brief", about=["China", "North Korea"])
    assert data["title"].startswith("Briefing")
    assert [s["name"] for s in data["sections"]][0] == "What changed"
    cited = {n for s in data["sections"] for line in s["lines"] for part in line for n in part["cites"]}
    refs = {r["n"]: r for r in data["references"]}
    assert cited and cited <= set(refs)
    for r in refs.values():
        text = get(live, f"/api/documents/{r['document']}")["document"]["text"]
        assert " ".join(text[r["start"]:r["end"]].split()) == r["evidence"]
    md = httpx.get(live.url + "/api/brief", params={"about": "CHN", "format": "md"})
    assert md.status_code == 200 and md.text.startswith("# Briefing") and "attachment" in md.headers[
        "content-disposition"]
    problem(httpx.get(live.url + "/api/brief"), 422)
    problem(httpx.get(live.url + "/api/brief", params={"about": "Atlantis"}), 422)


def test_search(live: LiveServer) -> None:
    res = get(live, "/api/search", q="Pyongyang")
    assert res["hits"]
    for hit in res["hits"]:
        assert hit["kind"] in ("document", "claim", "event")
        assert any(p["match"] for p in hit["parts"])
        assert "".join(p["text"] for p in hit["parts"]).replace("[", "").replace("]", "")
    korea = [a for a in get(live, "/api/search", q="North Korea")["actors"] if a["code"] == "PRK"]
    assert korea and korea[0]["mention_count"] == get(live, "/api/actors/PRK")["mention_count"] > 0
    # FTS syntax errors fall back to plain words, never a 500
    assert httpx.get(live.url + "/api/search", params={"q": 'AND OR "('}).status_code == 200
    problem(httpx.get(live.url + "/api/search"), 422)


def test_export_formats(live: LiveServer) -> None:
    stats = get(live, "/api/stats")
    data = get(live, "/api/export")
    assert data["schema"] == "detente/1"
    assert len(data["documents"]) == stats["documents"] and len(data["events"]) == stats["events"]
    assert "text" in data["documents"][0]
    assert "text" not in get(live, "/api/export", text="false")["documents"][0]
    lines = httpx.get(live.url + "/api/export", params={"format": "jsonl"}).text.splitlines()
    assert json.loads(lines[0]) == {"schema": "detente/1"}
    assert sum(1 for x in lines[1:] if json.loads(x)["record"] == "document") == stats["documents"]
    z = zipfile.ZipFile(io.BytesIO(httpx.get(live.url + "/api/export", params={"format": "csv"}).content))
    assert "detente/events.csv" in z.namelist()
    problem(httpx.get(live.url + "/api/export", params={"format": "xml"}), 422)


# -- writes ----------------------------------------------------------------------


def test_writes_need_the_token(live: LiveServer) -> None:
    with live.client(auth=False) as c:
        body = problem(c.post("/api/documents", json={"text": "China and Japan met."}), 401)
        assert "Bearer" in body["detail"]
        problem(c.post("/api/documents", json={"text": "x"}, headers={"Authorization": "Bearer wrong"}), 403)
        problem(c.delete(f"/api/documents/{live.seeded[0]}"), 401)
    assert get(live, f"/api/documents/{live.seeded[0]}")  # still there


@pytest.mark.parametrize("body", [
    {}, {"text": ""}, {"text": "   "}, {"text": "ok", "published": "2025-02-30"}, {"text": "ok", "published": "soon"},
    {"text": "ok", "colour": "red"}, {"text": "ok", "format": "pdf"}, {"text": 42}, {"text": "ok", "authors": "Ann"},
])
def test_add_text_validation(live: LiveServer, body: dict[str, Any]) -> None:
    with live.client() as c:
        problem(c.post("/api/documents", json=body), 422)


def test_add_text_malformed_json(live: LiveServer) -> None:
    with live.client() as c:
        problem(c.post("/api/documents", content=b"{not json", headers={"Content-Type": "application/json"}), 422)


def test_add_text_job_then_delete(live: LiveServer) -> None:
    text = ("Japan and South Korea agreed on Tuesday to resume regular security talks, officials in Tokyo said. "
            "The foreign ministers of both countries met in Seoul on 3 March 2025.")
    with live.client() as c:
        r = c.post("/api/documents", json={"text": text, "title": "Talks resume", "source": "Test Wire",
                                           "published": "2025-03-05", "authors": ["A. Reporter"]})
        assert r.status_code == 202 and r.headers["location"].startswith("/api/jobs/")
        job = r.json()
        for _ in range(600):
            job = c.get(f"/api/jobs/{job['id']}").json()
            if job["status"] in ("done", "failed"):
                break
            time.sleep(0.1)
        assert job["status"] == "done", job
        (doc_id,) = job["added"]
        assert any(j["id"] == job["id"] for j in c.get("/api/jobs").json())
        doc = c.get(f"/api/documents/{doc_id}").json()["document"]
        assert (doc["title"], doc["source"], doc["published"], doc["authors"]) == (
            "Talks resume", "Test Wire", "2025-03-05", ["A. Reporter"])
        assert doc["path"] is None  # pasted text leaves no server path behind
        again = c.post("/api/documents", params={"wait": "true"}, json={"text": text})
        assert again.status_code == 201 and again.json()["documents"] == [doc_id]  # same text: not stored twice
        assert c.delete(f"/api/documents/{doc_id}").status_code == 204
        problem(c.get(f"/api/documents/{doc_id}"), 404)
        problem(c.delete(f"/api/documents/{doc_id}"), 404)


def test_upload_file(live: LiveServer) -> None:
    page = ("<html><head><title>Border talks</title></head><body><article><h1>Border talks</h1>"
            "<p>India and China held border talks in New Delhi on 12 May 2025, the foreign ministry said.</p>"
            "<p>Both sides agreed to keep the peace along the frontier.</p></article></body></html>")
    with live.client() as c:
        r = c.post("/api/documents/upload", params={"wait": "true"},
                   files={"file": ("../../etc/border.html", page.encode(), "text/html")},
                   data={"source": "Upload Daily", "published": "2025-05-13", "authors": "B. One, C. Two"})
        assert r.status_code == 201, r.text
        (doc_id,) = r.json()["added"]
        doc = c.get(f"/api/documents/{doc_id}").json()["document"]
        assert "border talks in New Delhi" in doc["text"] and "<p>" not in doc["text"]
        assert doc["source"] == "Upload Daily" and doc["authors"] == ["B. One", "C. Two"]
        assert "etc" not in (doc["path"] or "")
        problem(c.post("/api/documents/upload", files={"file": ("list.jsonl", b'{"path": "/etc/passwd"}\n')}), 415)
        problem(c.post("/api/documents/upload", files={"file": ("empty.txt", b"")}), 422)
        problem(c.post("/api/documents/upload", files={"file": ("big.txt", b"word " * (MAX_BYTES // 4))}), 413)
        problem(c.post("/api/documents/upload", files={"file": ("a.txt", b"China met Japan.")},
                       data={"published": "yesterday"}), 422)
        problem(c.post("/api/documents/upload", data={"title": "no file"}), 422)
        assert c.delete(f"/api/documents/{doc_id}").status_code == 204


def test_url_ingest_refuses_private_addresses(live: LiveServer) -> None:
    with live.client() as c:
        body = problem(c.post("/api/documents/url", params={"wait": "true"},
                              json={"url": f"{live.url}/api/health"}), 422)
        assert body["job"]["status"] == "failed"
        assert "private" in body["detail"].lower() or "loopback" in body["detail"].lower()
        problem(c.post("/api/documents/url", json={"url": "file:///etc/passwd"}), 422)
        problem(c.post("/api/documents/url", json={"url": "ftp://example.org/a.txt"}), 422)


def test_url_ingest_reads_an_article(tmp_path: Any) -> None:
    """With private addresses allowed (a local test server), a URL is fetched and stored."""
    import http.server

    from tests.api.live import start

    article = (b"<html><head><title>Gas deal</title></head><body><article><p>Russia and Turkey signed a gas "
               b"supply agreement in Ankara on 2 June 2025, the energy ministry said.</p><p>The deal runs for "
               b"five years.</p></article></body></html>")

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the stdlib's name
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(article)))
            self.end_headers()
            self.wfile.write(article)

        def log_message(self, *args: Any) -> None:
            pass

    site = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=site.serve_forever, daemon=True).start()
    live = start(tmp_path / "url.db", allow_private_urls=True)
    try:
        with live.client() as c:
            url = f"http://127.0.0.1:{site.server_address[1]}/gas-deal.html"
            r = c.post("/api/documents/url", params={"wait": "true"}, json={"url": url, "source": "Energy Post"})
            assert r.status_code == 201, r.text
            doc = c.get(f"/api/documents/{r.json()['added'][0]}").json()["document"]
            assert doc["url"] == url and doc["source"] == "Energy Post" and "gas supply agreement" in doc["text"]
    finally:
        live.stop()
        site.shutdown()


# -- robustness ------------------------------------------------------------------


def test_concurrent_reads_during_an_ingest(live: LiveServer) -> None:
    """Readers keep getting complete answers while a document is being ingested and written."""
    from tests.api.live import CORPUS

    before = get(live, "/api/stats")["documents"]
    text = "\n\n".join((CORPUS / n).read_text(encoding="utf-8") for n in ("12-iran-snapback.txt",
                                                                          "11-eu-19th-sanctions.txt"))
    failures: list[str] = []
    reads = [0]
    stop = threading.Event()

    def reader() -> None:
        with httpx.Client(base_url=live.url, timeout=60) as c:
            while not stop.is_set():
                for path in ("/api/stats", "/api/events?limit=50", "/api/documents", "/api/network"):
                    r = c.get(path)
                    if r.status_code != 200:
                        failures.append(f"{path}: {r.status_code} {r.text[:200]}")
                    reads[0] += 1

    threads = [threading.Thread(target=reader) for _ in range(4)]
    for t in threads:
        t.start()
    try:
        with live.client() as c:
            r = c.post("/api/documents", json={"text": text, "title": "Two stories", "published": "2025-09-30"})
            job = r.json()
            while job["status"] not in ("done", "failed"):
                time.sleep(0.05)
                job = c.get(f"/api/jobs/{job['id']}").json()
    finally:
        stop.set()
        for t in threads:
            t.join()
    assert job["status"] == "done", job
    assert not failures, failures[:3]
    assert reads[0] > 8
    assert get(live, "/api/stats")["documents"] == before + 1
    with live.client() as c:
        assert c.delete(f"/api/documents/{job['added'][0]}").status_code == 204


JUNK: list[tuple[str, str, dict[str, Any]]] = [
    ("GET", "/api/documents/%00%ff", {}),
    ("GET", "/api/documents/" + "x" * 5000, {}),
    ("GET", "/api/actors/a/b/../../c", {}),
    ("GET", "/api/events", {"params": {"actor": "'; DROP TABLE events; --"}}),
    ("GET", "/api/events", {"params": {"q": "\u0000\ud7ff" * 50}}),
    ("GET", "/api/events", {"params": {"from": "9999-99-99"}}),
    ("GET", "/api/search", {"params": {"q": "NEAR(a b" + "(" * 200}}),
    ("GET", "/api/search", {"params": {"q": "x" * 501}}),
    ("GET", "/api/relations", {"params": {"a": "%", "b": "_"}}),
    ("GET", "/api/brief", {"params": {"about": ",,,"}}),
    ("POST", "/api/documents", {"content": b"\xff\xfe\x00garbage", "headers": {"Content-Type": "application/json"}}),
    ("POST", "/api/documents", {"json": [1, 2, 3]}),
    ("POST", "/api/documents", {"content": b"text=hello", "headers": {"Content-Type": "text/plain"}}),
    ("POST", "/api/documents/upload", {"content": b"--x\r\nbroken", "headers": {
        "Content-Type": "multipart/form-data; boundary=x"}}),
    ("POST", "/api/documents", {"content": b"{}", "headers": {"Content-Type": "application/json",
                                                              "Content-Length": "abc"}}),
    ("DELETE", "/api/stats", {}),
    ("PUT", "/api/documents", {}),
]


def test_junk_never_crashes_the_server_or_the_store(live: LiveServer) -> None:
    before = get(live, "/api/stats")
    with live.client() as c:
        for method, path, kw in JUNK:
            try:
                r = c.request(method, path, **kw)
            except httpx.HTTPError:
                continue  # the client refused to send it: nothing reached the server
            assert r.status_code < 500, (method, path, r.status_code, r.text[:300])
            if r.status_code >= 400 and r.headers.get("content-type", "").startswith("application/"):
                assert PROBLEM_KEYS <= set(r.json())
    assert get(live, "/api/stats") == before
    assert get(live, "/api/health")["status"] == "ok"
    with sqlite3.connect(live.db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT COUNT(*) FROM events").fetchone()[0] > 0


def test_host_header_is_checked(live: LiveServer) -> None:
    r = httpx.get(live.url + "/api/health", headers={"Host": "evil.example"})
    assert r.status_code == 400


def test_token_value_never_in_responses(live: LiveServer) -> None:
    with live.client() as c:
        for path in ("/api/stats", "/api/overview", "/api/openapi.json", "/api/jobs"):
            assert TOKEN not in c.get(path).text
