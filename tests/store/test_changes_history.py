"""What changed reads "what came before" from the roll-ups and gives what the whole timeline gives.

:func:`detente.analysis.changes.history` reads the network roll-up's merged sides
and quad classes for the window's pairs, and loads only the earlier events that
could name a tie or be a visit.  Small random stores (states, people with and
without a state, an organisation; tie-forming, tie-naming and breaking types,
visits and hosts across years, every modality, undated and long events) are
written, fused and merged; after each step :func:`changes` and :func:`brief` are
compared, in several windows and with and without a focus, with what they give
when "before" is the whole timeline before the window, as it was first written.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from detente.analysis import brief as brief_module
from detente.analysis import changes as changes_module
from detente.analysis.brief import brief
from detente.analysis.changes import _balance, _sides, changes
from detente.analysis.common import TimelineEntry, actor_refs, date_bound, resolve_actor, state_or_id
from detente.analysis.timeline import timeline
from detente.model import Actor, ActorMention, Date, Document, Event, Extraction, Mention
from detente.store import Store, firsts, links, pasts, queries

from .test_network_rollup import ACTORS

TYPES = ["AGREE", "AGREE", "COOPERATE", "SUPPORT", "CONSULT", "CONSULT", "REJECT", "SANCTION", "ACCUSE"]
WORDS = ["the treaty", "an alliance", "their partnership", "talks", "a pact", "the accords", "a meeting"]
MODES = [None, None, None, "visit", "host", "meeting"]
# whole months and years; first and last months partly in (mostly in, mostly out: read either way); one month's days
WINDOWS = [("2024-03", "2024-03"), ("2024-02-10", "2024-05-20"), ("2024", None), ("2022-06", "2023-02"),
           ("2021", "2021"), ("2023-01", None), ("2023-11-24", "2024-02-03"), ("2024-03-05", "2024-03-20")]
ABOUT: list[tuple[str, ...]] = [(), ("CHN",), ("USA", "person:p4"), ("person:p0",)]


def _date(rng: random.Random) -> Date:
    y, m = rng.choice((2019, 2021, 2022, 2023, 2024, 2024)), rng.randint(1, 12)
    kind = rng.random()
    if kind < 0.65:
        d = f"{y}-{m:02d}-{rng.randint(1, 28):02d}"
        return Date(value=d, granularity="day", start=d, end=d, basis="explicit")
    if kind < 0.8:
        return Date(value=f"{y}-{m:02d}", granularity="month", start=f"{y}-{m:02d}-01", end=f"{y}-{m:02d}-28",
                    basis="explicit")
    if kind < 0.92:
        return Date(value=str(y), granularity="year", start=f"{y}-01-01", end=f"{y}-12-31", basis="explicit")
    return Date.unknown()


def _doc(rng: random.Random, n: int, pool: list[Actor] = ACTORS, published: str | None = None) -> Extraction:
    doc_id = f"d{n}"
    events, parts, at = [], [], 0
    for i in range(rng.randint(3, 7)):
        text = f"They spoke of {rng.choice(WORDS)} again. "
        parts.append(text)
        sent = Mention(doc_id, at, at + len(text) - 1, text[:-1])
        at += len(text)
        src = rng.sample(pool, rng.choice((1, 1, 2)))
        rest = [a for a in pool if a not in src]
        tgt = rng.sample(rest, min(rng.choice((0, 1, 1, 2)), len(rest)))
        events.append(Event(id=f"ev-{doc_id}-{i}", type=rng.choice(TYPES), mode=rng.choice(MODES),
                            source=[a.id for a in src], target=[a.id for a in tgt], date=_date(rng), location=None,
                            modality=rng.choice(("asserted", "asserted", "asserted", "future", "denied")),
                            attribution=None, quad_class=rng.choice((1, 2, 3, 4, None)), intensity=1.0,
                            confidence=0.6, mentions=[sent], trigger=rng.choice(("signed", "talks", "treaty"))))
    text = "".join(parts)
    used = {x for e in events for x in (*e.source, *e.target)}
    actors = [a for a in ACTORS if a.id in used]
    return Extraction(document=Document(id=doc_id, text=text, title=doc_id, source=f"pub-{n % 3}",
                                        published=published or f"2024-{rng.randint(1, 12):02d}-15", published_basis="metadata"),
                      actors=actors, actor_mentions=[ActorMention(actors[0].id, doc_id, 0, 4, "They")],
                      events=events)


def _plain_changes(store: Store, since: str | None = None, until: str | None = None, about: Sequence[str] = (), *,
                   limit: int | None = None, offset: int = 0,
                   window: object = None, window_ids: object = None, index: object = None,
                   top: int | None = None, trend_entries: int | None = None,
                   events: bool = True, rolled: object = None) -> changes_module.Changes:
    shown = events  # the window's events are a list below
    """The reference, as :func:`changes` was first written: every event of the window built, and "before"
    the whole timeline up to the day before it."""
    about = [a.id if isinstance(a, Actor) else a for a in about]  # (a briefing passes the actors it resolved)
    w = changes_module.window_for(store, since, until)
    start = w.since
    end = date_bound(until, end=True, name="until") if until else (w.until if since is None else None)
    day_before = (dt.date.fromisoformat(start) - dt.timedelta(days=1)).isoformat()
    focus = [resolve_actor(store, a) for a in about]
    refs = {r for a in focus for r in actor_refs(a)} | {a.id for a in focus}
    out = changes_module.Changes(since=start, until=end, window_reason=w.reason)
    index = store.actor_index()
    names = {k: a.name for k, a in index.items()}
    key = {k: state_or_id(a, k) for k, a in index.items()}

    def relevant(ids: Sequence[str]) -> bool:
        return not refs or any(i in refs or key.get(i) in refs for i in ids)

    events = timeline(store, actors=about, since=start, until=end)
    keyed = focus and store.pasts_usable() and all(actor_refs(a)[0] == key.get(a.id) for a in focus)
    if keyed:  # states (actors of no state): the whole store's answer, limited to the pairs with one of them
        whole = _plain_changes(store, since, until, trend_entries=trend_entries)
        out.new_events_total = len(events)
        out.new_events = events[offset:] if limit is None else events[offset:offset + limit]
        out.shifts = changes_module.position_shifts(store, w, [a.id for a in focus], refs, names)
        out.ties = [t for t in whole.ties if relevant([t.a, t.b])]
        out.new_pairs = [p for p in whole.new_pairs if relevant([p.a, p.b])]
        out.trends = [t for t in whole.trends if relevant([t.a, t.b])]
        out.new_actors = [a for a in whole.new_actors if relevant([a.actor.id])]
        out.stances = changes_module._stance_changes(store, start, day_before, end, names, relevant)
        return _capped(out, events, key, top, None, shown)
    before = timeline(store, until=day_before)
    by_pair: dict[tuple[str, str], list[TimelineEntry]] = {}
    for t in before:
        for p in _sides(t, key):
            by_pair.setdefault(p, []).append(t)
    balance = {p: _balance(ts) for p, ts in by_pair.items()}
    out.new_events_total = len(events)
    out.new_events = events[offset:] if limit is None else events[offset:offset + limit]
    out.shifts = changes_module.position_shifts(store, w, [a.id for a in focus], refs, names)
    for p, t in sorted(changes_module._pairs(events, key).items()):
        if p not in balance and relevant(list(p)):
            out.new_pairs.append(changes_module.NewPair(p[0], p[1], t))
    out.ties = changes_module.tie_changes(before, events, key, relevant, start)
    out.trends = changes_module.trends_from(balance, events, key, relevant)
    first_seen = store.actors_first_seen_between(start, end)
    new_ids = [a for a in first_seen if relevant([a])]
    if new_ids:
        firsts = store.actor_mentions_first(new_ids)
        for a in sorted(new_ids, key=lambda x: (first_seen[x], names.get(x, x))):
            if a in index:
                out.new_actors.append(changes_module.NewActor(index[a], first_seen[a], firsts.get(a, [])))
    out.stances = changes_module._stance_changes(store, start, day_before, end, names, relevant)
    return _capped(out, events, key, top, trend_entries, shown)


def _capped(out: changes_module.Changes, events: list[TimelineEntry], key: dict[str, str], top: int | None,
            trend_entries: int | None, shown: bool = True) -> changes_module.Changes:
    """The lists' totals, then the ``top`` first of each: the most active new pairs and trends (by their
    events in the window), the first ties and new actors; each trend's first ``trend_entries`` events."""
    if not shown:  # the events asked to be left out
        out.new_events_total, out.new_events = 0, []
    out.ties_total, out.new_pairs_total = len(out.ties), len(out.new_pairs)
    out.trends_total, out.new_actors_total = len(out.trends), len(out.new_actors)
    for tr in out.trends:
        tr.entries_total = tr.entries_total or len(tr.entries)  # a trend has events
        if trend_entries is not None:
            tr.entries = tr.entries[:trend_entries]
    if top is not None:
        window_events = {p: sum(1 for t in events if p in _sides(t, key)) for p in {*changes_module._pairs(events, key)}}
        out.new_pairs = sorted(out.new_pairs, key=lambda x: -window_events[(x.a, x.b)])[:top]
        out.trends = sorted(out.trends, key=lambda x: -window_events[(x.a, x.b)])[:top]
        out.ties, out.new_actors = out.ties[:top], out.new_actors[:top]
    return out


