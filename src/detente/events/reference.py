"""Reference: which actors a noun phrase or pronoun names.

A noun phrase names its own actor, an apposition's, its modifier's ("North
Korean troops"), the body it stands for ("leaders of X"), the state of the
place it is in ("demonstrators in Baghdad"), or points back to a group the
story named ("the two men", "they") or to the subject of a nearby clause.
"""

from __future__ import annotations

from collections.abc import Callable

from spacy.tokens import Token

from ..actors.lexicon import load_lexicon
from ..linguistics import SUBJ, in_quotation, subject_tokens
from .place import place_of, state_id
from .resolver import Resolver, actor_of_token, armed_kind


def actors_at(r: Resolver, tok: Token, depth: int = 0) -> list[str]:
    """Actor ids named by the noun phrase headed by ``tok`` and its conjuncts."""
    out: list[str] = []
    for t in (tok, *tok.conjuncts):
        for a in np_actors(r, t, depth):
            if a not in out:
                out.append(a)
    return out


def np_actors(r: Resolver, tok: Token, depth: int) -> list[str]:
    """Actor ids of the noun phrase headed by ``tok`` alone (its conjuncts aside)."""
    own = actor_of_token(r.ctx, tok)
    if own and tok.lemma_.lower() in r.w.armed_group_nouns and described(r, tok) and told_group(tok):
        # "The insurgent group denied involvement" after the Taliban were accused; "The group
        # also opposes ..." in a story of a separatist attack is not the army's "Special
        # Services Group" the description matched
        enemy = accused_group(r, tok) or ([] if armed_or_free(r, own) else list(r.mem.attacker) or r.armed_groups()[:1])
        own = (enemy or [own])[0]
    if own:
        if tok.pos_ == "PRON" and not kind_fits(r, tok, own):
            own = None  # the actor stage's guess contradicts the pronoun's gender/number
        elif tok.pos_ == "PRON" and any(actor_of_token(r.ctx, c) == own for c in tok.conjuncts):
            own = None  # "She and the envoy urged ...": a pronoun is never its own conjunct
        else:
            return [own]
    # apposition: "China's Foreign Minister, Wang Yi"
    for c in tok.children:
        if c.dep_ == "appos":
            a = actor_of_token(r.ctx, c) or given_name(r, c)
            if a:
                return [a]
    # "rights groups, including the ACLU", "militant groups such as al-Shabab": the named member
    for c in tok.children:
        if c.dep_ == "prep" and (c.lower_ == "including" or (c.lower_ == "as" and c.nbor(-1).lower_ == "such")):
            for p in c.children:
                if p.dep_ == "pobj":
                    named = [a for t in (p, *p.conjuncts) if (a := actor_of_token(r.ctx, t))]
                    if named:
                        return named
    group = group_ref(r, tok)
    if group:
        return (pronoun(r, tok) if group == -1 else named_just_before(r, tok, group)) or r.mem.resolve(group)
    if tok.lemma_.lower() in r.w.relational_nouns:
        return []  # "Ukraine's allies" are not Ukraine
    # modifiers before the head: "North Korean troops", "China's leader"
    left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod")]
    if left:
        found = [m for m in r.ctx.mentions_in(left[0].left_edge.idx, tok.idx) if not based_in(r, tok, m.end)]
        if found:
            if any(c.dep_ == "conj" for m in left for c in m.subtree):
                # "Cameroon and Chad officials", "U.S. and NATO troops": each conjunct
                return list(dict.fromkeys(m.actor for m in found))
            return [found[-1].actor]
        party = party_state(r, tok, left)
        if party:
            return party
        owner = [c for c in left if c.dep_ == "poss" and (c.pos_ != "PRON" or pronoun_owner(tok))]
        if owner and depth < 2 and tok.lemma_.lower() in r.w.role_nouns:
            # "the country's security forces": the owner the story refers to
            found_owner = np_actors(r, owner[0], depth + 1)
            if found_owner:
                return found_owner
    if tok.pos_ == "PRON" and tok.lower_ in r.w.pronouns:
        return pronoun(r, tok)
    if depth < 2 and tok.lemma_.lower() in COLLECTIVES:
        # "a group of lawmakers of the U.S. Congress", "a coalition of rights groups": its members
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                members = [a for p in c.children if p.dep_ == "pobj" for a in actors_at(r, p, depth + 1)]
                if members:
                    return members
    # "leaders of X", "the government of X", "fighters of the Islamic State"
    if depth < 2 and (tok.lemma_.lower() in r.w.role_nouns or tok.lemma_.lower() in r.w.armed_group_nouns):
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "from") and not act_of(c):  # not "the group of killing"
                for p in c.children:
                    if p.dep_ == "pobj":
                        return actors_at(r, p, depth + 1)
            if c.dep_ == "prep" and c.lower_ == "for":
                served = spoken_for(r, c, depth)
                if served:
                    return served
    if tok.lemma_.lower() in r.w.local_nouns:
        local = local_state(r, tok)
        if local:
            return local
    if tok.lemma_.lower() in r.w.force_nouns:
        local = home_forces(r, tok)
        if local:
            return local
    if tok.lemma_.lower() in r.w.national_bodies:
        return home_body(r, tok)
    if tok.lemma_.lower() in r.w.armed_group_nouns and told_group(tok):
        return accused_group(r, tok) or list(r.mem.attacker) or r.armed_groups()[:1]
    return []


