"""The resolver's word lists (``data/actors/lexicon.yaml``), loaded once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from ..datafiles import parse_yaml
from ..linguistics import base_words


@dataclass(frozen=True)
class Lexicon:
    """Typed view of lexicon.yaml (each list is documented in that file)."""

    titles: dict[str, str]
    needs_country: frozenset[str]
    leader_classes: tuple[str, ...]
    former_words: frozenset[str]
    indefinite_words: frozenset[str]
    analyst_nouns: frozenset[str]
    honorifics: dict[str, str | None]
    pronouns: dict[str, str]
    possessive_pronouns: frozenset[str]
    unnamed_person_nouns: dict[str, str]  # noun -> gender
    surname_first: frozenset[str]
    locative_preps: frozenset[str]
    motion_lemmas: frozenset[str]
    place_object_verbs: frozenset[str]
    abstract_heads: frozenset[str]
    analyst_groups: dict[str, str | None]
    org_description_nouns: frozenset[str]
    place_nouns: frozenset[str]
    geo_features: frozenset[str]
    regions: tuple[str, ...]
    ignore_aliases: tuple[str, ...]
    org_heads: frozenset[str]
    not_person_words: frozenset[str]
    shared_offices: frozenset[str] = frozenset()
    neuter_pronouns: dict[str, str] = field(default_factory=dict)  # word -> "sg" | "pl"
    first_person: dict[str, str] = field(default_factory=dict)
    body_nouns: frozenset[str] = frozenset()
    agent_verbs: frozenset[str] = frozenset()
    quote_verbs: frozenset[str] = frozenset()
    expletive_heads: frozenset[str] = frozenset()
    expletive_object_verbs: frozenset[str] = frozenset()
    time_nouns: frozenset[str] = frozenset()
    person_nouns: frozenset[str] = frozenset()
    actor_attr_nouns: frozenset[str] = frozenset()
    thing_predicates: frozenset[str] = frozenset()
    role_words: frozenset[str] = frozenset()
    title_states: dict[str, str] = field(default_factory=dict)
    topic_nouns: frozenset[str] = frozenset()
    international_words: frozenset[str] = frozenset()
    domestic_org_heads: frozenset[str] = frozenset()
    org_apposition_nouns: frozenset[str] = frozenset()
    org_offices: frozenset[str] = frozenset()
    name_honorifics: frozenset[str] = frozenset()
    partitive_heads: frozenset[str] = frozenset()
    document_nouns: frozenset[str] = frozenset()
    populace_nouns: frozenset[str] = frozenset()
    populace_address_types: frozenset[str] = frozenset()
    settlement_nouns: frozenset[str] = frozenset()
    home_people_types: frozenset[str] = frozenset()
    _title_re: Any = field(default=None, repr=False, compare=False)

    def office_of(self, title: str) -> str | None:
        """The office class of a role title: the longest lexicon phrase inside it."""
        low = title.lower()
        found = [p for p in self._phrases if p in low and re.search(rf"(?<![\w-]){re.escape(p)}(?![\w-])", low)]
        return self.titles[max(found, key=len)] if found else None

    @property
    def _phrases(self) -> tuple[str, ...]:
        return tuple(self.titles)


def _data() -> dict[str, Any]:
    path = resources.files("detente") / "data" / "actors" / "lexicon.yaml"
    return parse_yaml(path.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """The shipped lexicon (cached: it is read once per process)."""
    d = _data()
    met = d["metonymy"]
    unnamed = {n: g for g, nouns in d["unnamed_person_nouns"].items() for n in nouns}
    return Lexicon(
        titles={str(k).lower(): str(v) for k, v in d["titles"].items()},
        needs_country=frozenset(d["needs_country"]),
        leader_classes=tuple(d["leader_classes"]),
        former_words=frozenset(d["former_words"]),
        indefinite_words=frozenset(d["indefinite_words"]),
        analyst_nouns=frozenset(d["analyst_nouns"]),
        honorifics={str(k): v for k, v in d["honorifics"].items()},
        pronouns=dict(d["pronouns"]),
        possessive_pronouns=frozenset(d["possessive_pronouns"]),
        unnamed_person_nouns=unnamed,
        surname_first=frozenset(d["surname_first"]),
        locative_preps=frozenset(met["locative_preps"]),
        motion_lemmas=frozenset(met["motion_lemmas"]),
        place_object_verbs=frozenset(met["place_object_verbs"]),
        abstract_heads=frozenset(met["abstract_heads"]),
        analyst_groups=dict(d["analyst_groups"]),
        org_description_nouns=frozenset(d["org_description_nouns"]),
        place_nouns=frozenset(met["place_nouns"]),
        geo_features=frozenset(d["geo_features"]),
        regions=tuple(d["regions"]),
        ignore_aliases=tuple(d.get("ignore_aliases", [])),
        org_heads=frozenset(d["org_heads"]),
        not_person_words=frozenset(d["not_person_words"]),
        shared_offices=frozenset(d["shared_offices"]),
        neuter_pronouns=dict(d["neuter_pronouns"]),
        first_person=dict(d["first_person"]),
        body_nouns=frozenset(d["body_nouns"]),
        agent_verbs=frozenset(d["agent_verbs"]),
        quote_verbs=base_words().speech_verbs | frozenset(d["quote_verbs"]),  # extends data/linguistics.yaml
        expletive_heads=frozenset(d["expletive_heads"]),
        expletive_object_verbs=frozenset(d["expletive_object_verbs"]),
        time_nouns=frozenset(d["time_nouns"]),
        person_nouns=frozenset(d["person_nouns"]),
        actor_attr_nouns=frozenset(d["actor_attr_nouns"]),
        thing_predicates=frozenset(d["thing_predicates"]),
        role_words=frozenset(d["role_words"]),
        title_states={str(k).lower(): str(v) for k, v in d["title_states"].items()},
        topic_nouns=frozenset(d["topic_nouns"]),
        international_words=frozenset(d["international_words"]),
        domestic_org_heads=frozenset(d["domestic_org_heads"]),
        org_apposition_nouns=frozenset(d["org_apposition_nouns"]),
        org_offices=frozenset(d["org_offices"]),
        name_honorifics=frozenset(d["name_honorifics"]),
        partitive_heads=frozenset(d.get("partitive_heads", [])),
        document_nouns=frozenset(d.get("document_nouns", [])),
        populace_nouns=frozenset(d.get("populace_nouns", [])),
        populace_address_types=frozenset(d.get("populace_address_types", [])),
        settlement_nouns=frozenset(d.get("settlement_nouns", [])),
        home_people_types=frozenset(d.get("home_people_types", [])),
    )