def _answers(store: Store, run: Callable[..., changes_module.Changes] = changes) -> list[object]:
    out: list[object] = []
    for since, until in WINDOWS:
        for about in ABOUT:
            out.append(run(store, since=since, until=until, about=about))
            if not about:
                out.append(run(store, since=since, until=until, limit=3, offset=2))
                out.append(run(store, since=since, until=until, top=2, trend_entries=1))
            if about:
                out.append(brief(store, about, since=since, until=until))
    return out


def _same(store: Store, monkeypatch: pytest.MonkeyPatch) -> list[changes_module.Changes]:
    fast = _answers(store)
    with monkeypatch.context() as m:
        m.setattr(changes_module, "changes", _plain_changes)
        m.setattr(brief_module, "changes", _plain_changes)
        slow = _answers(store, _plain_changes)
    assert fast == slow
    if store.pasts_usable():  # and the scan of the network roll-up the per-pair one replaces
        with monkeypatch.context() as m:
            m.setattr(store, "pasts_usable", lambda: False)
            assert _answers(store) == slow
        with monkeypatch.context() as m:  # and the earlier marks read per pair, as before migration 23
            m.setattr(pasts, "flags_usable", lambda q: False)
            assert _answers(store) == slow
    return [c for c in slow if isinstance(c, changes_module.Changes)]


