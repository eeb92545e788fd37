"""States, organisations and speakers referred to without a name (docs/actors.md, rules 8-10).

A mixin of the per-document resolver (:mod:`.resolve`), run after names,
surnames, titles and personal pronouns are resolved.  One pass in text order
handles:

* definite descriptions of an organisation: "the agency", "the bloc" -> the
  most recent organisation that answers to that noun; "South Korea's spy
  agency" -> the one organisation of that state the base describes so;
* "it"/"its" and "they"/"their": a simplified Lappin & Leass (1994) salience
  over the *non-person* referents of the last two sentences.  Things ("the
  treaty", "sanctions") compete, so a pronoun closer to a thing than to a state
  stays unresolved; a state's government ("South Korea's unification
  ministry", "Lee's government") stands for the state;
* first-person pronouns: "I"/"we" inside a quotation -> its speaker, "we"/"our"
  in the outlet's own voice -> the publisher (``Document.source``).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from spacy.tokens import Token

from ..model import Actor
from .base import slug
from .coref import SUBJECT_DEPS, grammatical_weight

if TYPE_CHECKING:
    from ..stage import DocContext

SG, PL, BOTH = "sg", "pl", "both"
THING = "~"  # a noun phrase that is no actor: it competes, and wins nothing
MAIN_SUBJECT = 30.0
COORD = "~and"  # coordinated actors: "they" after "Britain, France and Germany" names no one actor
_ARG_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "pobj", "attr", "dative", "conj", "oprd", "ROOT"})
_MODIFIER_DEPS = frozenset({"amod", "compound", "poss", "nmod"})
_NOT_THINGS = frozenset({"DATE", "TIME", "PERCENT", "MONEY", "QUANTITY", "CARDINAL", "ORDINAL", "PERSON", "NORP"})
_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
_OPEN_QUOTES, _CLOSE_QUOTES = "\u201c\u2018\"", "\u201d\u2019\""


@dataclass(slots=True)
class Referent:
    """One mention of a non-person referent, as an antecedent candidate."""

    ref: str  # actor id, THING or COORD
    tok: int  # head token of its noun phrase
    sent: int
    weight: float  # Lappin-Leass grammatical weight (0 for an embedded modifier)
    number: str  # SG, PL or BOTH
    nouns: frozenset[str]  # description nouns it answers to ("agency", "ministry")


class Referents:
    """Descriptions, neuter/plural and first-person pronouns (mixed into the resolver)."""

    # provided by the resolver
    doc: Any
    lex: Any
    base: Any
    ctx: DocContext
    actors: dict[str, Actor]
    taken: bytearray
    sent_of: list[int]
    spans: list[tuple[int, int, str]]
    described: dict[tuple[str, str], list[str]]

    def emit(self, actor_id: str, start: int, end: int, how: str) -> None:
        raise NotImplementedError

    # -- the pass -------------------------------------------------------------
    def _referents(self) -> None:
        doc, lex = self.doc, self.lex
        todo = [t for t in doc if not self.taken[t.i] and (
            (t.lower_ in lex.neuter_pronouns and t.tag_ in ("PRP", "PRP$"))
            or (t.lower_ in lex.first_person and t.tag_ in ("PRP", "PRP$"))
            or (t.pos_ == "NOUN" and t.lemma_.lower() in lex.org_description_nouns))]
        if not todo:
            return
        self._noun_cache: dict[str, frozenset[str]] = {}
        self._actor_at: dict[int, str] = {}
        for s, e, aid in self.spans:
            for i in range(s, e):
                self._actor_at.setdefault(i, aid)
        recs = self._candidates()
        keys = [r.tok for r in recs]
        quotes = self._quotes() if any(t.lower_ in lex.first_person for t in todo) else []
        qstarts = [q[0] for q in quotes]
        for t in todo:
            low = t.lower_
            if self.taken[t.i]:
                continue
            found: tuple[str, int, int, str] | None = None
            pron = "possessive" if t.tag_ == "PRP$" else "pronoun"
            if low in lex.first_person and t.tag_ in ("PRP", "PRP$"):
                who = self._first_person(t, quotes, qstarts)
                found = (who, t.i, t.i + 1, pron) if who else None
            elif low in lex.neuter_pronouns and t.tag_ in ("PRP", "PRP$"):
                ref = self._neuter(t, recs, keys)
                found = (ref, t.i, t.i + 1, pron) if ref else None
            else:
                d = self._description(t, recs, keys)
                found = (d[0], d[1], t.i + 1, "description") if d else None
            if found is None:
                continue
            aid, start, end, how = found
            self.emit(aid, start, end, how)
            a = self.actors.get(aid)
            if a is None or a.kind == "person":
                continue  # "I" is the speaker: no antecedent for a later "it"
            number = lex.neuter_pronouns.get(low, self._number(aid))
            w = grammatical_weight(t) + (MAIN_SUBJECT if _main_subject(t) else 0.0)
            rec = Referent(aid, t.i, self.sent_of[t.i], w, number, self._nouns(aid))
            k = bisect.bisect_right(keys, t.i)
            keys.insert(k, t.i)
            recs.insert(k, rec)

    # -- candidates -------------------------------------------------------------
    def _number(self, aid: str) -> str:
        a = self.actors.get(aid)
        if aid.startswith("group:"):
            return PL  # unnamed commentators ("analysts")
        return BOTH if a is not None and a.kind == "group" else SG

    def _nouns(self, aid: str) -> frozenset[str]:
        """The description nouns an actor answers to: its `descriptions` and name words."""
        if aid in self._noun_cache:
            return self._noun_cache[aid]
        words = self.lex.org_description_nouns
        out: set[str] = set()
        e = self.base.get(aid)
        a = self.actors.get(aid)
        names = [*(e.aliases if e else []), *(a.aliases if a else [])]
        if e is not None:
            out.update(d.lower() for d in e.descriptions)
            names.append(e.name)
        elif a is not None:
            names.append(a.name)
        if (e.kind if e else a.kind if a else "") in ("organization", "group"):
            out.update(w for n in names for w in n.lower().replace("'", " ").split() if w in words)
        self._noun_cache[aid] = frozenset(out)
        return self._noun_cache[aid]

    def _candidates(self) -> list[Referent]:
        """Antecedent candidates: non-person actor mentions, governments, coordinations, things."""
        doc, lex = self.doc, self.lex
        recs: dict[int, Referent] = {}
        coords: dict[int, Referent] = {}  # kept apart: "Washington and its allies" needs both

        def add(ref: str, tok: Token, weight: float, number: str, nouns: frozenset[str]) -> None:
            if weight and _main_subject(tok):
                weight += MAIN_SUBJECT  # centering: the main-clause subject is the likeliest topic
            if tok.i not in recs:
                recs[tok.i] = Referent(ref, tok.i, self.sent_of[tok.i], weight, number, nouns)

        for start, end, aid in self.spans:
            a = self.actors.get(aid)
            if a is None:
                continue
            head = doc[start:end].root
            first = head
            while first.dep_ == "conj" and first.head is not first:
                first = first.head
            if first is not head or any(c.dep_ == "conj" for c in head.children):
                if first.i not in coords:
                    coords[first.i] = Referent(COORD, first.i, self.sent_of[first.i], grammatical_weight(first), PL, frozenset())
            modifier = head.dep_ in _MODIFIER_DEPS and head.head is not head and head.head.pos_ in ("NOUN", "PROPN")
            body = head.head if modifier and _is_body(head.head, lex) else None
            if a.kind == "person":
                # "Lee's government said it ...": the government of the person's state
                if body is not None and head.dep_ == "poss" and a.country:
                    add(a.country, body, grammatical_weight(body), _tag_number(body), frozenset({body.lemma_.lower()}))
                continue
            nouns = self._nouns(aid) | {w.lower() for w in doc[start:end].text.split() if w.lower() in lex.org_description_nouns}
            if body is not None:  # "China's commerce ministry", "Chinese officials"
                add(aid, body, grammatical_weight(body), _tag_number(body), nouns | {body.lemma_.lower()})
            elif modifier:  # "Beijing's leverage": embedded, so no grammatical weight
                add(aid, head, 0.0, self._number(aid), nouns)
            else:
                add(aid, head, grammatical_weight(head), self._number(aid), nouns)
        for t in doc:
            if (t.i in recs or self.taken[t.i] or t.pos_ not in ("NOUN", "PROPN") or t.dep_ not in _ARG_DEPS
                    or t.ent_type_ in _NOT_THINGS or _personal_noun(t, lex)):
                continue
            add(THING, t, grammatical_weight(t), _tag_number(t), frozenset())
        return sorted([*recs.values(), *coords.values()], key=lambda r: (r.tok, r.ref == COORD))

    # -- "it" / "they" ----------------------------------------------------------
    def _expletive(self, t: Token) -> bool:
        """Non-referential "it": "it is unclear whether", "it was reported that", "made it clear"."""
        lex, h = self.lex, t.head
        if t.dep_ == "expl":
            return True
        kids = list(h.children)
        if t.dep_ in SUBJECT_DEPS:
            if t.dep_ == "nsubjpass" and any(c.dep_ == "ccomp" for c in kids):
                return True
            if h.lemma_.lower() in lex.expletive_heads:
                if any(c.dep_ in ("ccomp", "csubj") or (c.dep_ == "xcomp" and c.i > t.i and h.lemma_ != "be") for c in kids):
                    return True
                if any(c.dep_ == "attr" and c.lemma_.lower() in lex.time_nouns for c in kids):
                    return True  # "it was the first time"
            if h.pos_ == "ADJ" and h.head.lemma_.lower() in lex.expletive_object_verbs:
                return True  # "made it clear that" (parsed as a small clause)
        if t.dep_ == "dobj" and h.lemma_.lower() in lex.expletive_object_verbs:
            return any(c.dep_ in ("ccomp", "oprd", "acomp") for c in kids)
        return False

    def _neuter(self, t: Token, recs: list[Referent], keys: list[int]) -> str | None:
        lex = self.lex
        number = lex.neuter_pronouns[t.lower_]
        if number == SG and t.lower_ == "it" and self._expletive(t):
            return None
        if t.dep_ in SUBJECT_DEPS and t.head.lemma_ == "be" and any(
                c.dep_ == "attr" and c.pos_ == "NOUN" and c.lemma_.lower() not in lex.actor_attr_nouns for c in t.head.children):
            return None  # "It was an amazing meeting": a thing
        if t.dep_ in SUBJECT_DEPS and self._thing_predicate(t.head):
            return None  # "It takes effect next year": a treaty, a deal
        sent = self.sent_of[t.i]
        agent = t.dep_ in SUBJECT_DEPS and t.head.lemma_.lower() in lex.agent_verbs
        blocked: set[int] = set()
        verb = t.head.head if t.dep_ == "pobj" else t.head
        if t.dep_ in ("dobj", "dative", "pobj") and verb.pos_ in ("VERB", "AUX"):
            blocked.update(c.i for c in verb.children if c.dep_ in SUBJECT_DEPS)  # "X hit it": it is not X
        if t.head.dep_ == "relcl" and t.dep_ in (*SUBJECT_DEPS, "dobj"):
            blocked.add(t.head.head.i)  # "a step it has avoided": it is not the step
        if t.dep_ == "poss" and t.head.dep_ == "conj":  # "Washington and its allies"
            k = bisect.bisect_left(keys, t.head.head.i)
            if k < len(keys) and keys[k] == t.head.head.i and _fits(recs[k], number, False) and not recs[k].ref.startswith("~"):
                return recs[k].ref
        # "the North, which has come to rely on ... since it sent": the relative's antecedent
        for anc in t.ancestors:
            if anc.dep_ == "relcl":
                if anc is not t.head and any(c.dep_ in SUBJECT_DEPS and c.tag_ in ("WDT", "WP") for c in anc.children):
                    k = bisect.bisect_left(keys, anc.head.i)
                    if k < len(keys) and keys[k] == anc.head.i and _fits(recs[k], number, agent):
                        r = recs[k]
                        if not r.ref.startswith("~"):
                            return r.ref
                break
        local = self._local_subject(t) if t.tag_ == "PRP$" else None
        best: Referent | None = None
        best_score = 0.0
        lo = bisect.bisect_left(keys, self._window_start(sent))
        hi = bisect.bisect_left(keys, t.i)
        for r in recs[lo:hi]:
            if r.tok in blocked or not _fits(r, number, agent):
                continue
            score = 100.0 / (2 ** (sent - r.sent)) + r.weight + r.tok * 1e-6
            if r.tok == local:
                score += 150.0  # "Seoul should ask Beijing to restate its commitment": Beijing's
            if score > best_score:
                best, best_score = r, score
        return best.ref if best is not None and not best.ref.startswith("~") else None

    def _thing_predicate(self, verb: Token) -> bool:
        doc = self.doc
        words = [verb.lemma_.lower()]
        for k in range(verb.i + 1, min(len(doc), verb.i + 3)):
            words.append(doc[k].lemma_.lower())
        return any(" ".join(words[:n]) in self.lex.thing_predicates for n in (1, 2, 3))

    def _local_subject(self, t: Token) -> int | None:
        """The subject of the clause a possessive sits in (the controller of an infinitive)."""
        v, steps = t.head, 0
        while v.pos_ not in ("VERB", "AUX") and v.head is not v and steps < 6:
            v, steps = v.head, steps + 1
        if v.pos_ not in ("VERB", "AUX"):
            return None
        subj = next((c for c in v.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None and v.dep_ == "xcomp":  # "ask Beijing to restate its ...": object control
            subj = next((c for c in v.head.children if c.dep_ in ("dobj", "dative")), None) or next(
                (c for c in v.head.children if c.dep_ in SUBJECT_DEPS), None)
        if subj is None:  # "with Washington cutting ... and Beijing pausing its ...": misparsed gerunds
            k = v.i - 1
            while k >= 0 and self.doc[k].pos_ in ("AUX", "ADV", "PART"):
                k -= 1
            subj = self.doc[k] if k >= 0 and self.doc[k].pos_ in ("PROPN", "NOUN") else None
        if subj is None or subj.i > t.i:
            return None
        return subj.i

    def _window_start(self, sent: int, back: int = 2) -> int:
        """First token of the sentence ``back`` sentences before ``sent``."""
        target = max(0, sent - back)
        return bisect.bisect_left(self.sent_of, target)

    # -- descriptions -----------------------------------------------------------
    def _description(self, t: Token, recs: list[Referent], keys: list[int]) -> tuple[str, int] | None:
        """ "the agency" -> the last organisation that answers to "agency"; returns (actor, start token)."""
        doc = self.doc
        low = t.lemma_.lower()
        if t.dep_ in ("compound", "appos") or t.tag_ in _PLURAL_TAGS:
            return None
        if t.i + 1 < len(doc) and doc[t.i + 1].pos_ == "PROPN":
            return None  # "the agency KCNA": the name that follows is the mention
        if any(c.dep_ in ("prep", "appos") and c.lower_ in ("of", "for", "on", "in") or c.dep_ == "appos" for c in t.children):
            return None  # "the council of ministers", "the agency in charge": a new body
        start = t.i
        while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == t.i and doc[start - 1].pos_ == "NOUN":
            start -= 1
        if any(self.taken[i] for i in range(start, t.i + 1)):
            return None
        phrase = doc[start:t.i + 1].text.lower()
        qual = self._qualifier(t)
        if qual is not None:  # "South Korea's spy agency": the one the base knows for that state
            cands = self.described.get((qual, phrase)) or self.described.get((qual, low)) or []
            if len(cands) > 1:
                cands = [c for c in cands if c in self.actors]
            return (cands[0], start) if len(cands) == 1 else None
        if not any(c.dep_ == "det" and c.lower_ == "the" for c in t.children):
            return None
        # "the separatist group" is not the "Special Services Group": an adjective the
        # name does not carry names another body, unless the base lists the description
        adjectives = {c.lower_ for c in t.children if c.dep_ == "amod"}
        for r in reversed(recs[:bisect.bisect_left(keys, t.i)]):
            if not r.ref.startswith("~") and (phrase in r.nouns or low in r.nouns):
                if adjectives and not self._fits_adjectives(r.ref, adjectives, {phrase, low}):
                    continue
                return r.ref, start
        return None

    def _fits_adjectives(self, aid: str, adjectives: set[str], described: set[str]) -> bool:
        """True when the actor's names carry every adjective, or the base lists the description itself."""
        e = self.base.get(aid)
        a = self.actors.get(aid)
        if e is not None and described & {d.lower() for d in e.descriptions}:
            return True
        names = [*(e.aliases if e else []), *(a.aliases if a else []), *([e.name] if e else [a.name] if a else [])]
        words = {w for n in names for w in n.lower().replace("'", " ").replace("-", " ").split()}
        return adjectives <= words

    def _qualifier(self, t: Token) -> str | None:
        """The state a description noun is qualified by ("Chinese", "South Korea's"), if any."""
        for c in t.children:
            if c.dep_ in ("poss", "amod", "compound", "nmod") and c.i < t.i:
                aid = self._actor_at.get(c.i)
                if aid is not None:
                    a = self.actors.get(aid)
                    return a.country if a is not None and a.kind == "state" else ""
        return None

    # -- first person -----------------------------------------------------------
    def _quotes(self) -> list[tuple[int, int, str | None]]:
        """Quotations as (first token, end token, speaker actor id or None), in order."""
        doc = self.doc
        text = doc.text
        segs: list[tuple[int, int]] = []
        for para_start, para in _paragraphs(text):
            open_at = -1
            for k, ch in enumerate(para):
                if open_at < 0 and ch in _OPEN_QUOTES and ch != "\u2019" and (k == 0 or not para[k - 1].isalnum()):
                    open_at = k
                elif open_at >= 0 and ch in _CLOSE_QUOTES and ch != "\u2018" and (k + 1 == len(para) or not para[k + 1].isalnum()):
                    segs.append((para_start + open_at, para_start + k))
                    open_at = -1
            if open_at >= 0:
                segs.append((para_start + open_at, para_start + len(para)))
        starts = [t.idx for t in doc]
        actor_at = self._actor_at
        out: list[tuple[int, int, str | None]] = []
        prev_end_char, prev_speaker = -1, None
        for s_char, e_char in segs:
            a, b = bisect.bisect_right(starts, s_char), bisect.bisect_left(starts, e_char)
            speaker = self._speaker_after(b, actor_at) or self._speaker_before(a, actor_at)
            if speaker is None and prev_end_char >= 0 and "\n" not in text[prev_end_char:s_char]:
                speaker = prev_speaker  # a quote continued after its attribution
            out.append((a, b, speaker))
            prev_end_char, prev_speaker = e_char, speaker
        return out

    def _speaker_after(self, b: int, actor_at: dict[int, str]) -> str | None:
        """ '"...," said X' / '"...," X said': the subject of the speech verb after a quote."""
        doc = self.doc
        for i in range(b + 1, min(len(doc), b + 10)):
            t = doc[i]
            if "\n" in t.text or t.text in _OPEN_QUOTES or (t.is_punct and t.text in ".!?;"):
                return None
            if t.lemma_.lower() in self.lex.quote_verbs and t.pos_ == "VERB":
                return self._subject_actor(t, actor_at)
        return None

    def _subject_actor(self, verb: Token, actor_at: dict[int, str]) -> str | None:
        """The actor speaking as subject of ``verb``: a mention, or a government phrase ("the Indian ministry")."""
        for c in verb.children:
            if c.dep_ not in SUBJECT_DEPS:
                continue
            if c.i in actor_at:
                return actor_at[c.i]
            if _is_body(c, self.lex):
                return next((actor_at[m.i] for m in c.children if m.dep_ in _MODIFIER_DEPS and m.i in actor_at
                             and self.actors.get(actor_at[m.i]) is not None and self.actors[actor_at[m.i]].kind != "person"), None)
        return None

    def _speaker_before(self, a: int, actor_at: dict[int, str]) -> str | None:
        """ 'X said: "..."': the subject of a speech verb just before the quote."""
        doc = self.doc
        for i in range(a - 2, max(-1, a - 12), -1):
            t = doc[i]
            if "\n" in t.text or (t.is_punct and t.text in ".!?") or t.text in _CLOSE_QUOTES:
                return None
            if t.lemma_.lower() in self.lex.quote_verbs and t.pos_ == "VERB":
                return self._subject_actor(t, actor_at)
        return None

    def _first_person(self, t: Token, quotes: list[tuple[int, int, str | None]], qstarts: list[int]) -> str | None:
        number = self.lex.first_person[t.lower_]
        k = bisect.bisect_right(qstarts, t.i) - 1
        if k >= 0 and quotes[k][0] <= t.i < quotes[k][1]:
            speaker = quotes[k][2]
            a = self.actors.get(speaker or "")
            if a is None:
                return None
            # "I" is a person speaking; "we" a state or organisation speaking for itself
            return speaker if (a.kind == "person") == (number == SG) else None
        return self._publisher() if number == PL else None

    def _publisher(self) -> str | None:
        """The outlet speaking in its own voice ("our assessment"), from ``Document.source``."""
        source = (self.ctx.document.source or "").strip()
        if not source:
            return None
        known = next((e.id for e in self.base.of_kind("organization") if e.name == source or source in e.aliases), None)
        aid = known or f"org:{slug(source)}"
        if aid not in self.actors:
            self.actors[aid] = self.base.actor(aid) if known else Actor(id=aid, name=source, kind="organization")
        return aid


