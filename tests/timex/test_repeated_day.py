"""A month and day told again take the year of their first reading, not a fresh guess by tense."""

from __future__ import annotations

import datetime as dt

from detente.timex import extract


def test_repeated_month_day_keeps_its_year() -> None:
    text = ("The parties signed a deal on 17 September. "
            "Critics say that if the September 17 deal cannot be carried out, talks will follow.")
    values = [t.value for t in extract(text, dt.date(2026, 4, 14)) if "17" in t.text]
    assert values == ["2025-09-17", "2025-09-17"]


def test_month_day_told_once_still_follows_tense() -> None:
    values = [t.value for t in extract("The vote will be held on September 17.", dt.date(2026, 4, 14))]
    assert values == ["2026-09-17"]
