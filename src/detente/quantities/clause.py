"""The clause of a number: its counted noun, subjects, modality, date and source.

Read from the spaCy parse within the number's paragraph (a figure never
crosses a line).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable

from spacy.tokens import Doc, Span, Token

from ..linguistics import according_to, block, block_subject, paragraph_starts, state_pair
from ..modality import read_modality
from ..model import ActorMention, Date, Mention
from ..stage import DocContext
from ..timex import date_for
from .lexicon import Lexicon, load_lexicon

_VERBAL = {"VERB", "AUX"}


# --- the parse -------------------------------------------------------------------------


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _counted_noun(tok: Token, lex: Lexicon) -> Token | None:
    """The noun a number counts ("60 nuclear warheads" -> warheads), if worth counting."""
    doc = tok.doc
    # partitive: "four of the 15 votes"
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objs = [o for o in prep.children if o.dep_ == "pobj" and _plural(o)]
            if objs and _countable(objs[0], lex):
                return objs[0]
    head = tok
    # climb through nummod/quantmod/compound links to the noun the number modifies
    for _ in range(3):
        if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.head.i != head.i:
            head = head.head
            if head.pos_ in ("NOUN", "PROPN"):
                break
        else:
            break
    if head.i == tok.i or head.pos_ not in ("NOUN", "PROPN"):
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ == "NOUN":
            head = nxt  # a mis-parse: "26 nations" tagged with the number as head
        else:
            return None
    return head if _countable(head, lex) else None


def _countable(noun: Token, lex: Lexicon) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in lex.measure_nouns or noun.lower_ in lex.measure_nouns:
        return True
    prev = noun.doc[noun.i - 1] if noun.i > 0 else None
    if prev is not None and f"{prev.lemma_.lower()} {lemma}" in lex.measure_nouns:
        return True
    if lemma in lex.frequency_nouns:
        # "met three times" counts meetings; "three times larger" is a ratio
        nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        comparative = nxt is not None and (nxt.tag_ in ("JJR", "RBR") or nxt.lower_ in ("as", "more", "the"))
        return noun.head.pos_ == "VERB" and noun.dep_ in ("npadvmod", "advmod", "dobj") and not comparative
    if lemma in lex.not_counted:
        return False
    return _plural(noun)


def _plural(noun: Token) -> bool:
    # spaCy tags peoples' names as singular proper nouns ("48 Chinese Uyghurs": NNP)
    if noun.tag_ == "NNP":
        return noun.lower_.endswith("s") and not noun.lower_.endswith("ss") and len(noun) > 3
    return noun.tag_ in ("NNS", "NNPS")


def victim_measure(tok: Token, lex: Lexicon) -> str | None:
    """"gunmen killed 18", "12 were arrested": a bare number as the object of a verb that counts people."""
    if tok.dep_ in ("dobj", "nsubjpass") and tok.head.pos_ == "VERB":
        return lex.victim_verbs.get(tok.head.lemma_.lower())
    return None


def tally_measure(tok: Token, lex: Lexicon) -> str | None:
    """"the death toll rose to 63", "deaths surged from 88 to 388", "put the number of fighters at
    between 1,500 and 3,000": the figure a tally verb carries its counted subject or object to."""
    if tok.dep_ == "conj" and tok.head.tag_ == "CD":
        tok = tok.head  # the second end of "between 1,500 and 3,000"
    if tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        verb = tok.head.head  # "rose to 63", "at between 2,000 and 4,000"
    elif tok.dep_ in ("dobj", "attr"):
        verb = tok.head  # "the toll reached 45", "the death toll is 45"
    else:
        return None
    if verb.pos_ not in ("VERB", "AUX") or verb.lemma_.lower() not in lex.tally_verbs:
        return None
    for arg in verb.children:
        if arg.dep_ not in ("nsubj", "nsubjpass", "dobj") or arg.i == tok.i:
            continue
        lemma = arg.lemma_.lower()
        if lemma in lex.tally_nouns:
            # "the number of IS fighters" counts the fighters; "the death toll" counts deaths
            for prep in arg.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    objs = [o for o in prep.children if o.dep_ == "pobj" and _plural(o)]
                    if objs:
                        return _noun_phrase(objs[0], [])
            return _noun_phrase(arg, [])
        if _plural(arg) and lemma in lex.measure_nouns:
            return _noun_phrase(arg, [])
    return None


def earlier_count_noun(tok: Token, lex: Lexicon) -> str | None:
    """The nearest plural measure noun before ``tok`` in its sentence ("children ..., with more
    than 1.3 million living in camps" -> children)."""
    for t in reversed(list(tok.sent)[: tok.i - tok.sent.start]):
        if t.pos_ == "NOUN" and _plural(t) and t.lemma_.lower() in lex.measure_nouns:
            return _noun_phrase(t, [])
    return None


def _in_mentions(tok: Token, mentions: list[ActorMention]) -> bool:
    return any(m.start <= tok.idx < m.end for m in mentions)


def _phrase(tokens: Iterable[Token], mentions: list[ActorMention]) -> str:
    words = [t for t in tokens if t.pos_ not in ("DET", "PUNCT") and t.dep_ not in ("poss", "case")
             and t.tag_ not in ("JJR", "RBR")
             and not _in_mentions(t, mentions)]
    return " ".join(t.text for t in words).strip()


def _noun_phrase(noun: Token, mentions: list[ActorMention]) -> str:
    """A noun with its adjective and compound modifiers ("bilateral trade")."""
    mods = [c for c in noun.lefts if c.dep_ in ("amod", "compound")]
    return _phrase([*mods, noun], mentions)


