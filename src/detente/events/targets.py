"""Targets: completing and correcting the arguments of a sentence's candidates.

An act inherits the target of what it embeds ("vowed to support China"),
answers the author of what it rejects ("denied the charge"), takes its target
from a place ("travelled to Pyongyang"), a scene ("a curfew in Abidjan") or the
story's current pair of states; joint acts without actors are the latest
meeting's; hosted events and agreements named by a year get their parties.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..linguistics import actor_states, subject_tokens
from ..model import Date
from .arguments import actors_inside, prep_objects
from .dating import has_own_time
from .modality import read_modality
from .place import is_place, location_of, place_among, state_id
from .reference import actors_at, commentator
from .resolver import Resolver, armed_kind, dedupe
from .triggers import Candidate, noun_entry, told_in_speech, year_of


def drop_contents(cands: list[Candidate]) -> list[Candidate]:
    """Acts that are only the content of another act are not events of their own:
    "does not rule out cooperation" is no rejection; the cooperation stays
    (hypothetical).
    """
    drop: set[int] = set()
    for c in cands:
        if c.nominal:
            continue
        if c.entry.type == "REJECT" and any(ch.dep_ == "neg" for ch in c.head.children):
            if any(d is not c and d.head.dep_ == "dobj" and d.head.head.i == c.head.i for d in cands):
                drop.add(id(c))
    return [c for c in cands if id(c) not in drop]


def answer_targets(r: Resolver, cands: list[Candidate]) -> None:
    """Targets of acts that answer an earlier one.

    "Moscow denied the charge", "the Kremlin rejected the reports": whoever made
    the claim (the latest accuser or reporting actor of the story).  "South Korea
    summoned the ambassador and demanded the withdrawal of the troops": a demand
    coordinated with an act on an addressee goes to that addressee.
    """
    for c in cands:
        if c.nominal:
            continue
        objs = [o for o in c.head.children if o.dep_ == "dobj"]
        if c.entry.type == "REJECT" and not c.target:
            for o in objs or relative_object(c.head):
                if actors_at(r, o):
                    continue
                lemma = o.lemma_.lower()
                accuser = told_here(cands, c, "ACCUSE") or apposed_author(r, o) or response_author(r, c.head) \
                    or r.mem.accuser
                author = accuser if lemma in r.w.accusation_nouns else r.mem.reporter if lemma in r.w.report_nouns \
                    else r.mem.requester if lemma in r.w.request_nouns else []
                if lemma in r.w.accusation_nouns | r.w.report_nouns | r.w.request_nouns:
                    author = claim_author(r, o, c.head) or author
                c.target = [a for a in author if a not in c.source]
        # a demand or wrong told in reported speech is aimed by its own complement
        if c.entry.type in r.w.addressee_types and c.head.dep_ == "conj" and not told_in_speech(r, c) \
                and not any(actors_at(r, o) for o in objs):
            for o in c.head.head.children:
                if o.dep_ in ("dobj", "dative"):
                    addressee = [a for a in actors_at(r, o) if a not in c.source]
                    if addressee:
                        c.target = addressee


def relative_object(v: Token) -> list[Token]:
    """ "a charge New Delhi quickly rejected": the antecedent of an object relative
    clause (one with a subject of its own and no object) is what its verb acts on."""
    if v.dep_ not in ("relcl", "acl") or v.tag_ not in ("VBD", "VBZ", "VBP") or any(ch.dep_ == "dobj" for ch in v.children):
        return []
    subj, passive = subject_tokens(v)
    if passive or not subj or v.head in subj:
        return []
    return [v.head]


def claim_author(r: Resolver, noun: Token, v: Token) -> list[str]:
    """ "X reiterated the claim that ..., a charge Y rejected": a claim that is the object
    of another verb (not the rejecting one) is that verb's subject's."""
    if noun.dep_ != "dobj" or noun.head.i == v.i:
        return []
    subj, passive = subject_tokens(noun.head)
    return [] if passive else dedupe(a for s in subj for a in actors_at(r, s))


def apposed_author(r: Resolver, noun: Token) -> list[str]:
    """ "X repeated the claim that ..., a charge Y rejected": a charge set beside a
    clause is that clause's subject's."""
    if noun.dep_ not in ("npadvmod", "appos") or noun.head.pos_ not in ("VERB", "AUX"):
        return []
    subj, passive = subject_tokens(noun.head)
    return [] if passive else dedupe(a for s in subj for a in actors_at(r, s))


def response_author(r: Resolver, v: Token) -> list[str]:
    """ "dismissed the charges while responding to the remarks by the rebel
    commander": whom the clause says it responds to made the charge."""
    for ch in v.children:
        if ch.dep_ == "advcl" and ch.lemma_.lower() in r.w.response_verbs:
            found = [a for p in prep_objects(ch, frozenset({"to"})) for a in actors_inside(r, p)]
            if found:
                return dedupe(found)
    return []


