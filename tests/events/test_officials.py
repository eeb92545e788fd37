"""An organisation's officials named with their title act for it (events/officials.py).

Whole pipeline (the actor stage names the people and organisations); the people are made up.
"""

from __future__ import annotations

import pytest

from detente.pipeline import process_text


def sides(text: str) -> list[tuple[str, list[str], list[str]]]:
    x = process_text(text, published="2024-05-09")
    kinds = {a.id: a.kind for a in x.actors}
    return [(e.type, [kinds.get(a, a) for a in e.source], e.target) for e in x.events]


@pytest.mark.parametrize("text, org", [
    ("Hamas leader Omar Saleh accused Israel of sabotaging the talks on Monday.", "Hamas"),
    ("Youssef Amari, the leader of Hezbollah, threatened Israel on Tuesday.", "Hezbollah"),
    ("The Taliban's chief spokesman, Qari Yusuf, rejected the report on Tuesday.", "Taliban"),
    ("U.N. envoy Dirk Hansen urged Syria to release the prisoners.", "United Nations"),
])
def test_an_official_acts_for_the_organisation_the_title_names(text: str, org: str) -> None:
    x = process_text(text, published="2024-05-09")
    names = {a.id: a.name for a in x.actors}
    kinds = {a.id: a.kind for a in x.actors}
    e = x.events[0]
    assert [kinds[a] for a in e.source[:1]] == ["person"]
    assert [names[a] for a in e.source[1:]] == [org]  # after the person, once


@pytest.mark.parametrize("text", [
    "Former Hamas leader Karim Nasser condemned Israel on Monday.",  # a past title
    "Rami Haddad, a former Hezbollah commander, condemned Israel.",
    "Chinese Foreign Ministry spokesman Lin Wei criticized Japan.",  # a state's own body adds nothing
    "KCNA director Ri Song Chol condemned South Korea on Monday.",
    "Omar Saleh met Hamas leaders and then condemned Israel.",  # no title of his
])
def test_no_organisation_without_a_current_title_of_another_body(text: str) -> None:
    found = sides(text)
    assert found, "the sentence should still give its event"
    assert all(source == ["person"] for _, source, _ in found)