def _chain(tok: Token) -> list[Token]:
    """Tokens from ``tok`` up to the root of its sentence, within its paragraph."""
    lo, hi = block(tok)
    out = [tok]
    while out[-1].head.i != out[-1].i and lo <= out[-1].head.idx < hi:
        out.append(out[-1].head)
    return out


def _clause_verb(anchor: Token, lex: Lexicon) -> tuple[Token | None, Token | None]:
    """The first verb above the anchor with a subject, and that subject."""
    first: Token | None = None
    for t in _chain(anchor)[1:]:
        if t.pos_ in _VERBAL or t.dep_ == "ROOT":
            first = first or t
            subj = _subject(t)
            if subj is not None:
                return t, subj
    return first, None


def _mentions_under(ctx: DocContext, tok: Token) -> list[ActorMention]:
    sub = list(tok.subtree)
    lo, hi = block(tok)
    return ctx.mentions_in(max(lo, sub[0].idx), min(hi, sub[-1].idx + len(sub[-1].text)))


def _according_to(ctx: DocContext, sent: Span, lex: Lexicon) -> tuple[str, tuple[int, int]] | None:
    """The source of an "according to X" phrase: X's actor id, else its name without "estimates"."""
    for obj in according_to(sent):
        if obj is None:
            continue
        sub = list(obj.subtree)
        rng = (sub[0].idx, sub[-1].idx + len(sub[-1].text))
        found = ctx.mentions_in(*rng)
        if found:
            return found[0].actor, rng
        words = [w.text for w in sub if w.pos_ not in ("DET", "PUNCT") and w.lower_ not in lex.source_nouns]
        if words:
            return " ".join(words), rng
    return None


def _modality(anchor: Token, lex: Lexicon) -> str:
    """Modality from the cues between the number and the top of its clause (the shared walk)."""
    return read_modality(anchor, lex.modality).modality


def _date_for(ctx: DocContext, start: int, end: int) -> Date | None:
    """The time stage's date for [start, end), when it found one."""
    d = date_for(ctx, start, end)
    if d.value and d.basis != "unknown":
        return d
    return None




def _between_two(anchor: Token, subj: Token | None) -> bool:
    """Whether the number's phrase or its clause subject is about a pair ("bilateral trade", "two-way trade")."""
    for head in (anchor, subj):
        if head is not None and any(t.lower_ in load_lexicon().pair_words for t in head.subtree):
            return True
    return False


def _story_pair(ctx: DocContext, before: int) -> list[str]:
    """The story's current pair of states at ``before``, as the events stage keeps it: the latest
    event with one state on each side, told in the same or the previous paragraph."""
    starts = paragraph_starts(ctx.document.text)
    here = bisect_right(starts, before)
    for ev in sorted(ctx.events, key=lambda e: e.mentions[0].start if e.mentions else before, reverse=True):
        start = ev.mentions[0].start if ev.mentions else before
        if start >= before:
            continue
        if bisect_right(starts, start) < here - 1:
            break
        pair = state_pair(ctx, ev)
        if pair is not None:
            return [pair[0][1], pair[1][1]]
    return []


def _subject_mentions(ctx: DocContext, anchor: Token, verb: Token | None,
                      subj: Token | None) -> list[ActorMention]:
    """Actors the number is about: its own phrase ("X's", "of X"), the clause subject, agent, dative."""
    found = list(_mentions_under(ctx, anchor))
    if found and anchor.lemma_.lower() in load_lexicon().state_set_nouns:  # "26 nations, including ...": those states
        return found
    if subj is not None and anchor.i not in {t.i for t in subj.subtree}:
        found.extend(_mentions_under(ctx, subj))
    if verb is not None:
        for ch in verb.children:
            if ch.dep_ in ("dative", "agent"):
                found.extend(_mentions_under(ctx, ch))
    return found


def _attribution(ctx: DocContext, anchor: Token, verb: Token | None,
                 lex: Lexicon) -> tuple[str | None, tuple[int, int], str | None]:
    """Who the number comes from, the range naming it, and the speaker (both kept out of subjects)."""
    found = _according_to(ctx, anchor.sent, lex)
    if found is not None:
        return found[0], found[1], None
    for t in _chain(anchor)[1:]:
        if t.lemma_.lower() in lex.attribution_verbs and (verb is None or t.i != verb.i):
            s = _subject(t)
            if s is not None:
                ms = _mentions_under(ctx, s)
                if ms:
                    return ms[0].actor, (0, 0), ms[0].actor
    return None, (0, 0), None


def _clause_date(ctx: DocContext, anchor: Token, verb: Token | None, start: int, end: int) -> Date | None:
    """The date of the number's clause: a time expression attached to its verb or noun, else context."""
    if verb is not None:
        sub = list(verb.subtree)
        for t in ctx.times_in(sub[0].idx, sub[-1].idx + len(sub[-1].text)):
            span = _span(ctx.doc, t.start, t.end)
            if span is not None and _attached(span.root, {verb.i, anchor.i}):
                return _date_for(ctx, t.start, t.end)
    # no expression of its own ("the 1961 treaty" dates the treaty, not the number)
    return _date_for(ctx, start, end)


def _attached(tok: Token, targets: set[int]) -> bool:
    # a time phrase hangs off the verb/number directly or through a preposition
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i in targets:
            return True
        if tok.pos_ != "ADP":
            return False
    return False


def _mention(ctx: DocContext, start: int, end: int) -> Mention:
    return Mention(document=ctx.document.id, start=start, end=end, text=ctx.document.text[start:end])


def _subject(verb: Token) -> Token | None:
    """The subject of ``verb`` itself, inside its paragraph (a clause's own subject)."""
    return block_subject(verb, ("nsubj", "nsubjpass", "csubj"), climb=False)
