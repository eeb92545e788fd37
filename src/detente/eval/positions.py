"""Measure positions and shifts against gold (``sample.json`` ``positions`` / ``position_shifts``).

* positions: one-to-one, greedy in document order.  A predicted position matches a
  gold one in the same document with the same issue and stance, a holder of the same
  state (the same id, or the same ISO3 country for a person or a state), and a
  compatible date: both ``PAST_REF``, or the two day intervals touch the same month.
  Only asserted positions count on either side.
* shifts: :func:`detente.positions.history.shifts` over the predicted positions of
  the whole corpus, by state.  A gold shift is found when a predicted shift on the
  same holder and issue has the gold's ``before`` stance on its old side and its
  ``after`` stance on its new side, each side citing at least one of the gold's
  documents.

``evaluate_positions(gold, pred)`` is what ``detente eval`` calls (through
:func:`detente.eval.gold.evaluate`, when the gold has positions); ``pred`` is a
detente/1 object with ``positions`` (absent: scored as none).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from ..model import Document, Extraction, Position, position_from, to_json
from ..pipeline import Pipeline, _default_pipeline
from ..positions.history import Shift, shifts
from ..positions.issues import IssueBook, load_issues
from ..settings import Settings
from .score import Score

Record = dict[str, Any]


def _countries(actors: Iterable[Record]) -> dict[str, str | None]:
    return {a["id"]: a.get("country") or a.get("code") for a in actors}


def _holder_ok(g: Record, p: Record, gc: dict[str, str | None], pc: dict[str, str | None]) -> bool:
    if g["actor"] == p["actor"]:
        return True
    a, b = gc.get(g["actor"]), pc.get(p["actor"])
    return a is not None and a == b


def _month_span(d: Record | None) -> tuple[str, str] | None:
    if not d or not d.get("value"):
        return None
    if d["value"] == "PAST_REF":
        return ("PAST_REF", "PAST_REF")
    value = str(d["value"]).split("/")[0]
    start = d.get("start") or (f"{value[:4]}-01" if len(value) == 4 else value)
    end = d.get("end") or (f"{value[:4]}-12" if len(value) == 4 else start)
    return start[:7], end[:7]


def dates_compatible(g: Record | None, p: Record | None) -> bool:
    """Both PAST_REF, or the two dates share a month."""
    a, b = _month_span(g), _month_span(p)
    if a is None or b is None:
        return a is b
    if "PAST_REF" in a or "PAST_REF" in b:
        return a == b
    return a[0] <= b[1] and b[0] <= a[1]


def _doc(p: Record) -> str:
    return str(p["mentions"][0]["document"]) if p.get("mentions") else ""


def score_positions(gold: Record, pred: Record) -> Score:
    """Position P/R/F1 over (document, holder's state, issue, stance, date)."""
    gp = [p for p in gold.get("positions", []) if p.get("modality", "asserted") == "asserted"]
    pp = [p for p in pred.get("positions", []) if p.get("modality", "asserted") == "asserted"]
    gc, pc = _countries(gold.get("actors", [])), _countries(pred.get("actors", []))
    used: set[int] = set()
    matched = 0
    for g in sorted(gp, key=lambda x: (_doc(x), x["mentions"][0]["start"])):
        for i, p in enumerate(pp):
            if i in used or _doc(p) != _doc(g) or p["issue"] != g["issue"] or p["stance"] != g["stance"]:
                continue
            if _holder_ok(g, p, gc, pc) and dates_compatible(g.get("date"), p.get("date")):
                used.add(i)
                matched += 1
                break
    return Score("positions", gold=len(gp), predicted=len(pp), matched=matched)


def predicted_shifts(pred: Record, book: IssueBook | None = None) -> list[Shift]:
    """The shifts the predicted positions of a detente/1 object show, by state."""
    positions: list[Position] = [position_from(p) for p in pred.get("positions", [])]
    return shifts(positions, book, by_state=True)


def score_shifts(gold: Record, pred: Record, book: IssueBook | None = None) -> Score:
    """Shift detection P/R: gold ``position_shifts`` against the shifts of the predicted positions."""
    book = book or load_issues(extra_files=[])
    found = predicted_shifts(pred, book)
    gc, pc = _countries(gold.get("actors", [])), _countries(pred.get("actors", []))
    used: set[int] = set()
    matched = 0
    for g in gold.get("position_shifts", []):
        for i, s in enumerate(found):
            if i in used or s.issue != g["issue"]:
                continue
            if not _holder_ok(g, {"actor": s.holder}, gc, {**pc, s.holder: pc.get(s.holder, s.holder)}):
                continue
            before_ok = any(st.stance == g["before"] and _cites(st.citations, g["before_documents"])
                            for st in s.before)
            after_ok = any(st.stance == g["after"] and _cites(st.citations, g["after_documents"]) for st in s.after)
            if before_ok and after_ok:
                used.add(i)
                matched += 1
                break
    return Score("position shifts", gold=len(gold.get("position_shifts", [])), predicted=len(found),
                 matched=matched)


def _cites(citations: Iterable[Any], documents: list[str]) -> bool:
    return not documents or any(m.document in documents for m in citations)


def evaluate_positions(gold: Record, pred: Record) -> list[Score]:
    """The two position scores ``detente eval`` reports: positions, then shifts."""
    return [score_positions(gold, pred), score_shifts(gold, pred)]


def extract_with_positions(documents: Iterable[Document], settings: Settings | None = None) -> list[Extraction]:
    """Each document's extraction without a store, ``positions`` included (the pipeline runs the stage)."""
    pipe = Pipeline(settings) if settings is not None else _default_pipeline(None)
    return list(pipe.process(list(documents)))


def predict(documents: Iterable[Document], settings: Settings | None = None) -> Record:
    """A detente/1-shaped object with the documents' actors and positions (what the scorer reads)."""
    actors: dict[str, Any] = {}
    positions: list[Any] = []
    for ex in extract_with_positions(documents, settings):
        for a in ex.actors:
            actors.setdefault(a.id, to_json(a))
        positions.extend(to_json(ex.positions))
    return {"schema": "detente/1", "actors": list(actors.values()), "positions": positions}
