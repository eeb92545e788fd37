"""Event extraction: lexicon triggers matched over the dependency parse.

For each sentence, every token whose lemma is a trigger in the lexicon is a
candidate (:mod:`.triggers`).  Its source and target come from the parse
(:mod:`.arguments`, with :mod:`.reference` for pronouns and groups), are
completed from the sentence and the story (:mod:`.targets`), and the event is
dated (:mod:`.dating`) and placed (:mod:`.place`).  Actor ids come from the
actor stage's mentions (``ctx.mention_for``); modality and attribution come
from :mod:`detente.events.modality` and :mod:`detente.linguistics`.

The :class:`Extractor` is built once per process and only holds the
:class:`~.knowledge.Knowledge`; each document gets its own
:class:`~.resolver.Resolver`.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Callable

from spacy.tokens import Span, Token

from ..actors.lexicon import load_lexicon
from ..linguistics import SUBJ, according_to, actor_states, paragraph_starts, state_pair, subject_tokens
from ..model import Actor, Date, Event, Mention, stable_id
from ..nlp import doc_text
from ..stage import DocContext
from ..timex import deadline
from .arguments import continuity_args, displeasure_args, noun_args, reported_args, verb_args
from .dating import context_date, event_date, repeated_dates
from .knowledge import Knowledge
from .lexicon import Lexicon
from .modality import Cues, Reading, read_modality
from .officials import officials, with_officials
from .place import location_of, state_id
from .reference import actors_at, commentator, group_ref, local_state
from .resolver import Resolver, actor_of_token, armed_kind, claims_act, dedupe
from .targets import (
    accused_over,
    answer_targets,
    dated_agreement,
    drop_contents,
    host,
    inherit_targets,
    joint_from_context,
    merge_commissives,
    source_from_dyad,
    source_from_home,
    target_at_home,
    target_from_attack,
    target_from_dyad,
    target_from_home,
    target_from_place,
    target_from_remit,
    target_from_reporter,
    target_from_scene,
    threatened_place,
)
from .threats import threats
from .triggers import Candidate, agent_told, candidates, gerund_controller, told_in_speech

__all__ = ["Extractor"]


class Extractor:
    """Finds events in a parsed, actor-annotated document; holds no per-document state."""

    def __init__(self, lexicon: Lexicon, cues: Cues, state_lookup: Callable[[str], Actor | None] | None = None):
        self.knowledge = Knowledge.build(lexicon, cues, state_lookup)

    def extract(self, ctx: DocContext) -> list[Event]:
        """All events of the document (the headline excepted: the body reports its events)."""
        r = Resolver(self.knowledge, ctx)
        events: list[Event] = []
        text = doc_text(ctx.doc)  # Doc.text re-joins every token on each access
        headings = _headings(text)
        breaks = paragraph_starts(text)
        for sent in ctx.doc.sents:
            r.mem.paragraph = bisect_right(breaks, sent.start_char)
            for h_start, h_end in headings:
                if h_start <= sent.start_char < h_end:  # the parser glued a heading to the lead
                    first = next((t.i for t in sent if t.idx >= h_end and not t.is_space), sent.end)
                    sent = ctx.doc[first : sent.end]
            if len(sent):
                found = sentence_events(r, sent)
                # an act whose agent neither the sentence nor the story gives is no
                # relation between actors: it is remembered, not emitted
                events.extend(e for e in found if e.source or r.w.emit_without_source)
                remember(r, sent, found)
                r.mem.sentence += 1
        with_officials(events, officials(ctx, self.knowledge.words))  # "Hamas leader X": X acts for Hamas
        return events


def remember(r: Resolver, sent: Span, events: list[Event]) -> None:
    """Record the groups a sentence names: coordinations, joint events, plural references."""
    for tok in sent:
        if tok.dep_ == "conj" or not tok.conjuncts:
            continue
        named = [a for t in (tok, *tok.conjuncts) if (a := actor_of_token(r.ctx, t))]
        if len(named) >= 2:
            r.mem.add(named)
    for e in events:
        if e.type == "ASSAULT" and e.modality == "asserted" and e.source \
                and all(a in r.ctx.actors and armed_kind(r.ctx.actors[a]) for a in e.source):
            r.mem.attacker, r.mem.attack_paragraph = list(e.source), r.mem.paragraph
            r.mem.armed.update(e.source)
        if e.type == "ACCUSE" and e.source:
            r.mem.accuser = list(e.source)
        if e.type == "REQUEST" and e.source:
            r.mem.requester = list(e.source)
        if e.attribution:
            r.mem.reporter = [e.attribution]
        if e.location is not None and e.location.country:
            r.mem.place = e.location.country
        pair = state_pair(r.ctx, e)
        if pair is not None:
            r.mem.dyad = (*pair, r.mem.paragraph)
        if e.type in r.w.joint_types and e.source and e.target:
            r.mem.add([*e.source, *e.target])
            if e.type == "CONSULT" and e.modality in ("asserted", "future"):
                r.mem.meeting = [*e.source[:1], *e.target[:1]]
                if e.date.granularity != "unknown":
                    # the story's lead meeting of a pair dates what was (not) agreed at it
                    r.mem.meeting_dates.setdefault(frozenset(r.mem.meeting), e.date)
                    states = frozenset(actor_states(r.ctx, r.mem.meeting))
                    if len(states) == 2 and e.date.basis in ("explicit", "context"):
                        r.mem.state_meetings.setdefault(states, e.date)
    for tok in sent:
        size = group_ref(r, tok)
        if size > 0:
            group = r.mem.resolve(size)
            if group:
                r.mem.add(group)


def sentence_events(r: Resolver, sent: Span) -> list[Event]:
    """The events of one sentence: candidates, their arguments, completed from the story, then filtered."""
    cands = candidates(r, sent)
    for c in cands:
        if c.nominal:
            noun_args(r, c)
        elif c.entry is r.lex.continuity:
            continuity_args(r, c)
        elif c.entry is r.lex.displeasure:
            displeasure_args(r, c)
        elif told_in_speech(r, c):
            reported_args(r, c)
        else:
            verb_args(r, c)
    # a demand with no one else obliged ("we must act", "both countries should talk") is none: not
    # even one the embedded act's parties could complete
    cands = [c for c in cands if c.target or not told_in_speech(r, c)]
    narrator = r.publisher()
    for c in cands if narrator else []:
        # "VOA requests for comment", "VOA: ...": the outlet telling the story is not in it
        c.source = [a for a in c.source if a not in narrator]
        c.target = [a for a in c.target if a not in narrator]
    inherit_targets(r, cands)
    joint_from_context(r, sent, cands)
    answer_targets(r, cands)
    pledged = merge_commissives(r, cands)
    cands = drop_contents(cands)
    out: list[Event] = []
    acts: list[tuple[Candidate, Event]] = []  # for the threats their announcement makes
    for c in cands:
        if c.nominal and c.entry.type == "AGREE" and not c.source:
            dated_agreement(r, c)
        if c.nominal and not c.source and not c.target and c.entry.hosted:
            if not host(r, c, cands):
                continue
        group_source(r, c)
        source_from_home(r, c)
        source_from_dyad(r, c)
        if c.nominal and not c.source and not (c.target and c.entry.type in r.lex.target_only_nouns):
            continue  # a bare "the talks" says nothing about who
        if not c.source and not c.target:
            continue
        if c.entry.type in r.w.speech_act_types and c.source and all(commentator(r, a) for a in c.source):
            continue  # "analysts warned that the truce could collapse": an assessment, not a threat
        if (c.entry.symmetric or c.entry.type in r.w.joint_types) and len(c.source) > 1 and not c.target:
            # "X and Y met": first-named as source, the others as target
            c.source, c.target = c.source[:1], c.source[1:]
        accused_over(r, c)  # a grievance's doer, whoever it was told to
        for complete in TARGET_COMPLETIONS:  # the first that finds one wins
            if c.target:
                break
            complete(r, c)
        if not c.target and c.entry.type in r.lex.require_target:
            continue
        if c.entry.joint_only and len(c.source) + len(c.target) < 2:
            continue  # "he talked about trade" is no meeting
        if not c.source and (ctrl := gerund_controller(c)) is not None:
            c.source = [a for a in actors_at(r, ctrl) if a not in c.target]  # "France responded by destroying ..."
        if not c.source and r.w.sourceless_needs_agent and not agent_told(c):
            continue  # "Three Americans were killed": no one named does it
        event = build_event(r, sent, c, asserted=c.head.i in pledged)
        if not c.target and not c.nominal and event.modality == "asserted" and c.head.lemma_.lower() in r.w.struggle_verbs:
            continue  # "she kept fighting", "farmers fighting for their land": no one was fought
        if told_before(r, c, event):
            continue
        out.append(event)
        acts.append((c, event))
        for again in repeated_dates(r, c, event.date):  # "in 2023 and again in January": one act per time
            out.append(dataclasses.replace(event, id=stable_id("ev", event.id, again.value), date=again))
    return out + threats(r, sent, acts, out)


def group_source(r: Resolver, c: Candidate) -> None:
    """A verb's subject the actor stage reads as no actor, but which names a side:
    "Chile and Peru are among the states that have barred ..." (the subject of
    "be among"), "tens of thousands of Sudanese protested" (the people after a
    count), "scores of traders in the capital held a sit-in" (a group placed in a
    state's land), "the statement threatened sanctions" (the issuer of a document
    the story told).  Without it the event has no source and is dropped."""
    if c.source or c.nominal:
        return
    subj, passive = subject_tokens(c.head)
    if passive:
        return
    found: list[str] = []
    for s in subj:
        found.extend(among_subject(r, s) or partitive_people(r, s) or placed_people(r, c, s) or document_issuer(r, s)
                     or home_people(r, c, s) or claimed_attack(r, c, s))
    c.source = [a for a in dedupe(found) if a not in c.target]


def among_subject(r: Resolver, s: Token) -> list[str]:
    """ "X and Y are among (the) countries that ...", "X is one of the states that ...":
    the relative clause's antecedent is a class the subject of "be" belongs to."""
    if s.dep_ != "pobj" or actors_at(r, s):
        return []
    prep = s.head
    if prep.lower_ == "of" and prep.head.lower_ == "one" and prep.head.dep_ == "attr":
        verb = prep.head.head
    elif prep.lower_ == "among" and prep.dep_ == "prep":
        verb = prep.head
    else:
        return []
    if verb.lemma_.lower() != "be":
        return []
    return [a for ch in verb.children if ch.dep_ == "nsubj" for a in actors_at(r, ch)]


