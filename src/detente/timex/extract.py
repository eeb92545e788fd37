"""Finding and normalising every temporal expression of a document.

:func:`extract` runs the grammar over a text, decides the tense of the clause
around each expression (from the spaCy parse when there is one, else from
nearby words), tracks the reference time for anaphoric expressions and
returns :class:`~detente.model.TimeMention` records.
"""

from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Token

from ..linguistics import governing_verb
from ..model import TimeMention
from .normalize import TENSE_KINDS, Anchor, normalise_match
from .rules import Match, find, grammar
from .values import Value

# Auxiliaries and verbs that put the clause in the future.
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "ll"})
_FUTURE_GOVERNORS = frozenset({"plan", "expect", "schedule", "due", "intend", "aim", "hope", "prepare", "go"})
_FUTURE_TEXT = re.compile(
    r"\b(?:will|'ll|shall|(?:is|are|was|were)\s+(?:to|due\s+to|set\s+to|scheduled\s+to|expected\s+to|going\s+to)|"
    r"plans?\s+to|scheduled|upcoming|next)\b",
    re.IGNORECASE,
)
# "a two-year deal", "the third-quarter results": the article belongs to the noun.
_ADJECTIVAL = re.compile(
    r"(?:the|a|an)\s+(?:\w+\s+)?[\w-]*-(?:year|month|week|day|hour|minute|quarter|long)$", re.I
)
_CONDITIONAL_TEXT = re.compile(r"\bwould\b", re.IGNORECASE)


# How far (in dependency arcs) a verb may be for its tense to bind an
# expression: "met (on) Thursday" is 1-2 arcs; further up, the verb usually
# belongs to another clause ("said the payment, due Nov. 10, ...").
_TENSE_REACH = 3


def tense_of_verb(v: Token) -> str | None:
    """The tense of a verb token from its auxiliaries: "past", "present",
    "future", "modal" (a modal or infinitive: no direction) or None."""
    auxes = [c for c in v.children if c.dep_ in ("aux", "auxpass")]
    words = {c.lower_ for c in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if any(c.lower_ == "to" for c in auxes):
        # "is to meet", "plans to visit", "is expected to arrive"
        gov = v.head
        if gov.i != v.i and (gov.lemma_ in _FUTURE_GOVERNORS or gov.lemma_ in ("be", "set")):
            # ... unless that was itself in the past: "had been due to expire Friday"
            if {c.lower_ for c in gov.children if c.dep_ in ("aux", "auxpass")} & {"had", "was", "were"}:
                return None
            return "future"
        # otherwise the governing clause's modality carries over ("would be
        # ready to leave Tuesday"); after a past verb ("decided to admit in
        # March") the direction is unknown.
        up = governing_verb(gov, 2) if gov.i != v.i else None
        if up is not None and up.i != v.i:
            t = tense_of_verb(up)
            if t in ("future", "modal"):
                return t
        return None
    if words & {"would", "could", "might", "may", "must", "should", "can", "ca"}:
        return "modal"  # no direction: the nearest date wins
    if v.lemma_ in _FUTURE_GOVERNORS and v.tag_ == "VBN":
        return "future"  # "is expected in December", "was planned for March", "has scheduled"
    if v.lemma_ == "set" and v.tag_ == "VBN" and any(c.dep_ == "prep" and c.lower_ == "for" for c in v.children):
        return "future"  # "a summit set for April": scheduled
    if v.tag_ == "VBN" and words & {"is", "are", "am", "'s", "'re"} and not words & {"has", "have", "had", "been"}:
        return "present"  # "when the case is heard in May": a present passive
    if v.tag_ in ("VBD",) or words & {"did", "had", "was", "were", "has", "have"}:
        return "past"
    if v.tag_ == "VBN":
        return "past"
    if v.tag_ in ("VBZ", "VBP", "VBG", "VB"):
        return "present"
    return None


def tense_at(text: str, start: int, end: int, doc: Doc | None = None) -> str | None:
    """The tense of the clause an expression at [start, end) belongs to."""
    if doc is not None:
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is not None and len(span):
            v = governing_verb(span.root, _TENSE_REACH)
            # a verb too far up the tree belongs to another clause: no tense
            return tense_of_verb(v) if v is not None else None
    # No parse, or no verb found: look at the words of the same sentence.
    s = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start)) + 1
    e_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i >= 0]
    e = min(e_candidates) if e_candidates else len(text)
    sentence = text[s:start] + " " + text[end:e]
    if _FUTURE_TEXT.search(sentence):
        return "future"
    if _CONDITIONAL_TEXT.search(sentence):
        return None
    return "past"


