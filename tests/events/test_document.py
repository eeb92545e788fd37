"""Whole documents: ids and evidence, headlines and sub-headings, an act told twice.

One written sentence (or short story) per construction.  Actors come from the
small gazetteer of tests/events/helpers.py; tests that need the time stage run
the whole pipeline (``process_text``).
"""

from __future__ import annotations

from detente.events import EventStage
from tests.events.helpers import events_of, find, make_ctx, run


def test_sub_headings_are_skipped(stage: EventStage) -> None:
    events = run(stage, "Xi met Kim on Monday.\nJapan Warns of Risks\nJapan criticised Russia.")
    assert sorted(e.type for e in events) == ["ACCUSE", "CONSULT"]


def test_ids_offsets_and_evidence(stage: EventStage) -> None:
    text = "Analysts were surprised. Xi held talks with Kim."
    ctx = make_ctx(text, doc_id="d1")
    stage(ctx)
    e = find(ctx.events, "CONSULT")
    m = e.mentions[0]
    assert (m.document, text[m.start : m.end], m.text) == ("d1", "Xi held talks with Kim.", "Xi held talks with Kim.")
    assert e.trigger == "held talks"
    assert e.id.startswith("ev_") and e.quad_class == 1 and 0 < e.confidence <= 1
    ctx2 = make_ctx(text, doc_id="d1")
    stage(ctx2)
    assert [x.id for x in ctx2.events] == [x.id for x in ctx.events]


def test_headline_is_not_evidence(stage: EventStage) -> None:
    events = run(stage, "Xi meets Kim in Beijing\nXi met Kim on Thursday.")
    assert len([e for e in events if e.type == "CONSULT"]) == 1
    assert events[0].mentions[0].text == "Xi met Kim on Thursday."


def test_same_act_told_again_is_one_event(stage: EventStage) -> None:
    text = "Russia and North Korea signed a treaty in June. Kim called it the best treaty the two countries had signed."
    assert len([e for e in run(stage, text) if e.type == "AGREE"]) == 1


def test_visits_in_both_directions_are_twoevents_of() -> None:
    events = events_of("Trump will visit China in April. Xi will later come to the United States.", "2025-10-30")
    consults = [(e.source, e.modality) for e in events if e.type == "CONSULT"]
    assert len(consults) == 2, consults
