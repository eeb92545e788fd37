"""The user's actor file: additions and corrections that the next load applies.

``detente actors add/alias/merge`` call these functions; they only append to
(or edit entries of) the user's YAML file, never the shipped data.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..datafiles import parse_yaml
from ..errors import InputError
from ..settings import Settings
from .base import KINDS, iso_date, slug

DEFAULT_USER_FILE = Path("~/.config/detente/actors.yaml")


def user_actor_file(settings: Settings | None = None) -> Path:
    """The file user edits go to: ``settings.actor_files[0]`` if set, else ~/.config/detente/actors.yaml."""
    settings = settings or Settings()
    if settings.actor_files:
        return Path(settings.actor_files[0]).expanduser()
    return DEFAULT_USER_FILE.expanduser()


def _read(path: Path) -> dict[str, Any]:
    if not path.exists():
        return {"actors": [], "merge": []}
    try:
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"not valid YAML, fix or move the file: {exc}") from exc
    if isinstance(data, list):
        data = {"actors": data}
    if not isinstance(data, dict):
        raise InputError(str(path), "an actor file is a mapping with `actors:` and `merge:` lists")
    data.setdefault("actors", [])
    data.setdefault("merge", [])
    return data


def _write(path: Path, data: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    text = "# detente user actor file (docs/actors.md); later entries win\n"
    text += yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def add_actor(path: Path | str, name: str, kind: str, country: str | None = None,
              aliases: Iterable[str] = (), roles: Iterable[Mapping[str, Any]] = (),
              gender: str | None = None, actor_id: str | None = None, **extra: Any) -> str:
    """Add (or update) an actor in the user file; returns its id.

    ``roles`` are mappings with ``title`` and optional ``of``, ``start``, ``end``.
    Extra keyword fields (``about``, ``affiliation``, ``demonyms``, ...) are written as given.
    """
    path = Path(path).expanduser()
    if kind not in KINDS:
        raise InputError(kind, f"kind must be one of {', '.join(KINDS)}")
    if kind == "state" and not actor_id:
        raise InputError(name, "a state needs its ISO 3166 alpha-3 code as id")
    aid = actor_id or f"{'person' if kind == 'person' else 'org'}:{slug(name)}"
    entry: dict[str, Any] = {"id": aid, "kind": kind, "name": name}
    if country:
        entry["country"] = country.upper()
    if aliases:
        entry["aliases"] = list(aliases)
    if gender:
        entry["gender"] = gender
    role_list = []
    for r in roles:
        try:
            role_list.append({k: (iso_date(v) if k in ("start", "end") else v) for k, v in r.items() if v is not None})
        except ValueError as exc:
            raise InputError(name, str(exc)) from exc
    if role_list:
        entry["roles"] = role_list
    entry.update({k: v for k, v in extra.items() if v is not None})
    data = _read(path)
    data["actors"].append(entry)
    _write(path, data)
    return aid


def add_alias(path: Path | str, actor_id: str, alias: str) -> None:
    """Record that ``alias`` names ``actor_id`` (applied when the base next loads)."""
    path = Path(path).expanduser()
    data = _read(path)
    for entry in data["actors"]:
        if isinstance(entry, dict) and entry.get("id") == actor_id:
            aliases = entry.setdefault("aliases", [])
            if alias not in aliases:
                aliases.append(alias)
            break
    else:
        data["actors"].append({"id": actor_id, "aliases": [alias]})
    _write(path, data)


def add_merge(path: Path | str, from_id: str, into_id: str) -> None:
    """Record that actor ``from_id`` is the same as ``into_id`` (``merge: {from, into}``)."""
    path = Path(path).expanduser()
    if from_id == into_id:
        raise InputError(from_id, "cannot merge an actor into itself")
    data = _read(path)
    data["merge"].append({"from": from_id, "into": into_id})
    _write(path, data)
