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

The helpers every rule uses (holders, modality, dates, stance words) live in
:mod:`detente.positions.reading`.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable

from spacy.tokens import Span, Token

from ..model import Claim, Event, Mention, Position, stable_id
from ..stage import DocContext
from .issues import IssueBook, IssueMatch
from .reading import CLIMB, FLIP, ORIGIN_RANK, VERBAL, Found, SentenceReader


class _Reader(SentenceReader):
    """Reads positions out of one document context: the rules, cue by cue."""


    def from_cue(self, match: IssueMatch, referred: bool = False) -> list[Found]:
        """The position (if any) of the words governing one issue cue (or a noun ``referred`` to it)."""
        sp = self.ctx.doc.char_span(match.start, match.end, alignment_mode="expand")
        if sp is None or not len(sp):
            return []
        sent = sp.root.sent
        if not referred and not self.book.allowed(match.issue, sent.text):
            return []
        if self.in_name(sp):
            return []  # "the ... Through Sanctions Act" names a law: no stance on sanctions
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
                if self.negated(t) and t.head.pos_ in VERBAL:  # "made no reference to X"
                    holders = self.subject_of(t.head)
                    return out + self._make(holders, match, "silent", t.head, "silence", date_tok=t.head)
                continue  # "the absence of references to X": the silence noun above decides
            if t.pos_ in VERBAL and lemma in self.cue.get("silent_verbs", ()):
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
            if t.pos_ in VERBAL and t.tag_ == "VBG" and t.dep_ in ("prep", "acl"):
                continue  # "silence regarding X", "concerning X": a participle used as a preposition
            if t.pos_ == "ADP" and t.lower_ in self.cue.get("clause_stops", ()) and path[-2].pos_ in VERBAL:
                return out  # "before granting any relief of X": X belongs to that clause, not the verb above
            if t.pos_ in VERBAL and (t.dep_ not in ("xcomp", "pcomp", "conj", "advcl")
                                      or (t.dep_ == "conj" and t.head.dep_ != "xcomp")):
                return out  # another verb's argument ("rejected the offer and asked for X"): no position
            if t.pos_ in VERBAL:
                continue
            if t.dep_ not in CLIMB and t.pos_ not in ("ADP", "NOUN", "PROPN", "ADJ"):
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
        if t.pos_ in VERBAL and t.lemma_.lower() in judges and below.dep_ == "dobj":
            verb = t  # "called the reimposition void": the complement hangs from the verb
            complements = [c for c in t.children if c.dep_ in ("oprd", "xcomp", "acomp", "ccomp")]
            complements += [o for c in t.children if c.dep_ == "prep" and c.lower_ == "as"
                            for o in c.children if o.dep_ == "pobj"]
        elif (below.dep_ == "nsubj" and t.dep_ in ("ccomp", "xcomp", "oprd")
              and t.head.lemma_.lower() in judges and t.head.pos_ in VERBAL):
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
            outer_stance = self.stance_word(outer) if outer.pos_ in VERBAL else None
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
                if t.pos_ in VERBAL:
                    break
        if self.no_longer(word):
            stance = "abandoned"
        inverts = self.book.issues[match.issue].inverts | self.cue.get("inverting_heads", frozenset())
        if stance in FLIP and any(t.lemma_.lower() in inverts for t in path[:-1]):
            stance = FLIP[stance]  # "opposes interference over Taiwan" backs One China
        if word.pos_ in VERBAL:
            holders = self.subject_of(word)
        else:
            if word.dep_ == "dobj" and self.stance_word(word.head) == "demands":
                return []  # "sought China's support for X": a support asked for, not held
            holders = self.possessor(word)
            if not holders and word.head.pos_ in VERBAL and word.dep_ in ("dobj", "attr"):
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
            if t.pos_ not in VERBAL or t.lemma_.lower() not in abandons:
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
        matches = [m for m in matches if self.book.allowed(m.issue, scope.sent.text) and not self._named(m)]
        if not matches or not self.book.fits(matches[0].issue, stance) or not self._holder_ok(c.speaker):
            return []
        origin = "silence" if stance == "silent" else "claim"
        sent = sp.sent
        return [Found(actor=c.speaker, issue=matches[0].issue, stance=stance, date=self.published(),
                      modality="asserted", start=sent.start_char, end=sent.end_char, origin=origin,
                      origin_id=c.id, reported_by=c.attribution, cue=(matches[0].start, matches[0].end))]

    def _named(self, m: IssueMatch) -> bool:
        sp = self.ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        return sp is not None and self.in_name(sp)

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
            if sp is None or not self.book.allowed(match.issue, sp.sent.text) or self.in_name(sp):
                continue  # issue words inside a law's name carry no stance
            found = self._governing_trigger(sp, e.trigger)
            if found is None:
                continue
            trig, path = found
            if trig.dep_ in ("pcomp", "xcomp"):
                outer = trig.head.head if trig.head.pos_ == "ADP" else trig.head
                if outer.pos_ in VERBAL and self.stance_word(outer) not in (None, "abandoned"):
                    continue  # "support China in defending X": the outer stance word is the position
            date = e.date if e.date.basis not in ("published", "unknown") and e.date.value else self.date_of(trig)
            st = "abandoned" if self.no_longer(trig) else stance
            inverts = self.book.issues[match.issue].inverts | self.cue.get("inverting_heads", frozenset())
            if st in FLIP and any(t.lemma_.lower() in inverts for t in path):
                st = FLIP[st]
            if not self.book.fits(match.issue, st):
                continue
            # the event's source must be the trigger's own subject: an event stage may pair a
            # trigger with actors of another clause ("support China in defending X")
            said = set(self.subject_of(trig) if trig.pos_ in VERBAL else self.possessor(trig))
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
            if t.pos_ in VERBAL and t.dep_ != "xcomp" and not (t.dep_ == "conj" and t.head.dep_ == "xcomp"):
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
        keep = old if ORIGIN_RANK[old.origin] <= ORIGIN_RANK[f.origin] else f
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
