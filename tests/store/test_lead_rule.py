"""The lead rule is one rule: the SQL the store chooses leads with is generated from
:mod:`detente.fusion.lead` and picks the same version as the Python rule, on both backends."""

from __future__ import annotations

import itertools
import random
import sqlite3

from detente.fusion import LeadFacts, lead_key, lead_member, lead_order_sql
from detente.fusion.lead import Fact
from detente.model import Actor, ActorMention, Date, Document, Event, Extraction, Mention
from detente.store import Store, dyads

GRANULARITIES = ["day", "week", "month", "quarter", "season", "year", "decade", "unknown", "century"]
BASES = ["explicit", "context", "published", "unknown"]
PUBLISHED = [None, "", "2024-03-01", "2024-03-02", "2024-02-28T10:00:00"]
STATE = Actor(id="CHN", name="China", kind="state", code="CHN", country="CHN")


def _date(rng: random.Random) -> Date:
    granularity = rng.choice(GRANULARITIES)
    start = rng.choice([None, "2024-03-04", "2024-03-01", "2024-02-01"])
    end = rng.choice([None, start, "2024-03-31", "2024-03-04"]) if start else None
    return Date(value=start or "", granularity=granularity, start=start, end=end, basis=rng.choice(BASES))


def _documents(rng: random.Random, clusters: int) -> tuple[list[Extraction], dict[str, str]]:
    """Random one-event documents, and the cluster each event is assigned to."""
    docs: list[Extraction] = []
    assign: dict[str, str] = {}
    n = 0
    for c in range(clusters):
        for _ in range(rng.randint(2, 6)):
            doc_id = f"d{n:03d}-{rng.choice('abc')}"  # ids that do not sort in creation order
            text = f"China held talks, report {n}."
            ev = Event(id=f"ev-{doc_id}", type="CONSULT", mode=None, source=["CHN"], target=[], date=_date(rng),
                       location=None, modality="asserted", attribution=None, quad_class=1, intensity=1.0,
                       confidence=0.5, mentions=[Mention(doc_id, 0, len(text), text)], trigger="talks")
            docs.append(Extraction(document=Document(id=doc_id, text=text, published=rng.choice(PUBLISHED)),
                                   actors=[STATE], actor_mentions=[ActorMention("CHN", doc_id, 0, 5, "China")],
                                   events=[ev]))
            assign[ev.id] = f"cluster-{c:02d}"
            n += 1
    return docs, assign


def test_sql_and_python_choose_the_same_lead(store: Store) -> None:
    rng = random.Random(14)
    docs, assign = _documents(rng, clusters=60)
    for i, ex in enumerate(docs):
        store.add(ex, content_hash=f"h{i}")
    store.set_event_clusters(assign)
    clusters = sorted(set(assign.values()))
    in_sql = dyads.leads(store.db, clusters)
    in_python = {c: lead_member(store.cluster_members(c)).event.id for c in clusters}
    assert in_sql == in_python
    # the cases are varied: leads of every kind of date were chosen, not only the first document's
    chosen = {store.cluster_members(c)[0].event.date.granularity for c in clusters}
    assert len(chosen) > 3
    assert len({v.split("-")[1] for v in in_python.values()}) > 1


def test_the_stored_lead_attributes_follow_the_rule(store: Store) -> None:
    # event_dyads carries each event's lead start: the same version the Python rule picks
    rng = random.Random(16)
    docs, assign = _documents(rng, clusters=20)
    for i, ex in enumerate(docs):
        store.add(ex, content_hash=f"h{i}")
    store.set_event_clusters(assign)
    rows = store.db.execute("SELECT cluster_id, lead_start FROM event_dyads").fetchall()
    for cluster, lead_start in rows:
        assert lead_start == lead_member(store.cluster_members(cluster)).event.date.start


def test_generated_sql_orders_like_the_key() -> None:
    # every combination of the facts the rule reads (missing and empty values included),
    # sorted by the SQL terms in SQLite and by the Python key: the same order
    combos = itertools.product(["day", "month", "decade", "century", None], ["explicit", "context", None],
                               [None, "", "2024-03-04"], [None, "", "2024-03-04", "2024-03-05"],
                               [None, "", "2024-03-01", "2024-02-28T10:00:00"])
    facts = [LeadFacts(g, b, s, e, p, f"d{i % 7}", f"e{i:04d}") for i, (g, b, s, e, p) in enumerate(combos)]
    conn = sqlite3.connect(":memory:")
    conn.execute('CREATE TABLE f (granularity, basis, start, "end", published, document, id)')
    conn.executemany("INSERT INTO f VALUES (?, ?, ?, ?, ?, ?, ?)",
                     [(f.granularity, f.basis, f.start, f.end, f.published, f.document, f.id) for f in facts])
    cols: dict[Fact, str] = {"granularity": "granularity", "basis": "basis", "start": "start", "end": '"end"',
                             "published": "published", "document": "document", "id": "id"}
    in_sql = [r[0] for r in conn.execute(f"SELECT id FROM f ORDER BY {lead_order_sql(cols)}")]
    assert in_sql == [f.id for f in sorted(facts, key=lead_key)]
