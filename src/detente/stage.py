"""The stage contract and the stage registry, below every stage.

A stage reads and extends the :class:`DocContext` of one document.  Stages are
built by *factories* registered by name, in the spirit of spaCy's
``@Language.factory``: ``actors.rules``, ``timex.rules``, ``events.rules``,
``quantities.rules``, ``claims.rules``, ``positions.rules`` ship with detente, and a plugin adds its
own with :func:`register_stage` or an entry point in the ``detente.stages`` group.  :class:`~detente.settings.Settings` names the
implementation that fills each slot (``settings.stages``); the pipeline
(:mod:`detente.pipeline`) only assembles what this module builds.

This module imports no stage, so every stage can import it: the built-in
factories are ``module:function`` paths imported when first used.
"""

from __future__ import annotations

import datetime as dt
import importlib
import importlib.metadata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from spacy.tokens import Doc, Span

from .errors import DetenteError
from .model import (
    Actor,
    ActorMention,
    Claim,
    Document,
    Event,
    Extraction,
    Position,
    Quantity,
    TimeMention,
)
from .settings import DEFAULT_STAGES, Settings


@dataclass
class DocContext:
    """What the stages know about one document while it is processed."""

    document: Document
    doc: Doc
    published: dt.date | None
    actors: dict[str, Actor] = field(default_factory=dict)
    actor_mentions: list[ActorMention] = field(default_factory=list)
    times: list[TimeMention] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    positions: list[Position] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def index_mentions(self) -> None:
        """Sort actor mentions by offset so lookups are binary searches."""
        self.actor_mentions.sort(key=lambda m: (m.start, m.end))
        self._starts = [m.start for m in self.actor_mentions]

    def mentions_in(self, start: int, end: int) -> list[ActorMention]:
        """Actor mentions lying inside the character range [start, end)."""
        if len(self._starts) != len(self.actor_mentions):
            self.index_mentions()
        i = bisect_right(self._starts, start - 1)
        out = []
        while i < len(self.actor_mentions) and self.actor_mentions[i].start < end:
            m = self.actor_mentions[i]
            if m.end <= end:
                out.append(m)
            i += 1
        return out

    def mention_for(self, span: Span) -> ActorMention | None:
        """The actor mention of a token span: the one covering the span's head.

        In "Chinese President Xi Jinping" the head is "Jinping", so the person is
        returned, not the state named by the modifier "Chinese".
        """
        found = self.mentions_in(span.start_char, span.end_char)
        head = span.root
        for m in found:
            if m.start <= head.idx < m.end:
                return m
        if found:
            return found[-1]  # English noun phrases are head-final
        for m in self.actor_mentions:  # a mention that contains the span
            if m.start <= span.start_char and span.end_char <= m.end:
                return m
        return None

    def times_in(self, start: int, end: int) -> list[TimeMention]:
        """Temporal expressions inside the character range [start, end)."""
        return [t for t in self.times if t.start >= start and t.end <= end]

    def extraction(self) -> Extraction:
        """The document's extraction: everything found, with the actors it uses."""
        used = {m.actor for m in self.actor_mentions}
        for e in self.events:
            used.update(e.source, e.target)
            if e.attribution:
                used.add(e.attribution)
        for q in self.quantities:
            used.update(q.subjects)
            if q.attribution:
                used.add(q.attribution)  # a name when unresolved: not in self.actors, so ignored
        for c in self.claims:
            used.update(c.about)
            used.update(a for a in (c.speaker, c.attribution) if a)
        for p in self.positions:
            # the holder may be a bare state code (an official's country): ignored unless an actor
            used.update(x for x in (p.actor, p.state, p.reported_by, p.target) if x)
        actors = [a for aid, a in sorted(self.actors.items()) if aid in used]
        return Extraction(
            document=self.document,
            actors=actors,
            actor_mentions=list(self.actor_mentions),
            events=list(self.events),
            quantities=list(self.quantities),
            claims=list(self.claims),
            times=list(self.times),
            positions=list(self.positions),
        )


class Stage(Protocol):
    """One pipeline stage: reads and extends the context of one document."""

    name: str

    def __call__(self, ctx: DocContext) -> None: ...


