"""The timex stage in the pipeline, and date_for on short texts."""

from __future__ import annotations

import datetime as dt

import pytest
from spacy.language import Language

from detente.model import Date, Document
from detente.pipeline import process_text
from detente.stage import DocContext
from detente.timex import date_for, make_stage


def _ctx(nlp: Language, text: str, published: str | None) -> DocContext:
    doc = nlp(text)
    ctx = DocContext(
        document=Document(id="d", text=text, published=published),
        doc=doc,
        published=dt.date.fromisoformat(published) if published else None,
    )
    make_stage(None)(ctx)
    return ctx


def test_pipeline_fills_times() -> None:
    ex = process_text(
        "Xi met Kim on Thursday, their first summit in six years. Putin had visited in June.",
        published="2025-09-05",
    )
    got = {(t.text, t.value, t.type) for t in ex.times}
    assert ("Thursday", "2025-09-04", "DATE") in got
    assert ("six years", "P6Y", "DURATION") in got
    assert ("June", "2025-06", "DATE") in got
    for t in ex.times:  # offsets point at the text
        assert ex.document.text[t.start : t.end] == t.text


def test_tense_decides_weekday(spacy_nlp: Language) -> None:
    ctx = _ctx(spacy_nlp, "The ministers met on Monday. They will meet again on Monday.", "2025-09-04")
    assert [t.value for t in ctx.times] == ["2025-09-01", "2025-09-08"]


def test_anaphora_follows_reference_time(spacy_nlp: Language) -> None:
    ctx = _ctx(
        spacy_nlp, "The talks opened on 3 March 2024. The following day, both sides walked out.", "2025-09-04"
    )
    assert [t.value for t in ctx.times] == ["2024-03-03", "2024-03-04"]


def test_no_publication_date(spacy_nlp: Language) -> None:
    ctx = _ctx(spacy_nlp, "Kim arrived on Thursday. The treaty was signed in 1961.", None)
    assert [(t.value, t.granularity) for t in ctx.times] == [("", "unknown"), ("1961", "year")]


@pytest.mark.parametrize(
    ("text", "clause", "expected"),
    [
        # an expression in the clause, attached to its verb, wins
        (
            "Xi met Kim in Beijing on Thursday.",
            "Xi met Kim in Beijing on Thursday.",
            Date("2025-09-04", "day", "2025-09-04", "2025-09-04", "explicit"),
        ),
        # the verb's own date rather than the duration or another clause's date
        (
            "Kim, who visited Moscow in 2019, met Xi on Thursday for the first time in six years.",
            "Kim, who visited Moscow in 2019, met Xi on Thursday for the first time in six years.",
            Date("2025-09-04", "day", "2025-09-04", "2025-09-04", "explicit"),
        ),
        # month granularity: day bounds of the month
        (
            "China resumed flights in March.",
            "China resumed flights in March.",
            Date("2025-03", "month", "2025-03-01", "2025-03-31", "explicit"),
        ),
        # a follow-up sentence takes the paragraph's last day-level date
        (
            "Xi met Kim on Thursday. They discussed trade.",
            "They discussed trade.",
            Date("2025-09-04", "day", "2025-09-04", "2025-09-04", "context"),
        ),
        # present-tense reporting: the publication date
        (
            "Analysts say the summit matters.",
            "Analysts say the summit matters.",
            Date("2025-09-05", "day", "2025-09-05", "2025-09-05", "published"),
        ),
        # nothing to go by
        ("The two sides signed a treaty.", "The two sides signed a treaty.", Date.unknown()),
        # durations never date an event
        ("The war lasted six years.", "The war lasted six years.", Date.unknown()),
    ],
)
def test_date_for(spacy_nlp: Language, text: str, clause: str, expected: Date) -> None:
    ctx = _ctx(spacy_nlp, text, "2025-09-05")
    start = text.index(clause)
    assert date_for(ctx, start, start + len(clause)) == expected


def test_date_for_previous_paragraph_is_not_context(spacy_nlp: Language) -> None:
    text = "Xi met Kim on Thursday.\nThe two sides signed a treaty."
    ctx = _ctx(spacy_nlp, text, "2025-09-05")
    start = text.index("The two")
    assert date_for(ctx, start, len(text)).basis == "unknown"


def test_since_does_not_move_reference(spacy_nlp: Language) -> None:
    ctx = _ctx(
        spacy_nlp,
        "Flights stopped in 2020 and resumed in 2024. Links suspended since 2019 reopened the following year.",
        "2025-09-04",
    )
    assert [t.value for t in ctx.times][-1] == "2025"


def test_quarter_comparison(spacy_nlp: Language) -> None:
    ctx = _ctx(
        spacy_nlp, "Exports grew 5% in the third quarter of 2025, against 2% a year earlier.", "2025-11-02"
    )
    assert [t.value for t in ctx.times] == ["2025-Q3", "2024-Q3"]
