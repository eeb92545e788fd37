"""Ingest inputs: read files, folders, feeds, URLs and manifests into documents; fetch safely; find duplicates.

This package is the input side only; the orchestrator (ids, store, pipeline, progress)
is :mod:`detente.orchestrate`, above it.  Here: :func:`read_inputs` yields :class:`RawDocument` or
:class:`~detente.errors.InputError`, :func:`fetch` downloads one URL within limits,
and :mod:`detente.ingest.dedup` finds exact and near duplicates.  Input formats are
the table :data:`FORMATS` (``{kind: Format}``): a new format is one entry there.
"""

from detente.ingest.dates import DateError, parse_published
from detente.ingest.dedup import NearDuplicateIndex, content_hash, normalise_for_hash
from detente.ingest.document import RawDocument
from detente.ingest.fetch import FetchResult, fetch
from detente.ingest.kinds import FORMATS, Format, read_bytes
from detente.ingest.readers import SUPPORTED_EXTENSIONS, read_inputs

__all__ = [
    "SUPPORTED_EXTENSIONS",
    "FORMATS",
    "DateError",
    "FetchResult",
    "Format",
    "NearDuplicateIndex",
    "RawDocument",
    "content_hash",
    "fetch",
    "normalise_for_hash",
    "parse_published",
    "read_bytes",
    "read_inputs",
]
