"""Parsers for markup formats: HTML articles (trafilatura) and RSS/Atom feeds (feedparser).

Both work offline on text already in memory and raise :class:`FormatError` with a
short reason when the input is not what it claims to be; callers add the input name.
"""

from __future__ import annotations

import copy
import logging
import re
import warnings
from dataclasses import dataclass, field
from typing import Any

import lxml.html
from lxml import etree

from detente.ingest.dates import try_published
from detente.ingest.text import normalise_text

# trafilatura logs every page it finds too short at WARNING; our errors say it better.
logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)

_DATE_PARAMS: dict[str, Any] = {"extensive_search": False, "original_date": True}
# Only dates the page declares count as its publication date: <head> meta tags, JSON-LD,
# <time>/<abbr> elements, date-labelled bylines, the URL.  htmldate alone would also take
# the first date-like string of the body text ("On 3 March 2021 the envoys met"), which
# is an event date as often as not; body text is left to the pipeline's own inference.
_DATE_ELEMENTS = etree.XPath(
    "//body//time | //body//abbr | //body//meta | //body//script[@type='application/ld+json']"
    " | //body//*[@itemprop][contains(translate(@itemprop, 'DATEPUBLISHED', 'datepublished'), 'date')]"
    " | //body//*[contains(translate(@class, 'DATEPUBLISHED', 'datepublished'), 'date')"
    " or contains(translate(@class, 'DATEPUBLISHED', 'datepublished'), 'published')"
    " or contains(translate(@id, 'DATEPUBLISHED', 'datepublished'), 'date')]"
)

_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote pre tr table section article header footer "
    "figure figcaption dd dt hr".split()
)


class FormatError(ValueError):
    """The content is not a usable document of the expected format; the message says why."""


@dataclass(slots=True)
class Extracted:
    """Text and metadata read from one HTML page or one feed entry."""

    text: str
    title: str | None = None
    source: str | None = None
    url: str | None = None
    published: str | None = None
    authors: list[str] = field(default_factory=list)


def html_to_text(html: str) -> str:
    """All visible text of an HTML document or fragment, one block per line (no boilerplate removal)."""
    if not html.strip():
        return ""
    # lxml refuses str input that carries an XML encoding declaration (XHTML files)
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        root = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, "script", "style", "noscript", "template", etree.Comment, with_tail=False)
    parts: list[str] = []

    def walk(node: Any) -> None:
        block = isinstance(node.tag, str) and node.tag.lower() in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if node.text and isinstance(node.tag, str):
            parts.append(node.text)
        for child in node:
            walk(child)
        if block:
            parts.append("\n")
        if node.tail:
            parts.append(node.tail)

    try:
        walk(root)
    except RecursionError:
        parts = [root.text_content()]
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return normalise_text("\n".join(line for line in lines if line))


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


def _split_authors(value: object) -> list[str]:
    text = _clean(value)
    if not text:
        return []
    return [name.strip() for name in text.split(";") if name.strip()]


def metadata_date(html: str, url: str | None = None) -> str | None:
    """The publication date the page declares (see ``_DATE_ELEMENTS``), never one from its prose."""
    # htmldate, trafilatura and feedparser are imported on first use: together a quarter of
    # a second at every start-up of the commands and workers that never read HTML or feeds
    import htmldate
    html = _XML_DECLARATION.sub("", html, count=1)
    try:
        tree = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    # a skeleton page: the whole <head>, and from the body only the date-bearing elements
    skeleton = lxml.html.document_fromstring("<html><head></head><body></body></html>")
    head = tree.find("head")
    if head is not None:
        skeleton.replace(skeleton.find("head"), copy.deepcopy(head))
    body = skeleton.find("body")
    for element in _DATE_ELEMENTS(tree):
        clone = copy.deepcopy(element)
        clone.tail = None
        body.append(clone)
    try:
        found = htmldate.find_date(skeleton, url=url, extensive_search=False, original_date=True)
    except Exception:  # noqa: BLE001 - a date is optional; never lose the article over it
        return None
    return try_published(found)


