"""The actor base: states, organisations and people, loaded from data files.

Every ISO 3166 state comes from ``pycountry``; the shipped YAML files under
``detente/data/actors/`` add names, aliases, demonyms, capitals, organisations
and people; user files (``settings.actor_files``) merge over them, later files
winning.  The file format is documented in ``docs/actors.md``.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
import unicodedata
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, fields
from importlib import resources
from pathlib import Path
from typing import Any

import pycountry
import yaml

from ..datafiles import parse_yaml
from ..errors import InputError
from ..model import Actor, Role

KINDS = ("state", "person", "organization", "group")
SHIPPED_FILES = ("states.yaml", "organizations.yaml", "people.yaml")
# fields whose values accumulate over files instead of being replaced
LIST_FIELDS = ("aliases", "demonyms", "seats", "context_aliases", "ambiguous_aliases", "short", "about", "descriptions")
_SLUG = re.compile(r"[^a-z0-9]+")


def slug(text: str) -> str:
    """ASCII, lower-case, hyphenated form of a name ("Kim Jong Un" -> "kim-jong-un")."""
    return _SLUG.sub("-", fold(text).lower()).strip("-")


def fold(text: str) -> str:
    """Strip diacritics ("Erdoğan" -> "Erdogan")."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()


def iso_date(value: Any) -> str | None:
    """A date from YAML/CSV as an ISO string at its own precision (YYYY[-MM[-DD]])."""
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise ValueError(f"not an ISO date (YYYY, YYYY-MM or YYYY-MM-DD): {text!r}")
    return text


def day(value: str | None) -> str | None:
    """Pad a partial ISO date to a day so dates compare as strings."""
    if value is None:
        return None
    return value + "-01-01"[len(value) - 4:] if len(value) < 10 else value


@dataclass(slots=True)
class BaseRole:
    """An office in the base; ``office`` is its class ("foreign_minister")."""

    title: str
    of: str | None = None
    start: str | None = None
    end: str | None = None
    leader: bool = False
    office: str | None = None

    def holds(self, on: dt.date | None) -> bool:
        """Whether the office is held on a date (None: held now, i.e. no end)."""
        if on is None:
            return self.end is None
        d = on.isoformat()
        start, end = day(self.start), day(self.end)
        return (start is None or start <= d) and (end is None or d < end)


@dataclass(slots=True)
class BaseEntry:
    """One actor of the base with everything resolution needs."""

    id: str
    kind: str
    name: str
    code: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    demonyms: list[str] = field(default_factory=list)
    capital: str | None = None
    seats: list[str] = field(default_factory=list)
    context_aliases: list[str] = field(default_factory=list)
    ambiguous_aliases: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)
    gender: str | None = None
    roles: list[BaseRole] = field(default_factory=list)
    about: list[str] = field(default_factory=list)
    affiliation: str | None = None
    descriptions: list[str] = field(default_factory=list)  # "the agency", "the bloc"
    source: str = ""  # the file it was last set in, for error messages


ENTRY_FIELDS = {f.name for f in fields(BaseEntry)} - {"source"}


