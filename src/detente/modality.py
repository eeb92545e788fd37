"""Modality of an event, a figure or a stance: one walk up the parse for every stage.

From a word we walk up the dependency parse — through complements,
coordination, adverbial clauses and the verbs that govern event nouns — and
collect cues (modal auxiliaries, negation, conditional ``if``, governing words
such as "refuse", "plan", "urge", "possibility").  The walk stops at a speech
verb ("said", "reported"): what follows is reported content, whose subject is
the *attribution*, not a hedge.  Among the cues found, the strongest wins (the
order is the stage's ``priority``; by default hypothetical > prescriptive >
negated > future); no cue means asserted.

The walk knows no word: each stage passes its own :class:`Cues`, read from its
data file by :func:`load_cues` (events: ``data/events/modality.yaml``;
quantities: the ``modality:`` section of ``data/quantities.yaml``; positions:
the ``cues:`` of ``data/issues.yaml``, see :func:`detente.positions.reading.modality_cues`).  Speech verbs extend the base class of
``data/linguistics.yaml``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from .datafiles import build, read_yaml
from .linguistics import according_to_child, base_words

# strongest first: a hypothetical negation is still hypothetical, a negated
# intention is negated, not future (the events stage's order, the default)
PRIORITY: tuple[str, ...] = ("hypothetical", "prescriptive", "negated", "future")

# dependency links the walk climbs; relative clauses and appositions are not
# climbed (they assert on their own)
_CLIMB = frozenset({
    "xcomp", "ccomp", "conj", "advcl", "pcomp", "dobj", "pobj", "prep", "nsubj",
    "nsubjpass", "attr", "oprd", "compound", "amod", "acomp", "dative", "agent", "poss",
})
# links through which a governing word's cue reaches the governed event
_GOVERNED = frozenset({"xcomp", "ccomp", "dobj", "pobj", "pcomp", "prep", "acl", "nsubjpass", "attr"})
_FINITE = frozenset({"VBD", "VBZ", "VBP"})
_MAX_DEPTH = 8


@dataclass(slots=True)
class Cues:
    """One stage's modality cue lists (each key documented in data/events/modality.yaml).

    ``priority`` orders the modalities strongest first; ``negation`` is what a
    ``not`` on the path gives (empty for a stage that reads negation itself, as
    the positions stage does: a negated stance is the opposite stance).
    ``clause_bound``: the walk climbs every link but stops at the top of the
    word's own clause, for a word that is no event but a figure or a stance
    inside one ("the 28,500 troops stationed there" does not become
    hypothetical because a clause above it says "might"); an "if" above that
    clause still counts (the condition's scope).  ``consequent``: a verb
    carrying an "if" clause is the consequent of a condition ("if X, Y would");
    off for a stage whose parser attaches "ask them if they can" the same way."""

    aux: dict[str, str] = field(default_factory=dict)  # "will", "could", "should"
    governors: dict[str, str] = field(default_factory=dict)  # "refuse", "plan", "possibility"
    adverbs: dict[str, str] = field(default_factory=dict)  # "never", "perhaps"
    determiners: dict[str, str] = field(default_factory=dict)  # "no agreement"
    conditional_marks: frozenset[str] = frozenset()  # "if", "unless"
    hedges: frozenset[str] = frozenset()  # "reportedly": lower the confidence only
    speech_verbs: frozenset[str] = frozenset()  # where the walk stops: reported content
    reported_would: str = "future"
    adjunct_preps: frozenset[str] = frozenset()  # "during the visit": the visit is presupposed
    modifiers: dict[str, str] = field(default_factory=dict)  # "the next round of talks"
    when_negated: dict[str, str] = field(default_factory=dict)  # "does not rule out talks"
    evaluatives: dict[str, str] = field(default_factory=dict)  # "is crucial for X to do Y"
    purpose_governors: frozenset[str] = frozenset()  # "tariffs are aimed at ...": the subject is the means
    enacting_governors: frozenset[str] = frozenset()  # "ordered the arrest of X": the order is the act
    subjunctive: str = ""  # modality of a bare verb with a subject ("demanding they be reversed")
    priority: tuple[str, ...] = PRIORITY
    negation: str = "negated"
    clause_bound: bool = False  # read only up to the top of the word's own clause (see _clause_top)
    consequent: bool = True  # an "if" clause on a verb of the path makes it hypothetical


# verbs linking a subject to what is said of it: "talks remain a possibility", "a deal seems unlikely"
COPULAS = base_words().copulas


def load_cues(name: str, extra: dict[str, Any] | None = None, section: str | None = None,
              skip: tuple[str, ...] = ()) -> Cues:
    """A stage's cue lists from data file ``name`` (or its ``section``), updated with ``extra``;
    the keys in ``skip`` are other readers' sections of the same file.

    ``extra`` has the same layout: a mapping updates the shipped mapping, a list
    extends the shipped list.  ``speech_verbs`` extends the base speech verbs of
    ``data/linguistics.yaml``.
    """
    data, source = read_yaml(name)
    if section is not None:
        data, source = dict(data.get(section) or {}), f"{source} ({section})"
    for key in skip:
        data.pop(key, None)
    for key, value in (extra or {}).items():
        if isinstance(value, dict):
            data.setdefault(key, {}).update(value)
        elif isinstance(value, list):
            data[key] = list(data.get(key, [])) + value
    return build(Cues, data, source, extends={"speech_verbs": base_words().speech_verbs})


@dataclass(slots=True)
class Reading:
    """What the walk found: modality, the cue words, hedging and the report frame."""

    modality: str = "asserted"
    cues: list[str] = field(default_factory=list)
    hedged: bool = False
    speech_verb: Token | None = None  # the verb of the report frame, if any
    according_to: Token | None = None  # the object of "according to", if any


def _local_cues(tok: Token, cues: Cues, reported: bool, found: list[tuple[str, str]], own: bool = False,
                conditional_content: bool = False) -> None:
    """Cues attached directly to ``tok``: auxiliaries, negation, adverbs, marks, determiners.

    ``conditional_content``: an "if" clause on the event's own verb is what the act
    says, not a condition on it ("warned of consequences if it went ahead" is a
    warning given)."""
    if cues.subjunctive and _subjunctive(tok):
        found.append((cues.subjunctive, tok.text))
    if own and tok.i + 1 < len(tok.doc):
        nxt = tok.nbor(1)
        if nxt.tag_ == "JJ" and nxt.lemma_.lower() in cues.evaluatives and nxt.head.pos_ == "PROPN":
            # "US support crucial Aurangzeb, speaking ...": an evaluative adjective does not
            # modify a name; it is the predicate of a verbless headline fused with the text
            found.append((cues.evaluatives[nxt.lemma_.lower()], nxt.text))
    for child in tok.children:
        dep = child.dep_
        low = child.lower_
        if dep in ("aux", "auxpass"):
            mod = cues.aux.get(low) or cues.aux.get(child.lemma_.lower())
            if low == "would" and reported:
                mod = cues.reported_would
            if mod:
                found.append((mod, child.text))
        elif dep == "neg" and cues.negation:
            found.append((cues.negation, child.text))
        elif dep == "advmod" and low in cues.adverbs:
            if cues.adverbs[low] == "hypothetical" and _definite_noun(tok):
                continue  # "probably the Russian attack": the guess is which act, not whether it happened
            found.append((cues.adverbs[low], child.text))
        elif dep == "mark" and low in cues.conditional_marks:
            found.append(("hypothetical", child.text))
        elif dep == "advcl" and cues.consequent and not (own and conditional_content) and any(
                g.dep_ == "mark" and g.lower_ in cues.conditional_marks for g in child.children):
            # the main clause of a conditional ("if X, Y would ...") is the consequent
            found.append(("hypothetical", "if"))
        elif dep == "det" and low in cues.determiners and tok.pos_ in ("NOUN", "PROPN"):
            found.append((cues.determiners[low], child.text))
        elif dep in ("acomp", "attr", "oprd") and child.lemma_.lower() in cues.governors and tok.lemma_ in COPULAS:
            mod = cues.governors[child.lemma_.lower()]
            if mod == "hypothetical":  # "remains a possibility", "is unlikely"
                found.append((mod, child.text))
        elif dep in ("acomp", "attr") and child.lemma_.lower() in cues.evaluatives and tok.lemma_ in COPULAS and any(
                _infinitival(c) for c in tok.children if c.dep_ in ("advcl", "xcomp", "ccomp")):
            # "X's support is crucial for Y to negotiate": the support is a condition
            # of a purpose, not a report that it was given
            found.append((cues.evaluatives[child.lemma_.lower()], child.text))
        elif own and dep in ("nsubjpass", "dobj") and tok.pos_ in ("VERB", "AUX"):
            # "no agreements were concluded", "made no reference"
            for det in child.children:
                if det.dep_ == "det" and det.lower_ in cues.determiners:
                    found.append((cues.determiners[det.lower_], det.text))


_DASHES = frozenset({"—", "–", "--"})


def _dash_partner(tok: Token) -> Token | None:
    """The nearer twin of a conjunct set off by dashes, when the parser skipped it.

    In "after appeals for arming the bloc — and sending money to its ally — as ..."
    spaCy makes "sending" a conjunct of the main verb; a dash-set conjunct
    coordinates with the nearest preceding word of the same form ("arming")."""
    if tok.dep_ != "conj" or tok.i < 2:
        return None
    cc = tok.nbor(-1)
    if cc.dep_ != "cc" or cc.i < 1 or cc.nbor(-1).text not in _DASHES:
        return None
    for j in range(cc.i - 2, tok.head.i, -1):
        cand = tok.doc[j]
        if cand.tag_ == tok.tag_ and cand.pos_ != "PUNCT":
            return cand
    return None


def _infinitival(tok: Token) -> bool:
    """True when ``tok`` heads a to-infinitive ("for Islamabad to negotiate")."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)


def _subjunctive(tok: Token) -> bool:
    """True for a bare verb with a subject and no tense ("demanding they be reversed").

    A base form with its own subject but no modal, "do" or "to" is the mandative
    subjunctive: what someone wants done, not what was done.  (A fused headline
    such as "US support crucial ..." parses the same way and is no report either.)"""
    if tok.pos_ not in ("VERB", "AUX") or not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        return False
    auxes = [c for c in tok.children if c.dep_ in ("aux", "auxpass")]
    if any(a.dep_ == "aux" for a in auxes):
        return False
    if auxes:  # passive: "be reversed"
        return all(a.tag_ == "VB" for a in auxes)
    return tok.tag_ == "VB"


def _is_hedge(tok: Token, cues: Cues) -> bool:
    if tok.lemma_.lower() in cues.hedges:
        return True
    return any(c.dep_ == "advmod" and c.lower_ in cues.hedges for c in tok.children)


def read_modality(trigger: Token, cues: Cues, anchor: Token | None = None, conditional_content: bool = False) -> Reading:
    """The modality of the event whose trigger is ``trigger``.

    ``anchor`` is the verb carrying a light-verb event ("held" in "held
    talks"); cues are read from both.  ``conditional_content``: the event is a
    threat or warning, whose own "if" clause is its content, not its condition.
    """
    found: list[tuple[str, str]] = []
    reading = Reading()
    reported = _under_speech(trigger, cues)
    tokens = [trigger] if anchor is None or anchor.i == trigger.i else [trigger, anchor]
    for t in tokens:
        _local_cues(t, cues, reported, found, own=True, conditional_content=conditional_content)
    # "the next round of talks", "upcoming talks": the noun's own time modifier
    nouns = [trigger]
    if trigger.dep_ == "pobj" and trigger.head.lower_ == "of" and trigger.head.head.pos_ == "NOUN":
        nouns.append(trigger.head.head)
    for n in nouns:
        if n.pos_ in ("NOUN", "PROPN"):
            found.extend((cues.modifiers[c.lower_], c.text) for c in n.children if c.dep_ == "amod" and c.lower_ in cues.modifiers)
    tok = tokens[-1]
    collect = True  # False once the walk leaves the event's own clause
    judge = _judging_verb(trigger)
    # a clause-bound word that heads its own clause has no clause above it to read
    for _ in range(0 if cues.clause_bound and _clause_top(tok) else _MAX_DEPTH):
        if _is_hedge(tok, cues):
            reading.hedged = True
        acc = according_to_child(tok)
        if acc is not None and reading.according_to is None:
            reading.according_to = acc
        dep = tok.dep_
        head = tok.head
        partner = _dash_partner(tok)
        if partner is not None:
            # "appeals for arming the bloc — and sending money —": the parser hangs the
            # dashed conjunct on the main verb; it coordinates with its nearer twin
            tok = partner
            continue
        infinitival = dep == "acl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
        if head.i == tok.i or (dep not in _CLIMB and not infinitival and not cues.clause_bound):
            break  # "the alliance established in 2024" asserts on its own; "refusal to aid" does not
        hl = _gov_key(head, cues)
        if dep == "ccomp" and hl in cues.speech_verbs:
            reading.speech_verb = head
            acc = according_to_child(head)
            if acc is not None and reading.according_to is None:
                reading.according_to = acc
            # the frame's own negation ("did not say") still matters
            if cues.negation and any(c.dep_ == "neg" for c in head.children):
                found.append((cues.negation, "not"))
            break
        if dep == "pobj" and head.lower_ in cues.adjunct_preps:
            # "no agreements were concluded during Xi's visit": the visit is presupposed
            collect = False
        if dep == "pobj" and head.lower_ == "in" and head.head.pos_ in ("NOUN", "PROPN"):
            # "the absence of references to X in joint statements": the statements are
            # where something is missing, not what is missing
            collect = False
        if dep == "pcomp" and tok.tag_ in _FINITE:
            # "was not happy about what took place during the visit": a finite clause under a
            # preposition tells its own fact; the negation above is about the pleasing
            collect = False
        if dep in ("conj", "advcl") and _own_clause(tok):
            # "said it did not consider X and would continue Y", "when he visited,
            # Beijing called for ...": a finite clause carries its own modality
            collect = False
        # "have sworn to fight", "offered troops to help": an infinitive the parser hung as
        # an adverbial clause is still the governor's complement
        governed = dep in _GOVERNED or (dep == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to"
                                                                for c in tok.children))
        if dep == "dobj" and tok.pos_ == "NOUN" and hl in cues.enacting_governors:
            # "prosecutors ordered the arrest of X": an authority's order of a named act
            # is that act done (a warrant); "ordered troops to attack" stays prescribed
            governed = False
        if dep == "nsubjpass" and hl in cues.purpose_governors:
            # "the tariffs are aimed at cutting deaths": the aim is the cutting; the
            # tariffs are its means, there already (unlike "talks are planned")
            governed = False
        if judge is not None and head.i == judge.i:
            governed = False  # "consider the withdrawal a good step": the verb judges a known act
        if collect:
            if governed and hl in cues.when_negated and any(c.dep_ == "neg" for c in head.children):
                # "does not rule out cooperation": a negated negative governor leaves it open
                found.append((cues.when_negated[hl], head.text))
            elif governed and hl in cues.governors:
                found.append((cues.governors[hl], head.text))
            elif dep in ("pobj", "pcomp") and head.dep_ == "prep" and head.head.lemma_.lower() in cues.governors and head.lower_ in ("of", "for", "to", "that"):
                # "the possibility of talks", "calls for dialogue", "the risk of war"
                found.append((cues.governors[head.head.lemma_.lower()], head.head.text))
            if dep == "pobj" and head.lower_ in cues.governors:
                # "without talks", "instead of ..."
                found.append((cues.governors[head.lower_], head.text))
            _local_cues(head, cues, reported, found)
        if cues.clause_bound and _clause_top(head):
            break
        tok = head
    if cues.clause_bound:
        _in_condition(trigger, cues, found)
    if found:
        kinds = {k for k, _ in found}
        for k in cues.priority:
            if k in kinds:
                reading.modality = k
                break
        reading.cues = [w for _, w in found]
    if not reading.speech_verb:
        reading.speech_verb = _parataxis_speech(trigger, cues)
    return reading


