"""Score a detente/1 export against gold annotations written in detente/1 itself.

Matching rules (documented in docs/eval.md; every rule is one-to-one and greedy
in document order):

* documents: a predicted document is the gold one with the same id, else the one
  with identical text.
* actors: a gold actor mention is resolved correctly when a predicted actor
  mention in the same document overlaps it and names the same actor (same ISO3
  code for states; else the same id, the same normalised name, or one's name
  among the other's aliases).  ``country`` accuracy is measured over gold actors
  matched by some predicted actor.
* events: one item per (event, document it is reported in).  A predicted item
  matches a gold one in the same document with the same type, overlapping
  countries of source actors and of target actors (both empty also agrees), a
  date whose day interval overlaps the gold's (when the gold date is known), and
  the same modality; CONSULT, AGREE and COOPERATE match with source and target
  swapped too.  Fusion is scored pairwise over matched items.
* times: extent strict (same offsets) and relaxed (overlap); value accuracy over
  relaxed matches; value F1 counts a relaxed match with the same value (a gold
  interval "start/end" also matches a prediction whose range has those bounds).
* quantities: same document, same unit, value within 1 %.
* claims: same document, same kind, overlapping evidence spans; speaker accuracy
  over matched quotes.
* positions and position shifts (when the gold has ``positions``): see
  :mod:`detente.eval.positions`.
"""

from __future__ import annotations

import itertools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from ..model import JOINT_TYPES
from .score import Score

Record = dict[str, Any]

# event types whose source and target may be written either way round
SYMMETRIC_TYPES = JOINT_TYPES


def _norm(name: str) -> str:
    name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z0-9]+", " ", name).strip().removeprefix("the ")


class _Actors:
    """Lookup of actors and their states for one side (gold or predicted)."""

    def __init__(self, actors: Iterable[Record]):
        self.by_id = {a["id"]: a for a in actors}

    def country(self, actor_id: str) -> str | None:
        a = self.by_id.get(actor_id)
        if a is None:
            # an id that is itself an ISO3 code stands for the state
            return actor_id if re.fullmatch(r"[A-Z]{3}", actor_id) else None
        return a.get("code") or a.get("country")

    def countries(self, ids: Iterable[str]) -> set[str]:
        return {c for c in (self.country(i) for i in ids) if c}


def same_actor(g: Record, p: Record) -> bool:
    """Whether a predicted actor is the gold actor (rules in the module docstring)."""
    if g.get("kind") == "state" or p.get("kind") == "state":
        return bool(g.get("code")) and g.get("code") == p.get("code")
    if g["id"] == p["id"]:
        return True
    gn, pn = _norm(g["name"]), _norm(p["name"])
    if gn == pn:
        return True
    return gn in {_norm(a) for a in p.get("aliases", [])} or pn in {_norm(a) for a in g.get("aliases", [])}


def _overlap(a: Record, b: Record) -> bool:
    return a["start"] < b["end"] and b["start"] < a["end"]


