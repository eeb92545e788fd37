"""The web UI in headless Chromium: every page, the timeline → event → article path, keyboard use,
uploads with progress, and untrusted article text that must never execute."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest

from detente.api.cache import MAX_STALE
from tests.api.live import LiveServer

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def visit(page: Any, live: LiveServer, route: str) -> None:
    page.goto(f"{live.url}/#/{route}")
    page.wait_for_selector("#view[data-ready]", timeout=30_000)


def shoot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"))


def api(live: LiveServer, path: str, **params: Any) -> Any:
    r = httpx.get(live.url + path, params=params, timeout=60)
    r.raise_for_status()
    return r.json()


def busiest_event(live: LiveServer) -> dict[str, Any]:
    items = api(live, "/api/events", pair="CHN,PRK", limit=1000)["items"]
    return max(items, key=lambda e: (len(e["mentions"]), e["id"]))


def pages(live: LiveServer) -> list[tuple[str, str, str]]:
    """(screenshot name, route, a selector that only a rendered page has)."""
    ev = busiest_event(live)
    doc = ev["mentions"][0]
    return [
        ("overview", "", ".stats .stat"),
        ("timeline", "timeline", "ol.events .event-link"),
        ("event", f"event/{quote(ev['id'])}", ".sources-list .source blockquote mark"),
        ("document", f"doc/{quote(doc['document'])}?hl={doc['start']}-{doc['end']}", ".article-text .hl.k-actor"),
        ("documents", "documents", "table.table tbody tr"),
        ("network", "network", "svg.network circle.node"),
        ("relations", "relations?a=CHN&b=PRK", "svg.chart.lines polyline"),
        ("briefing", "briefing?about=CHN,PRK", ".briefing a.cite"),
        ("search", "search?q=Pyongyang", ".hits li mark"),
        ("add", "add", "#paste-form textarea"),
        ("actor", f"actor/{quote(ev['source'][0])}", "h1"),
    ]


def test_every_page_renders_without_errors(page: Any, live: LiveServer) -> None:
    for name, route, selector in pages(live):
        visit(page, live, route)
        assert page.locator(selector).count() > 0, f"{name}: nothing matches {selector}"
        assert page.locator("#view .error").count() == 0, f"{name}: {page.locator('#view .error').inner_text()}"
        assert page.locator("h1").first.inner_text().strip()
        shoot(page, name)
    assert page.errors == []


def test_timeline_to_event_to_source_article(page: Any, live: LiveServer) -> None:
    ev = busiest_event(live)
    visit(page, live, "timeline?actor=PRK")
    link = page.locator(f'a.event-link[href="#/event/{quote(ev["id"])}"]')
    assert link.count() == 1, "the busiest China–North Korea event is on North Korea's timeline"
    link.click()
    page.wait_for_selector('#view[data-page="event"][data-ready]')
    sources = page.locator(".sources-list .source")
    assert sources.count() == len(ev["mentions"])
    evidence = sources.first.locator("mark.evidence").inner_text()
    sources.first.locator("a.source-link").click()
    page.wait_for_selector('#view[data-page="doc"][data-ready]')
    focus = page.locator(".article-text .hl.k-focus")
    assert focus.count() > 0
    assert " ".join("".join(focus.all_inner_texts()).split()) == " ".join(evidence.split())
    page.wait_for_timeout(300)
    assert focus.first.is_visible()
    shoot(page, "source-article")
    assert page.errors == []


def test_timeline_filters_update_the_list(page: Any, live: LiveServer) -> None:
    visit(page, live, "timeline")
    page.locator('fieldset.type input[value="CONSULT"]').check()
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_function("location.hash.includes('type=CONSULT')")
    page.wait_for_selector("#view[data-ready] ol.events")
    badges = page.locator("ol.events .badge").all_inner_texts()
    assert badges and set(badges) == {"CONSULT"}
    expected = api(live, "/api/events", type="CONSULT", limit=1)["total"]
    assert page.locator("p.summary").inner_text().startswith(f"{expected} event")


def test_keyboard_navigation(page: Any, live: LiveServer) -> None:
    visit(page, live, "")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Skip to content"
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent") == "Timeline":
            break
    page.keyboard.press("Enter")
    page.wait_for_selector('#view[data-page="timeline"][data-ready]')
    # the first event is reachable and opens with Enter
    page.locator("ol.events a.event-link").first.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector('#view[data-page="event"][data-ready]')
    assert page.locator(".sources-list").count() == 1


def test_paste_an_article_and_follow_its_progress(page: Any, live: LiveServer) -> None:
    visit(page, live, "add")
    page.locator("details.token summary").click()
    page.locator("#token").fill(live.token or "")
    page.locator("#token").dispatch_event("change")
    page.locator("#paste-title").fill("Ministers meet")
    page.locator("#paste-text").fill("Vietnam and the Philippines agreed on 14 April 2025 to hold joint coast "
                                     "guard exercises, the two foreign ministers said after talks in Hanoi.")
    page.locator("#paste-form button[type=submit]").click()
    page.wait_for_selector("#job-status progress")
    page.wait_for_selector("#job-status a.open-doc", timeout=120_000)
    shoot(page, "add-article")
    page.locator("#job-status a.open-doc").first.click()
    page.wait_for_selector('#view[data-page="doc"][data-ready]')
    assert page.locator("h1").inner_text() == "Ministers meet"
    assert "coast guard" in page.locator(".article-text").inner_text()
    doc_id = page.evaluate("decodeURIComponent(location.hash.split('/')[2].split('?')[0])")
    with live.client() as c:
        assert c.delete(f"/api/documents/{doc_id}").status_code == 204


HOSTILE_TEXT = (
    "Hostile markup report. Canada and Mexico signed a trade accord in Ottawa on 2 May 2025.\n\n"
    "<script>window.__pwned = 'script'</script> <img src=x onerror=\"window.__pwned='img'\"> "
    "<a href=\"javascript:window.__pwned='link'\">click</a> <svg onload=\"window.__pwned='svg'\"></svg>\n\n"
    "\"We are <b onmouseover=\\\"window.__pwned='quote'\\\">pleased</b>,\" Canada's trade minister said."
)


@pytest.mark.parametrize("fmt", ["text", "html"])
def test_untrusted_article_markup_never_executes(page: Any, live: LiveServer, fmt: str) -> None:
    title = "<img src=x onerror=\"window.__pwned='title'\">Accord"
    with live.client() as c:
        body = {"text": HOSTILE_TEXT if fmt == "text" else f"<html><body><p>{HOSTILE_TEXT}</p>"
                "<script>window.__pwned='page'</script></body></html>", "format": fmt, "title": title,
                "source": "<script>window.__pwned='source'</script>", "published": "2025-05-03"}
        r = c.post("/api/documents", params={"wait": "true"}, json=body)
        assert r.status_code == 201, r.text
        doc_id = r.json()["documents"][0]
        stored = c.get(f"/api/documents/{doc_id}").json()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    routes = [f"doc/{quote(doc_id)}", "documents", "search?q=Hostile", "timeline?actor=CAN", ""]
    routes += [f"event/{quote(e['id'])}" for e in stored["events"]]
    for route in routes:
        visit(page, live, route)
        page.wait_for_timeout(200)
        page.mouse.move(400, 400)
        assert page.evaluate("window.__pwned") is None, route
        # untrusted text became text nodes: no element from it exists in the page
        assert page.locator("#view img, #view script, #view svg[onload], #view [onerror], #view b").count() == 0
        assert page.locator('#view a[href^="javascript:"]').count() == 0
    visit(page, live, f"doc/{quote(doc_id)}")
    assert title in page.locator("h1").inner_text()  # shown literally
    if fmt == "text":
        assert "<script>window.__pwned = 'script'</script>" in page.locator(".article-text").inner_text()
    shoot(page, f"hostile-{fmt}")
    assert dialogs == [] and page.errors == []
    with live.client() as c:
        assert c.delete(f"/api/documents/{doc_id}").status_code == 204


def test_inline_script_is_blocked_by_the_csp(page: Any, live: LiveServer) -> None:
    """Even markup that did reach the DOM could not run script: the CSP forbids inline script."""
    visit(page, live, "")
    page.evaluate("""() => {
        const d = document.createElement('div');
        d.innerHTML = '<img src=x onerror="window.__csp=1">';
        document.body.appendChild(d);
        const s = document.createElement('script'); s.textContent = 'window.__csp = 2';
        document.body.appendChild(s);
    }""")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__csp") is None


def test_upload_a_file_and_follow_its_progress(page: Any, live: LiveServer, tmp_path: Path) -> None:
    """A multipart upload from the UI passes the server's cross-site checks (same origin, X-Requested-With)."""
    article = tmp_path / "ferry.txt"
    article.write_text("Greece and Turkey agreed on 9 June 2025 to restore a ferry link between their islands, "
                       "the two transport ministers said in Athens.", encoding="utf-8")
    visit(page, live, "add")
    page.locator("details.token summary").click()
    page.locator("#token").fill(live.token or "")
    page.locator("#token").dispatch_event("change")
    page.locator("#file-title").fill("Ferry link")
    page.locator("#file-form input[type=file]").set_input_files(str(article))
    page.locator("#file-form button[type=submit]").click()
    page.wait_for_selector("#job-status a.open-doc", timeout=120_000)
    assert page.locator("#job-status .ok").count() == 1, page.locator("#job-status").inner_text()
    page.locator("#job-status a.open-doc").first.click()
    page.wait_for_selector('#view[data-page="doc"][data-ready]')
    assert page.locator("h1").inner_text() == "Ferry link"
    assert page.errors == []
    doc_id = page.evaluate("decodeURIComponent(location.hash.split('/')[2].split('?')[0])")
    with live.client() as c:
        assert c.delete(f"/api/documents/{doc_id}").status_code == 204


