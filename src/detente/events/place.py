"""Where an event happened, and the state a place belongs to.

"in Beijing" is where; "fired at Ukraine" is at whom.  Places the actor stage
resolved ("in Beijing" -> CHN) come from it, other towns from GeoNames.
"""

from __future__ import annotations

from collections.abc import Iterable

from spacy.tokens import Token

from ..actors import city_country, location_at
from ..model import Location
from .resolver import Resolver, actor_of_token
from .triggers import Candidate


def is_place(r: Resolver, p: Token) -> bool:
    """ "in Beijing" is where; "fired at Ukraine" is at whom (an actor the actor stage resolved)."""
    prep = p.head.lower_
    if prep in ("in", "inside", "near"):
        return True
    return prep == "at" and p.ent_type_ in r.w.place_ents and actor_of_token(r.ctx, p) is None


def location_of(r: Resolver, c: Candidate, extra: Iterable[Token] = ()) -> Location | None:
    """Where the event took place: a place phrase on its trigger, its noun (or ``extra`` tokens)."""
    if c.entry.mode == "visit" and not c.nominal:
        # "Choe visited Beijing": the object of a visit is where it went
        for child in c.head.children:
            if child.dep_ == "dobj" and child.ent_type_ in r.w.place_ents and actor_of_token(r.ctx, child) is None:
                return place_of(r, child)
    holders = [c.head] + ([c.noun] if c.noun is not None else []) + list(extra)
    if c.nominal and c.head.dep_ in ("nsubj", "nsubjpass"):
        holders.append(c.head.head)  # "the summit took place in Beijing"
    return place_among(r, holders, route=c.entry.mode in r.w.route_modes)


def place_among(r: Resolver, holders: Iterable[Token], route: bool = False) -> Location | None:
    """The first place phrase ("in X", "at X", ...; "to X" too on a ``route``) on one of ``holders``."""
    for h in holders:
        for child in h.children:
            if child.dep_ != "prep":
                continue
            prep = child.lower_
            if prep not in r.w.place_preps and not (prep == "to" and route):
                continue
            for p in child.children:
                if p.dep_ == "pobj" and p.ent_type_ in r.w.place_ents and (prep != "at" or is_place(r, p)):
                    return place_of(r, p)
                if p.dep_ == "pobj" and prep == "in" and p.pos_ == "NOUN":
                    # "kept in isolation in Hong Kong", "in a prison in Tehran"
                    inner = [q for g in p.children if g.dep_ == "prep" and g.lower_ == "in"
                             for q in g.children if q.dep_ == "pobj" and q.ent_type_ in r.w.place_ents]
                    if inner:
                        return place_of(r, inner[0])
    return None


def place_of(r: Resolver, tok: Token) -> Location:
    """The place named at ``tok`` (its whole entity), with its country when known."""
    ent = r.ent_at(tok.i)  # the document's entities are indexed once, not scanned per event
    span = ent if ent is not None else tok.doc[tok.i : tok.i + 1]
    known = location_at(r.ctx, span.start_char, span.end_char)  # the actor stage knows capitals and places
    if known:
        return known[0]
    name = span.text
    if name.lower().startswith("the "):
        name = name[4:]
    country, kind = None, None
    m = r.ctx.mention_for(span)
    if m is not None:
        actor = r.ctx.actors.get(m.actor)
        if actor is not None:
            country = actor.country or actor.code
            kind = "state" if actor.kind == "state" else None
    elif ent is not None and ent.label_ == "GPE":
        country = city_country(name)  # "in Hebron", "to Vladivostok"
        kind = "place" if country else None
    return Location(name=name, country=country, kind=kind)


def state_id(r: Resolver, code: str) -> str | None:
    """The id of the state actor with ISO3 ``code``, added to ``r.ctx.actors`` if needed."""
    for aid, a in r.ctx.actors.items():
        if a.kind == "state" and a.code == code:
            return aid
    if r.k.state_lookup is None:
        return None
    actor = r.k.state_lookup(code)
    if actor is None:
        return None
    r.ctx.actors.setdefault(actor.id, actor)
    return actor.id
