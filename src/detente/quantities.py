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
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import yaml
from spacy.tokens import Doc, Span, Token

from .linguistics import paragraph_starts, state_pair
from .model import ActorMention, Date, Mention, Quantity, TimeMention, stable_id
from .nlp import line_bounds
from .pipeline import DocContext
from .settings import Settings

_DIGITS = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
_VERBAL = {"VERB", "AUX"}
# a number standing on its own as a noun ("to 557", "displaced some 300,000")
_BARE_DEPS = {"pobj", "dobj", "attr", "appos", "conj", "nsubj", "nsubjpass"}


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
    modality: dict[str, dict[str, frozenset[str]]]
    source_nouns: frozenset[str]
    attribution_verbs: frozenset[str]
    default_measures: dict[str, str]
    not_counted: frozenset[str]
    frequency_nouns: frozenset[str]
    vague_numbers: dict[str, str]
    reported_future: frozenset[str]
    number_re: re.Pattern[str] = field(init=False)
    after_re: re.Pattern[str] = field(init=False)
    qualifier_re: re.Pattern[str] = field(init=False)
    fraction_re: re.Pattern[str] = field(init=False)

    def __post_init__(self) -> None:
        words = _alternation(self.number_words)
        word_num = rf"(?:{words})(?:[- ](?:{words}))*"
        set_ = object.__setattr__
        set_(self, "number_re", re.compile(rf"(?<![\w.,])(?:{_DIGITS})|\b{word_num}\b", re.I))
        posts = {**self.percent_words, **self.currency_words, **self.units}
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
    raw: dict[str, Any] = yaml.safe_load(
        resources.files("detente").joinpath("data/quantities.yaml").read_text(encoding="utf-8")
    )
    mod = {
        kind: {"words": frozenset(v.get("words", [])), "lemmas": frozenset(v.get("lemmas", []))}
        for kind, v in raw["modality"].items() if kind != "reported_future"
    }
    return Lexicon(
        scales={k.lower(): float(v) for k, v in raw["scales"].items()},
        money_scales={k.lower(): float(v) for k, v in raw["scales_money_only"].items()},
        number_words={k.lower(): int(v) for k, v in raw["number_words"].items()},
        currency_prefixes=dict(raw["currency_prefixes"]),
        currency_words={k.lower(): v for k, v in raw["currency_words"].items()},
        percent_words={k.lower(): v for k, v in raw["percent_words"].items()},
        fractions={k.lower(): float(v) for k, v in raw["fractions"].items()},
        units={k.lower(): v for k, v in raw["units"].items()},
        measure_nouns=frozenset(w.lower() for w in raw["measure_nouns"]),
        qualifiers={k.lower(): v for k, v in raw["qualifiers"].items()},
        anaphoric=frozenset(raw["anaphoric_determiners"]),
        modality=mod,
        source_nouns=frozenset(raw["source_nouns"]),
        attribution_verbs=frozenset(raw["attribution_verbs"]),
        default_measures=dict(raw["default_measures"]),
        not_counted=frozenset(raw["not_counted"]),
        frequency_nouns=frozenset(raw["frequency_nouns"]),
        vague_numbers=dict(raw["vague_numbers"]),
        reported_future=frozenset(raw["modality"]["reported_future"]),
    )


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
        value = _word_value(raw, lex) if spelled else float(raw.replace(",", ""))
        if value is None:
            continue
        before = text[max(0, m.start() - 2):m.start()]
        if re.search(r"[A-Za-z]-$|[A-Za-z]$", before):
            continue  # part of a name or code: "COVID-19", "F-35", "G20"
        start, end = m.start(), m.end()
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
        out.append(Candidate(start, end, m.start(), m.end(), value * scale, unit, kind, qualifier, spelled, core))
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
    return kept


# --- the parse -------------------------------------------------------------------------


