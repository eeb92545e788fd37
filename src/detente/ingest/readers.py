"""Every kind of input to :class:`RawDocument`: files, folders, feeds, URLs and manifests.

:func:`read_inputs` is lazy (one file in memory at a time) and never raises for a bad
input: it yields an :class:`~detente.errors.InputError` naming the input and the
problem, and goes on with the next one.

Metadata precedence, strongest first: ``overrides`` (the CLI's --title/--source/
--published/--author) > a manifest line > what the document says about itself
(HTML meta, feed entry, Markdown front matter).
"""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from detente.errors import InputError
from detente.ingest.dates import DateError, parse_published
from detente.ingest.fetch import fetch
from detente.ingest.formats import Extracted, FormatError, parse_feed, parse_html
from detente.ingest.text import (
    DecodeError,
    binary_kind,
    decode_bytes,
    normalise_text,
    sniff_markup,
    split_front_matter,
    strip_markdown,
)
from detente.settings import Settings

# file extension -> reader kind; folders are scanned for these only
SUPPORTED_EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "manifest",
}
_EXPECTED = {
    "text": "a text file",
    "markdown": "a Markdown file",
    "html": "an HTML page",
    "feed": "an RSS or Atom feed",
    "manifest": "a JSON Lines manifest",
    "auto": "a text document",
}
_HTML_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_FEED_TYPES = frozenset({"application/rss+xml", "application/atom+xml", "application/rdf+xml"})
_XML_TYPES = frozenset({"application/xml", "text/xml"})
_MARKDOWN_TYPES = frozenset({"text/markdown", "text/x-markdown"})
_OVERRIDE_KEYS = frozenset({"title", "source", "published", "author", "authors"})

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


def read_inputs(
    inputs: Sequence[str],
    *,
    glob: str | None = None,
    follow: bool = False,
    overrides: Mapping[str, object] | None = None,
    settings: Settings | None = None,
) -> Iterator[RawDocument | InputError]:
    """Read files, folders, feeds, URLs and manifests into documents, lazily.

    ``glob`` filters folder contents (comma-separated patterns on file names or
    relative paths; only supported extensions are ever read).  ``follow`` fetches
    each feed entry's link and reads the full article.  ``overrides`` (title, source,
    published, author/authors) win over all other metadata.  Bad inputs are yielded
    as InputError, never raised.
    """
    settings = settings or Settings()
    try:
        meta = _parse_overrides(overrides or {})
    except InputError as exc:
        yield exc
        return
    for item in inputs:
        for result in _read_one(item, glob=glob, follow=follow, settings=settings):
            if isinstance(result, RawDocument) and meta:
                result = _apply_metadata(result, meta)
            yield result


def _parse_overrides(overrides: Mapping[str, object]) -> dict[str, Any]:
    unknown = set(overrides) - _OVERRIDE_KEYS
    if unknown:
        raise ValueError(f"unknown override(s) {sorted(unknown)}; allowed: {sorted(_OVERRIDE_KEYS)}")
    return _metadata(overrides, where="overrides")


def _metadata(values: Mapping[str, object], *, where: str) -> dict[str, Any]:
    """Validate user-given metadata (overrides or a manifest line); None values are absent."""
    meta: dict[str, Any] = {}
    for key in ("id", "title", "source", "url"):
        value = values.get(key)
        if value is None:
            continue
        if key == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str) or not value.strip():
            raise InputError(where, f"must be a non-empty string, got {value!r}", field=key)
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
            raise InputError(where, f"must be a name or a list of names, got {value!r}", field=key)
        authors.extend(n.strip() for n in names)
    if authors:
        meta["authors"] = authors
    return meta


def _apply_metadata(doc: RawDocument, meta: Mapping[str, Any]) -> RawDocument:
    changes = {k: v for k, v in meta.items() if k in ("id", "title", "source", "url", "published", "authors")}
    if "published" in changes:
        changes["published_basis"] = "metadata"
    return replace(doc, **changes)