def described(r: Resolver, tok: Token) -> bool:
    """True when the actor stage read ``tok`` as a description ("the insurgent group")
    rather than a name."""
    m = r.ctx.mention_for(tok.doc[tok.i : tok.i + 1])
    return m is not None and m.how == "description"


def armed_or_free(r: Resolver, actor_id: str) -> bool:
    """True unless the actor is a state's own body (an army unit, a ministry): what a
    told armed group may be matched to by description."""
    actor = r.ctx.actors.get(actor_id)
    return actor is None or armed_kind(actor) or not actor.country


def accused_group(r: Resolver, tok: Token, window: int = 2) -> list[str]:
    """ "The ministry accused the rebels of staging the blast. ... The armed group
    denied any role": a told group right after an armed group was accused (the
    object of an accusing verb, in the ``window`` sentences before) is that group, not
    the story's latest attacker nor the group a description matched first."""
    sent = tok.sent
    for _ in range(window):
        if sent.start == 0:
            break
        sent = tok.doc[sent.start - 1].sent
    latest: list[str] = []
    for t in tok.doc[sent.start : tok.i]:
        if t.dep_ != "dobj" or not accusing(r, t.head):
            continue
        found = [a for a in actors_at(r, t, 2) if (actor := r.ctx.actors.get(a)) is not None and armed_kind(actor)]
        latest = found or latest
    return latest


def accusing(r: Resolver, verb: Token) -> bool:
    """A verb the lexicon codes as an accusation ("accused", "blamed")."""
    lemma = verb.lemma_.lower()
    return lemma in r.w.blame_verbs or any(e.type == "ACCUSE" for e in r.lex.verbs.get(lemma, []))


def given_name(r: Resolver, tok: Token) -> str | None:
    """ "Lai's son Sebastien": an apposed bare given name is the one person of the story
    whose full name starts with it (the actor stage matches full names and surnames)."""
    if tok.pos_ != "PROPN" or any(c.dep_ == "compound" for c in tok.children):
        return None
    found = {a.id for a in r.ctx.actors.values() if a.kind == "person" and a.name.split()[0] == tok.text}
    return found.pop() if len(found) == 1 else None


# nouns for a body of people named by its members ("a group of nine lawmakers")
COLLECTIVES = frozenset({"group", "coalition", "number", "handful", "dozen", "bloc", "alliance", "contingent"})