_PREDICATE_LINKS = frozenset({"dobj", "ccomp", "oprd", "xcomp"})


def _definite_noun(tok: Token) -> bool:
    """A noun named as known: with "the", "this", "that" or a possessive ("the withdrawal", "Russia's attack")."""
    return tok.pos_ in ("NOUN", "PROPN") and any(
        c.dep_ == "poss" or (c.dep_ == "det" and c.lower_ in ("the", "this", "that")) for c in tok.children)


def _judging_verb(word: Token) -> Token | None:
    """The verb that judges ``word``'s act in a small clause, or None.

    "We consider the withdrawal a good step", "called the visit a mistake",
    "found the talks useful": the act named with "the" or a possessive is known,
    and the verb ("consider", "call") passes judgement on it; its cue (deliberation,
    demand) is about something else.  A bare noun keeps the cue ("consider
    sanctions an option": the sanctions are only an option)."""
    if not _definite_noun(word):
        return None
    head = word.head
    if word.dep_ == "nsubj" and head.pos_ in ("NOUN", "ADJ") and head.dep_ in _PREDICATE_LINKS \
            and head.head.pos_ == "VERB":
        return head.head  # "consider [the withdrawal a good step]"
    if word.dep_ == "dobj" and head.pos_ == "VERB" and any(c.dep_ == "oprd" for c in head.children):
        return head  # "called [the withdrawal] [a mistake]"
    return None