def told_here(cands: list[Candidate], c: Candidate, etype: str) -> list[str]:
    """The source of the latest ``etype`` act told earlier in the same sentence
    ("Pakistan blamed India ..., a charge New Delhi rejected": the charge is Pakistan's)."""
    before = [d for d in cands if d.entry.type == etype and d.source and d.head.i < c.head.i]
    return list(max(before, key=lambda d: d.head.i).source) if before else []


def joint_from_context(r: Resolver, sent: Span, cands: list[Candidate]) -> None:
    """ "No agreements were signed.": a joint act told without any actor in its
    sentence is between the pair the story is about (the latest pair named)."""
    if r.ctx.mentions_in(sent.start_char, sent.end_char):
        return
    for c in cands:
        if c.source or c.target or c.entry.type not in r.w.joint_types:
            continue
        if c.nominal and not any(m.lemma_.lower() in r.w.joint_modifiers for m in c.head.children):
            continue  # "The talks lasted two hours" repeats a meeting already told
        if not c.nominal:
            subj, passive = subject_tokens(c.head)
            if (subj and not passive) or any(ch.dep_ == "agent" for ch in c.head.children):
                continue  # "Leaders of 26 countries attended": someone else, unnamed
        pair = r.mem.meeting
        if pair:
            c.source, c.target = pair[:1], pair[1:]
            own = list(c.head.subtree)
            met = r.mem.meeting_dates.get(frozenset(pair))
            if met is not None and not has_own_time(r.ctx, own[0].idx, own[-1].idx + len(own[-1])):
                c.date = met  # what was (not) signed at the meeting, when it met


def merge_commissives(r: Resolver, cands: list[Candidate]) -> set[int]:
    """ "vowed to support X": one SUPPORT, expressed now; the vow itself is dropped.

    Returns the head indices of events whose modality is the commitment's
    (asserted), not the future of the embedded clause.
    """
    pledged: set[int] = set()
    for d in cands:
        # "Kim said North Korea would support China": saying so is the support
        if not d.nominal and d.entry.type in r.lex.verbal_types and d.head.dep_ in ("ccomp", "xcomp"):
            gov = d.head.head.lemma_.lower()
            if gov in r.cues.speech_verbs or gov in r.lex.commissive:
                pledged.add(d.head.i)
    for c in list(cands):
        if c.nominal or c.head.lemma_.lower() not in r.lex.commissive:
            continue
        for d in cands:
            if d is c or d.nominal or d.entry.type != "SUPPORT":
                continue
            if d.head.dep_ in ("xcomp", "ccomp") and d.head.head.i == c.head.i:
                if not d.source:
                    d.source = list(c.source)
                pledged.add(d.head.i)
                if c.entry.type == "AGREE":
                    cands.remove(c)
                break
    return pledged