def partitive_people(r: Resolver, s: Token) -> list[str]:
    """ "Tens of thousands of Sudanese", "a crowd of students in the capital": a
    count or gathering of people acts as the people it counts."""
    lex = load_lexicon()
    tok = s
    for _ in range(3):
        if tok.lemma_.lower() not in lex.partitive_heads and tok.lower_ not in lex.partitive_heads:
            break
        nxt = next((p for ch in tok.children if ch.dep_ == "prep" and ch.lower_ == "of"
                    for p in ch.children if p.dep_ == "pobj"), None)
        if nxt is None:
            break
        tok = nxt
    if tok is s:
        return []
    return actors_at(r, tok) or settled_in(r, tok)


def settled_in(r: Resolver, tok: Token) -> list[str]:
    """The state of the place an unnamed group is in: "in Khartoum" (a place the
    story's places know), "in Cameroon's capital", "in the Somali city of X"."""
    local = local_state(r, tok)
    if local:
        return local
    lex = load_lexicon()
    for c in tok.children:
        if c.dep_ != "prep" or c.lower_ not in ("in", "from", "across"):
            continue
        for p in c.children:
            if p.dep_ == "pobj" and p.lemma_.lower() in lex.settlement_nouns:
                owners = [m.actor for m in r.ctx.mentions_in(p.left_edge.idx, p.idx)]
                states = [a for a in owners if getattr(r.ctx.actors.get(a), "kind", None) == "state"]
                if states:
                    return states[-1:]
    return []