class ActorBase:
    """All known actors, with the indexes the resolver needs."""

    def __init__(self, surname_first: Iterable[str] = (), office_of: Any = None):
        self.entries: dict[str, BaseEntry] = {}
        self.redirects: dict[str, str] = {}  # merged-away id -> surviving id
        self.surname_first = set(surname_first)
        self._office_of = office_of  # title -> office class (from the lexicon)

    # -- lookups -----------------------------------------------------------
    def resolve_id(self, actor_id: str) -> str:
        """The surviving id of an actor after merges."""
        seen = set()
        while actor_id in self.redirects and actor_id not in seen:
            seen.add(actor_id)
            actor_id = self.redirects[actor_id]
        return actor_id

    def get(self, actor_id: str) -> BaseEntry | None:
        """The entry for an id (following merges), or None."""
        return self.entries.get(self.resolve_id(actor_id))

    def __contains__(self, actor_id: str) -> bool:
        return self.get(actor_id) is not None

    def __len__(self) -> int:
        return len(self.entries)

    def of_kind(self, kind: str) -> list[BaseEntry]:
        """All entries of one kind, in id order."""
        return [e for _, e in sorted(self.entries.items()) if e.kind == kind]

    def actor(self, actor_id: str, on: dt.date | None = None) -> Actor:
        """A fresh :class:`~detente.model.Actor` for a base entry (KeyError if unknown).

        A person's ``country`` is the state they act for on date ``on``: their
        base state, except while every office they hold belongs to an
        international organisation (a NATO secretary general acts for NATO).
        """
        e = self.get(actor_id)
        if e is None:
            raise KeyError(actor_id)
        country = e.country
        held = [r for r in e.roles if r.holds(on)]
        if e.kind == "person" and held and all((r.of or "").startswith("org:") for r in held):
            country = None
        return Actor(
            id=e.id, name=e.name, kind=e.kind, code=e.code, country=country,
            roles=[Role(r.title, r.of, r.start, r.end) for r in e.roles],
            aliases=list(e.aliases), about=list(e.about), affiliation=e.affiliation,
        )

    def holders(self, of: str, office: str, on: dt.date | None) -> list[str]:
        """Ids of people holding an office class of a state/org on a date.

        ``office == "leader"`` means the role flagged ``leader: true``.
        """
        out = []
        for pid, role in self._roles_by_of.get(of, []):
            if not role.holds(on):
                continue
            if (office == "leader" and role.leader) or role.office == office:
                out.append(pid)
        return out

    def short_forms(self, e: BaseEntry) -> list[str]:
        """The names a person is called by alone after being introduced."""
        if e.short:
            return list(e.short)
        return [surname(e.name, self.surname_first)]

    # -- building ------------------------------------------------------------
    def add(self, data: dict[str, Any], source: str, defaults: dict[str, Any] | None = None) -> None:
        """Merge one entry (a mapping as written in a data file) into the base."""
        data = {**(defaults or {}), **data}
        unknown = set(data) - ENTRY_FIELDS - {"remove_aliases"}
        if unknown:
            raise InputError(source, f"unknown field(s) {sorted(unknown)} in actor entry {data.get('id') or data.get('name')!r}; see docs/actors.md")
        actor_id = data.get("id") or _default_id(data, source)
        actor_id = self.resolve_id(str(actor_id))
        existing = self.entries.get(actor_id)
        if existing is None:
            if not data.get("name") or not data.get("kind"):
                raise InputError(source, f"actor {actor_id!r} is not in the base, so it needs a name and a kind")
            existing = BaseEntry(id=actor_id, kind=str(data["kind"]), name=str(data["name"]))
            self.entries[actor_id] = existing
        self._update(existing, data, source)

    def _update(self, e: BaseEntry, data: dict[str, Any], source: str) -> None:
        for key, value in data.items():
            if key in ("id", "remove_aliases") or value is None:
                continue
            if key in LIST_FIELDS:
                values = [value] if isinstance(value, str) else [str(v) for v in value]
                current: list[str] = getattr(e, key)
                current.extend(v for v in values if v not in current)
            elif key == "roles":
                e.roles = [self._role(r, source, e.id) for r in value]
            else:
                setattr(e, key, str(value) if key != "gender" else str(value)[:1].lower())
        for alias in data.get("remove_aliases") or []:
            if alias in e.aliases:
                e.aliases.remove(alias)
        if e.kind not in KINDS:
            raise InputError(source, f"actor {e.id!r}: kind must be one of {', '.join(KINDS)}, not {e.kind!r}")
        if e.kind == "state":
            e.code = e.code or e.id
            e.country = e.country or e.code
        e.source = source

    def _role(self, r: dict[str, Any], source: str, actor_id: str) -> BaseRole:
        if not isinstance(r, dict) or not r.get("title"):
            raise InputError(source, f"actor {actor_id!r}: each role needs at least a title")
        try:
            start, end = iso_date(r.get("start")), iso_date(r.get("end"))
        except ValueError as exc:
            raise InputError(source, f"actor {actor_id!r}: {exc}") from exc
        title = str(r["title"])
        office = r.get("office") or (self._office_of(title) if self._office_of else None)
        return BaseRole(title=title, of=r.get("of"), start=start, end=end,
                        leader=bool(r.get("leader")), office=office)

    def merge(self, from_id: str, into_id: str, source: str) -> None:
        """Fold actor ``from_id`` into ``into_id``: names become aliases, ids redirect."""
        src, dst = self.get(from_id), self.get(into_id)
        if src is None or dst is None:
            missing = from_id if src is None else into_id
            raise InputError(source, f"merge: actor {missing!r} is not in the base; check the id (`detente actors` lists them)")
        if src is dst:
            return
        for alias in [src.name, *src.aliases]:
            if alias not in dst.aliases and alias != dst.name:
                dst.aliases.append(alias)
        for key in ("demonyms", "seats", "context_aliases", "short", "about"):
            getattr(dst, key).extend(v for v in getattr(src, key) if v not in getattr(dst, key))
        if not dst.roles:
            dst.roles = src.roles
        del self.entries[src.id]
        self.redirects[src.id] = dst.id

    def finish(self) -> None:
        """Build the indexes once all files are loaded."""
        by_of: dict[str, list[tuple[str, BaseRole]]] = defaultdict(list)
        for e in self.entries.values():
            for role in e.roles:
                if role.of:
                    by_of[self.resolve_id(role.of)].append((e.id, role))
        self._roles_by_of = dict(by_of)


