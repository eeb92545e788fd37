"""Markdown front matter: a small YAML block, read with bounds.

YAML aliases let a 600-byte block stand for billions of values (``a: &a [x, x, …]``,
then nine levels of ``*a``): composing that costs nothing, but anything that walks the
result (a ``repr`` in an error message, a type check of every item) does not finish.
Front matter is a handful of metadata fields, so aliases are refused outright and the
block is limited in size; scalars stay strings (``BaseLoader``) so dates reach our own
date check.
"""

from __future__ import annotations

from typing import Any

import yaml

from detente.errors import InputError

MAX_FRONT_MATTER = 64 * 1024  # characters; real front matter is a few hundred


class _NoAliases(yaml.BaseLoader):
    """A BaseLoader that refuses aliases (``*name``) instead of sharing the node."""

    def compose_node(self, parent: Any, index: Any) -> Any:  # noqa: D401 - PyYAML's hook
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise _AliasFound(getattr(event, "anchor", None) or "?")
        return super().compose_node(parent, index)


class _AliasFound(Exception):
    def __init__(self, anchor: str):
        super().__init__(anchor)
        self.anchor = anchor


def load_front_matter(front: str, origin: str) -> Any:
    """The YAML value of a front-matter block; None when it is not valid YAML.

    Raises InputError (naming ``origin``) when the block is longer than
    MAX_FRONT_MATTER or uses a YAML alias.
    """
    if len(front) > MAX_FRONT_MATTER:
        raise InputError(
            origin,
            f"its front matter is {len(front)} characters, more than the limit of {MAX_FRONT_MATTER}; "
            "keep only the metadata fields (title, source, published, authors, url) there",
        )
    try:
        return yaml.load(front, Loader=_NoAliases)  # noqa: S506 - BaseLoader builds no objects
    except _AliasFound as exc:
        raise InputError(
            origin,
            f"its front matter uses a YAML alias (*{exc.anchor[:40]}); aliases are not allowed there, "
            "write the values out",
        ) from None
    except yaml.YAMLError:
        return None