def named_just_before(r: Resolver, tok: Token, size: int) -> list[str]:
    """ "Putin is courting Erdogan ... The two presidents are cooperating": a counted
    reference points back to the actors of its kind (people for "presidents", "men",
    states for "countries") named in the sentence before and its own sentence up to it,
    when they are exactly that many; else to the story's latest group of that size."""
    sent = tok.sent
    start = tok.doc[sent.start - 1].sent.start_char if sent.start > 0 else sent.start_char
    lemma = tok.lemma_.lower()
    kind = "person" if lemma in r.w.person_roles or lemma == "man" else \
        "state" if lemma in ("country", "nation", "state") else None
    found: list[str] = []
    for m in r.ctx.actor_mentions:
        actor = r.ctx.actors.get(m.actor)
        if start <= m.start and m.end <= tok.idx and actor is not None and m.actor not in found \
                and (kind is None or actor.kind == kind):
            found.append(m.actor)
    if len(found) != size and size == 2 and lemma in r.w.side_nouns:
        return opponents_before(r, tok)
    return found if len(found) == size else []


def opponents_before(r: Resolver, tok: Token) -> list[str]:
    """ "X has been fighting Y for weeks, and Canada says both sides committed atrocities": the two sides are
    the subject and the object of the latest verb before ``tok`` in its sentence that names one each."""
    for v in reversed([t for t in tok.sent if t.i < tok.i and t.pos_ == "VERB"]):
        # only phrases before ``tok``: each is read by what comes before it, so the reading ends
        subj = [a for c in v.children if c.dep_ in SUBJ and c.right_edge.i < tok.i for a in actors_at(r, c)]
        obj = [a for c in v.children if c.dep_ == "dobj" and c.right_edge.i < tok.i for a in actors_at(r, c)]
        if len(subj) == 1 and len(obj) == 1 and subj != obj:
            return [subj[0], obj[0]]
    return []


def spoken_for(r: Resolver, prep: Token, depth: int) -> list[str]:
    """ "a spokesman for President X", "a representative for the ministry": a role held
    for a person or a body acts for them.  Not "the envoy for Syria": a role "for" a
    state names its portfolio, not whom it serves."""
    found = [a for p in prep.children if p.dep_ == "pobj" for a in actors_at(r, p, depth + 1)]
    kinds = {getattr(r.ctx.actors.get(a), "kind", None) for a in found}
    return found if found and "state" not in kinds else []


def told_group(tok: Token) -> bool:
    """ "the separatist group", "these militants", "30 terrorists", "insurgents": a
    reference to a group already told, not "a group", "another group", "other rebels"
    or a group its own modifiers place ("militants present on Afghan soil")."""
    definite = any(c.dep_ == "det" and c.lower_ in ("the", "these", "those") for c in tok.children)
    if any(c.dep_ in ("acl", "relcl", "appos") or (c.dep_ == "prep" and not act_of(c) and not (definite and scene(c)))
           or (c.dep_ == "amod" and any(c.children)) for c in tok.children):
        return False  # "militants present on Afghan soil", "rebels from the north": others, placed
    dets = [c.lower_ for c in tok.children if c.dep_ in ("det", "predet")]
    if dets:
        return all(d in ("the", "this", "these", "those") for d in dets) and not any(
            c.dep_ == "amod" and c.lower_ in ("other", "another", "rival") for c in tok.children)
    return tok.tag_ in ("NNS", "NNPS") and not any(c.dep_ == "amod" and c.lower_ in ("other", "rival") for c in tok.children)


def scene(prep: Token) -> bool:
    """ "negotiated with the insurgents in Doha": on a definite group, an "in" phrase
    naming a place is where the clause happened (the parser hangs it on the noun),
    not a modifier that sets other militants apart."""
    return prep.lower_ == "in" and any(p.dep_ == "pobj" and any(t.ent_type_ in ("GPE", "LOC", "FAC") for t in p.subtree)
                                       for p in prep.children)


