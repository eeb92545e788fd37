"""Test helpers: a DocContext with hand-made actor mentions (no actor stage needed)."""

from __future__ import annotations

import re

from detente import nlp
from detente.model import Actor, ActorMention, Document
from detente.pipeline import DocContext

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
