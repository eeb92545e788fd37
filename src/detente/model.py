"""The data model: every record detente extracts, in one place.

Slotted dataclasses, serialised to the public detente/1 JSON format by
:func:`to_json`.  Every extracted item carries the document id and character
offsets of its evidence (``Mention``).  Fields beyond the spec are additions
(the spec allows adding fields, never renaming or dropping them).
"""

from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "detente/1"

ActorKind = Literal["state", "person", "organization", "group"]
Modality = Literal["asserted", "negated", "hypothetical", "future", "prescriptive"]
Granularity = Literal["day", "week", "month", "quarter", "season", "year", "decade", "unknown"]
PublishedBasis = Literal["metadata", "document", "inferred", "unknown"]

# The PLOVER ontology: the one list of event types and quad classes.  Every
# other place (event lexicon, briefing phrases, fusion rules, evaluation, the
# web UI through GET /api/ontology) reads or is checked against these.
QUAD_CLASSES: dict[int, str] = {
    1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict",
}
PLOVER_QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
PLOVER_TYPES: tuple[str, ...] = tuple(PLOVER_QUAD_CLASS)
# types whose participants may act jointly ("X and Y met"): source and target may be written either way round
JOINT_TYPES: frozenset[str] = frozenset({"AGREE", "CONSULT", "COOPERATE"})
MODALITIES: tuple[str, ...] = ("asserted", "negated", "hypothetical", "future", "prescriptive")


def stable_id(prefix: str, *parts: object, length: int = 16) -> str:
    """A deterministic id: the same parts always give the same id."""
    digest = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8")).hexdigest()
    return f"{prefix}_{digest[:length]}"


@dataclass(slots=True)
class Mention:
    """A span of a document's stored text that evidences an item."""

    document: str
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Date:
    """A normalised date (TIMEX3-like) at a granularity, with day bounds."""

    value: str
    granularity: str = "unknown"
    start: str | None = None
    end: str | None = None
    # how the date was found: "explicit" (an expression in the clause),
    # "context" (implied by the article), "published" (publication date), "unknown"
    basis: str = "explicit"

    @classmethod
    def unknown(cls) -> Date:
        return cls(value="", granularity="unknown", start=None, end=None, basis="unknown")


@dataclass(slots=True)
class Location:
    name: str
    country: str | None = None
    kind: str | None = None  # "state": the place named is a whole state; "place": a city or site; None: unknown


@dataclass(slots=True)
class Role:
    """An office held: "President" of "CHN" from start to end (ISO dates or null)."""

    title: str
    of: str | None = None
    start: str | None = None
    end: str | None = None


@dataclass(slots=True)
class Document:
    id: str
    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    published_basis: str = "unknown"
    authors: list[str] = field(default_factory=list)
    path: str | None = None
    duplicate_of: str | None = None


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str
    code: str | None = None
    country: str | None = None
    roles: list[Role] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    # additions to the spec
    about: list[str] = field(default_factory=list)  # ISO3 codes an analyst/expert covers
    affiliation: str | None = None  # e.g. "University of Oxford"
    mentions: list[Mention] = field(default_factory=list)


def state_or_id(a: Actor | None, actor_id: str) -> str:
    """The state an actor is or acts for (its ISO3 code); the actor's own id when it has none."""
    if a is None:
        return actor_id
    return (a.code or a.country or a.id) if a.kind == "state" else (a.country or a.id)


@dataclass(slots=True)
class ActorMention:
    """One resolved mention of an actor in a document."""

    actor: str  # actor id
    document: str
    start: int
    end: int
    text: str
    # "name" | "alias" | "surname" | "title" | "demonym" | "metonymy" | "pronoun" | "possessive" | "description"
    how: str = "name"


@dataclass(slots=True)
class Event:
    id: str
    type: str
    mode: str | None
    source: list[str]
    target: list[str]
    date: Date
    location: Location | None
    modality: str
    attribution: str | None
    quad_class: int
    intensity: float
    confidence: float
    mentions: list[Mention]
    # additions
    trigger: str | None = None
    disputed: list[str] = field(default_factory=list)  # fields on which sources disagree
    sources: list[str] = field(default_factory=list)  # publishers reporting it
    # when disputed: each source's version {document, source, date, location, source_actors, target_actors}
    variants: list[dict[str, Any]] = field(default_factory=list)


@dataclass(slots=True)
class Quantity:
    id: str
    measure: str
    value: float
    unit: str
    subjects: list[str]
    date: Date | None
    modality: str
    mentions: list[Mention]
    # additions
    qualifier: str | None = None  # "about", "more than", "at least", ...
    attribution: str | None = None  # actor id or source name of an estimate
    disputed: bool = False
    value_max: float | None = None  # upper end of a range ("20 to 30 warheads": value 20, value_max 30)


@dataclass(slots=True)
class Claim:
    id: str
    kind: str  # "quote" | "assessment" | "statement"
    speaker: str | None
    text: str
    about: list[str]
    stance: str | None
    mentions: list[Mention]
    # additions
    issue: str | None = None  # the recurring issue a stance is about ("denuclearisation")
    attribution: str | None = None  # "according to CCTV" -> actor id
    speaker_name: str | None = None  # the speaker as written, when no actor could be resolved


