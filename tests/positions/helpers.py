"""Shared helpers for the positions tests: run the pipeline and the positions stage over one text."""

from __future__ import annotations

from detente.eval.positions import extract_with_positions
from detente.model import Document, Position


def positions_of(text: str, published: str | None = "2026-03-10", doc_id: str = "t") -> list[Position]:
    """The positions of one text (the whole pipeline, then positions_for)."""
    [ex] = extract_with_positions([Document(id=doc_id, text=text, published=published)])
    return ex.positions


def summary(ps: list[Position]) -> set[tuple[str, str, str, str]]:
    """(actor, issue, stance, date value) of each position."""
    return {(p.actor, p.issue, p.stance, p.date.value) for p in ps}
