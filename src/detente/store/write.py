"""Writing: a document with everything derived from it, duplicates, clusters, deletes, merges."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

from ..errors import StoreError
from ..fusion.rules import tie_word
from ..model import Actor, Extraction, to_json
from . import dyads, firsts, fused, mentioned
from .base import DOCUMENT_COLUMNS, StoreBase, _dumps, _now
from .dialect import DB


class WriteMixin(StoreBase):
    """The store's writing methods."""

    def has_document(self, doc_id: str) -> bool:
        """Whether a document with this id is stored."""
        return self._q("SELECT 1 FROM documents WHERE id = ?", (doc_id,)).fetchone() is not None

    def origin_of(self, doc_id: str) -> str | None:
        """The input (path, URL, manifest line) a stored document was read from."""
        row = self._q("SELECT origin FROM documents WHERE id = ?", (doc_id,)).fetchone()
        return row[0] if row else None

    def document_with_hash(self, content_hash: str) -> str | None:
        """The id of the stored document whose normalised text has this hash."""
        row = self._q("SELECT id FROM documents WHERE content_hash = ?", (content_hash,)).fetchone()
        return row[0] if row else None

    def add(
        self,
        extraction: Extraction,
        *,
        content_hash: str,
        origin: str | None = None,
        signature: bytes | None = None,
        near_duplicates: Sequence[tuple[str, float]] = (),
    ) -> bool:
        """Write a document and everything derived from it in one transaction.

        True when it was written; False when it was stored already (see below).

        Idempotent across writers: when another writer (another process on the same
        database) stored this very document first, nothing changes; when it stored the
        same text under another id, this input is linked to it as a duplicate.  A
        different text under a stored id is a :class:`StoreError`.
        """
        doc = extraction.document
        with self.transaction() as db:
            inserted = db.execute(
                f"INSERT INTO documents({DOCUMENT_COLUMNS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)"
                " ON CONFLICT DO NOTHING RETURNING id",
                (
                    doc.id, doc.title, doc.source, doc.url, doc.published, doc.published_basis,
                    json.dumps(doc.authors, ensure_ascii=False), doc.path, origin, doc.text,
                    content_hash, len(doc.text.split()), _now(),
                ),
            ).fetchall()
            if not inserted:
                self._stored_before(db, extraction, content_hash, origin)
                return False
            if signature is not None:
                db.execute("INSERT INTO signatures(document_id, minhash) VALUES (?, ?)", (doc.id, signature))
            near = self.dialect.upsert("near_duplicates", ("a", "b", "similarity"), ("a", "b"), replace=True)
            for other, sim in near_duplicates:
                a, b = sorted((doc.id, other))
                db.execute(near, (a, b, sim))
            self._write_extraction(db, extraction)
        return True

    def _stored_before(self, db: DB, ex: Extraction, content_hash: str, origin: str | None) -> None:
        """The document's id or text is stored already (by another writer, or an earlier run)."""
        doc = ex.document
        row = db.execute("SELECT id, content_hash FROM documents WHERE content_hash = ?",
                         (content_hash,)).fetchone()
        if row is not None and row[0] == doc.id:
            return  # this very document: storing it again changes nothing
        if row is not None:
            # the same text under another id: link this input, as ingest does for duplicates it sees
            db.execute(self._link_sql(), (row[0], origin or doc.path or doc.id, doc.id, doc.title, doc.source,
                                          doc.url, doc.published, _now()))
            return
        raise StoreError(f"document {doc.id} is already stored with a different text; "
                         "give this input another id", input=origin or doc.id)

    def _write_extraction(self, db: DB, ex: Extraction) -> None:
        doc_id = ex.document.id
        d = self.dialect
        known = fused.facts(db.execute, d, [a.id for a in ex.actors])
        for actor in ex.actors:
            self._upsert_actor(db, actor)
        now = fused.facts(db.execute, d, [a.id for a in ex.actors])
        # stored events naming an actor whose kind or state this changed merge differently (migration 16)
        restated = fused.naming(db, [a for a, kind in now[0].items()
                                     if (known[0].get(a), known[1].get(a)) != (kind, now[1][a])])
        countries = {a.id: a.country for a in ex.actors}
        db.executemany(
            d.upsert("actor_mentions", ("document_id", "actor_id", "start", "end", "text", "how"),
                     ("document_id", "start", "end", "actor_id"), replace=False),
            [(doc_id, m.actor, m.start, m.end, m.text, m.how) for m in ex.actor_mentions],
        )
        mentioned.add(db, doc_id)  # migration 14's counts (a new document: it had no mentions)
        event_sql = d.upsert("events", ("id", "document_id", "cluster_id", "type", "modality", "quad_class",
                                        "date_start", "date_end", "data", "tie"), ("id",), replace=True)
        role_sql = d.upsert("event_actors", ("event_id", "actor_id", "country", "role"),
                            ("event_id", "actor_id", "role"), replace=False)
        # a re-written event id leaves its old real-world event: that one is rebuilt too
        clusters = {ev.id for ev in ex.events}
        moved: set[str] = set()  # actors of events re-written away from another document (migration 11)
        if ex.events:
            cond, arg = d.in_list("id", sorted(clusters))
            clusters |= {r[0] for r in db.execute(f"SELECT cluster_id FROM events WHERE {cond}", (arg,))}
            ecnd, earg = d.in_list("e.id", sorted({ev.id for ev in ex.events}))
            moved = {r[0] for r in db.execute(f"SELECT ea.actor_id FROM events e JOIN event_actors ea"
                                              f" ON ea.event_id = e.id WHERE {ecnd} AND e.document_id <> ?",
                                              (earg, doc_id))}
        for ev in ex.events:
            db.execute(event_sql, (ev.id, doc_id, ev.id, ev.type, ev.modality, ev.quad_class, ev.date.start,
                                   ev.date.end, _dumps(ev), tie_word(ev)))
            rows = [(ev.id, a, self._country(db, a, countries), "source") for a in ev.source]
            rows += [(ev.id, a, self._country(db, a, countries), "target") for a in ev.target]
            if ev.attribution:
                rows.append((ev.id, ev.attribution, self._country(db, ev.attribution, countries), "attribution"))
            db.executemany(role_sql, rows)
        db.executemany(d.upsert("quantities", ("id", "document_id", "data"), ("id",), replace=True),
                       [(q.id, doc_id, _dumps(q)) for q in ex.quantities])
        db.executemany(d.upsert("quantity_subjects", ("subject", "quantity_id"), ("subject", "quantity_id"),
                                replace=False),
                       [(s, q.id) for q in ex.quantities for s in dict.fromkeys(q.subjects)])
        dyads.refresh_clusters(db, clusters)
        fused.refresh(db, [c for c in restated if c not in clusters])
        firsts.recompute(db, moved)
        firsts.add(db, doc_id, ex.document.published)
        db.executemany(d.upsert("claims", ("id", "document_id", "speaker", "published", "data"), ("id",),
                                replace=True),
                       [(c.id, doc_id, c.speaker, ex.document.published, _dumps(c)) for c in ex.claims])
        db.executemany(d.upsert("times", ("document_id", "start", "end", "data"),
                                ("document_id", "start", "end"), replace=True),
                       [(doc_id, t.start, t.end, _dumps(t)) for t in ex.times])
        db.executemany(d.upsert("positions", ("id", "document_id", "actor_id", "state", "issue", "stance", "target",
                                              "modality", "date_start", "date_end", "data"), ("id",), replace=True),
                       [(p.id, doc_id, p.actor, p.state, p.issue, p.stance, p.target, p.modality, p.date.start,
                         p.date.end, _dumps(p)) for p in ex.positions])

    @staticmethod
    def _country(db: DB, actor_id: str, known: dict[str, str | None]) -> str | None:
        if actor_id in known:
            return known[actor_id]
        row = db.execute("SELECT country FROM actors WHERE id = ?", (actor_id,)).fetchone()
        known[actor_id] = row[0] if row else None
        return known[actor_id]

    def _upsert_actor(self, db: DB, actor: Actor) -> None:
        """Insert an actor, or merge aliases and roles into the stored one."""
        row = db.execute("SELECT data FROM actors WHERE id = ?", (actor.id,)).fetchone()
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
        db.execute(
            self.dialect.upsert("actors", ("id", "name", "kind", "code", "country", "data"), ("id",), replace=True),
            (data["id"], data["name"], data["kind"], data.get("code"), data.get("country"),
             json.dumps(data, ensure_ascii=False, sort_keys=True)),
        )

    def _link_sql(self) -> str:
        return self.dialect.upsert(
            "duplicates", ("document_id", "origin", "alias_id", "title", "source", "url", "published", "seen_at"),
            ("document_id", "origin"), replace=True)

    def link_duplicate(self, document_id: str, origin: str, *, alias_id: str | None = None,
                       title: str | None = None, source: str | None = None, url: str | None = None,
                       published: str | None = None) -> None:
        """Record that ``origin`` had the same text as a stored document."""
        with self.transaction() as db:
            db.execute(self._link_sql(), (document_id, origin, alias_id, title, source, url, published, _now()))

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """Stored MinHash signatures, to rebuild the near-duplicate index."""
        for row in self._q("SELECT document_id, minhash FROM signatures"):
            yield row[0], bytes(row[1])

    def refresh_ties(self) -> None:
        """Recompute every event's standing tie with the current ``fusion.yaml`` (one transaction)."""
        with self.transaction() as db:
            dyads.refresh_ties(db)

    def set_event_clusters(self, assignments: dict[str, str]) -> None:
        """Assign event mentions (by id) to real-world events (cluster ids)."""
        if not assignments:
            return
        with self.transaction() as db:
            cond, arg = self.dialect.in_list("id", sorted(assignments))
            touched = {r[0] for r in db.execute(f"SELECT cluster_id FROM events WHERE {cond}", (arg,))}
            clusters = touched | set(assignments.values())
            before = dyads.leads(db, clusters)
            db.executemany("UPDATE events SET cluster_id = ? WHERE id = ?", [(c, e) for e, c in assignments.items()])
            dyads.refresh_clusters(db, clusters, moved=assignments, leads_before=before)

    def delete_document(self, doc_id: str) -> bool:
        """Remove a document and everything derived only from it.  False if unknown."""
        if not self.has_document(doc_id):
            return False
        with self.transaction() as db:
            # the real-world events it reported lose a version: their lead may change
            clusters = {r[0] for r in db.execute("SELECT DISTINCT cluster_id FROM events WHERE document_id = ?",
                                                 (doc_id,))}
            before = dyads.contribution_of_clusters(db, clusters)
            # migration 11: actors first seen in this report are dated again without it
            published = db.execute("SELECT published FROM documents WHERE id = ?", (doc_id,)).fetchone()[0]
            named = firsts.actors_of(db, doc_id)
            mentioned.remove(db, doc_id)  # migration 14: its mentions are about to go
            db.execute("DELETE FROM documents WHERE id = ?", (doc_id,))  # cascades to derived rows
            dyads.refresh_clusters(db, clusters, old=before)
            if published and named:
                cond, arg = self.dialect.in_list("actor_id", sorted(named))
                firsts.recompute(db, [r[0] for r in db.execute(
                    f"SELECT actor_id FROM actor_firsts WHERE {cond} AND published = ?", (arg, published))])
            # actors learned from text that nothing refers to any more
            db.execute(
                "DELETE FROM actors WHERE id NOT IN (SELECT actor_id FROM actor_mentions)"
                " AND id NOT IN (SELECT actor_id FROM event_actors)"
                " AND id NOT IN (SELECT speaker FROM claims WHERE speaker IS NOT NULL)"
                " AND id NOT IN (SELECT actor_id FROM positions)"
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
        with self.transaction() as db:
            src = db.execute("SELECT data FROM actors WHERE id = ?", (from_id,)).fetchone()
            dst = db.execute("SELECT data FROM actors WHERE id = ?", (into_id,)).fetchone()
            if src and dst:
                merged = json.loads(dst[0])
                old = json.loads(src[0])
                merged["aliases"] = list(dict.fromkeys(merged.get("aliases", []) + [old["name"]]
                                                       + old.get("aliases", [])))
                db.execute("UPDATE actors SET data = ? WHERE id = ?",
                           (json.dumps(merged, ensure_ascii=False, sort_keys=True), into_id))
            elif src:  # nothing stored under the new id yet: rename
                data = json.loads(src[0])
                data["id"] = into_id
                db.execute("INSERT INTO actors(id, name, kind, code, country, data) VALUES (?,?,?,?,?,?)",
                           (into_id, data["name"], data["kind"], data.get("code"), data.get("country"),
                            json.dumps(data, ensure_ascii=False, sort_keys=True)))
            db.execute("DELETE FROM actors WHERE id = ?", (from_id,))
            # events naming the old actor: their dyads (by the actor's id when it has no state) are rebuilt
            clusters = {r[0] for r in db.execute(
                "SELECT DISTINCT e.cluster_id FROM event_actors ea JOIN events e ON e.id = ea.event_id"
                " WHERE ea.actor_id = ?", (from_id,))}
            # rows the other actor already has (same key) are dropped, the rest re-linked:
            # UPDATE OR IGNORE, written so that both dialects run it
            db.execute('DELETE FROM actor_mentions WHERE actor_id = ? AND EXISTS (SELECT 1 FROM actor_mentions o'
                       ' WHERE o.actor_id = ? AND o.document_id = actor_mentions.document_id'
                       ' AND o.start = actor_mentions.start AND o."end" = actor_mentions."end")', (from_id, into_id))
            changed += db.execute("UPDATE actor_mentions SET actor_id = ? WHERE actor_id = ?",
                                  (into_id, from_id)).rowcount
            db.execute("DELETE FROM event_actors WHERE actor_id = ? AND EXISTS (SELECT 1 FROM event_actors o"
                       " WHERE o.actor_id = ? AND o.event_id = event_actors.event_id AND o.role = event_actors.role)",
                       (from_id, into_id))
            changed += db.execute("UPDATE event_actors SET actor_id = ? WHERE actor_id = ?",
                                  (into_id, from_id)).rowcount
            like = f'%"{from_id}"%'
            for table in ("events", "quantities", "claims", "positions"):
                for rid, data in db.execute(f"SELECT id, data FROM {table} WHERE data LIKE ?", (like,)).fetchall():
                    item = json.loads(data)
                    for key in ("source", "target", "subjects", "about"):
                        if isinstance(item.get(key), list):
                            item[key] = swap(item[key])
                    # a position's holder, channel and (per-target issue) target are single ids
                    for key in ("attribution", "speaker", "actor", "reported_by", "target"):
                        if item.get(key) == from_id:
                            item[key] = into_id
                    db.execute(f"UPDATE {table} SET data = ? WHERE id = ?",
                               (json.dumps(item, ensure_ascii=False, sort_keys=True), rid))
                    changed += 1
            db.execute("UPDATE claims SET speaker = ? WHERE speaker = ?", (into_id, from_id))
            db.execute("UPDATE positions SET actor_id = ? WHERE actor_id = ?", (into_id, from_id))
            db.execute("DELETE FROM quantity_subjects WHERE subject = ? AND EXISTS (SELECT 1 FROM quantity_subjects o"
                       " WHERE o.subject = ? AND o.quantity_id = quantity_subjects.quantity_id)", (from_id, into_id))
            db.execute("UPDATE quantity_subjects SET subject = ? WHERE subject = ?", (into_id, from_id))
            firsts.merge(db, from_id, into_id)
            mentioned.recount(db, (from_id, into_id))  # migration 14
            dyads.refresh_clusters(db, clusters)
        return changed
