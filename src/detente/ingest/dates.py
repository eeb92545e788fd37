"""Publication dates from metadata: ISO dates and datetimes, RFC 822 (feeds, mail-style headers).

The date is kept as the publisher wrote it: "Tue, 05 Mar 2024 23:30:00 -0500" is
2024-03-05, not the UTC day (2024-03-06).  The article's own "yesterday" and
"on Tuesday" are relative to the publisher's calendar, not to UTC.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import re

_ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_ISO_DATETIME = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[T ]\d{1,2}:\d{2}")
_COMPACT = re.compile(r"^(\d{4})(\d{2})(\d{2})$")
_SLASHED = re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$")


class DateError(ValueError):
    """A value that is not a calendar date; the message says what to write instead."""


def _make(year: str, month: str, day: str, raw: str) -> str:
    try:
        return dt.date(int(year), int(month), int(day)).isoformat()
    except ValueError as exc:
        raise DateError(f"{raw!r} is not a real date ({exc})") from exc


def parse_published(value: object) -> str:
    """Normalise a publication date to "YYYY-MM-DD"; raise DateError when it is not one.

    Accepts ``date``/``datetime`` objects, "YYYY-MM-DD", "YYYY/MM/DD", "YYYYMMDD", ISO
    datetimes with or without offset, and RFC 822 dates.  Impossible dates
    ("2025-02-30") are errors, never silently moved.
    """
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise DateError(f"{value!r} is not a date; write it as YYYY-MM-DD")
    raw = value.strip()
    for pattern in (_ISO_DATE, _ISO_DATETIME, _COMPACT, _SLASHED):
        match = pattern.match(raw)
        if match:
            year, month, day = match.group(1, 2, 3)
            date = _make(year, month, day, raw)
            if pattern is _ISO_DATETIME:
                _check_time(raw)
            return date
    if re.search(r"[A-Za-z]{3}", raw):
        # RFC 822 / RFC 2822 ("Tue, 05 Mar 2024 10:00:00 GMT"), as feeds and HTTP write them
        try:
            parsed = email.utils.parsedate_tz(raw)
        except (TypeError, ValueError):
            parsed = None
        if parsed is not None:
            year, month, day = parsed[0], parsed[1], parsed[2]
            return _make(str(year), str(month), str(day), raw)
    raise DateError(f"{raw!r} is not a date; write it as YYYY-MM-DD")


def _check_time(raw: str) -> None:
    """Reject ISO datetimes whose time part is impossible ("T25:00")."""
    text = raw.replace(" ", "T", 1)
    if text.endswith(("Z", "z")):
        text = text[:-1] + "+00:00"
    try:
        dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise DateError(f"{raw!r} is not a valid date and time ({exc})") from exc


def try_published(value: object) -> str | None:
    """Like :func:`parse_published` but None for anything unparseable (publisher metadata)."""
    if value is None or value == "":
        return None
    try:
        return parse_published(value)
    except DateError:
        return None