def _span(doc: Doc, start: int, end: int) -> Span | None:
    return doc.char_span(start, end, alignment_mode="expand")


def _counted_noun(tok: Token, lex: Lexicon) -> Token | None:
    """The noun a number counts ("60 nuclear warheads" -> warheads), if worth counting."""
    doc = tok.doc
    # partitive: "four of the 15 votes"
    for prep in tok.children:
        if prep.dep_ == "prep" and prep.lower_ == "of":
            objs = [o for o in prep.children if o.dep_ == "pobj" and o.tag_ in ("NNS", "NNPS")]
            if objs and _countable(objs[0], lex):
                return objs[0]
    head = tok
    # climb through nummod/quantmod/compound links to the noun the number modifies
    for _ in range(3):
        if head.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.head.i != head.i:
            head = head.head
            if head.pos_ in ("NOUN", "PROPN"):
                break
        else:
            break
    if head.i == tok.i or head.pos_ not in ("NOUN", "PROPN"):
        nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
        if nxt is not None and nxt.pos_ == "NOUN":
            head = nxt  # a mis-parse: "26 nations" tagged with the number as head
        else:
            return None
    return head if _countable(head, lex) else None


def _countable(noun: Token, lex: Lexicon) -> bool:
    lemma = noun.lemma_.lower()
    if lemma in lex.measure_nouns or noun.lower_ in lex.measure_nouns:
        return True
    prev = noun.doc[noun.i - 1] if noun.i > 0 else None
    if prev is not None and f"{prev.lemma_.lower()} {lemma}" in lex.measure_nouns:
        return True
    if lemma in lex.frequency_nouns:
        # "met three times" counts meetings; "three times larger" is a ratio
        nxt = noun.doc[noun.i + 1] if noun.i + 1 < len(noun.doc) else None
        comparative = nxt is not None and (nxt.tag_ in ("JJR", "RBR") or nxt.lower_ in ("as", "more", "the"))
        return noun.head.pos_ == "VERB" and noun.dep_ in ("npadvmod", "advmod", "dobj") and not comparative
    if lemma in lex.not_counted:
        return False
    return noun.tag_ in ("NNS", "NNPS")


def _year_like(c: Candidate) -> bool:
    return not c.spelled and c.value.is_integer() and 1800 <= c.value <= 2100 and c.qualifier is None


def _in_mentions(tok: Token, mentions: list[ActorMention]) -> bool:
    return any(m.start <= tok.idx < m.end for m in mentions)


def _phrase(tokens: Iterable[Token], mentions: list[ActorMention]) -> str:
    words = [t for t in tokens if t.pos_ not in ("DET", "PUNCT") and t.dep_ not in ("poss", "case")
             and t.tag_ not in ("JJR", "RBR")
             and not _in_mentions(t, mentions)]
    return " ".join(t.text for t in words).strip()


def _noun_phrase(noun: Token, mentions: list[ActorMention]) -> str:
    """A noun with its adjective and compound modifiers ("bilateral trade")."""
    mods = [c for c in noun.lefts if c.dep_ in ("amod", "compound")]
    return _phrase([*mods, noun], mentions)


def _block(tok: Token) -> tuple[int, int]:
    """The line (paragraph) holding ``tok``: a quote or a number never crosses one."""
    return line_bounds(tok.doc, tok.idx)


def _chain(tok: Token) -> list[Token]:
    """Tokens from ``tok`` up to the root of its sentence, within its paragraph."""
    lo, hi = _block(tok)
    out = [tok]
    while out[-1].head.i != out[-1].i and lo <= out[-1].head.idx < hi:
        out.append(out[-1].head)
    return out


def _subject(verb: Token) -> Token | None:
    lo, hi = _block(verb)
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj") and lo <= c.idx < hi:
            return c
    return None