# Comparisons ("a year earlier", "the year-ago quarter") point back at the
# reference time without moving it.
_NOT_REFERENCE = frozenset({"offset", "year_ago_quarter", "latest_quarter"})


def _is_since(text: str, start: int) -> bool:
    before = text[max(0, start - 14) : start].lower()
    return any(
        re.search(r"(?<![\w])" + re.escape(w) + r"\s+$", before) for w in grammar().lexicon["since_words"]
    )


def extract(
    text: str, published: dt.date | None, doc: Doc | None = None, document: str = "doc"
) -> list[TimeMention]:
    """Every temporal expression in ``text``, normalised against ``published``."""
    out: list[TimeMention] = []
    reference: Value | None = None
    quarter: Value | None = None
    told_days: dict[tuple[int, int], dt.date] = {}
    for m in find(text):
        out_value = _normalise(
            m, text, published, Anchor(published, reference=reference, quarter=quarter, told_days=told_days), doc
        )
        if out_value is None:
            continue
        if out_value.resolved and out_value.granularity == "day" and out_value.type == "DATE" and out_value.start \
                and m.pattern.kind == "day":
            # the first reading of a month and day fixes its year when told again
            told_days.setdefault((out_value.start.month, out_value.start.day), out_value.start)
        # an open interval ("since 2020") does not move the reference time
        if out_value.resolved and m.pattern.kind not in _NOT_REFERENCE and not _is_since(text, m.start):
            reference = out_value
            if re.fullmatch(r"\d{4}-Q\d", out_value.value):
                quarter = out_value
        out.append(_mention(m, out_value, text, published, document))
    return out


# An age ("30-year-old", "52 years old", "the age of five"): TIMEX3 DURATION
# in the TimeML guidelines and in detente, but TimeBank's annotators left ages
# unmarked, so scoring against TimeBank leaves them out (timebank_view).
_AGE = re.compile(r"(?:[\s-]old|^(?:the\s+)?ages?\s.*)$", re.IGNORECASE)


def is_age(mention: TimeMention) -> bool:
    """Whether a mention is a person's or a thing's age ("a 30-year-old")."""
    return mention.type == "DURATION" and bool(_AGE.search(mention.text))


def timebank_view(mentions: list[TimeMention]) -> list[TimeMention]:
    """The mentions TimeBank's annotation covers: all but ages (see docs/time.md)."""
    return [m for m in mentions if not is_age(m)]


def _normalise(
    m: Match, text: str, published: dt.date | None, anchor: Anchor, doc: Doc | None
) -> Value | None:
    anchor.tense = tense_at(text, m.start, m.end, doc) if m.pattern.kind in TENSE_KINDS else None
    anchor.after = text[m.end : m.end + 12]
    anchor.before = text[max(0, m.start - 16) : m.start]
    return normalise_match(m, anchor)


def _mention(m: Match, v: Value, text: str, published: dt.date | None, document: str) -> TimeMention:
    rs = v.start.isoformat() if v.start else None
    if _ADJECTIVAL.match(m.text):
        cut = m.text.index(" ") + 1
        m = Match(m.start + cut, m.end, m.text[cut:], m.pattern, m.groups)
    re_ = v.end.isoformat() if v.end else None
    if v.resolved and v.start and v.end and v.granularity != "day":
        first, last = _part_range(m.text, v.start, v.end, published)
        rs, re_ = first.isoformat(), last.isoformat()
    if v.resolved and _is_since(text, m.start):
        # "since 2020": an open interval from the start of 2020 to publication
        re_ = published.isoformat() if published else None
    return TimeMention(
        document=document,
        start=m.start,
        end=m.end,
        text=m.text,
        value=v.value,
        granularity=v.granularity,
        type=v.type,
        range_start=rs,
        range_end=re_,
    )


