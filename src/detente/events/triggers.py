"""Triggers: the words of a sentence that the lexicon codes as events.

Verb triggers match the lexicon's entries with their objects, prepositions and
particles; light verbs ("held talks") take the event from their object noun;
noun triggers ("the summit") are candidates of their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import Date
from .lexicon import Entry
from .resolver import Resolver


@dataclass(slots=True)
class Candidate:
    """One trigger with its arguments, before it becomes an Event."""

    entry: Entry
    head: Token  # the token carrying the event: the verb, or the noun
    tokens: list[Token]  # trigger words
    noun: Token | None = None  # event noun of a light-verb construction
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    nominal: bool = False
    light: bool = False
    date: Date | None = None  # a date known from the story ("no joint statement": the meeting's)
    concluded: bool = False  # an agreement named by its past year: it was made (asserted)


def match_verb(r: Resolver, v: Token) -> Candidate | None:
    """The lexicon entry verb ``v`` triggers here: a specific entry, a light verb's noun, else a general entry."""
    lemma = v.lemma_.lower()
    entries = r.lex.verbs.get(lemma, ())
    objs = [antecedent(c) for c in v.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
    if not objs and v.dep_ == "relcl" and v.head.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in v.children):
        objs = [v.head]  # "the controls it announced": the antecedent is the object
    if not objs and lemma in r.lex.light_verbs:
        objs = participle_subject(r, v)
    if not objs and any(e.ergative for e in entries):
        # "trains resumed", "flights restarted": the theme is the subject
        objs = [c for c in v.children if c.dep_ == "nsubj"]
    objs = [through_measure(r, o) for o in objs]
    obj_lemmas = {c.lemma_.lower() for c in objs}
    # "launched a mediation effort on Saturday": a time is no prepositional argument
    told = verb_preps(v, ("prep", "agent"))  # "spoke by phone": the parser may read the "by" as an agent
    preps = {c.lower_ for c in told}
    particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
    # a phrasal verb with an entry of its own ("give up") has its own sense:
    # the bare verb's entries ("give" + weapons = AID) do not apply
    phrasal = particle is not None and any(e.particle == particle for e in entries)
    for e in entries:
        if not e.specific or (phrasal and e.particle is None):
            continue
        if e.objects and not (e.objects & obj_lemmas):
            continue
        if e.preps and not (e.preps & preps):
            continue
        if e.prep_objects and not any(
            p.lemma_.lower() in e.prep_objects
            for c in told if c.lower_ in e.preps
            for p in c.children if p.dep_ in ("pobj", "pcomp")
        ):
            continue
        if e.particle and e.particle != particle:
            continue
        if e.place_prep and not any(
            place(r, p) for c in told if c.lower_ in e.preps for p in c.children if p.dep_ == "pobj"
        ):
            continue
        if e.other_content and not about_other(r, v):
            continue
        if e.predicate and not judged(v, r.lex.evaluation.get(e.predicate, frozenset())):
            continue
        toks = [v]
        if e.objects:
            toks += [c for c in objs if c.lemma_.lower() in e.objects][:1]
        if e.particle:
            toks += [c for c in v.children if c.dep_ == "prt"][:1]
        # the object is the event's noun when it names an event ("signed a treaty"); an
        # object that only undergoes the act ("destroyed Ukrainian drones") is its patient,
        # whose owner the arguments read as the target ("flights between X and Y resumed":
        # the theme of an ergative verb keeps its participants)
        if len(toks) > 1 and lemma in r.lex.light_verbs:
            ne = noun_entry(r, toks[1])
            if ne is not None and ne.modifiers and ne.type != e.type:
                # "granted sanctions relief", "imposed a trade ban": the object's own
                # modified sense (relief from sanctions, a trade ban) is the event
                return Candidate(entry=ne, head=v, tokens=toks[:2], noun=toks[1], light=True)
        patient = len(toks) > 1 and e.type in r.w.patient_object_types and not e.ergative \
            and noun_entry(r, toks[1]) is None
        noun = toks[1] if e.objects and len(toks) > 1 and not patient else None
        if noun is None and e.prep_objects:
            noun = same_event_in_prep(r, v, e)
        return Candidate(entry=e, head=v, tokens=toks, noun=noun)
    if lemma in r.lex.light_verbs and not phrasal:
        for o in objs:
            noun = through_container(r, o)
            ne = noun_entry(r, noun)
            if ne is None:
                # "launched a mediation effort", "undertook a mediation mission": the event
                # is named by the compound before a head noun that only says "an act"
                # (the lexicon's `act_heads`; "tariff decisions" decide, they impose nothing)
                if noun.lemma_.lower() in r.lex.act_heads:
                    noun = next((m for m in noun.children if m.dep_ == "compound" and noun_entry(r, m) is not None),
                                noun)
                ne = noun_entry(r, noun)
            if ne is not None and lemma in r.lex.participation_verbs and ne.type != "CONSULT":
                continue  # "attended the parade": the parade is the host's, attending is a visit
            if ne is not None:
                return Candidate(entry=ne, head=v, tokens=[v, noun], noun=noun, light=True)
    # "declined to comment": the verb of a to-complement is what is refused, as an object is; a participle's
    # noun is what was done ("crimes committed by X" commit to nothing)
    refused = obj_lemmas | {c.lemma_.lower() for c in v.children if c.dep_ == "xcomp"}
    if v.dep_ == "acl" and v.tag_ == "VBN" and v.head.pos_ == "NOUN":
        refused.add(v.head.lemma_.lower())
    for e in entries:
        if not e.specific and not phrasal and (objs or not e.transitive) and not (e.not_objects & refused) \
                and not (e.not_preps & preps) and not (e.act_content and only_state(r, v)):
            return Candidate(entry=e, head=v, tokens=[v])
    return None