def host(r: Resolver, c: Candidate, cands: list[Candidate]) -> bool:
    """ "the parade in Pyongyang" -> PRK holds it; without a place of its own, the
    place of the sentence's other events, else the story's latest place."""
    lemma = c.head.lemma_.lower()
    definite = any(t.dep_ in ("det", "poss") and t.lower_ != "a" for t in c.head.children)
    sub = list(c.head.subtree)
    own_time = has_own_time(r.ctx, sub[0].idx, sub[-1].idx + len(sub[-1]))
    if definite and lemma in r.mem.hosted and not own_time and location_of(r, c) is None:
        return False  # "Leaders attended the parade": the parade already told
    country = None
    for d in [c, *sorted((x for x in cands if x is not c), key=lambda x: abs(x.head.i - c.head.i))]:
        loc = location_of(r, d)
        if loc is not None and loc.country:
            country = loc.country
            break
    country = country or r.mem.place
    state = state_id(r, country) if country else None
    if state is None:
        return False
    c.source = [state]
    r.mem.hosted.add(lemma)
    return True


def target_from_place(r: Resolver, c: Candidate) -> None:
    """A visit to a capital targets its state: "travelled to Pyongyang" -> PRK;
    so does attending something abroad ("attended the parade in Pyongyang"), and
    a force of one state placed in another ("French troops arrived in Mali")."""
    if c.entry.type in r.w.own_force_types:
        deployed_abroad(r, c)
        return
    if c.entry.type not in ("CONSULT", "COOPERATE") or c.entry.type == "COOPERATE" and c.entry.mode not in r.w.route_modes:
        return
    if c.nominal and c.entry.mode not in r.w.route_modes:
        return
    loc = location_of(r, c)
    if loc is None or not loc.country:
        return
    own = {getattr(r.ctx.actors.get(a), "country", None) for a in c.source}
    if loc.country in own:
        return
    if c.entry.mode not in r.w.route_modes and c.source and all(
            getattr(r.ctx.actors.get(a), "kind", None) == "organization" for a in c.source):
        return  # "the bloc's summit in Kuala Lumpur" is held there, not directed at Malaysia
    state = state_id(r, loc.country)
    if state is not None:
        c.target = [state]


def deployed_abroad(r: Resolver, c: Candidate) -> None:
    """ "Additional French soldiers arrived in Mali", "Russia held drills in Belarus": a
    force a known side places in another state is aimed at (or sent to) that state.
    Not at home ("troops deployed in the capital"), nor without a source."""
    if not c.source:
        return
    loc = location_of(r, c)
    own = actor_states(r.ctx, c.source)
    country = loc.country if loc is not None else None
    if country is None and not own and c.nominal is False:
        # "forces of the U.N. mission have been deployed to protect civilians": a force
        # of no state, deployed with no place named, is deployed in the story's home state
        country = r.home_state()
    if not country or country in own:
        return
    state = state_id(r, country)
    if state is not None and state not in c.source:
        c.target = [state]


def target_from_scene(r: Resolver, c: Candidate) -> None:
    """Force used or eased somewhere falls on that place's state: "imposed a curfew in
    Abidjan" -> CIV, "bombed a market in Kabul" -> AFG, "lifted the curfew in Montenegro"."""
    if c.entry.type not in r.w.scene_target_types:
        return
    # ... or on what it was done to: "imposed a curfew in Mombasa", "fired shells at targets in Lahore"
    objects = [] if c.nominal else [
        *(o for o in c.head.children if o.dep_ in ("dobj", "nsubjpass")),
        *(p for t in c.head.children if t.dep_ == "prep" and t.lower_ in ("at", "on", "against")
          for p in t.children if p.dep_ == "pobj" and p.pos_ == "NOUN")]
    loc = location_of(r, c, extra=objects)
    state = state_id(r, loc.country) if loc is not None and loc.country else None
    if state is not None:
        c.target = [state]


