"""Counts without a counted noun next to them: death tolls, victims of a verb, vote tallies,
ranges, "a million", and counts of group names."""

from __future__ import annotations

import pytest

from tests.quantities.helpers import Run


def _values(qs: list, unit: str = "count") -> list[float]:
    return sorted(q.value for q in qs if q.unit == unit)


@pytest.mark.parametrize(
    ("sentence", "value", "measure"),
    [
        ("The death toll from the flooding climbed to 212 on Tuesday.", 212, "death toll"),
        ("Officials said the toll had reached at least 45.", 45, "toll"),
        ("Casualties rose from 40 in March to 310 in April.", 310, "Casualties"),
        ("Analysts put the number of foreign fighters in the province at 900.", 900, "foreign fighters"),
    ],
)
def test_a_tally_carried_to_a_figure_is_a_count(run: Run, sentence: str, value: int, measure: str) -> None:
    qs, _ = run(sentence)
    hits = [q for q in qs if q.value == value and q.unit == "count"]
    assert len(hits) == 1, [(q.mentions[0].text, q.unit) for q in qs]
    assert hits[0].measure == measure


def test_both_ends_of_a_range_after_between_are_counted(run: Run) -> None:
    qs, _ = run("Officials put the number of insurgents in the hills at between 2,000 and 4,500.")
    assert _values(qs) == [2000, 4500]


def test_a_range_shares_the_scale_and_currency_written_once(run: Run) -> None:
    qs, _ = run("The new port is expected to cost $4-$5 billion.")
    assert _values(qs, "USD") == [4e9, 5e9]


@pytest.mark.parametrize(
    ("sentence", "value", "measure"),
    [
        ("Militants killed 23 at a checkpoint near the border.", 23, "killed"),
        ("At least 31 were arrested during the protests.", 31, "arrested"),
        ("Gunmen abducted 14 of the passengers on the highway.", 14, "passengers"),
        ("Soldiers rescued 9 after the raid on the camp.", 9, "rescued"),
    ],
)
def test_the_bare_object_of_a_verb_that_harms_people_is_a_count(run: Run, sentence: str, value: int,
                                                                measure: str) -> None:
    qs, _ = run(sentence)
    hits = [q for q in qs if q.value == value and q.unit == "count"]
    assert len(hits) == 1, [(q.mentions[0].text, q.unit) for q in qs]
    assert hits[0].measure == measure


def test_a_vote_tally_gives_votes_for_and_against(run: Run) -> None:
    qs, _ = run("The Senate voted 71-25 to approve the arms package.")
    by_measure = {q.measure: q.value for q in qs if q.unit == "count"}
    assert by_measure == {"votes for": 71, "votes against": 25}


def test_a_score_that_is_not_a_vote_is_not_counted(run: Run) -> None:
    qs, _ = run("The home side won the final 3-1 in the capital.")
    assert _values(qs) == []


def test_a_million_and_a_billion_are_numbers(run: Run) -> None:
    qs, _ = run("The drought has displaced nearly a million herders, and the agency needs a billion dollars.")
    assert _values(qs) == [1e6]
    assert _values(qs, "USD") == [1e9]


def test_half_a_million_is_half(run: Run) -> None:
    qs, _ = run("The war has driven half a million people from their homes.")
    hits = [q for q in qs if q.unit == "count"]
    assert [(q.value, q.mentions[0].text) for q in hits] == [(5e5, "half a million people")]


def test_a_large_bare_figure_counts_the_noun_the_sentence_named(run: Run) -> None:
    qs, _ = run("Refugees keep arriving, with more than 2.4 million sheltering in camps.")
    hits = [q for q in qs if q.value == 2.4e6]
    assert [(q.unit, q.measure) for q in hits] == [("count", "Refugees")]


def test_a_count_of_a_people_tagged_as_a_proper_noun(run: Run) -> None:
    qs, _ = run("The court returned 60 Rohingyas to the camp.")
    assert _values(qs) == [60]


def test_counted_cases_are_a_count(run: Run) -> None:
    qs, _ = run("Health workers recorded 340 cases of cholera in the district.")
    assert _values(qs) == [340]