def place(r: Resolver, p: Token) -> bool:
    """A place one goes to or is in: a named place ("Beijing", "the White House"), or a
    common place noun ("the capital"); "in tight formation" is no place."""
    return p.ent_type_ in r.w.place_ents or p.pos_ == "PROPN" or p.lemma_.lower() in r.lex.place_nouns


def verb_preps(v: Token, deps: tuple[str, ...] = ("prep",)) -> list[Token]:
    """The prepositions of verb ``v`` that are no time: "warned on Monday of a resurgence"
    (a time is no argument).  The parser often hangs the phrase after a time on the time
    ("warned in July of a resurgence": "of" under "July"); it is the verb's."""
    out: list[Token] = []
    for c in v.children:
        if c.dep_ not in deps:
            continue
        if not temporal(c):
            out.append(c)
            continue
        # ("July of 2024" is one time: a hanging phrase that is itself a time stays the time's)
        out += [q for p in c.children if p.dep_ == "pobj" for q in p.children if q.dep_ == "prep" and not temporal(q)]
    return out


def participle_subject(r: Resolver, v: Token) -> list[Token]:
    """ "Russia held the naval exercises surrounding the strait": the parser reads "exercises
    surrounding the strait" as a clause (the noun the subject of "surrounding"), leaving the
    light verb with no object.  An event noun in that shape (:func:`reduced_relative`)
    under a verb with no object of its own is that verb's object."""
    for c in v.children:
        if c.dep_ in ("ccomp", "xcomp") and c.tag_ == "VBG":
            subj = next((s for s in c.children if s.dep_ == "nsubj" and s.pos_ == "NOUN"), None)
            if subj is not None and reduced_relative(subj) is not None \
                    and noun_entry(r, through_container(r, subj)) is not None:
                return [subj]
    return []


def reduced_relative(noun: Token) -> Token | None:
    """ "held the drills encircling Taiwan": the parser sometimes reads the event noun
    as the subject of a bare gerund clause (no auxiliary) that complements the verb.
    Returns that verb: the noun is its object, the gerund modifies the noun."""
    g = noun.head
    if noun.dep_ != "nsubj" or g.tag_ != "VBG" or g.dep_ not in ("ccomp", "xcomp", "dobj") or g.i < noun.i:
        return None
    if any(c.dep_ in ("aux", "auxpass") for c in g.children) or g.head.pos_ not in ("VERB", "AUX"):
        return None
    return g.head


