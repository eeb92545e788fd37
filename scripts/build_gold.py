#!/usr/bin/env python3
"""Compile the human-friendly gold annotations to detente/1 JSON.

Inputs
  src/detente/data/corpus/manifest.jsonl      the sample corpus
  src/detente/data/gold/src/_actors.yaml      actor definitions (shared by all documents)
  src/detente/data/gold/src/<doc>.yaml        one file per document (see docs/gold.md)
Output
  src/detente/data/gold/sample.json           the gold store, detente/1 plus additions

Annotators never type offsets: they quote a snippet of the document and this script
finds it.  A snippet that is missing or ambiguous is an error (the build fails loudly),
so gold cannot silently drift when an article is edited.

Snippet syntax (a YAML string, always quoted):
  "Xi Jinping"           the text must occur exactly once as a whole-word match
  "Kim@3"                the 3rd whole-word occurrence (1-based)
  "[He] called the two"  the whole snippet (without brackets) must occur once (or use
                         a trailing @n); the span is the bracketed part
  "*Xi"                  (actor mentions only) every whole-word occurrence not already
                         covered by a longer or explicit mention in the same document

Run:  .venv/bin/python scripts/build_gold.py [--check]
"""

from __future__ import annotations

import argparse
import calendar
import datetime as dt
import json
import re
import sys
import unicodedata
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "src" / "detente" / "data" / "corpus"
GOLD_DIR = ROOT / "src" / "detente" / "data" / "gold"
GOLD_SRC = GOLD_DIR / "src"
OUT = GOLD_DIR / "sample.json"

PLOVER_QUAD: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# Goldstein-style default intensity per type (docs/gold.md); a YAML event may override it.
INTENSITY: dict[str, float] = {
    "AGREE": 5.0, "CONSULT": 3.0, "SUPPORT": 4.0, "CONCEDE": 5.0,
    "COOPERATE": 6.0, "AID": 7.0, "RETREAT": 4.0,
    "REQUEST": -2.0, "ACCUSE": -4.0, "REJECT": -4.0, "THREATEN": -6.0,
    "PROTEST": -5.0, "SANCTION": -7.0, "MOBILIZE": -6.0, "COERCE": -7.0, "ASSAULT": -9.0,
}
MODALITIES = ("asserted", "negated", "hypothetical", "future", "prescriptive")
CLAIM_KINDS = ("quote", "assessment", "statement")
STANCES = ("support", "oppose", "silent", None)
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 2)}
REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
PRONOUNS = {"he", "she", "it", "they", "him", "her", "them", "his", "its", "their", "we", "our", "i"}


class GoldError(Exception):
    """A gold annotation that cannot be compiled; the message names the file and snippet."""


def normalise_text(raw: str) -> str:
    """The stored text of a document, exactly as the ingest stage stores it.

    Line endings become \\n, surrounding whitespace is stripped and the text is put in
    Unicode NFC, so offsets computed here are valid for `detente show DOC`.
    """
    text = raw.replace("\r\n", "\n").replace("\r", "\n").strip()
    return unicodedata.normalize("NFC", text)


# --------------------------------------------------------------------------- snippets

def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"


def occurrences(text: str, needle: str) -> list[int]:
    """Start offsets of `needle` in `text`, whole-word at any edge that is a word char."""
    if not needle:
        return []
    found: list[int] = []
    i = text.find(needle)
    while i != -1:
        j = i + len(needle)
        left_ok = not _is_word(needle[0]) or i == 0 or not _is_word(text[i - 1])
        right_ok = not _is_word(needle[-1]) or j == len(text) or not _is_word(text[j])
        if left_ok and right_ok:
            found.append(i)
        i = text.find(needle, i + 1)
    return found