def target_from_home(r: Resolver, c: Candidate) -> None:
    """ "Militants attacked a bus", "the junta detained hundreds", "protesters rallied":
    force used, or a protest held, with no target named falls on the story's home
    state (PLOVER codes events inside one state between that state and itself).
    The home state's own force falls on the group the story has told attacking, when
    there is one ("the army killed 30 of them").  Protests only when their source is
    of the home state: a foreign crowd protests against someone the text names.  A
    threat or demand of a group the story told attacking is aimed at the home state, and so is a
    foreign state's sanction or threat (``home_pressure_types``)."""
    home = r.home_state()
    if home is None or not c.source:
        return
    own = actor_states(r.ctx, c.source)
    state = state_id(r, home)
    if state is None:
        return
    t = c.entry.type
    if t in r.w.domestic_types:
        if own == {home}:
            c.target = [state]
    elif t in r.w.home_target_types:
        if any(ch.dep_ in ("advmod", "prt") and ch.lower_ in r.w.retaliation_particles for ch in c.head.children):
            return  # "the militia fought back": against its aggressor, which this clause does not name
        if not c.nominal and c.head.lemma_.lower() in r.w.struggle_verbs and own != {home}:
            return  # "volunteers who fight for their homeland": no opponent named
        enemy = r.mem.attacker or r.armed_groups()[:1]
        if own == {home} and enemy:
            c.target = [a for a in enemy if a not in c.source]
        if not c.target and (state not in c.source or own == {home}):
            c.target = [state]
    elif t in r.w.armed_speech_types and all(a in r.mem.armed or a in r.armed_groups() for a in c.source):
        c.target = [state]
    elif t in r.w.home_beneficiary_types:
        c.target = [state]  # "the IMF loan", "providing assistance to a million people"
    elif (t in r.w.home_pressure_types or c.entry is r.lex.displeasure) and own and home not in own:
        # "Japan is alarmed over the passage of the law" in a story about Zambia
        c.target = [state]  # "Canada has banned trophy imports" in a story about Botswana


def target_at_home(r: Resolver, c: Candidate) -> None:
    """ "Chilean students marched in protest", "farm unions organised a general
    strike": a domestic act (``domestic_types``) with no one else named is aimed at the acting side's
    own state, whether or not the story has a home state."""
    if c.entry.type not in r.w.domestic_types or not c.source:
        return
    own = actor_states(r.ctx, c.source)
    if len(own) != 1:
        return
    state = state_id(r, next(iter(own)))
    if state is not None:
        c.target = [state]


def source_from_home(r: Resolver, c: Candidate) -> None:
    """ "The activists were detained", "the arrest of journalists": a coercive act told
    without its agent (a passive without "by", an event noun without owner but
    with its target) is the home state's; whom it fell on, when no actor, is then
    the home state too (:func:`target_from_home`).  An attack told without its agent
    ("three soldiers were killed", "the attack on the train") is the group the story
    has just told attacking (this or the previous two paragraphs)."""
    if c.source:
        return
    t = c.entry.type
    if c.nominal:
        if not c.target:
            return  # a bare "the arrests" says nothing about whom
    else:
        subj, passive = subject_tokens(c.head)
        if not passive or any(ch.dep_ == "agent" for ch in c.head.children):
            return
    if t in r.w.home_target_types and t not in r.w.home_source_types:
        armed = set(r.mem.armed) | set(r.armed_groups())
        if c.target and all(a in armed for a in c.target):
            # "16 terrorists had been killed": the armed group's losses are the home state's doing
            home = r.home_state()
            state = state_id(r, home) if home else None
            c.source = [state] if state is not None else []
        elif c.target and r.mem.attacker and r.mem.attack_paragraph >= r.mem.paragraph - 2:
            c.source = [a for a in r.mem.attacker if a not in c.target]
        return
    if t not in r.w.home_source_types:
        return
    # "he has been held in Hong Kong since 2020", "activists were detained in Tehran":
    # the state where it was done did it; else the story's home state
    loc = location_of(r, c)
    home = loc.country if loc is not None and loc.country else r.home_state()
    state = state_id(r, home) if home else None
    if state is not None:
        c.source = [state]


