"""The three passes that find claims: quotations, reported speech, silences; and stance.

1. Quotations are attributed to the subject of the speech verb that governs them.
2. A clause introduced by a speech or judgement verb is reported speech.
3. "did not mention X" in a readout is a silence on issue X.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from ..linguistics import block, block_subject
from ..model import ActorMention
from ..stage import DocContext
from .lexicon import Lexicon
from .speakers import _VERBAL, _according_to, _Draft, _range, _Resolver, speech_subject

_SUBJ = ("nsubj", "nsubjpass")

_MARKS = "\"“”"
_STRIP = " \t\n,;:."
_STRIP_TOKENS = frozenset({",", ";", ":", ".", "—", "–", "-"})
# what may stand before an opening mark, and after a closing one
_BEFORE_OPEN = " \t([{—–-/"
_AFTER_CLOSE = " \t,.;:!?)]}—–-'’"


def _mark_role(line: str, i: int) -> str:
    """ "open" or "close" for the quotation mark at ``line[i]``, read from its neighbours first:
    real text mixes straight and curly marks (“…," or "…”) and drops closing marks, so the
    shape of a mark decides only when its neighbours do not."""
    before = line[i - 1] if i > 0 else " "
    after = line[i + 1] if i + 1 < len(line) else " "
    opens = before in _BEFORE_OPEN or before in _MARKS
    closes = after in _AFTER_CLOSE or after in _MARKS
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    if line[i] == "“":
        return "open"
    if line[i] == "”":
        return "close"
    return "either"


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character spans of the quoted text (inside the marks, trailing punctuation trimmed).

    A quote never crosses a line.  A quote left open when the next one opens is the
    paragraph convention of running quotes (no closing mark before the next paragraph's
    opening one): it ends where the next one opens, as it does at the end of its line.
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    for line in text.split("\n"):
        start: int | None = None
        for i, ch in enumerate(line):
            if ch not in _MARKS:
                continue
            role = _mark_role(line, i)
            if role == "either":
                role = "close" if start is not None else "open"
            if role == "open":
                if start is not None:
                    spans.append((pos + start, pos + i))
                start = i + 1
            elif start is not None:
                spans.append((pos + start, pos + i))
                start = None
        if start is not None:
            spans.append((pos + start, pos + len(line)))
        pos += len(line) + 1
    out = []
    for a, b in spans:
        while a < b and text[a] in _STRIP:
            a += 1
        while b > a and text[b - 1] in _STRIP:
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _governing_verb(span: Span, lex: Lexicon, inside: set[int]) -> Token | None:
    """The speech verb a quoted span hangs from, outside the quote."""
    lo, hi = block(span[0])
    for tok in span:
        if tok.head.i in inside or tok.head.i == tok.i:
            continue
        t = tok.head
        if tok.dep_ == "ccomp" and t.pos_ == "VERB" and lo <= t.idx < hi \
                and any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children) \
                and block_subject(t) is not None:
            return t  # the quote is what a verb asserts: "X assured Y that “…”"
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
        tagged: str | None = None
        if verb is None:
            found = _attribution_after(ctx, lex, res, sp, inside_all)
            if found is not None:
                verb, tagged = found
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
        speaker: str | None = tagged
        subj = speech_subject(verb) if verb is not None and tagged is None else None
        if subj is not None:
            speaker = res.speaker(subj, last)
        elif tagged is not None:
            pass
        elif verb is None and attribution in ctx.actors:
            speaker = attribution  # according to NISA, “…”: the source is who speaks
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


_CLOSE = frozenset({",", ".", "!", "?", "”", '"', "’", "'"})
_WINDOW = 10  # tokens after a quote where its attribution ("…,” Rep. X, a Republican, told VOA) may stand


def _attribution_after(ctx: DocContext, lex: Lexicon, res: _Resolver, sp: Span,
                       inside: set[int]) -> tuple[Token, str] | None:
    """The attribution standing right after a quote when the parse did not link it (“…,”
    Republican Representative X, told VOA): a speech verb within a few tokens of the closing
    mark, before the sentence ends, and the person named between (else right after the verb)."""
    doc = ctx.doc
    j = sp.end
    while j < len(doc) and doc[j].text in _CLOSE:
        if doc[j].text == "." or doc[j].is_sent_start:
            return None  # the quote closed its sentence: what follows is a new one
        j += 1
    lo = j
    if lo >= len(doc) or doc[lo].is_sent_start:
        return None
    window: list[Token] = []
    while j < len(doc) and len(window) < _WINDOW and j not in inside \
            and doc[j].text not in (".", "!", "?", "“", '"') and not doc[j].is_space:
        window.append(doc[j])
        j += 1
    verb = next((t for t in window if t.pos_ in _VERBAL and t.lemma_.lower() in lex.speech_verbs), None)
    if verb is None:
        return None
    def named(m: ActorMention) -> bool:
        return res.kind(m) == "person" and m.text[:1].isupper() and m.text.lower() not in res.lex.person_pronouns

    between = [m for m in ctx.mentions_in(doc[lo].idx, verb.idx) if named(m)]
    if between:
        return verb, between[-1].actor
    after = [m for m in ctx.mentions_in(verb.idx, window[-1].idx + len(window[-1].text)) if named(m)]
    if after:
        return verb, after[0].actor
    return None


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
    text = ctx.document.text
    for v in ctx.doc:
        if not _reports(v, lex):
            continue
        if any(a <= v.idx < b for a, b in quoted):
            continue
        content = _content(v, lex)
        if content is None:
            continue
        a, b = content
        if _quotes_speech(ctx, a, b, quoted):
            continue  # the quotation is the claim
        if len(text[a:b].split()) < 3:
            continue
        subj = speech_subject(v)
        if subj is None or _in_title(ctx, v.idx):
            continue  # "it is said that…": nobody to hold the claim
        speaker = res.speaker(subj, drafts[-1] if drafts else None)
        kind = res.kind_of(speaker, subj, v)
        if v.lemma_.lower() in lex.news_verbs and speaker is not None and res.kind_of_actor(speaker) == "organization":
            continue  # "KCNA reported …": an outlet's news is left to the events stage, not a claim
        if kind == "statement" and speaker is None:
            continue  # an official statement needs its official: "officials said" is too vague to keep
        drafts.append(_Draft(kind, speaker, [(a, b)], verb=v.i))
    drafts.extend(_according_clauses(ctx, lex, res, quoted, drafts))
    return drafts


def _quotes_speech(ctx: DocContext, a: int, b: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether the clause [a, b) quotes its speaker's words: a quotation in it holding a verb
    or closing it (Kim said helping Russia was a “fraternal duty”: the quotation is the
    claim).  A quoted name or label inside it (the “high-threat illegal aliens” sent there
    are members of a gang) leaves the clause the claim."""
    text = ctx.document.text
    for qa, qb in quoted:
        if qa < b and a < qb:
            span = ctx.doc.char_span(max(a, qa), min(b, qb), alignment_mode="expand")
            rest = text[qb:b].lstrip(_CLOSE_CHARS)
            # the quotation ends its clause (another may follow: "… “partners” and that …")
            closing = not rest or rest.split(None, 1)[0].lower() in ("and", "but", "while", "as")
            if span is None or closing or any(t.pos_ in _VERBAL for t in span) or (qb - qa) * 2 >= b - a:
                return True
    return False