def act_of(prep: Token) -> bool:
    """ "accuses the insurgent group of burning villages": an "of" phrase naming an act (a
    gerund) is what the group is charged with, not a modifier that sets it apart."""
    objs = [p for p in prep.children if p.dep_ == "pobj"]
    return prep.lower_ == "of" and bool(objs) and all(p.tag_ == "VBG" or p.lower_.endswith("ing") for p in objs)


def based_in(r: Resolver, tok: Token, end: int) -> bool:
    """ "a Mali-based militia": a place that ends a "-based" modifier is where the
    group sits, not who owns it."""
    after = [t for t in tok.doc[tok.left_edge.i : tok.i] if t.idx >= end]
    words = [t.lower_ for t in after[:2] if t.text != "-"]
    return bool(words) and words[0] in r.w.base_words


def home_body(r: Resolver, tok: Token) -> list[str]:
    """A state institution named bare ("the military jailed him", "authorities said",
    "police fired on the crowd") is the home state's, when the story has one.

    Not when anything else owns or places it: an indefinite or quantified noun
    ("a government", "other governments"), a modifier the actor stage did not
    resolve ("foreign governments", "the Taliban administration"), a possessor or a
    complement ("the government of X", "the army in the north")."""
    for c in tok.children:
        if c.dep_ == "det" and c.lower_ not in ("the", "this"):
            return []
        if c.dep_ in ("amod", "compound", "nmod", "poss", "prep", "nummod", "appos"):
            return []
    if tok.tag_ in ("NNS", "NNPS") and tok.lemma_.lower() not in ("authority", "police", "policeman"):
        return []  # "governments", "armies": generic, not this state's
    home = r.home_state()
    state = state_id(r, home) if home else None
    return [state] if state else []


def local_state(r: Resolver, tok: Token) -> list[str]:
    """The state of the place a group is in: "demonstrators in Baghdad" -> Iraq,
    "militants based in Afghanistan", "militants present on Afghan soil" -> Afghanistan."""
    holders = [tok, *(c for c in tok.children if c.dep_ in ("amod", "acl") and c.pos_ in ("ADJ", "VERB"))]
    for c in (c for h in holders for c in h.children):
        if c.dep_ != "prep" or c.lower_ not in ("in", "on", "inside", "throughout", "across"):
            continue
        for p in c.children:
            if p.dep_ != "pobj":
                continue
            if p.ent_type_ not in r.w.place_ents:
                state_land = state_owner(r, p)  # "on Afghan soil", "in Syrian territory"
                if state_land:
                    return state_land
                continue
            own = actor_of_token(r.ctx, p)
            if own:
                return [own]
            country = place_of(r, p).country
            state = state_id(r, country) if country else None
            if state:
                return [state]
    return []


def party_state(r: Resolver, tok: Token, left: list[Token]) -> list[str]:
    """ "Republican lawmakers praised ...": legislators named by a party label that belongs
    to one state (the actor base's ``title_states``) are that state's."""
    if tok.lemma_.lower() not in r.w.party_member_nouns:
        return []
    for c in left:
        code = load_lexicon().title_states.get(c.lower_)
        state = state_id(r, code) if code else None
        if state is not None:
            return [state]
    return []


def pronoun_owner(tok: Token) -> bool:
    """ "The army chief said his forces had killed ...": a force told as the subject with a
    pronoun owner is the owner's; as an object ("its troops") the owner is the subject itself,
    which :func:`detente.events.arguments.own_possession` reads."""
    return tok.dep_ in SUBJ


def home_forces(r: Resolver, tok: Token) -> list[str]:
    """ "Security forces in Somalia": forces placed in the story's home state are its own.
    Abroad, troops usually carry their owner ("U.S. troops in Syria"); bare ones placed in
    another state stay unread."""
    local = local_state(r, tok)
    home = r.home_state()
    state = state_id(r, home) if home else None
    return local if state is not None and local == [state] else []


