"""Per-document state of the events stage: what the story has told so far.

A :class:`Resolver` is made for each document by
:meth:`detente.events.extract.Extractor.extract` and dropped after it; the
process-wide :class:`~detente.events.knowledge.Knowledge` is only read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span, Token

from ..model import Actor, Date
from ..stage import DocContext
from .knowledge import Knowledge, Words
from .lexicon import Lexicon
from .modality import Cues


@dataclass(slots=True)
class Memory:
    """What the document has said so far: the groups of actors it named together.

    "Xi held talks with Kim ... the two men" -> the pair; "Britain, France and
    Germany ... They urged" -> the three.  One per document.
    """

    groups: list[tuple[int, list[str]]] = field(default_factory=list)  # (sentence number, actors)
    sentence: int = 0
    meeting: list[str] = field(default_factory=list)  # the parties of the latest meeting told
    meeting_dates: dict[frozenset[str], Date] = field(default_factory=dict)  # first date told per pair
    state_meetings: dict[frozenset[str], Date] = field(default_factory=dict)  # the same, per pair of states
    place: str | None = None  # ISO3 of the latest place an event was told at
    hosted: set[str] = field(default_factory=set)  # hosted event nouns already coded
    accuser: list[str] = field(default_factory=list)  # who last accused someone
    reporter: list[str] = field(default_factory=list)  # who last reported something
    requester: list[str] = field(default_factory=list)  # who last requested something
    told: list[tuple[str, frozenset[str], frozenset[str], str, str]] = field(default_factory=list)
    paragraph: int = 0  # paragraph number of the current sentence
    # the story's current pair of states: (actor, country) of each side of the latest
    # event with a source and a target, and the paragraph it was told in
    dyad: tuple[tuple[str, str], tuple[str, str], int] | None = None
    # the latest stateless group told attacking (an asserted ASSAULT's source), the
    # paragraph it was told in, and every such group of the story
    attacker: list[str] = field(default_factory=list)
    attack_paragraph: int = 0
    armed: set[str] = field(default_factory=set)

    def add(self, actors: Iterable[str]) -> None:
        """Record a group of two or more distinct actors named in the current sentence."""
        group = dedupe(actors)
        if 2 <= len(group) <= 5:
            self.groups = [g for g in self.groups if g[1] != group]
            self.groups.append((self.sentence, group))

    def resolve(self, size: int) -> list[str]:
        """The latest group of ``size`` actors; ``-1``: the latest group of the current or previous sentence."""
        for sent, group in reversed(self.groups):
            if size == -1:
                return list(group) if sent >= self.sentence - 1 else []
            if len(group) == size:
                return list(group)
        return []


@dataclass(slots=True)
class Resolver:
    """One document being read: the knowledge, the document, and the story's memory."""

    k: Knowledge
    ctx: DocContext
    mem: Memory = field(default_factory=Memory)
    _ents: dict[int, Span] | None = None  # token index -> named entity, built on first use
    _home: tuple[str | None] | None = None  # the story's home state, computed on first use
    _armed: list[str] | None = None  # stateless groups the story tells attacking, on first use
    _pair: tuple[tuple[str, str] | None] | None = None  # the story's two main states, on first use

    @property
    def lex(self) -> Lexicon:
        """The event lexicon."""
        return self.k.lexicon

    @property
    def cues(self) -> Cues:
        """The modality cues."""
        return self.k.cues

    @property
    def w(self) -> Words:
        """The word lists of data/events/words.yaml."""
        return self.k.words

    def publisher(self) -> frozenset[str]:
        """Actor ids of the outlet that publishes the story ("Voice of America", "VOA"): the
        story's narrator, whose requests for comment and interviews are no events."""
        outlet = (self.ctx.document.source or "").strip().lower()
        if not outlet:
            return frozenset()
        return frozenset(a.id for a in self.ctx.actors.values()
                         if outlet in (a.name.lower(), *(x.lower() for x in a.aliases)))

    def commentary(self) -> frozenset[str]:
        """Actors who comment on the story rather than act in it: people with no office
        (analysts, witnesses) and the institutes they speak for.  A foreign think tank
        and its analyst, quoted at length, do not make the story about their state."""
        people = [a for a in self.ctx.actors.values() if a.kind == "person" and not a.roles]
        homes = {p.affiliation.lower() for p in people if p.affiliation}
        bodies = [a.id for a in self.ctx.actors.values() if a.kind != "state"
                  and ({a.name.lower(), *(x.lower() for x in a.aliases)} & homes)]
        return frozenset([*(p.id for p in people), *bodies])

    def home_state(self) -> str | None:
        """ISO3 code of the state the story is about: the state its actor mentions
        name most, when it clearly dominates (at least three mentions and half as
        many again as the next state); None for a story between equals."""
        if self._home is None:
            home = None
            # an armed group the actor base ties to the state it fights in ("al-Shabaab",
            # SOM) is not that state's voice: first without such groups (a Kenyan story
            # about al-Shabaab stays Kenyan), then with them (they place a story told
            # only through them)
            for groups in (False, True):
                ranked = self.state_counts(groups).most_common(2)
                if ranked and ranked[0][1] >= 3 and (len(ranked) == 1 or ranked[0][1] >= 1.5 * ranked[1][1]):
                    home = ranked[0][0]
                    break
            self._home = (home,)
        return self._home[0]

    def state_counts(self, groups: bool = True) -> Counter[str]:
        """Actor mentions per state (ISO3), commentators and their institutes left out
        (and armed groups, ``kind: group``, unless ``groups``)."""
        counts: Counter[str] = Counter()
        remarks = self.commentary()
        for m in self.ctx.actor_mentions:
            actor = self.ctx.actors.get(m.actor)
            if actor is None or actor.id in remarks or (actor.kind == "group" and not groups):
                continue
            code = actor.country or (actor.code if actor.kind == "state" else None)
            if code:
                counts[code] += 1
        return counts

    def story_pair(self) -> tuple[str, str] | None:
        """ISO3 codes of the two states a story between two states is about ("Washington
        and Beijing ..."): the two its actor mentions name most, when both are named
        often (five times each) and together clearly ahead of any third (the second at
        least twice the third); None otherwise."""
        if self._pair is None:
            ranked = self.state_counts().most_common(3)
            pair = None
            if len(ranked) >= 2 and ranked[1][1] >= 5 and (len(ranked) == 2 or ranked[1][1] >= 2 * ranked[2][1]):
                pair = (ranked[0][0], ranked[1][0])
            self._pair = (pair,)
        return self._pair[0]

    def armed_groups(self) -> list[str]:
        """Stateless groups the story tells attacking anywhere ("BLA insurgents
        ambushed a bus", "al-Shabab attacked the hotel"), in order of first telling:
        the subject of a verb the lexicon codes as an ASSAULT, or of a light verb
        whose object is one ("launched an attack"), or one claiming responsibility
        for an attack.  Read before the story is
        coded, so that "the separatist group" in the lead can name a group whose
        attack is told further down."""
        if self._armed is None:
            out: list[str] = []
            for m in self.ctx.actor_mentions:
                actor = self.ctx.actors.get(m.actor)
                if actor is None or not armed_kind(actor) or m.actor in out:
                    continue
                span = self.ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                tok = span.root
                while tok.dep_ in ("compound", "nmod", "amod") and tok.head.i != tok.i:
                    tok = tok.head  # "BLA insurgents"
                if tok.dep_ in ("nsubj", "agent", "pobj") and self._assaults(tok):
                    out.append(m.actor)
            self._armed = out
        return self._armed

    def _assaults(self, subj: Token) -> bool:
        """True when ``subj`` is the one attacking: subject of an ASSAULT verb (or of a
        light verb with an ASSAULT noun), or the "by" agent of one."""
        verb = subj.head
        if subj.dep_ == "pobj":
            if verb.lower_ != "by":
                return False
            verb = verb.head.head if verb.head.dep_ == "agent" or verb.dep_ == "agent" else verb.head
        def coded(lemma: str, table: dict[str, list[Any]]) -> bool:
            return any(e.type == "ASSAULT" for e in table.get(lemma, []))
        lemma = verb.lemma_.lower()
        if coded(lemma, self.lex.verbs) or coded(lemma, self.lex.nouns):
            return True
        if claims_act(self.w, verb):
            return True  # "the group claimed responsibility for the attack": the group owns it
        return lemma in self.lex.light_verbs and any(
            c.dep_ == "dobj" and coded(c.lemma_.lower(), self.lex.nouns) for c in verb.children)

    def ent_at(self, i: int) -> Span | None:
        """The named entity covering token ``i`` (the index is built once per document)."""
        if self._ents is None:
            self._ents = {t: e for e in self.ctx.doc.ents for t in range(e.start, e.end)}
        return self._ents.get(i)


def claims_act(w: Words, verb: Token) -> bool:
    """ "X claimed responsibility for the attack": ``verb`` is one by which its subject
    owns an act (``claim_verbs`` with one of ``claim_objects``, data/events/words.yaml)."""
    return verb.lemma_.lower() in w.claim_verbs and any(
        c.dep_ == "dobj" and c.lemma_.lower() in w.claim_objects for c in verb.children)


def armed_kind(actor: Actor) -> bool:
    """A body that can be the story's attacker: an armed group (``kind: group``), even
    one the actor base ties to the state it fights in ("al-Shabaab", SOM), or any
    stateless non-person; never a state or a state's own body."""
    if actor.kind == "group":
        return True
    return actor.kind not in ("person", "state") and not actor.country and not actor.code


def actor_of_token(ctx: DocContext, tok: Token) -> str | None:
    """The actor the actor stage resolved at token ``tok``, if any."""
    span = tok.doc[tok.i : tok.i + 1]
    m = ctx.mention_for(span)
    return m.actor if m else None


def dedupe(items: Iterable[str]) -> list[str]:
    """``items`` without repeats, in first-seen order."""
    out: list[str] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out
