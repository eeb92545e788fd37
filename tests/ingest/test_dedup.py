"""Exact-duplicate hashing and MinHash/LSH near-duplicate detection."""

from __future__ import annotations

import pytest

from detente.ingest import NearDuplicateIndex, content_hash, normalise_for_hash

# An original text in our own words, long enough for shingles to be meaningful.
ORIGINAL = (
    "Fishing boats from both countries returned to the northern strait on Thursday after the two "
    "governments signed a temporary arrangement on quotas. The arrangement lets each fleet catch an "
    "agreed share of herring and cod until the end of the season, when a joint commission will review "
    "the numbers. Inspectors from either side may board foreign vessels only in the presence of an "
    "observer from the other coast guard. Fishermen in the harbour towns said they were relieved, "
    "although several complained that the quotas were lower than last year. A spokesperson for the "
    "commission said the first review meeting would take place in the autumn, and that scientists "
    "would present new estimates of the fish stocks. Environmental groups welcomed the observers but "
    "asked for stricter limits on trawling near the spawning grounds. The two foreign ministers are "
    "expected to meet again before the winter to discuss a permanent treaty."
)
# Lightly edited: a wire copy with a changed dateline word, a reworded clause and a typo fix.
EDITED = (
    ORIGINAL.replace("on Thursday", "on Friday")
    .replace("said they were relieved", "said they were very relieved")
    .replace("asked for stricter limits", "called for stricter limits")
)
UNRELATED = (
    "The central bank kept interest rates unchanged at its monthly meeting, citing slower inflation and "
    "weak demand for credit. Economists had expected the decision. The governor said the bank was ready "
    "to act if prices rose again, and warned that energy costs remained uncertain over the winter."
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Hello, World!", "hello world"),
        ("Line one.\r\nLine  two", "line one line two"),
        ("“Quoted” — text", '"quoted" - text'),
        ("Cafe\u0301", "Café"),
        ("STRASSE", "straße"),  # casefold, not lower
    ],
)
def test_exact_hash_ignores_case_space_punctuation(a: str, b: str) -> None:
    assert content_hash(a) == content_hash(b)
    assert len(content_hash(a)) == 64


def test_exact_hash_distinguishes_words() -> None:
    assert content_hash("the talks failed") != content_hash("the talks succeeded")
    assert normalise_for_hash("  A,  b;\nC. ") == "a b c"


def test_lightly_edited_copy_is_found() -> None:
    index = NearDuplicateIndex()
    index.add("orig", ORIGINAL)
    index.add("other", UNRELATED)
    hits = index.query(EDITED)
    assert [doc_id for doc_id, _ in hits] == ["orig"]
    assert hits[0][1] > 0.8


def test_unrelated_text_is_not_found() -> None:
    index = NearDuplicateIndex()
    index.add("orig", ORIGINAL)
    assert index.query(UNRELATED) == []


def test_heavily_rewritten_text_is_not_a_near_duplicate() -> None:
    index = NearDuplicateIndex()
    index.add("orig", ORIGINAL)
    half = ORIGINAL[: len(ORIGINAL) // 2] + " " + UNRELATED
    assert index.query(half) == []


def test_signatures_rebuild_the_index() -> None:
    first = NearDuplicateIndex()
    signature = first.add("orig", ORIGINAL)
    assert isinstance(signature, bytes) and len(signature) == 128 * 8
    assert signature == first.signature(ORIGINAL)  # deterministic
    rebuilt = NearDuplicateIndex()
    rebuilt.add_signature("orig", signature)
    assert rebuilt.query(EDITED) == first.query(EDITED)
    assert "orig" in rebuilt and len(rebuilt) == 1
    assert rebuilt.query_signature(first.signature(EDITED))[0][0] == "orig"


def test_bad_signature_is_rejected() -> None:
    with pytest.raises(ValueError, match="1024 bytes"):
        NearDuplicateIndex().add_signature("x", b"short")


def test_readd_and_remove() -> None:
    index = NearDuplicateIndex()
    index.add("doc", UNRELATED)
    index.add("doc", ORIGINAL)  # replaces, does not raise
    assert len(index) == 1 and [d for d, _ in index.query(EDITED)] == ["doc"]
    index.remove("doc")
    index.remove("never-added")
    assert len(index) == 0 and index.query(EDITED) == []


def test_short_and_empty_texts() -> None:
    index = NearDuplicateIndex()
    index.add("short", "Talks resumed.")
    assert [d for d, _ in index.query("talks   RESUMED")] == ["short"]
    assert index.query("Talks stalled.") == []
    index.add("punct", "...")
    assert [d for d, _ in index.query("!?")] == ["punct"]