def placed_people(r: Resolver, c: Candidate, s: Token) -> list[str]:
    """ "Demonstrators flooded the streets of the capital", "students in X marched": an
    unnamed, unarmed group placed in a state's land protests as that state's people.
    Only a protest: a placed group's other acts may be anyone's."""
    if c.entry.type not in r.w.domestic_types or actors_at(r, s) or s.pos_ != "NOUN":
        return []
    if s.lemma_.lower() in r.w.armed_group_nouns or s.tag_ != "NNS":
        return []
    found = settled_in(r, s)
    if found:
        return found
    loc = location_of(r, c, extra=[ch for ch in c.head.children if ch.dep_ == "dobj"])
    state = state_id(r, loc.country) if loc is not None and loc.country else None
    return [state] if state is not None else []


def home_people(r: Resolver, c: Candidate, s: Token) -> list[str]:
    """ "Some prominent activists are calling for accountable leadership", "protesters
    rallied again": an unnamed, unarmed, unplaced group of people (not a state body,
    which :func:`home_body` reads) acting as a people, in a story about one state, is
    that state's people."""
    if c.entry.type not in load_lexicon().home_people_types or s.pos_ != "NOUN" or s.tag_ != "NNS":
        return []
    lemma = s.lemma_.lower()
    if lemma not in r.w.local_nouns or lemma in r.w.armed_group_nouns or lemma in r.w.national_bodies:
        return []
    if actors_at(r, s) or any(ch.dep_ in ("prep", "poss", "acl", "relcl") for ch in s.children):
        return []  # owned, placed or described: not simply the story's people
    home = r.home_state()
    state = state_id(r, home) if home else None
    return [state] if state is not None else []


