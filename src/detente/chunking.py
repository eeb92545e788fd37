"""Long documents in paragraph-aligned chunks, with offsets into the whole text.

spaCy's parse, and several stages, cost more than linear time and memory in
the length of one ``Doc`` (and spaCy refuses a text longer than its
``max_length`` with error E088).  A report of hundreds of pages is therefore
parsed and extracted one chunk at a time: :func:`split` cuts the text at
paragraph breaks (falling back to sentence ends, then whitespace, inside a
paragraph longer than a chunk), each chunk goes through spaCy and the stages
as a document of its own, and :func:`merge` shifts every offset by the chunk's
start and joins the pieces into one :class:`~detente.model.Extraction` of the
whole document.

What a stage remembers within one document (the story's pair of states, the
last people named, an anchor date) does not cross a chunk boundary; at about
twenty thousand characters a chunk is several news stories long, so only long
reports are chunked at all, and a short document (nearly all of them) goes
through the pipeline exactly as before.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import TypeVar

from .model import (
    Actor,
    ActorMention,
    Claim,
    Document,
    Event,
    Extraction,
    Mention,
    Position,
    Quantity,
    TimeMention,
)

# A sentence end: terminal punctuation, closing quotes or brackets, then whitespace.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*\s+")
_SPACE = re.compile(r"\s+")


def split(text: str, size: int) -> list[tuple[int, int]]:
    """Cut ``text`` into ``[start, end)`` spans of at most ``size`` characters, covering it.

    A text of ``size`` characters or fewer is one span.  Otherwise each cut falls
    just after a line break (a paragraph's end) in the last three quarters of
    the window; in a paragraph longer than that, after a sentence end, then
    after whitespace, and only in a text with no whitespace at all at ``size``.
    Time is linear in the length of the text.
    """
    if size < 1:
        raise ValueError(f"chunk size must be at least 1 character, got {size}")
    spans: list[tuple[int, int]] = []
    start, n = 0, len(text)
    while n - start > size:
        end = _cut(text, start, start + size, start + size // 4 + 1)
        spans.append((start, end))
        start = end
    spans.append((start, n))
    return spans


def _cut(text: str, start: int, limit: int, earliest: int) -> int:
    """The best end for a chunk that starts at ``start`` and may not pass ``limit``."""
    newline = text.rfind("\n", earliest - 1, limit)
    if newline >= 0:
        return newline + 1
    window = text[earliest:limit]
    for pattern in (_SENTENCE_END, _SPACE):
        ends = [m.end() for m in pattern.finditer(window)]
        if ends:
            return earliest + ends[-1]
    return limit


def chunk_document(document: Document, start: int, end: int) -> Document:
    """The document of one chunk: the same metadata, the chunk's text, an id of its own.

    Stages derive item ids from the document id and chunk-relative offsets, so
    every chunk but the first gets ``<id>@<start>``: items of two chunks with the
    same text (a repeated paragraph) keep distinct ids.  :func:`merge` writes the
    whole document's id back into every mention.
    """
    chunk_id = document.id if start == 0 else f"{document.id}@{start}"
    return dataclasses.replace(document, id=chunk_id, text=document.text[start:end])


T = TypeVar("T", Mention, ActorMention, TimeMention)


def _moved(span: T, shift: int, doc_id: str) -> T:
    return dataclasses.replace(span, document=doc_id, start=span.start + shift, end=span.end + shift)


def _mentions(mentions: Iterable[Mention], shift: int, doc_id: str) -> list[Mention]:
    return [_moved(m, shift, doc_id) for m in mentions]


Item = TypeVar("Item", Event, Quantity, Claim, Position)


def _item(item: Item, shift: int, doc_id: str) -> Item:
    return dataclasses.replace(item, mentions=_mentions(item.mentions, shift, doc_id))


def merge(document: Document, parts: Iterable[tuple[int, Extraction]]) -> Extraction:
    """One extraction of ``document`` from the extractions of its chunks.

    ``parts`` are ``(chunk start, extraction of the chunk)`` in text order.  Every
    offset is moved by its chunk's start and every mention names ``document``;
    an actor found in several chunks is listed once (by id, sorted as a single
    pass lists them), with the mentions of all chunks.  New records are built:
    the chunks' own are left as they were.
    """
    doc_id = document.id
    out = Extraction(document=document)
    actors: dict[str, Actor] = {}
    for shift, part in parts:
        for a in part.actors:
            mentions = _mentions(a.mentions, shift, doc_id)
            if a.id in actors:
                actors[a.id].mentions.extend(mentions)
            else:
                actors[a.id] = dataclasses.replace(a, mentions=mentions)
        out.actor_mentions.extend(_moved(m, shift, doc_id) for m in part.actor_mentions)
        out.times.extend(_moved(t, shift, doc_id) for t in part.times)
        out.events.extend(_item(e, shift, doc_id) for e in part.events)
        out.quantities.extend(_item(q, shift, doc_id) for q in part.quantities)
        out.claims.extend(_item(c, shift, doc_id) for c in part.claims)
        out.positions.extend(_item(p, shift, doc_id) for p in part.positions)
    out.actors = [actors[k] for k in sorted(actors)]
    return out