def _greedy(gold: list[Any], pred: list[Any], ok: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and ok(g, p):
                used.add(pi)
                pairs.append((gi, pi))
                break
    return pairs


def _doc_map(gold: Record, pred: Record) -> dict[str, str]:
    """Predicted document id -> gold document id."""
    gold_ids = {d["id"] for d in gold["documents"]}
    by_text = {d.get("text"): d["id"] for d in gold["documents"] if d.get("text")}
    out = {}
    for d in pred["documents"]:
        if d["id"] in gold_ids:
            out[d["id"]] = d["id"]
        elif d.get("text") in by_text:
            out[d["id"]] = by_text[d["text"]]
    return out


def _renamed(pred: Record, docs: dict[str, str]) -> Record:
    """``pred`` with its positions' evidence renamed to the gold's document ids (ids differ after ingest)."""
    positions = []
    for p in pred.get("positions", []):
        mentions = [{**m, "document": docs.get(m["document"], m["document"])} for m in p.get("mentions", [])]
        positions.append({**p, "mentions": mentions})
    return {**pred, "positions": positions}


def _dates_overlap(g: Record | None, p: Record | None) -> bool:
    if not g or g.get("granularity") in (None, "unknown") or not g.get("start"):
        return True
    if not p or not p.get("start"):
        return False
    return bool(p["start"] <= (g.get("end") or g["start"]) and g["start"] <= (p.get("end") or p["start"]))


def score_actors(gold: Record, pred: Record, docs: dict[str, str]) -> list[Score]:
    pa = {a["id"]: a for a in pred["actors"]}
    pred_mentions: dict[str, list[tuple[Record, Record]]] = defaultdict(list)
    for a in pred["actors"]:
        for m in a.get("mentions", []):
            if m["document"] in docs:
                pred_mentions[docs[m["document"]]].append((m, a))
    resolution = Score("actor mentions")
    resolution.predicted = sum(len(v) for v in pred_mentions.values())
    matched_actor: dict[str, Record] = {}
    for g in gold["actors"]:
        for gm in g.get("mentions", []):
            resolution.gold += 1
            hits = [a for m, a in pred_mentions.get(gm["document"], []) if _overlap(gm, m)]
            right = [a for a in hits if same_actor(g, a)]
            if right:
                resolution.matched += 1
                matched_actor.setdefault(g["id"], right[0])
    resolution.extra["accuracy"] = resolution.recall
    country = Score("actor country")
    country.gold = len([g for g in gold["actors"] if g.get("mentions")])
    for gid, p in matched_actor.items():
        g = next(a for a in gold["actors"] if a["id"] == gid)
        country.predicted += 1
        if (g.get("country") or None) == (p.get("country") or None):
            country.matched += 1
    country.extra["accuracy"] = country.precision
    actors = Score("actors", gold=country.gold, predicted=len(pa), matched=len(matched_actor))
    return [resolution, country, actors]


def _event_items(data: Record, docs: dict[str, str] | None) -> list[tuple[str, str, Record]]:
    """(event id, gold-side document id, event) for each document an event is reported in."""
    items = []
    for ev in data["events"]:
        seen = set()
        for m in ev.get("mentions", []):
            doc = m["document"] if docs is None else docs.get(m["document"])
            if doc and doc not in seen:
                seen.add(doc)
                items.append((ev["id"], doc, ev))
    return items


def score_events(gold: Record, pred: Record, docs: dict[str, str]) -> list[Score]:
    ga, pa = _Actors(gold["actors"]), _Actors(pred["actors"])
    g_items = _event_items(gold, None)
    g_items = [i for i in g_items if i[1] in set(docs.values())]
    p_items = _event_items(pred, docs)

    def roles_ok(g: Record, p: Record, g_roles: tuple[str, str]) -> bool:
        for g_role, p_role in zip(g_roles, ("source", "target"), strict=True):
            gc, pc = ga.countries(g.get(g_role, [])), pa.countries(p.get(p_role, []))
            if (gc or pc) and not gc & pc:
                return False
        return True

    def args_ok(g: Record, p: Record) -> bool:
        # "X and Y met" has no natural direction: symmetric types match either way round
        return roles_ok(g, p, ("source", "target")) or (
            g["type"] in SYMMETRIC_TYPES and roles_ok(g, p, ("target", "source")))

    def ok(gi: tuple[str, str, Record], pi: tuple[str, str, Record]) -> bool:
        g, p = gi[2], pi[2]
        return (gi[1] == pi[1] and g["type"] == p["type"] and g.get("modality") == p.get("modality")
                and args_ok(g, p) and _dates_overlap(g.get("date"), p.get("date")))

    pairs = _greedy(g_items, p_items, ok)
    total = Score("events", gold=len(g_items), predicted=len(p_items), matched=len(pairs))
    typed = Score("events (type only)", gold=len(g_items), predicted=len(p_items),
                  matched=len(_greedy(g_items, p_items, lambda g, p: g[1] == p[1] and g[2]["type"] == p[2]["type"])))
    # a non-asserted gold statement emitted as asserted is the error analysts must never see
    def evidence_overlaps(gi: tuple[str, str, Record], pi: tuple[str, str, Record]) -> bool:
        return any(_overlap(gm, pm) for gm in gi[2].get("mentions", []) if gm["document"] == gi[1]
                   for pm in pi[2].get("mentions", []) if docs.get(pm["document"]) == gi[1])

    leaks = 0
    for gi in g_items:
        if gi[2].get("modality") != "asserted":
            leaks += any(pi[1] == gi[1] and pi[2]["type"] == gi[2]["type"] and pi[2].get("modality") == "asserted"
                         and args_ok(gi[2], pi[2]) and evidence_overlaps(gi, pi) for pi in p_items)
    total.extra["non_asserted_emitted_as_asserted"] = leaks
    scores = [total, typed]
    for t in sorted({i[2]["type"] for i in g_items + p_items}):
        s = Score(f"events {t}", gold=sum(i[2]["type"] == t for i in g_items),
                  predicted=sum(i[2]["type"] == t for i in p_items))
        s.matched = sum(1 for gi, _ in pairs if g_items[gi][2]["type"] == t)
        scores.append(s)
    # fusion: pairs of matched items in one gold event vs in one predicted event
    gold_pairs, pred_pairs = set(), set()
    for (a, pa_), (b, pb) in itertools.combinations(pairs, 2):
        if g_items[a][0] == g_items[b][0]:
            gold_pairs.add((a, b))
        if p_items[pa_][0] == p_items[pb][0]:
            pred_pairs.add((a, b))
    fusion = Score("event fusion (pairwise)", gold=len(gold_pairs), predicted=len(pred_pairs),
                   matched=len(gold_pairs & pred_pairs))
    scores.append(fusion)
    return scores


def score_times(gold: Record, pred: Record, docs: dict[str, str]) -> list[Score]:
    g = [t for t in gold["times"] if t["document"] in set(docs.values())]
    p = [dict(t, document=docs[t["document"]]) for t in pred["times"] if t["document"] in docs]
    strict = Score("times (strict extent)", gold=len(g), predicted=len(p),
                   matched=len(_greedy(g, p, lambda a, b: a["document"] == b["document"]
                                       and (a["start"], a["end"]) == (b["start"], b["end"]))))
    relaxed_pairs = _greedy(g, p, lambda a, b: a["document"] == b["document"] and _overlap(a, b))
    relaxed = Score("times (relaxed extent)", gold=len(g), predicted=len(p), matched=len(relaxed_pairs))
    right = sum(1 for gi, pi in relaxed_pairs if _same_value(g[gi], p[pi]))
    relaxed.extra["value_accuracy"] = right / len(relaxed_pairs) if relaxed_pairs else 0.0
    value = Score("times (value)", gold=len(g), predicted=len(p), matched=right)
    return [strict, relaxed, value]


def _same_value(g: Record, p: Record) -> bool:
    """Values agree; an interval written "start/end" also matches the prediction's bounds."""
    if g["value"] == p["value"]:
        return True
    return "/" in g["value"] and g["value"] == f"{p.get('range_start')}/{p.get('range_end')}"


def score_quantities(gold: Record, pred: Record, docs: dict[str, str]) -> list[Score]:
    def doc(q: Record, mapping: dict[str, str] | None) -> str | None:
        d = q["mentions"][0]["document"] if q.get("mentions") else None
        return d if mapping is None or d is None else mapping.get(d)

    g = [q for q in gold["quantities"] if doc(q, None) in set(docs.values())]
    p = [q for q in pred["quantities"] if doc(q, docs)]

    def ok(a: Record, b: Record) -> bool:
        return (doc(a, None) == doc(b, docs) and a["unit"] == b["unit"]
                and abs(float(a["value"]) - float(b["value"])) <= 0.01 * max(abs(float(a["value"])), 1e-9))

    return [Score("quantities", gold=len(g), predicted=len(p), matched=len(_greedy(g, p, ok)))]


def score_claims(gold: Record, pred: Record, docs: dict[str, str]) -> list[Score]:
    def mentions(c: Record, mapping: dict[str, str] | None) -> list[Record]:
        out = []
        for m in c.get("mentions", []):
            d = m["document"] if mapping is None else mapping.get(m["document"])
            if d:
                out.append(dict(m, document=d))
        return out

    ga, pa = {a["id"]: a for a in gold["actors"]}, {a["id"]: a for a in pred["actors"]}
    scores = []
    for kind in (None, "quote", "assessment", "statement"):
        g = [c for c in gold["claims"] if (kind is None or c["kind"] == kind) and mentions(c, None)
             and mentions(c, None)[0]["document"] in set(docs.values())]
        p = [c for c in pred["claims"] if (kind is None or c["kind"] == kind) and mentions(c, docs)]

        def ok(a: Record, b: Record) -> bool:
            return a["kind"] == b["kind"] and any(
                x["document"] == y["document"] and _overlap(x, y)
                for x in mentions(a, None) for y in mentions(b, docs))

        pairs = _greedy(g, p, ok)
        s = Score("claims" if kind is None else f"claims {kind}", gold=len(g), predicted=len(p), matched=len(pairs))
        if kind == "quote" and pairs:
            right = 0
            for gi, pi in pairs:
                gs, ps = g[gi].get("speaker"), p[pi].get("speaker")
                if gs and ps and gs in ga and ps in pa and same_actor(ga[gs], pa[ps]):
                    right += 1
                elif not gs and not ps:
                    right += 1
            s.extra["speaker_accuracy"] = right / len(pairs)
        scores.append(s)
    return scores


def evaluate(gold: Record, pred: Record) -> dict[str, Any]:
    """Score ``pred`` against ``gold`` (both detente/1 objects)."""
    docs = _doc_map(gold, pred)
    scores: list[Score] = []
    for fn in (score_actors, score_events, score_times, score_quantities, score_claims):
        scores.extend(fn(gold, pred, docs))
    if gold.get("positions"):
        from .positions import evaluate_positions  # positions scoring reads the issue book

        scores.extend(evaluate_positions(gold, _renamed(pred, docs)))
    return {
        "documents": {"gold": len(gold["documents"]), "matched": len(set(docs.values()))},
        "scores": [s.as_dict() for s in scores],
    }


def format_table(result: dict[str, Any]) -> str:
    """A plain-text table of an :func:`evaluate` result."""
    lines = [f"documents: {result['documents']['matched']} of {result['documents']['gold']} gold documents found",
             f"{'':34} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6}  other"]
    for s in result["scores"]:
        other = ", ".join(f"{k}={v}" for k, v in s.items()
                          if k not in {"name", "gold", "predicted", "matched", "precision", "recall", "f1"})
        lines.append(f"{s['name']:34} {s['gold']:>5} {s['predicted']:>5} {s['matched']:>5} "
                     f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f}  {other}")
    return "\n".join(lines)
