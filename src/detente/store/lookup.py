"""Look-ups that both the readers and the analysis queries build on (actors by id, near-duplicates)."""

from __future__ import annotations

import json
from collections.abc import Iterable

from ..model import Actor, actor_from
from . import fused
from .base import ActorLabel, StoreBase


class LookupMixin(StoreBase):
    """Small indexed look-ups shared by :class:`~.read.ReadMixin` and :class:`~.queries.QueriesMixin`."""

    def actor_index(self, ids: Iterable[str] | None = None) -> dict[str, Actor]:
        """Stored actors by id (without their mentions); all of them when ``ids`` is None."""
        if ids is None:
            rows = self._q("SELECT data FROM actors")
        else:
            cond, arg = self.dialect.in_list("id", sorted(set(ids)))
            rows = self._q(f"SELECT data FROM actors WHERE {cond}", (arg,))
        out = {}
        for (data,) in rows:
            a = actor_from(json.loads(data))
            out[a.id] = a
        return out

    def actor_names(self) -> list[tuple[str, str, str, str | None, str | None]]:
        """(id, name, kind, code, country) of every stored actor, in :meth:`actor_index`'s order, without
        parsing records.

        The columns are written with the record (``actors`` upserts both), so they say what
        the record says; a whole network's labels and state keys need nothing else.
        """
        return [(r[0], r[1], r[2], r[3], r[4])
                for r in self._q("SELECT id, name, kind, code, country FROM actors").fetchall()]

    def actor_facts(self) -> dict[str, Actor]:
        """Every stored actor by id with its columns only (name, kind, code, country; no roles, aliases or
        mentions): what naming actors and telling their states needs, without parsing records."""
        return {r[0]: Actor(r[0], r[1], r[2], r[3], r[4]) for r in self.actor_names()}

    def actor_labels(self, ids: Iterable[str]) -> dict[str, ActorLabel]:
        """The name, kind, code and country of these stored actors, by id, without parsing records (the
        columns say what the record says, as in :meth:`actor_names`)."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        cond, arg = self.dialect.in_list("id", wanted)
        return {r[0]: ActorLabel(r[1], r[2], r[3], r[4])
                for r in self._q(f"SELECT id, name, kind, code, country FROM actors WHERE {cond}", (arg,))}

    def actor_countries(self, ids: Iterable[str]) -> dict[str, str | None]:
        """The state (ISO3) each actor belongs to or acts for."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        cond, arg = self.dialect.in_list("id", wanted)
        return {r[0]: r[1] for r in self._q(f"SELECT id, COALESCE(country, code) FROM actors WHERE {cond}", (arg,))}

    def near_duplicate_pairs(self, doc_ids: Iterable[str] | None = None) -> list[tuple[str, str]]:
        """Near-duplicate document pairs (among ``doc_ids`` when given)."""
        if doc_ids is None:
            return [(r[0], r[1]) for r in self._q("SELECT a, b FROM near_duplicates")]
        return fused.near_pairs(self._q, self.dialect, doc_ids)