def surname(name: str, surname_first: set[str] | frozenset[str] = frozenset()) -> str:
    """The surname of a full name: the first word for surname-first names, else the last."""
    words = [w for w in name.replace(",", " ").split() if w not in ("Jr.", "Jr", "Sr.", "II", "III", "IV")]
    if not words:
        return name
    if len(words) > 1 and words[0] in surname_first:
        return words[0]
    return words[-1]


def _default_id(data: dict[str, Any], source: str) -> str:
    name, kind = data.get("name"), data.get("kind")
    if not name or not kind:
        raise InputError(source, "every actor entry needs an id, or a name and a kind to derive one")
    if kind == "state":
        raise InputError(source, f"state {name!r} needs its ISO 3166 alpha-3 code as id")
    prefix = "person" if kind == "person" else "org"
    return f"{prefix}:{slug(str(name))}"


# -- reading files -------------------------------------------------------------

def read_file(path: Path) -> dict[str, Any]:
    """Read one actor file (YAML or CSV) into ``{"defaults", "actors", "merge"}``."""
    if not path.exists():
        raise InputError(str(path), "actor file not found; fix the path in DETENTE_ACTORS/settings.actor_files")
    if path.suffix.lower() == ".csv":
        return {"actors": _read_csv(path), "merge": []}
    try:
        data = parse_yaml(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise InputError(str(path), f"not valid YAML: {exc}") from exc
    if isinstance(data, list):  # a bare list of entries is accepted too
        data = {"actors": data}
    if not isinstance(data, dict):
        raise InputError(str(path), "an actor file is a mapping with `actors:` (a list) and optionally `merge:`")
    return {"defaults": data.get("defaults") or {}, "actors": data.get("actors") or [], "merge": data.get("merge") or []}


def _read_csv(path: Path) -> list[dict[str, Any]]:
    """CSV rows -> entries; rows sharing an id add roles to one entry."""
    entries: dict[str, dict[str, Any]] = {}
    with path.open(newline="", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            row = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            key = row.get("id") or row.get("name", "")
            entry = entries.setdefault(key, {})
            for col in ("id", "kind", "name", "country", "gender", "code", "capital", "affiliation"):
                if row.get(col):
                    entry[col] = row[col]
            for col in ("aliases", "demonyms", "short", "about"):
                if row.get(col):
                    entry.setdefault(col, []).extend(a.strip() for a in row[col].split(";") if a.strip())
            if row.get("title"):
                entry.setdefault("roles", []).append(
                    {k: row.get(k) or None for k in ("title", "of", "start", "end")} | {"leader": row.get("leader") in ("1", "true", "yes")})
    return list(entries.values())


def _pycountry_entries(ignore: set[str]) -> Iterator[dict[str, Any]]:
    for c in pycountry.countries:
        names = []
        for attr in ("common_name", "name", "official_name"):
            value = getattr(c, attr, None)
            if value and "," not in value and "(" not in value and value not in ignore and value not in names:
                names.append(value)
        yield {"id": c.alpha_3, "kind": "state", "code": c.alpha_3, "name": names[0] if names else c.name, "aliases": names[1:]}


def shipped_paths() -> list[Path]:
    """The shipped actor files, in load order."""
    root = resources.files("detente") / "data" / "actors"
    return [Path(str(root / name)) for name in SHIPPED_FILES]


def load_base(extra_files: Iterable[Path | str] = (), *, lexicon: Any = None) -> ActorBase:
    """Load pycountry + shipped files + ``extra_files`` (later wins), then apply merges."""
    from .lexicon import load_lexicon

    lex = lexicon or load_lexicon()
    base = ActorBase(surname_first=lex.surname_first, office_of=lex.office_of)
    for entry in _pycountry_entries(set(lex.ignore_aliases)):
        base.add(entry, "pycountry")
    merges: list[tuple[str, str, str]] = []
    for path in [*shipped_paths(), *(Path(p).expanduser() for p in extra_files)]:
        data = read_file(path)
        for entry in data["actors"]:
            if not isinstance(entry, dict):
                raise InputError(str(path), f"each actor entry must be a mapping, got {entry!r}")
            base.add(entry, str(path), data.get("defaults"))
        for m in data["merge"]:
            if not isinstance(m, dict) or not m.get("from") or not m.get("into"):
                raise InputError(str(path), f"a merge entry needs `from` and `into` ids, got {m!r}")
            merges.append((str(m["from"]), str(m["into"]), str(path)))
    for src, dst, path_s in merges:
        base.merge(src, dst, path_s)
    base.finish()
    return base