def _clause_verb(anchor: Token, lex: Lexicon) -> tuple[Token | None, Token | None]:
    """The first verb above the anchor with a subject, and that subject."""
    first: Token | None = None
    for t in _chain(anchor)[1:]:
        if t.pos_ in _VERBAL or t.dep_ == "ROOT":
            first = first or t
            subj = _subject(t)
            if subj is not None:
                return t, subj
    return first, None


def _mentions_under(ctx: DocContext, tok: Token) -> list[ActorMention]:
    sub = list(tok.subtree)
    lo, hi = _block(tok)
    return ctx.mentions_in(max(lo, sub[0].idx), min(hi, sub[-1].idx + len(sub[-1].text)))


def _according_to(ctx: DocContext, sent: Span, lex: Lexicon) -> tuple[str, tuple[int, int]] | None:
    """The source of an "according to X" phrase: X's actor id, else its name without "estimates"."""
    for t in sent:
        if t.lower_ == "according" and t.i + 1 < len(t.doc) and t.doc[t.i + 1].lower_ == "to":
            objs = [c for c in t.doc[t.i + 1].children if c.dep_ == "pobj"]
            if not objs:
                continue
            sub = list(objs[0].subtree)
            rng = (sub[0].idx, sub[-1].idx + len(sub[-1].text))
            found = ctx.mentions_in(*rng)
            if found:
                return found[0].actor, rng
            words = [w.text for w in sub if w.pos_ not in ("DET", "PUNCT") and w.lower_ not in lex.source_nouns]
            if words:
                return " ".join(words), rng
    return None


def _modality(anchor: Token, lex: Lexicon) -> str:
    """Modality from the verbs between the number and the top of its clause."""
    hits: set[str] = set()
    reported = False
    for t in _chain(anchor)[1:]:
        if t.pos_ not in _VERBAL and t.dep_ != "ROOT":
            continue
        if t.lemma_.lower() in lex.attribution_verbs:
            reported = t.tag_ == "VBD"
            break  # "X said trade will..." -> the modality is inside; don't go above the source
        for kind, cues in lex.modality.items():
            if t.lemma_.lower() in cues["lemmas"]:
                hits.add(kind)
            for c in t.children:
                if c.dep_ in ("aux", "auxpass", "neg", "advmod", "mark") and c.lower_ in cues["words"]:
                    hits.add(kind)
                    if reported is False and c.lower_ in lex.reported_future:
                        hits.add("reported_future")
        if _subject(t) is not None or t.dep_ in ("relcl", "ccomp", "advcl", "conj"):
            # the clause ends here: a higher verb's mood is not the number's, but a
            # past-tense speech verb right above turns "would" into a future ("said he would")
            above = t.head
            reported = above.lemma_.lower() in lex.attribution_verbs and above.tag_ == "VBD"
            break
    if reported and "reported_future" in hits and hits - {"reported_future"} == {"hypothetical"}:
        return "future"
    for kind in ("negated", "prescriptive", "hypothetical", "future"):
        if kind in hits:
            return kind
    return "asserted"


_DateFor = Callable[[DocContext, int, int], Date]
_timex_date_for: _DateFor | None
try:  # the time stage is optional: without it, dates come from ctx.times alone
    from .timex import date_for as _timex_date_for
except ImportError:  # pragma: no cover - exercised only when detente.timex is absent
    _timex_date_for = None


def _date_for(ctx: DocContext, start: int, end: int) -> Date | None:
    if _timex_date_for is not None:
        try:
            d: Date | None = _timex_date_for(ctx, start, end)
        except Exception:  # a failing optional stage must not lose the quantity
            d = None
        if d is not None and d.value and d.basis != "unknown":
            return d
        return None
    times: list[TimeMention] = [t for t in ctx.times_in(start, end) if t.type == "DATE" and t.value]
    if times:
        t = times[0]
        return Date(t.value, t.granularity, t.range_start, t.range_end, basis="explicit")
    return None


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
        if c.kind == "count":
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
    if last.dep_ in _BARE_DEPS and last.sent.start in counted and not _year_like(c):
        # "adds 117 vessels ..., bringing the total to 557": the measure is elided
        return last, c.end, counted[last.sent.start]
    return None


