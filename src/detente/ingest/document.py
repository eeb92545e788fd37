"""What every reader produces and shares: :class:`RawDocument`, the read context, metadata checks.

This module sits below the format readers, the manifest and the folder walker, so
none of them imports another to get these (the old ``manifest`` <-> ``readers`` cycle).

Metadata precedence, strongest first: ``overrides`` (the CLI's --title/--source/
--published/--author) > a manifest line > what the document says about itself
(HTML meta, feed entry, Markdown front matter).
"""

from __future__ import annotations

import reprlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from detente.errors import InputError
from detente.ingest.dates import DateError, parse_published
from detente.ingest.markup import Extracted
from detente.settings import Settings

METADATA_KEYS = ("id", "title", "source", "url", "published", "authors")

# reprlib's limits keep a message short whatever the value holds (a 10,000-item list, a
# shared YAML structure): a message must never cost more than the input that caused it.
_SHORT = reprlib.Repr()
_SHORT.maxstring = 60
_SHORT.maxother = 60
_SHORT.maxlist = _SHORT.maxtuple = _SHORT.maxdict = 4
_SHORT.maxlevel = 2


@dataclass(slots=True)
class RawDocument:
    """One input document before analysis: normalised text plus the metadata read with it."""

    text: str  # NFC, "\n" newlines, stripped; Markdown lightly de-marked
    origin: str  # the input as the user named it ("a.txt", "https://…", "manifest.jsonl:12", "feed.rss#3")
    id: str | None = None  # explicit id from a manifest line
    title: str | None = None
    source: str | None = None  # the publisher
    url: str | None = None
    published: str | None = None  # "YYYY-MM-DD"
    authors: list[str] = field(default_factory=list)
    path: str | None = None
    published_basis: str = "unknown"  # "metadata" when given by user/manifest/feed/page, else "unknown"


@dataclass(frozen=True, slots=True)
class Source:
    """Where the bytes a reader gets came from, and how to read them.

    ``origin`` names the input in documents and errors (already escaped, see
    :func:`detente.ingest.text.printable`); ``path``/``url`` are recorded on the
    document; ``declared`` is a charset the transport announced.
    """

    origin: str
    settings: Settings
    path: str | None = None
    url: str | None = None
    declared: str | None = None
    follow: bool = False


def short(value: object) -> str:
    """A bounded ``repr`` of ``value`` for an error message."""
    return _SHORT.repr(value)


def validate_metadata(values: Mapping[str, object], *, where: str) -> dict[str, Any]:
    """Validate user-given metadata (overrides, a manifest line, front matter); None values are absent."""
    meta: dict[str, Any] = {}
    for key in ("id", "title", "source", "url"):
        value = values.get(key)
        if value is None:
            continue
        if key == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise InputError(where, f"must be a non-empty string, got {short(value)}", field=key)
        meta[key] = value.strip()
    if values.get("published") is not None:
        try:
            meta["published"] = parse_published(values["published"])
        except DateError as exc:
            raise InputError(where, str(exc), field="published") from exc
    authors: list[str] = []
    for key in ("authors", "author"):
        value = values.get(key)
        if value is None:
            continue
        names = [value] if isinstance(value, str) else value
        if not isinstance(names, list) or not all(isinstance(n, str) and n.strip() for n in names):
            raise InputError(where, f"must be a name or a list of names, got {short(value)}", field=key)
        authors.extend(n.strip() for n in names)
    if authors:
        meta["authors"] = authors
    return meta


def apply_metadata(doc: RawDocument, meta: Mapping[str, Any]) -> RawDocument:
    """``doc`` with the validated ``meta`` winning over what the document said about itself."""
    changes = {k: v for k, v in meta.items() if k in METADATA_KEYS}
    if "published" in changes:
        changes["published_basis"] = "metadata"
    return replace(doc, **changes)


def from_extracted(extracted: Extracted, origin: str, *, path: str | None) -> RawDocument:
    """The RawDocument for text and metadata a format reader extracted."""
    return RawDocument(
        text=extracted.text,
        origin=origin,
        title=extracted.title,
        source=extracted.source,
        url=extracted.url,
        published=extracted.published,
        authors=list(extracted.authors),
        path=path,
        published_basis="metadata" if extracted.published else "unknown",
    )
