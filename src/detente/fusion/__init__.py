"""One event, many sources: cross-document event coreference and disputes.

After a document is committed, :func:`fuse_document` joins each of its event
mentions to the real-world event (cluster) it reports, if one is stored.  Two
mentions are one event when they share the event family and a compatible mode,
involve the same states, have overlapping dates and compatible places.  The
search is incremental: candidates come from an indexed store query (states +
a window of days around the mention's date), never from a scan of all events.

:func:`merge_cluster` turns the mentions of one cluster into the exported
:class:`~detente.model.Event`: the best-dated version leads, confidence grows
with independent sources, and fields on which sources disagree (date, location,
source, target) are named in ``Event.disputed``.  Every version stays stored per
mention (``Store.cluster_members``) so nothing a source said is lost.

Rules (which types are symmetric, which modes are compatible, the windows) are
data: ``detente/data/fusion.yaml``.

Layers: the pure modules (:mod:`.rules`, :mod:`.lead`, :mod:`.members`,
:mod:`.match`, :mod:`.merge`, :mod:`.quantities`) read nothing from the store,
which imports them; :mod:`.link` (``fuse_document``) works through the store and
imports nothing from it (see :class:`~.link.FusionStore`).
"""

from __future__ import annotations

from .lead import LeadFacts, is_precise, lead_key, lead_order_sql
from .link import FusionStore, Records, fuse_document
from .match import compare
from .members import Member, date_interval, lead_member
from .merge import disputes, independent_sources, merge_cluster, variant
from .quantities import quantities_disagree
from .rules import FusionRules, rules, tie_signature, tie_word

__all__ = [
    "FusionRules",
    "FusionStore",
    "LeadFacts",
    "Member",
    "Records",
    "compare",
    "date_interval",
    "disputes",
    "fuse_document",
    "independent_sources",
    "is_precise",
    "lead_key",
    "lead_member",
    "lead_order_sql",
    "merge_cluster",
    "quantities_disagree",
    "rules",
    "tie_signature",
    "tie_word",
    "variant",
]