def resolve(text: str, spec: str, where: str) -> tuple[int, int]:
    """Character span of a snippet spec (see module docstring) in `text`."""
    if not isinstance(spec, str):
        raise GoldError(f"{where}: snippet must be a string, got {spec!r}")
    nth: int | None = None
    m = re.fullmatch(r"(.*)@(\d+)", spec, flags=re.S)
    body = spec
    if m:
        body, nth = m.group(1), int(m.group(2))
    lo = hi = None
    if "[" in body:
        lo = body.index("[")
        hi = body.index("]", lo) - 1  # offset in the bracket-free string
        plain = body.replace("[", "", 1).replace("]", "", 1)
    else:
        plain = body
    hits = occurrences(text, plain)
    if not hits:
        raise GoldError(f"{where}: snippet not found: {spec!r}")
    if nth is None:
        if len(hits) > 1:
            raise GoldError(f"{where}: snippet is ambiguous ({len(hits)} matches), add @n: {spec!r}")
        start = hits[0]
    else:
        if not 1 <= nth <= len(hits):
            raise GoldError(f"{where}: snippet has {len(hits)} matches, @{nth} is out of range: {spec!r}")
        start = hits[nth - 1]
    if lo is None or hi is None:
        return start, start + len(plain)
    return start + lo, start + hi


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Sentences of a corpus article: lines, split after . ! ? (plus closing quote).

    The sample articles avoid dotted abbreviations, so this simple rule is exact here.
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        base = line.start()
        s = line.group(0)
        start = 0
        for b in re.finditer(r"[.!?][\"”’)]?(?=\s+[\"“‘(]?[A-Z0-9])", s):
            spans.append((base + start, base + b.end()))
            start = b.end()
            while start < len(s) and s[start] == " ":
                start += 1
        spans.append((base + start, base + len(s.rstrip())))
    return [(a, b) for a, b in spans if b > a]


def sentence_of(text: str, sentences: list[tuple[int, int]], start: int, end: int) -> tuple[int, int]:
    """The sentence(s) covering a span."""
    covering = [(a, b) for a, b in sentences if a < end and start < b]
    return covering[0][0], covering[-1][1]


# --------------------------------------------------------------------------- dates

def _month_end(y: int, m: int) -> int:
    return calendar.monthrange(y, m)[1]


def bounds(value: str) -> tuple[str, str | None, str | None]:
    """(granularity, start, end) of a TIMEX3-style value."""
    if value == "" or value in REFS:
        return "unknown", None, None
    if "/" in value:
        a, b = value.split("/", 1)
        ga, sa, _ = bounds(a)
        _, _, eb = bounds(b)
        return ga, sa, eb
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})(T\w+)?", value):
        d = value[:10]
        dt.date.fromisoformat(d)
        return "day", d, d
    if m := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        monday = dt.date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return "week", monday.isoformat(), (monday + dt.timedelta(days=6)).isoformat()
    if m := re.fullmatch(r"(\d{4})-(\d{2})", value):
        y, mo = int(m.group(1)), int(m.group(2))
        return "month", f"{y:04d}-{mo:02d}-01", f"{y:04d}-{mo:02d}-{_month_end(y, mo):02d}"
    if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
        y, q = int(m.group(1)), int(m.group(2))
        m1, m3 = 3 * q - 2, 3 * q
        return "quarter", f"{y:04d}-{m1:02d}-01", f"{y:04d}-{m3:02d}-{_month_end(y, m3):02d}"
    if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
        y = int(m.group(1))
        first, last = SEASONS[m.group(2)]
        yb = y + 1 if last < first else y
        return "season", f"{y:04d}-{first:02d}-01", f"{yb:04d}-{last:02d}-{_month_end(yb, last):02d}"
    if re.fullmatch(r"\d{4}", value):
        return "year", f"{value}-01-01", f"{value}-12-31"
    if re.fullmatch(r"\d{3}X", value):
        return "decade", f"{value[:3]}0-01-01", f"{value[:3]}9-12-31"
    raise GoldError(f"unrecognised date value {value!r}")


def duration_granularity(value: str) -> str:
    m = re.fullmatch(r"P(?:T)?(\d+(?:\.\d+)?)([YMWDH])", value)
    if not m:
        raise GoldError(f"unrecognised duration {value!r}")
    if value.startswith("PT"):
        return "unknown"
    return {"Y": "year", "M": "month", "W": "week", "D": "day"}[m.group(2)]


def make_date(spec: Any, where: str) -> dict[str, Any] | None:
    """A detente/1 Date from a YAML value: a string value or a mapping."""
    if spec is None:
        return None
    if isinstance(spec, (dt.date, int)):
        spec = str(spec)
    if isinstance(spec, str):
        spec = {"value": spec}
    value = str(spec.get("value", ""))
    try:
        gran, start, end = bounds(value)
    except GoldError as exc:
        raise GoldError(f"{where}: {exc}") from None
    return {
        "value": value,
        "granularity": spec.get("granularity", gran),
        "start": spec.get("start", start),
        "end": spec.get("end", end),
        "basis": spec.get("basis", "unknown" if value == "" else "explicit"),
    }


# --------------------------------------------------------------------------- build

def load_yaml(path: Path) -> Any:
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def mention(doc_id: str, text: str, span: tuple[int, int]) -> dict[str, Any]:
    return {"document": doc_id, "start": span[0], "end": span[1], "text": text[span[0]:span[1]]}