def target_from_attack(r: Resolver, c: Candidate) -> None:
    """ "Boko Haram attacked a convoy on Tuesday. ... Niger condemned the attack": an act aimed at an
    attack the story has just told (this or the previous two paragraphs), whose noun names no one,
    is aimed at whoever carried it out (``attack_target_types``; the attack noun is one of the
    lexicon's ASSAULT or COERCE nouns, the verb's object or the cause of a displeasure)."""
    if c.entry.type not in r.w.attack_target_types or c.nominal or not r.mem.attacker \
            or r.mem.attack_paragraph < r.mem.paragraph - 2:
        return
    objects = [t for t in c.head.children if t.dep_ in ("dobj", "nsubjpass")]
    objects += [p for t in c.head.children if t.dep_ in ("prep", "agent") for p in t.children if p.dep_ == "pobj"]
    for o in objects:
        entry = noun_entry(r, o) if o.pos_ == "NOUN" else None
        if entry is not None and entry.type in ("ASSAULT", "COERCE") and not actors_inside(r, o):
            c.target = [a for a in r.mem.attacker if a not in c.source]
            return


def accused_over(r: Resolver, c: Candidate) -> None:
    """ "Japan complained to the European Union over Chinese missile tests": an accusation whose
    grievance ("over"/"about" an act) names who did it is against them; the addressee it was told
    to is where it was lodged."""
    if c.entry.type not in r.w.grievance_types or c.nominal:
        return
    found = [a for t in c.head.children if t.dep_ == "prep" and t.lower_ in ("over", "about")
             for p in t.children if p.dep_ == "pobj" and not is_place(r, p) for a in actors_inside(r, p)]
    found = [a for a in dedupe(found) if a not in c.source]
    if found:
        c.target = found


def threatened_place(r: Resolver, c: Candidate) -> None:
    """ "The rebels threatened to resume their raids in Chad": a threat whose content names no
    one but places the act in another state than its author's is aimed at that state."""
    if c.nominal or c.entry.type not in r.w.conditional_content_types:
        return
    own = actor_states(r.ctx, c.source)
    for content in (ch for ch in c.head.children if ch.dep_ in ("xcomp", "ccomp") or ch.dep_ == "advcl" and infinitive(ch)):
        loc = place_among(r, [content, *(o for o in content.children if o.dep_ == "dobj")])
        state = state_id(r, loc.country) if loc is not None and loc.country and loc.country not in own else None
        if state is not None and state not in c.source:
            c.target = [state]
            return


def target_from_remit(r: Resolver, c: Candidate) -> None:
    """ "The African Union's special representative for Somalia appealed for calm", "the EU's ambassador to
    China urged restraint": a speech act whose speaker is named by an office for a state
    (``remit_nouns`` + for/to/on + the state) and that names no addressee is addressed to that state."""
    if c.nominal or c.entry.type not in r.w.speech_act_types:
        return
    subj, passive = subject_tokens(c.head)
    if passive:
        return
    for s in subj:
        if s.lemma_.lower() not in r.w.remit_nouns:
            continue
        for prep in s.children:
            if prep.dep_ != "prep" or prep.lower_ not in ("for", "to", "on"):
                continue
            states = [a for p in prep.children if p.dep_ == "pobj" for a in actors_at(r, p)
                      if (x := r.ctx.actors.get(a)) is not None and x.kind == "state" and a not in c.source]
            if states:
                c.target = states
                return


def target_from_reporter(r: Resolver, c: Candidate) -> None:
    """ "Thailand said China had asked for their return", "Kenya said Somalia had
    threatened to cut ties": a speech act reported by another state, with no target
    of its own, was addressed to the one reporting it (the report's subject, a state
    actor or one who acts for a state, of a state other than the source's)."""
    if c.target or not c.source or c.nominal or c.entry.type not in r.w.speech_act_types:
        return
    cur = c.head
    while cur.dep_ in ("conj", "xcomp") and cur.head.i != cur.i:
        cur = cur.head
    if cur.dep_ != "ccomp" or cur.head.lemma_.lower() not in r.cues.speech_verbs:
        return
    subj, passive = subject_tokens(cur.head)
    if passive:
        return
    speaker = dedupe(a for s in subj for a in actors_at(r, s))
    theirs, own = actor_states(r.ctx, speaker), actor_states(r.ctx, c.source)
    if any(commentator(r, a) for a in speaker):
        return  # "a researcher said Kim would resist the pressure": an analysis, not an addressee
    if speaker and theirs and own and not theirs & own:
        c.target = speaker


