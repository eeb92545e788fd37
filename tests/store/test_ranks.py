"""Migration 17's rows are what the kept merges say, after every kind of write, on both backends; a
briefing ranked from them is the briefing ranked from every event of its window, built."""

from __future__ import annotations

import dataclasses
import random
from pathlib import Path
from typing import Any

import pytest

from detente.analysis import brief as brief_module
from detente.analysis.brief import brief
from detente.model import Date, Document, Event, Extraction, Mention
from detente.store import Store, ranks, state_ranks

from .test_changes_history import ABOUT, WINDOWS
from .test_changes_history import _doc as _history_doc
from .test_network_rollup import ACTORS, merge_delete_readd


def _same_rows(store: Store) -> None:
    kept = sorted(tuple(r) for r in store._q(f"SELECT {', '.join(ranks.COLUMNS)} FROM event_ranks").fetchall())
    want = sorted(tuple(ranks.row(ev)) for ev in store.events())
    assert kept == want and kept


def _twins(doc: Extraction) -> Extraction:
    """Some of its events again, as other real-world events of the same day, sides and kind
    (``merge_versions``' key) in a reprint by another outlet: keys that events of several reports share."""
    did = doc.document.id + "-reprint"
    events = [dataclasses.replace(ev, id=ev.id + "-twin", trigger="summit",
                                  mentions=[dataclasses.replace(m, document=did) for m in ev.mentions])
              for ev in doc.events[:3]]
    return Extraction(document=dataclasses.replace(doc.document, id=did, source="another outlet"),
                      actors=doc.actors, actor_mentions=[dataclasses.replace(m, document=did)
                                                         for m in doc.actor_mentions], events=events)


def _briefs(store: Store) -> list[str]:
    out = []
    for about in [a for a in ABOUT if a]:
        out.append(brief(store, about))  # all time, "What changed" in the store's latest period
        for since, until in WINDOWS:
            out.append(brief(store, about, since=since, until=until))
    return out


def _same_briefs(store: Store, monkeypatch: pytest.MonkeyPatch, shared: list[int]) -> None:
    original = brief_module.merge_versions

    def counting(entries: list[brief_module.TimelineEntry], index: dict[str, object]) -> list[brief_module.TimelineEntry]:
        found = original(entries, index)
        if len(entries) > 1 and len(found) == 1:
            shared.append(len(entries))  # a shared key merged on its own: the bound path
        return found

    for most in (3, brief_module.MAX_EVENTS):  # a cut that leaves out events of these small windows, and the real one
        with monkeypatch.context() as m:
            m.setattr(brief_module, "MAX_EVENTS", most)
            m.setattr(brief_module, "MAX_INCOMPLETE", min(most, brief_module.MAX_INCOMPLETE))
            m.setattr(brief_module, "merge_versions", counting)
            fast = _briefs(store)
            m.setattr(brief_module, "merge_versions", original)
            m.setattr(store, "event_ranks", lambda ids: None)  # every event of the window built and ranked
            slow = _briefs(store)
        assert fast == slow


@pytest.mark.parametrize("seed", [1, 3])
def test_rows_follow_the_merges_and_briefings_rank_the_same(store: Store, seed: int,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    docs = [_history_doc(rng, n) for n in range(24)]
    for n, doc in enumerate(docs):
        store.add(doc, content_hash=f"h{n}")
        if n % 3 == 0:
            store.add(_twins(doc), content_hash=f"h{n}-reprint")
    shared: list[int] = []
    _same_rows(store)
    _same_briefs(store, monkeypatch, shared)
    ids = sorted(r[0] for r in store._q("SELECT id FROM events").fetchall())
    store.set_event_clusters({e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 3)})
    _same_rows(store)
    _same_briefs(store, monkeypatch, shared)
    merge_delete_readd(store, rng, lambda: (_same_rows(store), _same_briefs(store, monkeypatch, shared)))
    assert shared  # keys shared by several events were ranked by their bound, then merged


