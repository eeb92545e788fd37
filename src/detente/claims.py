"""Claims: direct quotations, reported assessments and official statements.

Three passes over a parsed document, all driven by ``data/claims.yaml``:

1. **Quotes.**  Every “curly” or "straight" double-quoted span.  Its speaker is
   the subject of the speech verb that governs it (“…,” X said / X said, “…” /
   declaring, “…” -> the subject of the governing verb).  A split quotation
   (“A,” X said. “B.”) is **one claim with one mention per quoted part**: the
   parts share a speech verb, or the later part stands alone as the next
   sentence.  "according to X" sets ``attribution`` (and is the speaker only
   when nobody else is).  A short quoted phrase with no speech verb or source
   around it (“shadow fleet”) is a scare quote, not a claim.
2. **Reported speech.**  A clause introduced by a speech or judgement verb
   ("X noted that…", "analysts see this as…", "X said China's stance is…") is an
   ``assessment`` when it comes from commentators (analysts, researchers, a
   think tank, a judgement verb) and a ``statement`` when it comes from an
   official, a government or an official text.
3. **Silence.**  "a readout did not mention denuclearisation", "Beijing's
   silence on denuclearisation": a ``statement`` by the holder with stance
   ``silent`` on the issue.

Every claim gets ``about`` (actors named in it, not the speaker) and, when an
issue listed in claims.yaml is named with a cue, ``stance`` and ``issue``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Span, Token

from .model import ActorMention, Claim, Mention, stable_id
from .nlp import line_bounds
from .pipeline import DocContext
from .settings import Settings

_CURLY = re.compile(r"“([^“”\n]+)”")
_STRIP = " \t\n,;:."
_VERBAL = {"VERB", "AUX"}
_SUBJ = ("nsubj", "nsubjpass")


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``data/claims.yaml``."""

    speech_verbs: frozenset[str]
    assessment_verbs: frozenset[str]
    commentator_nouns: frozenset[str]
    research_org_words: tuple[str, ...]
    statement_nouns: frozenset[str]
    official_nouns: frozenset[str]
    body_nouns: frozenset[str]
    not_speech_when_transitive: frozenset[str]
    issues: dict[str, re.Pattern[str]]
    support: frozenset[str]
    oppose: frozenset[str]
    silent_verbs: frozenset[str]
    silent_nouns: frozenset[str]
    reference_nouns: frozenset[str]
    negators: frozenset[str]
    window: int

    @property
    def reporting(self) -> frozenset[str]:
        return self.speech_verbs | self.assessment_verbs


@cache
def load_lexicon() -> Lexicon:
    """Read ``data/claims.yaml`` (once per process)."""
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("detente").joinpath("data/claims.yaml").read_text(encoding="utf-8")
    )
    st = raw["stance"]
    issues = {
        name: re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b",
                         re.I)
        for name, forms in raw["issues"].items()
    }
    return Lexicon(
        speech_verbs=frozenset(raw["speech_verbs"]),
        assessment_verbs=frozenset(raw["assessment_verbs"]),
        commentator_nouns=frozenset(raw["commentator_nouns"]),
        research_org_words=tuple(raw["research_org_words"]),
        statement_nouns=frozenset(raw["statement_nouns"]),
        official_nouns=frozenset(raw["official_nouns"]),
        body_nouns=frozenset(raw["body_nouns"]),
        not_speech_when_transitive=frozenset(raw["not_speech_when_transitive"]),
        issues=issues,
        support=frozenset(st["support"]),
        oppose=frozenset(st["oppose"]),
        silent_verbs=frozenset(st["silent_verbs"]),
        silent_nouns=frozenset(st["silent_nouns"]),
        reference_nouns=frozenset(st["reference_nouns"]),
        negators=frozenset(st["negators"]),
        window=int(st["window"]),
    )


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of the quoted text (inside the marks, trailing punctuation trimmed)."""
    spans: list[tuple[int, int]] = [(m.start(1), m.end(1)) for m in _CURLY.finditer(text)]
    pos = 0
    for line in text.split("\n"):
        marks = [pos + i for i, ch in enumerate(line) if ch == '"']
        for a, b in zip(marks[::2], marks[1::2], strict=False):
            spans.append((a + 1, b))
        pos += len(line) + 1
    out = []
    for a, b in sorted(spans):
        while a < b and text[a] in _STRIP:
            a += 1
        while b > a and text[b - 1] in _STRIP:
            b -= 1
        if b > a:
            out.append((a, b))
    return out


# --- syntax helpers ------------------------------------------------------------------


def _block(tok: Token) -> tuple[int, int]:
    """The line (paragraph) holding ``tok``: a quote or a number never crosses one."""
    return line_bounds(tok.doc, tok.idx)


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb``, or of the verb it hangs from ("declaring, …" -> who declared)."""
    lo, hi = _block(verb)
    v = verb
    for _ in range(4):
        for c in v.children:
            if c.dep_ in _SUBJ and lo <= c.idx < hi:
                return c
        if v.dep_ in ("advcl", "xcomp", "conj", "pcomp", "acl", "prep") and v.head.i != v.i and lo <= v.head.idx < hi:
            v = v.head
            continue
        break
    return None


