"""The input formats: one table of ``{kind: Format}``, and the readers it names.

Adding a format is one entry in :data:`FORMATS`: a description for messages, the
function that turns bytes into documents, the file extensions and media types that
select it, and optionally a test that recognises its bytes whatever the name says
(PDF and DOCX do: a saved ``download`` or a mislabelled ``.txt`` is still read as
what it is).  Binary formats claim their bytes *before* the binary sniff of
:func:`detente.ingest.text.binary_kind` refuses what nobody claimed.

Readers take the bytes and a :class:`~detente.ingest.document.Source`, and yield
documents or InputError; they raise InputError when the whole input is unusable.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from detente.errors import InputError
from detente.ingest.document import RawDocument, Source, from_extracted, validate_metadata
from detente.ingest.fetch import fetch
from detente.ingest.frontmatter import load_front_matter
from detente.ingest.markup import Extracted, FormatError, parse_feed, parse_html
from detente.ingest.office import docx_text, is_docx, is_pdf, pdf_text
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

Reader = Callable[[bytes, Source], Iterator[RawDocument | InputError]]


@dataclass(frozen=True, slots=True)
class Format:
    """One input format: how it is named, selected, recognised and read."""

    description: str  # completes "is a PNG image, not …": "an HTML page"
    read: Reader
    extensions: tuple[str, ...] = ()  # lower case, with the dot; folders are scanned for these
    media_types: tuple[str, ...] = ()  # HTTP Content-Type values that select it
    claims: Callable[[bytes], bool] | None = None  # recognises its own bytes, whatever the name


def _decoded(data: bytes, source: Source) -> str:
    try:
        text, _codec = decode_bytes(data, source.declared)
    except DecodeError as exc:
        raise InputError(source.origin, str(exc)) from exc
    return text


def _one(extracted: Extracted, source: Source, raw_text: str) -> Iterator[RawDocument]:
    if not extracted.text:
        raise InputError(source.origin, "is empty (only whitespace)" if not raw_text.strip() else "contains no text")
    yield from_extracted(extracted, source.origin, path=source.path)


def _read_text(data: bytes, source: Source) -> Iterator[RawDocument]:
    text = _decoded(data, source)
    yield from _one(Extracted(text=normalise_text(text), url=source.url), source, text)


def _read_html(data: bytes, source: Source) -> Iterator[RawDocument]:
    text = _decoded(data, source)
    try:
        extracted = parse_html(text, source.url)
    except FormatError as exc:
        raise InputError(source.origin, str(exc)) from exc
    yield from _one(extracted, source, text)


def _read_markdown(data: bytes, source: Source) -> Iterator[RawDocument]:
    raw = _decoded(data, source)
    text = normalise_text(raw)
    front, body = split_front_matter(text)
    meta: dict[str, Any] = {}
    if front is not None:
        loaded = load_front_matter(front, source.origin)
        if isinstance(loaded, dict):
            values = {
                "title": loaded.get("title"),
                "source": loaded.get("source") or loaded.get("publisher"),
                "published": loaded.get("published") or loaded.get("date"),
                "authors": loaded.get("authors") or loaded.get("author"),
                "url": loaded.get("url"),
            }
            meta = validate_metadata({k: v for k, v in values.items() if v not in (None, "")}, where=source.origin)
        else:
            body = text  # not front matter after all (e.g. a horizontal rule pair)
    title = meta.get("title")
    first = body.lstrip().split("\n", 1)[0]
    if title is None and first.startswith("# "):
        title = first[2:].strip().rstrip("#").strip() or None
    extracted = Extracted(
        text=normalise_text(strip_markdown(body)),
        title=title,
        source=meta.get("source"),
        url=meta.get("url"),
        published=meta.get("published"),
        authors=meta.get("authors", []),
    )
    yield from _one(extracted, source, raw)


def _office_reader(text_of: Callable[[bytes, int], str]) -> Callable[[bytes, Source], Iterator[RawDocument]]:
    """A reader for a format whose text layer ``text_of`` extracts (PDF, DOCX)."""
    def read(data: bytes, source: Source) -> Iterator[RawDocument]:
        try:
            text = text_of(data, source.settings.max_bytes)
        except FormatError as exc:
            raise InputError(source.origin, str(exc)) from exc
        yield from _one(Extracted(text=normalise_text(text), url=source.url), source, text)
    return read


_read_pdf = _office_reader(pdf_text)
_read_docx = _office_reader(docx_text)


def _read_feed(data: bytes, source: Source) -> Iterator[RawDocument | InputError]:
    try:
        feed = parse_feed(data)
    except FormatError as exc:
        raise InputError(source.origin, str(exc)) from exc
    for entry in feed.entries:
        where = f"{source.origin}#{entry.index}"
        extracted = entry.extracted
        if source.follow:
            if not entry.link:
                yield InputError(where, "the feed entry has no link to follow")
                continue
            try:
                article = _fetch_article(entry.link, where, source.settings)
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
        yield from_extracted(extracted, where, path=source.path)


def _fetch_article(link: str, where: str, settings: Settings) -> Extracted:
    try:
        docs = list(read_url(link, link, follow=False, settings=settings))
    except InputError as exc:
        raise InputError(where, f"following {link}: {exc.message}") from exc
    for doc in docs:
        if isinstance(doc, RawDocument) and len(docs) == 1:
            return Extracted(doc.text, doc.title, doc.source, doc.url, doc.published, doc.authors)
    raise InputError(where, f"following {link}: the link is not a single article")


# The table.  Order matters only for ``claims`` (first match wins).
FORMATS: dict[str, Format] = {
    "text": Format("a text file", _read_text, (".txt",), ("text/plain",)),
    "markdown": Format("a Markdown file", _read_markdown, (".md", ".markdown"), ("text/markdown", "text/x-markdown")),
    "html": Format("an HTML page", _read_html, (".html", ".htm"), ("text/html", "application/xhtml+xml")),
    "feed": Format(
        "an RSS or Atom feed", _read_feed, (".xml", ".rss", ".atom"),
        ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/xml", "text/xml"),
    ),
    "pdf": Format("a PDF file", _read_pdf, (".pdf",), ("application/pdf",), claims=is_pdf),
    "docx": Format(
        "a Word (DOCX) document", _read_docx, (".docx",),
        ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",), claims=is_docx,
    ),
}
AUTO = "auto"  # no extension we know: sniffed from the bytes
_AUTO_DESCRIPTION = "a text document"
# generic XML media types: a feed, unless the body is plainly an HTML page
_GENERIC_XML = frozenset({"application/xml", "text/xml"})
_BY_MEDIA_TYPE = {media: kind for kind, fmt in FORMATS.items() for media in fmt.media_types}
MEDIA_TYPES: frozenset[str] = frozenset(_BY_MEDIA_TYPE)


def kind_for_extension(suffix: str) -> str:
    """The format kind a file extension selects (``AUTO`` when none does)."""
    suffix = suffix.lower()
    for kind, fmt in FORMATS.items():
        if suffix in fmt.extensions:
            return kind
    return AUTO


def claimed_kind(data: bytes) -> str | None:
    """The kind of a format that recognises ``data`` by its bytes (PDF, DOCX), else None."""
    for kind, fmt in FORMATS.items():
        if fmt.claims is not None and fmt.claims(data):
            return kind
    return None


def kind_for_download(body: bytes, content_type: str | None) -> str:
    """The kind of a downloaded body: its own bytes first, then markup sniffing, then the media type."""
    claimed = claimed_kind(body)
    if claimed:
        return claimed
    sniffed = sniff_markup(body)
    by_type = _BY_MEDIA_TYPE.get(content_type or "")
    if sniffed == "feed" or (by_type == "feed" and not (content_type in _GENERIC_XML and sniffed == "html")):
        return "feed"
    if sniffed == "html":
        return "html"
    return by_type or "text"


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
    """Documents from the bytes of one input of ``kind`` (a key of FORMATS, or "auto").

    Raises InputError (naming ``origin``) when the bytes are not that kind of document;
    a feed yields one document, or one error, per entry.
    """
    source = Source(origin, settings or Settings(), path=path, url=url, declared=declared, follow=follow)
    claimed = claimed_kind(data)
    if claimed is None:
        what = binary_kind(data)
        if what:
            expected = FORMATS[kind].description if kind in FORMATS else _AUTO_DESCRIPTION
            raise InputError(origin, f"is {what}, not {expected}")
    if claimed:
        kind = claimed
    elif kind == AUTO:
        sniffed = sniff_markup(data)
        kind = sniffed if sniffed in ("feed", "html") else "text"
    if kind not in FORMATS:
        raise ValueError(f"unknown input kind {kind!r}; known: {', '.join(FORMATS)}")
    yield from FORMATS[kind].read(data, source)


def read_url(url: str, origin: str, *, follow: bool, settings: Settings) -> Iterator[RawDocument | InputError]:
    """Fetch ``url`` (see :func:`detente.ingest.fetch.fetch`) and read the body as what it is."""
    result = fetch(url, settings)
    if not result.body:
        raise InputError(origin, "the server sent an empty body")
    kind = kind_for_download(result.body, result.content_type)
    yield from read_bytes(
        result.body, origin, kind=kind, url=result.url_final, declared=result.encoding, follow=follow, settings=settings
    )