def claimed_attack(r: Resolver, c: Candidate, s: Token) -> list[str]:
    """ "Armed men raided a market ... The next day Boko Haram claimed responsibility
    for the raid": unnamed attackers, before the story names any, are the group that the
    story's next paragraphs say claimed the attack."""
    if c.entry.type not in r.w.home_target_types or s.lemma_.lower() not in r.w.armed_group_nouns:
        return []
    if actors_at(r, s) or r.mem.attacker or any(ch.dep_ in ("det", "poss", "prep", "relcl", "acl") for ch in s.children):
        return []  # a group already told, or one its own words set apart
    doc = s.doc
    for t in doc[s.sent.end : min(len(doc), s.sent.end + 250)]:
        if t.pos_ != "VERB" or not claims_act(r.w, t):
            continue
        subj, passive = subject_tokens(t)
        found = [] if passive else [a for x in subj for a in actors_at(r, x)
                                    if a in r.ctx.actors and armed_kind(r.ctx.actors[a])]
        if found:
            return found
    return []


def document_issuer(r: Resolver, s: Token) -> list[str]:
    """ "The statement threatened sanctions": a definite document speaking is the one
    the story told someone putting out ("X said in a statement", "X issued a
    statement"); its issuer is the speaker."""
    if s.lemma_.lower() not in load_lexicon().document_nouns or actors_at(r, s):
        return []
    if not any(ch.dep_ in ("det", "poss") and ch.lower_ in ("the", "this", "that", "its", "their") for ch in s.children):
        return []
    doc = s.doc
    for t in reversed(doc[max(0, s.sent.start - 400) : s.sent.start]):
        if t.lemma_.lower() != s.lemma_.lower():
            continue
        gov = t.head.head if t.dep_ == "pobj" else t.head
        if gov.pos_ not in ("VERB", "AUX"):
            continue
        subj, passive = subject_tokens(gov)
        found = [] if passive else [a for x in subj for a in actors_at(r, x)]
        if found:
            return found
        return []
    return []