def test_other_importance_words_rank_from_the_records(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(5)
    for n in range(6):
        store.add(_history_doc(rng, n), content_hash=f"h{n}")
    ids = [r[0] for r in store._q("SELECT DISTINCT cluster_id FROM events").fetchall()]
    assert store.event_ranks(ids) is not None
    assert brief_module.rank_events(store, ids, None, None, {}, set()) is not None
    monkeypatch.setattr(ranks, "words", lambda: (("treaty", 9.0),))  # a detente with other words than the store's
    assert store.event_ranks(ids) is None
    assert brief_module.rank_events(store, ids, None, None, {}, set()) is None  # the briefing builds every event


def test_migration_17_fills_a_store_written_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    rng = random.Random(6)
    with Store(path) as store:
        for n in range(8):
            store.add(_history_doc(rng, n), content_hash=f"h{n}")
        want = sorted(tuple(r) for r in store._q("SELECT * FROM event_ranks").fetchall())
        store.conn.execute("DROP TABLE event_ranks")  # as a store of migration 16 was
        store.conn.execute("DELETE FROM store_meta WHERE name = ?", (ranks.META,))
        store.conn.execute("DELETE FROM schema_migrations WHERE version = 17")
        store.conn.commit()
    with Store(path) as store:  # opening it runs migration 17's backfill
        assert sorted(tuple(r) for r in store._q("SELECT * FROM event_ranks").fetchall()) == want and want


def _state_rows(store: Store) -> list[tuple[object, ...]]:
    return sorted(tuple(r) for r in store._q(f"SELECT {', '.join(state_ranks.COLUMNS)} FROM state_ranks").fetchall())


def test_a_states_whole_time_is_ranked_from_its_first_events(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(2)
    for n in range(30):
        doc = _history_doc(rng, n)
        store.add(doc, content_hash=f"h{n}")
        if n % 2 == 0:
            store.add(_twins(doc), content_hash=f"h{n}-reprint")
    reads: list[tuple[int, int]] = []
    original = store.state_ranked

    def counting(state: str, **kw: Any) -> Any:
        found = original(state, **kw)
        if kw["complete"]:
            reads.append((kw["offset"], len(found or [])))
        return found

    monkeypatch.setattr(store, "state_ranked", counting)
    monkeypatch.setattr(brief_module, "MAX_EVENTS", 2)
    fast = brief(store, ["CHN"])
    rows = store._q("SELECT count(*) FROM state_ranks WHERE state = 'CHN' AND whole = 1").fetchone()[0]
    assert reads and sum(n for _, n in reads) < rows  # it stopped before the state's last events
    monkeypatch.setattr(store, "state_ranked", lambda state, **kw: None)  # ranked from every event, as before
    assert brief(store, ["CHN"]) == fast
    monkeypatch.setattr(store, "state_ranked", original)
    # focus actors beyond the state (each adds to the events naming it): the stop allows for all of them
    index = store.actor_facts()
    ids = [r[0] for r in store._q("SELECT DISTINCT cluster_id FROM state_ranks WHERE state = 'CHN'").fetchall()]
    for most in (1, 2, 5):
        monkeypatch.setattr(brief_module, "MAX_EVENTS", most)
        for focus in ({"CHN"}, {"CHN", "person:p0"}, {"CHN", "person:p1", "person:p2", "USA"}, set(index)):
            got = brief_module.rank_state_events(store, "CHN", index, focus)
            want = brief_module.rank_events(store, ids, None, None, index, focus)
            assert got is not None and want is not None
            assert [[t.event.id for t in part] for part in got] == [[t.event.id for t in part] for part in want]


def test_other_importance_rules_rank_every_event(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(4)
    for n in range(6):
        store.add(_history_doc(rng, n), content_hash=f"h{n}")
    assert store.state_ranked("CHN", complete=True, limit=5) is not None
    rules = {**ranks.importance_rules(), "per_report": 2}
    assert store.state_ranked("CHN", complete=True, limit=5, rules=rules) is None
    shipped = brief_module.phrases()
    monkeypatch.setattr(brief_module, "phrases", lambda: {**shipped, "importance": rules})
    index = store.actor_facts()
    assert brief_module.rank_state_events(store, "CHN", index, {"CHN"}) is None  # the briefing ranks as before


def test_migration_18_fills_a_store_written_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    rng = random.Random(7)
    with Store(path) as store:
        for n in range(10):
            doc = _history_doc(rng, n)
            store.add(doc, content_hash=f"h{n}")
            store.add(_twins(doc), content_hash=f"h{n}-reprint")
        want = _state_rows(store)
        store.conn.execute("DROP TABLE state_ranks")  # as a store of migration 17 was
        store.conn.execute("DELETE FROM store_meta WHERE name = ?", (state_ranks.META,))
        store.conn.execute("DELETE FROM schema_migrations WHERE version = 18")
        store.conn.commit()
    with Store(path) as store:  # opening it runs migration 18's backfill
        assert _state_rows(store) == want and any(r[-1] > 1 for r in want)  # some events share a group


def test_an_event_naming_more_focus_actors_outranks_heavier_kinds(store: Store) -> None:
    # heavier kinds first in the state's order, naming one focus actor each; a lighter one naming many
    # comes last in the order but first in a briefing about all of them: the reading must get to it
    def doc(n: int, type_: str, source: list[str], target: list[str]) -> Extraction:
        text = "They spoke of it again."
        ev = Event(id=f"ev-{n}", type=type_, mode=None, source=source, target=target,
                   date=Date(value=f"2024-03-{n + 1:02d}", granularity="day", start=f"2024-03-{n + 1:02d}",
                             end=f"2024-03-{n + 1:02d}", basis="explicit"),
                   location=None, modality="asserted", attribution=None, quad_class=4, intensity=1.0,
                   confidence=0.6, mentions=[Mention(f"d{n}", 0, len(text), text)], trigger="imposed")
        used = {*source, *target}
        return Extraction(document=Document(id=f"d{n}", text=text, title=f"d{n}", source=f"pub-{n}",
                                            published=f"2024-03-{n + 1:02d}", published_basis="metadata"),
                          actors=[a for a in ACTORS if a.id in used], events=[ev])

    for n in range(12):
        store.add(doc(n, "SANCTION", ["CHN"], ["FRA"]), content_hash=f"h{n}")
    store.add(doc(20, "CONSULT", ["person:p0", "person:p1"], ["USA", "person:p2"]), content_hash="h20")
    index = store.actor_facts()
    focus = {"CHN", "USA", "person:p0", "person:p1", "person:p2"}  # not FRA
    for most in (1, 3):
        with pytest.MonkeyPatch.context() as m:
            m.setattr(brief_module, "MAX_EVENTS", most)
            got = brief_module.rank_state_events(store, "CHN", index, focus)
        assert got is not None and got[0][0].event.id == "ev-20"