def target_from_dyad(r: Resolver, c: Candidate) -> None:
    """ "China restored the rail links", "Beijing would suspend the controls": an act
    told with its source only is aimed at the other state of the story's current
    pair (the latest event with a source and a target, in this or the previous
    paragraph), when the source is one side of that pair."""
    dyad = r.mem.dyad
    own = actor_states(r.ctx, c.source)
    if len(own) != 1:
        return
    if dyad is None or dyad[2] < r.mem.paragraph - 1:
        story_pair_target(r, c, own)
        return
    (a_id, a_c), (b_id, b_c), _ = dyad
    other = b_id if own == {a_c} else a_id if own == {b_c} else None
    if other is not None and other not in c.source:
        c.target = [other]


def story_pair_target(r: Resolver, c: Candidate, own: set[str]) -> None:
    """ "Japan has barred exports of machine tools" in a story between Tokyo
    and Seoul, with no pair told just before: the act of one of the story's two
    states is aimed at the other (see :meth:`Resolver.story_pair`).  Acts only, not
    words: whom a statement answers the story's pair does not tell."""
    if c.entry.type in r.w.speech_act_types or c.entry.type in r.lex.require_target:
        return  # whom words are addressed to the story's pair does not tell
    if any(a in r.ctx.actors and armed_kind(r.ctx.actors[a]) for a in c.source):
        return  # a rebel group tied to one of the states is no side of their relation
    pair = r.story_pair()
    if pair is None or not own <= set(pair):
        return
    other = pair[1] if own == {pair[0]} else pair[0]
    state = state_id(r, other)
    if state is not None and state not in c.source:
        c.target = [state]


def source_from_dyad(r: Resolver, c: Candidate) -> None:
    """ "The government ... demanded that Beijing remove them": a state body named bare,
    which no home state resolves, acting on one side of the story's current pair (this
    or the previous paragraph) is the other side's."""
    if c.source or not c.target or c.nominal:
        return
    subj, passive = subject_tokens(c.head)
    if passive or len(subj) != 1 or subj[0].lemma_.lower() not in r.w.national_bodies:
        return
    if any(ch.dep_ in ("poss", "amod", "compound", "nmod") or (ch.dep_ == "det" and ch.lower_ != "the")
           for ch in subj[0].children):
        return  # "a government", "foreign governments", "Beijing's government": not the pair's
    dyad = r.mem.dyad
    if dyad is None or dyad[2] < r.mem.paragraph - 1:
        return
    (a_id, a_c), (b_id, b_c), _ = dyad
    own = actor_states(r.ctx, c.target)
    other = b_id if own == {a_c} else a_id if own == {b_c} else None
    if other is not None and other not in c.target:
        c.source = [other]


