"""Reading one document for positions: who a word's holder is, its modality, its date, its stance word.

:class:`SentenceReader` holds what every reading rule needs (the document context,
the issue book's cue lists) and answers the small questions the rules in
:mod:`detente.positions.derive` ask about a token: the actors it names, the
subject of a verb, the possessor of a noun, the modality and date of a clause,
whether a word is a stance word or negated.  Nothing here knows a name or a
sentence; word lists come from ``data/issues.yaml`` (``cues:``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.tokens import Span, Token

from ..datafiles import build
from ..linguistics import base_words
from ..modality import Cues, read_modality
from ..model import Date, TimeMention
from ..stage import DocContext
from ..timex import day_value
from .issues import IssueBook

SUBJ = ("nsubj", "nsubjpass", "csubj")
VERBAL = ("VERB", "AUX")
CLIMB = ("prep", "pobj", "dobj", "pcomp", "amod", "compound", "appos", "conj", "cc", "det", "nmod", "npadvmod",
          "attr", "oprd", "dative")
STANCE_LISTS = ("demands", "supports", "accepts", "opposes")
FLIP = {"supports": "opposes", "demands": "opposes", "opposes": "supports"}
# where a stance found in text ranks when two sources give one for the same holder, issue and sentence
ORIGIN_RANK = {"abandonment": 0, "silence": 1, "event": 2, "report": 3, "claim": 4}


@dataclass(slots=True)
class Found:
    """A position read from one sentence, before ids and merging."""

    actor: str
    issue: str
    stance: str
    date: Date
    modality: str
    start: int
    end: int
    origin: str
    origin_id: str | None = None
    reported_by: str | None = None
    cue: tuple[int, int] | None = None  # the issue's words, for the target


# How the positions stage reads modality with the shared walk: a stance word takes
# the modal verbs and conditionals of its own clause only; "not" is no modality here
# (a negated stance is the opposite stance, see SentenceReader.negated); "would" in
# reported speech is the speaker's pledge ("said X would support Y"), so it is no cue; an
# "if" clause beside a stance word is what is asked ("asked them if they could help"), not
# a condition on it, so consequents are not read.
# The words themselves are the book's cue lists (issues.yaml, `cues:`).
_WALK: dict[str, Any] = {"clause_bound": True, "negation": "", "reported_would": "", "consequent": False,
                         "priority": ["prescriptive", "hypothetical", "future"]}
MODAL_LISTS = ("prescriptive", "hypothetical", "future")


def modality_cues(book: IssueBook) -> Cues:
    """The shared walk's cues for ``book``: its modal verbs by kind and its conditionals."""
    aux = tuple((w, kind) for kind in MODAL_LISTS for w in sorted(book.cues.get(kind, ())))
    return _cues(aux, tuple(sorted(book.cues.get("conditionals", ()))))


@cache
def _cues(aux: tuple[tuple[str, str], ...], conditionals: tuple[str, ...]) -> Cues:
    # the first kind listed wins for a word listed twice, as the old lists were read
    table: dict[str, str] = {}
    for w, kind in aux:
        table.setdefault(w, kind)
    return build(Cues, {**_WALK, "aux": table, "conditional_marks": list(conditionals)},
                 "detente/data/issues.yaml (cues)", extends={"speech_verbs": base_words().speech_verbs})


