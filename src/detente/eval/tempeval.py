"""TempEval-3 evaluation: a TimeML reader and the standard TIMEX3 scorer.

Scores follow the TempEval-3 task definitions (UzZaman et al., 2013) for
temporal expressions:

* strict extent match: the system span equals the gold span;
* relaxed extent match: the spans overlap (each expression matched at most once);
* precision/recall/F1 of both;
* value (and type) accuracy: correct values among the relaxed matches;
* value F1: relaxed matches with the correct value, over system (precision)
  and gold (recall) expressions -- the headline TempEval-3 "value F1".

Spans are compared on characters of the TimeML <TEXT> (the official scorer
compares tokens; for whole-word expressions this is the same).  The document
creation time (DCT) is the publication date.  The creation-time TIMEX3 inside
<DCT> is not part of the text and not scored.

Run: ``python -m detente.eval.tempeval DIR [--system rules|dateparser|both]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..model import TimeMention


@dataclass(slots=True)
class Timex:
    """A gold or system temporal expression."""

    start: int
    end: int
    text: str
    value: str
    type: str


@dataclass(slots=True)
class TimeMLDoc:
    """A TimeML document: its text, creation time and gold TIMEX3s."""

    id: str
    dct: dt.date | None
    text: str
    timexes: list[Timex] = field(default_factory=list)


def _walk(elem: ET.Element, parts: list[str], pos: list[int], out: list[Timex]) -> None:
    """Append elem's text to parts, recording TIMEX3 offsets (document order)."""
    start = pos[0]
    if elem.text:
        parts.append(elem.text)
        pos[0] += len(elem.text)
    for child in elem:
        _walk(child, parts, pos, out)
        if child.tail:
            parts.append(child.tail)
            pos[0] += len(child.tail)
    if elem.tag == "TIMEX3":
        text = "".join(parts)[start : pos[0]]
        # trim whitespace (and a trailing comma) the annotators included
        s, e = start, pos[0]
        while s < e and text[s - start].isspace():
            s += 1
        while e > s and (text[e - 1 - start].isspace() or text[e - 1 - start] == ","):
            e -= 1
        out.append(Timex(s, e, text[s - start : e - start], elem.get("value", ""), elem.get("type", "DATE")))


def read_timeml(source: str, doc_id: str = "doc") -> TimeMLDoc:
    """Parse a TimeML string: the <TEXT> content, its TIMEX3s and the DCT."""
    root = ET.fromstring(source.encode("utf-8") if isinstance(source, str) else source)
    dct: dt.date | None = None
    dct_el = root.find("DCT/TIMEX3")
    if dct_el is not None:
        m = re.match(r"(\d{4})-?(\d\d)-?(\d\d)", dct_el.get("value", "") or (dct_el.text or ""))
        if m:
            dct = dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    docid = root.findtext("DOCID") or doc_id
    text_el = root.find("TEXT")
    parts: list[str] = []
    timexes: list[Timex] = []
    if text_el is not None:
        _walk(text_el, parts, [0], timexes)
    timexes.sort(key=lambda t: t.start)
    return TimeMLDoc(id=docid.strip(), dct=dct, text="".join(parts), timexes=timexes)


def read_dir(path: str | Path, limit: int | None = None) -> list[TimeMLDoc]:
    """Every ``*.tml`` file under ``path`` (sorted), parsed."""
    files = sorted(Path(path).rglob("*.tml"))
    if limit is not None:
        files = files[:limit]
    return [read_timeml(f.read_text(encoding="utf-8"), f.stem) for f in files]


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def canonical_value(value: str) -> str:
    """TIMEX3 notation variants made equal before comparing values: a decade
    is "199" in TimeML and "199X" in detente/1; week numbers may lack the
    leading zero ("2000-W7")."""
    value = re.sub(r"^(\d{3})X$", r"\1", value)
    return re.sub(r"-W(\d)(?!\d)", r"-W0\1", value)


