"""The store: one SQLite file, behind one class.

Every document is written in one transaction together with everything derived
from it, so an interrupted run leaves each earlier document whole and the file
usable (SQLite's journal rolls back a half-written transaction on next open).
The schema is versioned; migrations are functions recorded in
``schema_migrations`` and applied in order when a store is opened.

Extracted records are kept as their detente/1 JSON (``data`` columns) next to
the few columns that queries filter and join on, so the data model stays in
one place (:mod:`detente.model`) and the store does not mirror every field.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .errors import StoreError
from .model import (
    Actor,
    Claim,
    Document,
    Event,
    Extraction,
    Mention,
    Quantity,
    TimeMention,
    actor_from,
    claim_from,
    document_from,
    event_from,
    quantity_from,
    time_from,
    to_json,
)


def _m001_initial() -> str:
    return (
        """
        CREATE TABLE documents (
            id TEXT PRIMARY KEY,
            title TEXT, source TEXT, url TEXT,
            published TEXT, published_basis TEXT NOT NULL DEFAULT 'unknown',
            authors TEXT NOT NULL DEFAULT '[]',
            path TEXT, origin TEXT,
            text TEXT NOT NULL,
            content_hash TEXT NOT NULL,
            words INTEGER NOT NULL DEFAULT 0,
            ingested_at TEXT NOT NULL
        );
        CREATE UNIQUE INDEX documents_content_hash ON documents(content_hash);
        CREATE INDEX documents_published ON documents(published);

        -- inputs whose normalised text equals a stored document's: linked, not stored again
        CREATE TABLE duplicates (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            origin TEXT NOT NULL,
            alias_id TEXT, title TEXT, source TEXT, url TEXT, published TEXT,
            seen_at TEXT NOT NULL,
            PRIMARY KEY (document_id, origin)
        );
        -- pairs of stored documents that are near-duplicates (a lightly edited wire story)
        CREATE TABLE near_duplicates (
            a TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            b TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            similarity REAL NOT NULL,
            PRIMARY KEY (a, b)
        );
        CREATE TABLE signatures (
            document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
            minhash BLOB NOT NULL
        );

        CREATE TABLE actors (
            id TEXT PRIMARY KEY,
            name TEXT NOT NULL, kind TEXT NOT NULL, code TEXT, country TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX actors_country ON actors(country);
        CREATE TABLE actor_mentions (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            text TEXT NOT NULL, how TEXT,
            PRIMARY KEY (document_id, start, "end", actor_id)
        );
        CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id);

        -- one row per event mention; cluster_id is the real-world event it belongs to
        CREATE TABLE events (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            cluster_id TEXT NOT NULL,
            type TEXT NOT NULL, modality TEXT NOT NULL, quad_class INTEGER,
            date_start TEXT, date_end TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX events_document ON events(document_id);
        CREATE INDEX events_cluster ON events(cluster_id);
        CREATE INDEX events_type_date ON events(type, date_start);
        CREATE INDEX events_date ON events(date_start);
        CREATE TABLE event_actors (
            event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
            actor_id TEXT NOT NULL,
            country TEXT,
            role TEXT NOT NULL,  -- 'source' | 'target' | 'attribution'
            PRIMARY KEY (event_id, actor_id, role)
        );
        CREATE INDEX event_actors_actor ON event_actors(actor_id, role);
        CREATE INDEX event_actors_country ON event_actors(country, role);

        CREATE TABLE quantities (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            data TEXT NOT NULL
        );
        CREATE INDEX quantities_document ON quantities(document_id);
        CREATE TABLE claims (
            id TEXT PRIMARY KEY,
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            speaker TEXT,
            data TEXT NOT NULL
        );
        CREATE INDEX claims_document ON claims(document_id);
        CREATE TABLE times (
            document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
            start INTEGER NOT NULL, "end" INTEGER NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (document_id, start, "end")
        );

        CREATE VIRTUAL TABLE documents_fts USING fts5(
            title, text, content='documents', content_rowid='rowid'
        );
        CREATE TRIGGER documents_ai AFTER INSERT ON documents BEGIN
            INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
        END;
        CREATE TRIGGER documents_ad AFTER DELETE ON documents BEGIN
            INSERT INTO documents_fts(documents_fts, rowid, title, text)
            VALUES ('delete', old.rowid, old.title, old.text);
        END;
        """
    )


def _m002_analysis_search() -> str:
    # full-text search over quotes and event evidence, and an index for quantity disputes;
    # the BEFORE INSERT triggers keep FTS rows right under INSERT OR REPLACE (which does
    # not fire delete triggers)
    return (
        """
        CREATE INDEX quantities_measure ON quantities(json_extract(data, '$.measure'));

        CREATE VIRTUAL TABLE claims_fts USING fts5(text);
        CREATE TRIGGER claims_fts_bi BEFORE INSERT ON claims BEGIN
            DELETE FROM claims_fts WHERE rowid IN (SELECT rowid FROM claims WHERE id = new.id);
        END;
        CREATE TRIGGER claims_fts_ai AFTER INSERT ON claims BEGIN
            INSERT INTO claims_fts(rowid, text) VALUES (new.rowid, json_extract(new.data, '$.text'));
        END;
        CREATE TRIGGER claims_fts_ad AFTER DELETE ON claims BEGIN
            DELETE FROM claims_fts WHERE rowid = old.rowid;
        END;
        INSERT INTO claims_fts(rowid, text) SELECT rowid, json_extract(data, '$.text') FROM claims;

        CREATE VIRTUAL TABLE events_fts USING fts5(text);
        CREATE TRIGGER events_fts_bi BEFORE INSERT ON events BEGIN
            DELETE FROM events_fts WHERE rowid IN (SELECT rowid FROM events WHERE id = new.id);
        END;
        CREATE TRIGGER events_fts_ai AFTER INSERT ON events BEGIN
            INSERT INTO events_fts(rowid, text) VALUES (new.rowid,
                new.type || ' ' || COALESCE(json_extract(new.data, '$.trigger'), '') || ' '
                || COALESCE((SELECT group_concat(json_extract(m.value, '$.text'), ' ')
                             FROM json_each(new.data, '$.mentions') m), ''));
        END;
        CREATE TRIGGER events_fts_ad AFTER DELETE ON events BEGIN
            DELETE FROM events_fts WHERE rowid = old.rowid;
        END;
        INSERT INTO events_fts(rowid, text) SELECT e.rowid,
            e.type || ' ' || COALESCE(json_extract(e.data, '$.trigger'), '') || ' '
            || COALESCE((SELECT group_concat(json_extract(m.value, '$.text'), ' ')
                         FROM json_each(e.data, '$.mentions') m), '')
            FROM events e;
        """
    )


# (version, name, function returning the migration's SQL). Append only: never edit
# a migration that has shipped.
MIGRATIONS: list[tuple[int, str, Callable[[], str]]] = [
    (1, "initial schema", _m001_initial),
    (2, "search over claims and events; quantity measure index", _m002_analysis_search),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


@dataclass(slots=True)
class DocumentRow:
    """A stored document's metadata as listed by :meth:`Store.documents`."""

    id: str
    title: str | None
    source: str | None
    published: str | None
    published_basis: str
    words: int
    path: str | None
    url: str | None


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _dumps(obj: Any) -> str:
    return json.dumps(to_json(obj), ensure_ascii=False, sort_keys=True)


class Store:
    """The detente store in one SQLite file (``":memory:"`` for a throwaway store)."""

    def __init__(self, path: str | Path = "detente.db"):
        self.path = str(path)
        if self.path != ":memory:":
            parent = Path(self.path).expanduser().resolve().parent
            if not parent.is_dir():
                raise StoreError(f"folder {parent} does not exist; create it or choose another --db", input=self.path)
        try:
            self.conn = sqlite3.connect(self.path, isolation_level=None, check_same_thread=False, timeout=30)
            self.conn.row_factory = sqlite3.Row
            self.conn.execute("PRAGMA foreign_keys = ON")
            if self.path != ":memory:":
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"not a usable detente store ({exc}); choose another --db", input=self.path) from exc

    # -- lifecycle ---------------------------------------------------------

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it lands, or none of it."""
        self.conn.execute("BEGIN IMMEDIATE")
        try:
            yield self.conn
        except BaseException:
            self.conn.execute("ROLLBACK")
            raise
        else:
            self.conn.execute("COMMIT")

    def _migrate(self) -> None:
        self.conn.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT, applied_at TEXT)"
        )
        done = {r[0] for r in self.conn.execute("SELECT version FROM schema_migrations")}
        if done and max(done) > SCHEMA_VERSION:
            raise StoreError(
                f"store schema version {max(done)} is newer than this detente ({SCHEMA_VERSION}); upgrade detente",
                input=self.path,
            )
        for version, name, migrate in MIGRATIONS:
            if version in done:
                continue
            # executescript commits on its own, so the script carries its own transaction
            # and records the version inside it: a migration lands whole or not at all
            record = f"INSERT INTO schema_migrations(version, name, applied_at) VALUES ({version}, '{name}', '{_now()}');"
            try:
                self.conn.executescript(f"BEGIN IMMEDIATE;\n{migrate()}\n{record}\nCOMMIT;")
            except BaseException:
                if self.conn.in_transaction:
                    self.conn.execute("ROLLBACK")
                raise

    @property
    def schema_version(self) -> int:
        row = self.conn.execute("SELECT MAX(version) FROM schema_migrations").fetchone()
        return int(row[0] or 0)

    # -- writing -----------------------------------------------------------

    def has_document(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def origin_of(self, doc_id: str) -> str | None:
        """The input (path, URL, manifest line) a stored document was read from."""
        row = self.conn.execute("SELECT origin FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def document_with_hash(self, content_hash: str) -> str | None:
        """The id of the stored document whose normalised text has this hash."""
        row = self.conn.execute("SELECT id FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def add(
        self,
        extraction: Extraction,
        *,
        content_hash: str,
        origin: str | None = None,
        signature: bytes | None = None,
        near_duplicates: Sequence[tuple[str, float]] = (),
    ) -> None:
        """Write a document and everything derived from it in one transaction."""
        doc = extraction.document
        with self.transaction() as conn:
            conn.execute(
                "INSERT INTO documents(id, title, source, url, published, published_basis, authors, path, origin,"
                " text, content_hash, words, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    doc.id, doc.title, doc.source, doc.url, doc.published, doc.published_basis,
                    json.dumps(doc.authors, ensure_ascii=False), doc.path, origin, doc.text,
                    content_hash, len(doc.text.split()), _now(),
                ),
            )
            if signature is not None:
                conn.execute("INSERT INTO signatures(document_id, minhash) VALUES (?, ?)", (doc.id, signature))
            for other, sim in near_duplicates:
                a, b = sorted((doc.id, other))
                conn.execute(
                    "INSERT OR REPLACE INTO near_duplicates(a, b, similarity) VALUES (?, ?, ?)", (a, b, sim)
                )
            self._write_extraction(conn, extraction)

    def _write_extraction(self, conn: sqlite3.Connection, ex: Extraction) -> None:
        doc_id = ex.document.id
        for actor in ex.actors:
            self._upsert_actor(conn, actor)
        countries = {a.id: a.country for a in ex.actors}
        conn.executemany(
            'INSERT OR IGNORE INTO actor_mentions(document_id, actor_id, start, "end", text, how) VALUES (?,?,?,?,?,?)',
            [(doc_id, m.actor, m.start, m.end, m.text, m.how) for m in ex.actor_mentions],
        )
        for ev in ex.events:
            conn.execute(
                "INSERT OR REPLACE INTO events(id, document_id, cluster_id, type, modality, quad_class,"
                " date_start, date_end, data) VALUES (?,?,?,?,?,?,?,?,?)",
                (ev.id, doc_id, ev.id, ev.type, ev.modality, ev.quad_class, ev.date.start, ev.date.end, _dumps(ev)),
            )
            rows = [(ev.id, a, self._country(conn, a, countries), "source") for a in ev.source]
            rows += [(ev.id, a, self._country(conn, a, countries), "target") for a in ev.target]
            if ev.attribution:
                rows.append((ev.id, ev.attribution, self._country(conn, ev.attribution, countries), "attribution"))
            conn.executemany(
                "INSERT OR IGNORE INTO event_actors(event_id, actor_id, country, role) VALUES (?,?,?,?)", rows
            )
        conn.executemany(
            "INSERT OR REPLACE INTO quantities(id, document_id, data) VALUES (?,?,?)",
            [(q.id, doc_id, _dumps(q)) for q in ex.quantities],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO claims(id, document_id, speaker, data) VALUES (?,?,?,?)",
            [(c.id, doc_id, c.speaker, _dumps(c)) for c in ex.claims],
        )
        conn.executemany(
            'INSERT OR REPLACE INTO times(document_id, start, "end", data) VALUES (?,?,?,?)',
            [(doc_id, t.start, t.end, _dumps(t)) for t in ex.times],
        )

    @staticmethod
    def _country(conn: sqlite3.Connection, actor_id: str, known: dict[str, str | None]) -> str | None:
        if actor_id in known:
            return known[actor_id]
        row = conn.execute("SELECT country FROM actors WHERE id = ?", (actor_id,)).fetchone()
        known[actor_id] = row[0] if row else None
        return known[actor_id]

    def _upsert_actor(self, conn: sqlite3.Connection, actor: Actor) -> None:
        """Insert an actor, or merge aliases and roles into the stored one."""
        row = conn.execute("SELECT data FROM actors WHERE id = ?", (actor.id,)).fetchone()
        data = to_json(actor)
        data.pop("mentions", None)
        if row:
            old = json.loads(row[0])
            aliases = list(dict.fromkeys(old.get("aliases", []) + data["aliases"]))
            roles = old.get("roles", []) + [r for r in data["roles"] if r not in old.get("roles", [])]
            about = list(dict.fromkeys(old.get("about", []) + data.get("about", [])))
            merged = {**data, **{k: v for k, v in old.items() if v not in (None, [], "")}}
            merged.update(aliases=aliases, roles=roles, about=about)
            data = merged
        conn.execute(
            "INSERT OR REPLACE INTO actors(id, name, kind, code, country, data) VALUES (?,?,?,?,?,?)",
            (data["id"], data["name"], data["kind"], data.get("code"), data.get("country"),
             json.dumps(data, ensure_ascii=False, sort_keys=True)),
        )

    def link_duplicate(self, document_id: str, origin: str, *, alias_id: str | None = None,
                       title: str | None = None, source: str | None = None, url: str | None = None,
                       published: str | None = None) -> None:
        """Record that ``origin`` had the same text as a stored document."""
        with self.transaction() as conn:
            conn.execute(
                "INSERT OR REPLACE INTO duplicates(document_id, origin, alias_id, title, source, url, published,"
                " seen_at) VALUES (?,?,?,?,?,?,?,?)",
                (document_id, origin, alias_id, title, source, url, published, _now()),
            )

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Stored MinHash signatures, to rebuild the near-duplicate index."""
        for row in self.conn.execute("SELECT document_id, minhash FROM signatures"):
            yield row[0], bytes(row[1])

    def set_event_clusters(self, assignments: dict[str, str]) -> None:
        """Assign event mentions (by id) to real-world events (cluster ids)."""
        with self.transaction() as conn:
            conn.executemany("UPDATE events SET cluster_id = ? WHERE id = ?",
                             [(c, e) for e, c in assignments.items()])

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and everything derived only from it.  False if unknown."""
        if not self.has_document(doc_id):
            return False
        with self.transaction() as conn:
            conn.execute("DELETE FROM documents WHERE id = ?", (doc_id,))  # cascades to derived rows
            # actors learned from text that nothing refers to any more
            conn.execute(
                "DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM actor_mentions)"
                " AND id NOT IN (SELECT actor_id FROM event_actors)"
                " AND id NOT IN (SELECT speaker FROM claims WHERE speaker IS NOT NULL)"
            )
        return True

    def merge_actors(self, from_id: str, into_id: str) -> int:
        """Re-link everything that names ``from_id`` to ``into_id``; returns rows changed.

        Mentions, event arguments, quote speakers, claim and quantity actors are
        rewritten in one transaction, and the merged actor keeps the other's aliases.
        """
        if from_id == into_id:
            return 0

        def swap(ids: list[str]) -> list[str]:
            return list(dict.fromkeys(into_id if i == from_id else i for i in ids))

        changed = 0
        with self.transaction() as conn:
            src = conn.execute("SELECT data FROM actors WHERE id = ?", (from_id,)).fetchone()
            dst = conn.execute("SELECT data FROM actors WHERE id = ?", (into_id,)).fetchone()
            if src and dst:
                merged = json.loads(dst[0])
                old = json.loads(src[0])
                merged["aliases"] = list(dict.fromkeys(merged.get("aliases", []) + [old["name"]]
                                                       + old.get("aliases", [])))
                conn.execute("UPDATE actors SET data = ? WHERE id = ?",
                             (json.dumps(merged, ensure_ascii=False, sort_keys=True), into_id))
            elif src:  # nothing stored under the new id yet: rename
                data = json.loads(src[0])
                data["id"] = into_id
                conn.execute("INSERT INTO actors(id, name, kind, code, country, data) VALUES (?,?,?,?,?,?)",
                             (into_id, data["name"], data["kind"], data.get("code"), data.get("country"),
                              json.dumps(data, ensure_ascii=False, sort_keys=True)))
            conn.execute("DELETE FROM actors WHERE id = ?", (from_id,))
            changed += conn.execute("UPDATE OR IGNORE actor_mentions SET actor_id = ? WHERE actor_id = ?",
                                    (into_id, from_id)).rowcount
            conn.execute("DELETE FROM actor_mentions WHERE actor_id = ?", (from_id,))
            changed += conn.execute("UPDATE OR IGNORE event_actors SET actor_id = ? WHERE actor_id = ?",
                                    (into_id, from_id)).rowcount
            conn.execute("DELETE FROM event_actors WHERE actor_id = ?", (from_id,))
            like = f'%"{from_id}"%'
            for table in ("events", "quantities", "claims"):
                for rid, data in conn.execute(f"SELECT id, data FROM {table} WHERE data LIKE ?", (like,)).fetchall():
                    item = json.loads(data)
                    for key in ("source", "target", "subjects", "about"):
                        if key in item:
                            item[key] = swap(item[key])
                    for key in ("attribution", "speaker"):
                        if item.get(key) == from_id:
                            item[key] = into_id
                    conn.execute(f"UPDATE {table} SET data = ? WHERE id = ?",
                                 (json.dumps(item, ensure_ascii=False, sort_keys=True), rid))
                    changed += 1
            conn.execute("UPDATE claims SET speaker = ? WHERE speaker = ?", (into_id, from_id))
        return changed

    # -- reading -----------------------------------------------------------

    def documents(self, limit: int | None = None, offset: int = 0) -> list[DocumentRow]:
        """Stored documents, newest publication first."""
        rows = self.conn.execute(
            "SELECT id, title, source, published, published_basis, words, path, url FROM documents"
            " ORDER BY published IS NULL, published DESC, id LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [DocumentRow(**dict(r)) for r in rows]

    def get_document(self, doc_id: str) -> Document | None:
        row = self.conn.execute("SELECT * FROM documents WHERE id = ?", (doc_id,)).fetchone()
        if row is None:
            return None
        data = dict(row)
        data["authors"] = json.loads(data["authors"])
        return document_from(data)

    def resolve_document_id(self, ref: str) -> str | None:
        """A document id from an id, a unique id prefix, or a path/URL it was read from."""
        if self.has_document(ref):
            return ref
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE id LIKE ? ESCAPE '\\' OR path = ? OR url = ? LIMIT 2",
            (ref.replace("%", "\\%").replace("_", "\\_") + "%", ref, ref),
        ).fetchall()
        return rows[0][0] if len(rows) == 1 else None

    def extraction(self, doc_id: str) -> Extraction | None:
        """Everything stored for one document."""
        doc = self.get_document(doc_id)
        if doc is None:
            return None
        from .model import ActorMention

        q = self.conn.execute
        return Extraction(
            document=doc,
            actors=[actor_from(json.loads(r[0])) for r in q(
                "SELECT DISTINCT a.data FROM actors a JOIN actor_mentions m ON m.actor_id = a.id"
                " WHERE m.document_id = ?", (doc_id,))],
            actor_mentions=[ActorMention(actor=r["actor_id"], document=doc_id, start=r["start"], end=r["end"],
                                         text=r["text"], how=r["how"] or "name")
                            for r in q('SELECT * FROM actor_mentions WHERE document_id = ? ORDER BY start', (doc_id,))],
            events=[event_from(json.loads(r[0])) for r in q(
                "SELECT data FROM events WHERE document_id = ? ORDER BY id", (doc_id,))],
            quantities=[quantity_from(json.loads(r[0])) for r in q(
                "SELECT data FROM quantities WHERE document_id = ? ORDER BY id", (doc_id,))],
            claims=[claim_from(json.loads(r[0])) for r in q(
                "SELECT data FROM claims WHERE document_id = ? ORDER BY id", (doc_id,))],
            times=[time_from(json.loads(r[0])) for r in q(
                'SELECT data FROM times WHERE document_id = ? ORDER BY start', (doc_id,))],
        )

    def actors(self, kind: str | None = None, country: str | None = None) -> list[Actor]:
        """Stored actors with their mentions, optionally filtered."""
        sql = "SELECT data FROM actors WHERE 1=1"
        args: list[Any] = []
        if kind:
            sql += " AND kind = ?"
            args.append(kind)
        if country:
            sql += " AND country = ?"
            args.append(country.upper())
        out = []
        for (data,) in self.conn.execute(sql + " ORDER BY name", args):
            out.append(actor_from(json.loads(data)))
        mentions: dict[str, list[Mention]] = {}
        for r in self.conn.execute('SELECT actor_id, document_id, start, "end", text FROM actor_mentions'
                                   ' ORDER BY document_id, start'):
            mentions.setdefault(r[0], []).append(Mention(r[1], r[2], r[3], r[4]))
        for a in out:
            a.mentions = mentions.get(a.id, [])
        return out

    def events(self, cluster_ids: Sequence[str] | None = None) -> list[Event]:
        """Real-world events: mentions sharing a cluster id merged into one Event.

        The merge (:func:`detente.fusion.merge_cluster`) names fields on which sources
        disagree in ``Event.disputed``; each version stays stored (:meth:`cluster_members`).
        ``cluster_ids`` limits the result to those events.
        """
        from .fusion import Member, merge_cluster

        sql = ("SELECT e.cluster_id, e.document_id, e.data, d.source, d.published FROM events e"
               " JOIN documents d ON d.id = e.document_id")
        args: list[Any] = []
        if cluster_ids is not None:
            sql += " WHERE e.cluster_id IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(list(cluster_ids)))
        by_cluster: dict[str, list[Member]] = {}
        for cluster, doc_id, data, source, published in self.conn.execute(
            sql + " ORDER BY e.cluster_id, d.published, e.id", args
        ):
            by_cluster.setdefault(cluster, []).append(
                Member(event_from(json.loads(data)), doc_id, source, published, cluster))
        merged = [m for ms in by_cluster.values() if len(ms) > 1 for m in ms]
        facts = self.actor_index({a for m in merged for a in (*m.event.source, *m.event.target)}) if merged else {}
        kinds = {k: a.kind for k, a in facts.items()}
        countries = {k: a.country or a.code for k, a in facts.items()}
        near = self.near_duplicate_pairs({m.document for m in merged}) if merged else []
        return [merge_cluster(c, ms, kinds, countries, near) for c, ms in by_cluster.items()]

    def quantities(self) -> list[Quantity]:
        return [quantity_from(json.loads(r[0])) for r in self.conn.execute("SELECT data FROM quantities ORDER BY id")]

    def claims(self) -> list[Claim]:
        return [claim_from(json.loads(r[0])) for r in self.conn.execute("SELECT data FROM claims ORDER BY id")]

    def times(self) -> list[TimeMention]:
        return [time_from(json.loads(r[0])) for r in self.conn.execute(
            'SELECT data FROM times ORDER BY document_id, start')]

    def all_documents(self) -> list[Document]:
        out = []
        for r in self.conn.execute("SELECT * FROM documents ORDER BY published IS NULL, published, id"):
            data = dict(r)
            data["authors"] = json.loads(data["authors"])
            out.append(document_from(data))
        return out

    def duplicates(self) -> list[dict[str, Any]]:
        """Exact duplicates (inputs linked to a stored document) and near-duplicate pairs."""
        exact = [dict(r, kind="exact") for r in self.conn.execute(
            "SELECT document_id, origin, alias_id, source, url FROM duplicates ORDER BY document_id")]
        near = [dict(r, kind="near") for r in self.conn.execute(
            "SELECT a, b, similarity FROM near_duplicates ORDER BY a, b")]
        return exact + near

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over documents (FTS5 syntax; plain words work)."""
        try:
            rows = self.conn.execute(
                "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet"
                " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
                " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
                (query, limit),
            ).fetchall()
        except sqlite3.OperationalError:
            quoted = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
            rows = self.conn.execute(
                "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet"
                " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
                " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?",
                (quoted, limit),
            ).fetchall()
        return [dict(r) for r in rows]

    def stats(self) -> dict[str, Any]:
        """Counts of what the store holds."""
        q = self.conn.execute

        def count(sql: str) -> int:
            return int(q(sql).fetchone()[0])

        modalities = {r[0]: r[1] for r in q("SELECT modality, COUNT(*) FROM events GROUP BY modality")}
        types = {r[0]: r[1] for r in q("SELECT type, COUNT(*) FROM events GROUP BY type ORDER BY 2 DESC")}
        span = q("SELECT MIN(published), MAX(published) FROM documents").fetchone()
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
            "event_mentions": count("SELECT COUNT(*) FROM events"),
            "events": count("SELECT COUNT(DISTINCT cluster_id) FROM events"),
            "events_by_modality": modalities,
            "events_by_type": types,
            "quantities": count("SELECT COUNT(*) FROM quantities"),
            "claims": count("SELECT COUNT(*) FROM claims"),
            "times": count("SELECT COUNT(*) FROM times"),
        }

    # -- analysis queries (fusion, timelines, relations) -----------------------

    def actor_index(self, ids: Iterable[str] | None = None) -> dict[str, Actor]:
        """Stored actors by id (without their mentions); all of them when ``ids`` is None."""
        if ids is None:
            rows = self.conn.execute("SELECT data FROM actors")
        else:
            rows = self.conn.execute("SELECT data FROM actors WHERE id IN (SELECT value FROM json_each(?))",
                                     (json.dumps(sorted(set(ids))),))
        out = {}
        for (data,) in rows:
            a = actor_from(json.loads(data))
            out[a.id] = a
        return out

    def actor_countries(self, ids: Iterable[str]) -> dict[str, str | None]:
        """The state (ISO3) each actor belongs to or acts for."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        rows = self.conn.execute("SELECT id, COALESCE(country, code) FROM actors"
                                 " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(wanted),))
        return {r[0]: r[1] for r in rows}

    def find_actors(self, ref: str) -> list[Actor]:
        """Actors whose id, name, code or an alias is ``ref`` (case-insensitive)."""
        key = ref.strip().casefold()
        rows = self.conn.execute(
            "SELECT DISTINCT a.data FROM actors a WHERE lower(a.id) = ? OR lower(a.name) = ? OR lower(a.code) = ?"
            " OR EXISTS (SELECT 1 FROM json_each(a.data, '$.aliases') j WHERE lower(j.value) = ?)"
            " ORDER BY a.kind = 'state' DESC, a.name", (key, key, key, key))
        return [actor_from(json.loads(r[0])) for r in rows]

    def fusion_candidates(self, countries: Sequence[str], types: Sequence[str], modality: str,
                          date_from: str, date_to: str, limit: int = 1000) -> list[Any]:
        """Event mentions that may report the same event: blocking by states, type and a date window.

        Uses the ``event_actors(country, role)`` index; returns :class:`detente.fusion.Member` rows.
        """
        from .fusion import Member

        rows = self.conn.execute(
            "SELECT DISTINCT e.id, e.cluster_id, e.document_id, e.data, d.source, d.published"
            " FROM event_actors ea JOIN events e ON e.id = ea.event_id JOIN documents d ON d.id = e.document_id"
            " WHERE ea.country IN (SELECT value FROM json_each(?)) AND ea.role IN ('source', 'target')"
            " AND e.type IN (SELECT value FROM json_each(?)) AND e.modality = ?"
            " AND ((e.date_start IS NOT NULL AND e.date_start <= ? AND COALESCE(e.date_end, e.date_start) >= ?)"
            "      OR (e.date_start IS NULL AND d.published BETWEEN ? AND ?))"
            " ORDER BY d.published, e.id LIMIT ?",
            (json.dumps(list(countries)), json.dumps(list(types)), modality, date_to, date_from,
             date_from, date_to, limit))
        return [Member(event_from(json.loads(r["data"])), r["document_id"], r["source"], r["published"],
                       r["cluster_id"]) for r in rows]

    def cluster_members(self, cluster_id: str) -> list[Any]:
        """Every stored version (mention) of one real-world event, as :class:`detente.fusion.Member`."""
        from .fusion import Member

        rows = self.conn.execute(
            "SELECT e.cluster_id, e.document_id, e.data, d.source, d.published FROM events e"
            " JOIN documents d ON d.id = e.document_id WHERE e.cluster_id = ? ORDER BY d.published, e.id",
            (cluster_id,))
        return [Member(event_from(json.loads(r[2])), r[1], r[3], r[4], r[0]) for r in rows]

    def near_duplicate_pairs(self, doc_ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """Near-duplicate document pairs (among ``doc_ids`` when given)."""
        if doc_ids is None:
            return [(r[0], r[1]) for r in self.conn.execute("SELECT a, b FROM near_duplicates")]
        ids = json.dumps(sorted(set(doc_ids)))
        return [(r[0], r[1]) for r in self.conn.execute(
            "SELECT a, b FROM near_duplicates WHERE a IN (SELECT value FROM json_each(?))"
            " AND b IN (SELECT value FROM json_each(?))", (ids, ids))]

    def event_cluster_ids(self, *, actors: Sequence[str] = (), countries: Sequence[str] = (),
                          pair: tuple[Sequence[str], Sequence[str]] | None = None,
                          types: Sequence[str] = (), modalities: Sequence[str] = (),
                          since: str | None = None, until: str | None = None) -> list[str]:
        """Ids of real-world events with a mention matching every given filter.

        ``actors``/``countries``: some participant (source or target) is one of these actor
        ids or belongs to one of these states.  ``pair``: one participant from each side
        (each side a list of actor ids and ISO3 codes).  Dates: the mention's interval
        overlaps [since, until]; undated mentions are left out when a range is given.
        """
        sql = "SELECT DISTINCT e.cluster_id FROM events e WHERE 1=1"
        args: list[Any] = []
        part = ("EXISTS (SELECT 1 FROM event_actors ea WHERE ea.event_id = e.id AND ea.role IN ('source', 'target')"
                " AND (ea.actor_id IN (SELECT value FROM json_each(?)) OR ea.country IN (SELECT value FROM json_each(?))))")
        if actors or countries:
            sql += " AND " + part
            args += [json.dumps(list(actors)), json.dumps(list(countries))]
        if pair is not None:
            for side in pair:
                sql += " AND " + part
                args += [json.dumps(list(side)), json.dumps(list(side))]
        if types:
            sql += " AND e.type IN (SELECT value FROM json_each(?))"
            args.append(json.dumps([t.upper() for t in types]))
        if modalities:
            sql += " AND e.modality IN (SELECT value FROM json_each(?))"
            args.append(json.dumps(list(modalities)))
        if since:
            sql += " AND COALESCE(e.date_end, e.date_start) >= ?"
            args.append(since)
        if until:
            sql += " AND e.date_start <= ?"
            args.append(until)
        return [r[0] for r in self.conn.execute(sql + " ORDER BY e.cluster_id", args)]

    def _dated_rows(self, table: str, since: str | None, until: str | None) -> Iterator[tuple[str, DocumentRow]]:
        sql = (f"SELECT x.data, d.id, d.title, d.source, d.published, d.published_basis, d.words, d.path, d.url"
               f" FROM {table} x JOIN documents d ON d.id = x.document_id WHERE 1=1")
        args: list[Any] = []
        if since:
            sql += " AND d.published >= ?"
            args.append(since)
        if until:
            sql += " AND d.published <= ?"
            args.append(until)
        for r in self.conn.execute(sql + " ORDER BY d.published, d.id, x.id", args):
            yield r[0], DocumentRow(id=r[1], title=r[2], source=r[3], published=r[4], published_basis=r[5],
                                    words=r[6], path=r[7], url=r[8])

    def claims_dated(self, since: str | None = None, until: str | None = None) -> list[tuple[Claim, DocumentRow]]:
        """Claims with the document that reports them, by publication date (a claim's date is its report's)."""
        return [(claim_from(json.loads(d)), row) for d, row in self._dated_rows("claims", since, until)]

    def quantities_dated(self, since: str | None = None,
                         until: str | None = None) -> list[tuple[Quantity, DocumentRow]]:
        """Quantities with the document that reports them, by publication date."""
        return [(quantity_from(json.loads(d)), row) for d, row in self._dated_rows("quantities", since, until)]

    def quantities_by_measure(self, measure: str, exclude_document: str | None = None) -> list[Quantity]:
        """Stored quantities of one measure (indexed), optionally not from one document."""
        rows = self.conn.execute(
            "SELECT data FROM quantities WHERE json_extract(data, '$.measure') = ? AND document_id IS NOT ?"
            " ORDER BY id", (measure, exclude_document))
        return [quantity_from(json.loads(r[0])) for r in rows]

    def mark_quantities_disputed(self, ids: Sequence[str]) -> None:
        """Flag quantities on which sources give different values."""
        with self.transaction() as conn:
            conn.execute("UPDATE quantities SET data = json_set(data, '$.disputed', json('true'))"
                         " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(list(ids)),))

    def document_rows(self, ids: Iterable[str]) -> dict[str, DocumentRow]:
        """Metadata of the given documents, by id."""
        rows = self.conn.execute(
            "SELECT id, title, source, published, published_basis, words, path, url FROM documents"
            " WHERE id IN (SELECT value FROM json_each(?))", (json.dumps(sorted(set(ids))),))
        return {r["id"]: DocumentRow(**dict(r)) for r in rows}

    def document_texts(self, ids: Iterable[str]) -> dict[str, str]:
        """Stored texts of the given documents (for citations), by id."""
        rows = self.conn.execute("SELECT id, text FROM documents WHERE id IN (SELECT value FROM json_each(?))",
                                 (json.dumps(sorted(set(ids))),))
        return {r[0]: r[1] for r in rows}

    def actor_first_seen(self) -> dict[str, str]:
        """For each actor, the earliest publication date of a document mentioning it."""
        rows = self.conn.execute(
            "SELECT x.actor_id, MIN(d.published) FROM ("
            "  SELECT actor_id, document_id FROM actor_mentions"
            "  UNION SELECT ea.actor_id, e.document_id FROM event_actors ea JOIN events e ON e.id = ea.event_id"
            ") x JOIN documents d ON d.id = x.document_id WHERE d.published IS NOT NULL GROUP BY x.actor_id")
        return {r[0]: r[1] for r in rows}

    def search_all(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over documents, claims (quotes) and event evidence (FTS5; plain words work)."""

        def run(q: str) -> list[dict[str, Any]]:
            hits = [dict(r, kind="document", document=r["id"]) for r in self.conn.execute(
                "SELECT d.id, d.title, snippet(documents_fts, 1, '[', ']', '…', 12) AS snippet, rank"
                " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
                " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?", (q, limit))]
            hits += [dict(r, kind="claim", title=None) for r in self.conn.execute(
                "SELECT c.id, c.document_id AS document, snippet(claims_fts, 0, '[', ']', '…', 12) AS snippet, rank"
                " FROM claims_fts JOIN claims c ON c.rowid = claims_fts.rowid"
                " WHERE claims_fts MATCH ? ORDER BY rank LIMIT ?", (q, limit))]
            hits += [dict(r, kind="event", title=None) for r in self.conn.execute(
                "SELECT e.cluster_id AS id, e.document_id AS document,"
                " snippet(events_fts, 0, '[', ']', '…', 12) AS snippet, rank"
                " FROM events_fts JOIN events e ON e.rowid = events_fts.rowid"
                " WHERE events_fts MATCH ? ORDER BY rank LIMIT ?", (q, limit))]
            hits.sort(key=lambda h: (h["rank"], h["kind"], h["id"]))
            for h in hits:
                h.pop("rank", None)
            return hits[:limit]

        try:
            return run(query)
        except sqlite3.OperationalError:
            return run(" ".join('"' + w.replace('"', '""') + '"' for w in query.split()))

    def actor_mentions_first(self, ids: Iterable[str]) -> dict[str, list[Mention]]:
        """For each actor, its mentions in the earliest-published document that mentions it."""
        out: dict[str, list[Mention]] = {}
        rows = self.conn.execute(
            'SELECT m.actor_id, m.document_id, m.start, m."end", m.text, d.published FROM actor_mentions m'
            " JOIN documents d ON d.id = m.document_id WHERE m.actor_id IN (SELECT value FROM json_each(?))"
            " ORDER BY m.actor_id, d.published IS NULL, d.published, m.document_id, m.start",
            (json.dumps(sorted(set(ids))),))
        first_doc: dict[str, str] = {}
        for r in rows:
            if first_doc.setdefault(r[0], r[1]) == r[1]:
                out.setdefault(r[0], []).append(Mention(r[1], r[2], r[3], r[4]))
        return out

    def actor_countries_known(self) -> set[str]:
        """Every state code that stored actors belong to."""
        return {r[0] for r in self.conn.execute("SELECT DISTINCT country FROM actors WHERE country IS NOT NULL")}
