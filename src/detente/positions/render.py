"""Plain-text lines for positions and shifts, shared by the CLI, the API and the brief.

A silence is always worded as an absence reported by the source ("made no reference
to ..."), never as something the actor said.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

from ..model import Mention
from .history import Shift, Step
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


def when(step: Step) -> str:
    """The step's dates as text: "2019", "2024-01-01 to 2026-06-15", "before the reports"."""
    first = "before the reports" if step.first == "0000" else step.first
    last = "before the reports" if step.last == "0000" else step.last
    return first if first == last else f"{first} to {last}"


def cite(mentions: list[Mention]) -> str:
    """Citations as ``[document:offset]`` markers (the UI links them to the evidence)."""
    return " ".join(f"[{m.document}:{m.start}]" for m in mentions)


def step_text(holder: str, issue: str, step: Step, book: IssueBook) -> str:
    """One step of a line: "<holder> demanded <issue> (2019) [doc:offset] ..."."""
    label = book.issues[issue].label if issue in book.issues else issue
    phrase = PHRASES.get(step.stance, step.stance + " {issue}").format(issue=label)
    return f"{holder} {phrase} ({when(step)}) {cite(step.citations)}".rstrip()


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
    return (f"{who}: {old} ({when(before)}) {cite(old_cites)} -> {new} "
            f"({when(after)}) {cite(new_cites)}")
