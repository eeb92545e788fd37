"""Quantities in context: counts, subjects, dates, modality, attribution, skips."""

from __future__ import annotations

import pytest

from detente.model import Quantity
from tests.quantities.helpers import Run


def _one(qs: list[Quantity], text: str) -> Quantity:
    hits = [q for q in qs if q.mentions[0].text == text]
    assert len(hits) == 1, [q.mentions[0].text for q in qs]
    return hits[0]


@pytest.mark.parametrize(
    ("sentence", "mention", "value", "measure"),
    [
        ("About 28,000 American troops are based in Japan.", "About 28,000 American troops", 28000, "troops"),
        ("The navy deployed 12 warships to the strait.", "12 warships", 12, "warships"),
        ("Leaders from 31 countries attended the summit in Tianjin.", "31 countries", 31, "countries"),
        ("The camp now holds 45,000 refugees.", "45,000 refugees", 45000, "refugees"),
        ("The shelling killed at least 14 civilians on Sunday.", "at least 14 civilians", 14, "civilians"),
        ("Iran is thought to have 20 nuclear facilities.", "20 nuclear facilities", 20, "nuclear facilities"),
        ("The council approved the text with 13 votes, two short of unanimity.", "13 votes", 13, "votes"),
    ],
)
def test_counts(run: Run, sentence: str, mention: str, value: int, measure: str) -> None:
    qs, _ = run(sentence)
    q = _one(qs, mention)
    assert (q.unit, q.value, q.measure) == ("count", value, measure)
    assert q.mentions[0].start == sentence.index(mention)


@pytest.mark.parametrize(
    "sentence",
    [
        "The 65th anniversary of the alliance was marked in Beijing.",
        "Kim, 41, met the three leaders in 2019.",
        "The two countries signed a treaty in 1961.",
        "It was his first trip abroad in seven years.",
        "The talks lasted 90 minutes.",
    ],
)
def test_not_quantities(run: Run, sentence: str) -> None:
    qs, _ = run(sentence)
    assert qs == []


def test_subjects_possessor_and_of(run: Run) -> None:
    qs, names = run("Trade with China makes up about 90% of North Korea's foreign commerce.")
    q = _one(qs, "about 90%")
    assert {names[s] for s in q.subjects} == {"China", "North Korea"}
    assert (q.unit, q.value, q.qualifier) == ("percent", 90, "about")


def test_a_counted_set_of_states_is_those_states(run: Run) -> None:
    qs, names = run("Modi and Lula opened a summit attended by delegations from 40 countries, including Chile and Ghana.")
    q = _one(qs, "40 countries")
    assert {names[s] for s in q.subjects} == {"Chile", "Ghana"}
    # troops are counted for whoever deploys them too
    qs, names = run("Russia deployed 5,000 North Korean troops near Kursk.")
    assert {names[s] for s in _one(qs, "5,000 North Korean troops").subjects} == {"Russia", "North Korea"}


def test_bilateral_trade_is_between_the_storys_pair(run: Run) -> None:
    story = "Brazil held talks with South Africa in Brasilia on 3 March. In 2025, bilateral trade reached $9 billion."
    qs, names = run(story)
    assert {names[s] for s in _one(qs, "$9 billion").subjects} == {"Brazil", "South Africa"}
    # with no pair told before, or told paragraphs earlier, a bilateral figure has no subjects rather than a guess
    qs, _ = run("In 2025, bilateral trade reached $9 billion.")
    assert _one(qs, "$9 billion").subjects == []
    qs, _ = run("Brazil held talks with South Africa in Brasilia on 3 March.\n\nRain fell.\n\nMarkets rose.\n\n"
                "In 2025, bilateral trade reached $9 billion.")
    assert _one(qs, "$9 billion").subjects == []


def test_subjects_in_noun_phrase(run: Run) -> None:
    qs, names = run("Seoul hosts roughly 28,500 United States troops.")
    q = _one(qs, "roughly 28,500 United States troops")
    assert "United States" in {names[s] for s in q.subjects}


def test_money_with_clause_subject_and_date(run: Run) -> None:
    text = "In 2024, Japan's defence spending reached $55 billion, the ministry said."
    qs, names = run(text)
    q = _one(qs, "$55 billion")
    assert (q.unit, q.value) == ("USD", 55_000_000_000)
    assert "Japan" in {names[s] for s in q.subjects}
    assert q.date is not None and q.date.value == "2024"
    assert q.measure == "defence spending"


@pytest.mark.parametrize(
    ("sentence", "mention", "modality"),
    [
        ("Bilateral trade reached $3 billion last year.", "$3 billion", "asserted"),
        ("Bilateral trade could reach $3 billion next year.", "$3 billion", "hypothetical"),
        ("Bilateral trade will reach $3 billion next year.", "$3 billion", "future"),
        ("Bilateral trade is expected to reach $3 billion next year.", "$3 billion", "future"),
        ("Bilateral trade should reach $3 billion, the minister argued.", "$3 billion", "prescriptive"),
        ("Bilateral trade did not reach $3 billion last year.", "$3 billion", "negated"),
        ("Trump said he would cut the tariff to 10%.", "10%", "future"),
        # a figure takes the modality of its own clause, not of one above it
        ("The rebels might strike the capital to pin down the 20,000 soldiers based there.",
         "20,000 soldiers", "asserted"),
    ],
)
def test_modality(run: Run, sentence: str, mention: str, modality: str) -> None:
    qs, _ = run(sentence)
    assert _one(qs, mention).modality == modality


def test_attribution_according_to_unresolved_name(run: Run) -> None:
    qs, names = run("According to Acme Institute estimates, Pakistan holds about 170 warheads.")
    q = _one(qs, "about 170 warheads")
    assert q.attribution is not None
    assert names.get(q.attribution, q.attribution) == "Acme Institute"
    assert "Pakistan" in {names[s] for s in q.subjects}


def test_attribution_speaker(run: Run) -> None:
    qs, names = run("South Korea's military said North Korea fired 10 missiles on Monday.")
    q = _one(qs, "10 missiles")
    assert q.attribution is not None and names[q.attribution] in ("South Korea", "South Korean military")
    assert "North Korea" in {names[s] for s in q.subjects}


def test_elided_measure(run: Run) -> None:
    qs, _ = run("The bloc listed 80 more vessels, bringing the total to 340.")
    q = _one(qs, "340")
    assert (q.unit, q.measure) == ("count", "vessels")


def test_ids_are_stable(run: Run) -> None:
    a, _ = run("The army lost 40 tanks.")
    b, _ = run("The army lost 40 tanks.")
    assert [q.id for q in a] == [q.id for q in b] and a[0].id.startswith("q_")
