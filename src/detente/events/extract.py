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

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from spacy.tokens import Span, Token

from ..model import Actor, Date, Event, Location, Mention, stable_id
from ..pipeline import DocContext
from .lexicon import Entry, Lexicon
from .modality import Cues, Reading, read_modality

try:  # the time stage is written concurrently; degrade to unknown dates without it
    from ..timex import date_for as _date_for
except ImportError:  # pragma: no cover - depends on what is installed
    _date_for = None  # type: ignore[assignment]
try:  # places resolved by the actor stage ("in Beijing" -> CHN)
    from ..actors import location_at as _location_at
except ImportError:  # pragma: no cover
    _location_at = None  # type: ignore[assignment]

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
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our"})
PLACE_ENTS = frozenset({"GPE", "LOC", "FAC"})
PLACE_PREPS = frozenset({"in", "at", "inside", "near"})
SUBJ = frozenset({"nsubj", "csubj"})
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


class Extractor:
    """Finds events in a parsed, actor-annotated document."""

    def __init__(self, lexicon: Lexicon, cues: Cues, state_lookup: Callable[[str], Actor | None] | None = None):
        self.lex = lexicon
        self.cues = cues
        # ISO3 -> state Actor, for targets implied by a place ("a visit to Pyongyang")
        self.state_lookup = state_lookup

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
            return [own]
        # apposition: "China's Foreign Minister, Wang Yi"
        for c in tok.children:
            if c.dep_ == "appos":
                a = self._actor_of_token(ctx, c)
                if a:
                    return [a]
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
        return []

    def _pronoun(self, ctx: DocContext, tok: Token) -> list[str]:
        """A pronoun in reported speech refers to the speaker: "X said it would ..."."""
        for anc in tok.ancestors:
            if anc.lemma_.lower() in self.cues.speech_verbs or anc.lemma_.lower() in self.cues.governors:
                for c in anc.children:
                    if c.dep_ in SUBJ and c.i != tok.i and c.pos_ != "PRON":
                        return self.actors_at(ctx, c, 2)
        return []

    def _inside(self, ctx: DocContext, tok: Token, depth: int = 0) -> list[str]:
        """Actors inside a non-actor noun: "Haiti's efforts", "sanctions against Nigeria"."""
        direct = self.actors_at(ctx, tok)
        if direct or depth >= 2:
            return direct
        for c in tok.children:
            if c.dep_ == "prep" and c.lower_ in ("of", "to", "with", "against", "on", "for", "toward", "towards", "from"):
                for p in c.children:
                    if p.dep_ == "pobj":
                        found = self._inside(ctx, p, depth + 1)
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
        if seen > 4 or v.head.i == v.i:
            return [], False
        h = v.head
        if v.dep_ == "xcomp":
            if h.lemma_.lower() in OBJECT_CONTROL:
                for c in h.children:
                    if c.dep_ == "dobj":
                        return [c], False
            return self._subject(h, seen + 1)[0], False
        if v.dep_ in ("conj", "advcl"):
            return self._subject(h, seen + 1)[0], False
        if v.dep_ == "relcl":
            return [h], False
        if v.dep_ in ("acl", "xcomp") and h.pos_ == "NOUN":
            # "its refusal to send weapons", "Kim's decision to attend"
            return [c for c in h.children if c.dep_ == "poss"], False
        return [], False

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

    def _verb_args(self, ctx: DocContext, cand: Candidate) -> None:
        v = cand.head
        subj, passive = self._subject(v)
        source: list[str] = []
        target: list[str] = []
        for s in subj:
            (target if passive else source).extend(self.actors_at(ctx, s))
        for c in v.children:
            if c.dep_ == "agent":
                for p in c.children:
                    if p.dep_ == "pobj":
                        source.extend(self.actors_at(ctx, p))
            elif c.dep_ == "dobj" and (cand.noun is None or c.i != cand.noun.i):
                target.extend(self._inside(ctx, c))
            elif c.dep_ == "dative" and c.pos_ in ("PROPN", "NOUN", "PRON"):
                target.extend(self.actors_at(ctx, c))
        holders = [v] if cand.noun is None else [v, cand.noun]
        for h in holders:
            for p in self._preps(h, cand.entry.targets):
                if self._is_place(ctx, p):
                    continue
                target.extend(self._inside(ctx, p))
        if cand.noun is not None:
            for c in cand.noun.children:
                if c.dep_ == "prep" and c.lower_ == "between":
                    for p in c.children:
                        if p.dep_ == "pobj":
                            source.extend(self.actors_at(ctx, p))
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
        cand.source = _dedupe(source)
        cand.target = [a for a in _dedupe(target) if a not in cand.source]

    # --------------------------------------------------------------- triggers
    def _match_verb(self, v: Token) -> Candidate | None:
        lemma = v.lemma_.lower()
        entries = self.lex.verbs.get(lemma, ())
        objs = [c for c in v.children if c.dep_ in ("dobj", "nsubjpass", "attr")]
        obj_lemmas = {c.lemma_.lower() for c in objs}
        preps = {c.lower_ for c in v.children if c.dep_ in ("prep", "agent")}
        particle = next((c.lower_ for c in v.children if c.dep_ == "prt"), None)
        for e in entries:
            if not e.specific:
                continue
            if e.objects and not (e.objects & obj_lemmas):
                continue
            if e.preps and not (e.preps & preps):
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
        if lemma in self.lex.light_verbs:
            for o in objs:
                noun = self._through_container(o)
                ne = self._noun_entry(noun)
                if ne is not None:
                    return Candidate(entry=ne, head=v, tokens=[v, noun], noun=noun, light=True)
        for e in entries:
            if not e.specific:
                return Candidate(entry=e, head=v, tokens=[v])
        return None

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
                cand = self._match_verb(tok)
                if cand is not None:
                    out.append(cand)
                    consumed.update(t.i for t in cand.tokens)
        for tok in sent:
            if tok.i in consumed or tok.pos_ not in ("NOUN", "PROPN"):
                continue
            ne = self._noun_entry(tok)
            if ne is not None and not (tok.pos_ == "PROPN" and tok.ent_type_):
                out.append(Candidate(entry=ne, head=tok, tokens=[tok], nominal=True))
        out.sort(key=lambda c: c.head.i)
        return out

    # ---------------------------------------------------------------- events
    def extract(self, ctx: DocContext) -> list[Event]:
        """All events of the document (the headline excepted: the body reports its events)."""
        events: list[Event] = []
        headings = _headings(ctx.doc.text)
        for sent in ctx.doc.sents:
            for h_start, h_end in headings:
                if h_start <= sent.start_char < h_end:  # the parser glued a heading to the lead
                    first = next((t.i for t in sent if t.idx >= h_end and not t.is_space), sent.end)
                    sent = ctx.doc[first : sent.end]
            if len(sent):
                events.extend(self._sentence(ctx, sent))
        return events

    def _sentence(self, ctx: DocContext, sent: Span) -> list[Event]:
        cands = self.candidates(sent)
        for c in cands:
            if c.nominal:
                self._noun_args(ctx, c)
            else:
                self._verb_args(ctx, c)
        self._inherit_targets(ctx, cands)
        pledged = self._merge_commissives(cands)
        out: list[Event] = []
        for c in cands:
            if c.nominal and not c.source and not (c.target and c.entry.type in self.lex.target_only_nouns):
                continue  # a bare "the talks" says nothing about who
            if not c.source and not c.target:
                continue
            if (c.entry.symmetric or c.entry.type in JOINT_TYPES) and len(c.source) > 1 and not c.target:
                # "X and Y met": first-named as source, the others as target
                c.source, c.target = c.source[:1], c.source[1:]
            if not c.target:
                self._target_from_place(ctx, c)
            if not c.target and c.entry.type in self.lex.require_target:
                continue
            out.append(self._event(ctx, sent, c, asserted=c.head.i in pledged))
        return out

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

    def _target_from_place(self, ctx: DocContext, c: Candidate) -> None:
        """A visit to a capital targets its state: "travelled to Pyongyang" -> PRK."""
        if c.entry.type != "CONSULT" or c.entry.mode != "visit":
            return
        loc = self._location(ctx, c)
        if loc is None or not loc.country:
            return
        own = {getattr(ctx.actors.get(a), "country", None) for a in c.source}
        if loc.country in own:
            return
        state = self._state(ctx, loc.country)
        if state is not None:
            c.target = [state]

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
                    if d.head.dep_ in ("advcl", "xcomp") and d.head.head.i == c.head.i and d.target:
                        c.target = [a for a in d.target if a not in c.source]
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
        if asserted and reading.modality == "future":
            reading.modality = "asserted"
        toks = sorted(c.tokens, key=lambda t: t.i)
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1])
        date = self._date(ctx, c, anchor)
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
            sub = list(anchor.subtree)
            if not ctx.times_in(sub[0].idx, sub[-1].idx + len(sub[-1])):
                span_tok = anchor.head
                while span_tok.pos_ not in ("VERB", "AUX") and span_tok.head.i != span_tok.i:
                    span_tok = span_tok.head
        left, right = span_tok.left_edge, span_tok.right_edge
        if span_tok.dep_ == "relcl" and ctx.times_in(span_tok.head.idx, span_tok.head.idx + len(span_tok.head)):
            left = span_tok.head  # "last September, when Kim travelled to Beijing"
        try:
            date = _date_for(ctx, left.idx, right.idx + len(right))
        except Exception:  # noqa: BLE001 - a timex bug must not lose the event
            return Date.unknown()
        return date if isinstance(date, Date) else Date.unknown()

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

    def _location(self, ctx: DocContext, c: Candidate) -> Location | None:
        holders = [c.head] + ([c.noun] if c.noun is not None else [])
        if c.nominal and c.head.dep_ in ("nsubj", "nsubjpass"):
            holders.append(c.head.head)  # "the summit took place in Beijing"
        for h in holders:
            for child in h.children:
                if child.dep_ != "prep":
                    continue
                prep = child.lower_
                if prep not in PLACE_PREPS and not (prep == "to" and c.entry.mode == "visit"):
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
        country = None
        m = ctx.mention_for(span)
        if m is not None:
            actor = ctx.actors.get(m.actor)
            if actor is not None:
                country = actor.country or actor.code
        return Location(name=name, country=country)

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
