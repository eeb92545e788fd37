"""The lead rule (:mod:`detente.fusion.lead`) in SQL, shared by the tables that carry an event's lead."""

from __future__ import annotations

from ..fusion.lead import lead_order_sql
from .dialect import Dialect


def lead_sql(d: Dialect) -> str:
    """The lead rule as an ``ORDER BY`` over ``events e JOIN documents d`` (the first row leads)."""
    return lead_order_sql({
        "granularity": d.json_path("e.data", "date", "granularity"), "basis": d.json_path("e.data", "date", "basis"),
        "start": "e.date_start", "end": "e.date_end", "published": "d.published", "document": "e.document_id",
        "id": "e.id"})