def score(gold: Sequence[Sequence[Timex]], system: Sequence[Sequence[Timex]]) -> dict[str, float]:
    """TempEval-3 TIMEX3 scores over parallel lists of per-document expressions."""
    n_gold = n_sys = strict = relaxed = value_ok = type_ok = 0
    for g_list, s_list in zip(gold, system, strict=True):
        n_gold += len(g_list)
        n_sys += len(s_list)
        used: set[int] = set()
        for g in g_list:
            best = None
            for i, s in enumerate(s_list):
                if i in used or not (s.start < g.end and g.start < s.end):
                    continue
                if s.start == g.start and s.end == g.end:
                    best = i
                    break
                if best is None:
                    best = i
            if best is None:
                continue
            used.add(best)
            s = s_list[best]
            relaxed += 1
            strict += int(s.start == g.start and s.end == g.end)
            value_ok += int(canonical_value(s.value) == canonical_value(g.value))
            type_ok += int(s.type == g.type)
    out: dict[str, float] = {"gold": n_gold, "system": n_sys}
    for name, k in (("strict", strict), ("relaxed", relaxed), ("value", value_ok), ("type", type_ok)):
        p = k / n_sys if n_sys else 0.0
        r = k / n_gold if n_gold else 0.0
        out[f"{name}_precision"], out[f"{name}_recall"], out[f"{name}_f1"] = p, r, _f1(p, r)
    out["value_accuracy"] = value_ok / relaxed if relaxed else 0.0
    out["type_accuracy"] = type_ok / relaxed if relaxed else 0.0
    return out


# --- systems -----------------------------------------------------------------

System = Callable[[list[TimeMLDoc]], list[list[Timex]]]


def _from_mentions(ms: Iterable[TimeMention]) -> list[Timex]:
    return [Timex(m.start, m.end, m.text, m.value, m.type) for m in ms]


def rules_system(docs: list[TimeMLDoc]) -> list[list[Timex]]:
    """detente's grammar, with spaCy parses for tense (``nlp.pipe``)."""
    from .. import nlp
    from ..timex.extract import extract, timebank_view

    parsed = nlp.load().pipe((d.text for d in docs), batch_size=16)
    return [
        _from_mentions(timebank_view(extract(d.text, d.dct, doc=p))) for d, p in zip(docs, parsed, strict=True)
    ]


_DP_MONTH = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?", re.I)
_DP_DAYISH = re.compile(
    r"\b(?:\d{1,2}(?:st|nd|rd|th)?\b(?!\d)|today|yesterday|tomorrow|mon|tue|wed|thu|fri|sat|sun|day|days)",
    re.I,
)


def _dateparser_value(s: str, d: dt.datetime) -> tuple[str, str]:
    """A TIMEX3 value for a dateparser hit; dateparser returns a datetime, so
    the granularity is read off the matched words (year / month / day)."""
    if re.fullmatch(r"\s*\d{4}\s*", s):
        return f"{d.year:04d}", "DATE"
    if _DP_MONTH.search(s) and not re.search(r"\b\d{1,2}\b", s):
        return f"{d.year:04d}-{d.month:02d}", "DATE"
    if re.search(r"\d:\d\d|\b[ap]\.?m\b", s, re.I):
        return f"{d.date().isoformat()}T{d.hour:02d}:{d.minute:02d}", "TIME"
    if re.search(r"\byears?\b", s, re.I) and not _DP_DAYISH.search(s):
        return f"{d.year:04d}", "DATE"
    if re.search(r"\bmonths?\b", s, re.I):
        return f"{d.year:04d}-{d.month:02d}", "DATE"
    return d.date().isoformat(), "DATE"