def _range(tok: Token) -> tuple[int, int]:
    sub = list(tok.subtree)
    lo, hi = _block(tok)
    return max(lo, sub[0].idx), min(hi, sub[-1].idx + len(sub[-1].text))


def _according_to(ctx: DocContext, sent: Span) -> tuple[str, tuple[int, int]] | None:
    """The source named by "according to X" in ``sent``: an actor id, else the name."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            objs = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
            if not objs:
                continue
            rng = _range(objs[0])
            found = ctx.mentions_in(*rng)
            if found:
                return found[0].actor, rng
            words = [w.text for w in objs[0].subtree if w.pos_ not in ("DET", "PUNCT")]
            return " ".join(words), rng
    return None


class _Resolver:
    """Speakers from subject tokens, remembering the last one for pronouns and continuations."""

    def __init__(self, ctx: DocContext, lex: Lexicon):
        self.ctx, self.lex = ctx, lex

    def actor(self, subj: Token) -> str | None:
        lo, hi = _range(subj)
        found = self.ctx.mentions_in(lo, hi)
        if not found:
            return None
        for m in found:  # the mention naming the subject's head first ("Timor-Leste's prime minister, X")
            if m.start <= subj.idx < m.end:
                return m.actor
        people = [m for m in found if self._kind(m) == "person"]
        return (people or found)[0].actor

    def speaker(self, subj: Token, last: _Draft | None) -> str | None:
        """The actor of a subject.  Unresolved, a body ("the agency", "it") is the latest
        organisation or state named before it in the paragraph; a person ("a spokesperson",
        "he") is the previous claim's speaker in the paragraph."""
        found = self.actor(subj)
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
        if (subj.pos_ == "PRON" or lemma in self.lex.official_nouns) and last is not None:
            if last.spans[-1][0] >= para:
                return last.speaker
        return None

    def _kind(self, m: ActorMention) -> str:
        a = self.ctx.actors.get(m.actor)
        return a.kind if a else "unknown"

    def is_commentator(self, subj: Token) -> bool:
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


def _governing_verb(span: Span, lex: Lexicon, inside: set[int]) -> Token | None:
    """The speech verb a quoted span hangs from, outside the quote."""
    lo, hi = _block(span[0])
    for tok in span:
        if tok.head.i in inside or tok.head.i == tok.i:
            continue
        t = tok.head
        for _ in range(5):
            if not (lo <= t.idx < hi):
                break
            if _reports(t, lex):
                return t
            if t.pos_ in _VERBAL and t.dep_ not in ("xcomp", "ccomp", "advcl", "pcomp"):
                break  # the quote belongs to this verb's own clause ("adds vessels of “…”")
            if t.head.i == t.i:
                break
            t = t.head
    if not _is_clause(span):
        return None  # a quoted phrase must hang from its speech verb
    # the quote is the whole clause: its root is governed by a speech verb in the sentence
    sent = span[0].sent
    best: Token | None = None
    for t in sent:
        if t.i in inside or not (lo <= t.idx < hi):
            continue
        if _reports(t, lex) and t.lemma_.lower() in lex.speech_verbs:
            if best is None or abs(t.i - span.start) < abs(best.i - span.start):
                best = t
    return best