_CLOSE_CHARS = " \t\n,.;:!?\"”’'"


def _mostly_quoted(a: int, b: int, quoted: list[tuple[int, int]], text: str) -> bool:
    """Whether quotations make up most of the clause [a, b) (a quoted word or title inside a
    reported clause does not make the clause a quotation)."""
    return any(qa < b and a < qb for qa, qb in quoted)


def _according_clauses(ctx: DocContext, lex: Lexicon, res: _Resolver, quoted: list[tuple[int, int]],
                       found: list[_Draft]) -> list[_Draft]:
    """ "<clause>, according to X": the clause is X's claim (when X is an actor and no reporting
    verb already gave the sentence a claim)."""
    out: list[_Draft] = []
    text = ctx.document.text
    for sent in ctx.doc.sents:
        if any(sent.start_char <= d.spans[0][0] < sent.end_char for d in (*found, *out)):
            continue
        for tok in sent:
            if not (tok.lower_ == "according" and tok.dep_ == "prep" and tok.i + 1 < len(ctx.doc)
                    and ctx.doc[tok.i + 1].lower_ == "to"):
                continue
            obj = next((c for c in ctx.doc[tok.i + 1].children if c.dep_ == "pobj"), None)
            clause = tok.head
            if obj is None or clause.pos_ not in _VERBAL or _in_title(ctx, tok.idx):
                continue
            speaker = res.actor(obj)
            if speaker is None or not _is_person(ctx, speaker):
                continue  # an agency or a data source "according to" reports facts, not a view
            skip = {t.i for t in tok.subtree}
            toks = [t for t in clause.subtree if t.i not in skip and t.dep_ != "cc" or t.i == clause.i]
            toks = [t for t in toks if not (t.is_punct and t.i in (toks[0].i, toks[-1].i))]
            a, b = _trimmed(toks, block(clause))
            if b - a < 12 or _mostly_quoted(a, b, quoted, text):
                continue
            out.append(_Draft(res.kind_of(speaker, None, clause), speaker, [(a, b)], attribution=speaker))
            break
    return out


