"""The claims stage's word lists (``data/claims.yaml``), read by the typed loader."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ..datafiles import build, read_yaml
from ..linguistics import base_words


@dataclass(frozen=True, slots=True)
class Lexicon:
    """The word lists of ``data/claims.yaml`` (the ``stance`` section flattened into it)."""

    speech_verbs: frozenset[str]
    assessment_verbs: frozenset[str]
    commentator_nouns: frozenset[str]
    research_org_words: tuple[str, ...]
    statement_nouns: frozenset[str]
    official_nouns: frozenset[str]
    body_nouns: frozenset[str]
    not_speech_when_transitive: frozenset[str]
    issues: dict[str, re.Pattern[str]]
    support: frozenset[str]
    oppose: frozenset[str]
    silent_verbs: frozenset[str]
    silent_nouns: frozenset[str]
    reference_nouns: frozenset[str]
    negators: frozenset[str]
    person_pronouns: frozenset[str]
    charge_verbs: frozenset[str]
    authority_nouns: frozenset[str]
    news_verbs: frozenset[str]
    window: int

    @property
    def reporting(self) -> frozenset[str]:
        """Every verb that reports: speech and judgement."""
        return self.speech_verbs | self.assessment_verbs


def _pattern(forms: list[str]) -> re.Pattern[str]:
    """One case-insensitive pattern for an issue's forms, longest first."""
    return re.compile(r"\b(?:" + "|".join(re.escape(f) for f in sorted(forms, key=len, reverse=True)) + r")\b", re.I)


@cache
def load_lexicon() -> Lexicon:
    """Read ``data/claims.yaml`` (once per process).

    ``speech_verbs`` and ``commentator_nouns`` extend the base classes of
    ``data/linguistics.yaml``.
    """
    raw, source = read_yaml("claims.yaml")
    flat: dict[str, Any] = {k: v for k, v in raw.items() if k not in ("stance", "issues")}
    flat.update(raw.get("stance") or {})
    flat["issues"] = {str(name): _pattern(forms) for name, forms in (raw.get("issues") or {}).items()}
    base = base_words()
    return build(Lexicon, flat, source,
                 extends={"speech_verbs": base.speech_verbs, "commentator_nouns": base.commentator_nouns})
