"""Analysis queries: fusion blocking, timelines, relations, networks, briefings.

Each query filters on indexed columns on both backends (see ``schema.py``):
``event_actors(country, role)`` and ``(actor_id, role)`` for states and actors,
``events(date_start)``/``(type, date_start)`` for windows, ``events(cluster_id)``,
``documents(published)``, and the quantity ``measure`` expression index.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from ..fusion.members import Member
from ..model import Actor, Claim, Mention, Quantity, actor_from, claim_from, event_from, quantity_from
from . import firsts, fts, leads, links, pasts
from .base import DocumentRow
from .dyads import TIE_RULES_KEY
from .lookup import LookupMixin

# below this many reports before a window, reading them all beats probing each actor of the window
FEW_EARLIER_REPORTS = 5000
# an actor's first mentions are probed report by report on its first day; when at least this many actors
# were first seen on one day (a store's first days, where every actor is new), the day's mentions are read
# once instead (a report names a few dozen actors at most)
DAY_READ_ACTORS = 32


class QueriesMixin(LookupMixin):
    """The store's analysis queries."""

    def actors_matching(self, needle: str, limit: int) -> list[tuple[Actor, int]]:
        """The first ``limit`` actors by name (as :meth:`actors` orders them) whose name or an alias contains
        ``needle`` ignoring case (``casefold``), each without its mentions but with how many there are
        (migration 14's counts: a state's hundreds of thousands of mentions are not read to count them).

        The database passes only records that could match: those holding the needle
        lowered (its ASCII letters; a pure-ASCII record's names fold as they lower) and
        every record with a character outside printable ASCII or an escape (where
        folding may differ); the exact test is Python's.  Search asks this of every
        actor, and parsing them all was most of its time.
        """
        folded = needle.casefold()
        could = self.dialect.variant(
            sqlite="instr(lower(a.data), ?) > 0 OR a.data GLOB '*[^ -~]*' OR instr(a.data, char(92)) > 0",
            postgresql="strpos(lower(a.data), ?) > 0 OR a.data ~ '[^ -~]' OR strpos(a.data, chr(92)) > 0")
        rows = self._q(f"SELECT a.data, COALESCE(c.mentions, 0) FROM actors a LEFT JOIN actor_counts c"
                       f" ON c.actor_id = a.id WHERE {could} ORDER BY a.name", (folded,))
        found = []
        for data, mentions in rows:
            a = actor_from(json.loads(data))
            if folded in a.name.casefold() or any(folded in x.casefold() for x in a.aliases):
                found.append((a, int(mentions)))
                if len(found) == limit:
                    break
        return found

    def find_actors(self, ref: str) -> list[Actor]:
        """Actors whose id, name, code or an alias is ``ref`` (case-insensitive)."""
        key = ref.strip().casefold()
        alias = self.dialect.json_array_has("a.data", "aliases", "lower(j.value) = ?")
        # an alias equal to the key appears in the record's text as the key does in JSON, up to
        # case: a plain text match first spares parsing every actor's JSON (the slow part)
        escaped = json.dumps(key, ensure_ascii=False)[1:-1]
        pattern = "%" + escaped.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        like = self.dialect.like_any_case("a.data")
        rows = self._q(
            "SELECT a.data FROM actors a WHERE lower(a.id) = ? OR lower(a.name) = ? OR lower(a.code) = ?"
            f" OR ({like} ESCAPE '\\' AND {alias}) ORDER BY a.kind = 'state' DESC, a.name, a.id",
            (key, key, key, pattern, key))
        return [actor_from(json.loads(r[0])) for r in rows]

    def fusion_candidates(self, countries: Sequence[str], types: Sequence[str], modality: str,
                          date_from: str, date_to: str, limit: int = 1000,
                          parsed: dict[str, Any] | None = None) -> list[Member]:
        """Event mentions that may report the same event: blocking by states, type and a date window.

        Driven by ``event_dyads`` rows of single states (``a = b``), whose key carries the
        date: the query visits the window's mentions of those states, not all of them.
        Returns :class:`detente.fusion.Member` rows.  ``parsed``: event records already
        read by the caller (by id), reused and added to, so that the events of one
        document, or of one ingest run, whose windows overlap, parse each stored record
        once (a record does not change while it is stored).
        """
        if not countries or not types:
            return []
        sub, args = self._dyad_window("event_id", [(c, c) for c in sorted(set(countries))], types=types,
                                      modalities=[modality], since=date_from, until=date_to, undated=True)
        rows = self._q(
            "SELECT e.id, e.cluster_id, e.document_id, d.source, d.published"
            f" FROM events e JOIN documents d ON d.id = e.document_id WHERE e.id IN ({sub})"
            " ORDER BY d.published, e.id LIMIT ?", (*args, limit)).fetchall()
        cache: dict[str, Any] = {} if parsed is None else parsed
        events = {r["id"]: event for r in rows if (event := cache.get(r["id"])) is not None}
        missing = [r["id"] for r in rows if r["id"] not in events]
        if missing:  # only the records not parsed before are read
            cond, arg = self.dialect.in_list("id", missing)
            for r in self._q(f"SELECT id, data FROM events WHERE {cond}", (arg,)):
                events[r["id"]] = cache[r["id"]] = event_from(json.loads(r["data"]))
        return [Member(events[r["id"]], r["document_id"], r["source"], r["published"], r["cluster_id"])
                for r in rows]

    def _dyad_window(self, columns: str, pairs: Sequence[tuple[str, str]], *, types: Sequence[str] = (),
                     modalities: Sequence[str] = (), since: str | None = None, until: str | None = None,
                     undated: bool = False, quad_classes: Sequence[int] = ()) -> tuple[str, list[Any]]:
        """A UNION ALL of index ranges over ``event_dyads`` for these pairs (``a <= b``) and filters.

        Dates: the mention's interval overlaps [since, until]; one-month mentions are a
        range of start days from the first of ``since``'s month, longer ones a range up to
        ``until``.  Undated mentions come in when no range is given, or with
        ``undated`` (fusion's rule: published within the range).  ``quad_classes``: of events whose lead
        (so the merged event) has one of them.
        """
        filters = ""
        base_args: list[Any] = []
        # types and modalities are a few known words: one placeholder each, so that the
        # planner sees how many (and prefers the index on (a, b, type, modality, span, day)
        # for fusion's few types over the key's wider date range)
        for column, values in (("type", sorted({t.upper() for t in types})), ("modality", sorted(set(modalities)))):
            if values:
                filters += f" AND {column} IN ({', '.join('?' for _ in values)})"
                base_args.extend(values)
        if quad_classes:
            quads = sorted(set(quad_classes))
            filters += f" AND quad_class IN ({', '.join('?' for _ in quads)})"
            base_args.extend(quads)
        parts: list[str] = []
        args: list[Any] = []
        for a, b in pairs:
            a, b = min(a, b), max(a, b)
            head = f"SELECT {columns} FROM event_dyads WHERE a = ? AND b = ?"
            if since is None and until is None:
                parts.append(head + filters)
                args.extend((a, b, *base_args))
                continue
            lo = None
            if since:
                try:
                    lo = leads.month_start(since)
                except ValueError:
                    lo = None
            for span in (0, 1):
                cond = " AND span = ?"
                extra: list[Any] = [span]
                if span == 0 and lo:
                    cond += " AND day >= ?"
                    extra.append(lo)
                if until:
                    cond += " AND day <= ?"
                    extra.append(until)
                if since:
                    cond += " AND date_end >= ?"
                    extra.append(since)
                parts.append(head + cond + filters)
                args.extend((a, b, *extra, *base_args))
            if undated:
                cond = " AND span = ?"
                extra = [2]
                if since:
                    cond += " AND day >= ?"
                    extra.append(since)
                if until:
                    cond += " AND day <= ?"
                    extra.append(until)
                parts.append(head + cond + filters)
                args.extend((a, b, *extra, *base_args))
        return " UNION ALL ".join(parts), args

    def dyad_cluster_ids(self, pairs: Sequence[tuple[str, str]], *, types: Sequence[str] = (),
                         modalities: Sequence[str] = (), since: str | None = None,
                         until: str | None = None) -> list[str]:
        """Ids of real-world events with a mention between the states of one of ``pairs``.

        A pair ``(X, X)`` means: a mention involving state X.  The same filters and
        result as :meth:`event_cluster_ids` with ``pair=([a], [b])`` (or ``countries=[X]``)
        for state codes, served by the ``event_dyads`` index.
        """
        if not pairs:
            return []
        sql, args = self._dyad_window("cluster_id", pairs, types=types, modalities=modalities, since=since,
                                      until=until)
        return sorted({r[0] for r in self._q(sql, args)})

    def dyad_event_leads(self, pairs: Sequence[tuple[str, str]], *, types: Sequence[str] = (),
                         modalities: Sequence[str] = (), since: str | None = None,
                         until: str | None = None, quad_classes: Sequence[int] = ()) -> list[dict[str, Any]]:
        """Real-world events of these pairs of states with their lead version's attributes, by cluster id.

        Which events: as :meth:`dyad_cluster_ids`; enough to count, order and page them
        without loading a record.  Each dict has ``id``, ``modality``,
        ``quad_class``, ``intensity``, ``start``, ``end``, ``month`` and ``year`` (the
        relations periods; None when undated) of the version that speaks for the event,
        and ``reports``: how many of its mentions fall in the pairs.  ``quad_classes``: only the events
        whose lead has one of them, when given.
        """
        if not pairs:
            return []
        cols = ("cluster_id, lead_modality, quad_class, intensity, lead_start, lead_end, period_month,"
                " period_year")
        sql, args = self._dyad_window(cols, pairs, types=types, modalities=modalities, since=since, until=until,
                                      quad_classes=quad_classes)
        out: dict[str, dict[str, Any]] = {}
        for r in self._q(sql, args):
            if r[0] in out:
                out[r[0]]["reports"] += 1
            else:
                out[r[0]] = {"id": r[0], "modality": r[1], "quad_class": r[2], "intensity": r[3],
                             "start": r[4], "end": r[5], "month": r[6], "year": r[7], "reports": 1}
        return [out[k] for k in sorted(out)]

    def dyad_ties(self, a: str, b: str, *, types: Sequence[str] = (),
                  modalities: Sequence[str] = ()) -> list[tuple[str, str, str | None]]:
        """(tie, real-world event id, its lead start) of the mentions between two states naming a standing tie.

        Mentions of ``types`` and ``modalities`` whose stored ``tie`` is set (migration 4),
        read from the partial index on ties; sorted.
        """
        d = self.dialect
        a, b = min(a, b), max(a, b)
        sql = "SELECT tie, cluster_id, lead_start FROM event_dyads WHERE a = ? AND b = ? AND tie > ''"
        args: list[Any] = [a, b]
        for column, values in (("type", [t.upper() for t in types]), ("modality", list(modalities))):
            if values:
                cond, arg = d.in_list(column, values)
                sql += " AND " + cond
                args.append(arg)
        return sorted({(r[0], r[1], r[2]) for r in self._q(sql, args)}, key=lambda r: (r[0], r[1]))

    def tie_rules(self) -> str | None:
        """What the stored ties were computed with (:func:`detente.fusion.tie_signature`), if recorded."""
        row = self._q("SELECT value FROM store_meta WHERE name = ?", (TIE_RULES_KEY,)).fetchone()
        return None if row is None else str(row[0])

    def dyad_periods(self, a: str, b: str, unit: str = "month",
                     modality: str = "asserted") -> list[tuple[str, int, float, dict[int, int], list[str]]]:
        """The roll-up between two different states: one row per relations period, in period order.

        Each row is (period, events, summed intensity, events per quad class, event ids in
        timeline order); period '' holds the undated events.  ``unit``: 'month' or 'year'.
        The real-world events counted are those :func:`detente.analysis.relations` counts.
        """
        a, b = min(a, b), max(a, b)
        rows = self._q("SELECT period, events, intensity, counts, ids FROM dyad_periods WHERE a = ? AND b = ?"
                       " AND unit = ? AND modality = ? ORDER BY period", (a, b, unit, modality))
        return [(r[0], int(r[1]), float(r[2]), {q: n for q, n in json.loads(r[3])}, r[4].split("\n"))
                for r in rows]

    def network_links(self, level: str) -> tuple[dict[str, int], list[tuple[str, str, int, int, int, float]]] | None:
        """The all-time network of asserted events at ``level`` ('state' or 'actor') from migration 7's roll-up.

        Events per node, and edges (a, b, events, cooperation, conflict, summed
        intensity); None when the roll-up cannot give exactly what the timeline
        would (see :mod:`detente.store.links`).
        """
        return links.read(self._q, level)

    def network_columns(self, level: str) -> tuple[dict[str, int], links.Columns] | None:
        """:meth:`network_links` as columns (a, b, events, cooperation, conflict, intensity in thousandths):
        a whole network's edges without a Python row each."""
        return links.read_columns(self._q, self.dialect, level)

    def network_window_groups(self, since: str | None, until: str | None,
                              without: tuple[str, str] | None = None) -> list[links.Group] | None:
        """:meth:`network_window`'s events counted per sides, cooperation and intensity, less those within
        one of the calendar months ``without`` (first, last 'YYYY-MM'; see
        :func:`detente.store.links.window_groups`); None when an intensity has more than 3 decimals."""
        return links.window_groups(self._q, since, until, without)

    def network_months(self, level: str, first: str, last: str) -> tuple[dict[str, int], links.Columns] | None:
        """The network at ``level`` of the events within one calendar month from ``first`` to ``last``
        ('YYYY-MM'), from migration 12's roll-up: events per node and the edges as columns; None when
        it cannot answer exactly (state keys changed since, intensities with more decimals)."""
        if level == "state" and links.stale_keys(self._q):
            return None
        return links.months(self._q, level, first, last)

    def network_top(self, level: str, nodes: bool, n: int) -> list[tuple[str, str, int, int, int]] | None:
        """The all-time network's ``n`` busiest nodes or edges, and those tied with the last, unordered:
        (a, b, events, cooperation, conflict); None when the roll-up cannot answer exactly."""
        return links.top(self._q, level, nodes, n)

    def actor_names_keyed(self, keys: Iterable[str]) -> list[tuple[str, str, str, str | None, str | None]]:
        """:meth:`actor_names`' rows of the actors whose id or code is one of ``keys``, in no set order."""
        wanted = sorted(set(keys))
        if not wanted:
            return []
        in_id, arg_id = self.dialect.in_list("id", wanted)
        in_code, arg_code = self.dialect.in_list("code", wanted)
        return [(r[0], r[1], r[2], r[3], r[4]) for r in self._q(
            f"SELECT id, name, kind, code, country FROM actors WHERE {in_id} OR {in_code}", (arg_id, arg_code))]

    def actors_keyed(self, keys: Iterable[str]) -> list[Actor]:
        """Stored actors whose id or code is one of ``keys`` (the network's node keys)."""
        wanted = sorted(set(keys))
        if not wanted:
            return []
        in_id, arg_id = self.dialect.in_list("id", wanted)
        in_code, arg_code = self.dialect.in_list("code", wanted)
        return [actor_from(json.loads(r[0])) for r in self._q(f"SELECT data FROM actors WHERE {in_id} OR {in_code}",
                                                              (arg_id, arg_code))]

    def network_window(self, since: str | None, until: str | None) -> list[tuple[Any, ...]]:
        """Asserted real-world events overlapping [since, until] (ISO days) from migration 7's roll-up, in
        timeline order: (id, start, end, quad class, intensity, source ids, target ids)."""
        return links.window(self._q, since, until)

    def network_before(self, until: str) -> list[tuple[str, str, int, int]]:
        """Asserted real-world events starting on or before ``until`` (an ISO day) from migration 7's roll-up,
        per pair of merged sides: (source ids, target ids as JSON lists, cooperative, conflictual events)."""
        return links.before(self._q, until)

    def network_started_between(self, since: str, until: str) -> list[tuple[str, str, int, int]]:
        """:meth:`network_before` of the events starting in [since, until] (ISO days) only."""
        return links.started_between(self._q, since, until)

    def pasts_usable(self) -> bool:
        """Migration 11's per-pair past (:mod:`detente.store.pasts`) can answer: state keys and tie rules as
        stored."""
        return pasts.usable(self._q) and not links.stale_keys(self._q)

    def pair_counts_before(self, pairs: Sequence[tuple[str, str]], month: str) -> dict[tuple[str, str],
                                                                                       tuple[int, int, int]]:
        """Per pair of state keys (a < b): (events, cooperative, conflictual) asserted dated real-world events
        starting in the whole years and months before ``month`` ('YYYY-MM'), from migration 11's roll-up."""
        return pasts.counts_before(self._q, self.dialect, pairs, month)

    def pair_window(self, since: str, until: str | None, least: int, only: Sequence[str] | None = None,
                    moved: float | None = None) -> dict[tuple[str, str], tuple[pasts.Counts, pasts.Counts]]:
        """The pairs of state keys (a < b) with an asserted dated real-world event overlapping [since, until]
        that are new or may trend (``moved``: whose share of cooperation moved about that much): ((events,
        cooperative, conflictual) overlapping it, the same starting before ``since``), from migration 20's
        roll-up (see :func:`.pasts.window_pairs`)."""
        return pasts.window_pairs(self._q, self.dialect, since, until, least, only, moved)

    def pair_window_events(self, pairs: Sequence[tuple[str, str]], since: str, until: str | None,
                           first_only: bool = False) -> dict[tuple[str, str], list[str]]:
        """Per pair of state keys: its asserted dated real-world events overlapping [since, until] in timeline
        order (``first_only``: the first starting in it), from migration 20's ``pair_events``."""
        return pasts.pair_window_events(self._q, self.dialect, pairs, since, until, first_only)

    def pair_marks_in(self, since: str, until: str | None) -> list[pasts.Mark]:
        """Migration 11's marks of events overlapping [since, until], one row per pair of state keys:
        (a, b, day, end, cluster id, type, mode, tie, word)."""
        return pasts.marks_in(self._q, since, until)

    def pair_moves_in(self, since: str, until: str | None, breaks: Sequence[str]) -> list[pasts.Moving] | None:
        """Migration 23's marks of events overlapping [since, until] that may change a tie or be a visit after a
        gap (see :func:`.pasts.moves_in`); None when the marks' earlier visits were found with other visit
        modes than those in force."""
        if not pasts.flags_usable(self._q):
            return None
        return pasts.moves_in(self._q, since, until, breaks)

    def pair_first_naming(self, keys: Sequence[tuple[tuple[str, str], str]]) -> dict[tuple[tuple[str, str], str],
                                                                                    tuple[str, str, str]]:
        """Per (pair of state keys, tie word): the earliest mark naming it, as (day, end or '', cluster id)."""
        return pasts.first_naming(self._q, self.dialect, keys)

    def pair_marks_of(self, cluster_ids: Sequence[str]) -> list[pasts.Mark]:
        """:meth:`pair_marks_in`'s rows of these real-world events."""
        return pasts.marks_of(self._q, self.dialect, cluster_ids)

    def network_rows(self, cluster_ids: Sequence[str]) -> list[tuple[Any, ...]]:
        """:meth:`network_window`'s rows of these real-world events (the asserted ones), unordered."""
        return links.rows_of(self._q, self.dialect, cluster_ids)

    def pairs_seen_before(self, pairs: Sequence[tuple[str, str]], month: str) -> set[tuple[str, str]]:
        """The pairs of state keys (a < b) among ``pairs`` with an asserted dated real-world event starting in a
        month before ``month`` ('YYYY-MM'), from migration 11's roll-up."""
        return pasts.seen_before(self._q, self.dialect, pairs, month)

    def pair_marks_before(self, named: Sequence[tuple[str, str]], visited: Sequence[tuple[str, str]],
                          modes: Sequence[str], until: str) -> list[tuple[Any, ...]]:
        """Migration 11's marks starting on or before ``until``: the earliest naming each tie of the ``named``
        pairs, every mark in one of ``modes`` (a visit) of the ``visited`` ones; (a, b, day, end, cluster id,
        tie, mode) (see :func:`.pasts.marks_before`)."""
        return pasts.marks_before(self._q, self.dialect, named, visited, modes, until)

    def network_clusters_before(self, until: str, sides: Iterable[tuple[str, str]]) -> list[str]:
        """The ids of the events :meth:`network_before` counts under these (source, target) JSON lists."""
        wanted = set(sides)
        if not wanted:
            return []
        cond, arg = self.dialect.in_list("source", sorted({x for x, _ in wanted}))
        return [r[0] for r in self._q(f"SELECT cluster_id, source, target FROM network_events WHERE span IN (0, 1)"
                                      f" AND date_start <= ? AND {cond}", (until, arg)) if (r[1], r[2]) in wanted]

    def clusters_naming(self, cluster_ids: Iterable[str], types: Iterable[str], words: Iterable[str]) -> set[str]:
        """Those of ``cluster_ids`` whose merged event may name one of ``words`` as a tie: a version of one
        of ``types`` and a version whose stored text holds one of the words (any case).  A superset: the
        merge takes its type and trigger from a version and keeps every version's evidence
        (:func:`detente.fusion.tie_word`).  The types are read first: they need no event's text."""
        typed, found = self._clusters_where(cluster_ids, *self.dialect.in_list("type", sorted(set(types)))), \
            sorted(set(words))
        if not typed or not found:
            return set()
        in_cluster, arg_cluster = self.dialect.in_list("cluster_id", sorted(typed))
        said = " OR ".join(["LOWER(data) LIKE ?"] * len(found))
        return {r[0] for r in self._q(f"SELECT DISTINCT cluster_id FROM events WHERE {in_cluster} AND ({said})",
                                      (arg_cluster, *[f"%{w.lower()}%" for w in found]))}

    def clusters_in_mode(self, cluster_ids: Iterable[str], modes: Iterable[str]) -> set[str]:
        """Those of ``cluster_ids`` with a version in one of ``modes`` (a merged event takes its mode from one)."""
        return self._clusters_where(cluster_ids, *self.dialect.in_list(self.dialect.json_field("data", "mode"),
                                                                       sorted(set(modes))))

    def _clusters_where(self, cluster_ids: Iterable[str], cond: str, arg: Any) -> set[str]:
        wanted = sorted(set(cluster_ids))
        if not wanted:
            return set()
        in_cluster, arg_cluster = self.dialect.in_list("cluster_id", wanted)
        return {r[0] for r in self._q(f"SELECT DISTINCT cluster_id FROM events WHERE {in_cluster} AND {cond}",
                                      (arg_cluster, arg))}

    def timeline_leads_page(self, key: str, modalities: Sequence[str], *, limit: int, offset: int,
                            order: str = "asc", quads: Sequence[int] = (),
                            types: Sequence[str] = ()) -> tuple[int, list[str]] | None:
        """(how many, one page of ids) of every real-world event (``key`` ''), of one state's (its code) or of
        a pair's (:func:`detente.store.leads.pair_key`), all time, in the timeline's order, from migration
        10's rows (see :mod:`detente.store.leads`); ``quads``: of those quad classes only, ``types``: with a
        mention of one of them, when given; None when a modality or the types are not what the rows record."""
        return leads.page(self._q, key, modalities, limit=limit, offset=offset, order=order, quads=quads,
                          types=types)

    def timeline_leads_window(self, modalities: Sequence[str], since: str | None, until: str | None, *,
                              limit: int, offset: int, order: str = "asc",
                              quads: Sequence[int] = (), count: bool = True) -> tuple[int, list[str]] | None:
        """(how many, one page of ids) of every real-world event of ``modalities`` whose lead overlaps
        [since, until], in the timeline's order, from migration 10's rows; ``quads``: of those quad classes
        only, when given; None when a modality is not one they record.  ``count`` False: an ascending
        page is not counted (how many is then -1)."""
        return leads.window_page(self._q, modalities, since, until, limit=limit, offset=offset, order=order,
                                 quads=quads, count=count)

    def window_events(self, since: str, until: str | None) -> int:
        """How many asserted dated real-world events overlap [since, until] (ISO days), from migration 22's
        counts per period (see :func:`.pasts.window_total`)."""
        return pasts.window_total(self._q, since, until)

    def dyad_quad_counts(self, a: str, b: str, modality: str = "asserted") -> dict[int | None, int]:
        """Real-world events between two different states, all time, per quad class (from the roll-up).

        The events :meth:`dyad_periods` files under some year (or undated): each once.
        Reads one row per year instead of the pair's index rows.
        """
        a, b = min(a, b), max(a, b)
        out: dict[int | None, int] = {}
        for (counts,) in self._q("SELECT counts FROM dyad_periods WHERE a = ? AND b = ? AND unit = ?"
                                 " AND modality = ?", (a, b, "year", modality)):
            for quad, n in json.loads(counts):
                out[quad] = out.get(quad, 0) + n
        return out

    def dyad_most_reported(self, a: str, b: str, modality: str = "asserted", limit: int = 12) -> list[str]:
        """Ids of the real-world events of ``modality`` with most mentions of it between two states, all time.

        Ordered by those mentions (descending), then by the event's absolute intensity
        (descending), then id: the key events of :func:`detente.analysis.pair_summary`.
        Migration 15 keeps both numbers on the pair's ``timeline_leads`` rows, so the
        answer is the first rows of an index; a pair whose key the rows cannot spell
        (an id with a space) is grouped over migration 6's index ``event_dyads_lead``
        (:meth:`dyad_most_reported_scan`).
        """
        key = leads.pair_key(a, b)
        if key is None:
            return self.dyad_most_reported_scan(a, b, modality, limit)
        rows = self._q("SELECT cluster_id FROM timeline_leads WHERE key = ? AND lead_modality = ? AND reports > 0"
                       " ORDER BY reports DESC, intensity DESC, cluster_id LIMIT ?", (key, modality, limit))
        return [r[0] for r in rows]

    def dyad_most_reported_scan(self, a: str, b: str, modality: str = "asserted", limit: int = 12) -> list[str]:
        """:meth:`dyad_most_reported` grouped from the pair's dyad rows (every mention of the pair read)."""
        a, b = min(a, b), max(a, b)
        rows = self._q(
            "SELECT cluster_id, COUNT(*) AS n, MAX(ABS(COALESCE(intensity, 0))) AS m FROM event_dyads"
            " WHERE a = ? AND b = ? AND lead_modality = ? AND modality = ?"
            " GROUP BY cluster_id ORDER BY n DESC, m DESC, cluster_id LIMIT ?", (a, b, modality, modality, limit))
        return [r[0] for r in rows]

    def dyad_leads_page(self, pairs: Sequence[tuple[str, str]], *, types: Sequence[str] = (),
                        modalities: Sequence[str] = (), limit: int = 100, offset: int = 0,
                        order: str = "asc", quad_classes: Sequence[int] = ()) -> tuple[int, list[str]]:
        """(how many, one page of ids) of the real-world events of these pairs of states, all time.

        The events :meth:`dyad_event_leads` gives whose lead version has one of
        ``modalities``, in the timeline's order (dated by start, end, id; then the
        undated by id); ``order`` 'desc' reverses the dated ones.  Grouped, counted and
        paged in the database over migration 6's index ``event_dyads_lead``, which
        holds every column read: a page of the busiest pair reads no row of the table.
        ``quad_classes``: only the events whose lead (so the merged event) has one of them.
        """
        if not pairs or not modalities:
            return 0, []
        mods = sorted(set(modalities))
        marks = ", ".join("?" for _ in mods)
        where = "(" + " OR ".join("(a = ? AND b = ?)" for _ in pairs) + ")"
        args: list[Any] = [x for a, b in pairs for x in (min(a, b), max(a, b))]
        where += f" AND lead_modality IN ({marks}) AND modality IN ({marks})"
        args += mods + mods
        if types:
            kinds = sorted({t.upper() for t in types})
            where += f" AND type IN ({', '.join('?' for _ in kinds)})"
            args += kinds
        if quad_classes:
            quads = sorted(set(quad_classes))
            where += f" AND quad_class IN ({', '.join('?' for _ in quads)})"
            args += quads
        total = int(self._q(f"SELECT COUNT(DISTINCT cluster_id) FROM event_dyads WHERE {where}", args).fetchone()[0])
        start, end = "COALESCE(MAX(lead_start), '')", "COALESCE(MAX(lead_end), '')"
        undated_last = "MAX(lead_start) IS NULL"
        if order == "desc":  # latest first; the undated still last, in id order
            undated = "CASE WHEN MAX(lead_start) IS NULL THEN {} END"
            ordering = (f"{undated_last}, {undated.format(end)}, {undated.format('cluster_id')},"
                        f" {start} DESC, {end} DESC, cluster_id DESC")
        else:
            ordering = f"{undated_last}, {start}, {end}, cluster_id"
        rows = self._q(f"SELECT cluster_id FROM event_dyads WHERE {where} GROUP BY cluster_id"
                       f" ORDER BY {ordering} LIMIT ? OFFSET ?", (*args, limit, offset))
        return total, [r[0] for r in rows]

    def _naming(self, alias: str, words: Sequence[str]) -> tuple[str, list[str]]:
        """A condition: the record ``alias.data`` contains one of ``words`` (any case)."""
        like = self.dialect.like_any_case(f"{alias}.data")
        return "(" + " OR ".join(like for _ in words) + ")", [f"%{w.lower()}%" for w in words]

    def clusters_with_words(self, cluster_ids: Sequence[str], words: Sequence[str]) -> list[str]:
        """Those of ``cluster_ids`` with a stored version whose record contains one of ``words`` (any case).

        A cheap pre-filter for word tests on merged events: what it drops cannot match.
        """
        if not cluster_ids or not words:
            return []
        cond, arg = self.dialect.in_list("cluster_id", cluster_ids)
        like, patterns = self._naming("events", words)
        rows = self._q(f"SELECT DISTINCT cluster_id FROM events WHERE {cond} AND {like}", (arg, *patterns))
        return sorted(r[0] for r in rows)

    def state_members(self, state: str) -> list[str]:
        """Ids of stored actors that are or belong to a state (ISO3), and the code itself."""
        rows = self._q("SELECT id FROM actors WHERE country = ? UNION SELECT id FROM actors WHERE code = ?",
                       (state, state))
        return sorted({state, *(r[0] for r in rows)})

    def quantities_with_subjects(self, groups: Sequence[Sequence[str]], until: str | None = None,
                                 since: str | None = None) -> list[tuple[Quantity, DocumentRow]]:
        """Quantities naming a subject from every group (indexed), with their report, by publication date.

        ``since`` and ``until`` bound the report's publication date, as :meth:`quantities_dated` does.
        """
        if not groups or any(not g for g in groups):
            return []
        sql = ("SELECT x.data, d.id, d.title, d.source, d.published, d.published_basis, d.words, d.path, d.url"
               " FROM quantities x JOIN documents d ON d.id = x.document_id WHERE 1=1")
        args: list[Any] = []
        for g in groups:
            cond, arg = self.dialect.in_list("s.subject", sorted(set(g)))
            sql += f" AND x.id IN (SELECT s.quantity_id FROM quantity_subjects s WHERE {cond})"
            args.append(arg)
        if since:
            sql += " AND d.published >= ?"
            args.append(since)
        if until:
            sql += " AND d.published <= ?"
            args.append(until)
        return [(quantity_from(json.loads(r[0])),
                 DocumentRow(id=r[1], title=r[2], source=r[3], published=r[4], published_basis=r[5],
                             words=r[6], path=r[7], url=r[8]))
                for r in self._q(sql + " ORDER BY d.published, d.id, x.id", args)]

    def cluster_members(self, cluster_id: str) -> list[Member]:
        """Every stored version (mention) of one real-world event, as :class:`detente.fusion.Member`."""
        rows = self._q(
            "SELECT e.cluster_id, e.document_id, e.data, d.source, d.published FROM events e"
            " JOIN documents d ON d.id = e.document_id WHERE e.cluster_id = ? ORDER BY d.published, e.id",
            (cluster_id,))
        return [Member(event_from(json.loads(r[2])), r[1], r[3], r[4], r[0]) for r in rows]

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
        d = self.dialect
        # distinct and sorted here, not in SQL: a DISTINCT/ORDER BY lets SQLite's planner
        # walk the whole cluster index instead of the date or actor indexes
        sql = "SELECT e.cluster_id FROM events e WHERE 1=1"
        args: list[Any] = []

        def participant(ids: Sequence[str], states: Sequence[str]) -> None:
            nonlocal sql
            in_actor, actor_arg = d.in_list("ea.actor_id", ids)
            in_country, country_arg = d.in_list("ea.country", states)
            # IN (subquery), not a correlated EXISTS: both planners then start from the
            # event_actors indexes instead of scanning every event
            sql += (" AND e.id IN (SELECT ea.event_id FROM event_actors ea"
                    f" WHERE ea.role IN ('source', 'target') AND ({in_actor} OR {in_country}))")
            args.extend((actor_arg, country_arg))

        if actors or countries:
            participant(actors, countries)
        if pair is not None:
            for side in pair:
                participant(side, side)
        if types:
            cond, arg = d.in_list("e.type", [t.upper() for t in types])
            sql += " AND " + cond
            args.append(arg)
        if modalities:
            cond, arg = d.in_list("e.modality", modalities)
            sql += " AND " + cond
            args.append(arg)
        if since:
            sql += " AND COALESCE(e.date_end, e.date_start) >= ?"
            args.append(since)
        if until:
            sql += " AND e.date_start <= ?"
            args.append(until)
        return sorted({r[0] for r in self._q(sql, args)})

    def _dated_rows(self, table: str, since: str | None, until: str | None,
                    where: str = "", args: Sequence[Any] = ()) -> Iterator[tuple[str, DocumentRow]]:
        # claims carry their report's date (migration 19): a window is a range of their own index, read
        # from the claims outward; quantities are found through their documents' dates
        date, join = ("x.published", self.dialect.outer_first_join) if table == "claims" else ("d.published", "JOIN")
        sql = (f"SELECT x.data, d.id, d.title, d.source, d.published, d.published_basis, d.words, d.path, d.url"
               f" FROM {table} x {join} documents d ON d.id = x.document_id WHERE 1=1{where}")
        params: list[Any] = list(args)
        if since:
            sql += f" AND {date} >= ?"
            params.append(since)
        if until:
            sql += f" AND {date} <= ?"
            params.append(until)
        for r in self._q(sql + f" ORDER BY {date}, d.id, x.id", params):
            yield r[0], DocumentRow(id=r[1], title=r[2], source=r[3], published=r[4], published_basis=r[5],
                                    words=r[6], path=r[7], url=r[8])

    def claims_dated(self, since: str | None = None, until: str | None = None) -> list[tuple[Claim, DocumentRow]]:
        """Claims with the document that reports them, by publication date (a claim's date is its report's)."""
        return [(claim_from(json.loads(d)), row) for d, row in self._dated_rows("claims", since, until)]

    def spoken_claims_before(self, until: str, speakers: Iterable[str]) -> list[tuple[Claim, DocumentRow]]:
        """``claims_dated(until=until)`` of the claims of these speakers (each speaker's own range of the
        claims' (speaker, date) index, not every claim before a window)."""
        wanted = sorted(set(speakers))
        if not wanted:
            return []
        cond, arg = self.dialect.in_list("x.speaker", wanted)
        return [(claim_from(json.loads(d)), row)
                for d, row in self._dated_rows("claims", None, until, f" AND {cond}", (arg,))]

    def quantities_dated(self, since: str | None = None,
                         until: str | None = None) -> list[tuple[Quantity, DocumentRow]]:
        """Quantities with the document that reports them, by publication date."""
        return [(quantity_from(json.loads(d)), row) for d, row in self._dated_rows("quantities", since, until)]

    def quantities_disputed(self) -> list[tuple[Quantity, DocumentRow]]:
        """``quantities_dated()`` of the disputed quantities only: read from the quantities outward (few, where
        the reports are a whole store), flagged ones kept."""
        join = self.dialect.outer_first_join  # quantities as the outer loop
        rows = self._q(f"SELECT x.data, d.id, d.title, d.source, d.published, d.published_basis, d.words, d.path,"
                       f" d.url FROM quantities x {join} documents d ON d.id = x.document_id"
                       f" ORDER BY d.published, d.id, x.id")
        out = []
        for r in rows:
            q = quantity_from(json.loads(r[0]))
            if q.disputed:
                out.append((q, DocumentRow(id=r[1], title=r[2], source=r[3], published=r[4], published_basis=r[5],
                                           words=r[6], path=r[7], url=r[8])))
        return out

    def quantities_by_measure(self, measure: str, exclude_document: str | None = None) -> list[Quantity]:
        """Stored quantities of one measure (indexed), optionally not from one document."""
        rows = self._q(
            f"SELECT data FROM quantities WHERE {self.dialect.json_field('data', 'measure')} = ?"
            f" AND document_id {self.dialect.is_distinct()} ORDER BY id", (measure, exclude_document))
        return [quantity_from(json.loads(r[0])) for r in rows]

    def quantities_by_measure_on(self, measure: str, date_value: str,
                                 exclude_document: str | None = None) -> list[Quantity]:
        """Stored quantities of one measure for one date value (indexed on both), optionally not from one document."""
        d = self.dialect
        rows = self._q(
            f"SELECT data FROM quantities WHERE {d.json_field('data', 'measure')} = ?"
            f" AND {d.json_path('data', 'date', 'value')} = ?"
            f" AND document_id {d.is_distinct()} ORDER BY id", (measure, date_value, exclude_document))
        return [quantity_from(json.loads(r[0])) for r in rows]

    def mark_quantities_disputed(self, ids: Sequence[str]) -> None:
        """Flag quantities on which sources give different values."""
        cond, arg = self.dialect.in_list("id", ids)
        with self.transaction() as db:
            # rewritten in Python, not with a JSON function: the stored text keeps one format
            rows = db.execute(f"SELECT id, data FROM quantities WHERE {cond}", (arg,)).fetchall()
            updates = []
            for rid, data in rows:
                item = json.loads(data)
                item["disputed"] = True
                updates.append((json.dumps(item, ensure_ascii=False, sort_keys=True), rid))
            db.executemany("UPDATE quantities SET data = ? WHERE id = ?", updates)

    def document_rows(self, ids: Iterable[str]) -> dict[str, DocumentRow]:
        """Metadata of the given documents, by id."""
        cond, arg = self.dialect.in_list("id", sorted(set(ids)))
        rows = self._q(f"SELECT id, title, source, published, published_basis, words, path, url FROM documents"
                       f" WHERE {cond}", (arg,))
        return {r["id"]: DocumentRow(**dict(r)) for r in rows}

    def document_texts(self, ids: Iterable[str]) -> dict[str, str]:
        """Stored texts of the given documents (for citations), by id."""
        cond, arg = self.dialect.in_list("id", sorted(set(ids)))
        return {r[0]: r[1] for r in self._q(f"SELECT id, text FROM documents WHERE {cond}", (arg,))}

    def actor_first_seen(self) -> dict[str, str]:
        """For each actor, the earliest publication date of a document mentioning it."""
        rows = self._q(
            "SELECT x.actor_id, MIN(d.published) FROM ("
            "  SELECT actor_id, document_id FROM actor_mentions"
            "  UNION SELECT ea.actor_id, e.document_id FROM event_actors ea JOIN events e ON e.id = ea.event_id"
            ") x JOIN documents d ON d.id = x.document_id WHERE d.published IS NOT NULL GROUP BY x.actor_id")
        return {r[0]: r[1] for r in rows}

    def actors_first_seen_between(self, since: str, until: str | None) -> dict[str, str]:
        """``actor_first_seen()`` of the actors first seen in [since, until] (publication dates, compared as
        there): those mentioned in a report of the window and in none published before it.

        The window's reports give the candidates and their first date (no report
        precedes it); those seen earlier are dropped by reading the reports before
        the window when there are few, else by an index probe per candidate (two
        queries each; a busy actor's first index entries already predate the
        window), so the whole store's mentions are never grouped.
        """
        upper, args = ("", [since]) if until is None else (" AND d.published <= ?", [since, until])
        seen = ("SELECT m.actor_id, d.published FROM documents d JOIN actor_mentions m ON m.document_id = d.id"
                " WHERE {cond} UNION ALL SELECT ea.actor_id, d.published FROM documents d"
                " JOIN events e ON e.document_id = d.id JOIN event_actors ea ON ea.event_id = e.id WHERE {cond}")
        window = f"d.published >= ?{upper}"
        found = {r[0]: r[1] for r in self._q(f"SELECT x.actor_id, MIN(x.published) FROM ({seen.format(cond=window)})"
                                             " x GROUP BY x.actor_id", [*args, *args])}
        if not found:
            return {}
        before = int(self._q("SELECT COUNT(*) FROM documents WHERE published < ?", (since,)).fetchone()[0])
        if before == 0:
            earlier: set[str] = set()
        elif before <= FEW_EARLIER_REPORTS:  # two bounds: an index range the planner takes (one bound, it scans event_actors)
            cond = "d.published >= '' AND d.published < ?"
            earlier = {r[0] for r in self._q(f"SELECT DISTINCT x.actor_id FROM ({seen.format(cond=cond)}) x",
                                             (since, since))}
        else:
            probes = ("SELECT 1 FROM actor_mentions m JOIN documents d ON d.id = m.document_id"
                      " WHERE m.actor_id = ? AND d.published < ? LIMIT 1",
                      "SELECT 1 FROM event_actors ea JOIN events e ON e.id = ea.event_id"
                      " JOIN documents d ON d.id = e.document_id WHERE ea.actor_id = ? AND d.published < ? LIMIT 1")
            earlier = {a for a in found if any(self._q(sql, (a, since)).fetchone() for sql in probes)}
        return {a: d for a, d in found.items() if a not in earlier}

    def actors_first_seen_in(self, since: str, until: str | None) -> dict[str, str]:
        """:meth:`actors_first_seen_between` from migration 11's first dates (one index range)."""
        return firsts.between(self._q, since, until)

    def search_all(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Full-text search over documents, claims (quotes) and event evidence (plain words work)."""
        found = fts.search(self.db, ("document", "claim", "event"), query, limit)
        hits = [dict(r, kind="document", document=r["id"]) for r in found["document"]]
        hits += [dict(r, kind="claim", title=None) for r in found["claim"]]
        hits += [dict(r, kind="event", title=None) for r in found["event"]]
        hits.sort(key=lambda h: (h["rank"], h["kind"], h["id"]))
        for h in hits:
            h.pop("rank", None)
        return hits[:limit]

    def actor_mentions_first(self, ids: Iterable[str]) -> dict[str, list[Mention]]:
        """For each actor, its mentions in the earliest-published document that mentions it.

        An actor's first publication date (migration 11's ``actor_firsts``) names the day: its
        reports of that day are an index range, so a much-mentioned actor's other mentions are not
        read; when :data:`DAY_READ_ACTORS` or more actors were first seen on one day, that day's
        mentions are read once for all of them.  An actor first seen as an event's argument, with no
        mention that day, is read whole.
        """
        wanted = sorted(set(ids))
        out: dict[str, list[Mention]] = {}
        if not wanted:
            return out
        cond, arg = self.dialect.in_list("actor_id", wanted)
        by_day: dict[str, list[str]] = {}
        for actor, day in self._q(f"SELECT actor_id, published FROM actor_firsts WHERE {cond}", (arg,)).fetchall():
            by_day.setdefault(day, []).append(actor)
        for day, actors in sorted(by_day.items()):
            if len(actors) >= DAY_READ_ACTORS:
                # many actors first seen that day (a store's first days): the day's mentions read once
                firsts_of = set(actors)
                rows = self._q('SELECT m.actor_id, m.document_id, m.start, m."end", m.text FROM documents d'
                               " JOIN actor_mentions m ON m.document_id = d.id WHERE d.published = ?",
                               (day,)).fetchall()
                rows = sorted((r for r in rows if r[0] in firsts_of), key=lambda r: (r[0], r[1], r[2], r[3]))
            else:  # the day's reports, each probed on migration 14's (actor, document) index
                rows = [(actor, *r) for actor in actors for r in self._q(
                    'SELECT document_id, start, "end", text FROM actor_mentions WHERE actor_id = ? AND'
                    " document_id IN (SELECT id FROM documents WHERE published = ?) ORDER BY document_id, start, \"end\"",
                    (actor, day)).fetchall()]
            first_of_day: dict[str, str] = {}
            for r in rows:  # each actor's mentions in the first of the day's reports (by id) naming it
                if first_of_day.setdefault(r[0], r[1]) == r[1]:
                    out.setdefault(r[0], []).append(Mention(r[1], r[2], r[3], r[4]))
        rest = [a for a in wanted if a not in out]
        if not rest:
            return out
        cond, arg = self.dialect.in_list("m.actor_id", rest)
        rows = self._q(
            'SELECT m.actor_id, m.document_id, m.start, m."end", m.text, d.published FROM actor_mentions m'
            f" JOIN documents d ON d.id = m.document_id WHERE {cond}"
            " ORDER BY m.actor_id, d.published IS NULL, d.published, m.document_id, m.start", (arg,))
        first_doc: dict[str, str] = {}
        for r in rows:
            if first_doc.setdefault(r[0], r[1]) == r[1]:
                out.setdefault(r[0], []).append(Mention(r[1], r[2], r[3], r[4]))
        return out

    def actor_countries_known(self) -> set[str]:
        """Every state code that stored actors belong to."""
        return {r[0] for r in self._q("SELECT DISTINCT country FROM actors WHERE country IS NOT NULL")}