def _store_document(live: LiveServer, doc_id: str, url: str | None = None) -> None:
    """A document written straight into the server's store (no language model needed)."""
    from detente.model import Document, Extraction
    from detente.store import Store

    with Store(str(live.db)) as store:
        store.add(Extraction(document=Document(id=doc_id, text="Chile and Peru signed a fisheries accord.",
                                               title=f"Stored {doc_id}", url=url)), content_hash=f"ui-{doc_id}")
    # a write the server was not told about may be answered from its read cache for MAX_STALE seconds
    # (docs/api.md); past that bound every answer is computed again
    time.sleep(MAX_STALE)


def test_a_document_whose_id_has_slashes_opens(page: Any, live: LiveServer) -> None:
    doc_id = "wire/2025/06 fisheries"
    _store_document(live, doc_id)
    try:
        visit(page, live, "documents")
        link = page.locator("table.table a", has_text=f"Stored {doc_id}")
        assert link.count() == 1
        link.click()
        page.wait_for_selector('#view[data-page="doc"][data-ready]')
        assert page.locator("h1").inner_text() == f"Stored {doc_id}"
        assert "fisheries accord" in page.locator(".article-text").inner_text()
        assert page.errors == []
    finally:
        with live.client() as c:
            assert c.delete(f"/api/documents/{quote(doc_id, safe='')}").status_code == 204


