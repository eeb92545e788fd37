"""Bytes to clean text: format sniffing, decoding, normalisation, light Markdown stripping.

Decoding policy (why): a wrong guess silently corrupts names and quotes, which then
flow into the knowledge graph as different actors.  So we decode in order of
certainty and refuse rather than guess:

1. a byte-order mark (UTF-8, UTF-16, UTF-32) — certain;
2. strict UTF-8 — invalid UTF-8 is very unlikely to decode by accident;
3. a charset the input itself declares (HTTP ``Content-Type``, HTML ``<meta charset>``,
   XML declaration) — the publisher's word;
4. ``charset_normalizer`` detection, accepted only when confident: no "mess" in the
   decoded text, a language-coherence score of at least 50 %, and every candidate that
   scores as well decodes to the same text.  Undeclared Latin-1/CP-125x text usually
   fails the last test (cp1252 and cp1250 score the same on French but disagree on
   è/č) and is reported as an error that tells the user to re-save as UTF-8; a
   single-byte Cyrillic or a double-byte CJK file is usually detected.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from charset_normalizer import from_bytes

# (magic prefix, description) for formats that are certainly not text documents.
# Checked before decoding, but only after the binary formats detente reads (PDF, DOCX:
# see detente.ingest.kinds) had the chance to claim the bytes; a file of any extension
# that starts with one of these and is not claimed is refused.
BINARY_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"RIFF", "a RIFF (WebP/WAV/AVI) file"),
    (b"PK\x03\x04", "a ZIP archive (not a DOCX document)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"SQLite format 3\x00", "an SQLite database"),
)

_BOMS: tuple[tuple[bytes, str], ...] = (
    # UTF-32 first: its little-endian BOM starts with the UTF-16 one.
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

_SNIFF_BYTES = 4096
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_XML_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
# Confidence gates for charset detection (see module docstring).
_MAX_CHAOS = 0.0
_MIN_COHERENCE = 0.5


class DecodeError(ValueError):
    """The bytes are not text we can decode with confidence; the message says why."""


def bom_encoding(data: bytes) -> str | None:
    """The codec named by a leading byte-order mark, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def binary_kind(data: bytes) -> str | None:
    """Describe ``data`` if it is certainly not text ("a PNG image"), else None."""
    for magic, what in BINARY_SIGNATURES:
        if data.startswith(magic):
            return what
    if bom_encoding(data) is None and b"\x00" in data[:_SNIFF_BYTES]:
        # NUL never occurs in text outside UTF-16/32, which we only accept with a BOM.
        return "binary data (it contains NUL bytes)"
    return None


def sniff_markup(data: bytes) -> str | None:
    """Guess "feed", "html" or "json" from the first bytes of a text document, else None."""
    head = data[:_SNIFF_BYTES]
    enc = bom_encoding(head)
    if enc and enc != "utf-8-sig":
        head = head.decode(enc, errors="ignore").encode("utf-8")
    head = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    # skip an XML declaration and comments so we look at the root element
    body = re.sub(rb"^(<\?xml[^>]*\?>\s*|<!--.*?-->\s*)+", b"", head, flags=re.DOTALL)
    if re.match(rb"<(rss|feed|rdf:rdf)\b", body) or re.search(rb"<(rss|feed)[\s>]", body[:512]):
        return "feed"
    if re.match(rb"<(!doctype\s+html|html|head|body|article|div|p)\b", body):
        return "html"
    if head[:1] in (b"{", b"["):
        return "json"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML ``<meta>`` or XML declaration names in the first bytes, if valid."""
    head = data[:_SNIFF_BYTES]
    match = _XML_ENCODING.search(head) or _META_CHARSET.search(head)
    if not match:
        return None
    return valid_codec(match.group(1).decode("ascii", errors="ignore"))


def valid_codec(name: str | None) -> str | None:
    """Python's codec name for a charset label, or None when unknown."""
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` to text and name the codec used; raise DecodeError when unsure.

    ``declared`` is a charset the transport announced (an HTTP header); one found in
    the document itself is used too.  See the module docstring for the order.
    """
    enc = bom_encoding(data)
    if enc:
        try:
            return data.decode(enc), enc
        except UnicodeDecodeError as exc:
            raise DecodeError(f"starts with a {enc} byte-order mark but is not valid {enc}: {exc.reason}") from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    for name in (valid_codec(declared), declared_charset(data)):
        if name and name != "utf-8":
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                continue
    matches = list(from_bytes(data))
    best = matches[0] if matches else None
    if best is not None and best.chaos <= _MAX_CHAOS and best.coherence >= _MIN_COHERENCE:
        # candidates that score exactly as well are equally likely; accept only if they agree
        tied = [m for m in matches if m.chaos == best.chaos and abs(m.coherence - best.coherence) < 1e-6]
        readings = {str(m) for m in tied}
        if len(readings) == 1:
            return str(best), best.encoding
        guess = f" (it could be any of {', '.join(m.encoding for m in tied)})"
    elif best is not None:
        guess = f" (best guess {best.encoding}, not confident)"
    else:
        guess = ""
    raise DecodeError(
        f"is not valid UTF-8 (byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) and its "
        f"encoding could not be detected with confidence{guess}; re-save it as UTF-8"
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_text(text: str) -> str:
    """NFC, Unix newlines, no stray control characters, no outer whitespace."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _CONTROL.sub("", text)
    return text.strip()


# Light Markdown stripping: each rule is (pattern, replacement), applied in order.
# Images go before links (an image is a link with "!"), code fences before inline code.
_MARKDOWN_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"<!--.*?-->", re.DOTALL), ""),
    (re.compile(r"^\s{0,3}(```|~~~).*$", re.MULTILINE), ""),
    (re.compile(r"^\s{0,3}\[[^\]\n]+\]:\s*\S+.*$", re.MULTILINE), ""),  # reference definitions
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),  # inline images
    (re.compile(r"!\[[^\]\n]*\]\[[^\]\n]*\]"), ""),  # reference images
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"^\s{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$", re.MULTILINE), r"\1"),  # ATX headings
    (re.compile(r"^\s{0,3}(=+|-{2,})[ \t]*$", re.MULTILINE), ""),  # setext underlines / rules
    (re.compile(r"^\s{0,3}([-*_])([ \t]*\1){2,}[ \t]*$", re.MULTILINE), ""),  # horizontal rules
    (re.compile(r"^\s{0,3}>[ \t]?", re.MULTILINE), ""),  # blockquote markers
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis *x*
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),  # emphasis _x_ (not snake_case)
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
)


def strip_markdown(text: str) -> str:
    """Remove Markdown markup lightly, keeping the words: headings, emphasis, links, images."""
    for pattern, repl in _MARKDOWN_RULES:
        text = pattern.sub(repl, text)
    return re.sub(r"\n{3,}", "\n\n", text)


# C0 and C1 controls, DEL, and the bidirectional overrides that can reorder a terminal line
_UNPRINTABLE = re.compile(r"[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def printable(name: str) -> str:
    """``name`` with control characters escaped (``\\x1b``), safe to print in a terminal or a log.

    File names and URLs are chosen by whoever made the input; printed raw, an escape
    sequence in one could retitle the terminal, clear it or hide the following text.
    """
    return _UNPRINTABLE.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), name)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Split a leading YAML front-matter block (``---`` ... ``---``) from Markdown text."""
    match = re.match(r"\A---[ \t]*\n(.*?\n)(---|\.\.\.)[ \t]*(\n|\Z)", text, re.DOTALL)
    if not match:
        return None, text
    return match.group(1), text[match.end() :]
