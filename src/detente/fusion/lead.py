"""Which version of a real-world event speaks for it (its *lead*): one rule, read in Python and in SQL.

The lead is the version with an explicit single-day date first, then the finest
granularity, then an explicit basis, then the earliest report (then document and
mention id, so that exactly one is chosen).  The rule is written once, as the
terms of :data:`LEAD_ORDER`: :func:`lead_key` evaluates them on one mention, and
:func:`lead_order_sql` renders the same terms as an ``ORDER BY`` over a query's
columns (the store keeps each event's lead attributes in ``event_dyads`` and
chooses leads in SQL).  ``tests/store/test_lead_rule.py`` checks that both choose the
same lead, on both backends.

Pure: nothing here reads the store.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, Protocol

from ..model import Event

Fact = Literal["granularity", "basis", "start", "end", "published", "document", "id"]
FACTS: tuple[Fact, ...] = ("granularity", "basis", "start", "end", "published", "document", "id")


@dataclass(frozen=True, slots=True)
class LeadFacts:
    """What the lead rule looks at in one mention."""

    granularity: str | None
    basis: str | None
    start: str | None
    end: str | None
    published: str | None  # the report's publication date
    document: str
    id: str  # the mention's id

    @classmethod
    def of(cls, event: Event, published: str | None, document: str) -> LeadFacts:
        """The facts of one stored mention of ``document``, published on ``published``."""
        d = event.date
        return cls(d.granularity, d.basis, d.start, d.end, published, document, event.id)

    def get(self, fact: Fact) -> str | None:
        """The value of one fact."""
        value: str | None = getattr(self, fact)
        return value


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


# -- conditions -------------------------------------------------------------------


class Condition(Protocol):
    """A test on a mention's facts, in Python and in SQL."""

    def holds(self, f: LeadFacts) -> bool: ...

    def sql(self, cols: Mapping[Fact, str]) -> str: ...


@dataclass(frozen=True)
class Equals:
    """The fact is this value (a missing fact is not)."""

    fact: Fact
    value: str

    def holds(self, f: LeadFacts) -> bool:
        return f.get(self.fact) == self.value

    def sql(self, cols: Mapping[Fact, str]) -> str:
        return f"{cols[self.fact]} = {_literal(self.value)}"


@dataclass(frozen=True)
class Present:
    """The fact is given (neither missing nor empty)."""

    fact: Fact

    def holds(self, f: LeadFacts) -> bool:
        return bool(f.get(self.fact))

    def sql(self, cols: Mapping[Fact, str]) -> str:
        return f"COALESCE({cols[self.fact]}, '') <> ''"


@dataclass(frozen=True)
class MissingOrEqual:
    """The fact is missing or equals another (an end that is the start: a single day)."""

    fact: Fact
    other: Fact

    def holds(self, f: LeadFacts) -> bool:
        return f.get(self.fact) in (None, f.get(self.other))

    def sql(self, cols: Mapping[Fact, str]) -> str:
        c = cols[self.fact]
        return f"({c} IS NULL OR {c} = {cols[self.other]})"


# -- terms of the key -------------------------------------------------------------


class Term(Protocol):
    """One component of the lead key (lower comes first), in Python and in SQL."""

    def value(self, f: LeadFacts) -> int | str: ...

    def sql(self, cols: Mapping[Fact, str]) -> str: ...


@dataclass(frozen=True)
class FirstWhen:
    """0 when every condition holds, else 1."""

    conditions: tuple[Condition, ...]

    def value(self, f: LeadFacts) -> int:
        return 0 if all(c.holds(f) for c in self.conditions) else 1

    def sql(self, cols: Mapping[Fact, str]) -> str:
        return f"CASE WHEN {' AND '.join(c.sql(cols) for c in self.conditions)} THEN 0 ELSE 1 END"


@dataclass(frozen=True)
class Rank:
    """The fact's place in a table (``default`` for a value outside it)."""

    fact: Fact
    ranks: tuple[tuple[str, int], ...]
    default: int

    def value(self, f: LeadFacts) -> int:
        return dict(self.ranks).get(f.get(self.fact) or "", self.default)

    def sql(self, cols: Mapping[Fact, str]) -> str:
        whens = " ".join(f"WHEN {_literal(k)} THEN {v}" for k, v in self.ranks)
        return f"CASE {cols[self.fact]} {whens} ELSE {self.default} END"


@dataclass(frozen=True)
class Text:
    """The fact itself, ``missing`` standing in for a missing or empty one."""

    fact: Fact
    missing: str = ""

    def value(self, f: LeadFacts) -> str:
        return f.get(self.fact) or self.missing

    def sql(self, cols: Mapping[Fact, str]) -> str:
        return f"COALESCE(NULLIF({cols[self.fact]}, ''), {_literal(self.missing)})"


# the coarser a date, the later its version comes; a granularity outside the table comes last
GRANULARITY_RANK: tuple[tuple[str, int], ...] = (
    ("day", 0), ("week", 1), ("month", 2), ("quarter", 3), ("season", 3), ("year", 4), ("decade", 5))

# an explicit single-day date: one sources can disagree on
PRECISE = FirstWhen((Equals("granularity", "day"), Equals("basis", "explicit"), Present("start"),
                     MissingOrEqual("end", "start")))

LEAD_ORDER: tuple[Term, ...] = (
    PRECISE,
    Rank("granularity", GRANULARITY_RANK, default=9),
    FirstWhen((Equals("basis", "explicit"),)),
    Text("published", missing="9999"),  # an undated report comes after every dated one
    Text("document"),
    Text("id"),
)


def is_precise(event: Event) -> bool:
    """An explicit single-day date (a date sources can disagree on)."""
    return PRECISE.value(LeadFacts.of(event, None, "")) == 0


def lead_key(f: LeadFacts) -> tuple[int | str, ...]:
    """The lead rule's key of one mention: the lead is the mention with the smallest."""
    return tuple(t.value(f) for t in LEAD_ORDER)


def lead_order_sql(cols: Mapping[Fact, str]) -> str:
    """The lead rule as an SQL ``ORDER BY`` list over the given column expressions (one per fact)."""
    return ", ".join(t.sql(cols) for t in LEAD_ORDER)