def same_event_in_prep(r: Resolver, v: Token, e: Entry) -> Token | None:
    """ "Told Trump in a phone call with ...", "retaliated with tariffs on U.S. goods": the
    prepositional object names the very event the verb codes, so its own arguments
    ("with X", "on Y") are the event's."""
    for c in v.children:
        if c.dep_ == "prep" and c.lower_ in e.preps:
            for p in c.children:
                if p.dep_ == "pobj" and p.lemma_.lower() in e.prep_objects:
                    ne = noun_entry(r, p)
                    if ne is not None and ne.type == e.type:
                        return p
    return None


def judged(v: Token, words: frozenset[str]) -> bool:
    """ "Japan called the move illegal", "described the donation as a gesture of
    friendship": the verb's predicate of its object (an object predicate, or an "as"
    phrase) holds one of the evaluation's ``words``."""
    preds = [c for c in v.children if c.dep_ in ("oprd", "acomp", "xcomp")]
    preds += [p for c in v.children if c.dep_ == "prep" and c.lower_ == "as" for p in c.children if p.dep_ == "pobj"]
    return any(t.lemma_.lower() in words or t.lower_ in words for p in preds for t in p.subtree)


def about_other(r: Resolver, v: Token) -> bool:
    """ "The EU warned that the government's actions would divide the country": the
    that-clause tells what someone's act will do (its subject an act: the lexicon's
    `alarm_subjects`, or an event noun), an alarm about them.  "Warned that police
    will no longer tolerate rallies" (an agent's act to come), "warned Washington that
    ..." (told to an addressee) and "warned that the move would be met with a response"
    (a response promised: `threat_content`) are threats."""
    if any(c.dep_ in ("dobj", "dative") for c in v.children):
        return False
    for comp in (c for c in v.children if c.dep_ == "ccomp"):
        subj = next((c for c in comp.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ != "NOUN":
            continue
        act = subj.lemma_.lower() in r.lex.alarm_subjects or noun_entry(r, subj) is not None
        told = [t for t in comp.subtree if not (subj.left_edge.i <= t.i <= subj.right_edge.i)]
        if act and not any(t.lemma_.lower() in r.lex.threat_content for t in told):
            return True
    return False


def only_state(r: Resolver, v: Token) -> bool:
    """ "Warned that the region could become a target", "warned that the situation would
    be worse": told to no addressee, the that-clause says how things will be (its verb
    one of the lexicon's `state_verbs`), not what someone will do, and promises no
    response (`threat_content`): an assessment.  "Warned that it would retaliate",
    "warned that police will no longer tolerate rallies" tell an act."""
    if any(c.dep_ in ("dobj", "dative") for c in v.children):
        return False
    comps = [c for c in v.children if c.dep_ == "ccomp"]
    return bool(comps) and all(
        c.lemma_.lower() in r.lex.state_verbs and not any(t.lemma_.lower() in r.lex.threat_content for t in c.subtree)
        for c in comps)


def continuity_candidate(r: Resolver, tok: Token) -> Candidate | None:
    """ "Xi told Kim China's policy towards the DPRK will not change": an assurance
    (the lexicon's `continuity` entry) coded on the speech verb."""
    lex = r.lex
    if lex.continuity is None or tok.lemma_.lower() not in lex.continuity_verbs:
        return None
    if not any(c.dep_ == "neg" or c.lower_ == "never" for c in tok.children):
        return None
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or subj[0].lemma_.lower() not in lex.continuity_nouns:
        return None
    speech = tok.head
    if tok.dep_ not in ("ccomp", "conj") or speech.lemma_.lower() not in lex.continuity_speech:
        return None
    return Candidate(entry=lex.continuity, head=speech, tokens=[speech], noun=subj[0])


def told_in_speech(r: Resolver, c: Candidate) -> bool:
    """A demand or a wrong told in reported speech (``modal_demand``, ``alleged_wrong``): its complement
    names whom it is aimed at."""
    return c.entry is r.lex.modal_demand or c.entry is r.lex.alleged_wrong


def reported_by(r: Resolver, tok: Token) -> Token | None:
    """The speech verb (``modal_demand``'s ``speech``) whose complement clause ``tok`` heads, if any."""
    if tok.pos_ not in ("VERB", "AUX") or tok.dep_ != "ccomp":
        return None
    return tok.head if tok.head.lemma_.lower() in r.lex.modal_demand_speech else None


def modal_demand_candidate(r: Resolver, tok: Token) -> Candidate | None:
    """ "Oxfam said the army must protect the convoys": a speech verb (the lexicon's `modal_demand`)
    whose complement's verb carries a modal of obligation demands it of that verb's subject; coded on
    the speech verb (its time and modality are the demand's), the complement's verb as ``noun``."""
    lex = r.lex
    speech = reported_by(r, tok)
    if lex.modal_demand is None or speech is None or tok.lemma_.lower() in lex.modal_demand_not_verbs:
        return None
    modal = next((c for c in tok.children if c.dep_ == "aux" and c.lower_ in lex.modal_demand_modals), None)
    if modal is None and tok.lemma_.lower() in lex.modal_demand_obligations and not any(
            c.lower_ == "yet" for c in tok.children):
        # "they need to scrap the deal": the obligation is the verb itself, its act the infinitive
        if any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children) for c in tok.children):
            modal = tok
    if modal is None or any(c.dep_ == "auxpass" for c in tok.children):
        return None  # "sanctions must be lifted": no one is asked
    return Candidate(entry=lex.modal_demand, head=speech, tokens=[speech, modal], noun=tok)


