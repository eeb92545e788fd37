"""The event lexicon: PLOVER triggers loaded from YAML data.

The shipped lexicon is ``detente/data/events/lexicon.yaml``; its layout is
documented at the top of that file and in ``docs/events.md``.  Extra lexicon
files with the same layout are merged on top (entries appended, ``types`` and
``light_verbs`` updated), so users extend the vocabulary without code.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..datafiles import parse_yaml
from ..errors import InputError
from ..model import PLOVER_TYPES


@dataclass(frozen=True, slots=True)
class TypeInfo:
    """Defaults for one PLOVER type."""

    quad_class: int
    intensity: float


@dataclass(frozen=True, slots=True)
class Entry:
    """One trigger: a lemma (with optional constraints) and what it codes."""

    lemma: str
    pos: str  # "VERB" or "NOUN"
    type: str
    mode: str | None
    quad_class: int
    intensity: float
    objects: frozenset[str] = frozenset()
    preps: frozenset[str] = frozenset()
    prep_objects: frozenset[str] = frozenset()  # lemmas the object of `prep` must have
    particle: str | None = None
    modifiers: frozenset[str] = frozenset()
    targets: frozenset[str] = frozenset()
    symmetric: bool = False
    ergative: bool = False  # the theme may be the subject: "flights resumed"
    joint_only: bool = False  # only with several participants: "the two leaders talked"
    place_prep: bool = False  # the object of `prep` is a place: "flew to Beijing", not "flew in an exercise"
    act_content: bool = False  # not when the that-clause only tells a state: "warned that X could become a target"
    hosted: bool = False  # a noun event held somewhere: its host is where it takes place
    planned: bool = False  # the act plans the event: "budgeted aid" is future aid
    not_objects: frozenset[str] = frozenset()  # objects that are another sense: "released images"
    not_preps: frozenset[str] = frozenset()  # prepositions that make another sense: "hail from China"
    transitive: bool = False  # needs a direct object: "returned weapons", not "returned home"
    other_content: bool = False  # a that-clause about someone else: "warned that the move would divide X"
    predicate: str | None = None  # an evaluation of the object: "called the move illegal" (negative)

    @property
    def specific(self) -> bool:
        """True when the entry has a constraint beyond its lemma."""
        return bool(self.objects or self.preps or self.particle or self.modifiers or self.other_content
                    or self.predicate)

    @property
    def constraints(self) -> int:
        """How many constraints the entry sets: of two fitting entries, the one that
        says more about the sentence is the better reading ("sent troops to the border"
        is a deployment before it is troops sent)."""
        return sum(bool(x) for x in (self.objects, self.preps, self.prep_objects, self.particle, self.modifiers,
                                     self.other_content, self.predicate))


@dataclass(slots=True)
class Lexicon:
    """Triggers indexed by lemma, most specific entries first."""

    types: dict[str, TypeInfo] = field(default_factory=dict)
    verbs: dict[str, list[Entry]] = field(default_factory=dict)
    nouns: dict[str, list[Entry]] = field(default_factory=dict)
    light_verbs: frozenset[str] = frozenset()
    default_targets: frozenset[str] = frozenset()
    require_target: frozenset[str] = frozenset()
    dyad_target_types: frozenset[str] = frozenset()
    commissive: frozenset[str] = frozenset()
    containers: frozenset[str] = frozenset()
    target_only_nouns: frozenset[str] = frozenset()
    verbal_types: frozenset[str] = frozenset()
    participation_verbs: frozenset[str] = frozenset()
    stance_verbs: frozenset[str] = frozenset()
    threat_content: frozenset[str] = frozenset()  # "would face countermeasures": a warning that threatens
    alarm_subjects: frozenset[str] = frozenset()  # "warned that the move would divide X": an alarm about an act
    proposals: frozenset[str] = frozenset()  # "a proposal for X to act": a request to X
    act_heads: frozenset[str] = frozenset()  # "a mediation effort": the compound names the act
    place_nouns: frozenset[str] = frozenset()  # "arrived in the capital": a place one travels to
    state_verbs: frozenset[str] = frozenset()  # "warned that X could become a target": a state, not an act
    # words that judge: "negative" ("illegal", "propaganda"), "positive" ("a gesture of friendship")
    evaluation: dict[str, frozenset[str]] = field(default_factory=dict)
    continuity: Entry | None = None  # "X told Y that <the friendship> will not change"
    continuity_speech: frozenset[str] = frozenset()
    continuity_verbs: frozenset[str] = frozenset()
    continuity_nouns: frozenset[str] = frozenset()
    displeasure: Entry | None = None  # "X is deeply disappointed by Y's vote"
    displeasure_words: frozenset[str] = frozenset()
    displeasure_preps: frozenset[str] = frozenset()
    modal_demand: Entry | None = None  # "Oxfam said the army must protect the convoys"
    modal_demand_speech: frozenset[str] = frozenset()
    modal_demand_modals: frozenset[str] = frozenset()
    modal_demand_not_verbs: frozenset[str] = frozenset()
    modal_demand_obligations: frozenset[str] = frozenset()
    alleged_wrong: Entry | None = None  # "Amnesty said Russia committed war crimes"
    alleged_wrong_verbs: frozenset[str] = frozenset()
    alleged_wrong_objects: frozenset[str] = frozenset()
    alleged_wrong_breaches: frozenset[str] = frozenset()

    def __len__(self) -> int:
        return sum(len(v) for v in self.verbs.values()) + sum(len(v) for v in self.nouns.values())


# the one-construction sections of a lexicon file: (section, its default type, its word lists)
_SECTIONS = (
    ("continuity", "SUPPORT", ("speech", "verbs", "nouns")),
    ("displeasure", "ACCUSE", ("words", "preps")),
    ("modal_demand", "REQUEST", ("speech", "modals", "not_verbs", "obligations")),
    ("alleged_wrong", "ACCUSE", ("verbs", "objects", "breaches")),
)


def _as_list(value: Any) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value) if isinstance(value, list) else [value]
    for v in items:
        if not isinstance(v, str):
            # YAML reads bare on/off/yes/no as booleans: refuse rather than mis-match
            raise InputError("event lexicon", f"{v!r} is not a word; quote it in the YAML (\"on\", \"off\")")
    return [v.lower() for v in items]


def _read(path: Path | None) -> dict[str, Any]:
    if path is None:
        text = resources.files("detente").joinpath("data/events/lexicon.yaml").read_text("utf-8")
        name = "detente/data/events/lexicon.yaml"
    else:
        name = str(path)
        try:
            text = path.read_text("utf-8")
        except OSError as exc:
            raise InputError(name, f"cannot read event lexicon: {exc}") from exc
    try:
        data = parse_yaml(text) or {}
    except yaml.YAMLError as exc:
        raise InputError(name, f"invalid YAML in event lexicon: {exc}; fix the file's syntax") from exc
    if not isinstance(data, dict):
        raise InputError(name, "an event lexicon must be a mapping with `types`, `verbs`, `nouns`")
    data["__name__"] = name
    return data


def _entries(raw: Iterable[dict[str, Any]], pos: str, lex: Lexicon, source: str) -> list[Entry]:
    out: list[Entry] = []
    for i, item in enumerate(raw or []):
        etype = str(item.get("type", "")).upper()
        if etype not in PLOVER_TYPES:
            raise InputError(source, f"{pos.lower()} entry {i}: unknown PLOVER type {etype!r}; use one of {', '.join(PLOVER_TYPES)}", field="type")
        info = lex.types.get(etype)
        if info is None:
            raise InputError(source, f"type {etype} has no quad_class/intensity in `types`", field="types")
        targets = _as_list(item.get("targets")) or sorted(lex.default_targets)
        for lemma in _as_list(item.get("lemma")):
            out.append(
                Entry(
                    lemma=lemma,
                    pos=pos,
                    type=etype,
                    mode=item.get("mode") or None,
                    quad_class=int(item.get("quad_class", info.quad_class)),
                    intensity=float(item.get("intensity", info.intensity)),
                    objects=frozenset(_as_list(item.get("object"))),
                    preps=frozenset(_as_list(item.get("prep"))),
                    prep_objects=frozenset(_as_list(item.get("prep_object"))),
                    particle=next(iter(_as_list(item.get("particle"))), None),
                    modifiers=frozenset(_as_list(item.get("modifier"))),
                    targets=frozenset(targets),
                    symmetric=bool(item.get("symmetric", False)),
                    ergative=bool(item.get("ergative", False)),
                    joint_only=bool(item.get("joint_only", False)),
                    act_content=bool(item.get("act_content", False)),
                    place_prep=bool(item.get("place_prep", False)),
                    hosted=bool(item.get("hosted", False)),
                    planned=bool(item.get("planned", False)),
                    transitive=bool(item.get("transitive", False)),
                    other_content=bool(item.get("other_content", False)),
                    predicate=item.get("predicate") or None,
                    not_objects=frozenset(_as_list(item.get("not_object"))),
                    not_preps=frozenset(_as_list(item.get("not_prep"))),
                )
            )
    return out


def _index(entries: Sequence[Entry], into: dict[str, list[Entry]]) -> None:
    for e in entries:
        into.setdefault(e.lemma, []).append(e)
    for lemma, lst in into.items():
        # specific entries first, phrasal ones ("give up") before the bare verb's, then
        # the most constrained; stable so file order breaks the remaining ties
        into[lemma] = sorted(lst, key=lambda e: (not e.specific, e.particle is None, -e.constraints))


def load_lexicon(extra: Sequence[Path] = ()) -> Lexicon:
    """Load the shipped lexicon and merge ``extra`` lexicon files on top."""
    lex = Lexicon()
    for data in [_read(None), *(_read(p) for p in extra)]:
        source = data["__name__"]
        for name, info in (data.get("types") or {}).items():
            if name.upper() not in PLOVER_TYPES:
                raise InputError(source, f"unknown PLOVER type {name!r} in `types`", field="types")
            lex.types[name.upper()] = TypeInfo(int(info["quad_class"]), float(info["intensity"]))
        lex.light_verbs = lex.light_verbs | frozenset(_as_list(data.get("light_verbs")))
        lex.default_targets = lex.default_targets | frozenset(_as_list(data.get("default_targets")))
        lex.require_target = lex.require_target | frozenset(t.upper() for t in _as_list(data.get("require_target")))
        lex.dyad_target_types = lex.dyad_target_types | frozenset(t.upper() for t in _as_list(data.get("dyad_target_types")))
        lex.commissive = lex.commissive | frozenset(_as_list(data.get("commissive")))
        lex.containers = lex.containers | frozenset(_as_list(data.get("containers")))
        lex.target_only_nouns = lex.target_only_nouns | frozenset(t.upper() for t in _as_list(data.get("target_only_nouns")))
        lex.participation_verbs = lex.participation_verbs | frozenset(_as_list(data.get("participation_verbs")))
        # sections coding one construction each: an entry (type, mode) and its word lists, each
        # list kept in the field ``<section>_<list>``
        for section, default_type, lists in _SECTIONS:
            found = data.get(section)
            if not found:
                continue
            setattr(lex, section, _entries([{"lemma": section, "type": found.get("type", default_type),
                                             "mode": found.get("mode")}], "VERB", lex, source)[0])
            for name in lists:
                attr = f"{section}_{name}"
                setattr(lex, attr, getattr(lex, attr) | frozenset(_as_list(found.get(name))))
        lex.stance_verbs = lex.stance_verbs | frozenset(_as_list(data.get("stance_verbs")))
        lex.threat_content = lex.threat_content | frozenset(_as_list(data.get("threat_content")))
        lex.alarm_subjects = lex.alarm_subjects | frozenset(_as_list(data.get("alarm_subjects")))
        lex.state_verbs = lex.state_verbs | frozenset(_as_list(data.get("state_verbs")))
        lex.place_nouns = lex.place_nouns | frozenset(_as_list(data.get("place_nouns")))
        lex.act_heads = lex.act_heads | frozenset(_as_list(data.get("act_heads")))
        lex.proposals = lex.proposals | frozenset(_as_list(data.get("proposals")))
        for polarity, words in (data.get("evaluation") or {}).items():
            lex.evaluation[str(polarity)] = lex.evaluation.get(str(polarity), frozenset()) | frozenset(_as_list(words))
        lex.verbal_types = lex.verbal_types | frozenset(t.upper() for t in _as_list(data.get("verbal_types")))
        _index(_entries(data.get("verbs") or [], "VERB", lex, source), lex.verbs)
        _index(_entries(data.get("nouns") or [], "NOUN", lex, source), lex.nouns)
    return lex