def state_owner(r: Resolver, noun: Token) -> list[str]:
    """The state an unnamed stretch of land belongs to by its adjective or owner ("Afghan soil",
    "Mali's Kidal region")."""
    if noun.lemma_.lower() not in r.w.territory_nouns or actor_of_token(r.ctx, noun):
        return []
    for c in noun.children:
        if c.dep_ in ("amod", "poss") and c.i < noun.i:
            a = actor_of_token(r.ctx, c)
            actor = r.ctx.actors.get(a) if a else None
            if actor is not None and actor.kind == "state":
                return [actor.id]
    return []


def group_ref(r: Resolver, tok: Token) -> int:
    """Size of the group a plural reference points back to (0 if none).

    "the two men", "both sides" -> 2; "the three European countries" -> 3;
    "they" -> -1 (a group of any size, named just before).
    """
    low = tok.lower_
    if tok.pos_ == "PRON" and low in r.w.plural_pronouns:
        return -1
    if low == "both" and tok.dep_ in (*SUBJ, "nsubjpass", "dobj", "pobj"):
        return 2
    if tok.lemma_.lower() not in r.w.group_nouns or tok.tag_ not in ("NNS", "NNPS"):
        return 0
    for c in tok.children:
        if c.dep_ == "nummod" and c.lower_ in r.w.number_words:
            return r.w.number_words[c.lower_]
        if c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both":
            return 2
    return 0


def commentator(r: Resolver, actor_id: str) -> bool:
    """Analysts, experts and scholars comment on events; their words are claims."""
    actor = r.ctx.actors.get(actor_id)
    if actor is None:
        return False
    if actor.kind == "group":
        return actor.name.lower() in r.k.commentator_groups
    return actor.kind == "person" and bool(actor.affiliation) and not actor.roles


def kind_fits(r: Resolver, pron: Token, actor_id: str) -> bool:
    """ "it" names a state or a body, "he"/"she" a person."""
    actor = r.ctx.actors.get(actor_id)
    if actor is None:
        return True
    low = pron.lower_
    if low in r.w.neuter_pronouns:
        return actor.kind != "person"
    if low in r.w.personal_pronouns:
        return actor.kind == "person"
    return True


def number_fits(r: Resolver, pron: Token, np: Token) -> bool:
    """ "Officials said the group was on a pace to double the attacks it had carried
    out": a singular pronoun ("it", "he") does not point back to a plural noun
    ("officials") unless that noun names a body ("police", "authorities")."""
    if pron.lower_ in r.w.plural_pronouns or np.tag_ not in ("NNS", "NNPS") or np.conjuncts:
        return True
    return np.lemma_.lower() in r.w.national_bodies


def conj_subject(r: Resolver, tok: Token) -> list[str]:
    """ "X should back ..., and they should work ...": the pronoun subject of a
    coordinated clause is the subject of the first clause."""
    verb = tok.head
    if tok.pos_ != "PRON" or tok.dep_ not in SUBJ or verb.dep_ != "conj":
        return []
    for c in verb.head.children:
        if c.dep_ in SUBJ and c.pos_ != "PRON":
            return [a for a in actors_at(r, c, 2) if kind_fits(r, tok, a)]
    return []


