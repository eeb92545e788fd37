"""Quantities: money, percentages, counts and measures, with what they are about.

The stage scans the document text for numbers (digits or spelled out), reads the
currency, scale, percent sign or unit written around each one, and keeps:

* money ("$2.74 billion", "€1.2bn", "1.5 trillion yuan") -> ISO 4217 unit;
* percentages ("more than 95%", "95 percent", "a third of") -> unit "percent";
* measures ("300 km") -> a unit symbol from ``data/quantities.yaml``;
* counts of something worth counting ("28,000 troops") -> unit "count", with the
  counted noun phrase as ``measure``.  A bare number, a year, a date, an ordinal
  or an age is not a quantity, because only counts of listed nouns are kept.

The spaCy parse then gives each quantity its subjects (actors in the clause: the
number's own noun phrase, the clause subject, "of X"), the date of its clause
(through ``detente.timex.date_for`` when that stage exists), its modality (cue
words in the governing verbs), its qualifier ("about", "at least") and the
source of an estimate ("according to SIPRI estimates").  All word lists live in
``data/quantities.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Span, Token

from ..model import ActorMention, Quantity, stable_id
from ..settings import Settings
from ..stage import DocContext
from .candidates import Candidate, _year_like, find_candidates
from .clause import (
    _attribution,
    _between_two,
    _clause_date,
    _clause_verb,
    _counted_noun,
    _in_mentions,
    _mention,
    _modality,
    _noun_phrase,
    _phrase,
    _span,
    _story_pair,
    _subject_mentions,
    earlier_count_noun,
    tally_measure,
    victim_measure,
)
from .durations import measured_span
from .lexicon import Lexicon, load_lexicon

__all__ = ["QuantitiesStage", "Lexicon", "Candidate", "extract", "find_candidates", "load_lexicon", "make_stage"]

# a number standing on its own as a noun ("to 557", "displaced some 300,000")
_BARE_DEPS = {"pobj", "dobj", "attr", "appos", "conj", "nsubj", "nsubjpass"}


def _measure(c: Candidate, anchor: Token, subj: Token | None,
             mentions: list[ActorMention], lex: Lexicon) -> str:
    # "95% of its foreign trade", "$5bn in aid"
    for prep in anchor.children:
        if prep.dep_ == "prep" and prep.lower_ in ("of", "in", "for"):
            objs = [o for o in prep.children if o.dep_ == "pobj"]
            if objs and objs[0].pos_ == "NOUN":
                phrase = _noun_phrase(objs[0], mentions)
                if phrase:
                    return phrase
    # "a 10% tariff", "a $2bn deal"
    if anchor.dep_ in ("compound", "nummod", "amod") and anchor.head.pos_ == "NOUN":
        return _noun_phrase(anchor.head, mentions)
    # "bilateral trade reached $2.74 billion"
    if subj is not None and subj.pos_ in ("NOUN", "PROPN") and not _in_mentions(subj, mentions):
        phrase = _noun_phrase(subj, mentions)
        if phrase:
            return phrase
    return lex.default_measures.get(c.unit or "", lex.default_measures.get(c.kind, c.kind))


def extract(ctx: DocContext, lex: Lexicon | None = None) -> list[Quantity]:
    """All quantities in ``ctx``'s document (pure: does not modify ``ctx``)."""
    lex = lex or load_lexicon()
    doc = ctx.doc
    text = ctx.document.text
    out: list[Quantity] = []
    counted: dict[int, str] = {}  # sentence start -> measure of its last count
    for c in find_candidates(text, lex):
        core = _span(doc, c.core_start, c.end)
        if core is None:
            continue
        anchor, end, measure = core.root, c.end, ""
        if c.kind == "duration":
            # "a 30-day ceasefire", "banned for six years"; other spans of time are the time layer's
            measure = measured_span(c, doc[core.end - 1], text, lex) or ""
            if not measure:
                continue
            anchor = doc[core.end - 1]
        elif c.kind == "count":
            found = _count(ctx, c, core, counted, lex)
            if found is None:
                continue
            anchor, end, measure = found
            counted[anchor.sent.start] = measure
            c.unit = "count"
        verb, subj = _clause_verb(anchor, lex)
        attribution, source, speaker = _attribution(ctx, anchor, verb, lex)
        subjects = [m.actor for m in _subject_mentions(ctx, anchor, verb, subj)
                    if not (source[0] <= m.start < source[1]) and m.actor != speaker]
        if not subjects and _between_two(anchor, subj):
            subjects = _story_pair(ctx, c.start)  # "bilateral trade reached $2.74 billion"
        if not measure:
            sent = anchor.sent
            measure = _measure(c, anchor, subj, ctx.mentions_in(sent.start_char, sent.end_char), lex)
        value: float = int(c.value) if float(c.value).is_integer() else round(c.value, 6)
        out.append(Quantity(
            id=stable_id("q", ctx.document.id, c.start, end),
            measure=measure,
            value=value,
            unit=c.unit or "count",
            subjects=list(dict.fromkeys(subjects)),
            date=_clause_date(ctx, anchor, verb, c.start, end),
            modality=_modality(anchor, lex),
            mentions=[_mention(ctx, c.start, end)],
            qualifier=c.qualifier,
            attribution=attribution,
        ))
    return out


