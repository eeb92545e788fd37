"""Event extraction: lexicon triggers matched over the dependency parse.

For each sentence, every token whose lemma is a trigger in the lexicon is a
candidate.  Verb triggers take their source from the subject (the ``by``
agent in a passive, the controlling subject for "vowed to support", the
object for "urged X to ..."), their target from the direct object, the
indirect object and prepositional objects ("with", "to", "against", ...).
Light verbs ("held talks") take the event from their object noun.  Noun
triggers ("X's visit to Y", "the Kim-Xi summit", "the summit between X and
Y") yield an event only when they carry their own actor arguments.  Actor ids
come from the actor stage's mentions (``ctx.mention_for``); modality and
attribution come from :mod:`detente.events.modality`.
"""

from __future__ import annotations

import dataclasses
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date as _Day
from datetime import timedelta

from spacy.tokens import Span, Token

from ..model import Actor, Date, Event, Location, Mention, stable_id
from ..nlp import doc_text
from ..pipeline import DocContext
from .lexicon import Entry, Lexicon
from .modality import COPULAS, Cues, Reading, read_modality

try:  # the time stage is written concurrently; degrade to unknown dates without it
    from ..timex import date_for as _date_for
except ImportError:  # pragma: no cover - depends on what is installed
    _date_for = None  # type: ignore[assignment]
try:  # places resolved by the actor stage ("in Beijing" -> CHN), other towns from GeoNames
    from ..actors import city_country as _city_country
    from ..actors import location_at as _location_at
except ImportError:  # pragma: no cover
    _location_at = None  # type: ignore[assignment]
    _city_country = None  # type: ignore[assignment]