def pronoun(r: Resolver, tok: Token) -> list[str]:
    """A pronoun the actor stage left unresolved.

    In order: the subject of the clause it is coordinated with ("X should back
    ..., and they should work ..."), the antecedent of the relative clause it
    sits in ("the North, which ... since it sent"), the speaker of the reported
    speech it is in ("X said it would ..."), the nearest subject before it in
    the sentence ("If China objected, it could ...").  Each must fit the
    pronoun ("it" is not a person, "he" is).
    """
    fits = lambda ids: [a for a in ids if kind_fits(r, tok, a)]  # noqa: E731

    def fits_np(c: Token) -> list[str]:
        # "the Afghan army chief said his forces ...": a person told by a role noun is read
        # as the state its modifier names; "his" still points to that person
        if not number_fits(r, tok, c):
            return []
        ids = actors_at(r, c, 2)
        if tok.lower_ in r.w.personal_pronouns and c.pos_ == "NOUN" and c.lemma_.lower() in r.w.person_roles \
                and actor_of_token(r.ctx, c) is None:
            return ids
        return fits(ids)
    found = conj_subject(r, tok)
    if found:
        return found
    for anc in tok.ancestors:
        if anc.dep_ == "relcl" and anc.head.pos_ in ("NOUN", "PROPN"):
            if tok.head.i == anc.i and tok.dep_ in SUBJ:
                break  # "the Uyghurs it had held": the subject of an object relative is not its head
            found = fits(actors_at(r, anc.head, 2))
            if found:
                return found
            break
    found = listed_before(r, tok) if tok.lower_ in r.w.plural_pronouns else []
    if found:
        return found
    found = own_clause_pair(r, tok)
    if found:
        return found
    # "“… their phone call,” Roy said": in their own words speakers say "we", not "they"
    other = tok.lower_ not in FIRST_PERSON and in_quotation(tok)
    for anc in tok.ancestors:
        if other and anc.lemma_.lower() in r.cues.speech_verbs:
            break
        if anc.lemma_.lower() in r.cues.speech_verbs or anc.lemma_.lower() in r.cues.governors:
            subj, passive = subject_tokens(anc)  # "X rejected ... and said they ..."
            for c in subj if not passive else []:
                if c.i != tok.i and c.pos_ != "PRON":
                    found = fits_np(c)
                    if found:
                        return found
    if tok.lower_ in r.w.plural_pronouns:
        return []  # a group named before: see Memory
    for t in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
        if t.dep_ in SUBJ and t.pos_ in ("PROPN", "NOUN") and number_fits(r, tok, t):
            found = fits(actors_at(r, t, 2))
            if found:
                return found
    return previous_subject(r, tok, fits_np)


FIRST_PERSON = frozenset({"i", "me", "my", "mine", "we", "us", "our", "ours"})


def own_clause_pair(r: Resolver, tok: Token) -> list[str]:
    """ "X and Y are off to a good start based on their phone call": a plural possessive points back to
    the two or more actors its clause's subject lists."""
    if tok.dep_ != "poss" or tok.lower_ not in r.w.plural_pronouns:
        return []
    subj = next((c for a in tok.ancestors if a.pos_ in ("VERB", "AUX") for c in a.children if c.dep_ in SUBJ), None)
    if subj is None or not subj.conjuncts:
        return []
    found = actors_at(r, subj, 2)
    return found if len(found) >= 2 else []


def listed_before(r: Resolver, tok: Token) -> list[str]:
    """ "raised duties on Chile, Peru and Brazil to push them": a plural object
    pronoun points back to the latest list of two or more actors earlier in its
    sentence, not to the subject of its own clause chain (an object pronoun is never
    its clause's subject: "X and Y imposed tariffs to pressure them")."""
    if tok.dep_ not in ("dobj", "pobj", "dative"):
        return []
    for t in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
        if t.dep_ == "conj" or not t.conjuncts or t.dep_ in SUBJ or t.dep_ == "nsubjpass":
            continue
        found = actors_at(r, t, 2)
        if len(found) >= 2:
            return found
    return []


def previous_subject(r: Resolver, tok: Token, fits_np: Callable[[Token], list[str]]) -> list[str]:
    """ "The agency's director said ... . She and X urged the council": a personal
    pronoun opening a sentence, with no subject before it, is the previous sentence's
    main subject when that fits it (a person, or a person told by a role noun)."""
    if tok.lower_ not in r.w.personal_pronouns or tok.dep_ not in SUBJ:
        return []
    sent = tok.sent
    if sent.start == 0 or any(t.dep_ in SUBJ for t in tok.doc[sent.start : tok.i]):
        return []
    before = tok.doc[sent.start - 1].sent
    subj, passive = subject_tokens(before.root)
    for c in [] if passive else subj:
        if c.pos_ in ("PROPN", "NOUN"):
            found = fits_np(c)
            if found:
                return found
    return []