def _read_one(item: str, *, glob: str | None, follow: bool, settings: Settings) -> Iterator[RawDocument | InputError]:
    if "://" in item:
        scheme = item.split("://", 1)[0].lower()
        if scheme not in ("http", "https"):
            yield InputError(item, f"only http and https URLs can be read, not {scheme}://")
            return
        yield from _guard(item, _read_url(item, item, follow=follow, settings=settings))
        return
    path = Path(item)
    if not path.exists():
        hint = " (for a web page, give the full http:// or https:// URL)" if item.startswith("www.") else ""
        yield InputError(item, f"no such file or folder{hint}")
    elif path.is_dir():
        yield from _read_folder(path, item, glob=glob, follow=follow, settings=settings)
    else:
        yield from _guard(item, _read_file(path, item, follow=follow, settings=settings))


def _guard(origin: str, results: Iterator[RawDocument | InputError]) -> Iterator[RawDocument | InputError]:
    """Turn an InputError raised while reading into a yielded one, so the batch goes on."""
    try:
        yield from results
    except InputError as exc:
        yield exc
    except OSError as exc:
        yield InputError(origin, f"cannot be read ({exc.strerror or exc})")


def _read_folder(
    folder: Path, origin: str, *, glob: str | None, follow: bool, settings: Settings
) -> Iterator[RawDocument | InputError]:
    patterns = [p.strip() for p in (glob or "*").split(",") if p.strip()] or ["*"]
    walk_errors: list[OSError] = []
    found = 0
    for dirpath, dirnames, filenames in os.walk(folder, onerror=walk_errors.append):
        # sorted for a reproducible order; hidden folders (.git, .cache) are never content
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or Path(name).suffix.lower() not in SUPPORTED_EXTENSIONS:
                continue
            rel = (Path(dirpath) / name).relative_to(folder).as_posix()
            if not any(_matches(name, rel, p) for p in patterns):
                continue
            found += 1
            member = str(Path(origin) / rel)
            yield from _guard(member, _read_file(Path(dirpath) / name, member, follow=follow, settings=settings))
    for error in walk_errors:
        yield InputError(str(error.filename or origin), f"cannot be read ({error.strerror or error})")
    if not found:
        supported = ",".join(f"*{ext}" for ext in SUPPORTED_EXTENSIONS)
        yield InputError(origin, f"no files matching {glob or '*'} among the supported types ({supported})")


def _matches(name: str, rel: str, pattern: str) -> bool:
    bare = pattern[3:] if pattern.startswith("**/") else pattern
    return fnmatch.fnmatch(name, bare) or fnmatch.fnmatch(rel, pattern) or fnmatch.fnmatch(rel, bare)


def _load(path: Path, origin: str, settings: Settings) -> bytes:
    size = path.stat().st_size
    if size > settings.max_bytes:
        raise InputError(origin, f"is {size} bytes, more than the limit of {settings.max_bytes} (max_bytes)")
    data = path.read_bytes()
    if not data:
        raise InputError(origin, "is empty")
    return data


def _read_file(path: Path, origin: str, *, follow: bool, settings: Settings) -> Iterator[RawDocument | InputError]:
    kind = SUPPORTED_EXTENSIONS.get(path.suffix.lower(), "auto")
    if kind == "manifest":
        from detente.ingest.manifest import read_manifest

        yield from read_manifest(path, origin, follow=follow, settings=settings)
        return
    data = _load(path, origin, settings)
    yield from read_bytes(data, origin, kind=kind, path=str(path), follow=follow, settings=settings)


def _read_url(url: str, origin: str, *, follow: bool, settings: Settings) -> Iterator[RawDocument | InputError]:
    result = fetch(url, settings)
    sniffed = sniff_markup(result.body)
    ctype = result.content_type
    if sniffed == "feed" or ctype in _FEED_TYPES or (ctype in _XML_TYPES and sniffed != "html"):
        kind = "feed"
    elif ctype in _HTML_TYPES or sniffed == "html":
        kind = "html"
    elif ctype in _MARKDOWN_TYPES:
        kind = "markdown"
    else:
        kind = "text"
    if not result.body:
        raise InputError(origin, "the server sent an empty body")
    yield from read_bytes(
        result.body, origin, kind=kind, url=result.url_final, declared=result.encoding, follow=follow, settings=settings
    )