@pytest.mark.parametrize("seed", [1, 3])
def test_changes_read_the_same_past_as_the_whole_timeline(store: Store, seed: int,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    rng = random.Random(seed)
    docs = [_doc(rng, n) for n in range(30)]
    for n, doc in enumerate(docs):
        store.add(doc, content_hash=f"h{n}")
    assert store.pasts_usable()  # the roll-up's path is the one compared
    seen = _same(store, monkeypatch)
    ids = sorted(r[0] for r in store._q("SELECT id FROM events").fetchall())
    moves = {e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 3)}
    store.set_event_clusters(moves)  # fusion: merged sides span versions, types and modes mix
    seen += _same(store, monkeypatch)
    store.merge_actors("person:p3", "person:p0")
    seen += _same(store, monkeypatch)
    _same_roll_ups(store)
    gone = rng.sample(range(30), 8)
    for n in gone:  # deletes take contributions back, a re-ingest adds them again
        store.delete_document(f"d{n}")
    store.add(docs[gone[0]], content_hash=f"h{gone[0]}")
    seen += _same(store, monkeypatch)
    _same_roll_ups(store)
    # the stores exercise every part the past decides
    kinds = {t.kind for c in seen for t in c.ties}
    assert kinds >= {"new", "broken", "visit"}, kinds
    assert any(c.trends for c in seen) and any(c.new_pairs for c in seen)
    assert brief_module.changes is changes  # the briefing's "What changed" is this function


ROLL_UPS = ("pair_periods", "pair_marks", "actor_firsts", "pair_events", "event_periods")  # migrations 11, 20, 22


class _Rollback(Exception):
    pass


def _roll_ups(store: Store) -> list[list[tuple[object, ...]]]:
    return [sorted(tuple(r) for r in store._q(f"SELECT * FROM {t}").fetchall()) for t in ROLL_UPS]


