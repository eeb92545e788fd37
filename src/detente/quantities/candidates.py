"""Candidates: the numbers of a text with the currency, scale, unit and qualifier written around them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .lexicon import Lexicon, load_lexicon


@dataclass(slots=True)
class Candidate:
    """A number found in the text, before the parse is consulted."""

    start: int  # start of the whole phrase (qualifier or currency included)
    end: int  # end of number + scale + unit
    num_start: int
    num_end: int
    value: float
    unit: str | None  # None: a bare number, kept only if it counts a measure noun
    kind: str  # "money" | "percent" | "unit" | "count"
    qualifier: str | None = None
    spelled: bool = False
    core_start: int = -1  # start of currency + number, without the qualifier
    scale: float = 1.0  # the multiplier written after the number ("billion"), 1 if none


def _word_value(text: str, lex: Lexicon) -> float | None:
    total, current = 0.0, 0.0
    for part in re.split(r"[- ]+", text.lower()):
        v = lex.number_words.get(part)
        if v is None:
            return None
        if v == 100:
            current = (current or 1) * 100
        else:
            current += v
    total += current
    return total


def _currency_before(text: str, start: int, lex: Lexicon) -> tuple[str, int] | None:
    """An ISO code written just before ``start`` and where it begins."""
    window = text[max(0, start - 6):start]
    for sym in sorted(lex.currency_prefixes, key=len, reverse=True):
        for sep in ("", " "):
            token = sym + sep
            if window.endswith(token):
                begin = start - len(token)
                # a letter code must be a word of its own ("USD 5bn", not "XUSD5")
                if sym[0].isalpha() and begin > 0 and text[begin - 1].isalnum():
                    continue
                if not sym[0].isalpha() and sep:
                    continue  # "$ 5" is unusual enough to be something else
                return lex.currency_prefixes[sym], begin
    return None


def _qualify(text: str, start: int, lex: Lexicon, qualifier: str | None) -> tuple[str | None, int]:
    """The approximation word just before ``start`` ("about", "at least"), and the new start."""
    window = text[max(0, start - 24):start]
    q = lex.qualifier_re.search(window)
    if q is None:
        return qualifier, start
    return lex.qualifiers[q.group("q").lower()], start - (len(window) - q.start())


def find_candidates(text: str, lex: Lexicon | None = None) -> list[Candidate]:
    """Every number phrase in ``text`` with its value, unit and qualifier (no parse needed)."""
    lex = lex or load_lexicon()
    out: list[Candidate] = []
    for m in lex.number_re.finditer(text):
        raw = m.group(0)
        spelled = not raw[0].isdigit()
        if raw.lower() == "a":
            value: float | None = 1.0  # "a million people"
        else:
            value = _word_value(raw, lex) if spelled else float(raw.replace(",", ""))
        if value is None:
            continue
        before = text[max(0, m.start() - 2):m.start()]
        if re.search(r"[A-Za-z]-$|[A-Za-z]$", before):
            continue  # part of a name or code: "COVID-19", "F-35", "G20"
        start, end = m.start(), m.end()
        if raw.lower() == "a" and re.search(r"\bhalf\s+$", text[max(0, start - 8):start], re.I):
            value = 0.5  # "half a million"
            start = text.rindex("half", 0, start)
        unit: str | None = None
        kind = "count"
        cur = _currency_before(text, m.start(), lex)
        if cur:
            unit, start = cur
            kind = "money"
        after = lex.after_re.match(text, end)
        scale = 1.0
        if after and after.group("scale"):
            scale = lex.scales[after.group("scale").lower()]
        elif after and after.group("mscale") and cur:
            scale = lex.money_scales[after.group("mscale").lower()]
        post = after.group("post") if after else None
        if post:
            p = post.lower()
            if p in lex.percent_words and kind != "money":
                unit, kind = lex.percent_words[p], "percent"
            elif p in lex.currency_words and kind != "money":
                unit, kind = lex.currency_words[p], "money"
            elif p in lex.units and kind != "money":
                unit, kind = lex.units[p], "unit"
            elif p in lex.duration_units and kind == "count":
                unit, kind = lex.duration_units[p], "duration"
        if after and (after.group("scale") or post or (after.group("mscale") and cur)):
            end = after.end()
        if end < len(text) and text[end].isalpha() and not spelled:
            continue  # "65th", "1990s", "3D": not a quantity
        if kind == "count" and re.match(r"\s*(?:%|percent)", text[end:end + 9], re.I):
            continue
        core = start
        qualifier = None
        if spelled and raw.lower() in lex.vague_numbers and text[max(0, start - 2):start].lower() == "a ":
            start -= 2  # "a dozen missiles": about twelve
            qualifier = lex.vague_numbers[raw.lower()]
        qualifier, start = _qualify(text, start, lex, qualifier)
        out.append(Candidate(start, end, m.start(), m.end(), value * scale, unit, kind, qualifier, spelled, core,
                             scale))
    for f in lex.fraction_re.finditer(text):
        prev = text[max(0, f.start() - 8):f.start()].lower()
        if re.search(r"\b(first|second|last|latter|the|other)\s+$", prev):
            continue  # "the first half of 2025" is a time, not a share
        word = f.group("f")
        qualifier, start = _qualify(text, f.start(), lex, None)
        out.append(Candidate(start, f.start() + len(word), f.start(), f.start() + len(word),
                             lex.fractions[word.lower()], "percent", "percent", qualifier, True, f.start()))
    out.sort(key=lambda c: (c.start, -c.end))
    kept: list[Candidate] = []
    for c in out:
        if kept and c.start < kept[-1].end:
            continue
        kept.append(c)
    _share_ranges(text, kept)
    return kept


# "$6-$8 billion", "$6 to 8 billion", "between 2 and 3 million": the ends of a range
_RANGE_LINK = re.compile(r"\s*(?:-|–|—|to|and)\s*$", re.I)


def range_linked(text: str, a: Candidate, b: Candidate) -> bool:
    """Whether ``a`` and ``b`` are the two ends of one range ("$6-$8 billion", "1,500 and 3,000")."""
    gap = text[a.end:b.start]
    if not _RANGE_LINK.match(gap):
        return False
    if gap.strip().lower() == "and":
        # "and" joins a range only after "between" ("between 1,500 and 3,000")
        return bool(re.search(r"\bbetween\s+$", text[max(0, a.start - 12):a.start], re.I))
    return True


def _share_ranges(text: str, cands: list[Candidate]) -> None:
    """The first end of a range takes the scale and currency written only once, at the second end."""
    for a, b in zip(cands, cands[1:], strict=False):
        if not range_linked(text, a, b) or _year_like(a):
            continue
        if a.scale == 1.0 and b.scale != 1.0 and a.kind in ("money", "count") and b.kind in ("money", "count"):
            a.value *= b.scale
            a.scale = b.scale
        if a.kind == "money" and b.kind == "count" and b.unit is None and b.scale == a.scale:
            b.unit, b.kind = a.unit, "money"  # "$6-8 billion"
        elif b.kind == "money" and a.kind == "count" and a.unit is None:
            a.unit, a.kind = b.unit, "money"  # "6 to 8 billion dollars"


def _year_like(c: Candidate) -> bool:
    # "2,000" with its thousands comma is a count, never a year
    return (not c.spelled and c.value.is_integer() and 1800 <= c.value <= 2100 and c.qualifier is None
            and c.num_end - c.num_start == 4)