def _is_person(ctx: DocContext, actor: str) -> bool:
    a = ctx.actors.get(actor)
    return a is not None and a.kind == "person"


def _trimmed(toks: list[Token], bounds: tuple[int, int]) -> tuple[int, int]:
    """The character range of ``toks`` (in text order) inside ``bounds``, stray commas trimmed."""
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (toks[0].text in _STRIP_TOKENS or toks[0].is_space):
        toks = toks[1:]
    while toks and (toks[-1].text in _STRIP_TOKENS or toks[-1].is_space):
        toks = toks[:-1]
    if not toks:
        return 0, 0
    lo, hi = bounds
    return max(lo, toks[0].idx), min(hi, toks[-1].idx + len(toks[-1].text))


def _content(v: Token, lex: Lexicon) -> tuple[int, int] | None:
    """The reported content of a reporting verb: its clause (all of it when the parser split it
    into several complements), the clause it interrupts ("Such matters, he told VOA, should
    …"), "X as Y" for "see X as Y", or what "accuse Y of" names."""
    lo, hi = block(v)
    comps = [c for c in v.children if c.dep_ == "ccomp"]
    if comps:
        toks = [t for c in comps for t in c.subtree
                if not (t.dep_ == "mark" and t.head.i == c.i and t.lower_ in ("that", "whether"))]
        toks = [t for t in sorted(toks, key=lambda t: t.i) if t.pos_ != "PUNCT" or t.i not in (toks[0].i, toks[-1].i)]
        if toks:
            return _trimmed(toks, (lo, hi))
    if v.dep_ == "parataxis" and v.head.pos_ in _VERBAL and v.head.i > v.i:
        # "Such questions, she told reporters, must be settled …": the speech verb interrupts the
        # clause; the claim runs from the interruption on (a clause it merely follows is a
        # report of fact: "X will deliver …, Y said, as part of …" is not read here)
        end = max(t.i for t in v.subtree)
        toks = [t for t in v.head.subtree if t.i > end]
        if toks:
            return _trimmed(toks, (lo, hi))
    for prep in (c for c in v.children if c.dep_ == "prep"):
        for noun in (o for o in prep.children if o.dep_ == "pobj"):
            # "said in a statement that …": the parser hangs the clause on the noun
            for cl in noun.children:
                if cl.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" and m.lower_ == "that" for m in cl.children):
                    toks = [t for t in cl.subtree if not (t.dep_ == "mark" and t.head.i == cl.i)]
                    return max(lo, toks[0].idx), min(hi, toks[-1].idx + len(toks[-1].text))
        if prep.lower_ == "of" and v.lemma_.lower() in lex.charge_verbs:
            # "accuses Pakistan of exploiting …": the charge is the claim
            comp = next((c for c in prep.children if c.dep_ == "pcomp"), None)
            if comp is not None:
                return _trimmed(list(comp.subtree), (lo, hi))
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
            subj = block_subject(t) if t.pos_ in _VERBAL else None
            return (subj, subj) if subj is not None else None
        if t.pos_ in _VERBAL:
            if lemma in lex.silent_verbs and _negated(t, lex):
                subj = block_subject(t)
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
