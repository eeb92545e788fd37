"""Hostile and unusual inputs: special files, YAML bombs, reused ids, raw control characters,
slow headers, exports to pipes and devices, the install, PDF and DOCX (issue #16).

Cases that could eat the machine's memory (special files, alias bombs) run in a child
Python under an address-space limit, so a regression fails the test instead of the host.
"""

from __future__ import annotations

import io
import json
import os
import socket
import stat
import subprocess
import sys
import textwrap
import threading
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from detente import Store, ingest
from detente.cli import main
from detente.errors import InputError
from detente.export import export
from detente.ingest import RawDocument, fetch, read_bytes, read_inputs
from detente.pipeline import Pipeline
from detente.settings import Settings
from tests.conftest import make_extraction
from tests.ingest.documents import docx_paragraph, make_docx, make_pdf

ROOT = Path(__file__).resolve().parents[2]
MEMORY_LIMIT = 1536 * 1024 * 1024  # bytes of address space for the child: imports fit, a runaway read does not


def run_bounded(code: str, *, timeout: float = 90.0) -> list[dict[str, str]]:
    """Run ``code`` in a child Python limited to MEMORY_LIMIT; it prints one JSON list of results.

    ``code`` sees ``report(results)``, which prints what ``read_inputs``/``read_bytes`` gave
    as ``{"doc": text}`` or ``{"error": str(error)}``.
    """
    prelude = textwrap.dedent(
        f"""
        import json, resource, sys
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))
        from detente.errors import InputError
        from detente.ingest import RawDocument, read_bytes, read_inputs
        from detente.settings import Settings

        def report(results):
            out = []
            for r in results:
                out.append({{"doc": r.text}} if isinstance(r, RawDocument) else {{"error": str(r)}})
            print(json.dumps(out))
        """
    )
    proc = subprocess.run(
        [sys.executable, "-c", prelude + textwrap.dedent(code)],
        capture_output=True, text=True, timeout=timeout, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _settings(**kw: object) -> Settings:
    return Settings(db=":memory:", **kw)  # type: ignore[arg-type]


def _read(inputs: list[str], **kw: object) -> list[RawDocument | InputError]:
    return list(read_inputs(inputs, settings=_settings(**kw)))


# --- 1. special files --------------------------------------------------------------------------


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_character_device_is_refused_not_read(device: str) -> None:
    out = run_bounded(f"report(read_inputs([{device!r}]))")
    assert len(out) == 1 and "error" in out[0], out
    assert "not a regular file" in out[0]["error"] and device in out[0]["error"]


def test_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    out = run_bounded(f"report(read_inputs([{str(fifo)!r}]))", timeout=60)
    assert len(out) == 1 and "not a regular file" in out[0]["error"], out


def test_manifest_listing_special_files_keeps_its_good_lines(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    lines = [
        {"text": "The first line is a plain article about a border agreement."},
        {"path": "/dev/zero"},
        {"path": str(fifo)},
        {"text": "The last line is another article about river treaties."},
    ]
    manifest = tmp_path / "m.jsonl"
    manifest.write_text("\n".join(json.dumps(x) for x in lines) + "\n", encoding="utf-8")
    out = run_bounded(f"report(read_inputs([{str(manifest)!r}]))", timeout=60)
    assert [next(iter(r)) for r in out] == ["doc", "error", "error", "doc"], out
    assert "m.jsonl:2" in out[1]["error"] and "not a regular file" in out[1]["error"]
    assert "m.jsonl:3" in out[2]["error"] and "not a regular file" in out[2]["error"]


def test_manifest_that_is_a_fifo_is_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "list.jsonl"
    os.mkfifo(fifo)
    out = run_bounded(f"report(read_inputs([{str(fifo)!r}]))", timeout=60)
    assert len(out) == 1 and "not a regular file" in out[0]["error"], out


def test_folder_with_a_fifo_reads_the_rest(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("An ordinary article about a port visit.", encoding="utf-8")
    os.mkfifo(tmp_path / "b.txt")
    out = run_bounded(f"report(read_inputs([{str(tmp_path)!r}]))", timeout=60)
    assert [next(iter(r)) for r in out] == ["doc", "error"], out
    assert "b.txt" in out[1]["error"]


# --- 2. YAML in Markdown front matter --------------------------------------------------------


def _alias_bomb(levels: int = 9) -> bytes:
    lines = ['a0: &a0 ["x","x","x","x","x","x","x","x","x"]']
    for i in range(1, levels + 1):
        lines.append(f"a{i}: &a{i} [" + ",".join([f"*a{i - 1}"] * 9) + "]")
    lines.append(f"authors: *a{levels}")
    return ("---\n" + "\n".join(lines) + "\n---\n\nThe body of a short note.\n").encode()


def test_front_matter_alias_bomb_is_refused_in_bounded_memory() -> None:
    out = run_bounded(f"""
        try:
            report(read_bytes({_alias_bomb()!r}, "bomb.md", kind="markdown"))
        except InputError as exc:
            report([exc])
    """)
    assert len(out) == 1 and "error" in out[0], out
    assert "alias" in out[0]["error"] and "bomb.md" in out[0]["error"]
    assert len(out[0]["error"]) < 300


def test_front_matter_larger_than_its_limit_is_an_error() -> None:
    front = "title: t\n" + "".join(f"k{i}: {'v' * 60}\n" for i in range(2000))
    with pytest.raises(InputError, match="front matter"):
        list(read_bytes(f"---\n{front}---\n\nBody text here.".encode(), "big.md", kind="markdown"))


def test_metadata_errors_never_print_an_unbounded_value() -> None:
    front = "authors: [" + ", ".join(["[1, 2, 3, 4, 5, 6, 7, 8]"] * 3000) + "]\n"
    with pytest.raises(InputError) as info:
        list(read_bytes(f"---\n{front}---\n\nBody text here.".encode(), "long.md", kind="markdown"))
    assert len(str(info.value)) < 300 and "authors" in str(info.value)


# --- 10. a stored id given again with a different text ----------------------------------------


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


FIRST = "Chile and Peru agreed on Monday to reopen the border crossing at Chacalluta."
SECOND = "Chile and Peru postponed on Friday the reopening of the border crossing."


def _manifest(path: Path, *entries: dict[str, str]) -> str:
    path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    return str(path)


def test_stored_id_with_different_text_is_an_error_naming_the_id(tmp_path: Path, pipeline: Pipeline) -> None:
    with Store(tmp_path / "s.db") as store:
        first = ingest([_manifest(tmp_path / "a.jsonl", {"id": "brief-7", "text": FIRST})], store, pipeline=pipeline)
        assert first.added == ["brief-7"]
        same = ingest([_manifest(tmp_path / "b.jsonl", {"id": "brief-7", "text": FIRST})], store, pipeline=pipeline)
        assert same.skipped == ["brief-7"] and same.ok
        changed = ingest([_manifest(tmp_path / "c.jsonl", {"id": "brief-7", "text": SECOND})], store, pipeline=pipeline)
        assert changed.skipped == [] and not changed.ok
        (error,) = changed.errors
        assert "brief-7" in str(error) and "different text" in str(error)
        stored = store.get_document("brief-7")
        assert stored is not None and stored.text == FIRST


def test_one_manifest_giving_an_id_twice_with_different_texts(tmp_path: Path, pipeline: Pipeline) -> None:
    manifest = _manifest(tmp_path / "m.jsonl", {"id": "n1", "text": FIRST}, {"id": "n1", "text": SECOND})
    with Store(tmp_path / "s.db") as store:
        report = ingest([manifest], store, pipeline=pipeline)
        assert report.added == ["n1"] and len(report.errors) == 1
        assert "n1" in str(report.errors[0]) and "m.jsonl:2" in str(report.errors[0])


# --- 12. control characters in names; the fetch deadline covers the headers ------------------

ESCAPE = "\x1b]0;pwned\x07\x1b[2J"


def _no_control(text: str) -> bool:
    return not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in text)


def test_control_characters_in_file_names_are_escaped(tmp_path: Path) -> None:
    missing = tmp_path / f"gone{ESCAPE}.txt"
    empty = tmp_path / f"empty{ESCAPE}.txt"
    empty.write_bytes(b"")
    folder = tmp_path / "dir"
    folder.mkdir()
    (folder / f"bin{ESCAPE}.txt").write_bytes(b"\x00\x01binary")
    manifest = _manifest(tmp_path / "m.jsonl", {"path": str(missing)}, {"path": str(empty)})
    results = _read([str(missing), str(empty), str(folder), manifest])
    messages = [str(r) for r in results]
    assert len(messages) == 5 and all(isinstance(r, InputError) for r in results), messages
    for message in messages:
        assert _no_control(message), repr(message)
        assert "\\x1b" in message, message


def test_cli_prints_escaped_names(tmp_path: Path) -> None:
    bad = tmp_path / f"x{ESCAPE}.txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "ingest", str(bad)])
    assert result.exit_code == 1
    assert "\x1b]0;" not in result.output and "\\x1b" in result.output


def test_cli_prints_file_names_with_brackets_as_they_are(tmp_path: Path) -> None:
    # "[bold]" and "[red]" are rich markup: a name must be printed as text, not interpreted
    bad = tmp_path / "notes [bold] v2 [red].txt"
    bad.write_bytes(b"")
    result = CliRunner().invoke(main, ["--db", str(tmp_path / "s.db"), "ingest", str(bad)])
    assert result.exit_code == 1
    assert "notes [bold] v2 [red].txt: is empty" in " ".join(result.output.split())


@pytest.fixture
def dripping_server() -> Iterator[str]:
    """A socket server that sends one header line every 0.2 s for 15 s, then a body."""
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    stop = threading.Event()

    def serve() -> None:
        listener.settimeout(0.2)
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except TimeoutError:
                continue
            with conn:
                try:
                    conn.recv(4096)
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n")
                    for i in range(75):
                        if stop.is_set():
                            return
                        conn.sendall(f"X-Drip-{i}: {i}\r\n".encode())
                        time.sleep(0.2)
                    conn.sendall(b"Content-Length: 5\r\n\r\nlater")
                except OSError:
                    continue

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{listener.getsockname()[1]}/slow-headers"
    stop.set()
    thread.join(5)
    listener.close()


def test_fetch_deadline_covers_slowly_arriving_headers(dripping_server: str) -> None:
    settings = _settings(fetch_timeout=1.0, allow_private_urls=True)
    started = time.monotonic()
    with pytest.raises(InputError, match="timed out after 1 s"):
        fetch(dripping_server, settings)
    # the server would go on for 15 s; the deadline (1 s) must end it long before
    assert time.monotonic() - started < 6


# --- 13. export to pipes, devices and standard output ------------------------------------------


def _drain(path: Path, into: list[bytes]) -> threading.Thread:
    def read() -> None:
        with open(path, "rb") as fh:
            into.append(fh.read())

    thread = threading.Thread(target=read, daemon=True)
    thread.start()
    return thread


def test_export_to_a_fifo_writes_into_it(tmp_path: Path) -> None:
    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = _drain(fifo, got)
    with Store(":memory:") as store:
        store.add(make_extraction(), content_hash="h1")
        export(store, "jsonl", str(fifo))
    reader.join(10)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode), "the FIFO was replaced"
    assert got and json.loads(got[0].splitlines()[0]) == {"schema": "detente/1"}
    assert not (tmp_path / "out.fifo.partial").exists()


def test_export_through_a_symlink_to_a_fifo_keeps_the_link(tmp_path: Path) -> None:
    fifo = tmp_path / "real.fifo"
    os.mkfifo(fifo)
    link = tmp_path / "stdout-like"
    link.symlink_to(fifo)
    got: list[bytes] = []
    reader = _drain(fifo, got)
    with Store(":memory:") as store:
        store.add(make_extraction(), content_hash="h1")
        export(store, "json", str(link))
    reader.join(10)
    assert link.is_symlink() and stat.S_ISFIFO(os.stat(fifo).st_mode)
    assert json.loads(got[0])["schema"] == "detente/1"


def test_export_dash_means_standard_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = str(tmp_path / "s.db")
    with Store(db) as store:
        store.add(make_extraction(), content_hash="h1")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["--db", db, "export", "--format", "jsonl", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output.splitlines()[0]) == {"schema": "detente/1"}
    assert not (tmp_path / "-").exists()


def test_export_to_a_regular_file_is_still_atomic(tmp_path: Path) -> None:
    target = tmp_path / "graph.json"
    target.write_text("old", encoding="utf-8")
    with Store(":memory:") as store:
        store.add(make_extraction(), content_hash="h1")
        export(store, "json", str(target))
    assert json.loads(target.read_text(encoding="utf-8"))["schema"] == "detente/1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.json"]