def _in_condition(tok: Token, cues: Cues, found: list[tuple[str, str]]) -> None:
    """A condition's scope is all below it: "if China says it will cut tariffs to 10%" makes
    the 10% hypothetical though the clause of "cut" has no "if" (clause-bound walks only)."""
    for anc in tok.ancestors:
        for c in anc.children:
            if c.dep_ == "mark" and c.lower_ in cues.conditional_marks:
                found.append(("hypothetical", c.text))
                return


_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj"})
_CLAUSE_LINKS = frozenset({"relcl", "ccomp", "acl", "amod"})


def _clause_top(tok: Token) -> bool:
    """True when ``tok`` is the top of its clause: a verb (or the root) with its own subject,
    one linked to the sentence as a clause of its own (relative, complement, or a participle
    on a noun: "a resolution calling for X", "forces backed by Y"), a purpose infinitive,
    or a coordinated or adverbial clause that is finite (see :func:`_own_clause`: "or accept
    a deal" and "bringing the rate to 47%" belong to the clause above them)."""
    if tok.pos_ not in ("VERB", "AUX") and tok.dep_ != "ROOT":
        return False
    if tok.dep_ == "advcl" and _infinitival(tok):
        return True  # a purpose: "might attack to tie down the 28,500 troops stationed there"
    if tok.dep_ in ("conj", "advcl"):
        return _own_clause(tok)
    return tok.dep_ in _CLAUSE_LINKS or any(c.dep_ in _SUBJECTS for c in tok.children)


