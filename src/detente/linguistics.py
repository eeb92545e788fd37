"""Sentence-level linguistics shared by the events, quantities and claims stages.

Attribution ("according to X"), speech verbs and commentators, subject finding,
clause blocks and the story's pair of states are read the same way by every
stage that needs them; each stage keeps only its own decisions.  The base word
classes live in ``detente/data/linguistics.yaml``; a stage's data file extends
them (see :func:`detente.datafiles.load`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from functools import cache
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from .datafiles import load
from .nlp import line_bounds

if TYPE_CHECKING:  # only for annotations: the stages sit above this module
    from .model import Event
    from .stage import DocContext

# dependency labels of an active subject
SUBJ = frozenset({"nsubj", "csubj"})


@dataclass(frozen=True, slots=True)
class BaseWords:
    """The base word classes of ``data/linguistics.yaml``."""

    speech_verbs: frozenset[str]
    commentator_nouns: frozenset[str]
    object_control: frozenset[str]
    intention_holders: frozenset[str]
    subordinators: frozenset[str]
    copulas: frozenset[str]
    adjunct_gerund_preps: frozenset[str]
    deadline_preps: frozenset[str]

    def classes(self) -> dict[str, frozenset[str]]:
        """Each word class by name, for a stage's data file to extend."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


@cache
def base_words() -> BaseWords:
    """Read ``data/linguistics.yaml`` (once per process)."""
    return load(BaseWords, "linguistics.yaml")


# ------------------------------------------------------------------ clause blocks
def governing_verb(tok: Token, max_steps: int = 8) -> Token | None:
    """The nearest verb governing a token (the token itself if it is one),
    at most ``max_steps`` arcs up the dependency tree."""
    t = tok
    for _ in range(max_steps + 1):
        if t.pos_ in ("VERB", "AUX"):
            return t
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def block(tok: Token) -> tuple[int, int]:
    """The line (paragraph) holding ``tok``: a quote or a number never crosses one."""
    return line_bounds(tok.doc, tok.idx)


def paragraph_starts(text: str) -> list[int]:
    """Offsets where a paragraph (a line after a line break) begins; ``bisect_right`` numbers them."""
    return [i for i in range(1, len(text)) if text[i - 1] == "\n" and not text[i].isspace()]


def in_quotation(tok: Token) -> bool:
    """Whether ``tok`` stands inside quotation marks opened earlier in its paragraph (a quotation may run
    over several sentences: "“We will act. Our forces are ready,” he said")."""
    text = tok.doc.text
    before = text[text.rfind("\n", 0, tok.idx) + 1:tok.idx]
    return before.count("\u201c") > before.count("\u201d") or before.count('"') % 2 == 1


# -------------------------------------------------------------------- attribution
def according_to(sent: Span) -> Iterator[Token | None]:
    """Each "according to X" of ``sent``, in text order: the object X (None when the parse has none)."""
    doc = sent.doc
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(doc) and doc[t.i + 1].lower_ == "to":
            yield next((c for c in doc[t.i + 1].children if c.dep_ == "pobj"), None)


def according_to_child(tok: Token) -> Token | None:
    """The object of an "according to X" phrase attached to ``tok`` itself."""
    for child in tok.children:
        if child.dep_ == "prep" and child.lower_ == "according":
            for to in child.children:
                for obj in to.children if to.lower_ == "to" else ():
                    if obj.dep_ == "pobj":
                        return obj
    return None


def commentator_groups() -> frozenset[str]:
    """Names of unnamed commentator groups ("analysts", "experts") and their singulars."""
    nouns = base_words().commentator_nouns
    return nouns | frozenset(n + "s" for n in nouns)


# ----------------------------------------------------------------------- subjects
def block_subject(verb: Token, deps: Iterable[str] = ("nsubj", "nsubjpass"), climb: bool = True) -> Token | None:
    """The subject of ``verb`` inside its paragraph; with ``climb``, of the verb it hangs
    from ("declaring, …" -> who declared), up to four links up."""
    lo, hi = block(verb)
    wanted = frozenset(deps)
    v = verb
    for _ in range(4):
        for c in v.children:
            if c.dep_ in wanted and lo <= c.idx < hi:
                return c
        if climb and v.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "prep") and v.head.i != v.i \
                and lo <= v.head.idx < hi:
            v = v.head
            continue
        break
    return None


