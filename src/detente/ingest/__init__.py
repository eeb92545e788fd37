"""Ingest inputs: read files, folders, feeds, URLs and manifests into documents; fetch safely; find duplicates.

The orchestrator (ids, store, progress) lives in :mod:`detente.ingest.run`; this package
gives it the input side: :func:`read_inputs` yields :class:`RawDocument` or
:class:`~detente.errors.InputError`, :func:`fetch` downloads one URL within limits,
and :mod:`detente.ingest.dedup` finds exact and near duplicates.
"""

from detente.ingest.dates import DateError, parse_published
from detente.ingest.dedup import NearDuplicateIndex, content_hash, normalise_for_hash
from detente.ingest.fetch import FetchResult, fetch
from detente.ingest.readers import SUPPORTED_EXTENSIONS, RawDocument, read_bytes, read_inputs

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "DateError",
    "FetchResult",
    "NearDuplicateIndex",
    "RawDocument",
    "content_hash",
    "fetch",
    "normalise_for_hash",
    "parse_published",
    "read_bytes",
    "read_inputs",
]
