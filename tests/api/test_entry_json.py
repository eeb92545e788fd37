"""The API's timeline entries written field by field are byte for byte what ``to_json`` reflection wrote."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

from detente.analysis import TimelineEntry, timeline
from detente.analysis.changes import changes
from detente.api.routes.analysis import TOP, TREND_ENTRIES, get_changes
from detente.api.routes.events import entry_json, timeline_entry_json
from detente.model import MODALITIES, Date, Document, Event, Extraction, Location, Mention, to_json
from detente.store import Store

from ..store.test_network_rollup import STATES
from .live import LiveServer


def _reflected(t: TimelineEntry) -> dict[str, Any]:
    """What ``entry_json`` was before it was written out."""
    data: dict[str, Any] = to_json(t.event)
    data.update(summary=t.summary, label=t.label, source_names=t.source_names, target_names=t.target_names)
    return data


def _same(t: TimelineEntry) -> None:
    assert json.dumps(entry_json(t), ensure_ascii=False) == json.dumps(_reflected(t), ensure_ascii=False)
    assert json.dumps(entry_json(t)) == json.dumps(_reflected(t))
    assert json.dumps(timeline_entry_json(t), ensure_ascii=False) == json.dumps(to_json(t), ensure_ascii=False)


def _event(rng: random.Random, n: int) -> Event:
    maybe = lambda x: rng.choice((None, x))  # noqa: E731
    date = rng.choice((Date.unknown(), Date(value="2024-03", granularity="month", start="2024-03-01",
                                            end="2024-03-31", basis="context"),
                       Date(value="2024-03-05", granularity="day", start="2024-03-05")))
    mentions = [Mention(f"d{n}", i, i + 5, rng.choice(("talks", "Gespräche", "会谈 \"quoted\"", ""))) for i in
                range(rng.randint(0, 3))]
    variants = [] if rng.random() < 0.5 else [{"document": "d1", "source": maybe("AP"), "date": to_json(date),
                                               "location": None, "source_actors": ["CHN"], "target_actors": []}]
    return Event(id=f"ev{n}", type=rng.choice(("CONSULT", "ASSAULT")), mode=maybe("meeting"),
                 source=rng.sample(["CHN", "USA", "person:é"], rng.randint(0, 2)), target=rng.sample(["PRK"], 1),
                 date=date, location=maybe(Location(name="Pyongyang", country=maybe("PRK"), kind=maybe("place"))),
                 modality=rng.choice(MODALITIES), attribution=maybe("org:un"), quad_class=rng.choice((1, 4)),
                 intensity=rng.choice((0.0, -7.5, 3, 1e-9)), confidence=rng.random(), mentions=mentions,
                 trigger=maybe("met"), disputed=rng.sample(["date", "location"], rng.randint(0, 2)),
                 sources=rng.sample(["AP", "Reuters"], rng.randint(0, 2)), variants=variants)


def test_varied_events() -> None:
    rng = random.Random(7)
    for n in range(300):
        ev = _event(rng, n)
        _same(TimelineEntry(event=ev, date=ev.date, label=rng.choice(("", "future")), summary=f"s{n} →",
                            source_names=list(ev.source), target_names=["North Korea"], sources=list(ev.sources),
                            mentions=list(ev.mentions), disputed=list(ev.disputed)))


def test_the_seeded_store(live: LiveServer) -> None:
    store = Store(str(live.db))
    try:
        entries = timeline(store, modality=MODALITIES)
    finally:
        store.close()
    assert entries
    for t in entries:
        _same(t)


def _report(n: int, day: str, quad: int, source: str, target: str) -> Extraction:
    text = "They spoke of it again."
    ev = Event(id=f"ev-{n}", type="COOPERATE" if quad == 1 else "ASSAULT", mode=None, source=[source],
               target=[target], date=Date(value=day, granularity="day", start=day, end=day, basis="explicit"),
               location=None, modality="asserted", attribution=None, quad_class=quad, intensity=1.0, confidence=0.6,
               mentions=[Mention(f"d{n}", 0, len(text), text)], trigger="met")
    return Extraction(document=Document(id=f"d{n}", text=text, title=f"d{n}", source=f"pub-{n % 3}", published=day,
                                        published_basis="metadata"),
                      actors=[a for a in STATES if a.id in (source, target)], events=[ev])


def test_what_changed_writes_its_trends_as_reflection_did(tmp_path: Path) -> None:
    # pairs cooperating before the window and fighting in it (and the reverse): trends with their events
    with Store(tmp_path / "s.db") as store:
        for n in range(24):
            before = n < 12
            day = f"2024-{1 + n % 12 // 2 if before else 7 + n % 12 // 2:02d}-{1 + n:02d}"
            pair = ("CHN", "USA") if n % 2 else ("RUS", "FRA")
            quad = (1 if before else 4) if n % 2 else (4 if before else 1)
            store.add(_report(n, day, quad, *pair), content_hash=f"h{n}")
        trending = 0
        for since, until in (("2024-07", None), ("2024-07", "2024-12"), (None, None)):
            got = get_changes(store, since, until, [], 100, 0)
            result = changes(store, since, until, limit=100, top=TOP, trend_entries=TREND_ENTRIES)  # the defaults
            page, pairs, result.new_events, result.new_pairs = result.new_events, result.new_pairs, [], []
            want = to_json(result)
            want["new_events"] = [entry_json(t) for t in page]
            want["new_pairs"] = [{"a": p.a, "b": p.b, "first": entry_json(p.first)} for p in pairs]
            assert json.dumps(got, ensure_ascii=False) == json.dumps(want, ensure_ascii=False)
            trending += sum(len(t["entries"]) for t in got["trends"])
            # capped: the most active trend and its first event, with how many there are
            one = get_changes(store, since, until, [], 100, 0, top=1, trend_entries=1)
            assert one["trends_total"] == len(got["trends"]) and len(one["trends"]) == min(1, len(got["trends"]))
            for t in one["trends"]:
                assert len(t["entries"]) == 1 and t["entries_total"] == 6  # each pair: six events in the window
                assert t["entries"][0] == got["trends"][[(x["a"], x["b"]) for x in got["trends"]].index(
                    (t["a"], t["b"]))]["entries"][0]
        assert trending  # some trends' events were written
