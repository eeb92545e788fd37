"""Long documents (issue #16, item 3): chunked in linear time, offsets into the whole text kept.

A report of hundreds of pages is parsed and extracted in paragraph-aligned chunks
(:mod:`detente.chunking`).  The memory-bounded case runs in a child process under
``RLIMIT_AS``, so a regression to whole-text parsing fails the test instead of the
machine.  Speed is measured in ``benchmarks/bench_long.py``, not here.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from detente.chunking import merge, split
from detente.model import Document, Extraction
from detente.pipeline import Pipeline
from detente.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
# Address space for the child: extracting the long document below in chunks peaks at
# ~630 MB of it (spaCy, the model and the actor base included); parsed whole, at ~1.35 GB.
MEMORY_LIMIT = 1_100_000_000

STATES = ("France", "Germany", "Japan", "India", "Brazil", "Canada", "Kenya", "Mexico")
MONTHS = ("January", "March", "May", "July", "September", "November")
# Our own sentences, in the shape of a long report's paragraphs: states acting on each
# other, dates, figures and a quote, so that every kind of record is found.
PARAGRAPH = (
    "{a} and {b} signed an agreement on fishing rights in Geneva on {month} {day}, {year}, "
    "the two foreign ministries said. {b} pledged {n} million dollars in aid to {a} for the "
    "reconstruction of its northern ports.\n"
    "\"We will not accept threats against our sailors,\" the defence minister of {a} told "
    "reporters on {month} {day2}. {a} accused {b} of sending about {k} troops to the border "
    "region, and {b} rejected the accusation the next day.\n"
)


def long_text(chars: int) -> str:
    """A report of at least ``chars`` characters, paragraphs varied by a counter."""
    parts: list[str] = []
    size, i = 0, 0
    while size < chars:
        a, b = STATES[i % len(STATES)], STATES[(3 * i + 1) % len(STATES)]
        part = PARAGRAPH.format(a=a, b=b, month=MONTHS[i % len(MONTHS)], day=1 + i % 27, day2=2 + i % 26,
                                year=1990 + i % 35, n=10 + i % 90, k=100 * (1 + i % 50))
        parts.append(part)
        size += len(part)
        i += 1
    return "".join(parts)


def spans_of(ex: Extraction) -> Iterator[tuple[str, int, int, str, str]]:
    """(what, start, end, text, document) of every offset-carrying record in an extraction."""
    for m in ex.actor_mentions:
        yield "actor mention", m.start, m.end, m.text, m.document
    for t in ex.times:
        yield "time", t.start, t.end, t.text, t.document
    for what, items in (("actor", ex.actors), ("event", ex.events), ("quantity", ex.quantities),
                        ("claim", ex.claims), ("position", ex.positions)):
        for item in items:
            for m in item.mentions:
                yield what, m.start, m.end, m.text, m.document


# --- chunk boundaries ------------------------------------------------------------------------


def test_chunk_boundaries_fall_on_paragraph_breaks() -> None:
    text = long_text(50_000)
    spans = split(text, 4_000)
    assert len(spans) > 12
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end == start  # contiguous: nothing lost, nothing read twice
        assert text[end - 1] == "\n"  # each chunk ends with its paragraph
    assert all(end - start <= 4_000 for start, end in spans)


def test_a_paragraph_longer_than_a_chunk_is_cut_at_sentence_ends_then_spaces() -> None:
    sentences = "The envoys met again in the capital. " * 400  # one paragraph, no line break
    spans = split(sentences, 1_000)
    assert len(spans) > 10 and all(end - start <= 1_000 for start, end in spans)
    assert all(sentences[:end].endswith(". ") for _, end in spans[:-1])
    words = "envoys " * 1_000
    assert all(words[:end].endswith(" ") for _, end in split(words, 500)[:-1])
    blob = "x" * 2_500  # no whitespace at all: cut at the size
    assert split(blob, 1_000) == [(0, 1_000), (1_000, 2_000), (2_000, 2_500)]


def test_a_text_of_at_most_one_chunk_is_one_span() -> None:
    assert split("", 10) == [(0, 0)]
    assert split("a" * 10, 10) == [(0, 10)]
    assert split("a\n" * 6, 10) != [(0, 12)]


# --- the pipeline on long text ---------------------------------------------------------------


@pytest.fixture(scope="module")
def small_chunks() -> Pipeline:
    return Pipeline(Settings(chunk_chars=1_500))


def test_chunked_extraction_keeps_whole_text_offsets_ids_and_actors(small_chunks: Pipeline) -> None:
    text = long_text(6_000)
    document = Document(id="report", text=text, published="2024-06-01")
    (ex,) = small_chunks.process([document])
    assert len(split(text, 1_500)) >= 4
    spans = list(spans_of(ex))
    assert {what for what, *_ in spans} >= {"actor mention", "time", "actor", "event", "quantity", "claim"}
    for what, start, end, found, doc in spans:
        assert text[start:end] == found, (what, start, end, found)
        assert doc == "report"
    assert max(start for _, start, *_ in spans) > 4_500  # the last chunks were moved, not left at 0
    for items in (ex.events, ex.quantities, ex.claims):
        ids = [x.id for x in items]
        assert len(ids) == len(set(ids))
    actor_ids = [a.id for a in ex.actors]
    assert actor_ids == sorted(set(actor_ids))  # one record per actor across chunks
    france = next(a for a in ex.actors if a.name == "France")
    assert {m.start // 1_500 for m in france.mentions} != {0}  # mentions of several chunks joined


def test_a_short_document_is_not_chunked(small_chunks: Pipeline) -> None:
    text = long_text(1)  # one paragraph pair, under 1,500 characters
    assert len(text) <= 1_500
    document = Document(id="short", text=text, published="2024-06-01")
    (chunked_setting,) = small_chunks.process([document])
    (default,) = Pipeline(Settings()).process([document])
    assert chunked_setting == default


def test_merge_moves_every_offset_and_leaves_the_chunks_alone(small_chunks: Pipeline) -> None:
    text = long_text(3_000)
    document = Document(id="report", text=text, published="2024-06-01")
    (start, end), *_ = split(text, 1_500)
    (first,) = small_chunks.process([Document(id="report", text=text[start:end], published="2024-06-01")])
    before = [(m.start, m.end) for m in first.actor_mentions]
    merged = merge(document, [(0, first), (1_000, first)])
    assert [(m.start, m.end) for m in first.actor_mentions] == before
    assert [m.start for m in merged.actor_mentions] == [s for s, _ in before] + [s + 1_000 for s, _ in before]
    assert len(merged.events) == 2 * len(first.events)


def test_a_text_longer_than_spacy_max_length_is_extracted(small_chunks: Pipeline) -> None:
    text = long_text(8_000)
    saved = small_chunks.nlp.max_length
    small_chunks.nlp.max_length = 5_000  # spaCy would refuse the whole text with E088
    try:
        (ex,) = small_chunks.process([Document(id="long", text=text, published="2024-06-01")])
    finally:
        small_chunks.nlp.max_length = saved
    assert ex.events and all(text[s:e] == t for _, s, e, t, _ in spans_of(ex))
    assert max(m.end for m in ex.actor_mentions) > 7_000


def test_a_long_document_is_ingested_in_bounded_memory_with_every_offset_right(tmp_path: Path) -> None:
    """~300 KB through ``detente.ingest`` (read, extract, store, fuse) under RLIMIT_AS, then every
    stored record's offsets checked against the stored text."""
    path = tmp_path / "report.txt"
    path.write_text(long_text(300_000), encoding="utf-8")
    code = f"""
        import json, resource
        resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_LIMIT}, {MEMORY_LIMIT}))
        from detente.orchestrate import ingest
        from detente.store import Store
        from detente.export import export_data
        with Store({str(tmp_path / "s.db")!r}) as store:
            report = ingest([{str(path)!r}], store)
            data = export_data(store)
        print(json.dumps({{"ok": report.ok, "errors": [str(e) for e in report.errors], "data": data}}))
    """
    proc = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          timeout=1_500, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr[-2000:]
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    assert out["ok"], out["errors"]
    data = out["data"]
    (doc,) = data["documents"]
    text = doc["text"]
    assert text == path.read_text(encoding="utf-8").strip()  # the reader trims the ends
    mentions = [m for key in ("events", "quantities", "claims", "actors") for x in data[key]
                for m in x.get("mentions", [])] + data["times"]
    assert len(mentions) > 1_000 and max(m["end"] for m in mentions) > 290_000
    for m in mentions:
        assert m["document"] == doc["id"] and text[m["start"]:m["end"]] == m["text"], m
