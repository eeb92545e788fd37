"""The actor layer: resolve mentions of states, leaders, officials and organisations.

Public interface (mention-to-actor scoring is in :mod:`detente.eval.actors`)::

    make_stage(settings) -> ActorStage        # the pipeline stage
    load_base(extra_files) -> ActorBase       # the actor base (shipped + user files)
    user_actor_file(settings) -> Path         # where `detente actors add` writes
    add_actor(path, name, kind, ...) -> id    # user-file edits, applied on next load
    add_alias(path, actor_id, alias)
    add_merge(path, from_id, into_id)
    location_at(ctx, start, end)              # places ("in Beijing") for events
"""

from __future__ import annotations

from .base import ActorBase, BaseEntry, BaseRole, load_base
from .places import LOCATIONS_KEY, city_country, location_at
from .resolve import ActorStage, make_stage
from .userfile import add_actor, add_alias, add_merge, user_actor_file

__all__ = [
    "ActorBase", "ActorStage", "BaseEntry", "BaseRole", "LOCATIONS_KEY", "add_actor", "add_alias",
    "add_merge", "city_country", "load_base", "location_at", "make_stage", "user_actor_file",
]
