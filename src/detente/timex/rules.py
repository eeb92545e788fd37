"""The temporal grammar: lexicon tables and regular-expression patterns.

Both live in ``detente/data/time/`` (``lexicon.yaml``, ``patterns.yaml``) and
are compiled once per process by :func:`grammar`.  :func:`find` returns the
non-overlapping matches in a text (longest first, then pattern order); the
normaliser (:mod:`detente.timex.normalize`) turns each into a TIMEX3 value.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

from ..datafiles import parse_yaml

# A number written in words: "twenty-four", "twenty four", plus the lexicon's
# single words; digits with an optional decimal part.
_TENS = ("twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_ONES = ("one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


@dataclass(frozen=True, slots=True)
class Pattern:
    """One compiled grammar rule."""

    name: str
    kind: str
    regex: re.Pattern[str]
    capitalised: bool
    order: int


@dataclass(slots=True)
class Match:
    """A grammar match: the reported extent, the rule, and its named groups."""

    start: int
    end: int
    text: str
    pattern: Pattern
    groups: dict[str, str]


@dataclass(frozen=True, slots=True)
class Grammar:
    """The compiled lexicon and patterns."""

    lexicon: dict[str, Any]
    patterns: tuple[Pattern, ...]

    def table(self, name: str) -> dict[str, Any]:
        """A lexicon table with lower-cased keys."""
        value = self.lexicon.get(name) or {}
        return {str(k).lower(): v for k, v in value.items()}


def _alternation(words: list[str]) -> str:
    """A regex alternation of words, longest first so the longest one wins."""
    parts = sorted({w.lower() for w in words}, key=len, reverse=True)
    return "(?:" + "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in parts) + ")"


def _placeholders(lex: dict[str, Any]) -> dict[str, str]:
    months = list(lex["months"])
    abbrevs = list(lex["month_abbrevs"])
    wd = list(lex["weekdays"])
    wd_ab = list(lex["weekday_abbrevs"])
    number_words = [str(k) for k in lex["numbers"]]
    compound = "(?:" + "|".join(_TENS) + r")(?:[\s-](?:" + "|".join(_ONES) + "))?"
    num = r"(?:\d{1,3}(?:,\d{3})*(?:\.\d+)?|" + compound + "|" + _alternation(number_words)[3:-1] + ")"
    return {
        "MONTH": "(?:" + _alternation(months)[3:-1] + "|" + _alternation(abbrevs) + r"\.?)",
        "MONTH_FULL": _alternation(months),
        "WEEKDAY": "(?:" + _alternation(wd)[3:-1] + "|" + _alternation(wd_ab) + r"\.)",
        "DAY": r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?",
        "YEAR": r"(?:1[5-9]\d\d|20\d\d|21\d\d)",
        "NUM": num,
        "UNIT": _alternation(list(lex["units"])),
        "TENS": "(?:" + "|".join(_TENS) + ")",
        "ONES": "(?:" + "|".join(_ONES) + ")",
        "TEENS": "(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)",
        "ORD": _alternation([k for k in map(str, lex["ordinals"])]),
        "SEASON": _alternation(list(lex["seasons"])),
        "PART": _alternation(list(lex["day_parts"])),
        "DEICTIC": _alternation(list(lex["deictic_days"])),
        "REL": _alternation(list(lex["relatives"])),
        "AREL": _alternation(list(lex["anaphoric_relatives"])),
        "OFFSET": _alternation(list(lex["offset_words"])),
        "REF": _alternation(list(lex["references"])),
        "FREQ": _alternation(list(lex["frequencies"])),
        "HOLIDAY": _alternation(list(lex["holidays"]) + list(lex["floating_holidays"])),
        "APPROX": _alternation(list(lex["approximators"])),
        "DECADE_WORD": _alternation(list(lex["decade_words"])),
        "MODP": r"(?:(?P<mod>" + _alternation(list(lex["modifiers"])) + r")\s*-?\s*)?",
    }


def _expand(template: str, ph: dict[str, str]) -> str:
    # Placeholders are {UPPER}; regex quantifiers such as {2} are left alone.
    return re.sub(r"\{([A-Z_]+)\}", lambda m: ph[m.group(1)], template)


def _load_yaml(name: str) -> Any:
    text = (
        resources.files("detente")
        .joinpath("data")
        .joinpath("time")
        .joinpath(name)
        .read_text(encoding="utf-8")
    )
    return parse_yaml(text)


@functools.lru_cache(maxsize=1)
def grammar() -> Grammar:
    """The grammar, compiled once per process from the data files."""
    lex = _load_yaml("lexicon.yaml")
    spec = _load_yaml("patterns.yaml")
    ph = _placeholders(lex)
    compiled = []
    for i, p in enumerate(spec["patterns"]):
        body = _expand(p["regex"], ph)
        # Word boundaries on both sides; a hyphen before is allowed ("mid-2019"
        # is one match) but a digit or letter is not.
        regex = re.compile(r"(?<![\w])(?:" + body + r")(?![\w])", re.IGNORECASE)
        compiled.append(Pattern(p["name"], p["kind"], regex, bool(p.get("capitalised")), i))
    return Grammar(lexicon=lex, patterns=tuple(compiled))


def _capital_ok(text: str, m: re.Match[str], g: Grammar) -> bool:
    """Month/weekday names count only when written with a capital letter."""
    for key in ("wd", "month", "holiday"):
        s = m.groupdict().get(key)
        if s:
            if not s[0].isupper():
                return False
            if key == "month" and s.lower() in g.lexicon["ambiguous_months"]:
                return _has_month_cue(text, m.start(key), g)
    return True


def _has_month_cue(text: str, pos: int, g: Grammar) -> bool:
    before = text[max(0, pos - 24) : pos].lower()
    return any(re.search(r"(?<![\w])" + re.escape(c) + r"[\s-]*$", before) for c in g.lexicon["month_cues"])


def _plausible_year(text: str, m: re.Match[str], name: str) -> bool:
    """A bare four-digit number is a year unless it looks like a quantity."""
    if name != "year":
        return True
    s, e = m.start(), m.end()
    before = text[max(0, s - 12) : s]
    after = text[e : e + 3]
    if re.search(r"[$£€#]\s*$|No\.\s*$", before) or re.match(r"\s*%|,\d|\.\d|\s*(?:percent|per cent)", after):
        return False
    # "2000 votes", "1500 troops": a round number before a plural noun is a count
    if m.group().endswith("00") and re.match(r"\s+[a-z]+s\b", text[e : e + 30]):
        return False
    if re.search(r"(?<![\w])(?:about|some|nearly|almost|over|than|around|roughly|least)\s+$", before, re.I):
        return False
    return True


def find(text: str) -> list[Match]:
    """All non-overlapping grammar matches in ``text``, in text order."""
    g = grammar()
    cands: list[tuple[int, int, int, re.Match[str], Pattern]] = []
    upper_text = text.isupper()
    for p in g.patterns:
        for m in p.regex.finditer(text):
            if p.capitalised and not upper_text and not _capital_ok(text, m, g):
                continue
            if not _plausible_year(text, m, p.name):
                continue
            cands.append((m.start(), m.end(), p.order, m, p))
    # Longest first, then the earlier pattern; keep what does not overlap.  The characters
    # already taken are marked in a bytearray, so each overlap test costs the candidate's own
    # length (bytearray.find, in C) instead of a scan of every match kept so far: linear in
    # the text, where the scan was quadratic on long reports.
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken = bytearray(len(text))
    chosen: list[Match] = []
    for s, e, _, m, p in cands:
        if taken.find(1, s, e) != -1:
            continue
        taken[s:e] = b"\x01" * (e - s)
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        if "t" in groups:
            s, e = m.start("t"), m.end("t")
        chosen.append(Match(s, e, text[s:e], p, groups))
    chosen.sort(key=lambda x: x.start)
    return chosen