def target_from_populace(r: Resolver, c: Candidate) -> None:
    """ "The ministry is begging residents to leave the area", "urged residents to stay
    indoors": a state's unnamed, unplaced populace addressed by its own officials is
    that state's people (the state is both sides).  So is the addressee of the
    story's own people calling for something with no one named (:func:`home_people`)."""
    lex = load_lexicon()
    if c.entry.type in lex.home_people_types and not c.nominal:
        subj, passive = subject_tokens(c.head)
        if not passive and any(home_people(r, c, s) == c.source for s in subj):
            c.target = list(c.source)  # "activists called for ...": an act inside the state
            return
    if c.entry.type not in lex.populace_address_types or not c.source:
        return
    states = actor_states(r.ctx, c.source)
    if len(states) != 1:
        return
    objs = [ch for ch in c.head.children if ch.dep_ in ("dobj", "dative")]
    objs += [p for ch in c.head.children if ch.dep_ == "prep" and ch.lower_ in ("with", "to", "on", "upon")
             for p in ch.children if p.dep_ == "pobj"]
    for o in objs:
        if o.lemma_.lower() in lex.populace_nouns and not actors_at(r, o) and not settled_in(r, o):
            state = state_id(r, next(iter(states)))
            if state is not None:
                c.target = [state]
            return


def told_before(r: Resolver, c: Candidate, event: Event) -> bool:
    """ "the strongest treaty the two countries had ever signed" after the signing was
    told: the same kind of act on the same thing between the same actors, with no
    date of its own, is the event already coded."""
    noun = (c.noun or c.head).lemma_.lower() if (c.noun is not None or c.nominal) else c.head.lemma_.lower()
    if c.entry.type == "CONSULT" and c.entry.mode:
        noun = c.entry.mode  # "the summit" after "held talks", "his trip" after "a visit"
    def country(a: str) -> str:
        actor = r.ctx.actors.get(a)
        return (actor.country or actor.code or a) if actor is not None else a

    parties = frozenset(country(a) for a in [*event.source, *event.target])
    if event.mode == "visit" or event.type not in r.w.joint_types:
        # who acts on whom matters: "Trump will visit China", "Xi will come to the US";
        # "militants killed 18 soldiers" and "the army killed 30 militants" are two
        parties = frozenset({"src:" + "+".join(sorted(country(a) for a in event.source)), *parties})
    key: tuple[str, frozenset[str], frozenset[str], str, str] = (event.type, parties, frozenset(), noun, event.modality)
    seen = any(k[0] == key[0] and k[1] == key[1] and k[3] == key[3] and k[4] == key[4] for k in r.mem.told)
    r.mem.told.append(key)
    return seen and event.date.basis != "explicit"


def definite(noun: Token) -> bool:
    """ "the summit", "their talks", "Xi's visit": a reference to an event already known."""
    return any(ch.dep_ == "poss" or (ch.dep_ == "det" and ch.lower_ in ("the", "this", "that"))
               for ch in noun.children)


