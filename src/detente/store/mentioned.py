"""Migration 14: how often each actor is mentioned, and in how many documents, kept by the writer.

The actor list (``GET /api/actors``, the web UI's Actors page, ``detente actors``)
shows each actor's mention and document counts and sorts by them.  Read from
``actor_mentions`` that is every mention of the store (millions of rows in a
store of 200,000 articles) for a page of a hundred actors; ``actor_counts`` holds
the two numbers per actor, so the list reads one row per actor.  The mentions'
index by actor gains the document and start, so that a page of one actor's
documents (``GET /api/actors/{id}?documents_limit=``) is a range of it.

``mentions`` is the number of ``actor_mentions`` rows naming the actor and
``documents`` the number of distinct documents among them: what the mentions
themselves count (``tests/store/test_actor_counts.py`` compares them after every
kind of write, on both backends).  An actor without mentions (named only as an
event's argument) has no row: its counts are 0.

The writer keeps it in the transaction that writes mentions: a new document adds
its mentions (:func:`add`), a deleted one takes its own away (:func:`remove`,
before the delete), and an actor merge recounts both actors (:func:`recount`).
"""

from __future__ import annotations

from collections.abc import Iterable

from .dialect import DB, Dialect


def create_sql(d: Dialect) -> str:
    """The table (no rows; :func:`backfill_sql` fills it), and the mentions' index by actor extended with the
    document and start: one actor's documents, and a page of them, are read from the index alone."""
    t = d.text
    return f"""
        DROP INDEX actor_mentions_actor;
        CREATE INDEX actor_mentions_actor ON actor_mentions(actor_id, document_id, start);
        CREATE TABLE actor_counts (
            actor_id {t} PRIMARY KEY,
            mentions INTEGER NOT NULL,           -- actor_mentions rows naming it
            documents INTEGER NOT NULL           -- distinct documents among them
        ){d.table_options};
"""


def backfill_sql() -> str:
    """Fill the table from the stored mentions (migration 14)."""
    return ("INSERT INTO actor_counts(actor_id, mentions, documents)"
            " SELECT actor_id, COUNT(*), COUNT(DISTINCT document_id) FROM actor_mentions GROUP BY actor_id;")


def _of_document(db: DB, doc_id: str) -> list[tuple[str, int]]:
    return [(r[0], int(r[1])) for r in db.execute(
        "SELECT actor_id, COUNT(*) FROM actor_mentions WHERE document_id = ? GROUP BY actor_id", (doc_id,))]


def add(db: DB, doc_id: str) -> None:
    """A new document's mentions were written (it had none before): count them in."""
    db.executemany(
        "INSERT INTO actor_counts(actor_id, mentions, documents) VALUES (?, ?, 1) ON CONFLICT (actor_id)"
        " DO UPDATE SET mentions = actor_counts.mentions + excluded.mentions,"
        " documents = actor_counts.documents + 1",
        _of_document(db, doc_id))


def remove(db: DB, doc_id: str) -> None:
    """A document is about to be deleted: take its mentions out (call before the delete)."""
    found = _of_document(db, doc_id)
    if not found:
        return
    db.executemany("UPDATE actor_counts SET mentions = mentions - ?, documents = documents - 1 WHERE actor_id = ?",
                   [(n, actor) for actor, n in found])
    cond, arg = db.dialect.in_list("actor_id", sorted(a for a, _ in found))
    db.execute(f"DELETE FROM actor_counts WHERE {cond} AND mentions <= 0", (arg,))


def recount(db: DB, actors: Iterable[str]) -> None:
    """Count these actors' mentions again (after mentions were re-linked from one actor to another)."""
    wanted = sorted(set(actors))
    if not wanted:
        return
    cond, arg = db.dialect.in_list("actor_id", wanted)
    rows = db.execute(f"SELECT actor_id, COUNT(*), COUNT(DISTINCT document_id) FROM actor_mentions WHERE {cond}"
                      " GROUP BY actor_id", (arg,)).fetchall()
    db.execute(f"DELETE FROM actor_counts WHERE {cond}", (arg,))
    if rows:
        db.executemany("INSERT INTO actor_counts(actor_id, mentions, documents) VALUES (?, ?, ?)",
                       [(r[0], int(r[1]), int(r[2])) for r in rows])