def dateparser_system(docs: list[TimeMLDoc]) -> list[list[Timex]]:
    """``dateparser.search.search_dates`` anchored at the DCT, as a baseline."""
    from dateparser.search import search_dates

    out = []
    for d in docs:
        base = dt.datetime.combine(d.dct or dt.date(2000, 1, 1), dt.time(12, 0))
        hits = (
            search_dates(
                d.text, languages=["en"], settings={"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
            )
            or []
        )
        found: list[Timex] = []
        pos = 0
        for s, when in hits:
            i = d.text.find(s, pos)
            if i < 0:
                i = d.text.find(s)
                if i < 0:
                    continue
            pos = i + len(s)
            value, type_ = _dateparser_value(s, when)
            found.append(Timex(i, i + len(s), s, value, type_))
        out.append(found)
    return out


SYSTEMS: dict[str, System] = {"rules": rules_system, "dateparser": dateparser_system}


def evaluate_tempeval(
    directory: str | Path, system: str = "rules", limit: int | None = None
) -> dict[str, float]:
    """Score a system ("rules" or "dateparser") on the TimeML files under ``directory``."""
    docs = read_dir(directory, limit)
    t0 = time.perf_counter()
    predicted = SYSTEMS[system](docs)
    result = score([d.timexes for d in docs], predicted)
    result["documents"] = len(docs)
    result["seconds"] = round(time.perf_counter() - t0, 1)
    return result


def errors(directory: str | Path, limit: int | None = None) -> Iterable[str]:
    """Human-readable misses, false alarms and wrong values of the rules (for development)."""
    docs = read_dir(directory, limit)
    for d, sys_list in zip(docs, rules_system(docs), strict=True):
        for g in d.timexes:
            hit = [s for s in sys_list if s.start < g.end and g.start < s.end]
            if not hit:
                yield f"MISS\t{d.id}\t{d.dct}\t{g.text!r}\t{g.value}\t{g.type}"
            elif canonical_value(hit[0].value) != canonical_value(g.value):
                yield f"VALUE\t{d.id}\t{d.dct}\t{g.text!r}->{hit[0].text!r}\t{g.value}\t{hit[0].value}"
            elif (hit[0].start, hit[0].end) != (g.start, g.end):
                yield f"EXTENT\t{d.id}\t{g.text!r}\t{hit[0].text!r}"
        for s in sys_list:
            if not any(s.start < g.end and g.start < s.end for g in d.timexes):
                ctx = d.text[max(0, s.start - 30) : s.end + 30].replace("\n", " ")
                yield f"FALSE\t{d.id}\t{s.text!r}\t{s.value}\t{ctx!r}"


def _table(results: dict[str, dict[str, float]]) -> str:
    rows = [
        "strict_f1",
        "relaxed_precision",
        "relaxed_recall",
        "relaxed_f1",
        "value_accuracy",
        "value_f1",
        "type_accuracy",
        "type_f1",
        "gold",
        "system",
        "seconds",
    ]
    names = list(results)
    lines = ["metric".ljust(20) + "".join(n.rjust(12) for n in names)]
    for r in rows:
        cells = []
        for n in names:
            v = results[n][r]
            cells.append(
                f"{v:12.0f}"
                if r in ("gold", "system")
                else f"{100 * v:12.2f}"
                if r != "seconds"
                else f"{v:12.1f}"
            )
        lines.append(r.ljust(20) + "".join(cells))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command line: score the rules and/or dateparser on a TimeML folder."""
    ap = argparse.ArgumentParser(prog="python -m detente.eval.tempeval", description=__doc__.split("\n")[0])
    ap.add_argument("directory", help="folder of TimeML (*.tml) files, searched recursively")
    ap.add_argument("--system", choices=["rules", "dateparser", "both"], default="rules")
    ap.add_argument("--limit", type=int, default=None, help="score only the first N files")
    ap.add_argument("--json", action="store_true", help="print JSON instead of a table")
    ap.add_argument("--errors", action="store_true", help="list the rules' errors instead of scoring")
    args = ap.parse_args(argv)
    if not Path(args.directory).is_dir():
        print(f"error: {args.directory} is not a folder of TimeML files", file=sys.stderr)
        return 2
    if args.errors:
        for line in errors(args.directory, args.limit):
            print(line)
        return 0
    names = ["rules", "dateparser"] if args.system == "both" else [args.system]
    results = {n: evaluate_tempeval(args.directory, n, args.limit) for n in names}
    print(json.dumps(results, indent=2) if args.json else _table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