def _reports(t: Token, lex: Lexicon) -> bool:
    """Whether ``t`` is a reporting verb here ("he added", but not "adds 117 vessels")."""
    lemma = t.lemma_.lower()
    if t.pos_ not in _VERBAL or lemma not in lex.reporting:
        return False
    return not (lemma in lex.not_speech_when_transitive and any(c.dep_ == "dobj" for c in t.children))


def _is_clause(span: Span) -> bool:
    return len(span) >= 4 and any(t.pos_ in _VERBAL for t in span)


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


def _quotes(ctx: DocContext, lex: Lexicon, res: _Resolver, reported: list[_Draft]) -> list[_Draft]:
    doc = ctx.doc
    drafts: list[_Draft] = []
    quotes = find_quotes(ctx.document.text)
    inside_all: set[int] = set()
    spans: list[Span] = []
    for a, b in quotes:
        sp = doc.char_span(a, b, alignment_mode="expand")
        if sp is None or not len(sp):
            continue
        spans.append(sp)
        inside_all.update(range(sp.start, sp.end))
    last: _Draft | None = None
    for sp in spans:
        if _in_title(ctx, sp.start_char):
            continue
        verb = _governing_verb(sp, lex, inside_all)
        src = _according_to(ctx, sp[0].sent)
        attribution = src[0] if src else None
        if verb is not None and last is not None and last.verb == verb.i:
            last.spans.append((sp.start_char, sp.end_char))  # “A,” X said, “B.”
            continue
        if verb is None and src is None:
            if last is not None and _is_clause(sp) and _continues(ctx, last, sp):
                last.spans.append((sp.start_char, sp.end_char))  # “A,” X said. “B.”
                continue
            if not _is_clause(sp):
                continue  # a scare quote or a name: “shadow fleet”
        speaker: str | None = None
        subj = _subject(verb) if verb is not None else None
        if subj is not None:
            speaker = res.speaker(subj, last)
        elif verb is None:
            # a quote standing alone takes the speaker of the claim just before it
            before = [d for d in (*reported, *drafts) if d.spans[-1][1] <= sp.start_char]
            if before:
                prev = max(before, key=lambda d: d.spans[-1][1])
                if ctx.document.text.count("\n\n", prev.spans[-1][1], sp.start_char) <= 1:
                    speaker = prev.speaker
        d = _Draft("quote", speaker, [(sp.start_char, sp.end_char)], attribution, verb.i if verb is not None else None)
        drafts.append(d)
        last = d
    return drafts


def _in_title(ctx: DocContext, pos: int) -> bool:
    """Whether ``pos`` is in the document's first line when that line is a title (no final stop)."""
    text = ctx.document.text
    first = text.lstrip()
    offset = len(text) - len(first)
    end = first.find("\n")
    if end < 0:
        return False
    line = first[:end].rstrip()
    return offset <= pos < offset + end and not line.endswith((".", "!", "?", "”", '"'))


def _continues(ctx: DocContext, last: _Draft, sp: Span) -> bool:
    """Whether ``sp`` is the next sentence of the quote in ``last`` (“A,” X said. “B.”)."""
    if last.kind != "quote":
        return False
    text = ctx.document.text
    anchor = ctx.doc[last.verb] if last.verb is not None else None
    end = max(last.spans[-1][1], anchor.sent.end_char if anchor is not None else 0)
    gap = text[end:sp.start_char]
    return "\n\n" not in gap and not gap.strip(" \t\n\"“”.,")


