"""When two figures for one measure contradict each other.

Pure: nothing here reads the store.
"""

from __future__ import annotations

from ..model import Quantity
from .rules import FusionRules, rules


def _bounds(q: Quantity, r: FusionRules) -> tuple[float, float]:
    """The values a stated figure allows, given its qualifier."""
    v = float(q.value)
    qual = (q.qualifier or "").lower().strip()
    tol = r.quantity_tolerance.get("approximate" if qual in r.approximate_qualifiers else "exact", 0.01)
    lo, hi = v - abs(v) * tol, v + abs(v) * tol
    if qual in r.lower_bound_qualifiers:
        hi = float("inf")
    if qual in r.upper_bound_qualifiers:
        lo = float("-inf")
    return lo, hi


def quantities_disagree(a: Quantity, b: Quantity, r: FusionRules | None = None) -> bool:
    """Whether two figures for one measure contradict each other."""
    r = r or rules()
    (lo1, hi1), (lo2, hi2) = _bounds(a, r), _bounds(b, r)
    return not (lo1 <= hi2 and lo2 <= hi1)


def subject_states(q: Quantity, countries: dict[str, str | None]) -> frozenset[str]:
    """The states a figure is about (an actor's state, or the actor itself)."""
    return frozenset(countries.get(a) or a for a in q.subjects)
