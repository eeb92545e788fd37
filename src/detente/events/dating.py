"""Dating: the date of an event from the time expressions around its trigger.

The time stage dates a character range (:func:`detente.timex.date_for`); this
module chooses the range — the trigger's clause, the clause it shares a time
with ("when Kim travelled"), a distance from its governor ("a day after") —
and falls back on the story's narrative anchor.
"""

from __future__ import annotations

import functools
from datetime import date as _Day
from datetime import timedelta

from spacy.tokens import Token

from ..linguistics import in_quotation
from ..model import Date, TimeMention
from ..stage import DocContext
from ..timex import date_for, day_value, deadline, foreign_noun, narrative_of, noun_of
from ..timex.rules import grammar
from ..timex.values import from_string
from .resolver import Resolver
from .triggers import Candidate


def event_date(r: Resolver, c: Candidate, anchor: Token) -> Date:
    """The date of candidate ``c``: the time stage's date for the clause that holds its times,
    narrowed to the day the story gives the same act elsewhere (:func:`same_act_day`)."""
    date = _event_date(r, c, anchor)
    day = same_act_day(r, c, date)
    return day if day is not None else date


def same_act_day(r: Resolver, c: Candidate, date: Date) -> Date | None:
    """ "deported 40 others last month" and, later, "the Feb. 27 deportations": a month
    or week the clause tells is narrowed to the one day inside it that the story
    puts on a noun of the same act (its lemma begins with the trigger's: deport →
    deportation).  None when there is no such day or more than one."""
    if date.basis != "explicit" or date.granularity not in ("week", "month") or not date.start or not date.end:
        return None
    stem = c.head.lemma_.lower()
    if len(stem) < 4:
        return None
    days = set()
    for t in r.ctx.times:
        if t.granularity != "day" or not t.range_start or not (date.start <= t.range_start <= date.end):
            continue
        noun = noun_of(r.ctx, t)
        if noun is not None and noun != c.head.i and r.ctx.doc[noun].lemma_.lower().startswith(stem):
            days.add(t.range_start)
    if len(days) != 1:
        return None
    day = days.pop()
    return Date(value=day, granularity="day", start=day, end=day, basis="context")


def _event_date(r: Resolver, c: Candidate, anchor: Token) -> Date:
    """The date of the clause that holds ``c``'s times (see :func:`event_date`)."""
    span_tok = anchor
    if c.nominal:
        sub = [t for t in anchor.subtree if not in_since(t, anchor)]
        if not r.ctx.times_in(sub[0].idx, sub[-1].idx + len(sub[-1])) or not any(
                r.ctx.times_in(t.idx, t.idx + len(t)) for t in sub):
            span_tok = anchor.head
            while span_tok.pos_ not in ("VERB", "AUX") and span_tok.head.i != span_tok.i:
                span_tok = span_tok.head
    word = anchor.i  # a time on another noun ("the February 8 vote") is not the event's
    left, right = span_tok.left_edge, span_tok.right_edge
    if c.nominal:
        since = next((t for t in anchor.children if t.lower_ == "since" and t.i > anchor.i), None)
        after = since.right_edge if since is not None else None
        if since is not None and after is not None and since.i > left.i and not has_own_time(
                r.ctx, after.idx + len(after), right.idx + len(right)):
            right = r.ctx.doc[since.i - 1]  # "his first trip since 2019" is not dated 2019
    if not c.nominal:
        right = _before_trailing_relative(span_tok, anchor, right)
    if span_tok.dep_ == "relcl" and r.ctx.times_in(span_tok.head.idx, span_tok.head.idx + len(span_tok.head)):
        left = span_tok.head  # "last September, when Kim travelled to Beijing"
        if span_tok.head.head.lower_ in _since_heads():
            # "fighting since 2011, when the government sent troops": the sending is 2011's, not an interval
            return since_point(date_for(r.ctx, left.idx, right.idx + len(right), word))
    elif not has_own_time(r.ctx, left.idx, right.idx + len(right), word):
        top = span_tok
        while top.dep_ == "conj" and top.head.pos_ in ("VERB", "AUX"):
            top = top.head  # "who held talks ... and was received by Kim"
        gov = time_governor(top)
        if gov is not None and has_own_time(r.ctx, gov.left_edge.idx, left.idx):
            # "began last September, when Kim travelled", "a visit in April by
            # Wang Yi, who held talks": the clause shares its governor's time
            left, right = gov.left_edge, r.ctx.doc[left.i - 1] if left.i > gov.left_edge.i else gov
            if top.dep_ == "relcl" and gov.pos_ == "NOUN":
                word = gov.i  # "the 2004 bombing that killed ...": the noun's own time is the clause's
        elif gov is not None and top.dep_ == "advcl" and has_own_time(r.ctx, top.right_edge.idx, gov.right_edge.idx + len(gov.right_edge)):
            # "When he last visited North Korea, in June 2019, Beijing still called ...":
            # the time told after the when-clause is the governor's, and so the clause's
            left, right = gov.left_edge, gov.right_edge
    later = after_a_clause(r, c, span_tok)
    if later is not None:
        return later
    if not has_own_time(r.ctx, left.idx, right.idx + len(right), word) and not c.nominal:
        shared = shared_time(r, span_tok)
        if shared is not None:
            left, right = shared
    if not has_own_time(r.ctx, left.idx, right.idx + len(right), word):
        shifted = relative_to_governor(r, span_tok, c)
        if shifted is not None:
            return shifted
        told = narrative_time(r, span_tok)
        if told is not None:
            return told
    return date_for(r.ctx, left.idx, right.idx + len(right), word)