def alleged_wrong_candidate(r: Resolver, tok: Token) -> Candidate | None:
    """ "Amnesty said Russia committed war crimes", "Japan said China violated the agreement": a speech
    verb (``modal_demand``'s) whose complement tells another committing a wrong (the lexicon's
    ``alleged_wrong``) accuses them of it; coded on the speech verb, the complement's verb as ``noun``."""
    lex = r.lex
    speech = reported_by(r, tok)
    if lex.alleged_wrong is None or speech is None or tok.pos_ != "VERB" \
            or any(c.dep_ in ("auxpass", "neg") for c in tok.children):
        return None
    lemma = tok.lemma_.lower()
    objects = {c.lemma_.lower() for c in tok.children if c.dep_ == "dobj"}
    if lemma in lex.alleged_wrong_breaches and objects or lemma in lex.alleged_wrong_verbs and objects & lex.alleged_wrong_objects:
        return Candidate(entry=lex.alleged_wrong, head=speech, tokens=[speech, tok], noun=tok)
    return None


def displeasure_candidate(r: Resolver, tok: Token) -> Candidate | None:
    """ "The United States is deeply disappointed by the vote", "Japan was alarmed by the launch": a
    displeasure (the lexicon's `displeasure` entry) told as the state of who feels it, coded on its word."""
    lex = r.lex
    if lex.displeasure is None or tok.lemma_.lower() not in lex.displeasure_words:
        return None
    adjective = tok.dep_ == "acomp" and tok.head.lemma_.lower() == "be"
    passive = tok.tag_ == "VBN" and any(c.dep_ == "auxpass" for c in tok.children)
    if not adjective and not passive:
        return None
    return Candidate(entry=lex.displeasure, head=tok, tokens=[tok])


def antecedent(tok: Token) -> Token:
    """ "the alliance that X signed": the relative pronoun stands for "alliance"."""
    if tok.tag_ in ("WDT", "WP") or tok.lower_ == "that":
        clause = tok.head
        if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
            return clause.head
    return tok


