"""Reading: documents, their extractions, actors, events, search and counts."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import (
    Actor,
    ActorMention,
    Claim,
    Document,
    Event,
    Extraction,
    Mention,
    Position,
    Quantity,
    TimeMention,
    actor_from,
    claim_from,
    document_from,
    event_from,
    position_from,
    quantity_from,
    time_from,
)
from . import fts, fused, ranks, state_ranks
from .base import DOCUMENT_COLUMNS, DOCUMENT_ROW_COLUMNS, DocumentRow
from .lookup import LookupMixin


class ReadMixin(LookupMixin):
    """The store's reading methods."""

    def documents(self, limit: int | None = None, offset: int = 0) -> list[DocumentRow]:
        """Stored documents, newest publication first."""
        rows = self._q(
            f"SELECT {DOCUMENT_ROW_COLUMNS} FROM documents"
            " ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
            (self.dialect.no_limit if limit is None else limit, offset),
        )
        return [DocumentRow(**dict(r)) for r in rows]

    def _document(self, row: Any) -> Document:
        data = dict(row)
        data["authors"] = json.loads(data["authors"])
        return document_from(data)

    def get_document(self, doc_id: str) -> Document | None:
        """One stored document with its text, or None."""
        row = self._q(f"SELECT {DOCUMENT_COLUMNS} FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return None if row is None else self._document(row)

    def resolve_document_id(self, ref: str) -> str | None:
        """A document id from an id, a unique id prefix, or a path/URL it was read from."""
        if self._q("SELECT 1 FROM documents WHERE id = ?", (ref,)).fetchone() is not None:
            return ref
        rows = self._q(
            "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' OR path = ? OR url = ? LIMIT 2",
            (ref.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%", ref, ref),
        ).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def extraction(self, doc_id: str) -> Extraction | None:
        """Everything stored for one document."""
        doc = self.get_document(doc_id)
        if doc is None:
            return None
        q = self._q
        return Extraction(
            document=doc,
            actors=[actor_from(json.loads(r[0])) for r in q(
                "SELECT DISTINCT a.data FROM actors a JOIN actor_mentions m ON m.actor_id = a.id"
                " WHERE m.document_id = ?", (doc_id,))],
            actor_mentions=[ActorMention(actor=r["actor_id"], document=doc_id, start=r["start"], end=r["end"],
                                         text=r["text"], how=r["how"] or "name")
                            for r in q('SELECT actor_id, start, "end", text, how FROM actor_mentions'
                                       ' WHERE document_id = ? ORDER BY start', (doc_id,))],
            events=[event_from(json.loads(r[0])) for r in q(
                "SELECT data FROM events WHERE document_id = ? ORDER BY id", (doc_id,))],
            quantities=[quantity_from(json.loads(r[0])) for r in q(
                "SELECT data FROM quantities WHERE document_id = ? ORDER BY id", (doc_id,))],
            claims=[claim_from(json.loads(r[0])) for r in q(
                "SELECT data FROM claims WHERE document_id = ? ORDER BY id", (doc_id,))],
            times=[time_from(json.loads(r[0])) for r in q(
                'SELECT data FROM times WHERE document_id = ? ORDER BY start', (doc_id,))],
            positions=[position_from(json.loads(r[0])) for r in q(
                "SELECT data FROM positions WHERE document_id = ? ORDER BY id", (doc_id,))],
        )

    def actor_summaries(self, kind: str | None = None,
                        country: str | None = None) -> list[tuple[Actor, int, int]]:
        """(actor without its mentions, mentions, documents mentioning it) of the stored actors, by name,
        optionally filtered: :meth:`actors`' list with the counts of migration 14, no mention read."""
        where, args = _actor_filters(kind, country, "a.")
        sql = ("SELECT a.data, COALESCE(c.mentions, 0), COALESCE(c.documents, 0) FROM actors a"
               f" LEFT JOIN actor_counts c ON c.actor_id = a.id WHERE 1=1{where} ORDER BY a.name, a.id")
        return [(actor_from(json.loads(r[0])), int(r[1]), int(r[2])) for r in self._q(sql, args)]

    def actor(self, actor_id: str, documents_limit: int | None = None, documents_offset: int = 0) -> Actor | None:
        """One stored actor with its mentions (in document order), or None.

        Every mention by default; with ``documents_limit``, the mentions in that many of the documents
        mentioning it, from the ``documents_offset``-th (in id order): a page of a much-mentioned actor's
        documents, read from migration 14's index from its nearer end (a late page counted back from the
        last document, with migration 14's document count), so that no page skips more than half of them.
        """
        row = self._q("SELECT data FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if row is None:
            return None
        found = actor_from(json.loads(row[0]))
        sql = 'SELECT document_id, start, "end", text FROM actor_mentions WHERE actor_id = ?'
        args: list[Any] = [actor_id]
        if documents_limit is not None:  # the page's documents: a range of the (actor, document) index
            order, skip, take = "", documents_offset, documents_limit
            total = self.actor_counts(actor_id)[1]
            if documents_offset > total // 2:  # nearer the last document: counted back from it
                order, skip, take = " DESC", max(0, total - documents_offset - documents_limit), \
                    max(0, min(documents_limit, total - documents_offset))
            sql += (" AND document_id IN (SELECT DISTINCT document_id FROM actor_mentions WHERE actor_id = ?"
                    f" ORDER BY document_id{order} LIMIT ? OFFSET ?)")
            args += [actor_id, take, skip]
        found.mentions = [Mention(r[0], r[1], r[2], r[3]) for r in self._q(sql + " ORDER BY document_id, start", args)]
        return found

    def actor_counts(self, actor_id: str) -> tuple[int, int]:
        """(mentions, documents mentioning it) of one actor, as migration 14 keeps them; (0, 0) for none."""
        row = self._q("SELECT mentions, documents FROM actor_counts WHERE actor_id = ?", (actor_id,)).fetchone()
        return (int(row[0]), int(row[1])) if row else (0, 0)

    def actors(self, kind: str | None = None, country: str | None = None) -> list[Actor]:
        """Stored actors with their mentions, optionally filtered."""
        where, args = _actor_filters(kind, country)
        out = []
        for (data,) in self._q(f"SELECT data FROM actors WHERE 1=1{where} ORDER BY name", args):
            out.append(actor_from(json.loads(data)))
        mentions: dict[str, list[Mention]] = {}
        for r in self._q('SELECT actor_id, document_id, start, "end", text FROM actor_mentions'
                         ' ORDER BY document_id, start'):
            mentions.setdefault(r[0], []).append(Mention(r[1], r[2], r[3], r[4]))
        for a in out:
            a.mentions = mentions.get(a.id, [])
        return out

    def events(self, cluster_ids: Sequence[str] | None = None) -> list[Event]:
        """Real-world events: mentions sharing a cluster id merged into one Event, by cluster id.

        The merge (:func:`detente.fusion.merge_cluster`) names fields on which sources
        disagree in ``Event.disputed``; each version stays stored (:meth:`cluster_members`).
        ``cluster_ids`` limits the result to those events.  Read from the merges the writer
        keeps (migration 16, :mod:`.fused`); :meth:`events_merged_now` merges the versions.
        """
        return fused.read(self._q, self.dialect, cluster_ids)

    def events_merged_now(self, cluster_ids: Sequence[str] | None = None) -> list[Event]:
        """:meth:`events` merged from the stored versions as they are now (the reference the kept
        merges are checked against)."""
        return fused.compute(self._q, self.dialect, cluster_ids)

    def event_ranks(self, cluster_ids: Sequence[str]) -> list[ranks.Rank] | None:
        """What a briefing ranks these real-world events by (migration 17, :mod:`.ranks`): (id, type, mode,
        modality, start, end, date value, source ids, target ids, reports, word weight) of those
        that have a merge, unordered; None when the weights were made with other importance words."""
        return ranks.read(self._q, self.dialect, cluster_ids) if ranks.usable(self._q) else None

    def state_ranked(self, state: str, *, complete: bool, limit: int, offset: int = 0,
                     rules: dict[str, Any] | None = None) -> list[tuple[str, float, str, int]] | None:
        """A page of the real-world events involving this state (ISO3) in a briefing's order (migration 18,
        :mod:`.state_ranks`): ``complete`` those whose acting side is named, by the most their merges
        can score before the focus actors count (highest first), then by start day and id; else the
        others, in timeline order.  (cluster id, ceiling, day, shared) each; None when the scores were
        made with other importance ``rules`` (the shipped ones when None)."""
        if not state_ranks.usable(self._q, rules):
            return None
        return state_ranks.ordered(self._q, state, complete, limit, offset)

    def state_ranks_of(self, state: str, cluster_ids: Sequence[str], rules: dict[str, Any] | None = None,
                       since: str | None = None, until: str | None = None) -> list[state_ranks.Row] | None:
        """The state's rows of these real-world events in migration 18's order (:mod:`.state_ranks`): (cluster
        id, whole, day, ends, merge key, ceiling, shared), unordered; None as :meth:`state_ranked`.
        ``since``/``until``: a window they overlap (those starting in it are read as a range)."""
        if not state_ranks.usable(self._q, rules):
            return None
        return state_ranks.of(self._q, self.dialect, state, cluster_ids, since, until)

    def state_rank_groups(self, state: str, cluster_ids: Sequence[str]) -> list[str]:
        """The state's events that one of the briefing's merges may join with one of these (themselves too)."""
        return state_ranks.group_members(self._q, self.dialect, state, cluster_ids)

    def quantities(self) -> list[Quantity]:
        """Every stored quantity, by id."""
        return [quantity_from(json.loads(r[0])) for r in self._q("SELECT data FROM quantities ORDER BY id")]

    def claims(self) -> list[Claim]:
        """Every stored claim, by id."""
        return [claim_from(json.loads(r[0])) for r in self._q("SELECT data FROM claims ORDER BY id")]

    def positions(self, *, holders: Sequence[str] = (), issues: Sequence[str] = ()) -> list[Position]:
        """Stored positions, oldest date first; ``holders`` keeps those held by these actor ids or
        for these states (ISO3), ``issues`` those on these issue ids."""
        sql, args = "SELECT data FROM positions WHERE 1=1", []
        if holders:
            a, arg_a = self.dialect.in_list("actor_id", holders)
            b, arg_b = self.dialect.in_list("state", holders)
            sql += f" AND ({a} OR {b})"
            args += [arg_a, arg_b]
        if issues:
            cond, arg = self.dialect.in_list("issue", issues)
            sql += " AND " + cond
            args.append(arg)
        rows = self._q(sql + " ORDER BY date_start IS NULL, date_start, document_id, id", args)
        return [position_from(json.loads(r[0])) for r in rows]

    def times(self) -> list[TimeMention]:
        """Every stored time expression, by document and position."""
        return [time_from(json.loads(r[0])) for r in self._q('SELECT data FROM times ORDER BY document_id, start')]

    def all_documents(self) -> list[Document]:
        """Every stored document with its text, oldest publication first."""
        return [self._document(r) for r in self._q(
            f"SELECT {DOCUMENT_COLUMNS} FROM documents ORDER BY published IS NULL, published, id")]

    def duplicates(self) -> list[dict[str, Any]]:
        """Exact duplicates (inputs linked to a stored document) and near-duplicate pairs."""
        exact = [dict(r, kind="exact") for r in self._q(
            "SELECT document_id, origin, alias_id, source, url FROM duplicates ORDER BY document_id, origin")]
        near = [dict(r, kind="near") for r in self._q(
            "SELECT a, b, similarity FROM near_duplicates ORDER BY a, b")]
        return exact + near

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over documents (``id``, ``title``, ``snippet``), best first.

        Plain words work on both backends; SQLite also reads FTS5 syntax, PostgreSQL
        web-search syntax (see :mod:`detente.store.fts`).
        """
        hits = fts.search(self.db, ("document",), query, limit)["document"]
        for h in hits:
            h.pop("rank", None)
        return hits

    def published_span(self) -> tuple[str | None, str | None]:
        """The first and last publication dates of the stored reports (None, None when none is dated)."""
        # two subqueries: each is one end of the published index (both aggregates in one SELECT scan the table)
        row = self._q("SELECT (SELECT MIN(published) FROM documents), (SELECT MAX(published) FROM documents)").fetchone()
        return row[0], row[1]

    def stats(self) -> dict[str, Any]:
        """Counts of what the store holds."""
        q = self._q

        def count(sql: str) -> int:
            return int(q(sql).fetchone()[0])

        # event counts from migration 8's totals (kept by the writer), not a scan of every event
        modalities = {r[0]: int(r[1]) for r in q("SELECT modality, SUM(mentions) FROM event_totals WHERE modality <> ''"
                                                 " GROUP BY modality ORDER BY modality")}
        types = {r[0]: int(r[1]) for r in q("SELECT type, SUM(mentions) FROM event_totals WHERE type <> ''"
                                            " GROUP BY type ORDER BY 2 DESC, 1")}
        real = q("SELECT mentions FROM event_totals WHERE type = '' AND modality = ''").fetchone()
        span = self.published_span()
        return {
            "path": self.path,
            "schema_version": self.schema_version,
            "documents": count("SELECT COUNT(*) FROM documents"),
            "words": count("SELECT COALESCE(SUM(words), 0) FROM documents"),
            "published_from": span[0],
            "published_to": span[1],
            "exact_duplicates": count("SELECT COUNT(*) FROM duplicates"),
            "near_duplicate_pairs": count("SELECT COUNT(*) FROM near_duplicates"),
            "actors": count("SELECT COUNT(*) FROM actors"),
            "actor_mentions": count("SELECT COUNT(*) FROM actor_mentions"),
            "event_mentions": sum(modalities.values()),
            "events": int(real[0]) if real else 0,
            "events_by_modality": modalities,
            "events_by_type": types,
            "quantities": count("SELECT COUNT(*) FROM quantities"),
            "claims": count("SELECT COUNT(*) FROM claims"),
            "times": count("SELECT COUNT(*) FROM times"),
            "positions": count("SELECT COUNT(*) FROM positions"),
        }


def _actor_filters(kind: str | None, country: str | None, table: str = "") -> tuple[str, list[Any]]:
    """`` AND …`` conditions (and their arguments) keeping the actors of ``kind`` and ``country`` when given;
    ``table``: the actors table's alias with its dot."""
    where, args = "", []
    if kind:
        where += f" AND {table}kind = ?"
        args.append(kind)
    if country:
        where += f" AND {table}country = ?"
        args.append(country.upper())
    return where, args
