"""Shared helpers of the quantities tests."""

from __future__ import annotations

from collections.abc import Callable

from detente.model import Quantity

# the `run` fixture: run(text, published=...) -> (quantities, actor id -> canonical name)
Run = Callable[..., tuple[list[Quantity], dict[str, str]]]