def test_protocol_relative_article_url_is_no_link_to_another_host(page: Any, live: LiveServer) -> None:
    _store_document(live, "doc-protocol-relative", url="//evil.example/story")
    try:
        visit(page, live, "doc/doc-protocol-relative")
        hrefs = page.eval_on_selector_all("#view a[href]", "els => els.map(e => e.getAttribute('href'))")
        assert not [h for h in hrefs if "evil.example" in h], hrefs
        checked = page.evaluate("""async () => {
            const { safeHref } = await import('/static/js/dom.js');
            return ['//evil.example/x', '/\\\\evil.example/x', '/\\t/evil.example/x', 'javascript:alert(1)',
                    '/api/brief?about=CHN', '#/doc/a', 'https://example.org/a'].map(safeHref);
        }""")
        assert checked == ["#", "#", "#", "#", "/api/brief?about=CHN", "#/doc/a", "https://example.org/a"]
    finally:
        with live.client() as c:
            assert c.delete("/api/documents/doc-protocol-relative").status_code == 204


def test_an_actor_page_counts_every_document_and_lists_a_page_of_them(page: Any, live: LiveServer) -> None:
    full = api(live, "/api/actors/PRK")
    visit(page, live, "actor/PRK")
    total = full["document_count"]
    assert total > 1 and page.locator("h2", has_text="Mentioned in").inner_text() == f"Mentioned in {total} documents"
    listed = page.locator("ul.plain li a").all_inner_texts()
    assert listed == sorted({m["document"] for m in full["mentions"]})[:100]
    assert page.locator(".pager a").count() == (1 if total > 100 else 0)
    assert page.errors == []


def test_a_slow_page_says_it_is_loading_until_it_is_drawn(page: Any, live: LiveServer) -> None:
    # the real server answers the briefing; the request is held back until the page has said it is loading,
    # as a large store's slow answer would be
    held: list[Any] = []

    def hold(route: Any) -> None:
        held.append(route)

    page.route("**/api/brief?*", hold)
    page.goto(f"{live.url}/#/briefing?about=CHN,PRK")
    status = page.locator("#view .loading[role=status]")
    status.wait_for(state="visible", timeout=10_000)
    assert status.inner_text() == "Loading…"
    assert page.locator("#view").get_attribute("aria-busy") == "true"
    for _ in range(200):  # the held request reaches the handler while the test waits in the browser
        if held:
            break
        page.wait_for_timeout(50)
    assert len(held) == 1 and page.locator("#view[data-ready]").count() == 0
    held[0].continue_()
    page.wait_for_selector("#view[data-ready]", timeout=30_000)
    assert page.locator(".briefing a.cite").count() > 0
    assert page.locator("#view .loading").count() == 0 and page.locator("#view").get_attribute("aria-busy") is None
    # a page drawn at once shows no such line
    visit(page, live, "add")
    assert page.locator("#view .loading").count() == 0
    assert page.errors == []


def test_the_network_page_draws_the_heaviest_edges_it_is_asked_for(page: Any, live: LiveServer) -> None:
    whole = api(live, "/api/network")
    assert whole["edges_total"] > 2
    visit(page, live, "network")
    page.fill("input[name=max_edges]", "2")
    page.click("form.filters button[type=submit]")
    drawn = page.locator("#view[data-ready] svg.network line.edge")
    for _ in range(600):  # the page is drawn again for the new hash
        if "max_edges=2" in page.url and drawn.count() == 2:
            break
        page.wait_for_timeout(50)
    assert drawn.count() == 2, page.url
    caption = page.locator("figure.network-figure figcaption").inner_text()
    assert f"The 2 heaviest of {whole['edges_total']} edges are drawn" in caption
    assert page.locator("table.table tbody tr").count() == len(whole["nodes"])  # every actor still listed
    visit(page, live, "network")  # by default every edge of a small store
    assert page.locator("svg.network line.edge").count() == whole["edges_total"]
    assert "heaviest" not in page.locator("figure.network-figure figcaption").inner_text()
    assert page.errors == []
