"""Spans of time as quantities: the length of a truce, a ban, a sentence or a mandate, and
the spans that stay times (anchored, relative or ages)."""

from __future__ import annotations

import pytest

from tests.quantities.helpers import Run


@pytest.mark.parametrize(
    ("sentence", "mention", "value", "unit", "measure"),
    [
        ("The rebels accepted a 45-day truce on Monday.", "45-day", 45, "day", "truce"),
        ("Parliament approved a three-month moratorium on executions.", "three-month", 3, "month", "moratorium"),
        ("The interim council will govern during an eighteen-month transition period.",
         "eighteen-month", 18, "month", "period"),
        ("A tribunal sentenced the former governor to 12 years in prison.", "12 years", 12, "year", "sentence"),
        ("The federation banned the club's owner from football for three years.",
         "three years", 3, "year", "ban"),
        ("The assembly voted to extend the envoy's mission by six months.", "six months", 6, "month", "extend"),
        ("The hearings are expected to last about 40 days.", "about 40 days", 40, "day", "last"),
        ("Under the new rules, convicted officials can not stand for election for 15 years.",
         "15 years", 15, "year", "ban"),
    ],
)
def test_length_of_an_arrangement_is_a_quantity(run: Run, sentence: str, mention: str, value: int, unit: str,
                                                 measure: str) -> None:
    qs, _ = run(sentence)
    hits = [q for q in qs if q.mentions[0].text == mention]
    assert len(hits) == 1, [(q.mentions[0].text, q.unit) for q in qs]
    assert (hits[0].value, hits[0].unit, hits[0].measure) == (value, unit, measure)


@pytest.mark.parametrize(
    "sentence",
    [
        "The two leaders met for the first time in nine years.",
        "Relations have soured over the last 15 years.",
        "The embassy reopened three months ago.",
        "A 23-year-old student was detained at the border.",
        "Talks resumed two weeks after the border clash.",
        "The plan will be reviewed over the next five years.",
        "The delegation spent four days in the capital.",
        "The ministers did not meet for two years.",
    ],
)
def test_spans_that_place_events_in_time_are_not_quantities(run: Run, sentence: str) -> None:
    qs, _ = run(sentence)
    assert [q for q in qs if q.unit in ("year", "month", "week", "day")] == []
