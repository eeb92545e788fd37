"""Plain-text lines for positions and shifts, shared by the CLI, the API and the brief.

A silence is always worded as an absence reported by the source ("made no reference
to ..."), never as something the actor said.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..model import Mention, Position
from .history import Shift, Step, date_key
from .issues import IssueBook

# how each stance reads after the holder's name; "{issue}" is the issue's label
PHRASES: Mapping[str, str] = {
    "demands": "demanded {issue}",
    "supports": "supported {issue}",
    "accepts": "accepted {issue}",
    "opposes": "opposed {issue}",
    "silent": "made no reference to {issue} (silence reported by the source)",
    "abandoned": "abandoned its position on {issue}",
}


def _shown(p: Position) -> str:
    """A position's date as the text gave it: "2019", "2025-09", "2025-09-05"; "before the reports" for PAST_REF."""
    d = p.date
    if d.value == "PAST_REF":
        return "before the reports"
    if d.granularity in ("year", "month", "day") and d.value and "/" not in d.value:
        return d.value
    return d.start or d.value or "date unknown"


def when(step: Step) -> str:
    """The step's dates as the texts gave them: "2019", "2024 to 2026-06-15", "before the reports"."""
    dated = sorted(step.positions, key=lambda p: (date_key(p.date) or "", p.id))
    if not dated:
        first = "before the reports" if step.first == "0000" else step.first
        last = "before the reports" if step.last == "0000" else step.last
        return first if first == last else f"{first} to {last}"
    first = _shown(dated[0])
    latest = dated[-1]
    last = _shown(latest)
    return first if first == last else f"{first} to {last}"


def span(steps: list[Step]) -> str:
    """The dates a run of steps covers (one side of a shift)."""
    if not steps:
        return ""
    merged = Step(steps[0].stance, steps[0].first, steps[-1].last, [p for st in steps for p in st.positions])
    return when(merged)


def cite(mentions: list[Mention]) -> str:
    """Citations as ``[document:offset]`` markers (the UI links them to the evidence)."""
    return " ".join(f"[{m.document}:{m.start}]" for m in mentions)


def step_text(holder: str, issue: str, step: Step, book: IssueBook) -> str:
    """One step of a line: "<holder> demanded <issue> (2019) [doc:offset] ..."."""
    label = book.issues[issue].label if issue in book.issues else issue
    phrase = PHRASES.get(step.stance, step.stance + " {issue}").format(issue=label)
    return f"{holder} {phrase} ({when(step)}) {cite(step.citations)}".rstrip()


def position_text(holder: str, p: Position, book: IssueBook) -> str:
    """One position as a clause: "<holder> made no reference to <issue> (silence reported by the source)"."""
    label = book.issues[p.issue].label if p.issue in book.issues else p.issue
    return f"{holder} " + PHRASES.get(p.stance, p.stance + " {issue}").format(issue=label)


def shift_text(shift: Shift, book: IssueBook, name: Callable[[str], str] = str) -> str:
    """"<holder>: <before> -> <after>", each side with its dates and citations."""
    who = name(shift.holder)
    before, after = shift.before[-1], shift.after[0]
    label = book.issues[shift.issue].label if shift.issue in book.issues else shift.issue
    if shift.target:
        label = f"{label} ({name(shift.target)})"
    old = PHRASES.get(before.stance, before.stance + " {issue}").format(issue=label)
    new = PHRASES.get(after.stance, after.stance + " {issue}").format(issue=label)
    old_cites = [m for st in shift.before for m in st.citations]
    new_cites = [m for st in shift.after for m in st.citations]
    return (f"{who}: {old} ({span(shift.before)}) {cite(old_cites)} -> {new} "
            f"({span(shift.after)}) {cite(new_cites)}")
