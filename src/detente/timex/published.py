"""Inferring a document's publication date from its text."""

from __future__ import annotations

import datetime as dt
import re

from .extract import extract
from .rules import grammar

# How far into the text a dateline may start, and the shapes it takes:
# "SEOUL, Sept. 5 (Yonhap) --", "5 September 2025 —", "Published: 2025-09-05".
_HEAD_CHARS = 400
_DATELINE_END = re.compile(r"^\s*(?:,?\s*\d{4})?\s*(?:\([^)]{1,40}\))?\s*(?:--|—|–|-|_|:|\||\n|$)")


def infer_published(text: str) -> tuple[str | None, str]:
    """The publication date of a text and how it was found.

    Returns ``(iso_date, "document")`` for a dateline or date line at the top,
    ``(iso_date, "inferred")`` from the latest full date (else the latest past
    year) mentioned in the text, and ``(None, "unknown")`` otherwise.
    """
    mentions = extract(text, None)
    head_end = min(len(text), _HEAD_CHARS)
    years = _past_years(text, mentions)
    for t in mentions:
        if t.start >= head_end:
            break
        # without a publication date, a yearless "Sept. 5" has no value yet
        dayish = t.granularity == "day" or (not t.value and re.search(r"\d", t.text))
        if t.type not in ("DATE", "TIME") or not dayish:
            continue
        line_start = text.rfind("\n", 0, t.start) + 1
        prefix = text[line_start : t.start]
        # a dateline: the date opens its line, or follows "CITY," / a label
        if not re.fullmatch(
            r"\s*(?:[A-Z][A-Za-z .'-]{0,40},\s*|[A-Za-z ]{0,20}:\s*|[A-Z][a-z]+day,?\s*)?", prefix
        ):
            continue
        if not _DATELINE_END.match(text[t.end : t.end + 50]):
            continue
        if t.value:
            return t.value[:10], "document"
        # no year in the dateline ("Sept. 5 (Yonhap)"): the latest year named
        if years:
            d = _with_year(t.text, max(years))
            if d:
                return d, "document"
    days = [
        t.value[:10] for t in mentions if t.type in ("DATE", "TIME") and t.granularity == "day" and t.value
    ]
    if days:
        return max(days), "inferred"
    if years:
        return f"{max(years):04d}-01-01", "inferred"
    return None, "unknown"


def _past_years(text: str, mentions: list) -> list[int]:  # type: ignore[type-arg]
    """Years mentioned, leaving out targets ("by 2030", "until 2035")."""
    out = []
    for t in mentions:
        if t.value and re.match(r"\d{4}", t.value) and t.type == "DATE":
            before = text[max(0, t.start - 12) : t.start].lower()
            if re.search(r"\b(?:by|until|till|before|through|to)\s+$", before):
                continue
            out.append(int(t.value[:4]))
    return out


def _with_year(expr: str, year: int) -> str | None:
    g = grammar()
    m = re.search(r"([A-Za-z]+)\.?\s+(\d{1,2})|(\d{1,2})\s+([A-Za-z]+)", expr)
    if not m:
        return None
    name, day = (m.group(1), m.group(2)) if m.group(1) else (m.group(4), m.group(3))
    mn = g.table("months").get(name.lower()) or g.table("month_abbrevs").get(name.lower())
    try:
        return dt.date(year, int(mn), int(day)).isoformat() if mn else None
    except ValueError:
        return None