def through_measure(r: Resolver, n: Token) -> Token:
    """ "12 million tonnes of soybeans" -> "soybeans"; other nouns unchanged."""
    if n.lemma_.lower() in r.w.measure_nouns or n.pos_ == "NUM":
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "in"):  # "$2bn in military aid"
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return n


def through_container(r: Resolver, n: Token) -> Token:
    """ "a package of sanctions" -> "sanctions"; other nouns unchanged."""
    if n.lemma_.lower() in r.lex.containers:
        for c in n.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                for p in c.children:
                    if p.dep_ == "pobj":
                        return p
    return n


def noun_entry(r: Resolver, n: Token) -> Entry | None:
    """The lexicon entry of event noun ``n`` whose required modifiers it has."""
    entries = r.lex.nouns.get(n.lemma_.lower()) or r.lex.nouns.get(n.lower_)
    if not entries:
        return None
    if n.lemma_.lower() in r.lex.proposals and asks_of_another(n):
        return next((e for e in r.lex.nouns.get("request", []) if e.type == "REQUEST"), entries[0])
    mods = {c.lemma_.lower() for c in n.children if c.dep_ in ("compound", "amod", "nmod")}
    for e in entries:
        if e.modifiers and not (e.modifiers & mods):
            continue
        return e
    return None


def candidates(r: Resolver, sent: Span) -> list[Candidate]:
    """Trigger candidates of one sentence, in text order."""
    out: list[Candidate] = []
    consumed: set[int] = set()
    for tok in sent:
        if tok.pos_ == "VERB" or (tok.pos_ == "AUX" and tok.lemma_ == "have" and tok.dep_ != "aux"):
            if tok.dep_ in ("amod",):  # "a proposed plan" is not an act
                continue
            if tok.dep_ in ("csubj", "csubjpass") and tok.tag_ == "VBG":
                # "helping Russia was a duty", "pressing Kim costs more": a generic act, not a report
                consumed.update(c.i for c in tok.children if c.dep_ == "dobj")
                continue

            cand = match_verb(r, tok)
            if cand is not None:
                out.append(cand)
                consumed.update(t.i for t in cand.tokens)
                told_hosted(r, cand)
    for tok in sent:
        cont = continuity_candidate(r, tok)
        if cont is not None:
            out.append(cont)
        elif tok.i not in consumed and (disp := displeasure_candidate(r, tok)) is not None:
            out.append(disp)
        elif (demand := modal_demand_candidate(r, tok)) is not None:
            out.append(demand)
        elif (wrong := alleged_wrong_candidate(r, tok)) is not None:
            out.append(wrong)
    for tok in sent:
        if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN"):
            continue
        ne = noun_entry(r, tok)
        if ne is not None and (not (tok.pos_ == "PROPN" and tok.ent_type_) or year_of(tok) is not None):
            out.append(Candidate(entry=ne, head=tok, tokens=[tok], nominal=True))
    out.sort(key=lambda c: c.head.i)
    return out


def told_hosted(r: Resolver, c: Candidate) -> None:
    """ "China conducted the drills ...", then "the drills": a held event told as a
    verb's object is known to the story as its nominal telling would be, so the later
    bare noun is that event, not another one held by whoever is in the sentence."""
    for t in c.tokens[1:]:
        ne = noun_entry(r, t)
        if ne is not None and ne.hosted and ne.type == c.entry.type:
            r.mem.hosted.add(t.lemma_.lower())


def asks_of_another(noun: Token) -> bool:
    """ "A Russian proposal for the Security Council to lift sanctions", "a proposal made
    on Monday for the Council to ease them": a proposal that someone else act is a request
    to them (an offer of one's own act stays a promise)."""
    for h in [noun, *(c for c in noun.children if c.dep_ == "acl" and c.tag_ == "VBN")]:
        asked = any(c.dep_ == "prep" and c.lower_ == "for" and any(p.dep_ == "pobj" for p in c.children)
                    for c in h.children)
        act = any(c.dep_ in ("acl", "advcl", "xcomp") and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                  for c in h.children)
        if asked and act:
            return True
    return False


