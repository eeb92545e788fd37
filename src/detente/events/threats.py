"""Threats told as one's own conditional or announced punitive act.

PLOVER codes the *statement* that one will punish or coerce another as
THREATEN: "if they do not drop their tariffs, I will raise ours" is a threat
made, asserted, by the speaker against the target, while the tariff rise itself
stays what the modality walk made it (hypothetical or future, never a fact).

The events stage codes the act; this module adds the threat beside it when the
act's own speaker says it: the act is a punitive kind (``threats.types`` of
``data/events/modality.yaml``), not yet done (``threats.modalities``), the
consequent of a condition or announced ("will", "vowed to", "ready to"), and the
one who says so is the one who would act (the subject of the report frame or of
the announcing verb, or "I"/"we").  An act that is itself the condition ("if
they attack"), someone else's guess ("analysts say X could strike"), a fear
("for fear that X might retaliate") or a question ("whether X can force him")
gives no threat.  Everything the module knows is the data file's.
"""

from __future__ import annotations

import dataclasses

from spacy.tokens import Span, Token

from ..linguistics import SUBJ, actor_states, governing_verb
from ..model import Date, Event, stable_id
from .dating import context_date
from .modality import ThreatCues, threat_cues
from .reference import actors_at
from .resolver import Resolver
from .triggers import Candidate

__all__ = ["threats"]

_THREATEN = "THREATEN"


def threats(r: Resolver, sent: Span, acts: list[tuple[Candidate, Event]], found: list[Event]) -> list[Event]:
    """The threats the sentence's acts make, one per act at most, none where the
    sentence already codes a threat between the same sides."""
    cues = threat_cues()
    out: list[Event] = []
    for c, e in acts:
        threat = threat_of(r, sent, c, e, cues)
        if threat is None or any(_same_sides(r, threat, t) for t in (*found, *out) if t.type == _THREATEN):
            continue
        out.append(threat)
    return out


def threat_of(r: Resolver, sent: Span, c: Candidate, e: Event, cues: ThreatCues) -> Event | None:
    """The asserted THREATEN that stating act ``e`` makes, or None (see the module docstring)."""
    if e.type not in cues.types or e.modality not in cues.modalities or not e.source or not e.target:
        return None
    verb = governing_verb(c.head, 3)  # the act's own verb, or the verb its noun serves
    if verb is None:
        return None
    chain = _chain(verb, cues)
    if chain is None:
        return None  # the act is a condition, or a question
    frame = chain[-1].head if chain[-1].head.i != chain[-1].i else None
    conditional = any(_condition(t, cues) for t in chain)
    if not conditional and not _announces(chain, cues) and not _reported_own(chain, frame, cues):
        return None
    if any(_negated(t, cues) for t in chain):
        return None  # "will not impose sanctions": a promise of restraint
    speakers = _speakers(r, chain, frame, cues)
    if not speakers or not actor_states(r.ctx, speakers) & actor_states(r.ctx, e.source) and not set(speakers) & set(e.source):
        return None
    info = r.lex.types[_THREATEN]
    return dataclasses.replace(
        e,
        id=stable_id("ev", e.id, _THREATEN),
        type=_THREATEN,
        mode=None,
        modality="asserted",
        date=_told_at(r, sent, e.date),
        quad_class=info.quad_class,
        intensity=info.intensity,
        mentions=list(e.mentions),
        source=list(e.source),
        target=list(e.target),
    )


def _chain(verb: Token, cues: ThreatCues) -> list[Token] | None:
    """The verbs from the act's up to (not including) the report frame, or None when the
    act lies inside a condition ("if they attack") or a question ("whether X can force him")."""
    chain = [verb]
    t = verb
    for _ in range(8):
        if any(ch.dep_ == "mark" and ch.lower_ in cues.condition_marks for ch in t.children):
            return None
        head = t.head
        if head.i == t.i or t.dep_ not in cues.climb or head.lemma_.lower() in cues.frames:
            break
        chain.append(head)
        t = head
    return chain


