"""The read side: analysis over the store, for the CLI, the HTTP API and the web UI alike.

Every result keeps its evidence (event mentions, quantity and claim mentions),
so a face can always show where a figure came from.  One module per question:

* :mod:`.timeline` — real-world events in date order (:func:`timeline`, :func:`timeline_page`);
* :mod:`.relations` — how two actors interact over time and their standing ties
  (:func:`relations`, :func:`pair_summary`, :func:`standing_ties`);
* :mod:`.network` — who interacts with whom, with communities (:func:`network`);
* :mod:`.changes` — what is new in a window, and search (:func:`changes`, :func:`search`);
* :mod:`.brief` — a briefing in which every sentence cites its evidence (:func:`brief`);
* :mod:`.common` — what they share: date bounds, actor references, timeline entries, wording.

Asserted events are the default; other modalities only when asked, and then labelled.
"""

from __future__ import annotations

from .common import (
    ASSERTED,
    TimelineEntry,
    actor_refs,
    date_bound,
    describe,
    format_value,
    resolve_actor,
    state_or_id,
)
from .network import Edge, Network, Node, label_propagation, network
from .relations import PairSummary, PeriodStats, Relations, Tie, pair_summary, relations, standing_ties
from .timeline import TimelinePage, in_order, timeline, timeline_page

__all__ = [
    "ASSERTED", "Edge", "Network", "Node", "PairSummary", "PeriodStats", "Relations", "Tie", "TimelineEntry",
    "TimelinePage", "actor_refs", "date_bound", "describe", "format_value", "in_order", "label_propagation",
    "network", "pair_summary", "relations", "resolve_actor", "standing_ties", "state_or_id", "timeline",
    "timeline_page",
]
