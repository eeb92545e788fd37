"""The Positions page in headless Chromium: each actor's positions as a dated step line, every step cited."""

from __future__ import annotations

from typing import Any

from tests.api.live import LiveServer
from tests.ui.test_ui import api, shoot, visit


def _actor_with_positions(live: LiveServer) -> tuple[str, dict[str, Any]]:
    for actor in ("CHN", "PRK", "USA", "KOR", "RUS", "JPN"):
        data = api(live, "/api/positions", actor=actor)
        if data["lines"]:
            return actor, data
    raise AssertionError("the seeded store has no positions for any of the usual states")


def test_positions_page_shows_step_lines_with_their_sources(page: Any, live: LiveServer) -> None:
    actor, data = _actor_with_positions(live)
    visit(page, live, f"positions?actor={actor}")
    page.wait_for_selector("section.position-line ol.steps li.step", timeout=30_000)
    cards = page.locator("section.position-line")
    assert cards.count() == len(data["lines"])
    steps = page.locator("ol.steps li.step")
    assert steps.count() == sum(len(line["steps"]) for line in data["lines"])
    # every step shows its dates and at least one source linking to the sentence in the article
    for i in range(steps.count()):
        step = steps.nth(i)
        assert step.locator(".when").inner_text().strip()
        link = step.locator("a.cite").first
        assert link.get_attribute("href").startswith("#/doc/") and "?hl=" in link.get_attribute("href")
    # a silence reads as an absence the source reports, never as a statement
    for text in page.locator("ol.steps li.step[data-stance=silent] strong").all_inner_texts():
        assert text.startswith("made no reference to") and "stated" not in text
    assert page.locator("svg.chart.steps").count() >= 1
    assert page.locator('nav a[data-route="positions"][aria-current="page"]').count() == 1
    assert page.errors == []  # type: ignore[attr-defined]
    shoot(page, "positions")


def test_following_a_source_opens_the_article_at_the_sentence(page: Any, live: LiveServer) -> None:
    actor, _ = _actor_with_positions(live)
    visit(page, live, f"positions?actor={actor}")
    page.wait_for_selector("ol.steps a.cite", timeout=30_000)
    page.locator("ol.steps a.cite").first.click()
    page.wait_for_selector(".article-text .hl", timeout=30_000)
    assert page.errors == []  # type: ignore[attr-defined]


def test_an_actor_without_positions_says_so(page: Any, live: LiveServer) -> None:
    visit(page, live, "positions")
    assert "Choose an actor" in page.locator("#view").inner_text()
