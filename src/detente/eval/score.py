"""A score: precision, recall and F1 from counts (shared by every measure in :mod:`detente.eval`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Score:
    """Precision, recall and F1 from counts."""

    name: str
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    extra: dict[str, float] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.matched / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.matched / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": self.name, "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
            **{k: round(v, 4) for k, v in self.extra.items()},
        }
