"""Migration 11 (with :mod:`.pasts`): each actor's first publication date, kept by the writer.

``detente changes`` lists the actors first seen in its window: those a report of
the window mentions and no earlier report does.  Read from the mentions, that is
every actor of the window's reports and a probe of each one's earlier reports
(hundreds of milliseconds on a large store); ``actor_firsts`` holds the answer of
:meth:`detente.store.queries.QueriesMixin.actor_first_seen` (the earliest
publication date of a document mentioning the actor, in ``actor_mentions`` or as
an event argument) so that the window's new actors are one index range.

The writer keeps it in the transaction that writes mentions: an added document
lowers its actors' dates (:func:`add`); a deleted one, or an event re-written
away from another document, recomputes the actors whose date may have been its
(:func:`recompute`); an actor merge recomputes the actor kept.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from .dialect import DB, Dialect

_MENTIONED = ("SELECT actor_id, document_id FROM actor_mentions{m}"
              " UNION SELECT ea.actor_id, e.document_id FROM event_actors ea JOIN events e ON e.id = ea.event_id{e}")


def create_sql(d: Dialect) -> str:
    """The table and its index (no rows; :func:`backfill_sql` fills it)."""
    t = d.text
    return f"""
        CREATE TABLE actor_firsts (
            actor_id {t} PRIMARY KEY,
            published {t} NOT NULL               -- the earliest publication date of a report mentioning it
        ){d.table_options};
        CREATE INDEX actor_firsts_published ON actor_firsts(published);
"""


def backfill_sql() -> str:
    """Fill the table from the stored mentions (migration 11)."""
    return (f"INSERT INTO actor_firsts(actor_id, published) SELECT x.actor_id, MIN(d.published)"
            f" FROM ({_MENTIONED.format(m='', e='')}) x JOIN documents d ON d.id = x.document_id"
            f" WHERE d.published IS NOT NULL GROUP BY x.actor_id;")


def actors_of(db: DB, doc_id: str) -> set[str]:
    """The actors a stored document mentions."""
    return {r[0] for r in db.execute(
        f"SELECT actor_id FROM ({_MENTIONED.format(m=' WHERE document_id = ?', e=' WHERE e.document_id = ?')}) x",
        (doc_id, doc_id))}


def add(db: DB, doc_id: str, published: str | None) -> None:
    """A document was written: its actors were first seen no later than its publication date."""
    if not published:
        return
    db.executemany(
        "INSERT INTO actor_firsts(actor_id, published) VALUES (?, ?) ON CONFLICT (actor_id)"
        " DO UPDATE SET published = excluded.published WHERE excluded.published < actor_firsts.published",
        [(a, published) for a in sorted(actors_of(db, doc_id))])


def recompute(db: DB, actors: Iterable[str]) -> None:
    """Recompute these actors' dates from the stored mentions (after some were removed or re-linked)."""
    wanted = sorted(set(actors))
    if not wanted:
        return
    d = db.dialect
    m_cond, m_arg = d.in_list("actor_id", wanted)
    e_cond, e_arg = d.in_list("ea.actor_id", wanted)
    rows = db.execute(f"SELECT x.actor_id, MIN(d.published) FROM ({_MENTIONED.format(m=' WHERE ' + m_cond, e=' WHERE ' + e_cond)})"
                      f" x JOIN documents d ON d.id = x.document_id WHERE d.published IS NOT NULL GROUP BY x.actor_id",
                      (m_arg, e_arg)).fetchall()
    cond, arg = d.in_list("actor_id", wanted)
    db.execute(f"DELETE FROM actor_firsts WHERE {cond}", (arg,))
    if rows:
        db.executemany("INSERT INTO actor_firsts(actor_id, published) VALUES (?, ?)", [(r[0], r[1]) for r in rows])


def merge(db: DB, from_id: str, into_id: str) -> None:
    """``from_id``'s mentions now name ``into_id``: it was first seen at the earlier of the two dates."""
    rows = dict(db.execute("SELECT actor_id, published FROM actor_firsts WHERE actor_id IN (?, ?)",
                           (from_id, into_id)).fetchall())
    db.execute("DELETE FROM actor_firsts WHERE actor_id IN (?, ?)", (from_id, into_id))
    if rows:
        db.execute("INSERT INTO actor_firsts(actor_id, published) VALUES (?, ?)", (into_id, min(rows.values())))


def between(q: Callable[[str, Sequence[Any]], Any], since: str, until: str | None) -> dict[str, str]:
    """The actors first seen in [since, until] (publication dates, compared as stored), with the date."""
    if until is None:
        rows = q("SELECT actor_id, published FROM actor_firsts WHERE published >= ?", (since,))
    else:
        rows = q("SELECT actor_id, published FROM actor_firsts WHERE published >= ? AND published <= ?",
                 (since, until))
    return {r[0]: r[1] for r in rows}