StageFactory = Callable[[Settings], Stage]

# The slots, in the order the pipeline runs them: each slot's stage may read
# what the slots before it wrote (events need actors and times, ...).
SLOTS: tuple[str, ...] = tuple(DEFAULT_STAGES)

# Built-in implementations as lazily imported ``module:function`` paths, so that
# this module (imported by every stage) imports no stage itself.
BUILTIN_STAGES: dict[str, str] = {
    "actors.rules": "detente.actors:make_stage",
    "timex.rules": "detente.timex:make_stage",
    "events.rules": "detente.events:make_stage",
    "quantities.rules": "detente.quantities:make_stage",
    "claims.rules": "detente.claims:make_stage",
    "positions.rules": "detente.positions:make_stage",
}

_REGISTERED: dict[str, StageFactory] = {}
ENTRY_POINT_GROUP = "detente.stages"


class UnknownStageError(DetenteError):
    """A setting names a stage slot or implementation that is not registered."""

    def __init__(self, slot: str, name: str, known: list[str], *, what: str = "stage"):
        listed = ", ".join(known) or "none"
        super().__init__("E300", f"no {what} {name!r} is registered (known: {listed}); fix the setting, "
                                 "or register the stage with detente.stage.register_stage",
                         input=f"stages.{slot}")
        self.slot = slot
        self.name = name
        self.known = known


def register_stage(name: str, factory: StageFactory | None = None) -> Callable[[StageFactory], StageFactory]:
    """Register ``factory(settings) -> Stage`` under ``name`` (``"<slot>.<implementation>"``).

    Usable directly (``register_stage("events.llm", make)``) or as a decorator
    (``@register_stage("events.llm")``).  The slot is the part before the first
    dot and must be one of :data:`SLOTS`; registering a name again replaces it.
    """
    slot = name.split(".", 1)[0]
    if slot not in SLOTS or "." not in name:
        raise UnknownStageError(slot, name, [f"{s}.<name>" for s in SLOTS], what="stage name")

    def add(fn: StageFactory) -> StageFactory:
        _REGISTERED[name] = fn
        return fn

    if factory is not None:
        add(factory)
    return add


def stage_names(slot: str | None = None) -> list[str]:
    """The registered implementation names, built-in and added, for one slot or all."""
    names = sorted(set(BUILTIN_STAGES) | set(_REGISTERED) | set(_entry_points()))
    if slot is None:
        return names
    return [n for n in names if n.split(".", 1)[0] == slot]


def stage_factory(slot: str, name: str) -> StageFactory:
    """The factory registered as ``name`` for ``slot``; :class:`UnknownStageError` if there is none."""
    if name.split(".", 1)[0] != slot:
        raise UnknownStageError(slot, name, stage_names(slot))
    if name in _REGISTERED:
        return _REGISTERED[name]
    path = BUILTIN_STAGES.get(name) or _entry_points().get(name)
    if path is None:
        raise UnknownStageError(slot, name, stage_names(slot))
    module_name, _, attr = path.partition(":")
    factory: StageFactory = getattr(importlib.import_module(module_name), attr)
    return factory


def _entry_points() -> dict[str, str]:
    """Stages installed packages declare (entry-point group ``detente.stages``: name -> ``module:function``).

    Unlike :func:`register_stage` at run time, an entry point is seen by every
    worker process and Dask worker too, since each looks it up itself.
    """
    return {ep.name: ep.value for ep in importlib.metadata.entry_points(group=ENTRY_POINT_GROUP)}


def build_stages(settings: Settings) -> list[Stage]:
    """One stage per slot, in order, as ``settings.stages`` names them.

    Every slot is filled: a slot absent from ``settings.stages`` takes its
    default, and a slot or name nobody registered raises instead of being skipped.
    """
    chosen = settings.stages
    unknown = sorted(set(chosen) - set(SLOTS))
    if unknown:
        raise UnknownStageError(unknown[0], unknown[0], list(SLOTS), what="stage slot")
    return [stage_factory(slot, chosen.get(slot, DEFAULT_STAGES[slot]))(settings) for slot in SLOTS]
