"""Spans of time that are quantities: the length of an arrangement or a penalty.

"a 30-day ceasefire", "banned from politics for six years", "extended his term by two
years", "sentenced to one year in prison", "expected to last about 80 days".  Other spans
("two years ago", "in the last 20 years", "a 30-year-old", "their first meeting in six
years") are times or ages: the time layer keeps them and they are not measured here.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from .candidates import Candidate
from .lexicon import Lexicon

_PREPS = {"for", "by", "to", "of"}


def measured_span(c: Candidate, unit: Token, text: str, lex: Lexicon) -> str | None:
    """What the duration candidate ``c`` (its unit word ``unit``) measures ("ceasefire", "ban"),
    or None when it is not the length of an arrangement or a penalty."""
    if any(ch.lower_ in lex.duration_anchors for ch in unit.children if ch.dep_ in ("amod", "advmod", "det")):
        return None  # "the last 20 years", "the next two years"
    before = re.findall(r"[A-Za-z]+", text[max(0, c.start - 30):c.start].lower())
    if before[-2:-1] == ["the"] and before[-1] in lex.duration_anchors:
        return None  # the same when the parse hangs the word elsewhere
    after = re.match(r"[\s-]*([A-Za-z]+)", text[c.end:c.end + 20])
    if after and after.group(1).lower() in lex.duration_followers:
        return None  # "two years ago", "a 30-year-old"
    # "a 30-day ceasefire", "the five-year transitional period"
    head = unit
    for _ in range(2):
        if head.dep_ in ("amod", "compound", "nmod", "nummod", "npadvmod") and head.head.i > head.i:
            head = head.head
            if head.pos_ == "NOUN":
                break
        else:
            break
    if head.i != unit.i and head.pos_ == "NOUN" and head.lemma_.lower() in lex.duration_nouns:
        return head.lemma_.lower()
    # "banned for six years", "extended by two years", "sentenced to one year in prison"
    if unit.dep_ == "pobj" and unit.head.lower_ in _PREPS:
        verb = unit.head.head
        gov = verb.lemma_.lower()
        if gov in lex.duration_heads or gov in lex.duration_nouns:
            return gov
        if unit.head.lower_ == "for" and _prohibited(verb, lex):
            return "ban"  # "can not hold office for 10 years"
        return None
    # "to last about 80 days", "served two years"
    if unit.dep_ in ("dobj", "npadvmod", "obj") and unit.head.pos_ in ("VERB", "AUX"):
        gov = unit.head.lemma_.lower()
        return gov if gov in lex.duration_heads else None
    return None


def _prohibited(verb: Token, lex: Lexicon) -> bool:
    """Whether ``verb`` is forbidden: negated under a modal of permission ("can not", "may not")."""
    kids = list(verb.children)
    return (any(k.dep_ == "neg" for k in kids)
            and any(k.dep_ == "aux" and k.lower_ in lex.prohibition_modals for k in kids))
