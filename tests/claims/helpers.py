"""Shared helpers of the claims tests."""

from __future__ import annotations

from collections.abc import Callable

from detente.model import Claim

# the `run` fixture: run(text, published=...) -> (claims, actor id -> canonical name)
Run = Callable[..., tuple[list[Claim], dict[str, str]]]
