"""Test helpers: a DocContext with hand-made actor mentions (no actor stage needed)."""

from __future__ import annotations

import re

from detente import nlp
from detente.events import EventStage
from detente.model import Actor, ActorMention, Document, Event
from detente.pipeline import process_text
from detente.stage import DocContext

# surface form -> (actor id, kind, country); longest forms are matched first
GAZETTEER: dict[str, tuple[str, str, str]] = {
    "North Korea": ("prk", "state", "PRK"), "North Korean": ("prk", "state", "PRK"),
    "DPRK": ("prk", "state", "PRK"), "Pyongyang": ("prk", "state", "PRK"),
    "South Korea": ("kor", "state", "KOR"), "South Korean": ("kor", "state", "KOR"), "Seoul": ("kor", "state", "KOR"),
    "China": ("chn", "state", "CHN"), "Chinese": ("chn", "state", "CHN"), "Beijing": ("chn", "state", "CHN"),
    "Russia": ("rus", "state", "RUS"), "Russian": ("rus", "state", "RUS"), "Moscow": ("rus", "state", "RUS"),
    "United States": ("usa", "state", "USA"), "US": ("usa", "state", "USA"), "Washington": ("usa", "state", "USA"),
    "Japan": ("jpn", "state", "JPN"), "Ukraine": ("ukr", "state", "UKR"), "Iran": ("irn", "state", "IRN"),
    "European Union": ("eu", "organization", "EU"), "Europe": ("eu", "organization", "EU"),
    "Xi Jinping": ("xi", "person", "CHN"), "Xi": ("xi", "person", "CHN"),
    "Kim Jong Un": ("kim", "person", "PRK"), "Kim": ("kim", "person", "PRK"),
    "Vladimir Putin": ("putin", "person", "RUS"), "Putin": ("putin", "person", "RUS"),
    "Donald Trump": ("trump", "person", "USA"), "Trump": ("trump", "person", "USA"),
    "Lee Jae-myung": ("lee", "person", "KOR"),
    "KCNA": ("kcna", "organization", "PRK"), "Xinhua": ("xinhua", "organization", "CHN"),
    "CCTV": ("cctv", "organization", "CHN"), "Yonhap": ("yonhap", "organization", "KOR"),
}
_PATTERN = re.compile(
    r"\b(" + "|".join(re.escape(k) for k in sorted(GAZETTEER, key=len, reverse=True)) + r")\b"
)


def make_ctx(text: str, doc_id: str = "t") -> DocContext:
    """Parse ``text`` and annotate gazetteer names as actor mentions."""
    doc = nlp.load()(text)
    ctx = DocContext(document=Document(id=doc_id, text=text), doc=doc, published=None)
    for m in _PATTERN.finditer(text):
        aid, kind, country = GAZETTEER[m.group(1)]
        ctx.actors.setdefault(aid, Actor(id=aid, name=m.group(1), kind=kind, code=country if kind == "state" else None, country=country))
        ctx.actor_mentions.append(ActorMention(actor=aid, document=doc_id, start=m.start(), end=m.end(), text=m.group(1)))
    ctx.index_mentions()
    return ctx


# --- running the stage -------------------------------------------------------------


def run(stage: EventStage, text: str) -> list[Event]:
    """The events ``stage`` finds in ``text`` (actors from the gazetteer)."""
    ctx = make_ctx(text)
    stage(ctx)
    return ctx.events


def find(events: list[Event], etype: str) -> Event:
    """The first event of type ``etype`` (fails, listing what was found, when there is none)."""
    hits = [e for e in events if e.type == etype]
    assert hits, f"no {etype} in {[(e.type, e.trigger) for e in events]}"
    return hits[0]


def types(events: list[Event]) -> list[str]:
    """The sorted types of ``events``."""
    return sorted(e.type for e in events)


def of_type(events: list[Event], etype: str) -> list[Event]:
    """The events of type ``etype``."""
    return [e for e in events if e.type == etype]


def pairs(events: list[Event], etype: str) -> list[tuple[list[str], list[str], str]]:
    """(source, target, modality) of each event of type ``etype``."""
    return [(e.source, e.target, e.modality) for e in events if e.type == etype]


def events_of(text: str, published: str) -> list[Event]:
    """The events the whole pipeline (actors and time stage included) finds in ``text``."""
    return process_text(text, published=published).events


def the_event(text: str, etype: str, published: str = "2026-03-10") -> Event:
    """The one event of type ``etype`` the whole pipeline finds in ``text``."""
    (event,) = of_type(process_text(text, published=published).events, etype)
    return event


def sides(text: str, etype: str, asserted_only: bool = True,
          published: str = "2025-03-12") -> list[tuple[list[str], list[str]]]:
    """(source, target) of each ``etype`` event the whole pipeline finds in ``text`` (asserted ones by default)."""
    x = process_text(text, published=published)
    return [(e.source, e.target) for e in x.events
            if e.type == etype and (e.modality == "asserted" or not asserted_only)]