def _same_roll_ups(store: Store) -> None:
    """Migration 11's rows as the writer kept them are those its backfill makes from the store as it is."""
    kept = _roll_ups(store)
    rebuilt: list[list[tuple[object, ...]]] = []
    try:
        with store.transaction() as db:
            for t in ROLL_UPS:
                db.execute(f"DELETE FROM {t}")
            pasts.backfill(db, links.merged_events)
            pasts.backfill_flags(db)
            pasts.backfill_before(db)
            pasts.backfill_events(db)
            db.execute(pasts.backfill_periods_sql())
            db.execute(firsts.backfill_sql())
            rebuilt = [sorted(tuple(r) for r in db.execute(f"SELECT * FROM {t}").fetchall()) for t in ROLL_UPS]
            raise _Rollback
    except _Rollback:
        pass
    assert kept == rebuilt
    assert kept[0] and kept[2] and kept[3] and kept[4]


@pytest.mark.parametrize("few", [0, 10_000])
def test_actors_first_seen_in_a_window_are_those_of_the_whole_store(store: Store, few: int,
                                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(queries, "FEW_EARLIER_REPORTS", few)  # both ways of dropping actors seen before
    rng = random.Random(5)
    for n in range(12):  # actors join month by month, some reports out of order
        pool, month = ACTORS[:3 + n], rng.choice((n + 1, n + 1, rng.randint(1, 12)))
        store.add(_doc(rng, n, pool, f"2024-{month:02d}-{rng.randint(1, 28):02d}"), content_hash=f"h{n}")
    first = store.actor_first_seen()
    assert first
    for since, until in [("2024-01-01", "2024-01-31"), ("2024-03-01", "2024-05-20"), ("2024-06-15", None),
                         ("2023-01-01", "2024-12-31"), ("2025-01-01", None),
                         *[(d, d) for d in sorted(set(first.values()))], *[(d, None) for d in first.values()]]:
        expected = {a: d for a, d in first.items() if d >= since and (until is None or d <= until)}
        assert store.actors_first_seen_between(since, until) == expected, (since, until)
        assert store.actors_first_seen_in(since, until) == expected, (since, until)
    store.merge_actors(ACTORS[4].id, ACTORS[1].id)
    store.delete_document("d0")
    store.delete_document("d5")
    _same_roll_ups(store)
    first = store.actor_first_seen()
    for since, until in [("2024-01-01", None), *[(d, d) for d in sorted(set(first.values()))]]:
        expected = {a: d for a, d in first.items() if d >= since and (until is None or d <= until)}
        assert store.actors_first_seen_in(since, until) == expected, (since, until)
    assert len(set(first.values())) > 1  # some actors are first seen after others


def test_migrations_20_to_23_fill_a_store_written_before_them(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    rng = random.Random(11)
    with Store(path) as store:
        for n in range(16):
            store.add(_doc(rng, n), content_hash=f"h{n}")
        ids = sorted(r[0] for r in store._q("SELECT id FROM events").fetchall())
        store.set_event_clusters({e: rng.choice(ids) for e in rng.sample(ids, len(ids) // 3)})
        want = _roll_ups(store)
        assert any(r[7] for r in want[0])  # some rows count events before their period
        marks = want[1]  # and some marks name their tie first, come after a tie, or after a visit
        assert any(r[10] for r in marks) and any(r[11] for r in marks) and any(r[12] for r in marks)
        for sql in ("DROP INDEX pair_periods_period", "ALTER TABLE pair_periods DROP COLUMN before_events",
                    "ALTER TABLE pair_periods DROP COLUMN before_cooperation",
                    "ALTER TABLE pair_periods DROP COLUMN before_conflict", "DROP TABLE pair_events",
                    "DROP INDEX state_ranks_day", "DROP TABLE event_periods",
                    *(f"ALTER TABLE pair_marks DROP COLUMN {c}" for c in pasts.FLAGS),
                    f"DELETE FROM store_meta WHERE name = '{pasts.FLAGS_META}'",
                    "DELETE FROM schema_migrations WHERE version >= 20"):  # as a store of migration 19 was
            store.conn.execute(sql)
        store.conn.commit()
    with Store(path) as store:  # opening it runs migrations 20 to 23
        assert _roll_ups(store) == want
        assert store._q("SELECT name FROM sqlite_master WHERE name = 'state_ranks_day'").fetchone()
        for since, until in WINDOWS:  # and what changed reads them
            assert changes(store, since=since, until=until, limit=5) == _plain_changes(store, since, until, limit=5)


def _event_doc(n: int, events: list[tuple[str, str | None, Date, str]], target: str = "USA",
               quad: int = 1) -> Extraction:
    """A report of CHN doing these (type, mode, date, text) events to ``target``."""
    doc_id, parts, made, at = f"k{n}", [], [], 0
    sides = [a for a in ACTORS if a.id in ("CHN", target)]
    for i, (type_, mode, date, text) in enumerate(events):
        parts.append(text + " ")
        made.append(Event(id=f"ev-{doc_id}-{i}", type=type_, mode=mode, source=["CHN"], target=[target], date=date,
                          location=None, modality="asserted", attribution=None, quad_class=quad, intensity=1.0,
                          confidence=0.6, mentions=[Mention(doc_id, at, at + len(text), text)], trigger="met"))
        at += len(text) + 1
    return Extraction(document=Document(id=doc_id, text="".join(parts), title=doc_id, source="pub",
                                        published="2023-06-01", published_basis="metadata"),
                      actors=sides, actor_mentions=[ActorMention("CHN", doc_id, 0, 4, "They")], events=made)


def _day(d: str) -> Date:
    return Date(value=d, granularity="day", start=d, end=d, basis="explicit")


def test_an_event_running_into_the_window_is_an_earlier_one(store: Store) -> None:
    """A year-long visit running into the window is no visit of the window: a later visit's gap is counted
    from the pair's latest visit before it; a year-long break running into it cites the first naming of
    its tie before the window, even one after the break's start."""
    year = Date(value="2021", granularity="year", start="2021-01-01", end="2021-12-31", basis="explicit")
    store.add(_event_doc(1, [
        ("CONSULT", "visit", _day("2019-03-10"), "The envoy came over for a day."),
        ("CONSULT", "visit", year, "Delegations came and went all year."),
        ("CONSULT", "visit", _day("2021-03-01"), "The minister flew in for talks."),
        ("SANCTION", None, year, "The year saw penalties that strained the treaty."),
        ("AGREE", None, _day("2021-03-05"), "Both signed the treaty in spring."),
        ("CONSULT", "visit", _day("2023-02-01"), "The minister came back for a second round."),
    ]), content_hash="k1")
    for run in (changes, _plain_changes):
        found = run(store, since="2021-06", until=None)
        assert [t.kind for t in found.ties] == ["broken"], run  # the visit of 2023 came 23 months after one
        assert found.ties[0].previous is not None and found.ties[0].previous.date.start == "2021-03-05"


def test_the_days_of_the_first_month_before_the_window_are_before_it(store: Store) -> None:
    """A window starting on the 10th: the month's earlier days are before it, and those of their events
    still running on the 10th (a month's events) are in it too."""
    feb = Date(value="2024-02", granularity="month", start="2024-02-01", end="2024-02-28", basis="explicit")
    store.add(_event_doc(1, [("ACCUSE", None, _day("2024-02-05"), "An accusation flew early that month.")],
                         quad=3), content_hash="k1")  # USA: only a day before the window
    store.add(_event_doc(2, [("CONSULT", None, _day("2024-03-02"), "They talked in March.")]), content_hash="k2")
    store.add(_event_doc(3, [("ACCUSE", None, _day(f"2024-02-0{d}"), f"Blame on day {d}.") for d in range(2, 6)],
                         target="FRA", quad=3), content_hash="k3")  # FRA: four conflicts before the window
    store.add(_event_doc(4, [("CONSULT", None, feb, f"Talks went on all month, round {r}.") for r in range(4)],
                         target="FRA"), content_hash="k4")  # and four month-long talks before it and in it
    for run in (changes, _plain_changes):
        found = run(store, since="2024-02-10", until="2024-05-20")
        assert not found.new_pairs, run  # CHN and USA met before the window
        assert [(t.a, t.b, t.before, t.now) for t in found.trends] == [("CHN", "FRA", (4, 4), (4, 0))], run
