"""Decoding, normalisation, Markdown stripping and publication-date parsing."""

from __future__ import annotations

import datetime as dt

import pytest

from detente.ingest.dates import DateError, parse_published, try_published
from detente.ingest.text import (
    DecodeError,
    binary_kind,
    decode_bytes,
    normalise_text,
    sniff_markup,
    strip_markdown,
)


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2024-03-05", "2024-03-05"),
        ("2024-3-5", "2024-03-05"),
        ("2024/03/05", "2024-03-05"),
        ("20240305", "2024-03-05"),
        ("2024-03-05T10:00:00Z", "2024-03-05"),
        ("2024-03-05T23:30:00-05:00", "2024-03-05"),  # the publisher's day, not UTC's
        ("2024-03-05 08:00", "2024-03-05"),
        ("Tue, 05 Mar 2024 23:30:00 -0500", "2024-03-05"),
        ("5 Mar 2024 10:00:00 GMT", "2024-03-05"),
        (dt.date(2024, 3, 5), "2024-03-05"),
        (dt.datetime(2024, 3, 5, 12, 0), "2024-03-05"),
    ],
)
def test_parse_published(value: object, expected: str) -> None:
    assert parse_published(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("2025-02-30", "not a real date"),
        ("2024-13-01", "not a real date"),
        ("2024-03-05T25:00:00", "not a valid date and time"),
        ("Sun, 30 Feb 2025 10:00:00 GMT", "not a real date"),
        ("next Tuesday", "write it as YYYY-MM-DD"),
        ("2024-03", "write it as YYYY-MM-DD"),
        (20240305, "write it as YYYY-MM-DD"),
    ],
)
def test_parse_published_rejects(value: object, message: str) -> None:
    with pytest.raises(DateError, match=message):
        parse_published(value)
    assert try_published(value) is None


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain ascii", "plain ascii"),
        ("ünïcödé".encode(), "ünïcödé"),
        ("\ufeffwith bom".encode(), "with bom"),
        ("utf16 é".encode("utf-16"), "utf16 é"),
        ("utf16be é".encode("utf-16-be").join([b"\xfe\xff", b""]), "utf16be é"),
        ("utf32 é".encode("utf-32"), "utf32 é"),
    ],
)
def test_decode_certain_encodings(data: bytes, expected: str) -> None:
    assert decode_bytes(data)[0] == expected


def test_decode_uses_declared_charset() -> None:
    data = "Genève".encode("latin-1")
    assert decode_bytes(data, "ISO-8859-1") == ("Genève", "iso8859-1")
    html = b'<html><head><meta charset="windows-1252"></head><body>\x93quoted\x94</body></html>'
    assert "\u201cquoted\u201d" in decode_bytes(html)[0]
    xml = b'<?xml version="1.0" encoding="iso-8859-1"?><rss>caf\xe9</rss>'
    assert "café" in decode_bytes(xml)[0]


def test_decode_refuses_to_guess() -> None:
    with pytest.raises(DecodeError, match="re-save it as UTF-8"):
        decode_bytes("Café à Genève.".encode("latin-1"))
    with pytest.raises(DecodeError):
        decode_bytes(bytes(range(128, 256)) * 4)


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"\x89PNG\r\n\x1a\n....", "a PNG image"),
        (b"%PDF-1.7 ...", None),  # PDF is a format detente reads: never refused by the sniff
        (b"PK\x03\x04rest", "a ZIP archive"),
        (b"\xff\xd8\xff\xe0", "a JPEG image"),
        (b"text\x00with nul", "binary data"),
        (b"plain text", None),
        ("utf-16 text".encode("utf-16"), None),  # NULs with a BOM are text
    ],
)
def test_binary_kind(data: bytes, kind: str | None) -> None:
    found = binary_kind(data)
    assert (found is None) if kind is None else (found is not None and found.startswith(kind))


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b'<?xml version="1.0"?>\n<rss version="2.0">', "feed"),
        (b'<?xml version="1.0"?><!-- c --><feed xmlns="http://www.w3.org/2005/Atom">', "feed"),
        (b"<!DOCTYPE html><html>", "html"),
        (b"  <html lang='en'>", "html"),
        (b'{"path": "a.txt"}', "json"),
        (b"Just words.", None),
    ],
)
def test_sniff_markup(data: bytes, kind: str | None) -> None:
    assert sniff_markup(data) == kind


def test_normalise_text() -> None:
    assert normalise_text("  e\u0301t\u00e9\r\nline\rthree\x00\x07\n\n ") == "\u00e9t\u00e9\nline\nthree"


@pytest.mark.parametrize(
    ("markdown", "text"),
    [
        ("## Heading ##", "Heading"),
        ("Title\n=====\nBody", "Title\n\nBody"),
        ("**bold** and __strong__ and *em* and _em_", "bold and strong and em and em"),
        ("a [link](http://x.y/z) here", "a link here"),
        ("a [ref link][1] here\n\n[1]: http://x.y/", "a ref link here"),
        ("before ![alt text](img.png) after", "before  after"),
        ("use `code` here", "use code here"),
        ("> quoted line", "quoted line"),
        ("```python\nprint(1)\n```", "\nprint(1)\n"),
        ("a snake_case_word and 2*3*4", "a snake_case_word and 2*3*4"),
        ("---", ""),
        ("<!-- hidden -->shown", "shown"),
    ],
)
def test_strip_markdown(markdown: str, text: str) -> None:
    assert strip_markdown(markdown).strip() == text.strip()
