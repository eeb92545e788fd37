"""Two directed events between actors of one state, in opposite directions, stay apart."""

from __future__ import annotations

from detente.store import Store

from .builders import Article, cluster_of, day


def test_opposite_directions_within_one_state_stay_apart(store: Store) -> None:
    a = Article("opp1", "KCNA accused North Korea of lying.", published="2025-08-18")
    a.event("KCNA accused North Korea", "ACCUSE", ["org:kcna"], ["PRK"], date=day("2025-08-18"))
    a.add(store)
    b = Article("opp2", "North Korea accused KCNA of lying.", published="2025-08-18")
    b.event("North Korea accused KCNA", "ACCUSE", ["PRK"], ["org:kcna"], date=day("2025-08-18"))
    b.add(store)
    assert cluster_of(store, "ev-opp2-0") == "ev-opp2-0"
