"""Each actor's position on each issue as a dated step line, with the sources behind every step.

:func:`position_lines` backs ``detente positions``, ``GET /api/positions`` and the
web UI's Positions page: the stored positions of an actor (a state stands for the
officials speaking for it), one line per (holder, issue, target), consecutive
positions with one stance merged into a step (:func:`detente.positions.history.step_lines`).
Every step lists its evidence with the report's publisher and date; a silence is
worded as an absence the source reports (:mod:`detente.positions.render`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import InputError
from ..positions import IssueBook, load_issues
from ..positions.history import shifts, step_lines
from ..positions.issues import user_issue_files
from ..positions.render import PHRASES, when
from ..store import Store
from .common import actor_refs, resolve_actor

_BOOKS: dict[tuple[tuple[str, int, int], ...], IssueBook] = {}


def _issue_book() -> IssueBook:
    """:func:`load_issues`, parsed again only when a user issue file changes (parsing the YAML took longer
    than answering from a store of a million events)."""
    try:
        key = tuple((str(p), (st := p.stat()).st_mtime_ns, st.st_size) for p in user_issue_files())
    except OSError:  # a missing file: load_issues says what is wrong
        return load_issues()
    if key not in _BOOKS:
        _BOOKS.clear()
        _BOOKS[key] = load_issues()
    return _BOOKS[key]


def _namer(store: Store, keys: Iterable[str]) -> Callable[[str], str]:
    """Actor id or bare ISO3 code -> a name, as :func:`detente.analysis.changes.name_lookup` gives it, reading
    only these keys' actors (by id, or the state with that code) instead of every stored actor."""
    found = store.actors_keyed(keys)
    known = {a.id: a.name for a in found}
    by_code = {a.code: a.name for a in found if a.kind == "state" and a.code}
    return lambda x: known.get(x) or by_code.get(x) or x


@dataclass(slots=True)
class Evidence:
    """One citation of a step: the sentence in its document, with the report's publisher and date."""

    document: str
    start: int
    end: int
    text: str
    source: str | None
    published: str | None


@dataclass(slots=True)
class StepView:
    """One stance held over a stretch of time."""

    stance: str
    text: str  # "demanded denuclearisation of the Korean Peninsula"; a silence as an absence
    when: str  # "2019", "2024 to 2026-06-15"
    first: str  # sortable first day ("0000" for an undated past)
    last: str
    origins: list[str]  # what the positions were read from (claim, event, report, abandonment, silence)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass(slots=True)
class PositionLine:
    """One holder's positions on one issue through time, and whether the line shifts."""

    holder: str
    holder_name: str
    issue: str
    issue_label: str
    target: str | None
    target_name: str | None
    steps: list[StepView]
    shifts: int  # changes of stance group along the line (issues.yaml groups, pooled by month)


def position_lines(store: Store, actor: str, issue: str | None = None) -> list[PositionLine]:
    """The step lines of ``actor`` (name, alias, id or ISO3 code), optionally on one ``issue`` (id or label word)."""
    found = resolve_actor(store, actor)
    book = _issue_book()
    issues: list[str] = []
    if issue:
        key = issue.strip().lower()
        issues = [i for i, x in book.issues.items() if key == i or key in i or key in x.label.lower()]
        if not issues:
            raise InputError(issue, f"no such issue; known: {', '.join(sorted(book.issues))} "
                                    "(docs/positions.md; add your own in an issues file)", field="issue")
    holders = sorted({*actor_refs(found), found.id})
    positions = store.positions(holders=holders, issues=issues)
    if not positions:
        return []
    lines = step_lines(positions, by_state=True)
    name = _namer(store, {k for holder, _, target in lines for k in (holder, target) if k})
    rows = store.document_rows({m.document for p in positions for m in p.mentions})
    texts = store.document_texts({m.document for p in positions for m in p.mentions})
    counted = {(s.holder, s.issue, s.target): 0 for s in shifts(positions, book)}
    for s in shifts(positions, book):
        counted[(s.holder, s.issue, s.target)] += 1
    out: list[PositionLine] = []
    for (holder, iss, target), steps in lines.items():
        label = book.issues[iss].label if iss in book.issues else iss
        views = []
        for st in steps:
            evidence = []
            for m in st.citations:
                text = texts.get(m.document, "")
                row = rows.get(m.document)
                quoted = text[m.start:m.end] if 0 <= m.start < m.end <= len(text) else m.text
                evidence.append(Evidence(m.document, m.start, m.end, " ".join(quoted.split()),
                                         row.source if row else None, row.published if row else None))
            evidence.sort(key=lambda e: (e.published or "", e.document, e.start))
            views.append(StepView(stance=st.stance, text=PHRASES.get(st.stance, st.stance + " {issue}").format(
                issue=label), when=when(st), first=st.first, last=st.last,
                origins=sorted({p.origin for p in st.positions}), evidence=evidence))
        out.append(PositionLine(holder=holder, holder_name=name(holder), issue=iss, issue_label=label,
                                target=target, target_name=name(target) if target else None, steps=views,
                                shifts=counted.get((holder, iss, target), 0)))
    return out


def issue_ids(store: Store, ids: Sequence[str] = ()) -> list[str]:
    """The issue ids of the book (for menus), those given first."""
    book = _issue_book()
    return list(dict.fromkeys([*ids, *sorted(book.issues)]))