def build(corpus: Path = CORPUS, gold_src: Path = GOLD_SRC, partial: bool = False) -> dict[str, Any]:
    """Compile every gold source file into one detente/1 object."""
    manifest = [json.loads(line) for line in (corpus / "manifest.jsonl").read_text("utf-8").splitlines()
                if line.strip()]
    docs: dict[str, dict[str, Any]] = {}
    for row in manifest:
        text = normalise_text((corpus / row["path"]).read_text(encoding="utf-8"))
        docs[row["id"]] = {
            "id": row["id"], "title": row.get("title"), "source": row.get("source"), "url": row.get("url"),
            "published": row.get("published"),
            "published_basis": "metadata" if row.get("published") else "unknown",
            "authors": row.get("authors", []), "path": row["path"], "duplicate_of": None, "text": text,
        }

    actor_defs = load_yaml(gold_src / "_actors.yaml")
    actors: dict[str, dict[str, Any]] = {}
    for a in actor_defs:
        if a["id"] in actors:
            raise GoldError(f"_actors.yaml: duplicate actor id {a['id']}")
        actors[a["id"]] = {
            "id": a["id"], "name": a["name"], "kind": a["kind"], "code": a.get("code"),
            "country": a.get("country"), "roles": a.get("roles", []), "aliases": list(a.get("aliases", [])),
            "about": a.get("about", []), "affiliation": a.get("affiliation"), "mentions": [],
        }

    events: dict[str, dict[str, Any]] = {}
    event_refs: list[tuple[str, str, dict[str, Any]]] = []
    quantities: dict[str, dict[str, Any]] = {}
    quantity_refs: list[tuple[str, str, dict[str, Any]]] = []
    claims: list[dict[str, Any]] = []
    times: list[dict[str, Any]] = []

    files = sorted(p for p in gold_src.glob("*.yaml") if not p.name.startswith("_"))
    seen_docs: set[str] = set()
    for path in files:
        g = load_yaml(path)
        doc_id = g["document"]
        where0 = path.name
        if doc_id not in docs:
            raise GoldError(f"{where0}: unknown document {doc_id!r} (not in manifest.jsonl)")
        if doc_id in seen_docs:
            raise GoldError(f"{where0}: document {doc_id!r} annotated twice")
        seen_docs.add(doc_id)
        doc = docs[doc_id]
        text = doc["text"]
        sentences = sentence_spans(text)
        doc["duplicate_of"] = g.get("duplicate_of")

        # actor mentions: explicit specs first, then "*" patterns longest first
        claimed: list[tuple[int, int, str]] = []
        patterns: list[tuple[str, str]] = []
        for actor_id, specs in (g.get("actors") or {}).items():
            if actor_id not in actors:
                raise GoldError(f"{where0}: actor {actor_id!r} is not defined in _actors.yaml")
            for spec in specs:
                if isinstance(spec, str) and spec.startswith("*"):
                    patterns.append((actor_id, spec[1:]))
                    continue
                s, e = resolve(text, spec, f"{where0} actor {actor_id}")
                for cs, ce, other in claimed:
                    if cs < e and s < ce:
                        raise GoldError(f"{where0}: mention {spec!r} of {actor_id} overlaps one of {other}")
                claimed.append((s, e, actor_id))
        for actor_id, pat in sorted(patterns, key=lambda p: -len(p[1])):
            hits = occurrences(text, pat)
            added = 0
            for s in hits:
                e = s + len(pat)
                if any(cs < e and s < ce for cs, ce, _ in claimed):
                    continue
                claimed.append((s, e, actor_id))
                added += 1
            if not added:
                raise GoldError(f"{where0}: pattern '*{pat}' of {actor_id} matched nothing new")
        for s, e, actor_id in sorted(claimed):
            actors[actor_id]["mentions"].append(mention(doc_id, text, (s, e)))

        for t in g.get("times") or []:
            spec, value = t[0], "" if t[1] is None else str(t[1])
            where = f"{where0} time {spec!r}"
            s, e = resolve(text, spec, where)
            ttype = t[2] if len(t) > 2 else ("DURATION" if value.startswith("P") and value not in REFS else "DATE")
            if ttype in ("DURATION", "SET"):
                gran, rs, re_ = duration_granularity(value), None, None
            else:
                try:
                    gran, rs, re_ = bounds(value)
                except GoldError as exc:
                    raise GoldError(f"{where}: {exc}") from None
            if not doc["published"] and value and ttype not in ("DURATION", "SET") and not re.match(r"\d{4}", value):
                raise GoldError(f"{where}: undated document: relative times must have value ''")
            times.append({"document": doc_id, "start": s, "end": e, "text": text[s:e], "value": value,
                          "granularity": gran, "type": ttype, "range_start": rs, "range_end": re_})

        for ev in g.get("events") or []:
            where = f"{where0} event {ev.get('id') or ev.get('ref')}"
            s, e = resolve(text, ev["evidence"], where)
            sent = sentence_of(text, sentences, s, e)
            m = mention(doc_id, text, sent)
            if "ref" in ev:
                event_refs.append((ev["ref"], where, m))
                continue
            eid = ev["id"]
            if eid in events:
                raise GoldError(f"{where}: event id {eid!r} defined twice (use ref:)")
            etype = ev["type"]
            if etype not in PLOVER_QUAD:
                raise GoldError(f"{where}: {etype!r} is not a PLOVER type")
            if ev["modality"] not in MODALITIES:
                raise GoldError(f"{where}: bad modality {ev['modality']!r}")
            date = make_date(ev.get("date", ""), where)
            events[eid] = {
                "id": eid, "type": etype, "mode": ev.get("mode"),
                "source": ev.get("source", []), "target": ev.get("target", []),
                "date": date, "location": ev.get("location"), "modality": ev["modality"],
                "attribution": ev.get("attribution"), "quad_class": PLOVER_QUAD[etype],
                "intensity": float(ev.get("intensity", INTENSITY[etype])), "confidence": 1.0,
                "mentions": [m], "trigger": text[s:e] if "[" in ev["evidence"] else None,
                "disputed": ev.get("disputed", []), "sources": [],
                "note": ev.get("note"),
            }

        for q in g.get("quantities") or []:
            where = f"{where0} quantity {q.get('at') or q.get('ref')}"
            q_at = q["at"] if isinstance(q["at"], list) else [q["at"]]
            q_mentions = [mention(doc_id, text, resolve(text, a, where)) for a in q_at]
            if "ref" in q:
                quantity_refs.extend((q["ref"], where, m) for m in q_mentions)
                continue
            qid = q.get("id") or f"q:{doc_id}:{len([k for k in quantities if k.startswith('q:' + doc_id)]) + 1}"
            if qid in quantities:
                raise GoldError(f"{where}: quantity id {qid!r} defined twice")
            if q.get("modality", "asserted") not in MODALITIES:
                raise GoldError(f"{where}: bad modality")
            quantities[qid] = {
                "id": qid, "measure": q["measure"], "value": q["value"], "unit": q["unit"],
                "subjects": q.get("subjects", []), "date": make_date(q.get("date"), where),
                "modality": q.get("modality", "asserted"),
                "mentions": q_mentions,
                "qualifier": q.get("qualifier"), "attribution": q.get("attribution"),
                "disputed": bool(q.get("disputed", False)),
            }

        for n, c in enumerate(g.get("claims") or [], 1):
            at = c["at"] if isinstance(c["at"], list) else [c["at"]]
            where = f"{where0} claim {at[0]!r}"
            if c["kind"] not in CLAIM_KINDS:
                raise GoldError(f"{where}: bad claim kind {c['kind']!r}")
            if c.get("stance") not in STANCES:
                raise GoldError(f"{where}: bad stance {c.get('stance')!r}")
            spans = [resolve(text, a, where) for a in at]
            ms = [mention(doc_id, text, sp) for sp in spans]
            claims.append({
                "id": f"c:{doc_id}:{n}", "kind": c["kind"], "speaker": c.get("speaker"),
                "text": c.get("text") or " ".join(x["text"] for x in ms), "about": c.get("about", []),
                "stance": c.get("stance"), "mentions": ms, "issue": c.get("issue"),
                "attribution": c.get("attribution"),
            })

    missing = sorted(set(docs) - seen_docs)
    if missing and not partial:
        raise GoldError(f"no gold file for documents: {missing}")
    for eid, where, m in event_refs:
        if eid not in events:
            if partial:
                continue
            raise GoldError(f"{where}: ref to undefined event {eid!r}")
        events[eid]["mentions"].append(m)
    for qid, where, m in quantity_refs:
        if qid not in quantities:
            if partial:
                continue
            raise GoldError(f"{where}: ref to undefined quantity {qid!r}")
        quantities[qid]["mentions"].append(m)

    # referential integrity: every actor id used anywhere is defined
    def check_ids(ids: list[str | None], where: str) -> None:
        for x in ids:
            if x is not None and x not in actors:
                raise GoldError(f"{where}: unknown actor id {x!r}")

    for ev in events.values():
        check_ids(ev["source"] + ev["target"] + [ev["attribution"]], f"event {ev['id']}")
        ev["mentions"].sort(key=lambda m: (m["document"], m["start"]))
        ev["sources"] = sorted({docs[m["document"]]["source"] for m in ev["mentions"]})
    for q in quantities.values():
        check_ids(q["subjects"] + [q["attribution"]], f"quantity {q['id']}")
    for c in claims:
        check_ids([c["speaker"], c["attribution"], *c["about"]], f"claim {c['id']}")

    used_actors = []
    for a in actors.values():
        a["mentions"].sort(key=lambda m: (m["document"], m["start"]))
        seen_forms = [m["text"] for m in a["mentions"] if m["text"].lower() not in PRONOUNS]
        a["aliases"] = sorted(set(a["aliases"]) | set(seen_forms) - {a["name"]})
        used_actors.append(a)

    positions, shifts = _positions(gold_src, docs, actors)
    times.sort(key=lambda t: (t["document"], t["start"]))
    return {
        "schema": "detente/1",
        "documents": list(docs.values()),
        "actors": used_actors,
        "events": list(events.values()),
        "quantities": list(quantities.values()),
        "claims": claims,
        "times": times,
        "positions": positions,
        "position_shifts": shifts,
    }


