"""Hand-made extractions for fusion and analysis tests (no NLP stages needed).

Events, quantities and claims are given by an evidence phrase of the article
text, so every mention's offsets slice the stored text exactly.
"""

from __future__ import annotations

import calendar
import copy
import itertools
from collections.abc import Sequence

from detente.fusion import fuse_document
from detente.model import (
    Actor,
    ActorMention,
    Claim,
    Date,
    Document,
    Event,
    Extraction,
    Location,
    Mention,
    Quantity,
)
from detente.store import Store

ACTORS: dict[str, Actor] = {a.id: a for a in [
    Actor(id="CHN", name="China", kind="state", code="CHN", country="CHN", aliases=["China", "Beijing"]),
    Actor(id="PRK", name="North Korea", kind="state", code="PRK", country="PRK",
          aliases=["North Korea", "DPRK", "Pyongyang"]),
    Actor(id="RUS", name="Russia", kind="state", code="RUS", country="RUS", aliases=["Russia", "Moscow"]),
    Actor(id="USA", name="United States", kind="state", code="USA", country="USA", aliases=["United States"]),
    Actor(id="KOR", name="South Korea", kind="state", code="KOR", country="KOR", aliases=["South Korea", "Seoul"]),
    Actor(id="person:xi", name="Xi Jinping", kind="person", country="CHN", aliases=["Xi"]),
    Actor(id="person:li", name="Li Qiang", kind="person", country="CHN", aliases=["Li"]),
    Actor(id="person:kim", name="Kim Jong Un", kind="person", country="PRK", aliases=["Kim"]),
    Actor(id="person:putin", name="Vladimir Putin", kind="person", country="RUS", aliases=["Putin"]),
    Actor(id="org:kcna", name="KCNA", kind="organization", country="PRK", aliases=["KCNA"]),
]}

_counter = itertools.count()


def day(value: str, basis: str = "explicit") -> Date:
    return Date(value=value, granularity="day", start=value, end=value, basis=basis)


def month(value: str) -> Date:
    y, m = (int(x) for x in value.split("-"))
    last = calendar.monthrange(y, m)[1]
    return Date(value=value, granularity="month", start=f"{value}-01", end=f"{value}-{last:02d}")


def year(value: str) -> Date:
    return Date(value=value, granularity="year", start=f"{value}-01-01", end=f"{value}-12-31")


def span(doc_id: str, text: str, phrase: str) -> Mention:
    start = text.index(phrase)
    return Mention(doc_id, start, start + len(phrase), phrase)


class Article:
    """Build one document's extraction step by step."""

    def __init__(self, doc_id: str, text: str, published: str = "2025-09-05", source: str = "Wire",
                 title: str | None = None):
        self.doc = Document(id=doc_id, text=text, title=title or doc_id, source=source, published=published,
                            published_basis="metadata")
        self.events: list[Event] = []
        self.quantities: list[Quantity] = []
        self.claims: list[Claim] = []

    def event(self, evidence: str, type: str, source: Sequence[str], target: Sequence[str] = (), *,
              date: Date | None = None, mode: str | None = None, location: str | None = None,
              location_country: str | None = None, modality: str = "asserted", attribution: str | None = None,
              location_kind: str | None = None,
              confidence: float = 0.6, quad_class: int = 1, intensity: float = 1.0) -> Event:
        ev = Event(id=f"ev-{self.doc.id}-{len(self.events)}", type=type, mode=mode, source=list(source),
                   target=list(target), date=date or Date.unknown(),
                   location=Location(location, location_country, location_kind) if location else None, modality=modality,
                   attribution=attribution, quad_class=quad_class, intensity=intensity, confidence=confidence,
                   mentions=[span(self.doc.id, self.doc.text, evidence)], trigger=None)
        self.events.append(ev)
        return ev

    def quantity(self, evidence: str, measure: str, value: float, unit: str, subjects: Sequence[str], *,
                 date: Date | None = None, qualifier: str | None = None) -> Quantity:
        q = Quantity(id=f"q-{self.doc.id}-{len(self.quantities)}", measure=measure, value=value, unit=unit,
                     subjects=list(subjects), date=date, modality="asserted",
                     mentions=[span(self.doc.id, self.doc.text, evidence)], qualifier=qualifier)
        self.quantities.append(q)
        return q

    def claim(self, evidence: str, speaker: str | None, about: Sequence[str], *, kind: str = "quote",
              stance: str | None = None, issue: str | None = None, text: str | None = None) -> Claim:
        c = Claim(id=f"c-{self.doc.id}-{len(self.claims)}", kind=kind, speaker=speaker, text=text or evidence,
                  about=list(about), stance=stance, mentions=[span(self.doc.id, self.doc.text, evidence)],
                  issue=issue)
        self.claims.append(c)
        return c

    def extraction(self) -> Extraction:
        text = self.doc.text
        used: set[str] = set()
        for e in self.events:
            used.update(e.source, e.target, [e.attribution] if e.attribution else [])
        for q in self.quantities:
            used.update(q.subjects)
        for c in self.claims:
            used.update(c.about, [c.speaker] if c.speaker else [])
        mentions = []
        for a in ACTORS.values():
            for form in [a.name, *a.aliases]:
                start = text.find(form)
                while start >= 0:
                    mentions.append(ActorMention(a.id, self.doc.id, start, start + len(form), form))
                    used.add(a.id)
                    start = text.find(form, start + 1)
        # copies: a test that edits an actor (another state for one report) leaves the shared table alone
        return Extraction(document=self.doc, actors=[copy.deepcopy(ACTORS[a]) for a in sorted(used) if a in ACTORS],
                          actor_mentions=mentions, events=self.events, quantities=self.quantities,
                          claims=self.claims)

    def add(self, store: Store, *, fuse: bool = True) -> Extraction:
        """Store the document (as ingest does) and fuse it."""
        ex = self.extraction()
        store.add(ex, content_hash=f"hash-{self.doc.id}-{next(_counter)}")
        if fuse:
            fuse_document(store, ex)
        return ex


def cluster_of(store: Store, mention_id: str) -> str:
    row = store.conn.execute("SELECT cluster_id FROM events WHERE id = ?", (mention_id,)).fetchone()
    return str(row[0])
