"""Positions from a processed document: who holds what on which issue, when.

Everything runs from syntax and ``data/issues.yaml``; nothing here knows a name
or a sentence.  For every issue cue in the text, the words governing it decide:

* a stance word above it (``demanded X``, ``called for X``, ``its commitment to
  X``, ``rejected X``) -> that stance, held by the word's subject / possessor;
  ``no longer`` before it, or an abandonment word above it (``abandonment of its
  demand for X``) -> ``abandoned``;
* a negated mention (``did not mention X``, ``made no reference to X``) or a
  silence noun (``X's silence on Y``, ``the absence of references to Y in Z's
  statements``) -> ``silent``, held by the actor the text names for it.  This is
  absence reported as news, never a statement of that actor;
* a relative clause on the cue (``X, which Beijing demanded in 2019``).

An abandonment of an anaphoric object (``has now abandoned that position``)
takes the issue of the holder's position just before it.  Claims with a stance
(claims stage) and events whose type is a position (REQUEST/SUPPORT/REJECT of an
issue) add theirs; one position per (holder, issue, stance, sentence).

The date is the time expression governing the stance word (``During the 2019
visit, X demanded``; ``which X demanded as recently as 2019``), the event's date,
``PAST_REF`` for a past perfect (``had endorsed``), else the publication date.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import Claim, Date, Event, Mention, Position, TimeMention, stable_id
from ..pipeline import DocContext
from ..timex import day_value
from .issues import IssueBook, IssueMatch

_SUBJ = ("nsubj", "nsubjpass", "csubj")
_VERBAL = ("VERB", "AUX")
_CLIMB = ("prep", "pobj", "dobj", "pcomp", "amod", "compound", "appos", "conj", "cc", "det", "nmod", "npadvmod",
          "attr", "oprd", "dative")
_STANCE_LISTS = ("demands", "supports", "accepts", "opposes")
_FLIP = {"supports": "opposes", "demands": "opposes", "opposes": "supports"}
# where a stance found in text ranks when two sources give one for the same holder, issue and sentence
_ORIGIN_RANK = {"abandonment": 0, "silence": 1, "event": 2, "report": 3, "claim": 4}


@dataclass(slots=True)
class Found:
    """A position read from one sentence, before ids and merging."""

    actor: str
    issue: str
    stance: str
    date: Date
    modality: str
    start: int
    end: int
    origin: str
    origin_id: str | None = None
    reported_by: str | None = None
    cue: tuple[int, int] | None = None  # the issue's words, for the target


class _Reader:
    """Reads positions out of one document context."""

    def __init__(self, ctx: DocContext, book: IssueBook):
        self.ctx, self.book = ctx, book
        self.text = ctx.document.text
        self.cue = book.cues
        self._countries: set[str] | None = None
        self._counts: dict[str, int] | None = None

    # --- holders ---------------------------------------------------------------------

    def actors_at(self, tok: Token) -> list[str]:
        """The actors a noun phrase names: its head's mention (and coordinated heads', "Russia and
        China"), else the mentions modifying it; "both sides" / "neither side" are the story's pair."""
        heads = [tok, *[c for c in tok.conjuncts if c.i > tok.i]]
        if len(heads) > 1:
            return list(dict.fromkeys(a for h in heads for a in self._actors_at(h)))
        return self._actors_at(tok)

    def _actors_at(self, tok: Token) -> list[str]:
        side = tok if tok.lemma_.lower() in self.cue.get("side_nouns", ()) else None
        if side is None:
            poss = [c for c in tok.children if c.dep_ == "poss" and c.lemma_.lower() in self.cue.get("side_nouns", ())]
            side = poss[0] if poss else None
        if side is not None and any(c.lower_ in ("both", "neither", "each", "either") for c in side.children):
            return self.story_pair(tok.idx)
        sub = list(tok.subtree)
        lo, hi = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        found = self.ctx.mentions_in(lo, hi)
        for m in found:
            if m.start <= tok.idx < m.end:
                return [m.actor]
        # "A Chinese readout", "joint Sino-Russian statements": the modifiers name the holders
        return list(dict.fromkeys(m.actor for m in found if m.start < tok.idx))

    def story_pair(self, before: int) -> list[str]:
        """The two states of the latest event before ``before`` with one state on each side."""
        best: list[str] = []
        for e in self.ctx.events:
            if not e.mentions or e.mentions[0].start >= before:
                continue
            src = {self._state(a) for a in e.source}
            tgt = {self._state(a) for a in e.target}
            if len(src) == 1 and len(tgt) == 1 and src != tgt and all(self._is_state(a) for a in src | tgt):
                best = [e.source[0], e.target[0]]  # the actors themselves: they are in the document's actors
        return best

    def subject_of(self, verb: Token) -> list[str]:
        """The holder of a verb: its subject (through conj/xcomp/advcl chains), the agent of a
        passive, or the object of a controlling verb ("pushed China into acknowledging X")."""
        v = verb
        for _ in range(4):
            subj = [c for c in v.children if c.dep_ in _SUBJ]
            if subj:
                if subj[0].dep_ == "nsubjpass":
                    agents = [a for c in v.children if c.dep_ == "agent" for a in c.children if a.dep_ == "pobj"]
                    return self.actors_at(agents[0]) if agents else []
                return self.actors_at(subj[0])
            if v.dep_ in ("pcomp", "xcomp") and v.head.pos_ == "ADP" and v.head.head.pos_ in _VERBAL:
                objs = [c for c in v.head.head.children if c.dep_ == "dobj"]
                if objs:
                    return self.actors_at(objs[0])  # object control
            if v.dep_ == "xcomp":
                objs = [c for c in v.head.children if c.dep_ == "dobj"]
                if objs:
                    return self.actors_at(objs[0])
            if v.dep_ == "acl" and v.head.pos_ == "NOUN":
                # "an attempt by X to delay Y", "X's plan to drop Y", "X had no plans to drop Y"
                owner = self.possessor(v.head)
                if owner or v.head.dep_ not in ("dobj", "attr") or v.head.head.pos_ not in _VERBAL:
                    return owner
                v = v.head.head
                continue
            if v.dep_ in ("conj", "xcomp", "advcl", "pcomp", "prep") and v.head.i != v.i:
                v = v.head
                continue
            break
        return []

    def possessor(self, noun: Token) -> list[str]:
        """The holder of a noun ("China's demand", "its commitment", "demand by X")."""
        for c in noun.children:
            if c.dep_ == "poss":
                return self.actors_at(c)
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                return [a for o in c.children if o.dep_ == "pobj" for a in self.actors_at(o)]
        # a demonym or name modifying the noun: "Chinese support for X"
        mods = [c for c in noun.children if c.dep_ in ("amod", "compound") and c.i < noun.i]
        return [a for c in mods for a in self.actors_at(c)]

    # --- modality and dates -----------------------------------------------------------

    def modality(self, tok: Token) -> str:
        """asserted unless a modal verb governs the stance word (should/could/will) or it is the
        condition of an "if" clause."""
        conditionals = self.cue.get("conditionals", frozenset())
        for a in [tok, *tok.ancestors]:
            if any(c.dep_ == "mark" and c.lower_ in conditionals for c in a.children):
                return "hypothetical"  # "if Beijing opposed X", "unclear whether they will drop X"
        t = tok
        for _ in range(4):
            for c in t.children:
                w = c.lower_
                if c.dep_ == "aux" or c.tag_ == "MD":
                    if w in self.cue.get("prescriptive", ()):
                        return "prescriptive"
                    if w == "would" and t.dep_ == "ccomp" and t.head.pos_ in _VERBAL:
                        return "asserted"  # reported speech: "said X would support Y" is X's pledge
                    if w in self.cue.get("hypothetical", ()):
                        return "hypothetical"
                    if w in self.cue.get("future", ()):
                        return "future"
            if t.pos_ in _VERBAL and t.dep_ not in ("xcomp", "conj", "ccomp"):
                break
            if t.head.i == t.i:
                break
            t = t.head
        return "asserted"

    def published(self) -> Date:
        p = self.ctx.published
        if p is None:
            return Date(value="", granularity="unknown", basis="unknown")
        iso = p.isoformat()
        return Date(value=iso, granularity="day", start=iso, end=iso, basis="published")

    def date_of(self, tok: Token, exclude: Iterable[Token] = ()) -> Date:
        """The time governing a stance word: a time expression in its own clause, else
        PAST_REF for a past perfect, else the publication date."""
        skip: set[int] = set()
        for c in tok.children:
            if (c.dep_ == "conj" and c.pos_ in _VERBAL) or c.dep_ in ("ccomp", "parataxis"):
                skip.update(t.i for t in c.subtree)
        for e in exclude:
            skip.update(t.i for t in e.subtree)
        own = [t for t in tok.subtree if t.i not in skip]
        if own:
            lo, hi = own[0].idx, own[-1].idx + len(own[-1].text)
            ids = {t.idx for t in own}
            times = [tm for tm in self.ctx.times_in(lo, hi)
                     if tm.start in ids and tm.type in ("DATE", "TIME") and tm.value
                     and tm.value != "PRESENT_REF"]  # "now": the report's own time
            # a calendar value beats a vague one ("as recently as 2019": "recently" is PAST_REF)
            times.sort(key=lambda tm: tm.value.endswith("_REF"))
            if times:
                return self._date(times[0])
        if tok.tag_ == "VBN" and any(c.lower_ == "had" for c in tok.children if c.dep_ == "aux"):
            return self._past()
        if any(c.lemma_ == "use" and c.tag_ == "VBD" for c in [tok.head]) and tok.dep_ == "xcomp":
            return self._past()  # "used to demand"
        return self.published()

    def _past(self) -> Date:
        end = self.ctx.published.isoformat() if self.ctx.published else None
        return Date(value="PAST_REF", granularity="unknown", start=None, end=end, basis="context")

    def _date(self, tm: TimeMention) -> Date:
        start, end = tm.range_start, tm.range_end
        prev = self.text[max(0, tm.start - 6):tm.start].strip().lower()
        if prev.endswith("since") and self.ctx.published is not None:
            end = self.ctx.published.isoformat()  # "since 2024": held from then to the report
        return Date(value=day_value(tm.value), granularity=tm.granularity, start=start, end=end, basis="explicit")

    # --- the cue pass -----------------------------------------------------------------

    def stance_word(self, t: Token) -> str | None:
        lemma = t.lemma_.lower()
        if lemma in self.cue.get("intent_nouns", ()) and t.pos_ == "NOUN":
            return "opposes" if self.negated(t) else None  # "had no interest in talks"
        if lemma in self.cue.get("abandons", ()):
            return "abandoned"
        for name in _STANCE_LISTS:
            if lemma in self.cue.get(name, ()):
                if lemma in self.cue.get("needs_for", ()) and t.pos_ in _VERBAL and not any(
                        c.dep_ == "prep" and c.lower_ == "for" for c in t.children):
                    return None  # "called it a success", "asked them a question" are no demands
                return name
        return None

    def negated(self, t: Token) -> bool:
        neg = self.cue.get("negators", frozenset())
        for c in t.children:
            if c.lower_ in neg and c.dep_ in ("neg", "det", "advmod", "preconj"):
                return True
            if c.dep_ in _SUBJ and any(d.lower_ in neg for d in c.subtree if d.dep_ in ("det", "preconj")):
                return True  # "neither side's account referred to ..."
        return False

    def no_longer(self, t: Token) -> bool:
        window = self.text[max(0, t.idx - 24):t.idx].lower()
        return any(window.rstrip().endswith(p) for p in self.phrases("no_longer"))

    def phrases(self, name: str) -> tuple[str, ...]:
        return tuple(self.cue.get(name, ()))

    def from_cue(self, match: IssueMatch, referred: bool = False) -> list[Found]:
        """The position (if any) of the words governing one issue cue (or a noun ``referred`` to it)."""
        sp = self.ctx.doc.char_span(match.start, match.end, alignment_mode="expand")
        if sp is None or not len(sp):
            return []
        sent = sp.root.sent
        if not referred and not self.book.allowed(match.issue, sent.text):
            return []
        out = self._relative(sp, match)
        t = sp.root
        path: list[Token] = [t]
        for _ in range(8):
            if t.head.i == t.i:
                break
            t = t.head
            path.append(t)
            lemma = t.lemma_.lower()
            if t.pos_ == "NOUN" and lemma in self.cue.get("silent_nouns", ()):
                return out + self._silence_noun(t, sp, match)
            if t.pos_ == "NOUN" and lemma in self.cue.get("reference_nouns", ()):
                if self.negated(t) and t.head.pos_ in _VERBAL:  # "made no reference to X"
                    holders = self.subject_of(t.head)
                    return out + self._make(holders, match, "silent", t.head, "silence", date_tok=t.head)
                continue  # "the absence of references to X": the silence noun above decides
            if t.pos_ in _VERBAL and lemma in self.cue.get("silent_verbs", ()):
                if self.negated(t):
                    return out + self._make(self.subject_of(t), match, "silent", t, "silence")
                return out
            judged = self._judgement(t, path)
            if judged is not None:
                verb, judgement = judged
                return out + self._make(self.subject_of(verb), match, judgement, verb, "report")
            word_stance = self.stance_word(t)
            if word_stance is not None:
                return out + self._stance(t, word_stance, match, path)
            if t.pos_ in _VERBAL and t.tag_ == "VBG" and t.dep_ in ("prep", "acl"):
                continue  # "silence regarding X", "concerning X": a participle used as a preposition
            if t.pos_ in _VERBAL and (t.dep_ not in ("xcomp", "pcomp", "conj", "advcl")
                                      or (t.dep_ == "conj" and t.head.dep_ != "xcomp")):
                return out  # another verb's argument ("rejected the offer and asked for X"): no position
            if t.pos_ in _VERBAL:
                continue
            if t.dep_ not in _CLIMB and t.pos_ not in ("ADP", "NOUN", "PROPN", "ADJ"):
                return out
        return out

    def _judgement(self, t: Token, path: list[Token]) -> tuple[Token, str] | None:
        """"called X void", "did not consider X binding", "treats X as a fact", "called X a landmark":
        (the judging verb, the stance) when ``t`` judges the issue phrase just below it."""
        below = path[-2] if len(path) > 1 else None
        if below is None:
            return None
        verb, complements = None, []
        judges = self.cue.get("judge_verbs", frozenset())
        if t.pos_ in _VERBAL and t.lemma_.lower() in judges and below.dep_ == "dobj":
            verb = t  # "called the reimposition void": the complement hangs from the verb
            complements = [c for c in t.children if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp")]
            complements += [o for c in t.children if c.dep_ == "prep" and c.lower_ == "as"
                            for o in c.children if o.dep_ == "pobj"]
        elif (below.dep_ == "nsubj" and t.dep_ in ("ccomp", "xcomp", "oprd")
              and t.head.lemma_.lower() in judges and t.head.pos_ in _VERBAL):
            verb, complements = t.head, [t]  # "did not consider the sanctions binding"
        if verb is None or not complements:
            return None
        words = {w.lemma_.lower() for c in complements for w in [c, *c.children] if w.dep_ != "relcl"}
        negated = self.negated(verb)
        if words & self.cue.get("invalid", frozenset()):
            return None if negated else (verb, "opposes")
        if words & self.cue.get("valid", frozenset()):
            return verb, "opposes" if negated else "supports"
        if words & self.cue.get("settled", frozenset()) and not negated:
            return verb, "accepts"
        if words & self.cue.get("praise", frozenset()) and not negated:
            return verb, "supports"
        return None

    def _relative(self, sp: Span, match: IssueMatch) -> list[Found]:
        """"X, which Beijing demanded in 2019" / "X, a goal Beijing had endorsed": the relative clause's stance."""
        out: list[Found] = []
        heads = [sp.root, *[c for c in sp.root.children if c.dep_ == "appos"]]
        for h in heads:
            for rc in h.children:
                if rc.dep_ != "relcl":
                    continue
                stance = self.stance_word(rc)
                if stance is None or self.negated(rc):
                    continue
                if self.no_longer(rc):
                    stance = "abandoned"
                out += self._make(self.subject_of(rc), match, stance, rc, "report")
        return out

    def _silence_noun(self, noun: Token, sp: Span, match: IssueMatch) -> list[Found]:
        """"China's silence on X"; "the absence of references to X in Y's statements"."""
        holders = self.possessor(noun)
        if not holders:
            # the text names the holder in the silence's phrase: "in joint Sino-Russian statements"
            for t in noun.subtree:
                if t.dep_ == "pobj" and t.head.lower_ in ("in", "from", "by") and t.i not in range(sp.start, sp.end):
                    holders = self.actors_at(t)
                    if holders:
                        break
        return self._make(holders, match, "silent", noun, "silence")

    def _stance(self, word: Token, stance: str, match: IssueMatch, path: list[Token]) -> list[Found]:
        """A stance word governs the issue: its holder, with abandonment and negation read off."""
        intent = self.cue.get("intent_nouns", frozenset())
        if self.negated(word) and not self.no_longer(word) and word.lemma_.lower() not in intent:
            return []  # "did not support X" is no stance we can name
        if (stance == "abandoned" and word.dep_ in ("acl", "xcomp") and word.head.lemma_.lower() in intent
                and self.negated(word.head)):
            # "had no plans to withdraw from X": the position is kept
            return self._make(self.subject_of(word), match, "supports", word, "report")
        if word.dep_ in ("pcomp", "xcomp"):
            # "support China in defending X": the governing stance word is what the sentence asserts
            outer = word.head.head if word.head.pos_ == "ADP" else word.head
            outer_stance = self.stance_word(outer) if outer.pos_ in _VERBAL else None
            if outer_stance is not None and outer_stance != "abandoned":
                held = self._stance(outer, outer_stance, match, [*path, outer])
                if outer_stance != "demands":
                    return held
                # "pushed China into acknowledging X": one demands, the other (object control) holds it
                return held + self._make(self.subject_of(word), match, stance, word, "report")
        if any(t.lemma_.lower() in self.cue.get("blocking_heads", ()) for t in path):
            return []  # "accept the improbability of X" is no acceptance of X
        if stance != "abandoned" and word.pos_ == "NOUN":
            # an abandonment above the stance noun: "abandonment of its demand for X", "dropped its call for X"
            t = word
            for _ in range(3):
                if t.head.i == t.i:
                    break
                t = t.head
                if self.stance_word(t) == "abandoned":
                    return self._stance(t, "abandoned", match, [*path, t])
                if t.pos_ in _VERBAL:
                    break
        if self.no_longer(word):
            stance = "abandoned"
        inverts = self.book.issues[match.issue].inverts | self.cue.get("inverting_heads", frozenset())
        if stance in _FLIP and any(t.lemma_.lower() in inverts for t in path[:-1]):
            stance = _FLIP[stance]  # "opposes interference over Taiwan" backs One China
        if word.pos_ in _VERBAL:
            holders = self.subject_of(word)
        else:
            if word.dep_ == "dobj" and self.stance_word(word.head) == "demands":
                return []  # "sought China's support for X": a support asked for, not held
            holders = self.possessor(word)
            if not holders and word.head.pos_ in _VERBAL and word.dep_ in ("dobj", "attr"):
                holders = self.subject_of(word.head)  # "restate its commitment": "its" failed, the verb's subject
        origin = "abandonment" if stance == "abandoned" else "report"
        return self._make(holders, match, stance, word, origin)

    def _make(self, holders: list[str], match: IssueMatch, stance: str, word: Token, origin: str,
              date_tok: Token | None = None) -> list[Found]:
        if not holders or not self.book.fits(match.issue, stance):
            return []
        sent = word.sent
        cue = self.ctx.doc.char_span(match.start, match.end, alignment_mode="expand")
        # a time inside the issue's own phrase dates something else ("X, which Y demanded in 2019")
        inside = cue is not None and any(a.i == cue.root.i for a in word.ancestors)
        date = self.date_of(date_tok or word, exclude=[cue.root] if cue is not None and not inside
                            and cue.root.i != word.i else [])
        mod = "asserted" if stance == "silent" else self.modality(word)
        return [Found(actor=a, issue=match.issue, stance=stance, date=date, modality=mod,
                      start=sent.start_char, end=sent.end_char, origin=origin, cue=(match.start, match.end))
                for a in dict.fromkeys(holders) if self._holder_ok(a)]

    def _state(self, actor: str) -> str:
        """The state an actor speaks for: a person's country when they hold an office, else the actor."""
        a = self.ctx.actors.get(actor)
        if a is not None and a.kind == "person" and a.roles and a.country:
            return a.country
        return actor

    def target(self, f: Found) -> str | None:
        """The state an issue is about for issues held per target ("sanctions on Iran"): a state named
        in the issue's phrase, else the state the document mentions most, other than the holder's."""
        if not self.book.issues[f.issue].per_target:
            return None
        own = self._state(f.actor)
        if f.cue is not None:
            sp = self.ctx.doc.char_span(*f.cue, alignment_mode="expand")
            if sp is not None:
                lo, hi = _extent(sp.root)
                for m in self.ctx.mentions_in(lo, hi):
                    st = self._state(m.actor)
                    if st != own and self._is_state(st):
                        return st
        if self._counts is None:  # the document's state mentions, counted once
            self._counts = {}
            for m in self.ctx.actor_mentions:
                st = self._state(m.actor)
                if self._is_state(st):
                    self._counts[st] = self._counts.get(st, 0) + 1
        counts = {k: v for k, v in self._counts.items() if k != own}
        return max(sorted(counts), key=lambda k: counts[k]) if counts else None

    def _is_state(self, actor: str) -> bool:
        """A state's id: a state actor, or the ISO3 country of an actor (state ids are their codes)."""
        a = self.ctx.actors.get(actor)
        if a is not None:
            return a.kind == "state"
        if self._countries is None:
            self._countries = {x.country for x in self.ctx.actors.values() if x.country}
        return actor in self._countries

    def _holder_ok(self, actor: str) -> bool:
        """Commentators hold views, not positions: analysts and research bodies are left out."""
        a = self.ctx.actors.get(actor)
        if a is None:
            return False
        if a.kind == "group":
            return False
        return not (a.kind == "person" and not a.roles)

    # --- nouns standing for an issue named before ---------------------------------------

    def referring(self, named: list[IssueMatch]) -> list[IssueMatch]:
        """"Moscow dismissed the measures" after a sentence (or headline) naming sanctions: the
        issue's ``refers`` nouns, when the issue is named in the headline or the two sentences before."""
        refers = {w for i in self.book.issues.values() for w in i.refers}
        if not refers:
            return []
        sents = list(self.ctx.doc.sents)
        title_end = self.text.find("\n")
        title = {m.issue for m in named if m.start < title_end}
        starts = [m.start for m in named]  # ``named`` is in text order
        out: list[IssueMatch] = []
        for n, sent in enumerate(sents):
            nouns = [t for t in sent if t.pos_ == "NOUN" and t.lemma_.lower() in refers]
            if not nouns:
                continue
            lo = sents[max(0, n - 2)].start_char
            a, b, c = (bisect_left(starts, x) for x in (lo, sent.start_char, sent.end_char))
            here = {m.issue for m in named[b:c]}
            before = {m.issue for m in named[a:b]} | title
            for tok in nouns:
                for issue in sorted(before - here):
                    if tok.lemma_.lower() in self.book.issues[issue].refers:
                        out.append(IssueMatch(issue, tok.idx, tok.idx + len(tok.text)))
        return out

    # --- anaphoric abandonment -------------------------------------------------------

    def anaphoric(self, before: list[Found]) -> list[Found]:
        """"it has now abandoned that position": the issue of the holder's position just before."""
        out: list[Found] = []
        anaphors = self.cue.get("anaphors", frozenset())
        abandons = self.cue.get("abandons", frozenset())
        by_actor: dict[str, list[Found]] = {}
        for f in before:
            if f.stance not in ("silent", "abandoned"):
                by_actor.setdefault(f.actor, []).append(f)
        sents = [(s.start, s.start_char, s.end_char) for s in self.ctx.doc.sents]
        sent_tokens = [x[0] for x in sents]
        for t in self.ctx.doc:
            if t.pos_ not in _VERBAL or t.lemma_.lower() not in abandons:
                continue
            objs = [c for c in t.children if c.dep_ == "dobj" and c.lemma_.lower() in anaphors]
            if not objs or self.book.find(self.text, *_extent(objs[0])):
                continue
            k = bisect_right(sent_tokens, t.i) - 1
            _, lo, hi = sents[k]
            prev_sent = sents[k - 1][1] if k > 0 else lo
            for a in self.subject_of(t):
                earlier = [f for f in by_actor.get(a, []) if prev_sent <= f.start <= lo]
                if earlier:
                    src = earlier[-1]
                    out += [Found(actor=a, issue=src.issue, stance="abandoned", date=self.date_of(t),
                                  modality=self.modality(t), start=lo, end=hi, origin="abandonment", cue=src.cue)]
        return out

    # --- claims and events ------------------------------------------------------------

    def from_claim(self, c: Claim) -> list[Found]:
        """A claim whose stance is on a listed issue: the speaker's position (views of commentators left out)."""
        stance = self.book.claim_stances.get(c.stance or "")
        if stance is None or c.speaker is None or not c.mentions:
            return []
        m0 = c.mentions[0]
        sp = self.ctx.doc.char_span(m0.start, m0.end, alignment_mode="expand")
        if sp is None:
            return []
        scope = sp.sent if c.kind == "quote" else sp
        matches = self.book.find(self.text, scope.start_char, scope.end_char)
        matches = [m for m in matches if self.book.allowed(m.issue, scope.sent.text)]
        if not matches or not self.book.fits(matches[0].issue, stance) or not self._holder_ok(c.speaker):
            return []
        origin = "silence" if stance == "silent" else "claim"
        sent = sp.sent
        return [Found(actor=c.speaker, issue=matches[0].issue, stance=stance, date=self.published(),
                      modality="asserted", start=sent.start_char, end=sent.end_char, origin=origin,
                      origin_id=c.id, reported_by=c.attribution, cue=(matches[0].start, matches[0].end))]

    def from_event(self, e: Event) -> list[Found]:
        """An event that is a position: REQUEST/SUPPORT/REJECT whose trigger governs an issue cue."""
        stance = self.book.event_stances.get(e.type)
        if stance is None or not e.mentions or not e.source or e.modality == "negated":
            return []
        m0 = e.mentions[0]
        if m0.document != self.ctx.document.id:
            return []
        out: list[Found] = []
        for match in self.book.find(self.text, m0.start, m0.end):
            sp = self.ctx.doc.char_span(match.start, match.end, alignment_mode="expand")
            if sp is None or not self.book.allowed(match.issue, sp.sent.text):
                continue
            found = self._governing_trigger(sp, e.trigger)
            if found is None:
                continue
            trig, path = found
            if trig.dep_ in ("pcomp", "xcomp"):
                outer = trig.head.head if trig.head.pos_ == "ADP" else trig.head
                if outer.pos_ in _VERBAL and self.stance_word(outer) not in (None, "abandoned"):
                    continue  # "support China in defending X": the outer stance word is the position
            date = e.date if e.date.basis not in ("published", "unknown") and e.date.value else self.date_of(trig)
            st = "abandoned" if self.no_longer(trig) else stance
            inverts = self.book.issues[match.issue].inverts | self.cue.get("inverting_heads", frozenset())
            if st in _FLIP and any(t.lemma_.lower() in inverts for t in path):
                st = _FLIP[st]
            if not self.book.fits(match.issue, st):
                continue
            # the event's source must be the trigger's own subject: an event stage may pair a
            # trigger with actors of another clause ("support China in defending X")
            said = set(self.subject_of(trig) if trig.pos_ in _VERBAL else self.possessor(trig))
            holders = [a for a in e.source if a in said or self._state(a) in said]
            out += [Found(actor=a, issue=match.issue, stance=st, date=date, modality=e.modality,
                          start=sp.sent.start_char, end=sp.sent.end_char, origin="event", origin_id=e.id,
                          cue=(match.start, match.end))
                    for a in holders if self._holder_ok(a)]
        return out

    def _governing_trigger(self, sp: Span, trigger: str | None) -> tuple[Token, list[Token]] | None:
        """The event's trigger word when it governs the issue cue, with the words between them."""
        if not trigger:
            return None
        first = trigger.split()[0].lower()
        t = sp.root
        path: list[Token] = []
        for _ in range(6):
            if t.head.i == t.i:
                return None
            t = t.head
            if t.lower_ == first or t.lemma_.lower() == first:
                return t, path
            path.append(t)
            if t.pos_ in _VERBAL and t.dep_ != "xcomp" and not (t.dep_ == "conj" and t.head.dep_ == "xcomp"):
                # another verb's argument: "denied the request and asked for X" is two acts, while
                # "urged them to stop and resume talks" is one request
                return None
        return None


def _extent(tok: Token) -> tuple[int, int]:
    sub = list(tok.subtree)
    return sub[0].idx, sub[-1].idx + len(sub[-1].text)


def _merge(found: list[Found], state: Callable[[str], str]) -> list[Found]:
    """One position per (state held for, issue, stance, sentence): the most specific origin, the most
    precise date ("Kim reaffirmed Pyongyang's support for X" is one position of North Korea's)."""
    best: dict[tuple[str, str, str, int], Found] = {}
    for f in found:
        key = (state(f.actor), f.issue, f.stance, f.start)
        old = best.get(key)
        if old is None:
            best[key] = f
            continue
        keep = old if _ORIGIN_RANK[old.origin] <= _ORIGIN_RANK[f.origin] else f
        other = f if keep is old else old
        if keep.date.basis in ("published", "unknown") and other.date.basis not in ("published", "unknown"):
            keep.date = other.date
        keep.origin_id = keep.origin_id or other.origin_id
        keep.reported_by = keep.reported_by or other.reported_by
        keep.cue = keep.cue or other.cue
        best[key] = keep
    # a silence and a stance word for the same holder, issue and sentence: the stance word is the finer reading
    # a claim's stance (claims stage: a cue word near the issue) yields to the syntactic reading of the
    # same holder, issue and sentence ("no plans to withdraw from X" supports X)
    out = list(best.values())
    read = {(state(f.actor), f.issue, f.start) for f in out if f.origin != "claim"}
    return [f for f in out if f.origin != "claim" or (state(f.actor), f.issue, f.start) not in read]


def positions_for(ctx: DocContext, book: IssueBook) -> list[Position]:
    """Every position ``ctx``'s document states, reports or implies by silence (pure: ``ctx`` unchanged)."""
    reader = _Reader(ctx, book)
    found: list[Found] = []
    named = book.find(ctx.document.text)
    for match in named:
        found += reader.from_cue(match)
    for match in reader.referring(named):
        found += reader.from_cue(match, referred=True)
    for e in ctx.events:
        found += reader.from_event(e)
    for c in ctx.claims:
        found += reader.from_claim(c)
    found.sort(key=lambda f: f.start)
    found += reader.anaphoric(found)
    doc_id, text = ctx.document.id, ctx.document.text
    out: list[Position] = []
    for f in sorted(_merge(found, reader._state), key=lambda f: (f.start, f.actor, f.issue)):
        actor = ctx.actors.get(f.actor)
        state = None
        if actor is not None and actor.kind == "person" and actor.roles and actor.country:
            state = actor.country
        out.append(Position(
            id=stable_id("p", doc_id, f.start, f.actor, f.issue, f.stance),
            actor=f.actor, issue=f.issue, stance=f.stance, date=f.date, modality=f.modality,
            mentions=[Mention(doc_id, f.start, f.end, text[f.start:f.end])],
            origin=f.origin, origin_id=f.origin_id, state=state, reported_by=f.reported_by,
            target=reader.target(f),
        ))
    return out