def _reported(ctx: DocContext, lex: Lexicon, res: _Resolver, quoted: list[tuple[int, int]]) -> list[_Draft]:
    drafts: list[_Draft] = []
    for v in ctx.doc:
        if not _reports(v, lex):
            continue
        if any(a <= v.idx < b for a, b in quoted):
            continue
        content = _content(v)
        if content is None:
            continue
        a, b = content
        if any(qa < b and a < qb for qa, qb in quoted):
            continue  # the quotation is the claim
        if len(ctx.document.text[a:b].split()) < 3:
            continue
        subj = _subject(v)
        if subj is None or _in_title(ctx, v.idx):
            continue  # "it is said that…": nobody to hold the claim
        speaker = res.speaker(subj, drafts[-1] if drafts else None)
        kind = res.kind_of(speaker, subj, v)
        if kind == "statement" and speaker is None:
            continue  # an official statement needs its official: "officials said" is too vague to keep
        drafts.append(_Draft(kind, speaker, [(a, b)], verb=v.i))
    return drafts


def _content(v: Token) -> tuple[int, int] | None:
    """The reported content of a reporting verb: its clause, or "X as Y" for "see X as Y"."""
    lo, hi = _block(v)
    for c in v.children:
        if c.dep_ == "ccomp":
            toks = [t for t in c.subtree if not (t.dep_ == "mark" and t.head.i == c.i and t.lower_ in ("that", "whether"))]
            toks = [t for t in toks if t.pos_ != "PUNCT" or t.i not in (toks[0].i, toks[-1].i)]
            if toks:
                return max(lo, toks[0].idx), min(hi, toks[-1].idx + len(toks[-1].text))
    for prep in (c for c in v.children if c.dep_ == "prep"):
        for noun in (o for o in prep.children if o.dep_ == "pobj"):
            # "said in a statement that …": the parser hangs the clause on the noun
            for cl in noun.children:
                if cl.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children):
                    toks = [t for t in cl.subtree if not (t.dep_ == "mark" and t.head.i == cl.i)]
                    return max(lo, toks[0].idx), min(hi, toks[-1].idx + len(toks[-1].text))
    objs = [c for c in v.children if c.dep_ == "dobj"]
    preps = [c for c in v.children if c.dep_ == "prep" and c.lower_ == "as"]
    if objs and preps:
        toks = [*objs[0].subtree, *preps[0].subtree]
        toks.sort(key=lambda t: t.i)
        return max(lo, toks[0].idx), min(hi, toks[-1].idx + len(toks[-1].text))
    return None


def _silences(ctx: DocContext, lex: Lexicon, res: _Resolver) -> list[_Draft]:
    """Statements that an actor left an issue unmentioned."""
    text = ctx.document.text
    drafts: list[_Draft] = []
    for issue, pat in lex.issues.items():
        for m in pat.finditer(text):
            sp = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
            if sp is None:
                continue
            found = _silent_holder(sp.root, lex)
            if found is None:
                continue
            holder_tok, start_tok = found
            lo, _ = _range(start_tok)
            end = max(sp.end_char, _range(sp.root)[1])
            speaker = res.actor(holder_tok) if holder_tok is not None else None
            drafts.append(_Draft("statement", speaker, [(lo, end)], stance="silent", issue=issue))
    return drafts


def _silent_holder(issue: Token, lex: Lexicon) -> tuple[Token, Token] | None:
    """For an issue word under a silence construction: (holder token, first token of the claim)."""
    t = issue
    for _ in range(5):
        if t.head.i == t.i:
            return None
        t = t.head
        lemma = t.lemma_.lower()
        if t.pos_ == "NOUN" and lemma in lex.silent_nouns:
            poss = [c for c in t.children if c.dep_ == "poss"]
            holder = poss[0] if poss else t
            return holder, (poss[0] if poss else t)
        if t.pos_ == "NOUN" and lemma in lex.reference_nouns and _negated(t, lex):
            t = t.head  # "made no reference to X": the verb holds the subject
            subj = _subject(t) if t.pos_ in _VERBAL else None
            return (subj, subj) if subj is not None else None
        if t.pos_ in _VERBAL:
            if lemma in lex.silent_verbs and _negated(t, lex):
                subj = _subject(t)
                return (subj, subj) if subj is not None else None
            return None
    return None


