"""Dating events: the Date of a clause, from its own words or its context."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..linguistics import base_words, governing_verb
from ..model import Date, TimeMention
from ..stage import DocContext
from .extract import tense_of_verb
from .values import day_value

_DATEABLE = ("DATE", "TIME")


def _as_date(t: TimeMention, basis: str) -> Date:
    # The mention's range is the value's day bounds, or the interval it names
    # ("8-9 June"; "since 2020" runs to publication).
    return Date(
        value=day_value(t.value), granularity=t.granularity, start=t.range_start, end=t.range_end, basis=basis
    )


def _dateable(t: TimeMention) -> bool:
    return t.type in _DATEABLE and bool(t.value) and t.granularity != "unknown" and t.range_start is not None


def _clause_verb(span: Span) -> int:
    """Token index of the clause's verb (its root when it has none)."""
    root = span.root
    v = governing_verb(root)
    return (v if v is not None else root).i


def _span_of(ctx: DocContext, t: TimeMention) -> Span | None:
    """The tokens of an expression, None when they cannot be found."""
    if ctx.doc is None:
        return None
    tspan = ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
    return tspan if tspan is not None and len(tspan) else None


def _depends_on(ctx: DocContext, t: TimeMention, verb: int) -> bool:
    """Whether the expression's first governing verb is the clause's verb."""
    tspan = _span_of(ctx, t)
    if tspan is None:
        return False
    root = tspan.root
    # spaCy Tokens are views: compare positions, not identity
    tok = root.head if root.head.i != root.i else root
    v = governing_verb(tok)
    return v is not None and v.i == verb


def _paragraph_start(text: str, pos: int) -> int:
    return text.rfind("\n", 0, pos) + 1


def noun_of(ctx: DocContext, t: TimeMention) -> int | None:
    """Token index of the noun an expression modifies ("the February 8 vote",
    "Boko Haram's 2014 abduction", "Monday's talks"), None when it is no noun's
    modifier.  Such a time dates its noun, not the clause the noun sits in."""
    if ctx.doc is None:
        return None
    tspan = _span_of(ctx, t)
    if tspan is None:
        return None
    root = tspan.root
    head = root.head
    if root.dep_ in ("compound", "nummod", "amod", "poss", "nmod") and head.pos_ in ("NOUN", "PROPN") \
            and not (tspan.start <= head.i < tspan.end):
        return head.i
    return None


def deadline(ctx: DocContext, t: TimeMention) -> bool:
    """ "to be completed by June 30", "postponed the duties until October 1": a time after one of
    ``linguistics.yaml``'s ``deadline_preps`` is a limit the story sets, not a moment it narrates."""
    tspan = _span_of(ctx, t)
    if tspan is None or tspan.start == 0:
        return False
    return tspan.doc[tspan.start - 1].lower_ in base_words().deadline_preps


def date_for(ctx: DocContext, start: int, end: int, word: int | None = None) -> Date:
    """The date of the event told in the clause/sentence at [start, end).

    In order: a temporal expression inside the range (one that depends on the
    clause's verb first), else the latest day-level date in the earlier
    sentences of the same paragraph ("context"), else the publication date for
    a present-tense or present-perfect clause ("published"), else unknown.
    Durations, sets and references never date an event.  With ``word`` (the
    token index of the event's word), a time modifying another noun ("urging
    an inquiry into the February 8 vote") is that noun's, not the event's: it
    counts only on the word itself or on its argument (``foreign_noun``).
    """
    inside = [t for t in ctx.times_in(start, end) if _dateable(t) and not foreign_noun(ctx, t, word)]
    span = ctx.doc.char_span(start, end, alignment_mode="expand") if ctx.doc is not None else None
    if inside:
        if span is not None and len(span):
            verb = _clause_verb(span)
            attached = [t for t in inside if _depends_on(ctx, t, verb)]
            if attached:
                return _as_date(attached[0], "explicit")
        return _as_date(inside[0], "explicit")
    para = _paragraph_start(ctx.document.text, start)
    before = [
        t for t in ctx.times
        if para <= t.start and t.end <= start and _dateable(t) and t.granularity == "day" and not deadline(ctx, t)
    ]
    if before:
        return _as_date(narrative_of(ctx, before), "context")
    if ctx.published is not None and _present_reporting(ctx, span, start, end):
        d = ctx.published.isoformat()
        return Date(value=d, granularity="day", start=d, end=d, basis="published")
    return Date.unknown()


def narrative_of(ctx: DocContext, times: list[TimeMention]) -> TimeMention:
    """The last of ``times`` as the story's narrative time: of the times the last
    dated sentence tells, the clause's own rather than one on a noun ("Sunday
    praised the pullout, as the toll from the previous day's blasts rose": the
    narrative is Sunday's, the blasts only are the day before's)."""
    last = times[-1]
    if ctx.doc is None:
        return last
    span = ctx.doc.char_span(last.start, last.end, alignment_mode="expand")
    if span is None or not len(span):
        return last
    sent = span.sent
    same = [t for t in times if sent.start_char <= t.start < sent.end_char]
    own = [t for t in same if noun_of(ctx, t) is None]
    return own[-1] if own and noun_of(ctx, last) is not None else last


_PRESENT_TEXT = re.compile(r"\b(?:says|say|has|have|is|are|calls?|urges?|warns?)\b", re.IGNORECASE)


def foreign_noun(ctx: DocContext, t: TimeMention, word: int | None) -> bool:
    """Whether ``t`` modifies a noun other than the event's word ``word`` or its
    argument ("held Monday's talks", "met at the Feb. 3 summit")."""
    if word is None or ctx.doc is None:
        return False
    noun = noun_of(ctx, t)
    if noun is None or noun == word:
        return False
    head = ctx.doc[noun].head
    return head.i != word and not (head.dep_ == "prep" and head.head.i == word)


def _present_reporting(ctx: DocContext, span: Span | None, start: int, end: int) -> bool:
    if span is not None and len(span):
        v = governing_verb(span.root)
        if v is not None:
            aux = {c.lower_ for c in v.children if c.dep_ in ("aux", "auxpass")}
            if aux & {"has", "have", "'s", "'ve"} and v.tag_ == "VBN":
                return True  # present perfect: "has called for"
            return tense_of_verb(v) == "present"
        return False
    return bool(_PRESENT_TEXT.search(ctx.document.text[start:end]))
