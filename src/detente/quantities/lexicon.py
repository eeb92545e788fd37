"""The quantities stage's word lists (``data/quantities.yaml``), read by the typed loader and compiled."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ..datafiles import load
from ..modality import Cues, load_cues

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"



@dataclass(frozen=True, slots=True)
class _File:
    """``data/quantities.yaml`` as written (each key documented there)."""

    scales: dict[str, float]
    scales_money_only: dict[str, float]
    number_words: dict[str, int]
    currency_prefixes: dict[str, str]
    currency_words: dict[str, str]
    percent_words: dict[str, str]
    fractions: dict[str, float]
    units: dict[str, str]
    measure_nouns: tuple[str, ...]
    not_counted: frozenset[str]
    frequency_nouns: frozenset[str]
    vague_numbers: dict[str, str]
    qualifiers: dict[str, str]
    anaphoric_determiners: frozenset[str]
    modality: dict[str, Any]  # read by detente.modality.load_cues
    source_nouns: frozenset[str]
    attribution_verbs: frozenset[str]
    default_measures: dict[str, str]
    state_set_nouns: frozenset[str]
    pair_words: frozenset[str]
    duration_units: dict[str, str]
    duration_nouns: frozenset[str]
    duration_heads: frozenset[str]
    prohibition_modals: frozenset[str]
    duration_anchors: frozenset[str]
    duration_followers: frozenset[str]
    victim_verbs: dict[str, str]
    tally_nouns: frozenset[str]
    tally_verbs: frozenset[str]
    vote_words: frozenset[str]


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``data/quantities.yaml``, compiled for matching."""

    scales: dict[str, float]
    money_scales: dict[str, float]
    number_words: dict[str, int]
    currency_prefixes: dict[str, str]
    currency_words: dict[str, str]
    percent_words: dict[str, str]
    fractions: dict[str, float]
    units: dict[str, str]
    measure_nouns: frozenset[str]
    qualifiers: dict[str, str]
    anaphoric: frozenset[str]
    modality: Cues
    source_nouns: frozenset[str]
    attribution_verbs: frozenset[str]
    default_measures: dict[str, str]
    not_counted: frozenset[str]
    frequency_nouns: frozenset[str]
    vague_numbers: dict[str, str]
    state_set_nouns: frozenset[str]
    pair_words: frozenset[str]
    duration_units: dict[str, str]
    duration_nouns: frozenset[str]
    duration_heads: frozenset[str]
    prohibition_modals: frozenset[str]
    duration_anchors: frozenset[str]
    duration_followers: frozenset[str]
    victim_verbs: dict[str, str]
    tally_nouns: frozenset[str]
    tally_verbs: frozenset[str]
    vote_words: frozenset[str]
    number_re: re.Pattern[str] = field(init=False)
    after_re: re.Pattern[str] = field(init=False)
    qualifier_re: re.Pattern[str] = field(init=False)
    fraction_re: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        words = _alternation(self.number_words)
        word_num = rf"(?:{words})(?:[- ](?:{words}))*"
        set_ = object.__setattr__
        # "a million people", "a billion dollars": the article is the number one
        a_scale = rf"\ba(?= (?:{_alternation(self.scales)})\b)"
        set_(self, "number_re", re.compile(rf"(?<![\w.,])(?:{_DIGITS})|\b{word_num}\b|{a_scale}", re.I))
        posts = {**self.percent_words, **self.currency_words, **self.units, **self.duration_units}
        # what may follow the number: a scale, then a percent word, currency word or unit
        set_(self, "after_re", re.compile(
            rf"(?:[ -]?(?P<scale>{_alternation(self.scales)})\b|(?P<mscale>{_alternation(self.money_scales)})(?![\w]))?"
            rf"(?:[ -]?(?P<post>{_alternation(posts)})(?![\w]))?",
            re.I,
        ))
        set_(self, "qualifier_re", re.compile(rf"\b(?P<q>{_alternation(self.qualifiers)})\s+$", re.I))
        set_(self, "fraction_re", re.compile(rf"\b(?P<f>{_alternation(self.fractions)})\s+of\b", re.I))


def _alternation(words: Iterable[str]) -> str:
    # longest first so that "percentage points" wins over "percentage point"
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def load_lexicon() -> Lexicon:
    """Read and compile ``data/quantities.yaml`` (once per process)."""
    raw = load(_File, "quantities.yaml")
    return Lexicon(
        scales={k.lower(): v for k, v in raw.scales.items()},
        money_scales={k.lower(): v for k, v in raw.scales_money_only.items()},
        number_words={k.lower(): v for k, v in raw.number_words.items()},
        currency_prefixes=dict(raw.currency_prefixes),
        currency_words={k.lower(): v for k, v in raw.currency_words.items()},
        percent_words={k.lower(): v for k, v in raw.percent_words.items()},
        fractions={k.lower(): v for k, v in raw.fractions.items()},
        units={k.lower(): v for k, v in raw.units.items()},
        measure_nouns=frozenset(w.lower() for w in raw.measure_nouns),
        qualifiers={k.lower(): v for k, v in raw.qualifiers.items()},
        anaphoric=raw.anaphoric_determiners,
        modality=load_cues("quantities.yaml", section="modality"),
        source_nouns=raw.source_nouns,
        attribution_verbs=raw.attribution_verbs,
        default_measures=dict(raw.default_measures),
        not_counted=raw.not_counted,
        frequency_nouns=raw.frequency_nouns,
        vague_numbers=dict(raw.vague_numbers),
        state_set_nouns=raw.state_set_nouns,
        pair_words=raw.pair_words,
        duration_units={k.lower(): v for k, v in raw.duration_units.items()},
        duration_nouns=raw.duration_nouns,
        duration_heads=raw.duration_heads,
        prohibition_modals=raw.prohibition_modals,
        duration_anchors=raw.duration_anchors,
        duration_followers=raw.duration_followers,
        victim_verbs=dict(raw.victim_verbs),
        tally_nouns=raw.tally_nouns,
        tally_verbs=raw.tally_verbs,
        vote_words=raw.vote_words,
    )
