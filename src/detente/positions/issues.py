"""The issue book: recurring issues, their cue words and stances (``data/issues.yaml``).

The shipped file is extended by user files (``~/.config/detente/issues.yaml``,
or the ``:``-separated paths in ``DETENTE_ISSUES``); later files win, cues are
added, ``drop:`` removes issues.  See docs/positions.md.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..datafiles import parse_yaml
from ..errors import InputError

DEFAULT_USER_FILE = Path("~/.config/detente/issues.yaml")


@dataclass(frozen=True, slots=True)
class Issue:
    """One recurring issue: id, label, cue pattern and the stances that make sense for it."""

    id: str
    label: str
    cues: tuple[str, ...]
    stances: tuple[str, ...]
    needs: tuple[str, ...] = ()
    inverts: frozenset[str] = frozenset()
    refers: frozenset[str] = frozenset()
    per_target: bool = False
    pattern: re.Pattern[str] = field(default=re.compile(r"(?!x)x"), compare=False)


@dataclass(frozen=True, slots=True)
class IssueMatch:
    """An issue named in a text: the cue's character span."""

    issue: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class IssueBook:
    """Issues plus the cue lexicon that turns syntax into stances."""

    issues: dict[str, Issue]
    groups: dict[str, str]  # stance -> group ("for", "against", "dropped", ...)
    cues: dict[str, frozenset[str]]  # cue list name -> lemmas
    phrases: dict[str, tuple[str, ...]]  # multi-word cue lists ("no longer")
    event_stances: dict[str, str]  # PLOVER type -> stance
    claim_stances: dict[str, str]  # claims.py stance -> stance

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[IssueMatch]:
        """Issue cues in ``text[start:end]``, longest first where two overlap, in text order."""
        end = len(text) if end is None else end
        found: list[IssueMatch] = []
        for issue in self.issues.values():
            for hit in issue.pattern.finditer(text, start, end):
                found.append(IssueMatch(issue.id, hit.start(), hit.end()))
        found.sort(key=lambda m: (m.start, -(m.end - m.start)))
        out: list[IssueMatch] = []
        for m in found:
            if out and m.start < out[-1].end:
                continue  # "mutual defence treaty" wins over "treaty"
            out.append(m)
        return out

    def allowed(self, issue: str, sentence: str) -> bool:
        """Whether an issue's ``needs`` words (if any) occur in ``sentence``."""
        needs = self.issues[issue].needs
        low = sentence.lower()
        return not needs or any(n in low for n in needs)

    def fits(self, issue: str, stance: str) -> bool:
        """Whether ``stance`` makes sense for ``issue`` (its ``stances`` list)."""
        return stance in self.issues[issue].stances

    def group(self, stance: str) -> str:
        """The stance's group; a change of group between two steps is a shift."""
        return self.groups.get(stance, stance)


def _compile(cues: Iterable[str]) -> re.Pattern[str]:
    forms = sorted({c.lower() for c in cues}, key=len, reverse=True)
    return re.compile(r"(?<![\w-])(?:" + "|".join(re.escape(f) for f in forms) + r")(?![\w-])", re.I)


def user_issue_files() -> list[Path]:
    """The user's issue files: ``DETENTE_ISSUES`` (':'-separated), else ~/.config/detente/issues.yaml if present."""
    env = os.environ.get("DETENTE_ISSUES")
    if env:
        return [Path(p).expanduser() for p in env.split(":") if p]
    default = DEFAULT_USER_FILE.expanduser()
    return [default] if default.exists() else []


def _read(path: Path, data: bytes | None = None) -> dict[str, Any]:
    """One issue file's mapping (``data``: its bytes, when already read)."""
    try:
        found = parse_yaml((path.read_bytes() if data is None else data).decode("utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise InputError(str(path), f"cannot read the issue file, fix or move it: {exc}") from exc
    if not isinstance(found, dict):
        raise InputError(str(path), "an issue file is a mapping with an `issues:` mapping (docs/positions.md)")
    return found


def load_issues(extra_files: Iterable[Path | str] | None = None) -> IssueBook:
    """The shipped issue book extended by ``extra_files`` (default: :func:`user_issue_files`); parsed
    again only when one of those files says something else."""
    files: list[Path | str] = list(extra_files) if extra_files is not None else list(user_issue_files())
    try:
        said = tuple((str(f), Path(f).read_bytes()) for f in files)
    except OSError:
        return _load([(str(f), _read(Path(f))) for f in files])  # an unreadable file: its error, as it is
    return _cached(said)


@functools.lru_cache(maxsize=8)
def _cached(said: tuple[tuple[str, bytes], ...]) -> IssueBook:
    return _load([(f, _read(Path(f), data)) for f, data in said])


def _load(user_layers: Sequence[tuple[str, dict[str, Any]]]) -> IssueBook:
    """The shipped issue book extended by the user files' mappings (file name, mapping), in order."""
    shipped = parse_yaml(resources.files("detente").joinpath("data/issues.yaml").read_text(encoding="utf-8"))
    layers = [shipped, *(layer for _, layer in user_layers)]
    raw_issues: dict[str, dict[str, Any]] = {}
    stances: dict[str, dict[str, Any]] = {}
    cues: dict[str, list[str]] = {}
    events: dict[str, str] = {}
    claim_stances: dict[str, str] = {}
    for n, layer in enumerate(layers):
        where = "data/issues.yaml" if n == 0 else user_layers[n - 1][0]
        for dropped in layer.get("drop", []) or []:
            raw_issues.pop(str(dropped), None)
        for iid, spec in (layer.get("issues") or {}).items():
            if not isinstance(spec, dict) or not spec.get("cues"):
                raise InputError(where, f"issue {iid!r} needs a `cues:` list", field=str(iid))
            old = raw_issues.get(str(iid), {})
            merged = {**old, **spec, "cues": [*old.get("cues", []), *spec["cues"]]}
            raw_issues[str(iid)] = merged
        stances.update(layer.get("stances") or {})
        for name, words in (layer.get("cues") or {}).items():
            cues.setdefault(name, []).extend(str(w) for w in words)
        events.update(layer.get("events") or {})
        claim_stances.update(layer.get("claim_stances") or {})
    issues: dict[str, Issue] = {}
    for iid, spec in raw_issues.items():
        bad = [s for s in spec.get("stances", []) if s not in stances]
        if bad:
            raise InputError("issues", f"issue {iid!r} lists unknown stances {bad}; known: {sorted(stances)}")
        issues[iid] = Issue(
            id=iid, label=str(spec.get("label", iid)), cues=tuple(spec["cues"]),
            stances=tuple(spec.get("stances") or stances), needs=tuple(w.lower() for w in spec.get("needs", [])),
            inverts=frozenset(w.lower() for w in spec.get("inverts", [])),
            refers=frozenset(w.lower() for w in spec.get("refers", [])),
            per_target=bool(spec.get("per_target", False)),
            pattern=_compile(spec["cues"]),
        )
    multi = {k: tuple(w for w in v if " " in w) for k, v in cues.items()}
    return IssueBook(
        issues=issues,
        groups={s: str(v.get("group", s)) for s, v in stances.items()},
        cues={k: frozenset(w.lower() for w in v) for k, v in cues.items()},
        phrases=multi,
        event_stances={str(k).upper(): str(v) for k, v in events.items()},
        claim_stances=claim_stances,
    )