def _gov_key(head: Token, cues: Cues) -> str:
    """The governor key of ``head``: "rule out" for the phrasal verb, else the lemma."""
    lemma = head.lemma_.lower()
    for c in head.children:
        if c.dep_ == "prt":
            key = f"{lemma} {c.lower_}"
            if key in cues.governors or key in cues.when_negated:
                return key
    return lemma


def _own_clause(tok: Token) -> bool:
    """True when ``tok`` heads a finite clause of its own (own subject, auxiliary or tense).

    An infinitive is never finite, even with a subject of its own: in "called for
    the Taliban to lift the ban" the lifting is the content of the call."""
    if tok.tag_ in _FINITE:
        return True
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return False
    return any(c.dep_ in ("nsubj", "nsubjpass", "aux", "auxpass") and c.lower_ != "to" for c in tok.children)


def _under_speech(tok: Token, cues: Cues) -> bool:
    """True when ``tok`` lies in the complement of a speech verb."""
    for anc in tok.ancestors:
        lemma = anc.lemma_.lower()
        if anc.pos_ in ("VERB", "AUX") and (lemma in cues.speech_verbs or cues.governors.get(lemma) == "future"):
            return True  # "said it would", "vowed X would": future of the past
    return False


def _parataxis_speech(tok: Token, cues: Cues) -> Token | None:
    """A trailing report frame attached to the root (", officials said")."""
    root = tok.sent.root
    for child in root.children:
        if child.dep_ in ("parataxis", "ccomp") and child.lemma_.lower() in cues.speech_verbs and child.i > tok.i:
            return child
    return None
