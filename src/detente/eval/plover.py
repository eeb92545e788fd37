"""Score the events stage on the PLOVER gold-standard records (GSR).

Usage::

    python -m detente.eval.plover ../shared/eval/plover-gsr/dev.json [--misses] [--ner-actors]

Each record is one sentence with one gold event (type, source and target
actors as ISO3 codes).  The records come from an older draft of PLOVER, so
labels are mapped (DEMAND -> REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE,
FIGHT -> ASSAULT), and PLOVER codes *intentions* as events of their own: "X
will give Y a grant" is AGREE, "X will boycott Y" is THREATEN, "X said Y must
..." is REQUEST.  detente keeps the event and puts the intention in its
modality instead, so each predicted event is read through :func:`plover_view`
(its own type plus the PLOVER type its modality implies) before comparison.

Reported figures:

* type recall — records whose gold type is among the predicted types;
* full recall — records with a predicted event of the gold type whose source
  and target countries overlap the gold codes (joint "SRC/TAR" actors may sit
  on either side);
* precision — predicted events whose type matches the record's gold type.

``--ner-actors`` replaces the actor stage by raw spaCy entities (no
countries): a diagnostic of trigger coverage while the actor stage is absent;
full recall is then meaningless.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import PLOVER_QUAD_CLASS, Actor, ActorMention, Document, Event, Extraction
from ..pipeline import Pipeline
from ..settings import Settings
from ..stage import DocContext, register_stage

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
# non-standard codes in the records
CODE_FIXES = {"JAP": "JPN"}
COOPERATIVE = frozenset(t for t, quad in PLOVER_QUAD_CLASS.items() if quad <= 2)
# conflict whose intention PLOVER codes as THREATEN; a planned request or threat already is its own type
CONFLICTUAL = frozenset(t for t, quad in PLOVER_QUAD_CLASS.items() if quad >= 3) - {"REQUEST", "THREATEN"}


def plover_view(event: Event) -> set[str]:
    """The PLOVER types an event stands for: its own, plus the one its modality implies."""
    types = {event.type}
    if event.modality in ("future", "hypothetical"):
        if event.type in COOPERATIVE:
            types.add("AGREE")
        elif event.type in CONFLICTUAL:
            types.add("THREATEN")
    elif event.modality == "prescriptive":
        types.add("REQUEST")
    elif event.modality == "negated" and event.type in COOPERATIVE:
        types.add("REJECT")
    return types


def _codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    out: set[str] = set()
    for a in actors:
        code = a.get("code") if isinstance(a, dict) else None
        if isinstance(code, str) and code:
            out.add(CODE_FIXES.get(code, code))
    return out


@dataclass
class Score:
    records: int = 0
    type_hits: int = 0
    full_hits: int = 0
    predicted: int = 0
    correct: int = 0
    by_type: Counter[str] = field(default_factory=Counter)
    missed_type: Counter[str] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        def pct(a: int, b: int) -> float:
            return round(100.0 * a / b, 1) if b else 0.0

        return {
            "records": self.records,
            "type_recall": pct(self.type_hits, self.records),
            "full_recall": pct(self.full_hits, self.records),
            "precision": pct(self.correct, self.predicted),
            "predicted_events": self.predicted,
            "missed_by_type": dict(self.missed_type.most_common()),
        }


def _countries(ex: Extraction, ids: Sequence[str]) -> set[str]:
    actors = {a.id: a for a in ex.actors}
    out = set()
    for i in ids:
        a = actors.get(i)
        if a is not None and (a.country or a.code):
            out.add(a.country or a.code or "")
    return out


def _full_match(ex: Extraction, e: Event, gsrc: set[str], gtgt: set[str]) -> bool:
    src, tgt = _countries(ex, e.source), _countries(ex, e.target)
    if not gtgt:  # joint actors ("X and Y agreed"): either side will do
        return bool(gsrc & (src | tgt)) if gsrc else True
    return (not gsrc or bool(gsrc & src)) and bool(gtgt & (tgt | (src if not gsrc else set())))


class _NerActors:
    """Diagnostic stand-in for the actor stage: each named entity is an actor."""

    name = "ner-actors"

    def __call__(self, ctx: DocContext) -> None:
        for ent in ctx.doc.ents:
            if ent.label_ in ("GPE", "NORP", "ORG", "PERSON"):
                aid = "ner:" + ent.text
                ctx.actors.setdefault(aid, Actor(id=aid, name=ent.text, kind="group"))
                ctx.actor_mentions.append(ActorMention(aid, ctx.document.id, ent.start_char, ent.end_char, ent.text))
        ctx.index_mentions()


register_stage("actors.ner", lambda settings: _NerActors())


def evaluate(path: Path, ner_actors: bool = False, misses: bool = False, out: Any = sys.stdout) -> dict[str, Any]:
    """Run the pipeline over every record of ``path`` and score the events."""
    records = json.loads(path.read_text("utf-8"))
    settings = Settings()
    if ner_actors:
        settings.stages["actors"] = "actors.ner"
    pipe = Pipeline(settings)
    docs = [Document(id=r["id"], text=r["text"]) for r in records]
    score = Score()
    for rec, ex in zip(records, pipe.process(docs), strict=True):
        gold = OLD_LABELS.get(rec["event"], rec["event"])
        gsrc, gtgt = _codes(rec.get("source")), _codes(rec.get("target"))
        score.records += 1
        score.by_type[gold] += 1
        views = [(e, plover_view(e)) for e in ex.events]
        score.predicted += len(views)
        score.correct += sum(1 for _, v in views if gold in v)
        typed = [e for e, v in views if gold in v]
        if typed:
            score.type_hits += 1
            if any(_full_match(ex, e, gsrc, gtgt) for e in typed):
                score.full_hits += 1
        else:
            score.missed_type[gold] += 1
            if misses:
                got = ", ".join(f"{e.type}/{e.modality}:{e.trigger}" for e in ex.events) or "-"
                print(f"MISS {gold:9} [{rec['eventText']}] got {got}\n     {rec['text']}", file=out)
    return score.as_dict()


def main(argv: Sequence[str] | None = None) -> int:
    """Command-line entry point."""
    ap = argparse.ArgumentParser(prog="python -m detente.eval.plover", description=__doc__.split("\n\n")[0])
    ap.add_argument("file", type=Path, help="PLOVER GSR records (JSON list), e.g. ../shared/eval/plover-gsr/dev.json")
    ap.add_argument("--misses", action="store_true", help="print the records whose gold type was not found")
    ap.add_argument("--ner-actors", action="store_true", help="use raw named entities as actors (trigger diagnostic)")
    args = ap.parse_args(argv)
    if not args.file.exists():
        print(f"{args.file}: no such file; pass the path of the PLOVER GSR dev.json", file=sys.stderr)
        return 2
    result = evaluate(args.file, ner_actors=args.ner_actors, misses=args.misses)
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
