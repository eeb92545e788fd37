"""Compile the gold positions (``data/gold/src/_positions.yaml``) into detente/1 records.

Called by ``scripts/build_gold.py`` with its own snippet resolver, sentence finder and
date builder, so that positions follow exactly the conventions of the rest of the gold
(docs/gold.md).  The result is the ``positions`` and ``position_shifts`` lists of
``sample.json``.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from typing import Any

from .issues import load_issues

ORIGINS = ("claim", "event", "report", "abandonment", "silence")

Locate = Callable[[str, str, str], tuple[int, int]]  # (text, snippet, where) -> span
Sentence = Callable[[str, int, int], tuple[int, int]]  # (text, start, end) -> the sentence around it
MakeDate = Callable[[Any, str], dict[str, Any] | None]


def compile_gold(raw: Mapping[str, Any], texts: Mapping[str, str], actors: Collection[str], *,
                 locate: Locate, sentence: Sentence, make_date: MakeDate,
                 error: type[Exception] = ValueError) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """(positions, shifts) from the YAML mapping ``raw``; ``error`` is raised naming the bad entry."""
    book = load_issues(extra_files=[])  # the gold is measured against the shipped issues only
    positions: list[dict[str, Any]] = []
    for doc_id, items in (raw.get("documents") or {}).items():
        if doc_id not in texts:
            raise error(f"_positions.yaml: unknown document {doc_id!r}")
        text = texts[doc_id]
        for n, p in enumerate(items or [], 1):
            where = f"_positions.yaml {doc_id} position {p.get('at')!r}"
            _check(p, book.issues, actors, where, error)
            if not book.fits(p["issue"], p["stance"]):
                raise error(f"{where}: stance {p['stance']!r} is not listed for issue {p['issue']!r}")
            a, b = locate(text, p["at"], where)
            s, e = sentence(text, a, b)
            date = make_date(p.get("date", ""), where)
            if date is not None and date["value"] == "PAST_REF":
                date["basis"] = "context"
            positions.append({
                "id": f"p:{doc_id}:{n}", "actor": p["actor"], "issue": p["issue"], "stance": p["stance"],
                "date": date, "modality": p.get("modality", "asserted"),
                "mentions": [{"document": doc_id, "start": s, "end": e, "text": text[s:e]}],
                "origin": p["origin"], "origin_id": None, "state": p.get("state"),
                "reported_by": p.get("reported_by"),
            })
    shifts: list[dict[str, Any]] = []
    for n, sh in enumerate(raw.get("shifts") or [], 1):
        where = f"_positions.yaml shift {n}"
        for side in ("before", "after"):
            _check({**sh, "stance": sh.get(side), "origin": "report"}, book.issues, actors, where, error)
            for d in sh.get(f"{side}_documents", []):
                if d not in texts:
                    raise error(f"{where}: unknown document {d!r}")
        shifts.append({"actor": sh["actor"], "issue": sh["issue"], "before": sh["before"], "after": sh["after"],
                       "before_documents": list(sh.get("before_documents", [])),
                       "after_documents": list(sh.get("after_documents", []))})
    return positions, shifts


def _check(p: Mapping[str, Any], issues: Mapping[str, Any], actors: Collection[str], where: str,
           error: type[Exception]) -> None:
    if p.get("actor") not in actors:
        raise error(f"{where}: unknown actor id {p.get('actor')!r}")
    if p.get("issue") not in issues:
        raise error(f"{where}: unknown issue {p.get('issue')!r} (see src/detente/data/issues.yaml)")
    if p.get("origin") not in ORIGINS:
        raise error(f"{where}: origin must be one of {ORIGINS}")
