"""The API's timeline entries written field by field are byte for byte what ``to_json`` reflection wrote."""

from __future__ import annotations

import json
import random
from typing import Any

from detente.analysis import TimelineEntry, timeline
from detente.api.routes.events import entry_json
from detente.model import MODALITIES, Date, Event, Location, Mention, to_json
from detente.store import Store

from .live import LiveServer


def _reflected(t: TimelineEntry) -> dict[str, Any]:
    """What ``entry_json`` was before it was written out."""
    data: dict[str, Any] = to_json(t.event)
    data.update(summary=t.summary, label=t.label, source_names=t.source_names, target_names=t.target_names)
    return data


def _same(t: TimelineEntry) -> None:
    assert json.dumps(entry_json(t), ensure_ascii=False) == json.dumps(_reflected(t), ensure_ascii=False)
    assert json.dumps(entry_json(t)) == json.dumps(_reflected(t))


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