_TIME_PREPS = frozenset({"in", "on", "at", "during"})


def repeated_dates(r: Resolver, c: Candidate, date: Date) -> list[Date]:
    """The other occasions of an act told with coordinated times: "imposed sanctions
    on X in 2023 and again in January" is two impositions, one a year.  Returns the
    dates of the time phrases coordinated with the verb's dated one (empty for a
    noun, an undated event, or one time)."""
    verb = c.head
    if c.nominal or date.basis != "explicit" or verb.pos_ not in ("VERB", "AUX"):
        return []
    preps = {ch.i: ch for ch in verb.children if ch.dep_ in ("prep", "conj") and ch.lower_ in _TIME_PREPS}
    for p in list(preps.values()):
        preps.update({ch.i: ch for ch in p.conjuncts if ch.lower_ in _TIME_PREPS})
    dated = [p for _, p in sorted(preps.items())
             if has_own_time(r.ctx, p.left_edge.idx, p.right_edge.idx + len(p.right_edge))]
    out: list[Date] = []
    for before, p in zip(dated, dated[1:], strict=False):
        # the two times are coordinated: an "and" between them ("in 2023 and again in January")
        if not any(t.lower_ == "and" and t.dep_ == "cc" for t in verb.doc[before.i + 1:p.i]):
            continue
        d = date_for(r.ctx, p.left_edge.idx, p.right_edge.idx + len(p.right_edge))
        if d.basis == "explicit" and d.value != date.value and all(d.value != o.value for o in out):
            out.append(d)
    return out


NARRATIVE_REACH = 2  # sentences back a dateless past clause looks for the time it continues


def narrative_time(r: Resolver, clause: Token) -> Date | None:
    """The month or year a dateless past-tense clause continues from the sentence
    just before it: "The talks failed at a summit held in February. There, Kim
    asked for relief. Trump denied the request": the asking and the denying are
    February's, not the day of the story's last dated sentence.

    Only the nearest earlier sentence that tells a time counts, within
    ``NARRATIVE_REACH`` sentences; a day-level time there is left to the usual
    context rule (None), as is a time on a noun ("the 2014 abduction") or one
    after publication.  A clause in the present or future tells the story's
    moment, not the narrative's."""
    if not _past(clause) or in_quotation(clause) or clause.dep_ == "relcl":
        return None  # a quotation speaks in its own time; "Kim, who met Trump" is background
    root = clause.sent.root
    if root.i != clause.i and not _past(root):
        return None  # "the North has come to rely on Moscow since it sent troops": the sentence tells now
    sent = clause.sent
    paragraph = r.ctx.document.text.rfind("\n", 0, sent.start_char) + 1
    published = r.ctx.published.isoformat() if r.ctx.published is not None else None
    for _ in range(NARRATIVE_REACH):
        if sent.start == 0 or sent.start_char <= paragraph:
            return None
        sent = r.ctx.doc[sent.start - 1].sent
        times = [t for t in r.ctx.times_in(sent.start_char, sent.end_char)
                 if t.value and t.type in ("DATE", "TIME") and t.range_start and not t.value.endswith("_REF")
                 and not _in_relative(r, t)]
        if not times:
            continue
        t = times[-1]
        if t.granularity not in ("week", "month", "year") or noun_of(r.ctx, t) is not None \
                or (published is not None and (t.range_end or "9") >= published):
            return None  # "this year", "this month" hold the story's own moment
        return Date(value=day_value(t.value), granularity=t.granularity, start=t.range_start, end=t.range_end,
                    basis="context")
    return None