def subject_tokens(v: Token, seen: int = 0) -> tuple[list[Token], bool]:
    """The subject tokens of verb ``v`` and whether ``v`` is passive.

    Several tokens when the parser split a coordination ("X, Y and Z attended").
    Without a subject of its own, the verb's controller: the object of "urged X
    to ...", the subject of the verb it is coordinated with or complements, the
    owner of "its refusal to ...".
    """
    words = base_words()
    subj = [c for c in v.children if c.dep_ in SUBJ]
    if subj:
        if subj[0].tag_ in ("WDT", "WP") and v.dep_ == "relcl":
            return [v.head], False
        return subj, False
    passive = [c for c in v.children if c.dep_ == "nsubjpass"]
    if passive:
        return passive, True
    repaired = subject_before(v)
    if repaired:
        return repaired, False
    if seen > 4 or v.head.i == v.i:
        return [], False
    h = v.head
    if v.dep_ == "xcomp":
        if h.lemma_.lower() in words.object_control:
            for c in h.children:
                if c.dep_ == "dobj":
                    return [c], False
        return subject_tokens(h, seen + 1)[0], False
    if v.dep_ == "conj" and v.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in v.children):
        # "rebels were neutralized or captured": a bare participle coordinated with a
        # passive verb shares its auxiliary, so it is passive too
        return subject_tokens(h, seen + 1)
    if v.dep_ in ("conj", "advcl") or (v.dep_ == "acomp" and h.lemma_ in words.copulas):
        # "... and agreed", "Brazil is opposed to it" (a participle read as an adjective)
        return subject_tokens(h, seen + 1)[0], False
    if v.dep_ == "pcomp" and h.lower_ == "in" and h.head.pos_ == "VERB":
        # "support China in defending ...": the object acts, else the subject
        obj = [c for c in h.head.children if c.dep_ == "dobj"]
        return obj or subject_tokens(h.head, seen + 1)[0], False
    if v.dep_ == "relcl":
        return [h], False
    if v.dep_ == "pcomp" and h.lower_ == "to" and h.head.pos_ == "VERB":
        # "youths resorted to throwing stones": the subject of the governing verb acts
        return subject_tokens(h.head, seen + 1)[0], False
    if v.dep_ == "pcomp" and v.tag_ == "VBG" and h.lower_ in words.adjunct_gerund_preps and h.head.pos_ in ("VERB", "AUX"):
        # "X responded by destroying Y's air force", "Suga will travel after meeting
        # Biden": a gerund adjunct has the subject of the verb it modifies
        return subject_tokens(h.head, seen + 1)[0], False
    if v.dep_ == "pcomp" and h.lower_ == "to" and h.head.pos_ == "NOUN":
        # "China's commitment to strengthening cooperation": whoever holds the commitment
        return [c for c in h.head.children if c.dep_ == "poss"], False
    if v.dep_ in ("acl", "xcomp") and h.pos_ == "NOUN":
        # "its refusal to send weapons", "Kim's decision to attend"
        poss = [c for c in h.children if c.dep_ == "poss"]
        if not poss and h.dep_ == "dobj" and h.head.lemma_.lower() in words.intention_holders:
            # "Iran had no plans to withdraw", "Japan announced a decision to join"
            return subject_tokens(h.head, seen + 1)[0], False
        return poss, False
    return [], False


def subject_before(v: Token) -> list[Token]:
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
    if top.dep_ == "pobj" and top.head.lower_ in base_words().subordinators \
            and top.head.head.i != v.i and top.pos_ in ("PROPN", "NOUN"):
        return [top]
    if top.dep_ == "appos" and top.pos_ == "PROPN" and v.dep_ in ("acl", "relcl") and v.tag_ in ("VBD", "VBZ", "VBP"):
        # "the claim that ..., a charge Afghan spokesperson Abdul Balkhi rejected": the parser
        # glued "a charge" and the name into one apposition; the name right before the
        # finite verb of the stranded relative clause is its subject
        return [top]
    return []


# ------------------------------------------------------------ the story's states
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