def build_event(r: Resolver, sent: Span, c: Candidate, asserted: bool = False) -> Event:
    """The Event of candidate ``c``: modality, date, place, attribution and confidence."""
    e = c.entry
    anchor = c.head
    reading = read_modality(c.noun if c.light and c.noun is not None else c.head, r.cues, anchor=None if c.nominal else c.head,
                            conditional_content=e.type in r.w.conditional_content_types)
    if c.concluded:
        reading.modality = "asserted"  # "the 1961 treaty" was signed, whatever is said of it now
    if asserted and reading.modality == "future":
        reading.modality = "asserted"
    if e.planned and reading.modality == "asserted":
        reading.modality = "future"  # "budgeted aid for Ukraine": the aid is planned
    toks = sorted(c.tokens, key=lambda t: t.i)
    start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
    date = c.date if c.date is not None else event_date(r, c, anchor)
    if e.type == "CONSULT" and c.nominal and date.basis in ("published", "unknown") and definite(anchor):
        # "the Kim-Xi summit poses a challenge": a meeting of a pair the story has
        # already dated is that meeting, not one held on the day of writing
        states = actor_states(r.ctx, [*c.source, *c.target])
        dates = {d.value: d for pair, d in r.mem.state_meetings.items() if states and states <= pair}
        if len(dates) == 1:  # one such meeting, not a guess
            date = dataclasses.replace(next(iter(dates.values())), basis="context")
    if date.basis == "context" and reading.modality in ("asserted", "negated") and r.ctx.published is not None \
            and (date.start or "")[:10] > r.ctx.published.isoformat():
        # the paragraph's latest date is a deadline ahead, not the moment a done act is told at
        date = context_date(r, sent.start_char)
    if date.basis == "explicit" and reading.modality in ("asserted", "negated") and told_by_deadline(r, sent, date):
        # "postponed the duties until October 1": a done act is not dated by the limit it sets
        date = context_date(r, sent.start_char)
    if date.granularity == "unknown" and reading.modality in ("asserted", "negated"):
        # an event told without a date belongs to the story's moment
        date = context_date(r, sent.start_char)
    trigger = " ".join(t.text for t in toks)
    doc_id = r.ctx.document.id
    return Event(
        id=stable_id("ev", doc_id, start, end, e.type),
        type=e.type,
        mode=e.mode,
        source=list(c.source),
        target=list(c.target),
        date=date,
        location=location_of(r, c),
        modality=reading.modality,
        attribution=attribution(r, reading, sent),
        quad_class=e.quad_class,
        intensity=e.intensity,
        confidence=confidence(c, reading),
        mentions=[Mention(doc_id, sent.start_char, sent.end_char, sent.text)],
        trigger=trigger,
    )


def told_by_deadline(r: Resolver, sent: Span, date: Date) -> bool:
    """Whether the sentence's times that give ``date`` are all limits ("by June 30", "until October 1")."""
    giving = [t for t in r.ctx.times_in(sent.start_char, sent.end_char) if t.value == date.value]
    return bool(giving) and all(deadline(r.ctx, t) for t in giving)


def confidence(c: Candidate, reading: Reading) -> float:
    """A score in (0, 1): verbs over nouns, both arguments over one, hedged readings lower."""
    score = 0.6 if c.nominal else 0.75
    if c.source and c.target:
        score += 0.1
    if not c.source:
        score -= 0.2
    if reading.hedged:
        score *= 0.8
    return round(max(0.05, min(score, 0.95)), 2)


def attribution(r: Resolver, reading: Reading, sent: Span) -> str | None:
    """Who the event is attributed to: "according to X", else the subject of the report frame."""
    according = reading.according_to
    if according is None:  # "according to X" elsewhere in the sentence
        according = next(according_to(sent), None)
    if according is not None:
        found = actors_at(r, according)
        if found:
            return found[0]
    if reading.speech_verb is not None:
        for c in reading.speech_verb.children:
            if c.dep_ in SUBJ:
                found = actors_at(r, c)
                if found:
                    return found[0]
    return None


def _headings(text: str) -> list[tuple[int, int]]:
    """Character ranges of headline and sub-heading lines (short, no final punctuation).

    The body reports the events a heading announces; coding the heading too would
    count them twice, with a present-tense date.
    """
    out: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        stripped = line.strip()
        end = pos + len(line)
        if stripped and end < len(text) and stripped[-1] not in ".!?:;,\"'”’)" and len(stripped.split()) <= 25:
            out.append((pos, end))
        pos = end + 1
    return out


def story_pair_target(r: Resolver, c: Candidate) -> None:
    """:func:`~.targets.target_from_dyad` for the types the lexicon lets the story's pair aim (``dyad_target_types``)."""
    if c.source and c.entry.type in r.lex.dyad_target_types:
        target_from_dyad(r, c)


# how a candidate with no target named gets one, in order (each documented where it is defined, in
# :mod:`.targets` or above): a place travelled to, the scene of force, an attack told, an office's
# state, a threat's place, the reporter, the story's pair, the home state, the populace, the actors'
# own state
TARGET_COMPLETIONS: tuple[Callable[[Resolver, Candidate], None], ...] = (
    target_from_place, target_from_scene, target_from_attack, target_from_remit, threatened_place,
    target_from_reporter, story_pair_target, target_from_home, target_from_populace, target_at_home)
