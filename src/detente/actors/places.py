"""Capitals and seats of government: the state acting ("Beijing said") or a place ("in Beijing").

Places are not actor mentions; they are kept for the events stage in
``doc.user_data["detente.locations"]`` as ``(start_char, end_char, name,
country)`` tuples and read back with :func:`location_at`.  Other towns ("in
Hebron", "to Vladivostok") get their state from GeoNames' cities of 15,000 people
or more (:func:`city_country`, ``data/actors/cities.tsv``, written by
``scripts/gen_cities.py``).
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from ..model import Location
from .lexicon import Lexicon

if TYPE_CHECKING:
    from ..stage import DocContext

LOCATIONS_KEY = "detente.locations"


def _governor(tok: Token) -> Token:
    """The token that decides a noun's role: climb conjunctions and appositions."""
    seen = 0
    while tok.dep_ in ("conj", "appos") and tok.head is not tok and seen < 10:
        tok = tok.head
        seen += 1
    return tok


def is_place(span: Span, lex: Lexicon) -> bool:
    """Whether a capital/seat/state name is used as a location rather than an actor."""
    tok = _governor(span.root)
    dep, head = tok.dep_, tok.head
    if dep == "pobj":
        prep, gov = head.lower_, head.head.lemma_.lower()
        if prep in lex.locative_preps:
            return gov not in lex.abstract_heads  # "influence in Pyongyang" is the state
        if prep in ("to", "from", "toward", "towards"):
            return gov in lex.motion_lemmas
        if prep == "of":
            return gov in lex.place_nouns
        return False
    if dep in ("dobj", "npadvmod"):
        # "left Beijing with less sway" is not a departure
        if any(c.dep_ == "prep" and c.lower_ == "with" for c in head.children):
            return False
        return head.lemma_.lower() in lex.place_object_verbs
    if dep == "poss":
        # "Beijing's Great Hall" (a named place) or "Beijing's airport"
        # ... but "Seoul's Joint Chiefs of Staff" is the state's own body
        if head.pos_ == "PROPN" and (head.ent_type_ in ("ORG", "PERSON", "NORP") or head.text in lex.org_heads):
            return False
        return head.pos_ == "PROPN" or head.lemma_.lower() in lex.place_nouns
    if dep in ("compound", "nmod", "amod"):
        return head.lemma_.lower() in lex.place_nouns
    return False


def record_location(doc: Doc, span: Span, country: str | None, kind: str | None = None) -> None:
    """Remember a place mention for the events stage (``kind``: "state" or "place", as :class:`Location`)."""
    doc.user_data.setdefault(LOCATIONS_KEY, []).append((span.start_char, span.end_char, span.text, country, kind))


def location_at(ctx: DocContext, start: int, end: int) -> list[Location]:
    """Places (as :class:`~detente.model.Location`) mentioned inside characters [start, end)."""
    return [Location(name=name, country=country, kind=kind)
            for s, e, name, country, kind in ctx.doc.user_data.get(LOCATIONS_KEY, [])
            if s >= start and e <= end]


def fold(name: str) -> str:
    """Case and accents folded: "Sinŭiju" and "Sinuiju" are one key."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).casefold()


@lru_cache(maxsize=1)
def _cities() -> dict[str, str]:
    """Folded town name -> ISO3 code of the most populous city of that name (``data/actors/cities.tsv``)."""
    text = (resources.files("detente") / "data" / "actors" / "cities.tsv").read_text(encoding="utf-8")
    return dict(line.split("\t", 1) for line in text.splitlines() if line and not line.startswith("#"))


@lru_cache(maxsize=1)
def _subdivisions() -> dict[str, tuple[str, ...]]:
    """Folded subdivision name -> ISO3 codes of the states that have one so called (``subdivisions.tsv``)."""
    text = (resources.files("detente") / "data" / "actors" / "subdivisions.tsv").read_text(encoding="utf-8")
    out: dict[str, tuple[str, ...]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, codes = line.split("\t", 1)
            out[name] = tuple(codes.split(","))
    return out


@lru_cache(maxsize=8192)
def place_country(name: str, prefer: str | None = None) -> str | None:
    """The state of a town or a subdivision ("Quetta", "Lamu County", "Balochistan"), if known.

    A subdivision name several states share ("Punjab") gives ``prefer`` when it is one
    of them (the story's state), else nothing.
    """
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    if not name:
        return None
    words = name.split()
    if len(words) > 1 and words[-1].lower() in _DIVISION_WORDS:  # "Lamu County" -> "Lamu"
        name = " ".join(words[:-1])
    city = city_country(name)
    codes = _subdivisions().get(fold(name), ())
    if len(codes) == 1:
        return codes[0]  # a province before a town of its name elsewhere ("Ontario" is Canada's)
    if prefer in codes:
        return prefer
    return city


_DIVISION_WORDS = frozenset({"county", "province", "state", "region", "district", "governorate", "prefecture", "city"})


def city_country(name: str) -> str | None:
    """The state (ISO3) of the most populous town called ``name``, if it is one of GeoNames' cities."""
    name = name.strip()
    if name.lower().startswith("the "):
        name = name[4:]
    return _cities().get(fold(name)) if name else None