def _fits(r: Referent, number: str, agent: bool) -> bool:
    """Whether a candidate agrees in number (and, for an acting subject, is not a thing)."""
    if r.ref == THING and agent:
        return False
    if r.ref == COORD:
        return number == PL
    return r.number == BOTH or r.number == number


def _main_subject(t: Token) -> bool:
    """Whether a token is the subject of its sentence's main verb (or of a verb coordinated with it)."""
    if t.dep_ not in SUBJECT_DEPS:
        return False
    v = t.head
    while v.dep_ == "conj" and v.head is not v:
        v = v.head
    return v.dep_ == "ROOT"


def _tag_number(t: Token) -> str:
    return PL if t.tag_ in _PLURAL_TAGS else SG


def _is_body(t: Token, lex: Any) -> bool:
    return t.lemma_.lower() in lex.body_nouns or t.lower_ in lex.body_nouns


def _personal_noun(t: Token, lex: Any) -> bool:
    """Nouns for people are never antecedents of "it" (nor, alone, of the "they" we resolve)."""
    low = t.lemma_.lower()
    return (low in lex.person_nouns or low in lex.analyst_nouns or low in lex.unnamed_person_nouns
            or low in lex.titles or t.lower_ in lex.analyst_groups)


def _paragraphs(text: str) -> list[tuple[int, str]]:
    out, pos = [], 0
    for para in text.split("\n"):
        out.append((pos, para))
        pos += len(para) + 1
    return out
