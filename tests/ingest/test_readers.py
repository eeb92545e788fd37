"""read_inputs over every input kind, metadata precedence, and every kind of bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from detente.errors import InputError
from detente.ingest import RawDocument, read_inputs
from detente.settings import Settings

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "inputs"


def _settings(**kw: object) -> Settings:
    return Settings(db=":memory:", **kw)  # type: ignore[arg-type]


def read(inputs: list[str], **kw: object) -> list[RawDocument | InputError]:
    settings = kw.pop("settings", None) or _settings()
    return list(read_inputs(inputs, settings=settings, **kw))  # type: ignore[arg-type]


def docs(results: list[RawDocument | InputError]) -> list[RawDocument]:
    return [r for r in results if isinstance(r, RawDocument)]


def errors(results: list[RawDocument | InputError]) -> list[InputError]:
    return [r for r in results if isinstance(r, InputError)]


def one_doc(path: Path | str, **kw: object) -> RawDocument:
    results = read([str(path)], **kw)
    assert len(results) == 1 and isinstance(results[0], RawDocument), results
    return results[0]


def one_error(path: Path | str, **kw: object) -> InputError:
    results = read([str(path)], **kw)
    assert len(results) == 1 and isinstance(results[0], InputError), results
    return results[0]


# --- good inputs -------------------------------------------------------------------------


def test_plain_text() -> None:
    doc = one_doc(FIXTURES / "plain.txt")
    assert doc.text.startswith("Ministers from Norland and Vesterra met")
    assert doc.text.endswith("ended without an agreement.")
    assert "\n\nThe two delegations" in doc.text
    assert doc.origin == str(FIXTURES / "plain.txt")
    assert doc.path == str(FIXTURES / "plain.txt")
    assert (doc.title, doc.published, doc.published_basis, doc.id) == (None, None, "unknown", None)


def test_markdown_front_matter_and_markup_stripped() -> None:
    doc = one_doc(FIXTURES / "article.md")
    assert doc.title == "Commission on the strait holds first session"
    assert doc.source == "Example Gazette"
    assert doc.published == "2024-05-14" and doc.published_basis == "metadata"
    assert doc.authors == ["Ada Lindqvist", "Omar Haddad"]
    text = doc.text
    assert text.startswith("Commission on the strait holds first session\n")
    assert "The joint commission created by" in text  # **bold** removed
    assert "held its first session on Tuesday" in text  # *emphasis* removed
    assert "according to a statement from" in text  # [t](u) -> t
    assert "photo" not in text and "example.org" not in text  # image and URLs gone
    assert "snake_case_name" in text  # underscores inside words are not emphasis
    assert '"We are starting to trust each other,"' in text  # blockquote marker gone
    assert not any(ch in text for ch in "#*>[]")
    assert "---" not in text and "title:" not in text  # front matter is not text


def test_markdown_title_from_heading() -> None:
    doc = one_doc(FIXTURES / "heading.md")
    assert doc.title == "Parliament debates the border budget"
    assert "called the plan too expensive." in doc.text


def test_html_text_and_metadata() -> None:
    doc = one_doc(FIXTURES / "article.html")
    assert doc.title == "Coast guards open a hotline"
    assert doc.source == "Example Herald"
    assert doc.authors == ["Mira Okonkwo"]
    assert doc.published == "2024-06-02" and doc.published_basis == "metadata"
    assert doc.url == "https://herald.example.com/2024/06/hotline"
    assert "switched on a direct telephone line on Sunday" in doc.text
    assert "clearer rules on inspections" in doc.text
    assert "tracking" not in doc.text and "All rights reserved" not in doc.text


def test_malformed_html_still_extracted() -> None:
    doc = one_doc(FIXTURES / "malformed.html")
    assert "went on strike on Friday" in doc.text
    assert "About two hundred workers" in doc.text
    assert "<" not in doc.text


def test_html_declared_charset_is_used() -> None:
    doc = one_doc(FIXTURES / "latin1.html")
    assert doc.title == "Réunion à Genève"
    assert "réunies à Genève" in doc.text


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("utf16.txt", "Le délégué a salué un accord « équilibré » sur la pêche.\nLa séance a duré trois heures."),
        ("bom.txt", "A line with a UTF-8 byte-order mark.\nSecond line."),
        ("nfd.txt", "S\u00e9ance de la commission \u00e0 Gen\u00e8ve."),
    ],
)
def test_text_is_decoded_and_normalised(name: str, expected: str) -> None:
    assert one_doc(FIXTURES / name).text == expected


def test_confident_charset_detection_decodes_cyrillic(tmp_path: Path) -> None:
    text = "Министр иностранных дел встретился с коллегой в Женеве. Делегаты обсудили безопасность и торговлю."
    path = tmp_path / "cyrillic.txt"
    path.write_bytes(text.encode("cp1251"))
    assert one_doc(path).text == text


def test_rss_feed_one_document_per_entry() -> None:
    results = read([str(FIXTURES / "feed.rss")])
    first, second = docs(results)
    assert first.origin == f"{FIXTURES / 'feed.rss'}#1"
    assert first.title == "Trade delegation arrives in Harbour City"
    assert first.url == "https://wire.example.com/trade-delegation"
    assert first.source == "Example Wire"
    assert first.authors == ["Lena Brandt"]
    # the date as the publisher wrote it (-0500), not shifted to UTC (which would be the 6th)
    assert first.published == "2024-03-05" and first.published_basis == "metadata"
    assert first.text.startswith("A trade delegation from Vesterra")
    # full content preferred over a short teaser, HTML removed
    assert second.text == "The main border crossing between Norland and Vesterra reopened on Wednesday after a week of floods.\nTrucks had waited on both sides of the river."
    # the entry with no text is reported, not silently dropped
    (err,) = errors(results)
    assert err.input == f"{FIXTURES / 'feed.rss'}#3" and "no text" in err.message


def test_atom_feed() -> None:
    first, second = docs(read([str(FIXTURES / "feed.atom")]))
    assert first.title == "Analysts expect a new round of talks"
    assert first.authors == ["Priya Raman", "Tomas Berg"]
    assert first.published == "2024-04-09"
    assert first.url == "https://observer.example.org/analysis/talks"
    assert first.source == "Example Observer"
    assert first.text == "Several analysts said a new round of talks between Norland and Vesterra could start before the summer."
    assert second.published == "2024-04-08"  # <updated> when there is no <published>
    assert second.text.startswith("Storms in the strait")


def test_truncated_feed_keeps_readable_entries() -> None:
    results = read([str(FIXTURES / "truncated.rss")])
    assert [d.title for d in docs(results)] == ["Kept item"]


def test_folder_recursive_skips_hidden_and_unsupported() -> None:
    results = read([str(FIXTURES / "folder")])
    assert not errors(results)
    names = [Path(d.origin).relative_to(FIXTURES / "folder").as_posix() for d in docs(results)]
    assert names == ["one.txt", "two.md", "sub/four.txt", "sub/three.html"]
    assert not any("hidden" in d.text or "never be read" in d.text for d in docs(results))


@pytest.mark.parametrize(
    ("glob", "expected"),
    [
        ("*.txt", ["one.txt", "sub/four.txt"]),
        ("*.md,*.html", ["two.md", "sub/three.html"]),
        ("sub/*", ["sub/four.txt", "sub/three.html"]),
        ("**/*.html", ["sub/three.html"]),
        ("*.csv", []),  # unsupported extensions are never read, even when matched
    ],
)
def test_folder_glob(glob: str, expected: list[str]) -> None:
    results = read([str(FIXTURES / "folder")], glob=glob)
    names = [Path(d.origin).relative_to(FIXTURES / "folder").as_posix() for d in docs(results)]
    assert names == expected
    if not expected:
        (err,) = errors(results)
        assert "no files matching *.csv" in err.message


def test_folder_is_read_lazily(tmp_path: Path) -> None:
    for i in range(3):
        (tmp_path / f"{i}.txt").write_text(f"Document number {i} about a harbour.")
    stream = read_inputs([str(tmp_path)], settings=_settings())
    first = next(stream)
    assert isinstance(first, RawDocument) and first.text == "Document number 0 about a harbour."
    # a file that appears after the first was read is still seen: nothing was read ahead
    (tmp_path / "2.txt").write_text("Rewritten before it was read.")
    assert [d.text for d in docs(list(stream))] == ["Document number 1 about a harbour.", "Rewritten before it was read."]


def test_manifest_path_text_and_metadata_precedence() -> None:
    results = read([str(FIXTURES / "manifest.jsonl")])
    assert not errors(results)
    plain, inline, html, md = docs(results)
    manifest = str(FIXTURES / "manifest.jsonl")
    assert [d.origin for d in (plain, inline, html, md)] == [f"{manifest}:{n}" for n in (1, 2, 4, 5)]
    assert plain.id == "doc-plain" and plain.title == "Fishing talks" and plain.source == "Manifest Times"
    assert plain.published == "2024-03-11" and plain.published_basis == "metadata"
    assert plain.authors == ["Kai Moreau"]
    assert plain.path == str(FIXTURES / "plain.txt")  # relative to the manifest's folder
    assert plain.text.startswith("Ministers from Norland")
    assert inline.text.startswith("Inline text given directly") and inline.path is None
    assert inline.published == "2024-03-12"  # ISO datetime converted
    # manifest metadata wins over the page's own; the rest is kept from the page
    assert html.title == "Manifest title wins"
    assert html.url == "https://copy.example.net/hotline"
    assert html.source == "Example Herald" and html.published == "2024-06-02"
    assert md.authors == ["Single Author"] and md.title == "Second note"


def test_manifest_url_line(tmp_path: Path, server, local_settings: Settings) -> None:  # type: ignore[no-untyped-def]
    manifest = tmp_path / "m.jsonl"
    lines = [
        {"url": server.url("/article.html"), "id": "web-1", "source": "Manifest Source"},
        {"url": server.url("/feed.rss")},
        {"url": server.url("/image.png")},
    ]
    manifest.write_text("\n".join(json.dumps(line) for line in lines))
    results = read([str(manifest)], settings=local_settings)
    doc, feed_err, image_err = results
    assert isinstance(doc, RawDocument)
    assert doc.id == "web-1" and doc.source == "Manifest Source" and doc.title == "Coast guards open a hotline"
    assert doc.origin == f"{manifest}:1"
    assert isinstance(feed_err, InputError) and feed_err.input == f"{manifest}:2" and "feed" in feed_err.message
    assert isinstance(image_err, InputError) and image_err.input == f"{manifest}:3"
    assert "not a text document" in image_err.message


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "is not valid JSON"),
        ('["a", "list"]', "must be a JSON object"),
        ('{"title": "no content"}', 'needs one of "path", "text" or "url"'),
        ('{"path": "does-not-exist.txt"}', "does-not-exist.txt: no such file"),
        ('{"path": "plain.txt", "text": "both"}', 'either "path" or "text"'),
        ('{"text": "fine", "publised": "2024-01-01"}', "unknown field(s) publised"),
        ('{"text": "fine", "published": "2025-02-30"}', "is not a real date"),
        ('{"text": "fine", "published": "last week"}', "write it as YYYY-MM-DD"),
        ('{"text": "fine", "authors": [1, 2]}', "list of names"),
        ('{"text": "   "}', "is empty"),
        ('{"path": "empty.txt"}', "empty.txt: is empty"),
        ('{"path": "image.png"}', "image.png: is a PNG image"),
        ('{"path": "feed.rss"}', "list it as its own input"),
        ('{"path": "folder"}', "is a folder"),
    ],
)
def test_manifest_bad_lines(tmp_path: Path, line: str, message: str) -> None:
    manifest = tmp_path / "manifest.jsonl"
    good = json.dumps({"text": "A good first line keeps the file a manifest."})
    manifest.write_text(f"{good}\n\n{line}\n")
    for name in ("plain.txt", "empty.txt", "image.png", "feed.rss"):
        (tmp_path / name).write_bytes((FIXTURES / name).read_bytes())
    (tmp_path / "folder").mkdir()
    first, err = read([str(manifest)])
    assert isinstance(first, RawDocument)
    assert isinstance(err, InputError), err
    assert err.input == f"{manifest}:3"  # blank lines count: the number is the file's line number
    assert message in err.message
    if "date" in message or "YYYY" in message:
        assert err.field == "published"
    assert "\n" not in str(err)


def test_manifest_not_json_is_one_error() -> None:
    err = one_error(FIXTURES / "notjson.jsonl")
    assert "is not a JSON Lines manifest" in err.message


# --- overrides ---------------------------------------------------------------------------


def test_overrides_win_over_everything() -> None:
    overrides = {"title": "Given title", "source": "Given source", "published": "2023-12-31", "author": "Given Author"}
    for path in ("article.html", "manifest.jsonl", "feed.atom"):
        for doc in docs(read([str(FIXTURES / path)], overrides=overrides)):
            assert (doc.title, doc.source, doc.published, doc.authors) == (
                "Given title", "Given source", "2023-12-31", ["Given Author"]
            )
            assert doc.published_basis == "metadata"


def test_override_published_converted_and_none_ignored() -> None:
    doc = one_doc(FIXTURES / "plain.txt", overrides={"published": "Tue, 05 Mar 2024 10:00:00 GMT", "title": None})
    assert doc.published == "2024-03-05" and doc.published_basis == "metadata" and doc.title is None


@pytest.mark.parametrize("value", ["2025-02-30", "2024-13-01", "tomorrow"])
def test_bad_override_date_is_one_error(value: str) -> None:
    results = read([str(FIXTURES / "plain.txt"), str(FIXTURES / "heading.md")], overrides={"published": value})
    (err,) = results
    assert isinstance(err, InputError) and err.field == "published" and value in err.message


def test_unknown_override_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="unknown override"):
        read([str(FIXTURES / "plain.txt")], overrides={"titel": "x"})


# --- bad inputs --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("empty.txt", "is empty"),
        ("blank.txt", "is empty (only whitespace)"),
        ("binary.txt", "is binary data (it contains NUL bytes), not a text file"),
        ("image.png", "is a PNG image, not a text document"),
        ("fake.html", "is a PNG image, not an HTML page"),
        ("notext.html", "no text found in the HTML"),
        ("notafeed.rss", "is not a valid RSS or Atom feed"),
        ("broken.rss", "is a malformed feed with no readable entries"),
        ("noentries.rss", "the feed has no entries"),
        ("notjson.jsonl", "is not a JSON Lines manifest"),
        ("latin1.txt", "could be any of"),
        ("shortlatin1.txt", "re-save it as UTF-8"),
        ("does-not-exist.txt", "no such file or folder"),
    ],
)
def test_bad_file(name: str, message: str) -> None:
    err = one_error(FIXTURES / name)
    assert err.input == str(FIXTURES / name)
    assert message in err.message
    assert "\n" not in str(err) and str(FIXTURES / name) in str(err)


def test_file_larger_than_limit() -> None:
    err = one_error(FIXTURES / "plain.txt", settings=_settings(max_bytes=100))
    assert "more than the limit of 100" in err.message


def test_png_with_no_extension_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "photo"
    path.write_bytes((FIXTURES / "image.png").read_bytes())
    assert "PNG image" in one_error(path).message


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    (tmp_path / "page.php").write_bytes((FIXTURES / "article.html").read_bytes())
    (tmp_path / "feed.cgi").write_bytes((FIXTURES / "feed.atom").read_bytes())
    (tmp_path / "notes.text").write_text("Plain words in a file with an unusual extension.")
    assert one_doc(tmp_path / "page.php").title == "Coast guards open a hotline"
    assert len(docs(read([str(tmp_path / "feed.cgi")]))) == 2
    assert one_doc(tmp_path / "notes.text").text == "Plain words in a file with an unusual extension."


@pytest.mark.parametrize("url", ["ftp://example.com/a.txt", "file:///etc/passwd"])
def test_unsupported_scheme(url: str) -> None:
    err = one_error(url)
    assert err.input == url and "only http and https" in err.message


def test_batch_goes_on_after_errors() -> None:
    inputs = [str(FIXTURES / n) for n in ("empty.txt", "plain.txt", "image.png", "heading.md", "nope.txt")]
    results = read(inputs)
    assert [type(r).__name__ for r in results] == ["InputError", "RawDocument", "InputError", "RawDocument", "InputError"]


def test_folder_errors_name_the_file(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("Good text about a port.")
    (tmp_path / "bad.html").write_bytes((FIXTURES / "image.png").read_bytes())
    results = read([str(tmp_path)])
    assert [d.text for d in docs(results)] == ["Good text about a port."]
    (err,) = errors(results)
    assert err.input == str(tmp_path / "bad.html")


# --- dates from documents ------------------------------------------------------------------


def test_markdown_front_matter_bad_date_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: A note\ndate: 2025-02-30\n---\n\nText of the note.\n")
    err = one_error(path)
    assert err.field == "published" and "2025-02-30" in err.message and err.input == str(path)


def test_html_date_only_from_metadata_not_body_text(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(
        "<html><head><title>Undated</title></head><body><article><p>On 3 March 2021 the envoys met "
        "again, and on 2021-03-04 they signed a short memorandum about river traffic.</p></article></body></html>"
    )
    doc = one_doc(path)
    # dates in the body are left to the pipeline's inference, not passed off as metadata
    assert doc.published is None and doc.published_basis == "unknown"


def test_feed_entry_with_impossible_date_keeps_the_entry(tmp_path: Path) -> None:
    path = tmp_path / "odd.rss"
    path.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Odd</title>'
        "<item><title>A</title><pubDate>Sun, 30 Feb 2025 10:00:00 GMT</pubDate>"
        "<description>Publisher metadata with an impossible date.</description></item></channel></rss>"
    )
    doc = one_doc(path)
    assert doc.published is None and doc.published_basis == "unknown"
    assert doc.text == "Publisher metadata with an impossible date."


PROSE = "<p>On 3 March 2021 the envoys met again, and on 2021-03-04 they signed a memorandum.</p>"


@pytest.mark.parametrize(
    ("head", "body", "expected"),
    [
        ('<meta name="date" content="2024-02-01">', PROSE, "2024-02-01"),
        ('<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-02-02T09:00:00+01:00"}</script>', PROSE, "2024-02-02"),
        ("", '<p class="byline">By A. Writer, <time datetime="2024-02-03">3 Feb</time></p>' + PROSE, "2024-02-03"),
        ("", '<span class="published-date">2024-02-04</span>' + PROSE, "2024-02-04"),
        ("", PROSE, None),
    ],
)
def test_html_published_from_declared_dates(tmp_path: Path, head: str, body: str, expected: str | None) -> None:
    path = tmp_path / "page.html"
    path.write_text(f"<html><head><title>T</title>{head}</head><body><article>{body}</article></body></html>")
    doc = one_doc(path)
    assert doc.published == expected
    assert doc.published_basis == ("metadata" if expected else "unknown")
