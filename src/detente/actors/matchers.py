"""Phrase matchers over the actor base, built once per process (never per document)."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .base import ActorBase, fold
from .lexicon import Lexicon

# How a surface form names its actor; "short" (a surname used alone) and
# "context"/"ambiguous" aliases are resolved later, against the document.
NAME, ALIAS, DEMONYM, CAPITAL, SEAT, CONTEXT, AMBIGUOUS, SHORT, REGION = (
    "name", "alias", "demonym", "capital", "seat", "context", "ambiguous", "short", "region")
# when one surface form means several things, the stronger reading wins
_STRENGTH = {NAME: 0, ALIAS: 1, DEMONYM: 2, SEAT: 3, CAPITAL: 4, AMBIGUOUS: 5, CONTEXT: 6, SHORT: 7, REGION: -1}


@dataclass(frozen=True, slots=True)
class Hit:
    """One reading of a matched surface form."""

    actor: str | None  # None for a region
    how: str


@dataclass(slots=True)
class Match:
    """A span of the document matched by the base, with its readings."""

    span: Span
    hits: tuple[Hit, ...]

    @property
    def how(self) -> str:
        return self.hits[0].how


_DOTTED = re.compile(r"(?:[A-Z]\.){3,}")  # "C.A.R.", "U.A.E.": three letters or more ("U.S" stays a word's)


def variants(surface: str, person: bool, surname_first: frozenset[str]) -> set[str]:
    """Spellings of one surface form that news text uses."""
    out = {surface, fold(surface)}
    for s in list(out):
        if "'" in s:
            out.add(s.replace("'", "\u2019"))
    for s in list(out):
        if s.startswith("the "):
            out.add("The " + s[4:])
    if _DOTTED.fullmatch(surface):
        # "The C.A.R is pleading": a dotted abbreviation whose final period was dropped
        # (a typo, or the tokenizer took it for the sentence's) is the same name
        out.add(surface[:-1])
    if person:
        words = surface.split()
        if len(words) >= 2 and words[0] in surname_first:
            given = words[1:]
            if len(given) == 2:  # "Kim Jong Un" -> "Kim Jong-un", "Kim Jong-Un"
                out.add(f"{words[0]} {given[0]}-{given[1].lower()}")
                out.add(f"{words[0]} {given[0]}-{given[1]}")
            elif len(given) == 1 and "-" in given[0]:  # "Lee Jae-myung" -> "Lee Jae Myung"
                a, b = given[0].split("-", 1)
                out.add(f"{words[0]} {a} {b.capitalize()}")
                out.add(f"{words[0]} {a}-{b.capitalize()}")
    return {v for v in out if v.strip()}


class SurfaceIndex:
    """Every surface form of the base in one PhraseMatcher, plus a title matcher."""

    def __init__(self, base: ActorBase, lex: Lexicon, nlp: Language):
        self.base, self.lex = base, lex
        readings: dict[str, set[Hit]] = defaultdict(set)
        sf = lex.surname_first
        for e in base.entries.values():
            person = e.kind == "person"
            groups: list[tuple[str, list[str]]] = [(NAME, [e.name]), (ALIAS, e.aliases)]
            if person:
                groups.append((SHORT, base.short_forms(e)))
            else:
                groups += [(DEMONYM, e.demonyms), (SEAT, e.seats), (CONTEXT, e.context_aliases),
                           (AMBIGUOUS, e.ambiguous_aliases)]
                if e.capital:
                    groups.append((CAPITAL if e.kind == "state" else SEAT, [e.capital]))
            for how, forms in groups:
                for form in forms:
                    for v in variants(form, person and how != SHORT, sf):
                        readings[v].add(Hit(e.id, NAME if person and how == ALIAS else how))
        for region in lex.regions:
            readings[region].add(Hit(None, REGION))
        self.readings: dict[int, tuple[Hit, ...]] = {}
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        # context/ambiguous aliases ("the North") only fill gaps the strong forms
        # leave, so they live in their own matcher ("the North Korean" stays a demonym)
        self.weak = PhraseMatcher(nlp.vocab, attr="ORTH")
        for surface, hits in readings.items():
            key = nlp.vocab.strings.add(surface)
            best = min(_STRENGTH[h.how] for h in hits)
            # keep only the strongest readings: "Singapore" is a name, not also a capital
            self.readings[key] = tuple(sorted((h for h in hits if _STRENGTH[h.how] == best), key=lambda h: h.actor or ""))
            target = self.weak if self.readings[key][0].how in (CONTEXT, AMBIGUOUS) else self.matcher
            target.add(surface, [nlp.make_doc(surface)])
        self.vocab = nlp.vocab
        self.make_doc = nlp.make_doc  # tokenise a headline to find the states it names
        self.titles = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.office: dict[int, str] = {}
        for phrase, office in lex.titles.items():
            self.office[nlp.vocab.strings.add("title:" + phrase)] = office
            self.titles.add("title:" + phrase, [nlp.make_doc(phrase)])

    def matches(self, doc: Doc) -> list[Match]:
        """Base matches in the document, longest first where they overlap, in order."""
        found = self.matcher(doc)
        spans = filter_spans([Span(doc, s, e, label=k) for k, s, e in found])
        return [Match(sp, self.readings[sp.label]) for sp in sorted(spans, key=lambda s: s.start)]

    def weak_matches(self, doc: Doc) -> list[Match]:
        """Context and ambiguous aliases, resolved after everything else."""
        spans = filter_spans([Span(doc, s, e, label=k) for k, s, e in self.weak(doc)])
        return [Match(sp, self.readings[sp.label]) for sp in sorted(spans, key=lambda s: s.start)]

    def title_spans(self, doc: Doc) -> list[tuple[Span, str]]:
        """Office titles in the document with their office class."""
        spans = filter_spans([Span(doc, s, e, label=k) for k, s, e in self.titles(doc)])
        return [(sp, self.office[sp.label]) for sp in sorted(spans, key=lambda s: s.start)]