def _part_range(
    text: str, start: dt.date, end: dt.date, published: dt.date | None
) -> tuple[dt.date, dt.date]:
    """The days an expression covers inside its value's span.

    "late 2020" is the second half of 2020 and "early March" the first half of
    March (the lexicon's ``part_words``); "earlier this year" ends and "later
    this month" starts at publication (``before_``/``after_publication_words``).
    The value stays the unit's (TIMEX3 writes "late 2020" as 2020): only the
    range, which dates events, narrows."""
    lex = grammar().lexicon
    head = re.match(r"[a-z]+", text.lower())
    word = head.group(0) if head else ""
    part = (lex.get("part_words") or {}).get(word)
    if part is not None:
        days = (end - start).days
        start, end = (
            start + dt.timedelta(days=round(days * float(part[0]))),
            start + dt.timedelta(days=round(days * float(part[1]))),
        )
    if published is not None and start <= published <= end:
        if word in lex.get("before_publication_words", ()):
            end = published
        elif word in lex.get("after_publication_words", ()):
            start = published
    return start, end


def normalize(
    text: str, published: dt.date | str | None = None, tense: str | None = None
) -> TimeMention | None:
    """Normalise one temporal expression given on its own ("last Thursday").

    ``tense`` ("past", "present", "future") stands in for the clause it came
    from; None lets the expression's own words decide.  Returns None when the
    text holds no temporal expression; the longest one found otherwise.
    """
    pub = dt.date.fromisoformat(published) if isinstance(published, str) else published
    matches = find(text)
    if not matches:
        return _dateparser_fallback(text, pub)
    m = max(matches, key=lambda x: x.end - x.start)
    t = (
        tense
        if tense is not None
        else (tense_at(text, m.start, m.end) if m.pattern.kind in TENSE_KINDS else None)
    )
    v = normalise_match(
        m, Anchor(published=pub, tense=t, after=text[m.end : m.end + 12], before=text[max(0, m.start - 16) : m.start])
    )
    if v is None:
        return None
    if v.granularity != "day" and v.type == "DATE" and len(m.text) < len(text.strip()):
        # the grammar read only part of it ("2025" of "4-Sep-2025")
        whole = _dateparser_fallback(text, pub)
        if whole is not None:
            return whole
    return _mention(m, v, text, pub, "doc")


def _dateparser_fallback(text: str, published: dt.date | None) -> TimeMention | None:
    """A full absolute date in a format outside the grammar, via dateparser.

    Only complete dates (day, month and year all written) are accepted, so
    dateparser never guesses from the wall clock; on running text it finds far
    more false dates than real ones (docs/time.md), hence only this narrow use.
    """
    s = text.strip()
    if (
        not s
        or len(s) > 40
        or not re.fullmatch(r"[\w .,/:+-]+", s)
        or not re.search(r"\d{4}|\d{1,2}[./-]\d{1,2}[./-]\d{2}", s)
    ):
        return None
    import dateparser  # imported lazily: it is slow to load

    settings = {
        "REQUIRE_PARTS": ["day", "month", "year"],
        "PREFER_DAY_OF_MONTH": "first",
        "DATE_ORDER": "DMY",
    }
    if published is not None:
        base = dt.datetime.combine(published, dt.time(12))
        settings["RELATIVE_BASE"] = base  # type: ignore[assignment]
    when = dateparser.parse(s, languages=["en"], settings=settings)  # type: ignore[arg-type]
    if when is None:
        return None
    d = when.date()
    start = text.index(s)
    return TimeMention(
        document="doc",
        start=start,
        end=start + len(s),
        text=s,
        value=d.isoformat(),
        granularity="day",
        type="DATE",
        range_start=d.isoformat(),
        range_end=d.isoformat(),
    )
