"""Full-text search in each dialect: SQLite FTS5 tables, PostgreSQL ``tsvector`` columns.

Every function returns rows with ``id``, a ``snippet`` (matches in ``[...]``) and
a ``rank`` where lower is better (FTS5's bm25; PostgreSQL's ``ts_rank`` negated),
best first.  SQLite reads FTS5 query syntax and falls back to the plain words
when the query is not valid syntax; PostgreSQL reads web-search syntax
(``websearch_to_tsquery``: words, "phrases", ``or``, ``-word``), which never fails.
"""

from __future__ import annotations

from typing import Any

from .dialect import DB
from .errors import StoreQueryError
from .schema import TS_CONFIG

SQLITE = {
    "document": "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet, rank"
                " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
                " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
    "claim": "SELECT c.id, c.document_id AS document, snippet(claims_fts, 0, '[', ']', '…', 12) AS snippet, rank"
             " FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid"
             " WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?",
    "event": "SELECT e.cluster_id AS id, e.document_id AS document,"
             " snippet(events_fts, 0, '[', ']', '…', 12) AS snippet, rank"
             " FROM events_fts JOIN events e ON e.rowid = events_fts.rowid"
             " WHERE events_fts MATCH ? ORDER BY rank LIMIT ?",
}

_HEADLINE = ("'StartSel=[, StopSel=], MaxWords=14, MinWords=6, MaxFragments=1, FragmentDelimiter=\" … \"'")
# the best rows first, by the GIN index; snippets only for those (ts_headline re-reads the text)
POSTGRES = {
    "document": "SELECT d.id, d.title,"
                f" ts_headline('{TS_CONFIG}', d.text, h.q, {_HEADLINE}) AS snippet, h.rank"
                " FROM (SELECT d.id, q, -ts_rank(d.fts, q) AS rank"
                f"       FROM documents d, websearch_to_tsquery('{TS_CONFIG}', ?) q"
                "       WHERE d.fts @@ q ORDER BY rank, d.id LIMIT ?) h"
                " JOIN documents d ON d.id = h.id ORDER BY h.rank, d.id",
    "claim": "SELECT c.id, c.document_id AS document,"
             f" ts_headline('{TS_CONFIG}', CAST(c.data AS jsonb) ->> 'text', h.q, {_HEADLINE}) AS snippet, h.rank"
             " FROM (SELECT c.id, q, -ts_rank(c.fts, q) AS rank"
             f"       FROM claims c, websearch_to_tsquery('{TS_CONFIG}', ?) q"
             "       WHERE c.fts @@ q ORDER BY rank, c.id LIMIT ?) h"
             " JOIN claims c ON c.id = h.id ORDER BY h.rank, c.id",
    "event": "SELECT e.cluster_id AS id, e.document_id AS document,"
             f" ts_headline('{TS_CONFIG}', e.type || ' ' || COALESCE(CAST(e.data AS jsonb) ->> 'trigger', '') || ' '"
             "   || COALESCE((SELECT string_agg(m ->> 'text', ' ')"
             "                FROM jsonb_array_elements(CAST(e.data AS jsonb) -> 'mentions') m), ''),"
             f"   h.q, {_HEADLINE}) AS snippet, h.rank"
             " FROM (SELECT e.id, q, -ts_rank(e.fts, q) AS rank"
             f"       FROM events e, websearch_to_tsquery('{TS_CONFIG}', ?) q"
             "       WHERE e.fts @@ q ORDER BY rank, e.id LIMIT ?) h"
             " JOIN events e ON e.id = h.id ORDER BY h.rank, e.id",
}


def search(db: DB, kinds: tuple[str, ...], query: str, limit: int) -> dict[str, list[dict[str, Any]]]:
    """The best ``limit`` hits of each kind (``document``, ``claim``, ``event``) for ``query``."""
    if not query.strip():
        return {k: [] for k in kinds}  # nothing asked: FTS5 would call it a syntax error
    sql = db.dialect.variant(sqlite=SQLITE, postgresql=POSTGRES)
    *first, last = db.dialect.search_queries(query)
    for q in first:
        try:
            return {k: [dict(r) for r in db.execute(sql[k], (q, limit))] for k in kinds}
        except StoreQueryError:  # not valid syntax for this backend: the next, plainer form
            continue
    return {k: [dict(r) for r in db.execute(sql[k], (last, limit))] for k in kinds}