@dataclass(slots=True)
class TimeMention:
    document: str
    start: int
    end: int
    text: str
    value: str
    granularity: str
    # additions: TIMEX3 type (DATE, DURATION, SET, TIME) and the day bounds
    type: str = "DATE"
    range_start: str | None = None
    range_end: str | None = None


@dataclass(slots=True)
class Extraction:
    """Everything derived from one document, written to the store in one transaction."""

    document: Document
    actors: list[Actor] = field(default_factory=list)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)  # addition: detente.positions


_JSON_FIELDS: dict[type, tuple[str, ...] | None] = {}  # a class's dataclass fields in order; None: not one


def to_json(obj: Any) -> Any:
    """Convert a model object (or list/dict of them) to plain JSON values."""
    cls = type(obj)
    if cls in _SCALARS:
        return obj
    names = _JSON_FIELDS.get(cls, ())
    if names == ():  # first object of its class: dataclasses.fields() is slow enough to matter per record
        names = _JSON_FIELDS[cls] = (tuple(f.name for f in dataclasses.fields(obj))
                                     if dataclasses.is_dataclass(obj) and not isinstance(obj, type) else None)
    if names is not None:
        return {name: to_json(getattr(obj, name)) for name in names}
    if isinstance(obj, (list, tuple)):
        return [to_json(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_json(v) for k, v in obj.items()}
    return obj


_SCALARS = frozenset({str, int, float, bool, type(None)})


_FIELD_NAMES: dict[type, frozenset[str]] = {}


def _build(cls: type, data: dict[str, Any]) -> Any:
    names = _FIELD_NAMES.get(cls)
    if names is None:  # dataclasses.fields() is slow enough to matter when thousands of records are read
        names = _FIELD_NAMES[cls] = frozenset(f.name for f in dataclasses.fields(cls))
    if names.issuperset(data):  # the usual case: a record this version wrote
        return cls(**data)
    return cls(**{k: v for k, v in data.items() if k in names})


def mention_from(d: dict[str, Any]) -> Mention:
    return _build(Mention, d)


def date_from(d: dict[str, Any] | None) -> Date | None:
    return None if d is None else _build(Date, d)


def actor_from(d: dict[str, Any]) -> Actor:
    a: Actor = _build(Actor, d)
    a.roles = [_build(Role, r) for r in d.get("roles", [])]
    a.mentions = [mention_from(m) for m in d.get("mentions", [])]
    return a


def event_from(d: dict[str, Any]) -> Event:
    e: Event = _build(Event, d)
    e.date = date_from(d.get("date")) or Date.unknown()
    loc = d.get("location")
    e.location = _build(Location, loc) if loc else None
    e.mentions = [mention_from(m) for m in d.get("mentions", [])]
    return e


def quantity_from(d: dict[str, Any]) -> Quantity:
    q: Quantity = _build(Quantity, d)
    q.date = date_from(d.get("date"))
    q.mentions = [mention_from(m) for m in d.get("mentions", [])]
    return q


def claim_from(d: dict[str, Any]) -> Claim:
    c: Claim = _build(Claim, d)
    c.mentions = [mention_from(m) for m in d.get("mentions", [])]
    return c


def time_from(d: dict[str, Any]) -> TimeMention:
    return _build(TimeMention, d)


def document_from(d: dict[str, Any]) -> Document:
    data = dict(d)
    data.setdefault("text", "")
    return _build(Document, data)


# --- positions (issue #17) -----------------------------------------------------------

PositionOrigin = Literal["claim", "event", "report", "abandonment", "silence"]


@dataclass(slots=True)
class Position:
    """An actor's stance on a recurring issue (``data/issues.yaml``) at a date, with its evidence.

    ``date`` is when the position held: the date the text gives the act that
    expresses it ("in 2019 Beijing demanded ..."), else the report's publication
    date (``basis: "published"``).  ``origin`` says what it was read from: a
    ``claim`` (quote, assessment, statement), an ``event`` (REQUEST of X, REJECT of
    Y), a ``report`` (the narrative says the actor demanded/supports X), an
    ``abandonment`` ("has now abandoned that position") or a ``silence`` (absence
    reported as news: never a statement of the actor).
    """

    id: str
    actor: str  # actor id of the holder
    issue: str  # issue id from data/issues.yaml
    stance: str  # demands | supports | accepts | opposes | silent | abandoned (issues.yaml `stances`)
    date: Date
    modality: str
    mentions: list[Mention]
    origin: str  # PositionOrigin
    origin_id: str | None = None  # the claim or event it was read from, when there is one
    state: str | None = None  # the state the holder speaks for (a head of state's country), else None
    reported_by: str | None = None  # who reports it when not the holder (an analyst, "according to KCNA")
    target: str | None = None  # for issues held per target (issues.yaml `per_target`): the state it concerns


def position_from(d: dict[str, Any]) -> Position:
    """A :class:`Position` from its detente/1 JSON form."""
    p: Position = _build(Position, d)
    p.date = date_from(d.get("date")) or Date.unknown()
    p.mentions = [mention_from(m) for m in d.get("mentions", [])]
    return p
