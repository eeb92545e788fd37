"""Exact and near-duplicate detection for ingested texts.

Exact duplicates: :func:`content_hash` of the text normalised by
:func:`normalise_for_hash` (case, whitespace and punctuation do not count), so the
same wire story saved twice with different quotes or line breaks hashes the same.

Near duplicates: MinHash over word 5-shingles with an LSH index
(:class:`NearDuplicateIndex`).  Signatures are plain bytes so the store can keep them
and rebuild the index at start-up without re-reading any text.
"""

from __future__ import annotations

import hashlib
import unicodedata
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from datasketch import LeanMinHash

NUM_PERM = 128
SHINGLE_WORDS = 5
DEFAULT_THRESHOLD = 0.8
# Fixed seed and permutation scheme: signatures persisted by one run must compare with the
# next run's.  The scheme is named explicitly (datasketch >= 2.0) so a library upgrade that
# changes the default cannot silently make stored signatures incomparable.
_SEED = 1
_SCHEME = "affine32"
_RECALL_MARGIN = 0.15


def normalise_for_hash(text: str) -> str:
    """Case-folded text with punctuation removed and whitespace collapsed to single spaces.

    Punctuation becomes a space (not nothing) so "word—word" and "word — word" agree.
    """
    text = unicodedata.normalize("NFKC", text).casefold()
    chars = [" " if unicodedata.category(ch).startswith("P") else ch for ch in text]
    return " ".join("".join(chars).split())


def content_hash(text: str) -> str:
    """SHA-256 hex digest of :func:`normalise_for_hash` of ``text``: equal for exact duplicates."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def shingles(text: str, size: int = SHINGLE_WORDS) -> set[bytes]:
    """The word ``size``-shingles of the normalised text; a shorter text is one shingle."""
    words = normalise_for_hash(text).split()
    if len(words) <= size:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {" ".join(words[i : i + size]).encode("utf-8") for i in range(len(words) - size + 1)}


class NearDuplicateIndex:
    """An LSH index of MinHash signatures: which stored documents is a text nearly a copy of?

    ``query`` returns ``(doc_id, estimated_jaccard)`` pairs at or above ``threshold``,
    most similar first.  Estimates have a standard error of about 0.04 at 128 permutations.
    """

    def __init__(self, threshold: float = DEFAULT_THRESHOLD, num_perm: int = NUM_PERM) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ValueError(f"threshold must be in (0, 1], got {threshold}")
        # imported here: datasketch pulls in scipy (seconds), which commands that never
        # deduplicate (show, export, --help) should not pay for
        from datasketch import MinHashLSH

        self.threshold = threshold
        self.num_perm = num_perm
        # The LSH bands are tuned a little below the threshold, and candidates are then
        # filtered on their estimated similarity: banding alone misses a good share of
        # pairs that sit just above its threshold (a copy with a few edited words).
        self._lsh = MinHashLSH(threshold=max(0.5, threshold - _RECALL_MARGIN), num_perm=num_perm)
        self._minhashes: dict[str, LeanMinHash] = {}

    def __len__(self) -> int:
        return len(self._minhashes)

    def __contains__(self, doc_id: object) -> bool:
        return doc_id in self._minhashes

    def _minhash(self, text: str) -> LeanMinHash:
        # a text with no words (only punctuation) gets the empty signature: such texts
        # are near-duplicates of each other and of nothing else
        from datasketch import LeanMinHash, MinHash

        grams = shingles(text)
        minhash = MinHash(num_perm=self.num_perm, seed=_SEED, scheme=_SCHEME)
        minhash.update_batch(list(grams))
        return LeanMinHash(minhash)

    def signature(self, text: str) -> bytes:
        """The MinHash signature of ``text`` as bytes (``num_perm`` little-endian uint64 values)."""
        minhash = self._minhash(text)
        return np.asarray(minhash.hashvalues, dtype="<u8").tobytes()

    def _from_signature(self, signature: bytes) -> LeanMinHash:
        expected = self.num_perm * 8
        if len(signature) != expected:
            raise ValueError(f"a signature has {expected} bytes for num_perm={self.num_perm}, got {len(signature)}")
        from datasketch import LeanMinHash

        values = np.frombuffer(signature, dtype="<u8").astype(np.uint64)
        return LeanMinHash(seed=_SEED, hashvalues=values, scheme=_SCHEME)

    def _insert(self, doc_id: str, minhash: LeanMinHash) -> None:
        if doc_id in self._minhashes:
            self.remove(doc_id)  # re-adding replaces: the text of a document may be re-ingested
        self._lsh.insert(doc_id, minhash, check_duplication=False)
        self._minhashes[doc_id] = minhash

    def add(self, doc_id: str, text: str) -> bytes:
        """Index ``text`` under ``doc_id`` and return its signature (for the store to keep)."""
        signature = self.signature(text)
        self._insert(doc_id, self._from_signature(signature))
        return signature

    def add_signature(self, doc_id: str, signature: bytes) -> None:
        """Index a signature previously returned by :meth:`signature` or :meth:`add`."""
        self._insert(doc_id, self._from_signature(signature))

    def remove(self, doc_id: str) -> None:
        """Forget ``doc_id``; unknown ids are ignored."""
        if self._minhashes.pop(doc_id, None) is not None:
            self._lsh.remove(doc_id)

    def query(self, text: str) -> list[tuple[str, float]]:
        """Stored documents whose estimated Jaccard similarity to ``text`` is at least the threshold."""
        return self._query(self._minhash(text))

    def query_signature(self, signature: bytes) -> list[tuple[str, float]]:
        """Like :meth:`query`, for a signature already computed."""
        return self._query(self._from_signature(signature))

    def _query(self, minhash: LeanMinHash) -> list[tuple[str, float]]:
        hits = []
        for doc_id in self._lsh.query(minhash):
            score = float(minhash.jaccard(self._minhashes[doc_id]))
            if score >= self.threshold:
                hits.append((str(doc_id), score))
        return sorted(hits, key=lambda hit: (-hit[1], hit[0]))
