"""The events stage: code each sentence into PLOVER events.

Who did what to whom, when, where, and how sure the text is.  The stage fills
``ctx.events`` with :class:`detente.model.Event`; see ``docs/events.md``.

Public surface: :func:`make_stage` (the pipeline contract), :class:`EventStage`,
:func:`load_lexicon`, :func:`load_cues`.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..actors import load_base
from ..model import Actor
from ..settings import Settings
from ..stage import DocContext
from .extract import Extractor
from .lexicon import Lexicon, load_lexicon
from .modality import Cues, load_cues

__all__ = ["EventStage", "make_stage", "load_lexicon", "load_cues", "Lexicon", "Cues"]


class EventStage:
    """Pipeline stage: fills ``ctx.events`` from triggers in the lexicon.

    The lexicon and cue lists are loaded once, when the stage is built.
    """

    name = "events"

    def __init__(self, lexicon: Lexicon, cues: Cues, state_lookup: Callable[[str], Actor | None] | None = None):
        self.extractor = Extractor(lexicon, cues, state_lookup)

    def __call__(self, ctx: DocContext) -> None:
        ctx.events.extend(self.extractor.extract(ctx))


def _state_lookup(settings: Settings) -> Callable[[str], Actor | None] | None:
    """ISO3 -> state Actor from the actor base, loaded on first use."""
    cache: dict[str, Any] = {}

    def lookup(code: str) -> Actor | None:
        if "base" not in cache:
            cache["base"] = load_base(getattr(settings, "actor_files", []) or [])
        base = cache["base"]
        if code not in base:
            return None
        actor: Actor = base.actor(code)
        return actor if actor.kind == "state" else None

    return lookup


def make_stage(settings: Settings) -> EventStage:
    """Build the events stage; extra lexicon files come from ``settings.event_lexicons`` if set."""
    extra: list[Path] = [Path(p) for p in getattr(settings, "event_lexicons", None) or []]
    return EventStage(load_lexicon(extra), load_cues(), _state_lookup(settings))