def read_bytes(
    data: bytes,
    origin: str,
    *,
    kind: str,
    path: str | None = None,
    url: str | None = None,
    declared: str | None = None,
    follow: bool = False,
    settings: Settings | None = None,
) -> Iterator[RawDocument | InputError]:
    """Documents from the bytes of one input of ``kind`` ("text", "markdown", "html", "feed" or "auto").

    Raises InputError (naming ``origin``) when the bytes are not that kind of document;
    a feed yields one document, or one error, per entry.
    """
    settings = settings or Settings()
    what = binary_kind(data)
    if what:
        raise InputError(origin, f"is {what}, not {_EXPECTED[kind]}")
    if kind == "auto":
        sniffed = sniff_markup(data)
        kind = sniffed if sniffed in ("feed", "html") else "text"
    if kind == "feed":
        yield from _feed_documents(data, origin, path=path, follow=follow, settings=settings)
        return
    try:
        text, _codec = decode_bytes(data, declared)
    except DecodeError as exc:
        raise InputError(origin, str(exc)) from exc
    if kind == "html":
        try:
            extracted = parse_html(text, url)
        except FormatError as exc:
            raise InputError(origin, str(exc)) from exc
    elif kind == "markdown":
        extracted = _markdown(text, origin)
    else:
        extracted = Extracted(text=normalise_text(text), url=url)
    if not extracted.text:
        raise InputError(origin, "is empty (only whitespace)" if not text.strip() else "contains no text")
    yield _document(extracted, origin, path=path)


def _document(extracted: Extracted, origin: str, *, path: str | None) -> RawDocument:
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


def _markdown(text: str, origin: str) -> Extracted:
    text = normalise_text(text)
    front, body = split_front_matter(text)
    meta: dict[str, Any] = {}
    if front is not None:
        try:
            # BaseLoader keeps every scalar a string, so "2025-02-30" reaches our own date check
            loaded = yaml.load(front, Loader=yaml.BaseLoader)  # noqa: S506 - BaseLoader builds no objects
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            values = {
                "title": loaded.get("title"),
                "source": loaded.get("source") or loaded.get("publisher"),
                "published": loaded.get("published") or loaded.get("date"),
                "authors": loaded.get("authors") or loaded.get("author"),
                "url": loaded.get("url"),
            }
            meta = _metadata({k: v for k, v in values.items() if v not in (None, "")}, where=origin)
        else:
            body = text  # not front matter after all (e.g. a horizontal rule pair)
    title = meta.get("title")
    first = body.lstrip().split("\n", 1)[0]
    if title is None and first.startswith("# "):
        title = first[2:].strip().rstrip("#").strip() or None
    return Extracted(
        text=normalise_text(strip_markdown(body)),
        title=title,
        source=meta.get("source"),
        url=meta.get("url"),
        published=meta.get("published"),
        authors=meta.get("authors", []),
    )


def _feed_documents(
    data: bytes, origin: str, *, path: str | None, follow: bool, settings: Settings
) -> Iterator[RawDocument | InputError]:
    try:
        feed = parse_feed(data)
    except FormatError as exc:
        raise InputError(origin, str(exc)) from exc
    for entry in feed.entries:
        where = f"{origin}#{entry.index}"
        extracted = entry.extracted
        if follow:
            if not entry.link:
                yield InputError(where, "the feed entry has no link to follow")
                continue
            try:
                article = _fetch_article(entry.link, where, settings)
            except InputError as exc:
                yield exc
                continue
            # the feed's own metadata wins; the page fills what the feed left out
            extracted = Extracted(
                text=article.text,
                title=extracted.title or article.title,
                source=extracted.source or article.source,
                url=extracted.url or article.url,
                published=extracted.published or article.published,
                authors=extracted.authors or article.authors,
            )
        if not extracted.text:
            yield InputError(where, "the feed entry has no text (no summary or content); try follow to fetch it")
            continue
        yield _document(extracted, where, path=path)


def _fetch_article(link: str, where: str, settings: Settings) -> Extracted:
    try:
        docs = list(_read_url(link, link, follow=False, settings=settings))
    except InputError as exc:
        raise InputError(where, f"following {link}: {exc.message}") from exc
    for doc in docs:
        if isinstance(doc, RawDocument) and len(docs) == 1:
            return Extracted(doc.text, doc.title, doc.source, doc.url, doc.published, doc.authors)
    raise InputError(where, f"following {link}: the link is not a single article")