def _positions(gold_src: Path, docs: dict[str, dict[str, Any]],
               actors: dict[str, Any]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Gold positions and shifts (src/_positions.yaml, compiled by detente.positions.gold)."""
    path = gold_src / "_positions.yaml"
    if not path.exists():
        return [], []
    from detente.positions.gold import compile_gold

    texts = {k: d["text"] for k, d in docs.items()}
    return compile_gold(load_yaml(path), texts, set(actors), locate=resolve,
                        sentence=lambda text, a, b: sentence_of(text, sentence_spans(text), a, b),
                        make_date=make_date, error=GoldError)


def dumps(gold: dict[str, Any]) -> str:
    """The canonical serialisation of sample.json (stable, so the file diffs cleanly)."""
    return json.dumps(gold, ensure_ascii=False, indent=1) + "\n"


def show(gold: dict[str, Any], doc_id: str) -> None:
    """Print a document with actor mentions marked [text|actor] and times {text|value}."""
    doc = next(d for d in gold["documents"] if d["id"] == doc_id)
    text = doc["text"]
    marks: list[tuple[int, int, str]] = []
    for a in gold["actors"]:
        marks += [(m["start"], m["end"], a["id"]) for m in a["mentions"] if m["document"] == doc_id]
    inserts: list[tuple[int, int, str]] = []
    for s, e, label in marks:
        inserts += [(s, 1, "["), (e, 0, f"|{label}]")]
    for t in gold["times"]:
        if t["document"] == doc_id:
            inserts += [(t["start"], 1, "{"), (t["end"], 0, f"|{t['value']}}}")]
    out = text
    for pos, _, tag in sorted(inserts, key=lambda x: (x[0], x[1]), reverse=True):
        out = out[:pos] + tag + out[pos:]
    print(out)
    for kind in ("events", "quantities", "claims"):
        for item in gold[kind]:
            for m in item["mentions"]:
                if m["document"] == doc_id:
                    head = item.get("type") or item.get("measure") or item.get("kind")
                    extra = {k: item.get(k) for k in ("source", "target", "modality", "value", "speaker", "stance")
                             if k in item}
                    print(f"- {kind[:-1]} {head} {extra} {item.get('date', {}) and item['date'].get('value')}"
                          f" :: {m['text'][:110]}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true", help="fail if sample.json is not up to date")
    ap.add_argument("--show", metavar="DOC", help="print DOC with its annotated spans marked, for review")
    args = ap.parse_args(argv)
    try:
        if args.show:
            show(build(partial=True), args.show)
            return 0
        out = dumps(build())
    except GoldError as exc:
        print(f"build_gold: {exc}", file=sys.stderr)
        return 1
    if args.check:
        if not OUT.exists() or OUT.read_text(encoding="utf-8") != out:
            print("build_gold: sample.json is stale; run scripts/build_gold.py", file=sys.stderr)
            return 1
        return 0
    OUT.write_text(out, encoding="utf-8")
    g = json.loads(out)
    n_mentions = sum(len(a["mentions"]) for a in g["actors"])
    print(f"wrote {OUT.relative_to(ROOT)}: {len(g['documents'])} documents, {len(g['actors'])} actors "
          f"({n_mentions} mentions), {len(g['events'])} events, {len(g['quantities'])} quantities, "
          f"{len(g['claims'])} claims, {len(g['times'])} times")
    return 0


if __name__ == "__main__":
    sys.exit(main())