def year_of(noun: Token) -> int | None:
    """The year an agreement noun is named by: "the 1961 treaty", "a 2018 military
    agreement", "a pact signed in 1961" (a participle of the noun with "in YEAR")."""
    def year(t: Token) -> int | None:
        return int(t.text) if t.text.isdigit() and len(t.text) == 4 and 1800 <= int(t.text) <= 2100 else None

    for c in noun.children:
        if c.i < noun.i and c.dep_ in ("nummod", "compound", "amod", "nmod") and year(c):
            return year(c)
        if c.dep_ == "acl" and c.tag_ == "VBN":
            for p in c.children:
                if p.dep_ == "prep" and p.lower_ == "in":
                    found = next((year(o) for o in p.children if o.dep_ == "pobj" and year(o)), None)
                    if found:
                        return found
    return None


def gerund_controller(c: Candidate) -> Token | None:
    """The subject of the clause a gerund hangs from by a preposition: "France responded
    by destroying the air force", "Trudeau retaliated by announcing tariffs", "Russia was
    accused of attacking Ukraine" — the gerund's own agent; with an object, the object
    ("accused Moscow of attacking")."""
    v = c.head
    if c.nominal or v.tag_ != "VBG" or v.dep_ != "pcomp" or v.head.dep_ != "prep":
        return None
    gov = v.head.head
    if gov.pos_ not in ("VERB", "AUX"):
        return None
    # object control first: "Kyiv accused Moscow of attacking", "barred girls from attending"
    kids = list(gov.children)
    return next((ch for ch in kids if ch.dep_ == "dobj"), None) \
        or next((ch for ch in kids if ch.dep_ in ("nsubj", "nsubjpass")), None)


def agent_told(c: Candidate) -> bool:
    """Whether the sentence names who did the act, even when no actor could be read
    from it: a subject ("Muslim hackers defaced the sites", "it must cooperate"), a
    "by" agent, a noun's owner.  "The village was attacked", "Three Americans were
    killed" and "new sanctions against Turkey" name nobody: an act with no agent in
    the text is no relation between two sides (``sourceless_needs_agent``)."""
    verb = c.head
    if c.nominal:
        if any(ch.dep_ == "poss" or (ch.dep_ == "prep" and ch.lower_ == "by")
               or (ch.dep_ in ("compound", "amod", "nmod") and ch.ent_type_ in AGENT_ENTS)
               for ch in c.head.children):
            return True
        # "Europe should back secondary sanctions", "called for sanctions": the noun is
        # the object of someone's act, whose subject names a side
        gov = c.head.head.head if c.head.dep_ == "pobj" else c.head.head
        if c.head.dep_ not in ("dobj", "pobj") or gov.pos_ not in ("VERB", "AUX"):
            return False
        verb = gov
    own = True
    for _ in range(5):
        deps = {ch.dep_ for ch in verb.children}
        if deps & {"nsubj", "agent", "csubj", "expl"} or (not own and "nsubjpass" in deps):
            # a subject, or the controller of a complement: "Russia was accused of attacking"
            return True
        if "nsubjpass" in deps or verb.dep_ not in ("xcomp", "conj", "advcl", "acl", "relcl", "pcomp", "prep") \
                or verb.head.i == verb.i:
            # a passive with no "by", or a clause with no subject to inherit
            return verb.dep_ in ("acl", "relcl") and "nsubjpass" not in deps and verb.head.pos_ in ("NOUN", "PROPN")
        verb, own = verb.head, False
    return False


# entity labels of a modifier that names an agent: "Russian strikes", "Hamas attacks"
AGENT_ENTS = frozenset({"NORP", "GPE", "ORG", "PERSON"})


def temporal(prep: Token) -> bool:
    """A prepositional phrase that only says when: "on Saturday", "in March"."""
    objects = [p for p in prep.children if p.dep_ == "pobj"]
    return bool(objects) and all(p.ent_type_ in ("DATE", "TIME") for p in objects)