# --- 14. the install: lxml_html_clean declared directly ----------------------------------------


def test_lxml_html_clean_is_a_direct_dependency() -> None:
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    names = {d.split(">")[0].split("=")[0].split("<")[0].split("[")[0].strip().lower().replace("-", "_") for d in deps}
    assert "lxml_html_clean" in names
    assert "pypdf" in names


# --- 15. PDF and DOCX ------------------------------------------------------------------------


def _pdf_file(tmp_path: Path, pages: list[list[str]], name: str = "report.pdf") -> Path:
    path = tmp_path / name
    path.write_bytes(make_pdf(pages))
    return path


def test_pdf_text_layer_pages_become_paragraphs(tmp_path: Path) -> None:
    path = _pdf_file(tmp_path, [
        ["Ministers from Kenya and Ethiopia met in Nairobi", "on Tuesday to discuss water sharing."],
        ["A second round of talks is planned for June."],
    ])
    (doc,) = _read([str(path)])
    assert isinstance(doc, RawDocument), doc
    assert doc.text == (
        "Ministers from Kenya and Ethiopia met in Nairobi on Tuesday to discuss water sharing.\n\n"
        "A second round of talks is planned for June."
    )
    assert doc.path == str(path)


def test_pdf_is_recognised_by_its_bytes_whatever_the_name(tmp_path: Path) -> None:
    path = _pdf_file(tmp_path, [["Delegates signed the accord in Geneva."]], name="download")
    (doc,) = _read([str(path)])
    assert isinstance(doc, RawDocument) and doc.text == "Delegates signed the accord in Geneva."


