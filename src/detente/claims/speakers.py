"""Speakers: who a claim's subject is, and what kind of claim it makes.

A subject names an actor (the actor stage's mention), else a body or person
named before it in the paragraph; "according to X" gives the attribution.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..linguistics import according_to, block, block_subject
from ..model import ActorMention
from ..stage import DocContext
from .lexicon import Lexicon

_VERBAL = {"VERB", "AUX"}


def _range(tok: Token) -> tuple[int, int]:
    sub = list(tok.subtree)
    lo, hi = block(tok)
    return max(lo, sub[0].idx), min(hi, sub[-1].idx + len(sub[-1].text))


def _according_to(ctx: DocContext, sent: Span) -> tuple[str, tuple[int, int]] | None:
    """The source named by "according to X" in ``sent``: an actor id, else the name."""
    for obj in according_to(sent):
        if obj is None:
            continue
        rng = _range(obj)
        found = ctx.mentions_in(*rng)
        if found:
            return found[0].actor, rng
        words = [w.text for w in obj.subtree if w.pos_ not in ("DET", "PUNCT")]
        return " ".join(words), rng
    return None


def speech_subject(verb: Token) -> Token | None:
    """The subject of a speech verb.  Of two subjects the parser gave it ("North Korea's army
    chief of staff Pak Jong Chon said" read as "chief … Chon said"), the one nearest the
    verb.  Where the parse left it none: the name right after an inverted verb (“…,” warned
    X), the noun the verb was attached to ("Leavitt called …" read as a noun phrase), else
    the last named subject before it in its sentence ("X was first to share word,
    announcing that …")."""
    subj = block_subject(verb)
    lo, hi = block(verb)
    if subj is not None and subj.tag_ in ("WP", "WDT") and verb.dep_ == "relcl" and verb.head.pos_ in ("PROPN", "NOUN"):
        return verb.head  # "Patricia Lamou, who says …"
    if subj is not None:
        head = subj.head
        opening = _opening_name(head)
        if opening is not None and opening.i < subj.i and subj.ent_type_ not in _NAMED:
            return opening
        twins = [c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and lo <= c.idx < hi]
        if len(twins) > 1:
            # a name before a role noun, then the nearest to the verb
            before = [c for c in twins if c.i < head.i]
            # a name the tagger knows for one first ("Trump, in an interview on Fox News' show, dodged …":
            # not the show's title), then any proper noun
            named = [c for c in before if c.ent_type_ in _NAMED] or [c for c in before if c.pos_ == "PROPN"]
            return max(named or before, key=lambda c: c.i) if before else subj
        return subj
    for c in verb.children:
        if c.i > verb.i and c.dep_ in _INVERTED and c.pos_ == "PROPN" and c.left_edge.i <= verb.i + 1:
            return c
    if verb.dep_ == "acl" and verb.head.pos_ == "PROPN" and verb.head.i < verb.i:
        return verb.head
    named = [t for t in verb.sent if t.i < verb.i and t.dep_ in ("nsubj", "nsubjpass") and t.pos_ == "PROPN"
             and lo <= t.idx < hi]
    if not named:  # "In Abidjan, Willy Neth, coordinator for …, says": the name read as a conjunct
        named = [t for t in verb.sent if t.i < verb.i and t.dep_ in ("conj", "appos") and t.pos_ == "PROPN"
                 and lo <= t.idx < hi]
    return named[-1] if named else None


def _opening_name(head: Token) -> Token | None:
    """The name opening the sentence of ``head``, set off by a comma and hanging from it: "Trump, in an
    interview with Fox News' show, dodged …", where the parser may take a noun of the aside for the
    subject and the name for an interjection."""
    doc, first = head.doc, head.sent[0]
    if first.ent_type_ not in _NAMED or first.ent_iob_ != "B":
        return None
    end = first.i
    while end + 1 < len(doc) and doc[end + 1].ent_iob_ == "I":
        end += 1
    name = doc[first.i:end + 1].root
    return name if name.head.i == head.i and end + 1 < len(doc) and doc[end + 1].text == "," else None


_INVERTED = ("attr", "dobj", "npadvmod", "oprd", "nsubj")
_NAMED = ("PERSON", "ORG", "GPE", "NORP")  # entity types of who can speak


def _one_edit(a: str, b: str) -> bool:
    """Whether ``a`` and ``b`` differ by one substitution, insertion or deletion."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)):] == b[i + 1:]


def _is_subject(tok: Token) -> bool:
    """Whether ``tok`` heads, or names inside an apposition or compound, a clause's subject."""
    t = tok
    for _ in range(4):
        if t.dep_ in ("nsubj", "nsubjpass"):
            return True
        if t.dep_ not in ("appos", "compound", "conj") or t.head.i == t.i:
            return False
        t = t.head
    return False


def _depth(tok: Token) -> int:
    """How many links separate ``tok`` from its sentence's root."""
    return sum(1 for _ in tok.ancestors)


class _Resolver:
    """Speakers from subject tokens, remembering the last one for pronouns and continuations."""

    def __init__(self, ctx: DocContext, lex: Lexicon, quoted: Sequence[tuple[int, int]] = ()):
        self.ctx, self.lex = ctx, lex
        self.quoted = list(quoted)

    def actor(self, subj: Token) -> str | None:
        """The actor the subject's phrase names: its head's mention, else its apposition's
        ("Guterres' spokesman, Stephane Dujarric"), else the last person named in it outside
        a possessor ("X's army chief Y"), else the first actor named in it."""
        if subj.lower_ in self.lex.person_pronouns:
            return self._pronoun(subj)
        lo, hi = _range(subj)
        found = self.ctx.mentions_in(lo, hi)
        if not found:
            return None
        for head in (subj, *[c for c in subj.children if c.dep_ == "appos"]):
            for m in found:  # the mention naming the subject's head first ("Timor-Leste's prime minister, X")
                if m.start <= head.idx < m.end:
                    return m.actor
        if subj.pos_ == "PROPN":
            named = self._by_surname(subj)  # "said Kannavee, who worked for the U.N."
            if named is not None:
                return named
        owners = [_range(c) for c in subj.children if c.dep_ in ("poss", "nmod")]
        own = [m for m in found if not any(a <= m.start < b for a, b in owners)]
        people = [m for m in own if self._kind(m) == "person"]
        if people:
            return people[-1].actor
        people = [m for m in found if self._kind(m) == "person"]
        return (people or found)[0].actor

    def _pronoun(self, subj: Token, depth: int = 0) -> str | None:
        """ "he said", "she told VOA": the person the pronoun continues.  Sentence by sentence
        backwards, the subject of the nearest sentence naming a person ("Xi told Kim … He
        called"), else that sentence's last person ("The message came from X. “…,” she
        said"); a pronoun subject there passes on its own referent.  Only people heading a
        phrase of their own count: not inside quotes, not a possessor or a modifier ("the
        Trump administration"), not nested in another person's description ("X, an ally of
        Y").  The actor stage's coreference links any pronoun to the nearest person."""
        doc = self.ctx.doc
        people = [m for m in self.ctx.mentions_in(0, subj.idx) if self._kind(m) == "person"]
        spans = [(m, doc.char_span(m.start, m.end, alignment_mode="expand")) for m in people]
        covered = {t.i: m.actor for m, sp in spans if sp is not None for t in sp}
        sent = subj.sent
        for _ in range(4):
            # the pronoun's own sentence counts only before the pronoun
            here: list[tuple[Token, str]] = []
            for t in sent:
                if t.i >= subj.i or any(a <= t.idx < b for a, b in self.quoted):
                    continue
                if t.lower_ in self.lex.person_pronouns and t.dep_ in ("nsubj", "nsubjpass") and depth < 3:
                    here.append((t, "pron"))
            for m, sp in spans:
                if sp is None or not (sent.start_char <= m.start < sent.end_char) or m.start >= subj.idx:
                    continue
                if any(a <= m.start < b for a, b in self.quoted):
                    continue
                root = sp.root
                if root.pos_ == "PRON" or root.dep_ == "poss" or (root.dep_ == "compound" and root.head.i not in covered):
                    continue
                if self._nested(root, m.actor, covered):
                    continue
                here.append((root, m.actor))
            if here:
                # the main clause's subject first ("X could do Y, said Z": Z)
                subjects = sorted(((t, a) for t, a in here if _is_subject(t)), key=lambda p: _depth(p[0]))
                tok, found = subjects[0] if subjects else here[-1]
                if found == "pron":
                    return self._pronoun(tok, depth + 1)
                return found
            if sent.start == 0:
                break
            sent = doc[sent.start - 1].sent
        return None

    @staticmethod
    def _nested(root: Token, actor: str, covered: dict[int, str]) -> bool:
        """Whether the person at ``root`` hangs, through a preposition, from another person
        ("X, a close ally of Y": Y is not who speaks next)."""
        through_prep = False
        for a in root.ancestors:
            other = covered.get(a.i)
            if other is not None and other != actor:
                return through_prep
            through_prep = through_prep or a.dep_ == "prep"
        return False

    def speaker(self, subj: Token, last: _Draft | None) -> str | None:
        """The actor of a subject.  Unresolved, a body ("the agency", "it") is the latest
        organisation or state named before it in the paragraph; a person ("a spokesperson",
        "he") is the previous claim's speaker in the paragraph."""
        found = self.actor(subj)
        if found is None and subj.text[:1].isupper() and subj.pos_ in ("PROPN", "NOUN") \
                and not subj.is_sent_start:
            found = self._by_surname(subj)  # the tagger reads unknown surnames as plural nouns
        if found is not None:
            return found
        lemma = subj.lemma_.lower()
        text = self.ctx.document.text
        para = text.rfind("\n\n", 0, subj.idx) + 1
        if lemma in self.lex.body_nouns or subj.lower_ in ("it", "its"):
            before = [m for m in self.ctx.mentions_in(para, subj.idx)
                      if self._kind(m) in ("organization", "state")]
            if before:
                want = "organization" if lemma in self.lex.body_nouns else None
                typed = [m for m in before if want is None or self._kind(m) == want]
                return (typed or before)[-1].actor
        if lemma in self.lex.official_nouns:
            named = self._named_role(subj)
            if named is not None:
                return named
        if lemma in self.lex.authority_nouns and (subj.tag_ == "NNS" or lemma in self.lex.body_nouns) \
                and not any(c.dep_ == "prep" for c in subj.children):  # not "officials from both governments"
            # "authorities said", "officials say": the state the story last named, outside quotes
            states = [m for m in self.ctx.mentions_in(0, subj.idx) if self._kind(m) == "state"
                      and not any(a <= m.start < b for a, b in self.quoted)]
            if states:
                return states[-1].actor
        if (subj.pos_ == "PRON" or lemma in self.lex.official_nouns) and last is not None:
            if last.spans[-1][0] >= para:
                return last.speaker
        return None

    def _by_surname(self, subj: Token) -> str | None:
        """An actor of the story named by its last word alone where the actor stage left the
        name unlinked ("Creemers said"), or a person's surname misspelt by one letter
        ("Pederson" for Pedersen): the latest named before the subject."""
        word = subj.text.lower()
        matches: list[str] = []
        partial: list[str] = []
        for m in self.ctx.actor_mentions:
            kind = self._kind(m)
            if m.start >= subj.idx or kind == "state" or m.actor in matches or m.actor in partial:
                continue
            actor = self.ctx.actors.get(m.actor)
            parts = actor.name.lower().split() if actor is not None else []
            last = parts[-1] if parts else ""
            if last == word or (kind == "person" and len(word) >= 6 and _one_edit(last, word)):
                matches.append(m.actor)
            elif kind == "person" and len(word) >= 4 and word in parts:
                partial.append(m.actor)  # a given name used alone ("said Kannavee")
        return matches[-1] if matches else (partial[-1] if partial else None)

    def person_named(self, name: str, before: int) -> str | None:
        """The person of the story called ``name`` (in full, or by its last word) before
        offset ``before``, or named right there."""
        words = name.lower().split()
        for m in self.ctx.actor_mentions:
            if m.start > before or self._kind(m) != "person":
                continue
            actor = self.ctx.actors.get(m.actor)
            if actor is None:
                continue
            names = [actor.name.lower(), *(x.lower() for x in actor.aliases)]
            if " ".join(words) in names or words[-1] == actor.name.lower().split()[-1]:
                return m.actor
        return None

    def _named_role(self, subj: Token) -> str | None:
        """ "said the spokesperson", "the minister added": the actor named with the same role
        noun last before it, outside quotes ("a State Department spokesperson",
        "Finance Minister X")."""
        lemma = subj.lemma_.lower()
        for t in reversed(self.ctx.doc[:subj.i]):
            if t.lemma_.lower() != lemma or any(a <= t.idx < b for a, b in self.quoted):
                continue
            head = t
            while head.dep_ == "compound" and head.head.i != head.i:
                head = head.head
            found = self.actor(head)
            if found is not None:
                return found
        return None

    def kind_of_actor(self, actor: str) -> str:
        """The kind of an actor of the story ("unknown" when it is not one)."""
        a = self.ctx.actors.get(actor)
        return a.kind if a else "unknown"

    def kind(self, m: ActorMention) -> str:
        """The kind of the actor a mention names ("unknown" when it is not in the story)."""
        return self._kind(m)

    def _kind(self, m: ActorMention) -> str:
        a = self.ctx.actors.get(m.actor)
        return a.kind if a else "unknown"

    def is_commentator(self, subj: Token) -> bool:
        """Whether the subject (or its apposition) is a generic commentator ("analysts")."""
        heads = [subj, *[c for c in subj.children if c.dep_ == "appos"]]
        return any(h.lemma_.lower() in self.lex.commentator_nouns for h in heads)

    def kind_of(self, speaker: str | None, subj: Token | None, verb: Token) -> str:
        """"assessment" for commentators and judgements, "statement" for officials and texts."""
        if verb.lemma_.lower() in self.lex.assessment_verbs:
            return "assessment"
        if subj is not None and self.is_commentator(subj):
            return "assessment"
        if subj is not None and subj.lemma_.lower() in self.lex.statement_nouns:
            return "statement"
        a = self.ctx.actors.get(speaker) if speaker else None
        if a is None:
            return "statement"
        if a.kind == "person":
            return "statement" if a.roles else "assessment"
        if a.kind == "organization" and any(w in a.name.lower() for w in self.lex.research_org_words):
            return "assessment"
        return "statement"


# --- the three passes ----------------------------------------------------------------


@dataclass
class _Draft:
    kind: str
    speaker: str | None
    spans: list[tuple[int, int]]
    attribution: str | None = None
    verb: int | None = None
    stance: str | None = None
    issue: str | None = None
