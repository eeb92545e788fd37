"""The actor stage: every mention of a state, person or organisation -> an actor.

Passes over one parsed document (rules in docs/actors.md):

1. base matches (names, aliases, demonyms, capitals, seats) -> states/orgs, or
   places when a capital is a location ("in Beijing");
2. unknown organisations from spaCy ORG entities, with their state;
3. new people from spaCy PERSON entities, with titles and appositions;
4. in text order, people referred to by surname, title or pronoun, resolved
   against the people already mentioned (salience in :mod:`.coref`);
5. in text order, "it"/"they", descriptions ("the agency") and first-person
   pronouns (:mod:`.referents`).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field

import spacy
from spacy.tokens import Span
from spacy.vocab import Vocab

from .. import nlp as nlp_mod
from ..model import Actor, ActorMention, Mention, Role
from ..settings import Settings
from ..stage import DocContext
from .affiliation import Affiliations, Evidence
from .base import ActorBase, load_base, surname
from .coref import Tracker
from .inorder import _FULL, _PRONOUN, _SHORT, _TITLE, _UNNAMED, InOrder, _Item
from .lexicon import Lexicon, load_lexicon
from .matchers import (
    ALIAS,
    AMBIGUOUS,
    CAPITAL,
    CONTEXT,
    DEMONYM,
    NAME,
    REGION,
    SEAT,
    SHORT,
    Match,
    SurfaceIndex,
)
from .people import Ref, Refs, acronym_names, clean_person, describe, org_country, org_id, org_like, person_id
from .places import is_place, record_location
from .referents import Referents


@dataclass(slots=True)
class _NewPerson:
    name: str
    roles: list[Role] = field(default_factory=list)
    country: str | None = None
    gender: str | None = None  # m/f when the text shows it ("Ms", "she said"), for pronouns
    stateless: bool = False  # tied to an international organisation: no story state
    guessed: bool = False  # the country is the story's, not something the text said of them
    in_clause: bool = False  # named in a sentence with a verb (not only in a byline or a list)
    aliases: list[str] = field(default_factory=list)


class ActorStage:
    """Resolves actor mentions; built once per process by :func:`make_stage`."""

    name = "actors"

    def __init__(self, settings: Settings | None = None, base: ActorBase | None = None):
        settings = settings or Settings()
        self.lex: Lexicon = load_lexicon()
        self.base = base or load_base(settings.actor_files, lexicon=self.lex)
        self._nlp = nlp_mod.load(settings.model)
        self._indexes: dict[int, SurfaceIndex] = {}
        self.index_for(self._nlp.vocab)
        self.described = described_index(self.base, self.lex)
        self.base_orgs = frozenset(e.id for e in self.base.entries.values() if e.kind in ("organization", "group"))

    def index_for(self, vocab: Vocab) -> SurfaceIndex:
        """The matchers for a vocabulary (built once; documents share the pipeline's)."""
        key = id(vocab)
        if key not in self._indexes:
            nlp = self._nlp if vocab is self._nlp.vocab else spacy.blank("en", vocab=vocab)
            self._indexes[key] = SurfaceIndex(self.base, self.lex, nlp)
        return self._indexes[key]

    def __call__(self, ctx: DocContext) -> None:
        _Resolver(self, ctx).run()


def described_index(base: ActorBase, lex: Lexicon) -> dict[tuple[str, str], list[str]]:
    """(state, description) -> the organisations of that state the base describes so.

    "South Korea's spy agency" looks up ("KOR", "spy agency"); an organisation
    answers to its `descriptions` and to description nouns in its names.
    """
    out: dict[tuple[str, str], list[str]] = {}
    for e in base.entries.values():
        if e.kind not in ("organization", "group") or not e.country:
            continue
        # the head word of a name ("Korean Central News Agency" -> agency), not a noun an "of"
        # phrase narrows ("Ministry of State Security" is no answer to "China's foreign ministry")
        words = {w for n in (e.name, *e.aliases) for w in n.lower().replace("'", " ").split()[-1:] if w in lex.org_description_nouns}
        for d in {*(d.lower() for d in e.descriptions), *words}:
            out.setdefault((e.country, d), []).append(e.id)
    return out


class _Resolver(InOrder, Referents):
    """The state of resolving one document."""

    def __init__(self, stage: ActorStage, ctx: DocContext):
        self.ctx, self.doc, self.lex, self.base = ctx, ctx.doc, stage.lex, stage.base
        self.index = stage.index_for(ctx.doc.vocab)
        self.described = stage.described
        self.spans: list[tuple[int, int, str]] = []  # token spans of the mentions emitted
        self.date: dt.date | None = ctx.published
        n = len(self.doc)
        self.sent_of = [0] * n
        if self.doc.has_annotation("SENT_START") or self.doc.has_annotation("DEP"):
            for k, sent in enumerate(self.doc.sents):
                for i in range(sent.start, sent.end):
                    self.sent_of[i] = k
        self.taken = bytearray(n)
        self.refs = Refs()
        self.items: list[_Item] = []
        self.new: dict[str, _NewPerson] = {}
        self.actors: dict[str, Actor] = {}
        self.mentions: list[ActorMention] = []
        self.state_counts: Counter[str] = Counter()
        self.orgs_at: dict[int, tuple[int, str, str | None]] = {}
        self.tracker = Tracker()
        self.aff = Affiliations(self.doc, self.refs, self.lex, self.orgs_at, self.state_counts, stage.base_orgs)
        if ctx.document.title:
            self.aff.title_states = self._title_states(ctx.document.title)
        self.office_states: dict[str, set[str]] = {}  # office class -> states a title qualified so names
        # (office class, state) -> starts of the names a title so qualified is attached to: its holders here
        self.office_held: dict[tuple[str, str], set[int]] = {}
        self.person_orgs: list[Span] = []  # names spaCy missed or took for organisations ("spokesperson X Y")

    # -- output -------------------------------------------------------------
    def actor(self, actor_id: str) -> Actor:
        if actor_id not in self.actors:
            if actor_id in self.base:
                self.actors[actor_id] = self.base.actor(actor_id, self.date)
            else:
                np = self.new[actor_id]
                self.actors[actor_id] = Actor(id=actor_id, name=np.name, kind="person", country=np.country, roles=np.roles,
                                              aliases=np.aliases)
        return self.actors[actor_id]

    def emit(self, actor_id: str, start: int, end: int, how: str) -> None:
        doc = self.doc
        if end - start > 1 and doc[start].lower_ == "the":
            start += 1
        span = doc[start:end]
        a = self.actor(actor_id)
        self.mentions.append(ActorMention(actor_id, self.ctx.document.id, span.start_char, span.end_char, span.text, how))
        a.mentions.append(Mention(self.ctx.document.id, span.start_char, span.end_char, span.text))
        if how in (NAME, ALIAS, DEMONYM, "surname", "metonymy") and span.text != a.name and span.text not in a.aliases:
            a.aliases.append(span.text)
        if a.kind == "state":
            self.state_counts[actor_id] += 1
        for i in range(start, end):
            self.taken[i] = 1
        self.spans.append((start, end, actor_id))

    # -- passes -------------------------------------------------------------
    def run(self) -> None:
        doc = self.doc
        ent_at: dict[int, Span] = {i: e for e in doc.ents for i in range(e.start, e.end)}
        for m in self.index.matches(doc):
            self._base_match(m, ent_at)
        for m in self.index.weak_matches(doc):
            self._deferred(m)
        self._new_orgs()
        self._new_people()
        self._groups()
        self._pronouns()
        self._resolve_in_order()
        self._later_affiliations()
        self._referents()
        self.ctx.actor_mentions.extend(self.mentions)
        self.ctx.actors.update(self.actors)
        self.ctx.index_mentions()

    def _title_states(self, title: str) -> list[tuple[str, int]]:
        """States (and state-bound groups) a headline names: 3 each, 5 as a place ("... in Ivory Coast")."""
        out = []
        tdoc = self.index.make_doc(title)
        for m in self.index.matches(tdoc):
            entry = self.base.get(m.hits[0].actor or "")
            if entry is None or entry.kind == "person" or not entry.country or m.how in (SHORT, REGION):
                continue
            prev = tdoc[m.span.start - 1].lower_ if m.span.start else ""
            out.append((entry.country, 5 if prev in self.lex.locative_preps else 3))
        return out

    def _geo_feature(self, sp: Span) -> bool:
        doc, geo = self.doc, self.lex.geo_features
        if sp.end < len(doc) and doc[sp.end].text in geo:
            return True
        return sp.start >= 2 and doc[sp.start - 1].lower_ == "of" and doc[sp.start - 2].text in geo

    def _base_match(self, m: Match, ent_at: dict[int, Span]) -> bool:
        """Handle one base match; False when it must wait for the whole document."""
        sp, how, hit = m.span, m.how, m.hits[0]
        if how == REGION or self._geo_feature(sp):
            return True
        if how == SHORT:
            self.items.append(_Item(_SHORT, sp.start, sp.end, head=sp.root.i, hint=self._honorific(sp.start)))
            return True
        entry = self.base.get(hit.actor or "")
        if entry is None:
            return True
        if entry.kind == "person":
            self.items.append(_Item(_FULL, sp.start, sp.end, person=entry.id, head=sp.root.i))
            for i in range(sp.start, sp.end):
                self.taken[i] = 1
            return True
        ref = Ref(sp.start, sp.end, entry.id, how, entry.country, entry.kind)
        self.refs.add(ref)
        ent = ent_at.get(sp.start)
        possessor = sp.end < len(self.doc) and self.doc[sp.end].lower_ in ("'s", "\u2019s")
        if ent is not None and entry.kind == "state" and not possessor and _larger(ent, sp):
            if ent.label_ in ("ORG", "FAC") and org_like(ent, self.lex):
                return True  # "Korea" inside "Korea Institute for ...": the org carries the state
            if ent.label_ == "PERSON" and how in (CAPITAL, SEAT):
                return True
        if how in (CONTEXT, AMBIGUOUS):
            return False
        if how in (CAPITAL, SEAT):
            if is_place(sp, self.lex):
                record_location(self.doc, sp, entry.country, "place")
            else:
                self.emit(entry.id, sp.start, sp.end, "metonymy")
            return True
        if entry.kind == "organization" or entry.kind == "group":
            self.orgs_at[sp.start] = (sp.end, entry.name, entry.country)
        self.emit(entry.id, sp.start, sp.end, DEMONYM if how == DEMONYM else (NAME if sp.text == entry.name else ALIAS))
        if entry.kind == "state" and how != DEMONYM and is_place(sp, self.lex):
            record_location(self.doc, sp, entry.country, "state")
        return True

    def _deferred(self, m: Match) -> None:
        """Context aliases ("the North") and ambiguous ones ("the Communist Party")."""
        sp = m.span
        if any(self.taken[i] for i in range(sp.start, sp.end)):
            return
        if sp.end < len(self.doc) and self.doc[sp.end].text[:1].isupper():
            return  # "the North Atlantic": part of a longer name
        if m.how == CONTEXT:
            actor = m.hits[0].actor or ""
            if self.state_counts[actor]:
                self.emit(actor, sp.start, sp.end, ALIAS)
            return
        weight = {h.actor: self.state_counts[self._country(h.actor)] for h in m.hits}
        ranked = sorted(weight.items(), key=lambda kv: -kv[1])
        if ranked and ranked[0][1] > 0 and (len(ranked) == 1 or ranked[0][1] > ranked[1][1]) and ranked[0][0]:
            self.emit(ranked[0][0], sp.start, sp.end, ALIAS)

    def _country(self, actor_id: str | None) -> str:
        e = self.base.get(actor_id or "")
        return (e.country if e else None) or ""

    def _new_orgs(self) -> None:
        doc = self.doc
        self.person_orgs = self.aff.names_by_role(self.taken)
        acronyms: dict[str, str] = {}  # "BBOG" -> the id of the organisation it abbreviates
        for span, acronym in acronym_names(doc, self.taken):
            oid = self._new_org(span, span.start, span.end, domestic=True)
            if oid:
                acronyms[acronym] = oid
                self.actors[oid].aliases.append(acronym)
        for span in self.aff.orgs_by_noun(self.taken):
            self.person_orgs = [p for p in self.person_orgs if not (p.start < span.end and span.start < p.end)]
            self._new_org(span, span.start, span.end, domestic=True)
        for ent in doc.ents:
            if ent.label_ not in ("ORG", "PERSON", "WORK_OF_ART", "PRODUCT", "FAC", "GPE", "NORP"):
                continue
            if ent.text in acronyms and not any(self.taken[i] for i in range(ent.start, ent.end)):
                self.emit(acronyms[ent.text], ent.start, ent.end, ALIAS)
                continue
            if not (ent.label_ == "ORG" and org_like(ent, self.lex)) and not self.aff.org_apposition(ent):
                continue
            self._new_org(ent, ent.start, ent.end)

    def _new_org(self, ent: Span, start: int, end: int, domestic: bool = False) -> str | None:
        """Make (or find) the organisation an entity names and emit its mention; its id, or None.

        ``domestic``: take the story's state when nothing else ties it to one, whatever its name.
        """
        doc = self.doc
        if doc[start].lower_ == "the":
            start += 1
        if (ref := self.refs.by_start.get(start)) and ref.end + 1 < end and doc[ref.end].lower_ in ("'s", "\u2019s"):
            start = ref.end + 1  # "Seoul's Joint Chiefs of Staff": the state is its own mention
        while end > start and (doc[end - 1].lower_ in ("'s", "\u2019s") or doc[end - 1].is_punct):
            end -= 1
        if end <= start or any(self.taken[i] for i in range(start, end)):
            return None
        span = doc[start:end]
        if any(p.start < end and start < p.end for p in self.person_orgs):
            return None  # a person's name spaCy took for an organisation
        name = span.text
        oid = org_id(name)
        if oid not in self.base:
            country = org_country(doc, span, self.refs)
            if country is None:
                ev = self.aff.org(span)
                country = ev.country
                if not ev.found and self.aff.domestic(name, any_head=domestic):
                    country = self.aff.story_state()
            if oid not in self.actors:
                self.actors[oid] = Actor(id=oid, name=name, kind="organization", country=country)
            elif self.actors[oid].country is None:
                self.actors[oid].country = country  # "Congress" first, "U.S. Congress's" later
        self.orgs_at[start] = (end, name, self.actors[oid].country if oid in self.actors else None)
        self.emit(oid, start, end, NAME)
        if start > 0 and doc[start - 1].text == "The" and oid in self.actors:
            the = f"The {name}"  # "The Print": the article may be part of the name
            if the not in self.actors[oid].aliases:
                self.actors[oid].aliases.append(the)
        return oid if oid in self.actors else None

    def _new_people(self) -> None:
        doc, lex = self.doc, self.lex
        spans: list[Span] = []
        for ent in [*doc.ents, *self.person_orgs]:
            if ent.label_ != "PERSON" and ent not in self.person_orgs:
                continue
            first = ent.start
            while first < ent.end and self.taken[first] and self._state_named_at(first):
                first += 1  # "for Myanmar Andrew Kirkwood": a state the entity ran into is no part of the name
            if first == ent.end or any(self.taken[i] for i in range(first, ent.end)):
                continue
            name = clean_person(doc[first:ent.end] if first > ent.start else ent, lex)
            if name is None or any(self.taken[i] for i in range(name.start, name.end)):
                continue
            name = self._given_names(name)
            if len(name) == 1:
                if not any(it.kind == _SHORT and it.start == name.start for it in self.items):
                    self.items.append(_Item(_SHORT, name.start, name.end, head=name.root.i, hint=self._honorific(name.start)))
                continue
            spans.append(name)
        self.items = [it for it in self.items if not (it.kind == _SHORT and any(s.start <= it.start < s.end for s in spans))]
        titles = self._titles({s.start: s for s in spans}, {s.end: s for s in spans})
        self._known_people()
        fulls = self._full_names(spans)
        for sp in spans:
            if (whole := self._longer_name(sp, fulls)) is not None:
                self.items.append(_Item(_FULL, sp.start, sp.end, person=whole, head=sp.root.i))
                for i in range(sp.start, sp.end):
                    self.taken[i] = 1
                continue
            pid = person_id(sp.text)
            if pid in self.base:
                self.items.append(_Item(_FULL, sp.start, sp.end, person=pid, head=sp.root.i))
                continue
            np = self.new.setdefault(pid, _NewPerson(sp.text))
            hon = doc[sp.start - 1].text if sp.start else ""
            if hon.lower() in lex.name_honorifics and f"{hon} {sp.text}" not in np.aliases:
                np.aliases.append(f"{hon} {sp.text}")  # "Mawlawi Hibatullah Akhundzada": how the story cites them
            np.gender = np.gender or self._gender_in_text(sp)
            np.in_clause = np.in_clause or any(t.pos_ in ("VERB", "AUX") for t in sp.sent)
            info = describe(doc, sp, self.refs, lex, self.orgs_at)
            for title, qual, former in titles.get(sp.start, []):
                if not any(r.title == title for r in np.roles):
                    of = qual.actor if qual else None
                    np.roles.append(Role(title, of, None if former else self._iso_date(), None))
                if qual and qual.kind == "state" and not former and not info.analyst:
                    np.country = np.country or qual.country
                elif qual is None and not former and len(set_by := self.office_states.get(lex.office_of(title) or "", set())) == 1 \
                        and not self.office_held.get((lex.office_of(title) or "", next(iter(set_by))), set()) - {sp.start}:
                    # "Japan's finance minister ... Finance Minister X"; not when another holds it here
                    # ("India's Prime Minister Modi ... Prime Minister Suga")
                    np.country = np.country or next(iter(set_by))
            if np.country is None and not np.stateless:
                ev = self.aff.person(sp)
                np.country, np.stateless = ev.country, ev.stateless
            a = self.actor(pid)
            a.country = np.country = np.country or (None if np.stateless else info.country)
            a.about = list(dict.fromkeys([*a.about, *info.about]))
            a.affiliation = a.affiliation or info.affiliation
            self.items.append(_Item(_FULL, sp.start, sp.end, person=pid, head=sp.root.i))
            for i in range(sp.start, sp.end):
                self.taken[i] = 1
        story = self.aff.story_state()
        for pid, np in self.new.items():  # nothing in the text ties them elsewhere: the story's state
            org_office = bool(np.roles) and all(self.lex.office_of(r.title) in self.lex.org_offices for r in np.roles)
            # an office the text qualifies by states without tying this holder to one of them ("India's
            # Prime Minister Modi ... Prime Minister Suga") leaves their state open, not the story's
            held = any(r.of is None and self.office_states.get(self.lex.office_of(r.title) or "") for r in np.roles)
            if (np.country is None and not np.stateless and story and pid in self.actors and not self.actors[pid].about
                    and not org_office and not held and np.in_clause):
                np.country = self.actors[pid].country = story
                np.guessed = True
        short = {surname(np.name, lex.surname_first): pid for pid, np in self.new.items()}
        have = {it.start for it in self.items}
        for t in doc:
            if t.text in short and not self.taken[t.i] and t.i not in have:
                self.items.append(_Item(_SHORT, t.i, t.i + 1, head=t.i, hint=self._honorific(t.i)))

    def _full_names(self, spans: list[Span]) -> list[tuple[int, tuple[str, ...], str]]:
        """(start, name words, person id) of every full name in the document: base people and new ones."""
        out = [(it.start, _name_words(self.doc[it.start:it.end].text), it.person)
               for it in self.items if it.kind == _FULL and it.person]
        out += [(sp.start, _name_words(sp.text), person_id(sp.text)) for sp in spans]
        return out

    def _longer_name(self, sp: Span, fulls: list[tuple[int, tuple[str, ...], str]]) -> str | None:
        """The person whose earlier full name ends with this name ("Abdel Bari" after "Naser Eldin
        Abdel Bari", "Al-Sharaa" after "Ahmed al-Sharaa"), when exactly one does."""
        words = _name_words(sp.text)
        found = {pid for start, full, pid in fulls
                 if start < sp.start and len(full) > len(words) and full[-len(words):] == words}
        return next(iter(found)) if len(found) == 1 else None

    def _known_people(self) -> None:
        """Base people named in the document, for "Guterres' spokesman, X" (their state or none)."""
        full = {it.person for it in self.items if it.kind == _FULL and it.person in self.base}
        shorts = {s: pid for pid in full for s in self.base.short_forms(self.base.get(pid))}  # type: ignore[arg-type]
        for it in self.items:
            pid = it.person if it.kind == _FULL else shorts.get(self.doc[it.start:it.end].text) if it.kind == _SHORT else None
            if pid is not None and pid in self.base:
                a = self.actor(pid)
                self.aff.people[it.start] = (it.end, Evidence(a.country, stateless=a.country is None))

    def _later_affiliations(self) -> None:
        """ "Okafor, a 64-year-old Nigerian citizen": what the text says at a surname counts too."""
        for start, end, aid in self.spans:
            np = self.new.get(aid)
            if np is None or np.stateless or not (np.country is None or np.guessed) or self.doc[start].pos_ != "PROPN":
                continue
            ev = self.aff.person(self.doc[start:end])
            if ev.found:
                np.country, np.stateless, np.guessed = ev.country, ev.stateless, False
                self.actors[aid].country = ev.country

    def _state_named_at(self, i: int) -> bool:
        """Whether token ``i`` is in a mention naming a state by its name ("Myanmar"; not a demonym:
        "Somali Public Agenda" is a name of its own)."""
        at = self.doc[i].idx
        return any(m.start <= at < m.end and m.how in (NAME, ALIAS) and self.actors[m.actor].kind == "state"
                   for m in self.mentions if m.actor in self.actors)

    def _given_names(self, name: Span) -> Span:
        """Extend a name over given names spaCy left out ("Lamu County Commissioner [Irungu] Macharia")."""
        doc, lex = self.doc, self.lex
        start = name.start
        while start > 0 and name.start - start < 2:
            t = doc[start - 1]
            if (t.pos_ != "PROPN" or not t.is_title or t.ent_type_ not in ("", "PERSON") or self.taken[t.i]
                    or t.lower_ in lex.titles or t.lower_ in lex.role_words or t.text in lex.honorifics
                    or t.i in self.refs.by_end or t.i + 1 in self.refs.by_end or t.lower_ in lex.title_states):
                break
            start -= 1
        return doc[start:name.end] if start < name.start else name

    def _groups(self) -> None:
        """Unnamed commentators ("analysts say") as one group actor."""
        for t in self.doc:
            gid = self.lex.analyst_groups.get(t.lower_) if t.tag_ == "NNS" else None
            if gid and not self.taken[t.i]:
                if gid not in self.actors:
                    self.actors[gid] = Actor(id=gid, name=gid.split(":", 1)[1], kind="group")
                self.emit(gid, t.i, t.i + 1, NAME)

    def _iso_date(self) -> str | None:
        return self.date.isoformat() if self.date else None

    def _gender_in_text(self, name: Span) -> str | None:
        """A new person's gender shown by the text: "Ms X", "X, a spokeswoman for ..."."""
        hint = self._honorific(name.start)
        if hint in ("m", "f"):
            return hint
        doc = self.doc
        if name.end + 1 < len(doc) and doc[name.end].text == ",":
            for t in doc[name.end + 1:min(len(doc), name.end + 6)]:
                g = self.lex.unnamed_person_nouns.get(t.lemma_.lower()) if t.pos_ == "NOUN" else None
                if g or t.is_punct:
                    return g
        return None

    def _honorific(self, i: int) -> str | None:
        if i > 0 and self.doc[i - 1].text in self.lex.honorifics:
            return self.lex.honorifics[self.doc[i - 1].text] or "any"
        return None

    def _titles(self, new_at_start: dict[int, Span], new_at_end: dict[int, Span]) -> dict[int, list[tuple[str, Ref | None, bool]]]:
        """Titles in text: attached to an adjacent name, else standalone title items."""
        doc, lex = self.doc, self.lex
        starts = {it.start for it in self.items if it.kind in (_FULL, _SHORT)} | set(new_at_start)
        ends = {it.end: it.start for it in self.items if it.kind == _FULL} | {e: s.start for e, s in new_at_end.items()}
        attached: dict[int, list[tuple[str, Ref | None, bool]]] = {}
        for sp, office in self.index.title_spans(doc):
            if any(self.taken[i] for i in range(sp.start, sp.end)):
                continue
            qual = self.refs.before(doc, sp.start)
            qstart = qual.start if qual else sp.start
            end = sp.end
            if qual is None and (qual := self.refs.after_of(doc, sp.end)) is not None:
                end = qual.end
            if qual is not None and qual.kind == "state" and qual.country:
                self.office_states.setdefault(office, set()).add(qual.country)
            left = [doc[k].lower_ for k in range(max(0, qstart - 2), qstart)]
            former = any(w in lex.former_words for w in left)
            j = end + int(end < len(doc) and doc[end].text == ",")
            k = qstart - 1 - int(qstart > 0 and doc[qstart - 1].lower_ in ("the", "a", "an"))
            target = j if j in starts else (ends[k] if k >= 1 and doc[k].text == "," and k in ends else None)
            if target is not None:
                attached.setdefault(target, []).append((sp.text.title() if sp.text.islower() else sp.text, qual, former))
                if qual is not None and qual.kind == "state" and qual.country and not former:
                    self.office_held.setdefault((office, qual.country), set()).add(target)
                continue
            if former or (left and left[-1] in lex.indefinite_words) or (qual is None and office in lex.needs_country):
                continue
            self.items.append(_Item(_TITLE, qstart, end, office=office, qual=qual, head=sp.root.i, span=(sp.start, sp.end)))
        return attached

    def _pronouns(self) -> None:
        lex = self.lex
        for t in self.doc:
            low = t.lower_
            if low in lex.pronouns and t.tag_ in ("PRP", "PRP$"):
                self.items.append(_Item(_PRONOUN, t.i, t.i + 1, head=t.i, hint=lex.pronouns[low]))
            elif t.pos_ == "NOUN" and t.lemma_.lower() in lex.unnamed_person_nouns and not self.taken[t.i]:
                if not any(c.dep_ == "appos" for c in t.children) and t.dep_ != "appos":
                    self.items.append(_Item(_UNNAMED, t.i, t.i + 1, head=t.i, hint=lex.unnamed_person_nouns[t.lemma_.lower()]))

def _name_words(name: str) -> tuple[str, ...]:
    """A name's words, case and hyphens aside: "Al-Sharaa" and "al-Sharaa" are the same name."""
    return tuple(name.lower().replace("-", " ").replace("’", "'").split())


def _larger(ent: Span, sp: Span) -> bool:
    """Whether an entity extends beyond a match (ignoring "the" and "'s")."""
    doc, start, end = ent.doc, ent.start, ent.end
    if doc[start].lower_ == "the":
        start += 1
    if end - 1 > start and doc[end - 1].lower_ in ("'s", "\u2019s"):
        end -= 1
    return start < sp.start or end > sp.end


def make_stage(settings: Settings) -> ActorStage:
    """The actor stage for the pipeline (loads the base and builds matchers once)."""
    return ActorStage(settings)