def dated_agreement(r: Resolver, c: Candidate) -> None:
    """ "a pact signed in 1961", "the 1961 treaty that binds the two countries": an
    agreement named by a past year was concluded that year, between the parties the
    phrase names ("with Pyongyang", "binds the two countries"), completed by the
    story's current pair of states."""
    y = year_of(c.head)
    if y is None or (r.ctx.published is not None and y >= r.ctx.published.year):
        return
    if c.head.dep_ == "dobj" and read_modality(c.head.head, r.cues, anchor=c.head.head).modality != "asserted":
        return  # "wants to restore a 2018 agreement": the sentence tells a pending act on it, not the signing
    parties = list(c.target)
    for rel in c.head.children:
        if rel.dep_ == "relcl":
            parties += [a for o in rel.children if o.dep_ == "dobj" for a in actors_at(r, o)]
    parties = dedupe(parties)
    if not parties:
        # "Beijing remains Pyongyang's ally under a pact signed in 1961": the sentence's states
        sent = c.head.sent
        parties = dedupe(m.actor for m in r.ctx.mentions_in(sent.start_char, sent.end_char))
        if len(actor_states(r.ctx, parties)) > 2:
            return
    if len(actor_states(r.ctx, parties)) == 1 and c.head.dep_ == "dobj":
        # "Seoul wants to restore a 2018 agreement with Pyongyang": who acts on it is the other party
        subj, passive = subject_tokens(c.head.head)
        parties += [] if passive else [a for t in subj for a in actors_at(r, t)]
    dyad = r.mem.dyad
    recent = dyad is not None and dyad[2] >= r.mem.paragraph - 1
    countries = actor_states(r.ctx, parties)
    if len(countries) == 1 and recent and dyad is not None:
        (a_id, a_c), (b_id, b_c), _ = dyad
        other = b_id if countries == {a_c} else a_id if countries == {b_c} else None
        parties = [other, *parties] if other is not None else parties
    elif not parties and recent and dyad is not None:
        parties = [dyad[0][0], dyad[1][0]]
    by_state: dict[str, str] = {}
    for a in parties:  # one actor per state: "Kim" and "Pyongyang" are one party
        for code in actor_states(r.ctx, [a]):
            by_state.setdefault(code, a)
    if len(by_state) != 2:
        return
    c.source, c.target = list(by_state.values())[:1], list(by_state.values())[1:]
    c.date = Date(value=str(y), granularity="year", start=f"{y}-01-01", end=f"{y}-12-31", basis="explicit")
    c.concluded = True


def inherit_targets(r: Resolver, cands: list[Candidate]) -> None:
    """ "vowed to support China" -> the vow's target is China; "demanded that Israel ease ..." -> Israel.

    The deepest clauses first, so that an act inherits from an embedded act that has
    already inherited ("issued warnings demanding that Washington change ...")."""
    for c in cands:
        if c.nominal or c.target or c.entry.type not in r.w.addressee_types:
            continue
        # "demanding that Washington change its stance": whoever is to act, even when
        # what they are to do is no event of its own
        for ch in c.head.children:
            if ch.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in ch.children):
                subj, passive = subject_tokens(ch)
                if subj and not passive:
                    c.target = [a for s in subj for a in actors_at(r, s) if a not in c.source]
    for c in cands:
        if not c.nominal and not c.target and c.entry.type in r.w.conditional_content_types:
            c.target = threatened(r, c)
        if not c.nominal and not c.target and c.entry.type in r.w.speech_act_types:
            c.target = [a for a in judged_clause(r, c.head, cands) if a not in c.source]
    for c in sorted(cands, key=lambda x: -sum(1 for _ in x.head.ancestors)):
        if c.nominal or c.target:
            continue
        for d in cands:
            if d is c or d.nominal:
                continue
            if c.entry.type not in r.w.speech_act_types:
                # "sent troops to support Russia": the purpose names the beneficiary
                if d.head.dep_ in ("advcl", "xcomp") and d.head.head.i == c.head.i:
                    # "to fight for Moscow": on whose behalf
                    beneficiary = [a for p in prep_objects(d.head, frozenset({"for"})) for a in actors_at(r, p)]
                    c.target = [a for a in (d.target or beneficiary) if a not in c.source]
                    if c.target:
                        break
                continue
            holders = (c.head.i, c.noun.i) if c.noun is not None else (c.head.i,)
            if d.head.dep_ in ("acl", "advcl") and d.head.head.i in holders and d.entry.type in r.w.addressee_types:
                # "issued warnings demanding that Washington change": the demand's addressee
                c.target = [a for a in d.target if a not in c.source]
                if c.target:
                    break
            if d.head.dep_ in ("xcomp", "ccomp") and d.head.head.i == c.head.i:
                subj, passive = subject_tokens(d.head)
                if c.entry.type in r.w.addressee_types and d.head.dep_ == "ccomp" and subj and not passive:
                    # "demanded that Israel ease ...": the addressee is the embedded subject
                    embedded = [a for s in subj for a in actors_at(r, s) if a not in c.source]
                    if embedded:
                        c.target = dedupe(embedded)
                        break
                c.target = [a for a in d.target if a not in c.source]
                if c.target:
                    break
        if not c.target and c.entry.type not in r.w.speech_act_types:
            c.target = purpose_objects(r, c)
    for c in cands:
        if not c.nominal and c.target and c.entry.type in r.w.own_force_types:
            # "moved troops into Mali to fight the insurgents": a force sent
            # somewhere to fight an armed group is aimed at the group, not the state it is in
            enemy = [a for a in purpose_objects(r, c) if (actor := r.ctx.actors.get(a)) is not None and armed_kind(actor)]
            if enemy:
                c.target = enemy


