"""Positions over time: who holds what on which issue, and what shifted (issue #17).

* :func:`positions_for` reads the positions of one processed document
  (:class:`~detente.pipeline.DocContext` after the claims stage).
* :func:`make_stage` is the pipeline stage ``positions.rules`` (after claims): it
  appends to ``ctx.positions``.
* :mod:`detente.positions.history` turns dated positions into step lines and shifts.
* :mod:`detente.positions.render` words them (a silence never as a statement).
* :mod:`detente.eval.positions` measures positions and shifts against gold.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import Position
from ..settings import Settings
from ..stage import DocContext
from .derive import positions_for as _positions_for
from .issues import Issue, IssueBook, load_issues

__all__ = ["Issue", "IssueBook", "PositionsStage", "load_issues", "make_stage", "positions_for"]


def positions_for(ctx: DocContext, book: IssueBook | None = None) -> list[Position]:
    """Every position ``ctx``'s document carries (pure: ``ctx`` is not modified).

    ``book`` defaults to the shipped issues extended by the user's issue files.
    """
    return _positions_for(ctx, book or _default_book())


_BOOK: list[IssueBook] = []


def _default_book() -> IssueBook:
    if not _BOOK:
        _BOOK.append(load_issues())
    return _BOOK[0]


@dataclass
class PositionsStage:
    """Pipeline stage (after claims): adds the document's positions to ``ctx.positions``."""

    book: IssueBook
    name: str = "positions"

    def __call__(self, ctx: DocContext) -> None:
        ctx.positions.extend(_positions_for(ctx, self.book))


def make_stage(settings: Settings) -> PositionsStage:
    """Build the positions stage (the issue book is loaded once; user issue files included)."""
    files = settings.issue_files
    return PositionsStage(load_issues(files) if files else load_issues())