def _negated(t: Token, lex: Lexicon) -> bool:
    for c in t.children:
        if c.lower_ in lex.negators and c.dep_ in ("neg", "det", "advmod", "preconj"):
            return True
        if c.dep_ in _SUBJ and any(d.lower_ in lex.negators for d in c.subtree if d.dep_ in ("det", "preconj")):
            return True  # "neither side's account referred to…"
    return False


def _stance(ctx: DocContext, d: _Draft, lex: Lexicon) -> None:
    """Support/oppose toward a listed issue named in the claim (or its sentence, for a quote)."""
    if d.stance is not None:
        return
    a, b = d.spans[0]
    first = ctx.doc.char_span(a, b, alignment_mode="expand")
    if first is None:
        return
    scope = first.sent if d.kind == "quote" else first
    for issue, pat in lex.issues.items():
        m = pat.search(ctx.document.text, scope.start_char, scope.end_char)
        if m is None:
            continue
        sp = ctx.doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if sp is None:
            continue
        if _silent_holder(sp.root, lex) is not None:
            d.stance, d.issue = "silent", issue
            return
        window = ctx.doc[max(scope.start, sp.start - lex.window):sp.start]
        lemmas = [t.lemma_.lower() for t in window]
        negated = any(t.lower_ in lex.negators for t in window)
        if any(x in lex.oppose for x in lemmas):
            d.stance, d.issue = ("support" if negated else "oppose"), issue
        elif any(x in lex.support for x in lemmas):
            d.stance, d.issue = ("oppose" if negated else "support"), issue
        else:
            d.issue = issue
        return


def extract(ctx: DocContext, lex: Lexicon | None = None) -> list[Claim]:
    """All claims in ``ctx``'s document (pure: does not modify ``ctx``)."""
    lex = lex or load_lexicon()
    res = _Resolver(ctx, lex)
    reported = _reported(ctx, lex, res, find_quotes(ctx.document.text))
    drafts = _quotes(ctx, lex, res, reported) + reported
    silences = _silences(ctx, lex, res)
    for s in silences:
        a, b = s.spans[0]
        # a reported claim already covering the silence takes its stance instead of a duplicate
        host = next((d for d in drafts if d.kind != "quote" and d.spans[0][0] <= a < d.spans[0][1]), None)
        if host is not None and host.speaker == s.speaker:
            host.stance, host.issue = "silent", s.issue
        elif not any(x.spans[0] == s.spans[0] for x in drafts):
            drafts.append(s)
    out: list[Claim] = []
    doc_id, text = ctx.document.id, ctx.document.text
    for d in sorted(drafts, key=lambda d: d.spans[0]):
        _stance(ctx, d, lex)
        about: list[str] = []
        for a, b in d.spans:
            about.extend(m.actor for m in ctx.mentions_in(a, b))
        out.append(Claim(
            id=stable_id("c", doc_id, *d.spans[0]),
            kind=d.kind,
            speaker=d.speaker,
            text=" … ".join(text[a:b] for a, b in d.spans),
            about=[x for x in dict.fromkeys(about) if x != d.speaker],
            stance=d.stance,
            mentions=[Mention(doc_id, a, b, text[a:b]) for a, b in d.spans],
            issue=d.issue,
            attribution=d.attribution,
        ))
    return out


@dataclass
class ClaimsStage:
    """Pipeline stage: appends the document's claims to ``ctx.claims``."""

    lexicon: Lexicon
    name: str = "claims"

    def __call__(self, ctx: DocContext) -> None:
        ctx.claims.extend(extract(ctx, self.lexicon))


def make_stage(settings: Settings) -> Callable[[DocContext], None]:
    """Build the claims stage (the lexicon is loaded once)."""
    return ClaimsStage(load_lexicon())
