"""Full-text search in each dialect: SQLite FTS5 tables, PostgreSQL ``tsvector`` columns.

Every function returns rows with ``id``, a ``snippet`` (matches in ``[...]``) and
a ``rank`` where lower is better (FTS5's bm25; PostgreSQL's ``ts_rank`` negated),
best first.

A word that matches many rows of a kind (a common word over a million events)
is answered from its :data:`CANDIDATES` most recently stored matches of that
kind: the best-ranked among them.  Ranking every match costs time in proportion
to their number (bm25 over 280,000 events is half a second), the newest are an
index range on each backend (FTS5's rowid order; the ``seq`` column of
migration 12 on PostgreSQL), and each row keeps its exact score (bm25's word
statistics are still the whole table's).  With fewer matches the answer is the
exact best of all of them.  SQLite reads FTS5 query syntax and falls back to the plain words
when the query is not valid syntax; PostgreSQL reads web-search syntax
(``websearch_to_tsquery``: words, "phrases", ``or``, ``-word``), which never fails.
"""

from __future__ import annotations

from typing import Any

from .dialect import DB
from .errors import StoreQueryError
from .schema import TS_CONFIG

CANDIDATES = 1000  # a kind's newest matches ranked for a word matching more (see the module's docstring)

# the FTS5 table of each kind; the oldest of a query's newest CANDIDATES matches is the lowest rowid read
SQLITE_TABLES = {"document": "documents_fts", "claim": "claims_fts", "event": "events_fts"}
SQLITE = {
    "document": "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet, rank"
                " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
                " WHERE documents_fts MATCH ? AND documents_fts.rowid >= ? ORDER BY rank LIMIT ?",
    "claim": "SELECT c.id, c.document_id AS document, snippet(claims_fts, 0, '[', ']', '…', 12) AS snippet, rank"
             " FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid"
             " WHERE claims_fts MATCH ? AND claims_fts.rowid >= ? ORDER BY rank LIMIT ?",
    "event": "SELECT e.cluster_id AS id, e.document_id AS document,"
             " snippet(events_fts, 0, '[', ']', '…', 12) AS snippet, rank"
             " FROM events_fts JOIN events e ON e.rowid = events_fts.rowid"
             " WHERE events_fts MATCH ? AND events_fts.rowid >= ? ORDER BY rank LIMIT ?",
}

_HEADLINE = ("'StartSel=[, StopSel=], MaxWords=14, MinWords=6, MaxFragments=1, FragmentDelimiter=\" … \"'")
# the best rows first, by the GIN index; snippets only for those (ts_headline re-reads the text)
POSTGRES = {
    "document": "SELECT d.id, d.title,"
                f" ts_headline('{TS_CONFIG}', d.text, h.q, {_HEADLINE}) AS snippet, h.rank"
                " FROM (SELECT d.id, q, -ts_rank(d.fts, q) AS rank"
                "       FROM (SELECT d.id, d.fts, q"
                f"             FROM documents d, websearch_to_tsquery('{TS_CONFIG}', ?) q"
                "             WHERE d.fts @@ q ORDER BY d.seq DESC LIMIT ?) d"
                "       ORDER BY rank, d.id LIMIT ?) h"
                " JOIN documents d ON d.id = h.id ORDER BY h.rank, d.id",
    "claim": "SELECT c.id, c.document_id AS document,"
             f" ts_headline('{TS_CONFIG}', CAST(c.data AS jsonb) ->> 'text', h.q, {_HEADLINE}) AS snippet, h.rank"
             " FROM (SELECT c.id, q, -ts_rank(c.fts, q) AS rank"
             "       FROM (SELECT c.id, c.fts, q"
             f"             FROM claims c, websearch_to_tsquery('{TS_CONFIG}', ?) q"
             "             WHERE c.fts @@ q ORDER BY c.seq DESC LIMIT ?) c"
             "       ORDER BY rank, c.id LIMIT ?) h"
             " JOIN claims c ON c.id = h.id ORDER BY h.rank, c.id",
    "event": "SELECT e.cluster_id AS id, e.document_id AS document,"
             f" ts_headline('{TS_CONFIG}', e.type || ' ' || COALESCE(CAST(e.data AS jsonb) ->> 'trigger', '') || ' '"
             "   || COALESCE((SELECT string_agg(m ->> 'text', ' ')"
             "                FROM jsonb_array_elements(CAST(e.data AS jsonb) -> 'mentions') m), ''),"
             f"   h.q, {_HEADLINE}) AS snippet, h.rank"
             " FROM (SELECT e.id, q, -ts_rank(e.fts, q) AS rank"
             "       FROM (SELECT e.id, e.fts, q"
             f"             FROM events e, websearch_to_tsquery('{TS_CONFIG}', ?) q"
             "             WHERE e.fts @@ q ORDER BY e.seq DESC LIMIT ?) e"
             "       ORDER BY rank, e.id LIMIT ?) h"
             " JOIN events e ON e.id = h.id ORDER BY h.rank, e.id",
}


def search(db: DB, kinds: tuple[str, ...], query: str, limit: int) -> dict[str, list[dict[str, Any]]]:
    """The best ``limit`` hits of each kind (``document``, ``claim``, ``event``) for ``query``, among
    the kind's :data:`CANDIDATES` most recently stored matches."""
    if not query.strip():
        return {k: [] for k in kinds}  # nothing asked: FTS5 would call it a syntax error
    *first, last = db.dialect.search_queries(query)
    for q in first:
        try:
            return {k: _hits(db, k, q, limit) for k in kinds}
        except StoreQueryError:  # not valid syntax for this backend: the next, plainer form
            continue
    return {k: _hits(db, k, last, limit) for k in kinds}


def _hits(db: DB, kind: str, query: str, limit: int) -> list[dict[str, Any]]:
    """One kind's best hits among its newest matches (on SQLite: from the rowid of the oldest of them,
    read from the FTS index's rowid order; no row is ranked to find it)."""
    if db.dialect.variant(sqlite=False, postgresql=True):
        return [dict(r) for r in db.execute(POSTGRES[kind], (query, CANDIDATES, limit))]
    table = SQLITE_TABLES[kind]
    oldest = db.execute(f"SELECT rowid FROM {table} WHERE {table} MATCH ? ORDER BY rowid DESC LIMIT 1 OFFSET ?",
                        (query, CANDIDATES - 1)).fetchone()
    floor = oldest[0] if oldest is not None else -(2 ** 63)  # fewer matches: all of them
    return [dict(r) for r in db.execute(SQLITE[kind], (query, floor, limit))]