def _count(ctx: DocContext, c: Candidate, core: Span, counted: dict[int, str],
           lex: Lexicon) -> tuple[Token, int, str] | None:
    """For a bare number: the noun it counts, the phrase end and the measure, or None."""
    doc = ctx.doc
    if any(t.start < c.end and c.num_start < t.end for t in ctx.times):
        return None  # part of a date or duration: the time layer has it
    side = _vote_side(ctx.document.text, c, lex)
    if side is not None:
        return doc[core.end - 1], c.end, side
    if c.spelled and c.qualifier is None and core.start > 0 and doc[core.start - 1].lower_ in lex.anaphoric:
        return None  # "the three leaders": a reference, not a measurement
    last = doc[core.end - 1]
    noun = _counted_noun(last, lex)
    if noun is not None:
        if noun.head.dep_ == "prep" and noun.head.head.i == last.i:
            # partitive "four of the 15 votes": the mention is the number alone
            return noun, c.end, _noun_phrase(noun, [])
        end = max(c.end, noun.idx + len(noun.text))
        measure = _phrase(doc[core.end:noun.i + 1], ctx.mentions_in(c.end, end))
        return noun, end, measure or noun.text
    if _year_like(c):
        return None
    if last.dep_ in _BARE_DEPS and last.sent.start in counted:
        # "adds 117 vessels ..., bringing the total to 557": the measure is elided
        return last, c.end, counted[last.sent.start]
    tally = victim_measure(last, lex) or tally_measure(last, lex)
    if tally:
        return last, c.end, tally
    if c.scale >= 1e3 and last.dep_ in _BARE_DEPS:
        # "with over 2.1 million sheltering in tents": a large bare figure counts the
        # people or things the sentence has just named
        named = earlier_count_noun(last, lex)
        if named:
            return last, c.end, named
    return None


_TALLY_AFTER = re.compile(r"[-–](\d{1,4})(?!\d|[-–.,]\d)")
_TALLY_BEFORE = re.compile(r"(?<![\d.,-])(\d{1,4})[-–]$")


def _vote_side(text: str, c: Candidate, lex: Lexicon) -> str | None:
    """"voted 368-7", "a 52-48 vote": the first number counts votes for, the second votes against."""
    if c.spelled or c.kind != "count":
        return None
    nxt = _TALLY_AFTER.match(text, c.num_end)
    if nxt is not None:
        side, lo, hi = "votes for", c.start, nxt.end()
    elif (prev := _TALLY_BEFORE.search(text[max(0, c.num_start - 6):c.num_start])) is not None:
        side, lo, hi = "votes against", max(0, c.num_start - 6) + prev.start(), c.num_end
    else:
        return None
    before = re.findall(r"[a-z]+", text[max(0, lo - 30):lo].lower())[-3:]
    after = re.findall(r"[a-z]+", text[hi:hi + 20].lower())[:2]
    return side if lex.vote_words & {*before, *after} else None


@dataclass
class QuantitiesStage:
    """Pipeline stage: appends the document's quantities to ``ctx.quantities``."""

    lexicon: Lexicon
    name: str = "quantities"

    def __call__(self, ctx: DocContext) -> None:
        ctx.quantities.extend(extract(ctx, self.lexicon))


def make_stage(settings: Settings) -> Callable[[DocContext], None]:
    """Build the quantities stage (the lexicon is loaded once)."""
    return QuantitiesStage(load_lexicon())