def _in_relative(r: Resolver, t: TimeMention) -> bool:
    """Whether a time sits in a relative clause ("whose country applied in 2011"):
    that clause's time, not the sentence's narrative."""
    span = r.ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
    return span is not None and len(span) > 0 and any(a.dep_ == "relcl" for a in span.root.ancestors)


def _past(verb: Token) -> bool:
    """A verb in the simple past or past perfect, active or passive ("asked",
    "were killed", "had signed")."""
    if verb.pos_ not in ("VERB", "AUX"):
        return False
    auxes = {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if not auxes and verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
        # "have blamed X and called on Y": the conjunct shares its head's auxiliaries
        auxes = {c.lower_ for c in verb.head.children if c.dep_ in ("aux", "auxpass")}
    if verb.tag_ == "VBD":
        return not auxes
    return verb.tag_ == "VBN" and bool(auxes & {"was", "were", "had"}) and not auxes - {"was", "were", "had", "been"}


def _before_trailing_relative(clause: Token, anchor: Token, right: Token) -> Token:
    """The clause's last token before a relative clause that ends it.

    "banned him from politics for defying the envoy who oversees the 1995 accords":
    the relative clause tells its own time (1995), not the banning's."""
    for tok in clause.subtree:
        if tok.dep_ == "relcl" and tok.i > anchor.i and tok.right_edge.i >= right.i and tok.left_edge.i > anchor.i:
            return clause.doc[tok.left_edge.i - 1]
    return right


def shared_time(r: Resolver, tok: Token) -> tuple[Token, Token] | None:
    """The time a dateless clause shares with the clause it hangs from: a coordinated
    verb ("In April, the military removed X and jailed him"), a complement of a
    dated report or decision ("In March, Nairobi announced it was recalling
    ties").  Returns the first and last tokens of the governor's own part that holds
    the time.  A complement with a modal ("said on Monday it would retaliate") tells
    something later than the saying and shares nothing; nor does a "when" or
    relative clause (see :func:`time_governor`)."""
    cur = tok
    for _ in range(2):
        means = _means_of(cur)
        if means is not None:
            cur = means  # "ignited the war last week by imposing tariffs": the means shares the act's time
        elif cur.dep_ not in ("conj", "ccomp", "xcomp") or cur.head.i == cur.i or cur.head.pos_ not in ("VERB", "AUX"):
            return None
        if any(c.dep_ == "aux" and c.lemma_.lower() in r.cues.aux for c in cur.children):
            return None
        gov = cur.head
        if cur.dep_ != "conj" and gov.lemma_.lower() in r.cues.governors:
            return None  # "agreed earlier this month to restore the links": the restoring is to come
        if cur.dep_ == "conj" and any(c.dep_ in ("nsubj", "nsubjpass") for c in cur.children):
            # a clause of its own ("he would visit in April and Xi would come later")
            # shares only a time fronted before both
            subj = next((c for c in gov.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            edge = subj.left_edge if subj is not None else gov
            if edge.i <= gov.left_edge.i or not has_own_time(r.ctx, gov.left_edge.idx, edge.idx):
                return None
            return gov.left_edge, r.ctx.doc[edge.i - 1]
        before = (gov.left_edge, r.ctx.doc[cur.left_edge.i - 1]) if cur.left_edge.i > gov.left_edge.i else None
        after = (r.ctx.doc[cur.right_edge.i + 1], gov.right_edge) if cur.right_edge.i < gov.right_edge.i else None
        for part in (before, after):
            if part is not None and part[0].i <= part[1].i and has_own_time(r.ctx, part[0].idx, part[1].idx + len(part[1])):
                return part
        cur = gov
    return None


def _means_of(tok: Token) -> Token | None:
    """The "by" phrase a gerund tells the means in ("retaliated by imposing tariffs"):
    the caller treats it like a complement of the verb it hangs from, which it
    shares a time with; None for any other word."""
    if tok.dep_ == "pcomp" and tok.tag_ == "VBG" and tok.head.lower_ == "by" and tok.head.dep_ == "prep":
        return tok.head if tok.head.head.pos_ in ("VERB", "AUX") else None
    return None


def relative_to_governor(r: Resolver, tok: Token, c: Candidate | None = None) -> Date | None:
    """ "The talks came a day after Kim stood at a military parade": the clause under
    "N days after/before" is dated from its governor's date (its own time, else the
    story's anchor), shifted by the distance; None when the anchor's sentence tells this act
    (``c``): its day is the anchor's, and the governor's is shifted (:func:`after_a_clause`)."""
    for anc in [tok, *tok.ancestors]:
        marker = _after_or_before(anc, ("advcl", "relcl"))
        if marker is None:
            continue
        gov = anc.head
        distance = [*gov.children, *marker.children]
        if marker.dep_ == "mark":  # "made it [a day after the Taliban reported ...]": the distance on the clause
            distance += [m for m in anc.children if m.i < marker.i]
        if gov.dep_ == "npadvmod":  # "came [a day [after Kim stood ...]]": the parser hung the clause on "day"
            distance, gov = [gov], gov.head
        amount = next((days_in(r, m) for m in distance if m.dep_ == "npadvmod"), None)
        if amount is None:
            return None
        clause = list(anc.subtree)
        left = gov.left_edge
        end = clause[0].idx if clause[0].i > left.i else gov.idx + len(gov)
        if has_own_time(r.ctx, left.idx, end):
            base = date_for(r.ctx, left.idx, end)
        else:
            anchor = context_time(r, tok.sent.start_char)
            if c is not None and anchor is not None and _tells_act(r, c, anchor):
                return None  # the story's anchor tells this act: its day is the anchor (see after_a_clause)
            base = context_date(r, tok.sent.start_char)
        return _shifted(base, -amount if marker.lower_ == "after" else amount)
    return None


def after_a_clause(r: Resolver, c: Candidate, clause: Token) -> Date | None:
    """ "Three days after Lai took office, China held drills": a clause told "N days after (before)"
    another clause is that clause's day shifted by the distance (:func:`relative_to_governor` dates
    the other way round, the clause under "after" from its governor).

    The other clause's day is its own time, else the story's anchor (:func:`context_date`) when the
    anchor's sentence tells another act: an anchor telling this one ("Xi held talks on Thursday. The
    talks came a day after ...") is this clause's own day.  None when there is no such clause, no
    day to shift, or the shifted day falls after publication.
    """
    for sub in clause.children:
        marker = _after_or_before(sub, ("advcl",))
        if marker is None:
            continue
        near = [*marker.children, *(m for m in sub.children if m.i < marker.i)] if marker is not sub else [*sub.children]
        amount = next((days_in(r, m) for m in near if m.dep_ == "npadvmod" and days_in(r, m)), None)
        if amount is None:
            continue  # "after the talks", with no distance
        doc, first, last = clause.doc, sub.left_edge.i, sub.right_edge.i
        end = clause.right_edge.idx + len(clause.right_edge)
        if (first > clause.left_edge.i and has_own_time(r.ctx, clause.left_edge.idx, doc[first].idx)) or (
                last < clause.right_edge.i and has_own_time(r.ctx, doc[last + 1].idx, end)):
            return None  # "on Monday, three days after ...": the clause tells its own day
        told = [t for t in sub.subtree if t.i > marker.i]
        if told and has_own_time(r.ctx, told[0].idx, told[-1].idx + len(told[-1])):
            base = date_for(r.ctx, told[0].idx, told[-1].idx + len(told[-1]))
        elif marker is not sub:  # a clause with no time of its own: the story's anchor, if another act's
            anchor = context_time(r, clause.sent.start_char)
            if anchor is None or _tells_act(r, c, anchor):
                return None
            base = context_date(r, clause.sent.start_char)
        else:
            return None  # "two days after the election": the noun's day is not told here
        shifted = _shifted(base, amount if marker.lower_ == "after" else -amount)
        if shifted is None or r.ctx.published is not None and shifted.value > r.ctx.published.isoformat():
            return None
        return shifted
    return None


def _after_or_before(tok: Token, clauses: tuple[str, ...]) -> Token | None:
    """The "after"/"before" of a clause (of dependency ``clauses``, its marker) or of a phrase (``tok``
    itself), else None."""
    if tok.dep_ in clauses:
        return next((m for m in tok.children if m.dep_ == "mark" and m.lower_ in ("after", "before")), None)
    return tok if tok.dep_ == "prep" and tok.lower_ in ("after", "before") else None


def _shifted(base: Date, days: int) -> Date | None:
    """The day ``days`` from a day-level ``base`` (None for another granularity or an interval)."""
    if base.granularity != "day" or not base.start or "/" in base.value:
        return None
    day = (_Day.fromisoformat(base.start) + timedelta(days=days)).isoformat()
    return Date(value=day, granularity="day", start=day, end=day, basis="context")


def _tells_act(r: Resolver, c: Candidate, t: TimeMention) -> bool:
    """Whether the sentence of time ``t`` tells the act of ``c``: a word beginning with the lemma of the word
    carrying it (the noun of "held talks", the verb of "met"), "held talks" for "the talks"."""
    span = r.ctx.doc.char_span(t.start, t.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return True  # cannot tell: as if it did (no shift)
    stem = (c.noun if c.noun is not None else c.head).lemma_.lower()
    return any(w.lemma_.lower().startswith(stem) for w in span.sent)


def days_in(r: Resolver, tok: Token) -> int | None:
    """Days in "a day", "two days", "a week" (None for other nouns)."""
    unit = {"day": 1, "week": 7}.get(tok.lemma_.lower())
    if unit is None:
        return None
    n = 1
    for c in tok.children:
        if c.dep_ == "nummod":
            n = r.w.number_words.get(c.lower_, 0) or (int(c.text) if c.text.isdigit() else 0)
    return n * unit if n else None


@functools.lru_cache(maxsize=1)
def _since_heads() -> frozenset[str]:
    """The words a "since" time hangs from (the last word of each of the time lexicon's ``since_words``)."""
    return frozenset(w.split()[-1].lower() for w in grammar().lexicon["since_words"])


def since_point(date: Date) -> Date:
    """The time a "since" interval starts from ("since 2011": 2011, not 2011 to the report): the span its
    value names (:func:`detente.timex.values.from_string`) when the interval starts inside it; other dates as
    they are."""
    start = date.start
    own = from_string(date.value) if date.basis == "explicit" and date.value and start else None
    if own is None or start is None or own.start is None or own.end is None:
        return date
    if not own.start.isoformat() <= start <= own.end.isoformat():
        return date
    return Date(value=date.value, granularity=date.granularity, start=start, end=own.end.isoformat(), basis=date.basis)


def in_since(tok: Token, noun: Token) -> bool:
    """ "his first trip to Pyongyang since 2019": a "since" phrase on the noun bounds
    the interval the event is first in; it does not date the event."""
    for anc in [tok, *tok.ancestors]:
        if anc.i == noun.i:
            return False
        if anc.lower_ == "since" and anc.head.i == noun.i:
            return True
    return False


def has_own_time(ctx: DocContext, start: int, end: int, word: int | None = None) -> bool:
    """True when [start, end) holds a temporal expression that can date an event
    (with ``word``, the event's token: not one on another noun, see :func:`detente.timex.date_for`)."""
    return any(
        t.value and getattr(t, "type", "DATE") in ("DATE", "TIME") and not t.value.endswith("_REF")
        and not foreign_noun(ctx, t, word)
        for t in ctx.times_in(start, end)
    )


def time_governor(clause: Token) -> Token | None:
    """The phrase whose time a dateless clause shares: the head of a "when" clause,
    the noun phrase a relative clause hangs from (up to its top noun)."""
    if clause.dep_ in ("advcl", "relcl") and any(c.dep_ == "advmod" and c.lower_ == "when" for c in clause.children):
        return clause.head
    if clause.dep_ == "relcl":
        np = clause.head
        noun = np if np.pos_ in ("NOUN", "PROPN") else None
        while np.dep_ in ("pobj", "appos", "conj", "compound") or (np.dep_ == "prep" and np.head.pos_ in ("NOUN", "PROPN")):
            if np.head.i == np.i:
                break
            np = np.head
            if np.pos_ in ("NOUN", "PROPN"):
                noun = np
        # the top noun of the phrase; a phrase under a verb's preposition ("opened over
        # the 2004 bombing that killed ...") stops at its last noun
        return noun
    return None


def context_time(r: Resolver, before: int) -> TimeMention | None:
    """The time :func:`context_date` dates from: the last day-level date before ``before`` (none after
    publication), or None."""
    published = r.ctx.published.isoformat() if r.ctx.published is not None else None
    days = [t for t in r.ctx.times
            if not (published is not None and t.value and t.value[:10] > published)
            and t.end <= before and t.granularity == "day" and t.value and getattr(t, "type", "DATE") == "DATE"
            and not deadline(r.ctx, t)]
    return narrative_of(r.ctx, days) if days else None



def context_date(r: Resolver, before: int) -> Date:
    """The article's narrative anchor: the last day-level date before ``before``, else the publication day.

    A date after publication ("the Sept. 11 deadline", "on Christmas") is what the
    story looks forward to, never the moment it narrates."""
    t = context_time(r, before)
    if t is not None:
        start = t.range_start or t.value[:10]
        return Date(value=day_value(t.value), granularity="day", start=start, end=t.range_end or start, basis="context")
    if r.ctx.published is not None:
        d = r.ctx.published.isoformat()
        return Date(value=d, granularity="day", start=d, end=d, basis="published")
    return Date.unknown()
