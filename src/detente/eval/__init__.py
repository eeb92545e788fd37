"""Evaluation: how well detente's extraction matches annotated text.

* :mod:`.gold` — a detente/1 export against gold written in detente/1
  (:func:`evaluate`, :func:`format_table`; ``detente eval GOLD``; rules in docs/eval.md);
* :mod:`.actors` — mention-to-actor accuracy (``python -m detente.eval.actors``);
* :mod:`.tempeval` — the time layer on TempEval-3 TimeML (``detente eval --tempeval DIR``);
* :mod:`.plover` — the events layer on PLOVER gold-standard records (``detente eval --plover FILE``).

Evaluation sits above the pipeline and the store: nothing below imports it.
"""

from __future__ import annotations

from .gold import evaluate, format_table, same_actor

__all__ = ["evaluate", "format_table", "same_actor"]