def test_encrypted_pdf_is_a_clear_error(tmp_path: Path) -> None:
    import pypdf

    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(make_pdf([["Secret text."]]))))
    writer.encrypt("a-password", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as fh:
        writer.write(fh)
    (err,) = _read([str(path)])
    assert isinstance(err, InputError) and "locked.pdf" in str(err)
    assert "password" in err.message and "\n" not in str(err)


def test_image_only_pdf_is_a_clear_error(tmp_path: Path) -> None:
    (err,) = _read([str(_pdf_file(tmp_path, [[], []], name="scan.pdf"))])
    assert isinstance(err, InputError) and "scan.pdf" in str(err)
    assert "no text layer" in err.message and "\n" not in str(err)


def test_broken_pdf_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R\nthis is not a pdf body\n")
    (err,) = _read([str(path)])
    assert isinstance(err, InputError) and "broken.pdf" in str(err)
    assert "PDF that cannot be read" in err.message and "re-save" in err.message and "\n" not in str(err)


def test_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    body = (
        docx_paragraph("Talks between ", "Serbia and Kosovo", " resumed in Brussels.")
        + "<w:p/>"
        + docx_paragraph("The envoys agreed to meet again.")
        + "<w:tbl><w:tr><w:tc>" + docx_paragraph("Cell text") + "</w:tc></w:tr></w:tbl>"
    )
    path = tmp_path / "note.docx"
    path.write_bytes(make_docx(body))
    (doc,) = _read([str(path)])
    assert isinstance(doc, RawDocument), doc
    assert doc.text == (
        "Talks between Serbia and Kosovo resumed in Brussels.\n\nThe envoys agreed to meet again.\n\nCell text"
    )


def test_zip_that_is_not_a_docx_is_refused(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "archive.txt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("readme.txt", "hello")
    (err,) = _read([str(path)])
    assert isinstance(err, InputError) and "ZIP archive" in err.message


def test_docx_expanding_beyond_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bomb.docx"
    path.write_bytes(make_docx(docx_paragraph("word " * 400_000)))
    assert path.stat().st_size < 50_000
    (err,) = _read([str(path)], max_bytes=200_000)
    assert isinstance(err, InputError) and "limit" in err.message


def test_docx_with_an_entity_declaration_is_not_expanded(tmp_path: Path) -> None:
    import zipfile

    path = tmp_path / "xxe.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", (
            '<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/hostname">]>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
            "<w:p><w:r><w:t>Before &x; after.</w:t></w:r></w:p></w:body></w:document>"
        ))
    results = _read([str(path)])
    host = Path("/etc/hostname").read_text(encoding="utf-8").strip() if Path("/etc/hostname").exists() else None
    for r in results:
        if isinstance(r, RawDocument) and host:
            assert host not in r.text


# --- 3 (timex part). the temporal grammar's overlap check on long texts ------------------------


def _find_by_scanning(text: str) -> list[tuple[int, int, str, dict[str, str]]]:
    """The former overlap check (every kept match scanned per candidate), as the reference."""
    from detente.timex import rules

    g = rules.grammar()
    cands = []
    for p in g.patterns:
        for m in p.regex.finditer(text):
            if p.capitalised and not text.isupper() and not rules._capital_ok(text, m, g):
                continue
            if not rules._plausible_year(text, m, p.name):
                continue
            cands.append((m.start(), m.end(), p.order, m, p))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = []
    chosen = []
    for s, e, _, m, p in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        groups = {k: v for k, v in m.groupdict().items() if v is not None}
        if "t" in groups:
            s, e = m.start("t"), m.end("t")
        chosen.append((s, e, p.name, groups))
    return sorted(chosen, key=lambda x: x[0])


TIME_PARAGRAPHS = [
    "On Tuesday, 4 March 2025, the envoys met for two hours; a second round is due in mid-April.",
    "Between 1998 and 2003 the panel met every six months, most recently last week and again this morning.",
    "THE TALKS RESUMED ON MONDAY AFTER A THREE-WEEK PAUSE SINCE 12 FEBRUARY.",
    "Some 2000 troops left in the spring of 2019; by the end of the decade, the early 1990s seemed far away.",
    "The deadline was moved from May 1 to the first week of June, the 25th anniversary of the accord.",
]


@pytest.mark.parametrize("repeat", [1, 40])
def test_time_matches_unchanged_by_the_linear_overlap_check(repeat: int) -> None:
    from detente.timex.rules import find

    text = "\n\n".join(TIME_PARAGRAPHS * repeat)
    found = [(m.start, m.end, m.pattern.name, m.groups) for m in find(text)]
    assert found == _find_by_scanning(text)
    assert len(found) >= 10 * repeat


def test_upload_of_an_alias_bomb_fails_alone_in_bounded_memory(tmp_path: Path) -> None:
    """POST /api/documents/upload reads through the same reader: a real server, memory-limited."""
    code = f"""
        import json, resource
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT * 2}, {MEMORY_LIMIT * 2}))
        from pathlib import Path
        from tests.api.live import start
        live = start(Path({str(tmp_path / "s.db")!r}), token=None)
        with live.client() as c:
            r = c.post("/api/documents/upload", params={{"wait": "true"}}, headers={{"X-Requested-With": "test"}},
                       files={{"file": ("bomb.md", {_alias_bomb()!r}, "text/markdown")}})
            health = c.get("/api/health").status_code
        print(json.dumps({{"status": r.status_code, "body": r.text, "health": health}}))
        live.stop()
    """
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["health"] == 200
    assert "alias" in out["body"] and "MemoryError" not in out["body"], out


def test_text_that_mentions_the_pdf_header_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "howto.txt"
    path.write_text("Every file of this kind begins with %PDF-1.7 and a binary comment line.", encoding="utf-8")
    (doc,) = _read([str(path)])
    assert isinstance(doc, RawDocument) and doc.text.startswith("Every file")
