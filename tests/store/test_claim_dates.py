"""Migration 19: each claim keeps its report's date; a window's claims and a speaker's past are read by it,
on both backends, and a store written before it gets the dates on opening."""

from __future__ import annotations

from pathlib import Path

from detente.model import Claim, Document, Extraction, Mention
from detente.store import Store

SPEAKERS = ("USA", "CHN", "person:p1")


def _doc(n: int, published: str | None) -> Extraction:
    doc_id = f"d{n}"
    text = "They said so again. " * 3
    claims = [Claim(id=f"cl-{doc_id}-{i}", kind="quote", speaker=speaker, text=f"claim {n}.{i}", about=[],
                    stance="support" if (n + i) % 2 else None, mentions=[Mention(doc_id, 0, 19, text[:19])])
              for i, speaker in enumerate(SPEAKERS[: 1 + n % 3])]
    return Extraction(document=Document(id=doc_id, text=text, title=doc_id, source=f"pub-{n % 2}",
                                        published=published, published_basis="metadata" if published else "unknown"),
                      claims=claims)


def _fill(store: Store) -> None:
    for n in range(12):
        store.add(_doc(n, None if n == 5 else f"2024-{n % 6 + 1:02d}-{10 + n:02d}"), content_hash=f"h{n}")


def _dated(store: Store) -> list[tuple[str, str | None]]:
    return sorted((r[0], r[1]) for r in store._q("SELECT id, published FROM claims").fetchall())


def test_claims_carry_their_reports_date_and_are_read_by_it(store: Store) -> None:
    _fill(store)
    docs = dict(store._q("SELECT id, published FROM documents").fetchall())
    assert [(c, p) for c, p in _dated(store)] == sorted(
        (r[0], docs[r[1]]) for r in store._q("SELECT id, document_id FROM claims").fetchall())
    window = store.claims_dated(since="2024-02-01", until="2024-04-30")
    assert window and all("2024-02-01" <= row.published <= "2024-04-30" for _, row in window)  # type: ignore[operator]
    assert [row.published for _, row in window] == sorted(row.published for _, row in window)  # type: ignore[type-var]
    everything = store.claims_dated()
    assert len(everything) == store._q("SELECT COUNT(*) FROM claims").fetchone()[0]  # undated reports too
    before = store.spoken_claims_before("2024-03-31", ["CHN", "person:p1"])
    want = [(c.id, row.id) for c, row in everything
            if c.speaker in ("CHN", "person:p1") and row.published and row.published <= "2024-03-31"]
    assert [(c.id, row.id) for c, row in before] == want and want
    assert store.spoken_claims_before("2024-03-31", []) == []


def test_migration_19_dates_the_claims_of_a_store_written_before_it(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    with Store(path) as store:
        _fill(store)
        want = _dated(store)
        for index in ("claims_published", "claims_speaker_published"):
            store.conn.execute(f"DROP INDEX {index}")
        store.conn.execute("ALTER TABLE claims DROP COLUMN published")  # as a store of migration 18 was
        store.conn.execute("DELETE FROM schema_migrations WHERE version = 19")
        store.conn.commit()
    with Store(path) as store:  # opening it runs migration 19
        assert _dated(store) == want and any(p for _, p in want) and any(p is None for _, p in want)