class SentenceReader:
    """What the reading rules ask of one document context."""

    def __init__(self, ctx: DocContext, book: IssueBook):
        self.ctx, self.book = ctx, book
        self.text = ctx.document.text
        self.cue = book.cues
        self._countries: set[str] | None = None
        self._counts: dict[str, int] | None = None

    # --- holders ---------------------------------------------------------------------

    def actors_at(self, tok: Token) -> list[str]:
        """The actors a noun phrase names: its head's mention (and coordinated heads', "Russia and
        China"), else the mentions modifying it; "both sides" / "neither side" are the story's pair."""
        heads = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
        if len(heads) > 1:
            return list(dict.fromkeys(a for h in heads for a in self._actors_at(h)))
        return self._actors_at(tok)

    def _actors_at(self, tok: Token) -> list[str]:
        side = tok if tok.lemma_.lower() in self.cue.get("side_nouns", ()) else None
        if side is None:
            poss = [c for c in tok.children if c.dep_ == "poss" and c.lemma_.lower() in self.cue.get("side_nouns", ())]
            side = poss[0] if poss else None
        if side is not None and any(c.lower_ in ("both", "neither", "each", "either") for c in side.children):
            return self.story_pair(tok.idx)
        sub = list(tok.subtree)
        lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        found = self.ctx.mentions_in(lo, hi)
        for m in found:
            if m.start <= tok.idx < m.end:
                return [m.actor]
        # "A Chinese readout", "joint Sino-Russian statements": the modifiers name the holders
        return list(dict.fromkeys(m.actor for m in found if m.start < tok.idx))

    def _state(self, actor: str) -> str:
        """The state an actor speaks for: a person's country when they hold an office, else the actor."""
        a = self.ctx.actors.get(actor)
        if a is not None and a.kind == "person" and a.roles and a.country:
            return a.country
        return actor

    def _is_state(self, actor: str) -> bool:
        """A state's id: a state actor, or the ISO3 country of an actor (state ids are their codes)."""
        a = self.ctx.actors.get(actor)
        if a is not None:
            return a.kind == "state"
        if self._countries is None:
            self._countries = {x.country for x in self.ctx.actors.values() if x.country}
        return actor in self._countries

    def story_pair(self, before: int) -> list[str]:
        """The two states of the latest event before ``before`` with one state on each side."""
        best: list[str] = []
        for e in self.ctx.events:
            if not e.mentions or e.mentions[0].start >= before:
                continue
            src = {self._state(a) for a in e.source}
            tgt = {self._state(a) for a in e.target}
            if len(src) == 1 and len(tgt) == 1 and src != tgt and all(self._is_state(a) for a in src | tgt):
                best = [e.source[0], e.target[0]]  # the actors themselves: they are in the document's actors
        return best

    def subject_of(self, verb: Token) -> list[str]:
        """The holder of a verb: its subject (through conj/xcomp/advcl chains), the agent of a
        passive, or the object of a controlling verb ("pushed China into acknowledging X")."""
        v = verb
        for _ in range(4):
            subj = [c for c in v.children if c.dep_ in SUBJ]
            if subj:
                if subj[0].dep_ == "nsubjpass":
                    agents = [a for c in v.children if c.dep_ == "agent" for a in c.children if a.dep_ == "pobj"]
                    return self.actors_at(agents[0]) if agents else []
                return self.actors_at(subj[0])
            if v.dep_ in ("pcomp", "xcomp") and v.head.pos_ == "ADP" and v.head.head.pos_ in VERBAL:
                objs = [c for c in v.head.head.children if c.dep_ == "dobj"]
                if objs:
                    return self.actors_at(objs[0])  # object control
            if v.dep_ == "xcomp":
                objs = [c for c in v.head.children if c.dep_ == "dobj"]
                if objs:
                    return self.actors_at(objs[0])
            if v.dep_ == "acl" and v.head.pos_ == "NOUN":
                # "an attempt by X to delay Y", "X's plan to drop Y", "X had no plans to drop Y"
                owner = self.possessor(v.head)
                if owner or v.head.dep_ not in ("dobj", "attr") or v.head.head.pos_ not in VERBAL:
                    return owner
                v = v.head.head
                continue
            if v.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep") and v.head.i != v.i:
                v = v.head
                continue
            break
        return []

    def possessor(self, noun: Token) -> list[str]:
        """The holder of a noun ("China's demand", "its commitment", "demand by X")."""
        for c in noun.children:
            if c.dep_ == "poss":
                return self.actors_at(c)
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                return [a for o in c.children if o.dep_ == "pobj" for a in self.actors_at(o)]
        # a demonym or name modifying the noun: "Chinese support for X"
        mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
        return [a for c in mods for a in self.actors_at(c)]

    # --- modality and dates -----------------------------------------------------------

    def modality(self, tok: Token) -> str:
        """The modality of the clause of a stance word, read by the shared walk of
        :mod:`detente.modality` with this stage's cues (see :func:`modality_cues`)."""
        # an "if" clause on the stance word itself is what is asked or offered ("asked them if
        # they could help"), not a condition on it: conditional_content
        return read_modality(tok, modality_cues(self.book), conditional_content=True).modality

    def published(self) -> Date:
        p = self.ctx.published
        if p is None:
            return Date(value="", granularity="unknown", basis="unknown")
        iso = p.isoformat()
        return Date(value=iso, granularity="day", start=iso, end=iso, basis="published")

    def date_of(self, tok: Token, exclude: Iterable[Token] = ()) -> Date:
        """The time governing a stance word: a time expression in its own clause, else
        PAST_REF for a past perfect, else the publication date."""
        skip: set[int] = set()
        for c in tok.children:
            if (c.dep_ == "conj" and c.pos_ in VERBAL) or c.dep_ in ("ccomp", "parataxis"):
                skip.update(t.i for t in c.subtree)
        for e in exclude:
            skip.update(t.i for t in e.subtree)
        own = [t for t in tok.subtree if t.i not in skip]
        if own:
            lo, hi = own[0].idx, own[-1].idx + len(own[-1].text)
            ids = {t.idx for t in own}
            times = [tm for tm in self.ctx.times_in(lo, hi)
                     if tm.start in ids and tm.type in ("DATE", "TIME") and tm.value
                     and tm.value != "PRESENT_REF"]  # "now": the report's own time
            # a calendar value beats a vague one ("as recently as 2019": "recently" is PAST_REF)
            times.sort(key=lambda tm: tm.value.endswith("_REF"))
            if times:
                return self._date(times[0])
        if tok.tag_ == "VBN" and any(c.lower_ == "had" for c in tok.children if c.dep_ == "aux"):
            return self._past()
        if any(c.lemma_ == "use" and c.tag_ == "VBD" for c in [tok.head]) and tok.dep_ == "xcomp":
            return self._past()  # "used to demand"
        return self.published()

    def _past(self) -> Date:
        end = self.ctx.published.isoformat() if self.ctx.published else None
        return Date(value="PAST_REF", granularity="unknown", start=None, end=end, basis="context")

    def _date(self, tm: TimeMention) -> Date:
        start, end = tm.range_start, tm.range_end
        prev = self.text[max(0, tm.start - 6):tm.start].strip().lower()
        if prev.endswith("since") and self.ctx.published is not None:
            end = self.ctx.published.isoformat()  # "since 2024": held from then to the report
        return Date(value=day_value(tm.value), granularity=tm.granularity, start=start, end=end, basis="explicit")

    # --- the cue pass -----------------------------------------------------------------

    def stance_word(self, t: Token) -> str | None:
        lemma = t.lemma_.lower()
        if lemma in self.cue.get("intent_nouns", ()) and t.pos_ == "NOUN":
            return "opposes" if self.negated(t) else None  # "had no interest in talks"
        if lemma in self.cue.get("abandons", ()):
            return "abandoned"
        for name in STANCE_LISTS:
            if lemma in self.cue.get(name, ()):
                if lemma in self.cue.get("needs_for", ()) and t.pos_ in VERBAL and not any(
                        c.dep_ == "prep" and c.lower_ == "for" for c in t.children):
                    return None  # "called it a success", "asked them a question" are no demands
                return name
        return None

    def negated(self, t: Token) -> bool:
        neg = self.cue.get("negators", frozenset())
        for c in t.children:
            if c.lower_ in neg and c.dep_ in ("neg", "det", "advmod", "preconj"):
                return True
            if c.dep_ in SUBJ and any(d.lower_ in neg for d in c.subtree if d.dep_ in ("det", "preconj")):
                return True  # "neither side's account referred to ..."
        return False

    def no_longer(self, t: Token) -> bool:
        window = self.text[max(0, t.idx - 24):t.idx].lower()
        return any(window.rstrip().endswith(p) for p in self.phrases("no_longer"))

    def in_name(self, sp: Span) -> bool:
        """Whether issue words are part of a proper name (a law, a treaty, a document): spaCy's LAW entity,
        or a capitalised run from the cue to a head word of ``cues: name_heads`` ("... Through Sanctions Act")."""
        if any(t.ent_type_ == "LAW" for t in sp):
            return True
        first = sp[0]
        if not first.text[:1].isupper() or first.is_sent_start:
            return False  # words written in lower case, or capitalised only by the sentence
        heads = self.cue.get("name_heads", ())
        for t in sp.doc[sp.end:min(len(sp.doc), sp.end + 6)]:
            if not t.text[:1].isupper():
                return False
            if t.text.lower() in heads:
                return True
        return sp[-1].text.lower() in heads

    def phrases(self, name: str) -> tuple[str, ...]:
        return tuple(self.cue.get(name, ()))
