"""Reported speech beyond "X said that …": interrupting attributions and "according to" a person."""

from __future__ import annotations

from tests.claims.helpers import Run


def test_attribution_interrupting_the_clause(run: Run) -> None:
    text = "Such disputes, Antony Blinken told reporters, should be settled through talks."
    claims, names = run(text)
    (c,) = [c for c in claims if c.kind != "quote"]
    assert c.text == "should be settled through talks"
    assert names.get(c.speaker or "") == "Antony Blinken"


def test_attribution_after_a_statement_of_fact_is_not_read_as_interrupting(run: Run) -> None:
    text = "Germany will send two more air defence systems this winter, Olaf Scholz said, as part of its aid."
    claims, _ = run(text)
    assert all("as part of its aid" != c.text for c in claims)


def test_according_to_a_person_gives_their_claim(run: Run) -> None:
    text = "Farmers have stopped planting near the border for fear of shelling, according to Emmanuel Macron."
    claims, names = run(text)
    (c,) = [c for c in claims if c.kind != "quote"]
    assert c.text.startswith("Farmers have stopped planting near the border")
    assert "according" not in c.text
    assert names.get(c.speaker or "") == "Emmanuel Macron"


def test_according_to_an_agency_reports_a_fact_not_a_claim(run: Run) -> None:
    text = "The two leaders held talks at the Great Hall of the People on Friday, according to Xinhua."
    claims, _ = run(text)
    assert [c for c in claims if c.kind != "quote"] == []
