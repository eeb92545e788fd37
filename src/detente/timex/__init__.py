"""The temporal layer: find, normalise and anchor temporal expressions.

Public surface:

* :func:`make_stage` - the pipeline stage filling ``ctx.times``;
* :func:`normalize` - one expression on its own ("last Thursday");
* :func:`extract` - every expression of a text;
* :func:`date_for` - the :class:`~detente.model.Date` of an event's clause;
* :func:`infer_published` - a publication date from a dateline or the text.

The grammar is data (``detente/data/time/*.yaml``); see ``docs/time.md``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..nlp import doc_text
from ..settings import Settings
from ..stage import DocContext
from .dating import date_for, deadline, foreign_noun, narrative_of, noun_of
from .extract import extract, normalize
from .published import infer_published
from .rules import grammar
from .values import day_value

__all__ = ["TimexStage", "date_for", "day_value", "deadline", "foreign_noun", "narrative_of", "noun_of", "extract", "infer_published", "make_stage", "normalize"]


@dataclass
class TimexStage:
    """Pipeline stage: every temporal expression of ``ctx.doc`` into ``ctx.times``."""

    name: str = "timex"

    def __call__(self, ctx: DocContext) -> None:
        ctx.times.extend(extract(doc_text(ctx.doc), ctx.published, doc=ctx.doc, document=ctx.document.id))
        ctx.times.sort(key=lambda t: (t.start, t.end))


def make_stage(settings: Settings | None = None) -> TimexStage:
    """Build the temporal stage (compiling the grammar once)."""
    grammar()
    return TimexStage()
