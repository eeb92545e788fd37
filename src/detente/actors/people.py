"""People and organisations the base does not know, created from the text.

A spaCy PERSON entity becomes a person; its apposition or premodifiers say
what it is: an official ("Chinese Premier Li Qiang" -> role Premier of CHN),
or an analyst ("X, a North Korea expert" -> about PRK, no country; "a lecturer
at the University of Oxford" -> affiliation and its country).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from .base import slug
from .lexicon import Lexicon
from .places import place_country

PARTICLES = frozenset({"bin", "bint", "al", "el", "de", "da", "dos", "von", "van", "der", "den", "le", "la", "di", "du", "ibn", "abu", "Jr.", "Jr"})
_STOP = frozenset({",", ".", ";", ":", "(", ")", '"', "\u201c", "\u201d", "\u2014", "\u2013", "-", "!", "?"})


@dataclass(slots=True)
class Ref:
    """A state or organisation mention usable as a qualifier ("Chinese", "China's", "NATO")."""

    start: int
    end: int
    actor: str
    how: str
    country: str | None
    kind: str


@dataclass(slots=True)
class Refs:
    """Qualifier mentions indexed by start and end token."""

    by_start: dict[int, Ref] = field(default_factory=dict)
    by_end: dict[int, Ref] = field(default_factory=dict)

    def add(self, ref: Ref) -> None:
        self.by_start[ref.start] = ref
        self.by_end[ref.end] = ref

    def inside(self, start: int, end: int) -> list[Ref]:
        return [r for s, r in self.by_start.items() if start <= s and r.end <= end]

    def before(self, doc: Doc, i: int) -> Ref | None:
        """The qualifier ending right before token i ("Chinese" | "China 's" | "the US")."""
        if i > 0 and doc[i - 1].lower_ in ("'s", "\u2019s"):
            return self.by_end.get(i - 1)
        return self.by_end.get(i)

    def after_of(self, doc: Doc, i: int) -> Ref | None:
        """A qualifier introduced at token i by "of"/"for" ("Minister ... for North Korea")."""
        if i < len(doc) and doc[i].lower_ in ("of", "for"):
            j = i + 1
            if j < len(doc) and doc[j].lower_ == "the":
                j += 1
            return self.by_start.get(j)
        return None


@dataclass(slots=True)
class PersonInfo:
    """What the text says about a new person."""

    analyst: bool = False
    about: list[str] = field(default_factory=list)
    country: str | None = None
    affiliation: str | None = None


def clean_person(ent: Span, lex: Lexicon) -> Span | None:
    """The name part of a PERSON entity, or None when it does not look like a name."""
    doc = ent.doc
    start, end = ent.start, ent.end
    while end > start and (doc[end - 1].lower_ in ("'s", "\u2019s", "'") or doc[end - 1].is_punct):
        end -= 1
    while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].text in lex.honorifics
                           or doc[start].lower_ in lex.titles or doc[start].lower_ in lex.role_words
                           or not doc[start].text[:1].isupper()):
        start += 1
    if end - start < 1:
        return None
    if end - start > 1 and place_country(doc[start:end].text) is not None:
        return None  # "Banja Luka": a town spaCy took for a person
    for i in range(start, end):
        t = doc[i]
        if t.text in lex.not_person_words or t.like_num or t.lower_ in lex.titles:
            return None
        ok = t.text[:1].isupper() or t.text in PARTICLES or t.text == "-" or (i > start and doc[i - 1].text == "-")
        if not ok:
            return None
    return doc[start:end]


def person_id(name: str) -> str:
    """The deterministic id of a person created from text."""
    return f"person:{slug(name)}"


def org_id(name: str) -> str:
    """The deterministic id of an organisation created from text."""
    return f"org:{slug(name)}"


def _window_after(doc: Doc, i: int, limit: int = 25) -> int:
    """End of the appositive phrase starting at token i."""
    j = i
    while j < len(doc) and j - i < limit and doc[j].text not in _STOP and not doc[j].is_sent_start:
        j += 1
    return j


def describe(doc: Doc, name: Span, refs: Refs, lex: Lexicon, orgs: dict[int, tuple[int, str, str | None]]) -> PersonInfo:
    """Analyst/affiliation facts from the apposition or premodifiers of a new person.

    ``orgs`` maps an organisation's start token to (end token, name, country).
    """
    info = PersonInfo()
    if name.end < len(doc) and doc[name.end].text == ",":
        lo = name.end + 1
        hi = _window_after(doc, lo)
        if lo < len(doc) and doc[lo].pos_ in ("VERB", "AUX"):
            return info  # ", told reporters in Myanmar": a clause, not an apposition
    else:  # premodifiers: "North Korea expert Michael Madden"
        lo = name.start - 1
        while lo > 0 and name.start - lo < 6 and doc[lo - 1].text not in _STOP and doc[lo - 1].pos_ in ("PROPN", "NOUN", "ADJ", "DET"):
            lo -= 1
        hi = name.start
    noun = next((t for t in doc[lo:hi] if t.lemma_.lower() in lex.analyst_nouns and t.pos_ == "NOUN"), None)
    if noun is None:
        # "X, a former Chinese diplomat": a demonym on the person noun gives the nationality
        who = next((t for t in doc[lo:hi] if t.pos_ == "NOUN"), None)
        if who is not None and who.lemma_.lower() in lex.person_nouns:
            for r in refs.inside(lo, who.i):
                if r.kind == "state" and r.how == "demonym" and doc[r.end - 1].head.i == who.i:
                    info.country = r.actor
        return info
    info.analyst = True
    for r in refs.inside(lo, noun.i):
        if r.kind == "state" and r.how in ("name", "alias"):
            info.about.append(r.actor)  # "a North Korea expert": the topic, not the nationality
        elif r.kind == "state" and r.how == "demonym":
            info.country = r.actor  # "a South Korean scholar": the nationality
    j = noun.i + 1
    if j < hi and doc[j].lower_ in ("on",):  # "an expert on North Korea"
        topic = refs.by_start.get(j + 1 + int(doc[j + 1].lower_ == "the" if j + 1 < len(doc) else 0))
        if topic and topic.kind == "state":
            info.about.append(topic.actor)
    k = next((t.i for t in doc[noun.i:hi] if t.lower_ in ("at", "with", "of")), None)
    if k is not None:
        s = k + 1 + int(k + 1 < len(doc) and doc[k + 1].lower_ == "the")
        if s in orgs:
            end, org_name, org_country = orgs[s]
            info.affiliation = org_name
            if org_country:
                info.country = info.country or org_country
    if info.country is None:  # "a researcher at a university in Hong Kong"
        for t in doc[noun.i:hi]:
            place = refs.by_start.get(t.i + 1) if t.lower_ == "in" else None
            if place and place.kind == "state" and place.country:
                info.country = place.country
                break
    info.about = list(dict.fromkeys(info.about))
    return info


def org_country(doc: Doc, ent: Span, refs: Refs) -> str | None:
    """The state an unknown organisation belongs to, from a state named in or right after it."""
    for r in refs.inside(ent.start, ent.end):
        if r.country:
            return r.country
    before = refs.before(doc, ent.start)
    if before and before.kind == "state":
        return before.country
    if ent.end + 1 < len(doc) and doc[ent.end].lower_ == "in":
        after = refs.by_start.get(ent.end + 1)
        if after and after.kind == "state":
            return after.country
    return None


def org_like(ent: Span, lex: Lexicon) -> bool:
    """Whether a spaCy ORG entity looks like a real organisation name."""
    words = [t.text for t in ent if not t.is_punct]
    if not words:
        return False
    if len(words) == 1 and words[0].isupper() and 2 <= len(words[0]) <= 6 and words[0].isalpha():
        return True
    if len(words) >= 2 and all(w[:1].isupper() for w in words) and any(t.ent_type_ and t.dep_ in ("compound", "nmod") or t.dep_ == "compound" for t in ent):
        # "Air China", "China Railway": a capitalised compound name
        return True
    return any(w in lex.org_heads for w in words)


_NAME_GLUE = frozenset({"of", "and", "for", "the", "on", "in", "de", "du", "des", "la", "le", "al", "el", "&"})


def _acronym_marks(doc: Doc) -> list[tuple[int, str]]:
    """(index of the mark, acronym) for "Name (ACR)" and "Name, or ACR," in a document."""
    out: list[tuple[int, str]] = []
    for t in doc[1:len(doc) - 2]:
        k = t.i
        if t.text == "(" and doc[k + 2].text == ")":
            acr = doc[k + 1].text
        elif t.text == "," and doc[k + 1].lower_ == "or" and k + 3 < len(doc) and doc[k + 3].is_punct:
            acr = doc[k + 2].text  # "the National Grain Board, or NGB, said"
        else:
            continue
        if acr.isalpha() and acr.isupper() and 2 <= len(acr) <= 7:
            out.append((k, acr))
    return out


def acronym_names(doc: Doc, taken: bytearray) -> list[tuple[Span, str]]:
    """Names introduced with their acronym: "the Bring Back Our Girls (BBOG) movement",
    "the National Grain Board, or NGB,".

    The capitalised words right before "(ACRONYM)" whose initials spell it are an
    organisation's name, whatever spaCy labelled them.
    """
    out: list[tuple[Span, str]] = []
    for k, acr in _acronym_marks(doc):
        initials: list[str] = []
        i = k
        while i > 0 and k - i < 12 and len(initials) < len(acr):
            t = doc[i - 1]
            if t.text[:1].isupper() and t.is_alpha:
                initials.insert(0, t.text[0])
            elif t.lower_ not in _NAME_GLUE:
                break
            i -= 1
        while i < k and doc[i].lower_ in _NAME_GLUE:
            i += 1
        if "".join(initials).upper() == acr and i < k and not any(taken[j] for j in range(i, k)):
            out.append((doc[i:k], acr))
    return out
