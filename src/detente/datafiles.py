"""One typed loader for the YAML data files under ``detente/data``.

A data file is a mapping whose keys are the fields of a frozen dataclass.
:func:`load` reads the file once and converts each value to its field's type
(``frozenset[str]`` from a list, ``dict[str, int]`` from a mapping, ...), so a
stage declares its word lists as a dataclass and never hand-writes a loader.
A wrong file fails with :class:`DataFileError` naming the file and the key.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml

T = TypeVar("T")

# libyaml's loader when PyYAML was built with it (PyPI's wheels are): the same safe
# tags and values, about ten times faster than the pure-Python one — the data files
# are read at every start-up, in every worker
_SAFE_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse_yaml(text: str) -> Any:
    """``yaml.safe_load(text)``, by libyaml when available (raises ``yaml.YAMLError`` alike)."""
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader, C or Python


class DataFileError(ValueError):
    """A data file is missing, unreadable, or has a key of the wrong shape."""

    def __init__(self, source: str, message: str, key: str | None = None):
        self.source = source
        self.key = key
        where = f"{source}: {key}: " if key else f"{source}: "
        super().__init__(where + message)


def read_yaml(name: str | Path) -> tuple[dict[str, Any], str]:
    """The mapping in a data file and its display name.

    ``name`` is a path inside ``detente/data`` ("events/words.yaml") or a
    :class:`~pathlib.Path` to a user's file.
    """
    if isinstance(name, Path):
        source = str(name)
        try:
            text = name.read_text(encoding="utf-8")
        except OSError as exc:
            raise DataFileError(source, f"cannot read the file ({exc.strerror})") from exc
    else:
        source = f"detente/data/{name}"
        text = resources.files("detente").joinpath("data", *name.split("/")).read_text(encoding="utf-8")
    try:
        raw = parse_yaml(text)
    except yaml.YAMLError as exc:
        raise DataFileError(source, f"not valid YAML ({exc})") from exc
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise DataFileError(source, "the file must hold a mapping of keys to word lists")
    return raw, source


def load(cls: type[T], name: str | Path, *, extends: Mapping[str, frozenset[str]] | None = None) -> T:
    """Read data file ``name`` into dataclass ``cls``.

    ``extends`` maps field names to a base word set (from ``data/linguistics.yaml``):
    the field is the base plus the words the file adds under that key (the key may
    be absent).  Unknown keys and missing keys without a default are errors.
    """
    raw, source = read_yaml(name)
    return build(cls, raw, source, extends=extends)


def build(cls: type[T], raw: Mapping[str, Any], source: str, *,
          extends: Mapping[str, frozenset[str]] | None = None) -> T:
    """Convert mapping ``raw`` (read from ``source``) into dataclass ``cls``; see :func:`load`."""
    if not dataclasses.is_dataclass(cls):
        raise TypeError(f"{cls!r} is not a dataclass")
    hints = typing.get_type_hints(cls)
    fields = {f.name: f for f in dataclasses.fields(cls) if f.init}
    unknown = sorted(set(raw) - set(fields))
    if unknown:
        raise DataFileError(source, f"unknown key (expected one of: {', '.join(sorted(fields))})", unknown[0])
    base = extends or {}
    values: dict[str, Any] = {}
    for fname, f in fields.items():
        if fname not in raw:
            if fname in base:
                values[fname] = frozenset(base[fname])
                continue
            if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                raise DataFileError(source, "missing key", fname)
            continue
        value = _convert(raw[fname], hints[fname], source, fname)
        if fname in base:
            value = frozenset(base[fname]) | value
        values[fname] = value
    return cls(**values)


def _convert(value: Any, hint: Any, source: str, key: str) -> Any:
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        inner = [a for a in args if a is not type(None)]
        for alt in inner[:-1]:  # the first alternative the value fits
            try:
                return _convert(value, alt, source, key)
            except DataFileError:
                continue
        return _convert(value, inner[-1], source, key)
    if origin in (frozenset, set, tuple, list):
        if value is None:
            value = []
        if not isinstance(value, list):
            raise DataFileError(source, f"expected a list, got {type(value).__name__}", key)
        item = args[0] if args else Any
        items = [_convert(v, item, source, key) for v in value]
        return origin(items) if origin is not list else items
    if origin is dict:
        if value is None:
            value = {}
        if not isinstance(value, dict):
            raise DataFileError(source, f"expected a mapping, got {type(value).__name__}", key)
        kt, vt = args if args else (Any, Any)
        return {_convert(k, kt, source, key): _convert(v, vt, source, f"{key}.{k}") for k, v in value.items()}
    if hint is Any:
        return value
    if hint is str:
        if isinstance(value, (dict, list)) or value is None:
            raise DataFileError(source, f"expected a word, got {type(value).__name__}", key)
        return str(value)
    if hint is bool:
        if not isinstance(value, bool):
            raise DataFileError(source, f"expected true or false, got {value!r}", key)
        return value
    if hint in (int, float):
        if isinstance(value, bool) or not isinstance(value, (int, float, str)):
            raise DataFileError(source, f"expected a number, got {value!r}", key)
        try:
            return hint(value)  # YAML reads "1.0e3" as a string
        except ValueError:
            raise DataFileError(source, f"expected a number, got {value!r}", key) from None
    return value
