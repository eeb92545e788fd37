"""Salience of people within a document, for surnames, titles and pronouns.

A simplified Lappin & Leass (1994) model: every mention of a person adds
weight for recency (halved per sentence back), for being a subject or object,
and for not sitting inside a prepositional phrase.  Surnames and titles use a
document-level salience (how often, how recently, whether a leader).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Token

SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass"})
OBJECT_DEPS = frozenset({"dobj", "dative", "attr"})


def grammatical_weight(tok: Token) -> float:
    """Lappin-Leass style weight of a mention's head token."""
    w = 80.0 if tok.dep_ in SUBJECT_DEPS else 50.0 if tok.dep_ in OBJECT_DEPS else 0.0
    t, steps = tok, 0
    while t.head is not t and steps < 8 and t.pos_ not in ("VERB", "AUX"):
        if t.dep_ in ("prep", "pobj", "agent"):
            return w
        t, steps = t.head, steps + 1
    return w + 50.0


@dataclass(slots=True)
class Record:
    """One mention of a (possibly unnamed) referent."""

    ref: str  # person id, or "~f"/"~m" for an unnamed person ("his daughter")
    tok: int
    sent: int
    weight: float
    subject: bool


@dataclass
class Tracker:
    """People mentioned so far in a document."""

    records: list[Record] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, ref: str, tok: Token, sent: int) -> None:
        """Record a mention of ``ref`` whose head is ``tok``."""
        self.records.append(Record(ref, tok.i, sent, grammatical_weight(tok), tok.dep_ in SUBJECT_DEPS))
        if not ref.startswith("~"):
            self.counts[ref] += 1

    def seen(self) -> list[str]:
        """People mentioned so far, most recent first."""
        out: list[str] = []
        for r in reversed(self.records):
            if not r.ref.startswith("~") and r.ref not in out:
                out.append(r.ref)
        return out

    def salience(self, ref: str, sent: int, leader: bool) -> float:
        """Document-level salience used to pick between people sharing a surname or title."""
        # a bare surname shared by several people is the leader unless the text marks
        # otherwise (an honorific, a full name), so leadership outweighs recency
        score = (3.0 if leader else 0.0) + math.log2(1 + self.counts.get(ref, 0))
        recent = [r for r in self.records if r.ref == ref and sent - r.sent <= 1]
        if recent:
            score += 1.0
            if any(r.subject for r in recent):
                score += 1.5
        last = max((r.tok for r in self.records if r.ref == ref), default=-1)
        return score + last * 1e-6  # ties go to the most recently mentioned

    def pronoun_scores(self, tok: Token, sent: int, window: int = 3) -> dict[str, float]:
        """Lappin-Leass salience of each referent for a pronoun at ``tok``."""
        scores: dict[str, float] = defaultdict(float)
        for r in self.records:
            dist = sent - r.sent
            if r.tok >= tok.i or dist > window:
                continue
            # the best mention counts (summing would let a much-repeated name
            # outweigh the subject of the current sentence)
            scores[r.ref] = max(scores[r.ref], 100.0 / (2 ** dist) + r.weight)
        return scores
