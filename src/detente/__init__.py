"""detente: a sourced, time-aware knowledge graph of the international system.

The public surface is small; everything else is reachable through submodules.

>>> from detente import Store, ingest, export
>>> with Store("detente.db") as store:
...     report = ingest(["articles/"], store)
...     export(store, "json", "graph.json")
"""

from __future__ import annotations

from .errors import DetenteError, InputError, StoreError
from .eval import evaluate
from .export import export, export_data, load_export
from .model import SCHEMA
from .orchestrate import IngestReport, ingest
from .pipeline import Pipeline, process_text
from .settings import Settings
from .store import Store

__all__ = [
    "SCHEMA",
    "DetenteError",
    "IngestReport",
    "InputError",
    "Pipeline",
    "Settings",
    "Store",
    "StoreError",
    "evaluate",
    "export",
    "export_data",
    "ingest",
    "load_export",
    "process_text",
]
__version__ = "0.1.0"
