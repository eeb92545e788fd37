"""Arguments: the source and target actors of a trigger.

Verb triggers take their source from the subject (the ``by`` agent in a
passive, the controlling subject for "vowed to support", the object for "urged
X to ..."), their target from the direct object, the indirect object and
prepositional objects ("with", "to", "against", ...).  Noun triggers take
theirs from possessors, modifiers and "between"/"by" phrases.
"""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Token

from ..linguistics import SUBJ, actor_states, subject_tokens
from .place import is_place
from .reference import actors_at
from .resolver import Resolver, actor_of_token, dedupe
from .triggers import Candidate, noun_entry, reduced_relative


def own_possession(r: Resolver, obj: Token) -> bool:
    """True when a non-actor object belongs to a possessive pronoun ("its
    sovereignty", "the rights of its firms"): read reflexively, the owner is the
    actor itself, never the target."""
    if obj.pos_ == "PRON" or actor_of_token(r.ctx, obj):
        return False
    heads = [obj, *(p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj")]
    for h in heads:
        poss = [c for c in h.children if c.dep_ == "poss"]
        if poss:
            return poss[0].lower_ in ("its", "their", "his", "her", "our")
    return False


def actors_inside(r: Resolver, tok: Token, depth: int = 0, skip_direct: bool = False) -> list[str]:
    """Actors inside a non-actor noun: "Haiti's efforts", "sanctions against Nigeria"."""
    direct = [] if skip_direct else actors_at(r, tok)
    if direct or depth >= 2:
        return direct
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ in ("of", "to", "with", "against", "on", "for", "toward", "towards", "from", "by"):
            for p in c.children:
                if p.dep_ == "pobj":
                    found = actors_inside(r, p, depth + 1, skip_direct and c.lower_ == "of")
                    if found:
                        return found
    answered = r.w.accusation_nouns | r.w.report_nouns | r.w.request_nouns
    for c in [] if tok.lemma_.lower() in answered else tok.children:
        # "welcomed the announcement that Ukraine had agreed": whom the content is about
        # (a rejected "claim that ..." answers its author instead: see answer_targets)
        if c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children):
            subj, passive = subject_tokens(c)
            found = [] if passive else [a for s in subj for a in actors_at(r, s)]
            if found:
                return found
    return []


def prep_objects(tok: Token, allowed: frozenset[str]) -> Iterator[Token]:
    """Objects of ``tok``'s prepositions in ``allowed``, and its bare noun datives."""
    for c in tok.children:
        if c.dep_ in ("prep", "dative") and c.lower_ in allowed:
            for p in c.children:
                if p.dep_ == "pobj":
                    yield p
        elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN"):
            yield c


def event_agent(r: Resolver, noun: Token) -> list[str]:
    """ "Airstrikes by the army killed 50 militants", "an offensive launched by Somali
    forces pushed them out": an event noun that is the subject acts through its agent."""
    if noun.pos_ != "NOUN" or noun_entry(r, noun) is None:
        return []
    holders = [noun, *(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")]
    return [a for h in holders for c in h.children if c.dep_ in ("prep", "agent") and c.lower_ == "by"
            for p in c.children if p.dep_ == "pobj" for a in actors_at(r, p)]


def stray_including(r: Resolver, v: Token, obj: Token) -> list[str]:
    """ "defied calls, including by the Security Council, to end ...": an "including"
    phrase narrows the object, also when the parser hangs it on the verb right after the
    object; the actors it names ("including X", "including by/from X") are the object's."""
    out: list[str] = []
    stray = [c for c in v.children if 0 < c.left_edge.i - obj.right_edge.i <= 2]
    for inc in [*obj.children, *stray]:
        if inc.dep_ != "prep" or inc.lower_ != "including":
            continue
        for c in inc.children:
            if c.dep_ == "pobj":
                out.extend(actors_at(r, c))
            elif c.dep_ in ("prep", "agent") and c.lower_ in ("by", "from"):
                out.extend(a for p in c.children if p.dep_ == "pobj" for a in actors_at(r, p))
    return out


def object_owner(r: Resolver, obj: Token) -> list[str]:
    """The actors a verb entry's own object noun belongs to, from its modifiers before
    the head ("two Russian diplomats", "Iran's tankers"); not an owner the pronoun
    makes the subject itself ("its troops")."""
    if own_possession(r, obj):
        return []
    out: list[str] = []
    for c in obj.lefts:
        if c.dep_ == "poss" or (c.dep_ == "amod" and c.pos_ in ("ADJ", "PROPN")):
            # a compound is a name or a maker ("the Copenhagen Charter", "U.S. Patriot missiles")
            out.extend(m.actor for m in r.ctx.mentions_in(c.left_edge.idx, c.idx + len(c)))
    return out


def participle_objects(r: Resolver, noun: Token) -> list[str]:
    """ "sanctions targeting Russia", "drills encircling Taiwan": the object of a
    participle on an event noun is whom the event is aimed at."""
    participles = [c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBG"]
    if reduced_relative(noun) is not None:
        participles.append(noun.head)
    return [a for c in participles for o in c.children if o.dep_ == "dobj" for a in actors_at(r, o)]


def parallel_subject(r: Resolver, v: Token) -> list[str]:
    """ "they killed four gunmen who stormed a school and later killed 20 militants": the
    parser hangs the second verb on the relative clause, but a verb repeating the one
    that governs the relative's antecedent continues that verb's clause and has its
    subject.  Only when the relative's antecedent names no actor."""
    rel = v.head
    if v.dep_ != "conj" or rel.dep_ != "relcl" or any(c.dep_ in SUBJ for c in v.children):
        return []
    antecedent = rel.head
    gov = antecedent.head
    if antecedent.dep_ != "dobj" or gov.lemma_.lower() != v.lemma_.lower() or actors_at(r, antecedent):
        return []
    subj, passive = subject_tokens(gov)
    return [] if passive else dedupe(a for s in subj for a in actors_at(r, s))


def continuity_args(r: Resolver, cand: Candidate) -> None:
    """Speaker -> addressee; without an addressee, the other party the relation names."""
    subj, _ = subject_tokens(cand.head)
    source = dedupe(a for s in subj for a in actors_at(r, s))
    target = [a for c in cand.head.children if c.dep_ in ("dobj", "dative") for a in actors_at(r, c)]
    if not target and cand.noun is not None:
        target = [a for c in cand.noun.children if c.dep_ == "prep" and c.lower_ in ("towards", "toward", "with", "to", "between")
                  for p in c.children if p.dep_ == "pobj" for a in actors_at(r, p)]
    own = {getattr(r.ctx.actors.get(a), "country", None) for a in source}
    cand.source = source
    cand.target = [a for a in dedupe(target) if a not in source and getattr(r.ctx.actors.get(a), "country", None) not in own - {None}]


def displeasure_args(r: Resolver, cand: Candidate) -> None:
    """Who feels it (the subject of "be", or of the passive) -> whom its cause names (the objects of
    the entry's prepositions, the passive's agent; an event's owner: "Beijing's support")."""
    tok = cand.head
    subj, _ = subject_tokens(tok.head if tok.dep_ == "acomp" else tok)
    source = dedupe(a for s in subj for a in actors_at(r, s))
    causes = list(prep_objects(tok, r.lex.displeasure_preps))
    causes += [p for c in tok.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
    target = [a for p in causes if not is_place(r, p) for a in actors_inside(r, p)]
    cand.source = source
    cand.target = [a for a in dedupe(target) if a not in source]


def reported_args(r: Resolver, cand: Candidate) -> None:
    """A demand or a wrong told in reported speech (lexicon ``modal_demand``, ``alleged_wrong``): the
    speaker (the speech verb's subject) -> whom the complement tells of (its verb's subject); none
    when that names the speaker's own side ("we must act", "both countries should talk")."""
    subj, passive = subject_tokens(cand.head)
    source = [] if passive else dedupe(a for s in subj for a in actors_at(r, s))
    inner = cand.noun
    obliged, _ = subject_tokens(inner) if inner is not None else ([], False)
    own = {getattr(r.ctx.actors.get(a), "country", None) or a for a in source}
    named = [a for s in obliged for a in actors_at(r, s)]
    if any(a in source or (getattr(r.ctx.actors.get(a), "country", None) or a) in own for a in named):
        named = []  # "the two countries should communicate": the speaker's own side too, a proposal
    cand.source = source
    cand.target = dedupe(named)


def verb_args(r: Resolver, cand: Candidate) -> None:
    """Source and target of a verb trigger (or a light verb and its event noun)."""
    v = cand.head
    subj, passive = subject_tokens(v)
    if passive and v.lemma_.lower() in r.w.stative_passives and not any(c.dep_ == "agent" for c in v.children) \
            and any(c.dep_ == "prep" and c.lower_ == "to" for c in v.children):
        passive = False  # "Israel is opposed to the mediation": Israel opposes it
    if cand.entry.type in r.w.situation_types and not passive and any(
            t.pos_ == "NOUN" and noun_entry(r, t) is not None for t in subj):
        # "China's cooperation with X threatens European security": a situation, not a threat
        cand.source, cand.target = [], []
        return
    if cand.entry.type == "CONSULT" and not cand.entry.ergative and not passive and (
            (subj and all(t.pos_ == "NOUN" and noun_entry(r, t) is not None for t in subj))
            or any(p.lemma_.lower() in r.w.reception_nouns for c in v.children if c.dep_ == "prep" and c.lower_ == "with"
                   for p in c.children if p.dep_ == "pobj")):
        # "the offensive met with success", "the policy met with criticism": an act meets no one, and
        # what is met with is a reception, not a partner
        cand.source, cand.target = [], []
        return
    source: list[str] = []
    target: list[str] = []
    owners: list[str] = []
    for s in subj:
        (target if passive else source).extend(actors_at(r, s) or ([] if passive else event_agent(r, s)))
    for c in v.children:
        if c.dep_ == "agent":
            for p in c.children:
                if p.dep_ == "pobj":
                    source.extend(actors_at(r, p))
        elif c.dep_ == "dobj" and (cand.noun is None or c.i != cand.noun.i
                                   or v.lemma_.lower() in r.w.owner_target_verbs):
            # ("recognised Kosovo's independence", "welcomed France's mediation": whose it is)
            # "defending its sovereignty", "protect the rights of its firms": the owner is
            # the subject itself; "restart its flights to Pyongyang" still goes somewhere
            target.extend(actors_inside(r, c, skip_direct=own_possession(r, c)) or stray_including(r, v, c))
        elif c.dep_ == "dobj" and not cand.light:
            # "expelled two Russian diplomats", "detained Chinese nationals": the object the
            # entry asks for is no actor itself, but whose it is, is whom the act falls on
            owners.extend(object_owner(r, c))
        elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
            target.extend(actors_at(r, c))
    holders = [v] if cand.noun is None else [v, cand.noun]
    for h in holders:
        for p in prep_objects(h, cand.entry.targets):
            if is_place(r, p):
                continue
            target.extend(actors_inside(r, p))
    if passive and not source and cand.entry.mode in ("visit", "host") and cand.noun is None:
        # "Putin was hosted at Xi's residence": whoever owns the venue is the host
        venues = [p for c in v.children if c.dep_ == "prep" and c.lower_ == "at"
                  for p in c.children if p.dep_ == "pobj"]
        for owner in (o for p in venues for o in p.children if o.dep_ == "poss"):
            source.extend(actors_at(r, owner))
        target = [a for a in target if a not in source]
    if cand.noun is not None:
        for c in cand.noun.children:
            if c.dep_ == "prep" and c.lower_ == "between":
                for p in c.children:
                    if p.dep_ == "pobj":
                        source.extend(actors_at(r, p))
    if cand.noun is not None and not target:
        target.extend(participle_objects(r, cand.noun))
    if cand.light and cand.noun is not None and v.lemma_.lower() in r.lex.participation_verbs:
        # "attended a U.N.-organized meeting", "joined Xi's talks": whose event it is
        for c in cand.noun.children:
            if c.dep_ in ("poss", "nmod", "compound", "amod") and c.i < cand.noun.i:
                target.extend(m.actor for m in r.ctx.mentions_in(c.left_edge.idx, c.idx + len(c)))
    if not source and cand.light and cand.noun is not None:
        # "leaders opened the bloc's summit": unnamed agents hold the possessor's event
        for c in cand.noun.children:
            if c.dep_ in ("poss", "nmod", "compound") and c.i < cand.noun.i:
                source.extend(actors_at(r, c))
        target = [a for a in target if a not in source]
    if not source and not passive and not subj and v.dep_ == "acl" and v.tag_ == "VBG":
        # "protesters demanding reforms": the noun acts; "issued warnings demanding that
        # X change": whoever issued them
        source = actors_at(r, v.head)
        for anc in [] if source else v.head.ancestors:
            if anc.pos_ in ("VERB", "AUX"):
                gov_subj, gov_passive = subject_tokens(anc)
                source = [] if gov_passive else [a for t in gov_subj for a in actors_at(r, t)]
                break
        target = [a for a in target if a not in source]
    if not source and not passive:
        source = [a for a in parallel_subject(r, v) if a not in target]
    if passive and not source and cand.entry.type in r.w.own_force_types and cand.noun is None \
            and any(s.lemma_.lower() in r.w.force_nouns for s in subj):
        # "Kenyan troops were deployed to Somalia": their owner deployed them
        source = [a for s in subj for a in actors_at(r, s)]
        target = [a for a in target if a not in source]
    cand.source = dedupe(source)
    if not target and owners and cand.source:
        # only when nothing else names whom ("sell U.S. missiles to Turkey"), not the
        # subject's own state ("doubling the U.S. tariff"), and for a known agent (an
        # unnamed "company that bought Russian crude" is no relation between actors)
        own = actor_states(r.ctx, cand.source)
        target = [a for a in owners if not actor_states(r.ctx, [a]) & own]
    cand.target = [a for a in dedupe(target) if a not in cand.source]
    if cand.entry.symmetric and not cand.source and len(cand.target) > 1:
        cand.source, cand.target = cand.target, []


def noun_args(r: Resolver, cand: Candidate) -> None:
    """Source and target of a noun trigger: possessor, modifiers, "between" and "by" phrases."""
    n = cand.head
    source: list[str] = []
    target: list[str] = []
    left_actors: list[str] = []
    for c in n.lefts:
        if c.dep_ == "poss":
            source.extend(actors_at(r, c))
        elif c.dep_ in ("compound", "amod", "nmod"):
            # "a South Korean and Chinese proposal": the modifier's conjuncts are modifiers too
            last = max([c, *(x for x in c.conjuncts if x.i < n.i)], key=lambda x: x.i)
            for m in r.ctx.mentions_in(c.left_edge.idx, last.idx + len(last)):
                if m.actor not in left_actors:
                    left_actors.append(m.actor)
    blamed = n.dep_ == "dobj" and n.head.lemma_.lower() in r.w.blame_verbs
    # "a proposal tabled last week for the Council to send monitors": a past participle after the noun
    # carries the phrases naming whom the event is aimed at, and, for an act one side does to another,
    # its agent ("an offensive launched by Nigerian forces"; talks "brokered by X" are not X's)
    told = [h for h in n.children if h.dep_ == "acl" and h.tag_ == "VBN"]
    one_sided = not cand.entry.symmetric and cand.entry.type not in r.w.joint_types
    for c in [*n.children, *(c for h in told for c in h.children)]:
        if c.dep_ == "agent" and one_sided and c.head.i != n.i:
            source.extend(a for p in c.children if p.dep_ == "pobj" for a in actors_at(r, p))
        if c.dep_ == "prep":
            if blamed and c.lower_ == "on":
                continue  # "blamed the attacks on militants": who is blamed, not whom they hit
            objs = [p for p in c.children if p.dep_ == "pobj"]
            for p in objs:
                if c.lower_ in ("between", "by"):
                    if c.head.i == n.i:
                        source.extend(actors_at(r, p))
                elif c.lower_ in cand.entry.targets:
                    if is_place(r, p):
                        continue
                    target.extend(actors_inside(r, p))
    if not target and "of" not in cand.entry.targets and not cand.entry.symmetric and cand.entry.type not in r.w.joint_types \
            and (source or left_actors or cand.entry.type in r.w.patient_of_types):
        # "Chile's arrest of two Peruvian diplomats", "the release of the sailors by Iran",
        # "the killing of civilians": the "of" phrase of an act with its agent named (or of
        # an act only done to someone) is whom it falls on
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj" and not is_place(r, p):
                        target.extend(a for a in actors_inside(r, p) if a not in source)
    if not target:
        target.extend(participle_objects(r, n))
    if left_actors:
        if cand.entry.symmetric or not source:
            source = left_actors + source if cand.entry.symmetric else left_actors
        else:
            target = left_actors + target
    verb = reduced_relative(n)
    as_object = n.dep_ == "dobj" or verb is not None
    verb = n.head if verb is None else verb
    gov = verb.lemma_.lower()
    if not source and not left_actors and as_object and gov in r.w.own_act_verbs:
        # "the Council ramped up sanctions on X", "the army intensified raids": the subject
        # conducts the act ("ignored calls from X", "evade sanctions" do not)
        subj, passive = subject_tokens(verb)
        if not passive:
            source = [a for s in subj for a in actors_at(r, s) if a not in target]
    if not source and not left_actors and cand.entry.type in r.w.exercise_types and n.dep_ == "pobj" \
            and n.head.lower_ in ("in", "during") and n.head.head.pos_ == "VERB":
        # "Russian warships sailed near Japan during naval drills": who takes part in them holds them
        subj, passive = subject_tokens(n.head.head)
        if not passive:
            source = [a for s in subj for a in actors_at(r, s) if a not in target]
    if not source and not left_actors and n.dep_ == "dobj" and n.head.lemma_.lower() in r.lex.stance_verbs:
        # "Moscow does not rule out cooperation with Pyongyang": the subject's own act
        subj, passive = subject_tokens(n.head)
        if not passive:
            source = [a for s in subj for a in actors_at(r, s)]
    cand.source = dedupe(source)
    cand.target = [a for a in dedupe(target) if a not in cand.source]