def _condition(tok: Token, cues: ThreatCues) -> bool:
    """True when ``tok`` is the consequent of a condition: it carries an "if"/"unless" clause."""
    return any(ch.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in cues.condition_marks for g in ch.children)
               for ch in tok.children)


def _announces(chain: list[Token], cues: ThreatCues) -> bool:
    """True when the act is announced as one's own to come: a word above it announces it
    ("vowed to", "is ready to", "will not hesitate to"), or the speaker says it in the
    first person with an auxiliary ("we will strike back").  A reported "would" alone
    ("announced it would cease aid") tells a decision, not a threat."""
    if any(t.lemma_.lower() in cues.announcers for t in chain[1:]):
        return True
    return any(_first_person(t, cues) and any(
        ch.dep_ == "aux" and (ch.lower_ in cues.auxiliaries or ch.lemma_.lower() in cues.auxiliaries)
        for ch in t.children) for t in chain)


def _reported_own(chain: list[Token], frame: Token | None, cues: ThreatCues) -> bool:
    """A report frame ("said") over an act with a future auxiliary ("will be crushed", "will impose"):
    announced when the frame's speaker is on the act's side, which :func:`threats` checks next."""
    return frame is not None and frame.lemma_.lower() in cues.frames and any(
        ch.dep_ == "aux" and ch.lower_ in cues.reported_auxiliaries for t in chain for ch in t.children)


def _first_person(tok: Token, cues: ThreatCues) -> bool:
    """True when ``tok`` has a first-person subject ("I", "we")."""
    return any(ch.dep_ in SUBJ and ch.lower_ in cues.first_person for ch in tok.children)


def _negated(tok: Token, cues: ThreatCues) -> bool:
    """A negation on the act's chain, except on a word whose negation announces ("will not hesitate")."""
    return tok.lemma_.lower() not in cues.negated_announcers and any(ch.dep_ == "neg" for ch in tok.children)


def _speakers(r: Resolver, chain: list[Token], frame: Token | None, cues: ThreatCues) -> list[str]:
    """Who states the act: "I"/"we" doing it, the subject of an announcing word above the
    act ("X vowed to ..."), else the report frame's (an auxiliary on the act's own verb
    says nothing of who speaks: "Y said X would strike if ..." is Y's guess)."""
    for t in chain:
        for ch in t.children:
            if ch.dep_ in SUBJ and ch.lower_ in cues.first_person:
                return actors_at(r, ch)
    for t in (t for t in chain[1:] if t.lemma_.lower() in cues.announcers):
        subj = next((ch for ch in t.children if ch.dep_ in SUBJ), None)
        if subj is not None and subj.lower_ not in cues.first_person:
            found = actors_at(r, subj)
            if found:
                return found
    if frame is None or frame.lemma_.lower() not in cues.frames:
        frame = _trailing_frame(chain[-1], cues)
    if frame is None:
        return []
    subj = next((ch for ch in frame.children if ch.dep_ in SUBJ), None)
    return actors_at(r, subj) if subj is not None else []


def _trailing_frame(top: Token, cues: ThreatCues) -> Token | None:
    """A report frame after the quote (", Ford said"), hung on the quoted clause."""
    for ch in top.children:
        if ch.dep_ in ("parataxis", "ccomp") and ch.lemma_.lower() in cues.frames and ch.i > top.i:
            return ch
    return None


def _told_at(r: Resolver, sent: Span, act: Date) -> Date:
    """When the threat was made: the act's date when it is told in the past (a done statement's
    time), else the story's moment at this sentence (the act's own date lies ahead)."""
    published = r.ctx.published.isoformat() if r.ctx.published is not None else None
    if act.granularity != "unknown" and act.start and (published is None or act.start[:10] <= published) \
            and act.basis in ("explicit", "context"):
        return act
    return context_date(r, sent.start_char)


def _same_sides(r: Resolver, a: Event, b: Event) -> bool:
    """Two events between the same sides (by actor or by state)."""
    def side(ids: list[str]) -> set[str]:
        return set(ids) | actor_states(r.ctx, ids)
    return bool(side(a.source) & side(b.source)) and bool(side(a.target) & side(b.target))
