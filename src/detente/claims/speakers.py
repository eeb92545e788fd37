"""Speakers: who a claim's subject is, and what kind of claim it makes.

A subject names an actor (the actor stage's mention), else a body or person
named before it in the paragraph; "according to X" gives the attribution.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..linguistics import according_to, block
from ..model import ActorMention
from ..pipeline import DocContext
from .lexicon import Lexicon

_VERBAL = {"VERB", "AUX"}


def _range(tok: Token) -> tuple[int, int]:
    sub = list(tok.subtree)
    lo, hi = block(tok)
    return max(lo, sub[0].idx), min(hi, sub[-1].idx + len(sub[-1].text))


def _according_to(ctx: DocContext, sent: Span) -> tuple[str, tuple[int, int]] | None:
    """The source named by "according to X" in ``sent``: an actor id, else the name."""
    for obj in according_to(sent):
        if obj is None:
            continue
        rng = _range(obj)
        found = ctx.mentions_in(*rng)
        if found:
            return found[0].actor, rng
        words = [w.text for w in obj.subtree if w.pos_ not in ("DET", "PUNCT")]
        return " ".join(words), rng
    return None


class _Resolver:
    """Speakers from subject tokens, remembering the last one for pronouns and continuations."""

    def __init__(self, ctx: DocContext, lex: Lexicon):
        self.ctx, self.lex = ctx, lex

    def actor(self, subj: Token) -> str | None:
        """The actor the subject's phrase names (its head's mention first, people before others)."""
        lo, hi = _range(subj)
        found = self.ctx.mentions_in(lo, hi)
        if not found:
            return None
        for m in found:  # the mention naming the subject's head first ("Timor-Leste's prime minister, X")
            if m.start <= subj.idx < m.end:
                return m.actor
        people = [m for m in found if self._kind(m) == "person"]
        return (people or found)[0].actor

    def speaker(self, subj: Token, last: _Draft | None) -> str | None:
        """The actor of a subject.  Unresolved, a body ("the agency", "it") is the latest
        organisation or state named before it in the paragraph; a person ("a spokesperson",
        "he") is the previous claim's speaker in the paragraph."""
        found = self.actor(subj)
        if found is not None:
            return found
        lemma = subj.lemma_.lower()
        text = self.ctx.document.text
        para = text.rfind("\n\n", 0, subj.idx) + 1
        if lemma in self.lex.body_nouns or subj.lower_ in ("it", "its"):
            before = [m for m in self.ctx.mentions_in(para, subj.idx)
                      if self._kind(m) in ("organization", "state")]
            if before:
                want = "organization" if lemma in self.lex.body_nouns else None
                typed = [m for m in before if want is None or self._kind(m) == want]
                return (typed or before)[-1].actor
        if (subj.pos_ == "PRON" or lemma in self.lex.official_nouns) and last is not None:
            if last.spans[-1][0] >= para:
                return last.speaker
        return None

    def _kind(self, m: ActorMention) -> str:
        a = self.ctx.actors.get(m.actor)
        return a.kind if a else "unknown"

    def is_commentator(self, subj: Token) -> bool:
        """Whether the subject (or its apposition) is a generic commentator ("analysts")."""
        heads = [subj, *[c for c in subj.children if c.dep_ == "appos"]]
        return any(h.lemma_.lower() in self.lex.commentator_nouns for h in heads)

    def kind_of(self, speaker: str | None, subj: Token | None, verb: Token) -> str:
        """"assessment" for commentators and judgements, "statement" for officials and texts."""
        if verb.lemma_.lower() in self.lex.assessment_verbs:
            return "assessment"
        if subj is not None and self.is_commentator(subj):
            return "assessment"
        if subj is not None and subj.lemma_.lower() in self.lex.statement_nouns:
            return "statement"
        a = self.ctx.actors.get(speaker) if speaker else None
        if a is None:
            return "statement"
        if a.kind == "person":
            return "statement" if a.roles else "assessment"
        if a.kind == "organization" and any(w in a.name.lower() for w in self.lex.research_org_words):
            return "assessment"
        return "statement"


# --- the three passes ----------------------------------------------------------------


@dataclass
class _Draft:
    kind: str
    speaker: str | None
    spans: list[tuple[int, int]]
    attribution: str | None = None
    verb: int | None = None
    stance: str | None = None
    issue: str | None = None
