"""Who speaks and acts for an organisation: its officials named with their title in the story.

"Hamas leader X accused Israel", "X, the leader of Hezbollah, condemned ..." and "the Houthis'
supreme leader, X, urged ...":
the person acts for the organisation the title names.  A state's officials need nothing of the
kind (their state is their ``country``); an armed group's or an international body's would
otherwise leave the organisation out of the events its leaders and spokespeople carry out, and
so out of the relations and networks built from them.

:func:`officials` reads the document once: a person's mention with an official's title
(``words.yaml``: ``org_official_nouns``) either just before it, owned by an organisation's
mention ("Hamas leader X", "the Houthis' supreme leader, X"), or in an apposition after it
("X, the leader of Hezbollah"; "X, the group's spokesman" is not read: the owner must be
named).  A title marked as past ("former Hamas leader X") ties nobody.  The first organisation
found for a person wins; :func:`with_officials` then adds it after the person on each side of
the document's events.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Span, Token

from ..model import Event
from ..stage import DocContext
from .knowledge import Words
from .resolver import actor_of_token

_PERSON = "person"
_GROUP = "group"
_NOT_ORGS = frozenset({"state", "person"})
_DETS = frozenset({"the", "a", "an", "its", "their"})
_OF = frozenset({"of", "for"})


def _org(ctx: DocContext, tok: Token) -> str | None:
    actor = actor_of_token(ctx, tok)
    if actor is None:
        return None
    found = ctx.actors.get(actor)
    return actor if found is not None and found.kind not in _NOT_ORGS else None


def _speaks_for(ctx: DocContext, person: str, org: str) -> bool:
    """Whether naming ``org`` on the person's side says more than their state does: an armed or
    non-state group, a body of no state (the UN) or of another state than the person's.  A state's
    own ministry or agency ("Pentagon spokesman X") adds nothing to the state the person stands for."""
    p, o = ctx.actors.get(person), ctx.actors.get(org)
    if p is None or o is None:
        return False
    return o.kind == _GROUP or o.country is None or o.country != p.country


def _title_run(toks: Iterable[Token], w: Words) -> tuple[int, bool]:
    """How many tokens from the start of ``toks`` are an official's title words, and whether a title noun is among them."""
    n, noun = 0, False
    for t in toks:
        low = t.lower_
        if low in w.org_official_nouns:
            noun = True
        elif low not in w.org_official_modifiers:
            break
        n += 1
    return n, noun


def _before(ctx: DocContext, name: Span, w: Words) -> str | None:
    """ "Hamas leader X", "Hezbollah deputy leader X", "the Houthis' supreme leader, X"."""
    doc = ctx.doc
    i = name.start - 1
    if i >= 0 and doc[i].text == ",":  # "the Houthis' leader, X": the comma closes the title
        i -= 1
    n, noun = _title_run((doc[j] for j in range(i, -1, -1)), w)  # read backwards, only as far as the title goes
    if not noun:
        return None
    i -= n
    if i >= 0 and doc[i].tag_ == "POS":  # "Hamas's"
        i -= 1
    if i < 0:
        return None
    org = _org(ctx, doc[i])
    if org is None:
        return None
    m = ctx.mention_for(doc[i : i + 1])
    first = doc.char_span(m.start, m.end, alignment_mode="expand") if m is not None else None
    k = (first.start if first is not None else i) - 1
    if k >= 0 and doc[k].lower_ in _DETS:
        k -= 1
    if k >= 0 and doc[k].lower_ in w.org_official_past:  # "former Hamas leader X"
        return None
    return org


def _after(ctx: DocContext, name: Span, w: Words) -> str | None:
    """ "X, the leader of Hezbollah", "X, the Hezbollah leader", "X, Hezbollah's spokesman"."""
    doc = ctx.doc
    i = name.end
    if i >= len(doc) or doc[i].text != ",":
        return None
    i += 1
    if i < len(doc) and doc[i].lower_ in _DETS:
        i += 1
    if i < len(doc) and doc[i].lower_ in w.org_official_past:
        return None
    n, noun = _title_run(doc[i:], w)
    if noun:  # "the leader of (the) group"
        j = i + n
        if j < len(doc) and doc[j].lower_ in _OF:
            j += 1
            if j < len(doc) and doc[j].lower_ in _DETS:
                j += 1
            return _org(ctx, doc[j]) if j < len(doc) else None
        return None
    org = _org(ctx, doc[i]) if i < len(doc) else None  # "the Hezbollah('s) leader"
    if org is None:
        return None
    m = ctx.mention_for(doc[i : i + 1])
    last = doc.char_span(m.start, m.end, alignment_mode="expand") if m is not None else None
    j = last.end if last is not None else i + 1
    if j < len(doc) and doc[j].tag_ == "POS":
        j += 1
    n, noun = _title_run(doc[j:], w)
    return org if noun else None


def officials(ctx: DocContext, w: Words) -> dict[str, str]:
    """Person actor id -> the organisation (actor id) the story names them an official of."""
    out: dict[str, str] = {}
    if not w.org_official_nouns:
        return out
    for m in ctx.actor_mentions:
        actor = ctx.actors.get(m.actor)
        if actor is None or actor.kind != _PERSON or m.actor in out:
            continue
        name = ctx.doc.char_span(m.start, m.end, alignment_mode="expand")
        if name is None or not len(name):
            continue
        org = _before(ctx, name, w) or _after(ctx, name, w)
        if org is not None and _speaks_for(ctx, m.actor, org):
            out[m.actor] = org
    return out


def with_officials(events: Iterable[Event], found: dict[str, str]) -> None:
    """Add each official's organisation after them on the sides of ``events`` (in place)."""
    if not found:
        return
    for e in events:
        for side in (e.source, e.target):
            for a in list(side):
                org = found.get(a)
                if org is not None and org not in side:
                    side.insert(side.index(a) + 1, org)