def parse_html(html: str, url: str | None = None) -> Extracted:
    """Main text and metadata (title, author, date, site name, canonical URL) of an article page.

    Uses trafilatura's extraction cascade; when it finds no main content (very short or
    unusual pages) falls back to all visible text.  Raises FormatError when there is no text.
    """
    import trafilatura

    doc = None
    try:
        doc = trafilatura.bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, date_extraction_params=_DATE_PARAMS
        )
    except Exception:  # noqa: BLE001 - any failure inside trafilatura: fall back to plain lxml text below
        doc = None
    text = normalise_text(getattr(doc, "text", None) or "") if doc is not None else ""
    if doc is None:
        try:
            doc = trafilatura.extract_metadata(html, default_url=url, date_config=_DATE_PARAMS)
        except Exception:  # noqa: BLE001 - metadata is optional; the text alone is still a document
            doc = None
    if not text:
        text = html_to_text(html)
    if not text:
        raise FormatError("no text found in the HTML")
    meta = doc
    return Extracted(
        text=text,
        title=_clean(getattr(meta, "title", None)),
        source=_clean(getattr(meta, "sitename", None)),
        url=_clean(getattr(meta, "url", None)) or url,
        published=metadata_date(html, url),
        authors=_split_authors(getattr(meta, "author", None)),
    )


@dataclass(slots=True)
class FeedEntry:
    """One feed item: its metadata, and its text (empty when the feed carries none)."""

    index: int  # 1-based position in the feed
    link: str | None
    extracted: Extracted


@dataclass(slots=True)
class Feed:
    title: str | None
    entries: list[FeedEntry]


def parse_feed(data: bytes) -> Feed:
    """Parse an RSS/Atom feed; raise FormatError when it is not one or is broken beyond use."""
    import feedparser

    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # noqa: BLE001 - feedparser is lenient, but one bad feed must not stop a batch
        raise FormatError(f"could not be parsed as a feed ({type(exc).__name__}: {exc})") from exc
    if not parsed.entries:
        # a broken feed that still yielded entries is used (feedparser is lenient on purpose)
        if parsed.get("bozo"):
            what = "is a malformed feed with no readable entries" if parsed.get("version") else "is not a valid RSS or Atom feed"
            raise FormatError(f"{what} ({parsed.get('bozo_exception')})")
        if not parsed.get("version"):
            raise FormatError("is not an RSS or Atom feed")
        raise FormatError("the feed has no entries")
    feed_title = _clean(parsed.feed.get("title"))
    entries = [_entry(i, entry, feed_title) for i, entry in enumerate(parsed.entries, start=1)]
    return Feed(title=feed_title, entries=entries)


def _entry(index: int, entry: Any, feed_title: str | None) -> FeedEntry:
    # the longest of the full content and the summary: some feeds put the article in
    # <content:encoded>, others only in <description>
    bodies = [c.get("value", "") for c in entry.get("content", []) or []]
    bodies.append(entry.get("summary", "") or "")
    text = max((html_to_text(b) if "<" in b else normalise_text(b) for b in bodies), key=len, default="")
    authors = [a.get("name") for a in entry.get("authors", []) or [] if _clean(a.get("name"))]
    if not authors and _clean(entry.get("author")):
        authors = _split_authors(entry.get("author"))
    # the date as the publisher wrote it (see detente.ingest.dates), not feedparser's UTC tuple
    with warnings.catch_warnings():
        # feedparser warns when "updated" falls back to "published"; we ask for both anyway
        warnings.simplefilter("ignore", DeprecationWarning)
        published = try_published(entry.get("published")) or try_published(entry.get("updated"))
    source = _clean((entry.get("source") or {}).get("title")) or feed_title
    link = _clean(entry.get("link"))
    extracted = Extracted(
        text=text,
        title=_clean(entry.get("title")),
        source=source,
        url=link,
        published=published,
        authors=[a for a in (_clean(a) for a in authors) if a],
    )
    return FeedEntry(index=index, link=link, extracted=extracted)