# verbs whose object (not subject) controls an infinitive: "urged Europe to back"
OBJECT_CONTROL = frozenset({
    "urge", "ask", "call", "order", "force", "invite", "allow", "persuade", "press", "push",
    "encourage", "tell", "compel", "pressure", "help", "enable", "prompt", "permit", "lead",
})
# nouns naming people or bodies that act for someone else: "leaders of X", "troops of X"
ROLE_NOUNS = frozenset({
    "leader", "leadership", "minister", "official", "government", "administration", "troop",
    "force", "army", "delegation", "authority", "member", "representative", "president",
    "head", "spokesman", "spokeswoman", "spokesperson", "envoy", "ambassador", "regime",
    "military", "navy", "soldier", "diplomat", "embassy", "ministry", "side", "team",
})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our", "them", "him"})
# pronouns that name a state or a body, and those that name a person
NEUTER_PRONOUNS = frozenset({"it", "its"})
PERSONAL_PRONOUNS = frozenset({"he", "she", "his", "her", "him"})
PLURAL_PRONOUNS = frozenset({"they", "their", "them"})
# nouns that, counted or with "both", refer back to a group of actors named before:
# "the two men", "both sides", "the three European countries"
GROUP_NOUNS = frozenset({
    "man", "leader", "country", "side", "neighbour", "neighbor", "nation", "government",
    "state", "party", "power", "capital", "president", "minister", "delegation", "ally",
    "rival", "adversary", "foe", "counterpart", "head", "official", "team", "partner",
})
NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "2": 2, "3": 3, "4": 4, "5": 5}
# people who belong where they are: "demonstrators in Baghdad", "the government in Kabul"
# (not troops, diplomats or visitors, who are often abroad)
LOCAL_NOUNS = frozenset({
    "demonstrator", "protester", "protestor", "youth", "student", "worker", "resident", "villager",
    "citizen", "civilian", "farmer", "activist", "opposition", "party", "police", "policeman", "crowd",
    "mob", "rioter", "striker", "militant", "rebel", "insurgent", "gunman", "authority", "government",
    "official", "people", "group", "organisation", "organization",
})
# nouns naming a relation to the possessor, not the possessor itself: "Ukraine's allies"
RELATIONAL_NOUNS = frozenset({
    "ally", "partner", "neighbour", "neighbor", "enemy", "rival", "adversary", "foe",
    "critic", "opponent", "friend", "backer", "supporter", "counterpart", "creditor",
    "debtor", "customer", "supplier", "client",
})
# units and amounts that only measure the object: "12 million tonnes of soybeans"
MEASURE_NOUNS = frozenset({
    "tonne", "ton", "barrel", "million", "billion", "thousand", "hundred", "dozen", "lot",
    "worth", "amount", "quantity", "shipment", "cargo", "consignment", "batch", "supply",
    "unit", "piece", "load", "metre", "meter", "litre", "liter", "kilogram", "kg",
    "euro", "dollar", "yuan", "rouble", "ruble", "pound", "yen", "won", "rupee", "franc",
})
# modifiers marking a noun event as the act of several parties: "a joint statement"
JOINT_MODIFIERS = frozenset({"joint", "bilateral", "mutual", "common"})
# verbs whose subject owns the intention noun they take: "X had no plans to ..."
INTENTION_HOLDERS = frozenset({
    "have", "make", "take", "announce", "unveil", "outline", "lack", "drop", "abandon",
    "shelve", "express", "signal", "reach", "adopt",
})
# modes whose "to X" is a destination: a visit to X, a flight / route to X
ROUTE_MODES = frozenset({"visit", "economic"})
# nouns of a claim someone made: rejecting them answers their author, the latest
# accuser for an accusation, the latest reporting actor for a report
ACCUSATION_NOUNS = frozenset({"charge", "accusation", "allegation", "criticism", "assertion"})
REPORT_NOUNS = frozenset({"report", "claim", "account", "statement", "suggestion", "finding"})
# subordinators the parser sometimes reads as prepositions: "since X and Y signed"
SUBORDINATORS = frozenset({"since", "after", "before", "until", "till", "as", "when", "while", "once"})
# unnamed commentators (the actor layer's groups): their warnings are assessments
COMMENTATOR_GROUPS = frozenset({"analysts", "analyst", "experts", "expert", "economists", "observers", "commentators", "scholars", "researchers"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at", "inside", "near"})
SUBJ = frozenset({"nsubj", "csubj"})
# verbs of approval whose object is someone's act or status: its owner is the target
OWNER_TARGET_VERBS = frozenset({"welcome", "recognise", "recognize", "acknowledge"})
# participles that with "be ... to" describe the subject's stance, not something done to it
STATIVE_PASSIVES = frozenset({"oppose", "commit"})
# acts that only an actor performs: with an event noun as subject the verb describes a situation
SITUATION_TYPES = frozenset({"THREATEN"})
# types whose act falls on the place where it happens when no target is named
SCENE_TARGET_TYPES = frozenset({"COERCE", "ASSAULT", "RETREAT", "CONCEDE"})
# event types for which the speaker's addressee is the target of an embedded event
SPEECH_ACT_TYPES = frozenset({"AGREE", "REQUEST", "THREATEN", "REJECT", "SUPPORT", "ACCUSE", "CONCEDE"})
# types where "X and Y <verb>" is a joint act between the two ("pledged", "agreed")
JOINT_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE"})
# ... and those whose target is the subject of the embedded clause ("demanded that X ...")
ADDRESSEE_TYPES = frozenset({"REQUEST", "ACCUSE"})


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


@dataclass(slots=True)
class Memory:
    """What the document has said so far: the groups of actors it named together.

    "Xi held talks with Kim ... the two men" -> the pair; "Britain, France and
    Germany ... They urged" -> the three.  Reset for every document.
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
    told: list[tuple[str, frozenset[str], frozenset[str], str, str]] = field(default_factory=list)
    paragraph: int = 0  # paragraph number of the current sentence
    # the story's current pair of states: (actor, country) of each side of the latest
    # event with a source and a target, and the paragraph it was told in
    dyad: tuple[tuple[str, str], tuple[str, str], int] | None = None

    def add(self, actors: Iterable[str]) -> None:
        """Record a group of two or more distinct actors named in the current sentence."""
        group = _dedupe(actors)
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


class Extractor:
    """Finds events in a parsed, actor-annotated document."""

    def __init__(self, lexicon: Lexicon, cues: Cues, state_lookup: Callable[[str], Actor | None] | None = None):
        self.lex = lexicon
        self.cues = cues
        # ISO3 -> state Actor, for targets implied by a place ("a visit to Pyongyang")
        self.state_lookup = state_lookup
        self.mem = Memory()  # per document, reset by extract()

    # ------------------------------------------------------------------ actors
    def _actor_of_token(self, ctx: DocContext, tok: Token) -> str | None:
        span = tok.doc[tok.i : tok.i + 1]
        m = ctx.mention_for(span)
        return m.actor if m else None

    def actors_at(self, ctx: DocContext, tok: Token, depth: int = 0) -> list[str]:
        """Actor ids named by the noun phrase headed by ``tok`` and its conjuncts."""
        out: list[str] = []
        for t in (tok, *tok.conjuncts):
            for a in self._np_actors(ctx, t, depth):
                if a not in out:
                    out.append(a)
        return out

    def _np_actors(self, ctx: DocContext, tok: Token, depth: int) -> list[str]:
        own = self._actor_of_token(ctx, tok)
        if own:
            if tok.pos_ == "PRON" and not self._kind_fits(ctx, tok, own):
                own = None  # the actor stage's guess contradicts the pronoun's gender/number
            else:
                return [own]
        # apposition: "China's Foreign Minister, Wang Yi"
        for c in tok.children:
            if c.dep_ == "appos":
                a = self._actor_of_token(ctx, c)
                if a:
                    return [a]
        group = self._group_ref(tok)
        if group:
            return (self._pronoun(ctx, tok) if group == -1 else []) or self.mem.resolve(group)
        if tok.lemma_.lower() in RELATIONAL_NOUNS:
            return []  # "Ukraine's allies" are not Ukraine
        # modifiers before the head: "North Korean troops", "China's leader"
        left = [c for c in tok.lefts if c.dep_ in ("compound", "amod", "poss", "nmod", "npadvmod")]
        if left:
            found = ctx.mentions_in(left[0].left_edge.idx, tok.idx)
            if found:
                return [found[-1].actor]
        if tok.pos_ == "PRON" and tok.lower_ in PRONOUNS:
            return self._pronoun(ctx, tok)
        # "leaders of X", "the government of X"
        if depth < 2 and tok.lemma_.lower() in ROLE_NOUNS:
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "from"):
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return self.actors_at(ctx, p, depth + 1)
        if tok.lemma_.lower() in LOCAL_NOUNS:
            return self._local_state(ctx, tok)
        return []

    def _local_state(self, ctx: DocContext, tok: Token) -> list[str]:
        """The state of the place a group is in: "demonstrators in Baghdad" -> Iraq."""
        for c in tok.children:
            if c.dep_ != "prep" or c.lower_ != "in":
                continue
            for p in c.children:
                if p.dep_ != "pobj" or p.ent_type_ not in PLACE_ENTS:
                    continue
                own = self._actor_of_token(ctx, p)
                if own:
                    return [own]
                country = self._place(ctx, p).country
                state = self._state(ctx, country) if country else None
                if state:
                    return [state]
        return []

    def _group_ref(self, tok: Token) -> int:
        """Size of the group a plural reference points back to (0 if none).

        "the two men", "both sides" -> 2; "the three European countries" -> 3;
        "they" -> -1 (a group of any size, named just before).
        """
        low = tok.lower_
        if tok.pos_ == "PRON" and low in PLURAL_PRONOUNS:
            return -1
        if low == "both" and tok.dep_ in (*SUBJ, "nsubjpass", "dobj", "pobj"):
            return 2
        if tok.lemma_.lower() not in GROUP_NOUNS or tok.tag_ not in ("NNS", "NNPS"):
            return 0
        for c in tok.children:
            if c.dep_ == "nummod" and c.lower_ in NUMBER_WORDS:
                return NUMBER_WORDS[c.lower_]
            if c.dep_ in ("det", "predet", "preconj") and c.lower_ == "both":
                return 2
        return 0

    @staticmethod
    def _commentator(ctx: DocContext, actor_id: str) -> bool:
        """Analysts, experts and scholars comment on events; their words are claims."""
        actor = ctx.actors.get(actor_id)
        if actor is None:
            return False
        if actor.kind == "group":
            return actor.name.lower() in COMMENTATOR_GROUPS
        return actor.kind == "person" and bool(actor.affiliation) and not actor.roles

    def _kind_fits(self, ctx: DocContext, pron: Token, actor_id: str) -> bool:
        """ "it" names a state or a body, "he"/"she" a person."""
        actor = ctx.actors.get(actor_id)
        if actor is None:
            return True
        low = pron.lower_
        if low in NEUTER_PRONOUNS:
            return actor.kind != "person"
        if low in PERSONAL_PRONOUNS:
            return actor.kind == "person"
        return True

    def _conj_subject(self, ctx: DocContext, tok: Token) -> list[str]:
        """ "X should back ..., and they should work ...": the pronoun subject of a
        coordinated clause is the subject of the first clause."""
        verb = tok.head
        if tok.pos_ != "PRON" or tok.dep_ not in SUBJ or verb.dep_ != "conj":
            return []
        for c in verb.head.children:
            if c.dep_ in SUBJ and c.pos_ != "PRON":
                return [a for a in self.actors_at(ctx, c, 2) if self._kind_fits(ctx, tok, a)]
        return []

    def _pronoun(self, ctx: DocContext, tok: Token) -> list[str]:
        """A pronoun the actor stage left unresolved.

        In order: the subject of the clause it is coordinated with ("X should back
        ..., and they should work ..."), the antecedent of the relative clause it
        sits in ("the North, which ... since it sent"), the speaker of the reported
        speech it is in ("X said it would ..."), the nearest subject before it in
        the sentence ("If China objected, it could ...").  Each must fit the
        pronoun ("it" is not a person, "he" is).
        """
        fits = lambda ids: [a for a in ids if self._kind_fits(ctx, tok, a)]  # noqa: E731
        found = self._conj_subject(ctx, tok)
        if found:
            return found
        for anc in tok.ancestors:
            if anc.dep_ == "relcl" and anc.head.pos_ in ("NOUN", "PROPN"):
                found = fits(self.actors_at(ctx, anc.head, 2))
                if found:
                    return found
                break
        for anc in tok.ancestors:
            if anc.lemma_.lower() in self.cues.speech_verbs or anc.lemma_.lower() in self.cues.governors:
                subj, passive = self._subject(anc)  # "X rejected ... and said they ..."
                for c in subj if not passive else []:
                    if c.i != tok.i and c.pos_ != "PRON":
                        found = fits(self.actors_at(ctx, c, 2))
                        if found:
                            return found
        if tok.lower_ in PLURAL_PRONOUNS:
            return []  # a group named before: see Memory
        for t in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
            if t.dep_ in SUBJ and t.pos_ in ("PROPN", "NOUN"):
                found = fits(self.actors_at(ctx, t, 2))
                if found:
                    return found
        return []

    def _own_possession(self, ctx: DocContext, obj: Token) -> bool:
        """True when a non-actor object belongs to a possessive pronoun ("its
        sovereignty", "the rights of its firms"): read reflexively, the owner is the
        actor itself, never the target."""
        if obj.pos_ == "PRON" or self._actor_of_token(ctx, obj):
            return False
        heads = [obj, *(p for c in obj.children if c.dep_ == "prep" and c.lower_ == "of" for p in c.children if p.dep_ == "pobj")]
        for h in heads:
            poss = [c for c in h.children if c.dep_ == "poss"]
            if poss:
                return poss[0].lower_ in ("its", "their", "his", "her", "our")
        return False

    def _inside(self, ctx: DocContext, tok: Token, depth: int = 0, skip_direct: bool = False) -> list[str]:
        """Actors inside a non-actor noun: "Haiti's efforts", "sanctions against Nigeria"."""
        direct = [] if skip_direct else self.actors_at(ctx, tok)
        if direct or depth >= 2:
            return direct
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "to", "with", "against", "on", "for", "toward", "towards", "from"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = self._inside(ctx, p, depth + 1, skip_direct and c.lower_ == "of")
                        if found:
                            return found
        return []

    # ------------------------------------------------------------- arguments
    def _subject(self, v: Token, seen: int = 0) -> tuple[list[Token], bool]:
        """The subject tokens of verb ``v`` and whether ``v`` is passive.

        Several tokens when the parser split a coordination ("X, Y and Z attended").
        """
        subj = [c for c in v.children if c.dep_ in SUBJ]
        if subj:
            if subj[0].tag_ in ("WDT", "WP") and v.dep_ == "relcl":
                return [v.head], False
            return subj, False
        passive = [c for c in v.children if c.dep_ == "nsubjpass"]
        if passive:
            return passive, True
        repaired = self._subject_before(v)
        if repaired:
            return repaired, False
        if seen > 4 or v.head.i == v.i:
            return [], False
        h = v.head
        if v.dep_ == "xcomp":
            if h.lemma_.lower() in OBJECT_CONTROL:
                for c in h.children:
                    if c.dep_ == "dobj":
                        return [c], False
            return self._subject(h, seen + 1)[0], False
        if v.dep_ in ("conj", "advcl") or (v.dep_ == "acomp" and h.lemma_ in COPULAS):
            # "... and agreed", "Brazil is opposed to it" (a participle read as an adjective)
            return self._subject(h, seen + 1)[0], False
        if v.dep_ == "pcomp" and h.lower_ == "in" and h.head.pos_ == "VERB":
            # "support China in defending ...": the object acts, else the subject
            obj = [c for c in h.head.children if c.dep_ == "dobj"]
            return obj or self._subject(h.head, seen + 1)[0], False
        if v.dep_ == "relcl":
            return [h], False
        if v.dep_ == "pcomp" and h.lower_ == "to" and h.head.pos_ == "VERB":
            # "youths resorted to throwing stones": the subject of the governing verb acts
            return self._subject(h.head, seen + 1)[0], False
        if v.dep_ == "pcomp" and h.lower_ == "to" and h.head.pos_ == "NOUN":
            # "China's commitment to strengthening cooperation": whoever holds the commitment
            return [c for c in h.head.children if c.dep_ == "poss"], False
        if v.dep_ in ("acl", "xcomp") and h.pos_ == "NOUN":
            # "its refusal to send weapons", "Kim's decision to attend"
            poss = [c for c in h.children if c.dep_ == "poss"]
            if not poss and h.dep_ == "dobj" and h.head.lemma_.lower() in INTENTION_HOLDERS:
                # "Iran had no plans to withdraw", "Japan announced a decision to join"
                return self._subject(h.head, seen + 1)[0], False
            return poss, False
        return [], False

    @staticmethod
    def _subject_before(v: Token) -> list[Token]:
        """ "since Moscow and Pyongyang signed": the parser read "since" as a preposition
        and its clause's subject as its object; the noun phrase right before the
        subjectless verb is then the subject."""
        if v.i == 0:
            return []
        prev = v.doc[v.i - 1]
        while prev.dep_ == "conj" and prev.head.i < prev.i:
            prev = prev.head  # "Moscow and Pyongyang" -> "Moscow"
        while prev.dep_ in ("compound", "amod") and prev.head.i == v.i - 1:
            prev = prev.head
        top = prev
        while top.dep_ == "conj":
            top = top.head
        if top.dep_ == "pobj" and top.head.lower_ in SUBORDINATORS and top.head.head.i != v.i and top.pos_ in ("PROPN", "NOUN"):
            return [top]
        return []

    def _preps(self, tok: Token, allowed: frozenset[str]) -> Iterator[Token]:
        for c in tok.children:
            if c.dep_ in ("prep", "dative") and c.lower_ in allowed:
                for p in c.children:
                    if p.dep_ == "pobj":
                        yield p
            elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN"):
                yield c

    def _is_place(self, ctx: DocContext, p: Token) -> bool:
        """ "in Beijing" is where; "fired at Ukraine" is at whom (an actor the actor stage resolved)."""
        prep = p.head.lower_
        if prep in ("in", "inside", "near"):
            return True
        return prep == "at" and p.ent_type_ in PLACE_ENTS and self._actor_of_token(ctx, p) is None

    def _continuity_args(self, ctx: DocContext, cand: Candidate) -> None:
        """Speaker -> addressee; without an addressee, the other party the relation names."""
        subj, _ = self._subject(cand.head)
        source = _dedupe(a for s in subj for a in self.actors_at(ctx, s))
        target = [a for c in cand.head.children if c.dep_ in ("dobj", "dative") for a in self.actors_at(ctx, c)]
        if not target and cand.noun is not None:
            target = [a for c in cand.noun.children if c.dep_ == "prep" and c.lower_ in ("towards", "toward", "with", "to", "between")
                      for p in c.children if p.dep_ == "pobj" for a in self.actors_at(ctx, p)]
        own = {getattr(ctx.actors.get(a), "country", None) for a in source}
        cand.source = source
        cand.target = [a for a in _dedupe(target) if a not in source and getattr(ctx.actors.get(a), "country", None) not in own - {None}]

    def _verb_args(self, ctx: DocContext, cand: Candidate) -> None:
        v = cand.head
        subj, passive = self._subject(v)
        if passive and v.lemma_.lower() in STATIVE_PASSIVES and not any(c.dep_ == "agent" for c in v.children) \
                and any(c.dep_ == "prep" and c.lower_ == "to" for c in v.children):
            passive = False  # "Israel is opposed to the mediation": Israel opposes it
        if cand.entry.type in SITUATION_TYPES and not passive and any(
                t.pos_ == "NOUN" and self._noun_entry(t) is not None for t in subj):
            # "China's cooperation with X threatens European security": a situation, not a threat
            cand.source, cand.target = [], []
            return
        source: list[str] = []
        target: list[str] = []
        for s in subj:
            (target if passive else source).extend(self.actors_at(ctx, s))
        for c in v.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        source.extend(self.actors_at(ctx, p))
            elif c.dep_ == "dobj" and (cand.noun is None or c.i != cand.noun.i
                                       or v.lemma_.lower() in OWNER_TARGET_VERBS):
                # ("recognised Kosovo's independence", "welcomed France's mediation": whose it is)
                # "defending its sovereignty", "protect the rights of its firms": the owner is
                # the subject itself; "restart its flights to Pyongyang" still goes somewhere
                target.extend(self._inside(ctx, c, skip_direct=self._own_possession(ctx, c)))
            elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                target.extend(self.actors_at(ctx, c))
        holders = [v] if cand.noun is None else [v, cand.noun]
        for h in holders:
            for p in self._preps(h, cand.entry.targets):
                if self._is_place(ctx, p):
                    continue
                target.extend(self._inside(ctx, p))
        if passive and not source and cand.entry.mode in ("visit", "host") and cand.noun is None:
            # "Putin was hosted at Xi's residence": whoever owns the venue is the host
            venues = [p for c in v.children if c.dep_ == "prep" and c.lower_ == "at"
                      for p in c.children if p.dep_ == "pobj"]
            for owner in (o for p in venues for o in p.children if o.dep_ == "poss"):
                source.extend(self.actors_at(ctx, owner))
            target = [a for a in target if a not in source]
        if cand.noun is not None:
            for c in cand.noun.children:
                if c.dep_ == "prep" and c.lower_ == "between":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            source.extend(self.actors_at(ctx, p))
        if not source and cand.light and cand.noun is not None:
            # "leaders opened the bloc's summit": unnamed agents hold the possessor's event
            for c in cand.noun.children:
                if c.dep_ in ("poss", "nmod", "compound") and c.i < cand.noun.i:
                    source.extend(self.actors_at(ctx, c))
            target = [a for a in target if a not in source]
        cand.source = _dedupe(source)
        cand.target = [a for a in _dedupe(target) if a not in cand.source]
        if cand.entry.symmetric and not cand.source and len(cand.target) > 1:
            cand.source, cand.target = cand.target, []

    def _noun_args(self, ctx: DocContext, cand: Candidate) -> None:
        n = cand.head
        source: list[str] = []
        target: list[str] = []
        left_actors: list[str] = []
        for c in n.lefts:
            if c.dep_ == "poss":
                source.extend(self.actors_at(ctx, c))
            elif c.dep_ in ("compound", "amod", "nmod"):
                for m in ctx.mentions_in(c.left_edge.idx, c.idx + len(c)):
                    if m.actor not in left_actors:
                        left_actors.append(m.actor)
        for c in n.children:
            if c.dep_ == "prep":
                objs = [p for p in c.children if p.dep_ == "pobj"]
                for p in objs:
                    if c.lower_ == "between":
                        source.extend(self.actors_at(ctx, p))
                    elif c.lower_ == "by":
                        source.extend(self.actors_at(ctx, p))
                    elif c.lower_ in cand.entry.targets:
                        if self._is_place(ctx, p):
                            continue
                        target.extend(self._inside(ctx, p))
        if left_actors:
            if cand.entry.symmetric or not source:
                source = left_actors + source if cand.entry.symmetric else left_actors
            else:
                target = left_actors + target
        if not source and not left_actors and n.dep_ == "dobj" and n.head.lemma_.lower() in self.lex.stance_verbs:
            # "Moscow does not rule out cooperation with Pyongyang": the subject's own act
            subj, passive = self._subject(n.head)
            if not passive:
                source = [a for s in subj for a in self.actors_at(ctx, s)]
        cand.source = _dedupe(source)
        cand.target = [a for a in _dedupe(target) if a not in cand.source]

    # --------------------------------------------------------------- triggers
    def _match_verb(self, v: Token) -> Candidate | None:
        lemma = v.lemma_.lower()
        entries = self.lex.verbs.get(lemma, ())
        objs = [self._antecedent(c) for c in v.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        if not objs and v.dep_ == "relcl" and v.head.pos_ == "NOUN" and any(c.dep_ == "nsubj" for c in v.children):
            objs = [v.head]  # "the controls it announced": the antecedent is the object
        if not objs and any(e.ergative for e in entries):
            # "trains resumed", "flights restarted": the theme is the subject
            objs = [c for c in v.children if c.dep_ == "nsubj"]
        objs = [self._through_measure(o) for o in objs]
        obj_lemmas = {c.lemma_.lower() for c in objs}
        # "launched a mediation effort on Saturday": a time is no prepositional argument
        preps = {c.lower_ for c in v.children if c.dep_ in ("prep", "agent") and not _temporal(c)}
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
                for c in v.children if c.dep_ == "prep" and c.lower_ in e.preps
                for p in c.children if p.dep_ == "pobj"
            ):
                continue
            if e.particle and e.particle != particle:
                continue
            toks = [v]
            if e.objects:
                toks += [c for c in objs if c.lemma_.lower() in e.objects][:1]
            if e.particle:
                toks += [c for c in v.children if c.dep_ == "prt"][:1]
            noun = toks[1] if e.objects and len(toks) > 1 else None
            return Candidate(entry=e, head=v, tokens=toks, noun=noun)
        if lemma in self.lex.light_verbs and not phrasal:
            for o in objs:
                noun = self._through_container(o)
                ne = self._noun_entry(noun)
                if ne is not None and lemma in self.lex.participation_verbs and ne.type != "CONSULT":
                    continue  # "attended the parade": the parade is the host's, attending is a visit
                if ne is not None:
                    return Candidate(entry=ne, head=v, tokens=[v, noun], noun=noun, light=True)
        for e in entries:
            if not e.specific and not phrasal and (objs or not e.transitive) and not (e.not_objects & obj_lemmas):
                return Candidate(entry=e, head=v, tokens=[v])
        return None

    def _continuity(self, tok: Token) -> Candidate | None:
        """ "Xi told Kim China's policy towards the DPRK will not change": an assurance
        (the lexicon's `continuity` entry) coded on the speech verb."""
        lex = self.lex
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

    def _antecedent(self, tok: Token) -> Token:
        """ "the alliance that X signed": the relative pronoun stands for "alliance"."""
        if tok.tag_ in ("WDT", "WP") or tok.lower_ == "that":
            clause = tok.head
            if clause.dep_ == "relcl" and clause.head.pos_ in ("NOUN", "PROPN"):
                return clause.head
        return tok

    def _through_measure(self, n: Token) -> Token:
        """ "12 million tonnes of soybeans" -> "soybeans"; other nouns unchanged."""
        if n.lemma_.lower() in MEASURE_NOUNS or n.pos_ == "NUM":
            for c in n.children:
                if c.dep_ == "prep" and c.lower_ in ("of", "in"):  # "$2bn in military aid"
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return p
        return n

    def _through_container(self, n: Token) -> Token:
        """ "a package of sanctions" -> "sanctions"; other nouns unchanged."""
        if n.lemma_.lower() in self.lex.containers:
            for c in n.children:
                if c.dep_ == "prep" and c.lower_ == "of":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            return p
        return n

    def _noun_entry(self, n: Token) -> Entry | None:
        entries = self.lex.nouns.get(n.lemma_.lower()) or self.lex.nouns.get(n.lower_)
        if not entries:
            return None
        mods = {c.lemma_.lower() for c in n.children if c.dep_ in ("compound", "amod", "nmod")}
        for e in entries:
            if e.modifiers and not (e.modifiers & mods):
                continue
            return e
        return None

    def candidates(self, sent: Span) -> list[Candidate]:
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

                cand = self._match_verb(tok)
                if cand is not None:
                    out.append(cand)
                    consumed.update(t.i for t in cand.tokens)
        for tok in sent:
            cont = self._continuity(tok)
            if cont is not None:
                out.append(cont)
        for tok in sent:
            if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            ne = self._noun_entry(tok)
            if ne is not None and (not (tok.pos_ == "PROPN" and tok.ent_type_) or self._year_of(tok) is not None):
                out.append(Candidate(entry=ne, head=tok, tokens=[tok], nominal=True))
        out.sort(key=lambda c: c.head.i)
        return out

    # ---------------------------------------------------------------- events
    def extract(self, ctx: DocContext) -> list[Event]:
        """All events of the document (the headline excepted: the body reports its events)."""
        events: list[Event] = []
        text = doc_text(ctx.doc)  # Doc.text re-joins every token on each access
        headings = _headings(text)
        self.mem = Memory()
        breaks = paragraph_starts(text)
        for sent in ctx.doc.sents:
            self.mem.paragraph = bisect_right(breaks, sent.start_char)
            for h_start, h_end in headings:
                if h_start <= sent.start_char < h_end:  # the parser glued a heading to the lead
                    first = next((t.i for t in sent if t.idx >= h_end and not t.is_space), sent.end)
                    sent = ctx.doc[first : sent.end]
            if len(sent):
                found = self._sentence(ctx, sent)
                events.extend(found)
                self._remember(ctx, sent, found)
                self.mem.sentence += 1
        return events

    def _remember(self, ctx: DocContext, sent: Span, events: list[Event]) -> None:
        """Record the groups a sentence names: coordinations, joint events, plural references."""
        for tok in sent:
            if tok.dep_ == "conj" or not tok.conjuncts:
                continue
            named = [a for t in (tok, *tok.conjuncts) if (a := self._actor_of_token(ctx, t))]
            if len(named) >= 2:
                self.mem.add(named)
        for e in events:
            if e.type == "ACCUSE" and e.source:
                self.mem.accuser = list(e.source)
            if e.attribution:
                self.mem.reporter = [e.attribution]
            if e.location is not None and e.location.country:
                self.mem.place = e.location.country
            pair = state_pair(ctx, e)
            if pair is not None:
                self.mem.dyad = (*pair, self.mem.paragraph)
            if e.type in JOINT_TYPES and e.source and e.target:
                self.mem.add([*e.source, *e.target])
                if e.type == "CONSULT" and e.modality in ("asserted", "future"):
                    self.mem.meeting = [*e.source[:1], *e.target[:1]]
                    if e.date.granularity != "unknown":
                        # the story's lead meeting of a pair dates what was (not) agreed at it
                        self.mem.meeting_dates.setdefault(frozenset(self.mem.meeting), e.date)
                        states = frozenset(actor_states(ctx, self.mem.meeting))
                        if len(states) == 2 and e.date.basis in ("explicit", "context"):
                            self.mem.state_meetings.setdefault(states, e.date)
        for tok in sent:
            size = self._group_ref(tok)
            if size > 0:
                group = self.mem.resolve(size)
                if group:
                    self.mem.add(group)

    def _sentence(self, ctx: DocContext, sent: Span) -> list[Event]:
        cands = self.candidates(sent)
        for c in cands:
            if c.nominal:
                self._noun_args(ctx, c)
            elif c.entry is self.lex.continuity:
                self._continuity_args(ctx, c)
            else:
                self._verb_args(ctx, c)
        self._inherit_targets(ctx, cands)
        self._joint_from_context(ctx, sent, cands)
        self._answer_targets(ctx, cands)
        pledged = self._merge_commissives(cands)
        cands = self._drop_contents(cands)
        out: list[Event] = []
        for c in cands:
            if c.nominal and c.entry.type == "AGREE" and not c.source:
                self._dated_agreement(ctx, c)
            if c.nominal and not c.source and not c.target and c.entry.hosted:
                if not self._host(ctx, c, cands):
                    continue
            if c.nominal and not c.source and not (c.target and c.entry.type in self.lex.target_only_nouns):
                continue  # a bare "the talks" says nothing about who
            if not c.source and not c.target:
                continue
            if c.entry.type in SPEECH_ACT_TYPES and c.source and all(self._commentator(ctx, a) for a in c.source):
                continue  # "analysts warned that the truce could collapse": an assessment, not a threat
            if (c.entry.symmetric or c.entry.type in JOINT_TYPES) and len(c.source) > 1 and not c.target:
                # "X and Y met": first-named as source, the others as target
                c.source, c.target = c.source[:1], c.source[1:]
            if not c.target:
                self._target_from_place(ctx, c)
            if not c.target:
                self._target_from_scene(ctx, c)
            if not c.target and c.source and c.entry.type in self.lex.dyad_target_types:
                self._target_from_dyad(ctx, c)
            if not c.target and c.entry.type in self.lex.require_target:
                continue
            if c.entry.joint_only and len(c.source) + len(c.target) < 2:
                continue  # "he talked about trade" is no meeting
            event = self._event(ctx, sent, c, asserted=c.head.i in pledged)
            if self._told_before(ctx, c, event):
                continue
            out.append(event)
        return out

    @staticmethod
    def _drop_contents(cands: list[Candidate]) -> list[Candidate]:
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

    def _told_before(self, ctx: DocContext, c: Candidate, event: Event) -> bool:
        """ "the strongest treaty the two countries had ever signed" after the signing was
        told: the same kind of act on the same thing between the same actors, with no
        date of its own, is the event already coded."""
        noun = (c.noun or c.head).lemma_.lower() if (c.noun is not None or c.nominal) else c.head.lemma_.lower()
        if c.entry.type == "CONSULT" and c.entry.mode:
            noun = c.entry.mode  # "the summit" after "held talks", "his trip" after "a visit"
        def country(a: str) -> str:
            actor = ctx.actors.get(a)
            return (actor.country or actor.code or a) if actor is not None else a

        parties = frozenset(country(a) for a in [*event.source, *event.target])
        if event.mode == "visit":  # who visits whom matters: "Trump will visit China", "Xi will come to the US"
            parties = frozenset({"src:" + "+".join(sorted(country(a) for a in event.source)), *parties})
        key: tuple[str, frozenset[str], frozenset[str], str, str] = (event.type, parties, frozenset(), noun, event.modality)
        seen = any(k[0] == key[0] and k[1] == key[1] and k[3] == key[3] and k[4] == key[4] for k in self.mem.told)
        self.mem.told.append(key)
        return seen and event.date.basis != "explicit"

    def _answer_targets(self, ctx: DocContext, cands: list[Candidate]) -> None:
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
                for o in objs:
                    if self.actors_at(ctx, o):
                        continue
                    lemma = o.lemma_.lower()
                    author = self.mem.accuser if lemma in ACCUSATION_NOUNS else self.mem.reporter if lemma in REPORT_NOUNS else []
                    c.target = [a for a in author if a not in c.source]
            if c.entry.type in ADDRESSEE_TYPES and c.head.dep_ == "conj" and not any(self.actors_at(ctx, o) for o in objs):
                for o in c.head.head.children:
                    if o.dep_ in ("dobj", "dative"):
                        addressee = [a for a in self.actors_at(ctx, o) if a not in c.source]
                        if addressee:
                            c.target = addressee

    def _joint_from_context(self, ctx: DocContext, sent: Span, cands: list[Candidate]) -> None:
        """ "No agreements were signed.": a joint act told without any actor in its
        sentence is between the pair the story is about (the latest pair named)."""
        if ctx.mentions_in(sent.start_char, sent.end_char):
            return
        for c in cands:
            if c.source or c.target or c.entry.type not in JOINT_TYPES:
                continue
            if c.nominal and not any(m.lemma_.lower() in JOINT_MODIFIERS for m in c.head.children):
                continue  # "The talks lasted two hours" repeats a meeting already told
            if not c.nominal:
                subj, passive = self._subject(c.head)
                if (subj and not passive) or any(ch.dep_ == "agent" for ch in c.head.children):
                    continue  # "Leaders of 26 countries attended": someone else, unnamed
            pair = self.mem.meeting
            if pair:
                c.source, c.target = pair[:1], pair[1:]
                own = list(c.head.subtree)
                met = self.mem.meeting_dates.get(frozenset(pair))
                if met is not None and not self._own_times(ctx, own[0].idx, own[-1].idx + len(own[-1])):
                    c.date = met  # what was (not) signed at the meeting, when it met

    def _merge_commissives(self, cands: list[Candidate]) -> set[int]:
        """ "vowed to support X": one SUPPORT, expressed now; the vow itself is dropped.

        Returns the head indices of events whose modality is the commitment's
        (asserted), not the future of the embedded clause.
        """
        pledged: set[int] = set()
        for d in cands:
            # "Kim said North Korea would support China": saying so is the support
            if not d.nominal and d.entry.type in self.lex.verbal_types and d.head.dep_ in ("ccomp", "xcomp"):
                gov = d.head.head.lemma_.lower()
                if gov in self.cues.speech_verbs or gov in self.lex.commissive:
                    pledged.add(d.head.i)
        for c in list(cands):
            if c.nominal or c.head.lemma_.lower() not in self.lex.commissive:
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

    def _host(self, ctx: DocContext, c: Candidate, cands: list[Candidate]) -> bool:
        """ "the parade in Pyongyang" -> PRK holds it; without a place of its own, the
        place of the sentence's other events, else the story's latest place."""
        lemma = c.head.lemma_.lower()
        definite = any(t.dep_ in ("det", "poss") and t.lower_ != "a" for t in c.head.children)
        sub = list(c.head.subtree)
        own_time = self._own_times(ctx, sub[0].idx, sub[-1].idx + len(sub[-1]))
        if definite and lemma in self.mem.hosted and not own_time and self._location(ctx, c) is None:
            return False  # "Leaders attended the parade": the parade already told
        country = None
        for d in [c, *sorted((x for x in cands if x is not c), key=lambda x: abs(x.head.i - c.head.i))]:
            loc = self._location(ctx, d)
            if loc is not None and loc.country:
                country = loc.country
                break
        country = country or self.mem.place
        state = self._state(ctx, country) if country else None
        if state is None:
            return False
        c.source = [state]
        self.mem.hosted.add(lemma)
        return True

    def _target_from_place(self, ctx: DocContext, c: Candidate) -> None:
        """A visit to a capital targets its state: "travelled to Pyongyang" -> PRK;
        so does attending something abroad ("attended the parade in Pyongyang")."""
        if c.entry.type not in ("CONSULT", "COOPERATE") or c.entry.type == "COOPERATE" and c.entry.mode not in ROUTE_MODES:
            return
        if c.nominal and c.entry.mode not in ROUTE_MODES:
            return
        loc = self._location(ctx, c)
        if loc is None or not loc.country:
            return
        own = {getattr(ctx.actors.get(a), "country", None) for a in c.source}
        if loc.country in own:
            return
        if c.entry.mode not in ROUTE_MODES and c.source and all(
                getattr(ctx.actors.get(a), "kind", None) == "organization" for a in c.source):
            return  # "the bloc's summit in Kuala Lumpur" is held there, not directed at Malaysia
        state = self._state(ctx, loc.country)
        if state is not None:
            c.target = [state]

    def _target_from_scene(self, ctx: DocContext, c: Candidate) -> None:
        """Force used or eased somewhere falls on that place's state: "imposed a curfew in
        Abidjan" -> CIV, "bombed a market in Kabul" -> AFG, "lifted the curfew in Montenegro"."""
        if c.entry.type not in SCENE_TARGET_TYPES:
            return
        # ... or on what it was done to: "imposed a curfew in Mombasa"
        objects = [] if c.nominal else [o for o in c.head.children if o.dep_ in ("dobj", "nsubjpass")]
        loc = self._location(ctx, c, extra=objects)
        state = self._state(ctx, loc.country) if loc is not None and loc.country else None
        if state is not None:
            c.target = [state]

    @staticmethod
    def _definite(noun: Token) -> bool:
        """ "the summit", "their talks", "Xi's visit": a reference to an event already known."""
        return any(ch.dep_ == "poss" or (ch.dep_ == "det" and ch.lower_ in ("the", "this", "that"))
                   for ch in noun.children)

    def _target_from_dyad(self, ctx: DocContext, c: Candidate) -> None:
        """ "China restored the rail links", "Beijing would suspend the controls": an act
        told with its source only is aimed at the other state of the story's current
        pair (the latest event with a source and a target, in this or the previous
        paragraph), when the source is one side of that pair."""
        dyad = self.mem.dyad
        if dyad is None or dyad[2] < self.mem.paragraph - 1:
            return
        own = actor_states(ctx, c.source)
        if len(own) != 1:
            return
        (a_id, a_c), (b_id, b_c), _ = dyad
        other = b_id if own == {a_c} else a_id if own == {b_c} else None
        if other is not None and other not in c.source:
            c.target = [other]

    @staticmethod
    def _year_of(noun: Token) -> int | None:
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

    def _dated_agreement(self, ctx: DocContext, c: Candidate) -> None:
        """ "a pact signed in 1961", "the 1961 treaty that binds the two countries": an
        agreement named by a past year was concluded that year, between the parties the
        phrase names ("with Pyongyang", "binds the two countries"), completed by the
        story's current pair of states."""
        y = self._year_of(c.head)
        if y is None or (ctx.published is not None and y >= ctx.published.year):
            return
        if c.head.dep_ == "dobj" and read_modality(c.head.head, self.cues, anchor=c.head.head).modality != "asserted":
            return  # "wants to restore a 2018 agreement": the sentence tells a pending act on it, not the signing
        parties = list(c.target)
        for rel in c.head.children:
            if rel.dep_ == "relcl":
                parties += [a for o in rel.children if o.dep_ == "dobj" for a in self.actors_at(ctx, o)]
        parties = _dedupe(parties)
        if not parties:
            # "Beijing remains Pyongyang's ally under a pact signed in 1961": the sentence's states
            sent = c.head.sent
            parties = _dedupe(m.actor for m in ctx.mentions_in(sent.start_char, sent.end_char))
            if len(actor_states(ctx, parties)) > 2:
                return
        if len(actor_states(ctx, parties)) == 1 and c.head.dep_ == "dobj":
            # "Seoul wants to restore a 2018 agreement with Pyongyang": who acts on it is the other party
            subj, passive = self._subject(c.head.head)
            parties += [] if passive else [a for t in subj for a in self.actors_at(ctx, t)]
        dyad = self.mem.dyad
        recent = dyad is not None and dyad[2] >= self.mem.paragraph - 1
        countries = actor_states(ctx, parties)
        if len(countries) == 1 and recent and dyad is not None:
            (a_id, a_c), (b_id, b_c), _ = dyad
            other = b_id if countries == {a_c} else a_id if countries == {b_c} else None
            parties = [other, *parties] if other is not None else parties
        elif not parties and recent and dyad is not None:
            parties = [dyad[0][0], dyad[1][0]]
        by_state: dict[str, str] = {}
        for a in parties:  # one actor per state: "Kim" and "Pyongyang" are one party
            for code in actor_states(ctx, [a]):
                by_state.setdefault(code, a)
        if len(by_state) != 2:
            return
        c.source, c.target = list(by_state.values())[:1], list(by_state.values())[1:]
        c.date = Date(value=str(y), granularity="year", start=f"{y}-01-01", end=f"{y}-12-31", basis="explicit")
        c.concluded = True

    def _inherit_targets(self, ctx: DocContext, cands: list[Candidate]) -> None:
        """ "vowed to support China" -> the vow's target is China; "demanded that Israel ease ..." -> Israel."""
        for c in cands:
            if c.nominal or c.target:
                continue
            for d in cands:
                if d is c or d.nominal:
                    continue
                if c.entry.type not in SPEECH_ACT_TYPES:
                    # "sent troops to support Russia": the purpose names the beneficiary
                    if d.head.dep_ in ("advcl", "xcomp") and d.head.head.i == c.head.i:
                        # "to fight for Moscow": on whose behalf
                        beneficiary = [a for p in self._preps(d.head, frozenset({"for"})) for a in self.actors_at(ctx, p)]
                        c.target = [a for a in (d.target or beneficiary) if a not in c.source]
                        if c.target:
                            break
                    continue
                if d.head.dep_ in ("xcomp", "ccomp") and d.head.head.i == c.head.i:
                    subj, passive = self._subject(d.head)
                    if c.entry.type in ADDRESSEE_TYPES and d.head.dep_ == "ccomp" and subj and not passive:
                        # "demanded that Israel ease ...": the addressee is the embedded subject
                        embedded = [a for s in subj for a in self.actors_at(ctx, s) if a not in c.source]
                        if embedded:
                            c.target = _dedupe(embedded)
                            break
                    c.target = [a for a in d.target if a not in c.source]
                    if c.target:
                        break

    def _event(self, ctx: DocContext, sent: Span, c: Candidate, asserted: bool = False) -> Event:
        e = c.entry
        anchor = c.head
        reading = read_modality(c.noun if c.light and c.noun is not None else c.head, self.cues, anchor=None if c.nominal else c.head)
        if c.concluded:
            reading.modality = "asserted"  # "the 1961 treaty" was signed, whatever is said of it now
        if asserted and reading.modality == "future":
            reading.modality = "asserted"
        if e.planned and reading.modality == "asserted":
            reading.modality = "future"  # "budgeted aid for Ukraine": the aid is planned
        toks = sorted(c.tokens, key=lambda t: t.i)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        date = c.date if c.date is not None else self._date(ctx, c, anchor)
        if e.type == "CONSULT" and c.nominal and date.basis in ("published", "unknown") and self._definite(anchor):
            # "the Kim-Xi summit poses a challenge": a meeting of a pair the story has
            # already dated is that meeting, not one held on the day of writing
            states = actor_states(ctx, [*c.source, *c.target])
            dates = {d.value: d for pair, d in self.mem.state_meetings.items() if states and states <= pair}
            if len(dates) == 1:  # one such meeting, not a guess
                date = dataclasses.replace(next(iter(dates.values())), basis="context")
        if date.granularity == "unknown" and reading.modality in ("asserted", "negated"):
            # an event told without a date belongs to the story's moment
            date = self._context_date(ctx, sent.start_char)
        trigger = " ".join(t.text for t in toks)
        doc_id = ctx.document.id
        return Event(
            id=stable_id("ev", doc_id, start, end, e.type),
            type=e.type,
            mode=e.mode,
            source=list(c.source),
            target=list(c.target),
            date=date,
            location=self._location(ctx, c),
            modality=reading.modality,
            attribution=self._attribution(ctx, reading, sent),
            quad_class=e.quad_class,
            intensity=e.intensity,
            confidence=self._confidence(c, reading),
            mentions=[Mention(doc_id, sent.start_char, sent.end_char, sent.text)],
            trigger=trigger,
        )

    def _confidence(self, c: Candidate, reading: Reading) -> float:
        score = 0.6 if c.nominal else 0.75
        if c.source and c.target:
            score += 0.1
        if not c.source:
            score -= 0.2
        if reading.hedged:
            score *= 0.8
        return round(max(0.05, min(score, 0.95)), 2)

    def _attribution(self, ctx: DocContext, reading: Reading, sent: Span) -> str | None:
        according = reading.according_to
        if according is None:  # "according to X" elsewhere in the sentence
            for tok in sent:
                if tok.lower_ == "according" and tok.i + 1 < sent.end and tok.nbor().lower_ == "to":
                    according = next((p for p in tok.nbor().children if p.dep_ == "pobj"), None)
                    break
        if according is not None:
            found = self.actors_at(ctx, according)
            if found:
                return found[0]
        if reading.speech_verb is not None:
            for c in reading.speech_verb.children:
                if c.dep_ in SUBJ:
                    found = self.actors_at(ctx, c)
                    if found:
                        return found[0]
        return None

    def _date(self, ctx: DocContext, c: Candidate, anchor: Token) -> Date:
        if _date_for is None:
            return Date.unknown()
        span_tok = anchor
        if c.nominal:
            sub = [t for t in anchor.subtree if not self._in_since(t, anchor)]
            if not ctx.times_in(sub[0].idx, sub[-1].idx + len(sub[-1])) or not any(
                    ctx.times_in(t.idx, t.idx + len(t)) for t in sub):
                span_tok = anchor.head
                while span_tok.pos_ not in ("VERB", "AUX") and span_tok.head.i != span_tok.i:
                    span_tok = span_tok.head
        left, right = span_tok.left_edge, span_tok.right_edge
        if c.nominal:
            since = next((t for t in anchor.children if t.lower_ == "since" and t.i > anchor.i), None)
            after = since.right_edge if since is not None else None
            if since is not None and after is not None and since.i > left.i and not self._own_times(
                    ctx, after.idx + len(after), right.idx + len(right)):
                right = ctx.doc[since.i - 1]  # "his first trip since 2019" is not dated 2019
        if span_tok.dep_ == "relcl" and ctx.times_in(span_tok.head.idx, span_tok.head.idx + len(span_tok.head)):
            left = span_tok.head  # "last September, when Kim travelled to Beijing"
        elif not self._own_times(ctx, left.idx, right.idx + len(right)):
            top = span_tok
            while top.dep_ == "conj" and top.head.pos_ in ("VERB", "AUX"):
                top = top.head  # "who held talks ... and was received by Kim"
            gov = self._time_governor(top)
            if gov is not None and self._own_times(ctx, gov.left_edge.idx, left.idx):
                # "began last September, when Kim travelled", "a visit in April by
                # Wang Yi, who held talks": the clause shares its governor's time
                left, right = gov.left_edge, ctx.doc[left.i - 1] if left.i > gov.left_edge.i else gov
            elif gov is not None and top.dep_ == "advcl" and self._own_times(ctx, top.right_edge.idx, gov.right_edge.idx + len(gov.right_edge)):
                # "When he last visited North Korea, in June 2019, Beijing still called ...":
                # the time told after the when-clause is the governor's, and so the clause's
                left, right = gov.left_edge, gov.right_edge
        if not self._own_times(ctx, left.idx, right.idx + len(right)):
            shifted = self._relative_to_governor(ctx, span_tok)
            if shifted is not None:
                return shifted
        try:
            date = _date_for(ctx, left.idx, right.idx + len(right))
        except Exception:  # noqa: BLE001 - a timex bug must not lose the event
            return Date.unknown()
        return date if isinstance(date, Date) else Date.unknown()

    def _relative_to_governor(self, ctx: DocContext, tok: Token) -> Date | None:
        """ "The talks came a day after Kim stood at a military parade": the clause under
        "N days after/before" is dated from its governor's date (its own time, else the
        story's anchor), shifted by the distance."""
        for anc in [tok, *tok.ancestors]:
            marker = next((c for c in anc.children if c.dep_ == "mark" and c.lower_ in ("after", "before")), None) \
                if anc.dep_ in ("advcl", "relcl") else (anc if anc.dep_ == "prep" and anc.lower_ in ("after", "before") else None)
            if marker is None:
                continue
            gov = anc.head
            distance = [*gov.children, *marker.children]
            if gov.dep_ == "npadvmod":  # "came [a day [after Kim stood ...]]": the parser hung the clause on "day"
                distance, gov = [gov], gov.head
            amount = next((self._distance(c) for c in distance if c.dep_ == "npadvmod"), None)
            if amount is None:
                return None
            clause = list(anc.subtree)
            left = gov.left_edge
            end = clause[0].idx if clause[0].i > left.i else gov.idx + len(gov)
            if self._own_times(ctx, left.idx, end) and _date_for is not None:
                try:
                    base = _date_for(ctx, left.idx, end)
                except Exception:  # noqa: BLE001
                    return None
            else:
                base = self._context_date(ctx, tok.sent.start_char)
            if not isinstance(base, Date) or base.granularity != "day" or not base.start or "/" in base.value:
                return None
            sign = -1 if marker.lower_ == "after" else 1
            day = (_Day.fromisoformat(base.start) + timedelta(days=sign * amount)).isoformat()
            return Date(value=day, granularity="day", start=day, end=day, basis="context")
        return None

    @staticmethod
    def _distance(tok: Token) -> int | None:
        """Days in "a day", "two days", "a week" (None for other nouns)."""
        unit = {"day": 1, "week": 7}.get(tok.lemma_.lower())
        if unit is None:
            return None
        n = 1
        for c in tok.children:
            if c.dep_ == "nummod":
                n = NUMBER_WORDS.get(c.lower_, 0) or (int(c.text) if c.text.isdigit() else 0)
        return n * unit if n else None

    @staticmethod
    def _in_since(tok: Token, noun: Token) -> bool:
        """ "his first trip to Pyongyang since 2019": a "since" phrase on the noun bounds
        the interval the event is first in; it does not date the event."""
        for anc in [tok, *tok.ancestors]:
            if anc.i == noun.i:
                return False
            if anc.lower_ == "since" and anc.head.i == noun.i:
                return True
        return False

    @staticmethod
    def _own_times(ctx: DocContext, start: int, end: int) -> bool:
        """True when [start, end) holds a temporal expression that can date an event."""
        return any(
            t.value and getattr(t, "type", "DATE") in ("DATE", "TIME") and not t.value.endswith("_REF")
            for t in ctx.times_in(start, end)
        )

    @staticmethod
    def _time_governor(clause: Token) -> Token | None:
        """The phrase whose time a dateless clause shares: the head of a "when" clause,
        the noun phrase a relative clause hangs from (up to its top noun)."""
        if clause.dep_ in ("advcl", "relcl") and any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children):
            return clause.head
        if clause.dep_ == "relcl":
            np = clause.head
            while np.dep_ in ("pobj", "appos", "conj", "compound") or (np.dep_ == "prep" and np.head.pos_ in ("NOUN", "PROPN")):
                if np.head.i == np.i:
                    break
                np = np.head
            return np if np.pos_ in ("NOUN", "PROPN") else None
        return None

    def _context_date(self, ctx: DocContext, before: int) -> Date:
        """The article's narrative anchor: the last day-level date before ``before``, else the publication day."""
        for t in reversed(ctx.times):
            if t.end <= before and t.granularity == "day" and t.value and getattr(t, "type", "DATE") == "DATE":
                start = t.range_start or t.value[:10]
                return Date(value=t.value, granularity="day", start=start, end=t.range_end or start, basis="context")
        if ctx.published is not None:
            d = ctx.published.isoformat()
            return Date(value=d, granularity="day", start=d, end=d, basis="published")
        return Date.unknown()

    def _location(self, ctx: DocContext, c: Candidate, extra: Iterable[Token] = ()) -> Location | None:
        """Where the event took place: a place phrase on its trigger, its noun (or ``extra`` tokens)."""
        if c.entry.mode == "visit" and not c.nominal:
            # "Choe visited Beijing": the object of a visit is where it went
            for child in c.head.children:
                if child.dep_ == "dobj" and child.ent_type_ in PLACE_ENTS and self._actor_of_token(ctx, child) is None:
                    return self._place(ctx, child)
        holders = [c.head] + ([c.noun] if c.noun is not None else []) + list(extra)
        if c.nominal and c.head.dep_ in ("nsubj", "nsubjpass"):
            holders.append(c.head.head)  # "the summit took place in Beijing"
        for h in holders:
            for child in h.children:
                if child.dep_ != "prep":
                    continue
                prep = child.lower_
                if prep not in PLACE_PREPS and not (prep == "to" and c.entry.mode in ROUTE_MODES):
                    continue
                for p in child.children:
                    if p.dep_ == "pobj" and p.ent_type_ in PLACE_ENTS and (prep != "at" or self._is_place(ctx, p)):
                        return self._place(ctx, p)
        return None

    def _place(self, ctx: DocContext, tok: Token) -> Location:
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        span = ent if ent is not None else tok.doc[tok.i : tok.i + 1]
        if _location_at is not None:  # the actor stage knows capitals and places
            known = _location_at(ctx, span.start_char, span.end_char)
            if known:
                return known[0]
        name = span.text
        if name.lower().startswith("the "):
            name = name[4:]
        country, kind = None, None
        m = ctx.mention_for(span)
        if m is not None:
            actor = ctx.actors.get(m.actor)
            if actor is not None:
                country = actor.country or actor.code
                kind = "state" if actor.kind == "state" else None
        elif ent is not None and ent.label_ == "GPE" and _city_country is not None:
            country = _city_country(name)  # "in Hebron", "to Vladivostok"
            kind = "place" if country else None
        return Location(name=name, country=country, kind=kind)

    def _state(self, ctx: DocContext, code: str) -> str | None:
        """The id of the state actor with ISO3 ``code``, added to ``ctx.actors`` if needed."""
        for aid, a in ctx.actors.items():
            if a.kind == "state" and a.code == code:
                return aid
        if self.state_lookup is None:
            return None
        actor = self.state_lookup(code)
        if actor is None:
            return None
        ctx.actors.setdefault(actor.id, actor)
        return actor.id


def actor_states(ctx: DocContext, ids: Iterable[str]) -> set[str]:
    """The states the actors belong to (a state's own code, a person's or body's country)."""
    out: set[str] = set()
    for a in ids:
        actor = ctx.actors.get(a)
        code = (actor.country or (actor.code if actor.kind == "state" else None)) if actor is not None else None
        if code:
            out.add(code)
    return out


def state_pair(ctx: DocContext, e: Event) -> tuple[tuple[str, str], tuple[str, str]] | None:
    """((source actor, its state), (target actor, its state)) of an event with one state on each
    side, two different ones: a candidate for the story's current pair of states."""
    if not (e.source and e.target):
        return None
    src, tgt = actor_states(ctx, e.source), actor_states(ctx, e.target)
    if len(src) == 1 and len(tgt) == 1 and src != tgt:
        return (e.source[0], next(iter(src))), (e.target[0], next(iter(tgt)))
    return None


def paragraph_starts(text: str) -> list[int]:
    """Offsets where a paragraph (a line after a line break) begins; ``bisect_right`` numbers them."""
    return [i for i in range(1, len(text)) if text[i - 1] == "\n" and not text[i].isspace()]


def _temporal(prep: Token) -> bool:
    """A prepositional phrase that only says when: "on Saturday", "in March"."""
    objects = [p for p in prep.children if p.dep_ == "pobj"]
    return bool(objects) and all(p.ent_type_ in ("DATE", "TIME") for p in objects)


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


def _dedupe(items: Iterable[str]) -> list[str]:
    out: list[str] = []
    for x in items:
        if x not in out:
            out.append(x)
    return out