def judged_clause(r: Resolver, v: Token, cands: list[Candidate]) -> list[str]:
    """ "Japan donated ships to Vietnam, which To Lam described as a gesture of
    friendship": a judgement told in a "which" relative set off by a comma, with
    "which" its object, is on the act of the clause before it (a verb the lexicon
    codes): aimed at that act's subject.  "He made no mention of X, which Beijing
    demanded" is about X, no act."""
    rel = [ch for ch in v.children if ch.dep_ == "dobj" and ch.lower_ == "which"]
    if v.dep_ != "relcl" or not rel or rel[0].i == 0 or rel[0].nbor(-1).text != ",":
        return []
    clause = next((a for a in v.ancestors if a.pos_ in ("VERB", "AUX")), None)
    if clause is None or not any(d.head.i == clause.i and not d.nominal for d in cands):
        return []
    subj, passive = subject_tokens(clause)
    return [] if passive else dedupe(a for s in subj for a in actors_at(r, s))


def threatened(r: Resolver, c: Candidate) -> list[str]:
    """ "warning that the attackers will not be forgiven", "warned that the rebels would be
    hunted down": a threat whose content is a passive falls on that clause's subject."""
    out: list[str] = []
    for ch in c.head.children:
        if ch.dep_ == "ccomp" and any(m.dep_ == "mark" and m.lower_ == "that" for m in ch.children):
            subj, passive = subject_tokens(ch)
            if passive:
                out += [a for s in subj for a in actors_at(r, s) if a not in c.source]
    return dedupe(out)


def purpose_objects(r: Resolver, c: Candidate) -> list[str]:
    """ "negotiating to import eggs from Brazil", "tests in an effort to pressure the
    U.S.": an act with no target of its own is aimed at whom its purpose clause acts
    on (the clause's object, or its "from"/"with"/"to"/"against" object), not at an
    actor inside that object ("to discuss sanctions on Russia" is about Russia, not
    aimed at it), nor at the source's own state."""
    holders = [c.head] if c.noun is None else [c.head, c.noun]
    purposes = [p for h in holders for p in h.children if p.dep_ in ("advcl", "xcomp") and infinitive(p)]
    purposes += [p for h in holders for prep in h.children if prep.dep_ == "prep" and prep.lower_ == "in"
                 for n in prep.children if n.dep_ == "pobj" and n.lemma_.lower() in PURPOSE_NOUNS
                 for p in n.children if p.dep_ == "acl" and infinitive(p)]
    own = actor_states(r.ctx, c.source)
    found: list[str] = []
    for p in purposes:
        objs = [o for o in p.children if o.dep_ in ("dobj", "dative")]
        objs += [o for o in prep_objects(p, PURPOSE_PREPS) if not is_place(r, o)]
        found += [a for o in objs for a in actors_at(r, o)]
    return [a for a in dedupe(found) if a not in c.source and not actor_states(r.ctx, [a]) & own]


# "in an effort to ...", "in a bid to ...": nouns that only introduce a purpose
PURPOSE_NOUNS = frozenset({"effort", "bid", "attempt", "order"})
PURPOSE_PREPS = frozenset({"from", "with", "to", "against"})


def infinitive(v: Token) -> bool:
    """ "to import", "to pressure": a bare infinitive with its "to"."""
    return v.tag_ == "VB" and any(ch.dep_ == "aux" and ch.lower_ == "to" for ch in v.children)