# counted sets of states: "26 nations, including Iran and Pakistan" are those states, not
# whoever the sentence is about
STATE_SET_NOUNS = frozenset({"nation", "country", "state", "government", "member"})


PAIR_WORDS = frozenset({"bilateral", "two-way"})


def _between_two(anchor: Token, subj: Token | None) -> bool:
    """Whether the number's phrase or its clause subject is about a pair ("bilateral trade", "two-way trade")."""
    for head in (anchor, subj):
        if head is not None and any(t.lower_ in PAIR_WORDS for t in head.subtree):
            return True
    return False


def _story_pair(ctx: DocContext, before: int) -> list[str]:
    """The story's current pair of states at ``before``, as the events stage keeps it: the latest
    event with one state on each side, told in the same or the previous paragraph."""
    starts = paragraph_starts(ctx.document.text)
    here = bisect_right(starts, before)
    for ev in sorted(ctx.events, key=lambda e: e.mentions[0].start if e.mentions else before, reverse=True):
        start = ev.mentions[0].start if ev.mentions else before
        if start >= before:
            continue
        if bisect_right(starts, start) < here - 1:
            break
        pair = state_pair(ctx, ev)
        if pair is not None:
            return [pair[0][1], pair[1][1]]
    return []


def _subject_mentions(ctx: DocContext, anchor: Token, verb: Token | None,
                      subj: Token | None) -> list[ActorMention]:
    """Actors the number is about: its own phrase ("X's", "of X"), the clause subject, agent, dative."""
    found = list(_mentions_under(ctx, anchor))
    if found and anchor.lemma_.lower() in STATE_SET_NOUNS:
        return found
    if subj is not None and anchor.i not in {t.i for t in subj.subtree}:
        found.extend(_mentions_under(ctx, subj))
    if verb is not None:
        for ch in verb.children:
            if ch.dep_ in ("dative", "agent"):
                found.extend(_mentions_under(ctx, ch))
    return found


def _attribution(ctx: DocContext, anchor: Token, verb: Token | None,
                 lex: Lexicon) -> tuple[str | None, tuple[int, int], str | None]:
    """Who the number comes from, the range naming it, and the speaker (both kept out of subjects)."""
    found = _according_to(ctx, anchor.sent, lex)
    if found is not None:
        return found[0], found[1], None
    for t in _chain(anchor)[1:]:
        if t.lemma_.lower() in lex.attribution_verbs and (verb is None or t.i != verb.i):
            s = _subject(t)
            if s is not None:
                ms = _mentions_under(ctx, s)
                if ms:
                    return ms[0].actor, (0, 0), ms[0].actor
    return None, (0, 0), None


def _clause_date(ctx: DocContext, anchor: Token, verb: Token | None, start: int, end: int) -> Date | None:
    """The date of the number's clause: a time expression attached to its verb or noun, else context."""
    if verb is not None:
        sub = list(verb.subtree)
        for t in ctx.times_in(sub[0].idx, sub[-1].idx + len(sub[-1].text)):
            span = _span(ctx.doc, t.start, t.end)
            if span is not None and _attached(span.root, {verb.i, anchor.i}):
                return _date_for(ctx, t.start, t.end)
    # no expression of its own ("the 1961 treaty" dates the treaty, not the number)
    return _date_for(ctx, start, end)


def _attached(tok: Token, targets: set[int]) -> bool:
    # a time phrase hangs off the verb/number directly or through a preposition
    for _ in range(3):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i in targets:
            return True
        if tok.pos_ != "ADP":
            return False
    return False


def _mention(ctx: DocContext, start: int, end: int) -> Mention:
    return Mention(document=ctx.document.id, start=start, end=end, text=ctx.document.text[start:end])


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
