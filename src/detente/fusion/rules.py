"""The fusion knowledge (``data/fusion.yaml``) and the standing-tie rule the writer applies.

Pure: nothing here reads the store, so the store imports it at module level.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..datafiles import parse_yaml
from ..model import Event


@dataclass(frozen=True)
class FusionRules:
    """The fusion knowledge loaded from ``data/fusion.yaml``."""

    symmetric_types: frozenset[str]
    family: dict[str, str]
    compatible_modes: frozenset[frozenset[str]]
    same_modes: frozenset[frozenset[str]]  # one act told from either side: score as the same mode
    block_days: int
    adjacent_days: int
    inferred_slack_days: dict[str, int]
    undated_days: int
    quantity_tolerance: dict[str, float]
    approximate_qualifiers: frozenset[str]
    lower_bound_qualifiers: frozenset[str]
    upper_bound_qualifiers: frozenset[str]
    tie_types: frozenset[str]
    tie_words: tuple[str, ...]
    trade_measure_words: tuple[str, ...]
    inferred_bases: frozenset[str] = frozenset()  # date bases told by the story, not the mention's own clause
    stem_suffixes: tuple[str, ...] = ()  # endings dropped before trigger words are compared
    min_stem: int = 4  # shortest stem one trigger word may share as the start of another

    def family_of(self, event_type: str) -> str:
        """The family an event type matches within (a type outside every family is its own)."""
        return self.family.get(event_type, event_type)

    def family_types(self, event_type: str) -> list[str]:
        """Every type of ``event_type``'s family, sorted (the candidate query's types)."""
        fam = self.family_of(event_type)
        return sorted({t for t, f in self.family.items() if f == fam} | {event_type})

    def modes_compatible(self, a: str | None, b: str | None) -> bool:
        """Whether two modes may tell one event (an unknown mode is compatible with any)."""
        return a is None or b is None or a == b or frozenset((a, b)) in self.compatible_modes

    def same_mode(self, a: str | None, b: str | None) -> bool:
        """Whether two known modes are one act (equal, or told from either side)."""
        return a is not None and b is not None and (a == b or frozenset((a, b)) in self.same_modes)


@lru_cache(maxsize=1)
def rules() -> FusionRules:
    """The shipped fusion rules (loaded once)."""
    text = resources.files("detente").joinpath("data/fusion.yaml").read_text("utf-8")
    data: dict[str, Any] = parse_yaml(text) or {}
    family: dict[str, str] = {}
    for group in data.get("families", []):
        name = "+".join(sorted(group))
        for t in group:
            family[t] = name
    low = [str(x).lower() for x in data.get("approximate_qualifiers", [])]
    return FusionRules(
        symmetric_types=frozenset(data.get("symmetric_types", [])),
        family=family,
        compatible_modes=frozenset(frozenset(p) for p in data.get("compatible_modes", [])),
        same_modes=frozenset(frozenset(p) for p in data.get("same_modes", [])),
        block_days=int(data.get("block_days", 31)),
        adjacent_days=int(data.get("adjacent_days", 1)),
        inferred_slack_days={str(k): int(v) for k, v in (data.get("inferred_slack_days") or {}).items()},
        undated_days=int(data.get("undated_days", 30)),
        quantity_tolerance={str(k): float(v) for k, v in (data.get("quantity_tolerance") or {}).items()},
        approximate_qualifiers=frozenset(low),
        lower_bound_qualifiers=frozenset(str(x).lower() for x in data.get("lower_bound_qualifiers", [])),
        upper_bound_qualifiers=frozenset(str(x).lower() for x in data.get("upper_bound_qualifiers", [])),
        tie_types=frozenset(data.get("tie_types", [])),
        tie_words=tuple(str(x).lower() for x in data.get("tie_words", [])),
        trade_measure_words=tuple(str(x).lower() for x in data.get("trade_measure_words", [])),
        inferred_bases=frozenset(str(x) for x in data.get("inferred_bases", [])),
        stem_suffixes=tuple(sorted((str(x).lower() for x in data.get("stem_suffixes", [])), key=len, reverse=True)),
        min_stem=int(data.get("min_stem", 4)),
    )


def stem(word: str, r: FusionRules) -> str:
    """A trigger word as compared: lower case, without the longest inflection ending of
    ``stem_suffixes`` that leaves at least ``min_stem`` letters ("attacked" -> "attack")."""
    w = word.lower()
    for suffix in r.stem_suffixes:
        if w.endswith(suffix) and len(w) - len(suffix) >= r.min_stem - 1:
            return w[: len(w) - len(suffix)]
    return w


def trigger_stems(ev: Event, r: FusionRules) -> frozenset[str]:
    """The stems of an event's trigger words (letters only; "held talks" -> {"held", "talk"})."""
    return frozenset(stem(w, r) for w in re.findall(r"[A-Za-z]+", ev.trigger or "") if len(w) >= 3)


def kin_stems(a: frozenset[str], b: frozenset[str], r: FusionRules) -> bool:
    """Whether two triggers share a word family: an equal stem, or one stem of at least
    ``min_stem`` letters starting the other ("accus" and "accusation")."""
    if a & b:
        return True
    return any(len(x) >= r.min_stem and len(y) >= r.min_stem and (x.startswith(y) or y.startswith(x))
               for x in a for y in b)


def tie_word(ev: Event, r: FusionRules | None = None) -> str | None:
    """The standing tie an event names ("treaty", "alliance", ...): the first of ``tie_words`` that its
    trigger or evidence contains as a word (or its plural in s), for an event of ``tie_types``; else None."""
    r = r or rules()
    if ev.type not in r.tie_types:
        return None
    words = " ".join([ev.trigger or "", *(m.text for m in ev.mentions)]).lower()
    return next((w for w in r.tie_words if re.search(rf"\b{re.escape(w)}s?\b", words)), None)


def tie_signature(r: FusionRules | None = None) -> str:
    """What the stored tie of each event was computed with (types and words): changes when fusion.yaml does."""
    r = r or rules()
    return json.dumps({"types": sorted(r.tie_types), "words": list(r.tie_words)})
